/* test-stream.c: the streaming reader of Yeonpyo timelines against what
 * the whole-tree reader it replaced made of the same bytes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * tests/data/stream-golden/ holds, for every Yeonpyo-format input the other
 * tests use (and for every prefix and many one-byte mutations of two small
 * timelines), a digest of what the loader made of it: the whole record,
 * every field of every event, source, actor and era, every problem, or the
 * error that refused the file. The files were first written by the reader
 * that parsed the whole file into one json-glib tree, before it was
 * replaced, and rewritten on purpose when the readers became strict RFC
 * 8259 JSON with messages of their own (a record of a valid file did not
 * change):
 *
 *   YP_STREAM_GOLDEN_WRITE=1 meson test -C _build test-stream
 *
 * rewrites them (only do that on purpose, and say why in the commit).
 * Each line is "case <TAB> first line of the dump <TAB> SHA-1 of the whole
 * dump"; a mismatch prints the new dump in full.
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "yp-import.h"
#include "yp-timelinejs.h"
#include "yp-yeonpyo-reader.h"

static char *source_dir;  /* replaced by "@T@" in every dump */

static void
append_text (GString    *out,
             const char *label,
             const char *ko,
             const char *en)
{
  g_string_append_printf (out, " %s=[%s|%s]", label, ko ? ko : "-", en ? en : "-");
}

static char *
normalise (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, source_dir, -1);

  return g_strjoinv ("@T@", parts);
}

