/* yp-overview.h: the whole timeline in a strip, with the visible window on it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "yp-session.h"

G_BEGIN_DECLS

#define YP_TYPE_OVERVIEW (yp_overview_get_type ())

G_DECLARE_FINAL_TYPE (YpOverview, yp_overview, YP, OVERVIEW, GtkWidget)

/* The "context" half of focus + context: always the session's whole
 * bounds, with the eras as bands, the events as a density histogram, the
 * selected event as a line and the visible window as a rectangle that can
 * be dragged (move), resized at its edges and zoomed with the wheel. */
GtkWidget  *yp_overview_new             (void);
void        yp_overview_set_session     (YpOverview *self,
                                         YpSession  *session);
YpSession  *yp_overview_get_session     (YpOverview *self);
/* Where @time falls in the widget at its current width (0 before the
 * first allocation or without a session). */
double      yp_overview_time_to_x       (YpOverview *self,
                                         double      time);

/* For tests: the input logic the controllers call, without the
 * controllers. A drag pressed at @x0 and moved by @dx (0: a click), and
 * one wheel step of @dy (negative: up, zoom in) with the pointer at @x. */
void        yp_overview_test_drag       (YpOverview *self,
                                         double      x0,
                                         double      dx);
void        yp_overview_test_scroll     (YpOverview *self,
                                         double      x,
                                         double      dy);

G_END_DECLS
