/* yp-window-actions.c: the main window's actions ("win.*"), and the
 * shortcuts that trigger them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "yp-window-actions"

#include "config.h"

#include <glib/gi18n.h>

#include "yp-application.h"
#include "yp-compare-dialog.h"
#include "yp-export-dialog.h"
#include "yp-export.h"
#include "yp-format.h"
#include "yp-print.h"
#include "yp-problems-dialog.h"
#include "yp-window-private.h"

/* The shortcuts window (win.show-help-overlay, Ctrl+?) is made when it is
 * first asked for. GTK would build it, some 80 widgets, along with every
 * main window, from the resource it looks for (gtk/help-overlay.ui): ours
 * is in the resource under another name. The action is the window's own,
 * so GTK adds none when it is given the shortcuts window. */
GtkWidget *
_yp_window_ensure_help_overlay (YpWindow *self)
{
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (self));

  if (overlay == NULL)
    {
      g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/io/github/yeonpyo/Yeonpyo/ui/help-overlay.ui");

      overlay = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      gtk_application_window_set_help_overlay (GTK_APPLICATION_WINDOW (self), overlay);
    }
  return GTK_WIDGET (overlay);
}

static void
show_help_overlay_cb (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  gtk_window_present (GTK_WINDOW (_yp_window_ensure_help_overlay (YP_WINDOW (user_data))));
}

void
_yp_window_add_help_overlay_action (YpWindow *self)
{
  g_autoptr(GSimpleAction) action = g_simple_action_new ("show-help-overlay", NULL);

  g_signal_connect_object (action, "activate", G_CALLBACK (show_help_overlay_cb), self, 0);
  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (action));
}

static void
show_problems_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  YpWindow *self = YP_WINDOW (widget);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < self->open_errors->len; i++)
    g_string_append_printf (text, "%s\n", (const char *) g_ptr_array_index (self->open_errors, i));
  if (self->load_error != NULL)
    g_string_append_printf (text, "%s\n", self->load_error);
  if (self->record != NULL)
    {
      GPtrArray *problems = yp_record_get_problems (self->record);

      for (guint i = 0; i < problems->len; i++)
        {
          g_autofree char *line = yp_problem_to_string (g_ptr_array_index (problems, i));
          g_string_append_printf (text, "%s\n", line);
        }
    }
  gtk_window_present (GTK_WINDOW (yp_problems_dialog_new (GTK_WINDOW (self), text->str)));
}

static void
dismiss_banner_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  gtk_revealer_set_reveal_child (YP_WINDOW (widget)->banner_revealer, FALSE);
}

static void
close_search_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  gtk_search_bar_set_search_mode (YP_WINDOW (widget)->search_bar, FALSE);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  YpWindow *self = YP_WINDOW (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  YpWindow *self = YP_WINDOW (widget);

  if (g_str_equal (action_name, "win.zoom-fit"))
    gtk_widget_activate_action (GTK_WIDGET (self->timeline), "timeline.fit", NULL);
  else
    gtk_widget_activate_action (GTK_WIDGET (self->timeline), "timeline.zoom", "i",
                                g_str_equal (action_name, "win.zoom-in") ? 1 : -1);
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  YpWindow *self = YP_WINDOW (widget);

  if (self->filter_popover != NULL)
    {
      /* Its "changed" refilters. */
      yp_filter_popover_clear (self->filter_popover);
      return;
    }
  g_hash_table_remove_all (self->filter_actors);
  g_hash_table_remove_all (self->filter_categories);
  g_hash_table_remove_all (self->filter_sources);
  _yp_window_filter_changed (self);
}

static void
compare_sources_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  YpWindow *self = YP_WINDOW (widget);
  YpEvent *event = yp_session_get_selected (self->session);

  if (event == NULL)
    return;
  gtk_window_present (GTK_WINDOW (yp_compare_dialog_new (GTK_WINDOW (self), self->record, event)));
}

static void
copy_citation_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  YpWindow *self = YP_WINDOW (widget);
  YpEvent *event = yp_session_get_selected (self->session);
  g_autofree char *text = NULL;

  if (event == NULL)
    return;
  text = yp_window_dup_citation_text (self, event);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
}

/* The toast after an export: where the file went, and "Open". */
static void
say_saved (YpWindow *self,
           GFile    *file)
{
  g_autoptr(GFile) folder = g_file_get_parent (file);
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *display = g_filename_display_name (name);
  g_autofree char *where = folder ? g_file_get_basename (folder) : g_strdup ("/");
  g_autofree char *where_display = g_filename_display_name (where);
  /* Translators: "Saved “OpenAI.png” in Pictures" */
  g_autofree char *message = g_strdup_printf (_("Saved “%s” in %s"), display, where_display);

  _yp_window_show_saved (self, file, message);
}

