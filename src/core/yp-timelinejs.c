/* yp-timelinejs.c: reads a Knight Lab TimelineJS JSON document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The format is https://timeline.knightlab.com/docs/json-format.html: an
 * object with "events" (slides), an optional "title" slide, "eras" and
 * "scale". A slide is dated by "start_date" (and "end_date") objects of
 * separate numbers, and says what happened in "text" {headline, text} as
 * HTML, with an optional "media" {url, caption, credit}.
 *
 * Each slide becomes the objects a Yeonpyo timeline is made of, so that
 * everything downstream (timeline, lists, search, cache, reading pane)
 * works unchanged: a YpEvent, a YpSource whose text is the slide's
 * headline, text and media credit (TimelineJS has no articles: the slide
 * is its own source), and one YpCitation quoting the headline in it.
 */
#define G_LOG_DOMAIN "yp-timelinejs"

#include "config.h"

#include <math.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "yp-error.h"
#include "yp-file-bytes-private.h"
#include "yp-html-text.h"
#include "yp-json-doc-private.h"
#include "yp-reader-private.h"
#include "yp-str-pool.h"
#include "yp-timelinejs.h"
#include "yp-timelinejs2-private.h"
#include "yp-event-sink.h"

/* The years a date can name (yp-date.h): TimelineJS's cosmological scale
 * goes down to the age of the universe, well inside them. */
#define YEAR_MIN YP_DATE_YEAR_MIN
#define YEAR_MAX YP_DATE_YEAR_MAX

/* An id made from a unique_id is cut to this many bytes. */
#define MAX_ID_BYTES 64
/* A title made from the first words of a text is about this long. */
#define TITLE_CHARS 60

static const char *top_members[] = { "events", "title", "eras", "scale", NULL };
static const char *slide_members[] = {
  "start_date", "end_date", "text", "media", "group", "display_date", "background",
  "autolink", "unique_id", NULL
};
static const char *era_members[] = { "start_date", "end_date", "text", NULL };
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

/* What becomes of a slide that loads. */
typedef enum {
  EMIT_EVENT,   /* an event, kept in the record */
  EMIT_SINK,    /* handed to the sink, in the record's order */
  EMIT_NONE,    /* nothing yet: the slides come again in order */
} Emit;

/* A slide that loaded: where it goes in the record's order. */
typedef struct {
  gint64 anchor;
  guint  index;
} SlideKey;

typedef struct {
  YpReader     r;
  char        *file_name;     /* its base name, the sources' "file" */
  const char  *timeline_title;
  YpStrPool   *pool;          /* the events' strings */
  Emit         emit;
  YpEventSink *sink;
  GArray      *keys;          /* SlideKey, while slides are checked for order */
  gboolean     make_sources;  /* FALSE when the slides are read again */
  GError      *sink_error;    /* the sink stopped the load */
} Reader;

/* A TimelineJS date object, read. */
typedef struct {
  YpDate  date;
  char   *text;     /* as a Yeonpyo date: "2019", "2019-03", "2019-03-05T14:00" */
  char   *display;  /* its display_date, or NULL */
} Date;

/* A TimelineJS text object, as plain text. */
typedef struct {
  char *headline;   /* one line, NULL when missing or blank */
  char *text;       /* lines, NULL when missing or blank */
} Text;

typedef enum {
  FIELD_ABSENT,
  FIELD_OK,
  FIELD_BAD,   /* reported */
} FieldResult;

static void
date_clear (Date *date)
{
  g_clear_pointer (&date->text, g_free);
  g_clear_pointer (&date->display, g_free);
}

static void
text_clear (Text *text)
{
  g_clear_pointer (&text->headline, g_free);
  g_clear_pointer (&text->text, g_free);
}

/* Helpers */

/* The string member @name as valid UTF-8, or NULL when it is absent or
 * null. Another type is reported with @severity (an error skips the item;
 * a warning leaves the member out). */
static char *
dup_string (Reader     *reader,
            JsonObject *object,
            const char *path,
            const char *name,
            YpSeverity  severity)
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

