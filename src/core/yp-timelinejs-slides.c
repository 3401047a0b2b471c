/* yp-timelinejs-slides.c: what a TimelineJS slide, era and title slide
 * become: an event, its source (the slide is its own article) and its
 * citation; an era; the record's title (see yp-timelinejs-state-private.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "yp-timelinejs"

#include "config.h"

#include <string.h>

#include "yp-timelinejs-state-private.h"

const char *yp_tljs_slide_members[] = {
  "start_date", "end_date", "text", "media", "group", "display_date", "background",
  "autolink", "unique_id", NULL
};
static const char *era_members[] = { "start_date", "end_date", "text", NULL };

/* Slides */

static char *
make_date_note (const YpTljsDate *start,
                const YpTljsDate *end,
                const char       *display_date,
                YpLang            lang)
{
  g_autoptr(GString) note = g_string_new (NULL);

  if (start->date.shape == YP_DATE_SHAPE_YEAR)
    g_string_append (note, lang == YP_LANG_KO ? "TimelineJS 자료에는 연도만 나와 있다."
                                              : "TimelineJS gives the year only.");
  if (end != NULL)
    {
      if (note->len)
        g_string_append_c (note, ' ');
      g_string_append_printf (note, lang == YP_LANG_KO ? "%s까지 이어진다." : "Runs until %s.", end->text);
    }
  if (display_date != NULL)
    {
      if (note->len)
        g_string_append_c (note, ' ');
      g_string_append_printf (note, lang == YP_LANG_KO ? "TimelineJS에 표시되는 날짜는 “%s”이다."
                                                       : "TimelineJS shows the date as “%s”.",
                              display_date);
    }
  return note->len ? g_string_free (g_steal_pointer (&note), FALSE) : NULL;
}

static void
add_lines (GPtrArray  *body,
           const char *text)
{
  g_auto(GStrv) split = NULL;

  if (text == NULL)
    return;
  split = g_strsplit (text, "\n", -1);
  for (guint i = 0; split[i] != NULL; i++)
    if (*split[i] != '\0')
      g_ptr_array_add (body, g_strdup (split[i]));
}

/* The slide as an article: one line each for the headline, the text's
 * paragraphs, the media caption, its credit and its address. The body and
 * the raw text are the same, so every line is a segment at the same
 * offset in both, as the loader's read_body() would make them. */
static YpSource *
make_source (YpTljsReader     *reader,
             const char       *id,
             GPtrArray        *body,
             const char       *title,
             const char       *outlet,
             const YpTljsDate *start,
             YpPrecision       precision,
             gint64            start_time,
             const YpText     *date_note)
{
  g_autoptr(GArray) segments = g_array_new (FALSE, FALSE, sizeof (YpSegment));
  g_autoptr(GString) text = g_string_new (NULL);
  YpSourceInfo info = { 0 };
  guint chars = 0;

  for (guint i = 0; i < body->len; i++)
    {
      const char *line = g_ptr_array_index (body, i);
      YpSegment seg;

      if (i > 0)
        {
          g_string_append_c (text, '\n');
          chars++;
        }
      seg.raw_start = seg.body_start = chars;
      seg.length = g_utf8_strlen (line, -1);
      chars += seg.length;
      g_string_append (text, line);
      g_array_append_val (segments, seg);
    }

  info.id = id;
  info.file = reader->file_name;
  info.outlet.ko = info.outlet.en = (char *) outlet;
  info.title = title;
  info.published = start->text;
  info.published_precision = precision;
  info.published_start = start_time;
  info.published_note = *date_note;
  info.language = yp_tljs_guess_language (text->str);
  info.raw_text = text->str;
  info.body_text = text->str;
  info.segments = (const YpSegment *) (gpointer) segments->data;
  info.n_segments = segments->len;
  return yp_source_new (&info);
}

/* A slide that loaded, as @reader->emit says; the event when it is kept. */
static YpEvent *
emit_slide (YpTljsReader      *reader,
            const YpEventInfo *info)
{
  switch (reader->emit)
    {
    case YP_TLJS_EMIT_EVENT:
      return yp_event_new_with_pool (info, reader->pool);
    case YP_TLJS_EMIT_SINK:
      if (reader->sink_error == NULL)
        reader->sink->event (info, reader->sink->user_data, &reader->sink_error);
      return NULL;
    case YP_TLJS_EMIT_NONE:
    default:
      return NULL;
    }
}

gint64
yp_tljs_slide_anchor (const YpDate *start)
{
  gint64 s, e;

  yp_date_get_range (start, NULL, &s, &e);
  return start->shape <= YP_DATE_SHAPE_MONTH ? s + (e - s) / 2 : s;
}

