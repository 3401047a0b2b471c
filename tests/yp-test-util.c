/* yp-test-util.c: helpers the tests share (see yp-test-util.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "yp-cache-db.h"
#include "yp-event-list-private.h"
#include "yp-event-list.h"
#include "yp-test-util.h"

char *
yp_test_shipped_path (void)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "timeline.json", NULL);
}

char *
yp_test_data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", name, NULL);
}

void
yp_test_copy_file (const char *from,
                   const char *to)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;

  g_file_get_contents (from, &data, &len, &error);
  g_assert_no_error (error);
  g_file_set_contents (to, data, len, &error);
  g_assert_no_error (error);
}

char *
yp_test_copy_shipped (const char *dir)
{
  g_autofree char *src_data = yp_test_shipped_path ();
  g_autofree char *src_seeds = g_test_build_filename (G_TEST_DIST, "..", "seeds", NULL);
  g_autofree char *seeds = g_build_filename (dir, "seeds", NULL);
  char *timeline = g_build_filename (dir, "timeline.json", NULL);
  g_autoptr(GDir) d = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;

  g_assert_cmpint (g_mkdir (seeds, 0700), ==, 0);
  yp_test_copy_file (src_data, timeline);
  d = g_dir_open (src_seeds, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *from = g_build_filename (src_seeds, name, NULL);
      g_autofree char *to = g_build_filename (seeds, name, NULL);

      yp_test_copy_file (from, to);
    }
  return timeline;
}

void
yp_test_remove_tree (const char *path)
{
  g_autoptr(GDir) d = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_SYMLINK) && g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_chmod (path, 0700);
      d = g_dir_open (path, 0, NULL);
    }
  if (d == NULL)
    {
      g_unlink (path);
      return;
    }
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      yp_test_remove_tree (child);
    }
  g_rmdir (path);
}

void
yp_test_block_cache_dir (const char  *dir,
                         char       **cache_dir)
{
  if (geteuid () == 0)
    {
      g_autofree char *blocker = g_build_filename (dir, "blocker", NULL);

      g_assert_true (g_file_set_contents (blocker, "x", 1, NULL));
      g_free (*cache_dir);
      *cache_dir = g_build_filename (blocker, "cache", NULL);
    }
  else
    g_assert_cmpint (g_mkdir (*cache_dir, 0500), ==, 0);
}

int
yp_test_compare_names (gconstpointer a,
                       gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

char *
yp_test_slice (const char *text,
               guint       start,
               guint       end)
{
  const char *s = g_utf8_offset_to_pointer (text, start);
  const char *e = g_utf8_offset_to_pointer (text, end);

  return g_strndup (s, e - s);
}

const char *
yp_test_record_cache_path (YpRecord *record)
{
  YpCacheDb *db = yp_event_list_get_cache_db (YP_EVENT_LIST (yp_record_get_events (record)));

  return db ? yp_cache_db_get_path (db) : NULL;
}