static void
export_saved_cb (YpExportDialog *dialog,
                 GFile          *file,
                 YpWindow       *self)
{
  say_saved (self, file);
}

static void
export_view_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  YpWindow *self = YP_WINDOW (widget);
  GtkWidget *dialog = yp_export_dialog_new (GTK_WINDOW (self), self->timeline);

  g_signal_connect_object (dialog, "saved", G_CALLBACK (export_saved_cb), self, 0);

  gtk_window_present (GTK_WINDOW (dialog));
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  YpWindow *self = YP_WINDOW (widget);

  /* The events as the list shows them: filtered, in time order. */
  yp_print_events (GTK_WINDOW (self), self->record, G_LIST_MODEL (self->session), yp_content_lang ());
}

static void
export_pdf_response_cb (GtkNativeDialog *chooser,
                        int              response,
                        YpWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;
      g_autoptr(GError) error = NULL;

      if (path != NULL &&
          !yp_print_events_to_pdf (GTK_WINDOW (self), self->record, G_LIST_MODEL (self->session),
                                   yp_content_lang (), path, &error))
        {
          g_autofree char *text = g_strdup_printf (_("The PDF could not be written: %s"), error->message);
          _yp_window_show_message (self, text);
        }
      else if (path != NULL)
        say_saved (self, file);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
export_pdf_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  YpWindow *self = YP_WINDOW (widget);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Export Events as PDF"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  /* In Documents, named after the story. */
  {
    g_autoptr(GFile) file = yp_export_default_file (G_USER_DIRECTORY_DOCUMENTS,
                                                    yp_record_get_title (self->record, yp_content_lang ()), "pdf");
    g_autoptr(GFile) folder = g_file_get_parent (file);
    g_autofree char *name = g_file_get_basename (file);

    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  }
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (export_pdf_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  _yp_window_show_reading (YP_WINDOW (widget), FALSE);
}

static void
show_era_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  YpWindow *self = YP_WINDOW (widget);
  YpEra *era = yp_record_lookup_era (self->record, g_variant_get_string (parameter, NULL));

  if (era == NULL)
    yp_session_zoom_to_fit (self->session);
  else
    yp_session_zoom_to (self->session, yp_era_get_start (era), yp_era_get_end (era), 0.02);
}

static void
open_saved_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  YpWindow *self = YP_WINDOW (widget);
  g_autofree char *uri = NULL;

  if (self->saved_file == NULL)
    return;
  uri = g_file_get_uri (self->saved_file);
  gtk_show_uri (GTK_WINDOW (self), uri, GDK_CURRENT_TIME);
  gtk_revealer_set_reveal_child (self->toast_revealer, FALSE);
}

static void
show_matches_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  _yp_window_show_matches (YP_WINDOW (widget));
}

static void
dismiss_toast_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  gtk_revealer_set_reveal_child (YP_WINDOW (widget)->toast_revealer, FALSE);
}

/* Opening other timelines */

static void
open_response_cb (GtkNativeDialog *chooser,
                  int              response,
                  YpWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);
          g_autofree char *path = g_file_get_path (file);

          if (path != NULL)
            yp_application_open_path (YP_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))),
                                      path, GTK_WINDOW (self));
        }
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  YpWindow *self = YP_WINDOW (widget);
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Open Timeline"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Timelines (Yeonpyo or TimelineJS JSON)"));
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_filter_add_suffix (filter, "json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (open_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
_yp_window_class_add_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.show-problems", NULL, show_problems_action);
  gtk_widget_class_install_action (widget_class, "win.dismiss-banner", NULL, dismiss_banner_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-fit", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.clear-filters", NULL, clear_filters_action);
  gtk_widget_class_install_action (widget_class, "win.compare-sources", NULL, compare_sources_action);
  gtk_widget_class_install_action (widget_class, "win.copy-citation", NULL, copy_citation_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.close-search", NULL, close_search_action);
  gtk_widget_class_install_action (widget_class, "win.export-view", NULL, export_view_action);
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "win.export-pdf", NULL, export_pdf_action);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "win.show-era", "s", show_era_action);
  gtk_widget_class_install_action (widget_class, "win.open-saved", NULL, open_saved_action);
  gtk_widget_class_install_action (widget_class, "win.dismiss-toast", NULL, dismiss_toast_action);
  gtk_widget_class_install_action (widget_class, "win.show-matches", NULL, show_matches_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export-view", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "win.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.copy-citation", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_u, GDK_CONTROL_MASK, "win.show-original", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "win.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "win.zoom-out", NULL);
}
