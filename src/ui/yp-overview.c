/* yp-overview.c: the whole timeline in a strip, with the visible window on it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The "context" half of focus + context. The strip always spans the
 * session's bounds: the eras are faint alternating bands, the events a
 * histogram of their anchors in BIN_PX-wide columns (heights grow with the
 * square root of the count, so the busiest week does not flatten the
 * rest), the selected event an accent line, and the visible window a
 * rectangle with the rest of the strip veiled. The strip's background,
 * eras and histogram are drawn once into an image, which one node paints
 * until the size, the data or the theme changes; a frame adds only the
 * selection and the window.
 *
 * Input: drag inside the window moves it, drag at an edge resizes that
 * edge, a press outside centres the window there and then moves it; the
 * wheel zooms around the time under the pointer. Left/Right/Home/End pan
 * through installed actions. The input logic is in begin_drag(),
 * update_drag(), end_drag() and scroll_zoom(), which the controllers call
 * and the tests call directly.
 */
#define G_LOG_DOMAIN "yp-overview"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "yp-format.h"
#include "yp-overview.h"

#define OVERVIEW_HEIGHT     56
#define OVERVIEW_MIN_WIDTH  100
#define BIN_PX              3     /* width of a histogram column */
#define BAR_TOP             6     /* free pixels above the tallest bar */
#define VEIL_TILE_PX        32    /* the veil is cut at multiples of this */
#define MIN_WINDOW_PX       6     /* a narrower window is drawn this wide */
#define EDGE_PX             5     /* reach of the resize handles */
#define ZOOM_STEP           1.25  /* per wheel step */
#define PAN_STEP            0.1   /* of the span, per key press */
#define MIN_SPAN            60.0  /* the narrowest window its handles make */

typedef enum {
  DRAG_NONE,
  DRAG_MOVE,
  DRAG_START,   /* resizing the start edge */
  DRAG_END,     /* resizing the end edge */
} DragMode;

typedef enum {
  HIT_OUTSIDE,
  HIT_INSIDE,
  HIT_START,
  HIT_END,
} Hit;

struct _YpOverview
{
  GtkWidget      parent_instance;

  YpSession     *session;

  /* Events per BIN_PX column, for bins_width. */
  GArray        *bins;            /* guint */
  guint          bins_max;
  int            bins_width;      /* -1: to recompute */

  /* Background, eras and histogram, drawn for static_width ×
   * static_height at static_scale. */
  GskRenderNode *static_node;
  int            static_width;
  int            static_height;
  int            static_scale;

  /* From the theme, in css_changed. */
  GdkRGBA        fg;
  GdkRGBA        bg;
  GdkRGBA        accent;
  GdkRGBA        line;            /* the accent, legible over bg */

  DragMode       drag_mode;
  double         drag_start;      /* the window when the drag began */
  double         drag_end;
  double         drag_seconds_per_px;
  double         pointer_x;
};

G_DEFINE_FINAL_TYPE (YpOverview, yp_overview, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const pan_actions[] = {
  "overview.pan-left",
  "overview.pan-right",
  "overview.pan-home",
  "overview.pan-end",
};

/* The bounds over @width pixels; FALSE without a session or a width. */
static gboolean
get_scale (YpOverview  *self,
           double       width,
           YpTimeScale *scale)
{
  YpTimeRange bounds;

  if (self->session == NULL || width <= 0)
    return FALSE;
  yp_session_get_bounds (self->session, &bounds);
  yp_time_scale_init (scale, bounds.start, bounds.end, width);
  return TRUE;
}

static double
x_to_time (YpOverview *self,
           double      x)
{
  YpTimeScale scale;

  if (!get_scale (self, gtk_widget_get_width (GTK_WIDGET (self)), &scale))
    return 0;
  return yp_time_scale_x_to_time (&scale, x);
}

/* The window as drawn: at least MIN_WINDOW_PX wide, centred on the real
 * one, and inside the strip. */
static gboolean
get_window_px (YpOverview *self,
               double     *x0,
               double     *x1)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  YpTimeScale scale;

  if (!get_scale (self, width, &scale))
    return FALSE;
  *x0 = yp_time_scale_time_to_x (&scale, yp_session_get_visible_start (self->session));
  *x1 = yp_time_scale_time_to_x (&scale, yp_session_get_visible_end (self->session));
  if (*x1 - *x0 < MIN_WINDOW_PX)
    {
      double centre = (*x0 + *x1) / 2;

      *x0 = centre - MIN_WINDOW_PX / 2.0;
      *x1 = centre + MIN_WINDOW_PX / 2.0;
      if (width >= MIN_WINDOW_PX && *x0 < 0)
        {
          *x1 -= *x0;
          *x0 = 0;
        }
      if (width >= MIN_WINDOW_PX && *x1 > width)
        {
          *x0 -= *x1 - width;
          *x1 = width;
        }
    }
  return TRUE;
}

