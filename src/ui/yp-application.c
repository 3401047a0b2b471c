/* yp-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "yp-application"

#include "config.h"

#include <glib/gi18n.h>

#include "yp-application.h"
#include "yp-application-private.h"
#include "yp-cli.h"
#include "yp-document-loader.h"
#include "yp-format.h"
#include "yp-opening-window.h"
#include "yp-window.h"

/* An open that takes longer than this shows a window that says so. */
#define OPENING_WINDOW_DELAY_MS 300

struct _YpApplication
{
  GtkApplication  parent_instance;

  GSettings      *settings;
  GDBusProxy     *portal;
  guint32         portal_scheme;   /* 0 none, 1 prefer dark, 2 prefer light */
  GCancellable   *cancellable;
  GHashTable     *opening;         /* absolute path -> Opening, while read */
  int             opening_delay_ms;
  guint           n_writing;       /* caches being written after a window showed */
  guint           n_writes_waiting; /* of those, waiting for their window's first frame */
};

/* A timeline being read by its loader. */
typedef struct {
  YpApplication    *app;            /* a hold on it, not a reference */
  char             *path;           /* absolute */
  char             *shipped;        /* the shipped timeline's path */
  GtkWindow        *parent;         /* weak */
  YpOpeningWindow  *progress;       /* NULL until shown */
  guint             show_id;
  gint64            started;
  YpDocumentLoader *loader;
  GCancellable     *cancellable;    /* Cancel in the "Opening" window */
} Opening;

G_DEFINE_FINAL_TYPE (YpApplication, yp_application, GTK_TYPE_APPLICATION)

