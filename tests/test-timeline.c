/* test-timeline.c: the timeline in the real window, driven by real X input
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Mouse and keyboard input goes through the X server with xdotool (XTest),
 * so the controllers, gestures and bindings see what a user's hand sends.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <gtk/gtk.h>
#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

#include "yp-application-private.h"
#include "yp-format.h"
#include "yp-search.h"
#include "yp-article-view.h"
#include "yp-timeline.h"
#include "yp-timeline-layout.h"
#include "yp-timeline-private.h"
#include "yp-result-slot.h"
#include "yp-window-private.h"
#include "yp-test-ui.h"

/* A height in the timeline above the event rows, below the era names. */
#define ERA_Y_FREE 40

static YpApplication *app;

static YpWindow *
reopen_window (void)
{
  return yp_test_present_window (app);
}

/* A window that starts from the default view, whatever earlier tests saved. */
static YpWindow *
open_window (void)
{
  return yp_test_present_fresh_window (app);
}

static void
close_window (YpWindow *window)
{
  yp_test_close_window (GTK_WINDOW (window));
}

/* "--window XID X Y" for a point of @widget. */
static char *
window_point (GtkWidget *widget,
              double     x,
              double     y)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  graphene_point_t p;
  double sx, sy;
  gulong xid = 0;

  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (root), &GRAPHENE_POINT_INIT (x, y), &p));
  gtk_native_get_surface_transform (GTK_NATIVE (root), &sx, &sy);
#ifdef GDK_WINDOWING_X11
  xid = gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (root)));
#endif
  return g_strdup_printf ("--window %lu %d %d", xid, (int) round (p.x + sx), (int) round (p.y + sy));
}

static void
mouse_to (GtkWidget *widget,
          double     x,
          double     y)
{
  g_autofree char *where = window_point (widget, x, y);
  g_autofree char *args = g_strdup_printf ("mousemove %s", where);

  yp_test_xdo (args);
}

static void
click (GtkWidget *widget,
       double     x,
       double     y,
       int        button)
{
  g_autofree char *where = window_point (widget, x, y);
  g_autofree char *args = g_strdup_printf ("mousemove %s click %d", where, button);

  yp_test_xdo (args);
}

/* The visible span in view coordinates: time, or story-scale time. */
static double
span_of (YpSession *session)
{
  return yp_session_get_view_end (session) - yp_session_get_view_start (session);
}

static guint
event_index (YpSession  *session,
             const char *id)
{
  YpEvent *event = yp_record_lookup_event (yp_session_get_record (session), id);

  g_assert_nonnull (event);
  return yp_record_get_event_position (yp_session_get_record (session), event);
}

static void
test_wheel_zooms_around_pointer (void)
{
  YpWindow *window = open_window ();
  YpTimeline *timeline = yp_window_get_timeline (window);
  YpSession *session = yp_window_get_session (window);
  double x = gtk_widget_get_width (GTK_WIDGET (timeline)) * 0.3;
  double y = gtk_widget_get_height (GTK_WIDGET (timeline)) * 0.5;
  double span0, t0, px;

  yp_session_zoom_to_fit (session);
  yp_test_wait_for_frame (GTK_WIDGET (timeline));
  span0 = span_of (session);
  t0 = yp_timeline_x_to_time (timeline, x);
  px = span0 / gtk_widget_get_width (GTK_WIDGET (timeline));

  mouse_to (GTK_WIDGET (timeline), x, y);
  click (GTK_WIDGET (timeline), x, y, 4);  /* wheel up */
  g_assert_cmpfloat_with_epsilon (span_of (session), span0 / 1.25, span0 * 0.001);
  /* The time under the pointer stayed under it (within a pixel). */
  g_assert_cmpfloat (fabs (yp_session_time_to_view (session, yp_timeline_x_to_time (timeline, x)) -
                           yp_session_time_to_view (session, t0)), <, px);

  click (GTK_WIDGET (timeline), x, y, 5);  /* and back */
  g_assert_cmpfloat_with_epsilon (span_of (session), span0, span0 * 0.001);
  close_window (window);
}

static void
test_shift_wheel_pans (void)
{
  YpWindow *window = open_window ();
  YpTimeline *timeline = yp_window_get_timeline (window);
  YpSession *session = yp_window_get_session (window);
  double x = gtk_widget_get_width (GTK_WIDGET (timeline)) * 0.5;
  double start0, span0;

  yp_test_show_crisis (window);
  start0 = yp_session_get_visible_start (session);
  span0 = span_of (session);
  mouse_to (GTK_WIDGET (timeline), x, 100);
  yp_test_xdo ("keydown shift click 5 keyup shift");
  g_assert_cmpfloat (yp_session_get_visible_start (session), >, start0);
  g_assert_cmpfloat_with_epsilon (span_of (session), span0, 1);
  close_window (window);
}

static void
test_drag_pans (void)
{
  YpWindow *window = open_window ();
  YpTimeline *timeline = yp_window_get_timeline (window);
  YpSession *session = yp_window_get_session (window);
  double width = gtk_widget_get_width (GTK_WIDGET (timeline));
  double y = ERA_Y_FREE;
  double start0, span0;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *args = NULL;

  yp_test_show_crisis (window);
  start0 = yp_session_get_visible_start (session);
  span0 = span_of (session);
  from = window_point (GTK_WIDGET (timeline), width * 0.6, y);
  to = window_point (GTK_WIDGET (timeline), width * 0.6 - 120, y);
  args = g_strdup_printf ("mousemove %s mousedown 1 mousemove %s sleep 0.1 mouseup 1", from, to);
  /* The pointer moves in one jump: the gesture sees a 120 px drag left,
   * which shows later times. */
  yp_test_xdo (args);
  g_assert_cmpfloat_with_epsilon (yp_session_get_visible_start (session) - start0, 120.0 / width * span0,
                                  2.0 / width * span0);
  g_assert_cmpfloat_with_epsilon (span_of (session), span0, 1);
  /* A drag is not a click: nothing got selected. */
  g_assert_null (yp_session_get_selected (session));
  close_window (window);
}

