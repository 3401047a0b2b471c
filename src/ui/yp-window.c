/* yp-window.c: the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The timeline, the overview under it and the event list follow one
 * YpSession (visible window + selection); selecting an event anywhere
 * opens its first citation in the article pane, and clicking a highlighted
 * passage there selects its event.
 */
#define G_LOG_DOMAIN "yp-window"

#include "config.h"

#include <glib/gi18n.h>

#include "yp-application.h"
#include "yp-article-view.h"
#include "yp-format.h"
#include "yp-overview.h"
#include "yp-export-dialog.h"
#include "yp-export.h"
#include "yp-print.h"
#include "yp-result-slot.h"
#include "yp-search.h"
#include "yp-timeline.h"
#include "yp-window.h"

struct _YpWindow
{
  GtkApplicationWindow  parent_instance;

  /* template */
  GtkRevealer          *banner_revealer;
  GtkLabel             *banner_label;
  GtkPaned             *paned;
  GtkPaned             *left_paned;
  GtkBox               *era_chips;
  YpTimeline           *timeline;
  GtkBox               *overview_slot;
  GtkStack             *list_stack;
  GtkListView          *event_list;
  GtkListView          *source_list;
  GtkBox               *event_card;
  GtkLabel             *event_date;
  GtkLabel             *event_title;
  GtkLabel             *event_summary;
  GtkLabel             *event_meta;
  GtkFlowBox           *citation_box;
  GtkWidget            *compare_button;
  YpArticleView        *article_view;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkToggleButton      *search_button;
  GtkMenuButton        *filter_button;
  GtkWidget            *filter_row;
  GtkLabel             *filter_count;
  GtkBox               *filter_chips;
  GtkLabel             *results_label;
  GtkListView          *results_list;
  GHashTable           *stale_rows;   /* GtkListItem: out of view, result changed */
  guint                 stale_source;
  GPtrArray            *rest;         /* a query's results not in the list yet, */
  guint                 rest_from;    /* from this one on; added after the frame */
  guint                 rest_source;
  GdkFrameClock        *rest_clock;
  gulong                rest_handler;
  guint                 search_index_source;
  GMenu                *recent_menu;

  GtkWidget            *overview;
  GSettings            *settings;
  char                 *path;            /* the timeline file shown */
  gboolean              remember_state;  /* the shipped timeline: views persist */
  GPtrArray            *open_errors;     /* files that could not be opened */
  YpRecord             *record;
  YpSession            *session;
  char                 *load_error;
  GtkSingleSelection   *source_selection;
  GtkSingleSelection   *event_selection;
  YpEventFilter         filter;      /* the three sets below */
  guint                 attach_source; /* idle that gives the event list its model */
  gboolean              scroll_pending; /* bringing the selected row into view */
  guint                 scroll_frames;
  GListStore           *results;
  YpSearch             *search;
  char                 *page_before_search;
  /* The filter: sets of ids; an empty set does not constrain. */
  GHashTable           *filter_actors;
  GHashTable           *filter_categories;
  GHashTable           *filter_sources;
  GPtrArray            *filter_checks;   /* the popover's check buttons */
  guint                 pending_citation;
  gboolean              syncing;
};

G_DEFINE_FINAL_TYPE (YpWindow, yp_window, GTK_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_RECORD,
  PROP_SHOW_ORIGINAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers */

static char *
source_date_text (YpSource *source)
{
  if (yp_source_get_published (source) == NULL)
    return g_strdup (_("Date not stated"));
  return yp_format_written_date (yp_source_get_published (source),
                                 yp_source_get_timezone (source),
                                 yp_source_get_published_precision (source) == YP_PRECISION_EXACT
                                   ? YP_PRECISION_DAY
                                   : yp_source_get_published_precision (source));
}

static void
update_banner (YpWindow *self)
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

static GtkWidget *
make_label (const char *css_class,
            gboolean    wrap)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (wrap)
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
    }
  else
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (css_class)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/* Source rows */

static void
source_row_setup_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *outlet = make_label ("caption-heading", FALSE);
  GtkWidget *title = make_label (NULL, TRUE);
  GtkWidget *date = make_label ("caption", FALSE);

  gtk_widget_add_css_class (box, "source-row");
  gtk_label_set_lines (GTK_LABEL (title), 3);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (title), 30);
  gtk_widget_add_css_class (date, "dim-label");
  gtk_box_append (GTK_BOX (box), outlet);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), date);
  gtk_list_item_set_child (item, box);
}

static void
source_row_bind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    gpointer                  user_data)
{
  YpSource *source = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *outlet = gtk_widget_get_first_child (box);
  GtkWidget *title = gtk_widget_get_next_sibling (outlet);
  GtkWidget *date = gtk_widget_get_next_sibling (title);
  YpLang lang = yp_ui_lang ();
  g_autofree char *when = source_date_text (source);
  g_autofree char *date_line = NULL;
  g_autofree char *excerpt = NULL;
  PangoAttrList *attrs;
  const char *outlet_name = yp_source_get_outlet (source, lang);

  gtk_label_set_text (GTK_LABEL (outlet), outlet_name ? outlet_name : _("Outlet not named"));
  if (yp_source_get_title (source) != NULL)
    {
      gtk_label_set_text (GTK_LABEL (title), yp_source_get_title (source));
      gtk_widget_remove_css_class (title, "untitled");
    }
  else
    {
      /* No headline: show how the article begins, marked as such. */
      excerpt = yp_source_dup_excerpt (source, 60);
      gtk_label_set_text (GTK_LABEL (title), excerpt);
      gtk_widget_add_css_class (title, "untitled");
    }
  attrs = yp_keep_words_attrs (gtk_label_get_text (GTK_LABEL (title)));
  gtk_label_set_attributes (GTK_LABEL (title), attrs);
  pango_attr_list_unref (attrs);
  date_line = g_strdup_printf ("%s · %s", when, yp_language_name (yp_source_get_language (source)));
  gtk_label_set_text (GTK_LABEL (date), date_line);
}

