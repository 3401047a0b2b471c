/* yp-json-doc.c: the JSON document scan, the second layer of the readers
 * (see yp-json-doc-private.h): checks a file's bytes before anything
 * parses them, scans its top level without parsing it, and hands the
 * readers one element at a time as a YpJsonTree.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "yp-json-doc"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "yp-file-bytes-private.h"
#include "yp-json-doc-private.h"
#include "yp-json-fast.h"

/* Looks at the bytes for what json-glib 1.6 cannot be trusted with, before
 * it parses them:
 *  - nesting: its parser recurses once per array or object, so a file of a
 *    million "[" overflows the stack;
 *  - "\u" escapes: one without four hex digits is decoded anyway, into
 *    bytes that are not UTF-8 (GTK then refuses the string with a
 *    critical).
 * Brackets are counted the way json-glib's scanner sees them: not inside
 * "strings" (with backslash escapes), 'strings' (without) or comments,
 * all of which it accepts. Its comments are not C's: one runs from a "/"
 * to the next "/", so "/ * ... * /" is one, but "/ * a/b * /" ends at "a/". A bracket json-glib would never reach (after a
 * syntax error) may be counted too: that only refuses a file that json-glib
 * would refuse anyway. Returns NULL, or what is wrong with *offset set to
 * where. */
/* The value of four hex digits, or G_MAXUINT32. */
static gunichar
hex4 (const char *s)
{
  gunichar value = 0;

  for (guint k = 0; k < 4; k++)
    {
      if (!g_ascii_isxdigit (s[k]))
        return G_MAXUINT32;
      value = value * 16 + g_ascii_xdigit_value (s[k]);
    }
  return value;
}

static const char *
prescan (const char *data,
         gsize       length,
         gboolean    mapped,
         gsize      *offset)
{
  guint depth = 0;
  gsize next_release = YP_FILE_RELEASE_STEP;

  for (gsize i = 0; i < length; i++)
    {
      if (G_UNLIKELY (mapped && i >= next_release))
        {
          yp_file_bytes_release (data, next_release - YP_FILE_RELEASE_STEP, i);
          next_release = i + YP_FILE_RELEASE_STEP;
        }
      switch (data[i])
        {
        case '"':
          for (i++; i < length && data[i] != '"'; i++)
            {
              /* On to the next quote or backslash. */
              i = yp_json_string_run_end (data + i, data + length) - data;
              if (i >= length || data[i] == '"')
                break;
              if (data[i] != '\\')
                continue;
              if (i + 1 < length && data[i + 1] == 'u')
                {
                  for (guint k = 2; k < 6; k++)
                    if (i + k >= length || !g_ascii_isxdigit (data[i + k]))
                      {
                        *offset = i;
                        return "“\\u” must be followed by four hex digits";
                      }
                  /* Half a surrogate pair then another "\u" that does not
                   * make the pair whole: json-glib refuses it, and leaks
                   * the string it was reading. */
                  if (i + 11 < length && data[i + 6] == '\\' && data[i + 7] == 'u')
                    {
                      gunichar half = hex4 (data + i + 2);
                      gunichar next = hex4 (data + i + 8);

                      if (half >= 0xd800 && half <= 0xdfff && next != G_MAXUINT32)
                        {
                          if (half >= 0xdc00 || next < 0xdc00 || next > 0xdfff)
                            {
                              *offset = i;
                              return "a “\\u” escape of half a surrogate pair must be a high one followed by a low one";
                            }
                          /* A whole pair: on past its first half. */
                          i += 6;
                        }
                    }
                }
              i++;
            }
          break;
        case '\'':
          for (i++; i < length && data[i] != '\''; i++)
            ;
          break;
        case '/':
          /* json-glib's comments run from a "/" to the next one: "/ * x * /"
           * is one, and so is "// x /"; a bracket after "/ * a/" is real. */
          for (i++; i < length && data[i] != '/'; i++)
            ;
          break;
        case '[':
        case '{':
          if (++depth > YP_JSON_MAX_NESTING)
            {
              *offset = i;
              return "arrays and objects nest deeper than " G_STRINGIFY (YP_JSON_MAX_NESTING) " levels";
            }
          break;
        case ']':
        case '}':
          if (depth > 0)
            depth--;
          break;
        default:
          break;
        }
    }
  return NULL;
}

/* Whatever json-glib made of the escapes, every name and string must be
 * UTF-8. Returns FALSE with the JSON path of the first that is not. The
 * recursion is bounded by YP_JSON_MAX_NESTING. */
