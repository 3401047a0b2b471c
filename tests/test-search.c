/* test-search.c: search over events and passages, and hostile queries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <sqlite3.h>

#include "yp-cache.h"
#include "yp-event-list.h"
#include "yp-search.h"
#include "yp-event-list-private.h"
#include "yp-search-private.h"
#include "yp-test-util.h"

/* The same record with everything in memory and no cache: it is
 * searched by scanning its texts. */
static YpRecord *
record_in_memory (YpRecord *record)
{
  YpRecord *copy = yp_record_new ();
  GListModel *lists[] = { yp_record_get_sources (record), yp_record_get_events (record) };

  for (guint l = 0; l < 2; l++)
    {
      g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < g_list_model_get_n_items (lists[l]); i++)
        g_ptr_array_add (items, g_list_model_get_item (lists[l], i));
      if (l == 0)
        yp_record_set_sources (copy, items);
      else
        yp_record_set_events (copy, items);
    }
  return copy;
}

static YpRecord *
load_cached (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "timeline.json", NULL);
  g_autoptr(GError) error = NULL;
  YpRecord *record = yp_cache_load (path, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (yp_test_record_cache_path (record));
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

/* A generated timeline of @n events, one a day, through the cache. Every
 * summary says "이사회" once, event @twice's twice; the events @special (a
 * G_MAXUINT-ended list) also have it in their title, and event @triple
 * three times there. Events @note_a and @note_b alone hold the
 * two-character word "쪽지". Every title holds "Memo" or "memo". The
 * first event's English summary is @summary_en_0 when not NULL. */
static YpRecord *
load_generated (guint        n,
                const guint *special,
                guint        triple,
                guint        twice,
                guint        note_a,
                guint        note_b,
                const char  *summary_en_0)
{
  g_autofree char *dir = g_dir_make_tmp ("yp-search-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "timeline.json", NULL);
  g_autofree char *seed = g_build_filename (dir, "s.txt", NULL);
  g_autoptr(GString) json = g_string_new ("{\"format\": \"yeonpyo-timeline\", \"version\": 1,"
                                          " \"title\": {\"ko\": \"생성\", \"en\": \"Generated\"},"
                                          " \"sources\": [{\"id\": \"s\", \"file\": \"s.txt\","
                                          " \"language\": \"ko\", \"body\": [[1, 1]]}], \"eras\": [{\"id\": \"all\","
                                          " \"name\": {\"ko\": \"전체\", \"en\": \"All\"},"
                                          " \"start\": \"2020-01-01\", \"end\": \"2029-12-31\", \"timezone\": \"UTC\"}],"
                                          " \"events\": [");
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) day0 = g_date_time_new_utc (2020, 1, 1, 0, 0, 0);
  YpRecord *record;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GDateTime) day = g_date_time_add_days (day0, i);
      g_autofree char *date = g_date_time_format (day, "%Y-%m-%d");
      g_autofree char *summary_en = i == 0 && summary_en_0 ? g_strdup (summary_en_0)
                                                           : g_strdup_printf ("Record %05u", i);
      const char *title = "사건";
      const char *word = i == twice ? "이사회" : i == note_a || i == note_b ? "쪽지" : "메모";
      gboolean in_title = FALSE;

      for (guint k = 0; special[k] != G_MAXUINT; k++)
        in_title = in_title || special[k] == i;
      if (i == triple)
        title = "이사회 이사회 이사회";
      else if (in_title)
        title = "이사회 사건";
      /* Ids, titles and summaries of one length, so that only where and
       * how often the term is tells the events apart. */
      g_string_append_printf (json,
                              "%s{\"id\": \"e%05u\", \"date\": \"%s\", \"precision\": \"day\","
                              " \"timezone\": \"UTC\", \"category\": \"people\", \"era\": \"all\", \"citations\": [{\"source\": \"s\", \"quote\": \"출처의 문장.\"}],"
                              " \"title\": {\"ko\": \"%s %05u\", \"en\": \"%s %05u\"},"
                              " \"summary\": {\"ko\": \"이사회 %s 기록 %05u\", \"en\": \"%s\"}}",
                              i ? ", " : "", i, date, title, i, i % 2 ? "Memo" : "memo", i, word, i, summary_en);
    }
  g_string_append (json, "]}");
  g_file_set_contents (seed, "출처의 문장.", -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (path, json->str, json->len, &error);
  g_assert_no_error (error);
  record = yp_cache_load (path, dir, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (yp_test_record_cache_path (record));
  g_assert_cmpuint (g_list_model_get_n_items (yp_record_get_events (record)), ==, n);
  return record;
}

static guint
event_position (YpRecord       *record,
                YpSearchResult *result)
{
  YpEvent *event = yp_record_lookup_event (record, yp_search_result_get_id (result));

  g_assert_nonnull (event);
  return yp_record_get_event_position (record, event);
}

static void
test_build_match (void)
{
  g_autoptr(GPtrArray) shorts = NULL;
  g_autofree char *m1 = yp_search_build_match ("알트먼 MS 이사회", &shorts);
  g_autofree char *m2 = NULL;
  g_autofree char *m3 = NULL;
  g_autofree char *m4 = NULL;
  g_autofree char *like = yp_search_like_pattern ("50%_a\\b");

  /* Long terms are quoted strings joined by AND; short ones go apart. */
  g_assert_cmpstr (m1, ==, "\"알트먼\" AND \"이사회\"");
  g_assert_cmpuint (shorts->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (shorts, 0), ==, "MS");
  g_clear_pointer (&shorts, g_ptr_array_unref);

  /* Longer ones, as the trigrams that cover them: every third, and the
   * last; a quote inside is doubled. */
  m2 = yp_search_build_match ("say \"hi\" OR NOT*", &shorts);
  g_assert_cmpstr (m2, ==, "\"say\" AND \"\"\"hi\" AND \"hi\"\"\" AND \"NOT\" AND \"OT*\"");
  g_assert_cmpuint (shorts->len, ==, 1);
  g_clear_pointer (&shorts, g_ptr_array_unref);

  m3 = yp_search_build_match ("   \t ", &shorts);
  g_assert_null (m3);
  g_assert_cmpuint (shorts->len, ==, 0);

  m4 = yp_search_build_match ("Microsoft 마이크로소프트", NULL);
  g_assert_cmpstr (m4, ==, "\"Mic\" AND \"ros\" AND \"oft\" AND \"마이크\" AND \"로소프\" AND \"소프트\"");

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
  g_autoptr(YpRecord) cached = load_cached ();
  g_autoptr(YpRecord) plain = record_in_memory (cached);
  g_autoptr(YpSearch) scanned = NULL;
  const char *queries[] = { "알트먼", "Microsoft", "7주", "board", "MS" };

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

/* Thousands of events match: still the best first. Three times counts
 * more than once, and a title counts twice: once in the title and once in
 * the summary is more than twice in the summary. */
static void
test_rank_large_set (void)
{
  const guint special[] = { 3, 700, 1498, G_MAXUINT };
  g_autoptr(YpRecord) record = load_generated (1500, special, 1200, 20, 10, 1499, NULL);
  g_autoptr(YpSearch) search = yp_search_new (record);
  g_autoptr(GPtrArray) top = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_true (yp_search_uses_index (search));
  top = yp_search_run (search, "이사회", 5, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (top->len, ==, 5);
  g_assert_cmpuint (event_position (record, g_ptr_array_index (top, 0)), ==, 1200);
  for (guint i = 1; i < 4; i++)
    {
      guint pos = event_position (record, g_ptr_array_index (top, i));

      g_assert_true (pos == 3 || pos == 700 || pos == 1498);
    }
  /* Equal ranks come in timeline order. */
  g_assert_cmpuint (event_position (record, g_ptr_array_index (top, 1)), <,
                    event_position (record, g_ptr_array_index (top, 2)));
  g_assert_cmpuint (event_position (record, g_ptr_array_index (top, 2)), <,
                    event_position (record, g_ptr_array_index (top, 3)));
  g_assert_cmpuint (event_position (record, g_ptr_array_index (top, 4)), ==, 20);

  /* The limit is the limit, and without one every event comes, once. */
  for (guint limit = 1; limit <= 1024; limit *= 4)
    {
      g_autoptr(GPtrArray) some = yp_search_run (search, "이사회", limit, NULL);
      g_assert_cmpuint (some->len, ==, limit);
    }
  all = yp_search_run (search, "이사회", 5000, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 1500);
  for (guint i = 0; i < all->len; i++)
    g_assert_true (g_hash_table_add (seen, (gpointer) yp_search_result_get_id (g_ptr_array_index (all, i))));
  /* Below those five, the ranks are equal: timeline order. */
  for (guint i = 6; i < all->len; i++)
    g_assert_cmpuint (event_position (record, g_ptr_array_index (all, i - 1)), <,
                      event_position (record, g_ptr_array_index (all, i)));
}

/* A title the same in both languages, which the index's texts keep once,
 * still counts in both: "이사회" once in such a title (two titles, each
 * weighing two) ranks above three times in a longer event's summary;
 * counted in one title only, it would rank below. */
static void
test_rank_shared_title (void)
{
  g_autofree char *dir = g_dir_make_tmp ("yp-search-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "timeline.json", NULL);
  g_autofree char *seed = g_build_filename (dir, "s.txt", NULL);
  const char *json =
    "{\"format\": \"yeonpyo-timeline\", \"version\": 1, \"title\": {\"ko\": \"생성\", \"en\": \"Generated\"},"
    " \"sources\": [{\"id\": \"s\", \"file\": \"s.txt\", \"language\": \"ko\", \"body\": [[1, 1]]}],"
    " \"eras\": [{\"id\": \"all\", \"name\": {\"ko\": \"전체\", \"en\": \"All\"}, \"start\": \"2020-01-01\","
    " \"end\": \"2029-12-31\", \"timezone\": \"UTC\"}], \"events\": ["
    "{\"id\": \"summary\", \"date\": \"2020-01-01\", \"precision\": \"day\", \"timezone\": \"UTC\","
    " \"category\": \"people\", \"era\": \"all\", \"citations\": [{\"source\": \"s\", \"quote\": \"출처의 문장.\"}],"
    " \"title\": {\"ko\": \"안건\", \"en\": \"Agenda\"},"
    " \"summary\": {\"ko\": \"이사회 이사회 이사회\", \"en\": \"Record\"}},"
    "{\"id\": \"title\", \"date\": \"2020-01-02\", \"precision\": \"day\", \"timezone\": \"UTC\","
    " \"category\": \"people\", \"era\": \"all\", \"citations\": [{\"source\": \"s\", \"quote\": \"출처의 문장.\"}],"
    " \"title\": {\"ko\": \"이사회 안건\", \"en\": \"이사회 안건\"},"
    " \"summary\": {\"ko\": \"기록\", \"en\": \"Record\"}}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(YpRecord) record = NULL;
  g_autoptr(YpSearch) search = NULL;
  g_autoptr(GPtrArray) results = NULL;

  g_file_set_contents (seed, "출처의 문장.", -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (path, json, -1, &error);
  g_assert_no_error (error);
  record = yp_cache_load (path, dir, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (yp_event_list_is_lazy (YP_EVENT_LIST (yp_record_get_events (record))));
  search = yp_search_new (record);
  g_assert_true (yp_search_uses_index (search));
  results = yp_search_run (search, "이사회", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 2);
  g_assert_cmpstr (yp_search_result_get_id (g_ptr_array_index (results, 0)), ==, "title");
  g_assert_cmpstr (yp_search_result_get_id (g_ptr_array_index (results, 1)), ==, "summary");
}

/* A term too short for the index is looked for in the texts: every match
 * is found, however far apart, the search stops at the limit, and in
 * timeline order, since there is no rank to give. */
static void
test_short_terms_bounded (void)
{
  const guint special[] = { G_MAXUINT };
  g_autoptr(YpRecord) record = load_generated (1500, special, G_MAXUINT, G_MAXUINT, 10, 1499, NULL);
  g_autoptr(YpSearch) search = yp_search_new (record);
  g_autoptr(GPtrArray) notes = yp_search_run (search, "쪽지", 500, NULL);
  g_autoptr(GPtrArray) first = yp_search_run (search, "기", 7, NULL);
  g_autoptr(GPtrArray) both = yp_search_run (search, "쪽지 이사회", 500, NULL);
  g_autoptr(GPtrArray) ranked = yp_search_run (search, "기록 이사회", 3, NULL);

  g_assert_true (yp_search_uses_index (search));
  g_assert_cmpuint (notes->len, ==, 2);
  g_assert_cmpuint (event_position (record, g_ptr_array_index (notes, 0)), ==, 10);
  g_assert_cmpuint (event_position (record, g_ptr_array_index (notes, 1)), ==, 1499);
  g_assert_cmpuint (first->len, ==, 7);
  for (guint i = 0; i < first->len; i++)
    g_assert_cmpuint (event_position (record, g_ptr_array_index (first, i)), ==, i);
  /* With a long term, the short one drops what the index proposes. */
  g_assert_cmpuint (both->len, ==, 2);
  g_assert_true (has_result (both, YP_SEARCH_RESULT_EVENT, "e00010"));
  g_assert_true (has_result (both, YP_SEARCH_RESULT_EVENT, "e01499"));
  g_assert_cmpuint (ranked->len, ==, 3);
}

/* Texts that outgrow their first buffer, past the 2 MB from which they
 * are kept in huge pages (alloc_texts()): what was read before each
 * move is still found, and ranked, as what was read after it. */
static void
test_texts_past_huge_page (void)
{
  const guint special[] = { 17, 29990, G_MAXUINT };
  g_autoptr(YpRecord) record = load_generated (30000, special, G_MAXUINT, G_MAXUINT, 5, 29998, NULL);
  g_autoptr(YpSearch) search = yp_search_new (record);
  g_autoptr(GPtrArray) first = yp_search_run (search, "Record 00001", 5, NULL);
  g_autoptr(GPtrArray) last = yp_search_run (search, "Record 29999", 5, NULL);
  g_autoptr(GPtrArray) titles = yp_search_run (search, "이사회", 2, NULL);
  g_autoptr(GPtrArray) notes = yp_search_run (search, "쪽지", 5, NULL);

  g_assert_true (yp_event_list_is_lazy (YP_EVENT_LIST (yp_record_get_events (record))));
  g_assert_true (yp_search_uses_index (search));
  g_assert_cmpuint (first->len, ==, 1);
  g_assert_cmpstr (yp_search_result_get_id (g_ptr_array_index (first, 0)), ==, "e00001");
  g_assert_cmpuint (last->len, ==, 1);
  g_assert_cmpstr (yp_search_result_get_id (g_ptr_array_index (last, 0)), ==, "e29999");
  /* Ranked by the texts: the two with the term in their title first. */
  g_assert_cmpuint (titles->len, ==, 2);
  g_assert_cmpstr (yp_search_result_get_id (g_ptr_array_index (titles, 0)), ==, "e00017");
  g_assert_cmpstr (yp_search_result_get_id (g_ptr_array_index (titles, 1)), ==, "e29990");
  /* Found in the texts alone, with no index to look them up. */
  g_assert_cmpuint (notes->len, ==, 2);
  g_assert_cmpstr (yp_search_result_get_id (g_ptr_array_index (notes, 0)), ==, "e00005");
  g_assert_cmpstr (yp_search_result_get_id (g_ptr_array_index (notes, 1)), ==, "e29998");
}

/* ASCII case is ignored wherever the letters are in the term, through
 * the index as in memory. */
static void
test_ascii_case (void)
{
  g_autoptr(YpRecord) record = load_cached ();
  g_autoptr(YpSearch) search = yp_search_new (record);
  const char *pairs[][2] = {
    { "Microsoft", "mICROSOFT" }, { "챗GPT", "챗gpt" }, { "GPT", "gPt" }, { "오픈AI", "오픈ai" },
  };
  const guint special[] = { G_MAXUINT };
  g_autoptr(YpRecord) generated = load_generated (20, special, G_MAXUINT, G_MAXUINT, 0, 1, NULL);
  g_autoptr(YpSearch) generated_search = yp_search_new (generated);
  g_autoptr(GPtrArray) memo = yp_search_run (generated_search, "MEMO", 100, NULL);
  g_autoptr(GPtrArray) me = yp_search_run (generated_search, "mE", 100, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      g_autoptr(GPtrArray) a = yp_search_run (search, pairs[i][0], 1000, NULL);
      g_autoptr(GPtrArray) b = yp_search_run (search, pairs[i][1], 1000, NULL);

      g_test_message ("%s / %s: %u / %u", pairs[i][0], pairs[i][1], a->len, b->len);
      g_assert_cmpuint (a->len, >, 0);
      g_assert_cmpuint (a->len, ==, b->len);
    }
  /* "Memo" and "memo", through the index and in the texts. */
  g_assert_cmpuint (memo->len, ==, 20);
  g_assert_cmpuint (me->len, ==, 20);
}

/* The index is asked for the trigrams that cover a term, not the term:
 * what has them all but not the term is no result. */
static void
test_trigrams_are_not_the_term (void)
{
  const guint special[] = { G_MAXUINT };
  g_autoptr(YpRecord) record = load_generated (40, special, G_MAXUINT, G_MAXUINT, 2, 3,
                                               "Mic rosy, often: a microsof");
  g_autoptr(YpSearch) search = yp_search_new (record);
  g_autoptr(GPtrArray) none = yp_search_run (search, "Microsoft", 100, NULL);
  g_autoptr(GPtrArray) none_either = yp_search_run (search, "microsoft 쪽지", 100, NULL);
  g_autoptr(GPtrArray) one = yp_search_run (search, "microsof", 100, NULL);

  g_assert_true (yp_search_uses_index (search));
  g_assert_nonnull (none);
  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpuint (none_either->len, ==, 0);
  g_assert_cmpuint (one->len, ==, 1);
  g_assert_cmpstr (yp_search_result_get_id (g_ptr_array_index (one, 0)), ==, "e00000");
}

/* A cache whose index rows are not at the events' positions is not
 * trusted: it is damaged (said once, set aside to be rebuilt), and the
 * texts are searched instead, with the same results. */
static void
test_misplaced_rows (void)
{
  const guint special[] = { 5, G_MAXUINT };
  g_autoptr(YpRecord) record = load_generated (30, special, G_MAXUINT, G_MAXUINT, 2, 3, NULL);
  g_autoptr(YpSearch) before = yp_search_new (record);
  g_autoptr(YpSearch) after = NULL;
  g_autoptr(GPtrArray) a = yp_search_run (before, "이사회 쪽지", 100, NULL);
  g_autoptr(GPtrArray) b = NULL;
  sqlite3 *db = NULL;

  g_assert_true (yp_search_uses_index (before));
  g_assert_cmpint (sqlite3_open (yp_test_record_cache_path (record), &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE events_fts SET rowid = rowid + 100", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  after = yp_search_new (record);
  g_test_expect_message ("yp-cache", G_LOG_LEVEL_WARNING,
                         "The cache * is damaged (table events_fts: its rows are not at the events' positions)*");
  g_assert_false (yp_search_uses_index (after));
  g_test_assert_expected_messages ();
  g_assert_false (g_file_test (yp_test_record_cache_path (record), G_FILE_TEST_EXISTS));
  b = yp_search_run (after, "이사회 쪽지", 100, NULL);
  g_assert_cmpuint (a->len, ==, 2);
  g_assert_cmpuint (b->len, ==, 2);
  for (guint i = 0; i < a->len; i++)
    g_assert_true (has_result (b, YP_SEARCH_RESULT_EVENT, yp_search_result_get_id (g_ptr_array_index (a, i))));
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
  g_autoptr(YpRecord) cached = load_cached ();
  g_autoptr(YpRecord) plain = record_in_memory (cached);
  g_autoptr(YpSearch) scanned = NULL;

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

/* Over a cache, ranking, results and short-term scans read the index's
 * texts: no event object is made, and each event result says where its
 * event is. */
static void
test_makes_no_events (void)
{
  const guint special[] = { 5, 17, 40, G_MAXUINT };
  g_autoptr(YpRecord) record = load_generated (200, special, 17, 40, 2, 3, NULL);
  YpEventList *events = YP_EVENT_LIST (yp_record_get_events (record));
  g_autoptr(YpSearch) search = yp_search_new (record);
  const char *queries[] = { "이사회", "memo", "쪽지", "기록 00", "Record 0019" };
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  guint n_event_results = 0;

  g_assert_true (yp_event_list_is_lazy (events));
  g_assert_true (yp_search_uses_index (search));
  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      GPtrArray *results = yp_search_run (search, queries[q], 50, NULL);

      g_assert_nonnull (results);
      g_assert_cmpuint (results->len, >, 0);
      g_ptr_array_add (all, results);
    }
  g_assert_cmpuint (yp_event_list_get_n_made (events), ==, 0);

  for (guint q = 0; q < all->len; q++)
    {
      GPtrArray *results = g_ptr_array_index (all, q);

      for (guint i = 0; i < results->len; i++)
        {
          YpSearchResult *r = g_ptr_array_index (results, i);

          if (yp_search_result_get_kind (r) != YP_SEARCH_RESULT_EVENT)
            {
              g_assert_cmpuint (yp_search_result_get_position (r), ==, G_MAXUINT);
              continue;
            }
          g_assert_cmpstr (yp_event_get_id (yp_event_list_peek (events, yp_search_result_get_position (r))), ==,
                           yp_search_result_get_id (r));
          n_event_results++;
        }
    }
  g_assert_cmpuint (n_event_results, >, 10);
}

/* A record shown as parsed is searched in memory until its cache is
 * written, then through the cache's index, with the same results. */
static void
test_index_once_written (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "timeline.json", NULL);
  g_autofree char *dir = g_dir_make_tmp ("yp-search-XXXXXX", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(YpCacheWrite) write = NULL;
  g_autoptr(YpRecord) record = yp_cache_load_parsed_first (path, dir, NULL, NULL, &write, &error);
  g_autoptr(YpSearch) search = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (write);
  search = yp_search_new (record);
  before = yp_search_run (search, "알트먼", 50, &error);
  g_assert_no_error (error);
  g_assert_false (yp_search_uses_index (search));

  g_assert_true (yp_cache_write_run (write, NULL, &error));
  g_assert_no_error (error);
  yp_cache_write_finish (write);
  after = yp_search_run (search, "알트먼", 50, &error);
  g_assert_no_error (error);
  g_assert_true (yp_search_uses_index (search));

  g_assert_cmpuint (before->len, >, 3);
  g_assert_cmpuint (after->len, ==, before->len);
  for (guint i = 0; i < before->len; i++)
    g_assert_true (has_result (after, yp_search_result_get_kind (before->pdata[i]),
                               yp_search_result_get_id (before->pdata[i])));
}

/* The trigrams of a long term are found in one walk over it: the steps
 * grow with the term's length, not with its square (each trigram was
 * once found from the term's start, 6-12 s for a 100 kB paste). */
static void
test_long_term_linear (void)
{
  g_autoptr(GString) term = g_string_new (NULL);
  guint64 steps_10k = 0, steps_100k = 0;
  g_autofree char *match_10k = NULL;
  g_autofree char *match_100k = NULL;
  g_autofree char *small = NULL;
  guint64 small_steps = 0;

  /* 10,002 and 100,002 characters. */
  for (guint i = 0; i < 3334; i++)
    g_string_append (term, "알트먼");
  match_10k = yp_search_build_match_counted (term->str, NULL, &steps_10k);
  for (guint i = 3334; i < 33334; i++)
    g_string_append (term, "알트먼");
  match_100k = yp_search_build_match_counted (term->str, NULL, &steps_100k);

  g_assert_nonnull (match_10k);
  g_assert_nonnull (match_100k);
  /* A character and a trigram: at most 4/3 steps a character. */
  g_assert_cmpuint (steps_10k, <=, 10002 * 4 / 3 + 1);
  g_assert_cmpuint (steps_100k, <=, 100002 * 4 / 3 + 1);
  g_assert_cmpuint (steps_100k, <=, 11 * steps_10k);

  /* The same trigrams as ever: every third and the last. */
  small = yp_search_build_match_counted ("abcdefg", NULL, &small_steps);
  g_assert_cmpstr (small, ==, "\"abc\" AND \"def\" AND \"efg\"");
  g_assert_cmpuint (small_steps, ==, 7 + 3);
}

/* What a query may hold: a 100 kB paste is cut at YP_SEARCH_MAX_CHARS
 * characters, and what lies past the cut is not searched. */
static void
test_query_cap (void)
{
  g_autoptr(YpRecord) record = load_cached ();
  g_autoptr(YpSearch) search = yp_search_new (record);
  g_autoptr(GString) paste = g_string_new (NULL);
  g_autoptr(GString) padded = g_string_new ("알트먼");
  g_autoptr(GPtrArray) alone = NULL;
  g_autoptr(GPtrArray) capped = NULL;
  g_autoptr(GPtrArray) pasted = NULL;
  g_autofree char *cut = NULL;
  g_autofree char *short_query = NULL;

  while (paste->len < 100 * 1024)
    g_string_append (paste, "알트먼 ");
  cut = yp_search_cap_query (paste->str);
  g_assert_cmpint (g_utf8_strlen (cut, -1), ==, YP_SEARCH_MAX_CHARS);
  g_assert_true (g_str_has_prefix (paste->str, cut));
  short_query = yp_search_cap_query ("짧은 말");
  g_assert_cmpstr (short_query, ==, "짧은 말");

  /* A term past the cut that no event has does not empty the results. */
  while (g_utf8_strlen (padded->str, -1) < YP_SEARCH_MAX_CHARS)
    g_string_append_c (padded, ' ');
  g_string_append (padded, "zzzqqqxxx");
  alone = yp_search_run (search, "알트먼", 20, NULL);
  capped = yp_search_run (search, padded->str, 20, NULL);
  g_assert_cmpuint (alone->len, >, 0);
  g_assert_cmpuint (capped->len, ==, alone->len);
  for (guint i = 0; i < alone->len; i++)
    g_assert_cmpstr (yp_search_result_get_id (g_ptr_array_index (capped, i)), ==,
                     yp_search_result_get_id (g_ptr_array_index (alone, i)));

  /* The whole paste is searched as its first 256 characters. */
  pasted = yp_search_run (search, paste->str, 20, NULL);
  g_assert_cmpuint (pasted->len, ==, alone->len);
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
  g_test_add_func ("/search/rank-large-set", test_rank_large_set);
  g_test_add_func ("/search/rank-shared-title", test_rank_shared_title);
  g_test_add_func ("/search/short-terms-bounded", test_short_terms_bounded);
  g_test_add_func ("/search/texts-past-huge-page", test_texts_past_huge_page);
  g_test_add_func ("/search/ascii-case", test_ascii_case);
  g_test_add_func ("/search/trigrams-are-not-the-term", test_trigrams_are_not_the_term);
  g_test_add_func ("/search/misplaced-rows", test_misplaced_rows);
  g_test_add_func ("/search/hostile-queries", test_hostile_queries);
  g_test_add_func ("/search/makes-no-events", test_makes_no_events);
  g_test_add_func ("/search/index-once-written", test_index_once_written);
  g_test_add_func ("/search/long-term-linear", test_long_term_linear);
  g_test_add_func ("/search/query-cap", test_query_cap);
  return g_test_run ();
}
