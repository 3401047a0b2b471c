/* yp-filter-popover.c: the filter's check boxes, one per category, source
 * and actor of the timeline, in three sections
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "yp-filter-popover"

#include "config.h"

#include <glib/gi18n.h>

#include "yp-event-list.h"
#include "yp-filter-popover.h"
#include "yp-format.h"

/* What a check box stands for. */
typedef struct
{
  GtkCheckButton *check;
  GHashTable     *set;
  char           *id;
} FilterChoice;

struct _YpFilterPopover
{
  GtkPopover     parent_instance;

  GtkBox        *categories_box;
  GtkBox        *sources_box;
  GtkBox        *actors_box;
  GArray        *choices;   /* FilterChoice, in the popover's order */
  YpEventFilter  filter;    /* the caller's sets */
};

G_DEFINE_FINAL_TYPE (YpFilterPopover, yp_filter_popover, GTK_TYPE_POPOVER)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
choice_clear (gpointer data)
{
  FilterChoice *choice = data;

  g_free (choice->id);
}

/* Signal callbacks */

static void
check_toggled_cb (GtkCheckButton  *check,
                  YpFilterPopover *self)
{
  for (guint i = 0; i < self->choices->len; i++)
    {
      FilterChoice *choice = &g_array_index (self->choices, FilterChoice, i);

      if (choice->check != check)
        continue;
      if (gtk_check_button_get_active (check))
        g_hash_table_add (choice->set, g_strdup (choice->id));
      else
        g_hash_table_remove (choice->set, choice->id);
      g_signal_emit (self, signals[CHANGED], 0);
      return;
    }
}

/* Helpers */

static GtkCheckButton *
add_choice (YpFilterPopover *self,
            GtkBox          *box,
            GHashTable      *set,
            const char      *id,
            const char      *text)
{
  FilterChoice choice = { NULL, set, g_strdup (id) };

  choice.check = GTK_CHECK_BUTTON (gtk_check_button_new_with_label (text));
  gtk_check_button_set_active (choice.check, g_hash_table_contains (set, id));
  g_signal_connect (choice.check, "toggled", G_CALLBACK (check_toggled_cb), self);
  g_array_append_val (self->choices, choice);
  gtk_box_append (box, GTK_WIDGET (choice.check));
  return choice.check;
}

static void
build (YpFilterPopover *self,
       YpRecord        *record)
{
  GPtrArray *categories;
  GListModel *actors = yp_record_get_actors (record);
  GListModel *sources = yp_record_get_sources (record);
  YpLang lang = yp_content_lang ();

  /* The categories the events have (a TimelineJS file's groups), in the
   * order they first appear. */
  categories = yp_event_list_get_categories (YP_EVENT_LIST (yp_record_get_events (record)));
  for (guint i = 0; i < categories->len; i++)
    {
      const char *category = g_ptr_array_index (categories, i);

      add_choice (self, self->categories_box, self->filter.categories, category,
                  *category ? yp_format_category (category) : _("No group"));
    }

  for (guint i = 0; i < g_list_model_get_n_items (sources); i++)
    {
      g_autoptr(YpSource) source = g_list_model_get_item (sources, i);
      const char *outlet = yp_source_get_outlet (source, yp_ui_lang ());
      const char *headline = yp_source_get_title (source);
      /* What tells the sources apart comes first: the outlet, or for a
       * file that names none its headline alone. */
      g_autofree char *text = outlet != NULL
                              ? g_strdup_printf ("%s — %s", outlet, headline ? headline : _("No headline in the file"))
                              : g_strdup (headline ? headline : _("Outlet not named"));
      GtkCheckButton *check = add_choice (self, self->sources_box, self->filter.sources,
                                          yp_source_get_id (source), text);

      /* A GtkCheckButton made with a label holds it as its last child. */
      gtk_label_set_ellipsize (GTK_LABEL (gtk_widget_get_last_child (GTK_WIDGET (check))), PANGO_ELLIPSIZE_END);
    }

  for (guint i = 0; i < g_list_model_get_n_items (actors); i++)
    {
      g_autoptr(YpActor) actor = g_list_model_get_item (actors, i);

      add_choice (self, self->actors_box, self->filter.actors, yp_actor_get_id (actor),
                  yp_actor_get_name (actor, lang));
    }
}