/* Plain text of an HTML member on one line, NULL when blank. */
static char *
one_line (const char *html)
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
static char *
first_words (const char *text)
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
static char *
sanitise_id (const char *unique_id)
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
static const char *
guess_language (const char *text)
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
read_integer (Reader     *reader,
              JsonObject *object,
              const char *path,
              const char *name,
              const char *what,
              YpSeverity  severity,
              gint64     *out)
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
read_ranged (Reader     *reader,
             JsonObject *object,
             const char *path,
             const char *name,
             const char *what,
             gint64      min,
             gint64      max,
             int        *out)
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
static gboolean
read_date (Reader     *reader,
           JsonNode   *node,
           const char *path,
           Date       *out)
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
  out->display = dup_string (reader, object, path, "display_date", YP_SEVERITY_WARNING);

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
    {
      d->shape = YP_DATE_SHAPE_MILLISECOND;
      out->text = yp_date_to_string (d);
    }
  else if (has_second == FIELD_OK)
    {
      d->shape = YP_DATE_SHAPE_SECOND;
      out->text = yp_date_to_string (d);
    }
  else if (has_hour == FIELD_OK)
    {
      d->shape = YP_DATE_SHAPE_MINUTE;
      out->text = yp_date_to_string (d);
    }
  else if (has_day == FIELD_OK)
    {
      d->shape = YP_DATE_SHAPE_DAY;
      out->text = yp_date_to_string (d);
    }
  else if (has_month == FIELD_OK)
    {
      d->shape = YP_DATE_SHAPE_MONTH;
      out->text = yp_date_to_string (d);
    }
  else
    {
      d->shape = YP_DATE_SHAPE_YEAR;
      out->text = yp_date_to_string (d);
    }
  return TRUE;
}

/* An end_date with nothing in it (spreadsheet exports write one with
 * every field "") says there is no end. */
static gboolean
date_is_blank (JsonNode *node)
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

static YpPrecision
precision_of (const YpDate *date)
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
static void
read_text (Reader     *reader,
           JsonObject *slide,
           const char *path,
           Text       *out)
{
  g_autofree char *p = yp_reader_member_path (path, "text");
  g_autofree char *headline = NULL;
  g_autofree char *text = NULL;
  JsonNode *node = json_object_get_member (slide, "text");
  JsonObject *object;

  out->headline = out->text = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      yp_reader_report (&reader->r, YP_SEVERITY_ERROR, p, "is %s; an object {\"headline\": …, \"text\": …} is required",
              yp_reader_node_type_name (node));
      return;
    }
  object = json_node_get_object (node);
  yp_reader_check_object_members (&reader->r, object, p, text_members);
  headline = dup_string (reader, object, p, "headline", YP_SEVERITY_ERROR);
  text = dup_string (reader, object, p, "text", YP_SEVERITY_ERROR);
  out->headline = one_line (headline);
  out->text = lines (text);
}

typedef struct {
  char *caption;      /* lines */
  char *credit;       /* one line */
  char *url;          /* a web address */
  char *markup_text;  /* lines: the text of a medium given as markup */
} Media;

static void
media_clear (Media *media)
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

/* Media are shown as text: the caption, the credit and the address. A
 * medium given as markup (a <blockquote>, an <iframe>) is content: its
 * text is kept with the caption, and the address it embeds is shown. Only
 * what the author wrote and Yeonpyo cannot show is reported, as a warning:
 * the slide is still worth showing. A medium without an address says
 * nothing: TimelineJS shows none either. */
