/* yp-window-filter.c: the window's filter: its popover (made when first
 * opened), the chips that show what is active, and the count
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "yp-window-filter"

#include "config.h"

#include <glib/gi18n.h>

#include "yp-font-options.h"
#include "yp-window-private.h"

static void
chip_clicked_cb (GtkButton *chip,
                 YpWindow  *self)
{
  /* Unticking the popover's box does the rest. */
  yp_filter_popover_set_active (self->filter_popover, g_object_get_data (G_OBJECT (chip), "yp-id"), FALSE);
}

/* GTK 4.8 has no way to announce a change: the count is the Filter
 * button's description, on the menu button and on the button inside it
 * that takes the focus. NULL: no filter. */
static void
describe_filter_button (YpWindow   *self,
                        const char *count)
{
  GtkWidget *buttons[] = { GTK_WIDGET (self->filter_button),
                           gtk_widget_get_first_child (GTK_WIDGET (self->filter_button)) };

  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    {
      if (buttons[i] == NULL)
        continue;
      if (count != NULL)
        gtk_accessible_update_property (GTK_ACCESSIBLE (buttons[i]), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, count, -1);
      else
        gtk_accessible_reset_property (GTK_ACCESSIBLE (buttons[i]), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
}

void
_yp_window_filter_changed (YpWindow *self)
{
  GtkWidget *child;
  guint n_active = g_hash_table_size (self->filter_actors) +
                   g_hash_table_size (self->filter_categories) +
                   g_hash_table_size (self->filter_sources);
  guint total = g_list_model_get_n_items (yp_record_get_events (self->record));
  g_autofree char *count = NULL;
  g_auto(GStrv) ids = NULL;
  g_auto(GStrv) labels = NULL;
  /* Asked before the filter changes: that may clamp the view. */
  gboolean zoomed_in = _yp_window_zoomed_in (self);

  yp_session_refilter (self->session);
  /* Once someone has used the filter, the timeline shows what it keeps,
   * spread out (or everything again when it is cleared). At start-up
   * the popover does not exist yet and the restored view stays. */
  if (self->filter_popover != NULL)
    _yp_window_move_to_matches (self, zoomed_in);

  /* Chips: one per active choice, click to drop it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->filter_chips))) != NULL)
    gtk_box_remove (self->filter_chips, child);
  if (self->filter_popover != NULL)
    ids = yp_filter_popover_dup_active (self->filter_popover, &labels);
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      g_autofree char *label = g_strdup_printf ("%s ✕", labels[i]);
      GtkWidget *chip = gtk_button_new_with_label (label);

      gtk_widget_add_css_class (chip, "era-chip");
      gtk_widget_set_tooltip_text (chip, _("Remove this filter"));
      g_object_set_data_full (G_OBJECT (chip), "yp-id", g_strdup (ids[i]), g_free);
      g_signal_connect (chip, "clicked", G_CALLBACK (chip_clicked_cb), self);
      gtk_box_append (self->filter_chips, chip);
    }
  /* Translators: "12 of 38 events" */
  count = g_strdup_printf (ngettext ("%u of %u event", "%u of %u events", total),
                           yp_session_get_n_shown (self->session), total);
  gtk_label_set_text (self->filter_count, count);
  /* Said on the Filter button too: the focus comes back to it when the
   * popover closes, and a screen reader reads it there ("8 of 38
   * events"). */
  describe_filter_button (self, n_active > 0 ? count : NULL);
  gtk_widget_set_visible (self->filter_row, n_active > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.clear-filters", n_active > 0);
}

/* The filter popover is made when it is first needed: its 40-odd check
 * buttons were a tenth of the widgets a window made before its first
 * frame. */
YpFilterPopover *
_yp_window_ensure_filter_popover (YpWindow *self)
{
  if (self->filter_popover == NULL)
    {
      self->filter_popover = YP_FILTER_POPOVER (yp_filter_popover_new (self->record, &self->filter));
      g_signal_connect_swapped (self->filter_popover, "changed", G_CALLBACK (_yp_window_filter_changed), self);
      yp_font_options_share (GTK_WIDGET (self->filter_popover));
      gtk_menu_button_set_popover (self->filter_button, GTK_WIDGET (self->filter_popover));
    }
  return self->filter_popover;
}

void
_yp_window_create_filter_popover_cb (GtkMenuButton *button,
                          gpointer       user_data)
{
  _yp_window_ensure_filter_popover (YP_WINDOW (user_data));
}
