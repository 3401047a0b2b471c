/* yp-json-doc.c: the JSON document scan, the second layer of the readers
 * (see yp-json-doc-private.h): checks a file's bytes, scans its top level
 * without parsing it, and hands the readers one element at a time as a
 * YpJsonTree.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A timeline of a million events is 380 MB, and a tree of it would take
 * gigabytes. So the top level is scanned here, byte by byte: the scan
 * finds each member of the top-level object and, in every array there,
 * each element's bytes, without looking inside them. Then one element at a
 * time is parsed by the strict parser (yp-json-fast.h) into a tree reused
 * for the next.
 *
 * The document is RFC 8259 JSON, optionally after a UTF-8 byte-order mark.
 * A fault is reported as "FILE:LINE:COLUMN: what is wrong (JSON path)",
 * the column counted in characters from 1. The fault reported is the first
 * in the file: one found by the scan, or in an element read out of the
 * file's order, is reported only once every element before it has been
 * parsed and found sound.
 */
#define G_LOG_DOMAIN "yp-json-doc"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "yp-file-bytes-private.h"
#include "yp-json-doc-private.h"
#include "yp-json-fast.h"

/* A JSON path in a message is cut to this many characters. */
#define MAX_PATH_CHARS 80

typedef struct {
  gsize start;
  gsize end;
} Slice;

struct _YpJsonMember {
  char     *name;
  gsize     at;        /* where its name starts */
  gboolean  is_array;
  guint     first;     /* its elements: doc->slices[first, first + n) */
  guint     n;
};

typedef YpJsonMember Member;

struct _YpJsonDoc {
  char       *file;
  const char *data;
  gsize       length;
  GArray     *slices;       /* Slice: every element of every array at or
                             * directly under the top level, in file order */
  GArray     *members;      /* Member: the top-level object's, in file order */
  GHashTable *names;        /* name -> index in members + 1 */
  JsonNode   *top;          /* the object, each array member an empty
                             * placeholder; or the single value */
  YpJsonTree *tree;         /* for values the scan parses */
  YpJsonTree *scratch;      /* for elements parsed to find a fault */
  YpJsonTop   top_kind;
  guint       top_n;        /* a top-level array's elements */
  gboolean    mapped;       /* data is a mapped file */
  gsize       released;     /* its pages before this were handed back */
  gsize       unreleased;   /* bytes read out of order since */
};

/* Faults, with their place */

/* Sets @error to "FILE:LINE:COLUMN: @message (@path)" for the fault at
 * @offset; the path is left out when empty. Returns FALSE. */
static gboolean
report_fault (GError    **error,
              const char *file,
              const char *data,
              gsize       length,
              gsize       offset,
              const char *path,
              const char *message)
{
  guint line = 1;
  gsize line_start = 0;
  glong column;

  offset = MIN (offset, length);
  for (const char *p = data; (p = memchr (p, '\n', data + offset - p)) != NULL; p++)
    {
      line++;
      line_start = p - data + 1;
    }
  /* In characters when they are UTF-8, in bytes when not. */
  if (g_utf8_validate_len (data + line_start, offset - line_start, NULL))
    column = g_utf8_strlen (data + line_start, offset - line_start) + 1;
  else
    column = offset - line_start + 1;
  /* An editor does not show the byte-order mark. */
  if (line == 1 && length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0 && offset >= 3)
    column--;
  /* The path holds names from the file, which the scan checked; a deep
   * one is cut short. */
  if (path != NULL && *path != '\0')
    {
      const char *cut = g_utf8_strlen (path, -1) > MAX_PATH_CHARS ? g_utf8_offset_to_pointer (path, MAX_PATH_CHARS) : NULL;

      g_set_error (error, YP_ERROR, YP_ERROR_SYNTAX, "%s:%u:%ld: %s (%.*s%s)", file, line, column, message,
                   cut != NULL ? (int) (cut - path) : (int) strlen (path), path, cut != NULL ? "…" : "");
    }
  else
    g_set_error (error, YP_ERROR, YP_ERROR_SYNTAX, "%s:%u:%ld: %s", file, line, column, message);
  return FALSE;
}

