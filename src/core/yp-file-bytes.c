/* yp-file-bytes.c: reading a timeline's bytes from disk, the bottom layer
 * of the readers (see yp-file-bytes-private.h)
 *
 * How the bytes get into memory, and why it is safe:
 *
 * - Files up to YP_FILE_MAP_BYTES (64 MB: every TimelineJS document, and
 *   Yeonpyo timelines up to about 150,000 events) are read with read()
 *   into a buffer. Another program cutting the file short meanwhile gives
 *   a short read, never a signal.
 * - Larger files (up to the 1 GB limit) are mapped, because a first open
 *   of a million events held the whole 380 MB file besides its events; a
 *   mapping lets each pass over the file hand back the pages it has gone
 *   past (yp_file_bytes_release()). But a mapped file cut short by
 *   another program kills the reader with SIGBUS at the first page past
 *   its new end, with GMappedFile as with any mapping. So the file is not
 *   mapped itself: it is first copied into an unlinked file of our own in
 *   the cache folder (copy_file_range(), in the kernel), and that copy is
 *   mapped. Nobody else can reach the copy, so no signal can come; its
 *   pages are page cache, read again from the disk when handed back.
 *   Where no copy can be made (a full or read-only disk), the file is
 *   read into memory instead.
 * - Either way, the file's size and times are taken when it is opened and
 *   checked again when the readers are done (yp_file_bytes_finish()): a
 *   file written meanwhile is refused as changed, for the user to open
 *   again once it is saved.
 * - While a cache is being built, each file read is noted with its
 *   identity when it was opened (yp_file_bytes_watch_begin()): the cache
 *   is checked against the files as they were read, so one saved over
 *   after its bytes were read is not taken for the state that was parsed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "yp-file-bytes"
/* copy_file_range(), O_TMPFILE */
#define _GNU_SOURCE

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "yp-error.h"
#include "yp-file-bytes-private.h"

struct _YpFileBytes {
  char        *data;     /* read into memory, or NULL */
  GMappedFile *mapped;   /* or the private copy, mapped */
  gsize        length;
  int          fd;       /* the file itself, for yp_file_bytes_finish() */
  struct stat  st;       /* as it was when opened */
};

static gsize map_bytes = YP_FILE_MAP_BYTES;
static YpFileBytesReadHook read_hook;  /* tests */
static gpointer read_hook_data;

/* This thread's notes (yp_file_bytes_watch_begin()), or none. */
static GPrivate watch_key = G_PRIVATE_INIT ((GDestroyNotify) g_hash_table_unref);

void
yp_file_bytes_watch_begin (void)
{
  g_private_replace (&watch_key, g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free));
}

GHashTable *
yp_file_bytes_watch_end (void)
{
  GHashTable *watched = g_private_get (&watch_key);

  g_private_set (&watch_key, NULL);
  return watched != NULL ? watched : g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static gboolean
same_state (const struct stat *a,
            const struct stat *b)
{
  return a->st_dev == b->st_dev && a->st_ino == b->st_ino && a->st_size == b->st_size &&
         a->st_mtim.tv_sec == b->st_mtim.tv_sec && a->st_mtim.tv_nsec == b->st_mtim.tv_nsec &&
         a->st_ctim.tv_sec == b->st_ctim.tv_sec && a->st_ctim.tv_nsec == b->st_ctim.tv_nsec;
}

/* Notes that @path was read as @st describes it (NULL: it changed while
 * it was read), when this thread is watching. */
static void
watch_note (const char        *path,
            const struct stat *st)
{
  GHashTable *watched = g_private_get (&watch_key);
  g_autofree char *abs = NULL;
  gpointer before;

  if (watched == NULL)
    return;
  if (g_path_is_absolute (path))
    abs = g_strdup (path);
  else
    {
      g_autofree char *cwd = g_get_current_dir ();

      abs = g_build_filename (cwd, path, NULL);
    }
  if (g_hash_table_lookup_extended (watched, abs, NULL, &before) &&
      (before == NULL || st == NULL || !same_state (before, st)))
    st = NULL;
  g_hash_table_replace (watched, g_steal_pointer (&abs), st != NULL ? g_memdup2 (st, sizeof *st) : NULL);
}

void
yp_file_bytes_set_read_hook (YpFileBytesReadHook hook,
                             gpointer            user_data)
{
  read_hook = hook;
  read_hook_data = user_data;
}

void
yp_file_bytes_set_map_bytes (gsize bytes)
{
  map_bytes = bytes;
}

/* @saved (an errno) from trying to @verb @path, in GLib's words for
 * g_file_get_contents()'s errors, which the messages have always used. */
static YpFileRead
set_errno_error (GError     **error,
                 int          saved,
                 const char  *verb,
                 const char  *path)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
               "Failed to %s file “%s”: %s", verb, display, g_strerror (saved));
  return YP_FILE_READ_FAILED;
}

