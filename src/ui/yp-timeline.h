/* yp-timeline.h: the zoomable timeline of events
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "yp-session.h"

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

/* What a frame drew, so it can be exported (SVG, PNG) or checked. */
typedef struct {
  double   x0, x1;          /* the visible part of the band */
  gboolean alternate;       /* every other era is tinted more */
  char    *name;            /* NULL when there was no room for it */
} YpTimelineFrameEra;

typedef struct {
  double   x;
  gboolean major;
  char    *label;           /* NULL: no label */
} YpTimelineFrameTick;

typedef struct {
  double   x, y, r;         /* the mark: a dot, or a disc with a count */
  double   half_width;      /* an aggregate's: r for a disc, more for a
                             * pill whose count text needs the room */
  guint    first;           /* a lone event's events model position */
  guint    count;           /* > 1: an aggregate of that many events */
  gboolean flipped;         /* the label is left of the mark */
  gboolean dimmed;          /* a search is on and it does not match */
  gboolean selected;
  gboolean unconfirmed;     /* drawn hollow */
  int      span_kind;       /* 0 none, 1 a span, 2 an approximate span */
  double   span_x0, span_x1;
  char    *title;           /* the label, NULL when none was drawn */
  double   label_x;         /* where the label text starts */
  double   label_width;
} YpTimelineFrameMark;

typedef struct {
  double   width, height;
  double   axis_top;        /* y of the axis line; labels below it */
  double   era_strip_height;
  double   row_height;
  GdkRGBA  fg, accent, accent_fg, base;
  GArray  *eras;            /* YpTimelineFrameEra */
  GArray  *ticks;           /* YpTimelineFrameTick */
  GArray  *marks;           /* YpTimelineFrameMark */
} YpTimelineFrame;

void       yp_timeline_frame_free   (YpTimelineFrame *frame);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YpTimelineFrame, yp_timeline_frame_free)

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
/* A copy of what the last frame drew, or NULL before the first frame. */
YpTimelineFrame *yp_timeline_dup_frame (YpTimeline *self);
double     yp_timeline_time_to_x    (YpTimeline    *self,
                                     double         time);
double     yp_timeline_x_to_time    (YpTimeline    *self,
                                     double         x);

G_END_DECLS
