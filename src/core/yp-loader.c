/* yp-loader.c: reads and checks a Yeonpyo timeline file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "yp-loader"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "yp-loader.h"

/* A timeline is text written by people: the shipped one is 90 kB. Anything
 * this large is a mistake or an attack, and json-glib would hold all of it
 * in memory as nodes (several times its size). Both limits are checked
 * from the file's size before a byte of it is read. */
#define MAX_TIMELINE_BYTES YP_TIMELINE_MAX_BYTES
#define MAX_SOURCE_BYTES   (64 * 1024 * 1024)

/* json-glib's parser recurses once per nested array or object, so a file
 * of a million "[" overflows the stack. A timeline nests 4 levels deep;
 * deeper files are refused before they reach the parser. */
#define MAX_NESTING YP_TIMELINE_MAX_NESTING

static const char *categories[] = {
  "governance", "people", "product", "business", "publication", "media", NULL
};
static const char *statuses[] = { "reported", "unconfirmed", "false", NULL };
static const char *actor_kinds[] = { "person", "organisation", NULL };

static const char *top_members[] = {
  "format", "version", "title", "sources", "actors", "eras", "events", NULL
};
static const char *source_members[] = {
  "id", "file", "sha256", "outlet", "outlet_note", "title", "author", "published",
  "published_precision", "timezone", "published_note", "language", "body", NULL
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

typedef struct {
  char       *file;      /* as given, for messages */
  char       *base_dir;  /* sources' files are relative to this */
  YpRecord   *record;
  GPtrArray  *inputs;
  GHashTable *failed_sources;  /* ids of sources given but not loaded */
  GHashTable *zones;           /* name -> GTimeZone: GLib re-reads the zone
                                * file for every new one, which dominated
                                * loading large timelines */
  YpStrPool  *pool;            /* the events' strings */
  guint       n_errors;  /* errors recorded for the item being read */
} Loader;

/* Helpers */

static void
report (Loader     *loader,
        YpSeverity  severity,
        const char *path,
        const char *format,
        ...) G_GNUC_PRINTF (4, 5);

static void
report (Loader     *loader,
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
    loader->n_errors++;
  problem = yp_problem_new (severity, loader->file, path, message);
  yp_record_add_problem (loader->record, problem);
}

static const char *
node_type_name (JsonNode *node)
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

static char *
member_path (const char *path,
             const char *member)
{
  return *path ? g_strdup_printf ("%s.%s", path, member) : g_strdup (member);
}

static void
check_members (Loader      *loader,
               JsonObject  *object,
               const char  *path,
               const char **allowed)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (const GList *l = members; l != NULL; l = l->next)
    {
      if (!g_strv_contains (allowed, l->data))
        {
          g_autofree char *p = member_path (path, l->data);
          report (loader, YP_SEVERITY_WARNING, p, "unknown member “%s” ignored",
                  (const char *) l->data);
        }
    }
}

/* Returns the string member, NULL if absent. A present member of the
 * wrong type, or an empty required one, is an error. */
static const char *
get_string (Loader     *loader,
            JsonObject *object,
            const char *path,
            const char *name,
            gboolean    required)
{
  g_autofree char *p = member_path (path, name);
  JsonNode *node = json_object_get_member (object, name);
  const char *value;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        report (loader, YP_SEVERITY_ERROR, p, "missing; a string is required");
      return NULL;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      report (loader, YP_SEVERITY_ERROR, p, "is %s; a string is required", node_type_name (node));
      return NULL;
    }
  value = json_node_get_string (node);
  if (required && *value == '\0')
    {
      report (loader, YP_SEVERITY_ERROR, p, "is empty");
      return NULL;
    }
  return value;
}

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

static const char *
get_id (Loader     *loader,
        JsonObject *object,
        const char *path,
        GHashTable *seen)
{
  const char *id = get_string (loader, object, path, "id", TRUE);
  g_autofree char *p = member_path (path, "id");

  if (id == NULL)
    return NULL;
  if (!is_valid_id (id))
    {
      report (loader, YP_SEVERITY_ERROR, p,
              "“%s” is not a valid id (use lower-case letters, digits, “-”, “_” and “.”)", id);
      return NULL;
    }
  if (g_hash_table_contains (seen, id))
    {
      report (loader, YP_SEVERITY_ERROR, p, "duplicate id “%s”: %s", id,
              (const char *) g_hash_table_lookup (seen, id));
      return NULL;
    }
  return id;
}

