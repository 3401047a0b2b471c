/* yp-json-fast.h: a quick parser for plain JSON, with json-glib's trees
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

JsonNode *yp_json_fast_parse (const char *data,
                              gsize       length);

G_END_DECLS
