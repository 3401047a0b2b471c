/* yp-timeline.c: the zoomable timeline of events
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Drawn in snapshot at a cost that follows what is visible, not what is
 * loaded: the events' anchors are a sorted array (the session's), the
 * visible slice is found by binary search inside yp_lanes_cluster(), events
 * that crowd one spot are drawn as one mark with a count, and label widths
 * are measured once per event and font, not per frame. Labels are placed
 * in rows, first fit, so they never overlap; events at the same instant
 * end up stacked in successive rows.
 *
 * From top to bottom: the era strip (names; click one to zoom to the era),
 * the event rows, the time axis. Era bands run behind everything.
 */
#define G_LOG_DOMAIN "yp-timeline"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "yp-format.h"
#include "yp-lanes.h"
#include "yp-ticks.h"
#include "yp-timeline.h"
#include "yp-timeline-mark.h"
#include "yp-timeline-private.h"

#define ERA_STRIP_H     YP_TIMELINE_ERA_STRIP_H
#define AXIS_H          YP_TIMELINE_AXIS_H
#define ROW_H           YP_TIMELINE_ROW_H
#define DRAG_THRESHOLD   4.0
#define WHEEL_FACTOR     1.25

struct _YpTimeline
{
  GtkWidget    parent_instance;

  YpSession   *session;
  gulong       visible_handler;
  gulong       selected_handler;
  gulong       items_handler;
  gulong       filter_handler;
  gulong       matches_handler;

  /* Where things go (no painting), and what the last frame drew. */
  YpTimelineLayout *layout_engine;
  YpTimelineFrame  *frame;
  gboolean          frame_dirty;  /* the session or the style changed */
  /* A child widget per drawn mark, for screen readers and the keyboard
   * (yp-timeline-mark.c). */
  GPtrArray        *marks;
  char             *description;
  guint             relayout_tick;
  gboolean          marks_pending;
  /* The views before each aggregate entered, for Escape to go back. */
  GArray           *entered;
  PangoAttrList *bold;
  PangoLayout *layout;
  YpLang       lang;
  GTimeZone   *tz;

  /* Theme colours, cached in css_changed. */
  GdkRGBA      fg;
  GdkRGBA      accent;
  GdkRGBA      accent_fg;
  GdkRGBA      base;
  gboolean     dark;           /* light text on a dark base */

  /* Input state. */
  double       pointer_x;
  gboolean     dragging;
  gboolean     drag_moved;
  double       drag_start_visible;
  double       drag_start_end;
  double       zoom_last_scale;
};

G_DEFINE_FINAL_TYPE (YpTimeline, yp_timeline, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers */

static void
get_scale (YpTimeline  *self,
           YpTimeScale *scale)
{
  yp_time_scale_init (scale,
                      self->session ? yp_session_get_view_start (self->session) : 0,
                      self->session ? yp_session_get_view_end (self->session) : 1,
                      MAX (1, gtk_widget_get_width (GTK_WIDGET (self))));
}

/* The @index-th shown event (the anchors array's order). */
static YpEvent *
peek_event (YpTimeline *self,
            guint       index)
{
  return yp_timeline_event_at (self->session, yp_session_shown_to_position (self->session, index));
}

static void
invalidate_labels (YpTimeline *self)
{
  yp_timeline_layout_invalidate (self->layout_engine);
}

static void
ensure_layout (YpTimeline *self)
{
  if (self->layout == NULL)
    {
      self->layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
      pango_layout_set_ellipsize (self->layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_single_paragraph_mode (self->layout, TRUE);
    }
}

/* The layout's measuring callback: the widget's font. */
static double
measure_text (const char *text,
              gboolean    bold,
              gpointer    user_data)
{
  YpTimeline *self = user_data;
  int pw, ph;

  ensure_layout (self);
  pango_layout_set_width (self->layout, -1);
  pango_layout_set_text (self->layout, text, -1);
  pango_layout_set_attributes (self->layout, bold ? self->bold : NULL);
  pango_layout_get_pixel_size (self->layout, &pw, &ph);
  pango_layout_set_attributes (self->layout, NULL);
  return pw;
}

static GdkRGBA
with_alpha (const GdkRGBA *c,
            double         alpha)
{
  GdkRGBA r = *c;

  r.alpha *= alpha;
  return r;
}

/* A disc when @half_width is @r, else a pill of that half width. */
static void
append_pill (GtkSnapshot   *snapshot,
             double         cx,
             double         cy,
             double         half_width,
             double         r,
             const GdkRGBA *color)
{
  GskRoundedRect rr;
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (cx - half_width, cy - r, 2 * half_width, 2 * r);

  gsk_rounded_rect_init_from_rect (&rr, &bounds, r);
  gtk_snapshot_push_rounded_clip (snapshot, &rr);
  gtk_snapshot_append_color (snapshot, color, &bounds);
  gtk_snapshot_pop (snapshot);
}

static void
append_pill_ring (GtkSnapshot   *snapshot,
                  double         cx,
                  double         cy,
                  double         half_width,
                  double         r,
                  double         width,
                  const GdkRGBA *color)
{
  GskRoundedRect rr;
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (cx - half_width, cy - r, 2 * half_width, 2 * r);
  const float widths[4] = { width, width, width, width };
  const GdkRGBA colors[4] = { *color, *color, *color, *color };

  gsk_rounded_rect_init_from_rect (&rr, &bounds, r);
  gtk_snapshot_append_border (snapshot, &rr, widths, colors);
}

static void
append_circle (GtkSnapshot   *snapshot,
               double         cx,
               double         cy,
               double         r,
               const GdkRGBA *color)
{
  append_pill (snapshot, cx, cy, r, r, color);
}

static void
append_ring (GtkSnapshot   *snapshot,
             double         cx,
             double         cy,
             double         r,
             double         width,
             const GdkRGBA *color)
{
  append_pill_ring (snapshot, cx, cy, r, r, width, color);
}

static void
append_text (YpTimeline    *self,
             GtkSnapshot   *snapshot,
             const char    *text,
             double         x,
             double         y_center,
             double         max_width,
             const GdkRGBA *color,
             gboolean       bold)
{
  int pw, ph;

  pango_layout_set_text (self->layout, text, -1);
  pango_layout_set_width (self->layout, max_width > 0 ? (int) ceil (max_width * PANGO_SCALE) : -1);
  if (bold)
    pango_layout_set_attributes (self->layout, self->bold);
  pango_layout_get_pixel_size (self->layout, &pw, &ph);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y_center - ph / 2.0));
  gtk_snapshot_append_layout (snapshot, self->layout, color);
  gtk_snapshot_restore (snapshot);
  if (bold)
    pango_layout_set_attributes (self->layout, NULL);
}

