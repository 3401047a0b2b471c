/* yp-search.c: full-text search over events and article passages: the
 * query, the indexes, the ranking and the run
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The cache holds two FTS5 tables with the trigram tokenizer: every run of
 * three characters is indexed, so any substring of three or more characters
 * is found, which is what Korean needs ("알트먼" inside "알트먼을", where
 * a word tokenizer would see one word). The index narrows the candidates
 * and ranks the events (BM25, see rank_function()); the exact spans, the
 * paragraph and the snippet are then found in the texts themselves. Terms
 * of one or two characters, which trigrams cannot look up, are looked for
 * in the texts too: beside a longer term they drop the index's candidates;
 * alone, the events are read in timeline order until the limit is met.
 *
 * Whatever is typed is text: terms are passed to MATCH as quoted FTS5
 * strings (quotes doubled) and as bound parameters, never spliced into SQL
 * or query syntax.
 */
#define G_LOG_DOMAIN "yp-search"

#include "config.h"

#include <string.h>
#include <sys/mman.h>

#include "yp-cache-db.h"
#include "yp-cache-read.h"
#include "yp-error.h"
#include "yp-event-list-private.h"
#include "yp-search-private.h"
#include "yp-search-result-private.h"
#include "yp-search.h"

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

/* Appends to @match the trigrams that cover @term, of @n characters (3
 * or more): every third and the last, each a quoted FTS5 string. The
 * term is walked once, whatever its length; @steps (may be NULL) counts
 * the characters walked, for the tests. */
static void
append_trigrams (GString    *match,
                 const char *term,
                 glong       n,
                 guint64    *steps)
{
  g_autofree const char **starts = g_new (const char *, n + 1);
  const char *p = term;

  for (glong i = 0; i < n; i++, p = g_utf8_next_char (p))
    starts[i] = p;
  starts[n] = p;
  if (steps != NULL)
    *steps += n;

  /* Single tokens cost the index far less than a phrase of them, whose
   * positions it must line up row by row; the texts are checked
   * afterwards. */
  for (glong k = 0; k < n; k += 3)
    {
      glong first = MIN (k, n - 3);

      if (match->len)
        g_string_append (match, " AND ");
      g_string_append_c (match, '"');
      for (const char *c = starts[first]; c < starts[first + 3]; c++)
        {
          if (*c == '"')
            g_string_append_c (match, '"');
          g_string_append_c (match, *c);
        }
      g_string_append_c (match, '"');
      if (steps != NULL)
        *steps += 1;
    }
}

char *
yp_search_build_match_counted (const char  *text,
                               GPtrArray  **short_terms,
                               guint64     *steps)
{
  g_autoptr(GPtrArray) terms = split_terms (text);
  g_autoptr(GString) match = g_string_new (NULL);

  if (short_terms)
    *short_terms = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < terms->len; i++)
    {
      const char *term = g_ptr_array_index (terms, i);
      glong n = g_utf8_strlen (term, -1);

      if (n < 3)
        {
          if (short_terms)
            g_ptr_array_add (*short_terms, g_strdup (term));
          continue;
        }
      append_trigrams (match, term, n, steps);
    }
  if (match->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&match), FALSE);
}

char *
yp_search_build_match (const char  *text,
                       GPtrArray  **short_terms)
{
  return yp_search_build_match_counted (text, short_terms, NULL);
}

