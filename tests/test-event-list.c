/* test-event-list.c: a list over the cache gives what the parsed file
 * gives, without making an event it is not asked for
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "yp-cache.h"
#include "yp-event-list-private.h"
#include "yp-event-list.h"
#include "yp-yeonpyo-reader.h"
#include "yp-session.h"
#include "yp-test-util.h"

typedef struct {
  char     *dir;
  YpRecord *parsed;   /* the shipped timeline, parsed: in memory */
  YpRecord *cached;   /* the same, read from its cache: lazy */
  char     *db_path;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = yp_test_shipped_path ();
  g_autoptr(GError) error = NULL;
  YpCacheReport report = { 0 };

  f->dir = g_dir_make_tmp ("yp-event-list-XXXXXX", &error);
  g_assert_no_error (error);
  f->parsed = yp_yeonpyo_reader_load_file (path, NULL, &error);
  g_assert_no_error (error);
  f->cached = yp_cache_load (path, f->dir, &report, &error);
  g_assert_no_error (error);
  g_assert_cmpint (report.outcome, ==, YP_CACHE_BUILT);
  f->db_path = g_strdup (report.db_path);
  yp_cache_report_clear (&report);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->parsed);
  g_clear_object (&f->cached);
  yp_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db_path);
}

static YpEventList *
list_of (YpRecord *record)
{
  return YP_EVENT_LIST (yp_record_get_events (record));
}

static void
assert_same_event (YpEvent *a,
                   YpEvent *b)
{
  const char * const *actors_a = yp_event_get_actors (a);
  const char * const *actors_b = yp_event_get_actors (b);

  g_assert_cmpstr (yp_event_get_id (a), ==, yp_event_get_id (b));
  g_assert_cmpstr (yp_event_get_date (a), ==, yp_event_get_date (b));
  g_assert_cmpint (yp_event_get_precision (a), ==, yp_event_get_precision (b));
  g_assert_cmpstr (yp_event_get_timezone (a), ==, yp_event_get_timezone (b));
  g_assert_cmpstr (yp_event_get_earliest (a), ==, yp_event_get_earliest (b));
  g_assert_cmpstr (yp_event_get_latest (a), ==, yp_event_get_latest (b));
  g_assert_cmpint (yp_event_get_start (a), ==, yp_event_get_start (b));
  g_assert_cmpint (yp_event_get_end (a), ==, yp_event_get_end (b));
  g_assert_cmpint (yp_event_get_anchor (a), ==, yp_event_get_anchor (b));
  for (YpLang lang = YP_LANG_KO; lang <= YP_LANG_EN; lang++)
    {
      g_assert_cmpstr (yp_event_get_title (a, lang), ==, yp_event_get_title (b, lang));
      g_assert_cmpstr (yp_event_get_summary (a, lang), ==, yp_event_get_summary (b, lang));
      g_assert_cmpstr (yp_event_get_date_note (a, lang), ==, yp_event_get_date_note (b, lang));
    }
  g_assert_cmpstr (yp_event_get_category (a), ==, yp_event_get_category (b));
  g_assert_cmpstr (yp_event_get_era (a), ==, yp_event_get_era (b));
  g_assert_cmpstr (yp_event_get_status (a), ==, yp_event_get_status (b));
  g_assert_cmpstr (yp_event_get_publication_of (a), ==, yp_event_get_publication_of (b));
  g_assert_cmpuint (yp_event_get_position (a), ==, yp_event_get_position (b));
  g_assert_cmpuint (g_strv_length ((char **) actors_a), ==, g_strv_length ((char **) actors_b));
  for (guint i = 0; actors_a[i] != NULL; i++)
    g_assert_cmpstr (actors_a[i], ==, actors_b[i]);
  g_assert_cmpuint (yp_event_get_n_citations (a), ==, yp_event_get_n_citations (b));
  for (guint i = 0; i < yp_event_get_n_citations (a); i++)
    {
      const YpCitationInfo *ca = yp_event_get_citation_info (a, i);
      const YpCitationInfo *cb = yp_event_get_citation_info (b, i);

      g_assert_cmpstr (ca->source_id, ==, cb->source_id);
      g_assert_cmpstr (ca->quote, ==, cb->quote);
      g_assert_cmpuint (ca->body_start, ==, cb->body_start);
      g_assert_cmpuint (ca->body_end, ==, cb->body_end);
      g_assert_cmpuint (ca->raw_start, ==, cb->raw_start);
      g_assert_cmpuint (ca->raw_end, ==, cb->raw_end);
    }
}

