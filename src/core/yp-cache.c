/* yp-cache.c: the SQLite cache of parsed timelines: when to use, build or
 * rebuild one, and the writer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The tables and the file's lifecycle belong to yp-cache-db.c, reading
 * back to yp-cache-read.c; this file decides and writes.
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
 * so a start-up can check it against the files without parsing any JSON.
 * When every input still has the size, modification and change times and
 * identity it had when it was hashed, the hash is trusted without reading
 * the files again: that read was 40% of a warm start at 100,000 events.
 * The change time (ctime) cannot be set back by a program, so an edit that
 * restores the size and the modification time is still seen. A file that
 * was modified less than FINGERPRINT_SETTLE_SECONDS before it was hashed
 * gets no fingerprint (a later write in the same clock tick would leave
 * its times unchanged), and is hashed at every start.
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
#include "yp-cache-private.h"
#include "yp-cache-read.h"
#include "yp-cache.h"
#include "yp-error.h"
#include "yp-event-list-private.h"
#include "yp-import.h"

/* Caches smaller than this are checked whole when they are opened: the
 * shipped story's is about 0.5 MB. */
#define FULL_CHECK_BYTES (2 * 1024 * 1024)
/* See the top of the file: coarse file system clocks (FAT: 2 s). */
#define FINGERPRINT_SETTLE_SECONDS 2

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

/* What a file looked like when it was hashed; see the top of the file. */
typedef struct {
  gboolean valid;
  gint64   size;
  gint64   mtime_ns;
  gint64   ctime_ns;
  gint64   inode;
  gint64   device;
} Fingerprint;

static void
fingerprint_from_stat (Fingerprint       *fp,
                       const struct stat *st)
{
  fp->valid = TRUE;
  fp->size = st->st_size;
  fp->mtime_ns = (gint64) st->st_mtim.tv_sec * G_GINT64_CONSTANT (1000000000) + st->st_mtim.tv_nsec;
  fp->ctime_ns = (gint64) st->st_ctim.tv_sec * G_GINT64_CONSTANT (1000000000) + st->st_ctim.tv_nsec;
  fp->inode = (gint64) st->st_ino;
  fp->device = (gint64) st->st_dev;
}

static gboolean
fingerprint_equal (const Fingerprint *a,
                   const Fingerprint *b)
{
  return a->valid && b->valid &&
         a->size == b->size && a->mtime_ns == b->mtime_ns && a->ctime_ns == b->ctime_ns &&
         a->inode == b->inode && a->device == b->device;
}

/* The SHA-256 of the regular file @path, read in pieces (not mapped: a file
 * truncated meanwhile would raise SIGBUS). NULL when it is missing, is not
 * a regular file (a FIFO would block the open) or cannot be read.
 * @fp (may be NULL) receives the file's fingerprint, left invalid when the
 * file changed while it was read or was modified too recently to trust. */
static char *
file_checksum (const char  *path,
               Fingerprint *fp)
{
  g_autoptr(GChecksum) sum = NULL;
  char buf[64 * 1024];
  struct stat st, after;
  Fingerprint before = { 0 };
  int fd;

  if (fp != NULL)
    memset (fp, 0, sizeof *fp);

  if (g_stat (path, &st) != 0 || !S_ISREG (st.st_mode))
    return NULL;
  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY, 0);
  if (fd < 0)
    return NULL;
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (fd);
      return NULL;
    }
  fingerprint_from_stat (&before, &st);
  sum = g_checksum_new (G_CHECKSUM_SHA256);
  for (;;)
    {
      gssize n = read (fd, buf, sizeof buf);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          close (fd);
          return NULL;
        }
      if (n == 0)
        break;
      g_checksum_update (sum, (const guchar *) buf, n);
    }
  if (fp != NULL && fstat (fd, &after) == 0)
    {
      Fingerprint now;
      gint64 now_ns = g_get_real_time () * 1000;

      fingerprint_from_stat (&now, &after);
      if (fingerprint_equal (&before, &now) &&
          now_ns - now.mtime_ns >= FINGERPRINT_SETTLE_SECONDS * G_GINT64_CONSTANT (1000000000))
        *fp = now;
    }
  close (fd);
  return g_strdup (g_checksum_get_string (sum));
}

/* The inputs as the parse left them: one stat each, taken once the
 * reader was done (it refuses a timeline file that changed while it was
 * read, yp-file-bytes.c). A cache written later is written only if they
 * are still so, before and after they are hashed: otherwise the cache
 * would record a new file's identity with the old file's events. */
static GArray *
inputs_seen (GPtrArray *inputs)
{
  GArray *seen = g_array_new (FALSE, TRUE, sizeof (Fingerprint));

  g_array_set_size (seen, inputs->len);
  for (guint i = 0; i < inputs->len; i++)
    {
      struct stat st;

      if (g_stat (g_ptr_array_index (inputs, i), &st) == 0)
        fingerprint_from_stat (&g_array_index (seen, Fingerprint, i), &st);
    }
  return seen;
}

/* FALSE with @error set (YP_ERROR_CHANGED) when an input is no longer as
 * @seen says. */
