/* test-session.c: the view state the timeline views share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "yp-yeonpyo-reader.h"
#include "yp-session.h"
#include "yp-story-scale.h"

static YpRecord *
load_shipped (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "timeline.json", NULL);
  YpRecord *record = yp_yeonpyo_reader_load_file (path, NULL, NULL);

  g_assert_nonnull (record);
  return record;
}

static void
count_cb (YpSession *session,
          guint     *count)
{
  (*count)++;
}

static void
notify_count_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_bounds_cover_data (void)
{
  g_autoptr(YpRecord) record = load_shipped ();
  g_autoptr(YpSession) session = yp_session_new (record);
  GListModel *events = yp_session_get_events (session);
  YpTimeRange bounds;
  guint n_anchors;
  const gint64 *anchors = yp_session_get_anchors (session, &n_anchors);

  yp_session_get_bounds (session, &bounds);
  g_assert_cmpuint (n_anchors, ==, g_list_model_get_n_items (events));
  for (guint i = 0; i < n_anchors; i++)
    {
      g_autoptr(YpEvent) e = g_list_model_get_item (events, i);

      g_assert_cmpint (anchors[i], ==, yp_event_get_anchor (e));
      g_assert_cmpfloat (yp_event_get_start (e), >=, bounds.start);
      g_assert_cmpfloat (yp_event_get_end (e), <=, bounds.end);
      if (i > 0)
        g_assert_cmpint (anchors[i - 1], <=, anchors[i]);
    }
  /* A new session shows everything. */
  g_assert_cmpfloat (yp_session_get_visible_start (session), ==, bounds.start);
  g_assert_cmpfloat (yp_session_get_visible_end (session), ==, bounds.end);
}

static void
test_zoom_keeps_anchor (void)
{
  g_autoptr(YpRecord) record = load_shipped ();
  g_autoptr(YpSession) session = yp_session_new (record);
  double s0 = yp_session_get_visible_start (session), e0 = yp_session_get_visible_end (session);
  double anchor = s0 + (e0 - s0) * 0.3;
  double s1, e1;
  guint changes = 0;

  g_signal_connect (session, "visible-changed", G_CALLBACK (count_cb), &changes);
  yp_session_zoom (session, 4.0, anchor);
  s1 = yp_session_get_visible_start (session);
  e1 = yp_session_get_visible_end (session);
  g_assert_cmpuint (changes, ==, 1);
  g_assert_cmpfloat_with_epsilon ((e1 - s1) * 4, e0 - s0, 1e-3);
  /* The anchor keeps its place in the window. */
  g_assert_cmpfloat_with_epsilon ((anchor - s1) / (e1 - s1), 0.3, 1e-9);

  /* Zooming out past everything stops at the bounds. */
  yp_session_zoom (session, 1e-6, anchor);
  g_assert_cmpfloat (yp_session_get_visible_start (session), ==, s0);
  g_assert_cmpfloat (yp_session_get_visible_end (session), ==, e0);

  /* Zooming in stops at 20 ms, where events a millisecond apart are
   * told apart. */
  for (int i = 0; i < 100; i++)
    yp_session_zoom (session, 10.0, anchor);
  g_assert_cmpfloat_with_epsilon (yp_session_get_visible_end (session) - yp_session_get_visible_start (session),
                                  YP_TIME_SCALE_MIN_SPAN, 1e-6);
  g_assert_true (anchor >= yp_session_get_visible_start (session));
  g_assert_true (anchor <= yp_session_get_visible_end (session));
}

static void
test_pan_clamps (void)
{
  g_autoptr(YpRecord) record = load_shipped ();
  g_autoptr(YpSession) session = yp_session_new (record);
  YpTimeRange bounds;
  double span;
  guint changes = 0;

  yp_session_get_bounds (session, &bounds);
  yp_session_zoom (session, 10.0, bounds.start);
  span = yp_session_get_visible_end (session) - yp_session_get_visible_start (session);
  g_signal_connect (session, "visible-changed", G_CALLBACK (count_cb), &changes);

  yp_session_pan (session, -1e12);
  g_assert_cmpfloat (yp_session_get_visible_start (session), ==, bounds.start);
  g_assert_cmpfloat_with_epsilon (yp_session_get_visible_end (session) - yp_session_get_visible_start (session), span, 1e-3);
  /* Already at the edge: no change, no signal. */
  changes = 0;
  yp_session_pan (session, -100);
  g_assert_cmpuint (changes, ==, 0);

  yp_session_pan (session, 1e12);
  g_assert_cmpfloat (yp_session_get_visible_end (session), ==, bounds.end);
  g_assert_cmpuint (changes, ==, 1);

  /* Nonsense input is ignored. */
  yp_session_set_visible (session, NAN, 5);
  yp_session_zoom (session, -2, 0);
  yp_session_zoom (session, INFINITY, 0);
  g_assert_cmpuint (changes, ==, 1);
}

