/* yp-result-slot.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "yp-result-slot"

#include "config.h"

#include "yp-result-slot.h"

struct _YpResultSlot
{
  GObject         parent_instance;
  YpSearchResult *result;
};

enum {
  PROP_0,
  PROP_RESULT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (YpResultSlot, yp_result_slot, G_TYPE_OBJECT)

static void
yp_result_slot_finalize (GObject *object)
{
  g_clear_object (&YP_RESULT_SLOT (object)->result);
  G_OBJECT_CLASS (yp_result_slot_parent_class)->finalize (object);
}

static void
yp_result_slot_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_RESULT:
      g_value_set_object (value, YP_RESULT_SLOT (object)->result);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yp_result_slot_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_RESULT:
      yp_result_slot_set_result (YP_RESULT_SLOT (object), g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yp_result_slot_class_init (YpResultSlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = yp_result_slot_finalize;
  object_class->get_property = yp_result_slot_get_property;
  object_class->set_property = yp_result_slot_set_property;

  properties[PROP_RESULT] =
    g_param_spec_object ("result", NULL, NULL, YP_TYPE_SEARCH_RESULT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
yp_result_slot_init (YpResultSlot *self)
{
}

YpResultSlot *
yp_result_slot_new (YpSearchResult *result)
{
  return g_object_new (YP_TYPE_RESULT_SLOT, "result", result, NULL);
}

YpSearchResult *
yp_result_slot_get_result (YpResultSlot *self)
{
  g_return_val_if_fail (YP_IS_RESULT_SLOT (self), NULL);
  return self->result;
}

void
yp_result_slot_set_result (YpResultSlot   *self,
                           YpSearchResult *result)
{
  g_return_if_fail (YP_IS_RESULT_SLOT (self));
  g_return_if_fail (result == NULL || YP_IS_SEARCH_RESULT (result));

  if (g_set_object (&self->result, result))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESULT]);
}
