/* yp-session.c: what the timeline views show: the span, the window, the selection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The visible window is kept in view coordinates: time itself, or, in
 * story scale, time with the long empty stretches collapsed
 * (yp-story-scale.h). The getters and setters that take times convert;
 * the timeline works in view coordinates, the overview in time.
 */
#define G_LOG_DOMAIN "yp-session"

#include "config.h"

#include <math.h>
#include <string.h>

#include "yp-session.h"
#include "yp-story-scale.h"

/* The narrowest window: 20 ms, so that events a millisecond apart come
 * apart. */
#define MIN_VISIBLE_SPAN YP_TIME_SCALE_MIN_SPAN
/* The least room around the data, and around what is zoomed to. */
#define MIN_EXTENT       60.0
#define BOUNDS_MARGIN    0.04

struct _YpSession
{
  GObject     parent_instance;

  YpRecord   *record;
  const gint64 *anchors;    /* of the shown events, in model order: the
                             * event list's own when every event is
                             * shown, else own_anchors' */
  guint       n_anchors;
  GArray     *own_anchors;  /* gint64 */
  YpLanesIndex *lanes;      /* over anchors, made when first asked for */
  GArray     *shown;        /* guint: model position of each shown event */
  YpEventFilter filter;     /* borrowed sets, see yp_session_set_filter() */
  GHashTable *matches;      /* model positions (+1) matching the search, or NULL */
  GArray     *matched;      /* guint: the same positions, each once, in any order */
  YpTimeRange bounds;        /* in time */
  YpTimeRange view_bounds;   /* the same, in view coordinates */
  gboolean    story_wanted;  /* the story-scale property */
  YpStoryScale *story;       /* over the shown events; NULL: linear time */
  gboolean    story_current; /* story follows the shown events and story_wanted */
  int         bursty;        /* whether all the events are bursty; -1: not known yet */
  GArray     *view_anchors;  /* gint64: the anchors in view coordinates,
                              * or NULL in linear time */
  double      visible_start; /* view coordinates */
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
  PROP_STORY_SCALE,
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
  /* Events within a few seconds sit in the middle of the least room. */
  if (self->bounds.end - self->bounds.start < MIN_EXTENT)
    {
      double middle = (self->bounds.start + self->bounds.end) / 2;

      self->bounds.start = middle - MIN_EXTENT / 2;
      self->bounds.end = middle + MIN_EXTENT / 2;
    }
}

/* The narrowest window around @time: 20 ms, or wider
 * far from 1970, where a double cannot tell nearby instants apart (13.8
 * billion years ago it steps by 64 s). */
static double
min_visible_span (double time)
{
  return MAX (MIN_VISIBLE_SPAN, yp_time_scale_get_min_span_at (time));
}

static double
to_view (YpSession *self,
         double     time)
{
  return self->story != NULL ? yp_story_scale_to_view (self->story, time) : time;
}

static double
to_time (YpSession *self,
         double     view)
{
  return self->story != NULL ? yp_story_scale_to_time (self->story, view) : view;
}

/* The story scale of the shown events, when it is wanted and they are
 * bursty; the view anchors and bounds that follow from it. The visible
 * window is kept on the same times. Returns TRUE when the scale changed.
 * Nothing is made again while the shown events and the setting are those
 * it was made for (a window's first filter and setting both ask). */
