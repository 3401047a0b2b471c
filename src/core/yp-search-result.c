/* yp-search-result.c: one search result, and where a query's terms are
 * in a text: its snippet and the spans to highlight
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The search (yp-search.c) finds which events and passages match; this
 * file finds the terms in their texts, ignoring ASCII case without
 * copying the text, and makes the result the window shows: a stretch of
 * the text around the first match, with every term in it marked.
 */
#define G_LOG_DOMAIN "yp-search"

#include "config.h"

#include <string.h>

#include "yp-search-result-private.h"

#define SNIPPET_BEFORE 36
#define SNIPPET_AFTER  64


/* Results */

struct _YpSearchResult
{
  GObject             parent_instance;
  YpSearchResultKind  kind;
  char               *id;
  char               *snippet;
  GArray             *spans;     /* guint pairs */
  guint               body_start;
  guint               body_end;
  guint               position;
};

G_DEFINE_FINAL_TYPE (YpSearchResult, yp_search_result, G_TYPE_OBJECT)

static void
yp_search_result_finalize (GObject *object)
{
  YpSearchResult *self = (YpSearchResult *) object;

  g_free (self->id);
  g_free (self->snippet);
  g_array_unref (self->spans);

  G_OBJECT_CLASS (yp_search_result_parent_class)->finalize (object);
}

static void
yp_search_result_class_init (YpSearchResultClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = yp_search_result_finalize;
}

static void
yp_search_result_init (YpSearchResult *self)
{
  self->spans = g_array_new (FALSE, FALSE, sizeof (guint));
}

YpSearchResultKind
yp_search_result_get_kind (YpSearchResult *self)
{
  g_return_val_if_fail (YP_IS_SEARCH_RESULT (self), YP_SEARCH_RESULT_EVENT);
  return self->kind;
}

const char *
yp_search_result_get_id (YpSearchResult *self)
{
  g_return_val_if_fail (YP_IS_SEARCH_RESULT (self), NULL);
  return self->id;
}

const char *
yp_search_result_get_snippet (YpSearchResult *self)
{
  g_return_val_if_fail (YP_IS_SEARCH_RESULT (self), NULL);
  return self->snippet;
}

const guint *
yp_search_result_get_spans (YpSearchResult *self,
                            guint          *n_spans)
{
  g_return_val_if_fail (YP_IS_SEARCH_RESULT (self), NULL);
  if (n_spans)
    *n_spans = self->spans->len / 2;
  return (const guint *) (gpointer) self->spans->data;
}

guint
yp_search_result_get_body_start (YpSearchResult *self)
{
  g_return_val_if_fail (YP_IS_SEARCH_RESULT (self), 0);
  return self->body_start;
}

guint
yp_search_result_get_body_end (YpSearchResult *self)
{
  g_return_val_if_fail (YP_IS_SEARCH_RESULT (self), 0);
  return self->body_end;
}

guint
yp_search_result_get_position (YpSearchResult *self)
{
  g_return_val_if_fail (YP_IS_SEARCH_RESULT (self), G_MAXUINT);
  return self->position;
}

/* Matching in the texts: ASCII case is ignored; lowering ASCII keeps the
 * byte offsets, so they map back to the original text. */

/* Whether @text starts with @term (ASCII-lowered), ignoring ASCII case. */
static inline gboolean
starts_with_term (const char *text,
                  const char *term)
{
  for (; *term != '\0'; text++, term++)
    if (*text != *term && !(*text >= 'A' && *text <= 'Z' && *text - 'A' + 'a' == *term))
      return FALSE;
  return TRUE;
}

/* Where @term (ASCII-lowered) first is in @text, ignoring ASCII case, or
 * NULL. Nothing is copied: this runs on every candidate, which can be
 * thousands of events per keystroke. A term without ASCII letters is
 * found as it is; else the candidates are the places of its first letter,
 * in either case. */