/* The bytes */

static gboolean
check_json_bytes (const char  *path,
                  const char  *data,
                  gsize        length,
                  gsize        max,
                  gboolean     mapped,
                  GError     **error)
{
  gboolean utf8 = TRUE;

  if (length > max)
    return yp_file_fail (error, YP_ERROR_TOO_LARGE, path,
                         "the file is %" G_GSIZE_FORMAT " MB; timelines are limited to %" G_GSIZE_FORMAT " MB",
                         length / (1024 * 1024), max / (1024 * 1024));
  if (length == 0)
    return yp_file_fail (error, YP_ERROR_SYNTAX, path, "the file is empty");
  /* A NUL anywhere is said first, then bad UTF-8. A step at a time, for
   * a mapped file to be handed back as it is read; the UTF-8 quick check
   * is given whole characters. */
  for (gsize from = 0; from < length;)
    {
      gsize to = MIN (from + YP_FILE_RELEASE_STEP, length);
      const char *nul;

      while (to < length && to > from && ((guchar) data[to] & 0xc0) == 0x80)
        to--;
      if (to == from)
        to = MIN (from + YP_FILE_RELEASE_STEP, length);
      if ((nul = memchr (data + from, '\0', to - from)) != NULL)
        return report_fault (error, path, data, length, nul - data, NULL,
                             "a NUL byte: the file is not a JSON text file");
      if (utf8)
        utf8 = yp_json_utf8_validate (data + from, to - from);
      if (mapped)
        yp_file_bytes_release (data, from, to);
      from = to;
    }
  /* GLib finds where a bad byte is. */
  if (!utf8)
    {
      const char *bad = NULL;

      if (!g_utf8_validate_len (data, length, &bad))
        return report_fault (error, path, data, length, bad - data, NULL,
                             "the file is not valid UTF-8 text here");
    }
  return TRUE;
}

/* Passes over a mapped file */

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
yp_json_doc_release (YpJsonDoc *doc)
{
  if (doc->mapped)
    yp_file_bytes_release (doc->data, 0, doc->length);
}

/* The document */

void
yp_json_doc_free (YpJsonDoc *doc)
{
  if (doc == NULL)
    return;
  for (guint i = 0; i < doc->members->len; i++)
    g_free (g_array_index (doc->members, Member, i).name);
  g_array_unref (doc->members);
  g_array_unref (doc->slices);
  g_hash_table_unref (doc->names);
  g_clear_pointer (&doc->top, json_node_unref);
  g_clear_pointer (&doc->tree, yp_json_tree_free);
  g_clear_pointer (&doc->scratch, yp_json_tree_free);
  g_free (doc->file);
  g_free (doc);
}

const char *
yp_json_doc_get_file (YpJsonDoc *doc)
{
  return doc->file;
}

gsize
yp_json_doc_get_length (YpJsonDoc *doc)
{
  return doc->length;
}

YpJsonTop
yp_json_doc_get_top (YpJsonDoc *doc)
{
  return doc->top_kind;
}

JsonNode *
yp_json_doc_get_top_node (YpJsonDoc *doc)
{
  return doc->top;
}

