/* test-json-fast.c: the strict JSON parser against json-glib, and what it
 * refuses
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

/* What the parser refuses: the message, where (an offset in the input)
 * and the JSON path of the value it is in. */
static void
assert_refused (const char *data,
                gsize       length,
                gsize       offset,
                const char *message,
                const char *path)
{
  const char *got_path = NULL;
  const char *got;
  g_autofree char *escaped = NULL;
  gsize got_offset = 0;

  if (yp_json_tree_parse (tree, data, length) != NULL)
    g_error ("the parser took %s", data);
  got = yp_json_tree_get_error (tree, &got_offset, &got_path);
  /* Escaped: some inputs are not UTF-8, and TAP on stdout must be. */
  escaped = g_strescape (data, NULL);
  g_test_message ("%s: %s at %" G_GSIZE_FORMAT " (%s)", escaped, got, got_offset, got_path);
  g_assert_nonnull (got);
  g_assert_true (g_utf8_validate (got, -1, NULL));
  if (strstr (got, message) == NULL)
    g_error ("%s: “%s” does not say “%s”", data, got, message);
  g_assert_cmpuint (got_offset, ==, offset);
  g_assert_cmpstr (got_path, ==, path);
}

static void
test_cases (void)
{
  /* Taken: RFC 8259 JSON. */
  const char *taken[] = {
    "{}", "[]", "0", "7", "123456789012345678", "true", "false", "null", "\"\"",
    " \t\r\n{ \"a\" : [ 1 , 2 , { } , [ ] ] } \n",
    "{\"ko\": \"알트먼\", \"en\": \"Altman\"}",
    "\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"",
    "\"\\u00e9\\uAC00\\u0041x\"",
    "[[[[[[[[[[1]]]]]]]]]]",
    "{\"a\": {\"b\": {\"c\": [true, false, null]}}, \"d\": \"e\"}",
    "-1", "1.5", "-2.5e3", "0.25E-2", "1e+2", "-0", "9223372036854775807", "1234567890123456789",
    "{\"\": 1}", "\"\\ud83d\\ude00\"", "[1e300, -1e-300]",
  };
  /* Refused, with what, where and in which value. */
  const struct {
    const char *data;
    gsize       offset;
    const char *message;
    const char *path;
  } refused[] = {
    { "", 0, "expected a value, found the end of the file", "" },
    { " ", 1, "expected a value, found the end of the file", "" },
    { "{", 1, "expected a member name (a string in double quotes) or “}”, found the end of the file", "" },
    { "[1,]", 3, "a comma before “]”: JSON has no trailing commas", "" },
    { "{\"a\":1,}", 7, "a comma before “}”: JSON has no trailing commas", "" },
    { "[1 2]", 3, "expected “,” or “]” after an element, found “2”", "" },
    { "{\"a\" 1}", 5, "expected “:” after the member name “a”, found “1”", "" },
    { "{\"date\": 1 \"b\": 2}", 11, "expected “,” or “}” after the member “date”, found “\"”", "" },
    { "{'a': 1}", 1, "expected a member name (a string in double quotes) or “}”, found “'”", "" },
    { "'x'", 0, "expected a value, found “'” (JSON strings are in double quotes)", "" },
    { "/* c */ 1", 0, "expected a value, found “/” (JSON has no comments)", "" },
    { "[1] /", 4, "expected the end of the file after the value, found “/”", "" },
    { "1 1", 2, "expected the end of the file after the value, found “1”", "" },
    { "{} []", 3, "expected the end of the file after the value, found “[”", "" },
    { "[1]\f", 3, "found the control character U+000C", "" },
    { "\v1", 0, "expected a value, found the control character U+000B", "" },
    { "01", 0, "“01” is not a JSON number: a number does not start with 0 (JSON has no octal numbers)", "" },
    { "[0x7E3]", 1, "“0x7E3” is not a JSON number (JSON has no hexadecimal numbers)", "[0]" },
    { "-0x10", 0, "“-0x10” is not a JSON number (JSON has no hexadecimal numbers)", "" },
    { "1.", 0, "“1.” is not a JSON number", "" },
    { ".5", 0, "“.5” is not a JSON value", "" },
    { "+1", 0, "“+1” is not a JSON value", "" },
    { "1e", 0, "“1e” is not a JSON number", "" },
    { "- 1", 0, "“-” is not a JSON number", "" },
    { "9223372036854775808", 0, "the number “9223372036854775808” is too large: whole numbers must lie between", "" },
    { "-9223372036854775809", 0, "the number “-9223372036854775809” is too large", "" },
    { "{\"year\": 99999999999999999999}", 9, "the number “99999999999999999999” is too large", "year" },
    { "1e400", 0, "the number “1e400” is too large", "" },
    { "tru", 0, "“tru” is not a JSON value", "" },
    { "truex", 0, "“truex” is not a JSON value", "" },
    { "nul", 0, "“nul” is not a JSON value", "" },
    { "[True]", 1, "“True” is not a JSON value", "[0]" },
    { "[NaN]", 1, "“NaN” is not a JSON value", "[0]" },
    { "{\"a\": 1, \"a\": 2}", 9, "duplicate key “a”", "" },
    { "[{\"x\": {\"a\": 1, \"b\": 2, \"a\": 3}}]", 24, "duplicate key “a”", "[0].x" },
    { "\"\\u0000\"", 1, "“\\u0000” in a string: a timeline's text cannot hold a NUL character", "" },
    { "{\"quote\": \"said\\u0000 it\"}", 15, "“\\u0000” in a string", "quote" },
    { "\"\\ud83d\"", 1, "“\\uD83D” is the first half of a surrogate pair, without a second", "" },
    { "\"\\ude00x\"", 1, "“\\uDE00” is the second half of a surrogate pair, without a first", "" },
    { "\"\\x41\"", 1, "“\\” followed by “x” is not an escape", "" },
    { "\"\\u12\"", 1, "“\\u” must be followed by four hex digits", "" },
    { "\"a\tb\"", 2, "the control character U+0009 in a string", "" },
    { "\"\xff\"", 0, "the string that starts here is not valid UTF-8", "" },
    { "{\"\xe9\": 1}", 1, "the string that starts here is not valid UTF-8", "" },
    { "\"abc", 0, "the string that starts here is not closed", "" },
    { "[{\"a\": [1, {\"b\": x}]}]", 17, "“x” is not a JSON value", "[0].a[1].b" },
  };
  GString *deep = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (taken); i++)
    if (!compare (taken[i], strlen (taken[i]), taken[i]))
      g_error ("the parser refused %s: %s", taken[i], yp_json_tree_get_error (tree, NULL, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    assert_refused (refused[i].data, strlen (refused[i].data), refused[i].offset, refused[i].message, refused[i].path);

  /* Integers keep their type and every bit at both ends of gint64. */
  {
    const YpJsonValue *v = yp_json_tree_parse (tree, "[9223372036854775807, -9223372036854775808]", 43);

    g_assert_nonnull (v);
    g_assert_cmpint (v[1].kind, ==, YP_JSON_INT);
    g_assert_cmpint (v[1].integer, ==, G_MAXINT64);
    g_assert_cmpint (v[2].kind, ==, YP_JSON_INT);
    g_assert_cmpint (v[2].integer, ==, G_MININT64);
  }

  /* YP_JSON_MAX_DEPTH levels are taken, one more is not; the levels around
   * what is parsed count. */
  for (guint depth = YP_JSON_MAX_DEPTH; depth <= YP_JSON_MAX_DEPTH + 1; depth++)
    {
      const YpJsonValue *node;

      g_string_truncate (deep, 0);
      for (guint i = 0; i < depth; i++)
        g_string_append_c (deep, '[');
      for (guint i = 0; i < depth; i++)
        g_string_append_c (deep, ']');
      node = yp_json_tree_parse (tree, deep->str, deep->len);
      g_assert_true ((node != NULL) == (depth == YP_JSON_MAX_DEPTH));
      yp_json_tree_set_outer_depth (tree, 1);
      g_assert_null (yp_json_tree_parse (tree, deep->str, deep->len));
      g_assert_cmpuint (strstr (yp_json_tree_get_error (tree, NULL, NULL), "nest deeper") != NULL, ==, TRUE);
      yp_json_tree_set_outer_depth (tree, 0);
    }

  /* A large object: its names are looked up in a hash table, and a
   * repeated one is still found. */
  g_string_assign (deep, "{");
  for (guint i = 0; i < 100; i++)
    g_string_append_printf (deep, "%s\"m%u\": %u", i > 0 ? ", " : "", i, i);
  g_string_append (deep, "}");
  g_assert_true (compare (deep->str, deep->len, deep->str));
  g_string_truncate (deep, deep->len - 1);
  g_string_append (deep, ", \"m50\": 0}");
  assert_refused (deep->str, deep->len, deep->len - 9, "duplicate key “m50”", "");
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
