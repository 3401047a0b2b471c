/* yp-reader.c: what the Yeonpyo and TimelineJS readers share: problems
 * with their JSON paths, type names, member checks and the plain field
 * readers (see yp-reader-private.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "yp-reader"

#include "config.h"

#include <string.h>

#include "yp-error.h"
#include "yp-reader-private.h"

/* Values quoted in messages are cut to this many characters. */
#define QUOTE_CHARS 40

void
yp_reader_report (YpReader   *reader,
                  YpSeverity  severity,
                  const char *path,
                  const char *format,
                  ...)
{
  g_autofree char *message = NULL;
  g_autoptr(YpProblem) problem = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (severity == YP_SEVERITY_ERROR)
    reader->n_errors++;
  if (reader->quiet)
    return;
  problem = yp_problem_new (severity, reader->file, path, message);
  yp_record_add_problem (reader->record, problem);
}

const char *
yp_reader_value_type_name (const YpJsonValue *v)
{
  if (v == NULL)
    return "null";
  switch (v->kind)
    {
    case YP_JSON_OBJECT:
      return "an object";
    case YP_JSON_ARRAY:
      return "an array";
    case YP_JSON_STRING:
      return "a string";
    case YP_JSON_BOOLEAN:
      return "a boolean";
    case YP_JSON_INT:
    case YP_JSON_DOUBLE:
      return "a number";
    case YP_JSON_NULL:
    default:
      return "null";
    }
}

const char *
yp_reader_node_type_name (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return "null";
  if (JSON_NODE_HOLDS_OBJECT (node))
    return "an object";
  if (JSON_NODE_HOLDS_ARRAY (node))
    return "an array";
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return "a string";
    case G_TYPE_BOOLEAN:
      return "a boolean";
    default:
      return "a number";
    }
}

void
yp_reader_check_members (YpReader          *reader,
                         const YpJsonValue *object,
                         const char        *path,
                         const char       **allowed)
{
  /* In file order. */
  for (const YpJsonValue *m = yp_json_value_first (object); m != NULL; m = yp_json_value_next (object, m))
    {
      const char **a = allowed;

      while (*a != NULL && ((*a)[0] != m->name[0] || strcmp (*a, m->name) != 0))
        a++;
      if (*a == NULL)
        {
          MEMBER_PATH (p, path, m->name);
          yp_reader_report (reader, YP_SEVERITY_WARNING, p, "unknown member “%s” ignored", m->name);
        }
    }
}

/* @node if it is of @kind. Otherwise NULL, after an error at @path that
 * says what it is and that @what is required. */
static inline const YpJsonValue *
check_kind (YpReader          *reader,
            const YpJsonValue *node,
            const char        *path,
            YpJsonKind         kind,
            const char        *what)
{
  if (G_LIKELY (node->kind == kind))
    return node;
  yp_reader_report (reader, YP_SEVERITY_ERROR, path, "is %s; %s is required",
                    yp_reader_value_type_name (node), what);
  return NULL;
}

/* The member at @path, if present and of @kind; NULL if absent (an error
 * if @required) or of another kind (an error). */
static inline const YpJsonValue *
get_member_of_kind (YpReader          *reader,
                    const YpJsonValue *node,
                    const char        *path,
                    gboolean           required,
                    YpJsonKind         kind,
                    const char        *what)
{
  if (yp_json_value_is_absent (node))
    {
      if (required)
        yp_reader_report (reader, YP_SEVERITY_ERROR, path, "missing; %s is required", what);
      return NULL;
    }
  return check_kind (reader, node, path, kind, what);
}

/* Returns the string member, NULL if absent. A present member of the
 * wrong type, or an empty required one, is an error. */
const char *
yp_reader_get_string (YpReader          *reader,
                      const YpJsonValue *object,
                      const char        *path,
                      const char        *name,
                      gboolean           required)
{
  MEMBER_PATH (p, path, name);
  const YpJsonValue *node = get_member_of_kind (reader, yp_json_value_get_member (object, name), p,
                                                required, YP_JSON_STRING, "a string");

  if (node == NULL)
    return NULL;
  if (required && *node->string == '\0')
    {
      yp_reader_report (reader, YP_SEVERITY_ERROR, p, "is empty");
      return NULL;
    }
  return node->string;
}

