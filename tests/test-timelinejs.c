/* test-timelinejs.c: TimelineJS documents read into a record, and the
 * import that picks the reader for a file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "yp-error.h"
#include "yp-import.h"
#include "yp-yeonpyo-reader.h"
#include "yp-html-text.h"
#include "yp-error.h"
#include "yp-timelinejs.h"
#include "yp-test-util.h"

static YpRecord *
load_fixture (const char  *name,
              GPtrArray  **inputs)
{
  g_autofree char *path = yp_test_data_path (name);
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  YpRecord *record;
  gsize length;

  g_file_get_contents (path, &data, &length, &error);
  g_assert_no_error (error);
  record = yp_timelinejs_load_data (path, data, length, inputs, &error);
  g_assert_no_error (error);
  g_assert_nonnull (record);
  return record;
}

static YpRecord *
load_string (const char *json)
{
  g_autoptr(GError) error = NULL;
  YpRecord *record = yp_timelinejs_load_data ("mem.json", json, strlen (json), NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (record);
  return record;
}

static void
print_problems (YpRecord *record)
{
  GPtrArray *problems = yp_record_get_problems (record);

  for (guint i = 0; i < problems->len; i++)
    {
      g_autofree char *line = yp_problem_to_string (g_ptr_array_index (problems, i));
      g_test_message ("%s", line);
    }
}

/* Whether the record has exactly this problem (path, severity, message). */
static gboolean
has_problem (YpRecord   *record,
             YpSeverity  severity,
             const char *path,
             const char *message)
{
  GPtrArray *problems = yp_record_get_problems (record);

  for (guint i = 0; i < problems->len; i++)
    {
      const YpProblem *p = g_ptr_array_index (problems, i);

      if (p->severity == severity && g_str_equal (p->path, path) && g_str_equal (p->message, message))
        return TRUE;
    }
  return FALSE;
}

/* Whether any problem is reported at @path. */
static gboolean
has_problem_at (YpRecord   *record,
                const char *path)
{
  GPtrArray *problems = yp_record_get_problems (record);

  for (guint i = 0; i < problems->len; i++)
    if (g_str_equal (((const YpProblem *) g_ptr_array_index (problems, i))->path, path))
      return TRUE;
  return FALSE;
}

#define assert_problem(record, severity, path, message) \
  G_STMT_START { \
    if (!has_problem ((record), (severity), (path), (message))) \
      { \
        print_problems (record); \
        g_error ("missing problem: %s: %s", (path), (message)); \
      } \
  } G_STMT_END

static gint64
utc (int year,
     int month,
     int day,
     int hour,
     int minute,
     int second)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (year, month, day, hour, minute, second);

  return g_date_time_to_unix (dt);
}

static YpEvent *
event (YpRecord   *record,
       const char *id)
{
  YpEvent *e = yp_record_lookup_event (record, id);

  if (e == NULL)
    g_error ("no event “%s”", id);
  return e;
}

/* The same text in both languages: TimelineJS has one. */
static void
assert_both (const char *ko,
             const char *en,
             const char *expected)
{
  g_assert_cmpstr (ko, ==, expected);
  g_assert_cmpstr (en, ==, expected);
}

/* The sample */

static void
test_sample_loads_cleanly (void)
{
  g_autoptr(GPtrArray) inputs = NULL;
  g_autoptr(YpRecord) record = load_fixture ("tljs-sample.json", &inputs);

  print_problems (record);
  g_assert_cmpuint (yp_record_get_problems (record)->len, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (yp_record_get_events (record)), ==, 15);
  g_assert_cmpuint (g_list_model_get_n_items (yp_record_get_sources (record)), ==, 15);
  g_assert_cmpuint (g_list_model_get_n_items (yp_record_get_eras (record)), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (yp_record_get_actors (record)), ==, 0);
  /* The title slide's headline, tags dropped and "&ndash;" decoded. */
  assert_both (yp_record_get_title (record, YP_LANG_KO), yp_record_get_title (record, YP_LANG_EN),
               "The Space Race 1957–1975");

  /* Only the document itself: it names no other file. */
  g_assert_nonnull (inputs);
  g_assert_cmpuint (inputs->len, ==, 1);
  g_assert_true (g_path_is_absolute (g_ptr_array_index (inputs, 0)));
  g_assert_true (g_str_has_suffix (g_ptr_array_index (inputs, 0), "/data/tljs-sample.json"));
  g_assert_true (g_file_test (g_ptr_array_index (inputs, 0), G_FILE_TEST_IS_REGULAR));
}

static void
test_sample_dates (void)
{
  g_autoptr(YpRecord) record = load_fixture ("tljs-sample.json", NULL);
  GListModel *events = yp_record_get_events (record);
  YpEvent *e;
  gint64 last = G_MININT64;

  /* A day. */
  e = event (record, "sputnik");
  g_assert_cmpstr (yp_event_get_date (e), ==, "1957-10-04");
  g_assert_cmpint (yp_event_get_precision (e), ==, YP_PRECISION_DAY);
  g_assert_null (yp_event_get_timezone (e));
  g_assert_cmpint (yp_event_get_start (e), ==, utc (1957, 10, 4, 0, 0, 0));
  g_assert_cmpint (yp_event_get_anchor (e), ==, utc (1957, 10, 4, 0, 0, 0));
  g_assert_cmpint (yp_event_get_end (e), ==, utc (1957, 10, 5, 0, 0, 0));
  g_assert_null (yp_event_get_date_note (e, YP_LANG_EN));

  /* Hour and minute: exact, floating (placed as UTC); end_date widens
   * the span to the end of its minute, and the note says until when. */
  e = event (record, "gagarin-vostok-1");
  g_assert_cmpstr (yp_event_get_date (e), ==, "1961-04-12T06:07");
  g_assert_cmpint (yp_event_get_precision (e), ==, YP_PRECISION_EXACT);
  g_assert_null (yp_event_get_timezone (e));
  g_assert_cmpint (yp_event_get_start (e), ==, utc (1961, 4, 12, 6, 7, 0));
  g_assert_cmpint (yp_event_get_anchor (e), ==, utc (1961, 4, 12, 6, 7, 0));
  g_assert_cmpint (yp_event_get_end (e), ==, utc (1961, 4, 12, 7, 56, 0));
  g_assert_cmpstr (yp_event_get_date_note (e, YP_LANG_EN), ==, "Runs until 1961-04-12T07:55.");
  g_assert_cmpstr (yp_event_get_date_note (e, YP_LANG_KO), ==, "1961-04-12T07:55까지 이어진다.");

  /* Seconds. */
  e = event (record, "eagle-landed");
  g_assert_cmpstr (yp_event_get_date (e), ==, "1969-07-20T20:17:40");
  g_assert_cmpint (yp_event_get_precision (e), ==, YP_PRECISION_EXACT);
  g_assert_cmpint (yp_event_get_anchor (e), ==, utc (1969, 7, 20, 20, 17, 40));

  /* An hour alone is read as HH:00. */
  e = event (record, "tljs-14");
  g_assert_cmpstr (yp_event_get_date (e), ==, "1975-07-17T16:00");
  g_assert_cmpint (yp_event_get_precision (e), ==, YP_PRECISION_EXACT);

  /* A month, given as strings, with an end month: anchored in the middle
   * of the start month (as a Yeonpyo month), the span to the end's end. */
  e = event (record, "gemini");
  g_assert_cmpstr (yp_event_get_date (e), ==, "1965-03");
  g_assert_cmpint (yp_event_get_precision (e), ==, YP_PRECISION_MONTH);
  g_assert_cmpint (yp_event_get_start (e), ==, utc (1965, 3, 1, 0, 0, 0));
  g_assert_cmpint (yp_event_get_anchor (e), ==, (utc (1965, 3, 1, 0, 0, 0) + utc (1965, 4, 1, 0, 0, 0)) / 2);
  g_assert_cmpint (yp_event_get_end (e), ==, utc (1966, 12, 1, 0, 0, 0));
  g_assert_cmpstr (yp_event_get_date_note (e, YP_LANG_EN), ==, "Runs until 1966-11.");

  /* A month without an end. */
  e = event (record, "tljs-11");
  g_assert_cmpstr (yp_event_get_date (e), ==, "1970-04");
  g_assert_cmpint (yp_event_get_precision (e), ==, YP_PRECISION_MONTH);
  g_assert_cmpint (yp_event_get_end (e), ==, utc (1970, 5, 1, 0, 0, 0));

  /* A day span: anchored at its first day. */
  e = event (record, "apollo-11");
  g_assert_cmpint (yp_event_get_precision (e), ==, YP_PRECISION_DAY);
  g_assert_cmpint (yp_event_get_anchor (e), ==, utc (1969, 7, 16, 0, 0, 0));
  g_assert_cmpint (yp_event_get_end (e), ==, utc (1969, 7, 25, 0, 0, 0));

  /* The year alone ("1973", a string): approximate, with a note in both
   * languages as the app requires of approximate dates. */
  e = event (record, "tljs-13");
  g_assert_cmpstr (yp_event_get_date (e), ==, "1973");
  g_assert_cmpint (yp_event_get_precision (e), ==, YP_PRECISION_APPROXIMATE);
  g_assert_cmpint (yp_event_get_start (e), ==, utc (1973, 1, 1, 0, 0, 0));
  g_assert_cmpint (yp_event_get_end (e), ==, utc (1974, 1, 1, 0, 0, 0));
  g_assert_cmpint (yp_event_get_anchor (e), ==, (utc (1973, 1, 1, 0, 0, 0) + utc (1974, 1, 1, 0, 0, 0)) / 2);
  g_assert_cmpstr (yp_event_get_date_note (e, YP_LANG_EN), ==, "TimelineJS gives the year only.");
  g_assert_cmpstr (yp_event_get_date_note (e, YP_LANG_KO), ==, "TimelineJS 자료에는 연도만 나와 있다.");

  /* The slide's display_date goes into the note. */
  e = event (record, "tljs-2");
  g_assert_cmpstr (yp_event_get_date_note (e, YP_LANG_EN), ==,
                   "TimelineJS shows the date as “25 May 1961, before Congress”.");
  g_assert_cmpstr (yp_event_get_date_note (e, YP_LANG_KO), ==,
                   "TimelineJS에 표시되는 날짜는 “25 May 1961, before Congress”이다.");

  /* Sorted by anchor, as the rest of the app expects. */
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(YpEvent) ev = g_list_model_get_item (events, i);

      g_assert_cmpint (yp_event_get_anchor (ev), >=, last);
      g_assert_cmpint (yp_event_get_start (ev), <=, yp_event_get_anchor (ev));
      g_assert_cmpint (yp_event_get_anchor (ev), <=, yp_event_get_end (ev));
      g_assert_cmpint (yp_event_get_start (ev), <, yp_event_get_end (ev));
      last = yp_event_get_anchor (ev);
    }
  {
    g_autoptr(YpEvent) first = g_list_model_get_item (events, 0);
    g_assert_cmpstr (yp_event_get_id (first), ==, "sputnik");
  }
}

