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

#define ERA_STRIP_H     24.0
#define AXIS_H          34.0
#define ROW_H           22.0
#define DOT_R            5.0
#define LABEL_GAP        9.0
#define MAX_LABEL_W    240.0
#define CLUSTER_PX      12.0    /* marks closer than this are aggregated */
#define STACK_MAX       12      /* same-instant events shown one per row */
#define DRAG_THRESHOLD   4.0
#define WHEEL_FACTOR     1.25
#define TICK_SPACING    96.0

struct _YpTimeline
{
  GtkWidget    parent_instance;

  YpSession   *session;
  gulong       visible_handler;
  gulong       selected_handler;
  gulong       items_handler;
  gulong       filter_handler;
  gulong       matches_handler;

  /* Per-event label widths, measured once per font and language. */
  GArray      *label_widths;   /* double, -1 = not measured yet */
  GHashTable  *count_widths;   /* an aggregate's count text -> its width */
  PangoAttrList *bold;
  PangoLayout *layout;
  YpLang       lang;

  /* Reused every frame. */
  GArray      *clusters;       /* YpCluster */
  GArray      *boxes;          /* YpLabelBox */
  GArray      *box_items;      /* Item, parallel to boxes */
  GArray      *ticks;          /* YpTick */
  GArray      *hits;           /* YpTimelineHit, what the last frame drew */
  YpTimelineFrame *frame;      /* the same, for export */
  GTimeZone   *tz;

  /* Theme colours, cached in css_changed. */
  GdkRGBA      fg;
  GdkRGBA      accent;
  GdkRGBA      accent_fg;
  GdkRGBA      base;

  /* Input state. */
  double       pointer_x;
  gboolean     dragging;
  gboolean     drag_moved;
  double       drag_start_visible;
  double       drag_start_end;
  double       zoom_last_scale;
};

/* One thing to lay out in the rows: an event or an aggregate. */
typedef struct {
  guint    first;
  guint    count;    /* 1 = an event */
  double   x;
  gboolean flipped;  /* the label is left of the mark: no room on the right */
} Item;

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
                      self->session ? yp_session_get_visible_start (self->session) : 0,
                      self->session ? yp_session_get_visible_end (self->session) : 1,
                      MAX (1, gtk_widget_get_width (GTK_WIDGET (self))));
}

static double
area_bottom (YpTimeline *self)
{
  return gtk_widget_get_height (GTK_WIDGET (self)) - AXIS_H - 6;
}

static guint
max_rows (YpTimeline *self)
{
  double h = area_bottom (self) - ERA_STRIP_H - 6;

  return CLAMP ((guint) (h / ROW_H), 1, YP_LANES_MAX_ROWS);
}

static double
row_y (YpTimeline *self,
       int         row)
{
  return area_bottom (self) - ROW_H / 2 - row * ROW_H;
}

/* The event at events model @position, borrowed: the model keeps its
 * own reference for as long as the frame needs it. */
static YpEvent *
event_at (YpTimeline *self,
          guint       position)
{
  GListModel *events = yp_session_get_events (self->session);
  YpEvent *event = g_list_model_get_item (events, position);

  if (event != NULL)
    g_object_unref (event);
  return event;
}

/* The @index-th shown event (the anchors array's order). */
static YpEvent *
peek_event (YpTimeline *self,
            guint       index)
{
  return event_at (self, yp_session_shown_to_position (self->session, index));
}

static void
invalidate_labels (YpTimeline *self)
{
  guint n = self->session ? g_list_model_get_n_items (yp_session_get_events (self->session)) : 0;

  g_array_set_size (self->label_widths, n);
  for (guint i = 0; i < n; i++)
    g_array_index (self->label_widths, double, i) = -1;
  g_hash_table_remove_all (self->count_widths);
}

