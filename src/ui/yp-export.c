/* yp-export.c: the timeline as an image (PNG, SVG), an event as citable text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The PNG is the widget as the window's renderer draws it, scaled. The SVG
 * is written by hand from the frame the timeline recorded while drawing
 * (yp_timeline_dup_frame): the same bands, ticks, marks and labels, at the
 * same places and in the same colours, with every label as real text so
 * the titles can be searched and copied. Numbers are written with
 * g_ascii_formatd, never printf's %f, so a locale with a decimal comma
 * cannot break the document.
 */
#define G_LOG_DOMAIN "yp-export"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "yp-export.h"
#include "yp-format.h"

/* Over how many pixels a cut label fades out. */
#define FADE_PX    14.0

typedef struct {
  GString     *defs;
  GString     *body;
  YpTimeline  *timeline;      /* for measuring; may be NULL */
  PangoLayout *layout;
  double       font_px;
  guint        n_masks;
} Svg;

/* Helpers */

static void
append_num (GString *s,
            double   v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char *end;

  g_ascii_formatd (buf, sizeof buf, "%.2f", v);
  /* 12.50 -> 12.5, 3.00 -> 3, -0.00 -> 0 */
  end = buf + strlen (buf);
  if (strchr (buf, '.') != NULL)
    {
      while (end > buf && end[-1] == '0')
        *--end = '\0';
      if (end > buf && end[-1] == '.')
        *--end = '\0';
    }
  if (strcmp (buf, "-0") == 0)
    strcpy (buf, "0");
  g_string_append (s, buf);
}

/* ' name="value"' for a number. */
static void
append_attr (GString    *s,
             const char *name,
             double      v)
{
  g_string_append_printf (s, " %s=\"", name);
  append_num (s, v);
  g_string_append_c (s, '"');
}

/* ' x="…" y="…" width="…" height="…"': a box's place and size. */
static void
append_box (GString *s,
            double   x,
            double   y,
            double   w,
            double   h)
{
  append_attr (s, "x", x);
  append_attr (s, "y", y);
  append_attr (s, "width", w);
  append_attr (s, "height", h);
}

/* ' fill="rgb(…)" fill-opacity="…"' (or stroke) for @c at @alpha of its alpha. */
static void
append_paint (GString       *s,
              const char    *what,
              const GdkRGBA *c,
              double         alpha)
{
  double a = CLAMP (c->alpha * alpha, 0, 1);

  g_string_append_printf (s, " %s=\"rgb(%d,%d,%d)\"", what,
                          (int) (CLAMP (c->red, 0, 1) * 255 + 0.5),
                          (int) (CLAMP (c->green, 0, 1) * 255 + 0.5),
                          (int) (CLAMP (c->blue, 0, 1) * 255 + 0.5));
  if (a < 0.999)
    {
      g_string_append_printf (s, " %s-opacity=\"", what);
      append_num (s, a);
      g_string_append_c (s, '"');
    }
}

static void
append_rect (Svg           *svg,
             const char    *class,
             double         x,
             double         y,
             double         w,
             double         h,
             double         radius,
             const GdkRGBA *c,
             double         alpha)
{
  if (w <= 0 || h <= 0)
    return;
  g_string_append_printf (svg->body, "<rect class=\"%s\"", class);
  append_box (svg->body, x, y, w, h);
  if (radius > 0)
    {
      append_attr (svg->body, "rx", radius);
      append_attr (svg->body, "ry", radius);
    }
  append_paint (svg->body, "fill", c, alpha);
  g_string_append (svg->body, "/>\n");
}

/* A one-pixel line, drawn as the screen does: a 1 px wide box from x. */
static void
append_line (Svg           *svg,
             const char    *class,
             double         x1,
             double         y1,
             double         x2,
             double         y2,
             const GdkRGBA *c,
             double         alpha)
{
  g_string_append_printf (svg->body, "<line class=\"%s\"", class);
  append_attr (svg->body, "x1", x1);
  append_attr (svg->body, "y1", y1);
  append_attr (svg->body, "x2", x2);
  append_attr (svg->body, "y2", y2);
  append_paint (svg->body, "stroke", c, alpha);
  g_string_append (svg->body, " stroke-width=\"1\"/>\n");
}

