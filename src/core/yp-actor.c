/* yp-actor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "yp-actor"

#include "config.h"

#include "yp-actor.h"

struct _YpActor
{
  GObject parent_instance;
  char   *id;
  char   *kind;
  YpText  name;
  YpText  role;
};

G_DEFINE_FINAL_TYPE (YpActor, yp_actor, G_TYPE_OBJECT)

static void
yp_actor_finalize (GObject *object)
{
  YpActor *self = (YpActor *) object;

  g_free (self->id);
  g_free (self->kind);
  yp_text_clear (&self->name);
  yp_text_clear (&self->role);

  G_OBJECT_CLASS (yp_actor_parent_class)->finalize (object);
}

static void
yp_actor_class_init (YpActorClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = yp_actor_finalize;
}

static void
yp_actor_init (YpActor *self)
{
}

YpActor *
yp_actor_new (const char   *id,
              const char   *kind,
              const YpText *name,
              const YpText *role)
{
  YpActor *self = g_object_new (YP_TYPE_ACTOR, NULL);

  self->id = g_strdup (id);
  self->kind = g_strdup (kind);
  yp_text_set (&self->name, name->ko, name->en);
  yp_text_set (&self->role, role->ko, role->en);
  return self;
}

const char *
yp_actor_get_id (YpActor *self)
{
  g_return_val_if_fail (YP_IS_ACTOR (self), NULL);
  return self->id;
}

const char *
yp_actor_get_kind (YpActor *self)
{
  g_return_val_if_fail (YP_IS_ACTOR (self), NULL);
  return self->kind;
}

const char *
yp_actor_get_name (YpActor *self,
                   YpLang   lang)
{
  g_return_val_if_fail (YP_IS_ACTOR (self), NULL);
  return yp_text_get (&self->name, lang);
}

const char *
yp_actor_get_role (YpActor *self,
                   YpLang   lang)
{
  g_return_val_if_fail (YP_IS_ACTOR (self), NULL);
  return yp_text_get (&self->role, lang);
}
