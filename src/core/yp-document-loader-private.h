/* yp-document-loader-private.h: what the tests may do to a loader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "yp-document-loader.h"

G_BEGIN_DECLS

/* Called in the worker thread at every step where the loader looks at
 * its cancellable, just before it looks: @phase is "parse" (a load) or
 * "write" (a cache written after the record was shown), @fraction how
 * far that phase is. A test cancels from here to stop the work at a
 * point it chooses. */
typedef void (*YpDocumentLoaderStepFunc) (YpDocumentLoader *self,
                                          const char       *phase,
                                          double            fraction,
                                          gpointer          user_data);

void yp_document_loader_set_step_func (YpDocumentLoader         *self,
                                       YpDocumentLoaderStepFunc  func,
                                       gpointer                  user_data);

G_END_DECLS