/* Every event, made from the cache, is the parsed one; none is made
 * before it is asked for, and each is made once. */
static void
test_lazy_matches_parsed (Fixture       *f,
                          gconstpointer  data)
{
  YpEventList *parsed = list_of (f->parsed);
  YpEventList *cached = list_of (f->cached);
  guint n = yp_event_list_get_size (parsed);

  g_assert_false (yp_event_list_is_lazy (parsed));
  g_assert_true (yp_event_list_is_lazy (cached));
  g_assert_cmpuint (n, >, 30);
  g_assert_cmpuint (yp_event_list_get_size (cached), ==, n);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (cached)), ==, n);
  g_assert_cmpuint (yp_event_list_get_n_made (parsed), ==, n);
  g_assert_cmpuint (yp_event_list_get_n_made (cached), ==, 0);
  /* The arrays were read through a small page cache; the events that
   * are made later have SQLite's default one again. */
  {
    sqlite3_stmt *st = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (yp_cache_db_get_handle (yp_event_list_get_cache_db (cached)),
                                         "PRAGMA cache_size", -1, &st, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (st), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int64 (st, 0), ==, -2000);
    sqlite3_finalize (st);
  }

  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpint (yp_event_list_get_anchors (cached)[i], ==, yp_event_list_get_anchors (parsed)[i]);
      g_assert_cmpint (yp_event_list_get_starts (cached)[i], ==, yp_event_list_get_starts (parsed)[i]);
      g_assert_cmpint (yp_event_list_get_ends (cached)[i], ==, yp_event_list_get_ends (parsed)[i]);
    }
  g_assert_cmpuint (yp_event_list_get_categories (cached)->len, ==, yp_event_list_get_categories (parsed)->len);
  g_assert_cmpuint (yp_event_list_get_categories (cached)->len, >, 1);
  for (guint i = 0; i < yp_event_list_get_categories (parsed)->len; i++)
    g_assert_cmpstr (g_ptr_array_index (yp_event_list_get_categories (cached), i), ==,
                     g_ptr_array_index (yp_event_list_get_categories (parsed), i));
  g_assert_cmpuint (yp_event_list_get_n_made (cached), ==, 0);

  /* Asked for from the end: one made per event asked for, then kept. */
  for (guint i = n; i-- > 0;)
    {
      YpEvent *event = yp_event_list_peek (cached, i);

      g_assert_cmpuint (yp_event_list_get_n_made (cached), ==, n - i);
      g_assert_true (yp_event_list_peek (cached, i) == event);
      g_assert_cmpuint (yp_event_list_find (cached, event), ==, i);
      assert_same_event (event, yp_event_list_peek (parsed, i));
    }
  g_assert_cmpuint (yp_event_list_get_n_made (cached), ==, n);
  g_assert_null (yp_event_list_peek (cached, n));
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (cached), n));
}

typedef struct {
  GArray     *seen;
  const char *source_id;
} Gather;

static void
add_citation (const YpSourceCitation *sc,
              gpointer                user_data)
{
  Gather *g = user_data;
  guint row[4] = { sc->position, sc->index, sc->citation->body_start, sc->citation->raw_end };

  g_assert_cmpstr (sc->citation->source_id, ==, g->source_id);
  g_array_append_vals (g->seen, row, 1);
}

static GArray *
positions_of (YpEventList *list,
              const char  *source_id)
{
  Gather g = { g_array_new (FALSE, FALSE, sizeof (guint) * 4), source_id };

  yp_event_list_foreach_citation_of (list, source_id, add_citation, &g);
  return g.seen;
}

static void
assert_same_positions (GArray *a,
                       GArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  g_assert_cmpmem (a->data, a->len * g_array_get_element_size (a), b->data, b->len * g_array_get_element_size (b));
}

/* Filters, lookups by id and a source's citations: the same answers from
 * the cache as from the parsed events, and no event made for them. */
