/* yp-timeline-frame.h: what one frame of the timeline draws
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "yp-session.h"

G_BEGIN_DECLS

/* What a frame draws, computed without drawing (yp_timeline_layout_compute):
 * the widget paints it, hit-tests against it, exports it, and tests and
 * accessibility read it. */
typedef struct {
  double   x0, x1;          /* the visible part of the band */
  gboolean alternate;       /* every other era is tinted more */
  char    *name;            /* NULL when there was no room for it */
  guint    index;           /* in the record's eras model */
  graphene_rect_t rect;     /* its name's strip, the click target */
} YpTimelineFrameEra;

typedef struct {
  double   x;
  gboolean major;
  char    *label;           /* NULL: no label */
} YpTimelineFrameTick;

/* A stretch without events that the story scale collapsed. */
typedef struct {
  double   x0, x1;          /* its place on the axis */
  double   start, end;      /* the time it stands for */
  char    *label;           /* "14 months"; NULL when there is no room */
  double   label_x;         /* where its label starts, and its width */
  double   label_width;
} YpTimelineFrameBreak;

typedef struct {
  double   x, y, r;         /* the mark: a dot, or a disc with a count */
  double   half_width;      /* an aggregate's: r for a disc, more for a
                             * pill whose count text needs the room */
  guint    first;           /* a lone event's events model position; an
                             * aggregate's first shown index */
  guint    count;           /* > 1: an aggregate of that many events */
  guint    position;        /* events model position (of the first member) */
  gboolean flipped;         /* the label is left of the mark */
  gboolean dimmed;          /* a search is on and it does not match */
  gboolean selected;        /* it is, or holds, the selected event */
  gboolean unconfirmed;     /* drawn hollow */
  int      span_kind;       /* 0 none, 1 a span, 2 an approximate span */
  double   span_x0, span_x1;
  double   span_fuzz;       /* px an approximate span fades over at each end */
  int      row;             /* 0 is the row above the axis; -1 on the axis */
  char    *id;              /* a lone event's id */
  char    *name;            /* a lone event's whole title */
  double   time_start;      /* the event's (or the members') first start */
  double   time_end;        /* and last end, Unix seconds */
  char    *title;           /* the label text, NULL when none was drawn */
  double   label_x;         /* where the label text starts */
  double   label_width;     /* the room it was given: less than
                             * title_width when it is cut */
  double   title_width;     /* the whole title's width */
  graphene_rect_t pill;     /* a selected label's background */
  graphene_rect_t rect;     /* what a click or a pointer finds */
} YpTimelineFrameMark;

typedef struct {
  double   width, height;
  double   axis_top;        /* y of the axis line; labels below it */
  double   era_strip_height;
  double   row_height;
  gboolean story;           /* drawn in story scale */
  GdkRGBA  fg, accent, accent_fg, base;
  GArray  *eras;            /* YpTimelineFrameEra */
  GArray  *ticks;           /* YpTimelineFrameTick */
  GArray  *breaks;          /* YpTimelineFrameBreak */
  GArray  *marks;           /* YpTimelineFrameMark, in drawing order */
} YpTimelineFrame;

YpTimelineFrame *yp_timeline_frame_new  (void);
YpTimelineFrame *yp_timeline_frame_copy (const YpTimelineFrame *frame);
void             yp_timeline_frame_free (YpTimelineFrame       *frame);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YpTimelineFrame, yp_timeline_frame_free)

/* The topmost mark or era name at (@x, @y), or NULL. */
const YpTimelineFrameMark *yp_timeline_frame_mark_at (const YpTimelineFrame *frame,
                                                      double                 x,
                                                      double                 y);
const YpTimelineFrameEra  *yp_timeline_frame_era_at  (const YpTimelineFrame *frame,
                                                      double                 x,
                                                      double                 y);

/* The event at events model @position, borrowed: the model keeps its own
 * reference while a frame that shows it is in use. For the layout, the
 * widget and the marks' widgets alike. */
YpEvent *yp_timeline_event_at (YpSession *session,
                               guint      position);

G_END_DECLS
