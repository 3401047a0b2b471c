/* test-overview.c: the overview strip, on a real (virtual) display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input logic is driven through the overview's test entry points (the
 * functions its gesture and scroll controllers call); the drawing is
 * checked on real pixels rendered by the window's own renderer.
 *
 * YP_OVERVIEW_PNG=path also saves the window, as drawn in /overview/pixels,
 * to that file for a look.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <gtk/gtk.h>

#include "yp-cache.h"
#include "yp-overview.h"
#include "yp-session.h"
#include "yp-test-ui.h"

#define WIDTH  900
#define HEIGHT 120

typedef struct {
  YpRecord   *record;
  GtkWindow  *window;
  YpOverview *overview;
  YpSession  *session;
  YpTimeRange bounds;
} Fixture;

static double
utc (int year,
     int month,
     int day)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (year, month, day, 0, 0, 0);

  return (double) g_date_time_to_unix (dt);
}

static double
seconds_per_px (Fixture *f)
{
  return (f->bounds.end - f->bounds.start) / gtk_widget_get_width (GTK_WIDGET (f->overview));
}

static double
visible_start (Fixture *f)
{
  return yp_session_get_visible_start (f->session);
}

static double
visible_end (Fixture *f)
{
  return yp_session_get_visible_end (f->session);
}

static double
span (Fixture *f)
{
  return visible_end (f) - visible_start (f);
}

static void
assert_in_bounds (Fixture *f)
{
  g_assert_cmpfloat (visible_start (f), >=, f->bounds.start);
  g_assert_cmpfloat (visible_end (f), <=, f->bounds.end);
  g_assert_cmpfloat (visible_start (f), <, visible_end (f));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "timeline.json", NULL);
  g_autoptr(GError) error = NULL;
  YpCacheReport report = { 0 };

  /* Inside the test: the cache goes to the test's own XDG_CACHE_HOME. */
  f->record = yp_cache_load (path, NULL, &report, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->record);
  g_assert_cmpint (report.outcome, ==, YP_CACHE_BUILT);
  yp_cache_report_clear (&report);

  f->session = yp_session_new (f->record);
  yp_session_get_bounds (f->session, &f->bounds);

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_title (f->window, "Overview test");
  gtk_window_set_default_size (f->window, WIDTH, HEIGHT);
  f->overview = YP_OVERVIEW (yp_overview_new ());
  gtk_widget_set_valign (GTK_WIDGET (f->overview), GTK_ALIGN_CENTER);
  yp_overview_set_session (f->overview, f->session);
  gtk_window_set_child (f->window, GTK_WIDGET (f->overview));
  gtk_window_present (f->window);
  YP_TEST_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (f->overview)) && gtk_widget_get_width (GTK_WIDGET (f->overview)) > 0);
  yp_test_wait_for_frame (GTK_WIDGET (f->overview));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  yp_test_destroy_window (f->window);
  g_clear_object (&f->session);
  g_clear_object (&f->record);
}

/* The widget (or the window) as the renderer draws it, in cairo's format
 * (premultiplied ARGB32, native endian). */
typedef struct {
  int     width;
  int     height;
  gsize   stride;
  guchar *data;
} Pixels;

static void
pixels_free (Pixels *p)
{
  g_free (p->data);
  g_free (p);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Pixels, pixels_free)

static GdkTexture *
render_texture (Fixture   *f,
                GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  int w = gtk_widget_get_width (widget);
  int h = gtk_widget_get_height (widget);

  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  return gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (f->window)),
                                      node, &GRAPHENE_RECT_INIT (0, 0, w, h));
}

static Pixels *
render (Fixture *f)
{
  g_autoptr(GdkTexture) texture = render_texture (f, GTK_WIDGET (f->overview));
  Pixels *p = g_new0 (Pixels, 1);

  p->width = gdk_texture_get_width (texture);
  p->height = gdk_texture_get_height (texture);
  p->stride = p->width * 4;
  p->data = g_malloc (p->stride * p->height);
  gdk_texture_download (texture, p->data, p->stride);
  return p;
}

static const guchar *
pixel (const Pixels *p,
       int           x,
       int           y)
{
  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (x, <, p->width);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (y, <, p->height);
  return p->data + y * p->stride + x * 4;
}

static gboolean
differ (const guchar *a,
        const guchar *b)
{
  int d = 0;

  for (int i = 0; i < 4; i++)
    d += ABS ((int) a[i] - (int) b[i]);
  return d > 24;
}

