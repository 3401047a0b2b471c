/* yp-event-sink.h: where a reader can hand its events instead of keeping
 * them (the Yeonpyo reader streams a large timeline's events to the
 * cache this way)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "yp-event.h"
#include "yp-source.h"

G_BEGIN_DECLS

/* Where a load can hand its events instead of keeping them: a timeline of
 * a million events, kept as objects, took 500 MB before its cache was
 * written. Each function gets @user_data. */
typedef struct {
  /* Called once, before any event is read, with how many elements the
   * events array has, the size of the file being read, and the reader's
   * estimate of the memory its events (and the TimelineJS reader's
   * sources) would take if kept: whether to hand them to the sink. */
  gboolean (*begin)   (guint              n_events,
                       guint64            file_bytes,
                       guint64            kept_bytes,
                       gpointer           user_data);
  /* Each event that loads, in the record's order (yp_event_compare()):
   * @info is valid during the call only. FALSE with @error set stops
   * the load. */
  gboolean (*event)   (const YpEventInfo *info,
                       gpointer           user_data,
                       GError           **error);
  /* The events handed so far are to be dropped: they come again, in
   * order, from the first. At most once a load. */
  gboolean (*restart) (gpointer           user_data,
                       GError           **error);
  gpointer user_data;
  /* May be NULL. Called as the events are read, from the reading
   * thread: @done of @total steps of reading the events array, one an
   * element and pass (the same total throughout, @done never smaller
   * than before; the TimelineJS reader reads its slides twice). FALSE with
   * @error set stops the load: it was cancelled. Called whether or not
   * begin() took the events, so that any load can be followed and
   * stopped. */
  gboolean (*progress) (guint              done,
                        guint              total,
                        gpointer           user_data,
                        GError           **error);
  /* May be NULL. When begin() took the events, the TimelineJS reader
   * hands each slide's source here as it is read, in the record's order,
   * instead of keeping it (a source a slide is most of what a large
   * document would keep): @source is valid during the call only. FALSE
   * with @error set stops the load. */
  gboolean (*source)   (YpSource          *source,
                        gpointer           user_data,
                        GError           **error);
} YpEventSink;

G_END_DECLS
