/* yp-event-list.c: a record's events, in date order, as a list model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Over a cache, the list reads the table event_columns (one row per array:
 * the anchors, starts and ends of all events, packed as native gint64, in
 * seq order) and the categories table, and nothing else of the events
 * until one is asked for. An event's row, actors and citations are then
 * read with three prepared statements by its seq, which is its position.
 *
 * A damaged cache can pass SQLite's checks with a wrong byte in a row.
 * Every event made is checked as it is made (an id, citations inside
 * their sources' texts); one that fails is logged once, naming the cache,
 * and the cache is set aside so that the next start rebuilds it. The
 * event is still given, without what is wrong, since a list model cannot
 * fail to give an item it counted.
 */
#define G_LOG_DOMAIN "yp-event-list"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "yp-cache.h"
#include "yp-event-list.h"

typedef struct {
  glong body;
  glong raw;
} SourceLengths;

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
  sqlite3      *db;
  sqlite3      *given_db;     /* while being made: the caller's, closed on success */
  char         *cache_path;
  sqlite3_stmt *event_st;
  sqlite3_stmt *actors_st;
  sqlite3_stmt *cites_st;
  sqlite3_stmt *id_st;
  YpStrPool    *pool;
  GHashTable   *source_lengths; /* id -> SourceLengths */
  GStatBuf      cache_stat;   /* the file as it was opened */
  gboolean      have_stat;
  gboolean      damaged;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (YpEventList, yp_event_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static YpEvent *make_event (YpEventList *self,
                            guint        position);

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
  g_clear_pointer (&self->event_st, sqlite3_finalize);
  g_clear_pointer (&self->actors_st, sqlite3_finalize);
  g_clear_pointer (&self->cites_st, sqlite3_finalize);
  g_clear_pointer (&self->id_st, sqlite3_finalize);
  g_clear_pointer (&self->db, sqlite3_close);
  g_clear_pointer (&self->cache_path, g_free);
  g_clear_pointer (&self->pool, yp_str_pool_unref);
  g_clear_pointer (&self->source_lengths, g_hash_table_unref);

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

static sqlite3_stmt *
prepare (sqlite3     *db,
         const char  *sql,
         GError     **error)
{
  sqlite3_stmt *st = NULL;

  if (sqlite3_prepare_v3 (db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s", sqlite3_errmsg (db));
      return NULL;
    }
  return st;
}

static const char *
col_text (sqlite3_stmt *st,
          int           col)
{
  return (const char *) sqlite3_column_text (st, col);
}

static gboolean
read_column (YpEventList  *self,
             const char   *name,
             GArray       *into,
             GError      **error)
{
  sqlite3_stmt *st = prepare (self->db, "SELECT data FROM event_columns WHERE name = ?", error);
  gboolean ok = FALSE;

  if (st == NULL)
    return FALSE;
  sqlite3_bind_text (st, 1, name, -1, SQLITE_STATIC);
  if (sqlite3_step (st) != SQLITE_ROW)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "the event column “%s” is missing", name);
  else if ((gsize) sqlite3_column_bytes (st, 0) != (gsize) self->n * sizeof (gint64))
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                 "the event column “%s” holds %d bytes for %u events", name, sqlite3_column_bytes (st, 0), self->n);
  else
    {
      g_array_set_size (into, self->n);
      if (self->n > 0)
        memcpy (into->data, sqlite3_column_blob (st, 0), (gsize) self->n * sizeof (gint64));
      ok = TRUE;
    }
  sqlite3_finalize (st);
  return ok;
}

