/* test-hostile.c: files built to break the loader, and what the user is told
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each case checks three things: the message names the file, says where
 * (a JSON path, or a line) and what is wrong; whatever else in the file is
 * valid still loads; and nothing crashes, hangs or reads a huge file into
 * memory. The "Reliability" table of docs/DESIGN.md points here, case by case.
 *
 * tests/data/fuzz-regressions/loader/ holds every input the fuzzer (or a
 * reviewer) found to crash the loader; /hostile/fuzz-regressions replays
 * them. Add the file there first, watch this test fail, then fix.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "yp-cache.h"
#include "yp-error.h"
#include "yp-file-bytes-private.h"
#include "yp-reader-private.h"
#include "yp-timelinejs.h"
#include "yp-yeonpyo-reader.h"
#include "yp-test-util.h"

/* The loader refuses anything nested deeper than this (yp-json-doc.c). */
#define MAX_NESTING 256

/* Helpers */

static char *
hostile_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "hostile", name, NULL);
}

/* A file of @size bytes that takes no space on disk. */
static void
make_sparse (const char *path,
             goffset     size)
{
  int fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, size), ==, 0);
  close (fd);
}

/* The most memory this process has used so far, in kB. */
static glong
peak_rss_kb (void)
{
  struct rusage usage;

  g_assert_cmpint (getrusage (RUSAGE_SELF, &usage), ==, 0);
  return usage.ru_maxrss;
}

/* Loads @path, which must fail as a whole, with a message that starts with
 * the file name and contains every one of @parts. */
static void
assert_fatal_file (const char *path,
                   const char *part,
                   ...) G_GNUC_NULL_TERMINATED;

static void
assert_fatal_file (const char *path,
                   const char *part,
                   ...)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) mapped_error = NULL;
  g_autoptr(YpRecord) record = yp_yeonpyo_reader_load_file (path, NULL, &error);
  g_autoptr(YpRecord) mapped = NULL;
  va_list args;

  g_test_message ("%s", error ? error->message : "(no error)");
  g_assert_null (record);
  g_assert_nonnull (error);
  /* Mapped, as a file over 64 MB is: the same message. */
  yp_file_bytes_set_map_bytes (0);
  mapped = yp_yeonpyo_reader_load_file (path, NULL, &mapped_error);
  yp_file_bytes_set_map_bytes (YP_FILE_MAP_BYTES);
  g_assert_null (mapped);
  g_assert_nonnull (mapped_error);
  g_assert_cmpstr (mapped_error->message, ==, error->message);
  g_assert_true (g_str_has_prefix (error->message, path));
  va_start (args, part);
  for (const char *p = part; p != NULL; p = va_arg (args, const char *))
    {
      if (strstr (error->message, p) == NULL)
        g_test_message ("missing “%s”", p);
      g_assert_nonnull (strstr (error->message, p));
    }
  va_end (args);
}

/* The same, for bytes that never were a file. */
static void
assert_fatal_data (const char *data,
                   gsize       length,
                   const char *part)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YpRecord) record = yp_yeonpyo_reader_load_data ("in-memory.json", data, length, NULL, &error);

  g_test_message ("%s", error ? error->message : "(no error)");
  g_assert_null (record);
  g_assert_nonnull (error);
  g_assert_true (g_str_has_prefix (error->message, "in-memory.json:"));
  g_assert_nonnull (strstr (error->message, part));
}

typedef struct {
  const char *path;      /* JSON path of the problem */
  YpSeverity  severity;
  const char *message;   /* a part of the message */
} Expected;

static void
assert_problem (YpRecord       *record,
                const char     *file,
                const Expected *e)
{
  GPtrArray *problems = yp_record_get_problems (record);

  for (guint i = 0; i < problems->len; i++)
    {
      YpProblem *p = g_ptr_array_index (problems, i);

      if (g_str_equal (p->path, e->path) && p->severity == e->severity &&
          strstr (p->message, e->message) != NULL)
        {
          /* Every message names its file. */
          g_assert_cmpstr (p->file, ==, file);
          return;
        }
    }
  g_test_message ("no %s at %s: “%s”", e->severity == YP_SEVERITY_ERROR ? "error" : "warning",
                  e->path, e->message);
  g_assert_not_reached ();
}

static void
log_problems (YpRecord *record)
{
  GPtrArray *problems = yp_record_get_problems (record);

  for (guint i = 0; i < problems->len; i++)
    {
      g_autofree char *line = yp_problem_to_string (g_ptr_array_index (problems, i));
      g_test_message ("%s", line);
    }
}

/* Whole files that cannot be loaded */

