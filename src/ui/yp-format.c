/* yp-format.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "yp-format"

#include "config.h"

#include <glib/gi18n.h>

#include "yp-format.h"

static int content_mode = -1;   /* -1: the UI's; else a YpLang */
static gboolean content_both;

void
yp_set_content_language (const char *mode)
{
  content_both = g_strcmp0 (mode, "both") == 0;
  if (g_strcmp0 (mode, "ko") == 0)
    content_mode = YP_LANG_KO;
  else if (g_strcmp0 (mode, "en") == 0)
    content_mode = YP_LANG_EN;
  else
    content_mode = -1;
}

YpLang
yp_content_lang (void)
{
  return content_mode < 0 ? yp_ui_lang () : (YpLang) content_mode;
}

gboolean
yp_content_bilingual (void)
{
  return content_both;
}

char *
yp_content_pair (const char *ko,
                 const char *en,
                 const char *separator)
{
  YpLang lang = yp_content_lang ();
  const char *first = lang == YP_LANG_KO ? ko : en;
  const char *second = lang == YP_LANG_KO ? en : ko;

  if (first == NULL || *first == '\0')
    return g_strdup (second ? second : "");
  if (!content_both || second == NULL || *second == '\0' || g_strcmp0 (first, second) == 0)
    return g_strdup (first);
  return g_strconcat (first, separator, second, NULL);
}

YpLang
yp_ui_lang (void)
{
  /* The translation gettext actually uses tells the UI language best: a
   * catalogue for "ko" translates this marker string. */
  const char *marker = _("UI-LANGUAGE-CODE");

  if (g_str_equal (marker, "ko"))
    return YP_LANG_KO;
  return YP_LANG_EN;
}

/* Years before this many BC are told as years ago ("1 million years
 * ago"): there the two thousand years since 1 AD are within the rounding. */
#define FAR_YEARS G_GINT64_CONSTANT (100000)

/* @n with one decimal at most: "13.8", "4", "1.5". */
static char *
format_tenths (gint64 n,
               gint64 unit)
{
  gint64 tenths = (n * 10 + unit / 2) / unit;

  if (tenths % 10 == 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT, tenths / 10);
  return g_strdup_printf ("%" G_GINT64_FORMAT ".%d", tenths / 10, (int) (tenths % 10));
}

/* "13.8 billion years ago", "250,000 years ago"; in a language that
 * counts by ten thousands, "138억 년 전", "25만 년 전". */
static char *
format_years_ago (gint64 years)
{
  /* Translators: "myriad" if your language names large numbers in steps
   * of ten thousand (Korean 만, 억), anything else for steps of a thousand
   * (million, billion). Not shown. */
  gboolean myriad = g_str_equal (C_("number grouping", "thousands"), "myriad");
  g_autofree char *n = NULL;

  if (myriad && years >= G_GINT64_CONSTANT (100000000))
    {
      n = format_tenths (years, G_GINT64_CONSTANT (100000000));
      /* Translators: %s is a number of hundred millions (Korean 억): "%s억 년 전" */
      return g_strdup_printf (_("%s hundred million years ago"), n);
    }
  if (myriad)
    {
      n = format_tenths (years, 10000);
      /* Translators: %s is a number of ten thousands (Korean 만): "%s만 년 전" */
      return g_strdup_printf (_("%s ten thousand years ago"), n);
    }
  if (years >= G_GINT64_CONSTANT (1000000000))
    {
      n = format_tenths (years, G_GINT64_CONSTANT (1000000000));
      /* Translators: "13.8 billion years ago" */
      return g_strdup_printf (_("%s billion years ago"), n);
    }
  if (years >= 1000000)
    {
      n = format_tenths (years, 1000000);
      /* Translators: "1.5 million years ago" */
      return g_strdup_printf (_("%s million years ago"), n);
    }
  n = g_strdup_printf ("%" G_GINT64_FORMAT ",%03d", years / 1000, (int) (years % 1000));
  /* Translators: "250,000 years ago" */
  return g_strdup_printf (_("%s years ago"), n);
}

/* A long stretch of time counted in years, for the breaks of the story
 * axis: "14 years", "3.2 million years", "1.4 billion years"; in a
 * language that counts by ten thousands, "3만 년", "14억 년". */
