/* yp-timeline-paint.c: the timeline's painting
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything painted comes from the frame that yp-timeline-layout.c laid
 * out: the background, era bands and names, the axis with its ticks and
 * story-scale breaks, the marks with their labels, counts and spans.
 * One PangoLayout (the widget's) lays out every label, once while it
 * stays in view: its node is kept from frame to frame
 * (YpTimeline.labels). Colours come from those the widget caches in
 * css_changed (yp_timeline_get_inks). The nodes are laid out for GTK to
 * redraw only what moved (see yp_timeline_paint()).
 */
#define G_LOG_DOMAIN "yp-timeline"

#include "config.h"

#include <math.h>
#include <string.h>

#include "yp-timeline-private.h"

#define ERA_COLUMN_PX 32   /* the era bands are cut at multiples of this */

static GdkRGBA
with_alpha (const GdkRGBA *c,
            double         alpha)
{
  GdkRGBA r = *c;

  r.alpha *= alpha;
  return r;
}

/* A channel as cairo hands it to pixman: 16 bits, then 8. */
static int
channel_8 (double v)
{
  return ((int) (v * 65535.0 + 0.5)) >> 8;
}

/* The text colour at @alpha over the timeline's background, as one
 * opaque colour when that background is opaque: cairo then fills the
 * band's pixels instead of blending into each of them. Worked out as
 * pixman blends 8-bit channels (source plus destination times the rest
 * of 255, rounded), so that the band has the very pixels of the tint it
 * replaces. */
static GdkRGBA
over_base (YpTimeline *self,
           double      alpha)
{
  GdkRGBA tint = with_alpha (&self->fg, alpha);
  const float fg[3] = { tint.red, tint.green, tint.blue };
  const float base[3] = { self->base.red, self->base.green, self->base.blue };
  float out[3];
  int rest = 255 - channel_8 (tint.alpha);

  if (self->base.alpha < 1)
    return tint;
  for (guint i = 0; i < 3; i++)
    {
      int t = channel_8 (base[i]) * rest + 0x80;

      out[i] = (channel_8 ((double) fg[i] * tint.alpha) + (((t >> 8) + t) >> 8)) / 255.0f;
    }
  return (GdkRGBA) { out[0], out[1], out[2], 1 };
}

/* A rounded rectangle filled with @color, drawn as a border as wide as
 * half its height and width: one fill of its outline, where a rounded
 * clip around a colour makes cairo build a mask for every mark. */
static void
append_filled (GtkSnapshot          *snapshot,
               const GskRoundedRect *rr,
               const GdkRGBA        *color)
{
  float h = rr->bounds.size.height / 2, w = rr->bounds.size.width / 2;
  const float widths[4] = { h, w, h, w };
  const GdkRGBA colors[4] = { *color, *color, *color, *color };

  gtk_snapshot_append_border (snapshot, rr, widths, colors);
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
  append_filled (snapshot, &rr, color);
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

/* A label as drawn: its node at the origin, and the frame it was last
 * drawn in. */
typedef struct
{
  GskRenderNode *node;
  int            width;
  int            height;
  guint          frame;
} Label;

static void
label_free (gpointer data)
{
  Label *label = data;

  g_clear_pointer (&label->node, gsk_render_node_unref);
  g_free (label);
}

GHashTable *
yp_timeline_labels_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, label_free);
}

static guint32
float_bits (float f)
{
  guint32 bits;

  memcpy (&bits, &f, sizeof bits);
  return bits;
}

/* Most labels of a frame were in the last one, only moved: their nodes
 * are kept, by text and look, and placed again, instead of laying the
 * text out and shaping it again every frame. */
