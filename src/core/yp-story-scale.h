/* yp-story-scale.h: time with the long empty stretches collapsed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A story scale maps time (Unix seconds) to view coordinates (also in
 * seconds) that run with time wherever events are, and collapse each long
 * stretch without events (a *break*) to a short fixed length. The events
 * of a burst keep their real spacing; a year of silence takes as little
 * room as an hour or so of the burst. A plain value, not an object.
 *
 * A gap is the time between the anchors of two events next to each other
 * in time. It is a break when it is longer than BREAK_GAPS times the
 * median of the record's non-zero gaps (and at least one hour); each
 * break is drawn as BREAK_VIEW times that median (and the break leaves
 * half of that on each side of it to the events beside it). A record is *bursty* when its breaks
 * shrink its span at least SHRINK times: then it opens in story scale. */
#define YP_STORY_SCALE_BREAK_GAPS 4.0
#define YP_STORY_SCALE_BREAK_VIEW 0.25
#define YP_STORY_SCALE_SHRINK     3.0

typedef struct {
  double start, end;             /* the stretch of time without events */
  double view_start, view_end;   /* where it lies in view coordinates */
} YpStoryBreak;

typedef struct _YpStoryScale YpStoryScale;

/* From the events' anchors @times (sorted or not). Returns a scale
 * without breaks when there are fewer than three events or no gap is long
 * enough. */
YpStoryScale *yp_story_scale_new        (const gint64       *times,
                                         guint               n);
void          yp_story_scale_free       (YpStoryScale       *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YpStoryScale, yp_story_scale_free)

gboolean      yp_story_scale_is_bursty  (const YpStoryScale *self);
guint         yp_story_scale_get_n_breaks (const YpStoryScale *self);
const YpStoryBreak *yp_story_scale_get_break (const YpStoryScale *self,
                                              guint               i);
/* Monotonic and inverse of each other; the identity before the first
 * break. */
double        yp_story_scale_to_view    (const YpStoryScale *self,
                                         double              time);
double        yp_story_scale_to_time    (const YpStoryScale *self,
                                         double              view);

G_END_DECLS