char *
yp_format_year_count (gint64 years)
{
  gboolean myriad = g_str_equal (C_("number grouping", "thousands"), "myriad");
  g_autofree char *n = NULL;

  years = MAX (years, 1);
  if (myriad && years >= G_GINT64_CONSTANT (100000000))
    {
      n = format_tenths (years, G_GINT64_CONSTANT (100000000));
      /* Translators: %s is a number of hundred millions (Korean 억): "%s억 년" */
      return g_strdup_printf (_("%s hundred million years"), n);
    }
  if (myriad && years >= 10000)
    {
      n = format_tenths (years, 10000);
      /* Translators: %s is a number of ten thousands (Korean 만): "%s만 년" */
      return g_strdup_printf (_("%s ten thousand years"), n);
    }
  if (!myriad && years >= G_GINT64_CONSTANT (1000000000))
    {
      n = format_tenths (years, G_GINT64_CONSTANT (1000000000));
      /* Translators: "1.4 billion years", the length of a stretch of time */
      return g_strdup_printf (_("%s billion years"), n);
    }
  if (!myriad && years >= 1000000)
    {
      n = format_tenths (years, 1000000);
      /* Translators: "3.2 million years", the length of a stretch of time */
      return g_strdup_printf (_("%s million years"), n);
    }
  return g_strdup_printf (ngettext ("%u year", "%u years", (gulong) years), (guint) years);
}

/* g_date_time_format() for a wall-clock date of any year. Within years 1
 * to 9999 it is GLib's; before year 1, "%Y" becomes "3500 BC" and the rest
 * is formatted as in a leap year; before FAR_YEARS BC, the date is how
 * long ago its year was. */
static char *
format_date_fields (const YpDate *d,
                    const char   *fmt)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) dt = NULL;
  g_autoptr(GString) proxy_fmt = NULL;
  g_autofree char *year = NULL;
  g_autofree char *number = NULL;
  g_autofree char *formatted = NULL;
  GString *out;

  if (d->year >= 1 && d->year <= 9999)
    {
      dt = g_date_time_new (utc, (int) d->year, d->month, d->day, d->hour, d->minute, d->second);
      return dt ? g_date_time_format (dt, fmt) : NULL;
    }
  if (d->year <= -FAR_YEARS)
    return format_years_ago (-d->year);
  if (d->year > 9999)
    return NULL;

  /* A marker GLib passes through stands for the year. */
  proxy_fmt = g_string_new (NULL);
  for (const char *p = fmt; *p != '\0'; p++)
    {
      if (p[0] == '%' && p[1] == 'Y')
        {
          g_string_append_c (proxy_fmt, '\x01');
          p++;
        }
      else if (p[0] == '%' && p[1] != '\0')
        {
          g_string_append_len (proxy_fmt, p, 2);
          p++;
        }
      else
        g_string_append_c (proxy_fmt, *p);
    }
  dt = g_date_time_new (utc, 2000, d->month, d->day, d->hour, d->minute, d->second);
  if (dt == NULL)
    return NULL;
  formatted = g_date_time_format (dt, proxy_fmt->str);
  out = g_string_new (formatted);
  number = g_strdup_printf ("%" G_GINT64_FORMAT, -d->year);
  /* Translators: a year before the common era, "3500 BC" (Korean: "기원전 %s") */
  year = g_strdup_printf (_("%s BC"), number);
  g_string_replace (out, "\x01", year, 0);
  return g_string_free (out, FALSE);
}

static char *
format_datetime (const YpDate *d,
                 YpPrecision   precision,
                 int           shape,
                 gboolean      with_time)
{
  const char *fmt;
  g_autofree char *with_ms = NULL;

  if (shape == YP_DATE_SHAPE_YEAR)
    /* Translators: a year alone, strftime format (Korean: "%Y년") */
    fmt = _("%Y");
  else if (shape == YP_DATE_SHAPE_MONTH || precision == YP_PRECISION_MONTH)
    /* Translators: a month and year, strftime format (Korean: "%Y년 %-m월") */
    fmt = _("%B %Y");
  else if (with_time && shape == YP_DATE_SHAPE_MILLISECOND)
    {
      /* Translators: a date with a time to the second, strftime format
       * (Korean: "%Y년 %-m월 %-d일 %H:%M:%S"); milliseconds follow the seconds */
      g_autoptr(GString) f = g_string_new (_("%-d %B %Y, %H:%M:%S"));
      g_autofree char *ms = g_strdup_printf ("%%S.%03d", d->millisecond);

      g_string_replace (f, "%S", ms, 1);
      fmt = with_ms = g_string_free (g_steal_pointer (&f), FALSE);
    }
  else if (with_time && shape == YP_DATE_SHAPE_SECOND)
    fmt = _("%-d %B %Y, %H:%M:%S");
  else if (with_time && shape >= YP_DATE_SHAPE_MINUTE)
    /* Translators: a date with a time, strftime format (Korean: "%Y년 %-m월 %-d일 %H:%M") */
    fmt = _("%-d %B %Y, %H:%M");
  else
    /* Translators: a full date, strftime format (Korean: "%Y년 %-m월 %-d일") */
    fmt = _("%-d %B %Y");
  return format_date_fields (d, fmt);
}

