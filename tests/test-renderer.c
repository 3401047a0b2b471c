/* test-renderer.c: Hangul drawn by the renderer the app picks, against cairo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4.8's GL renderer drops parts of small Hangul glyphs (원문 drawn as
 * 워무): its glyph cache cuts each glyph to its ink rectangle, and the
 * hinted glyph can reach a pixel past it. The app asks for cairo on such
 * versions (main.c). Here Korean text is drawn at the sizes the app's
 * styles use, by the renderer the app picks and by cairo, and the pixels
 * must agree up to antialiasing and a pixel of placement. The GL renderer
 * is also tried on its own, to show whether this GTK needs the rule; when
 * it cannot be realized here the test says so in its output.
 */
#define G_LOG_DOMAIN "yp-test"

#include "config.h"

#include <stdlib.h>

#include <gtk/gtk.h>
#include <gsk/gl/gskglrenderer.h>

#include "yp-application.h"

#define HANGUL "원문 알트먼 오픈AI"

/* The font sizes of the app's styles, relative to the base font:
 * .caption, .caption-heading (0.85), chips and citations (0.9), body
 * text and timeline labels, .event-title (1.25), .title-2 (1.4). */
static const double scales[] = { 0.85, 0.9, 1.0, 1.25, 1.4 };

/* A pixel is darker than this: it is ink. */
#define INK 128
/* A pixel matches when some pixel of the other image within one pixel of
 * it is this close: antialiasing and a pixel of placement are allowed. */
#define TOLERANCE 96

typedef struct
{
  GtkWidget *window;
  GtkWidget *label;
  GdkSurface *surface;
} Fixture;

typedef struct
{
  int     width, height;
  gsize   stride;
  guchar *pixels;   /* B8G8R8A8 premultiplied, on white */
} Image;

static void
image_free (Image *image)
{
  g_free (image->pixels);
  g_free (image);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Image, image_free)

static void
fixture_set_up (Fixture *f)
{
  f->window = gtk_window_new ();
  f->label = gtk_label_new (HANGUL);
  gtk_window_set_child (GTK_WINDOW (f->window), f->label);
  gtk_window_present (GTK_WINDOW (f->window));
  while (!gtk_widget_get_mapped (f->label) || gtk_widget_get_width (f->label) == 0)
    g_main_context_iteration (NULL, TRUE);
  f->surface = gtk_native_get_surface (GTK_NATIVE (f->window));
}

static void
fixture_tear_down (Fixture *f)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
}

/* The text at @size (in the unit of the label's font: pixels when GTK
 * gives it an absolute size, as CSS does), laid out as the label lays out its own text (its
 * font options included), drawn black on white by @renderer. */
static Image *
render_text (GskRenderer *renderer,
             GtkWidget   *label,
             double       size)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (label, HANGUL);
  PangoFontDescription *desc = pango_font_description_copy (
    pango_context_get_font_description (pango_layout_get_context (layout)));
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GdkRGBA white = { 1, 1, 1, 1 }, black = { 0, 0, 0, 1 };
  Image *image = g_new0 (Image, 1);

  if (pango_font_description_get_size_is_absolute (desc))
    pango_font_description_set_absolute_size (desc, size * PANGO_SCALE);
  else
    pango_font_description_set_size (desc, (int) (size * PANGO_SCALE));
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  /* Without a Hangul font every syllable is a box, and boxes match. */
  g_assert_cmpint (pango_layout_get_unknown_glyphs_count (layout), ==, 0);
  pango_layout_get_pixel_size (layout, &image->width, &image->height);
  image->width += 4;
  image->height += 4;

  gtk_snapshot_append_color (snapshot, &white, &GRAPHENE_RECT_INIT (0, 0, image->width, image->height));
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (2, 2));
  gtk_snapshot_append_layout (snapshot, layout, &black);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, image->width, image->height));
  image->stride = (gsize) image->width * 4;
  image->pixels = g_malloc (image->stride * image->height);
  gdk_texture_download (texture, image->pixels, image->stride);
  return image;
}

static int
grey (const Image *image,
      int          x,
      int          y)
{
  return image->pixels[y * image->stride + x * 4 + 1];
}

/* How many pixels of @a have no pixel of @b within one pixel of them
 * that is within TOLERANCE; dark pixels of @a are counted in @n_ink. */
static guint
unmatched_pixels (const Image *a,
                  const Image *b,
                  guint       *n_ink)
{
  guint unmatched = 0;

  *n_ink = 0;
  for (int y = 0; y < a->height; y++)
    for (int x = 0; x < a->width; x++)
      {
        int v = grey (a, x, y);
        int best = 255;

        if (v < INK)
          (*n_ink)++;
        for (int dy = -1; dy <= 1; dy++)
          for (int dx = -1; dx <= 1; dx++)
            if (y + dy >= 0 && y + dy < b->height && x + dx >= 0 && x + dx < b->width)
              best = MIN (best, abs (v - grey (b, x + dx, y + dy)));
        unmatched += best > TOLERANCE;
      }
  return unmatched;
}

static const PangoFontDescription *
label_font (GtkWidget *label)
{
  return pango_context_get_font_description (gtk_widget_get_pango_context (label));
}

static double
base_size (GtkWidget *label)
{
  return (double) pango_font_description_get_size (label_font (label)) / PANGO_SCALE;
}

static const char *
unit (GtkWidget *label)
{
  return pango_font_description_get_size_is_absolute (label_font (label)) ? "px" : "pt";
}

/* Whether @renderer draws the text at @size as cairo does: at most one
 * dark pixel in a hundred unmatched, both ways (a lost stroke is ink in
 * cairo's image that @renderer's lacks). Says what it found. */