static void
test_queries_without_events (Fixture       *f,
                             gconstpointer  data)
{
  YpEventList *parsed = list_of (f->parsed);
  YpEventList *cached = list_of (f->cached);
  GListModel *sources = yp_record_get_sources (f->parsed);
  GListModel *actors = yp_record_get_actors (f->parsed);
  GPtrArray *categories = yp_event_list_get_categories (parsed);
  guint n = yp_event_list_get_size (parsed), narrowed = 0;
  g_autoptr(GHashTable) cats = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) acts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) srcs = g_hash_table_new (g_str_hash, g_str_equal);
  YpEventFilter filter = { cats, acts, srcs };

  for (guint i = 0; i < n; i++)
    {
      const char *id = yp_event_get_id (yp_event_list_peek (parsed, i));

      g_assert_cmpuint (yp_event_list_find_id (parsed, id), ==, i);
      /* Found by a query; the check of the answer makes that one event. */
      g_assert_cmpuint (yp_event_list_find_id (cached, id), ==, i);
    }
  g_assert_cmpuint (yp_event_list_find_id (cached, "no-such-event"), ==, G_MAXUINT);
  g_assert_cmpuint (yp_event_list_find_id (parsed, "no-such-event"), ==, G_MAXUINT);
  g_assert_cmpuint (yp_event_list_find_id (cached, NULL), ==, G_MAXUINT);

  /* From here on, nothing is made. */
  g_clear_object (&f->cached);
  {
    g_autofree char *path = yp_test_shipped_path ();
    g_autoptr(GError) error = NULL;

    f->cached = yp_cache_load (path, f->dir, NULL, &error);
    g_assert_no_error (error);
    cached = list_of (f->cached);
  }

  for (guint i = 0; i < g_list_model_get_n_items (sources); i++)
    {
      g_autoptr(YpSource) source = g_list_model_get_item (sources, i);
      g_autoptr(GArray) a = positions_of (parsed, yp_source_get_id (source));
      g_autoptr(GArray) b = positions_of (cached, yp_source_get_id (source));

      g_assert_cmpuint (a->len, >, 0);
      assert_same_positions (a, b);
    }

  /* Each category, actor and source alone, then two and three at once. */
  for (guint round = 0; round < 4; round++)
    {
      guint n_choices = round == 0 ? categories->len
                        : round == 1 ? g_list_model_get_n_items (actors)
                        : round == 2 ? g_list_model_get_n_items (sources) : 1;

      for (guint i = 0; i < n_choices; i++)
        {
          g_autoptr(GArray) a = NULL;
          g_autoptr(GArray) b = NULL;

          g_hash_table_remove_all (cats);
          g_hash_table_remove_all (acts);
          g_hash_table_remove_all (srcs);
          if (round == 0 || round == 3)
            g_hash_table_add (cats, g_ptr_array_index (categories, round == 0 ? i : 0));
          if (round == 1 || round == 3)
            {
              g_autoptr(YpActor) actor = g_list_model_get_item (actors, round == 1 ? i : 0);
              g_hash_table_add (acts, (gpointer) yp_actor_get_id (actor));
            }
          if (round == 2 || round == 3)
            {
              g_autoptr(YpSource) source = g_list_model_get_item (sources, round == 2 ? i : 0);
              g_hash_table_add (srcs, (gpointer) yp_source_get_id (source));
              if (round == 3)
                {
                  g_autoptr(YpSource) other = g_list_model_get_item (sources, 1);
                  g_hash_table_add (srcs, (gpointer) yp_source_get_id (other));
                }
            }
          a = yp_event_list_filter (parsed, &filter);
          b = yp_event_list_filter (cached, &filter);
          assert_same_positions (a, b);
          narrowed += a->len > 0 && a->len < n;
          for (guint k = 1; k < a->len; k++)
            g_assert_cmpuint (g_array_index (a, guint, k - 1), <, g_array_index (a, guint, k));
        }
    }
  /* The filters did filter. */
  g_assert_cmpuint (narrowed, >, 5);

  /* A category nobody has, and no filter at all. */
  {
    g_autoptr(GArray) none = NULL;
    g_autoptr(GArray) all = NULL;

    g_hash_table_remove_all (acts);
    g_hash_table_remove_all (srcs);
    g_hash_table_remove_all (cats);
    g_hash_table_add (cats, (gpointer) "no-such-category");
    none = yp_event_list_filter (cached, &filter);
    g_assert_cmpuint (none->len, ==, 0);
    all = yp_event_list_filter (cached, NULL);
    g_assert_cmpuint (all->len, ==, n);
  }
  g_assert_cmpuint (yp_event_list_get_n_made (cached), ==, 0);
}

