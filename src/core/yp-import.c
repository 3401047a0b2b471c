/* yp-import.c: opens a timeline file in whichever format it is written
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "yp-import"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "yp-import.h"
#include "yp-loader.h"
#include "yp-timelinejs.h"

/* Reads the whole regular file @path, refusing a folder, a pipe, socket or
 * device, and anything over YP_TIMELINE_STREAM_MAX_BYTES (from its size,
 * before a byte is read, and again while reading, since a file may grow).
 * The same rules as the loader's own reading, with the same messages. */
static char *
read_file (const char  *path,
           gsize       *length,
           GError     **error)
{
  const gsize max = YP_TIMELINE_STREAM_MAX_BYTES;
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *buf = NULL;
  struct stat st;
  gsize len = 0, alloc;
  int fd;

  *length = 0;
  if (g_stat (path, &st) == 0 && !S_ISREG (st.st_mode))
    {
      if (S_ISDIR (st.st_mode))
        yp_loader_fail (error, path, "is a folder; open a timeline .json file");
      else
        yp_loader_fail (error, path, "is not a regular file (a pipe, socket or device); open a timeline .json file");
      return NULL;
    }

  /* O_NONBLOCK: should the path have become a FIFO since, open() returns
   * at once and fstat() refuses it. */
  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY, 0);
  if (fd < 0)
    {
      int saved = errno;

      yp_loader_fail (error, path, "cannot read the file: Failed to open file “%s”: %s", display, g_strerror (saved));
      return NULL;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (fd);
      if (S_ISDIR (st.st_mode))
        yp_loader_fail (error, path, "is a folder; open a timeline .json file");
      else
        yp_loader_fail (error, path, "is not a regular file (a pipe, socket or device); open a timeline .json file");
      return NULL;
    }
  if ((guint64) st.st_size > max)
    {
      close (fd);
      yp_loader_fail (error, path, "the file is %" G_GUINT64_FORMAT " MB; timelines are limited to %d MB",
                      (guint64) st.st_size / (1024 * 1024), YP_TIMELINE_STREAM_MAX_BYTES / (1024 * 1024));
      return NULL;
    }

  /* The size is a hint: the file may grow while it is read, and files in
   * /proc say 0. Never more than max + 1 bytes are kept. */
  alloc = MIN ((gsize) st.st_size, max) + 1;
  buf = g_malloc (alloc + 1);
  for (;;)
    {
      gssize n;

      if (len == alloc)
        {
          if (len > max)
            break;
          alloc = MIN (alloc * 2, max + 1);
          buf = g_realloc (buf, alloc + 1);
        }
      n = read (fd, buf + len, alloc - len);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;

          close (fd);
          yp_loader_fail (error, path, "cannot read the file: Failed to read from file “%s”: %s",
                          display, g_strerror (saved));
          return NULL;
        }
      if (n == 0)
        break;
      len += n;
    }
  close (fd);
  if (len > max)
    {
      yp_loader_fail (error, path, "the file is over %d MB; timelines are limited to %d MB",
                      YP_TIMELINE_STREAM_MAX_BYTES / (1024 * 1024), YP_TIMELINE_STREAM_MAX_BYTES / (1024 * 1024));
      return NULL;
    }
  buf[len] = '\0';
  *length = len;
  return g_steal_pointer (&buf);
}

YpRecord *
yp_import_load_file (const char  *path,
                     GPtrArray  **inputs,
                     GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(YpJsonDoc) doc = NULL;
  g_autofree char *data = NULL;
  gboolean events_array = FALSE;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);

  data = read_file (path, &length, error);
  if (data == NULL)
    return NULL;
  /* The top level is scanned, not parsed: a Yeonpyo timeline is then
   * streamed an item at a time, however large. */
  doc = yp_json_doc_scan (path, data, length, error);
  if (doc == NULL)
    return NULL;
  if (yp_json_doc_get_top (doc) != YP_JSON_TOP_OBJECT)
    {
      YpJsonTop top = yp_json_doc_get_top (doc);

      if (!yp_json_doc_check_syntax (doc, error))
        return NULL;
      yp_loader_fail (error, path, "neither a Yeonpyo timeline nor a TimelineJS document: the top level is %s, not an object",
                      top == YP_JSON_TOP_NULL ? "null" : top == YP_JSON_TOP_ARRAY ? "an array" : "a single value");
      return NULL;
    }

  /* TimelineJS has neither member; a Yeonpyo file with a misspelt
   * "format" still goes to the loader, which says what is wrong. */
  if (yp_json_doc_has_member (doc, "format", NULL) || yp_json_doc_has_member (doc, "sources", NULL))
    return yp_loader_load_doc (doc, inputs, error);

  yp_json_doc_has_member (doc, "events", &events_array);
  if (!events_array)
    {
      if (yp_json_doc_check_syntax (doc, error))
        yp_loader_fail (error, path, "neither a Yeonpyo timeline nor a TimelineJS document "
                        "(a Yeonpyo timeline has \"format\": \"%s\", a TimelineJS document an \"events\" array)",
                        YP_TIMELINE_FORMAT);
      return NULL;
    }

  /* The TimelineJS reader takes the whole document as one tree. */
  g_clear_pointer (&doc, yp_json_doc_free);
  if (length > YP_TIMELINE_MAX_BYTES)
    {
      yp_loader_fail (error, path, "the file is over %d MB; TimelineJS documents are limited to %d MB",
                      YP_TIMELINE_MAX_BYTES / (1024 * 1024), YP_TIMELINE_MAX_BYTES / (1024 * 1024));
      return NULL;
    }
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      yp_loader_fail (error, path, "not valid JSON: %s", local_error->message);
      return NULL;
    }
  /* The tree holds copies of the strings: the bytes can go. */
  g_clear_pointer (&data, g_free);
  return yp_timelinejs_load_root (path, json_parser_get_root (parser), inputs, error);
}
