/* test-record.c: editorial rules over the shipped record, data/timeline.json
 *
 * The loader checks that a timeline can be read; these rules check what an
 * editor would ask of ours and a machine can verify (docs/record.md,
 * "Editorial rules"; docs/timeline-format.md, "Shared passages"). They
 * read the file's JSON themselves, so that each rule is seen to fail on a
 * broken copy even where the loader would already skip the broken event.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "yp-date.h"
#include "yp-yeonpyo-reader.h"
#include "yp-record.h"
#include "yp-source.h"

typedef struct {
  JsonNode  *root;     /* the record's JSON, which a test may break */
  YpRecord  *record;   /* the shipped record as loaded: the sources' bodies */
  GPtrArray *problems; /* what the rules found, one line each */
} Fixture;

static char *
record_path (void)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "timeline.json", NULL);
}

static const char *
text_in (JsonObject *object,
         const char *member,
         const char *lang)
{
  JsonNode *node = json_object_get_member (object, member);
  JsonObject *text;
  const char *s;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  text = json_node_get_object (node);
  node = json_object_get_member (text, lang);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  s = json_node_get_string (node);
  for (const char *p = s; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return s;
  return NULL;
}

static const char *
id_of (JsonObject *event)
{
  return json_object_get_string_member_with_default (event, "id", "?");
}

/* The instants [start, end) that the date @member of @event covers. */
static gboolean
range_of (JsonObject *event,
          const char *member,
          gint64     *start,
          gint64     *end)
{
  const char *text = json_object_get_string_member_with_default (event, member, NULL);
  const char *zone = json_object_get_string_member_with_default (event, "timezone", NULL);
  g_autoptr(GTimeZone) tz = NULL;
  YpDate date;

  if (text == NULL || !yp_date_parse (text, &date, NULL))
    return FALSE;
  tz = yp_time_zone_new (zone);
  g_assert_nonnull (tz);
  yp_date_get_range (&date, tz, start, end);
  return TRUE;
}

/* Every approximate date has both bounds, and every date lies within the
 * bounds it has: earliest <= date <= latest. */
static void
check_bounds (JsonObject *event,
              GPtrArray  *problems)
{
  const char *id = id_of (event);
  gboolean approximate = g_strcmp0 (json_object_get_string_member_with_default (event, "precision", ""),
                                    "approximate") == 0;
  gint64 start, end, earliest, latest, unused;
  gboolean have_earliest, have_latest;

  if (!range_of (event, "date", &start, &end))
    {
      g_ptr_array_add (problems, g_strdup_printf ("“%s”: the date cannot be read", id));
      return;
    }
  have_earliest = range_of (event, "earliest", &earliest, &unused);
  have_latest = range_of (event, "latest", &unused, &latest);
  if (approximate && (!have_earliest || !have_latest))
    g_ptr_array_add (problems, g_strdup_printf ("“%s”: an approximate date needs both “earliest” and “latest”", id));
  if ((have_earliest && start < earliest) || (have_latest && end > latest))
    g_ptr_array_add (problems, g_strdup_printf ("“%s”: the date is not between “earliest” and “latest”", id));
}

/* Every title and summary in both languages; every approximate date
 * explained in both. */
static void
check_texts (JsonObject *event,
             GPtrArray  *problems)
{
  static const char *const langs[] = { "en", "ko" };
  const char *id = id_of (event);
  gboolean approximate = g_strcmp0 (json_object_get_string_member_with_default (event, "precision", ""),
                                    "approximate") == 0;

  for (guint i = 0; i < G_N_ELEMENTS (langs); i++)
    {
      if (text_in (event, "title", langs[i]) == NULL)
        g_ptr_array_add (problems, g_strdup_printf ("“%s”: no title in %s", id, langs[i]));
      if (text_in (event, "summary", langs[i]) == NULL)
        g_ptr_array_add (problems, g_strdup_printf ("“%s”: no summary in %s", id, langs[i]));
      if (approximate && text_in (event, "date_note", langs[i]) == NULL)
        g_ptr_array_add (problems, g_strdup_printf ("“%s”: an approximate date without a date_note in %s",
                                                    id, langs[i]));
    }
}

typedef struct {
  JsonObject *event;
  const char *source;
  glong       start, end; /* the passage, in characters of the body */
} Passage;

/* Whether @event's date note names @other by its title, in both
 * languages: how an event says why it quotes a passage that @other quotes
 * too. */
static gboolean
note_names (JsonObject *event,
            JsonObject *other)
{
  static const char *const langs[] = { "en", "ko" };

  for (guint i = 0; i < G_N_ELEMENTS (langs); i++)
    {
      const char *note = text_in (event, "date_note", langs[i]);
      const char *title = text_in (other, "title", langs[i]);

      if (note == NULL || title == NULL || strstr (note, title) == NULL)
        return FALSE;
    }
  return TRUE;
}

/* One passage serves one event: two events whose quotes overlap in the
 * same source are each to say why, in their date notes. */
static void
check_passages (JsonArray *events,
                YpRecord  *record,
                GPtrArray *problems)
{
  g_autoptr(GArray) passages = g_array_new (FALSE, FALSE, sizeof (Passage));

  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *event = json_array_get_object_element (events, i);
      JsonArray *citations = json_object_get_array_member (event, "citations");

      for (guint j = 0; j < json_array_get_length (citations); j++)
        {
          JsonObject *citation = json_array_get_object_element (citations, j);
          const char *source_id = json_object_get_string_member (citation, "source");
          const char *quote = json_object_get_string_member (citation, "quote");
          YpSource *source = yp_record_lookup_source (record, source_id);
          const char *body, *at;
          Passage p;

          g_assert_nonnull (source);
          body = yp_source_get_body_text (source);
          at = strstr (body, quote);
          if (at == NULL)
            {
              g_ptr_array_add (problems, g_strdup_printf ("“%s”: a quote is not in the body of “%s”",
                                                          id_of (event), source_id));
              continue;
            }
          p.event = event;
          p.source = source_id;
          p.start = g_utf8_pointer_to_offset (body, at);
          p.end = p.start + g_utf8_strlen (quote, -1);
          g_array_append_val (passages, p);
        }
    }

  for (guint i = 0; i < passages->len; i++)
    for (guint j = i + 1; j < passages->len; j++)
      {
        Passage *a = &g_array_index (passages, Passage, i);
        Passage *b = &g_array_index (passages, Passage, j);

        if (a->event == b->event || !g_str_equal (a->source, b->source)
            || a->end <= b->start || b->end <= a->start)
          continue;
        if (!note_names (a->event, b->event) || !note_names (b->event, a->event))
          g_ptr_array_add (problems,
                           g_strdup_printf ("“%s” and “%s” quote the same passage of “%s”, and their date "
                                            "notes do not both say why, naming the other event by its title "
                                            "in both languages",
                                            id_of (a->event), id_of (b->event), a->source));
      }
}

