/* yp-window.c: the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The timeline, the overview under it and the event list follow one
 * YpSession (visible window + selection); selecting an event anywhere
 * opens its first citation in the article pane, and clicking a highlighted
 * passage there selects its event. This file holds that following, the
 * banner, the era chips and the window's life; the rest of the window is
 * in yp-window-actions.c (its actions), yp-window-layout.c (wide or
 * narrow), yp-window-lists.c (the event and source lists),
 * yp-window-filter.c, yp-window-search.c and yp-window-open.c (recent
 * files, dropped files), sharing yp-window-private.h. Its rows, card,
 * popover and dialogs are widgets of their own, each with its template.
 */
#define G_LOG_DOMAIN "yp-window"

#include "config.h"

#include <glib/gi18n.h>

#include "yp-a11y.h"
#include "yp-article-view.h"
#include "yp-export.h"
#include "yp-format.h"
#include "yp-font-options.h"
#include "yp-overview.h"
#include "yp-result-row.h"
#include "yp-result-slot.h"
#include "yp-search.h"
#include "yp-timeline.h"
#include "yp-window-private.h"

G_DEFINE_FINAL_TYPE (YpWindow, yp_window, GTK_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_RECORD,
  PROP_SHOW_ORIGINAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers */

void
_yp_window_update_banner (YpWindow *self)
{
  g_autofree char *text = NULL;
  guint errors = 0, warnings = 0;

  if (self->open_errors->len > 0)
    {
      text = g_strdup_printf (_("Could not open %s"),
                              (const char *) g_ptr_array_index (self->open_errors, self->open_errors->len - 1));
    }
  else if (self->load_error != NULL)
    {
      text = g_strdup_printf (_("The timeline could not be loaded: %s"), self->load_error);
    }
  else if (self->record != NULL)
    {
      errors = yp_record_count_problems (self->record, YP_SEVERITY_ERROR);
      warnings = yp_record_count_problems (self->record, YP_SEVERITY_WARNING);
      if (errors > 0)
        text = g_strdup_printf (ngettext ("The timeline file has %u error: some items were left out.",
                                          "The timeline file has %u errors: some items were left out.",
                                          errors), errors);
      else if (warnings > 0)
        text = g_strdup_printf (ngettext ("The timeline file has %u warning.",
                                          "The timeline file has %u warnings.",
                                          warnings), warnings);
    }

  gtk_label_set_text (self->banner_label, text ? text : "");
  gtk_revealer_set_reveal_child (self->banner_revealer, text != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-problems",
                                 errors + warnings > 0 || self->load_error != NULL || self->open_errors->len > 0);
}

/* A message in the banner, for a failure the window cannot show
 * elsewhere. */
void
_yp_window_show_message (YpWindow   *self,
                         const char *message)
{
  gtk_label_set_text (self->banner_label, message);
  gtk_revealer_set_reveal_child (self->banner_revealer, TRUE);
}

static void
select_source_by_id (YpWindow   *self,
                     const char *id)
{
  GListModel *model = G_LIST_MODEL (self->source_selection);

  for (guint i = 0; id && *id && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(YpSource) source = g_list_model_get_item (model, i);

      if (g_strcmp0 (yp_source_get_id (source), id) == 0)
        {
          gtk_single_selection_set_selected (self->source_selection, i);
          return;
        }
    }
}

/* Callbacks */

static void
citation_activated_cb (YpWindow    *self,
                       guint        index,
                       YpEventCard *card)
{
  YpEvent *event = yp_session_get_selected (self->session);

  if (event != NULL)
    yp_article_view_show_citation (_yp_window_ensure_article_view (self), event, index);
}

/* The event card is made when it first has an event to show: until
 * then it is hidden, on a page that is not shown at start-up. */
static YpEventCard *
ensure_event_card (YpWindow *self)
{
  if (self->event_card == NULL)
    {
      self->event_card = YP_EVENT_CARD (g_object_new (YP_TYPE_EVENT_CARD, NULL));
      yp_event_card_set_record (self->event_card, self->record);
      g_signal_connect_swapped (self->event_card, "citation-activated",
                                G_CALLBACK (citation_activated_cb), self);
      yp_font_options_share (GTK_WIDGET (self->event_card));
      gtk_scrolled_window_set_child (self->card_scroller, GTK_WIDGET (self->event_card));
    }
  return self->event_card;
}

static void article_source_changed_cb (YpWindow *self);
static void show_original_changed_cb (YpWindow *self);
static void article_event_activated_cb (YpWindow      *self,
                                        const char    *event_id,
                                        guint          citation,
                                        YpArticleView *view);

/* The article view likewise: made when the reading page is first shown,
 * or when something is to be read in it. */
YpArticleView *
_yp_window_ensure_article_view (YpWindow *self)
{
  if (self->article_view == NULL)
    {
      self->article_view = YP_ARTICLE_VIEW (g_object_new (YP_TYPE_ARTICLE_VIEW, NULL));
      yp_article_view_set_record (self->article_view, self->record);
      g_signal_connect_swapped (self->article_view, "notify::source",
                                G_CALLBACK (article_source_changed_cb), self);
      g_signal_connect_swapped (self->article_view, "notify::show-original",
                                G_CALLBACK (show_original_changed_cb), self);
      g_signal_connect_swapped (self->article_view, "event-activated",
                                G_CALLBACK (article_event_activated_cb), self);
      yp_font_options_share (GTK_WIDGET (self->article_view));
      gtk_box_append (self->reading_box, GTK_WIDGET (self->article_view));
    }
  return self->article_view;
}

static void
show_event_card (YpWindow *self,
                 YpEvent  *event,
                 guint     citation)
{
  if (event != NULL || self->event_card != NULL)
    yp_event_card_show (ensure_event_card (self), event, citation);
}

static void
source_selected_cb (YpWindow *self)
{
  YpSource *source = gtk_single_selection_get_selected_item (self->source_selection);

  if (self->syncing)
    return;
  if (source != NULL && source != yp_article_view_get_source (_yp_window_ensure_article_view (self)))
    yp_article_view_set_source (self->article_view, source);
  if (source != NULL && !self->restoring)
    _yp_window_show_reading (self, TRUE);
  if (source != NULL && self->remember_state)
    g_settings_set_string (self->settings, "last-source", yp_source_get_id (source));
}

static void
article_source_changed_cb (YpWindow *self)
{
  YpSource *source = yp_article_view_get_source (self->article_view);
  YpSource *selected = gtk_single_selection_get_selected_item (self->source_selection);

  /* The pane can open a source by itself (a citation): follow it. */
  if (source != NULL && source != selected)
    {
      self->syncing = TRUE;
      select_source_by_id (self, yp_source_get_id (source));
      self->syncing = FALSE;
      if (self->remember_state)
        g_settings_set_string (self->settings, "last-source", yp_source_get_id (source));
    }
  /* Whatever opened an article, it is shown. */
  if (source != NULL && !self->restoring)
    _yp_window_show_reading (self, TRUE);
}

static void
event_list_selected_cb (YpWindow *self)
{
  YpEvent *event = gtk_single_selection_get_selected_item (self->event_selection);

  if (self->syncing || event == NULL)
    return;
  yp_session_select (self->session, event);
}

/* The position of @event in the (filtered) event list, or G_MAXUINT. */
static guint
list_position (YpWindow *self,
               YpEvent  *event)
{
  if (event == NULL)
    return G_MAXUINT;
  return yp_session_position_to_shown (self->session, yp_record_get_event_position (self->record, event));
}

static void
session_selected_cb (YpWindow *self)
{
  YpEvent *event = yp_session_get_selected (self->session);
  guint pos = list_position (self, event);
  guint citation = self->pending_citation;

  self->pending_citation = 0;

  /* The list follows, without feeding back. */
  self->syncing = TRUE;
  gtk_single_selection_set_selected (self->event_selection, pos == G_MAXUINT ? GTK_INVALID_LIST_POSITION : pos);
  self->syncing = FALSE;
  if (pos != G_MAXUINT)
    gtk_widget_activate_action (GTK_WIDGET (self->event_list), "list.scroll-to-item", "u", pos);

  show_event_card (self, event, citation);
  if (event != NULL)
    {
      yp_session_reveal (self->session, yp_event_get_anchor_precise (event));
      yp_article_view_show_citation (_yp_window_ensure_article_view (self), event, citation);
      if (!self->restoring)
        _yp_window_show_reading (self, TRUE);
      if (self->remember_state)
        g_settings_set_string (self->settings, "selected-event", yp_event_get_id (event));
    }
}

static void
article_event_activated_cb (YpWindow      *self,
                            const char    *event_id,
                            guint          citation,
                            YpArticleView *view)
{
  YpEvent *event = yp_record_lookup_event (self->record, event_id);

  if (event == NULL)
    return;
  if (event == yp_session_get_selected (self->session))
    {
      show_event_card (self, event, citation);
      return;
    }
  self->pending_citation = citation;
  yp_session_select (self->session, event);
}

static void
story_source_activated_cb (YpWindow    *self,
                           YpSource    *source,
                           YpStoryPage *page)
{
  select_source_by_id (self, yp_source_get_id (source));
  if (yp_article_view_get_source (_yp_window_ensure_article_view (self)) != source)
    yp_article_view_set_source (self->article_view, source);
  _yp_window_show_reading (self, TRUE);
}

/* One chip per era above the timeline, and the same as a menu for a
 * narrow window; both act through "win.show-era". */
static void
build_era_chips (YpWindow *self)
{
  GListModel *eras = yp_record_get_eras (self->record);
  GtkWidget *all = gtk_button_new_with_label (_("Whole Span"));
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->era_chips))) != NULL)
    gtk_box_remove (self->era_chips, child);
  g_menu_remove_all (self->era_section);

  gtk_widget_add_css_class (all, "era-chip");
  gtk_widget_set_tooltip_text (all, _("Show every event (0)"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (all), "win.show-era");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (all), "s", "");
  gtk_box_append (self->era_chips, all);
  g_menu_append (self->era_section, _("Whole Span"), "win.show-era::");

  for (guint i = 0; i < g_list_model_get_n_items (eras); i++)
    {
      g_autoptr(YpEra) era = g_list_model_get_item (eras, i);
      const char *name = yp_era_get_name (era, yp_content_lang ());
      GtkWidget *chip = gtk_button_new_with_label (name);
      g_autofree char *from = yp_format_written_date (yp_era_get_start_text (era), NULL, YP_PRECISION_DAY);
      g_autofree char *to = yp_format_written_date (yp_era_get_end_text (era), NULL, YP_PRECISION_DAY);
      g_autofree char *tip = g_strdup_printf ("%s – %s", from, to);
      g_autoptr(GMenuItem) item = g_menu_item_new (name, NULL);

      gtk_widget_add_css_class (chip, "era-chip");
      gtk_widget_set_tooltip_text (chip, tip);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (chip), "win.show-era");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (chip), "s", yp_era_get_id (era));
      gtk_box_append (self->era_chips, chip);
      g_menu_item_set_action_and_target_value (item, "win.show-era", g_variant_new_string (yp_era_get_id (era)));
      g_menu_append_item (self->era_section, item);
    }
}