static void
exec_sql (const char *db_path,
          const char *sql)
{
  /* With yp_row_check(), for changes that keep their rows' checks. */
  sqlite3 *db = yp_cache_db_open_raw (db_path, SQLITE_OPEN_READWRITE);

  g_assert_nonnull (db);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static char *
damaged_copy (const char *db_path)
{
  g_autofree char *dir = g_path_get_dirname (db_path);
  g_autofree char *base = g_path_get_basename (db_path);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, base) && strstr (name, ".damaged-") != NULL)
      return g_build_filename (dir, name, NULL);
  return NULL;
}

/* A citation that a damaged cache puts outside its source is found when
 * its event is made: the event comes as a placeholder, the cache is named
 * in a warning and set aside, and the next open rebuilds it. */
static void
test_damaged_row_found_when_made (Fixture       *f,
                                  gconstpointer  data)
{
  g_autofree char *path = yp_test_shipped_path ();
  g_autoptr(YpEventList) list = NULL;
  g_autoptr(YpRecord) again = NULL;
  g_autoptr(GError) error = NULL;
  YpCacheReport report = { 0 };
  sqlite3 *db = NULL;
  sqlite3_stmt *st = NULL;
  g_autofree char *aside = NULL;
  g_autofree char *placeholder = NULL;
  guint position, n_citations;
  YpEvent *event;

  g_clear_object (&f->cached);
  g_assert_cmpint (sqlite3_open (f->db_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT event FROM citations WHERE seq = 0 ORDER BY event DESC LIMIT 1",
                                       -1, &st, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (st), ==, SQLITE_ROW);
  position = sqlite3_column_int (st, 0);
  sqlite3_finalize (st);
  sqlite3_close (db);
  n_citations = yp_event_get_n_citations (yp_event_list_peek (list_of (f->parsed), position));
  g_assert_cmpuint (n_citations, >, 0);
  {
    /* With its row's check made again: only the offset is wrong. */
    g_autofree char *sql = g_strdup_printf ("UPDATE citations SET body_end = 1000000 WHERE event = %u AND seq = 0;"
                                            "UPDATE citations SET row_check = yp_row_check (event, seq, source, quote,"
                                            " body_start, body_end, raw_start, raw_end) WHERE event = %u AND seq = 0",
                                            position, position);
    exec_sql (f->db_path, sql);
  }

  g_assert_cmpint (sqlite3_open_v2 (f->db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  {
    g_autoptr(YpCacheDb) cache = yp_cache_db_new (db, f->db_path);

    list = yp_event_list_new_for_cache (cache, FALSE, &error);
  }
  g_assert_no_error (error);
  g_assert_nonnull (list);

  /* The other events are as they were. */
  assert_same_event (yp_event_list_peek (list, 0), yp_event_list_peek (list_of (f->parsed), 0));
  g_assert_null (damaged_copy (f->db_path));

  /* One line names the cache, the table, the row and the column. */
  g_test_expect_message ("yp-cache", G_LOG_LEVEL_WARNING,
                         "The cache * is damaged (table citations, row 0, column body_end: the citation lies"
                         " outside the body of source *); it was moved to * and will be rebuilt");
  event = yp_event_list_peek (list, position);
  g_test_assert_expected_messages ();
  /* Nothing of the damaged row is shown: a placeholder at its place. */
  g_assert_true (yp_event_list_is_damaged (list));
  placeholder = g_strdup_printf ("damaged-%u", position);
  g_assert_cmpstr (yp_event_get_id (event), ==, placeholder);
  g_assert_cmpuint (yp_event_get_n_citations (event), ==, 0);
  g_assert_cmpuint (n_citations, >, 0);
  g_assert_false (g_file_test (f->db_path, G_FILE_TEST_EXISTS));
  aside = damaged_copy (f->db_path);
  g_assert_nonnull (aside);

  again = yp_cache_load (path, f->dir, &report, &error);
  g_assert_no_error (error);
  g_assert_cmpint (report.outcome, ==, YP_CACHE_BUILT);
  yp_cache_report_clear (&report);
}

static void
replace_column (const char *db_path,
                const char *name,
                gboolean    swap_ends)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *st = NULL;
  g_autofree gint64 *data = NULL;
  gsize n = 0;

  g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT data FROM event_columns WHERE name = ?", -1, &st, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (st, 1, name, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (st), ==, SQLITE_ROW);
  n = sqlite3_column_bytes (st, 0) / sizeof (gint64);
  data = g_memdup2 (sqlite3_column_blob (st, 0), n * sizeof (gint64));
  sqlite3_finalize (st);
  g_assert_cmpuint (n, >, 2);

  /* The row's check made again: only the array is wrong. */
  sqlite3_close (db);
  db = yp_cache_db_open_raw (db_path, SQLITE_OPEN_READWRITE);
  g_assert_nonnull (db);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "UPDATE event_columns SET data = ?1, row_check = yp_row_check (?2, ?1)"
                                           " WHERE name = ?2", -1, &st, NULL), ==, SQLITE_OK);
  if (swap_ends)
    {
      gint64 first = data[0];

      data[0] = data[n - 1];
      data[n - 1] = first;
      sqlite3_bind_blob (st, 1, data, n * sizeof (gint64), SQLITE_STATIC);
    }
  else
    sqlite3_bind_blob (st, 1, data, (n - 1) * sizeof (gint64), SQLITE_STATIC);
  sqlite3_bind_text (st, 2, name, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (st), ==, SQLITE_DONE);
  sqlite3_finalize (st);
  sqlite3_close (db);
}

