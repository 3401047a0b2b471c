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
 *
 * This file is the widget itself: its frame (laid out by
 * yp-timeline-layout.c at allocation), the marks' child widgets kept in
 * step with it (yp-timeline-mark.c), the session it follows, and its
 * public API. Painting is in yp-timeline-paint.c, pointer, keyboard and
 * tooltips in yp-timeline-input.c; the instance is in
 * yp-timeline-private.h.
 */
#define G_LOG_DOMAIN "yp-timeline"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "yp-format.h"
#include "yp-timeline.h"
#include "yp-timeline-mark.h"
#include "yp-timeline-private.h"

#define ERA_STRIP_H     YP_TIMELINE_ERA_STRIP_H
#define AXIS_H          YP_TIMELINE_AXIS_H
#define ROW_H           YP_TIMELINE_ROW_H

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

/* At most this many measured labels wait for the paint; the rest are
 * shaped again there. */
#define MAX_MEASURED 256

/* The layout's measuring callback: the widget's font. */
static double
measure_text (const char *text,
              gboolean    bold,
              gpointer    user_data)
{
  YpTimeline *self = user_data;
  int pw, ph;

  /* A label is measured in the frame that first draws it: its shaped
   * text is kept for that paint. */
  if (!bold && g_hash_table_size (self->measured) < MAX_MEASURED)
    {
      PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);

      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_single_paragraph_mode (layout, TRUE);
      pango_layout_get_pixel_size (layout, &pw, &ph);
      g_hash_table_replace (self->measured, g_strdup (text), layout);
      return pw;
    }

  ensure_layout (self);
  pango_layout_set_width (self->layout, -1);
  pango_layout_set_text (self->layout, text, -1);
  pango_layout_set_attributes (self->layout, bold ? self->bold : NULL);
  pango_layout_get_pixel_size (self->layout, &pw, &ph);
  pango_layout_set_attributes (self->layout, NULL);
  return pw;
}

PangoLayout *
yp_timeline_peek_measured (YpTimeline *self,
                           const char *text)
{
  return g_hash_table_lookup (self->measured, text);
}

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
                              G_CALLBACK (yp_timeline_input_mark_clicked_cb), self))
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
  if (width <= 0 || height <= 0)
    return;
  /* The timeline paints its own background (yp-timeline-paint.c). */
  if (self->session == NULL)
    {
      gtk_snapshot_append_color (snapshot, &self->base, &GRAPHENE_RECT_INIT (0, 0, width, height));
      return;
    }

  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  yp_timeline_paint (self, snapshot, self->frame);
  g_hash_table_remove_all (self->measured);
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
  /* Measured in a font that may have changed. */
  g_hash_table_remove_all (self->measured);

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

  /* Fonts may have changed: labels are measured and drawn again. */
  g_clear_object (&self->layout);
  g_hash_table_remove_all (self->labels);
  invalidate_labels (self);
  queue_frame (self);
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
  g_clear_pointer (&self->labels, g_hash_table_unref);
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
  g_clear_pointer (&self->measured, g_hash_table_unref);
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

  yp_timeline_input_class_init (widget_class);

  gtk_widget_class_set_css_name (widget_class, "timeline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
yp_timeline_init (YpTimeline *self)
{
  self->layout_engine = yp_timeline_layout_new (measure_text, self);
  self->measured = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->labels = yp_timeline_labels_new ();
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
  yp_timeline_input_init (self);
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
