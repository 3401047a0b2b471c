/* yp-compare-dialog.h: the sources of one event side by side
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "yp-record.h"

G_BEGIN_DECLS

#define YP_TYPE_COMPARE_DIALOG (yp_compare_dialog_get_type ())

G_DECLARE_FINAL_TYPE (YpCompareDialog, yp_compare_dialog, YP, COMPARE_DIALOG, GtkWindow)

/* A modal dialog over @parent with one column per source that @event
 * cites: outlet, headline, when it was written, and the passages cited.
 * Escape and Ctrl+W close it. */
GtkWidget *yp_compare_dialog_new         (GtkWindow       *parent,
                                          YpRecord        *record,
                                          YpEvent         *event);
guint      yp_compare_dialog_get_n_columns (YpCompareDialog *self);
/* The heading of column @index: the outlet, or the headline if the file
 * names no outlet. */
const char *yp_compare_dialog_get_heading  (YpCompareDialog *self,
                                            guint            index);

G_END_DECLS
