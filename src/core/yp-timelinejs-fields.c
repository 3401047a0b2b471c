/* yp-timelinejs-fields.c: the TimelineJS reader's field readers: dates
 * (of separate numbers, BC years, blank spreadsheet cells), HTML texts,
 * media, ids, each checked as TimelineJS documents them (see
 * yp-timelinejs-state-private.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "yp-timelinejs"

#include "config.h"

#include <math.h>
#include <string.h>

#include "yp-html-text.h"
#include "yp-timelinejs-state-private.h"

/* The years a date can name (yp-date.h): TimelineJS's cosmological scale
 * goes down to the age of the universe, well inside them. */
#define YEAR_MIN YP_DATE_YEAR_MIN
#define YEAR_MAX YP_DATE_YEAR_MAX

/* An id made from a unique_id is cut to this many bytes. */
#define MAX_ID_BYTES 64
/* A title made from the first words of a text is about this long. */
#define TITLE_CHARS 60

/* "format" is a display hint TimelineJS itself may ignore: no warning. */
static const char *date_members[] = {
  "year", "month", "day", "hour", "minute", "second", "millisecond", "display_date", "format", NULL
};

static const char *text_members[] = { "headline", "text", NULL };

static const char *media_members[] = {
  "url", "caption", "credit", "thumbnail", "alt", "title", "link", "link_target", NULL
};

static const char *background_members[] = { "url", "color", "alt", "opacity", NULL };

static const char *month_names[] = {
  "January", "February", "March", "April", "May", "June", "July", "August",
  "September", "October", "November", "December"
};

typedef enum {
  FIELD_ABSENT,
  FIELD_OK,
  FIELD_BAD,   /* reported */
} FieldResult;

void
yp_tljs_date_clear (YpTljsDate *date)
{
  g_clear_pointer (&date->text, g_free);
  g_clear_pointer (&date->display, g_free);
}

void
yp_tljs_text_clear (YpTljsText *text)
{
  g_clear_pointer (&text->headline, g_free);
  g_clear_pointer (&text->text, g_free);
}

/* Helpers */

/* The string member @name as valid UTF-8, or NULL when it is absent or
 * null. Another type is reported with @severity (an error skips the item;
 * a warning leaves the member out). */
char *
yp_tljs_dup_string (YpTljsReader *reader,
                    JsonObject   *object,
                    const char   *path,
                    const char   *name,
                    YpSeverity    severity)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (!yp_reader_node_is_string (node))
    {
      g_autofree char *p = yp_reader_member_path (path, name);

      yp_reader_report (&reader->r, severity, p, "is %s; a string is required%s", yp_reader_node_type_name (node),
              severity == YP_SEVERITY_WARNING ? ", so it is ignored" : "");
      return NULL;
    }
  /* The strict parser made every string valid UTF-8 without a NUL. */
  return g_strdup (json_node_get_string (node));
}

JsonObject *
yp_tljs_get_object (YpTljsReader *reader,
                    JsonObject   *parent,
                    const char   *path,
                    const char   *name,
                    const char  **allowed,
                    YpSeverity    severity,
                    const char   *wanted)
{
  JsonNode *node = json_object_get_member (parent, name);
  JsonObject *object;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      yp_reader_report (&reader->r, severity, path, "is %s; %s is required%s", yp_reader_node_type_name (node),
                        wanted, severity == YP_SEVERITY_WARNING ? ", so it is ignored" : "");
      return NULL;
    }
  object = json_node_get_object (node);
  yp_reader_check_object_members (&reader->r, object, path, allowed);
  return object;
}

/* Plain text of an HTML member on one line, NULL when blank. */
char *
yp_tljs_one_line (const char *html)
{
  g_autofree char *text = NULL;

  if (html == NULL)
    return NULL;
  text = yp_html_to_text (html);
  g_strdelimit (text, "\n", ' ');
  if (*text == '\0')
    return NULL;
  return g_steal_pointer (&text);
}

/* Plain text of an HTML member, lines kept, NULL when blank. */
static char *
lines (const char *html)
{
  g_autofree char *text = NULL;

  if (html == NULL)
    return NULL;
  text = yp_html_to_text (html);
  if (*text == '\0')
    return NULL;
  return g_steal_pointer (&text);
}

