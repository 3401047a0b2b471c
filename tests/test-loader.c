/* test-loader.c: the shipped record, and the loader's reports on broken files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "yp-yeonpyo-reader.h"
#include "yp-test-util.h"

static YpRecord *
load_shipped (void)
{
  g_autofree char *path = yp_test_shipped_path ();
  g_autoptr(GError) error = NULL;
  YpRecord *record = yp_yeonpyo_reader_load_file (path, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (record);
  return record;
}

static void
test_shipped_loads_cleanly (void)
{
  g_autoptr(YpRecord) record = load_shipped ();
  GPtrArray *problems = yp_record_get_problems (record);

  for (guint i = 0; i < problems->len; i++)
    {
      g_autofree char *line = yp_problem_to_string (g_ptr_array_index (problems, i));
      g_test_message ("%s", line);
    }
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (yp_record_get_sources (record)), ==, 5);
  g_assert_cmpuint (g_list_model_get_n_items (yp_record_get_events (record)), >=, 30);
  g_assert_cmpuint (g_list_model_get_n_items (yp_record_get_events (record)), <=, 60);
  g_assert_cmpuint (g_list_model_get_n_items (yp_record_get_eras (record)), >=, 3);
}

static void
test_shipped_quotes_at_offsets (void)
{
  g_autoptr(YpRecord) record = load_shipped ();
  GListModel *events = yp_record_get_events (record);
  guint n_citations = 0;

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(YpEvent) event = g_list_model_get_item (events, i);

      g_assert_cmpuint (yp_event_get_n_citations (event), >=, 1);
      for (guint j = 0; j < yp_event_get_n_citations (event); j++)
        {
          YpCitation *c = yp_event_get_citation (event, j);
          YpSource *source = yp_record_lookup_source (record, yp_citation_get_source_id (c));
          g_autofree char *in_body = NULL;
          g_autofree char *in_raw = NULL;

          g_assert_nonnull (source);
          in_body = yp_test_slice (yp_source_get_body_text (source),
                           yp_citation_get_body_start (c), yp_citation_get_body_end (c));
          in_raw = yp_test_slice (yp_source_get_raw_text (source),
                          yp_citation_get_raw_start (c), yp_citation_get_raw_end (c));
          g_assert_cmpstr (in_body, ==, yp_citation_get_quote (c));
          g_assert_cmpstr (in_raw, ==, yp_citation_get_quote (c));
          n_citations++;
        }
    }
  g_test_message ("%u citations checked", n_citations);
  g_assert_cmpuint (n_citations, >, 0);
}

static void
test_shipped_every_source_cited (void)
{
  g_autoptr(YpRecord) record = load_shipped ();
  g_autoptr(GHashTable) cited = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) published = g_hash_table_new (g_str_hash, g_str_equal);
  GListModel *events = yp_record_get_events (record);
  GListModel *sources = yp_record_get_sources (record);

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(YpEvent) event = g_list_model_get_item (events, i);

      for (guint j = 0; j < yp_event_get_n_citations (event); j++)
        g_hash_table_add (cited, (gpointer) yp_citation_get_source_id (yp_event_get_citation (event, j)));
      if (yp_event_get_publication_of (event) != NULL)
        g_hash_table_add (published, (gpointer) yp_event_get_publication_of (event));
    }
  for (guint i = 0; i < g_list_model_get_n_items (sources); i++)
    {
      g_autoptr(YpSource) source = g_list_model_get_item (sources, i);

      g_assert_true (g_hash_table_contains (cited, yp_source_get_id (source)));
      /* Each article's own publication is an event too. */
      g_assert_true (g_hash_table_contains (published, yp_source_get_id (source)));
    }
}