static void
read_media (Reader     *reader,
            JsonObject *slide,
            const char *path,
            Media      *out)
{
  g_autofree char *p = yp_reader_member_path (path, "media");
  g_autofree char *url_path = yp_reader_member_path (p, "url");
  g_autofree char *caption = NULL;
  g_autofree char *credit = NULL;
  g_autofree char *url = NULL;
  JsonNode *node = json_object_get_member (slide, "media");
  JsonObject *object;

  memset (out, 0, sizeof *out);
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      yp_reader_report (&reader->r, YP_SEVERITY_WARNING, p, "is %s; an object {\"url\": …} is required, so it is ignored",
              yp_reader_node_type_name (node));
      return;
    }
  object = json_node_get_object (node);
  yp_reader_check_object_members (&reader->r, object, p, media_members);
  caption = dup_string (reader, object, p, "caption", YP_SEVERITY_WARNING);
  credit = dup_string (reader, object, p, "credit", YP_SEVERITY_WARNING);
  url = dup_string (reader, object, p, "url", YP_SEVERITY_WARNING);
  out->caption = lines (caption);
  out->credit = one_line (credit);
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
static void
read_extras (Reader     *reader,
             JsonObject *slide,
             const char *path)
{
  JsonNode *node;

  node = json_object_get_member (slide, "background");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      g_autofree char *p = yp_reader_member_path (path, "background");

      if (JSON_NODE_HOLDS_OBJECT (node))
        yp_reader_check_object_members (&reader->r, json_node_get_object (node), p, background_members);
      else
        yp_reader_report (&reader->r, YP_SEVERITY_WARNING, p, "is %s; an object {\"url\": …, \"color\": …} is required, so it is ignored",
                yp_reader_node_type_name (node));
    }
  node = json_object_get_member (slide, "autolink");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node) &&
      !(JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN))
    {
      g_autofree char *p = yp_reader_member_path (path, "autolink");
      yp_reader_report (&reader->r, YP_SEVERITY_WARNING, p, "is %s; true or false is required, so it is ignored",
              yp_reader_node_type_name (node));
    }
}

/* Slides */

static char *
make_date_note (const Date *start,
                const Date *end,
                const char *display_date,
                YpLang      lang)
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
make_source (Reader      *reader,
             const char  *id,
             GPtrArray   *body,
             const char  *title,
             const char  *outlet,
             const Date  *start,
             YpPrecision  precision,
             gint64       start_time,
             const YpText *date_note)
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
  info.language = guess_language (text->str);
  info.raw_text = text->str;
  info.body_text = text->str;
  info.segments = (const YpSegment *) (gpointer) segments->data;
  info.n_segments = segments->len;
  return yp_source_new (&info);
}

/* A slide that loaded, as @reader->emit says; the event when it is kept.
 * While keys are gathered, the first slide that comes before the one
 * read last tells the sink to start over: the slides then come again,
 * in order, once all are checked. */
static YpEvent *
emit_slide (Reader            *reader,
            const YpEventInfo *info)
{
  if (reader->keys != NULL)
    {
      SlideKey key = { info->anchor, info->position };

      if (reader->emit == EMIT_SINK && reader->keys->len > 0 &&
          info->anchor < g_array_index (reader->keys, SlideKey, reader->keys->len - 1).anchor)
        {
          reader->emit = EMIT_NONE;
          if (!reader->sink->restart (reader->sink->user_data, &reader->sink_error))
            return NULL;
        }
      g_array_append_val (reader->keys, key);
    }
  switch (reader->emit)
    {
    case EMIT_EVENT:
      return yp_event_new_with_pool (info, reader->pool);
    case EMIT_SINK:
      if (reader->sink_error == NULL)
        reader->sink->event (info, reader->sink->user_data, &reader->sink_error);
      return NULL;
    case EMIT_NONE:
    default:
      return NULL;
    }
}