static Label *
get_label (YpTimeline    *self,
           const char    *text,
           double         max_width,
           const GdkRGBA *color,
           gboolean       bold)
{
  int width = max_width > 0 ? (int) ceil (max_width * PANGO_SCALE) : -1;
  g_autofree char *key = g_strdup_printf ("%d %d %08x%08x%08x%08x %s", bold, width, float_bits (color->red),
                                          float_bits (color->green), float_bits (color->blue),
                                          float_bits (color->alpha), text);
  Label *label = g_hash_table_lookup (self->labels, key);

  if (label == NULL)
    {
      GtkSnapshot *label_snapshot = gtk_snapshot_new ();
      PangoLayout *measured = bold ? NULL : yp_timeline_peek_measured (self, text);

      label = g_new0 (Label, 1);
      if (measured != NULL)
        pango_layout_get_pixel_size (measured, &label->width, &label->height);
      /* Measured in this frame and not cut short: drawn as it was shaped. */
      if (measured != NULL && (max_width <= 0 || label->width <= max_width))
        gtk_snapshot_append_layout (label_snapshot, measured, color);
      else
        {
          pango_layout_set_text (self->layout, text, -1);
          pango_layout_set_width (self->layout, width);
          if (bold)
            pango_layout_set_attributes (self->layout, self->bold);
          pango_layout_get_pixel_size (self->layout, &label->width, &label->height);
          gtk_snapshot_append_layout (label_snapshot, self->layout, color);
          if (bold)
            pango_layout_set_attributes (self->layout, NULL);
        }
      label->node = gtk_snapshot_free_to_node (label_snapshot);
      g_hash_table_insert (self->labels, g_steal_pointer (&key), label);
    }
  label->frame = self->labels_frame;
  return label;
}

static void
place_label (GtkSnapshot *snapshot,
             const Label *label,
             double       x,
             double       y_center)
{
  if (label->node == NULL)
    return;
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y_center - label->height / 2.0));
  gtk_snapshot_append_node (snapshot, label->node);
  gtk_snapshot_restore (snapshot);
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
  place_label (snapshot, get_label (self, text, max_width, color, bold), x, y_center);
}

static gboolean
label_unused (gpointer key,
              gpointer value,
              gpointer user_data)
{
  const Label *label = value;

  return label->frame != GPOINTER_TO_UINT (user_data);
}

/* Painting: everything comes from the frame (yp-timeline-layout.c). */

