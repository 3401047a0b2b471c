/* yp-timeline-layout.c: where the timeline's marks, labels and ticks go
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Turns a session's visible window and a size into a frame: era bands,
 * axis ticks, story-scale breaks, and one mark per lone event or crowd of
 * events, each with its row, label, date range and click target. Nothing
 * is drawn here: the widget paints the frame, the SVG export writes it,
 * and tests read it without a display (widths come from a callback).
 *
 * Cost follows what is visible: yp_lanes_cluster_indexed() binary-searches
 * the first visible event and aggregates crowded ones; label widths are
 * measured once per event. Marks are placed in rows above the axis in two
 * passes: first the selected event and the aggregates (which must be
 * drawn, so they never overlap: an aggregate that finds no free row is
 * merged into the one before it), then the lone events from left to
 * right, each in the first row where its whole title fits before the next
 * mark of that row, else where the most of it fits, else by cutting the
 * label before it in some row, else as a small mark on the axis.
 */
#define G_LOG_DOMAIN "yp-timeline"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "yp-format.h"
#include "yp-lanes.h"
#include "yp-ticks.h"
#include "yp-timeline-layout.h"

#define ERA_STRIP_H     YP_TIMELINE_ERA_STRIP_H
#define AXIS_H          YP_TIMELINE_AXIS_H
#define ROW_H           YP_TIMELINE_ROW_H
#define DOT_R           YP_TIMELINE_DOT_R
#define LABEL_GAP        9.0
#define LABEL_MARGIN    80.0    /* the margin of events looked at off screen */
#define MIN_LABEL_W    100.0    /* a label is not given less room than this */
#define MIN_CUT_W       40.0    /* nor cut shorter than this for the next */
#define BOX_PAD          8.0    /* between two marks' boxes in a row */
#define EDGE_PAD         3.0    /* between a label and the view's edge */
#define CLUSTER_PX      12.0    /* marks closer than this are aggregated */
#define STACK_MAX       12      /* same-instant events shown one per row */
#define SPREAD_MAX    1024      /* events of one second spread by their ms */
#define TICK_SPACING    96.0
#define STORY_TICK_SPACING 64.0

struct _YpTimelineLayout
{
  YpTimelineMeasureFunc measure;
  gpointer      measure_data;
  GArray       *label_widths;   /* double by events model position, -1: not yet */
  GHashTable   *count_widths;   /* an aggregate's count text -> its width */
  GArray       *clusters;       /* YpCluster */
  GArray       *items;          /* Item */
  GArray       *spread;         /* double: the x of each event of a second */
  GArray       *ticks;          /* YpTick */
  GArray       *rows[YP_LANES_MAX_ROWS];   /* Box: pass-1 obstacles by x */
};

/* One thing to place: a lone event or an aggregate. */
typedef struct {
  guint    first;      /* shown index */
  guint    count;      /* 1: a lone event; 0: merged into an aggregate */
  double   x;
  double   hw;         /* an aggregate's half width */
  int      row;        /* -1: on the axis */
  gboolean flipped;
  double   box_x0;     /* the box it takes in its row */
  double   box_x1;
  double   title_w;
  double   label_w;    /* room given to the label */
  gboolean selected;
} Item;

typedef struct {
  double x0, x1;
} Box;

typedef struct {
  YpTimelineLayout *self;
  YpSession        *session;
  YpTimelineFrame  *frame;
  YpTimeScale       scale;     /* over view coordinates */
  GTimeZone        *tz;
  YpLang            lang;
  guint             n_rows;
  double            bottom;    /* below the lowest row */
  gboolean          force_selected;  /* place it first, in row 0 */
} Ctx;

/* Helpers */

/* The width of event @index's title; @selected: in bold, as the selected
 * event's label is drawn (measured each frame: there is one). */
static double
title_width (Ctx      *ctx,
             guint     index,
             gboolean  selected)
{
  YpTimelineLayout *self = ctx->self;
  guint position = yp_session_shown_to_position (ctx->session, index);
  double *w;

  if (selected)
    {
      YpEvent *event = yp_timeline_event_at (ctx->session, position);

      return ceil (self->measure (yp_event_get_title (event, ctx->lang), TRUE, self->measure_data));
    }

  if (position >= self->label_widths->len)
    {
      guint old = self->label_widths->len;

      g_array_set_size (self->label_widths, position + 1);
      for (guint i = old; i <= position; i++)
        g_array_index (self->label_widths, double, i) = -1;
    }
  w = &g_array_index (self->label_widths, double, position);
  if (*w < 0)
    {
      YpEvent *event = yp_timeline_event_at (ctx->session, position);

      *w = ceil (self->measure (yp_event_get_title (event, ctx->lang), FALSE, self->measure_data));
    }
  return *w;
}

