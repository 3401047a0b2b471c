/* yp-file-bytes-private.h: reading a timeline's bytes from disk, the
 * bottom layer of the readers
 *
 * Everything above it (the JSON document scan, the readers, import) sees
 * bytes in memory. This unit decides how they get there: a FIFO, device or
 * folder is refused before it is opened, a file over its limit from its
 * size alone, large files are mapped rather than read into memory, and a
 * file that changes while it is read is reported as such once it has been
 * read.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "yp-error.h"

G_BEGIN_DECLS

/* Yeonpyo timelines are streamed: their limit is what the file may hold,
 * not a tree of it. A million events take 380 MB. */
#define YP_FILE_MAX_BYTES  (1024 * 1024 * 1024)
/* Files larger than this are mapped, not copied. */
#define YP_FILE_MAP_BYTES  (64 * 1024 * 1024)
/* How much of a mapped file a pass reads before handing it back. */
#define YP_FILE_RELEASE_STEP (16 * 1024 * 1024)

typedef enum {
  YP_FILE_READ_OK,
  YP_FILE_READ_FAILED,      /* @error says why */
  YP_FILE_READ_FOLDER,
  YP_FILE_READ_NOT_REGULAR, /* a pipe, socket or device */
  YP_FILE_READ_TOO_LARGE,   /* *size_out holds the size */
} YpFileRead;

/* Sets @error to @code of YP_ERROR with "FILE: message" (the message made
 * valid UTF-8) and returns FALSE: how every layer of the readers says that
 * a file cannot be loaded at all. */
gboolean   yp_file_fail                (GError     **error,
                                        YpError      code,
                                        const char  *file,
                                        const char  *format,
                                        ...) G_GNUC_PRINTF (4, 5);

/* Reads the whole of the regular file @path, when it is at most @max
 * bytes, into memory (NUL-terminated; free with g_free()). Article files
 * and the like: a file cut short meanwhile gives a short read. */
YpFileRead yp_file_bytes_read_limited  (const char  *path,
                                        gsize        max,
                                        char       **contents,
                                        gsize       *length,
                                        goffset     *size_out,
                                        GError     **error);

/* Has the files read on this thread, by yp_file_bytes_read_limited() and
 * yp_file_bytes_read(), noted until yp_file_bytes_watch_end(): what a
 * cache built from the parse is checked against is the file as it was
 * read, not as it is once the parse is done. */
void        yp_file_bytes_watch_begin  (void);
/* What was noted since yp_file_bytes_watch_begin(): each file's absolute
 * path (as yp_reader_absolute_path() makes it) to its struct stat taken on
 * the descriptor its bytes came from when it was opened, or to NULL when
 * it changed while it was read or was read twice in different states. */
GHashTable *yp_file_bytes_watch_end    (void);

/* A timeline file's bytes, as yp_file_bytes_read() got them. */
typedef struct _YpFileBytes YpFileBytes;

/* Reads the timeline file @path whole, at most YP_FILE_MAX_BYTES: a
 * folder, a pipe, socket or device, and a larger file are refused with a
 * message, the last from its size before a byte is read. A file over
 * YP_FILE_MAP_BYTES is mapped (see yp-file-bytes.c). NULL with @error
 * set. */
YpFileBytes *yp_file_bytes_read        (const char   *path,
                                        GError      **error);
/* The bytes, followed by a NUL, and their number. */
const char *yp_file_bytes_get_data     (YpFileBytes  *bytes,
                                        gsize        *length);
/* Whether the bytes are mapped: a pass over them hands back the pages it
 * has gone past with yp_file_bytes_release(), which are read again from
 * the disk if needed. */
gboolean   yp_file_bytes_is_mapped     (YpFileBytes  *bytes);
void       yp_file_bytes_free          (YpFileBytes  *bytes);
/* Lets the bytes go before yp_file_bytes_finish() (which still checks
 * the file): once nothing points into them any more. */
void       yp_file_bytes_drop          (YpFileBytes  *bytes);
/* Frees @bytes. FALSE when the file changed (size, modification or
 * change time) between the moment it was opened and now, so that what
 * was read may be a mix, or was replaced (an editor's save renames a new
 * file over it): @error then says so (YP_ERROR_CHANGED), in place
 * of any error set before (a parse error may only be the change, seen
 * half-way). */
gboolean   yp_file_bytes_finish        (const char   *path,
                                        YpFileBytes  *bytes,
                                        GError      **error);
void       yp_file_bytes_release       (const char   *data,
                                        gsize         from,
                                        gsize         to);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (YpFileBytes, yp_file_bytes_free)

/* For tests: map files larger than @bytes (YP_FILE_MAP_BYTES). Not
 * thread-safe. */
void       yp_file_bytes_set_map_bytes (gsize        bytes);

/* For tests: @hook (NULL: none) is called with the path of each file
 * yp_file_bytes_read_limited() has read whole, before it looks at the
 * file's state again, so that a test can change the file during its
 * read. Not thread-safe. */
typedef void (*YpFileBytesReadHook) (const char *path,
                                     gpointer    user_data);
void       yp_file_bytes_set_read_hook (YpFileBytesReadHook hook,
                                        gpointer            user_data);

G_END_DECLS