/* The handles reach EDGE_PX outside the window and up to EDGE_PX inside,
 * less in a narrow window, whose middle half always moves it. */
static Hit
hit_test (YpOverview *self,
          double      x)
{
  double x0, x1, inner;

  if (!get_window_px (self, &x0, &x1))
    return HIT_OUTSIDE;
  inner = MIN (EDGE_PX, (x1 - x0) / 4);
  if (x >= x0 - EDGE_PX && x <= x0 + inner)
    return HIT_START;
  if (x >= x1 - inner && x <= x1 + EDGE_PX)
    return HIT_END;
  if (x > x0 && x < x1)
    return HIT_INSIDE;
  return HIT_OUTSIDE;
}

static void
update_cursor (YpOverview *self)
{
  const char *name;

  switch (self->drag_mode)
    {
    case DRAG_MOVE:
      name = "grabbing";
      break;
    case DRAG_START:
    case DRAG_END:
      name = "ew-resize";
      break;
    case DRAG_NONE:
    default:
      switch (hit_test (self, self->pointer_x))
        {
        case HIT_START:
        case HIT_END:
          name = "ew-resize";
          break;
        case HIT_INSIDE:
          name = "grab";
          break;
        case HIT_OUTSIDE:
        default:
          name = self->session ? "pointer" : NULL;
          break;
        }
    }
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), name);
}

static void
begin_drag (YpOverview *self,
            double      x)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  YpTimeRange bounds;

  self->drag_mode = DRAG_NONE;
  if (self->session == NULL || width <= 0)
    return;

  switch (hit_test (self, x))
    {
    case HIT_START:
      self->drag_mode = DRAG_START;
      break;
    case HIT_END:
      self->drag_mode = DRAG_END;
      break;
    case HIT_INSIDE:
      self->drag_mode = DRAG_MOVE;
      break;
    case HIT_OUTSIDE:
    default:
      {
        double time = x_to_time (self, x);
        double half = (yp_session_get_visible_end (self->session) -
                       yp_session_get_visible_start (self->session)) / 2;

        yp_session_set_visible (self->session, time - half, time + half);
        self->drag_mode = DRAG_MOVE;
      }
    }
  yp_session_get_bounds (self->session, &bounds);
  self->drag_start = yp_session_get_visible_start (self->session);
  self->drag_end = yp_session_get_visible_end (self->session);
  self->drag_seconds_per_px = (bounds.end - bounds.start) / width;
  self->pointer_x = x;
  update_cursor (self);
}

static void
update_drag (YpOverview *self,
             double      dx)
{
  double dt = dx * self->drag_seconds_per_px;
  YpTimeRange bounds;

  if (self->session == NULL)
    return;
  yp_session_get_bounds (self->session, &bounds);

  switch (self->drag_mode)
    {
    case DRAG_MOVE:
      /* The session keeps the span when it clamps to the bounds. */
      yp_session_set_visible (self->session, self->drag_start + dt, self->drag_end + dt);
      break;
    case DRAG_START:
      yp_session_set_visible (self->session,
                              MAX (bounds.start, MIN (self->drag_start + dt, self->drag_end - MIN_SPAN)),
                              self->drag_end);
      break;
    case DRAG_END:
      yp_session_set_visible (self->session,
                              self->drag_start,
                              MIN (bounds.end, MAX (self->drag_end + dt, self->drag_start + MIN_SPAN)));
      break;
    case DRAG_NONE:
    default:
      break;
    }
}

