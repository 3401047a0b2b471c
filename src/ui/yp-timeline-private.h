/* yp-timeline-private.h: what the timeline's tests may ask of it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "yp-timeline.h"

G_BEGIN_DECLS

/* The colours the timeline paints its marks with, from the theme colours
 * it caches in css_changed, before they land on the view (alpha kept). */
typedef struct {
  GdkRGBA background;         /* the view's base */
  GdkRGBA era_tint;           /* the stronger era band, over the base */
  GdkRGBA text, dimmed_text;  /* labels; a search miss's */
  GdkRGBA mark, dimmed_mark;  /* dots; a search miss's */
  GdkRGBA axis_mark;          /* a mark with no room for a row */
  GdkRGBA span, approximate_span;
  GdkRGBA count_fill, count_text;
  GdkRGBA dimmed_count_fill, dimmed_count_text;
  GdkRGBA selected_pill;      /* under the selected label */
  GdkRGBA focus_ring;
} YpTimelineInks;

void yp_timeline_get_inks (YpTimeline     *self,
                           YpTimelineInks *inks);

G_END_DECLS
