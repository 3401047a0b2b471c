/* yp-cache-private.h: what the tests may change in the cache's behaviour
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Not for the app: these exist so that the tests can reach paths that
 * real timelines reach only at sizes a test should not build.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Timelines with more events than @n_events (by default
 * YP_CACHE_PARSED_FIRST_MAX) have them written to their cache as they are
 * read, none kept in memory; a cache that cannot be written that way is
 * made in memory from the file read again. Not thread-safe. */
void yp_cache_set_stream_threshold (guint n_events);

G_END_DECLS
