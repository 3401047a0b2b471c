/* yp-cache.c: the SQLite cache of parsed timelines
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
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
 * process when no cache file can be kept and the timeline lives in memory.
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

#include "yp-cache.h"
#include "yp-event-list.h"
#include "yp-import.h"

#define CACHE_MAGIC "yeonpyo-cache"

/* A temporary file of this cache's naming that nobody has written to for
 * this long was left by a rebuild that was killed; younger ones may belong
 * to a rebuild another process is doing right now. */
#define STALE_TEMP_SECONDS 60
/* Caches smaller than this are checked whole when they are opened: the
 * shipped story's is about 0.5 MB. */
#define FULL_CHECK_BYTES (2 * 1024 * 1024)

/* Damaged caches moved aside that are kept for inspection, per cache. */
#define KEEP_DAMAGED 3
/* See the top of the file: coarse file system clocks (FAT: 2 s). */
#define FINGERPRINT_SETTLE_SECONDS 2

static const char schema_sql[] =
  "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
  "CREATE TABLE inputs (seq INTEGER PRIMARY KEY, path TEXT NOT NULL,"
  "  size INTEGER, mtime_ns INTEGER, ctime_ns INTEGER, inode INTEGER, device INTEGER);"
  "CREATE TABLE problems (seq INTEGER PRIMARY KEY, severity INTEGER NOT NULL,"
  "  file TEXT NOT NULL, path TEXT NOT NULL, message TEXT NOT NULL);"
  "CREATE TABLE sources (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, file TEXT,"
  "  outlet_ko TEXT, outlet_en TEXT, outlet_note_ko TEXT, outlet_note_en TEXT,"
  "  title TEXT, author TEXT, published TEXT, published_precision INTEGER,"
  "  timezone TEXT, published_start INTEGER, published_note_ko TEXT, published_note_en TEXT,"
  "  language TEXT, raw_text TEXT NOT NULL, body_text TEXT NOT NULL, segments BLOB);"
  "CREATE TABLE actors (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, kind TEXT,"
  "  name_ko TEXT, name_en TEXT, role_ko TEXT, role_en TEXT);"
  "CREATE TABLE eras (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE,"
  "  name_ko TEXT, name_en TEXT, description_ko TEXT, description_en TEXT,"
  "  start_text TEXT, end_text TEXT, start INTEGER, end INTEGER);"
  "CREATE TABLE events (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, date TEXT,"
  "  precision INTEGER, timezone TEXT, earliest TEXT, latest TEXT,"
  "  start INTEGER, end INTEGER, anchor INTEGER, date_note_ko TEXT, date_note_en TEXT,"
  "  title_ko TEXT, title_en TEXT, summary_ko TEXT, summary_en TEXT,"
  "  category TEXT, era TEXT, status TEXT, publication_of TEXT, position INTEGER);"
  "CREATE TABLE event_actors (event INTEGER NOT NULL, seq INTEGER NOT NULL, actor TEXT NOT NULL,"
  "  PRIMARY KEY (event, seq));"
  "CREATE TABLE citations (event INTEGER NOT NULL, seq INTEGER NOT NULL, source TEXT NOT NULL,"
  "  quote TEXT NOT NULL, body_start INTEGER, body_end INTEGER, raw_start INTEGER, raw_end INTEGER,"
  "  PRIMARY KEY (event, seq));"
  /* What a window needs of every event before it draws, packed: the
   * anchors, starts and ends (native gint64, by seq), read in one go so
   * that opening does not walk the events table (yp-event-list.c). */
  "CREATE TABLE event_columns (name TEXT PRIMARY KEY, data BLOB NOT NULL);"
  "CREATE TABLE categories (seq INTEGER PRIMARY KEY, name TEXT NOT NULL);"
  /* Full-text indexes for search. The trigram tokenizer matches any
   * substring of three or more characters, which is what Korean needs:
   * "알트먼" must find "알트먼을", a word-phrase with a particle attached.
   * An event's rowid in events_fts is its seq: search maps hits straight
   * to the record's events by it. */
  "CREATE VIRTUAL TABLE articles_fts USING fts5 (source UNINDEXED, body, tokenize = 'trigram');"
  /* detail=none: the events' index keeps which rows hold a trigram, not
   * where; the search ANDs single trigrams and ranks from the texts
   * themselves (yp-search.c), so positions were never read. It builds in
   * half the time and takes a third less room. */
  "CREATE VIRTUAL TABLE events_fts USING fts5 (event UNINDEXED, title_ko, title_en,"
  "  summary_ko, summary_en, tokenize = 'trigram', detail = none);";

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
  g_autofree char *header = g_strdup_printf ("%s|%s|%d|", CACHE_MAGIC, PACKAGE_VERSION,
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

/* Test hook (tests/test-faults.c): YEONPYO_CACHE_CRASH_AT=<step> makes a
 * rebuild kill its own process with SIGKILL at that step, as a power cut
 * or `kill -9` would, so the tests can check that the next start finds the
 * old cache or the new one, never half of one. The steps, in order:
 *   after-move-aside  a damaged cache was moved aside, nothing written yet
 *   after-mkstemp     the temporary file exists and is empty
 *   mid-write[:N]     N rows (default 1) are in the temporary file
 *   before-rename     the temporary file is complete and closed
 *   after-rename      the new cache is in place, not yet read back
 * Outside the tests the variable is unset and this costs a getenv() per
 * rebuild. */
static guint crash_rows_left;  /* mid-write: rows until the crash, 0 = none */

static void
crash_point (const char *step)
{
  const char *at = g_getenv ("YEONPYO_CACHE_CRASH_AT");

  if (at == NULL)
    return;
  if (g_str_equal (step, "start-write"))
    {
      /* Arms mid-write for this rebuild. */
      if (g_str_has_prefix (at, "mid-write"))
        crash_rows_left = at[9] == ':' ? MAX (1, (guint) atoi (at + 10)) : 1;
      return;
    }
  if (g_str_equal (at, step))
    raise (SIGKILL);
}

static void
crash_point_row (void)
{
  if (crash_rows_left > 0 && --crash_rows_left == 0)
    raise (SIGKILL);
}

/* SQLite helpers */

static gboolean
exec (sqlite3    *db,
      const char *sql,
      GError    **error)
{
  char *msg = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &msg) != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", msg ? msg : sqlite3_errmsg (db));
      sqlite3_free (msg);
      return FALSE;
    }
  return TRUE;
}

