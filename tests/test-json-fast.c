/* test-json-fast.c: the quick JSON parser against json-glib
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Whatever yp_json_fast_parse() accepts, json-glib must accept too and
 * make the same tree of: the same kinds of node, value types (gint64 stays
 * gint64), values, members in the same order, parents set. Checked on
 * chosen cases, on every fixture, hostile file and fuzz input (whole and
 * element by element), and on seeded one-byte mutations of them.
 */
#include "config.h"

#include <string.h>

#include "yp-json-fast.h"

static void
assert_same_tree (JsonNode   *fast,
                  JsonNode   *glib,
                  const char *where)
{
  if (json_node_get_node_type (fast) != json_node_get_node_type (glib))
    g_error ("%s: a %s where json-glib has a %s", where,
             json_node_type_name (fast), json_node_type_name (glib));
  switch (json_node_get_node_type (fast))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *a = json_node_get_object (fast);
        JsonObject *b = json_node_get_object (glib);
        g_autoptr(GList) ma = json_object_get_members (a);
        g_autoptr(GList) mb = json_object_get_members (b);
        const GList *la, *lb;

        for (la = ma, lb = mb; la != NULL && lb != NULL; la = la->next, lb = lb->next)
          {
            g_autofree char *sub = g_strconcat (where, ".", la->data, NULL);
            JsonNode *child = json_object_get_member (a, la->data);

            g_assert_cmpstr (la->data, ==, lb->data);
            g_assert_true (json_node_get_parent (child) == fast);
            assert_same_tree (child, json_object_get_member (b, lb->data), sub);
          }
        g_assert_true (la == NULL && lb == NULL);
      }
      break;
    case JSON_NODE_ARRAY:
      {
        JsonArray *a = json_node_get_array (fast);
        JsonArray *b = json_node_get_array (glib);

        g_assert_cmpuint (json_array_get_length (a), ==, json_array_get_length (b));
        for (guint i = 0; i < json_array_get_length (a); i++)
          {
            g_autofree char *sub = g_strdup_printf ("%s[%u]", where, i);

            g_assert_true (json_node_get_parent (json_array_get_element (a, i)) == fast);
            assert_same_tree (json_array_get_element (a, i), json_array_get_element (b, i), sub);
          }
      }
      break;
    case JSON_NODE_VALUE:
      g_assert_cmpstr (g_type_name (json_node_get_value_type (fast)), ==,
                       g_type_name (json_node_get_value_type (glib)));
      switch (json_node_get_value_type (fast))
        {
        case G_TYPE_INT64:
          g_assert_cmpint (json_node_get_int (fast), ==, json_node_get_int (glib));
          break;
        case G_TYPE_BOOLEAN:
          g_assert_cmpint (json_node_get_boolean (fast), ==, json_node_get_boolean (glib));
          break;
        case G_TYPE_STRING:
          g_assert_cmpstr (json_node_get_string (fast), ==, json_node_get_string (glib));
          g_assert_true (g_utf8_validate (json_node_get_string (fast), -1, NULL));
          break;
        default:
          g_error ("%s: the quick parser made a %s value", where, g_type_name (json_node_get_value_type (fast)));
        }
      break;
    case JSON_NODE_NULL:
    default:
      break;
    }
}

/* Parses @data both ways; returns whether the quick parser took it. */
static gboolean
compare (const char *data,
         gsize       length,
         const char *where)
{
  g_autoptr(JsonNode) fast = yp_json_fast_parse (data, length);
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) error = NULL;

  if (fast == NULL)
    return FALSE;
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, length, &error))
    g_error ("%s: json-glib refuses what the quick parser took: %s", where, error->message);
  g_assert_nonnull (json_parser_get_root (parser));
  assert_same_tree (fast, json_parser_get_root (parser), where);
  return TRUE;
}

static void
test_cases (void)
{
  /* Taken: plain JSON. */
  const char *taken[] = {
    "{}", "[]", "0", "7", "123456789012345678", "true", "false", "null", "\"\"",
    " \t\r\n{ \"a\" : [ 1 , 2 , { } , [ ] ] } \n",
    "{\"ko\": \"알트먼\", \"en\": \"Altman\"}",
    "\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"",
    "\"\\u00e9\\uAC00\\u0041x\"",
    "[[[[[[[[[[1]]]]]]]]]]",
    "{\"a\": {\"b\": {\"c\": [true, false, null]}}, \"d\": \"e\"}",
  };
  /* Left to json-glib: what is not plain JSON, or what json-glib reads
   * its own way. */
  const char *left[] = {
    "", " ", "{", "[1,]", "{\"a\":1,}", "[1 2]", "{\"a\" 1}", "{'a': 1}", "'x'", "/* c */ 1", "[1] /",
    "-1", "1.5", "1e3", "01", "1234567890123456789", "tru", "truex", "nul", "[True]",
    "{\"a\": 1, \"a\": 2}", "{\"\": 1}", "\"\\u0000\"", "\"\\ud83d\\ude00\"", "\"\\x41\"", "\"\\u12\"",
    "\"a\tb\"", "\"\xff\"", "\"\xc3\"", "{\"\xe9\": 1}", "[1]\f", "\v1", "1 1", "{} []",
  };
  GString *deep = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (taken); i++)
    if (!compare (taken[i], strlen (taken[i]), taken[i]))
      g_error ("the quick parser left plain JSON to json-glib: %s", taken[i]);
  for (guint i = 0; i < G_N_ELEMENTS (left); i++)
    {
      g_autoptr(JsonNode) node = yp_json_fast_parse (left[i], strlen (left[i]));

      if (node != NULL)
        g_error ("the quick parser took %s", left[i]);
    }

  /* 64 levels are taken, 65 are not. */
  for (guint depth = 64; depth <= 65; depth++)
    {
      g_autoptr(JsonNode) node = NULL;

      g_string_truncate (deep, 0);
      for (guint i = 0; i < depth; i++)
        g_string_append_c (deep, '[');
      for (guint i = 0; i < depth; i++)
        g_string_append_c (deep, ']');
      node = yp_json_fast_parse (deep->str, deep->len);
      g_assert_true ((node != NULL) == (depth == 64));
    }
  g_string_free (deep, TRUE);
}