/* The first words of the first line of @text, for a title. */
char *
yp_tljs_first_words (const char *text)
{
  const char *nl = strchr (text, '\n');
  g_autofree char *line = nl ? g_strndup (text, nl - text) : g_strdup (text);
  const char *cut, *space;

  if (g_utf8_strlen (line, -1) <= TITLE_CHARS)
    return g_steal_pointer (&line);
  cut = g_utf8_offset_to_pointer (line, TITLE_CHARS);
  space = g_strrstr_len (line, cut - line, " ");
  if (space != NULL && g_utf8_strlen (line, space - line) >= TITLE_CHARS / 3)
    cut = space;
  return g_strdup_printf ("%.*s…", (int) (cut - line), line);
}

/* Lower-case letters, digits, "-", "_" and ".", as the app's ids are;
 * NULL when nothing of @unique_id is left. */
char *
yp_tljs_sanitise_id (const char *unique_id)
{
  GString *id = g_string_new (NULL);

  for (const char *p = unique_id; *p != '\0' && id->len < MAX_ID_BYTES; p++)
    {
      char c = g_ascii_tolower (*p);

      if (g_ascii_isalnum (c) || c == '_' || c == '.')
        g_string_append_c (id, c);
      else if (id->len > 0 && id->str[id->len - 1] != '-')
        g_string_append_c (id, '-');
    }
  while (id->len > 0 && id->str[id->len - 1] == '-')
    g_string_truncate (id, id->len - 1);
  if (id->len == 0)
    {
      g_string_free (id, TRUE);
      return NULL;
    }
  return g_string_free (id, FALSE);
}

/* Hangul anywhere: Korean; otherwise English. TimelineJS does not say. */
const char *
yp_tljs_guess_language (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c >= 0xAC00 && c <= 0xD7A3) || (c >= 0x1100 && c <= 0x11FF) || (c >= 0x3130 && c <= 0x318F))
        return "ko";
    }
  return "en";
}

/* Dates */

/* Reads a whole number given as a JSON number or a string of digits, the
 * way TimelineJS accepts both ("year": 1969 or "year": "1969"). A blank
 * string counts as absent: spreadsheet exports write "" for empty cells. */
static FieldResult
read_integer (YpTljsReader *reader,
              JsonObject   *object,
              const char   *path,
              const char   *name,
              const char   *what,
              YpSeverity    severity,
              gint64       *out)
{
  g_autofree char *p = yp_reader_member_path (path, name);
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return FIELD_ABSENT;
  if (yp_reader_node_is_string (node))
    {
      g_autofree char *text = g_strstrip (g_strdup (json_node_get_string (node)));
      g_autofree char *shown = NULL;

      if (*text == '\0')
        return FIELD_ABSENT;
      if (g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, out, NULL))
        return FIELD_OK;
      shown = yp_reader_quote_value (text);
      yp_reader_report (&reader->r, severity, p, "“%s” is not %s", shown, what);
      return FIELD_BAD;
    }
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    {
      *out = json_node_get_int (node);
      return FIELD_OK;
    }
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_DOUBLE)
    {
      double v = json_node_get_double (node);
      char shown[G_ASCII_DTOSTR_BUF_SIZE];

      if (isfinite (v) && v == floor (v) && fabs (v) < 1e15)
        {
          *out = (gint64) v;
          return FIELD_OK;
        }
      g_ascii_formatd (shown, sizeof shown, "%.6g", v);
      yp_reader_report (&reader->r, severity, p, "%s is not %s", shown, what);
      return FIELD_BAD;
    }
  yp_reader_report (&reader->r, severity, p, "is %s; %s is required, as a number", yp_reader_node_type_name (node), what);
  return FIELD_BAD;
}

/* A number within [@min, @max], reported as "13 is not a month (1–12)". */
static FieldResult
read_ranged (YpTljsReader *reader,
             JsonObject   *object,
             const char   *path,
             const char   *name,
             const char   *what,
             gint64        min,
             gint64        max,
             int          *out)
{
  gint64 value = 0;
  FieldResult result = read_integer (reader, object, path, name, what, YP_SEVERITY_ERROR, &value);

  if (result != FIELD_OK)
    return result;
  if (value < min || value > max)
    {
      g_autofree char *p = yp_reader_member_path (path, name);

      yp_reader_report (&reader->r, YP_SEVERITY_ERROR, p, "%" G_GINT64_FORMAT " is not %s", value, what);
      return FIELD_BAD;
    }
  *out = (int) value;
  return FIELD_OK;
}

