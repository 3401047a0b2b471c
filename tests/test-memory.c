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
  return g_test_run ();
}
