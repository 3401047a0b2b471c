/* yp-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define YP_TYPE_APPLICATION (yp_application_get_type ())

G_DECLARE_FINAL_TYPE (YpApplication, yp_application, YP, APPLICATION, GtkApplication)

YpApplication *yp_application_new                (void);
/* The timeline shipped with the app: $YEONPYO_DATADIR/timeline.json when
 * set (uninstalled runs, tests), else the installed one. */
char          *yp_application_dup_timeline_path  (void);
/* The file named by @entry of the "recent-files" setting (a file: URI,
 * or an absolute path as older versions wrote them), or NULL. */
char          *yp_application_dup_recent_path    (const char    *entry);
/* Opens the timeline at @path in a window of its own (or raises the one
 * that shows it); a file that cannot be read is reported in @parent (or
 * the shipped timeline's window), which keeps what it shows. */
void           yp_application_open_path          (YpApplication *self,
                                                  const char    *path,
                                                  GtkWindow     *parent);
/* The renderer to ask GTK for before the display opens: "cairo" on GTK
 * versions whose GL renderer drops parts of small Hangul glyphs (4.8 and
 * older, @gtk_minor), NULL to leave GTK's choice; never when the user set
 * GSK_RENDERER (@user_renderer non-NULL). */
const char *yp_application_pick_renderer (guint       gtk_minor,
                                          const char *user_renderer);

G_END_DECLS
