/* yp-cache.c: the SQLite cache of parsed timelines: when to use, build or
 * rebuild one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The tables and the file's lifecycle belong to yp-cache-db.c, reading
 * back to yp-cache-read.c, the input files' identity to yp-cache-inputs.c,
 * writing to yp-cache-writer.c (all at once) and yp-cache-stream.c (as the
 * reader reads); this file checks a cache and decides.
 *
 * A cache file is written once and never modified: a rebuild writes a new
 * file next to it and renames it over the old one. Readers therefore never
 * see a half-written cache, a process killed during a rebuild leaves the
 * old file (or none) plus a stray temporary file, and two processes that
 * share a cache never contend for a write lock. The file records
 *   PRAGMA user_version = YP_CACHE_SCHEMA_VERSION,
 *   meta(content_hash) = SHA-256 over the app version and every input file,
 *   inputs(path, ...)  = the timeline file and the source files it read,
 *                        each with its size, times and identity as hashed,
 * so a start-up can check it against the files without parsing any JSON
 * (yp-cache-inputs.c says when the hash is trusted without reading them).
 *
 * What a start-up logs: nothing when the cache is used or built for the
 * first time; one g_message() when an existing cache is rebuilt (damaged,
 * stale, another schema), saying why; one g_message() per folder and
 * process when no cache file can be kept and the timeline lives in memory;
 * one g_warning() when a value read back fails its checks after the
 * cache was opened (yp_cache_db_set_damaged()).
 */
#define G_LOG_DOMAIN "yp-cache"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "yp-cache-db.h"
#include "yp-cache-inputs-private.h"
#include "yp-cache-private.h"
#include "yp-cache-read.h"
#include "yp-cache-stream-private.h"
#include "yp-cache-writer-private.h"
#include "yp-cache.h"
#include "yp-error.h"
#include "yp-event-list-private.h"
#include "yp-file-bytes-private.h"
#include "yp-import.h"
#include "yp-source-list-private.h"

/* Caches smaller than this are checked whole when they are opened: the
 * shipped story's is about 0.5 MB. */
#define FULL_CHECK_BYTES (2 * 1024 * 1024)

void
yp_cache_report_clear (YpCacheReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->db_path, g_free);
  g_clear_pointer (&report->reason, g_free);
  g_clear_pointer (&report->moved_aside, g_free);
}

char *
yp_cache_default_dir (void)
{
  return g_build_filename (g_get_user_cache_dir (), "yeonpyo", NULL);
}

char *
yp_cache_path_for (const char *timeline_path,
                   const char *cache_dir)
{
  g_autofree char *abs = g_canonicalize_filename (timeline_path, NULL);
  g_autofree char *base = g_path_get_basename (abs);
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, abs, -1);
  g_autofree char *name = NULL;
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';
  /* Keyed by path: each timeline file gets its own cache. */
  name = g_strdup_printf ("%s-%.16s.sqlite", base, hash);
  return g_build_filename (cache_dir, name, NULL);
}

static const char *
col_text (sqlite3_stmt *stmt,
          int           col)
{
  return (const char *) sqlite3_column_text (stmt, col);
}

/* Reading */

static char *
meta_value (sqlite3    *db,
            const char *key)
{
  /* Before the schema version is known: no other column is named. */
  g_autoptr(sqlite3_stmt) st = yp_cache_db_prepare (db, "SELECT value FROM meta WHERE key = ?1", FALSE, NULL);

  if (st == NULL)
    return NULL;
  yp_cache_db_bind_text (st, 1, key);
  if (sqlite3_step (st) != SQLITE_ROW || sqlite3_column_type (st, 0) != SQLITE_TEXT)
    return NULL;
  return g_strdup (col_text (st, 0));
}

/* Reads the record from the cache @db, a connection to the file @path
 * (NULL: @db is an in-memory database, which the record's events then
 * take over, and *@dbp becomes NULL). The sources and the events stay in
 * the cache, read by the record's lists as they are asked for. @small: the whole
 * cache is small enough to check every event's rows now. */
