/* test-format.c: dates of any year as the UI names them, in English
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "yp-format.h"

static void
test_years (void)
{
  static const struct { gint64 year; const char *text; } cases[] = {
    { 2023, "2023" },
    { 1, "1" },
    { -1, "1 BC" },
    { -3500, "3500 BC" },
    { -99999, "99999 BC" },
    { -100000, "100,000 years ago" },
    { -250000, "250,000 years ago" },
    { -1000000, "1 million years ago" },
    { -1500000, "1.5 million years ago" },
    { -66000000, "66 million years ago" },
    { G_GINT64_CONSTANT (-4540000000), "4.5 billion years ago" },
    { G_GINT64_CONSTANT (-13800000000), "13.8 billion years ago" },
    { YP_DATE_YEAR_MIN, "100 billion years ago" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = yp_format_year (cases[i].year);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

/* The card's date: as written, in words, for any year, with seconds and
 * milliseconds when the file gives them. */
static void
test_written_dates (void)
{
  static const struct { const char *written; YpPrecision precision; const char *text; } cases[] = {
    { "-44-03-15", YP_PRECISION_DAY, "15 March 44 BC" },
    { "-3500", YP_PRECISION_APPROXIMATE, "about 3500 BC" },
    { "-753-04", YP_PRECISION_MONTH, "April 753 BC" },
    { "-13800000000", YP_PRECISION_APPROXIMATE, "about 13.8 billion years ago" },
    { "2023-11-17", YP_PRECISION_DAY, "17 November 2023" },
    { "2009-08-16T20:35:09", YP_PRECISION_EXACT, "16 August 2009, 20:35:09 (time zone not stated)" },
    { "2023-11-17T07:08", YP_PRECISION_EXACT, "17 November 2023, 07:08 (time zone not stated)" },
    { "2023-11-17T07:08:56.250Z", YP_PRECISION_EXACT, "17 November 2023, 07:08:56.250 (UTC+0)" },
    { "2023-11-17T07:08:56.253Z", YP_PRECISION_EXACT, "17 November 2023, 07:08:56.253 (UTC+0)" },
    { "2023-11-17T07:08:56.007+09:00", YP_PRECISION_EXACT, "17 November 2023, 07:08:56.007 (UTC+9)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = yp_format_written_date (cases[i].written, NULL, cases[i].precision);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_axis_labels (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  static const struct { const char *date; YpTickLabelKind kind; gboolean first; const char *text; } cases[] = {
    { "-3500", YP_TICK_LABEL_YEAR, FALSE, "3500 BC" },
    { "-1", YP_TICK_LABEL_YEAR, FALSE, "1 BC" },
    { "0001", YP_TICK_LABEL_YEAR, FALSE, "1" },
    { "-44-03", YP_TICK_LABEL_MONTH, FALSE, "March 44 BC" },
    { "-44-03-15", YP_TICK_LABEL_DAY, TRUE, "15 March 44 BC" },
    { "-1000000", YP_TICK_LABEL_YEAR, FALSE, "1 million years ago" },
    { "-13800000000", YP_TICK_LABEL_YEAR, FALSE, "13.8 billion years ago" },
    { "2024-03", YP_TICK_LABEL_MONTH, FALSE, "March 2024" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = NULL;
      gint64 start;
      YpDate d;

      g_assert_true (yp_date_parse (cases[i].date, &d, NULL));
      yp_date_get_range (&d, utc, &start, NULL);
      text = yp_format_axis_label (cases[i].kind, start, 0, utc, cases[i].first);
      g_assert_cmpstr (text, ==, cases[i].text);
    }

  /* A millisecond tick names its milliseconds, first or not. */
  for (int first = 0; first <= 1; first++)
    {
      g_autofree char *text = yp_format_axis_label (YP_TICK_LABEL_MILLISECOND, 1721995201, 5, utc, first);

      g_assert_cmpstr (text, ==, "12:00:01.005");
    }
  /* A whole second among them is written as a second. */
  for (int first = 0; first <= 1; first++)
    {
      g_autofree char *text = yp_format_axis_label (YP_TICK_LABEL_MILLISECOND, 1721995230, 0, utc, first);

      g_assert_cmpstr (text, ==, "12:00:30");
    }
}

/* The breaks of the story axis over cosmological gaps: a count of years
 * past a guint must not wrap ("4204858166 years" was seen). */
static void
test_year_count (void)
{
  static const struct { gint64 years; const char *text; } cases[] = {
    { 1, "1 year" },
    { 14, "14 years" },
    { 999999, "999999 years" },
    { 3200000, "3.2 million years" },
    { G_GINT64_CONSTANT (4204858166), "4.2 billion years" },
    { G_GINT64_CONSTANT (9800000000), "9.8 billion years" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = yp_format_year_count (cases[i].years);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/format/years", test_years);
  g_test_add_func ("/format/year-count", test_year_count);
  g_test_add_func ("/format/written-dates", test_written_dates);
  g_test_add_func ("/format/axis-labels", test_axis_labels);
  return g_test_run ();
}
