/* yp-loader.h: reads and checks a Yeonpyo timeline file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "yp-record.h"

G_BEGIN_DECLS

#define YP_TIMELINE_FORMAT  "yeonpyo-timeline"

/* Formats read as one json-glib tree (TimelineJS): the tree takes several
 * times the file's size in memory, so anything larger is refused. */
#define YP_TIMELINE_MAX_BYTES   (64 * 1024 * 1024)
/* Yeonpyo timelines are streamed: json-glib only ever holds one item (an
 * event, a source...) at a time, and memory grows with the events kept,
 * not with a tree of the file. A million events take 380 MB. */
#define YP_TIMELINE_STREAM_MAX_BYTES (1024 * 1024 * 1024)
/* Files larger than this are mapped (yp_loader_read_file()). */
#define YP_TIMELINE_MAP_BYTES (64 * 1024 * 1024)
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

/* Reads the file @path whole, refusing what yp_loader_load_file() refuses
 * before parsing (a folder, a device, a file over the limit), with the
 * same messages. A file over YP_TIMELINE_MAP_BYTES is mapped, not copied
 * (yp-memory.h), and what has been read of it is handed back as the
 * reader goes on. Free with yp_loader_free_file(). */
char     *yp_loader_read_file (const char  *path,
                               gsize       *length,
                               GError     **error);

void      yp_loader_free_file (char        *data);
/* For tests: map files larger than @bytes (YP_TIMELINE_MAP_BYTES). Not
 * thread-safe. */
void      yp_loader_set_map_bytes (gsize     bytes);
/* Frees @data, from yp_loader_read_file(), and gives back @record (taken
 * over; may be NULL), unless @data is a mapped file that changed while it
 * was read: then NULL, with @error saying so in place of any error set
 * before (a parse error may only be the change, seen half-way). */
YpRecord *yp_loader_finish_file (const char  *path,
                                 char        *data,
                                 YpRecord    *record,
                                 GError     **error);
/* The same, from bytes already in memory; @path names them in messages and
 * is the base for the sources' relative file names. */
YpRecord *yp_loader_load_data (const char  *path,
                               const char  *data,
                               gsize        length,
                               GPtrArray  **inputs,
                               GError     **error);

/* A JSON document whose top level has been scanned, not parsed: the
 * members of a top-level object, each array's elements as byte ranges.
 * Borrows the bytes it was made from. */
typedef struct _YpJsonDoc YpJsonDoc;

typedef enum {
  YP_JSON_TOP_NULL,    /* nothing but spaces and comments, or null */
  YP_JSON_TOP_ARRAY,
  YP_JSON_TOP_VALUE,   /* a string, number or boolean */
  YP_JSON_TOP_OBJECT,
} YpJsonTop;

/* Checks @data as yp_loader_check_json_bytes() does, with the limit
 * YP_TIMELINE_STREAM_MAX_BYTES, and scans its top level. Syntax errors
 * found there are reported as json-glib reports them ("not valid JSON:
 * <data>:LINE:COLUMN: Parse error: ..."), with the line and column in
 * the whole file; those inside an element are found when it is parsed. */
YpJsonDoc *yp_json_doc_scan          (const char  *path,
                                      const char  *data,
                                      gsize        length,
                                      GError     **error);
void       yp_json_doc_free          (YpJsonDoc   *doc);
YpJsonTop  yp_json_doc_get_top       (YpJsonDoc   *doc);
/* Whether the top-level object has @name, and whether its value is an
 * array (the last one, when a name is repeated: json-glib's rule). */
gboolean   yp_json_doc_has_member    (YpJsonDoc   *doc,
                                      const char  *name,
                                      gboolean    *is_array);
/* Parses every value, one element at a time; FALSE with @error set to
 * the first syntax error in the file. */
gboolean   yp_json_doc_check_syntax  (YpJsonDoc   *doc,
                                      GError     **error);

/* Reads a scanned document as a Yeonpyo timeline, as yp_loader_load_data()
 * does. */
YpRecord  *yp_loader_load_doc        (YpJsonDoc   *doc,
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
} YpEventSink;

/* yp_loader_load_doc(), handing the events to @sink (may be NULL) if its
 * begin() says so: the record then has none, and everything else
 * (problems included) as yp_loader_load_doc() gives it. */
YpRecord  *yp_loader_load_doc_streaming (YpJsonDoc   *doc,
                                         GPtrArray  **inputs,
                                         YpEventSink *sink,
                                         GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (YpJsonDoc, yp_json_doc_free)

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
