/* yp-source-row.c: one source article in a list: outlet, headline, date
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "yp-source-row"

#include "config.h"

#include <glib/gi18n.h>

#include "yp-a11y.h"
#include "yp-source-row.h"
#include "yp-format.h"

struct _YpSourceRow
{
  GtkWidget  parent_instance;

  GtkLabel  *outlet_label;
  GtkLabel  *title_label;
  GtkLabel  *date_label;
  YpSource  *source;
};

G_DEFINE_FINAL_TYPE (YpSourceRow, yp_source_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SOURCE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
yp_source_row_dispose (GObject *object)
{
  YpSourceRow *self = (YpSourceRow *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), YP_TYPE_SOURCE_ROW);
  g_clear_object (&self->source);

  G_OBJECT_CLASS (yp_source_row_parent_class)->dispose (object);
}

static void
yp_source_row_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  YpSourceRow *self = YP_SOURCE_ROW (object);

  switch (prop_id)
    {
    case PROP_SOURCE:
      g_value_set_object (value, self->source);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yp_source_row_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  YpSourceRow *self = YP_SOURCE_ROW (object);

  switch (prop_id)
    {
    case PROP_SOURCE:
      yp_source_row_set_source (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yp_source_row_class_init (YpSourceRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yp_source_row_dispose;
  object_class->get_property = yp_source_row_get_property;
  object_class->set_property = yp_source_row_set_property;

  properties[PROP_SOURCE] =
    g_param_spec_object ("source", NULL, NULL, YP_TYPE_SOURCE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/yeonpyo/Yeonpyo/ui/yp-source-row.ui");
  gtk_widget_class_bind_template_child (widget_class, YpSourceRow, outlet_label);
  gtk_widget_class_bind_template_child (widget_class, YpSourceRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, YpSourceRow, date_label);
}

static void
yp_source_row_init (YpSourceRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))), 3);
}

GtkWidget *
yp_source_row_new (void)
{
  return g_object_new (YP_TYPE_SOURCE_ROW, NULL);
}

char *
yp_source_row_date_text (YpSource *source)
{
  YpPrecision precision = yp_source_get_published_precision (source);

  if (yp_source_get_published (source) == NULL)
    return g_strdup (_("Date not stated"));
  return yp_format_written_date (yp_source_get_published (source),
                                 yp_source_get_timezone (source),
                                 precision == YP_PRECISION_EXACT ? YP_PRECISION_DAY : precision);
}

void
yp_source_row_set_source (YpSourceRow *self,
                          YpSource    *source)
{
  g_autofree char *when = NULL;
  g_autofree char *date_line = NULL;
  g_autofree char *excerpt = NULL;
  const char *heading;
  PangoAttrList *attrs;

  g_return_if_fail (YP_IS_SOURCE_ROW (self));
  g_return_if_fail (source == NULL || YP_IS_SOURCE (source));

  if (g_set_object (&self->source, source))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCE]);
  if (source == NULL)
    return;

  /* The outlet heads the row; without one the headline does, and is not
   * repeated under it. */
  heading = yp_format_source_heading (source, yp_ui_lang ());
  gtk_label_set_text (self->outlet_label, heading ? heading : "");
  gtk_widget_set_visible (GTK_WIDGET (self->outlet_label), heading != NULL);
  gtk_widget_remove_css_class (GTK_WIDGET (self->title_label), "untitled");
  if (heading != NULL && heading == yp_source_get_title (source))
    gtk_label_set_text (self->title_label, "");
  else if (yp_source_get_title (source) != NULL)
    gtk_label_set_text (self->title_label, yp_source_get_title (source));
  else
    {
      /* No headline: show how the article begins, marked as such. */
      excerpt = yp_source_dup_excerpt (source, 60);
      gtk_label_set_text (self->title_label, excerpt);
      gtk_widget_add_css_class (GTK_WIDGET (self->title_label), "untitled");
    }
  gtk_widget_set_visible (GTK_WIDGET (self->title_label), *gtk_label_get_text (self->title_label) != '\0');
  attrs = yp_keep_words_attrs (gtk_label_get_text (self->outlet_label));
  gtk_label_set_attributes (self->outlet_label, attrs);
  pango_attr_list_unref (attrs);
  attrs = yp_keep_words_attrs (gtk_label_get_text (self->title_label));
  gtk_label_set_attributes (self->title_label, attrs);
  pango_attr_list_unref (attrs);
  when = yp_source_row_date_text (source);
  date_line = g_strdup_printf ("%s · %s", when, yp_language_name (yp_source_get_language (source)));
  gtk_label_set_text (self->date_label, date_line);
  {
    const char *first = gtk_label_get_text (self->outlet_label);
    const char *second = gtk_label_get_text (self->title_label);
    g_autofree char *name = *first && *second ? g_strdup_printf ("%s, %s", first, second)
                                              : g_strdup (*first ? first : second);

    yp_a11y_name_row (GTK_WIDGET (self), name, date_line);
  }
}

YpSource *
yp_source_row_get_source (YpSourceRow *self)
{
  g_return_val_if_fail (YP_IS_SOURCE_ROW (self), NULL);
  return self->source;
}

const char *
yp_source_row_get_heading (YpSourceRow *self)
{
  g_return_val_if_fail (YP_IS_SOURCE_ROW (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->outlet_label)) ? gtk_label_get_text (self->outlet_label) : NULL;
}

const char *
yp_source_row_get_subtitle (YpSourceRow *self)
{
  g_return_val_if_fail (YP_IS_SOURCE_ROW (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->title_label)) ? gtk_label_get_text (self->title_label) : NULL;
}