static void
check_record (Fixture *f)
{
  JsonArray *events = json_object_get_array_member (json_node_get_object (f->root), "events");

  g_ptr_array_set_size (f->problems, 0);
  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *event = json_array_get_object_element (events, i);

      check_bounds (event, f->problems);
      check_texts (event, f->problems);
    }
  check_passages (events, f->record, f->problems);
  for (guint i = 0; i < f->problems->len; i++)
    g_test_message ("%s", (const char *) g_ptr_array_index (f->problems, i));
}

/* Whether one problem found mentions @what. */
static gboolean
found (Fixture    *f,
       const char *what)
{
  for (guint i = 0; i < f->problems->len; i++)
    if (strstr (g_ptr_array_index (f->problems, i), what) != NULL)
      return TRUE;
  return FALSE;
}

static JsonObject *
event_by_id (Fixture    *f,
             const char *id)
{
  JsonArray *events = json_object_get_array_member (json_node_get_object (f->root), "events");

  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *event = json_array_get_object_element (events, i);

      if (g_str_equal (id_of (event), id))
        return event;
    }
  g_assert_not_reached ();
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = record_path ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  f->root = json_from_string (text, &error);
  g_assert_no_error (error);
  f->record = yp_yeonpyo_reader_load_file (path, NULL, &error);
  g_assert_no_error (error);
  f->problems = g_ptr_array_new_with_free_func (g_free);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->root, json_node_unref);
  g_clear_object (&f->record);
  g_clear_pointer (&f->problems, g_ptr_array_unref);
}

static void
test_shipped (Fixture       *f,
              gconstpointer  data)
{
  JsonArray *events = json_object_get_array_member (json_node_get_object (f->root), "events");

  /* What --check says: nothing to report, and no event skipped. */
  g_assert_cmpuint (yp_record_count_problems (f->record, YP_SEVERITY_ERROR), ==, 0);
  g_assert_cmpuint (yp_record_count_problems (f->record, YP_SEVERITY_WARNING), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (yp_record_get_events (f->record)), ==,
                    json_array_get_length (events));

  check_record (f);
  g_assert_cmpuint (f->problems->len, ==, 0);
}

