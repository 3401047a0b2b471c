/* yp-timelinejs2-private.h: TimelineJS 2 documents, read as TimelineJS 3
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "yp-record.h"

G_BEGIN_DECLS

/* The TimelineJS 3 document that the TimelineJS 2 @timeline object
 * stands for, or NULL when it has no "date" array. */
JsonNode *yp_timelinejs2_to_tjs3       (JsonObject *timeline);
/* Renames the paths of @record's problems back to TimelineJS 2's. */
void      yp_timelinejs2_rename_paths  (YpRecord   *record);

G_END_DECLS
