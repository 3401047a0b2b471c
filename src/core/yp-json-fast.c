/* yp-json-fast.c: a quick parser for plain JSON, into compact trees
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The loader streams a timeline one element at a time (yp-json-doc.c), and
 * json-glib's scanner, which reads a character at a time through GScanner,
 * was half of a first import; then building and freeing json-glib's trees
 * (a hash table per object, a block per node and per string) was most of
 * what was left. Almost every element is plain JSON: strict RFC 8259
 * syntax, strings of valid UTF-8, integers. This parser reads exactly that
 * subset into a YpJsonTree, the values of an element in one array and its
 * strings in one buffer, both reused for the next element. The tree holds
 * what json-glib's would (integers as gint64, members in file order), and
 * the parser gives up on anything else by returning NULL:
 *   - comments, single-quoted strings, trailing commas, bare words, and
 *     whitespace other than space, tab, CR and LF (json-glib accepts some
 *     of these, and decides itself what they mean);
 *   - numbers with a sign, a fraction, an exponent, a leading zero or more
 *     than 18 digits (json-glib's reading of those is its own);
 *   - strings with control characters, bytes that are not UTF-8, "\u0000"
 *     or a "\u" escape in the surrogate range;
 *   - a name given twice in one object, an empty name, more than 64
 *     members in one object, and nesting deeper than 64.
 * The caller then parses the element with json-glib, which also words any
 * error, and copies its tree with yp_json_tree_take_node(), so what a file
 * means and what is said of a bad one never depend on which parser read
 * it. tests/test-json-fast.c checks the two trees are the same for every
 * fixture, hostile file and seeded mutation, and the fuzz-json-fast
 * harness for whatever libFuzzer makes.
 *
 * Every string it accepts has been checked to be UTF-8.
 */
#define G_LOG_DOMAIN "yp-json-fast"

#include "config.h"

#include <string.h>

#include "yp-json-fast.h"

#define MAX_DEPTH 64
#define MAX_MEMBERS 64

struct _YpJsonTree {
  GArray  *values;  /* YpJsonValue */
  GString *text;    /* names and strings, each followed by a NUL */
};

/* While a tree is read, names and strings are offsets into tree->text
 * (plus one, so that 0 is "none"), turned into pointers at the end: the
 * buffer moves as it grows. */
#define OFFSET_TO_PTR(o) ((const char *) GSIZE_TO_POINTER (o))
#define PTR_TO_OFFSET(p) ((gsize) GPOINTER_TO_SIZE (p))

typedef struct {
  const char *p;
  const char *end;
  GArray     *values;
  GString    *text;
  gboolean    utf8;  /* the input is known to be UTF-8 */
} Reader;

YpJsonTree *
yp_json_tree_new (void)
{
  YpJsonTree *tree = g_new0 (YpJsonTree, 1);

  tree->values = g_array_sized_new (FALSE, FALSE, sizeof (YpJsonValue), 64);
  tree->text = g_string_sized_new (1024);
  return tree;
}

void
yp_json_tree_free (YpJsonTree *tree)
{
  if (tree == NULL)
    return;
  g_array_unref (tree->values);
  g_string_free (tree->text, TRUE);
  g_free (tree);
}

static void
tree_clear (YpJsonTree *tree)
{
  g_array_set_size (tree->values, 0);
  g_string_truncate (tree->text, 0);
}

static const YpJsonValue *
tree_finish (YpJsonTree *tree)
{
  for (guint i = 0; i < tree->values->len; i++)
    {
      YpJsonValue *v = &g_array_index (tree->values, YpJsonValue, i);

      if (v->name != NULL)
        v->name = tree->text->str + PTR_TO_OFFSET (v->name) - 1;
      if (v->kind == YP_JSON_STRING)
        v->string = tree->text->str + PTR_TO_OFFSET (v->string) - 1;
    }
  return (const YpJsonValue *) (gpointer) tree->values->data;
}

