/* yp-event-list.c: a record's events, in date order, as a list model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Over a cache, the list holds the anchors, starts and ends of all events
 * and the categories, and nothing else of the events until one is asked
 * for; the cache's row reader (yp-cache-rows.c) then makes it from its
 * rows, checked, and answers the filters and lookups that need every
 * event. This file holds no SQL.
 */
#define G_LOG_DOMAIN "yp-event-list"

#include "config.h"

#include "yp-cache-rows.h"
#include "yp-event-list-private.h"
#include "yp-lazy-list-private.h"
#include "yp-str-pool.h"

struct _YpEventList
{
  GObject       parent_instance;

  /* From here on, all moves in yp_event_list_take_contents(). */
  guint         n;
  YpEvent     **items;        /* n slots; NULL until made (lazy) */
  guint         n_made;
  GHashTable   *positions;    /* YpEvent -> position + 1 */
  GHashTable   *by_id;        /* in memory: id -> YpEvent */
  GArray       *anchors;      /* gint64 */
  GArray       *starts;
  GArray       *ends;
  GPtrArray    *categories;   /* (char *) */

  /* Over a cache */
  YpCacheEvents *cache;       /* NULL in memory */
  YpCacheDb    *cache_db;     /* the cache read, or written for search */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (YpEventList, yp_event_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
get_item_type (GListModel *model)
{
  return YP_TYPE_EVENT;
}

static guint
get_n_items (GListModel *model)
{
  return YP_EVENT_LIST (model)->n;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  YpEvent *event = yp_event_list_peek (YP_EVENT_LIST (model), position);

  return event ? g_object_ref (event) : NULL;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
yp_event_list_finalize (GObject *object)
{
  YpEventList *self = (YpEventList *) object;

  for (guint i = 0; self->items != NULL && i < self->n; i++)
    g_clear_object (&self->items[i]);
  g_clear_pointer (&self->items, g_free);
  g_clear_pointer (&self->positions, g_hash_table_unref);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->anchors, g_array_unref);
  g_clear_pointer (&self->starts, g_array_unref);
  g_clear_pointer (&self->ends, g_array_unref);
  g_clear_pointer (&self->categories, g_ptr_array_unref);
  g_clear_pointer (&self->cache, yp_cache_events_free);
  g_clear_pointer (&self->cache_db, yp_cache_db_unref);

  G_OBJECT_CLASS (yp_event_list_parent_class)->finalize (object);
}

static void
yp_event_list_class_init (YpEventListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = yp_event_list_finalize;
}

static void
yp_event_list_init (YpEventList *self)
{
  self->positions = g_hash_table_new (NULL, NULL);
  self->anchors = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->starts = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->ends = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->categories = g_ptr_array_new_with_free_func (g_free);
}

/* In memory */

YpEventList *
yp_event_list_new (GPtrArray *events)
{
  YpEventList *self = g_object_new (YP_TYPE_EVENT_LIST, NULL);
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; events != NULL && i < events->len; i++)
    g_ptr_array_add (sorted, g_ptr_array_index (events, i));
  g_ptr_array_sort (sorted, yp_event_compare);

  self->n = sorted->len;
  self->items = g_new0 (YpEvent *, MAX (self->n, 1));
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_array_set_size (self->anchors, self->n);
  g_array_set_size (self->starts, self->n);
  g_array_set_size (self->ends, self->n);
  for (guint i = 0; i < self->n; i++)
    {
      YpEvent *event = g_ptr_array_index (sorted, i);
      const char *category = yp_event_get_category (event) ? yp_event_get_category (event) : "";

      self->items[i] = g_object_ref (event);
      g_hash_table_insert (self->positions, event, GUINT_TO_POINTER (i + 1));
      g_hash_table_insert (self->by_id, (gpointer) yp_event_get_id (event), event);
      g_array_index (self->anchors, gint64, i) = yp_event_get_anchor (event);
      g_array_index (self->starts, gint64, i) = yp_event_get_start (event);
      g_array_index (self->ends, gint64, i) = yp_event_get_end (event);
      if (!g_hash_table_contains (seen, category))
        {
          char *copy = g_strdup (category);

          g_ptr_array_add (self->categories, copy);
          g_hash_table_add (seen, copy);
        }
    }
  self->n_made = self->n;
  return self;
}

/* Over a cache */

YpEventList *
yp_event_list_new_for_cache (YpCacheDb  *db,
                             gboolean    check_all,
                             GError    **error)
{
  g_autoptr(YpEventList) self = g_object_new (YP_TYPE_EVENT_LIST, NULL);

  g_return_val_if_fail (db != NULL, NULL);

  self->cache = yp_cache_events_open (db, check_all, self->anchors, self->starts, self->ends,
                                      self->categories, error);
  if (self->cache == NULL)
    return NULL;
  self->cache_db = yp_cache_db_ref (db);
  self->n = yp_cache_events_get_size (self->cache);
  self->items = g_new0 (YpEvent *, MAX (self->n, 1));
  return g_steal_pointer (&self);
}

YpCacheDb *
yp_event_list_get_cache_db (YpEventList *self)
{
  g_return_val_if_fail (YP_IS_EVENT_LIST (self), NULL);
  return self->cache_db;
}

void
yp_event_list_set_cache_db (YpEventList *self,
                            YpCacheDb   *db)
{
  g_return_if_fail (YP_IS_EVENT_LIST (self));
  g_return_if_fail (self->cache == NULL);

  if (db != NULL)
    yp_cache_db_ref (db);
  g_clear_pointer (&self->cache_db, yp_cache_db_unref);
  self->cache_db = db;
}

gboolean
yp_event_list_is_damaged (YpEventList *self)
{
  g_return_val_if_fail (YP_IS_EVENT_LIST (self), FALSE);
  return self->cache_db != NULL && yp_cache_db_is_damaged (self->cache_db);
}

void
yp_event_list_take_contents (YpEventList *self,
                             YpEventList *other)
{
  g_return_if_fail (YP_IS_EVENT_LIST (self));
  g_return_if_fail (YP_IS_EVENT_LIST (other));
  g_return_if_fail (self != other);

  /* Everything but the GObject part changes hands; @other gets ours, to
   * free when it goes. */
  yp_lazy_list_swap_contents (G_LIST_MODEL (self), G_LIST_MODEL (other), G_STRUCT_OFFSET (YpEventList, n),
                              sizeof (YpEventList), self->n, other->n);
}

gboolean
yp_event_list_is_lazy (YpEventList *self)
{
  g_return_val_if_fail (YP_IS_EVENT_LIST (self), FALSE);
  return self->cache != NULL;
}

guint
yp_event_list_get_size (YpEventList *self)
{
  g_return_val_if_fail (YP_IS_EVENT_LIST (self), 0);
  return self->n;
}

/* The event at @position, from the cache's rows, remembered by its
 * position. */
static gpointer
make_event (gpointer list,
            guint    position)
{
  YpEventList *self = list;
  YpEvent *event = yp_cache_events_make (self->cache, NULL, position,
                                         g_array_index (self->anchors, gint64, position),
                                         g_array_index (self->starts, gint64, position),
                                         g_array_index (self->ends, gint64, position));

  g_hash_table_insert (self->positions, event, GUINT_TO_POINTER (position + 1));
  return event;
}

YpEvent *
yp_event_list_peek (YpEventList *self,
                    guint        position)
{
  g_return_val_if_fail (YP_IS_EVENT_LIST (self), NULL);

  return yp_lazy_list_peek (self, (gpointer *) self->items, self->n, &self->n_made, position, make_event);
}

YpEvent *
yp_event_list_dup_unkept (YpEventList *self,
                          guint        position)
{
  YpStrPool *pool;
  YpEvent *event;

  g_return_val_if_fail (YP_IS_EVENT_LIST (self), NULL);

  if (position >= self->n)
    return NULL;
  if (self->items[position] != NULL)
    return g_object_ref (self->items[position]);
  /* A pool of its own, freed with the event: the list's keeps growing. */
  pool = yp_str_pool_new ();
  event = yp_cache_events_make (self->cache, pool, position,
                                g_array_index (self->anchors, gint64, position),
                                g_array_index (self->starts, gint64, position),
                                g_array_index (self->ends, gint64, position));
  yp_str_pool_unref (pool);
  return event;
}

guint
yp_event_list_get_n_made (YpEventList *self)
{
  g_return_val_if_fail (YP_IS_EVENT_LIST (self), 0);
  return self->n_made;
}

const gint64 *
yp_event_list_get_anchors (YpEventList *self)
{
  g_return_val_if_fail (YP_IS_EVENT_LIST (self), NULL);
  return (const gint64 *) (gpointer) self->anchors->data;
}

const gint64 *
yp_event_list_get_starts (YpEventList *self)
{
  g_return_val_if_fail (YP_IS_EVENT_LIST (self), NULL);
  return (const gint64 *) (gpointer) self->starts->data;
}

const gint64 *
yp_event_list_get_ends (YpEventList *self)
{
  g_return_val_if_fail (YP_IS_EVENT_LIST (self), NULL);
  return (const gint64 *) (gpointer) self->ends->data;
}

guint
yp_event_list_find_id (YpEventList *self,
                       const char  *id)
{
  guint position = G_MAXUINT;

  g_return_val_if_fail (YP_IS_EVENT_LIST (self), G_MAXUINT);

  if (id == NULL)
    return G_MAXUINT;
  if (self->cache == NULL)
    {
      YpEvent *event = g_hash_table_lookup (self->by_id, id);

      return event ? yp_event_list_find (self, event) : G_MAXUINT;
    }
  position = yp_cache_events_find_id (self->cache, id);
  /* A damaged row could name another event's id: trust only a match. */
  if (position != G_MAXUINT && g_strcmp0 (yp_event_get_id (yp_event_list_peek (self, position)), id) != 0)
    return G_MAXUINT;
  return position;
}

guint
yp_event_list_find (YpEventList *self,
                    YpEvent     *event)
{
  gpointer value;

  g_return_val_if_fail (YP_IS_EVENT_LIST (self), G_MAXUINT);

  if (event == NULL || !g_hash_table_lookup_extended (self->positions, event, NULL, &value))
    return G_MAXUINT;
  return GPOINTER_TO_UINT (value) - 1;
}

GPtrArray *
yp_event_list_get_categories (YpEventList *self)
{
  g_return_val_if_fail (YP_IS_EVENT_LIST (self), NULL);
  return self->categories;
}

static gboolean
set_active (GHashTable *set)
{
  return set != NULL && g_hash_table_size (set) > 0;
}

static gboolean
event_passes (YpEvent             *event,
              const YpEventFilter *filter)
{
  if (set_active (filter->categories) &&
      !g_hash_table_contains (filter->categories, yp_event_get_category (event) ? yp_event_get_category (event) : ""))
    return FALSE;
  if (set_active (filter->actors))
    {
      gboolean any = FALSE;

      for (const char * const *a = yp_event_get_actors (event); *a && !any; a++)
        any = g_hash_table_contains (filter->actors, *a);
      if (!any)
        return FALSE;
    }
  if (set_active (filter->sources))
    {
      gboolean any = FALSE;

      for (guint i = 0; i < yp_event_get_n_citations (event) && !any; i++)
        any = g_hash_table_contains (filter->sources, yp_event_get_citation_info (event, i)->source_id);
      if (!any)
        return FALSE;
    }
  return TRUE;
}

GArray *
yp_event_list_filter (YpEventList         *self,
                      const YpEventFilter *filter)
{
  GArray *positions;

  g_return_val_if_fail (YP_IS_EVENT_LIST (self), NULL);

  if (filter == NULL ||
      (!set_active (filter->categories) && !set_active (filter->actors) && !set_active (filter->sources)))
    {
      positions = g_array_sized_new (FALSE, FALSE, sizeof (guint), self->n);
      g_array_set_size (positions, self->n);
      for (guint i = 0; i < self->n; i++)
        g_array_index (positions, guint, i) = i;
      return positions;
    }
  if (self->cache != NULL)
    return yp_cache_events_filter (self->cache, filter->categories, filter->actors, filter->sources);

  positions = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < self->n; i++)
    if (event_passes (self->items[i], filter))
      g_array_append_val (positions, i);
  return positions;
}