static void
dump_record (GString  *out,
             YpRecord *record)
{
  GListModel *model;
  GPtrArray *problems;

  g_string_append (out, "record\n");
  append_text (out, "title", yp_record_get_title (record, YP_LANG_KO), yp_record_get_title (record, YP_LANG_EN));
  g_string_append_c (out, '\n');

  model = yp_record_get_sources (record);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(YpSource) s = g_list_model_get_item (model, i);
      g_autofree char *body = g_compute_checksum_for_string (G_CHECKSUM_SHA1, yp_source_get_body_text (s), -1);
      g_autofree char *raw = g_compute_checksum_for_string (G_CHECKSUM_SHA1, yp_source_get_raw_text (s), -1);
      const YpSegment *segs;
      guint n_segs;

      segs = yp_source_get_segments (s, &n_segs);
      g_string_append_printf (out, "source %s file=%s lang=%s title=%s author=%s published=%s prec=%d tz=%s start=%"
                              G_GINT64_FORMAT " body=%s raw=%s segs=%u",
                              yp_source_get_id (s), yp_source_get_file (s), yp_source_get_language (s),
                              yp_source_get_title (s), yp_source_get_author (s), yp_source_get_published (s),
                              yp_source_get_published_precision (s), yp_source_get_timezone (s),
                              yp_source_get_published_start (s), body, raw, n_segs);
      for (guint j = 0; j < n_segs; j++)
        g_string_append_printf (out, " %u/%u/%u", segs[j].raw_start, segs[j].body_start, segs[j].length);
      append_text (out, "outlet", yp_source_get_outlet (s, YP_LANG_KO), yp_source_get_outlet (s, YP_LANG_EN));
      append_text (out, "outlet_note", yp_source_get_outlet_note (s, YP_LANG_KO), yp_source_get_outlet_note (s, YP_LANG_EN));
      append_text (out, "published_note", yp_source_get_published_note (s, YP_LANG_KO),
                   yp_source_get_published_note (s, YP_LANG_EN));
      g_string_append_c (out, '\n');
    }

  model = yp_record_get_actors (record);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(YpActor) a = g_list_model_get_item (model, i);

      g_string_append_printf (out, "actor %s kind=%s", yp_actor_get_id (a), yp_actor_get_kind (a));
      append_text (out, "name", yp_actor_get_name (a, YP_LANG_KO), yp_actor_get_name (a, YP_LANG_EN));
      append_text (out, "role", yp_actor_get_role (a, YP_LANG_KO), yp_actor_get_role (a, YP_LANG_EN));
      g_string_append_c (out, '\n');
    }

  model = yp_record_get_eras (record);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(YpEra) e = g_list_model_get_item (model, i);

      g_string_append_printf (out, "era %s %s..%s %" G_GINT64_FORMAT "..%" G_GINT64_FORMAT,
                              yp_era_get_id (e), yp_era_get_start_text (e), yp_era_get_end_text (e),
                              yp_era_get_start (e), yp_era_get_end (e));
      append_text (out, "name", yp_era_get_name (e, YP_LANG_KO), yp_era_get_name (e, YP_LANG_EN));
      append_text (out, "description", yp_era_get_description (e, YP_LANG_KO), yp_era_get_description (e, YP_LANG_EN));
      g_string_append_c (out, '\n');
    }

  model = yp_record_get_events (record);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(YpEvent) e = g_list_model_get_item (model, i);
      const char * const *actors = yp_event_get_actors (e);

      g_string_append_printf (out, "event %s pos=%u date=%s prec=%d tz=%s earliest=%s latest=%s "
                              "start=%" G_GINT64_FORMAT " end=%" G_GINT64_FORMAT " anchor=%" G_GINT64_FORMAT
                              " category=%s era=%s status=%s publication_of=%s actors=",
                              yp_event_get_id (e), yp_event_get_position (e), yp_event_get_date (e),
                              yp_event_get_precision (e), yp_event_get_timezone (e), yp_event_get_earliest (e),
                              yp_event_get_latest (e), yp_event_get_start (e), yp_event_get_end (e),
                              yp_event_get_anchor (e), yp_event_get_category (e), yp_event_get_era (e),
                              yp_event_get_status (e), yp_event_get_publication_of (e));
      for (guint j = 0; actors != NULL && actors[j] != NULL; j++)
        g_string_append_printf (out, "%s%s", j ? "," : "", actors[j]);
      append_text (out, "title", yp_event_get_title (e, YP_LANG_KO), yp_event_get_title (e, YP_LANG_EN));
      append_text (out, "summary", yp_event_get_summary (e, YP_LANG_KO), yp_event_get_summary (e, YP_LANG_EN));
      append_text (out, "date_note", yp_event_get_date_note (e, YP_LANG_KO), yp_event_get_date_note (e, YP_LANG_EN));
      for (guint j = 0; j < yp_event_get_n_citations (e); j++)
        {
          const YpCitationInfo *c = yp_event_get_citation_info (e, j);

          g_string_append_printf (out, " cite=%s:%u-%u:%u-%u:[%s]", c->source_id, c->body_start, c->body_end,
                                  c->raw_start, c->raw_end, c->quote);
        }
      g_string_append_c (out, '\n');
    }

  problems = yp_record_get_problems (record);
  for (guint i = 0; i < problems->len; i++)
    {
      g_autofree char *line = yp_problem_to_string (g_ptr_array_index (problems, i));
      g_string_append_printf (out, "problem %s\n", line);
    }
}

/* The dump of what @record or @error say, paths made relative. */
static char *
dump (YpRecord *record,
      GError   *error)
{
  g_autoptr(GString) out = g_string_new (NULL);

  g_assert_true ((record == NULL) != (error == NULL));
  if (record != NULL)
    dump_record (out, record);
  else
    g_string_append_printf (out, "error %s\n", error->message);
  return normalise (out->str);
}

typedef struct {
  GHashTable *expected;  /* case -> line */
  GString    *written;   /* when writing the golden file */
  guint       n_cases;
  guint       n_failed;
} Golden;