const YpJsonMember *
yp_json_doc_lookup (YpJsonDoc  *doc,
                    const char *name)
{
  guint index = GPOINTER_TO_UINT (g_hash_table_lookup (doc->names, name));

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

/* Parsing values and elements */

/* The array member that slice @index belongs to, NULL for an element of a
 * top-level array; *@k is its index there. */
static const Member *
slice_owner (YpJsonDoc *doc,
             guint      index,
             guint     *k)
{
  for (guint i = 0; i < doc->members->len; i++)
    {
      const Member *m = &g_array_index (doc->members, Member, i);

      if (m->is_array && index >= m->first && index < m->first + m->n)
        {
          *k = index - m->first;
          return m;
        }
    }
  *k = index;
  return NULL;
}

/* Reports what @tree found wrong in the value at @start, whose path is
 * @prefix. */
static gboolean
fail_parse (YpJsonDoc   *doc,
            YpJsonTree  *tree,
            gsize        start,
            const char  *prefix,
            GError     **error)
{
  g_autoptr(GString) path = g_string_new (prefix);
  const char *inner = NULL;
  gsize offset = 0;
  const char *message = yp_json_tree_get_error (tree, &offset, &inner);

  if (*inner != '\0')
    {
      if (path->len > 0 && inner[0] != '[')
        g_string_append_c (path, '.');
      g_string_append (path, inner);
    }
  return report_fault (error, doc->file, doc->data, doc->length, start + offset, path->str,
                       message != NULL ? message : "not valid JSON");
}

/* Parses slice @index into @tree; NULL with @error set when it is not
 * valid JSON. @p, if not NULL, receives its path. */
static const YpJsonValue *
parse_slice (YpJsonDoc   *doc,
             guint        index,
             YpJsonTree  *tree,
             GString     *p,
             GError     **error)
{
  const Slice *s = &g_array_index (doc->slices, Slice, index);
  const YpJsonValue *value;
  const Member *m;
  guint k;

  yp_json_tree_set_outer_depth (tree, doc->top_kind == YP_JSON_TOP_ARRAY ? 1 : 2);
  /* The whole file was checked to be UTF-8 by the scan. */
  value = yp_json_tree_parse_utf8 (tree, doc->data + s->start, s->end - s->start);
  if (value != NULL || error == NULL)
    return value;
  m = slice_owner (doc, index, &k);
  {
    g_autoptr(GString) path = g_string_new (NULL);

    yp_json_path_set_index (path, m != NULL ? m->name : "", k);
    fail_parse (doc, tree, s->start, path->str, error);
  }
  return NULL;
}

/* Sets @error to the first fault among the elements that start before
 * @before, if there is one. */
static gboolean
earlier_fault (YpJsonDoc  *doc,
               gsize       before,
               GError    **error)
{
  for (guint i = 0; i < doc->slices->len; i++)
    {
      const Slice *s = &g_array_index (doc->slices, Slice, i);

      if (s->start >= before)
        break;
      if (parse_slice (doc, i, doc->scratch, NULL, NULL) == NULL)
        {
          parse_slice (doc, i, doc->scratch, NULL, error);
          return TRUE;
        }
    }
  return FALSE;
}

/* A fault found by the scan at @at, unless an element before it has one. */
static gboolean
fail_scan (YpJsonDoc   *doc,
           gsize        at,
           const char  *path,
           GError     **error,
           const char  *format,
           ...) G_GNUC_PRINTF (5, 6);

static gboolean
fail_scan (YpJsonDoc   *doc,
           gsize        at,
           const char  *path,
           GError     **error,
           const char  *format,
           ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (earlier_fault (doc, at, error))
    return FALSE;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  return report_fault (error, doc->file, doc->data, doc->length, at, path, message);
}

/* A member too large to parse whole: YP_ERROR_TOO_LARGE, unless the
 * bytes before it hold a fault, which is told first. */
static gboolean
fail_too_large (YpJsonDoc   *doc,
                gsize        at,
                gsize        size,
                const char  *name,
                GError     **error)
{
  g_autofree char *message = NULL;

  if (earlier_fault (doc, at, error))
    return FALSE;
  if (strcmp (name, "timeline") == 0)
    message = g_strdup_printf ("a TimelineJS 2 document (“timeline”) of %.1f MB: Yeonpyo reads TimelineJS 2 "
                               "up to %d kB; save it as TimelineJS 3 to open it", size / (1024.0 * 1024.0),
                               YP_JSON_DOC_TJS2_MAX / 1024);
  else
    message = g_strdup_printf ("the member “%s” is %.1f MB and not an array: Yeonpyo reads such a member whole, "
                               "up to %d MB%s", name, size / (1024.0 * 1024.0), YP_JSON_DOC_MEMBER_MAX / (1024 * 1024),
                               strcmp (name, "events") == 0 || strcmp (name, "sources") == 0
                               ? "; it must be an array" : "");
  report_fault (error, doc->file, doc->data, doc->length, at, name, message);
  if (error != NULL && *error != NULL)
    (*error)->code = YP_ERROR_TOO_LARGE;
  return FALSE;
}

/* How a message shows the byte at @at. */
static char *
describe (YpJsonDoc *doc,
          gsize      at)
{
  return yp_json_describe (doc->data + MIN (at, doc->length), doc->data + doc->length);
}

gboolean
yp_json_doc_check_syntax (YpJsonDoc  *doc,
                          GError    **error)
{
  return !earlier_fault (doc, G_MAXSIZE, error);
}

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

  doc_read_to (doc, s->start);
  yp_json_path_set_index (p, m->name, index);
  yp_json_tree_set_outer_depth (tree, 2);
  /* The whole file was checked to be UTF-8 by yp_json_doc_scan(). */
  element = yp_json_tree_parse_utf8 (tree, doc->data + s->start, s->end - s->start);
  if (element != NULL)
    return element;
  if (!earlier_fault (doc, s->start, error))
    fail_parse (doc, tree, s->start, p->str, error);
  return NULL;
}