static void
end_drag (YpOverview *self)
{
  self->drag_mode = DRAG_NONE;
  update_cursor (self);
}

static void
scroll_zoom (YpOverview *self,
             double      x,
             double      dy)
{
  if (self->session == NULL || dy == 0 || gtk_widget_get_width (GTK_WIDGET (self)) <= 0)
    return;
  /* Up (negative) zooms in; the time under the pointer keeps its place
   * in the window. */
  yp_session_zoom (self->session, pow (ZOOM_STEP, -dy), x_to_time (self, x));
}

static void
invalidate_layers (YpOverview *self)
{
  self->bins_width = -1;
  g_clear_pointer (&self->static_node, gsk_render_node_unref);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
ensure_bins (YpOverview *self,
             int         width)
{
  YpTimeScale scale;
  const gint64 *anchors;
  guint n_anchors, n_bins;

  if (self->bins_width == width)
    return;
  self->bins_width = width;
  self->bins_max = 0;
  g_array_set_size (self->bins, 0);
  if (!get_scale (self, width, &scale))
    return;

  n_bins = (width + BIN_PX - 1) / BIN_PX;
  g_array_set_size (self->bins, n_bins);   /* zeroed: a clearing array */
  anchors = yp_session_get_anchors (self->session, &n_anchors);
  for (guint i = 0; i < n_anchors; i++)
    {
      double x = yp_time_scale_time_to_x (&scale, anchors[i]);
      guint bin = (guint) CLAMP (floor (x / BIN_PX), 0, n_bins - 1);
      guint *count = &g_array_index (self->bins, guint, bin);

      (*count)++;
      self->bins_max = MAX (self->bins_max, *count);
    }
}

/* One fill of @color over @rect, as the renderer draws a colour node. */
static void
fill_rect (cairo_t       *cr,
           const GdkRGBA *color,
           double         x,
           double         y,
           double         width,
           double         height)
{
  gdk_cairo_set_source_rgba (cr, color);
  cairo_rectangle (cr, x, y, width, height);
  cairo_fill (cr);
}

/* The strip's background, eras and histogram, drawn once into an image
 * that one cairo node paints: GTK 4.8's cairo renderer draws every node of
 * the window in every frame, clipped to what changed, so a node per bar
 * costs its few hundred fills even when the strip is not redrawn. (A
 * texture node would not do: the renderer converts a texture's pixels
 * again each time it draws one.) Drawn on the background, the image is
 * opaque and is copied as it is: its pixels are those the bars drew over
 * that background. */
static void
ensure_static_node (YpOverview *self,
                    int         width,
                    int         height)
{
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  g_autoptr(GtkSnapshot) snapshot = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  GListModel *eras;
  YpTimeScale scale_x;
  GdkRGBA band[2], bar;

  if (self->static_node != NULL && self->static_width == width && self->static_height == height &&
      self->static_scale == scale)
    return;
  g_clear_pointer (&self->static_node, gsk_render_node_unref);
  self->static_width = width;
  self->static_height = height;
  self->static_scale = scale;
  if (!get_scale (self, width, &scale_x))
    return;
  ensure_bins (self, width);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width * scale, height * scale);
  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);

  fill_rect (cr, &self->bg, 0, 0, width, height);

  /* Eras: faint bands, alternating. */
  band[0] = band[1] = self->fg;
  band[0].alpha = 0.05f;
  band[1].alpha = 0.12f;
  eras = yp_record_get_eras (yp_session_get_record (self->session));
  for (guint i = 0; i < g_list_model_get_n_items (eras); i++)
    {
      g_autoptr(YpEra) era = g_list_model_get_item (eras, i);
      double x0 = round (yp_time_scale_time_to_x (&scale_x, yp_era_get_start (era)));
      double x1 = round (yp_time_scale_time_to_x (&scale_x, yp_era_get_end (era)));

      if (x1 > x0)
        fill_rect (cr, &band[i % 2], x0, 0, x1 - x0, height);
    }

  /* Event density: sqrt of the count relative to the busiest column. */
  bar = self->fg;
  bar.alpha = 0.6f;
  for (guint i = 0; i < self->bins->len && self->bins_max > 0; i++)
    {
      guint count = g_array_index (self->bins, guint, i);
      double h;

      if (count == 0)
        continue;
      h = round ((height - BAR_TOP) * sqrt ((double) count / self->bins_max));
      h = MAX (h, 2);
      fill_rect (cr, &bar, i * BIN_PX, height - h, BIN_PX - 1, h);
    }

  cairo_destroy (cr);
  cairo_surface_flush (surface);
  cairo_surface_set_device_scale (surface, scale, scale);

  /* A node that paints the surface: the renderer replays it as one copy. */
  snapshot = gtk_snapshot_new ();
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_set_source_surface (cr, surface, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  self->static_node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
}

