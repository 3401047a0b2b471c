/* yp-window-search.c: the window's search: the results list and its
 * rows, the paging of a query's results over frames, and what choosing a
 * result does
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "yp-window-search"

#include "config.h"

#include <glib/gi18n.h>

#include "yp-font-options.h"
#include "yp-result-row.h"
#include "yp-result-slot.h"
#include "yp-search.h"
#include "yp-window-private.h"

static void result_row_mapped_cb (GtkWidget   *row,
                                  GtkListItem *item);

static void
search_row_setup_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     gpointer                  user_data)
{
  GtkWidget *row = yp_result_row_new ();

  yp_font_options_share (row);
  yp_result_row_set_item (YP_RESULT_ROW (row), item);
  g_signal_connect (row, "map", G_CALLBACK (result_row_mapped_cb), item);
  gtk_list_item_set_child (item, row);
}

static void
show_result (YpWindow       *self,
             GtkWidget      *row,
             YpSearchResult *result)
{
  yp_result_row_show (YP_RESULT_ROW (row), self->record, result);
}

/* Rows out of view whose result changed, brought up to date after the
 * frame. */
static gboolean
show_stale_rows_idle (gpointer data)
{
  YpWindow *self = data;
  g_autoptr(GHashTable) stale = g_hash_table_ref (self->stale_rows);
  GHashTableIter iter;
  gpointer item;

  /* Showing a row that was empty maps it (result_row_mapped_cb()): the
   * table is emptied before, not while, its rows are gone through. */
  self->stale_source = 0;
  g_hash_table_unref (self->stale_rows);
  self->stale_rows = g_hash_table_new (NULL, NULL);
  g_hash_table_iter_init (&iter, stale);
  while (g_hash_table_iter_next (&iter, &item, NULL))
    {
      YpResultSlot *slot = gtk_list_item_get_item (item);

      if (slot != NULL && gtk_list_item_get_child (item) != NULL)
        show_result (self, gtk_list_item_get_child (item), yp_result_slot_get_result (slot));
    }
  return G_SOURCE_REMOVE;
}

/* A row scrolled into view: GTK 4.8 maps the rows of a list that are in
 * view, and only those. */
static void
result_row_mapped_cb (GtkWidget   *row,
                      GtkListItem *item)
{
  YpWindow *self = g_object_get_data (G_OBJECT (item), "yp-window");
  YpResultSlot *slot = gtk_list_item_get_item (item);

  if (self != NULL && self->stale_rows != NULL && slot != NULL &&
      g_hash_table_remove (self->stale_rows, item))
    show_result (self, row, yp_result_slot_get_result (slot));
}

/* A new search put another result in the row's slot. GTK 4.8 keeps some
 * 200 rows of a list bound, most of them out of view (not mapped), and
 * showing a result in all of them was most of a keystroke's time: those
 * out of view are shown after the frame, or when they are mapped. */
static void
slot_result_changed_cb (YpResultSlot *slot,
                        GParamSpec   *pspec,
                        GtkListItem  *item)
{
  YpWindow *self = g_object_get_data (G_OBJECT (item), "yp-window");
  GtkWidget *row = gtk_list_item_get_child (item);

  if (self == NULL || row == NULL || self->stale_rows == NULL)
    return;
  if (gtk_widget_get_mapped (row))
    {
      g_hash_table_remove (self->stale_rows, item);
      show_result (self, row, yp_result_slot_get_result (slot));
      return;
    }
  g_hash_table_add (self->stale_rows, item);
  if (self->stale_source == 0)
    self->stale_source = g_idle_add_full (G_PRIORITY_LOW, show_stale_rows_idle, self, NULL);
}

static void
search_row_bind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    YpWindow                 *self)
{
  YpResultSlot *slot = gtk_list_item_get_item (item);

  g_object_set_data (G_OBJECT (item), "yp-window", self);
  g_signal_connect (slot, "notify::result", G_CALLBACK (slot_result_changed_cb), item);
  if (self->stale_rows != NULL)
    g_hash_table_remove (self->stale_rows, item);
  show_result (self, gtk_list_item_get_child (item), yp_result_slot_get_result (slot));
}

static void
search_row_unbind_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      YpWindow                 *self)
{
  YpResultSlot *slot = gtk_list_item_get_item (item);

  /* Unbound as the window goes too, after its table of stale rows. */
  if (self->stale_rows != NULL)
    g_hash_table_remove (self->stale_rows, item);
  if (slot != NULL)
    g_signal_handlers_disconnect_by_func (slot, slot_result_changed_cb, item);
}

/* At most this many rows are added to the results list by a keystroke:
 * more than a tall window shows. */
