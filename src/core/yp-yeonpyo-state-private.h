/* yp-yeonpyo-state-private.h: what the three files of the Yeonpyo reader
 * share: the state of one load, and the field readers that know the
 * format's rules (ids, bilingual texts, dates, time zones, precisions)
 *
 * yp-yeonpyo-reader.c reads the document (sections, actors, eras, events,
 * streaming), yp-yeonpyo-sources.c a source and its article file,
 * yp-yeonpyo-fields.c the fields. Nothing outside them includes this.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "yp-event-sink.h"
#include "yp-reader-private.h"
#include "yp-str-pool.h"

G_BEGIN_DECLS

typedef struct {
  YpReader    r;
  char       *base_dir;  /* sources' files are relative to this */
  GPtrArray  *inputs;
  GHashTable *failed_sources;  /* ids of sources given but not loaded */
  GHashTable *zones;           /* name -> GTimeZone: GLib re-reads the zone
                                * file for every new one, which dominated
                                * loading large timelines */
  YpStrPool  *pool;            /* the events' strings */
  YpJsonTree *tree;            /* the element being read */
  GArray     *citations;       /* YpCitationInfo: an event's, reused */
  GPtrArray  *actor_ids;       /* an event's, reused */
  YpJsonTree *top_tree;        /* the top-level object */
  const YpJsonValue *top;
  YpEventSink *sink;           /* may be NULL; its progress() follows the events */
} YpYeonpyoState;

/* Each field reader reports what is wrong at the member's path and
 * returns NULL or FALSE for it. */

/* The member "id": a valid id, not in @seen (id -> path), if not NULL. */
const char *yp_yeonpyo_get_id          (YpYeonpyoState    *loader,
                                        const YpJsonValue *object,
                                        const char        *path,
                                        GHashTable        *seen);
/* A bilingual text {"ko": …, "en": …}. @required: both languages must be
 * there. Its strings are borrowed from @object. */
gboolean    yp_yeonpyo_get_text        (YpYeonpyoState    *loader,
                                        const YpJsonValue *object,
                                        const char        *path,
                                        const char        *name,
                                        gboolean           required,
                                        YpText            *out);
/* A date member: its text in *@text_out (NULL when absent or refused). */
gboolean    yp_yeonpyo_get_date        (YpYeonpyoState    *loader,
                                        const YpJsonValue *object,
                                        const char        *path,
                                        const char        *name,
                                        gboolean           required,
                                        const char       **text_out,
                                        YpDate            *out);
/* The member "timezone", UTC when absent; NULL when unknown. */
GTimeZone  *yp_yeonpyo_get_timezone    (YpYeonpyoState    *loader,
                                        const YpJsonValue *object,
                                        const char        *path,
                                        const char       **name_out);
gboolean    yp_yeonpyo_get_precision   (YpYeonpyoState    *loader,
                                        const YpJsonValue *object,
                                        const char        *path,
                                        const char        *name,
                                        YpPrecision       *out);
/* The precision must agree with what the date spells out. */
gboolean    yp_yeonpyo_check_precision_shape (YpYeonpyoState *loader,
                                              const char     *path,
                                              YpPrecision     precision,
                                              const YpDate   *date,
                                              const char     *date_text);

/* Source @position of the "sources" array, at @object: a YpSource, or NULL
 * with its problems reported. @seen maps the ids read so far to paths. */
gpointer    yp_yeonpyo_read_source     (YpYeonpyoState    *loader,
                                        const YpJsonValue *object,
                                        const char        *path,
                                        guint              position,
                                        GHashTable        *seen);

G_END_DECLS
