/* yp-import.c: opens a timeline file in whichever format it is written,
 * the top of the reader layers (see yp-import.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "yp-import"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "yp-file-bytes-private.h"
#include "yp-import.h"
#include "yp-json-doc-private.h"
#include "yp-timelinejs.h"
#include "yp-yeonpyo-reader-private.h"

YpRecord *
yp_import_load_file (const char  *path,
                     GPtrArray  **inputs,
                     GError     **error)
{
  return yp_import_load_file_streaming (path, inputs, NULL, error);
}

static YpRecord *
load_data (const char   *path,
           YpFileBytes  *bytes,
           GPtrArray   **inputs,
           YpEventSink  *sink,
           GError      **error)
{
  g_autoptr(YpJsonDoc) doc = NULL;
  gsize length;
  gboolean events_array = FALSE;

  yp_file_bytes_get_data (bytes, &length);

  /* The top level is scanned, not parsed: a Yeonpyo timeline is then
   * streamed an item at a time, however large. */
  doc = yp_json_doc_scan_file (path, bytes, YP_FILE_MAX_BYTES, error);
  if (doc == NULL)
    return NULL;
  if (yp_json_doc_get_top (doc) != YP_JSON_TOP_OBJECT)
    {
      YpJsonTop top = yp_json_doc_get_top (doc);

      if (!yp_json_doc_check_syntax (doc, error))
        return NULL;
      yp_file_fail (error, YP_ERROR_NOT_A_TIMELINE, path,
                    "neither a Yeonpyo timeline nor a TimelineJS document: the top level is %s, not an object",
                    top == YP_JSON_TOP_NULL ? "null" : top == YP_JSON_TOP_ARRAY ? "an array" : "a single value");
      return NULL;
    }

  /* TimelineJS has neither member; a Yeonpyo file with a misspelt
   * "format" still goes to the loader, which says what is wrong. */
  if (yp_json_doc_has_member (doc, "format", NULL) || yp_json_doc_has_member (doc, "sources", NULL))
    return yp_yeonpyo_reader_load_doc_streaming (doc, inputs, sink, error);

  yp_json_doc_has_member (doc, "events", &events_array);
  /* A TimelineJS 2 document, {"timeline": {"date": [...]}}, is read by
   * the TimelineJS reader in the shape of TimelineJS 3. */
  if (!events_array && yp_json_doc_has_member (doc, "timeline", NULL))
    events_array = TRUE;
  if (!events_array)
    {
      if (yp_json_doc_check_syntax (doc, error))
        yp_file_fail (error, YP_ERROR_NOT_A_TIMELINE, path, "neither a Yeonpyo timeline nor a TimelineJS document "
                      "(a Yeonpyo timeline has \"format\": \"%s\", a TimelineJS document an \"events\" array)",
                      YP_TIMELINE_FORMAT);
      return NULL;
    }

  /* The TimelineJS reader reads a slide at a time, handing them to
   * @sink as read. */
  if (length > YP_TIMELINEJS_MAX_BYTES)
    {
      yp_file_fail (error, YP_ERROR_TOO_LARGE, path, "the file is over %d MB; TimelineJS documents are limited to %d MB",
                    YP_TIMELINEJS_MAX_BYTES / (1024 * 1024), YP_TIMELINEJS_MAX_BYTES / (1024 * 1024));
      return NULL;
    }
  return yp_timelinejs_load_doc_streaming (doc, inputs, sink, error);
}

YpRecord *
yp_import_load_file_streaming (const char  *path,
                               GPtrArray  **inputs,
                               YpEventSink *sink,
                               GError     **error)
{
  g_autoptr(YpRecord) record = NULL;
  YpFileBytes *bytes;

  g_return_val_if_fail (path != NULL, NULL);

  bytes = yp_file_bytes_read (path, error);
  if (bytes == NULL)
    return NULL;
  record = load_data (path, bytes, inputs, sink, error);
  if (!yp_file_bytes_finish (path, bytes, error))
    g_clear_object (&record);
  return g_steal_pointer (&record);
}
