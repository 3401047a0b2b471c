/* yp-format.h: dates and names as the UI shows them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <pango/pango.h>

#include "yp-date.h"
#include "yp-event.h"
#include "yp-source.h"
#include "yp-ticks.h"
#include "yp-types.h"

G_BEGIN_DECLS

/* The language of the UI: Korean when gettext picked Korean, else English. */
YpLang  yp_ui_lang              (void);
/* The language titles and summaries are shown in: the UI's, or the one
 * chosen ("ui", "ko", "en" or "both": the UI's first, then the other). */
void    yp_set_content_language (const char  *mode);
YpLang  yp_content_lang         (void);
gboolean yp_content_bilingual   (void);
/* @text[lang] of a bilingual pair, with the other language after it when
 * the content is shown in both. Free with g_free(). */
char   *yp_content_pair         (const char  *ko,
                                 const char  *en,
                                 const char  *separator);
/* "2023년 11월 17일" / "17 November 2023", at the given precision, in the
 * time zone @tz_name (NULL: the date is shown as written, zone not stated). */
char   *yp_format_instant       (gint64       unix_time,
                                 const char  *tz_name,
                                 YpPrecision  precision,
                                 gboolean     with_time);
/* A date as written in a timeline file ("2023-11", "2023-11-17T07:08-07:00"),
 * in words, with its precision and zone: "17 November 2023 (US time zone
 * America/Los_Angeles)". */
char   *yp_format_written_date  (const char  *written,
                                 const char  *tz_name,
                                 YpPrecision  precision);
/* A year as the UI names it: "2023", "3500 BC" ("기원전 3500년"), and
 * before 100,000 BC how long ago: "13.8 billion years ago" ("138억 년 전"). */
char   *yp_format_year          (gint64       year);
/* A stretch of @years as the story axis names its breaks: "14 years",
 * "1.4 billion years" ("14억 년"). */
char   *yp_format_year_count    (gint64       years);
/* The label of an axis tick at @time in @tz (and @millisecond past it,
 * which a millisecond label shows: "12:00:01.250"), for any year a date
 * can name; @first: the first label, which names the whole date. */
char   *yp_format_axis_label    (YpTickLabelKind kind,
                                 gint64       time,
                                 int          millisecond,
                                 GTimeZone   *tz,
                                 gboolean     first);
const char *yp_language_name    (const char  *bcp47);
/* "US Pacific" for America/Los_Angeles and the like; other zones as named. */
const char *yp_zone_name        (const char  *tz_name);
/* Attributes that keep each Hangul word of @text on one line, so Korean
 * wraps between words ("keep-all"), never inside them. */
PangoAttrList *yp_keep_words_attrs (const char *text);
/* An event's date in words, with its precision and time zone. */
char       *yp_format_event_date    (YpEvent     *event);
/* How many different sources cite @event. */
guint       yp_format_count_sources (YpEvent     *event);
/* What names @source in a heading: its outlet in @lang, else its
 * headline, else NULL. A placeholder ("Outlet not named") is never a
 * heading: two such sources would look alike. */
const char *yp_format_source_heading (YpSource   *source,
                                      YpLang      lang);
/* "Unconfirmed report" and the like, or NULL for a plain report. */
const char *yp_format_status        (YpEvent     *event);
const char *yp_format_category      (const char  *category);
/* A count short enough for an aggregate's disc: "999", "1.2k", "34k",
 * "1.0M". Rounded down, so a disc never claims more than it holds. */
char       *yp_format_count_short   (guint        count);

G_END_DECLS
