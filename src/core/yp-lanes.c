/* yp-lanes.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "yp-time"

#include <math.h>

#include "yp-lanes.h"

#define MAX_CELL_SHIFT 62

static gint64
floor_div (gint64 a,
           gint64 b)
{
  gint64 q = a / b;

  if ((a % b != 0) && ((a < 0) != (b < 0)))
    q--;

  return q;
}

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

  if (yp_time_scale_get_visible_range (scale, times, n_times, margin_px, &begin, &end) == 0)
    return 0;

  /* Widen to whole cells, so that the clusters at the edges do not depend
   * on where exactly the view starts and ends. */
  cell = yp_lanes_get_cluster_seconds (scale, min_distance_px);
  begin = yp_time_scale_lower_bound (times, n_times,
                                     (double) (floor_div (times[begin], cell) * cell));
  end = yp_time_scale_lower_bound (times, n_times,
                                   (double) ((floor_div (times[end - 1], cell) + 1) * cell));

  for (guint i = begin; i < end;)
    {
      YpCluster cluster;
      gint64 first_time = times[i];
      double offsets = 0;
      guint j;

      cluster.first = i;
      cluster.key = floor_div (first_time, cell);

      for (j = i + 1; j < end && floor_div (times[j], cell) == cluster.key; j++)
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
