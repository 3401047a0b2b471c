/* yp-search.h: full-text search over events and article passages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "yp-record.h"
#include "yp-search-result.h"

G_BEGIN_DECLS

/* The most characters of a query that are searched: yp_search_run()
 * cuts a longer text (a paste) there, and the window's search entry
 * holds no more. Enough for any phrase; it keeps a keystroke's work
 * small however much is pasted. */
#define YP_SEARCH_MAX_CHARS 256

/* What a user typed, split into terms. Terms of three characters or more
 * go into an FTS5 MATCH expression for a trigram index as the trigrams
 * that cover them (every third and the last), each a quoted string (so
 * quotes, operators, "*", parentheses and keywords are text, never
 * syntax), all joined by AND: every row that holds the terms matches, and
 * the texts must be checked for the terms themselves. Shorter ones, which
 * a trigram index cannot look up, are returned in @short_terms (may be
 * NULL). Returns NULL when no term is long enough (then @short_terms alone
 * decide). Never fails. */
char              *yp_search_build_match            (const char  *text,
                                                     GPtrArray  **short_terms);
/* @term as a LIKE pattern that matches it anywhere, with %, _ and the
 * escape character escaped (use ESCAPE '\'). */
char              *yp_search_like_pattern           (const char  *term);

#define YP_TYPE_SEARCH (yp_search_get_type ())

G_DECLARE_FINAL_TYPE (YpSearch, yp_search, YP, SEARCH, GObject)

/* Searches @record: through its cache's FTS5 indexes when it was read from
 * a cache file, else by scanning the texts in memory. */
YpSearch          *yp_search_new                    (YpRecord    *record);
/* Events first (best first), then article passages; at most @limit.
 * Matching ignores ASCII case. Empty or blank text gives no results;
 * only the first YP_SEARCH_MAX_CHARS characters of @text are searched. */
GPtrArray         *yp_search_run                    (YpSearch    *self,
                                                     const char  *text,
                                                     guint        limit,
                                                     GError     **error);
/* TRUE when it searches through the cache's FTS5 index. */
gboolean           yp_search_uses_index             (YpSearch    *self);
/* Whether the index was opened already (yp_search_uses_index() or a
 * search did), without opening it. */
gboolean           yp_search_is_index_open          (YpSearch    *self);

G_END_DECLS
