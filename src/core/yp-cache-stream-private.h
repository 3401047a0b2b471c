/* yp-cache-stream-private.h: the streaming writer; private to the cache
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "yp-cache-writer-private.h"
#include "yp-event-sink.h"

G_BEGIN_DECLS

/* One cache file written as a load reads its events. */
typedef struct {
  const char           *db_path;
  guint                 threshold;  /* more events than this are streamed */
  const YpCacheMonitor *monitor;
  char                 *tmp_path;
  sqlite3              *db;
  YpCacheEventWriter    writer;
  gboolean              large;      /* too large to keep as parsed */
  gboolean              streaming;  /* begin() took the events */
  gboolean              failed;     /* writing them failed: the error is the sink's */
} YpCacheStream;

/* The most a load may take to be kept as parsed: this many times its
 * file's size, or this much for a smaller file. */
#define YP_CACHE_KEPT_FILE_RATIO 3
#define YP_CACHE_KEPT_MIN_BYTES (G_GUINT64_CONSTANT (64) * 1024 * 1024)

/* Whether a load of @n_events from a file of @file_bytes, whose reader
 * estimates that keeping them takes @kept_bytes, may keep them as
 * parsed: at most @max_events of them, and the estimate within
 * YP_CACHE_KEPT_FILE_RATIO times the file's size or
 * YP_CACHE_KEPT_MIN_BYTES. */
gboolean  yp_cache_stream_keeps   (guint                  n_events,
                                   guint64                file_bytes,
                                   guint64                kept_bytes,
                                   guint                  max_events);
/* Readies @stream to write the cache @db_path, and @sink to hand it the
 * events of a load (yp_import_load_file_streaming()) too large to keep
 * (yp_cache_stream_keeps(), with @threshold events at most). */
void      yp_cache_stream_init    (YpCacheStream         *stream,
                                   const char            *db_path,
                                   guint                  threshold,
                                   const YpCacheMonitor  *monitor,
                                   YpEventSink           *sink);
/* Drops what was written, temporary file included. */
void      yp_cache_stream_discard (YpCacheStream         *stream);
/* The rest of the cache, from the record as loaded, and the file put in
 * place, if the inputs are still as @seen (yp_cache_inputs_seen(), taken
 * when the parse was done) says: otherwise nothing is written, and
 * @stream has failed with YP_ERROR_CHANGED. */
gboolean  yp_cache_stream_finish  (YpCacheStream         *stream,
                                   YpRecord              *parsed,
                                   GPtrArray             *inputs,
                                   GArray                *seen,
                                   GError               **error);

G_END_DECLS
