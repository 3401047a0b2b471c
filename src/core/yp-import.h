/* yp-import.h: opens a timeline file in whichever format it is written
 *
 * The entry point of the readers: it reads the file's bytes, scans the
 * JSON document, and hands it to the Yeonpyo reader or the TimelineJS
 * reader.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "yp-record.h"
#include "yp-yeonpyo-reader.h"

G_BEGIN_DECLS

/* Reads @path and hands it to the reader for its format: a JSON object
 * with a "format" (or "sources") member goes to the Yeonpyo reader, which
 * streams it, one with an "events" array to the TimelineJS reader, which
 * takes one json-glib tree (at most YP_TIMELINEJS_MAX_BYTES). Returns NULL
 * and sets @error ("FILE: message") when the file cannot be read, is not
 * JSON, or is neither format; otherwise as the reader it chose. */
YpRecord *yp_import_load_file       (const char  *path,
                                     GPtrArray  **inputs,
                                     GError     **error);
/* The same, the events handed to @sink as they are read, if its begin()
 * takes them, and a TimelineJS document's sources too if it has a
 * source() (see YpEventSink). */
YpRecord *yp_import_load_file_streaming (const char  *path,
                                         GPtrArray  **inputs,
                                         YpEventSink *sink,
                                         GError     **error);

G_END_DECLS
