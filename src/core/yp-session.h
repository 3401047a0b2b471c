/* yp-session.h: what the timeline views show: the span, the window, the selection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "yp-lanes.h"
#include "yp-record.h"
#include "yp-story-scale.h"
#include "yp-time-scale.h"

G_BEGIN_DECLS

#define YP_TYPE_SESSION (yp_session_get_type ())

G_DECLARE_FINAL_TYPE (YpSession, yp_session, YP, SESSION, GObject)

/* One session per window. It holds the whole document range (the events
 * and eras plus a margin), the visible window and the selected event; the
 * timeline, the overview and the event list follow its notifications, and
 * nothing else moves the view.
 *
 * Times are Unix seconds (doubles). The visible window is kept inside the
 * document range and never narrower than one minute. */
YpSession  *yp_session_new                (YpRecord   *record);
YpRecord   *yp_session_get_record         (YpSession  *self);
/* The events model of the record, sorted by anchor. */
GListModel *yp_session_get_events         (YpSession  *self);
/* The anchors of the events shown (all, or those the filter lets
 * through), in model order, for binary search. */
const gint64 *yp_session_get_anchors      (YpSession  *self,
                                           guint      *n_anchors);
/* The same anchors in view coordinates (see below): the array above in
 * linear time. */
const gint64 *yp_session_get_view_anchors (YpSession  *self,
                                           guint      *n_anchors);
/* The shown events' clusters precomputed at a few zoom levels, over the
 * view anchors (yp-lanes.h); remade when what is shown changes. */
YpLanesIndex *yp_session_get_lanes_index    (YpSession   *self);
/* The events model position of shown event @index. */
guint       yp_session_shown_to_position  (YpSession  *self,
                                           guint       index);
guint       yp_session_get_n_shown        (YpSession  *self);
/* The index among the shown events of the event at events model
 * @position, or G_MAXUINT when it is not shown. The session is also a
 * GListModel of the shown events, in this order. */
guint       yp_session_position_to_shown  (YpSession  *self,
                                           guint       position);

/* Which events are shown: NULL (or empty sets) shows all. The sets are
 * borrowed: they must stay alive while set, and yp_session_refilter() is
 * called after they change. Emits "filter-changed"; a selected event that
 * is filtered out is unselected. The filter runs on the event list's
 * arrays or as a query, without making an event object per event. */
void        yp_session_set_filter         (YpSession           *self,
                                           const YpEventFilter *filter);
void        yp_session_refilter           (YpSession  *self);
gboolean    yp_session_is_shown           (YpSession  *self,
                                           YpEvent    *event);

/* Search: the events that match are emphasised, the others dimmed, while
 * a search is active. @positions are events model positions; NULL ends
 * the search. Emits "matches-changed". */
void        yp_session_set_matches        (YpSession   *self,
                                           const guint *positions,
                                           guint        n_positions);
gboolean    yp_session_has_search         (YpSession  *self);
/* TRUE when a search is active and the event at @position does not match. */
gboolean    yp_session_is_dimmed          (YpSession  *self,
                                           guint       position);

void        yp_session_get_bounds         (YpSession  *self,
                                           YpTimeRange *bounds);
double      yp_session_get_visible_start  (YpSession  *self);
double      yp_session_get_visible_end    (YpSession  *self);
/* Sets the visible window in time (converted to view coordinates),
 * clamped to the bounds; emits one "visible-changed" when it really
 * changed. */
void        yp_session_set_visible        (YpSession  *self,
                                           double      start,
                                           double      end);
/* View coordinates: what the timeline lays out linearly. In linear time
 * they are times; in story scale, times with the long empty stretches
 * collapsed (yp-story-scale.h). The story scale is on when it is wanted
 * (the "story-scale" property, off by default) and the shown events are
 * bursty; it is remade when the filter changes. Switching keeps the
 * visible times. */
void        yp_session_set_story_scale    (YpSession  *self,
                                           gboolean    story_scale);
gboolean    yp_session_get_story_scale    (YpSession  *self);
/* The story scale in effect, or NULL in linear time. */
const YpStoryScale *yp_session_get_story  (YpSession  *self);
/* Whether the record's events are bursty (story scale would apply). */
gboolean    yp_session_is_bursty          (YpSession  *self);
double      yp_session_time_to_view       (YpSession  *self,
                                           double      time);
double      yp_session_view_to_time       (YpSession  *self,
                                           double      view);
double      yp_session_get_view_start     (YpSession  *self);
double      yp_session_get_view_end       (YpSession  *self);
void        yp_session_get_view_bounds    (YpSession  *self,
                                           YpTimeRange *bounds);
/* Sets the visible window in view coordinates, clamped to the view
 * bounds; one "visible-changed" when it really changed. */
void        yp_session_set_view           (YpSession  *self,
                                           double      start,
                                           double      end);

/* Magnifies by @factor around @anchor (a time that stays in place). */
void        yp_session_zoom               (YpSession  *self,
                                           double      factor,
                                           double      anchor);
/* Shifts the window by @seconds of view coordinates (positive: later). */
void        yp_session_pan                (YpSession  *self,
                                           double      seconds);
/* Shows [start, end] with a margin of @margin × its length on each side. */
void        yp_session_zoom_to            (YpSession  *self,
                                           double      start,
                                           double      end,
                                           double      margin);
/* Shows every event; with a filter on, the events it keeps, spread out. */
void        yp_session_zoom_to_fit        (YpSession  *self);
/* Fits the view to the shown events that match the search; FALSE (and
 * the view unchanged) when none does. */
gboolean    yp_session_zoom_to_matches    (YpSession  *self);
/* How many shown events that match the search (all shown events without
 * a search) have their anchor in the visible window. */
guint       yp_session_count_matches_in_view (YpSession *self);

YpEvent    *yp_session_get_selected       (YpSession  *self);
/* Position of the selection in the events model, or G_MAXUINT. */
guint       yp_session_get_selected_position (YpSession *self);
/* Selecting a shown event also brings it into view (yp_session_reveal). */
void        yp_session_select             (YpSession  *self,
                                           YpEvent    *event);
void        yp_session_select_position    (YpSession  *self,
                                           guint       position);
/* Selects the next (+1) or previous (-1) event, or the first/last when
 * nothing is selected, and brings it into view. Returns FALSE at an end. */
gboolean    yp_session_select_step        (YpSession  *self,
                                           int         step);
/* Moves the window, keeping its span, so that @time is visible. */
void        yp_session_reveal             (YpSession  *self,
                                           double      time);

G_END_DECLS
