/* yp-event-list-private.h: a list over a cache, for the cache's units and
 * search; private to src/core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "yp-cache-db.h"
#include "yp-event-list.h"

G_BEGIN_DECLS

/* A list over the cache @db (a reference is taken). NULL with @error
 * (YP_ERROR_CACHE_DAMAGED) when the packed arrays are missing, of the
 * wrong size, or out of order, or (@check_all) when a row of any event
 * fails its checks. */
YpEventList *yp_event_list_new_for_cache (YpCacheDb    *db,
                                          gboolean      check_all,
                                          GError      **error);
/* The cache whose index search may use: the one a lazy list reads, or
 * the one written for a list kept in memory (set with
 * yp_event_list_set_cache_db()). NULL when there is none. */
YpCacheDb   *yp_event_list_get_cache_db  (YpEventList  *self);
void         yp_event_list_set_cache_db  (YpEventList  *self,
                                          YpCacheDb    *db);

G_END_DECLS
