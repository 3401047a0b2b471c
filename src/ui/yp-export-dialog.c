/* yp-export-dialog.c: choose a format and a scale, then export the timeline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built in code rather than from a template: six widgets in a grid, and no
 * app type in it for the .ui checks to replace.
 */
#define G_LOG_DOMAIN "yp-export-dialog"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "yp-export-dialog.h"
#include "yp-export.h"
#include "yp-format.h"

#define MAX_SCALE 3

struct _YpExportDialog
{
  GtkWindow             parent_instance;

  YpTimeline           *timeline;
  GtkDropDown          *format_drop;
  GtkDropDown          *scale_drop;
  GtkLabel             *size_label;
  GtkLabel             *error_label;
  GtkWidget            *export_button;
  GtkFileChooserNative *chooser;
  char                 *error_text;
};

G_DEFINE_ENUM_TYPE (YpExportFormat, yp_export_format,
                    G_DEFINE_ENUM_VALUE (YP_EXPORT_FORMAT_PNG, "png"),
                    G_DEFINE_ENUM_VALUE (YP_EXPORT_FORMAT_SVG, "svg"))

G_DEFINE_FINAL_TYPE (YpExportDialog, yp_export_dialog, GTK_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_TIMELINE,
  PROP_FORMAT,
  PROP_SCALE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Helpers */

static const char *
format_extension (YpExportFormat format)
{
  return format == YP_EXPORT_FORMAT_SVG ? "svg" : "png";
}

static void
update_size (YpExportDialog *self)
{
  guint scale = yp_export_dialog_get_scale (self);
  int w = self->timeline ? gtk_widget_get_width (GTK_WIDGET (self->timeline)) : 0;
  int h = self->timeline ? gtk_widget_get_height (GTK_WIDGET (self->timeline)) : 0;
  g_autofree char *text = NULL;

  /* Translators: the size of the exported image, width × height in pixels */
  text = g_strdup_printf (_("%d × %d px"), w * (int) scale, h * (int) scale);
  gtk_label_set_text (self->size_label, text);
}

static void
show_error (YpExportDialog *self,
            const char     *message)
{
  g_free (self->error_text);
  self->error_text = g_strdup (message);
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static GtkWidget *
field_label (const char *text,
             GtkWidget  *mnemonic_widget)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (text);

  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_add_css_class (label, "dim-label");
  if (mnemonic_widget != NULL)
    gtk_label_set_mnemonic_widget (GTK_LABEL (label), mnemonic_widget);
  return label;
}

/* The story's title as a file name: no folder separator, no control
 * character, no leading dot, not too long. */
static char *
title_as_file_name (const char *title)
{
  g_autoptr(GString) name = g_string_new (NULL);

  for (const char *p = title ? title : ""; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '/' || c == '\\' || c == ':' || g_unichar_iscntrl (c))
        c = '-';
      if (name->len == 0 && (c == '.' || g_unichar_isspace (c)))
        continue;
      g_string_append_unichar (name, c);
      if (g_utf8_strlen (name->str, -1) >= 80)
        break;
    }
  while (name->len > 0 && g_ascii_isspace (name->str[name->len - 1]))
    g_string_truncate (name, name->len - 1);
  return g_string_free (g_steal_pointer (&name), FALSE);
}

/* Signal callbacks */

static void
format_changed_cb (YpExportDialog *self)
{
  show_error (self, NULL);
  update_size (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FORMAT]);
}

static void
scale_changed_cb (YpExportDialog *self)
{
  show_error (self, NULL);
  update_size (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCALE]);
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     YpExportDialog  *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  gtk_widget_set_sensitive (self->export_button, TRUE);
  if (file == NULL)
    return;

  path = g_file_get_path (file);
  if (path == NULL)
    {
      show_error (self, _("Choose a folder on this computer: the image cannot be written there"));
      return;
    }
  /* A name typed without an extension gets the format's. */
  if (strrchr (path, '.') == NULL || strrchr (path, '.') < strrchr (path, G_DIR_SEPARATOR))
    {
      char *with_ext = g_strconcat (path, ".", format_extension (yp_export_dialog_get_format (self)), NULL);
      g_free (path);
      path = with_ext;
    }
  if (yp_export_dialog_export_to (self, path))
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
export_clicked_cb (YpExportDialog *self)
{
  YpExportFormat format = yp_export_dialog_get_format (self);
  g_autofree char *name = NULL;
  g_autoptr(GFile) default_file = NULL;
  g_autoptr(GFile) folder = NULL;
  GtkFileFilter *filter;

  if (self->chooser != NULL)
    return;
  show_error (self, NULL);
  self->chooser = gtk_file_chooser_native_new (_("Export Timeline"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);

  filter = gtk_file_filter_new ();
  if (format == YP_EXPORT_FORMAT_SVG)
    {
      gtk_file_filter_set_name (filter, _("SVG drawing"));
      gtk_file_filter_add_mime_type (filter, "image/svg+xml");
      gtk_file_filter_add_suffix (filter, "svg");
    }
  else
    {
      gtk_file_filter_set_name (filter, _("PNG image"));
      gtk_file_filter_add_mime_type (filter, "image/png");
      gtk_file_filter_add_suffix (filter, "png");
    }
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_object_unref (filter);

  default_file = yp_export_dialog_dup_default_file (self);
  folder = g_file_get_parent (default_file);
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder, NULL);
  name = g_file_get_basename (default_file);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);

  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_widget_set_sensitive (self->export_button, FALSE);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* GObject */