/* Painting: everything comes from the frame (yp-timeline-layout.c). */

static void
paint_eras (YpTimeline            *self,
            GtkSnapshot           *snapshot,
            const YpTimelineFrame *frame)
{
  GdkRGBA edge = with_alpha (&self->fg, 0.12);
  GdkRGBA text = with_alpha (&self->fg, 0.75);

  for (guint i = 0; i < frame->eras->len; i++)
    {
      const YpTimelineFrameEra *e = &g_array_index (frame->eras, YpTimelineFrameEra, i);
      GdkRGBA tint = with_alpha (&self->fg, e->alternate ? 0.07 : 0.03);

      gtk_snapshot_append_color (snapshot, &tint, &GRAPHENE_RECT_INIT (e->x0, 0, e->x1 - e->x0, frame->axis_top));
      /* A thin edge where eras meet. */
      if (e->x0 > 0)
        gtk_snapshot_append_color (snapshot, &edge, &GRAPHENE_RECT_INIT (e->x0, 0, 1, frame->axis_top));
      if (e->name != NULL)
        append_text (self, snapshot, e->name, e->x0 + 8, frame->era_strip_height / 2 + 2, e->x1 - e->x0 - 14,
                     &text, TRUE);
    }
}

static void
zigzag_cb (cairo_t       *cr,
           double         x0,
           double         x1,
           double         y0,
           double         y1,
           const GdkRGBA *color)
{
  double mid = (x0 + x1) / 2, amp = MIN (4, MAX (2, (x1 - x0) / 4));

  gdk_cairo_set_source_rgba (cr, color);
  cairo_set_line_width (cr, 1.5);
  for (int side = -1; side <= 1; side += 2)
    {
      double x = mid + side * MAX (2, (x1 - x0) / 2 - amp);

      cairo_move_to (cr, x, y0);
      for (double y = y0; y < y1; y += 4)
        cairo_line_to (cr, x + ((int) ((y - y0) / 4) % 2 ? amp : -amp), y + 4);
      cairo_stroke (cr);
    }
}

static void
paint_axis (YpTimeline            *self,
            GtkSnapshot           *snapshot,
            const YpTimelineFrame *frame)
{
  GdkRGBA line = with_alpha (&self->fg, 0.35);
  GdkRGBA minor_c = with_alpha (&self->fg, 0.2);
  GdkRGBA grid = with_alpha (&self->fg, 0.06);
  GdkRGBA text = with_alpha (&self->fg, 0.8);
  GdkRGBA bg = with_alpha (&self->fg, 0.03);
  double top = frame->axis_top;

  gtk_snapshot_append_color (snapshot, &bg, &GRAPHENE_RECT_INIT (0, top, frame->width, YP_TIMELINE_AXIS_H));
  gtk_snapshot_append_color (snapshot, &line, &GRAPHENE_RECT_INIT (0, top, frame->width, 1));

  for (guint i = 0; i < frame->ticks->len; i++)
    {
      const YpTimelineFrameTick *t = &g_array_index (frame->ticks, YpTimelineFrameTick, i);

      if (!t->major)
        {
          gtk_snapshot_append_color (snapshot, &minor_c, &GRAPHENE_RECT_INIT (t->x, top, 1, 4));
          continue;
        }
      gtk_snapshot_append_color (snapshot, &grid, &GRAPHENE_RECT_INIT (t->x, frame->era_strip_height, 1,
                                                                        top - frame->era_strip_height));
      gtk_snapshot_append_color (snapshot, &line, &GRAPHENE_RECT_INIT (t->x, top, 1, 8));
      if (t->label != NULL)
        append_text (self, snapshot, t->label, t->x + 4, top + 20, -1, &text, FALSE);
    }

  /* Story scale: a collapsed stretch is a pale band with a zig-zag at each
   * side across the whole view, and its length under the axis. */
  for (guint i = 0; i < frame->breaks->len; i++)
    {
      const YpTimelineFrameBreak *b = &g_array_index (frame->breaks, YpTimelineFrameBreak, i);
      graphene_rect_t bounds = GRAPHENE_RECT_INIT (b->x0 - 6, top - 14, b->x1 - b->x0 + 12, 28);
      cairo_t *cr;

      gtk_snapshot_append_color (snapshot, &bg, &GRAPHENE_RECT_INIT (b->x0, 0, b->x1 - b->x0, top));
      gtk_snapshot_append_color (snapshot, &self->base, &GRAPHENE_RECT_INIT (b->x0, top - 2, b->x1 - b->x0, 5));
      cr = gtk_snapshot_append_cairo (snapshot, &bounds);
      zigzag_cb (cr, b->x0, b->x1, top - 12, top + 10, &line);
      cairo_destroy (cr);
      if (b->label != NULL)
        append_text (self, snapshot, b->label, b->label_x, top + 20, -1, &text, FALSE);
    }
}

