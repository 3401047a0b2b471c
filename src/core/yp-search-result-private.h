/* yp-search-result-private.h: finding a query's terms in a text and
 * making a result there, for yp-search.c; private to src/core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Matching ignores ASCII case: the terms are lowered once, and lowering
 * ASCII keeps the byte offsets, so a match maps back to the text.
 */
#pragma once

#include "yp-search-result.h"

G_BEGIN_DECLS

typedef struct {
  GPtrArray *lowered;   /* the terms, ASCII-lowered */
} YpSearchTerms;

/* Where @term (ASCII-lowered) first is in @text (may be NULL), ignoring
 * ASCII case, or NULL. Nothing is copied. */
const char     *yp_search_find_term           (const char          *text,
                                               const char          *term);
/* Whether @text holds every one of @terms. */
gboolean        yp_search_contains_all        (const char          *text,
                                               const YpSearchTerms *terms);
/* A result whose snippet is the part of @text around the first match of
 * @terms, every term in it marked; @text_offset: where @text starts in
 * the source's body text, in characters (PASSAGE), for the body span. */
YpSearchResult *yp_search_result_new_for_text (YpSearchResultKind   kind,
                                               const char          *id,
                                               guint                position,
                                               const char          *text,
                                               const YpSearchTerms *terms,
                                               guint                text_offset);

G_END_DECLS