/* What the path is gets checked before anything is read: a folder, a FIFO
 * (whose open() would wait for a writer) or a device is refused, and so is
 * a file larger than @max, from its size alone. On success, *@fd is open
 * on the regular file and @st describes it. */
static YpFileRead
open_checked (const char   *path,
              gsize         max,
              int          *fd_out,
              struct stat  *st,
              goffset      *size_out,
              GError      **error)
{
  int fd;

  *fd_out = -1;
  if (g_stat (path, st) == 0)
    {
      if (S_ISDIR (st->st_mode))
        return YP_FILE_READ_FOLDER;
      if (!S_ISREG (st->st_mode))
        return YP_FILE_READ_NOT_REGULAR;
      if ((guint64) st->st_size > max)
        {
          *size_out = st->st_size;
          return YP_FILE_READ_TOO_LARGE;
        }
    }

  /* O_NONBLOCK: should the path have become a FIFO since, open() returns
   * at once and fstat() below refuses it. */
  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY, 0);
  if (fd < 0)
    return set_errno_error (error, errno, "open", path);
  if (fstat (fd, st) != 0 || !S_ISREG (st->st_mode))
    {
      gboolean folder = S_ISDIR (st->st_mode);

      close (fd);
      return folder ? YP_FILE_READ_FOLDER : YP_FILE_READ_NOT_REGULAR;
    }
  if ((guint64) st->st_size > max)
    {
      close (fd);
      *size_out = st->st_size;
      return YP_FILE_READ_TOO_LARGE;
    }
  *fd_out = fd;
  return YP_FILE_READ_OK;
}

/* Reads what @fd holds, at most @max bytes, into a NUL-terminated buffer.
 * The size is a hint: the file may grow while it is read, and files in
 * /proc say 0. Never more than @max + 1 bytes are kept. */
static YpFileRead
read_all (const char  *path,
          int          fd,
          gsize        size_hint,
          gsize        max,
          char       **contents,
          gsize       *length,
          goffset     *size_out,
          GError     **error)
{
  g_autofree char *buf = NULL;
  gsize len = 0, alloc = MIN (size_hint, max) + 1;

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
        return set_errno_error (error, errno, "read from", path);
      if (n == 0)
        break;
      len += n;
    }
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

YpFileRead
yp_file_bytes_read_limited (const char  *path,
                            gsize        max,
                            char       **contents,
                            gsize       *length,
                            goffset     *size_out,
                            GError     **error)
{
  struct stat st;
  YpFileRead result;
  int fd;

  *contents = NULL;
  *length = 0;
  *size_out = 0;
  result = open_checked (path, max, &fd, &st, size_out, error);
  /* Not read, but seen: a cache notes that it is so, and sees it mended. */
  if (result == YP_FILE_READ_FOLDER || result == YP_FILE_READ_NOT_REGULAR || result == YP_FILE_READ_TOO_LARGE)
    watch_note (path, &st);
  else if (result == YP_FILE_READ_FAILED && g_stat (path, &st) == 0)
    watch_note (path, &st);
  if (result != YP_FILE_READ_OK)
    return result;
  result = read_all (path, fd, st.st_size, max, contents, length, size_out, error);
  if (result == YP_FILE_READ_OK)
    {
      struct stat after;

      if (read_hook != NULL)
        read_hook (path, read_hook_data);
      watch_note (path, fstat (fd, &after) == 0 && same_state (&st, &after) ? &st : NULL);
    }
  close (fd);
  return result;
}

/* The private copy of the open file @fd (@size bytes) that large files
 * are mapped from, followed by a NUL byte: an unlinked file in the cache
 * folder, or -1 when none can be made there. */
static int
private_copy (int   fd,
              gsize size)
{
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "yeonpyo", NULL);
  off_t in = 0;
  gsize done = 0;
  int copy = -1;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    return -1;
#ifdef O_TMPFILE
  copy = g_open (dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
#endif
  if (copy < 0)
    {
      g_autofree char *tmp = g_build_filename (dir, "reading-XXXXXX", NULL);

      copy = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0600);
      if (copy < 0)
        return -1;
      g_unlink (tmp);
    }
  while (done < size)
    {
      gssize n = copy_file_range (fd, &in, copy, NULL, size - done, 0);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      done += n;
    }
  /* Between file systems (or where the kernel cannot): by hand. */
  if (done == 0 && size > 0)
    {
      g_autofree char *buf = g_malloc (1024 * 1024);

      while (done < size)
        {
          gssize n = pread (fd, buf, MIN (size - done, 1024 * 1024), done);
          gssize w = 0;

          if (n < 0 && errno == EINTR)
            continue;
          if (n <= 0)
            break;
          while (w < n)
            {
              gssize m = write (copy, buf + w, n - w);

              if (m < 0 && errno == EINTR)
                continue;
              if (m <= 0)
                break;
              w += m;
            }
          if (w < n)
            break;
          done += n;
        }
    }
  /* Not all of it (a disk full, or a file cut short meanwhile, which the
   * check at the end refuses anyway): read it into memory instead. */
  if (done != size || write (copy, "", 1) != 1)
    {
      close (copy);
      return -1;
    }
  return copy;
}