/* Event rows */

static void
event_row_setup_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *date = make_label ("caption", FALSE);
  GtkWidget *title = make_label (NULL, TRUE);
  GtkWidget *second = make_label ("dim-label", TRUE);

  gtk_widget_add_css_class (box, "event-row");
  gtk_label_set_lines (GTK_LABEL (second), 2);
  gtk_label_set_ellipsize (GTK_LABEL (second), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (date, "dim-label");
  gtk_label_set_lines (GTK_LABEL (title), 2);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), date);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), second);
  gtk_list_item_set_child (item, box);
}

static void
event_row_bind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  user_data)
{
  YpEvent *event = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *date = gtk_widget_get_first_child (box);
  GtkWidget *title = gtk_widget_get_next_sibling (date);
  GtkWidget *second = gtk_widget_get_next_sibling (title);
  g_autofree char *when = yp_format_event_date (event);
  g_autofree char *line = NULL;
  const char *status = yp_format_status (event);
  YpLang lang = yp_content_lang ();
  PangoAttrList *attrs;

  line = status ? g_strdup_printf ("%s · %s", when, status) : g_strdup (when);
  gtk_label_set_text (GTK_LABEL (date), line);
  gtk_label_set_text (GTK_LABEL (title), yp_event_get_title (event, lang));
  /* In both languages, the other one under it. */
  gtk_widget_set_visible (second, yp_content_bilingual ());
  gtk_label_set_text (GTK_LABEL (second), yp_event_get_title (event, lang == YP_LANG_KO ? YP_LANG_EN : YP_LANG_KO));
  attrs = yp_keep_words_attrs (gtk_label_get_text (GTK_LABEL (title)));
  gtk_label_set_attributes (GTK_LABEL (title), attrs);
  pango_attr_list_unref (attrs);
}

/* The event card */

static void
citation_clicked_cb (GtkButton *button,
                     YpWindow  *self)
{
  YpEvent *event = yp_session_get_selected (self->session);
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "yp-citation"));
  GtkWidget *child;

  if (event == NULL)
    return;
  yp_article_view_show_citation (self->article_view, event, index);
  /* The flow box wraps each button in a GtkFlowBoxChild. */
  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->citation_box)); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *cite = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));

      if (cite == GTK_WIDGET (button))
        gtk_widget_add_css_class (cite, "current");
      else
        gtk_widget_remove_css_class (cite, "current");
    }
}

static void
update_event_card (YpWindow *self,
                   YpEvent  *event,
                   guint     current)
{
  YpLang lang = yp_content_lang ();
  g_autofree char *title = NULL;
  g_autofree char *summary = NULL;
  g_autoptr(GString) meta = g_string_new (NULL);
  g_autofree char *when = NULL;
  g_autofree char *date_line = NULL;
  const char * const *actors;
  const char *status, *note;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->citation_box))) != NULL)
    gtk_flow_box_remove (self->citation_box, child);

  gtk_widget_set_visible (GTK_WIDGET (self->event_card), event != NULL);
  if (event == NULL)
    return;

  when = yp_format_event_date (event);
  note = yp_event_get_date_note (event, lang);
  status = yp_format_status (event);
  date_line = g_strdup_printf ("%s%s%s", when, note ? " — " : "", note ? note : "");
  gtk_label_set_text (self->event_date, date_line);
  title = yp_content_pair (yp_event_get_title (event, YP_LANG_KO), yp_event_get_title (event, YP_LANG_EN), "\n");
  summary = yp_content_pair (yp_event_get_summary (event, YP_LANG_KO), yp_event_get_summary (event, YP_LANG_EN), "\n\n");
  gtk_label_set_text (self->event_title, title);
  gtk_label_set_text (self->event_summary, summary);
  gtk_widget_set_visible (self->compare_button, yp_format_count_sources (event) > 1);

  g_string_append (meta, yp_format_category (yp_event_get_category (event)));
  if (status)
    g_string_append_printf (meta, " · %s", status);
  actors = yp_event_get_actors (event);
  for (guint i = 0; actors[i] != NULL; i++)
    {
      YpActor *actor = yp_record_lookup_actor (self->record, actors[i]);
      g_string_append_printf (meta, "%s%s", i == 0 ? " · " : ", ",
                              actor ? yp_actor_get_name (actor, lang) : actors[i]);
    }
  gtk_label_set_text (self->event_meta, meta->str);

  /* One button per citation: the other passages are one click away. */
  for (guint i = 0; i < yp_event_get_n_citations (event); i++)
    {
      YpCitation *c = yp_event_get_citation (event, i);
      YpSource *source = yp_record_lookup_source (self->record, yp_citation_get_source_id (c));
      const char *outlet = source ? yp_source_get_outlet (source, lang) : NULL;
      g_autofree char *label = g_strdup_printf ("%u · %s", i + 1, outlet ? outlet : (source && yp_source_get_title (source)
                                                                                      ? yp_source_get_title (source)
                                                                                      : yp_citation_get_source_id (c)));
      GtkWidget *button = gtk_button_new_with_label (label);

      gtk_label_set_ellipsize (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))), PANGO_ELLIPSIZE_END);
      gtk_widget_set_tooltip_text (button, yp_citation_get_quote (c));
      gtk_widget_add_css_class (button, "citation");
      if (i == current)
        gtk_widget_add_css_class (button, "current");
      g_object_set_data (G_OBJECT (button), "yp-citation", GUINT_TO_POINTER (i));
      g_signal_connect (button, "clicked", G_CALLBACK (citation_clicked_cb), self);
      gtk_flow_box_append (self->citation_box, button);
      /* The button takes the focus, not the cell around it. */
      gtk_widget_set_focusable (gtk_widget_get_parent (button), FALSE);
    }
}

/* Callbacks */