static void
test_sample_texts (void)
{
  g_autoptr(YpRecord) record = load_fixture ("tljs-sample.json", NULL);
  YpEvent *e;

  e = event (record, "sputnik");
  assert_both (yp_event_get_title (e, YP_LANG_KO), yp_event_get_title (e, YP_LANG_EN), "Sputnik 1 is launched");
  assert_both (yp_event_get_summary (e, YP_LANG_KO), yp_event_get_summary (e, YP_LANG_EN),
               "The first artificial satellite goes up from Baikonur — a polished sphere 58 cm across with four antennas.\n"
               "Its \"beep-beep\" could be heard by radio amateurs all over the world.");
  g_assert_cmpstr (yp_event_get_category (e), ==, "Soviet program");
  g_assert_cmpstr (yp_event_get_status (e), ==, "reported");
  g_assert_null (yp_event_get_era (e));
  g_assert_null (yp_event_get_actors (e)[0]);

  /* <br> breaks lines; numeric references, &nbsp; and &amp; decode. */
  e = event (record, "gagarin-vostok-1");
  g_assert_cmpstr (yp_event_get_summary (e, YP_LANG_EN), ==,
                   "Vostok 1 lifts off at 06:07 UTC.\n"
                   "Gagarin lands 108 minutes later, near Engels & Saratov.\n"
                   "“Poyekhali!” (Поехали!)");

  /* A link keeps its words, not its address; a blockquote is a line. */
  e = event (record, "tljs-2");
  g_assert_cmpstr (yp_event_get_title (e, YP_LANG_EN), ==, "Kennedy: “before this decade is out”");
  g_assert_true (g_str_has_suffix (yp_event_get_summary (e, YP_LANG_EN), "returning him safely to the Earth.\nRead the full speech."));
  g_assert_null (strstr (yp_event_get_summary (e, YP_LANG_EN), "jfklibrary"));
  g_assert_null (strstr (yp_event_get_summary (e, YP_LANG_EN), "<"));

  /* &lt; and &gt; are text, not tags. */
  e = event (record, "tljs-3");
  g_assert_cmpstr (yp_event_get_title (e, YP_LANG_KO), ==, "John Glenn orbits the Earth in Friendship 7");
  g_assert_cmpstr (yp_event_get_summary (e, YP_LANG_EN), ==,
                   "Three orbits in 4 hours 55 minutes <the first American in orbit>.");

  /* List items are lines of their own. */
  e = event (record, "tljs-4");
  g_assert_cmpstr (yp_event_get_summary (e, YP_LANG_EN), ==,
                   "Twelve minutes outside Voskhod 2.\n• His suit ballooned\n• He bled air to get back in");

  e = event (record, "tljs-11");
  g_assert_cmpstr (yp_event_get_title (e, YP_LANG_EN), ==, "Apollo 13: “Houston, we've had a problem”");
  e = event (record, "eagle-landed");
  g_assert_cmpstr (yp_event_get_title (e, YP_LANG_EN), ==, "\"The Eagle has landed\"");

  /* group is the category, as written; no group is "". */
  e = event (record, "tljs-10");
  g_assert_cmpstr (yp_event_get_category (e), ==, "한국");
  assert_both (yp_event_get_title (e, YP_LANG_KO), yp_event_get_title (e, YP_LANG_EN), "달 착륙 날, 임시공휴일");
  g_assert_cmpstr (yp_event_get_category (event (record, "tljs-14")), ==, "");
  g_assert_cmpstr (yp_event_get_category (event (record, "gemini")), ==, "US program");
}

