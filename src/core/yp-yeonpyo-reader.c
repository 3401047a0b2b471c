/* yp-yeonpyo-reader.c: reads and checks a Yeonpyo timeline: the document,
 * its sections in order, actors, eras, and events with their citations,
 * streamed to a sink or kept (sources: yp-yeonpyo-sources.c; fields:
 * yp-yeonpyo-fields.c)
 *
 * The top of the reader layers: the file's bytes come from
 * yp-file-bytes-private.h, its elements one at a time from the JSON
 * document scan (yp-json-doc-private.h), and problems are recorded with
 * the helpers both readers share (yp-reader-private.h). yp-import.c is
 * the entry point that picks this reader or the TimelineJS one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "yp-yeonpyo-reader"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "yp-file-bytes-private.h"
#include "yp-json-doc-private.h"
#include "yp-reader-private.h"
#include "yp-str-pool.h"
#include "yp-yeonpyo-reader-private.h"
#include "yp-yeonpyo-state-private.h"

static const char *section_names[] = { "sources", "actors", "eras", "events", NULL };

static const char *categories[] = {
  "governance", "people", "product", "business", "publication", "media", NULL
};
static const char *statuses[] = { "reported", "unconfirmed", "false", NULL };
static const char *actor_kinds[] = { "person", "organisation", NULL };

static const char *top_members[] = {
  "format", "version", "title", "sources", "actors", "eras", "events", NULL
};
static const char *actor_members[] = { "id", "kind", "name", "role", NULL };
static const char *era_members[] = {
  "id", "name", "start", "end", "timezone", "description", NULL
};
static const char *event_members[] = {
  "id", "date", "precision", "timezone", "earliest", "latest", "date_note", "title",
  "summary", "actors", "category", "era", "status", "publication_of", "citations", NULL
};
static const char *citation_members[] = { "source", "quote", NULL };

/* Actors and eras */

static gpointer
read_actor (YpYeonpyoState    *loader,
            const YpJsonValue *object,
            const char        *path,
            guint              position,
            GHashTable        *seen)
{
  MEMBER_PATH (kind_path, path, "kind");
  const char *id, *kind;
  YpText name, role;

  loader->r.n_errors = 0;
  yp_reader_check_members (&loader->r, object, path, actor_members);
  id = yp_yeonpyo_get_id (loader, object, path, seen);
  kind = yp_reader_get_string (&loader->r, object, path, "kind", TRUE);
  if (kind != NULL && !g_strv_contains (actor_kinds, kind))
    yp_reader_report (&loader->r, YP_SEVERITY_ERROR, kind_path, "“%s” is not “person” or “organisation”", kind);
  yp_yeonpyo_get_text (loader, object, path, "name", TRUE, &name);
  yp_yeonpyo_get_text (loader, object, path, "role", FALSE, &role);
  if (loader->r.n_errors > 0)
    {
      yp_reader_report (&loader->r, YP_SEVERITY_ERROR, path, "actor “%s” skipped", id ? id : "?");
      return NULL;
    }
  g_hash_table_insert (seen, g_strdup (id), g_strdup (path));
  return yp_actor_new (id, kind, &name, &role);
}