static void
test_select_step (void)
{
  g_autoptr(YpRecord) record = load_shipped ();
  g_autoptr(YpSession) session = yp_session_new (record);
  g_autoptr(YpRecord) other = load_shipped ();
  GListModel *events = yp_session_get_events (session);
  guint n = g_list_model_get_n_items (events);
  g_autoptr(YpEvent) foreign = g_list_model_get_item (yp_record_get_events (other), 0);
  guint notifies = 0;

  g_signal_connect (session, "notify::selected", G_CALLBACK (notify_count_cb), &notifies);
  g_assert_null (yp_session_get_selected (session));
  g_assert_cmpuint (yp_session_get_selected_position (session), ==, G_MAXUINT);

  /* Next from nothing is the first event; previous from nothing the last. */
  g_assert_true (yp_session_select_step (session, 1));
  g_assert_cmpuint (yp_session_get_selected_position (session), ==, 0);
  g_assert_false (yp_session_select_step (session, -1));
  for (guint i = 1; i < n; i++)
    g_assert_true (yp_session_select_step (session, 1));
  g_assert_cmpuint (yp_session_get_selected_position (session), ==, n - 1);
  g_assert_false (yp_session_select_step (session, 1));
  g_assert_cmpuint (notifies, ==, n);

  /* An event of another record is refused. */
  yp_session_select (session, foreign);
  g_assert_cmpuint (yp_session_get_selected_position (session), ==, n - 1);
  /* Selecting the same event again does not notify. */
  yp_session_select_position (session, n - 1);
  g_assert_cmpuint (notifies, ==, n);
  yp_session_select (session, NULL);
  g_assert_null (yp_session_get_selected (session));
}

static void
test_step_reveals (void)
{
  g_autoptr(YpRecord) record = load_shipped ();
  g_autoptr(YpSession) session = yp_session_new (record);
  GListModel *events = yp_session_get_events (session);
  guint n = g_list_model_get_n_items (events);
  YpTimeRange bounds;

  /* A narrow window at the start: stepping to the last event moves it. */
  yp_session_get_bounds (session, &bounds);
  yp_session_set_visible (session, bounds.start, bounds.start + 86400);
  yp_session_select_position (session, n - 2);
  g_assert_true (yp_session_select_step (session, 1));
  {
    g_autoptr(YpEvent) last = g_list_model_get_item (events, n - 1);
    double t = yp_event_get_anchor (last);
    g_assert_cmpfloat (t, >=, yp_session_get_visible_start (session));
    g_assert_cmpfloat (t, <=, yp_session_get_visible_end (session));
    g_assert_cmpfloat_with_epsilon (yp_session_get_visible_end (session) - yp_session_get_visible_start (session),
                                    86400, 1e-3);
  }
}

