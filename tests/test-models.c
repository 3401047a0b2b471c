/* test-models.c: the list models emit one items-changed per batch
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "yp-record.h"

typedef struct {
  guint position, removed, added;
} Change;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GArray     *log)
{
  Change c = { position, removed, added };

  g_array_append_val (log, c);
}

static GArray *
watch (gpointer model)
{
  GArray *log = g_array_new (FALSE, FALSE, sizeof (Change));

  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), log);
  return log;
}

static void
assert_change (GArray *log,
               guint   index,
               guint   position,
               guint   removed,
               guint   added)
{
  Change *c;

  g_assert_cmpuint (index, <, log->len);
  c = &g_array_index (log, Change, index);
  g_assert_cmpuint (c->position, ==, position);
  g_assert_cmpuint (c->removed, ==, removed);
  g_assert_cmpuint (c->added, ==, added);
}

static YpEvent *
make_event (const char *id,
            gint64      anchor,
            guint       position)
{
  YpEventInfo info = {
    .id = id, .date = "2023-11-17", .precision = YP_PRECISION_DAY,
    .start = anchor, .end = anchor + 86400, .anchor = anchor,
    .title = { (char *) "제목", (char *) "Title" },
    .summary = { (char *) "요약", (char *) "Summary" },
    .category = "governance", .era = "crisis", .position = position,
  };
  return yp_event_new (&info);
}

/* The record's sources, actors and eras are GListStores: each setter
 * replaces the whole list with one items-changed. */
static void
test_record_replaces_lists_once (void)
{
  g_autoptr(YpRecord) record = yp_record_new ();
  GListModel *actors = yp_record_get_actors (record);
  g_autoptr(GArray) log = watch (actors);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(YpActor) first = NULL;
  const char *ids[] = { "a", "b", "c", "d", "e" };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    g_ptr_array_add (items, yp_actor_new (ids[i], NULL, &(YpText) { 0 }, &(YpText) { 0 }));

  g_assert_true (g_list_model_get_item_type (actors) == YP_TYPE_ACTOR);
  yp_record_set_actors (record, items);
  g_assert_cmpuint (log->len, ==, 1);
  assert_change (log, 0, 0, 0, 5);
  g_assert_cmpuint (g_list_model_get_n_items (actors), ==, 5);

  /* Three replace the five: one change for the whole list. */
  g_ptr_array_set_size (items, 3);
  yp_record_set_actors (record, items);
  g_assert_cmpuint (log->len, ==, 2);
  assert_change (log, 1, 0, 5, 3);
  g_assert_cmpuint (g_list_model_get_n_items (actors), ==, 3);
  g_assert_true (yp_record_lookup_actor (record, "c") == g_ptr_array_index (items, 2));
  g_assert_null (yp_record_lookup_actor (record, "d"));

  /* Out of range reads give NULL, not a crash. */
  g_assert_null (g_list_model_get_item (actors, 3));
  first = g_list_model_get_item (actors, 0);
  g_assert_true (first == g_ptr_array_index (items, 0));
}

static void
test_record_sorts_events_once (void)
{
  g_autoptr(YpRecord) record = yp_record_new ();
  g_autoptr(GArray) log = watch (yp_record_get_events (record));
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *model = yp_record_get_events (record);
  const char *order[] = { "b", "c", "a", "d" };

  /* File order b, c, a, d with anchors 20, 30, 10, 20: sorted a, b, d, c
   * (b before d: same instant, earlier in the file). */
  g_ptr_array_add (events, make_event ("b", 20, 0));
  g_ptr_array_add (events, make_event ("c", 30, 1));
  g_ptr_array_add (events, make_event ("a", 10, 2));
  g_ptr_array_add (events, make_event ("d", 20, 3));
  yp_record_set_events (record, events);

  g_assert_cmpuint (log->len, ==, 1);
  assert_change (log, 0, 0, 0, 4);
  {
    const char *expected[] = { "a", "b", "d", "c" };
    for (guint i = 0; i < 4; i++)
      {
        g_autoptr(YpEvent) e = g_list_model_get_item (model, i);
        g_assert_cmpstr (yp_event_get_id (e), ==, expected[i]);
        g_assert_cmpuint (yp_record_get_event_position (record, e), ==, i);
      }
  }
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    g_assert_nonnull (yp_record_lookup_event (record, order[i]));

  /* Replacing the list is again one emission: all out, all in. */
  g_ptr_array_set_size (events, 1);
  yp_record_set_events (record, events);
  g_assert_cmpuint (log->len, ==, 2);
  assert_change (log, 1, 0, 4, 1);
  g_assert_null (yp_record_lookup_event (record, "a"));
  g_assert_nonnull (yp_record_lookup_event (record, "b"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/models/record-replaces-lists-once", test_record_replaces_lists_once);
  g_test_add_func ("/models/record-sorts-events-once", test_record_sorts_events_once);
  return g_test_run ();
}
