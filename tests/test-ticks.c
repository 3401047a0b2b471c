/* test-ticks.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <stdlib.h>

#include "yp-ticks.h"

#define JULIAN_EPOCH 719163   /* GDate's Julian day of 1970-01-01 */
#define CENTURY      (365.25 * 100 * 86400.0)
#define YEAR_SECONDS (365.2425 * 86400.0)

/* The ladder, fine to coarse, with each rung's average length. */
static const struct {
  YpTickUnit unit;
  guint      step;
  double     seconds;
} ladder[] = {
  { YP_TICK_UNIT_MILLISECOND,   1, 0.001 },
  { YP_TICK_UNIT_MILLISECOND,   2, 0.002 },
  { YP_TICK_UNIT_MILLISECOND,   5, 0.005 },
  { YP_TICK_UNIT_MILLISECOND,  10, 0.010 },
  { YP_TICK_UNIT_MILLISECOND,  20, 0.020 },
  { YP_TICK_UNIT_MILLISECOND,  50, 0.050 },
  { YP_TICK_UNIT_MILLISECOND, 100, 0.100 },
  { YP_TICK_UNIT_MILLISECOND, 200, 0.200 },
  { YP_TICK_UNIT_MILLISECOND, 500, 0.500 },
  { YP_TICK_UNIT_SECOND,  1, 1 },
  { YP_TICK_UNIT_SECOND,  5, 5 },
  { YP_TICK_UNIT_SECOND, 10, 10 },
  { YP_TICK_UNIT_SECOND, 15, 15 },
  { YP_TICK_UNIT_SECOND, 30, 30 },
  { YP_TICK_UNIT_MINUTE,  1, 60 },
  { YP_TICK_UNIT_MINUTE,  5, 300 },
  { YP_TICK_UNIT_MINUTE, 10, 600 },
  { YP_TICK_UNIT_MINUTE, 15, 900 },
  { YP_TICK_UNIT_MINUTE, 30, 1800 },
  { YP_TICK_UNIT_HOUR,    1, 3600 },
  { YP_TICK_UNIT_HOUR,    3, 3 * 3600 },
  { YP_TICK_UNIT_HOUR,    6, 6 * 3600 },
  { YP_TICK_UNIT_HOUR,   12, 12 * 3600 },
  { YP_TICK_UNIT_DAY,     1, 86400 },
  { YP_TICK_UNIT_DAY,     2, 2 * 86400 },
  { YP_TICK_UNIT_WEEK,    1, 7 * 86400 },
  { YP_TICK_UNIT_MONTH,   1, 30.436875 * 86400 },
  { YP_TICK_UNIT_MONTH,   3, 3 * 30.436875 * 86400 },
  { YP_TICK_UNIT_MONTH,   6, 6 * 30.436875 * 86400 },
  { YP_TICK_UNIT_YEAR,    1, 365.2425 * 86400 },
  { YP_TICK_UNIT_YEAR,    2, 2 * 365.2425 * 86400 },
  { YP_TICK_UNIT_YEAR,    5, 5 * 365.2425 * 86400 },
  { YP_TICK_UNIT_YEAR,   10, 10 * 365.2425 * 86400 },
};

static const char *zones[] = {
  "Asia/Seoul",
  "America/Los_Angeles",
  "UTC",
  "Asia/Kolkata",          /* +05:30 */
  "Australia/Lord_Howe",   /* a DST change of 30 minutes */
  "Europe/London",
};

static GTimeZone *
zone_new (const char *identifier)
{
  GTimeZone *tz = g_time_zone_new_identifier (identifier);

  g_assert_nonnull (tz);
  g_assert_cmpstr (g_time_zone_get_identifier (tz), ==, identifier);

  return tz;
}

static gint64
local_time (GTimeZone *tz,
            int        year,
            int        month,
            int        day,
            int        hour)
{
  g_autoptr(GDateTime) dt = g_date_time_new (tz, year, month, day, hour, 0, 0);

  g_assert_nonnull (dt);

  return g_date_time_to_unix (dt);
}

static char *
format (gint64      time,
        GTimeZone  *tz,
        const char *fmt)
{
  char *text = yp_ticks_format_time (time, tz, fmt);

  g_assert_nonnull (text);

  return text;
}

static gint64
floor_mod (gint64 a,
           gint64 b)
{
  gint64 r = a % b;

  return r < 0 ? r + b : r;
}

static gint32
offset_at (GTimeZone *tz,
           gint64     time)
{
  return g_time_zone_get_offset (tz, g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, time));
}

static gint64
unit_seconds (YpTickUnit unit)
{
  switch (unit)
    {
    case YP_TICK_UNIT_SECOND:
      return 1;
    case YP_TICK_UNIT_MINUTE:
      return 60;
    case YP_TICK_UNIT_HOUR:
      return 3600;
    case YP_TICK_UNIT_DAY:
    case YP_TICK_UNIT_WEEK:
    case YP_TICK_UNIT_MONTH:
    case YP_TICK_UNIT_YEAR:
    default:
      g_assert_not_reached ();
    }
}

static gboolean
is_calendar (YpTickUnit unit)
{
  return unit >= YP_TICK_UNIT_DAY;
}

/* Whether local @date is a boundary of @step (for calendar units). */
static gboolean
date_is_aligned (const GDate      *date,
                 const YpTickStep *step)
{
  switch (step->unit)
    {
    case YP_TICK_UNIT_YEAR:
      return g_date_get_day (date) == 1 && g_date_get_month (date) == 1 &&
             g_date_get_year (date) % step->step == 0;
    case YP_TICK_UNIT_MONTH:
      return g_date_get_day (date) == 1 && (g_date_get_month (date) - 1) % step->step == 0;
    case YP_TICK_UNIT_WEEK:
      return g_date_get_weekday (date) == G_DATE_MONDAY;
    case YP_TICK_UNIT_DAY:
      return floor_mod ((gint64) g_date_get_julian (date) - JULIAN_EPOCH, step->step) == 0;
    case YP_TICK_UNIT_SECOND:
    case YP_TICK_UNIT_MINUTE:
    case YP_TICK_UNIT_HOUR:
    default:
      g_assert_not_reached ();
    }
}

/* Whether @time is a boundary of @step, from its local fields as
 * GDateTime sees them. */
