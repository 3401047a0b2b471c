/* yp-timeline.h: the zoomable timeline of events
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "yp-session.h"
#include "yp-timeline-layout.h"

G_BEGIN_DECLS

#define YP_TYPE_TIMELINE (yp_timeline_get_type ())

G_DECLARE_FINAL_TYPE (YpTimeline, yp_timeline, YP, TIMELINE, GtkWidget)

typedef enum {
  YP_TIMELINE_HIT_NONE,
  YP_TIMELINE_HIT_EVENT,      /* one event: index into the events model */
  YP_TIMELINE_HIT_CLUSTER,    /* several events drawn as one mark */
  YP_TIMELINE_HIT_ERA,        /* an era's name in the band strip */
} YpTimelineHitKind;

typedef struct {
  YpTimelineHitKind kind;
  guint             first;    /* event index, first member, or era index */
  guint             count;
  graphene_rect_t   area;     /* where it was drawn, in widget coordinates */
} YpTimelineHit;

GtkWidget *yp_timeline_new          (void);
void       yp_timeline_set_session  (YpTimeline    *self,
                                     YpSession     *session);
YpSession *yp_timeline_get_session  (YpTimeline    *self);

/* What the last frame drew at (@x, @y): the same lookup clicks and
 * tooltips use. */
gboolean   yp_timeline_hit_test     (YpTimeline    *self,
                                     double         x,
                                     double         y,
                                     YpTimelineHit *hit);
/* Where the last frame drew event @index, for tests and keyboard focus. */
gboolean   yp_timeline_get_event_area (YpTimeline      *self,
                                       guint            index,
                                       graphene_rect_t *area);
/* What the last frame drew, or NULL before the first frame: its marks in
 * drawing order (each lone event's model position, id, name, dates and
 * rectangle; each aggregate's count and range), era bands, ticks and
 * story-scale breaks. Valid until the next frame. */
const YpTimelineFrame *yp_timeline_get_frame (YpTimeline *self);
/* A copy of what the last frame drew, or NULL before the first frame. */
YpTimelineFrame *yp_timeline_dup_frame (YpTimeline *self);
double     yp_timeline_time_to_x    (YpTimeline    *self,
                                     double         time);
double     yp_timeline_x_to_time    (YpTimeline    *self,
                                     double         x);

G_END_DECLS
