/* test-real-files.c: a corpus of TimelineJS files in the shapes real ones
 * take, each read as its .expect file says, and through the cache
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every tests/data/real/NAME.json has a NAME.expect beside it, lines of
 * "key: value" ("#" starts a comment):
 *
 *   title: TEXT          the record's title
 *   slides: N            events read
 *   eras: N              eras read
 *   date: ID TEXT        the event ID's date, as Yeonpyo writes it
 *   body: ID LINE        a line of the event ID's slide text
 *   search: ID TERM      searching for TERM finds the event ID
 *   warning: PATH: MSG   the problems, all of them, in the order reported
 *   error: PATH: MSG
 *   refused: CODE        the file is refused ("not-a-timeline")
 *
 * A file without its .expect fails, so the corpus cannot grow untested.
 * Each file that opens is also written to a cache and read back twice:
 * what comes back must be what was parsed, to the second.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "yp-cache.h"
#include "yp-error.h"
#include "yp-import.h"
#include "yp-search.h"
#include "yp-test-util.h"

typedef struct {
  char      *title;
  int        slides;
  int        eras;
  char      *refused;
  GPtrArray *dates;     /* "ID TEXT" */
  GPtrArray *bodies;    /* "ID LINE" */
  GPtrArray *searches;  /* "ID TERM" */
  GPtrArray *problems;  /* "warning: PATH: MSG" */
} Expect;

static void
expect_clear (Expect *e)
{
  g_free (e->title);
  g_free (e->refused);
  g_ptr_array_unref (e->dates);
  g_ptr_array_unref (e->bodies);
  g_ptr_array_unref (e->searches);
  g_ptr_array_unref (e->problems);
}

static void
expect_read (const char *file,
             Expect     *e)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;

  memset (e, 0, sizeof *e);
  e->slides = e->eras = -1;
  e->dates = g_ptr_array_new_with_free_func (g_free);
  e->bodies = g_ptr_array_new_with_free_func (g_free);
  e->searches = g_ptr_array_new_with_free_func (g_free);
  e->problems = g_ptr_array_new_with_free_func (g_free);
  if (!g_file_get_contents (file, &text, NULL, &error))
    g_error ("%s: every corpus file needs its .expect: %s", file, error->message);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      const char *colon = strstr (line, ": ");
      g_autofree char *key = NULL;
      const char *value;

      if (*line == '\0' || *line == '#')
        continue;
      if (colon == NULL)
        g_error ("%s:%u: not “key: value”: %s", file, i + 1, line);
      key = g_strndup (line, colon - line);
      value = colon + 2;
      if (g_str_equal (key, "title"))
        e->title = g_strdup (value);
      else if (g_str_equal (key, "slides"))
        e->slides = atoi (value);
      else if (g_str_equal (key, "eras"))
        e->eras = atoi (value);
      else if (g_str_equal (key, "refused"))
        e->refused = g_strdup (value);
      else if (g_str_equal (key, "date"))
        g_ptr_array_add (e->dates, g_strdup (value));
      else if (g_str_equal (key, "body"))
        g_ptr_array_add (e->bodies, g_strdup (value));
      else if (g_str_equal (key, "search"))
        g_ptr_array_add (e->searches, g_strdup (value));
      else if (g_str_equal (key, "warning") || g_str_equal (key, "error"))
        g_ptr_array_add (e->problems, g_strdup (line));
      else
        g_error ("%s:%u: unknown key “%s”", file, i + 1, key);
    }
}

/* "ID REST" split at the first space. */
static void
split_id (const char  *line,
          char       **id,
          const char **rest)
{
  const char *space = strchr (line, ' ');

  g_assert_nonnull (space);
  *id = g_strndup (line, space - line);
  *rest = space + 1;
}

static void
assert_same_events (YpRecord *parsed,
                    YpRecord *cached)
{
  GListModel *a = yp_record_get_events (parsed), *b = yp_record_get_events (cached);

  g_assert_cmpuint (g_list_model_get_n_items (a), ==, g_list_model_get_n_items (b));
  for (guint i = 0; i < g_list_model_get_n_items (a); i++)
    {
      g_autoptr(YpEvent) x = g_list_model_get_item (a, i);
      g_autoptr(YpEvent) y = g_list_model_get_item (b, i);

      g_assert_cmpstr (yp_event_get_id (x), ==, yp_event_get_id (y));
      g_assert_cmpstr (yp_event_get_date (x), ==, yp_event_get_date (y));
      g_assert_cmpint (yp_event_get_precision (x), ==, yp_event_get_precision (y));
      g_assert_cmpint (yp_event_get_start (x), ==, yp_event_get_start (y));
      g_assert_cmpint (yp_event_get_end (x), ==, yp_event_get_end (y));
      g_assert_cmpint (yp_event_get_anchor (x), ==, yp_event_get_anchor (y));
      g_assert_cmpstr (yp_event_get_title (x, YP_LANG_EN), ==, yp_event_get_title (y, YP_LANG_EN));
      g_assert_cmpstr (yp_event_get_category (x), ==, yp_event_get_category (y));
    }
  g_assert_cmpuint (g_list_model_get_n_items (yp_record_get_eras (parsed)), ==,
                    g_list_model_get_n_items (yp_record_get_eras (cached)));
  g_assert_cmpstr (yp_record_get_title (parsed, YP_LANG_EN), ==, yp_record_get_title (cached, YP_LANG_EN));
}