static void
test_shipped_dates_and_languages (void)
{
  g_autoptr(YpRecord) record = load_shipped ();
  GListModel *events = yp_record_get_events (record);
  g_autoptr(GDateTime) lo = g_date_time_new_utc (2023, 11, 1, 0, 0, 0);
  g_autoptr(GDateTime) hi = g_date_time_new_utc (2025, 8, 1, 0, 0, 0);
  /* Every date lies between 2023-11-01 and 2025-07-31, in any time zone. */
  gint64 min = g_date_time_to_unix (lo) - 14 * 3600;
  gint64 max = g_date_time_to_unix (hi) + 14 * 3600;
  gint64 last_anchor = G_MININT64;

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(YpEvent) e = g_list_model_get_item (events, i);

      g_test_message ("%s %s", yp_event_get_id (e), yp_event_get_date (e));
      g_assert_cmpint (yp_event_get_start (e), >=, min);
      g_assert_cmpint (yp_event_get_end (e), <=, max);
      g_assert_cmpint (yp_event_get_start (e), <=, yp_event_get_anchor (e));
      g_assert_cmpint (yp_event_get_anchor (e), <=, yp_event_get_end (e));
      /* The model is sorted by date. */
      g_assert_cmpint (yp_event_get_anchor (e), >=, last_anchor);
      last_anchor = yp_event_get_anchor (e);
      /* Both languages, not one copied into the other. */
      g_assert_nonnull (yp_event_get_title (e, YP_LANG_KO));
      g_assert_nonnull (yp_event_get_title (e, YP_LANG_EN));
      g_assert_cmpstr (yp_event_get_title (e, YP_LANG_KO), !=, yp_event_get_title (e, YP_LANG_EN));
      g_assert_cmpstr (yp_event_get_summary (e, YP_LANG_KO), !=, yp_event_get_summary (e, YP_LANG_EN));
      if (yp_event_get_precision (e) == YP_PRECISION_APPROXIMATE)
        {
          g_assert_nonnull (yp_event_get_date_note (e, YP_LANG_KO));
          g_assert_nonnull (yp_event_get_date_note (e, YP_LANG_EN));
        }
      g_assert_nonnull (yp_record_lookup_era (record, yp_event_get_era (e)));
      for (const char * const *a = yp_event_get_actors (e); *a; a++)
        g_assert_nonnull (yp_record_lookup_actor (record, *a));
    }
}

static void
test_shipped_body_leaves_out_furniture (void)
{
  g_autoptr(YpRecord) record = load_shipped ();
  YpSource *danawa = yp_record_lookup_source (record, "danawa-20250717");
  YpSource *miilk = yp_record_lookup_source (record, "themiilk-20231121");

  g_assert_nonnull (danawa);
  g_assert_nonnull (miilk);
  /* Menus, share prompts and unrelated headlines are in the file ... */
  g_assert_nonnull (strstr (yp_source_get_raw_text (danawa), "다나와 앱 서비스 목록"));
  g_assert_nonnull (strstr (yp_source_get_raw_text (danawa), "유머게시판"));
  /* ... and not in the article body. */
  g_assert_null (strstr (yp_source_get_body_text (danawa), "다나와 앱 서비스 목록"));
  g_assert_null (strstr (yp_source_get_body_text (danawa), "유머게시판"));
  g_assert_null (strstr (yp_source_get_body_text (danawa), "URL이 복사되었습니다"));
  g_assert_true (g_str_has_prefix (yp_source_get_body_text (danawa), "생성형 AI 업계의 선두주자"));
  g_assert_null (strstr (yp_source_get_body_text (miilk), "회원가입 후 뷰스레터를"));
  g_assert_null (strstr (yp_source_get_body_text (miilk), "[뷰스레터플러스]"));
  g_assert_true (g_str_has_suffix (yp_source_get_body_text (miilk), "드림"));
}

/* Broken files */

typedef struct {
  const char *path;      /* JSON path of the problem */
  YpSeverity  severity;
  const char *message;   /* a part of the message */
} Expected;