char *
yp_format_year (gint64 year)
{
  YpDate d = { YP_DATE_SHAPE_YEAR, year, 1, 1, 0, 0, 0, 0, FALSE, 0 };

  return format_date_fields (&d, _("%Y"));
}

char *
yp_format_axis_label (YpTickLabelKind  kind,
                      gint64           time,
                      int              millisecond,
                      GTimeZone       *tz,
                      gboolean         first)
{
  const char *fmt;
  g_autofree char *with_ms = NULL;
  YpDate d;

  yp_date_from_unix (time, tz, &d);
  switch (kind)
    {
    case YP_TICK_LABEL_YEAR:
      fmt = _("%Y");
      break;
    case YP_TICK_LABEL_MONTH:
      fmt = _("%B %Y");
      break;
    case YP_TICK_LABEL_DAY:
      /* Translators: a day on the time axis, strftime format (Korean: "%-m월 %-d일") */
      fmt = first ? _("%-d %B %Y") : C_("axis", "%-d %b");
      break;
    case YP_TICK_LABEL_HOUR:
    case YP_TICK_LABEL_MINUTE:
      fmt = first ? _("%-d %B %Y, %H:%M") : "%H:%M";
      break;
    case YP_TICK_LABEL_MILLISECOND:
      /* A whole second among millisecond ticks reads as a second ("12:00:30",
       * not "12:00:30.000"); the ticks between name their milliseconds. */
      if (millisecond <= 0)
        fmt = "%H:%M:%S";
      else
        fmt = with_ms = g_strdup_printf ("%%H:%%M:%%S.%03d", MIN (millisecond, 999));
      break;
    case YP_TICK_LABEL_SECOND:
    default:
      fmt = "%H:%M:%S";
      break;
    }
  /* At midnight, an hour axis names the new day. */
  if (!first && (kind == YP_TICK_LABEL_HOUR || kind == YP_TICK_LABEL_MINUTE) &&
      d.hour == 0 && d.minute == 0)
    fmt = C_("axis", "%-d %b");
  return format_date_fields (&d, fmt);
}

char *
yp_format_instant (gint64       unix_time,
                   const char  *tz_name,
                   YpPrecision  precision,
                   gboolean     with_time)
{
  g_autoptr(GTimeZone) tz = yp_time_zone_new (tz_name);
  g_autofree char *text = NULL;
  YpDate d;

  yp_date_from_unix (unix_time, tz, &d);
  text = format_datetime (&d, precision,
                          precision == YP_PRECISION_EXACT ? YP_DATE_SHAPE_MINUTE : YP_DATE_SHAPE_DAY,
                          with_time);
  return text ? g_steal_pointer (&text) : g_strdup ("?");
}

const char *
yp_zone_name (const char *tz_name)
{
  /* The zones the shipped record uses, by the names readers know. */
  if (g_strcmp0 (tz_name, "America/Los_Angeles") == 0)
    return _("US Pacific");
  if (g_strcmp0 (tz_name, "Asia/Seoul") == 0)
    return _("Korea");
  if (g_strcmp0 (tz_name, "America/New_York") == 0)
    return _("US Eastern");
  return tz_name;
}

char *
yp_format_written_date (const char  *written,
                        const char  *tz_name,
                        YpPrecision  precision)
{
  g_autofree char *when = NULL;
  YpDate date;

  if (written == NULL || !yp_date_parse (written, &date, NULL))
    return g_strdup (written ? written : "");

  /* Show the wall-clock date exactly as written: no conversion. */
  when = format_datetime (&date, precision, date.shape, TRUE);
  if (when == NULL)
    return g_strdup (written);

  if (precision == YP_PRECISION_APPROXIMATE)
    {
      g_autofree char *tmp = g_steal_pointer (&when);
      /* Translators: an approximate date, e.g. "about 24 June 2025" */
      when = g_strdup_printf (_("about %s"), tmp);
    }

  if (date.shape >= YP_DATE_SHAPE_MINUTE)
    {
      if (date.has_offset)
        {
          int h = date.offset_seconds / 3600, m = ABS (date.offset_seconds % 3600) / 60;
          g_autofree char *tmp = g_steal_pointer (&when);
          when = m ? g_strdup_printf ("%s (UTC%+d:%02d)", tmp, h, m)
                   : g_strdup_printf ("%s (UTC%+d)", tmp, h);
        }
      else if (tz_name == NULL)
        {
          g_autofree char *tmp = g_steal_pointer (&when);
          /* Translators: a time whose time zone the source does not give */
          when = g_strdup_printf (_("%s (time zone not stated)"), tmp);
        }
    }
  if (tz_name != NULL && !date.has_offset)
    {
      g_autofree char *tmp = g_steal_pointer (&when);
      /* Translators: a date followed by the time zone it is reckoned in,
       * e.g. "17 November 2023, US Pacific time" */
      when = g_strdup_printf (_("%s, %s time"), tmp, yp_zone_name (tz_name));
    }
  return g_steal_pointer (&when);
}