static void
source_selected_cb (YpWindow *self)
{
  YpSource *source = gtk_single_selection_get_selected_item (self->source_selection);

  if (self->syncing)
    return;
  if (source != NULL && source != yp_article_view_get_source (self->article_view))
    yp_article_view_set_source (self->article_view, source);
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

  update_event_card (self, event, citation);
  if (event != NULL)
    {
      yp_session_reveal (self->session, yp_event_get_anchor (event));
      yp_article_view_show_citation (self->article_view, event, citation);
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
      update_event_card (self, event, citation);
      return;
    }
  self->pending_citation = citation;
  yp_session_select (self->session, event);
}

static void
era_chip_clicked_cb (GtkButton *button,
                     YpWindow  *self)
{
  YpEra *era = g_object_get_data (G_OBJECT (button), "yp-era");

  if (era == NULL)
    yp_session_zoom_to_fit (self->session);
  else
    yp_session_zoom_to (self->session, yp_era_get_start (era), yp_era_get_end (era), 0.02);
}

static void
build_era_chips (YpWindow *self)
{
  GListModel *eras = yp_record_get_eras (self->record);
  GtkWidget *all = gtk_button_new_with_label (_("Whole Span"));

  gtk_widget_add_css_class (all, "era-chip");
  gtk_widget_set_tooltip_text (all, _("Show every event (0)"));
  g_signal_connect (all, "clicked", G_CALLBACK (era_chip_clicked_cb), self);
  gtk_box_append (self->era_chips, all);

  for (guint i = 0; i < g_list_model_get_n_items (eras); i++)
    {
      g_autoptr(YpEra) era = g_list_model_get_item (eras, i);
      GtkWidget *chip = gtk_button_new_with_label (yp_era_get_name (era, yp_content_lang ()));
      g_autofree char *from = yp_format_written_date (yp_era_get_start_text (era), NULL, YP_PRECISION_DAY);
      g_autofree char *to = yp_format_written_date (yp_era_get_end_text (era), NULL, YP_PRECISION_DAY);
      g_autofree char *tip = g_strdup_printf ("%s – %s", from, to);

      gtk_widget_add_css_class (chip, "era-chip");
      gtk_widget_set_tooltip_text (chip, tip);
      g_object_set_data_full (G_OBJECT (chip), "yp-era", g_object_ref (era), g_object_unref);
      g_signal_connect (chip, "clicked", G_CALLBACK (era_chip_clicked_cb), self);
      gtk_box_append (self->era_chips, chip);
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
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  if (!gtk_window_is_maximized (window) && width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_int (self->settings, "sidebar-position", gtk_paned_get_position (self->paned));
  /* Only the shipped timeline's view is remembered: another file's would
   * not fit it. */
  if (self->remember_state)
    {
      g_settings_set_int64 (self->settings, "visible-start", (gint64) yp_session_get_visible_start (self->session));
      g_settings_set_int64 (self->settings, "visible-end", (gint64) yp_session_get_visible_end (self->session));
    }
  g_settings_apply (self->settings);

  return GTK_WINDOW_CLASS (yp_window_parent_class)->close_request (window);
}

static void
show_original_changed_cb (YpWindow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_ORIGINAL]);
}

/* Actions */

static void
show_problems_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  YpWindow *self = YP_WINDOW (widget);
  GtkWidget *dialog, *scroller, *view, *header;
  GtkTextBuffer *buffer;
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < self->open_errors->len; i++)
    g_string_append_printf (text, "%s\n", (const char *) g_ptr_array_index (self->open_errors, i));
  if (self->load_error != NULL)
    g_string_append_printf (text, "%s\n", self->load_error);
  if (self->record != NULL)
    {
      GPtrArray *problems = yp_record_get_problems (self->record);

      for (guint i = 0; i < problems->len; i++)
        {
          g_autofree char *line = yp_problem_to_string (g_ptr_array_index (problems, i));
          g_string_append_printf (text, "%s\n", line);
        }
    }

  dialog = gtk_window_new ();
  gtk_window_set_title (GTK_WINDOW (dialog), _("Problems in the Timeline File"));
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (dialog), 760, 420);
  header = gtk_header_bar_new ();
  gtk_window_set_titlebar (GTK_WINDOW (dialog), header);

  view = gtk_text_view_new ();
  gtk_text_view_set_editable (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (view), TRUE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 12);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  gtk_text_buffer_set_text (buffer, text->len ? text->str : _("No problems."), -1);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
  gtk_window_set_child (GTK_WINDOW (dialog), scroller);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
dismiss_banner_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  gtk_revealer_set_reveal_child (YP_WINDOW (widget)->banner_revealer, FALSE);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  YpWindow *self = YP_WINDOW (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  YpWindow *self = YP_WINDOW (widget);

  if (g_str_equal (action_name, "win.zoom-fit"))
    gtk_widget_activate_action (GTK_WIDGET (self->timeline), "timeline.fit", NULL);
  else
    gtk_widget_activate_action (GTK_WIDGET (self->timeline), "timeline.zoom", "i",
                                g_str_equal (action_name, "win.zoom-in") ? 1 : -1);
}

/* Search */

static void result_row_mapped_cb (GtkWidget   *row,
                                  GtkListItem *item);

static void
search_row_setup_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *kind = make_label ("caption-heading", FALSE);
  GtkWidget *title = make_label (NULL, TRUE);
  GtkWidget *snippet = make_label ("caption", TRUE);

  gtk_widget_add_css_class (box, "result-row");
  gtk_label_set_lines (GTK_LABEL (title), 2);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_lines (GTK_LABEL (snippet), 3);
  gtk_label_set_ellipsize (GTK_LABEL (snippet), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), kind);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), snippet);
  g_signal_connect (box, "map", G_CALLBACK (result_row_mapped_cb), item);
  gtk_list_item_set_child (item, box);
}

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

/* The event of an EVENT result, by its position: no lookup by id. */
static YpEvent *
result_event (YpWindow       *self,
              YpSearchResult *result)
{
  return yp_event_list_peek (YP_EVENT_LIST (yp_record_get_events (self->record)),
                             yp_search_result_get_position (result));
}

