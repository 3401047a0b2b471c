/* yp-search-result.h: one search result: an event or an article passage,
 * with a snippet of its text and the terms marked in it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  YP_SEARCH_RESULT_EVENT,     /* an event's title or summary matched */
  YP_SEARCH_RESULT_PASSAGE,   /* a paragraph of an article matched */
} YpSearchResultKind;

#define YP_TYPE_SEARCH_RESULT (yp_search_result_get_type ())

G_DECLARE_FINAL_TYPE (YpSearchResult, yp_search_result, YP, SEARCH_RESULT, GObject)

YpSearchResultKind yp_search_result_get_kind        (YpSearchResult *self);
/* The event (EVENT) or the source (PASSAGE). */
const char        *yp_search_result_get_id          (YpSearchResult *self);
/* EVENT: the event's position in the record's events model (found
 * without making the event); PASSAGE: G_MAXUINT. */
guint              yp_search_result_get_position    (YpSearchResult *self);
/* A short stretch of text around the match. */
const char        *yp_search_result_get_snippet     (YpSearchResult *self);
/* Where the terms are in the snippet: pairs of character offsets
 * [start, end), sorted. */
const guint       *yp_search_result_get_spans       (YpSearchResult *self,
                                                     guint          *n_spans);
/* PASSAGE: the first match, in characters of the source's body text. */
guint              yp_search_result_get_body_start  (YpSearchResult *self);
guint              yp_search_result_get_body_end    (YpSearchResult *self);

G_END_DECLS
