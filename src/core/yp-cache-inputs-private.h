/* yp-cache-inputs-private.h: the identity of a cache's input files;
 * private to the cache
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sys/stat.h>

#include <glib.h>

G_BEGIN_DECLS

/* What a file looked like when it was hashed; see yp-cache-inputs.c. */
typedef struct {
  gboolean valid;
  gint64   size;
  gint64   mtime_ns;
  gint64   ctime_ns;
  gint64   inode;
  gint64   device;
} YpCacheFingerprint;

void      yp_cache_fingerprint_from_stat (YpCacheFingerprint *fp,
                                          const struct stat  *st);

/* The inputs as the parse read them: one stat each, from @watched
 * (yp_file_bytes_watch_end() around the parse), taken on the descriptor
 * each file's bytes came from. An input not noted there, or noted as
 * changed while it was read, gets an invalid fingerprint. A cache written
 * later is written only if they are still so, before and after they are
 * hashed: otherwise the cache would record a new file's identity with the
 * old file's events. An array of YpCacheFingerprint, one per input. */
GArray   *yp_cache_inputs_seen           (GPtrArray  *inputs,
                                          GHashTable *watched);

/* FALSE with @error set (YP_ERROR_CHANGED) when an input is no longer as
 * @seen says. */
gboolean  yp_cache_inputs_still_seen     (GPtrArray  *inputs,
                                          GArray     *seen,
                                          GError    **error);

/* Whether every file of @inputs still matches its fingerprint in
 * @fingerprints (one per input): then their hash need not be recomputed. */
gboolean  yp_cache_inputs_unchanged      (GPtrArray  *inputs,
                                          GArray     *fingerprints);

/* SHA-256 over the app version, the schema version and every input file.
 * NULL when a file cannot be read: the cache is then stale by definition.
 * @fingerprints (may be NULL) receives one YpCacheFingerprint per input. */
char     *yp_cache_content_hash          (GPtrArray  *inputs,
                                          GArray     *fingerprints);
/* yp_cache_content_hash() of @inputs, if they are as @seen
 * (yp_cache_inputs_seen()) says before and after they are hashed:
 * otherwise NULL with @error set (YP_ERROR_CHANGED). "unreadable" when
 * a file cannot be read (the cache is then stale at its next open). */
char     *yp_cache_inputs_hash_seen      (GPtrArray  *inputs,
                                          GArray     *seen,
                                          GArray     *fingerprints,
                                          GError    **error);

G_END_DECLS