static gboolean
is_on_boundary (gint64            time,
                int               millisecond,
                GTimeZone        *tz,
                const YpTickStep *step)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (time);
  g_autoptr(GDateTime) dt = g_date_time_to_timezone (utc, tz);
  int h = g_date_time_get_hour (dt), m = g_date_time_get_minute (dt), s = g_date_time_get_second (dt);

  /* Milliseconds count from the whole second; coarser units have none. */
  if (step->unit == YP_TICK_UNIT_MILLISECOND)
    return millisecond % (int) step->step == 0;
  if (millisecond != 0)
    return FALSE;
  if (is_calendar (step->unit))
    {
      GDate date;
      int y, mo, d;

      g_date_time_get_ymd (dt, &y, &mo, &d);
      g_date_clear (&date, 1);
      g_date_set_dmy (&date, d, mo, y);
      /* Local midnight, or the first instant of a day that skips it
       * (Seoul went from 00:00 to 01:00 KDT on 1950-04-01). */
      if (h * 3600 + m * 60 + s != 0)
        {
          g_autoptr(GDateTime) before = g_date_time_add_seconds (dt, -1);

          if (g_date_time_get_day_of_month (before) == d)
            return FALSE;
        }
      return date_is_aligned (&date, step);
    }
  else
    {
      gint64 of_day = h * 3600 + m * 60 + s;

      return of_day % (unit_seconds (step->unit) * step->step) == 0;
    }
}

/* All the boundaries of @step in [lo, hi], worked out the slow way, or
 * NULL when that would take too long. */
static GArray *
reference_ticks (GTimeZone        *tz,
                 const YpTickStep *step,
                 gint64            lo,
                 gint64            hi)
{
  GArray *times = g_array_new (FALSE, FALSE, sizeof (gint64));

  /* (Millisecond ticks are checked against is_on_boundary() alone.) */
  if (step->unit == YP_TICK_UNIT_MILLISECOND)
    {
      g_array_unref (times);
      return NULL;
    }
  if (!is_calendar (step->unit))
    {
      gint64 size = unit_seconds (step->unit) * step->step;
      gint64 grain = step->unit == YP_TICK_UNIT_SECOND ? 1 : 60;

      if ((hi - lo) / grain > 200000)
        {
          g_array_unref (times);
          return NULL;
        }
      for (gint64 t = lo + floor_mod (-lo, grain); t <= hi; t += grain)
        if (floor_mod (t + offset_at (tz, t), size) == 0)
          g_array_append_val (times, t);
    }
  else
    {
      GDate date, last;

      g_date_clear (&date, 1);
      g_date_clear (&last, 1);
      g_date_set_julian (&date, (guint32) ((lo + offset_at (tz, lo)) / 86400 + JULIAN_EPOCH - 1));
      g_date_set_julian (&last, (guint32) ((hi + offset_at (tz, hi)) / 86400 + JULIAN_EPOCH + 1));
      for (; g_date_compare (&date, &last) <= 0; g_date_add_days (&date, 1))
        {
          gint64 t;

          if (!date_is_aligned (&date, step))
            continue;
          t = local_time (tz, g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date), 0);
          /* A skipped day starts with the next one: count it once. */
          if (t >= lo && t <= hi &&
              (times->len == 0 || g_array_index (times, gint64, times->len - 1) < t))
            g_array_append_val (times, t);
        }
    }

  return times;
}

static void
assert_same_times (GArray *expected,
                   GArray *got)
{
  g_assert_cmpuint (got->len, ==, expected->len);
  for (guint i = 0; i < got->len; i++)
    g_assert_cmpint (g_array_index (got, gint64, i), ==, g_array_index (expected, gint64, i));
}

/* Everything a tick array must satisfy. Returns the major step. */
static YpTickStep
check_ticks (const YpTimeScale *scale,
             GTimeZone         *tz,
             double             min_spacing,
             double             margin,
             gboolean           against_reference)
{
  g_autoptr(GArray) ticks = g_array_new (FALSE, FALSE, sizeof (YpTick));
  g_autoptr(GArray) major_times = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) minor_times = g_array_new (FALSE, FALSE, sizeof (gint64));
  YpTickStep major = { 0, 0 }, chosen = { 0, 0 }, minor = { 0, 0 };
  gboolean has_minor;
  guint n_majors, counted = 0;
  double last_major_x = -INFINITY;
  double lo_x = -margin, hi_x = scale->width_px + margin;

  has_minor = yp_ticks_choose_steps (scale, min_spacing, &chosen, &minor);
  n_majors = yp_ticks_compute (scale, tz, min_spacing, margin, &major, ticks);
  g_assert_cmpint (major.unit, ==, chosen.unit);
  g_assert_cmpuint (major.step, ==, chosen.step);

  for (guint i = 0; i < ticks->len; i++)
    {
      const YpTick *tick = &g_array_index (ticks, YpTick, i);

      if (i > 0)
        {
          const YpTick *prev = &g_array_index (ticks, YpTick, i - 1);

          g_assert_true (prev->time < tick->time ||
                         (prev->time == tick->time && prev->millisecond < tick->millisecond));
        }

      g_assert_cmpint (tick->millisecond, >=, 0);
      g_assert_cmpint (tick->millisecond, <=, 999);
      g_assert_cmpfloat (tick->x, ==, yp_time_scale_time_to_x (scale, (double) tick->time + tick->millisecond / 1000.0));
      g_assert_cmpfloat (tick->x, >=, lo_x - 1e-6);
      g_assert_cmpfloat (tick->x, <=, hi_x + 1e-6);

      /* A major, a major too close to the one before (kept as a minor
       * tick), or a minor tick (perhaps of the same unit). */
      if (tick->unit == major.unit && is_on_boundary (tick->time, tick->millisecond, tz, &major))
        g_array_append_val (major_times, tick->time);
      else
        {
          g_assert_true (has_minor);
          g_assert_false (tick->major);
          g_assert_cmpint (tick->unit, ==, minor.unit);
          g_assert_true (is_on_boundary (tick->time, tick->millisecond, tz, &minor));
          g_array_append_val (minor_times, tick->time);
        }

      if (tick->major)
        {
          g_assert_cmpfloat (tick->x - last_major_x, >=, min_spacing - 1e-9);
          last_major_x = tick->x;
          counted++;
        }
    }

  g_assert_cmpuint (n_majors, ==, counted);
  g_assert_cmpfloat ((double) n_majors, <=, floor ((hi_x - lo_x) / min_spacing) + 1);
  if (margin <= min_spacing / 2)
    g_assert_cmpfloat ((double) n_majors, <=, scale->width_px / min_spacing + 2);

  if (against_reference)
    {
      gint64 lo = (gint64) ceil (yp_time_scale_x_to_time (scale, lo_x));
      gint64 hi = (gint64) floor (yp_time_scale_x_to_time (scale, hi_x));
      g_autoptr(GArray) ref_major = reference_ticks (tz, &major, lo, hi);

      if (ref_major != NULL)
        assert_same_times (ref_major, major_times);

      if (has_minor && ref_major != NULL)
        {
          g_autoptr(GArray) ref_minor = reference_ticks (tz, &minor, lo, hi);

          if (ref_minor != NULL)
            {
              g_autoptr(GArray) expected = g_array_new (FALSE, FALSE, sizeof (gint64));
              guint j = 0;

              /* The minor boundaries that are not major ones. */
              for (guint i = 0; i < ref_minor->len; i++)
                {
                  gint64 t = g_array_index (ref_minor, gint64, i);

                  while (j < ref_major->len && g_array_index (ref_major, gint64, j) < t)
                    j++;
                  if (j < ref_major->len && g_array_index (ref_major, gint64, j) == t)
                    continue;
                  g_array_append_val (expected, t);
                }
              assert_same_times (expected, minor_times);
            }
        }
      else if (!has_minor)
        g_assert_cmpuint (minor_times->len, ==, 0);
    }

  return major;
}