static void
update_colors (YpOverview *self)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));

  gtk_style_context_get_color (context, &self->fg);
  if (!gtk_style_context_lookup_color (context, "accent_bg_color", &self->accent) &&
      !gtk_style_context_lookup_color (context, "theme_selected_bg_color", &self->accent))
    gdk_rgba_parse (&self->accent, "#3584e4");
  if (!gtk_style_context_lookup_color (context, "window_bg_color", &self->bg) &&
      !gtk_style_context_lookup_color (context, "theme_bg_color", &self->bg))
    {
      /* The opposite of the text. */
      gboolean light_text = self->fg.red + self->fg.green + self->fg.blue > 1.5f;

      gdk_rgba_parse (&self->bg, light_text ? "#242424" : "#ffffff");
    }

  /* A dark theme's selection colour is too dark for a thin line on a
   * dark background: lift it towards the text colour. */
  self->line = self->accent;
  if (self->bg.red + self->bg.green + self->bg.blue < 1.5f)
    {
      self->line.red = self->accent.red * 0.65f + self->fg.red * 0.35f;
      self->line.green = self->accent.green * 0.65f + self->fg.green * 0.35f;
      self->line.blue = self->accent.blue * 0.65f + self->fg.blue * 0.35f;
    }
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static void
update_accessible (YpOverview *self)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *description = NULL;

  if (self->session == NULL)
    {
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      return;
    }
  from = yp_format_instant ((gint64) yp_session_get_visible_start (self->session), NULL, YP_PRECISION_DAY, FALSE);
  to = yp_format_instant ((gint64) yp_session_get_visible_end (self->session), NULL, YP_PRECISION_DAY, FALSE);
  /* Translators: the dates the timeline shows, in the overview strip */
  description = g_strdup_printf (_("Showing %s to %s"), from, to);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static void
