/* yp-json-fast.c: the strict JSON parser of the readers, into compact trees
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Timelines are RFC 8259 JSON, and this parser reads exactly that: no
 * comments, single-quoted strings, trailing commas, bare words, hexadecimal
 * or octal numbers, or whitespace other than space, tab, CR and LF. On top
 * of the RFC it refuses what a timeline cannot hold: a name given twice in
 * one object, "\u0000" (a NUL cuts a C string short, so a quote or an id
 * would be checked on its first part only), a "\u" escape of half a
 * surrogate pair, an integer past the range of gint64, a number too large
 * for a double, and nesting deeper than YP_JSON_MAX_DEPTH.
 *
 * The readers stream a timeline one element at a time (yp-json-doc.c),
 * each into a YpJsonTree reused for the next: the values of an element in
 * one array and its strings in one buffer. json-glib's scanner, which
 * reads a character at a time through GScanner, was half of a first
 * import, and building and freeing its trees most of what was left.
 *
 * When the bytes are not JSON, the parse stops at the first fault and the
 * tree holds a message for it, the offset where it is, and the JSON path
 * of the value it is in (yp_json_tree_get_error()): finding them costs
 * nothing until a fault is met. tests/test-json-fast.c checks that what is
 * taken, json-glib takes too and makes the same tree of.
 */
#define G_LOG_DOMAIN "yp-json-fast"

#include "config.h"

#include <math.h>
#include <string.h>

#include "yp-json-fast.h"

/* An object with this many members has them looked up in a hash table. */
#define HASHED_MEMBERS 16
/* Bytes of a number or word quoted in a message. */
#define QUOTED_BYTES 40

struct _YpJsonTree {
  GArray     *values;  /* YpJsonValue */
  GString    *text;    /* names and strings, each followed by a NUL */
  guint       outer;   /* containers around what is parsed */
  char       *error;   /* the last parse's fault, if it failed */
  gsize       error_offset;
  GString    *error_path;
};


/* While a tree is read, names and strings are offsets into tree->text
 * (plus one, so that 0 is "none"), turned into pointers at the end: the
 * buffer moves as it grows. */
#define OFFSET_TO_PTR(o) ((const char *) GSIZE_TO_POINTER (o))
#define PTR_TO_OFFSET(p) ((gsize) GPOINTER_TO_SIZE (p))

typedef struct {
  const char *start;
  const char *p;
  const char *end;
  GArray     *values;
  GString    *text;
  gboolean    utf8;    /* the input is known to be UTF-8 */
  guint       max_depth;
  char       *error;   /* the first fault */
  const char *error_at;
  GPtrArray  *path;    /* where it is, innermost first: "name" or "[3]" */
} Reader;

YpJsonTree *
yp_json_tree_new (void)
{
  YpJsonTree *tree = g_new0 (YpJsonTree, 1);

  tree->values = g_array_sized_new (FALSE, FALSE, sizeof (YpJsonValue), 64);
  tree->text = g_string_sized_new (1024);
  tree->error_path = g_string_new (NULL);
  return tree;
}

void
yp_json_tree_free (YpJsonTree *tree)
{
  if (tree == NULL)
    return;
  g_array_unref (tree->values);
  g_string_free (tree->text, TRUE);
  g_string_free (tree->error_path, TRUE);
  g_free (tree->error);
  g_free (tree);
}

void
yp_json_tree_set_outer_depth (YpJsonTree *tree,
                              guint       outer)
{
  tree->outer = outer;
}

const char *
yp_json_tree_get_error (YpJsonTree  *tree,
                        gsize       *offset,
                        const char **path)
{
  if (offset != NULL)
    *offset = tree->error_offset;
  if (path != NULL)
    *path = tree->error_path->str;
  return tree->error;
}

static void
tree_clear (YpJsonTree *tree)
{
  g_array_set_size (tree->values, 0);
  g_string_truncate (tree->text, 0);
  g_clear_pointer (&tree->error, g_free);
  tree->error_offset = 0;
  g_string_truncate (tree->error_path, 0);
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

/* Faults */

static gboolean fail (Reader *r, const char *at, const char *format, ...) G_GNUC_PRINTF (3, 4);

/* Records the first fault, at @at; returns FALSE. */
static gboolean
fail (Reader     *r,
      const char *at,
      const char *format,
      ...)
{
  va_list args;

  if (r->error != NULL)
    return FALSE;
  va_start (args, format);
  r->error = g_strdup_vprintf (format, args);
  va_end (args);
  r->error_at = at;
  return FALSE;
}

/* The fault was inside the value at @part ("name" or "[index]") of the
 * container being read: its path grows outwards as the parse unwinds. */
static gboolean
fail_inside (Reader     *r,
             const char *part,
             guint       index)
{
  if (r->path == NULL)
    r->path = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (r->path, part != NULL ? g_utf8_make_valid (part, -1) : g_strdup_printf ("[%u]", index));
  return FALSE;
}

char *
yp_json_describe (const char *p,
                  const char *end)
{
  gunichar c;

  if (p >= end)
    return g_strdup ("the end of the file");
  c = (guchar) *p;
  if (c >= 0x80)
    {
      c = g_utf8_get_char_validated (p, end - p);
      if (c == (gunichar) -1 || c == (gunichar) -2)
        return g_strdup_printf ("the byte 0x%02X", (guchar) *p);
    }
  if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0))
    return g_strdup_printf ("the control character U+%04X", c);
  if (c == 0xfeff)
    return g_strdup ("a byte-order mark (U+FEFF)");
  {
    char buf[8] = { 0 };

    g_unichar_to_utf8 (c, buf);
    return g_strdup_printf ("“%s”", buf);
  }
}

