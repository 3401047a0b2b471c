/* test-memory.c: the heap and large buffers in huge pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Whether the kernel gives huge pages is its own affair: in "madvise"
 * mode (Linux's default) only to memory marked for them, which is what
 * yp-memory.c does, so there the test can tell marked memory from
 * unmarked. In "always" mode every heap gets them, and in "never" mode
 * none, so nothing can be told apart: those skip, saying so.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "yp-import.h"
#include "yp-file-bytes-private.h"
#include "yp-yeonpyo-reader.h"
#include "yp-memory.h"

/* The kernel's mode, "madvise", "always" or "never"; NULL if unknown. */
static char *
thp_mode (void)
{
  g_autofree char *text = NULL;
  const char *open_bracket, *close_bracket;

  if (!g_file_get_contents ("/sys/kernel/mm/transparent_hugepage/enabled", &text, NULL, NULL) ||
      (open_bracket = strchr (text, '[')) == NULL || (close_bracket = strchr (open_bracket, ']')) == NULL)
    return NULL;
  return g_strndup (open_bracket + 1, close_bracket - open_bracket - 1);
}

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

/* The huge pages of anonymous memory this process holds, in kB. */
static guint64
anon_huge_kb (void)
{
  return rollup_kb ("AnonHugePages");
}

/* The huge pages of the mapping that holds @address, in kB. */
static guint64
anon_huge_kb_at (gconstpointer address)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  gboolean inside = FALSE;

  g_assert_true (g_file_get_contents ("/proc/self/smaps", &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      guint64 lo, hi;
      char *end;

      /* A mapping's first line: "lo-hi perms offset dev inode path". */
      lo = g_ascii_strtoull (lines[i], &end, 16);
      if (*end == '-' && end > lines[i])
        {
          hi = g_ascii_strtoull (end + 1, NULL, 16);
          inside = lo <= (uintptr_t) address && (uintptr_t) address < hi;
          continue;
        }
      if (inside && g_str_has_prefix (lines[i], "AnonHugePages:"))
        return g_ascii_strtoull (lines[i] + strlen ("AnonHugePages:"), NULL, 10);
    }
  g_assert_not_reached ();
  return 0;
}

/* Times the kernel was asked for a huge page at a fault and had none to
 * give (its memory too fragmented): then small pages say nothing of us. */
static guint64
thp_fallbacks (void)
{
  g_autofree char *text = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/vmstat", &text, NULL, NULL) ||
      (line = strstr (text, "\nthp_fault_fallback ")) == NULL)
    return 0;
  return g_ascii_strtoull (line + strlen ("\nthp_fault_fallback "), NULL, 10);
}

static gboolean
kernel_had_none (guint64 fallbacks_before)
{
  if (thp_fallbacks () == fallbacks_before)
    return FALSE;
  g_test_skip ("the kernel was asked for huge pages and had none free (thp_fault_fallback went up)");
  return TRUE;
}

static gboolean
can_tell (void)
{
  g_autofree char *mode = thp_mode ();

#ifdef __SANITIZE_ADDRESS__
  g_test_skip ("AddressSanitizer's allocator does not grow the heap with brk()");
  return FALSE;
#endif
  if (g_strcmp0 (mode, "madvise") != 0)
    {
      g_autofree char *why = g_strdup_printf ("the kernel's transparent huge pages are “%s”, not “madvise”: "
                                              "marked memory cannot be told from unmarked",
                                              mode ? mode : "unknown");
      g_test_skip (why);
      return FALSE;
    }
  return TRUE;
}

/* In a process of its own, before anything grows the heap much. */
static void
test_heap (void)
{
  g_autoptr(GPtrArray) blocks = g_ptr_array_new_with_free_func (g_free);
  guint64 before, fallbacks;

  if (!can_tell ())
    return;
  before = anon_huge_kb ();
  fallbacks = thp_fallbacks ();
  g_assert_true (yp_memory_use_huge_pages ());
  /* 16 MB in blocks small enough to come from the heap, touched. */
  for (guint i = 0; i < 256; i++)
    {
      char *b = g_malloc (64 * 1024);

      memset (b, i, 64 * 1024);
      g_ptr_array_add (blocks, b);
    }
  g_test_message ("AnonHugePages: %" G_GUINT64_FORMAT " kB, then %" G_GUINT64_FORMAT " kB", before, anon_huge_kb ());
  if (anon_huge_kb () < before + 4096 && kernel_had_none (fallbacks))
    return;
  g_assert_cmpuint (anon_huge_kb (), >=, before + 4096);
}