/* A shape's paint and the end of its element. */
static void
append_fill_stroke (Svg           *svg,
                    const GdkRGBA *fill,
                    double         fill_alpha,
                    const GdkRGBA *stroke,
                    double         stroke_alpha,
                    double         stroke_width)
{
  if (fill != NULL)
    append_paint (svg->body, "fill", fill, fill_alpha);
  else
    g_string_append (svg->body, " fill=\"none\"");
  if (stroke != NULL)
    {
      append_paint (svg->body, "stroke", stroke, stroke_alpha);
      append_attr (svg->body, "stroke-width", stroke_width);
    }
  g_string_append (svg->body, "/>\n");
}

static void
append_circle (Svg           *svg,
               const char    *class,
               double         cx,
               double         cy,
               double         r,
               const GdkRGBA *fill,
               double         fill_alpha,
               const GdkRGBA *stroke,
               double         stroke_alpha,
               double         stroke_width)
{
  g_string_append_printf (svg->body, "<circle class=\"%s\"", class);
  append_attr (svg->body, "cx", cx);
  append_attr (svg->body, "cy", cy);
  append_attr (svg->body, "r", r);
  append_fill_stroke (svg, fill, fill_alpha, stroke, stroke_alpha, stroke_width);
}

static void
append_pill (Svg           *svg,
             const char    *class,
             double         cx,
             double         cy,
             double         half_width,
             double         r,
             const GdkRGBA *fill,
             double         fill_alpha,
             const GdkRGBA *stroke,
             double         stroke_alpha,
             double         stroke_width)
{
  g_string_append_printf (svg->body, "<rect class=\"%s\"", class);
  append_box (svg->body, cx - half_width, cy - r, 2 * half_width, 2 * r);
  append_attr (svg->body, "rx", r);
  append_fill_stroke (svg, fill, fill_alpha, stroke, stroke_alpha, stroke_width);
}

/* Measures @text in the screen's font: its ink-independent size and the
 * baseline, so the SVG puts it where the screen did. */
static void
measure_text (Svg        *svg,
              const char *text,
              gboolean    bold,
              double     *width,
              double     *height,
              double     *baseline)
{
  int pw, ph;

  if (svg->layout == NULL)
    {
      /* No widget to ask: a usual sans-serif line. */
      *width = g_utf8_strlen (text, -1) * svg->font_px * 0.6;
      *height = svg->font_px * 1.25;
      *baseline = svg->font_px * 0.95;
      return;
    }
  pango_layout_set_text (svg->layout, text, -1);
  if (bold)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
      pango_layout_set_attributes (svg->layout, attrs);
      pango_attr_list_unref (attrs);
    }
  else
    pango_layout_set_attributes (svg->layout, NULL);
  pango_layout_get_pixel_size (svg->layout, &pw, &ph);
  *width = pw;
  *height = ph;
  *baseline = pango_layout_get_baseline (svg->layout) / (double) PANGO_SCALE;
}

/* A <text> whose box is vertically centred on @y_center, like the screen's
 * layouts. When the screen had to shorten it (wider than @max_width), the
 * whole text is still written but fades out at @max_width. */
