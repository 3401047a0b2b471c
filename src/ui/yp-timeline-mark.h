/* yp-timeline-mark.h: one drawn mark of the timeline, for screen readers
 * and the keyboard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "yp-session.h"
#include "yp-timeline-layout.h"

G_BEGIN_DECLS

#define YP_TYPE_TIMELINE_MARK (yp_timeline_mark_get_type ())

G_DECLARE_FINAL_TYPE (YpTimelineMark, yp_timeline_mark, YP, TIMELINE_MARK, GtkButton)

/* A lone event's events model position, or an aggregate's first shown
 * index; an aggregate's count (1 for an event). */
guint yp_timeline_mark_get_first (YpTimelineMark *self);
guint yp_timeline_mark_get_count (YpTimelineMark *self);

/* The marks of @frame as child widgets of @timeline, one per drawn mark,
 * in time order, kept in @pool (YpTimelineMark, owned by @timeline):
 * widgets are reused from frame to frame, made only when more marks are
 * drawn than before and dropped when fewer are. A new mark's "clicked"
 * goes to @clicked_cb with @user_data. The selected event's mark (else
 * the first) is the only one the keyboard focuses; when the focus was on
 * a mark, it moves to that one.
 *
 * Widgets are added, removed and focused only with @restructure (not
 * while the window is allocated: GTK then leaves the ancestors without an
 * allocation). Returns TRUE when that is still to be done: call again with
 * @restructure before the next frame's layout. */
gboolean yp_timeline_marks_sync  (GtkWidget             *timeline,
                                  GPtrArray             *pool,
                                  YpSession             *session,
                                  const YpTimelineFrame *frame,
                                  gboolean               restructure,
                                  GCallback              clicked_cb,
                                  gpointer               user_data);
/* Gives each mark of @pool the rectangle its mark was drawn in. */
void  yp_timeline_marks_allocate (GPtrArray             *pool);
/* What the timeline shows, for its accessible description: "Showing
 * 17 November 2023 to 23 November 2023, 25 events. Eras: Board crisis.
 * Selected: ...". NULL without a session or a frame. */
char *yp_timeline_marks_describe (YpSession             *session,
                                  const YpTimelineFrame *frame);
/* The content language changed: names are made again at the next sync. */
void  yp_timeline_marks_forget_names (GPtrArray         *pool);
/* Unparents every mark of @pool and empties it. */
void  yp_timeline_marks_clear    (GPtrArray             *pool);

G_END_DECLS