/* Reads a TimelineJS date object into a Yeonpyo date: its shape says what
 * it gives (year, month, day, minute, second or millisecond; an hour alone
 * is read as HH:00, a millisecond without a second as HH:MM:00.mmm). A
 * negative year is a year BC, as TimelineJS documents it (-3500 is 3500
 * BC); year 0 is read as 1 BC. Times are floating: TimelineJS has no time
 * zones. */
gboolean
yp_tljs_read_date (YpTljsReader *reader,
                   JsonNode     *node,
                   const char   *path,
                   YpTljsDate   *out)
{
  g_autofree char *year_path = yp_reader_member_path (path, "year");
  JsonObject *object;
  guint errors_before = reader->r.n_errors;
  gint64 year = 0, millisecond = -1;
  int month = 0, day = 0, hour = 0, minute = 0, second = 0;
  FieldResult has_year, has_month, has_day, has_hour, has_minute, has_second;
  YpDate *d = &out->date;

  memset (out, 0, sizeof *out);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      yp_reader_report (&reader->r, YP_SEVERITY_ERROR, path, "is %s; a date object {\"year\": …} is required",
              yp_reader_node_type_name (node));
      return FALSE;
    }
  object = json_node_get_object (node);
  yp_reader_check_object_members (&reader->r, object, path, date_members);

  has_year = read_integer (reader, object, path, "year", "a year", YP_SEVERITY_ERROR, &year);
  has_month = read_ranged (reader, object, path, "month", "a month (1–12)", 1, 12, &month);
  /* The day's own range depends on the month; checked below. */
  has_day = read_ranged (reader, object, path, "day", "a day (1–31)", 1, 31, &day);
  has_hour = read_ranged (reader, object, path, "hour", "an hour (0–23)", 0, 23, &hour);
  has_minute = read_ranged (reader, object, path, "minute", "a minute (0–59)", 0, 59, &minute);
  has_second = read_ranged (reader, object, path, "second", "a second (0–59)", 0, 59, &second);
  if (read_integer (reader, object, path, "millisecond", "a millisecond (0–999)",
                    YP_SEVERITY_WARNING, &millisecond) != FIELD_OK)
    millisecond = -1;
  else if (millisecond < 0 || millisecond > 999)
    {
      g_autofree char *p = yp_reader_member_path (path, "millisecond");

      yp_reader_report (&reader->r, YP_SEVERITY_WARNING, p,
              "%" G_GINT64_FORMAT " is not a millisecond (0–999); it is ignored", millisecond);
      millisecond = -1;
    }
  else if (has_minute != FIELD_OK)
    {
      g_autofree char *p = yp_reader_member_path (path, "millisecond");

      yp_reader_report (&reader->r, YP_SEVERITY_WARNING, p,
              "a millisecond needs an hour and a minute; it is ignored");
      millisecond = -1;
    }
  out->display = yp_tljs_dup_string (reader, object, path, "display_date", YP_SEVERITY_WARNING);

  if (has_year == FIELD_ABSENT)
    yp_reader_report (&reader->r, YP_SEVERITY_ERROR, year_path, "missing; a year is required");
  else if (has_year == FIELD_OK && (year < YEAR_MIN || year > YEAR_MAX))
    yp_reader_report (&reader->r, YP_SEVERITY_ERROR, year_path,
            "%" G_GINT64_FORMAT " is outside the years Yeonpyo can show "
            "(100000000000 BC, written -100000000000, to 9998)", year);
  if (has_year == FIELD_OK && year == 0)
    year = -1;

  if (has_day == FIELD_OK && has_month == FIELD_ABSENT)
    {
      g_autofree char *p = yp_reader_member_path (path, "day");
      yp_reader_report (&reader->r, YP_SEVERITY_ERROR, p, "a day needs a month");
    }
  else if (has_day == FIELD_OK && has_month == FIELD_OK && has_year == FIELD_OK &&
           year >= YEAR_MIN && year <= YEAR_MAX &&
           day > yp_date_days_in_month (year, month))
    {
      g_autofree char *p = yp_reader_member_path (path, "day");
      yp_reader_report (&reader->r, YP_SEVERITY_ERROR, p, "%d is not a day of %s %" G_GINT64_FORMAT "%s (1–%d)",
              day, month_names[month - 1], year < 0 ? -year : year, year < 0 ? " BC" : "",
              yp_date_days_in_month (year, month));
    }
  if (has_hour == FIELD_OK && has_day == FIELD_ABSENT)
    {
      g_autofree char *p = yp_reader_member_path (path, "hour");
      yp_reader_report (&reader->r, YP_SEVERITY_ERROR, p, "an hour needs a day");
    }
  if (has_minute == FIELD_OK && has_hour == FIELD_ABSENT)
    {
      g_autofree char *p = yp_reader_member_path (path, "minute");
      yp_reader_report (&reader->r, YP_SEVERITY_ERROR, p, "a minute needs an hour");
    }
  if (has_second == FIELD_OK && has_minute == FIELD_ABSENT)
    {
      g_autofree char *p = yp_reader_member_path (path, "second");
      yp_reader_report (&reader->r, YP_SEVERITY_ERROR, p, "a second needs a minute");
    }
  if (reader->r.n_errors > errors_before)
    return FALSE;

  d->year = year;
  d->month = has_month == FIELD_OK ? month : 1;
  d->day = has_day == FIELD_OK ? day : 1;
  d->hour = hour;
  d->minute = minute;
  d->second = second;
  d->millisecond = millisecond >= 0 ? (int) millisecond : 0;
  d->has_offset = FALSE;
  d->offset_seconds = 0;
  if (millisecond >= 0)
    d->shape = YP_DATE_SHAPE_MILLISECOND;
  else if (has_second == FIELD_OK)
    d->shape = YP_DATE_SHAPE_SECOND;
  else if (has_hour == FIELD_OK)
    d->shape = YP_DATE_SHAPE_MINUTE;
  else if (has_day == FIELD_OK)
    d->shape = YP_DATE_SHAPE_DAY;
  else if (has_month == FIELD_OK)
    d->shape = YP_DATE_SHAPE_MONTH;
  else
    d->shape = YP_DATE_SHAPE_YEAR;
  out->text = yp_date_to_string (d);
  return TRUE;
}