static YpEvent *
read_slide (Reader     *reader,
            JsonObject *slide,
            const char *path,
            guint       position,
            const char *id,
            GPtrArray  *sources)
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
  Date start = { 0 }, end = { 0 };
  Text text = { 0 };
  Media media = { 0 };
  YpEventInfo info = { 0 };
  YpEvent *event = NULL;
  JsonNode *node;
  gboolean have_start, have_end = FALSE;
  gint64 start_time = 0, end_time = 0;
  guint quote_chars, text_errors;

  reader->r.n_errors = 0;
  yp_reader_check_object_members (&reader->r, slide, path, slide_members);

  node = json_object_get_member (slide, "start_date");
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      yp_reader_report (&reader->r, YP_SEVERITY_ERROR, start_path, "missing; a date object {\"year\": …} is required");
      have_start = FALSE;
    }
  else
    have_start = read_date (reader, node, start_path, &start);

  node = json_object_get_member (slide, "end_date");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      if (date_is_blank (node))
        ; /* no end */
      else
        have_end = read_date (reader, node, end_path, &end);
    }

  text_errors = reader->r.n_errors;
  read_text (reader, slide, path, &text);
  text_errors = reader->r.n_errors - text_errors;
  read_media (reader, slide, path, &media);
  group = dup_string (reader, slide, path, "group", YP_SEVERITY_WARNING);
  category = one_line (group);
  display_date = dup_string (reader, slide, path, "display_date", YP_SEVERITY_WARNING);
  if (display_date != NULL)
    {
      char *plain = one_line (display_date);
      g_free (display_date);
      display_date = plain;
    }
  if (display_date == NULL && start.display != NULL)
    display_date = one_line (start.display);
  read_extras (reader, slide, path);

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
    title = first_words (g_ptr_array_index (body, 0));
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
      /* Placed like a Yeonpyo date: at the start of a day or an instant,
       * in the middle of a month or a year; the end only widens the span. */
      info.anchor = start.date.shape <= YP_DATE_SHAPE_MONTH ? s + (e - s) / 2 : s;
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
  info.precision = precision_of (&start.date);
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
      g_ptr_array_add (sources, g_object_ref (source));
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
  date_clear (&start);
  date_clear (&end);
  text_clear (&text);
  media_clear (&media);
  return event;
}

static YpEra *
read_era (Reader     *reader,
          JsonObject *object,
          const char *path,
          guint       index)
{
  g_autofree char *start_path = yp_reader_member_path (path, "start_date");
  g_autofree char *end_path = yp_reader_member_path (path, "end_date");
  g_autofree char *id = g_strdup_printf ("tljs-era-%u", index);
  g_autofree char *name = NULL;
  Date start = { 0 }, end = { 0 };
  Text text = { 0 };
  YpEra *era = NULL;
  YpText yname = { 0 }, description = { 0 };
  gboolean ok;

  reader->r.n_errors = 0;
  yp_reader_check_object_members (&reader->r, object, path, era_members);
  ok = read_date (reader, json_object_get_member (object, "start_date"), start_path, &start);
  ok &= read_date (reader, json_object_get_member (object, "end_date"), end_path, &end);
  read_text (reader, object, path, &text);

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
            name = text.text ? first_words (text.text) : g_strdup_printf ("%s – %s", start.text, end.text);
          yname.ko = yname.en = name;
          if (text.headline != NULL && text.text != NULL)
            description.ko = description.en = text.text;
          era = yp_era_new (id, &yname, &description, start.text, end.text, s, e);
        }
    }
  if (era == NULL)
    yp_reader_report (&reader->r, YP_SEVERITY_ERROR, path, "era skipped");

  date_clear (&start);
  date_clear (&end);
  text_clear (&text);
  return era;
}

/* The title slide names the record; nothing else of it is used. */
static char *
read_title (Reader     *reader,
            JsonObject *root)
{
  JsonNode *node = json_object_get_member (root, "title");
  JsonObject *slide;
  Text text = { 0 };
  char *title = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      yp_reader_report (&reader->r, YP_SEVERITY_WARNING, "title", "is %s; a slide object is required, so it is ignored",
              yp_reader_node_type_name (node));
      return NULL;
    }
  slide = json_node_get_object (node);
  yp_reader_check_object_members (&reader->r, slide, "title", slide_members);
  read_text (reader, slide, "title", &text);
  if (text.headline != NULL)
    title = g_strdup (text.headline);
  else if (text.text != NULL)
    title = first_words (text.text);
  text_clear (&text);
  return title;
}

static void
read_scale (Reader     *reader,
            JsonObject *root)
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

/* The elements of an array: of a tree (a document read whole), or of a
 * scanned document, each parsed when it is wanted and dropped after, so
 * that a large document is never held as a tree. */
typedef struct {
  JsonArray          *array;
  YpJsonDoc          *doc;
  const YpJsonMember *member;
  YpJsonTree         *tree;
  GString            *p;
} Items;

static guint
items_length (const Items *items)
{
  if (items->array != NULL)
    return json_array_get_length (items->array);
  return items->member != NULL ? yp_json_member_get_length (items->member) : 0;
}

static void
items_start_pass (Items *items)
{
  if (items->doc != NULL && items->member != NULL)
    yp_json_doc_start_pass (items->doc, items->member);
}