YpFileBytes *
yp_file_bytes_read (const char  *path,
                    GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(YpFileBytes) bytes = g_new0 (YpFileBytes, 1);
  goffset size = 0;
  YpFileRead result;

  g_return_val_if_fail (path != NULL, NULL);

  bytes->fd = -1;
  result = open_checked (path, YP_FILE_MAX_BYTES, &bytes->fd, &bytes->st, &size, &local_error);
  if (result == YP_FILE_READ_OK && (gsize) bytes->st.st_size > map_bytes)
    {
      int copy = private_copy (bytes->fd, bytes->st.st_size);

      if (copy >= 0)
        {
          bytes->mapped = g_mapped_file_new_from_fd (copy, FALSE, NULL);
          close (copy);
        }
      if (bytes->mapped != NULL)
        bytes->length = g_mapped_file_get_length (bytes->mapped) - 1;
      else
        g_debug ("%s: no private copy to map; read into memory", path);
    }
  if (result == YP_FILE_READ_OK && bytes->mapped == NULL)
    result = read_all (path, bytes->fd, bytes->st.st_size, YP_FILE_MAX_BYTES,
                       &bytes->data, &bytes->length, &size, &local_error);

  switch (result)
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
      /* As opened: yp_file_bytes_finish() refuses a change before the
       * readers are done. */
      watch_note (path, &bytes->st);
      return g_steal_pointer (&bytes);
    }
}

const char *
yp_file_bytes_get_data (YpFileBytes *bytes,
                        gsize       *length)
{
  g_return_val_if_fail (bytes != NULL, NULL);
  if (length != NULL)
    *length = bytes->length;
  return bytes->mapped ? g_mapped_file_get_contents (bytes->mapped) : bytes->data;
}

gboolean
yp_file_bytes_is_mapped (YpFileBytes *bytes)
{
  return bytes != NULL && bytes->mapped != NULL;
}

void
yp_file_bytes_drop (YpFileBytes *bytes)
{
  g_return_if_fail (bytes != NULL);
  g_clear_pointer (&bytes->data, g_free);
  g_clear_pointer (&bytes->mapped, g_mapped_file_unref);
  bytes->length = 0;
}

void
yp_file_bytes_free (YpFileBytes *bytes)
{
  if (bytes == NULL)
    return;
  g_free (bytes->data);
  g_clear_pointer (&bytes->mapped, g_mapped_file_unref);
  if (bytes->fd >= 0)
    close (bytes->fd);
  g_free (bytes);
}

gboolean
yp_file_bytes_finish (const char   *path,
                      YpFileBytes  *bytes,
                      GError      **error)
{
  struct stat now;
  gboolean changed;

  if (bytes == NULL)
    return TRUE;
  /* Written in place, or replaced: an editor that saves by renaming a new
   * file over the old one unlinks the old one, which changes its ctime;
   * what was read is then no longer the file the path names (and the
   * cache would record the new one's identity with the old one's
   * events). */
  changed = fstat (bytes->fd, &now) != 0 ||
            now.st_size != bytes->st.st_size ||
            now.st_mtim.tv_sec != bytes->st.st_mtim.tv_sec || now.st_mtim.tv_nsec != bytes->st.st_mtim.tv_nsec ||
            now.st_ctim.tv_sec != bytes->st.st_ctim.tv_sec || now.st_ctim.tv_nsec != bytes->st.st_ctim.tv_nsec;
  yp_file_bytes_free (bytes);
  if (changed)
    {
      /* A parse error too may only be the change, seen half-way. */
      g_clear_error (error);
      yp_file_fail (error, YP_ERROR_CHANGED, path,
                    "the file changed while it was being read; open it again once it is saved");
    }
  return !changed;
}

/* Hands back the pages wholly inside [@from, @to) of the mapped bytes
 * @data: they are read from the page cache, or the disk, again if need
 * be. */
void
yp_file_bytes_release (const char *data,
                       gsize       from,
                       gsize       to)
{
  static gsize page_size;
  guintptr start, end;

  if (page_size == 0)
    page_size = sysconf (_SC_PAGESIZE);
  start = ((guintptr) data + from + page_size - 1) & ~(guintptr) (page_size - 1);
  end = ((guintptr) data + to) & ~(guintptr) (page_size - 1);
  if (end > start)
    (void) madvise ((void *) start, end - start, MADV_DONTNEED);
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