gboolean
yp_json_strings_are_utf8 (JsonNode *node,
                          GString  *path)
{
  gsize len = path->len;

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autoptr(GList) members = json_object_get_members (json_node_get_object (node));

      for (const GList *l = members; l != NULL; l = l->next)
        {
          const char *name = l->data;

          if (!g_utf8_validate (name, -1, NULL))
            return FALSE;
          if (len > 0)
            g_string_append_c (path, '.');
          g_string_append (path, name);
          if (!yp_json_strings_are_utf8 (json_object_get_member (json_node_get_object (node), name), path))
            return FALSE;
          g_string_truncate (path, len);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_string_append_printf (path, "[%u]", i);
          if (!yp_json_strings_are_utf8 (json_array_get_element (array, i), path))
            return FALSE;
          g_string_truncate (path, len);
        }
    }
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return g_utf8_validate (json_node_get_string (node), -1, NULL);
  return TRUE;
}
static gboolean
check_json_bytes (const char  *path,
                  const char  *data,
                  gsize        length,
                  gsize        max,
                  gboolean     mapped,
                  GError     **error)
{
  const char *problem;
  const char *bad = NULL;
  gsize offset = 0;
  gboolean utf8 = TRUE;

  if (length > max)
    return yp_file_fail (error, path, "the file is %" G_GSIZE_FORMAT " MB; timelines are limited to %" G_GSIZE_FORMAT " MB",
                           length / (1024 * 1024), max / (1024 * 1024));
  if (length == 0)
    return yp_file_fail (error, path, "the file is empty");
  /* A NUL anywhere is said first, then bad UTF-8. A step at a time, for
   * a mapped file to be handed back as it is read; the UTF-8 quick check
   * is given whole characters. */
  for (gsize from = 0; from < length;)
    {
      gsize to = MIN (from + YP_FILE_RELEASE_STEP, length);

      while (to < length && to > from && ((guchar) data[to] & 0xc0) == 0x80)
        to--;
      if (to == from)
        to = MIN (from + YP_FILE_RELEASE_STEP, length);
      if (memchr (data + from, '\0', to - from) != NULL)
        return yp_file_fail (error, path, "the file contains NUL bytes; it is not a JSON text file");
      if (utf8)
        utf8 = yp_json_utf8_validate (data + from, to - from);
      if (mapped)
        yp_file_bytes_release (data, from, to);
      from = to;
    }
  /* GLib finds where a bad byte is. */
  if (!utf8 && !g_utf8_validate (data, length, &bad))
    return yp_file_fail (error, path, "the file is not valid UTF-8 (first bad byte at offset %" G_GSIZE_FORMAT ")",
                           (gsize) (bad - data));
  problem = prescan (data, length, mapped, &offset);
  if (problem != NULL)
    {
      guint line = 1;

      for (gsize i = 0; i < offset; i++)
        line += data[i] == '\n';
      return yp_file_fail (error, path, "%s at line %u (byte offset %" G_GSIZE_FORMAT ")", problem, line, offset);
    }
  return TRUE;
}

gboolean
yp_json_check_bytes (const char  *path,
                     const char  *data,
                     gsize        length,
                     gsize        max,
                     GError     **error)
{
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  return check_json_bytes (path, data, length, max, FALSE, error);
}

/* The scan
 *
 * A timeline of a million events is 380 MB, and json-glib's tree of it
 * would take gigabytes. So the top level is scanned here, byte by byte,
 * the way json-glib's scanner reads it: spaces, tabs, CR and LF between
 * tokens, comments (from a "/" to the next, see prescan()), "strings"
 * with backslash escapes and 'strings' without. The scan finds each
 * member of the top-level object and, in every array there, each
 * element's bytes, without looking inside them. Then one element at a
 * time is parsed into a YpJsonTree (yp-json-fast.h) reused for the next:
 * by the quick parser when the element is plain JSON, nearly always, and
 * otherwise by json-glib, whose tree is copied into it. The readers above
 * see the same values either way.
 *
 * What json-glib accepts, the scanner accepts, with two exceptions, both
 * refused with a line and column: text after the top-level value (json-glib
 * quietly ignores a second object or array there) and a JavaScript
 * assignment "var name = {...};" around it.
 *
 * json-glib's own messages are kept for syntax errors. One found inside an
 * element comes from parsing the element alone: the line and column it
 * gives are moved by where the element starts. One found by the scanner,
 * between elements, is found again by json-glib from the last point where
 * the scanner knows json-glib's state exactly (after an element, a member,
 * an opening bracket): the few bytes before the error are parsed behind a
 * short prefix that leaves json-glib in that state, such as {"x":[{} after
 * an object in an array. Either way the error reported is the first in
 * the file, as if json-glib had parsed all of it: elements before the
 * error that were not parsed yet are parsed first. */

typedef struct {
  gsize start;
  gsize end;
} Slice;

struct _YpJsonMember {
  char     *name;      /* as json-glib decodes it */
  gboolean  is_array;
  guint     first;     /* its elements: doc->slices[first, first + n) */
  guint     n;
};

typedef YpJsonMember Member;

/* A point where json-glib can take up the scan: after @prefix, which
 * leaves its parser in the state it is in at byte @at of the file. */
typedef struct {
  gsize       at;
  const char *prefix;
} Resume;

/* The prefixes for an array inside the top-level object, and for the
 * top-level array itself: at its start, after an array element, after an
 * object element. */
static const char *member_array_prefixes[] = { "{\"x\":[", "{\"x\":[[]", "{\"x\":[{}" };
static const char *top_array_prefixes[] = { "[", "[[]", "[{}" };

