/* yp-cache-rows.c: a cache's sources and events, made one at a time as
 * a list asks for them, every row checked
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opening reads only what a list is built on (how many sources there
 * are; the events' packed times and the categories); each source or
 * event is made from its rows when it is first asked for, its rows
 * checked as yp-cache-read.c checks the rest of the record (kinds, then
 * meaning: numbering, precisions, segments and citations within their
 * texts). A row that fails marks the cache damaged and gives a
 * placeholder, since a list model cannot fail to give an item it
 * counted. Also here: the filter and the citations of a source, as SQL
 * over the same tables.
 */
#define G_LOG_DOMAIN "yp-cache"

#include "config.h"

#include <string.h>

#include "yp-cache-read-private.h"
#include "yp-cache-rows.h"
#include "yp-error.h"
#include "yp-str-pool.h"

/* As the loader allows them. */
static const char * const statuses[] = { "reported", "unconfirmed", "false", NULL };

/* Checks the row of sources @st is on (every column) for what its values
 * mean and fills @info from it; the strings stay valid until the
 * statement moves. @body_len and @raw_len: the texts' lengths in
 * characters, which citations are checked against. */
static gboolean
check_source (sqlite3_stmt  *st,
              gint64         row,
              YpSourceInfo  *info,
              glong         *body_len,
              glong         *raw_len,
              GError       **error)
{
  int seg_bytes = sqlite3_column_bytes (st, YP_COL_SOURCES_SEGMENTS);
  gint64 precision = sqlite3_column_int64 (st, YP_COL_SOURCES_PUBLISHED_PRECISION);

  *info = (YpSourceInfo) {
    .id = yp_cache_read_text (st, YP_COL_SOURCES_ID),
    .file = yp_cache_read_text (st, YP_COL_SOURCES_FILE),
    .outlet = { (char *) yp_cache_read_text (st, YP_COL_SOURCES_OUTLET_KO),
                (char *) yp_cache_read_text (st, YP_COL_SOURCES_OUTLET_EN) },
    .outlet_note = { (char *) yp_cache_read_text (st, YP_COL_SOURCES_OUTLET_NOTE_KO),
                     (char *) yp_cache_read_text (st, YP_COL_SOURCES_OUTLET_NOTE_EN) },
    .title = yp_cache_read_text (st, YP_COL_SOURCES_TITLE),
    .author = yp_cache_read_text (st, YP_COL_SOURCES_AUTHOR),
    .published = yp_cache_read_text (st, YP_COL_SOURCES_PUBLISHED),
    .published_precision = precision,
    .timezone = yp_cache_read_text (st, YP_COL_SOURCES_TIMEZONE),
    .published_start = sqlite3_column_int64 (st, YP_COL_SOURCES_PUBLISHED_START),
    .published_note = { (char *) yp_cache_read_text (st, YP_COL_SOURCES_PUBLISHED_NOTE_KO),
                        (char *) yp_cache_read_text (st, YP_COL_SOURCES_PUBLISHED_NOTE_EN) },
    .language = yp_cache_read_text (st, YP_COL_SOURCES_LANGUAGE),
    .raw_text = yp_cache_read_text (st, YP_COL_SOURCES_RAW_TEXT),
    .body_text = yp_cache_read_text (st, YP_COL_SOURCES_BODY_TEXT),
    .segments = sqlite3_column_blob (st, YP_COL_SOURCES_SEGMENTS),
    .n_segments = seg_bytes / sizeof (YpSegment),
  };

  if (precision < YP_PRECISION_EXACT || precision > YP_PRECISION_APPROXIMATE)
    return yp_cache_read_damaged (error, YP_CACHE_TABLE_SOURCES, row, YP_COL_SOURCES_PUBLISHED_PRECISION,
                                  "%" G_GINT64_FORMAT " is not a precision", precision);
  if (*info->id == '\0')
    return yp_cache_read_damaged (error, YP_CACHE_TABLE_SOURCES, row, YP_COL_SOURCES_ID, "the id is empty");
  if (seg_bytes % sizeof (YpSegment) != 0)
    return yp_cache_read_damaged (error, YP_CACHE_TABLE_SOURCES, row, YP_COL_SOURCES_SEGMENTS,
                                  "%d bytes are not whole segments", seg_bytes);
  /* The UI slices the texts with the segments: each lies inside. */
  *body_len = g_utf8_strlen (info->body_text, -1);
  *raw_len = g_utf8_strlen (info->raw_text, -1);
  for (guint j = 0; j < info->n_segments; j++)
    {
      YpSegment seg;

      memcpy (&seg, (const char *) info->segments + j * sizeof seg, sizeof seg);
      if ((gint64) seg.body_start + seg.length > *body_len || (gint64) seg.raw_start + seg.length > *raw_len)
        return yp_cache_read_damaged (error, YP_CACHE_TABLE_SOURCES, row, YP_COL_SOURCES_SEGMENTS,
                                      "segment %u of source “%s” lies outside its text", j, info->id);
    }
  return TRUE;
}

/* The citation on the row of @st (every column of citations); its
 * strings interned in @pool, or @st's own when @pool is NULL. */
