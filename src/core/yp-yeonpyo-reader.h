/* yp-yeonpyo-reader.h: reads and checks a Yeonpyo timeline file
 *
 * Most callers open files through yp-import.h, which picks the reader for
 * the file's format; this reader's entry points are for what is known to
 * be a Yeonpyo timeline.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "yp-event.h"
#include "yp-record.h"

G_BEGIN_DECLS

#define YP_TIMELINE_FORMAT  "yeonpyo-timeline"
#define YP_TIMELINE_VERSION 1

/* Loads @path. Returns NULL and sets @error only when nothing at all can be
 * loaded (the file is missing or unreadable, is not JSON, or is not a
 * timeline); every other problem is recorded in the record with its JSON
 * path, and the item it concerns is skipped (errors) or kept (warnings).
 *
 * @inputs, if not NULL, receives the absolute paths of every file the
 * result depends on: the timeline file first, then the source files. */
YpRecord *yp_yeonpyo_reader_load_file (const char  *path,
                                       GPtrArray  **inputs,
                                       GError     **error);
/* The same, from bytes already in memory; @path names them in messages and
 * is the base for the sources' relative file names. */
YpRecord *yp_yeonpyo_reader_load_data (const char  *path,
                                       const char  *data,
                                       gsize        length,
                                       GPtrArray  **inputs,
                                       GError     **error);

/* Where a load can hand its events instead of keeping them: a timeline of
 * a million events, kept as objects, took 500 MB before its cache was
 * written. Each function gets @user_data. */
typedef struct {
  /* Called once, before any event is read, with how many elements the
   * events array has: whether to hand them to the sink. */
  gboolean (*begin)   (guint              n_events,
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
   * thread: @done of @total elements of the events array (the same
   * total throughout, @done never smaller than before). FALSE with
   * @error set stops the load: it was cancelled. Called whether or not
   * begin() took the events, so that any load can be followed and
   * stopped. */
  gboolean (*progress) (guint              done,
                        guint              total,
                        gpointer           user_data,
                        GError           **error);
} YpEventSink;

G_END_DECLS
