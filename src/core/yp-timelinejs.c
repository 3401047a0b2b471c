/* yp-timelinejs.c: reads a Knight Lab TimelineJS JSON document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The format is https://timeline.knightlab.com/docs/json-format.html: an
 * object with "events" (slides), an optional "title" slide, "eras" and
 * "scale". A slide is dated by "start_date" (and "end_date") objects of
 * separate numbers, and says what happened in "text" {headline, text} as
 * HTML, with an optional "media" {url, caption, credit}.
 *
 * Each slide becomes the objects a Yeonpyo timeline is made of, so that
 * everything downstream (timeline, lists, search, cache, reading pane)
 * works unchanged: a YpEvent, a YpSource whose text is the slide's
 * headline, text and media credit (TimelineJS has no articles: the slide
 * is its own source), and one YpCitation quoting the headline in it.
 */
#define G_LOG_DOMAIN "yp-timelinejs"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "yp-error.h"
#include "yp-file-bytes-private.h"
#include "yp-json-doc-private.h"
#include "yp-timelinejs.h"
#include "yp-timelinejs2-private.h"
#include "yp-timelinejs-state-private.h"

static const char *top_members[] = { "events", "title", "eras", "scale", NULL };

/* The elements of an array: of a tree (a document read whole), or of a
 * scanned document, each parsed when it is wanted and dropped after, so
 * that a large document is never held as a tree. */
typedef struct {
  JsonArray          *array;
  YpJsonDoc          *doc;
  const YpJsonMember *member;
  YpJsonTree         *tree;
  GString            *p;
} Items;

static guint
items_length (const Items *items)
{
  if (items->array != NULL)
    return json_array_get_length (items->array);
  return items->member != NULL ? yp_json_member_get_length (items->member) : 0;
}

static void
items_start_pass (Items *items)
{
  if (items->doc != NULL && items->member != NULL)
    yp_json_doc_start_pass (items->doc, items->member);
}

/* Element @index as a tree of its own (json_node_unref() it), or NULL
 * with @error set when it is not valid JSON: the file is refused. */
static JsonNode *
items_get (Items    *items,
           guint     index,
           gboolean  out_of_order,
           GError  **error)
{
  const YpJsonValue *value;

  if (items->array != NULL)
    return json_node_ref (json_array_get_element (items->array, index));
  if (out_of_order)
    yp_json_doc_read_out_of_order (items->doc, items->member, index);
  value = yp_json_doc_read_element (items->doc, items->member, index, items->tree, items->p, error);
  return value != NULL ? yp_json_value_to_node (value) : NULL;
}

/* Each slide's id: its unique_id made fit for the app's id rules, or
 * "tljs-N" (N its index in "events"). A unique_id is first come, first
 * served, as TimelineJS itself does it: a later duplicate gets a new id.
 * Only the unique_ids are kept (one pointer a slide): the others are made
 * when the slide is read, by slide_id(). */
typedef struct {
  char *id;            /* from its unique_id, or NULL */
  int   duplicate_of;  /* the earlier slide with the same unique_id, or -1 */
} SlideId;

static void
slide_id_clear (gpointer data)
{
  g_free (((SlideId *) data)->id);
}

/* What keeping a document's slides takes (their events, sources and
 * citations, and the file's bytes while it is read), for the sink's
 * begin() to weigh: about this much a slide, plus this many times the
 * file's size (its text is held as the event's title and summary, the
 * source's text, lines and segments). An estimate from the worst cases
 * measured: minimal slides, and slides of long text. */
#define KEPT_SLIDE_BYTES 1300
#define KEPT_FILE_FACTOR 4

static guint64
kept_bytes (guint   n_slides,
            guint64 file_bytes)
{
  return (guint64) n_slides * KEPT_SLIDE_BYTES + KEPT_FILE_FACTOR * file_bytes;
}

/* How many slides are read between two calls of the sink's progress(). */
#define PROGRESS_STEP 1024

/* Tells @sink (may be NULL) that @done of the @n slides' two passes (the
 * ids, then the slides) are read, every PROGRESS_STEP slides and at
 * @done == 2 * @n: FALSE with @error set when it says to stop. */