static double
cluster_radius (guint count)
{
  /* At most ROW_H - 2 across: aggregates in neighbouring rows never touch. */
  return count < 10 ? 8 : count < 100 ? 9 : 10;
}

/* Half the width of an aggregate's mark: a disc, or a pill as wide as its
 * count text needs. The few distinct texts are measured once. */
static double
cluster_half_width (Ctx   *ctx,
                    guint  count)
{
  g_autofree char *text = yp_format_count_short (count);
  double *w = g_hash_table_lookup (ctx->self->count_widths, text);

  if (w == NULL)
    {
      w = g_new (double, 1);
      *w = ctx->self->measure (text, TRUE, ctx->self->measure_data);
      g_hash_table_insert (ctx->self->count_widths, g_steal_pointer (&text), w);
    }
  return MAX (cluster_radius (count), *w / 2 + 5);
}

static double
row_y (Ctx *ctx,
       int  row)
{
  return row >= 0 ? ctx->bottom - ROW_H / 2 - row * ROW_H : ctx->bottom + 2;
}

static double
view_x (Ctx    *ctx,
        double  time)
{
  return yp_time_scale_time_to_x (&ctx->scale, yp_session_time_to_view (ctx->session, time));
}

/* Eras */

static void
layout_eras (Ctx *ctx)
{
  GListModel *eras = yp_record_get_eras (yp_session_get_record (ctx->session));
  double width = ctx->scale.width_px;

  for (guint i = 0; i < g_list_model_get_n_items (eras); i++)
    {
      g_autoptr(YpEra) era = g_list_model_get_item (eras, i);
      double x0 = view_x (ctx, yp_era_get_start (era));
      double x1 = view_x (ctx, yp_era_get_end (era));
      YpTimelineFrameEra fe = { 0 };

      if (x1 < 0 || x0 > width)
        continue;
      fe.x0 = MAX (x0, 0);
      fe.x1 = MIN (x1, width);
      fe.alternate = i % 2 == 1;
      fe.index = i;
      /* The name, kept in view while the band is, if there is room. */
      if (fe.x1 - fe.x0 > 40)
        {
          fe.name = g_strdup (yp_era_get_name (era, ctx->lang));
          fe.rect = GRAPHENE_RECT_INIT (fe.x0, 0, fe.x1 - fe.x0, ERA_STRIP_H);
        }
      g_array_append_val (ctx->frame->eras, fe);
    }
}

/* Axis */

/* "14 months", "3 weeks": the length of a break, roughly. */
static char *
break_label (double seconds)
{
  double days = seconds / 86400.0;
  guint n;

  /* Cosmological gaps run to billions of years: past a guint. */
  if (days >= 730)
    return yp_format_year_count ((gint64) floor (days / 365.25));
  if (days >= 60)
    {
      n = (guint) floor (days / 30.44);
      return g_strdup_printf (ngettext ("%u month", "%u months", n), n);
    }
  if (days >= 14)
    {
      n = (guint) floor (days / 7);
      return g_strdup_printf (ngettext ("%u week", "%u weeks", n), n);
    }
  if (days >= 2)
    {
      n = (guint) floor (days);
      return g_strdup_printf (ngettext ("%u day", "%u days", n), n);
    }
  n = MAX (1, (guint) floor (seconds / 3600));
  return g_strdup_printf (ngettext ("%u hour", "%u hours", n), n);
}

static gboolean
overlaps_break_label (Ctx    *ctx,
                      double  x0,
                      double  x1)
{
  for (guint i = 0; i < ctx->frame->breaks->len; i++)
    {
      const YpTimelineFrameBreak *b = &g_array_index (ctx->frame->breaks, YpTimelineFrameBreak, i);

      if (b->label != NULL && x1 > b->label_x - 6 && x0 < b->label_x + b->label_width + 6)
        return TRUE;
    }
  return FALSE;
}

/* The ticks of one stretch of linear time: view coordinates [@v0, @v1)
 * are times shifted by @offset. */
