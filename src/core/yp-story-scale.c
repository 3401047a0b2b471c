/* yp-story-scale.c: time with the long empty stretches collapsed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The breaks are kept sorted; both mappings binary-search them, so a view
 * converts a time in O(log breaks).
 */
#define G_LOG_DOMAIN "yp-story"

#include <math.h>
#include <stdlib.h>

#include "yp-story-scale.h"

#define MIN_BREAK_SECONDS 3600.0

struct _YpStoryScale
{
  GArray *breaks;      /* YpStoryBreak, by start */
  double  span;        /* first start to last end, in time */
  double  view_span;   /* the same, in view coordinates */
};

static int
compare_times (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

/* The element that would be at @k if @v[0..@n) were sorted, found by
 * partitioning in place (Hoare's selection, expected O(n)): the median
 * gap without sorting all of them. */
static double
select_nth (double *v,
            gssize  n,
            gssize  k)
{
  gssize lo = 0, hi = n - 1;

  while (lo < hi)
    {
      double pivot = v[lo + (hi - lo) / 2];
      gssize i = lo, j = hi;

      while (i <= j)
        {
          while (v[i] < pivot)
            i++;
          while (v[j] > pivot)
            j--;
          if (i <= j)
            {
              double tmp = v[i];

              v[i++] = v[j];
              v[j--] = tmp;
            }
        }
      /* Now v[lo..j] <= pivot <= v[i..hi], and what lies between equals it. */
      if (k <= j)
        hi = j;
      else if (k >= i)
        lo = i;
      else
        return v[k];
    }
  return v[k];
}

/* The last break whose start (in time, or in view when @in_view) is at or
 * before @v, or -1. */
static int
find_break (const YpStoryScale *self,
            double              v,
            gboolean            in_view)
{
  int lo = 0, hi = (int) self->breaks->len;

  while (lo < hi)
    {
      int mid = lo + (hi - lo) / 2;
      const YpStoryBreak *b = &g_array_index (self->breaks, YpStoryBreak, mid);

      if ((in_view ? b->view_start : b->start) <= v)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo - 1;
}

YpStoryScale *
yp_story_scale_new (const gint64 *times,
                    guint         n)
{
  YpStoryScale *self = g_new0 (YpStoryScale, 1);
  g_autofree gint64 *copy = NULL;
  g_autofree double *gaps = NULL;
  const gint64 *t = times;
  guint n_gaps = 0;
  double median, threshold, view_len, shift = 0;

  self->breaks = g_array_new (FALSE, FALSE, sizeof (YpStoryBreak));
  if (n < 3)
    return self;
  g_return_val_if_fail (times != NULL, self);

  /* A record's anchors come in time order: sort only when they do not. */
  for (guint i = 1; i < n; i++)
    if (times[i] < times[i - 1])
      {
        copy = g_memdup2 (times, n * sizeof (gint64));
        qsort (copy, n, sizeof *copy, compare_times);
        t = copy;
        break;
      }

  gaps = g_new (double, n - 1);
  for (guint i = 1; i < n; i++)
    if (t[i] > t[i - 1])
      gaps[n_gaps++] = (double) (t[i] - t[i - 1]);
  self->span = (double) (t[n - 1] - t[0]);
  self->view_span = self->span;
  if (n_gaps == 0)
    return self;

  median = select_nth (gaps, n_gaps, n_gaps / 2);
  threshold = MAX (median * YP_STORY_SCALE_BREAK_GAPS, MIN_BREAK_SECONDS);
  view_len = MAX (median * YP_STORY_SCALE_BREAK_VIEW, 1.0);

  for (guint i = 1; i < n; i++)
    if ((double) (t[i] - t[i - 1]) > threshold)
      {
        YpStoryBreak b;

        /* A little room on each side, so the marks next to a break stay
         * clear of its zig-zag. */
        b.start = (double) t[i - 1] + view_len / 2;
        b.end = (double) t[i] - view_len / 2;
        b.view_start = b.start - shift;
        b.view_end = b.view_start + view_len;
        shift += (b.end - b.start) - view_len;
        g_array_append_val (self->breaks, b);
      }
  self->view_span = self->span - shift;
  return self;
}

void
yp_story_scale_free (YpStoryScale *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->breaks);
  g_free (self);
}

gboolean
yp_story_scale_is_bursty (const YpStoryScale *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->breaks->len > 0 && self->view_span > 0 &&
         self->span >= YP_STORY_SCALE_SHRINK * self->view_span;
}

guint
yp_story_scale_get_n_breaks (const YpStoryScale *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->breaks->len;
}

const YpStoryBreak *
yp_story_scale_get_break (const YpStoryScale *self,
                          guint               i)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (i < self->breaks->len, NULL);
  return &g_array_index (self->breaks, YpStoryBreak, i);
}

double
yp_story_scale_to_view (const YpStoryScale *self,
                        double              time)
{
  const YpStoryBreak *b;
  int i;

  g_return_val_if_fail (self != NULL, time);

  i = find_break (self, time, FALSE);
  if (i < 0)
    return time;
  b = &g_array_index (self->breaks, YpStoryBreak, i);
  if (time < b->end)
    return b->view_start + (time - b->start) / (b->end - b->start) * (b->view_end - b->view_start);
  return b->view_end + (time - b->end);
}

double
yp_story_scale_to_time (const YpStoryScale *self,
                        double              view)
{
  const YpStoryBreak *b;
  int i;

  g_return_val_if_fail (self != NULL, view);

  i = find_break (self, view, TRUE);
  if (i < 0)
    return view;
  b = &g_array_index (self->breaks, YpStoryBreak, i);
  if (view < b->view_end)
    return b->start + (view - b->view_start) / (b->view_end - b->view_start) * (b->end - b->start);
  return b->end + (view - b->view_end);
}
