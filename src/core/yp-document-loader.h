/* yp-document-loader.h: opens a timeline file through its cache, in a
 * worker thread, with progress and Cancel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "yp-record.h"

G_BEGIN_DECLS

#define YP_TYPE_DOCUMENT_LOADER (yp_document_loader_get_type ())

G_DECLARE_FINAL_TYPE (YpDocumentLoader, yp_document_loader, YP, DOCUMENT_LOADER, GObject)

/* A loader for the local file @file, used for one load. */
YpDocumentLoader *yp_document_loader_new              (GFile             *file);
GFile            *yp_document_loader_get_file         (YpDocumentLoader  *self);
/* How far the load is, from 0 to 1: it only grows, and is notified in
 * the main context of the thread that started the load. */
double            yp_document_loader_get_fraction     (YpDocumentLoader  *self);

/* Reads the file through its cache (yp-cache.h) in a worker thread. A
 * valid cache is read as it is. Otherwise the file is parsed: a timeline
 * of at most YP_CACHE_PARSED_FIRST_MAX events comes back as parsed, its
 * cache still to write (yp_document_loader_write_cache_async()), so that
 * it can be shown first; a larger one has its events written to the
 * cache as they are read, and comes back from the cache.
 *
 * @cancellable stops the work where it is, in the parse or in the cache
 * write: the load then fails with G_IO_ERROR_CANCELLED and leaves no
 * cache file behind, and a later load starts afresh. Otherwise it fails
 * only when the file cannot be read at all (YP_ERROR). */
void              yp_document_loader_load_async       (YpDocumentLoader     *self,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
YpRecord         *yp_document_loader_load_finish      (YpDocumentLoader     *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);
/* The same in the calling thread. */
YpRecord         *yp_document_loader_load             (YpDocumentLoader     *self,
                                                       GCancellable         *cancellable,
                                                       GError              **error);

/* After a load: whether the record came back as parsed, with its cache
 * still to write. */
gboolean          yp_document_loader_get_cache_pending (YpDocumentLoader    *self);
/* Writes that cache in a worker thread (at once TRUE when none is
 * pending). The record is only read meanwhile; once the cache is in
 * place, _finish(), called in the thread that uses the record, has the
 * record search through it. A failure to write leaves the record in
 * memory (a message says why); a cancelled write leaves no file and
 * fails with G_IO_ERROR_CANCELLED. */
void              yp_document_loader_write_cache_async (YpDocumentLoader    *self,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
gboolean          yp_document_loader_write_cache_finish (YpDocumentLoader   *self,
                                                         GAsyncResult       *result,
                                                         GError            **error);

G_END_DECLS
