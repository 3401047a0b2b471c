/* yp-test-ui.h: what the widget tests share: waiting for a state rather
 * than for a time, frames, X input through xdotool, and the app's windows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "yp-application.h"
#include "yp-window.h"

G_BEGIN_DECLS

/* How long a wait may take before the test fails: generous, for builds
 * under a sanitizer on a loaded machine. A wait that succeeds takes only
 * as long as the state takes to arrive. */
#define YP_TEST_WAIT_SECONDS 20

gint64    yp_test_wait_deadline     (void);
/* Runs the main context once (or sleeps briefly if nothing is ready);
 * FALSE once @deadline has passed. */
gboolean  yp_test_wait_step         (gint64 deadline);

/* Iterates the main context until @expr holds; fails the test, naming
 * @expr, if it does not within YP_TEST_WAIT_SECONDS. */
#define YP_TEST_WAIT_UNTIL(expr) \
  G_STMT_START { \
    gint64 yp_wait_deadline_ = yp_test_wait_deadline (); \
    while (!(expr)) \
      if (!yp_test_wait_step (yp_wait_deadline_)) \
        { \
          g_assertion_message (G_LOG_DOMAIN, __FILE__, __LINE__, G_STRFUNC, \
                               "waited in vain for: " #expr); \
          break; \
        } \
  } G_STMT_END

/* Runs what the main context has ready, until nothing is. */
void      yp_test_settle            (void);
/* Redraws @widget and waits until that frame is painted: by then its
 * input is handled and its layout done. */
void      yp_test_wait_for_frame    (GtkWidget *widget);

/* Runs xdotool with @args and waits until the input it sent has reached
 * the widgets (a round trip to the X server, then a frame). */
void      yp_test_xdo               (const char *args);

/* Activates @app and waits until its window is mapped, its event list
 * has its model, no cache is being written (each test starts with its
 * cache in place) and a frame is painted (the panes are allocated). */
YpWindow *yp_test_present_window    (YpApplication *app);
/* Shows 16-23 November 2023 (UTC), the shipped timeline's crowded week,
 * and waits until the timeline has drawn it. */
void      yp_test_show_crisis       (YpWindow *window);
/* The same, after resetting the view that earlier windows saved (visible
 * range, selected event). */
YpWindow *yp_test_present_fresh_window (YpApplication *app);
/* Closes @window as the user would (its close-request handler saves
 * its state), or destroys it without that, and waits until it is gone.
 * Both first wait until nothing in it is scrolling. */
void      yp_test_close_window      (GtkWindow *window);
void      yp_test_destroy_window    (GtkWindow *window);

G_END_DECLS