static YpRecord *
read_record (sqlite3    **dbp,
             const char  *path,
             gboolean     small,
             GError     **error)
{
  g_autoptr(YpRecord) record = yp_record_new ();
  g_autoptr(YpEventList) events = NULL;
  g_autoptr(YpSourceList) sources = NULL;
  g_autoptr(YpCacheDb) cache = NULL;
  g_auto(YpCacheParts) parts = { 0 };

  if (!yp_cache_read_parts (*dbp, &parts, error))
    return NULL;
  yp_record_set_title (record, parts.title_ko, parts.title_en);
  for (guint i = 0; i < parts.problems->len; i++)
    yp_record_add_problem (record, g_ptr_array_index (parts.problems, i));
  yp_record_set_actors (record, parts.actors);
  yp_record_set_eras (record, parts.eras);

  if (path != NULL)
    {
      /* The events are read through a connection of their own that opens
       * the file as immutable: SQLite then takes no lock, where otherwise
       * each statement takes and drops the file's lock (two fcntl() and
       * an fstat()), which was most of the time spent making an event.
       * The file is never written once in place. */
      g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
      g_autofree char *immutable = uri ? g_strconcat (uri, "?immutable=1", NULL) : NULL;
      sqlite3 *own = immutable ? yp_cache_db_open_raw (immutable, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI |
                                                                  SQLITE_OPEN_NOMUTEX) : NULL;

      if (own == NULL)
        {
          g_set_error (error, YP_ERROR, YP_ERROR_CACHE_DAMAGED, "cannot open %s again", path);
          return NULL;
        }
      cache = yp_cache_db_new (own, path);
    }
  else
    cache = yp_cache_db_new (g_steal_pointer (dbp), NULL);
  sources = yp_source_list_new_for_cache (cache, small, error);
  if (sources == NULL)
    return NULL;
  yp_record_set_source_list (record, sources);
  events = yp_event_list_new_for_cache (cache, small, error);
  if (events == NULL)
    return NULL;
  yp_record_set_event_list (record, events);
  return g_steal_pointer (&record);
}

