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
} YpDateShape;

/* A date as written in a file: "2023", "2023-11", "2023-11-17",
 * "2023-11-17T07:08", "2023-11-17T07:08:56", the last two optionally with
 * "Z" or an offset "+09:00". */
typedef struct {
  YpDateShape shape;
  int year, month, day, hour, minute, second;
  gboolean has_offset;
  int offset_seconds;
} YpDate;

gboolean     yp_date_parse             (const char   *text,
                                        YpDate       *out,
                                        GError      **error);
/* The instants the date covers: [start, end) in Unix seconds, reckoned in
 * @tz (NULL = UTC) unless the date carries its own offset. */
void         yp_date_get_range         (const YpDate *date,
                                        GTimeZone    *tz,
                                        gint64       *start,
                                        gint64       *end);
gboolean     yp_precision_from_string  (const char   *text,
                                        YpPrecision  *out);
const char  *yp_precision_to_string    (YpPrecision   precision);
/* NULL, "" or "UTC" give UTC; an unknown identifier returns NULL. */
GTimeZone   *yp_time_zone_new          (const char   *identifier);

G_END_DECLS