char *
yp_search_cap_query (const char *text)
{
  const char *end = text;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return g_strdup ("");
  for (guint i = 0; i < YP_SEARCH_MAX_CHARS && *end != '\0'; i++)
    end = g_utf8_next_char (end);
  return g_strndup (text, end - text);
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

/* The search */

#define N_FIELDS 4

/* The texts of @event that are searched, as events_fts holds them. */
static void
event_fields (YpEvent    *event,
              const char *fields[N_FIELDS])
{
  fields[0] = yp_event_get_title (event, YP_LANG_KO);
  fields[1] = yp_event_get_title (event, YP_LANG_EN);
  fields[2] = yp_event_get_summary (event, YP_LANG_KO);
  fields[3] = yp_event_get_summary (event, YP_LANG_EN);
}

/* The first of an event's @fields that holds a term, if they hold every
 * term (each in any field); else NULL. */
static const char *
match_field (const char          *fields[N_FIELDS],
             const YpSearchTerms *terms)
{
  guint first = N_FIELDS;

  for (guint t = 0; t < terms->lowered->len; t++)
    {
      const char *term = g_ptr_array_index (terms->lowered, t);
      guint f;

      for (f = 0; f < N_FIELDS; f++)
        if ((f == 0 || fields[f] != fields[f - 1]) && yp_search_find_term (fields[f], term) != NULL)
          break;
      if (f == N_FIELDS)
        return NULL;
      first = MIN (first, f);
    }
  return first < N_FIELDS ? fields[first] : NULL;
}

/* BM25's constants, as FTS5's bm25() has them. */
#define RANK_K1 1.2
#define RANK_B  0.75

/* The fields of event_fields(). A term in a title counts twice: it says
 * what the event is about, where a summary may only mention it. */
static const double field_weights[] = { 2.0, 2.0, 1.0, 1.0 };

struct _YpSearch
{
  GObject       parent_instance;
  YpRecord     *record;
  YpEventList  *events;
  const YpSearchTerms *query_terms; /* while a query runs, see rank_function() */
  gboolean      opened;        /* whether open_index() tried a cache */
  sqlite3      *db;
  sqlite3_stmt *events_st;     /* position and rank of each matching event */
  sqlite3_stmt *articles_st;   /* matching sources, best first */
  guint32      *lengths;       /* per event: its length in trigrams + 1, 0
                                * until first needed */
  double        average_length;  /* in trigrams, 0 until first needed */
  /* Over a cache, the searched texts of every event, read once at the
   * first search, so that neither ranking nor results make events: */
  char         *texts;         /* NUL-terminated strings, one after another,
                                * see alloc_texts() */
  gsize         texts_length;
  gsize         texts_size;
  guint32      *text_offsets;  /* per event: id, then the N_FIELDS fields;
                                * NO_TEXT for none */
};

#define NO_TEXT G_MAXUINT32
#define N_ROW_TEXTS (1 + N_FIELDS)

G_DEFINE_FINAL_TYPE (YpSearch, yp_search, G_TYPE_OBJECT)

static void
yp_search_finalize (GObject *object)
{
  YpSearch *self = (YpSearch *) object;

  g_clear_pointer (&self->events_st, sqlite3_finalize);
  g_clear_pointer (&self->articles_st, sqlite3_finalize);
  g_clear_pointer (&self->db, sqlite3_close);
  g_clear_pointer (&self->lengths, g_free);
  g_clear_pointer (&self->texts, g_aligned_free);
  g_clear_pointer (&self->text_offsets, g_free);
  g_clear_object (&self->events);
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

/* Ranking.
 *
 * Events are ranked by BM25 (k1 1.2, b 0.75, as FTS5's bm25()), each term
 * counted in the event's texts, titles twice, in our own FTS5 auxiliary
 * function. bm25() itself reads each matching row's length from the
 * index's docsize table, a B-tree lookup per row, and its counts from the
 * phrase positions: at 100,000 events a common term (7,000 hits) cost
 * 5-10 ms before a single result was built. Here the texts in memory give
 * both, and the same pass checks that every term is really there (the
 * index only proposes rows that have a long term's trigrams).
 *
 * There is no idf: every result holds every term, so it would only weigh
 * one term's repetitions against another's, and a term of one or two
 * characters has no count in the index to take it from. */

static guint
trigrams (const char *text)
{
  gsize bytes = text ? strlen (text) : 0;
  guint chars = 0;

  /* The characters are the bytes that do not continue one (the texts are
   * valid UTF-8); a counted loop the compiler can vectorise, unlike
   * g_utf8_strlen(), which was a tenth of a search's instructions. */
  for (gsize i = 0; i < bytes; i++)
    chars += ((guchar) text[i] & 0xc0) != 0x80;
  /* What the trigram tokenizer indexes: one token per character that
   * starts a run of three. */
  return chars > 2 ? chars - 2 : 0;
}

static guint
event_length (YpSearch   *self,
              guint       position,
              const char *fields[N_FIELDS])
{
  if (self->lengths[position] == 0)
    {
      self->lengths[position] = 1;
      for (guint f = 0; f < N_FIELDS; f++)
        self->lengths[position] += trigrams (fields[f]);
    }
  return self->lengths[position] - 1;
}

/* The id and searched fields of the event at @position: from the texts
 * read at the first search, or from the event when there are none. */
static const char *
row_fields (YpSearch   *self,
            guint       position,
            const char *fields[N_FIELDS])
{
  const guint32 *off;

  if (self->text_offsets == NULL)
    {
      YpEvent *event = yp_event_list_peek (self->events, position);

      event_fields (event, fields);
      return yp_event_get_id (event);
    }
  off = &self->text_offsets[(gsize) position * N_ROW_TEXTS];
  for (guint f = 0; f < N_FIELDS; f++)
    fields[f] = off[1 + f] == NO_TEXT ? NULL : self->texts + off[1 + f];
  return self->texts + off[0];
}

static guint
count_term (const char *text,
            const char *term)
{
  gsize len = strlen (term);
  guint n = 0;

  for (const char *hit = yp_search_find_term (text, term);
       hit != NULL;
       hit = yp_search_find_term (hit + len, term))
    n++;
  return n;
}

static void
rank_function (const Fts5ExtensionApi  *api,
               Fts5Context             *fts,
               sqlite3_context         *ctx,
               int                      n_values,
               sqlite3_value          **values)
{
  YpSearch *self = api->xUserData (fts);
  sqlite3_int64 rowid = api->xRowid (fts);
  const YpSearchTerms *terms = self->query_terms;
  const char *fields[N_FIELDS];
  double norm, score = 0;

  /* NULL drops the row. */
  if (terms == NULL || rowid < 0 || rowid >= yp_event_list_get_size (self->events))
    {
      sqlite3_result_null (ctx);
      return;
    }
  if (self->average_length == 0)
    {
      sqlite3_int64 rows = 0, total = 0;
      int rc = api->xRowCount (fts, &rows);

      if (rc == SQLITE_OK)
        rc = api->xColumnTotalSize (fts, -1, &total);
      if (rc != SQLITE_OK)
        {
          sqlite3_result_error_code (ctx, rc);
          return;
        }
      self->average_length = rows > 0 && total > 0 ? (double) total / rows : 1.0;
    }

  row_fields (self, rowid, fields);
  norm = RANK_K1 * (1 - RANK_B + RANK_B * event_length (self, rowid, fields) / self->average_length);
  for (guint t = 0; t < terms->lowered->len; t++)
    {
      const char *term = g_ptr_array_index (terms->lowered, t);
      double tf = 0;
      guint count = 0;

      for (guint f = 0; f < N_FIELDS; f++)
        {
          /* A field kept once for both languages (load_texts()) is
           * counted once. */
          if (f == 0 || fields[f] != fields[f - 1])
            count = count_term (fields[f], term);
          tf += field_weights[f] * count;
        }
      if (tf == 0)
        {
          sqlite3_result_null (ctx);
          return;
        }
      score += tf * (RANK_K1 + 1) / (tf + norm);
    }
  sqlite3_result_double (ctx, score);
}

/* Candidates, best first: a binary max-heap, so that only as many are put
 * in order as it takes to fill the results. */

typedef struct {
  double score;
  guint  position;
} Candidate;

static gboolean
better (const Candidate *a,
        const Candidate *b)
{
  /* Equal ranks: the earlier event first, as the timeline shows them. */
  return a->score > b->score || (a->score == b->score && a->position < b->position);
}

static void
sift_down (Candidate *heap,
           guint      n,
           guint      i)
{
  for (;;)
    {
      guint best = i, l = 2 * i + 1, r = 2 * i + 2;
      Candidate tmp;

      if (l < n && better (&heap[l], &heap[best]))
        best = l;
      if (r < n && better (&heap[r], &heap[best]))
        best = r;
      if (best == i)
        return;
      tmp = heap[i];
      heap[i] = heap[best];
      heap[best] = tmp;
      i = best;
    }
}

/* Takes the best candidate out of @heap (of *@n); FALSE when empty. */
static gboolean
pop_best (Candidate *heap,
          guint     *n,
          Candidate *out)
{
  if (*n == 0)
    return FALSE;
  *out = heap[0];
  heap[0] = heap[--*n];
  sift_down (heap, *n, 0);
  return TRUE;
}

/* Opening */

static sqlite3_stmt *
prepare (sqlite3    *db,
         const char *sql)
{
  return yp_cache_db_prepare (db, sql, TRUE, NULL);
}

static gboolean
register_rank_function (YpSearch *self)
{
  g_autoptr(sqlite3_stmt) st = prepare (self->db, "SELECT fts5(?1)");
  fts5_api *api = NULL;

  if (st == NULL)
    return FALSE;
  sqlite3_bind_pointer (st, 1, &api, "fts5_api_ptr", NULL);
  sqlite3_step (st);
  return api != NULL &&
         api->xCreateFunction (api, "yp_rank", self, rank_function, NULL) == SQLITE_OK;
}

static gboolean
index_damaged (GError     **error,
               const char  *what)
{
  g_set_error (error, YP_ERROR, YP_ERROR_CACHE_DAMAGED, "table events_fts: %s", what);
  return FALSE;
}

/* The texts in huge pages
 *
 * The one piece of allocator tuning Yeonpyo keeps. Ranking reads the
 * texts of each candidate, scattered over the whole buffer (15 MB at
 * 100,000 events); in 4 kB pages, most of those reads miss the TLB.
 * Linux gives 2 MB pages to memory marked with madvise(MADV_HUGEPAGE),
 * which its default mode ("madvise") asks for; glibc marks nothing
 * unless told by an environment variable before the program starts.
 * Without the mark, the search benchmark at 100,000 events ran more than
 * 10% slower (tests/bench/README.md). It is only advice: where the kernel
 * says no, the pages stay small and nothing else changes. A buffer under
 * 2 MB is not marked, so that a small record does not hold a whole huge
 * page for a few kilobytes. */

#define HUGE_PAGE ((gsize) 2 * 1024 * 1024)

static char *
alloc_texts (gsize size)
{
  char *texts;

  if (size < HUGE_PAGE)
    return g_aligned_alloc (1, size, sizeof (gpointer));
  texts = g_aligned_alloc (1, size, HUGE_PAGE);
#ifdef MADV_HUGEPAGE
  (void) madvise (texts, size, MADV_HUGEPAGE);
#endif
  return texts;
}

/* Appends @length bytes of @text, its NUL included. */
static void
append_text (YpSearch   *self,
             const char *text,
             gsize       length)
{
  if (length > self->texts_size - self->texts_length)
    {
      gsize size = MAX (2 * self->texts_size, self->texts_length + length);
      char *texts;

      if (size >= HUGE_PAGE)
        size = (size + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
      texts = alloc_texts (size);
      if (self->texts_length > 0)
        memcpy (texts, self->texts, self->texts_length);
      g_aligned_free (self->texts);
      self->texts = texts;
      self->texts_size = size;
    }
  memcpy (self->texts + self->texts_length, text, length);
  self->texts_length += length;
}

/* One pass over the index's rows, in rowid (= position) order, each row
 * checked as the cache's reader checks the others (yp-cache-read.h):
 * what the index holds is shown in results and decides which events
 * are found. The texts are kept when @keep (a lazy list, whose events
 * are not in memory). At 100,000 events: about 15 MB, read in tens of
 * milliseconds, once. */
static gboolean
load_texts (YpSearch  *self,
            gboolean   keep,
            GError   **error)
{
  g_autofree char *sql = yp_cache_db_select_sql (YP_CACHE_TABLE_EVENTS_FTS, "ORDER BY rowid");
  g_autoptr(sqlite3_stmt) st = yp_cache_db_prepare (self->db, sql, FALSE, error);
  guint n = yp_event_list_get_size (self->events), i = 0;
  int rc;

  if (st == NULL)
    return FALSE;
  if (keep)
    {
      self->texts_size = (gsize) n * 64 + 1;
      if (self->texts_size >= HUGE_PAGE)
        self->texts_size = (self->texts_size + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
      self->texts = alloc_texts (self->texts_size);
      self->texts_length = 0;
      self->text_offsets = g_new (guint32, (gsize) n * N_ROW_TEXTS);
    }
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      if (!yp_cache_read_check_row (YP_CACHE_TABLE_EVENTS_FTS, st, i, error))
        return FALSE;
      if (i >= n || sqlite3_column_int64 (st, YP_COL_EVENTS_FTS_ROWID) != i)
        return index_damaged (error, "its rows are not at the events' positions");
      if (!keep)
        {
          i++;
          continue;
        }
      guint32 *row = &self->text_offsets[(gsize) i * N_ROW_TEXTS];

      for (guint c = 0; c < N_ROW_TEXTS; c++)
        {
          const char *text = (const char *) sqlite3_column_text (st, YP_COL_EVENTS_FTS_EVENT + c);

          /* An English field the same as the Korean one (titles of
           * mixed text often are) is kept once: 40 MB at 1M events. */
          if (text != NULL && (c == 2 || c == 4) && row[c - 1] != NO_TEXT &&
              strcmp (text, self->texts + row[c - 1]) == 0)
            {
              row[c] = row[c - 1];
              continue;
            }
          if (text == NULL)
            {
              row[c] = NO_TEXT;
              continue;
            }
          if (self->texts_length >= NO_TEXT - (gsize) sqlite3_column_bytes (st, YP_COL_EVENTS_FTS_EVENT + c) - 1)
            {
              g_set_error (error, YP_ERROR, YP_ERROR_TOO_LARGE, "the events' texts are too large to search");
              return FALSE;
            }
          row[c] = self->texts_length;
          append_text (self, text, (gsize) sqlite3_column_bytes (st, YP_COL_EVENTS_FTS_EVENT + c) + 1);
        }
      i++;
    }
  if (!yp_cache_db_rows_done (self->db, rc, error))
    return FALSE;
  return i == n || index_damaged (error, "it has fewer rows than there are events");
}

/* The articles' index, every row checked; the passages shown come from
 * the sources themselves. */
static gboolean
check_articles (YpSearch  *self,
                GError   **error)
{
  g_autofree char *sql = yp_cache_db_select_sql (YP_CACHE_TABLE_ARTICLES_FTS, "ORDER BY rowid");
  g_autoptr(sqlite3_stmt) st = yp_cache_db_prepare (self->db, sql, FALSE, error);
  gint64 row = 0;
  int rc;

  if (st == NULL)
    return FALSE;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    if (!yp_cache_read_check_row (YP_CACHE_TABLE_ARTICLES_FTS, st, row++, error))
      return FALSE;
  return yp_cache_db_rows_done (self->db, rc, error);
}

/* FALSE with @error set when the index cannot be used: when it fails its
 * checks, YP_ERROR_CACHE_DAMAGED. */
static gboolean
try_open_index (YpSearch   *self,
                YpCacheDb  *cache,
                GError    **error)
{
  /* A connection of its own, for the rank function registered on it;
   * one thread uses it: no mutex around every call (the rank function
   * makes several per row). */
  self->db = yp_cache_db_open_reader (cache);
  if (self->db == NULL)
    {
      g_set_error (error, YP_ERROR, YP_ERROR_NOT_READABLE, "cannot open it again");
      return FALSE;
    }
  if (!register_rank_function (self))
    {
      g_set_error (error, YP_ERROR, YP_ERROR_FAILED, "no rank function: %s", sqlite3_errmsg (self->db));
      return FALSE;
    }
  /* Candidates are mapped to the list by the index's rowids. */
  if (!yp_cache_db_check_positions (self->db, yp_event_list_get_size (self->events)))
    return index_damaged (error, "its rows are not at the events' positions");
  /* No ORDER BY: the ranks are put in order here, only as far as needed. */
  self->events_st = prepare (self->db, "SELECT rowid, yp_rank(events_fts) FROM events_fts"
                                       " WHERE events_fts MATCH ?1");
  /* A record has few articles (and long ones): bm25() there is cheap. */
  self->articles_st = prepare (self->db, "SELECT source FROM articles_fts"
                                         " WHERE articles_fts MATCH ?1 ORDER BY bm25(articles_fts)");
  if (self->events_st == NULL || self->articles_st == NULL)
    {
      g_set_error (error, YP_ERROR, YP_ERROR_CACHE_DAMAGED, "%s", sqlite3_errmsg (self->db));
      return FALSE;
    }
  self->lengths = g_new0 (guint32, yp_event_list_get_size (self->events));
  /* An in-memory list has the texts in its events already. */
  return load_texts (self, yp_event_list_is_lazy (self->events), error) && check_articles (self, error);
}

/* The index is opened at the first search, not with the window: reading
 * the schema and checking the rows takes a millisecond or two that a
 * start-up need not pay. */
static void
open_index (YpSearch *self)
{
  YpCacheDb *cache = yp_event_list_get_cache_db (self->events);
  g_autoptr(GError) error = NULL;

  /* A record shown as parsed gets its cache a moment later
   * (yp_cache_load_parsed_first()): until then, search in memory and
   * look again at the next search. An in-memory cache has no file for
   * a second connection: its texts are searched in memory. */
  if (self->opened || cache == NULL || yp_cache_db_get_path (cache) == NULL)
    return;
  self->opened = TRUE;
  if (!try_open_index (self, cache, &error))
    {
      /* Damaged: said once, set aside, rebuilt at the next open. Until
       * then the events' own texts are searched. */
      if (g_error_matches (error, YP_ERROR, YP_ERROR_CACHE_DAMAGED))
        yp_cache_db_set_damaged (cache, error->message);
      else
        g_debug ("searching in memory: cannot use the index in %s: %s", yp_cache_db_get_name (cache),
                 error->message);
      g_clear_pointer (&self->events_st, sqlite3_finalize);
      g_clear_pointer (&self->articles_st, sqlite3_finalize);
      g_clear_pointer (&self->db, sqlite3_close);
      g_clear_pointer (&self->texts, g_aligned_free);
      g_clear_pointer (&self->text_offsets, g_free);
    }
}

YpSearch *
yp_search_new (YpRecord *record)
{
  YpSearch *self;

  g_return_val_if_fail (YP_IS_RECORD (record), NULL);

  self = g_object_new (YP_TYPE_SEARCH, NULL);
  self->record = g_object_ref (record);
  self->events = g_object_ref (YP_EVENT_LIST (yp_record_get_events (record)));
  return self;
}

gboolean
yp_search_uses_index (YpSearch *self)
{
  g_return_val_if_fail (YP_IS_SEARCH (self), FALSE);
  open_index (self);
  return self->db != NULL;
}

gboolean
yp_search_is_index_open (YpSearch *self)
{
  g_return_val_if_fail (YP_IS_SEARCH (self), FALSE);
  return self->db != NULL;
}

/* Matching */

static void
search_event (YpSearch            *self,
              guint                position,
              const YpSearchTerms *terms,
              GPtrArray           *results)
{
  const char *fields[N_FIELDS];
  const char *id = row_fields (self, position, fields);
  const char *field = match_field (fields, terms);

  /* The snippet from the first field that has one of the terms. */
  if (field != NULL)
    g_ptr_array_add (results,
                     yp_search_result_new_for_text (YP_SEARCH_RESULT_EVENT, id, position, field, terms, 0));
}

static void
search_source (YpSource            *source,
               const YpSearchTerms *terms,
               GPtrArray           *results,
               guint                limit)
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

      if (yp_search_contains_all (paragraph, terms))
        g_ptr_array_add (results, yp_search_result_new_for_text (YP_SEARCH_RESULT_PASSAGE, yp_source_get_id (source),
                                                                 G_MAXUINT, paragraph, terms, offset));
      offset += chars + 1;
      line = nl ? nl + 1 : NULL;
    }
}

static gboolean
fail (YpSearch      *self,
      sqlite3_stmt  *st,
      GError       **error)
{
  g_set_error (error, YP_ERROR, YP_ERROR_CACHE_DAMAGED, "search failed: %s", sqlite3_errmsg (self->db));
  sqlite3_reset (st);
  sqlite3_clear_bindings (st);
  return FALSE;
}

/* Events through the index, best first. Every row the index proposes is
 * checked and ranked (cheaply, see rank_function()), then as many are
 * taken, best first, as it takes to fill @limit. */
static gboolean
search_events_indexed (YpSearch             *self,
                       const char           *match,
                       const YpSearchTerms  *terms,
                       GPtrArray            *results,
                       guint                 limit,
                       GError              **error)
{
  g_autoptr(GArray) heap = g_array_new (FALSE, FALSE, sizeof (Candidate));
  Candidate best;
  guint n;
  int rc;

  self->query_terms = terms;
  sqlite3_bind_text (self->events_st, 1, match, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (self->events_st)) == SQLITE_ROW)
    if (sqlite3_column_type (self->events_st, 1) != SQLITE_NULL)
      {
        Candidate c = { sqlite3_column_double (self->events_st, 1),
                        (guint) sqlite3_column_int64 (self->events_st, 0) };

        g_array_append_val (heap, c);
      }
  self->query_terms = NULL;
  if (rc != SQLITE_DONE)
    return fail (self, self->events_st, error);
  sqlite3_reset (self->events_st);
  sqlite3_clear_bindings (self->events_st);

  n = heap->len;
  for (guint i = n / 2; i-- > 0;)
    sift_down ((Candidate *) (gpointer) heap->data, n, i);
  while (results->len < limit && pop_best ((Candidate *) (gpointer) heap->data, &n, &best))
    search_event (self, best.position, terms, results);
  return TRUE;
}