/* The era menu is given to its button when it first opens: a menu
 * button builds its popover's widgets from the model as soon as it has
 * one, and again on every change, and a wide window never shows it. */
static void
era_menu_popup_cb (GtkMenuButton *button,
                   gpointer       user_data)
{
  YpWindow *self = user_data;

  if (gtk_menu_button_get_menu_model (button) == NULL)
    {
      gtk_menu_button_set_menu_model (button, G_MENU_MODEL (self->era_menu));
      yp_font_options_share (GTK_WIDGET (gtk_menu_button_get_popover (button)));
    }
}

/* The main menu likewise: its popover's widgets are made when it first
 * opens (by a click, F10 or a screen reader), not for the first frame. */
static void
primary_menu_popup_cb (GtkMenuButton *button,
                       gpointer       user_data)
{
  YpWindow *self = user_data;

  if (gtk_menu_button_get_menu_model (button) == NULL)
    {
      gtk_menu_button_set_menu_model (button, self->primary_menu);
      yp_font_options_share (GTK_WIDGET (gtk_menu_button_get_popover (button)));
    }
}

/* The saved view is used only if it still makes sense for this data. */
static void
restore_view (YpWindow *self)
{
  gint64 start = g_settings_get_int64 (self->settings, "visible-start");
  gint64 end = g_settings_get_int64 (self->settings, "visible-end");
  g_autofree char *selected = g_settings_get_string (self->settings, "selected-event");
  YpTimeRange bounds;
  YpEvent *event;

  yp_session_get_bounds (self->session, &bounds);
  if (end > start && start < bounds.end && end > bounds.start)
    yp_session_set_visible (self->session, start, end);
  else
    yp_session_zoom_to_fit (self->session);

  event = yp_record_lookup_event (self->record, selected);
  if (event != NULL)
    {
      double s = yp_session_get_visible_start (self->session);
      double e = yp_session_get_visible_end (self->session);

      yp_session_select (self->session, event);
      /* Selecting reveals the event; keep the restored window as it was. */
      yp_session_set_visible (self->session, s, e);
    }
}