static gboolean
slides_progress (YpEventSink  *sink,
                 guint         done,
                 guint         n,
                 GError      **error)
{
  if (sink == NULL || sink->progress == NULL || (done % PROGRESS_STEP != 0 && done != 2 * n))
    return TRUE;
  return sink->progress (done, 2 * n, sink->user_data, error);
}

/* Where the slide @object (at @index) goes in the record's order, into
 * @keys, when its start_date is a date; read quietly: the slides are
 * read again, and reported then. */
static void
add_key (YpTljsReader *reader,
         JsonObject   *object,
         guint         index,
         GArray       *keys)
{
  JsonNode *node = json_object_get_member (object, "start_date");
  YpTljsDate start;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return;
  reader->r.n_errors = 0;
  reader->r.quiet = TRUE;
  if (yp_tljs_read_date (reader, node, "", &start))
    {
      YpTljsSlideKey key = { yp_tljs_slide_anchor (&start.date), index };

      g_array_append_val (keys, key);
    }
  reader->r.quiet = FALSE;
  yp_tljs_date_clear (&start);
}

/* Reads every slide's unique_id and, into @keys (may be NULL), where
 * each goes in the record's order; *@any_slide tells whether one element
 * at least is an object with a "start_date". NULL with @error set when an
 * element is not valid JSON or @sink's progress() says to stop: this
 * pass parses every slide, as long as the reading itself. */
static GArray *
assign_ids (YpTljsReader *reader,
            Items        *slides,
            GHashTable   *taken,
            GArray       *keys,
            YpEventSink  *sink,
            gboolean     *any_slide,
            GError      **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, TRUE, sizeof (SlideId));
  guint n = items_length (slides);

  g_array_set_clear_func (ids, slide_id_clear);
  g_array_set_size (ids, n);
  *any_slide = n == 0;
  items_start_pass (slides);
  for (guint i = 0; i < n; i++)
    {
      SlideId *slot = &g_array_index (ids, SlideId, i);
      g_autoptr(JsonNode) node = NULL;
      JsonObject *object;
      JsonNode *uid;
      gpointer owner;
      char *id;

      if (!slides_progress (sink, i, n, error))
        return NULL;
      node = items_get (slides, i, FALSE, error);
      if (node == NULL)
        return NULL;
      slot->duplicate_of = -1;
      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      object = json_node_get_object (node);
      *any_slide |= json_object_has_member (object, "start_date");
      if (keys != NULL)
        add_key (reader, object, i, keys);
      uid = json_object_get_member (object, "unique_id");
      if (!yp_reader_node_is_string (uid) || (id = yp_tljs_sanitise_id (json_node_get_string (uid))) == NULL)
        continue;
      if (g_hash_table_lookup_extended (taken, id, NULL, &owner))
        {
          slot->duplicate_of = GPOINTER_TO_INT (owner);
          g_free (id);
          continue;
        }
      g_hash_table_insert (taken, g_strdup (id), GINT_TO_POINTER (i));
      slot->id = id;
    }
  return g_steal_pointer (&ids);
}

/* The id of slide @index: its unique_id's, or "tljs-N", with a suffix
 * when a unique_id took that. */
static char *
slide_id (GArray     *ids,
          GHashTable *taken,
          guint       index)
{
  const SlideId *slot = &g_array_index (ids, SlideId, index);
  char *id;

  if (slot->id != NULL)
    return g_strdup (slot->id);
  id = g_strdup_printf ("tljs-%u", index);
  for (guint k = 2; g_hash_table_contains (taken, id); k++)
    {
      g_free (id);
      id = g_strdup_printf ("tljs-%u-%u", index, k);
    }
  return id;
}

/* Reports a unique_id that could not be used as it is. */
static void
check_unique_id (YpTljsReader  *reader,
                 JsonObject    *slide,
                 const char    *path,
                 const SlideId *slot,
                 const char    *id)
{
  JsonNode *node = json_object_get_member (slide, "unique_id");
  g_autofree char *p = yp_reader_member_path (path, "unique_id");

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return;
  if (!yp_reader_node_is_string (node))
    yp_reader_report (&reader->r, YP_SEVERITY_WARNING, p, "is %s; a string is required, so the slide's id is “%s”",
            yp_reader_node_type_name (node), id);
  else if (slot->duplicate_of >= 0)
    {
      g_autofree char *shown = yp_reader_quote_value (json_node_get_string (node));

      yp_reader_report (&reader->r, YP_SEVERITY_WARNING, p,
              "duplicate unique_id “%s” (events[%d] has it too); this slide's id is “%s”",
              shown, slot->duplicate_of, id);
    }
}

