/* yp-timeline-frame.c: what one frame of the timeline draws
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A frame is plain data: era bands, ticks, story-scale breaks and marks,
 * each with its place and text, made by yp-timeline-layout.c and read by
 * the widget (painting, hit-testing), the marks' widgets, the SVG export
 * and the tests. Here: making, copying and freeing one, and finding what
 * it drew at a point.
 */
#define G_LOG_DOMAIN "yp-timeline"

#include "config.h"

#include "yp-timeline-frame.h"

static void
era_clear (gpointer data)
{
  g_free (((YpTimelineFrameEra *) data)->name);
}

static void
tick_clear (gpointer data)
{
  g_free (((YpTimelineFrameTick *) data)->label);
}

static void
break_clear (gpointer data)
{
  g_free (((YpTimelineFrameBreak *) data)->label);
}

static void
mark_clear (gpointer data)
{
  YpTimelineFrameMark *m = data;

  g_free (m->title);
  g_free (m->name);
  g_free (m->id);
}

YpTimelineFrame *
yp_timeline_frame_new (void)
{
  YpTimelineFrame *frame = g_new0 (YpTimelineFrame, 1);

  frame->eras = g_array_new (FALSE, TRUE, sizeof (YpTimelineFrameEra));
  frame->ticks = g_array_new (FALSE, TRUE, sizeof (YpTimelineFrameTick));
  frame->breaks = g_array_new (FALSE, TRUE, sizeof (YpTimelineFrameBreak));
  frame->marks = g_array_new (FALSE, TRUE, sizeof (YpTimelineFrameMark));
  g_array_set_clear_func (frame->eras, era_clear);
  g_array_set_clear_func (frame->ticks, tick_clear);
  g_array_set_clear_func (frame->breaks, break_clear);
  g_array_set_clear_func (frame->marks, mark_clear);
  return frame;
}

void
yp_timeline_frame_free (YpTimelineFrame *frame)
{
  if (frame == NULL)
    return;
  g_array_unref (frame->eras);
  g_array_unref (frame->ticks);
  g_array_unref (frame->breaks);
  g_array_unref (frame->marks);
  g_free (frame);
}

YpTimelineFrame *
yp_timeline_frame_copy (const YpTimelineFrame *frame)
{
  YpTimelineFrame *copy;

  g_return_val_if_fail (frame != NULL, NULL);

  copy = yp_timeline_frame_new ();
  copy->width = frame->width;
  copy->height = frame->height;
  copy->axis_top = frame->axis_top;
  copy->era_strip_height = frame->era_strip_height;
  copy->row_height = frame->row_height;
  copy->story = frame->story;
  copy->fg = frame->fg;
  copy->accent = frame->accent;
  copy->accent_fg = frame->accent_fg;
  copy->base = frame->base;
  for (guint i = 0; i < frame->eras->len; i++)
    {
      YpTimelineFrameEra e = g_array_index (frame->eras, YpTimelineFrameEra, i);
      e.name = g_strdup (e.name);
      g_array_append_val (copy->eras, e);
    }
  for (guint i = 0; i < frame->ticks->len; i++)
    {
      YpTimelineFrameTick t = g_array_index (frame->ticks, YpTimelineFrameTick, i);
      t.label = g_strdup (t.label);
      g_array_append_val (copy->ticks, t);
    }
  for (guint i = 0; i < frame->breaks->len; i++)
    {
      YpTimelineFrameBreak b = g_array_index (frame->breaks, YpTimelineFrameBreak, i);
      b.label = g_strdup (b.label);
      g_array_append_val (copy->breaks, b);
    }
  for (guint i = 0; i < frame->marks->len; i++)
    {
      YpTimelineFrameMark m = g_array_index (frame->marks, YpTimelineFrameMark, i);
      m.title = g_strdup (m.title);
      m.name = g_strdup (m.name);
      m.id = g_strdup (m.id);
      g_array_append_val (copy->marks, m);
    }
  return copy;
}

const YpTimelineFrameMark *
yp_timeline_frame_mark_at (const YpTimelineFrame *frame,
                           double                 x,
                           double                 y)
{
  const graphene_point_t p = GRAPHENE_POINT_INIT (x, y);

  g_return_val_if_fail (frame != NULL, NULL);

  /* Last drawn wins: it is on top. */
  for (guint i = frame->marks->len; i > 0; i--)
    {
      const YpTimelineFrameMark *m = &g_array_index (frame->marks, YpTimelineFrameMark, i - 1);

      if (graphene_rect_contains_point (&m->rect, &p))
        return m;
    }
  return NULL;
}

const YpTimelineFrameEra *
yp_timeline_frame_era_at (const YpTimelineFrame *frame,
                          double                 x,
                          double                 y)
{
  const graphene_point_t p = GRAPHENE_POINT_INIT (x, y);

  g_return_val_if_fail (frame != NULL, NULL);

  for (guint i = 0; i < frame->eras->len; i++)
    {
      const YpTimelineFrameEra *e = &g_array_index (frame->eras, YpTimelineFrameEra, i);

      if (e->name != NULL && graphene_rect_contains_point (&e->rect, &p))
        return e;
    }
  return NULL;
}

YpEvent *
yp_timeline_event_at (YpSession *session,
                      guint      position)
{
  YpEvent *event = g_list_model_get_item (yp_session_get_events (session), position);

  /* Borrowed: the model keeps its own reference while the frame is shown. */
  if (event != NULL)
    g_object_unref (event);
  return event;
}
