/* canary.c: proves the sanitizer run still catches our own bugs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * build-aux/run-tests.sh builds this with the sanitizer flags and runs it
 * with the suite's ASAN_OPTIONS, LSAN_OPTIONS (lsan.supp) and
 * UBSAN_OPTIONS before the suite itself:
 *   canary leak      leaks strings and GObjects, as our code could;
 *                    LeakSanitizer must report canary_leak and fail (GObjects
 *                    only with G_SLICE=always-malloc, which the run sets)
 *   canary overflow  overflows a signed integer; UBSan must stop it
 * A suppression broad enough to hide either (say, all of libglib) makes
 * the run fail.
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include <glib-object.h>

G_GNUC_NO_INLINE static void
canary_leak (void)
{
  gsize total = 0;

  /* A hundred strings and objects, each lost when the next one is made:
   * LeakSanitizer scans conservatively, and a stale copy of the last
   * pointer may survive somewhere, but not of all of them. */
  for (guint i = 0; i < 100; i++)
    {
      char *text = g_strdup_printf ("leaked on purpose %u", i);
      GObject *object = g_object_new (G_TYPE_OBJECT, NULL);

      total += strlen (text) + (object != NULL);
    }
  fprintf (stderr, "%" G_GSIZE_FORMAT " bytes lost\n", total);
}

/* Overwrites the stack canary_leak() used, so that no stale copy of its
 * pointers keeps the memory reachable for LeakSanitizer's scan. */
G_GNUC_NO_INLINE static void
scrub_stack (void)
{
  volatile char buf[16 * 1024];

  memset ((char *) buf, 0, sizeof buf);
}

G_GNUC_NO_INLINE static int
canary_overflow (int n)
{
  return INT_MAX - 1 + n;
}

int
main (int   argc,
      char *argv[])
{
  if (argc > 1 && strcmp (argv[1], "leak") == 0)
    {
      canary_leak ();
      scrub_stack ();
    }
  else if (argc > 1 && strcmp (argv[1], "overflow") == 0)
    printf ("%d\n", canary_overflow (argc));
  return 0;
}
