/* fuzz-json-fast.c: libFuzzer harness for the strict JSON parser
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Differential: whatever yp_json_tree_parse() takes, json-glib must take
 * too and make an equal tree of, written out the same way, and so must
 * the copy yp_json_tree_take_node() makes of json-glib's tree. What the
 * parser refuses (json-glib takes more than RFC 8259) must come with a
 * message, an offset within the input and a path. The readers' quick
 * UTF-8 check must say what GLib says, and the string scan stop where a
 * simple loop does.
 */
#include <stdint.h>
#include <stdlib.h>

#include "yp-json-fast.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static gboolean
same (const YpJsonValue *value,
      JsonNode          *node)
{
  g_autoptr(JsonNode) back = yp_json_value_to_node (value);
  g_autofree char *a = json_to_string (back, FALSE);
  g_autofree char *b = json_to_string (node, FALSE);

  return json_node_equal (back, node) && g_strcmp0 (a, b) == 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static YpJsonTree *tree, *copy;
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  const YpJsonValue *fast;
  JsonNode *root;

  if (tree == NULL)
    {
      tree = yp_json_tree_new ();
      copy = yp_json_tree_new ();
    }
  /* The quick checks against GLib's and a byte-at-a-time loop. */
  if (yp_json_utf8_validate ((const char *) data, size) != g_utf8_validate_len ((const char *) data, size, NULL))
    abort ();
  {
    const char *end = (const char *) data + size;
    const char *want = (const char *) data;

    while (want < end && *want != '"' && *want != '\\' && (guchar) *want >= 0x20)
      want++;
    if (yp_json_string_run_end ((const char *) data, end) != want)
      abort ();
  }
  fast = yp_json_tree_parse (tree, (const char *) data, size);
  /* What the parser refuses, it says why (as text), where (within the
   * input) and in which value. Only what it takes goes to json-glib: json-glib
   * leaks a second top-level value. */
  if (fast == NULL)
    {
      const char *path = NULL;
      gsize offset = G_MAXSIZE;
      const char *message = yp_json_tree_get_error (tree, &offset, &path);

      if (message == NULL || !g_utf8_validate (message, -1, NULL) || offset > size ||
          path == NULL || !g_utf8_validate (path, -1, NULL))
        abort ();
      return 0;
    }
  if (!json_parser_load_from_data (parser, (const char *) data, size, NULL) ||
      (root = json_parser_get_root (parser)) == NULL)
    abort ();
  {
    g_autoptr(JsonNode) back = yp_json_value_to_node (fast);
    g_autofree char *a = json_to_string (back, FALSE);

    if (!same (fast, root) || !g_utf8_validate (a, -1, NULL))
      abort ();
  }
  if (!same (yp_json_tree_take_node (copy, root), root))
    abort ();
  /* The loader's way, for input known to be UTF-8. */
  if (g_utf8_validate_len ((const char *) data, size, NULL) &&
      ((fast = yp_json_tree_parse_utf8 (copy, (const char *) data, size)) == NULL || !same (fast, root)))
    abort ();
  return 0;
}