static sqlite3_stmt *
prepare (sqlite3    *db,
         const char *sql,
         GError    **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", sqlite3_errmsg (db));
      return NULL;
    }
  return stmt;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

static void
bind_text (sqlite3_stmt *stmt,
           int           col,
           const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, col, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, col);
}

static gboolean
step_done (sqlite3      *db,
           sqlite3_stmt *stmt,
           GError      **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", sqlite3_errmsg (db));
      return FALSE;
    }
  crash_point_row ();
  return TRUE;
}

static const char *
col_text (sqlite3_stmt *stmt,
          int           col)
{
  return (const char *) sqlite3_column_text (stmt, col);
}

/* Writing */

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
  if (!exec (db, "BEGIN", error) || !exec (db, schema_sql, error))
    return FALSE;
  return (w->event = prepare (db, "INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", error)) &&
         (w->citation = prepare (db, "INSERT INTO citations VALUES (?,?,?,?,?,?,?,?)", error)) &&
         (w->actor = prepare (db, "INSERT INTO event_actors VALUES (?,?,?)", error)) &&
         (w->fts = prepare (db, "INSERT INTO events_fts (rowid, event, title_ko, title_en, summary_ko, summary_en)"
                                " VALUES (?,?,?,?,?,?)", error));
}

/* The next event, whose seq is the number written before it. */
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

  sqlite3_bind_int (st, 1, i);
  bind_text (st, 2, yp_event_get_id (e));
  bind_text (st, 3, yp_event_get_date (e));
  sqlite3_bind_int (st, 4, yp_event_get_precision (e));
  bind_text (st, 5, yp_event_get_timezone (e));
  bind_text (st, 6, yp_event_get_earliest (e));
  bind_text (st, 7, yp_event_get_latest (e));
  sqlite3_bind_int64 (st, 8, start);
  sqlite3_bind_int64 (st, 9, end);
  sqlite3_bind_int64 (st, 10, anchor);
  bind_text (st, 11, yp_event_get_date_note (e, YP_LANG_KO));
  bind_text (st, 12, yp_event_get_date_note (e, YP_LANG_EN));
  bind_text (st, 13, yp_event_get_title (e, YP_LANG_KO));
  bind_text (st, 14, yp_event_get_title (e, YP_LANG_EN));
  bind_text (st, 15, yp_event_get_summary (e, YP_LANG_KO));
  bind_text (st, 16, yp_event_get_summary (e, YP_LANG_EN));
  bind_text (st, 17, yp_event_get_category (e));
  bind_text (st, 18, yp_event_get_era (e));
  bind_text (st, 19, yp_event_get_status (e));
  bind_text (st, 20, yp_event_get_publication_of (e));
  sqlite3_bind_int (st, 21, yp_event_get_position (e));
  if (!step_done (db, st, error))
    return FALSE;

  for (guint j = 0; actors[j] != NULL; j++)
    {
      sqlite3_bind_int (st3, 1, i);
      sqlite3_bind_int (st3, 2, j);
      bind_text (st3, 3, actors[j]);
      if (!step_done (db, st3, error))
        return FALSE;
    }

  for (guint j = 0; j < yp_event_get_n_citations (e); j++)
    {
      const YpCitationInfo *c = yp_event_get_citation_info (e, j);

      sqlite3_bind_int (st2, 1, i);
      sqlite3_bind_int (st2, 2, j);
      bind_text (st2, 3, c->source_id);
      bind_text (st2, 4, c->quote);
      sqlite3_bind_int (st2, 5, c->body_start);
      sqlite3_bind_int (st2, 6, c->body_end);
      sqlite3_bind_int (st2, 7, c->raw_start);
      sqlite3_bind_int (st2, 8, c->raw_end);
      if (!step_done (db, st2, error))
        return FALSE;
    }

  sqlite3_bind_int (fts, 1, i);
  bind_text (fts, 2, yp_event_get_id (e));
  bind_text (fts, 3, yp_event_get_title (e, YP_LANG_KO));
  bind_text (fts, 4, yp_event_get_title (e, YP_LANG_EN));
  bind_text (fts, 5, yp_event_get_summary (e, YP_LANG_KO));
  bind_text (fts, 6, yp_event_get_summary (e, YP_LANG_EN));
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

  if (!(st = prepare (db, "INSERT INTO meta VALUES (?, ?)", error)))
    return FALSE;
  {
    const char *meta[][2] = {
      { "magic", CACHE_MAGIC },
      { "content_hash", content_hash },
      { "title_ko", yp_record_get_title (record, YP_LANG_KO) },
      { "title_en", yp_record_get_title (record, YP_LANG_EN) },
    };
    for (guint i = 0; i < G_N_ELEMENTS (meta); i++)
      {
        bind_text (st, 1, meta[i][0]);
        bind_text (st, 2, meta[i][1] ? meta[i][1] : "");
        if (!step_done (db, st, error))
          return FALSE;
      }
  }
  g_clear_pointer (&st, sqlite3_finalize);

  if (!(st = prepare (db, "INSERT INTO inputs VALUES (?, ?, ?, ?, ?, ?, ?)", error)))
    return FALSE;
  for (guint i = 0; i < inputs->len; i++)
    {
      const Fingerprint *fp = fingerprints != NULL && i < fingerprints->len
                              ? &g_array_index (fingerprints, Fingerprint, i) : NULL;

      sqlite3_bind_int (st, 1, i);
      bind_text (st, 2, g_ptr_array_index (inputs, i));
      /* No fingerprint: NULLs, and the file is hashed at every start. */
      for (int col = 3; col <= 7; col++)
        sqlite3_bind_null (st, col);
      if (fp != NULL && fp->valid)
        {
          sqlite3_bind_int64 (st, 3, fp->size);
          sqlite3_bind_int64 (st, 4, fp->mtime_ns);
          sqlite3_bind_int64 (st, 5, fp->ctime_ns);
          sqlite3_bind_int64 (st, 6, fp->inode);
          sqlite3_bind_int64 (st, 7, fp->device);
        }
      if (!step_done (db, st, error))
        return FALSE;
    }
  g_clear_pointer (&st, sqlite3_finalize);

  if (!(st = prepare (db, "INSERT INTO problems VALUES (?, ?, ?, ?, ?)", error)))
    return FALSE;
  problems = yp_record_get_problems (record);
  for (guint i = 0; i < problems->len; i++)
    {
      YpProblem *p = g_ptr_array_index (problems, i);

      sqlite3_bind_int (st, 1, i);
      sqlite3_bind_int (st, 2, p->severity);
      bind_text (st, 3, p->file);
      bind_text (st, 4, p->path);
      bind_text (st, 5, p->message);
      if (!step_done (db, st, error))
        return FALSE;
    }
  g_clear_pointer (&st, sqlite3_finalize);

  if (!(st = prepare (db, "INSERT INTO sources VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", error)) ||
      !(fts = prepare (db, "INSERT INTO articles_fts (source, body) VALUES (?, ?)", error)))
    return FALSE;
  list = yp_record_get_sources (record);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(YpSource) s = g_list_model_get_item (list, i);
      const YpSegment *segs;
      guint n_segs;

      segs = yp_source_get_segments (s, &n_segs);
      sqlite3_bind_int (st, 1, i);
      bind_text (st, 2, yp_source_get_id (s));
      bind_text (st, 3, yp_source_get_file (s));
      bind_text (st, 4, yp_source_get_outlet (s, YP_LANG_KO));
      bind_text (st, 5, yp_source_get_outlet (s, YP_LANG_EN));
      bind_text (st, 6, yp_source_get_outlet_note (s, YP_LANG_KO));
      bind_text (st, 7, yp_source_get_outlet_note (s, YP_LANG_EN));
      bind_text (st, 8, yp_source_get_title (s));
      bind_text (st, 9, yp_source_get_author (s));
      bind_text (st, 10, yp_source_get_published (s));
      sqlite3_bind_int (st, 11, yp_source_get_published_precision (s));
      bind_text (st, 12, yp_source_get_timezone (s));
      sqlite3_bind_int64 (st, 13, yp_source_get_published_start (s));
      bind_text (st, 14, yp_source_get_published_note (s, YP_LANG_KO));
      bind_text (st, 15, yp_source_get_published_note (s, YP_LANG_EN));
      bind_text (st, 16, yp_source_get_language (s));
      bind_text (st, 17, yp_source_get_raw_text (s));
      bind_text (st, 18, yp_source_get_body_text (s));
      sqlite3_bind_blob (st, 19, segs, n_segs * sizeof (YpSegment), SQLITE_TRANSIENT);
      if (!step_done (db, st, error))
        return FALSE;
      bind_text (fts, 1, yp_source_get_id (s));
      bind_text (fts, 2, yp_source_get_body_text (s));
      if (!step_done (db, fts, error))
        return FALSE;
    }
  g_clear_pointer (&st, sqlite3_finalize);
  g_clear_pointer (&fts, sqlite3_finalize);

  if (!(st = prepare (db, "INSERT INTO actors VALUES (?,?,?,?,?,?,?)", error)))
    return FALSE;
  list = yp_record_get_actors (record);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(YpActor) a = g_list_model_get_item (list, i);

      sqlite3_bind_int (st, 1, i);
      bind_text (st, 2, yp_actor_get_id (a));
      bind_text (st, 3, yp_actor_get_kind (a));
      bind_text (st, 4, yp_actor_get_name (a, YP_LANG_KO));
      bind_text (st, 5, yp_actor_get_name (a, YP_LANG_EN));
      bind_text (st, 6, yp_actor_get_role (a, YP_LANG_KO));
      bind_text (st, 7, yp_actor_get_role (a, YP_LANG_EN));
      if (!step_done (db, st, error))
        return FALSE;
    }
  g_clear_pointer (&st, sqlite3_finalize);

  if (!(st = prepare (db, "INSERT INTO eras VALUES (?,?,?,?,?,?,?,?,?,?)", error)))
    return FALSE;
  list = yp_record_get_eras (record);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(YpEra) e = g_list_model_get_item (list, i);

      sqlite3_bind_int (st, 1, i);
      bind_text (st, 2, yp_era_get_id (e));
      bind_text (st, 3, yp_era_get_name (e, YP_LANG_KO));
      bind_text (st, 4, yp_era_get_name (e, YP_LANG_EN));
      bind_text (st, 5, yp_era_get_description (e, YP_LANG_KO));
      bind_text (st, 6, yp_era_get_description (e, YP_LANG_EN));
      bind_text (st, 7, yp_era_get_start_text (e));
      bind_text (st, 8, yp_era_get_end_text (e));
      sqlite3_bind_int64 (st, 9, yp_era_get_start (e));
      sqlite3_bind_int64 (st, 10, yp_era_get_end (e));
      if (!step_done (db, st, error))
        return FALSE;
    }
  g_clear_pointer (&st, sqlite3_finalize);

  if (!(st = prepare (db, "INSERT INTO event_columns VALUES (?, ?)", error)))
    return FALSE;
  {
    const struct { const char *name; GArray *data; } columns[] = {
      { "anchor", w->anchors },
      { "start", w->starts },
      { "end", w->ends },
    };

    for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
      {
        bind_text (st, 1, columns[i].name);
        sqlite3_bind_blob64 (st, 2, columns[i].data->len ? (gconstpointer) columns[i].data->data : "",
                             (sqlite3_uint64) columns[i].data->len * sizeof (gint64), SQLITE_STATIC);
        if (!step_done (db, st, error))
          return FALSE;
      }
    g_clear_pointer (&st, sqlite3_finalize);
    if (!(st = prepare (db, "INSERT INTO categories VALUES (?, ?)", error)))
      return FALSE;
    for (guint i = 0; i < w->categories->len; i++)
      {
        sqlite3_bind_int (st, 1, i);
        bind_text (st, 2, g_ptr_array_index (w->categories, i));
        if (!step_done (db, st, error))
          return FALSE;
      }
  }

  /* user_version last: a file without it is never taken for a cache. */
  version_sql = g_strdup_printf ("PRAGMA user_version = %d", YP_CACHE_SCHEMA_VERSION);
  return exec (db, version_sql, error) && exec (db, "COMMIT", error);
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
  g_autoptr(sqlite3_stmt) st = prepare (db, "SELECT value FROM meta WHERE key = ?", NULL);

  if (st == NULL)
    return NULL;
  bind_text (st, 1, key);
  if (sqlite3_step (st) != SQLITE_ROW)
    return NULL;
  return g_strdup (col_text (st, 0));
}

