/* fuzz-json-fast.c: libFuzzer harness for the quick JSON parser
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Differential: whatever yp_json_fast_parse() takes, json-glib must take
 * too and make an equal tree of, written out the same way. What the quick
 * parser leaves to json-glib is not a finding.
 */
#include <stdint.h>
#include <stdlib.h>

#include "yp-json-fast.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonNode) fast = yp_json_fast_parse ((const char *) data, size);
  g_autoptr(JsonParser) parser = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  if (fast == NULL)
    return 0;
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, (const char *) data, size, NULL) ||
      json_parser_get_root (parser) == NULL ||
      !json_node_equal (fast, json_parser_get_root (parser)))
    abort ();
  a = json_to_string (fast, FALSE);
  b = json_to_string (json_parser_get_root (parser), FALSE);
  if (g_strcmp0 (a, b) != 0 || !g_utf8_validate (a, -1, NULL))
    abort ();
  return 0;
}