/* The current passage is laid out inside the visible part of the pane. */
static gboolean
passage_on_screen (YpArticleView *article)
{
  graphene_rect_t area;
  int height = gtk_widget_get_height (GTK_WIDGET (article));

  if (!yp_article_view_get_current_area (article, &area))
    return FALSE;
  g_test_message ("current passage at y=%.0f of %d", area.origin.y, height);
  return area.origin.y >= 0 && area.origin.y + area.size.height <= height;
}

static void
test_click_selects_and_shows_quote (void)
{
  YpWindow *window = open_window ();
  YpTimeline *timeline = yp_window_get_timeline (window);
  YpSession *session = yp_window_get_session (window);
  YpArticleView *article = yp_window_get_article_view (window);
  guint index = event_index (session, "altman-removed");
  YpEvent *event = yp_record_lookup_event (yp_session_get_record (session), "altman-removed");
  g_autofree char *current = NULL;
  graphene_rect_t area;
  GtkSelectionModel *list;

  yp_test_show_crisis (window);
  g_assert_true (yp_timeline_get_event_area (timeline, index, &area));
  /* The mark sits at the left of the event's box, its label after it. */
  click (GTK_WIDGET (timeline), area.origin.x + 6, area.origin.y + area.size.height / 2, 1);

  YP_TEST_WAIT_UNTIL (yp_session_get_selected (session) == event);
  g_assert_true (yp_session_get_selected (session) == event);
  /* The event list follows... */
  list = gtk_list_view_get_model (yp_window_get_event_list (window));
  g_assert_true (gtk_selection_model_is_selected (list, index));
  /* ... and the article pane shows the first citation, highlighted. */
  g_assert_cmpstr (yp_source_get_id (yp_article_view_get_source (article)), ==,
                   yp_citation_get_source_id (yp_event_get_citation (event, 0)));
  current = yp_article_view_dup_current (article);
  g_assert_cmpstr (current, ==, yp_citation_get_quote (yp_event_get_citation (event, 0)));
  /* (The scroll to the passage comes after the article's layout.) */
  YP_TEST_WAIT_UNTIL (passage_on_screen (article));
  g_assert_true (passage_on_screen (article));
  close_window (window);
}

static void
test_quote_far_down_is_scrolled_into_view (void)
{
  YpWindow *window = open_window ();
  YpSession *session = yp_window_get_session (window);
  YpArticleView *article = yp_window_get_article_view (window);
  YpEvent *event = yp_record_lookup_event (yp_session_get_record (session), "altman-brockman-join-microsoft");

  /* Its quote is in the second half of a long article, opened afresh. */
  g_assert_nonnull (event);
  yp_session_select (session, event);
  YP_TEST_WAIT_UNTIL (passage_on_screen (article));
  g_assert_true (passage_on_screen (article));
  close_window (window);
}

static void
test_cluster_click_zooms_in (void)
{
  YpWindow *window = open_window ();
  YpTimeline *timeline = yp_window_get_timeline (window);
  YpSession *session = yp_window_get_session (window);
  double width = gtk_widget_get_width (GTK_WIDGET (timeline));
  double height = gtk_widget_get_height (GTK_WIDGET (timeline));
  YpTimelineHit hit = { 0 };
  gboolean found = FALSE;
  double span0;

  /* In linear time, the crisis crowds into one mark with a count at the
   * whole span. */
  yp_session_set_story_scale (session, FALSE);
  yp_session_zoom_to_fit (session);
  yp_test_wait_for_frame (GTK_WIDGET (timeline));
  span0 = span_of (session);
  for (double x = 0; x < width && !found; x += 2)
    for (double y = 0; y < height && !found; y += 2)
      found = yp_timeline_hit_test (timeline, x, y, &hit) && hit.kind == YP_TIMELINE_HIT_CLUSTER && hit.count >= 10;
  g_assert_true (found);
  click (GTK_WIDGET (timeline), hit.area.origin.x + hit.area.size.width / 2,
         hit.area.origin.y + hit.area.size.height / 2, 1);
  YP_TEST_WAIT_UNTIL (span_of (session) < span0 / 10);
  g_assert_cmpfloat (span_of (session), <, span0 / 10);
  yp_test_wait_for_frame (GTK_WIDGET (timeline));
  /* Every event it held is drawn as its own mark, and labelled: at
   * 1280×800 the rows have room for all of them. */
  {
    const YpTimelineFrame *frame = yp_timeline_get_frame (timeline);
    guint unlabelled = 0;

    g_assert_nonnull (frame);
    for (guint i = hit.first; i < hit.first + hit.count; i++)
      {
        guint position = yp_session_shown_to_position (session, i);
        gboolean own = FALSE, labelled = FALSE;

        for (guint j = 0; j < frame->marks->len; j++)
          {
            const YpTimelineFrameMark *m = &g_array_index (frame->marks, YpTimelineFrameMark, j);

            own |= m->count == 1 && m->position == position;
            labelled |= m->count == 1 && m->position == position && m->title != NULL;
          }
        if (!own)
          g_error ("event %u of the cluster is not drawn as its own mark", position);
        if (!labelled)
          g_test_message ("member %u (event %u) has no label", i - hit.first, position);
        unlabelled += !labelled;
      }
    g_test_message ("%u of %u members unlabelled, the timeline %.0f×%.0f px", unlabelled, hit.count, width, height);
    g_assert_cmpuint (unlabelled, ==, 0);
  }
  close_window (window);
}