struct _YpJsonDoc {
  char       *file;
  const char *data;
  gsize       length;
  JsonParser *parser;       /* reused for every element */
  GArray     *slices;       /* Slice: every element of every array at or
                             * directly under the top level, in file order */
  GArray     *members;      /* Member: every member of the top-level object,
                             * in file order, repeated names included */
  GHashTable *last;         /* name -> index in members + 1 of its last
                             * occurrence, whose value json-glib keeps */
  JsonNode   *top;          /* the object as json-glib would hold it, each
                             * array member an empty placeholder */
  YpJsonTree *tree;         /* for the quick parser */
  YpJsonTop   top_kind;
  guint       top_first;    /* a top-level array's elements */
  guint       top_n;
  gboolean    mapped;       /* data is a mapped file */
  gsize       released;     /* its pages before this were handed back */
  gsize       unreleased;   /* bytes read out of order since */
};

/* Pages of a mapped file that a pass over it has gone past are handed
 * back every 16 MB. Each pass starts again from its first offset. */
static inline void
doc_read_to (YpJsonDoc *doc,
             gsize      offset)
{
  if (G_UNLIKELY (doc->mapped && offset >= doc->released + YP_FILE_RELEASE_STEP))
    {
      yp_file_bytes_release (doc->data, doc->released, offset);
      doc->released = offset;
    }
}

void
yp_json_doc_start_pass (YpJsonDoc          *doc,
                        const YpJsonMember *m)
{
  doc->released = m->n > 0 ? g_array_index (doc->slices, Slice, m->first).start : 0;
}

/* Read out of order: every 16 MB read, all of it. */
void
yp_json_doc_read_out_of_order (YpJsonDoc          *doc,
                               const YpJsonMember *m,
                               guint               index)
{
  const Slice *s = &g_array_index (doc->slices, Slice, m->first + index);

  if (doc->mapped && (doc->unreleased += s->end - s->start) >= YP_FILE_RELEASE_STEP)
    {
      yp_file_bytes_release (doc->data, 0, doc->length);
      doc->unreleased = 0;
    }
}

void
yp_json_doc_free (YpJsonDoc *doc)
{
  if (doc == NULL)
    return;
  for (guint i = 0; i < doc->members->len; i++)
    g_free (g_array_index (doc->members, Member, i).name);
  g_array_unref (doc->members);
  g_array_unref (doc->slices);
  g_hash_table_unref (doc->last);
  g_clear_pointer (&doc->top, json_node_unref);
  g_clear_pointer (&doc->tree, yp_json_tree_free);
  g_clear_object (&doc->parser);
  g_free (doc->file);
  g_free (doc);
}

YpJsonTop
yp_json_doc_get_top (YpJsonDoc *doc)
{
  return doc->top_kind;
}

const YpJsonMember *
yp_json_doc_lookup (YpJsonDoc  *doc,
                    const char *name)
{
  guint index = GPOINTER_TO_UINT (g_hash_table_lookup (doc->last, name));

  return index > 0 ? &g_array_index (doc->members, Member, index - 1) : NULL;
}

gboolean
yp_json_doc_has_member (YpJsonDoc  *doc,
                        const char *name,
                        gboolean   *is_array)
{
  const Member *m = yp_json_doc_lookup (doc, name);

  if (is_array != NULL)
    *is_array = m != NULL && m->is_array;
  return m != NULL;
}

static inline gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Ends a number, a word (true, null...) or whatever else json-glib would
 * try to read as one token. */
static inline gboolean
is_delimiter (char c)
{
  return is_space (c) || strchr (",:[]{}\"'/", c) != NULL;
}

/* The end of the comment whose "/" is at @p: just after the next "/", as
 * json-glib reads them (see prescan()); 0 if there is none. */
static gsize
comment_end (const char *data,
             gsize       length,
             gsize       p)
{
  const char *end = p + 1 < length ? memchr (data + p + 1, '/', length - p - 1) : NULL;

  return end != NULL ? (gsize) (end - data) + 1 : 0;
}

/* Skips spaces and comments from *i. FALSE at a comment that does not end
 * (an error to json-glib), with *i on its "/". */
static gboolean
skip_space (const char *data,
            gsize       length,
            gsize      *i)
{
  gsize p = *i;

  while (p < length)
    {
      if (is_space (data[p]))
        p++;
      else if (data[p] == '/')
        {
          gsize end = comment_end (data, length, p);

          if (end == 0)
            {
              *i = p;
              return FALSE;
            }
          p = end;
        }
      else
        break;
    }
  *i = p;
  return TRUE;
}

/* From the quote at *i to just after the one that closes the string. FALSE
 * if none does. */
static gboolean
skip_string (const char *data,
             gsize       length,
             gsize      *i)
{
  char quote = data[*i];
  gsize p = *i + 1;

  for (;;)
    {
      const char *q = p < length ? memchr (data + p, quote, length - p) : NULL;
      gsize backslashes = 0;

      if (q == NULL)
        {
          *i = length;
          return FALSE;
        }
      p = q - data;
      /* 'strings' have no escapes; in "strings" a quote after an odd
       * number of backslashes is escaped. */
      if (quote == '"')
        while (p - backslashes > *i + 1 && data[p - backslashes - 1] == '\\')
          backslashes++;
      p++;
      if (backslashes % 2 == 0)
        {
          *i = p;
          return TRUE;
        }
    }
}