static gboolean
compute_story (YpSession *self)
{
  double t0 = to_time (self, self->visible_start);
  double t1 = to_time (self, self->visible_end);
  gboolean had = self->story != NULL;
  g_autoptr(YpStoryScale) story = NULL;

  if (self->story_current)
    return FALSE;
  self->story_current = TRUE;
  if (self->story_wanted && self->shown->len >= 3)
    {
      story = yp_story_scale_new (self->anchors, self->n_anchors);
      if (!yp_story_scale_is_bursty (story))
        g_clear_pointer (&story, yp_story_scale_free);
    }
  /* Over all the events, that is the answer of yp_session_is_bursty():
   * a window asks for both at its start, over every event of a large
   * record. */
  if (self->story_wanted && self->shown->len == yp_event_list_get_size (event_list (self)))
    self->bursty = story != NULL;
  if (!had && story == NULL)
    return FALSE;

  g_clear_pointer (&self->story, yp_story_scale_free);
  g_clear_pointer (&self->view_anchors, g_array_unref);
  g_clear_pointer (&self->lanes, yp_lanes_index_free);
  self->story = g_steal_pointer (&story);
  if (self->story != NULL)
    {
      const gint64 *anchors = self->anchors;
      double first = G_MAXDOUBLE, last = -G_MAXDOUBLE, margin;

      self->view_anchors = g_array_sized_new (FALSE, FALSE, sizeof (gint64), self->n_anchors);
      g_array_set_size (self->view_anchors, self->n_anchors);
      for (guint i = 0; i < self->n_anchors; i++)
        g_array_index (self->view_anchors, gint64, i) = (gint64) floor (to_view (self, anchors[i]));
      /* The shown events' extent in view coordinates, and a margin of
       * the same share as in time. */
      /* (Anchors, not starts and ends: a month-long event would bring
       * back the room the breaks took away.) */
      for (guint i = 0; i < self->n_anchors; i++)
        {
          first = MIN (first, to_view (self, anchors[i]));
          last = MAX (last, to_view (self, anchors[i]));
        }
      margin = MAX ((last - first) * BOUNDS_MARGIN, MIN_EXTENT);
      self->view_bounds.start = first - margin;
      self->view_bounds.end = last + margin;
    }
  else
    self->view_bounds = self->bounds;
  /* The same times as before, as far as the new bounds allow. */
  self->visible_start = to_view (self, t0);
  self->visible_end = to_view (self, t1);
  {
    YpTimeScale scale;
    double span = CLAMP (self->visible_end - self->visible_start, MIN_VISIBLE_SPAN,
                         self->view_bounds.end - self->view_bounds.start);

    yp_time_scale_init (&scale, self->visible_start, self->visible_start + span, 1000);
    yp_time_scale_clamp (&scale, &self->view_bounds);
    self->visible_start = scale.start;
    self->visible_end = scale.end;
  }
  return TRUE;
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

  self->story_current = FALSE;
  /* Out, then in, as two changes: GTK 4.8's list views ask a model for
   * every item added in a change that also removed items (to find the
   * widgets of moved ones), which would make every event's object. */
  g_array_set_size (self->shown, 0);
  self->n_anchors = 0;
  g_clear_pointer (&self->lanes, yp_lanes_index_free);
  if (removed > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, 0);
  g_array_unref (self->shown);
  self->shown = g_steal_pointer (&shown);
  /* Every event, in order (a filter keeps positions in order): the
   * list's own anchors, not a copy (0.8 MB at 100,000 events). */
  if (self->shown->len == yp_event_list_get_size (events))
    {
      g_array_unref (self->own_anchors);
      self->own_anchors = g_array_new (FALSE, FALSE, sizeof (gint64));
      self->anchors = anchors;
    }
  else
    {
      g_array_set_size (self->own_anchors, self->shown->len);
      for (guint i = 0; i < self->shown->len; i++)
        g_array_index (self->own_anchors, gint64, i) = anchors[g_array_index (self->shown, guint, i)];
      self->anchors = (const gint64 *) (gpointer) self->own_anchors->data;
    }
  self->n_anchors = self->shown->len;
  if (self->shown->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, self->shown->len);
}

static void
yp_session_finalize (GObject *object)
{
  YpSession *self = (YpSession *) object;

  g_clear_pointer (&self->shown, g_array_unref);
  g_clear_pointer (&self->matches, g_hash_table_unref);
  g_clear_pointer (&self->matched, g_array_unref);

  g_clear_object (&self->selected);
  g_clear_object (&self->record);
  g_clear_pointer (&self->lanes, yp_lanes_index_free);
  g_clear_pointer (&self->own_anchors, g_array_unref);
  g_clear_pointer (&self->view_anchors, g_array_unref);
  g_clear_pointer (&self->story, yp_story_scale_free);

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
    case PROP_STORY_SCALE:
      g_value_set_boolean (value, self->story_wanted);
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
    case PROP_STORY_SCALE:
      yp_session_set_story_scale (self, g_value_get_boolean (value));
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
  self->view_bounds = self->bounds;
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
  /**
   * YpSession:story-scale:
   *
   * Whether long stretches without events are collapsed when the shown
   * events are bursty (yp-story-scale.h). Off by default: linear time.
   */
  properties[PROP_STORY_SCALE] =
    g_param_spec_boolean ("story-scale", NULL, NULL, FALSE,
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
  self->own_anchors = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->shown = g_array_new (FALSE, FALSE, sizeof (guint));
  self->bursty = -1;
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
    *n_anchors = self->n_anchors;
  return self->anchors;
}

YpLanesIndex *
yp_session_get_lanes_index (YpSession *self)
{
  g_return_val_if_fail (YP_IS_SESSION (self), NULL);

  if (self->lanes == NULL)
    {
      guint n;
      const gint64 *anchors = yp_session_get_view_anchors (self, &n);

      self->lanes = yp_lanes_index_new (anchors, n);
    }
  return self->lanes;
}

void
yp_session_get_bounds (YpSession   *self,
                       YpTimeRange *bounds)
{
  g_return_if_fail (YP_IS_SESSION (self));
  bounds->start = to_time (self, self->view_bounds.start);
  bounds->end = to_time (self, self->view_bounds.end);
}

double
yp_session_get_visible_start (YpSession *self)
{
  g_return_val_if_fail (YP_IS_SESSION (self), 0);
  return to_time (self, self->visible_start);
}

double
yp_session_get_visible_end (YpSession *self)
{
  g_return_val_if_fail (YP_IS_SESSION (self), 0);
  return to_time (self, self->visible_end);
}

void
yp_session_set_visible (YpSession *self,
                        double     start,
                        double     end)
{
  g_return_if_fail (YP_IS_SESSION (self));

  if (!isfinite (start) || !isfinite (end))
    return;
  yp_session_set_view (self, to_view (self, start), to_view (self, end));
}

void
yp_session_set_view (YpSession *self,
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
                self->view_bounds.end - self->view_bounds.start);
  start = start + (end - start) / 2 - span / 2;
  yp_time_scale_init (&scale, start, start + span, 1000);
  yp_time_scale_clamp (&scale, &self->view_bounds);

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
  anchor = to_view (self, anchor);
  start = anchor - (anchor - self->visible_start) / factor;
  end = anchor + (self->visible_end - anchor) / factor;
  yp_session_set_view (self, start, end);
}

