/* yp-cache-monitor.c: following a cache load or write, and stopping it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "yp-cache"

#include "config.h"

#include "yp-cache-monitor.h"

gboolean
yp_cache_monitor_step (const YpCacheMonitor  *monitor,
                       guint                  done,
                       guint                  total,
                       GError               **error)
{
  if (monitor == NULL)
    return TRUE;
  if (monitor->progress != NULL)
    monitor->progress (done, total, monitor->progress_data);
  return !g_cancellable_set_error_if_cancelled (monitor->cancellable, error);
}

gboolean
yp_cache_is_cancelled (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}