static void
test_keyboard (void)
{
  YpWindow *window = open_window ();
  YpTimeline *timeline = yp_window_get_timeline (window);
  YpSession *session = yp_window_get_session (window);
  GListModel *events = yp_session_get_events (session);
  double span0;

  gtk_widget_grab_focus (GTK_WIDGET (timeline));
  yp_session_select (session, NULL);
  yp_session_zoom_to_fit (session);
  yp_test_wait_for_frame (GTK_WIDGET (timeline));
  mouse_to (GTK_WIDGET (timeline), 5, 5);

  yp_test_xdo ("key Right");
  YP_TEST_WAIT_UNTIL (yp_session_get_selected_position (session) == 0);
  g_assert_cmpuint (yp_session_get_selected_position (session), ==, 0);
  yp_test_xdo ("key Right");
  YP_TEST_WAIT_UNTIL (yp_session_get_selected_position (session) == 1);
  g_assert_cmpuint (yp_session_get_selected_position (session), ==, 1);
  yp_test_xdo ("key Left");
  YP_TEST_WAIT_UNTIL (yp_session_get_selected_position (session) == 0);
  g_assert_cmpuint (yp_session_get_selected_position (session), ==, 0);
  yp_test_xdo ("key End");
  YP_TEST_WAIT_UNTIL (yp_session_get_selected_position (session) == g_list_model_get_n_items (events) - 1);
  g_assert_cmpuint (yp_session_get_selected_position (session), ==, g_list_model_get_n_items (events) - 1);
  yp_test_xdo ("key Home");
  YP_TEST_WAIT_UNTIL (yp_session_get_selected_position (session) == 0);
  g_assert_cmpuint (yp_session_get_selected_position (session), ==, 0);

  span0 = span_of (session);
  yp_test_xdo ("key plus");
  YP_TEST_WAIT_UNTIL (fabs (span_of (session) - span0 / 2) < span0 * 0.001);
  g_assert_cmpfloat_with_epsilon (span_of (session), span0 / 2, span0 * 0.001);
  yp_test_xdo ("key minus");
  YP_TEST_WAIT_UNTIL (fabs (span_of (session) - span0) < span0 * 0.001);
  /* (yp_test_xdo() returns once the key has been handled.) */
  yp_test_xdo ("key minus");
  g_assert_cmpfloat_with_epsilon (span_of (session), span0, span0 * 0.001);
  yp_test_xdo ("key plus key plus key 0");
  YP_TEST_WAIT_UNTIL (fabs (span_of (session) - span0) < span0 * 0.001);
  g_assert_cmpfloat_with_epsilon (span_of (session), span0, span0 * 0.001);
  close_window (window);
}

static void
test_era_chip (void)
{
  YpWindow *window = open_window ();
  YpSession *session = yp_window_get_session (window);
  YpEra *crisis = yp_record_lookup_era (yp_session_get_record (session), "crisis");
  GtkWidget *chips = NULL;
  GtkWidget *chip;

  g_assert_nonnull (crisis);
  /* Find the chip labelled with the era's name and click it. */
  for (GtkWidget *w = gtk_widget_get_first_child (gtk_widget_get_parent (GTK_WIDGET (yp_window_get_timeline (window))));
       w != NULL && chips == NULL; w = gtk_widget_get_next_sibling (w))
    if (GTK_IS_SCROLLED_WINDOW (w))
      chips = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (w));
  g_assert_nonnull (chips);
  if (GTK_IS_VIEWPORT (chips))
    chips = gtk_viewport_get_child (GTK_VIEWPORT (chips));
  for (chip = gtk_widget_get_first_child (chips); chip; chip = gtk_widget_get_next_sibling (chip))
    if (g_strcmp0 (gtk_button_get_label (GTK_BUTTON (chip)), yp_era_get_name (crisis, YP_LANG_EN)) == 0)
      break;
  g_assert_nonnull (chip);
  click (chip, gtk_widget_get_width (chip) / 2.0, gtk_widget_get_height (chip) / 2.0, 1);

  /* The era fills the view, with a small margin. */
  g_assert_cmpfloat (yp_session_get_visible_start (session), <=, yp_era_get_start (crisis));
  g_assert_cmpfloat (yp_session_get_visible_end (session), >=, yp_era_get_end (crisis));
  g_assert_cmpfloat (span_of (session), <, (yp_era_get_end (crisis) - yp_era_get_start (crisis)) * 1.1);
  close_window (window);
}

static void
test_highlight_click_selects_event (void)
{
  YpWindow *window = open_window ();
  YpSession *session = yp_window_get_session (window);
  YpArticleView *article = yp_window_get_article_view (window);
  YpRecord *record = yp_session_get_record (session);
  g_autofree char *event_id = NULL;
  g_autofree char *text = NULL;
  graphene_rect_t area;
  guint chosen = G_MAXUINT;

  yp_article_view_set_source (article, yp_record_lookup_source (record, "danawa-20250717"));
  /* A highlight laid out on screen, and staying where it is (slow builds,
   * under ASan, lay the article out over several frames). */
  for (gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC; g_get_monotonic_time () < end;)
    {
      graphene_rect_t again;

      chosen = G_MAXUINT;
      for (guint i = 0; i < yp_article_view_get_n_highlights (article) && chosen == G_MAXUINT; i++)
        if (yp_article_view_get_highlight_area (article, i, &area) &&
            area.origin.y > 0 && area.origin.y + area.size.height < gtk_widget_get_height (GTK_WIDGET (article)))
          chosen = i;
      yp_test_wait_for_frame (GTK_WIDGET (article));
      if (chosen != G_MAXUINT && yp_article_view_get_highlight_area (article, chosen, &again) &&
          graphene_rect_equal (&area, &again))
        break;
    }
  g_assert_cmpuint (chosen, !=, G_MAXUINT);
  text = yp_article_view_dup_highlight (article, chosen, &event_id);
  g_assert_nonnull (text);

  click (GTK_WIDGET (article), area.origin.x + 4, area.origin.y + area.size.height / 2, 1);
  /* The X server hands the click over when it will: under ASan, later
   * than xdo()'s 150 ms. */
  YP_TEST_WAIT_UNTIL (yp_session_get_selected (session) != NULL);
  g_assert_nonnull (yp_session_get_selected (session));
  g_assert_cmpstr (yp_event_get_id (yp_session_get_selected (session)), ==, event_id);
  close_window (window);
}

