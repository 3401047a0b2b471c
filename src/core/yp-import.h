/* yp-import.h: opens a timeline file in whichever format it is written
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "yp-record.h"

G_BEGIN_DECLS

/* A timeline is text written by people. Anything larger is a mistake or
 * an attack: json-glib would hold all of it in memory as nodes. */
#define YP_IMPORT_MAX_BYTES   (64 * 1024 * 1024)
/* json-glib's parser recurses once per nested array or object. */
#define YP_IMPORT_MAX_NESTING 256

/* Reads @path and hands it to the reader for its format: a JSON object
 * with a "format" (or "sources") member goes to yp_loader_load_data(), one
 * with an "events" array to yp_timelinejs_load_data(). Returns NULL and
 * sets @error ("FILE: message") when the file cannot be read, is not JSON,
 * or is neither format; otherwise as the reader it chose. */
YpRecord *yp_import_load_file       (const char  *path,
                                     GPtrArray  **inputs,
                                     GError     **error);

/* Checks bytes meant for json-glib before it parses them: not empty, at
 * most YP_IMPORT_MAX_BYTES, no NUL byte, valid UTF-8, arrays and objects
 * nested at most YP_IMPORT_MAX_NESTING deep, every "\u" escape followed by
 * four hex digits. On failure sets @error to "PATH: message". */
gboolean  yp_import_check_json_bytes (const char  *path,
                                      const char  *data,
                                      gsize        length,
                                      GError     **error);

G_END_DECLS
