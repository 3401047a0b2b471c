/* yp-object-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "yp-object-list"

#include "config.h"

#include "yp-object-list.h"

struct _YpObjectList
{
  GObject    parent_instance;
  GType      item_type;
  GPtrArray *items;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (YpObjectList, yp_object_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
yp_object_list_get_item_type (GListModel *model)
{
  return YP_OBJECT_LIST (model)->item_type;
}

static guint
yp_object_list_get_n_items (GListModel *model)
{
  return YP_OBJECT_LIST (model)->items->len;
}

static gpointer
yp_object_list_get_item (GListModel *model,
                         guint       position)
{
  YpObjectList *self = YP_OBJECT_LIST (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = yp_object_list_get_item_type;
  iface->get_n_items = yp_object_list_get_n_items;
  iface->get_item = yp_object_list_get_item;
}

static void
yp_object_list_finalize (GObject *object)
{
  YpObjectList *self = (YpObjectList *) object;

  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (yp_object_list_parent_class)->finalize (object);
}

static void
yp_object_list_class_init (YpObjectListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = yp_object_list_finalize;
}

static void
yp_object_list_init (YpObjectList *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}

YpObjectList *
yp_object_list_new (GType item_type)
{
  YpObjectList *self;

  g_return_val_if_fail (g_type_is_a (item_type, G_TYPE_OBJECT), NULL);

  self = g_object_new (YP_TYPE_OBJECT_LIST, NULL);
  self->item_type = item_type;
  return self;
}

void
yp_object_list_splice (YpObjectList  *self,
                       guint          position,
                       guint          n_removed,
                       gpointer      *additions,
                       guint          n_added)
{
  g_return_if_fail (YP_IS_OBJECT_LIST (self));
  g_return_if_fail (position <= self->items->len);
  g_return_if_fail (n_removed <= self->items->len - position);

  if (n_removed > 0)
    g_ptr_array_remove_range (self->items, position, n_removed);
  for (guint i = 0; i < n_added; i++)
    {
      g_return_if_fail (G_TYPE_CHECK_INSTANCE_TYPE (additions[i], self->item_type));
      g_ptr_array_insert (self->items, position + i, g_object_ref (additions[i]));
    }
  if (n_removed > 0 || n_added > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), position, n_removed, n_added);
}

gpointer
yp_object_list_peek (YpObjectList *self,
                     guint         position)
{
  g_return_val_if_fail (YP_IS_OBJECT_LIST (self), NULL);

  if (position >= self->items->len)
    return NULL;
  return g_ptr_array_index (self->items, position);
}

guint
yp_object_list_get_size (YpObjectList *self)
{
  g_return_val_if_fail (YP_IS_OBJECT_LIST (self), 0);
  return self->items->len;
}

guint
yp_object_list_find (YpObjectList *self,
                     gpointer      item)
{
  guint index;

  g_return_val_if_fail (YP_IS_OBJECT_LIST (self), G_MAXUINT);

  if (g_ptr_array_find (self->items, item, &index))
    return index;
  return G_MAXUINT;
}
