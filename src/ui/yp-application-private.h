/* yp-application-private.h: what the tests may ask of the application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "yp-application.h"

G_BEGIN_DECLS

/* The file is read by a YpDocumentLoader in a worker thread; a read that
 * takes longer than @delay_ms (300 by default; 0: at once) shows a window
 * that says so. */
void           yp_application_set_opening_delay  (YpApplication *self,
                                                  int            delay_ms);
/* How many files are being read. */
guint          yp_application_get_n_opening      (YpApplication *self);
/* How many caches are being written for windows that show their
 * timeline as parsed (yp_document_loader_write_cache_async()); *@waiting
 * (may be NULL): how many of them wait for their window's first frame. */
guint          yp_application_get_n_writing      (YpApplication *self,
                                                  guint         *waiting);

G_END_DECLS
