/* yp-actor.h: a person or organisation that takes part in events
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "yp-types.h"

G_BEGIN_DECLS

#define YP_TYPE_ACTOR (yp_actor_get_type ())

G_DECLARE_FINAL_TYPE (YpActor, yp_actor, YP, ACTOR, GObject)

YpActor    *yp_actor_new       (const char   *id,
                                const char   *kind,
                                const YpText *name,
                                const YpText *role);
const char *yp_actor_get_id    (YpActor      *self);
const char *yp_actor_get_kind  (YpActor      *self);
const char *yp_actor_get_name  (YpActor      *self,
                                YpLang        lang);
const char *yp_actor_get_role  (YpActor      *self,
                                YpLang        lang);

G_END_DECLS
