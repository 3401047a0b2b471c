/* test-search.c: search over events and passages, and hostile queries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "yp-cache.h"
#include "yp-search.h"

static YpRecord *
load_cached (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "timeline.json", NULL);
  g_autoptr(GError) error = NULL;
  YpRecord *record = yp_cache_load (path, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (yp_record_get_cache_path (record));
  return record;
}

static gboolean
has_result (GPtrArray          *results,
            YpSearchResultKind  kind,
            const char         *id)
{
  for (guint i = 0; i < results->len; i++)
    {
      YpSearchResult *r = g_ptr_array_index (results, i);
      if (yp_search_result_get_kind (r) == kind && g_str_equal (yp_search_result_get_id (r), id))
        return TRUE;
    }
  return FALSE;
}

static void
test_build_match (void)
{
  g_autoptr(GPtrArray) shorts = NULL;
  g_autofree char *m1 = yp_search_build_match ("알트먼 MS 이사회", &shorts);
  g_autofree char *m2 = NULL;
  g_autofree char *m3 = NULL;
  g_autofree char *like = yp_search_like_pattern ("50%_a\\b");

  /* Long terms are quoted strings joined by AND; short ones go apart. */
  g_assert_cmpstr (m1, ==, "\"알트먼\" AND \"이사회\"");
  g_assert_cmpuint (shorts->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (shorts, 0), ==, "MS");
  g_clear_pointer (&shorts, g_ptr_array_unref);

  m2 = yp_search_build_match ("say \"hi\" OR NOT*", &shorts);
  g_assert_cmpstr (m2, ==, "\"say\" AND \"\"\"hi\"\"\" AND \"NOT*\"");
  g_assert_cmpuint (shorts->len, ==, 1);
  g_clear_pointer (&shorts, g_ptr_array_unref);

  m3 = yp_search_build_match ("   \t ", &shorts);
  g_assert_null (m3);
  g_assert_cmpuint (shorts->len, ==, 0);

  g_assert_cmpstr (like, ==, "%50\\%\\_a\\\\b%");
}

static void
test_korean_inside_word_phrase (void)
{
  g_autoptr(YpRecord) record = load_cached ();
  g_autoptr(YpSearch) search = yp_search_new (record);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = NULL;
  gboolean found_particle = FALSE;

  g_assert_true (yp_search_uses_index (search));
  results = yp_search_run (search, "알트먼", 500, &error);
  g_assert_no_error (error);
  /* "알트먼을", "알트먼이", ... are found by "알트먼". */
  for (guint i = 0; i < results->len; i++)
    {
      YpSearchResult *r = g_ptr_array_index (results, i);
      const char *snippet = yp_search_result_get_snippet (r);

      g_assert_nonnull (strstr (snippet, "알트먼"));
      if (strstr (snippet, "알트먼을") != NULL)
        found_particle = TRUE;
    }
  g_assert_true (found_particle);
  g_assert_true (has_result (results, YP_SEARCH_RESULT_PASSAGE, "repost-20231118"));
  g_assert_true (has_result (results, YP_SEARCH_RESULT_EVENT, "altman-removed"));
}

static void
test_spans_and_offsets (void)
{
  g_autoptr(YpRecord) record = load_cached ();
  g_autoptr(YpSearch) search = yp_search_new (record);
  g_autoptr(GPtrArray) results = yp_search_run (search, "murati", 100, NULL);
  guint passages = 0;

  g_assert_nonnull (results);
  g_assert_cmpuint (results->len, >, 0);
  for (guint i = 0; i < results->len; i++)
    {
      YpSearchResult *r = g_ptr_array_index (results, i);
      const char *snippet = yp_search_result_get_snippet (r);
      guint n_spans;
      const guint *spans = yp_search_result_get_spans (r, &n_spans);

      g_assert_cmpuint (n_spans, >=, 1);
      for (guint s = 0; s < n_spans; s++)
        {
          const char *a = g_utf8_offset_to_pointer (snippet, spans[2 * s]);
          const char *b = g_utf8_offset_to_pointer (snippet, spans[2 * s + 1]);
          /* The span holds the term, whatever its case. */
          g_assert_cmpint (g_ascii_strncasecmp (a, "murati", b - a), ==, 0);
          g_assert_cmpint (b - a, ==, 6);
        }
      if (yp_search_result_get_kind (r) == YP_SEARCH_RESULT_PASSAGE)
        {
          YpSource *source = yp_record_lookup_source (record, yp_search_result_get_id (r));
          const char *body = yp_source_get_body_text (source);
          const char *a = g_utf8_offset_to_pointer (body, yp_search_result_get_body_start (r));
          const char *b = g_utf8_offset_to_pointer (body, yp_search_result_get_body_end (r));

          g_assert_cmpint (g_ascii_strncasecmp (a, "murati", b - a), ==, 0);
          passages++;
        }
    }
  g_assert_cmpuint (passages, ==, 0);  /* the articles write 무라티 */
}

