/* yp-test-ui.c: what the widget tests share (see yp-test-ui.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "yp-application-private.h"
#include "yp-test-ui.h"
#include "yp-window-private.h"

gint64
yp_test_wait_deadline (void)
{
  return g_get_monotonic_time () + YP_TEST_WAIT_SECONDS * G_USEC_PER_SEC;
}

gboolean
yp_test_wait_step (gint64 deadline)
{
  if (g_get_monotonic_time () > deadline)
    return FALSE;
  /* Not a busy loop: the worker threads share the cores with us. */
  if (!g_main_context_iteration (NULL, FALSE))
    g_usleep (500);
  return TRUE;
}

void
yp_test_settle (void)
{
  gint64 deadline = yp_test_wait_deadline ();

  while (g_main_context_pending (NULL))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("the main context never settled");
      g_main_context_iteration (NULL, FALSE);
    }
}

static void
painted_cb (GdkFrameClock *clock,
            gboolean      *painted)
{
  *painted = TRUE;
}

void
yp_test_wait_for_frame (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gboolean painted = FALSE;
  gulong id;

  g_assert_nonnull (clock);
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (painted_cb), &painted);
  gtk_widget_queue_draw (widget);
  YP_TEST_WAIT_UNTIL (painted);
  g_signal_handler_disconnect (clock, id);
}

/* Some widget of the application's that is mapped, to wait for its frame. */
static GtkWidget *
any_mapped_window (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* GTK's own */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) w = g_list_model_get_item (toplevels, i);

      if (gtk_widget_get_mapped (w))
        return w;
    }
  return NULL;
}

void
yp_test_xdo (const char *args)
{
  g_autofree char *cmd = g_strdup_printf ("xdotool %s", args);
  g_autofree char *err = NULL;
  g_auto(GStrv) argv = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *window;
  int status = 0;

  g_test_message ("%s", cmd);
  g_assert_true (g_shell_parse_argv (cmd, NULL, &argv, NULL));
  g_spawn_sync (NULL, argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                NULL, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s", cmd, err);
  /* xdotool has waited for the server to take its input; a round trip
   * of ours puts the events it made in our queue, and GDK hands them to
   * the widgets at the start of the next frame. Two frames: what they
   * start (a click's selection) is drawn by the second. */
  gdk_display_sync (gdk_display_get_default ());
  window = any_mapped_window ();
  if (window != NULL)
    {
      yp_test_wait_for_frame (window);
      yp_test_wait_for_frame (window);
    }
  else
    yp_test_settle ();
}

static gboolean
is_gone (GtkWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* GTK's own */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

      if ((gpointer) w == (gpointer) window)
        return FALSE;
    }
  return TRUE;
}

YpWindow *
yp_test_present_window (YpApplication *app)
{
  GtkWindow *window;

  g_application_activate (G_APPLICATION (app));
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_true (YP_IS_WINDOW (window));
  YP_TEST_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window)));
  /* The event list gets its model after the window's first frame. */
  YP_TEST_WAIT_UNTIL (gtk_list_view_get_model (yp_window_get_event_list (YP_WINDOW (window))) != NULL);
  /* A first open writes its cache after the first frame: until then a
   * search goes through the events in memory, ranked a little
   * differently, and a test's folder must not go while it is written. */
  YP_TEST_WAIT_UNTIL (yp_application_get_n_writing (app, NULL) == 0);
  /* Selecting before the panes are allocated once left one blank (with
   * a GTK warning, fatal here): a frame lays them out. */
  yp_test_wait_for_frame (GTK_WIDGET (window));
  return YP_WINDOW (window);
}

YpWindow *
yp_test_present_fresh_window (YpApplication *app)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  g_settings_reset (settings, "visible-start");
  g_settings_reset (settings, "visible-end");
  g_settings_reset (settings, "selected-event");
  return yp_test_present_window (app);
}

void
yp_test_show_crisis (YpWindow *window)
{
  yp_session_set_visible (yp_window_get_session (window), 1700092800, 1700697600);
  yp_test_wait_for_frame (GTK_WIDGET (yp_window_get_timeline (window)));
}

/* The scroll positions of all that scrolls in @widget, in tree order. */
static void
collect_scroll_positions (GtkWidget *widget,
                          GArray    *values)
{
  if (GTK_IS_SCROLLABLE (widget))
    {
      GtkAdjustment *h = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (widget));
      GtkAdjustment *v = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (widget));
      double x = h ? gtk_adjustment_get_value (h) : 0, y = v ? gtk_adjustment_get_value (v) : 0;

      g_array_append_val (values, x);
      g_array_append_val (values, y);
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    collect_scroll_positions (c, values);
}

/* Waits until nothing in @window scrolls any more (the same positions
 * before and after a frame): GTK 4.8 logs a critical when a widget is
 * unmapped in the middle of an animated scroll. */
static void
wait_scrolls_at_rest (GtkWindow *window)
{
  g_autoptr(GArray) before = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) after = g_array_new (FALSE, FALSE, sizeof (double));
  gint64 deadline = yp_test_wait_deadline ();

  if (!gtk_widget_get_mapped (GTK_WIDGET (window)))
    return;
  collect_scroll_positions (GTK_WIDGET (window), after);
  do
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("the window's scrolling never came to rest");
      g_array_set_size (before, 0);
      g_array_append_vals (before, after->data, after->len);
      yp_test_wait_for_frame (GTK_WIDGET (window));
      g_array_set_size (after, 0);
      collect_scroll_positions (GTK_WIDGET (window), after);
    }
  /* An empty GArray's data is NULL, which memcmp() must not be given. */
  while (before->len != after->len ||
         (before->len > 0 && memcmp (before->data, after->data, before->len * sizeof (double)) != 0));
}

void
yp_test_close_window (GtkWindow *window)
{
  wait_scrolls_at_rest (window);
  gtk_window_close (window);
  YP_TEST_WAIT_UNTIL (is_gone (window));
  yp_test_settle ();
}

void
yp_test_destroy_window (GtkWindow *window)
{
  wait_scrolls_at_rest (window);
  gtk_window_destroy (window);
  YP_TEST_WAIT_UNTIL (is_gone (window));
  yp_test_settle ();
}
