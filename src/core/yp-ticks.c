/* yp-ticks.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "yp-time"

#include <math.h>

#include "yp-ticks.h"

#define DAY_SECONDS     86400
#define HOUR_SECONDS    3600
/* The instants of the years a date can name, with two days spare:
 * 100000000000 BC, 3 January, to 9999-12-29, UTC. The calendar is our own
 * (GDateTime stops at year 1), so ticks go wherever dates do. */
#define MIN_TICK_TIME   (G_GINT64_CONSTANT (-3155695262135683200) + 2 * DAY_SECONDS)
#define MAX_TICK_TIME   (G_GINT64_CONSTANT (253402300799) - 2 * DAY_SECONDS)
/* Minor ticks may be this many times closer than the major ones. */
#define MINOR_DENSITY   5
/* Past the coarsest rung, years are counted in 10, 20, 50, 100, ... up to
 * this: a view twice the age of the universe at a few ticks. */
#define MAX_YEAR_STEP   G_GUINT64_CONSTANT (10000000000)
/* Millisecond ticks stop this far from 1970 (about 31,000 years): there a
 * view is never narrow enough for them, and in milliseconds a time stays
 * exact in a double. */
#define MAX_MS_TIME     1e12

typedef struct {
  YpTickStep step;
  /* The shortest time between two ticks: calendar units shrink by a
   * month's or a year's shortest length and by an hour (a day can have 23
   * hours when DST starts). */
  double     min_seconds;
} Rung;

#define CAL_MIN(days) ((gint64) (days) * DAY_SECONDS - HOUR_SECONDS)

/* From fine to coarse. */
static const Rung ladder[] = {
  { { YP_TICK_UNIT_MILLISECOND,   1 }, 0.001 },
  { { YP_TICK_UNIT_MILLISECOND,   2 }, 0.002 },
  { { YP_TICK_UNIT_MILLISECOND,   5 }, 0.005 },
  { { YP_TICK_UNIT_MILLISECOND,  10 }, 0.010 },
  { { YP_TICK_UNIT_MILLISECOND,  20 }, 0.020 },
  { { YP_TICK_UNIT_MILLISECOND,  50 }, 0.050 },
  { { YP_TICK_UNIT_MILLISECOND, 100 }, 0.100 },
  { { YP_TICK_UNIT_MILLISECOND, 200 }, 0.200 },
  { { YP_TICK_UNIT_MILLISECOND, 500 }, 0.500 },
  { { YP_TICK_UNIT_SECOND,  1 }, 1 },
  { { YP_TICK_UNIT_SECOND,  5 }, 5 },
  { { YP_TICK_UNIT_SECOND, 10 }, 10 },
  { { YP_TICK_UNIT_SECOND, 15 }, 15 },
  { { YP_TICK_UNIT_SECOND, 30 }, 30 },
  { { YP_TICK_UNIT_MINUTE,  1 }, 60 },
  { { YP_TICK_UNIT_MINUTE,  5 }, 5 * 60 },
  { { YP_TICK_UNIT_MINUTE, 10 }, 10 * 60 },
  { { YP_TICK_UNIT_MINUTE, 15 }, 15 * 60 },
  { { YP_TICK_UNIT_MINUTE, 30 }, 30 * 60 },
  { { YP_TICK_UNIT_HOUR,    1 }, 1 * HOUR_SECONDS },
  { { YP_TICK_UNIT_HOUR,    3 }, 3 * HOUR_SECONDS },
  { { YP_TICK_UNIT_HOUR,    6 }, 6 * HOUR_SECONDS },
  { { YP_TICK_UNIT_HOUR,   12 }, 12 * HOUR_SECONDS },
  { { YP_TICK_UNIT_DAY,     1 }, CAL_MIN (1) },
  { { YP_TICK_UNIT_DAY,     2 }, CAL_MIN (2) },
  { { YP_TICK_UNIT_WEEK,    1 }, CAL_MIN (7) },
  { { YP_TICK_UNIT_MONTH,   1 }, CAL_MIN (28) },
  { { YP_TICK_UNIT_MONTH,   3 }, CAL_MIN (31 + 28 + 31) },
  { { YP_TICK_UNIT_MONTH,   6 }, CAL_MIN (181) },
  { { YP_TICK_UNIT_YEAR,    1 }, CAL_MIN (365) },
  { { YP_TICK_UNIT_YEAR,    2 }, CAL_MIN (2 * 365) },
  { { YP_TICK_UNIT_YEAR,    5 }, CAL_MIN (5 * 365) },
  { { YP_TICK_UNIT_YEAR,   10 }, CAL_MIN (10 * 365) },
};

