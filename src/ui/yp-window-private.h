/* yp-window-private.h: the window's instance, shared by the files of
 * the window (yp-window.c and yp-window-*.c), and what the tests look at
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "yp-event-card.h"
#include "yp-filter-popover.h"
#include "yp-story-page.h"
#include "yp-window.h"

G_BEGIN_DECLS

struct _YpWindow
{
  GtkApplicationWindow  parent_instance;

  /* template */
  GtkRevealer          *banner_revealer;
  GtkLabel             *banner_label;
  GtkPaned             *paned;
  GtkWidget            *timeline_box;
  GtkWidget            *era_scroller;
  GtkBox               *era_chips;
  GtkWidget            *era_menu_button;
  GMenu                *era_menu;
  GMenu                *era_section;
  GtkWidget            *zoom_box;
  GtkWidget            *original_button;
  GtkStack             *side_stack;
  YpStoryPage          *story_page;
  GtkRevealer          *toast_revealer;
  GtkLabel             *toast_label;
  YpTimeline           *timeline;
  GtkBox               *overview_slot;
  GtkStack             *list_stack;
  GtkListView          *event_list;
  GtkListView          *source_list;
  GtkScrolledWindow    *card_scroller;
  YpEventCard          *event_card;     /* NULL until an event is shown */
  GtkBox               *reading_box;
  YpArticleView        *article_view;   /* NULL until the reading page is first shown */
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkToggleButton      *search_button;
  GtkMenuButton        *filter_button;
  GtkWidget            *filter_row;
  GtkLabel             *filter_count;
  GtkBox               *filter_chips;
  GtkLabel             *results_label;
  GtkListView          *results_list;
  GMenu                *recent_menu;
  GtkMenuButton        *menu_button;
  GMenuModel           *primary_menu;

  /* search */
  GHashTable           *stale_rows;   /* GtkListItem: out of view, result changed */
  guint                 stale_source;
  GPtrArray            *rest;         /* a query's results not in the list yet, */
  guint                 rest_from;    /* from this one on; added after the frame */
  gboolean              rest_trim;    /* no rest: the slots from rest_from on are
                                       * empty, taken out after the frame */
  guint                 rest_source;
  GdkFrameClock        *rest_clock;
  gulong                rest_handler;
  GPtrArray            *shown;        /* the results of the last query */
  GPtrArray            *gone;         /* results replaced, freed after the frame */
  guint                 gone_source;
  guint                 search_index_source;
  GListStore           *results;
  YpSearch             *search;
  char                 *page_before_search;
  GtkWidget            *focus_before_search;  /* weak: where Escape returns */

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
  guint                 attach_source; /* idle that gives the event list its model */
  guint                 list_focus_source; /* idle that focuses the selected row */
  gboolean              scroll_pending; /* bringing the selected row into view */
  guint                 scroll_frames;

  /* The filter: sets of ids; an empty set does not constrain. */
  YpEventFilter         filter;
  GHashTable           *filter_actors;
  GHashTable           *filter_categories;
  GHashTable           *filter_sources;
  YpFilterPopover      *filter_popover;  /* made when first opened */

  guint                 pending_citation;
  gboolean              syncing;
  gboolean              restoring;      /* the saved state, at construction */

  /* Adaptive layout: narrow stacks the panes and makes the article a
   * page of its own. */
  gboolean              narrow;
  guint                 layout_source;
  gboolean              pane_placed;    /* the wide paned's position set */
  int                   pending_position; /* to set once the paned is allocated */

  /* The toast: the file an export wrote, opened by its button. */
  GFile                *saved_file;
  guint                 toast_source;
  GtkWidget            *toast_open_button;
  GtkWidget            *toast_show_button;
  /* The view the last search or filter left (to tell whether the user
   * has zoomed or panned since). */
  double                fitted_start;
  double                fitted_end;
};