static void
golden_open (Golden     *golden,
             const char *name)
{
  g_autofree char *file = g_test_build_filename (G_TEST_DIST, "data", "stream-golden", name, NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  memset (golden, 0, sizeof *golden);
  golden->expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (g_getenv ("YP_STREAM_GOLDEN_WRITE") != NULL)
    {
      golden->written = g_string_new (NULL);
      return;
    }
  g_assert_true (g_file_get_contents (file, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *tab = strchr (lines[i], '\t');

      if (tab == NULL)
        continue;
      g_hash_table_insert (golden->expected, g_strndup (lines[i], tab - lines[i]), g_strdup (tab + 1));
    }
}

static void
golden_check (Golden     *golden,
              const char *name,
              const char *text)
{
  g_autofree char *sum = g_compute_checksum_for_string (G_CHECKSUM_SHA1, text, -1);
  const char *nl = strchr (text, '\n');
  g_autofree char *first = g_strndup (text, nl ? (gsize) (nl - text) : strlen (text));
  g_autofree char *line = NULL;
  const char *expected;

  /* Tabs and newlines would break the file's lines. */
  g_strdelimit (first, "\t\r", ' ');
  line = g_strdup_printf ("%s\t%s", first, sum);
  golden->n_cases++;
  if (golden->written != NULL)
    {
      g_string_append_printf (golden->written, "%s\t%s\n", name, line);
      return;
    }
  expected = g_hash_table_lookup (golden->expected, name);
  if (g_strcmp0 (expected, line) != 0)
    {
      g_test_message ("%s: expected\n  %s\ngot\n  %s\nwhole dump:\n%s", name,
                      expected ? expected : "(no such case)", line, text);
      golden->n_failed++;
    }
}

static void
golden_close (Golden     *golden,
              const char *name)
{
  g_test_message ("%s: %u cases, %u differ", name, golden->n_cases, golden->n_failed);
  if (golden->written != NULL)
    {
      g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "data", "stream-golden", NULL);
      g_autofree char *file = g_build_filename (dir, name, NULL);

      g_mkdir_with_parents (dir, 0755);
      g_assert_true (g_file_set_contents (file, golden->written->str, -1, NULL));
      g_string_free (golden->written, TRUE);
    }
  else
    {
      /* Every case recorded was tried. */
      g_assert_cmpuint (g_hash_table_size (golden->expected), ==, golden->n_cases);
    }
  g_hash_table_unref (golden->expected);
  g_assert_cmpuint (golden->n_failed, ==, 0);
}

static char *
load_file_dump (const char *path,
                gboolean    import)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YpRecord) record = import ? yp_import_load_file (path, NULL, &error)
                                      : yp_yeonpyo_reader_load_file (path, NULL, &error);

  return dump (record, error);
}

static char *
load_data_dump (const char *data,
                gsize       length)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YpRecord) record = yp_yeonpyo_reader_load_data ("mem.json", data, length, NULL, &error);

  return dump (record, error);
}

/* Every Yeonpyo-format file the tests read, through both entry points. */
static void
test_fixtures (void)
{
  const char *dirs[] = { "data", "data/hostile", "data/fuzz-regressions/loader", "fuzz/corpus-loader" };
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  Golden golden;

  g_ptr_array_add (files, g_strdup ("../data/timeline.json"));
  for (guint d = 0; d < G_N_ELEMENTS (dirs); d++)
    {
      g_autofree char *dir = g_test_build_filename (G_TEST_DIST, dirs[d], NULL);
      g_autoptr(GDir) gdir = g_dir_open (dir, 0, NULL);
      const char *name;

      g_assert_nonnull (gdir);
      while ((name = g_dir_read_name (gdir)) != NULL)
        {
          g_autofree char *full = g_build_filename (dir, name, NULL);

          if (g_file_test (full, G_FILE_TEST_IS_REGULAR) && !g_str_has_suffix (name, ".txt"))
            g_ptr_array_add (files, g_build_filename (dirs[d], name, NULL));
        }
    }

  golden_open (&golden, "fixtures");
  for (guint i = 0; i < files->len; i++)
    {
      const char *rel = g_ptr_array_index (files, i);
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, rel, NULL);

      for (guint import = 0; import < 2; import++)
        {
          g_autofree char *name = g_strdup_printf ("%s %s", import ? "import" : "load", rel);
          g_autofree char *text = load_file_dump (path, import);

          golden_check (&golden, name, text);
        }
    }
  golden_close (&golden, "fixtures");
}

