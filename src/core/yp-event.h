/* yp-event.h: one dated event of the timeline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "yp-citation.h"
#include "yp-date.h"
#include "yp-str-pool.h"
#include "yp-types.h"

G_BEGIN_DECLS

typedef struct {
  const char  *id;
  const char  *date;          /* as written */
  YpPrecision  precision;
  const char  *timezone;      /* NULL when the source gives none */
  const char  *earliest;      /* as written, or NULL */
  const char  *latest;
  gint64       start;         /* Unix seconds, [start, end): the span the date may mean */
  gint64       end;           /* (earliest..latest when given) */
  gint64       anchor;        /* where the timeline draws it, start <= anchor <= end */
  YpText       date_note;
  YpText       title;
  YpText       summary;
  const char * const *actors; /* NULL-terminated ids, may be NULL */
  const char  *category;
  const char  *era;
  const char  *status;        /* "reported", "unconfirmed" or "false" */
  const char  *publication_of;
  guint        position;      /* order in the file, to keep sorting stable */
  const YpCitationInfo *citations;  /* n_citations of them, in order */
  guint        n_citations;
} YpEventInfo;

#define YP_TYPE_EVENT (yp_event_get_type ())

G_DECLARE_FINAL_TYPE (YpEvent, yp_event, YP, EVENT, GObject)

/* Everything in @info is copied. An event made with a pool keeps a
 * reference to it and takes its strings from it: the values many events
 * repeat (category, era, actor and source ids, quotes) once for the
 * whole pool. yp_event_new() gives the event a block of its own. */
YpEvent            *yp_event_new                (const YpEventInfo *info);
YpEvent            *yp_event_new_with_pool      (const YpEventInfo *info,
                                                 YpStrPool         *pool);
/* For building an event by hand: each call copies the event's strings
 * anew, so a loader passes the citations in the info instead. */
void                yp_event_add_citation       (YpEvent    *self,
                                                 YpCitation *citation);
const char         *yp_event_get_id             (YpEvent    *self);
const char         *yp_event_get_date           (YpEvent    *self);
YpPrecision         yp_event_get_precision      (YpEvent    *self);
const char         *yp_event_get_timezone       (YpEvent    *self);
const char         *yp_event_get_earliest       (YpEvent    *self);
const char         *yp_event_get_latest         (YpEvent    *self);
gint64              yp_event_get_start          (YpEvent    *self);
gint64              yp_event_get_end            (YpEvent    *self);
/* The instant the timeline draws the event at, and sorts it by: the
 * start of an exact or day date, the middle of a month. */
gint64              yp_event_get_anchor         (YpEvent    *self);
/* The milliseconds past the anchor's second (0 to 999): those of a date
 * written to the millisecond, where the anchor is its start; else 0. */
int                 yp_event_get_anchor_millisecond (YpEvent *self);
/* The anchor with those milliseconds, in seconds: where a view that
 * shows milliseconds puts the event. */
double              yp_event_get_anchor_precise (YpEvent    *self);
const char         *yp_event_get_date_note      (YpEvent    *self,
                                                 YpLang      lang);
const char         *yp_event_get_title          (YpEvent    *self,
                                                 YpLang      lang);
const char         *yp_event_get_summary        (YpEvent    *self,
                                                 YpLang      lang);
const char * const *yp_event_get_actors         (YpEvent    *self);
const char         *yp_event_get_category       (YpEvent    *self);
const char         *yp_event_get_era            (YpEvent    *self);
const char         *yp_event_get_status         (YpEvent    *self);
const char         *yp_event_get_publication_of (YpEvent    *self);
guint               yp_event_get_position       (YpEvent    *self);
guint               yp_event_get_n_citations    (YpEvent    *self);
/* The citation as the event stores it, without making an object. */
const YpCitationInfo *yp_event_get_citation_info (YpEvent   *self,
                                                 guint       index);
/* The citation as an object, made on the first call for it and kept
 * with the event: prefer yp_event_get_citation_info() when going over
 * many events. Main thread only. */
YpCitation         *yp_event_get_citation       (YpEvent    *self,
                                                 guint       index);
/* Sort order of the timeline: by anchor, then by position in the file. */
int                 yp_event_compare            (gconstpointer a,
                                                 gconstpointer b);

G_END_DECLS
