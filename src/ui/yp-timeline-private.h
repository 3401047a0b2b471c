/* yp-timeline-private.h: the timeline's instance, shared by
 * yp-timeline.c, yp-timeline-paint.c and yp-timeline-input.c, and what
 * the tests may ask of it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "yp-format.h"
#include "yp-timeline.h"
#include "yp-timeline-mark.h"

G_BEGIN_DECLS

struct _YpTimeline
{
  GtkWidget    parent_instance;

  YpSession   *session;
  gulong       visible_handler;
  gulong       selected_handler;
  gulong       items_handler;
  gulong       filter_handler;
  gulong       matches_handler;

  /* Where things go (no painting), and what the last frame drew. */
  YpTimelineLayout *layout_engine;
  YpTimelineFrame  *frame;
  gboolean          frame_dirty;  /* the session or the style changed */
  /* A child widget per drawn mark, for screen readers and the keyboard
   * (yp-timeline-mark.c). */
  GPtrArray        *marks;
  char             *description;
  guint             relayout_tick;
  gboolean          marks_pending;
  /* The views before each aggregate entered, for Escape to go back. */
  GArray           *entered;
  PangoAttrList *bold;
  PangoLayout *layout;
  /* Labels measured since the last paint (text → its PangoLayout, set in
   * the regular weight without a width): the paint draws these as they
   * are instead of shaping their text again. */
  GHashTable  *measured;
  /* The last frame's labels as render nodes, by text and look
   * (yp-timeline-paint.c). */
  GHashTable  *labels;
  guint        labels_frame;
  YpLang       lang;
  GTimeZone   *tz;

  /* Theme colours, cached in css_changed. */
  GdkRGBA      fg;
  GdkRGBA      accent;
  GdkRGBA      accent_fg;
  GdkRGBA      base;
  gboolean     dark;           /* light text on a dark base */

  /* Input state. */
  double       pointer_x;
  gboolean     dragging;
  gboolean     drag_moved;
  double       drag_start_visible;
  double       drag_start_end;
  double       zoom_last_scale;
};

/* yp-timeline.c: the layout of @text measured since the last paint, in
 * the regular weight, or NULL. */
PangoLayout *yp_timeline_peek_measured (YpTimeline *self,
                                        const char *text);

/* yp-timeline-paint.c: the labels' nodes, for YpTimeline.labels. */
GHashTable *yp_timeline_labels_new (void);

/* yp-timeline-paint.c: paints @frame (eras, axis, marks). */
void yp_timeline_paint (YpTimeline            *self,
                        GtkSnapshot           *snapshot,
                        const YpTimelineFrame *frame);

/* yp-timeline-input.c: the actions and key bindings, the controllers and
 * the tooltip; a mark's widget activated does what a click on it does. */
void yp_timeline_input_class_init      (GtkWidgetClass *widget_class);
void yp_timeline_input_init            (YpTimeline     *self);
void yp_timeline_input_mark_clicked_cb (YpTimelineMark *mark,
                                        YpTimeline     *self);

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