/* The elements of the top-level arrays and of the arrays among the
 * members of a top-level object: the slices the loader gives the quick
 * parser. */
static guint
compare_elements (const char *data,
                  gsize       length,
                  const char *where)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GPtrArray) arrays = g_ptr_array_new ();
  JsonNode *root;
  guint taken = 0;

  if (!json_parser_load_from_data (parser, data, length, NULL) ||
      (root = json_parser_get_root (parser)) == NULL)
    return 0;
  if (JSON_NODE_HOLDS_ARRAY (root))
    g_ptr_array_add (arrays, json_node_get_array (root));
  else if (JSON_NODE_HOLDS_OBJECT (root))
    {
      g_autoptr(GList) members = json_object_get_members (json_node_get_object (root));

      for (const GList *l = members; l != NULL; l = l->next)
        {
          JsonNode *m = json_object_get_member (json_node_get_object (root), l->data);

          if (JSON_NODE_HOLDS_ARRAY (m))
            g_ptr_array_add (arrays, json_node_get_array (m));
        }
    }
  for (guint a = 0; a < arrays->len; a++)
    for (guint i = 0; i < json_array_get_length (arrays->pdata[a]); i++)
      {
        g_autofree char *text = json_to_string (json_array_get_element (arrays->pdata[a], i), FALSE);
        g_autofree char *sub = g_strdup_printf ("%s, element %u of array %u", where, i, a);

        taken += compare (text, strlen (text), sub);
      }
  return taken;
}

static void
test_files (void)
{
  const char *dirs[] = { "../data", "data", "data/hostile", "data/fuzz-regressions/loader", "fuzz/corpus-loader",
                         "data/fuzz-regressions/timelinejs", "fuzz/corpus-timelinejs" };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261122);
  guint n_files = 0, n_whole = 0, n_elements = 0, n_mutations = 0, n_mutations_taken = 0;

  for (guint d = 0; d < G_N_ELEMENTS (dirs); d++)
    {
      g_autofree char *dir = g_test_build_filename (G_TEST_DIST, dirs[d], NULL);
      g_autoptr(GDir) gdir = g_dir_open (dir, 0, NULL);
      const char *name;

      if (gdir == NULL)
        continue;
      while ((name = g_dir_read_name (gdir)) != NULL)
        {
          g_autofree char *full = g_build_filename (dir, name, NULL);
          g_autofree char *data = NULL;
          gsize length;

          if (!g_file_test (full, G_FILE_TEST_IS_REGULAR) ||
              (d == 0 ? !g_str_has_suffix (name, ".json") : g_str_has_suffix (name, ".txt")) ||
              !g_file_get_contents (full, &data, &length, NULL) || length > 4 * 1024 * 1024)
            continue;
          n_files++;
          n_whole += compare (data, length, full);
          n_elements += compare_elements (data, length, full);
          /* Twenty one-byte mutations of each (of the first 64 KB). */
          for (guint k = 0; k < 20 && length > 0; k++)
            {
              g_autofree char *copy = g_memdup2 (data, length);
              gsize at = g_rand_int_range (rand, 0, (gint32) MIN (length, 65536));
              const char bytes[] = "{}[]\",:\\ 0-1.eu'/\n\t\x80\xff\"ntf";
              g_autofree char *where = NULL;

              copy[at] = bytes[g_rand_int_range (rand, 0, sizeof bytes - 1)];
              where = g_strdup_printf ("%s with byte %" G_GSIZE_FORMAT " changed", full, at);
              n_mutations++;
              n_mutations_taken += compare (copy, length, where);
            }
        }
    }
  g_test_message ("%u files: %u taken whole, %u elements taken, %u of %u mutations taken",
                  n_files, n_whole, n_elements, n_mutations_taken, n_mutations);
  /* The fixtures are mostly plain JSON: if none were taken, the quick
   * parser is not being exercised (or takes nothing). */
  g_assert_cmpuint (n_files, >, 25);
  g_assert_cmpuint (n_whole, >, 20);
  g_assert_cmpuint (n_elements, >, 100);
  g_assert_cmpuint (n_mutations_taken, >, 10);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/json-fast/cases", test_cases);
  g_test_add_func ("/json-fast/files-and-mutations", test_files);
  return g_test_run ();
}
