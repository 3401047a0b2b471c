/* yp-timeline-mark.c: one drawn mark of the timeline, for screen readers
 * and the keyboard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4.8 exposes only widgets to assistive technologies (accessible
 * objects of one's own came with 4.10 and 4.14), so each mark the
 * timeline draws gets a small child widget: a button that draws nothing
 * but its focus ring, is allocated over its mark, lets the pointer through
 * to the timeline, and carries the mark's name ("17 November 2023: ..." or
 * "25 events, from ... to ..."), its selected state and its activation.
 * Only the marks of the frame exist: their number follows what is drawn,
 * never the size of the record, and the widgets are reused as the view
 * moves. See docs/DESIGN.md.
 */
#define G_LOG_DOMAIN "yp-timeline-mark"

#include "config.h"

#include <math.h>
#include <stdio.h>

#include <glib/gi18n.h>

#include "yp-format.h"
#include "yp-timeline-mark.h"

struct _YpTimelineMark
{
  GtkButton        parent_instance;

  guint            first;
  guint            count;
  gboolean         selected;
  char            *name;
  char            *description;
  graphene_rect_t  rect;
};

G_DEFINE_FINAL_TYPE (YpTimelineMark, yp_timeline_mark, GTK_TYPE_BUTTON)

/* Helpers */

static char *
mark_name (YpSession                 *session,
           const YpTimelineFrameMark *m)
{
  if (m->count > 1)
    {
      YpEvent *first = yp_timeline_event_at (session, yp_session_shown_to_position (session, m->first));
      YpEvent *last = yp_timeline_event_at (session, yp_session_shown_to_position (session, m->first + m->count - 1));
      g_autofree char *from = first ? yp_format_event_date (first) : g_strdup ("");
      g_autofree char *to = last ? yp_format_event_date (last) : g_strdup ("");

      return g_strdup_printf (ngettext ("%u event, from %s to %s", "%u events, from %s to %s", m->count),
                              m->count, from, to);
    }
  else
    {
      YpEvent *event = yp_timeline_event_at (session, m->first);
      g_autofree char *when = event ? yp_format_event_date (event) : g_strdup ("");

      /* Translators: a mark on the timeline: its date, then its title */
      return g_strdup_printf (_("%s: %s"), when, m->name ? m->name : "");
    }
}

static void
set_mark (YpTimelineMark            *self,
          YpSession                 *session,
          const YpTimelineFrameMark *m)
{
  gboolean same = self->first == m->first && self->count == m->count && self->name != NULL;

  self->first = m->first;
  self->count = m->count;
  self->rect = m->rect;
  /* Names are made again only for marks that changed: a pan moves most
   * marks without changing what they stand for. */
  if (!same)
    {
      g_free (self->name);
      self->name = mark_name (session, m);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, self->name, -1);
    }
  if (!same || self->selected != m->selected)
    {
      self->selected = m->selected;
      gtk_accessible_update_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_SELECTED, self->selected, -1);
    }
  /* What the mark's look says besides its name: hollow for a report not
   * confirmed, faded when a search does not find it. */
  {
    YpEvent *event = m->count == 1 ? yp_timeline_event_at (session, m->first) : NULL;
    const char *status = event != NULL ? yp_format_status (event) : NULL;
    const char *dimmed = m->dimmed ? _("Not among the search results") : NULL;
    g_autofree char *description = status && dimmed ? g_strdup_printf ("%s. %s", status, dimmed)
                                                    : g_strdup (status ? status : dimmed);

    if (g_strcmp0 (description, self->description) != 0)
      {
        g_free (self->description);
        self->description = g_steal_pointer (&description);
        if (self->description != NULL)
          gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                          self->description, -1);
        else
          gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      }
  }
}

static int
compare_marks (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  const YpTimelineFrame *frame = user_data;
  const YpTimelineFrameMark *ma = &g_array_index (frame->marks, YpTimelineFrameMark, *(const guint *) a);
  const YpTimelineFrameMark *mb = &g_array_index (frame->marks, YpTimelineFrameMark, *(const guint *) b);

  if (ma->time_start != mb->time_start)
    return ma->time_start < mb->time_start ? -1 : 1;
  if (ma->x != mb->x)
    return ma->x < mb->x ? -1 : 1;
  return ma->y > mb->y ? -1 : ma->y < mb->y;
}

