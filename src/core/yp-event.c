/* yp-event.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "yp-event"

#include "config.h"

#include <string.h>

#include "yp-event.h"

/* The event's own texts, packed one after the other into its block. */
enum {
  TEXT_ID,
  TEXT_DATE,
  TEXT_EARLIEST,
  TEXT_LATEST,
  TEXT_DATE_NOTE_KO,
  TEXT_DATE_NOTE_EN,
  TEXT_TITLE_KO,
  TEXT_TITLE_EN,
  TEXT_SUMMARY_KO,
  TEXT_SUMMARY_EN,
  N_TEXTS
};

#define NO_TEXT G_MAXUINT32

/* At 100,000 events every byte here is 100 kB, and each separate
 * allocation costs its malloc header too: the strings are not copied one
 * by one but packed into one block per event, laid out as
 *
 *   the texts above, each NUL-terminated (the id first, at offset 0)
 *   padding to pointer alignment, at offset tail
 *   n_citations YpCitationInfo
 *   the actor ids, NULL-terminated
 *
 * With a pool the block is taken from it and the values many events
 * share (category, era, time zone, actor and source ids, quotes) are the
 * pool's one copy; without one the block is the event's own malloc and
 * holds those values too. 160 bytes, a GSlice size class. */
struct _YpEvent
{
  GObject      parent_instance;

  YpStrPool   *pool;          /* NULL: block is ours to free */
  char        *block;
  const char  *timezone;
  const char  *category;
  const char  *era;
  const char  *status;
  const char  *publication_of;
  gint64       start;
  gint64       end;
  gint64       anchor;
  guint        position;
  guint        n_citations;
  guint32      text[N_TEXTS]; /* offsets into block, NO_TEXT for NULL */
  guint32      tail;
  guint8       precision;     /* a YpPrecision */
};

G_DEFINE_FINAL_TYPE (YpEvent, yp_event, G_TYPE_OBJECT)

/* Keep it so: one field more takes the next size class, 16 bytes an event. */
G_STATIC_ASSERT (GLIB_SIZEOF_VOID_P != 8 || sizeof (YpEvent) <= 160);