static YpRecord *
load_doc (YpJsonDoc  *doc,
          GPtrArray **inputs,
          GError    **error)
{
  return yp_timelinejs_load_doc_streaming (doc, inputs, NULL, error);
}

YpRecord *
yp_timelinejs_load_data (const char  *path,
                         const char  *data,
                         gsize        length,
                         GPtrArray  **inputs,
                         GError     **error)
{
  return yp_reader_load_data (path, data, length, YP_TIMELINEJS_MAX_BYTES, load_doc, inputs, error);
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  const YpTljsSlideKey *ka = a, *kb = b;

  if (ka->anchor != kb->anchor)
    return ka->anchor < kb->anchor ? -1 : 1;
  return ka->index < kb->index ? -1 : ka->index > kb->index;
}

/* Reads a TimelineJS 3 document: @object its top level (where "events"
 * and "eras" may be placeholders), @slides and @era_items their elements.
 * With @sink, the slides go to it rather than into the record, in the
 * record's order, and (with its source()) their sources too: the pass
 * over the ids finds where each slide goes, so a file in date order is
 * read once more, and another is checked (its sources handed on) and
 * then read again in order, its events handed on then. */
static YpRecord *
read_document (const char   *path,
               JsonObject   *object,
               Items        *slides,
               Items        *era_items,
               GPtrArray   **inputs,
               YpEventSink  *sink,
               GError      **error)
{
  g_autoptr(YpRecord) record = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) eras = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GArray) keys = NULL;
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(YpStrPool) pool = yp_str_pool_new ();
  g_autofree char *abs = NULL;
  g_autofree char *title = NULL;
  g_autofree char *file_name = NULL;
  YpTljsReader reader = { 0 };
  JsonNode *node;
  guint n;
  gboolean any_slide;

  abs = yp_reader_absolute_path (path);
  file_name = g_path_get_basename (path);

  record = yp_record_new ();
  reader.r.file = path;
  reader.file_name = file_name;
  reader.r.record = record;
  reader.pool = pool;
  reader.make_sources = TRUE;
  reader.emit = YP_TLJS_EMIT_EVENT;

  n = items_length (slides);
  if (sink != NULL)
    keys = g_array_sized_new (FALSE, FALSE, sizeof (YpTljsSlideKey), n);
  ids = assign_ids (&reader, slides, taken, keys, sink, &any_slide, error);
  if (ids == NULL)
    return NULL;
  if (!any_slide)
    {
      g_set_error (error, YP_ERROR, YP_ERROR_NOT_A_TIMELINE,
                   "%s: not a timeline: its “events” array holds %u items and none is a TimelineJS slide "
                   "(an object with a “start_date”); nor is it a Yeonpyo timeline (it has no “format”)",
                   path, n);
      return NULL;
    }

  yp_reader_check_object_members (&reader.r, object, "", top_members);
  yp_tljs_read_scale (&reader, object);
  title = yp_tljs_read_title (&reader, object);
  if (title == NULL)
    {
      /* The file's name, less its extension, names an untitled timeline. */
      char *dot = strrchr (file_name, '.');
      title = dot && dot != file_name ? g_strndup (file_name, dot - file_name) : g_strdup (file_name);
      if (!g_utf8_validate (title, -1, NULL))
        {
          char *valid = g_utf8_make_valid (title, -1);
          g_free (title);
          title = valid;
        }
    }
  yp_record_set_title (record, title, title);
  reader.timeline_title = title;

  eras = g_ptr_array_new_with_free_func (g_object_unref);
  node = json_object_get_member (object, "eras");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node) && !JSON_NODE_HOLDS_ARRAY (node))
    yp_reader_report (&reader.r, YP_SEVERITY_ERROR, "eras", "is %s; an array of eras is required", yp_reader_node_type_name (node));
  else if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      items_start_pass (era_items);
      for (guint i = 0; i < items_length (era_items); i++)
        {
          g_autofree char *p = g_strdup_printf ("eras[%u]", i);
          g_autoptr(JsonNode) element = items_get (era_items, i, FALSE, error);
          YpEra *era;

          if (element == NULL)
            return NULL;
          if (!JSON_NODE_HOLDS_OBJECT (element))
            {
              yp_reader_report (&reader.r, YP_SEVERITY_ERROR, p, "is %s; an object is required", yp_reader_node_type_name (element));
              continue;
            }
          era = yp_tljs_read_era (&reader, json_node_get_object (element), p, i);
          if (era != NULL)
            g_ptr_array_add (eras, era);
        }
    }
  yp_record_set_eras (record, eras);

  sources = g_ptr_array_new_with_free_func (g_object_unref);
  events = g_ptr_array_new_with_free_func (g_object_unref);
  if (sink != NULL &&
      sink->begin (n, yp_json_doc_get_length (slides->doc), kept_bytes (n, yp_json_doc_get_length (slides->doc)),
                   sink->user_data))
    {
      gboolean in_order = TRUE;

      for (guint k = 1; k < keys->len && in_order; k++)
        in_order = g_array_index (keys, YpTljsSlideKey, k - 1).anchor <= g_array_index (keys, YpTljsSlideKey, k).anchor;
      reader.sink = sink;
      reader.hand_sources = sink->source != NULL;
      reader.emit = in_order ? YP_TLJS_EMIT_SINK : YP_TLJS_EMIT_NONE;
    }
  items_start_pass (slides);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *p = g_strdup_printf ("events[%u]", i);
      g_autofree char *id = NULL;
      g_autoptr(JsonNode) element = NULL;
      YpEvent *event;

      if (!slides_progress (sink, n + i, n, error))
        return NULL;
      element = items_get (slides, i, FALSE, error);
      if (element == NULL)
        return NULL;
      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          yp_reader_report (&reader.r, YP_SEVERITY_ERROR, p, "is %s; a slide object is required", yp_reader_node_type_name (element));
          continue;
        }
      id = slide_id (ids, taken, i);
      check_unique_id (&reader, json_node_get_object (element), p, &g_array_index (ids, SlideId, i), id);
      event = yp_tljs_read_slide (&reader, json_node_get_object (element), p, i, id, sources);
      if (reader.sink_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&reader.sink_error));
          return NULL;
        }
      if (event != NULL)
        g_ptr_array_add (events, event);
    }
  if (!slides_progress (sink, 2 * n, n, error))
    return NULL;

  if (reader.emit == YP_TLJS_EMIT_NONE)
    {
      /* Out of order: every slide is checked and reported; now they go
       * to the sink in the record's order, read again (quietly: nothing
       * new can be found). */
      g_array_sort (keys, compare_keys);
      reader.emit = YP_TLJS_EMIT_SINK;
      reader.make_sources = FALSE;
      reader.r.quiet = TRUE;
      for (guint k = 0; k < keys->len; k++)
        {
          guint i = g_array_index (keys, YpTljsSlideKey, k).index;
          g_autofree char *p = g_strdup_printf ("events[%u]", i);
          g_autofree char *id = slide_id (ids, taken, i);
          g_autoptr(JsonNode) element = NULL;
          guint errors = yp_record_count_problems (record, YP_SEVERITY_ERROR);

          /* At the end still: progress never goes back. */
          if (sink->progress != NULL && k % PROGRESS_STEP == 0 &&
              !sink->progress (2 * n, 2 * n, sink->user_data, error))
            return NULL;
          element = items_get (slides, i, TRUE, error);
          if (element == NULL)
            return NULL;
          g_assert (JSON_NODE_HOLDS_OBJECT (element));
          yp_tljs_read_slide (&reader, json_node_get_object (element), p, i, id, NULL);
          if (reader.sink_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&reader.sink_error));
              return NULL;
            }
          g_assert (yp_record_count_problems (record, YP_SEVERITY_ERROR) == errors);
        }
      reader.r.quiet = FALSE;
    }
  yp_record_set_sources (record, sources);
  yp_record_set_events (record, events);

  if (inputs != NULL)
    {
      *inputs = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (*inputs, g_steal_pointer (&abs));
    }
  return g_steal_pointer (&record);
}