/* An end_date with nothing in it (spreadsheet exports write one with
 * every field "") says there is no end. */
gboolean
yp_tljs_date_is_blank (JsonNode *node)
{
  g_autoptr(GList) members = NULL;
  JsonObject *object;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;
  object = json_node_get_object (node);
  members = json_object_get_members (object);
  for (const GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *member = json_object_get_member (object, l->data);
      const char *s;

      if (JSON_NODE_HOLDS_NULL (member))
        continue;
      if (!yp_reader_node_is_string (member))
        return FALSE;
      for (s = json_node_get_string (member); g_ascii_isspace (*s); s++)
        ;
      if (*s != '\0')
        return FALSE;
    }
  return TRUE;
}

YpPrecision
yp_tljs_precision_of (const YpDate *date)
{
  switch (date->shape)
    {
    case YP_DATE_SHAPE_YEAR:
      return YP_PRECISION_APPROXIMATE;
    case YP_DATE_SHAPE_MONTH:
      return YP_PRECISION_MONTH;
    case YP_DATE_SHAPE_DAY:
      return YP_PRECISION_DAY;
    case YP_DATE_SHAPE_MINUTE:
    case YP_DATE_SHAPE_SECOND:
    case YP_DATE_SHAPE_MILLISECOND:
    default:
      return YP_PRECISION_EXACT;
    }
}

/* Texts and media */

/* Reads a text object {headline, text}. A wrong type is an error: the
 * text is what the slide says. */
void
yp_tljs_read_text (YpTljsReader *reader,
                   JsonObject   *slide,
                   const char   *path,
                   YpTljsText   *out)
{
  g_autofree char *p = yp_reader_member_path (path, "text");
  g_autofree char *headline = NULL;
  g_autofree char *text = NULL;
  JsonObject *object = yp_tljs_get_object (reader, slide, p, "text", text_members, YP_SEVERITY_ERROR,
                                           "an object {\"headline\": …, \"text\": …}");

  out->headline = out->text = NULL;
  if (object == NULL)
    return;
  headline = yp_tljs_dup_string (reader, object, p, "headline", YP_SEVERITY_ERROR);
  text = yp_tljs_dup_string (reader, object, p, "text", YP_SEVERITY_ERROR);
  out->headline = yp_tljs_one_line (headline);
  out->text = lines (text);
}

void
yp_tljs_media_clear (YpTljsMedia *media)
{
  g_clear_pointer (&media->caption, g_free);
  g_clear_pointer (&media->credit, g_free);
  g_clear_pointer (&media->url, g_free);
  g_clear_pointer (&media->markup_text, g_free);
}