/* yp-window-actions.c */
void             _yp_window_class_add_actions  (GtkWidgetClass *widget_class);
void             _yp_window_add_help_overlay_action (YpWindow *self);
GtkWidget       *_yp_window_ensure_help_overlay (YpWindow       *self);

/* yp-window.c */
YpArticleView   *_yp_window_ensure_article_view (YpWindow     *self);

/* yp-window-layout.c */
void             _yp_window_init_layout        (YpWindow       *self);
void             _yp_window_allocated          (YpWindow       *self,
                                                int             width);

/* yp-window-filter.c */
void             _yp_window_create_filter_popover_cb (GtkMenuButton *button,
                                                      gpointer       user_data);

/* yp-window-lists.c */
void             _yp_window_setup_lists        (YpWindow       *self);

/* yp-window-open.c */
void             _yp_window_setup_recent       (YpWindow       *self);
void             _yp_window_setup_drop         (YpWindow       *self);

/* yp-window-search.c */
void             _yp_window_setup_search       (YpWindow       *self);
void             _yp_window_cancel_search_rest (YpWindow       *self);
void             _yp_window_free_search_results (YpWindow       *self);

/* yp-window.c, for the actions */
void             _yp_window_update_banner      (YpWindow       *self);
void             _yp_window_show_message       (YpWindow       *self,
                                                const char     *message);
YpFilterPopover *_yp_window_ensure_filter_popover (YpWindow    *self);
void             _yp_window_filter_changed     (YpWindow       *self);
/* The reading pane: the event's card and article (narrow: the page that
 * covers the timeline), or the story and the lists. */
void             _yp_window_show_reading       (YpWindow       *self,
                                                gboolean        reading);
/* A toast at the bottom: @message, and an "Open" button for @file. */
void             _yp_window_show_saved         (YpWindow       *self,
                                                GFile          *file,
                                                const char     *message);

/* Whether the user has zoomed or panned in: the view is not the one the
 * last search or filter chose, and narrower than the whole span. Asked
 * before the filter changes (which may clamp the view). */
gboolean         _yp_window_zoomed_in          (YpWindow       *self);
/* After a search or a filter changed: the view fits what matches, unless
 * the user had zoomed or panned in (@zoomed_in); then it stays, and when
 * nothing in it matches a toast says so, with "Show" (win.show-matches). */
void             _yp_window_move_to_matches    (YpWindow       *self,
                                                gboolean        zoomed_in);
/* Fits the view to what matches, and remembers it as fitted. */
void             _yp_window_show_matches       (YpWindow       *self);

/* For the tests. */
GtkListView     *yp_window_get_source_list     (YpWindow       *self);
GtkListView     *yp_window_get_event_list      (YpWindow       *self);
GtkStack        *yp_window_get_list_stack      (YpWindow       *self);
GtkSearchEntry  *yp_window_get_search_entry    (YpWindow       *self);
GtkListView     *yp_window_get_results_list    (YpWindow       *self);
YpSearch        *yp_window_get_search          (YpWindow       *self);
YpEventCard     *yp_window_get_event_card      (YpWindow       *self);
/* Ticks the filter box with this id (in any section); FALSE if none. */
gboolean         yp_window_set_filter          (YpWindow       *self,
                                                const char     *id,
                                                gboolean        active);
YpStoryPage     *yp_window_get_story_page      (YpWindow       *self);
/* TRUE when the layout is the narrow one (panes stacked). */
gboolean         yp_window_get_narrow          (YpWindow       *self);
/* "lists" or "reading": what the pane beside the timeline shows. */
const char      *yp_window_get_pane            (YpWindow       *self);
/* The toast's text when it is shown, else NULL; the file it opens. */
const char      *yp_window_get_toast_text      (YpWindow       *self);
GFile           *yp_window_get_saved_file      (YpWindow       *self);
/* The banner's text when it is shown, else NULL. */
const char      *yp_window_get_banner_text     (YpWindow       *self);

G_END_DECLS