/* A TimelineJS 2 document, mapped onto TimelineJS 3 and read whole (they
 * are small: TimelineJS 2 is long gone); NULL with @error when @object is
 * not one. */
static YpRecord *
read_tjs2 (const char  *path,
           JsonObject  *object,
           GPtrArray  **inputs,
           GError     **error,
           gboolean    *is_tjs2)
{
  JsonNode *node = json_object_get_member (object, "timeline");

  g_autoptr(JsonNode) tjs3 = NULL;
  YpRecord *converted;

  *is_tjs2 = json_object_get_member (object, "events") == NULL && node != NULL && JSON_NODE_HOLDS_OBJECT (node);
  if (!*is_tjs2)
    return NULL;
  tjs3 = yp_timelinejs2_to_tjs3 (json_node_get_object (node));
  if (tjs3 == NULL)
    {
      g_set_error (error, YP_ERROR, YP_ERROR_NOT_A_TIMELINE,
                   "%s: a TimelineJS 2 document (“timeline”) without a “date” array of slides", path);
      return NULL;
    }
  converted = yp_timelinejs_load_root (path, tjs3, inputs, error);
  if (converted != NULL)
    yp_timelinejs2_rename_paths (converted);
  return converted;
}

YpRecord *
yp_timelinejs_load_root (const char  *path,
                         JsonNode    *root,
                         GPtrArray  **inputs,
                         GError     **error)
{
  JsonObject *object;
  JsonNode *node;
  YpRecord *record;
  gboolean is_tjs2;
  Items slides = { 0 }, eras = { 0 };

  g_return_val_if_fail (path != NULL, NULL);

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      yp_file_fail (error, YP_ERROR_NOT_A_TIMELINE, path, "the top level is %s; a TimelineJS document is a JSON object",
                    yp_reader_node_type_name (root));
      return NULL;
    }
  object = json_node_get_object (root);
  record = read_tjs2 (path, object, inputs, error, &is_tjs2);
  if (is_tjs2)
    return record;
  node = json_object_get_member (object, "events");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      yp_file_fail (error, YP_ERROR_NOT_A_TIMELINE, path,
                    "not a TimelineJS document: “events” must be an array of slides, and it is %s",
                    node == NULL ? "missing" : yp_reader_node_type_name (node));
      return NULL;
    }
  slides.array = json_node_get_array (node);
  node = json_object_get_member (object, "eras");
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    eras.array = json_node_get_array (node);
  return read_document (path, object, &slides, &eras, inputs, NULL, error);
}