/* A bilingual text. @required: both languages must be there. */
static gboolean
get_text (Loader     *loader,
          JsonObject *object,
          const char *path,
          const char *name,
          gboolean    required,
          YpText     *out)
{
  g_autofree char *p = member_path (path, name);
  JsonNode *node = json_object_get_member (object, name);
  JsonObject *text;
  const char *langs[] = { "ko", "en" };
  const char *names[] = { "Korean", "English" };
  const char *values[2] = { NULL, NULL };
  guint errors_before = loader->n_errors;

  out->ko = out->en = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        report (loader, YP_SEVERITY_ERROR, p,
                "missing; an object {\"ko\": …, \"en\": …} is required");
      return !required;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      report (loader, YP_SEVERITY_ERROR, p,
              "is %s; an object {\"ko\": …, \"en\": …} is required", node_type_name (node));
      return FALSE;
    }
  text = json_node_get_object (node);
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *lp = member_path (p, langs[i]);
      JsonNode *v = json_object_get_member (text, langs[i]);

      if (v == NULL || JSON_NODE_HOLDS_NULL (v))
        {
          if (required)
            report (loader, YP_SEVERITY_ERROR, lp, "missing: the %s text is required", names[i]);
          continue;
        }
      if (!JSON_NODE_HOLDS_VALUE (v) || json_node_get_value_type (v) != G_TYPE_STRING)
        {
          report (loader, YP_SEVERITY_ERROR, lp, "is %s; a string is required", node_type_name (v));
          continue;
        }
      values[i] = json_node_get_string (v);
    }
  /* Empty strings count as missing where the text is required. */
  for (guint i = 0; i < 2; i++)
    {
      if (required && values[i] != NULL)
        {
          g_autofree char *copy = g_strstrip (g_strdup (values[i]));
          if (*copy == '\0')
            {
              g_autofree char *lp = member_path (p, langs[i]);
              report (loader, YP_SEVERITY_ERROR, lp, "is empty: the %s text is required", names[i]);
            }
        }
    }
  out->ko = (char *) values[0];
  out->en = (char *) values[1];
  return loader->n_errors == errors_before;
}

static gboolean
get_date (Loader     *loader,
          JsonObject *object,
          const char *path,
          const char *name,
          gboolean    required,
          const char **text_out,
          YpDate     *out)
{
  g_autofree char *p = member_path (path, name);
  g_autoptr(GError) error = NULL;
  const char *text = get_string (loader, object, path, name, required);

  *text_out = text;
  if (text == NULL)
    return !required && !json_object_has_member (object, name);
  /* Year 0 makes yp_date_parse() pass it to GLib's calendar, which
   * refuses it with a critical; year 9999 ends in year 10000, past what
   * GDateTime can reckon, so its range comes out empty. Both are refused
   * here, before any of that. */
  if (g_ascii_isdigit (text[0]) && g_ascii_isdigit (text[1]) && g_ascii_isdigit (text[2]) &&
      g_ascii_isdigit (text[3]) && (strncmp (text, "0000", 4) == 0 || strncmp (text, "9999", 4) == 0))
    {
      report (loader, YP_SEVERITY_ERROR, p, "“%s” is outside the years a timeline can hold (0001 to 9998)", text);
      *text_out = NULL;
      return FALSE;
    }
  if (!yp_date_parse (text, out, &error))
    {
      report (loader, YP_SEVERITY_ERROR, p, "%s", error->message);
      *text_out = NULL;
      return FALSE;
    }
  return TRUE;
}

static GTimeZone *
get_timezone (Loader      *loader,
              JsonObject  *object,
              const char  *path,
              const char **name_out)
{
  g_autofree char *p = member_path (path, "timezone");
  const char *name = get_string (loader, object, path, "timezone", FALSE);
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
      report (loader, YP_SEVERITY_ERROR, p,
              "“%s” is not a known time zone (use an IANA name such as “Asia/Seoul”)", name);
      return NULL;
    }
  *name_out = name;
  return tz;
}

static gboolean
get_precision (Loader      *loader,
               JsonObject  *object,
               const char  *path,
               const char  *name,
               YpPrecision *out)
{
  g_autofree char *p = member_path (path, name);
  JsonNode *node = json_object_get_member (object, name);
  const char *text = get_string (loader, object, path, name, FALSE);

  if (text == NULL)
    {
      /* Absent or null: both say nothing about the precision. A present
       * member of another type has had its error from get_string(). */
      if (node == NULL || JSON_NODE_HOLDS_NULL (node))
        report (loader, YP_SEVERITY_ERROR, p,
                "missing: say how precise the date is (“exact”, “day”, “month” or “approximate”)");
      return FALSE;
    }
  if (!yp_precision_from_string (text, out))
    {
      report (loader, YP_SEVERITY_ERROR, p,
              "“%s” is not a precision (“exact”, “day”, “month” or “approximate”)", text);
      return FALSE;
    }
  return TRUE;
}

/* The precision must agree with what the date spells out. */
static gboolean
check_precision_shape (Loader       *loader,
                       const char   *path,
                       YpPrecision   precision,
                       const YpDate *date,
                       const char   *date_text)
{
  g_autofree char *p = member_path (path, "precision");
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
      report (loader, YP_SEVERITY_ERROR, p, "does not match the date “%s”: %s", date_text, need);
      return FALSE;
    }
  return TRUE;
}

static JsonArray *
get_array (Loader     *loader,
           JsonObject *object,
           const char *path,
           const char *name,
           gboolean    required)
{
  g_autofree char *p = member_path (path, name);
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        report (loader, YP_SEVERITY_ERROR, p, "missing; an array is required");
      return NULL;
    }
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      report (loader, YP_SEVERITY_ERROR, p, "is %s; an array is required", node_type_name (node));
      return NULL;
    }
  return json_node_get_array (node);
}

static JsonObject *
element_object (Loader    *loader,
                JsonArray *array,
                guint      index,
                const char *path)
{
  JsonNode *node = json_array_get_element (array, index);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      report (loader, YP_SEVERITY_ERROR, path, "is %s; an object is required", node_type_name (node));
      return NULL;
    }
  return json_node_get_object (node);
}

/* Files */

typedef enum {
  READ_OK,
  READ_FAILED,      /* @error says why */
  READ_FOLDER,
  READ_NOT_REGULAR, /* a pipe, socket or device */
  READ_TOO_LARGE,   /* *size_out holds the size */
} ReadResult;