static void
test_events_before_passages (void)
{
  g_autoptr(YpRecord) record = load_cached ();
  g_autoptr(YpSearch) search = yp_search_new (record);
  g_autoptr(GPtrArray) results = yp_search_run (search, "코덱스", 100, NULL);
  gboolean seen_passage = FALSE;

  g_assert_cmpuint (results->len, >, 2);
  for (guint i = 0; i < results->len; i++)
    {
      YpSearchResult *r = g_ptr_array_index (results, i);
      if (yp_search_result_get_kind (r) == YP_SEARCH_RESULT_PASSAGE)
        seen_passage = TRUE;
      else
        g_assert_false (seen_passage);
    }
  g_assert_true (seen_passage);
}

static void
test_short_terms_and_all_terms (void)
{
  g_autoptr(YpRecord) record = load_cached ();
  g_autoptr(YpSearch) search = yp_search_new (record);
  g_autoptr(GPtrArray) ms = yp_search_run (search, "MS", 200, NULL);
  g_autoptr(GPtrArray) both = yp_search_run (search, "MS 주가", 200, NULL);
  g_autoptr(GPtrArray) none = yp_search_run (search, "MS 존재하지않는말", 200, NULL);

  /* Two letters: below trigram length, still found. */
  g_assert_cmpuint (ms->len, >, 0);
  /* Every term must be there: fewer results with more terms. */
  g_assert_cmpuint (both->len, >, 0);
  g_assert_cmpuint (both->len, <, ms->len);
  g_assert_cmpuint (none->len, ==, 0);
}

static void
test_memory_fallback_agrees (void)
{
  g_autoptr(YpRecord) record = load_cached ();
  g_autoptr(YpSearch) indexed = yp_search_new (record);
  g_autoptr(YpRecord) plain = load_cached ();
  g_autoptr(YpSearch) scanned = NULL;
  const char *queries[] = { "알트먼", "Microsoft", "7주", "board", "MS" };

  yp_record_set_cache_path (plain, NULL);
  scanned = yp_search_new (plain);
  g_assert_false (yp_search_uses_index (scanned));
  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autoptr(GPtrArray) a = yp_search_run (indexed, queries[q], 1000, NULL);
      g_autoptr(GPtrArray) b = yp_search_run (scanned, queries[q], 1000, NULL);

      /* The same results, maybe in another order. */
      g_test_message ("%s: %u / %u", queries[q], a->len, b->len);
      g_assert_cmpuint (a->len, ==, b->len);
      for (guint i = 0; i < a->len; i++)
        {
          YpSearchResult *r = g_ptr_array_index (a, i);
          g_assert_true (has_result (b, yp_search_result_get_kind (r), yp_search_result_get_id (r)));
        }
    }
}

/* Anything a user can type is searched as text: results or none, never an
 * error, never a crash. */
static const char *hostile[] = {
  "\"", "\"\"", "\"\"\"", "'", "''", "'; DROP TABLE events; --", "\" OR 1=1 --",
  "*", "**", "***", "a*", "알트*", "(", ")", "((((", "))))", "(알트먼", "알트먼)",
  "AND", "OR", "NOT", "NEAR", "NEAR(a b, 2)", "alt AND", "OR OR OR", "NOT NOT",
  "title_ko:알트먼", "{title_en}:x", "^start", "-minus", "+plus", "col:", ":",
  "%", "%%%", "_", "___", "\\", "\\\\\\", "a\\%b", "\t\n", "\u00a0알트먼\u00a0",
  "😀", "😀😀😀", "\u200b\u200b\u200b", "null", "NULL", "0x00", "\x01\x02\x03",
  "SELECT * FROM sources", "\"알트먼\" AND \"", "알트먼 AND OR NOT ( ) * :",
  "𠜎𠜱𠝹", "ｆｕｌｌｗｉｄｔｈ", "ÀÉÎÕÜ", "İstanbul", "ß",
};

static void
test_hostile_queries (void)
{
  g_autoptr(YpRecord) record = load_cached ();
  g_autoptr(YpSearch) indexed = yp_search_new (record);
  g_autoptr(YpRecord) plain = load_cached ();
  g_autoptr(YpSearch) scanned = NULL;

  yp_record_set_cache_path (plain, NULL);
  scanned = yp_search_new (plain);
  g_assert_cmpuint (G_N_ELEMENTS (hostile), >=, 30);
  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) a = yp_search_run (indexed, hostile[i], 100, &error);
      g_autoptr(GPtrArray) b = yp_search_run (scanned, hostile[i], 100, NULL);

      g_test_message ("%s → %u results", hostile[i], a ? a->len : 0);
      g_assert_no_error (error);
      g_assert_nonnull (a);
      g_assert_nonnull (b);
      g_assert_cmpuint (a->len, ==, b->len);
    }
  /* A quote in a term is a literal quote: the articles have some. */
  {
    g_autoptr(GPtrArray) q = yp_search_run (indexed, "\"이제", 10, NULL);
    g_assert_cmpuint (q->len, >, 0);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/search/build-match", test_build_match);
  g_test_add_func ("/search/korean-inside-word-phrase", test_korean_inside_word_phrase);
  g_test_add_func ("/search/spans-and-offsets", test_spans_and_offsets);
  g_test_add_func ("/search/events-before-passages", test_events_before_passages);
  g_test_add_func ("/search/short-terms-and-all-terms", test_short_terms_and_all_terms);
  g_test_add_func ("/search/memory-fallback-agrees", test_memory_fallback_agrees);
  g_test_add_func ("/search/hostile-queries", test_hostile_queries);
  return g_test_run ();
}
