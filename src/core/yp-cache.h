/* yp-cache.h: the SQLite cache of parsed timelines
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "yp-cache-monitor.h"
#include "yp-record.h"

G_BEGIN_DECLS

typedef enum {
  YP_CACHE_REUSED,   /* read from a valid cache file */
  YP_CACHE_BUILT,    /* parsed, written to a new cache file, read back */
  YP_CACHE_MEMORY,   /* parsed into an in-memory database: no writable cache */
  YP_CACHE_PARSED,   /* parsed, the cache still to write (yp_cache_load_parsed_first()) */
} YpCacheOutcome;

/* The most events yp_cache_load_parsed_first() gives as parsed, before
 * their cache is written: they are all in memory for the session (about
 * 0.9 KB each). Larger timelines have their events written to a new cache
 * as they are read, none kept, and are shown from the cache. */
#define YP_CACHE_PARSED_FIRST_MAX 200000
/* Nor is a timeline kept as parsed when its reader estimates that
 * keeping it would take more than 3 times the file's size, or 64 MB for
 * a smaller file (yp_cache_stream_keeps(), yp-cache-stream-private.h):
 * its events are written to the cache as they are read, as a larger
 * one's are. So a first open holds at most about that much. */

typedef struct _YpCacheWrite YpCacheWrite;

typedef struct {
  YpCacheOutcome outcome;
  char          *db_path;     /* the cache file, NULL in memory */
  char          *reason;      /* why it was (re)built or kept in memory, or NULL */
  char          *moved_aside; /* where a damaged cache was moved, or NULL */
  gboolean       hashed_inputs; /* an existing cache was checked by hashing
                                 * its input files: they were not as it
                                 * recorded them (size, times, identity) */
  gboolean       streamed;    /* built with the events written as they were
                               * read, never all in memory at once */
} YpCacheReport;

void       yp_cache_report_clear   (YpCacheReport *report);

/* The folder caches live in: $XDG_CACHE_HOME/yeonpyo. */
char      *yp_cache_default_dir    (void);

/* The cache file for @timeline_path inside @cache_dir. */
char      *yp_cache_path_for       (const char    *timeline_path,
                                    const char    *cache_dir);

/* Opens the timeline at @timeline_path through its cache in @cache_dir
 * (NULL: the default folder). A valid cache is read as it is; a missing,
 * stale, foreign or damaged one is rebuilt from the files (a damaged one
 * is first moved aside) in a new file renamed into place, so a crash never
 * leaves half a cache. When the folder cannot be written the timeline is
 * parsed into an in-memory database instead. A timeline of more than
 * YP_CACHE_PARSED_FIRST_MAX events is written to the new file as it is
 * read (report->streamed), and read again into memory only if that write
 * fails.
 *
 * Returns NULL only when the timeline itself cannot be read at all. */
YpRecord  *yp_cache_load           (const char    *timeline_path,
                                    const char    *cache_dir,
                                    YpCacheReport *report,
                                    GError       **error);

/* yp_cache_load(), followed and stopped through @monitor (may be NULL),
 * except that when the timeline must be parsed (no
 * valid cache) and has at most YP_CACHE_PARSED_FIRST_MAX events, the
 * record comes back as parsed, in memory, before its cache is written;
 * *@write is then the write still to do (otherwise NULL). A window can
 * show the record at once while yp_cache_write_run() writes the cache in
 * another thread: the record is only read meanwhile. */
YpRecord  *yp_cache_load_parsed_first (const char    *timeline_path,
                                    const char    *cache_dir,
                                    const YpCacheMonitor *monitor,
                                    YpCacheReport *report,
                                    YpCacheWrite **write,
                                    GError       **error);
/* Hashes the inputs and writes the cache as yp_cache_load() would, with
 * the same messages; any thread, once. FALSE with @error set when the
 * folder cannot take it or @monitor's cancellable stopped it (the record
 * then stays in memory). */
gboolean    yp_cache_write_run      (YpCacheWrite  *write,
                                    const YpCacheMonitor *monitor,
                                    GError       **error);
/* The cache written, or NULL: not run yet, or failed. */
const char *yp_cache_write_get_db_path (YpCacheWrite *write);
/* After yp_cache_write_run(), on the thread that uses the record: when
 * the cache was written, the record's event list holds it (a search made
 * after uses the cache's index). Its events stay in memory. */
void        yp_cache_write_finish   (YpCacheWrite  *write);
void        yp_cache_write_free     (YpCacheWrite  *write);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (YpCacheWrite, yp_cache_write_free)

G_END_DECLS
