/* test-json-fast.c: the quick JSON parser against json-glib
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Whatever yp_json_tree_parse() accepts, json-glib must accept too and
 * make the same tree of: the same kinds of value (gint64 stays gint64),
 * values, members in the same order. The copies the loader makes of
 * json-glib's trees, yp_json_tree_take_node(), must hold the same. Checked on
 * chosen cases, on every fixture, hostile file and fuzz input (whole and
 * element by element), and on seeded one-byte mutations of them.
 */
#include "config.h"

#include <string.h>

#include "yp-json-fast.h"

static YpJsonTree *tree;

/* @fast must hold what json-glib's @glib holds, and be laid out as
 * yp-json-fast.h says: each value followed by its children. */
static void
assert_same_tree (const YpJsonValue *fast,
                  JsonNode          *glib,
                  const char        *where)
{
  static const JsonNodeType node_types[] = {
    [YP_JSON_NULL] = JSON_NODE_NULL, [YP_JSON_BOOLEAN] = JSON_NODE_VALUE, [YP_JSON_INT] = JSON_NODE_VALUE,
    [YP_JSON_DOUBLE] = JSON_NODE_VALUE, [YP_JSON_STRING] = JSON_NODE_VALUE,
    [YP_JSON_ARRAY] = JSON_NODE_ARRAY, [YP_JSON_OBJECT] = JSON_NODE_OBJECT,
  };

  if (node_types[fast->kind] != json_node_get_node_type (glib))
    g_error ("%s: a value of kind %d where json-glib has a %s", where, fast->kind, json_node_type_name (glib));
  switch (fast->kind)
    {
    case YP_JSON_OBJECT:
      {
        JsonObject *b = json_node_get_object (glib);
        g_autoptr(GList) mb = json_object_get_members (b);
        const YpJsonValue *m = yp_json_value_first (fast);
        const GList *lb = mb;
        guint n = 0, size = 1;

        for (; m != NULL && lb != NULL; m = yp_json_value_next (fast, m), lb = lb->next, n++)
          {
            g_autofree char *sub = g_strconcat (where, ".", lb->data, NULL);

            g_assert_cmpstr (m->name, ==, lb->data);
            g_assert_true (yp_json_value_get_member (fast, m->name) == m);
            size += m->size;
            assert_same_tree (m, json_object_get_member (b, lb->data), sub);
          }
        g_assert_true (m == NULL && lb == NULL);
        g_assert_cmpuint (fast->n, ==, n);
        g_assert_cmpuint (fast->size, ==, size);
        g_assert_null (yp_json_value_get_member (fast, "no such member \x01"));
      }
      break;
    case YP_JSON_ARRAY:
      {
        JsonArray *b = json_node_get_array (glib);
        const YpJsonValue *e = yp_json_value_first (fast);
        guint i = 0, size = 1;

        for (; e != NULL; e = yp_json_value_next (fast, e), i++)
          {
            g_autofree char *sub = g_strdup_printf ("%s[%u]", where, i);

            g_assert_cmpuint (i, <, json_array_get_length (b));
            g_assert_null (e->name);
            size += e->size;
            assert_same_tree (e, json_array_get_element (b, i), sub);
          }
        g_assert_cmpuint (i, ==, json_array_get_length (b));
        g_assert_cmpuint (fast->n, ==, i);
        g_assert_cmpuint (fast->size, ==, size);
      }
      break;
    case YP_JSON_INT:
      g_assert_cmpstr (g_type_name (json_node_get_value_type (glib)), ==, "gint64");
      g_assert_cmpint (fast->integer, ==, json_node_get_int (glib));
      break;
    case YP_JSON_DOUBLE:
      g_assert_cmpstr (g_type_name (json_node_get_value_type (glib)), ==, "gdouble");
      g_assert_cmpfloat (fast->number, ==, json_node_get_double (glib));
      break;
    case YP_JSON_BOOLEAN:
      g_assert_cmpstr (g_type_name (json_node_get_value_type (glib)), ==, "gboolean");
      g_assert_cmpint (fast->boolean, ==, json_node_get_boolean (glib));
      break;
    case YP_JSON_STRING:
      g_assert_cmpstr (g_type_name (json_node_get_value_type (glib)), ==, "gchararray");
      g_assert_cmpstr (fast->string, ==, json_node_get_string (glib));
      break;
    case YP_JSON_NULL:
    default:
      g_assert_cmpuint (fast->size, ==, 1);
      break;
    }
}