static void
paint_marks (YpTimeline            *self,
             GtkSnapshot           *snapshot,
             const YpTimelineFrame *frame)
{
  double bottom = frame->axis_top - 6;
  GdkRGBA connector = with_alpha (&self->fg, 0.18);
  YpTimelineInks ink;
  GdkRGBA span_c, span_fuzz, dim_dot, pill;

  yp_timeline_get_inks (self, &ink);
  span_c = ink.span;
  span_fuzz = with_alpha (&self->accent, self->dark ? 0.5 : 0.3);
  dim_dot = ink.axis_mark;
  pill = ink.selected_pill;

  for (guint i = 0; i < frame->marks->len; i++)
    {
      const YpTimelineFrameMark *m = &g_array_index (frame->marks, YpTimelineFrameMark, i);

      if (m->count > 1)
        {
          g_autofree char *count = yp_format_count_short (m->count);
          GdkRGBA fill = m->dimmed ? ink.dimmed_count_fill : ink.count_fill;
          int pw, ph;

          gtk_snapshot_append_color (snapshot, &connector,
                                     &GRAPHENE_RECT_INIT (m->x, m->y + m->r, 1, MAX (0, bottom + 6 - m->y - m->r)));
          append_pill (snapshot, m->x, m->y, m->half_width, m->r, &fill);
          if (m->selected)
            append_pill_ring (snapshot, m->x, m->y, m->half_width + 3, m->r + 3, 2, &self->fg);
          pango_layout_set_width (self->layout, -1);
          pango_layout_set_text (self->layout, count, -1);
          pango_layout_set_attributes (self->layout, self->bold);
          pango_layout_get_pixel_size (self->layout, &pw, &ph);
          pango_layout_set_attributes (self->layout, NULL);
          append_text (self, snapshot, count, m->x - pw / 2.0, m->y, -1,
                       m->dimmed ? &ink.dimmed_count_text : &ink.count_text, TRUE);
          continue;
        }

      if (m->title == NULL)
        {
          append_circle (snapshot, m->x, m->y, m->r, m->selected ? &self->fg : &dim_dot);
          continue;
        }

      {
        GdkRGBA dot = m->dimmed ? ink.dimmed_mark : ink.mark;
        GdkRGBA text_c = m->dimmed ? ink.dimmed_text : ink.text;

        if (m->span_kind != 0)
          {
            double a = MAX (m->span_x0, -10), b = MIN (m->span_x1, frame->width + 10);
            double by = m->y + frame->row_height / 2 - 4;

            /* Under the label, like an underline of its duration; an
             * approximate date fades out at both ends. */
            gtk_snapshot_append_color (snapshot, &span_fuzz, &GRAPHENE_RECT_INIT (a, by, b - a, 3));
            gtk_snapshot_append_color (snapshot, m->span_kind == 2 ? &ink.approximate_span : &span_c,
                                       &GRAPHENE_RECT_INIT (a + m->span_fuzz, by, b - a - 2 * m->span_fuzz, 3));
          }
        gtk_snapshot_append_color (snapshot, &connector,
                                   &GRAPHENE_RECT_INIT (m->x, m->y + m->r, 1, MAX (0, bottom + 6 - m->y - m->r)));
        if (m->unconfirmed)
          append_ring (snapshot, m->x, m->y, m->r, 2, &dot);
        else
          append_circle (snapshot, m->x, m->y, m->r, &dot);
        if (m->selected)
          {
            GskRoundedRect rr;

            gsk_rounded_rect_init_from_rect (&rr, &m->pill, 4);
            gtk_snapshot_push_rounded_clip (snapshot, &rr);
            gtk_snapshot_append_color (snapshot, &pill, &m->pill);
            gtk_snapshot_pop (snapshot);
            append_ring (snapshot, m->x, m->y, m->r + 3, 2, &self->fg);
          }
        append_text (self, snapshot, m->title, m->label_x, m->y, m->label_width, &text_c, m->selected);
      }
    }
}

static void mark_clicked_cb (YpTimelineMark *mark,
                             YpTimeline     *self);
static gboolean relayout_tick_cb (GtkWidget     *widget,
                                  GdkFrameClock *clock,
                                  gpointer       user_data);

/* The marks' widgets follow the frame; what cannot be done during the
 * window's allocation (adding, removing, focusing widgets) is done before
 * the next frame. */
static void
sync_marks (YpTimeline *self,
            gboolean    restructure)
{
  if (yp_timeline_marks_sync (GTK_WIDGET (self), self->marks, self->session,
                              self->frame->width > 0 ? self->frame : NULL, restructure,
                              G_CALLBACK (mark_clicked_cb), self))
    {
      self->marks_pending = TRUE;
      if (self->relayout_tick == 0)
        self->relayout_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), relayout_tick_cb, NULL, NULL);
    }
}

/* Lays the frame out (at allocation, so the marks' widgets are placed
 * over what is then painted) and brings those widgets up to date. */
