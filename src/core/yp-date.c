/* yp-date.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "yp-date"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "yp-date.h"

static const char *precision_names[] = { "exact", "day", "month", "approximate" };

static gboolean
read_digits (const char **p,
             int          n,
             int         *out)
{
  int v = 0;

  for (int i = 0; i < n; i++)
    {
      char c = (*p)[i];
      if (c < '0' || c > '9')
        return FALSE;
      v = v * 10 + (c - '0');
    }
  *p += n;
  *out = v;
  return TRUE;
}

static gboolean
fail (GError     **error,
      const char  *text,
      const char  *why)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               "“%s” is not a date (%s); expected YYYY, YYYY-MM, YYYY-MM-DD or "
               "YYYY-MM-DDTHH:MM[:SS[.mmm]][Z|±HH:MM], a year BC written with a minus sign (-3500)",
               text, why);
  return FALSE;
}

/* The astronomical year of a historical one: 1 BC is year 0. */
static gint64
astronomical (gint64 year)
{
  return year < 0 ? year + 1 : year;
}

int
yp_date_days_in_month (gint64 year,
                       int    month)
{
  static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  gint64 y = astronomical (year);
  gboolean leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

  g_return_val_if_fail (month >= 1 && month <= 12, 0);

  return month == 2 && leap ? 29 : days[month - 1];
}

/* Howard Hinnant's days_from_civil, on 400-year eras so that it holds for
 * any year a gint64 of seconds can hold. */
gint64
yp_date_days_from_civil (gint64 year,
                         int    month,
                         int    day)
{
  gint64 y = astronomical (year) - (month <= 2);
  gint64 era = yp_floor_div (y, 400);
  gint64 yoe = y - era * 400;
  gint64 doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  gint64 doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

  return era * 146097 + doe - 719468;
}

void
yp_date_civil_from_days (gint64  days,
                         gint64 *year,
                         int    *month,
                         int    *day)
{
  gint64 z = days + 719468;
  gint64 era = yp_floor_div (z, 146097);
  gint64 doe = z - era * 146097;
  gint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  gint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  gint64 mp = (5 * doy + 2) / 153;
  int m = (int) (mp < 10 ? mp + 3 : mp - 9);
  gint64 y = yoe + era * 400 + (m <= 2);

  *year = y <= 0 ? y - 1 : y;
  *month = m;
  *day = (int) (doy - (153 * mp + 2) / 5 + 1);
}

gboolean
yp_date_parse (const char  *text,
               YpDate      *out,
               GError     **error)
{
  const char *p = text;
  YpDate d = { YP_DATE_SHAPE_YEAR, 0, 1, 1, 0, 0, 0, 0, FALSE, 0 };

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (*p == '-')
    {
      gint64 bc = 0;
      int n = 0;

      for (p++; *p >= '0' && *p <= '9'; p++, n++)
        {
          if (n == 12)
            return fail (error, text, "year out of range (100000000000 BC to 9998)");
          bc = bc * 10 + (*p - '0');
        }
      if (n == 0)
        return fail (error, text, "no year after the minus sign");
      if (bc == 0)
        return fail (error, text, "there is no year 0: 1 BC is -1");
      if (-bc < YP_DATE_YEAR_MIN)
        return fail (error, text, "year out of range (100000000000 BC to 9998)");
      d.year = -bc;
    }
  else
    {
      int year;

      if (!read_digits (&p, 4, &year))
        return fail (error, text, "no four-digit year");
      if (year == 0)
        return fail (error, text, "there is no year 0: 1 BC is -1");
      if (year > YP_DATE_YEAR_MAX)
        return fail (error, text, "year out of range (100000000000 BC to 9998)");
      d.year = year;
    }
  if (*p == '-')
    {
      p++;
      if (!read_digits (&p, 2, &d.month) || d.month < 1 || d.month > 12)
        return fail (error, text, "bad month");
      d.shape = YP_DATE_SHAPE_MONTH;
      if (*p == '-')
        {
          p++;
          if (!read_digits (&p, 2, &d.day) || d.day < 1 ||
              d.day > yp_date_days_in_month (d.year, d.month))
            return fail (error, text, "bad day");
          d.shape = YP_DATE_SHAPE_DAY;
          if (*p == 'T')
            {
              p++;
              if (!read_digits (&p, 2, &d.hour) || d.hour > 23 || *p != ':')
                return fail (error, text, "bad hour");
              p++;
              if (!read_digits (&p, 2, &d.minute) || d.minute > 59)
                return fail (error, text, "bad minute");
              d.shape = YP_DATE_SHAPE_MINUTE;
              if (*p == ':')
                {
                  p++;
                  if (!read_digits (&p, 2, &d.second) || d.second > 59)
                    return fail (error, text, "bad second");
                  d.shape = YP_DATE_SHAPE_SECOND;
                  if (*p == '.')
                    {
                      p++;
                      if (!read_digits (&p, 3, &d.millisecond))
                        return fail (error, text, "bad millisecond, three digits expected");
                      d.shape = YP_DATE_SHAPE_MILLISECOND;
                    }
                }
              if (*p == 'Z')
                {
                  p++;
                  d.has_offset = TRUE;
                }
              else if (*p == '+' || *p == '-')
                {
                  int sign = *p == '-' ? -1 : 1;
                  int oh, om;

                  p++;
                  if (!read_digits (&p, 2, &oh) || *p != ':' || oh > 14)
                    return fail (error, text, "bad offset");
                  p++;
                  if (!read_digits (&p, 2, &om) || om > 59)
                    return fail (error, text, "bad offset");
                  d.has_offset = TRUE;
                  d.offset_seconds = sign * (oh * 3600 + om * 60);
                }
            }
        }
    }
  if (*p != '\0')
    return fail (error, text, "unexpected text after the date");

  *out = d;
  return TRUE;
}

