/* yp-record.h: everything one timeline file holds, as list models
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "yp-actor.h"
#include "yp-era.h"
#include "yp-event.h"
#include "yp-event-list.h"
#include "yp-problem.h"
#include "yp-source.h"
#include "yp-source-list.h"

G_BEGIN_DECLS

#define YP_TYPE_RECORD (yp_record_get_type ())

G_DECLARE_FINAL_TYPE (YpRecord, yp_record, YP, RECORD, GObject)

YpRecord   *yp_record_new            (void);
void        yp_record_set_title      (YpRecord   *self,
                                      const char *ko,
                                      const char *en);
const char *yp_record_get_title      (YpRecord   *self,
                                      YpLang      lang);

/* Each setter replaces the whole list with one items-changed; events are
 * sorted by date first. The arrays are not taken over. */
void        yp_record_set_sources    (YpRecord   *self,
                                      GPtrArray  *sources);
void        yp_record_set_actors     (YpRecord   *self,
                                      GPtrArray  *actors);
void        yp_record_set_eras       (YpRecord   *self,
                                      GPtrArray  *eras);
void        yp_record_set_events     (YpRecord   *self,
                                      GPtrArray  *events);
/* Takes over the sources of @sources (which gets the record's old ones): a list over a cache. */
void        yp_record_set_source_list (YpRecord    *self,
                                      YpSourceList *sources);
/* Takes over the events of @events (which gets the record's old ones): a list over a cache. */
void        yp_record_set_event_list (YpRecord    *self,
                                      YpEventList *events);

/* GListModels of YpSource (file order), YpActor, YpEra, YpEvent (by date);
 * the sources' is a YpSourceList and the events' a YpEventList, each the
 * same object for the record's life. */
GListModel *yp_record_get_sources    (YpRecord   *self);
GListModel *yp_record_get_actors     (YpRecord   *self);
GListModel *yp_record_get_eras       (YpRecord   *self);
GListModel *yp_record_get_events     (YpRecord   *self);

YpSource   *yp_record_lookup_source  (YpRecord   *self,
                                      const char *id);
YpActor    *yp_record_lookup_actor   (YpRecord   *self,
                                      const char *id);
YpEra      *yp_record_lookup_era     (YpRecord   *self,
                                      const char *id);
YpEvent    *yp_record_lookup_event   (YpRecord   *self,
                                      const char *id);
/* The position of the event in the events model, or G_MAXUINT. */
guint       yp_record_get_event_position (YpRecord *self,
                                      YpEvent    *event);

/* What was wrong with the file, kept with the cache so a warm start still
 * tells the user which events were skipped. Array of YpProblem. */
void        yp_record_add_problem    (YpRecord        *self,
                                      const YpProblem *problem);
GPtrArray  *yp_record_get_problems   (YpRecord   *self);
guint       yp_record_count_problems (YpRecord   *self,
                                      YpSeverity  severity);

G_END_DECLS
