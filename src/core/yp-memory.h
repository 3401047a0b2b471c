/* yp-memory.h: asking the kernel for large pages, and mapping large files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean yp_memory_use_huge_pages (void);
void     yp_memory_give_back      (void);
char    *yp_memory_alloc_large    (gsize size);

char    *yp_memory_map_file       (int         fd,
                                   gsize       length);
gboolean yp_memory_is_mapped      (const char *data);
gboolean yp_memory_file_changed   (const char *data);
void     yp_memory_release_pages  (const char *data,
                                   gsize       from,
                                   gsize       to);
void     yp_memory_unmap_file     (char       *data);

G_END_DECLS
