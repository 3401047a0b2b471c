/* test-time-scale.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include "yp-time-scale.h"

/* 2023-11-01T00:00:00Z and 2025-07-31T00:00:00Z: the shipped story. */
#define STORY_START 1698796800.0
#define STORY_END   1753920000.0

static void
assert_span (const YpTimeScale *scale,
             double             span)
{
  /* Times near 1.7e9 s carry about 2.4e-7 s of rounding each. */
  g_assert_cmpfloat_with_epsilon (yp_time_scale_get_span (scale), span, MAX (span * 1e-12, 1e-6));
}

static void
test_mapping (void)
{
  YpTimeScale scale;

  yp_time_scale_init (&scale, STORY_START, STORY_START + 1000, 500);
  g_assert_cmpfloat (yp_time_scale_get_span (&scale), ==, 1000);
  g_assert_cmpfloat (yp_time_scale_get_px_per_second (&scale), ==, 0.5);
  g_assert_cmpfloat (yp_time_scale_time_to_x (&scale, STORY_START), ==, 0);
  g_assert_cmpfloat (yp_time_scale_time_to_x (&scale, STORY_START + 1000), ==, 500);
  g_assert_cmpfloat (yp_time_scale_time_to_x (&scale, STORY_START - 10), ==, -5);
  g_assert_cmpfloat (yp_time_scale_x_to_time (&scale, 250), ==, STORY_START + 500);
  g_assert_cmpfloat (yp_time_scale_x_to_time (&scale, 600), ==, STORY_START + 1200);

  for (double x = -100; x <= 600; x += 0.25)
    g_assert_cmpfloat_with_epsilon (yp_time_scale_time_to_x (&scale, yp_time_scale_x_to_time (&scale, x)),
                                    x, 1e-6);

  /* Not yet allocated: no width, no crash, everything at x = 0. */
  scale.width_px = 0;
  g_assert_cmpfloat (yp_time_scale_get_px_per_second (&scale), ==, 0);
  g_assert_cmpfloat (yp_time_scale_time_to_x (&scale, STORY_END), ==, 0);
  g_assert_cmpfloat (yp_time_scale_x_to_time (&scale, 100), ==, STORY_START);

  /* An empty or reversed span has no scale either. */
  yp_time_scale_init (&scale, 10, 10, 500);
  g_assert_cmpfloat (yp_time_scale_get_px_per_second (&scale), ==, 0);
  yp_time_scale_init (&scale, 10, 5, 500);
  g_assert_cmpfloat (yp_time_scale_get_px_per_second (&scale), ==, 0);
}

/* Zooming in stops at 20 ms: a millisecond is then 50 px of 1000. */
static void
test_zoom_narrowest (void)
{
  YpTimeScale scale;
  double pointer;

  yp_time_scale_init (&scale, STORY_START, STORY_END, 1000);
  pointer = yp_time_scale_x_to_time (&scale, 300);

  for (int i = 0; i < 100; i++)
    yp_time_scale_zoom (&scale, 2.0, 300, NULL);

  assert_span (&scale, YP_TIME_SCALE_MIN_SPAN);
  g_assert_cmpfloat_with_epsilon (yp_time_scale_x_to_time (&scale, 300), pointer, 1e-6);
  g_assert_cmpfloat_with_epsilon (yp_time_scale_get_px_per_second (&scale), 1000 / 0.02, 0.1);

  /* One huge step clamps the same way. */
  yp_time_scale_init (&scale, STORY_START, STORY_END, 1000);
  yp_time_scale_zoom (&scale, 1e12, 0, NULL);
  assert_span (&scale, YP_TIME_SCALE_MIN_SPAN);
  g_assert_cmpfloat (scale.start, ==, STORY_START);

  /* There a millisecond still maps back and forth, 2023 being far from
   * where a double runs out of bits. */
  g_assert_cmpfloat_with_epsilon (yp_time_scale_time_to_x (&scale, STORY_START + 0.001), 50, 0.05);
  g_assert_cmpfloat_with_epsilon (yp_time_scale_x_to_time (&scale, 50) - STORY_START, 0.001, 1e-6);
}