static void
assert_step (const YpTickStep *step,
             YpTickUnit        unit,
             guint64           n)
{
  g_assert_cmpint (step->unit, ==, unit);
  g_assert_cmpuint (step->step, ==, n);
}

static void
test_choose_spans (void)
{
  /* Spans at 1000 px with labels at least 60 px apart. */
  static const struct {
    double     span;
    YpTickUnit major_unit;
    guint      major_step;
    gboolean   has_minor;
    YpTickUnit minor_unit;
    guint      minor_step;
  } cases[] = {
    { 0.05, YP_TICK_UNIT_MILLISECOND, 5, TRUE, YP_TICK_UNIT_MILLISECOND, 1 },
    { 1, YP_TICK_UNIT_MILLISECOND, 100, TRUE, YP_TICK_UNIT_MILLISECOND, 20 },
    { 10, YP_TICK_UNIT_SECOND, 1, TRUE, YP_TICK_UNIT_MILLISECOND, 200 },
    { 3600, YP_TICK_UNIT_MINUTE, 5, TRUE, YP_TICK_UNIT_MINUTE, 1 },
    { 86400, YP_TICK_UNIT_HOUR, 3, TRUE, YP_TICK_UNIT_MINUTE, 30 },
    { 7 * 86400, YP_TICK_UNIT_HOUR, 12, TRUE, YP_TICK_UNIT_HOUR, 3 },
    { 30 * 86400, YP_TICK_UNIT_DAY, 2, TRUE, YP_TICK_UNIT_HOUR, 12 },
    { 365 * 86400, YP_TICK_UNIT_MONTH, 1, FALSE, 0, 0 },
    { 20 * 30.436875 * 86400, YP_TICK_UNIT_MONTH, 3, TRUE, YP_TICK_UNIT_MONTH, 1 },
    { 100 * 365.25 * 86400, YP_TICK_UNIT_YEAR, 10, TRUE, YP_TICK_UNIT_YEAR, 2 },
  };
  g_autoptr(GTimeZone) tz = zone_new ("Asia/Seoul");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      YpTimeScale scale;
      YpTickStep major, minor = { 99, 99 };
      gboolean has_minor;

      yp_time_scale_init (&scale, 1698764400, 1698764400 + cases[i].span, 1000);
      has_minor = yp_ticks_choose_steps (&scale, 60, &major, &minor);
      assert_step (&major, cases[i].major_unit, cases[i].major_step);
      g_assert_cmpint (has_minor, ==, cases[i].has_minor);
      if (has_minor)
        assert_step (&minor, cases[i].minor_unit, cases[i].minor_step);
      else
        assert_step (&minor, 99, 99);   /* untouched */

      check_ticks (&scale, tz, 60, 0, TRUE);
      check_ticks (&scale, tz, 60, 30, TRUE);
    }
}

static void
test_every_level (void)
{
  /* Starts in and out of DST, on and off boundaries. */
  static const char *starts[] = {
    "2023-11-01T00:00:00+09:00",
    "2023-11-04T22:17:03-07:00",
    "2024-03-09T23:59:59-08:00",
    "2024-12-31T23:59:30+09:00",
    "1999-12-31T12:00:00Z",
  };
  const double min_spacing = 60;

  for (guint z = 0; z < 2; z++)
    {
      g_autoptr(GTimeZone) tz = zone_new (zones[z]);

      for (guint i = 0; i < G_N_ELEMENTS (ladder); i++)
        for (guint s = 0; s < G_N_ELEMENTS (starts); s++)
          {
            g_autoptr(GDateTime) start = g_date_time_new_from_iso8601 (starts[s], NULL);
            /* This rung 1.15 times the minimum apart, the finer one less
             * than the minimum (rungs are at least 1.5 times apart). */
            double pps = 1.15 * min_spacing / ladder[i].seconds;
            YpTimeScale scale;
            YpTickStep major;

            yp_time_scale_init (&scale, g_date_time_to_unix (start),
                                g_date_time_to_unix (start) + 1000 / pps, 1000);
            major = check_ticks (&scale, tz, min_spacing, 0, TRUE);
            assert_step (&major, ladder[i].unit, ladder[i].step);
            check_ticks (&scale, tz, min_spacing, min_spacing / 2, TRUE);
          }
    }
}

static void
test_beyond_decades (void)
{
  g_autoptr(GTimeZone) tz = zone_new ("Asia/Seoul");
  YpTimeScale scale;
  YpTickStep major, minor;

  /* A century at 1000 px with labels 200 px apart: decades are too
   * close, 50 years are not. */
  yp_time_scale_init (&scale, 0, CENTURY, 1000);
  g_assert_true (yp_ticks_choose_steps (&scale, 200, &major, &minor));
  assert_step (&major, YP_TICK_UNIT_YEAR, 50);
  assert_step (&minor, YP_TICK_UNIT_YEAR, 5);
  check_ticks (&scale, tz, 200, 0, TRUE);

  /* 100 px wide: 500 years. */
  scale.width_px = 100;
  yp_ticks_choose_steps (&scale, 200, &major, &minor);
  assert_step (&major, YP_TICK_UNIT_YEAR, 500);
  check_ticks (&scale, tz, 200, 100, TRUE);

  /* Narrower than anything fits: at most one label in view, at the
   * coarsest step, ten billion years. */
  scale.width_px = 1e-9;
  major = check_ticks (&scale, tz, 200, 0, FALSE);
  assert_step (&major, YP_TICK_UNIT_YEAR, G_GUINT64_CONSTANT (10000000000));
}