char *
yp_date_to_string (const YpDate *date)
{
  GString *s = g_string_new (NULL);

  g_return_val_if_fail (date != NULL, NULL);

  if (date->year < 0)
    g_string_append_printf (s, "%" G_GINT64_FORMAT, date->year);
  else
    g_string_append_printf (s, "%04" G_GINT64_FORMAT, date->year);
  if (date->shape >= YP_DATE_SHAPE_MONTH)
    g_string_append_printf (s, "-%02d", date->month);
  if (date->shape >= YP_DATE_SHAPE_DAY)
    g_string_append_printf (s, "-%02d", date->day);
  if (date->shape >= YP_DATE_SHAPE_MINUTE)
    g_string_append_printf (s, "T%02d:%02d", date->hour, date->minute);
  if (date->shape >= YP_DATE_SHAPE_SECOND)
    g_string_append_printf (s, ":%02d", date->second);
  if (date->shape >= YP_DATE_SHAPE_MILLISECOND)
    g_string_append_printf (s, ".%03d", date->millisecond);
  if (date->shape >= YP_DATE_SHAPE_MINUTE && date->has_offset)
    {
      int off = ABS (date->offset_seconds);

      if (date->offset_seconds == 0)
        g_string_append_c (s, 'Z');
      else
        g_string_append_printf (s, "%c%02d:%02d", date->offset_seconds < 0 ? '-' : '+',
                                off / 3600, off / 60 % 60);
    }
  return g_string_free (s, FALSE);
}

/* The Unix time of a wall-clock time in @tz. GDateTime reckons the years
 * it covers (it rounds a time inside a DST gap up to one that exists);
 * outside them the zone's rule for that instant applies to our own day
 * count. */
static gint64
local_to_unix (GTimeZone *tz,
               gint64     year,
               int        month,
               int        day,
               int        hour,
               int        minute,
               int        second)
{
  /* Normalise month overflow (the end of December is January next year;
   * the year after 1 BC is 1 AD). */
  while (month > 12)
    {
      month -= 12;
      year = year == -1 ? 1 : year + 1;
    }
  if (year >= 1 && year <= 9999)
    {
      g_autoptr(GDateTime) dt = g_date_time_new (tz, (int) year, month, day, hour, minute, second);

      return dt ? g_date_time_to_unix (dt) : 0;
    }
  else
    {
      gint64 local = yp_date_days_from_civil (year, month, day) * 86400 +
                     hour * 3600 + minute * 60 + second;
      gint interval = g_time_zone_adjust_time (tz, G_TIME_TYPE_STANDARD, &local);

      return local - g_time_zone_get_offset (tz, interval);
    }
}