static const GOptionEntry main_entries[] = {
  { "check", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Check a timeline file and print its problems, without opening a window"), N_("FILE") },
  { "list", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Print the events of the timeline (or of FILE) as a table"), NULL },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
  { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, NULL, NULL, N_("[FILE]") },
  { NULL }
};

char *
yp_application_dup_recent_path (const char *entry)
{
  g_return_val_if_fail (entry != NULL, NULL);
  /* Entries written before they were URIs are paths. */
  if (g_str_has_prefix (entry, "file:"))
    return g_filename_from_uri (entry, NULL, NULL);
  return g_path_is_absolute (entry) ? g_strdup (entry) : NULL;
}

char *
yp_application_dup_timeline_path (void)
{
  const char *dir = g_getenv ("YEONPYO_DATADIR");

  return g_build_filename (dir && *dir ? dir : PKGDATADIR, "timeline.json", NULL);
}

static int
yp_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  g_autofree char *check = NULL;
  g_autofree char *timeline = NULL;
  g_autofree const char **rest = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("yeonpyo %s\n", PACKAGE_VERSION);
      return 0;
    }
  g_variant_dict_lookup (options, G_OPTION_REMAINING, "^a&ay", &rest);
  if (g_variant_dict_lookup (options, "check", "^ay", &check))
    {
      if (rest != NULL && rest[0] != NULL)
        {
          g_printerr (_("--check takes one file; unexpected: %s\n"), rest[0]);
          return 2;
        }
      return yp_cli_check (check);
    }
  if (g_variant_dict_contains (options, "list") && rest != NULL && rest[0] != NULL && rest[1] != NULL)
    {
      g_printerr (_("One file at a time; unexpected: %s\n"), rest[1]);
      return 2;
    }
  if (g_variant_dict_contains (options, "list"))
    {
      timeline = rest && rest[0] ? g_strdup (rest[0]) : yp_application_dup_timeline_path ();
      return yp_cli_list (timeline);
    }
  if (rest != NULL && rest[0] != NULL)
    {
      g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GError) error = NULL;

      /* Files open in the running instance if there is one. */
      for (guint i = 0; rest[i] != NULL; i++)
        g_ptr_array_add (files, g_file_new_for_commandline_arg (rest[i]));
      if (!g_application_register (app, NULL, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      g_application_open (app, (GFile **) files->pdata, files->len, "");
      return 0;
    }
  return -1;
}

static void
load_css (void)
{
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

  gtk_css_provider_load_from_resource (provider, "/io/github/yeonpyo/Yeonpyo/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (app);
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func (g_free);
  const char *developers[] = { "The Yeonpyo developers", NULL };
  GtkWidget *about;
  YpLang lang = yp_ui_lang ();

  /* Credit each source by outlet, or by what the file says of its site. */
  if (YP_IS_WINDOW (parent) && yp_window_get_record (YP_WINDOW (parent)) != NULL)
    {
      GListModel *list = yp_record_get_sources (yp_window_get_record (YP_WINDOW (parent)));

      for (guint i = 0; i < g_list_model_get_n_items (list); i++)
        {
          g_autoptr(YpSource) s = g_list_model_get_item (list, i);
          const char *outlet = yp_source_get_outlet (s, lang);
          const char *title = yp_source_get_title (s);

          if (outlet != NULL)
            g_ptr_array_add (sources, g_strdup_printf ("%s%s%s%s", outlet,
                                                      title ? " — “" : "", title ? title : "",
                                                      title ? "”" : ""));
          else
            g_ptr_array_add (sources, g_strdup_printf ("%s — “%s”", _("Outlet not named in the file"),
                                                      title ? title : "?"));
        }
    }
  g_ptr_array_add (sources, NULL);

  about = g_object_new (GTK_TYPE_ABOUT_DIALOG,
                        "transient-for", parent,
                        "modal", TRUE,
                        "program-name", _("Yeonpyo"),
                        "logo-icon-name", APP_ID,
                        "version", PACKAGE_VERSION,
                        "comments", _("A timeline of the OpenAI story from the November 2023 board crisis to July 2025, "
                                      "every event linked to the passages of the articles that report it.\n\n"
                                      "The five source articles belong to their publishers and are shown unchanged."),
                        "website", "https://github.com/yeonpyo/yeonpyo",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "copyright", "© 2026 The Yeonpyo developers",
                        "authors", developers,
                        /* Translators: put your names here, one per line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_about_dialog_add_credit_section (GTK_ABOUT_DIALOG (about), _("Source articles"),
                                       (const char **) sources->pdata);
  gtk_window_present (GTK_WINDOW (about));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GList *windows = gtk_application_get_windows (app);

  /* Close the windows so they save their state, then quit. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
  g_application_quit (G_APPLICATION (app));
}

/* Light and dark: the menu's choice, or else what the desktop prefers
 * (the freedesktop settings portal's color-scheme, where there is one). */
static void
apply_color_scheme (YpApplication *self)
{
  g_autofree char *choice = g_settings_get_string (self->settings, "color-scheme");
  gboolean dark, current = FALSE;

  if (g_str_equal (choice, "dark"))
    dark = TRUE;
  else if (g_str_equal (choice, "light"))
    dark = FALSE;
  else
    dark = self->portal_scheme == 1;
  /* GTK reloads the whole theme whenever the property is set, even to the
   * value it has: two needless reloads were a third of the instructions
   * of a start. */
  g_object_get (gtk_settings_get_default (), "gtk-application-prefer-dark-theme", &current, NULL);
  if (current != dark)
    g_object_set (gtk_settings_get_default (), "gtk-application-prefer-dark-theme", dark, NULL);
}

static void
portal_setting_changed_cb (GDBusProxy    *proxy,
                           const char    *sender,
                           const char    *signal,
                           GVariant      *params,
                           YpApplication *self)
{
  const char *ns, *key;
  g_autoptr(GVariant) value = NULL;

  if (!g_str_equal (signal, "SettingChanged") || !g_variant_is_of_type (params, G_VARIANT_TYPE ("(ssv)")))
    return;
  g_variant_get (params, "(&s&sv)", &ns, &key, &value);
  if (g_str_equal (ns, "org.freedesktop.appearance") && g_str_equal (key, "color-scheme") &&
      g_variant_is_of_type (value, G_VARIANT_TYPE_UINT32))
    {
      self->portal_scheme = g_variant_get_uint32 (value);
      apply_color_scheme (self);
    }
}

static void
portal_read_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  YpApplication *self = user_data;
  g_autoptr(GVariant) reply = g_dbus_proxy_call_finish (G_DBUS_PROXY (source), result, NULL);
  g_autoptr(GVariant) outer = NULL;
  g_autoptr(GVariant) inner = NULL;

  if (reply == NULL)
    return;  /* no portal, or it does not know the key: stay light */
  g_variant_get (reply, "(v)", &outer);
  /* Read() wraps the value in one more variant. */
  inner = g_variant_is_of_type (outer, G_VARIANT_TYPE_VARIANT) ? g_variant_get_variant (outer) : g_variant_ref (outer);
  if (g_variant_is_of_type (inner, G_VARIANT_TYPE_UINT32))
    {
      self->portal_scheme = g_variant_get_uint32 (inner);
      apply_color_scheme (self);
    }
}

static void
portal_ready_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  YpApplication *self = user_data;
  GDBusProxy *proxy = g_dbus_proxy_new_for_bus_finish (result, NULL);

  if (proxy == NULL)
    return;
  self->portal = proxy;
  g_signal_connect (proxy, "g-signal", G_CALLBACK (portal_setting_changed_cb), self);
  g_dbus_proxy_call (proxy, "Read", g_variant_new ("(ss)", "org.freedesktop.appearance", "color-scheme"),
                     G_DBUS_CALL_FLAGS_NONE, 2000, self->cancellable, portal_read_cb, self);
}

/* The two settings actions (GSettings' own, from g_settings_create_action)
 * change the keys; what follows a change is here. The content language is
 * set before the windows hear of the change: this handler is connected at
 * startup, before any window's. */
static void
color_scheme_changed_cb (YpApplication *self)
{
  apply_color_scheme (self);
}

static void
content_language_changed_cb (YpApplication *self)
{
  g_autofree char *mode = g_settings_get_string (self->settings, "content-language");

  yp_set_content_language (mode);
}

static void open_recent_action (GSimpleAction *action,
                                GVariant      *parameter,
                                gpointer       user_data);

static const GActionEntry app_entries[] = {
  { "about", about_action },
  { "quit", quit_action },
  { "open-recent", open_recent_action, "s" },
};

static void
yp_application_startup (GApplication *app)
{
  const char *quit_accels[] = { "<Primary>q", NULL };
  const char *help_accels[] = { "<Control>question", NULL };

  G_APPLICATION_CLASS (yp_application_parent_class)->startup (app);

  YpApplication *self = YP_APPLICATION (app);
  g_action_map_add_action_entries (G_ACTION_MAP (app), app_entries, G_N_ELEMENTS (app_entries), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  /* What GTK sets when it finds a shortcuts window of its own to load
   * (ours is made when first asked for: yp-window-actions.c). */
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay", help_accels);
  gtk_window_set_default_icon_name (APP_ID);
  load_css ();
  /* A selectable label (the card's title and summary, the passages in
   * Compare Sources) would otherwise have all its text selected when Tab
   * reaches it: focus shows where the reader is, and selecting the text
   * on the way past only invites typing over nothing and a stray copy. */
  g_object_set (gtk_settings_get_default (), "gtk-label-select-on-focus", FALSE, NULL);

  self->settings = g_settings_new (APP_ID);
  {
    g_autoptr(GAction) scheme = g_settings_create_action (self->settings, "color-scheme");
    g_autoptr(GAction) content = g_settings_create_action (self->settings, "content-language");

    g_action_map_add_action (G_ACTION_MAP (app), scheme);
    g_action_map_add_action (G_ACTION_MAP (app), content);
  }
  g_signal_connect_object (self->settings, "changed::color-scheme",
                           G_CALLBACK (color_scheme_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::content-language",
                           G_CALLBACK (content_language_changed_cb), self, G_CONNECT_SWAPPED);
  content_language_changed_cb (self);
  apply_color_scheme (self);
  self->cancellable = g_cancellable_new ();
  g_dbus_proxy_new_for_bus (G_BUS_TYPE_SESSION,
                            G_DBUS_PROXY_FLAGS_DO_NOT_LOAD_PROPERTIES,
                            NULL,
                            "org.freedesktop.portal.Desktop",
                            "/org/freedesktop/portal/desktop",
                            "org.freedesktop.portal.Settings",
                            self->cancellable, portal_ready_cb, self);
}

static YpWindow *
find_window (GApplication *app,
             const char   *path)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (YP_IS_WINDOW (l->data) && g_strcmp0 (yp_window_get_path (l->data), path) == 0)
      return l->data;
  return NULL;
}

static void
cache_written_cb (GObject      *source_object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  YpApplication *self = user_data;
  g_autoptr(GError) error = NULL;

  /* A failure was said by the loader; the record stays in memory. */
  if (!yp_document_loader_write_cache_finish (YP_DOCUMENT_LOADER (source_object), result, &error))
    g_debug ("cache not written: %s", error->message);
  self->n_writing--;
  g_application_release (G_APPLICATION (self));
}

typedef struct {
  YpApplication    *app;
  YpDocumentLoader *loader;
  guint             frames;
} LaterWrite;

/* The window's second frame: its first is on screen. */
static gboolean
later_write_tick (GtkWidget     *widget,
                  GdkFrameClock *clock,
                  gpointer       user_data)
{
  LaterWrite *later = user_data;

  return ++later->frames < 2 ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

/* When the tick callback goes: after the first frame, or with the window. */
static void
later_write_start (gpointer user_data)
{
  LaterWrite *later = user_data;

  later->app->n_writes_waiting--;
  yp_document_loader_write_cache_async (later->loader, NULL, cache_written_cb, later->app);
  g_object_unref (later->loader);
  g_free (later);
}

/* A window shows what was parsed while its loader writes the cache in a
 * worker thread, from when its first frame is on screen (on two cores,
 * the writing would otherwise slow that frame down). The app is held
 * until the cache is in place, so closing the window does not lose it. */
static void
write_cache_later (YpApplication    *self,
                   YpDocumentLoader *loader,
                   GtkWidget        *window)
{
  LaterWrite *later = g_new0 (LaterWrite, 1);

  later->app = self;
  later->loader = g_object_ref (loader);
  self->n_writing++;
  self->n_writes_waiting++;
  g_application_hold (G_APPLICATION (self));
  if (window != NULL)
    gtk_widget_add_tick_callback (window, later_write_tick, later, later_write_start);
  else
    later_write_start (later);
}

static YpWindow *
open_shipped (GApplication *app)
{
  YpApplication *self = YP_APPLICATION (app);
  g_autofree char *path = yp_application_dup_timeline_path ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(YpDocumentLoader) loader = NULL;
  g_autoptr(YpRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  YpWindow *window = find_window (app, path);

  if (window != NULL)
    return window;
  /* In this thread: the app has nothing to show before it. */
  loader = yp_document_loader_new (file);
  record = yp_document_loader_load (loader, NULL, &error);
  if (record == NULL)
    g_warning ("%s", error->message);

  window = yp_window_new (GTK_APPLICATION (app), record, error ? error->message : NULL);
  yp_window_set_path (window, path, TRUE);
  if (yp_document_loader_get_cache_pending (loader))
    write_cache_later (self, loader, GTK_WIDGET (window));
  return window;
}

/* The recent files are kept as URIs: a GSettings string must be UTF-8,
 * and a file name need not be (g_filename_to_uri() escapes its bytes). */
static void
remember_recent (YpApplication *self,
                 const char    *path)
{
  g_auto(GStrv) old = g_settings_get_strv (self->settings, "recent-files");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) recent = NULL;
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  guint n = 1;

  if (uri == NULL)
    return;
  g_strv_builder_add (builder, uri);
  for (guint i = 0; old[i] != NULL && n < 8; i++)
    {
      g_autofree char *old_path = yp_application_dup_recent_path (old[i]);

      if (old_path != NULL && g_strcmp0 (old_path, path) != 0)
        {
          g_strv_builder_add (builder, old[i]);
          n++;
        }
    }
  recent = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "recent-files", (const char * const *) recent);
  gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
}

static void
opening_free (Opening *opening)
{
  g_clear_handle_id (&opening->show_id, g_source_remove);
  if (opening->progress != NULL)
    gtk_window_destroy (GTK_WINDOW (opening->progress));
  g_clear_weak_pointer (&opening->progress);
  g_clear_weak_pointer (&opening->parent);
  g_signal_handlers_disconnect_by_data (opening->loader, opening);
  g_clear_object (&opening->loader);
  g_clear_object (&opening->cancellable);
  g_free (opening->path);
  g_free (opening->shipped);
  g_free (opening);
}

/* Cancel stops the loader where it is: the parse or the cache write
 * ends, no cache is left half-written, and the window the user was in
 * stays as it was. */
static void
opening_cancelled_cb (YpOpeningWindow *progress,
                      Opening         *opening)
{
  g_cancellable_cancel (opening->cancellable);
  gtk_window_destroy (GTK_WINDOW (progress));
  g_clear_weak_pointer (&opening->progress);
}

static void
fraction_changed_cb (YpDocumentLoader *loader,
                     GParamSpec       *pspec,
                     Opening          *opening)
{
  if (opening->progress != NULL)
    yp_opening_window_set_fraction (opening->progress, yp_document_loader_get_fraction (loader));
}

static gboolean
show_opening_window (gpointer user_data)
{
  Opening *opening = user_data;
  GtkWindow *parent = opening->parent;

  opening->show_id = 0;
  if (parent != NULL && !gtk_widget_get_visible (GTK_WIDGET (parent)))
    parent = NULL;
  /* Weak: GTK destroys its windows when the app shuts down. */
  g_set_weak_pointer (&opening->progress,
                      yp_opening_window_new (GTK_APPLICATION (opening->app), parent,
                                             opening->path, opening->started));
  g_signal_connect (opening->progress, "cancelled", G_CALLBACK (opening_cancelled_cb), opening);
  yp_opening_window_set_fraction (opening->progress, yp_document_loader_get_fraction (opening->loader));
  gtk_window_present (GTK_WINDOW (opening->progress));
  return G_SOURCE_REMOVE;
}

static void
opened_cb (GObject      *source_object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Opening *opening = user_data;
  YpApplication *self = opening->app;
  YpDocumentLoader *loader = YP_DOCUMENT_LOADER (source_object);
  g_autoptr(GError) error = NULL;
  g_autoptr(YpRecord) record = yp_document_loader_load_finish (loader, result, &error);
  GtkWindow *parent = opening->parent;
  g_autofree char *path = g_strdup (opening->path);
  gboolean shipped = g_strcmp0 (opening->path, opening->shipped) == 0;

  g_object_ref (loader);
  g_hash_table_remove (self->opening, path);
  if (record == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("opening %s was cancelled", path);
  else if (record == NULL)
    {
      /* Nothing is replaced: the window the user was in says what went
       * wrong, and keeps what it shows. */
      if (parent == NULL || !YP_IS_WINDOW (parent))
        parent = gtk_application_get_active_window (GTK_APPLICATION (self));
      if (parent == NULL || !YP_IS_WINDOW (parent))
        parent = GTK_WINDOW (open_shipped (G_APPLICATION (self)));
      yp_window_report_open_error (YP_WINDOW (parent), error->message);
      gtk_window_present (parent);
    }
  else
    {
      YpWindow *window = yp_window_new (GTK_APPLICATION (self), record, NULL);

      yp_window_set_path (window, path, shipped);
      if (!shipped)
        remember_recent (self, path);
      gtk_window_present (GTK_WINDOW (window));
      if (yp_document_loader_get_cache_pending (loader))
        write_cache_later (self, loader, GTK_WIDGET (window));
    }
  g_object_unref (loader);
  /* After the new window is up, so the app never runs without one. */
  g_application_release (G_APPLICATION (self));
}

void
yp_application_open_path (YpApplication *self,
                          const char    *path,
                          GtkWindow     *parent)
{
  g_autofree char *shipped = yp_application_dup_timeline_path ();
  g_autofree char *abs = NULL;
  g_autoptr(GFile) file = NULL;
  Opening *opening;
  YpWindow *window;

  g_return_if_fail (YP_IS_APPLICATION (self));
  g_return_if_fail (path != NULL);

  abs = g_canonicalize_filename (path, NULL);
  /* Already open: bring it forward. */
  window = find_window (G_APPLICATION (self), abs);
  if (window != NULL)
    {
      gtk_window_present (GTK_WINDOW (window));
      return;
    }

  /* Being opened already: show that. */
  opening = g_hash_table_lookup (self->opening, abs);
  if (opening != NULL)
    {
      if (opening->progress != NULL)
        gtk_window_present (GTK_WINDOW (opening->progress));
      return;
    }

  file = g_file_new_for_path (abs);
  opening = g_new0 (Opening, 1);
  opening->app = self;
  opening->path = g_strdup (abs);
  opening->shipped = g_strdup (shipped);
  opening->started = g_get_monotonic_time ();
  opening->loader = yp_document_loader_new (file);
  opening->cancellable = g_cancellable_new ();
  if (parent != NULL)
    g_set_weak_pointer (&opening->parent, parent);
  g_hash_table_insert (self->opening, opening->path, opening);
  g_signal_connect (opening->loader, "notify::fraction", G_CALLBACK (fraction_changed_cb), opening);
  /* No window may be open yet (yeonpyo FILE): the app waits for this one. */
  g_application_hold (G_APPLICATION (self));

  if (self->opening_delay_ms <= 0)
    show_opening_window (opening);
  else
    opening->show_id = g_timeout_add (self->opening_delay_ms, show_opening_window, opening);

  yp_document_loader_load_async (opening->loader, opening->cancellable, opened_cb, opening);
}

void
yp_application_set_opening_delay (YpApplication *self,
                                  int            delay_ms)
{
  g_return_if_fail (YP_IS_APPLICATION (self));
  self->opening_delay_ms = delay_ms;
}

guint
yp_application_get_n_opening (YpApplication *self)
{
  g_return_val_if_fail (YP_IS_APPLICATION (self), 0);
  return g_hash_table_size (self->opening);
}

guint
yp_application_get_n_writing (YpApplication *self,
                              guint         *waiting)
{
  g_return_val_if_fail (YP_IS_APPLICATION (self), 0);
  if (waiting != NULL)
    *waiting = self->n_writes_waiting;
  return self->n_writing;
}

static void
yp_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (app));

  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *path = g_file_get_path (files[i]);

      if (path == NULL)
        {
          g_autofree char *uri = g_file_get_uri (files[i]);
          g_autofree char *message = g_strdup_printf (_("%s: only local files can be opened"), uri);

          if (parent == NULL)
            parent = GTK_WINDOW (open_shipped (app));
          yp_window_report_open_error (YP_WINDOW (parent), message);
          gtk_window_present (parent);
          continue;
        }
      yp_application_open_path (YP_APPLICATION (app), path, parent);
    }
}

static void
open_recent_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  YpApplication *self = user_data;

  g_autofree char *path = yp_application_dup_recent_path (g_variant_get_string (parameter, NULL));

  if (path != NULL)
    yp_application_open_path (self, path, gtk_application_get_active_window (GTK_APPLICATION (self)));
}