static inline YpCitationInfo
citation_from_row (sqlite3_stmt *st,
                   YpStrPool    *pool)
{
  const char *source = yp_cache_read_text (st, YP_COL_CITATIONS_SOURCE);
  const char *quote = yp_cache_read_text (st, YP_COL_CITATIONS_QUOTE);

  return (YpCitationInfo) {
    .source_id = pool ? yp_str_pool_intern (pool, source) : source,
    .quote = pool ? yp_str_pool_intern (pool, quote) : quote,
    .body_start = sqlite3_column_int64 (st, YP_COL_CITATIONS_BODY_START),
    .body_end = sqlite3_column_int64 (st, YP_COL_CITATIONS_BODY_END),
    .raw_start = sqlite3_column_int64 (st, YP_COL_CITATIONS_RAW_START),
    .raw_end = sqlite3_column_int64 (st, YP_COL_CITATIONS_RAW_END),
  };
}

/* The seq that @id_st, "SELECT seq FROM <table> WHERE id = ?1", finds
 * for @id when it is a position below @n, else G_MAXUINT. */
static guint
find_seq (sqlite3_stmt *id_st,
          guint         n,
          const char   *id)
{
  guint position = G_MAXUINT;

  sqlite3_bind_text (id_st, 1, id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (id_st) == SQLITE_ROW && sqlite3_column_type (id_st, 0) == SQLITE_INTEGER)
    {
      gint64 seq = sqlite3_column_int64 (id_st, 0);

      if (seq >= 0 && seq < n)
        position = seq;
    }
  sqlite3_reset (id_st);
  return position;
}

/* Sources */

struct _YpCacheSources {
  YpCacheDb    *db;
  guint         n;
  sqlite3_stmt *seq_st;
  sqlite3_stmt *id_st;
};

void
yp_cache_sources_free (YpCacheSources *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->seq_st, sqlite3_finalize);
  g_clear_pointer (&self->id_st, sqlite3_finalize);
  g_clear_pointer (&self->db, yp_cache_db_unref);
  g_free (self);
}

/* How many rows table sources has, numbered 0 to that less one, found
 * at the ends of its b-tree as check_numbering() does for the events; a
 * row missing in between is found when its source is made. */
static gboolean
count_sources (sqlite3  *db,
               guint    *n,
               GError  **error)
{
  g_autoptr(sqlite3_stmt) st = yp_cache_db_prepare (db, "SELECT (SELECT min (seq) FROM sources), (SELECT max (seq) FROM sources)",
                                                    FALSE, error);
  gint64 min, max;

  if (st == NULL)
    return FALSE;
  if (sqlite3_step (st) != SQLITE_ROW)
    {
      g_set_error (error, YP_ERROR, YP_ERROR_CACHE_DAMAGED, "table sources: %s", sqlite3_errmsg (db));
      return FALSE;
    }
  if (sqlite3_column_type (st, 0) == SQLITE_NULL && sqlite3_column_type (st, 1) == SQLITE_NULL)
    {
      *n = 0;
      return TRUE;
    }
  min = sqlite3_column_int64 (st, 0);
  max = sqlite3_column_int64 (st, 1);
  if (sqlite3_column_type (st, 0) != SQLITE_INTEGER || sqlite3_column_type (st, 1) != SQLITE_INTEGER ||
      min != 0 || max < 0 || max >= G_MAXUINT / 2)
    {
      g_set_error (error, YP_ERROR, YP_ERROR_CACHE_DAMAGED,
                   "table sources: the sources are not numbered from 0 (%" G_GINT64_FORMAT " to %" G_GINT64_FORMAT ")",
                   min, max);
      return FALSE;
    }
  *n = max + 1;
  return TRUE;
}

/* Checks a row of sources as making its source would; counts the rows
 * in *@n_rows. */
static gboolean
check_source_row (sqlite3_stmt  *st,
                  gint64         row,
                  gpointer       n_rows,
                  GError       **error)
{
  YpSourceInfo info;
  glong body_len, raw_len;

  if (sqlite3_column_int64 (st, YP_COL_SOURCES_SEQ) != row)
    return yp_cache_read_damaged (error, YP_CACHE_TABLE_SOURCES, row, YP_COL_SOURCES_SEQ,
                                  "the row is not numbered %" G_GINT64_FORMAT, row);
  (*(gint64 *) n_rows)++;
  return check_source (st, row, &info, &body_len, &raw_len, error);
}

YpCacheSources *
yp_cache_sources_open (YpCacheDb  *cache,
                       gboolean    check_all,
                       GError    **error)
{
  g_autoptr(YpCacheSources) self = g_new0 (YpCacheSources, 1);
  sqlite3 *db = yp_cache_db_get_handle (cache);

  self->db = yp_cache_db_ref (cache);
  if (!count_sources (db, &self->n, error) ||
      !(self->seq_st = yp_cache_read_prepare_select (db, YP_CACHE_TABLE_SOURCES, "WHERE seq = ?1", TRUE, error)) ||
      !(self->id_st = yp_cache_db_prepare (db, "SELECT seq FROM sources WHERE id = ?1", TRUE, error)))
    return NULL;
  if (check_all)
    {
      /* Every row now, as making its source would check it. */
      gint64 n_rows = 0;

      if (!yp_cache_read_rows (db, YP_CACHE_TABLE_SOURCES, "ORDER BY seq", check_source_row, &n_rows, error))
        return NULL;
      if (n_rows != self->n)
        {
          g_set_error (error, YP_ERROR, YP_ERROR_CACHE_DAMAGED,
                       "table sources: %" G_GINT64_FORMAT " rows where they are numbered 0 to %u", n_rows, self->n - 1);
          return NULL;
        }
    }
  return g_steal_pointer (&self);
}