static void
test_sample_sources (void)
{
  g_autoptr(YpRecord) record = load_fixture ("tljs-sample.json", NULL);
  const char *sputnik_body =
    "Sputnik 1 is launched\n"
    "The first artificial satellite goes up from Baikonur — a polished sphere 58 cm across with four antennas.\n"
    "Its \"beep-beep\" could be heard by radio amateurs all over the world.\n"
    "A replica of Sputnik 1\n"
    "Credit: NASA / National Space Science Data Center\n"
    "https://commons.wikimedia.org/wiki/File:Sputnik_asm.jpg";
  YpSource *s;
  const YpSegment *segs;
  guint n, offset = 0;
  g_auto(GStrv) lines = NULL;

  s = yp_record_lookup_source (record, "sputnik");
  g_assert_nonnull (s);
  g_assert_cmpstr (yp_source_get_body_text (s), ==, sputnik_body);
  g_assert_cmpstr (yp_source_get_raw_text (s), ==, sputnik_body);
  g_assert_cmpstr (yp_source_get_title (s), ==, "Sputnik 1 is launched");
  /* The media credit is the outlet, its link dropped. */
  assert_both (yp_source_get_outlet (s, YP_LANG_KO), yp_source_get_outlet (s, YP_LANG_EN),
               "NASA / National Space Science Data Center");
  g_assert_cmpstr (yp_source_get_published (s), ==, "1957-10-04");
  g_assert_cmpint (yp_source_get_published_precision (s), ==, YP_PRECISION_DAY);
  g_assert_cmpint (yp_source_get_published_start (s), ==, utc (1957, 10, 4, 0, 0, 0));
  g_assert_cmpstr (yp_source_get_language (s), ==, "en");
  g_assert_cmpstr (yp_source_get_file (s), ==, "tljs-sample.json");
  g_assert_null (yp_source_get_author (s));

  /* One segment per line, at the same offset in body and raw text. */
  segs = yp_source_get_segments (s, &n);
  lines = g_strsplit (sputnik_body, "\n", -1);
  g_assert_cmpuint (n, ==, g_strv_length (lines));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *line = yp_test_slice (sputnik_body, segs[i].body_start, segs[i].body_start + segs[i].length);

      g_assert_cmpuint (segs[i].body_start, ==, offset);
      g_assert_cmpuint (segs[i].raw_start, ==, segs[i].body_start);
      g_assert_cmpstr (line, ==, lines[i]);
      offset += segs[i].length + 1;
    }
  g_assert_cmpuint (yp_source_body_to_raw (s, 30), ==, 30);

  /* Caption, credit and address, each on a line of its own. */
  s = yp_record_lookup_source (record, "tljs-7");
  g_assert_true (g_str_has_suffix (yp_source_get_body_text (s),
                                   "\nEarthrise, 24 December 1968\nCredit: NASA / Bill Anders\n"
                                   "https://images.nasa.gov/details-as08-14-2383"));
  g_assert_cmpstr (yp_source_get_outlet (s, YP_LANG_EN), ==, "NASA / Bill Anders");

  /* An empty caption adds no line. */
  s = yp_record_lookup_source (record, "gagarin-vostok-1");
  g_assert_true (g_str_has_suffix (yp_source_get_body_text (s),
                                   "(Поехали!)\nCredit: RIA Novosti\nhttps://commons.wikimedia.org/wiki/File:Vostok_1_launch.jpg"));

  /* Without media the outlet is the timeline's title. */
  s = yp_record_lookup_source (record, "tljs-13");
  assert_both (yp_source_get_outlet (s, YP_LANG_KO), yp_source_get_outlet (s, YP_LANG_EN), "The Space Race 1957–1975");
  g_assert_cmpstr (yp_source_get_body_text (s), ==,
                   "Skylab\nAmerica's first space station is launched on the last Saturn V to fly.");
  g_assert_cmpint (yp_source_get_published_precision (s), ==, YP_PRECISION_APPROXIMATE);
  g_assert_cmpstr (yp_source_get_published_note (s, YP_LANG_EN), ==, "TimelineJS gives the year only.");

  /* Hangul in the slide: Korean. */
  s = yp_record_lookup_source (record, "tljs-10");
  g_assert_cmpstr (yp_source_get_language (s), ==, "ko");
}

static void
test_sample_citations (void)
{
  g_autoptr(YpRecord) record = load_fixture ("tljs-sample.json", NULL);
  GListModel *events = yp_record_get_events (record);

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(YpEvent) e = g_list_model_get_item (events, i);
      YpCitation *c;
      YpSource *s;
      g_autofree char *in_body = NULL;
      g_autofree char *in_raw = NULL;

      g_assert_cmpuint (yp_event_get_n_citations (e), ==, 1);
      c = yp_event_get_citation (e, 0);
      /* Each slide is its own source, under the event's id. */
      g_assert_cmpstr (yp_citation_get_source_id (c), ==, yp_event_get_id (e));
      s = yp_record_lookup_source (record, yp_citation_get_source_id (c));
      g_assert_nonnull (s);
      /* The quote is the headline, at the top of the body. */
      g_assert_cmpstr (yp_citation_get_quote (c), ==, yp_event_get_title (e, YP_LANG_EN));
      g_assert_cmpuint (yp_citation_get_body_start (c), ==, 0);
      in_body = yp_test_slice (yp_source_get_body_text (s), yp_citation_get_body_start (c), yp_citation_get_body_end (c));
      in_raw = yp_test_slice (yp_source_get_raw_text (s), yp_citation_get_raw_start (c), yp_citation_get_raw_end (c));
      g_assert_cmpstr (in_body, ==, yp_citation_get_quote (c));
      g_assert_cmpstr (in_raw, ==, yp_citation_get_quote (c));
      g_assert_cmpuint (yp_source_body_to_raw (s, yp_citation_get_body_start (c)), ==, yp_citation_get_raw_start (c));
    }

  /* Characters, not bytes: a Korean headline of 13 characters. */
  {
    YpCitation *c = yp_event_get_citation (event (record, "tljs-10"), 0);

    g_assert_cmpuint (yp_citation_get_body_end (c), ==, 13);
    g_assert_cmpuint (yp_citation_get_raw_end (c), ==, 13);
  }
}

static void
test_sample_eras (void)
{
  g_autoptr(YpRecord) record = load_fixture ("tljs-sample.json", NULL);
  GListModel *eras = yp_record_get_eras (record);
  g_autoptr(YpEra) mercury = g_list_model_get_item (eras, 0);
  g_autoptr(YpEra) gemini = g_list_model_get_item (eras, 1);
  g_autoptr(YpEra) apollo = g_list_model_get_item (eras, 2);

  g_assert_cmpstr (yp_era_get_id (mercury), ==, "tljs-era-0");
  assert_both (yp_era_get_name (mercury, YP_LANG_KO), yp_era_get_name (mercury, YP_LANG_EN), "Mercury & Vostok");
  g_assert_cmpstr (yp_era_get_start_text (mercury), ==, "1958");
  g_assert_cmpstr (yp_era_get_end_text (mercury), ==, "1963");
  /* The end is inclusive, as a Yeonpyo era's: to the end of 1963. */
  g_assert_cmpint (yp_era_get_start (mercury), ==, utc (1958, 1, 1, 0, 0, 0));
  g_assert_cmpint (yp_era_get_end (mercury), ==, utc (1964, 1, 1, 0, 0, 0));
  g_assert_null (yp_era_get_description (mercury, YP_LANG_EN));

  assert_both (yp_era_get_name (gemini, YP_LANG_KO), yp_era_get_name (gemini, YP_LANG_EN), "Gemini");
  g_assert_cmpstr (yp_era_get_description (gemini, YP_LANG_KO), ==, "Two-man flights, rendezvous and docking.");
  g_assert_cmpstr (yp_era_get_start_text (gemini), ==, "1965-03");
  g_assert_cmpint (yp_era_get_end (gemini), ==, utc (1966, 12, 1, 0, 0, 0));

  g_assert_cmpstr (yp_era_get_name (apollo, YP_LANG_EN), ==, "Apollo");
  g_assert_cmpint (yp_era_get_end (apollo), ==, utc (1973, 1, 1, 0, 0, 0));
}

/* Broken slides */