static void
yp_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (open_shipped (app));
  gtk_window_present (window);
}

/* Quit while a cache is written: it is finished first (a second or two at
 * 100,000 events), rather than stopped for the next start to do again.
 * Files still being opened are given up: their loaders stop at once. */
static void
wait_for_loaders (YpApplication *self)
{
  GHashTableIter iter;
  Opening *opening;

  g_hash_table_iter_init (&iter, self->opening);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &opening))
    {
      g_clear_handle_id (&opening->show_id, g_source_remove);
      g_cancellable_cancel (opening->cancellable);
    }
  while (self->n_writing > self->n_writes_waiting || g_hash_table_size (self->opening) > 0)
    g_main_context_iteration (NULL, TRUE);
}

static void
yp_application_shutdown (GApplication *app)
{
  YpApplication *self = YP_APPLICATION (app);

  wait_for_loaders (self);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->portal);
  g_clear_object (&self->settings);

  G_APPLICATION_CLASS (yp_application_parent_class)->shutdown (app);
  /* Windows destroyed just now start the writes they were waiting for. */
  wait_for_loaders (self);
}

static void
yp_application_finalize (GObject *object)
{
  YpApplication *self = YP_APPLICATION (object);

  /* Here, not in shutdown: an app that only ran --check never started. */
  g_clear_pointer (&self->opening, g_hash_table_unref);
  G_OBJECT_CLASS (yp_application_parent_class)->finalize (object);
}

static void
yp_application_class_init (YpApplicationClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = yp_application_finalize;
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->shutdown = yp_application_shutdown;
  app_class->handle_local_options = yp_application_handle_local_options;
  app_class->startup = yp_application_startup;
  app_class->activate = yp_application_activate;
  app_class->open = yp_application_open;
}

static void
yp_application_init (YpApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), main_entries);
  self->opening = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) opening_free);
  self->opening_delay_ms = OPENING_WINDOW_DELAY_MS;
}

YpApplication *
yp_application_new (void)
{
  return g_object_new (YP_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/yeonpyo/Yeonpyo",
                       NULL);
}

const char *
yp_application_pick_renderer (guint       gtk_minor,
                              const char *user_renderer)
{
  /* GTK 4.8's GL renderer (Debian 12) loses parts of small Hangul glyphs
   * (원문 drawn as 워무): its glyph cache cuts each glyph to its ink
   * rectangle (docs/DESIGN.md). Cairo draws them whole. The user's
   * choice wins. */
  if (user_renderer != NULL && *user_renderer != '\0')
    return NULL;
  return gtk_minor < 10 ? "cairo" : NULL;
}
