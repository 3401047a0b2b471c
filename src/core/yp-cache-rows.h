/* yp-cache-rows.h: a cache's sources and events, made one at a time as
 * a list asks for them; private to src/core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each row is checked as yp-cache-read.h says before anything is made
 * from it; a row that fails marks the cache damaged.
 */
#pragma once

#include "yp-cache-db.h"
#include "yp-event.h"
#include "yp-source.h"

G_BEGIN_DECLS

/* A cache's sources, read as they are asked for: opening costs the
 * same whatever the size of their texts. */
typedef struct _YpCacheSources YpCacheSources;

/* Readies the statements that make sources. NULL with @error when the
 * rows are not numbered from 0 or (@check_all: small caches) when any
 * row fails the checks making its source would make. */
YpCacheSources *yp_cache_sources_open    (YpCacheDb      *db,
                                          gboolean        check_all,
                                          GError        **error);
void            yp_cache_sources_free    (YpCacheSources *self);
guint           yp_cache_sources_get_size (YpCacheSources *self);
/* The source at @position (file order). A row that fails its checks
 * marks the cache damaged and gives a placeholder source, as
 * yp_cache_events_make() does. */
YpSource       *yp_cache_sources_make    (YpCacheSources *self,
                                          guint           position);
/* The position the cache gives @id, or G_MAXUINT; the caller checks that
 * the source there has it. */
guint           yp_cache_sources_find_id (YpCacheSources *self,
                                          const char     *id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (YpCacheSources, yp_cache_sources_free)

/* A cache's events, read as they are asked for. */
typedef struct _YpCacheEvents YpCacheEvents;

/* Reads the packed arrays of every event (into @anchors, @starts, @ends,
 * gint64 by position) and the categories (into @categories, char *) and
 * readies the statements that make events, whose citations are checked
 * against their sources' rows (a few sources' lengths are kept).
 * @check_all: check every event's rows now, as making it would (small
 * caches), so that damage is found while the cache can still be
 * rebuilt; otherwise each event's are checked when it is made. */
YpCacheEvents *yp_cache_events_open   (YpCacheDb   *db,
                                       gboolean     check_all,
                                       GArray      *anchors,
                                       GArray      *starts,
                                       GArray      *ends,
                                       GPtrArray   *categories,
                                       GError     **error);
void          yp_cache_events_free    (YpCacheEvents *self);
guint         yp_cache_events_get_size (YpCacheEvents *self);
YpCacheDb    *yp_cache_events_get_db  (YpCacheEvents *self);
/* The event at @position, whose times are @anchor, @start and @end (the
 * list's arrays), its strings in @pool (NULL: the one all the events
 * made share; the event keeps a reference). A row that fails its checks marks the cache damaged
 * (yp_cache_db_set_damaged()) and gives a placeholder event that says
 * so: a list model cannot fail to give an item it counted. */
YpEvent      *yp_cache_events_make    (YpCacheEvents *self,
                                       YpStrPool     *pool,
                                       guint          position,
                                       gint64         anchor,
                                       gint64         start,
                                       gint64         end);
/* The position the cache gives @id, or G_MAXUINT; the caller checks that
 * the event there has it. */
guint         yp_cache_events_find_id (YpCacheEvents *self,
                                       const char    *id);
/* The positions (guint, ascending) of the events that have one of
 * @categories ("" for none), one of @actors and cite one of @sources;
 * NULL or empty sets keep everything. */
GArray       *yp_cache_events_filter  (YpCacheEvents *self,
                                       GHashTable    *categories,
                                       GHashTable    *actors,
                                       GHashTable    *sources);
typedef void (*YpCacheCitationFunc) (guint                 position,
                                     guint                 index,
                                     const YpCitationInfo *citation,
                                     gpointer              user_data);
/* Calls @func for each citation of source @source_id, by position and
 * then in the event's order. */
void          yp_cache_events_foreach_citation_of (YpCacheEvents       *self,
                                       const char          *source_id,
                                       YpCacheCitationFunc  func,
                                       gpointer             user_data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (YpCacheEvents, yp_cache_events_free)

G_END_DECLS
