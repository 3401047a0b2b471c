/* yp-types.h: small value types shared by the model objects
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The two languages every text of a timeline is written in. */
typedef enum {
  YP_LANG_KO,
  YP_LANG_EN,
} YpLang;

/* A text in both languages; either may be NULL when optional. */
typedef struct {
  char *ko;
  char *en;
} YpText;

static inline const char *
yp_text_get (const YpText *text,
             YpLang        lang)
{
  const char *first = lang == YP_LANG_KO ? text->ko : text->en;
  const char *other = lang == YP_LANG_KO ? text->en : text->ko;

  return first && *first ? first : other;
}

static inline void
yp_text_set (YpText     *text,
             const char *ko,
             const char *en)
{
  char *k = g_strdup (ko), *e = g_strdup (en);

  g_free (text->ko);
  g_free (text->en);
  text->ko = k;
  text->en = e;
}

static inline void
yp_text_clear (YpText *text)
{
  g_clear_pointer (&text->ko, g_free);
  g_clear_pointer (&text->en, g_free);
}

static inline gboolean
yp_text_is_set (const YpText *text)
{
  return (text->ko && *text->ko) || (text->en && *text->en);
}

G_END_DECLS
