/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "yeonpyo"

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "yp-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(YpApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("YEONPYO_LOCALEDIR") ? g_getenv ("YEONPYO_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Before the display opens: GTK picks its renderer then. */
  {
    const char *renderer = yp_application_pick_renderer (gtk_get_minor_version (), g_getenv ("GSK_RENDERER"));

    if (renderer != NULL)
      g_setenv ("GSK_RENDERER", renderer, FALSE);
  }
  app = yp_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
