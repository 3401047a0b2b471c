/* yp-timeline-layout.h: where the timeline's marks, labels and ticks go
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "yp-session.h"
#include "yp-timeline-frame.h"
#include "yp-types.h"

G_BEGIN_DECLS

/* Geometry shared by the layout, the widget's painting and the export. */
#define YP_TIMELINE_ERA_STRIP_H  24.0
#define YP_TIMELINE_AXIS_H       34.0
#define YP_TIMELINE_ROW_H        22.0
#define YP_TIMELINE_DOT_R         5.0

/* The width in pixels of @text as the timeline draws it (@bold for counts
 * and the selected label). A callback, so the layout runs without a
 * display in tests. */
typedef double (*YpTimelineMeasureFunc) (const char *text,
                                         gboolean    bold,
                                         gpointer    user_data);

typedef struct _YpTimelineLayout YpTimelineLayout;

YpTimelineLayout *yp_timeline_layout_new        (YpTimelineMeasureFunc measure,
                                                 gpointer              user_data);
void              yp_timeline_layout_free       (YpTimelineLayout     *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YpTimelineLayout, yp_timeline_layout_free)
/* Forget measured widths (fonts, language or events changed). */
void              yp_timeline_layout_invalidate (YpTimelineLayout     *self);

/* Lays out @session's visible window over @width × @height pixels into
 * @frame (cleared first; colours are left as they are). Cost follows what
 * is visible: the first visible event is found by binary search and
 * crowded events become one aggregate. */
void              yp_timeline_layout_compute    (YpTimelineLayout     *self,
                                                 YpSession            *session,
                                                 double                width,
                                                 double                height,
                                                 GTimeZone            *tz,
                                                 YpLang                lang,
                                                 YpTimelineFrame      *frame);


G_END_DECLS
