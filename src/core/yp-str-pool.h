/* yp-str-pool.h: one timeline's strings, stored once and freed together
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A record of 100,000 events repeats a handful of values (a category, an
 * era id, a source id, the same quote) on every event, and a malloc'd copy
 * of each costs its bytes plus the allocator's header. A pool keeps one
 * copy of each interned string, and packs everything it is given into a
 * few large blocks that are freed at once when the last reference goes.
 *
 * A pool belongs to the objects built from one file: it is not global, so
 * what a user's file holds is freed with it. Everything it returns stays
 * valid and unchanged while a reference is held; each event keeps one, so
 * its strings outlive the record it came from.
 *
 * Not thread-safe, except for ref and unref: a pool is filled by the one
 * thread that builds a record.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _YpStrPool YpStrPool;

YpStrPool  *yp_str_pool_new     (void);
YpStrPool  *yp_str_pool_ref     (YpStrPool  *self);
void        yp_str_pool_unref   (YpStrPool  *self);
/* The pool's one copy of @str (NULL for NULL): equal strings give the same
 * pointer. */
const char *yp_str_pool_intern  (YpStrPool  *self,
                                 const char *str);
/* @size bytes aligned for any pointer or 64-bit integer, uninitialised,
 * freed with the pool. */
gpointer    yp_str_pool_alloc   (YpStrPool  *self,
                                 gsize       size);
/* Bytes taken from the system for the pool's blocks, for the tests. */
gsize       yp_str_pool_get_size (YpStrPool *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (YpStrPool, yp_str_pool_unref)

G_END_DECLS
