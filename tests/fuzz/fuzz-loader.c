/* fuzz-loader.c: libFuzzer harness for the timeline loader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each input is handed to yp_yeonpyo_reader_load_data() as the bytes of a timeline
 * file "fuzz.json" in a private temporary folder. The input itself is
 * never written anywhere. The folder holds one small text file, seed.txt
 * (the same text as tests/fuzz/corpus-loader/'s seeds expect), so that a
 * source naming it is read and quotes are looked up in it; any other
 * relative file name resolves to nothing.
 *
 * Whatever the input, the loader must return either a record or an error,
 * never both, and everything in the record must be readable the way the
 * window reads it. Read again with its events handed to a sink (as a
 * large timeline's are, yp-yeonpyo-reader.h), it must give the same error, or
 * the same problems and, to the sink, the record's events in its order.
 * What it takes, json-glib (which takes more than RFC 8259) must take.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "fuzz-common.h"
#include "yp-file-bytes-private.h"
#include "yp-yeonpyo-reader-private.h"

/* Seven lines: a headline, a date, a blank line, three paragraphs (one
 * ending in CRLF), a blank line and page furniture. */
static const char seed_text[] =
  "제목: 오픈AI 이사회, 알트먼 해임\n"
  "2023.11.18 19:32\n"
  "\n"
  "오픈AI 이사회는 샘 알트먼을 해임했다.\n"
  "The board said Altman was not consistently candid.\r\n"
  "그렉 브록먼도 회사를 떠났다. \"우리는 충격을 받았다\"\n"
  "\n"
  "관련 기사 더 보기\n";

static char *folder;
static char *timeline_path;
static char *seed_path;

static void
remove_folder (void)
{
  g_unlink (seed_path);
  g_rmdir (folder);
}

static void
set_up (void)
{
  g_autoptr(GError) error = NULL;

  yp_fuzz_abort_on_warnings ();
  folder = g_dir_make_tmp ("yp-fuzz-loader-XXXXXX", &error);
  g_assert_no_error (error);
  seed_path = g_build_filename (folder, "seed.txt", NULL);
  timeline_path = g_build_filename (folder, "fuzz.json", NULL);
  g_file_set_contents (seed_path, seed_text, -1, &error);
  g_assert_no_error (error);
  atexit (remove_folder);
}

/* Reads everything the window and the cache read. Every string must be
 * valid UTF-8: GTK refuses anything else with a critical. */