static void
update_frame (YpTimeline *self,
              gboolean    with_marks)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));

  self->frame_dirty = FALSE;
  if (self->session == NULL || width <= 0 || height <= 0)
    {
      self->frame->width = 0;
      g_array_set_size (self->frame->marks, 0);
      g_array_set_size (self->frame->eras, 0);
      if (with_marks)
        sync_marks (self, FALSE);
      return;
    }

  ensure_layout (self);
  /* The content language can change at any time: labels follow it. */
  if (self->lang != yp_content_lang ())
    {
      self->lang = yp_content_lang ();
      invalidate_labels (self);
      yp_timeline_marks_forget_names (self->marks);
    }
  yp_timeline_layout_compute (self->layout_engine, self->session, width, height, self->tz, self->lang,
                              self->frame);
  self->frame->fg = self->fg;
  self->frame->accent = self->accent;
  self->frame->accent_fg = self->accent_fg;
  self->frame->base = self->base;
  if (!with_marks)
    return;
  sync_marks (self, FALSE);
  /* What it shows, for screen readers: updated only when it changes. */
  {
    g_autofree char *description = yp_timeline_marks_describe (self->session, self->frame);

    if (g_strcmp0 (description, self->description) != 0)
      {
        gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
        g_free (self->description);
        self->description = g_steal_pointer (&description);
      }
  }
}

/* What is drawn changes: laid out again at the next allocation. */
static void
queue_frame (YpTimeline *self)
{
  self->frame_dirty = TRUE;
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
relayout_tick_cb (GtkWidget     *widget,
                  GdkFrameClock *clock,
                  gpointer       user_data)
{
  YpTimeline *self = YP_TIMELINE (widget);

  self->relayout_tick = 0;
  if (self->marks_pending && !self->frame_dirty)
    {
      self->marks_pending = FALSE;
      sync_marks (self, TRUE);
      gtk_widget_queue_allocate (widget);
    }
  else
    queue_frame (self);
  return G_SOURCE_REMOVE;
}

static void
yp_timeline_size_allocate (GtkWidget *widget,
                           int        width,
                           int        height,
                           int        baseline)
{
  YpTimeline *self = YP_TIMELINE (widget);

  if (self->frame_dirty || self->frame->width != width || self->frame->height != height ||
      self->lang != yp_content_lang ())
    update_frame (self, TRUE);
  yp_timeline_marks_allocate (self->marks);
}

static void
yp_timeline_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  YpTimeline *self = YP_TIMELINE (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  GtkWidget *focus;

  if (self->frame_dirty || self->frame->width != width || self->frame->height != height ||
      self->lang != yp_content_lang ())
    {
      /* Changed after this frame's allocation (a session change made
       * while the window was allocated): painted now, and the marks'
       * widgets, which cannot be added or moved while painting, follow
       * at the next frame. */
      update_frame (self, FALSE);
      self->frame_dirty = TRUE;
      if (self->relayout_tick == 0)
        self->relayout_tick = gtk_widget_add_tick_callback (widget, relayout_tick_cb, NULL, NULL);
    }
  if (self->session == NULL || width <= 0 || height <= 0)
    return;

  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  paint_eras (self, snapshot, self->frame);
  paint_axis (self, snapshot, self->frame);
  paint_marks (self, snapshot, self->frame);
  /* The marks' widgets draw nothing but a focused one's focus ring. */
  focus = gtk_widget_get_focus_child (widget);
  if (focus != NULL)
    gtk_widget_snapshot_child (widget, focus, snapshot);
  gtk_snapshot_pop (snapshot);
}

static void
yp_timeline_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 200;
      *natural = 800;
    }
  else
    {
      *minimum = (int) (ERA_STRIP_H + AXIS_H + 4 * ROW_H + 12);
      *natural = (int) (ERA_STRIP_H + AXIS_H + 12 * ROW_H + 12);
    }
}

static void
yp_timeline_css_changed (GtkWidget         *widget,
                         GtkCssStyleChange *change)
{
  YpTimeline *self = YP_TIMELINE (widget);
  GtkStyleContext *ctx = gtk_widget_get_style_context (widget);

  GTK_WIDGET_CLASS (yp_timeline_parent_class)->css_changed (widget, change);

  gtk_style_context_get_color (ctx, &self->fg);
  if (!gtk_style_context_lookup_color (ctx, "yp_event_color", &self->accent) &&
      !gtk_style_context_lookup_color (ctx, "accent_bg_color", &self->accent) &&
      !gtk_style_context_lookup_color (ctx, "theme_selected_bg_color", &self->accent))
    gdk_rgba_parse (&self->accent, "#3584e4");
  if (!gtk_style_context_lookup_color (ctx, "theme_selected_fg_color", &self->accent_fg))
    gdk_rgba_parse (&self->accent_fg, "#ffffff");
  /* On a dark theme the selection colour is too dark for small marks:
   * lift it a third of the way towards the text colour. */
  self->dark = 0.2126 * self->fg.red + 0.7152 * self->fg.green + 0.0722 * self->fg.blue > 0.5;
  if (self->dark)
    {
      self->accent.red += (self->fg.red - self->accent.red) * 0.35;
      self->accent.green += (self->fg.green - self->accent.green) * 0.35;
      self->accent.blue += (self->fg.blue - self->accent.blue) * 0.35;
    }
  if (!gtk_style_context_lookup_color (ctx, "theme_base_color", &self->base))
    gdk_rgba_parse (&self->base, "#ffffff");

  /* Fonts may have changed: labels are measured again. */
  g_clear_object (&self->layout);
  invalidate_labels (self);
  queue_frame (self);
}

