/* yp-opening-window.c: shown while a large timeline is being opened
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opening a timeline reads it through its cache; the first time, the file
 * is parsed and the cache built, which takes seconds for a timeline of a
 * hundred thousand events. That runs in a worker thread, and this window
 * stands in for the timeline's window meanwhile, so the user sees that
 * something is happening, for how long, and can give up.
 */
#define G_LOG_DOMAIN "yp-opening-window"

#include "config.h"

#include <glib/gi18n.h>

#include "yp-format.h"
#include "yp-opening-window.h"
#include "yp-opening-window-private.h"

struct _YpOpeningWindow
{
  GtkWindow  parent_instance;

  char      *path;
  gint64     started;
  GtkWidget *bar;
  GtkWidget *elapsed;
  guint      tick_id;
  guint      pulse_id;
  gboolean   cancelled;
};

G_DEFINE_FINAL_TYPE (YpOpeningWindow, yp_opening_window, GTK_TYPE_WINDOW)

enum {
  CANCELLED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
cancel (YpOpeningWindow *self)
{
  if (self->cancelled)
    return;
  self->cancelled = TRUE;
  g_signal_emit (self, signals[CANCELLED], 0);
}

static gboolean
update_elapsed (gpointer user_data)
{
  YpOpeningWindow *self = user_data;
  guint seconds = (guint) ((g_get_monotonic_time () - self->started) / G_USEC_PER_SEC);
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u second", "%u seconds", seconds),
                                           seconds);

  gtk_label_set_text (GTK_LABEL (self->elapsed), text);
  return G_SOURCE_CONTINUE;
}

static gboolean
pulse (gpointer user_data)
{
  YpOpeningWindow *self = user_data;

  gtk_progress_bar_pulse (GTK_PROGRESS_BAR (self->bar));
  return G_SOURCE_CONTINUE;
}

static gboolean
yp_opening_window_close_request (GtkWindow *window)
{
  /* Closing it means giving up on the file; its owner destroys it. */
  cancel (YP_OPENING_WINDOW (window));
  return TRUE;
}

static void
cancel_clicked_cb (YpOpeningWindow *self)
{
  cancel (self);
}

static void
yp_opening_window_dispose (GObject *object)
{
  YpOpeningWindow *self = YP_OPENING_WINDOW (object);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  G_OBJECT_CLASS (yp_opening_window_parent_class)->dispose (object);
}

static void
yp_opening_window_finalize (GObject *object)
{
  YpOpeningWindow *self = YP_OPENING_WINDOW (object);

  g_free (self->path);
  G_OBJECT_CLASS (yp_opening_window_parent_class)->finalize (object);
}

static void
yp_opening_window_class_init (YpOpeningWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yp_opening_window_dispose;
  object_class->finalize = yp_opening_window_finalize;
  window_class->close_request = yp_opening_window_close_request;

  signals[CANCELLED] = g_signal_new ("cancelled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
yp_opening_window_init (YpOpeningWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *header = gtk_header_bar_new ();
  GtkWidget *button;

  gtk_header_bar_set_show_title_buttons (GTK_HEADER_BAR (header), FALSE);
  /* The heading below says it already. */
  gtk_header_bar_set_title_widget (GTK_HEADER_BAR (header), gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0));
  button = gtk_button_new_with_mnemonic (_("_Cancel"));
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (cancel_clicked_cb), self);
  gtk_header_bar_pack_start (GTK_HEADER_BAR (header), button);
  gtk_window_set_titlebar (GTK_WINDOW (self), header);

  gtk_widget_set_margin_top (box, 24);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 24);
  gtk_widget_set_margin_end (box, 24);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);

  /* The bar pulses until the loader says how far it is: reading the file
   * and its sources comes before the first event. */
  self->bar = gtk_progress_bar_new ();
  gtk_progress_bar_set_pulse_step (GTK_PROGRESS_BAR (self->bar), 0.08);
  gtk_widget_set_margin_top (self->bar, 6);
  gtk_widget_set_margin_bottom (self->bar, 6);

  self->elapsed = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->elapsed, "dim-label");
  gtk_widget_add_css_class (self->elapsed, "numeric");

  gtk_window_set_child (GTK_WINDOW (self), box);
  gtk_window_set_default_size (GTK_WINDOW (self), 420, -1);
  gtk_window_set_resizable (GTK_WINDOW (self), FALSE);
}

YpOpeningWindow *
yp_opening_window_new (GtkApplication *app,
                       GtkWindow      *parent,
                       const char     *path,
                       gint64          started)
{
  YpOpeningWindow *self;
  GtkWidget *box;
  GtkWidget *title, *note;
  PangoAttrList *attrs;
  g_autofree char *name = NULL;
  g_autofree char *heading = NULL;

  g_return_val_if_fail (GTK_IS_APPLICATION (app), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (YP_TYPE_OPENING_WINDOW, "application", app, NULL);
  self->path = g_strdup (path);
  self->started = started;
  if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (self), parent);

  name = g_filename_display_basename (path);
  /* Translators: the window's title while a timeline file is opened. */
  heading = g_strdup_printf (_("Opening “%s”"), name);
  gtk_window_set_title (GTK_WINDOW (self), heading);

  box = gtk_window_get_child (GTK_WINDOW (self));
  title = gtk_label_new (heading);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  attrs = yp_keep_words_attrs (heading);
  gtk_label_set_attributes (GTK_LABEL (title), attrs);
  pango_attr_list_unref (attrs);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_justify (GTK_LABEL (title), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (title, "title-3");
  gtk_box_append (GTK_BOX (box), title);

  note = gtk_label_new (_("The first time a timeline is opened, Yeonpyo reads the whole file and "
                          "builds a cache of it. Later opens of the same file read the cache and "
                          "are much faster."));
  gtk_label_set_wrap (GTK_LABEL (note), TRUE);
  /* Korean breaks between word-phrases, not inside them. */
  attrs = yp_keep_words_attrs (gtk_label_get_text (GTK_LABEL (note)));
  gtk_label_set_attributes (GTK_LABEL (note), attrs);
  pango_attr_list_unref (attrs);
  gtk_label_set_justify (GTK_LABEL (note), GTK_JUSTIFY_CENTER);
  gtk_label_set_max_width_chars (GTK_LABEL (note), 46);
  gtk_box_append (GTK_BOX (box), note);
  gtk_box_append (GTK_BOX (box), self->bar);
  gtk_box_append (GTK_BOX (box), self->elapsed);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->bar),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, heading, -1);
  update_elapsed (self);
  self->tick_id = g_timeout_add_seconds (1, update_elapsed, self);
  self->pulse_id = g_timeout_add (100, pulse, self);
  return self;
}

const char *
yp_opening_window_get_path (YpOpeningWindow *self)
{
  g_return_val_if_fail (YP_IS_OPENING_WINDOW (self), NULL);
  return self->path;
}

void
yp_opening_window_set_fraction (YpOpeningWindow *self,
                                double           fraction)
{
  g_return_if_fail (YP_IS_OPENING_WINDOW (self));
  if (fraction <= 0.0)
    return;
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->bar), CLAMP (fraction, 0.0, 1.0));
}

const char *
yp_opening_window_get_elapsed_text (YpOpeningWindow *self)
{
  g_return_val_if_fail (YP_IS_OPENING_WINDOW (self), NULL);
  return gtk_label_get_text (GTK_LABEL (self->elapsed));
}
