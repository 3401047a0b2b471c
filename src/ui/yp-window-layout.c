/* yp-window-layout.c: the window's adaptive layout (wide: the pane
 * beside the timeline; narrow: stacked, the article a page of its own),
 * and the toast that says where an export went
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4.8 has no breakpoints: the window tells _yp_window_allocated() its
 * width after each allocation, and an idle turns the layout after it.
 */
#define G_LOG_DOMAIN "yp-window-layout"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "yp-window-private.h"

/* Narrower than this, the panes stack; they go side by side again only
 * from WIDE_FROM on, so that a width between the two does not flip the
 * layout back and forth. */
#define NARROW_BELOW 880
#define WIDE_FROM    940

/* Narrower than this, the header bar's title (which gives way to the
 * buttons down to an ellipsis) is not shown at all: an ellipsis alone
 * says nothing. The window manager and screen readers still have it. */
#define TITLE_FROM   440

/* How long the toast stays, in seconds. */
#define TOAST_SECONDS 8

void
_yp_window_show_reading (YpWindow *self,
                         gboolean  reading)
{
  if (reading)
    _yp_window_ensure_article_view (self);
  gtk_stack_set_visible_child_name (self->side_stack, reading ? "reading" : "lists");
  /* Narrow, the article is a page over the timeline, left with "Back". */
  gtk_widget_set_visible (self->timeline_box, !(reading && self->narrow));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back", reading);
}

/* Turns the layout to narrow (panes stacked, eras in a menu, the article
 * a page of its own) or wide (the pane beside the timeline). */
static void
apply_layout (YpWindow *self,
              gboolean  narrow)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  int default_width, default_height;

  self->narrow = narrow;
  gtk_window_get_default_size (GTK_WINDOW (self), &default_width, &default_height);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->paned),
                                  narrow ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL);
  gtk_widget_set_visible (self->era_scroller, !narrow);
  gtk_widget_set_visible (self->era_menu_button, narrow);
  gtk_widget_set_visible (self->zoom_box, !narrow);
  gtk_widget_set_visible (self->original_button, !narrow);
  /* The search entry asks for 40 characters wide: too wide for a phone. */
  gtk_editable_set_width_chars (GTK_EDITABLE (self->search_entry), narrow ? 12 : 40);
  gtk_widget_set_size_request (GTK_WIDGET (self->side_stack), narrow ? -1 : 320, -1);
  if (narrow)
    {
      if (height <= 0)
        height = default_height;
      /* The timeline keeps most of the height. */
      self->pending_position = MAX (height, 400) * 2 / 3;
      self->pane_placed = FALSE;
    }
  else
    {
      int pane = g_settings_get_int (self->settings, "reading-pane-width");

      if (width <= 0)
        width = default_width;
      self->pending_position = MAX (width - pane, width / 2);
      self->pane_placed = TRUE;
    }
  /* Now, and again after the paned's first allocation in its new
   * orientation: GtkPaned moves its divider by the change in its size
   * since the last allocation, whichever way it was turned then. */
  gtk_paned_set_position (self->paned, self->pending_position);
  if (narrow)
    gtk_widget_add_css_class (GTK_WIDGET (self), "narrow");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "narrow");
  _yp_window_show_reading (self, g_str_equal (gtk_stack_get_visible_child_name (self->side_stack), "reading"));
}

static GtkWidget *
title_widget (YpWindow *self)
{
  return gtk_header_bar_get_title_widget (GTK_HEADER_BAR (gtk_window_get_titlebar (GTK_WINDOW (self))));
}

static gboolean
apply_layout_idle (gpointer data)
{
  YpWindow *self = data;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  gboolean narrow = self->narrow ? width < WIDE_FROM : width < NARROW_BELOW;

  self->layout_source = 0;
  if (width > 0)
    gtk_widget_set_visible (title_widget (self), width >= TITLE_FROM);
  if (narrow == self->narrow && self->pending_position >= 0 && (narrow || self->pane_placed))
    {
      /* The paned has been allocated in its new orientation. */
      gtk_paned_set_position (self->paned, self->pending_position);
      self->pending_position = -1;
      return G_SOURCE_REMOVE;
    }
  apply_layout (self, narrow);
  return G_SOURCE_REMOVE;
}

static gboolean
hide_toast_timeout (gpointer data)
{
  YpWindow *self = data;

  self->toast_source = 0;
  gtk_revealer_set_reveal_child (self->toast_revealer, FALSE);
  return G_SOURCE_REMOVE;
}

