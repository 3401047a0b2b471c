/* test-contrast.c: the timeline's colours meet WCAG AA, light and dark
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The timeline reads its colours from the theme in css_changed; the test
 * asks it for the colours it paints its marks with (yp_timeline_get_inks),
 * in GTK's Adwaita and Adwaita dark, and composites each over the view's
 * base and over the stronger era band the way the painting does. Text
 * (labels, a search miss's labels, counts) needs 4.5:1; marks, bars and
 * the focus ring 3:1.
 */
#include "config.h"

#include <math.h>

#include <gtk/gtk.h>

#include "yp-test-ui.h"
#include "yp-timeline-private.h"

/* @top over the opaque @bottom. */
static GdkRGBA
over (const GdkRGBA *top,
      const GdkRGBA *bottom)
{
  return (GdkRGBA) { top->red * top->alpha + bottom->red * (1 - top->alpha),
                     top->green * top->alpha + bottom->green * (1 - top->alpha),
                     top->blue * top->alpha + bottom->blue * (1 - top->alpha), 1 };
}

static double
channel (double c)
{
  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

static double
luminance (const GdkRGBA *c)
{
  return 0.2126 * channel (c->red) + 0.7152 * channel (c->green) + 0.0722 * channel (c->blue);
}

static double
ratio (const GdkRGBA *a,
       const GdkRGBA *b)
{
  double la = luminance (a), lb = luminance (b);

  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

static void
check (const char    *style,
       const char    *what,
       const GdkRGBA *fg,
       const GdkRGBA *bg,
       double         needed)
{
  GdkRGBA top = over (fg, bg);
  double r = ratio (&top, bg);
  g_autofree char *a = gdk_rgba_to_string (&top);
  g_autofree char *b = gdk_rgba_to_string (bg);

  g_test_message ("%s: %s %s on %s: %.2f:1 (needs %.1f)", style, what, a, b, r, needed);
  if (r < needed)
    g_test_fail_printf ("%s: %s %s on %s is %.2f:1, under %.1f:1", style, what, a, b, r, needed);
}

static void
check_style (gboolean dark)
{
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();
  const char *style = dark ? "dark" : "light";
  GtkWidget *window, *timeline;
  YpTimelineInks ink;
  GdkRGBA grounds[2], pill;

  gtk_css_provider_load_from_resource (provider, "/io/github/yeonpyo/Yeonpyo/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_set (gtk_settings_get_default (), "gtk-application-prefer-dark-theme", dark, NULL);
  window = gtk_window_new ();
  timeline = yp_timeline_new ();
  gtk_window_set_child (GTK_WINDOW (window), timeline);
  gtk_window_set_default_size (GTK_WINDOW (window), 600, 300);
  gtk_window_present (GTK_WINDOW (window));
  /* The inks are read from the theme when the style is first computed. */
  YP_TEST_WAIT_UNTIL (gtk_widget_get_mapped (timeline));
  yp_test_wait_for_frame (timeline);

  yp_timeline_get_inks (YP_TIMELINE (timeline), &ink);
  /* The style really is the one asked for. */
  g_assert_cmpint (luminance (&ink.background) < 0.2, ==, dark);

  grounds[0] = ink.background;
  grounds[1] = over (&ink.era_tint, &ink.background);
  for (guint i = 0; i < G_N_ELEMENTS (grounds); i++)
    {
      const GdkRGBA *bg = &grounds[i];
      g_autofree char *where = g_strdup_printf ("%s, %s", style, i == 0 ? "base" : "era band");
      GdkRGBA count_fill = over (&ink.count_fill, bg);
      GdkRGBA dimmed_count_fill = over (&ink.dimmed_count_fill, bg);

      check (where, "label", &ink.text, bg, 4.5);
      check (where, "label of a search miss", &ink.dimmed_text, bg, 4.5);
      check (where, "mark", &ink.mark, bg, 3);
      check (where, "mark of a search miss", &ink.dimmed_mark, bg, 3);
      check (where, "mark on the axis", &ink.axis_mark, bg, 3);
      check (where, "date span", &ink.span, bg, 3);
      check (where, "approximate date span", &ink.approximate_span, bg, 3);
      check (where, "count badge", &ink.count_fill, bg, 3);
      check (where, "count badge of search misses", &ink.dimmed_count_fill, bg, 3);
      check (where, "count", &ink.count_text, &count_fill, 4.5);
      check (where, "count of search misses", &ink.dimmed_count_text, &dimmed_count_fill, 4.5);
      check (where, "focus ring", &ink.focus_ring, bg, 3);
      pill = over (&ink.selected_pill, bg);
      check (where, "selected label", &ink.text, &pill, 4.5);
    }

  yp_test_destroy_window (GTK_WINDOW (window));
  gtk_style_context_remove_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider));
}

static void
test_light (void)
{
  check_style (FALSE);
}

static void
test_dark (void)
{
  check_style (TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GTK_THEME", "", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  g_test_add_func ("/contrast/light", test_light);
  g_test_add_func ("/contrast/dark", test_dark);
  return g_test_run ();
}