static gboolean
draws_like_cairo (GskRenderer *renderer,
                  GskRenderer *cairo,
                  GtkWidget   *label,
                  double       size)
{
  g_autoptr(Image) a = render_text (renderer, label, size);
  g_autoptr(Image) b = render_text (cairo, label, size);
  guint ink_a, ink_b, lost, added;

  g_assert_cmpint (a->width, ==, b->width);
  g_assert_cmpint (a->height, ==, b->height);
  added = unmatched_pixels (a, b, &ink_a);
  lost = unmatched_pixels (b, a, &ink_b);
  g_assert_cmpuint (ink_b, >, 0);
  g_test_message ("%s at %.2f %s: %u of cairo's %u dark pixels missing, %u of %u extra",
                  G_OBJECT_TYPE_NAME (renderer), size, unit (label), lost, ink_b, added, ink_a);
  return lost * 100 <= ink_b && added * 100 <= ink_a;
}


static void
test_pick (void)
{
  g_assert_cmpstr (yp_application_pick_renderer (8, NULL), ==, "cairo");
  g_assert_cmpstr (yp_application_pick_renderer (8, ""), ==, "cairo");
  g_assert_null (yp_application_pick_renderer (8, "gl"));
  g_assert_null (yp_application_pick_renderer (12, NULL));
}

/* The renderer a user of this GTK gets (GSK_RENDERER unset) draws the
 * Hangul of every text size the app uses as cairo does. */
static void
test_chosen_matches_cairo (void)
{
  const char *name = yp_application_pick_renderer (gtk_get_minor_version (), NULL);
  Fixture f;
  g_autoptr(GskRenderer) chosen = NULL;
  g_autoptr(GskRenderer) cairo = gsk_cairo_renderer_new ();
  g_autoptr(GError) error = NULL;
  double base;

  fixture_set_up (&f);
  base = base_size (f.label);
  /* NULL: GTK's own default, the GL renderer where it can be realized. */
  chosen = name != NULL && g_str_equal (name, "cairo") ? gsk_cairo_renderer_new () : gsk_gl_renderer_new ();
  if (!gsk_renderer_realize (chosen, f.surface, &error))
    {
      /* GTK falls back to cairo then, and so does this test. */
      g_test_message ("GTK %u.%u would use GL, which cannot be realized here (%s): cairo instead",
                      gtk_get_major_version (), gtk_get_minor_version (), error->message);
      g_clear_error (&error);
      g_clear_object (&chosen);
      chosen = gsk_cairo_renderer_new ();
      g_assert_true (gsk_renderer_realize (chosen, f.surface, &error));
    }
  g_assert_true (gsk_renderer_realize (cairo, f.surface, &error));
  g_test_message ("GTK %u.%u.%u, base font %.2f %s, chosen renderer %s",
                  gtk_get_major_version (), gtk_get_minor_version (), gtk_get_micro_version (),
                  base, unit (f.label), G_OBJECT_TYPE_NAME (chosen));

  for (guint i = 0; i < G_N_ELEMENTS (scales); i++)
    if (!draws_like_cairo (chosen, cairo, f.label, base * scales[i]))
      g_error ("%s loses parts of the Hangul sample at %.2f %s: see the messages above",
               G_OBJECT_TYPE_NAME (chosen), base * scales[i], unit (f.label));

  gsk_renderer_unrealize (chosen);
  gsk_renderer_unrealize (cairo);
  fixture_tear_down (&f);
}

/* The GL renderer on its own: where it loses glyph parts on this GTK,
 * the rule must keep users off it. Where GL cannot be realized (no GL on
 * the display, or GDK_DEBUG=gl-disable as in the sanitizer runs), the
 * output says so and only the pick is checked. */
static void
test_gl_needs_the_rule (void)
{
  const char *name = yp_application_pick_renderer (gtk_get_minor_version (), NULL);
  Fixture f;
  g_autoptr(GskRenderer) gl = gsk_gl_renderer_new ();
  g_autoptr(GskRenderer) cairo = gsk_cairo_renderer_new ();
  g_autoptr(GError) error = NULL;
  guint n_bad = 0;
  double base;

  fixture_set_up (&f);
  base = base_size (f.label);
  if (!gsk_renderer_realize (gl, f.surface, &error))
    {
      g_test_message ("NOT COMPARED: the GL renderer cannot be realized on this display (%s); "
                      "GTK %u.%u picks %s", error->message,
                      gtk_get_major_version (), gtk_get_minor_version (), name ? name : "its default");
      fixture_tear_down (&f);
      return;
    }
  g_assert_true (gsk_renderer_realize (cairo, f.surface, &error));
  for (guint i = 0; i < G_N_ELEMENTS (scales); i++)
    n_bad += !draws_like_cairo (gl, cairo, f.label, base * scales[i]);
  g_test_message ("GL on GTK %u.%u.%u loses parts of Hangul at %u of %u text sizes",
                  gtk_get_major_version (), gtk_get_minor_version (), gtk_get_micro_version (),
                  n_bad, (guint) G_N_ELEMENTS (scales));
  if (n_bad > 0)
    g_assert_cmpstr (name, ==, "cairo");

  gsk_renderer_unrealize (gl);
  gsk_renderer_unrealize (cairo);
  fixture_tear_down (&f);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/renderer/pick", test_pick);
  g_test_add_func ("/renderer/chosen-matches-cairo", test_chosen_matches_cairo);
  g_test_add_func ("/renderer/gl-needs-the-rule", test_gl_needs_the_rule);

  return g_test_run ();
}