void
yp_session_pan (YpSession *self,
                double     seconds)
{
  g_return_if_fail (YP_IS_SESSION (self));
  yp_session_set_view (self, self->visible_start + seconds, self->visible_end + seconds);
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
  start = to_view (self, start);
  end = to_view (self, end);
  pad = MAX ((end - start) * margin, MIN_EXTENT / 2);
  yp_session_set_view (self, start - pad, end + pad);
}

/* The positions of the matches that are shown; all the shown ones when
 * there is no search. A search's matches are looked up among the shown
 * events, not the other way round: a keystroke's few hundred matches, not
 * every event of a large record. */
static GArray *
shown_matches (YpSession *self)
{
  GArray *positions;

  if (self->matched == NULL)
    return g_array_ref (self->shown);
  positions = g_array_sized_new (FALSE, FALSE, sizeof (guint), self->matched->len);
  for (guint i = 0; i < self->matched->len; i++)
    {
      guint p = g_array_index (self->matched, guint, i);

      if (yp_session_position_to_shown (self, p) != G_MAXUINT)
        g_array_append_val (positions, p);
    }
  return positions;
}

/* The first start and last end of the shown events, or of the shown
 * matches, in time; FALSE when there is none. */
static gboolean
shown_extent (YpSession *self,
              gboolean   only_matches,
              double    *first,
              double    *last)
{
  YpEventList *events = event_list (self);
  const gint64 *starts = yp_event_list_get_starts (events);
  const gint64 *ends = yp_event_list_get_ends (events);
  g_autoptr(GArray) positions = NULL;

  if (only_matches && self->matched == NULL)
    return FALSE;
  positions = only_matches ? shown_matches (self) : g_array_ref (self->shown);
  *first = G_MAXDOUBLE;
  *last = -G_MAXDOUBLE;
  for (guint i = 0; i < positions->len; i++)
    {
      guint p = g_array_index (positions, guint, i);

      *first = MIN (*first, starts[p]);
      *last = MAX (*last, ends[p]);
    }
  return positions->len > 0;
}

/* Events within a day of each other are shown with the day around them. */
static void
zoom_to_extent (YpSession *self,
                double     first,
                double     last,
                double     margin)
{
  if (last - first < YP_TIME_SCALE_INSTANT_SPAN)
    {
      double mid = (first + last) / 2;

      first = mid - YP_TIME_SCALE_INSTANT_SPAN / 2;
      last = mid + YP_TIME_SCALE_INSTANT_SPAN / 2;
    }
  yp_session_zoom_to (self, first, last, margin);
}

void
yp_session_zoom_to_fit (YpSession *self)
{
  double first, last;

  g_return_if_fail (YP_IS_SESSION (self));

  /* With a filter on, the events it keeps, spread out; else everything,
   * eras included. */
  if (self->shown->len < yp_event_list_get_size (event_list (self)) &&
      shown_extent (self, FALSE, &first, &last))
    zoom_to_extent (self, first, last, BOUNDS_MARGIN);
  else
    yp_session_set_view (self, self->view_bounds.start, self->view_bounds.end);
}

