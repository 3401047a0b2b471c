/* yp-citation.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "yp-citation"

#include "config.h"

#include "yp-citation.h"

struct _YpCitation
{
  GObject parent_instance;
  char   *source_id;
  char   *quote;
  guint   body_start;
  guint   body_end;
  guint   raw_start;
  guint   raw_end;
};

G_DEFINE_FINAL_TYPE (YpCitation, yp_citation, G_TYPE_OBJECT)

static void
yp_citation_finalize (GObject *object)
{
  YpCitation *self = (YpCitation *) object;

  g_free (self->source_id);
  g_free (self->quote);

  G_OBJECT_CLASS (yp_citation_parent_class)->finalize (object);
}

static void
yp_citation_class_init (YpCitationClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = yp_citation_finalize;
}

static void
yp_citation_init (YpCitation *self)
{
}

YpCitation *
yp_citation_new (const char *source_id,
                 const char *quote,
                 guint       body_start,
                 guint       body_end,
                 guint       raw_start,
                 guint       raw_end)
{
  YpCitation *self = g_object_new (YP_TYPE_CITATION, NULL);

  self->source_id = g_strdup (source_id);
  self->quote = g_strdup (quote);
  self->body_start = body_start;
  self->body_end = body_end;
  self->raw_start = raw_start;
  self->raw_end = raw_end;
  return self;
}

YpCitation *
yp_citation_new_from_info (const YpCitationInfo *info)
{
  g_return_val_if_fail (info != NULL, NULL);
  return yp_citation_new (info->source_id, info->quote, info->body_start, info->body_end,
                          info->raw_start, info->raw_end);
}

const char *
yp_citation_get_source_id (YpCitation *self)
{
  g_return_val_if_fail (YP_IS_CITATION (self), NULL);
  return self->source_id;
}

const char *
yp_citation_get_quote (YpCitation *self)
{
  g_return_val_if_fail (YP_IS_CITATION (self), NULL);
  return self->quote;
}

guint
yp_citation_get_body_start (YpCitation *self)
{
  g_return_val_if_fail (YP_IS_CITATION (self), 0);
  return self->body_start;
}

guint
yp_citation_get_body_end (YpCitation *self)
{
  g_return_val_if_fail (YP_IS_CITATION (self), 0);
  return self->body_end;
}

guint
yp_citation_get_raw_start (YpCitation *self)
{
  g_return_val_if_fail (YP_IS_CITATION (self), 0);
  return self->raw_start;
}

guint
yp_citation_get_raw_end (YpCitation *self)
{
  g_return_val_if_fail (YP_IS_CITATION (self), 0);
  return self->raw_end;
}