static gboolean
yp_window_close_request (GtkWindow *window)
{
  YpWindow *self = YP_WINDOW (window);
  int width = gtk_widget_get_width (GTK_WIDGET (self));

  /* The window's size and state are bound to the settings; the pane
   * keeps its width, whatever the window's. */
  if (!self->narrow && self->pane_placed && width > 0)
    g_settings_set_int (self->settings, "reading-pane-width", width - gtk_paned_get_position (self->paned));
  /* Only the shipped timeline's view is remembered: another file's would
   * not fit it. */
  if (self->remember_state)
    {
      g_settings_delay (self->settings);
      g_settings_set_int64 (self->settings, "visible-start", (gint64) yp_session_get_visible_start (self->session));
      g_settings_set_int64 (self->settings, "visible-end", (gint64) yp_session_get_visible_end (self->session));
      g_settings_apply (self->settings);
    }

  return GTK_WINDOW_CLASS (yp_window_parent_class)->close_request (window);
}

static void
yp_window_size_allocate (GtkWidget *widget,
                         int        width,
                         int        height,
                         int        baseline)
{
  GTK_WIDGET_CLASS (yp_window_parent_class)->size_allocate (widget, width, height, baseline);
  _yp_window_allocated (YP_WINDOW (widget), width);
}

static void
show_original_changed_cb (YpWindow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_ORIGINAL]);
}