static void
read_record (YpRecord *record)
{
  GPtrArray *problems = yp_record_get_problems (record);
  GListModel *sources = yp_record_get_sources (record);
  GListModel *events = yp_record_get_events (record);

  yp_fuzz_assert_text (yp_record_get_title (record, YP_LANG_KO));
  yp_fuzz_assert_text (yp_record_get_title (record, YP_LANG_EN));
  for (guint i = 0; i < problems->len; i++)
    {
      g_autofree char *line = yp_problem_to_string (g_ptr_array_index (problems, i));
      yp_fuzz_assert_text (line);
    }
  for (guint i = 0; i < g_list_model_get_n_items (yp_record_get_actors (record)); i++)
    {
      g_autoptr(YpActor) a = g_list_model_get_item (yp_record_get_actors (record), i);

      yp_fuzz_assert_text (yp_actor_get_id (a));
      yp_fuzz_assert_text (yp_actor_get_name (a, YP_LANG_KO));
      yp_fuzz_assert_text (yp_actor_get_role (a, YP_LANG_EN));
    }
  for (guint i = 0; i < g_list_model_get_n_items (yp_record_get_eras (record)); i++)
    {
      g_autoptr(YpEra) e = g_list_model_get_item (yp_record_get_eras (record), i);

      yp_fuzz_assert_text (yp_era_get_id (e));
      yp_fuzz_assert_text (yp_era_get_name (e, YP_LANG_EN));
      yp_fuzz_assert_text (yp_era_get_description (e, YP_LANG_KO));
      g_assert (yp_era_get_start (e) < yp_era_get_end (e));
    }
  for (guint i = 0; i < g_list_model_get_n_items (sources); i++)
    {
      g_autoptr(YpSource) s = g_list_model_get_item (sources, i);
      g_autofree char *excerpt = yp_source_dup_excerpt (s, 40);
      const char *body = yp_source_get_body_text (s);
      const char *raw = yp_source_get_raw_text (s);
      glong body_len = g_utf8_strlen (body, -1);
      glong raw_len = g_utf8_strlen (raw, -1);
      const YpSegment *segs;
      guint n;

      yp_fuzz_assert_text (excerpt);
      yp_fuzz_assert_text (yp_source_get_id (s));
      yp_fuzz_assert_text (yp_source_get_title (s));
      yp_fuzz_assert_text (yp_source_get_author (s));
      yp_fuzz_assert_text (yp_source_get_outlet (s, YP_LANG_KO));
      yp_fuzz_assert_text (yp_source_get_published_note (s, YP_LANG_EN));
      segs = yp_source_get_segments (s, &n);
      for (guint j = 0; j < n; j++)
        {
          g_assert (segs[j].body_start + segs[j].length <= (guint64) body_len);
          g_assert (segs[j].raw_start + segs[j].length <= (guint64) raw_len);
        }
      g_assert (yp_source_body_to_raw (s, body_len) <= (guint64) raw_len);
      yp_source_line_at_raw (s, raw_len);
    }
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(YpEvent) e = g_list_model_get_item (events, i);

      yp_fuzz_assert_text (yp_event_get_id (e));
      yp_fuzz_assert_text (yp_event_get_title (e, YP_LANG_KO));
      yp_fuzz_assert_text (yp_event_get_summary (e, YP_LANG_EN));
      yp_fuzz_assert_text (yp_event_get_date_note (e, YP_LANG_KO));
      g_assert (yp_event_get_start (e) < yp_event_get_end (e));
      for (const char * const *a = yp_event_get_actors (e); *a; a++)
        g_assert (yp_record_lookup_actor (record, *a) != NULL);
      for (guint j = 0; j < yp_event_get_n_citations (e); j++)
        {
          YpCitation *c = yp_event_get_citation (e, j);
          YpSource *s = yp_record_lookup_source (record, yp_citation_get_source_id (c));

          g_assert (s != NULL);
          yp_fuzz_assert_quotes_body (c, yp_source_get_body_text (s));
        }
    }
}

static void
check_streamed (const uint8_t *data,
                size_t         size,
                YpRecord      *record,
                const GError  *error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) anchors = g_array_new (FALSE, FALSE, sizeof (gint64));
  YpFuzzSunk sunk = { ids, anchors, NULL, 0 };
  YpEventSink sink = { yp_fuzz_sunk_begin, yp_fuzz_sunk_event, yp_fuzz_sunk_restart, &sunk };
  g_autoptr(GError) streamed_error = NULL;
  g_autoptr(YpJsonDoc) doc = yp_json_doc_scan (timeline_path, (const char *) data, size, YP_FILE_MAX_BYTES, &streamed_error);
  g_autoptr(YpRecord) streamed = NULL;

  if (doc != NULL)
    streamed = yp_yeonpyo_reader_load_doc_streaming (doc, NULL, &sink, &streamed_error);
  if (yp_fuzz_assert_streamed_agrees (record, error, streamed, streamed_error, &sunk))
    g_assert (sunk.restarts <= 1);
}

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) inputs = NULL;
  g_autoptr(YpRecord) record = NULL;

  if (folder == NULL)
    set_up ();

  record = yp_yeonpyo_reader_load_data (timeline_path, (const char *) data, size, &inputs, &error);
  g_assert ((record == NULL) != (error == NULL));
  if (record != NULL)
    {
      g_assert (inputs != NULL && inputs->len >= 1);
      read_record (record);
    }
  else
    {
      g_assert (error->domain == YP_ERROR);
      g_assert (g_str_has_prefix (error->message, timeline_path));
      g_assert (g_utf8_validate (error->message, -1, NULL));
    }
  /* The readers take RFC 8259 JSON only: json-glib, which takes more,
   * must take whatever they took. */
  if (record != NULL)
    {
      g_autoptr(JsonParser) parser = json_parser_new_immutable ();

      g_assert (json_parser_load_from_data (parser, (const char *) data, size, NULL));
    }
  check_streamed (data, size, record, error);
  return 0;
}