static char *
describe (Reader     *r,
          const char *p)
{
  return yp_json_describe (p, r->end);
}

/* The token at @p as a message quotes it: what looks like a number or a
 * word, cut short. */
static char *
token_at (Reader     *r,
          const char *p)
{
  const char *q = p;

  while (q < r->end && q - p < QUOTED_BYTES &&
         (g_ascii_isalnum (*q) || *q == '.' || *q == '+' || *q == '-' || *q == '_' || *q == '$'))
    q++;
  if (q == p)
    return describe (r, p);
  return g_strdup_printf ("“%.*s%s”", (int) (q - p), p,
                          q < r->end && g_ascii_isalnum (*q) ? "…" : "");
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

/* The value of the four hex digits after "\u" at @p, or -1. */
static int
hex4 (Reader     *r,
      const char *p)
{
  int u = 0;

  if (r->end - p < 6)
    return -1;
  for (guint k = 2; k < 6; k++)
    {
      int d = hex_digit (p[k]);

      if (d < 0)
        return -1;
      u = u * 16 + d;
    }
  return u;
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
 * r->text, with a NUL after it. Returns its offset plus one, 0 on a fault.
 *
 * When the input is known to be UTF-8, the string is too: its quotes and
 * backslashes are ASCII, which never occurs inside a character's bytes,
 * and the escapes taken (no NUL, no lone surrogates) write whole
 * characters. */
static gsize
read_string (Reader *r)
{
  const char *open = r->p;
  const char *p = r->p + 1;
  const char *run = p;
  gsize start = r->text->len;

  for (;;)
    {
      guchar c;

      p = yp_json_string_run_end (p, r->end);
      if (p >= r->end)
        return fail (r, open, "the string that starts here is not closed");
      c = (guchar) *p;
      if (c == '"')
        break;
      if (c < 0x20)
        return fail (r, p, "the control character U+%04X in a string: write it as an escape, such as “\\n”", c);
      append (r->text, run, p - run);
      if (p + 1 >= r->end)
        return fail (r, open, "the string that starts here is not closed");
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
            int u = hex4 (r, p);

            if (u < 0)
              return fail (r, p, "“\\u” must be followed by four hex digits");
            if (u == 0)
              return fail (r, p, "“\\u0000” in a string: a timeline's text cannot hold a NUL character");
            if (u >= 0xdc00 && u <= 0xdfff)
              return fail (r, p, "“\\u%04X” is the second half of a surrogate pair, without a first", u);
            if (u >= 0xd800 && u <= 0xdbff)
              {
                int low = p + 7 < r->end && p[6] == '\\' && p[7] == 'u' ? hex4 (r, p + 6) : -1;

                if (low < 0xdc00 || low > 0xdfff)
                  return fail (r, p, "“\\u%04X” is the first half of a surrogate pair, without a second", u);
                u = 0x10000 + ((u - 0xd800) << 10) + (low - 0xdc00);
                p += 6;
              }
            g_string_append_unichar (r->text, u);
            p += 4;
          }
          break;
        default:
          {
            g_autofree char *what = describe (r, p + 1);

            return fail (r, p, "“\\” followed by %s is not an escape (JSON has \\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t and \\uXXXX)", what);
          }
        }
      p += 2;
      run = p;
    }
  append (r->text, run, p - run);
  if (!r->utf8)
    {
      const char *bad = NULL;

      if (!g_utf8_validate_len (r->text->str + start, r->text->len - start, &bad))
        return fail (r, open, "the string that starts here is not valid UTF-8");
    }
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
    case ' ': case '\n': case '\r': case '\t': case ',': case ']': case '}': case ':':
      return TRUE;
    default:
      return FALSE;
    }
}

/* A bare word that is not a JSON value: "True", "undefined", "NaN". */
static gboolean
fail_word (Reader     *r,
           const char *at)
{
  g_autofree char *word = token_at (r, at);

  return fail (r, at, "%s is not a JSON value (JSON has true, false, null, numbers, strings, arrays and objects)", word);
}