static void
layout_ticks (Ctx    *ctx,
              double  v0,
              double  v1,
              double  offset,
              double *last_label_end)
{
  YpTimeScale scale = ctx->scale;
  double width = ctx->scale.width_px;
  gboolean first = TRUE;
  YpTickStep major;
  YpTickLabelKind kind;

  scale.start += offset;
  scale.end += offset;
  g_array_set_size (ctx->self->ticks, 0);
  /* Story scale: stretches are short, so ticks are allowed closer. */
  yp_ticks_compute (&scale, ctx->tz, ctx->frame->story ? STORY_TICK_SPACING : TICK_SPACING, TICK_SPACING,
                    &major, ctx->self->ticks);
  kind = yp_tick_unit_get_label_kind (major.unit);

  for (guint i = 0; i < ctx->self->ticks->len; i++)
    {
      const YpTick *t = &g_array_index (ctx->self->ticks, YpTick, i);
      YpTimelineFrameTick ft = { t->x, t->major, NULL };
      double time = (double) t->time + t->millisecond / 1000.0;

      if (t->x < -1 || t->x > width + 1 || time - offset < v0 || time - offset >= v1)
        continue;
      if (t->major && t->x + 4 > *last_label_end + 8)
        {
          /* The first label of a stretch names the date in full; where
           * that has no room, the short form. */
          for (int full = first ? 1 : 0; full >= 0 && ft.label == NULL; full--)
            {
              g_autofree char *label = yp_format_axis_label (kind, t->time, t->millisecond, ctx->tz, full);
              double w;

              if (label == NULL)
                continue;
              w = ctx->self->measure (label, FALSE, ctx->self->measure_data);
              if (!overlaps_break_label (ctx, t->x, t->x + 4 + w) && t->x + 4 + w <= width)
                {
                  ft.label = g_steal_pointer (&label);
                  *last_label_end = t->x + 4 + w;
                  first = FALSE;
                }
            }
        }
      g_array_append_val (ctx->frame->ticks, ft);
    }
}

static void
layout_axis (Ctx *ctx)
{
  const YpStoryScale *story = yp_session_get_story (ctx->session);
  double last_label_end = -G_MAXDOUBLE;
  double v0 = ctx->scale.start, v1 = ctx->scale.end;
  double seg_start = -G_MAXDOUBLE, offset = 0;
  guint n_breaks = story ? yp_story_scale_get_n_breaks (story) : 0;
  double break_labels_end = -G_MAXDOUBLE;

  /* The breaks first: the tick labels keep clear of theirs. */
  for (guint i = 0; i < n_breaks; i++)
    {
      const YpStoryBreak *b = yp_story_scale_get_break (story, i);
      YpTimelineFrameBreak fb = { 0 };
      double w;

      if (b->view_end < v0 || b->view_start > v1)
        continue;
      fb.x0 = yp_time_scale_time_to_x (&ctx->scale, b->view_start);
      fb.x1 = yp_time_scale_time_to_x (&ctx->scale, b->view_end);
      fb.start = b->start;
      fb.end = b->end;
      fb.label = break_label (b->end - b->start);
      w = ctx->self->measure (fb.label, FALSE, ctx->self->measure_data);
      /* Centred under the break, if it fits in the view and clear of the
       * last label drawn (not only the last break's: that one may have
       * had to go without). */
      {
        double lx0 = (fb.x0 + fb.x1) / 2 - w / 2;

        if (lx0 < 2 || lx0 + w > ctx->scale.width_px - 2 || lx0 < break_labels_end + 8)
          g_clear_pointer (&fb.label, g_free);
        else
          break_labels_end = lx0 + w;
        fb.label_x = lx0;
        fb.label_width = w;
      }
      g_array_append_val (ctx->frame->breaks, fb);
    }
  /* Each stretch of linear time between two breaks has its own ticks. */
  for (guint i = 0; i <= n_breaks; i++)
    {
      double seg_end = i < n_breaks ? yp_story_scale_get_break (story, i)->view_start : G_MAXDOUBLE;

      if (seg_end > v0 && seg_start < v1)
        layout_ticks (ctx, MAX (seg_start, v0 - 1e9), MIN (seg_end, v1 + 1e9), offset, &last_label_end);
      if (i < n_breaks)
        {
          const YpStoryBreak *b = yp_story_scale_get_break (story, i);

          seg_start = b->view_end;
          offset = b->end - b->view_end;
        }
    }
}

/* Items */

static void
add_item (Ctx    *ctx,
          guint   first,
          guint   count,
          double  x)
{
  Item item = { 0 };

  item.first = first;
  item.count = count;
  item.x = x;
  item.row = -1;
  g_array_append_val (ctx->self->items, item);
}

/* An aggregate from @first to @end (exclusive), or a lone event. */
static void
add_run (Ctx          *ctx,
         const gint64 *anchors,
         guint         first,
         guint         end)
{
  if (end <= first)
    return;
  add_item (ctx, first, end - first,
            (yp_time_scale_time_to_x (&ctx->scale, anchors[first]) +
             yp_time_scale_time_to_x (&ctx->scale, anchors[end - 1])) / 2);
}

/* Events @first + [@a, @b) of a spread second, at the x's of @spread:
 * one aggregate (or nothing when empty). */
