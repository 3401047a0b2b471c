/* yp-export-dialog.h: choose a format and a scale, then export the timeline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "yp-timeline.h"

G_BEGIN_DECLS

typedef enum {
  YP_EXPORT_FORMAT_PNG,
  YP_EXPORT_FORMAT_SVG,
} YpExportFormat;

#define YP_TYPE_EXPORT_FORMAT (yp_export_format_get_type ())
GType yp_export_format_get_type (void);

#define YP_TYPE_EXPORT_DIALOG (yp_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (YpExportDialog, yp_export_dialog, YP, EXPORT_DIALOG, GtkWindow)

/* A modal dialog over @parent for the timeline as it is on screen: the
 * format (PNG, SVG), the scale (1×, 2×, 3×) and the resulting size;
 * "Export…" asks where with a file chooser (in Pictures, named after the
 * story), writes the file and closes.
 * A failure stays in the dialog, as a message above its buttons. */
GtkWidget     *yp_export_dialog_new           (GtkWindow      *parent,
                                               YpTimeline     *timeline);
YpExportFormat yp_export_dialog_get_format    (YpExportDialog *self);
void           yp_export_dialog_set_format    (YpExportDialog *self,
                                               YpExportFormat  format);
guint          yp_export_dialog_get_scale     (YpExportDialog *self);
void           yp_export_dialog_set_scale     (YpExportDialog *self,
                                               guint           scale);
/* "1180 × 402 px": what the file will measure. */
const char    *yp_export_dialog_get_size_text (YpExportDialog *self);
/* The message shown for the last failure, or NULL. */
const char    *yp_export_dialog_get_error     (YpExportDialog *self);
/* Writes @path in the current format and scale, without the file chooser
 * (and without closing); on failure the dialog shows why. */
gboolean       yp_export_dialog_export_to     (YpExportDialog *self,
                                               const char     *path);
/* Where "Export…" proposes to save: the Pictures folder, a name made of
 * the story's title and the format's extension. A successful export
 * emits "saved" with the file. */
GFile         *yp_export_dialog_dup_default_file (YpExportDialog *self);
/* @title (the story's) as a file name with @extension, in the user's
 * @directory (made if the user dirs name it and it is missing; the home
 * folder if they name none). */
GFile         *yp_export_default_file         (GUserDirectory  directory,
                                               const char     *title,
                                               const char     *extension);

G_END_DECLS
