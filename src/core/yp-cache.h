/* yp-cache.h: the SQLite cache of parsed timelines
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib/gstdio.h>

#include "yp-record.h"

G_BEGIN_DECLS

/* Bump when the tables or what the loader puts in them change: every
 * existing cache is then rebuilt on its next use. */
#define YP_CACHE_SCHEMA_VERSION 4

typedef enum {
  YP_CACHE_REUSED,   /* read from a valid cache file */
  YP_CACHE_BUILT,    /* parsed, written to a new cache file, read back */
  YP_CACHE_MEMORY,   /* parsed into an in-memory database: no writable cache */
} YpCacheOutcome;

typedef struct {
  YpCacheOutcome outcome;
  char          *db_path;     /* the cache file, NULL in memory */
  char          *reason;      /* why it was (re)built or kept in memory, or NULL */
  char          *moved_aside; /* where a damaged cache was moved, or NULL */
  gboolean       hashed_inputs; /* an existing cache was checked by hashing
                                 * its input files: they were not as it
                                 * recorded them (size, times, identity) */
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
 * parsed into an in-memory database instead.
 *
 * Returns NULL only when the timeline itself cannot be read at all. */
YpRecord  *yp_cache_load           (const char    *timeline_path,
                                    const char    *cache_dir,
                                    YpCacheReport *report,
                                    GError       **error);

/* Moves the cache @db_path aside as damaged, so that the next
 * yp_cache_load() rebuilds it, unless it is no longer the file @seen
 * (another process put a new one in place). For what is found damaged
 * after it was opened. */
void       yp_cache_set_aside      (const char     *db_path,
                                    const GStatBuf *seen);

G_END_DECLS