/* After a loop of sqlite3_step(): TRUE if it ended because the rows did,
 * not on an error (a damaged page, an I/O error). */
static gboolean
rows_done (sqlite3  *db,
           int       rc,
           GError  **error)
{
  if (rc == SQLITE_DONE)
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s", sqlite3_errmsg (db));
  return FALSE;
}

/* The offsets in a cache are only checked by SQLite as numbers: a damaged
 * file can pass PRAGMA quick_check with a flipped byte in one of them. The
 * UI slices texts with them, so each must lie within its text. The
 * sources' segments are checked at every read; the citations of every
 * event only when @all_citations (a small cache), since that reads the
 * whole table: otherwise each event's are checked as the event is made
 * (yp-event-list.c). */
static gboolean
check_offsets (sqlite3   *db,
               YpRecord  *record,
               gboolean   all_citations,
               GError   **error)
{
  GListModel *sources = yp_record_get_sources (record);
  g_autoptr(GHashTable) lengths = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(sqlite3_stmt) st = NULL;
  int rc;

  for (guint i = 0; i < g_list_model_get_n_items (sources); i++)
    {
      g_autoptr(YpSource) source = g_list_model_get_item (sources, i);
      glong *len = g_new (glong, 2);
      const YpSegment *segs;
      guint n_segs;

      len[0] = g_utf8_strlen (yp_source_get_body_text (source), -1);
      len[1] = g_utf8_strlen (yp_source_get_raw_text (source), -1);
      g_hash_table_insert (lengths, (gpointer) yp_source_get_id (source), len);
      segs = yp_source_get_segments (source, &n_segs);
      for (guint j = 0; j < n_segs; j++)
        if ((gint64) segs[j].body_start + segs[j].length > len[0] ||
            (gint64) segs[j].raw_start + segs[j].length > len[1])
          {
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                         "a segment of source “%s” lies outside its text", yp_source_get_id (source));
            return FALSE;
          }
    }
  if (!all_citations)
    return TRUE;

  if (!(st = prepare (db, "SELECT c.source, c.body_start, c.body_end, c.raw_start, c.raw_end, e.id"
                          " FROM citations c LEFT JOIN events e ON e.seq = c.event", error)))
    return FALSE;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      const glong *len = col_text (st, 0) ? g_hash_table_lookup (lengths, col_text (st, 0)) : NULL;
      gint64 body_start = sqlite3_column_int64 (st, 1), body_end = sqlite3_column_int64 (st, 2);
      gint64 raw_start = sqlite3_column_int64 (st, 3), raw_end = sqlite3_column_int64 (st, 4);

      if (len == NULL || body_start < 0 || body_start > body_end || body_end > len[0] ||
          raw_start < 0 || raw_start > raw_end || raw_end > len[1])
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "a citation of event “%s” lies outside its source",
                       col_text (st, 5) ? col_text (st, 5) : "(none)");
          return FALSE;
        }
    }
  return rows_done (db, rc, error);
}