/* GObject */

static void
yp_filter_popover_dispose (GObject *object)
{
  YpFilterPopover *self = (YpFilterPopover *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), YP_TYPE_FILTER_POPOVER);

  G_OBJECT_CLASS (yp_filter_popover_parent_class)->dispose (object);
}

static void
yp_filter_popover_finalize (GObject *object)
{
  YpFilterPopover *self = (YpFilterPopover *) object;

  g_clear_pointer (&self->choices, g_array_unref);

  G_OBJECT_CLASS (yp_filter_popover_parent_class)->finalize (object);
}

static void
yp_filter_popover_class_init (YpFilterPopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yp_filter_popover_dispose;
  object_class->finalize = yp_filter_popover_finalize;

  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/yeonpyo/Yeonpyo/ui/yp-filter-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, YpFilterPopover, categories_box);
  gtk_widget_class_bind_template_child (widget_class, YpFilterPopover, sources_box);
  gtk_widget_class_bind_template_child (widget_class, YpFilterPopover, actors_box);
}

static void
yp_filter_popover_init (YpFilterPopover *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->choices = g_array_new (FALSE, TRUE, sizeof (FilterChoice));
  g_array_set_clear_func (self->choices, choice_clear);
}

/* Public API */

GtkWidget *
yp_filter_popover_new (YpRecord            *record,
                       const YpEventFilter *filter)
{
  YpFilterPopover *self;

  g_return_val_if_fail (YP_IS_RECORD (record), NULL);
  g_return_val_if_fail (filter != NULL, NULL);

  self = g_object_new (YP_TYPE_FILTER_POPOVER, NULL);
  self->filter = *filter;
  build (self, record);
  return GTK_WIDGET (self);
}

gboolean
yp_filter_popover_set_active (YpFilterPopover *self,
                              const char      *id,
                              gboolean         active)
{
  g_return_val_if_fail (YP_IS_FILTER_POPOVER (self), FALSE);

  for (guint i = 0; i < self->choices->len; i++)
    {
      FilterChoice *choice = &g_array_index (self->choices, FilterChoice, i);

      if (g_strcmp0 (choice->id, id) == 0)
        {
          gtk_check_button_set_active (choice->check, active);
          return TRUE;
        }
    }
  return FALSE;
}

void
yp_filter_popover_clear (YpFilterPopover *self)
{
  g_return_if_fail (YP_IS_FILTER_POPOVER (self));

  for (guint i = 0; i < self->choices->len; i++)
    {
      FilterChoice *choice = &g_array_index (self->choices, FilterChoice, i);

      g_signal_handlers_block_by_func (choice->check, check_toggled_cb, self);
      gtk_check_button_set_active (choice->check, FALSE);
      g_signal_handlers_unblock_by_func (choice->check, check_toggled_cb, self);
      g_hash_table_remove (choice->set, choice->id);
    }
  g_signal_emit (self, signals[CHANGED], 0);
}

char **
yp_filter_popover_dup_active (YpFilterPopover   *self,
                              char            ***labels)
{
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) texts = g_strv_builder_new ();

  g_return_val_if_fail (YP_IS_FILTER_POPOVER (self), NULL);

  for (guint i = 0; i < self->choices->len; i++)
    {
      FilterChoice *choice = &g_array_index (self->choices, FilterChoice, i);

      if (!gtk_check_button_get_active (choice->check))
        continue;
      g_strv_builder_add (ids, choice->id);
      g_strv_builder_add (texts, gtk_check_button_get_label (choice->check));
    }
  if (labels != NULL)
    *labels = g_strv_builder_end (texts);
  return g_strv_builder_end (ids);
}
