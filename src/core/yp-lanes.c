/* yp-lanes.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "yp-time"

#include <math.h>

#include "yp-date.h"
#include "yp-lanes.h"

#define MAX_CELL_SHIFT 62

gint64
yp_lanes_get_cluster_seconds (const YpTimeScale *scale,
                              double             min_distance_px)
{
  double pps;
  gint64 cell = 1;

  g_return_val_if_fail (scale != NULL, 1);

  pps = yp_time_scale_get_px_per_second (scale);
  if (!(pps > 0))
    return G_GINT64_CONSTANT (1) << MAX_CELL_SHIFT;

  for (guint shift = 0; shift < MAX_CELL_SHIFT && (double) cell * pps < min_distance_px; shift++)
    cell <<= 1;

  return cell;
}

/* Widens the events in view to whole cells of @cell seconds, so that the
 * clusters at the edges do not depend on where exactly the view starts
 * and ends. FALSE when none is in view. */
static gboolean
cells_in_view (const YpTimeScale *scale,
               const gint64      *times,
               guint              n_times,
               double             margin_px,
               gint64             cell,
               guint             *begin,
               guint             *end)
{
  if (yp_time_scale_get_visible_range (scale, times, n_times, margin_px, begin, end) == 0)
    return FALSE;
  *begin = yp_time_scale_lower_bound (times, n_times,
                                      (double) (yp_floor_div (times[*begin], cell) * cell));
  *end = yp_time_scale_lower_bound (times, n_times,
                                    (double) ((yp_floor_div (times[*end - 1], cell) + 1) * cell));
  return TRUE;
}

guint
yp_lanes_cluster (const YpTimeScale *scale,
                  const gint64      *times,
                  guint              n_times,
                  double             min_distance_px,
                  double             margin_px,
                  GArray            *clusters)
{
  gint64 cell;
  guint begin, end;

  g_return_val_if_fail (scale != NULL, 0);
  g_return_val_if_fail (times != NULL || n_times == 0, 0);
  g_return_val_if_fail (clusters != NULL, 0);
  g_return_val_if_fail (g_array_get_element_size (clusters) == sizeof (YpCluster), 0);

  g_array_set_size (clusters, 0);

  cell = yp_lanes_get_cluster_seconds (scale, min_distance_px);
  if (!cells_in_view (scale, times, n_times, margin_px, cell, &begin, &end))
    return 0;

  for (guint i = begin; i < end;)
    {
      YpCluster cluster;
      gint64 first_time = times[i];
      double offsets = 0;
      guint j;

      cluster.first = i;
      cluster.key = yp_floor_div (first_time, cell);

      /* Whole seconds: the sum is exact (below 2^53), so the index's
       * integer sums give the same x. */
      for (j = i + 1; j < end && yp_floor_div (times[j], cell) == cluster.key; j++)
        offsets += (double) (times[j] - first_time);

      cluster.count = j - i;
      cluster.x = yp_time_scale_time_to_x (scale, (double) first_time + offsets / cluster.count);
      g_array_append_val (clusters, cluster);

      i = j;
    }

  return clusters->len;
}

guint
yp_lanes_assign_rows (YpLabelBox *boxes,
                      guint       n_boxes,
                      guint       max_rows,
                      double      padding_px)
{
  double row_end[YP_LANES_MAX_ROWS];
  guint n_placed = 0;

  g_return_val_if_fail (boxes != NULL || n_boxes == 0, 0);
  g_return_val_if_fail (max_rows <= YP_LANES_MAX_ROWS, 0);
  g_return_val_if_fail (padding_px >= 0, 0);

  for (guint r = 0; r < max_rows; r++)
    row_end[r] = -INFINITY;

  for (guint i = 0; i < n_boxes; i++)
    {
      YpLabelBox *box = &boxes[i];

      box->row = -1;
      for (guint r = 0; r < max_rows; r++)
        {
          if (row_end[r] + padding_px <= box->x)
            {
              box->row = (int) r;
              row_end[r] = box->x + MAX (box->width, 0);
              n_placed++;
              break;
            }
        }
    }

  return n_placed;
}

/* The precomputed cell sizes, as shifts: 2^10 s to 2^25 s. */
static const guint level_shifts[] = { 10, 13, 16, 19, 22, 25 };
#define N_LEVELS G_N_ELEMENTS (level_shifts)

typedef struct {
  gboolean  built;
  guint     n_cells;
  guint    *first;      /* n_cells + 1: each cell's first member, then n_times */
  gint64   *offsets;    /* n_cells: the sum of (member - first member) */
} Level;