static void
add_spread_run (Ctx          *ctx,
                const double *spread,
                guint         first,
                guint         a,
                guint         b)
{
  if (b > a)
    add_item (ctx, first + a, b - a, (spread[a] + spread[b - 1]) / 2);
}

/* Zoomed in so far that a second is wider than CLUSTER_PX, the anchors
 * (whole seconds) no longer say where an event goes: each event of the
 * second @c is placed by its milliseconds, and those still closer than
 * CLUSTER_PX (in the model's order, which is the time order within a
 * second unless the file says otherwise) are stacked, or aggregated when
 * more than STACK_MAX, as at any zoom. */
static void
spread_second (Ctx             *ctx,
               const gint64    *anchors,
               const YpCluster *c,
               guint            selected)
{
  GArray *items = ctx->self->items;
  guint base = items->len;
  double *x;
  guint j = 0;

  g_array_set_size (ctx->self->spread, c->count);
  x = (double *) (void *) ctx->self->spread->data;
  for (guint i = 0; i < c->count; i++)
    {
      guint position = yp_session_shown_to_position (ctx->session, c->first + i);
      YpEvent *event = yp_timeline_event_at (ctx->session, position);
      int ms = event != NULL ? yp_event_get_anchor_millisecond (event) : 0;

      x[i] = yp_time_scale_time_to_x (&ctx->scale, (double) anchors[c->first + i] + ms / 1000.0);
    }

  while (j < c->count)
    {
      guint k = j + 1;

      while (k < c->count && fabs (x[k] - x[k - 1]) < CLUSTER_PX)
        k++;
      /* (All share the second: a few are stacked one per row, as events
       * of the same instant are at any zoom.) */
      if (k - j <= STACK_MAX)
        {
          for (guint i = j; i < k; i++)
            add_item (ctx, c->first + i, 1, x[i]);
        }
      else if (selected >= c->first + j && selected < c->first + k)
        {
          guint sel = selected - c->first;

          add_spread_run (ctx, x, c->first, j, sel);
          add_item (ctx, selected, 1, x[sel]);
          add_spread_run (ctx, x, c->first, sel + 1, k);
        }
      else
        add_spread_run (ctx, x, c->first, j, k);
      j = k;
    }

  /* In x order, as the rows expect (a file may list a second's events
   * out of order): few items, mostly in order already. */
  for (guint i = base + 1; i < items->len; i++)
    for (guint m = i; m > base && g_array_index (items, Item, m - 1).x > g_array_index (items, Item, m).x; m--)
      {
        Item t = g_array_index (items, Item, m);

        g_array_index (items, Item, m) = g_array_index (items, Item, m - 1);
        g_array_index (items, Item, m - 1) = t;
      }
}

/* Lone events, same-instant stacks (one item per event) and aggregates.
 * The selected event is always an item of its own. */
static void
collect_items (Ctx   *ctx,
               guint  selected)
{
  YpTimelineLayout *self = ctx->self;
  guint n_anchors;
  const gint64 *anchors = yp_session_get_view_anchors (ctx->session, &n_anchors);
  double pps = yp_time_scale_get_px_per_second (&ctx->scale);
  gboolean spread = pps >= CLUSTER_PX;

  g_array_set_size (self->clusters, 0);
  g_array_set_size (self->items, 0);
  /* Spread by milliseconds, an event may lie up to a second right of its
   * anchor: look that much further left. */
  yp_lanes_cluster_indexed (yp_session_get_lanes_index (ctx->session), &ctx->scale,
                            CLUSTER_PX, LABEL_MARGIN + (spread ? pps : 0), self->clusters);

  for (guint i = 0; i < self->clusters->len; i++)
    {
      const YpCluster *c = &g_array_index (self->clusters, YpCluster, i);
      gboolean same_instant = anchors[c->first] == anchors[c->first + c->count - 1];

      if (spread && c->count <= SPREAD_MAX)
        spread_second (ctx, anchors, c, selected);
      else if (c->count == 1 || (same_instant && c->count <= STACK_MAX))
        {
          for (guint j = 0; j < c->count; j++)
            add_item (ctx, c->first + j, 1, yp_time_scale_time_to_x (&ctx->scale, anchors[c->first + j]));
        }
      else if (selected >= c->first && selected < c->first + c->count)
        {
          add_run (ctx, anchors, c->first, selected);
          add_item (ctx, selected, 1, yp_time_scale_time_to_x (&ctx->scale, anchors[selected]));
          add_run (ctx, anchors, selected + 1, c->first + c->count);
        }
      else
        add_item (ctx, c->first, c->count, c->x);
    }
  for (guint i = 0; i < self->items->len; i++)
    {
      Item *item = &g_array_index (self->items, Item, i);

      item->selected = item->count == 1 && item->first == selected;
      if (item->count > 1)
        item->hw = cluster_half_width (ctx, item->count);
    }
}