/* Validation: why the cache at @db cannot be used, or NULL when it can. */
static char *
check_cache (sqlite3   *db,
             gboolean   quick_check,
             gboolean  *damaged,
             gboolean  *hashed)
{
  g_autoptr(sqlite3_stmt) st = NULL;
  g_autoptr(GPtrArray) inputs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) fingerprints = g_array_new (FALSE, TRUE, sizeof (YpCacheFingerprint));
  g_autofree char *magic = NULL;
  g_autoptr(GHashTable) meta = NULL;
  g_autoptr(GError) meta_error = NULL;
  g_autofree char *current = NULL;
  int version;

  *damaged = FALSE;
  *hashed = FALSE;

  st = yp_cache_db_prepare (db, "PRAGMA user_version", FALSE, NULL);
  if (st == NULL || sqlite3_step (st) != SQLITE_ROW)
    {
      *damaged = TRUE;
      return g_strdup_printf ("it is not an SQLite database (%s)", sqlite3_errmsg (db));
    }
  version = sqlite3_column_int (st, 0);
  g_clear_pointer (&st, sqlite3_finalize);

  /* A cache of this schema has its meta rows checked first, so that a
   * damaged one is named as such. */
  if (version == YP_CACHE_SCHEMA_VERSION)
    {
      meta = yp_cache_read_meta (db, &meta_error);
      if (meta == NULL)
        {
          *damaged = TRUE;
          return g_strdup_printf ("reading it failed (%s)", meta_error->message);
        }
    }
  magic = meta != NULL ? g_strdup (g_hash_table_lookup (meta, "magic")) : meta_value (db, "magic");
  if (g_strcmp0 (magic, YP_CACHE_MAGIC) != 0)
    {
      *damaged = version != 0 || magic != NULL;
      return g_strdup ("it is not a Yeonpyo cache");
    }
  if (version != YP_CACHE_SCHEMA_VERSION)
    return g_strdup_printf ("it has schema version %d, this Yeonpyo uses %d", version, YP_CACHE_SCHEMA_VERSION);

  if (quick_check)
    {
      st = yp_cache_db_prepare (db, "PRAGMA quick_check", FALSE, NULL);
      if (st == NULL || sqlite3_step (st) != SQLITE_ROW || g_strcmp0 (col_text (st, 0), "ok") != 0)
        {
          g_autofree char *what = g_strdup (st ? (col_text (st, 0) ? col_text (st, 0) : "no answer")
                                               : sqlite3_errmsg (db));

          *damaged = TRUE;
          /* SQLite lists the damage on several lines; the log gets one. */
          g_strdelimit (what, "\r\n", ' ');
          if (g_utf8_strlen (what, -1) > 120)
            *g_utf8_offset_to_pointer (what, 120) = '\0';
          return g_strdup_printf ("the integrity check failed (%s)", what);
        }
      g_clear_pointer (&st, sqlite3_finalize);
    }

  {
    g_autofree char *sql = yp_cache_db_select_sql (YP_CACHE_TABLE_INPUTS, "ORDER BY seq");
    g_autoptr(GError) error = NULL;
    gint64 row = 0;
    int rc;

    st = yp_cache_db_prepare (db, sql, FALSE, &error);
    if (st == NULL)
      {
        *damaged = TRUE;
        return g_strdup_printf ("its list of input files cannot be read (%s)", error->message);
      }
    while ((rc = sqlite3_step (st)) == SQLITE_ROW)
      {
        YpCacheFingerprint fp = { 0 };

        if (!yp_cache_read_check_row (YP_CACHE_TABLE_INPUTS, st, row++, &error))
          {
            *damaged = TRUE;
            return g_strdup (error->message);
          }
        g_ptr_array_add (inputs, g_strdup (col_text (st, YP_COL_INPUTS_PATH)));
        fp.valid = TRUE;
        for (int col = YP_COL_INPUTS_SIZE; col <= YP_COL_INPUTS_DEVICE; col++)
          fp.valid = fp.valid && sqlite3_column_type (st, col) == SQLITE_INTEGER;
        if (fp.valid)
          {
            fp.size = sqlite3_column_int64 (st, YP_COL_INPUTS_SIZE);
            fp.mtime_ns = sqlite3_column_int64 (st, YP_COL_INPUTS_MTIME_NS);
            fp.ctime_ns = sqlite3_column_int64 (st, YP_COL_INPUTS_CTIME_NS);
            fp.inode = sqlite3_column_int64 (st, YP_COL_INPUTS_INODE);
            fp.device = sqlite3_column_int64 (st, YP_COL_INPUTS_DEVICE);
          }
        g_array_append_val (fingerprints, fp);
      }
    if (!yp_cache_db_rows_done (db, rc, &error))
      {
        *damaged = TRUE;
        return g_strdup_printf ("its list of input files cannot be read (%s)", error->message);
      }
  }
  /* The files are as they were hashed: the stored hash still holds. */
  if (yp_cache_inputs_unchanged (inputs, fingerprints))
    return NULL;
  *hashed = TRUE;
  current = yp_cache_content_hash (inputs, NULL);
  if (current == NULL)
    return g_strdup ("a file it was built from is gone or unreadable");
  if (g_strcmp0 (g_hash_table_lookup (meta, "content_hash"), current) != 0)
    return g_strdup ("the timeline or its sources changed since it was built");
  return NULL;
}

static sqlite3 *
open_db (const char *path,
         int         flags)
{
  return yp_cache_db_open_raw (path, flags);
}

/* The first time in this process that @dir cannot hold a cache: the
 * in-memory fallback is said once, not at every reload. */
static gboolean
first_time_without_cache (const char *dir)
{
  static GMutex lock;
  static GHashTable *said;
  gboolean first;

  g_mutex_lock (&lock);
  if (said == NULL)
    said = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  first = g_hash_table_add (said, g_strdup (dir));
  g_mutex_unlock (&lock);
  return first;
}


static YpRecord *
read_file (const char *db_path,
           GError    **error)
{
  sqlite3 *db = open_db (db_path, SQLITE_OPEN_READONLY);
  YpRecord *record;

  if (db == NULL)
    {
      g_set_error (error, YP_ERROR, YP_ERROR_CACHE_DAMAGED, "cannot open %s", db_path);
      return NULL;
    }
  record = read_record (&db, db_path, FALSE, error);
  g_clear_pointer (&db, sqlite3_close);
  return record;
}

struct _YpCacheWrite {
  char      *timeline_path;
  char      *cache_dir;
  char      *db_path;
  char      *reason;       /* why it is written */
  char      *moved_aside;  /* where a damaged cache went, or NULL */
  gboolean   first_build;
  YpRecord  *record;       /* as parsed; only read while writing */
  GPtrArray *inputs;
  GArray    *seen;         /* the inputs as the parse left them */
  gboolean   written;
  gboolean   ran;
};