static void
append_text (Svg           *svg,
             const char    *class,
             const char    *text,
             double         x,
             double         y_center,
             gboolean       centred,
             double         max_width,
             const GdkRGBA *color,
             double         alpha,
             gboolean       bold)
{
  g_autofree char *escaped = yp_export_escape_xml (text);
  double w, h, baseline;
  guint mask = 0;

  measure_text (svg, text, bold, &w, &h, &baseline);
  if (max_width > 0 && w > max_width + 0.5)
    {
      double fade = MIN (FADE_PX, max_width / 3);

      mask = ++svg->n_masks;
      g_string_append_printf (svg->defs, "<linearGradient id=\"fade%u\" gradientUnits=\"userSpaceOnUse\"", mask);
      append_attr (svg->defs, "x1", x + max_width - fade);
      g_string_append (svg->defs, " y1=\"0\"");
      append_attr (svg->defs, "x2", x + max_width);
      g_string_append (svg->defs, " y2=\"0\">"
                       "<stop offset=\"0\" stop-color=\"#ffffff\"/>"
                       "<stop offset=\"1\" stop-color=\"#ffffff\" stop-opacity=\"0\"/>"
                       "</linearGradient>\n");
      g_string_append_printf (svg->defs, "<mask id=\"clip%u\" maskUnits=\"userSpaceOnUse\"", mask);
      append_box (svg->defs, x, y_center - h / 2 - 2, max_width, h + 4);
      g_string_append (svg->defs, "><rect");
      append_box (svg->defs, x, y_center - h / 2 - 2, max_width, h + 4);
      g_string_append_printf (svg->defs, " fill=\"url(#fade%u)\"/></mask>\n", mask);
    }

  g_string_append_printf (svg->body, "<text class=\"%s\"", class);
  append_attr (svg->body, "x", x);
  append_attr (svg->body, "y", y_center - h / 2 + baseline);
  if (centred)
    g_string_append (svg->body, " text-anchor=\"middle\"");
  if (bold)
    g_string_append (svg->body, " font-weight=\"bold\"");
  append_paint (svg->body, "fill", color, alpha);
  if (mask)
    g_string_append_printf (svg->body, " mask=\"url(#clip%u)\"", mask);
  g_string_append_printf (svg->body, ">%s</text>\n", escaped);
}

static double
widget_font_px (GtkWidget *widget)
{
  PangoContext *context = gtk_widget_get_pango_context (widget);
  const PangoFontDescription *desc = pango_context_get_font_description (context);
  double size, dpi;

  if (desc == NULL || pango_font_description_get_size (desc) <= 0)
    return 13.33;
  size = pango_font_description_get_size (desc) / (double) PANGO_SCALE;
  if (pango_font_description_get_size_is_absolute (desc))
    return size;
  dpi = pango_cairo_context_get_resolution (context);
  return size * (dpi > 0 ? dpi : 96) / 72.0;
}

static void
draw_eras (Svg                   *svg,
           const YpTimelineFrame *frame)
{
  g_string_append (svg->body, "<g class=\"eras\">\n");
  for (guint i = 0; i < frame->eras->len; i++)
    {
      const YpTimelineFrameEra *e = &g_array_index (frame->eras, YpTimelineFrameEra, i);

      append_rect (svg, "era", e->x0, 0, e->x1 - e->x0, frame->axis_top, 0, &frame->fg, e->alternate ? 0.07 : 0.03);
      /* The thin edge where eras meet (none where the band leaves the view). */
      if (e->x0 > 0)
        append_rect (svg, "era-edge", e->x0, 0, 1, frame->axis_top, 0, &frame->fg, 0.12);
    }
  for (guint i = 0; i < frame->eras->len; i++)
    {
      const YpTimelineFrameEra *e = &g_array_index (frame->eras, YpTimelineFrameEra, i);
      double tx = e->x0 + 8;

      if (e->name != NULL)
        append_text (svg, "era-name", e->name, tx, frame->era_strip_height / 2 + 2, FALSE,
                     e->x1 - tx - 6, &frame->fg, 0.75, TRUE);
    }
  g_string_append (svg->body, "</g>\n");
}

