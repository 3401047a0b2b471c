/* test-file-bytes.c: how a timeline's bytes are read from disk: read or
 * mapped, pages handed back, and a file that changes meanwhile refused
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "yp-error.h"
#include "yp-file-bytes-private.h"
#include "yp-import.h"
#include "yp-yeonpyo-reader.h"

/* A figure of /proc/self/smaps_rollup, in kB. */
static guint64
rollup_kb (const char *field)
{
  g_autofree char *text = NULL;
  g_autofree char *key = g_strconcat ("\n", field, ":", NULL);
  const char *line;

  g_assert_true (g_file_get_contents ("/proc/self/smaps_rollup", &text, NULL, NULL));
  line = strstr (text, key);
  g_assert_nonnull (line);
  return g_ascii_strtoull (line + strlen (key), NULL, 10);
}

/* Resident memory of this process, in kB. */
static guint64
resident_kb (void)
{
  return rollup_kb ("Rss");
}

static char *
write_temp_file (const char *name,
                 gsize       length,
                 char      **dir_out)
{
  g_autofree char *dir = g_dir_make_tmp ("yp-bytes-XXXXXX", NULL);
  g_autofree char *data = g_malloc (length);
  g_autoptr(GError) error = NULL;
  char *path;

  g_assert_nonnull (dir);
  /* Bytes that differ page to page, none of them NUL. */
  for (gsize i = 0; i < length; i++)
    data[i] = 'A' + (i / 4096 + i) % 26;
  path = g_build_filename (dir, name, NULL);
  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);
  *dir_out = g_steal_pointer (&dir);
  return path;
}

/* Reads @path, mapped (as a file over 64 MB is) or not. */
static YpFileBytes *
read_path (const char *path,
           gboolean    map)
{
  g_autoptr(GError) error = NULL;
  YpFileBytes *bytes;

  if (map)
    yp_file_bytes_set_map_bytes (0);
  bytes = yp_file_bytes_read (path, &error);
  yp_file_bytes_set_map_bytes (YP_FILE_MAP_BYTES);
  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  g_assert_cmpint (yp_file_bytes_is_mapped (bytes), ==, map);
  return bytes;
}

/* The bytes are the file's, a NUL follows them even when the file ends
 * on a page boundary, and an unchanged file is said to be unchanged;
 * read into memory or mapped alike. */
static void
test_contents (void)
{
  gsize page = sysconf (_SC_PAGESIZE);
  const gsize lengths[] = { 1, page - 1, page, 2 * page, 3 * page + 17 };

  for (guint map = 0; map < 2; map++)
    for (guint k = 0; k < G_N_ELEMENTS (lengths); k++)
      {
        g_autofree char *dir = NULL;
        g_autofree char *path = write_temp_file ("f", lengths[k], &dir);
        g_autofree char *expected = NULL;
        g_autoptr(GError) error = NULL;
        gsize length, expected_length;
        YpFileBytes *bytes = read_path (path, map);
        const char *data = yp_file_bytes_get_data (bytes, &length);

        g_file_get_contents (path, &expected, &expected_length, NULL);
        g_assert_cmpuint (length, ==, lengths[k]);
        g_assert_cmpmem (data, length, expected, expected_length);
        g_assert_cmpint (data[length], ==, '\0');
        g_assert_true (yp_file_bytes_finish (path, bytes, &error));
        g_assert_no_error (error);
        g_unlink (path);
        g_rmdir (dir);
      }
}

/* A large file is mapped from a private copy: the file itself is never
 * mapped, so nobody else can cut short what is mapped. */
static void
test_mapped_from_copy (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = write_temp_file ("mapped-file", 64 * 1024, &dir);
  g_autofree char *maps = NULL;
  YpFileBytes *bytes = read_path (path, TRUE);

  g_assert_true (g_file_get_contents ("/proc/self/maps", &maps, NULL, NULL));
  g_assert_null (strstr (maps, "mapped-file"));
  g_assert_nonnull (strstr (maps, "(deleted)"));
  g_assert_true (yp_file_bytes_finish (path, bytes, NULL));
  g_unlink (path);
  g_rmdir (dir);
}