enum {
  PROP_0,
  PROP_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The YpCitation objects made by yp_event_get_citation(), as qdata: a
 * field would cost every event 8 bytes for what few of them need. */
static GQuark citation_objects_quark;

static inline const char *
text_at (YpEvent *self,
         guint    which)
{
  return self->text[which] == NO_TEXT ? NULL : self->block + self->text[which];
}

static inline YpCitationInfo *
citations_of (YpEvent *self)
{
  return (YpCitationInfo *) (self->block + self->tail);
}

static inline const char * const *
actors_of (YpEvent *self)
{
  return (const char * const *) (citations_of (self) + self->n_citations);
}

/* yp_text_get() over two of the texts. */
static inline const char *
pick (YpEvent *self,
      guint    ko,
      guint    en,
      YpLang   lang)
{
  const YpText text = { (char *) text_at (self, ko), (char *) text_at (self, en) };

  return yp_text_get (&text, lang);
}

/* Packing: the same walk over the info measures the block (block NULL)
 * and then fills it, so the two cannot disagree. */
typedef struct {
  YpStrPool *pool;
  char      *block;
  gsize      used;
} Packer;

static guint32
put_text (Packer     *p,
          const char *str)
{
  gsize len, at = p->used;

  if (str == NULL)
    return NO_TEXT;
  len = strlen (str) + 1;
  if (p->block != NULL)
    memcpy (p->block + at, str, len);
  p->used += len;
  return at;
}

/* The other language's text when both are the same, as they often are
 * in a file that gives one title for both. */
static guint32
put_text_or_same (Packer     *p,
                  const char *str,
                  const char *other,
                  guint32     other_at)
{
  if (str != NULL && other != NULL && strcmp (str, other) == 0)
    return other_at;
  return put_text (p, str);
}

static const char *
put_shared (Packer     *p,
            const char *str)
{
  guint32 at;

  if (str == NULL)
    return NULL;
  if (p->pool != NULL)
    return p->block != NULL ? yp_str_pool_intern (p->pool, str) : NULL;
  at = put_text (p, str);
  return p->block != NULL ? p->block + at : NULL;
}

/* Statuses are a closed set: point at constants, not copies. */
static const char *
put_status (Packer     *p,
            const char *status)
{
  static const char * const known[] = { "reported", "unconfirmed", "false" };

  if (status == NULL)
    return known[0];
  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    if (strcmp (status, known[i]) == 0)
      return known[i];
  return put_shared (p, status);
}

static void
place (Packer            *p,
       YpEvent           *self,
       const YpEventInfo *info,
       YpCitationInfo    *citations,
       const char       **actors)
{
  guint32 *text = self->text;

  text[TEXT_ID] = put_text (p, info->id);
  text[TEXT_DATE] = put_text (p, info->date);
  text[TEXT_EARLIEST] = put_text (p, info->earliest);
  text[TEXT_LATEST] = put_text (p, info->latest);
  text[TEXT_DATE_NOTE_KO] = put_text (p, info->date_note.ko);
  text[TEXT_DATE_NOTE_EN] = put_text_or_same (p, info->date_note.en, info->date_note.ko, text[TEXT_DATE_NOTE_KO]);
  text[TEXT_TITLE_KO] = put_text (p, info->title.ko);
  text[TEXT_TITLE_EN] = put_text_or_same (p, info->title.en, info->title.ko, text[TEXT_TITLE_KO]);
  text[TEXT_SUMMARY_KO] = put_text (p, info->summary.ko);
  text[TEXT_SUMMARY_EN] = put_text_or_same (p, info->summary.en, info->summary.ko, text[TEXT_SUMMARY_KO]);

  self->timezone = put_shared (p, info->timezone);
  self->category = put_shared (p, info->category);
  self->era = put_shared (p, info->era);
  self->status = put_status (p, info->status);
  self->publication_of = put_shared (p, info->publication_of);

  for (guint i = 0; info->actors != NULL && info->actors[i] != NULL; i++)
    {
      const char *id = put_shared (p, info->actors[i]);

      if (actors != NULL)
        actors[i] = id;
    }
  for (guint i = 0; i < info->n_citations; i++)
    {
      const char *source_id = put_shared (p, info->citations[i].source_id);
      const char *quote = put_shared (p, info->citations[i].quote);

      if (citations != NULL)
        {
          citations[i] = info->citations[i];
          citations[i].source_id = source_id;
          citations[i].quote = quote;
        }
    }
}

/* Gives @self a new block holding the strings, actors and citations of
 * @info (which may point into the old one, freed only after). */
static void
pack (YpEvent           *self,
      YpStrPool         *pool,
      const YpEventInfo *info)
{
  Packer p = { pool, NULL, 0 };
  gsize n_actors = 0, tail, size;
  char *old = self->block;
  const char **actors;

  for (; info->actors != NULL && info->actors[n_actors] != NULL; n_actors++)
    ;

  place (&p, self, info, NULL, NULL);
  tail = (p.used + G_ALIGNOF (gpointer) - 1) & ~(G_ALIGNOF (gpointer) - 1);
  if (tail >= NO_TEXT)
    g_error ("event “%s”: %" G_GSIZE_FORMAT " bytes of text is more than an event can hold",
             info->id, p.used);
  size = tail + info->n_citations * sizeof (YpCitationInfo) + (n_actors + 1) * sizeof (char *);

  p.block = pool != NULL ? yp_str_pool_alloc (pool, size) : g_malloc (size);
  p.used = 0;
  self->tail = tail;
  self->n_citations = info->n_citations;
  actors = (const char **) (p.block + tail + info->n_citations * sizeof (YpCitationInfo));
  place (&p, self, info, (YpCitationInfo *) (p.block + tail), actors);
  actors[n_actors] = NULL;
  self->block = p.block;

  if (self->pool == NULL)
    g_free (old);
}

/* An info pointing at what the event holds, to pack it again. */
static void
describe (YpEvent     *self,
          YpEventInfo *info)
{
  *info = (YpEventInfo) {
    .id = text_at (self, TEXT_ID),
    .date = text_at (self, TEXT_DATE),
    .precision = self->precision,
    .timezone = self->timezone,
    .earliest = text_at (self, TEXT_EARLIEST),
    .latest = text_at (self, TEXT_LATEST),
    .start = self->start,
    .end = self->end,
    .anchor = self->anchor,
    .date_note = { (char *) text_at (self, TEXT_DATE_NOTE_KO), (char *) text_at (self, TEXT_DATE_NOTE_EN) },
    .title = { (char *) text_at (self, TEXT_TITLE_KO), (char *) text_at (self, TEXT_TITLE_EN) },
    .summary = { (char *) text_at (self, TEXT_SUMMARY_KO), (char *) text_at (self, TEXT_SUMMARY_EN) },
    .actors = actors_of (self),
    .category = self->category,
    .era = self->era,
    .status = self->status,
    .publication_of = self->publication_of,
    .position = self->position,
    .citations = citations_of (self),
    .n_citations = self->n_citations,
  };
}

static void
yp_event_finalize (GObject *object)
{
  YpEvent *self = (YpEvent *) object;

  /* Strings handed out by the getters go with the pool's last reference,
   * which may be this one. */
  if (self->pool != NULL)
    g_clear_pointer (&self->pool, yp_str_pool_unref);
  else
    g_free (self->block);
  self->block = NULL;

  G_OBJECT_CLASS (yp_event_parent_class)->finalize (object);
}

static void
yp_event_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  YpEvent *self = YP_EVENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, text_at (self, TEXT_ID));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yp_event_class_init (YpEventClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = yp_event_finalize;
  object_class->get_property = yp_event_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  citation_objects_quark = g_quark_from_static_string ("yp-event-citation-objects");
}