static void
draw_axis (Svg                   *svg,
           const YpTimelineFrame *frame)
{
  double top = frame->axis_top;

  g_string_append (svg->body, "<g class=\"axis\">\n");
  append_rect (svg, "axis-band", 0, top, frame->width, frame->height - top, 0, &frame->fg, 0.03);
  append_line (svg, "axis-line", 0, top + 0.5, frame->width, top + 0.5, &frame->fg, 0.35);
  for (guint i = 0; i < frame->ticks->len; i++)
    {
      const YpTimelineFrameTick *t = &g_array_index (frame->ticks, YpTimelineFrameTick, i);

      if (!t->major)
        {
          append_line (svg, "tick-minor", t->x + 0.5, top, t->x + 0.5, top + 4, &frame->fg, 0.2);
          continue;
        }
      append_line (svg, "grid", t->x + 0.5, frame->era_strip_height, t->x + 0.5, top, &frame->fg, 0.06);
      append_line (svg, "tick", t->x + 0.5, top, t->x + 0.5, top + 8, &frame->fg, 0.35);
      if (t->label != NULL)
        append_text (svg, "tick-label", t->label, t->x + 4, top + 20, FALSE, -1, &frame->fg, 0.8, FALSE);
    }
  /* Story scale: each collapsed stretch, a zig-zag at both sides and its
   * length, as on screen. */
  for (guint i = 0; i < frame->breaks->len; i++)
    {
      const YpTimelineFrameBreak *b = &g_array_index (frame->breaks, YpTimelineFrameBreak, i);
      double amp = MIN (4, MAX (2, (b->x1 - b->x0) / 4)), mid = (b->x0 + b->x1) / 2;

      append_rect (svg, "break", b->x0, 0, b->x1 - b->x0, top, 0, &frame->fg, 0.03);
      append_rect (svg, "break-gap", b->x0, top - 2, b->x1 - b->x0, 5, 0, &frame->base, 1);
      for (int side = -1; side <= 1; side += 2)
        {
          double x = mid + side * MAX (2, (b->x1 - b->x0) / 2 - amp);

          for (double y = top - 12; y < top + 10; y += 4)
            append_line (svg, "break-edge", x + ((int) ((y - top + 12) / 4) % 2 ? amp : -amp), y,
                         x + ((int) ((y - top + 12) / 4) % 2 ? -amp : amp), y + 4, &frame->fg, 0.35);
        }
      if (b->label != NULL)
        append_text (svg, "break-label", b->label, mid, top + 20, TRUE, -1, &frame->fg, 0.8, FALSE);
    }
  g_string_append (svg->body, "</g>\n");
}

static void
draw_marks (Svg                   *svg,
            const YpTimelineFrame *frame)
{
  double bottom = frame->axis_top;
  double row_h = frame->row_height;

  g_string_append (svg->body, "<g class=\"events\">\n");
  for (guint i = 0; i < frame->marks->len; i++)
    {
      const YpTimelineFrameMark *m = &g_array_index (frame->marks, YpTimelineFrameMark, i);

      if (m->count > 1)
        {
          g_autofree char *count = yp_format_count_short (m->count);

          g_string_append (svg->body, "<g class=\"aggregate\">\n");
          append_line (svg, "connector", m->x + 0.5, m->y + m->r, m->x + 0.5, bottom, &frame->fg, 0.18);
          if (m->half_width > m->r + 0.5)
            {
              /* A pill, as on screen, when the count needs the room. */
              append_pill (svg, "disc", m->x, m->y, m->half_width, m->r, &frame->accent, m->dimmed ? 0.3 : 1,
                           NULL, 0, 0);
              if (m->selected)
                append_pill (svg, "selection", m->x, m->y, m->half_width + 2, m->r + 2, NULL, 0, &frame->fg, 1, 2);
            }
          else
            {
              append_circle (svg, "disc", m->x, m->y, m->r, &frame->accent, m->dimmed ? 0.3 : 1, NULL, 0, 0);
              if (m->selected)
                append_circle (svg, "selection", m->x, m->y, m->r + 2, NULL, 0, &frame->fg, 1, 2);
            }
          append_text (svg, "count", count, m->x, m->y, TRUE, -1, &frame->accent_fg, 1, TRUE);
          g_string_append (svg->body, "</g>\n");
          continue;
        }

      if (m->title == NULL)
        {
          /* No row was free: the small mark on the axis. */
          if (m->selected)
            append_circle (svg, "mark-small", m->x, m->y, m->r, &frame->fg, 1, NULL, 0, 0);
          else
            append_circle (svg, "mark-small", m->x, m->y, m->r, &frame->accent, 0.55, NULL, 0, 0);
          continue;
        }

      g_string_append_printf (svg->body, "<g class=\"event%s\">\n", m->dimmed ? " dimmed" : "");
      if (m->span_kind != 0)
        {
          /* The span the date may mean, under the label; an approximate
           * one is fainter at both ends. */
          double a = MAX (m->span_x0, -10), b = MIN (m->span_x1, frame->width + 10);
          double by = m->y + row_h / 2 - 4;

          append_rect (svg, "span", a, by, b - a, 3, 0, &frame->accent, 0.3);
          if (m->span_kind == 2)
            append_rect (svg, "span-core", a + m->span_fuzz, by, b - a - 2 * m->span_fuzz, 3, 0,
                         &frame->accent, 0.3);
          else
            append_rect (svg, "span-core", a, by, b - a, 3, 0, &frame->accent, 0.55);
        }
      append_line (svg, "connector", m->x + 0.5, m->y + m->r, m->x + 0.5, MAX (m->y + m->r, bottom),
                   &frame->fg, 0.18);
      if (m->unconfirmed)
        /* A ring drawn inside the dot's outline, like the screen's border. */
        append_circle (svg, "mark unconfirmed", m->x, m->y, m->r - 1, NULL, 0,
                       &frame->accent, m->dimmed ? 0.25 : 1, 2);
      else
        append_circle (svg, "mark", m->x, m->y, m->r, &frame->accent, m->dimmed ? 0.25 : 1, NULL, 0, 0);
      if (m->selected)
        {
          append_rect (svg, "selection-pill", m->pill.origin.x, m->pill.origin.y, m->pill.size.width,
                       m->pill.size.height, 4, &frame->accent, 0.18);
          append_circle (svg, "selection", m->x, m->y, m->r + 2, NULL, 0, &frame->fg, 1, 2);
        }
      append_text (svg, "label", m->title, m->label_x, m->y, FALSE, m->label_width,
                   &frame->fg, m->dimmed ? 0.35 : 1, m->selected);
      g_string_append (svg->body, "</g>\n");
    }
  g_string_append (svg->body, "</g>\n");
}