#define RESULTS_AT_ONCE 50

void
_yp_window_cancel_search_rest (YpWindow *self)
{
  g_clear_handle_id (&self->rest_source, g_source_remove);
  if (self->rest_clock != NULL)
    g_clear_signal_handler (&self->rest_handler, self->rest_clock);
  g_clear_object (&self->rest_clock);
  g_clear_pointer (&self->rest, g_ptr_array_unref);
  self->rest_trim = FALSE;
}

static gboolean
add_rest_idle (gpointer data)
{
  YpWindow *self = data;
  g_autoptr(GPtrArray) slots = g_ptr_array_new_with_free_func (g_object_unref);

  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->results));

  self->rest_source = 0;
  if (self->rest != NULL)
    {
      for (guint i = self->rest_from; i < self->rest->len; i++)
        g_ptr_array_add (slots, yp_result_slot_new (g_ptr_array_index (self->rest, i)));
      g_list_store_splice (self->results, n, 0, slots->pdata, slots->len);
    }
  else if (self->rest_trim && self->rest_from < n)
    g_list_store_splice (self->results, self->rest_from, n - self->rest_from, NULL, 0);
  _yp_window_cancel_search_rest (self);
  return G_SOURCE_REMOVE;
}

static void
rest_after_paint_cb (GdkFrameClock *clock,
                     YpWindow      *self)
{
  g_clear_signal_handler (&self->rest_handler, clock);
  g_clear_object (&self->rest_clock);
  self->rest_source = g_idle_add_full (G_PRIORITY_LOW, add_rest_idle, self, NULL);
}

/* The rest of the list's change (rest_from and rest, or rest_trim),
 * once the frame is painted. */
static void
finish_after_frame (YpWindow *self)
{
  self->rest_clock = gtk_widget_get_frame_clock (GTK_WIDGET (self->results_list));
  if (self->rest_clock != NULL)
    {
      g_object_ref (self->rest_clock);
      self->rest_handler = g_signal_connect (self->rest_clock, "after-paint", G_CALLBACK (rest_after_paint_cb), self);
    }
  else
    self->rest_source = g_idle_add_full (G_PRIORITY_LOW, add_rest_idle, self, NULL);
}

static gboolean
free_gone_idle (gpointer data)
{
  YpWindow *self = data;

  self->gone_source = 0;
  g_clear_pointer (&self->gone, g_ptr_array_unref);
  return G_SOURCE_REMOVE;
}

/* The last query's results are freed after the frame, not while the
 * keystroke's results wait for it: some 500 objects, their snippets and
 * spans, each freed at its last reference (in the list's slots, or in
 * the rest not added yet). */
static void
let_go_of_shown (YpWindow *self)
{
  if (self->shown == NULL)
    return;
  if (self->gone == NULL)
    self->gone = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_ptr_array_add (self->gone, g_steal_pointer (&self->shown));
  if (self->gone_source == 0)
    self->gone_source = g_idle_add_full (G_PRIORITY_LOW, free_gone_idle, self, NULL);
}

void
_yp_window_free_search_results (YpWindow *self)
{
  g_clear_handle_id (&self->gone_source, g_source_remove);
  g_clear_pointer (&self->shown, g_ptr_array_unref);
  g_clear_pointer (&self->gone, g_ptr_array_unref);
}

/* Puts @results into the list: into the slots already there, then adds
 * or removes slots at the end. Rows that stay are updated in place.
 * Rows GTK had to take down (a query with fewer results) it makes again
 * when they come back, about 200 of them, all but a dozen out of view:
 * after a query with one result, that was 9 ms of a 10 ms keystroke at
 * 100,000 events. So a keystroke adds RESULTS_AT_ONCE rows at most, and
 * the others come after its frame is painted. Taking rows down costs
 * about as much: a keystroke with fewer results empties the slots past
 * them (their rows show nothing), and they are taken out after the
 * frame, unless the next query fills them first. */