YpEventList *
yp_event_list_new_for_cache (sqlite3     *db,
                             const char  *cache_path,
                             GError     **error)
{
  g_autoptr(YpEventList) self = g_object_new (YP_TYPE_EVENT_LIST, NULL);
  sqlite3_stmt *st;
  const gint64 *a, *s, *e;
  gint64 count;
  int rc;

  g_return_val_if_fail (db != NULL, NULL);

  self->cache_path = g_strdup (cache_path ? cache_path : "(in memory)");
  self->have_stat = cache_path != NULL && g_stat (cache_path, &self->cache_stat) == 0;
  self->pool = yp_str_pool_new ();
  self->source_lengths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  /* The events are read through a connection of our own that opens the
   * file as immutable: SQLite then takes no lock, where otherwise each
   * statement takes and drops the file's lock (two fcntl() and an
   * fstat()), which was most of the time spent making an event. The
   * file is never written once in place (yp-cache.c). @db is still
   * checked against, and closed on success. */
  if (cache_path != NULL)
    {
      g_autofree char *uri = g_filename_to_uri (cache_path, NULL, NULL);
      g_autofree char *immutable = uri ? g_strconcat (uri, "?immutable=1", NULL) : NULL;
      sqlite3 *own = NULL;

      if (immutable != NULL &&
          sqlite3_open_v2 (immutable, &own, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX,
                           NULL) == SQLITE_OK)
        {
          self->db = own;
          self->given_db = db;
        }
      else
        sqlite3_close (own);
    }
  /* Until it succeeds, @db is borrowed. */
  if (self->db == NULL)
    self->db = db;
  db = self->db;
  /* How many events: from the anchors' size, checked against the first
   * and last seq, which SQLite finds at the ends of the table's b-tree.
   * count(*) would read every page of the table (89 MB at 100,000
   * events). A row missing in between is found when its event is made. */
  st = prepare (db, "SELECT (SELECT length (data) FROM event_columns WHERE name = 'anchor'),"
                    " (SELECT min (seq) FROM events), (SELECT max (seq) FROM events)", error);
  if (st == NULL)
    goto fail;
  if (sqlite3_step (st) != SQLITE_ROW)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s", sqlite3_errmsg (db));
      sqlite3_finalize (st);
      goto fail;
    }
  if (sqlite3_column_type (st, 0) == SQLITE_NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "the event column “anchor” is missing");
      sqlite3_finalize (st);
      goto fail;
    }
  count = sqlite3_column_int64 (st, 0) / (gint64) sizeof (gint64);
  /* seq runs 0 .. n - 1: positions are seqs. */
  if (count >= G_MAXUINT / 2 ||
      (count == 0 && sqlite3_column_type (st, 2) != SQLITE_NULL) ||
      (count > 0 && (sqlite3_column_int64 (st, 1) != 0 || sqlite3_column_int64 (st, 2) != count - 1)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "the events are not numbered 0 to %" G_GINT64_FORMAT " as the event columns say", count - 1);
      sqlite3_finalize (st);
      goto fail;
    }
  sqlite3_finalize (st);
  self->n = count;

  if (!read_column (self, "anchor", self->anchors, error) ||
      !read_column (self, "start", self->starts, error) ||
      !read_column (self, "end", self->ends, error))
    goto fail;
  a = (const gint64 *) (gpointer) self->anchors->data;
  s = (const gint64 *) (gpointer) self->starts->data;
  e = (const gint64 *) (gpointer) self->ends->data;
  for (guint i = 0; i < self->n; i++)
    if (s[i] > a[i] || a[i] > e[i] || (i > 0 && a[i] < a[i - 1]))
      {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                     "the event columns are out of order at event %u", i);
        goto fail;
      }

  st = prepare (db, "SELECT name FROM categories ORDER BY seq", error);
  if (st == NULL)
    goto fail;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    g_ptr_array_add (self->categories, g_strdup (col_text (st, 0) ? col_text (st, 0) : ""));
  sqlite3_finalize (st);
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s", sqlite3_errmsg (db));
      goto fail;
    }

  /* Source texts' lengths in characters, to check citations against. */
  st = prepare (db, "SELECT id, length (body_text), length (raw_text) FROM sources", error);
  if (st == NULL)
    goto fail;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    if (col_text (st, 0) != NULL)
      {
        SourceLengths *len = g_new (SourceLengths, 1);

        len->body = sqlite3_column_int64 (st, 1);
        len->raw = sqlite3_column_int64 (st, 2);
        g_hash_table_insert (self->source_lengths, g_strdup (col_text (st, 0)), len);
      }
  sqlite3_finalize (st);
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s", sqlite3_errmsg (db));
      goto fail;
    }

  if (!(self->event_st = prepare (db, "SELECT id, date, precision, timezone, earliest, latest, start, end,"
                                      " anchor, date_note_ko, date_note_en, title_ko, title_en, summary_ko,"
                                      " summary_en, category, era, status, publication_of, position"
                                      " FROM events WHERE seq = ?", error)) ||
      !(self->actors_st = prepare (db, "SELECT actor FROM event_actors WHERE event = ? ORDER BY seq", error)) ||
      !(self->cites_st = prepare (db, "SELECT source, quote, body_start, body_end, raw_start, raw_end"
                                      " FROM citations WHERE event = ? ORDER BY seq", error)) ||
      !(self->id_st = prepare (db, "SELECT seq FROM events WHERE id = ?", error)))
    goto fail;

  self->items = g_new0 (YpEvent *, MAX (self->n, 1));
  g_clear_pointer (&self->given_db, sqlite3_close);
  return g_steal_pointer (&self);

