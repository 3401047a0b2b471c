/* yp-cache-read-private.h: the row checks that yp-cache-read.c and
 * yp-cache-rows.c share; private to those two
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A row is stepped to, checked column by column against its table's
 * kinds (yp_cache_read_check_row()), and only then handed on; a value
 * its kind allows but its meaning does not is reported with
 * yp_cache_read_damaged(), naming the table, the row and the column.
 */
#pragma once

#include "yp-cache-read.h"

G_BEGIN_DECLS

static inline const char *
yp_cache_read_text (sqlite3_stmt *st,
                    int           col)
{
  return (const char *) sqlite3_column_text (st, col);
}

/* Sets @error to a value that its kind allows but its meaning does not. */
G_GNUC_PRINTF (5, 6)
gboolean      yp_cache_read_damaged        (GError        **error,
                                            YpCacheTable    table,
                                            gint64          row,
                                            guint           column,
                                            const char     *format,
                                            ...);

/* Steps @st, a SELECT of every column of @table, and checks the row it
 * lands on: SQLITE_ROW, SQLITE_DONE, or SQLITE_ERROR with @error set. */
int           yp_cache_read_step_row       (sqlite3_stmt   *st,
                                            YpCacheTable    table,
                                            gint64          row,
                                            GError        **error);

/* A SELECT of every column of @table, then @tail. */
sqlite3_stmt *yp_cache_read_prepare_select (sqlite3        *db,
                                            YpCacheTable    table,
                                            const char     *tail,
                                            gboolean        persistent,
                                            GError        **error);

/* Takes the row @st is on, its columns checked: FALSE with @error set
 * stops the read. */
typedef gboolean (*YpCacheRowFunc) (sqlite3_stmt  *st,
                                    gint64         row,
                                    gpointer       data,
                                    GError       **error);

/* Every row @st, a SELECT of every column of @table, steps to, checked
 * and handed to @func. */
gboolean      yp_cache_read_each_row       (sqlite3_stmt   *st,
                                            YpCacheTable    table,
                                            YpCacheRowFunc  func,
                                            gpointer        data,
                                            GError        **error);

/* Every row of @table, in the order @tail gives, as
 * yp_cache_read_each_row(). */
gboolean      yp_cache_read_rows           (sqlite3        *db,
                                            YpCacheTable    table,
                                            const char     *tail,
                                            YpCacheRowFunc  func,
                                            gpointer        data,
                                            GError        **error);

G_END_DECLS