/* The documents test-hostile builds in memory. */
static void
test_hostile_documents (void)
{
  g_autoptr(GString) s = g_string_new (NULL);
  Golden golden;

  golden_open (&golden, "hostile");

#define CHECK(name, data, len) G_STMT_START { \
    g_autofree char *text_ = load_data_dump (data, len); \
    golden_check (&golden, name, text_); \
  } G_STMT_END

  {
    const char bad[] = "{\"format\": \"yeonpyo-timeline\",\n \"version\": 1, \"\\ude\x10" "0\": 1}";

    CHECK ("bad-escape-member", bad, sizeof bad - 1);
    CHECK ("short-escape", "[\"\\u12\"]", 8);
    CHECK ("escape-at-end", "[\"\\u", 4);
    CHECK ("escape-fine", "[\"\\u00e9\\\\u\"]", 13);
  }

  for (guint i = 0; i < 256; i++)
    g_string_append_c (s, '[');
  for (guint i = 0; i < 256; i++)
    g_string_append_c (s, ']');
  CHECK ("nesting-at-limit", s->str, s->len);
  g_string_prepend_c (s, '[');
  g_string_append_c (s, ']');
  CHECK ("nesting-over-limit", s->str, s->len);

  g_string_assign (s, "{\"format\": \"yeonpyo-timeline\", \"version\": 1, /* ");
  for (guint i = 0; i < 1000; i++)
    g_string_append (s, "[{");
  g_string_append (s, " */ \"title\": {\"ko\": \"");
  for (guint i = 0; i < 1000; i++)
    g_string_append (s, "[{\\\"");
  g_string_append (s, "\", \"en\": \"x\"}, \"sources\": []}");
  CHECK ("brackets-in-text", s->str, s->len);
  g_string_assign (s, "{\"format\": \"yeonpyo-timeline\", \"version\": 1, \"title\": {\"ko\": \"");
  for (guint i = 0; i < 1000; i++)
    g_string_append (s, "[{\\\"");
  g_string_append (s, "\", \"en\": \"x\"}, \"sources\": []}");
  CHECK ("brackets-in-strings", s->str, s->len);

  /* What the scan and the parser accept or refuse around the structure. */
  {
    const char *docs[] = {
      "",
      "  ",
      "null",
      "1",
      "\"str\"",
      "[1, 2",
      "{",
      "{\"format\"",
      "{\"format\":",
      "{\"format\": \"yeonpyo-timeline\"",
      "{\"format\": \"yeonpyo-timeline\",",
      "{\"format\": \"yeonpyo-timeline\",}",
      "{\"format\": \"yeonpyo-timeline\" \"version\": 1}",
      "{\"format\": \"yeonpyo-timeline\", \"version\" 1}",
      "{\"format\": \"yeonpyo-timeline\", \"version\": 1, \"events\": [}",
      "{\"format\": \"yeonpyo-timeline\", \"version\": 1, \"events\": [1 2]}",
      "{\"format\": \"yeonpyo-timeline\", \"version\": 1, \"events\": [1,]}",
      "{\"format\": \"yeonpyo-timeline\", \"version\": 1, \"events\": [,1]}",
      "{\"format\": \"yeonpyo-timeline\", \"version\": 1, \"events\": [{}{}]}",
      "{\"format\": \"yeonpyo-timeline\", \"version\": 1, \"events\": [{} /* c */ , /* d */ {}]}",
      "{\"format\": \"yeonpyo-timeline\", \"version\": 1, \"events\": [- 1, 0x10, .5, 1e5, true, null, 'x', \"y\"]}",
      "{\"format\": \"yeonpyo-timeline\", \"version\": 1, \"events\": [nul]}",
      "{\"format\": \"yeonpyo-timeline\", \"version\": 1, \"events\": [1é]}",
      "{\"format\": \"yeonpyo-timeline\", \"version\": 1, \"events\": [{\"id\": \"\\ud800\"}]}",
      "{\"format\": \"yeonpyo-timeline\", \"version\": 1, \"events\": [{\"id\": \"\\udc00\\ud800\"}]}",
      "{\"format\": \"yeonpyo-timeline\", \"version\": 1, \"events\": [{\"id\": 'a\\'}]}",
      "{\"format\": \"yeonpyo-timeline\", \"version\": 1, \"events\": [{\"id\": \"a\"]]}",
      "{\"format\": \"yeonpyo-timeline\", \"version\": 1, \"events\": 5}",
      "{\"format\": \"yeonpyo-timeline\", \"version\": 1, \"events\": {\"a\": [1]}}",
      "{\"format\": \"yeonpyo-timeline\", \"version\": 1, \"events\": [1], \"events\": {}}",
      "{\"format\": \"yeonpyo-timeline\", \"version\": 1, \"events\": {}, \"events\": [1]}",
      "{\"format\": \"yeonpyo-timeline\", \"version\": 1, \"sources\": [], \"x\": [1, {]}",
      "{\"format\": \"yeonpyo-timeline\", \"version\": 2, \"events\": [{]}",
      "{\"format\": \"yeonpyo-timeline\", \"version\": 1, \"events\": [{\"id\": \"\\udc00\"}], \"title\": 1 2}",
      "{\"format\": \"yeonpyo-timeline\", \"version\": 1, \"events\": [{\"id\": \"\\ud800x\"}]}",
      "{\"format\": \"yeonpyo-timeline\", \"version\": 1} x",
      "{\"format\": \"yeonpyo-timeline\", \"version\": 1} /* c */",
      "{\"format\": \"yeonpyo-timeline\", \"version\": 1} /* c",
      "{\"format\": \"yeonpyo-timeline\", \"version\": 1} /",
      "{\"format\": \"yeonpyo-timeline\", \"version\": 1 /",
      "{\"form\\u0061t\": \"yeonpyo-timeline\", 'version': 1, \"sources\": []}",
      "{\"format\": \"yeonpyo-timeline\", \"version\": 1, \"format\": \"x\"}",
      "{\"format\": \"x\", \"version\": 1, \"format\": \"yeonpyo-timeline\"}",
      "{\"format\": \"yeonpyo-timeline\", \"version\": 1, \"\\ud800\": 1}",
      "{\"format\": \"yeonpyo-timeline\", \"version\": 1, \"events\": [], \"\\ud800\": 1}",
      "{\"format\": \"yeonpyo-timeline\", \"version\": 1, \"colour\": [{\"a\": \"\\udc00\"}], \"events\": [{\"b\": \"\\udc01\"}]}",
      "{\"format\": \"yeonpyo-timeline\", \"version\": 1,\n  \"events\": [\n    {\"id\": \"a\",\n     \"date\": \"2023\"\n",
      "{\"format\": \"yeonpyo-timeline\",\t\"version\": 1,\r\n\"events\": [\r\n  {\"id\":\t}]}",
    };

    for (guint i = 0; i < G_N_ELEMENTS (docs); i++)
      {
        g_autofree char *name = g_strdup_printf ("structure-%02u", i);
        CHECK (name, docs[i], strlen (docs[i]));
      }
  }