/* From the bracket at *i to just after the one that closes it, of either
 * kind: json-glib refuses a mismatch when it parses the element. FALSE at
 * the end of the bytes. prescan() has bounded the depth. */
static gboolean
skip_container (const char *data,
                gsize       length,
                gsize      *i)
{
  guint depth = 0;
  gsize p = *i;

  while (p < length)
    {
      switch (data[p])
        {
        case '"':
        case '\'':
          if (!skip_string (data, length, &p))
            return FALSE;
          continue;
        case '/':
          p = comment_end (data, length, p);
          if (p == 0)
            return FALSE;
          continue;
        case '[':
        case '{':
          depth++;
          break;
        case ']':
        case '}':
          if (--depth == 0)
            {
              *i = p + 1;
              return TRUE;
            }
          break;
        default:
          break;
        }
      p++;
    }
  return FALSE;
}

/* The end of the scalar at @p: a number or word, after a "-" and spaces if
 * there is one, as json-glib reads "- 1" as -1. */
static gsize
scalar_end (const char *data,
            gsize       length,
            gsize       p)
{
  if (p < length && data[p] == '-')
    {
      p++;
      skip_space (data, length, &p);
    }
  while (p < length && !is_delimiter (data[p]))
    p++;
  return p;
}

/* The end of the token at @p, for the bytes json-glib needs to see it. */
static gsize
token_end (const char *data,
           gsize       length,
           gsize       p)
{
  if (p >= length)
    return length;
  if (data[p] == '"' || data[p] == '\'')
    {
      skip_string (data, length, &p);
      return p;
    }
  if (is_delimiter (data[p]))
    return p + 1;
  return scalar_end (data, length, p);
}

/* json-glib's "<data>:LINE:COLUMN: ..." is about the bytes it was given:
 * @prefix_len bytes of context, then the file's from @origin. Returns the
 * message with the line and column in the file. json-glib counts columns
 * in bytes from 1, and gives column 0 at the start of a line. */
static char *
remap_message (YpJsonDoc  *doc,
               const char *message,
               gsize       origin,
               gsize       prefix_len)
{
  guint line = 0, column = 0, file_line = 1;
  gsize line_start = 0;
  gint64 file_column;
  int n = 0;

  if (sscanf (message, "<data>:%u:%u:%n", &line, &column, &n) != 2 || n == 0)
    return g_strdup (message);
  for (gsize i = 0; i < origin; i++)
    if (doc->data[i] == '\n')
      {
        file_line++;
        line_start = i + 1;
      }
  if (line <= 1)
    file_column = MAX ((gint64) column + (gint64) (origin - line_start) - (gint64) prefix_len, 0);
  else
    {
      file_line += line - 1;
      file_column = column;
    }
  return g_strdup_printf ("<data>:%u:%" G_GINT64_FORMAT ":%s", file_line, file_column, message + n);
}

/* What json-glib says of the file's bytes from @r->at to @until (and a
 * little more: its scanner reads on after a "\u" escape of half a
 * surrogate pair), after @r->prefix; NULL if it finds nothing wrong. What
 * comes after is never parsed. */
static char *
resume_message (YpJsonDoc    *doc,
                const Resume *r,
                gsize         until)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) bytes = g_string_new (r->prefix);
  gsize end = MIN (until + 256, doc->length);

  g_string_append_len (bytes, doc->data + r->at, end - r->at);
  if (json_parser_load_from_data (parser, bytes->str, bytes->len, &error))
    return NULL;
  return remap_message (doc, error->message, r->at, strlen (r->prefix));
}

/* What json-glib says of what follows the top-level value at @at, if it
 * finds it wrong. It would quietly parse another whole object or array
 * there (and leak it), which could be as large as the file: only one cut
 * short, in a small rest of the file, is left to it. */
static char *
trailing_message (YpJsonDoc    *doc,
                  const Resume *r,
                  gsize         at)
{
  gsize end = at;

  if (doc->data[at] != '{' && doc->data[at] != '[')
    return resume_message (doc, r, token_end (doc->data, doc->length, at));
  if (doc->length - at <= 64 * 1024 && !skip_container (doc->data, doc->length, &end))
    return resume_message (doc, r, doc->length);
  return NULL;
}

/* Our own message, where json-glib would have accepted the bytes. */
static char *
own_message (YpJsonDoc  *doc,
             gsize       at,
             const char *what)
{
  guint line = 1;
  gsize line_start = 0;

  for (gsize i = 0; i < at && i < doc->length; i++)
    if (doc->data[i] == '\n')
      {
        line++;
        line_start = i + 1;
      }
  return g_strdup_printf ("<data>:%u:%" G_GSIZE_FORMAT ": Parse error: %s", line, at - line_start + 1, what);
}

/* Parses the element or value @s alone; NULL with *@message set when it
 * is not valid. The message is json-glib's in place, from @context: it
 * reads "1x" alone differently from "[1x", and where its scanner reads a
 * string differently (after half a surrogate pair) it stops elsewhere. */
