/* yp-story-page.c: the story at a glance, where the reading pane would
 * otherwise say that nothing is selected: title, span, sources, and how
 * to start
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "yp-story-page"

#include "config.h"

#include <glib/gi18n.h>

#include "yp-a11y.h"
#include "yp-format.h"
#include "yp-source-row.h"
#include "yp-story-page.h"

/* More sources than this are left to the Sources tab. */
#define MAX_SOURCES 8

struct _YpStoryPage
{
  GtkWidget   parent_instance;

  GtkWidget  *scroller;
  GtkLabel   *title_label;
  GtkLabel   *span_label;
  GtkLabel   *sources_heading;
  GtkListBox *sources_list;
  GtkLabel   *more_label;
  GPtrArray  *rows;      /* YpSourceRow, in the list's order */
  YpRecord   *record;
};

G_DEFINE_FINAL_TYPE (YpStoryPage, yp_story_page, GTK_TYPE_WIDGET)

enum {
  SOURCE_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Helpers */

static char *
span_text (YpRecord *record)
{
  GListModel *events = yp_record_get_events (record);
  guint n = g_list_model_get_n_items (events);
  g_autoptr(YpEvent) first = NULL;
  g_autoptr(YpEvent) last = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *count = NULL;

  /* Translators: the number of events in the story */
  count = g_strdup_printf (ngettext ("%u event", "%u events", n), n);
  if (n == 0)
    return g_steal_pointer (&count);
  first = g_list_model_get_item (events, 0);
  last = g_list_model_get_item (events, n - 1);
  from = yp_format_instant (yp_event_get_anchor (first), NULL, YP_PRECISION_MONTH, FALSE);
  to = yp_format_instant (yp_event_get_anchor (last), NULL, YP_PRECISION_MONTH, FALSE);
  if (g_strcmp0 (from, to) == 0)
    return g_strdup_printf ("%s · %s", from, count);
  /* Translators: the story's span and size: "November 2023 – July 2025 · 38 events" */
  return g_strdup_printf (_("%s – %s · %s"), from, to, count);
}

/* Signal callbacks */

static void
row_activated_cb (YpStoryPage   *self,
                  GtkListBoxRow *row,
                  GtkListBox    *list)
{
  int index = gtk_list_box_row_get_index (row);

  if (index >= 0 && (guint) index < self->rows->len)
    g_signal_emit (self, signals[SOURCE_ACTIVATED], 0,
                   yp_source_row_get_source (g_ptr_array_index (self->rows, index)));
}

/* GObject */

static void
yp_story_page_dispose (GObject *object)
{
  YpStoryPage *self = (YpStoryPage *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), YP_TYPE_STORY_PAGE);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_object (&self->record);

  G_OBJECT_CLASS (yp_story_page_parent_class)->dispose (object);
}

static void
yp_story_page_class_init (YpStoryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yp_story_page_dispose;

  signals[SOURCE_ACTIVATED] =
    g_signal_new ("source-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, YP_TYPE_SOURCE);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/yeonpyo/Yeonpyo/ui/yp-story-page.ui");
  gtk_widget_class_bind_template_child (widget_class, YpStoryPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, YpStoryPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, YpStoryPage, span_label);
  gtk_widget_class_bind_template_child (widget_class, YpStoryPage, sources_heading);
  gtk_widget_class_bind_template_child (widget_class, YpStoryPage, sources_list);
  gtk_widget_class_bind_template_child (widget_class, YpStoryPage, more_label);
}

static void
yp_story_page_init (YpStoryPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
  g_signal_connect_swapped (self->sources_list, "row-activated", G_CALLBACK (row_activated_cb), self);
  yp_a11y_one_tab_stop (GTK_WIDGET (self->sources_list));
}

/* Public API */

GtkWidget *
yp_story_page_new (void)
{
  return g_object_new (YP_TYPE_STORY_PAGE, NULL);
}

void
yp_story_page_set_record (YpStoryPage *self,
                          YpRecord    *record)
{
  GListModel *sources;
  guint n_sources, shown;
  const char *title;
  g_autofree char *span = NULL;
  g_autofree char *heading = NULL;
  GtkWidget *child;

  g_return_if_fail (YP_IS_STORY_PAGE (self));
  g_return_if_fail (YP_IS_RECORD (record));

  g_set_object (&self->record, record);
  title = yp_record_get_title (record, yp_content_lang ());
  gtk_label_set_text (self->title_label, title && *title ? title : _("Untitled Timeline"));
  span = span_text (record);
  gtk_label_set_text (self->span_label, span);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->sources_list))) != NULL)
    gtk_list_box_remove (self->sources_list, child);
  g_ptr_array_set_size (self->rows, 0);
  sources = yp_record_get_sources (record);
  n_sources = g_list_model_get_n_items (sources);
  shown = MIN (n_sources, MAX_SOURCES);
  for (guint i = 0; i < shown; i++)
    {
      g_autoptr(YpSource) source = g_list_model_get_item (sources, i);
      GtkWidget *row = yp_source_row_new ();

      /* In the list first: the row names the list row around it. */
      gtk_list_box_append (self->sources_list, row);
      yp_source_row_set_source (YP_SOURCE_ROW (row), source);
      g_ptr_array_add (self->rows, row);
    }
  /* Translators: the heading over the story's sources: "5 Sources" */
  heading = g_strdup_printf (ngettext ("%u Source", "%u Sources", n_sources), n_sources);
  gtk_label_set_text (self->sources_heading, heading);
  gtk_widget_set_visible (GTK_WIDGET (self->sources_heading), n_sources > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->sources_list), n_sources > 0);
  if (n_sources > shown)
    {
      g_autofree char *more = g_strdup_printf (ngettext ("And %u more in the Sources tab.",
                                                         "And %u more in the Sources tab.",
                                                         n_sources - shown), n_sources - shown);
      gtk_label_set_text (self->more_label, more);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->more_label), n_sources > shown);
}

const char *
yp_story_page_get_title (YpStoryPage *self)
{
  g_return_val_if_fail (YP_IS_STORY_PAGE (self), NULL);
  return gtk_label_get_text (self->title_label);
}

const char *
yp_story_page_get_span (YpStoryPage *self)
{
  g_return_val_if_fail (YP_IS_STORY_PAGE (self), NULL);
  return gtk_label_get_text (self->span_label);
}

guint
yp_story_page_get_n_sources (YpStoryPage *self)
{
  g_return_val_if_fail (YP_IS_STORY_PAGE (self), 0);
  return self->rows->len;
}

YpSourceRow *
yp_story_page_get_source_row (YpStoryPage *self,
                              guint        index)
{
  g_return_val_if_fail (YP_IS_STORY_PAGE (self), NULL);
  return index < self->rows->len ? g_ptr_array_index (self->rows, index) : NULL;
}
