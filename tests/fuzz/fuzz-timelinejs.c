/* fuzz-timelinejs.c: libFuzzer harness for the TimelineJS reader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each input is handed to yp_timelinejs_load_data() as the bytes of a
 * document "fuzz-timelinejs.json" (never written anywhere: a TimelineJS
 * document names no other file), then read again with its slides and
 * their sources handed to a sink as they are read, as a large document is
 * streamed to its cache, and, as a NUL-terminated string, to the
 * HTML-to-text conversion its slides go through.
 *
 * Whatever the input, the reader must return either a record or an error,
 * never both; everything in the record must be readable the way the window
 * reads it; and each slide's citation must quote its own source exactly.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz-common.h"
#include "yp-error.h"
#include "yp-html-text.h"
#include "yp-json-doc-private.h"
#include "yp-timelinejs.h"

#define PATH "fuzz-timelinejs.json"

/* Plain text: valid UTF-8, lines never empty, never starting or ending
 * with a space. */
static void
check_plain (const char *text)
{
  g_auto(GStrv) lines = NULL;

  g_assert (g_utf8_validate (text, -1, NULL));
  if (*text == '\0')
    return;
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      gsize n = strlen (lines[i]);

      g_assert (n > 0);
      g_assert (lines[i][0] != ' ' && lines[i][n - 1] != ' ');
    }
}

static void
read_record (YpRecord *record)
{
  GPtrArray *problems = yp_record_get_problems (record);
  GListModel *events = yp_record_get_events (record);

  yp_fuzz_assert_text (yp_record_get_title (record, YP_LANG_KO));
  g_assert (g_strcmp0 (yp_record_get_title (record, YP_LANG_KO), yp_record_get_title (record, YP_LANG_EN)) == 0);
  for (guint i = 0; i < problems->len; i++)
    {
      g_autofree char *line = yp_problem_to_string (g_ptr_array_index (problems, i));
      yp_fuzz_assert_text (line);
    }
  for (guint i = 0; i < g_list_model_get_n_items (yp_record_get_eras (record)); i++)
    {
      g_autoptr(YpEra) e = g_list_model_get_item (yp_record_get_eras (record), i);

      yp_fuzz_assert_text (yp_era_get_name (e, YP_LANG_EN));
      yp_fuzz_assert_text (yp_era_get_description (e, YP_LANG_KO));
      g_assert (yp_era_get_start (e) < yp_era_get_end (e));
    }
  g_assert (g_list_model_get_n_items (yp_record_get_sources (record)) == g_list_model_get_n_items (events));
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(YpEvent) e = g_list_model_get_item (events, i);
      YpSource *s = yp_record_lookup_source (record, yp_event_get_id (e));
      YpCitation *c;
      const char *body, *raw;
      const YpSegment *segs;
      guint n;

      yp_fuzz_assert_text (yp_event_get_id (e));
      yp_fuzz_assert_text (yp_event_get_title (e, YP_LANG_KO));
      yp_fuzz_assert_text (yp_event_get_summary (e, YP_LANG_EN));
      yp_fuzz_assert_text (yp_event_get_date_note (e, YP_LANG_KO));
      yp_fuzz_assert_text (yp_event_get_category (e));
      g_assert (yp_event_get_category (e) != NULL);
      g_assert (yp_event_get_title (e, YP_LANG_EN) != NULL && *yp_event_get_title (e, YP_LANG_EN) != '\0');
      g_assert (yp_event_get_start (e) < yp_event_get_end (e));
      g_assert (yp_event_get_start (e) <= yp_event_get_anchor (e));
      g_assert (yp_event_get_anchor (e) <= yp_event_get_end (e));
      if (yp_event_get_precision (e) == YP_PRECISION_APPROXIMATE)
        g_assert (yp_event_get_date_note (e, YP_LANG_KO) != NULL && yp_event_get_date_note (e, YP_LANG_EN) != NULL);

      /* Its own source, whose body and raw text are the same lines. */
      g_assert (s != NULL);
      body = yp_source_get_body_text (s);
      raw = yp_source_get_raw_text (s);
      check_plain (body);
      g_assert (strcmp (body, raw) == 0);
      yp_fuzz_assert_text (yp_source_get_outlet (s, YP_LANG_KO));
      yp_fuzz_assert_text (yp_source_get_title (s));
      segs = yp_source_get_segments (s, &n);
      g_assert (n >= 1);
      for (guint j = 0; j < n; j++)
        {
          g_assert (segs[j].raw_start == segs[j].body_start);
          g_assert (segs[j].length > 0);
          g_assert (segs[j].body_start + segs[j].length <= (guint64) g_utf8_strlen (body, -1));
        }

      /* One citation, quoting exactly the body between its offsets. */
      g_assert (yp_event_get_n_citations (e) == 1);
      c = yp_event_get_citation (e, 0);
      g_assert (strcmp (yp_citation_get_source_id (c), yp_event_get_id (e)) == 0);
      yp_fuzz_assert_quotes_body (c, body);
      g_assert (yp_citation_get_raw_start (c) == yp_citation_get_body_start (c));
      g_assert (yp_citation_get_raw_end (c) == yp_citation_get_body_end (c));
    }
}