void
_yp_window_show_saved (YpWindow   *self,
                       GFile      *file,
                       const char *message)
{
  g_set_object (&self->saved_file, file);
  gtk_widget_set_visible (self->toast_open_button, TRUE);
  gtk_widget_set_visible (self->toast_show_button, FALSE);
  gtk_label_set_text (self->toast_label, message);
  gtk_widget_set_visible (gtk_revealer_get_child (self->toast_revealer), TRUE);
  gtk_revealer_set_reveal_child (self->toast_revealer, TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-saved", file != NULL);
  g_clear_handle_id (&self->toast_source, g_source_remove);
  self->toast_source = g_timeout_add_seconds (TOAST_SECONDS, hide_toast_timeout, self);
}

/* Whether a shown event matches the search (any shown event without
 * one). */
static gboolean
any_match_shown (YpSession *session)
{
  guint n = yp_session_get_n_shown (session);

  if (!yp_session_has_search (session))
    return n > 0;
  for (guint i = 0; i < n; i++)
    if (!yp_session_is_dimmed (session, yp_session_shown_to_position (session, i)))
      return TRUE;
  return FALSE;
}

static void
remember_fitted (YpWindow *self)
{
  /* In time: a filter remakes the story scale, and with it the view
   * coordinates, but keeps the visible times. */
  self->fitted_start = yp_session_get_visible_start (self->session);
  self->fitted_end = yp_session_get_visible_end (self->session);
}

void
_yp_window_show_matches (YpWindow *self)
{
  if (gtk_widget_get_visible (self->toast_show_button))
    {
      g_clear_handle_id (&self->toast_source, g_source_remove);
      gtk_revealer_set_reveal_child (self->toast_revealer, FALSE);
    }
  if (yp_session_has_search (self->session))
    yp_session_zoom_to_matches (self->session);
  else
    yp_session_zoom_to_fit (self->session);
  remember_fitted (self);
}

gboolean
_yp_window_zoomed_in (YpWindow *self)
{
  double start = yp_session_get_visible_start (self->session);
  double end = yp_session_get_visible_end (self->session);
  double slack = 1 + (end - start) * 1e-6;
  YpTimeRange bounds;
  gboolean zoomed_in;

  yp_session_get_view_bounds (self->session, &bounds);
  /* Zoomed or panned in by the user: not the view the last search or
   * filter chose, and narrower than the whole span. */
  zoomed_in = (fabs (start - self->fitted_start) > slack || fabs (end - self->fitted_end) > slack) &&
              yp_session_get_view_end (self->session) - yp_session_get_view_start (self->session)
                < 0.95 * (bounds.end - bounds.start);
  return zoomed_in;
}

void
_yp_window_move_to_matches (YpWindow *self,
                            gboolean  zoomed_in)
{
  if (!zoomed_in)
    {
      _yp_window_show_matches (self);
      return;
    }
  if (yp_session_count_matches_in_view (self->session) == 0 && any_match_shown (self->session))
    {
      g_set_object (&self->saved_file, NULL);
      gtk_widget_set_visible (self->toast_open_button, FALSE);
      gtk_widget_set_visible (self->toast_show_button, TRUE);
      gtk_label_set_text (self->toast_label, _("Nothing in view matches"));
      gtk_widget_set_visible (gtk_revealer_get_child (self->toast_revealer), TRUE);
      gtk_revealer_set_reveal_child (self->toast_revealer, TRUE);
      /* It stays until the user acts: it answers what they just did. */
      g_clear_handle_id (&self->toast_source, g_source_remove);
    }
  else if (gtk_widget_get_visible (self->toast_show_button))
    gtk_revealer_set_reveal_child (self->toast_revealer, FALSE);
}

void
_yp_window_allocated (YpWindow *self,
                      int       width)
{
  gboolean narrow = self->narrow ? width < WIDE_FROM : width < NARROW_BELOW;

  if (self->pending_position >= 0 && self->layout_source == 0)
    self->layout_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, apply_layout_idle, self, NULL);

  /* Not during the allocation: the layout changes after it. */
  if ((narrow != self->narrow || (!narrow && !self->pane_placed) ||
       (width >= TITLE_FROM) != gtk_widget_get_visible (title_widget (self))) && self->layout_source == 0)
    self->layout_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, apply_layout_idle, self, NULL);
}

/* The first frame already has the layout for the window's size. */
void
_yp_window_init_layout (YpWindow *self)
{
  int width, height;

  /* GTK 4.8 takes no NULL here. */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  gtk_widget_set_visible (title_widget (self), width <= 0 || width >= TITLE_FROM ||
                                               gtk_window_is_maximized (GTK_WINDOW (self)));
  apply_layout (self, !gtk_window_is_maximized (GTK_WINDOW (self)) && width > 0 && width < NARROW_BELOW);
  self->pane_placed = FALSE;
}