static void
test_bounds_broken (Fixture       *f,
                    gconstpointer  data)
{
  /* A date moved past its latest bound. */
  json_object_set_string_member (event_by_id (f, "altman-back-at-openai"), "date", "2025-02-01");
  check_record (f);
  g_assert_true (found (f, "“altman-back-at-openai”: the date is not between"));
  g_assert_cmpuint (f->problems->len, ==, 1);

  /* Before its earliest, on a date of another shape. */
  fixture_tear_down (f, data);
  fixture_set_up (f, data);
  json_object_set_string_member (event_by_id (f, "devday-gpt-store"), "date", "2023-11");
  check_record (f);
  g_assert_true (found (f, "“devday-gpt-store”: the date is not between"));
  g_assert_cmpuint (f->problems->len, ==, 1);

  /* An approximate date that lost a bound. */
  fixture_tear_down (f, data);
  fixture_set_up (f, data);
  json_object_remove_member (event_by_id (f, "ignite-2023"), "latest");
  check_record (f);
  g_assert_true (found (f, "“ignite-2023”: an approximate date needs both"));
  g_assert_cmpuint (f->problems->len, ==, 1);
}

static void
test_texts_broken (Fixture       *f,
                   gconstpointer  data)
{
  JsonObject *event = event_by_id (f, "altman-removed");

  json_object_remove_member (json_object_get_object_member (event, "title"), "ko");
  json_object_set_string_member (json_object_get_object_member (event, "summary"), "en", " ");
  check_record (f);
  g_assert_true (found (f, "“altman-removed”: no title in ko"));
  g_assert_true (found (f, "“altman-removed”: no summary in en"));
  g_assert_cmpuint (f->problems->len, ==, 2);
}

static void
test_date_note_broken (Fixture       *f,
                       gconstpointer  data)
{
  JsonObject *note = json_object_get_object_member (event_by_id (f, "msft-stock-falls"), "date_note");

  json_object_remove_member (note, "en");
  check_record (f);
  g_assert_true (found (f, "“msft-stock-falls”: an approximate date without a date_note in en"));
  g_assert_cmpuint (f->problems->len, ==, 1);

  fixture_tear_down (f, data);
  fixture_set_up (f, data);
  json_object_remove_member (event_by_id (f, "altman-back-at-openai"), "date_note");
  check_record (f);
  g_assert_true (found (f, "“altman-back-at-openai”: an approximate date without a date_note in en"));
  g_assert_true (found (f, "“altman-back-at-openai”: an approximate date without a date_note in ko"));
  g_assert_cmpuint (f->problems->len, ==, 2);
}

static void
test_shared_quote_broken (Fixture       *f,
                          gconstpointer  data)
{
  JsonObject *from = event_by_id (f, "altman-removed");
  JsonObject *to = event_by_id (f, "murati-interim-ceo");
  JsonObject *citation = json_array_get_object_element (json_object_get_array_member (from, "citations"), 0);
  JsonObject *note;

  /* The same quote for a second event. */
  json_array_add_element (json_object_get_array_member (to, "citations"),
                          json_node_init_object (json_node_alloc (), citation));
  check_record (f);
  g_assert_true (found (f, "“altman-removed” and “murati-interim-ceo” quote the same passage"));
  g_assert_cmpuint (f->problems->len, ==, 1);

  /* A quote that is part of another event's quote. */
  json_array_remove_element (json_object_get_array_member (to, "citations"),
                             json_array_get_length (json_object_get_array_member (to, "citations")) - 1);
  json_array_add_element (json_object_get_array_member (to, "citations"),
                          json_from_string ("{\"source\": \"repost-20231118\", \"quote\": \"공식 홈페이지\"}", NULL));
  check_record (f);
  g_assert_true (found (f, "“altman-removed” and “murati-interim-ceo” quote the same passage"));
  g_assert_cmpuint (f->problems->len, ==, 1);

  /* A passage the record shares on purpose, once one note no longer names
   * the other event in Korean. */
  fixture_tear_down (f, data);
  fixture_set_up (f, data);
  note = json_object_get_object_member (event_by_id (f, "antimetal-rumour"), "date_note");
  json_object_set_string_member (note, "ko", "날짜는 나오지 않는다. 17일 해임 이후 돌았고 18일 게시된 기사에 실렸다.");
  check_record (f);
  g_assert_true (found (f, "“new-company-speculation” and “antimetal-rumour” quote the same passage"));
  g_assert_cmpuint (f->problems->len, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add ("/record/shipped-follows-the-rules", Fixture, NULL,
              fixture_set_up, test_shipped, fixture_tear_down);
  g_test_add ("/record/bounds-rule-fails", Fixture, NULL,
              fixture_set_up, test_bounds_broken, fixture_tear_down);
  g_test_add ("/record/texts-rule-fails", Fixture, NULL,
              fixture_set_up, test_texts_broken, fixture_tear_down);
  g_test_add ("/record/date-note-rule-fails", Fixture, NULL,
              fixture_set_up, test_date_note_broken, fixture_tear_down);
  g_test_add ("/record/shared-quote-rule-fails", Fixture, NULL,
              fixture_set_up, test_shared_quote_broken, fixture_tear_down);
  return g_test_run ();
}
