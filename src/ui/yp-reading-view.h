/* yp-reading-view.h: a text view that keeps a readable line length
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define YP_TYPE_READING_VIEW (yp_reading_view_get_type ())

G_DECLARE_FINAL_TYPE (YpReadingView, yp_reading_view, YP, READING_VIEW, GtkTextView)

GtkWidget *yp_reading_view_new (void);

G_END_DECLS
