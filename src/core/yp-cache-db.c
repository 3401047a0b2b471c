/* yp-cache-db.c: the cache file's schema, statement helpers and lifecycle
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one owner of the tables (see yp-cache-db.h) and of what happens to
 * a cache file: made as a temporary file beside its final name, renamed
 * into place when complete (so a crash never leaves half a cache), moved
 * aside when it is found damaged, and its leftovers cleaned up. The cache's
 * units share the log domain "yp-cache": one switch shows the whole cache.
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

#include "yp-cache-db.h"
#include "yp-error.h"

/* A temporary file of this cache's naming that nobody has written to for
 * this long was left by a rebuild that was killed; younger ones may belong
 * to a rebuild another process is doing right now. */
#define STALE_TEMP_SECONDS 60
/* Damaged caches moved aside that are kept for inspection, per cache. */
#define KEEP_DAMAGED 3

/* Tables */

typedef struct {
  const char  *name;
  const char  *decl;   /* NULL: not declared (rowid) */
  YpCacheKind  kind;
} Column;

typedef struct {
  const char   *name;
  const Column *columns;
  guint         n_columns;
  const char   *extra;    /* after the columns in CREATE, or NULL */
  const char   *fts;      /* the tokenizer options of an FTS5 table, or NULL */
} Table;

#define COLUMN_SPEC(table, column, name, decl, kind) { name, decl, kind },

static const Column meta_columns[] = { YP_CACHE_META_COLUMNS (COLUMN_SPEC) };
static const Column inputs_columns[] = { YP_CACHE_INPUTS_COLUMNS (COLUMN_SPEC) };
static const Column problems_columns[] = { YP_CACHE_PROBLEMS_COLUMNS (COLUMN_SPEC) };
static const Column sources_columns[] = { YP_CACHE_SOURCES_COLUMNS (COLUMN_SPEC) };
static const Column actors_columns[] = { YP_CACHE_ACTORS_COLUMNS (COLUMN_SPEC) };
static const Column eras_columns[] = { YP_CACHE_ERAS_COLUMNS (COLUMN_SPEC) };
static const Column events_columns[] = { YP_CACHE_EVENTS_COLUMNS (COLUMN_SPEC) };
static const Column event_actors_columns[] = { YP_CACHE_EVENT_ACTORS_COLUMNS (COLUMN_SPEC) };
static const Column citations_columns[] = { YP_CACHE_CITATIONS_COLUMNS (COLUMN_SPEC) };
static const Column event_columns_columns[] = { YP_CACHE_EVENT_COLUMNS_COLUMNS (COLUMN_SPEC) };
static const Column categories_columns[] = { YP_CACHE_CATEGORIES_COLUMNS (COLUMN_SPEC) };
static const Column articles_fts_columns[] = { YP_CACHE_ARTICLES_FTS_COLUMNS (COLUMN_SPEC) };
static const Column events_fts_columns[] = { YP_CACHE_EVENTS_FTS_COLUMNS (COLUMN_SPEC) };

#define TABLE(name, columns, extra, fts) { name, columns, G_N_ELEMENTS (columns), extra, fts }

/* In YpCacheTable's order. */
static const Table tables[YP_CACHE_N_TABLES] = {
  TABLE ("meta", meta_columns, NULL, NULL),
  TABLE ("inputs", inputs_columns, NULL, NULL),
  TABLE ("problems", problems_columns, NULL, NULL),
  TABLE ("sources", sources_columns, NULL, NULL),
  TABLE ("actors", actors_columns, NULL, NULL),
  TABLE ("eras", eras_columns, NULL, NULL),
  TABLE ("events", events_columns, NULL, NULL),
  TABLE ("event_actors", event_actors_columns, "PRIMARY KEY (event, seq)", NULL),
  TABLE ("citations", citations_columns, "PRIMARY KEY (event, seq)", NULL),
  TABLE ("event_columns", event_columns_columns, NULL, NULL),
  TABLE ("categories", categories_columns, NULL, NULL),
  TABLE ("articles_fts", articles_fts_columns, NULL, "tokenize = 'trigram'"),
  /* detail=none: the events' index keeps which rows hold a trigram, not
   * where; the search ANDs single trigrams and ranks from the texts
   * themselves (yp-search.c), so positions were never read. It builds in
   * half the time and takes a third less room. */
  TABLE ("events_fts", events_fts_columns, NULL, "tokenize = 'trigram', detail = none"),
};

