/* yp-time-scale.h: the mapping between time and pixels of a timeline view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The narrowest and the widest view: 20 ms (dates go to the millisecond:
 * at the narrowest, a millisecond is 20 px even in a 400 px wide view,
 * more than the distance at which marks merge), and the hundred billion
 * years dates can reach
 * (YP_DATE_YEAR_MIN). Far from 1970 a double cannot tell one instant
 * from the next (at 13.8 billion years ago it steps by 64 s), so the
 * narrowest view there is wider: see yp_time_scale_get_min_span_at(). */
#define YP_TIME_SCALE_MIN_SPAN      0.02
#define YP_TIME_SCALE_MAX_SPAN      (365.2425 * 86400.0 * 1e11)
/* What yp_time_scale_fit() shows for a single instant: one day. */
#define YP_TIME_SCALE_INSTANT_SPAN  86400.0

/* A visible window: [start, end] in seconds since the Unix epoch (UTC,
 * doubles for sub-second zoom) drawn over width_px pixels, start at x = 0.
 * A plain value: copy it, compare it, keep it in a struct. */
typedef struct {
  double start;
  double end;
  double width_px;
} YpTimeScale;

/* The times a view may show: usually the data extent plus a margin. */
typedef struct {
  double start;
  double end;
} YpTimeRange;

/* The narrowest span a view around @time may have: MIN_SPAN, or wider
 * where doubles are too coarse to keep a pixel's time apart from the
 * next one's (one part in 2^40 of the time's distance from 1970). */
double    yp_time_scale_get_min_span_at   (double             time);
void      yp_time_scale_init              (YpTimeScale       *scale,
                                           double             start,
                                           double             end,
                                           double             width_px);
double    yp_time_scale_get_span          (const YpTimeScale *scale);
/* 0 while the width is 0 (a widget not yet allocated). */
double    yp_time_scale_get_px_per_second (const YpTimeScale *scale);
double    yp_time_scale_time_to_x         (const YpTimeScale *scale,
                                           double             time);
double    yp_time_scale_x_to_time         (const YpTimeScale *scale,
                                           double             x);

/* Magnifies by @factor (> 1 zooms in, < 1 zooms out) keeping the time at
 * @x where it is. The span is clamped to [min span at the view, MAX_SPAN]; then, with
 * @bounds (nullable), yp_time_scale_clamp() applies, which may move the
 * time under @x when the view hits an edge. */
void      yp_time_scale_zoom              (YpTimeScale       *scale,
                                           double             factor,
                                           double             x,
                                           const YpTimeRange *bounds);
/* Moves the content by @dx pixels, as a drag does: positive @dx shows
 * earlier times. The span is kept; @bounds (nullable) as for zoom. */
void      yp_time_scale_pan               (YpTimeScale       *scale,
                                           double             dx,
                                           const YpTimeRange *bounds);
/* Keeps the span; a view that fits inside @bounds is shifted to lie inside
 * it, a view wider than @bounds is centred on it. */
void      yp_time_scale_clamp             (YpTimeScale       *scale,
                                           const YpTimeRange *bounds);
/* Shows [t0, t1] plus @margin (a fraction of t1 - t0) on each side,
 * centred; t0 == t1 shows INSTANT_SPAN around the instant. The span is
 * clamped to [min span at the middle, MAX_SPAN]; the width is kept. */
void      yp_time_scale_fit               (YpTimeScale       *scale,
                                           double             t0,
                                           double             t1,
                                           double             margin);

/* Bounds for data spanning [first, last]: that extent plus @margin (a
 * fraction of last - first) on each side. */
void      yp_time_range_init_for_data     (YpTimeRange       *range,
                                           gint64             first,
                                           gint64             last,
                                           double             margin);

/* Binary searches in a sorted (ascending, duplicates allowed) array:
 * the first index whose time is >= @time, and the first whose time is
 * > @time; @n_times when there is none. */
guint     yp_time_scale_lower_bound       (const gint64      *times,
                                           guint              n_times,
                                           double             time);
guint     yp_time_scale_upper_bound       (const gint64      *times,
                                           guint              n_times,
                                           double             time);
/* The items drawn in the view: indexes [*begin, *end) of the sorted @times
 * whose x lies in [-margin_px, width_px + margin_px]. Returns the count,
 * *end - *begin; with none, *begin == *end. O(log n). */
guint     yp_time_scale_get_visible_range (const YpTimeScale *scale,
                                           const gint64      *times,
                                           guint              n_times,
                                           double             margin_px,
                                           guint             *begin,
                                           guint             *end);

G_END_DECLS