static void
show_result (YpWindow       *self,
             GtkWidget      *box,
             YpSearchResult *result)
{
  GtkWidget *kind = gtk_widget_get_first_child (box);
  GtkWidget *title = gtk_widget_get_next_sibling (kind);
  GtkWidget *snippet = gtk_widget_get_next_sibling (title);
  g_autofree char *markup = NULL;
  YpLang lang = yp_content_lang ();

  if (result == NULL)
    return;
  /* What the row shows, for the tests to compare with its slot. */
  g_object_set_data_full (G_OBJECT (box), "yp-shown-result", g_object_ref (result), g_object_unref);
  markup = snippet_markup (result);
  if (yp_search_result_get_kind (result) == YP_SEARCH_RESULT_EVENT)
    {
      YpEvent *event = result_event (self, result);
      g_autofree char *when = event ? yp_format_event_date (event) : NULL;
      g_autofree char *line = g_strdup_printf ("%s · %s", _("Event"), when ? when : "");

      gtk_label_set_text (GTK_LABEL (kind), line);
      gtk_label_set_text (GTK_LABEL (title), event ? yp_event_get_title (event, lang) : "");
    }
  else
    {
      YpSource *source = yp_record_lookup_source (self->record, yp_search_result_get_id (result));
      const char *outlet = source ? yp_source_get_outlet (source, yp_ui_lang ()) : NULL;
      g_autofree char *line = g_strdup_printf ("%s · %s", _("Article"), outlet ? outlet : _("Outlet not named"));

      gtk_label_set_text (GTK_LABEL (kind), line);
      gtk_label_set_text (GTK_LABEL (title), source && yp_source_get_title (source) ? yp_source_get_title (source)
                                                                                   : _("No headline in the file"));
    }
  gtk_label_set_markup (GTK_LABEL (snippet), markup);
}

/* Rows out of view whose result changed, brought up to date after the
 * frame. */
static gboolean
show_stale_rows_idle (gpointer data)
{
  YpWindow *self = data;
  GHashTableIter iter;
  gpointer item;

  self->stale_source = 0;
  g_hash_table_iter_init (&iter, self->stale_rows);
  while (g_hash_table_iter_next (&iter, &item, NULL))
    {
      YpResultSlot *slot = gtk_list_item_get_item (item);

      if (slot != NULL && gtk_list_item_get_child (item) != NULL)
        show_result (self, gtk_list_item_get_child (item), yp_result_slot_get_result (slot));
    }
  g_hash_table_remove_all (self->stale_rows);
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
  g_object_set_data (G_OBJECT (gtk_list_item_get_child (item)), "yp-list-item", item);
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

static void
cancel_rest (YpWindow *self)
{
  g_clear_handle_id (&self->rest_source, g_source_remove);
  if (self->rest_clock != NULL)
    g_clear_signal_handler (&self->rest_handler, self->rest_clock);
  g_clear_object (&self->rest_clock);
  g_clear_pointer (&self->rest, g_ptr_array_unref);
}

static gboolean
add_rest_idle (gpointer data)
{
  YpWindow *self = data;
  g_autoptr(GPtrArray) slots = g_ptr_array_new_with_free_func (g_object_unref);

  self->rest_source = 0;
  for (guint i = self->rest_from; i < self->rest->len; i++)
    g_ptr_array_add (slots, yp_result_slot_new (g_ptr_array_index (self->rest, i)));
  g_list_store_splice (self->results, g_list_model_get_n_items (G_LIST_MODEL (self->results)), 0,
                       slots->pdata, slots->len);
  cancel_rest (self);
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

/* Puts @results into the list: into the slots already there, then adds
 * or removes slots at the end. Rows that stay are updated in place.
 * Rows GTK had to take down (a query with fewer results) it makes again
 * when they come back, about 200 of them, all but a dozen out of view:
 * after a query with one result, that was 9 ms of a 10 ms keystroke at
 * 100,000 events. So a keystroke adds RESULTS_AT_ONCE rows at most, and
 * the others come after its frame is painted. */
static void
set_results (YpWindow  *self,
             GPtrArray *results)
{
  GListModel *model;
  guint n_old, n_new, kept;

  cancel_rest (self);
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
          self->rest_clock = gtk_widget_get_frame_clock (GTK_WIDGET (self->results_list));
          if (self->rest_clock != NULL)
            {
              g_object_ref (self->rest_clock);
              self->rest_handler = g_signal_connect (self->rest_clock, "after-paint",
                                                     G_CALLBACK (rest_after_paint_cb), self);
            }
          else
            self->rest_source = g_idle_add_full (G_PRIORITY_LOW, add_rest_idle, self, NULL);
        }
    }
  else if (n_new < n_old)
    g_list_store_splice (self->results, n_new, n_old - n_new, NULL, 0);
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
      YpEvent *event = result_event (self, result);

      if (event != NULL && !yp_session_is_shown (self->session, event))
        gtk_widget_activate_action (GTK_WIDGET (self), "win.clear-filters", NULL);
      yp_session_select (self->session, event);
    }
  else
    {
      YpSource *source = yp_record_lookup_source (self->record, yp_search_result_get_id (result));

      if (source != NULL)
        yp_article_view_show_passage (self->article_view, source,
                                      yp_search_result_get_body_start (result),
                                      yp_search_result_get_body_end (result));
    }
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
          cancel_rest (self);
          g_list_store_remove_all (self->results);
        }
      yp_session_set_matches (self->session, NULL, 0);
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
      gtk_label_set_text (self->results_label, msg);
      cancel_rest (self);
      g_list_store_remove_all (self->results);
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

  if (results->len == 0)
    summary = g_strdup (_("No matches"));
  else
    {
      /* Translators: "3 events, 12 passages" */
      g_autofree char *ev = g_strdup_printf (ngettext ("%u event", "%u events", n_events), n_events);
      g_autofree char *pa = g_strdup_printf (ngettext ("%u passage", "%u passages", n_passages), n_passages);
      summary = g_strdup_printf ("%s, %s", ev, pa);
    }
  gtk_label_set_text (self->results_label, summary);
}

