/* test-renderer.c: Hangul drawn by the renderer the app picks, against cairo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4.8's GL renderer drops parts of small Hangul glyphs (원문 drawn as
 * 워무). The app asks for cairo on such versions (main.c). Here a label
 * of Korean text is rendered to a texture by the renderer picked for the
 * running GTK and by cairo, and the pixels must agree.
 */
#include "config.h"

#include <string.h>

#include <gtk/gtk.h>
#include <gsk/gl/gskglrenderer.h>

#include "yp-application.h"

static GBytes *
render_label (GskRenderer *renderer,
              GtkWidget   *label,
              int          width,
              int          height,
              gsize       *stride)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GdkRGBA white = { 1, 1, 1, 1 };
  guchar *data;

  gtk_snapshot_append_color (snapshot, &white, &GRAPHENE_RECT_INIT (0, 0, width, height));
  GTK_WIDGET_GET_CLASS (label)->snapshot (label, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  *stride = width * 4;
  data = g_malloc (*stride * height);
  gdk_texture_download (texture, data, *stride);
  return g_bytes_new_take (data, *stride * height);
}

static void
test_pick (void)
{
  g_assert_cmpstr (yp_application_pick_renderer (8, NULL), ==, "cairo");
  g_assert_cmpstr (yp_application_pick_renderer (8, ""), ==, "cairo");
  g_assert_null (yp_application_pick_renderer (8, "gl"));
  g_assert_null (yp_application_pick_renderer (12, NULL));
}

static void
test_hangul_matches_cairo (void)
{
  const char *name = yp_application_pick_renderer (gtk_get_minor_version (), NULL);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *label = gtk_label_new ("원문 알트먼 오픈AI 이사회 사태");
  GdkSurface *surface;
  g_autoptr(GskRenderer) picked = NULL;
  g_autoptr(GskRenderer) cairo = NULL;
  g_autoptr(GBytes) a = NULL;
  g_autoptr(GBytes) b = NULL;
  g_autoptr(GError) error = NULL;
  int width, height;
  gsize stride;

  gtk_window_set_child (GTK_WINDOW (window), label);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (label) || gtk_widget_get_width (label) == 0)
    g_main_context_iteration (NULL, TRUE);
  width = gtk_widget_get_width (label);
  height = gtk_widget_get_height (label);
  surface = gtk_native_get_surface (GTK_NATIVE (window));

  /* NULL: GTK's own default, the GL renderer where it works. */
  picked = name != NULL && g_str_equal (name, "cairo") ? gsk_cairo_renderer_new () : gsk_gl_renderer_new ();
  if (!gsk_renderer_realize (picked, surface, &error))
    {
      /* No GL on this display: then GTK falls back to cairo too. */
      g_test_message ("GL renderer unavailable: %s", error->message);
      g_clear_error (&error);
      g_clear_object (&picked);
      picked = gsk_cairo_renderer_new ();
      g_assert_true (gsk_renderer_realize (picked, surface, &error));
    }
  cairo = gsk_cairo_renderer_new ();
  g_assert_true (gsk_renderer_realize (cairo, surface, &error));

  a = render_label (picked, label, width, height, &stride);
  b = render_label (cairo, label, width, height, &stride);
  g_assert_cmpuint (g_bytes_get_size (a), ==, g_bytes_get_size (b));
  g_assert_true (memcmp (g_bytes_get_data (a, NULL), g_bytes_get_data (b, NULL), g_bytes_get_size (a)) == 0);

  gsk_renderer_unrealize (picked);
  gsk_renderer_unrealize (cairo);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/renderer/pick", test_pick);
  g_test_add_func ("/renderer/hangul-matches-cairo", test_hangul_matches_cairo);

  return g_test_run ();
}