typedef struct {
  YpSourceCitationFunc func;
  gpointer             user_data;
} ForeachData;

static void
citation_found_cb (guint                 position,
                   guint                 index,
                   const YpCitationInfo *citation,
                   gpointer              user_data)
{
  ForeachData *data = user_data;
  YpSourceCitation sc = { position, index, citation };

  data->func (&sc, data->user_data);
}

void
yp_event_list_foreach_citation_of (YpEventList          *self,
                                   const char           *source_id,
                                   YpSourceCitationFunc  func,
                                   gpointer              user_data)
{
  g_return_if_fail (YP_IS_EVENT_LIST (self));
  g_return_if_fail (func != NULL);

  if (source_id == NULL)
    return;
  if (self->cache == NULL)
    {
      for (guint i = 0; i < self->n; i++)
        for (guint j = 0; j < yp_event_get_n_citations (self->items[i]); j++)
          {
            YpSourceCitation sc = { i, j, yp_event_get_citation_info (self->items[i], j) };

            if (g_strcmp0 (sc.citation->source_id, source_id) == 0)
              func (&sc, user_data);
          }
      return;
    }

  {
    ForeachData data = { func, user_data };

    yp_cache_events_foreach_citation_of (self->cache, source_id, citation_found_cb, &data);
  }
}