/* Element @index as a tree of its own (json_node_unref() it), or NULL
 * with @error set when it is not valid JSON: the file is refused. */
static JsonNode *
items_get (Items    *items,
           guint     index,
           gboolean  out_of_order,
           GError  **error)
{
  const YpJsonValue *value;

  if (items->array != NULL)
    return json_node_ref (json_array_get_element (items->array, index));
  if (out_of_order)
    yp_json_doc_read_out_of_order (items->doc, items->member, index);
  value = yp_json_doc_read_element (items->doc, items->member, index, items->tree, items->p, error);
  return value != NULL ? yp_json_value_to_node (value) : NULL;
}

/* Each slide's id: its unique_id made fit for the app's id rules, or
 * "tljs-N" (N its index in "events"). A unique_id is first come, first
 * served, as TimelineJS itself does it: a later duplicate gets a new id.
 * Only the unique_ids are kept (one pointer a slide): the others are made
 * when the slide is read, by slide_id(). */
typedef struct {
  char *id;            /* from its unique_id, or NULL */
  int   duplicate_of;  /* the earlier slide with the same unique_id, or -1 */
} SlideId;

static void
slide_id_clear (gpointer data)
{
  g_free (((SlideId *) data)->id);
}

/* Reads every slide's unique_id; *@any_slide tells whether one element
 * at least is an object with a "start_date". NULL with @error set when an
 * element is not valid JSON. */
static GArray *
assign_ids (Items       *slides,
            GHashTable  *taken,
            gboolean    *any_slide,
            GError     **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, TRUE, sizeof (SlideId));
  guint n = items_length (slides);

  g_array_set_clear_func (ids, slide_id_clear);
  g_array_set_size (ids, n);
  *any_slide = n == 0;
  items_start_pass (slides);
  for (guint i = 0; i < n; i++)
    {
      SlideId *slot = &g_array_index (ids, SlideId, i);
      g_autoptr(JsonNode) node = items_get (slides, i, FALSE, error);
      JsonObject *object;
      JsonNode *uid;
      gpointer owner;
      char *id;

      if (node == NULL)
        return NULL;
      slot->duplicate_of = -1;
      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      object = json_node_get_object (node);
      *any_slide |= json_object_has_member (object, "start_date");
      uid = json_object_get_member (object, "unique_id");
      if (!yp_reader_node_is_string (uid) || (id = sanitise_id (json_node_get_string (uid))) == NULL)
        continue;
      if (g_hash_table_lookup_extended (taken, id, NULL, &owner))
        {
          slot->duplicate_of = GPOINTER_TO_INT (owner);
          g_free (id);
          continue;
        }
      g_hash_table_insert (taken, g_strdup (id), GINT_TO_POINTER (i));
      slot->id = id;
    }
  return g_steal_pointer (&ids);
}

/* The id of slide @index: its unique_id's, or "tljs-N", with a suffix
 * when a unique_id took that. */
static char *
slide_id (GArray     *ids,
          GHashTable *taken,
          guint       index)
{
  const SlideId *slot = &g_array_index (ids, SlideId, index);
  char *id;

  if (slot->id != NULL)
    return g_strdup (slot->id);
  id = g_strdup_printf ("tljs-%u", index);
  for (guint k = 2; g_hash_table_contains (taken, id); k++)
    {
      g_free (id);
      id = g_strdup_printf ("tljs-%u-%u", index, k);
    }
  return id;
}

/* Reports a unique_id that could not be used as it is. */
static void
check_unique_id (Reader        *reader,
                 JsonObject    *slide,
                 const char    *path,
                 const SlideId *slot,
                 const char    *id)
{
  JsonNode *node = json_object_get_member (slide, "unique_id");
  g_autofree char *p = yp_reader_member_path (path, "unique_id");

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return;
  if (!yp_reader_node_is_string (node))
    yp_reader_report (&reader->r, YP_SEVERITY_WARNING, p, "is %s; a string is required, so the slide's id is “%s”",
            yp_reader_node_type_name (node), id);
  else if (slot->duplicate_of >= 0)
    {
      g_autofree char *shown = yp_reader_quote_value (json_node_get_string (node));

      yp_reader_report (&reader->r, YP_SEVERITY_WARNING, p,
              "duplicate unique_id “%s” (events[%d] has it too); this slide's id is “%s”",
              shown, slot->duplicate_of, id);
    }
}