/* Walks the boundaries of one step, in ascending time. */
typedef struct {
  GTimeZone  *tz;
  YpTickStep  step;
  gint64      cursor;      /* sub-day: the next boundary is >= this */
  gint64      day;         /* days, weeks: the next day to give, from 1970-01-01 */
  gint64      month;       /* months: the next, counted from January of astronomical year 0 */
  gint64      k;           /* years: the next is year k * step (k = 0 is skipped) */
  gint64      last;        /* the last time given */
  gboolean    has_last;
} TickIter;

static gboolean
unit_is_calendar (YpTickUnit unit)
{
  return unit >= YP_TICK_UNIT_DAY;
}

/* The length of a unit: exact below a day, the longest above; a
 * millisecond unit's walk is in milliseconds (ms_ticks()), its whole
 * second stands for it here. */
static gint64
unit_seconds (YpTickUnit unit)
{
  switch (unit)
    {
    case YP_TICK_UNIT_MILLISECOND:
    case YP_TICK_UNIT_SECOND:
      return 1;
    case YP_TICK_UNIT_MINUTE:
      return 60;
    case YP_TICK_UNIT_HOUR:
      return HOUR_SECONDS;
    case YP_TICK_UNIT_DAY:
      return DAY_SECONDS;
    case YP_TICK_UNIT_WEEK:
      return 7 * DAY_SECONDS;
    case YP_TICK_UNIT_MONTH:
      return 31 * DAY_SECONDS;
    case YP_TICK_UNIT_YEAR:
      return 366 * DAY_SECONDS;
    default:
      g_return_val_if_reached (1);
    }
}

/* Whether every tick of @major is also a tick of @minor, so that the minor
 * ticks subdivide the major ones. */
static gboolean
step_divides (const YpTickStep *major,
              const YpTickStep *minor)
{
  if (major->unit == minor->unit)
    return major->step % minor->step == 0;

  if (!unit_is_calendar (minor->unit))
    return TRUE;   /* hours, minutes, seconds are counted from midnight */

  switch (major->unit)
    {
    case YP_TICK_UNIT_YEAR:
      if (minor->unit == YP_TICK_UNIT_MONTH)
        return 12 % minor->step == 0;
      G_GNUC_FALLTHROUGH;
    case YP_TICK_UNIT_MONTH:
    case YP_TICK_UNIT_WEEK:
      return minor->unit == YP_TICK_UNIT_DAY && minor->step == 1;
    case YP_TICK_UNIT_MILLISECOND:
    case YP_TICK_UNIT_SECOND:
    case YP_TICK_UNIT_MINUTE:
    case YP_TICK_UNIT_HOUR:
    case YP_TICK_UNIT_DAY:
    default:
      return FALSE;
    }
}

static gint32
offset_at (GTimeZone *tz,
           gint64     time)
{
  return g_time_zone_get_offset (tz, g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, time));
}

/* The first instant >= @time whose local time in @tz is a multiple of
 * @step seconds after local midnight (@step divides a day). Walks offset
 * changes instant by instant, so a repeated hour gives its boundaries
 * twice (two distinct instants) and a skipped hour gives none. */