/* Input */

static void
zoom_at (YpTimeline *self,
         double      factor,
         double      x)
{
  if (self->session != NULL)
    yp_session_zoom (self->session, factor, yp_timeline_x_to_time (self, x));
}

static gboolean
scroll_cb (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           YpTimeline               *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  double width = MAX (1, gtk_widget_get_width (GTK_WIDGET (self)));
  double span;

  if (self->session == NULL)
    return FALSE;
  span = yp_session_get_view_end (self->session) - yp_session_get_view_start (self->session);

  /* Shift+wheel and horizontal scrolling pan; the wheel zooms. */
  if ((state & GDK_SHIFT_MASK) && dx == 0)
    {
      dx = dy;
      dy = 0;
    }
  if (dx != 0 && fabs (dx) >= fabs (dy))
    {
      yp_session_pan (self->session, dx * 48.0 / width * span);
      return TRUE;
    }
  if (dy != 0)
    {
      zoom_at (self, pow (WHEEL_FACTOR, -dy), self->pointer_x);
      return TRUE;
    }
  return FALSE;
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           YpTimeline               *self)
{
  YpTimelineHit hit;

  self->pointer_x = x;
  if (self->dragging)
    return;
  if (yp_timeline_hit_test (self, x, y, &hit))
    gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "pointer");
  else
    gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grab");
}

static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               YpTimeline     *self)
{
  self->dragging = FALSE;
  self->drag_moved = FALSE;
  if (self->session == NULL)
    return;
  self->drag_start_visible = yp_session_get_view_start (self->session);
  self->drag_start_end = yp_session_get_view_end (self->session);
  if (!gtk_widget_has_focus (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                YpTimeline     *self)
{
  double width = MAX (1, gtk_widget_get_width (GTK_WIDGET (self)));
  double seconds;

  if (self->session == NULL)
    return;
  /* A few pixels of slack, so a click with a shaky hand stays a click. */
  if (!self->dragging && hypot (dx, dy) < DRAG_THRESHOLD)
    return;
  if (!self->dragging)
    {
      self->dragging = TRUE;
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
    }
  self->drag_moved = TRUE;
  seconds = -dx / width * (self->drag_start_end - self->drag_start_visible);
  yp_session_set_view (self->session, self->drag_start_visible + seconds, self->drag_start_end + seconds);
}

static void
drag_end_cb (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             YpTimeline     *self)
{
  if (self->dragging)
    gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grab");
  self->dragging = FALSE;
}

static void
activate_hit (YpTimeline          *self,
              const YpTimelineHit *hit)
{
  guint n_anchors;
  const gint64 *anchors = yp_session_get_anchors (self->session, &n_anchors);

  switch (hit->kind)
    {
    case YP_TIMELINE_HIT_EVENT:
      yp_session_select_position (self->session, hit->first);
      break;
    case YP_TIMELINE_HIT_CLUSTER:
      /* Zoom until the members separate, with room on the right for the
       * last one's label. */
      {
        double back[2] = { yp_session_get_view_start (self->session), yp_session_get_view_end (self->session) };
        double width = MAX (1, gtk_widget_get_width (GTK_WIDGET (self)));
        double v0 = yp_session_time_to_view (self->session, anchors[hit->first]);
        double v1 = yp_session_time_to_view (self->session, anchors[hit->first + hit->count - 1]);
        double left = 24, right = MIN (320, width / 3);

        if (v1 - v0 < 60 || width <= left + right + 40)
          yp_session_zoom_to (self->session, anchors[hit->first], anchors[hit->first + hit->count - 1], 0.25);
        else
          {
            double span = (v1 - v0) / (width - left - right) * width;
            double start = v0 - left / width * span;

            yp_session_set_view (self->session, start, start + span);
          }
        g_array_append_vals (self->entered, back, 2);
      }
      break;
    case YP_TIMELINE_HIT_ERA:
      {
        g_autoptr(YpEra) era = g_list_model_get_item (yp_record_get_eras (yp_session_get_record (self->session)),
                                                      hit->first);
        if (era != NULL)
          yp_session_zoom_to (self->session, yp_era_get_start (era), yp_era_get_end (era), 0.02);
      }
      break;
    case YP_TIMELINE_HIT_NONE:
    default:
      break;
    }
}

/* A mark's widget activated from the keyboard or by a screen reader: the
 * same as a click on its mark. */
static void
mark_clicked_cb (YpTimelineMark *mark,
                 YpTimeline     *self)
{
  guint count = yp_timeline_mark_get_count (mark);
  YpTimelineHit hit = { count > 1 ? YP_TIMELINE_HIT_CLUSTER : YP_TIMELINE_HIT_EVENT,
                        yp_timeline_mark_get_first (mark), count, GRAPHENE_RECT_INIT (0, 0, 0, 0) };

  if (self->session != NULL)
    activate_hit (self, &hit);
}

static void
click_pressed_cb (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  YpTimeline      *self)
{
  YpTimelineHit hit;

  if (self->session == NULL)
    return;
  /* Double-click on empty space zooms in there. */
  if (n_press == 2 && !yp_timeline_hit_test (self, x, y, &hit))
    zoom_at (self, 2.0, x);
}

static void
click_released_cb (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   YpTimeline      *self)
{
  YpTimelineHit hit;

  if (self->session == NULL || self->drag_moved || n_press != 1)
    return;
  if (yp_timeline_hit_test (self, x, y, &hit))
    activate_hit (self, &hit);
}

static void
zoom_scale_changed_cb (GtkGestureZoom *gesture,
                       double          scale,
                       YpTimeline     *self)
{
  double cx, cy;

  if (self->zoom_last_scale <= 0)
    self->zoom_last_scale = 1;
  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &cx, &cy))
    cx = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
  zoom_at (self, scale / self->zoom_last_scale, cx);
  self->zoom_last_scale = scale;
}