guint
yp_cache_sources_get_size (YpCacheSources *self)
{
  return self->n;
}

YpSource *
yp_cache_sources_make (YpCacheSources *self,
                       guint           position)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *st = self->seq_st;
  YpSourceInfo info = { 0 };
  glong body_len, raw_len;
  YpSource *source;
  int rc;

  sqlite3_bind_int64 (st, 1, position);
  rc = yp_cache_read_step_row (st, YP_CACHE_TABLE_SOURCES, position, &error);
  if (rc == SQLITE_DONE)
    g_set_error (&error, YP_ERROR, YP_ERROR_CACHE_DAMAGED, "table sources, row %u: the row is missing", position);
  if (rc != SQLITE_ROW || !check_source (st, position, &info, &body_len, &raw_len, &error))
    {
      g_autofree char *id = g_strdup_printf ("damaged-%u", position);

      yp_cache_db_set_damaged (self->db, error->message);
      sqlite3_reset (st);
      /* Nothing of the row: an empty article that says nothing. */
      info = (YpSourceInfo) { .id = id, .raw_text = "", .body_text = "" };
      return yp_source_new (&info);
    }
  source = yp_source_new (&info);
  sqlite3_reset (st);
  return source;
}

guint
yp_cache_sources_find_id (YpCacheSources *self,
                          const char     *id)
{
  return find_seq (self->id_st, self->n, id);
}

/* Events */

struct _YpCacheEvents {
  YpCacheDb    *db;
  guint         n;
  sqlite3_stmt *event_st;
  sqlite3_stmt *actors_st;
  sqlite3_stmt *cites_st;
  sqlite3_stmt *id_st;
  YpStrPool    *pool;
  sqlite3_stmt *source_st;     /* a source's row, by id */
  GHashTable   *source_lengths; /* id -> SourceLengths, a few of them */
};

typedef struct {
  glong body;
  glong raw;
} SourceLengths;

/* How many sources' lengths are kept: an event's citations, and those
 * of the events near it, mostly cite the same few. */
#define N_KEPT_LENGTHS 256

/* The lengths in characters of the texts of source @id, read from its
 * row, checked, the first time; NULL when it has no row. */
static const SourceLengths *
source_lengths (YpCacheEvents  *self,
                const char     *id,
                GError        **error)
{
  sqlite3_stmt *st = self->source_st;
  SourceLengths *len = g_hash_table_lookup (self->source_lengths, id);
  YpSourceInfo info;
  glong body_len, raw_len;
  gboolean ok;
  int rc;

  if (len != NULL)
    return len;
  sqlite3_bind_text (st, 1, id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (st);
  if (rc == SQLITE_ROW)
    {
      /* The row's number, to name it, once the row is known sound. */
      gint64 row = sqlite3_column_int64 (st, YP_COL_SOURCES_SEQ);

      ok = yp_cache_read_check_row (YP_CACHE_TABLE_SOURCES, st, row, error) &&
           check_source (st, row, &info, &body_len, &raw_len, error);
    }
  else
    {
      ok = FALSE;
      if (rc != SQLITE_DONE)
        g_set_error (error, YP_ERROR, YP_ERROR_CACHE_DAMAGED, "table sources: %s",
                     sqlite3_errmsg (sqlite3_db_handle (st)));
    }
  sqlite3_reset (st);
  if (!ok)
    return NULL;
  if (g_hash_table_size (self->source_lengths) >= N_KEPT_LENGTHS)
    g_hash_table_remove_all (self->source_lengths);
  len = g_new (SourceLengths, 1);
  len->body = body_len;
  len->raw = raw_len;
  g_hash_table_insert (self->source_lengths, g_strdup (id), len);
  return len;
}

/* Checks the citation on the row of @st (every column of citations)
 * against its source's texts. */
static gboolean
check_citation (YpCacheEvents *self,
                sqlite3_stmt  *st,
                gint64         row,
                GError       **error)
{
  g_autoptr(GError) source_error = NULL;
  const char *source = yp_cache_read_text (st, YP_COL_CITATIONS_SOURCE);
  const SourceLengths *len = source_lengths (self, source, &source_error);
  gint64 body_start = sqlite3_column_int64 (st, YP_COL_CITATIONS_BODY_START);
  gint64 body_end = sqlite3_column_int64 (st, YP_COL_CITATIONS_BODY_END);
  gint64 raw_start = sqlite3_column_int64 (st, YP_COL_CITATIONS_RAW_START);
  gint64 raw_end = sqlite3_column_int64 (st, YP_COL_CITATIONS_RAW_END);

  /* The source's own row failed its checks: that is the damage. */
  if (source_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&source_error));
      return FALSE;
    }
  if (len == NULL)
    return yp_cache_read_damaged (error, YP_CACHE_TABLE_CITATIONS, row, YP_COL_CITATIONS_SOURCE,
                                  "“%s” is not a source of the timeline", source);
  if (body_start < 0 || body_start > body_end || body_end > len->body)
    return yp_cache_read_damaged (error, YP_CACHE_TABLE_CITATIONS, row, YP_COL_CITATIONS_BODY_END,
                                  "the citation lies outside the body of source “%s”", source);
  if (raw_start < 0 || raw_start > raw_end || raw_end > len->raw)
    return yp_cache_read_damaged (error, YP_CACHE_TABLE_CITATIONS, row, YP_COL_CITATIONS_RAW_END,
                                  "the citation lies outside the file of source “%s”", source);
  return TRUE;
}