/* Reads the record from the cache @*db. The events stay in the cache: the
 * record's event list takes the connection over (and *@db becomes NULL)
 * on success. @path names the file (NULL: in memory); @small: the whole
 * cache is small enough to check every citation now. */
static YpRecord *
read_record (sqlite3    **dbp,
             const char  *path,
             gboolean     small,
             GError     **error)
{
  sqlite3 *db = *dbp;
  g_autoptr(YpRecord) record = yp_record_new ();
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(YpEventList) events = NULL;
  g_autoptr(sqlite3_stmt) st = NULL;
  g_autofree char *title_ko = meta_value (db, "title_ko");
  g_autofree char *title_en = meta_value (db, "title_en");
  int rc;

  yp_record_set_title (record, title_ko, title_en);

  if (!(st = prepare (db, "SELECT severity, file, path, message FROM problems ORDER BY seq", error)))
    return NULL;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      g_autoptr(YpProblem) p = yp_problem_new (sqlite3_column_int (st, 0), col_text (st, 1),
                                               col_text (st, 2), col_text (st, 3));
      yp_record_add_problem (record, p);
    }
  if (!rows_done (db, rc, error))
    return NULL;
  g_clear_pointer (&st, sqlite3_finalize);

  items = g_ptr_array_new_with_free_func (g_object_unref);
  if (!(st = prepare (db, "SELECT id, file, outlet_ko, outlet_en, outlet_note_ko, outlet_note_en,"
                          " title, author, published, published_precision, timezone, published_start,"
                          " published_note_ko, published_note_en, language, raw_text, body_text, segments"
                          " FROM sources ORDER BY seq", error)))
    return NULL;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      YpSourceInfo info = {
        .id = col_text (st, 0),
        .file = col_text (st, 1),
        .outlet = { (char *) col_text (st, 2), (char *) col_text (st, 3) },
        .outlet_note = { (char *) col_text (st, 4), (char *) col_text (st, 5) },
        .title = col_text (st, 6),
        .author = col_text (st, 7),
        .published = col_text (st, 8),
        .published_precision = sqlite3_column_int (st, 9),
        .timezone = col_text (st, 10),
        .published_start = sqlite3_column_int64 (st, 11),
        .published_note = { (char *) col_text (st, 12), (char *) col_text (st, 13) },
        .language = col_text (st, 14),
        .raw_text = col_text (st, 15),
        .body_text = col_text (st, 16),
        .segments = sqlite3_column_blob (st, 17),
        .n_segments = sqlite3_column_bytes (st, 17) / sizeof (YpSegment),
      };
      if (info.id == NULL || info.raw_text == NULL || info.body_text == NULL ||
          sqlite3_column_bytes (st, 17) % sizeof (YpSegment) != 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "a source row is incomplete");
          return NULL;
        }
      g_ptr_array_add (items, yp_source_new (&info));
    }
  if (!rows_done (db, rc, error))
    return NULL;
  g_clear_pointer (&st, sqlite3_finalize);
  yp_record_set_sources (record, items);
  g_clear_pointer (&items, g_ptr_array_unref);

  items = g_ptr_array_new_with_free_func (g_object_unref);
  if (!(st = prepare (db, "SELECT id, kind, name_ko, name_en, role_ko, role_en FROM actors ORDER BY seq", error)))
    return NULL;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      YpText name = { (char *) col_text (st, 2), (char *) col_text (st, 3) };
      YpText role = { (char *) col_text (st, 4), (char *) col_text (st, 5) };

      g_ptr_array_add (items, yp_actor_new (col_text (st, 0), col_text (st, 1), &name, &role));
    }
  if (!rows_done (db, rc, error))
    return NULL;
  g_clear_pointer (&st, sqlite3_finalize);
  yp_record_set_actors (record, items);
  g_clear_pointer (&items, g_ptr_array_unref);

  items = g_ptr_array_new_with_free_func (g_object_unref);
  if (!(st = prepare (db, "SELECT id, name_ko, name_en, description_ko, description_en, start_text,"
                          " end_text, start, end FROM eras ORDER BY seq", error)))
    return NULL;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      YpText name = { (char *) col_text (st, 1), (char *) col_text (st, 2) };
      YpText desc = { (char *) col_text (st, 3), (char *) col_text (st, 4) };

      g_ptr_array_add (items, yp_era_new (col_text (st, 0), &name, &desc, col_text (st, 5),
                                          col_text (st, 6), sqlite3_column_int64 (st, 7),
                                          sqlite3_column_int64 (st, 8)));
    }
  if (!rows_done (db, rc, error))
    return NULL;
  g_clear_pointer (&st, sqlite3_finalize);
  yp_record_set_eras (record, items);
  g_clear_pointer (&items, g_ptr_array_unref);

  if (!check_offsets (db, record, small, error))
    return NULL;
  g_clear_pointer (&st, sqlite3_finalize);
  events = yp_event_list_new_for_cache (db, path, error);
  if (events == NULL)
    return NULL;
  *dbp = NULL;
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
  g_autofree char *stored = NULL;
  g_autofree char *current = NULL;
  int version;

  *damaged = FALSE;
  *hashed = FALSE;

  st = prepare (db, "PRAGMA user_version", NULL);
  if (st == NULL || sqlite3_step (st) != SQLITE_ROW)
    {
      *damaged = TRUE;
      return g_strdup_printf ("it is not an SQLite database (%s)", sqlite3_errmsg (db));
    }
  version = sqlite3_column_int (st, 0);
  g_clear_pointer (&st, sqlite3_finalize);

  magic = meta_value (db, "magic");
  if (g_strcmp0 (magic, CACHE_MAGIC) != 0)
    {
      *damaged = version != 0 || magic != NULL;
      return g_strdup ("it is not a Yeonpyo cache");
    }
  if (version != YP_CACHE_SCHEMA_VERSION)
    return g_strdup_printf ("it has schema version %d, this Yeonpyo uses %d", version, YP_CACHE_SCHEMA_VERSION);

  if (quick_check)
    {
      st = prepare (db, "PRAGMA quick_check", NULL);
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

  st = prepare (db, "SELECT path, size, mtime_ns, ctime_ns, inode, device FROM inputs ORDER BY seq", NULL);
  if (st == NULL)
    {
      *damaged = TRUE;
      return g_strdup_printf ("its list of input files cannot be read (%s)", sqlite3_errmsg (db));
    }
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      Fingerprint fp = { 0 };

      if (col_text (st, 0) == NULL)
        {
          *damaged = TRUE;
          return g_strdup ("its list of input files has a row without a path");
        }
      g_ptr_array_add (inputs, g_strdup (col_text (st, 0)));
      fp.valid = TRUE;
      for (int col = 1; col <= 5; col++)
        fp.valid = fp.valid && sqlite3_column_type (st, col) == SQLITE_INTEGER;
      if (fp.valid)
        {
          fp.size = sqlite3_column_int64 (st, 1);
          fp.mtime_ns = sqlite3_column_int64 (st, 2);
          fp.ctime_ns = sqlite3_column_int64 (st, 3);
          fp.inode = sqlite3_column_int64 (st, 4);
          fp.device = sqlite3_column_int64 (st, 5);
        }
      g_array_append_val (fingerprints, fp);
    }
  /* The files are as they were hashed: the stored hash still holds. */
  if (inputs_unchanged (inputs, fingerprints))
    return NULL;
  *hashed = TRUE;
  stored = meta_value (db, "content_hash");
  current = compute_content_hash (inputs, NULL);
  if (current == NULL)
    return g_strdup ("a file it was built from is gone or unreadable");
  if (g_strcmp0 (stored, current) != 0)
    return g_strdup ("the timeline or its sources changed since it was built");
  return NULL;
}