static void
test_large_buffer (void)
{
  gsize size = 3 * 1024 * 1024 + 17;
  g_autofree char *big = yp_memory_alloc_large (size);
  g_autofree char *small = yp_memory_alloc_large (1000);

  /* On a 2 MB boundary, whatever the kernel does with the advice. */
  g_assert_cmpuint ((uintptr_t) big % (2 * 1024 * 1024), ==, 0);
  guint64 fallbacks;

  small[999] = 'x';
  if (!can_tell ())
    return;
  fallbacks = thp_fallbacks ();
  memset (big, 'y', size);
  if (anon_huge_kb_at (big) < 2048 && kernel_had_none (fallbacks))
    return;
  g_assert_cmpuint (anon_huge_kb_at (big), >=, 2048);
}

/* After test_heap: memory freed in the heap is given back, and what is
 * allocated after still comes in huge pages. */
static void
test_give_back (void)
{
  g_autoptr(GPtrArray) blocks = g_ptr_array_new ();
  guint64 rss, fallbacks;

  if (!can_tell ())
    return;
  for (guint i = 0; i < 256; i++)
    {
      char *b = g_malloc (64 * 1024);

      memset (b, i, 64 * 1024);
      g_ptr_array_add (blocks, b);
    }
  for (guint i = 0; i < blocks->len; i++)
    g_free (blocks->pdata[i]);
  g_ptr_array_set_size (blocks, 0);
  rss = rollup_kb ("Rss");
  yp_memory_give_back ();
  g_test_message ("Rss: %" G_GUINT64_FORMAT " kB, then %" G_GUINT64_FORMAT " kB", rss, rollup_kb ("Rss"));
  g_assert_cmpuint (rollup_kb ("Rss") + 8 * 1024, <=, rss);

  rss = anon_huge_kb ();
  fallbacks = thp_fallbacks ();
  for (guint i = 0; i < 128; i++)
    {
      char *b = g_malloc (64 * 1024);

      memset (b, i, 64 * 1024);
      g_ptr_array_add (blocks, b);
    }
  if (anon_huge_kb () < rss + 4096 && kernel_had_none (fallbacks))
    return;
  g_assert_cmpuint (anon_huge_kb (), >=, rss + 4096);
  for (guint i = 0; i < blocks->len; i++)
    g_free (blocks->pdata[i]);
}

static void
test_small_pages_asked (void)
{
  g_setenv ("YEONPYO_SMALL_PAGES", "1", TRUE);
  g_assert_false (yp_memory_use_huge_pages ());
  g_unsetenv ("YEONPYO_SMALL_PAGES");
}

/* Mapped files */

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
  g_autofree char *dir = g_dir_make_tmp ("yp-map-XXXXXX", NULL);
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

static char *
map_path (const char *path,
          gsize      *length)
{
  struct stat st;
  char *data;
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (fstat (fd, &st), ==, 0);
  *length = st.st_size;
  data = yp_memory_map_file (fd, *length);
  close (fd);
  g_assert_nonnull (data);
  g_assert_true (yp_memory_is_mapped (data));
  return data;
}

/* The bytes are the file's, a NUL follows them even when the file ends
 * on a page boundary, and an unchanged file is said to be unchanged. */
static void
test_map_contents (void)
{
  gsize page = sysconf (_SC_PAGESIZE);
  const gsize lengths[] = { 1, page - 1, page, 2 * page, 3 * page + 17 };

  for (guint k = 0; k < G_N_ELEMENTS (lengths); k++)
    {
      g_autofree char *dir = NULL;
      g_autofree char *path = write_temp_file ("f", lengths[k], &dir);
      g_autofree char *expected = NULL;
      gsize length, expected_length;
      char *data = map_path (path, &length);

      g_file_get_contents (path, &expected, &expected_length, NULL);
      g_assert_cmpuint (length, ==, lengths[k]);
      g_assert_cmpmem (data, length, expected, expected_length);
      g_assert_cmpint (data[length], ==, '\0');
      g_assert_false (yp_memory_file_changed (data));
      yp_memory_unmap_file (data);
      g_unlink (path);
      g_rmdir (dir);
    }
  /* What was not mapped is not taken for a mapping. */
  {
    g_autofree char *plain = g_strdup ("x");

    g_assert_false (yp_memory_is_mapped (plain));
    g_assert_false (yp_memory_file_changed (plain));
  }
}