static void
yp_event_init (YpEvent *self)
{
}

YpEvent *
yp_event_new_with_pool (const YpEventInfo *info,
                        YpStrPool         *pool)
{
  YpEvent *self;

  g_return_val_if_fail (info != NULL, NULL);
  g_return_val_if_fail (info->id != NULL, NULL);
  g_return_val_if_fail (info->n_citations == 0 || info->citations != NULL, NULL);

  self = g_object_new (YP_TYPE_EVENT, NULL);
  self->pool = pool != NULL ? yp_str_pool_ref (pool) : NULL;
  self->precision = info->precision;
  self->start = info->start;
  self->end = MAX (info->end, info->start);
  self->anchor = CLAMP (info->anchor, self->start, self->end);
  self->position = info->position;
  pack (self, pool, info);
  return self;
}

YpEvent *
yp_event_new (const YpEventInfo *info)
{
  return yp_event_new_with_pool (info, NULL);
}

void
yp_event_add_citation (YpEvent    *self,
                       YpCitation *citation)
{
  g_autofree YpCitationInfo *citations = NULL;
  YpEventInfo info;

  g_return_if_fail (YP_IS_EVENT (self));
  g_return_if_fail (YP_IS_CITATION (citation));

  describe (self, &info);
  citations = g_new (YpCitationInfo, info.n_citations + 1);
  if (info.n_citations > 0)
    memcpy (citations, info.citations, info.n_citations * sizeof (YpCitationInfo));
  citations[info.n_citations] = (YpCitationInfo) {
    .source_id = yp_citation_get_source_id (citation),
    .quote = yp_citation_get_quote (citation),
    .body_start = yp_citation_get_body_start (citation),
    .body_end = yp_citation_get_body_end (citation),
    .raw_start = yp_citation_get_raw_start (citation),
    .raw_end = yp_citation_get_raw_end (citation),
  };
  info.citations = citations;
  info.n_citations++;
  /* With a pool the old block stays in it, unused, until the pool goes. */
  pack (self, self->pool, &info);
}

const char *
yp_event_get_id (YpEvent *self)
{
  g_return_val_if_fail (YP_IS_EVENT (self), NULL);
  return text_at (self, TEXT_ID);
}

const char *
yp_event_get_date (YpEvent *self)
{
  g_return_val_if_fail (YP_IS_EVENT (self), NULL);
  return text_at (self, TEXT_DATE);
}

YpPrecision
yp_event_get_precision (YpEvent *self)
{
  g_return_val_if_fail (YP_IS_EVENT (self), YP_PRECISION_EXACT);
  return self->precision;
}

const char *
yp_event_get_timezone (YpEvent *self)
{
  g_return_val_if_fail (YP_IS_EVENT (self), NULL);
  return self->timezone;
}

const char *
yp_event_get_earliest (YpEvent *self)
{
  g_return_val_if_fail (YP_IS_EVENT (self), NULL);
  return text_at (self, TEXT_EARLIEST);
}

const char *
yp_event_get_latest (YpEvent *self)
{
  g_return_val_if_fail (YP_IS_EVENT (self), NULL);
  return text_at (self, TEXT_LATEST);
}

gint64
yp_event_get_start (YpEvent *self)
{
  g_return_val_if_fail (YP_IS_EVENT (self), 0);
  return self->start;
}

gint64
yp_event_get_end (YpEvent *self)
{
  g_return_val_if_fail (YP_IS_EVENT (self), 0);
  return self->end;
}

gint64
yp_event_get_anchor (YpEvent *self)
{
  g_return_val_if_fail (YP_IS_EVENT (self), 0);
  return self->anchor;
}