YpRecord *
yp_timelinejs_load_data (const char  *path,
                         const char  *data,
                         gsize        length,
                         GPtrArray  **inputs,
                         GError     **error)
{
  g_autoptr(YpJsonDoc) doc = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);

  doc = yp_json_doc_scan (path, data, length, YP_TIMELINEJS_MAX_BYTES, error);
  if (doc == NULL)
    return NULL;
  return yp_timelinejs_load_doc_streaming (doc, inputs, NULL, error);
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  const SlideKey *ka = a, *kb = b;

  if (ka->anchor != kb->anchor)
    return ka->anchor < kb->anchor ? -1 : 1;
  return ka->index < kb->index ? -1 : ka->index > kb->index;
}

/* How many slides are read between two calls of the sink's progress(). */
#define PROGRESS_STEP 1024

/* Reads a TimelineJS 3 document: @object its top level (where "events"
 * and "eras" may be placeholders), @slides and @era_items their elements.
 * With @sink, the slides go to it rather than into the record, in the
 * record's order: read once when the file is in date order, or else
 * checked once (the sink told to start over) and read again in order. */
static YpRecord *
read_document (const char   *path,
               JsonObject   *object,
               Items        *slides,
               Items        *era_items,
               GPtrArray   **inputs,
               YpEventSink  *sink,
               GError      **error)
{
  g_autoptr(YpRecord) record = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) eras = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GArray) keys = NULL;
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(YpStrPool) pool = yp_str_pool_new ();
  g_autofree char *abs = NULL;
  g_autofree char *title = NULL;
  g_autofree char *file_name = NULL;
  Reader reader = { 0 };
  JsonNode *node;
  guint n;
  gboolean any_slide;

  n = items_length (slides);
  ids = assign_ids (slides, taken, &any_slide, error);
  if (ids == NULL)
    return NULL;
  if (!any_slide)
    {
      g_set_error (error, YP_ERROR, YP_ERROR_NOT_A_TIMELINE,
                   "%s: not a timeline: its “events” array holds %u items and none is a TimelineJS slide "
                   "(an object with a “start_date”); nor is it a Yeonpyo timeline (it has no “format”)",
                   path, n);
      return NULL;
    }

  if (g_path_is_absolute (path))
    abs = g_strdup (path);
  else
    {
      g_autofree char *cwd = g_get_current_dir ();
      abs = g_build_filename (cwd, path, NULL);
    }
  file_name = g_path_get_basename (path);

  record = yp_record_new ();
  reader.r.file = path;
  reader.file_name = file_name;
  reader.r.record = record;
  reader.pool = pool;
  reader.make_sources = TRUE;
  reader.emit = EMIT_EVENT;

  yp_reader_check_object_members (&reader.r, object, "", top_members);
  read_scale (&reader, object);
  title = read_title (&reader, object);
  if (title == NULL)
    {
      /* The file's name, less its extension, names an untitled timeline. */
      char *dot = strrchr (file_name, '.');
      title = dot && dot != file_name ? g_strndup (file_name, dot - file_name) : g_strdup (file_name);
      if (!g_utf8_validate (title, -1, NULL))
        {
          char *valid = g_utf8_make_valid (title, -1);
          g_free (title);
          title = valid;
        }
    }
  yp_record_set_title (record, title, title);
  reader.timeline_title = title;

  eras = g_ptr_array_new_with_free_func (g_object_unref);
  node = json_object_get_member (object, "eras");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node) && !JSON_NODE_HOLDS_ARRAY (node))
    yp_reader_report (&reader.r, YP_SEVERITY_ERROR, "eras", "is %s; an array of eras is required", yp_reader_node_type_name (node));
  else if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      items_start_pass (era_items);
      for (guint i = 0; i < items_length (era_items); i++)
        {
          g_autofree char *p = g_strdup_printf ("eras[%u]", i);
          g_autoptr(JsonNode) element = items_get (era_items, i, FALSE, error);
          YpEra *era;

          if (element == NULL)
            return NULL;
          if (!JSON_NODE_HOLDS_OBJECT (element))
            {
              yp_reader_report (&reader.r, YP_SEVERITY_ERROR, p, "is %s; an object is required", yp_reader_node_type_name (element));
              continue;
            }
          era = read_era (&reader, json_node_get_object (element), p, i);
          if (era != NULL)
            g_ptr_array_add (eras, era);
        }
    }
  yp_record_set_eras (record, eras);

  sources = g_ptr_array_new_with_free_func (g_object_unref);
  events = g_ptr_array_new_with_free_func (g_object_unref);
  if (sink != NULL && sink->begin (n, sink->user_data))
    {
      keys = g_array_sized_new (FALSE, FALSE, sizeof (SlideKey), n);
      reader.keys = keys;
      reader.sink = sink;
      reader.emit = EMIT_SINK;
    }
  items_start_pass (slides);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *p = g_strdup_printf ("events[%u]", i);
      g_autofree char *id = NULL;
      g_autoptr(JsonNode) element = NULL;
      YpEvent *event;

      if (sink != NULL && sink->progress != NULL && i % PROGRESS_STEP == 0 &&
          !sink->progress (i, n, sink->user_data, error))
        return NULL;
      element = items_get (slides, i, FALSE, error);
      if (element == NULL)
        return NULL;
      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          yp_reader_report (&reader.r, YP_SEVERITY_ERROR, p, "is %s; a slide object is required", yp_reader_node_type_name (element));
          continue;
        }
      id = slide_id (ids, taken, i);
      check_unique_id (&reader, json_node_get_object (element), p, &g_array_index (ids, SlideId, i), id);
      event = read_slide (&reader, json_node_get_object (element), p, i, id, sources);
      if (reader.sink_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&reader.sink_error));
          return NULL;
        }
      if (event != NULL)
        g_ptr_array_add (events, event);
    }
  if (sink != NULL && sink->progress != NULL && !sink->progress (n, n, sink->user_data, error))
    return NULL;

  if (reader.emit == EMIT_NONE)
    {
      /* Out of order: every slide is checked and reported; now they go
       * to the sink in the record's order, read again (quietly: nothing
       * new can be found). */
      g_array_sort (keys, compare_keys);
      reader.keys = NULL;
      reader.emit = EMIT_SINK;
      reader.make_sources = FALSE;
      reader.r.quiet = TRUE;
      for (guint k = 0; k < keys->len; k++)
        {
          guint i = g_array_index (keys, SlideKey, k).index;
          g_autofree char *p = g_strdup_printf ("events[%u]", i);
          g_autofree char *id = slide_id (ids, taken, i);
          g_autoptr(JsonNode) element = NULL;
          guint errors = yp_record_count_problems (record, YP_SEVERITY_ERROR);

          if (sink->progress != NULL && k % PROGRESS_STEP == 0 && !sink->progress (n, n, sink->user_data, error))
            return NULL;
          element = items_get (slides, i, TRUE, error);
          if (element == NULL)
            return NULL;
          g_assert (JSON_NODE_HOLDS_OBJECT (element));
          read_slide (&reader, json_node_get_object (element), p, i, id, NULL);
          if (reader.sink_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&reader.sink_error));
              return NULL;
            }
          g_assert (yp_record_count_problems (record, YP_SEVERITY_ERROR) == errors);
        }
      reader.r.quiet = FALSE;
    }
  yp_record_set_sources (record, sources);
  yp_record_set_events (record, events);

  if (inputs != NULL)
    {
      *inputs = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (*inputs, g_steal_pointer (&abs));
    }
  return g_steal_pointer (&record);
}