/* Rows of column @x (bar or line) that differ from its top, which no
 * histogram bar reaches. */
static int
count_marked (const Pixels *p,
              int           x)
{
  const guchar *top = pixel (p, x, 2);
  int n = 0;

  for (int y = 3; y < p->height - 2; y++)
    n += differ (pixel (p, x, y), top);
  return n;
}

static void
test_size (Fixture       *f,
           gconstpointer  data)
{
  int min, nat;

  gtk_widget_measure (GTK_WIDGET (f->overview), GTK_ORIENTATION_VERTICAL, -1, &min, &nat, NULL, NULL);
  g_assert_cmpint (min, ==, 56);
  g_assert_cmpint (nat, ==, 56);
  gtk_widget_measure (GTK_WIDGET (f->overview), GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
  g_assert_cmpint (min, ==, 100);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->overview)), ==, WIDTH);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (f->overview)), ==, 56);

  /* The strip always spans the whole bounds, whatever the window shows. */
  yp_session_set_visible (f->session, utc (2024, 3, 1), utc (2024, 4, 1));
  g_assert_cmpfloat_with_epsilon (yp_overview_time_to_x (f->overview, f->bounds.start), 0, 1e-6);
  g_assert_cmpfloat_with_epsilon (yp_overview_time_to_x (f->overview, f->bounds.end), WIDTH, 1e-6);
  g_assert_true (yp_overview_get_session (f->overview) == f->session);
  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (f->overview)));
  g_assert_cmpstr (gtk_widget_get_css_name (GTK_WIDGET (f->overview)), ==, "overview");
}

static void
test_drag_moves (Fixture       *f,
                 gconstpointer  data)
{
  double start, old_span, x0, x1;

  yp_session_set_visible (f->session, utc (2024, 3, 1), utc (2024, 6, 1));
  start = visible_start (f);
  old_span = span (f);
  x0 = yp_overview_time_to_x (f->overview, start);
  x1 = yp_overview_time_to_x (f->overview, visible_end (f));
  g_assert_cmpfloat (x1 - x0, >, 40);

  yp_overview_test_drag (f->overview, (x0 + x1) / 2, 90);
  g_assert_cmpfloat_with_epsilon (visible_start (f), start + 90 * seconds_per_px (f), 1);
  g_assert_cmpfloat_with_epsilon (span (f), old_span, 1);

  /* And back: a move is exact both ways. */
  yp_overview_test_drag (f->overview, (x0 + x1) / 2 + 90, -90);
  g_assert_cmpfloat_with_epsilon (visible_start (f), start, 1);
  g_assert_cmpfloat_with_epsilon (span (f), old_span, 1);
}

static void
test_drag_edges_resize (Fixture       *f,
                        gconstpointer  data)
{
  double start, end, x0, x1;

  yp_session_set_visible (f->session, utc (2024, 3, 1), utc (2024, 6, 1));
  start = visible_start (f);
  end = visible_end (f);
  x0 = yp_overview_time_to_x (f->overview, start);
  x1 = yp_overview_time_to_x (f->overview, end);

  /* Within 5 px of the left edge, on either side: only the start moves. */
  yp_overview_test_drag (f->overview, x0 + 3, -40);
  g_assert_cmpfloat_with_epsilon (visible_start (f), start - 40 * seconds_per_px (f), 1);
  g_assert_cmpfloat_with_epsilon (visible_end (f), end, 1);

  start = visible_start (f);
  x0 = yp_overview_time_to_x (f->overview, start);
  yp_overview_test_drag (f->overview, x0 - 4, 25);
  g_assert_cmpfloat_with_epsilon (visible_start (f), start + 25 * seconds_per_px (f), 1);
  g_assert_cmpfloat_with_epsilon (visible_end (f), end, 1);

  /* The right edge: only the end moves. */
  start = visible_start (f);
  yp_overview_test_drag (f->overview, x1 - 2, 60);
  g_assert_cmpfloat_with_epsilon (visible_start (f), start, 1);
  g_assert_cmpfloat_with_epsilon (visible_end (f), end + 60 * seconds_per_px (f), 1);

  /* An edge dragged past the other stops short of it: the window keeps
   * its minimum span and its other edge. */
  end = visible_end (f);
  x0 = yp_overview_time_to_x (f->overview, start);
  yp_overview_test_drag (f->overview, x0, 2 * WIDTH);
  g_assert_cmpfloat_with_epsilon (visible_end (f), end, 1);
  g_assert_cmpfloat (span (f), >=, 59);
  g_assert_cmpfloat (span (f), <=, 61);
  assert_in_bounds (f);
}