YpEvent *
yp_tljs_read_slide (YpTljsReader *reader,
                    JsonObject   *slide,
                    const char   *path,
                    guint         position,
                    const char   *id,
                    GPtrArray    *sources)
{
  g_autofree char *start_path = yp_reader_member_path (path, "start_date");
  g_autofree char *end_path = yp_reader_member_path (path, "end_date");
  g_autofree char *text_path = yp_reader_member_path (path, "text");
  g_autofree char *group = NULL;
  g_autofree char *category = NULL;
  g_autofree char *display_date = NULL;
  g_autofree char *title = NULL;
  g_autofree char *note_ko = NULL;
  g_autofree char *note_en = NULL;
  g_autoptr(GPtrArray) body = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(YpSource) source = NULL;
  YpCitationInfo citation;
  YpTljsDate start = { 0 }, end = { 0 };
  YpTljsText text = { 0 };
  YpTljsMedia media = { 0 };
  YpEventInfo info = { 0 };
  YpEvent *event = NULL;
  JsonNode *node;
  gboolean have_start, have_end = FALSE;
  gint64 start_time = 0, end_time = 0;
  guint quote_chars, text_errors;

  reader->r.n_errors = 0;
  yp_reader_check_object_members (&reader->r, slide, path, yp_tljs_slide_members);

  node = json_object_get_member (slide, "start_date");
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      yp_reader_report (&reader->r, YP_SEVERITY_ERROR, start_path, "missing; a date object {\"year\": …} is required");
      have_start = FALSE;
    }
  else
    have_start = yp_tljs_read_date (reader, node, start_path, &start);

  node = json_object_get_member (slide, "end_date");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      if (yp_tljs_date_is_blank (node))
        ; /* no end */
      else
        have_end = yp_tljs_read_date (reader, node, end_path, &end);
    }

  text_errors = reader->r.n_errors;
  yp_tljs_read_text (reader, slide, path, &text);
  text_errors = reader->r.n_errors - text_errors;
  yp_tljs_read_media (reader, slide, path, &media);
  group = yp_tljs_dup_string (reader, slide, path, "group", YP_SEVERITY_WARNING);
  category = yp_tljs_one_line (group);
  display_date = yp_tljs_dup_string (reader, slide, path, "display_date", YP_SEVERITY_WARNING);
  if (display_date != NULL)
    {
      char *plain = yp_tljs_one_line (display_date);
      g_free (display_date);
      display_date = plain;
    }
  if (display_date == NULL && start.display != NULL)
    display_date = yp_tljs_one_line (start.display);
  yp_tljs_read_extras (reader, slide, path);

  /* The body, and with it the title: the headline, or when there is none
   * the first words of what the slide does say. */
  if (text.headline != NULL)
    g_ptr_array_add (body, g_strdup (text.headline));
  add_lines (body, text.text);
  add_lines (body, media.markup_text);
  add_lines (body, media.caption);
  /* Without a headline the title is the first words the slide says:
   * nothing the author wrote is lost, so nothing is reported. */
  if (text.headline != NULL)
    title = g_strdup (text.headline);
  else if (body->len > 0)
    title = yp_tljs_first_words (g_ptr_array_index (body, 0));
  else if (text_errors == 0)
    yp_reader_report (&reader->r, YP_SEVERITY_ERROR, text_path,
            "the slide has no headline, no text, no quoted media and no media caption: there is nothing to show");
  if (media.credit != NULL)
    g_ptr_array_add (body, g_strdup_printf ("Credit: %s", media.credit));
  if (media.url != NULL)
    g_ptr_array_add (body, g_strdup (media.url));

  if (have_start)
    {
      gint64 s, e;

      yp_date_get_range (&start.date, NULL, &s, &e);
      start_time = s;
      end_time = e;
      /* The end only widens the span. */
      info.anchor = yp_tljs_slide_anchor (&start.date);
      if (have_end)
        {
          gint64 es, ee;

          yp_date_get_range (&end.date, NULL, &es, &ee);
          if (ee <= s)
            yp_reader_report (&reader->r, YP_SEVERITY_ERROR, end_path, "the slide ends (%s) before it starts (%s)",
                    end.text, start.text);
          end_time = MAX (e, ee);
        }
    }

  if (reader->r.n_errors > 0)
    {
      if (title != NULL)
        {
          g_autofree char *shown = yp_reader_quote_value (title);
          yp_reader_report (&reader->r, YP_SEVERITY_ERROR, path, "slide “%s” skipped", shown);
        }
      else
        yp_reader_report (&reader->r, YP_SEVERITY_ERROR, path, "slide skipped");
      goto out;
    }

  note_ko = make_date_note (&start, have_end ? &end : NULL, display_date, YP_LANG_KO);
  note_en = make_date_note (&start, have_end ? &end : NULL, display_date, YP_LANG_EN);

  info.id = id;
  info.date = start.text;
  info.precision = yp_tljs_precision_of (&start.date);
  info.start = start_time;
  info.end = end_time;
  info.date_note.ko = note_ko;
  info.date_note.en = note_en;
  info.title.ko = info.title.en = title;
  info.summary.ko = info.summary.en = text.text ? text.text : (char *) "";
  info.category = category ? category : "";
  info.position = position;

  if (reader->make_sources)
    {
      source = make_source (reader, id, body, title,
                            media.credit ? media.credit : reader->timeline_title,
                            &start, info.precision, start_time, &info.date_note);
      if (!reader->hand_sources)
        g_ptr_array_add (sources, g_object_ref (source));
      else if (!reader->sink->source (source, reader->sink->user_data, &reader->sink_error))
        goto out;
    }

  /* The quote is the body's first line: the headline, or what stands in
   * for it. Offsets are characters, in the body and the raw text alike. */
  quote_chars = g_utf8_strlen (g_ptr_array_index (body, 0), -1);
  citation = (YpCitationInfo) {
    .source_id = id,
    .quote = g_ptr_array_index (body, 0),
    .body_end = quote_chars,
    .raw_end = quote_chars,
  };
  info.citations = &citation;
  info.n_citations = 1;
  event = emit_slide (reader, &info);

