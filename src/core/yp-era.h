/* yp-era.h: a named span that gives the story its shape
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "yp-types.h"

G_BEGIN_DECLS

#define YP_TYPE_ERA (yp_era_get_type ())

G_DECLARE_FINAL_TYPE (YpEra, yp_era, YP, ERA, GObject)

/* @start and @end are Unix seconds, [start, end). */
YpEra      *yp_era_new             (const char   *id,
                                    const YpText *name,
                                    const YpText *description,
                                    const char   *start_text,
                                    const char   *end_text,
                                    gint64        start,
                                    gint64        end);
const char *yp_era_get_id          (YpEra        *self);
const char *yp_era_get_name        (YpEra        *self,
                                    YpLang        lang);
const char *yp_era_get_description (YpEra        *self,
                                    YpLang        lang);
const char *yp_era_get_start_text  (YpEra        *self);
const char *yp_era_get_end_text    (YpEra        *self);
gint64      yp_era_get_start       (YpEra        *self);
gint64      yp_era_get_end         (YpEra        *self);

G_END_DECLS
