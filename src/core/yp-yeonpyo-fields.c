/* yp-yeonpyo-fields.c: the Yeonpyo reader's field readers: ids, bilingual
 * texts, dates, time zones and precisions, each checked against the
 * format's rules (see yp-yeonpyo-state-private.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "yp-yeonpyo-reader"

#include "config.h"

#include <string.h>

#include "yp-yeonpyo-state-private.h"

static gboolean
is_valid_id (const char *id)
{
  if (id == NULL || *id == '\0')
    return FALSE;
  for (const char *p = id; *p; p++)
    if (!(g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '-' || *p == '_' || *p == '.'))
      return FALSE;
  return TRUE;
}

const char *
yp_yeonpyo_get_id (YpYeonpyoState    *loader,
                   const YpJsonValue *object,
                   const char        *path,
                   GHashTable        *seen)
{
  const char *id = yp_reader_get_string (&loader->r, object, path, "id", TRUE);
  MEMBER_PATH (p, path, "id");

  if (id == NULL)
    return NULL;
  if (!is_valid_id (id))
    {
      yp_reader_report (&loader->r, YP_SEVERITY_ERROR, p,
              "“%s” is not a valid id (use lower-case letters, digits, “-”, “_” and “.”)", id);
      return NULL;
    }
  if (seen != NULL && g_hash_table_contains (seen, id))
    {
      yp_reader_report (&loader->r, YP_SEVERITY_ERROR, p, "duplicate id “%s”: %s", id,
              (const char *) g_hash_table_lookup (seen, id));
      return NULL;
    }
  return id;
}

/* A bilingual text. @required: both languages must be there. */
gboolean
yp_yeonpyo_get_text (YpYeonpyoState    *loader,
                     const YpJsonValue *object,
                     const char        *path,
                     const char        *name,
                     gboolean           required,
                     YpText            *out)
{
  MEMBER_PATH (p, path, name);
  const YpJsonValue *node = yp_json_value_get_member (object, name);
  const char *langs[] = { "ko", "en" };
  const char *names[] = { "Korean", "English" };
  const char *values[2] = { NULL, NULL };
  guint errors_before = loader->r.n_errors;

  out->ko = out->en = NULL;

  if (yp_json_value_is_absent (node))
    {
      if (required)
        yp_reader_report (&loader->r, YP_SEVERITY_ERROR, p,
                "missing; an object {\"ko\": …, \"en\": …} is required");
      return !required;
    }
  if (node->kind != YP_JSON_OBJECT)
    {
      yp_reader_report (&loader->r, YP_SEVERITY_ERROR, p,
              "is %s; an object {\"ko\": …, \"en\": …} is required", yp_reader_value_type_name (node));
      return FALSE;
    }
  for (guint i = 0; i < 2; i++)
    {
      MEMBER_PATH (lp, p, langs[i]);
      const YpJsonValue *v = yp_json_value_get_member (node, langs[i]);

      if (yp_json_value_is_absent (v))
        {
          if (required)
            yp_reader_report (&loader->r, YP_SEVERITY_ERROR, lp, "missing: the %s text is required", names[i]);
          continue;
        }
      if (v->kind != YP_JSON_STRING)
        {
          yp_reader_report (&loader->r, YP_SEVERITY_ERROR, lp, "is %s; a string is required", yp_reader_value_type_name (v));
          continue;
        }
      values[i] = v->string;
    }
  /* Empty strings count as missing where the text is required. */
  for (guint i = 0; i < 2; i++)
    {
      if (required && values[i] != NULL)
        {
          const char *c = values[i];

          /* Nothing but what g_strstrip() takes away. */
          while (g_ascii_isspace (*c))
            c++;
          if (*c == '\0')
            {
              MEMBER_PATH (lp, p, langs[i]);
              yp_reader_report (&loader->r, YP_SEVERITY_ERROR, lp, "is empty: the %s text is required", names[i]);
            }
        }
    }
  out->ko = (char *) values[0];
  out->en = (char *) values[1];
  return loader->r.n_errors == errors_before;
}

