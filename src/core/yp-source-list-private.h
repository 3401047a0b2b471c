/* yp-source-list-private.h: a list over a cache, for the cache's units;
 * private to src/core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "yp-cache-db.h"
#include "yp-source-list.h"

G_BEGIN_DECLS

/* A list over the cache @db (a reference is taken). NULL with @error
 * (YP_ERROR_CACHE_DAMAGED) when the rows are not numbered from 0, or
 * (@check_all) when a row of any source fails its checks. */
YpSourceList *yp_source_list_new_for_cache (YpCacheDb  *db,
                                            gboolean    check_all,
                                            GError    **error);

G_END_DECLS