/* Pass 1 helpers: the obstacles of each row, sorted by x. */

static gboolean
row_is_free (Ctx    *ctx,
             guint   row,
             double  x0,
             double  x1)
{
  GArray *boxes = ctx->self->rows[row];

  for (guint i = 0; i < boxes->len; i++)
    {
      const Box *b = &g_array_index (boxes, Box, i);

      if (x1 + BOX_PAD > b->x0 && x0 < b->x1 + BOX_PAD)
        return FALSE;
    }
  return TRUE;
}

static void
row_insert (Ctx    *ctx,
            guint   row,
            double  x0,
            double  x1)
{
  GArray *boxes = ctx->self->rows[row];
  Box box = { x0, x1 };
  guint at = boxes->len;

  while (at > 0 && g_array_index (boxes, Box, at - 1).x0 > x0)
    at--;
  g_array_insert_val (boxes, at, box);
}

/* A lone event's box if it were drawn with @label_w of its title: the dot
 * and its label, right of the dot or (@flipped) left of it. */
static void
event_box (Item     *item,
           double    label_w,
           gboolean  flipped,
           double    width)
{
  double lx;

  item->flipped = flipped;
  item->label_w = label_w;
  if (flipped)
    {
      /* A label whose mark is off the right edge ends inside the view. */
      lx = MIN (item->x - DOT_R - LABEL_GAP + 2, width - EDGE_PAD) - label_w;
      item->box_x0 = MIN (lx, item->x - DOT_R - 1);
      item->box_x1 = item->x + DOT_R + 1;
    }
  else
    {
      /* A label whose mark is off the left edge starts inside the view. */
      lx = MAX (item->x + DOT_R + LABEL_GAP - 2, EDGE_PAD);
      item->box_x0 = MIN (item->x - DOT_R - 1, lx);
      item->box_x1 = lx + label_w;
    }
}

/* The selected event: in the first row, with as much of its title as the
 * view has room for, on the side where it fits. */
static void
place_selected (Ctx  *ctx,
                Item *item)
{
  double width = ctx->scale.width_px;
  double right = width - EDGE_PAD - MAX (item->x + DOT_R + LABEL_GAP - 2, EDGE_PAD);
  double left = MIN (item->x - DOT_R - LABEL_GAP + 2, width - EDGE_PAD) - EDGE_PAD;

  item->title_w = title_width (ctx, item->first, TRUE);
  if (right >= item->title_w || right >= left)
    event_box (item, MIN (item->title_w, MAX (right, MIN_LABEL_W)), FALSE, width);
  else
    event_box (item, MIN (item->title_w, left), TRUE, width);
  item->row = 0;
  row_insert (ctx, 0, item->box_x0, item->box_x1);
}

/* Pass 1: aggregates, each in the first row free at its place; one that
 * finds none is merged into the aggregate before it (and everything in
 * between), and the pass starts again. Returns FALSE to ask for that. */
static gboolean
place_aggregates (Ctx *ctx)
{
  GArray *items = ctx->self->items;
  int last = -1;   /* the last aggregate placed */

  for (guint i = 0; i < items->len; i++)
    {
      Item *item = &g_array_index (items, Item, i);
      gboolean placed = FALSE;

      if (item->count <= 1)
        continue;
      item->box_x0 = item->x - item->hw;
      item->box_x1 = item->x + item->hw;
      for (guint r = 0; r < ctx->n_rows && !placed; r++)
        if (row_is_free (ctx, r, item->box_x0, item->box_x1))
          {
            item->row = r;
            row_insert (ctx, r, item->box_x0, item->box_x1);
            placed = TRUE;
          }
      if (placed)
        {
          last = i;
          continue;
        }
      {
        Item *prev = last >= 0 ? &g_array_index (items, Item, last) : NULL;
        gboolean holds_selected = FALSE;

        for (guint j = last >= 0 ? (guint) last + 1 : 0; j < i; j++)
          holds_selected |= g_array_index (items, Item, j).selected;
        if (prev == NULL || holds_selected)
          {
            /* Nothing to merge with: the next row up is as good as any. */
            item->row = -1;
            continue;
          }
        prev->x = (prev->x * prev->count + item->x * item->count) / (prev->count + item->count);
        prev->count = item->first + item->count - prev->first;
        prev->hw = cluster_half_width (ctx, prev->count);
        for (guint j = last + 1; j <= i; j++)
          g_array_index (items, Item, j).count = 0;
        return FALSE;
      }
    }
  return TRUE;
}