static void
set_results (YpWindow  *self,
             GPtrArray *results)
{
  GListModel *model;
  guint n_old, n_new, kept;

  let_go_of_shown (self);
  if (results != NULL)
    self->shown = g_ptr_array_ref (results);
  _yp_window_cancel_search_rest (self);
  model = G_LIST_MODEL (self->results);
  n_old = g_list_model_get_n_items (model);
  n_new = results ? results->len : 0;
  kept = MIN (n_old, n_new);

  /* No match: the rows stay, hidden, for the next query to fill in place
   * (taking 200 bound rows down and up again was most of a keystroke). */
  gtk_widget_set_visible (GTK_WIDGET (self->results_list), n_new > 0);
  if (n_new == 0)
    return;

  for (guint i = 0; i < kept; i++)
    {
      g_autoptr(YpResultSlot) slot = g_list_model_get_item (model, i);

      yp_result_slot_set_result (slot, g_ptr_array_index (results, i));
    }
  if (n_new > n_old)
    {
      g_autoptr(GPtrArray) slots = g_ptr_array_new_with_free_func (g_object_unref);
      guint now = MIN (n_new, MAX (n_old, RESULTS_AT_ONCE));

      for (guint i = n_old; i < now; i++)
        g_ptr_array_add (slots, yp_result_slot_new (g_ptr_array_index (results, i)));
      g_list_store_splice (self->results, n_old, 0, slots->pdata, slots->len);
      if (now < n_new)
        {
          self->rest = g_ptr_array_ref (results);
          self->rest_from = now;
          finish_after_frame (self);
        }
    }
  else if (n_new < n_old)
    {
      for (guint i = n_new; i < n_old; i++)
        {
          g_autoptr(YpResultSlot) slot = g_list_model_get_item (model, i);

          yp_result_slot_set_result (slot, NULL);
        }
      self->rest_trim = TRUE;
      self->rest_from = n_new;
      finish_after_frame (self);
    }
}

static void
result_activated_cb (GtkListView *list,
                     guint        position,
                     YpWindow    *self)
{
  g_autoptr(YpResultSlot) slot = g_list_model_get_item (G_LIST_MODEL (self->results), position);
  YpSearchResult *result = slot ? yp_result_slot_get_result (slot) : NULL;

  if (result == NULL)
    return;
  if (yp_search_result_get_kind (result) == YP_SEARCH_RESULT_EVENT)
    {
      YpEvent *event = yp_result_event (self->record, result);

      if (event != NULL && !yp_session_is_shown (self->session, event))
        gtk_widget_activate_action (GTK_WIDGET (self), "win.clear-filters", NULL);
      yp_session_select (self->session, event);
    }
  else
    {
      YpSource *source = yp_record_lookup_source (self->record, yp_search_result_get_id (result));

      if (source != NULL)
        {
          yp_article_view_show_passage (_yp_window_ensure_article_view (self), source,
                                        yp_search_result_get_body_start (result),
                                        yp_search_result_get_body_end (result));
          _yp_window_show_reading (self, TRUE);
        }
    }
}

/* The results' count, over the list and on the entry: a screen reader
 * reads the entry's description while the user types there (GTK 4.8 has
 * no way to announce it). NULL when no search runs. */
static void
say_results (YpWindow   *self,
             const char *text)
{
  if (text != NULL)
    {
      gtk_label_set_text (self->results_label, text);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_entry),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
    }
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self->search_entry), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

static void
run_search (YpWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text ? text : ""));
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GArray) positions = NULL;
  g_autoptr(GError) error = NULL;
  guint n_events = 0, n_passages = 0;
  g_autofree char *summary = NULL;

  if (*stripped == '\0' || !gtk_search_bar_get_search_mode (self->search_bar))
    {
      /* An emptied entry keeps the rows, hidden, for the next query to
       * fill in place; the search ending frees them. */
      if (!gtk_search_bar_get_search_mode (self->search_bar))
        {
          _yp_window_cancel_search_rest (self);
          g_list_store_remove_all (self->results);
          let_go_of_shown (self);
        }
      yp_session_set_matches (self->session, NULL, 0);
      say_results (self, NULL);
      if (self->page_before_search != NULL)
        gtk_stack_set_visible_child_name (self->list_stack, self->page_before_search);
      g_clear_pointer (&self->page_before_search, g_free);
      /* The results tab is there only while searching. */
      gtk_stack_page_set_visible (gtk_stack_get_page (self->list_stack,
                                                      gtk_stack_get_child_by_name (self->list_stack, "results")),
                                  FALSE);
      return;
    }

  if (self->page_before_search == NULL)
    self->page_before_search = g_strdup (gtk_stack_get_visible_child_name (self->list_stack));
  gtk_stack_page_set_visible (gtk_stack_get_page (self->list_stack,
                                                  gtk_stack_get_child_by_name (self->list_stack, "results")),
                              TRUE);
  gtk_stack_set_visible_child_name (self->list_stack, "results");

  results = yp_search_run (self->search, text, 500, &error);
  if (results == NULL)
    {
      g_autofree char *msg = g_strdup_printf (_("Search failed: %s"), error->message);
      say_results (self, msg);
      _yp_window_cancel_search_rest (self);
      g_list_store_remove_all (self->results);
      let_go_of_shown (self);
      return;
    }
  positions = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < results->len; i++)
    {
      YpSearchResult *r = g_ptr_array_index (results, i);

      if (yp_search_result_get_kind (r) == YP_SEARCH_RESULT_EVENT)
        {
          guint pos = yp_search_result_get_position (r);

          if (pos < g_list_model_get_n_items (yp_record_get_events (self->record)))
            g_array_append_val (positions, pos);
          n_events++;
        }
      else
        n_passages++;
    }
  set_results (self, results);
  yp_session_set_matches (self->session, (const guint *) (gpointer) positions->data, positions->len);
  /* The timeline moves to what matches (the session knows which of the
   * matches the filter shows), or says that nothing in view does. */
  _yp_window_move_to_matches (self, _yp_window_zoomed_in (self));

  if (results->len == 0)
    summary = g_strdup (_("No matches"));
  else
    {
      /* Translators: "3 events, 12 passages" */
      g_autofree char *ev = g_strdup_printf (ngettext ("%u event", "%u events", n_events), n_events);
      g_autofree char *pa = g_strdup_printf (ngettext ("%u passage", "%u passages", n_passages), n_passages);
      summary = g_strdup_printf ("%s, %s", ev, pa);
    }
  say_results (self, summary);
}