/* Pages read are handed back, and read again as they were. */
static void
test_release (void)
{
  const gsize length = 32 * 1024 * 1024;
  g_autofree char *dir = NULL;
  g_autofree char *path = write_temp_file ("f", length, &dir);
  guint64 before, touched, released;
  YpFileBytes *bytes = read_path (path, TRUE);
  const char *data = yp_file_bytes_get_data (bytes, NULL);
  guint sum = 0, again = 0;

  before = resident_kb ();
  for (gsize i = 0; i < length; i += 4096)
    sum += (guchar) data[i];
  touched = resident_kb ();
  yp_file_bytes_release (data, 0, length);
  released = resident_kb ();
  g_test_message ("resident: %" G_GUINT64_FORMAT " kB, %" G_GUINT64_FORMAT " kB after reading 32 MB, "
                  "%" G_GUINT64_FORMAT " kB after handing it back", before, touched, released);
  g_assert_cmpuint (touched, >=, before + 30 * 1024);
  g_assert_cmpuint (released + 30 * 1024, <=, touched);
  for (gsize i = 0; i < length; i += 4096)
    again += (guchar) data[i];
  g_assert_cmpuint (again, ==, sum);
  g_assert_true (yp_file_bytes_finish (path, bytes, NULL));
  g_unlink (path);
  g_rmdir (dir);
}

/* A file cut short after it was read: what was read stays as it was (no
 * SIGBUS for a mapped one), and the file is refused as changed. A file
 * written in place (same size, new time) is refused too. */
static void
test_changed (void)
{
  const gsize length = 1024 * 1024;
  struct timespec times[2] = { { 1000000000, 0 }, { 1000000000, 0 } };

  for (guint map = 0; map < 2; map++)
    {
      g_autofree char *dir = NULL;
      g_autofree char *path = write_temp_file ("f", length, &dir);
      g_autoptr(GError) error = NULL;
      YpFileBytes *bytes = read_path (path, map);
      const char *data = yp_file_bytes_get_data (bytes, NULL);
      char middle = data[length / 2];

      g_assert_cmpint (middle, !=, '\0');
      /* Read again from the copy, not from the file cut short. */
      if (map)
        yp_file_bytes_release (data, 0, length);
      g_assert_cmpint (truncate (path, 100), ==, 0);
      g_assert_cmpint (data[length / 2], ==, middle);
      g_assert_cmpint (data[length - 1], !=, '\0');
      g_assert_false (yp_file_bytes_finish (path, bytes, &error));
      g_assert_error (error, YP_ERROR, YP_ERROR_CHANGED);
      g_assert_true (g_str_has_prefix (error->message, path));
      g_clear_error (&error);

      g_assert_cmpint (truncate (path, length), ==, 0);
      bytes = read_path (path, map);
      g_assert_cmpint (utimensat (AT_FDCWD, path, times, 0), ==, 0);
      /* An error already set gives way: it may only be the change. */
      g_set_error_literal (&error, YP_ERROR, YP_ERROR_SYNTAX, "a parse error");
      g_assert_false (yp_file_bytes_finish (path, bytes, &error));
      g_assert_error (error, YP_ERROR, YP_ERROR_CHANGED);
      g_clear_error (&error);

      /* Saved over, as an editor does: what was read is the old file,
       * unchanged, but the path names another one now. */
      bytes = read_path (path, map);
      {
        g_autofree char *tmp = g_strconcat (path, ".new", NULL);

        g_assert_true (g_file_set_contents (tmp, "{}", -1, NULL));
        g_assert_cmpint (g_rename (tmp, path), ==, 0);
      }
      g_assert_false (yp_file_bytes_finish (path, bytes, &error));
      g_assert_error (error, YP_ERROR, YP_ERROR_CHANGED);
      g_unlink (path);
      g_rmdir (dir);
    }
}

/* Cuts the timeline short when the first event is read, or the first
 * of the second pass (after the restart). */
typedef struct {
  const char *path;
  gboolean    after_restart;
  gboolean    restarted;
  gboolean    cut;
  guint       n_events;
} Cut;

static gboolean
cut_begin (guint    n_events,
           guint64  file_bytes,
           guint64  kept_bytes,
           gpointer user_data)
{
  return TRUE;
}

static gboolean
cut_event (const YpEventInfo *info,
           gpointer           user_data,
           GError           **error)
{
  Cut *cut = user_data;

  cut->n_events++;
  if (!cut->cut && (!cut->after_restart || cut->restarted))
    {
      g_assert_cmpint (truncate (cut->path, 10), ==, 0);
      cut->cut = TRUE;
    }
  return TRUE;
}

static gboolean
cut_restart (gpointer  user_data,
             GError  **error)
{
  Cut *cut = user_data;

  cut->restarted = TRUE;
  return TRUE;
}

/* @text, a timeline, with its first two events swapped: one event out of
 * date order, so that a streaming read starts over once. */