static void
test_calendar_boundaries (void)
{
  g_autoptr(GTimeZone) seoul = zone_new ("Asia/Seoul");
  g_autoptr(GTimeZone) la = zone_new ("America/Los_Angeles");
  g_autoptr(GArray) ticks = g_array_new (FALSE, FALSE, sizeof (YpTick));
  YpTimeScale scale;
  YpTickStep major;
  g_autofree char *first = NULL;

  /* Monthly ticks in Seoul: the first of each month at 00:00 KST. */
  yp_time_scale_init (&scale, 1698764400 - 10, 1698764400 + 365 * 86400.0, 1000);
  g_assert_cmpuint (yp_ticks_compute (&scale, seoul, 60, 0, &major, ticks), ==, 12);
  assert_step (&major, YP_TICK_UNIT_MONTH, 1);
  g_assert_cmpint (g_array_index (ticks, YpTick, 0).time, ==, 1698764400);
  for (guint i = 0; i < ticks->len; i++)
    {
      g_autofree char *text = format (g_array_index (ticks, YpTick, i).time, seoul, "%d %H:%M:%S %Z");

      g_assert_cmpstr (text, ==, "01 00:00:00 KST");
    }

  /* The same view in Los Angeles: ticks at its own local midnights, in
   * PDT before and PST after the change. */
  yp_ticks_compute (&scale, la, 60, 0, &major, ticks);
  first = format (g_array_index (ticks, YpTick, 0).time, la, "%F %T %Z");
  g_assert_cmpstr (first, ==, "2023-11-01 00:00:00 PDT");
  for (guint i = 0; i < ticks->len; i++)
    {
      g_autofree char *text = format (g_array_index (ticks, YpTick, i).time, la, "%d %H:%M:%S");

      g_assert_cmpstr (text, ==, "01 00:00:00");
    }

  /* Yearly ticks: 1 January, 00:00 local. */
  yp_time_scale_init (&scale, 0, 30 * 365.25 * 86400, 1000);
  for (guint z = 0; z < 2; z++)
    {
      GTimeZone *tz = z == 0 ? seoul : la;

      yp_ticks_compute (&scale, tz, 30, 0, &major, ticks);
      assert_step (&major, YP_TICK_UNIT_YEAR, 1);
      for (guint i = 0; i < ticks->len; i++)
        {
          const YpTick *tick = &g_array_index (ticks, YpTick, i);
          g_autofree char *text = format (tick->time, tz, "%m-%d %T");

          if (tick->major)
            g_assert_cmpstr (text, ==, "01-01 00:00:00");
        }
    }

  /* Weekly ticks: Mondays. */
  yp_time_scale_init (&scale, 1698764400, 1698764400 + 70 * 86400.0, 1000);
  yp_ticks_compute (&scale, la, 60, 0, &major, ticks);
  assert_step (&major, YP_TICK_UNIT_WEEK, 1);
  g_assert_cmpuint (ticks->len, >=, 10 * 7);
  for (guint i = 0; i < ticks->len; i++)
    {
      const YpTick *tick = &g_array_index (ticks, YpTick, i);
      g_autofree char *text = format (tick->time, la, "%u %T");

      /* Mondays, and the other days as minor ticks. */
      if (tick->major)
        g_assert_cmpstr (text, ==, "1 00:00:00");
      else
        g_assert_cmpint (tick->unit, ==, YP_TICK_UNIT_DAY);
    }
}

static void
test_dst_daily (void)
{
  g_autoptr(GTimeZone) la = zone_new ("America/Los_Angeles");
  g_autoptr(GArray) ticks = g_array_new (FALSE, FALSE, sizeof (YpTick));
  YpTimeScale scale;
  YpTickStep major;
  gint64 start;
  guint n;

  /* 2023-11-02 to 2023-11-09: the night of 5 to 6 November has 25 hours. */
  start = local_time (la, 2023, 11, 2, 0);
  yp_time_scale_init (&scale, start, start + 7 * 86400 + 3600, 1000);
  n = yp_ticks_compute (&scale, la, 100, 1, &major, ticks);
  assert_step (&major, YP_TICK_UNIT_DAY, 1);
  g_assert_cmpuint (n, ==, 8);

  for (guint i = 0, day = 2; i < ticks->len; i++)
    {
      const YpTick *tick = &g_array_index (ticks, YpTick, i);
      g_autofree char *text = NULL;
      g_autofree char *expected = NULL;

      if (!tick->major)
        continue;
      text = format (tick->time, la, "%F %T %Z");
      expected = g_strdup_printf ("2023-11-%02u 00:00:00 %s", day, day <= 5 ? "PDT" : "PST");
      g_assert_cmpstr (text, ==, expected);
      g_assert_cmpint (tick->time, ==, local_time (la, 2023, 11, day, 0));
      day++;
    }
  g_assert_cmpint (local_time (la, 2023, 11, 6, 0) - local_time (la, 2023, 11, 5, 0), ==, 25 * 3600);
  check_ticks (&scale, la, 100, 0, TRUE);

  /* The minor ticks (6 hours) follow the local clock on the long day too. */
  {
    guint n_minor = 0;

    for (guint i = 0; i < ticks->len; i++)
      {
        const YpTick *tick = &g_array_index (ticks, YpTick, i);

        if (!tick->major)
          {
            g_autofree char *text = format (tick->time, la, "%T");
            static const char *expected[] = { "06:00:00", "12:00:00", "18:00:00" };

            g_assert_cmpint (tick->unit, ==, YP_TICK_UNIT_HOUR);
            g_assert_cmpstr (text, ==, expected[n_minor % 3]);
            n_minor++;
          }
      }
    g_assert_cmpuint (n_minor, ==, 7 * 3);
  }

  /* 2024-03-10 has 23 hours. */
  start = local_time (la, 2024, 3, 8, 0);
  /* 2024-03-08 00:00 PST to 2024-03-12 23:00 PDT. */
  yp_time_scale_init (&scale, start, start + 5 * 86400 - 7200, 1000);
  yp_ticks_compute (&scale, la, 120, 0, &major, ticks);
  assert_step (&major, YP_TICK_UNIT_DAY, 1);
  {
    gint64 days[8];
    guint k = 0;

    for (guint i = 0; i < ticks->len && k < G_N_ELEMENTS (days); i++)
      if (g_array_index (ticks, YpTick, i).major)
        days[k++] = g_array_index (ticks, YpTick, i).time;
    g_assert_cmpuint (k, ==, 5);
    g_assert_cmpint (days[1] - days[0], ==, 24 * 3600);
    g_assert_cmpint (days[2] - days[1], ==, 24 * 3600);
    g_assert_cmpint (days[3] - days[2], ==, 23 * 3600);
    g_assert_cmpint (days[4] - days[3], ==, 24 * 3600);
  }
  check_ticks (&scale, la, 120, 0, TRUE);
}

