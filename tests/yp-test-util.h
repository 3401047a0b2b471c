/* yp-test-util.h: helpers the tests share: paths of the test data, private
 * copies of the shipped timeline, and the removal of what a test wrote
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "yp-record.h"

G_BEGIN_DECLS

/* The shipped timeline, data/timeline.json of the source tree. */
char       *yp_test_shipped_path      (void);
/* tests/data/@name. */
char       *yp_test_data_path         (const char *name);

/* Copies @from to @to, failing the test on any error. */
void        yp_test_copy_file         (const char *from,
                                       const char *to);
/* Copies the shipped timeline (as timeline.json) and its seeds/ folder
 * into @dir; returns the copy's path. */
char       *yp_test_copy_shipped      (const char *dir);
/* Removes @path and, if it is a folder, all it holds, making folders
 * writable first (tests take permissions away). Links are removed, never
 * followed. */
void        yp_test_remove_tree       (const char *path);

/* Replaces *@cache_dir (in @dir) with a folder no cache can be written
 * to: made read-only, or, for root, who writes through permissions, a
 * path under a plain file. */
void        yp_test_block_cache_dir   (const char  *dir,
                                       char       **cache_dir);

/* For g_ptr_array_sort() of strings. */
int         yp_test_compare_names     (gconstpointer a,
                                       gconstpointer b);
/* The characters [@start, @end) of @text. */
char       *yp_test_slice             (const char *text,
                                       guint       start,
                                       guint       end);

/* The cache file the record's events are read from (or were written to,
 * for search), or NULL. */
const char *yp_test_record_cache_path (YpRecord   *record);

G_END_DECLS
