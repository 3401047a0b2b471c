/* yp-timeline-input.c: the timeline's pointer, touch, keyboard and
 * tooltips
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The wheel zooms around the pointer (Shift+wheel and horizontal
 * scrolling pan), a drag pans past a few pixels of slack, a click selects
 * an event, zooms into an aggregate or shows an era, a double-click on
 * empty space zooms in, a pinch zooms. Every one of these is also an
 * installed action with a key binding. Everything is looked up in the
 * last frame (yp_timeline_hit_test), so what is clicked is what was drawn.
 */
#define G_LOG_DOMAIN "yp-timeline"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "yp-timeline-private.h"

#define DRAG_THRESHOLD   4.0
#define WHEEL_FACTOR     1.25
#define MS_SCAN_MAX      4096   /* an aggregate's members looked at one by one */

/* Helpers */

/* The @index-th shown event (the anchors array's order). */
static YpEvent *
peek_event (YpTimeline *self,
            guint       index)
{
  return yp_timeline_event_at (self->session, yp_session_shown_to_position (self->session, index));
}

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

/* An aggregate of one second (view coordinate @v0): zoom to where its
 * members' milliseconds put them, the whole second for a crowd too large
 * to look at one by one. */
static void
zoom_to_milliseconds (YpTimeline          *self,
                      const YpTimelineHit *hit,
                      double               v0)
{
  double lo = 0, hi = 1, pad;

  if (hit->count <= MS_SCAN_MAX)
    {
      lo = 1;
      hi = 0;
      for (guint i = hit->first; i < hit->first + hit->count; i++)
        {
          YpEvent *event = yp_timeline_event_at (self->session, yp_session_shown_to_position (self->session, i));
          double ms = event != NULL ? yp_event_get_anchor_millisecond (event) / 1000.0 : 0;

          lo = MIN (lo, ms);
          hi = MAX (hi, ms);
        }
    }
  pad = MAX ((hi - lo) * 0.25, 0.002);
  yp_session_set_view (self->session, v0 + lo - pad, v0 + hi + pad);
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

        if (anchors[hit->first] == anchors[hit->first + hit->count - 1])
          zoom_to_milliseconds (self, hit, v0);
        else if (v1 - v0 < 60 || width <= left + right + 40)
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
void
yp_timeline_input_mark_clicked_cb (YpTimelineMark *mark,
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
    yp_session_reveal (self->session, yp_event_get_anchor_precise (yp_session_get_selected (self->session)));
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
  if (selected != NULL && yp_event_get_anchor_precise (selected) >= yp_session_get_visible_start (self->session) &&
      yp_event_get_anchor_precise (selected) <= yp_session_get_visible_end (self->session))
    anchor = yp_event_get_anchor_precise (selected);
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

/* Setup, from the widget's class_init and init */

void
yp_timeline_input_class_init (GtkWidgetClass *widget_class)
{
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
}

void
yp_timeline_input_init (YpTimeline *self)
{
  GtkEventController *scroll, *motion;
  GtkGesture *drag, *click, *zoom;

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