static void
test_broken_reports (void)
{
  g_autoptr(YpRecord) record = load_fixture ("tljs-broken.json", NULL);
  const YpSeverity E = YP_SEVERITY_ERROR, W = YP_SEVERITY_WARNING;

  print_problems (record);

  /* Unknown members are warnings, at every level. */
  assert_problem (record, W, "subtitle", "unknown member “subtitle” ignored");
  assert_problem (record, W, "events[8].headlin", "unknown member “headlin” ignored");
  assert_problem (record, W, "events[8].start_date.mnth", "unknown member “mnth” ignored");

  /* The cosmological scale is read as it is: the Big Bang is a slide,
   * and nothing is said about the scale. */
  g_assert_false (has_problem_at (record, "scale"));
  g_assert_false (has_problem_at (record, "events[9].start_date.year"));

  /* Dates. */
  assert_problem (record, E, "events[1].start_date.month", "13 is not a month (1–12)");
  assert_problem (record, E, "events[1]", "slide “Month thirteen” skipped");
  assert_problem (record, E, "events[2].start_date.year", "missing; a year is required");
  assert_problem (record, E, "events[3].start_date.year", "“abc” is not a year");
  assert_problem (record, E, "events[10].start_date.day", "30 is not a day of February 2019 (1–28)");
  assert_problem (record, E, "events[12].end_date", "the slide ends (2019-04-01) before it starts (2019-04-10)");
  assert_problem (record, E, "events[15].start_date.hour", "24 is not an hour (0–23)");
  assert_problem (record, E, "events[16].start_date.year", "1.5 is not a year");

  /* Text. */
  assert_problem (record, E, "events[4].text", "is a number; an object {\"headline\": …, \"text\": …} is required");
  assert_problem (record, E, "events[4]", "slide skipped");
  /* No headline: the title is the text's first words, and nothing of
   * what the author wrote is lost, so nothing is said. */
  g_assert_false (has_problem_at (record, "events[5].text.headline"));
  assert_problem (record, E, "events[14].text",
                  "the slide has no headline, no text, no quoted media and no media caption: there is nothing to show");
  assert_problem (record, E, "events[13]", "is a string; a slide object is required");

  /* Ids and media. */
  assert_problem (record, W, "events[7].unique_id",
                  "duplicate unique_id “Same” (events[6] has it too); this slide's id is “tljs-7”");
  /* An <iframe> shows the address it embeds, without a word. */
  g_assert_false (has_problem_at (record, "events[11].media.url"));

  /* Eras. */
  assert_problem (record, E, "eras[0].end_date", "the era ends (2019) before it starts (2020)");
  assert_problem (record, E, "eras[0]", "era skipped");
  g_assert_false (has_problem_at (record, "eras[1].text.headline"));

  g_assert_cmpuint (yp_record_count_problems (record, YP_SEVERITY_ERROR), ==, 21);
  g_assert_cmpuint (yp_record_count_problems (record, YP_SEVERITY_WARNING), ==, 4);
}

static void
test_broken_keeps_valid (void)
{
  g_autoptr(YpRecord) record = load_fixture ("tljs-broken.json", NULL);
  GListModel *events = yp_record_get_events (record);
  const char *kept[] = { "tljs-9", "tljs-0", "tljs-5", "same", "tljs-7", "tljs-8", "tljs-11", "tljs-17", NULL };
  YpEvent *e;
  YpCitation *c;
  YpSource *s;

  g_assert_cmpuint (g_list_model_get_n_items (events), ==, g_strv_length ((char **) kept));
  for (guint i = 0; kept[i] != NULL; i++)
    {
      g_autoptr(YpEvent) ev = g_list_model_get_item (events, i);
      g_assert_cmpstr (yp_event_get_id (ev), ==, kept[i]);
      g_assert_nonnull (yp_record_lookup_source (record, kept[i]));
    }
  g_assert_cmpuint (g_list_model_get_n_items (yp_record_get_sources (record)), ==, 8);
  g_assert_cmpuint (g_list_model_get_n_items (yp_record_get_eras (record)), ==, 1);

  /* No title slide: the file's name is the title. */
  assert_both (yp_record_get_title (record, YP_LANG_KO), yp_record_get_title (record, YP_LANG_EN), "tljs-broken");

  /* No headline: the title is the text's first words, and the citation
   * quotes the whole first line, which is in the body. */
  e = event (record, "tljs-5");
  g_assert_cmpstr (yp_event_get_title (e, YP_LANG_EN), ==, "A slide without a headline whose text is long enough that…");
  c = yp_event_get_citation (e, 0);
  g_assert_cmpstr (yp_citation_get_quote (c), ==,
                   "A slide without a headline whose text is long enough that its first words have to be cut short for a title.");
  s = yp_record_lookup_source (record, "tljs-5");
  g_assert_cmpstr (yp_source_get_body_text (s), ==, yp_citation_get_quote (c));
  g_assert_null (yp_source_get_title (s) == NULL ? NULL : strstr (yp_source_get_title (s), "<"));

  /* The first slide with a unique_id keeps it; the duplicate gets its own. */
  g_assert_cmpstr (yp_event_get_title (event (record, "same"), YP_LANG_EN), ==, "First with the id");
  g_assert_cmpstr (yp_event_get_title (event (record, "tljs-7"), YP_LANG_EN), ==, "Second with the id");

  /* An embedded frame: its address is shown, the credit stays. */
  s = yp_record_lookup_source (record, "tljs-11");
  g_assert_cmpstr (yp_source_get_body_text (s), ==, "Embedded media\nCredit: Example\nhttps://example.org/embed");
  g_assert_cmpstr (yp_source_get_outlet (s, YP_LANG_EN), ==, "Example");

  /* A spreadsheet export's blank fields are no fields: the year alone,
   * and no end. */
  e = event (record, "tljs-17");
  g_assert_cmpstr (yp_event_get_date (e), ==, "2019");
  g_assert_cmpint (yp_event_get_precision (e), ==, YP_PRECISION_APPROXIMATE);
  g_assert_cmpint (yp_event_get_end (e), ==, utc (2020, 1, 1, 0, 0, 0));
  g_assert_cmpstr (yp_event_get_date_note (e, YP_LANG_EN), ==, "TimelineJS gives the year only.");

  /* The one era left is named after its dates. */
  {
    g_autoptr(YpEra) era = g_list_model_get_item (yp_record_get_eras (record), 0);
    g_assert_cmpstr (yp_era_get_name (era, YP_LANG_KO), ==, "2018-01 – 2018-06");
  }
}

