/* yp-memory.h: asking the kernel for large pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean yp_memory_use_huge_pages (void);
void     yp_memory_give_back      (void);
char    *yp_memory_alloc_large    (gsize size);

G_END_DECLS