/* The hour ticks at multiples of @step hours, "~" for unlabelled ones. */
static void
assert_hour_labels (GArray     *ticks,
                    GTimeZone  *tz,
                    int         step,
                    const char *expected)
{
  g_autoptr(GString) got = g_string_new (NULL);
  gint64 last = 0;

  for (guint i = 0; i < ticks->len; i++)
    {
      const YpTick *tick = &g_array_index (ticks, YpTick, i);
      g_autofree char *text = NULL;

      if (tick->unit != YP_TICK_UNIT_HOUR)
        continue;
      if (got->len > 0)
        g_assert_cmpint (tick->time, >, last);
      last = tick->time;
      text = format (tick->time, tz, "%H:%M %Z");
      if (atoi (text) % step != 0)
        {
          g_assert_false (tick->major);
          continue;
        }
      g_string_append_printf (got, "%s%s%s", got->len ? ", " : "", tick->major ? "" : "~", text);
    }

  g_assert_cmpstr (got->str, ==, expected);
}

static void
test_dst_hourly (void)
{
  g_autoptr(GTimeZone) la = zone_new ("America/Los_Angeles");
  g_autoptr(GArray) ticks = g_array_new (FALSE, FALSE, sizeof (YpTick));
  YpTimeScale scale;
  YpTickStep major;
  gint64 start = 1699167600;   /* 2023-11-05 00:00 PDT */
  guint n_minor = 0;

  /* Hourly through the repeated hour: 01:00 twice, an hour apart. (A
   * margin of 1 px keeps the tick at the right edge from rounding.) */
  yp_time_scale_init (&scale, start, start + 7 * 3600, 1000);
  g_assert_cmpuint (yp_ticks_compute (&scale, la, 100, 1, &major, ticks), ==, 8);
  assert_step (&major, YP_TICK_UNIT_HOUR, 1);
  assert_hour_labels (ticks, la, 1,
                      "00:00 PDT, 01:00 PDT, 01:00 PST, 02:00 PST, "
                      "03:00 PST, 04:00 PST, 05:00 PST, 06:00 PST");
  for (guint i = 0; i < ticks->len; i++)
    {
      const YpTick *tick = &g_array_index (ticks, YpTick, i);

      if (tick->major)
        g_assert_cmpint (tick->time, ==, start + 3600 * (gint64) (i / 6));
      else
        {
          g_assert_cmpint (tick->unit, ==, YP_TICK_UNIT_MINUTE);
          g_assert_cmpint ((tick->time - start) % 600, ==, 0);
          n_minor++;
        }
    }
  g_assert_cmpuint (n_minor, ==, 7 * 5);
  check_ticks (&scale, la, 100, 1, TRUE);

  /* Hourly through the skipped hour: no 02:00. */
  start = 1710057600;   /* 2024-03-10 00:00 PST */
  yp_time_scale_init (&scale, start, start + 6 * 3600, 1000);
  g_assert_cmpuint (yp_ticks_compute (&scale, la, 100, 1, &major, ticks), ==, 7);
  assert_step (&major, YP_TICK_UNIT_HOUR, 1);
  assert_hour_labels (ticks, la, 1,
                      "00:00 PST, 01:00 PST, 03:00 PDT, 04:00 PDT, 05:00 PDT, 06:00 PDT, 07:00 PDT");
  check_ticks (&scale, la, 100, 1, TRUE);

  /* Every 3 hours across the 23-hour day: 00:00 PST and 03:00 PDT are 2
   * hours apart, too close at this zoom: 03:00 stays as a minor tick. */
  start = local_time (la, 2024, 3, 9, 12);
  yp_time_scale_init (&scale, start, start + 23 * 3600, 23 * 3600 * (110.0 / 10800));
  yp_ticks_compute (&scale, la, 100, 1, &major, ticks);
  assert_step (&major, YP_TICK_UNIT_HOUR, 3);
  assert_hour_labels (ticks, la, 3,
                      "12:00 PST, 15:00 PST, 18:00 PST, 21:00 PST, 00:00 PST, "
                      "~03:00 PDT, 06:00 PDT, 09:00 PDT, 12:00 PDT");
  check_ticks (&scale, la, 100, 1, TRUE);

  /* Every 3 hours across the 25-hour day: 00:00 PDT to 03:00 PST is 4 hours. */
  start = local_time (la, 2023, 11, 4, 12);
  yp_time_scale_init (&scale, start, start + 25 * 3600, 25 * 3600 * (110.0 / 10800));
  yp_ticks_compute (&scale, la, 100, 1, &major, ticks);
  assert_step (&major, YP_TICK_UNIT_HOUR, 3);
  assert_hour_labels (ticks, la, 3,
                      "12:00 PDT, 15:00 PDT, 18:00 PDT, 21:00 PDT, 00:00 PDT, "
                      "03:00 PST, 06:00 PST, 09:00 PST, 12:00 PST");
  check_ticks (&scale, la, 100, 1, TRUE);
}

static void
test_half_hour_dst (void)
{
  /* Lord Howe Island moves its clocks by 30 minutes: on 2023-04-02 at
   * 02:00 LHDT (+11) back to 01:30 LHST (+10:30). Half-hourly ticks then
   * give 01:30 twice; hourly ones stay on the hour. */
  g_autoptr(GTimeZone) tz = zone_new ("Australia/Lord_Howe");
  g_autoptr(GArray) ticks = g_array_new (FALSE, FALSE, sizeof (YpTick));
  g_autoptr(GString) got = g_string_new (NULL);
  gint64 start = local_time (tz, 2023, 4, 2, 0);
  YpTimeScale scale;
  YpTickStep major;

  yp_time_scale_init (&scale, start, start + 4 * 3600, 4 * 3600 * (70.0 / 1800));
  yp_ticks_compute (&scale, tz, 60, 1, &major, ticks);
  assert_step (&major, YP_TICK_UNIT_MINUTE, 30);
  for (guint i = 0; i < ticks->len; i++)
    {
      const YpTick *tick = &g_array_index (ticks, YpTick, i);
      g_autofree char *text = NULL;

      if (!tick->major)
        continue;
      text = format (tick->time, tz, "%H:%M");
      g_string_append_printf (got, "%s%s", got->len ? " " : "", text);
    }
  g_assert_cmpstr (got->str, ==, "00:00 00:30 01:00 01:30 01:30 02:00 02:30 03:00 03:30");
  check_ticks (&scale, tz, 60, 1, TRUE);
}