/* Reads the whole of the regular file @path, when it is at most @max
 * bytes. What the path is gets checked before anything is read: a folder,
 * a FIFO (whose open() would wait for a writer) or a device is refused,
 * and so is a file larger than @max, from its size alone. The bytes are
 * read rather than mapped: a file truncated by another program meanwhile
 * gives a short read, not a SIGBUS. @contents is NUL-terminated. */
static ReadResult
read_limited (const char  *path,
              gsize        max,
              char       **contents,
              gsize       *length,
              goffset     *size_out,
              GError     **error)
{
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *buf = NULL;
  struct stat st;
  gsize len = 0, alloc;
  int fd;

  *contents = NULL;
  *length = 0;
  *size_out = 0;

  if (g_stat (path, &st) == 0)
    {
      if (S_ISDIR (st.st_mode))
        return READ_FOLDER;
      if (!S_ISREG (st.st_mode))
        return READ_NOT_REGULAR;
      if ((guint64) st.st_size > max)
        {
          *size_out = st.st_size;
          return READ_TOO_LARGE;
        }
    }

  /* O_NONBLOCK: should the path have become a FIFO since, open() returns
   * at once and fstat() below refuses it. */
  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY, 0);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   "Failed to open file “%s”: %s", display, g_strerror (saved));
      return READ_FAILED;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      gboolean folder = S_ISDIR (st.st_mode);
      close (fd);
      return folder ? READ_FOLDER : READ_NOT_REGULAR;
    }
  if ((guint64) st.st_size > max)
    {
      close (fd);
      *size_out = st.st_size;
      return READ_TOO_LARGE;
    }

  /* The size is a hint: the file may grow while it is read, and files in
   * /proc say 0. Never more than @max + 1 bytes are kept. */
  alloc = MIN ((gsize) st.st_size, max) + 1;
  buf = g_malloc (alloc + 1);
  for (;;)
    {
      gssize n;

      if (len == alloc)
        {
          if (len > max)
            break;
          alloc = MIN (alloc * 2, max + 1);
          buf = g_realloc (buf, alloc + 1);
        }
      n = read (fd, buf + len, alloc - len);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;
          close (fd);
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                       "Failed to read from file “%s”: %s", display, g_strerror (saved));
          return READ_FAILED;
        }
      if (n == 0)
        break;
      len += n;
    }
  close (fd);
  if (len > max)
    {
      *size_out = len;
      return READ_TOO_LARGE;
    }
  buf[len] = '\0';
  *contents = g_steal_pointer (&buf);
  *length = len;
  return READ_OK;
}

/* Sources */

typedef struct {
  GArray  *segments;
  GString *body;
} Body;

static gboolean
read_body (Loader     *loader,
           JsonObject *object,
           const char *path,
           const char *raw,
           const char *file,
           Body       *out)
{
  g_autofree char *p = member_path (path, "body");
  g_autoptr(GPtrArray) line_starts = g_ptr_array_new ();
  g_autoptr(GArray) line_chars = g_array_new (FALSE, FALSE, sizeof (guint));
  JsonArray *ranges = get_array (loader, object, path, "body", TRUE);
  guint last_line = 0;
  guint n_lines;
  guint chars = 0;
  guint body_chars = 0;  /* characters in out->body so far */

  if (ranges == NULL)
    return FALSE;
  if (json_array_get_length (ranges) == 0)
    {
      report (loader, YP_SEVERITY_ERROR, p, "is empty: give at least one [first, last] line range");
      return FALSE;
    }

  /* Where each line starts, in bytes and in characters. */
  for (const char *s = raw;;)
    {
      const char *nl = strchr (s, '\n');

      g_ptr_array_add (line_starts, (gpointer) s);
      g_array_append_val (line_chars, chars);
      if (nl == NULL)
        break;
      chars += g_utf8_strlen (s, nl - s) + 1;
      s = nl + 1;
    }
  n_lines = line_starts->len;
  /* A final newline does not start another line. */
  if (n_lines > 1 && *(const char *) g_ptr_array_index (line_starts, n_lines - 1) == '\0')
    n_lines--;

  for (guint i = 0; i < json_array_get_length (ranges); i++)
    {
      g_autofree char *rp = g_strdup_printf ("%s[%u]", p, i);
      JsonNode *node = json_array_get_element (ranges, i);
      JsonArray *range;
      gint64 first, last;

      if (!JSON_NODE_HOLDS_ARRAY (node) ||
          json_array_get_length (range = json_node_get_array (node)) != 2 ||
          json_node_get_value_type (json_array_get_element (range, 0)) != G_TYPE_INT64 ||
          json_node_get_value_type (json_array_get_element (range, 1)) != G_TYPE_INT64)
        {
          report (loader, YP_SEVERITY_ERROR, rp,
                  "is not a line range: write [first, last] with two whole numbers");
          return FALSE;
        }
      first = json_array_get_int_element (range, 0);
      last = json_array_get_int_element (range, 1);
      if (first < 1 || last < first || last > n_lines)
        {
          report (loader, YP_SEVERITY_ERROR, rp,
                  "lines %" G_GINT64_FORMAT "–%" G_GINT64_FORMAT " are not within %s, which has %u lines",
                  first, last, file, n_lines);
          return FALSE;
        }
      if ((guint) first <= last_line)
        {
          report (loader, YP_SEVERITY_ERROR, rp,
                  "overlaps or comes before the previous range (ranges must go forward)");
          return FALSE;
        }
      last_line = (guint) last;

      for (guint line = (guint) first; line <= (guint) last; line++)
        {
          const char *start = g_ptr_array_index (line_starts, line - 1);
          const char *end = strchr (start, '\n');
          YpSegment seg;
          const char *trimmed_end;

          if (end == NULL)
            end = start + strlen (start);
          trimmed_end = end;
          if (trimmed_end > start && trimmed_end[-1] == '\r')
            trimmed_end--;
          /* Blank lines separate paragraphs in the file; the reading pane
           * spaces paragraphs itself. */
          {
            gboolean blank = TRUE;
            for (const char *c = start; c < trimmed_end; c++)
              if (!g_ascii_isspace (*c))
                {
                  blank = FALSE;
                  break;
                }
            if (blank)
              continue;
          }
          if (out->body->len > 0)
            {
              g_string_append_c (out->body, '\n');
              body_chars++;
            }
          seg.raw_start = g_array_index (line_chars, guint, line - 1);
          /* Counted as it grows: measuring the whole body again for each
           * line made a source of a million lines take hours. */
          seg.body_start = body_chars;
          seg.length = g_utf8_strlen (start, trimmed_end - start);
          body_chars += seg.length;
          g_string_append_len (out->body, start, trimmed_end - start);
          g_array_append_val (out->segments, seg);
        }
    }
  return TRUE;
}