const char *
yp_language_name (const char *bcp47)
{
  if (g_strcmp0 (bcp47, "ko") == 0)
    return _("Korean");
  if (g_strcmp0 (bcp47, "en") == 0)
    return _("English");
  return bcp47;
}

PangoAttrList *
yp_keep_words_attrs (const char *text)
{
  PangoAttrList *attrs = pango_attr_list_new ();
  const char *word = NULL;
  gboolean hangul = FALSE;

  for (const char *p = text;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean space = c == 0 || g_unichar_isspace (c);

      if (!space && word == NULL)
        {
          word = p;
          hangul = FALSE;
        }
      if (!space && g_unichar_get_script (c) == G_UNICODE_SCRIPT_HANGUL)
        hangul = TRUE;
      if (space && word != NULL)
        {
          if (hangul && g_utf8_strlen (word, p - word) < 24)
            {
              PangoAttribute *a = pango_attr_allow_breaks_new (FALSE);
              a->start_index = word - text;
              a->end_index = p - text;
              pango_attr_list_insert (attrs, a);
            }
          word = NULL;
        }
      if (c == 0)
        break;
    }
  return attrs;
}

char *
yp_format_event_date (YpEvent *event)
{
  return yp_format_written_date (yp_event_get_date (event), yp_event_get_timezone (event),
                                 yp_event_get_precision (event));
}

guint
yp_format_count_sources (YpEvent *event)
{
  guint n = 0;

  for (guint i = 0; i < yp_event_get_n_citations (event); i++)
    {
      const char *id = yp_event_get_citation_info (event, i)->source_id;
      gboolean seen = FALSE;

      for (guint j = 0; j < i && !seen; j++)
        seen = g_str_equal (id, yp_event_get_citation_info (event, j)->source_id);
      n += !seen;
    }
  return n;
}

const char *
yp_format_source_heading (YpSource *source,
                          YpLang    lang)
{
  const char *outlet = yp_source_get_outlet (source, lang);
  const char *title = yp_source_get_title (source);

  if (outlet != NULL && *outlet)
    return outlet;
  if (title != NULL && *title)
    return title;
  return NULL;
}

const char *
yp_format_status (YpEvent *event)
{
  const char *status = yp_event_get_status (event);

  if (g_strcmp0 (status, "unconfirmed") == 0)
    return _("Unconfirmed report");
  if (g_strcmp0 (status, "false") == 0)
    return _("Reported as false");
  return NULL;
}

const char *
yp_format_category (const char *category)
{
  if (g_strcmp0 (category, "governance") == 0)
    return _("Governance");
  if (g_strcmp0 (category, "people") == 0)
    return _("People");
  if (g_strcmp0 (category, "product") == 0)
    return _("Product");
  if (g_strcmp0 (category, "business") == 0)
    return _("Business");
  if (g_strcmp0 (category, "publication") == 0)
    return _("Publication");
  if (g_strcmp0 (category, "media") == 0)
    return _("Media");
  return category;
}

char *
yp_format_count_short (guint count)
{
  /* Digits and a Latin k/M in both languages: the disc has room for four
   * narrow glyphs, and the exact count is in its tooltip. */
  if (count < 1000)
    return g_strdup_printf ("%u", count);
  if (count < 10000)
    return g_strdup_printf ("%u.%uk", count / 1000, count / 100 % 10);
  if (count < 1000000)
    return g_strdup_printf ("%uk", count / 1000);
  if (count < 10000000)
    return g_strdup_printf ("%u.%uM", count / 1000000, count / 100000 % 10);
  return g_strdup_printf ("%uM", count / 1000000);
}
