/* yp-window.h: the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "yp-article-view.h"
#include "yp-record.h"
#include "yp-search.h"
#include "yp-session.h"
#include "yp-timeline.h"

G_BEGIN_DECLS

#define YP_TYPE_WINDOW (yp_window_get_type ())

G_DECLARE_FINAL_TYPE (YpWindow, yp_window, YP, WINDOW, GtkApplicationWindow)

/* @record may be NULL when the timeline could not be loaded; @load_error
 * then says why, and the window shows it instead of the timeline. */
YpWindow      *yp_window_new              (GtkApplication *application,
                                           YpRecord       *record,
                                           const char     *load_error);
YpArticleView *yp_window_get_article_view (YpWindow       *self);
YpRecord      *yp_window_get_record       (YpWindow       *self);
YpSession     *yp_window_get_session      (YpWindow       *self);
YpTimeline    *yp_window_get_timeline     (YpWindow       *self);
/* The timeline file the window shows; @remember_state: its view persists
 * (the shipped timeline's does, other files' do not). */
void           yp_window_set_path         (YpWindow       *self,
                                           const char     *path,
                                           gboolean        remember_state);
const char    *yp_window_get_path         (YpWindow       *self);
/* A file that could not be opened, said in the banner and kept in the
 * problems list; the window keeps what it shows. */
void           yp_window_report_open_error (YpWindow      *self,
                                            const char    *message);
/* The event as a citation, for the clipboard. */
char          *yp_window_dup_citation_text (YpWindow      *self,
                                            YpEvent       *event);

G_END_DECLS