static void
yp_export_dialog_dispose (GObject *object)
{
  YpExportDialog *self = (YpExportDialog *) object;

  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  g_clear_object (&self->timeline);

  G_OBJECT_CLASS (yp_export_dialog_parent_class)->dispose (object);
}

static void
yp_export_dialog_finalize (GObject *object)
{
  YpExportDialog *self = (YpExportDialog *) object;

  g_free (self->error_text);

  G_OBJECT_CLASS (yp_export_dialog_parent_class)->finalize (object);
}

static void
yp_export_dialog_constructed (GObject *object)
{
  YpExportDialog *self = (YpExportDialog *) object;

  G_OBJECT_CLASS (yp_export_dialog_parent_class)->constructed (object);
  update_size (self);
}

static void
yp_export_dialog_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  YpExportDialog *self = YP_EXPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_TIMELINE:
      g_value_set_object (value, self->timeline);
      break;
    case PROP_FORMAT:
      g_value_set_enum (value, yp_export_dialog_get_format (self));
      break;
    case PROP_SCALE:
      g_value_set_uint (value, yp_export_dialog_get_scale (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yp_export_dialog_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  YpExportDialog *self = YP_EXPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_TIMELINE:
      self->timeline = g_value_dup_object (value);
      break;
    case PROP_FORMAT:
      yp_export_dialog_set_format (self, g_value_get_enum (value));
      break;
    case PROP_SCALE:
      yp_export_dialog_set_scale (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yp_export_dialog_class_init (YpExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yp_export_dialog_dispose;
  object_class->finalize = yp_export_dialog_finalize;
  object_class->constructed = yp_export_dialog_constructed;
  object_class->get_property = yp_export_dialog_get_property;
  object_class->set_property = yp_export_dialog_set_property;

  properties[PROP_TIMELINE] =
    g_param_spec_object ("timeline", NULL, NULL, YP_TYPE_TIMELINE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FORMAT] =
    g_param_spec_enum ("format", NULL, NULL, YP_TYPE_EXPORT_FORMAT, YP_EXPORT_FORMAT_PNG,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SCALE] =
    g_param_spec_uint ("scale", NULL, NULL, 1, MAX_SCALE, 1,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Emitted with the file an export wrote. */
  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_FILE);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
yp_export_dialog_init (YpExportDialog *self)
{
  const char *formats[] = { N_("PNG image"), N_("SVG drawing"), NULL };
  const char *translated[G_N_ELEMENTS (formats)];
  GtkWidget *box, *grid, *buttons, *cancel;

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    translated[i] = formats[i] ? _(formats[i]) : NULL;

  gtk_window_set_title (GTK_WINDOW (self), _("Export Timeline"));
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);
  gtk_window_set_resizable (GTK_WINDOW (self), FALSE);
  gtk_window_set_titlebar (GTK_WINDOW (self), gtk_header_bar_new ());

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);

  grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 8);

  self->format_drop = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (translated));
  gtk_widget_set_hexpand (GTK_WIDGET (self->format_drop), TRUE);
  gtk_grid_attach (GTK_GRID (grid), field_label (_("_Format"), GTK_WIDGET (self->format_drop)), 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (self->format_drop), 1, 0, 1, 1);

  self->scale_drop = GTK_DROP_DOWN (gtk_drop_down_new_from_strings ((const char *[]) { "1×", "2×", "3×", NULL }));
  gtk_grid_attach (GTK_GRID (grid), field_label (_("_Scale"), GTK_WIDGET (self->scale_drop)), 0, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (self->scale_drop), 1, 1, 1, 1);

  self->size_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->size_label, 0);
  gtk_label_set_selectable (self->size_label, FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self->size_label), "numeric");
  gtk_grid_attach (GTK_GRID (grid), field_label (_("Size"), NULL), 0, 2, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (self->size_label), 1, 2, 1, 1);
  gtk_box_append (GTK_BOX (box), grid);

  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_label_set_max_width_chars (self->error_label, 40);
  gtk_label_set_xalign (self->error_label, 0);
  gtk_label_set_selectable (self->error_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->error_label));

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_widget_set_margin_top (buttons, 6);
  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  self->export_button = gtk_button_new_with_mnemonic (_("_Export…"));
  gtk_widget_add_css_class (self->export_button, "suggested-action");
  g_signal_connect_swapped (self->export_button, "clicked", G_CALLBACK (export_clicked_cb), self);
  gtk_box_append (GTK_BOX (buttons), cancel);
  gtk_box_append (GTK_BOX (buttons), self->export_button);
  gtk_box_append (GTK_BOX (box), buttons);

  gtk_window_set_child (GTK_WINDOW (self), box);
  gtk_window_set_default_widget (GTK_WINDOW (self), self->export_button);

  g_signal_connect_swapped (self->format_drop, "notify::selected", G_CALLBACK (format_changed_cb), self);
  g_signal_connect_swapped (self->scale_drop, "notify::selected", G_CALLBACK (scale_changed_cb), self);
}