static gint64
next_local_boundary (GTimeZone *tz,
                     gint64     time,
                     gint64     step)
{
  for (guint guard = 0; guard < 8; guard++)
    {
      gint32 offset = offset_at (tz, time);
      gint64 local = time + offset;
      gint64 candidate = (yp_floor_div (local - 1, step) + 1) * step - offset;
      gint64 lo, hi;

      if (offset_at (tz, candidate) == offset)
        return candidate;

      /* The offset changes in (time, candidate]: find the first instant of
       * the new offset and look again from there. */
      lo = time;
      hi = candidate;
      while (hi - lo > 1)
        {
          gint64 mid = lo + (hi - lo) / 2;

          if (offset_at (tz, mid) == offset)
            lo = mid;
          else
            hi = mid;
        }
      time = hi;
    }

  return time;
}

/* The instant local midnight starts @day (from 1970-01-01) in @tz: the
 * first of two midnights, or the first instant of the day when midnight
 * is skipped. */
static gint64
local_midnight (GTimeZone *tz,
                gint64     day)
{
  gint64 local = day * DAY_SECONDS;
  gint interval = g_time_zone_adjust_time (tz, G_TIME_TYPE_DAYLIGHT, &local);

  return local - g_time_zone_get_offset (tz, interval);
}

/* The year a tick of @k steps of @step names: no year 0. */
static gint64
year_of_k (gint64  k,
           guint64 step)
{
  return k * (gint64) step;
}

/* Positions @iter so that it next gives the first boundary >= @from, or
 * for calendar units a boundary at or a little before @from. */
static void
tick_iter_init (TickIter         *iter,
                GTimeZone        *tz,
                const YpTickStep *step,
                gint64            from)
{
  gint64 day, year;
  int month, mday;

  iter->tz = tz;
  iter->step = *step;
  iter->has_last = FALSE;
  iter->last = 0;
  iter->cursor = from;

  if (!unit_is_calendar (step->unit))
    return;

  day = yp_floor_div (from + offset_at (tz, from), DAY_SECONDS);
  yp_date_civil_from_days (day, &year, &month, &mday);

  switch (step->unit)
    {
    case YP_TICK_UNIT_YEAR:
      /* Years are named without a 0: 1 BC is -1. Counting by their names,
       * the step before year 1 (at a step of 1) is -1. */
      iter->k = yp_floor_div (year, (gint64) step->step);
      break;

    case YP_TICK_UNIT_MONTH:
      {
        gint64 index = (year < 0 ? year + 1 : year) * 12 + (month - 1);

        iter->month = yp_floor_div (index, (gint64) step->step) * (gint64) step->step;
      }
      break;

    case YP_TICK_UNIT_WEEK:
      /* 1970-01-01 was a Thursday: Monday is three days before. */
      iter->day = day - (day + 3 - yp_floor_div (day + 3, 7) * 7);
      break;

    case YP_TICK_UNIT_DAY:
      iter->day = yp_floor_div (day, (gint64) step->step) * (gint64) step->step;
      break;

    case YP_TICK_UNIT_MILLISECOND:
    case YP_TICK_UNIT_SECOND:
    case YP_TICK_UNIT_MINUTE:
    case YP_TICK_UNIT_HOUR:
    default:
      g_assert_not_reached ();
    }
}

