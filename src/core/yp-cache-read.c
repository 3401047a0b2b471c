/* yp-cache-read.c: reading a cache file back, every value checked: the
 * row checks, and the record's parts read whole at the open
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A damaged cache can pass SQLite's checks with a wrong byte in a row, so
 * nothing read here is trusted: each row is checked column by column
 * against the kinds of yp-cache-db.h, and then for what its values mean
 * (offsets within their texts, times in order, ids that exist). The
 * record's meta, problems, actors and eras are read whole when a cache
 * is opened, here; the sources and the events are made one at a time,
 * as a list asks for them, by yp-cache-rows.c, with the same checks
 * (yp-cache-read-private.h), so that opening a cache costs the same
 * whatever the size of the articles.
 */
#define G_LOG_DOMAIN "yp-cache"

#include "config.h"

#include <string.h>

#include "yp-cache-read-private.h"
#include "yp-error.h"

static const char *
kind_name (YpCacheKind kind)
{
  switch (kind)
    {
    case YP_CACHE_INT:
    case YP_CACHE_INT_NULL:
      return "an integer";
    case YP_CACHE_TEXT:
    case YP_CACHE_TEXT_NULL:
      return "UTF-8 text";
    case YP_CACHE_BLOB:
    case YP_CACHE_BLOB_NULL:
      return "bytes";
    case YP_CACHE_PATH:
    default:
      return "a file name";
    }
}

/* Why the value of column @col is not of @kind, or NULL when it is. */
static const char *
check_value (sqlite3_stmt *st,
             int           col,
             YpCacheKind   kind)
{
  int type = sqlite3_column_type (st, col);
  const char *text;
  int bytes;

  if (type == SQLITE_NULL)
    return kind == YP_CACHE_INT_NULL || kind == YP_CACHE_TEXT_NULL || kind == YP_CACHE_BLOB_NULL
           ? NULL : "it is NULL";
  switch (kind)
    {
    case YP_CACHE_INT:
    case YP_CACHE_INT_NULL:
      return type == SQLITE_INTEGER ? NULL : "it is not an integer";
    case YP_CACHE_BLOB:
    case YP_CACHE_BLOB_NULL:
      return type == SQLITE_BLOB ? NULL : "it is not a blob";
    case YP_CACHE_TEXT:
    case YP_CACHE_TEXT_NULL:
    case YP_CACHE_PATH:
    default:
      if (type != SQLITE_TEXT)
        return "it is not text";
      text = yp_cache_read_text (st, col);
      bytes = sqlite3_column_bytes (st, col);
      if (text == NULL || memchr (text, '\0', bytes) != NULL)
        return "it holds a NUL character";
      if (kind != YP_CACHE_PATH && !g_utf8_validate (text, bytes, NULL))
        return "it is not valid UTF-8";
      return NULL;
    }
}

static gboolean
damaged_kind (GError     **error,
              YpCacheTable table,
              gint64       row,
              guint        column,
              const char  *why)
{
  g_set_error (error, YP_ERROR, YP_ERROR_CACHE_DAMAGED,
               "table %s, row %" G_GINT64_FORMAT ", column %s: %s where %s belongs",
               yp_cache_db_table_name (table), row, yp_cache_db_column_name (table, column),
               why, kind_name (yp_cache_db_column_kind (table, column)));
  return FALSE;
}

gboolean
yp_cache_read_check_row (YpCacheTable   table,
                         sqlite3_stmt  *st,
                         gint64         row,
                         GError       **error)
{
  guint n = yp_cache_db_n_columns (table);
  sqlite3_value *values[64];

  g_assert (n <= G_N_ELEMENTS (values));
  for (guint c = 0; c + 1 < n; c++)
    values[c] = sqlite3_column_value (st, c);
  if (sqlite3_column_type (st, n - 1) != SQLITE_INTEGER ||
      sqlite3_column_int64 (st, n - 1) != yp_cache_db_row_check (values, n - 1))
    {
      /* Which value changed, the check cannot say; the kinds may. */
      for (guint c = 0; c + 1 < n; c++)
        {
          const char *why = check_value (st, c, yp_cache_db_column_kind (table, c));

          if (why != NULL)
            return damaged_kind (error, table, row, c, why);
        }
      g_set_error (error, YP_ERROR, YP_ERROR_CACHE_DAMAGED,
                   "table %s, row %" G_GINT64_FORMAT ", column row_check: the row's values do not match"
                   " its check", yp_cache_db_table_name (table), row);
      return FALSE;
    }
  for (guint c = 0; c < n; c++)
    {
      YpCacheKind kind = yp_cache_db_column_kind (table, c);
      const char *why = check_value (st, c, kind);

      if (why != NULL)
        return damaged_kind (error, table, row, c, why);
    }
  return TRUE;
}

