/* yp-cache-monitor.h: following a cache load or write, and stopping it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Follows a load or a cache write, and can stop it. @cancellable is
 * checked as the events are read and as they are written: a stopped
 * write leaves no cache file (nor a temporary one), and the call fails
 * with G_IO_ERROR_CANCELLED. @progress (may be NULL) is called from the
 * working thread with how many events are done of how many. */
typedef struct {
  GCancellable          *cancellable;
  GFileProgressCallback  progress;
  gpointer               progress_data;
} YpCacheMonitor;

/* Tells @monitor (may be NULL) how far the work is; FALSE with @error
 * set when its cancellable says to stop. */
gboolean  yp_cache_monitor_step (const YpCacheMonitor  *monitor,
                                 guint                  done,
                                 guint                  total,
                                 GError               **error);
/* Whether @error says the work was stopped. */
gboolean  yp_cache_is_cancelled (const GError          *error);

G_END_DECLS
