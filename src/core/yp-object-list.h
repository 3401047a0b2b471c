/* yp-object-list.h: a GListModel over an array of objects
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define YP_TYPE_OBJECT_LIST (yp_object_list_get_type ())

G_DECLARE_FINAL_TYPE (YpObjectList, yp_object_list, YP, OBJECT_LIST, GObject)

YpObjectList *yp_object_list_new     (GType          item_type);
/* Replaces @n_removed items at @position with @n_added items taken from
 * @additions (references are added), emitting one items-changed. */
void          yp_object_list_splice  (YpObjectList  *self,
                                      guint          position,
                                      guint          n_removed,
                                      gpointer      *additions,
                                      guint          n_added);
/* Borrowed access to an item, without the ref get_item adds. */
gpointer      yp_object_list_peek    (YpObjectList  *self,
                                      guint          position);
guint         yp_object_list_get_size (YpObjectList *self);
/* The position of @item, or G_MAXUINT. */
guint         yp_object_list_find    (YpObjectList  *self,
                                      gpointer       item);

G_END_DECLS