void
yp_cache_events_free (YpCacheEvents *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->event_st, sqlite3_finalize);
  g_clear_pointer (&self->actors_st, sqlite3_finalize);
  g_clear_pointer (&self->cites_st, sqlite3_finalize);
  g_clear_pointer (&self->id_st, sqlite3_finalize);
  g_clear_pointer (&self->source_st, sqlite3_finalize);
  g_clear_pointer (&self->pool, yp_str_pool_unref);
  g_clear_pointer (&self->source_lengths, g_hash_table_unref);
  g_clear_pointer (&self->db, yp_cache_db_unref);
  g_free (self);
}

guint
yp_cache_events_get_size (YpCacheEvents *self)
{
  return self->n;
}

YpCacheDb *
yp_cache_events_get_db (YpCacheEvents *self)
{
  return self->db;
}

static gboolean check_event (YpCacheEvents *self,
                             guint          position,
                             gint64         anchor,
                             gint64         start,
                             gint64         end,
                             GError       **error);

/* The packed array @name of event_columns, of *@n gint64 (G_MAXUINT:
 * as many as it holds, then stored in *@n). The array goes from the file
 * straight into @into with sqlite3_blob_read(): a SELECT of it would
 * first copy it whole into memory of SQLite's own (0.8 MB an array at
 * 100,000 events, each page of it new to the process). The statement
 * reads only the row's header (length() and typeof() of a blob do not
 * load it); the row's check is then made over what was read. */
static gboolean
read_event_column (sqlite3     *db,
                   const char  *name,
                   guint       *n,
                   GArray      *into,
                   GError     **error)
{
  g_autoptr(sqlite3_stmt) st = yp_cache_db_prepare (db, "SELECT rowid, typeof (data), length (data), row_check"
                                                    " FROM event_columns WHERE name = ?1", FALSE, error);
  sqlite3_blob *blob = NULL;
  gint64 rowid;
  gsize bytes;
  guint64 check;
  int rc;

  if (st == NULL)
    return FALSE;
  sqlite3_bind_text (st, 1, name, -1, SQLITE_STATIC);
  rc = sqlite3_step (st);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, YP_ERROR, YP_ERROR_CACHE_DAMAGED, "table event_columns: the row “%s” is missing", name);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      g_set_error (error, YP_ERROR, YP_ERROR_CACHE_DAMAGED, "table event_columns, row “%s”: %s",
                   name, sqlite3_errmsg (db));
      return FALSE;
    }
  rowid = sqlite3_column_int64 (st, 0);
  if (g_strcmp0 ((const char *) sqlite3_column_text (st, 1), "blob") != 0)
    return yp_cache_read_damaged (error, YP_CACHE_TABLE_EVENT_COLUMNS, rowid, YP_COL_EVENT_COLUMNS_DATA,
                                  "it is %s, not a blob", (const char *) sqlite3_column_text (st, 1));
  if (sqlite3_column_type (st, 3) != SQLITE_INTEGER)
    return yp_cache_read_damaged (error, YP_CACHE_TABLE_EVENT_COLUMNS, rowid, YP_COL_EVENT_COLUMNS_ROW_CHECK,
                                  "it is not an integer");
  bytes = sqlite3_column_int64 (st, 2);
  if (*n == G_MAXUINT && bytes % sizeof (gint64) == 0 && bytes / sizeof (gint64) < G_MAXUINT / 2)
    *n = bytes / sizeof (gint64);
  if (bytes != (gsize) *n * sizeof (gint64))
    {
      g_set_error (error, YP_ERROR, YP_ERROR_CACHE_DAMAGED,
                   "table event_columns: the row “%s” holds %" G_GSIZE_FORMAT " bytes for %u events",
                   name, bytes, *n);
      return FALSE;
    }
  g_array_set_size (into, *n);
  rc = sqlite3_blob_open (db, "main", "event_columns", "data", rowid, 0, &blob);
  if (rc == SQLITE_OK && (gsize) sqlite3_blob_bytes (blob) != bytes)
    rc = SQLITE_CORRUPT;
  if (rc == SQLITE_OK && bytes > 0)
    rc = sqlite3_blob_read (blob, into->data, (int) bytes, 0);
  sqlite3_blob_close (blob);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, YP_ERROR, YP_ERROR_CACHE_DAMAGED, "table event_columns, row “%s”: %s",
                   name, sqlite3_errstr (rc));
      return FALSE;
    }
  check = yp_cache_db_row_check_start ();
  check = yp_cache_db_row_check_add_bytes (check, YP_COL_EVENT_COLUMNS_NAME, SQLITE_TEXT, name, strlen (name));
  check = yp_cache_db_row_check_add_bytes (check, YP_COL_EVENT_COLUMNS_DATA, SQLITE_BLOB, into->data, bytes);
  if ((gint64) check != sqlite3_column_int64 (st, 3))
    return yp_cache_read_damaged (error, YP_CACHE_TABLE_EVENT_COLUMNS, rowid, YP_COL_EVENT_COLUMNS_ROW_CHECK,
                                  "the row's values do not match its check");
  return TRUE;
}

