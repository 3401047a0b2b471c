/* yp-article-view.h: the reading pane for one source article
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "yp-record.h"

G_BEGIN_DECLS

#define YP_TYPE_ARTICLE_VIEW (yp_article_view_get_type ())

G_DECLARE_FINAL_TYPE (YpArticleView, yp_article_view, YP, ARTICLE_VIEW, GtkWidget)

GtkWidget  *yp_article_view_new               (void);
/* The record gives the quotes to highlight: every citation of the open
 * source by any event. */
void        yp_article_view_set_record        (YpArticleView *self,
                                               YpRecord      *record);
void        yp_article_view_set_source        (YpArticleView *self,
                                               YpSource      *source);
YpSource   *yp_article_view_get_source        (YpArticleView *self);
void        yp_article_view_set_show_original (YpArticleView *self,
                                               gboolean       show_original);
gboolean    yp_article_view_get_show_original (YpArticleView *self);
/* Opens the citation's source, marks the passage as the current one and
 * scrolls it into view. */
void        yp_article_view_show_citation     (YpArticleView *self,
                                               YpEvent       *event,
                                               guint          index);
/* Opens @source and marks [@body_start, @body_end) of its body as found
 * (a search result), scrolled into view. */
void        yp_article_view_show_passage      (YpArticleView *self,
                                               YpSource      *source,
                                               guint          body_start,
                                               guint          body_end);
/* The passage marked found, or NULL. */
char       *yp_article_view_dup_found         (YpArticleView *self);
/* For tests: the text of the reading pane, and the passages highlighted. */
char       *yp_article_view_dup_text          (YpArticleView *self);
guint       yp_article_view_get_n_highlights  (YpArticleView *self);
char       *yp_article_view_dup_highlight     (YpArticleView *self,
                                               guint          index,
                                               char         **event_id);
/* Where highlight @index starts on screen, in the view's coordinates
 * (for tests that click it); FALSE when it is not laid out. */
gboolean    yp_article_view_get_highlight_area (YpArticleView   *self,
                                                guint            index,
                                                graphene_rect_t *area);
gboolean    yp_article_view_get_current_area   (YpArticleView   *self,
                                                graphene_rect_t *area);
/* The highlighted passage that is current, or NULL. */
char       *yp_article_view_dup_current       (YpArticleView *self);

G_END_DECLS