static const Expected expected_problems[] = {
  { "sources[1].file", YP_SEVERITY_ERROR, "cannot read seeds/does-not-exist.txt" },
  { "sources[2].body[0]", YP_SEVERITY_ERROR, "lines 50–40 are not within" },
  { "events[1].citations[0].source", YP_SEVERITY_ERROR, "unknown source id “nowhere”" },
  { "events[2].citations[0].quote", YP_SEVERITY_ERROR, "not found in seeds/004_8c9213542b7b7f43.txt" },
  { "events[3].date", YP_SEVERITY_ERROR, "“2023-11-31” is not a date (bad day)" },
  { "events[4].precision", YP_SEVERITY_ERROR, "missing: say how precise the date is" },
  { "events[5].title.en", YP_SEVERITY_ERROR, "missing: the English text is required" },
  { "events[6].id", YP_SEVERITY_ERROR, "duplicate id “valid-first”: events[0]" },
  { "events[7].era", YP_SEVERITY_ERROR, "unknown era id “golden-age”" },
  { "events[8].actors[1]", YP_SEVERITY_ERROR, "unknown actor id “elvis”" },
  { "events[9].citations[0].quote", YP_SEVERITY_ERROR, "is on line 8 of seeds/004_8c9213542b7b7f43.txt, outside the article body" },
  { "events[10].citations[0].source", YP_SEVERITY_WARNING, "source “gone” could not be loaded" },
  { "events[10].citations", YP_SEVERITY_ERROR, "none of the event’s sources could be loaded" },
  { "events[11].citations[0].source", YP_SEVERITY_WARNING, "source “gone” could not be loaded" },
  { "events[12].date_note", YP_SEVERITY_ERROR, "an approximate date needs a note" },
  { "events[13].sumary", YP_SEVERITY_WARNING, "unknown member “sumary” ignored" },
  { "events[14].precision", YP_SEVERITY_ERROR, "“month” needs a date written YYYY-MM" },
  { "events[15].timezone", YP_SEVERITY_ERROR, "“Mars/Base” is not a known time zone" },
  { "events[16].title", YP_SEVERITY_ERROR, "is a string; an object {\"ko\": …, \"en\": …} is required" },
  { "events[17].citations", YP_SEVERITY_ERROR, "is empty: every event needs at least one citation" },
  { "events[18]", YP_SEVERITY_ERROR, "is a string; an object is required" },
  { "events[20].precision", YP_SEVERITY_ERROR, "missing: say how precise the date is" },
};

static const char *skipped_ids[] = {
  "unknown-source", "quote-not-found", "bad-date", "no-precision", "no-english-title",
  "unknown-era", "unknown-actor", "quote-outside-body", "missing-seed-only",
  "approx-without-note", "precision-mismatch", "bad-zone", "no-citations", "null-precision",
};

static const char *loaded_ids[] = {
  "valid-first", "missing-seed-and-good", "typo-member", "valid-last",
};

static gboolean
has_problem (GPtrArray       *problems,
             const Expected  *e)
{
  for (guint i = 0; i < problems->len; i++)
    {
      YpProblem *p = g_ptr_array_index (problems, i);

      if (g_str_equal (p->path, e->path) && p->severity == e->severity &&
          strstr (p->message, e->message) != NULL)
        return TRUE;
    }
  return FALSE;
}

static void
test_broken_events (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "broken-events.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(YpRecord) record = yp_yeonpyo_reader_load_file (path, NULL, &error);
  GPtrArray *problems;

  g_assert_no_error (error);
  g_assert_nonnull (record);
  problems = yp_record_get_problems (record);
  for (guint i = 0; i < problems->len; i++)
    {
      g_autofree char *line = yp_problem_to_string (g_ptr_array_index (problems, i));
      g_test_message ("%s", line);
      /* Every message names the file it is about. */
      g_assert_true (g_str_has_prefix (line, path));
    }

  for (guint i = 0; i < G_N_ELEMENTS (expected_problems); i++)
    {
      g_test_message ("expecting %s: %s", expected_problems[i].path, expected_problems[i].message);
      g_assert_true (has_problem (problems, &expected_problems[i]));
    }

  /* The valid events around the broken ones still load... */
  for (guint i = 0; i < G_N_ELEMENTS (loaded_ids); i++)
    g_assert_nonnull (yp_record_lookup_event (record, loaded_ids[i]));
  g_assert_cmpuint (g_list_model_get_n_items (yp_record_get_events (record)), ==, G_N_ELEMENTS (loaded_ids));
  /* ... the broken ones are skipped, each with a line saying so ... */
  for (guint i = 0; i < G_N_ELEMENTS (skipped_ids); i++)
    {
      g_autofree char *msg = g_strdup_printf ("event “%s” skipped", skipped_ids[i]);
      gboolean found = FALSE;

      g_assert_null (yp_record_lookup_event (record, skipped_ids[i]));
      for (guint j = 0; j < problems->len && !found; j++)
        found = g_str_equal (((YpProblem *) g_ptr_array_index (problems, j))->message, msg);
      g_assert_true (found);
    }
  /* ... and a citation of a missing seed is dropped, not the event. */
  g_assert_cmpuint (yp_event_get_n_citations (yp_record_lookup_event (record, "missing-seed-and-good")), ==, 1);
  /* Sources that failed are not in the model; the good one is. */
  g_assert_cmpuint (g_list_model_get_n_items (yp_record_get_sources (record)), ==, 1);
}

/* Paths in messages are built on the stack when short and on the heap
 * when not: both come out whole. */
