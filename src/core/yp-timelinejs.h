/* yp-timelinejs.h: reads a Knight Lab TimelineJS JSON document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "yp-record.h"

G_BEGIN_DECLS

/* Reads the TimelineJS document in @data (@length bytes; @path names it in
 * messages) into a record made of the same objects the Yeonpyo loader
 * makes: one event, one source (the slide's text and media as an article)
 * and one citation per slide, one era per TimelineJS era.
 *
 * Returns NULL and sets @error only when @data is not a TimelineJS
 * document at all: too large, not UTF-8 text, nested too deep, not JSON,
 * not an object, or without an "events" array. Every other problem is
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

/* The same, from the document json-glib has already parsed from checked
 * bytes (yp_loader_check_json_bytes()), so a file is parsed only once. */
YpRecord *yp_timelinejs_load_root     (const char  *path,
                                       JsonNode    *root,
                                       GPtrArray  **inputs,
                                       GError     **error);

/* The text a browser would show for the HTML fragment @html, as plain
 * lines: tags are dropped (<br>, <p>, <div>, <li>, <blockquote>, headings
 * and table rows end a line; <li> starts with "• "; <script> and <style>
 * are left out with their content), character references are decoded,
 * runs of white space become one space, and lines are trimmed and never
 * empty. Lines are joined by "\n". Never fails: malformed HTML (unclosed
 * tags, a stray "<", unknown entities) comes out as a browser would show
 * it, and the result is valid UTF-8. */
char     *yp_timelinejs_html_to_text  (const char  *html);

G_END_DECLS
