/* test-event.c: events keep their strings and citations compactly, and
 * correctly, whatever outlives what
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "yp-yeonpyo-reader.h"
#include "yp-record.h"
#include "yp-str-pool.h"

static void
test_pool_interns (void)
{
  g_autoptr(YpStrPool) pool = yp_str_pool_new ();
  char a[] = "governance", b[] = "governance";
  const char *x, *y, *z;

  g_assert_null (yp_str_pool_intern (pool, NULL));
  x = yp_str_pool_intern (pool, a);
  y = yp_str_pool_intern (pool, b);
  z = yp_str_pool_intern (pool, "people");
  /* Equal strings from different places give the pool's one copy. */
  g_assert_true (x == y);
  g_assert_true (x != a && x != b);
  g_assert_cmpstr (x, ==, "governance");
  g_assert_cmpstr (z, ==, "people");
  g_assert_true (yp_str_pool_intern (pool, "") == yp_str_pool_intern (pool, ""));
  g_assert_cmpstr (yp_str_pool_intern (pool, ""), ==, "");

  /* The copy does not depend on the string it came from. */
  a[0] = 'G';
  g_assert_cmpstr (yp_str_pool_intern (pool, "governance"), ==, "governance");
}

/* Many strings of odd lengths, a few larger than a block, and aligned
 * allocations in between: everything stays where it was, intact. */
static void
test_pool_blocks (void)
{
  g_autoptr(YpStrPool) pool = yp_str_pool_new ();
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) got = g_ptr_array_new ();
  g_autoptr(GPtrArray) words = g_ptr_array_new ();

  for (guint i = 0; i < 20000; i++)
    {
      char *s = i % 997 == 0 ? g_strnfill (300000 + i, 'a' + i % 26) : g_strdup_printf ("s%u-%*s", i, i % 13, "");
      gint64 *word = yp_str_pool_alloc (pool, sizeof (gint64) * (1 + i % 3));

      g_assert_cmpuint (GPOINTER_TO_SIZE (word) % G_ALIGNOF (gint64), ==, 0);
      g_assert_cmpuint (GPOINTER_TO_SIZE (word) % G_ALIGNOF (gpointer), ==, 0);
      *word = i;
      g_ptr_array_add (words, word);
      g_ptr_array_add (got, (gpointer) yp_str_pool_intern (pool, s));
      g_ptr_array_add (expected, s);
    }
  for (guint i = 0; i < expected->len; i++)
    {
      g_assert_cmpstr (g_ptr_array_index (got, i), ==, g_ptr_array_index (expected, i));
      g_assert_cmpint (*(gint64 *) g_ptr_array_index (words, i), ==, i);
    }
  /* Blocks, not an allocation per string: well under twice the bytes. */
  g_assert_cmpuint (yp_str_pool_get_size (pool), >, 20 * 300000);
  g_assert_cmpuint (yp_str_pool_get_size (pool), <, 2 * (21 * 310000 + 20000 * 40));
}

static const YpCitationInfo citations[] = {
  { "g1", "The board met today to discuss a change of leadership.", 0, 54, 3, 57 },
  { "g2", "이사회는 오늘 회의를 열고 경영진 교체를 논의했다.", 60, 87, 61, 88 },
};
static const char * const actors[] = { "altman", "board", NULL };

static YpEventInfo
full_info (const char *id,
           guint       position)
{
  return (YpEventInfo) {
    .id = id,
    .date = "2023-11",
    .precision = YP_PRECISION_APPROXIMATE,
    .timezone = "America/Los_Angeles",
    .earliest = "2023-11-01",
    .latest = "2023-11-30",
    .start = 1698822000,
    .end = 1701417600,
    .anchor = 1700119800,
    .date_note = { (char *) "11월 중", (char *) "mid-November" },
    .title = { (char *) "이사회 회의", (char *) "Board meeting" },
    .summary = { (char *) "요약", (char *) "A summary" },
    .actors = actors,
    .category = "governance",
    .era = "crisis",
    .status = "unconfirmed",
    .publication_of = "g5",
    .position = position,
    .citations = citations,
    .n_citations = G_N_ELEMENTS (citations),
  };
}

