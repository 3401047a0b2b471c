/* yp-loader.h: reads and checks a Yeonpyo timeline file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "yp-record.h"

G_BEGIN_DECLS

#define YP_TIMELINE_FORMAT  "yeonpyo-timeline"

/* A timeline is text written by people: anything larger is a mistake or
 * an attack, and json-glib would hold all of it in memory as nodes. */
#define YP_TIMELINE_MAX_BYTES   (64 * 1024 * 1024)
/* json-glib's parser recurses once per nested array or object. */
#define YP_TIMELINE_MAX_NESTING 256
#define YP_TIMELINE_VERSION 1

/* Loads @path. Returns NULL and sets @error only when nothing at all can be
 * loaded (the file is missing or unreadable, is not JSON, or is not a
 * timeline); every other problem is recorded in the record with its JSON
 * path, and the item it concerns is skipped (errors) or kept (warnings).
 *
 * @inputs, if not NULL, receives the absolute paths of every file the
 * result depends on: the timeline file first, then the source files. */
YpRecord *yp_loader_load_file (const char  *path,
                               GPtrArray  **inputs,
                               GError     **error);

/* The same, from bytes already in memory; @path names them in messages and
 * is the base for the sources' relative file names. */
YpRecord *yp_loader_load_data (const char  *path,
                               const char  *data,
                               gsize        length,
                               GPtrArray  **inputs,
                               GError     **error);

/* The same, from the document json-glib has already parsed from checked
 * bytes (yp_loader_check_json_bytes()): a file is parsed only once, as the
 * tree of a large one takes many times its size in memory. */
YpRecord *yp_loader_load_root (const char  *path,
                               JsonNode    *root,
                               GPtrArray  **inputs,
                               GError     **error);

/* For the readers of every format: sets @error to "FILE: message" (the
 * message made valid UTF-8, as json-glib quotes bytes it could not parse)
 * when a file cannot be loaded at all, and returns FALSE. */
gboolean  yp_loader_fail      (GError     **error,
                               const char  *file,
                               const char  *format,
                               ...) G_GNUC_PRINTF (3, 4);

/* Checks bytes meant for json-glib before it parses them, for any
 * timeline format: not empty, at most YP_TIMELINE_MAX_BYTES, no NUL byte,
 * valid UTF-8, arrays and objects nested at most YP_TIMELINE_MAX_NESTING
 * deep, every "\u" escape followed by four hex digits. On failure sets
 * @error to "PATH: message" (with the line and byte offset where it
 * applies) and returns FALSE. */
gboolean  yp_loader_check_json_bytes (const char  *path,
                                      const char  *data,
                                      gsize        length,
                                      GError     **error);

G_END_DECLS
