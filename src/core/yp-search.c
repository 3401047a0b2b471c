/* yp-search.c: full-text search over events and article passages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The cache holds two FTS5 tables with the trigram tokenizer: every run of
 * three characters is indexed, so any substring of three or more characters
 * is found, which is what Korean needs ("알트먼" inside "알트먼을", where
 * a word tokenizer would see one word). The index narrows and ranks the
 * candidates (bm25); the exact spans, the paragraph and the snippet are then
 * found in the texts themselves, which also covers terms of one or two
 * characters that trigrams cannot look up.
 *
 * Whatever is typed is text: terms are passed to MATCH as quoted FTS5
 * strings (quotes doubled) and as bound parameters, never spliced into SQL
 * or query syntax.
 */
#define G_LOG_DOMAIN "yp-search"

#include "config.h"

#include <string.h>

#include <sqlite3.h>

#include "yp-search.h"

#define SNIPPET_BEFORE 36
#define SNIPPET_AFTER  64

/* Results */

struct _YpSearchResult
{
  GObject             parent_instance;
  YpSearchResultKind  kind;
  char               *id;
  char               *snippet;
  GArray             *spans;     /* guint pairs */
  guint               body_start;
  guint               body_end;
};

G_DEFINE_FINAL_TYPE (YpSearchResult, yp_search_result, G_TYPE_OBJECT)

static void
yp_search_result_finalize (GObject *object)
{
  YpSearchResult *self = (YpSearchResult *) object;

  g_free (self->id);
  g_free (self->snippet);
  g_array_unref (self->spans);

  G_OBJECT_CLASS (yp_search_result_parent_class)->finalize (object);
}

static void
yp_search_result_class_init (YpSearchResultClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = yp_search_result_finalize;
}

static void
yp_search_result_init (YpSearchResult *self)
{
  self->spans = g_array_new (FALSE, FALSE, sizeof (guint));
}

YpSearchResultKind
yp_search_result_get_kind (YpSearchResult *self)
{
  g_return_val_if_fail (YP_IS_SEARCH_RESULT (self), YP_SEARCH_RESULT_EVENT);
  return self->kind;
}

const char *
yp_search_result_get_id (YpSearchResult *self)
{
  g_return_val_if_fail (YP_IS_SEARCH_RESULT (self), NULL);
  return self->id;
}

const char *
yp_search_result_get_snippet (YpSearchResult *self)
{
  g_return_val_if_fail (YP_IS_SEARCH_RESULT (self), NULL);
  return self->snippet;
}

const guint *
yp_search_result_get_spans (YpSearchResult *self,
                            guint          *n_spans)
{
  g_return_val_if_fail (YP_IS_SEARCH_RESULT (self), NULL);
  if (n_spans)
    *n_spans = self->spans->len / 2;
  return (const guint *) (gpointer) self->spans->data;
}

guint
yp_search_result_get_body_start (YpSearchResult *self)
{
  g_return_val_if_fail (YP_IS_SEARCH_RESULT (self), 0);
  return self->body_start;
}

guint
yp_search_result_get_body_end (YpSearchResult *self)
{
  g_return_val_if_fail (YP_IS_SEARCH_RESULT (self), 0);
  return self->body_end;
}

/* Query building */

static GPtrArray *
split_terms (const char *text)
{
  GPtrArray *terms = g_ptr_array_new_with_free_func (g_free);
  const char *p = text, *start = NULL;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return terms;
  for (;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean space = c == 0 || g_unichar_isspace (c);

      if (!space && start == NULL)
        start = p;
      else if (space && start != NULL)
        {
          g_ptr_array_add (terms, g_strndup (start, p - start));
          start = NULL;
        }
      if (c == 0)
        break;
    }
  return terms;
}