static void
test_click_outside_centres (Fixture       *f,
                            gconstpointer  data)
{
  double old_span, target, x;

  yp_session_set_visible (f->session, utc (2024, 3, 1), utc (2024, 4, 1));
  old_span = span (f);

  /* A click (a drag of 0) far right of the window centres it there. */
  target = utc (2025, 3, 1);
  x = yp_overview_time_to_x (f->overview, target);
  yp_overview_test_drag (f->overview, x, 0);
  g_assert_cmpfloat_with_epsilon ((visible_start (f) + visible_end (f)) / 2, target, 1);
  g_assert_cmpfloat_with_epsilon (span (f), old_span, 1);

  /* Pressing outside, then dragging, centres and then moves. */
  target = utc (2024, 6, 1);
  x = yp_overview_time_to_x (f->overview, target);
  yp_overview_test_drag (f->overview, x, -30);
  g_assert_cmpfloat_with_epsilon ((visible_start (f) + visible_end (f)) / 2,
                                  target - 30 * seconds_per_px (f), 1);
  g_assert_cmpfloat_with_epsilon (span (f), old_span, 1);
}

static void
test_wheel_zooms (Fixture       *f,
                  gconstpointer  data)
{
  double old_span, t, fraction, x;

  yp_session_set_visible (f->session, utc (2024, 1, 1), utc (2024, 9, 1));
  old_span = span (f);
  x = yp_overview_time_to_x (f->overview, utc (2024, 3, 10));
  t = f->bounds.start + x * seconds_per_px (f);
  fraction = (t - visible_start (f)) / span (f);

  /* Up (negative dy) zooms in by 1.25 around the time under the pointer. */
  yp_overview_test_scroll (f->overview, x, -1);
  g_assert_cmpfloat_with_epsilon (span (f), old_span / 1.25, 1);
  g_assert_cmpfloat_with_epsilon ((t - visible_start (f)) / span (f), fraction, 1e-6);

  /* Down zooms back out. */
  yp_overview_test_scroll (f->overview, x, 1);
  g_assert_cmpfloat_with_epsilon (span (f), old_span, 1);
  g_assert_cmpfloat_with_epsilon ((t - visible_start (f)) / span (f), fraction, 1e-6);

  /* Zooming out far never leaves the bounds. */
  for (int i = 0; i < 30; i++)
    yp_overview_test_scroll (f->overview, x, 1);
  g_assert_cmpfloat_with_epsilon (visible_start (f), f->bounds.start, 1);
  g_assert_cmpfloat_with_epsilon (visible_end (f), f->bounds.end, 1);
}

static void
test_stays_in_bounds (Fixture       *f,
                      gconstpointer  data)
{
  double old_span, x0, x1;

  yp_session_set_visible (f->session, utc (2024, 3, 1), utc (2024, 6, 1));
  old_span = span (f);

  /* Moved far past the end: stops at it, span kept. */
  x0 = yp_overview_time_to_x (f->overview, visible_start (f));
  x1 = yp_overview_time_to_x (f->overview, visible_end (f));
  yp_overview_test_drag (f->overview, (x0 + x1) / 2, 5 * WIDTH);
  assert_in_bounds (f);
  g_assert_cmpfloat_with_epsilon (visible_end (f), f->bounds.end, 1);
  g_assert_cmpfloat_with_epsilon (span (f), old_span, 1);

  /* And past the start. */
  x0 = yp_overview_time_to_x (f->overview, visible_start (f));
  x1 = yp_overview_time_to_x (f->overview, visible_end (f));
  yp_overview_test_drag (f->overview, (x0 + x1) / 2, -5 * WIDTH);
  assert_in_bounds (f);
  g_assert_cmpfloat_with_epsilon (visible_start (f), f->bounds.start, 1);
  g_assert_cmpfloat_with_epsilon (span (f), old_span, 1);

  /* The end edge dragged past the end of the bounds stops there. */
  x1 = yp_overview_time_to_x (f->overview, visible_end (f));
  yp_overview_test_drag (f->overview, x1, 5 * WIDTH);
  assert_in_bounds (f);
  g_assert_cmpfloat_with_epsilon (visible_start (f), f->bounds.start, 1);
  g_assert_cmpfloat_with_epsilon (visible_end (f), f->bounds.end, 1);

  /* A click near the end of the strip: centred as far as the bounds let. */
  yp_session_set_visible (f->session, utc (2024, 3, 1), utc (2024, 6, 1));
  yp_overview_test_drag (f->overview, WIDTH - 1, 0);
  assert_in_bounds (f);
  g_assert_cmpfloat_with_epsilon (visible_end (f), f->bounds.end, 1);
  g_assert_cmpfloat_with_epsilon (span (f), old_span, 1);
}