/* Widths are kept by model position, so filtering keeps them. */
static double
label_width (YpTimeline *self,
             guint       index)
{
  guint position = yp_session_shown_to_position (self->session, index);
  double *w = &g_array_index (self->label_widths, double, position);

  if (*w < 0)
    {
      int pw, ph;

      pango_layout_set_width (self->layout, -1);
      pango_layout_set_text (self->layout, yp_event_get_title (event_at (self, position), self->lang), -1);
      pango_layout_get_pixel_size (self->layout, &pw, &ph);
      *w = MIN (pw, MAX_LABEL_W);
    }
  return *w;
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

static void
add_hit (YpTimeline        *self,
         YpTimelineHitKind  kind,
         guint              first,
         guint              count,
         double             x,
         double             y,
         double             w,
         double             h)
{
  YpTimelineHit hit = { kind, first, count, GRAPHENE_RECT_INIT (x, y, w, h) };

  g_array_append_val (self->hits, hit);
}

static void
era_clear (gpointer data)
{
  g_free (((YpTimelineFrameEra *) data)->name);
}

static void
tick_clear (gpointer data)
{
  g_free (((YpTimelineFrameTick *) data)->label);
}

static void
mark_clear (gpointer data)
{
  g_free (((YpTimelineFrameMark *) data)->title);
}

static YpTimelineFrame *
frame_new (void)
{
  YpTimelineFrame *frame = g_new0 (YpTimelineFrame, 1);

  frame->eras = g_array_new (FALSE, TRUE, sizeof (YpTimelineFrameEra));
  frame->ticks = g_array_new (FALSE, TRUE, sizeof (YpTimelineFrameTick));
  frame->marks = g_array_new (FALSE, TRUE, sizeof (YpTimelineFrameMark));
  g_array_set_clear_func (frame->eras, era_clear);
  g_array_set_clear_func (frame->ticks, tick_clear);
  g_array_set_clear_func (frame->marks, mark_clear);
  return frame;
}

void
yp_timeline_frame_free (YpTimelineFrame *frame)
{
  if (frame == NULL)
    return;
  g_array_unref (frame->eras);
  g_array_unref (frame->ticks);
  g_array_unref (frame->marks);
  g_free (frame);
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
  pango_layout_set_width (self->layout, max_width > 0 ? (int) (max_width * PANGO_SCALE) : -1);
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

/* Drawing */

static void
draw_eras (YpTimeline        *self,
           GtkSnapshot       *snapshot,
           const YpTimeScale *scale,
           double             height)
{
  GListModel *eras = yp_record_get_eras (yp_session_get_record (self->session));
  double width = scale->width_px;

  for (guint i = 0; i < g_list_model_get_n_items (eras); i++)
    {
      g_autoptr(YpEra) era = g_list_model_get_item (eras, i);
      double x0 = yp_time_scale_time_to_x (scale, yp_era_get_start (era));
      double x1 = yp_time_scale_time_to_x (scale, yp_era_get_end (era));
      GdkRGBA tint = with_alpha (&self->fg, i % 2 ? 0.07 : 0.03);
      double vx0, vx1;

      if (x1 < 0 || x0 > width)
        continue;
      vx0 = MAX (x0, 0);
      vx1 = MIN (x1, width);
      gtk_snapshot_append_color (snapshot, &tint, &GRAPHENE_RECT_INIT (vx0, 0, vx1 - vx0, height - AXIS_H));
      /* A thin edge where eras meet. */
      if (x0 >= 0)
        {
          GdkRGBA edge = with_alpha (&self->fg, 0.12);
          gtk_snapshot_append_color (snapshot, &edge, &GRAPHENE_RECT_INIT (x0, 0, 1, height - AXIS_H));
        }
      /* The name, kept in view while the band is, if there is room. */
      if (vx1 - vx0 > 40)
        {
          const char *name = yp_era_get_name (era, self->lang);
          GdkRGBA text = with_alpha (&self->fg, 0.75);
          double tx = vx0 + 8;

          append_text (self, snapshot, name, tx, ERA_STRIP_H / 2 + 2, vx1 - tx - 6, &text, TRUE);
          add_hit (self, YP_TIMELINE_HIT_ERA, i, 1, vx0, 0, vx1 - vx0, ERA_STRIP_H);
        }
      {
        YpTimelineFrameEra fe = { vx0, vx1, i % 2 == 1, vx1 - vx0 > 40 ? g_strdup (yp_era_get_name (era, self->lang)) : NULL };
        g_array_append_val (self->frame->eras, fe);
      }
    }
}

static void
draw_axis (YpTimeline        *self,
           GtkSnapshot       *snapshot,
           const YpTimeScale *scale,
           double             height)
{
  YpTickStep major;
  GdkRGBA line = with_alpha (&self->fg, 0.35);
  GdkRGBA minor_c = with_alpha (&self->fg, 0.2);
  GdkRGBA grid = with_alpha (&self->fg, 0.06);
  GdkRGBA text = with_alpha (&self->fg, 0.8);
  GdkRGBA bg = with_alpha (&self->fg, 0.03);
  double top = height - AXIS_H;
  double last_label_end = -G_MAXDOUBLE;
  gboolean first = TRUE;
  YpTickLabelKind kind;

  gtk_snapshot_append_color (snapshot, &bg, &GRAPHENE_RECT_INIT (0, top, scale->width_px, AXIS_H));
  gtk_snapshot_append_color (snapshot, &line, &GRAPHENE_RECT_INIT (0, top, scale->width_px, 1));

  g_array_set_size (self->ticks, 0);
  yp_ticks_compute (scale, self->tz, TICK_SPACING, TICK_SPACING, &major, self->ticks);
  kind = yp_tick_unit_get_label_kind (major.unit);

  for (guint i = 0; i < self->ticks->len; i++)
    {
      const YpTick *t = &g_array_index (self->ticks, YpTick, i);

      if (t->x < -1 || t->x > scale->width_px + 1)
        continue;
      if (!t->major)
        {
          YpTimelineFrameTick ft = { t->x, FALSE, NULL };

          gtk_snapshot_append_color (snapshot, &minor_c, &GRAPHENE_RECT_INIT (t->x, top, 1, 4));
          g_array_append_val (self->frame->ticks, ft);
          continue;
        }
      gtk_snapshot_append_color (snapshot, &grid, &GRAPHENE_RECT_INIT (t->x, ERA_STRIP_H, 1, top - ERA_STRIP_H));
      gtk_snapshot_append_color (snapshot, &line, &GRAPHENE_RECT_INIT (t->x, top, 1, 8));
      if (t->x + 4 > last_label_end + 8)
        {
          g_autofree char *label = yp_format_axis_label (kind, t->time, self->tz, first);
          int pw, ph;

          if (label == NULL)
            continue;
          pango_layout_set_width (self->layout, -1);
          pango_layout_set_text (self->layout, label, -1);
          pango_layout_get_pixel_size (self->layout, &pw, &ph);
          append_text (self, snapshot, label, t->x + 4, top + 20, -1, &text, FALSE);
          last_label_end = t->x + 4 + pw;
          first = FALSE;
          {
            YpTimelineFrameTick ft = { t->x, TRUE, g_strdup (label) };
            g_array_append_val (self->frame->ticks, ft);
          }
        }
      else
        {
          YpTimelineFrameTick ft = { t->x, TRUE, NULL };
          g_array_append_val (self->frame->ticks, ft);
        }
    }
}

/* Groups the visible events into items: lone events, same-instant stacks
 * (expanded to one item per event) and aggregates. */
static void
collect_items (YpTimeline        *self,
               const YpTimeScale *scale)
{
  guint n_anchors;
  const gint64 *anchors = yp_session_get_anchors (self->session, &n_anchors);

  g_array_set_size (self->clusters, 0);
  g_array_set_size (self->box_items, 0);
  yp_lanes_cluster_indexed (yp_session_get_lanes_index (self->session), scale,
                            CLUSTER_PX, MAX_LABEL_W, self->clusters);

  for (guint i = 0; i < self->clusters->len; i++)
    {
      const YpCluster *c = &g_array_index (self->clusters, YpCluster, i);
      gboolean same_instant = anchors[c->first] == anchors[c->first + c->count - 1];

      if (c->count == 1 || (same_instant && c->count <= STACK_MAX))
        {
          for (guint j = 0; j < c->count; j++)
            {
              Item item = { c->first + j, 1, yp_time_scale_time_to_x (scale, anchors[c->first + j]), FALSE };
              g_array_append_val (self->box_items, item);
            }
        }
      else
        {
          Item item = { c->first, c->count, c->x, FALSE };
          g_array_append_val (self->box_items, item);
        }
    }
}

static void
record_mark (YpTimeline *self,
             const Item *item,
             double      y,
             double      r,
             const char *title,
             gboolean    dimmed,
             gboolean    selected,
             int         span_kind,
             double      span_x0,
             double      span_x1)
{
  YpTimelineFrameMark m = { 0 };

  m.x = item->x;
  m.y = y;
  m.r = r;
  m.half_width = r;
  m.count = item->count;
  m.first = item->count == 1 ? yp_session_shown_to_position (self->session, item->first) : item->first;
  m.flipped = item->flipped;
  m.dimmed = dimmed;
  m.selected = selected;
  m.unconfirmed = item->count == 1 &&
                  g_strcmp0 (yp_event_get_status (event_at (self, m.first)), "reported") != 0;
  m.span_kind = span_kind;
  m.span_x0 = span_x0;
  m.span_x1 = span_x1;
  if (title != NULL)
    {
      m.title = g_strdup (title);
      m.label_width = label_width (self, item->first);
      m.label_x = item->flipped ? item->x - DOT_R - LABEL_GAP + 2 - m.label_width
                                : item->x + DOT_R + LABEL_GAP - 2;
    }
  g_array_append_val (self->frame->marks, m);
}

static double
cluster_radius (guint count)
{
  return count < 10 ? 9 : count < 100 ? 11 : 13;
}

/* Half the width of an aggregate's mark: a disc of cluster_radius(), or a
 * pill as wide as its count text needs ("1.3k" does not fit a disc that
 * must stay within its row). The few distinct texts are measured once. */
static double
cluster_half_width (YpTimeline *self,
                    guint       count,
                    const char *text)
{
  double *w = g_hash_table_lookup (self->count_widths, text);

  if (w == NULL)
    {
      int pw, ph;

      pango_layout_set_width (self->layout, -1);
      pango_layout_set_text (self->layout, text, -1);
      pango_layout_set_attributes (self->layout, self->bold);
      pango_layout_get_pixel_size (self->layout, &pw, &ph);
      pango_layout_set_attributes (self->layout, NULL);
      w = g_new (double, 1);
      *w = pw;
      g_hash_table_insert (self->count_widths, g_strdup (text), w);
    }
  return MAX (cluster_radius (count), *w / 2 + 5);
}

static void
draw_events (YpTimeline        *self,
             GtkSnapshot       *snapshot,
             const YpTimeScale *scale)
{
  YpEvent *selected = yp_session_get_selected (self->session);
  gboolean selected_shown = selected != NULL && yp_session_is_shown (self->session, selected);
  guint selected_pos = selected_shown ? yp_session_get_selected_position (self->session) : G_MAXUINT;
  gboolean searching = yp_session_has_search (self->session);
  double bottom = area_bottom (self);
  GdkRGBA connector = with_alpha (&self->fg, 0.18);
  GdkRGBA span_c = with_alpha (&self->accent, 0.55);
  GdkRGBA span_fuzz = with_alpha (&self->accent, 0.22);
  GdkRGBA label_c = self->fg;
  GdkRGBA dim_dot = with_alpha (&self->accent, 0.55);

  collect_items (self, scale);

  g_array_set_size (self->boxes, self->box_items->len);
  for (guint i = 0; i < self->box_items->len; i++)
    {
      Item *item = &g_array_index (self->box_items, Item, i);
      YpLabelBox *box = &g_array_index (self->boxes, YpLabelBox, i);

      if (item->count == 1)
        {
          double lw = label_width (self, item->first);

          box->width = DOT_R * 2 + LABEL_GAP + lw;
          /* Near the right edge the label goes on the left of its mark. */
          item->flipped = item->x + box->width > scale->width_px && item->x - box->width > 0;
          box->x = item->flipped ? item->x + DOT_R + 1 - box->width : item->x - DOT_R - 1;
        }
      else
        {
          g_autofree char *text = yp_format_count_short (item->count);
          double hw = cluster_half_width (self, item->count, text);

          box->x = item->x - hw;
          box->width = 2 * hw;
        }
    }
  yp_lanes_assign_rows ((YpLabelBox *) (gpointer) self->boxes->data, self->boxes->len, max_rows (self), 8);

  for (guint i = 0; i < self->box_items->len; i++)
    {
      const Item *item = &g_array_index (self->box_items, Item, i);
      const YpLabelBox *box = &g_array_index (self->boxes, YpLabelBox, i);
      double y = box->row >= 0 ? row_y (self, box->row) : bottom + 2;

      if (item->count > 1)
        {
          double r = cluster_radius (item->count);
          g_autofree char *count = yp_format_count_short (item->count);
          double hw = cluster_half_width (self, item->count, count);
          gboolean has_selected = FALSE;
          gboolean dimmed = searching;
          GdkRGBA fill = self->accent;
          double text_w;

          /* Shown positions increase with the shown index: the selected
           * event is inside if its position is within the ends. */
          if (selected_shown)
            has_selected = yp_session_shown_to_position (self->session, item->first) <= selected_pos &&
                           selected_pos <= yp_session_shown_to_position (self->session,
                                                                         item->first + item->count - 1);
          /* Dimmed when none of its events matches the search: only then
           * are its events looked at, and only up to the first match (at
           * the whole span of a million events this loop was the frame). */
          for (guint j = 0; dimmed && j < item->count; j++)
            dimmed = yp_session_is_dimmed (self->session,
                                           yp_session_shown_to_position (self->session, item->first + j));
          if (dimmed)
            fill = with_alpha (&self->accent, 0.3);

          gtk_snapshot_append_color (snapshot, &connector, &GRAPHENE_RECT_INIT (item->x, y + r, 1, bottom + 6 - y - r));
          append_pill (snapshot, item->x, y, hw, r, &fill);
          record_mark (self, item, y, r, NULL, dimmed, has_selected, 0, 0, 0);
          g_array_index (self->frame->marks, YpTimelineFrameMark, self->frame->marks->len - 1).half_width = hw;
          if (has_selected)
            append_pill_ring (snapshot, item->x, y, hw + 3, r + 3, 2, &self->fg);
          text_w = *(double *) g_hash_table_lookup (self->count_widths, count);
          append_text (self, snapshot, count, item->x - text_w / 2.0, y, -1, &self->accent_fg, TRUE);
          add_hit (self, YP_TIMELINE_HIT_CLUSTER, item->first, item->count, item->x - hw, y - r, 2 * hw, 2 * r);
          continue;
        }

      {
        guint position = yp_session_shown_to_position (self->session, item->first);
        YpEvent *event = event_at (self, position);
        YpPrecision precision = yp_event_get_precision (event);
        gboolean is_selected = event == selected;
        gboolean unconfirmed = g_strcmp0 (yp_event_get_status (event), "reported") != 0;
        gboolean dimmed = yp_session_is_dimmed (self->session, position) && !is_selected;
        GdkRGBA dot = dimmed ? with_alpha (&self->accent, 0.25) : self->accent;
        GdkRGBA text_c = dimmed ? with_alpha (&label_c, 0.35) : label_c;
        double sx0 = 0, sx1 = 0;
        int span_kind = 0;

        /* Uncertainty: a month or an approximate date is a span, with soft
         * ends, not a point; a day becomes a span once it is wide enough. */
        /* A date that covers a span (or an event with an end) is drawn
         * as one. */
        if ((precision != YP_PRECISION_EXACT || yp_event_get_end (event) - yp_event_get_start (event) > 60) &&
            !dimmed)
          {
            sx0 = yp_time_scale_time_to_x (scale, yp_event_get_start (event));
            sx1 = yp_time_scale_time_to_x (scale, yp_event_get_end (event));

            if (sx1 - sx0 >= 4 && box->row >= 0)
              {
                double a = MAX (sx0, -10), b = MIN (sx1, scale->width_px + 10);
                double fuzz = precision == YP_PRECISION_APPROXIMATE ? MIN (14, (b - a) / 4) : 0;
                GdkRGBA core = precision == YP_PRECISION_APPROXIMATE ? span_fuzz : span_c;
                double by = y + ROW_H / 2 - 4;

                /* Under the label, like an underline of its duration; an
                 * approximate date fades out at both ends. */
                gtk_snapshot_append_color (snapshot, &span_fuzz, &GRAPHENE_RECT_INIT (a, by, b - a, 3));
                gtk_snapshot_append_color (snapshot, &core, &GRAPHENE_RECT_INIT (a + fuzz, by, b - a - 2 * fuzz, 3));
                span_kind = precision == YP_PRECISION_APPROXIMATE ? 2 : 1;
              }
          }

        if (box->row >= 0)
          {
            gtk_snapshot_append_color (snapshot, &connector,
                                       &GRAPHENE_RECT_INIT (item->x, y + DOT_R, 1, MAX (0, bottom + 6 - y - DOT_R)));
            if (unconfirmed)
              append_ring (snapshot, item->x, y, DOT_R, 2, &dot);
            else
              append_circle (snapshot, item->x, y, DOT_R, &dot);
            if (is_selected)
              {
                double lw = label_width (self, item->first);
                GdkRGBA pill = with_alpha (&self->accent, 0.18);
                GskRoundedRect rr;
                double px = item->flipped ? item->x - DOT_R - 3 - lw - LABEL_GAP : item->x + DOT_R + 3;
                graphene_rect_t r = GRAPHENE_RECT_INIT (px, y - ROW_H / 2 + 2, lw + LABEL_GAP, ROW_H - 4);

                gsk_rounded_rect_init_from_rect (&rr, &r, 4);
                gtk_snapshot_push_rounded_clip (snapshot, &rr);
                gtk_snapshot_append_color (snapshot, &pill, &r);
                gtk_snapshot_pop (snapshot);
                append_ring (snapshot, item->x, y, DOT_R + 3, 2, &self->fg);
              }
            append_text (self, snapshot, yp_event_get_title (event, self->lang),
                         item->flipped ? item->x - DOT_R - LABEL_GAP + 2 - label_width (self, item->first)
                                       : item->x + DOT_R + LABEL_GAP - 2,
                         y, MAX_LABEL_W, &text_c, is_selected);
            record_mark (self, item, y, DOT_R, yp_event_get_title (event, self->lang), dimmed, is_selected,
                         span_kind, sx0, sx1);
            add_hit (self, YP_TIMELINE_HIT_EVENT, position, 1,
                     box->x, y - ROW_H / 2, box->width, ROW_H);
          }
        else
          {
            /* No row left: a small mark on the axis, still clickable. */
            append_circle (snapshot, item->x, y, 3, is_selected ? &self->fg : &dim_dot);
            record_mark (self, item, y, 3, NULL, dimmed, is_selected, 0, 0, 0);
            add_hit (self, YP_TIMELINE_HIT_EVENT, position, 1, item->x - 4, y - 4, 8, 8);
          }
      }
    }
}

static void
yp_timeline_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  YpTimeline *self = YP_TIMELINE (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  YpTimeScale scale;

  g_array_set_size (self->hits, 0);
  g_array_set_size (self->frame->eras, 0);
  g_array_set_size (self->frame->ticks, 0);
  g_array_set_size (self->frame->marks, 0);
  if (self->session == NULL || width <= 0 || height <= 0)
    return;

  ensure_layout (self);
  /* The content language can change at any time: labels follow it. */
  if (self->lang != yp_content_lang ())
    {
      self->lang = yp_content_lang ();
      invalidate_labels (self);
    }
  get_scale (self, &scale);
  self->frame->width = width;
  self->frame->height = height;
  self->frame->axis_top = height - AXIS_H;
  self->frame->era_strip_height = ERA_STRIP_H;
  self->frame->row_height = ROW_H;
  self->frame->fg = self->fg;
  self->frame->accent = self->accent;
  self->frame->accent_fg = self->accent_fg;
  self->frame->base = self->base;

  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  draw_eras (self, snapshot, &scale, height);
  draw_axis (self, snapshot, &scale, height);
  draw_events (self, snapshot, &scale);
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
  if (0.2126 * self->fg.red + 0.7152 * self->fg.green + 0.0722 * self->fg.blue > 0.5)
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
  gtk_widget_queue_draw (widget);
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
  span = yp_session_get_visible_end (self->session) - yp_session_get_visible_start (self->session);

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
  self->drag_start_visible = yp_session_get_visible_start (self->session);
  self->drag_start_end = yp_session_get_visible_end (self->session);
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
  yp_session_set_visible (self->session, self->drag_start_visible + seconds, self->drag_start_end + seconds);
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
      /* Zoom until the members separate. */
      yp_session_zoom_to (self->session, anchors[hit->first],
                          anchors[hit->first + hit->count - 1], 0.25);
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
      YpEvent *event = event_at (self, hit.first);
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
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
selected_changed_cb (YpTimeline *self)
{
  YpEvent *event = yp_session_get_selected (self->session);

  if (event != NULL)
    {
      g_autofree char *when = yp_format_event_date (event);
      g_autofree char *text = g_strdup_printf (_("Selected: %s, %s"), when, yp_event_get_title (event, self->lang));

      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                      -1);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
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

  G_OBJECT_CLASS (yp_timeline_parent_class)->dispose (object);
}

static void
yp_timeline_finalize (GObject *object)
{
  YpTimeline *self = (YpTimeline *) object;

  g_clear_pointer (&self->label_widths, g_array_unref);
  g_clear_pointer (&self->count_widths, g_hash_table_unref);
  g_clear_pointer (&self->bold, pango_attr_list_unref);
  g_clear_pointer (&self->clusters, g_array_unref);
  g_clear_pointer (&self->boxes, g_array_unref);
  g_clear_pointer (&self->box_items, g_array_unref);
  g_clear_pointer (&self->ticks, g_array_unref);
  g_clear_pointer (&self->hits, g_array_unref);
  g_clear_pointer (&self->frame, yp_timeline_frame_free);
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

  self->label_widths = g_array_new (FALSE, FALSE, sizeof (double));
  self->count_widths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->bold = pango_attr_list_new ();
  pango_attr_list_insert (self->bold, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  self->clusters = g_array_new (FALSE, FALSE, sizeof (YpCluster));
  self->boxes = g_array_new (FALSE, FALSE, sizeof (YpLabelBox));
  self->box_items = g_array_new (FALSE, FALSE, sizeof (Item));
  self->ticks = g_array_new (FALSE, FALSE, sizeof (YpTick));
  self->hits = g_array_new (FALSE, FALSE, sizeof (YpTimelineHit));
  self->frame = frame_new ();
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
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Left and Right select events, plus and minus zoom, 0 shows everything"),
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
                                                       G_CALLBACK (gtk_widget_queue_draw), self);
      self->matches_handler = g_signal_connect_swapped (session, "matches-changed",
                                                        G_CALLBACK (gtk_widget_queue_draw), self);
    }
  invalidate_labels (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
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
  const graphene_point_t p = GRAPHENE_POINT_INIT (x, y);

  g_return_val_if_fail (YP_IS_TIMELINE (self), FALSE);

  /* Last drawn wins: it is on top. */
  for (guint i = self->hits->len; i > 0; i--)
    {
      const YpTimelineHit *h = &g_array_index (self->hits, YpTimelineHit, i - 1);

      if (graphene_rect_contains_point (&h->area, &p))
        {
          if (hit)
            *hit = *h;
          return TRUE;
        }
    }
  if (hit)
    hit->kind = YP_TIMELINE_HIT_NONE;
  return FALSE;
}

gboolean
yp_timeline_get_event_area (YpTimeline      *self,
                            guint            index,
                            graphene_rect_t *area)
{
  g_return_val_if_fail (YP_IS_TIMELINE (self), FALSE);

  for (guint i = 0; i < self->hits->len; i++)
    {
      const YpTimelineHit *h = &g_array_index (self->hits, YpTimelineHit, i);

      if (h->kind == YP_TIMELINE_HIT_EVENT && h->first == index)
        {
          *area = h->area;
          return TRUE;
        }
    }
  return FALSE;
}

double
yp_timeline_time_to_x (YpTimeline *self,
                       double      time)
{
  YpTimeScale scale;

  g_return_val_if_fail (YP_IS_TIMELINE (self), 0);
  get_scale (self, &scale);
  return yp_time_scale_time_to_x (&scale, time);
}

double
yp_timeline_x_to_time (YpTimeline *self,
                       double      x)
{
  YpTimeScale scale;

  g_return_val_if_fail (YP_IS_TIMELINE (self), 0);
  get_scale (self, &scale);
  return yp_time_scale_x_to_time (&scale, x);
}

YpTimelineFrame *
yp_timeline_dup_frame (YpTimeline *self)
{
  YpTimelineFrame *copy;

  g_return_val_if_fail (YP_IS_TIMELINE (self), NULL);

  if (self->frame->width <= 0)
    return NULL;
  copy = frame_new ();
  copy->width = self->frame->width;
  copy->height = self->frame->height;
  copy->axis_top = self->frame->axis_top;
  copy->era_strip_height = self->frame->era_strip_height;
  copy->row_height = self->frame->row_height;
  copy->fg = self->frame->fg;
  copy->accent = self->frame->accent;
  copy->accent_fg = self->frame->accent_fg;
  copy->base = self->frame->base;
  for (guint i = 0; i < self->frame->eras->len; i++)
    {
      YpTimelineFrameEra e = g_array_index (self->frame->eras, YpTimelineFrameEra, i);
      e.name = g_strdup (e.name);
      g_array_append_val (copy->eras, e);
    }
  for (guint i = 0; i < self->frame->ticks->len; i++)
    {
      YpTimelineFrameTick t = g_array_index (self->frame->ticks, YpTimelineFrameTick, i);
      t.label = g_strdup (t.label);
      g_array_append_val (copy->ticks, t);
    }
  for (guint i = 0; i < self->frame->marks->len; i++)
    {
      YpTimelineFrameMark m = g_array_index (self->frame->marks, YpTimelineFrameMark, i);
      m.title = g_strdup (m.title);
      g_array_append_val (copy->marks, m);
    }
  return copy;
}
