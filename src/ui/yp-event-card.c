/* yp-event-card.c: the selected event: date, title, summary, who and
 * what, and one button per citation that opens its passage
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "yp-event-card"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "yp-event-card.h"
#include "yp-format.h"

struct _YpEventCard
{
  GtkWidget   parent_instance;

  GtkLabel   *date_label;
  GtkLabel   *title_label;
  GtkLabel   *summary_label;
  GtkLabel   *meta_label;
  GtkFlowBox *citation_box;
  GtkWidget  *compare_button;
  GPtrArray  *buttons;   /* one GtkButton per citation, in order */

  YpRecord   *record;
  YpEvent    *event;
};

G_DEFINE_FINAL_TYPE (YpEventCard, yp_event_card, GTK_TYPE_WIDGET)

enum {
  CITATION_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Helpers */

static void
mark_current (YpEventCard *self,
              guint        current)
{
  for (guint i = 0; i < self->buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (self->buttons, i);

      if (i == current)
        gtk_widget_add_css_class (button, "current");
      else
        gtk_widget_remove_css_class (button, "current");
    }
}

/* Signal callbacks */

static void
citation_clicked_cb (GtkButton   *button,
                     YpEventCard *self)
{
  guint index;

  if (!g_ptr_array_find (self->buttons, button, &index))
    return;
  mark_current (self, index);
  g_signal_emit (self, signals[CITATION_ACTIVATED], 0, index);
}

/* GObject */

static void
yp_event_card_dispose (GObject *object)
{
  YpEventCard *self = (YpEventCard *) object;
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), YP_TYPE_EVENT_CARD);
  /* GTK 4.8 unparents only the template's named children. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->buttons, g_ptr_array_unref);
  g_clear_object (&self->event);
  g_clear_object (&self->record);

  G_OBJECT_CLASS (yp_event_card_parent_class)->dispose (object);
}

static void
yp_event_card_class_init (YpEventCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yp_event_card_dispose;

  signals[CITATION_ACTIVATED] =
    g_signal_new ("citation-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/yeonpyo/Yeonpyo/ui/yp-event-card.ui");
  gtk_widget_class_bind_template_child (widget_class, YpEventCard, date_label);
  gtk_widget_class_bind_template_child (widget_class, YpEventCard, title_label);
  gtk_widget_class_bind_template_child (widget_class, YpEventCard, summary_label);
  gtk_widget_class_bind_template_child (widget_class, YpEventCard, meta_label);
  gtk_widget_class_bind_template_child (widget_class, YpEventCard, citation_box);
  gtk_widget_class_bind_template_child (widget_class, YpEventCard, compare_button);
}

static void
yp_event_card_init (YpEventCard *self)
{
  GtkLayoutManager *layout;

  gtk_widget_init_template (GTK_WIDGET (self));
  layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 4);
  self->buttons = g_ptr_array_new ();
}

/* Public API */

void
yp_event_card_set_record (YpEventCard *self,
                          YpRecord    *record)
{
  g_return_if_fail (YP_IS_EVENT_CARD (self));
  g_set_object (&self->record, record);
}

YpEvent *
yp_event_card_get_event (YpEventCard *self)
{
  g_return_val_if_fail (YP_IS_EVENT_CARD (self), NULL);
  return self->event;
}

GtkButton *
yp_event_card_get_citation_button (YpEventCard *self,
                                   guint        index)
{
  g_return_val_if_fail (YP_IS_EVENT_CARD (self), NULL);
  return index < self->buttons->len ? g_ptr_array_index (self->buttons, index) : NULL;
}

char *
yp_event_card_citation_label (YpRecord *record,
                              YpEvent  *event,
                              guint     index)
{
  YpCitation *c = yp_event_get_citation (event, index);
  const char *id = yp_citation_get_source_id (c);
  YpSource *source = yp_record_lookup_source (record, id);
  const char *name, *outlet;
  g_autofree char *when = NULL;
  gboolean shared_outlet = FALSE;
  guint passage = 0, passages = 0;

  if (source == NULL)
    return g_strdup (id);
  name = yp_format_source_heading (source, yp_ui_lang ());
  outlet = yp_source_get_outlet (source, yp_ui_lang ());
  for (guint i = 0; i < yp_event_get_n_citations (event); i++)
    {
      const char *other_id = yp_citation_get_source_id (yp_event_get_citation (event, i));
      YpSource *other = yp_record_lookup_source (record, other_id);

      if (g_strcmp0 (other_id, id) == 0)
        {
          passages++;
          if (i <= index)
            passage++;
        }
      else if (other != NULL && outlet != NULL &&
               g_strcmp0 (yp_source_get_outlet (other, yp_ui_lang ()), outlet) == 0)
        shared_outlet = TRUE;
    }

  /* The day only: the time and zone are in the article's heading. */
  if (yp_source_get_published (source) == NULL)
    when = g_strdup (_("Date not stated"));
  else
    when = yp_format_instant ((gint64) yp_source_get_published_start (source), yp_source_get_timezone (source),
                              yp_source_get_published_precision (source) == YP_PRECISION_EXACT
                                ? YP_PRECISION_DAY : yp_source_get_published_precision (source),
                              FALSE);
  {
    g_autoptr(GString) label = g_string_new (NULL);

    /* Translators: a citation's button: "TechCrunch · 21 November 2023" */
    g_string_printf (label, _("%s · %s"), name ? name : _("Unnamed source"), when);
    if (shared_outlet && outlet != NULL && yp_source_get_title (source) != NULL)
      g_string_append_printf (label, " — %s", yp_source_get_title (source));
    if (passages > 1)
      {
        /* Translators: a source cited twice by one event: "…, passage 2" */
        g_autofree char *nth = g_strdup_printf (_("passage %u"), passage);
        g_string_append_printf (label, ", %s", nth);
      }
    return g_string_free (g_steal_pointer (&label), FALSE);
  }
}

