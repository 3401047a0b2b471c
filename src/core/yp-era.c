/* yp-era.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "yp-era"

#include "config.h"

#include "yp-era.h"

struct _YpEra
{
  GObject parent_instance;
  char   *id;
  YpText  name;
  YpText  description;
  char   *start_text;
  char   *end_text;
  gint64  start;
  gint64  end;
};

G_DEFINE_FINAL_TYPE (YpEra, yp_era, G_TYPE_OBJECT)

static void
yp_era_finalize (GObject *object)
{
  YpEra *self = (YpEra *) object;

  g_free (self->id);
  yp_text_clear (&self->name);
  yp_text_clear (&self->description);
  g_free (self->start_text);
  g_free (self->end_text);

  G_OBJECT_CLASS (yp_era_parent_class)->finalize (object);
}

static void
yp_era_class_init (YpEraClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = yp_era_finalize;
}

static void
yp_era_init (YpEra *self)
{
}

YpEra *
yp_era_new (const char   *id,
            const YpText *name,
            const YpText *description,
            const char   *start_text,
            const char   *end_text,
            gint64        start,
            gint64        end)
{
  YpEra *self = g_object_new (YP_TYPE_ERA, NULL);

  self->id = g_strdup (id);
  yp_text_set (&self->name, name->ko, name->en);
  if (description)
    yp_text_set (&self->description, description->ko, description->en);
  self->start_text = g_strdup (start_text);
  self->end_text = g_strdup (end_text);
  self->start = start;
  self->end = end;
  return self;
}

const char *
yp_era_get_id (YpEra *self)
{
  g_return_val_if_fail (YP_IS_ERA (self), NULL);
  return self->id;
}

const char *
yp_era_get_name (YpEra  *self,
                 YpLang  lang)
{
  g_return_val_if_fail (YP_IS_ERA (self), NULL);
  return yp_text_get (&self->name, lang);
}

const char *
yp_era_get_description (YpEra  *self,
                        YpLang  lang)
{
  g_return_val_if_fail (YP_IS_ERA (self), NULL);
  return yp_text_get (&self->description, lang);
}

const char *
yp_era_get_start_text (YpEra *self)
{
  g_return_val_if_fail (YP_IS_ERA (self), NULL);
  return self->start_text;
}

const char *
yp_era_get_end_text (YpEra *self)
{
  g_return_val_if_fail (YP_IS_ERA (self), NULL);
  return self->end_text;
}

gint64
yp_era_get_start (YpEra *self)
{
  g_return_val_if_fail (YP_IS_ERA (self), 0);
  return self->start;
}

gint64
yp_era_get_end (YpEra *self)
{
  g_return_val_if_fail (YP_IS_ERA (self), 0);
  return self->end;
}