/* Zooming out as far as dates reach: a hundred billion years. */
static void
test_zoom_widest (void)
{
  YpTimeScale scale;
  YpTimeRange bounds;
  double pointer;

  yp_time_scale_init (&scale, STORY_START, STORY_END, 1000);
  pointer = yp_time_scale_x_to_time (&scale, 800);

  for (int i = 0; i < 100; i++)
    yp_time_scale_zoom (&scale, 0.5, 800, NULL);

  assert_span (&scale, YP_TIME_SCALE_MAX_SPAN);
  /* A double near 3e18 s steps by 512 s. */
  g_assert_cmpfloat_with_epsilon (yp_time_scale_x_to_time (&scale, 800), pointer, 4096);

  /* With bounds narrower than the widest view: clamped span, centred on them. */
  yp_time_range_init_for_data (&bounds, (gint64) STORY_START, (gint64) STORY_END, 0.05);
  yp_time_scale_init (&scale, STORY_START, STORY_END, 1000);
  yp_time_scale_zoom (&scale, 1e-12, 123, &bounds);
  assert_span (&scale, YP_TIME_SCALE_MAX_SPAN);
  g_assert_cmpfloat_with_epsilon ((scale.start + scale.end) / 2,
                                  (bounds.start + bounds.end) / 2, 4096);
}

static void
test_zoom_round_trip (void)
{
  static const double factors[] = { 1.0001, 1.1, 1.25, 2, 3.7, 10, 1000 };
  static const double xs[] = { 0, 0.5, 1, 137.25, 500, 999, 1000, -40, 1200 };
  static const double spans[] = { 5, 3600, 86400 * 3, STORY_END - STORY_START,
                                  365.25 * 86400 * 50 };

  for (guint s = 0; s < G_N_ELEMENTS (spans); s++)
    for (guint f = 0; f < G_N_ELEMENTS (factors); f++)
      for (guint i = 0; i < G_N_ELEMENTS (xs); i++)
        {
          YpTimeScale scale;
          double pointer;

          yp_time_scale_init (&scale, STORY_START, STORY_START + spans[s], 1000);
          pointer = yp_time_scale_x_to_time (&scale, xs[i]);

          /* Skip the cases where the clamp changes the factor. */
          if (spans[s] / factors[f] < YP_TIME_SCALE_MIN_SPAN ||
              spans[s] * factors[f] > 365.25 * 86400 * 100)
            continue;

          yp_time_scale_zoom (&scale, factors[f], xs[i], NULL);
          g_assert_cmpfloat_with_epsilon (yp_time_scale_x_to_time (&scale, xs[i]), pointer, 1e-6);
          assert_span (&scale, spans[s] / factors[f]);

          yp_time_scale_zoom (&scale, 1 / factors[f], xs[i], NULL);
          g_assert_cmpfloat_with_epsilon (yp_time_scale_x_to_time (&scale, xs[i]), pointer, 1e-6);
          /* The narrow span's rounding came back magnified. */
          g_assert_cmpfloat_with_epsilon (yp_time_scale_get_span (&scale), spans[s],
                                          1e-6 * factors[f] + spans[s] * 1e-12);

          /* The other way round. */
          yp_time_scale_zoom (&scale, 1 / factors[f], xs[i], NULL);
          yp_time_scale_zoom (&scale, factors[f], xs[i], NULL);
          g_assert_cmpfloat_with_epsilon (yp_time_scale_x_to_time (&scale, xs[i]), pointer, 1e-6);
        }

  /* Wheel steps in and then out. Each step rounds start to the 2.4e-7 s
   * resolution of a double near 1.7e9: 20 steps stay within 1e-6 s, a
   * long session of 300 drifts by a few microseconds at most. */
  for (int n_steps = 20; n_steps <= 150; n_steps += 130)
    {
      YpTimeScale scale;
      double pointer, tolerance = n_steps <= 20 ? 1e-6 : 1e-5;

      yp_time_scale_init (&scale, STORY_START, STORY_END, 1280);
      pointer = yp_time_scale_x_to_time (&scale, 640.5);
      /* 1.1^150: from 638 days down to 34 s, no clamp. */
      for (int i = 0; i < n_steps; i++)
        {
          yp_time_scale_zoom (&scale, 1.1, 640.5, NULL);
          g_assert_cmpfloat_with_epsilon (yp_time_scale_x_to_time (&scale, 640.5), pointer, tolerance);
        }
      g_assert_cmpfloat (yp_time_scale_get_span (&scale), >, 30);
      for (int i = 0; i < n_steps; i++)
        {
          yp_time_scale_zoom (&scale, 1 / 1.1, 640.5, NULL);
          g_assert_cmpfloat_with_epsilon (yp_time_scale_x_to_time (&scale, 640.5), pointer, tolerance);
        }
      g_assert_cmpfloat_with_epsilon (yp_time_scale_get_span (&scale), STORY_END - STORY_START,
                                      (STORY_END - STORY_START) * 1e-6);
    }
}