/* An empty label has nothing to read, and GTK 4.8 would name it after its
 * class for a screen reader: it is hidden until it has a text. */
static void
label_text_changed_cb (GtkLabel *label)
{
  gtk_widget_set_visible (GTK_WIDGET (label), *gtk_label_get_text (label) != '\0');
}

/* The content language changed: every label that shows content. */
static void
content_language_changed_cb (YpWindow *self)
{
  GtkListItemFactory *factory;

  gtk_widget_queue_draw (GTK_WIDGET (self->timeline));
  /* Rebind the rows. */
  factory = g_object_ref (gtk_list_view_get_factory (self->event_list));
  gtk_list_view_set_factory (self->event_list, NULL);
  gtk_list_view_set_factory (self->event_list, factory);
  g_object_unref (factory);
  factory = g_object_ref (gtk_list_view_get_factory (self->results_list));
  gtk_list_view_set_factory (self->results_list, NULL);
  gtk_list_view_set_factory (self->results_list, factory);
  g_object_unref (factory);
  show_event_card (self, yp_session_get_selected (self->session), 0);
  build_era_chips (self);
  yp_story_page_set_record (self->story_page, self->record);
  yp_font_options_share (GTK_WIDGET (self));
}

/* GObject */

static void
story_scale_change_state_cb (GSimpleAction *action,
                             GVariant      *state,
                             gpointer       user_data)
{
  YpWindow *self = user_data;

  g_settings_set_boolean (self->settings, "story-scale", g_variant_get_boolean (state));
}

