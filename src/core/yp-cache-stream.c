/* yp-cache-stream.c: the streaming writer: a large timeline's events
 * written to a new cache file as the reader reads them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A timeline of more events than the stream threshold (yp-cache.c), or
 * whose events would take too much memory for the file's size, is not
 * kept in memory as parsed: the reader hands its events to a sink
 * (yp-event-sink.h) that writes them with the batch writer's event writer
 * (yp-cache-writer.c), and the rest of the cache is written from the
 * record once the reader is done.
 */
#define G_LOG_DOMAIN "yp-cache"

#include "config.h"

#include "yp-cache-db.h"
#include "yp-cache-inputs-private.h"
#include "yp-cache-stream-private.h"
#include "yp-error.h"

static gboolean
stream_open (YpCacheStream  *stream,
             GError        **error)
{
  stream->db = yp_cache_db_create_temp (stream->db_path, &stream->tmp_path, error);
  if (stream->db == NULL)
    return FALSE;
  if (!yp_cache_event_writer_begin (&stream->writer, stream->db, error))
    {
      yp_cache_event_writer_clear (&stream->writer);
      yp_cache_db_discard_temp (stream->db, stream->tmp_path);
      stream->db = NULL;
      g_clear_pointer (&stream->tmp_path, g_free);
      return FALSE;
    }
  return TRUE;
}

void
yp_cache_stream_discard (YpCacheStream *stream)
{
  yp_cache_event_writer_clear (&stream->writer);
  if (stream->db != NULL)
    yp_cache_db_discard_temp (stream->db, stream->tmp_path);
  stream->db = NULL;
  g_clear_pointer (&stream->tmp_path, g_free);
}

static gboolean
stream_begin (guint    n_events,
              guint64  file_bytes,
              guint64  kept_bytes,
              gpointer user_data)
{
  YpCacheStream *stream = user_data;
  g_autoptr(GError) error = NULL;

  if (yp_cache_stream_keeps (n_events, file_bytes, kept_bytes, stream->threshold))
    return FALSE;
  stream->large = TRUE;
  /* No file to write to: the events are kept, and the cache is made in
   * memory as for any timeline (load(), step 4). */
  if (!stream_open (stream, &error))
    {
      g_debug ("not streaming to %s: %s", stream->db_path, error->message);
      return FALSE;
    }
  stream->streaming = TRUE;
  return TRUE;
}

static gboolean
stream_fail (YpCacheStream  *stream,
             GError         *cause,
             GError        **error)
{
  stream->failed = TRUE;
  g_set_error (error, YP_ERROR, YP_ERROR_NOT_WRITABLE, "cannot write the cache %s: %s",
               stream->db_path, cause->message);
  g_error_free (cause);
  return FALSE;
}

static gboolean
stream_event (const YpEventInfo  *info,
              gpointer            user_data,
              GError            **error)
{
  YpCacheStream *stream = user_data;
  g_autoptr(YpEvent) event = yp_event_new (info);
  GError *local_error = NULL;

  /* Through an event object, so that what is written is what the cache
   * of a timeline kept in memory holds, to the byte. */
  if (!yp_cache_event_writer_add (&stream->writer, event, &local_error))
    return stream_fail (stream, local_error, error);
  return TRUE;
}

/* A TimelineJS slide's source, written as it is read. */
static gboolean
stream_source (YpSource  *source,
               gpointer   user_data,
               GError   **error)
{
  YpCacheStream *stream = user_data;
  GError *local_error = NULL;

  if (!yp_cache_event_writer_add_source (&stream->writer, source, &local_error))
    return stream_fail (stream, local_error, error);
  return TRUE;
}

static gboolean
stream_progress (guint      done,
                 guint      total,
                 gpointer   user_data,
                 GError   **error)
{
  YpCacheStream *stream = user_data;

  return yp_cache_monitor_step (stream->monitor, done, total, error);
}

static gboolean
stream_restart (gpointer   user_data,
                GError   **error)
{
  YpCacheStream *stream = user_data;
  GError *local_error = NULL;

  yp_cache_stream_discard (stream);
  if (!stream_open (stream, &local_error))
    return stream_fail (stream, local_error, error);
  return TRUE;
}

gboolean
yp_cache_stream_finish (YpCacheStream  *stream,
                        YpRecord       *parsed,
                        GPtrArray      *inputs,
                        GArray         *seen,
                        GError        **error)
{
  g_autoptr(GArray) fingerprints = g_array_new (FALSE, TRUE, sizeof (YpCacheFingerprint));
  g_autofree char *hash = NULL;
  GError *local_error = NULL;
  sqlite3 *db = stream->db;

  if (!yp_cache_monitor_step (stream->monitor, 1, 1, error))
    {
      yp_cache_stream_discard (stream);
      return FALSE;
    }
  /* As the batch writer: the events written are the files' only if the
   * files are still as the parse left them. */
  hash = yp_cache_inputs_hash_seen (inputs, seen, fingerprints, error);
  if (hash == NULL)
    {
      yp_cache_stream_discard (stream);
      stream->failed = TRUE;
      return FALSE;
    }
  if (!yp_cache_event_writer_finish (&stream->writer, parsed, inputs, fingerprints, hash, &local_error))
    {
      yp_cache_stream_discard (stream);
      return stream_fail (stream, local_error, error);
    }
  /* The last moment a stop leaves no cache. */
  if (!yp_cache_monitor_step (stream->monitor, 1, 1, error))
    {
      yp_cache_db_discard_temp (db, stream->tmp_path);
      stream->db = NULL;
      g_clear_pointer (&stream->tmp_path, g_free);
      return FALSE;
    }
  yp_cache_event_writer_clear (&stream->writer);
  stream->db = NULL;
  if (!yp_cache_db_put_in_place (stream->db_path, stream->tmp_path, db, &local_error))
    {
      g_clear_pointer (&stream->tmp_path, g_free);
      return stream_fail (stream, local_error, error);
    }
  g_clear_pointer (&stream->tmp_path, g_free);
  return TRUE;
}

gboolean
yp_cache_stream_keeps (guint   n_events,
                       guint64 file_bytes,
                       guint64 kept_bytes,
                       guint   max_events)
{
  guint64 budget = file_bytes > G_MAXUINT64 / YP_CACHE_KEPT_FILE_RATIO ? G_MAXUINT64
                   : MAX (file_bytes * YP_CACHE_KEPT_FILE_RATIO, YP_CACHE_KEPT_MIN_BYTES);

  return n_events <= max_events && kept_bytes <= budget;
}

void
yp_cache_stream_init (YpCacheStream        *stream,
                      const char           *db_path,
                      guint                 threshold,
                      const YpCacheMonitor *monitor,
                      YpEventSink          *sink)
{
  *stream = (YpCacheStream) { .db_path = db_path, .threshold = threshold, .monitor = monitor };
  *sink = (YpEventSink) { stream_begin, stream_event, stream_restart, stream, stream_progress, stream_source };
}