static void
test_zoom_bounds (void)
{
  YpTimeScale scale;
  YpTimeRange bounds = { STORY_START, STORY_END };

  /* Zooming out near the left edge shifts the view back inside. */
  yp_time_scale_init (&scale, STORY_START + 10, STORY_START + 10 + 86400, 1000);
  yp_time_scale_zoom (&scale, 0.1, 900, &bounds);
  assert_span (&scale, 864000);
  g_assert_cmpfloat (scale.start, ==, STORY_START);

  /* And at the right edge. */
  yp_time_scale_init (&scale, STORY_END - 86400 - 10, STORY_END - 10, 1000);
  yp_time_scale_zoom (&scale, 0.1, 100, &bounds);
  assert_span (&scale, 864000);
  g_assert_cmpfloat (scale.end, ==, STORY_END);

  /* Zooming in inside the bounds keeps the pointer time. */
  yp_time_scale_init (&scale, STORY_START + 86400 * 100, STORY_START + 86400 * 130, 1000);
  {
    double pointer = yp_time_scale_x_to_time (&scale, 420);

    yp_time_scale_zoom (&scale, 4, 420, &bounds);
    g_assert_cmpfloat_with_epsilon (yp_time_scale_x_to_time (&scale, 420), pointer, 1e-6);
  }

  /* A view wider than the bounds is centred on them. */
  yp_time_scale_init (&scale, STORY_START, STORY_END, 1000);
  yp_time_scale_zoom (&scale, 0.25, 0, &bounds);
  assert_span (&scale, (STORY_END - STORY_START) * 4);
  g_assert_cmpfloat_with_epsilon ((scale.start + scale.end) / 2, (STORY_START + STORY_END) / 2, 1e-3);
}

static void
test_pan (void)
{
  YpTimeScale scale, before;
  YpTimeRange bounds;

  yp_time_range_init_for_data (&bounds, (gint64) STORY_START, (gint64) STORY_END, 0.05);

  /* Free panning moves by dx / px-per-second, positive dx = earlier. */
  yp_time_scale_init (&scale, STORY_START + 86400 * 100, STORY_START + 86400 * 110, 864);
  before = scale;
  yp_time_scale_pan (&scale, 86.4, NULL);
  g_assert_cmpfloat_with_epsilon (scale.start, before.start - 86400, 1e-6);
  assert_span (&scale, 864000);
  yp_time_scale_pan (&scale, -86.4, NULL);
  g_assert_cmpfloat_with_epsilon (scale.start, before.start, 1e-6);

  /* The content follows a drag: what was at x is now at x + dx. */
  {
    double t = yp_time_scale_x_to_time (&scale, 100);

    yp_time_scale_pan (&scale, 33, &bounds);
    g_assert_cmpfloat_with_epsilon (yp_time_scale_time_to_x (&scale, t), 133, 1e-6);
  }

  /* Dragging far to the right stops at the start of the bounds... */
  yp_time_scale_pan (&scale, 1e9, &bounds);
  g_assert_cmpfloat (scale.start, ==, bounds.start);
  assert_span (&scale, 864000);
  yp_time_scale_pan (&scale, 1, &bounds);
  g_assert_cmpfloat (scale.start, ==, bounds.start);

  /* ...and far to the left at their end, in many small steps too. */
  for (int i = 0; i < 10000; i++)
    yp_time_scale_pan (&scale, -50, &bounds);
  g_assert_cmpfloat (scale.end, ==, bounds.end);
  assert_span (&scale, 864000);

  /* A view wider than the bounds cannot be panned off centre. */
  yp_time_scale_init (&scale, bounds.start - 1e8, bounds.end + 1e8, 1000);
  yp_time_scale_pan (&scale, 300, &bounds);
  g_assert_cmpfloat_with_epsilon ((scale.start + scale.end) / 2, (bounds.start + bounds.end) / 2, 1e-3);
  yp_time_scale_pan (&scale, -3000, &bounds);
  g_assert_cmpfloat_with_epsilon ((scale.start + scale.end) / 2, (bounds.start + bounds.end) / 2, 1e-3);

  /* Zero-width bounds (a single event): the view is centred on it. */
  yp_time_range_init_for_data (&bounds, 1700000000, 1700000000, 0.1);
  g_assert_cmpfloat (bounds.start, ==, bounds.end);
  yp_time_scale_init (&scale, 0, 100, 100);
  yp_time_scale_pan (&scale, 10, &bounds);
  g_assert_cmpfloat (scale.start, ==, 1700000000 - 50);
  g_assert_cmpfloat (scale.end, ==, 1700000000 + 50);

  /* Without a width panning does nothing. */
  yp_time_scale_init (&scale, 0, 100, 0);
  yp_time_scale_pan (&scale, 10, NULL);
  g_assert_cmpfloat (scale.start, ==, 0);
  g_assert_cmpfloat (scale.end, ==, 100);
}