static gboolean
open_search_index_idle (gpointer data)
{
  YpWindow *self = data;

  self->search_index_source = 0;
  yp_search_uses_index (self->search);
  return G_SOURCE_REMOVE;
}

static void
search_mode_changed_cb (YpWindow *self)
{
  if (!gtk_search_bar_get_search_mode (self->search_bar))
    run_search (self);
  /* The index is opened, and its texts read (a few tens of milliseconds
   * at 100,000 events), once the bar is shown, not at the first
   * keystroke. */
  else if (self->search_index_source == 0)
    self->search_index_source = g_idle_add_full (G_PRIORITY_LOW, open_search_index_idle, self, NULL);
}

/* Filter */

static void filter_changed (YpWindow *self);

static void
chip_clicked_cb (GtkButton *chip,
                 YpWindow  *self)
{
  GtkCheckButton *check = g_object_get_data (G_OBJECT (chip), "yp-check");

  /* Unticking the popover's box does the rest. */
  gtk_check_button_set_active (check, FALSE);
}

static void
filter_changed (YpWindow *self)
{
  GtkWidget *child;
  guint n_active = g_hash_table_size (self->filter_actors) +
                   g_hash_table_size (self->filter_categories) +
                   g_hash_table_size (self->filter_sources);
  guint total = g_list_model_get_n_items (yp_record_get_events (self->record));
  g_autofree char *count = NULL;

  yp_session_refilter (self->session);

  /* Chips: one per active choice, click to drop it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->filter_chips))) != NULL)
    gtk_box_remove (self->filter_chips, child);
  for (guint i = 0; i < self->filter_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->filter_checks, i);
      GtkWidget *chip;
      g_autofree char *label = NULL;

      if (!gtk_check_button_get_active (check))
        continue;
      label = g_strdup_printf ("%s ✕", gtk_check_button_get_label (check));
      chip = gtk_button_new_with_label (label);
      gtk_widget_add_css_class (chip, "era-chip");
      gtk_widget_set_tooltip_text (chip, _("Remove this filter"));
      g_object_set_data (G_OBJECT (chip), "yp-check", check);
      g_signal_connect (chip, "clicked", G_CALLBACK (chip_clicked_cb), self);
      gtk_box_append (self->filter_chips, chip);
    }
  /* Translators: "12 of 38 events" */
  count = g_strdup_printf (ngettext ("%u of %u event", "%u of %u events", total),
                           yp_session_get_n_shown (self->session), total);
  gtk_label_set_text (self->filter_count, count);
  gtk_widget_set_visible (self->filter_row, n_active > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.clear-filters", n_active > 0);
}

static void
filter_check_toggled_cb (GtkCheckButton *check,
                         YpWindow       *self)
{
  GHashTable *set = g_object_get_data (G_OBJECT (check), "yp-set");
  const char *id = g_object_get_data (G_OBJECT (check), "yp-id");

  if (gtk_check_button_get_active (check))
    g_hash_table_add (set, g_strdup (id));
  else
    g_hash_table_remove (set, id);
  filter_changed (self);
}

static void
add_filter_section (YpWindow   *self,
                    GtkBox     *box,
                    const char *heading,
                    GHashTable *set)
{
  GtkWidget *label = gtk_label_new (heading);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_margin_top (label, 8);
  gtk_box_append (box, label);
  g_object_set_data (G_OBJECT (label), "yp-set", set);
}

static void
add_filter_check (YpWindow   *self,
                  GtkBox     *box,
                  GHashTable *set,
                  const char *id,
                  const char *text)
{
  GtkWidget *check = gtk_check_button_new_with_label (text);

  g_object_set_data (G_OBJECT (check), "yp-set", set);
  g_object_set_data_full (G_OBJECT (check), "yp-id", g_strdup (id), g_free);
  g_signal_connect (check, "toggled", G_CALLBACK (filter_check_toggled_cb), self);
  g_ptr_array_add (self->filter_checks, check);
  gtk_box_append (box, check);
}

static void
build_filter_popover (YpWindow *self)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GPtrArray *categories;
  GListModel *actors = yp_record_get_actors (self->record);
  GListModel *sources = yp_record_get_sources (self->record);
  YpLang lang = yp_content_lang ();

  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 460);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), box);
  gtk_popover_set_child (GTK_POPOVER (popover), scroller);

  /* The categories the events have (a TimelineJS file's groups), in the
   * order they first appear. */
  categories = yp_event_list_get_categories (YP_EVENT_LIST (yp_record_get_events (self->record)));
  add_filter_section (self, GTK_BOX (box), _("Categories"), self->filter_categories);
  for (guint i = 0; i < categories->len; i++)
    {
      const char *category = g_ptr_array_index (categories, i);

      add_filter_check (self, GTK_BOX (box), self->filter_categories, category,
                        *category ? yp_format_category (category) : _("No group"));
    }

  add_filter_section (self, GTK_BOX (box), _("Sources"), self->filter_sources);
  for (guint i = 0; i < g_list_model_get_n_items (sources); i++)
    {
      g_autoptr(YpSource) source = g_list_model_get_item (sources, i);
      const char *outlet = yp_source_get_outlet (source, yp_ui_lang ());
      g_autofree char *text = g_strdup_printf ("%s — %s", outlet ? outlet : _("Outlet not named"),
                                               yp_source_get_title (source) ? yp_source_get_title (source)
                                                                            : _("No headline in the file"));
      add_filter_check (self, GTK_BOX (box), self->filter_sources, yp_source_get_id (source), text);
      gtk_label_set_ellipsize (GTK_LABEL (gtk_widget_get_last_child (gtk_widget_get_last_child (box))), PANGO_ELLIPSIZE_END);
    }

  add_filter_section (self, GTK_BOX (box), _("People and Organisations"), self->filter_actors);
  for (guint i = 0; i < g_list_model_get_n_items (actors); i++)
    {
      g_autoptr(YpActor) actor = g_list_model_get_item (actors, i);
      add_filter_check (self, GTK_BOX (box), self->filter_actors, yp_actor_get_id (actor),
                        yp_actor_get_name (actor, lang));
    }
  gtk_menu_button_set_popover (self->filter_button, popover);
}