fail:
  g_clear_pointer (&self->event_st, sqlite3_finalize);
  g_clear_pointer (&self->actors_st, sqlite3_finalize);
  g_clear_pointer (&self->cites_st, sqlite3_finalize);
  g_clear_pointer (&self->id_st, sqlite3_finalize);
  if (self->given_db != NULL)
    g_clear_pointer (&self->db, sqlite3_close);
  self->db = NULL;
  self->given_db = NULL;
  return NULL;
}

static void
set_damaged (YpEventList *self,
             const char  *what)
{
  if (self->damaged)
    return;
  self->damaged = TRUE;
  g_warning ("The cache %s is damaged (%s); it will be rebuilt the next time the timeline is opened",
             self->cache_path, what);
  if (self->have_stat)
    yp_cache_set_aside (self->cache_path, &self->cache_stat);
}

static gboolean
citation_fits (YpEventList          *self,
               const YpCitationInfo *c)
{
  const SourceLengths *len = g_hash_table_lookup (self->source_lengths, c->source_id);

  return len != NULL && c->body_start <= c->body_end && c->body_end <= (guint64) len->body &&
         c->raw_start <= c->raw_end && c->raw_end <= (guint64) len->raw;
}

static YpEvent *
make_event (YpEventList *self,
            guint        position)
{
  g_autoptr(GPtrArray) actors = g_ptr_array_new ();
  g_autoptr(GArray) cites = g_array_new (FALSE, FALSE, sizeof (YpCitationInfo));
  g_autofree char *fallback_id = NULL;
  sqlite3_stmt *st = self->event_st;
  YpEventInfo info = { 0 };
  YpEvent *event;
  int rc;

  sqlite3_bind_int64 (st, 1, position);
  if (sqlite3_step (st) == SQLITE_ROW)
    info = (YpEventInfo) {
      .id = col_text (st, 0),
      .date = col_text (st, 1),
      .precision = CLAMP (sqlite3_column_int (st, 2), YP_PRECISION_EXACT, YP_PRECISION_APPROXIMATE),
      .timezone = col_text (st, 3),
      .earliest = col_text (st, 4),
      .latest = col_text (st, 5),
      .date_note = { (char *) col_text (st, 9), (char *) col_text (st, 10) },
      .title = { (char *) col_text (st, 11), (char *) col_text (st, 12) },
      .summary = { (char *) col_text (st, 13), (char *) col_text (st, 14) },
      .category = col_text (st, 15),
      .era = col_text (st, 16),
      .status = col_text (st, 17),
      .publication_of = col_text (st, 18),
      .position = sqlite3_column_int (st, 19),
    };
  /* The times the list was built on, whatever the row says. */
  info.start = g_array_index (self->starts, gint64, position);
  info.end = g_array_index (self->ends, gint64, position);
  info.anchor = g_array_index (self->anchors, gint64, position);
  if (info.id == NULL)
    {
      set_damaged (self, sqlite3_errcode (self->db) != SQLITE_OK && sqlite3_errcode (self->db) != SQLITE_ROW &&
                         sqlite3_errcode (self->db) != SQLITE_DONE
                         ? sqlite3_errmsg (self->db) : "an event row is missing or has no id");
      info.id = fallback_id = g_strdup_printf ("damaged-%u", position);
      info.status = "unconfirmed";
    }

  sqlite3_bind_int64 (self->actors_st, 1, position);
  while ((rc = sqlite3_step (self->actors_st)) == SQLITE_ROW)
    if (col_text (self->actors_st, 0) != NULL)
      g_ptr_array_add (actors, (gpointer) yp_str_pool_intern (self->pool, col_text (self->actors_st, 0)));
  if (rc != SQLITE_DONE)
    set_damaged (self, sqlite3_errmsg (self->db));
  g_ptr_array_add (actors, NULL);
  info.actors = (const char * const *) actors->pdata;

  sqlite3_bind_int64 (self->cites_st, 1, position);
  while ((rc = sqlite3_step (self->cites_st)) == SQLITE_ROW)
    {
      YpCitationInfo c = {
        .source_id = col_text (self->cites_st, 0),
        .quote = col_text (self->cites_st, 1),
        .body_start = sqlite3_column_int (self->cites_st, 2),
        .body_end = sqlite3_column_int (self->cites_st, 3),
        .raw_start = sqlite3_column_int (self->cites_st, 4),
        .raw_end = sqlite3_column_int (self->cites_st, 5),
      };

      if (c.source_id == NULL || c.quote == NULL || !citation_fits (self, &c))
        {
          g_autofree char *what = g_strdup_printf ("a citation of event “%s” lies outside its source", info.id);

          set_damaged (self, what);
          continue;
        }
      c.source_id = yp_str_pool_intern (self->pool, c.source_id);
      c.quote = yp_str_pool_intern (self->pool, c.quote);
      g_array_append_val (cites, c);
    }
  if (rc != SQLITE_DONE)
    set_damaged (self, sqlite3_errmsg (self->db));
  info.citations = (const YpCitationInfo *) (gpointer) cites->data;
  info.n_citations = cites->len;

  event = yp_event_new_with_pool (&info, self->pool);
  sqlite3_reset (st);
  sqlite3_reset (self->actors_st);
  sqlite3_reset (self->cites_st);
  return event;
}