static void
test_narrow_window (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(Pixels) p = NULL;
  double centre = utc (2024, 8, 1);
  double x, start;
  int cx, marked = 0;

  /* An hour is a fraction of a pixel: the rectangle is drawn 6 px wide,
   * centred, and grabbing its middle moves it. */
  yp_session_set_visible (f->session, centre - 1800, centre + 1800);
  start = visible_start (f);
  x = yp_overview_time_to_x (f->overview, centre);
  yp_overview_test_drag (f->overview, x, 20);
  g_assert_cmpfloat_with_epsilon (visible_start (f), start + 20 * seconds_per_px (f), 1);
  g_assert_cmpfloat_with_epsilon (span (f), 3600, 1);

  yp_test_wait_for_frame (GTK_WIDGET (f->overview));
  p = render (f);
  cx = (int) round (yp_overview_time_to_x (f->overview, (visible_start (f) + visible_end (f)) / 2));
  /* The drawn window, compared with the strip 10 px away. */
  for (int dx = -5; dx <= 5; dx++)
    marked += differ (pixel (p, cx + dx, p->height / 2), pixel (p, cx - 10, p->height / 2));
  g_assert_cmpint (marked, >=, 6);
  g_assert_cmpint (marked, <=, 8);
}

static void
test_keyboard (Fixture       *f,
               gconstpointer  data)
{
  GtkWidget *w = GTK_WIDGET (f->overview);
  double start, old_span;

  yp_session_set_visible (f->session, utc (2024, 3, 1), utc (2024, 6, 1));
  start = visible_start (f);
  old_span = span (f);

  g_assert_true (gtk_widget_activate_action (w, "overview.pan-right", NULL));
  g_assert_cmpfloat_with_epsilon (visible_start (f), start + old_span / 10, 1);
  g_assert_true (gtk_widget_activate_action (w, "overview.pan-left", NULL));
  g_assert_true (gtk_widget_activate_action (w, "overview.pan-left", NULL));
  g_assert_cmpfloat_with_epsilon (visible_start (f), start - old_span / 10, 1);

  g_assert_true (gtk_widget_activate_action (w, "overview.pan-home", NULL));
  g_assert_cmpfloat_with_epsilon (visible_start (f), f->bounds.start, 1);
  g_assert_cmpfloat_with_epsilon (span (f), old_span, 1);
  g_assert_true (gtk_widget_activate_action (w, "overview.pan-left", NULL));
  g_assert_cmpfloat_with_epsilon (visible_start (f), f->bounds.start, 1);

  g_assert_true (gtk_widget_activate_action (w, "overview.pan-end", NULL));
  g_assert_cmpfloat_with_epsilon (visible_end (f), f->bounds.end, 1);
  g_assert_cmpfloat_with_epsilon (span (f), old_span, 1);

  /* Without a session the actions are off (and harmless). */
  start = visible_start (f);
  yp_overview_set_session (f->overview, NULL);
  gtk_widget_activate_action (w, "overview.pan-left", NULL);
  g_assert_cmpfloat (visible_start (f), ==, start);
}