/* The filter popover is made when it is first needed: its 40-odd check
 * buttons were a tenth of the widgets a window made before its first
 * frame. */
static void
ensure_filter_popover (YpWindow *self)
{
  if (gtk_menu_button_get_popover (self->filter_button) == NULL)
    build_filter_popover (self);
}

static void
create_filter_popover_cb (GtkMenuButton *button,
                          gpointer       user_data)
{
  ensure_filter_popover (YP_WINDOW (user_data));
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  YpWindow *self = YP_WINDOW (widget);

  for (guint i = 0; i < self->filter_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->filter_checks, i);

      g_signal_handlers_block_by_func (check, filter_check_toggled_cb, self);
      gtk_check_button_set_active (check, FALSE);
      g_signal_handlers_unblock_by_func (check, filter_check_toggled_cb, self);
    }
  g_hash_table_remove_all (self->filter_actors);
  g_hash_table_remove_all (self->filter_categories);
  g_hash_table_remove_all (self->filter_sources);
  filter_changed (self);
}

/* Compare sources and copy */

static void
compare_sources_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  YpWindow *self = YP_WINDOW (widget);
  YpEvent *event = yp_session_get_selected (self->session);
  GtkWidget *dialog, *header, *scroller, *columns, *title;
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();
  YpLang lang = yp_content_lang ();

  if (event == NULL)
    return;

  dialog = gtk_window_new ();
  gtk_window_set_title (GTK_WINDOW (dialog), _("Compare Sources"));
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (dialog), 980, 560);
  header = gtk_header_bar_new ();
  title = gtk_label_new (yp_event_get_title (event, lang));
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (title, "title");
  gtk_header_bar_set_title_widget (GTK_HEADER_BAR (header), title);
  gtk_window_set_titlebar (GTK_WINDOW (dialog), header);

  columns = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  gtk_widget_add_css_class (columns, "compare");
  gtk_box_set_homogeneous (GTK_BOX (columns), TRUE);
  for (guint i = 0; i < yp_event_get_n_citations (event); i++)
    {
      const char *source_id = yp_event_get_citation_info (event, i)->source_id;
      YpSource *source = yp_record_lookup_source (self->record, source_id);
      GtkWidget *column, *label;
      const char *outlet;
      g_autofree char *when = NULL;
      g_autofree char *lag = NULL;

      if (source == NULL || g_ptr_array_find (seen, source, NULL))
        continue;
      g_ptr_array_add (seen, source);

      column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      gtk_widget_add_css_class (column, "compare-column");
      outlet = yp_source_get_outlet (source, yp_ui_lang ());
      label = make_label ("heading", TRUE);
      gtk_label_set_text (GTK_LABEL (label), outlet ? outlet : _("Outlet not named in the file"));
      gtk_box_append (GTK_BOX (column), label);
      label = make_label (NULL, TRUE);
      gtk_label_set_text (GTK_LABEL (label), yp_source_get_title (source) ? yp_source_get_title (source)
                                                                           : _("No headline in the file"));
      gtk_box_append (GTK_BOX (column), label);

      if (yp_source_get_published (source) != NULL)
        {
          double days = (yp_source_get_published_start (source) - (double) yp_event_get_anchor (event)) / 86400.0;

          when = yp_format_written_date (yp_source_get_published (source), yp_source_get_timezone (source),
                                         yp_source_get_published_precision (source));
          if (days >= 0.5)
            lag = g_strdup_printf (ngettext ("written %d day after the event", "written %d days after the event",
                                             (int) (days + 0.5)), (int) (days + 0.5));
          else if (days > -0.5)
            lag = g_strdup (_("written the day of the event"));
          else
            lag = g_strdup (_("written before the event"));
        }
      label = make_label ("caption", TRUE);
      {
        g_autofree char *line = g_strdup_printf ("%s%s%s", when ? when : _("Date not stated"),
                                                 lag ? " — " : "", lag ? lag : "");
        gtk_label_set_text (GTK_LABEL (label), line);
      }
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (column), label);

      /* Every passage the event cites from this source. */
      for (guint j = 0; j < yp_event_get_n_citations (event); j++)
        {
          YpCitation *c = yp_event_get_citation (event, j);
          g_autofree char *quoted = NULL;

          if (g_strcmp0 (yp_citation_get_source_id (c), source_id) != 0)
            continue;
          quoted = g_strdup_printf ("“%s”", yp_citation_get_quote (c));
          label = make_label ("compare-quote", TRUE);
          gtk_label_set_text (GTK_LABEL (label), quoted);
          gtk_label_set_selectable (GTK_LABEL (label), TRUE);
          gtk_box_append (GTK_BOX (column), label);
        }
      gtk_box_append (GTK_BOX (columns), column);
    }

  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), columns);
  gtk_window_set_child (GTK_WINDOW (dialog), scroller);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
copy_citation_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  YpWindow *self = YP_WINDOW (widget);
  YpEvent *event = yp_session_get_selected (self->session);
  g_autofree char *text = NULL;

  if (event == NULL)
    return;
  text = yp_window_dup_citation_text (self, event);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
}

static void
export_view_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  YpWindow *self = YP_WINDOW (widget);
  GtkWidget *dialog = yp_export_dialog_new (GTK_WINDOW (self), self->timeline);

  gtk_window_present (GTK_WINDOW (dialog));
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  YpWindow *self = YP_WINDOW (widget);

  /* The events as the list shows them: filtered, in time order. */
  yp_print_events (GTK_WINDOW (self), self->record, G_LIST_MODEL (self->session), yp_content_lang ());
}

