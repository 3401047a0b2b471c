/* yp-event-list.h: a record's events, in date order, as a list model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two kinds of list share this type:
 *  - in memory: the events were parsed or built by hand and all exist;
 *  - over a cache: only a few compact arrays are read when the list is
 *    made (each event's anchor, start and end, 24 bytes an event), and an
 *    event object is made from the cache's rows the first time it is
 *    asked for, then kept for as long as the list lives. A window that
 *    shows 100,000 events makes the objects of the few hundred it draws
 *    or lists, not 100,000.
 *
 * What needs all the events (bounds, anchors, filters, lookups by id, the
 * citations of one source) is answered here from the arrays or by a
 * query, without making objects, so the rest of the app need not know
 * which kind it has. Main thread only, once handed to the UI.
 */
#pragma once

#include <gio/gio.h>

#include "yp-event.h"

G_BEGIN_DECLS

#define YP_TYPE_EVENT_LIST (yp_event_list_get_type ())

G_DECLARE_FINAL_TYPE (YpEventList, yp_event_list, YP, EVENT_LIST, GObject)

/* What the window's filter keeps: an event passes when each non-empty
 * set has a match (its category; any of its actors; any source it
 * cites). NULL or empty sets keep everything. Keys are strings; "" is
 * "no category". */
typedef struct {
  GHashTable *categories;
  GHashTable *actors;
  GHashTable *sources;
} YpEventFilter;

typedef struct {
  guint                 position;  /* the event's position in the list */
  guint                 index;     /* the citation's among the event's */
  const YpCitationInfo *citation;  /* valid during the call only */
} YpSourceCitation;

typedef void (*YpSourceCitationFunc) (const YpSourceCitation *citation,
                                      gpointer                user_data);

/* The events of @events (YpEvent), sorted by yp_event_compare(). */
YpEventList  *yp_event_list_new             (GPtrArray   *events);
/* Lists over a cache are made by the cache (yp-event-list-private.h). */

/* An empty in-memory list, to fill with yp_event_list_take_contents(). */
#define       yp_event_list_new_empty()     yp_event_list_new (NULL)
/* @self takes over the events of @other, which is left with those @self
 * had; one items-changed for the whole list. */
void          yp_event_list_take_contents   (YpEventList *self,
                                             YpEventList *other);

gboolean      yp_event_list_is_lazy         (YpEventList *self);
/* Whether a value read from the list's cache failed its checks: the
 * cache was then set aside, and the events made since may be
 * placeholders; open the timeline again to read it rebuilt. */
gboolean      yp_event_list_is_damaged      (YpEventList *self);
guint         yp_event_list_get_size        (YpEventList *self);
/* Borrowed: the list keeps the event for as long as it lives. NULL past
 * the end. */
YpEvent      *yp_event_list_peek            (YpEventList *self,
                                             guint        position);
/* A new reference to the event at @position: the one the list keeps
 * when it was made, otherwise (over a cache) one made for the caller
 * alone, which the list does not keep: a walk over every event need not
 * hold them all. NULL past the end. */
YpEvent      *yp_event_list_dup_unkept      (YpEventList *self,
                                             guint        position);
/* The event objects made so far (all of them for an in-memory list). */
guint         yp_event_list_get_n_made      (YpEventList *self);

/* The anchors, starts and ends, by position (anchors ascending). */
const gint64 *yp_event_list_get_anchors     (YpEventList *self);
const gint64 *yp_event_list_get_starts      (YpEventList *self);
const gint64 *yp_event_list_get_ends        (YpEventList *self);

/* Positions, or G_MAXUINT. */
guint         yp_event_list_find_id         (YpEventList *self,
                                             const char  *id);
guint         yp_event_list_find            (YpEventList *self,
                                             YpEvent     *event);

/* The categories the events have, in the order they first appear; ""
 * for events without one. Owned by the list. */
GPtrArray    *yp_event_list_get_categories  (YpEventList *self);

/* The positions (guint, ascending) of the events @filter keeps. */
GArray       *yp_event_list_filter          (YpEventList         *self,
                                             const YpEventFilter *filter);

/* Calls @func for each citation of source @source_id, by position and
 * then in the event's order. */
void          yp_event_list_foreach_citation_of (YpEventList          *self,
                                             const char           *source_id,
                                             YpSourceCitationFunc  func,
                                             gpointer              user_data);

G_END_DECLS
