/* yp-cache-read.h: reading a cache file back, every value checked; private
 * to src/core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one place that turns the cache's rows into objects. Every value is
 * checked against its column's kind (yp-cache-db.h: type, NULL, UTF-8
 * without NUL) and what the loader would have allowed in its place; a
 * value that fails makes the read fail with YP_ERROR_CACHE_DAMAGED and a
 * message naming the table, the row and the column.
 */
#pragma once

#include "yp-actor.h"
#include "yp-cache-db.h"
#include "yp-era.h"
#include "yp-event.h"
#include "yp-problem.h"
#include "yp-source.h"

G_BEGIN_DECLS

/* Checks every column of the row @st is on, a row of @table whose
 * result columns are the table's (yp_cache_db_select_sql()). @row names
 * the row in the message. */
gboolean  yp_cache_read_check_row (YpCacheTable   table,
                                   sqlite3_stmt  *st,
                                   gint64         row,
                                   GError       **error);

/* The rows of meta, key -> value; NULL with @error when one fails its
 * checks or the table cannot be read. */
GHashTable *yp_cache_read_meta    (sqlite3       *db,
                                   GError       **error);

/* Everything of a record but its sources and events. */
typedef struct {
  char      *title_ko;
  char      *title_en;
  GPtrArray *problems;   /* YpProblem */
  GPtrArray *actors;     /* YpActor */
  GPtrArray *eras;       /* YpEra */
} YpCacheParts;

/* Reads @parts from @db. */
gboolean  yp_cache_read_parts     (sqlite3       *db,
                                   YpCacheParts  *parts,
                                   GError       **error);
void      yp_cache_parts_clear    (YpCacheParts  *parts);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (YpCacheParts, yp_cache_parts_clear)

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