static void
story_scale_setting_changed_cb (GSettings  *settings,
                                const char *key,
                                gpointer    user_data)
{
  g_simple_action_set_state (G_SIMPLE_ACTION (user_data),
                             g_variant_new_boolean (g_settings_get_boolean (settings, key)));
}

static void
yp_window_constructed (GObject *object)
{
  YpWindow *self = YP_WINDOW (object);
  g_autofree char *last_source = NULL;

  G_OBJECT_CLASS (yp_window_parent_class)->constructed (object);

  if (self->record == NULL)
    self->record = yp_record_new ();
  self->session = yp_session_new (self->record);
  /* Story scale (win.story-scale, remembered): on for bursty timelines.
   * A timeline that is not bursty is always drawn in linear time, so the
   * toggle would do nothing there: it is insensitive (a settings action
   * cannot be, hence a plain stateful action kept in step with the key). */
  {
    g_autoptr(GSimpleAction) story = NULL;

    story = g_simple_action_new_stateful ("story-scale", NULL,
                                          g_variant_new_boolean (g_settings_get_boolean (self->settings, "story-scale")));
    g_signal_connect_object (story, "change-state", G_CALLBACK (story_scale_change_state_cb), self, 0);
    g_signal_connect_object (self->settings, "changed::story-scale", G_CALLBACK (story_scale_setting_changed_cb), story, 0);
    /* Bound first: a session making its story scale over all the events
     * learns from it whether they are bursty. */
    g_settings_bind (self->settings, "story-scale", self->session, "story-scale", G_SETTINGS_BIND_GET);
    g_simple_action_set_enabled (story, yp_session_is_bursty (self->session));
    g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (story));
  }
  _yp_window_add_help_overlay_action (self);

  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
  /* The first frame already has the layout for its size. */
  _yp_window_init_layout (self);

  /* Timeline and overview */
  yp_timeline_set_session (self->timeline, self->session);
  self->overview = yp_overview_new ();
  yp_overview_set_session (YP_OVERVIEW (self->overview), self->session);
  gtk_box_append (self->overview_slot, self->overview);
  build_era_chips (self);

  /* The sources and the events: the ones the timeline shows, as the
   * session lists them. */
  yp_session_set_filter (self->session, &self->filter);
  _yp_window_setup_lists (self);
  yp_a11y_one_tab_stop (GTK_WIDGET (self->event_list));
  yp_a11y_one_tab_stop (GTK_WIDGET (self->source_list));
  yp_a11y_one_tab_stop (GTK_WIDGET (self->results_list));

  _yp_window_setup_search (self);
  g_signal_connect (self->results_label, "notify::label", G_CALLBACK (label_text_changed_cb), NULL);
  g_signal_connect (self->banner_label, "notify::label", G_CALLBACK (label_text_changed_cb), NULL);

  /* Filters */
  gtk_menu_button_set_create_popup_func (self->filter_button, _yp_window_create_filter_popover_cb, self, NULL);
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (self->era_menu_button), era_menu_popup_cb, self, NULL);
  gtk_menu_button_set_create_popup_func (self->menu_button, primary_menu_popup_cb, self, NULL);
  _yp_window_filter_changed (self);
  g_signal_connect_object (self->settings, "changed::content-language",
                           G_CALLBACK (content_language_changed_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_swapped (self->source_selection, "notify::selected",
                            G_CALLBACK (source_selected_cb), self);
  g_signal_connect_swapped (self->event_selection, "notify::selected",
                            G_CALLBACK (event_list_selected_cb), self);
  g_signal_connect_swapped (self->session, "notify::selected",
                            G_CALLBACK (session_selected_cb), self);

  yp_story_page_set_record (self->story_page, self->record);
  g_signal_connect_swapped (self->story_page, "source-activated",
                            G_CALLBACK (story_source_activated_cb), self);

  /* The saved state comes back, but the pane opens on the story. */
  self->restoring = TRUE;
  last_source = g_settings_get_string (self->settings, "last-source");
  select_source_by_id (self, last_source);
  restore_view (self);
  self->restoring = FALSE;
  _yp_window_show_reading (self, FALSE);
  _yp_window_update_banner (self);
  _yp_window_setup_recent (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->timeline));
  /* Last: every widget the first frame shows exists now. */
  yp_font_options_share (GTK_WIDGET (self));
}

