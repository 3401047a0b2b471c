/* yp-cache-writer.c: the batch writer: a parsed record into a new cache
 * file, and the event writer the streaming writer shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every table is written in one transaction into a temporary file
 * (yp-cache-db.c), the events first, one at a time in the record's order
 * (YpCacheEventWriter), then everything else; PRAGMA user_version comes
 * last, so a file without it is never taken for a cache.
 */
#define G_LOG_DOMAIN "yp-cache"

#include "config.h"

#include <sqlite3.h>

#include "yp-cache-db.h"
#include "yp-cache-inputs-private.h"
#include "yp-cache-writer-private.h"
#include "yp-error.h"
#include "yp-event-list-private.h"

/* The placeholder of a column: YP_COL_<name> + 1. */
#define P(name) (YP_COL_##name + 1)
#define bind_text yp_cache_db_bind_text
#define step_done yp_cache_db_step_done

static sqlite3_stmt *
prepare_insert (sqlite3       *db,
                YpCacheTable   table,
                GError       **error)
{
  return yp_cache_db_prepare (db, yp_cache_db_insert_sql (table), FALSE, error);
}

void
yp_cache_event_writer_clear (YpCacheEventWriter *w)
{
  g_clear_pointer (&w->event, sqlite3_finalize);
  g_clear_pointer (&w->citation, sqlite3_finalize);
  g_clear_pointer (&w->actor, sqlite3_finalize);
  g_clear_pointer (&w->fts, sqlite3_finalize);
  g_clear_pointer (&w->source, sqlite3_finalize);
  g_clear_pointer (&w->source_fts, sqlite3_finalize);
  g_clear_pointer (&w->anchors, g_array_unref);
  g_clear_pointer (&w->starts, g_array_unref);
  g_clear_pointer (&w->ends, g_array_unref);
  g_clear_pointer (&w->seen_categories, g_hash_table_unref);
  g_clear_pointer (&w->categories, g_ptr_array_unref);
  w->db = NULL;
  w->n = 0;
  w->n_sources = 0;
}

gboolean
yp_cache_event_writer_begin (YpCacheEventWriter  *w,
                             sqlite3             *db,
                             GError             **error)
{
  yp_cache_event_writer_clear (w);
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
         (w->fts = prepare_insert (db, YP_CACHE_TABLE_EVENTS_FTS, error)) &&
         (w->source = prepare_insert (db, YP_CACHE_TABLE_SOURCES, error)) &&
         (w->source_fts = prepare_insert (db, YP_CACHE_TABLE_ARTICLES_FTS, error));
}

gboolean
yp_cache_event_writer_add_source (YpCacheEventWriter  *w,
                                  YpSource            *s,
                                  GError             **error)
{
  sqlite3 *db = w->db;
  sqlite3_stmt *st = w->source, *fts = w->source_fts;
  const YpSegment *segs;
  guint n_segs;

  segs = yp_source_get_segments (s, &n_segs);
  sqlite3_bind_int (st, P (SOURCES_SEQ), w->n_sources);
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
  w->n_sources++;
  return TRUE;
}

gboolean
yp_cache_event_writer_add (YpCacheEventWriter  *w,
                           YpEvent             *e,
                           GError             **error)
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

/* Binds row @i of a table's rows, made from @data, to @st. */
typedef void (*BindFunc) (sqlite3_stmt *st,
                          guint         i,
                          gpointer      data);

/* Writes @n rows of @table, each bound by @bind. */
static gboolean
write_rows (sqlite3       *db,
            YpCacheTable   table,
            guint          n,
            BindFunc       bind,
            gpointer       data,
            GError       **error)
{
  g_autoptr(sqlite3_stmt) st = prepare_insert (db, table, error);

  if (st == NULL)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      bind (st, i, data);
      if (!step_done (db, st, error))
        return FALSE;
    }
  return TRUE;
}

static void
bind_meta (sqlite3_stmt *st,
           guint         i,
           gpointer      data)
{
  const char *(*meta)[2] = data;

  bind_text (st, P (META_KEY), meta[i][0]);
  bind_text (st, P (META_VALUE), meta[i][1] ? meta[i][1] : "");
}

typedef struct {
  GPtrArray *paths;
  GArray    *fingerprints;  /* YpCacheFingerprint, or NULL */
} Inputs;