gboolean
yp_json_doc_check_unread (YpJsonDoc          *doc,
                          const char * const *read,
                          GError            **error)
{
  for (guint i = 0; i < doc->members->len; i++)
    {
      const Member *m = &g_array_index (doc->members, Member, i);

      if (!m->is_array || g_strv_contains (read, m->name))
        continue;
      for (guint k = 0; k < m->n; k++)
        if (parse_slice (doc, m->first + k, doc->tree, NULL, NULL) == NULL)
          return !earlier_fault (doc, G_MAXSIZE, error);
    }
  return TRUE;
}

JsonNode *
yp_json_doc_build_tree (YpJsonDoc  *doc,
                        GError    **error)
{
  g_autoptr(JsonObject) object = NULL;

  /* Every element in file order: the first fault is the first in the file. */
  for (guint i = 0; i < doc->slices->len; i++)
    if (parse_slice (doc, i, doc->tree, NULL, NULL) == NULL)
      {
        parse_slice (doc, i, doc->tree, NULL, error);
        return NULL;
      }
  if (doc->top_kind == YP_JSON_TOP_ARRAY)
    {
      g_autoptr(JsonArray) array = json_array_sized_new (doc->top_n);

      for (guint i = 0; i < doc->top_n; i++)
        json_array_add_element (array, yp_json_value_to_node (parse_slice (doc, i, doc->tree, NULL, NULL)));
      return json_node_init_array (json_node_alloc (), array);
    }
  if (doc->top_kind != YP_JSON_TOP_OBJECT)
    return doc->top != NULL ? json_node_copy (doc->top) : json_node_new (JSON_NODE_NULL);

  object = json_object_new ();
  for (guint i = 0; i < doc->members->len; i++)
    {
      const Member *m = &g_array_index (doc->members, Member, i);

      if (m->is_array)
        {
          g_autoptr(JsonArray) array = json_array_sized_new (m->n);

          for (guint k = 0; k < m->n; k++)
            {
              doc_read_to (doc, g_array_index (doc->slices, Slice, m->first + k).start);
              json_array_add_element (array, yp_json_value_to_node (parse_slice (doc, m->first + k, doc->tree, NULL, NULL)));
            }
          json_object_set_array_member (object, m->name, g_steal_pointer (&array));
        }
      else
        json_object_set_member (object, m->name, json_object_dup_member (json_node_get_object (doc->top), m->name));
    }
  return json_node_init_object (json_node_alloc (), object);
}

