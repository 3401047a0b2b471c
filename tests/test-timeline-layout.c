/* test-timeline-layout.c: the timeline's frame, laid out without a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Text widths come from a fixed rule (7 px a character, 8 in bold), so
 * these checks hold whatever fonts the machine has; test-timeline checks
 * the same things in the real window with real fonts.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "yp-import.h"
#include "yp-yeonpyo-reader.h"
#include "yp-session.h"
#include "yp-timeline-layout.h"

#define CHAR_W    7.0
#define BURST_START 1700208000.0
#define BURST_END   1700726400.0
#define DAY         86400.0

static double
measure (const char *text,
         gboolean    bold,
         gpointer    user_data)
{
  return g_utf8_strlen (text, -1) * (bold ? CHAR_W + 1 : CHAR_W);
}

static YpSession *
shipped_session (gboolean story)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "timeline.json", NULL);
  g_autoptr(YpRecord) record = yp_yeonpyo_reader_load_file (path, NULL, NULL);
  YpSession *session;

  g_assert_nonnull (record);
  session = yp_session_new (record);
  yp_session_set_story_scale (session, story);
  yp_session_zoom_to_fit (session);
  return session;
}

static YpTimelineFrame *
lay_out (YpTimelineLayout *layout,
         YpSession        *session,
         double            width,
         double            height)
{
  YpTimelineFrame *frame = yp_timeline_frame_new ();
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("America/Los_Angeles");

  yp_timeline_layout_compute (layout, session, width, height, tz, YP_LANG_EN, frame);
  return frame;
}

/* Readable: the whole title, or at least its first 40 characters. */
static gboolean
readable (const YpTimelineFrameMark *m)
{
  return m->title != NULL && m->label_width + 0.5 >= MIN (m->title_width, 40 * CHAR_W);
}

/* The axis's labels (ticks and story-scale breaks) are each clear of
 * the others. */
static void
assert_axis_labels_apart (const YpTimelineFrame *frame,
                          const char            *where)
{
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (double) * 2);
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();

  for (guint i = 0; i < frame->ticks->len; i++)
    {
      const YpTimelineFrameTick *t = &g_array_index (frame->ticks, YpTimelineFrameTick, i);
      double span[2] = { t->x + 4, t->x + 4 + measure (t->label ? t->label : "", FALSE, NULL) };

      if (t->label == NULL)
        continue;
      g_array_append_val (spans, span);
      g_ptr_array_add (texts, t->label);
    }
  for (guint i = 0; i < frame->breaks->len; i++)
    {
      const YpTimelineFrameBreak *b = &g_array_index (frame->breaks, YpTimelineFrameBreak, i);
      double span[2] = { b->label_x, b->label_x + b->label_width };

      if (b->label == NULL)
        continue;
      g_array_append_val (spans, span);
      g_ptr_array_add (texts, b->label);
    }
  for (guint i = 0; i < spans->len; i++)
    for (guint j = i + 1; j < spans->len; j++)
      {
        const double *a = (const double *) (spans->data + i * sizeof (double) * 2);
        const double *b = (const double *) (spans->data + j * sizeof (double) * 2);

        if (a[0] < b[1] - 0.5 && b[0] < a[1] - 0.5)
          g_error ("%s: axis labels \"%s\" (%.1f to %.1f) and \"%s\" (%.1f to %.1f) overlap", where,
                   (const char *) texts->pdata[i], a[0], a[1], (const char *) texts->pdata[j], b[0], b[1]);
      }
}

/* No two labelled marks or badges overlap, and no label leaves the view. */
static void
assert_no_overlap (const YpTimelineFrame *frame,
                   const char            *where)
{
  assert_axis_labels_apart (frame, where);
  for (guint i = 0; i < frame->marks->len; i++)
    {
      const YpTimelineFrameMark *a = &g_array_index (frame->marks, YpTimelineFrameMark, i);

      if (a->row < 0)
        continue;
      if (a->title != NULL && (a->label_x < -0.5 || a->label_x + a->label_width > frame->width + 0.5))
        g_error ("%s: label of %s leaves the view (%.1f to %.1f of %.0f)", where, a->id, a->label_x,
                 a->label_x + a->label_width, frame->width);
      for (guint j = i + 1; j < frame->marks->len; j++)
        {
          const YpTimelineFrameMark *b = &g_array_index (frame->marks, YpTimelineFrameMark, j);
          graphene_rect_t ra = a->rect, rb = b->rect, both;

          if (b->row < 0)
            continue;
          graphene_rect_inset (&ra, 0.5, 0.5);
          graphene_rect_inset (&rb, 0.5, 0.5);
          if (graphene_rect_intersection (&ra, &rb, &both))
            g_error ("%s: marks %u (%s, count %u, row %d) and %u (%s, count %u, row %d) overlap", where,
                     a->position, a->id ? a->id : "-", a->count, a->row,
                     b->position, b->id ? b->id : "-", b->count, b->row);
        }
    }
}