static void
test_filter (void)
{
  g_autoptr(YpRecord) record = load_shipped ();
  g_autoptr(YpSession) session = yp_session_new (record);
  GListModel *events = yp_session_get_events (session);
  guint n = g_list_model_get_n_items (events), expected = 0, changes = 0;
  guint n_anchors;
  const gint64 *anchors;
  g_autoptr(GHashTable) categories = g_hash_table_new (g_str_hash, g_str_equal);
  YpEventFilter filter = { .categories = categories };

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(YpEvent) e = g_list_model_get_item (events, i);
      expected += g_str_equal (yp_event_get_category (e), "publication");
    }
  g_assert_cmpuint (expected, ==, 5);

  /* Unfiltered, the anchors are the event list's own, not a copy. */
  anchors = yp_session_get_anchors (session, &n_anchors);
  g_assert_cmpuint (n_anchors, ==, n);
  g_assert_true (anchors == yp_event_list_get_anchors (YP_EVENT_LIST (events)));

  /* A selected event the filter drops is unselected. */
  yp_session_select (session, yp_record_lookup_event (record, "altman-removed"));
  g_signal_connect (session, "filter-changed", G_CALLBACK (count_cb), &changes);
  g_hash_table_add (categories, (gpointer) "publication");
  yp_session_set_filter (session, &filter);
  g_assert_cmpuint (changes, ==, 1);
  g_assert_cmpuint (yp_session_get_n_shown (session), ==, expected);
  g_assert_null (yp_session_get_selected (session));
  /* The session lists the shown events as a model too. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (session)), ==, expected);

  /* The anchors are the shown events', in order, mapped to the model. */
  anchors = yp_session_get_anchors (session, &n_anchors);
  g_assert_cmpuint (n_anchors, ==, expected);
  for (guint i = 0; i < n_anchors; i++)
    {
      g_autoptr(YpEvent) e = g_list_model_get_item (events, yp_session_shown_to_position (session, i));

      g_assert_cmpstr (yp_event_get_category (e), ==, "publication");
      g_assert_cmpint (anchors[i], ==, yp_event_get_anchor (e));
      g_assert_true (yp_session_is_shown (session, e));
      g_assert_cmpuint (yp_session_position_to_shown (session, yp_session_shown_to_position (session, i)), ==, i);
      {
        g_autoptr(YpEvent) listed = g_list_model_get_item (G_LIST_MODEL (session), i);
        g_assert_true (listed == e);
      }
      if (i > 0)
        g_assert_cmpint (anchors[i - 1], <=, anchors[i]);
    }

  /* Stepping goes through the shown events only. */
  for (guint i = 0; i < expected; i++)
    {
      g_assert_true (yp_session_select_step (session, 1));
      g_assert_cmpstr (yp_event_get_category (yp_session_get_selected (session)), ==, "publication");
    }
  g_assert_false (yp_session_select_step (session, 1));

  /* No filter: everything again. */
  yp_session_set_filter (session, NULL);
  g_assert_cmpuint (yp_session_get_n_shown (session), ==, n);
  anchors = yp_session_get_anchors (session, &n_anchors);
  g_assert_cmpuint (n_anchors, ==, n);
  g_assert_true (anchors == yp_event_list_get_anchors (YP_EVENT_LIST (events)));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(YpEvent) e = g_list_model_get_item (events, i);

      g_assert_cmpint (anchors[i], ==, yp_event_get_anchor (e));
    }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (session)), ==, n);
  g_assert_cmpuint (changes, ==, 2);
}

static void
test_matches (void)
{
  g_autoptr(YpRecord) record = load_shipped ();
  g_autoptr(YpSession) session = yp_session_new (record);
  const guint some[] = { 0, 3, 7 };
  guint changes = 0;

  g_signal_connect (session, "matches-changed", G_CALLBACK (count_cb), &changes);
  g_assert_false (yp_session_has_search (session));
  g_assert_false (yp_session_is_dimmed (session, 1));
  yp_session_set_matches (session, some, G_N_ELEMENTS (some));
  g_assert_true (yp_session_has_search (session));
  g_assert_false (yp_session_is_dimmed (session, 0));
  g_assert_true (yp_session_is_dimmed (session, 1));
  g_assert_false (yp_session_is_dimmed (session, 7));
  /* A search that matched nothing dims everything. */
  yp_session_set_matches (session, some, 0);
  g_assert_true (yp_session_is_dimmed (session, 0));
  yp_session_set_matches (session, NULL, 0);
  g_assert_false (yp_session_is_dimmed (session, 1));
  g_assert_cmpuint (changes, ==, 3);
}

/* Whether the record is bursty is asked of all its events, whatever the
 * filter and the setting, and whichever asked first: the session or the
 * story scale it makes when the filter changes. */
static void
test_bursty_is_the_record_s (void)
{
  g_autoptr(YpRecord) record = load_shipped ();
  YpEventList *events = YP_EVENT_LIST (yp_record_get_events (record));
  GPtrArray *categories = yp_event_list_get_categories (events);
  g_autoptr(GHashTable) set = g_hash_table_new (g_str_hash, g_str_equal);
  YpEventFilter filter = { .categories = set };
  const char *unlike = NULL;

  /* A category whose events alone are not bursty, as the whole story is. */
  for (guint c = 0; c < categories->len && unlike == NULL; c++)
    {
      g_autoptr(YpSession) probe = yp_session_new (record);
      g_autoptr(YpStoryScale) story = NULL;
      const gint64 *anchors;
      guint n;

      g_hash_table_remove_all (set);
      g_hash_table_add (set, g_ptr_array_index (categories, c));
      yp_session_set_filter (probe, &filter);
      anchors = yp_session_get_anchors (probe, &n);
      story = yp_story_scale_new (anchors, n);
      if (!yp_story_scale_is_bursty (story))
        unlike = g_ptr_array_index (categories, c);
    }
  g_assert_nonnull (unlike);
  g_hash_table_remove_all (set);
  g_hash_table_add (set, (gpointer) unlike);

  for (guint order = 0; order < 4; order++)
    {
      g_autoptr(YpSession) session = yp_session_new (record);

      /* Filtered, then the scale wanted, or the other way round; and
       * asked before or after. */
      if (order == 0)
        g_assert_true (yp_session_is_bursty (session));
      if (order % 2 == 0)
        yp_session_set_filter (session, &filter);
      yp_session_set_story_scale (session, TRUE);
      if (order % 2 == 1)
        yp_session_set_filter (session, &filter);
      g_assert_null (yp_session_get_story (session));
      g_assert_true (yp_session_is_bursty (session));
      yp_session_set_filter (session, NULL);
      g_assert_nonnull (yp_session_get_story (session));
      g_assert_true (yp_session_is_bursty (session));
    }
}