static void
test_skipped_day (void)
{
  /* Samoa went from -10 to +14 at the end of 2011-12-29: there was no
   * 30 December. Daily ticks: the 29th, then the 31st, 24 hours later. */
  g_autoptr(GTimeZone) tz = zone_new ("Pacific/Apia");
  g_autoptr(GArray) ticks = g_array_new (FALSE, FALSE, sizeof (YpTick));
  g_autoptr(GString) got = g_string_new (NULL);
  gint64 start = local_time (tz, 2011, 12, 28, 0);
  YpTimeScale scale;
  YpTickStep major;
  gint64 prev = 0;

  yp_time_scale_init (&scale, start, start + 4 * 86400 - 3600, 600);
  yp_ticks_compute (&scale, tz, 100, 0, &major, ticks);
  assert_step (&major, YP_TICK_UNIT_DAY, 1);
  for (guint i = 0; i < ticks->len; i++)
    {
      const YpTick *tick = &g_array_index (ticks, YpTick, i);
      g_autofree char *text = NULL;

      if (tick->unit != YP_TICK_UNIT_DAY)
        continue;
      text = format (tick->time, tz, "%m-%d");
      g_string_append_printf (got, "%s%s", got->len ? " " : "", text);
      if (prev != 0)
        g_assert_cmpint (tick->time - prev, ==, 86400);
      prev = tick->time;
    }
  g_assert_cmpstr (got->str, ==, "12-28 12-29 12-31 01-01");
}

static void
test_random_views (void)
{
  GTimeZone *tzs[G_N_ELEMENTS (zones)];
  /* 1950 to 2100: no local mean time, whose offsets are not whole minutes. */
  const double first = -631152000, last = 4102444800;

  for (guint z = 0; z < G_N_ELEMENTS (zones); z++)
    tzs[z] = zone_new (zones[z]);

  for (int i = 0; i < 400; i++)
    {
      GTimeZone *tz = tzs[g_test_rand_int_range (0, G_N_ELEMENTS (zones))];
      double span = exp (g_test_rand_double_range (0, log (CENTURY)));
      double start = floor (g_test_rand_double_range (first, last - span));
      double width = g_test_rand_double_range (200, 3000);
      double min_spacing = g_test_rand_double_range (40, 200);
      double margin = g_test_rand_double_range (0, min_spacing / 2);
      YpTimeScale scale;

      /* Sometimes exactly on a boundary, with a fractional start. */
      if (i % 3 == 0)
        start += 0.25;
      yp_time_scale_init (&scale, start, start + span, width);
      check_ticks (&scale, tz, min_spacing, margin, TRUE);
      check_ticks (&scale, tz, min_spacing, 2 * min_spacing, TRUE);
    }

  for (guint z = 0; z < G_N_ELEMENTS (zones); z++)
    g_time_zone_unref (tzs[z]);
}

/* The same zoom after panning gives the same ticks where the views meet. */
static void
test_pan_stable (void)
{
  g_autoptr(GTimeZone) la = zone_new ("America/Los_Angeles");
  g_autoptr(GArray) a = g_array_new (FALSE, FALSE, sizeof (YpTick));
  g_autoptr(GArray) b = g_array_new (FALSE, FALSE, sizeof (YpTick));
  static const double spans[] = { 40, 5000, 23 * 3600 * 2, 86400 * 9, 86400 * 400, 86400 * 365.25 * 60 };

  for (guint s = 0; s < G_N_ELEMENTS (spans); s++)
    {
      YpTimeScale scale;
      double width = spans[s] == 23 * 3600 * 2 ? 2 * 23 * 3600 * (110.0 / 10800) : 1000;

      /* Around the 23-hour day, with its demoted 03:00. */
      yp_time_scale_init (&scale, 1710057600 - spans[s], 1710057600, width);
      yp_ticks_compute (&scale, la, 100, 50, NULL, a);

      for (int k = 0; k < 60; k++)
        {
          YpTimeScale panned = scale;
          guint i = 0, j = 0, common = 0;

          yp_time_scale_pan (&panned, -g_test_rand_double_range (1, width), NULL);
          yp_ticks_compute (&panned, la, 100, 50, NULL, b);

          /* Walk both; ticks of b in a's time range must be a's ticks. */
          for (j = 0; j < b->len; j++)
            {
              const YpTick *tb = &g_array_index (b, YpTick, j);

              if ((double) tb->time > yp_time_scale_x_to_time (&scale, width + 50))
                break;
              while (i < a->len && g_array_index (a, YpTick, i).time < tb->time)
                i++;
              g_assert_cmpuint (i, <, a->len);
              g_assert_cmpint (g_array_index (a, YpTick, i).time, ==, tb->time);
              g_assert_cmpint (g_array_index (a, YpTick, i).major, ==, tb->major);
              g_assert_cmpint (g_array_index (a, YpTick, i).unit, ==, tb->unit);
              common++;
            }
          /* And every tick of a in b's range is in b. */
          for (i = 0; i < a->len; i++)
            if ((double) g_array_index (a, YpTick, i).time >= yp_time_scale_x_to_time (&panned, -50))
              break;
          g_assert_cmpuint (a->len - i, ==, common);
          scale = panned;
          g_array_set_size (a, 0);
          g_array_append_vals (a, b->data, b->len);
        }
    }
}