static void
yp_window_dispose (GObject *object)
{
  YpWindow *self = (YpWindow *) object;

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_handle_id (&self->attach_source, g_source_remove);
  g_clear_handle_id (&self->list_focus_source, g_source_remove);
  g_clear_handle_id (&self->layout_source, g_source_remove);
  g_clear_handle_id (&self->toast_source, g_source_remove);
  g_clear_object (&self->saved_file);
  g_clear_handle_id (&self->stale_source, g_source_remove);
  g_clear_handle_id (&self->search_index_source, g_source_remove);
  g_clear_weak_pointer (&self->focus_before_search);
  _yp_window_cancel_search_rest (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), YP_TYPE_WINDOW);
  _yp_window_free_search_results (self);
  self->event_card = NULL;  /* went with the card's scrolled window */
  g_clear_pointer (&self->stale_rows, g_hash_table_unref);
  g_clear_object (&self->source_selection);
  g_clear_object (&self->event_selection);
  g_clear_object (&self->results);
  g_clear_object (&self->search);
  g_clear_object (&self->session);
  g_clear_object (&self->record);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (yp_window_parent_class)->dispose (object);
}

static void
yp_window_finalize (GObject *object)
{
  YpWindow *self = (YpWindow *) object;

  g_free (self->load_error);
  g_free (self->page_before_search);
  g_free (self->path);
  g_clear_pointer (&self->open_errors, g_ptr_array_unref);
  g_clear_pointer (&self->filter_actors, g_hash_table_unref);
  g_clear_pointer (&self->filter_categories, g_hash_table_unref);
  g_clear_pointer (&self->filter_sources, g_hash_table_unref);

  G_OBJECT_CLASS (yp_window_parent_class)->finalize (object);
}

