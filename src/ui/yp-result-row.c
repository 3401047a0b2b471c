/* yp-result-row.c: one search result: what it is, its title, its snippet
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "yp-result-row"

#include "config.h"

#include <glib/gi18n.h>

#include "yp-event-list.h"
#include "yp-format.h"
#include "yp-a11y.h"
#include "yp-result-row.h"
#include "yp-source-row.h"

struct _YpResultRow
{
  GtkWidget       parent_instance;

  GtkLabel       *kind_label;
  GtkLabel       *title_label;
  GtkLabel       *snippet_label;
  YpSearchResult *result;
  GtkListItem    *item;   /* not a reference: the item owns the row */
};

G_DEFINE_FINAL_TYPE (YpResultRow, yp_result_row, GTK_TYPE_WIDGET)

/* The snippet with its matches in bold, escaped for markup. */
static char *
snippet_markup (YpSearchResult *result)
{
  const char *text = yp_search_result_get_snippet (result);
  g_autoptr(GString) out = g_string_new (NULL);
  guint n_spans, pos = 0;
  const guint *spans = yp_search_result_get_spans (result, &n_spans);
  glong n_chars = g_utf8_strlen (text, -1);

  for (guint i = 0; i <= n_spans; i++)
    {
      guint start = i < n_spans ? MIN (spans[2 * i], n_chars) : n_chars;
      guint end = i < n_spans ? MIN (spans[2 * i + 1], n_chars) : n_chars;
      const char *a = g_utf8_offset_to_pointer (text, pos);
      const char *b = g_utf8_offset_to_pointer (text, start);
      g_autofree char *plain = g_markup_escape_text (a, b - a);

      g_string_append (out, plain);
      if (i < n_spans && end > start)
        {
          const char *c = g_utf8_offset_to_pointer (text, end);
          g_autofree char *hit = g_markup_escape_text (b, c - b);
          g_string_append_printf (out, "<b>%s</b>", hit);
        }
      pos = MAX (pos, end);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
yp_result_row_dispose (GObject *object)
{
  YpResultRow *self = (YpResultRow *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), YP_TYPE_RESULT_ROW);
  g_clear_object (&self->result);
  self->item = NULL;

  G_OBJECT_CLASS (yp_result_row_parent_class)->dispose (object);
}

static void
yp_result_row_class_init (YpResultRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yp_result_row_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/yeonpyo/Yeonpyo/ui/yp-result-row.ui");
  gtk_widget_class_bind_template_child (widget_class, YpResultRow, kind_label);
  gtk_widget_class_bind_template_child (widget_class, YpResultRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, YpResultRow, snippet_label);
}

static void
yp_result_row_init (YpResultRow *self)
{
  GtkLayoutManager *layout;

  gtk_widget_init_template (GTK_WIDGET (self));
  layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 2);
}

GtkWidget *
yp_result_row_new (void)
{
  return g_object_new (YP_TYPE_RESULT_ROW, NULL);
}

YpEvent *
yp_result_event (YpRecord       *record,
                 YpSearchResult *result)
{
  return yp_event_list_peek (YP_EVENT_LIST (yp_record_get_events (record)),
                             yp_search_result_get_position (result));
}

void
yp_result_row_show (YpResultRow    *self,
                    YpRecord       *record,
                    YpSearchResult *result)
{
  g_autofree char *markup = NULL;
  YpLang lang = yp_content_lang ();

  g_return_if_fail (YP_IS_RESULT_ROW (self));
  g_return_if_fail (YP_IS_RECORD (record));

  /* An emptied slot, taken out of the list after the frame. */
  gtk_widget_set_visible (GTK_WIDGET (self), result != NULL);
  if (result == NULL)
    {
      g_clear_object (&self->result);
      return;
    }
  g_set_object (&self->result, result);
  markup = snippet_markup (result);
  if (yp_search_result_get_kind (result) == YP_SEARCH_RESULT_EVENT)
    {
      YpEvent *event = yp_result_event (record, result);
      g_autofree char *when = event ? yp_format_event_date (event) : NULL;
      g_autofree char *line = g_strdup_printf ("%s · %s", _("Event"), when ? when : "");

      gtk_label_set_text (self->kind_label, line);
      gtk_label_set_text (self->title_label, event ? yp_event_get_title (event, lang) : "");
    }
  else
    {
      YpSource *source = yp_record_lookup_source (record, yp_search_result_get_id (result));
      const char *outlet = source ? yp_source_get_display_outlet (source, yp_ui_lang ()) : NULL;
      g_autofree char *when = NULL;
      g_autofree char *line = NULL;

      /* The title line below holds the headline; an article without an
       * outlet is told apart by its date instead of a placeholder. */
      if (outlet == NULL && source != NULL && yp_source_get_published (source) != NULL)
        when = yp_source_row_date_text (source);
      if (outlet != NULL || when != NULL)
        line = g_strdup_printf ("%s · %s", _("Article"), outlet ? outlet : when);
      else
        line = g_strdup (_("Article"));

      gtk_label_set_text (self->kind_label, line);
      gtk_label_set_text (self->title_label, source && yp_source_get_title (source) ? yp_source_get_title (source)
                                                                                  : _("No headline in the file"));
    }
  gtk_label_set_markup (self->snippet_label, markup);
  {
    g_autofree char *name = g_strdup_printf ("%s, %s", gtk_label_get_text (self->kind_label),
                                             gtk_label_get_text (self->title_label));

    yp_a11y_name_row (GTK_WIDGET (self), name, gtk_label_get_text (self->snippet_label));
  }
}

YpSearchResult *
yp_result_row_get_result (YpResultRow *self)
{
  g_return_val_if_fail (YP_IS_RESULT_ROW (self), NULL);
  return self->result;
}

const char *
yp_result_row_get_title (YpResultRow *self)
{
  g_return_val_if_fail (YP_IS_RESULT_ROW (self), NULL);
  return gtk_label_get_text (self->title_label);
}

void
yp_result_row_set_item (YpResultRow *self,
                        GtkListItem *item)
{
  g_return_if_fail (YP_IS_RESULT_ROW (self));
  self->item = item;
}

GtkListItem *
yp_result_row_get_item (YpResultRow *self)
{
  g_return_val_if_fail (YP_IS_RESULT_ROW (self), NULL);
  return self->item;
}