#undef CHECK
  golden_close (&golden, "hostile");
}

/* Every prefix of a timeline, and every byte of one replaced by each of a
 * few characters that matter to a scanner: the line and column of every
 * syntax error, and what loads when the file is still valid. */
static void
test_truncations_and_mutations (void)
{
  const char *replacements = ",:[]{}\"'/*\\ \nx1";
  g_autofree char *all = g_test_build_filename (G_TEST_DIST, "fuzz", "corpus-loader", "all-members.json", NULL);
  g_autofree char *quotes = g_test_build_filename (G_TEST_DIST, "fuzz", "corpus-loader", "escapes.json", NULL);
  g_autofree char *data = NULL;
  gsize length;
  Golden golden;

  golden_open (&golden, "mutations");

  g_assert_true (g_file_get_contents (all, &data, &length, NULL));
  for (gsize n = 0; n < length; n++)
    {
      g_autofree char *name = g_strdup_printf ("prefix-%" G_GSIZE_FORMAT, n);
      g_autofree char *text = load_data_dump (data, n);

      golden_check (&golden, name, text);
    }
  g_clear_pointer (&data, g_free);

  g_assert_true (g_file_get_contents (quotes, &data, &length, NULL));
  for (gsize i = 0; i < length; i++)
    {
      char saved = data[i];

      /* One byte of a longer UTF-8 character would only test UTF-8. */
      if ((guchar) saved >= 0x80)
        continue;
      for (const char *r = replacements; *r; r++)
        {
          g_autofree char *name = NULL;
          g_autofree char *text = NULL;

          if (*r == saved)
            continue;
          data[i] = *r;
          name = g_strdup_printf ("mutation-%" G_GSIZE_FORMAT "-%02x", i, (guint) *r);
          text = load_data_dump (data, length);
          golden_check (&golden, name, text);
        }
      data[i] = saved;
    }
  golden_close (&golden, "mutations");
}