/* Appends a value of @kind; returns its index. */
static guint
push (GArray     *values,
      YpJsonKind  kind,
      gsize       name)
{
  YpJsonValue v = { .kind = kind, .size = 1, .name = OFFSET_TO_PTR (name) };

  g_array_append_val (values, v);
  return values->len - 1;
}

static inline YpJsonValue *
value_at (GArray *values,
          guint   index)
{
  return &g_array_index (values, YpJsonValue, index);
}

static inline void
skip_space (Reader *r)
{
  while (r->p < r->end && (*r->p == ' ' || *r->p == '\n' || *r->p == '\r' || *r->p == '\t'))
    r->p++;
}

static int
hex_digit (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* g_string_append_len() without its checks, for the runs of a string. */
static inline void
append (GString    *text,
        const char *bytes,
        gsize       n)
{
  if (G_LIKELY (text->len + n < text->allocated_len))
    {
      memcpy (text->str + text->len, bytes, n);
      text->len += n;
      text->str[text->len] = '\0';
    }
  else
    g_string_append_len (text, bytes, n);
}

/* Reads the string whose opening quote is at r->p onto the end of
 * r->text, with a NUL after it. Returns its offset plus one, 0 when the
 * string is not plain.
 *
 * When the input is known to be UTF-8, the string is too: its quotes and
 * backslashes are ASCII, which never occurs inside a character's bytes,
 * and the escapes taken (no NUL, no surrogates) write whole characters. */
static gsize
read_string (Reader *r)
{
  const char *p = r->p + 1;
  const char *run = p;
  gsize start = r->text->len;

  for (;;)
    {
      guchar c;

      if (p >= r->end)
        return 0;
      p = yp_json_string_run_end (p, r->end);
      if (p >= r->end)
        return 0;
      c = (guchar) *p;
      if (c == '"')
        break;
      if (c < 0x20)
        return 0;
      append (r->text, run, p - run);
      if (p + 1 >= r->end)
        return 0;
      switch (p[1])
        {
        case '"': g_string_append_c (r->text, '"'); break;
        case '\\': g_string_append_c (r->text, '\\'); break;
        case '/': g_string_append_c (r->text, '/'); break;
        case 'b': g_string_append_c (r->text, '\b'); break;
        case 'f': g_string_append_c (r->text, '\f'); break;
        case 'n': g_string_append_c (r->text, '\n'); break;
        case 'r': g_string_append_c (r->text, '\r'); break;
        case 't': g_string_append_c (r->text, '\t'); break;
        case 'u':
          {
            gunichar u = 0;

            if (r->end - p < 6)
              return 0;
            for (guint k = 2; k < 6; k++)
              {
                int d = hex_digit (p[k]);

                if (d < 0)
                  return 0;
                u = u * 16 + d;
              }
            if (u == 0 || (u >= 0xd800 && u <= 0xdfff))
              return 0;
            g_string_append_unichar (r->text, u);
            p += 4;
          }
          break;
        default:
          return 0;
        }
      p += 2;
      run = p;
    }
  append (r->text, run, p - run);
  if (!r->utf8 && !g_utf8_validate_len (r->text->str + start, r->text->len - start, NULL))
    return 0;
  append (r->text, "", 1);
  r->p = p + 1;
  return start + 1;
}

static gboolean
is_end_of_scalar (Reader *r)
{
  if (r->p >= r->end)
    return TRUE;
  switch (*r->p)
    {
    case ' ': case '\n': case '\r': case '\t': case ',': case ']': case '}':
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
read_word (Reader     *r,
           const char *word)
{
  gsize len = strlen (word);

  if ((gsize) (r->end - r->p) < len || memcmp (r->p, word, len) != 0)
    return FALSE;
  r->p += len;
  return is_end_of_scalar (r);
}

static gboolean read_value (Reader *r, guint depth, gsize name);

/* Whether the object at @index already has a member named like the one
 * whose name is at @name in r->text. */
static gboolean
has_member (Reader *r,
            guint   index,
            gsize   name)
{
  YpJsonValue *object = value_at (r->values, index);
  const char *wanted = r->text->str + name - 1;
  guint child = index + 1;

  for (guint i = 0; i < object->n; i++)
    {
      YpJsonValue *v = value_at (r->values, child);

      if (strcmp (r->text->str + PTR_TO_OFFSET (v->name) - 1, wanted) == 0)
        return TRUE;
      child += v->size;
    }
  return FALSE;
}

/* After an element or member: a comma, and *@more is TRUE, or @close,
 * and it is FALSE. FALSE for anything else. */
static gboolean
more_items (Reader   *r,
            char      close,
            gboolean *more)
{
  skip_space (r);
  if (r->p < r->end && *r->p == ',')
    {
      r->p++;
      skip_space (r);
      *more = TRUE;
      return TRUE;
    }
  if (r->p < r->end && *r->p == close)
    {
      r->p++;
      *more = FALSE;
      return TRUE;
    }
  return FALSE;
}

static gboolean
read_object (Reader *r,
             guint   depth,
             gsize   name)
{
  guint index = push (r->values, YP_JSON_OBJECT, name);
  gboolean more;

  r->p++;
  skip_space (r);
  if (r->p < r->end && *r->p == '}')
    r->p++;
  else
    for (;;)
      {
        gsize member;

        if (r->p >= r->end || *r->p != '"' || (member = read_string (r)) == 0 ||
            r->text->str[member - 1] == '\0' ||
            value_at (r->values, index)->n >= MAX_MEMBERS ||
            has_member (r, index, member))
          return FALSE;
        skip_space (r);
        if (r->p >= r->end || *r->p != ':')
          return FALSE;
        r->p++;
        skip_space (r);
        if (!read_value (r, depth + 1, member))
          return FALSE;
        value_at (r->values, index)->n++;
        if (!more_items (r, '}', &more))
          return FALSE;
        if (!more)
          break;
      }
  value_at (r->values, index)->size = r->values->len - index;
  return TRUE;
}

static gboolean
read_array (Reader *r,
            guint   depth,
            gsize   name)
{
  guint index = push (r->values, YP_JSON_ARRAY, name);
  gboolean more;

  r->p++;
  skip_space (r);
  if (r->p < r->end && *r->p == ']')
    r->p++;
  else
    for (;;)
      {
        if (!read_value (r, depth + 1, 0))
          return FALSE;
        value_at (r->values, index)->n++;
        if (!more_items (r, ']', &more))
          return FALSE;
        if (!more)
          break;
      }
  value_at (r->values, index)->size = r->values->len - index;
  return TRUE;
}

/* Appends the value at r->p, a member named at @name (or 0). */
static gboolean
read_value (Reader *r,
            guint   depth,
            gsize   name)
{
  if (r->p >= r->end)
    return FALSE;
  switch (*r->p)
    {
    /* @depth containers hold this value. */
    case '{':
      return depth < MAX_DEPTH && read_object (r, depth, name);
    case '[':
      return depth < MAX_DEPTH && read_array (r, depth, name);
    case '"':
      {
        gsize s = read_string (r);

        if (s == 0)
          return FALSE;
        value_at (r->values, push (r->values, YP_JSON_STRING, name))->string = OFFSET_TO_PTR (s);
        return TRUE;
      }
    case 't':
    case 'f':
      {
        gboolean b = *r->p == 't';

        if (!read_word (r, b ? "true" : "false"))
          return FALSE;
        value_at (r->values, push (r->values, YP_JSON_BOOLEAN, name))->boolean = b;
        return TRUE;
      }
    case 'n':
      if (!read_word (r, "null"))
        return FALSE;
      push (r->values, YP_JSON_NULL, name);
      return TRUE;
    case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': case '8': case '9':
      {
        gint64 value = 0;
        guint digits = 0;

        /* No leading zero: "0" alone. */
        if (*r->p == '0')
          r->p++;
        else
          while (r->p < r->end && *r->p >= '0' && *r->p <= '9')
            {
              if (++digits > 18)
                return FALSE;
              value = value * 10 + (*r->p - '0');
              r->p++;
            }
        if (!is_end_of_scalar (r))
          return FALSE;
        value_at (r->values, push (r->values, YP_JSON_INT, name))->integer = value;
        return TRUE;
      }
    default:
      return FALSE;
    }
}

static const YpJsonValue *
parse (YpJsonTree *tree,
       const char *data,
       gsize       length,
       gboolean    utf8)
{
  Reader r = { data, data + length, tree->values, tree->text, utf8 };

  tree_clear (tree);
  skip_space (&r);
  if (!read_value (&r, 0, 0))
    return NULL;
  skip_space (&r);
  if (r.p != r.end)
    return NULL;
  return tree_finish (tree);
}

/* The tree of the JSON value that is the whole of @data, valid until
 * @tree reads another; NULL when @data is not plain JSON as described
 * above (it may still be JSON). */
const YpJsonValue *
yp_json_tree_parse (YpJsonTree *tree,
                    const char *data,
                    gsize       length)
{
  g_return_val_if_fail (tree != NULL, NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);

  return parse (tree, data, length, FALSE);
}

/* The same, for @data known to be valid UTF-8 (the loader checks a whole
 * file first): its strings are not checked again. */
const YpJsonValue *
yp_json_tree_parse_utf8 (YpJsonTree *tree,
                         const char *data,
                         gsize       length)
{
  g_return_val_if_fail (tree != NULL, NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);

  return parse (tree, data, length, TRUE);
}

static void
copy_node (YpJsonTree *tree,
           JsonNode   *node,
           gsize       name)
{
  guint index;

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *member;
        JsonNode *child;

        index = push (tree->values, YP_JSON_OBJECT, name);
        json_object_iter_init_ordered (&iter, json_node_get_object (node));
        while (json_object_iter_next_ordered (&iter, &member, &child))
          {
            gsize at = tree->text->len + 1;

            g_string_append_len (tree->text, member, strlen (member) + 1);
            copy_node (tree, child, at);
            value_at (tree->values, index)->n++;
          }
        value_at (tree->values, index)->size = tree->values->len - index;
      }
      break;
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        index = push (tree->values, YP_JSON_ARRAY, name);
        for (guint i = 0; i < n; i++)
          copy_node (tree, json_array_get_element (array, i), 0);
        value_at (tree->values, index)->n = n;
        value_at (tree->values, index)->size = tree->values->len - index;
      }
      break;
    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING:
          {
            const char *s = json_node_get_string (node);
            gsize at = tree->text->len + 1;

            g_string_append_len (tree->text, s, strlen (s) + 1);
            value_at (tree->values, push (tree->values, YP_JSON_STRING, name))->string = OFFSET_TO_PTR (at);
          }
          break;
        case G_TYPE_INT64:
          value_at (tree->values, push (tree->values, YP_JSON_INT, name))->integer = json_node_get_int (node);
          break;
        case G_TYPE_BOOLEAN:
          value_at (tree->values, push (tree->values, YP_JSON_BOOLEAN, name))->boolean = json_node_get_boolean (node);
          break;
        case G_TYPE_DOUBLE:
        default:
          value_at (tree->values, push (tree->values, YP_JSON_DOUBLE, name))->number = json_node_get_double (node);
          break;
        }
      break;
    case JSON_NODE_NULL:
    default:
      push (tree->values, YP_JSON_NULL, name);
      break;
    }
}

