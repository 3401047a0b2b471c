/* mime-guess.c: prints the content type GIO guesses for each file, from
 * its name and its first bytes, as a file manager would
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "yp-mime-guess"

#include <gio/gio.h>

int
main (int   argc,
      char *argv[])
{
  for (int i = 1; i < argc; i++)
    {
      g_autofree char *data = NULL;
      g_autofree char *type = NULL;
      g_autoptr(GError) error = NULL;
      gsize length = 0;

      if (!g_file_get_contents (argv[i], &data, &length, &error))
        {
          g_printerr ("mime-guess: %s\n", error->message);
          return 1;
        }
      type = g_content_type_guess (argv[i], (const guchar *) data, MIN (length, 4096), NULL);
      g_print ("%s\n", type);
    }
  return 0;
}
