/* yp-error.c: Yeonpyo's own error domain
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "yp-error"

#include "config.h"

#include "yp-error.h"

G_DEFINE_QUARK (yp-error-quark, yp_error)