static gpointer
read_era (YpYeonpyoState    *loader,
          const YpJsonValue *object,
          const char        *path,
          guint              position,
          GHashTable        *seen)
{
  g_autoptr(GTimeZone) tz = NULL;
  MEMBER_PATH (end_path, path, "end");
  const char *id, *tz_name, *start_text = NULL, *end_text = NULL;
  YpText name, description;
  YpDate start_date, end_date;
  gint64 start = 0, end = 0;
  gboolean dates_ok;

  loader->r.n_errors = 0;
  yp_reader_check_members (&loader->r, object, path, era_members);
  id = yp_yeonpyo_get_id (loader, object, path, seen);
  yp_yeonpyo_get_text (loader, object, path, "name", TRUE, &name);
  yp_yeonpyo_get_text (loader, object, path, "description", FALSE, &description);
  tz = yp_yeonpyo_get_timezone (loader, object, path, &tz_name);
  dates_ok = yp_yeonpyo_get_date (loader, object, path, "start", TRUE, &start_text, &start_date);
  dates_ok &= yp_yeonpyo_get_date (loader, object, path, "end", TRUE, &end_text, &end_date);
  if (dates_ok && tz != NULL)
    {
      yp_date_get_range (&start_date, tz, &start, NULL);
      yp_date_get_range (&end_date, tz, NULL, &end);
      if (end <= start)
        yp_reader_report (&loader->r, YP_SEVERITY_ERROR, end_path, "the era ends (%s) before it starts (%s)",
                end_text, start_text);
    }
  if (loader->r.n_errors > 0)
    {
      yp_reader_report (&loader->r, YP_SEVERITY_ERROR, path, "era “%s” skipped", id ? id : "?");
      return NULL;
    }
  g_hash_table_insert (seen, g_strdup (id), g_strdup (path));
  return yp_era_new (id, &name, &description, start_text, end_text, start, end);
}

/* Events */

static gboolean
find_quote (YpSource   *source,
            const char *quote,
            guint      *body_start,
            guint      *raw_start)
{
  const char *body = yp_source_get_body_text (source);
  const char *hit = strstr (body, quote);

  if (hit == NULL)
    return FALSE;
  *body_start = g_utf8_pointer_to_offset (body, hit);
  *raw_start = yp_source_body_to_raw (source, *body_start);
  return TRUE;
}

/* Fills @citation with strings borrowed from @object; FALSE when the
 * citation is left out. */
static gboolean
read_citation (YpYeonpyoState    *loader,
               const YpJsonValue *object,
               const char        *path,
               YpCitationInfo *citation,
               gboolean       *dropped)
{
  MEMBER_PATH (source_path, path, "source");
  MEMBER_PATH (quote_path, path, "quote");
  YpSource *source;
  const char *source_id, *quote;
  guint body_start, raw_start, len;

  *dropped = FALSE;
  yp_reader_check_members (&loader->r, object, path, citation_members);
  source_id = yp_reader_get_string (&loader->r, object, path, "source", TRUE);
  quote = yp_reader_get_string (&loader->r, object, path, "quote", TRUE);
  if (source_id == NULL || quote == NULL)
    return FALSE;

  source = yp_record_lookup_source (loader->r.record, source_id);
  if (source == NULL)
    {
      /* A source that exists in the file but could not be loaded already
       * has its own error; the citation is dropped, not the event. */
      if (g_hash_table_contains (loader->failed_sources, source_id))
        {
          yp_reader_report (&loader->r, YP_SEVERITY_WARNING, source_path,
                  "source “%s” could not be loaded; this citation is left out", source_id);
          *dropped = TRUE;
        }
      else
        yp_reader_report (&loader->r, YP_SEVERITY_ERROR, source_path, "unknown source id “%s”", source_id);
      return FALSE;
    }
  if (strchr (quote, '\n') != NULL)
    {
      yp_reader_report (&loader->r, YP_SEVERITY_ERROR, quote_path,
              "contains a line break; quote one paragraph at a time");
      return FALSE;
    }
  if (!find_quote (source, quote, &body_start, &raw_start))
    {
      const char *raw = yp_source_get_raw_text (source);
      const char *hit = strstr (raw, quote);

      if (hit != NULL)
        yp_reader_report (&loader->r, YP_SEVERITY_ERROR, quote_path,
                "is on line %u of %s, outside the article body given in “body”",
                yp_source_line_at_raw (source, g_utf8_pointer_to_offset (raw, hit)),
                yp_source_get_file (source));
      else
        yp_reader_report (&loader->r, YP_SEVERITY_ERROR, quote_path,
                "not found in %s (quotes must match the file exactly)", yp_source_get_file (source));
      return FALSE;
    }
  len = g_utf8_strlen (quote, -1);
  *citation = (YpCitationInfo) {
    .source_id = source_id,
    .quote = quote,
    .body_start = body_start,
    .body_end = body_start + len,
    .raw_start = raw_start,
    .raw_end = raw_start + len,
  };
  return TRUE;
}