void
yp_event_list_take_contents (YpEventList *self,
                             YpEventList *other)
{
  guint removed, added;
  YpEventList tmp;
  const gsize skip = G_STRUCT_OFFSET (YpEventList, n);

  g_return_if_fail (YP_IS_EVENT_LIST (self));
  g_return_if_fail (YP_IS_EVENT_LIST (other));
  g_return_if_fail (self != other);

  removed = self->n;
  added = other->n;
  /* Everything but the GObject part changes hands; @other gets ours, to
   * free when it goes. */
  memcpy ((char *) &tmp + skip, (char *) self + skip, sizeof tmp - skip);
  memcpy ((char *) self + skip, (char *) other + skip, sizeof tmp - skip);
  memcpy ((char *) other + skip, (char *) &tmp + skip, sizeof tmp - skip);
  if (removed > 0 || added > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, added);
}

gboolean
yp_event_list_is_lazy (YpEventList *self)
{
  g_return_val_if_fail (YP_IS_EVENT_LIST (self), FALSE);
  return self->db != NULL;
}

guint
yp_event_list_get_size (YpEventList *self)
{
  g_return_val_if_fail (YP_IS_EVENT_LIST (self), 0);
  return self->n;
}

YpEvent *
yp_event_list_peek (YpEventList *self,
                    guint        position)
{
  g_return_val_if_fail (YP_IS_EVENT_LIST (self), NULL);

  if (position >= self->n)
    return NULL;
  if (self->items[position] == NULL)
    {
      self->items[position] = make_event (self, position);
      g_hash_table_insert (self->positions, self->items[position], GUINT_TO_POINTER (position + 1));
      self->n_made++;
    }
  return self->items[position];
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
  if (self->db == NULL)
    {
      YpEvent *event = g_hash_table_lookup (self->by_id, id);

      return event ? yp_event_list_find (self, event) : G_MAXUINT;
    }
  sqlite3_bind_text (self->id_st, 1, id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (self->id_st) == SQLITE_ROW)
    {
      gint64 seq = sqlite3_column_int64 (self->id_st, 0);

      if (seq >= 0 && seq < self->n)
        position = seq;
    }
  sqlite3_reset (self->id_st);
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

/* " AND column IN (?, ?, ...)" for the keys of @set, collected in @values
 * in the order of the placeholders. */
static void
append_in (GString    *sql,
           const char *column,
           GHashTable *set,
           GPtrArray  *values)
{
  GHashTableIter iter;
  gpointer key;
  gboolean first = TRUE;

  g_string_append_printf (sql, "%s IN (", column);
  g_hash_table_iter_init (&iter, set);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_string_append (sql, first ? "?" : ", ?");
      g_ptr_array_add (values, key);
      first = FALSE;
    }
  g_string_append_c (sql, ')');
}