static gboolean
inputs_still_seen (GPtrArray  *inputs,
                   GArray     *seen,
                   GError    **error)
{
  for (guint i = 0; i < inputs->len; i++)
    {
      const Fingerprint *then = &g_array_index (seen, Fingerprint, i);
      Fingerprint now = { 0 };
      struct stat st;

      if (g_stat (g_ptr_array_index (inputs, i), &st) == 0)
        fingerprint_from_stat (&now, &st);
      if (then->valid != now.valid || (then->valid && !fingerprint_equal (then, &now)))
        {
          g_set_error (error, YP_ERROR, YP_ERROR_CHANGED,
                       "%s changed after it was read; its cache is not written",
                       (const char *) g_ptr_array_index (inputs, i));
          return FALSE;
        }
    }
  return TRUE;
}

/* Whether every file of @inputs still matches its fingerprint in
 * @fingerprints (one per input): then their hash need not be recomputed. */
static gboolean
inputs_unchanged (GPtrArray *inputs,
                  GArray    *fingerprints)
{
  if (fingerprints->len != inputs->len || inputs->len == 0)
    return FALSE;
  for (guint i = 0; i < inputs->len; i++)
    {
      const Fingerprint *stored = &g_array_index (fingerprints, Fingerprint, i);
      Fingerprint now = { 0 };
      struct stat st;

      if (!stored->valid || g_stat (g_ptr_array_index (inputs, i), &st) != 0 || !S_ISREG (st.st_mode))
        return FALSE;
      fingerprint_from_stat (&now, &st);
      if (!fingerprint_equal (stored, &now))
        return FALSE;
    }
  return TRUE;
}

/* SHA-256 over the app version, the schema version and every input file.
 * NULL when a file cannot be read: the cache is then stale by definition.
 * @fingerprints (may be NULL) receives one Fingerprint per input. */
static char *
compute_content_hash (GPtrArray *inputs,
                      GArray    *fingerprints)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *header = g_strdup_printf ("%s|%s|%d|", YP_CACHE_MAGIC, PACKAGE_VERSION,
                                             YP_CACHE_SCHEMA_VERSION);

  g_checksum_update (sum, (const guchar *) header, -1);
  for (guint i = 0; i < inputs->len; i++)
    {
      const char *path = g_ptr_array_index (inputs, i);
      Fingerprint fp;
      g_autofree char *file_sum = file_checksum (path, &fp);

      if (file_sum == NULL)
        return NULL;
      if (fingerprints != NULL)
        g_array_append_val (fingerprints, fp);
      g_checksum_update (sum, (const guchar *) path, -1);
      g_checksum_update (sum, (const guchar *) "\n", 1);
      g_checksum_update (sum, (const guchar *) file_sum, -1);
      g_checksum_update (sum, (const guchar *) "\n", 1);
    }
  return g_strdup (g_checksum_get_string (sum));
}

static const char *
col_text (sqlite3_stmt *stmt,
          int           col)
{
  return (const char *) sqlite3_column_text (stmt, col);
}

/* Writing */

/* The placeholder of a column: YP_COL_<name> + 1. */
#define P(name) (YP_COL_##name + 1)
#define bind_text yp_cache_db_bind_text
#define step_done yp_cache_db_step_done

static sqlite3_stmt *
prepare_insert (sqlite3      *db,
                YpCacheTable  table,
                GError      **error)
{
  return yp_cache_db_prepare (db, yp_cache_db_insert_sql (table), FALSE, error);
}

/* Writes the events, one at a time in the record's order, and keeps what
 * the event_columns and categories tables are made of. */
typedef struct {
  sqlite3      *db;
  sqlite3_stmt *event;
  sqlite3_stmt *citation;
  sqlite3_stmt *actor;
  sqlite3_stmt *fts;
  guint         n;
  GArray       *anchors;     /* gint64, by seq */
  GArray       *starts;
  GArray       *ends;
  GPtrArray    *categories;  /* (char *), in order of first use; "" for none */
  GHashTable   *seen_categories;
} EventWriter;

static void
event_writer_clear (EventWriter *w)
{
  g_clear_pointer (&w->event, sqlite3_finalize);
  g_clear_pointer (&w->citation, sqlite3_finalize);
  g_clear_pointer (&w->actor, sqlite3_finalize);
  g_clear_pointer (&w->fts, sqlite3_finalize);
  g_clear_pointer (&w->anchors, g_array_unref);
  g_clear_pointer (&w->starts, g_array_unref);
  g_clear_pointer (&w->ends, g_array_unref);
  g_clear_pointer (&w->seen_categories, g_hash_table_unref);
  g_clear_pointer (&w->categories, g_ptr_array_unref);
  w->db = NULL;
  w->n = 0;
}

/* Starts the transaction that writes the whole cache into the empty
 * database @db, and readies @w for its events. */
