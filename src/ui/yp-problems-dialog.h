/* yp-problems-dialog.h: what went wrong reading the timeline file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define YP_TYPE_PROBLEMS_DIALOG (yp_problems_dialog_get_type ())

G_DECLARE_FINAL_TYPE (YpProblemsDialog, yp_problems_dialog, YP, PROBLEMS_DIALOG, GtkWindow)

/* A modal dialog over @parent listing @text (one problem a line); an
 * empty @text says there is none. Escape and Ctrl+W close it. */
GtkWidget  *yp_problems_dialog_new      (GtkWindow        *parent,
                                         const char       *text);
const char *yp_problems_dialog_get_text (YpProblemsDialog *self);

G_END_DECLS
