/* fuzz-main.c: runs a fuzz harness over files, without libFuzzer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Linked with each harness in ordinary builds (gcc, -Dfuzzing=false), so
 * that the seed corpus is replayed by `meson test` (and under ASan by
 * build-aux/run-tests.sh) and the harnesses keep compiling. Arguments are
 * files or folders of files; each file is one input.
 */
#include <stdint.h>
#include <stdio.h>

#include <glib.h>

#include "yp-test-util.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static guint n_inputs;

static void
run_path (const char *path)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, &error);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const char *name;

      g_assert_no_error (error);
      while ((name = g_dir_read_name (dir)) != NULL)
        g_ptr_array_add (names, g_build_filename (path, name, NULL));
      g_ptr_array_sort (names, yp_test_compare_names);
      for (guint i = 0; i < names->len; i++)
        run_path (g_ptr_array_index (names, i));
      return;
    }
  g_file_get_contents (path, &data, &length, &error);
  g_assert_no_error (error);
  /* An exact copy, not NUL-terminated, as libFuzzer hands it over. */
  {
    g_autofree guint8 *copy = g_memdup2 (data, length);
    LLVMFuzzerTestOneInput (copy, length);
  }
  n_inputs++;
}

int
main (int   argc,
      char *argv[])
{
  for (int i = 1; i < argc; i++)
    run_path (argv[i]);
  fprintf (stderr, "%u inputs ran without a failure\n", n_inputs);
  return n_inputs > 0 ? 0 : 1;
}
