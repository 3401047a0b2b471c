/* yp-file-bytes.c: reading a timeline's bytes from disk, the bottom layer
 * of the readers (see yp-file-bytes-private.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "yp-file-bytes"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "yp-file-bytes-private.h"
#include "yp-memory.h"

static gsize map_bytes = YP_FILE_MAP_BYTES;

void
yp_file_bytes_set_map_bytes (gsize bytes)
{
  map_bytes = bytes;
}

/* What the path is gets checked before anything is read: a folder, a FIFO
 * (whose open() would wait for a writer) or a device is refused, and so is
 * a file larger than @max, from its size alone. Small files are read
 * rather than mapped: a file truncated by another program meanwhile gives
 * a short read, not a SIGBUS. */
YpFileRead
yp_file_bytes_read_limited (const char  *path,
                            gsize        max,
                            gboolean     map_files,
                            char       **contents,
                            gsize       *length,
                            goffset     *size_out,
                            GError     **error)
{
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *buf = NULL;
  struct stat st;
  gsize len = 0, alloc;
  int fd;

  *contents = NULL;
  *length = 0;
  *size_out = 0;

  if (g_stat (path, &st) == 0)
    {
      if (S_ISDIR (st.st_mode))
        return YP_FILE_READ_FOLDER;
      if (!S_ISREG (st.st_mode))
        return YP_FILE_READ_NOT_REGULAR;
      if ((guint64) st.st_size > max)
        {
          *size_out = st.st_size;
          return YP_FILE_READ_TOO_LARGE;
        }
    }

  /* O_NONBLOCK: should the path have become a FIFO since, open() returns
   * at once and fstat() below refuses it. */
  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY, 0);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   "Failed to open file “%s”: %s", display, g_strerror (saved));
      return YP_FILE_READ_FAILED;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      gboolean folder = S_ISDIR (st.st_mode);
      close (fd);
      return folder ? YP_FILE_READ_FOLDER : YP_FILE_READ_NOT_REGULAR;
    }
  if ((guint64) st.st_size > max)
    {
      close (fd);
      *size_out = st.st_size;
      return YP_FILE_READ_TOO_LARGE;
    }

  /* Large files are mapped, not copied. One that changes meanwhile is
   * refused once read (yp_file_bytes_finish()). */
  if ((guint64) st.st_size > map_bytes && map_files)
    {
      char *mapped = yp_memory_map_file (fd, st.st_size);

      if (mapped != NULL)
        {
          close (fd);
          *contents = mapped;
          *length = st.st_size;
          return YP_FILE_READ_OK;
        }
    }

  /* The size is a hint: the file may grow while it is read, and files in
   * /proc say 0. Never more than @max + 1 bytes are kept. */
  alloc = MIN ((gsize) st.st_size, max) + 1;
  buf = yp_memory_alloc_large (alloc + 1);
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
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                       "Failed to read from file “%s”: %s", display, g_strerror (saved));
          return YP_FILE_READ_FAILED;
        }
      if (n == 0)
        break;
      len += n;
    }
  close (fd);
  if (len > max)
    {
      *size_out = len;
      return YP_FILE_READ_TOO_LARGE;
    }
  buf[len] = '\0';
  *contents = g_steal_pointer (&buf);
  *length = len;
  return YP_FILE_READ_OK;
}

gboolean
yp_file_fail (GError    **error,
              YpError     code,
              const char *file,
              const char *format,
              ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  /* A message may quote what the file holds, and must be text. */
  if (!g_utf8_validate (message, -1, NULL))
    {
      char *valid = g_utf8_make_valid (message, -1);
      g_free (message);
      message = valid;
    }
  g_set_error (error, YP_ERROR, code, "%s: %s", file, message);
  return FALSE;
}

char *
yp_file_bytes_read (const char  *path,
                    gsize       *length,
                    GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  char *data = NULL;
  goffset size = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (length != NULL, NULL);

  switch (yp_file_bytes_read_limited (path, YP_FILE_MAX_BYTES, TRUE, &data, length, &size, &local_error))
    {
    case YP_FILE_READ_FOLDER:
      yp_file_fail (error, YP_ERROR_NOT_READABLE, path, "is a folder; open a timeline .json file");
      return NULL;
    case YP_FILE_READ_NOT_REGULAR:
      yp_file_fail (error, YP_ERROR_NOT_READABLE, path, "is not a regular file (a pipe, socket or device); open a timeline .json file");
      return NULL;
    case YP_FILE_READ_TOO_LARGE:
      yp_file_fail (error, YP_ERROR_TOO_LARGE, path, "the file is %" G_GOFFSET_FORMAT " MB; timelines are limited to %d MB",
                    size / (1024 * 1024), YP_FILE_MAX_BYTES / (1024 * 1024));
      return NULL;
    case YP_FILE_READ_FAILED:
      yp_file_fail (error,
                    g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT) ? YP_ERROR_NOT_FOUND
                                                                                   : YP_ERROR_NOT_READABLE,
                    path, "cannot read the file: %s", local_error->message);
      return NULL;
    case YP_FILE_READ_OK:
    default:
      return data;
    }
}

void
yp_file_bytes_free (char *data)
{
  if (data != NULL && yp_memory_is_mapped (data))
    yp_memory_unmap_file (data);
  else
    g_free (data);
}

gboolean
yp_file_bytes_finish (const char  *path,
                      char        *data,
                      GError     **error)
{
  gboolean changed = data != NULL && yp_memory_file_changed (data);

  if (changed)
    {
      /* A parse error too may only be the change, seen half-way. */
      g_clear_error (error);
      yp_file_fail (error, YP_ERROR_CHANGED, path, "the file changed while it was being read; open it again once it is saved");
    }
  yp_file_bytes_free (data);
  return !changed;
}

gboolean
yp_file_bytes_is_mapped (const char *data)
{
  return yp_memory_is_mapped (data);
}

void
yp_file_bytes_release (const char *data,
                       gsize       from,
                       gsize       to)
{
  yp_memory_release_pages (data, from, to);
}