G_STATIC_ASSERT (G_N_ELEMENTS (meta_columns) == YP_COL_META_ROW_CHECK + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (events_columns) == YP_COL_EVENTS_ROW_CHECK + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (events_fts_columns) == YP_COL_EVENTS_FTS_ROW_CHECK + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (articles_fts_columns) == YP_COL_ARTICLES_FTS_ROW_CHECK + 1);

const char *
yp_cache_db_table_name (YpCacheTable table)
{
  g_return_val_if_fail (table < YP_CACHE_N_TABLES, NULL);
  return tables[table].name;
}

guint
yp_cache_db_n_columns (YpCacheTable table)
{
  g_return_val_if_fail (table < YP_CACHE_N_TABLES, 0);
  return tables[table].n_columns;
}

const char *
yp_cache_db_column_name (YpCacheTable table,
                         guint        column)
{
  g_return_val_if_fail (table < YP_CACHE_N_TABLES && column < tables[table].n_columns, NULL);
  return tables[table].columns[column].name;
}

YpCacheKind
yp_cache_db_column_kind (YpCacheTable table,
                         guint        column)
{
  g_return_val_if_fail (table < YP_CACHE_N_TABLES && column < tables[table].n_columns, YP_CACHE_BLOB_NULL);
  return tables[table].columns[column].kind;
}

const char *
yp_cache_db_schema_sql (void)
{
  static char *sql;
  static gsize done;

  if (g_once_init_enter (&done))
    {
      GString *s = g_string_new (NULL);

      for (guint t = 0; t < YP_CACHE_N_TABLES; t++)
        {
          const Table *table = &tables[t];
          gboolean first = TRUE;

          if (table->fts != NULL)
            g_string_append_printf (s, "CREATE VIRTUAL TABLE %s USING fts5 (", table->name);
          else
            g_string_append_printf (s, "CREATE TABLE %s (", table->name);
          for (guint c = 0; c < table->n_columns; c++)
            {
              if (table->columns[c].decl == NULL)
                continue;
              g_string_append_printf (s, "%s%s%s%s", first ? "" : ", ", table->columns[c].name,
                                      *table->columns[c].decl ? " " : "", table->columns[c].decl);
              first = FALSE;
            }
          if (table->extra != NULL)
            g_string_append_printf (s, ", %s", table->extra);
          if (table->fts != NULL)
            g_string_append_printf (s, ", %s", table->fts);
          g_string_append (s, ");");
        }
      sql = g_string_free (s, FALSE);
      g_once_init_leave (&done, 1);
    }
  return sql;
}

static void
append_column_list (GString     *s,
                    const Table *table)
{
  for (guint c = 0; c < table->n_columns; c++)
    g_string_append_printf (s, "%s%s", c ? ", " : "", table->columns[c].name);
}

const char *
yp_cache_db_insert_sql (YpCacheTable table)
{
  static char *sql[YP_CACHE_N_TABLES];
  static gsize done;

  g_return_val_if_fail (table < YP_CACHE_N_TABLES, NULL);

  if (g_once_init_enter (&done))
    {
      for (guint t = 0; t < YP_CACHE_N_TABLES; t++)
        {
          GString *s = g_string_new (NULL);

          g_string_append_printf (s, "INSERT INTO %s (", tables[t].name);
          append_column_list (s, &tables[t]);
          g_string_append (s, ") VALUES (");
          for (guint c = 0; c < tables[t].n_columns; c++)
            {
              if (c + 1 == tables[t].n_columns)
                {
                  /* The check of the values bound before it. */
                  g_string_append (s, ", yp_row_check (");
                  for (guint k = 0; k < c; k++)
                    g_string_append_printf (s, "%s?%u", k ? ", " : "", k + 1);
                  g_string_append_c (s, ')');
                  break;
                }
              g_string_append_printf (s, "%s?%u", c ? ", " : "", c + 1);
            }
          g_string_append_c (s, ')');
          sql[t] = g_string_free (s, FALSE);
        }
      g_once_init_leave (&done, 1);
    }
  return sql[table];
}

