/* test-date.c: the dates of timeline files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "yp-date.h"

static void
test_parse_shapes (void)
{
  struct { const char *text; YpDateShape shape; int y, mo, d, h, mi, s; gboolean off; int off_s; } ok[] = {
    { "2023", YP_DATE_SHAPE_YEAR, 2023, 1, 1, 0, 0, 0, FALSE, 0 },
    { "2023-11", YP_DATE_SHAPE_MONTH, 2023, 11, 1, 0, 0, 0, FALSE, 0 },
    { "2023-11-17", YP_DATE_SHAPE_DAY, 2023, 11, 17, 0, 0, 0, FALSE, 0 },
    { "2023-11-21T07:08", YP_DATE_SHAPE_MINUTE, 2023, 11, 21, 7, 8, 0, FALSE, 0 },
    { "2025-07-17T16:58:56", YP_DATE_SHAPE_SECOND, 2025, 7, 17, 16, 58, 56, FALSE, 0 },
    { "2023-11-21T07:08-07:00", YP_DATE_SHAPE_MINUTE, 2023, 11, 21, 7, 8, 0, TRUE, -25200 },
    { "2023-11-21T07:08+09:30", YP_DATE_SHAPE_MINUTE, 2023, 11, 21, 7, 8, 0, TRUE, 34200 },
    { "2024-02-29", YP_DATE_SHAPE_DAY, 2024, 2, 29, 0, 0, 0, FALSE, 0 },
    { "2023-11-21T07:08Z", YP_DATE_SHAPE_MINUTE, 2023, 11, 21, 7, 8, 0, TRUE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (ok); i++)
    {
      g_autoptr(GError) error = NULL;
      YpDate d;

      g_assert_true (yp_date_parse (ok[i].text, &d, &error));
      g_assert_no_error (error);
      g_assert_cmpint (d.shape, ==, ok[i].shape);
      g_assert_cmpint (d.year, ==, ok[i].y);
      g_assert_cmpint (d.month, ==, ok[i].mo);
      g_assert_cmpint (d.day, ==, ok[i].d);
      g_assert_cmpint (d.hour, ==, ok[i].h);
      g_assert_cmpint (d.minute, ==, ok[i].mi);
      g_assert_cmpint (d.second, ==, ok[i].s);
      g_assert_cmpint (d.has_offset, ==, ok[i].off);
      g_assert_cmpint (d.offset_seconds, ==, ok[i].off_s);
    }
}

static void
test_parse_rejects (void)
{
  const char *bad[] = {
    "", "23", "2023-13", "2023-00", "2023-02-29", "2023-11-31", "2023-11-17T24:00",
    "2023-11-17T07", "2023-11-17T07:60", "2023/11/17", "2023-11-17 07:08", "17 Nov 2023",
    "2023-11-17T07:08+1", "2023-11-17T07:08+15:00", "2023-1", "2023-11-7", "２０２３",
    "2023-11-17T07:08:60", "2023-11-17x", "0000", "0000-02-29", "9999", "9999-12-31",
    "-", "-0", "-0000", "-100000000001", "-1000000000000", "-44-02-29", "-3500-13",
    "2023-11-17T07:08:56.25", "2023-11-17T07:08:56.", "2023-11-17T07:08.250", "+2023",
    "- 44", "-44 BC",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      YpDate d;

      g_test_message ("%s", bad[i]);
      g_assert_false (yp_date_parse (bad[i], &d, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
      g_assert_nonnull (strstr (error->message, bad[i]));
    }
}

/* Years before 1 AD: a minus sign and as many digits as the year needs,
 * historical numbering (-1 is 1 BC, no year 0); milliseconds after the
 * seconds. Each is written back as it was read. */