static void
paint_eras (YpTimeline            *self,
            GtkSnapshot           *snapshot,
            const YpTimelineFrame *frame)
{
  GdkRGBA edge = with_alpha (&self->fg, 0.12);
  GdkRGBA text = with_alpha (&self->fg, 0.75);
  GdkRGBA tint[2] = { over_base (self, 0.03), over_base (self, 0.07) };

  /* The timeline paints its own background (style.css gives it none):
   * the base, except where an era's band, opaque (see over_base()),
   * covers it; the axis band paints the rest. A base that is not opaque
   * goes under everything, as a CSS background did.
   *
   * The bands are cut into columns at fixed x, a node each: as the view
   * moves, a band that stays on screen changes only in the columns at
   * its ends, and GTK redraws those, not the whole height of the band.
   * The pieces meet where the bands did, so they paint what the bands
   * did. A column that one band covers whole needs no base under it;
   * the others (an era's edge, often between pixels, or no era) get the
   * base first, as under a CSS background. */
  if (self->base.alpha < 1)
    gtk_snapshot_append_color (snapshot, &self->base, &GRAPHENE_RECT_INIT (0, 0, frame->width, frame->height));
  for (double c = 0; c < frame->width; c += ERA_COLUMN_PX)
    {
      double c1 = MIN (frame->width, c + ERA_COLUMN_PX);
      gboolean covered = FALSE;

      gtk_snapshot_push_debug (snapshot, "era column");
      for (guint i = 0; i < frame->eras->len && !covered; i++)
        {
          const YpTimelineFrameEra *e = &g_array_index (frame->eras, YpTimelineFrameEra, i);

          covered = e->x0 <= c && e->x1 >= c1;
        }
      if (!covered && self->base.alpha >= 1)
        gtk_snapshot_append_color (snapshot, &self->base, &GRAPHENE_RECT_INIT (c, 0, c1 - c, frame->axis_top));
      for (guint i = 0; i < frame->eras->len; i++)
        {
          const YpTimelineFrameEra *e = &g_array_index (frame->eras, YpTimelineFrameEra, i);
          double x0 = MAX (e->x0, c), x1 = MIN (e->x1, c1);

          if (x1 > x0)
            gtk_snapshot_append_color (snapshot, &tint[e->alternate ? 1 : 0],
                                       &GRAPHENE_RECT_INIT (x0, 0, x1 - x0, frame->axis_top));
        }
      gtk_snapshot_pop (snapshot);
    }

  for (guint i = 0; i < frame->eras->len; i++)
    {
      const YpTimelineFrameEra *e = &g_array_index (frame->eras, YpTimelineFrameEra, i);

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

/* The major ticks' lines up the view, under the breaks. */
static void
paint_grid (YpTimeline            *self,
            GtkSnapshot           *snapshot,
            const YpTimelineFrame *frame)
{
  GdkRGBA grid = with_alpha (&self->fg, 0.06);

  for (guint i = 0; i < frame->ticks->len; i++)
    {
      const YpTimelineFrameTick *t = &g_array_index (frame->ticks, YpTimelineFrameTick, i);

      if (t->major)
        gtk_snapshot_append_color (snapshot, &grid, &GRAPHENE_RECT_INIT (t->x, frame->era_strip_height, 1,
                                                                          frame->axis_top - frame->era_strip_height));
    }
}

static void
paint_axis (YpTimeline            *self,
            GtkSnapshot           *snapshot,
            const YpTimelineFrame *frame)
{
  GdkRGBA line = with_alpha (&self->fg, 0.35);
  GdkRGBA minor_c = with_alpha (&self->fg, 0.2);
  GdkRGBA text = with_alpha (&self->fg, 0.8);
  GdkRGBA bg = with_alpha (&self->fg, 0.03);
  GdkRGBA axis_bg = over_base (self, 0.03);
  double top = frame->axis_top;

  gtk_snapshot_append_color (snapshot, &axis_bg, &GRAPHENE_RECT_INIT (0, top, frame->width, YP_TIMELINE_AXIS_H));
  gtk_snapshot_append_color (snapshot, &line, &GRAPHENE_RECT_INIT (0, top, frame->width, 1));

  for (guint i = 0; i < frame->ticks->len; i++)
    {
      const YpTimelineFrameTick *t = &g_array_index (frame->ticks, YpTimelineFrameTick, i);

      if (!t->major)
        {
          gtk_snapshot_append_color (snapshot, &minor_c, &GRAPHENE_RECT_INIT (t->x, top, 1, 4));
          continue;
        }
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

      /* One node per mark: see yp_timeline_paint(). */
      gtk_snapshot_push_debug (snapshot, "mark");

      if (m->count > 1)
        {
          g_autofree char *count = yp_format_count_short (m->count);
          GdkRGBA fill = m->dimmed ? ink.dimmed_count_fill : ink.count_fill;
          const Label *label = get_label (self, count, -1, m->dimmed ? &ink.dimmed_count_text : &ink.count_text,
                                          TRUE);

          gtk_snapshot_append_color (snapshot, &connector,
                                     &GRAPHENE_RECT_INIT (m->x, m->y + m->r, 1, MAX (0, bottom + 6 - m->y - m->r)));
          append_pill (snapshot, m->x, m->y, m->half_width, m->r, &fill);
          if (m->selected)
            append_pill_ring (snapshot, m->x, m->y, m->half_width + 3, m->r + 3, 2, &self->fg);
          place_label (snapshot, label, m->x - label->width / 2.0, m->y);
          gtk_snapshot_pop (snapshot);
          continue;
        }

      if (m->title == NULL)
        {
          append_circle (snapshot, m->x, m->y, m->r, m->selected ? &self->fg : &dim_dot);
          gtk_snapshot_pop (snapshot);
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
            append_filled (snapshot, &rr, &pill);
            append_ring (snapshot, m->x, m->y, m->r + 3, 2, &self->fg);
          }
        append_text (self, snapshot, m->title, m->label_x, m->y, m->label_width, &text_c, m->selected);
      }
      gtk_snapshot_pop (snapshot);
    }
}

void
yp_timeline_paint (YpTimeline            *self,
                   GtkSnapshot           *snapshot,
                   const YpTimelineFrame *frame)
{
  static void (*const layers[]) (YpTimeline *, GtkSnapshot *, const YpTimelineFrame *) = {
    paint_eras, paint_grid, paint_axis, paint_marks,
  };

  /* GTK redraws what differs from the last frame's nodes, pairing the
   * children of a container in order, and gives up on a container for
   * its whole area once the difference has more than a few dozen
   * rectangles, up to the nearest clip. Each layer is a clip of its own,
   * and each mark a node of its own, so that as the view moves GTK
   * redraws the parts that moved, or at worst one layer: not the empty
   * rows over the marks, nor the era bands that stay in place. */
  self->labels_frame++;
  for (guint i = 0; i < G_N_ELEMENTS (layers); i++)
    {
      gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, frame->width, frame->height));
      layers[i] (self, snapshot, frame);
      gtk_snapshot_pop (snapshot);
    }
  /* Labels this frame did not draw go. */
  g_hash_table_foreach_remove (self->labels, label_unused, GUINT_TO_POINTER (self->labels_frame));
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
