/* test-story-scale.c: time with the long empty stretches collapsed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include "yp-story-scale.h"

#define DAY 86400
#define T0  1700208000   /* 17 November 2023 */

/* A burst of 20 events over 5 days, then 6 lone events months apart. */
static void
make_bursty (gint64 *starts,
             guint  *n)
{
  guint k = 0;

  for (guint i = 0; i < 20; i++, k++)
    starts[k] = T0 + i * (5 * DAY / 20);
  for (guint i = 1; i <= 6; i++, k++)
    starts[k] = T0 + 5 * DAY + i * 90 * (gint64) DAY;
  *n = k;
}

static void
test_bursty_breaks (void)
{
  gint64 starts[32];
  guint n;
  g_autoptr(YpStoryScale) story = NULL;
  double gap, burst;

  make_bursty (starts, &n);
  story = yp_story_scale_new (starts, n);
  g_assert_true (yp_story_scale_is_bursty (story));
  /* Every 90-day gap is a break; none inside the burst. */
  g_assert_cmpuint (yp_story_scale_get_n_breaks (story), ==, 6);
  for (guint i = 0; i < 6; i++)
    {
      const YpStoryBreak *b = yp_story_scale_get_break (story, i);

      g_assert_cmpfloat (b->start, >, T0 + 19 * (5 * DAY / 20));
      g_assert_cmpfloat (b->end - b->start, >=, 80 * DAY);
      g_assert_cmpfloat (b->end, <, starts[20 + i]);
      /* Collapsed to a quarter of the median gap of the burst. */
      g_assert_cmpfloat_with_epsilon (b->view_end - b->view_start, YP_STORY_SCALE_BREAK_VIEW * (5 * DAY / 20), 1);
    }
  /* The burst keeps its real spacing: identity before the first break. */
  g_assert_cmpfloat (yp_story_scale_to_view (story, starts[7]), ==, starts[7]);
  burst = yp_story_scale_to_view (story, starts[19]) - yp_story_scale_to_view (story, starts[0]);
  gap = yp_story_scale_to_view (story, starts[25]) - yp_story_scale_to_view (story, starts[19]);
  /* The six later events take less room than the burst. */
  g_assert_cmpfloat (gap, <, burst);
  g_assert_cmpfloat (gap, >, 0);
}

static void
test_round_trip (void)
{
  gint64 starts[32];
  guint n;
  g_autoptr(YpStoryScale) story = NULL;
  double prev = -G_MAXDOUBLE;

  make_bursty (starts, &n);
  story = yp_story_scale_new (starts, n);
  for (double t = T0 - 10 * DAY; t < T0 + 600.0 * DAY; t += DAY / 3.0)
    {
      double v = yp_story_scale_to_view (story, t);

      g_assert_cmpfloat (v, >, prev);   /* monotonic */
      g_assert_cmpfloat_with_epsilon (yp_story_scale_to_time (story, v), t, 1e-3);
      prev = v;
    }
}

/* Anchors out of order (a filter's, or a caller's) give the same scale
 * as in order: the in-order input is the one not sorted again. */
static void
test_unsorted (void)
{
  gint64 starts[32], shuffled[32];
  guint n;
  g_autoptr(YpStoryScale) sorted = NULL;
  g_autoptr(YpStoryScale) story = NULL;

  make_bursty (starts, &n);
  for (guint i = 0; i < n; i++)
    shuffled[i] = starts[(i * 7) % n];   /* 7 is prime to 26 */
  sorted = yp_story_scale_new (starts, n);
  story = yp_story_scale_new (shuffled, n);
  g_assert_cmpuint (yp_story_scale_get_n_breaks (story), ==, yp_story_scale_get_n_breaks (sorted));
  for (guint i = 0; i < yp_story_scale_get_n_breaks (sorted); i++)
    {
      const YpStoryBreak *a = yp_story_scale_get_break (sorted, i);
      const YpStoryBreak *b = yp_story_scale_get_break (story, i);

      g_assert_cmpfloat (a->start, ==, b->start);
      g_assert_cmpfloat (a->end, ==, b->end);
      g_assert_cmpfloat (a->view_start, ==, b->view_start);
      g_assert_cmpfloat (a->view_end, ==, b->view_end);
    }
}

/* The median gap sets the breaks, whatever order the gaps come in: gaps
 * of 1 to 25 hours in a mixed order, then one of 1,000 days. The median
 * of the 26 gaps (the 14th smallest) is 14 hours. */
static void
test_median_gap (void)
{
  gint64 starts[27];
  g_autoptr(YpStoryScale) story = NULL;
  const YpStoryBreak *b;

  starts[0] = T0;
  for (guint i = 0; i < 25; i++)
    starts[i + 1] = starts[i] + ((i * 7) % 25 + 1) * (gint64) 3600;
  starts[26] = starts[25] + 1000 * (gint64) DAY;
  story = yp_story_scale_new (starts, 27);
  g_assert_cmpuint (yp_story_scale_get_n_breaks (story), ==, 1);
  b = yp_story_scale_get_break (story, 0);
  g_assert_cmpfloat_with_epsilon (b->view_end - b->view_start, YP_STORY_SCALE_BREAK_VIEW * 14 * 3600, 1e-6);
}

/* Evenly spread events are not bursty: linear time. */
static void
test_even_is_linear (void)
{
  gint64 starts[100];
  g_autoptr(YpStoryScale) even = NULL;
  g_autoptr(YpStoryScale) few = NULL;

  for (guint i = 0; i < 100; i++)
    starts[i] = T0 + i * 7 * (gint64) DAY + (i * 7919 % 13) * 3600;
  even = yp_story_scale_new (starts, 100);
  g_assert_false (yp_story_scale_is_bursty (even));

  /* Two events are too few for a story, however far apart. */
  starts[1] = T0 + 1000 * (gint64) DAY;
  few = yp_story_scale_new (starts, 2);
  g_assert_false (yp_story_scale_is_bursty (few));
  g_assert_cmpfloat (yp_story_scale_to_view (few, T0 + 5), ==, T0 + 5);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/story-scale/bursty-breaks", test_bursty_breaks);
  g_test_add_func ("/story-scale/round-trip", test_round_trip);
  g_test_add_func ("/story-scale/even-is-linear", test_even_is_linear);
  g_test_add_func ("/story-scale/unsorted", test_unsorted);
  g_test_add_func ("/story-scale/median-gap", test_median_gap);

  return g_test_run ();
}