static sqlite3 *
open_db (const char *path,
         int         flags)
{
  sqlite3 *db = NULL;

  if (sqlite3_open_v2 (path, &db, flags, NULL) != SQLITE_OK)
    {
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_busy_timeout (db, 5000);
  sqlite3_extended_result_codes (db, 1);
  return db;
}

/* For g_ptr_array_sort(), which passes pointers to the elements. */
static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Keeps the KEEP_DAMAGED newest copies moved aside from @db_path: a cache
 * that keeps getting damaged must not fill the disk with copies. */
static void
prune_damaged (const char *db_path)
{
  g_autofree char *dir = g_path_get_dirname (db_path);
  g_autofree char *base = g_path_get_basename (db_path);
  g_autofree char *prefix = g_strconcat (base, ".damaged-", NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, prefix))
      g_ptr_array_add (names, g_strdup (name));
  /* The names end in a UTC time written %Y%m%dT%H%M%S: sorted by name,
   * they are sorted by age. */
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i + KEEP_DAMAGED < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, g_ptr_array_index (names, i), NULL);
      g_unlink (path);
    }
}

static gboolean
same_file (const GStatBuf *a,
           const GStatBuf *b)
{
  return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

/* Moves the damaged cache @db_path aside, for inspection, unless another
 * process has replaced it since it was found damaged (@seen: as it was
 * then). Returns the new name, or NULL when it could not be moved (it is
 * then deleted if possible) or was replaced. */
static char *
move_aside (const char    *db_path,
            const GStatBuf *seen)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%S");
  g_autofree char *aside = g_strdup_printf ("%s.damaged-%s", db_path, stamp);
  GStatBuf st;

  if (g_stat (db_path, &st) != 0 || !same_file (&st, seen))
    return NULL;
  if (g_rename (db_path, aside) != 0)
    {
      g_unlink (db_path);
      return NULL;
    }
  prune_damaged (db_path);
  crash_point ("after-move-aside");
  return g_steal_pointer (&aside);
}