static GArray *
filter_in_cache (YpEventList         *self,
                 const YpEventFilter *filter)
{
  g_autoptr(GString) sql = g_string_new ("SELECT seq FROM events e WHERE 1");
  g_autoptr(GPtrArray) values = g_ptr_array_new ();
  GArray *positions = g_array_new (FALSE, FALSE, sizeof (guint));
  sqlite3_stmt *st = NULL;
  int rc;

  if (set_active (filter->categories))
    {
      g_string_append (sql, " AND ");
      append_in (sql, "coalesce (e.category, '')", filter->categories, values);
    }
  if (set_active (filter->actors))
    {
      g_string_append (sql, " AND EXISTS (SELECT 1 FROM event_actors a WHERE a.event = e.seq AND ");
      append_in (sql, "a.actor", filter->actors, values);
      g_string_append_c (sql, ')');
    }
  if (set_active (filter->sources))
    {
      g_string_append (sql, " AND EXISTS (SELECT 1 FROM citations c WHERE c.event = e.seq AND ");
      append_in (sql, "c.source", filter->sources, values);
      g_string_append_c (sql, ')');
    }
  g_string_append (sql, " ORDER BY seq");

  if (sqlite3_prepare_v2 (self->db, sql->str, -1, &st, NULL) != SQLITE_OK)
    {
      set_damaged (self, sqlite3_errmsg (self->db));
      return positions;
    }
  for (guint i = 0; i < values->len; i++)
    sqlite3_bind_text (st, i + 1, g_ptr_array_index (values, i), -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      gint64 seq = sqlite3_column_int64 (st, 0);
      guint position = seq;

      if (seq >= 0 && seq < self->n)
        g_array_append_val (positions, position);
    }
  if (rc != SQLITE_DONE)
    set_damaged (self, sqlite3_errmsg (self->db));
  sqlite3_finalize (st);
  return positions;
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
  if (self->db != NULL)
    return filter_in_cache (self, filter);

  positions = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < self->n; i++)
    if (event_passes (self->items[i], filter))
      g_array_append_val (positions, i);
  return positions;
}

void
yp_event_list_foreach_citation_of (YpEventList          *self,
                                   const char           *source_id,
                                   YpSourceCitationFunc  func,
                                   gpointer              user_data)
{
  sqlite3_stmt *st = NULL;
  int rc;

  g_return_if_fail (YP_IS_EVENT_LIST (self));
  g_return_if_fail (func != NULL);

  if (source_id == NULL)
    return;
  if (self->db == NULL)
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

  if (sqlite3_prepare_v2 (self->db, "SELECT event, source, quote, body_start, body_end, raw_start, raw_end, seq"
                                    " FROM citations WHERE source = ? ORDER BY event, seq", -1, &st, NULL) != SQLITE_OK)
    {
      set_damaged (self, sqlite3_errmsg (self->db));
      return;
    }
  sqlite3_bind_text (st, 1, source_id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      gint64 seq = sqlite3_column_int64 (st, 0);
      YpCitationInfo c = {
        .source_id = col_text (st, 1),
        .quote = col_text (st, 2),
        .body_start = sqlite3_column_int (st, 3),
        .body_end = sqlite3_column_int (st, 4),
        .raw_start = sqlite3_column_int (st, 5),
        .raw_end = sqlite3_column_int (st, 6),
      };
      YpSourceCitation sc = { (guint) seq, (guint) sqlite3_column_int (st, 7), &c };

      if (seq < 0 || seq >= self->n || c.source_id == NULL || c.quote == NULL || !citation_fits (self, &c))
        {
          set_damaged (self, "a citation lies outside its source");
          continue;
        }
      func (&sc, user_data);
    }
  if (rc != SQLITE_DONE)
    set_damaged (self, sqlite3_errmsg (self->db));
  sqlite3_finalize (st);
}