/* Whether the events are numbered 0 to @n - 1, checked at the first and
 * last seq, which SQLite finds at the ends of the table's b-tree.
 * count(*) would read every page of the table (89 MB at 100,000 events),
 * and so would min() and max() in one SELECT: SQLite takes an end of the
 * b-tree only for a query with a single min() or max(), hence two.
 * A row missing in between is found when its event is made. */
static gboolean
check_numbering (sqlite3  *db,
                 guint     n,
                 GError  **error)
{
  g_autoptr(sqlite3_stmt) st = yp_cache_db_prepare (db, "SELECT (SELECT min (seq) FROM events), (SELECT max (seq) FROM events)", FALSE, error);

  if (st == NULL)
    return FALSE;
  if (sqlite3_step (st) != SQLITE_ROW)
    {
      g_set_error (error, YP_ERROR, YP_ERROR_CACHE_DAMAGED, "table events: %s", sqlite3_errmsg (db));
      return FALSE;
    }
  if ((n == 0 && sqlite3_column_type (st, 1) != SQLITE_NULL) ||
      (n > 0 && (sqlite3_column_int64 (st, 0) != 0 || sqlite3_column_int64 (st, 1) != (gint64) n - 1)))
    {
      g_set_error (error, YP_ERROR, YP_ERROR_CACHE_DAMAGED,
                   "table events: the events are not numbered 0 to %" G_GINT64_FORMAT " as the event columns say",
                   (gint64) n - 1);
      return FALSE;
    }
  return TRUE;
}

/* The three arrays. On their way from the file they pass through
 * SQLite's page cache, one overflow page at a time: a few pages of it
 * are enough, where the default 2 MB would be filled by the arrays alone
 * (at 100,000 events; each of its pages new memory to fault in), and
 * later kept. The cache's size comes back after. */
static gboolean
read_columns (sqlite3  *db,
              guint    *n,
              GArray   *anchors,
              GArray   *starts,
              GArray   *ends,
              GError  **error)
{
  g_autoptr(sqlite3_stmt) size = yp_cache_db_prepare (db, "PRAGMA cache_size", FALSE, error);
  g_autofree char *restore = NULL;
  gboolean ok;

  if (size == NULL)
    return FALSE;
  if (sqlite3_step (size) == SQLITE_ROW)
    restore = g_strdup_printf ("PRAGMA cache_size = %" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (size, 0));
  sqlite3_reset (size);
  if (restore != NULL && !yp_cache_db_exec (db, "PRAGMA cache_size = 8", YP_ERROR_CACHE_DAMAGED, error))
    return FALSE;
  ok = read_event_column (db, "anchor", n, anchors, error) &&
       check_numbering (db, *n, error) &&
       read_event_column (db, "start", n, starts, error) &&
       read_event_column (db, "end", n, ends, error);
  if (restore != NULL && !yp_cache_db_exec (db, restore, YP_ERROR_CACHE_DAMAGED, ok ? error : NULL))
    ok = FALSE;
  return ok;
}

static gboolean
category_row (sqlite3_stmt  *st,
              gint64         row,
              gpointer       categories,
              GError       **error)
{
  g_ptr_array_add (categories, g_strdup (yp_cache_read_text (st, YP_COL_CATEGORIES_NAME)));
  return TRUE;
}

YpCacheEvents *
yp_cache_events_open (YpCacheDb   *cache,
                      gboolean     check_all,
                      GArray      *anchors,
                      GArray      *starts,
                      GArray      *ends,
                      GPtrArray   *categories,
                      GError     **error)
{
  g_autoptr(YpCacheEvents) self = g_new0 (YpCacheEvents, 1);
  sqlite3 *db = yp_cache_db_get_handle (cache);
  const gint64 *a, *s, *e;

  self->db = yp_cache_db_ref (cache);
  self->pool = yp_str_pool_new ();

  self->n = G_MAXUINT;
  if (!read_columns (db, &self->n, anchors, starts, ends, error))
    return NULL;
  a = (const gint64 *) (gpointer) anchors->data;
  s = (const gint64 *) (gpointer) starts->data;
  e = (const gint64 *) (gpointer) ends->data;
  for (guint i = 0; i < self->n; i++)
    if (s[i] > a[i] || a[i] > e[i] || (i > 0 && a[i] < a[i - 1]))
      {
        g_set_error (error, YP_ERROR, YP_ERROR_CACHE_DAMAGED,
                     "table event_columns: the times are out of order at event %u", i);
        return NULL;
      }
  if (!yp_cache_read_rows (db, YP_CACHE_TABLE_CATEGORIES, "ORDER BY seq", category_row, categories, error))
    return NULL;

  self->source_lengths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  if (!(self->event_st = yp_cache_read_prepare_select (db, YP_CACHE_TABLE_EVENTS, "WHERE seq = ?1", TRUE, error)) ||
      !(self->actors_st = yp_cache_read_prepare_select (db, YP_CACHE_TABLE_EVENT_ACTORS, "WHERE event = ?1 ORDER BY seq",
                                                        TRUE, error)) ||
      !(self->cites_st = yp_cache_read_prepare_select (db, YP_CACHE_TABLE_CITATIONS, "WHERE event = ?1 ORDER BY seq",
                                                       TRUE, error)) ||
      !(self->id_st = yp_cache_db_prepare (db, "SELECT seq FROM events WHERE id = ?1", TRUE, error)) ||
      !(self->source_st = yp_cache_read_prepare_select (db, YP_CACHE_TABLE_SOURCES, "WHERE id = ?1", TRUE, error)))
    return NULL;
  /* Every row now, as each event's would be read when it is made. */
  for (guint i = 0; check_all && i < self->n; i++)
    if (!check_event (self, i, a[i], s[i], e[i], error))
      return NULL;
  return g_steal_pointer (&self);
}