static gboolean
event_writer_begin (EventWriter *w,
                    sqlite3     *db,
                    GError     **error)
{
  event_writer_clear (w);
  w->db = db;
  w->anchors = g_array_new (FALSE, FALSE, sizeof (gint64));
  w->starts = g_array_new (FALSE, FALSE, sizeof (gint64));
  w->ends = g_array_new (FALSE, FALSE, sizeof (gint64));
  w->categories = g_ptr_array_new_with_free_func (g_free);
  w->seen_categories = g_hash_table_new (g_str_hash, g_str_equal);
  if (!yp_cache_db_exec (db, "BEGIN", YP_ERROR_NOT_WRITABLE, error) ||
      !yp_cache_db_exec (db, yp_cache_db_schema_sql (), YP_ERROR_NOT_WRITABLE, error))
    return FALSE;
  return (w->event = prepare_insert (db, YP_CACHE_TABLE_EVENTS, error)) &&
         (w->citation = prepare_insert (db, YP_CACHE_TABLE_CITATIONS, error)) &&
         (w->actor = prepare_insert (db, YP_CACHE_TABLE_EVENT_ACTORS, error)) &&
         (w->fts = prepare_insert (db, YP_CACHE_TABLE_EVENTS_FTS, error));
}

/* The next event, whose seq (its position) is the number written before
 * it. */
static gboolean
event_writer_add (EventWriter *w,
                  YpEvent     *e,
                  GError     **error)
{
  sqlite3 *db = w->db;
  sqlite3_stmt *st = w->event, *st2 = w->citation, *st3 = w->actor, *fts = w->fts;
  const char * const *actors = yp_event_get_actors (e);
  const char *category = yp_event_get_category (e) ? yp_event_get_category (e) : "";
  gint64 anchor = yp_event_get_anchor (e), start = yp_event_get_start (e), end = yp_event_get_end (e);
  guint i = w->n;

  sqlite3_bind_int (st, P (EVENTS_SEQ), i);
  bind_text (st, P (EVENTS_ID), yp_event_get_id (e));
  bind_text (st, P (EVENTS_DATE), yp_event_get_date (e));
  sqlite3_bind_int (st, P (EVENTS_PRECISION), yp_event_get_precision (e));
  bind_text (st, P (EVENTS_TIMEZONE), yp_event_get_timezone (e));
  bind_text (st, P (EVENTS_EARLIEST), yp_event_get_earliest (e));
  bind_text (st, P (EVENTS_LATEST), yp_event_get_latest (e));
  sqlite3_bind_int64 (st, P (EVENTS_START), start);
  sqlite3_bind_int64 (st, P (EVENTS_END), end);
  sqlite3_bind_int64 (st, P (EVENTS_ANCHOR), anchor);
  bind_text (st, P (EVENTS_DATE_NOTE_KO), yp_event_get_date_note (e, YP_LANG_KO));
  bind_text (st, P (EVENTS_DATE_NOTE_EN), yp_event_get_date_note (e, YP_LANG_EN));
  bind_text (st, P (EVENTS_TITLE_KO), yp_event_get_title (e, YP_LANG_KO));
  bind_text (st, P (EVENTS_TITLE_EN), yp_event_get_title (e, YP_LANG_EN));
  bind_text (st, P (EVENTS_SUMMARY_KO), yp_event_get_summary (e, YP_LANG_KO));
  bind_text (st, P (EVENTS_SUMMARY_EN), yp_event_get_summary (e, YP_LANG_EN));
  bind_text (st, P (EVENTS_CATEGORY), yp_event_get_category (e));
  bind_text (st, P (EVENTS_ERA), yp_event_get_era (e));
  bind_text (st, P (EVENTS_STATUS), yp_event_get_status (e));
  bind_text (st, P (EVENTS_PUBLICATION_OF), yp_event_get_publication_of (e));
  sqlite3_bind_int (st, P (EVENTS_POSITION), yp_event_get_position (e));
  sqlite3_bind_int (st, P (EVENTS_N_ACTORS), g_strv_length ((char **) actors));
  sqlite3_bind_int (st, P (EVENTS_N_CITATIONS), yp_event_get_n_citations (e));
  if (!step_done (db, st, error))
    return FALSE;

  for (guint j = 0; actors[j] != NULL; j++)
    {
      sqlite3_bind_int (st3, P (EVENT_ACTORS_EVENT), i);
      sqlite3_bind_int (st3, P (EVENT_ACTORS_SEQ), j);
      bind_text (st3, P (EVENT_ACTORS_ACTOR), actors[j]);
      if (!step_done (db, st3, error))
        return FALSE;
    }

  for (guint j = 0; j < yp_event_get_n_citations (e); j++)
    {
      const YpCitationInfo *c = yp_event_get_citation_info (e, j);

      sqlite3_bind_int (st2, P (CITATIONS_EVENT), i);
      sqlite3_bind_int (st2, P (CITATIONS_SEQ), j);
      bind_text (st2, P (CITATIONS_SOURCE), c->source_id);
      bind_text (st2, P (CITATIONS_QUOTE), c->quote);
      sqlite3_bind_int (st2, P (CITATIONS_BODY_START), c->body_start);
      sqlite3_bind_int (st2, P (CITATIONS_BODY_END), c->body_end);
      sqlite3_bind_int (st2, P (CITATIONS_RAW_START), c->raw_start);
      sqlite3_bind_int (st2, P (CITATIONS_RAW_END), c->raw_end);
      if (!step_done (db, st2, error))
        return FALSE;
    }

  /* The index's rowid is the event's position (yp-cache-db.h). */
  sqlite3_bind_int (fts, P (EVENTS_FTS_ROWID), i);
  bind_text (fts, P (EVENTS_FTS_EVENT), yp_event_get_id (e));
  bind_text (fts, P (EVENTS_FTS_TITLE_KO), yp_event_get_title (e, YP_LANG_KO));
  bind_text (fts, P (EVENTS_FTS_TITLE_EN), yp_event_get_title (e, YP_LANG_EN));
  bind_text (fts, P (EVENTS_FTS_SUMMARY_KO), yp_event_get_summary (e, YP_LANG_KO));
  bind_text (fts, P (EVENTS_FTS_SUMMARY_EN), yp_event_get_summary (e, YP_LANG_EN));
  if (!step_done (db, fts, error))
    return FALSE;

  /* As yp_event_list_new() lists them. */
  g_array_append_val (w->anchors, anchor);
  g_array_append_val (w->starts, start);
  g_array_append_val (w->ends, end);
  if (!g_hash_table_contains (w->seen_categories, category))
    {
      char *copy = g_strdup (category);

      g_ptr_array_add (w->categories, copy);
      g_hash_table_add (w->seen_categories, copy);
    }
  w->n++;
  return TRUE;
}