/* Reads the event at @object into @info, whose strings point into the
 * element's tree and the loader's reused arrays: valid until the next
 * element is read. FALSE when it is skipped (the errors are reported). */
static gboolean
read_event_info (YpYeonpyoState    *loader,
                 const YpJsonValue *object,
                 const char        *path,
                 guint              position,
                 GHashTable        *seen,
                 YpEventInfo       *info_out)
{
  g_autoptr(GTimeZone) tz = NULL;
  GArray *citations = loader->citations;
  GPtrArray *actor_ids = loader->actor_ids;
  MEMBER_PATH (actors_path, path, "actors");
  MEMBER_PATH (category_path, path, "category");
  MEMBER_PATH (era_path, path, "era");
  MEMBER_PATH (status_path, path, "status");
  MEMBER_PATH (pub_path, path, "publication_of");
  MEMBER_PATH (cit_path, path, "citations");
  MEMBER_PATH (date_path, path, "date");
  YpEventInfo info = { 0 };
  const YpJsonValue *actors, *cites, *e;
  guint i;
  YpDate date, earliest, latest;
  gboolean have_date, have_precision, have_earliest, have_latest;
  guint n_dropped = 0;

  loader->r.n_errors = 0;
  g_array_set_size (citations, 0);
  g_ptr_array_set_size (actor_ids, 0);
  yp_reader_check_members (&loader->r, object, path, event_members);

  info.id = yp_yeonpyo_get_id (loader, object, path, seen);
  info.position = position;
  have_date = yp_yeonpyo_get_date (loader, object, path, "date", TRUE, &info.date, &date) && info.date;
  have_precision = yp_yeonpyo_get_precision (loader, object, path, "precision", &info.precision);
  tz = yp_yeonpyo_get_timezone (loader, object, path, &info.timezone);
  have_earliest = yp_yeonpyo_get_date (loader, object, path, "earliest", FALSE, &info.earliest, &earliest) && info.earliest;
  have_latest = yp_yeonpyo_get_date (loader, object, path, "latest", FALSE, &info.latest, &latest) && info.latest;
  yp_yeonpyo_get_text (loader, object, path, "date_note", FALSE, &info.date_note);
  yp_yeonpyo_get_text (loader, object, path, "title", TRUE, &info.title);
  yp_yeonpyo_get_text (loader, object, path, "summary", TRUE, &info.summary);

  if (have_date && have_precision)
    {
      yp_yeonpyo_check_precision_shape (loader, path, info.precision, &date, info.date);
      if (info.precision == YP_PRECISION_APPROXIMATE && !yp_text_is_set (&info.date_note))
        {
          MEMBER_PATH (p, path, "date_note");
          yp_reader_report (&loader->r, YP_SEVERITY_ERROR, p,
                  "missing: an approximate date needs a note saying how it was worked out");
        }
      if ((have_earliest || have_latest) && info.precision != YP_PRECISION_APPROXIMATE)
        yp_reader_report (&loader->r, YP_SEVERITY_WARNING, path,
                "“earliest”/“latest” are only used with precision “approximate”");
    }

  if (have_date && tz != NULL)
    {
      gint64 dstart, dend;

      yp_date_get_range (&date, tz, &dstart, &dend);
      info.start = dstart;
      info.end = dend;
      /* Sorted and drawn at the start of a day or an instant, in the middle
       * of a month or a year. */
      info.anchor = date.shape <= YP_DATE_SHAPE_MONTH ? dstart + (dend - dstart) / 2 : dstart;
      if (info.precision == YP_PRECISION_APPROXIMATE)
        {
          if (have_earliest)
            yp_date_get_range (&earliest, tz, &info.start, NULL);
          if (have_latest)
            yp_date_get_range (&latest, tz, NULL, &info.end);
          if (info.start > dstart || info.end < dend)
            yp_reader_report (&loader->r, YP_SEVERITY_ERROR, date_path,
                    "“%s” is not between “earliest” and “latest”", info.date);
        }
    }

  actors = yp_reader_get_array (&loader->r, object, path, "actors", FALSE);
  for (i = 0, e = actors ? yp_json_value_first (actors) : NULL; e != NULL; i++, e = yp_json_value_next (actors, e))
    {
      INDEX_PATH (ap, actors_path, i);
      const char *actor_id;

      if (e->kind != YP_JSON_STRING)
        {
          yp_reader_report (&loader->r, YP_SEVERITY_ERROR, ap, "is %s; an actor id is required", yp_reader_value_type_name (e));
          continue;
        }
      actor_id = e->string;
      if (yp_record_lookup_actor (loader->r.record, actor_id) == NULL)
        yp_reader_report (&loader->r, YP_SEVERITY_ERROR, ap, "unknown actor id “%s”", actor_id);
      else
        g_ptr_array_add (actor_ids, (gpointer) actor_id);
    }
  g_ptr_array_add (actor_ids, NULL);
  info.actors = (const char * const *) actor_ids->pdata;

  info.category = yp_reader_get_string (&loader->r, object, path, "category", TRUE);
  if (info.category != NULL && !g_strv_contains (categories, info.category))
    {
      g_autofree char *known = g_strjoinv ("”, “", (char **) categories);
      yp_reader_report (&loader->r, YP_SEVERITY_ERROR, category_path, "“%s” is not a category (“%s”)", info.category, known);
    }

  info.era = yp_reader_get_string (&loader->r, object, path, "era", TRUE);
  if (info.era != NULL)
    {
      YpEra *era = yp_record_lookup_era (loader->r.record, info.era);

      if (era == NULL)
        yp_reader_report (&loader->r, YP_SEVERITY_ERROR, era_path, "unknown era id “%s”", info.era);
      else if (have_date && tz != NULL &&
               (info.anchor < yp_era_get_start (era) || info.anchor >= yp_era_get_end (era)))
        yp_reader_report (&loader->r, YP_SEVERITY_WARNING, era_path, "the date %s lies outside the era “%s” (%s – %s)",
                info.date, info.era, yp_era_get_start_text (era), yp_era_get_end_text (era));
    }

  info.status = yp_reader_get_string (&loader->r, object, path, "status", FALSE);
  if (info.status != NULL && !g_strv_contains (statuses, info.status))
    yp_reader_report (&loader->r, YP_SEVERITY_ERROR, status_path,
            "“%s” is not a status (“reported”, “unconfirmed” or “false”)", info.status);

  info.publication_of = yp_reader_get_string (&loader->r, object, path, "publication_of", FALSE);
  if (info.publication_of != NULL)
    {
      YpSource *source = yp_record_lookup_source (loader->r.record, info.publication_of);

      if (source == NULL)
        yp_reader_report (&loader->r, YP_SEVERITY_ERROR, pub_path, "unknown source id “%s”", info.publication_of);
      else if (have_date && yp_source_get_published (source) != NULL &&
               g_strcmp0 (yp_source_get_published (source), info.date) != 0)
        yp_reader_report (&loader->r, YP_SEVERITY_WARNING, pub_path,
                "the event is dated %s but the source says it was published %s",
                info.date, yp_source_get_published (source));
    }
  else if (g_strcmp0 (info.category, "publication") == 0)
    yp_reader_report (&loader->r, YP_SEVERITY_WARNING, path,
            "a “publication” event should name its article in “publication_of”");

  cites = yp_reader_get_array (&loader->r, object, path, "citations", TRUE);
  if (cites != NULL && cites->n == 0)
    yp_reader_report (&loader->r, YP_SEVERITY_ERROR, cit_path,
            "is empty: every event needs at least one citation from a source");
  for (i = 0, e = cites ? yp_json_value_first (cites) : NULL; e != NULL; i++, e = yp_json_value_next (cites, e))
    {
      INDEX_PATH (cp, cit_path, i);
      const YpJsonValue *cobj = yp_reader_element_object (&loader->r, e, cp);
      YpCitationInfo citation;
      gboolean dropped;

      if (cobj == NULL)
        continue;
      if (read_citation (loader, cobj, cp, &citation, &dropped))
        g_array_append_val (citations, citation);
      n_dropped += dropped;
    }
  if (loader->r.n_errors == 0 && citations->len == 0 && n_dropped > 0)
    yp_reader_report (&loader->r, YP_SEVERITY_ERROR, cit_path, "none of the event’s sources could be loaded");

  if (loader->r.n_errors > 0)
    {
      if (info.id != NULL)
        yp_reader_report (&loader->r, YP_SEVERITY_ERROR, path, "event “%s” skipped", info.id);
      else
        yp_reader_report (&loader->r, YP_SEVERITY_ERROR, path, "event skipped");
      return FALSE;
    }

  info.citations = (const YpCitationInfo *) citations->data;
  info.n_citations = citations->len;
  if (seen != NULL)
    g_hash_table_insert (seen, g_strdup (info.id), g_strdup (path));
  *info_out = info;
  return TRUE;
}