/* A copy of json-glib's tree @node, valid until @tree reads another. The
 * depth of @node must be bounded (the loader refuses deep files first). */
const YpJsonValue *
yp_json_tree_take_node (YpJsonTree *tree,
                        JsonNode   *node)
{
  g_return_val_if_fail (tree != NULL, NULL);
  g_return_val_if_fail (node != NULL, NULL);

  tree_clear (tree);
  copy_node (tree, node, 0);
  return tree_finish (tree);
}

/* Whether @data is valid UTF-8 with no NUL, as g_utf8_validate_len()
 * says, checking eight bytes at a time while they are ASCII. Only a TRUE
 * is certain to be the same: a caller that wants to know where a bad byte
 * is asks GLib again. The sequences taken are those of the Unicode
 * Standard's table 3-7, what GLib takes (no overlong forms, no surrogates,
 * nothing past U+10FFFF). */
gboolean
yp_json_utf8_validate (const char *data,
                       gsize       length)
{
  const guchar *p = (const guchar *) data;
  const guchar *end = p + length;

  while (p < end)
    {
      guchar c = *p;
      guint n;
      guchar lo = 0x80, hi = 0xbf;

      if (end - p >= 8)
        {
          guint64 x;

          memcpy (&x, p, 8);
          /* No high bit, and no zero byte. */
          if (((x | ((x - G_GUINT64_CONSTANT (0x0101010101010101)) & ~x)) & G_GUINT64_CONSTANT (0x8080808080808080)) == 0)
            {
              p += 8;
              continue;
            }
        }
      if (c < 0x80)
        {
          if (c == 0)
            return FALSE;
          p++;
          continue;
        }
      if (c >= 0xc2 && c <= 0xdf)
        n = 1;
      else if (c >= 0xe0 && c <= 0xef)
        {
          n = 2;
          if (c == 0xe0)
            lo = 0xa0;
          else if (c == 0xed)
            hi = 0x9f;
        }
      else if (c >= 0xf0 && c <= 0xf4)
        {
          n = 3;
          if (c == 0xf0)
            lo = 0x90;
          else if (c == 0xf4)
            hi = 0x8f;
        }
      else
        return FALSE;
      if ((gsize) (end - p) <= n || p[1] < lo || p[1] > hi)
        return FALSE;
      for (guint k = 2; k <= n; k++)
        if (p[k] < 0x80 || p[k] > 0xbf)
          return FALSE;
      p += n + 1;
    }
  return TRUE;
}

