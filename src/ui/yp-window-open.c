/* yp-window-open.c: opening other timelines from the window: the recent
 * files menu, files dropped on the window, the path a window shows and
 * the files that could not be opened
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each timeline opens in a window of its own, through the application
 * (yp_application_open_path()); a window only offers the ways in and
 * says, in its banner, what failed.
 */
#define G_LOG_DOMAIN "yp-window-open"

#include "config.h"

#include <glib/gi18n.h>

#include "yp-application.h"
#include "yp-format.h"
#include "yp-window-private.h"

static void
drop_enter_cb (YpWindow *self)
{
  gtk_widget_add_css_class (GTK_WIDGET (self), "drop-hover");
}

static void
drop_leave_cb (YpWindow *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self), "drop-hover");
}

static void
update_recent_menu (YpWindow *self)
{
  g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-files");

  g_menu_remove_all (self->recent_menu);
  guint n = 0;

  for (guint i = 0; recent[i] != NULL; i++)
    {
      g_autofree char *path = yp_application_dup_recent_path (recent[i]);
      g_autofree char *name = NULL;
      g_autoptr(GMenuItem) item = NULL;

      if (path == NULL)
        continue;
      /* The file name as text, whatever its bytes; the target is the
       * entry itself, UTF-8 as every setting is. */
      name = g_filename_display_basename (path);
      item = g_menu_item_new (name, NULL);
      g_menu_item_set_action_and_target_value (item, "app.open-recent", g_variant_new_string (recent[i]));
      g_menu_append_item (self->recent_menu, item);
      n++;
    }
  if (n == 0)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_("No Recent Timelines"), "win.nothing");
      g_menu_append_item (self->recent_menu, item);
    }
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         YpWindow      *self)
{
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  files = g_value_get_boxed (value);
  for (GSList *l = files; l != NULL; l = l->next)
    {
      g_autofree char *path = g_file_get_path (l->data);

      if (path != NULL)
        yp_application_open_path (YP_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))),
                                  path, GTK_WINDOW (self));
      else
        {
          g_autofree char *uri = g_file_get_uri (l->data);
          g_autofree char *message = g_strdup_printf (_("%s: only local files can be opened"), uri);
          yp_window_report_open_error (self, message);
        }
    }
  return TRUE;
}

/* The recent files menu, kept in step with the setting. */
void
_yp_window_setup_recent (YpWindow *self)
{
  update_recent_menu (self);
  g_signal_connect_object (self->settings, "changed::recent-files",
                           G_CALLBACK (update_recent_menu), self, G_CONNECT_SWAPPED);
}

/* Timeline files dropped on the window open in windows of their own. */
void
_yp_window_setup_drop (YpWindow *self)
{
  GtkDropTarget *drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  g_signal_connect (drop, "drop", G_CALLBACK (drop_cb), self);
  g_signal_connect_swapped (drop, "enter", G_CALLBACK (drop_enter_cb), self);
  g_signal_connect_swapped (drop, "leave", G_CALLBACK (drop_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}

void
yp_window_set_path (YpWindow   *self,
                    const char *path,
                    gboolean    remember_state)
{
  g_autofree char *title = NULL;
  const char *name;

  g_return_if_fail (YP_IS_WINDOW (self));

  g_free (self->path);
  self->path = g_strdup (path);
  self->remember_state = remember_state;
  if (!remember_state)
    {
      /* Another timeline: named in the title; its view starts whole. */
      name = self->record ? yp_record_get_title (self->record, yp_content_lang ()) : NULL;
      if (name == NULL || *name == '\0')
        {
          g_autofree char *base = g_filename_display_basename (path);
          title = g_strdup_printf ("%s — %s", base, _("Yeonpyo"));
        }
      else
        title = g_strdup_printf ("%s — %s", name, _("Yeonpyo"));
      gtk_window_set_title (GTK_WINDOW (self), title);
      yp_session_select (self->session, NULL);
      yp_session_zoom_to_fit (self->session);
      if (self->article_view != NULL)
        yp_article_view_set_source (self->article_view, NULL);
    }
}

const char *
yp_window_get_path (YpWindow *self)
{
  g_return_val_if_fail (YP_IS_WINDOW (self), NULL);
  return self->path;
}

void
yp_window_report_open_error (YpWindow   *self,
                             const char *message)
{
  g_return_if_fail (YP_IS_WINDOW (self));

  g_ptr_array_add (self->open_errors, g_strdup (message));
  _yp_window_update_banner (self);
}