/* The last end of the arrays one second later, the row's check left as
 * it was: the times stay in order, only the check can tell. */
static void
bump_last_end (const char *db_path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *st = NULL;
  g_autofree gint64 *data = NULL;
  gsize n = 0;

  g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT data FROM event_columns WHERE name = 'end'", -1, &st, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (st), ==, SQLITE_ROW);
  n = sqlite3_column_bytes (st, 0) / sizeof (gint64);
  data = g_memdup2 (sqlite3_column_blob (st, 0), n * sizeof (gint64));
  sqlite3_finalize (st);
  g_assert_cmpuint (n, >, 2);
  data[n - 1]++;
  g_assert_cmpint (sqlite3_prepare_v2 (db, "UPDATE event_columns SET data = ?1 WHERE name = 'end'", -1, &st, NULL), ==,
                   SQLITE_OK);
  sqlite3_bind_blob (st, 1, data, n * sizeof (gint64), SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (st), ==, SQLITE_DONE);
  sqlite3_finalize (st);
  sqlite3_close (db);
}

/* Arrays that are short, out of order or gone: the cache is not used,
 * and says why. */
static void
test_bad_columns_rebuild (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *path = yp_test_shipped_path ();
  const struct {
    const char *name;
    gboolean    swap_ends;
    const char *sql;
    const char *reason;
  } cases[] = {
    { "anchor", TRUE, NULL, "table event_columns: the times are out of order at event" },
    { "start", FALSE, NULL, "table event_columns: the row “start” holds" },
    { NULL, FALSE, "DELETE FROM event_columns WHERE name = 'end'", "table event_columns: the row “end” is missing" },
    { "end", FALSE, "bump", "table event_columns, row 3, column row_check: the row's values do not match its check" },
    { NULL, FALSE, "UPDATE event_columns SET data = 'text' WHERE name = 'start'",
      "table event_columns, row 2, column data: it is text, not a blob" },
    { NULL, FALSE, "DROP TABLE categories", "no such table: categories" },
    { NULL, FALSE, "DELETE FROM events WHERE seq = (SELECT max (seq) FROM events)",
      "table events: the events are not numbered 0 to" },
  };

  g_clear_object (&f->cached);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(YpRecord) record = NULL;
      g_autoptr(GError) error = NULL;
      YpCacheReport report = { 0 };

      /* Swapped in all three arrays, each event's own times still agree:
       * only the order is wrong. */
      if (cases[i].swap_ends)
        for (guint k = 0; k < 3; k++)
          replace_column (f->db_path, (const char *[]) { "anchor", "start", "end" }[k], TRUE);
      else if (g_strcmp0 (cases[i].sql, "bump") == 0)
        bump_last_end (f->db_path);
      else if (cases[i].name != NULL)
        replace_column (f->db_path, cases[i].name, FALSE);
      else
        exec_sql (f->db_path, cases[i].sql);
      g_test_expect_message ("yp-cache", G_LOG_LEVEL_MESSAGE, "Rebuilt the cache *");
      record = yp_cache_load (path, f->dir, &report, &error);
      g_test_assert_expected_messages ();
      g_assert_no_error (error);
      g_assert_cmpint (report.outcome, ==, YP_CACHE_BUILT);
      g_assert_nonnull (strstr (report.reason, cases[i].reason));
      g_assert_true (yp_event_list_is_lazy (list_of (record)));
      g_assert_cmpuint (yp_event_list_get_size (list_of (record)), ==, yp_event_list_get_size (list_of (f->parsed)));
      yp_cache_report_clear (&report);
    }
}