void
yp_cache_set_aside (const char     *db_path,
                    const GStatBuf *seen)
{
  g_autofree char *aside = NULL;

  g_return_if_fail (db_path != NULL && seen != NULL);

  aside = move_aside (db_path, seen);
  if (aside != NULL)
    g_message ("Moved the damaged cache %s to %s", db_path, aside);
}

/* A rebuild killed half-way (a power cut, kill -9) leaves its temporary
 * file behind; those of @db_path's naming that nobody has written to for
 * STALE_TEMP_SECONDS are removed. */
static void
remove_stale_temporaries (const char *db_path)
{
  g_autofree char *dir = g_path_get_dirname (db_path);
  g_autofree char *base = g_path_get_basename (db_path);
  g_autofree char *prefix = g_strdup_printf (".%s.", base);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = NULL;
      GStatBuf st;

      /* mkstemp() adds six characters to the prefix. */
      if (!g_str_has_prefix (name, prefix) || strlen (name) != strlen (prefix) + 6)
        continue;
      path = g_build_filename (dir, name, NULL);
      if (g_lstat (path, &st) == 0 && S_ISREG (st.st_mode) &&
          now - (gint64) st.st_mtime > STALE_TEMP_SECONDS &&
          g_unlink (path) == 0)
        g_debug ("removed %s, left by a rebuild that did not finish", path);
    }
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