static gboolean
write_file (const char  *path,
            const char  *data,
            gsize        length,
            GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) local = NULL;

  /* Replaced whole or not at all, and errors name @path itself (not the
   * temporary file beside it, as g_file_set_contents' do). */
  if (g_file_replace_contents (file, data, length, NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, &local))
    return TRUE;
  g_set_error (error, local->domain, local->code,
               /* Translators: %s is the reason, e.g. "Permission denied" */
               _("The file could not be written: %s"), local->message);
  return FALSE;
}

static gboolean
check_scale (double   scale,
             GError **error)
{
  if (scale >= 0.25 && scale <= 8)
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               _("The scale must be between 1 and 8"));
  return FALSE;
}

/* Public API */

char *
yp_export_escape_xml (const char *text)
{
  g_autofree char *valid = NULL;
  GString *s;

  if (text == NULL)
    return g_strdup ("");
  valid = g_utf8_make_valid (text, -1);
  s = g_string_sized_new (strlen (valid) + 16);
  for (const char *p = valid; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      switch (c)
        {
        case '&':
          g_string_append (s, "&amp;");
          break;
        case '<':
          g_string_append (s, "&lt;");
          break;
        case '>':
          g_string_append (s, "&gt;");
          break;
        case '"':
          g_string_append (s, "&quot;");
          break;
        case '\'':
          g_string_append (s, "&apos;");
          break;
        case '\t':
        case '\n':
        case '\r':
          g_string_append_c (s, ' ');
          break;
        default:
          /* XML 1.0 allows no other C0 control, nor U+FFFE/U+FFFF; C1
           * controls are allowed but never meant in a title. */
          if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0xfffe || c == 0xffff)
            g_string_append (s, "\xef\xbf\xbd");
          else
            g_string_append_len (s, p, g_utf8_next_char (p) - p);
          break;
        }
    }
  return g_string_free (s, FALSE);
}