/* Pages read are handed back, and read again as they were. */
static void
test_map_release (void)
{
  const gsize length = 32 * 1024 * 1024;
  g_autofree char *dir = NULL;
  g_autofree char *path = write_temp_file ("f", length, &dir);
  guint64 before, touched, released;
  gsize mapped_length;
  char *data = map_path (path, &mapped_length);
  guint sum = 0, again = 0;

  before = resident_kb ();
  for (gsize i = 0; i < length; i += 4096)
    sum += (guchar) data[i];
  touched = resident_kb ();
  yp_memory_release_pages (data, 0, length);
  released = resident_kb ();
  g_test_message ("resident: %" G_GUINT64_FORMAT " kB, %" G_GUINT64_FORMAT " kB after reading 32 MB, "
                  "%" G_GUINT64_FORMAT " kB after handing it back", before, touched, released);
  g_assert_cmpuint (touched, >=, before + 30 * 1024);
  g_assert_cmpuint (released + 30 * 1024, <=, touched);
  for (gsize i = 0; i < length; i += 4096)
    again += (guchar) data[i];
  g_assert_cmpuint (again, ==, sum);
  g_assert_false (yp_memory_file_changed (data));
  yp_memory_unmap_file (data);
  g_unlink (path);
  g_rmdir (dir);
}

/* A file cut short while it is mapped: reading past its new end gives
 * zeros instead of SIGBUS, and the file is said to have changed. A file
 * written in place (same size, new time) is said to have changed too. */
static void
test_map_cut_short (void)
{
  const gsize length = 1024 * 1024;
  g_autofree char *dir = NULL;
  g_autofree char *path = write_temp_file ("f", length, &dir);
  struct timespec times[2] = { { 1000000000, 0 }, { 1000000000, 0 } };
  gsize mapped_length;
  char *data = map_path (path, &mapped_length);

  g_assert_cmpint (data[length / 2], !=, '\0');
  yp_memory_release_pages (data, 0, length);
  g_assert_cmpint (truncate (path, 100), ==, 0);
  g_assert_cmpint (data[10], !=, '\0');
  g_assert_cmpint (data[length / 2], ==, '\0');
  g_assert_cmpint (data[length - 1], ==, '\0');
  g_assert_true (yp_memory_file_changed (data));
  yp_memory_unmap_file (data);

  g_assert_cmpint (truncate (path, length), ==, 0);
  data = map_path (path, &mapped_length);
  g_assert_false (yp_memory_file_changed (data));
  g_assert_cmpint (utimensat (AT_FDCWD, path, times, 0), ==, 0);
  g_assert_true (yp_memory_file_changed (data));
  yp_memory_unmap_file (data);
  g_unlink (path);
  g_rmdir (dir);
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
 * file is refused as changed, by name, and nothing is left mapped. */
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
      /* Nothing is left mapped. */
      g_assert_true (g_file_get_contents ("/proc/self/maps", &maps, NULL, NULL));
      g_assert_null (strstr (maps, path));
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
  g_test_init (&argc, &argv, NULL);
  /* The buffer first: the heap's huge pages would hold it after. */
  g_test_add_func ("/memory/large-buffer", test_large_buffer);
  g_test_add_func ("/memory/heap", test_heap);
  g_test_add_func ("/memory/give-back", test_give_back);
  g_test_add_func ("/memory/small-pages-asked", test_small_pages_asked);
  g_test_add_func ("/memory/map-contents", test_map_contents);
  g_test_add_func ("/memory/map-release", test_map_release);
  g_test_add_func ("/memory/map-cut-short", test_map_cut_short);
  g_test_add_func ("/memory/map-timeline-cut-short", test_map_timeline_cut_short);
  return g_test_run ();
}
