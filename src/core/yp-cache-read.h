/* yp-cache-read.h: reading a cache file back, every value checked: a
 * row's check, the meta table and the record's parts; private to
 * src/core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * With yp-cache-rows.h (the sources and events, made as they are asked
 * for), the one place that turns the cache's rows into objects. Every
 * value is checked against its column's kind (yp-cache-db.h: type, NULL,
 * UTF-8 without NUL) and what the loader would have allowed in its
 * place; a value that fails makes the read fail with
 * YP_ERROR_CACHE_DAMAGED and a message naming the table, the row and the
 * column.
 */
#pragma once

#include "yp-actor.h"
#include "yp-cache-db.h"
#include "yp-era.h"
#include "yp-problem.h"

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

G_END_DECLS