static void
test_dates_in_memory (void)
{
  g_autoptr(YpRecord) record = load_string (
    "{\"events\": ["
    " {\"start_date\": {\"year\": 2020, \"day\": 3}, \"text\": {\"headline\": \"a\"}},"
    " {\"start_date\": {\"year\": 2020, \"month\": 1, \"minute\": 5}, \"text\": {\"headline\": \"b\"}},"
    " {\"start_date\": {\"year\": 2020, \"month\": 1, \"day\": 1, \"hour\": 1, \"second\": 5}, \"text\": {\"headline\": \"c\"}},"
    " {\"start_date\": {\"year\": 2020, \"month\": true}, \"text\": {\"headline\": \"d\"}},"
    " {\"start_date\": 2020, \"text\": {\"headline\": \"e\"}},"
    " {\"text\": {\"headline\": \"f\"}},"
    " {\"start_date\": {\"year\": 0}, \"text\": {\"headline\": \"g\"}},"
    " {\"start_date\": {\"year\": 9999}, \"text\": {\"headline\": \"h\"}},"
    " {\"start_date\": {\"year\": 2020, \"month\": 2, \"day\": 29, \"hour\": \"23\", \"minute\": \"59\","
    "                   \"second\": 59, \"millisecond\": 999}, \"text\": {\"headline\": \"leap\"}},"
    " {\"start_date\": {\"year\": 2020, \"millisecond\": 5000}, \"text\": {\"headline\": \"ms\"}},"
    " {\"start_date\": {\"year\": 1e300}, \"text\": {\"headline\": \"huge\"}},"
    " {\"start_date\": {\"year\": -3500}, \"text\": {\"headline\": \"bc\"}},"
    " {\"start_date\": {\"year\": -13800000000}, \"text\": {\"headline\": \"big bang\"}},"
    " {\"start_date\": {\"year\": -45, \"month\": 2, \"day\": 29}, \"text\": {\"headline\": \"leap bc\"}},"
    " {\"start_date\": {\"year\": -44, \"month\": 2, \"day\": 29}, \"text\": {\"headline\": \"no leap bc\"}},"
    " {\"start_date\": {\"year\": 2020, \"month\": 1, \"day\": 1, \"hour\": 1, \"minute\": 2,"
    "                   \"millisecond\": 7}, \"text\": {\"headline\": \"ms no second\"}},"
    " {\"start_date\": {\"year\": -100000000001}, \"text\": {\"headline\": \"too early\"}},"
    " {\"start_date\": {\"year\": 2020, \"millisecond\": 5}, \"text\": {\"headline\": \"ms year\"}}"
    "]}");
  const YpSeverity E = YP_SEVERITY_ERROR;

  print_problems (record);
  assert_problem (record, E, "events[0].start_date.day", "a day needs a month");
  assert_problem (record, E, "events[1].start_date.minute", "a minute needs an hour");
  assert_problem (record, E, "events[2].start_date.second", "a second needs a minute");
  assert_problem (record, E, "events[3].start_date.month", "is a boolean; a month (1–12) is required, as a number");
  assert_problem (record, E, "events[4].start_date", "is a number; a date object {\"year\": …} is required");
  assert_problem (record, E, "events[5].start_date", "missing; a date object {\"year\": …} is required");
  assert_problem (record, E, "events[7].start_date.year",
                  "9999 is outside the years Yeonpyo can show (100000000000 BC, written -100000000000, to 9998)");
  assert_problem (record, E, "events[14].start_date.day", "29 is not a day of February 44 BC (1–28)");
  assert_problem (record, E, "events[16].start_date.year",
                  "-100000000001 is outside the years Yeonpyo can show (100000000000 BC, written -100000000000, to 9998)");
  assert_problem (record, YP_SEVERITY_WARNING, "events[17].start_date.millisecond",
                  "a millisecond needs an hour and a minute; it is ignored");
  assert_problem (record, YP_SEVERITY_WARNING, "events[9].start_date.millisecond",
                  "5000 is not a millisecond (0–999); it is ignored");
  assert_problem (record, E, "events[10].start_date.year", "1e+300 is not a year");

  g_assert_cmpuint (g_list_model_get_n_items (yp_record_get_events (record)), ==, 8);
  /* Milliseconds are kept; one without a second is at second 0. */
  g_assert_cmpstr (yp_event_get_date (event (record, "tljs-8")), ==, "2020-02-29T23:59:59.999");
  g_assert_cmpstr (yp_event_get_date (event (record, "tljs-15")), ==, "2020-01-01T01:02:00.007");
  g_assert_cmpstr (yp_event_get_date (event (record, "tljs-9")), ==, "2020");
  g_assert_cmpstr (yp_event_get_date (event (record, "tljs-17")), ==, "2020");
  /* Year 0 is 1 BC; negative years are years BC, down to the Big Bang. */
  g_assert_cmpstr (yp_event_get_date (event (record, "tljs-6")), ==, "-1");
  g_assert_cmpstr (yp_event_get_date (event (record, "tljs-11")), ==, "-3500");
  g_assert_cmpstr (yp_event_get_date (event (record, "tljs-12")), ==, "-13800000000");
  g_assert_cmpstr (yp_event_get_date (event (record, "tljs-13")), ==, "-45-02-29");
  g_assert_cmpint (yp_event_get_start (event (record, "tljs-11")), <, G_GINT64_CONSTANT (-62135596800) - 3499 * G_GINT64_CONSTANT (31556952));
  g_assert_cmpint (yp_event_get_start (event (record, "tljs-12")), <, G_GINT64_CONSTANT (-435000000000000000));
}

static void
test_ids (void)
{
  g_autoptr(YpRecord) record = load_string (
    "{\"events\": ["
    " {\"unique_id\": \"Moon Landing!\", \"start_date\": {\"year\": 1969}, \"text\": {\"headline\": \"a\"}},"
    " {\"unique_id\": \"달 착륙\", \"start_date\": {\"year\": 1969}, \"text\": {\"headline\": \"b\"}},"
    " {\"start_date\": {\"year\": 1969}, \"text\": {\"headline\": \"c\"}},"
    " {\"unique_id\": \"tljs-2\", \"start_date\": {\"year\": 1969}, \"text\": {\"headline\": \"d\"}},"
    " {\"unique_id\": 7, \"start_date\": {\"year\": 1969}, \"text\": {\"headline\": \"e\"}},"
    " {\"unique_id\": \"moon_landing.v2\", \"start_date\": {\"year\": 1969}, \"text\": {\"headline\": \"f\"}}"
    "]}");
  const char *ids[] = { "moon-landing", "tljs-1", "tljs-2-2", "tljs-2", "tljs-4", "moon_landing.v2" };
  GListModel *events = yp_record_get_events (record);

  print_problems (record);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(YpEvent) e = g_list_model_get_item (events, i);
      g_assert_cmpstr (yp_event_get_id (e), ==, ids[i]);
    }
  assert_problem (record, YP_SEVERITY_WARNING, "events[4].unique_id",
                  "is a number; a string is required, so the slide's id is “tljs-4”");
  g_assert_cmpuint (yp_record_get_problems (record)->len, ==, 1);
}

/* Half a surrogate pair is not a character: the file is refused, saying
 * where (json-glib used to decode it into bytes that are not UTF-8). */
static void
test_lone_surrogate (void)
{
  const char *json = "{\"events\": [{\"start_date\": {\"year\": 2000},\n"
                     " \"text\": {\"headline\": \"half \\udc00 a pair\"}}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(YpRecord) record = yp_timelinejs_load_data ("mem.json", json, strlen (json), NULL, &error);

  g_assert_null (record);
  g_assert_error (error, YP_ERROR, YP_ERROR_SYNTAX);
  g_assert_cmpstr (error->message, ==,
                   "mem.json:2:29: “\\uDC00” is the second half of a surrogate pair, without a first "
                   "(events[0].text.headline)");
}

/* Not TimelineJS at all */

/* What real files do that TimelineJS shows without a word: a media
 * address without its scheme, a quotation given as markup, a date
 * format, a medium with a caption only. Nothing is lost, nothing said. */
static void
test_real_shapes (void)
{
  g_autoptr(YpRecord) record = load_string (
    "{\"events\": ["
    " {\"start_date\": {\"year\": 2004, \"format\": \"yyyy\"}, \"text\": {\"headline\": \"a\"},"
    "  \"media\": {\"url\": \"//upload.wikimedia.org/wikipedia/commons/a/a9/Example.jpg\", \"credit\": \"Wikimedia\"}},"
    " {\"start_date\": {\"year\": 1963, \"month\": 8, \"day\": 28}, \"text\": {\"headline\": \"b\"},"
    "  \"media\": {\"url\": \"<blockquote>I have a dream.</blockquote>\", \"caption\": \"Washington\"}},"
    " {\"start_date\": {\"year\": 2010}, \"text\": {\"headline\": \"c\"}, \"media\": {\"caption\": \"Caption only\"}},"
    " {\"start_date\": {\"year\": 2011}, \"media\": {\"url\": \"<blockquote>Quoted only</blockquote>\"}}"
    "]}");
  YpSource *s;

  print_problems (record);
  g_assert_cmpuint (yp_record_get_problems (record)->len, ==, 0);
  s = yp_record_lookup_source (record, "tljs-0");
  g_assert_cmpstr (yp_source_get_body_text (s), ==,
                   "a\nCredit: Wikimedia\nhttps://upload.wikimedia.org/wikipedia/commons/a/a9/Example.jpg");
  s = yp_record_lookup_source (record, "tljs-1");
  g_assert_cmpstr (yp_source_get_body_text (s), ==, "b\nI have a dream.\nWashington");
  s = yp_record_lookup_source (record, "tljs-2");
  g_assert_cmpstr (yp_source_get_body_text (s), ==, "c\nCaption only");
  /* A slide whose only words are a quotation is titled by them. */
  g_assert_cmpstr (yp_event_get_title (event (record, "tljs-3"), YP_LANG_EN), ==, "Quoted only");
}

