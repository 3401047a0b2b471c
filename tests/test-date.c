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
  g_test_add_func ("/date/ranges", test_ranges);
  g_test_add_func ("/date/time-zones", test_time_zones);
  g_test_add_func ("/date/precision-names", test_precision_names);
  return g_test_run ();
}