static gboolean
is_web_address (const char *url)
{
  if (g_ascii_strncasecmp (url, "http://", 7) != 0 && g_ascii_strncasecmp (url, "https://", 8) != 0)
    return FALSE;
  for (const char *p = url; *p != '\0'; p++)
    if ((guchar) *p <= ' ' || *p == 0x7F)
      return FALSE;
  return TRUE;
}

/* A web address as a browser would take it from a page served over
 * https: "//upload.wikimedia.org/…" is "https://upload.wikimedia.org/…".
 * NULL when @url is not one. */
static char *
web_address (const char *url)
{
  g_autofree char *full = g_str_has_prefix (url, "//") ? g_strconcat ("https:", url, NULL) : g_strdup (url);

  return is_web_address (full) ? g_steal_pointer (&full) : NULL;
}

/* The address an <iframe> (or <embed>, <video>, <audio>, <img>) shows,
 * from its src attribute, or NULL. */
static char *
markup_source (const char *markup)
{
  static const char *attrs[] = { "src=\"", "src='", NULL };

  for (guint i = 0; attrs[i] != NULL; i++)
    {
      const char *at = strstr (markup, attrs[i]);
      const char *end;

      if (at == NULL)
        continue;
      at += strlen (attrs[i]);
      end = strchr (at, attrs[i][4]);
      if (end != NULL)
        {
          g_autofree char *src = g_strndup (at, end - at);

          return web_address (src);
        }
    }
  return NULL;
}

/* YpTljsMedia are shown as text: the caption, the credit and the address. A
 * medium given as markup (a <blockquote>, an <iframe>) is content: its
 * text is kept with the caption, and the address it embeds is shown. Only
 * what the author wrote and Yeonpyo cannot show is reported, as a warning:
 * the slide is still worth showing. A medium without an address says
 * nothing: TimelineJS shows none either. */
void
yp_tljs_read_media (YpTljsReader *reader,
                    JsonObject   *slide,
                    const char   *path,
                    YpTljsMedia  *out)
{
  g_autofree char *p = yp_reader_member_path (path, "media");
  g_autofree char *url_path = yp_reader_member_path (p, "url");
  g_autofree char *caption = NULL;
  g_autofree char *credit = NULL;
  g_autofree char *url = NULL;
  JsonObject *object = yp_tljs_get_object (reader, slide, p, "media", media_members, YP_SEVERITY_WARNING,
                                           "an object {\"url\": …}");

  memset (out, 0, sizeof *out);
  if (object == NULL)
    return;
  caption = yp_tljs_dup_string (reader, object, p, "caption", YP_SEVERITY_WARNING);
  credit = yp_tljs_dup_string (reader, object, p, "credit", YP_SEVERITY_WARNING);
  url = yp_tljs_dup_string (reader, object, p, "url", YP_SEVERITY_WARNING);
  out->caption = lines (caption);
  out->credit = yp_tljs_one_line (credit);
  if (url != NULL)
    g_strstrip (url);
  if (url == NULL || *url == '\0')
    return;
  if (url[0] == '<')
    {
      g_autofree char *quoted = lines (url);

      out->url = markup_source (url);
      if (quoted != NULL)
        out->markup_text = g_steal_pointer (&quoted);
      else if (out->url == NULL)
        yp_reader_report (&reader->r, YP_SEVERITY_WARNING, url_path,
                "embedded markup without text or a web address to show; it is left out");
      return;
    }
  out->url = web_address (url);
  if (out->url == NULL)
    {
      g_autofree char *shown = yp_reader_quote_value (url);

      yp_reader_report (&reader->r, YP_SEVERITY_WARNING, url_path,
              "“%s” is not a web address (http://, https:// or //); "
              "data: addresses and local files cannot be shown, so it is left out", shown);
    }
}

/* The slide's other members: checked, and apart from "group" unused. */
void
yp_tljs_read_extras (YpTljsReader *reader,
                     JsonObject   *slide,
                     const char   *path)
{
  g_autofree char *background_path = yp_reader_member_path (path, "background");
  JsonNode *node;

  yp_tljs_get_object (reader, slide, background_path, "background", background_members, YP_SEVERITY_WARNING,
                      "an object {\"url\": …, \"color\": …}");
  node = json_object_get_member (slide, "autolink");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node) &&
      !(JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN))
    {
      g_autofree char *p = yp_reader_member_path (path, "autolink");
      yp_reader_report (&reader->r, YP_SEVERITY_WARNING, p, "is %s; true or false is required, so it is ignored",
              yp_reader_node_type_name (node));
    }
}
