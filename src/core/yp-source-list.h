/* yp-source-list.h: a record's sources, in file order, as a list model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two kinds of list share this type, as with YpEventList:
 *  - in memory: the sources were parsed or built by hand and all exist;
 *  - over a cache: nothing of the sources is read when the list is made
 *    but how many there are; a source object (with its article's texts)
 *    is made from its row the first time it is asked for, by position or
 *    by id, then kept for as long as the list lives. A TimelineJS
 *    document has one source a slide: opening a million of them reads
 *    none until a page, a card or the reading pane shows one.
 *
 * Main thread only, once handed to the UI.
 */
#pragma once

#include <gio/gio.h>

#include "yp-source.h"

G_BEGIN_DECLS

#define YP_TYPE_SOURCE_LIST (yp_source_list_get_type ())

G_DECLARE_FINAL_TYPE (YpSourceList, yp_source_list, YP, SOURCE_LIST, GObject)

/* The sources of @sources (YpSource, references taken), in that order. */
YpSourceList *yp_source_list_new           (GPtrArray    *sources);
/* Lists over a cache are made by the cache (yp-source-list-private.h). */

/* @self takes over the sources of @other, which is left with those
 * @self had; one items-changed for the whole list. */
void          yp_source_list_take_contents (YpSourceList *self,
                                            YpSourceList *other);

gboolean      yp_source_list_is_lazy       (YpSourceList *self);
guint         yp_source_list_get_size      (YpSourceList *self);
/* Borrowed: the list keeps the source for as long as it lives. NULL
 * past the end. */
YpSource     *yp_source_list_peek          (YpSourceList *self,
                                            guint         position);
/* Borrowed, or NULL when no source has @id. */
YpSource     *yp_source_list_lookup        (YpSourceList *self,
                                            const char   *id);
/* The source objects made so far (all of them for an in-memory list). */
guint         yp_source_list_get_n_made    (YpSourceList *self);

G_END_DECLS