static void
test_fit (void)
{
  YpTimeScale scale;

  yp_time_scale_init (&scale, 0, 1, 700);

  /* A single instant: one day around it. */
  yp_time_scale_fit (&scale, 1700000000, 1700000000, 0.1);
  g_assert_cmpfloat (scale.start, ==, 1700000000 - 43200);
  g_assert_cmpfloat (scale.end, ==, 1700000000 + 43200);
  g_assert_cmpfloat (scale.width_px, ==, 700);

  /* A range with a 5 % margin on each side. */
  yp_time_scale_fit (&scale, STORY_START, STORY_END, 0.05);
  g_assert_cmpfloat_with_epsilon (scale.start, STORY_START - (STORY_END - STORY_START) * 0.05, 1e-3);
  g_assert_cmpfloat_with_epsilon (scale.end, STORY_END + (STORY_END - STORY_START) * 0.05, 1e-3);

  /* No margin, reversed arguments. */
  yp_time_scale_fit (&scale, STORY_END, STORY_START, 0);
  g_assert_cmpfloat (scale.start, ==, STORY_START);
  g_assert_cmpfloat (scale.end, ==, STORY_END);

  /* Under the narrowest view: that view, centred. */
  yp_time_scale_fit (&scale, 100, 100.002, 0.1);
  assert_span (&scale, YP_TIME_SCALE_MIN_SPAN);
  g_assert_cmpfloat_with_epsilon (scale.start, 100.001 - YP_TIME_SCALE_MIN_SPAN / 2, 1e-9);

  /* The age of the universe fits, with its margin. */
  yp_time_scale_fit (&scale, -4.35e17, 1.7e9, 0.1);
  assert_span (&scale, (1.7e9 + 4.35e17) * 1.2);

  /* Over the widest view: the widest, centred. */
  yp_time_scale_fit (&scale, -3e18, 3e18, 0.1);
  assert_span (&scale, YP_TIME_SCALE_MAX_SPAN);
  g_assert_cmpfloat_with_epsilon ((scale.start + scale.end) / 2, 0, 1e-3);
}

/* A cosmological timeline: 13.8 billion years ago to now. Zooming in all
 * the way at its first event stops where a double still tells one pixel
 * from the next, keeps that event under the pointer, and zooming out
 * again comes back to the whole span without overflow. */