void
yp_cache_write_free (YpCacheWrite *write)
{
  if (write == NULL)
    return;
  g_free (write->timeline_path);
  g_free (write->cache_dir);
  g_free (write->db_path);
  g_free (write->reason);
  g_free (write->moved_aside);
  g_clear_object (&write->record);
  g_clear_pointer (&write->inputs, g_ptr_array_unref);
  g_clear_pointer (&write->seen, g_array_unref);
  g_free (write);
}

/* More events than this are written to the cache as they are read
 * (yp-cache-stream.c), none kept. */
static guint stream_threshold = YP_CACHE_PARSED_FIRST_MAX;

void
yp_cache_set_stream_threshold (guint n_events)
{
  stream_threshold = n_events;
}

static void
say_rebuilt (const char *db_path,
             const char *reason,
             gboolean    first_build,
             const char *moved_aside)
{
  /* A first build is not news; a rebuild is, once, with its cause. */
  if (first_build)
    g_debug ("cache %s built: %s", db_path, reason);
  else if (moved_aside != NULL)
    g_message ("Rebuilt the cache %s: %s; the old file was moved to %s", db_path, reason, moved_aside);
  else
    g_message ("Rebuilt the cache %s: %s", db_path, reason);
}

/* A new cache @db_path is in place and read back: said in @report and,
 * for a rebuild, in the log. */
static void
report_built (YpCacheReport *report,
              const char    *db_path,
              const char    *reason,
              gboolean       first_build)
{
  report->outcome = YP_CACHE_BUILT;
  report->db_path = g_strdup (db_path);
  report->reason = g_strdup_printf ("cache %s rebuilt: %s", db_path, reason);
  say_rebuilt (db_path, reason, first_build, report->moved_aside);
  yp_cache_db_remove_stale_temporaries (db_path);
}

/* Why no cache file was written: the files changed after they were read
 * (said each time), or @cache_dir cannot take one (said once). */
static void
say_not_written (const char   *cache_dir,
                 const GError *error)
{
  if (g_error_matches (error, YP_ERROR, YP_ERROR_CHANGED))
    g_message ("%s", error->message);
  else if (first_time_without_cache (cache_dir))
    g_message ("Cannot keep a cache in %s (%s); the timeline is kept in memory for this session",
               cache_dir, error ? error->message : "unknown error");
  else
    g_debug ("Cannot keep a cache in %s (%s); in memory again",
             cache_dir, error ? error->message : "unknown error");
}