static char *
swap_first_events (const char *text)
{
  g_autoptr(JsonNode) root = json_from_string (text, NULL);
  g_autoptr(JsonArray) swapped = json_array_new ();
  JsonArray *events;

  g_assert_nonnull (root);
  events = json_object_get_array_member (json_node_get_object (root), "events");
  g_assert_cmpuint (json_array_get_length (events), >=, 2);
  for (guint i = 0; i < json_array_get_length (events); i++)
    json_array_add_element (swapped, json_node_copy (json_array_get_element (events, i == 0 ? 1 : i == 1 ? 0 : i)));
  json_object_set_array_member (json_node_get_object (root), "events", json_array_ref (swapped));
  return json_to_string (root, FALSE);
}

/* A mapped timeline cut short while its events are read: no SIGBUS, the
 * file is refused as changed, by name, and nothing is left mapped. (It
 * was mapped from a private copy, which is read whole.) */
static void
test_map_timeline_cut_short (void)
{
  g_autofree char *src = g_test_build_filename (G_TEST_DIST, "..", "data", "timeline.json", NULL);
  g_autofree char *src_seeds = g_test_build_filename (G_TEST_DIST, "..", "seeds", NULL);
  g_autofree char *dir = g_dir_make_tmp ("yp-map-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "timeline.json", NULL);
  g_autofree char *seeds = g_build_filename (dir, "seeds", NULL);
  g_autofree char *text = NULL;
  g_autofree char *late = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GDir) d = NULL;
  const char *name;
  Cut cut = { path, FALSE, FALSE, FALSE, 0 };
  YpEventSink sink = { cut_begin, cut_event, cut_restart, &cut };
  gsize text_length;

  g_assert_true (g_file_get_contents (src, &text, &text_length, NULL));
  g_assert_true (g_file_set_contents (path, text, text_length, NULL));
  g_mkdir (seeds, 0700);
  d = g_dir_open (src_seeds, 0, NULL);
  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *from = g_build_filename (src_seeds, name, NULL);
      g_autofree char *to = g_build_filename (seeds, name, NULL);
      g_autofree char *bytes = NULL;
      gsize n;

      g_assert_true (g_file_get_contents (from, &bytes, &n, NULL));
      g_assert_true (g_file_set_contents (to, bytes, n, NULL));
    }

  /* Cut as the first pass reads the events, then as the second does,
   * in a copy with one event out of date order (the shipped timeline is
   * in date order and is read in one pass). */
  late = swap_first_events (text);
  expected = g_strdup_printf ("%s: the file changed while it was being read; open it again once it is saved", path);
  for (guint k = 0; k < 2; k++)
    {
      g_autoptr(YpRecord) record = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *maps = NULL;

      g_assert_true (g_file_set_contents (path, k == 1 ? late : text, k == 1 ? -1 : (gssize) text_length, NULL));
      cut = (Cut) { path, k == 1, FALSE, FALSE, 0 };
      /* Mapped as a timeline over 64 MB is. */
      yp_file_bytes_set_map_bytes (0);
      record = yp_import_load_file_streaming (path, NULL, &sink, &error);
      yp_file_bytes_set_map_bytes (YP_FILE_MAP_BYTES);
      g_assert_null (record);
      g_assert_true (cut.cut);
      g_assert_cmpint (cut.restarted, ==, k == 1);
      g_assert_nonnull (error);
      g_test_message ("cut in pass %u after %u events: %s", k + 1, cut.n_events, error->message);
      g_assert_cmpstr (error->message, ==, expected);
      g_assert_error (error, YP_ERROR, YP_ERROR_CHANGED);
      /* Nothing is left mapped. */
      g_assert_true (g_file_get_contents ("/proc/self/maps", &maps, NULL, NULL));
      g_assert_null (strstr (maps, path));
      g_assert_null (strstr (maps, "(deleted)"));
    }

  g_clear_pointer (&d, g_dir_close);
  d = g_dir_open (seeds, 0, NULL);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *child = g_build_filename (seeds, name, NULL);
      g_unlink (child);
    }
  g_rmdir (seeds);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/file-bytes/contents", test_contents);
  g_test_add_func ("/file-bytes/mapped-from-copy", test_mapped_from_copy);
  g_test_add_func ("/file-bytes/release", test_release);
  g_test_add_func ("/file-bytes/changed", test_changed);
  g_test_add_func ("/file-bytes/timeline-cut-short", test_map_timeline_cut_short);
  return g_test_run ();
}
