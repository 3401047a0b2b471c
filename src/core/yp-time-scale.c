/* yp-time-scale.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "yp-time"

#include <math.h>

#include "yp-time-scale.h"

double
yp_time_scale_get_min_span_at (double time)
{
  double floor_span = fabs (time) * 0x1p-40;

  return floor_span > YP_TIME_SCALE_MIN_SPAN ? floor_span : YP_TIME_SCALE_MIN_SPAN;
}

/* @near: a time in the view, for the precision its span needs. */
static double
clamp_span (double span,
            double near)
{
  double min_span = yp_time_scale_get_min_span_at (near);

  if (!(span >= min_span))   /* also catches NaN */
    return min_span;
  if (span > YP_TIME_SCALE_MAX_SPAN)
    return YP_TIME_SCALE_MAX_SPAN;
  return span;
}

/* Seconds covered by @px pixels; 0 for a view without width. */
static double
px_to_seconds (const YpTimeScale *scale,
               double             px)
{
  double pps = yp_time_scale_get_px_per_second (scale);

  return pps > 0 ? px / pps : 0;
}

void
yp_time_scale_init (YpTimeScale *scale,
                    double       start,
                    double       end,
                    double       width_px)
{
  g_return_if_fail (scale != NULL);

  scale->start = start;
  scale->end = end;
  scale->width_px = width_px;
}

double
yp_time_scale_get_span (const YpTimeScale *scale)
{
  g_return_val_if_fail (scale != NULL, 0);

  return scale->end - scale->start;
}

double
yp_time_scale_get_px_per_second (const YpTimeScale *scale)
{
  double span;

  g_return_val_if_fail (scale != NULL, 0);

  span = scale->end - scale->start;
  if (!(span > 0) || !(scale->width_px > 0))
    return 0;

  return scale->width_px / span;
}

double
yp_time_scale_time_to_x (const YpTimeScale *scale,
                         double             time)
{
  g_return_val_if_fail (scale != NULL, 0);

  return (time - scale->start) * yp_time_scale_get_px_per_second (scale);
}

double
yp_time_scale_x_to_time (const YpTimeScale *scale,
                         double             x)
{
  g_return_val_if_fail (scale != NULL, 0);

  return scale->start + px_to_seconds (scale, x);
}

void
yp_time_scale_clamp (YpTimeScale       *scale,
                     const YpTimeRange *bounds)
{
  double span, bounds_span;

  g_return_if_fail (scale != NULL);
  g_return_if_fail (bounds != NULL);

  span = scale->end - scale->start;
  bounds_span = bounds->end - bounds->start;

  if (span >= bounds_span)
    {
      double mid = bounds->start + bounds_span / 2;

      scale->start = mid - span / 2;
      scale->end = scale->start + span;
    }
  else if (scale->start < bounds->start)
    {
      scale->start = bounds->start;
      scale->end = bounds->start + span;
    }
  else if (scale->end > bounds->end)
    {
      scale->end = bounds->end;
      scale->start = bounds->end - span;
    }
}

void
yp_time_scale_zoom (YpTimeScale       *scale,
                    double             factor,
                    double             x,
                    const YpTimeRange *bounds)
{
  double span, new_span, offset;

  g_return_if_fail (scale != NULL);
  g_return_if_fail (factor > 0 && isfinite (factor));
  g_return_if_fail (isfinite (x));

  span = scale->end - scale->start;
  new_span = clamp_span (span / factor, scale->start + px_to_seconds (scale, x));

  /* The pivot is @offset seconds after start, and must stay @offset *
   * new_span / span after it. Moving start by the difference, rather than
   * going through the pivot's absolute time, keeps the rounding of times
   * near 1.7e9 s (2.4e-7 s) from growing with the factor. */
  offset = px_to_seconds (scale, x);
  if (span > 0)
    scale->start += offset - offset * (new_span / span);
  scale->end = scale->start + new_span;

  if (bounds != NULL)
    yp_time_scale_clamp (scale, bounds);
}

void
yp_time_scale_pan (YpTimeScale       *scale,
                   double             dx,
                   const YpTimeRange *bounds)
{
  double span, shift;

  g_return_if_fail (scale != NULL);
  g_return_if_fail (isfinite (dx));

  span = scale->end - scale->start;
  shift = px_to_seconds (scale, dx);
  scale->start -= shift;
  scale->end = scale->start + span;

  if (bounds != NULL)
    yp_time_scale_clamp (scale, bounds);
}

void
yp_time_scale_fit (YpTimeScale *scale,
                   double       t0,
                   double       t1,
                   double       margin)
{
  double span, mid;

  g_return_if_fail (scale != NULL);
  g_return_if_fail (isfinite (t0) && isfinite (t1));
  g_return_if_fail (margin >= 0 && isfinite (margin));

  if (t1 < t0)
    {
      double tmp = t0;
      t0 = t1;
      t1 = tmp;
    }

  mid = t0 + (t1 - t0) / 2;
  if (t1 == t0)
    span = YP_TIME_SCALE_INSTANT_SPAN;
  else
    span = (t1 - t0) * (1 + 2 * margin);
  span = clamp_span (span, mid);

  scale->start = mid - span / 2;
  scale->end = scale->start + span;
}

void
yp_time_range_init_for_data (YpTimeRange *range,
                             gint64       first,
                             gint64       last,
                             double       margin)
{
  double extra;

  g_return_if_fail (range != NULL);
  g_return_if_fail (first <= last);
  g_return_if_fail (margin >= 0 && isfinite (margin));

  extra = ((double) last - (double) first) * margin;
  range->start = (double) first - extra;
  range->end = (double) last + extra;
}

/* The first of the sorted @times past @time (@inclusive: at or past). */
static inline guint
bisect (const gint64 *times,
        guint         n_times,
        double        time,
        gboolean      inclusive)
{
  guint lo = 0, hi = n_times;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (inclusive ? (double) times[mid] < time : (double) times[mid] <= time)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

guint
yp_time_scale_lower_bound (const gint64 *times,
                           guint         n_times,
                           double        time)
{
  g_return_val_if_fail (times != NULL || n_times == 0, 0);
  return bisect (times, n_times, time, TRUE);
}

guint
yp_time_scale_upper_bound (const gint64 *times,
                           guint         n_times,
                           double        time)
{
  g_return_val_if_fail (times != NULL || n_times == 0, 0);
  return bisect (times, n_times, time, FALSE);
}

guint
yp_time_scale_get_visible_range (const YpTimeScale *scale,
                                 const gint64      *times,
                                 guint              n_times,
                                 double             margin_px,
                                 guint             *begin,
                                 guint             *end)
{
  double margin;
  guint b, e;

  g_return_val_if_fail (scale != NULL, 0);
  g_return_val_if_fail (times != NULL || n_times == 0, 0);
  g_return_val_if_fail (begin != NULL && end != NULL, 0);

  margin = px_to_seconds (scale, MAX (margin_px, 0));
  b = yp_time_scale_lower_bound (times, n_times, scale->start - margin);
  e = yp_time_scale_upper_bound (times, n_times, scale->end + margin);
  if (e < b)
    e = b;

  *begin = b;
  *end = e;

  return e - b;
}
