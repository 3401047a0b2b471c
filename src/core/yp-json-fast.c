/* yp-json-fast.c: a quick parser for plain JSON, with json-glib's trees
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The loader streams a timeline one element at a time (yp-loader.c), and
 * json-glib's scanner, which reads a character at a time through GScanner,
 * was half of a first import. Almost every element is plain JSON: strict
 * RFC 8259 syntax, strings of valid UTF-8, integers. This parser reads
 * exactly that subset, into the same JsonNode tree json-glib makes of it
 * (integers as gint64, members in file order, parents set), and gives up on anything else by returning NULL:
 *   - comments, single-quoted strings, trailing commas, bare words, and
 *     whitespace other than space, tab, CR and LF (json-glib accepts some
 *     of these, and decides itself what they mean);
 *   - numbers with a sign, a fraction, an exponent, a leading zero or more
 *     than 18 digits (json-glib's reading of those is its own);
 *   - strings with control characters, bytes that are not UTF-8, "\u0000"
 *     or a "\u" escape in the surrogate range;
 *   - a name given twice in one object, and nesting deeper than 64.
 * The caller then parses the element with json-glib, which also words any
 * error, so what a file means and what is said of a bad one never depend
 * on which parser read it. tests/test-stream.c checks the two trees are
 * the same for every fixture, hostile file and fuzz input.
 *
 * Every string it accepts has been checked to be UTF-8.
 */
#define G_LOG_DOMAIN "yp-json-fast"

#include "config.h"

#include <string.h>

#include "yp-json-fast.h"

#define MAX_DEPTH 64

typedef struct {
  const char *p;
  const char *end;
  GString    *buf;
} Reader;

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

/* Reads the string whose opening quote is at r->p into r->buf. */
static gboolean
read_string (Reader *r)
{
  const char *p = r->p + 1;
  const char *run = p;

  g_string_truncate (r->buf, 0);
  for (;;)
    {
      guchar c;

      if (p >= r->end)
        return FALSE;
      c = (guchar) *p;
      if (c == '"')
        break;
      if (c < 0x20)
        return FALSE;
      if (c != '\\')
        {
          p++;
          continue;
        }
      g_string_append_len (r->buf, run, p - run);
      if (p + 1 >= r->end)
        return FALSE;
      switch (p[1])
        {
        case '"': g_string_append_c (r->buf, '"'); break;
        case '\\': g_string_append_c (r->buf, '\\'); break;
        case '/': g_string_append_c (r->buf, '/'); break;
        case 'b': g_string_append_c (r->buf, '\b'); break;
        case 'f': g_string_append_c (r->buf, '\f'); break;
        case 'n': g_string_append_c (r->buf, '\n'); break;
        case 'r': g_string_append_c (r->buf, '\r'); break;
        case 't': g_string_append_c (r->buf, '\t'); break;
        case 'u':
          {
            gunichar u = 0;

            if (r->end - p < 6)
              return FALSE;
            for (guint k = 2; k < 6; k++)
              {
                int d = hex_digit (p[k]);

                if (d < 0)
                  return FALSE;
                u = u * 16 + d;
              }
            if (u == 0 || (u >= 0xd800 && u <= 0xdfff))
              return FALSE;
            g_string_append_unichar (r->buf, u);
            p += 4;
          }
          break;
        default:
          return FALSE;
        }
      p += 2;
      run = p;
    }
  g_string_append_len (r->buf, run, p - run);
  if (!g_utf8_validate_len (r->buf->str, r->buf->len, NULL))
    return FALSE;
  r->p = p + 1;
  return TRUE;
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

static JsonNode *read_value (Reader *r, guint depth);

static JsonNode *
read_object (Reader *r,
             guint   depth)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

  r->p++;
  skip_space (r);
  if (r->p < r->end && *r->p == '}')
    r->p++;
  else
    for (;;)
      {
        g_autofree char *name = NULL;
        JsonNode *value;

        if (r->p >= r->end || *r->p != '"' || !read_string (r) || r->buf->len == 0)
          return NULL;
        name = g_strndup (r->buf->str, r->buf->len);
        if (json_object_has_member (object, name))
          return NULL;
        skip_space (r);
        if (r->p >= r->end || *r->p != ':')
          return NULL;
        r->p++;
        skip_space (r);
        value = read_value (r, depth + 1);
        if (value == NULL)
          return NULL;
        json_node_set_parent (value, node);
        json_object_set_member (object, name, value);
        skip_space (r);
        if (r->p < r->end && *r->p == ',')
          {
            r->p++;
            skip_space (r);
            continue;
          }
        if (r->p < r->end && *r->p == '}')
          {
            r->p++;
            break;
          }
        return NULL;
      }
  return g_steal_pointer (&node);
}