static JsonNode *
doc_parse_slice (YpJsonDoc    *doc,
                 const Slice  *s,
                 const Resume *context,
                 gboolean     *utf8_checked,
                 char        **message)
{
  g_autoptr(GError) error = NULL;
  const YpJsonValue *fast;

  /* Plain JSON is read by the quick parser, which checks its strings are
   * UTF-8 as it goes; json-glib reads the rest. */
  if (doc->tree == NULL)
    doc->tree = yp_json_tree_new ();
  fast = yp_json_tree_parse (doc->tree, doc->data + s->start, s->end - s->start);
  if (utf8_checked != NULL)
    *utf8_checked = fast != NULL;
  if (fast != NULL)
    return yp_json_value_to_node (fast);
  if (json_parser_load_from_data (doc->parser, doc->data + s->start, s->end - s->start, &error))
    {
      JsonNode *root = json_parser_steal_root (doc->parser);

      if (root != NULL)
        return root;
    }
  *message = resume_message (doc, context, s->end);
  if (*message == NULL)
    *message = error != NULL ? remap_message (doc, error->message, s->start, 0)
                             : own_message (doc, s->start, "expected a value");
  return NULL;
}

/* Parses element @index of doc->slices. *@utf8_checked says whether its
 * strings are known to be UTF-8 already. */
static JsonNode *
doc_parse_element (YpJsonDoc  *doc,
                   guint       index,
                   gboolean   *utf8_checked,
                   char      **message)
{
  const Slice *s = &g_array_index (doc->slices, Slice, index);
  const Resume context = {
    s->start, doc->top_kind == YP_JSON_TOP_ARRAY ? top_array_prefixes[0] : member_array_prefixes[0]
  };

  return doc_parse_slice (doc, s, &context, utf8_checked, message);
}

/* Sets @error to the first syntax error among the elements that start
 * before @before, if there is one. */
static gboolean
earlier_syntax_error (YpJsonDoc  *doc,
                      gsize       before,
                      GError    **error)
{
  for (guint i = 0; i < doc->slices->len; i++)
    {
      const Slice *s = &g_array_index (doc->slices, Slice, i);
      g_autofree char *message = NULL;
      g_autoptr(JsonNode) node = NULL;

      if (s->start >= before)
        break;
      node = doc_parse_element (doc, i, NULL, &message);
      if (node == NULL)
        {
          yp_file_fail (error, doc->file, "not valid JSON: %s", message);
          return TRUE;
        }
    }
  return FALSE;
}

/* A syntax error found by the scanner at @at: json-glib says what it is,
 * from @r, unless an element before it has one. */
static gboolean
fail_at (YpJsonDoc    *doc,
         const Resume *r,
         gsize         at,
         GError      **error)
{
  g_autofree char *message = NULL;

  if (earlier_syntax_error (doc, at, error))
    return FALSE;
  message = resume_message (doc, r, token_end (doc->data, doc->length, at));
  if (message == NULL)
    message = own_message (doc, at, at < doc->length ? "unexpected character" : "unexpected end of file");
  return yp_file_fail (error, doc->file, "not valid JSON: %s", message);
}

typedef enum {
  ITEM_NEXT,    /* a comma: another item follows */
  ITEM_LAST,    /* the closing bracket */
  ITEM_FAILED,  /* @error set */
} ItemEnd;

/* After an array's element or an object's member, at *p: a comma and the
 * space after it, or @close (*p then after it). A syntax error is
 * reported from @r. */
static ItemEnd
end_of_item (YpJsonDoc    *doc,
             const char   *data,
             gsize         length,
             gsize        *p,
             char          close,
             const Resume *r,
             GError      **error)
{
  if (!skip_space (data, length, p))
    {
      fail_at (doc, r, *p, error);
      return ITEM_FAILED;
    }
  if (*p < length && data[*p] == ',')
    {
      (*p)++;
      if (!skip_space (data, length, p))
        {
          fail_at (doc, r, *p, error);
          return ITEM_FAILED;
        }
      return ITEM_NEXT;
    }
  if (*p < length && data[*p] == close)
    {
      (*p)++;
      return ITEM_LAST;
    }
  fail_at (doc, r, *p, error);
  return ITEM_FAILED;
}


/* A syntax error json-glib found in the element or value starting at
 * @start, unless one before it has one. */
static gboolean
fail_slice (YpJsonDoc   *doc,
            gsize        start,
            const char  *message,
            GError     **error)
{
  if (earlier_syntax_error (doc, start, error))
    return FALSE;
  return yp_file_fail (error, doc->file, "not valid JSON: %s", message);
}

gboolean
yp_json_doc_check_syntax (YpJsonDoc  *doc,
                          GError    **error)
{
  return !earlier_syntax_error (doc, G_MAXSIZE, error);
}

/* Scans the array whose "[" is at *i, appending its elements to
 * doc->slices. */