/* At launch (the whole span, story scale, the timeline of a 1280×800
 * window): every event its own mark, no badge, 30 titles readable. */
static void
test_launch_view (void)
{
  g_autoptr(YpSession) session = shipped_session (TRUE);
  g_autoptr(YpTimelineLayout) layout = yp_timeline_layout_new (measure, NULL);
  g_autoptr(YpTimelineFrame) frame = NULL;
  guint n_readable = 0, n_labelled_ticks = 0;

  g_assert_nonnull (yp_session_get_story (session));
  frame = lay_out (layout, session, 1280, 600);
  g_assert_true (frame->story);
  g_assert_cmpuint (frame->breaks->len, >, 0);
  g_assert_cmpuint (frame->marks->len, ==, yp_session_get_n_shown (session));
  for (guint i = 0; i < frame->marks->len; i++)
    {
      const YpTimelineFrameMark *m = &g_array_index (frame->marks, YpTimelineFrameMark, i);

      g_assert_cmpuint (m->count, ==, 1);
      n_readable += readable (m);
    }
  g_test_message ("%u of %u titles readable", n_readable, frame->marks->len);
  g_assert_cmpuint (n_readable, >=, 30);
  for (guint i = 0; i < frame->ticks->len; i++)
    n_labelled_ticks += g_array_index (frame->ticks, YpTimelineFrameTick, i).label != NULL;
  /* The crisis days and the later months are named on the axis. */
  g_assert_cmpuint (n_labelled_ticks, >=, 4);
  assert_no_overlap (frame, "launch");
}

/* The benchmark's scripts over the shipped story, in both scales: pan a
 * 14-day window across the burst, zoom from the whole span to an hour. */
static void
test_no_overlap_scripts (void)
{
  for (int story = 0; story <= 1; story++)
    {
      g_autoptr(YpSession) session = shipped_session (story);
      g_autoptr(YpTimelineLayout) layout = yp_timeline_layout_new (measure, NULL);
      YpTimeRange bounds;
      double whole, center = (BURST_START + BURST_END) / 2;

      for (guint i = 0; i <= 20; i++)
        {
          g_autoptr(YpTimelineFrame) frame = NULL;
          g_autofree char *where = g_strdup_printf ("pan %u (story %d)", i, story);

          yp_session_set_visible (session, BURST_START - 4 * DAY + i * DAY, BURST_END + 4 * DAY + i * DAY);
          frame = lay_out (layout, session, 1280, 600);
          assert_no_overlap (frame, where);
        }
      yp_session_zoom_to_fit (session);
      yp_session_get_bounds (session, &bounds);
      whole = bounds.end - bounds.start;
      for (guint i = 0; i <= 40; i++)
        for (const double *w = (const double[]) { 360, 800, 1360, 1920, 0 }; *w > 0; w++)
          {
            g_autoptr(YpTimelineFrame) frame = NULL;
            double width = *w;
            g_autofree char *where = g_strdup_printf ("zoom %u at %.0f px (story %d)", i, width, story);
            double span = whole * pow (3600.0 / whole, i / 40.0);

            if (i == 0)
              yp_session_zoom_to_fit (session);
            else
              yp_session_set_visible (session, center - span / 2, center + span / 2);
            frame = lay_out (layout, session, width, 400);
            assert_no_overlap (frame, where);
          }
    }
}

/* Selecting an event that sits inside an aggregate, or out of view, draws
 * it as its own labelled mark, in view. */
static void
test_selection_is_seen (void)
{
  g_autoptr(YpSession) session = shipped_session (FALSE);
  g_autoptr(YpTimelineLayout) layout = yp_timeline_layout_new (measure, NULL);
  guint n = yp_session_get_n_shown (session);

  for (guint i = 0; i < n; i += 3)
    {
      guint position = yp_session_shown_to_position (session, i);
      g_autoptr(YpTimelineFrame) frame = NULL;
      gboolean seen = FALSE;

      /* Whole span in linear time: the crisis is an aggregate. Or a day
       * far from the event. */
      if (i % 2)
        yp_session_zoom_to_fit (session);
      else
        yp_session_set_visible (session, BURST_START - 400 * DAY, BURST_START - 399 * DAY);
      yp_session_select_position (session, position);
      frame = lay_out (layout, session, 1280, 400);
      for (guint j = 0; j < frame->marks->len; j++)
        {
          const YpTimelineFrameMark *m = &g_array_index (frame->marks, YpTimelineFrameMark, j);

          if (m->count == 1 && m->position == position && m->selected && m->title != NULL &&
              m->x >= 0 && m->x <= 1280)
            seen = TRUE;
          g_assert_false (m->count > 1 && m->selected);
        }
      if (!seen)
        g_error ("event %u selected but not drawn labelled in view", position);
      yp_session_select (session, NULL);
    }
}

