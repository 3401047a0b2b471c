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
/* Opens the timeline at @path in a window of its own (or raises the one
 * that shows it); a file that cannot be read is reported in @parent (or
 * the shipped timeline's window), which keeps what it shows. */
void           yp_application_open_path          (YpApplication *self,
                                                  const char    *path,
                                                  GtkWindow     *parent);
/* The file is read in a worker thread; a read that takes longer than
 * @delay_ms (300 by default; 0: at once) shows a window that says so. */
void           yp_application_set_opening_delay  (YpApplication *self,
                                                  int            delay_ms);
/* How many files are being read. */
guint          yp_application_get_n_opening      (YpApplication *self);
/* How many caches are being written for windows that show their
 * timeline as parsed (yp_cache_load_parsed_first()); *@waiting (may be
 * NULL): how many of them wait for their window's first frame. */
guint          yp_application_get_n_writing      (YpApplication *self,
                                                  guint         *waiting);

G_END_DECLS