int
yp_event_get_anchor_millisecond (YpEvent *self)
{
  const char *text;
  YpDate date;

  g_return_val_if_fail (YP_IS_EVENT (self), 0);

  /* Read from the date as written: no event pays for a field that only
   * the few dated to the millisecond use, and only a deep zoom asks. */
  text = text_at (self, TEXT_DATE);
  if (self->anchor != self->start || text == NULL || !yp_date_parse (text, &date, NULL) ||
      date.shape != YP_DATE_SHAPE_MILLISECOND)
    return 0;
  return date.millisecond;
}

double
yp_event_get_anchor_precise (YpEvent *self)
{
  g_return_val_if_fail (YP_IS_EVENT (self), 0);
  return (double) self->anchor + yp_event_get_anchor_millisecond (self) / 1000.0;
}

const char *
yp_event_get_date_note (YpEvent *self,
                        YpLang   lang)
{
  g_return_val_if_fail (YP_IS_EVENT (self), NULL);
  return pick (self, TEXT_DATE_NOTE_KO, TEXT_DATE_NOTE_EN, lang);
}

const char *
yp_event_get_title (YpEvent *self,
                    YpLang   lang)
{
  g_return_val_if_fail (YP_IS_EVENT (self), NULL);
  return pick (self, TEXT_TITLE_KO, TEXT_TITLE_EN, lang);
}

const char *
yp_event_get_summary (YpEvent *self,
                      YpLang   lang)
{
  g_return_val_if_fail (YP_IS_EVENT (self), NULL);
  return pick (self, TEXT_SUMMARY_KO, TEXT_SUMMARY_EN, lang);
}

const char * const *
yp_event_get_actors (YpEvent *self)
{
  g_return_val_if_fail (YP_IS_EVENT (self), NULL);
  return actors_of (self);
}

const char *
yp_event_get_category (YpEvent *self)
{
  g_return_val_if_fail (YP_IS_EVENT (self), NULL);
  return self->category;
}

const char *
yp_event_get_era (YpEvent *self)
{
  g_return_val_if_fail (YP_IS_EVENT (self), NULL);
  return self->era;
}

const char *
yp_event_get_status (YpEvent *self)
{
  g_return_val_if_fail (YP_IS_EVENT (self), NULL);
  return self->status;
}

const char *
yp_event_get_publication_of (YpEvent *self)
{
  g_return_val_if_fail (YP_IS_EVENT (self), NULL);
  return self->publication_of;
}

guint
yp_event_get_position (YpEvent *self)
{
  g_return_val_if_fail (YP_IS_EVENT (self), 0);
  return self->position;
}

guint
yp_event_get_n_citations (YpEvent *self)
{
  g_return_val_if_fail (YP_IS_EVENT (self), 0);
  return self->n_citations;
}

const YpCitationInfo *
yp_event_get_citation_info (YpEvent *self,
                            guint    index)
{
  g_return_val_if_fail (YP_IS_EVENT (self), NULL);
  g_return_val_if_fail (index < self->n_citations, NULL);
  return citations_of (self) + index;
}

static void
unref_if_set (gpointer object)
{
  if (object != NULL)
    g_object_unref (object);
}

YpCitation *
yp_event_get_citation (YpEvent *self,
                       guint    index)
{
  GPtrArray *made;

  g_return_val_if_fail (YP_IS_EVENT (self), NULL);
  g_return_val_if_fail (index < self->n_citations, NULL);

  /* Made on demand: most events never show their citations, and an
   * object each would cost more than the event does. */
  made = g_object_get_qdata (G_OBJECT (self), citation_objects_quark);
  if (made == NULL)
    {
      made = g_ptr_array_new_full (self->n_citations, unref_if_set);
      g_object_set_qdata_full (G_OBJECT (self), citation_objects_quark, made,
                               (GDestroyNotify) g_ptr_array_unref);
    }
  if (made->len < self->n_citations)
    g_ptr_array_set_size (made, self->n_citations);
  if (g_ptr_array_index (made, index) == NULL)
    g_ptr_array_index (made, index) = yp_citation_new_from_info (citations_of (self) + index);
  return g_ptr_array_index (made, index);
}

int
yp_event_compare (gconstpointer a,
                  gconstpointer b)
{
  YpEvent *ea = *(YpEvent * const *) a;
  YpEvent *eb = *(YpEvent * const *) b;

  if (ea->anchor != eb->anchor)
    return ea->anchor < eb->anchor ? -1 : 1;
  if (ea->position != eb->position)
    return ea->position < eb->position ? -1 : 1;
  return 0;
}