char *
yp_cache_db_select_sql (YpCacheTable  table,
                        const char   *tail)
{
  GString *s = g_string_new ("SELECT ");

  g_return_val_if_fail (table < YP_CACHE_N_TABLES, NULL);

  append_column_list (s, &tables[table]);
  g_string_append_printf (s, " FROM %s%s%s", tables[table].name, tail ? " " : "", tail ? tail : "");
  return g_string_free (s, FALSE);
}

/* Row checks */

static inline guint64
mix (guint64 h,
     guint64 word)
{
  h ^= word;
  h *= G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
  return h ^ (h >> 29);
}

static guint64
mix_bytes (guint64       h,
           const guchar *bytes,
           gsize         n)
{
  gsize i = 0;

  h = mix (h, n);
  for (; i + 8 <= n; i += 8)
    {
      guint64 word;

      memcpy (&word, bytes + i, 8);
      h = mix (h, word);
    }
  if (i < n)
    {
      guint64 word = 0;

      memcpy (&word, bytes + i, n - i);
      h = mix (h, word);
    }
  return h;
}

/* Each value's type and contents, in order: a different type, a NULL,
 * one changed byte or a value moved to another column all change it.
 * Not cryptographic: it finds damage, not an attacker who can write the
 * cache (who could write any cache). */
guint64
yp_cache_db_row_check_start (void)
{
  return G_GUINT64_CONSTANT (0x79656f6e70796f21);  /* "yeonpyo!" */
}

guint64
yp_cache_db_row_check_add_bytes (guint64     check,
                                 int         column,
                                 int         type,
                                 const void *bytes,
                                 gsize       n)
{
  check = mix (check, (guint64) type << 32 | (guint) column);
  return mix_bytes (check, bytes, n);
}

gint64
yp_cache_db_row_check (sqlite3_value **values,
                       int             n)
{
  guint64 h = yp_cache_db_row_check_start ();

  for (int i = 0; i < n; i++)
    {
      int type = sqlite3_value_type (values[i]);

      h = mix (h, (guint64) type << 32 | (guint) i);
      switch (type)
        {
        case SQLITE_INTEGER:
          h = mix (h, (guint64) sqlite3_value_int64 (values[i]));
          break;
        case SQLITE_FLOAT:
          {
            double d = sqlite3_value_double (values[i]);
            guint64 bits;

            memcpy (&bits, &d, sizeof bits);
            h = mix (h, bits);
          }
          break;
        case SQLITE_TEXT:
          {
            const guchar *text = sqlite3_value_text (values[i]);

            h = mix_bytes (h, text, sqlite3_value_bytes (values[i]));
          }
          break;
        case SQLITE_BLOB:
          {
            const guchar *blob = sqlite3_value_blob (values[i]);

            h = mix_bytes (h, blob, sqlite3_value_bytes (values[i]));
          }
          break;
        case SQLITE_NULL:
        default:
          break;
        }
    }
  return (gint64) h;
}

static void
row_check_function (sqlite3_context  *ctx,
                    int               n,
                    sqlite3_value   **values)
{
  sqlite3_result_int64 (ctx, yp_cache_db_row_check (values, n));
}

/* Test hook (tests/test-faults.c), compiled only where -Dtest_hooks allows
 * (not in release builds, nor in the Flatpak):
 * YEONPYO_CACHE_CRASH_AT=<step> makes a rebuild kill its own process with
 * SIGKILL at that step, as a power cut or `kill -9` would, so the tests
 * can check that the next start finds the old cache or the new one, never
 * half of one. The steps, in order:
 *   after-move-aside  a damaged cache was moved aside, nothing written yet
 *   after-mkstemp     the temporary file exists and is empty
 *   mid-write[:N]     N rows (default 1) are in the temporary file
 *   before-rename     the temporary file is complete and closed
 *   after-rename      the new cache is in place, not yet read back */
#ifdef YP_ENABLE_TEST_HOOKS
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

static void
crash_disarm (void)
{
  crash_rows_left = 0;
}
#else
#define crash_point(step) ((void) 0)
#define crash_point_row() ((void) 0)
#define crash_disarm() ((void) 0)
#endif

/* Statements */

sqlite3_stmt *
yp_cache_db_prepare (sqlite3     *db,
                     const char  *sql,
                     gboolean     persistent,
                     GError     **error)
{
  sqlite3_stmt *st = NULL;

  if (sqlite3_prepare_v3 (db, sql, -1, persistent ? SQLITE_PREPARE_PERSISTENT : 0, &st, NULL) != SQLITE_OK)
    {
      g_set_error (error, YP_ERROR, YP_ERROR_CACHE_DAMAGED, "%s", sqlite3_errmsg (db));
      g_clear_pointer (&st, sqlite3_finalize);
      return NULL;
    }
  return st;
}