static void
test_restores_view (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  YpWindow *window = open_window ();
  YpSession *session = yp_window_get_session (window);
  YpTimeRange bounds;
  double start, end;

  yp_test_show_crisis (window);
  yp_session_select_position (session, event_index (session, "altman-visits-hq"));
  start = yp_session_get_visible_start (session);
  end = yp_session_get_visible_end (session);
  close_window (window);

  window = reopen_window ();
  session = yp_window_get_session (window);
  g_assert_cmpfloat_with_epsilon (yp_session_get_visible_start (session), floor (start), 1);
  g_assert_cmpfloat_with_epsilon (yp_session_get_visible_end (session), floor (end), 1);
  g_assert_cmpstr (yp_event_get_id (yp_session_get_selected (session)), ==, "altman-visits-hq");
  close_window (window);

  /* Saved state that no longer fits the data is not trusted. */
  g_settings_set_int64 (settings, "visible-start", 4102444800);  /* 2100 */
  g_settings_set_int64 (settings, "visible-end", 4102531200);
  g_settings_set_string (settings, "selected-event", "an-event-that-was-removed");
  window = reopen_window ();
  session = yp_window_get_session (window);
  yp_session_get_bounds (session, &bounds);
  g_assert_cmpfloat (yp_session_get_visible_start (session), ==, bounds.start);
  g_assert_cmpfloat (yp_session_get_visible_end (session), ==, bounds.end);
  g_assert_null (yp_session_get_selected (session));
  close_window (window);
}


static void
test_search_as_you_type (void)
{
  YpWindow *window = open_window ();
  YpSession *session = yp_window_get_session (window);
  GtkListView *results = yp_window_get_results_list (window);
  GListModel *model;
  g_autoptr(YpResultSlot) first_slot = NULL;
  YpSearchResult *first;
  graphene_rect_t area;
  GtkWidget *row;
  guint dimmed = 0;

  mouse_to (GTK_WIDGET (yp_window_get_timeline (window)), 5, 5);
  yp_test_xdo ("key ctrl+f");
  yp_test_xdo ("type --delay 40 Murati");
  /* The entry waits a moment after the last key. */
  YP_TEST_WAIT_UNTIL (g_strcmp0 (gtk_stack_get_visible_child_name (yp_window_get_list_stack (window)), "results") == 0 &&
                      g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (results))) > 0);
  /* Its rows laid out, where the click below goes. */
  yp_test_wait_for_frame (GTK_WIDGET (results));

  g_assert_cmpstr (gtk_stack_get_visible_child_name (yp_window_get_list_stack (window)), ==, "results");
  model = G_LIST_MODEL (gtk_list_view_get_model (results));
  g_assert_cmpuint (g_list_model_get_n_items (model), >, 0);
  /* The rest of the timeline is dimmed. */
  g_assert_true (yp_session_has_search (session));
  for (guint i = 0; i < g_list_model_get_n_items (yp_session_get_events (session)); i++)
    dimmed += yp_session_is_dimmed (session, i);
  g_assert_cmpuint (dimmed, >, 0);
  g_assert_cmpuint (dimmed, <, g_list_model_get_n_items (yp_session_get_events (session)));
  /* The timeline moved to the matches: all in view, and closer than the
   * whole span (they are all from the crisis). */
  {
    YpTimeRange bounds;

    yp_session_get_view_bounds (session, &bounds);
    g_assert_cmpfloat (span_of (session), <, (bounds.end - bounds.start) / 4);
    for (guint i = 0; i < g_list_model_get_n_items (yp_session_get_events (session)); i++)
      if (!yp_session_is_dimmed (session, i))
        {
          g_autoptr(YpEvent) e = g_list_model_get_item (yp_session_get_events (session), i);

          g_assert_cmpfloat (yp_event_get_anchor (e), >=, yp_session_get_visible_start (session));
          g_assert_cmpfloat (yp_event_get_anchor (e), <=, yp_session_get_visible_end (session));
        }
  }

  /* Click the first result: its event is selected. */
  first_slot = g_list_model_get_item (model, 0);
  first = yp_result_slot_get_result (first_slot);
  g_assert_cmpint (yp_search_result_get_kind (first), ==, YP_SEARCH_RESULT_EVENT);
  row = gtk_widget_get_first_child (GTK_WIDGET (results));
  while (row != NULL && !gtk_widget_get_mapped (row))
    row = gtk_widget_get_next_sibling (row);
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_compute_bounds (row, GTK_WIDGET (results), &area));
  click (GTK_WIDGET (results), area.origin.x + 40, area.origin.y + area.size.height / 2, 1);
  YP_TEST_WAIT_UNTIL (yp_session_get_selected (session) != NULL);
  g_assert_nonnull (yp_session_get_selected (session));
  g_assert_cmpstr (yp_event_get_id (yp_session_get_selected (session)), ==, yp_search_result_get_id (first));

  /* Escape ends the search: nothing dimmed, the list is back. */
  gtk_widget_grab_focus (GTK_WIDGET (yp_window_get_search_entry (window)));
  yp_test_xdo ("key Escape");
  YP_TEST_WAIT_UNTIL (!yp_session_has_search (session));
  g_assert_false (yp_session_has_search (session));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (yp_window_get_list_stack (window)), !=, "results");
  close_window (window);
}

/* The position of the first passage among the results, or G_MAXUINT. */
static guint
first_passage (GListModel *model)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(YpResultSlot) slot = g_list_model_get_item (model, i);

      if (yp_search_result_get_kind (yp_result_slot_get_result (slot)) == YP_SEARCH_RESULT_PASSAGE)
        return i;
    }
  return G_MAXUINT;
}

static gboolean
article_found_is (YpArticleView *article,
                  const char    *text)
{
  g_autofree char *found = yp_article_view_dup_found (article);

  return g_strcmp0 (found, text) == 0;
}