static gboolean
tick_iter_next (TickIter *iter,
                gint64   *time)
{
  for (;;)
    {
      gint64 t;

      if (!unit_is_calendar (iter->step.unit))
        {
          t = next_local_boundary (iter->tz, iter->cursor,
                                   unit_seconds (iter->step.unit) * (gint64) iter->step.step);
          iter->cursor = t + 1;
        }
      else
        {
          gint64 day;

          switch (iter->step.unit)
            {
            case YP_TICK_UNIT_YEAR:
              if (iter->k == 0)
                iter->k++;
              if (year_of_k (iter->k, iter->step.step) > YP_DATE_YEAR_MAX)
                return FALSE;
              day = yp_date_days_from_civil (year_of_k (iter->k, iter->step.step), 1, 1);
              iter->k++;
              break;
            case YP_TICK_UNIT_MONTH:
              {
                gint64 astro = yp_floor_div (iter->month, 12);

                if (astro > YP_DATE_YEAR_MAX)
                  return FALSE;
                day = yp_date_days_from_civil (astro <= 0 ? astro - 1 : astro,
                                               (int) (iter->month - astro * 12) + 1, 1);
                iter->month += (gint64) iter->step.step;
              }
              break;
            case YP_TICK_UNIT_WEEK:
            case YP_TICK_UNIT_DAY:
              day = iter->day;
              if (day * DAY_SECONDS > MAX_TICK_TIME + 3 * DAY_SECONDS)
                return FALSE;
              iter->day += iter->step.unit == YP_TICK_UNIT_WEEK ? 7 : (gint64) iter->step.step;
              break;
            case YP_TICK_UNIT_MILLISECOND:
            case YP_TICK_UNIT_SECOND:
            case YP_TICK_UNIT_MINUTE:
            case YP_TICK_UNIT_HOUR:
            default:
              g_assert_not_reached ();
            }

          t = local_midnight (iter->tz, day);
        }

      /* A day that does not exist in the zone (Samoa skipped 2011-12-30)
       * starts when the next one does: give that instant once. */
      if (iter->has_last && t <= iter->last)
        continue;

      iter->last = t;
      iter->has_last = TRUE;
      *time = t;

      return TRUE;
    }
}

static int
compare_ticks (gconstpointer a,
               gconstpointer b)
{
  const YpTick *ta = a, *tb = b;

  if (ta->time != tb->time)
    return ta->time < tb->time ? -1 : 1;
  if (ta->millisecond != tb->millisecond)
    return ta->millisecond < tb->millisecond ? -1 : 1;

  return (tb->major != FALSE) - (ta->major != FALSE);
}

