/* yp-timelinejs.h: reads a Knight Lab TimelineJS JSON document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "yp-record.h"
#include "yp-event-sink.h"

G_BEGIN_DECLS

/* The largest TimelineJS document read. A document is read a slide at a
 * time, never as one tree, so a load takes a small multiple of the file's
 * size (see docs/timelinejs.md): this limit bounds that memory too. */
#define YP_TIMELINEJS_MAX_BYTES (64 * 1024 * 1024)

/* Reads the TimelineJS document in @data (@length bytes; @path names it in
 * messages) into a record made of the same objects the Yeonpyo reader
 * makes: one event, one source (the slide's text and media as an article)
 * and one citation per slide, one era per TimelineJS era.
 *
 * Returns NULL and sets @error (YP_ERROR) only when @data is not a
 * TimelineJS document at all: too large, not UTF-8 text, not RFC 8259
 * JSON, not an object, or without an "events" array. Every other problem is
 * recorded in the record with its JSON path; a slide with an error is
 * skipped, one with only warnings is kept.
 *
 * @inputs, if not NULL, receives the absolute path of @path: a TimelineJS
 * document depends on no other file. */
YpRecord *yp_timelinejs_load_data     (const char  *path,
                                       const char  *data,
                                       gsize        length,
                                       GPtrArray  **inputs,
                                       GError     **error);

/* The same, from the document's tree (yp_json_doc_build_tree()), so a
 * file is parsed only once. */
YpRecord *yp_timelinejs_load_root     (const char  *path,
                                       JsonNode    *root,
                                       GPtrArray  **inputs,
                                       GError     **error);

/* The same, from a scanned document (yp-json-doc-private.h), one slide
 * at a time: with @sink (may be NULL), the slides go to it as they are
 * read, in the record's order, instead of into the record (see
 * YpEventSink). @doc's bytes must stay valid until it returns. */
typedef struct _YpJsonDoc YpJsonDoc;
YpRecord *yp_timelinejs_load_doc_streaming (YpJsonDoc    *doc,
                                            GPtrArray   **inputs,
                                            YpEventSink  *sink,
                                            GError      **error);

G_END_DECLS
