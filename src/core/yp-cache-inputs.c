/* yp-cache-inputs.c: the identity of a cache's input files: their
 * fingerprints and the content hash a cache is checked against
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * When every input still has the size, modification and change times and
 * identity it had when it was hashed, the hash is trusted without reading
 * the files again: that read was 40% of a warm start at 100,000 events.
 * The change time (ctime) cannot be set back by a program, so an edit that
 * restores the size and the modification time is still seen. A file that
 * was modified less than FINGERPRINT_SETTLE_SECONDS before it was hashed
 * gets no fingerprint (a later write in the same clock tick would leave
 * its times unchanged), and is hashed at every start.
 */
#define G_LOG_DOMAIN "yp-cache"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "yp-cache-db.h"
#include "yp-cache-inputs-private.h"
#include "yp-error.h"

/* See the top of the file: coarse file system clocks (FAT: 2 s). */
#define FINGERPRINT_SETTLE_SECONDS 2

void
yp_cache_fingerprint_from_stat (YpCacheFingerprint *fp,
                                const struct stat  *st)
{
  fp->valid = TRUE;
  fp->size = st->st_size;
  fp->mtime_ns = (gint64) st->st_mtim.tv_sec * G_GINT64_CONSTANT (1000000000) + st->st_mtim.tv_nsec;
  fp->ctime_ns = (gint64) st->st_ctim.tv_sec * G_GINT64_CONSTANT (1000000000) + st->st_ctim.tv_nsec;
  fp->inode = (gint64) st->st_ino;
  fp->device = (gint64) st->st_dev;
}

static gboolean
fingerprint_equal (const YpCacheFingerprint *a,
                   const YpCacheFingerprint *b)
{
  return a->valid && b->valid &&
         a->size == b->size && a->mtime_ns == b->mtime_ns && a->ctime_ns == b->ctime_ns &&
         a->inode == b->inode && a->device == b->device;
}

/* The SHA-256 of the regular file @path, read in pieces (not mapped: a file
 * truncated meanwhile would raise SIGBUS). NULL when it is missing, is not
 * a regular file (a FIFO would block the open) or cannot be read.
 * @fp (may be NULL) receives the file's fingerprint, left invalid when the
 * file changed while it was read or was modified too recently to trust. */
static char *
file_checksum (const char         *path,
               YpCacheFingerprint *fp)
{
  g_autoptr(GChecksum) sum = NULL;
  char buf[64 * 1024];
  struct stat st, after;
  YpCacheFingerprint before = { 0 };
  int fd;

  if (fp != NULL)
    memset (fp, 0, sizeof *fp);

  if (g_stat (path, &st) != 0 || !S_ISREG (st.st_mode))
    return NULL;
  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY, 0);
  if (fd < 0)
    return NULL;
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (fd);
      return NULL;
    }
  yp_cache_fingerprint_from_stat (&before, &st);
  sum = g_checksum_new (G_CHECKSUM_SHA256);
  for (;;)
    {
      gssize n = read (fd, buf, sizeof buf);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          close (fd);
          return NULL;
        }
      if (n == 0)
        break;
      g_checksum_update (sum, (const guchar *) buf, n);
    }
  if (fp != NULL && fstat (fd, &after) == 0)
    {
      YpCacheFingerprint now;
      gint64 now_ns = g_get_real_time () * 1000;

      yp_cache_fingerprint_from_stat (&now, &after);
      if (fingerprint_equal (&before, &now) &&
          now_ns - now.mtime_ns >= FINGERPRINT_SETTLE_SECONDS * G_GINT64_CONSTANT (1000000000))
        *fp = now;
    }
  close (fd);
  return g_strdup (g_checksum_get_string (sum));
}

GArray *
yp_cache_inputs_seen (GPtrArray  *inputs,
                      GHashTable *watched)
{
  GArray *seen = g_array_new (FALSE, TRUE, sizeof (YpCacheFingerprint));

  g_array_set_size (seen, inputs->len);
  for (guint i = 0; i < inputs->len; i++)
    {
      const struct stat *st = g_hash_table_lookup (watched, g_ptr_array_index (inputs, i));

      if (st != NULL)
        yp_cache_fingerprint_from_stat (&g_array_index (seen, YpCacheFingerprint, i), st);
    }
  return seen;
}

gboolean
yp_cache_inputs_still_seen (GPtrArray  *inputs,
                            GArray     *seen,
                            GError    **error)
{
  for (guint i = 0; i < inputs->len; i++)
    {
      const YpCacheFingerprint *then = &g_array_index (seen, YpCacheFingerprint, i);
      YpCacheFingerprint now = { 0 };
      struct stat st;

      if (g_stat (g_ptr_array_index (inputs, i), &st) == 0)
        yp_cache_fingerprint_from_stat (&now, &st);
      if (then->valid != now.valid || (then->valid && !fingerprint_equal (then, &now)))
        {
          g_set_error (error, YP_ERROR, YP_ERROR_CHANGED,
                       "%s changed after it was read; its cache is not written",
                       (const char *) g_ptr_array_index (inputs, i));
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
yp_cache_inputs_unchanged (GPtrArray *inputs,
                           GArray    *fingerprints)
{
  if (fingerprints->len != inputs->len || inputs->len == 0)
    return FALSE;
  for (guint i = 0; i < inputs->len; i++)
    {
      const YpCacheFingerprint *stored = &g_array_index (fingerprints, YpCacheFingerprint, i);
      YpCacheFingerprint now = { 0 };
      struct stat st;

      if (!stored->valid || g_stat (g_ptr_array_index (inputs, i), &st) != 0 || !S_ISREG (st.st_mode))
        return FALSE;
      yp_cache_fingerprint_from_stat (&now, &st);
      if (!fingerprint_equal (stored, &now))
        return FALSE;
    }
  return TRUE;
}

char *
yp_cache_content_hash (GPtrArray *inputs,
                       GArray    *fingerprints)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *header = g_strdup_printf ("%s|%s|%d|", YP_CACHE_MAGIC, PACKAGE_VERSION,
                                             YP_CACHE_SCHEMA_VERSION);

  g_checksum_update (sum, (const guchar *) header, -1);
  for (guint i = 0; i < inputs->len; i++)
    {
      const char *path = g_ptr_array_index (inputs, i);
      YpCacheFingerprint fp;
      g_autofree char *file_sum = file_checksum (path, &fp);

      if (file_sum == NULL)
        return NULL;
      if (fingerprints != NULL)
        g_array_append_val (fingerprints, fp);
      g_checksum_update (sum, (const guchar *) path, -1);
      g_checksum_update (sum, (const guchar *) "\n", 1);
      g_checksum_update (sum, (const guchar *) file_sum, -1);
      g_checksum_update (sum, (const guchar *) "\n", 1);
    }
  return g_strdup (g_checksum_get_string (sum));
}

char *
yp_cache_inputs_hash_seen (GPtrArray  *inputs,
                           GArray     *seen,
                           GArray     *fingerprints,
                           GError    **error)
{
  g_autofree char *hash = NULL;

  if (!yp_cache_inputs_still_seen (inputs, seen, error))
    return NULL;
  hash = yp_cache_content_hash (inputs, fingerprints);
  if (!yp_cache_inputs_still_seen (inputs, seen, error))
    return NULL;
  return hash != NULL ? g_steal_pointer (&hash) : g_strdup ("unreadable");
}