/* New cases: what the scanner must get right */

#define HEAD \
  "{\"format\": \"yeonpyo-timeline\", \"version\": 1,\n" \
  " \"title\": {\"ko\": \"시험\", \"en\": \"Test\"},\n" \
  " \"sources\": [{\"id\": \"s\", \"file\": \"data/hostile/seed.txt\", \"language\": \"ko\", \"body\": [[4, 6]]}],\n" \
  " \"eras\": [{\"id\": \"all\", \"name\": {\"ko\": \"전부\", \"en\": \"All\"}, \"start\": \"2023\", \"end\": \"2024\"}],\n" \
  " \"events\": [\n"

/* One event that loads, its id @n and its title @title (JSON text). */
static char *
event_json (guint       n,
            const char *title)
{
  return g_strdup_printf ("  {\"id\": \"e%u\", \"date\": \"2023-11-17\", \"precision\": \"day\","
                          " \"title\": {\"ko\": %s, \"en\": \"e\"}, \"summary\": {\"ko\": \"요약\", \"en\": \"Summary\"},"
                          " \"category\": \"governance\", \"era\": \"all\","
                          " \"citations\": [{\"source\": \"s\", \"quote\": \"샘 알트먼을 해임했다\"}]}",
                          n, title);
}

static YpRecord *
load_string (const char  *text,
             GError     **error)
{
  return yp_yeonpyo_reader_load_data ("mem.json", text, strlen (text), NULL, error);
}

static void
assert_fails_with (const char *text,
                   const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YpRecord) record = load_string (text, &error);

  g_test_message ("%s", error ? error->message : "(loaded)");
  g_assert_null (record);
  g_assert_nonnull (error);
  g_assert_cmpstr (error->message, ==, message);
}

static void
assert_problem (YpRecord   *record,
                const char *path,
                const char *message)
{
  GPtrArray *problems = yp_record_get_problems (record);

  for (guint i = 0; i < problems->len; i++)
    {
      YpProblem *p = g_ptr_array_index (problems, i);

      if (g_str_equal (p->path, path) && g_str_equal (p->message, message))
        return;
    }
  g_test_message ("no problem at %s: %s", path, message);
  g_assert_not_reached ();
}

/* Brackets, commas, quotes, slashes and backslashes in strings are text. */
static void
test_text_that_looks_like_structure (void)
{
  const char *titles[] = {
    "\"{\"", "\"[\"", "\"]\"", "\"}\"", "\"\\\\\"", "\"\\\\\\\"\"", "\"a, b\"", "\"\\\"}, {\\\"\"",
    "\"'single \\\\'\"", "\"/* not a comment */\"", "\"] } , { [\"",
  };
  const char *expected[] = {
    "{", "[", "]", "}", "\\", "\\\"", "a, b", "\"}, {\"", "'single \\'", "/* not a comment */", "] } , { [",
  };
  g_autoptr(GString) s = g_string_new (HEAD);
  g_autoptr(GError) error = NULL;
  g_autoptr(YpRecord) record = NULL;
  GListModel *events;

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autofree char *e = event_json (i, titles[i]);

      if (i > 0)
        g_string_append (s, i % 2 ? ",\n  \n" : " \t,");
      g_string_append (s, e);
    }
  g_string_append (s, "\n ] \r\n}\n");
  record = load_string (s->str, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < yp_record_get_problems (record)->len; i++)
    {
      g_autofree char *line = yp_problem_to_string (g_ptr_array_index (yp_record_get_problems (record), i));
      g_test_message ("%s", line);
    }
  g_assert_cmpuint (yp_record_get_problems (record)->len, ==, 0);
  events = yp_record_get_events (record);
  g_assert_cmpuint (g_list_model_get_n_items (events), ==, G_N_ELEMENTS (titles));
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autofree char *id = g_strdup_printf ("e%u", i);
      YpEvent *event = yp_record_lookup_event (record, id);

      g_assert_nonnull (event);
      g_assert_cmpuint (yp_event_get_position (event), ==, i);
      g_assert_cmpstr (yp_event_get_title (event, YP_LANG_KO), ==, expected[i]);
    }
}