static gpointer
read_event (YpYeonpyoState    *loader,
            const YpJsonValue *object,
            const char        *path,
            guint              position,
            GHashTable        *seen)
{
  YpEventInfo info;

  if (!read_event_info (loader, object, path, position, seen, &info))
    return NULL;
  return yp_event_new_with_pool (&info, loader->pool);
}

/* One section of the file: an array of objects read by @read_one. */
typedef gpointer (*ReadFunc) (YpYeonpyoState *, const YpJsonValue *, const char *, guint, GHashTable *);

/* Sections */

/* One section of the file, element by element. NULL with @error set when
 * an element is not valid JSON: the whole file is refused. */
/* How many events are read between two calls of the sink's progress():
 * often enough that Cancel stops a load at once, rarely enough to cost
 * nothing next to the parsing. */
#define PROGRESS_STEP 64

/* Tells the sink how far the events are read; FALSE with @error set when
 * it says to stop. */
static gboolean
events_progress (YpYeonpyoState *loader,
                 guint    done,
                 guint    total,
                 GError **error)
{
  if (loader->sink == NULL || loader->sink->progress == NULL)
    return TRUE;
  if (done < total && done % PROGRESS_STEP != 0)
    return TRUE;
  return loader->sink->progress (done, total, loader->sink->user_data, error);
}