static void
assert_citation (const YpCitationInfo *want,
                 const YpCitationInfo *info,
                 YpCitation           *object)
{
  g_assert_cmpstr (info->source_id, ==, want->source_id);
  g_assert_cmpstr (info->quote, ==, want->quote);
  g_assert_cmpuint (info->body_start, ==, want->body_start);
  g_assert_cmpuint (info->body_end, ==, want->body_end);
  g_assert_cmpuint (info->raw_start, ==, want->raw_start);
  g_assert_cmpuint (info->raw_end, ==, want->raw_end);

  g_assert_cmpstr (yp_citation_get_source_id (object), ==, want->source_id);
  g_assert_cmpstr (yp_citation_get_quote (object), ==, want->quote);
  g_assert_cmpuint (yp_citation_get_body_start (object), ==, want->body_start);
  g_assert_cmpuint (yp_citation_get_body_end (object), ==, want->body_end);
  g_assert_cmpuint (yp_citation_get_raw_start (object), ==, want->raw_start);
  g_assert_cmpuint (yp_citation_get_raw_end (object), ==, want->raw_end);
}

static void
assert_event (YpEvent           *event,
              const YpEventInfo *info)
{
  const char * const *a = yp_event_get_actors (event);
  guint n_actors = 0;

  g_assert_cmpstr (yp_event_get_id (event), ==, info->id);
  g_assert_cmpstr (yp_event_get_date (event), ==, info->date);
  g_assert_cmpint (yp_event_get_precision (event), ==, info->precision);
  g_assert_cmpstr (yp_event_get_timezone (event), ==, info->timezone);
  g_assert_cmpstr (yp_event_get_earliest (event), ==, info->earliest);
  g_assert_cmpstr (yp_event_get_latest (event), ==, info->latest);
  g_assert_cmpint (yp_event_get_start (event), ==, info->start);
  g_assert_cmpint (yp_event_get_end (event), ==, info->end);
  g_assert_cmpint (yp_event_get_anchor (event), ==, info->anchor);
  for (YpLang lang = YP_LANG_KO; lang <= YP_LANG_EN; lang++)
    {
      g_assert_cmpstr (yp_event_get_date_note (event, lang), ==, yp_text_get (&info->date_note, lang));
      g_assert_cmpstr (yp_event_get_title (event, lang), ==, yp_text_get (&info->title, lang));
      g_assert_cmpstr (yp_event_get_summary (event, lang), ==, yp_text_get (&info->summary, lang));
    }
  g_assert_nonnull (a);
  for (; info->actors != NULL && info->actors[n_actors] != NULL; n_actors++)
    g_assert_cmpstr (a[n_actors], ==, info->actors[n_actors]);
  g_assert_null (a[n_actors]);
  g_assert_cmpstr (yp_event_get_category (event), ==, info->category);
  g_assert_cmpstr (yp_event_get_era (event), ==, info->era);
  g_assert_cmpstr (yp_event_get_status (event), ==, info->status ? info->status : "reported");
  g_assert_cmpstr (yp_event_get_publication_of (event), ==, info->publication_of);
  g_assert_cmpuint (yp_event_get_position (event), ==, info->position);
  g_assert_cmpuint (yp_event_get_n_citations (event), ==, info->n_citations);
  for (guint i = 0; i < info->n_citations; i++)
    assert_citation (&info->citations[i], yp_event_get_citation_info (event, i),
                     yp_event_get_citation (event, i));
}

/* With a pool, without, and with the pool that events share: every
 * getter gives back what the event was made from. */
static void
test_event_getters (void)
{
  g_autoptr(YpStrPool) pool = yp_str_pool_new ();
  YpEventInfo info = full_info ("e1", 7);
  YpEventInfo bare = {
    .id = "bare", .date = "2024-01-02T03:04:05Z", .precision = YP_PRECISION_EXACT,
    .start = 100, .end = 50, .anchor = 200,
    .title = { (char *) "", (char *) "Only English" },
    .summary = { (char *) "한국어만", NULL },
  };
  g_autoptr(YpEvent) pooled = yp_event_new_with_pool (&info, pool);
  g_autoptr(YpEvent) own = yp_event_new (&info);
  g_autoptr(YpEvent) minimal = yp_event_new_with_pool (&bare, pool);

  assert_event (pooled, &info);
  assert_event (own, &info);

  /* What was not given: NULL, no actors, no citations, the default
   * status, an empty end widened to the start and the anchor kept in. */
  bare.end = bare.start;
  bare.anchor = bare.start;
  assert_event (minimal, &bare);
  g_assert_null (yp_event_get_timezone (minimal));
  g_assert_null (yp_event_get_date_note (minimal, YP_LANG_KO));
  g_assert_cmpstr (yp_event_get_title (minimal, YP_LANG_KO), ==, "Only English");
  g_assert_cmpstr (yp_event_get_summary (minimal, YP_LANG_EN), ==, "한국어만");
  g_assert_cmpstr (yp_event_get_status (minimal), ==, "reported");

  /* An object is made once per citation and kept. */
  g_assert_true (yp_event_get_citation (pooled, 1) == yp_event_get_citation (pooled, 1));
  g_assert_true (yp_event_get_citation (pooled, 0) != yp_event_get_citation (pooled, 1));
}

