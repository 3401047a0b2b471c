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

static char *
format_datetime (GDateTime   *dt,
                 YpPrecision  precision,
                 int          shape,
                 gboolean     with_time)
{
  const char *fmt;

  if (shape == YP_DATE_SHAPE_YEAR)
    /* Translators: a year alone, strftime format (Korean: "%Y년") */
    fmt = _("%Y");
  else if (shape == YP_DATE_SHAPE_MONTH || precision == YP_PRECISION_MONTH)
    /* Translators: a month and year, strftime format (Korean: "%Y년 %-m월") */
    fmt = _("%B %Y");
  else if (with_time && shape >= YP_DATE_SHAPE_MINUTE)
    /* Translators: a date with a time, strftime format (Korean: "%Y년 %-m월 %-d일 %H:%M") */
    fmt = _("%-d %B %Y, %H:%M");
  else
    /* Translators: a full date, strftime format (Korean: "%Y년 %-m월 %-d일") */
    fmt = _("%-d %B %Y");
  return g_date_time_format (dt, fmt);
}

char *
yp_format_instant (gint64       unix_time,
                   const char  *tz_name,
                   YpPrecision  precision,
                   gboolean     with_time)
{
  g_autoptr(GTimeZone) tz = yp_time_zone_new (tz_name);
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_time);
  g_autoptr(GDateTime) dt = NULL;

  if (utc == NULL)
    return g_strdup ("?");
  if (tz == NULL)
    tz = g_time_zone_new_utc ();
  dt = g_date_time_to_timezone (utc, tz);
  return format_datetime (dt, precision,
                          precision == YP_PRECISION_EXACT ? YP_DATE_SHAPE_MINUTE : YP_DATE_SHAPE_DAY,
                          with_time);
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
  g_autoptr(GDateTime) dt = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  g_autofree char *when = NULL;
  YpDate date;

  if (written == NULL || !yp_date_parse (written, &date, NULL))
    return g_strdup (written ? written : "");

  /* Show the wall-clock date exactly as written: no conversion. */
  tz = date.has_offset ? g_time_zone_new_offset (date.offset_seconds) : g_time_zone_new_utc ();
  dt = g_date_time_new (tz, date.year, date.month, date.day, date.hour, date.minute, date.second);
  if (dt == NULL)
    return g_strdup (written);
  when = format_datetime (dt, precision, date.shape, TRUE);

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