/* A file cut short inside an event: where the string or the array that
 * is not closed starts. */
static void
test_truncated_in_an_event (void)
{
  g_autofree char *e0 = event_json (0, "\"a\"");
  g_autofree char *e1 = event_json (1, "\"b\"");
  g_autofree char *text = g_strdup_printf (HEAD "%s,\n%s", e0, e1);
  g_autofree char *cut = g_strndup (text, g_strrstr (text, "알트먼을") + strlen ("알트먼을") - text);
  g_autofree char *expected = NULL;
  const char *quote, *line_start;
  guint line = 1;

  /* Cut inside a quote: the message points at its opening quote, the
   * column counted in characters. */
  g_assert_true (g_str_has_suffix (cut, "\"샘 알트먼을"));
  quote = g_strrstr (cut, "\"샘 알트먼을");
  line_start = quote;
  while (line_start > cut && line_start[-1] != '\n')
    line_start--;
  for (const char *c = cut; c < quote; c++)
    line += *c == '\n';
  g_assert_cmpuint (line, ==, 7);
  expected = g_strdup_printf ("mem.json:7:%ld: the string that starts here is not closed (events[1].citations[0].quote)",
                              g_utf8_strlen (line_start, quote - line_start) + 1);
  assert_fails_with (cut, expected);
  /* After a whole event, in the array. */
  g_free (cut);
  cut = g_strdup_printf (HEAD "%s,\n  ", e0);
  assert_fails_with (cut, "mem.json:7:3: expected a value, found the end of the file (events)");
}

/* "events" must be an array: anything else is a problem, and the rest of
 * the timeline loads. */
static void
test_events_not_an_array (void)
{
  const struct { const char *value; const char *message; } cases[] = {
    { "{\"0\": {}}", "is an object; an array is required" },
    { "\"[]\"", "is a string; an array is required" },
    { "42", "is a number; an array is required" },
    { "true", "is a boolean; an array is required" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) text = g_string_new (HEAD);
      g_autoptr(GError) error = NULL;
      g_autoptr(YpRecord) record = NULL;

      g_string_truncate (text, text->len - strlen (" \"events\": [\n"));
      g_string_append_printf (text, " \"events\": %s}", cases[i].value);
      record = load_string (text->str, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (yp_record_get_sources (record)), ==, 1);
      g_assert_cmpuint (g_list_model_get_n_items (yp_record_get_events (record)), ==, 0);
      assert_problem (record, "events", cases[i].message);
    }
}

/* Anything after the top-level object is refused, a second object, a
 * comment or a comma alike. */
static void
test_trailing_garbage (void)
{
  assert_fails_with ("{\"format\": \"yeonpyo-timeline\", \"version\": 1, \"sources\": []}\n{\"events\": []}",
                     "mem.json:2:1: expected the end of the file after the top-level value, found “{”");
  assert_fails_with ("{\"format\": \"yeonpyo-timeline\", \"version\": 1, \"sources\": []} [",
                     "mem.json:1:61: expected the end of the file after the top-level value, found “[”");
  assert_fails_with ("{\"format\": \"yeonpyo-timeline\", \"version\": 1, \"sources\": []} /* fine */ x",
                     "mem.json:1:61: expected the end of the file after the top-level value, found “/”");
  assert_fails_with ("{\"format\": \"yeonpyo-timeline\", \"version\": 1, \"sources\": []},",
                     "mem.json:1:60: expected the end of the file after the top-level value, found “,”");
}

/* A timeline over the 64 MB the tree reader took opens: @n_events events
 * with a megabyte of spaces between each two, and a file cut short in the
 * last one says where, past line 65,000. */