/* Pass 2: the lone events, left to right. */
static void
place_events (Ctx *ctx)
{
  GArray *items = ctx->self->items;
  double width = ctx->scale.width_px;
  double row_end[YP_LANES_MAX_ROWS];
  int row_last[YP_LANES_MAX_ROWS];        /* the last event placed there */
  guint cursor[YP_LANES_MAX_ROWS];        /* the next obstacle to look at */

  for (guint r = 0; r < ctx->n_rows; r++)
    {
      row_end[r] = -G_MAXDOUBLE;
      row_last[r] = -1;
      cursor[r] = 0;
    }

  for (guint i = 0; i < items->len; i++)
    {
      Item *item = &g_array_index (items, Item, i);
      double start = item->x - DOT_R - 1;
      double lx = MAX (item->x + DOT_R + LABEL_GAP - 2, EDGE_PAD);
      double best_room = -1;
      int best = -1;
      gboolean flip = FALSE;

      if (item->count != 1 || (item->selected && ctx->force_selected))
        continue;
      item->title_w = title_width (ctx, item->first, item->selected);
      start = MIN (start, lx - 1);

      /* Near the right edge the label goes left of its mark: whole if it
       * fits there, else as much as fits, when the right has too little. */
      if (lx + item->title_w > width - EDGE_PAD)
        {
          double end = MIN (item->x - DOT_R - LABEL_GAP + 2, width - EDGE_PAD);
          gboolean must = lx + MIN (item->title_w, MIN_LABEL_W) > width - EDGE_PAD;

          for (guint r = 0; r < ctx->n_rows; r++)
            {
              double room = MIN (end - EDGE_PAD, end - row_end[r] - BOX_PAD);

              /* Shrink to the obstacles of the row (few: aggregates). */
              while (room >= MIN_LABEL_W && !row_is_free (ctx, r, end - MIN (room, item->title_w), item->x + DOT_R + 1))
                room -= 16;
              if (room >= item->title_w)
                {
                  best = r;
                  best_room = room;
                  break;
                }
              if (must && room >= MIN_LABEL_W && room > best_room)
                {
                  best = r;
                  best_room = room;
                }
            }
          flip = best >= 0;
        }

      for (guint r = 0; r < ctx->n_rows && !flip; r++)
        {
          GArray *boxes = ctx->self->rows[r];
          double room;

          if (row_end[r] + BOX_PAD > start)
            continue;
          while (cursor[r] < boxes->len && g_array_index (boxes, Box, cursor[r]).x1 + BOX_PAD <= start)
            cursor[r]++;
          if (cursor[r] < boxes->len && g_array_index (boxes, Box, cursor[r]).x0 < item->x + DOT_R + 1 + BOX_PAD)
            continue;   /* the dot itself would touch an obstacle */
          room = cursor[r] < boxes->len ? g_array_index (boxes, Box, cursor[r]).x0 - BOX_PAD - lx : G_MAXDOUBLE;
          room = MIN (room, width - EDGE_PAD - lx);
          if (room >= item->title_w)
            {
              best = r;
              best_room = room;
              break;
            }
          if (room > best_room)
            {
              best = r;
              best_room = room;
            }
        }

      if (flip)
        event_box (item, MIN (item->title_w, best_room), TRUE, width);
      else if (best >= 0 && best_room >= MIN (item->title_w, MIN_LABEL_W))
        event_box (item, MIN (item->title_w, best_room), FALSE, width);
      else
        {
          /* Every row is taken here: cut the label before it in the row
           * where that label keeps the most, if it keeps enough. */
          double keep_best = -1;

          best = -1;
          for (guint r = 0; r < ctx->n_rows; r++)
            {
              Item *prev;
              double keep;
              GArray *boxes = ctx->self->rows[r];

              if (row_last[r] < 0)
                continue;
              prev = &g_array_index (items, Item, row_last[r]);
              if (prev->flipped || prev->box_x0 + BOX_PAD > start)
                continue;
              if (cursor[r] < boxes->len && g_array_index (boxes, Box, cursor[r]).x0 < lx + MIN_LABEL_W + BOX_PAD)
                continue;
              keep = start - BOX_PAD - (prev->box_x1 - prev->label_w);
              if (keep >= MIN_CUT_W && keep > keep_best &&
                  (cursor[r] >= boxes->len || g_array_index (boxes, Box, cursor[r]).x1 + BOX_PAD > start))
                {
                  keep_best = keep;
                  best = r;
                }
            }
          if (best < 0)
            {
              item->row = -1;
              continue;
            }
          {
            Item *prev = &g_array_index (items, Item, row_last[best]);
            GArray *boxes = ctx->self->rows[best];
            double room;

            room = cursor[best] < boxes->len ? g_array_index (boxes, Box, cursor[best]).x0 - BOX_PAD - lx : G_MAXDOUBLE;
            room = MIN (room, width - EDGE_PAD - lx);
            if (room < MIN (item->title_w, MIN_LABEL_W))
              {
                item->row = -1;
                continue;
              }
            prev->label_w = keep_best;
            prev->box_x1 = start - BOX_PAD;
            row_end[best] = prev->box_x1;
            event_box (item, MIN (item->title_w, room), FALSE, width);
          }
        }
      item->row = best;
      row_end[best] = item->box_x1;
      row_last[best] = i;
    }
}