static YpRecord *
load (const char            *timeline_path,
      const char            *cache_dir,
      const YpCacheMonitor  *monitor,
      YpCacheReport         *report,
      YpCacheWrite         **later,
      GError               **error)
{
  g_autofree char *default_dir = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *reason = NULL;
  g_autoptr(GPtrArray) inputs = NULL;
  g_autoptr(GHashTable) read_as = NULL;
  g_autoptr(YpRecord) parsed = NULL;
  g_autoptr(GError) local_error = NULL;
  YpCacheReport dummy = { 0 };
  YpRecord *record;
  sqlite3 *db;
  GStatBuf st;
  gboolean first_build = FALSE;
  gboolean large = FALSE;
  gboolean written;

  g_return_val_if_fail (timeline_path != NULL, NULL);

  if (later != NULL)
    *later = NULL;
  if (report == NULL)
    report = &dummy;
  memset (report, 0, sizeof *report);

  if (cache_dir == NULL)
    cache_dir = default_dir = yp_cache_default_dir ();
  db_path = yp_cache_path_for (timeline_path, cache_dir);

  /* 1. A cache that is there and valid is used as it is. If it is not,
   * but another process has put a new one in place meanwhile (found by
   * the file's identity), that one is looked at instead. */
  for (guint attempt = 0; ; attempt++)
    {
      gboolean damaged = FALSE;
      GStatBuf now;

      g_clear_pointer (&reason, g_free);
      if (g_stat (db_path, &st) != 0)
        {
          first_build = TRUE;
          reason = g_strdup ("there is none yet");
          break;
        }
      db = open_db (db_path, SQLITE_OPEN_READONLY);
      if (db == NULL)
        {
          damaged = TRUE;
          reason = g_strdup ("it cannot be opened");
        }
      else
        {
          /* quick_check reads every page, about 3 ms a megabyte here: at
           * 10,000 events (6 MB) it and the citations' check were 19 ms of
           * a 250 ms open. Larger caches are checked as their events are
           * made (yp-event-list.c). */
          gboolean small = st.st_size < FULL_CHECK_BYTES;

          reason = check_cache (db, small, &damaged, &report->hashed_inputs);
          if (reason == NULL)
            {
              record = read_record (&db, db_path, small, &local_error);
              g_clear_pointer (&db, sqlite3_close);
              if (record != NULL)
                {
                  report->outcome = YP_CACHE_REUSED;
                  report->db_path = g_strdup (db_path);
                  yp_cache_db_remove_stale_temporaries (db_path);
                  yp_cache_report_clear (&dummy);
                  return record;
                }
              damaged = TRUE;
              reason = g_strdup_printf ("reading it failed (%s)", local_error->message);
              g_clear_error (&local_error);
            }
          else
            sqlite3_close (db);
        }
      if (attempt < 2 && g_stat (db_path, &now) == 0 && !yp_cache_db_same_file (&now, &st))
        continue;
      if (damaged)
        report->moved_aside = yp_cache_db_move_aside (db_path, &st);
      break;
    }

  /* 2. Parse the files: either format, a Yeonpyo timeline or a TimelineJS
   * document. A timeline too large to keep in memory (more events than
   * stream_threshold, or more memory than its file's size allows,
   * yp_cache_stream_keeps()) has its events written to a new cache file
   * as they are read, and is then read back from it as in step 3. */
  if (!yp_cache_monitor_step (monitor, 0, 1, error))
    {
      yp_cache_report_clear (&dummy);
      return NULL;
    }
  {
    YpCacheStream stream;
    YpEventSink sink;
    g_autoptr(GArray) seen = NULL;

    yp_cache_stream_init (&stream, db_path, stream_threshold, monitor, &sink);

    yp_file_bytes_watch_begin ();
    parsed = yp_import_load_file_streaming (timeline_path, &inputs, &sink, &local_error);
    read_as = yp_file_bytes_watch_end ();
    large = stream.large;
    if (parsed != NULL)
      seen = yp_cache_inputs_seen (inputs, read_as);
    /* A stop after the reader's last look at the monitor is seen
     * here. */
    if (parsed != NULL && !yp_cache_monitor_step (monitor, 0, 1, &local_error))
      g_clear_object (&parsed);
    if (stream.streaming && parsed != NULL && !stream.failed &&
        yp_cache_stream_finish (&stream, parsed, inputs, seen, &local_error))
      {
        g_clear_object (&parsed);
        record = read_file (db_path, &local_error);
        if (record != NULL)
          {
            report->streamed = TRUE;
            report_built (report, db_path, reason, first_build);
            yp_cache_report_clear (&dummy);
            return record;
          }
        stream.failed = TRUE;
      }
    yp_cache_stream_discard (&stream);
    if (yp_cache_is_cancelled (local_error))
      {
        g_propagate_error (error, g_steal_pointer (&local_error));
        yp_cache_report_clear (&dummy);
        return NULL;
      }
    if (stream.failed)
      {
        /* The events are gone with the cache that failed: read them again
         * and keep them, in memory. */
        say_not_written (cache_dir, local_error);
        g_clear_object (&parsed);
        g_clear_pointer (&inputs, g_ptr_array_unref);
        parsed = yp_import_load_file (timeline_path, &inputs, error);
        if (parsed == NULL)
          {
            yp_cache_report_clear (&dummy);
            return NULL;
          }
        goto in_memory;
      }
    if (parsed == NULL)
      {
        g_propagate_error (error, g_steal_pointer (&local_error));
        yp_cache_report_clear (&dummy);
        return NULL;
      }
  }

  /* 2b. Asked to, and small enough to keep in memory: the caller shows
   * the record as parsed and has the cache written meanwhile. (A large
   * one is here only when its cache could not be opened for streaming.) */
  if (later != NULL && !large &&
      yp_event_list_get_size (YP_EVENT_LIST (yp_record_get_events (parsed))) <= YP_CACHE_PARSED_FIRST_MAX)
    {
      YpCacheWrite *write = g_new0 (YpCacheWrite, 1);

      write->timeline_path = g_strdup (timeline_path);
      write->cache_dir = g_strdup (cache_dir);
      write->db_path = g_strdup (db_path);
      write->reason = g_strdup (reason);
      write->moved_aside = g_strdup (report->moved_aside);
      write->first_build = first_build;
      write->record = g_object_ref (parsed);
      write->seen = yp_cache_inputs_seen (inputs, read_as);
      write->inputs = g_steal_pointer (&inputs);
      *later = write;
      report->outcome = YP_CACHE_PARSED;
      report->reason = g_strdup_printf ("cache %s to be written: %s", db_path, reason);
      yp_cache_report_clear (&dummy);
      return g_steal_pointer (&parsed);
    }

  /* 3. Write a new cache file and read the record back from it, so the
   * window always shows what the cache holds. */
  {
    g_autoptr(GArray) seen = yp_cache_inputs_seen (inputs, read_as);

    written = yp_cache_write_file (db_path, parsed, inputs, seen, monitor, &local_error);
  }
  if (written)
    {
      record = read_file (db_path, &local_error);
      if (record != NULL)
        {
          report_built (report, db_path, reason, first_build);
          yp_cache_report_clear (&dummy);
          return record;
        }
    }
  if (yp_cache_is_cancelled (local_error))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      yp_cache_report_clear (&dummy);
      return NULL;
    }

  /* 4. The folder is not writable (or full), or the files changed since
   * they were read: keep the cache in memory. */
  say_not_written (cache_dir, local_error);