char *
yp_search_build_match (const char  *text,
                       GPtrArray  **short_terms)
{
  g_autoptr(GPtrArray) terms = split_terms (text);
  g_autoptr(GString) match = g_string_new (NULL);

  if (short_terms)
    *short_terms = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < terms->len; i++)
    {
      const char *term = g_ptr_array_index (terms, i);

      if (g_utf8_strlen (term, -1) < 3)
        {
          if (short_terms)
            g_ptr_array_add (*short_terms, g_strdup (term));
          continue;
        }
      if (match->len)
        g_string_append (match, " AND ");
      g_string_append_c (match, '"');
      for (const char *c = term; *c; c++)
        {
          if (*c == '"')
            g_string_append_c (match, '"');
          g_string_append_c (match, *c);
        }
      g_string_append_c (match, '"');
    }
  if (match->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&match), FALSE);
}

char *
yp_search_like_pattern (const char *term)
{
  GString *s = g_string_new ("%");

  for (const char *c = term; c && *c; c++)
    {
      if (*c == '%' || *c == '_' || *c == '\\')
        g_string_append_c (s, '\\');
      g_string_append_c (s, *c);
    }
  g_string_append_c (s, '%');
  return g_string_free (s, FALSE);
}

/* Matching in the texts: ASCII case is ignored; lowering ASCII keeps the
 * byte offsets, so they map back to the original text. */

typedef struct {
  GPtrArray *lowered;   /* the terms, ASCII-lowered */
} Terms;

static gboolean
contains_all (const char  *text,
              const Terms *terms)
{
  g_autofree char *low = NULL;

  if (text == NULL)
    return FALSE;
  low = g_ascii_strdown (text, -1);
  for (guint i = 0; i < terms->lowered->len; i++)
    if (strstr (low, g_ptr_array_index (terms->lowered, i)) == NULL)
      return FALSE;
  return TRUE;
}

static int
compare_guint_pairs (gconstpointer a,
                     gconstpointer b)
{
  const guint *x = a, *y = b;

  return x[0] < y[0] ? -1 : x[0] > y[0];
}

/* A result whose snippet is the part of @text around the first match. */
static YpSearchResult *
make_result (YpSearchResultKind  kind,
             const char         *id,
             const char         *text,
             const Terms        *terms,
             guint               text_offset)
{
  YpSearchResult *result = g_object_new (YP_TYPE_SEARCH_RESULT, NULL);
  g_autofree char *low = g_ascii_strdown (text, -1);
  g_autoptr(GArray) pairs = g_array_new (FALSE, FALSE, sizeof (guint) * 2);
  const char *first = NULL;
  gsize first_len = 0;
  glong first_char, from, to, text_chars = g_utf8_strlen (text, -1);
  const char *from_p, *to_p;

  for (guint i = 0; i < terms->lowered->len; i++)
    {
      const char *term = g_ptr_array_index (terms->lowered, i);
      const char *hit = strstr (low, term);

      if (hit != NULL && (first == NULL || hit < first))
        {
          first = hit;
          first_len = strlen (term);
        }
    }
  if (first == NULL)
    first = low;

  first_char = g_utf8_pointer_to_offset (low, first);
  from = MAX (0, first_char - SNIPPET_BEFORE);
  to = MIN (text_chars, first_char + g_utf8_strlen (first, first_len) + SNIPPET_AFTER);
  from_p = g_utf8_offset_to_pointer (text, from);
  to_p = g_utf8_offset_to_pointer (text, to);
  {
    g_autofree char *middle = g_strndup (from_p, to_p - from_p);
    g_autofree char *middle_low = g_ascii_strdown (middle, -1);
    guint prefix = from > 0 ? 1 : 0;

    result->snippet = g_strdup_printf ("%s%s%s", from > 0 ? "…" : "", middle, to < text_chars ? "…" : "");
    /* Every occurrence of every term in the snippet. */
    for (guint i = 0; i < terms->lowered->len; i++)
      {
        const char *term = g_ptr_array_index (terms->lowered, i);
        gsize tl = strlen (term);

        for (const char *h = strstr (middle_low, term); h && tl > 0; h = strstr (h + tl, term))
          {
            guint pair[2];

            pair[0] = prefix + g_utf8_pointer_to_offset (middle_low, h);
            pair[1] = pair[0] + g_utf8_strlen (h, tl);
            g_array_append_vals (pairs, pair, 1);
          }
      }
  }
  g_array_sort (pairs, compare_guint_pairs);
  for (guint i = 0; i < pairs->len; i++)
    {
      guint *pair = &g_array_index (pairs, guint, i * 2);
      guint n = result->spans->len;

      /* Merge overlapping spans. */
      if (n >= 2 && pair[0] <= g_array_index (result->spans, guint, n - 1))
        g_array_index (result->spans, guint, n - 1) = MAX (pair[1], g_array_index (result->spans, guint, n - 1));
      else
        g_array_append_vals (result->spans, pair, 2);
    }

  result->kind = kind;
  result->id = g_strdup (id);
  result->body_start = text_offset + first_char;
  result->body_end = text_offset + first_char + g_utf8_strlen (first, first_len);
  return result;
}