/* A search's matches among the shown events: each counted once, and one
 * the filter hides neither counted nor zoomed to. */
static void
test_matches_shown (void)
{
  g_autoptr(YpRecord) record = load_shipped ();
  g_autoptr(YpSession) session = yp_session_new (record);
  GListModel *events = yp_session_get_events (session);
  g_autoptr(GHashTable) categories = g_hash_table_new (g_str_hash, g_str_equal);
  YpEventFilter filter = { .categories = categories };
  g_autoptr(YpEvent) shown = NULL;
  guint positions[3], hidden = G_MAXUINT;
  double t0, t1;

  g_hash_table_add (categories, (gpointer) "publication");
  yp_session_set_filter (session, &filter);
  positions[0] = positions[2] = yp_session_shown_to_position (session, 0);
  shown = g_list_model_get_item (events, positions[0]);
  /* An event the filter hides, a month or more away from the shown one. */
  for (guint i = g_list_model_get_n_items (events); i-- > 0 && hidden == G_MAXUINT;)
    {
      g_autoptr(YpEvent) e = g_list_model_get_item (events, i);

      if (yp_session_position_to_shown (session, i) == G_MAXUINT &&
          ABS (yp_event_get_anchor (e) - yp_event_get_anchor (shown)) > 30 * 86400)
        hidden = i;
    }
  g_assert_cmpuint (hidden, !=, G_MAXUINT);
  positions[1] = hidden;

  yp_session_set_matches (session, positions, 3);
  g_assert_true (yp_session_zoom_to_matches (session));
  t0 = yp_session_get_visible_start (session);
  t1 = yp_session_get_visible_end (session);
  g_assert_cmpfloat (t0, <=, yp_event_get_start (shown));
  g_assert_cmpfloat (t1, >=, yp_event_get_end (shown));
  g_assert_cmpfloat (t1 - t0, <, 30 * 86400);
  g_assert_cmpuint (yp_session_count_matches_in_view (session), ==, 1);

  /* Only the hidden one: nothing to zoom to, nothing in view. */
  yp_session_set_matches (session, &positions[1], 1);
  g_assert_false (yp_session_zoom_to_matches (session));
  g_assert_cmpuint (yp_session_count_matches_in_view (session), ==, 0);
}

static void
test_empty_record (void)
{
  g_autoptr(YpRecord) record = yp_record_new ();
  g_autoptr(YpSession) session = yp_session_new (record);
  YpTimeRange bounds;

  yp_session_get_bounds (session, &bounds);
  g_assert_cmpfloat (bounds.end - bounds.start, >=, 60);
  g_assert_false (yp_session_select_step (session, 1));
  yp_session_zoom_to_fit (session);
  g_assert_null (yp_session_get_selected (session));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/session/bounds-cover-data", test_bounds_cover_data);
  g_test_add_func ("/session/zoom-keeps-anchor", test_zoom_keeps_anchor);
  g_test_add_func ("/session/pan-clamps", test_pan_clamps);
  g_test_add_func ("/session/select-step", test_select_step);
  g_test_add_func ("/session/step-reveals", test_step_reveals);
  g_test_add_func ("/session/filter", test_filter);
  g_test_add_func ("/session/matches", test_matches);
  g_test_add_func ("/session/bursty-is-the-record-s", test_bursty_is_the_record_s);
  g_test_add_func ("/session/matches-shown", test_matches_shown);
  g_test_add_func ("/session/empty-record", test_empty_record);
  return g_test_run ();
}