/* Public API */

GtkWidget *
yp_export_dialog_new (GtkWindow  *parent,
                      YpTimeline *timeline)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (YP_IS_TIMELINE (timeline), NULL);

  return g_object_new (YP_TYPE_EXPORT_DIALOG,
                       "transient-for", parent,
                       "timeline", timeline,
                       NULL);
}

YpExportFormat
yp_export_dialog_get_format (YpExportDialog *self)
{
  g_return_val_if_fail (YP_IS_EXPORT_DIALOG (self), YP_EXPORT_FORMAT_PNG);
  return gtk_drop_down_get_selected (self->format_drop) == 1 ? YP_EXPORT_FORMAT_SVG : YP_EXPORT_FORMAT_PNG;
}

void
yp_export_dialog_set_format (YpExportDialog *self,
                             YpExportFormat  format)
{
  g_return_if_fail (YP_IS_EXPORT_DIALOG (self));
  g_return_if_fail (format == YP_EXPORT_FORMAT_PNG || format == YP_EXPORT_FORMAT_SVG);

  /* The drop-down notifies, and format_changed_cb notifies "format". */
  gtk_drop_down_set_selected (self->format_drop, format == YP_EXPORT_FORMAT_SVG ? 1 : 0);
}

guint
yp_export_dialog_get_scale (YpExportDialog *self)
{
  guint selected;

  g_return_val_if_fail (YP_IS_EXPORT_DIALOG (self), 1);
  selected = gtk_drop_down_get_selected (self->scale_drop);
  return selected < MAX_SCALE ? selected + 1 : 1;
}

void
yp_export_dialog_set_scale (YpExportDialog *self,
                            guint           scale)
{
  g_return_if_fail (YP_IS_EXPORT_DIALOG (self));
  g_return_if_fail (scale >= 1 && scale <= MAX_SCALE);

  gtk_drop_down_set_selected (self->scale_drop, scale - 1);
}

const char *
yp_export_dialog_get_size_text (YpExportDialog *self)
{
  g_return_val_if_fail (YP_IS_EXPORT_DIALOG (self), NULL);

  update_size (self);
  return gtk_label_get_text (self->size_label);
}

const char *
yp_export_dialog_get_error (YpExportDialog *self)
{
  g_return_val_if_fail (YP_IS_EXPORT_DIALOG (self), NULL);
  return self->error_text;
}

gboolean
yp_export_dialog_export_to (YpExportDialog *self,
                            const char     *path)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;
  double scale;

  g_return_val_if_fail (YP_IS_EXPORT_DIALOG (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  show_error (self, NULL);
  update_size (self);
  scale = yp_export_dialog_get_scale (self);
  if (yp_export_dialog_get_format (self) == YP_EXPORT_FORMAT_SVG)
    ok = yp_export_timeline_svg (self->timeline, path, scale, &error);
  else
    ok = yp_export_timeline_png (self->timeline, path, scale, &error);
  if (!ok)
    {
      g_autofree char *message = NULL;

      /* Translators: %s says why, e.g. "The file could not be written: Permission denied" */
      message = g_strdup_printf (_("The timeline was not exported. %s"), error->message);
      show_error (self, message);
      g_debug ("%s", message);
    }
  else
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);

      g_signal_emit (self, signals[SAVED], 0, file);
    }
  return ok;
}

GFile *
yp_export_default_file (GUserDirectory  directory,
                        const char     *title,
                        const char     *extension)
{
  const char *folder = g_get_user_special_dir (directory);
  g_autofree char *name = title_as_file_name (title);
  g_autofree char *base = NULL;

  g_return_val_if_fail (extension != NULL, NULL);

  /* A folder the user dirs name but that is not there yet is made; with
   * none named, the home folder. */
  if (folder == NULL || (!g_file_test (folder, G_FILE_TEST_IS_DIR) && g_mkdir_with_parents (folder, 0755) != 0))
    folder = g_get_home_dir ();
  /* Not translated: a file name travels between systems. */
  base = g_strdup_printf ("%s.%s", *name != '\0' ? name : "yeonpyo", extension);
  return g_file_new_build_filename (folder, base, NULL);
}

GFile *
yp_export_dialog_dup_default_file (YpExportDialog *self)
{
  YpSession *session;
  YpRecord *record;
  const char *title = NULL;

  g_return_val_if_fail (YP_IS_EXPORT_DIALOG (self), NULL);

  session = yp_timeline_get_session (self->timeline);
  record = session ? yp_session_get_record (session) : NULL;
  if (record != NULL)
    title = yp_record_get_title (record, yp_content_lang ());
  return yp_export_default_file (G_USER_DIRECTORY_PICTURES, title,
                                 format_extension (yp_export_dialog_get_format (self)));
}