static void
bind_input (sqlite3_stmt *st,
            guint         i,
            gpointer      data)
{
  Inputs *inputs = data;
  const YpCacheFingerprint *fp = inputs->fingerprints != NULL && i < inputs->fingerprints->len
                                 ? &g_array_index (inputs->fingerprints, YpCacheFingerprint, i) : NULL;

  sqlite3_bind_int (st, P (INPUTS_SEQ), i);
  bind_text (st, P (INPUTS_PATH), g_ptr_array_index (inputs->paths, i));
  /* No fingerprint: NULLs, and the file is hashed at every start. */
  if (fp != NULL && fp->valid)
    {
      sqlite3_bind_int64 (st, P (INPUTS_SIZE), fp->size);
      sqlite3_bind_int64 (st, P (INPUTS_MTIME_NS), fp->mtime_ns);
      sqlite3_bind_int64 (st, P (INPUTS_CTIME_NS), fp->ctime_ns);
      sqlite3_bind_int64 (st, P (INPUTS_INODE), fp->inode);
      sqlite3_bind_int64 (st, P (INPUTS_DEVICE), fp->device);
    }
}

static void
bind_problem (sqlite3_stmt *st,
              guint         i,
              gpointer      problems)
{
  YpProblem *p = g_ptr_array_index ((GPtrArray *) problems, i);

  sqlite3_bind_int (st, P (PROBLEMS_SEQ), i);
  sqlite3_bind_int (st, P (PROBLEMS_SEVERITY), p->severity);
  bind_text (st, P (PROBLEMS_FILE), p->file);
  bind_text (st, P (PROBLEMS_PATH), p->path);
  bind_text (st, P (PROBLEMS_MESSAGE), p->message);
}

static void
bind_actor (sqlite3_stmt *st,
            guint         i,
            gpointer      list)
{
  g_autoptr(YpActor) a = g_list_model_get_item (list, i);

  sqlite3_bind_int (st, P (ACTORS_SEQ), i);
  bind_text (st, P (ACTORS_ID), yp_actor_get_id (a));
  bind_text (st, P (ACTORS_KIND), yp_actor_get_kind (a));
  bind_text (st, P (ACTORS_NAME_KO), yp_actor_get_name (a, YP_LANG_KO));
  bind_text (st, P (ACTORS_NAME_EN), yp_actor_get_name (a, YP_LANG_EN));
  bind_text (st, P (ACTORS_ROLE_KO), yp_actor_get_role (a, YP_LANG_KO));
  bind_text (st, P (ACTORS_ROLE_EN), yp_actor_get_role (a, YP_LANG_EN));
}

static void
bind_era (sqlite3_stmt *st,
          guint         i,
          gpointer      list)
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
}

/* The packed arrays of the event_columns table. */
static void
bind_event_column (sqlite3_stmt *st,
                   guint         i,
                   gpointer      data)
{
  YpCacheEventWriter *w = data;
  const struct { const char *name; GArray *data; } columns[] = {
    { "anchor", w->anchors },
    { "start", w->starts },
    { "end", w->ends },
  };

  bind_text (st, P (EVENT_COLUMNS_NAME), columns[i].name);
  sqlite3_bind_blob64 (st, P (EVENT_COLUMNS_DATA),
                       columns[i].data->len ? (gconstpointer) columns[i].data->data : "",
                       (sqlite3_uint64) columns[i].data->len * sizeof (gint64), SQLITE_STATIC);
}

static void
bind_category (sqlite3_stmt *st,
               guint         i,
               gpointer      categories)
{
  sqlite3_bind_int (st, P (CATEGORIES_SEQ), i);
  bind_text (st, P (CATEGORIES_NAME), g_ptr_array_index ((GPtrArray *) categories, i));
}

