/* fuzz-search.c: libFuzzer harness for the search query builder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each input is what a user might type. Whatever it is:
 *  - yp_search_build_match() gives NULL or valid UTF-8, and the MATCH
 *    expression it builds is never a syntax error for a real FTS5 trigram
 *    table (the property that keeps typed text from acting as syntax);
 *  - yp_search_like_pattern() gives a pattern SQLite accepts with
 *    ESCAPE '\';
 *  - a search of a small record (scanned in memory) returns results whose
 *    spans lie inside their snippets.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "fuzz-common.h"
#include "yp-search.h"
#include "yp-timelinejs.h"

static const char document[] =
  "{\"title\": {\"text\": {\"headline\": \"퍼징\"}},"
  " \"events\": ["
  "  {\"start_date\": {\"year\": 2023, \"month\": 11, \"day\": 17},"
  "   \"text\": {\"headline\": \"오픈AI 이사회, 알트먼을 해임\", \"text\": \"The board removed Sam Altman (CEO) — 17일\"}},"
  "  {\"start_date\": {\"year\": 2025, \"month\": 7},"
  "   \"text\": {\"headline\": \"Codex \\\"7주\\\" launch\", \"text\": \"a*b AND (c OR d) 50% _x_ \\\\ NEAR(e f)\"}}"
  " ]}";

static sqlite3 *db;
static YpRecord *record;
static YpSearch *search;

static void
set_up (void)
{
  g_autoptr(GError) error = NULL;
  const char *rows[] = {
    "오픈AI 이사회, 알트먼을 해임", "The board removed Sam Altman (CEO)", "Codex \"7주\" launch",
    "a*b AND (c OR d) 50% _x_ \\ NEAR(e f)",
  };
  sqlite3_stmt *st = NULL;

  yp_fuzz_abort_on_warnings ();
  if (sqlite3_open (":memory:", &db) != SQLITE_OK ||
      sqlite3_exec (db, "CREATE VIRTUAL TABLE t USING fts5 (body, tokenize = 'trigram')", NULL, NULL, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "INSERT INTO t VALUES (?1)", -1, &st, NULL) != SQLITE_OK)
    abort ();
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      sqlite3_bind_text (st, 1, rows[i], -1, SQLITE_STATIC);
      if (sqlite3_step (st) != SQLITE_DONE)
        abort ();
      sqlite3_reset (st);
    }
  sqlite3_finalize (st);

  record = yp_timelinejs_load_data ("fuzz-search.json", document, strlen (document), NULL, &error);
  if (record == NULL || g_list_model_get_n_items (yp_record_get_events (record)) != 2)
    abort ();
  search = yp_search_new (record);
}

/* Runs @sql with @param bound; any error but "no such row" is a bug. */
static void
must_run (const char *sql,
          const char *param)
{
  sqlite3_stmt *st = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, sql, -1, &st, NULL) != SQLITE_OK)
    abort ();
  sqlite3_bind_text (st, 1, param, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    ;
  if (rc != SQLITE_DONE)
    {
      fprintf (stderr, "SQL error for %s: %s\n", param, sqlite3_errmsg (db));
      abort ();
    }
  sqlite3_finalize (st);
}

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = NULL;
  g_autofree char *match = NULL;
  g_autoptr(GPtrArray) shorts = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;

  if (db == NULL)
    set_up ();
  if (size > 4096)
    return 0;
  /* What a text entry can hold: a string, no NUL in it. */
  text = g_strndup ((const char *) data, size);

  match = yp_search_build_match (text, &shorts);
  if (match != NULL)
    {
      if (!g_utf8_validate (match, -1, NULL))
        abort ();
      must_run ("SELECT rowid FROM t WHERE t MATCH ?1 ORDER BY bm25(t)", match);
    }
  for (guint i = 0; i < shorts->len; i++)
    {
      g_autofree char *like = yp_search_like_pattern (g_ptr_array_index (shorts, i));
      must_run ("SELECT rowid FROM t WHERE body LIKE ?1 ESCAPE '\\'", like);
    }

  results = yp_search_run (search, text, 50, &error);
  if (results == NULL || error != NULL)
    abort ();
  for (guint i = 0; i < results->len; i++)
    {
      YpSearchResult *r = g_ptr_array_index (results, i);
      const char *snippet = yp_search_result_get_snippet (r);
      glong chars = g_utf8_strlen (snippet, -1);
      guint n_spans;
      const guint *spans = yp_search_result_get_spans (r, &n_spans);

      if (!g_utf8_validate (snippet, -1, NULL))
        abort ();
      for (guint s = 0; s < n_spans; s++)
        if (spans[2 * s] >= spans[2 * s + 1] || spans[2 * s + 1] > (guint) chars)
          abort ();
    }
  return 0;
}