/* A media, a background or a title slide that is not an object is left
 * out with a warning that says what was wanted; the slide is kept. */
static void
test_wrong_object_types (void)
{
  g_autoptr(YpRecord) record = load_string (
    "{\"title\": 5, \"events\": ["
    " {\"start_date\": {\"year\": 2001}, \"text\": {\"headline\": \"a\"}, \"media\": \"pic.jpg\","
    "  \"background\": \"red\"}"
    "]}");
  const YpSeverity W = YP_SEVERITY_WARNING;

  assert_problem (record, W, "title", "is a number; a slide object is required, so it is ignored");
  assert_problem (record, W, "events[0].media", "is a string; an object {\"url\": …} is required, so it is ignored");
  assert_problem (record, W, "events[0].background",
                  "is a string; an object {\"url\": …, \"color\": …} is required, so it is ignored");
  g_assert_cmpuint (yp_record_get_problems (record)->len, ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (yp_record_get_events (record)), ==, 1);
}

typedef struct {
  GPtrArray *ids;       /* of the events handed, in order */
  guint      restarts;
  guint      n_events;
  GPtrArray *sources;   /* ids of the sources handed, in order */
} Sink;

static gboolean
sink_begin_cb (guint    n_events,
               guint64  file_bytes,
               guint64  kept_bytes,
               gpointer user_data)
{
  ((Sink *) user_data)->n_events = n_events;
  return TRUE;
}

static gboolean
sink_event_cb (const YpEventInfo *info,
               gpointer           user_data,
               GError           **error)
{
  g_ptr_array_add (((Sink *) user_data)->ids, g_strdup (info->id));
  return TRUE;
}

static gboolean
sink_source_cb (YpSource  *source,
                gpointer   user_data,
                GError   **error)
{
  g_ptr_array_add (((Sink *) user_data)->sources, g_strdup (yp_source_get_id (source)));
  return TRUE;
}

static gboolean
sink_restart_cb (gpointer  user_data,
                 GError  **error)
{
  Sink *sink = user_data;

  sink->restarts++;
  g_ptr_array_set_size (sink->ids, 0);
  return TRUE;
}

/* A TimelineJS document is read a slide at a time: with a sink, the
 * slides go to it in the record's order (an out-of-order file is checked
 * and then read again in order, with each problem reported once; the
 * sink is never told to start over, as the pass over the ids found the
 * order), none is kept as an event, and every slide's source is kept,
 * or with @data handed to the sink's source() in the file's order. */
static void
test_streamed_to_sink (gconstpointer test_data)
{
  gboolean hand_sources = GPOINTER_TO_INT (test_data);
  const char *json =
    "{\"title\": {\"text\": {\"headline\": \"Streamed\"}}, \"events\": ["
    " {\"start_date\": {\"year\": 2001}, \"text\": {\"headline\": \"b\"}, \"unique_id\": \"b\"},"
    " {\"start_date\": {\"year\": 2003}, \"text\": {\"headline\": \"d\"}, \"unique_id\": \"d\"},"
    " {\"start_date\": {\"year\": -500}, \"text\": {\"headline\": \"a\"}, \"unique_id\": \"a\"},"
    " {\"start_date\": {\"year\": 2002, \"month\": 13}, \"text\": {\"headline\": \"bad\"}},"
    " {\"start_date\": {\"year\": 2002}, \"text\": {\"headline\": \"c\"}, \"unique_id\": \"c\","
    "  \"media\": {\"url\": \"data:x\"}}"
    "], \"eras\": [{\"start_date\": {\"year\": 2000}, \"end_date\": {\"year\": 2004}, \"text\": {\"headline\": \"E\"}}]}";
  g_autofree char *dir = g_dir_make_tmp ("yp-tljs-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "streamed.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(YpRecord) whole = NULL;
  g_autoptr(YpRecord) streamed = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func (g_free);
  Sink data = { ids, 0, 0, sources };
  YpEventSink sink = { sink_begin_cb, sink_event_cb, sink_restart_cb, &data, NULL,
                       hand_sources ? sink_source_cb : NULL };
  GListModel *events;

  g_assert_true (g_file_set_contents (path, json, -1, NULL));
  whole = yp_import_load_file (path, NULL, &error);
  g_assert_no_error (error);
  streamed = yp_import_load_file_streaming (path, NULL, &sink, &error);
  g_assert_no_error (error);
  g_assert_nonnull (streamed);

  g_assert_cmpuint (data.n_events, ==, 5);
  g_assert_cmpuint (data.restarts, ==, 0);
  events = yp_record_get_events (whole);
  g_assert_cmpuint (ids->len, ==, g_list_model_get_n_items (events));
  g_assert_cmpuint (ids->len, ==, 4);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(YpEvent) e = g_list_model_get_item (events, i);

      g_assert_cmpstr (g_ptr_array_index (ids, i), ==, yp_event_get_id (e));
    }
  g_assert_cmpstr (g_ptr_array_index (ids, 0), ==, "a");
  g_assert_cmpstr (g_ptr_array_index (ids, 3), ==, "d");
  g_assert_cmpuint (g_list_model_get_n_items (yp_record_get_events (streamed)), ==, 0);
  if (hand_sources)
    {
      const char *in_file_order[] = { "b", "d", "a", "c" };

      g_assert_cmpuint (g_list_model_get_n_items (yp_record_get_sources (streamed)), ==, 0);
      g_assert_cmpuint (sources->len, ==, G_N_ELEMENTS (in_file_order));
      for (guint i = 0; i < sources->len; i++)
        g_assert_cmpstr (g_ptr_array_index (sources, i), ==, in_file_order[i]);
    }
  else
    {
      g_assert_cmpuint (g_list_model_get_n_items (yp_record_get_sources (streamed)), ==, 4);
      g_assert_cmpuint (sources->len, ==, 0);
    }
  g_assert_cmpuint (g_list_model_get_n_items (yp_record_get_eras (streamed)), ==, 1);
  g_assert_cmpstr (yp_record_get_title (streamed, YP_LANG_EN), ==, "Streamed");
  /* The same problems, each once. */
  g_assert_cmpuint (yp_record_get_problems (streamed)->len, ==, yp_record_get_problems (whole)->len);
  g_assert_cmpuint (yp_record_get_problems (streamed)->len, ==, 3);

  g_unlink (path);
  g_rmdir (dir);
}

/* A JSON file with an "events" array none of whose items is a slide is
 * not a timeline: one error for the file, not one per item. */
static void
test_not_a_timeline (void)
{
  const char *json = "{\"events\": [{\"name\": \"standup\", \"when\": \"09:00\"},"
                     " {\"name\": \"retro\", \"when\": \"16:00\"}, 3]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(YpRecord) record = yp_timelinejs_load_data ("calendar.json", json, strlen (json), NULL, &error);

  g_assert_null (record);
  g_assert_error (error, YP_ERROR, YP_ERROR_NOT_A_TIMELINE);
  g_assert_cmpstr (error->message, ==,
                   "calendar.json: not a timeline: its “events” array holds 3 items and none is a TimelineJS "
                   "slide (an object with a “start_date”); nor is it a Yeonpyo timeline (it has no “format”)");
}