static void
test_fatal_files (void)
{
  struct { const char *file; const char *message; } cases[] = {
    { "truncated.json", "truncated.json:1:91: expected a value, found the end of the file (sources)" },
    { "wrong-format.json", "not a Yeonpyo timeline" },
    { "newer-version.json", "format version 7 is not supported" },
    { "not-an-object.json", "the top level is an array" },
    { "empty.json", "the file is empty" },
    { "nul-byte.json", "nul-byte.json:1:31: a NUL byte: the file is not a JSON text file" },
    { "bad-utf8.json", "bad-utf8.json:1:63: the file is not valid UTF-8 text here" },
    { "no-such-file.json", "cannot read the file: Failed to open file" },
    { "hostile", "is a folder; open a timeline .json file" },
    { "hostile/deep-300.json", "deep-300.json:1:257: arrays and objects nest deeper than 256 levels ([0][0]" },
    { "hostile/deep-in-title.json", "deep-in-title.json:4:267: arrays and objects nest deeper than 256 levels (title[0][0]" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = yp_test_data_path (cases[i].file);
      assert_fatal_file (path, cases[i].message, NULL);
    }
}

/* A million "[": json-glib would recurse a million times and overflow the
 * stack. The loader counts before parsing. */
static void
test_deep_nesting (void)
{
  const gsize deep = 1000 * 1000;
  g_autofree char *dir = g_dir_make_tmp ("yp-hostile-XXXXXX", NULL);
  g_autofree char *file = g_build_filename (dir, "deep.json", NULL);
  g_autoptr(GString) s = g_string_sized_new (2 * deep);
  g_autoptr(GError) error = NULL;

  for (gsize i = 0; i < deep; i++)
    g_string_append_c (s, '[');
  for (gsize i = 0; i < deep; i++)
    g_string_append_c (s, ']');
  assert_fatal_data (s->str, s->len, ":1:257: arrays and objects nest deeper than 256 levels");
  g_file_set_contents (file, s->str, s->len, &error);
  g_assert_no_error (error);
  assert_fatal_file (file, "nest deeper than 256 levels", NULL);

  /* Objects count as much as arrays. */
  g_string_truncate (s, 0);
  for (guint i = 0; i < 100000; i++)
    g_string_append (s, "{\"a\":");
  assert_fatal_data (s->str, s->len, ":1:1281: arrays and objects nest deeper than 256 levels (a.a.a.");
  yp_test_remove_tree (dir);
}

/* Brackets inside strings and comments are text, not nesting; and text
 * cannot be used to hide real nesting from the count. */
static void
test_nesting_count_is_exact (void)
{
  g_autoptr(GString) s = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(YpRecord) record = NULL;

  /* Exactly the limit: parsed, then refused for what it is. */
  for (guint i = 0; i < MAX_NESTING; i++)
    g_string_append_c (s, '[');
  for (guint i = 0; i < MAX_NESTING; i++)
    g_string_append_c (s, ']');
  assert_fatal_data (s->str, s->len, "the top level is an array");

  /* One more: refused before parsing. */
  g_string_prepend_c (s, '[');
  g_string_append_c (s, ']');
  assert_fatal_data (s->str, s->len, "nest deeper than 256 levels");

  /* Closing brackets in strings do not lower the count. */
  g_string_truncate (s, 0);
  for (guint i = 0; i <= MAX_NESTING; i++)
    g_string_append (s, "[\"]]\", ");
  g_string_append (s, "1");
  for (guint i = 0; i <= MAX_NESTING; i++)
    g_string_append_c (s, ']');
  assert_fatal_data (s->str, s->len, "nest deeper than 256 levels");

  /* Opening brackets in strings do not raise it: a thousand "[" in a
   * title is a valid timeline. */
  g_string_assign (s, "{\"format\": \"yeonpyo-timeline\", \"version\": 1, \"title\": {\"ko\": \"");
  for (guint i = 0; i < 1000; i++)
    g_string_append (s, "[{\\\"");
  g_string_append (s, "\", \"en\": \"x\"}, \"sources\": []}");
  record = yp_yeonpyo_reader_load_data ("brackets.json", s->str, s->len, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (record);
  g_assert_true (g_str_has_prefix (yp_record_get_title (record, YP_LANG_KO), "[{\"[{\""));
}

/* A "\u" without four hex digits, or half a surrogate pair, is not a
 * character: refused, saying where. */
static void
test_bad_unicode_escape (void)
{
  const char bad[] = "{\"format\": \"yeonpyo-timeline\",\n \"version\": 1, \"\\ude\x10" "0\": 1}";
  g_autofree char *regression = g_test_build_filename (G_TEST_DIST, "data", "fuzz-regressions", "loader",
                                                       "bad-unicode-escape-in-member.json", NULL);

  const char *short_escape = "[\"\\u12\"]";
  const char *at_end = "[\"\\u";
  const char *fine = "[\"\\u00e9\\\\u\"]";

  assert_fatal_data (bad, sizeof bad - 1, "in-memory.json:2:17: “\\u” must be followed by four hex digits");
  assert_fatal_data (short_escape, strlen (short_escape), "in-memory.json:1:3: “\\u” must be followed by four hex digits ([0])");
  assert_fatal_data (at_end, strlen (at_end), "four hex digits");
  /* Four digits, and an escaped backslash before a "u", are fine. */
  assert_fatal_data (fine, strlen (fine), "the top level is an array");
  /* Half a surrogate pair, alone or with an escape that does not complete
   * it; a whole pair is one character. */
  assert_fatal_data ("[\"\\udc00\\udc00\"]", 16,
                     "in-memory.json:1:3: “\\uDC00” is the second half of a surrogate pair, without a first ([0])");
  assert_fatal_data ("[\"\\ud83d\\u0041\"]", 16, "“\\uD83D” is the first half of a surrogate pair, without a second");
  assert_fatal_data ("[\"\\ud83d\"]", 10, "“\\uD83D” is the first half of a surrogate pair, without a second");
  assert_fatal_data ("[\"\\ud83d\\ude00\\u0041\"]", 22, "the top level is an array");
  assert_fatal_file (regression, ":11:", "“\\u” must be followed by four hex digits", NULL);
}

/* Timelines are RFC 8259 JSON (issue 18): what the RFC refuses is
 * refused, with the file, line, column and JSON path, by both readers,
 * and so is what a timeline cannot hold although the RFC allows it. */
#define YP_HEAD "{\"format\": \"yeonpyo-timeline\", \"version\": 1, \"title\": {\"ko\": \"t\", \"en\": \"t\"},\n"

static void
assert_strict (gboolean    tljs,
               const char *json,
               const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YpRecord) record = NULL;

  if (tljs)
    record = yp_timelinejs_load_data ("t.json", json, strlen (json), NULL, &error);
  else
    record = yp_yeonpyo_reader_load_data ("t.json", json, strlen (json), NULL, &error);
  g_test_message ("%s", error != NULL ? error->message : "(loaded)");
  g_assert_null (record);
  g_assert_error (error, YP_ERROR, YP_ERROR_SYNTAX);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_strict_json (void)
{
  /* Hexadecimal and octal numbers: json-glib read 0x7E3 as the year 2019. */
  assert_strict (TRUE, "{\"events\": [{\"start_date\": {\"year\": 0x7E3}, \"text\": {\"headline\": \"a\"}}]}",
                 "t.json:1:37: “0x7E3” is not a JSON number (JSON has no hexadecimal numbers) (events[0].start_date.year)");
  assert_strict (TRUE, "{\"events\": [{\"start_date\": {\"year\": 07}, \"text\": {\"headline\": \"a\"}}]}",
                 "t.json:1:37: “07” is not a JSON number: a number does not start with 0 (JSON has no octal numbers) "
                 "(events[0].start_date.year)");
  /* Past 2^63: json-glib said -1. */
  assert_strict (TRUE, "{\"events\": [{\"start_date\": {\"year\": 9223372036854775808}}]}",
                 "t.json:1:37: the number “9223372036854775808” is too large: whole numbers must lie between "
                 "-9223372036854775808 and 9223372036854775807 (events[0].start_date.year)");
  assert_strict (FALSE, YP_HEAD "\"version\": 2}",
                 "t.json:2:1: duplicate key “version”");
  /* A duplicate key, at the top and inside an element: json-glib let the
   * last one win. */
  assert_strict (FALSE, YP_HEAD "\"sources\": [], \"events\": [{\"id\": \"a\", \"id\": \"b\"}]}",
                 "t.json:2:39: duplicate key “id” (events[0])");
  assert_strict (TRUE, "{\"events\": [], \"events\": [{\"start_date\": {\"year\": 2000}}]}",
                 "t.json:1:16: duplicate key “events”");
  /* A NUL in any string, which cut it short: a quote checked on its first
   * part only, an id past the id rules, a headline shown as "ab". */
  assert_strict (FALSE, YP_HEAD "\"sources\": [], \"events\": [{\"citations\": [{\"quote\": \"이사회\\u0000 said it\"}]}]}",
                 "t.json:2:56: “\\u0000” in a string: a timeline's text cannot hold a NUL character "
                 "(events[0].citations[0].quote)");
  assert_strict (FALSE, YP_HEAD "\"sources\": [], \"actors\": [{\"id\": \"e\\u0000x\"}]}",
                 "t.json:2:36: “\\u0000” in a string: a timeline's text cannot hold a NUL character (actors[0].id)");
  assert_strict (FALSE, "{\"format\": \"yeonpyo-timeline\\u0000\", \"version\": 1}",
                 "t.json:1:29: “\\u0000” in a string: a timeline's text cannot hold a NUL character (format)");
  assert_strict (TRUE, "{\"events\": [{\"start_date\": {\"year\": 2000}, \"text\": {\"headline\": \"ab\\u0000cd\"}}]}",
                 "t.json:1:68: “\\u0000” in a string: a timeline's text cannot hold a NUL character "
                 "(events[0].text.headline)");
  assert_strict (TRUE, "{\"title\": {\"text\": {\"headline\": \"\\u0000\"}}, \"events\": []}",
                 "t.json:1:34: “\\u0000” in a string: a timeline's text cannot hold a NUL character (title.text.headline)");
  /* What json-glib took beyond the RFC. */
  assert_strict (FALSE, YP_HEAD "\"sources\": [], /* c */ \"events\": []}",
                 "t.json:2:16: expected a member name (a string in double quotes), found “/”");
  assert_strict (TRUE, "{'events': []}",
                 "t.json:1:2: expected a member name (a string in double quotes) or “}”, found “'”");
  assert_strict (TRUE, "{\"events\": [{\"start_date\": {\"year\": - 1}}]}",
                 "t.json:1:37: “-” is not a JSON number (events[0].start_date.year)");
  assert_strict (TRUE, "{\"events\": [],}",
                 "t.json:1:15: a comma before “}”: JSON has no trailing commas");
}

/* A UTF-8 byte-order mark before the text is allowed (RFC 8259, 8.1): the
 * old reader refused it, pointing at the wrong line. Columns on its line
 * do not count it. */
static void
test_byte_order_mark (void)
{
  const char *yeonpyo = "\xEF\xBB\xBF" YP_HEAD "\"sources\": []}";
  const char *tljs = "\xEF\xBB\xBF{\"events\": [{\"start_date\": {\"year\": 2000}, \"text\": {\"headline\": \"a\"}}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(YpRecord) a = yp_yeonpyo_reader_load_data ("t.json", yeonpyo, strlen (yeonpyo), NULL, &error);
  g_autoptr(YpRecord) b = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (yp_record_get_title (a, YP_LANG_EN), ==, "t");
  b = yp_timelinejs_load_data ("t.json", tljs, strlen (tljs), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (yp_record_get_events (b)), ==, 1);
  /* Only at the start. */
  assert_strict (TRUE, "{\"events\": \xEF\xBB\xBF[]}",
                 "t.json:1:12: expected a value, found a byte-order mark (U+FEFF) (events)");
  assert_strict (TRUE, "\xEF\xBB\xBF{x}", "t.json:1:2: expected a member name (a string in double quotes) or “}”, found “x”");
}

/* 2 GB: refused from its size, without reading it. (Timelines are
 * streamed, so up to 1 GB is read: test-stream opens one over 64 MB.) */
static void
test_huge_timeline (void)
{
  g_autofree char *dir = g_dir_make_tmp ("yp-hostile-XXXXXX", NULL);
  g_autofree char *file = g_build_filename (dir, "huge.json", NULL);
  glong before;

  make_sparse (file, (goffset) 2048 * 1024 * 1024);
  before = peak_rss_kb ();
  assert_fatal_file (file, "the file is 2048 MB; timelines are limited to 1024 MB", NULL);
  /* Reading up to the limit would have cost 1 GB at least. */
  g_test_message ("peak memory grew by %ld kB", peak_rss_kb () - before);
  g_assert_cmpint (peak_rss_kb () - before, <, 16 * 1024);
  yp_test_remove_tree (dir);
}

/* What the path names is checked before it is opened for reading. */
static void
test_special_timeline_paths (void)
{
  g_autofree char *dir = g_dir_make_tmp ("yp-hostile-XXXXXX", NULL);
  g_autofree char *fifo = g_build_filename (dir, "fifo.json", NULL);
  g_autofree char *plain = g_build_filename (dir, "plain.json", NULL);
  g_autofree char *through = g_build_filename (plain, "timeline.json", NULL);
  g_autofree char *locked = g_build_filename (dir, "locked.json", NULL);
  g_autofree char *minimal = hostile_path ("minimal.json");

  /* A FIFO with no writer: opening it to read would wait forever. */
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  alarm (30);
  assert_fatal_file (fifo, "is not a regular file (a pipe, socket or device)", NULL);
  alarm (0);

  assert_fatal_file ("/dev/zero", "is not a regular file", NULL);
  assert_fatal_file (dir, "is a folder", NULL);

  /* Unreadable: a path through a plain file fails for everyone, root too. */
  yp_test_copy_file (minimal, plain);
  assert_fatal_file (through, "cannot read the file: Failed to open file", "Not a directory", NULL);
  yp_test_copy_file (minimal, locked);
  g_chmod (locked, 0);
  if (geteuid () != 0)
    assert_fatal_file (locked, "cannot read the file: Failed to open file", "Permission denied", NULL);
  else
    g_test_message ("running as root: mode 000 does not stop reads, not checked");
  yp_test_remove_tree (dir);
}

/* Sources that cannot be read */

static void
test_hostile_sources (void)
{
  g_autofree char *dir = g_dir_make_tmp ("yp-hostile-XXXXXX", NULL);
  g_autofree char *timeline = g_build_filename (dir, "sources.json", NULL);
  g_autofree char *from = hostile_path ("sources.json");
  g_autofree char *seed = hostile_path ("seed.txt");
  g_autoptr(GError) error = NULL;
  g_autoptr(YpRecord) record = NULL;
  gboolean root = geteuid () == 0;
  const Expected expected[] = {
    { "sources[1].file", YP_SEVERITY_ERROR, "folder.txt is a folder, not a text file" },
    { "sources[2].file", YP_SEVERITY_ERROR, "fifo.txt is not a regular file (a pipe, socket or device)" },
    { "sources[3].file", YP_SEVERITY_ERROR, "cannot read missing.txt: Failed to open file" },
    { "sources[3].file", YP_SEVERITY_ERROR, "No such file or directory" },
    { "sources[4].file", YP_SEVERITY_ERROR, "cannot read through/seed.txt: Failed to open file" },
    { "sources[4].file", YP_SEVERITY_ERROR, "Not a directory" },
    { "sources[5].file", YP_SEVERITY_ERROR, "nul.txt contains NUL bytes; it is not a text file" },
    { "sources[6].file", YP_SEVERITY_ERROR, "latin1.txt is not valid UTF-8 text" },
    { "sources[7].file", YP_SEVERITY_ERROR, "huge.txt is 209715200 bytes; sources are limited to 64 MB" },
    { "sources[1]", YP_SEVERITY_ERROR, "source “folder” skipped" },
    { "sources[7]", YP_SEVERITY_ERROR, "source “huge” skipped" },
    { "events[1].citations[0].source", YP_SEVERITY_WARNING, "source “folder” could not be loaded; this citation is left out" },
    { "events[2].citations", YP_SEVERITY_ERROR, "none of the event’s sources could be loaded" },
    { "events[2]", YP_SEVERITY_ERROR, "event “only-fifo” skipped" },
  };
  const Expected locked = {
    "sources[8].file", YP_SEVERITY_ERROR, "cannot read locked.txt: Failed to open file “"
  };
  g_autofree char *path = NULL;
  glong before;

  yp_test_copy_file (from, timeline);
  path = g_build_filename (dir, "seed.txt", NULL);
  yp_test_copy_file (seed, path);
  g_free (path);
  path = g_build_filename (dir, "folder.txt", NULL);
  g_mkdir (path, 0700);
  g_free (path);
  path = g_build_filename (dir, "fifo.txt", NULL);
  g_assert_cmpint (mkfifo (path, 0600), ==, 0);
  g_free (path);
  path = g_build_filename (dir, "through", NULL);
  yp_test_copy_file (seed, path);
  g_free (path);
  path = g_build_filename (dir, "nul.txt", NULL);
  g_file_set_contents (path, "line one\0line two\n", 18, NULL);
  g_free (path);
  path = g_build_filename (dir, "latin1.txt", NULL);
  g_file_set_contents (path, "caf\xe9 cr\xe8me\n", -1, NULL);
  g_free (path);
  path = g_build_filename (dir, "huge.txt", NULL);
  make_sparse (path, 200 * 1024 * 1024);
  g_free (path);
  path = g_build_filename (dir, "locked.txt", NULL);
  yp_test_copy_file (seed, path);
  g_chmod (path, 0);

  before = peak_rss_kb ();
  alarm (30);  /* the FIFO must not be opened for a blocking read */
  record = yp_yeonpyo_reader_load_file (timeline, NULL, &error);
  alarm (0);
  g_assert_no_error (error);
  g_assert_nonnull (record);
  log_problems (record);
  g_assert_cmpint (peak_rss_kb () - before, <, 16 * 1024);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    assert_problem (record, timeline, &expected[i]);
  if (!root)
    assert_problem (record, timeline, &locked);

  /* What is valid still loads: the good source, the good event, and the
   * event that also cites a source that failed, without that citation. */
  g_assert_nonnull (yp_record_lookup_source (record, "good"));
  g_assert_cmpuint (g_list_model_get_n_items (yp_record_get_sources (record)), ==, root ? 2 : 1);
  g_assert_nonnull (yp_record_lookup_event (record, "good"));
  g_assert_nonnull (yp_record_lookup_event (record, "mixed"));
  g_assert_cmpuint (yp_event_get_n_citations (yp_record_lookup_event (record, "mixed")), ==, 1);
  g_assert_null (yp_record_lookup_event (record, "only-fifo"));
  yp_test_remove_tree (dir);
}

/* An article's path is relative and stays in the timeline's folder: a
 * timeline someone hands you cannot show you /etc/passwd (issue 18). A
 * link placed inside the folder is its owner's choice and is followed. */

/* A timeline in @dir whose sources name @files, each citing "s". */
static char *
write_sources_timeline (const char  *dir,
                        const char **files)
{
  g_autofree char *timeline = g_build_filename (dir, "t.json", NULL);
  g_autoptr(GString) json = g_string_new ("{\"format\": \"yeonpyo-timeline\", \"version\": 1,"
                                          " \"title\": {\"ko\": \"경로\", \"en\": \"Paths\"}, \"sources\": [");
  g_autoptr(GError) error = NULL;

  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autofree char *quoted = g_strescape (files[i], NULL);

      g_string_append_printf (json, "%s{\"id\": \"s%u\", \"file\": \"%s\", \"language\": \"en\","
                              " \"body\": [[1, 1]]}", i ? ", " : "", i, quoted);
    }
  g_string_append (json, "], \"events\": []}");
  g_file_set_contents (timeline, json->str, json->len, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&timeline);
}

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  gsize n = strlen (needle);

  /* Not g_strstr_len(): it stops at the first NUL byte. */
  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (data + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

static void
test_articles_outside_folder (void)
{
  g_autofree char *top = g_dir_make_tmp ("yp-hostile-XXXXXX", NULL);
  g_autofree char *dir = g_build_filename (top, "a", "b", NULL);
  g_autofree char *outside = g_build_filename (top, "secret.txt", NULL);
  g_autofree char *elsewhere = g_build_filename (top, "shelf", NULL);
  g_autofree char *shelved = g_build_filename (elsewhere, "kept.txt", NULL);
  g_autofree char *link = g_build_filename (dir, "seeds", NULL);
  g_autofree char *inside = g_build_filename (dir, "in.txt", NULL);
  g_autofree char *cache_dir = g_build_filename (top, "cache", NULL);
  g_autofree char *timeline = NULL;
  g_autoptr(GPtrArray) inputs = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(YpRecord) record = NULL;
  g_autoptr(YpRecord) cached = NULL;
  YpCacheReport report = { 0 };
  const char *files[] = {
    "/etc/passwd", "../../etc/passwd", "../../secret.txt", "sub/../../secret.txt",
    "in.txt", "./in.txt", "seeds/kept.txt", NULL
  };
  const Expected expected[] = {
    { "sources[0].file", YP_SEVERITY_ERROR, "/etc/passwd is an absolute path; an article's file is named relative to the timeline's folder" },
    { "sources[1].file", YP_SEVERITY_ERROR, "../../etc/passwd leaves the timeline's folder" },
    { "sources[2].file", YP_SEVERITY_ERROR, "../../secret.txt leaves the timeline's folder" },
    { "sources[3].file", YP_SEVERITY_ERROR, "sub/../../secret.txt leaves the timeline's folder" },
    { "sources[0]", YP_SEVERITY_ERROR, "source “s0” skipped" },
    { "sources[3]", YP_SEVERITY_ERROR, "source “s3” skipped" },
  };

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (elsewhere, 0700), ==, 0);
  g_assert_true (g_file_set_contents (outside, "top secret words", -1, NULL));
  g_assert_true (g_file_set_contents (inside, "words inside", -1, NULL));
  g_assert_true (g_file_set_contents (shelved, "words on the shelf", -1, NULL));
  /* The packager's link: data/seeds -> ../seeds in the source tree. */
  g_assert_cmpint (symlink (elsewhere, link), ==, 0);
  timeline = write_sources_timeline (dir, files);

  record = yp_yeonpyo_reader_load_file (timeline, &inputs, &error);
  g_assert_no_error (error);
  g_assert_nonnull (record);
  log_problems (record);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    assert_problem (record, timeline, &expected[i]);
  /* The sources inside load, through the link too; the others do not,
   * and are not even inputs (the cache would read them to hash them). */
  g_assert_cmpuint (g_list_model_get_n_items (yp_record_get_sources (record)), ==, 3);
  g_assert_nonnull (yp_record_lookup_source (record, "s4"));
  g_assert_nonnull (yp_record_lookup_source (record, "s5"));
  g_assert_cmpstr (yp_source_get_body_text (yp_record_lookup_source (record, "s6")), ==, "words on the shelf");
  for (guint i = 0; i < inputs->len; i++)
    {
      g_assert_null (strstr (g_ptr_array_index (inputs, i), "passwd"));
      g_assert_null (strstr (g_ptr_array_index (inputs, i), "secret"));
    }

  /* Through the cache: the text outside never reaches it. */
  cached = yp_cache_load (timeline, cache_dir, &report, &error);
  g_assert_no_error (error);
  g_assert_cmpint (report.outcome, ==, YP_CACHE_BUILT);
  g_assert_cmpuint (g_list_model_get_n_items (yp_record_get_sources (cached)), ==, 3);
  g_assert_true (file_contains (report.db_path, "words on the shelf"));
  g_assert_false (file_contains (report.db_path, "top secret"));
  g_assert_false (file_contains (report.db_path, "root:"));
  yp_cache_report_clear (&report);
  yp_test_remove_tree (top);
}

/* The rule itself, with its error code. */
static void
test_article_path_rule (void)
{
  struct {
    const char *file;
    gboolean    inside;
  } cases[] = {
    { "a.txt", TRUE }, { "seeds/a.txt", TRUE }, { "./a.txt", TRUE }, { "a/../b.txt", TRUE },
    { "a//b/./../c.txt", TRUE }, { "..a.txt", TRUE }, { "a/..b/c", TRUE },
    { "/etc/passwd", FALSE }, { "..", FALSE }, { "../a.txt", FALSE }, { "a/../../b.txt", FALSE },
    { "./../a.txt", FALSE }, { "a/b/../../../c", FALSE }, { "//etc/passwd", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *resolved = yp_reader_resolve_article ("/tl", cases[i].file, &error);

      g_test_message ("%s: %s", cases[i].file, resolved ? resolved : error->message);
      if (cases[i].inside)
        {
          g_assert_no_error (error);
          g_assert_true (g_str_has_prefix (resolved, "/tl/"));
        }
      else
        {
          g_assert_null (resolved);
          g_assert_error (error, YP_ERROR, YP_ERROR_OUTSIDE_FOLDER);
          g_assert_nonnull (strstr (error->message, cases[i].file));
        }
    }
}

/* Wrong types, missing and unknown members, impossible dates, a quote
 * that is not in its source */

static void
test_hostile_fields (void)
{
  g_autofree char *file = hostile_path ("fields.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(YpRecord) record = yp_yeonpyo_reader_load_file (file, NULL, &error);
  const Expected expected[] = {
    { "colour", YP_SEVERITY_WARNING, "unknown member “colour” ignored" },
    { "actors[1].kind", YP_SEVERITY_ERROR, "is a number; a string is required" },
    { "eras[1].end", YP_SEVERITY_ERROR, "the era ends (2023-01-01) before it starts (2024-01-01)" },
    { "events[1].date", YP_SEVERITY_ERROR, "“2023-02-30” is not a date (bad day)" },
    { "events[2].date", YP_SEVERITY_ERROR, "“2023-13” is not a date (bad month)" },
    { "events[3].date", YP_SEVERITY_ERROR, "“2023-11-17T25:00” is not a date (bad hour)" },
    { "events[4].date", YP_SEVERITY_ERROR, "“0000-01-01” is outside the years a timeline can hold (0001 to 9998)" },
    { "events[5].title", YP_SEVERITY_ERROR, "missing; an object {\"ko\": …, \"en\": …} is required" },
    { "events[6].date", YP_SEVERITY_ERROR, "is a number; a string is required" },
    { "events[7].citations", YP_SEVERITY_ERROR, "is a string; an array is required" },
    { "events[8].citations[0].quote", YP_SEVERITY_ERROR, "not found in seed.txt (quotes must match the file exactly)" },
    { "events[9].summary", YP_SEVERITY_ERROR, "is a boolean; an object {\"ko\": …, \"en\": …} is required" },
    { "events[10].id", YP_SEVERITY_ERROR, "“Bad Id!” is not a valid id" },
    { "events[11].sumary", YP_SEVERITY_WARNING, "unknown member “sumary” ignored" },
    { "events[12].actors[0]", YP_SEVERITY_ERROR, "unknown actor id “robot”" },
    { "events[13].date", YP_SEVERITY_ERROR, "“9999-12” is outside the years a timeline can hold" },
  };
  const char *skipped[] = {
    "feb-30", "month-13", "hour-25", "year-zero", "no-title", "date-number", "citations-string",
    "quote-elsewhere", "summary-true", "robot-actor", "year-10000", "ten-thousand",
  };
  const char *loaded[] = { "good", "typo-kept", "year-one" };

  g_assert_no_error (error);
  g_assert_nonnull (record);
  log_problems (record);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    assert_problem (record, file, &expected[i]);
  for (guint i = 0; i < G_N_ELEMENTS (skipped); i++)
    g_assert_null (yp_record_lookup_event (record, skipped[i]));
  for (guint i = 0; i < G_N_ELEMENTS (loaded); i++)
    g_assert_nonnull (yp_record_lookup_event (record, loaded[i]));
  g_assert_cmpuint (g_list_model_get_n_items (yp_record_get_events (record)), ==, G_N_ELEMENTS (loaded));
  g_assert_nonnull (yp_record_lookup_actor (record, "altman"));
  g_assert_null (yp_record_lookup_actor (record, "robot"));
  g_assert_nonnull (yp_record_lookup_era (record, "crisis"));
  g_assert_null (yp_record_lookup_era (record, "backwards"));
  /* Every event that loaded covers a time span. */
  for (guint i = 0; i < G_N_ELEMENTS (loaded); i++)
    {
      YpEvent *e = yp_record_lookup_event (record, loaded[i]);
      g_assert_cmpint (yp_event_get_start (e), <, yp_event_get_end (e));
    }
}

/* A source of 200,000 lines: measuring the body again for every line made
 * this take minutes. */
static void
test_many_lines (void)
{
  const guint n_lines = 200 * 1000;
  g_autofree char *dir = g_dir_make_tmp ("yp-hostile-XXXXXX", NULL);
  g_autofree char *seed = g_build_filename (dir, "long.txt", NULL);
  g_autofree char *timeline = g_build_filename (dir, "long.json", NULL);
  g_autofree char *json = g_strdup_printf (
    "{\"format\": \"yeonpyo-timeline\", \"version\": 1, \"title\": {\"ko\": \"긴\", \"en\": \"Long\"},"
    " \"sources\": [{\"id\": \"long\", \"file\": \"long.txt\", \"language\": \"ko\", \"body\": [[1, %u]]}]}",
    n_lines);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(YpRecord) record = NULL;
  YpSource *source;
  const YpSegment *segs;
  guint n_segs;
  double seconds;

  for (guint i = 1; i <= n_lines; i++)
    g_string_append_printf (text, "%u번째 줄\n", i);
  g_file_set_contents (seed, text->str, text->len, &error);
  g_assert_no_error (error);
  g_file_set_contents (timeline, json, -1, &error);
  g_assert_no_error (error);

  g_test_timer_start ();
  record = yp_yeonpyo_reader_load_file (timeline, NULL, &error);
  seconds = g_test_timer_elapsed ();
  g_test_message ("%u lines loaded in %.2f s", n_lines, seconds);
  g_assert_no_error (error);
  source = yp_record_lookup_source (record, "long");
  g_assert_nonnull (source);
  segs = yp_source_get_segments (source, &n_segs);
  g_assert_cmpuint (n_segs, ==, n_lines);
  /* The last line's place in the body is still counted right. */
  g_assert_true (g_str_has_prefix (g_utf8_offset_to_pointer (yp_source_get_body_text (source),
                                                             segs[n_segs - 1].body_start),
                                   "200000번째 줄"));
  g_assert_cmpfloat (seconds, <, 20.0);
  yp_test_remove_tree (dir);
}

/* Everything the fuzzer found, replayed through the fuzz harness itself
 * (compiled in below), so a regression fails here exactly as it failed
 * under libFuzzer. */
#include "fuzz/fuzz-loader.c"

static void
test_fuzz_regressions (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "data", "fuzz-regressions", "loader", NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, yp_test_compare_names);
  g_assert_cmpuint (names->len, >, 0);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *file = g_build_filename (dir, g_ptr_array_index (names, i), NULL);
      g_autofree char *data = NULL;
      gsize len;

      g_assert_true (g_file_get_contents (file, &data, &len, NULL));
      g_test_message ("%s", (const char *) g_ptr_array_index (names, i));
      LLVMFuzzerTestOneInput ((const guint8 *) data, len);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/hostile/fatal-files", test_fatal_files);
  g_test_add_func ("/hostile/deep-nesting", test_deep_nesting);
  g_test_add_func ("/hostile/nesting-count-is-exact", test_nesting_count_is_exact);
  g_test_add_func ("/hostile/bad-unicode-escape", test_bad_unicode_escape);
  g_test_add_func ("/hostile/strict-json", test_strict_json);
  g_test_add_func ("/hostile/byte-order-mark", test_byte_order_mark);
  g_test_add_func ("/hostile/huge-timeline", test_huge_timeline);
  g_test_add_func ("/hostile/special-timeline-paths", test_special_timeline_paths);
  g_test_add_func ("/hostile/sources", test_hostile_sources);
  g_test_add_func ("/hostile/articles-outside-folder", test_articles_outside_folder);
  g_test_add_func ("/hostile/article-path-rule", test_article_path_rule);
  g_test_add_func ("/hostile/fields", test_hostile_fields);
  g_test_add_func ("/hostile/many-lines", test_many_lines);
  g_test_add_func ("/hostile/fuzz-regressions", test_fuzz_regressions);
  return g_test_run ();
}