static gboolean
scan_array (YpJsonDoc    *doc,
            gsize        *i,
            const char  **prefixes,
            GError      **error)
{
  const char *data = doc->data;
  gsize length = doc->length;
  gsize p = *i + 1;
  Resume r = { p, prefixes[0] };

  if (!skip_space (data, length, &p))
    return fail_at (doc, &r, p, error);
  if (p < length && data[p] == ']')
    {
      *i = p + 1;
      return TRUE;
    }
  for (;;)
    {
      Slice s = { p, 0 };
      char c = p < length ? data[p] : '\0';

      if (c == '{' || c == '[')
        {
          if (!skip_container (data, length, &p))
            {
              g_autofree char *message = NULL;
              g_autoptr(JsonNode) node = NULL;

              /* Cut short: json-glib says where in the element. */
              const Resume context = { s.start, prefixes[0] };

              s.end = length;
              node = doc_parse_slice (doc, &s, &context, NULL, &message);
              if (node == NULL)
                return fail_slice (doc, s.start, message, error);
              return fail_at (doc, &r, length, error);
            }
        }
      else if (c == '"' || c == '\'')
        {
          if (!skip_string (data, length, &p))
            return fail_at (doc, &r, s.start, error);
        }
      else if (c == '\0' || is_delimiter (c))
        return fail_at (doc, &r, p, error);
      else
        p = scalar_end (data, length, p);
      s.end = p;
      g_array_append_val (doc->slices, s);
      doc_read_to (doc, p);
      if (c == '{' || c == '[')
        r = (Resume) { p, prefixes[data[p - 1] == ']' ? 1 : 2] };
      else
        r = (Resume) { s.start, prefixes[0] };

      switch (end_of_item (doc, data, length, &p, ']', &r, error))
        {
        case ITEM_NEXT:
          continue;
        case ITEM_LAST:
          *i = p;
          return TRUE;
        case ITEM_FAILED:
        default:
          return FALSE;
        }
    }
}

/* Parses the value at [start, end) of the top-level object; on a syntax
 * error reports it as json-glib would, from @r. */
static JsonNode *
parse_value (YpJsonDoc    *doc,
             gsize         start,
             gsize         end,
             const Resume *r,
             GError      **error)
{
  Slice s = { start, end };
  g_autofree char *message = NULL;
  JsonNode *node;

  node = doc_parse_slice (doc, &s, r, NULL, &message);
  if (node == NULL)
    fail_slice (doc, start, message, error);
  return node;
}

/* Scans the object whose "{" is at *i into doc->members and doc->top. */
static gboolean
scan_object (YpJsonDoc  *doc,
             gsize      *i,
             GError    **error)
{
  const char *data = doc->data;
  gsize length = doc->length;
  JsonObject *top = json_object_new ();
  gsize p = *i + 1;
  Resume r = { p, "{" };

  doc->top = json_node_init_object (json_node_alloc (), top);
  json_object_unref (top);
  if (!skip_space (data, length, &p))
    return fail_at (doc, &r, p, error);
  if (p < length && data[p] == '}')
    {
      *i = p + 1;
      return TRUE;
    }
  for (;;)
    {
      g_autoptr(JsonNode) name_node = NULL;
      Member m = { NULL, FALSE, 0, 0 };
      gsize name_start = p, value_start;
      char c;

      /* The name: a string, decoded by json-glib. */
      if (p >= length || (data[p] != '"' && data[p] != '\''))
        return fail_at (doc, &r, p, error);
      if (!skip_string (data, length, &p))
        return fail_at (doc, &r, name_start, error);
      if (!json_parser_load_from_data (doc->parser, data + name_start, p - name_start, NULL) ||
          (name_node = json_parser_steal_root (doc->parser)) == NULL ||
          json_node_get_value_type (name_node) != G_TYPE_STRING)
        return fail_at (doc, &r, name_start, error);

      if (!skip_space (data, length, &p))
        return fail_at (doc, &r, p, error);
      if (p >= length || data[p] != ':')
        return fail_at (doc, &r, p, error);
      p++;
      if (!skip_space (data, length, &p))
        return fail_at (doc, &r, p, error);

      value_start = p;
      c = p < length ? data[p] : '\0';
      if (c == '[')
        {
          m.is_array = TRUE;
          m.first = doc->slices->len;
          if (!scan_array (doc, &p, member_array_prefixes, error))
            return FALSE;
          m.n = doc->slices->len - m.first;
          {
            g_autoptr(JsonArray) placeholder = json_array_new ();

            json_object_set_member (top, json_node_get_string (name_node),
                                    json_node_init_array (json_node_alloc (), placeholder));
          }
          r = (Resume) { p, "{\"x\":[]" };
        }
      else
        {
          JsonNode *value;

          if (c == '{')
            {
              if (!skip_container (data, length, &p))
                p = length;
            }
          else if (c == '"' || c == '\'')
            {
              if (!skip_string (data, length, &p))
                return fail_at (doc, &r, value_start, error);
            }
          else if (c == '\0' || is_delimiter (c))
            return fail_at (doc, &r, p, error);
          else
            p = scalar_end (data, length, p);
          value = parse_value (doc, value_start, p, &r, error);
          if (value == NULL)
            return FALSE;
          json_object_set_member (top, json_node_get_string (name_node), value);
          if (c == '{')
            r = (Resume) { p, "{\"x\":{}" };
          else
            r = (Resume) { value_start, "{\"x\":" };
        }
      m.name = g_strdup (json_node_get_string (name_node));
      g_array_append_val (doc->members, m);
      g_hash_table_insert (doc->last, m.name, GUINT_TO_POINTER (doc->members->len));

      switch (end_of_item (doc, data, length, &p, '}', &r, error))
        {
        case ITEM_NEXT:
          continue;
        case ITEM_LAST:
          *i = p;
          return TRUE;
        case ITEM_FAILED:
        default:
          return FALSE;
        }
    }
}