static void
test_pixels (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(Pixels) p = NULL;
  int crisis0, crisis1, busiest = 0, empty, border, uniform = 0, against_outside = 0;

  /* A window over an empty stretch, away from both columns compared. */
  yp_session_set_visible (f->session, utc (2024, 7, 1), utc (2024, 8, 15));
  yp_test_wait_for_frame (GTK_WIDGET (f->overview));
  p = render (f);
  g_assert_cmpint (p->width, ==, WIDTH);
  g_assert_cmpint (p->height, ==, 56);

  if (g_getenv ("YP_OVERVIEW_PNG"))
    {
      g_autoptr(GdkTexture) shot = render_texture (f, GTK_WIDGET (f->window));
      g_assert_true (gdk_texture_save_to_png (shot, g_getenv ("YP_OVERVIEW_PNG")));
    }

  /* The busiest week, the board crisis of 17-22 November 2023, has the
   * tallest bars; an empty September 2024 has none. */
  crisis0 = (int) floor (yp_overview_time_to_x (f->overview, utc (2023, 11, 17)));
  crisis1 = (int) ceil (yp_overview_time_to_x (f->overview, utc (2023, 11, 23)));
  for (int x = crisis0; x <= crisis1; x++)
    busiest = MAX (busiest, count_marked (p, x));
  empty = count_marked (p, (int) round (yp_overview_time_to_x (f->overview, utc (2024, 9, 1))));
  g_test_message ("crisis column: %d marked rows, empty column: %d", busiest, empty);
  g_assert_cmpint (busiest, >, empty);
  g_assert_cmpint (busiest, >=, (p->height - 6) * 3 / 4);
  g_assert_cmpint (empty, ==, 0);

  /* The window's left border: a line down the whole column, unlike the
   * strip just outside it. */
  border = (int) round (yp_overview_time_to_x (f->overview, visible_start (f)));
  for (int y = 1; y < p->height - 1; y++)
    {
      uniform += !differ (pixel (p, border, y), pixel (p, border, p->height / 2));
      against_outside += differ (pixel (p, border, y), pixel (p, border - 4, y));
    }
  g_assert_cmpint (uniform, ==, p->height - 2);
  g_assert_cmpint (against_outside, ==, p->height - 2);
  /* Inside the window, off the border, the strip is not a line. */
  g_assert_true (differ (pixel (p, border + 6, p->height / 2), pixel (p, border, p->height / 2)));
}

static void
test_selection_line (Fixture       *f,
                     gconstpointer  data)
{
  GListModel *events = yp_session_get_events (f->session);
  g_autoptr(Pixels) before = NULL;
  g_autoptr(Pixels) after = NULL;
  g_autoptr(YpEvent) chosen = NULL;
  int x;

  /* The only event of May 2024, alone in its stretch. */
  for (guint i = 0; i < g_list_model_get_n_items (events) && chosen == NULL; i++)
    {
      g_autoptr(YpEvent) e = g_list_model_get_item (events, i);

      if (g_str_has_prefix (yp_event_get_date (e), "2024-05"))
        chosen = g_steal_pointer (&e);
    }
  g_assert_nonnull (chosen);
  x = (int) round (yp_overview_time_to_x (f->overview, yp_event_get_anchor (chosen)));

  before = render (f);
  yp_session_select (f->session, chosen);
  yp_test_wait_for_frame (GTK_WIDGET (f->overview));
  after = render (f);
  /* Above the bars, where only the line can be. */
  g_assert_false (differ (pixel (before, x, 3), pixel (before, x - 6, 3)));
  g_assert_true (differ (pixel (after, x, 3), pixel (after, x - 6, 3)));
  g_assert_true (differ (pixel (after, x, 3), pixel (before, x, 3)));
}

/* Colour nodes as wide as a histogram bar (BIN_PX - 1) and standing on
 * the strip's bottom, or empty, under @node. */
static int
count_bar_nodes (GskRenderNode *node,
                 int            height)
{
  graphene_rect_t b;
  int n = 0;

  switch (gsk_render_node_get_node_type (node))
    {
    case GSK_CONTAINER_NODE:
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        n += count_bar_nodes (gsk_container_node_get_child (node, i), height);
      return n;
    case GSK_CLIP_NODE:
      return count_bar_nodes (gsk_clip_node_get_child (node), height);
    case GSK_TRANSFORM_NODE:
      return count_bar_nodes (gsk_transform_node_get_child (node), height);
    case GSK_DEBUG_NODE:
      return count_bar_nodes (gsk_debug_node_get_child (node), height);
    case GSK_OPACITY_NODE:
      return count_bar_nodes (gsk_opacity_node_get_child (node), height);
    case GSK_COLOR_NODE:
      gsk_render_node_get_bounds (node, &b);
      /* An empty one counts too: it costs a fill all the same. */
      return (b.size.width == 2 && b.origin.y + b.size.height == height) || b.size.width <= 0 ||
             b.size.height <= 0;
    default:
      return 0;
    }
}

/* The background, eras and histogram are one layer drawn once: not a node
 * per bar, which GTK 4.8's cairo renderer would draw in every frame of the
 * window, nor empty nodes for the veil. The strip paints its own background, so that layer is opaque,
 * and drawn alone it has the very pixels it has in the window. */
