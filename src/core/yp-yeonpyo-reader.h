/* yp-yeonpyo-reader.h: reads and checks a Yeonpyo timeline file
 *
 * Most callers open files through yp-import.h, which picks the reader for
 * the file's format; this reader's entry points are for what is known to
 * be a Yeonpyo timeline.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "yp-event-sink.h"
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

G_END_DECLS