session_visible_changed_cb (YpOverview *self)
{
  if (self->drag_mode == DRAG_NONE)
    update_cursor (self);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
session_selected_changed_cb (YpOverview *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
drag_begun_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               YpOverview     *self)
{
  if (self->session == NULL)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  if (gtk_widget_get_focusable (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self));
  begin_drag (self, x);
}

static void
drag_updated_cb (GtkGestureDrag *gesture,
                 double          dx,
                 double          dy,
                 YpOverview     *self)
{
  double x0;

  if (gtk_gesture_drag_get_start_point (gesture, &x0, NULL))
    self->pointer_x = x0 + dx;
  update_drag (self, dx);
}

static void
drag_ended_cb (GtkGestureDrag *gesture,
               double          dx,
               double          dy,
               YpOverview     *self)
{
  end_drag (self);
}

static gboolean
scrolled_cb (GtkEventControllerScroll *controller,
             double                    dx,
             double                    dy,
             YpOverview               *self)
{
  if (self->session == NULL || dy == 0)
    return FALSE;
  scroll_zoom (self, self->pointer_x, dy);
  return TRUE;
}

static void
pointer_moved_cb (GtkEventControllerMotion *controller,
                  double                    x,
                  double                    y,
                  YpOverview               *self)
{
  self->pointer_x = x;
  if (self->drag_mode == DRAG_NONE)
    update_cursor (self);
}

static void
pan_activated (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  YpOverview *self = YP_OVERVIEW (widget);
  YpTimeRange bounds;
  double start, end, span;

  if (self->session == NULL)
    return;
  /* In view coordinates: in story scale a step is a share of what the
   * timeline shows, not of the time it stands for. */
  yp_session_get_view_bounds (self->session, &bounds);
  start = yp_session_get_view_start (self->session);
  end = yp_session_get_view_end (self->session);
  span = end - start;

  if (g_str_equal (action_name, "overview.pan-left"))
    yp_session_pan (self->session, -PAN_STEP * span);
  else if (g_str_equal (action_name, "overview.pan-right"))
    yp_session_pan (self->session, PAN_STEP * span);
  else if (g_str_equal (action_name, "overview.pan-home"))
    yp_session_set_view (self->session, bounds.start, bounds.start + span);
  else if (g_str_equal (action_name, "overview.pan-end"))
    yp_session_set_view (self->session, bounds.end - span, bounds.end);
}

/* The veil, left of @x0 and right of @x1, as up to two nodes per
 * VEIL_TILE_PX column, in a fixed order. GTK redraws what differs from
 * the last frame's nodes, and pairs them in order: as the window moves,
 * only the columns at its edges differ, not two veils as wide as the
 * strip. A part with nothing to veil gets no node: the renderer would
 * still go through a fill for it in every frame, and one that comes or
 * goes is an empty rectangle to redraw. The parts meet on whole pixels,
 * so they paint what one rectangle would. */
static void
append_veil (GtkSnapshot   *snapshot,
             const GdkRGBA *veil,
             int            width,
             int            height,
             int            x0,
             int            x1)
{
  for (int c = 0; c < width; c += VEIL_TILE_PX)
    {
      int end = MIN (width, c + VEIL_TILE_PX);
      int left = CLAMP (x0, c, end);
      int right = CLAMP (x1, c, end);

      if (left > c)
        gtk_snapshot_append_color (snapshot, veil, &GRAPHENE_RECT_INIT (c, 0, left - c, height));
      if (end > right)
        gtk_snapshot_append_color (snapshot, veil, &GRAPHENE_RECT_INIT (right, 0, end - right, height));
    }
}

static void
yp_overview_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  YpOverview *self = YP_OVERVIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GdkRGBA veil, fill;
  double x0, x1;
  YpEvent *selected;

  if (self->session == NULL || width <= 0 || height <= 0)
    return;

  ensure_static_node (self, width, height);
  if (self->static_node != NULL)
    gtk_snapshot_append_node (snapshot, self->static_node);

  if (get_window_px (self, &x0, &x1))
    {
      float border_widths[4] = { 1, 2, 1, 2 };
      GdkRGBA border_colors[4];
      GskRoundedRect outline;

      x0 = round (x0);
      x1 = MAX (round (x1), x0 + 1);

      /* The rest of the strip recedes behind a veil of the background. */
      veil = self->bg;
      veil.alpha = 0.4f;
      append_veil (snapshot, &veil, width, height, (int) CLAMP (x0, 0, width), (int) CLAMP (x1, 0, width));

      fill = self->accent;
      fill.alpha = 0.2f;
      gtk_snapshot_append_color (snapshot, &fill, &GRAPHENE_RECT_INIT (x0, 0, x1 - x0, height));

      selected = yp_session_get_selected (self->session);
      if (selected != NULL)
        {
          double x = round (yp_overview_time_to_x (self, yp_event_get_anchor_precise (selected)));

          gtk_snapshot_append_color (snapshot, &self->line,
                                     &GRAPHENE_RECT_INIT (x - 1, 0, 2, height));
        }

      for (guint i = 0; i < G_N_ELEMENTS (border_colors); i++)
        border_colors[i] = self->line;
      gsk_rounded_rect_init_from_rect (&outline, &GRAPHENE_RECT_INIT (x0, 0, x1 - x0, height), 0);
      gtk_snapshot_append_border (snapshot, &outline, border_widths, border_colors);
    }

  if (gtk_widget_has_visible_focus (widget))
    {
      float focus_widths[4] = { 1, 1, 1, 1 };
      GdkRGBA focus_colors[4];
      GskRoundedRect outline;

      for (guint i = 0; i < G_N_ELEMENTS (focus_colors); i++)
        {
          focus_colors[i] = self->line;
          focus_colors[i].alpha = 0.5f;
        }
      gsk_rounded_rect_init_from_rect (&outline, &GRAPHENE_RECT_INIT (0, 0, width, height), 0);
      gtk_snapshot_append_border (snapshot, &outline, focus_widths, focus_colors);
    }
}

