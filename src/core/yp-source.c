/* yp-source.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "yp-source"

#include "config.h"

#include <string.h>

#include "yp-source.h"

struct _YpSource
{
  GObject      parent_instance;

  char        *id;
  char        *file;
  YpText       outlet;
  YpText       outlet_note;
  char        *title;
  char        *author;
  char        *published;
  YpPrecision  published_precision;
  char        *timezone;
  gint64       published_start;
  YpText       published_note;
  char        *language;
  char        *raw_text;
  char        *body_text;
  GArray      *segments;
};

G_DEFINE_FINAL_TYPE (YpSource, yp_source, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
yp_source_finalize (GObject *object)
{
  YpSource *self = (YpSource *) object;

  g_free (self->id);
  g_free (self->file);
  yp_text_clear (&self->outlet);
  yp_text_clear (&self->outlet_note);
  g_free (self->title);
  g_free (self->author);
  g_free (self->published);
  g_free (self->timezone);
  yp_text_clear (&self->published_note);
  g_free (self->language);
  g_free (self->raw_text);
  g_free (self->body_text);
  g_clear_pointer (&self->segments, g_array_unref);

  G_OBJECT_CLASS (yp_source_parent_class)->finalize (object);
}

static void
yp_source_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  YpSource *self = YP_SOURCE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yp_source_class_init (YpSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = yp_source_finalize;
  object_class->get_property = yp_source_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
yp_source_init (YpSource *self)
{
  self->segments = g_array_new (FALSE, FALSE, sizeof (YpSegment));
}

YpSource *
yp_source_new (const YpSourceInfo *info)
{
  YpSource *self;

  g_return_val_if_fail (info != NULL, NULL);
  g_return_val_if_fail (info->id != NULL, NULL);

  self = g_object_new (YP_TYPE_SOURCE, NULL);
  self->id = g_strdup (info->id);
  self->file = g_strdup (info->file);
  yp_text_set (&self->outlet, info->outlet.ko, info->outlet.en);
  yp_text_set (&self->outlet_note, info->outlet_note.ko, info->outlet_note.en);
  self->title = g_strdup (info->title);
  self->author = g_strdup (info->author);
  self->published = g_strdup (info->published);
  self->published_precision = info->published_precision;
  self->timezone = g_strdup (info->timezone);
  self->published_start = info->published_start;
  yp_text_set (&self->published_note, info->published_note.ko, info->published_note.en);
  self->language = g_strdup (info->language);
  self->raw_text = g_strdup (info->raw_text ? info->raw_text : "");
  self->body_text = g_strdup (info->body_text ? info->body_text : "");
  if (info->n_segments > 0)
    g_array_append_vals (self->segments, info->segments, info->n_segments);
  return self;
}

const char *
yp_source_get_id (YpSource *self)
{
  g_return_val_if_fail (YP_IS_SOURCE (self), NULL);
  return self->id;
}

const char *
yp_source_get_file (YpSource *self)
{
  g_return_val_if_fail (YP_IS_SOURCE (self), NULL);
  return self->file;
}

const char *
yp_source_get_outlet (YpSource *self,
                      YpLang    lang)
{
  g_return_val_if_fail (YP_IS_SOURCE (self), NULL);
  return yp_text_get (&self->outlet, lang);
}

const char *
yp_source_get_outlet_note (YpSource *self,
                           YpLang    lang)
{
  g_return_val_if_fail (YP_IS_SOURCE (self), NULL);
  return yp_text_get (&self->outlet_note, lang);
}

const char *
yp_source_get_display_outlet (YpSource *self,
                              YpLang    lang)
{
  const char *outlet;

  g_return_val_if_fail (YP_IS_SOURCE (self), NULL);

  outlet = yp_text_get (&self->outlet, lang);
  if (outlet != NULL && *outlet)
    return outlet;
  return NULL;
}

const char *
yp_source_get_title (YpSource *self)
{
  g_return_val_if_fail (YP_IS_SOURCE (self), NULL);
  return self->title;
}

const char *
yp_source_get_author (YpSource *self)
{
  g_return_val_if_fail (YP_IS_SOURCE (self), NULL);
  return self->author;
}

const char *
yp_source_get_published (YpSource *self)
{
  g_return_val_if_fail (YP_IS_SOURCE (self), NULL);
  return self->published;
}

YpPrecision
yp_source_get_published_precision (YpSource *self)
{
  g_return_val_if_fail (YP_IS_SOURCE (self), YP_PRECISION_EXACT);
  return self->published_precision;
}

const char *
yp_source_get_timezone (YpSource *self)
{
  g_return_val_if_fail (YP_IS_SOURCE (self), NULL);
  return self->timezone;
}

gint64
yp_source_get_published_start (YpSource *self)
{
  g_return_val_if_fail (YP_IS_SOURCE (self), 0);
  return self->published_start;
}

const char *
yp_source_get_published_note (YpSource *self,
                              YpLang    lang)
{
  g_return_val_if_fail (YP_IS_SOURCE (self), NULL);
  return yp_text_get (&self->published_note, lang);
}

const char *
yp_source_get_language (YpSource *self)
{
  g_return_val_if_fail (YP_IS_SOURCE (self), NULL);
  return self->language;
}

const char *
yp_source_get_raw_text (YpSource *self)
{
  g_return_val_if_fail (YP_IS_SOURCE (self), NULL);
  return self->raw_text;
}

const char *
yp_source_get_body_text (YpSource *self)
{
  g_return_val_if_fail (YP_IS_SOURCE (self), NULL);
  return self->body_text;
}

const YpSegment *
yp_source_get_segments (YpSource *self,
                        guint    *n_segments)
{
  g_return_val_if_fail (YP_IS_SOURCE (self), NULL);
  if (n_segments)
    *n_segments = self->segments->len;
  return (const YpSegment *) (gpointer) self->segments->data;
}

char *
yp_source_dup_excerpt (YpSource *self,
                       guint     max_chars)
{
  const char *body;
  const char *end;
  glong n_chars;

  g_return_val_if_fail (YP_IS_SOURCE (self), NULL);

  body = self->body_text;
  end = strchr (body, '\n');
  if (end == NULL)
    end = body + strlen (body);
  n_chars = g_utf8_strlen (body, end - body);
  if ((guint) n_chars <= max_chars)
    return g_strndup (body, end - body);
  end = g_utf8_offset_to_pointer (body, max_chars);
  return g_strdup_printf ("%.*s…", (int) (end - body), body);
}

guint
yp_source_body_to_raw (YpSource *self,
                       guint     body_offset)
{
  g_return_val_if_fail (YP_IS_SOURCE (self), 0);

  for (guint i = 0; i < self->segments->len; i++)
    {
      const YpSegment *seg = &g_array_index (self->segments, YpSegment, i);

      /* The newline after a segment maps to the end of that line. */
      if (body_offset <= seg->body_start + seg->length)
        return seg->raw_start + MAX (body_offset, seg->body_start) - seg->body_start;
    }
  return 0;
}

guint
yp_source_line_at_raw (YpSource *self,
                       guint     raw_offset)
{
  const char *p;
  guint line = 1;

  g_return_val_if_fail (YP_IS_SOURCE (self), 0);

  p = self->raw_text;
  for (guint i = 0; i < raw_offset && *p; i++, p = g_utf8_next_char (p))
    if (*p == '\n')
      line++;
  return line;
}
