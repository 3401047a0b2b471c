/* yp-json-doc-private.h: the JSON document scan, the second layer of the
 * readers
 *
 * Above the file's bytes (yp-file-bytes-private.h), below the readers
 * (yp-reader-private.h). It checks bytes before anything parses them,
 * scans the top level of a document without parsing it (the members of a
 * top-level object, each array's elements as byte ranges), and parses one
 * element at a time into a reused YpJsonTree (yp-json-fast.h): a timeline
 * of a million events is read without ever holding a tree of the file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "yp-json-fast.h"

G_BEGIN_DECLS

/* json-glib's parser recurses once per nested array or object. */
#define YP_JSON_MAX_NESTING 256

/* Checks bytes before anything parses them: not empty, at most @max, no
 * NUL byte, valid UTF-8, arrays and objects nested at most
 * YP_JSON_MAX_NESTING deep, every "\u" escape followed by four hex
 * digits. On failure sets @error to "PATH: message" (with the line and
 * byte offset where it applies) and returns FALSE. */
gboolean   yp_json_check_bytes       (const char  *path,
                                      const char  *data,
                                      gsize        length,
                                      gsize        max,
                                      GError     **error);

/* Whether every name and string in @node is UTF-8, whatever json-glib
 * made of its escapes; FALSE with @path (a scratch GString) holding the
 * JSON path of the first that is not. */
gboolean   yp_json_strings_are_utf8  (JsonNode    *node,
                                      GString     *path);

/* A JSON document whose top level has been scanned, not parsed. Borrows
 * the bytes it was made from. */
typedef struct _YpJsonDoc YpJsonDoc;
/* A member of the top-level object. */
typedef struct _YpJsonMember YpJsonMember;

typedef enum {
  YP_JSON_TOP_NULL,    /* nothing but spaces and comments, or null */
  YP_JSON_TOP_ARRAY,
  YP_JSON_TOP_VALUE,   /* a string, number or boolean */
  YP_JSON_TOP_OBJECT,
} YpJsonTop;

/* Checks @data as yp_json_check_bytes() does, with the limit
 * YP_FILE_MAX_BYTES, and scans its top level. Syntax errors found there
 * are reported as json-glib reports them ("not valid JSON:
 * <data>:LINE:COLUMN: Parse error: ..."), with the line and column in the
 * whole file; those inside an element are found when it is parsed. */
YpJsonDoc *yp_json_doc_scan          (const char  *path,
                                      const char  *data,
                                      gsize        length,
                                      GError     **error);
void       yp_json_doc_free          (YpJsonDoc   *doc);
const char *yp_json_doc_get_file     (YpJsonDoc   *doc);
YpJsonTop  yp_json_doc_get_top       (YpJsonDoc   *doc);
/* The top level as json-glib would hold it, each array member of an
 * object an empty placeholder. */
JsonNode  *yp_json_doc_get_top_node  (YpJsonDoc   *doc);
/* Whether the top-level object has @name, and whether its value is an
 * array (the last one, when a name is repeated: json-glib's rule). */
gboolean   yp_json_doc_has_member    (YpJsonDoc   *doc,
                                      const char  *name,
                                      gboolean    *is_array);
/* The member @name (its last occurrence), or NULL. */
const YpJsonMember *yp_json_doc_lookup (YpJsonDoc *doc,
                                        const char *name);
const char *yp_json_member_get_name  (const YpJsonMember *m);
gboolean   yp_json_member_is_array   (const YpJsonMember *m);
guint      yp_json_member_get_length (const YpJsonMember *m);

/* Parses every value, one element at a time; FALSE with @error set to
 * the first syntax error in the file. */
gboolean   yp_json_doc_check_syntax  (YpJsonDoc   *doc,
                                      GError     **error);
/* FALSE with @error set to the first syntax error, or else the first name
 * or string that is not UTF-8, in the file. */
gboolean   yp_json_doc_check_strings (YpJsonDoc   *doc,
                                      GError     **error);
/* Every element of an array a reader has not read (members not in @read,
 * and every occurrence of a repeated name but its last) must still be
 * valid JSON: FALSE with @error set when one is not. */
gboolean   yp_json_doc_check_unread  (YpJsonDoc          *doc,
                                      const char * const *read,
                                      GError            **error);

/* A pass over the elements of the array @m starts: elements are then read
 * in order with yp_json_doc_read_element(). */
void       yp_json_doc_start_pass    (YpJsonDoc          *doc,
                                      const YpJsonMember *m);
/* Element @index of the array @m, parsed into @tree (which it replaces):
 * NULL with @error set when it is not valid JSON (the whole file is
 * refused). @p receives its path, "name[index]". */
const YpJsonValue *yp_json_doc_read_element (YpJsonDoc          *doc,
                                             const YpJsonMember *m,
                                             guint               index,
                                             YpJsonTree         *tree,
                                             GString            *p,
                                             GError            **error);
/* Element @index of @m is about to be read out of the pass's order. */
void       yp_json_doc_read_out_of_order (YpJsonDoc          *doc,
                                          const YpJsonMember *m,
                                          guint               index);
/* Hands back what the document's bytes hold in memory, if they are a
 * mapped file: a reader is done with them. */
void       yp_json_doc_release       (YpJsonDoc   *doc);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (YpJsonDoc, yp_json_doc_free)

/* JSON paths: "[@index]", written at the end of @buf (returned: where it
 * starts); "@path[@index]" into @out. */
const char *yp_json_index_suffix     (char         buf[16],
                                      guint        index);
void       yp_json_path_set_index    (GString     *out,
                                      const char  *path,
                                      guint        index);

G_END_DECLS