static gboolean
search_sources_indexed (YpSearch             *self,
                        const char           *match,
                        const YpSearchTerms  *terms,
                        GPtrArray            *results,
                        guint                 limit,
                        GError              **error)
{
  int rc = SQLITE_DONE;

  sqlite3_bind_text (self->articles_st, 1, match, -1, SQLITE_STATIC);
  while (results->len < limit && (rc = sqlite3_step (self->articles_st)) == SQLITE_ROW)
    {
      YpSource *s = yp_record_lookup_source (self->record,
                                             (const char *) sqlite3_column_text (self->articles_st, 0));
      if (s != NULL)
        search_source (s, terms, results, limit);
    }
  if (results->len < limit && rc != SQLITE_DONE)
    return fail (self, self->articles_st, error);
  sqlite3_reset (self->articles_st);
  sqlite3_clear_bindings (self->articles_st);
  return TRUE;
}

GPtrArray *
yp_search_run (YpSearch    *self,
               const char  *query,
               guint        limit,
               GError     **error)
{
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *text = yp_search_cap_query (query);
  g_autoptr(GPtrArray) all_terms = split_terms (text);
  g_autoptr(GPtrArray) lowered = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *match = NULL;
  YpSearchTerms terms = { lowered };

  g_return_val_if_fail (YP_IS_SEARCH (self), NULL);

  if (all_terms->len == 0 || limit == 0)
    return g_steal_pointer (&results);
  open_index (self);
  for (guint i = 0; i < all_terms->len; i++)
    g_ptr_array_add (lowered, g_ascii_strdown (g_ptr_array_index (all_terms, i), -1));
  match = yp_search_build_match (text, NULL);

  if (self->db != NULL && match != NULL)
    {
      if (!search_events_indexed (self, match, &terms, results, limit, error) ||
          !search_sources_indexed (self, match, &terms, results, limit, error))
        return NULL;
    }
  else
    {
      /* Short terms only, or no cache file: scan the texts, in time and
       * file order, and stop at @limit. Ranking short terms would mean
       * reading every event; the first matches in time come instead. */
      GListModel *sources = yp_record_get_sources (self->record);
      guint n_events = yp_event_list_get_size (self->events);

      for (guint i = 0; i < n_events && results->len < limit; i++)
        search_event (self, i, &terms, results);
      for (guint i = 0; i < g_list_model_get_n_items (sources) && results->len < limit; i++)
        {
          g_autoptr(YpSource) s = g_list_model_get_item (sources, i);
          search_source (s, &terms, results, limit);
        }
    }

  return g_steal_pointer (&results);
}