/* Writes @record into a new file and renames it to @db_path. */
/* Makes the temporary file a cache is written to, beside @db_path, and
 * opens it for writing. NULL with @error set. */
static sqlite3 *
open_temp (const char  *db_path,
           char       **tmp_path_out,
           GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (db_path);
  g_autofree char *base = g_path_get_basename (db_path);
  g_autofree char *tmpl = g_strdup_printf (".%s.XXXXXX", base);
  g_autofree char *tmp_path = NULL;
  sqlite3 *db;
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "cannot create the cache folder %s: %s", dir, g_strerror (saved));
      return NULL;
    }
  tmp_path = g_build_filename (dir, tmpl, NULL);
  fd = g_mkstemp (tmp_path);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "cannot write in the cache folder %s: %s", dir, g_strerror (saved));
      return NULL;
    }
  close (fd);
  crash_point ("after-mkstemp");

  /* One thread writes it: no mutex around every call. */
  db = open_db (tmp_path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX);
  if (db == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot open %s", tmp_path);
      g_unlink (tmp_path);
      return NULL;
    }
  /* The file becomes visible only through the rename in put_in_place(),
   * so it needs no rollback journal; synchronous=FULL still puts it on
   * disk before. */
  exec (db, "PRAGMA journal_mode = OFF; PRAGMA synchronous = FULL", NULL);
  crash_point ("start-write");
  *tmp_path_out = g_steal_pointer (&tmp_path);
  return db;
}

/* Drops a temporary file that will not be finished. */
static void
discard_temp (sqlite3    *db,
              const char *tmp_path)
{
  crash_rows_left = 0;
  sqlite3_close (db);
  g_unlink (tmp_path);
}