static void
test_not_timelinejs (void)
{
  struct {
    const char *data;
    int         code;
    const char *message;
  } cases[] = {
    { "", YP_ERROR_SYNTAX, "mem.json: the file is empty" },
    { "[1, 2]", YP_ERROR_NOT_A_TIMELINE, "mem.json: the top level is an array; a TimelineJS document is a JSON object" },
    { "{\"title\": {}}", YP_ERROR_NOT_A_TIMELINE, "mem.json: not a TimelineJS document: “events” must be an array of slides, and it is missing" },
    { "{\"events\": {}}", YP_ERROR_NOT_A_TIMELINE, "mem.json: not a TimelineJS document: “events” must be an array of slides, and it is an object" },
    { "{\"events\": [", YP_ERROR_SYNTAX, "mem.json:1:13: expected a value, found the end of the file (events)" },
    { "{\"events\": [\"\\u12\"]}", YP_ERROR_SYNTAX, "mem.json:1:14: “\\u” must be followed by four hex digits (events[0])" },
    { "{\"events\": \"\xff\"}", YP_ERROR_SYNTAX, "mem.json:1:13: the file is not valid UTF-8 text here" },
    { "{\"events\": [\"a\\udc00\"]}", YP_ERROR_SYNTAX, "mem.json:1:15: “\\uDC00” is the second half of a surrogate pair, without a first (events[0])" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(YpRecord) record = yp_timelinejs_load_data ("mem.json", cases[i].data, strlen (cases[i].data),
                                                            NULL, &error);

      g_assert_null (record);
      g_test_message ("%s", error->message);
      g_assert_error (error, YP_ERROR, cases[i].code);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }

  /* NUL bytes, and nesting deeper than json-glib's stack allows. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(YpRecord) record = yp_timelinejs_load_data ("mem.json", "{\"events\":[]}\0", 14, NULL, &error);

    g_assert_null (record);
    g_assert_cmpstr (error->message, ==, "mem.json:1:14: a NUL byte: the file is not a JSON text file");
  }
  {
    g_autoptr(GString) deep = g_string_new ("{\"events\": ");
    g_autoptr(GError) error = NULL;
    g_autoptr(YpRecord) record = NULL;

    for (guint i = 0; i < 100000; i++)
      g_string_append_c (deep, '[');
    record = yp_timelinejs_load_data ("mem.json", deep->str, deep->len, NULL, &error);
    g_assert_null (record);
    g_test_message ("%s", error->message);
    g_assert_true (g_str_has_prefix (error->message,
                                     "mem.json:1:267: arrays and objects nest deeper than 256 levels (events[0][0][0]"));
  }
}

/* HTML */

static void
test_html_to_text (void)
{
  struct {
    const char *html;
    const char *text;
  } cases[] = {
    { "", "" },
    { "plain", "plain" },
    { "  lead <b> bold </b>  trail  ", "lead bold trail" },
    { "a<br>b<br/>c<BR />d", "a\nb\nc\nd" },
    { "<p>one</p><p></p><p>&nbsp;</p><p>two</p>", "one\ntwo" },
    { "<ul><li>x<li>y</ul>after", "• x\n• y\nafter" },
    { "<blockquote>q</blockquote>said", "q\nsaid" },
    { "<a href=\"https://example.org/?a=1&amp;b=2\">label</a>", "label" },
    { "<span class=\"x\">in</span>line", "inline" },
    { "&amp; &lt; &gt; &quot; &#39; &apos; &nbsp;x", "& < > \" ' ' x" },
    { "&#8212;&#x2014;&#X2014;&mdash;", "————" },
    { "&#150;&#128;", "–€" },
    { "&#0;&#xD800;&#1114112;&#99999999999999999999;", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD" },
    { "AT&T &unknown; &amp &#; &#x; & ;", "AT&T &unknown; &amp &#; &#x; & ;" },
    { "&#65&#66;", "AB" },
    /* Malformed: unclosed tags, stray "<", tags cut off. */
    { "<p>Unclosed <b>bold <i>both", "Unclosed bold both" },
    { "1 < 2 and 3 <4 <", "1 < 2 and 3 <4 <" },
    { "x <= y, <<", "x <= y, <<" },
    { "before <a href=\"never closed>rest", "before" },
    { "before <a href=x", "before" },
    { "before </p", "before" },
    { "</>x</ 3>y", "xy" },
    { "<a title=\"1 > 0\">quoted</a>", "quoted" },
    { "<a title='it\"s'>mixed</a>", "mixed" },
    /* Not shown by a browser. */
    { "<script>alert('<b>')</script>s<style>p{}</style>t", "st" },
    { "<SCRIPT>document.write(1)</SCRIPT >u", "u" },
    { "<script>never closed", "" },
    { "<!-- c -->a<!---->b<!-- open", "ab" },
    { "<!DOCTYPE html>a<?xml version=\"1.0\"?>b<![CDATA[c]]>d", "abd" },
    /* Whitespace and control characters separate words. */
    { "tab\there\nnew\r\nline\x01" "x", "tab here new line x" },
    { "<td>a</td><td>b</td>", "a b" },
    { "<div>a</div><div>b</div>", "a\nb" },
    { "한국어 <b>텍스트</b>&#xAC00;", "한국어 텍스트가" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = yp_html_to_text (cases[i].html);

      g_test_message ("%s → %s", cases[i].html, text);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_html_hostile (void)
{
  g_autoptr(GString) html = g_string_new (NULL);
  g_autofree char *text = NULL;
  char *out;

  /* A 4 MB attribute, closed. */
  g_string_append (html, "<a href=\"");
  for (guint i = 0; i < 4 * 1024 * 1024; i++)
    g_string_append_c (html, 'x');
  g_string_append (html, "\">end</a>");
  text = yp_html_to_text (html->str);
  g_assert_cmpstr (text, ==, "end");

  /* A million stray "<" and "<a", and nested tags never closed: linear,
   * so this finishes at once. */
  g_string_truncate (html, 0);
  for (guint i = 0; i < 1000000; i++)
    g_string_append (html, "< ");
  out = yp_html_to_text (html->str);
  g_assert_cmpuint (strlen (out), ==, 2 * 1000000 - 1);
  g_free (out);

  g_string_truncate (html, 0);
  for (guint i = 0; i < 200000; i++)
    g_string_append (html, "<b><i><span>x");
  out = yp_html_to_text (html->str);
  g_assert_cmpuint (strlen (out), ==, 200000);
  g_free (out);

  g_string_truncate (html, 0);
  for (guint i = 0; i < 200000; i++)
    g_string_append (html, "<a =\"x\" =");
  out = yp_html_to_text (html->str);
  g_assert_cmpstr (out, ==, "");
  g_free (out);

  /* Not UTF-8: the result is anyway. */
  out = yp_html_to_text ("bad \xff\xfe bytes <b>\xc3</b>");
  g_assert_true (g_utf8_validate (out, -1, NULL));
  g_free (out);
}

static void
test_html_fixture (void)
{
  g_autoptr(YpRecord) record = load_fixture ("tljs-html.json", NULL);

  print_problems (record);
  g_assert_cmpuint (g_list_model_get_n_items (yp_record_get_events (record)), ==, 6);
  g_assert_cmpstr (yp_record_get_title (record, YP_LANG_EN), ==, "Malformed HTML");
  g_assert_cmpstr (yp_event_get_title (event (record, "tljs-0"), YP_LANG_EN), ==, "Unclosed bold italic");
  g_assert_cmpstr (yp_event_get_summary (event (record, "tljs-0"), YP_LANG_EN), ==, "First paragraph\nSecond\n• item");
  g_assert_cmpstr (yp_event_get_title (event (record, "tljs-1"), YP_LANG_EN), ==, "Profit < 5% & costs <3");
  g_assert_cmpstr (yp_event_get_title (event (record, "tljs-2"), YP_LANG_EN), ==, "Scripts and styles");
  g_assert_cmpstr (yp_event_get_summary (event (record, "tljs-2"), YP_LANG_EN), ==, "Text after");
  g_assert_cmpstr (yp_event_get_title (event (record, "tljs-3"), YP_LANG_EN), ==,
                   "Entities &#xZZ; &#; &amp &; &bogus; 😀 €");
  g_assert_cmpstr (yp_event_get_summary (event (record, "tljs-3"), YP_LANG_EN), ==, "link and bare");
  /* A headline of tags only is no headline. */
  g_assert_cmpstr (yp_event_get_title (event (record, "tljs-4"), YP_LANG_EN), ==, "Only text, after an empty headline");
  g_assert_cmpstr (yp_event_get_summary (event (record, "tljs-5"), YP_LANG_EN), ==, "Before the tag");
  g_assert_cmpuint (yp_record_get_problems (record)->len, ==, 0);
}

/* yp_import_load_file */

static void
test_import_dispatches (void)
{
  g_autofree char *yeonpyo = g_test_build_filename (G_TEST_DIST, "..", "data", "timeline.json", NULL);
  g_autofree char *tljs = yp_test_data_path ("tljs-sample.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) inputs = NULL;
  g_autoptr(YpRecord) record = NULL;

  /* A Yeonpyo timeline goes to the loader: its sources are inputs too. */
  record = yp_import_load_file (yeonpyo, &inputs, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (yp_record_get_problems (record)->len, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (yp_record_get_sources (record)), ==, 5);
  g_assert_cmpuint (g_list_model_get_n_items (yp_record_get_events (record)), >=, 30);
  g_assert_cmpuint (inputs->len, ==, 6);
  g_clear_object (&record);
  g_clear_pointer (&inputs, g_ptr_array_unref);

  /* A TimelineJS document to this reader. */
  record = yp_import_load_file (tljs, &inputs, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (yp_record_get_problems (record)->len, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (yp_record_get_events (record)), ==, 15);
  g_assert_nonnull (yp_record_lookup_event (record, "sputnik"));
  g_assert_cmpuint (inputs->len, ==, 1);
  g_assert_true (g_str_has_suffix (g_ptr_array_index (inputs, 0), "tljs-sample.json"));
}

static void
assert_import_fails (const char *path,
                     const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) inputs = NULL;
  g_autoptr(YpRecord) record = yp_import_load_file (path, &inputs, &error);
  /* "PATH: message", or "PATH:LINE:COLUMN: message" for a fault in the JSON. */
  g_autofree char *expected = g_strdup_printf ("%s%s%s", path, message[0] == ':' ? "" : ": ", message);

  g_assert_null (record);
  g_assert_null (inputs);
  g_assert_true (error->domain == YP_ERROR);
  g_test_message ("%s", error->message);
  if (!g_str_has_prefix (error->message, expected))
    g_error ("“%s” does not start with “%s”", error->message, expected);
}

static void
test_import_rejects (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("yp-test-import-XXXXXX", &error);
  g_autofree char *neither = yp_test_data_path ("tljs-neither.json");
  g_autofree char *wrong_format = yp_test_data_path ("wrong-format.json");
  g_autofree char *nul = yp_test_data_path ("nul-byte.json");
  g_autofree char *bad_utf8 = yp_test_data_path ("bad-utf8.json");
  g_autofree char *array = g_build_filename (dir, "array.json", NULL);
  g_autofree char *string = g_build_filename (dir, "string.json", NULL);
  g_autofree char *events_object = g_build_filename (dir, "events-object.json", NULL);
  g_autofree char *huge = g_build_filename (dir, "huge.json", NULL);
  g_autofree char *big_tljs = g_build_filename (dir, "big-tljs.json", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.json", NULL);
  int fd;

  g_assert_no_error (error);
  g_file_set_contents (array, "[{\"events\": []}]", -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (string, "\"events\"", -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (events_object, "{\"events\": {\"0\": {}}}", -1, &error);
  g_assert_no_error (error);
  /* Sparse: 1025 MB that take no room, refused from the size alone. */
  fd = g_open (huge, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, (off_t) 1025 * 1024 * 1024), ==, 0);
  close (fd);
  /* A TimelineJS document is 64 MB at most (padded with an array: a
   * member that is not one is refused past 4 MB, before this limit). */
  {
    g_autoptr(GString) big = g_string_new ("{\"events\": [], \"padding\": [\"");

    while (big->len <= YP_TIMELINEJS_MAX_BYTES)
      g_string_append (big, "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
    g_string_append (big, "\"]}");
    g_file_set_contents (big_tljs, big->str, big->len, &error);
    g_assert_no_error (error);
  }

  assert_import_fails (neither, "neither a Yeonpyo timeline nor a TimelineJS document "
                       "(a Yeonpyo timeline has \"format\": \"yeonpyo-timeline\", a TimelineJS document an \"events\" array)");
  assert_import_fails (events_object, "neither a Yeonpyo timeline nor a TimelineJS document");
  assert_import_fails (array, "neither a Yeonpyo timeline nor a TimelineJS document: the top level is an array, not an object");
  assert_import_fails (string, "neither a Yeonpyo timeline nor a TimelineJS document: the top level is a single value, not an object");
  /* A "format" member means a Yeonpyo file: the loader says what is wrong. */
  assert_import_fails (wrong_format, "not a Yeonpyo timeline: “format” must be “yeonpyo-timeline”");
  assert_import_fails (dir, "is a folder; open a timeline .json file");
  assert_import_fails (missing, "cannot read the file: Failed to open file");
  assert_import_fails (huge, "the file is 1025 MB; timelines are limited to 1024 MB");
  assert_import_fails (big_tljs, "the file is over 64 MB; TimelineJS documents are limited to 64 MB");
  assert_import_fails (nul, ":1:31: a NUL byte: the file is not a JSON text file");
  assert_import_fails (bad_utf8, ":1:63: the file is not valid UTF-8 text here");

  g_unlink (array);
  g_unlink (string);
  g_unlink (events_object);
  g_unlink (huge);
  g_unlink (big_tljs);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/timelinejs/sample/loads-cleanly", test_sample_loads_cleanly);
  g_test_add_func ("/timelinejs/sample/dates", test_sample_dates);
  g_test_add_func ("/timelinejs/sample/texts", test_sample_texts);
  g_test_add_func ("/timelinejs/sample/sources", test_sample_sources);
  g_test_add_func ("/timelinejs/sample/citations", test_sample_citations);
  g_test_add_func ("/timelinejs/sample/eras", test_sample_eras);
  g_test_add_func ("/timelinejs/broken/reports", test_broken_reports);
  g_test_add_func ("/timelinejs/broken/keeps-valid", test_broken_keeps_valid);
  g_test_add_func ("/timelinejs/broken/dates", test_dates_in_memory);
  g_test_add_func ("/timelinejs/broken/ids", test_ids);
  g_test_add_func ("/timelinejs/broken/lone-surrogate", test_lone_surrogate);
  g_test_add_func ("/timelinejs/not-timelinejs", test_not_timelinejs);
  g_test_add_func ("/timelinejs/not-a-timeline", test_not_a_timeline);
  g_test_add_func ("/timelinejs/real-shapes", test_real_shapes);
  g_test_add_func ("/timelinejs/wrong-object-types", test_wrong_object_types);
  g_test_add_data_func ("/timelinejs/streamed-to-sink", GINT_TO_POINTER (FALSE), test_streamed_to_sink);
  g_test_add_data_func ("/timelinejs/sources-to-sink", GINT_TO_POINTER (TRUE), test_streamed_to_sink);
  g_test_add_func ("/timelinejs/html/to-text", test_html_to_text);
  g_test_add_func ("/timelinejs/html/hostile", test_html_hostile);
  g_test_add_func ("/timelinejs/html/fixture", test_html_fixture);
  g_test_add_func ("/import/dispatches", test_import_dispatches);
  g_test_add_func ("/import/rejects", test_import_rejects);

  return g_test_run ();
}