static void
yp_overview_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = OVERVIEW_MIN_WIDTH;
  else
    *minimum = *natural = OVERVIEW_HEIGHT;
}

static void
yp_overview_css_changed (GtkWidget         *widget,
                         GtkCssStyleChange *change)
{
  YpOverview *self = YP_OVERVIEW (widget);

  if (GTK_WIDGET_CLASS (yp_overview_parent_class)->css_changed)
    GTK_WIDGET_CLASS (yp_overview_parent_class)->css_changed (widget, change);

  update_colors (self);
  /* The static layer holds colours: record it again. */
  g_clear_pointer (&self->static_node, gsk_render_node_unref);
  gtk_widget_queue_draw (widget);
}

static void
yp_overview_state_flags_changed (GtkWidget     *widget,
                                 GtkStateFlags  previous)
{
  GtkStateFlags now = gtk_widget_get_state_flags (widget);

  if (GTK_WIDGET_CLASS (yp_overview_parent_class)->state_flags_changed)
    GTK_WIDGET_CLASS (yp_overview_parent_class)->state_flags_changed (widget, previous);

  if ((now ^ previous) & (GTK_STATE_FLAG_FOCUSED | GTK_STATE_FLAG_FOCUS_VISIBLE))
    gtk_widget_queue_draw (widget);
}