static void
test_static_layer (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (f->overview));
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) shot = NULL;
  g_autoptr(Pixels) alone = NULL;
  graphene_rect_t at;
  guchar *window_data;
  gsize stride;
  int x0, y0, bars = 0, same = 0;

  yp_session_set_visible (f->session, utc (2024, 7, 1), utc (2024, 8, 15));
  yp_test_wait_for_frame (GTK_WIDGET (f->overview));

  gdk_paintable_snapshot (paintable, snapshot, WIDTH, 56);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  g_assert_cmpint (count_bar_nodes (node, 56), ==, 0);

  /* The histogram is there all the same. */
  alone = render (f);
  for (int x = 0; x < alone->width; x++)
    bars += count_marked (alone, x) > 0;
  g_assert_cmpint (bars, >, 10);

  shot = render_texture (f, GTK_WIDGET (f->window));
  stride = gdk_texture_get_width (shot) * 4;
  window_data = g_malloc (stride * gdk_texture_get_height (shot));
  gdk_texture_download (shot, window_data, stride);
  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (f->overview), GTK_WIDGET (f->window), &at));
  x0 = (int) at.origin.x;
  y0 = (int) at.origin.y;
  g_assert_cmpint (x0 + alone->width, <=, gdk_texture_get_width (shot));
  g_assert_cmpint (y0 + alone->height, <=, gdk_texture_get_height (shot));
  for (int y = 0; y < alone->height; y++)
    for (int x = 0; x < alone->width; x++)
      {
        const guchar *a = pixel (alone, x, y);

        g_assert_cmpint (a[3], ==, 255);
        same += memcmp (a, window_data + (y0 + y) * stride + (x0 + x) * 4, 4) == 0;
      }
  g_free (window_data);
  g_assert_cmpint (same, ==, alone->width * alone->height);
}

static void
count_cb (GObject    *object,
          GParamSpec *pspec,
          int        *count)
{
  (*count)++;
}

static void
test_session_swap (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(YpSession) other = yp_session_new (f->record);
  guint visible_changed = g_signal_lookup ("visible-changed", YP_TYPE_SESSION);
  guint notify = g_signal_lookup ("notify", G_TYPE_OBJECT);
  GQuark selected = g_quark_from_static_string ("selected");
  int notified = 0;

  g_signal_connect (f->overview, "notify::session", G_CALLBACK (count_cb), &notified);
  g_assert_true (g_signal_has_handler_pending (f->session, visible_changed, 0, FALSE));
  g_assert_true (g_signal_has_handler_pending (f->session, notify, selected, FALSE));

  /* The old session is let go, the new one followed. */
  yp_overview_set_session (f->overview, other);
  g_assert_true (yp_overview_get_session (f->overview) == other);
  g_assert_cmpint (notified, ==, 1);
  g_assert_false (g_signal_has_handler_pending (f->session, visible_changed, 0, FALSE));
  g_assert_false (g_signal_has_handler_pending (f->session, notify, selected, FALSE));
  g_assert_true (g_signal_has_handler_pending (other, visible_changed, 0, FALSE));

  /* The same session again: no notification. */
  yp_overview_set_session (f->overview, other);
  g_assert_cmpint (notified, ==, 1);
  yp_session_set_visible (other, utc (2024, 3, 1), utc (2024, 4, 1));
  yp_test_wait_for_frame (GTK_WIDGET (f->overview));

  /* Through the property, and back. */
  g_object_set (f->overview, "session", f->session, NULL);
  g_assert_cmpint (notified, ==, 2);
  g_assert_false (g_signal_has_handler_pending (other, visible_changed, 0, FALSE));

  /* A destroyed overview lets go of its session. */
  g_object_add_weak_pointer (G_OBJECT (f->overview), (gpointer *) &f->overview);
  gtk_window_set_child (f->window, NULL);
  YP_TEST_WAIT_UNTIL (f->overview == NULL);
  g_assert_false (g_signal_has_handler_pending (f->session, visible_changed, 0, FALSE));
  g_assert_false (g_signal_has_handler_pending (f->session, notify, selected, FALSE));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gtk_init ();

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/overview/size", test_size);
  ADD ("/overview/drag-moves", test_drag_moves);
  ADD ("/overview/drag-edges-resize", test_drag_edges_resize);
  ADD ("/overview/click-outside-centres", test_click_outside_centres);
  ADD ("/overview/wheel-zooms", test_wheel_zooms);
  ADD ("/overview/stays-in-bounds", test_stays_in_bounds);
  ADD ("/overview/narrow-window", test_narrow_window);
  ADD ("/overview/keyboard", test_keyboard);
  ADD ("/overview/pixels", test_pixels);
  ADD ("/overview/selection-line", test_selection_line);
  ADD ("/overview/static-layer", test_static_layer);
  ADD ("/overview/session-swap", test_session_swap);
#undef ADD
  return g_test_run ();
}
