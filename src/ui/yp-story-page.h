/* yp-story-page.h: what the reading pane holds at launch: the story
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "yp-record.h"
#include "yp-source-row.h"

G_BEGIN_DECLS

#define YP_TYPE_STORY_PAGE (yp_story_page_get_type ())

G_DECLARE_FINAL_TYPE (YpStoryPage, yp_story_page, YP, STORY_PAGE, GtkWidget)

/* The story's title, its span and number of events, its sources (outlet,
 * headline and date; activating one emits "source-activated") and how to
 * start exploring it. */
GtkWidget  *yp_story_page_new           (void);
void        yp_story_page_set_record    (YpStoryPage *self,
                                         YpRecord    *record);
const char *yp_story_page_get_title     (YpStoryPage *self);
/* "November 2023 – July 2025 · 38 events" */
const char *yp_story_page_get_span      (YpStoryPage *self);
/* The rows of the sources listed (at most a few; the Sources tab lists
 * them all). */
guint       yp_story_page_get_n_sources (YpStoryPage *self);
YpSourceRow *yp_story_page_get_source_row (YpStoryPage *self,
                                           guint        index);

G_END_DECLS