static gboolean
yp_overview_query_tooltip (GtkWidget  *widget,
                           int         x,
                           int         y,
                           gboolean    keyboard_tooltip,
                           GtkTooltip *tooltip)
{
  YpOverview *self = YP_OVERVIEW (widget);
  g_autofree char *date = NULL;
  g_autofree char *text = NULL;
  GListModel *eras;
  const char *era_name = NULL;
  double time;

  if (self->session == NULL || self->drag_mode != DRAG_NONE || gtk_widget_get_width (widget) <= 0)
    return FALSE;

  if (keyboard_tooltip)
    time = (yp_session_get_visible_start (self->session) + yp_session_get_visible_end (self->session)) / 2;
  else
    time = x_to_time (self, x);

  eras = yp_record_get_eras (yp_session_get_record (self->session));
  for (guint i = 0; i < g_list_model_get_n_items (eras) && era_name == NULL; i++)
    {
      g_autoptr(YpEra) era = g_list_model_get_item (eras, i);

      if (time >= yp_era_get_start (era) && time < yp_era_get_end (era))
        era_name = yp_era_get_name (era, yp_content_lang ());
    }

  date = yp_format_instant ((gint64) floor (time), NULL, YP_PRECISION_DAY, FALSE);
  /* (the era's name stays valid: the record holds the era) */
  text = era_name ? g_strdup_printf ("%s\n%s", era_name, date) : g_strdup (date);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
yp_overview_dispose (GObject *object)
{
  YpOverview *self = (YpOverview *) object;

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  g_clear_pointer (&self->static_node, gsk_render_node_unref);

  G_OBJECT_CLASS (yp_overview_parent_class)->dispose (object);
}

static void
yp_overview_finalize (GObject *object)
{
  YpOverview *self = (YpOverview *) object;

  g_clear_pointer (&self->bins, g_array_unref);

  G_OBJECT_CLASS (yp_overview_parent_class)->finalize (object);
}

static void
yp_overview_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  YpOverview *self = YP_OVERVIEW (object);

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
yp_overview_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  YpOverview *self = YP_OVERVIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      yp_overview_set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yp_overview_class_init (YpOverviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yp_overview_dispose;
  object_class->finalize = yp_overview_finalize;
  object_class->get_property = yp_overview_get_property;
  object_class->set_property = yp_overview_set_property;

  widget_class->snapshot = yp_overview_snapshot;
  widget_class->measure = yp_overview_measure;
  widget_class->css_changed = yp_overview_css_changed;
  widget_class->state_flags_changed = yp_overview_state_flags_changed;
  widget_class->query_tooltip = yp_overview_query_tooltip;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, YP_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  for (guint i = 0; i < G_N_ELEMENTS (pan_actions); i++)
    gtk_widget_class_install_action (widget_class, pan_actions[i], NULL, pan_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "overview.pan-left", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Left, 0, "overview.pan-left", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "overview.pan-right", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Right, 0, "overview.pan-right", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, 0, "overview.pan-home", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Home, 0, "overview.pan-home", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_End, 0, "overview.pan-end", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_End, 0, "overview.pan-end", NULL);

  gtk_widget_class_set_css_name (widget_class, "overview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
yp_overview_init (YpOverview *self)
{
  GtkGesture *drag;
  GtkEventController *scroll, *motion;

  self->bins = g_array_new (FALSE, TRUE, sizeof (guint));
  self->bins_width = -1;
  self->fg = (GdkRGBA) { 0, 0, 0, 1 };
  self->bg = (GdkRGBA) { 1, 1, 1, 1 };
  gdk_rgba_parse (&self->accent, "#3584e4");
  self->line = self->accent;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  for (guint i = 0; i < G_N_ELEMENTS (pan_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), pan_actions[i], FALSE);

  drag = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begun_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_updated_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_ended_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL |
                                            GTK_EVENT_CONTROLLER_SCROLL_DISCRETE);
  g_signal_connect (scroll, "scroll", G_CALLBACK (scrolled_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);

  motion = gtk_event_controller_motion_new ();
  g_signal_connect (motion, "enter", G_CALLBACK (pointer_moved_cb), self);
  g_signal_connect (motion, "motion", G_CALLBACK (pointer_moved_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Overview of the whole timeline"),
                                  -1);
}

GtkWidget *
yp_overview_new (void)
{
  return g_object_new (YP_TYPE_OVERVIEW, NULL);
}

void
yp_overview_set_session (YpOverview *self,
                         YpSession  *session)
{
  g_return_if_fail (YP_IS_OVERVIEW (self));
  g_return_if_fail (session == NULL || YP_IS_SESSION (session));

  if (self->session == session)
    return;

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  if (session != NULL)
    {
      g_signal_connect_swapped (session, "visible-changed",
                                G_CALLBACK (session_visible_changed_cb), self);
      g_signal_connect_swapped (session, "notify::selected",
                                G_CALLBACK (session_selected_changed_cb), self);
      /* The histogram counts the shown events: redo it when they change. */
      g_signal_connect_swapped (session, "filter-changed",
                                G_CALLBACK (invalidate_layers), self);
    }

  self->drag_mode = DRAG_NONE;
  for (guint i = 0; i < G_N_ELEMENTS (pan_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), pan_actions[i], session != NULL);
  invalidate_layers (self);
  update_cursor (self);
  update_accessible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

YpSession *
yp_overview_get_session (YpOverview *self)
{
  g_return_val_if_fail (YP_IS_OVERVIEW (self), NULL);
  return self->session;
}

double
yp_overview_time_to_x (YpOverview *self,
                       double      time)
{
  YpTimeScale scale;

  g_return_val_if_fail (YP_IS_OVERVIEW (self), 0);

  if (!get_scale (self, gtk_widget_get_width (GTK_WIDGET (self)), &scale))
    return 0;
  return yp_time_scale_time_to_x (&scale, time);
}

void
yp_overview_test_drag (YpOverview *self,
                       double      x0,
                       double      dx)
{
  g_return_if_fail (YP_IS_OVERVIEW (self));

  begin_drag (self, x0);
  if (dx != 0)
    {
      self->pointer_x = x0 + dx;
      update_drag (self, dx);
    }
  end_drag (self);
}

void
yp_overview_test_scroll (YpOverview *self,
                         double      x,
                         double      dy)
{
  g_return_if_fail (YP_IS_OVERVIEW (self));

  self->pointer_x = x;
  scroll_zoom (self, x, dy);
}