/* A status outside the three known ones is kept as given, and equal
 * values of two events in one pool are one string. */
static void
test_event_shares_strings (void)
{
  g_autoptr(YpStrPool) pool = yp_str_pool_new ();
  YpEventInfo info = full_info ("e1", 0);
  char category[] = "governance", quote[256];
  YpCitationInfo cite = citations[0];
  g_autoptr(YpEvent) a = NULL;
  g_autoptr(YpEvent) b = NULL;
  g_autoptr(YpEvent) c = NULL;

  a = yp_event_new_with_pool (&info, pool);
  /* The same values from other buffers. */
  g_strlcpy (quote, citations[0].quote, sizeof quote);
  cite.quote = quote;
  info.id = "e2";
  info.category = category;
  info.citations = &cite;
  info.n_citations = 1;
  info.status = "disputed";
  b = yp_event_new_with_pool (&info, pool);
  c = yp_event_new (&info);

  g_assert_true (yp_event_get_category (a) == yp_event_get_category (b));
  g_assert_true (yp_event_get_era (a) == yp_event_get_era (b));
  g_assert_true (yp_event_get_actors (a)[1] == yp_event_get_actors (b)[1]);
  g_assert_true (yp_event_get_citation_info (a, 0)->quote == yp_event_get_citation_info (b, 0)->quote);
  g_assert_cmpstr (yp_event_get_status (b), ==, "disputed");
  g_assert_cmpstr (yp_event_get_status (c), ==, "disputed");
  assert_event (b, &info);
  assert_event (c, &info);
  /* Copies, not the caller's buffers. */
  g_assert_true (yp_event_get_category (b) != category);
  g_assert_true (yp_event_get_category (c) != category);
  g_assert_true (yp_event_get_citation_info (c, 0)->quote != quote);
}

/* An event keeps its pool alive: after the record, the loader's pool and
 * every other event are gone, its strings and citations are still right
 * (under the sanitizer a freed block would be caught here). */
static void
test_event_outlives_record (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "timeline.json", NULL);
  g_autoptr(YpRecord) record = yp_yeonpyo_reader_load_file (path, NULL, &error);
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) quotes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) categories = g_ptr_array_new_with_free_func (g_free);
  GListModel *events;
  guint n;

  g_assert_no_error (error);
  events = yp_record_get_events (record);
  n = g_list_model_get_n_items (events);
  g_assert_cmpuint (n, >, 2);
  /* The first and the last event, one citation object made before. */
  for (guint i = 0; i < n; i += n - 1)
    {
      g_autoptr(YpEvent) e = g_list_model_get_item (events, i);

      g_assert_cmpuint (yp_event_get_n_citations (e), >=, 1);
      g_ptr_array_add (kept, g_object_ref (e));
      g_ptr_array_add (ids, g_strdup (yp_event_get_id (e)));
      g_ptr_array_add (titles, g_strdup (yp_event_get_title (e, YP_LANG_EN)));
      g_ptr_array_add (categories, g_strdup (yp_event_get_category (e)));
      g_ptr_array_add (sources, g_strdup (yp_event_get_citation_info (e, 0)->source_id));
      g_ptr_array_add (quotes, g_strdup (yp_citation_get_quote (yp_event_get_citation (e, 0))));
    }
  g_clear_object (&record);

  for (guint i = 0; i < kept->len; i++)
    {
      YpEvent *e = g_ptr_array_index (kept, i);
      YpCitation *made;

      g_assert_cmpuint (G_OBJECT (e)->ref_count, ==, 1);
      g_assert_cmpstr (yp_event_get_id (e), ==, g_ptr_array_index (ids, i));
      g_assert_cmpstr (yp_event_get_title (e, YP_LANG_EN), ==, g_ptr_array_index (titles, i));
      g_assert_cmpstr (yp_event_get_category (e), ==, g_ptr_array_index (categories, i));
      g_assert_cmpstr (yp_event_get_citation_info (e, 0)->source_id, ==, g_ptr_array_index (sources, i));
      made = yp_event_get_citation (e, 0);
      g_assert_cmpstr (yp_citation_get_quote (made), ==, g_ptr_array_index (quotes, i));
      g_assert_cmpstr (yp_event_get_citation_info (e, 0)->quote, ==, g_ptr_array_index (quotes, i));
    }
  /* The first event goes; the last still reads its pool. */
  g_ptr_array_remove_index (kept, 0);
  g_assert_cmpstr (yp_event_get_id (g_ptr_array_index (kept, 0)), ==, g_ptr_array_index (ids, 1));
  g_assert_cmpstr (yp_event_get_citation_info (g_ptr_array_index (kept, 0), 0)->quote, ==,
                   g_ptr_array_index (quotes, 1));
}