static void
test_over_64_mb (void)
{
  const guint n_events = 70;
  g_autofree char *dir = g_dir_make_tmp ("yp-stream-XXXXXX", NULL);
  g_autofree char *file = g_build_filename (dir, "big.json", NULL);
  g_autofree char *seed = g_test_build_filename (G_TEST_DIST, "data", "hostile", "seed.txt", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GString) s = g_string_new (NULL);
  g_autoptr(GString) padding = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(YpRecord) record = NULL;
  g_autoptr(GPtrArray) inputs = NULL;
  guint lines = 0;

  for (guint i = 0; i < 1024; i++)
    {
      g_autofree char *spaces = g_strnfill (1023, ' ');

      g_string_append (padding, spaces);
      g_string_append_c (padding, '\n');
    }
  /* The article beside the timeline, where HEAD names it: an article's
   * path stays in the timeline's folder. */
  {
    g_autofree char *seed_dir = g_build_filename (dir, "data", "hostile", NULL);
    g_autofree char *copy = g_build_filename (seed_dir, "seed.txt", NULL);
    g_autofree char *seed_text = NULL;
    gsize seed_len = 0;

    g_assert_cmpint (g_mkdir_with_parents (seed_dir, 0700), ==, 0);
    g_assert_true (g_file_get_contents (seed, &seed_text, &seed_len, NULL));
    g_assert_true (g_file_set_contents (copy, seed_text, seed_len, NULL));
  }
  g_string_assign (s, HEAD);
  for (guint i = 0; i < n_events; i++)
    {
      g_autofree char *e = event_json (i, "\"big\"");

      if (i > 0)
        g_string_append_c (s, ',');
      g_string_append_len (s, padding->str, padding->len);
      lines += 1024;
      g_string_append (s, e);
    }
  g_string_append (s, "]}\n");
  g_assert_cmpuint (s->len, >, YP_TIMELINEJS_MAX_BYTES);
  g_assert_true (g_file_set_contents (file, s->str, s->len, NULL));

  record = yp_yeonpyo_reader_load_file (file, &inputs, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (yp_record_get_problems (record)->len, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (yp_record_get_events (record)), ==, n_events);
  g_assert_cmpuint (inputs->len, ==, 2);
  g_clear_object (&record);
  record = yp_import_load_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (yp_record_get_events (record)), ==, n_events);
  g_clear_object (&record);

  /* Cut in the last event's "citations". */
  g_string_truncate (s, strstr (s->str + s->len - 200, "\"citations\"") - s->str + 5);
  g_assert_true (g_file_set_contents (file, s->str, s->len, NULL));
  record = yp_yeonpyo_reader_load_file (file, NULL, &error);
  g_assert_null (record);
  /* HEAD is 5 lines, then each event is on the last line of its padding. */
  text = g_strdup_printf ("%s:%u:", file, 5 + lines + 1);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, text));
  g_assert_nonnull (strstr (error->message, ": the string that starts here is not closed (events[69])"));

  g_unlink (file);
  {
    g_autofree char *copy = g_build_filename (dir, "data", "hostile", "seed.txt", NULL);
    g_autofree char *hostile = g_build_filename (dir, "data", "hostile", NULL);
    g_autofree char *data = g_build_filename (dir, "data", NULL);

    g_unlink (copy);
    g_rmdir (hostile);
    g_rmdir (data);
  }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  source_dir = g_strdup (g_test_get_dir (G_TEST_DIST));
  /* In-memory documents name "mem.json" in the current folder, and their
   * sources' files are looked for there: the same folder wherever the
   * tests run. */
  g_assert_cmpint (g_chdir (source_dir), ==, 0);
  g_test_add_func ("/stream/fixtures", test_fixtures);
  g_test_add_func ("/stream/hostile-documents", test_hostile_documents);
  g_test_add_func ("/stream/truncations-and-mutations", test_truncations_and_mutations);
  g_test_add_func ("/stream/text-that-looks-like-structure", test_text_that_looks_like_structure);
  g_test_add_func ("/stream/truncated-in-an-event", test_truncated_in_an_event);
  g_test_add_func ("/stream/events-not-an-array", test_events_not_an_array);
  g_test_add_func ("/stream/trailing-garbage", test_trailing_garbage);
  g_test_add_func ("/stream/over-64-mb", test_over_64_mb);
  return g_test_run ();
}