static GPtrArray *
read_section (YpYeonpyoState *loader,
              YpJsonDoc  *doc,
              const char *name,
              gboolean    required,
              ReadFunc    read_one,
              GHashTable *failed_ids,
              GError    **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GString) p = g_string_new (NULL);
  gboolean is_events = g_str_equal (name, "events");
  const YpJsonMember *m;

  loader->r.n_errors = 0;
  if (yp_reader_get_array (&loader->r, loader->top, "", name, required) == NULL)
    return g_steal_pointer (&items);
  m = yp_json_doc_lookup (doc, name);
  g_assert (m != NULL && yp_json_member_is_array (m));
  yp_json_doc_start_pass (doc, m);
  for (guint i = 0, n = yp_json_member_get_length (m); i < n; i++)
    {
      const YpJsonValue *element, *object, *id;
      gpointer item;

      if (is_events && !events_progress (loader, i, n, error))
        return NULL;
      element = yp_json_doc_read_element (doc, m, i, loader->tree, p, error);
      if (element == NULL)
        return NULL;
      object = yp_reader_element_object (&loader->r, element, p->str);
      if (object == NULL)
        continue;
      item = read_one (loader, object, p->str, i, seen);
      if (item != NULL)
        g_ptr_array_add (items, item);
      else if (failed_ids != NULL && (id = yp_json_value_get_member (object, "id")) != NULL &&
               id->kind == YP_JSON_STRING)
        g_hash_table_add (failed_ids, g_strdup (id->string));
    }
  if (is_events && !events_progress (loader, yp_json_member_get_length (m), yp_json_member_get_length (m), error))
    return NULL;
  return g_steal_pointer (&items);
}

typedef struct {
  gint64  anchor;
  guint32 index;   /* the element's, which is the event's position */
} EventKey;

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  const EventKey *ka = a, *kb = b;

  if (ka->anchor != kb->anchor)
    return ka->anchor < kb->anchor ? -1 : 1;
  return ka->index < kb->index ? -1 : ka->index > kb->index;
}