/* A TimelineJS 2 document, mapped onto TimelineJS 3 and read whole (they
 * are small: TimelineJS 2 is long gone); NULL with @error when @object is
 * not one. */
static YpRecord *
read_tjs2 (const char  *path,
           JsonObject  *object,
           GPtrArray  **inputs,
           GError     **error,
           gboolean    *is_tjs2)
{
  JsonNode *node = json_object_get_member (object, "timeline");

  g_autoptr(JsonNode) tjs3 = NULL;
  YpRecord *converted;

  *is_tjs2 = json_object_get_member (object, "events") == NULL && node != NULL && JSON_NODE_HOLDS_OBJECT (node);
  if (!*is_tjs2)
    return NULL;
  tjs3 = yp_timelinejs2_to_tjs3 (json_node_get_object (node));
  if (tjs3 == NULL)
    {
      g_set_error (error, YP_ERROR, YP_ERROR_NOT_A_TIMELINE,
                   "%s: a TimelineJS 2 document (“timeline”) without a “date” array of slides", path);
      return NULL;
    }
  converted = yp_timelinejs_load_root (path, tjs3, inputs, error);
  if (converted != NULL)
    yp_timelinejs2_rename_paths (converted);
  return converted;
}

YpRecord *
yp_timelinejs_load_root (const char  *path,
                         JsonNode    *root,
                         GPtrArray  **inputs,
                         GError     **error)
{
  JsonObject *object;
  JsonNode *node;
  YpRecord *record;
  gboolean is_tjs2;
  Items slides = { 0 }, eras = { 0 };

  g_return_val_if_fail (path != NULL, NULL);

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      yp_file_fail (error, YP_ERROR_NOT_A_TIMELINE, path, "the top level is %s; a TimelineJS document is a JSON object",
                    yp_reader_node_type_name (root));
      return NULL;
    }
  object = json_node_get_object (root);
  record = read_tjs2 (path, object, inputs, error, &is_tjs2);
  if (is_tjs2)
    return record;
  node = json_object_get_member (object, "events");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      yp_file_fail (error, YP_ERROR_NOT_A_TIMELINE, path,
                    "not a TimelineJS document: “events” must be an array of slides, and it is %s",
                    node == NULL ? "missing" : yp_reader_node_type_name (node));
      return NULL;
    }
  slides.array = json_node_get_array (node);
  node = json_object_get_member (object, "eras");
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    eras.array = json_node_get_array (node);
  return read_document (path, object, &slides, &eras, inputs, NULL, error);
}