/* A citation object held by the caller outlives its event. */
static void
test_citation_outlives_event (void)
{
  g_autoptr(YpStrPool) pool = yp_str_pool_new ();
  YpEventInfo info = full_info ("e1", 0);
  YpEvent *event = yp_event_new_with_pool (&info, pool);
  g_autoptr(YpCitation) held = g_object_ref (yp_event_get_citation (event, 1));

  g_clear_pointer (&pool, yp_str_pool_unref);
  g_object_unref (event);
  g_assert_cmpstr (yp_citation_get_quote (held), ==, citations[1].quote);
  g_assert_cmpstr (yp_citation_get_source_id (held), ==, "g2");
}

/* Citations added one by one, as a program building events by hand does:
 * the event is repacked, what it held before is unchanged, and an object
 * handed out before stays valid. */
static void
test_event_add_citation (void)
{
  g_autoptr(YpStrPool) pool = yp_str_pool_new ();
  YpEventInfo info = full_info ("e1", 3);
  YpEventInfo none = info;
  g_autoptr(YpEvent) pooled = NULL;
  g_autoptr(YpEvent) own = NULL;

  none.citations = NULL;
  none.n_citations = 0;
  pooled = yp_event_new_with_pool (&none, pool);
  own = yp_event_new (&none);
  for (guint i = 0; i < G_N_ELEMENTS (citations); i++)
    {
      g_autoptr(YpCitation) c = yp_citation_new_from_info (&citations[i]);
      YpCitation *before = i > 0 ? yp_event_get_citation (pooled, 0) : NULL;

      yp_event_add_citation (pooled, c);
      yp_event_add_citation (own, c);
      if (before != NULL)
        {
          g_assert_true (yp_event_get_citation (pooled, 0) == before);
          g_assert_cmpstr (yp_citation_get_quote (before), ==, citations[0].quote);
        }
    }
  assert_event (pooled, &info);
  assert_event (own, &info);
}

/* One event's texts past what 16-bit offsets reach. */
static void
test_event_long_texts (void)
{
  g_autofree char *long_summary = g_strnfill (200000, 'x');
  g_autofree char *long_title = g_strnfill (70000, 'y');
  g_autoptr(YpStrPool) pool = yp_str_pool_new ();
  YpEventInfo info = full_info ("long", 0);
  g_autoptr(YpEvent) event = NULL;

  info.title.en = long_title;
  info.summary.ko = long_summary;
  event = yp_event_new_with_pool (&info, pool);
  assert_event (event, &info);
  g_assert_cmpuint (strlen (yp_event_get_summary (event, YP_LANG_KO)), ==, 200000);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/event/pool-interns", test_pool_interns);
  g_test_add_func ("/event/pool-blocks", test_pool_blocks);
  g_test_add_func ("/event/getters", test_event_getters);
  g_test_add_func ("/event/shares-strings", test_event_shares_strings);
  g_test_add_func ("/event/outlives-record", test_event_outlives_record);
  g_test_add_func ("/event/citation-outlives-event", test_citation_outlives_event);
  g_test_add_func ("/event/add-citation", test_event_add_citation);
  g_test_add_func ("/event/long-texts", test_event_long_texts);

  return g_test_run ();
}