static gboolean
read_word (Reader     *r,
           const char *word)
{
  const char *at = r->p;
  gsize len = strlen (word);

  if ((gsize) (r->end - r->p) < len || memcmp (r->p, word, len) != 0)
    return fail_word (r, at);
  r->p += len;
  if (!is_end_of_scalar (r))
    return fail_word (r, at);
  return TRUE;
}

/* A number, as RFC 8259 writes them: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
 * Whole numbers are kept as gint64, the rest as doubles. */
static gboolean
read_number (Reader *r,
             gsize   name)
{
  const char *at = r->p;
  const char *q = r->p;
  gboolean negative = FALSE, whole = TRUE;

  if (*q == '-')
    {
      negative = TRUE;
      q++;
    }
  if (q >= r->end || !g_ascii_isdigit (*q))
    goto bad;
  if (*q == '0')
    {
      q++;
      if (q < r->end && g_ascii_isdigit (*q))
        {
          g_autofree char *token = token_at (r, at);

          return fail (r, at, "%s is not a JSON number: a number does not start with 0 (JSON has no octal numbers)", token);
        }
    }
  else
    while (q < r->end && g_ascii_isdigit (*q))
      q++;
  if (q < r->end && *q == '.')
    {
      whole = FALSE;
      q++;
      if (q >= r->end || !g_ascii_isdigit (*q))
        goto bad;
      while (q < r->end && g_ascii_isdigit (*q))
        q++;
    }
  if (q < r->end && (*q == 'e' || *q == 'E'))
    {
      whole = FALSE;
      q++;
      if (q < r->end && (*q == '+' || *q == '-'))
        q++;
      if (q >= r->end || !g_ascii_isdigit (*q))
        goto bad;
      while (q < r->end && g_ascii_isdigit (*q))
        q++;
    }
  r->p = q;
  if (!is_end_of_scalar (r))
    goto bad;

  if (whole)
    {
      guint64 magnitude = 0;
      const guint64 limit = negative ? (guint64) G_MAXINT64 + 1 : (guint64) G_MAXINT64;

      for (const char *d = at + negative; d < q; d++)
        {
          guint digit = *d - '0';

          if (magnitude > (limit - digit) / 10)
            {
              g_autofree char *token = token_at (r, at);

              return fail (r, at, "the number %s is too large: whole numbers must lie between "
                           "-9223372036854775808 and 9223372036854775807", token);
            }
          magnitude = magnitude * 10 + digit;
        }
      value_at (r->values, push (r->values, YP_JSON_INT, name))->integer =
        negative ? (gint64) (0 - magnitude) : (gint64) magnitude;
    }
  else
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE * 2];
      g_autofree char *heap = NULL;
      gsize len = q - at;
      char *copy = len < sizeof buf ? buf : (heap = g_malloc (len + 1));
      double value;

      memcpy (copy, at, len);
      copy[len] = '\0';
      value = g_ascii_strtod (copy, NULL);
      if (!isfinite (value))
        {
          g_autofree char *token = token_at (r, at);

          return fail (r, at, "the number %s is too large", token);
        }
      value_at (r->values, push (r->values, YP_JSON_DOUBLE, name))->number = value;
    }
  return TRUE;

bad:
  {
    g_autofree char *token = token_at (r, at);

    if (q < r->end && (*q == 'x' || *q == 'X') && q == at + negative + 1 && at[negative] == '0')
      return fail (r, at, "%s is not a JSON number (JSON has no hexadecimal numbers)", token);
    return fail (r, at, "%s is not a JSON number", token);
  }
}

static gboolean read_value (Reader *r, guint depth, gsize name);

/* Whether the object at @index already has a member named like the one
 * whose name is at @name in r->text: small objects are searched, large
 * ones have @names. */