/* What the loader does with what the quick parser leaves: json-glib's
 * tree of @data, copied, must hold what json-glib's does. */
static void
compare_copy (const char *data,
              gsize       length,
              const char *where)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(YpJsonTree) copy = yp_json_tree_new ();
  g_autoptr(GError) error = NULL;

  if (!json_parser_load_from_data (parser, data, length, &error))
    g_error ("%s: %s", where, error->message);
  assert_same_tree (yp_json_tree_take_node (copy, json_parser_get_root (parser)),
                    json_parser_get_root (parser), where);
}

/* Parses @data both ways; returns whether the quick parser took it. The
 * tree made back from the quick one must be json-glib's too. */
static gboolean
compare (const char *data,
         gsize       length,
         const char *where)
{
  const YpJsonValue *fast = yp_json_tree_parse (tree, data, length);
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  if (fast == NULL)
    return FALSE;
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, length, &error))
    g_error ("%s: json-glib refuses what the quick parser took: %s", where, error->message);
  root = json_parser_get_root (parser);
  g_assert_nonnull (root);
  compare_copy (data, length, where);
  assert_same_tree (fast, root, where);
  /* Input that is UTF-8 as a whole reads the same without the checks. */
  if (g_utf8_validate_len (data, length, NULL))
    {
      g_autoptr(YpJsonTree) unchecked = yp_json_tree_new ();
      const YpJsonValue *u = yp_json_tree_parse_utf8 (unchecked, data, length);

      g_assert_nonnull (u);
      assert_same_tree (u, root, where);
    }
  {
    g_autoptr(JsonNode) back = yp_json_value_to_node (fast);
    g_autofree char *a = json_to_string (back, FALSE);
    g_autofree char *b = json_to_string (root, FALSE);

    g_assert_true (json_node_equal (back, root));
    g_assert_cmpstr (a, ==, b);
    g_assert_true (g_utf8_validate (a, -1, NULL));
  }
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
  /* JSON to json-glib that the quick parser leaves: copied whole. */
  const char *copied[] = {
    "{'a': 1}", "-1", "1.5", "-2.5e3", "/* c */ [1, {\"b\": -0.25}, 'x', null, true]", "{\"a\": 1, \"a\": 2}",
    "{\"\": [1, [2, [3, {\"d\": {}}]]], \"e\": []}", "1234567890123456789", "\"\\ud83d\\ude00\"",
  };
  GString *deep = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (copied); i++)
    {
      g_assert_null (yp_json_tree_parse (tree, copied[i], strlen (copied[i])));
      compare_copy (copied[i], strlen (copied[i]), copied[i]);
    }

  for (guint i = 0; i < G_N_ELEMENTS (taken); i++)
    if (!compare (taken[i], strlen (taken[i]), taken[i]))
      g_error ("the quick parser left plain JSON to json-glib: %s", taken[i]);
  for (guint i = 0; i < G_N_ELEMENTS (left); i++)
    {
      if (yp_json_tree_parse (tree, left[i], strlen (left[i])) != NULL)
        g_error ("the quick parser took %s", left[i]);
    }

  /* 64 levels are taken, 65 are not. */
  for (guint depth = 64; depth <= 65; depth++)
    {
      const YpJsonValue *node;

      g_string_truncate (deep, 0);
      for (guint i = 0; i < depth; i++)
        g_string_append_c (deep, '[');
      for (guint i = 0; i < depth; i++)
        g_string_append_c (deep, ']');
      node = yp_json_tree_parse (tree, deep->str, deep->len);
      g_assert_true ((node != NULL) == (depth == 64));
    }

  /* 64 members in one object are taken, 65 are left (names are compared
   * with each other as they come). */
  for (guint n = 64; n <= 65; n++)
    {
      g_string_assign (deep, "{");
      for (guint i = 0; i < n; i++)
        g_string_append_printf (deep, "%s\"m%u\": %u", i > 0 ? ", " : "", i, i);
      g_string_append (deep, "}");
      g_assert_true (compare (deep->str, deep->len, deep->str) == (n == 64));
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
          /* The shipped files are JSON: their copies too. */
          if (d == 0)
            compare_copy (data, length, full);
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

/* yp_json_utf8_validate() says what GLib says, at every offset of the
 * eight-byte steps: chosen sequences, good and bad, placed after 0 to 16
 * bytes of ASCII and followed by more; then random bytes. */
static void
test_utf8 (void)
{
  const char *seqs[] = {
    "a", "\x7f", "\xc2\x80", "\xdf\xbf", "\xe0\xa0\x80", "\xea\xb0\x80", "\xed\x9f\xbf", "\xee\x80\x80",
    "\xef\xbf\xbf", "\xf0\x90\x80\x80", "\xf3\xbf\xbf\xbf", "\xf4\x8f\xbf\xbf",
    /* overlong, surrogates, past U+10FFFF, stray and cut short */
    "\xc0\x80", "\xc1\xbf", "\xe0\x80\x80", "\xe0\x9f\xbf", "\xed\xa0\x80", "\xed\xbf\xbf",
    "\xf0\x80\x80\x80", "\xf0\x8f\xbf\xbf", "\xf4\x90\x80\x80", "\xf5\x80\x80\x80", "\xff", "\xfe",
    "\x80", "\xbf", "\xc2", "\xe0\xa0", "\xf0\x90\x80", "\xc2\x41", "\xe1\x80\x41", "\xf1\x80\x80\xc0",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261122);
  guint n_valid = 0, n_invalid = 0;

  for (guint i = 0; i < G_N_ELEMENTS (seqs) + 1; i++)
    for (guint before = 0; before <= 16; before++)
      for (guint after = 0; after <= 9; after += 3)
        {
          g_autoptr(GString) s = g_string_new (NULL);
          gboolean glib;

          for (guint k = 0; k < before; k++)
            g_string_append_c (s, 'x');
          /* The last round: a NUL, which GLib refuses within a length. */
          if (i < G_N_ELEMENTS (seqs))
            g_string_append (s, seqs[i]);
          else
            g_string_append_len (s, "", 1);
          for (guint k = 0; k < after; k++)
            g_string_append_c (s, 'y');
          glib = g_utf8_validate_len (s->str, s->len, NULL);
          if (yp_json_utf8_validate (s->str, s->len) != glib)
            g_error ("sequence %u after %u bytes: GLib says %s", i, before, glib ? "valid" : "not valid");
          glib ? n_valid++ : n_invalid++;
        }
  for (guint round = 0; round < 20000; round++)
    {
      guchar bytes[24];
      gsize len = g_rand_int_range (rand, 0, sizeof bytes + 1);

      /* Mostly valid text with a change or two, so both ways are taken. */
      for (gsize k = 0; k < len; k++)
        bytes[k] = g_rand_int_range (rand, 0, 4) == 0 ? g_rand_int_range (rand, 0, 256) : "a\xea\xb0\x80 "[k % 5];
      if (yp_json_utf8_validate ((const char *) bytes, len) != g_utf8_validate_len ((const char *) bytes, len, NULL))
        g_error ("random round %u: not what GLib says", round);
    }
  g_assert_cmpuint (n_valid, >, 100);
  g_assert_cmpuint (n_invalid, >, 100);
}

/* yp_json_string_run_end() stops where a byte-at-a-time loop does. */
static void
test_string_run (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  const char alphabet[] = "ab \"\\\x1f\x01\x7f\x80\xea\xff";

  for (guint round = 0; round < 20000; round++)
    {
      char bytes[40];
      gsize len = g_rand_int_range (rand, 0, sizeof bytes + 1);
      gsize special = g_rand_int_range (rand, 0, 4);
      const char *want = bytes;

      for (gsize k = 0; k < len; k++)
        bytes[k] = (gsize) g_rand_int_range (rand, 0, 16) < special ? alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)]
                                                            : alphabet[g_rand_int_range (rand, 0, 2)];
      while (want < bytes + len && *want != '"' && *want != '\\' && (guchar) *want >= 0x20)
        want++;
      g_assert_true (yp_json_string_run_end (bytes, bytes + len) == want);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* One tree for every parse, as the loader has. */
  tree = yp_json_tree_new ();
  g_test_add_func ("/json-fast/cases", test_cases);
  g_test_add_func ("/json-fast/files-and-mutations", test_files);
  g_test_add_func ("/json-fast/utf8", test_utf8);
  g_test_add_func ("/json-fast/string-run", test_string_run);
  return g_test_run ();
}