static void
test_extremes (void)
{
  g_autoptr(GTimeZone) tz = zone_new ("America/Los_Angeles");
  g_autoptr(GArray) ticks = g_array_new (FALSE, FALSE, sizeof (YpTick));
  YpTimeScale scale;
  const double year_1 = -62135596800.0, year_10000 = 253402300800.0;

  /* Around year 9999: ticks only where dates go. */
  yp_time_scale_init (&scale, year_10000 - 1e9, year_10000 - 1e9 + CENTURY, 1000);
  g_assert_cmpuint (yp_ticks_compute (&scale, tz, 60, 0, NULL, ticks), >, 0);
  for (guint i = 0; i < ticks->len; i++)
    g_assert_cmpfloat ((double) g_array_index (ticks, YpTick, i).time, <, year_10000);
  check_ticks (&scale, tz, 60, 0, FALSE);

  /* One second around the first second of year 1 and the last of 9999. */
  yp_time_scale_init (&scale, year_1 + 86400 * 3, year_1 + 86400 * 3 + 1, 1000);
  check_ticks (&scale, tz, 60, 0, TRUE);
  yp_time_scale_init (&scale, year_10000 - 86400 * 3, year_10000 - 86400 * 3 + 1, 1000);
  check_ticks (&scale, tz, 60, 0, TRUE);

  /* Outside entirely: after 9999, before 100 billion BC. */
  yp_time_scale_init (&scale, 1e13, 1e13 + 3600, 1000);
  g_assert_cmpuint (yp_ticks_compute (&scale, tz, 60, 0, NULL, ticks), ==, 0);
  g_assert_cmpuint (ticks->len, ==, 0);
  yp_time_scale_init (&scale, -4e18, -4e18 + 1e12, 1000);
  g_assert_cmpuint (yp_ticks_compute (&scale, tz, 60, 0, NULL, ticks), ==, 0);

  /* No width yet. */
  yp_time_scale_init (&scale, 0, 3600, 0);
  g_assert_cmpuint (yp_ticks_compute (&scale, tz, 60, 0, NULL, ticks), ==, 0);
  g_assert_cmpuint (ticks->len, ==, 0);

  /* The array is cleared first. */
  yp_time_scale_init (&scale, 0, 3600, 1000);
  yp_ticks_compute (&scale, tz, 60, 0, NULL, ticks);
  g_assert_cmpuint (ticks->len, >, 0);
  yp_time_scale_init (&scale, 1e13, 1e13 + 3600, 1000);
  yp_ticks_compute (&scale, tz, 60, 0, NULL, ticks);
  g_assert_cmpuint (ticks->len, ==, 0);
}

/* Checks the ticks of a view far from GDateTime's years with our own
 * calendar: every major is local midnight on a boundary of its step (for
 * years: 1 January of a year whose name is a multiple of the step, never
 * a year 0), majors are in order and apart, and the majors are exactly
 * the boundaries in view, counted the slow way for year steps. Returns
 * the major step. */
static YpTickStep
check_far_ticks (const YpTimeScale *scale,
                 GTimeZone         *tz,
                 double             min_spacing,
                 GArray            *years)
{
  g_autoptr(GArray) ticks = g_array_new (FALSE, FALSE, sizeof (YpTick));
  YpTickStep major = { 0, 0 };
  guint n_majors;
  double last_x = -INFINITY;

  n_majors = yp_ticks_compute (scale, tz, min_spacing, 0, &major, ticks);
  g_assert_cmpuint (n_majors, >, 0);
  if (years != NULL)
    g_array_set_size (years, 0);
  for (guint i = 0; i < ticks->len; i++)
    {
      const YpTick *t = &g_array_index (ticks, YpTick, i);
      YpDate d;

      if (i > 0)
        g_assert_cmpint (g_array_index (ticks, YpTick, i - 1).time, <, t->time);
      g_assert_cmpfloat (t->x, >=, -1e-6);
      g_assert_cmpfloat (t->x, <=, scale->width_px + 1e-6);
      yp_date_from_unix (t->time, tz, &d);
      g_assert_cmpint (d.year, !=, 0);
      g_assert_cmpint (d.minute, ==, 0);
      if (is_calendar (t->unit))
        g_assert_cmpint (d.hour, ==, 0);
      if (!t->major || t->unit != major.unit)
        continue;
      g_assert_cmpfloat (t->x - last_x, >=, min_spacing - 1e-9);
      last_x = t->x;
      switch (major.unit)
        {
        case YP_TICK_UNIT_YEAR:
          g_assert_cmpint (d.month, ==, 1);
          g_assert_cmpint (d.day, ==, 1);
          g_assert_cmpint (d.year % (gint64) major.step, ==, 0);
          if (years != NULL)
            g_array_append_val (years, d.year);
          break;
        case YP_TICK_UNIT_MONTH:
          g_assert_cmpint (d.day, ==, 1);
          g_assert_cmpint ((d.month - 1) % (int) major.step, ==, 0);
          break;
        case YP_TICK_UNIT_WEEK:
          /* 1970-01-01 was a Thursday. */
          g_assert_cmpint (floor_mod (yp_date_days_from_civil (d.year, d.month, d.day) + 3, 7), ==, 0);
          break;
        case YP_TICK_UNIT_DAY:
          g_assert_cmpint (floor_mod (yp_date_days_from_civil (d.year, d.month, d.day), major.step), ==, 0);
          break;
        case YP_TICK_UNIT_SECOND:
        case YP_TICK_UNIT_MINUTE:
        case YP_TICK_UNIT_HOUR:
        default:
          g_assert_not_reached ();
        }
    }
  if (major.unit == YP_TICK_UNIT_YEAR && years != NULL)
    {
      /* The slow way: every named year in view that is a multiple of the step. */
      YpDate lo, hi;
      gint64 step = (gint64) major.step;
      guint n = 0;

      yp_date_from_unix ((gint64) ceil (scale->start), tz, &lo);
      yp_date_from_unix ((gint64) floor (scale->end), tz, &hi);
      for (gint64 y = lo.year - lo.year % step; y <= hi.year; y += step)
        {
          gint64 t;
          YpDate jan1 = { YP_DATE_SHAPE_YEAR, y, 1, 1, 0, 0, 0, 0, FALSE, 0 };

          if (y == 0)
            continue;
          yp_date_get_range (&jan1, tz, &t, NULL);
          if ((double) t < scale->start || (double) t > scale->end)
            continue;
          g_assert_cmpuint (n, <, years->len);
          g_assert_cmpint (g_array_index (years, gint64, n), ==, y);
          n++;
        }
      g_assert_cmpuint (n, ==, years->len);
    }
  return major;
}

/* Dates before year 1: ticks count years by their names (no year 0),
 * from centuries BC down to the age of the universe, and months, weeks
 * and days of a year BC fall on their boundaries. */