static void
test_passage_result_opens_article (void)
{
  YpWindow *window = open_window ();
  GtkListView *results = yp_window_get_results_list (window);
  YpArticleView *article = yp_window_get_article_view (window);
  GListModel *model;
  g_autofree char *found = NULL;
  guint passage = G_MAXUINT;

  gtk_editable_set_text (GTK_EDITABLE (yp_window_get_search_entry (window)), "");
  yp_test_xdo ("key ctrl+f");
  yp_test_xdo ("type --delay 40 Cursor");
  model = G_LIST_MODEL (gtk_list_view_get_model (results));
  /* The entry waits a moment after the last key. */
  YP_TEST_WAIT_UNTIL ((passage = first_passage (model)) != G_MAXUINT);
  g_assert_cmpuint (passage, !=, G_MAXUINT);
  /* What Enter on the row does. */
  gtk_widget_activate_action (GTK_WIDGET (results), "list.activate-item", "u", passage);
  YP_TEST_WAIT_UNTIL (article_found_is (article, "Cursor"));
  found = yp_article_view_dup_found (article);
  g_assert_cmpstr (found, ==, "Cursor");
  g_assert_cmpstr (yp_source_get_id (yp_article_view_get_source (article)), ==, "danawa-20250717");
  close_window (window);
}

static void
test_filter_hides_events (void)
{
  YpWindow *window = open_window ();
  YpSession *session = yp_window_get_session (window);
  YpTimeline *timeline = yp_window_get_timeline (window);
  GListModel *list = G_LIST_MODEL (gtk_list_view_get_model (yp_window_get_event_list (window)));
  guint total = g_list_model_get_n_items (yp_session_get_events (session));
  g_autoptr(YpTimelineFrame) frame = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (list), ==, total);
  g_assert_true (yp_window_set_filter (window, "publication", TRUE));
  YP_TEST_WAIT_UNTIL (g_list_model_get_n_items (list) == 5);
  yp_test_wait_for_frame (GTK_WIDGET (timeline));
  /* The five articles' publications only: timeline, list and count agree. */
  g_assert_cmpuint (yp_session_get_n_shown (session), ==, 5);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 5);
  frame = yp_timeline_dup_frame (timeline);
  g_assert_nonnull (frame);
  for (guint i = 0; i < frame->marks->len; i++)
    {
      YpTimelineFrameMark *m = &g_array_index (frame->marks, YpTimelineFrameMark, i);
      g_autoptr(YpEvent) e = NULL;

      if (m->count != 1)
        continue;
      e = g_list_model_get_item (yp_session_get_events (session), m->first);
      g_assert_cmpstr (yp_event_get_category (e), ==, "publication");
    }
  /* Sections combine: publications that cite The Miilk. */
  g_assert_true (yp_window_set_filter (window, "themiilk-20231121", TRUE));
  g_assert_cmpuint (yp_session_get_n_shown (session), ==, 1);
  /* The timeline moved to it: a day around it, drawn labelled. */
  YP_TEST_WAIT_UNTIL (yp_session_get_visible_end (session) - yp_session_get_visible_start (session) <= 2 * 86400);
  yp_test_wait_for_frame (GTK_WIDGET (timeline));
  g_assert_cmpfloat (yp_session_get_visible_end (session) - yp_session_get_visible_start (session), <=, 2 * 86400);
  g_clear_pointer (&frame, yp_timeline_frame_free);
  frame = yp_timeline_dup_frame (timeline);
  g_assert_cmpuint (frame->marks->len, ==, 1);
  g_assert_nonnull (g_array_index (frame->marks, YpTimelineFrameMark, 0).title);
  /* One click clears. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.clear-filters", NULL));
  g_assert_cmpuint (yp_session_get_n_shown (session), ==, total);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, total);
  close_window (window);
}

static void
test_bilingual_content (void)
{
  YpWindow *window = open_window ();
  YpSession *session = yp_window_get_session (window);
  YpEvent *event = yp_record_lookup_event (yp_session_get_record (session), "altman-removed");
  g_autoptr(YpTimelineFrame) frame = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *saved = NULL;
  const char *title = NULL;

  yp_session_select (session, event);
  /* The choice is an application action and persists in the settings. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "content-language", g_variant_new_string ("both"));
  YP_TEST_WAIT_UNTIL (yp_content_bilingual ());
  saved = g_settings_get_string (settings, "content-language");
  g_assert_cmpstr (saved, ==, "both");
  g_assert_true (yp_content_bilingual ());
  g_action_group_activate_action (G_ACTION_GROUP (app), "content-language", g_variant_new_string ("ko"));
  /* Until the timeline has drawn a frame in Korean. */
  YP_TEST_WAIT_UNTIL (({
    g_autoptr(YpTimelineFrame) f = yp_timeline_dup_frame (yp_window_get_timeline (window));
    gboolean korean = FALSE;
    for (guint i = 0; f && i < f->marks->len && !korean; i++)
      {
        YpTimelineFrameMark *m = &g_array_index (f->marks, YpTimelineFrameMark, i);
        if (m->title)
          {
            g_autoptr(YpEvent) e = g_list_model_get_item (yp_session_get_events (session), m->first);
            korean = g_strcmp0 (m->title, yp_event_get_title (e, YP_LANG_KO)) == 0;
          }
      }
    korean;
  }));
  frame = yp_timeline_dup_frame (yp_window_get_timeline (window));
  for (guint i = 0; i < frame->marks->len && title == NULL; i++)
    {
      YpTimelineFrameMark *m = &g_array_index (frame->marks, YpTimelineFrameMark, i);
      if (m->title != NULL)
        {
          g_autoptr(YpEvent) e = g_list_model_get_item (yp_session_get_events (session), m->first);
          title = m->title;
          /* Labels are in Korean now, though the UI is English. */
          g_assert_cmpstr (m->title, ==, yp_event_get_title (e, YP_LANG_KO));
        }
    }
  g_assert_nonnull (title);
  g_action_group_activate_action (G_ACTION_GROUP (app), "content-language", g_variant_new_string ("ui"));
  close_window (window);
}

/* The selected event is never inside an aggregate, and an aggregate is
 * dimmed when none of its events matches the search: checked against every
 * event of every aggregate in the frame. */