static gboolean
open_search_index_idle (gpointer data)
{
  YpWindow *self = data;

  self->search_index_source = 0;
  yp_search_uses_index (self->search);
  return G_SOURCE_REMOVE;
}

/* The focus comes back where it was when the search bar closes: hidden
 * with the focus in it, GTK 4.8 moves the focus to the window's first
 * focusable widget (the first era chip), and a screen reader user loses
 * their place. */
static void
focus_changed_cb (YpWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (focus != NULL && !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->search_bar)))
    g_set_weak_pointer (&self->focus_before_search, focus);
}

static void
return_focus (YpWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  GtkWidget *back = self->focus_before_search;

  if (focus != NULL && !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->search_bar)))
    return;
  if (back == NULL || !gtk_widget_get_mapped (back) || !gtk_widget_grab_focus (back))
    gtk_widget_grab_focus (GTK_WIDGET (self->timeline));
}

static void
search_mode_changed_cb (YpWindow *self)
{
  if (!gtk_search_bar_get_search_mode (self->search_bar))
    {
      return_focus (self);
      run_search (self);
    }
  /* The index is opened, and its texts read (a few tens of milliseconds
   * at 100,000 events), once the bar is shown, not at the first
   * keystroke. */
  else if (self->search_index_source == 0)
    self->search_index_source = g_idle_add_full (G_PRIORITY_LOW, open_search_index_idle, self, NULL);
}

/* Enter in the search entry opens the first result; Down goes to the
 * results, to choose another with the arrows and Enter. */
static void
search_activated_cb (YpWindow *self)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->results)) > 0)
    result_activated_cb (self->results_list, 0, self);
}

static void
search_next_match_cb (YpWindow *self)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->results)) > 0)
    gtk_widget_child_focus (GTK_WIDGET (self->results_list), GTK_DIR_TAB_FORWARD);
}

void
_yp_window_setup_search (YpWindow *self)
{
  GtkListItemFactory *factory;

  self->search = yp_search_new (self->record);
  self->results = g_list_store_new (YP_TYPE_RESULT_SLOT);
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (search_row_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (search_row_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (search_row_unbind_cb), self);
  gtk_list_view_set_factory (self->results_list, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->results_list,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->results)))));
  g_signal_connect (self->results_list, "activate", G_CALLBACK (result_activated_cb), self);
  self->stale_rows = g_hash_table_new (NULL, NULL);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  /* What a query may hold (yp-search.h), said where it is typed. */
  gtk_text_set_max_length (GTK_TEXT (gtk_editable_get_delegate (GTK_EDITABLE (self->search_entry))),
                           YP_SEARCH_MAX_CHARS);
  {
    g_autofree char *tip = g_strdup_printf (_("Search titles, summaries and articles; a query holds up to %d characters"),
                                            YP_SEARCH_MAX_CHARS);

    gtk_widget_set_tooltip_text (GTK_WIDGET (self->search_entry), tip);
  }
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));
  g_object_bind_property (self->search_bar, "search-mode-enabled", self->search_button, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (run_search), self);
  g_signal_connect_swapped (self->search_entry, "activate", G_CALLBACK (search_activated_cb), self);
  g_signal_connect_swapped (self->search_entry, "next-match", G_CALLBACK (search_next_match_cb), self);
  g_signal_connect_swapped (self->search_bar, "notify::search-mode-enabled", G_CALLBACK (search_mode_changed_cb), self);
  g_signal_connect_swapped (self, "notify::focus-widget", G_CALLBACK (focus_changed_cb), self);
}