/* The member @name of @object, NULL when it has none. */
const YpJsonValue *
yp_json_value_get_member (const YpJsonValue *object,
                          const char        *name)
{
  g_return_val_if_fail (object != NULL && object->kind == YP_JSON_OBJECT, NULL);

  for (const YpJsonValue *m = yp_json_value_first (object); m != NULL; m = yp_json_value_next (object, m))
    if (m->name[0] == name[0] && strcmp (m->name, name) == 0)
      return m;
  return NULL;
}

/* A json-glib tree equal to @value, for comparing and writing out. */
JsonNode *
yp_json_value_to_node (const YpJsonValue *value)
{
  JsonNode *node = json_node_alloc ();

  switch (value->kind)
    {
    case YP_JSON_OBJECT:
      {
        g_autoptr(JsonObject) object = json_object_new ();

        for (const YpJsonValue *m = yp_json_value_first (value); m != NULL; m = yp_json_value_next (value, m))
          json_object_set_member (object, m->name, yp_json_value_to_node (m));
        json_node_init_object (node, object);
      }
      break;
    case YP_JSON_ARRAY:
      {
        g_autoptr(JsonArray) array = json_array_new ();

        for (const YpJsonValue *e = yp_json_value_first (value); e != NULL; e = yp_json_value_next (value, e))
          json_array_add_element (array, yp_json_value_to_node (e));
        json_node_init_array (node, array);
      }
      break;
    case YP_JSON_STRING:
      json_node_init_string (node, value->string);
      break;
    case YP_JSON_INT:
      json_node_init_int (node, value->integer);
      break;
    case YP_JSON_DOUBLE:
      json_node_init_double (node, value->number);
      break;
    case YP_JSON_BOOLEAN:
      json_node_init_boolean (node, value->boolean);
      break;
    case YP_JSON_NULL:
    default:
      json_node_init_null (node);
      break;
    }
  return node;
}