static void
test_long_paths (void)
{
  g_autofree char *name = g_strnfill (200, 'x');
  g_autofree char *json = g_strdup_printf (
    "{\"format\": \"yeonpyo-timeline\", \"version\": 1, \"title\": {\"ko\": \"t\", \"en\": \"t\"},"
    " \"sources\": [], \"events\": [{\"%s\": 1, \"x\": 2, \"id\": \"e1\", \"date\": \"2023-11-17\","
    " \"precision\": \"day\", \"timezone\": \"UTC\", \"title\": {\"ko\": \"가\", \"en\": \"a\"},"
    " \"summary\": {\"ko\": \"나\", \"en\": \"b\"}, \"citations\": [], \"actors\": [\"nobody\"]}]}", name);
  g_autofree char *long_path = g_strdup_printf ("events[0].%s", name);
  g_autoptr(GError) error = NULL;
  g_autoptr(YpRecord) record = yp_yeonpyo_reader_load_data ("mem.json", json, strlen (json), NULL, &error);
  const Expected expected[] = {
    { long_path, YP_SEVERITY_WARNING, "unknown member" },
    { "events[0].x", YP_SEVERITY_WARNING, "unknown member “x” ignored" },
    { "events[0].actors[0]", YP_SEVERITY_ERROR, "unknown actor id “nobody”" },
  };

  g_assert_no_error (error);
  g_assert_nonnull (record);
  for (guint i = 0; i < yp_record_get_problems (record)->len; i++)
    {
      g_autofree char *line = yp_problem_to_string (g_ptr_array_index (yp_record_get_problems (record), i));
      g_test_message ("%s", line);
    }
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_test_message ("expecting %s: %s", expected[i].path, expected[i].message);
      g_assert_true (has_problem (yp_record_get_problems (record), &expected[i]));
    }
}

static void
test_fatal_files (void)
{
  struct { const char *file; const char *message; } cases[] = {
    { "truncated.json", "truncated.json:1:91: expected a value" },
    { "wrong-format.json", "not a Yeonpyo timeline" },
    { "newer-version.json", "format version 7 is not supported" },
    { "not-an-object.json", "the top level is an array" },
    { "empty.json", "the file is empty" },
    { "nul-byte.json", "a NUL byte" },
    { "bad-utf8.json", "not valid UTF-8" },
    { "no-such-file.json", "cannot read the file" },
    { ".", "is a folder" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", cases[i].file, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(YpRecord) record = yp_yeonpyo_reader_load_file (path, NULL, &error);

      g_test_message ("%s: %s", cases[i].file, error ? error->message : "(no error)");
      g_assert_null (record);
      g_assert_nonnull (error);
      g_assert_true (g_str_has_prefix (error->message, path));
      g_assert_nonnull (strstr (error->message, cases[i].message));
    }
}

static void
test_inputs_listed (void)
{
  g_autofree char *path = yp_test_shipped_path ();
  g_autoptr(GPtrArray) inputs = NULL;
  g_autoptr(YpRecord) record = yp_yeonpyo_reader_load_file (path, &inputs, NULL);

  g_assert_nonnull (record);
  g_assert_nonnull (inputs);
  /* The timeline file, then its five sources. */
  g_assert_cmpuint (inputs->len, ==, 6);
  g_assert_true (g_str_has_suffix (g_ptr_array_index (inputs, 0), "timeline.json"));
  for (guint i = 0; i < inputs->len; i++)
    {
      g_assert_true (g_path_is_absolute (g_ptr_array_index (inputs, i)));
      g_assert_true (g_file_test (g_ptr_array_index (inputs, i), G_FILE_TEST_IS_REGULAR));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/loader/shipped/loads-cleanly", test_shipped_loads_cleanly);
  g_test_add_func ("/loader/shipped/quotes-at-offsets", test_shipped_quotes_at_offsets);
  g_test_add_func ("/loader/shipped/every-source-cited", test_shipped_every_source_cited);
  g_test_add_func ("/loader/shipped/dates-and-languages", test_shipped_dates_and_languages);
  g_test_add_func ("/loader/shipped/body-leaves-out-furniture", test_shipped_body_leaves_out_furniture);
  g_test_add_func ("/loader/broken-events", test_broken_events);
  g_test_add_func ("/loader/fatal-files", test_fatal_files);
  g_test_add_func ("/loader/long-paths", test_long_paths);
  g_test_add_func ("/loader/inputs-listed", test_inputs_listed);
  return g_test_run ();
}