/* Everything but the events, then the commit. */
static gboolean
event_writer_finish (EventWriter *w,
                     YpRecord    *record,
                     GPtrArray   *inputs,
                     GArray      *fingerprints,
                     const char  *content_hash,
                     GError     **error)
{
  sqlite3 *db = w->db;
  g_autoptr(sqlite3_stmt) st = NULL;
  g_autoptr(sqlite3_stmt) fts = NULL;
  g_autofree char *version_sql = NULL;
  GListModel *list;
  GPtrArray *problems;

  if (!(st = prepare_insert (db, YP_CACHE_TABLE_META, error)))
    return FALSE;
  {
    const char *meta[][2] = {
      { "magic", YP_CACHE_MAGIC },
      { "content_hash", content_hash },
      { "title_ko", yp_record_get_title (record, YP_LANG_KO) },
      { "title_en", yp_record_get_title (record, YP_LANG_EN) },
    };
    for (guint i = 0; i < G_N_ELEMENTS (meta); i++)
      {
        bind_text (st, P (META_KEY), meta[i][0]);
        bind_text (st, P (META_VALUE), meta[i][1] ? meta[i][1] : "");
        if (!step_done (db, st, error))
          return FALSE;
      }
  }
  g_clear_pointer (&st, sqlite3_finalize);

  if (!(st = prepare_insert (db, YP_CACHE_TABLE_INPUTS, error)))
    return FALSE;
  for (guint i = 0; i < inputs->len; i++)
    {
      const Fingerprint *fp = fingerprints != NULL && i < fingerprints->len
                              ? &g_array_index (fingerprints, Fingerprint, i) : NULL;

      sqlite3_bind_int (st, P (INPUTS_SEQ), i);
      bind_text (st, P (INPUTS_PATH), g_ptr_array_index (inputs, i));
      /* No fingerprint: NULLs, and the file is hashed at every start. */
      if (fp != NULL && fp->valid)
        {
          sqlite3_bind_int64 (st, P (INPUTS_SIZE), fp->size);
          sqlite3_bind_int64 (st, P (INPUTS_MTIME_NS), fp->mtime_ns);
          sqlite3_bind_int64 (st, P (INPUTS_CTIME_NS), fp->ctime_ns);
          sqlite3_bind_int64 (st, P (INPUTS_INODE), fp->inode);
          sqlite3_bind_int64 (st, P (INPUTS_DEVICE), fp->device);
        }
      if (!step_done (db, st, error))
        return FALSE;
    }
  g_clear_pointer (&st, sqlite3_finalize);

  if (!(st = prepare_insert (db, YP_CACHE_TABLE_PROBLEMS, error)))
    return FALSE;
  problems = yp_record_get_problems (record);
  for (guint i = 0; i < problems->len; i++)
    {
      YpProblem *p = g_ptr_array_index (problems, i);

      sqlite3_bind_int (st, P (PROBLEMS_SEQ), i);
      sqlite3_bind_int (st, P (PROBLEMS_SEVERITY), p->severity);
      bind_text (st, P (PROBLEMS_FILE), p->file);
      bind_text (st, P (PROBLEMS_PATH), p->path);
      bind_text (st, P (PROBLEMS_MESSAGE), p->message);
      if (!step_done (db, st, error))
        return FALSE;
    }
  g_clear_pointer (&st, sqlite3_finalize);

  if (!(st = prepare_insert (db, YP_CACHE_TABLE_SOURCES, error)) ||
      !(fts = prepare_insert (db, YP_CACHE_TABLE_ARTICLES_FTS, error)))
    return FALSE;
  list = yp_record_get_sources (record);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(YpSource) s = g_list_model_get_item (list, i);
      const YpSegment *segs;
      guint n_segs;

      segs = yp_source_get_segments (s, &n_segs);
      sqlite3_bind_int (st, P (SOURCES_SEQ), i);
      bind_text (st, P (SOURCES_ID), yp_source_get_id (s));
      bind_text (st, P (SOURCES_FILE), yp_source_get_file (s));
      bind_text (st, P (SOURCES_OUTLET_KO), yp_source_get_outlet (s, YP_LANG_KO));
      bind_text (st, P (SOURCES_OUTLET_EN), yp_source_get_outlet (s, YP_LANG_EN));
      bind_text (st, P (SOURCES_OUTLET_NOTE_KO), yp_source_get_outlet_note (s, YP_LANG_KO));
      bind_text (st, P (SOURCES_OUTLET_NOTE_EN), yp_source_get_outlet_note (s, YP_LANG_EN));
      bind_text (st, P (SOURCES_TITLE), yp_source_get_title (s));
      bind_text (st, P (SOURCES_AUTHOR), yp_source_get_author (s));
      bind_text (st, P (SOURCES_PUBLISHED), yp_source_get_published (s));
      sqlite3_bind_int (st, P (SOURCES_PUBLISHED_PRECISION), yp_source_get_published_precision (s));
      bind_text (st, P (SOURCES_TIMEZONE), yp_source_get_timezone (s));
      sqlite3_bind_int64 (st, P (SOURCES_PUBLISHED_START), yp_source_get_published_start (s));
      bind_text (st, P (SOURCES_PUBLISHED_NOTE_KO), yp_source_get_published_note (s, YP_LANG_KO));
      bind_text (st, P (SOURCES_PUBLISHED_NOTE_EN), yp_source_get_published_note (s, YP_LANG_EN));
      bind_text (st, P (SOURCES_LANGUAGE), yp_source_get_language (s));
      bind_text (st, P (SOURCES_RAW_TEXT), yp_source_get_raw_text (s));
      bind_text (st, P (SOURCES_BODY_TEXT), yp_source_get_body_text (s));
      sqlite3_bind_blob (st, P (SOURCES_SEGMENTS), segs, n_segs * sizeof (YpSegment), SQLITE_TRANSIENT);
      if (!step_done (db, st, error))
        return FALSE;
      bind_text (fts, P (ARTICLES_FTS_SOURCE), yp_source_get_id (s));
      bind_text (fts, P (ARTICLES_FTS_BODY), yp_source_get_body_text (s));
      if (!step_done (db, fts, error))
        return FALSE;
    }
  g_clear_pointer (&st, sqlite3_finalize);
  g_clear_pointer (&fts, sqlite3_finalize);

  if (!(st = prepare_insert (db, YP_CACHE_TABLE_ACTORS, error)))
    return FALSE;
  list = yp_record_get_actors (record);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(YpActor) a = g_list_model_get_item (list, i);

      sqlite3_bind_int (st, P (ACTORS_SEQ), i);
      bind_text (st, P (ACTORS_ID), yp_actor_get_id (a));
      bind_text (st, P (ACTORS_KIND), yp_actor_get_kind (a));
      bind_text (st, P (ACTORS_NAME_KO), yp_actor_get_name (a, YP_LANG_KO));
      bind_text (st, P (ACTORS_NAME_EN), yp_actor_get_name (a, YP_LANG_EN));
      bind_text (st, P (ACTORS_ROLE_KO), yp_actor_get_role (a, YP_LANG_KO));
      bind_text (st, P (ACTORS_ROLE_EN), yp_actor_get_role (a, YP_LANG_EN));
      if (!step_done (db, st, error))
        return FALSE;
    }
  g_clear_pointer (&st, sqlite3_finalize);

  if (!(st = prepare_insert (db, YP_CACHE_TABLE_ERAS, error)))
    return FALSE;
  list = yp_record_get_eras (record);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(YpEra) e = g_list_model_get_item (list, i);

      sqlite3_bind_int (st, P (ERAS_SEQ), i);
      bind_text (st, P (ERAS_ID), yp_era_get_id (e));
      bind_text (st, P (ERAS_NAME_KO), yp_era_get_name (e, YP_LANG_KO));
      bind_text (st, P (ERAS_NAME_EN), yp_era_get_name (e, YP_LANG_EN));
      bind_text (st, P (ERAS_DESCRIPTION_KO), yp_era_get_description (e, YP_LANG_KO));
      bind_text (st, P (ERAS_DESCRIPTION_EN), yp_era_get_description (e, YP_LANG_EN));
      bind_text (st, P (ERAS_START_TEXT), yp_era_get_start_text (e));
      bind_text (st, P (ERAS_END_TEXT), yp_era_get_end_text (e));
      sqlite3_bind_int64 (st, P (ERAS_START), yp_era_get_start (e));
      sqlite3_bind_int64 (st, P (ERAS_END), yp_era_get_end (e));
      if (!step_done (db, st, error))
        return FALSE;
    }
  g_clear_pointer (&st, sqlite3_finalize);

  if (!(st = prepare_insert (db, YP_CACHE_TABLE_EVENT_COLUMNS, error)))
    return FALSE;
  {
    const struct { const char *name; GArray *data; } columns[] = {
      { "anchor", w->anchors },
      { "start", w->starts },
      { "end", w->ends },
    };

    for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
      {
        bind_text (st, P (EVENT_COLUMNS_NAME), columns[i].name);
        sqlite3_bind_blob64 (st, P (EVENT_COLUMNS_DATA),
                             columns[i].data->len ? (gconstpointer) columns[i].data->data : "",
                             (sqlite3_uint64) columns[i].data->len * sizeof (gint64), SQLITE_STATIC);
        if (!step_done (db, st, error))
          return FALSE;
      }
    g_clear_pointer (&st, sqlite3_finalize);
    if (!(st = prepare_insert (db, YP_CACHE_TABLE_CATEGORIES, error)))
      return FALSE;
    for (guint i = 0; i < w->categories->len; i++)
      {
        sqlite3_bind_int (st, P (CATEGORIES_SEQ), i);
        bind_text (st, P (CATEGORIES_NAME), g_ptr_array_index (w->categories, i));
        if (!step_done (db, st, error))
          return FALSE;
      }
  }

  /* user_version last: a file without it is never taken for a cache. */
  version_sql = g_strdup_printf ("PRAGMA user_version = %d", YP_CACHE_SCHEMA_VERSION);
  return yp_cache_db_exec (db, version_sql, YP_ERROR_NOT_WRITABLE, error) &&
         yp_cache_db_exec (db, "COMMIT", YP_ERROR_NOT_WRITABLE, error);
}

