/* yp-cache-writer-private.h: writing a cache file; private to the cache
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "yp-cache-monitor.h"
#include "yp-record.h"

G_BEGIN_DECLS

/* Writes the events, one at a time in the record's order, and keeps what
 * the event_columns and categories tables are made of; and the sources,
 * one at a time too. */
typedef struct {
  sqlite3      *db;
  sqlite3_stmt *event;
  sqlite3_stmt *citation;
  sqlite3_stmt *actor;
  sqlite3_stmt *fts;
  sqlite3_stmt *source;
  sqlite3_stmt *source_fts;
  guint         n;
  guint         n_sources;
  GArray       *anchors;     /* gint64, by seq */
  GArray       *starts;
  GArray       *ends;
  GPtrArray    *categories;  /* (char *), in order of first use; "" for none */
  GHashTable   *seen_categories;
} YpCacheEventWriter;

void      yp_cache_event_writer_clear  (YpCacheEventWriter    *w);
/* Starts the transaction that writes the whole cache into the empty
 * database @db, and readies @w for its events. */
gboolean  yp_cache_event_writer_begin  (YpCacheEventWriter    *w,
                                        sqlite3               *db,
                                        GError               **error);
/* The next event, whose seq (its position) is the number written before
 * it. */
gboolean  yp_cache_event_writer_add    (YpCacheEventWriter    *w,
                                        YpEvent               *e,
                                        GError               **error);
/* The next source, whose seq is the number written before it. The
 * record's own sources are written after those added so. */
gboolean  yp_cache_event_writer_add_source (YpCacheEventWriter *w,
                                            YpSource           *s,
                                            GError            **error);
/* Everything but the events, then the commit. @fingerprints (may be
 * NULL) holds one YpCacheFingerprint per input. */
gboolean  yp_cache_event_writer_finish (YpCacheEventWriter    *w,
                                        YpRecord              *record,
                                        GPtrArray             *inputs,
                                        GArray                *fingerprints,
                                        const char            *content_hash,
                                        GError               **error);

/* The whole record into the empty database @db. */
gboolean  yp_cache_write_record        (sqlite3               *db,
                                        YpRecord              *record,
                                        GPtrArray             *inputs,
                                        GArray                *fingerprints,
                                        const char            *content_hash,
                                        const YpCacheMonitor  *monitor,
                                        GError               **error);
/* The record into a temporary file renamed to @db_path when complete;
 * stopped through @monitor, it leaves no file. */
gboolean  yp_cache_build_file          (const char            *db_path,
                                        YpRecord              *record,
                                        GPtrArray             *inputs,
                                        GArray                *fingerprints,
                                        const char            *hash,
                                        const YpCacheMonitor  *monitor,
                                        GError               **error);
/* Hashes the inputs and writes the cache file, if they are still as
 * @seen (yp_cache_inputs_seen()) says; otherwise, or when the file
 * cannot be written, FALSE with @error set. */
gboolean  yp_cache_write_file          (const char            *db_path,
                                        YpRecord              *parsed,
                                        GPtrArray             *inputs,
                                        GArray                *seen,
                                        const YpCacheMonitor  *monitor,
                                        GError               **error);

G_END_DECLS