/* The scan */

static inline gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Ends a number or a word. */
static inline gboolean
is_delimiter (char c)
{
  return is_space (c) || strchr (",:[]{}\"", c) != NULL;
}

static void
skip_space (const char *data,
            gsize       length,
            gsize      *i)
{
  gsize p = *i;

  while (p < length && is_space (data[p]))
    p++;
  *i = p;
}

/* From the quote at *i to just after the one that closes the string. FALSE
 * if none does. */
static gboolean
skip_string (const char *data,
             gsize       length,
             gsize      *i)
{
  gsize p = *i + 1;

  for (;;)
    {
      const char *q = p < length ? memchr (data + p, '"', length - p) : NULL;
      gsize backslashes = 0;

      if (q == NULL)
        return FALSE;
      p = q - data;
      /* A quote after an odd number of backslashes is escaped. */
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
 * kind: the parser refuses a mismatch when it reads the element. FALSE at
 * the end of the bytes. */
static gboolean
skip_container (const char *data,
                gsize       length,
                gsize      *i)
{
  gsize depth = 0;
  gsize p = *i;

  while (p < length)
    {
      switch (data[p])
        {
        case '"':
          if (!skip_string (data, length, &p))
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

/* The end of the value at @p, as the scan sees it; FALSE (with @error set
 * from the parser's reading of the rest) when it does not end. */
static gboolean
skip_value (YpJsonDoc   *doc,
            gsize       *p,
            guint        outer,
            const char  *path,
            GError     **error)
{
  const char *data = doc->data;
  gsize length = doc->length;
  gsize start = *p;
  char c = data[start];
  gboolean ended;

  if (c == '{' || c == '[')
    ended = skip_container (data, length, p);
  else if (c == '"')
    ended = skip_string (data, length, p);
  else
    {
      while (*p < length && !is_delimiter (data[*p]))
        (*p)++;
      ended = *p > start;
    }
  if (ended)
    return TRUE;
  /* Cut short, or no value at all: the parser says what is wrong. */
  if (earlier_fault (doc, start, error))
    return FALSE;
  yp_json_tree_set_outer_depth (doc->tree, outer);
  if (yp_json_tree_parse_utf8 (doc->tree, data + start, (*p > start ? *p : length) - start) == NULL)
    return fail_parse (doc, doc->tree, start, path, error);
  return fail_scan (doc, start, path, error, "expected a value");
}

/* After an element or member, at *p: a comma and the space after it
 * (TRUE, *@more set), or @close (TRUE, *@more unset, *p after it). */
static gboolean
end_of_item (YpJsonDoc   *doc,
             gsize       *p,
             char         close,
             const char  *after,
             const char  *path,
             gboolean    *more,
             GError     **error)
{
  const char *data = doc->data;
  gsize length = doc->length;

  skip_space (data, length, p);
  if (*p < length && data[*p] == ',')
    {
      (*p)++;
      skip_space (data, length, p);
      if (*p < length && data[*p] == close)
        return fail_scan (doc, *p, path, error, "a comma before “%c”: JSON has no trailing commas", close);
      *more = TRUE;
      return TRUE;
    }
  if (*p < length && data[*p] == close)
    {
      (*p)++;
      *more = FALSE;
      return TRUE;
    }
  {
    g_autofree char *what = describe (doc, *p);

    return fail_scan (doc, *p, path, error, "expected “,” or “%c” after %s, found %s", close, after, what);
  }
}

/* Scans the array whose "[" is at *i, appending its elements to
 * doc->slices. @path names it. */
static gboolean
scan_array (YpJsonDoc   *doc,
            gsize       *i,
            const char  *path,
            guint        outer,
            GError     **error)
{
  const char *data = doc->data;
  gsize length = doc->length;
  gsize p = *i + 1;
  guint first = doc->slices->len;
  gboolean more = TRUE;

  skip_space (data, length, &p);
  if (p < length && data[p] == ']')
    {
      *i = p + 1;
      return TRUE;
    }
  while (more)
    {
      Slice s = { p, 0 };
      char c = p < length ? data[p] : '\0';

      if (c == '\0' || c == ',' || c == ']' || c == '}' || c == ':')
        {
          g_autofree char *what = describe (doc, p);

          return fail_scan (doc, p, path, error, "expected a value, found %s", what);
        }
      {
        g_autoptr(GString) element = g_string_new (NULL);

        yp_json_path_set_index (element, path, doc->slices->len - first);
        if (!skip_value (doc, &p, outer + 1, element->str, error))
          return FALSE;
      }
      s.end = p;
      g_array_append_val (doc->slices, s);
      doc_read_to (doc, p);
      if (!end_of_item (doc, &p, ']', "an element", path, &more, error))
        return FALSE;
    }
  *i = p;
  return TRUE;
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
  gboolean more = TRUE;

  doc->top = json_node_init_object (json_node_alloc (), top);
  json_object_unref (top);
  skip_space (data, length, &p);
  if (p < length && data[p] == '}')
    {
      *i = p + 1;
      return TRUE;
    }
  while (more)
    {
      const YpJsonValue *name;
      Member m = { NULL, p, FALSE, 0, 0 };
      gsize value_start;
      char c;

      /* The name: a string, decoded by the parser. */
      if (p >= length || data[p] != '"')
        {
          g_autofree char *what = describe (doc, p);

          return fail_scan (doc, p, NULL, error, "expected a member name (a string in double quotes)%s, found %s",
                            doc->members->len == 0 ? " or “}”" : "", what);
        }
      if (!skip_value (doc, &p, 1, NULL, error))
        return FALSE;
      yp_json_tree_set_outer_depth (doc->tree, 1);
      name = yp_json_tree_parse_utf8 (doc->tree, data + m.at, p - m.at);
      if (name == NULL)
        {
          if (!earlier_fault (doc, m.at, error))
            fail_parse (doc, doc->tree, m.at, NULL, error);
          return FALSE;
        }
      m.name = g_strdup (name->string);
      if (g_hash_table_contains (doc->names, m.name))
        {
          fail_scan (doc, m.at, NULL, error, "duplicate key “%s”", m.name);
          g_free (m.name);
          return FALSE;
        }
      g_array_append_val (doc->members, m);
      g_hash_table_insert (doc->names, m.name, GUINT_TO_POINTER (doc->members->len));

      skip_space (data, length, &p);
      if (p >= length || data[p] != ':')
        {
          g_autofree char *what = describe (doc, p);

          return fail_scan (doc, p, NULL, error, "expected “:” after the member name “%s”, found %s", m.name, what);
        }
      p++;
      skip_space (data, length, &p);

      value_start = p;
      c = p < length ? data[p] : '\0';
      if (c == '[')
        {
          Member *added = &g_array_index (doc->members, Member, doc->members->len - 1);
          g_autoptr(JsonArray) placeholder = json_array_new ();

          added->is_array = TRUE;
          added->first = doc->slices->len;
          if (!scan_array (doc, &p, m.name, 1, error))
            return FALSE;
          added = &g_array_index (doc->members, Member, doc->members->len - 1);
          added->n = doc->slices->len - added->first;
          json_object_set_member (top, m.name, json_node_init_array (json_node_alloc (), placeholder));
        }
      else
        {
          const YpJsonValue *value;

          if (c == '\0' || c == ',' || c == ']' || c == '}' || c == ':')
            {
              g_autofree char *what = describe (doc, p);

              return fail_scan (doc, p, m.name, error, "expected a value, found %s", what);
            }
          if (!skip_value (doc, &p, 1, m.name, error))
            return FALSE;
          if (p - value_start > (strcmp (m.name, "timeline") == 0 ? YP_JSON_DOC_TJS2_MAX : YP_JSON_DOC_MEMBER_MAX))
            return fail_too_large (doc, value_start, p - value_start, m.name, error);
          yp_json_tree_set_outer_depth (doc->tree, 1);
          value = yp_json_tree_parse_utf8 (doc->tree, data + value_start, p - value_start);
          if (value == NULL)
            {
              if (!earlier_fault (doc, value_start, error))
                fail_parse (doc, doc->tree, value_start, m.name, error);
              return FALSE;
            }
          json_object_set_member (top, m.name, yp_json_value_to_node (value));
        }

      {
        g_autofree char *after = g_strdup_printf ("the member “%s”", m.name);

        if (!end_of_item (doc, &p, '}', after, NULL, &more, error))
          return FALSE;
      }
    }
  *i = p;
  return TRUE;
}

static YpJsonDoc *
scan_doc (const char  *path,
          const char  *data,
          gsize        length,
          gsize        max,
          gboolean     mapped,
          GError     **error)
{
  g_autoptr(YpJsonDoc) doc = NULL;
  gsize p = 0;
  char c;

  if (!check_json_bytes (path, data, length, max, mapped, error))
    return NULL;

  doc = g_new0 (YpJsonDoc, 1);
  doc->file = g_strdup (path);
  doc->data = data;
  doc->length = length;
  doc->mapped = mapped;
  doc->slices = g_array_new (FALSE, FALSE, sizeof (Slice));
  doc->members = g_array_new (FALSE, FALSE, sizeof (Member));
  doc->names = g_hash_table_new (g_str_hash, g_str_equal);
  doc->tree = yp_json_tree_new ();
  doc->scratch = yp_json_tree_new ();

  /* A byte-order mark is allowed before the text (RFC 8259, 8.1). */
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    p = 3;
  skip_space (data, length, &p);
  c = p < length ? data[p] : '\0';
  if (c == '{')
    {
      doc->top_kind = YP_JSON_TOP_OBJECT;
      if (!scan_object (doc, &p, error))
        return NULL;
    }
  else if (c == '[')
    {
      doc->top_kind = YP_JSON_TOP_ARRAY;
      if (!scan_array (doc, &p, "", 0, error))
        return NULL;
      doc->top_n = doc->slices->len;
    }
  else
    {
      const YpJsonValue *value;

      /* A single value: the parser reads the rest of the file. */
      yp_json_tree_set_outer_depth (doc->tree, 0);
      value = yp_json_tree_parse_utf8 (doc->tree, data + p, length - p);
      if (value == NULL)
        {
          fail_parse (doc, doc->tree, p, NULL, error);
          return NULL;
        }
      doc->top_kind = value->kind == YP_JSON_NULL ? YP_JSON_TOP_NULL : YP_JSON_TOP_VALUE;
      doc->top = yp_json_value_to_node (value);
      return g_steal_pointer (&doc);
    }

  /* Nothing may follow but spaces. */
  skip_space (data, length, &p);
  if (p < length)
    {
      g_autofree char *what = describe (doc, p);

      fail_scan (doc, p, NULL, error, "expected the end of the file after the top-level value, found %s", what);
      return NULL;
    }
  return g_steal_pointer (&doc);
}

YpJsonDoc *
yp_json_doc_scan (const char  *path,
                  const char  *data,
                  gsize        length,
                  gsize        max,
                  GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);

  return scan_doc (path, data, length, max, FALSE, error);
}

YpJsonDoc *
yp_json_doc_scan_file (const char   *path,
                       YpFileBytes  *bytes,
                       gsize         max,
                       GError      **error)
{
  gboolean mapped = yp_file_bytes_is_mapped (bytes);
  gsize length;
  const char *data = yp_file_bytes_get_data (bytes, &length);
  YpJsonDoc *doc;

  g_return_val_if_fail (path != NULL, NULL);

  doc = scan_doc (path, data, length, max, mapped, error);
  if (mapped)
    yp_file_bytes_release (data, 0, length);
  return doc;
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