static JsonNode *
read_array (Reader *r,
            guint   depth)
{
  g_autoptr(JsonArray) array = json_array_new ();
  g_autoptr(JsonNode) node = json_node_init_array (json_node_alloc (), array);

  r->p++;
  skip_space (r);
  if (r->p < r->end && *r->p == ']')
    r->p++;
  else
    for (;;)
      {
        JsonNode *value = read_value (r, depth + 1);

        if (value == NULL)
          return NULL;
        json_node_set_parent (value, node);
        json_array_add_element (array, value);
        skip_space (r);
        if (r->p < r->end && *r->p == ',')
          {
            r->p++;
            skip_space (r);
            continue;
          }
        if (r->p < r->end && *r->p == ']')
          {
            r->p++;
            break;
          }
        return NULL;
      }
  return g_steal_pointer (&node);
}

static JsonNode *
read_value (Reader *r,
            guint   depth)
{
  if (r->p >= r->end)
    return NULL;
  switch (*r->p)
    {
    /* @depth containers hold this value. */
    case '{':
      return depth < MAX_DEPTH ? read_object (r, depth) : NULL;
    case '[':
      return depth < MAX_DEPTH ? read_array (r, depth) : NULL;
    case '"':
      if (!read_string (r))
        return NULL;
      return json_node_init_string (json_node_alloc (), r->buf->str);
    case 't':
      return read_word (r, "true") ? json_node_init_boolean (json_node_alloc (), TRUE) : NULL;
    case 'f':
      return read_word (r, "false") ? json_node_init_boolean (json_node_alloc (), FALSE) : NULL;
    case 'n':
      return read_word (r, "null") ? json_node_init_null (json_node_alloc ()) : NULL;
    case '0':
      r->p++;
      return is_end_of_scalar (r) ? json_node_init_int (json_node_alloc (), 0) : NULL;
    case '1': case '2': case '3': case '4': case '5': case '6': case '7': case '8': case '9':
      {
        gint64 value = 0;
        guint digits = 0;

        while (r->p < r->end && *r->p >= '0' && *r->p <= '9')
          {
            if (++digits > 18)
              return NULL;
            value = value * 10 + (*r->p - '0');
            r->p++;
          }
        return is_end_of_scalar (r) ? json_node_init_int (json_node_alloc (), value) : NULL;
      }
    default:
      return NULL;
    }
}

/* The tree of the JSON value that is the whole of @data (not sealed: the
 * loader only reads it, and sealing walked the tree again); NULL when
 * @data is not plain JSON as described above (it may still be JSON). */
JsonNode *
yp_json_fast_parse (const char *data,
                    gsize       length)
{
  g_autoptr(GString) buf = g_string_sized_new (256);
  Reader r = { data, data + length, buf };
  JsonNode *root;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  skip_space (&r);
  root = read_value (&r, 0);
  if (root == NULL)
    return NULL;
  skip_space (&r);
  if (r.p != r.end)
    {
      json_node_unref (root);
      return NULL;
    }
  return root;
}