/* Test-only: with YEONPYO_TEST_A11Y set, what each frame drew, one mark a
 * line in time order, so a test compares it with what a screen reader
 * reads. */
static void
dump_marks (const YpTimelineFrame *frame,
            const guint           *order)
{
  g_autoptr(GString) out = g_string_new ("yp-marks begin\n");

  for (guint i = 0; i < frame->marks->len; i++)
    {
      const YpTimelineFrameMark *m = &g_array_index (frame->marks, YpTimelineFrameMark, order[i]);

      g_string_append_printf (out, "%s\t%u\t%u\t%d\t%d\t%d\t%d\t%s\n",
                              m->count > 1 ? "cluster" : "event", m->first, m->count,
                              (int) m->rect.origin.x, (int) m->rect.origin.y,
                              (int) m->rect.size.width, (int) m->rect.size.height,
                              m->count > 1 ? "" : (m->name ? m->name : ""));
    }
  g_string_append (out, "yp-marks end\n");
  fputs (out->str, stderr);
  fflush (stderr);
}

/* GObject */

static void
yp_timeline_mark_finalize (GObject *object)
{
  YpTimelineMark *self = YP_TIMELINE_MARK (object);

  g_free (self->name);
  g_free (self->description);

  G_OBJECT_CLASS (yp_timeline_mark_parent_class)->finalize (object);
}

static void
yp_timeline_mark_class_init (YpTimelineMarkClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = yp_timeline_mark_finalize;

  /* Not "button": no background, border or padding, only a focus ring
   * (style.css). */
  gtk_widget_class_set_css_name (widget_class, "timelinemark");
}

static void
yp_timeline_mark_init (YpTimelineMark *self)
{
  /* The timeline handles the pointer (drag, click, tooltip) itself. */
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
  gtk_widget_set_focusable (GTK_WIDGET (self), FALSE);
  gtk_widget_set_focus_on_click (GTK_WIDGET (self), FALSE);
}

/* Public API */

guint
yp_timeline_mark_get_first (YpTimelineMark *self)
{
  g_return_val_if_fail (YP_IS_TIMELINE_MARK (self), 0);
  return self->first;
}

guint
yp_timeline_mark_get_count (YpTimelineMark *self)
{
  g_return_val_if_fail (YP_IS_TIMELINE_MARK (self), 0);
  return self->count;
}

