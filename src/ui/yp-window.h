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
GtkListView   *yp_window_get_source_list  (YpWindow       *self);
YpRecord      *yp_window_get_record       (YpWindow       *self);
YpSession     *yp_window_get_session      (YpWindow       *self);
YpTimeline    *yp_window_get_timeline     (YpWindow       *self);
GtkListView   *yp_window_get_event_list   (YpWindow       *self);
GtkStack      *yp_window_get_list_stack   (YpWindow       *self);
/* The selected event's citation buttons, each in a GtkFlowBoxChild. */
GtkFlowBox    *yp_window_get_citation_box (YpWindow       *self);
GtkSearchEntry *yp_window_get_search_entry (YpWindow      *self);
GtkListView   *yp_window_get_results_list (YpWindow       *self);
YpSearch      *yp_window_get_search       (YpWindow       *self);
gboolean       yp_window_set_filter       (YpWindow       *self,
                                           const char     *id,
                                           gboolean        active);
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
/* The banner's text when it is shown, else NULL. */
const char    *yp_window_get_banner_text  (YpWindow       *self);
/* The event as a citation, for the clipboard. */
char          *yp_window_dup_citation_text (YpWindow      *self,
                                            YpEvent       *event);

G_END_DECLS
