/* yp-lanes.h: aggregation of crowded marks and rows for their labels
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "yp-time-scale.h"

G_BEGIN_DECLS

/* Items sharing one cell of a grid of absolute time. */
typedef struct {
  guint  first;   /* index of the first member in the times array */
  guint  count;   /* members: first .. first + count - 1 */
  gint64 key;     /* the cell: floor (time / cell seconds), the same for
                   * the same items at the same zoom wherever the view is */
  double x;       /* mean x of the members (the x of a lone member) */
} YpCluster;

/* The most rows yp_lanes_assign_rows() fills. */
#define YP_LANES_MAX_ROWS 32

typedef struct {
  double x;       /* in: the label's left edge, px */
  double width;   /* in: px */
  int    row;     /* out: 0 .. max_rows - 1, or -1 when hidden */
} YpLabelBox;

/* The width of a cluster cell: the smallest power of two of seconds (1,
 * 2, 4, ...) that is at least @min_distance_px wide at this zoom. Cells
 * are counted from the epoch, so they move with the content when panning
 * and only change when the zoom crosses a power of two. */
gint64  yp_lanes_get_cluster_seconds (const YpTimeScale *scale,
                                      double             min_distance_px);

/* Clears @clusters (a GArray of YpCluster) and fills it with the clusters
 * of the sorted @times that meet [-margin_px, width_px + margin_px]: one
 * per occupied cell, each with all of its members even where the cell
 * reaches past the view. Cost: O(log n + items in those cells). Returns
 * the number of clusters. */
guint   yp_lanes_cluster             (const YpTimeScale *scale,
                                      const gint64      *times,
                                      guint              n_times,
                                      double             min_distance_px,
                                      double             margin_px,
                                      GArray            *clusters);

/* Gives each box, in the order given (sort by x), the first row whose
 * last label ends at least @padding_px before the box starts, or -1 when
 * no row among the first @max_rows (<= YP_LANES_MAX_ROWS) has room
 * (@padding_px >= 0). Boxes
 * in one row never overlap, whatever the order. Allocates nothing.
 * Returns the number of boxes placed. */
guint   yp_lanes_assign_rows         (YpLabelBox        *boxes,
                                      guint              n_boxes,
                                      guint              max_rows,
                                      double             padding_px);

G_END_DECLS
