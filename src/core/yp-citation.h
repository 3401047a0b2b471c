/* yp-citation.h: a verbatim passage of a source that supports an event
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define YP_TYPE_CITATION (yp_citation_get_type ())

G_DECLARE_FINAL_TYPE (YpCitation, yp_citation, YP, CITATION, GObject)

/* A citation as an event stores it: no object of its own, the strings
 * shared with the rest of the record. What yp_event_get_citation_info()
 * returns is owned by the event. */
typedef struct {
  const char *source_id;
  const char *quote;
  guint       body_start;
  guint       body_end;
  guint       raw_start;
  guint       raw_end;
} YpCitationInfo;

/* Offsets are in characters, [start, end), resolved once when the cache is
 * built: in the article body shown by the reading pane and in the raw file. */
YpCitation *yp_citation_new              (const char *source_id,
                                          const char *quote,
                                          guint       body_start,
                                          guint       body_end,
                                          guint       raw_start,
                                          guint       raw_end);
YpCitation *yp_citation_new_from_info    (const YpCitationInfo *info);
const char *yp_citation_get_source_id    (YpCitation *self);
const char *yp_citation_get_quote        (YpCitation *self);
guint       yp_citation_get_body_start   (YpCitation *self);
guint       yp_citation_get_body_end     (YpCitation *self);
guint       yp_citation_get_raw_start    (YpCitation *self);
guint       yp_citation_get_raw_end      (YpCitation *self);

G_END_DECLS