static YpJsonDoc *
scan_doc (const char  *path,
          const char  *data,
          gsize        length,
          gboolean     mapped,
          GError     **error)
{
  g_autoptr(YpJsonDoc) doc = NULL;
  gsize p = 0, top_start;
  char c;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (!check_json_bytes (path, data, length, YP_FILE_MAX_BYTES, mapped, error))
    return NULL;

  doc = g_new0 (YpJsonDoc, 1);
  doc->file = g_strdup (path);
  doc->data = data;
  doc->length = length;
  doc->mapped = mapped;
  doc->parser = json_parser_new_immutable ();
  doc->slices = g_array_new (FALSE, FALSE, sizeof (Slice));
  doc->members = g_array_new (FALSE, FALSE, sizeof (Member));
  doc->last = g_hash_table_new (g_str_hash, g_str_equal);

  if (!skip_space (data, length, &p))
    {
      const Resume r = { 0, "" };
      fail_at (doc, &r, p, error);
      return NULL;
    }
  top_start = p;
  c = p < length ? data[p] : '\0';
  if (c == '\0')
    {
      doc->top_kind = YP_JSON_TOP_NULL;
      return g_steal_pointer (&doc);
    }
  if (c == '{')
    {
      doc->top_kind = YP_JSON_TOP_OBJECT;
      if (!scan_object (doc, &p, error))
        return NULL;
    }
  else if (c == '[')
    {
      doc->top_kind = YP_JSON_TOP_ARRAY;
      if (!scan_array (doc, &p, top_array_prefixes, error))
        return NULL;
      doc->top_n = doc->slices->len;
    }
  else
    {
      const Resume r = { 0, "" };
      g_autoptr(JsonNode) value = NULL;

      /* A single value, or a "var x = ...;" json-glib would take. */
      if (c == '"' || c == '\'')
        {
          if (!skip_string (data, length, &p))
            {
              fail_at (doc, &r, top_start, error);
              return NULL;
            }
        }
      else
        p = scalar_end (data, length, p);
      if (p == top_start)
        p++;
      value = parse_value (doc, top_start, p, &r, error);
      if (value == NULL)
        return NULL;
      doc->top_kind = JSON_NODE_HOLDS_NULL (value) ? YP_JSON_TOP_NULL : YP_JSON_TOP_VALUE;
      doc->top = g_steal_pointer (&value);
      if (!skip_space (data, length, &p))
        {
          fail_at (doc, &r, p, error);
          return NULL;
        }
      if (p < length)
        {
          g_autofree char *message = trailing_message (doc, &r, p);

          if (message == NULL)
            message = own_message (doc, p, "more JSON after the top-level value, expected end of file");
          yp_file_fail (error, path, "not valid JSON: %s", message);
          return NULL;
        }
      return g_steal_pointer (&doc);
    }

  /* Nothing may follow but spaces and comments. */
  {
    const Resume r = { p, c == '{' ? "{}" : "[]" };

    if (!skip_space (data, length, &p))
      {
        fail_at (doc, &r, p, error);
        return NULL;
      }
    if (p < length)
      {
        g_autofree char *message = NULL;

        message = trailing_message (doc, &r, p);
        if (message == NULL)
          message = own_message (doc, p, "more JSON after the top-level value, expected end of file");
        yp_file_fail (error, path, "not valid JSON: %s", message);
        return NULL;
      }
  }
  return g_steal_pointer (&doc);
}

YpJsonDoc *
yp_json_doc_scan (const char  *path,
                  const char  *data,
                  gsize        length,
                  GError     **error)
{
  gboolean mapped;
  YpJsonDoc *doc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);

  mapped = yp_file_bytes_is_mapped (data);
  doc = scan_doc (path, data, length, mapped, error);
  if (mapped)
    yp_file_bytes_release (data, 0, length);
  return doc;
}

/* The first name or string in tree order that json-glib decoded into bytes
 * that are not UTF-8 (from a "\u" escape): FALSE with @error set, after
 * every syntax error in the file, which json-glib reports first. */