YpRecord *
yp_timelinejs_load_doc_streaming (YpJsonDoc    *doc,
                                  GPtrArray   **inputs,
                                  YpEventSink  *sink,
                                  GError      **error)
{
  const char *path = yp_json_doc_get_file (doc);
  g_autoptr(YpJsonTree) tree = yp_json_tree_new ();
  g_autoptr(GString) p = g_string_new (NULL);
  static const char *read_names[] = { "events", "eras", NULL };
  JsonObject *object;
  JsonNode *node;
  YpRecord *record;
  gboolean is_tjs2;
  Items slides = { 0 }, eras = { 0 };

  g_return_val_if_fail (doc != NULL, NULL);

  if (yp_json_doc_get_top (doc) != YP_JSON_TOP_OBJECT)
    {
      /* Refused below: the tree says what the top level is. */
      g_autoptr(JsonNode) root = yp_json_doc_build_tree (doc, error);

      return root != NULL ? yp_timelinejs_load_root (path, root, inputs, error) : NULL;
    }
  node = yp_json_doc_get_top_node (doc);
  object = json_node_get_object (node);
  record = read_tjs2 (path, object, inputs, error, &is_tjs2);
  if (is_tjs2)
    return record;
  node = json_object_get_member (object, "events");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_autoptr(JsonNode) root = yp_json_doc_build_tree (doc, error);

      return root != NULL ? yp_timelinejs_load_root (path, root, inputs, error) : NULL;
    }

  slides.doc = eras.doc = doc;
  slides.tree = eras.tree = tree;
  slides.p = eras.p = p;
  slides.member = yp_json_doc_lookup (doc, "events");
  eras.member = yp_json_doc_lookup (doc, "eras");
  if (eras.member != NULL && !yp_json_member_is_array (eras.member))
    eras.member = NULL;
  record = read_document (path, object, &slides, &eras, inputs, sink, error);
  if (record != NULL && !yp_json_doc_check_unread (doc, read_names, error))
    g_clear_object (&record);
  yp_json_doc_release (doc);
  return record;
}
