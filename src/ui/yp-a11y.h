/* yp-a11y.h: small helpers for what screen readers read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Names @row and the list item around it "@first, @second" (@second may
 * be NULL): GTK 4.8 gives a list view's items no name of their own, and a
 * screen reader announces the item, not the labels inside it. */
void yp_a11y_name_row (GtkWidget  *row,
                       const char *first,
                       const char *second);

/* Makes @list one stop of the Tab chain: Tab and Shift+Tab leave it, the
 * arrows move inside. GTK 4.8's list views and list boxes make every row
 * a stop, so that Tab walks the whole list (all the events of a timeline)
 * before it reaches the controls after it. */
void yp_a11y_one_tab_stop (GtkWidget *list);

G_END_DECLS