YpRecord *
yp_timelinejs_load_doc_streaming (YpJsonDoc    *doc,
                                  GPtrArray   **inputs,
                                  YpEventSink  *sink,
                                  GError      **error)
{
  const char *path = yp_json_doc_get_file (doc);
  g_autoptr(YpJsonTree) tree = yp_json_tree_new ();
  g_autoptr(GString) p = g_string_new (NULL);
  static const char *read_names[] = { "events", "eras", NULL };
  JsonObject *object;
  JsonNode *node;
  YpRecord *record;
  gboolean is_tjs2;
  Items slides = { 0 }, eras = { 0 };

  g_return_val_if_fail (doc != NULL, NULL);

  if (yp_json_doc_get_top (doc) != YP_JSON_TOP_OBJECT)
    {
      /* Refused below: the tree says what the top level is. */
      g_autoptr(JsonNode) root = yp_json_doc_build_tree (doc, error);

      return root != NULL ? yp_timelinejs_load_root (path, root, inputs, error) : NULL;
    }
  node = yp_json_doc_get_top_node (doc);
  object = json_node_get_object (node);
  record = read_tjs2 (path, object, inputs, error, &is_tjs2);
  if (is_tjs2)
    return record;
  node = json_object_get_member (object, "events");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_autoptr(JsonNode) root = yp_json_doc_build_tree (doc, error);

      return root != NULL ? yp_timelinejs_load_root (path, root, inputs, error) : NULL;
    }

  slides.doc = eras.doc = doc;
  slides.tree = eras.tree = tree;
  slides.p = eras.p = p;
  slides.member = yp_json_doc_lookup (doc, "events");
  eras.member = yp_json_doc_lookup (doc, "eras");
  if (eras.member != NULL && !yp_json_member_is_array (eras.member))
    eras.member = NULL;
  record = read_document (path, object, &slides, &eras, inputs, sink, error);
  if (record != NULL && !yp_json_doc_check_unread (doc, read_names, error))
    g_clear_object (&record);
  yp_json_doc_release (doc);
  return record;
}