static void
record_marks (Ctx *ctx)
{
  YpSession *session = ctx->session;
  GArray *items = ctx->self->items;
  gboolean searching = yp_session_has_search (session);
  guint n_anchors;
  const gint64 *anchors = yp_session_get_anchors (session, &n_anchors);
  YpEvent *selected = yp_session_get_selected (session);
  guint selected_pos = selected ? yp_session_get_selected_position (session) : G_MAXUINT;

  for (guint i = 0; i < items->len; i++)
    {
      const Item *item = &g_array_index (items, Item, i);
      YpTimelineFrameMark m = { 0 };
      double y = row_y (ctx, item->row);

      if (item->count == 0)
        continue;
      m.x = item->x;
      m.y = y;
      m.row = item->row;
      m.count = item->count;
      m.position = yp_session_shown_to_position (session, item->first);
      m.flipped = item->flipped;

      if (item->count > 1)
        {
          guint last_pos = yp_session_shown_to_position (session, item->first + item->count - 1);

          m.first = item->first;
          m.r = cluster_radius (item->count);
          m.half_width = item->hw;
          m.time_start = anchors[item->first];
          m.time_end = anchors[item->first + item->count - 1];
          m.selected = selected_pos != G_MAXUINT && m.position <= selected_pos && selected_pos <= last_pos;
          /* Dimmed when none of its events matches the search: looked at
           * only while searching, and only up to the first match. */
          m.dimmed = searching;
          for (guint j = 0; m.dimmed && j < item->count; j++)
            m.dimmed = yp_session_is_dimmed (session, yp_session_shown_to_position (session, item->first + j));
          m.rect = GRAPHENE_RECT_INIT (item->x - item->hw, y - m.r, 2 * item->hw, 2 * m.r);
          g_array_append_val (ctx->frame->marks, m);
          continue;
        }

      {
        YpEvent *event = yp_timeline_event_at (session, m.position);
        YpPrecision precision = yp_event_get_precision (event);
        const char *title = yp_event_get_title (event, ctx->lang);

        m.first = m.position;
        m.selected = event == selected;
        m.dimmed = yp_session_is_dimmed (session, m.position) && !m.selected;
        m.unconfirmed = g_strcmp0 (yp_event_get_status (event), "reported") != 0;
        m.id = g_strdup (yp_event_get_id (event));
        m.name = g_strdup (title);
        m.time_start = yp_event_get_start (event);
        m.time_end = yp_event_get_end (event);
        m.title_width = item->title_w;

        if (item->row < 0)
          {
            /* No row left: a small mark on the axis, still clickable. */
            m.r = 3;
            m.half_width = 3;
            m.rect = GRAPHENE_RECT_INIT (item->x - 4, y - 4, 8, 8);
            g_array_append_val (ctx->frame->marks, m);
            continue;
          }
        m.r = DOT_R;
        m.half_width = DOT_R;
        m.title = g_strdup (title);
        m.label_width = item->label_w;
        m.label_x = item->flipped ? MIN (item->x - DOT_R - LABEL_GAP + 2, ctx->scale.width_px - EDGE_PAD) - item->label_w
                                  : MAX (item->x + DOT_R + LABEL_GAP - 2, EDGE_PAD);
        m.pill = GRAPHENE_RECT_INIT (m.label_x - 5, y - ROW_H / 2 + 2, item->label_w + LABEL_GAP, ROW_H - 4);
        m.rect = GRAPHENE_RECT_INIT (item->box_x0, y - ROW_H / 2, item->box_x1 - item->box_x0, ROW_H);

        /* A date that covers a span (or an event with an end) is drawn
         * as one, under the label; an approximate one fades at its ends. */
        if ((precision != YP_PRECISION_EXACT || m.time_end - m.time_start > 60) && !m.dimmed)
          {
            double sx0 = view_x (ctx, m.time_start);
            double sx1 = view_x (ctx, m.time_end);

            if (sx1 - sx0 >= 4)
              {
                double a = MAX (sx0, -10), b = MIN (sx1, ctx->scale.width_px + 10);

                m.span_kind = precision == YP_PRECISION_APPROXIMATE ? 2 : 1;
                m.span_x0 = sx0;
                m.span_x1 = sx1;
                m.span_fuzz = m.span_kind == 2 ? MIN (14, (b - a) / 4) : 0;
              }
          }
        g_array_append_val (ctx->frame->marks, m);
      }
    }
}