gboolean
yp_ticks_choose_steps (const YpTimeScale *scale,
                       double             min_spacing_px,
                       YpTickStep        *major,
                       YpTickStep        *minor)
{
  double pps;
  double major_seconds = 0;
  gboolean found = FALSE;

  g_return_val_if_fail (scale != NULL, FALSE);
  g_return_val_if_fail (min_spacing_px > 0, FALSE);
  g_return_val_if_fail (major != NULL, FALSE);

  pps = yp_time_scale_get_px_per_second (scale);
  if (!(pps > 0))
    {
      *major = ladder[G_N_ELEMENTS (ladder) - 1].step;
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (ladder); i++)
    {
      if (ladder[i].min_seconds * pps >= min_spacing_px)
        {
          *major = ladder[i].step;
          major_seconds = ladder[i].min_seconds;
          found = TRUE;
          break;
        }
    }

  if (!found)
    {
      /* Coarser than decades: 20, 50, 100, 200, ... years. */
      static const guint nice[] = { 2, 5, 10 };
      guint64 base = 10;

      major->unit = YP_TICK_UNIT_YEAR;
      major->step = base;
      for (guint i = 0; base * nice[i] <= MAX_YEAR_STEP; i = (i + 1) % G_N_ELEMENTS (nice))
        {
          major->step = base * nice[i];
          major_seconds = (double) CAL_MIN ((gint64) major->step * 365);
          if (major_seconds * pps >= min_spacing_px)
            break;
          if (nice[i] == 10)
            base *= 10;
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (ladder) && ladder[i].min_seconds < major_seconds; i++)
    {
      if (ladder[i].min_seconds * pps >= min_spacing_px / MINOR_DENSITY &&
          step_divides (major, &ladder[i].step))
        {
          if (minor != NULL)
            *minor = ladder[i].step;
          return TRUE;
        }
    }

  return FALSE;
}

static void
append_tick (GArray            *ticks,
             const YpTimeScale *scale,
             gint64             time,
             int                millisecond,
             YpTickUnit         unit,
             gboolean           major)
{
  YpTick tick = {
    .time = time,
    .millisecond = millisecond,
    .x = yp_time_scale_time_to_x (scale, (double) time + millisecond / 1000.0),
    .unit = unit,
    .major = major,
  };

  g_array_append_val (ticks, tick);
}

/* Ticks every @step milliseconds in [@lo_ms, @hi_ms] (milliseconds since
 * the epoch), leaving out those where @ticks[0, @n_old) has one. Returns
 * how many it added. */
static guint
ms_ticks (GArray            *ticks,
          const YpTimeScale *scale,
          gint64             lo_ms,
          gint64             hi_ms,
          guint64            step,
          gboolean           major,
          guint              n_old)
{
  gint64 s = (gint64) step;
  guint added = 0, j = 0;

  for (gint64 ms = -yp_floor_div (-lo_ms, s) * s; ms <= hi_ms; ms += s)
    {
      YpTick here = { .time = yp_floor_div (ms, 1000), .major = TRUE };

      here.millisecond = (int) (ms - here.time * 1000);
      while (j < n_old && compare_ticks (&g_array_index (ticks, YpTick, j), &here) < 0)
        j++;
      if (j < n_old && g_array_index (ticks, YpTick, j).time == here.time &&
          g_array_index (ticks, YpTick, j).millisecond == here.millisecond)
        continue;
      append_tick (ticks, scale, here.time, here.millisecond, YP_TICK_UNIT_MILLISECOND, major);
      added++;
    }
  return added;
}

guint
yp_ticks_compute (const YpTimeScale *scale,
                  GTimeZone         *tz,
                  double             min_spacing_px,
                  double             margin_px,
                  YpTickStep        *major,
                  GArray            *ticks)
{
  YpTickStep major_step, minor_step;
  gboolean has_minor;
  double pps, t_lo, t_hi;
  gint64 lo, hi, early, t, prev = 0, ms_lo = 0, ms_hi = -1;
  gboolean has_prev = FALSE;
  guint n_majors = 0, n_generated, j;
  TickIter iter;

  g_return_val_if_fail (scale != NULL, 0);
  g_return_val_if_fail (tz != NULL, 0);
  g_return_val_if_fail (min_spacing_px > 0, 0);
  g_return_val_if_fail (ticks != NULL, 0);
  g_return_val_if_fail (g_array_get_element_size (ticks) == sizeof (YpTick), 0);

  g_array_set_size (ticks, 0);

  has_minor = yp_ticks_choose_steps (scale, min_spacing_px, &major_step, &minor_step);
  if (major != NULL)
    *major = major_step;

  pps = yp_time_scale_get_px_per_second (scale);
  if (!(pps > 0))
    return 0;

  margin_px = MAX (margin_px, 0);
  t_lo = yp_time_scale_x_to_time (scale, -margin_px);
  t_hi = yp_time_scale_x_to_time (scale, scale->width_px + margin_px);
  if (major_step.unit == YP_TICK_UNIT_MILLISECOND || (has_minor && minor_step.unit == YP_TICK_UNIT_MILLISECOND))
    {
      /* So narrow a view is near 1970 (yp_time_scale_get_min_span_at()):
       * its milliseconds fit a gint64 and a double. */
      if (!(t_lo <= t_hi) || fabs (t_lo) > MAX_MS_TIME || fabs (t_hi) > MAX_MS_TIME)
        return 0;
      ms_lo = (gint64) ceil (t_lo * 1000);
      ms_hi = (gint64) floor (t_hi * 1000);
    }
  if (major_step.unit == YP_TICK_UNIT_MILLISECOND)
    {
      n_majors = ms_ticks (ticks, scale, ms_lo, ms_hi, major_step.step, TRUE, 0);
      if (has_minor && ms_ticks (ticks, scale, ms_lo, ms_hi, minor_step.step, FALSE, n_majors) > 0)
        g_array_sort (ticks, compare_ticks);
      return n_majors;
    }
  t_lo = ceil (t_lo);
  t_hi = floor (t_hi);
  if (!(t_lo <= t_hi) || t_hi < (double) MIN_TICK_TIME || t_lo > (double) MAX_TICK_TIME)
    return 0;
  lo = t_lo < (double) MIN_TICK_TIME ? MIN_TICK_TIME : (gint64) t_lo;
  hi = t_hi > (double) MAX_TICK_TIME ? MAX_TICK_TIME : (gint64) t_hi;

  /* Majors. The walk starts one step early so that the spacing rule below
   * does not depend on where the view starts: a major closer than
   * min_spacing_px to the one before it (a 23-hour day seen at 3-hour
   * steps, a skipped day) is kept as a minor tick. */
  early = lo - unit_seconds (major_step.unit) * (gint64) major_step.step -
          (unit_is_calendar (major_step.unit) ? 2 * DAY_SECONDS : 2 * HOUR_SECONDS);
  tick_iter_init (&iter, tz, &major_step, MAX (early, MIN_TICK_TIME));
  while (tick_iter_next (&iter, &t) && t <= hi)
    {
      if (t >= lo)
        {
          gboolean keep = !has_prev || (double) (t - prev) * pps >= min_spacing_px;

          append_tick (ticks, scale, t, 0, major_step.unit, keep);
          n_majors += keep;
        }
      prev = t;
      has_prev = TRUE;
    }

  if (!has_minor)
    return n_majors;

  /* Minors, except where a major (or a demoted one) already is. */
  n_generated = ticks->len;
  if (minor_step.unit == YP_TICK_UNIT_MILLISECOND)
    {
      if (ms_ticks (ticks, scale, ms_lo, ms_hi, minor_step.step, FALSE, n_generated) > 0 && n_generated > 0)
        g_array_sort (ticks, compare_ticks);
      return n_majors;
    }
  j = 0;
  tick_iter_init (&iter, tz, &minor_step, lo);
  while (tick_iter_next (&iter, &t) && t <= hi)
    {
      if (t < lo)
        continue;
      while (j < n_generated && g_array_index (ticks, YpTick, j).time < t)
        j++;
      if (j < n_generated && g_array_index (ticks, YpTick, j).time == t)
        continue;
      append_tick (ticks, scale, t, 0, minor_step.unit, FALSE);
    }

  if (ticks->len > n_generated && n_generated > 0)
    g_array_sort (ticks, compare_ticks);

  return n_majors;
}

YpTickLabelKind
yp_tick_unit_get_label_kind (YpTickUnit unit)
{
  switch (unit)
    {
    case YP_TICK_UNIT_YEAR:
      return YP_TICK_LABEL_YEAR;
    case YP_TICK_UNIT_MONTH:
      return YP_TICK_LABEL_MONTH;
    case YP_TICK_UNIT_WEEK:
    case YP_TICK_UNIT_DAY:
      return YP_TICK_LABEL_DAY;
    case YP_TICK_UNIT_HOUR:
      return YP_TICK_LABEL_HOUR;
    case YP_TICK_UNIT_MINUTE:
      return YP_TICK_LABEL_MINUTE;
    case YP_TICK_UNIT_SECOND:
      return YP_TICK_LABEL_SECOND;
    case YP_TICK_UNIT_MILLISECOND:
      return YP_TICK_LABEL_MILLISECOND;
    default:
      g_return_val_if_reached (YP_TICK_LABEL_SECOND);
    }
}

char *
yp_ticks_format_time (gint64      time,
                      GTimeZone  *tz,
                      const char *format)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (tz != NULL, NULL);
  g_return_val_if_fail (format != NULL, NULL);

  utc = g_date_time_new_from_unix_utc (time);
  if (utc == NULL)
    return NULL;
  local = g_date_time_to_timezone (utc, tz);
  if (local == NULL)
    return NULL;

  return g_date_time_format (local, format);
}