static void
export_pdf_response_cb (GtkNativeDialog *chooser,
                        int              response,
                        YpWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;
      g_autoptr(GError) error = NULL;

      if (path != NULL &&
          !yp_print_events_to_pdf (GTK_WINDOW (self), self->record, G_LIST_MODEL (self->session),
                                   yp_content_lang (), path, &error))
        {
          g_autofree char *text = g_strdup_printf (_("The PDF could not be written: %s"), error->message);
          gtk_label_set_text (self->banner_label, text);
          gtk_revealer_set_reveal_child (self->banner_revealer, TRUE);
        }
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
export_pdf_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  YpWindow *self = YP_WINDOW (widget);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Export Events as PDF"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "yeonpyo-events.pdf");
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (export_pdf_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Opening other timelines */

static void
update_recent_menu (YpWindow *self)
{
  g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-files");

  g_menu_remove_all (self->recent_menu);
  for (guint i = 0; recent[i] != NULL; i++)
    {
      g_autofree char *name = g_filename_display_basename (recent[i]);
      g_autoptr(GMenuItem) item = g_menu_item_new (name, NULL);

      g_menu_item_set_action_and_target_value (item, "app.open-recent", g_variant_new_string (recent[i]));
      g_menu_append_item (self->recent_menu, item);
    }
  if (recent[0] == NULL)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_("No Recent Timelines"), "win.nothing");
      g_menu_append_item (self->recent_menu, item);
    }
}

static void
open_response_cb (GtkNativeDialog *chooser,
                  int              response,
                  YpWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);
          g_autofree char *path = g_file_get_path (file);

          if (path != NULL)
            yp_application_open_path (YP_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))),
                                      path, GTK_WINDOW (self));
        }
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  YpWindow *self = YP_WINDOW (widget);
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Open Timeline"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Timelines (Yeonpyo or TimelineJS JSON)"));
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_filter_add_suffix (filter, "json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (open_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         YpWindow      *self)
{
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  files = g_value_get_boxed (value);
  for (GSList *l = files; l != NULL; l = l->next)
    {
      g_autofree char *path = g_file_get_path (l->data);

      if (path != NULL)
        yp_application_open_path (YP_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))),
                                  path, GTK_WINDOW (self));
      else
        {
          g_autofree char *uri = g_file_get_uri (l->data);
          g_autofree char *message = g_strdup_printf (_("%s: only local files can be opened"), uri);
          yp_window_report_open_error (self, message);
        }
    }
  return TRUE;
}

/* The content language changed: every label that shows content. */
static void
content_language_changed_cb (YpWindow *self)
{
  GtkWidget *child;
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
  update_event_card (self, yp_session_get_selected (self->session), 0);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->era_chips))) != NULL)
    gtk_box_remove (self->era_chips, child);
  build_era_chips (self);
}

/* GObject */

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

static void
yp_window_constructed (GObject *object)
{
  YpWindow *self = YP_WINDOW (object);
  g_autofree char *last_source = NULL;
  GtkListItemFactory *factory;

  G_OBJECT_CLASS (yp_window_parent_class)->constructed (object);

  if (self->record == NULL)
    self->record = yp_record_new ();
  self->session = yp_session_new (self->record);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  gtk_paned_set_position (self->paned, g_settings_get_int (self->settings, "sidebar-position"));

  /* Timeline and overview */
  yp_timeline_set_session (self->timeline, self->session);
  self->overview = yp_overview_new ();
  yp_overview_set_session (YP_OVERVIEW (self->overview), self->session);
  gtk_box_append (self->overview_slot, self->overview);
  build_era_chips (self);

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
  gtk_list_view_set_model (self->source_list, GTK_SELECTION_MODEL (self->source_selection));

  /* Events: the ones the timeline shows, as the session lists them. */
  yp_session_set_filter (self->session, &self->filter);
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

  /* Search */
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
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));
  g_object_bind_property (self->search_bar, "search-mode-enabled", self->search_button, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (run_search), self);
  g_signal_connect_swapped (self->search_bar, "notify::search-mode-enabled", G_CALLBACK (search_mode_changed_cb), self);

  /* Filters */
  gtk_menu_button_set_create_popup_func (self->filter_button, create_filter_popover_cb, self, NULL);
  filter_changed (self);
  g_signal_connect_object (self->settings, "changed::content-language",
                           G_CALLBACK (content_language_changed_cb), self, G_CONNECT_SWAPPED);

  yp_article_view_set_record (self->article_view, self->record);
  g_signal_connect_swapped (self->source_selection, "notify::selected",
                            G_CALLBACK (source_selected_cb), self);
  g_signal_connect_swapped (self->event_selection, "notify::selected",
                            G_CALLBACK (event_list_selected_cb), self);
  g_signal_connect_swapped (self->session, "notify::selected",
                            G_CALLBACK (session_selected_cb), self);
  g_signal_connect_swapped (self->article_view, "notify::source",
                            G_CALLBACK (article_source_changed_cb), self);
  g_signal_connect_swapped (self->article_view, "notify::show-original",
                            G_CALLBACK (show_original_changed_cb), self);
  g_signal_connect_swapped (self->article_view, "event-activated",
                            G_CALLBACK (article_event_activated_cb), self);

  last_source = g_settings_get_string (self->settings, "last-source");
  select_source_by_id (self, last_source);
  restore_view (self);
  update_banner (self);
  update_recent_menu (self);
  g_signal_connect_object (self->settings, "changed::recent-files",
                           G_CALLBACK (update_recent_menu), self, G_CONNECT_SWAPPED);
  gtk_widget_grab_focus (GTK_WIDGET (self->timeline));
}