/* Reads the row of event @position into @info; FALSE with @error set
 * when it fails its checks. The strings stay valid until the statement
 * is reset. */
static gboolean
read_event_row (YpCacheEvents *self,
                guint          position,
                gint64         anchor,
                gint64         start,
                gint64         end,
                YpEventInfo   *info,
                GError       **error)
{
  sqlite3_stmt *st = self->event_st;
  gint64 precision, file_position;
  int rc;

  sqlite3_bind_int64 (st, 1, position);
  rc = yp_cache_read_step_row (st, YP_CACHE_TABLE_EVENTS, position, error);
  if (rc == SQLITE_ERROR)
    return FALSE;
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, YP_ERROR, YP_ERROR_CACHE_DAMAGED, "table events, row %u: missing", position);
      return FALSE;
    }
  precision = sqlite3_column_int64 (st, YP_COL_EVENTS_PRECISION);
  file_position = sqlite3_column_int64 (st, YP_COL_EVENTS_POSITION);
  if (*yp_cache_read_text (st, YP_COL_EVENTS_ID) == '\0')
    return yp_cache_read_damaged (error, YP_CACHE_TABLE_EVENTS, position, YP_COL_EVENTS_ID, "the id is empty");
  if (precision < YP_PRECISION_EXACT || precision > YP_PRECISION_APPROXIMATE)
    return yp_cache_read_damaged (error, YP_CACHE_TABLE_EVENTS, position, YP_COL_EVENTS_PRECISION,
                                  "%" G_GINT64_FORMAT " is not a precision", precision);
  if (file_position < 0 || file_position >= G_MAXUINT)
    return yp_cache_read_damaged (error, YP_CACHE_TABLE_EVENTS, position, YP_COL_EVENTS_POSITION,
                                  "%" G_GINT64_FORMAT " is not a position in the file", file_position);
  /* The list was built on the packed arrays: the row must agree. */
  {
    const struct { guint column; gint64 expected; } times[] = {
      { YP_COL_EVENTS_START, start }, { YP_COL_EVENTS_END, end }, { YP_COL_EVENTS_ANCHOR, anchor },
    };

    for (guint t = 0; t < G_N_ELEMENTS (times); t++)
      if (sqlite3_column_int64 (st, times[t].column) != times[t].expected)
        return yp_cache_read_damaged (error, YP_CACHE_TABLE_EVENTS, position, times[t].column,
                                      "%" G_GINT64_FORMAT " where the event columns say %" G_GINT64_FORMAT,
                                      (gint64) sqlite3_column_int64 (st, times[t].column), times[t].expected);
  }
  if (yp_cache_read_text (st, YP_COL_EVENTS_STATUS) != NULL &&
      !g_strv_contains (statuses, yp_cache_read_text (st, YP_COL_EVENTS_STATUS)))
    return yp_cache_read_damaged (error, YP_CACHE_TABLE_EVENTS, position, YP_COL_EVENTS_STATUS,
                                  "“%s” is not a status", yp_cache_read_text (st, YP_COL_EVENTS_STATUS));
  *info = (YpEventInfo) {
    .id = yp_cache_read_text (st, YP_COL_EVENTS_ID),
    .date = yp_cache_read_text (st, YP_COL_EVENTS_DATE),
    .precision = precision,
    .timezone = yp_cache_read_text (st, YP_COL_EVENTS_TIMEZONE),
    .earliest = yp_cache_read_text (st, YP_COL_EVENTS_EARLIEST),
    .latest = yp_cache_read_text (st, YP_COL_EVENTS_LATEST),
    .start = start,
    .end = end,
    .anchor = anchor,
    .date_note = { (char *) yp_cache_read_text (st, YP_COL_EVENTS_DATE_NOTE_KO),
                   (char *) yp_cache_read_text (st, YP_COL_EVENTS_DATE_NOTE_EN) },
    .title = { (char *) yp_cache_read_text (st, YP_COL_EVENTS_TITLE_KO),
               (char *) yp_cache_read_text (st, YP_COL_EVENTS_TITLE_EN) },
    .summary = { (char *) yp_cache_read_text (st, YP_COL_EVENTS_SUMMARY_KO),
                 (char *) yp_cache_read_text (st, YP_COL_EVENTS_SUMMARY_EN) },
    .category = yp_cache_read_text (st, YP_COL_EVENTS_CATEGORY),
    .era = yp_cache_read_text (st, YP_COL_EVENTS_ERA),
    .status = yp_cache_read_text (st, YP_COL_EVENTS_STATUS),
    .publication_of = yp_cache_read_text (st, YP_COL_EVENTS_PUBLICATION_OF),
    .position = file_position,
  };
  return TRUE;
}