/* The events section handed to @sink in the record's order, none kept.
 * A file already in date order, as most are, is read once, each event
 * handed on as it is read. Otherwise the sink is told to start over
 * where the order first breaks, and once every event is read, checked
 * and reported, they are read again from the file in order (quietly:
 * nothing new can be found). FALSE with @error set when an element is
 * not valid JSON or the sink fails. */
static gboolean
stream_events (YpYeonpyoState *loader,
               YpJsonDoc   *doc,
               YpEventSink *sink,
               GError     **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (EventKey));
  g_autoptr(GString) p = g_string_new (NULL);
  const YpJsonMember *m;
  gboolean in_order = TRUE;

  loader->r.n_errors = 0;
  if (yp_reader_get_array (&loader->r, loader->top, "", "events", FALSE) == NULL)
    return TRUE;
  m = yp_json_doc_lookup (doc, "events");
  g_assert (m != NULL && yp_json_member_is_array (m));
  yp_json_doc_start_pass (doc, m);
  for (guint i = 0, n = yp_json_member_get_length (m); i < n; i++)
    {
      const YpJsonValue *element, *object;
      YpEventInfo info;
      EventKey key;

      if (!events_progress (loader, i, n, error))
        return FALSE;
      element = yp_json_doc_read_element (doc, m, i, loader->tree, p, error);
      if (element == NULL)
        return FALSE;
      object = yp_reader_element_object (&loader->r, element, p->str);
      if (object == NULL || !read_event_info (loader, object, p->str, i, seen, &info))
        continue;
      key.anchor = info.anchor;
      key.index = i;
      if (in_order && keys->len > 0 && info.anchor < g_array_index (keys, EventKey, keys->len - 1).anchor)
        {
          in_order = FALSE;
          if (!sink->restart (sink->user_data, error))
            return FALSE;
        }
      g_array_append_val (keys, key);
      if (in_order && !sink->event (&info, sink->user_data, error))
        return FALSE;
    }
  if (in_order)
    return events_progress (loader, yp_json_member_get_length (m), yp_json_member_get_length (m), error);

  g_clear_pointer (&seen, g_hash_table_unref);
  g_array_sort (keys, compare_keys);
  loader->r.quiet = TRUE;
  for (guint k = 0; k < keys->len; k++)
    {
      guint i = g_array_index (keys, EventKey, k).index;
      const YpJsonValue *element, *object;
      YpEventInfo info;
      gboolean ok;

      /* The second pass reports the first's end: progress never goes
       * back, and Cancel still stops it. */
      if (k % PROGRESS_STEP == 0 && sink->progress != NULL &&
          !sink->progress (yp_json_member_get_length (m), yp_json_member_get_length (m), sink->user_data, error))
        {
          loader->r.quiet = FALSE;
          return FALSE;
        }
      yp_json_doc_read_out_of_order (doc, m, i);
      element = yp_json_doc_read_element (doc, m, i, loader->tree, p, error);
      object = element ? yp_reader_element_object (&loader->r, element, p->str) : NULL;
      ok = object != NULL && read_event_info (loader, object, p->str, i, NULL, &info);
      /* It loaded the first time: the same bytes read the same way. Only
       * a file changed meanwhile reads otherwise (see
       * yp_file_bytes_finish(), which says so in this error's place). */
      if (!ok)
        {
          if (element != NULL)
            yp_file_fail (error, YP_ERROR_CHANGED, loader->r.file, "%s read differently the second time", p->str);
          loader->r.quiet = FALSE;
          return FALSE;
        }
      if (!sink->event (&info, sink->user_data, error))
        {
          loader->r.quiet = FALSE;
          return FALSE;
        }
    }
  loader->r.quiet = FALSE;
  return TRUE;
}

/* How many elements the events array has (none when it is not one). */
static guint
count_events (YpJsonDoc *doc)
{
  const YpJsonMember *m = yp_json_doc_lookup (doc, "events");

  return m != NULL && yp_json_member_is_array (m) ? yp_json_member_get_length (m) : 0;
}

