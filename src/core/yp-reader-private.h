/* yp-reader-private.h: what the Yeonpyo and TimelineJS readers share, the
 * third layer of the readers
 *
 * Above the JSON document scan (yp-json-doc-private.h), below the two
 * readers (yp-yeonpyo-reader.c, yp-timelinejs.c). A reader records every
 * problem it finds with the JSON path of the value concerned (a
 * YpProblem in the record), and skips the item or keeps it; only a file
 * that cannot be a timeline at all makes the whole load fail.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <string.h>

#include <json-glib/json-glib.h>

#include "yp-json-doc-private.h"
#include "yp-json-fast.h"
#include "yp-record.h"

G_BEGIN_DECLS

/* The part of a reader's state these helpers use; each reader's own state
 * begins with one. */
typedef struct {
  const char *file;      /* as given, for messages */
  YpRecord   *record;    /* where problems go */
  guint       n_errors;  /* errors recorded for the item being read */
  gboolean    quiet;     /* reading again what was reported once */
} YpReader;

/* Records a problem at @path (counted in n_errors if an error). */
void        yp_reader_report          (YpReader          *reader,
                                       YpSeverity         severity,
                                       const char        *path,
                                       const char        *format,
                                       ...) G_GNUC_PRINTF (4, 5);

/* "an object", "an array", "a string", "a number", "a boolean", "null". */
const char *yp_reader_value_type_name (const YpJsonValue *v);
const char *yp_reader_node_type_name  (JsonNode          *node);

static inline gboolean
yp_json_value_is_absent (const YpJsonValue *v)
{
  return v == NULL || v->kind == YP_JSON_NULL;
}

/* Members of @object not in @allowed get a warning, in file order. */
void        yp_reader_check_members   (YpReader          *reader,
                                       const YpJsonValue *object,
                                       const char        *path,
                                       const char       **allowed);
/* The string member @name, NULL if absent. A present member of the wrong
 * type, or an empty required one, is an error. */
const char *yp_reader_get_string      (YpReader          *reader,
                                       const YpJsonValue *object,
                                       const char        *path,
                                       const char        *name,
                                       gboolean           required);
/* The array member @name, NULL if absent (an error if @required) or not
 * an array (an error). */
const YpJsonValue *yp_reader_get_array (YpReader          *reader,
                                        const YpJsonValue *object,
                                        const char        *path,
                                        const char        *name,
                                        gboolean           required);
/* @node if it is an object; otherwise an error at @path, and NULL. */
const YpJsonValue *yp_reader_element_object (YpReader          *reader,
                                             const YpJsonValue *node,
                                             const char        *path);

/* The same for a json-glib tree (the TimelineJS reader's). */
gboolean    yp_reader_node_is_string  (JsonNode          *node);
void        yp_reader_check_object_members (YpReader    *reader,
                                            JsonObject  *object,
                                            const char  *path,
                                            const char **allowed);

/* A string from the file, fit to put in a message or a path: valid UTF-8
 * (json-glib lets a lone surrogate escape through), on one line, and
 * short. */
char       *yp_reader_quote_value     (const char        *value);
/* "@path.@member", the member's name quoted as above. */
char       *yp_reader_member_path     (const char        *path,
                                       const char        *member);

/* Where an article's file, @file as the timeline gives it, is: inside
 * @folder (the timeline's), or NULL with @error set (YP_ERROR_OUTSIDE_FOLDER,
 * the message naming @file) when it is absolute or climbs out with "..".
 * A timeline someone hands you must not make the app show (or export,
 * print, share) files from elsewhere. The rule is on the path as written,
 * not on where links lead: a symbolic link placed inside the folder (as
 * the source tree's data/seeds) is the folder's owner's choice. */
char       *yp_reader_resolve_article (const char        *folder,
                                       const char        *file,
                                       GError           **error);

/* @path made absolute against the current folder: how a reader names
 * the file it read among the record's inputs. */
char       *yp_reader_absolute_path   (const char        *path);

/* What a reader's load_data() does: scans @data (@length bytes, at most
 * @max_bytes; @path names it in messages) and reads the document with
 * @load_doc. NULL with @error set when @data is not a JSON document or
 * @load_doc refuses it. */
typedef YpRecord *(*YpReaderLoadDoc) (YpJsonDoc  *doc,
                                      GPtrArray **inputs,
                                      GError    **error);
YpRecord   *yp_reader_load_data       (const char        *path,
                                       const char        *data,
                                       gsize              length,
                                       gsize              max_bytes,
                                       YpReaderLoadDoc    load_doc,
                                       GPtrArray        **inputs,
                                       GError           **error);

/* The paths of members and elements are built for every one read, in case
 * a problem names them: concatenated, not formatted, and on the stack when
 * short, nearly always (printf and malloc showed in the profile of a first
 * import). MEMBER_PATH (p, path, member) and INDEX_PATH (p, path, index)
 * declare const char *p, valid to the end of its block. */
typedef struct {
  char  buf[120];
  char *heap;
} YpPathBuf;

static inline void
yp_path_buf_clear (YpPathBuf *b)
{
  g_free (b->heap);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (YpPathBuf, yp_path_buf_clear)

/* @path, then "." when @dot and @path is not empty, then @tail. */
const char *yp_path_join              (YpPathBuf         *b,
                                       const char        *path,
                                       gboolean           dot,
                                       const char        *tail);

#define MEMBER_PATH(var, path, member) \
  g_auto(YpPathBuf) var##_buf = { .heap = NULL }; \
  const char *var = yp_path_join (&var##_buf, (path), TRUE, (member))

#define INDEX_PATH(var, path, index) \
  g_auto(YpPathBuf) var##_buf = { .heap = NULL }; \
  char var##_index[16]; \
  const char *var = yp_path_join (&var##_buf, (path), FALSE, yp_json_index_suffix (var##_index, (index)))

G_END_DECLS