static void
test_far_years (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GTimeZone) seoul = zone_new ("Asia/Seoul");
  g_autoptr(GArray) years = g_array_new (FALSE, FALSE, sizeof (gint64));
  const double ad1 = -62135596800.0;
  YpTimeScale scale;
  YpTickStep major;

  /* 4001 BC to 3000 BC over 1000 px, labels 80 px apart: every century,
   * 1 January 4000 BC to 1 January 3000 BC. */
  yp_time_scale_init (&scale, ad1 - 4000.5 * YEAR_SECONDS, ad1 - 2999.5 * YEAR_SECONDS, 1000);
  major = check_far_ticks (&scale, utc, 80, years);
  assert_step (&major, YP_TICK_UNIT_YEAR, 100);
  g_assert_cmpuint (years->len, ==, 11);
  g_assert_cmpint (g_array_index (years, gint64, 0), ==, -4000);
  g_assert_cmpint (g_array_index (years, gint64, 10), ==, -3000);

  /* Across the change of era: 100 BC and 100 AD are neighbours. */
  yp_time_scale_init (&scale, ad1 - 350 * YEAR_SECONDS, ad1 + 350 * YEAR_SECONDS, 1000);
  major = check_far_ticks (&scale, seoul, 100, years);
  assert_step (&major, YP_TICK_UNIT_YEAR, 100);
  g_assert_cmpuint (years->len, ==, 6);
  g_assert_cmpint (g_array_index (years, gint64, 2), ==, -100);
  g_assert_cmpint (g_array_index (years, gint64, 3), ==, 100);

  /* Every year around it: 2 BC, 1 BC, 1 AD, 2 AD, 3 AD. */
  yp_time_scale_init (&scale, ad1 - 2.5 * YEAR_SECONDS, ad1 + 2.5 * YEAR_SECONDS, 1000);
  major = check_far_ticks (&scale, utc, 100, years);
  assert_step (&major, YP_TICK_UNIT_YEAR, 1);
  g_assert_cmpuint (years->len, ==, 5);
  g_assert_cmpint (g_array_index (years, gint64, 4), ==, 3);
  g_assert_cmpint (g_array_index (years, gint64, 0), ==, -2);
  g_assert_cmpint (g_array_index (years, gint64, 1), ==, -1);
  g_assert_cmpint (g_array_index (years, gint64, 2), ==, 1);

  /* 13.8 billion years to now over 1000 px: billions. */
  yp_time_scale_init (&scale, -13.9e9 * YEAR_SECONDS, 1.7e9, 1000);
  major = check_far_ticks (&scale, seoul, 100, years);
  assert_step (&major, YP_TICK_UNIT_YEAR, G_GUINT64_CONSTANT (2000000000));
  g_assert_cmpint (g_array_index (years, gint64, 0), ==, G_GINT64_CONSTANT (-12000000000));
  g_assert_cmpuint (years->len, ==, 6);

  /* A million years around 1 million BC. */
  yp_time_scale_init (&scale, -1.5e6 * YEAR_SECONDS, -0.5e6 * YEAR_SECONDS, 1000);
  major = check_far_ticks (&scale, utc, 90, years);
  assert_step (&major, YP_TICK_UNIT_YEAR, 100000);
  g_assert_cmpuint (years->len, ==, 10);

  /* The months of 44 BC, the weeks of its March, its Ides. */
  yp_time_scale_init (&scale, ad1 - 44 * YEAR_SECONDS, ad1 - 43 * YEAR_SECONDS, 1000);
  major = check_far_ticks (&scale, seoul, 60, NULL);
  assert_step (&major, YP_TICK_UNIT_MONTH, 1);
  yp_time_scale_init (&scale, ad1 - 43.8 * YEAR_SECONDS, ad1 - 43.8 * YEAR_SECONDS + 30 * 86400.0, 1000);
  major = check_far_ticks (&scale, seoul, 100, NULL);
  assert_step (&major, YP_TICK_UNIT_WEEK, 1);
  yp_time_scale_init (&scale, ad1 - 43.8 * YEAR_SECONDS, ad1 - 43.8 * YEAR_SECONDS + 10 * 86400.0, 1000);
  major = check_far_ticks (&scale, utc, 60, NULL);
  assert_step (&major, YP_TICK_UNIT_DAY, 1);

  /* At the earliest date there is. */
  yp_time_scale_init (&scale, -3.1556952e18, -3.1556952e18 + 1e10 * YEAR_SECONDS, 1000);
  check_far_ticks (&scale, utc, 100, years);
}

static void
test_label_kind (void)
{
  g_assert_cmpint (yp_tick_unit_get_label_kind (YP_TICK_UNIT_YEAR), ==, YP_TICK_LABEL_YEAR);
  g_assert_cmpint (yp_tick_unit_get_label_kind (YP_TICK_UNIT_MONTH), ==, YP_TICK_LABEL_MONTH);
  g_assert_cmpint (yp_tick_unit_get_label_kind (YP_TICK_UNIT_WEEK), ==, YP_TICK_LABEL_DAY);
  g_assert_cmpint (yp_tick_unit_get_label_kind (YP_TICK_UNIT_DAY), ==, YP_TICK_LABEL_DAY);
  g_assert_cmpint (yp_tick_unit_get_label_kind (YP_TICK_UNIT_HOUR), ==, YP_TICK_LABEL_HOUR);
  g_assert_cmpint (yp_tick_unit_get_label_kind (YP_TICK_UNIT_MINUTE), ==, YP_TICK_LABEL_MINUTE);
  g_assert_cmpint (yp_tick_unit_get_label_kind (YP_TICK_UNIT_SECOND), ==, YP_TICK_LABEL_SECOND);
}

static void
test_format (void)
{
  g_autoptr(GTimeZone) seoul = zone_new ("Asia/Seoul");
  g_autoptr(GTimeZone) la = zone_new ("America/Los_Angeles");
  g_autofree char *ko = yp_ticks_format_time (1700146800, seoul, "%Y년 %-m월 %-d일");
  g_autofree char *en = yp_ticks_format_time (1700146800, la, "%b %-d, %H:%M");
  g_autofree char *none = yp_ticks_format_time (G_GINT64_CONSTANT (-70000000000), seoul, "%Y");

  g_assert_cmpstr (ko, ==, "2023년 11월 17일");
  g_assert_cmpstr (en, ==, "Nov 16, 07:00");
  g_assert_null (none);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ticks/choose/spans", test_choose_spans);
  g_test_add_func ("/ticks/choose/every-level", test_every_level);
  g_test_add_func ("/ticks/choose/beyond-decades", test_beyond_decades);
  g_test_add_func ("/ticks/calendar-boundaries", test_calendar_boundaries);
  g_test_add_func ("/ticks/dst/daily", test_dst_daily);
  g_test_add_func ("/ticks/dst/hourly", test_dst_hourly);
  g_test_add_func ("/ticks/dst/half-hour", test_half_hour_dst);
  g_test_add_func ("/ticks/dst/skipped-day", test_skipped_day);
  g_test_add_func ("/ticks/random-views", test_random_views);
  g_test_add_func ("/ticks/pan-stable", test_pan_stable);
  g_test_add_func ("/ticks/extremes", test_extremes);
  g_test_add_func ("/ticks/far-years", test_far_years);
  g_test_add_func ("/ticks/label-kind", test_label_kind);
  g_test_add_func ("/ticks/format", test_format);

  return g_test_run ();
}