gboolean
yp_cache_db_exec (sqlite3     *db,
                  const char  *sql,
                  int          code,
                  GError     **error)
{
  char *msg = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &msg) != SQLITE_OK)
    {
      g_set_error (error, YP_ERROR, code, "%s", msg ? msg : sqlite3_errmsg (db));
      sqlite3_free (msg);
      return FALSE;
    }
  return TRUE;
}

void
yp_cache_db_bind_text (sqlite3_stmt *st,
                       int           column,
                       const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (st, column, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (st, column);
}

gboolean
yp_cache_db_step_done (sqlite3      *db,
                       sqlite3_stmt *st,
                       GError      **error)
{
  int rc = sqlite3_step (st);

  sqlite3_reset (st);
  sqlite3_clear_bindings (st);
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, YP_ERROR, YP_ERROR_NOT_WRITABLE, "%s", sqlite3_errmsg (db));
      return FALSE;
    }
  crash_point_row ();
  return TRUE;
}

gboolean
yp_cache_db_rows_done (sqlite3  *db,
                       int       rc,
                       GError  **error)
{
  if (rc == SQLITE_DONE)
    return TRUE;
  g_set_error (error, YP_ERROR, YP_ERROR_CACHE_DAMAGED, "%s", sqlite3_errmsg (db));
  return FALSE;
}

sqlite3 *
yp_cache_db_open_raw (const char *path,
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
  sqlite3_create_function (db, "yp_row_check", -1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                           row_check_function, NULL, NULL);
  return db;
}

/* One opened cache */

struct _YpCacheDb {
  gatomicrefcount ref;
  sqlite3        *db;
  char           *path;       /* NULL in memory */
  GStatBuf        seen;       /* the file as it was opened */
  gboolean        have_seen;
  gboolean        damaged;
};

YpCacheDb *
yp_cache_db_new (sqlite3    *db,
                 const char *path)
{
  YpCacheDb *self = g_new0 (YpCacheDb, 1);

  g_return_val_if_fail (db != NULL, NULL);

  g_atomic_ref_count_init (&self->ref);
  self->db = db;
  self->path = g_strdup (path);
  self->have_seen = path != NULL && g_stat (path, &self->seen) == 0;
  return self;
}

YpCacheDb *
yp_cache_db_ref (YpCacheDb *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref);
  return self;
}

void
yp_cache_db_unref (YpCacheDb *self)
{
  if (self == NULL || !g_atomic_ref_count_dec (&self->ref))
    return;
  sqlite3_close (self->db);
  g_free (self->path);
  g_free (self);
}

sqlite3 *
yp_cache_db_get_handle (YpCacheDb *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->db;
}

const char *
yp_cache_db_get_path (YpCacheDb *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->path;
}

const char *
yp_cache_db_get_name (YpCacheDb *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->path ? self->path : "(in memory)";
}

sqlite3 *
yp_cache_db_open_reader (YpCacheDb *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->path == NULL)
    return NULL;
  /* One thread uses the connection: no mutex around every call. */
  return yp_cache_db_open_raw (self->path, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX);
}

void
yp_cache_db_set_damaged (YpCacheDb  *self,
                         const char *what)
{
  g_autofree char *aside = NULL;

  g_return_if_fail (self != NULL);

  if (self->damaged)
    return;
  self->damaged = TRUE;
  if (self->have_seen)
    aside = yp_cache_db_move_aside (self->path, &self->seen);
  if (aside != NULL)
    g_warning ("The cache %s is damaged (%s); it was moved to %s and will be rebuilt",
               self->path, what, aside);
  else
    g_warning ("The cache %s is damaged (%s); it will be rebuilt", yp_cache_db_get_name (self), what);
}

gboolean
yp_cache_db_is_damaged (YpCacheDb *self)
{
  g_return_val_if_fail (self != NULL, TRUE);
  return self->damaged;
}

/* Positions */

