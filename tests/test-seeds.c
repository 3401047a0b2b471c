/* test-seeds.c: the shipped seeds are the publishers' files, byte for byte
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>

static char *
seeds_dir (void)
{
  return g_test_build_filename (G_TEST_DIST, "..", "seeds", NULL);
}

static void
test_checksums_match (void)
{
  g_autofree char *dir = seeds_dir ();
  g_autofree char *sums_path = g_build_filename (dir, "SHA256SUMS", NULL);
  g_autofree char *sums = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  guint checked = 0;

  g_file_get_contents (sums_path, &sums, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (sums, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) parts = NULL;
      g_autofree char *path = NULL;
      g_autofree char *data = NULL;
      g_autofree char *actual = NULL;
      gsize len;

      if (*lines[i] == '\0')
        continue;
      parts = g_strsplit (lines[i], "  ", 2);
      g_assert_cmpuint (g_strv_length (parts), ==, 2);
      path = g_build_filename (dir, parts[1], NULL);
      g_file_get_contents (path, &data, &len, &error);
      g_assert_no_error (error);
      actual = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, len);
      g_test_message ("%s %s", parts[1], actual);
      g_assert_cmpstr (actual, ==, parts[0]);
      checked++;
    }
  g_assert_cmpuint (checked, ==, 5);
}

static void
test_no_other_files (void)
{
  g_autofree char *dir = seeds_dir ();
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      if (g_str_equal (name, "SHA256SUMS"))
        continue;
      g_assert_true (g_str_has_suffix (name, ".txt"));
      n++;
    }
  g_assert_cmpuint (n, ==, 5);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/seeds/checksums-match", test_checksums_match);
  g_test_add_func ("/seeds/no-other-files", test_no_other_files);
  return g_test_run ();
}