static gboolean
has_member (Reader      *r,
            guint        index,
            gsize        name,
            GHashTable **names)
{
  YpJsonValue *object = value_at (r->values, index);
  const char *wanted = r->text->str + name - 1;
  guint child = index + 1;

  if (*names == NULL && object->n >= HASHED_MEMBERS)
    {
      *names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = 0; i < object->n; i++)
        {
          YpJsonValue *v = value_at (r->values, child);

          g_hash_table_add (*names, g_strdup (r->text->str + PTR_TO_OFFSET (v->name) - 1));
          child += v->size;
        }
    }
  if (*names != NULL)
    return !g_hash_table_add (*names, g_strdup (wanted));
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
  g_autoptr(GHashTable) names = NULL;
  guint index = push (r->values, YP_JSON_OBJECT, name);
  gboolean more;

  r->p++;
  skip_space (r);
  if (r->p < r->end && *r->p == '}')
    r->p++;
  else
    for (;;)
      {
        const char *name_at = r->p;
        gsize member;

        if (r->p >= r->end || *r->p != '"')
          {
            g_autofree char *what = describe (r, r->p);

            return fail (r, r->p, "expected a member name (a string in double quotes)%s, found %s",
                         value_at (r->values, index)->n == 0 ? " or “}”" : "", what);
          }
        if ((member = read_string (r)) == 0)
          return FALSE;
        if (has_member (r, index, member, &names))
          return fail (r, name_at, "duplicate key “%s”", r->text->str + member - 1);
        skip_space (r);
        if (r->p >= r->end || *r->p != ':')
          {
            g_autofree char *what = describe (r, r->p);

            return fail (r, r->p, "expected “:” after the member name “%s”, found %s",
                         r->text->str + member - 1, what);
          }
        r->p++;
        skip_space (r);
        if (!read_value (r, depth + 1, member))
          return fail_inside (r, r->text->str + member - 1, 0);
        value_at (r->values, index)->n++;
        if (!more_items (r, '}', &more))
          {
            g_autofree char *what = describe (r, r->p);

            return fail (r, r->p, "expected “,” or “}” after the member “%s”, found %s",
                         r->text->str + member - 1, what);
          }
        if (!more)
          break;
        if (r->p < r->end && *r->p == '}')
          return fail (r, r->p, "a comma before “}”: JSON has no trailing commas");
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
    for (guint i = 0;; i++)
      {
        if (!read_value (r, depth + 1, 0))
          return fail_inside (r, NULL, i);
        value_at (r->values, index)->n++;
        if (!more_items (r, ']', &more))
          {
            g_autofree char *what = describe (r, r->p);

            return fail (r, r->p, "expected “,” or “]” after an element, found %s", what);
          }
        if (!more)
          break;
        if (r->p < r->end && *r->p == ']')
          return fail (r, r->p, "a comma before “]”: JSON has no trailing commas");
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
    return fail (r, r->p, "expected a value, found the end of the file");
  switch (*r->p)
    {
    /* @depth containers hold this value. */
    case '{':
    case '[':
      if (depth >= r->max_depth)
        return fail (r, r->p, "arrays and objects nest deeper than %d levels", YP_JSON_MAX_DEPTH);
      return *r->p == '{' ? read_object (r, depth, name) : read_array (r, depth, name);
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
    case '-': case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': case '8': case '9':
      return read_number (r, name);
    case ']':
    case '}':
    case ',':
      {
        g_autofree char *what = describe (r, r->p);

        return fail (r, r->p, "expected a value, found %s", what);
      }
    default:
      if (g_ascii_isalpha (*r->p) || *r->p == '_' || *r->p == '$' || *r->p == '+' || *r->p == '.')
        return fail_word (r, r->p);
      {
        g_autofree char *what = describe (r, r->p);

        return fail (r, r->p, "expected a value, found %s%s", what,
                     *r->p == '\'' ? " (JSON strings are in double quotes)"
                     : *r->p == '/' ? " (JSON has no comments)" : "");
      }
    }
}

static const YpJsonValue *
parse (YpJsonTree *tree,
       const char *data,
       gsize       length,
       gboolean    utf8)
{
  Reader r = {
    .start = data, .p = data, .end = data + length, .values = tree->values, .text = tree->text,
    .utf8 = utf8, .max_depth = YP_JSON_MAX_DEPTH > tree->outer ? YP_JSON_MAX_DEPTH - tree->outer : 0,
  };
  gboolean ok;

  tree_clear (tree);
  skip_space (&r);
  ok = read_value (&r, 0, 0);
  if (ok)
    {
      skip_space (&r);
      if (r.p != r.end)
        {
          g_autofree char *what = describe (&r, r.p);

          ok = fail (&r, r.p, "expected the end of the file after the value, found %s", what);
        }
    }
  if (ok)
    return tree_finish (tree);

  tree->error = g_steal_pointer (&r.error);
  tree->error_offset = r.error_at - data;
  if (r.path != NULL)
    {
      for (guint i = r.path->len; i-- > 0;)
        {
          const char *part = g_ptr_array_index (r.path, i);

          if (part[0] != '[' && tree->error_path->len > 0)
            g_string_append_c (tree->error_path, '.');
          g_string_append (tree->error_path, part);
        }
      g_ptr_array_unref (r.path);
    }
  return NULL;
}

/* The tree of the JSON value that is the whole of @data, valid until
 * @tree reads another; NULL when @data is not JSON as described above
 * (yp_json_tree_get_error() says why and where). */
const YpJsonValue *
yp_json_tree_parse (YpJsonTree *tree,
                    const char *data,
                    gsize       length)
{
  g_return_val_if_fail (tree != NULL, NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);

  return parse (tree, data, length, FALSE);
}

/* The same, for @data known to be valid UTF-8 (the readers check a whole
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
 * depth of @node must be bounded. */
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
