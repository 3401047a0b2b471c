/* yp-opening-window-private.h: what the tests may ask of the "Opening"
 * window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "yp-opening-window.h"

G_BEGIN_DECLS

/* The text of the label that counts the seconds. */
const char *yp_opening_window_get_elapsed_text (YpOpeningWindow *self);

G_END_DECLS