/* The search */

struct _YpSearch
{
  GObject    parent_instance;
  YpRecord  *record;
  sqlite3   *db;
};

G_DEFINE_FINAL_TYPE (YpSearch, yp_search, G_TYPE_OBJECT)

static void
yp_search_finalize (GObject *object)
{
  YpSearch *self = (YpSearch *) object;

  g_clear_pointer (&self->db, sqlite3_close);
  g_clear_object (&self->record);

  G_OBJECT_CLASS (yp_search_parent_class)->finalize (object);
}

static void
yp_search_class_init (YpSearchClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = yp_search_finalize;
}

static void
yp_search_init (YpSearch *self)
{
}

YpSearch *
yp_search_new (YpRecord *record)
{
  YpSearch *self;
  const char *path;

  g_return_val_if_fail (YP_IS_RECORD (record), NULL);

  self = g_object_new (YP_TYPE_SEARCH, NULL);
  self->record = g_object_ref (record);
  path = yp_record_get_cache_path (record);
  if (path != NULL &&
      sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    g_clear_pointer (&self->db, sqlite3_close);
  if (self->db != NULL)
    sqlite3_busy_timeout (self->db, 2000);
  return self;
}

gboolean
yp_search_uses_index (YpSearch *self)
{
  g_return_val_if_fail (YP_IS_SEARCH (self), FALSE);
  return self->db != NULL;
}

/* The ids the index proposes, best first; NULL on an SQL error. */
static GPtrArray *
index_candidates (YpSearch    *self,
                  const char  *table,
                  const char  *match,
                  guint        limit,
                  GError     **error)
{
  g_autofree char *sql = NULL;
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *st = NULL;
  int rc;

  /* With a limit (every term is in the MATCH, so every row the index
   * returns is a result), SQLite stops sorting after @limit rows. */
  if (match != NULL && limit > 0)
    sql = g_strdup_printf ("SELECT %s FROM %s WHERE %s MATCH ?1 ORDER BY bm25(%s) LIMIT %u",
                           g_str_equal (table, "events_fts") ? "event" : "source", table, table, table, limit);
  else if (match != NULL)
    sql = g_strdup_printf ("SELECT %s FROM %s WHERE %s MATCH ?1 ORDER BY bm25(%s)",
                           g_str_equal (table, "events_fts") ? "event" : "source", table, table, table);
  else
    sql = g_strdup_printf ("SELECT %s FROM %s", g_str_equal (table, "events_fts") ? "event" : "source", table);
  if (sqlite3_prepare_v2 (self->db, sql, -1, &st, NULL) != SQLITE_OK)
    goto fail;
  if (match != NULL)
    sqlite3_bind_text (st, 1, match, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (st, 0)));
  if (rc != SQLITE_DONE)
    goto fail;
  sqlite3_finalize (st);
  return ids;

fail:
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "search failed: %s", sqlite3_errmsg (self->db));
  sqlite3_finalize (st);
  g_ptr_array_unref (ids);
  return NULL;
}

