/* yp-search-private.h: search's query handling, for the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "yp-search.h"

G_BEGIN_DECLS

/* yp_search_build_match(), adding to *@steps the characters its trigram
 * walk stepped over and the trigrams it wrote: linear in @text's length. */
char *yp_search_build_match_counted (const char  *text,
                                     GPtrArray  **short_terms,
                                     guint64     *steps);
/* The first YP_SEARCH_MAX_CHARS characters of @text ("" when it is not
 * valid UTF-8), as yp_search_run() searches them. */
char *yp_search_cap_query           (const char  *text);

G_END_DECLS
