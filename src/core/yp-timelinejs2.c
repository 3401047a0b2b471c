/* yp-timelinejs2.c: TimelineJS 2 documents in the shape of TimelineJS 3
 *
 * A TimelineJS 2 file ({"timeline": {"date": [...], "era": [...]}}) is
 * rewritten as the TimelineJS 3 document it stands for, which the
 * TimelineJS reader then reads; the problems found are told back at the
 * paths the author wrote.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "yp-timelinejs2"

#include "config.h"

#include <string.h>

#include "yp-reader-private.h"
#include "yp-timelinejs2-private.h"

/* A TimelineJS 2 date, "2011,12,10" or "2011,12,10,07,02,10" or "-3500",
 * as a TimelineJS 3 date object: what is not a number is kept as a string,
 * for the date reader to name. */
static JsonNode *
tjs2_date (JsonNode *node)
{
  static const char *names[] = { "year", "month", "day", "hour", "minute", "second" };
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_auto(GStrv) parts = NULL;

  if (node == NULL || !yp_reader_node_is_string (node))
    return node != NULL ? json_node_copy (node) : NULL;
  parts = g_strsplit (json_node_get_string (node), ",", -1);
  json_builder_begin_object (b);
  for (guint i = 0; parts[i] != NULL && i < G_N_ELEMENTS (names); i++)
    {
      gint64 v;

      g_strstrip (parts[i]);
      if (*parts[i] == '\0')
        continue;
      json_builder_set_member_name (b, names[i]);
      if (g_ascii_string_to_signed (parts[i], 10, G_MININT64, G_MAXINT64, &v, NULL))
        json_builder_add_int_value (b, v);
      else
        json_builder_add_string_value (b, parts[i]);
    }
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static void
tjs2_copy_member (JsonBuilder *b,
                  JsonObject  *from,
                  const char  *from_name,
                  const char  *to_name)
{
  JsonNode *node = json_object_get_member (from, from_name);

  if (node == NULL)
    return;
  json_builder_set_member_name (b, to_name);
  json_builder_add_value (b, json_node_copy (node));
}

/* A TimelineJS 2 slide, era or title ({startDate, endDate, headline,
 * text, tag, asset {media, credit, caption, thumbnail}}) in the shape of
 * TimelineJS 3. Members TimelineJS 2 has and 3 does not ("classname",
 * "type") are dropped: they only style the slide. */
static JsonNode *
tjs2_slide (JsonNode *node)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  JsonObject *o;
  JsonNode *asset;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return json_node_copy (node);
  o = json_node_get_object (node);
  json_builder_begin_object (b);
  if (json_object_has_member (o, "startDate"))
    {
      json_builder_set_member_name (b, "start_date");
      json_builder_add_value (b, tjs2_date (json_object_get_member (o, "startDate")));
    }
  if (json_object_has_member (o, "endDate"))
    {
      json_builder_set_member_name (b, "end_date");
      json_builder_add_value (b, tjs2_date (json_object_get_member (o, "endDate")));
    }
  json_builder_set_member_name (b, "text");
  json_builder_begin_object (b);
  tjs2_copy_member (b, o, "headline", "headline");
  tjs2_copy_member (b, o, "text", "text");
  json_builder_end_object (b);
  tjs2_copy_member (b, o, "tag", "group");
  asset = json_object_get_member (o, "asset");
  if (asset != NULL && JSON_NODE_HOLDS_OBJECT (asset))
    {
      JsonObject *a = json_node_get_object (asset);

      json_builder_set_member_name (b, "media");
      json_builder_begin_object (b);
      tjs2_copy_member (b, a, "media", "url");
      tjs2_copy_member (b, a, "credit", "credit");
      tjs2_copy_member (b, a, "caption", "caption");
      tjs2_copy_member (b, a, "thumbnail", "thumbnail");
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* {"timeline": {"headline", "text", "date": [...], "era": [...]}} as a
 * TimelineJS 3 document; NULL when @timeline has no "date" array. */
JsonNode *
yp_timelinejs2_to_tjs3 (JsonObject *timeline)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  JsonNode *dates = json_object_get_member (timeline, "date");
  JsonNode *eras = json_object_get_member (timeline, "era");

  if (dates == NULL || !JSON_NODE_HOLDS_ARRAY (dates))
    return NULL;
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "title");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "text");
  json_builder_begin_object (b);
  tjs2_copy_member (b, timeline, "headline", "headline");
  tjs2_copy_member (b, timeline, "text", "text");
  json_builder_end_object (b);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "events");
  json_builder_begin_array (b);
  for (guint i = 0; i < json_array_get_length (json_node_get_array (dates)); i++)
    json_builder_add_value (b, tjs2_slide (json_array_get_element (json_node_get_array (dates), i)));
  json_builder_end_array (b);
  if (eras != NULL && JSON_NODE_HOLDS_ARRAY (eras))
    {
      json_builder_set_member_name (b, "eras");
      json_builder_begin_array (b);
      for (guint i = 0; i < json_array_get_length (json_node_get_array (eras)); i++)
        {
          g_autoptr(JsonNode) era = tjs2_slide (json_array_get_element (json_node_get_array (eras), i));

          /* An era has no media or group in TimelineJS 3. */
          if (JSON_NODE_HOLDS_OBJECT (era))
            {
              json_object_remove_member (json_node_get_object (era), "group");
              json_object_remove_member (json_node_get_object (era), "media");
            }
          json_builder_add_value (b, g_steal_pointer (&era));
        }
      json_builder_end_array (b);
    }
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* The problems of a TimelineJS 2 file, found in its TimelineJS 3 shape,
 * are told at the paths the author wrote. */
void
yp_timelinejs2_rename_paths (YpRecord *record)
{
  static const struct { const char *from, *to; } names[] = {
    { "events[", "timeline.date[" },
    { "eras[", "timeline.era[" },
    { ".start_date", ".startDate" },
    { ".end_date", ".endDate" },
    { ".text.headline", ".headline" },
    { ".text.text", ".text" },
    { ".media.url", ".asset\001media" },   /* not renamed again below */
    { ".media", ".asset" },
    { ".group", ".tag" },
  };
  GPtrArray *problems = yp_record_get_problems (record);

  for (guint i = 0; i < problems->len; i++)
    {
      YpProblem *p = g_ptr_array_index (problems, i);
      GString *path = g_string_new (p->path);

      if (g_str_has_prefix (path->str, "title"))
        g_string_replace (path, "title", "timeline", 1);
      for (guint k = 0; k < G_N_ELEMENTS (names); k++)
        g_string_replace (path, names[k].from, names[k].to, 1);
      g_string_replace (path, "\001", ".", 1);
      g_free (p->path);
      p->path = g_string_free (path, FALSE);
    }
}