void
yp_date_from_unix (gint64     time,
                   GTimeZone *tz,
                   YpDate    *out)
{
  gint32 offset = 0;
  gint64 local, days, secs;

  g_return_if_fail (out != NULL);

  if (tz != NULL)
    offset = g_time_zone_get_offset (tz, g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, time));
  /* Past the ends of a gint64 of local time nothing is a date anyway. */
  local = time > G_MAXINT64 - 86400 ? G_MAXINT64 - 86400 :
          time < G_MININT64 + 86400 ? G_MININT64 + 86400 : time + offset;
  days = yp_floor_div (local, 86400);
  secs = local - days * 86400;

  memset (out, 0, sizeof *out);
  out->shape = YP_DATE_SHAPE_SECOND;
  yp_date_civil_from_days (days, &out->year, &out->month, &out->day);
  out->hour = (int) (secs / 3600);
  out->minute = (int) (secs / 60 % 60);
  out->second = (int) (secs % 60);
}

/* GLib makes a zone for an offset from its name, "+09:00", formatted and
 * parsed again each time: that was a third of the time dates took in a
 * first import, where every event has its offset. The zones are kept,
 * one per offset seen (offsets are whole minutes within a day). */
static GTimeZone *
offset_zone (gint32 seconds)
{
  static GMutex lock;
  static GHashTable *zones;
  GTimeZone *tz;

  g_mutex_lock (&lock);
  if (zones == NULL)
    zones = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_time_zone_unref);
  tz = g_hash_table_lookup (zones, GINT_TO_POINTER (seconds));
  if (tz == NULL)
    {
      tz = g_time_zone_new_offset (seconds);
      g_hash_table_insert (zones, GINT_TO_POINTER (seconds), tz);
    }
  tz = g_time_zone_ref (tz);
  g_mutex_unlock (&lock);
  return tz;
}

void
yp_date_get_range (const YpDate *date,
                   GTimeZone    *tz,
                   gint64       *start,
                   gint64       *end)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GTimeZone) fixed = NULL;
  gint64 s = 0, e = 0;

  g_return_if_fail (date != NULL);

  if (tz == NULL)
    tz = utc;
  if (date->has_offset)
    {
      fixed = offset_zone (date->offset_seconds);
      tz = fixed;
    }

  switch (date->shape)
    {
    case YP_DATE_SHAPE_YEAR:
      s = local_to_unix (tz, date->year, 1, 1, 0, 0, 0);
      e = local_to_unix (tz, date->year, 13, 1, 0, 0, 0);
      break;
    case YP_DATE_SHAPE_MONTH:
      s = local_to_unix (tz, date->year, date->month, 1, 0, 0, 0);
      e = local_to_unix (tz, date->year, date->month + 1, 1, 0, 0, 0);
      break;
    case YP_DATE_SHAPE_DAY:
      {
        /* Days are stepped on the calendar, so a 23- or 25-hour day is right. */
        gint64 ny;
        int nm, nd;

        yp_date_civil_from_days (yp_date_days_from_civil (date->year, date->month, date->day) + 1,
                                 &ny, &nm, &nd);
        s = local_to_unix (tz, date->year, date->month, date->day, 0, 0, 0);
        e = ny > 9999 ? s + 86400 : local_to_unix (tz, ny, nm, nd, 0, 0, 0);
      }
      break;
    case YP_DATE_SHAPE_MINUTE:
      s = local_to_unix (tz, date->year, date->month, date->day, date->hour, date->minute, 0);
      e = s + 60;
      break;
    case YP_DATE_SHAPE_SECOND:
    case YP_DATE_SHAPE_MILLISECOND:
    default:
      s = local_to_unix (tz, date->year, date->month, date->day, date->hour, date->minute, date->second);
      e = s + 1;
      break;
    }

  if (start)
    *start = s;
  if (end)
    *end = e;
}

gboolean
yp_precision_from_string (const char  *text,
                          YpPrecision *out)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (precision_names); i++)
    {
      if (strcmp (text, precision_names[i]) == 0)
        {
          *out = (YpPrecision) i;
          return TRUE;
        }
    }
  return FALSE;
}

const char *
yp_precision_to_string (YpPrecision precision)
{
  if ((guint) precision < G_N_ELEMENTS (precision_names))
    return precision_names[precision];
  return "exact";
}

GTimeZone *
yp_time_zone_new (const char *identifier)
{
  if (identifier == NULL || *identifier == '\0' || g_str_equal (identifier, "UTC"))
    return g_time_zone_new_utc ();
  return g_time_zone_new_identifier (identifier);
}
