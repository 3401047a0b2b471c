/* yp-record.c: everything one timeline file holds, as list models
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "yp-record"

#include "config.h"

#include "yp-event-list.h"
#include "yp-record.h"
#include "yp-source-list.h"

struct _YpRecord
{
  GObject       parent_instance;

  YpText        title;
  YpSourceList *sources;
  GListStore   *actors;
  GListStore   *eras;
  YpEventList  *events;
  GHashTable   *by_id[2];   /* id -> object, one table per list store */
  GPtrArray    *problems;
};

enum { BY_ACTOR, BY_ERA };

G_DEFINE_FINAL_TYPE (YpRecord, yp_record, G_TYPE_OBJECT)

static void
replace_list (YpRecord     *self,
              GListStore   *list,
              guint         table,
              GPtrArray    *items,
              const char  *(*get_id) (gpointer))
{
  g_hash_table_remove_all (self->by_id[table]);
  for (guint i = 0; items != NULL && i < items->len; i++)
    g_hash_table_insert (self->by_id[table],
                         (gpointer) get_id (g_ptr_array_index (items, i)),
                         g_ptr_array_index (items, i));
  g_list_store_splice (list, 0, g_list_model_get_n_items (G_LIST_MODEL (list)),
                       items ? items->pdata : NULL, items ? items->len : 0);
}

static void
yp_record_finalize (GObject *object)
{
  YpRecord *self = (YpRecord *) object;

  yp_text_clear (&self->title);
  for (guint i = 0; i < G_N_ELEMENTS (self->by_id); i++)
    g_clear_pointer (&self->by_id[i], g_hash_table_unref);
  g_clear_object (&self->sources);
  g_clear_object (&self->actors);
  g_clear_object (&self->eras);
  g_clear_object (&self->events);
  g_clear_pointer (&self->problems, g_ptr_array_unref);

  G_OBJECT_CLASS (yp_record_parent_class)->finalize (object);
}

static void
yp_record_class_init (YpRecordClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = yp_record_finalize;
}

static void
yp_record_init (YpRecord *self)
{
  self->sources = yp_source_list_new (NULL);
  self->actors = g_list_store_new (YP_TYPE_ACTOR);
  self->eras = g_list_store_new (YP_TYPE_ERA);
  self->events = yp_event_list_new_empty ();
  for (guint i = 0; i < G_N_ELEMENTS (self->by_id); i++)
    self->by_id[i] = g_hash_table_new (g_str_hash, g_str_equal);
  self->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) yp_problem_free);
}

YpRecord *
yp_record_new (void)
{
  return g_object_new (YP_TYPE_RECORD, NULL);
}

void
yp_record_set_title (YpRecord   *self,
                     const char *ko,
                     const char *en)
{
  g_return_if_fail (YP_IS_RECORD (self));
  yp_text_set (&self->title, ko, en);
}

const char *
yp_record_get_title (YpRecord *self,
                     YpLang    lang)
{
  g_return_val_if_fail (YP_IS_RECORD (self), NULL);
  return yp_text_get (&self->title, lang);
}

void
yp_record_set_sources (YpRecord  *self,
                       GPtrArray *sources)
{
  g_autoptr(YpSourceList) list = NULL;

  g_return_if_fail (YP_IS_RECORD (self));

  list = yp_source_list_new (sources);
  yp_source_list_take_contents (self->sources, list);
}

void
yp_record_set_source_list (YpRecord     *self,
                           YpSourceList *sources)
{
  g_return_if_fail (YP_IS_RECORD (self));
  g_return_if_fail (YP_IS_SOURCE_LIST (sources));

  yp_source_list_take_contents (self->sources, sources);
}

void
yp_record_set_actors (YpRecord  *self,
                      GPtrArray *actors)
{
  g_return_if_fail (YP_IS_RECORD (self));
  replace_list (self, self->actors, BY_ACTOR, actors, (gpointer) yp_actor_get_id);
}

void
yp_record_set_eras (YpRecord  *self,
                    GPtrArray *eras)
{
  g_return_if_fail (YP_IS_RECORD (self));
  replace_list (self, self->eras, BY_ERA, eras, (gpointer) yp_era_get_id);
}

void
yp_record_set_events (YpRecord  *self,
                      GPtrArray *events)
{
  g_autoptr(YpEventList) list = NULL;

  g_return_if_fail (YP_IS_RECORD (self));

  list = yp_event_list_new (events);
  yp_event_list_take_contents (self->events, list);
}

void
yp_record_set_event_list (YpRecord    *self,
                          YpEventList *events)
{
  g_return_if_fail (YP_IS_RECORD (self));
  g_return_if_fail (YP_IS_EVENT_LIST (events));

  yp_event_list_take_contents (self->events, events);
}

GListModel *
yp_record_get_sources (YpRecord *self)
{
  g_return_val_if_fail (YP_IS_RECORD (self), NULL);
  return G_LIST_MODEL (self->sources);
}

GListModel *
yp_record_get_actors (YpRecord *self)
{
  g_return_val_if_fail (YP_IS_RECORD (self), NULL);
  return G_LIST_MODEL (self->actors);
}

GListModel *
yp_record_get_eras (YpRecord *self)
{
  g_return_val_if_fail (YP_IS_RECORD (self), NULL);
  return G_LIST_MODEL (self->eras);
}

GListModel *
yp_record_get_events (YpRecord *self)
{
  g_return_val_if_fail (YP_IS_RECORD (self), NULL);
  return G_LIST_MODEL (self->events);
}

YpSource *
yp_record_lookup_source (YpRecord   *self,
                         const char *id)
{
  g_return_val_if_fail (YP_IS_RECORD (self), NULL);
  return yp_source_list_lookup (self->sources, id);
}

YpActor *
yp_record_lookup_actor (YpRecord   *self,
                        const char *id)
{
  g_return_val_if_fail (YP_IS_RECORD (self), NULL);
  return id ? g_hash_table_lookup (self->by_id[BY_ACTOR], id) : NULL;
}

YpEra *
yp_record_lookup_era (YpRecord   *self,
                      const char *id)
{
  g_return_val_if_fail (YP_IS_RECORD (self), NULL);
  return id ? g_hash_table_lookup (self->by_id[BY_ERA], id) : NULL;
}

YpEvent *
yp_record_lookup_event (YpRecord   *self,
                        const char *id)
{
  g_return_val_if_fail (YP_IS_RECORD (self), NULL);
  return yp_event_list_peek (self->events, yp_event_list_find_id (self->events, id));
}

guint
yp_record_get_event_position (YpRecord *self,
                              YpEvent  *event)
{
  g_return_val_if_fail (YP_IS_RECORD (self), G_MAXUINT);
  return yp_event_list_find (self->events, event);
}

void
yp_record_add_problem (YpRecord        *self,
                       const YpProblem *problem)
{
  g_return_if_fail (YP_IS_RECORD (self));
  g_ptr_array_add (self->problems, yp_problem_copy (problem));
}

GPtrArray *
yp_record_get_problems (YpRecord *self)
{
  g_return_val_if_fail (YP_IS_RECORD (self), NULL);
  return self->problems;
}

guint
yp_record_count_problems (YpRecord   *self,
                          YpSeverity  severity)
{
  guint n = 0;

  g_return_val_if_fail (YP_IS_RECORD (self), 0);

  for (guint i = 0; i < self->problems->len; i++)
    if (((YpProblem *) g_ptr_array_index (self->problems, i))->severity == severity)
      n++;
  return n;
}