static void
yp_window_dispose (GObject *object)
{
  YpWindow *self = (YpWindow *) object;

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_handle_id (&self->attach_source, g_source_remove);
  g_clear_handle_id (&self->stale_source, g_source_remove);
  g_clear_handle_id (&self->search_index_source, g_source_remove);
  cancel_rest (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), YP_TYPE_WINDOW);
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
  g_clear_pointer (&self->filter_checks, g_ptr_array_unref);

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
      yp_article_view_set_show_original (self->article_view, g_value_get_boolean (value));
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

  properties[PROP_RECORD] =
    g_param_spec_object ("record", NULL, NULL, YP_TYPE_RECORD,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Mirrors the article view's, so "win.show-original" can be a property action. */
  properties[PROP_SHOW_ORIGINAL] =
    g_param_spec_boolean ("show-original", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (YP_TYPE_ARTICLE_VIEW);
  g_type_ensure (YP_TYPE_TIMELINE);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/yeonpyo/Yeonpyo/ui/yp-window.ui");
  gtk_widget_class_bind_template_child (widget_class, YpWindow, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, YpWindow, banner_label);
  gtk_widget_class_bind_template_child (widget_class, YpWindow, paned);
  gtk_widget_class_bind_template_child (widget_class, YpWindow, left_paned);
  gtk_widget_class_bind_template_child (widget_class, YpWindow, era_chips);
  gtk_widget_class_bind_template_child (widget_class, YpWindow, timeline);
  gtk_widget_class_bind_template_child (widget_class, YpWindow, overview_slot);
  gtk_widget_class_bind_template_child (widget_class, YpWindow, list_stack);
  gtk_widget_class_bind_template_child (widget_class, YpWindow, event_list);
  gtk_widget_class_bind_template_child (widget_class, YpWindow, source_list);
  gtk_widget_class_bind_template_child (widget_class, YpWindow, event_card);
  gtk_widget_class_bind_template_child (widget_class, YpWindow, event_date);
  gtk_widget_class_bind_template_child (widget_class, YpWindow, event_title);
  gtk_widget_class_bind_template_child (widget_class, YpWindow, event_summary);
  gtk_widget_class_bind_template_child (widget_class, YpWindow, event_meta);
  gtk_widget_class_bind_template_child (widget_class, YpWindow, citation_box);
  gtk_widget_class_bind_template_child (widget_class, YpWindow, article_view);
  gtk_widget_class_bind_template_child (widget_class, YpWindow, compare_button);
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
  gtk_widget_class_install_action (widget_class, "win.show-problems", NULL, show_problems_action);
  gtk_widget_class_install_action (widget_class, "win.dismiss-banner", NULL, dismiss_banner_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-fit", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.clear-filters", NULL, clear_filters_action);
  gtk_widget_class_install_action (widget_class, "win.compare-sources", NULL, compare_sources_action);
  gtk_widget_class_install_action (widget_class, "win.copy-citation", NULL, copy_citation_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.export-view", NULL, export_view_action);
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "win.export-pdf", NULL, export_pdf_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export-view", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "win.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.copy-citation", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_u, GDK_CONTROL_MASK, "win.show-original", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "win.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "win.zoom-out", NULL);
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
  self->filter_checks = g_ptr_array_new ();
  self->open_errors = g_ptr_array_new_with_free_func (g_free);
  self->remember_state = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Timeline files dropped on the window open in windows of their own. */
  {
    GtkDropTarget *drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

    g_signal_connect (drop, "drop", G_CALLBACK (drop_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
  }
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
      update_banner (self);
    }
  return self;
}

YpArticleView *
yp_window_get_article_view (YpWindow *self)
{
  g_return_val_if_fail (YP_IS_WINDOW (self), NULL);
  return self->article_view;
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

GtkFlowBox *
yp_window_get_citation_box (YpWindow *self)
{
  g_return_val_if_fail (YP_IS_WINDOW (self), NULL);
  return self->citation_box;
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

  ensure_filter_popover (self);
  for (guint i = 0; i < self->filter_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->filter_checks, i);

      if (g_strcmp0 (g_object_get_data (G_OBJECT (check), "yp-id"), id) == 0)
        {
          gtk_check_button_set_active (check, active);
          return TRUE;
        }
    }
  return FALSE;
}

char *
yp_window_dup_citation_text (YpWindow *self,
                             YpEvent  *event)
{
  g_return_val_if_fail (YP_IS_WINDOW (self), NULL);
  g_return_val_if_fail (YP_IS_EVENT (event), NULL);
  return yp_export_citation_text (self->record, event, yp_content_lang ());
}

void
yp_window_set_path (YpWindow   *self,
                    const char *path,
                    gboolean    remember_state)
{
  g_autofree char *title = NULL;
  const char *name;

  g_return_if_fail (YP_IS_WINDOW (self));

  g_free (self->path);
  self->path = g_strdup (path);
  self->remember_state = remember_state;
  if (!remember_state)
    {
      /* Another timeline: named in the title; its view starts whole. */
      name = self->record ? yp_record_get_title (self->record, yp_content_lang ()) : NULL;
      if (name == NULL || *name == '\0')
        {
          g_autofree char *base = g_filename_display_basename (path);
          title = g_strdup_printf ("%s — %s", base, _("Yeonpyo"));
        }
      else
        title = g_strdup_printf ("%s — %s", name, _("Yeonpyo"));
      gtk_window_set_title (GTK_WINDOW (self), title);
      yp_session_select (self->session, NULL);
      yp_session_zoom_to_fit (self->session);
      yp_article_view_set_source (self->article_view, NULL);
    }
}

const char *
yp_window_get_path (YpWindow *self)
{
  g_return_val_if_fail (YP_IS_WINDOW (self), NULL);
  return self->path;
}

void
yp_window_report_open_error (YpWindow   *self,
                             const char *message)
{
  g_return_if_fail (YP_IS_WINDOW (self));

  g_ptr_array_add (self->open_errors, g_strdup (message));
  update_banner (self);
}

const char *
yp_window_get_banner_text (YpWindow *self)
{
  g_return_val_if_fail (YP_IS_WINDOW (self), NULL);
  return gtk_revealer_get_reveal_child (self->banner_revealer) ? gtk_label_get_text (self->banner_label) : NULL;
}