static char *
resolve_file (Loader     *loader,
              const char *file)
{
  if (g_path_is_absolute (file))
    return g_strdup (file);
  return g_build_filename (loader->base_dir, file, NULL);
}

static gpointer
read_source (Loader     *loader,
             JsonObject *object,
             const char *path,
             guint       position,
             GHashTable *seen)
{
  g_autofree char *abs = NULL;
  g_autofree char *raw = NULL;
  g_autofree char *file_path = member_path (path, "file");
  g_autofree char *sha_path = member_path (path, "sha256");
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  Body body = { g_array_new (FALSE, FALSE, sizeof (YpSegment)), g_string_new (NULL) };
  YpSourceInfo info = { 0 };
  YpSource *source = NULL;
  const char *sha;
  const char *tz_name = NULL;
  YpDate published;
  gsize raw_len = 0;
  goffset size = 0;

  loader->n_errors = 0;
  check_members (loader, object, path, source_members);

  info.id = get_id (loader, object, path, seen);
  info.file = get_string (loader, object, path, "file", TRUE);
  info.language = get_string (loader, object, path, "language", TRUE);
  info.title = get_string (loader, object, path, "title", FALSE);
  info.author = get_string (loader, object, path, "author", FALSE);
  get_text (loader, object, path, "outlet", FALSE, &info.outlet);
  get_text (loader, object, path, "outlet_note", FALSE, &info.outlet_note);
  get_text (loader, object, path, "published_note", FALSE, &info.published_note);
  tz = get_timezone (loader, object, path, &tz_name);
  info.timezone = tz_name;
  if (get_date (loader, object, path, "published", FALSE, &info.published, &published) &&
      info.published != NULL)
    {
      info.published_precision = YP_PRECISION_EXACT;
      if (json_object_has_member (object, "published_precision"))
        {
          if (get_precision (loader, object, path, "published_precision", &info.published_precision))
            check_precision_shape (loader, path, info.published_precision, &published, info.published);
        }
      else
        {
          /* Without a stated precision, the date says how precise it is. */
          info.published_precision = published.shape >= YP_DATE_SHAPE_MINUTE ? YP_PRECISION_EXACT
                                   : published.shape == YP_DATE_SHAPE_DAY ? YP_PRECISION_DAY
                                   : published.shape == YP_DATE_SHAPE_MONTH ? YP_PRECISION_MONTH
                                   : YP_PRECISION_APPROXIMATE;
        }
      yp_date_get_range (&published, tz, &info.published_start, NULL);
    }

  if (info.file != NULL)
    {
      abs = resolve_file (loader, info.file);
      /* Listed even when it cannot be read, so that the cache notices
       * when it appears or is mended. */
      g_ptr_array_add (loader->inputs, g_strdup (abs));
      switch (read_limited (abs, MAX_SOURCE_BYTES, &raw, &raw_len, &size, &error))
        {
        case READ_FOLDER:
          report (loader, YP_SEVERITY_ERROR, file_path, "%s is a folder, not a text file", info.file);
          break;
        case READ_NOT_REGULAR:
          report (loader, YP_SEVERITY_ERROR, file_path,
                  "%s is not a regular file (a pipe, socket or device), not a text file", info.file);
          break;
        case READ_TOO_LARGE:
          report (loader, YP_SEVERITY_ERROR, file_path,
                  "%s is %" G_GOFFSET_FORMAT " bytes; sources are limited to %d MB",
                  info.file, size, MAX_SOURCE_BYTES / (1024 * 1024));
          break;
        case READ_FAILED:
          report (loader, YP_SEVERITY_ERROR, file_path, "cannot read %s: %s", info.file, error->message);
          break;
        case READ_OK:
        default:
          break;
        }
      if (raw == NULL)
        {
          /* reported above */
        }
      else if (memchr (raw, '\0', raw_len) != NULL)
        report (loader, YP_SEVERITY_ERROR, file_path, "%s contains NUL bytes; it is not a text file", info.file);
      else if (!g_utf8_validate (raw, raw_len, NULL))
        report (loader, YP_SEVERITY_ERROR, file_path, "%s is not valid UTF-8 text", info.file);
      else
        {
          sha = get_string (loader, object, path, "sha256", FALSE);
          if (sha != NULL)
            {
              g_autofree char *actual = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) raw, raw_len);
              if (g_ascii_strcasecmp (actual, sha) != 0)
                report (loader, YP_SEVERITY_WARNING, sha_path,
                        "%s has changed since the timeline was written (SHA-256 %s, expected %s); quotes may not be found",
                        info.file, actual, sha);
            }
          read_body (loader, object, path, raw, info.file, &body);
        }
    }

  if (loader->n_errors == 0)
    {
      info.raw_text = raw;
      info.body_text = body.body->str;
      info.segments = (const YpSegment *) (gpointer) body.segments->data;
      info.n_segments = body.segments->len;
      source = yp_source_new (&info);
      g_hash_table_insert (seen, g_strdup (info.id), g_strdup (path));
    }
  else if (info.id != NULL)
    report (loader, YP_SEVERITY_ERROR, path, "source “%s” skipped", info.id);

  g_array_unref (body.segments);
  g_string_free (body.body, TRUE);
  return source;
}