static void
layout_events (Ctx *ctx)
{
  YpTimelineLayout *self = ctx->self;
  YpEvent *selected = yp_session_get_selected (ctx->session);
  guint selected_index = G_MAXUINT;

  if (selected != NULL)
    selected_index = yp_session_position_to_shown (ctx->session, yp_session_get_selected_position (ctx->session));
  collect_items (ctx, selected_index);

  /* The selected event where it falls, like any other; if that leaves it
   * without a label, again with it placed first. */
  for (ctx->force_selected = FALSE;; ctx->force_selected = TRUE)
    {
      Item *sel = NULL;

      for (;;)
        {
          for (guint r = 0; r < ctx->n_rows; r++)
            g_array_set_size (self->rows[r], 0);
          for (guint i = 0; i < self->items->len; i++)
            {
              Item *item = &g_array_index (self->items, Item, i);

              item->row = -1;
              if (item->selected)
                {
                  sel = item;
                  if (ctx->force_selected)
                    place_selected (ctx, item);
                }
            }
          if (place_aggregates (ctx))
            break;
        }
      place_events (ctx);
      if (ctx->force_selected || sel == NULL ||
          (sel->row >= 0 && sel->label_w >= MIN (sel->title_w, MIN_LABEL_W)))
        break;
    }
  record_marks (ctx);
}

/* Public API */

YpTimelineLayout *
yp_timeline_layout_new (YpTimelineMeasureFunc measure,
                        gpointer              user_data)
{
  YpTimelineLayout *self;

  g_return_val_if_fail (measure != NULL, NULL);

  self = g_new0 (YpTimelineLayout, 1);
  self->measure = measure;
  self->measure_data = user_data;
  self->label_widths = g_array_new (FALSE, FALSE, sizeof (double));
  self->count_widths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->clusters = g_array_new (FALSE, FALSE, sizeof (YpCluster));
  self->items = g_array_new (FALSE, FALSE, sizeof (Item));
  self->spread = g_array_new (FALSE, FALSE, sizeof (double));
  self->ticks = g_array_new (FALSE, FALSE, sizeof (YpTick));
  for (guint r = 0; r < YP_LANES_MAX_ROWS; r++)
    self->rows[r] = g_array_new (FALSE, FALSE, sizeof (Box));
  return self;
}

void
yp_timeline_layout_free (YpTimelineLayout *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->label_widths);
  g_hash_table_unref (self->count_widths);
  g_array_unref (self->clusters);
  g_array_unref (self->items);
  g_array_unref (self->spread);
  g_array_unref (self->ticks);
  for (guint r = 0; r < YP_LANES_MAX_ROWS; r++)
    g_array_unref (self->rows[r]);
  g_free (self);
}

void
yp_timeline_layout_invalidate (YpTimelineLayout *self)
{
  g_return_if_fail (self != NULL);

  g_array_set_size (self->label_widths, 0);
  g_hash_table_remove_all (self->count_widths);
}

void
yp_timeline_layout_compute (YpTimelineLayout *self,
                            YpSession        *session,
                            double            width,
                            double            height,
                            GTimeZone        *tz,
                            YpLang            lang,
                            YpTimelineFrame  *frame)
{
  Ctx ctx = { 0 };
  double area;

  g_return_if_fail (self != NULL);
  g_return_if_fail (YP_IS_SESSION (session));
  g_return_if_fail (frame != NULL);

  g_array_set_size (frame->eras, 0);
  g_array_set_size (frame->ticks, 0);
  g_array_set_size (frame->breaks, 0);
  g_array_set_size (frame->marks, 0);
  frame->width = width;
  frame->height = height;
  frame->axis_top = height - AXIS_H;
  frame->era_strip_height = ERA_STRIP_H;
  frame->row_height = ROW_H;
  frame->story = yp_session_get_story (session) != NULL;
  if (width <= 0 || height <= 0)
    return;

  ctx.self = self;
  ctx.session = session;
  ctx.frame = frame;
  ctx.tz = tz;
  ctx.lang = lang;
  yp_time_scale_init (&ctx.scale, yp_session_get_view_start (session), yp_session_get_view_end (session), width);
  ctx.bottom = height - AXIS_H - 6;
  area = ctx.bottom - ERA_STRIP_H - 6;
  ctx.n_rows = CLAMP ((guint) (area / ROW_H), 1, YP_LANES_MAX_ROWS);

  layout_eras (&ctx);
  layout_axis (&ctx);
  layout_events (&ctx);
}
