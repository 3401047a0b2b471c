/* yp-source-list.c: a record's sources, in file order, as a list model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Over a cache, the list holds how many sources there are and the ones
 * made so far; the cache's row reader (yp-cache-rows.c) makes each from
 * its row, checked, and finds a source's position from its id. This
 * file holds no SQL.
 */
#define G_LOG_DOMAIN "yp-source-list"

#include "config.h"

#include "yp-cache-rows.h"
#include "yp-lazy-list-private.h"
#include "yp-source-list-private.h"

struct _YpSourceList
{
  GObject         parent_instance;

  /* From here on, all moves in yp_source_list_take_contents(). */
  guint           n;
  YpSource      **items;       /* n slots; NULL until made (lazy) */
  guint           n_made;
  GHashTable     *by_id;       /* in memory: id -> YpSource */

  /* Over a cache */
  YpCacheSources *cache;       /* NULL in memory */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (YpSourceList, yp_source_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
get_item_type (GListModel *model)
{
  return YP_TYPE_SOURCE;
}

static guint
get_n_items (GListModel *model)
{
  return YP_SOURCE_LIST (model)->n;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  YpSource *source = yp_source_list_peek (YP_SOURCE_LIST (model), position);

  return source ? g_object_ref (source) : NULL;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
yp_source_list_finalize (GObject *object)
{
  YpSourceList *self = (YpSourceList *) object;

  for (guint i = 0; self->items != NULL && i < self->n; i++)
    g_clear_object (&self->items[i]);
  g_clear_pointer (&self->items, g_free);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->cache, yp_cache_sources_free);

  G_OBJECT_CLASS (yp_source_list_parent_class)->finalize (object);
}

static void
yp_source_list_class_init (YpSourceListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = yp_source_list_finalize;
}

static void
yp_source_list_init (YpSourceList *self)
{
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
}

YpSourceList *
yp_source_list_new (GPtrArray *sources)
{
  YpSourceList *self = g_object_new (YP_TYPE_SOURCE_LIST, NULL);

  self->n = sources != NULL ? sources->len : 0;
  self->items = g_new0 (YpSource *, MAX (self->n, 1));
  for (guint i = 0; i < self->n; i++)
    {
      self->items[i] = g_object_ref (g_ptr_array_index (sources, i));
      /* As a list store and a table by id did: the last of an id wins. */
      g_hash_table_insert (self->by_id, (gpointer) yp_source_get_id (self->items[i]), self->items[i]);
    }
  self->n_made = self->n;
  return self;
}

YpSourceList *
yp_source_list_new_for_cache (YpCacheDb  *db,
                              gboolean    check_all,
                              GError    **error)
{
  g_autoptr(YpSourceList) self = g_object_new (YP_TYPE_SOURCE_LIST, NULL);

  g_return_val_if_fail (db != NULL, NULL);

  self->cache = yp_cache_sources_open (db, check_all, error);
  if (self->cache == NULL)
    return NULL;
  self->n = yp_cache_sources_get_size (self->cache);
  self->items = g_new0 (YpSource *, MAX (self->n, 1));
  return g_steal_pointer (&self);
}

void
yp_source_list_take_contents (YpSourceList *self,
                              YpSourceList *other)
{
  g_return_if_fail (YP_IS_SOURCE_LIST (self));
  g_return_if_fail (YP_IS_SOURCE_LIST (other));
  g_return_if_fail (self != other);

  yp_lazy_list_swap_contents (G_LIST_MODEL (self), G_LIST_MODEL (other), G_STRUCT_OFFSET (YpSourceList, n),
                              sizeof (YpSourceList), self->n, other->n);
}

gboolean
yp_source_list_is_lazy (YpSourceList *self)
{
  g_return_val_if_fail (YP_IS_SOURCE_LIST (self), FALSE);
  return self->cache != NULL;
}

guint
yp_source_list_get_size (YpSourceList *self)
{
  g_return_val_if_fail (YP_IS_SOURCE_LIST (self), 0);
  return self->n;
}

/* The source at @position, from the cache's rows. */
static gpointer
make_source (gpointer list,
             guint    position)
{
  return yp_cache_sources_make (((YpSourceList *) list)->cache, position);
}

YpSource *
yp_source_list_peek (YpSourceList *self,
                     guint         position)
{
  g_return_val_if_fail (YP_IS_SOURCE_LIST (self), NULL);

  return yp_lazy_list_peek (self, (gpointer *) self->items, self->n, &self->n_made, position, make_source);
}

YpSource *
yp_source_list_lookup (YpSourceList *self,
                       const char   *id)
{
  YpSource *source;
  guint position;

  g_return_val_if_fail (YP_IS_SOURCE_LIST (self), NULL);

  if (id == NULL)
    return NULL;
  if (self->cache == NULL)
    return g_hash_table_lookup (self->by_id, id);
  position = yp_cache_sources_find_id (self->cache, id);
  source = yp_source_list_peek (self, position);
  /* A damaged row makes a placeholder with another id. */
  return source != NULL && g_str_equal (yp_source_get_id (source), id) ? source : NULL;
}

guint
yp_source_list_get_n_made (YpSourceList *self)
{
  g_return_val_if_fail (YP_IS_SOURCE_LIST (self), 0);
  return self->n_made;
}