gboolean
yp_session_zoom_to_matches (YpSession *self)
{
  double first, last;

  g_return_val_if_fail (YP_IS_SESSION (self), FALSE);

  if (!shown_extent (self, TRUE, &first, &last))
    return FALSE;
  zoom_to_extent (self, first, last, 0.08);
  return TRUE;
}

guint
yp_session_count_matches_in_view (YpSession *self)
{
  const gint64 *anchors;
  double t0, t1;
  g_autoptr(GArray) positions = NULL;
  guint n = 0;

  g_return_val_if_fail (YP_IS_SESSION (self), 0);

  anchors = yp_event_list_get_anchors (event_list (self));
  t0 = yp_session_get_visible_start (self);
  t1 = yp_session_get_visible_end (self);
  positions = shown_matches (self);
  for (guint i = 0; i < positions->len; i++)
    {
      guint p = g_array_index (positions, guint, i);

      if (anchors[p] >= t0 && anchors[p] <= t1)
        n++;
    }
  return n;
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
  /* However it was selected, the event comes into view (the timeline
   * then draws it labelled, yp-timeline-layout.c). */
  if (event != NULL && yp_session_is_shown (self, event))
    yp_session_reveal (self, yp_event_get_anchor_precise (event));
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

  time = to_view (self, time);
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
  yp_session_reveal (self, yp_event_get_anchor_precise (event));
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
  /* The story scale follows what is shown: a filter's events spread out. */
  if (compute_story (self))
    g_signal_emit (self, signals[VISIBLE_CHANGED], 0);
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
  g_clear_pointer (&self->matched, g_array_unref);
  if (positions != NULL)
    {
      self->matches = g_hash_table_new (NULL, NULL);
      self->matched = g_array_sized_new (FALSE, FALSE, sizeof (guint), n_positions);
      for (guint i = 0; i < n_positions; i++)
        if (g_hash_table_add (self->matches, GUINT_TO_POINTER (positions[i] + 1)))
          g_array_append_val (self->matched, positions[i]);
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

void
yp_session_set_story_scale (YpSession *self,
                            gboolean   story_scale)
{
  g_return_if_fail (YP_IS_SESSION (self));

  story_scale = !!story_scale;
  if (self->story_wanted == story_scale)
    return;
  self->story_wanted = story_scale;
  self->story_current = FALSE;
  if (compute_story (self))
    g_signal_emit (self, signals[VISIBLE_CHANGED], 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORY_SCALE]);
}

gboolean
yp_session_get_story_scale (YpSession *self)
{
  g_return_val_if_fail (YP_IS_SESSION (self), FALSE);
  return self->story_wanted;
}

const YpStoryScale *
yp_session_get_story (YpSession *self)
{
  g_return_val_if_fail (YP_IS_SESSION (self), NULL);
  return self->story;
}

gboolean
yp_session_is_bursty (YpSession *self)
{
  YpEventList *events;
  g_autoptr(YpStoryScale) story = NULL;

  g_return_val_if_fail (YP_IS_SESSION (self), FALSE);

  if (self->bursty < 0)
    {
      events = event_list (self);
      story = yp_story_scale_new (yp_event_list_get_anchors (events), yp_event_list_get_size (events));
      self->bursty = yp_story_scale_is_bursty (story);
    }
  return self->bursty;
}

double
yp_session_time_to_view (YpSession *self,
                         double     time)
{
  g_return_val_if_fail (YP_IS_SESSION (self), time);
  return to_view (self, time);
}

double
yp_session_view_to_time (YpSession *self,
                         double     view)
{
  g_return_val_if_fail (YP_IS_SESSION (self), view);
  return to_time (self, view);
}

double
yp_session_get_view_start (YpSession *self)
{
  g_return_val_if_fail (YP_IS_SESSION (self), 0);
  return self->visible_start;
}

double
yp_session_get_view_end (YpSession *self)
{
  g_return_val_if_fail (YP_IS_SESSION (self), 0);
  return self->visible_end;
}

void
yp_session_get_view_bounds (YpSession   *self,
                            YpTimeRange *bounds)
{
  g_return_if_fail (YP_IS_SESSION (self));
  *bounds = self->view_bounds;
}

const gint64 *
yp_session_get_view_anchors (YpSession *self,
                             guint     *n_anchors)
{
  g_return_val_if_fail (YP_IS_SESSION (self), NULL);

  if (self->view_anchors == NULL)
    return yp_session_get_anchors (self, n_anchors);
  if (n_anchors)
    *n_anchors = self->view_anchors->len;
  return (const gint64 *) (gpointer) self->view_anchors->data;
}