const char *
yp_search_find_term (const char *text,
                     const char *term)
{
  const char *letter = term;
  char accept[3];
  gsize before;

  if (text == NULL)
    return NULL;
  while (*letter != '\0' && !g_ascii_isalpha (*letter))
    letter++;
  if (*letter == '\0')
    return strstr (text, term);

  before = letter - term;
  accept[0] = *letter;
  accept[1] = g_ascii_toupper (*letter);
  accept[2] = '\0';
  for (const char *p = strpbrk (text, accept); p != NULL; p = strpbrk (p + 1, accept))
    if ((gsize) (p - text) >= before && starts_with_term (p - before, term))
      return p - before;
  return NULL;
}

gboolean
yp_search_contains_all (const char          *text,
                        const YpSearchTerms *terms)
{
  for (guint i = 0; i < terms->lowered->len; i++)
    if (yp_search_find_term (text, g_ptr_array_index (terms->lowered, i)) == NULL)
      return FALSE;
  return TRUE;
}

static int
compare_guint_pairs (gconstpointer a,
                     gconstpointer b)
{
  const guint *x = a, *y = b;

  return x[0] < y[0] ? -1 : x[0] > y[0];
}

/* A result whose snippet is the part of @text around the first match. */
YpSearchResult *
yp_search_result_new_for_text (YpSearchResultKind   kind,
                               const char          *id,
                               guint                position,
                               const char          *text,
                               const YpSearchTerms *terms,
                               guint                text_offset)
{
  YpSearchResult *result = g_object_new (YP_TYPE_SEARCH_RESULT, NULL);

  result->position = position;
  g_autofree char *low = g_ascii_strdown (text, -1);
  g_autoptr(GArray) pairs = g_array_new (FALSE, FALSE, sizeof (guint) * 2);
  const char *first = NULL;
  gsize first_len = 0;
  glong first_char, from, to, text_chars = g_utf8_strlen (text, -1);
  const char *from_p, *to_p;

  for (guint i = 0; i < terms->lowered->len; i++)
    {
      const char *term = g_ptr_array_index (terms->lowered, i);
      const char *hit = strstr (low, term);

      if (hit != NULL && (first == NULL || hit < first))
        {
          first = hit;
          first_len = strlen (term);
        }
    }
  if (first == NULL)
    first = low;

  first_char = g_utf8_pointer_to_offset (low, first);
  from = MAX (0, first_char - SNIPPET_BEFORE);
  to = MIN (text_chars, first_char + g_utf8_strlen (first, first_len) + SNIPPET_AFTER);
  from_p = g_utf8_offset_to_pointer (text, from);
  to_p = g_utf8_offset_to_pointer (text, to);
  {
    g_autofree char *middle = g_strndup (from_p, to_p - from_p);
    g_autofree char *middle_low = g_ascii_strdown (middle, -1);
    guint prefix = from > 0 ? 1 : 0;

    result->snippet = g_strconcat (from > 0 ? "…" : "", middle, to < text_chars ? "…" : "", NULL);
    /* Every occurrence of every term in the snippet. */
    for (guint i = 0; i < terms->lowered->len; i++)
      {
        const char *term = g_ptr_array_index (terms->lowered, i);
        gsize tl = strlen (term);

        for (const char *h = strstr (middle_low, term); h && tl > 0; h = strstr (h + tl, term))
          {
            guint pair[2];

            pair[0] = prefix + g_utf8_pointer_to_offset (middle_low, h);
            pair[1] = pair[0] + g_utf8_strlen (h, tl);
            g_array_append_vals (pairs, pair, 1);
          }
      }
  }
  g_array_sort (pairs, compare_guint_pairs);
  for (guint i = 0; i < pairs->len; i++)
    {
      guint *pair = &g_array_index (pairs, guint, i * 2);
      guint n = result->spans->len;

      /* Merge overlapping spans. */
      if (n >= 2 && pair[0] <= g_array_index (result->spans, guint, n - 1))
        g_array_index (result->spans, guint, n - 1) = MAX (pair[1], g_array_index (result->spans, guint, n - 1));
      else
        g_array_append_vals (result->spans, pair, 2);
    }

  result->kind = kind;
  result->id = g_strdup (id);
  result->body_start = text_offset + first_char;
  result->body_end = text_offset + first_char + g_utf8_strlen (first, first_len);
  return result;
}
