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

#include "yp-error.h"
#include "yp-file-bytes-private.h"
#include "yp-json-fast.h"

G_BEGIN_DECLS

/* A JSON document whose top level has been scanned, not parsed. Borrows
 * the bytes it was made from. */
typedef struct _YpJsonDoc YpJsonDoc;
/* A member of the top-level object. */
typedef struct _YpJsonMember YpJsonMember;

typedef enum {
  YP_JSON_TOP_NULL,    /* null */
  YP_JSON_TOP_ARRAY,
  YP_JSON_TOP_VALUE,   /* a string, number or boolean */
  YP_JSON_TOP_OBJECT,
} YpJsonTop;

/* A top-level member that is not an array is parsed whole, into a tree
 * that takes 20 to 70 times its bytes; one over this many bytes is
 * refused (YP_ERROR_TOO_LARGE) before it is parsed. A timeline's are a
 * title and a few settings; its slides and events are arrays, read an
 * element at a time. */
#define YP_JSON_DOC_MEMBER_MAX (4 * 1024 * 1024)
/* A TimelineJS 2 document holds its slides in such a member,
 * "timeline": {"date": [...]}, which its reader maps onto TimelineJS 3
 * in memory, at about 80 times its bytes: up to 512 kB (a few thousand
 * slides) is read, within the 64 MB a first open may take for a small
 * file (docs/timelinejs.md). */
#define YP_JSON_DOC_TJS2_MAX   (512 * 1024)

/* Checks @data (not empty, at most @max, no NUL byte, valid UTF-8) and
 * scans its top level: RFC 8259 JSON, after an optional UTF-8 byte-order
 * mark. A fault is reported as "PATH:LINE:COLUMN: message (JSON path)"
 * with the code YP_ERROR_SYNTAX; one inside an element is found when the
 * element is parsed, and so are its strings and numbers. */
YpJsonDoc *yp_json_doc_scan          (const char  *path,
                                      const char  *data,
                                      gsize        length,
                                      gsize        max,
                                      GError     **error);
/* The same over a file's bytes; those of a mapped file are handed back as
 * each pass goes. The bytes must outlive the document. */
YpJsonDoc *yp_json_doc_scan_file     (const char  *path,
                                      YpFileBytes *bytes,
                                      gsize        max,
                                      GError     **error);
void       yp_json_doc_free          (YpJsonDoc   *doc);
const char *yp_json_doc_get_file     (YpJsonDoc   *doc);
/* The size of the document's bytes. */
gsize      yp_json_doc_get_length    (YpJsonDoc   *doc);
YpJsonTop  yp_json_doc_get_top       (YpJsonDoc   *doc);
/* The top-level object, each array member an empty placeholder; or the
 * single value. */
JsonNode  *yp_json_doc_get_top_node  (YpJsonDoc   *doc);
/* Whether the top-level object has @name, and whether its value is an
 * array. */
gboolean   yp_json_doc_has_member    (YpJsonDoc   *doc,
                                      const char  *name,
                                      gboolean    *is_array);
/* The member @name, or NULL. */
const YpJsonMember *yp_json_doc_lookup (YpJsonDoc *doc,
                                        const char *name);
const char *yp_json_member_get_name  (const YpJsonMember *m);
gboolean   yp_json_member_is_array   (const YpJsonMember *m);
guint      yp_json_member_get_length (const YpJsonMember *m);

/* Parses every element; FALSE with @error set to the first fault in the
 * file. */
gboolean   yp_json_doc_check_syntax  (YpJsonDoc   *doc,
                                      GError     **error);
/* Every element of an array a reader has not read (members not in @read)
 * must still be valid JSON: FALSE with @error set when one is not. */
gboolean   yp_json_doc_check_unread  (YpJsonDoc          *doc,
                                      const char * const *read,
                                      GError            **error);
/* The whole document as one json-glib tree, each element parsed in file
 * order; NULL with @error set at the first fault. */
JsonNode  *yp_json_doc_build_tree    (YpJsonDoc   *doc,
                                      GError     **error);

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