/* Sets @error to a value that its kind allows but its meaning does not. */
gboolean
yp_cache_read_damaged (GError     **error,
                       YpCacheTable table,
                       gint64       row,
                       guint        column,
                       const char  *format,
                       ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (YP_ERROR, YP_ERROR_CACHE_DAMAGED, format, args));
  va_end (args);
  g_prefix_error (error, "table %s, row %" G_GINT64_FORMAT ", column %s: ", yp_cache_db_table_name (table), row,
                  yp_cache_db_column_name (table, column));
  return FALSE;
}

/* Steps @st, a SELECT of every column of @table, and checks the row it
 * lands on: SQLITE_ROW, SQLITE_DONE, or SQLITE_ERROR with @error set. */
int
yp_cache_read_step_row (sqlite3_stmt  *st,
                        YpCacheTable   table,
                        gint64         row,
                        GError       **error)
{
  int rc = sqlite3_step (st);

  if (rc == SQLITE_ROW)
    return yp_cache_read_check_row (table, st, row, error) ? SQLITE_ROW : SQLITE_ERROR;
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, YP_ERROR, YP_ERROR_CACHE_DAMAGED, "table %s, row %" G_GINT64_FORMAT ": %s",
                   yp_cache_db_table_name (table), row, sqlite3_errmsg (sqlite3_db_handle (st)));
      return SQLITE_ERROR;
    }
  return SQLITE_DONE;
}

sqlite3_stmt *
yp_cache_read_prepare_select (sqlite3      *db,
                              YpCacheTable  table,
                              const char   *tail,
                              gboolean      persistent,
                              GError      **error)
{
  g_autofree char *sql = yp_cache_db_select_sql (table, tail);

  return yp_cache_db_prepare (db, sql, persistent, error);
}

/* Every row @st, a SELECT of every column of @table, steps to, checked
 * and handed to @func. */
gboolean
yp_cache_read_each_row (sqlite3_stmt  *st,
                        YpCacheTable   table,
                        YpCacheRowFunc        func,
                        gpointer       data,
                        GError       **error)
{
  gint64 row = 0;
  int rc;

  while ((rc = yp_cache_read_step_row (st, table, row, error)) == SQLITE_ROW)
    if (!func (st, row++, data, error))
      return FALSE;
  return rc == SQLITE_DONE;
}

/* Every row of @table, in the order @tail gives, as each_row(). */
gboolean
yp_cache_read_rows (sqlite3       *db,
                    YpCacheTable   table,
                    const char    *tail,
                    YpCacheRowFunc        func,
                    gpointer       data,
                    GError       **error)
{
  g_autoptr(sqlite3_stmt) st = yp_cache_read_prepare_select (db, table, tail, FALSE, error);

  return st != NULL && yp_cache_read_each_row (st, table, func, data, error);
}

/* The record's parts */

void
yp_cache_parts_clear (YpCacheParts *parts)
{
  g_clear_pointer (&parts->title_ko, g_free);
  g_clear_pointer (&parts->title_en, g_free);
  g_clear_pointer (&parts->problems, g_ptr_array_unref);
  g_clear_pointer (&parts->actors, g_ptr_array_unref);
  g_clear_pointer (&parts->eras, g_ptr_array_unref);
}

static gboolean
meta_row (sqlite3_stmt  *st,
          gint64         row,
          gpointer       meta,
          GError       **error)
{
  if (!g_hash_table_insert (meta, g_strdup (yp_cache_read_text (st, YP_COL_META_KEY)),
                            g_strdup (yp_cache_read_text (st, YP_COL_META_VALUE))))
    return yp_cache_read_damaged (error, YP_CACHE_TABLE_META, row, YP_COL_META_KEY, "“%s” is there twice",
                                  yp_cache_read_text (st, YP_COL_META_KEY));
  return TRUE;
}

GHashTable *
yp_cache_read_meta (sqlite3  *db,
                    GError  **error)
{
  g_autoptr(GHashTable) meta = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  if (!yp_cache_read_rows (db, YP_CACHE_TABLE_META, "ORDER BY rowid", meta_row, meta, error))
    return NULL;
  return g_steal_pointer (&meta);
}

static gboolean
read_meta (sqlite3       *db,
           YpCacheParts  *parts,
           GError       **error)
{
  g_autoptr(GHashTable) meta = yp_cache_read_meta (db, error);
  const char *ko, *en;

  if (meta == NULL)
    return FALSE;
  ko = g_hash_table_lookup (meta, "title_ko");
  en = g_hash_table_lookup (meta, "title_en");
  /* Written as "" when the record had none. */
  parts->title_ko = ko && *ko ? g_strdup (ko) : NULL;
  parts->title_en = en && *en ? g_strdup (en) : NULL;
  return TRUE;
}

