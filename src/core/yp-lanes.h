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

/* The clusters of yp_lanes_cluster(), precomputed at a few cell sizes
 * (2^10 s, about 17 minutes, to 2^25 s, about a year, every third power
 * of two): for each occupied cell, its first member and the sum of its
 * members' offsets from that one. A zoomed-out frame then walks cells,
 * not events (at a million events, a few hundred cells where it walked
 * every event in view). Each size is built the first time a frame needs
 * it, in one pass over @times, which must outlive the index unchanged. */
typedef struct _YpLanesIndex YpLanesIndex;

YpLanesIndex *yp_lanes_index_new     (const gint64       *times,
                                      guint               n_times);
void          yp_lanes_index_free    (YpLanesIndex       *index);
/* How many cells the sizes built so far hold, all sizes together. */
guint         yp_lanes_index_get_n_cells (const YpLanesIndex *index);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (YpLanesIndex, yp_lanes_index_free)

/* yp_lanes_cluster() over @index's times, with the same result: from the
 * largest precomputed cell size that fits in this zoom's cell, or by
 * walking the events when the zoom is finer than all of them. */
guint   yp_lanes_cluster_indexed     (YpLanesIndex      *index,
                                      const YpTimeScale *scale,
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
