/* yp-session.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "yp-session"

#include "config.h"

#include <math.h>
#include <string.h>

#include "yp-session.h"

#define MIN_VISIBLE_SPAN 60.0
#define BOUNDS_MARGIN    0.04

struct _YpSession
{
  GObject     parent_instance;

  YpRecord   *record;
  GArray     *anchors;      /* gint64, of the shown events, in model order */
  YpLanesIndex *lanes;      /* over anchors, made when first asked for */
  GArray     *shown;        /* guint: model position of each shown event */
  YpEventFilter filter;     /* borrowed sets, see yp_session_set_filter() */
  GHashTable *matches;      /* model positions (+1) matching the search, or NULL */
  YpTimeRange bounds;
  double      visible_start;
  double      visible_end;
  YpEvent    *selected;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (YpSession, yp_session, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_RECORD,
  PROP_SELECTED,
  N_PROPS
};

enum {
  VISIBLE_CHANGED,
  FILTER_CHANGED,
  MATCHES_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* As a list model: the shown events, in date order. */

static GType
get_item_type (GListModel *model)
{
  return YP_TYPE_EVENT;
}

static guint
get_n_items (GListModel *model)
{
  return YP_SESSION (model)->shown->len;
}

static gpointer
get_item (GListModel *model,
          guint       index)
{
  YpSession *self = YP_SESSION (model);

  if (index >= self->shown->len)
    return NULL;
  return g_list_model_get_item (yp_record_get_events (self->record), g_array_index (self->shown, guint, index));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static YpEventList *
event_list (YpSession *self)
{
  return YP_EVENT_LIST (yp_record_get_events (self->record));
}

static void
compute_bounds (YpSession *self)
{
  YpEventList *events = event_list (self);
  GListModel *eras = yp_record_get_eras (self->record);
  guint n = yp_event_list_get_size (events);
  const gint64 *starts = yp_event_list_get_starts (events);
  const gint64 *ends = yp_event_list_get_ends (events);
  gint64 first = G_MAXINT64, last = G_MININT64;

  /* From the list's arrays: no event object is made. */
  for (guint i = 0; i < n; i++)
    {
      first = MIN (first, starts[i]);
      last = MAX (last, ends[i]);
    }
  for (guint i = 0; i < g_list_model_get_n_items (eras); i++)
    {
      g_autoptr(YpEra) era = g_list_model_get_item (eras, i);

      first = MIN (first, yp_era_get_start (era));
      last = MAX (last, yp_era_get_end (era));
    }
  if (first > last)
    {
      /* Nothing dated: show today. */
      first = g_get_real_time () / G_USEC_PER_SEC;
      last = first + 86400;
    }
  yp_time_range_init_for_data (&self->bounds, first, last, BOUNDS_MARGIN);
  if (self->bounds.end - self->bounds.start < MIN_VISIBLE_SPAN)
    self->bounds.end = self->bounds.start + MIN_VISIBLE_SPAN;
}

/* The narrowest window around @time: a minute, or wider far from 1970,
 * where a double cannot tell nearby seconds apart (13.8 billion years
 * ago it steps by 64 s). */
static double
min_visible_span (double time)
{
  return MAX (MIN_VISIBLE_SPAN, yp_time_scale_get_min_span_at (time));
}

/* The shown events: all of them, or those the filter keeps. */
static void
compute_shown (YpSession *self)
{
  YpEventList *events = event_list (self);
  const gint64 *anchors = yp_event_list_get_anchors (events);
  g_autoptr(GArray) shown = yp_event_list_filter (events, &self->filter);
  guint removed = self->shown->len;

  if (shown->len == self->shown->len &&
      (shown->len == 0 || memcmp (shown->data, self->shown->data, shown->len * sizeof (guint)) == 0))
    return;

  /* Out, then in, as two changes: GTK 4.8's list views ask a model for
   * every item added in a change that also removed items (to find the
   * widgets of moved ones), which would make every event's object. */
  g_array_set_size (self->shown, 0);
  g_array_set_size (self->anchors, 0);
  g_clear_pointer (&self->lanes, yp_lanes_index_free);
  if (removed > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, 0);
  g_array_unref (self->shown);
  self->shown = g_steal_pointer (&shown);
  g_array_set_size (self->anchors, self->shown->len);
  for (guint i = 0; i < self->shown->len; i++)
    g_array_index (self->anchors, gint64, i) = anchors[g_array_index (self->shown, guint, i)];
  if (self->shown->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, self->shown->len);
}

static void
yp_session_finalize (GObject *object)
{
  YpSession *self = (YpSession *) object;

  g_clear_pointer (&self->shown, g_array_unref);
  g_clear_pointer (&self->matches, g_hash_table_unref);

  g_clear_object (&self->selected);
  g_clear_object (&self->record);
  g_clear_pointer (&self->lanes, yp_lanes_index_free);
  g_clear_pointer (&self->anchors, g_array_unref);

  G_OBJECT_CLASS (yp_session_parent_class)->finalize (object);
}

static void
yp_session_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  YpSession *self = YP_SESSION (object);

  switch (prop_id)
    {
    case PROP_RECORD:
      g_value_set_object (value, self->record);
      break;
    case PROP_SELECTED:
      g_value_set_object (value, self->selected);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yp_session_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  YpSession *self = YP_SESSION (object);

  switch (prop_id)
    {
    case PROP_RECORD:
      self->record = g_value_dup_object (value);
      break;
    case PROP_SELECTED:
      yp_session_select (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yp_session_constructed (GObject *object)
{
  YpSession *self = YP_SESSION (object);

  G_OBJECT_CLASS (yp_session_parent_class)->constructed (object);

  if (self->record == NULL)
    self->record = yp_record_new ();
  compute_bounds (self);
  compute_shown (self);
  self->visible_start = self->bounds.start;
  self->visible_end = self->bounds.end;
}

static void
yp_session_class_init (YpSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = yp_session_constructed;
  object_class->finalize = yp_session_finalize;
  object_class->get_property = yp_session_get_property;
  object_class->set_property = yp_session_set_property;

  properties[PROP_RECORD] =
    g_param_spec_object ("record", NULL, NULL, YP_TYPE_RECORD,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED] =
    g_param_spec_object ("selected", NULL, NULL, YP_TYPE_EVENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * YpSession::visible-changed:
   *
   * The visible window moved or changed size: one emission per change.
   */
  signals[VISIBLE_CHANGED] =
    g_signal_new ("visible-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * YpSession::filter-changed:
   *
   * The set of shown events changed.
   */
  signals[FILTER_CHANGED] =
    g_signal_new ("filter-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * YpSession::matches-changed:
   *
   * A search started, ended or found other events.
   */
  signals[MATCHES_CHANGED] =
    g_signal_new ("matches-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
yp_session_init (YpSession *self)
{
  self->anchors = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->shown = g_array_new (FALSE, FALSE, sizeof (guint));
}

YpSession *
yp_session_new (YpRecord *record)
{
  return g_object_new (YP_TYPE_SESSION, "record", record, NULL);
}

YpRecord *
yp_session_get_record (YpSession *self)
{
  g_return_val_if_fail (YP_IS_SESSION (self), NULL);
  return self->record;
}

GListModel *
yp_session_get_events (YpSession *self)
{
  g_return_val_if_fail (YP_IS_SESSION (self), NULL);
  return yp_record_get_events (self->record);
}

const gint64 *
yp_session_get_anchors (YpSession *self,
                        guint     *n_anchors)
{
  g_return_val_if_fail (YP_IS_SESSION (self), NULL);

  if (n_anchors)
    *n_anchors = self->anchors->len;
  return (const gint64 *) (gpointer) self->anchors->data;
}

YpLanesIndex *
yp_session_get_lanes_index (YpSession *self)
{
  g_return_val_if_fail (YP_IS_SESSION (self), NULL);

  if (self->lanes == NULL)
    self->lanes = yp_lanes_index_new ((const gint64 *) (gpointer) self->anchors->data, self->anchors->len);
  return self->lanes;
}

void
yp_session_get_bounds (YpSession   *self,
                       YpTimeRange *bounds)
{
  g_return_if_fail (YP_IS_SESSION (self));
  *bounds = self->bounds;
}

double
yp_session_get_visible_start (YpSession *self)
{
  g_return_val_if_fail (YP_IS_SESSION (self), 0);
  return self->visible_start;
}

double
yp_session_get_visible_end (YpSession *self)
{
  g_return_val_if_fail (YP_IS_SESSION (self), 0);
  return self->visible_end;
}

void
yp_session_set_visible (YpSession *self,
                        double     start,
                        double     end)
{
  YpTimeScale scale;
  double span;

  g_return_if_fail (YP_IS_SESSION (self));

  if (!isfinite (start) || !isfinite (end))
    return;
  if (end < start)
    {
      double t = start;
      start = end;
      end = t;
    }
  span = CLAMP (end - start, min_visible_span (start + (end - start) / 2),
                self->bounds.end - self->bounds.start);
  start = start + (end - start) / 2 - span / 2;
  yp_time_scale_init (&scale, start, start + span, 1000);
  yp_time_scale_clamp (&scale, &self->bounds);

  if (scale.start == self->visible_start && scale.end == self->visible_end)
    return;
  self->visible_start = scale.start;
  self->visible_end = scale.end;
  g_signal_emit (self, signals[VISIBLE_CHANGED], 0);
}

void
yp_session_zoom (YpSession *self,
                 double     factor,
                 double     anchor)
{
  double start, end;

  g_return_if_fail (YP_IS_SESSION (self));

  if (!(factor > 0) || !isfinite (factor))
    return;
  /* Keep @anchor at the same fraction of the window, unless that would
   * make the window narrower than allowed. */
  if ((self->visible_end - self->visible_start) / factor < min_visible_span (anchor))
    factor = (self->visible_end - self->visible_start) / min_visible_span (anchor);
  if (factor <= 0)
    return;
  start = anchor - (anchor - self->visible_start) / factor;
  end = anchor + (self->visible_end - anchor) / factor;
  yp_session_set_visible (self, start, end);
}

void
yp_session_pan (YpSession *self,
                double     seconds)
{
  g_return_if_fail (YP_IS_SESSION (self));
  yp_session_set_visible (self, self->visible_start + seconds, self->visible_end + seconds);
}

void
yp_session_zoom_to (YpSession *self,
                    double     start,
                    double     end,
                    double     margin)
{
  double pad;

  g_return_if_fail (YP_IS_SESSION (self));

  if (end < start)
    {
      double t = start;
      start = end;
      end = t;
    }
  pad = MAX ((end - start) * margin, MIN_VISIBLE_SPAN / 2);
  yp_session_set_visible (self, start - pad, end + pad);
}

void
yp_session_zoom_to_fit (YpSession *self)
{
  g_return_if_fail (YP_IS_SESSION (self));
  yp_session_set_visible (self, self->bounds.start, self->bounds.end);
}

YpEvent *
yp_session_get_selected (YpSession *self)
{
  g_return_val_if_fail (YP_IS_SESSION (self), NULL);
  return self->selected;
}

guint
yp_session_get_selected_position (YpSession *self)
{
  g_return_val_if_fail (YP_IS_SESSION (self), G_MAXUINT);

  if (self->selected == NULL)
    return G_MAXUINT;
  return yp_record_get_event_position (self->record, self->selected);
}

void
yp_session_select (YpSession *self,
                   YpEvent   *event)
{
  g_return_if_fail (YP_IS_SESSION (self));
  g_return_if_fail (event == NULL || YP_IS_EVENT (event));

  /* Only events of this record can be selected. */
  if (event != NULL && yp_record_get_event_position (self->record, event) == G_MAXUINT)
    return;
  if (g_set_object (&self->selected, event))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

void
yp_session_select_position (YpSession *self,
                            guint      position)
{
  g_autoptr(YpEvent) event = NULL;

  g_return_if_fail (YP_IS_SESSION (self));

  event = g_list_model_get_item (yp_record_get_events (self->record), position);
  yp_session_select (self, event);
}

void
yp_session_reveal (YpSession *self,
                   double     time)
{
  double span, margin;

  g_return_if_fail (YP_IS_SESSION (self));

  span = self->visible_end - self->visible_start;
  margin = span * 0.08;
  if (time < self->visible_start + margin)
    yp_session_pan (self, time - (self->visible_start + margin));
  else if (time > self->visible_end - margin)
    yp_session_pan (self, time - (self->visible_end - margin));
}

gboolean
yp_session_select_step (YpSession *self,
                        int        step)
{
  guint n, pos;
  g_autoptr(YpEvent) event = NULL;

  g_return_val_if_fail (YP_IS_SESSION (self), FALSE);

  /* Steps go through the shown events only. */
  n = self->shown->len;
  if (n == 0)
    return FALSE;
  pos = yp_session_get_selected_position (self);
  if (pos == G_MAXUINT)
    pos = step > 0 ? 0 : n - 1;
  else
    {
      guint i = 0;

      /* The shown index of the selection, or where it would be. */
      while (i < n && g_array_index (self->shown, guint, i) < pos)
        i++;
      if (step > 0)
        {
          if (i < n && g_array_index (self->shown, guint, i) == pos)
            i++;
          if (i >= n)
            return FALSE;
          pos = i;
        }
      else
        {
          if (i == 0)
            return FALSE;
          pos = i - 1;
        }
    }

  event = g_list_model_get_item (yp_record_get_events (self->record),
                                 g_array_index (self->shown, guint, pos));
  yp_session_select (self, event);
  yp_session_reveal (self, yp_event_get_anchor (event));
  return TRUE;
}

guint
yp_session_shown_to_position (YpSession *self,
                              guint      index)
{
  g_return_val_if_fail (YP_IS_SESSION (self), G_MAXUINT);
  g_return_val_if_fail (index < self->shown->len, G_MAXUINT);
  return g_array_index (self->shown, guint, index);
}

guint
yp_session_get_n_shown (YpSession *self)
{
  g_return_val_if_fail (YP_IS_SESSION (self), 0);
  return self->shown->len;
}

void
yp_session_set_filter (YpSession           *self,
                       const YpEventFilter *filter)
{
  g_return_if_fail (YP_IS_SESSION (self));

  if (filter != NULL)
    self->filter = *filter;
  else
    memset (&self->filter, 0, sizeof self->filter);
  yp_session_refilter (self);
}

void
yp_session_refilter (YpSession *self)
{
  g_return_if_fail (YP_IS_SESSION (self));

  compute_shown (self);
  if (self->selected != NULL && !yp_session_is_shown (self, self->selected))
    yp_session_select (self, NULL);
  g_signal_emit (self, signals[FILTER_CHANGED], 0);
}

gboolean
yp_session_is_shown (YpSession *self,
                     YpEvent   *event)
{
  g_return_val_if_fail (YP_IS_SESSION (self), FALSE);
  g_return_val_if_fail (YP_IS_EVENT (event), FALSE);

  return yp_session_position_to_shown (self, yp_record_get_event_position (self->record, event)) != G_MAXUINT;
}

guint
yp_session_position_to_shown (YpSession *self,
                              guint      position)
{
  guint lo = 0, hi;

  g_return_val_if_fail (YP_IS_SESSION (self), G_MAXUINT);

  /* The shown positions are ascending. */
  hi = self->shown->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      guint at = g_array_index (self->shown, guint, mid);

      if (at == position)
        return mid;
      if (at < position)
        lo = mid + 1;
      else
        hi = mid;
    }
  return G_MAXUINT;
}

void
yp_session_set_matches (YpSession   *self,
                        const guint *positions,
                        guint        n_positions)
{
  g_return_if_fail (YP_IS_SESSION (self));

  g_clear_pointer (&self->matches, g_hash_table_unref);
  if (positions != NULL)
    {
      self->matches = g_hash_table_new (NULL, NULL);
      for (guint i = 0; i < n_positions; i++)
        g_hash_table_add (self->matches, GUINT_TO_POINTER (positions[i] + 1));
    }
  g_signal_emit (self, signals[MATCHES_CHANGED], 0);
}

gboolean
yp_session_has_search (YpSession *self)
{
  g_return_val_if_fail (YP_IS_SESSION (self), FALSE);
  return self->matches != NULL;
}

gboolean
yp_session_is_dimmed (YpSession *self,
                      guint      position)
{
  g_return_val_if_fail (YP_IS_SESSION (self), FALSE);
  return self->matches != NULL && !g_hash_table_contains (self->matches, GUINT_TO_POINTER (position + 1));
}