static void
search_event (YpEvent     *event,
              const Terms *terms,
              GPtrArray   *results)
{
  const char *fields[] = {
    yp_event_get_title (event, YP_LANG_KO),
    yp_event_get_title (event, YP_LANG_EN),
    yp_event_get_summary (event, YP_LANG_KO),
    yp_event_get_summary (event, YP_LANG_EN),
  };
  g_autofree char *all = g_strjoin ("\n", fields[0], fields[1], fields[2], fields[3], NULL);

  /* Every term somewhere in the event; the snippet from the first field
   * that has one of them. */
  if (!contains_all (all, terms))
    return;
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *low = g_ascii_strdown (fields[i], -1);

      for (guint t = 0; t < terms->lowered->len; t++)
        if (strstr (low, g_ptr_array_index (terms->lowered, t)) != NULL)
          {
            g_ptr_array_add (results, make_result (YP_SEARCH_RESULT_EVENT, yp_event_get_id (event),
                                                   fields[i], terms, 0));
            return;
          }
    }
}

static void
search_source (YpSource    *source,
               const Terms *terms,
               GPtrArray   *results,
               guint        limit)
{
  const char *body = yp_source_get_body_text (source);
  const char *line = body;
  guint offset = 0;

  /* One result per paragraph that holds every term. */
  while (line != NULL && *line && results->len < limit)
    {
      const char *nl = strchr (line, '\n');
      g_autofree char *paragraph = g_strndup (line, nl ? (gsize) (nl - line) : strlen (line));
      guint chars = g_utf8_strlen (paragraph, -1);

      if (contains_all (paragraph, terms))
        g_ptr_array_add (results, make_result (YP_SEARCH_RESULT_PASSAGE, yp_source_get_id (source),
                                               paragraph, terms, offset));
      offset += chars + 1;
      line = nl ? nl + 1 : NULL;
    }
}

GPtrArray *
yp_search_run (YpSearch    *self,
               const char  *text,
               guint        limit,
               GError     **error)
{
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) all_terms = split_terms (text);
  g_autoptr(GPtrArray) short_terms = NULL;
  g_autofree char *match = NULL;
  Terms terms = { g_ptr_array_new_with_free_func (g_free) };

  g_return_val_if_fail (YP_IS_SEARCH (self), NULL);

  if (all_terms->len == 0 || limit == 0)
    {
      g_ptr_array_unref (terms.lowered);
      return g_steal_pointer (&results);
    }
  for (guint i = 0; i < all_terms->len; i++)
    g_ptr_array_add (terms.lowered, g_ascii_strdown (g_ptr_array_index (all_terms, i), -1));
  match = yp_search_build_match (text, &short_terms);

  if (self->db != NULL)
    {
      /* Short terms are checked in the texts and may drop rows: then no
       * limit in SQL. Events give one result each; sources may give many. */
      guint event_limit = short_terms->len == 0 ? limit : 0;
      g_autoptr(GPtrArray) event_ids = index_candidates (self, "events_fts", match, event_limit, error);
      g_autoptr(GPtrArray) source_ids = event_ids ? index_candidates (self, "articles_fts", match,
                                                                      event_limit, error) : NULL;

      if (event_ids == NULL || source_ids == NULL)
        {
          g_ptr_array_unref (terms.lowered);
          return NULL;
        }
      for (guint i = 0; i < event_ids->len && results->len < limit; i++)
        {
          YpEvent *e = yp_record_lookup_event (self->record, g_ptr_array_index (event_ids, i));
          if (e != NULL)
            search_event (e, &terms, results);
        }
      for (guint i = 0; i < source_ids->len && results->len < limit; i++)
        {
          YpSource *s = yp_record_lookup_source (self->record, g_ptr_array_index (source_ids, i));
          if (s != NULL)
            search_source (s, &terms, results, limit);
        }
    }
  else
    {
      /* No cache file: scan the texts, in time and file order. */
      GListModel *events = yp_record_get_events (self->record);
      GListModel *sources = yp_record_get_sources (self->record);

      for (guint i = 0; i < g_list_model_get_n_items (events) && results->len < limit; i++)
        {
          g_autoptr(YpEvent) e = g_list_model_get_item (events, i);
          search_event (e, &terms, results);
        }
      for (guint i = 0; i < g_list_model_get_n_items (sources) && results->len < limit; i++)
        {
          g_autoptr(YpSource) s = g_list_model_get_item (sources, i);
          search_source (s, &terms, results, limit);
        }
    }

  g_ptr_array_unref (terms.lowered);
  return g_steal_pointer (&results);
}
