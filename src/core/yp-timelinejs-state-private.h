/* yp-timelinejs-state-private.h: what the three files of the TimelineJS
 * reader share: the state of one load, and the field readers that map a
 * slide's parts (dates, texts, media) onto Yeonpyo's
 *
 * yp-timelinejs.c walks the document (ids, the slides' order, streaming
 * to a sink), yp-timelinejs-slides.c makes a slide, an era or the title
 * into the record's objects, yp-timelinejs-fields.c reads the fields.
 * Nothing outside them includes this.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "yp-event-sink.h"
#include "yp-reader-private.h"
#include "yp-str-pool.h"

G_BEGIN_DECLS

/* What becomes of a slide that loads. */
typedef enum {
  YP_TLJS_EMIT_EVENT,   /* an event, kept in the record */
  YP_TLJS_EMIT_SINK,    /* handed to the sink, in the record's order */
  YP_TLJS_EMIT_NONE,    /* nothing yet: the slides come again in order */
} YpTljsEmit;

/* A slide that loaded: where it goes in the record's order. */
typedef struct {
  gint64 anchor;
  guint  index;
} YpTljsSlideKey;

typedef struct {
  YpReader     r;
  char        *file_name;     /* its base name, the sources' "file" */
  const char  *timeline_title;
  YpStrPool   *pool;          /* the events' strings */
  YpTljsEmit   emit;
  YpEventSink *sink;
  gboolean     make_sources;  /* FALSE when the slides are read again */
  gboolean     hand_sources;  /* the sources go to @sink's source() */
  GError      *sink_error;    /* the sink stopped the load */
} YpTljsReader;

/* A TimelineJS date object, read. */
typedef struct {
  YpDate  date;
  char   *text;     /* as a Yeonpyo date: "2019", "2019-03", "2019-03-05T14:00" */
  char   *display;  /* its display_date, or NULL */
} YpTljsDate;

/* A TimelineJS text object, as plain text. */
typedef struct {
  char *headline;   /* one line, NULL when missing or blank */
  char *text;       /* lines, NULL when missing or blank */
} YpTljsText;

typedef struct {
  char *caption;      /* lines */
  char *credit;       /* one line */
  char *url;          /* a web address */
  char *markup_text;  /* lines: the text of a medium given as markup */
} YpTljsMedia;

/* The members a slide may have. */
extern const char *yp_tljs_slide_members[];

/* Fields (yp-timelinejs-fields.c). Each reports what is wrong at the
 * member's path. */

void         yp_tljs_date_clear     (YpTljsDate   *date);
void         yp_tljs_text_clear     (YpTljsText   *text);
void         yp_tljs_media_clear    (YpTljsMedia  *media);
/* The string member @name, or NULL when absent, null or (reported with
 * @severity) not a string. */
char        *yp_tljs_dup_string     (YpTljsReader *reader,
                                     JsonObject   *object,
                                     const char   *path,
                                     const char   *name,
                                     YpSeverity    severity);
/* The object member @name of @parent at @path, its members checked
 * against @allowed; NULL when absent or null, or when not an object:
 * reported with @severity as "is …; @wanted is required" (", so it is
 * ignored" for a warning). */
JsonObject  *yp_tljs_get_object     (YpTljsReader *reader,
                                     JsonObject   *parent,
                                     const char   *path,
                                     const char   *name,
                                     const char  **allowed,
                                     YpSeverity    severity,
                                     const char   *wanted);
/* Plain text of an HTML member on one line, NULL when blank. */
char        *yp_tljs_one_line       (const char   *html);
/* The first words of the first line of @text, for a title. */
char        *yp_tljs_first_words    (const char   *text);
/* @unique_id fit for the app's id rules, or NULL when nothing is left. */
char        *yp_tljs_sanitise_id    (const char   *unique_id);
/* "ko" when @text holds Hangul, else "en". */
const char  *yp_tljs_guess_language (const char   *text);
/* A date object; FALSE when it has errors (reported). */
gboolean     yp_tljs_read_date      (YpTljsReader *reader,
                                     JsonNode     *node,
                                     const char   *path,
                                     YpTljsDate   *out);
/* An end_date whose members are all blank: no end. */
gboolean     yp_tljs_date_is_blank  (JsonNode     *node);
YpPrecision  yp_tljs_precision_of   (const YpDate *date);
void         yp_tljs_read_text      (YpTljsReader *reader,
                                     JsonObject   *slide,
                                     const char   *path,
                                     YpTljsText   *out);
void         yp_tljs_read_media     (YpTljsReader *reader,
                                     JsonObject   *slide,
                                     const char   *path,
                                     YpTljsMedia  *out);
/* "background" and "autolink": checked, unused. */
void         yp_tljs_read_extras    (YpTljsReader *reader,
                                     JsonObject   *slide,
                                     const char   *path);

/* Slides, eras, the title (yp-timelinejs-slides.c). */

/* Where a slide starting at @start is placed: at the start of a day or
 * an instant, in the middle of a month or a year. */
gint64       yp_tljs_slide_anchor   (const YpDate *start);

/* Reads slide @position at @path, with the id @id: the event when the
 * slide is kept in the record (@reader->emit), else NULL; with
 * @reader->make_sources, its source goes to @sink's source() when
 * @reader->hand_sources, else to @sources. */
YpEvent     *yp_tljs_read_slide     (YpTljsReader *reader,
                                     JsonObject   *slide,
                                     const char   *path,
                                     guint         position,
                                     const char   *id,
                                     GPtrArray    *sources);
/* Era @index, or NULL when it has errors (reported). */
YpEra       *yp_tljs_read_era       (YpTljsReader *reader,
                                     JsonObject   *object,
                                     const char   *path,
                                     guint         index);
/* The title slide's headline or first words, or NULL. */
char        *yp_tljs_read_title     (YpTljsReader *reader,
                                     JsonObject   *root);
/* "scale": checked; both scales read alike. */
void         yp_tljs_read_scale     (YpTljsReader *reader,
                                     JsonObject   *root);

G_END_DECLS