static void
test_zoom_cosmological (void)
{
  const double big_bang = -4.3549e17;   /* about 13.8 billion years before 1970 */
  const double now = 1.7e9;
  YpTimeScale scale;
  YpTimeRange bounds;
  double x0, min_span;

  yp_time_range_init_for_data (&bounds, (gint64) big_bang, (gint64) now, 0.05);
  yp_time_scale_fit (&scale, big_bang, now, 0.05);
  yp_time_scale_init (&scale, scale.start, scale.end, 1000);
  g_assert_true (isfinite (yp_time_scale_get_px_per_second (&scale)));
  x0 = yp_time_scale_time_to_x (&scale, big_bang);
  g_assert_cmpfloat (x0, >, 0);
  g_assert_cmpfloat (x0, <, 100);

  for (int i = 0; i < 200; i++)
    yp_time_scale_zoom (&scale, 2.0, x0, &bounds);

  min_span = yp_time_scale_get_min_span_at (big_bang);
  g_assert_cmpfloat (min_span, >, YP_TIME_SCALE_MIN_SPAN);
  g_assert_cmpfloat (min_span, <, 86400 * 7);
  g_assert_cmpfloat (yp_time_scale_get_span (&scale), >=, min_span * 0.999);
  g_assert_cmpfloat (yp_time_scale_get_span (&scale), <=, min_span * 1.001);
  /* The event stays within a pixel of the pointer... */
  g_assert_cmpfloat_with_epsilon (yp_time_scale_time_to_x (&scale, big_bang), x0, 1);
  /* ... and neighbouring pixels still have distinct times. */
  for (double x = 0; x < 1000; x += 1)
    g_assert_cmpfloat (yp_time_scale_x_to_time (&scale, x + 1), >, yp_time_scale_x_to_time (&scale, x));

  for (int i = 0; i < 200; i++)
    yp_time_scale_zoom (&scale, 0.5, x0, &bounds);
  /* (the session keeps a view within its bounds; the scale centres it) */
  assert_span (&scale, YP_TIME_SCALE_MAX_SPAN);
  g_assert_cmpfloat_with_epsilon ((scale.start + scale.end) / 2, (bounds.start + bounds.end) / 2, 4096);

  /* Near 1970 the narrowest view stays 20 ms. */
  g_assert_cmpfloat (yp_time_scale_get_min_span_at (now), ==, YP_TIME_SCALE_MIN_SPAN);
}

static void
test_data_bounds (void)
{
  YpTimeRange range;

  yp_time_range_init_for_data (&range, 1000, 2000, 0.1);
  g_assert_cmpfloat (range.start, ==, 900);
  g_assert_cmpfloat (range.end, ==, 2100);

  yp_time_range_init_for_data (&range, -5, 5, 0);
  g_assert_cmpfloat (range.start, ==, -5);
  g_assert_cmpfloat (range.end, ==, 5);
}