static void
yp_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  YpWindow *self = YP_WINDOW (object);

  switch (prop_id)
    {
    case PROP_RECORD:
      g_value_set_object (value, self->record);
      break;
    case PROP_SHOW_ORIGINAL:
      /* Asked for by the property action while the template is built. */
      g_value_set_boolean (value, self->article_view != NULL &&
                                  yp_article_view_get_show_original (self->article_view));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yp_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  YpWindow *self = YP_WINDOW (object);

  switch (prop_id)
    {
    case PROP_RECORD:
      self->record = g_value_dup_object (value);
      break;
    case PROP_SHOW_ORIGINAL:
      /* Set to FALSE while the template is built: nothing to make yet. */
      if (self->article_view != NULL || g_value_get_boolean (value))
        yp_article_view_set_show_original (_yp_window_ensure_article_view (self), g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yp_window_class_init (YpWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = yp_window_constructed;
  object_class->dispose = yp_window_dispose;
  object_class->finalize = yp_window_finalize;
  object_class->get_property = yp_window_get_property;
  object_class->set_property = yp_window_set_property;
  window_class->close_request = yp_window_close_request;
  widget_class->size_allocate = yp_window_size_allocate;

  properties[PROP_RECORD] =
    g_param_spec_object ("record", NULL, NULL, YP_TYPE_RECORD,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Mirrors the article view's, so "win.show-original" can be a property action. */
  properties[PROP_SHOW_ORIGINAL] =
    g_param_spec_boolean ("show-original", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (YP_TYPE_ARTICLE_VIEW);
  g_type_ensure (YP_TYPE_EVENT_CARD);
  g_type_ensure (YP_TYPE_STORY_PAGE);
  g_type_ensure (YP_TYPE_TIMELINE);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/yeonpyo/Yeonpyo/ui/yp-window.ui");
  gtk_widget_class_bind_template_child (widget_class, YpWindow, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, YpWindow, banner_label);
  gtk_widget_class_bind_template_child (widget_class, YpWindow, paned);
  gtk_widget_class_bind_template_child (widget_class, YpWindow, timeline_box);
  gtk_widget_class_bind_template_child (widget_class, YpWindow, era_scroller);
  gtk_widget_class_bind_template_child (widget_class, YpWindow, era_menu_button);
  gtk_widget_class_bind_template_child (widget_class, YpWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, YpWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, YpWindow, era_menu);
  gtk_widget_class_bind_template_child (widget_class, YpWindow, era_section);
  gtk_widget_class_bind_template_child (widget_class, YpWindow, zoom_box);
  gtk_widget_class_bind_template_child (widget_class, YpWindow, original_button);
  gtk_widget_class_bind_template_child (widget_class, YpWindow, side_stack);
  gtk_widget_class_bind_template_child (widget_class, YpWindow, story_page);
  gtk_widget_class_bind_template_child (widget_class, YpWindow, toast_revealer);
  gtk_widget_class_bind_template_child (widget_class, YpWindow, toast_label);
  gtk_widget_class_bind_template_child (widget_class, YpWindow, toast_open_button);
  gtk_widget_class_bind_template_child (widget_class, YpWindow, toast_show_button);
  gtk_widget_class_bind_template_child (widget_class, YpWindow, era_chips);
  gtk_widget_class_bind_template_child (widget_class, YpWindow, timeline);
  gtk_widget_class_bind_template_child (widget_class, YpWindow, overview_slot);
  gtk_widget_class_bind_template_child (widget_class, YpWindow, list_stack);
  gtk_widget_class_bind_template_child (widget_class, YpWindow, event_list);
  gtk_widget_class_bind_template_child (widget_class, YpWindow, source_list);
  gtk_widget_class_bind_template_child (widget_class, YpWindow, card_scroller);
  gtk_widget_class_bind_template_child (widget_class, YpWindow, reading_box);
  gtk_widget_class_bind_template_child (widget_class, YpWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, YpWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, YpWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, YpWindow, filter_button);
  gtk_widget_class_bind_template_child (widget_class, YpWindow, filter_row);
  gtk_widget_class_bind_template_child (widget_class, YpWindow, filter_count);
  gtk_widget_class_bind_template_child (widget_class, YpWindow, filter_chips);
  gtk_widget_class_bind_template_child (widget_class, YpWindow, results_label);
  gtk_widget_class_bind_template_child (widget_class, YpWindow, results_list);
  gtk_widget_class_bind_template_child (widget_class, YpWindow, recent_menu);

  gtk_widget_class_install_property_action (widget_class, "win.show-original", "show-original");
  _yp_window_class_add_actions (widget_class);
}

static void
yp_window_init (YpWindow *self)
{
  self->settings = g_settings_new (APP_ID);
  self->filter_actors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->filter_categories = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->filter_sources = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->filter.categories = self->filter_categories;
  self->filter.actors = self->filter_actors;
  self->filter.sources = self->filter_sources;
  self->open_errors = g_ptr_array_new_with_free_func (g_free);
  self->remember_state = TRUE;
  self->pending_position = -1;
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Timeline files dropped on the window open in windows of their own. */
  _yp_window_setup_drop (self);
}

YpWindow *
yp_window_new (GtkApplication *application,
               YpRecord       *record,
               const char     *load_error)
{
  YpWindow *self = g_object_new (YP_TYPE_WINDOW,
                                 "application", application,
                                 "record", record,
                                 NULL);

  if (load_error != NULL)
    {
      self->load_error = g_strdup (load_error);
      _yp_window_update_banner (self);
    }
  return self;
}

YpArticleView *
yp_window_get_article_view (YpWindow *self)
{
  g_return_val_if_fail (YP_IS_WINDOW (self), NULL);
  return _yp_window_ensure_article_view (self);
}

GtkListView *
yp_window_get_source_list (YpWindow *self)
{
  g_return_val_if_fail (YP_IS_WINDOW (self), NULL);
  return self->source_list;
}

GtkListView *
yp_window_get_event_list (YpWindow *self)
{
  g_return_val_if_fail (YP_IS_WINDOW (self), NULL);
  return self->event_list;
}

YpRecord *
yp_window_get_record (YpWindow *self)
{
  g_return_val_if_fail (YP_IS_WINDOW (self), NULL);
  return self->record;
}

YpSession *
yp_window_get_session (YpWindow *self)
{
  g_return_val_if_fail (YP_IS_WINDOW (self), NULL);
  return self->session;
}

YpTimeline *
yp_window_get_timeline (YpWindow *self)
{
  g_return_val_if_fail (YP_IS_WINDOW (self), NULL);
  return self->timeline;
}

YpStoryPage *
yp_window_get_story_page (YpWindow *self)
{
  g_return_val_if_fail (YP_IS_WINDOW (self), NULL);
  return self->story_page;
}

gboolean
yp_window_get_narrow (YpWindow *self)
{
  g_return_val_if_fail (YP_IS_WINDOW (self), FALSE);
  return self->narrow;
}

const char *
yp_window_get_pane (YpWindow *self)
{
  g_return_val_if_fail (YP_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->side_stack);
}

const char *
yp_window_get_toast_text (YpWindow *self)
{
  g_return_val_if_fail (YP_IS_WINDOW (self), NULL);
  return gtk_revealer_get_reveal_child (self->toast_revealer) ? gtk_label_get_text (self->toast_label) : NULL;
}

GFile *
yp_window_get_saved_file (YpWindow *self)
{
  g_return_val_if_fail (YP_IS_WINDOW (self), NULL);
  return self->saved_file;
}

YpEventCard *
yp_window_get_event_card (YpWindow *self)
{
  g_return_val_if_fail (YP_IS_WINDOW (self), NULL);
  return ensure_event_card (self);
}

GtkStack *
yp_window_get_list_stack (YpWindow *self)
{
  g_return_val_if_fail (YP_IS_WINDOW (self), NULL);
  return self->list_stack;
}

GtkSearchEntry *
yp_window_get_search_entry (YpWindow *self)
{
  g_return_val_if_fail (YP_IS_WINDOW (self), NULL);
  return self->search_entry;
}

/* The window's search, which its entry runs. */
YpSearch *
yp_window_get_search (YpWindow *self)
{
  g_return_val_if_fail (YP_IS_WINDOW (self), NULL);
  return self->search;
}

GtkListView *
yp_window_get_results_list (YpWindow *self)
{
  g_return_val_if_fail (YP_IS_WINDOW (self), NULL);
  return self->results_list;
}

/* Ticks the filter box with this id (in any section); for tests and for
 * restoring a filter. Returns FALSE when there is none. */
gboolean
yp_window_set_filter (YpWindow   *self,
                      const char *id,
                      gboolean    active)
{
  g_return_val_if_fail (YP_IS_WINDOW (self), FALSE);

  return yp_filter_popover_set_active (_yp_window_ensure_filter_popover (self), id, active);
}

char *
yp_window_dup_citation_text (YpWindow *self,
                             YpEvent  *event)
{
  g_return_val_if_fail (YP_IS_WINDOW (self), NULL);
  g_return_val_if_fail (YP_IS_EVENT (event), NULL);
  return yp_export_citation_text (self->record, event, yp_content_lang ());
}

const char *
yp_window_get_banner_text (YpWindow *self)
{
  g_return_val_if_fail (YP_IS_WINDOW (self), NULL);
  return gtk_revealer_get_reveal_child (self->banner_revealer) ? gtk_label_get_text (self->banner_label) : NULL;
}