/* The actors and citations of one event, as they are read. */
typedef struct {
  YpCacheEvents *self;
  YpStrPool     *pool;    /* where the strings are interned */
  GPtrArray     *actors;  /* interned ids */
  GArray        *cites;   /* YpCitationInfo */
} EventParts;

static gboolean
event_actor_row (sqlite3_stmt  *st,
                 gint64         row,
                 gpointer       data,
                 GError       **error)
{
  EventParts *parts = data;

  if (*yp_cache_read_text (st, YP_COL_EVENT_ACTORS_ACTOR) == '\0')
    return yp_cache_read_damaged (error, YP_CACHE_TABLE_EVENT_ACTORS, row, YP_COL_EVENT_ACTORS_ACTOR, "the id is empty");
  g_ptr_array_add (parts->actors,
                   (gpointer) yp_str_pool_intern (parts->pool, yp_cache_read_text (st, YP_COL_EVENT_ACTORS_ACTOR)));
  return TRUE;
}

static gboolean
event_citation_row (sqlite3_stmt  *st,
                    gint64         row,
                    gpointer       data,
                    GError       **error)
{
  EventParts *parts = data;
  YpCitationInfo c;

  if (!check_citation (parts->self, st, row, error))
    return FALSE;
  c = citation_from_row (st, parts->pool);
  g_array_append_val (parts->cites, c);
  return TRUE;
}

/* Whether the event's row (still on the statement) counted the actors
 * and citations found for it. */
static gboolean
check_counts (YpCacheEvents *self,
              guint          position,
              guint          n_actors,
              guint          n_citations,
              GError       **error)
{
  gint64 want_actors = sqlite3_column_int64 (self->event_st, YP_COL_EVENTS_N_ACTORS);
  gint64 want_citations = sqlite3_column_int64 (self->event_st, YP_COL_EVENTS_N_CITATIONS);

  if (want_actors != n_actors)
    return yp_cache_read_damaged (error, YP_CACHE_TABLE_EVENTS, position, YP_COL_EVENTS_N_ACTORS,
                                  "%" G_GINT64_FORMAT " actors where table event_actors has %u", want_actors, n_actors);
  if (want_citations != n_citations)
    return yp_cache_read_damaged (error, YP_CACHE_TABLE_EVENTS, position, YP_COL_EVENTS_N_CITATIONS,
                                  "%" G_GINT64_FORMAT " citations where table citations has %u", want_citations, n_citations);
  return TRUE;
}

/* Reads every row of event @position, checked: its own into @info, its
 * actors and citations into @actors and @cites, their strings interned
 * in @pool. What they hold is valid until reset_event(). */
static gboolean
read_event (YpCacheEvents *self,
            YpStrPool     *pool,
            guint          position,
            gint64         anchor,
            gint64         start,
            gint64         end,
            YpEventInfo   *info,
            GPtrArray     *actors,
            GArray        *cites,
            GError       **error)
{
  EventParts parts = { self, pool, actors, cites };

  if (!read_event_row (self, position, anchor, start, end, info, error))
    return FALSE;
  sqlite3_bind_int64 (self->actors_st, 1, position);
  sqlite3_bind_int64 (self->cites_st, 1, position);
  return yp_cache_read_each_row (self->actors_st, YP_CACHE_TABLE_EVENT_ACTORS, event_actor_row, &parts, error) &&
         yp_cache_read_each_row (self->cites_st, YP_CACHE_TABLE_CITATIONS, event_citation_row, &parts, error) &&
         check_counts (self, position, actors->len, cites->len, error);
}

static void
reset_event (YpCacheEvents *self)
{
  sqlite3_reset (self->event_st);
  sqlite3_reset (self->actors_st);
  sqlite3_reset (self->cites_st);
}

/* Whether the rows of event @position pass their checks. */
static gboolean
check_event (YpCacheEvents *self,
             guint          position,
             gint64         anchor,
             gint64         start,
             gint64         end,
             GError       **error)
{
  g_autoptr(GPtrArray) actors = g_ptr_array_new ();
  g_autoptr(GArray) cites = g_array_new (FALSE, FALSE, sizeof (YpCitationInfo));
  YpEventInfo info;
  gboolean ok = read_event (self, self->pool, position, anchor, start, end, &info, actors, cites, error);

  reset_event (self);
  return ok;
}