static gboolean
sunk_source (YpSource  *source,
             gpointer   user_data,
             GError   **error)
{
  g_ptr_array_add (((YpFuzzSunk *) user_data)->sources, g_object_ref (source));
  return TRUE;
}

/* The input read again as a large document is, its slides and their
 * sources handed to a sink as they are read (streamed to the cache):
 * the same error, or the same problems, the record's events in its
 * order, and the record's sources, each as the record has it. */
static void
check_streamed (const uint8_t *data,
                size_t         size,
                YpRecord      *record,
                const GError  *error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) anchors = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func (g_object_unref);
  YpFuzzSunk sunk = { ids, anchors, sources, 0 };
  YpEventSink sink = { yp_fuzz_sunk_begin, yp_fuzz_sunk_event, yp_fuzz_sunk_restart, &sunk, NULL, sunk_source };
  g_autoptr(GError) streamed_error = NULL;
  g_autoptr(YpJsonDoc) doc = yp_json_doc_scan (PATH, (const char *) data, size, YP_TIMELINEJS_MAX_BYTES,
                                               &streamed_error);
  g_autoptr(YpRecord) streamed = NULL;
  GListModel *kept_sources;

  if (doc != NULL)
    streamed = yp_timelinejs_load_doc_streaming (doc, NULL, &sink, &streamed_error);
  if (!yp_fuzz_assert_streamed_agrees (record, error, streamed, streamed_error, &sunk))
    return;
  /* The pass over the ids found the order: never told to start over. */
  g_assert (sunk.restarts == 0);
  /* Every source handed on, none kept, each the record's. */
  kept_sources = yp_record_get_sources (record);
  g_assert (g_list_model_get_n_items (yp_record_get_sources (streamed)) == 0);
  g_assert (sources->len == g_list_model_get_n_items (kept_sources));
  for (guint i = 0; i < sources->len; i++)
    {
      YpSource *s = g_ptr_array_index (sources, i);
      YpSource *k = yp_record_lookup_source (record, yp_source_get_id (s));

      g_assert (k != NULL);
      g_assert_cmpstr (yp_source_get_body_text (s), ==, yp_source_get_body_text (k));
      g_assert_cmpstr (yp_source_get_raw_text (s), ==, yp_source_get_raw_text (k));
      g_assert_cmpstr (yp_source_get_title (s), ==, yp_source_get_title (k));
      g_assert_cmpstr (yp_source_get_outlet (s, YP_LANG_EN), ==, yp_source_get_outlet (k, YP_LANG_EN));
    }
  g_assert_cmpstr (yp_record_get_title (streamed, YP_LANG_EN), ==, yp_record_get_title (record, YP_LANG_EN));
  g_assert (g_list_model_get_n_items (yp_record_get_eras (streamed)) ==
            g_list_model_get_n_items (yp_record_get_eras (record)));
}

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static gboolean set_up;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) inputs = NULL;
  g_autoptr(YpRecord) record = NULL;

  if (!set_up)
    {
      yp_fuzz_abort_on_warnings ();
      set_up = TRUE;
    }

  record = yp_timelinejs_load_data (PATH, (const char *) data, size, &inputs, &error);
  g_assert ((record == NULL) != (error == NULL));
  if (record != NULL)
    {
      g_assert (inputs != NULL && inputs->len == 1);
      read_record (record);
    }
  else
    {
      /* "PATH: message", or "PATH:LINE:COLUMN: message" for a fault in
       * the JSON. */
      g_assert (error->domain == YP_ERROR);
      g_assert (g_str_has_prefix (error->message, PATH ":"));
      g_assert (g_utf8_validate (error->message, -1, NULL));
    }
  check_streamed (data, size, record, error);

  /* The HTML conversion on its own, up to the first NUL byte. */
  {
    g_autofree char *html = g_strndup ((const char *) data, size);
    g_autofree char *text = yp_html_to_text (html);

    check_plain (text);
  }
  return 0;
}
