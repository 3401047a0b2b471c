/* yp-source.h: one source article
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "yp-date.h"
#include "yp-types.h"

G_BEGIN_DECLS

/* One line of the file that is part of the article body: where it starts
 * in the file and in the body text, in characters. */
typedef struct {
  guint raw_start;
  guint body_start;
  guint length;
} YpSegment;

/* Everything a source is made of; the strings are copied. */
typedef struct {
  const char  *id;
  const char  *file;            /* as written in the timeline file */
  YpText       outlet;
  YpText       outlet_note;
  const char  *title;
  const char  *author;
  const char  *published;       /* as written, NULL if not given */
  YpPrecision  published_precision;
  const char  *timezone;
  gint64       published_start; /* Unix seconds, valid when published != NULL */
  YpText       published_note;
  const char  *language;
  const char  *raw_text;        /* the whole seed file */
  const char  *body_text;       /* the article body: non-empty body lines joined by \n */
  const YpSegment *segments;
  guint        n_segments;
} YpSourceInfo;

#define YP_TYPE_SOURCE (yp_source_get_type ())

G_DECLARE_FINAL_TYPE (YpSource, yp_source, YP, SOURCE, GObject)

YpSource        *yp_source_new                   (const YpSourceInfo *info);
const char      *yp_source_get_id                (YpSource   *self);
const char      *yp_source_get_file              (YpSource   *self);
const char      *yp_source_get_outlet            (YpSource   *self,
                                                  YpLang      lang);
const char      *yp_source_get_outlet_note       (YpSource   *self,
                                                  YpLang      lang);
/* The outlet, or failing that a short description of the site, for lists. */
const char      *yp_source_get_display_outlet    (YpSource   *self,
                                                  YpLang      lang);
const char      *yp_source_get_title             (YpSource   *self);
const char      *yp_source_get_author            (YpSource   *self);
const char      *yp_source_get_published         (YpSource   *self);
YpPrecision      yp_source_get_published_precision (YpSource *self);
const char      *yp_source_get_timezone          (YpSource   *self);
gint64           yp_source_get_published_start   (YpSource   *self);
const char      *yp_source_get_published_note    (YpSource   *self,
                                                  YpLang      lang);
const char      *yp_source_get_language          (YpSource   *self);
const char      *yp_source_get_raw_text          (YpSource   *self);
const char      *yp_source_get_body_text         (YpSource   *self);
const YpSegment *yp_source_get_segments          (YpSource   *self,
                                                  guint      *n_segments);
/* The first sentence-ish of the body, for a source without a headline. */
char            *yp_source_dup_excerpt           (YpSource   *self,
                                                  guint       max_chars);
/* Maps a character offset in the body to one in the raw file. */
guint            yp_source_body_to_raw           (YpSource   *self,
                                                  guint       body_offset);
/* The 1-based line of the raw file that holds @raw_offset. */
guint            yp_source_line_at_raw           (YpSource   *self,
                                                  guint       raw_offset);

G_END_DECLS