static gboolean
problem_row (sqlite3_stmt  *st,
             gint64         row,
             gpointer       problems,
             GError       **error)
{
  gint64 severity = sqlite3_column_int64 (st, YP_COL_PROBLEMS_SEVERITY);

  if (severity != YP_SEVERITY_WARNING && severity != YP_SEVERITY_ERROR)
    return yp_cache_read_damaged (error, YP_CACHE_TABLE_PROBLEMS, row, YP_COL_PROBLEMS_SEVERITY,
                                  "%" G_GINT64_FORMAT " is not a severity", severity);
  g_ptr_array_add (problems, yp_problem_new (severity, yp_cache_read_text (st, YP_COL_PROBLEMS_FILE),
                                             yp_cache_read_text (st, YP_COL_PROBLEMS_PATH),
                                             yp_cache_read_text (st, YP_COL_PROBLEMS_MESSAGE)));
  return TRUE;
}

static gboolean
actor_row (sqlite3_stmt  *st,
           gint64         row,
           gpointer       actors,
           GError       **error)
{
  YpText name = { (char *) yp_cache_read_text (st, YP_COL_ACTORS_NAME_KO),
                  (char *) yp_cache_read_text (st, YP_COL_ACTORS_NAME_EN) };
  YpText role = { (char *) yp_cache_read_text (st, YP_COL_ACTORS_ROLE_KO),
                  (char *) yp_cache_read_text (st, YP_COL_ACTORS_ROLE_EN) };

  if (*yp_cache_read_text (st, YP_COL_ACTORS_ID) == '\0')
    return yp_cache_read_damaged (error, YP_CACHE_TABLE_ACTORS, row, YP_COL_ACTORS_ID, "the id is empty");
  g_ptr_array_add (actors, yp_actor_new (yp_cache_read_text (st, YP_COL_ACTORS_ID),
                                         yp_cache_read_text (st, YP_COL_ACTORS_KIND), &name, &role));
  return TRUE;
}

static gboolean
era_row (sqlite3_stmt  *st,
         gint64         row,
         gpointer       eras,
         GError       **error)
{
  YpText name = { (char *) yp_cache_read_text (st, YP_COL_ERAS_NAME_KO),
                  (char *) yp_cache_read_text (st, YP_COL_ERAS_NAME_EN) };
  YpText desc = { (char *) yp_cache_read_text (st, YP_COL_ERAS_DESCRIPTION_KO),
                  (char *) yp_cache_read_text (st, YP_COL_ERAS_DESCRIPTION_EN) };
  gint64 start = sqlite3_column_int64 (st, YP_COL_ERAS_START);
  gint64 end = sqlite3_column_int64 (st, YP_COL_ERAS_END);

  if (*yp_cache_read_text (st, YP_COL_ERAS_ID) == '\0')
    return yp_cache_read_damaged (error, YP_CACHE_TABLE_ERAS, row, YP_COL_ERAS_ID, "the id is empty");
  if (start > end)
    return yp_cache_read_damaged (error, YP_CACHE_TABLE_ERAS, row, YP_COL_ERAS_END,
                                  "the era ends (%" G_GINT64_FORMAT ") before it starts (%" G_GINT64_FORMAT ")",
                                  end, start);
  g_ptr_array_add (eras, yp_era_new (yp_cache_read_text (st, YP_COL_ERAS_ID), &name, &desc,
                                     yp_cache_read_text (st, YP_COL_ERAS_START_TEXT),
                                     yp_cache_read_text (st, YP_COL_ERAS_END_TEXT),
                                     start, end));
  return TRUE;
}

gboolean
yp_cache_read_parts (sqlite3       *db,
                     YpCacheParts  *parts,
                     GError       **error)
{
  memset (parts, 0, sizeof *parts);
  parts->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) yp_problem_free);
  parts->actors = g_ptr_array_new_with_free_func (g_object_unref);
  parts->eras = g_ptr_array_new_with_free_func (g_object_unref);

  if (read_meta (db, parts, error) &&
      yp_cache_read_rows (db, YP_CACHE_TABLE_PROBLEMS, "ORDER BY seq", problem_row, parts->problems, error) &&
      yp_cache_read_rows (db, YP_CACHE_TABLE_ACTORS, "ORDER BY seq", actor_row, parts->actors, error) &&
      yp_cache_read_rows (db, YP_CACHE_TABLE_ERAS, "ORDER BY seq", era_row, parts->eras, error))
    return TRUE;
  yp_cache_parts_clear (parts);
  return FALSE;
}