/* How many events are written between two looks at the monitor. */
#define MONITOR_STEP 256

/* Tells @monitor (may be NULL) how far the work is; FALSE with @error
 * set when its cancellable says to stop. */
static gboolean
monitor_step (const YpCacheMonitor *monitor,
              guint                 done,
              guint                 total,
              GError              **error)
{
  if (monitor == NULL)
    return TRUE;
  if (monitor->progress != NULL)
    monitor->progress (done, total, monitor->progress_data);
  return !g_cancellable_set_error_if_cancelled (monitor->cancellable, error);
}

static gboolean
is_cancelled (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static gboolean
write_record (sqlite3              *db,
              YpRecord             *record,
              GPtrArray            *inputs,
              GArray               *fingerprints,
              const char           *content_hash,
              const YpCacheMonitor *monitor,
              GError              **error)
{
  EventWriter w = { 0 };
  GListModel *list = yp_record_get_events (record);
  guint n = g_list_model_get_n_items (list);
  gboolean ok = event_writer_begin (&w, db, error);

  for (guint i = 0; ok && i < n; i++)
    {
      if (i % MONITOR_STEP == 0 && !monitor_step (monitor, i, n, error))
        ok = FALSE;
      else
        ok = event_writer_add (&w, yp_event_list_peek (YP_EVENT_LIST (list), i), error);
    }
  ok = ok && monitor_step (monitor, n, n, error);
  ok = ok && event_writer_finish (&w, record, inputs, fingerprints, content_hash, error);
  event_writer_clear (&w);
  return ok;
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
  bind_text (st, 1, key);
  if (sqlite3_step (st) != SQLITE_ROW || sqlite3_column_type (st, 0) != SQLITE_TEXT)
    return NULL;
  return g_strdup (col_text (st, 0));
}

/* Reads the record from the cache @db, a connection to the file @path
 * (NULL: @db is an in-memory database, which the record's events then
 * take over, and *@dbp becomes NULL). The events stay in the cache, read
 * by the record's event list as they are asked for. @small: the whole
 * cache is small enough to check every event's rows now. */
static YpRecord *
read_record (sqlite3    **dbp,
             const char  *path,
             gboolean     small,
             GError     **error)
{
  g_autoptr(YpRecord) record = yp_record_new ();
  g_autoptr(YpEventList) events = NULL;
  g_autoptr(YpCacheDb) cache = NULL;
  g_auto(YpCacheParts) parts = { 0 };

  if (!yp_cache_read_parts (*dbp, &parts, error))
    return NULL;
  yp_record_set_title (record, parts.title_ko, parts.title_en);
  for (guint i = 0; i < parts.problems->len; i++)
    yp_record_add_problem (record, g_ptr_array_index (parts.problems, i));
  yp_record_set_sources (record, parts.sources);
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
  events = yp_event_list_new_for_cache (cache, parts.sources, small, error);
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
  g_autoptr(GArray) fingerprints = g_array_new (FALSE, TRUE, sizeof (Fingerprint));
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
        Fingerprint fp = { 0 };

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
  if (inputs_unchanged (inputs, fingerprints))
    return NULL;
  *hashed = TRUE;
  current = compute_content_hash (inputs, NULL);
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

static gboolean
build_file (const char           *db_path,
            YpRecord             *record,
            GPtrArray            *inputs,
            GArray               *fingerprints,
            const char           *hash,
            const YpCacheMonitor *monitor,
            GError              **error)
{
  g_autofree char *tmp_path = NULL;
  g_autoptr(GError) local_error = NULL;
  sqlite3 *db = yp_cache_db_create_temp (db_path, &tmp_path, error);

  if (db == NULL)
    return FALSE;
  /* Stopped, the temporary file goes: no half cache is left. */
  if (!write_record (db, record, inputs, fingerprints, hash, monitor, &local_error) ||
      !monitor_step (monitor, 1, 1, &local_error))
    {
      yp_cache_db_discard_temp (db, tmp_path);
      if (is_cancelled (local_error))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_set_error (error, YP_ERROR, YP_ERROR_NOT_WRITABLE, "cannot write the cache %s: %s",
                   db_path, local_error->message);
      return FALSE;
    }
  return yp_cache_db_put_in_place (db_path, tmp_path, db, error);
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

/* Hashes the inputs and writes the cache file. On success, returns TRUE
 * and logs a rebuild as yp_cache_load() does; otherwise @error says why. */
static gboolean
write_cache_file (const char           *db_path,
                  YpRecord             *parsed,
                  GPtrArray            *inputs,
                  GArray               *seen,
                  const YpCacheMonitor *monitor,
                  GError              **error)
{
  g_autoptr(GArray) fingerprints = g_array_new (FALSE, TRUE, sizeof (Fingerprint));
  g_autofree char *hash = NULL;

  if (!inputs_still_seen (inputs, seen, error))
    return FALSE;
  hash = compute_content_hash (inputs, fingerprints);
  if (!inputs_still_seen (inputs, seen, error))
    return FALSE;
  return build_file (db_path, parsed, inputs, fingerprints, hash ? hash : "unreadable", monitor, error);
}

/* Streaming: a timeline too large to keep in memory as parsed has its
 * events written to the cache as the reader reads them (yp-import.h). */

static guint stream_threshold = YP_CACHE_PARSED_FIRST_MAX;

void
yp_cache_set_stream_threshold (guint n_events)
{
  stream_threshold = n_events;
}

typedef struct {
  const char  *db_path;
  const YpCacheMonitor *monitor;
  char        *tmp_path;
  sqlite3     *db;
  EventWriter  writer;
  gboolean     streaming;  /* begin() took the events */
  gboolean     failed;     /* writing them failed: the error is the sink's */
} Stream;

static gboolean
stream_open (Stream  *stream,
             GError **error)
{
  stream->db = yp_cache_db_create_temp (stream->db_path, &stream->tmp_path, error);
  if (stream->db == NULL)
    return FALSE;
  if (!event_writer_begin (&stream->writer, stream->db, error))
    {
      event_writer_clear (&stream->writer);
      yp_cache_db_discard_temp (stream->db, stream->tmp_path);
      stream->db = NULL;
      g_clear_pointer (&stream->tmp_path, g_free);
      return FALSE;
    }
  return TRUE;
}

static void
stream_discard (Stream *stream)
{
  event_writer_clear (&stream->writer);
  if (stream->db != NULL)
    yp_cache_db_discard_temp (stream->db, stream->tmp_path);
  stream->db = NULL;
  g_clear_pointer (&stream->tmp_path, g_free);
}

static gboolean
stream_begin (guint    n_events,
              gpointer user_data)
{
  Stream *stream = user_data;
  g_autoptr(GError) error = NULL;

  if (n_events <= stream_threshold)
    return FALSE;
  /* No file to write to: the events are kept, and the cache is made in
   * memory as for any timeline (load(), step 4). */
  if (!stream_open (stream, &error))
    {
      g_debug ("not streaming to %s: %s", stream->db_path, error->message);
      return FALSE;
    }
  stream->streaming = TRUE;
  return TRUE;
}

static gboolean
stream_fail (Stream  *stream,
             GError  *cause,
             GError **error)
{
  stream->failed = TRUE;
  g_set_error (error, YP_ERROR, YP_ERROR_NOT_WRITABLE, "cannot write the cache %s: %s",
               stream->db_path, cause->message);
  g_error_free (cause);
  return FALSE;
}

static gboolean
stream_event (const YpEventInfo *info,
              gpointer           user_data,
              GError           **error)
{
  Stream *stream = user_data;
  g_autoptr(YpEvent) event = yp_event_new (info);
  GError *local_error = NULL;

  /* Through an event object, so that what is written is what the cache
   * of a timeline kept in memory holds, to the byte. */
  if (!event_writer_add (&stream->writer, event, &local_error))
    return stream_fail (stream, local_error, error);
  return TRUE;
}

static gboolean
stream_progress (guint     done,
                 guint     total,
                 gpointer  user_data,
                 GError  **error)
{
  Stream *stream = user_data;

  return monitor_step (stream->monitor, done, total, error);
}

static gboolean
stream_restart (gpointer  user_data,
                GError  **error)
{
  Stream *stream = user_data;
  GError *local_error = NULL;

  stream_discard (stream);
  if (!stream_open (stream, &local_error))
    return stream_fail (stream, local_error, error);
  return TRUE;
}

/* The rest of the cache, from the record as loaded, and the file put in
 * place. */
static gboolean
stream_finish (Stream     *stream,
               YpRecord   *parsed,
               GPtrArray  *inputs,
               GError    **error)
{
  g_autoptr(GArray) fingerprints = g_array_new (FALSE, TRUE, sizeof (Fingerprint));
  g_autofree char *hash = compute_content_hash (inputs, fingerprints);
  GError *local_error = NULL;
  sqlite3 *db = stream->db;

  if (!monitor_step (stream->monitor, 1, 1, error))
    {
      stream_discard (stream);
      return FALSE;
    }
  if (!event_writer_finish (&stream->writer, parsed, inputs, fingerprints, hash ? hash : "unreadable", &local_error))
    {
      stream_discard (stream);
      return stream_fail (stream, local_error, error);
    }
  /* The last moment a stop leaves no cache. */
  if (!monitor_step (stream->monitor, 1, 1, error))
    {
      yp_cache_db_discard_temp (db, stream->tmp_path);
      stream->db = NULL;
      g_clear_pointer (&stream->tmp_path, g_free);
      return FALSE;
    }
  event_writer_clear (&stream->writer);
  stream->db = NULL;
  if (!yp_cache_db_put_in_place (stream->db_path, stream->tmp_path, db, &local_error))
    {
      g_clear_pointer (&stream->tmp_path, g_free);
      return stream_fail (stream, local_error, error);
    }
  g_clear_pointer (&stream->tmp_path, g_free);
  return TRUE;
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

static void
say_no_cache (const char   *cache_dir,
              const GError *error)
{
  if (first_time_without_cache (cache_dir))
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
  g_autoptr(YpRecord) parsed = NULL;
  g_autoptr(GError) local_error = NULL;
  YpCacheReport dummy = { 0 };
  YpRecord *record;
  sqlite3 *db;
  GStatBuf st;
  gboolean first_build = FALSE;
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
   * stream_threshold) has its events written to a new cache file as
   * they are read, and is then read back from it as in step 3. */
  if (!monitor_step (monitor, 0, 1, error))
    {
      yp_cache_report_clear (&dummy);
      return NULL;
    }
  {
    Stream stream = { .db_path = db_path, .monitor = monitor };
    YpEventSink sink = { stream_begin, stream_event, stream_restart, &stream, stream_progress };

    parsed = yp_import_load_file_streaming (timeline_path, &inputs, &sink, &local_error);
    /* TimelineJS documents are not followed event by event: a stop
     * during their parse is seen here. */
    if (parsed != NULL && !monitor_step (monitor, 0, 1, &local_error))
      g_clear_object (&parsed);
    if (stream.streaming && parsed != NULL && !stream.failed &&
        stream_finish (&stream, parsed, inputs, &local_error))
      {
        g_clear_object (&parsed);
        record = read_file (db_path, &local_error);
        if (record != NULL)
          {
            report->outcome = YP_CACHE_BUILT;
            report->streamed = TRUE;
            report->db_path = g_strdup (db_path);
            report->reason = g_strdup_printf ("cache %s rebuilt: %s", db_path, reason);
            say_rebuilt (db_path, reason, first_build, report->moved_aside);
            yp_cache_db_remove_stale_temporaries (db_path);
            yp_cache_report_clear (&dummy);
            return record;
          }
        stream.failed = TRUE;
      }
    stream_discard (&stream);
    if (is_cancelled (local_error))
      {
        g_propagate_error (error, g_steal_pointer (&local_error));
        yp_cache_report_clear (&dummy);
        return NULL;
      }
    if (stream.failed)
      {
        /* The events are gone with the cache that failed: read them again
         * and keep them, in memory. */
        say_no_cache (cache_dir, local_error);
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
   * the record as parsed and has the cache written meanwhile. */
  if (later != NULL &&
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
      write->seen = inputs_seen (inputs);
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
    g_autoptr(GArray) seen = inputs_seen (inputs);

    written = write_cache_file (db_path, parsed, inputs, seen, monitor, &local_error);
  }
  if (written)
    {
      record = read_file (db_path, &local_error);
      if (record != NULL)
        {
          report->outcome = YP_CACHE_BUILT;
          report->db_path = g_strdup (db_path);
          report->reason = g_strdup_printf ("cache %s rebuilt: %s", db_path, reason);
          say_rebuilt (db_path, reason, first_build, report->moved_aside);
          yp_cache_db_remove_stale_temporaries (db_path);
          yp_cache_report_clear (&dummy);
          return record;
        }
    }
  if (is_cancelled (local_error))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      yp_cache_report_clear (&dummy);
      return NULL;
    }

  /* 4. The folder is not writable (or full), or the files changed since
   * they were read: keep the cache in memory. */
  if (g_error_matches (local_error, YP_ERROR, YP_ERROR_CHANGED))
    g_message ("%s", local_error->message);
  else
    say_no_cache (cache_dir, local_error);
in_memory:
  db = open_db (":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_MEMORY);
  if (db != NULL)
    {
      g_autoptr(GError) mem_error = NULL;
      g_autofree char *hash = compute_content_hash (inputs, NULL);

      if (write_record (db, parsed, inputs, NULL, hash ? hash : "unreadable", NULL, &mem_error))
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
  write->written = write_cache_file (write->db_path, write->record, write->inputs, write->seen, monitor, &local_error);
  if (write->written)
    {
      say_rebuilt (write->db_path, write->reason, write->first_build, write->moved_aside);
      yp_cache_db_remove_stale_temporaries (write->db_path);
      return TRUE;
    }
  if (g_error_matches (local_error, YP_ERROR, YP_ERROR_CHANGED))
    g_message ("%s", local_error->message);
  else if (!is_cancelled (local_error))
    say_no_cache (write->cache_dir, local_error);
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