in_memory:
  db = open_db (":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_MEMORY);
  if (db != NULL)
    {
      g_autoptr(GError) mem_error = NULL;
      g_autofree char *hash = yp_cache_content_hash (inputs, NULL);

      if (yp_cache_write_record (db, parsed, inputs, NULL, hash ? hash : "unreadable", NULL, &mem_error))
        record = read_record (&db, NULL, TRUE, &mem_error);
      else
        record = NULL;
      g_clear_pointer (&db, sqlite3_close);
      if (record != NULL)
        {
          report->outcome = YP_CACHE_MEMORY;
          report->reason = g_strdup_printf ("no cache file: %s",
                                            local_error ? local_error->message : "unknown error");
          yp_cache_report_clear (&dummy);
          return record;
        }
    }

  /* Even SQLite in memory failed: the parsed record is still good. */
  report->outcome = YP_CACHE_MEMORY;
  report->reason = g_strdup ("no cache could be made; using the parsed files directly");
  yp_cache_report_clear (&dummy);
  return g_steal_pointer (&parsed);
}

YpRecord *
yp_cache_load (const char    *timeline_path,
               const char    *cache_dir,
               YpCacheReport *report,
               GError       **error)
{
  return load (timeline_path, cache_dir, NULL, report, NULL, error);
}

YpRecord *
yp_cache_load_parsed_first (const char            *timeline_path,
                            const char            *cache_dir,
                            const YpCacheMonitor  *monitor,
                            YpCacheReport         *report,
                            YpCacheWrite         **write,
                            GError               **error)
{
  g_return_val_if_fail (write != NULL, NULL);
  return load (timeline_path, cache_dir, monitor, report, write, error);
}

gboolean
yp_cache_write_run (YpCacheWrite          *write,
                    const YpCacheMonitor  *monitor,
                    GError               **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (write != NULL && !write->ran, FALSE);

  write->ran = TRUE;
  write->written = yp_cache_write_file (write->db_path, write->record, write->inputs, write->seen, monitor, &local_error);
  if (write->written)
    {
      say_rebuilt (write->db_path, write->reason, write->first_build, write->moved_aside);
      yp_cache_db_remove_stale_temporaries (write->db_path);
      return TRUE;
    }
  if (!yp_cache_is_cancelled (local_error))
    say_not_written (write->cache_dir, local_error);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

const char *
yp_cache_write_get_db_path (YpCacheWrite *write)
{
  g_return_val_if_fail (write != NULL, NULL);
  return write->written ? write->db_path : NULL;
}

void
yp_cache_write_finish (YpCacheWrite *write)
{
  sqlite3 *db;

  g_return_if_fail (write != NULL && write->ran);

  if (!write->written)
    return;
  /* The list keeps its events in memory; the cache serves its search. */
  db = yp_cache_db_open_raw (write->db_path, SQLITE_OPEN_READONLY);
  if (db != NULL)
    {
      g_autoptr(YpCacheDb) cache = yp_cache_db_new (db, write->db_path);

      yp_event_list_set_cache_db (YP_EVENT_LIST (yp_record_get_events (write->record)), cache);
    }
}