/* Actors and eras */

static gpointer
read_actor (Loader     *loader,
            JsonObject *object,
            const char *path,
            guint       position,
            GHashTable *seen)
{
  g_autofree char *kind_path = member_path (path, "kind");
  const char *id, *kind;
  YpText name, role;

  loader->n_errors = 0;
  check_members (loader, object, path, actor_members);
  id = get_id (loader, object, path, seen);
  kind = get_string (loader, object, path, "kind", TRUE);
  if (kind != NULL && !g_strv_contains (actor_kinds, kind))
    report (loader, YP_SEVERITY_ERROR, kind_path, "“%s” is not “person” or “organisation”", kind);
  get_text (loader, object, path, "name", TRUE, &name);
  get_text (loader, object, path, "role", FALSE, &role);
  if (loader->n_errors > 0)
    {
      report (loader, YP_SEVERITY_ERROR, path, "actor “%s” skipped", id ? id : "?");
      return NULL;
    }
  g_hash_table_insert (seen, g_strdup (id), g_strdup (path));
  return yp_actor_new (id, kind, &name, &role);
}

static gpointer
read_era (Loader     *loader,
          JsonObject *object,
          const char *path,
          guint       position,
          GHashTable *seen)
{
  g_autoptr(GTimeZone) tz = NULL;
  g_autofree char *end_path = member_path (path, "end");
  const char *id, *tz_name, *start_text = NULL, *end_text = NULL;
  YpText name, description;
  YpDate start_date, end_date;
  gint64 start = 0, end = 0;
  gboolean dates_ok;

  loader->n_errors = 0;
  check_members (loader, object, path, era_members);
  id = get_id (loader, object, path, seen);
  get_text (loader, object, path, "name", TRUE, &name);
  get_text (loader, object, path, "description", FALSE, &description);
  tz = get_timezone (loader, object, path, &tz_name);
  dates_ok = get_date (loader, object, path, "start", TRUE, &start_text, &start_date);
  dates_ok &= get_date (loader, object, path, "end", TRUE, &end_text, &end_date);
  if (dates_ok && tz != NULL)
    {
      yp_date_get_range (&start_date, tz, &start, NULL);
      yp_date_get_range (&end_date, tz, NULL, &end);
      if (end <= start)
        report (loader, YP_SEVERITY_ERROR, end_path, "the era ends (%s) before it starts (%s)",
                end_text, start_text);
    }
  if (loader->n_errors > 0)
    {
      report (loader, YP_SEVERITY_ERROR, path, "era “%s” skipped", id ? id : "?");
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
read_citation (Loader         *loader,
               JsonObject     *object,
               const char     *path,
               YpCitationInfo *citation,
               gboolean       *dropped)
{
  g_autofree char *source_path = member_path (path, "source");
  g_autofree char *quote_path = member_path (path, "quote");
  YpSource *source;
  const char *source_id, *quote;
  guint body_start, raw_start, len;

  *dropped = FALSE;
  check_members (loader, object, path, citation_members);
  source_id = get_string (loader, object, path, "source", TRUE);
  quote = get_string (loader, object, path, "quote", TRUE);
  if (source_id == NULL || quote == NULL)
    return FALSE;

  source = yp_record_lookup_source (loader->record, source_id);
  if (source == NULL)
    {
      /* A source that exists in the file but could not be loaded already
       * has its own error; the citation is dropped, not the event. */
      if (g_hash_table_contains (loader->failed_sources, source_id))
        {
          report (loader, YP_SEVERITY_WARNING, source_path,
                  "source “%s” could not be loaded; this citation is left out", source_id);
          *dropped = TRUE;
        }
      else
        report (loader, YP_SEVERITY_ERROR, source_path, "unknown source id “%s”", source_id);
      return FALSE;
    }
  if (strchr (quote, '\n') != NULL)
    {
      report (loader, YP_SEVERITY_ERROR, quote_path,
              "contains a line break; quote one paragraph at a time");
      return FALSE;
    }
  if (!find_quote (source, quote, &body_start, &raw_start))
    {
      const char *raw = yp_source_get_raw_text (source);
      const char *hit = strstr (raw, quote);

      if (hit != NULL)
        report (loader, YP_SEVERITY_ERROR, quote_path,
                "is on line %u of %s, outside the article body given in “body”",
                yp_source_line_at_raw (source, g_utf8_pointer_to_offset (raw, hit)),
                yp_source_get_file (source));
      else
        report (loader, YP_SEVERITY_ERROR, quote_path,
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

static gpointer
read_event (Loader     *loader,
            JsonObject *object,
            const char *path,
            guint       position,
            GHashTable *seen)
{
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GArray) citations = g_array_new (FALSE, FALSE, sizeof (YpCitationInfo));
  g_autoptr(GPtrArray) actor_ids = g_ptr_array_new ();
  g_autofree char *actors_path = member_path (path, "actors");
  g_autofree char *category_path = member_path (path, "category");
  g_autofree char *era_path = member_path (path, "era");
  g_autofree char *status_path = member_path (path, "status");
  g_autofree char *pub_path = member_path (path, "publication_of");
  g_autofree char *cit_path = member_path (path, "citations");
  g_autofree char *date_path = member_path (path, "date");
  YpEventInfo info = { 0 };
  YpEvent *event;
  JsonArray *actors, *cites;
  YpDate date, earliest, latest;
  gboolean have_date, have_precision, have_earliest, have_latest;
  guint n_dropped = 0;

  loader->n_errors = 0;
  check_members (loader, object, path, event_members);

  info.id = get_id (loader, object, path, seen);
  info.position = position;
  have_date = get_date (loader, object, path, "date", TRUE, &info.date, &date) && info.date;
  have_precision = get_precision (loader, object, path, "precision", &info.precision);
  tz = get_timezone (loader, object, path, &info.timezone);
  have_earliest = get_date (loader, object, path, "earliest", FALSE, &info.earliest, &earliest) && info.earliest;
  have_latest = get_date (loader, object, path, "latest", FALSE, &info.latest, &latest) && info.latest;
  get_text (loader, object, path, "date_note", FALSE, &info.date_note);
  get_text (loader, object, path, "title", TRUE, &info.title);
  get_text (loader, object, path, "summary", TRUE, &info.summary);

  if (have_date && have_precision)
    {
      check_precision_shape (loader, path, info.precision, &date, info.date);
      if (info.precision == YP_PRECISION_APPROXIMATE && !yp_text_is_set (&info.date_note))
        {
          g_autofree char *p = member_path (path, "date_note");
          report (loader, YP_SEVERITY_ERROR, p,
                  "missing: an approximate date needs a note saying how it was worked out");
        }
      if ((have_earliest || have_latest) && info.precision != YP_PRECISION_APPROXIMATE)
        report (loader, YP_SEVERITY_WARNING, path,
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
            report (loader, YP_SEVERITY_ERROR, date_path,
                    "“%s” is not between “earliest” and “latest”", info.date);
        }
    }

  actors = get_array (loader, object, path, "actors", FALSE);
  for (guint i = 0; actors != NULL && i < json_array_get_length (actors); i++)
    {
      g_autofree char *ap = g_strdup_printf ("%s[%u]", actors_path, i);
      JsonNode *node = json_array_get_element (actors, i);
      const char *actor_id;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        {
          report (loader, YP_SEVERITY_ERROR, ap, "is %s; an actor id is required", node_type_name (node));
          continue;
        }
      actor_id = json_node_get_string (node);
      if (yp_record_lookup_actor (loader->record, actor_id) == NULL)
        report (loader, YP_SEVERITY_ERROR, ap, "unknown actor id “%s”", actor_id);
      else
        g_ptr_array_add (actor_ids, (gpointer) actor_id);
    }
  g_ptr_array_add (actor_ids, NULL);
  info.actors = (const char * const *) actor_ids->pdata;

  info.category = get_string (loader, object, path, "category", TRUE);
  if (info.category != NULL && !g_strv_contains (categories, info.category))
    {
      g_autofree char *known = g_strjoinv ("”, “", (char **) categories);
      report (loader, YP_SEVERITY_ERROR, category_path, "“%s” is not a category (“%s”)", info.category, known);
    }

  info.era = get_string (loader, object, path, "era", TRUE);
  if (info.era != NULL)
    {
      YpEra *era = yp_record_lookup_era (loader->record, info.era);

      if (era == NULL)
        report (loader, YP_SEVERITY_ERROR, era_path, "unknown era id “%s”", info.era);
      else if (have_date && tz != NULL &&
               (info.anchor < yp_era_get_start (era) || info.anchor >= yp_era_get_end (era)))
        report (loader, YP_SEVERITY_WARNING, era_path, "the date %s lies outside the era “%s” (%s – %s)",
                info.date, info.era, yp_era_get_start_text (era), yp_era_get_end_text (era));
    }

  info.status = get_string (loader, object, path, "status", FALSE);
  if (info.status != NULL && !g_strv_contains (statuses, info.status))
    report (loader, YP_SEVERITY_ERROR, status_path,
            "“%s” is not a status (“reported”, “unconfirmed” or “false”)", info.status);

  info.publication_of = get_string (loader, object, path, "publication_of", FALSE);
  if (info.publication_of != NULL)
    {
      YpSource *source = yp_record_lookup_source (loader->record, info.publication_of);

      if (source == NULL)
        report (loader, YP_SEVERITY_ERROR, pub_path, "unknown source id “%s”", info.publication_of);
      else if (have_date && yp_source_get_published (source) != NULL &&
               g_strcmp0 (yp_source_get_published (source), info.date) != 0)
        report (loader, YP_SEVERITY_WARNING, pub_path,
                "the event is dated %s but the source says it was published %s",
                info.date, yp_source_get_published (source));
    }
  else if (g_strcmp0 (info.category, "publication") == 0)
    report (loader, YP_SEVERITY_WARNING, path,
            "a “publication” event should name its article in “publication_of”");

  cites = get_array (loader, object, path, "citations", TRUE);
  if (cites != NULL && json_array_get_length (cites) == 0)
    report (loader, YP_SEVERITY_ERROR, cit_path,
            "is empty: every event needs at least one citation from a source");
  for (guint i = 0; cites != NULL && i < json_array_get_length (cites); i++)
    {
      g_autofree char *cp = g_strdup_printf ("%s[%u]", cit_path, i);
      JsonObject *cobj = element_object (loader, cites, i, cp);
      YpCitationInfo citation;
      gboolean dropped;

      if (cobj == NULL)
        continue;
      if (read_citation (loader, cobj, cp, &citation, &dropped))
        g_array_append_val (citations, citation);
      n_dropped += dropped;
    }
  if (loader->n_errors == 0 && citations->len == 0 && n_dropped > 0)
    report (loader, YP_SEVERITY_ERROR, cit_path, "none of the event’s sources could be loaded");

  if (loader->n_errors > 0)
    {
      if (info.id != NULL)
        report (loader, YP_SEVERITY_ERROR, path, "event “%s” skipped", info.id);
      else
        report (loader, YP_SEVERITY_ERROR, path, "event skipped");
      return NULL;
    }

  info.citations = (const YpCitationInfo *) citations->data;
  info.n_citations = citations->len;
  event = yp_event_new_with_pool (&info, loader->pool);
  g_hash_table_insert (seen, g_strdup (info.id), g_strdup (path));
  return event;
}

/* One section of the file: an array of objects read by @read_one. */
typedef gpointer (*ReadFunc) (Loader *, JsonObject *, const char *, guint, GHashTable *);

static GPtrArray *
read_section (Loader     *loader,
              JsonObject *root,
              const char *name,
              gboolean    required,
              ReadFunc    read_one,
              GHashTable *failed_ids)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);
  JsonArray *array;

  loader->n_errors = 0;
  array = get_array (loader, root, "", name, required);
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      g_autofree char *p = g_strdup_printf ("%s[%u]", name, i);
      JsonObject *object = element_object (loader, array, i, p);
      gpointer item;

      if (object == NULL)
        continue;
      item = read_one (loader, object, p, i, seen);
      if (item != NULL)
        g_ptr_array_add (items, item);
      else if (failed_ids != NULL && json_object_has_member (object, "id") &&
               JSON_NODE_HOLDS_VALUE (json_object_get_member (object, "id")) &&
               json_node_get_value_type (json_object_get_member (object, "id")) == G_TYPE_STRING)
        g_hash_table_add (failed_ids, g_strdup (json_object_get_string_member (object, "id")));
    }
  return items;
}

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
static const char *
prescan (const char *data,
         gsize       length,
         gsize      *offset)
{
  guint depth = 0;

  for (gsize i = 0; i < length; i++)
    {
      switch (data[i])
        {
        case '"':
          for (i++; i < length && data[i] != '"'; i++)
            {
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
          if (++depth > MAX_NESTING)
            {
              *offset = i;
              return "arrays and objects nest deeper than " G_STRINGIFY (MAX_NESTING) " levels";
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
 * recursion is bounded by MAX_NESTING. */
static gboolean
strings_are_utf8 (JsonNode *node,
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
          g_string_append_printf (path, "%s%s", len > 0 ? "." : "", name);
          if (!strings_are_utf8 (json_object_get_member (json_node_get_object (node), name), path))
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
          if (!strings_are_utf8 (json_array_get_element (array, i), path))
            return FALSE;
          g_string_truncate (path, len);
        }
    }
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return g_utf8_validate (json_node_get_string (node), -1, NULL);
  return TRUE;
}

gboolean
yp_loader_fail (GError    **error,
                const char *file,
                const char *format,
                ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  /* json-glib quotes what it could not parse, bytes that are not UTF-8
   * included; a message must be text. */
  if (!g_utf8_validate (message, -1, NULL))
    {
      char *valid = g_utf8_make_valid (message, -1);
      g_free (message);
      message = valid;
    }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s: %s", file, message);
  return FALSE;
}

gboolean
yp_loader_check_json_bytes (const char  *path,
                            const char  *data,
                            gsize        length,
                            GError     **error)
{
  const char *problem;
  const char *bad = NULL;
  gsize offset = 0;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  if (length > MAX_TIMELINE_BYTES)
    return yp_loader_fail (error, path, "the file is %" G_GSIZE_FORMAT " MB; timelines are limited to %d MB",
                           length / (1024 * 1024), MAX_TIMELINE_BYTES / (1024 * 1024));
  if (length == 0)
    return yp_loader_fail (error, path, "the file is empty");
  if (memchr (data, '\0', length) != NULL)
    return yp_loader_fail (error, path, "the file contains NUL bytes; it is not a JSON text file");
  if (!g_utf8_validate (data, length, &bad))
    return yp_loader_fail (error, path, "the file is not valid UTF-8 (first bad byte at offset %" G_GSIZE_FORMAT ")",
                           (gsize) (bad - data));
  problem = prescan (data, length, &offset);
  if (problem != NULL)
    {
      guint line = 1;

      for (gsize i = 0; i < offset; i++)
        line += data[i] == '\n';
      return yp_loader_fail (error, path, "%s at line %u (byte offset %" G_GSIZE_FORMAT ")", problem, line, offset);
    }
  return TRUE;
}

YpRecord *
yp_loader_load_data (const char  *path,
                     const char  *data,
                     gsize        length,
                     GPtrArray  **inputs,
                     GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (!yp_loader_check_json_bytes (path, data, length, error))
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      yp_loader_fail (error, path, "not valid JSON: %s", local_error->message);
      return NULL;
    }
  return yp_loader_load_root (path, json_parser_get_root (parser), inputs, error);
}

YpRecord *
yp_loader_load_root (const char  *path,
                     JsonNode    *root,
                     GPtrArray  **inputs,
                     GError     **error)
{
  g_autoptr(GHashTable) failed_sources = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GPtrArray) actors = NULL;
  g_autoptr(GPtrArray) eras = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(YpRecord) record = NULL;
  g_autofree char *abs = NULL;
  Loader loader = { 0 };
  JsonObject *object;
  JsonNode *format, *version;
  YpText title;

  g_return_val_if_fail (path != NULL, NULL);

  if (root != NULL)
    {
      g_autoptr(GString) bad = g_string_new (NULL);

      if (!strings_are_utf8 (root, bad))
        {
          yp_loader_fail (error, path, "not valid JSON: a name or string in %s is not UTF-8 (a bad “\\u” escape)",
                          bad->len > 0 ? bad->str : "the top level");
          return NULL;
        }
    }
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      yp_loader_fail (error, path, "the top level is %s; a timeline is a JSON object", node_type_name (root));
      return NULL;
    }
  object = json_node_get_object (root);
  format = json_object_get_member (object, "format");
  if (format == NULL || !JSON_NODE_HOLDS_VALUE (format) ||
      json_node_get_value_type (format) != G_TYPE_STRING ||
      g_strcmp0 (json_node_get_string (format), YP_TIMELINE_FORMAT) != 0)
    {
      yp_loader_fail (error, path, "not a Yeonpyo timeline: “format” must be “%s”", YP_TIMELINE_FORMAT);
      return NULL;
    }
  version = json_object_get_member (object, "version");
  if (version == NULL || !JSON_NODE_HOLDS_VALUE (version) ||
      json_node_get_value_type (version) != G_TYPE_INT64)
    {
      yp_loader_fail (error, path, "“version” must be a whole number");
      return NULL;
    }
  if (json_node_get_int (version) != YP_TIMELINE_VERSION)
    {
      yp_loader_fail (error, path, "format version %" G_GINT64_FORMAT " is not supported (this Yeonpyo reads version %d)",
                      json_node_get_int (version), YP_TIMELINE_VERSION);
      return NULL;
    }

  if (g_path_is_absolute (path))
    abs = g_strdup (path);
  else
    {
      g_autofree char *cwd = g_get_current_dir ();
      abs = g_build_filename (cwd, path, NULL);
    }
  record = yp_record_new ();
  loader.file = (char *) path;
  loader.base_dir = g_path_get_dirname (abs);
  loader.record = record;
  loader.inputs = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (loader.inputs, g_strdup (abs));
  loader.zones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_time_zone_unref);
  loader.pool = yp_str_pool_new ();

  check_members (&loader, object, "", top_members);
  if (get_text (&loader, object, "", "title", TRUE, &title))
    yp_record_set_title (record, title.ko, title.en);

  /* Sources first: events resolve their quotes against them. Ids of
   * sources that failed are remembered so their citations are dropped
   * with a warning rather than failing the event. */
  failed_sources = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  loader.failed_sources = failed_sources;
  sources = read_section (&loader, object, "sources", TRUE, read_source, failed_sources);
  yp_record_set_sources (record, sources);

  actors = read_section (&loader, object, "actors", FALSE, read_actor, NULL);
  yp_record_set_actors (record, actors);
  eras = read_section (&loader, object, "eras", FALSE, read_era, NULL);
  yp_record_set_eras (record, eras);
  events = read_section (&loader, object, "events", FALSE, read_event, NULL);
  yp_record_set_events (record, events);

  if (inputs != NULL)
    *inputs = g_steal_pointer (&loader.inputs);
  g_clear_pointer (&loader.inputs, g_ptr_array_unref);
  g_clear_pointer (&loader.zones, g_hash_table_unref);
  g_clear_pointer (&loader.pool, yp_str_pool_unref);
  g_free (loader.base_dir);

  return g_steal_pointer (&record);
}

YpRecord *
yp_loader_load_file (const char  *path,
                     GPtrArray  **inputs,
                     GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;
  goffset size = 0;

  g_return_val_if_fail (path != NULL, NULL);

  switch (read_limited (path, MAX_TIMELINE_BYTES, &data, &length, &size, &local_error))
    {
    case READ_FOLDER:
      yp_loader_fail (error, path, "is a folder; open a timeline .json file");
      return NULL;
    case READ_NOT_REGULAR:
      yp_loader_fail (error, path, "is not a regular file (a pipe, socket or device); open a timeline .json file");
      return NULL;
    case READ_TOO_LARGE:
      yp_loader_fail (error, path, "the file is %" G_GOFFSET_FORMAT " MB; timelines are limited to %d MB",
                      size / (1024 * 1024), MAX_TIMELINE_BYTES / (1024 * 1024));
      return NULL;
    case READ_FAILED:
      yp_loader_fail (error, path, "cannot read the file: %s", local_error->message);
      return NULL;
    case READ_OK:
    default:
      break;
    }
  return yp_loader_load_data (path, data, length, inputs, error);
}