YpEvent *
yp_cache_events_make (YpCacheEvents *self,
                      YpStrPool     *pool,
                      guint          position,
                      gint64         anchor,
                      gint64         start,
                      gint64         end)
{
  g_autoptr(GPtrArray) actors = g_ptr_array_new ();
  g_autoptr(GArray) cites = g_array_new (FALSE, FALSE, sizeof (YpCitationInfo));
  g_autoptr(GError) error = NULL;
  YpEventInfo info = { 0 };
  YpEvent *event;

  if (pool == NULL)
    pool = self->pool;
  if (!read_event (self, pool, position, anchor, start, end, &info, actors, cites, &error))
    {
      g_autofree char *id = g_strdup_printf ("damaged-%u", position);

      yp_cache_db_set_damaged (self->db, error->message);
      reset_event (self);
      /* Nothing of the row: only what the list was built on. */
      info = (YpEventInfo) { .id = id, .date = "", .status = "unconfirmed",
                             .start = start, .end = end, .anchor = anchor, .position = position };
      return yp_event_new_with_pool (&info, pool);
    }
  g_ptr_array_add (actors, NULL);
  info.actors = (const char * const *) actors->pdata;
  info.citations = (const YpCitationInfo *) (gpointer) cites->data;
  info.n_citations = cites->len;
  event = yp_event_new_with_pool (&info, pool);
  reset_event (self);
  return event;
}

guint
yp_cache_events_find_id (YpCacheEvents *self,
                         const char    *id)
{
  return find_seq (self->id_st, self->n, id);
}

static gboolean
set_active (GHashTable *set)
{
  return set != NULL && g_hash_table_size (set) > 0;
}

/* " column IN (?, ?, ...)" for the keys of @set, collected in @values in
 * the order of the placeholders. */
static void
append_in (GString    *sql,
           const char *column,
           GHashTable *set,
           GPtrArray  *values)
{
  GHashTableIter iter;
  gpointer key;
  gboolean first = TRUE;

  g_string_append_printf (sql, "%s IN (", column);
  g_hash_table_iter_init (&iter, set);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_string_append (sql, first ? "?" : ", ?");
      g_ptr_array_add (values, key);
      first = FALSE;
    }
  g_string_append_c (sql, ')');
}

GArray *
yp_cache_events_filter (YpCacheEvents *self,
                        GHashTable    *categories,
                        GHashTable    *actors,
                        GHashTable    *sources)
{
  g_autoptr(GString) sql = g_string_new ("SELECT seq FROM events e WHERE 1");
  g_autoptr(GPtrArray) values = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) st = NULL;
  GArray *positions = g_array_new (FALSE, FALSE, sizeof (guint));
  sqlite3 *db = yp_cache_db_get_handle (self->db);
  int rc;

  if (set_active (categories))
    {
      g_string_append (sql, " AND ");
      append_in (sql, "coalesce (e.category, '')", categories, values);
    }
  if (set_active (actors))
    {
      g_string_append (sql, " AND EXISTS (SELECT 1 FROM event_actors a WHERE a.event = e.seq AND ");
      append_in (sql, "a.actor", actors, values);
      g_string_append_c (sql, ')');
    }
  if (set_active (sources))
    {
      g_string_append (sql, " AND EXISTS (SELECT 1 FROM citations c WHERE c.event = e.seq AND ");
      append_in (sql, "c.source", sources, values);
      g_string_append_c (sql, ')');
    }
  g_string_append (sql, " ORDER BY seq");

  st = yp_cache_db_prepare (db, sql->str, FALSE, &error);
  if (st == NULL)
    {
      yp_cache_db_set_damaged (self->db, error->message);
      return positions;
    }
  for (guint i = 0; i < values->len; i++)
    sqlite3_bind_text (st, i + 1, g_ptr_array_index (values, i), -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      gint64 seq = sqlite3_column_int64 (st, 0);
      guint position = seq;

      if (sqlite3_column_type (st, 0) != SQLITE_INTEGER || seq < 0 || seq >= self->n)
        {
          yp_cache_db_set_damaged (self->db, "table events: a seq outside the events");
          continue;
        }
      g_array_append_val (positions, position);
    }
  if (!yp_cache_db_rows_done (db, rc, &error))
    yp_cache_db_set_damaged (self->db, error->message);
  return positions;
}

void
yp_cache_events_foreach_citation_of (YpCacheEvents       *self,
                                     const char          *source_id,
                                     YpCacheCitationFunc  func,
                                     gpointer             user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) st = yp_cache_read_prepare_select (yp_cache_db_get_handle (self->db), YP_CACHE_TABLE_CITATIONS,
                                                             "WHERE source = ?1 ORDER BY event, seq", FALSE, &error);
  gint64 row = 0;
  int rc;

  if (st == NULL)
    {
      yp_cache_db_set_damaged (self->db, error->message);
      return;
    }
  sqlite3_bind_text (st, 1, source_id, -1, SQLITE_STATIC);
  while ((rc = yp_cache_read_step_row (st, YP_CACHE_TABLE_CITATIONS, row, &error)) == SQLITE_ROW)
    {
      gint64 event = sqlite3_column_int64 (st, YP_COL_CITATIONS_EVENT);
      gint64 seq = sqlite3_column_int64 (st, YP_COL_CITATIONS_SEQ);
      YpCitationInfo c;

      row++;
      if (event < 0 || event >= self->n || seq < 0 || seq >= G_MAXUINT)
        {
          yp_cache_read_damaged (&error, YP_CACHE_TABLE_CITATIONS, row - 1, YP_COL_CITATIONS_EVENT,
                                 "the citation belongs to no event");
          break;
        }
      if (!check_citation (self, st, row - 1, &error))
        break;
      c = citation_from_row (st, NULL);
      func (event, seq, &c, user_data);
    }
  if (error != NULL)
    yp_cache_db_set_damaged (self->db, error->message);
}