out:
  yp_tljs_date_clear (&start);
  yp_tljs_date_clear (&end);
  yp_tljs_text_clear (&text);
  yp_tljs_media_clear (&media);
  return event;
}

YpEra *
yp_tljs_read_era (YpTljsReader *reader,
                  JsonObject   *object,
                  const char   *path,
                  guint         index)
{
  g_autofree char *start_path = yp_reader_member_path (path, "start_date");
  g_autofree char *end_path = yp_reader_member_path (path, "end_date");
  g_autofree char *id = g_strdup_printf ("tljs-era-%u", index);
  g_autofree char *name = NULL;
  YpTljsDate start = { 0 }, end = { 0 };
  YpTljsText text = { 0 };
  YpEra *era = NULL;
  YpText yname = { 0 }, description = { 0 };
  gboolean ok;

  reader->r.n_errors = 0;
  yp_reader_check_object_members (&reader->r, object, path, era_members);
  ok = yp_tljs_read_date (reader, json_object_get_member (object, "start_date"), start_path, &start);
  ok &= yp_tljs_read_date (reader, json_object_get_member (object, "end_date"), end_path, &end);
  yp_tljs_read_text (reader, object, path, &text);

  if (ok)
    {
      gint64 s, e;

      yp_date_get_range (&start.date, NULL, &s, NULL);
      yp_date_get_range (&end.date, NULL, NULL, &e);
      if (e <= s)
        yp_reader_report (&reader->r, YP_SEVERITY_ERROR, end_path, "the era ends (%s) before it starts (%s)",
                end.text, start.text);
      else if (reader->r.n_errors == 0)
        {
          /* Without a headline the era is named after the first words of
           * its text or its dates: nothing is lost, nothing reported. */
          if (text.headline != NULL)
            name = g_strdup (text.headline);
          else
            name = text.text ? yp_tljs_first_words (text.text) : g_strdup_printf ("%s – %s", start.text, end.text);
          yname.ko = yname.en = name;
          if (text.headline != NULL && text.text != NULL)
            description.ko = description.en = text.text;
          era = yp_era_new (id, &yname, &description, start.text, end.text, s, e);
        }
    }
  if (era == NULL)
    yp_reader_report (&reader->r, YP_SEVERITY_ERROR, path, "era skipped");

  yp_tljs_date_clear (&start);
  yp_tljs_date_clear (&end);
  yp_tljs_text_clear (&text);
  return era;
}

/* The title slide names the record; nothing else of it is used. */
char *
yp_tljs_read_title (YpTljsReader *reader,
                    JsonObject   *root)
{
  JsonObject *slide = yp_tljs_get_object (reader, root, "title", "title", yp_tljs_slide_members,
                                          YP_SEVERITY_WARNING, "a slide object");
  YpTljsText text = { 0 };
  char *title = NULL;

  if (slide == NULL)
    return NULL;
  yp_tljs_read_text (reader, slide, "title", &text);
  if (text.headline != NULL)
    title = g_strdup (text.headline);
  else if (text.text != NULL)
    title = yp_tljs_first_words (text.text);
  yp_tljs_text_clear (&text);
  return title;
}

void
yp_tljs_read_scale (YpTljsReader *reader,
                    JsonObject   *root)
{
  JsonNode *node = json_object_get_member (root, "scale");
  const char *scale;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return;
  if (!yp_reader_node_is_string (node))
    {
      yp_reader_report (&reader->r, YP_SEVERITY_WARNING, "scale", "is %s; “human” or “cosmological” is required, so it is ignored",
              yp_reader_node_type_name (node));
      return;
    }
  scale = json_node_get_string (node);
  if (g_str_equal (scale, "human"))
    return;
  /* Dates reach the age of the universe on either scale. */
  if (g_str_equal (scale, "cosmological"))
    return;
  {
    g_autofree char *shown = yp_reader_quote_value (scale);
    yp_reader_report (&reader->r, YP_SEVERITY_WARNING, "scale", "“%s” is not a scale (“human” or “cosmological”); read as “human”",
            shown);
  }
}
