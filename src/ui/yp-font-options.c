/* yp-font-options.c: text measured with the fonts it is drawn with
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pango measures a label with a cairo scaled font made with the widget's
 * font options. When the label is drawn, cairo merges the target
 * surface's font options into them; an image surface asks for glyph
 * positions rounded to whole pixels, an option that GTK's settings never
 * set (cairo has no public setter for it). So the text is drawn with a
 * second scaled font, whose glyph cache starts empty: with unhinted
 * metrics (GTK's default), cairo loads each glyph of it twice from
 * FreeType, once at the font's design size for its metrics and once at
 * its pixel size for its image, on top of the measuring font's load. The
 * shipped story's first frame drew 320 glyphs that way.
 *
 * The options given here are an image surface's, with every option that
 * has a public setter put back to its default: only the rounding of glyph
 * positions (and whatever else cairo keeps for image surfaces alone)
 * remains, and GTK merges that over its settings. Measuring then uses the
 * font that drawing would have made, so the glyph cache is shared.
 */
#define G_LOG_DOMAIN "yp-font-options"

#include "config.h"

#include "yp-font-options.h"

static const cairo_font_options_t *
image_only_options (void)
{
  static cairo_font_options_t *options;

  if (g_once_init_enter (&options))
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
      cairo_font_options_t *image = cairo_font_options_create ();

      cairo_surface_get_font_options (surface, image);
      cairo_font_options_set_antialias (image, CAIRO_ANTIALIAS_DEFAULT);
      cairo_font_options_set_subpixel_order (image, CAIRO_SUBPIXEL_ORDER_DEFAULT);
      cairo_font_options_set_hint_style (image, CAIRO_HINT_STYLE_DEFAULT);
      cairo_font_options_set_hint_metrics (image, CAIRO_HINT_METRICS_DEFAULT);
      cairo_font_options_set_variations (image, NULL);
      cairo_surface_destroy (surface);
      g_once_init_leave (&options, image);
    }
  return options;
}

void
yp_font_options_share (GtkWidget *widget)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (gtk_widget_get_font_options (widget) == NULL)
    gtk_widget_set_font_options (widget, image_only_options ());
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    yp_font_options_share (child);
}
