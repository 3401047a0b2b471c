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
               "“%s” is not a date (%s); expected YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM]",
               text, why);
  return FALSE;
}

gboolean
yp_date_parse (const char  *text,
               YpDate      *out,
               GError     **error)
{
  const char *p = text;
  YpDate d = { YP_DATE_SHAPE_YEAR, 0, 1, 1, 0, 0, 0, FALSE, 0 };

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (!read_digits (&p, 4, &d.year))
    return fail (error, text, "no four-digit year");
  /* GDateTime covers the years 1 to 9999; the end of 9999 is past it. */
  if (d.year < 1 || d.year > 9998)
    return fail (error, text, "year out of range (0001–9998)");
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
              d.day > g_date_get_days_in_month (d.month, d.year))
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

static gint64
local_to_unix (GTimeZone *tz,
               int        year,
               int        month,
               int        day,
               int        hour,
               int        minute,
               int        second)
{
  g_autoptr(GDateTime) dt = NULL;

  /* Normalise month overflow (the end of December is January next year). */
  while (month > 12)
    {
      month -= 12;
      year++;
    }
  /* GLib rounds a wall-clock time inside a DST gap up to one that exists. */
  dt = g_date_time_new (tz, year, month, day, hour, minute, second);
  return dt ? g_date_time_to_unix (dt) : 0;
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
  g_autoptr(GDateTime) first_day = NULL;
  g_autoptr(GDateTime) next_day = NULL;
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
      e = local_to_unix (tz, date->year + 1, 1, 1, 0, 0, 0);
      break;
    case YP_DATE_SHAPE_MONTH:
      s = local_to_unix (tz, date->year, date->month, 1, 0, 0, 0);
      e = local_to_unix (tz, date->year, date->month + 1, 1, 0, 0, 0);
      break;
    case YP_DATE_SHAPE_DAY:
      /* Days are stepped on the calendar, so a 23- or 25-hour day is right. */
      first_day = g_date_time_new (tz, date->year, date->month, date->day, 0, 0, 0);
      next_day = first_day ? g_date_time_add_days (first_day, 1) : NULL;
      s = first_day ? g_date_time_to_unix (first_day) : 0;
      e = next_day ? g_date_time_to_unix (next_day) : s + 86400;
      break;
    case YP_DATE_SHAPE_MINUTE:
      s = local_to_unix (tz, date->year, date->month, date->day, date->hour, date->minute, 0);
      e = s + 60;
      break;
    case YP_DATE_SHAPE_SECOND:
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