/* Closes @db, a complete cache in @tmp_path, and renames it to @db_path. */
static gboolean
put_in_place (const char *db_path,
              const char *tmp_path,
              sqlite3    *db,
              GError    **error)
{
  g_autofree char *dir = g_path_get_dirname (db_path);
  int fd;

  crash_rows_left = 0;
  sqlite3_close (db);
  crash_point ("before-rename");
  if (g_rename (tmp_path, db_path) != 0)
    {
      int saved = errno;
      g_unlink (tmp_path);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "cannot put the cache in place at %s: %s", db_path, g_strerror (saved));
      return FALSE;
    }
  /* The rename is atomic; syncing the folder makes it survive a power cut
   * too. A folder that cannot be synced still has the file in place. */
  fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
  crash_point ("after-rename");
  return TRUE;
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
  sqlite3 *db = open_temp (db_path, &tmp_path, error);

  if (db == NULL)
    return FALSE;
  /* Stopped, the temporary file goes: no half cache is left. */
  if (!write_record (db, record, inputs, fingerprints, hash, monitor, &local_error) ||
      !monitor_step (monitor, 1, 1, &local_error))
    {
      discard_temp (db, tmp_path);
      if (is_cancelled (local_error))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot write the cache %s: %s",
                   db_path, local_error->message);
      return FALSE;
    }
  return put_in_place (db_path, tmp_path, db, error);
}

static YpRecord *
read_file (const char *db_path,
           GError    **error)
{
  sqlite3 *db = open_db (db_path, SQLITE_OPEN_READONLY);
  YpRecord *record;

  if (db == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot open %s", db_path);
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
  g_free (write);
}

/* Hashes the inputs and writes the cache file. On success, returns TRUE
 * and logs a rebuild as yp_cache_load() does; otherwise @error says why. */
static gboolean
write_cache_file (const char           *db_path,
                  YpRecord             *parsed,
                  GPtrArray            *inputs,
                  const YpCacheMonitor *monitor,
                  GError              **error)
{
  g_autoptr(GArray) fingerprints = g_array_new (FALSE, TRUE, sizeof (Fingerprint));
  g_autofree char *hash = compute_content_hash (inputs, fingerprints);

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
  stream->db = open_temp (stream->db_path, &stream->tmp_path, error);
  if (stream->db == NULL)
    return FALSE;
  if (!event_writer_begin (&stream->writer, stream->db, error))
    {
      event_writer_clear (&stream->writer);
      discard_temp (stream->db, stream->tmp_path);
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
    discard_temp (stream->db, stream->tmp_path);
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
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot write the cache %s: %s",
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
      discard_temp (db, stream->tmp_path);
      stream->db = NULL;
      g_clear_pointer (&stream->tmp_path, g_free);
      return FALSE;
    }
  event_writer_clear (&stream->writer);
  stream->db = NULL;
  if (!put_in_place (stream->db_path, stream->tmp_path, db, &local_error))
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
                  yp_record_set_cache_path (record, db_path);
                  report->outcome = YP_CACHE_REUSED;
                  report->db_path = g_strdup (db_path);
                  remove_stale_temporaries (db_path);
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
      if (attempt < 2 && g_stat (db_path, &now) == 0 && !same_file (&now, &st))
        continue;
      if (damaged)
        report->moved_aside = move_aside (db_path, &st);
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
            yp_record_set_cache_path (record, db_path);
            report->outcome = YP_CACHE_BUILT;
            report->streamed = TRUE;
            report->db_path = g_strdup (db_path);
            report->reason = g_strdup_printf ("cache %s rebuilt: %s", db_path, reason);
            say_rebuilt (db_path, reason, first_build, report->moved_aside);
            remove_stale_temporaries (db_path);
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
      write->inputs = g_steal_pointer (&inputs);
      *later = write;
      report->outcome = YP_CACHE_PARSED;
      report->reason = g_strdup_printf ("cache %s to be written: %s", db_path, reason);
      yp_cache_report_clear (&dummy);
      return g_steal_pointer (&parsed);
    }

  /* 3. Write a new cache file and read the record back from it, so the
   * window always shows what the cache holds. */
  if (write_cache_file (db_path, parsed, inputs, monitor, &local_error))
    {
      record = read_file (db_path, &local_error);
      if (record != NULL)
        {
          yp_record_set_cache_path (record, db_path);
          report->outcome = YP_CACHE_BUILT;
          report->db_path = g_strdup (db_path);
          report->reason = g_strdup_printf ("cache %s rebuilt: %s", db_path, reason);
          say_rebuilt (db_path, reason, first_build, report->moved_aside);
          remove_stale_temporaries (db_path);
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

  /* 4. The folder is not writable (or full): keep the cache in memory. */
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
  write->written = write_cache_file (write->db_path, write->record, write->inputs, monitor, &local_error);
  if (write->written)
    {
      say_rebuilt (write->db_path, write->reason, write->first_build, write->moved_aside);
      remove_stale_temporaries (write->db_path);
      return TRUE;
    }
  if (!is_cancelled (local_error))
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
  g_return_if_fail (write != NULL && write->ran);
  if (write->written)
    yp_record_set_cache_path (write->record, write->db_path);
}
