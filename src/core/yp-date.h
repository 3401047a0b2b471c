/* yp-date.h: the dates of a timeline file, with their precision
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum {
  YP_PRECISION_EXACT,
  YP_PRECISION_DAY,
  YP_PRECISION_MONTH,
  YP_PRECISION_APPROXIMATE,
} YpPrecision;

typedef enum {
  YP_DATE_SHAPE_YEAR,
  YP_DATE_SHAPE_MONTH,
  YP_DATE_SHAPE_DAY,
  YP_DATE_SHAPE_MINUTE,
  YP_DATE_SHAPE_SECOND,
  YP_DATE_SHAPE_MILLISECOND,
} YpDateShape;

/* The years a date may name: from 100 billion BC (the age of the universe,
 * 13.8 billion years, with room) to 9998 AD. Year -N is N BC: there is no
 * year 0, as in historical reckoning (not ISO 8601's astronomical years).
 * In Unix seconds the earliest is about -3.2e18, inside a gint64. */
#define YP_DATE_YEAR_MIN  G_GINT64_CONSTANT (-100000000000)
#define YP_DATE_YEAR_MAX  9998

/* @a / @b rounded down (towards minus infinity, where C rounds towards
 * zero): the day of a second, the cell of a time, the era of a year. */
static inline gint64
yp_floor_div (gint64 a,
              gint64 b)
{
  gint64 q = a / b;

  if ((a % b != 0) && ((a < 0) != (b < 0)))
    q--;
  return q;
}

/* A date as written in a file: "2023", "2023-11", "2023-11-17",
 * "2023-11-17T07:08", "2023-11-17T07:08:56", "2023-11-17T07:08:56.250",
 * the last three optionally with "Z" or an offset "+09:00". A year before
 * 1 AD is written with a minus sign and as many digits as it needs:
 * "-3500" (3500 BC), "-44-03-15", "-13800000000". Years 1 to 9998 are
 * written with four digits. */
typedef struct {
  YpDateShape shape;
  gint64 year;            /* -N is N BC; never 0 */
  int month, day, hour, minute, second, millisecond;
  gboolean has_offset;
  int offset_seconds;
} YpDate;

gboolean     yp_date_parse             (const char   *text,
                                        YpDate       *out,
                                        GError      **error);
/* The instants the date covers: [start, end) in Unix seconds, reckoned in
 * @tz (NULL = UTC) unless the date carries its own offset. A date to the
 * millisecond covers the whole second it falls in. Before year 1 a zone
 * has the offset of its earliest rule (local mean time for most). */
void         yp_date_get_range         (const YpDate *date,
                                        GTimeZone    *tz,
                                        gint64       *start,
                                        gint64       *end);
/* The date written back as yp_date_parse() reads it. */
char        *yp_date_to_string         (const YpDate *date);
/* Proleptic Gregorian calendar over the whole range of years, without
 * GDateTime (which stops at year 1): days since 1970-01-01 of a date, and
 * back. @year as in YpDate (no year 0). */
gint64       yp_date_days_from_civil   (gint64        year,
                                        int           month,
                                        int           day);
void         yp_date_civil_from_days   (gint64        days,
                                        gint64       *year,
                                        int          *month,
                                        int          *day);
int          yp_date_days_in_month     (gint64        year,
                                        int           month);
/* The wall-clock date and time of the Unix time @time in @tz (NULL =
 * UTC), to the second: the shape is YP_DATE_SHAPE_SECOND, without an
 * offset. Any gint64 @time gives a date; one outside YP_DATE_YEAR_MIN to
 * YP_DATE_YEAR_MAX gives a year outside them. */
void         yp_date_from_unix         (gint64        time,
                                        GTimeZone    *tz,
                                        YpDate       *out);
gboolean     yp_precision_from_string  (const char   *text,
                                        YpPrecision  *out);
const char  *yp_precision_to_string    (YpPrecision   precision);
/* NULL, "" or "UTC" give UTC; an unknown identifier returns NULL. */
GTimeZone   *yp_time_zone_new          (const char   *identifier);

G_END_DECLS