gboolean
yp_yeonpyo_get_date (YpYeonpyoState    *loader,
                     const YpJsonValue *object,
                     const char        *path,
                     const char        *name,
                     gboolean           required,
                     const char       **text_out,
                     YpDate            *out)
{
  MEMBER_PATH (p, path, name);
  g_autoptr(GError) error = NULL;
  const char *text = yp_reader_get_string (&loader->r, object, path, name, required);

  *text_out = text;
  if (text == NULL)
    return !required && yp_json_value_get_member (object, name) == NULL;
  /* Year 0 makes yp_date_parse() pass it to GLib's calendar, which
   * refuses it with a critical; year 9999 ends in year 10000, past what
   * GDateTime can reckon, so its range comes out empty. Both are refused
   * here, before any of that. */
  if (g_ascii_isdigit (text[0]) && g_ascii_isdigit (text[1]) && g_ascii_isdigit (text[2]) &&
      g_ascii_isdigit (text[3]) && (strncmp (text, "0000", 4) == 0 || strncmp (text, "9999", 4) == 0))
    {
      yp_reader_report (&loader->r, YP_SEVERITY_ERROR, p, "“%s” is outside the years a timeline can hold (0001 to 9998)", text);
      *text_out = NULL;
      return FALSE;
    }
  if (!yp_date_parse (text, out, &error))
    {
      yp_reader_report (&loader->r, YP_SEVERITY_ERROR, p, "%s", error->message);
      *text_out = NULL;
      return FALSE;
    }
  return TRUE;
}

GTimeZone *
yp_yeonpyo_get_timezone (YpYeonpyoState    *loader,
                         const YpJsonValue *object,
                         const char        *path,
                         const char       **name_out)
{
  MEMBER_PATH (p, path, "timezone");
  const char *name = yp_reader_get_string (&loader->r, object, path, "timezone", FALSE);
  GTimeZone *tz;

  *name_out = NULL;
  if (name == NULL)
    return g_time_zone_new_utc ();
  tz = loader->zones ? g_hash_table_lookup (loader->zones, name) : NULL;
  if (tz != NULL)
    {
      *name_out = name;
      return g_time_zone_ref (tz);
    }
  tz = yp_time_zone_new (name);
  if (tz != NULL && loader->zones != NULL)
    g_hash_table_insert (loader->zones, g_strdup (name), g_time_zone_ref (tz));
  if (tz == NULL)
    {
      yp_reader_report (&loader->r, YP_SEVERITY_ERROR, p,
              "“%s” is not a known time zone (use an IANA name such as “Asia/Seoul”)", name);
      return NULL;
    }
  *name_out = name;
  return tz;
}

gboolean
yp_yeonpyo_get_precision (YpYeonpyoState    *loader,
                          const YpJsonValue *object,
                          const char        *path,
                          const char        *name,
                          YpPrecision       *out)
{
  MEMBER_PATH (p, path, name);
  const YpJsonValue *node = yp_json_value_get_member (object, name);
  const char *text = yp_reader_get_string (&loader->r, object, path, name, FALSE);

  if (text == NULL)
    {
      /* Absent or null: both say nothing about the precision. A present
       * member of another type has had its error from get_string(). */
      if (yp_json_value_is_absent (node))
        yp_reader_report (&loader->r, YP_SEVERITY_ERROR, p,
                "missing: say how precise the date is (“exact”, “day”, “month” or “approximate”)");
      return FALSE;
    }
  if (!yp_precision_from_string (text, out))
    {
      yp_reader_report (&loader->r, YP_SEVERITY_ERROR, p,
              "“%s” is not a precision (“exact”, “day”, “month” or “approximate”)", text);
      return FALSE;
    }
  return TRUE;
}

/* The precision must agree with what the date spells out. */
gboolean
yp_yeonpyo_check_precision_shape (YpYeonpyoState *loader,
                                  const char   *path,
                                  YpPrecision   precision,
                                  const YpDate *date,
                                  const char   *date_text)
{
  MEMBER_PATH (p, path, "precision");
  const char *need = NULL;

  switch (precision)
    {
    case YP_PRECISION_EXACT:
      if (date->shape < YP_DATE_SHAPE_MINUTE)
        need = "“exact” needs a time (YYYY-MM-DDTHH:MM)";
      break;
    case YP_PRECISION_DAY:
      if (date->shape != YP_DATE_SHAPE_DAY)
        need = "“day” needs a date written YYYY-MM-DD";
      break;
    case YP_PRECISION_MONTH:
      if (date->shape != YP_DATE_SHAPE_MONTH)
        need = "“month” needs a date written YYYY-MM";
      break;
    case YP_PRECISION_APPROXIMATE:
    default:
      break;
    }
  if (need != NULL)
    {
      yp_reader_report (&loader->r, YP_SEVERITY_ERROR, p, "does not match the date “%s”: %s", date_text, need);
      return FALSE;
    }
  return TRUE;
}