typedef struct {
  guint position, removed, added;
} Change;

static void
logged (GListModel *model,
        guint       position,
        guint       removed,
        guint       added,
        GArray     *into)
{
  Change c = { position, removed, added };

  /* During the first change the model is already empty. */
  if (added == 0)
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_array_append_val (into, c);
}

/* A filter that changes what is shown empties the session's model and
 * fills it again in two changes (a list view then asks only for the rows
 * it shows); one that changes nothing says nothing. */
static void
test_session_model_changes (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(YpSession) session = yp_session_new (f->cached);
  g_autoptr(GArray) log = g_array_new (FALSE, FALSE, sizeof (Change));
  g_autoptr(GHashTable) cats = g_hash_table_new (g_str_hash, g_str_equal);
  YpEventFilter filter = { .categories = cats };
  guint n = g_list_model_get_n_items (G_LIST_MODEL (session)), m;

  g_signal_connect (session, "items-changed", G_CALLBACK (logged), log);

  g_assert_cmpuint (n, ==, yp_event_list_get_size (list_of (f->cached)));
  yp_session_set_filter (session, &filter);
  g_assert_cmpuint (log->len, ==, 0);

  g_hash_table_add (cats, g_ptr_array_index (yp_event_list_get_categories (list_of (f->cached)), 0));
  yp_session_refilter (session);
  m = g_list_model_get_n_items (G_LIST_MODEL (session));
  g_assert_cmpuint (m, >, 0);
  g_assert_cmpuint (m, <, n);
  g_assert_cmpuint (log->len, ==, 2);
  g_assert_cmpuint (g_array_index (log, Change, 0).removed, ==, n);
  g_assert_cmpuint (g_array_index (log, Change, 0).added, ==, 0);
  g_assert_cmpuint (g_array_index (log, Change, 1).removed, ==, 0);
  g_assert_cmpuint (g_array_index (log, Change, 1).added, ==, m);

  yp_session_refilter (session);
  g_assert_cmpuint (log->len, ==, 2);
  g_signal_handlers_disconnect_by_data (session, log);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/event-list/lazy-matches-parsed", Fixture, NULL,
              fixture_set_up, test_lazy_matches_parsed, fixture_tear_down);
  g_test_add ("/event-list/queries-without-events", Fixture, NULL,
              fixture_set_up, test_queries_without_events, fixture_tear_down);
  g_test_add ("/event-list/damaged-row-found-when-made", Fixture, NULL,
              fixture_set_up, test_damaged_row_found_when_made, fixture_tear_down);
  g_test_add ("/event-list/bad-columns-rebuild", Fixture, NULL,
              fixture_set_up, test_bad_columns_rebuild, fixture_tear_down);
  g_test_add ("/event-list/session-model-changes", Fixture, NULL,
              fixture_set_up, test_session_model_changes, fixture_tear_down);
  return g_test_run ();
}