static gboolean
first_rowid_is (sqlite3    *db,
                const char *sql,
                gint64      expected)
{
  g_autoptr(sqlite3_stmt) st = yp_cache_db_prepare (db, sql, FALSE, NULL);

  if (st == NULL)
    return FALSE;
  if (sqlite3_step (st) != SQLITE_ROW)
    return expected < 0;
  return sqlite3_column_int64 (st, 0) == expected;
}

static gboolean
fts_row_is_event (sqlite3 *db,
                  gint64   position)
{
  g_autoptr(sqlite3_stmt) st = yp_cache_db_prepare (db, "SELECT f.event, e.id FROM events_fts f, events e"
                                                        " WHERE f.rowid = ?1 AND e.seq = ?1", FALSE, NULL);

  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, position);
  return sqlite3_step (st) == SQLITE_ROW && sqlite3_column_type (st, 0) == SQLITE_TEXT &&
         sqlite3_column_type (st, 1) == SQLITE_TEXT &&
         g_strcmp0 ((const char *) sqlite3_column_text (st, 0), (const char *) sqlite3_column_text (st, 1)) == 0;
}

gboolean
yp_cache_db_check_positions (sqlite3 *db,
                             guint    n_events)
{
  if (!first_rowid_is (db, "SELECT rowid FROM events_fts ORDER BY rowid LIMIT 1", n_events > 0 ? 0 : -1) ||
      !first_rowid_is (db, "SELECT rowid FROM events_fts ORDER BY rowid DESC LIMIT 1", (gint64) n_events - 1))
    return FALSE;
  if (n_events == 0)
    return TRUE;
  return fts_row_is_event (db, 0) && fts_row_is_event (db, n_events / 2) && fts_row_is_event (db, n_events - 1);
}

/* File lifecycle */

gboolean
yp_cache_db_same_file (const GStatBuf *a,
                       const GStatBuf *b)
{
  return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
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

char *
yp_cache_db_move_aside (const char     *db_path,
                        const GStatBuf *seen)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%S");
  g_autofree char *aside = g_strdup_printf ("%s.damaged-%s", db_path, stamp);
  GStatBuf st;

  if (g_stat (db_path, &st) != 0 || !yp_cache_db_same_file (&st, seen))
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
yp_cache_db_remove_stale_temporaries (const char *db_path)
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

sqlite3 *
yp_cache_db_create_temp (const char  *db_path,
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
      g_set_error (error, YP_ERROR, YP_ERROR_NOT_WRITABLE,
                   "cannot create the cache folder %s: %s", dir, g_strerror (saved));
      return NULL;
    }
  tmp_path = g_build_filename (dir, tmpl, NULL);
  fd = g_mkstemp (tmp_path);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, YP_ERROR, YP_ERROR_NOT_WRITABLE,
                   "cannot write in the cache folder %s: %s", dir, g_strerror (saved));
      return NULL;
    }
  close (fd);
  crash_point ("after-mkstemp");

  /* One thread writes it: no mutex around every call. */
  db = yp_cache_db_open_raw (tmp_path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX);
  if (db == NULL)
    {
      g_set_error (error, YP_ERROR, YP_ERROR_NOT_WRITABLE, "cannot open %s", tmp_path);
      g_unlink (tmp_path);
      return NULL;
    }
  /* The file becomes visible only through the rename in put_in_place(),
   * so it needs no rollback journal; synchronous=FULL still puts it on
   * disk before. */
  yp_cache_db_exec (db, "PRAGMA journal_mode = OFF; PRAGMA synchronous = FULL", YP_ERROR_NOT_WRITABLE, NULL);
  crash_point ("start-write");
  *tmp_path_out = g_steal_pointer (&tmp_path);
  return db;
}

void
yp_cache_db_discard_temp (sqlite3    *db,
                          const char *tmp_path)
{
  crash_disarm ();
  sqlite3_close (db);
  g_unlink (tmp_path);
}

gboolean
yp_cache_db_put_in_place (const char *db_path,
                          const char *tmp_path,
                          sqlite3    *db,
                          GError    **error)
{
  g_autofree char *dir = g_path_get_dirname (db_path);
  int fd;

  crash_disarm ();
  sqlite3_close (db);
  crash_point ("before-rename");
  if (g_rename (tmp_path, db_path) != 0)
    {
      int saved = errno;
      g_unlink (tmp_path);
      g_set_error (error, YP_ERROR, YP_ERROR_NOT_WRITABLE,
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
