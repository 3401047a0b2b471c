/* yp-opening-window.h: shown while a large timeline is being opened
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define YP_TYPE_OPENING_WINDOW (yp_opening_window_get_type ())

G_DECLARE_FINAL_TYPE (YpOpeningWindow, yp_opening_window, YP, OPENING_WINDOW, GtkWindow)

/* A small window that says which file is being opened, pulses until it
 * is told how far the opening is, counts the
 * seconds since @started (g_get_monotonic_time()) and offers Cancel.
 * Cancel, Escape or closing it emits "cancelled" once; its owner then
 * destroys it. */
YpOpeningWindow *yp_opening_window_new      (GtkApplication  *app,
                                             GtkWindow       *parent,
                                             const char      *path,
                                             gint64           started);
const char      *yp_opening_window_get_path (YpOpeningWindow *self);
/* How far the opening is, from 0 to 1 (a YpDocumentLoader's fraction):
 * the bar stops pulsing and shows it. */
void             yp_opening_window_set_fraction (YpOpeningWindow *self,
                                                 double           fraction);

G_END_DECLS