char *
yp_export_frame_to_svg (const YpTimelineFrame *frame,
                        YpTimeline            *timeline,
                        double                 scale)
{
  Svg svg = { 0 };
  GString *out;

  g_return_val_if_fail (frame != NULL, NULL);
  g_return_val_if_fail (timeline == NULL || YP_IS_TIMELINE (timeline), NULL);
  g_return_val_if_fail (scale > 0, NULL);

  svg.defs = g_string_new (NULL);
  svg.body = g_string_new (NULL);
  svg.timeline = timeline;
  svg.font_px = 13.33;
  if (timeline != NULL)
    {
      svg.font_px = widget_font_px (GTK_WIDGET (timeline));
      svg.layout = gtk_widget_create_pango_layout (GTK_WIDGET (timeline), NULL);
      pango_layout_set_single_paragraph_mode (svg.layout, TRUE);
    }

  append_rect (&svg, "background", 0, 0, frame->width, frame->height, 0, &frame->base, 1);
  draw_eras (&svg, frame);
  draw_axis (&svg, frame);
  draw_marks (&svg, frame);

  out = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n"
                      "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\"");
  append_attr (out, "width", frame->width * scale);
  append_attr (out, "height", frame->height * scale);
  g_string_append (out, " viewBox=\"0 0 ");
  append_num (out, frame->width);
  g_string_append_c (out, ' ');
  append_num (out, frame->height);
  g_string_append (out, "\" font-family=\"" YP_EXPORT_SVG_FONT_FAMILY "\"");
  append_attr (out, "font-size", svg.font_px);
  g_string_append (out, ">\n");
  if (timeline != NULL && yp_timeline_get_session (timeline) != NULL)
    {
      YpRecord *record = yp_session_get_record (yp_timeline_get_session (timeline));
      const char *title = yp_record_get_title (record, yp_ui_lang ());

      if (title != NULL && *title)
        {
          g_autofree char *escaped = yp_export_escape_xml (title);
          g_string_append_printf (out, "<title>%s</title>\n", escaped);
        }
    }
  if (svg.defs->len > 0)
    g_string_append_printf (out, "<defs>\n%s</defs>\n", svg.defs->str);
  g_string_append (out, svg.body->str);
  g_string_append (out, "</svg>\n");

  g_string_free (svg.defs, TRUE);
  g_string_free (svg.body, TRUE);
  g_clear_object (&svg.layout);
  return g_string_free (out, FALSE);
}

gboolean
yp_export_timeline_svg (YpTimeline  *timeline,
                        const char  *path,
                        double       scale,
                        GError     **error)
{
  g_autoptr(YpTimelineFrame) frame = NULL;
  g_autofree char *data = NULL;

  g_return_val_if_fail (YP_IS_TIMELINE (timeline), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_scale (scale, error))
    return FALSE;
  frame = yp_timeline_dup_frame (timeline);
  if (frame == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                   _("The timeline has not been drawn yet"));
      return FALSE;
    }
  data = yp_export_frame_to_svg (frame, timeline, scale);
  return write_file (path, data, strlen (data), error);
}

gboolean
yp_export_timeline_png (YpTimeline  *timeline,
                        const char  *path,
                        double       scale,
                        GError     **error)
{
  GtkWidget *widget = GTK_WIDGET (timeline);
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GtkSnapshot *snapshot;
  GtkNative *native;
  GskRenderer *renderer;
  int w, h;

  g_return_val_if_fail (YP_IS_TIMELINE (timeline), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_scale (scale, error))
    return FALSE;
  w = gtk_widget_get_width (widget);
  h = gtk_widget_get_height (widget);
  native = gtk_widget_get_native (widget);
  renderer = native != NULL ? gtk_native_get_renderer (native) : NULL;
  if (renderer == NULL || !gtk_widget_get_mapped (widget) || w <= 0 || h <= 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                   _("The timeline has not been drawn yet"));
      return FALSE;
    }

  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gtk_snapshot_scale (snapshot, scale, scale);
  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The timeline has not been drawn yet"));
      return FALSE;
    }
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, (int) (w * scale + 0.5), (int) (h * scale + 0.5)));
  bytes = gdk_texture_save_to_png_bytes (texture);
  if (bytes == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The image could not be encoded as PNG"));
      return FALSE;
    }
  return write_file (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), error);
}

