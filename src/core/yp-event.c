/* yp-event.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "yp-event"

#include "config.h"

#include "yp-event.h"

struct _YpEvent
{
  GObject      parent_instance;

  char        *id;
  char        *date;
  YpPrecision  precision;
  char        *timezone;
  char        *earliest;
  char        *latest;
  gint64       start;
  gint64       end;
  gint64       anchor;
  YpText       date_note;
  YpText       title;
  YpText       summary;
  char       **actors;
  char        *category;
  char        *era;
  char        *status;
  char        *publication_of;
  guint        position;
  GPtrArray   *citations;
};

G_DEFINE_FINAL_TYPE (YpEvent, yp_event, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
yp_event_finalize (GObject *object)
{
  YpEvent *self = (YpEvent *) object;

  g_free (self->id);
  g_free (self->date);
  g_free (self->timezone);
  g_free (self->earliest);
  g_free (self->latest);
  yp_text_clear (&self->date_note);
  yp_text_clear (&self->title);
  yp_text_clear (&self->summary);
  g_strfreev (self->actors);
  g_free (self->category);
  g_free (self->era);
  g_free (self->status);
  g_free (self->publication_of);
  g_clear_pointer (&self->citations, g_ptr_array_unref);

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
      g_value_set_string (value, self->id);
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
}

static void
yp_event_init (YpEvent *self)
{
  self->citations = g_ptr_array_new_with_free_func (g_object_unref);
}

YpEvent *
yp_event_new (const YpEventInfo *info)
{
  YpEvent *self;

  g_return_val_if_fail (info != NULL, NULL);
  g_return_val_if_fail (info->id != NULL, NULL);

  self = g_object_new (YP_TYPE_EVENT, NULL);
  self->id = g_strdup (info->id);
  self->date = g_strdup (info->date);
  self->precision = info->precision;
  self->timezone = g_strdup (info->timezone);
  self->earliest = g_strdup (info->earliest);
  self->latest = g_strdup (info->latest);
  self->start = info->start;
  self->end = MAX (info->end, info->start);
  self->anchor = CLAMP (info->anchor, self->start, self->end);
  yp_text_set (&self->date_note, info->date_note.ko, info->date_note.en);
  yp_text_set (&self->title, info->title.ko, info->title.en);
  yp_text_set (&self->summary, info->summary.ko, info->summary.en);
  self->actors = info->actors ? g_strdupv ((char **) info->actors) : g_new0 (char *, 1);
  self->category = g_strdup (info->category);
  self->era = g_strdup (info->era);
  self->status = g_strdup (info->status ? info->status : "reported");
  self->publication_of = g_strdup (info->publication_of);
  self->position = info->position;
  return self;
}

void
yp_event_add_citation (YpEvent    *self,
                       YpCitation *citation)
{
  g_return_if_fail (YP_IS_EVENT (self));
  g_return_if_fail (YP_IS_CITATION (citation));

  g_ptr_array_add (self->citations, g_object_ref (citation));
}

const char *
yp_event_get_id (YpEvent *self)
{
  g_return_val_if_fail (YP_IS_EVENT (self), NULL);
  return self->id;
}

const char *
yp_event_get_date (YpEvent *self)
{
  g_return_val_if_fail (YP_IS_EVENT (self), NULL);
  return self->date;
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
  return self->earliest;
}

const char *
yp_event_get_latest (YpEvent *self)
{
  g_return_val_if_fail (YP_IS_EVENT (self), NULL);
  return self->latest;
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

const char *
yp_event_get_date_note (YpEvent *self,
                        YpLang   lang)
{
  g_return_val_if_fail (YP_IS_EVENT (self), NULL);
  return yp_text_get (&self->date_note, lang);
}

const char *
yp_event_get_title (YpEvent *self,
                    YpLang   lang)
{
  g_return_val_if_fail (YP_IS_EVENT (self), NULL);
  return yp_text_get (&self->title, lang);
}

const char *
yp_event_get_summary (YpEvent *self,
                      YpLang   lang)
{
  g_return_val_if_fail (YP_IS_EVENT (self), NULL);
  return yp_text_get (&self->summary, lang);
}

const char * const *
yp_event_get_actors (YpEvent *self)
{
  g_return_val_if_fail (YP_IS_EVENT (self), NULL);
  return (const char * const *) self->actors;
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
  return self->citations->len;
}

YpCitation *
yp_event_get_citation (YpEvent *self,
                       guint    index)
{
  g_return_val_if_fail (YP_IS_EVENT (self), NULL);
  g_return_val_if_fail (index < self->citations->len, NULL);
  return g_ptr_array_index (self->citations, index);
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
