/* yp-window-lists.c: the window's event and source lists: their rows,
 * when each list gets its model, and keeping the selected event's row in
 * view and in the focus
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Which event or source is selected is the window's (yp-window.c: the
 * lists follow the session); this file is how the two list views are
 * made and kept usable.
 */
#define G_LOG_DOMAIN "yp-window-lists"

#include "config.h"

#include "yp-event-row.h"
#include "yp-font-options.h"
#include "yp-source-row.h"
#include "yp-window-private.h"

/* Rows of the lists: each a widget with its template. */

static void
source_row_setup_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     gpointer                  user_data)
{
  GtkWidget *row = yp_source_row_new ();

  yp_font_options_share (row);
  gtk_list_item_set_child (item, row);
}

static void
source_row_bind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    gpointer                  user_data)
{
  yp_source_row_set_source (YP_SOURCE_ROW (gtk_list_item_get_child (item)), gtk_list_item_get_item (item));
}

static void
event_row_setup_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    gpointer                  user_data)
{
  GtkWidget *row = yp_event_row_new ();

  yp_font_options_share (row);
  gtk_list_item_set_child (item, row);
}

static void
event_row_bind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  user_data)
{
  yp_event_row_set_event (YP_EVENT_ROW (gtk_list_item_get_child (item)), gtk_list_item_get_item (item));
}

static void
scroll_after_paint_cb (GdkFrameClock *clock,
                       YpWindow      *self)
{
  guint selected;

  /* Two frames: the one that lays the rows out, and one more. */
  if (++self->scroll_frames < 2 && self->event_selection != NULL)
    {
      gtk_widget_queue_draw (GTK_WIDGET (self->event_list));
      return;
    }
  g_signal_handlers_disconnect_by_func (clock, scroll_after_paint_cb, self);
  self->scroll_pending = FALSE;
  if (self->event_selection == NULL || gtk_list_view_get_model (self->event_list) == NULL)
    return;
  selected = gtk_single_selection_get_selected (self->event_selection);
  if (selected != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (GTK_WIDGET (self->event_list), "list.scroll-to-item", "u", selected);
}

/* The selected event's row, brought into view when the list gets its
 * model or is shown: two frames later, since a list view that has not
 * laid out its rows yet does not scroll. Not a tick callback: GTK 4.8
 * warns when one is still pending as the window is destroyed. */
static void
scroll_list_to_selected (YpWindow *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self->event_list));

  /* Not realized yet: "map" calls again. */
  if (self->scroll_pending || clock == NULL)
    return;
  self->scroll_pending = TRUE;
  self->scroll_frames = 0;
  g_signal_connect_object (clock, "after-paint", G_CALLBACK (scroll_after_paint_cb), self, 0);
  gtk_widget_queue_draw (GTK_WIDGET (self->event_list));
}

/* Tab into the event list lands on the selected row, not on the row
 * that last had the focus there: GTK 4.8's list view remembers the
 * latter and has no API to move it, so the selected row's widget (there
 * since the list scrolls to it) takes the focus once the focus has come
 * in (from an idle: a grab inside the focus change is undone by it). */
static gboolean
focus_selected_row (gpointer data)
{
  YpWindow *self = data;
  YpEvent *selected = gtk_single_selection_get_selected_item (self->event_selection);
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self->event_list)));

  self->list_focus_source = 0;
  /* Still in the list (it may have gone on, or the window closed). */
  if (selected == NULL || focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->event_list)))
    return G_SOURCE_REMOVE;
  for (GtkWidget *item = gtk_widget_get_first_child (GTK_WIDGET (self->event_list));
       item != NULL;
       item = gtk_widget_get_next_sibling (item))
    {
      GtkWidget *row = gtk_widget_get_first_child (item);

      if (!YP_IS_EVENT_ROW (row) || yp_event_row_get_event (YP_EVENT_ROW (row)) != selected)
        continue;
      if (!gtk_widget_has_focus (item) && gtk_widget_get_mapped (item))
        gtk_widget_grab_focus (item);
      break;
    }
  return G_SOURCE_REMOVE;
}

/* The Sources list gets its model when its page is first shown: a list
 * view makes and binds rows as soon as it has a model, even on a page
 * that is not shown, and the page's rows were measured for the first
 * frame too. */
static void
list_page_changed_cb (YpWindow *self)
{
  if (gtk_list_view_get_model (self->source_list) == NULL &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->list_stack), "sources") == 0)
    gtk_list_view_set_model (self->source_list, GTK_SELECTION_MODEL (self->source_selection));
}

static void
event_list_focus_enter_cb (YpWindow *self)
{
  if (self->list_focus_source == 0)
    self->list_focus_source = g_idle_add (focus_selected_row, self);
}

static gboolean
attach_event_list (gpointer data)
{
  YpWindow *self = data;

  self->attach_source = 0;
  if (self->event_selection != NULL && gtk_list_view_get_model (self->event_list) == NULL)
    {
      gtk_list_view_set_model (self->event_list, GTK_SELECTION_MODEL (self->event_selection));
      /* A restored selection was scrolled to before the list had rows. */
      scroll_list_to_selected (self);
    }
  return G_SOURCE_REMOVE;
}

static void
first_frame_painted_cb (GdkFrameClock *clock,
                        YpWindow      *self)
{
  g_signal_handlers_disconnect_by_func (clock, first_frame_painted_cb, self);
  if (self->attach_source == 0)
    self->attach_source = g_idle_add (attach_event_list, self);
}

static void
window_realized_cb (GtkWidget *widget,
                    gpointer   user_data)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

  g_signal_handlers_disconnect_by_func (widget, window_realized_cb, user_data);
  if (clock != NULL)
    g_signal_connect_object (clock, "after-paint", G_CALLBACK (first_frame_painted_cb), widget, 0);
  else
    attach_event_list (widget);
}

/* The lists' selections, rows and models: the sources' list gets its
 * model when its page is first shown, the events' after the window's
 * first frame. */
void
_yp_window_setup_lists (YpWindow *self)
{
  GtkListItemFactory *factory;
  GtkEventController *controller;

  /* Sources */
  self->source_selection = gtk_single_selection_new (g_object_ref (yp_record_get_sources (self->record)));
  gtk_single_selection_set_autoselect (self->source_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->source_selection, TRUE);
  gtk_single_selection_set_selected (self->source_selection, GTK_INVALID_LIST_POSITION);
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (source_row_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (source_row_bind_cb), self);
  gtk_list_view_set_factory (self->source_list, factory);
  g_object_unref (factory);
  g_signal_connect_swapped (self->list_stack, "notify::visible-child", G_CALLBACK (list_page_changed_cb), self);
  list_page_changed_cb (self);

  /* Events */
  self->event_selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->session)));
  gtk_single_selection_set_autoselect (self->event_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->event_selection, TRUE);
  gtk_single_selection_set_selected (self->event_selection, GTK_INVALID_LIST_POSITION);
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (event_row_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (event_row_bind_cb), self);
  gtk_list_view_set_factory (self->event_list, factory);
  g_object_unref (factory);
  /* The list gets its model after the window's first frame: GTK 4.8
   * makes some 200 rows for a list view given a model before it has a
   * size, which was 50 ms of the way to the first frame. */
  g_signal_connect (self, "realize", G_CALLBACK (window_realized_cb), NULL);
  g_signal_connect_swapped (self->event_list, "map", G_CALLBACK (scroll_list_to_selected), self);
  controller = gtk_event_controller_focus_new ();
  g_signal_connect_object (controller, "enter", G_CALLBACK (event_list_focus_enter_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->event_list), controller);
}