static gboolean
frame_has_aggregate (YpTimeline *timeline,
                     gboolean    want_selected,
                     gboolean    want_dimmed)
{
  g_autoptr(YpTimelineFrame) f = yp_timeline_dup_frame (timeline);

  for (guint i = 0; f && i < f->marks->len; i++)
    {
      const YpTimelineFrameMark *m = &g_array_index (f->marks, YpTimelineFrameMark, i);

      if (m->count > 1 && (!want_selected || m->selected) && (!want_dimmed || m->dimmed))
        return TRUE;
    }
  return FALSE;
}

static void
test_aggregates_selected_and_dimmed (void)
{
  YpWindow *window = open_window ();
  YpTimeline *timeline = yp_window_get_timeline (window);
  YpSession *session = yp_window_get_session (window);
  g_autoptr(YpTimelineFrame) frame = NULL;
  guint first = G_MAXUINT, count = 0;
  guint selected_pos, match;
  guint checked = 0;
  gboolean selected_drawn = FALSE;

  /* In linear time the crisis is an aggregate at the whole span. */
  yp_session_set_story_scale (session, FALSE);
  yp_session_zoom_to_fit (session);
  YP_TEST_WAIT_UNTIL (frame_has_aggregate (timeline, FALSE, FALSE));
  frame = yp_timeline_dup_frame (timeline);
  for (guint i = 0; i < frame->marks->len && count == 0; i++)
    if (g_array_index (frame->marks, YpTimelineFrameMark, i).count > 2)
      {
        first = g_array_index (frame->marks, YpTimelineFrameMark, i).first;
        count = g_array_index (frame->marks, YpTimelineFrameMark, i).count;
      }
  g_assert_cmpuint (count, >, 2);
  /* Its second event selected; the only match, its last one. */
  selected_pos = yp_session_shown_to_position (session, first + 1);
  match = yp_session_shown_to_position (session, first + count - 1);
  yp_session_select_position (session, selected_pos);
  yp_session_set_matches (session, &match, 1);
  YP_TEST_WAIT_UNTIL (frame_has_aggregate (timeline, FALSE, TRUE));
  g_clear_pointer (&frame, yp_timeline_frame_free);

  frame = yp_timeline_dup_frame (timeline);
  for (guint i = 0; i < frame->marks->len; i++)
    {
      const YpTimelineFrameMark *m = &g_array_index (frame->marks, YpTimelineFrameMark, i);
      gboolean holds_selected = FALSE, all_dimmed = TRUE;

      /* The selected event leaves its aggregate: its own labelled mark. */
      if (m->count == 1 && m->position == selected_pos)
        {
          g_assert_true (m->selected);
          g_assert_nonnull (m->title);
          selected_drawn = TRUE;
        }
      if (m->count < 2)
        continue;
      for (guint j = 0; j < m->count; j++)
        {
          guint pos = yp_session_shown_to_position (session, m->first + j);

          holds_selected |= pos == selected_pos;
          all_dimmed &= pos != match;
        }
      g_assert_false (holds_selected);
      g_assert_false (m->selected);
      g_assert_cmpint (m->dimmed, ==, all_dimmed);
      checked++;
    }
  g_assert_true (selected_drawn);
  g_assert_cmpuint (checked, >=, 1);
  yp_session_set_matches (session, NULL, 0);
  yp_session_select (session, NULL);
  close_window (window);
}

/* Pixels: the timeline draws its marks where its frame and hit areas say.
 * The widget's own snapshot function is run here, so the pixels, the
 * recorded frame and the hit areas all come from the same drawing (a
 * GtkWidgetPaintable may hand back an older cached image). */
static void
test_draws_events (void)
{
  YpWindow *window = open_window ();
  YpTimeline *timeline = yp_window_get_timeline (window);
  YpSession *session = yp_window_get_session (window);
  GtkWidget *widget = GTK_WIDGET (timeline);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(YpTimelineFrame) frame = NULL;
  g_autofree guchar *data = NULL;
  GtkSnapshot *snapshot;
  int w, h, stride;
  guint checked = 0;
  guchar bg[3];
  GdkRGBA base;

  yp_test_show_crisis (window);
  {
    graphene_rect_t a;
    guint first_pub = event_index (session, "altman-removed");
    YP_TEST_WAIT_UNTIL (yp_timeline_get_event_area (timeline, first_pub, &a));
  }
  w = gtk_widget_get_width (widget);
  h = gtk_widget_get_height (widget);
  /* The widget draws on the window's background, which is the theme's
   * base colour; without it the texture would be transparent and any
   * spot would differ from the background. */
  {
    g_autoptr(YpTimelineFrame) before = yp_timeline_dup_frame (timeline);

    g_assert_nonnull (before);
    base = before->base;
  }
  snapshot = gtk_snapshot_new ();
  gtk_snapshot_append_color (snapshot, &base, &GRAPHENE_RECT_INIT (0, 0, w, h));
  GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, w, h));
  stride = w * 4;
  data = g_malloc (stride * h);
  gdk_texture_download (texture, data, stride);

  /* The frame this very snapshot recorded. */
  frame = yp_timeline_dup_frame (timeline);
  g_assert_nonnull (frame);
  g_assert_cmpfloat (frame->width, ==, w);
  g_assert_true (gdk_rgba_equal (&frame->base, &base));
  /* Era bands tint the background by a few percent at most. Downloads
   * are BGRA. */
  bg[0] = (guchar) (base.blue * 255);
  bg[1] = (guchar) (base.green * 255);
  bg[2] = (guchar) (base.red * 255);

  for (guint i = 0; i < frame->marks->len; i++)
    {
      const YpTimelineFrameMark *m = &g_array_index (frame->marks, YpTimelineFrameMark, i);
      YpTimelineHit hit;
      const guchar *px;
      int x, y;

      /* Single, undimmed events in a row of their own (a title). */
      if (m->count != 1 || m->title == NULL || m->dimmed)
        continue;
      /* Inside the ring of an unconfirmed event (2 px wide at the rim),
       * and inside the disc of the others. */
      x = (int) floor (m->x + m->r - 1);
      y = (int) floor (m->y);
      if (x < 0 || x >= w || y < 0 || y >= h)
        continue;
      px = data + y * stride + x * 4;
      /* The mark's colour, not the background's. */
      g_assert_true (abs (px[0] - bg[0]) + abs (px[1] - bg[1]) + abs (px[2] - bg[2]) > 100);
      /* And a click there lands on that event. */
      g_assert_true (yp_timeline_hit_test (timeline, m->x, m->y, &hit));
      g_assert_cmpint (hit.kind, ==, YP_TIMELINE_HIT_EVENT);
      g_assert_cmpuint (hit.first, ==, m->first);
      checked++;
    }
  g_test_message ("%u marks checked", checked);
  g_assert_cmpuint (checked, >=, 10);
  close_window (window);
}