static void
zoom_begin_cb (GtkGesture       *gesture,
               GdkEventSequence *sequence,
               YpTimeline       *self)
{
  self->zoom_last_scale = 1;
}

static gboolean
query_tooltip_cb (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip,
                  YpTimeline *self)
{
  YpTimelineHit hit;
  g_autofree char *markup = NULL;

  if (!yp_timeline_hit_test (self, x, y, &hit))
    return FALSE;

  if (hit.kind == YP_TIMELINE_HIT_EVENT)
    {
      YpEvent *event = yp_timeline_event_at (self->session, hit.first);
      g_autofree char *when = yp_format_event_date (event);
      g_autofree char *title = g_markup_escape_text (yp_event_get_title (event, self->lang), -1);
      guint n_sources = yp_format_count_sources (event);
      g_autofree char *cited = g_strdup_printf (ngettext ("Cited by %u source", "Cited by %u sources", n_sources),
                                                n_sources);
      const char *status = yp_format_status (event);

      markup = g_strdup_printf ("<small>%s</small>\n<b>%s</b>\n<small>%s%s%s</small>",
                                when, title, cited, status ? " · " : "", status ? status : "");
    }
  else if (hit.kind == YP_TIMELINE_HIT_CLUSTER)
    {
      YpEvent *first = peek_event (self, hit.first);
      YpEvent *last = peek_event (self, hit.first + hit.count - 1);
      g_autofree char *from = yp_format_event_date (first);
      g_autofree char *to = yp_format_event_date (last);

      markup = g_strdup_printf (ngettext ("<b>%u event</b>\n<small>%s – %s</small>\n<small>Click to zoom in</small>",
                                         "<b>%u events</b>\n<small>%s – %s</small>\n<small>Click to zoom in</small>",
                                         hit.count),
                                hit.count, from, to);
    }
  else if (hit.kind == YP_TIMELINE_HIT_ERA)
    {
      g_autoptr(YpEra) era = g_list_model_get_item (yp_record_get_eras (yp_session_get_record (self->session)),
                                                    hit.first);
      g_autofree char *name = g_markup_escape_text (yp_era_get_name (era, self->lang), -1);
      g_autofree char *from = yp_format_written_date (yp_era_get_start_text (era), NULL, YP_PRECISION_DAY);
      g_autofree char *to = yp_format_written_date (yp_era_get_end_text (era), NULL, YP_PRECISION_DAY);

      markup = g_strdup_printf (_("<b>%s</b>\n<small>%s – %s</small>\n<small>Click to show this era</small>"),
                                name, from, to);
    }
  if (markup == NULL)
    return FALSE;
  gtk_tooltip_set_markup (tooltip, markup);
  gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { (int) hit.area.origin.x, (int) hit.area.origin.y,
                                                       (int) hit.area.size.width, (int) hit.area.size.height });
  return TRUE;
}

/* Actions */

static void
step_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  YpTimeline *self = YP_TIMELINE (widget);

  if (self->session != NULL)
    yp_session_select_step (self->session, g_variant_get_int32 (parameter));
}

static void
edge_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  YpTimeline *self = YP_TIMELINE (widget);
  guint n;

  if (self->session == NULL)
    return;
  n = g_list_model_get_n_items (yp_session_get_events (self->session));
  if (n == 0)
    return;
  yp_session_select_position (self->session, g_variant_get_int32 (parameter) < 0 ? 0 : n - 1);
  if (yp_session_get_selected (self->session))
    yp_session_reveal (self->session, yp_event_get_anchor (yp_session_get_selected (self->session)));
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  YpTimeline *self = YP_TIMELINE (widget);
  YpEvent *selected;
  double anchor;

  if (self->session == NULL)
    return;
  /* Zoom around the selected event when it is in view, else the middle. */
  selected = yp_session_get_selected (self->session);
  anchor = (yp_session_get_visible_start (self->session) + yp_session_get_visible_end (self->session)) / 2;
  if (selected != NULL && yp_event_get_anchor (selected) >= yp_session_get_visible_start (self->session) &&
      yp_event_get_anchor (selected) <= yp_session_get_visible_end (self->session))
    anchor = yp_event_get_anchor (selected);
  yp_session_zoom (self->session, g_variant_get_int32 (parameter) > 0 ? 2.0 : 0.5, anchor);
}

/* Escape: back to the view before the last aggregate was entered. */
static void
leave_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  YpTimeline *self = YP_TIMELINE (widget);
  double start, end;

  if (self->session == NULL || self->entered->len < 2)
    return;
  start = g_array_index (self->entered, double, self->entered->len - 2);
  end = g_array_index (self->entered, double, self->entered->len - 1);
  g_array_set_size (self->entered, self->entered->len - 2);
  yp_session_set_view (self->session, start, end);
}

static void
fit_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  YpTimeline *self = YP_TIMELINE (widget);

  if (self->session != NULL)
    yp_session_zoom_to_fit (self->session);
}

/* Session */

static void
visible_changed_cb (YpTimeline *self)
{
  queue_frame (self);
}