struct _YpLanesIndex
{
  const gint64 *times;
  guint         n_times;
  Level         levels[N_LEVELS];
};

YpLanesIndex *
yp_lanes_index_new (const gint64 *times,
                    guint         n_times)
{
  YpLanesIndex *index;

  g_return_val_if_fail (times != NULL || n_times == 0, NULL);

  index = g_new0 (YpLanesIndex, 1);
  index->times = times;
  index->n_times = n_times;
  return index;
}

void
yp_lanes_index_free (YpLanesIndex *index)
{
  if (index == NULL)
    return;
  for (guint l = 0; l < N_LEVELS; l++)
    {
      g_free (index->levels[l].first);
      g_free (index->levels[l].offsets);
    }
  g_free (index);
}

guint
yp_lanes_index_get_n_cells (const YpLanesIndex *index)
{
  guint n = 0;

  g_return_val_if_fail (index != NULL, 0);
  for (guint l = 0; l < N_LEVELS; l++)
    n += index->levels[l].n_cells;
  return n;
}

static const Level *
get_level (YpLanesIndex *index,
           guint         l)
{
  Level *level = &index->levels[l];
  const gint64 *times = index->times;
  gint64 cell = G_GINT64_CONSTANT (1) << level_shifts[l];
  GArray *first, *offsets;

  if (level->built)
    return level;
  first = g_array_new (FALSE, FALSE, sizeof (guint));
  offsets = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < index->n_times;)
    {
      gint64 key = yp_floor_div (times[i], cell);
      gint64 sum = 0;
      guint j;

      for (j = i + 1; j < index->n_times && yp_floor_div (times[j], cell) == key; j++)
        sum += times[j] - times[i];
      g_array_append_val (first, i);
      g_array_append_val (offsets, sum);
      i = j;
    }
  level->n_cells = first->len;
  g_array_append_val (first, index->n_times);
  level->first = (guint *) (gpointer) g_array_free (first, FALSE);
  level->offsets = (gint64 *) (gpointer) g_array_free (offsets, FALSE);
  level->built = TRUE;
  return level;
}

/* The first cell of @level whose first member is at or after @i. */
static guint
cell_at (const Level *level,
         guint        i)
{
  guint lo = 0, hi = level->n_cells;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (level->first[mid] < i)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

guint
yp_lanes_cluster_indexed (YpLanesIndex      *index,
                          const YpTimeScale *scale,
                          double             min_distance_px,
                          double             margin_px,
                          GArray            *clusters)
{
  const gint64 *times;
  const Level *level = NULL;
  gint64 cell;
  guint begin, end, shift = 0;

  g_return_val_if_fail (index != NULL, 0);
  g_return_val_if_fail (scale != NULL, 0);
  g_return_val_if_fail (clusters != NULL, 0);
  g_return_val_if_fail (g_array_get_element_size (clusters) == sizeof (YpCluster), 0);

  times = index->times;
  cell = yp_lanes_get_cluster_seconds (scale, min_distance_px);
  while (shift < MAX_CELL_SHIFT && (G_GINT64_CONSTANT (1) << shift) < cell)
    shift++;
  for (guint l = N_LEVELS; l > 0; l--)
    if (level_shifts[l - 1] <= shift)
      {
        level = get_level (index, l - 1);
        break;
      }
  if (level == NULL)
    return yp_lanes_cluster (scale, times, index->n_times, min_distance_px, margin_px, clusters);

  g_array_set_size (clusters, 0);
  if (!cells_in_view (scale, times, index->n_times, margin_px, cell, &begin, &end))
    return 0;

  /* @begin and @end are on boundaries of this zoom's cells, and so of the
   * level's, which divide them: the level's cells in between are whole. */
  for (guint k = cell_at (level, begin); k < level->n_cells && level->first[k] < end;)
    {
      YpCluster cluster;
      gint64 first_time = times[level->first[k]];
      gint64 offsets = 0;
      guint j;

      cluster.first = level->first[k];
      cluster.key = yp_floor_div (first_time, cell);
      for (j = k; j < level->n_cells && level->first[j] < end &&
                  yp_floor_div (times[level->first[j]], cell) == cluster.key; j++)
        offsets += level->offsets[j] +
                   (gint64) (level->first[j + 1] - level->first[j]) * (times[level->first[j]] - first_time);
      cluster.count = level->first[j] - cluster.first;
      cluster.x = yp_time_scale_time_to_x (scale, (double) first_time + (double) offsets / cluster.count);
      g_array_append_val (clusters, cluster);
      k = j;
    }
  return clusters->len;
}