/* The timeline laid out again at its size, its labels measured anew, and
 * painted into a texture of BGRA pixels: drawn from what was measured
 * when @from_measured, else each label shaped again at the paint. */
static GBytes *
relayout_and_paint (YpWindow *window,
                    gboolean  from_measured,
                    guint    *n_measured)
{
  YpTimeline *timeline = yp_window_get_timeline (window);
  GtkWidget *widget = GTK_WIDGET (timeline);
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot;
  guchar *data = g_malloc (w * 4 * h);

  yp_timeline_layout_invalidate (timeline->layout_engine);
  timeline->frame_dirty = TRUE;
  GTK_WIDGET_GET_CLASS (widget)->size_allocate (widget, w, h, -1);
  *n_measured = g_hash_table_size (timeline->measured);
  if (!from_measured)
    g_hash_table_remove_all (timeline->measured);
  /* Nor from the labels the last paint kept. */
  g_hash_table_remove_all (timeline->labels);
  snapshot = gtk_snapshot_new ();
  gtk_snapshot_append_color (snapshot, &timeline->frame->base, &GRAPHENE_RECT_INIT (0, 0, w, h));
  GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
  /* What the paint took is let go with it. */
  g_assert_cmpuint (g_hash_table_size (timeline->measured), ==, 0);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, w, h));
  gdk_texture_download (texture, data, w * 4);
  return g_bytes_new_take (data, w * 4 * h);
}

/* The timeline as its own snapshot paints it, alone or over @under (an
 * opaque colour under the whole widget, or NULL): BGRA pixels. */
static GBytes *
paint_alone (YpWindow      *window,
             const GdkRGBA *under)
{
  GtkWidget *widget = GTK_WIDGET (yp_window_get_timeline (window));
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  guchar *data = g_malloc (w * 4 * h);

  if (under != NULL)
    gtk_snapshot_append_color (snapshot, under, &GRAPHENE_RECT_INIT (0, 0, w, h));
  GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, w, h));
  gdk_texture_download (texture, data, w * 4);
  return g_bytes_new_take (data, w * 4 * h);
}

/* The timeline paints its own background (style.css gives it none, so it
 * is not filled twice): every pixel opaque, and whatever is under it
 * changes nothing, in the era bands' columns (an era's edge between two
 * pixels included), the gaps between eras and the axis. */
static void
test_paints_own_background (void)
{
  YpWindow *window = open_window ();
  YpSession *session = yp_window_get_session (window);
  const GdkRGBA red = { 1, 0, 0, 1 };
  YpTimeRange bounds;

  yp_session_get_bounds (session, &bounds);
  for (guint view = 0; view < 3; view++)
    {
      g_autoptr(GBytes) alone = NULL;
      g_autoptr(GBytes) over_red = NULL;
      const YpTimelineFrame *frame;
      const guchar *px;
      gsize n;
      guint edges = 0;

      if (view == 0)
        yp_test_show_crisis (window);
      else if (view == 1)
        yp_session_set_visible (session, bounds.start, bounds.end);
      else
        yp_session_set_visible (session, bounds.start - 30 * 86400.0, bounds.start + 60 * 86400.0);
      yp_test_wait_for_frame (GTK_WIDGET (yp_window_get_timeline (window)));
      frame = yp_timeline_get_frame (yp_window_get_timeline (window));
      g_assert_nonnull (frame);
      for (guint i = 0; i < frame->eras->len; i++)
        {
          const YpTimelineFrameEra *e = &g_array_index (frame->eras, YpTimelineFrameEra, i);

          edges += e->x0 > 0 && e->x0 < frame->width && e->x0 != floor (e->x0);
        }
      g_test_message ("view %u: %u eras, %u edges between pixels", view, frame->eras->len, edges);
      if (view == 0)
        g_assert_cmpuint (edges, >=, 1);

      alone = paint_alone (window, NULL);
      over_red = paint_alone (window, &red);
      px = g_bytes_get_data (alone, &n);
      for (gsize i = 3; i < n; i += 4)
        if (px[i] != 255)
          g_error ("view %u: pixel %" G_GSIZE_FORMAT " not painted (alpha %u)", view, i / 4, px[i]);
      g_assert_true (g_bytes_equal (alone, over_red));
    }
  close_window (window);

  /* Without a session: the base alone. */
  {
    GtkWindow *bare = GTK_WINDOW (gtk_window_new ());
    GtkWidget *timeline = yp_timeline_new ();
    g_autoptr(GskRenderNode) node = NULL;
    GtkSnapshot *snapshot = gtk_snapshot_new ();

    gtk_window_set_default_size (bare, 300, 200);
    gtk_window_set_child (bare, timeline);
    gtk_window_present (bare);
    YP_TEST_WAIT_UNTIL (gtk_widget_get_width (timeline) > 0);
    GTK_WIDGET_GET_CLASS (timeline)->snapshot (timeline, snapshot);
    node = gtk_snapshot_free_to_node (snapshot);
    g_assert_nonnull (node);
    g_assert_cmpint (gsk_render_node_get_node_type (node), ==, GSK_COLOR_NODE);
    g_assert_true (gdk_rgba_equal (gsk_color_node_get_color (node), &YP_TIMELINE (timeline)->base));
    yp_test_destroy_window (bare);
  }
}

/* A label measured in the frame that paints it is drawn from its
 * measured text, and looks exactly as one shaped at the paint: cut short
 * with an ellipsis where it does not fit. */