/* What keeping the events takes, for the sink's begin() to weigh: about
 * this much an event (its object, date, citations), plus a part of the
 * file's size (its titles and summaries; much of a file is its
 * structure, and equal texts share one string). An estimate from the
 * cases measured: minimal events, generated timelines, and events of
 * long text. */
#define KEPT_EVENT_BYTES 900
#define KEPT_FILE_DIVISOR 4

static gboolean
read_sections (YpYeonpyoState *loader,
               YpJsonDoc   *doc,
               YpEventSink *sink,
               GError     **error)
{
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GPtrArray) actors = NULL;
  g_autoptr(GPtrArray) eras = NULL;
  g_autoptr(GPtrArray) events = NULL;

  /* Sources first: events resolve their quotes against them. Ids of
   * sources that failed are remembered so their citations are dropped
   * with a warning rather than failing the event. */
  sources = read_section (loader, doc, "sources", TRUE, yp_yeonpyo_read_source, loader->failed_sources, error);
  if (sources == NULL)
    return FALSE;
  yp_record_set_sources (loader->r.record, sources);
  actors = read_section (loader, doc, "actors", FALSE, read_actor, NULL, error);
  if (actors == NULL)
    return FALSE;
  yp_record_set_actors (loader->r.record, actors);
  eras = read_section (loader, doc, "eras", FALSE, read_era, NULL, error);
  if (eras == NULL)
    return FALSE;
  yp_record_set_eras (loader->r.record, eras);
  loader->sink = sink;
  if (sink != NULL &&
      sink->begin (count_events (doc), yp_json_doc_get_length (doc),
                   (guint64) count_events (doc) * KEPT_EVENT_BYTES + yp_json_doc_get_length (doc) / KEPT_FILE_DIVISOR,
                   sink->user_data))
    {
      if (!stream_events (loader, doc, sink, error))
        return FALSE;
      events = g_ptr_array_new ();
    }
  else
    {
      events = read_section (loader, doc, "events", FALSE, read_event, NULL, error);
      if (events == NULL)
        return FALSE;
    }
  yp_record_set_events (loader->r.record, events);
  return yp_json_doc_check_unread (doc, section_names, error);
}

YpRecord *
yp_yeonpyo_reader_load_doc (YpJsonDoc  *doc,
                    GPtrArray **inputs,
                    GError    **error)
{
  return yp_yeonpyo_reader_load_doc_streaming (doc, inputs, NULL, error);
}