const YpJsonValue *
yp_reader_get_array (YpReader          *reader,
                     const YpJsonValue *object,
                     const char        *path,
                     const char        *name,
                     gboolean           required)
{
  MEMBER_PATH (p, path, name);

  return get_member_of_kind (reader, yp_json_value_get_member (object, name), p,
                             required, YP_JSON_ARRAY, "an array");
}

const YpJsonValue *
yp_reader_element_object (YpReader          *reader,
                          const YpJsonValue *node,
                          const char        *path)
{
  return check_kind (reader, node, path, YP_JSON_OBJECT, "an object");
}

/* JSON paths */

const char *
yp_path_join (YpPathBuf  *b,
              const char *path,
              gboolean    dot,
              const char *tail)
{
  gsize lp = strlen (path), lt = strlen (tail);
  gboolean sep = dot && lp > 0;
  gsize need = lp + sep + lt + 1;
  char *d = need <= sizeof b->buf ? b->buf : (b->heap = g_malloc (need));
  char *q = d;

  memcpy (q, path, lp);
  q += lp;
  if (sep)
    *q++ = '.';
  memcpy (q, tail, lt + 1);
  return d;
}

/* json-glib trees */

gboolean
yp_reader_node_is_string (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

char *
yp_reader_quote_value (const char *value)
{
  g_autofree char *valid = g_utf8_make_valid (value, -1);
  glong n = g_utf8_strlen (valid, -1);

  g_strdelimit (valid, "\n\r\t", ' ');
  if (n <= QUOTE_CHARS)
    return g_steal_pointer (&valid);
  return g_strdup_printf ("%.*s…", (int) (g_utf8_offset_to_pointer (valid, QUOTE_CHARS) - valid), valid);
}

char *
yp_reader_member_path (const char *path,
                       const char *member)
{
  g_autofree char *name = yp_reader_quote_value (member);

  return *path ? g_strdup_printf ("%s.%s", path, name) : g_strdup (name);
}

void
yp_reader_check_object_members (YpReader    *reader,
                                JsonObject  *object,
                                const char  *path,
                                const char **allowed)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (const GList *l = members; l != NULL; l = l->next)
    {
      if (!g_strv_contains (allowed, l->data))
        {
          g_autofree char *p = yp_reader_member_path (path, l->data);
          g_autofree char *name = yp_reader_quote_value (l->data);

          yp_reader_report (reader, YP_SEVERITY_WARNING, p, "unknown member “%s” ignored", name);
        }
    }
}

char *
yp_reader_resolve_article (const char  *folder,
                           const char  *file,
                           GError     **error)
{
  g_auto(GStrv) parts = NULL;
  g_autofree char *shown = NULL;
  int depth = 0;

  g_return_val_if_fail (folder != NULL && file != NULL, NULL);

  if (g_path_is_absolute (file))
    {
      shown = yp_reader_quote_value (file);
      g_set_error (error, YP_ERROR, YP_ERROR_OUTSIDE_FOLDER,
                   "%s is an absolute path; an article's file is named relative to the timeline's folder "
                   "and stays inside it", shown);
      return NULL;
    }
  /* Counted on the path as written: "a/../b" stays in, "a/../../b" does
   * not. */
  parts = g_strsplit (file, G_DIR_SEPARATOR_S, -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (g_str_equal (parts[i], ".."))
        depth--;
      else if (parts[i][0] != '\0' && !g_str_equal (parts[i], "."))
        depth++;
      if (depth < 0)
        {
          shown = yp_reader_quote_value (file);
          g_set_error (error, YP_ERROR, YP_ERROR_OUTSIDE_FOLDER,
                       "%s leaves the timeline's folder; an article's file is named relative to that folder "
                       "and stays inside it", shown);
          return NULL;
        }
    }
  return g_build_filename (folder, file, NULL);
}

char *
yp_reader_absolute_path (const char *path)
{
  g_autofree char *cwd = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (g_path_is_absolute (path))
    return g_strdup (path);
  cwd = g_get_current_dir ();
  return g_build_filename (cwd, path, NULL);
}

YpRecord *
yp_reader_load_data (const char       *path,
                     const char       *data,
                     gsize             length,
                     gsize             max_bytes,
                     YpReaderLoadDoc   load_doc,
                     GPtrArray       **inputs,
                     GError          **error)
{
  g_autoptr(YpJsonDoc) doc = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);

  doc = yp_json_doc_scan (path, data, length, max_bytes, error);
  if (doc == NULL)
    return NULL;
  return load_doc (doc, inputs, error);
}
