/* yp-event-row.c: one event in the event list: date, title, other title
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "yp-event-row"

#include "config.h"

#include "yp-a11y.h"
#include "yp-event-row.h"
#include "yp-format.h"

struct _YpEventRow
{
  GtkWidget  parent_instance;

  GtkLabel  *date_label;
  GtkLabel  *title_label;
  GtkLabel  *second_label;
  YpEvent   *event;
};

G_DEFINE_FINAL_TYPE (YpEventRow, yp_event_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_EVENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
yp_event_row_dispose (GObject *object)
{
  YpEventRow *self = (YpEventRow *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), YP_TYPE_EVENT_ROW);
  g_clear_object (&self->event);

  G_OBJECT_CLASS (yp_event_row_parent_class)->dispose (object);
}

static void
yp_event_row_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  YpEventRow *self = YP_EVENT_ROW (object);

  switch (prop_id)
    {
    case PROP_EVENT:
      g_value_set_object (value, self->event);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yp_event_row_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  YpEventRow *self = YP_EVENT_ROW (object);

  switch (prop_id)
    {
    case PROP_EVENT:
      yp_event_row_set_event (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yp_event_row_class_init (YpEventRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yp_event_row_dispose;
  object_class->get_property = yp_event_row_get_property;
  object_class->set_property = yp_event_row_set_property;

  properties[PROP_EVENT] =
    g_param_spec_object ("event", NULL, NULL, YP_TYPE_EVENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/yeonpyo/Yeonpyo/ui/yp-event-row.ui");
  gtk_widget_class_bind_template_child (widget_class, YpEventRow, date_label);
  gtk_widget_class_bind_template_child (widget_class, YpEventRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, YpEventRow, second_label);
}

static void
yp_event_row_init (YpEventRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))), 2);
}

GtkWidget *
yp_event_row_new (void)
{
  return g_object_new (YP_TYPE_EVENT_ROW, NULL);
}

void
yp_event_row_set_event (YpEventRow *self,
                        YpEvent    *event)
{
  g_autofree char *when = NULL;
  g_autofree char *line = NULL;
  const char *status;
  YpLang lang = yp_content_lang ();
  PangoAttrList *attrs;

  g_return_if_fail (YP_IS_EVENT_ROW (self));
  g_return_if_fail (event == NULL || YP_IS_EVENT (event));

  /* Set again on every bind: the content language may have changed. */
  if (g_set_object (&self->event, event))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EVENT]);
  if (event == NULL)
    return;

  when = yp_format_event_date (event);
  status = yp_format_status (event);
  line = status ? g_strdup_printf ("%s · %s", when, status) : g_strdup (when);
  gtk_label_set_text (self->date_label, line);
  gtk_label_set_text (self->title_label, yp_event_get_title (event, lang));
  /* In both languages, the other one under it. */
  gtk_widget_set_visible (GTK_WIDGET (self->second_label), yp_content_bilingual ());
  gtk_label_set_text (self->second_label, yp_event_get_title (event, lang == YP_LANG_KO ? YP_LANG_EN : YP_LANG_KO));
  attrs = yp_keep_words_attrs (gtk_label_get_text (self->title_label));
  gtk_label_set_attributes (self->title_label, attrs);
  pango_attr_list_unref (attrs);
  yp_a11y_name_row (GTK_WIDGET (self), line, gtk_label_get_text (self->title_label));
}

YpEvent *
yp_event_row_get_event (YpEventRow *self)
{
  g_return_val_if_fail (YP_IS_EVENT_ROW (self), NULL);
  return self->event;
}