gboolean
yp_cache_event_writer_finish (YpCacheEventWriter  *w,
                              YpRecord            *record,
                              GPtrArray           *inputs,
                              GArray              *fingerprints,
                              const char          *content_hash,
                              GError             **error)
{
  sqlite3 *db = w->db;
  g_autofree char *version_sql = NULL;
  const char *meta[][2] = {
    { "magic", YP_CACHE_MAGIC },
    { "content_hash", content_hash },
    { "title_ko", yp_record_get_title (record, YP_LANG_KO) },
    { "title_en", yp_record_get_title (record, YP_LANG_EN) },
  };
  Inputs in = { inputs, fingerprints };
  GPtrArray *problems = yp_record_get_problems (record);
  GListModel *sources = yp_record_get_sources (record);
  GListModel *actors = yp_record_get_actors (record);
  GListModel *eras = yp_record_get_eras (record);

  if (!write_rows (db, YP_CACHE_TABLE_META, G_N_ELEMENTS (meta), bind_meta, meta, error) ||
      !write_rows (db, YP_CACHE_TABLE_INPUTS, inputs->len, bind_input, &in, error) ||
      !write_rows (db, YP_CACHE_TABLE_PROBLEMS, problems->len, bind_problem, problems, error))
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (sources); i++)
    {
      g_autoptr(YpSource) s = g_list_model_get_item (sources, i);

      if (!yp_cache_event_writer_add_source (w, s, error))
        return FALSE;
    }
  if (!write_rows (db, YP_CACHE_TABLE_ACTORS, g_list_model_get_n_items (actors), bind_actor, actors, error) ||
      !write_rows (db, YP_CACHE_TABLE_ERAS, g_list_model_get_n_items (eras), bind_era, eras, error) ||
      !write_rows (db, YP_CACHE_TABLE_EVENT_COLUMNS, 3, bind_event_column, w, error) ||
      !write_rows (db, YP_CACHE_TABLE_CATEGORIES, w->categories->len, bind_category, w->categories, error))
    return FALSE;

  /* user_version last: a file without it is never taken for a cache. */
  version_sql = g_strdup_printf ("PRAGMA user_version = %d", YP_CACHE_SCHEMA_VERSION);
  return yp_cache_db_exec (db, version_sql, YP_ERROR_NOT_WRITABLE, error) &&
         yp_cache_db_exec (db, "COMMIT", YP_ERROR_NOT_WRITABLE, error);
}

/* How many events are written between two looks at the monitor. */
#define MONITOR_STEP 256

gboolean
yp_cache_write_record (sqlite3               *db,
                       YpRecord              *record,
                       GPtrArray             *inputs,
                       GArray                *fingerprints,
                       const char            *content_hash,
                       const YpCacheMonitor  *monitor,
                       GError               **error)
{
  YpCacheEventWriter w = { 0 };
  GListModel *list = yp_record_get_events (record);
  guint n = g_list_model_get_n_items (list);
  gboolean ok = yp_cache_event_writer_begin (&w, db, error);

  for (guint i = 0; ok && i < n; i++)
    {
      if (i % MONITOR_STEP == 0 && !yp_cache_monitor_step (monitor, i, n, error))
        ok = FALSE;
      else
        ok = yp_cache_event_writer_add (&w, yp_event_list_peek (YP_EVENT_LIST (list), i), error);
    }
  ok = ok && yp_cache_monitor_step (monitor, n, n, error);
  ok = ok && yp_cache_event_writer_finish (&w, record, inputs, fingerprints, content_hash, error);
  yp_cache_event_writer_clear (&w);
  return ok;
}

gboolean
yp_cache_build_file (const char            *db_path,
                     YpRecord              *record,
                     GPtrArray             *inputs,
                     GArray                *fingerprints,
                     const char            *hash,
                     const YpCacheMonitor  *monitor,
                     GError               **error)
{
  g_autofree char *tmp_path = NULL;
  g_autoptr(GError) local_error = NULL;
  sqlite3 *db = yp_cache_db_create_temp (db_path, &tmp_path, error);

  if (db == NULL)
    return FALSE;
  /* Stopped, the temporary file goes: no half cache is left. */
  if (!yp_cache_write_record (db, record, inputs, fingerprints, hash, monitor, &local_error) ||
      !yp_cache_monitor_step (monitor, 1, 1, &local_error))
    {
      yp_cache_db_discard_temp (db, tmp_path);
      if (yp_cache_is_cancelled (local_error))
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

gboolean
yp_cache_write_file (const char            *db_path,
                     YpRecord              *parsed,
                     GPtrArray             *inputs,
                     GArray                *seen,
                     const YpCacheMonitor  *monitor,
                     GError               **error)
{
  g_autoptr(GArray) fingerprints = g_array_new (FALSE, TRUE, sizeof (YpCacheFingerprint));
  g_autofree char *hash = yp_cache_inputs_hash_seen (inputs, seen, fingerprints, error);

  return hash != NULL && yp_cache_build_file (db_path, parsed, inputs, fingerprints, hash, monitor, error);
}