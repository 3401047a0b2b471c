/* yp-export.h: the timeline as an image (PNG, SVG), an event as citable text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "yp-record.h"
#include "yp-timeline.h"

G_BEGIN_DECLS

/* The font the SVG names; the screen's own font is measured for sizes. */
#define YP_EXPORT_SVG_FONT_FAMILY "Cantarell, 'Noto Sans CJK KR', sans-serif"

/* What is on screen, rendered by the window's renderer at @scale (1, 2, 3…):
 * the PNG is the timeline's size × @scale. The timeline must be realized
 * and drawn. */
gboolean  yp_export_timeline_png      (YpTimeline      *timeline,
                                       const char      *path,
                                       double           scale,
                                       GError         **error);
/* An SVG 1.1 document of what the last frame drew (yp_timeline_dup_frame):
 * bands, axis, marks and labels as shapes and real text. Its width and
 * height are the frame's size × @scale, its viewBox the frame's size. */
gboolean  yp_export_timeline_svg      (YpTimeline      *timeline,
                                       const char      *path,
                                       double           scale,
                                       GError         **error);
/* The same document as a string, for a frame and a font size in pixels.
 * @timeline (may be NULL) is only used to measure which labels the screen
 * had to shorten, and for the document's title. */
char     *yp_export_frame_to_svg      (const YpTimelineFrame *frame,
                                       YpTimeline      *timeline,
                                       double           scale);
/* @text as XML character data or attribute value: & < > " ' escaped,
 * tabs and line breaks made spaces, other control characters and
 * invalid UTF-8 replaced by U+FFFD. */
char     *yp_export_escape_xml        (const char      *text);
/* "yeonpyo-2023-11-16.png": the visible start (local time) and @extension. */
char     *yp_export_suggest_filename  (YpTimeline      *timeline,
                                       const char      *extension);
/* Plain text for the clipboard: the date in words (with how it was worked
 * out, if approximate), the title and summary in @lang, then each cited
 * source once (outlet, headline, date) with the quotes taken from it,
 * verbatim, and a credit line. */
char     *yp_export_citation_text     (YpRecord        *record,
                                       YpEvent         *event,
                                       YpLang           lang);

G_END_DECLS