static void
test_search (void)
{
  static const gint64 times[] = { 10, 20, 20, 20, 30, 40, 40, 50 };
  const guint n = G_N_ELEMENTS (times);
  YpTimeScale scale;
  guint begin = 99, end = 99;

  /* Empty. */
  g_assert_cmpuint (yp_time_scale_lower_bound (NULL, 0, 5), ==, 0);
  g_assert_cmpuint (yp_time_scale_upper_bound (NULL, 0, 5), ==, 0);
  yp_time_scale_init (&scale, 0, 100, 100);
  g_assert_cmpuint (yp_time_scale_get_visible_range (&scale, NULL, 0, 10, &begin, &end), ==, 0);
  g_assert_cmpuint (begin, ==, 0);
  g_assert_cmpuint (end, ==, 0);

  /* Bounds, with duplicates: the first of the equal run, one past its last. */
  g_assert_cmpuint (yp_time_scale_lower_bound (times, n, 20), ==, 1);
  g_assert_cmpuint (yp_time_scale_upper_bound (times, n, 20), ==, 4);
  g_assert_cmpuint (yp_time_scale_lower_bound (times, n, 19.5), ==, 1);
  g_assert_cmpuint (yp_time_scale_upper_bound (times, n, 19.5), ==, 1);
  g_assert_cmpuint (yp_time_scale_lower_bound (times, n, 20.5), ==, 4);
  g_assert_cmpuint (yp_time_scale_lower_bound (times, n, 40), ==, 5);
  g_assert_cmpuint (yp_time_scale_upper_bound (times, n, 40), ==, 7);
  g_assert_cmpuint (yp_time_scale_lower_bound (times, n, -1e18), ==, 0);
  g_assert_cmpuint (yp_time_scale_upper_bound (times, n, 1e18), ==, n);
  g_assert_cmpuint (yp_time_scale_lower_bound (times, n, 51), ==, n);
  g_assert_cmpuint (yp_time_scale_upper_bound (times, n, 9), ==, 0);

  /* Against a linear scan, for every half-second. */
  for (double t = 0; t <= 60; t += 0.5)
    {
      guint lo = 0, hi = 0;

      while (lo < n && (double) times[lo] < t)
        lo++;
      while (hi < n && (double) times[hi] <= t)
        hi++;
      g_assert_cmpuint (yp_time_scale_lower_bound (times, n, t), ==, lo);
      g_assert_cmpuint (yp_time_scale_upper_bound (times, n, t), ==, hi);
    }

  /* All before the view. */
  yp_time_scale_init (&scale, 100, 200, 100);
  g_assert_cmpuint (yp_time_scale_get_visible_range (&scale, times, n, 5, &begin, &end), ==, 0);
  g_assert_cmpuint (begin, ==, n);
  g_assert_cmpuint (end, ==, n);

  /* All after it. */
  yp_time_scale_init (&scale, -100, 0, 100);
  g_assert_cmpuint (yp_time_scale_get_visible_range (&scale, times, n, 5, &begin, &end), ==, 0);
  g_assert_cmpuint (begin, ==, 0);
  g_assert_cmpuint (end, ==, 0);

  /* The view [20, 40] includes both runs of duplicates at its edges. */
  yp_time_scale_init (&scale, 20, 40, 200);
  g_assert_cmpuint (yp_time_scale_get_visible_range (&scale, times, n, 0, &begin, &end), ==, 6);
  g_assert_cmpuint (begin, ==, 1);
  g_assert_cmpuint (end, ==, 7);

  /* A margin of 100 px = 10 s takes in marks half outside. */
  yp_time_scale_init (&scale, 21, 39, 180);
  g_assert_cmpuint (yp_time_scale_get_visible_range (&scale, times, n, 0, &begin, &end), ==, 1);
  g_assert_cmpuint (begin, ==, 4);
  g_assert_cmpuint (yp_time_scale_get_visible_range (&scale, times, n, 10, &begin, &end), ==, 6);
  g_assert_cmpuint (begin, ==, 1);
  g_assert_cmpuint (end, ==, 7);
  g_assert_cmpuint (yp_time_scale_get_visible_range (&scale, times, n, 9.99, &begin, &end), ==, 1);

  /* Everything at one instant. */
  {
    gint64 same[1000];

    for (guint i = 0; i < G_N_ELEMENTS (same); i++)
      same[i] = 1700000000;
    yp_time_scale_init (&scale, 1700000000, 1700000001, 100);
    g_assert_cmpuint (yp_time_scale_get_visible_range (&scale, same, 1000, 0, &begin, &end), ==, 1000);
    yp_time_scale_init (&scale, 1700000000.5, 1700000001, 100);
    g_assert_cmpuint (yp_time_scale_get_visible_range (&scale, same, 1000, 0, &begin, &end), ==, 0);
    g_assert_cmpuint (begin, ==, 1000);
    g_assert_cmpuint (yp_time_scale_get_visible_range (&scale, same, 1000, 100, &begin, &end), ==, 1000);
  }
}

static void
test_bad_arguments (void)
{
  YpTimeScale scale;

  yp_time_scale_init (&scale, 0, 100, 100);

  g_test_expect_message ("yp-time", G_LOG_LEVEL_CRITICAL, "*factor > 0*");
  yp_time_scale_zoom (&scale, 0, 50, NULL);
  g_test_assert_expected_messages ();

  g_test_expect_message ("yp-time", G_LOG_LEVEL_CRITICAL, "*isfinite*");
  yp_time_scale_pan (&scale, NAN, NULL);
  g_test_assert_expected_messages ();

  g_assert_cmpfloat (scale.start, ==, 0);
  g_assert_cmpfloat (scale.end, ==, 100);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/time-scale/mapping", test_mapping);
  g_test_add_func ("/time-scale/zoom/narrowest", test_zoom_narrowest);
  g_test_add_func ("/time-scale/zoom/widest", test_zoom_widest);
  g_test_add_func ("/time-scale/zoom/cosmological", test_zoom_cosmological);
  g_test_add_func ("/time-scale/zoom/round-trip", test_zoom_round_trip);
  g_test_add_func ("/time-scale/zoom/bounds", test_zoom_bounds);
  g_test_add_func ("/time-scale/pan", test_pan);
  g_test_add_func ("/time-scale/fit", test_fit);
  g_test_add_func ("/time-scale/data-bounds", test_data_bounds);
  g_test_add_func ("/time-scale/search", test_search);
  g_test_add_func ("/time-scale/bad-arguments", test_bad_arguments);

  return g_test_run ();
}