static void
test_measured_labels_drawn_alike (void)
{
  YpWindow *window = open_window ();
  g_autoptr(GBytes) measured = NULL;
  g_autoptr(GBytes) shaped = NULL;
  const YpTimelineFrame *frame;
  guint n_measured, n_again, n_cut = 0;

  yp_test_show_crisis (window);
  measured = relayout_and_paint (window, TRUE, &n_measured);
  frame = yp_timeline_get_frame (yp_window_get_timeline (window));
  for (guint i = 0; i < frame->marks->len; i++)
    {
      const YpTimelineFrameMark *m = &g_array_index (frame->marks, YpTimelineFrameMark, i);

      if (m->title != NULL && m->title_width > m->label_width)
        n_cut++;
    }
  shaped = relayout_and_paint (window, FALSE, &n_again);
  g_test_message ("%u labels measured, %u of the drawn ones cut short", n_measured, n_cut);
  g_assert_cmpuint (n_measured, >=, 10);
  g_assert_cmpuint (n_again, ==, n_measured);
  g_assert_cmpuint (n_cut, >=, 1);
  g_assert_true (g_bytes_equal (measured, shaped));
  close_window (window);
}

/* The selection is drawn labelled and in view, whichever way it came:
 * the list, the keyboard, or a link or passage (both select through the
 * session), starting from a view where the event is out of sight or
 * inside an aggregate. */
static gboolean
selected_is_drawn (YpTimeline *timeline,
                   YpSession  *session)
{
  const YpTimelineFrame *frame = yp_timeline_get_frame (timeline);
  guint position = yp_session_get_selected_position (session);

  for (guint i = 0; frame != NULL && i < frame->marks->len; i++)
    {
      const YpTimelineFrameMark *m = &g_array_index (frame->marks, YpTimelineFrameMark, i);

      if (m->count == 1 && m->position == position && m->selected && m->title != NULL &&
          m->x >= 0 && m->x <= frame->width)
        return TRUE;
    }
  return FALSE;
}

static void
test_selection_always_seen (void)
{
  YpWindow *window = open_window ();
  YpTimeline *timeline = yp_window_get_timeline (window);
  YpSession *session = yp_window_get_session (window);
  GtkSingleSelection *list = GTK_SINGLE_SELECTION (gtk_list_view_get_model (yp_window_get_event_list (window)));
  guint last = yp_session_get_n_shown (session) - 1;

  /* From the list, with the view on the first day (the last event far
   * out of sight). */
  yp_session_set_story_scale (session, FALSE);
  yp_session_set_visible (session, 0, 1);
  yp_test_wait_for_frame (GTK_WIDGET (timeline));
  gtk_single_selection_set_selected (list, last);
  YP_TEST_WAIT_UNTIL (selected_is_drawn (timeline, session));
  g_assert_true (selected_is_drawn (timeline, session));

  /* From the keyboard, at the whole span, where the crisis is one mark. */
  yp_session_zoom_to_fit (session);
  yp_session_select_position (session, yp_session_shown_to_position (session, 3));
  gtk_widget_grab_focus (GTK_WIDGET (timeline));
  yp_session_zoom_to_fit (session);
  yp_test_wait_for_frame (GTK_WIDGET (timeline));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (timeline), "timeline.step", "i", 1));
  YP_TEST_WAIT_UNTIL (selected_is_drawn (timeline, session));
  g_assert_true (selected_is_drawn (timeline, session));

  /* From a link or a passage: the session, with the view elsewhere. */
  yp_session_set_visible (session, 0, 1);
  yp_session_select_position (session, yp_session_shown_to_position (session, 10));
  YP_TEST_WAIT_UNTIL (selected_is_drawn (timeline, session));
  g_assert_true (selected_is_drawn (timeline, session));
  yp_session_select (session, NULL);
  close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gtk_init ();

  /* Not a skip: without X11 this test cannot check anything. */
#ifdef GDK_WINDOWING_X11
  if (!GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
#endif
    {
      g_printerr ("test-timeline needs an X11 display (it drives it with xdotool)\n");
      return 1;
    }

  app = yp_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  g_application_hold (G_APPLICATION (app));

  g_test_add_func ("/timeline/wheel-zooms-around-pointer", test_wheel_zooms_around_pointer);
  g_test_add_func ("/timeline/shift-wheel-pans", test_shift_wheel_pans);
  g_test_add_func ("/timeline/drag-pans", test_drag_pans);
  g_test_add_func ("/timeline/click-selects-and-shows-quote", test_click_selects_and_shows_quote);
  g_test_add_func ("/timeline/quote-far-down-is-scrolled-into-view", test_quote_far_down_is_scrolled_into_view);
  g_test_add_func ("/timeline/cluster-click-zooms-in", test_cluster_click_zooms_in);
  g_test_add_func ("/timeline/keyboard", test_keyboard);
  g_test_add_func ("/timeline/era-chip", test_era_chip);
  g_test_add_func ("/timeline/highlight-click-selects-event", test_highlight_click_selects_event);
  g_test_add_func ("/timeline/restores-view", test_restores_view);
  g_test_add_func ("/timeline/draws-events", test_draws_events);
  g_test_add_func ("/timeline/measured-labels-drawn-alike", test_measured_labels_drawn_alike);
  g_test_add_func ("/timeline/paints-own-background", test_paints_own_background);
  g_test_add_func ("/timeline/selection-always-seen", test_selection_always_seen);
  g_test_add_func ("/timeline/aggregates-selected-and-dimmed", test_aggregates_selected_and_dimmed);
  g_test_add_func ("/timeline/search-as-you-type", test_search_as_you_type);
  g_test_add_func ("/timeline/passage-result-opens-article", test_passage_result_opens_article);
  g_test_add_func ("/timeline/filter-hides-events", test_filter_hides_events);
  g_test_add_func ("/timeline/bilingual-content", test_bilingual_content);
  ret = g_test_run ();

  g_application_release (G_APPLICATION (app));
  g_object_unref (app);
  return ret;
}