YpRecord *
yp_yeonpyo_reader_load_doc_streaming (YpJsonDoc   *doc,
                              GPtrArray  **inputs,
                              YpEventSink *sink,
                              GError     **error)
{
  g_autoptr(GHashTable) failed_sources = NULL;
  g_autoptr(YpRecord) record = NULL;
  g_autofree char *abs = NULL;
  const char *path;
  YpYeonpyoState loader = { 0 };
  JsonObject *object;
  JsonNode *format, *version;
  YpText title;
  gboolean ok;

  g_return_val_if_fail (doc != NULL, NULL);

  path = yp_json_doc_get_file (doc);
  if (yp_json_doc_get_top (doc) != YP_JSON_TOP_OBJECT)
    {
      if (!yp_json_doc_check_syntax (doc, error))
        return NULL;
      yp_file_fail (error, YP_ERROR_NOT_A_TIMELINE, path, "the top level is %s; a timeline is a JSON object",
                    yp_json_doc_get_top (doc) == YP_JSON_TOP_ARRAY ? "an array" : yp_reader_node_type_name (yp_json_doc_get_top_node (doc)));
      return NULL;
    }
  object = json_node_get_object (yp_json_doc_get_top_node (doc));
  format = json_object_get_member (object, "format");
  if (format == NULL || !JSON_NODE_HOLDS_VALUE (format) ||
      json_node_get_value_type (format) != G_TYPE_STRING ||
      g_strcmp0 (json_node_get_string (format), YP_TIMELINE_FORMAT) != 0)
    {
      if (yp_json_doc_check_syntax (doc, error))
        yp_file_fail (error, YP_ERROR_NOT_A_TIMELINE, path, "not a Yeonpyo timeline: “format” must be “%s”", YP_TIMELINE_FORMAT);
      return NULL;
    }
  version = json_object_get_member (object, "version");
  if (version == NULL || !JSON_NODE_HOLDS_VALUE (version) ||
      json_node_get_value_type (version) != G_TYPE_INT64)
    {
      if (yp_json_doc_check_syntax (doc, error))
        yp_file_fail (error, YP_ERROR_NOT_A_TIMELINE, path, "“version” must be a whole number");
      return NULL;
    }
  if (json_node_get_int (version) != YP_TIMELINE_VERSION)
    {
      if (yp_json_doc_check_syntax (doc, error))
        yp_file_fail (error, YP_ERROR_UNSUPPORTED, path, "format version %" G_GINT64_FORMAT " is not supported (this Yeonpyo reads version %d)",
                      json_node_get_int (version), YP_TIMELINE_VERSION);
      return NULL;
    }

  abs = yp_reader_absolute_path (path);
  record = yp_record_new ();
  loader.r.file = path;
  loader.base_dir = g_path_get_dirname (abs);
  loader.r.record = record;
  loader.inputs = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (loader.inputs, g_strdup (abs));
  loader.zones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_time_zone_unref);
  loader.pool = yp_str_pool_new ();
  loader.tree = yp_json_tree_new ();
  loader.citations = g_array_new (FALSE, FALSE, sizeof (YpCitationInfo));
  loader.actor_ids = g_ptr_array_new ();
  loader.top_tree = yp_json_tree_new ();
  loader.top = yp_json_tree_take_node (loader.top_tree, yp_json_doc_get_top_node (doc));

  yp_reader_check_members (&loader.r, loader.top, "", top_members);
  if (yp_yeonpyo_get_text (&loader, loader.top, "", "title", TRUE, &title))
    yp_record_set_title (record, title.ko, title.en);

  failed_sources = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  loader.failed_sources = failed_sources;
  ok = read_sections (&loader, doc, sink, error);
  yp_json_doc_release (doc);

  if (ok && inputs != NULL)
    *inputs = g_steal_pointer (&loader.inputs);
  g_clear_pointer (&loader.inputs, g_ptr_array_unref);
  g_clear_pointer (&loader.zones, g_hash_table_unref);
  g_clear_pointer (&loader.pool, yp_str_pool_unref);
  g_clear_pointer (&loader.tree, yp_json_tree_free);
  g_clear_pointer (&loader.citations, g_array_unref);
  g_clear_pointer (&loader.actor_ids, g_ptr_array_unref);
  g_clear_pointer (&loader.top_tree, yp_json_tree_free);
  g_free (loader.base_dir);

  return ok ? g_steal_pointer (&record) : NULL;
}

YpRecord *
yp_yeonpyo_reader_load_data (const char  *path,
                     const char  *data,
                     gsize        length,
                     GPtrArray  **inputs,
                     GError     **error)
{
  return yp_reader_load_data (path, data, length, YP_FILE_MAX_BYTES, yp_yeonpyo_reader_load_doc, inputs, error);
}

YpRecord *
yp_yeonpyo_reader_load_file (const char  *path,
                     GPtrArray  **inputs,
                     GError     **error)
{
  g_autoptr(YpRecord) record = NULL;
  g_autoptr(YpJsonDoc) doc = NULL;
  YpFileBytes *bytes;

  g_return_val_if_fail (path != NULL, NULL);

  bytes = yp_file_bytes_read (path, error);
  if (bytes == NULL)
    return NULL;
  doc = yp_json_doc_scan_file (path, bytes, YP_FILE_MAX_BYTES, error);
  if (doc != NULL)
    record = yp_yeonpyo_reader_load_doc (doc, inputs, error);
  g_clear_pointer (&doc, yp_json_doc_free);
  if (!yp_file_bytes_finish (path, bytes, error))
    g_clear_object (&record);
  return g_steal_pointer (&record);
}

