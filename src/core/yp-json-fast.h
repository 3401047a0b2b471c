/* yp-json-fast.h: the strict JSON parser of the readers, into compact trees
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <string.h>

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Arrays and objects nest at most this deep: the parser recurses once per
 * level. A timeline nests 4 levels deep. */
#define YP_JSON_MAX_DEPTH 256

typedef enum {
  YP_JSON_NULL,
  YP_JSON_BOOLEAN,
  YP_JSON_INT,
  YP_JSON_DOUBLE,
  YP_JSON_STRING,
  YP_JSON_ARRAY,
  YP_JSON_OBJECT,
} YpJsonKind;

/* One value of a YpJsonTree. The values of a tree sit in one array, each
 * container followed by its children (and theirs): the first child of
 * @v is v + 1, the one after @child is child + child->size. */
typedef struct {
  YpJsonKind  kind;
  guint       n;       /* elements of an array, members of an object */
  guint       size;    /* this value and all it holds */
  const char *name;    /* a member's name; NULL outside an object */
  union {
    const char *string;
    gint64      integer;
    double      number;
    gboolean    boolean;
  };
} YpJsonValue;

/* Holds one tree at a time; reading another replaces it, reusing the
 * memory, so a loader reads element after element without allocating. */
typedef struct _YpJsonTree YpJsonTree;

YpJsonTree        *yp_json_tree_new         (void);
void               yp_json_tree_free        (YpJsonTree  *tree);
const YpJsonValue *yp_json_tree_parse       (YpJsonTree  *tree,
                                             const char  *data,
                                             gsize        length);
const YpJsonValue *yp_json_tree_parse_utf8  (YpJsonTree  *tree,
                                             const char  *data,
                                             gsize        length);
const YpJsonValue *yp_json_tree_take_node   (YpJsonTree  *tree,
                                             JsonNode    *node);
/* What is parsed next sits inside @outer arrays and objects, which count
 * towards YP_JSON_MAX_DEPTH. */
void               yp_json_tree_set_outer_depth (YpJsonTree *tree,
                                                 guint       outer);
/* After a parse returned NULL: what is wrong (a message), where (@offset,
 * in the bytes parsed) and in which value (@path, "" for the top level,
 * else "a.b[2]"). NULL after a parse that succeeded. */
const char        *yp_json_tree_get_error   (YpJsonTree  *tree,
                                             gsize       *offset,
                                             const char **path);

/* How a message shows the character at @p: “x” in quotes, or what it is
 * ("the end of the file", "the control character U+0001", "the byte
 * 0xFF"). */
char              *yp_json_describe         (const char  *p,
                                             const char  *end);

gboolean           yp_json_utf8_validate    (const char  *data,
                                             gsize        length);

const YpJsonValue *yp_json_value_get_member (const YpJsonValue *object,
                                             const char        *name);
JsonNode          *yp_json_value_to_node    (const YpJsonValue *value);

/* The children of an array or object, in order. */
static inline const YpJsonValue *
yp_json_value_first (const YpJsonValue *v)
{
  return v->n > 0 ? v + 1 : NULL;
}

static inline const YpJsonValue *
yp_json_value_next (const YpJsonValue *parent,
                    const YpJsonValue *child)
{
  const YpJsonValue *next = child + child->size;

  return next < parent + parent->size ? next : NULL;
}

/* The first byte from @p that may end a run of a JSON string's text: a
 * quote, a backslash or a control character (below 0x20); @end if none.
 * Eight bytes at a time: most of a timeline is the text of its strings. */
static inline const char *
yp_json_string_run_end (const char *p,
                        const char *end)
{
#define YP_ONES  G_GUINT64_CONSTANT (0x0101010101010101)
#define YP_HIGHS G_GUINT64_CONSTANT (0x8080808080808080)
  while (end - p >= 8)
    {
      guint64 x, quote, backslash;

      memcpy (&x, p, 8);
      quote = x ^ (YP_ONES * '"');
      backslash = x ^ (YP_ONES * '\\');
      /* A byte is zero, or (of x) below 0x20, where the high bit comes
       * out set; bytes of 0x80 and over never do. */
      if ((((quote - YP_ONES) & ~quote) | ((backslash - YP_ONES) & ~backslash) |
           ((x - YP_ONES * 0x20) & ~x)) & YP_HIGHS)
        break;
      p += 8;
    }
#undef YP_ONES
#undef YP_HIGHS
  while (p < end && *p != '"' && *p != '\\' && (guchar) *p >= 0x20)
    p++;
  return p;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (YpJsonTree, yp_json_tree_free)

G_END_DECLS