/* Three slides 5 ms apart (12:00:01.250, .255, .260 UTC): zoomed in as far
 * as the view goes, each is a mark of its own at its own x, in time order,
 * the axis names the instants to the millisecond, and selecting one does
 * not move the view and draws its whole title. */
static void
test_milliseconds_apart (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "tljs-milliseconds.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(YpRecord) record = yp_import_load_file (path, NULL, &error);
  g_autoptr(YpSession) session = NULL;
  g_autoptr(YpTimelineLayout) layout = yp_timeline_layout_new (measure, NULL);
  g_autoptr(YpTimelineFrame) frame = NULL;
  const double second = 1721995201.0;   /* 2024-07-26 12:00:01 UTC */
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  guint n_ms_labels = 0, n_selected = 0;
  gboolean named = FALSE;

  g_assert_no_error (error);
  session = yp_session_new (record);
  g_assert_cmpuint (yp_session_get_n_shown (session), ==, 3);
  /* Zoom in around the middle one, from a window centred on it, until the
   * view stops narrowing. */
  yp_session_set_visible (session, second + 0.155, second + 0.355);
  for (int i = 0; i < 60; i++)
    yp_session_zoom (session, 2.0, second + 0.255);
  g_assert_cmpfloat (yp_session_get_visible_end (session) - yp_session_get_visible_start (session), <, 0.1);
  frame = yp_timeline_frame_new ();
  yp_timeline_layout_compute (layout, session, 1280, 400, utc, YP_LANG_EN, frame);

  g_assert_cmpuint (frame->marks->len, ==, 3);
  for (guint i = 0; i < frame->marks->len; i++)
    {
      const YpTimelineFrameMark *m = &g_array_index (frame->marks, YpTimelineFrameMark, i);

      g_assert_cmpuint (m->count, ==, 1);
      g_assert_cmpfloat (m->x, >=, 0);
      g_assert_cmpfloat (m->x, <=, 1280);
      if (i > 0)
        g_assert_cmpfloat (m->x, >, g_array_index (frame->marks, YpTimelineFrameMark, i - 1).x + 12);
    }
  for (guint i = 0; i < frame->ticks->len; i++)
    {
      const char *label = g_array_index (frame->ticks, YpTimelineFrameTick, i).label;

      if (label != NULL && g_str_has_prefix (label, "12:00:01.") && strlen (label) == 12)
        n_ms_labels++;
      named |= g_strcmp0 (label, "12:00:01.250") == 0;
    }
  g_assert_cmpuint (n_ms_labels, >=, 3);
  g_assert_true (named);

  /* Selecting one leaves the view where it is: the event is in view, to
   * the millisecond, though its whole second is not. */
  {
    double start = yp_session_get_visible_start (session);

    yp_session_select_position (session, 1);
    g_assert_cmpfloat (yp_session_get_visible_start (session), ==, start);
  }

  /* The selected label is drawn in bold, and the room to the next mark
   * (320 px) holds all of it: it is not cut. */
  yp_timeline_layout_compute (layout, session, 1280, 400, utc, YP_LANG_EN, frame);
  for (guint i = 0; i < frame->marks->len; i++)
    {
      const YpTimelineFrameMark *m = &g_array_index (frame->marks, YpTimelineFrameMark, i);

      if (m->selected)
        {
          g_assert_cmpfloat (m->label_width, >=, strlen ("First reaction") * (CHAR_W + 1));
          n_selected++;
        }
    }
  g_assert_cmpuint (n_selected, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/timeline-layout/launch-view", test_launch_view);
  g_test_add_func ("/timeline-layout/no-overlap-scripts", test_no_overlap_scripts);
  g_test_add_func ("/timeline-layout/selection-is-seen", test_selection_is_seen);
  g_test_add_func ("/timeline-layout/milliseconds-apart", test_milliseconds_apart);

  return g_test_run ();
}