gboolean
yp_json_doc_check_strings (YpJsonDoc  *doc,
                           GError    **error)
{
  g_autoptr(GString) bad = g_string_new (NULL);
  g_autoptr(GList) names = NULL;

  if (earlier_syntax_error (doc, G_MAXSIZE, error))
    return FALSE;

  if (doc->top_kind == YP_JSON_TOP_ARRAY)
    {
      for (guint i = 0; i < doc->top_n; i++)
        {
          g_autofree char *message = NULL;
          g_autoptr(JsonNode) node = doc_parse_element (doc, doc->top_first + i, NULL, &message);

          g_string_printf (bad, "[%u]", i);
          if (node != NULL && !yp_json_strings_are_utf8 (node, bad))
            goto fail;
        }
      return TRUE;
    }
  if (doc->top_kind != YP_JSON_TOP_OBJECT)
    {
      if (doc->top != NULL && !yp_json_strings_are_utf8 (doc->top, bad))
        goto fail;
      return TRUE;
    }

  names = json_object_get_members (json_node_get_object (doc->top));
  for (const GList *l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;
      const Member *m = yp_json_doc_lookup (doc, name);

      g_string_truncate (bad, 0);
      if (!g_utf8_validate (name, -1, NULL))
        goto fail;
      g_string_append (bad, name);
      if (m == NULL || !m->is_array)
        {
          if (!yp_json_strings_are_utf8 (json_object_get_member (json_node_get_object (doc->top), name), bad))
            goto fail;
          continue;
        }
      for (guint i = 0; i < m->n; i++)
        {
          g_autofree char *message = NULL;
          g_autoptr(JsonNode) node = doc_parse_element (doc, m->first + i, NULL, &message);

          yp_json_path_set_index (bad, name, i);
          if (node != NULL && !yp_json_strings_are_utf8 (node, bad))
            goto fail;
        }
    }
  return TRUE;

fail:
  return yp_file_fail (error, doc->file, "not valid JSON: a name or string in %s is not UTF-8 (a bad “\\u” escape)",
                         bad->len > 0 ? bad->str : "the top level");
}

/* Every element the sections did not read (those of other members, and of
 * a name given twice, whose first value json-glib parses and drops) must
 * still be valid JSON. */
gboolean
yp_json_doc_check_unread (YpJsonDoc          *doc,
                          const char * const *read,
                          GError            **error)
{
  for (guint i = 0; i < doc->members->len; i++)
    {
      const Member *m = &g_array_index (doc->members, Member, i);
      gboolean last = yp_json_doc_lookup (doc, m->name) == m;

      if (!m->is_array || (last && g_strv_contains (read, m->name)))
        continue;
      for (guint k = 0; k < m->n; k++)
        {
          const Slice *s = &g_array_index (doc->slices, Slice, m->first + k);
          g_autofree char *message = NULL;
          g_autoptr(GString) path = g_string_new (NULL);
          gboolean utf8_checked = FALSE;
          g_autoptr(JsonNode) node = doc_parse_element (doc, m->first + k, &utf8_checked, &message);

          if (node == NULL)
            return fail_slice (doc, s->start, message, error);
          yp_json_path_set_index (path, m->name, k);
          if (last && !utf8_checked && !yp_json_strings_are_utf8 (node, path))
            return yp_json_doc_check_strings (doc, error);
        }
    }
  return TRUE;
}

/* Element @index of the array @m, as a tree: NULL with @error set when it
 * is not valid JSON (the whole file is refused). @p is its path. */
const YpJsonValue *
yp_json_doc_read_element (YpJsonDoc          *doc,
                          const YpJsonMember *m,
                          guint               index,
                          YpJsonTree         *tree,
                          GString            *p,
                          GError            **error)
{
  const Slice *s = &g_array_index (doc->slices, Slice, m->first + index);
  const YpJsonValue *element;
  g_autofree char *message = NULL;
  gboolean utf8_checked = FALSE;
  g_autoptr(JsonNode) node = NULL;

  doc_read_to (doc, s->start);
  yp_json_path_set_index (p, m->name, index);
  /* Plain JSON, nearly every element, goes straight into the tree (the
   * whole file was checked to be UTF-8 by yp_json_doc_scan()); json-glib
   * reads the rest, and its tree is copied. */
  element = yp_json_tree_parse_utf8 (tree, doc->data + s->start, s->end - s->start);
  if (element != NULL)
    return element;
  node = doc_parse_element (doc, m->first + index, &utf8_checked, &message);
  if (node == NULL)
    {
      fail_slice (doc, s->start, message, error);
      return NULL;
    }
  if (!utf8_checked && !yp_json_strings_are_utf8 (node, p))
    {
      yp_json_doc_check_strings (doc, error);
      return NULL;
    }
  yp_json_path_set_index (p, m->name, index);
  return yp_json_tree_take_node (tree, node);
}

const char *
yp_json_doc_get_file (YpJsonDoc *doc)
{
  return doc->file;
}

JsonNode *
yp_json_doc_get_top_node (YpJsonDoc *doc)
{
  return doc->top;
}

void
yp_json_doc_release (YpJsonDoc *doc)
{
  if (doc->mapped)
    yp_file_bytes_release (doc->data, 0, doc->length);
}

const char *
yp_json_member_get_name (const YpJsonMember *m)
{
  return m->name;
}

gboolean
yp_json_member_is_array (const YpJsonMember *m)
{
  return m->is_array;
}

guint
yp_json_member_get_length (const YpJsonMember *m)
{
  return m->n;
}

/* JSON paths */

const char *
yp_json_index_suffix (char  buf[16],
                      guint index)
{
  char *d = buf + 16;

  *--d = '\0';
  *--d = ']';
  do
    *--d = '0' + index % 10;
  while ((index /= 10) > 0);
  *--d = '[';
  return d;
}

void
yp_json_path_set_index (GString    *out,
                        const char *path,
                        guint       index)
{
  char buf[16];

  g_string_assign (out, path);
  g_string_append (out, yp_json_index_suffix (buf, index));
}

