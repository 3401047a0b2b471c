/* yp-compare-dialog.c: one column per source an event cites, with the
 * passages it cites from each, so that the accounts can be compared
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "yp-compare-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "yp-compare-dialog.h"
#include "yp-format.h"

struct _YpCompareDialog
{
  GtkWindow  parent_instance;

  GtkLabel  *title_label;
  GtkWidget *scroller;
  GtkBox    *columns;
  GPtrArray *headings;   /* char *, one per column */
};

G_DEFINE_FINAL_TYPE (YpCompareDialog, yp_compare_dialog, GTK_TYPE_WINDOW)

/* Helpers */

static GtkWidget *
add_label (GtkBox     *column,
           const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_box_append (column, label);
  return label;
}

static char *
lag_text (YpSource *source,
          YpEvent  *event)
{
  double days = (yp_source_get_published_start (source) - (double) yp_event_get_anchor (event)) / 86400.0;

  if (days >= 0.5)
    return g_strdup_printf (ngettext ("written %d day after the event", "written %d days after the event",
                                      (int) (days + 0.5)), (int) (days + 0.5));
  if (days > -0.5)
    return g_strdup (_("written the day of the event"));
  return g_strdup (_("written before the event"));
}

static void
add_column (YpCompareDialog *self,
            YpSource        *source,
            YpEvent         *event)
{
  GtkBox *column = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 6));
  const char *outlet = yp_source_get_outlet (source, yp_ui_lang ());
  const char *title = yp_source_get_title (source);
  const char *heading = yp_format_source_heading (source, yp_ui_lang ());
  g_autofree char *when = NULL;
  g_autofree char *lag = NULL;
  g_autofree char *line = NULL;

  gtk_widget_add_css_class (GTK_WIDGET (column), "compare-column");
  /* The heading names the source: its outlet, else its headline, else its id. */
  if (heading == NULL)
    heading = yp_source_get_id (source);
  g_ptr_array_add (self->headings, g_strdup (heading));
  add_label (column, heading, "heading");
  if (outlet != NULL)
    add_label (column, title ? title : _("No headline in the file"), NULL);

  if (yp_source_get_published (source) != NULL)
    {
      when = yp_format_written_date (yp_source_get_published (source), yp_source_get_timezone (source),
                                     yp_source_get_published_precision (source));
      lag = lag_text (source, event);
    }
  line = g_strdup_printf ("%s%s%s", when ? when : _("Date not stated"), lag ? " — " : "", lag ? lag : "");
  add_label (column, line, "caption");
  gtk_widget_add_css_class (gtk_widget_get_last_child (GTK_WIDGET (column)), "dim-label");

  /* Every passage the event cites from this source. */
  for (guint j = 0; j < yp_event_get_n_citations (event); j++)
    {
      YpCitation *c = yp_event_get_citation (event, j);
      g_autofree char *quoted = NULL;

      if (g_strcmp0 (yp_citation_get_source_id (c), yp_source_get_id (source)) != 0)
        continue;
      quoted = g_strdup_printf ("“%s”", yp_citation_get_quote (c));
      gtk_label_set_selectable (GTK_LABEL (add_label (column, quoted, "compare-quote")), TRUE);
    }
  gtk_box_append (self->columns, GTK_WIDGET (column));
}

/* GObject */

static void
yp_compare_dialog_finalize (GObject *object)
{
  YpCompareDialog *self = (YpCompareDialog *) object;

  g_clear_pointer (&self->headings, g_ptr_array_unref);

  G_OBJECT_CLASS (yp_compare_dialog_parent_class)->finalize (object);
}

static void
yp_compare_dialog_class_init (YpCompareDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  /* No dispose: GtkWindow takes the template's widgets down (unparenting
   * them here too would do it twice). */
  object_class->finalize = yp_compare_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/yeonpyo/Yeonpyo/ui/yp-compare-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, YpCompareDialog, title_label);
  gtk_widget_class_bind_template_child (widget_class, YpCompareDialog, scroller);
  gtk_widget_class_bind_template_child (widget_class, YpCompareDialog, columns);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
yp_compare_dialog_init (YpCompareDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->headings = g_ptr_array_new_with_free_func (g_free);
}

/* Public API */

GtkWidget *
yp_compare_dialog_new (GtkWindow *parent,
                       YpRecord  *record,
                       YpEvent   *event)
{
  YpCompareDialog *self;
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (YP_IS_RECORD (record), NULL);
  g_return_val_if_fail (YP_IS_EVENT (event), NULL);

  self = g_object_new (YP_TYPE_COMPARE_DIALOG, "transient-for", parent, NULL);
  gtk_label_set_text (self->title_label, yp_event_get_title (event, yp_content_lang ()));
  for (guint i = 0; i < yp_event_get_n_citations (event); i++)
    {
      YpSource *source = yp_record_lookup_source (record, yp_citation_get_source_id (yp_event_get_citation (event, i)));

      if (source == NULL || g_ptr_array_find (seen, source, NULL))
        continue;
      g_ptr_array_add (seen, source);
      add_column (self, source, event);
    }
  /* The scroller takes the focus: a screen reader reads its name first. */
  {
    g_autofree char *name = g_strdup_printf (ngettext ("The passages of %u source, side by side",
                                                       "The passages of %u sources, side by side",
                                                       self->headings->len),
                                             self->headings->len);

    gtk_accessible_update_property (GTK_ACCESSIBLE (self->scroller), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  }
  gtk_window_set_focus (GTK_WINDOW (self), self->scroller);
  return GTK_WIDGET (self);
}

guint
yp_compare_dialog_get_n_columns (YpCompareDialog *self)
{
  g_return_val_if_fail (YP_IS_COMPARE_DIALOG (self), 0);
  return self->headings->len;
}

const char *
yp_compare_dialog_get_heading (YpCompareDialog *self,
                               guint            index)
{
  g_return_val_if_fail (YP_IS_COMPARE_DIALOG (self), NULL);
  return index < self->headings->len ? g_ptr_array_index (self->headings, index) : NULL;
}