void
yp_event_card_show (YpEventCard *self,
                    YpEvent     *event,
                    guint        current)
{
  YpLang lang = yp_content_lang ();
  g_autofree char *title = NULL;
  g_autofree char *summary = NULL;
  g_autoptr(GString) meta = NULL;
  g_autofree char *when = NULL;
  g_autofree char *date_line = NULL;
  const char * const *actors;
  const char *status, *note;

  g_return_if_fail (YP_IS_EVENT_CARD (self));
  g_return_if_fail (event == NULL || YP_IS_EVENT (event));

  for (guint i = 0; i < self->buttons->len; i++)
    gtk_flow_box_remove (self->citation_box, gtk_widget_get_parent (g_ptr_array_index (self->buttons, i)));
  g_ptr_array_set_size (self->buttons, 0);
  g_set_object (&self->event, event);

  gtk_widget_set_visible (GTK_WIDGET (self), event != NULL);
  if (event == NULL || self->record == NULL)
    return;

  when = yp_format_event_date (event);
  note = yp_event_get_date_note (event, lang);
  status = yp_format_status (event);
  date_line = g_strdup_printf ("%s%s%s", when, note ? " — " : "", note ? note : "");
  gtk_label_set_text (self->date_label, date_line);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->date_label), note ? date_line : NULL);
  title = yp_content_pair (yp_event_get_title (event, YP_LANG_KO), yp_event_get_title (event, YP_LANG_EN), "\n");
  summary = yp_content_pair (yp_event_get_summary (event, YP_LANG_KO), yp_event_get_summary (event, YP_LANG_EN), "\n\n");
  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->summary_label, summary);
  gtk_widget_set_visible (self->compare_button, yp_format_count_sources (event) > 1);

  meta = g_string_new (yp_format_category (yp_event_get_category (event)));
  if (status)
    g_string_append_printf (meta, " · %s", status);
  actors = yp_event_get_actors (event);
  for (guint i = 0; actors[i] != NULL; i++)
    {
      YpActor *actor = yp_record_lookup_actor (self->record, actors[i]);
      g_string_append_printf (meta, "%s%s", i == 0 ? " · " : ", ",
                              actor ? yp_actor_get_name (actor, lang) : actors[i]);
    }
  gtk_label_set_text (self->meta_label, meta->str);

  /* One button per citation: the other passages are one click away. */
  for (guint i = 0; i < yp_event_get_n_citations (event); i++)
    {
      YpCitation *c = yp_event_get_citation (event, i);
      g_autofree char *label = yp_event_card_citation_label (self->record, event, i);
      GtkWidget *button = gtk_button_new_with_label (label);
      GtkLabel *text = GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button)));

      /* A long headline wraps instead of being cut. */
      gtk_label_set_wrap (text, TRUE);
      gtk_label_set_wrap_mode (text, PANGO_WRAP_WORD_CHAR);
      gtk_label_set_max_width_chars (text, 40);
      gtk_widget_set_tooltip_text (button, yp_citation_get_quote (c));
      {
        /* Read out whole, with the headline: two passages of one outlet
         * must not sound the same. */
        YpSource *source = yp_record_lookup_source (self->record, yp_citation_get_source_id (c));
        const char *headline = source ? yp_source_get_title (source) : NULL;
        g_autofree char *name = headline && !strstr (label, headline)
                                ? g_strdup_printf (_("Passage %u of %u: %s, %s"), i + 1,
                                                   yp_event_get_n_citations (event), label, headline)
                                : g_strdup_printf (_("Passage %u of %u: %s"), i + 1,
                                                   yp_event_get_n_citations (event), label);

        gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
        gtk_flow_box_append (self->citation_box, button);
        /* The cell around it is read too. */
        gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (button)),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      }
      gtk_widget_add_css_class (button, "citation");
      g_signal_connect (button, "clicked", G_CALLBACK (citation_clicked_cb), self);
      g_ptr_array_add (self->buttons, button);
      /* The button takes the focus, not the cell around it. */
      gtk_widget_set_focusable (gtk_widget_get_parent (button), FALSE);
    }
  mark_current (self, current);
}