static void
selected_changed_cb (YpTimeline *self)
{
  /* The frame's description names the selected event. */
  queue_frame (self);
}

static void
disconnect_session (YpTimeline *self)
{
  if (self->session == NULL)
    return;
  g_clear_signal_handler (&self->visible_handler, self->session);
  g_clear_signal_handler (&self->selected_handler, self->session);
  g_clear_signal_handler (&self->filter_handler, self->session);
  g_clear_signal_handler (&self->matches_handler, self->session);
  g_clear_signal_handler (&self->items_handler, yp_session_get_events (self->session));
  g_clear_object (&self->session);
}

/* GObject */

static void
yp_timeline_dispose (GObject *object)
{
  YpTimeline *self = (YpTimeline *) object;

  disconnect_session (self);
  g_clear_object (&self->layout);
  if (self->relayout_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->relayout_tick);
  self->relayout_tick = 0;
  yp_timeline_marks_clear (self->marks);

  G_OBJECT_CLASS (yp_timeline_parent_class)->dispose (object);
}

static void
yp_timeline_finalize (GObject *object)
{
  YpTimeline *self = (YpTimeline *) object;

  g_clear_pointer (&self->layout_engine, yp_timeline_layout_free);
  g_clear_pointer (&self->bold, pango_attr_list_unref);
  g_clear_pointer (&self->frame, yp_timeline_frame_free);
  g_clear_pointer (&self->marks, g_ptr_array_unref);
  g_clear_pointer (&self->entered, g_array_unref);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->tz, g_time_zone_unref);

  G_OBJECT_CLASS (yp_timeline_parent_class)->finalize (object);
}