gboolean
yp_timeline_marks_sync (GtkWidget             *timeline,
                        GPtrArray             *pool,
                        YpSession             *session,
                        const YpTimelineFrame *frame,
                        gboolean               restructure,
                        GCallback              clicked_cb,
                        gpointer               user_data)
{
  static int dump = -1;
  g_autofree guint *order = NULL;
  GtkRoot *root;
  GtkWidget *focus;
  gboolean had_focus = FALSE;
  guint n, used, current = 0;

  g_return_val_if_fail (GTK_IS_WIDGET (timeline), FALSE);

  n = frame != NULL ? frame->marks->len : 0;
  root = gtk_widget_get_root (timeline);
  focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  for (guint i = 0; i < pool->len && !had_focus; i++)
    had_focus = focus == g_ptr_array_index (pool, i);

  order = g_new (guint, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    order[i] = i;
  if (n > 1)
    g_qsort_with_data (order, n, sizeof (guint), compare_marks, (gpointer) frame);

  while (restructure && pool->len > n)
    {
      GtkWidget *w = g_ptr_array_steal_index (pool, pool->len - 1);

      gtk_widget_unparent (w);
    }
  while (restructure && pool->len < n)
    {
      GtkWidget *w = g_object_new (YP_TYPE_TIMELINE_MARK, NULL);

      g_signal_connect (w, "clicked", clicked_cb, user_data);
      gtk_widget_set_parent (w, timeline);
      g_ptr_array_add (pool, w);
    }

  used = MIN (n, pool->len);
  for (guint i = 0; i < used; i++)
    {
      const YpTimelineFrameMark *m = &g_array_index (frame->marks, YpTimelineFrameMark, order[i]);

      set_mark (g_ptr_array_index (pool, i), session, m);
      if (m->selected && !YP_TIMELINE_MARK (g_ptr_array_index (pool, current))->selected)
        current = i;
    }
  if (pool->len != n)
    return TRUE;

  /* Focusability queues a resize: not while the window is allocated. */
  for (guint i = 0; i < n; i++)
    if (gtk_widget_get_focusable (g_ptr_array_index (pool, i)) != (i == current))
      {
        if (!restructure)
          return TRUE;
        gtk_widget_set_focusable (g_ptr_array_index (pool, i), i == current);
      }
  if (had_focus && (n == 0 || focus != g_ptr_array_index (pool, current)))
    {
      /* Not while the window is being allocated. */
      if (!restructure)
        return TRUE;
      gtk_widget_grab_focus (n > 0 ? g_ptr_array_index (pool, current) : timeline);
    }

  if (dump < 0)
    dump = g_getenv ("YEONPYO_TEST_A11Y") != NULL;
  if (dump && frame != NULL)
    dump_marks (frame, order);
  return FALSE;
}

void
yp_timeline_marks_allocate (GPtrArray *pool)
{
  for (guint i = 0; i < pool->len; i++)
    {
      YpTimelineMark *mark = g_ptr_array_index (pool, i);
      const graphene_rect_t *r = &mark->rect;
      GtkAllocation a = { (int) floor (r->origin.x), (int) floor (r->origin.y),
                          MAX (1, (int) ceil (r->size.width)), MAX (1, (int) ceil (r->size.height)) };

      gtk_widget_size_allocate (GTK_WIDGET (mark), &a, -1);
    }
}

void
yp_timeline_marks_forget_names (GPtrArray *pool)
{
  for (guint i = 0; i < pool->len; i++)
    g_clear_pointer (&YP_TIMELINE_MARK (g_ptr_array_index (pool, i))->name, g_free);
}

void
yp_timeline_marks_clear (GPtrArray *pool)
{
  while (pool->len > 0)
    gtk_widget_unparent (g_ptr_array_steal_index (pool, pool->len - 1));
}

char *
yp_timeline_marks_describe (YpSession             *session,
                            const YpTimelineFrame *frame)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GString) eras = g_string_new (NULL);
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  double start, end;
  const gint64 *anchors;
  guint n, lo, hi, in_view;
  YpEvent *selected;

  if (session == NULL || frame == NULL)
    return NULL;

  /* The shown events' anchors are sorted: two binary searches count the
   * events in view. */
  start = yp_session_get_visible_start (session);
  end = yp_session_get_visible_end (session);
  anchors = yp_session_get_anchors (session, &n);
  lo = 0, hi = n;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (anchors[mid] < start) lo = mid + 1; else hi = mid;
    }
  in_view = lo;
  hi = n;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (anchors[mid] <= end) lo = mid + 1; else hi = mid;
    }
  in_view = lo - in_view;

  from = yp_format_instant ((gint64) start, NULL, YP_PRECISION_DAY, FALSE);
  to = yp_format_instant ((gint64) end, NULL, YP_PRECISION_DAY, FALSE);
  /* Translators: what the timeline shows: "Showing 17 November 2023 to
   * 23 November 2023, 25 events" */
  g_string_append_printf (text, ngettext ("Showing %s to %s, %u event", "Showing %s to %s, %u events", in_view),
                          from, to, in_view);

  for (guint i = 0; i < frame->eras->len; i++)
    {
      const YpTimelineFrameEra *e = &g_array_index (frame->eras, YpTimelineFrameEra, i);
      g_autoptr(YpEra) era = g_list_model_get_item (yp_record_get_eras (yp_session_get_record (session)), e->index);

      if (era != NULL)
        g_string_append_printf (eras, "%s%s", eras->len ? ", " : "", yp_era_get_name (era, yp_content_lang ()));
    }
  if (eras->len > 0)
    /* Translators: the eras the timeline shows, after what it shows */
    g_string_append_printf (text, _(". Eras: %s"), eras->str);

  selected = yp_session_get_selected (session);
  if (selected != NULL)
    {
      g_autofree char *when = yp_format_event_date (selected);

      g_string_append_printf (text, _(". Selected: %s, %s"), when, yp_event_get_title (selected, yp_content_lang ()));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}