static void
check_cache (const char *path,
             YpRecord   *parsed)
{
  g_autofree char *dir = g_dir_make_tmp ("yp-real-XXXXXX", NULL);
  YpCacheOutcome outcomes[] = { YP_CACHE_BUILT, YP_CACHE_REUSED };

  g_assert_nonnull (dir);
  for (guint i = 0; i < G_N_ELEMENTS (outcomes); i++)
    {
      g_autoptr(GError) error = NULL;
      YpCacheReport report = { 0 };
      g_autoptr(YpRecord) cached = yp_cache_load (path, dir, &report, &error);

      g_assert_no_error (error);
      g_assert_nonnull (cached);
      g_assert_cmpint (report.outcome, ==, outcomes[i]);
      yp_cache_report_clear (&report);
      assert_same_events (parsed, cached);
    }
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *child = g_build_filename (dir, name, NULL);
        g_unlink (child);
      }
    g_rmdir (dir);
  }
}

static void
test_file (gconstpointer data)
{
  const char *name = data;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "real", name, NULL);
  g_autofree char *stem = g_strndup (path, strlen (path) - strlen (".json"));
  g_autofree char *expect_path = g_strconcat (stem, ".expect", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(YpRecord) record = NULL;
  g_autoptr(GPtrArray) got = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *problems;
  Expect e;

  expect_read (expect_path, &e);
  record = yp_import_load_file (path, NULL, &error);
  if (e.refused != NULL)
    {
      g_assert_null (record);
      g_assert_nonnull (error);
      g_test_message ("%s", error->message);
      g_assert_cmpstr (e.refused, ==, "not-a-timeline");
      g_assert_error (error, YP_ERROR, YP_ERROR_NOT_A_TIMELINE);
      expect_clear (&e);
      return;
    }
  g_assert_no_error (error);
  g_assert_nonnull (record);

  g_assert_cmpstr (yp_record_get_title (record, YP_LANG_EN), ==, e.title);
  g_assert_cmpint (g_list_model_get_n_items (yp_record_get_events (record)), ==, e.slides);
  g_assert_cmpint (g_list_model_get_n_items (yp_record_get_eras (record)), ==, e.eras);

  for (guint i = 0; i < e.dates->len; i++)
    {
      g_autofree char *id = NULL;
      const char *date;
      YpEvent *event;

      split_id (g_ptr_array_index (e.dates, i), &id, &date);
      event = yp_record_lookup_event (record, id);
      g_assert_nonnull (event);
      g_assert_cmpstr (yp_event_get_date (event), ==, date);
    }
  for (guint i = 0; i < e.bodies->len; i++)
    {
      g_autofree char *id = NULL;
      g_auto(GStrv) lines = NULL;
      const char *line;
      YpSource *source;

      split_id (g_ptr_array_index (e.bodies, i), &id, &line);
      source = yp_record_lookup_source (record, id);
      g_assert_nonnull (source);
      lines = g_strsplit (yp_source_get_body_text (source), "\n", -1);
      if (!g_strv_contains ((const char * const *) lines, line))
        g_error ("%s: %s has no line “%s” in:\n%s", name, id, line, yp_source_get_body_text (source));
    }
  for (guint i = 0; i < e.searches->len; i++)
    {
      g_autoptr(YpSearch) search = yp_search_new (record);
      g_autoptr(GPtrArray) results = NULL;
      g_autoptr(GError) search_error = NULL;
      g_autofree char *id = NULL;
      const char *term;
      gboolean found = FALSE;

      split_id (g_ptr_array_index (e.searches, i), &id, &term);
      results = yp_search_run (search, term, 100, &search_error);
      g_assert_no_error (search_error);
      for (guint k = 0; k < results->len; k++)
        found |= g_str_equal (yp_search_result_get_id (g_ptr_array_index (results, k)), id);
      if (!found)
        g_error ("%s: searching for “%s” does not find %s", name, term, id);
    }

  /* The problems, exactly. */
  problems = yp_record_get_problems (record);
  for (guint i = 0; i < problems->len; i++)
    {
      const YpProblem *p = g_ptr_array_index (problems, i);

      g_ptr_array_add (got, g_strdup_printf ("%s: %s: %s", p->severity == YP_SEVERITY_ERROR ? "error" : "warning",
                                             p->path, p->message));
    }
  for (guint i = 0; i < MAX (got->len, e.problems->len); i++)
    {
      const char *want = i < e.problems->len ? g_ptr_array_index (e.problems, i) : "(none)";
      const char *have = i < got->len ? g_ptr_array_index (got, i) : "(none)";

      if (!g_str_equal (want, have))
        {
          for (guint k = 0; k < got->len; k++)
            g_test_message ("got %s", (const char *) g_ptr_array_index (got, k));
          g_error ("%s: problem %u: expected\n  %s\ngot\n  %s", name, i, want, have);
        }
    }

  check_cache (path, record);
  expect_clear (&e);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  g_autoptr(GDir) d = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  dir = g_test_build_filename (G_TEST_DIST, "data", "real", NULL);
  d = g_dir_open (dir, 0, NULL);
  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, ".json"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, yp_test_compare_names);
  g_assert_cmpuint (names->len, >=, 8);
  for (guint i = 0; i < names->len; i++)
    {
      const char *file = g_ptr_array_index (names, i);
      g_autofree char *test_path = g_strdup_printf ("/real-files/%.*s", (int) (strlen (file) - 5), file);

      g_test_add_data_func (test_path, file, test_file);
    }
  return g_test_run ();
}