static void
yp_timeline_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  YpTimeline *self = YP_TIMELINE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yp_timeline_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  YpTimeline *self = YP_TIMELINE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      yp_timeline_set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yp_timeline_class_init (YpTimelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yp_timeline_dispose;
  object_class->finalize = yp_timeline_finalize;
  object_class->get_property = yp_timeline_get_property;
  object_class->set_property = yp_timeline_set_property;

  widget_class->snapshot = yp_timeline_snapshot;
  widget_class->size_allocate = yp_timeline_size_allocate;
  widget_class->measure = yp_timeline_measure;
  widget_class->css_changed = yp_timeline_css_changed;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, YP_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "timeline.step", "i", step_action);
  gtk_widget_class_install_action (widget_class, "timeline.edge", "i", edge_action);
  gtk_widget_class_install_action (widget_class, "timeline.zoom", "i", zoom_action);
  gtk_widget_class_install_action (widget_class, "timeline.fit", NULL, fit_action);
  gtk_widget_class_install_action (widget_class, "timeline.leave", NULL, leave_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "timeline.leave", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_BackSpace, 0, "timeline.leave", NULL);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "timeline.step", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "timeline.step", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, 0, "timeline.edge", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_End, 0, "timeline.edge", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, 0, "timeline.zoom", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, 0, "timeline.zoom", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, 0, "timeline.zoom", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, 0, "timeline.zoom", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, 0, "timeline.zoom", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, 0, "timeline.fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, 0, "timeline.fit", NULL);

  gtk_widget_class_set_css_name (widget_class, "timeline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
yp_timeline_init (YpTimeline *self)
{
  GtkEventController *scroll, *motion;
  GtkGesture *drag, *click, *zoom;

  self->layout_engine = yp_timeline_layout_new (measure_text, self);
  self->bold = pango_attr_list_new ();
  pango_attr_list_insert (self->bold, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  self->frame = yp_timeline_frame_new ();
  self->marks = g_ptr_array_new ();
  self->entered = g_array_new (FALSE, FALSE, sizeof (double));
  self->tz = g_time_zone_new_local ();
  self->lang = yp_content_lang ();
  gdk_rgba_parse (&self->fg, "#241f31");
  gdk_rgba_parse (&self->accent, "#3584e4");
  gdk_rgba_parse (&self->accent_fg, "#ffffff");

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grab");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Timeline"),
                                  -1);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), self);

  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect (scroll, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);

  motion = gtk_event_controller_motion_new ();
  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (motion, "enter", G_CALLBACK (motion_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  drag = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "pressed", G_CALLBACK (click_pressed_cb), self);
  g_signal_connect (click, "released", G_CALLBACK (click_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  /* Both see the same presses: a press is a click unless it moves. */
  gtk_gesture_group (click, drag);

  zoom = gtk_gesture_zoom_new ();
  g_signal_connect (zoom, "begin", G_CALLBACK (zoom_begin_cb), self);
  g_signal_connect (zoom, "scale-changed", G_CALLBACK (zoom_scale_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (zoom));
}

/* Public API */

GtkWidget *
yp_timeline_new (void)
{
  return g_object_new (YP_TYPE_TIMELINE, NULL);
}

void
yp_timeline_set_session (YpTimeline *self,
                         YpSession  *session)
{
  g_return_if_fail (YP_IS_TIMELINE (self));
  g_return_if_fail (session == NULL || YP_IS_SESSION (session));

  if (self->session == session)
    return;
  disconnect_session (self);
  if (session != NULL)
    {
      self->session = g_object_ref (session);
      self->visible_handler = g_signal_connect_swapped (session, "visible-changed",
                                                        G_CALLBACK (visible_changed_cb), self);
      self->selected_handler = g_signal_connect_swapped (session, "notify::selected",
                                                         G_CALLBACK (selected_changed_cb), self);
      self->items_handler = g_signal_connect_swapped (yp_session_get_events (session), "items-changed",
                                                      G_CALLBACK (invalidate_labels), self);
      self->filter_handler = g_signal_connect_swapped (session, "filter-changed",
                                                       G_CALLBACK (queue_frame), self);
      self->matches_handler = g_signal_connect_swapped (session, "matches-changed",
                                                        G_CALLBACK (queue_frame), self);
    }
  invalidate_labels (self);
  queue_frame (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

YpSession *
yp_timeline_get_session (YpTimeline *self)
{
  g_return_val_if_fail (YP_IS_TIMELINE (self), NULL);
  return self->session;
}

gboolean
yp_timeline_hit_test (YpTimeline    *self,
                      double         x,
                      double         y,
                      YpTimelineHit *hit)
{
  const YpTimelineFrameMark *m;
  const YpTimelineFrameEra *e;
  YpTimelineHit found = { YP_TIMELINE_HIT_NONE, 0, 0, GRAPHENE_RECT_INIT (0, 0, 0, 0) };

  g_return_val_if_fail (YP_IS_TIMELINE (self), FALSE);

  if ((m = yp_timeline_frame_mark_at (self->frame, x, y)) != NULL)
    {
      found.kind = m->count > 1 ? YP_TIMELINE_HIT_CLUSTER : YP_TIMELINE_HIT_EVENT;
      found.first = m->first;
      found.count = m->count;
      found.area = m->rect;
    }
  else if ((e = yp_timeline_frame_era_at (self->frame, x, y)) != NULL)
    {
      found.kind = YP_TIMELINE_HIT_ERA;
      found.first = e->index;
      found.count = 1;
      found.area = e->rect;
    }
  if (hit)
    *hit = found;
  return found.kind != YP_TIMELINE_HIT_NONE;
}

gboolean
yp_timeline_get_event_area (YpTimeline      *self,
                            guint            index,
                            graphene_rect_t *area)
{
  g_return_val_if_fail (YP_IS_TIMELINE (self), FALSE);

  for (guint i = 0; i < self->frame->marks->len; i++)
    {
      const YpTimelineFrameMark *m = &g_array_index (self->frame->marks, YpTimelineFrameMark, i);

      if (m->count == 1 && m->position == index)
        {
          *area = m->rect;
          return TRUE;
        }
    }
  return FALSE;
}

const YpTimelineFrame *
yp_timeline_get_frame (YpTimeline *self)
{
  g_return_val_if_fail (YP_IS_TIMELINE (self), NULL);

  return self->frame->width > 0 ? self->frame : NULL;
}

double
yp_timeline_time_to_x (YpTimeline *self,
                       double      time)
{
  YpTimeScale scale;

  g_return_val_if_fail (YP_IS_TIMELINE (self), 0);
  get_scale (self, &scale);
  if (self->session != NULL)
    time = yp_session_time_to_view (self->session, time);
  return yp_time_scale_time_to_x (&scale, time);
}

double
yp_timeline_x_to_time (YpTimeline *self,
                       double      x)
{
  YpTimeScale scale;

  g_return_val_if_fail (YP_IS_TIMELINE (self), 0);
  get_scale (self, &scale);
  if (self->session == NULL)
    return yp_time_scale_x_to_time (&scale, x);
  return yp_session_view_to_time (self->session, yp_time_scale_x_to_time (&scale, x));
}

YpTimelineFrame *
yp_timeline_dup_frame (YpTimeline *self)
{
  g_return_val_if_fail (YP_IS_TIMELINE (self), NULL);

  if (self->frame->width <= 0)
    return NULL;
  return yp_timeline_frame_copy (self->frame);
}

/* The colours of the marks, from the cached theme colours. Each meets
 * WCAG AA over the base and the stronger era band, in light and dark
 * styles (test-contrast): 4.5:1 for text, 3:1 for marks, bars and the
 * focus ring. A search miss is told apart by its grey, not by fading it
 * out of sight. */
void
yp_timeline_get_inks (YpTimeline     *self,
                      YpTimelineInks *ink)
{
  GdkRGBA fill = self->accent;

  g_return_if_fail (YP_IS_TIMELINE (self));

  ink->background = self->base;
  ink->era_tint = with_alpha (&self->fg, 0.07);
  ink->text = self->fg;
  ink->dimmed_text = with_alpha (&self->fg, 0.74);
  ink->mark = self->accent;
  ink->dimmed_mark = with_alpha (&self->fg, 0.58);
  /* Bars in the accent itself: fainter, they fell under 3:1 on an era
   * band. An approximate date is told by its faded ends. */
  ink->axis_mark = self->accent;
  ink->span = self->accent;
  ink->approximate_span = self->accent;
  /* The count's text needs 4.5:1 on its disc, and the accent is a middle
   * tone: on a light base it is darkened towards the text colour (white
   * count), on a dark one lightened towards it (dark count). */
  {
    double k = self->dark ? 0.4 : 0.25;

    fill.red += (self->fg.red - fill.red) * k;
    fill.green += (self->fg.green - fill.green) * k;
    fill.blue += (self->fg.blue - fill.blue) * k;
  }
  ink->count_fill = fill;
  ink->count_text = self->dark ? self->base : self->accent_fg;
  ink->dimmed_count_fill = with_alpha (&self->fg, 0.72);
  ink->dimmed_count_text = self->base;
  ink->selected_pill = with_alpha (&self->accent, self->dark ? 0.35 : 0.18);
  ink->focus_ring = self->fg;
}