static void
test_parse_far_years_and_milliseconds (void)
{
  struct { const char *text; YpDateShape shape; gint64 y; int mo, d, ms; } ok[] = {
    { "-1", YP_DATE_SHAPE_YEAR, -1, 1, 1, 0 },
    { "-3500", YP_DATE_SHAPE_YEAR, -3500, 1, 1, 0 },
    { "-44-03-15", YP_DATE_SHAPE_DAY, -44, 3, 15, 0 },
    { "-45-02-29", YP_DATE_SHAPE_DAY, -45, 2, 29, 0 },   /* 45 BC is astronomical -44, a leap year */
    { "-13800000000", YP_DATE_SHAPE_YEAR, G_GINT64_CONSTANT (-13800000000), 1, 1, 0 },
    { "-100000000000", YP_DATE_SHAPE_YEAR, YP_DATE_YEAR_MIN, 1, 1, 0 },
    { "2023-11-17T07:08:56.250", YP_DATE_SHAPE_MILLISECOND, 2023, 11, 17, 250 },
    { "2023-11-17T07:08:56.007Z", YP_DATE_SHAPE_MILLISECOND, 2023, 11, 17, 7 },
    { "2023-11-17T07:08:56.999+09:00", YP_DATE_SHAPE_MILLISECOND, 2023, 11, 17, 999 },
    { "-500-06-01T12:00", YP_DATE_SHAPE_MINUTE, -500, 6, 1, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (ok); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *back = NULL;
      YpDate d;

      g_test_message ("%s", ok[i].text);
      g_assert_true (yp_date_parse (ok[i].text, &d, &error));
      g_assert_no_error (error);
      g_assert_cmpint (d.shape, ==, ok[i].shape);
      g_assert_cmpint (d.year, ==, ok[i].y);
      g_assert_cmpint (d.month, ==, ok[i].mo);
      g_assert_cmpint (d.day, ==, ok[i].d);
      g_assert_cmpint (d.millisecond, ==, ok[i].ms);
      back = yp_date_to_string (&d);
      g_assert_cmpstr (back, ==, ok[i].text);
    }
}

/* The calendar arithmetic that replaces GDateTime before year 1: it
 * agrees with GLib where both reckon, and holds over 400-year cycles down
 * to the age of the universe. */
static void
test_civil_arithmetic (void)
{
  const gint64 ad1 = G_GINT64_CONSTANT (-62135596800) / 86400;   /* 0001-01-01 */
  gint64 y;
  int m, d;

  g_assert_cmpint (yp_date_days_from_civil (1970, 1, 1), ==, 0);
  g_assert_cmpint (yp_date_days_from_civil (1, 1, 1), ==, ad1);
  /* 1 BC is a leap year (astronomical 0). */
  g_assert_cmpint (yp_date_days_from_civil (-1, 1, 1), ==, ad1 - 366);
  g_assert_cmpint (yp_date_days_in_month (-1, 2), ==, 29);
  g_assert_cmpint (yp_date_days_in_month (-2, 2), ==, 28);
  g_assert_cmpint (yp_date_days_in_month (-5, 2), ==, 29);
  /* 400 BC starts one 400-year cycle (146097 days) before 1 AD, and
   * 13.8 billion BC 34.5 million cycles before it. */
  g_assert_cmpint (yp_date_days_from_civil (-400, 1, 1), ==, ad1 - 146097);
  g_assert_cmpint (yp_date_days_from_civil (G_GINT64_CONSTANT (-13800000000), 1, 1), ==,
                   ad1 - G_GINT64_CONSTANT (34500000) * 146097);

  for (gint64 day = -800000; day <= 800000; day += 37)
    {
      yp_date_civil_from_days (day, &y, &m, &d);
      g_assert_cmpint (y, !=, 0);
      g_assert_cmpint (yp_date_days_from_civil (y, m, d), ==, day);
      if (y >= 1 && y <= 9999)
        {
          GDate gd;

          g_date_clear (&gd, 1);
          g_date_set_julian (&gd, (guint32) (day + 719163));
          g_assert_cmpint (g_date_get_year (&gd), ==, y);
          g_assert_cmpint (g_date_get_month (&gd), ==, m);
          g_assert_cmpint (g_date_get_day (&gd), ==, d);
        }
    }
  yp_date_civil_from_days (yp_date_days_from_civil (YP_DATE_YEAR_MIN, 1, 1), &y, &m, &d);
  g_assert_cmpint (y, ==, YP_DATE_YEAR_MIN);
  g_assert_cmpint (m, ==, 1);
  g_assert_cmpint (d, ==, 1);
}

static void
test_far_ranges (void)
{
  g_autoptr(GTimeZone) seoul = yp_time_zone_new ("Asia/Seoul");
  const gint64 ad1 = G_GINT64_CONSTANT (-62135596800);
  gint64 s, e, s2, e2;
  YpDate d;
  YpDate back;

  /* 1 BC ends where 1 AD starts, and is 366 days long. */
  g_assert_true (yp_date_parse ("-1", &d, NULL));
  yp_date_get_range (&d, NULL, &s, &e);
  g_assert_cmpint (e, ==, ad1);
  g_assert_cmpint (e - s, ==, 366 * 86400);

  g_assert_true (yp_date_parse ("-13800000000", &d, NULL));
  yp_date_get_range (&d, NULL, &s, &e);
  g_assert_cmpint (s, ==, ad1 - G_GINT64_CONSTANT (34500000) * 146097 * 86400);
  g_assert_cmpint (e - s, ==, 365 * 86400);
  yp_date_from_unix (s, NULL, &back);
  g_assert_cmpint (back.year, ==, G_GINT64_CONSTANT (-13800000000));
  g_assert_cmpint (back.month, ==, 1);
  g_assert_cmpint (back.day, ==, 1);

  g_assert_true (yp_date_parse ("-100000000000", &d, NULL));
  yp_date_get_range (&d, NULL, &s, &e);
  g_assert_cmpint (s, <, e);
  g_assert_cmpint (s, <, G_GINT64_CONSTANT (-3000000000000000000));

  /* A zone's earliest rule applies before year 1; an offset wins. */
  g_assert_true (yp_date_parse ("-44-03-15", &d, NULL));
  yp_date_get_range (&d, NULL, &s, &e);
  yp_date_get_range (&d, seoul, &s2, &e2);
  g_assert_cmpint (e - s, ==, 86400);
  g_assert_cmpint (e2 - s2, ==, 86400);
  g_assert_cmpint (s2, <, s);
  g_assert_cmpint (s - s2, <=, 9 * 3600);
  yp_date_from_unix (s2, seoul, &back);
  g_assert_cmpint (back.year, ==, -44);
  g_assert_cmpint (back.month, ==, 3);
  g_assert_cmpint (back.day, ==, 15);
  g_assert_cmpint (back.hour, ==, 0);
  g_assert_true (yp_date_parse ("-44-03-15T12:00+01:00", &d, NULL));
  yp_date_get_range (&d, seoul, &s2, &e2);
  g_assert_cmpint (s2, ==, s + 11 * 3600);
  g_assert_cmpint (e2 - s2, ==, 60);

  /* Milliseconds: the second they fall in. */
  g_assert_true (yp_date_parse ("2023-11-17T07:08:56.250Z", &d, NULL));
  yp_date_get_range (&d, seoul, &s, &e);
  g_assert_cmpint (s, ==, 1700204936);
  g_assert_cmpint (e - s, ==, 1);
}

static gint64
range_len (const char *text,
           const char *tz_name)
{
  g_autoptr(GTimeZone) tz = yp_time_zone_new (tz_name);
  gint64 s, e;
  YpDate d;

  g_assert_true (yp_date_parse (text, &d, NULL));
  yp_date_get_range (&d, tz, &s, &e);
  return e - s;
}

static void
test_ranges (void)
{
  g_autoptr(GTimeZone) la = yp_time_zone_new ("America/Los_Angeles");
  g_autoptr(GTimeZone) seoul = yp_time_zone_new ("Asia/Seoul");
  gint64 s, e;
  YpDate d;

  /* 17 Nov 2023 in California starts at 08:00 UTC (PST, UTC-8). */
  g_assert_true (yp_date_parse ("2023-11-17", &d, NULL));
  yp_date_get_range (&d, la, &s, &e);
  g_assert_cmpint (s, ==, 1700208000);
  g_assert_cmpint (e - s, ==, 86400);
  /* ... and in Seoul at 15:00 UTC the day before. */
  yp_date_get_range (&d, seoul, &s, &e);
  g_assert_cmpint (s, ==, 1700146800);

  /* An explicit offset wins over the zone. */
  g_assert_true (yp_date_parse ("2023-11-21T07:08-07:00", &d, NULL));
  yp_date_get_range (&d, seoul, &s, &e);
  g_assert_cmpint (s, ==, 1700575680);
  g_assert_cmpint (e - s, ==, 60);

  /* Calendar days across DST changes are 25 and 23 hours long. */
  g_assert_cmpint (range_len ("2023-11-05", "America/Los_Angeles"), ==, 25 * 3600);
  g_assert_cmpint (range_len ("2024-03-10", "America/Los_Angeles"), ==, 23 * 3600);
  g_assert_cmpint (range_len ("2023-11-05", "Asia/Seoul"), ==, 24 * 3600);
  g_assert_cmpint (range_len ("2024-02", NULL), ==, 29 * 86400);
  g_assert_cmpint (range_len ("2023-12", NULL), ==, 31 * 86400);
  g_assert_cmpint (range_len ("2024", NULL), ==, 366 * 86400);
  g_assert_cmpint (range_len ("2025-07-17T16:58:56", NULL), ==, 1);
}

static void
test_time_zones (void)
{
  g_autoptr(GTimeZone) utc = yp_time_zone_new (NULL);
  g_autoptr(GTimeZone) utc2 = yp_time_zone_new ("UTC");
  g_autoptr(GTimeZone) bogus = yp_time_zone_new ("Mars/Olympus_Mons");

  g_assert_nonnull (utc);
  g_assert_nonnull (utc2);
  g_assert_null (bogus);
}

static void
test_precision_names (void)
{
  YpPrecision p;

  for (YpPrecision i = YP_PRECISION_EXACT; i <= YP_PRECISION_APPROXIMATE; i++)
    {
      g_assert_true (yp_precision_from_string (yp_precision_to_string (i), &p));
      g_assert_cmpint (p, ==, i);
    }
  g_assert_false (yp_precision_from_string ("Day", &p));
  g_assert_false (yp_precision_from_string (NULL, &p));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/date/parse-shapes", test_parse_shapes);
  g_test_add_func ("/date/parse-rejects", test_parse_rejects);
  g_test_add_func ("/date/parse-far-years-and-milliseconds", test_parse_far_years_and_milliseconds);
  g_test_add_func ("/date/civil-arithmetic", test_civil_arithmetic);
  g_test_add_func ("/date/ranges", test_ranges);
  g_test_add_func ("/date/far-ranges", test_far_ranges);
  g_test_add_func ("/date/time-zones", test_time_zones);
  g_test_add_func ("/date/precision-names", test_precision_names);
  return g_test_run ();
}