char *
yp_export_suggest_filename (YpTimeline *timeline,
                            const char *extension)
{
  YpSession *session;
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *date = NULL;

  g_return_val_if_fail (YP_IS_TIMELINE (timeline), NULL);
  g_return_val_if_fail (extension != NULL, NULL);

  session = yp_timeline_get_session (timeline);
  if (session != NULL)
    dt = g_date_time_new_from_unix_local ((gint64) yp_session_get_visible_start (session));
  if (dt != NULL)
    date = g_date_time_format (dt, "%Y-%m-%d");
  /* Not translated: a file name travels between systems. */
  return date ? g_strdup_printf ("yeonpyo-%s.%s", date, extension)
              : g_strdup_printf ("yeonpyo.%s", extension);
}

char *
yp_export_citation_text (YpRecord *record,
                         YpEvent  *event,
                         YpLang    lang)
{
  GString *s;
  g_autofree char *when = NULL;
  g_autoptr(GPtrArray) seen = NULL;
  const char *status;
  const char *note;
  const char *summary;
  const char *record_title;

  g_return_val_if_fail (YP_IS_RECORD (record), NULL);
  g_return_val_if_fail (YP_IS_EVENT (event), NULL);

  s = g_string_new (NULL);
  when = yp_format_event_date (event);
  status = yp_format_status (event);
  g_string_append (s, when);
  if (status != NULL)
    g_string_append_printf (s, " · %s", status);
  g_string_append_c (s, '\n');
  note = yp_event_get_date_note (event, lang);
  if (yp_event_get_precision (event) == YP_PRECISION_APPROXIMATE && note != NULL && *note)
    {
      /* Translators: %s says how an approximate date was worked out */
      g_string_append_printf (s, _("How the date was worked out: %s"), note);
      g_string_append_c (s, '\n');
    }
  g_string_append (s, yp_event_get_title (event, lang));
  g_string_append (s, "\n\n");
  summary = yp_event_get_summary (event, lang);
  if (summary != NULL && *summary)
    {
      g_string_append (s, summary);
      g_string_append (s, "\n\n");
    }

  g_string_append (s, _("Sources:"));
  g_string_append_c (s, '\n');
  seen = g_ptr_array_new ();
  for (guint i = 0; i < yp_event_get_n_citations (event); i++)
    {
      const char *id = yp_event_get_citation_info (event, i)->source_id;
      YpSource *source = yp_record_lookup_source (record, id);
      const char *outlet = NULL;
      const char *headline = NULL;
      g_autofree char *date = NULL;

      if (g_ptr_array_find_with_equal_func (seen, id, g_str_equal, NULL))
        continue;
      g_ptr_array_add (seen, (gpointer) id);

      if (source != NULL)
        {
          outlet = yp_source_get_outlet (source, lang);
          if (outlet == NULL || !*outlet)
            outlet = yp_source_get_outlet_note (source, lang);
          headline = yp_source_get_title (source);
          if (yp_source_get_published (source) != NULL)
            date = yp_format_written_date (yp_source_get_published (source),
                                           yp_source_get_timezone (source),
                                           yp_source_get_published_precision (source));
        }
      g_string_append_printf (s, "- %s · %s · %s\n",
                              outlet && *outlet ? outlet : _("Outlet not named in the file"),
                              headline && *headline ? headline : _("No headline in the file"),
                              date ? date : _("Date not stated"));
      for (guint j = i; j < yp_event_get_n_citations (event); j++)
        {
          YpCitation *citation = yp_event_get_citation (event, j);

          if (!g_str_equal (yp_citation_get_source_id (citation), id))
            continue;
          g_string_append (s, "  ");
          /* Translators: a quotation, verbatim; use your quotation marks */
          g_string_append_printf (s, C_("quotation", "“%s”"), yp_citation_get_quote (citation));
          g_string_append_c (s, '\n');
        }
    }

  record_title = yp_record_get_title (record, lang);
  g_string_append_c (s, '\n');
  /* Translators: the credit line of copied text and printed pages; %s is
   * the title of the timeline */
  g_string_append_printf (s, _("Yeonpyo — %s"), record_title && *record_title ? record_title : _("Timeline"));
  g_string_append_c (s, '\n');
  return g_string_free (s, FALSE);
}
