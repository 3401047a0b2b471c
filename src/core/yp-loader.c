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

#include "yp-json-fast.h"
#include "yp-loader.h"
#include "yp-memory.h"

/* A timeline is text written by people: the shipped one is 90 kB, a
 * million events 380 MB. Anything larger is a mistake or an attack. Yeonpyo
 * timelines are streamed (MAX_STREAM_BYTES); formats json-glib holds as one
 * tree, several times the file's size, are limited to MAX_TIMELINE_BYTES.
 * The limits are checked from the file's size before a byte of it is read. */
#define MAX_TIMELINE_BYTES YP_TIMELINE_MAX_BYTES
#define MAX_STREAM_BYTES   YP_TIMELINE_STREAM_MAX_BYTES
#define MAX_SOURCE_BYTES   (64 * 1024 * 1024)

/* json-glib's parser recurses once per nested array or object, so a file
 * of a million "[" overflows the stack. A timeline nests 4 levels deep;
 * deeper files are refused before they reach the parser. */
#define MAX_NESTING YP_TIMELINE_MAX_NESTING
/* How much of a mapped file is read before it is handed back. */
#define RELEASE_STEP (16 * 1024 * 1024)

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
  YpJsonTree *tree;            /* the element being read */
  GArray     *citations;       /* YpCitationInfo: an event's, reused */
  GPtrArray  *actor_ids;       /* an event's, reused */
  YpJsonTree *top_tree;        /* the top-level object */
  const YpJsonValue *top;
  guint       n_errors;  /* errors recorded for the item being read */
  gboolean    quiet;     /* reading again what was reported once */
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
  if (loader->quiet)
    return;
  problem = yp_problem_new (severity, loader->file, path, message);
  yp_record_add_problem (loader->record, problem);
}

static const char *
value_type_name (const YpJsonValue *v)
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

static inline gboolean
is_absent (const YpJsonValue *v)
{
  return v == NULL || v->kind == YP_JSON_NULL;
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

/* The paths of members and elements are built for every one read, in
 * case a problem names them: concatenated, not formatted (printf's
 * machinery was a fifth of the time of a check at 100,000 events), and
 * on the stack when short, nearly always (their malloc and free were a
 * tenth of a first import). MEMBER_PATH (p, path, member) and
 * INDEX_PATH (p, path, index) declare const char *p, valid to the end of
 * its block. */
typedef struct {
  char  buf[120];
  char *heap;
} PathBuf;

static void
path_buf_clear (PathBuf *b)
{
  g_free (b->heap);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PathBuf, path_buf_clear)

/* @path, then "." when @dot and @path is not empty, then @tail. */
static const char *
path_join (PathBuf    *b,
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

#define MEMBER_PATH(var, path, member) \
  g_auto(PathBuf) var##_buf = { .heap = NULL }; \
  const char *var = path_join (&var##_buf, (path), TRUE, (member))

#define INDEX_PATH(var, path, index) \
  g_auto(PathBuf) var##_buf = { .heap = NULL }; \
  char var##_index[16]; \
  const char *var = path_join (&var##_buf, (path), FALSE, index_suffix (var##_index, (index)))

/* "[@index]", written at the end of @buf; returns where it starts. */
static const char *
index_suffix (char  buf[16],
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

/* "@path[@index]" into @out, reused from one element to the next. */
static void
set_index_path (GString    *out,
                const char *path,
                guint       index)
{
  char buf[16];

  g_string_assign (out, path);
  g_string_append (out, index_suffix (buf, index));
}

static void
check_members (Loader            *loader,
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
          report (loader, YP_SEVERITY_WARNING, p, "unknown member “%s” ignored", m->name);
        }
    }
}

/* Returns the string member, NULL if absent. A present member of the
 * wrong type, or an empty required one, is an error. */
static const char *
get_string (Loader            *loader,
            const YpJsonValue *object,
            const char        *path,
            const char        *name,
            gboolean           required)
{
  MEMBER_PATH (p, path, name);
  const YpJsonValue *node = yp_json_value_get_member (object, name);
  const char *value;

  if (is_absent (node))
    {
      if (required)
        report (loader, YP_SEVERITY_ERROR, p, "missing; a string is required");
      return NULL;
    }
  if (node->kind != YP_JSON_STRING)
    {
      report (loader, YP_SEVERITY_ERROR, p, "is %s; a string is required", value_type_name (node));
      return NULL;
    }
  value = node->string;
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
get_id (Loader            *loader,
        const YpJsonValue *object,
        const char        *path,
        GHashTable        *seen)
{
  const char *id = get_string (loader, object, path, "id", TRUE);
  MEMBER_PATH (p, path, "id");

  if (id == NULL)
    return NULL;
  if (!is_valid_id (id))
    {
      report (loader, YP_SEVERITY_ERROR, p,
              "“%s” is not a valid id (use lower-case letters, digits, “-”, “_” and “.”)", id);
      return NULL;
    }
  if (seen != NULL && g_hash_table_contains (seen, id))
    {
      report (loader, YP_SEVERITY_ERROR, p, "duplicate id “%s”: %s", id,
              (const char *) g_hash_table_lookup (seen, id));
      return NULL;
    }
  return id;
}

/* A bilingual text. @required: both languages must be there. */
static gboolean
get_text (Loader            *loader,
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
  guint errors_before = loader->n_errors;

  out->ko = out->en = NULL;

  if (is_absent (node))
    {
      if (required)
        report (loader, YP_SEVERITY_ERROR, p,
                "missing; an object {\"ko\": …, \"en\": …} is required");
      return !required;
    }
  if (node->kind != YP_JSON_OBJECT)
    {
      report (loader, YP_SEVERITY_ERROR, p,
              "is %s; an object {\"ko\": …, \"en\": …} is required", value_type_name (node));
      return FALSE;
    }
  for (guint i = 0; i < 2; i++)
    {
      MEMBER_PATH (lp, p, langs[i]);
      const YpJsonValue *v = yp_json_value_get_member (node, langs[i]);

      if (is_absent (v))
        {
          if (required)
            report (loader, YP_SEVERITY_ERROR, lp, "missing: the %s text is required", names[i]);
          continue;
        }
      if (v->kind != YP_JSON_STRING)
        {
          report (loader, YP_SEVERITY_ERROR, lp, "is %s; a string is required", value_type_name (v));
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
              report (loader, YP_SEVERITY_ERROR, lp, "is empty: the %s text is required", names[i]);
            }
        }
    }
  out->ko = (char *) values[0];
  out->en = (char *) values[1];
  return loader->n_errors == errors_before;
}

static gboolean
get_date (Loader            *loader,
          const YpJsonValue *object,
          const char        *path,
          const char        *name,
          gboolean           required,
          const char       **text_out,
          YpDate            *out)
{
  MEMBER_PATH (p, path, name);
  g_autoptr(GError) error = NULL;
  const char *text = get_string (loader, object, path, name, required);

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
get_timezone (Loader            *loader,
              const YpJsonValue *object,
              const char        *path,
              const char       **name_out)
{
  MEMBER_PATH (p, path, "timezone");
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
get_precision (Loader            *loader,
               const YpJsonValue *object,
               const char        *path,
               const char        *name,
               YpPrecision       *out)
{
  MEMBER_PATH (p, path, name);
  const YpJsonValue *node = yp_json_value_get_member (object, name);
  const char *text = get_string (loader, object, path, name, FALSE);

  if (text == NULL)
    {
      /* Absent or null: both say nothing about the precision. A present
       * member of another type has had its error from get_string(). */
      if (is_absent (node))
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
      report (loader, YP_SEVERITY_ERROR, p, "does not match the date “%s”: %s", date_text, need);
      return FALSE;
    }
  return TRUE;
}

static const YpJsonValue *
get_array (Loader            *loader,
           const YpJsonValue *object,
           const char        *path,
           const char        *name,
           gboolean           required)
{
  MEMBER_PATH (p, path, name);
  const YpJsonValue *node = yp_json_value_get_member (object, name);

  if (is_absent (node))
    {
      if (required)
        report (loader, YP_SEVERITY_ERROR, p, "missing; an array is required");
      return NULL;
    }
  if (node->kind != YP_JSON_ARRAY)
    {
      report (loader, YP_SEVERITY_ERROR, p, "is %s; an array is required", value_type_name (node));
      return NULL;
    }
  return node;
}

static const YpJsonValue *
element_object (Loader            *loader,
                const YpJsonValue *node,
                const char        *path)
{
  if (node->kind != YP_JSON_OBJECT)
    {
      report (loader, YP_SEVERITY_ERROR, path, "is %s; an object is required", value_type_name (node));
      return NULL;
    }
  return node;
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
static gsize map_bytes = YP_TIMELINE_MAP_BYTES;

void
yp_loader_set_map_bytes (gsize bytes)
{
  map_bytes = bytes;
}

static ReadResult
read_limited (const char  *path,
              gsize        max,
              gboolean     map_files,
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

  /* Large files are mapped, not copied. One that changes meanwhile is
   * refused once read (yp_loader_finish_file()). */
  if ((guint64) st.st_size > map_bytes && map_files)
    {
      char *mapped = yp_memory_map_file (fd, st.st_size);

      if (mapped != NULL)
        {
          close (fd);
          *contents = mapped;
          *length = st.st_size;
          return READ_OK;
        }
    }

  /* The size is a hint: the file may grow while it is read, and files in
   * /proc say 0. Never more than @max + 1 bytes are kept. */
  alloc = MIN ((gsize) st.st_size, max) + 1;
  buf = yp_memory_alloc_large (alloc + 1);
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
read_body (Loader            *loader,
           const YpJsonValue *object,
           const char        *path,
           const char        *raw,
           const char        *file,
           Body              *out)
{
  MEMBER_PATH (p, path, "body");
  g_autoptr(GPtrArray) line_starts = g_ptr_array_new ();
  g_autoptr(GArray) line_chars = g_array_new (FALSE, FALSE, sizeof (guint));
  const YpJsonValue *ranges = get_array (loader, object, path, "body", TRUE);
  const YpJsonValue *range;
  guint last_line = 0;
  guint n_lines;
  guint chars = 0;
  guint body_chars = 0;  /* characters in out->body so far */

  if (ranges == NULL)
    return FALSE;
  if (ranges->n == 0)
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

  range = yp_json_value_first (ranges);
  for (guint i = 0; range != NULL; i++, range = yp_json_value_next (ranges, range))
    {
      INDEX_PATH (rp, p, i);
      gint64 first, last;

      if (range->kind != YP_JSON_ARRAY || range->n != 2 ||
          range[1].kind != YP_JSON_INT || range[2].kind != YP_JSON_INT)
        {
          report (loader, YP_SEVERITY_ERROR, rp,
                  "is not a line range: write [first, last] with two whole numbers");
          return FALSE;
        }
      first = range[1].integer;
      last = range[2].integer;
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
read_source (Loader            *loader,
             const YpJsonValue *object,
             const char        *path,
             guint              position,
             GHashTable        *seen)
{
  g_autofree char *abs = NULL;
  g_autofree char *raw = NULL;
  MEMBER_PATH (file_path, path, "file");
  MEMBER_PATH (sha_path, path, "sha256");
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
      if (yp_json_value_get_member (object, "published_precision") != NULL)
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
      switch (read_limited (abs, MAX_SOURCE_BYTES, FALSE, &raw, &raw_len, &size, &error))
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
read_actor (Loader            *loader,
            const YpJsonValue *object,
            const char        *path,
            guint              position,
            GHashTable        *seen)
{
  MEMBER_PATH (kind_path, path, "kind");
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
read_era (Loader            *loader,
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
read_citation (Loader            *loader,
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

/* Reads the event at @object into @info, whose strings point into the
 * element's tree and the loader's reused arrays: valid until the next
 * element is read. FALSE when it is skipped (the errors are reported). */
static gboolean
read_event_info (Loader            *loader,
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

  loader->n_errors = 0;
  g_array_set_size (citations, 0);
  g_ptr_array_set_size (actor_ids, 0);
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
          MEMBER_PATH (p, path, "date_note");
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
  for (i = 0, e = actors ? yp_json_value_first (actors) : NULL; e != NULL; i++, e = yp_json_value_next (actors, e))
    {
      INDEX_PATH (ap, actors_path, i);
      const char *actor_id;

      if (e->kind != YP_JSON_STRING)
        {
          report (loader, YP_SEVERITY_ERROR, ap, "is %s; an actor id is required", value_type_name (e));
          continue;
        }
      actor_id = e->string;
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
  if (cites != NULL && cites->n == 0)
    report (loader, YP_SEVERITY_ERROR, cit_path,
            "is empty: every event needs at least one citation from a source");
  for (i = 0, e = cites ? yp_json_value_first (cites) : NULL; e != NULL; i++, e = yp_json_value_next (cites, e))
    {
      INDEX_PATH (cp, cit_path, i);
      const YpJsonValue *cobj = element_object (loader, e, cp);
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
read_event (Loader            *loader,
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
typedef gpointer (*ReadFunc) (Loader *, const YpJsonValue *, const char *, guint, GHashTable *);

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
/* The value of four hex digits, or G_MAXUINT32. */
static gunichar
hex4 (const char *s)
{
  gunichar value = 0;

  for (guint k = 0; k < 4; k++)
    {
      if (!g_ascii_isxdigit (s[k]))
        return G_MAXUINT32;
      value = value * 16 + g_ascii_xdigit_value (s[k]);
    }
  return value;
}

static const char *
prescan (const char *data,
         gsize       length,
         gboolean    mapped,
         gsize      *offset)
{
  guint depth = 0;
  gsize next_release = RELEASE_STEP;

  for (gsize i = 0; i < length; i++)
    {
      if (G_UNLIKELY (mapped && i >= next_release))
        {
          yp_memory_release_pages (data, next_release - RELEASE_STEP, i);
          next_release = i + RELEASE_STEP;
        }
      switch (data[i])
        {
        case '"':
          for (i++; i < length && data[i] != '"'; i++)
            {
              /* On to the next quote or backslash. */
              i = yp_json_string_run_end (data + i, data + length) - data;
              if (i >= length || data[i] == '"')
                break;
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
                  /* Half a surrogate pair then another "\u" that does not
                   * make the pair whole: json-glib refuses it, and leaks
                   * the string it was reading. */
                  if (i + 11 < length && data[i + 6] == '\\' && data[i + 7] == 'u')
                    {
                      gunichar half = hex4 (data + i + 2);
                      gunichar next = hex4 (data + i + 8);

                      if (half >= 0xd800 && half <= 0xdfff && next != G_MAXUINT32)
                        {
                          if (half >= 0xdc00 || next < 0xdc00 || next > 0xdfff)
                            {
                              *offset = i;
                              return "a “\\u” escape of half a surrogate pair must be a high one followed by a low one";
                            }
                          /* A whole pair: on past its first half. */
                          i += 6;
                        }
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
          if (len > 0)
            g_string_append_c (path, '.');
          g_string_append (path, name);
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
          char buf[16];

          g_string_append (path, index_suffix (buf, i));
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


static gboolean
check_json_bytes (const char  *path,
                  const char  *data,
                  gsize        length,
                  gsize        max,
                  gboolean     mapped,
                  GError     **error)
{
  const char *problem;
  const char *bad = NULL;
  gsize offset = 0;
  gboolean utf8 = TRUE;

  if (length > max)
    return yp_loader_fail (error, path, "the file is %" G_GSIZE_FORMAT " MB; timelines are limited to %" G_GSIZE_FORMAT " MB",
                           length / (1024 * 1024), max / (1024 * 1024));
  if (length == 0)
    return yp_loader_fail (error, path, "the file is empty");
  /* A NUL anywhere is said first, then bad UTF-8. A step at a time, for
   * a mapped file to be handed back as it is read; the UTF-8 quick check
   * is given whole characters. */
  for (gsize from = 0; from < length;)
    {
      gsize to = MIN (from + RELEASE_STEP, length);

      while (to < length && to > from && ((guchar) data[to] & 0xc0) == 0x80)
        to--;
      if (to == from)
        to = MIN (from + RELEASE_STEP, length);
      if (memchr (data + from, '\0', to - from) != NULL)
        return yp_loader_fail (error, path, "the file contains NUL bytes; it is not a JSON text file");
      if (utf8)
        utf8 = yp_json_utf8_validate (data + from, to - from);
      if (mapped)
        yp_memory_release_pages (data, from, to);
      from = to;
    }
  /* GLib finds where a bad byte is. */
  if (!utf8 && !g_utf8_validate (data, length, &bad))
    return yp_loader_fail (error, path, "the file is not valid UTF-8 (first bad byte at offset %" G_GSIZE_FORMAT ")",
                           (gsize) (bad - data));
  problem = prescan (data, length, mapped, &offset);
  if (problem != NULL)
    {
      guint line = 1;

      for (gsize i = 0; i < offset; i++)
        line += data[i] == '\n';
      return yp_loader_fail (error, path, "%s at line %u (byte offset %" G_GSIZE_FORMAT ")", problem, line, offset);
    }
  return TRUE;
}

gboolean
yp_loader_check_json_bytes (const char  *path,
                            const char  *data,
                            gsize        length,
                            GError     **error)
{
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  return check_json_bytes (path, data, length, MAX_TIMELINE_BYTES, FALSE, error);
}

/* The streaming reader
 *
 * A timeline of a million events is 380 MB, and json-glib's tree of it
 * would take gigabytes. So the top level is scanned here, byte by byte,
 * the way json-glib's scanner reads it: spaces, tabs, CR and LF between
 * tokens, comments (from a "/" to the next, see prescan()), "strings"
 * with backslash escapes and 'strings' without. The scan finds each
 * member of the top-level object and, in every array there, each
 * element's bytes, without looking inside them. Then one element at a
 * time is parsed into a YpJsonTree (yp-json-fast.h) reused for the next:
 * by the quick parser when the element is plain JSON, nearly always, and
 * otherwise by json-glib, whose tree is copied into it. The readers above
 * see the same values either way.
 *
 * What json-glib accepts, the scanner accepts, with two exceptions, both
 * refused with a line and column: text after the top-level value (json-glib
 * quietly ignores a second object or array there) and a JavaScript
 * assignment "var name = {...};" around it.
 *
 * json-glib's own messages are kept for syntax errors. One found inside an
 * element comes from parsing the element alone: the line and column it
 * gives are moved by where the element starts. One found by the scanner,
 * between elements, is found again by json-glib from the last point where
 * the scanner knows json-glib's state exactly (after an element, a member,
 * an opening bracket): the few bytes before the error are parsed behind a
 * short prefix that leaves json-glib in that state, such as {"x":[{} after
 * an object in an array. Either way the error reported is the first in
 * the file, as if json-glib had parsed all of it: elements before the
 * error that were not parsed yet are parsed first. */

typedef struct {
  gsize start;
  gsize end;
} Slice;

typedef struct {
  char     *name;      /* as json-glib decodes it */
  gboolean  is_array;
  guint     first;     /* its elements: doc->slices[first, first + n) */
  guint     n;
} Member;

/* A point where json-glib can take up the scan: after @prefix, which
 * leaves its parser in the state it is in at byte @at of the file. */
typedef struct {
  gsize       at;
  const char *prefix;
} Resume;

/* The prefixes for an array inside the top-level object, and for the
 * top-level array itself: at its start, after an array element, after an
 * object element. */
static const char *member_array_prefixes[] = { "{\"x\":[", "{\"x\":[[]", "{\"x\":[{}" };
static const char *top_array_prefixes[] = { "[", "[[]", "[{}" };

struct _YpJsonDoc {
  char       *file;
  const char *data;
  gsize       length;
  JsonParser *parser;       /* reused for every element */
  GArray     *slices;       /* Slice: every element of every array at or
                             * directly under the top level, in file order */
  GArray     *members;      /* Member: every member of the top-level object,
                             * in file order, repeated names included */
  GHashTable *last;         /* name -> index in members + 1 of its last
                             * occurrence, whose value json-glib keeps */
  JsonNode   *top;          /* the object as json-glib would hold it, each
                             * array member an empty placeholder */
  YpJsonTree *tree;         /* for the quick parser */
  YpJsonTop   top_kind;
  guint       top_first;    /* a top-level array's elements */
  guint       top_n;
  gboolean    mapped;       /* data is a mapped file (yp-memory.h) */
  gsize       released;     /* its pages before this were handed back */
  gsize       unreleased;   /* bytes read out of order since */
};

/* Pages of a mapped file that a pass over it has gone past are handed
 * back every 16 MB. Each pass starts again from its first offset. */
static inline void
doc_read_to (YpJsonDoc *doc,
             gsize      offset)
{
  if (G_UNLIKELY (doc->mapped && offset >= doc->released + RELEASE_STEP))
    {
      yp_memory_release_pages (doc->data, doc->released, offset);
      doc->released = offset;
    }
}

/* A pass over the elements of @m starts. */
static inline void
doc_start_pass (YpJsonDoc    *doc,
                const Member *m)
{
  doc->released = m->n > 0 ? g_array_index (doc->slices, Slice, m->first).start : 0;
}

/* Read out of order: every 16 MB read, all of it. */
static inline void
doc_read_slice (YpJsonDoc   *doc,
                const Slice *s)
{
  if (doc->mapped && (doc->unreleased += s->end - s->start) >= RELEASE_STEP)
    {
      yp_memory_release_pages (doc->data, 0, doc->length);
      doc->unreleased = 0;
    }
}

void
yp_json_doc_free (YpJsonDoc *doc)
{
  if (doc == NULL)
    return;
  for (guint i = 0; i < doc->members->len; i++)
    g_free (g_array_index (doc->members, Member, i).name);
  g_array_unref (doc->members);
  g_array_unref (doc->slices);
  g_hash_table_unref (doc->last);
  g_clear_pointer (&doc->top, json_node_unref);
  g_clear_pointer (&doc->tree, yp_json_tree_free);
  g_clear_object (&doc->parser);
  g_free (doc->file);
  g_free (doc);
}

YpJsonTop
yp_json_doc_get_top (YpJsonDoc *doc)
{
  return doc->top_kind;
}

static const Member *
doc_lookup (YpJsonDoc  *doc,
            const char *name)
{
  guint index = GPOINTER_TO_UINT (g_hash_table_lookup (doc->last, name));

  return index > 0 ? &g_array_index (doc->members, Member, index - 1) : NULL;
}

gboolean
yp_json_doc_has_member (YpJsonDoc  *doc,
                        const char *name,
                        gboolean   *is_array)
{
  const Member *m = doc_lookup (doc, name);

  if (is_array != NULL)
    *is_array = m != NULL && m->is_array;
  return m != NULL;
}

static inline gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Ends a number, a word (true, null...) or whatever else json-glib would
 * try to read as one token. */
static inline gboolean
is_delimiter (char c)
{
  return is_space (c) || strchr (",:[]{}\"'/", c) != NULL;
}

/* The end of the comment whose "/" is at @p: just after the next "/", as
 * json-glib reads them (see prescan()); 0 if there is none. */
static gsize
comment_end (const char *data,
             gsize       length,
             gsize       p)
{
  const char *end = p + 1 < length ? memchr (data + p + 1, '/', length - p - 1) : NULL;

  return end != NULL ? (gsize) (end - data) + 1 : 0;
}

/* Skips spaces and comments from *i. FALSE at a comment that does not end
 * (an error to json-glib), with *i on its "/". */
static gboolean
skip_space (const char *data,
            gsize       length,
            gsize      *i)
{
  gsize p = *i;

  while (p < length)
    {
      if (is_space (data[p]))
        p++;
      else if (data[p] == '/')
        {
          gsize end = comment_end (data, length, p);

          if (end == 0)
            {
              *i = p;
              return FALSE;
            }
          p = end;
        }
      else
        break;
    }
  *i = p;
  return TRUE;
}

/* From the quote at *i to just after the one that closes the string. FALSE
 * if none does. */
static gboolean
skip_string (const char *data,
             gsize       length,
             gsize      *i)
{
  char quote = data[*i];
  gsize p = *i + 1;

  for (;;)
    {
      const char *q = p < length ? memchr (data + p, quote, length - p) : NULL;
      gsize backslashes = 0;

      if (q == NULL)
        {
          *i = length;
          return FALSE;
        }
      p = q - data;
      /* 'strings' have no escapes; in "strings" a quote after an odd
       * number of backslashes is escaped. */
      if (quote == '"')
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
 * kind: json-glib refuses a mismatch when it parses the element. FALSE at
 * the end of the bytes. prescan() has bounded the depth. */
static gboolean
skip_container (const char *data,
                gsize       length,
                gsize      *i)
{
  guint depth = 0;
  gsize p = *i;

  while (p < length)
    {
      switch (data[p])
        {
        case '"':
        case '\'':
          if (!skip_string (data, length, &p))
            return FALSE;
          continue;
        case '/':
          p = comment_end (data, length, p);
          if (p == 0)
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

/* The end of the scalar at @p: a number or word, after a "-" and spaces if
 * there is one, as json-glib reads "- 1" as -1. */
static gsize
scalar_end (const char *data,
            gsize       length,
            gsize       p)
{
  if (p < length && data[p] == '-')
    {
      p++;
      skip_space (data, length, &p);
    }
  while (p < length && !is_delimiter (data[p]))
    p++;
  return p;
}

/* The end of the token at @p, for the bytes json-glib needs to see it. */
static gsize
token_end (const char *data,
           gsize       length,
           gsize       p)
{
  if (p >= length)
    return length;
  if (data[p] == '"' || data[p] == '\'')
    {
      skip_string (data, length, &p);
      return p;
    }
  if (is_delimiter (data[p]))
    return p + 1;
  return scalar_end (data, length, p);
}

/* json-glib's "<data>:LINE:COLUMN: ..." is about the bytes it was given:
 * @prefix_len bytes of context, then the file's from @origin. Returns the
 * message with the line and column in the file. json-glib counts columns
 * in bytes from 1, and gives column 0 at the start of a line. */
static char *
remap_message (YpJsonDoc  *doc,
               const char *message,
               gsize       origin,
               gsize       prefix_len)
{
  guint line = 0, column = 0, file_line = 1;
  gsize line_start = 0;
  gint64 file_column;
  int n = 0;

  if (sscanf (message, "<data>:%u:%u:%n", &line, &column, &n) != 2 || n == 0)
    return g_strdup (message);
  for (gsize i = 0; i < origin; i++)
    if (doc->data[i] == '\n')
      {
        file_line++;
        line_start = i + 1;
      }
  if (line <= 1)
    file_column = MAX ((gint64) column + (gint64) (origin - line_start) - (gint64) prefix_len, 0);
  else
    {
      file_line += line - 1;
      file_column = column;
    }
  return g_strdup_printf ("<data>:%u:%" G_GINT64_FORMAT ":%s", file_line, file_column, message + n);
}

/* What json-glib says of the file's bytes from @r->at to @until (and a
 * little more: its scanner reads on after a "\u" escape of half a
 * surrogate pair), after @r->prefix; NULL if it finds nothing wrong. What
 * comes after is never parsed. */
static char *
resume_message (YpJsonDoc    *doc,
                const Resume *r,
                gsize         until)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) bytes = g_string_new (r->prefix);
  gsize end = MIN (until + 256, doc->length);

  g_string_append_len (bytes, doc->data + r->at, end - r->at);
  if (json_parser_load_from_data (parser, bytes->str, bytes->len, &error))
    return NULL;
  return remap_message (doc, error->message, r->at, strlen (r->prefix));
}

/* What json-glib says of what follows the top-level value at @at, if it
 * finds it wrong. It would quietly parse another whole object or array
 * there (and leak it), which could be as large as the file: only one cut
 * short, in a small rest of the file, is left to it. */
static char *
trailing_message (YpJsonDoc    *doc,
                  const Resume *r,
                  gsize         at)
{
  gsize end = at;

  if (doc->data[at] != '{' && doc->data[at] != '[')
    return resume_message (doc, r, token_end (doc->data, doc->length, at));
  if (doc->length - at <= 64 * 1024 && !skip_container (doc->data, doc->length, &end))
    return resume_message (doc, r, doc->length);
  return NULL;
}

/* Our own message, where json-glib would have accepted the bytes. */
static char *
own_message (YpJsonDoc  *doc,
             gsize       at,
             const char *what)
{
  guint line = 1;
  gsize line_start = 0;

  for (gsize i = 0; i < at && i < doc->length; i++)
    if (doc->data[i] == '\n')
      {
        line++;
        line_start = i + 1;
      }
  return g_strdup_printf ("<data>:%u:%" G_GSIZE_FORMAT ": Parse error: %s", line, at - line_start + 1, what);
}

/* Parses the element or value @s alone; NULL with *@message set when it
 * is not valid. The message is json-glib's in place, from @context: it
 * reads "1x" alone differently from "[1x", and where its scanner reads a
 * string differently (after half a surrogate pair) it stops elsewhere. */
static JsonNode *
doc_parse_slice (YpJsonDoc    *doc,
                 const Slice  *s,
                 const Resume *context,
                 gboolean     *utf8_checked,
                 char        **message)
{
  g_autoptr(GError) error = NULL;
  const YpJsonValue *fast;

  /* Plain JSON is read by the quick parser, which checks its strings are
   * UTF-8 as it goes; json-glib reads the rest. */
  if (doc->tree == NULL)
    doc->tree = yp_json_tree_new ();
  fast = yp_json_tree_parse (doc->tree, doc->data + s->start, s->end - s->start);
  if (utf8_checked != NULL)
    *utf8_checked = fast != NULL;
  if (fast != NULL)
    return yp_json_value_to_node (fast);
  if (json_parser_load_from_data (doc->parser, doc->data + s->start, s->end - s->start, &error))
    {
      JsonNode *root = json_parser_steal_root (doc->parser);

      if (root != NULL)
        return root;
    }
  *message = resume_message (doc, context, s->end);
  if (*message == NULL)
    *message = error != NULL ? remap_message (doc, error->message, s->start, 0)
                             : own_message (doc, s->start, "expected a value");
  return NULL;
}

/* Parses element @index of doc->slices. *@utf8_checked says whether its
 * strings are known to be UTF-8 already. */
static JsonNode *
doc_parse_element (YpJsonDoc  *doc,
                   guint       index,
                   gboolean   *utf8_checked,
                   char      **message)
{
  const Slice *s = &g_array_index (doc->slices, Slice, index);
  const Resume context = {
    s->start, doc->top_kind == YP_JSON_TOP_ARRAY ? top_array_prefixes[0] : member_array_prefixes[0]
  };

  return doc_parse_slice (doc, s, &context, utf8_checked, message);
}

/* Sets @error to the first syntax error among the elements that start
 * before @before, if there is one. */
static gboolean
earlier_syntax_error (YpJsonDoc  *doc,
                      gsize       before,
                      GError    **error)
{
  for (guint i = 0; i < doc->slices->len; i++)
    {
      const Slice *s = &g_array_index (doc->slices, Slice, i);
      g_autofree char *message = NULL;
      g_autoptr(JsonNode) node = NULL;

      if (s->start >= before)
        break;
      node = doc_parse_element (doc, i, NULL, &message);
      if (node == NULL)
        {
          yp_loader_fail (error, doc->file, "not valid JSON: %s", message);
          return TRUE;
        }
    }
  return FALSE;
}

/* A syntax error found by the scanner at @at: json-glib says what it is,
 * from @r, unless an element before it has one. */
static gboolean
fail_at (YpJsonDoc    *doc,
         const Resume *r,
         gsize         at,
         GError      **error)
{
  g_autofree char *message = NULL;

  if (earlier_syntax_error (doc, at, error))
    return FALSE;
  message = resume_message (doc, r, token_end (doc->data, doc->length, at));
  if (message == NULL)
    message = own_message (doc, at, at < doc->length ? "unexpected character" : "unexpected end of file");
  return yp_loader_fail (error, doc->file, "not valid JSON: %s", message);
}

typedef enum {
  ITEM_NEXT,    /* a comma: another item follows */
  ITEM_LAST,    /* the closing bracket */
  ITEM_FAILED,  /* @error set */
} ItemEnd;

/* After an array's element or an object's member, at *p: a comma and the
 * space after it, or @close (*p then after it). A syntax error is
 * reported from @r. */
static ItemEnd
end_of_item (YpJsonDoc    *doc,
             const char   *data,
             gsize         length,
             gsize        *p,
             char          close,
             const Resume *r,
             GError      **error)
{
  if (!skip_space (data, length, p))
    {
      fail_at (doc, r, *p, error);
      return ITEM_FAILED;
    }
  if (*p < length && data[*p] == ',')
    {
      (*p)++;
      if (!skip_space (data, length, p))
        {
          fail_at (doc, r, *p, error);
          return ITEM_FAILED;
        }
      return ITEM_NEXT;
    }
  if (*p < length && data[*p] == close)
    {
      (*p)++;
      return ITEM_LAST;
    }
  fail_at (doc, r, *p, error);
  return ITEM_FAILED;
}


/* A syntax error json-glib found in the element or value starting at
 * @start, unless one before it has one. */
static gboolean
fail_slice (YpJsonDoc   *doc,
            gsize        start,
            const char  *message,
            GError     **error)
{
  if (earlier_syntax_error (doc, start, error))
    return FALSE;
  return yp_loader_fail (error, doc->file, "not valid JSON: %s", message);
}

gboolean
yp_json_doc_check_syntax (YpJsonDoc  *doc,
                          GError    **error)
{
  return !earlier_syntax_error (doc, G_MAXSIZE, error);
}

/* Scans the array whose "[" is at *i, appending its elements to
 * doc->slices. */
static gboolean
scan_array (YpJsonDoc    *doc,
            gsize        *i,
            const char  **prefixes,
            GError      **error)
{
  const char *data = doc->data;
  gsize length = doc->length;
  gsize p = *i + 1;
  Resume r = { p, prefixes[0] };

  if (!skip_space (data, length, &p))
    return fail_at (doc, &r, p, error);
  if (p < length && data[p] == ']')
    {
      *i = p + 1;
      return TRUE;
    }
  for (;;)
    {
      Slice s = { p, 0 };
      char c = p < length ? data[p] : '\0';

      if (c == '{' || c == '[')
        {
          if (!skip_container (data, length, &p))
            {
              g_autofree char *message = NULL;
              g_autoptr(JsonNode) node = NULL;

              /* Cut short: json-glib says where in the element. */
              const Resume context = { s.start, prefixes[0] };

              s.end = length;
              node = doc_parse_slice (doc, &s, &context, NULL, &message);
              if (node == NULL)
                return fail_slice (doc, s.start, message, error);
              return fail_at (doc, &r, length, error);
            }
        }
      else if (c == '"' || c == '\'')
        {
          if (!skip_string (data, length, &p))
            return fail_at (doc, &r, s.start, error);
        }
      else if (c == '\0' || is_delimiter (c))
        return fail_at (doc, &r, p, error);
      else
        p = scalar_end (data, length, p);
      s.end = p;
      g_array_append_val (doc->slices, s);
      doc_read_to (doc, p);
      if (c == '{' || c == '[')
        r = (Resume) { p, prefixes[data[p - 1] == ']' ? 1 : 2] };
      else
        r = (Resume) { s.start, prefixes[0] };

      switch (end_of_item (doc, data, length, &p, ']', &r, error))
        {
        case ITEM_NEXT:
          continue;
        case ITEM_LAST:
          *i = p;
          return TRUE;
        case ITEM_FAILED:
        default:
          return FALSE;
        }
    }
}

/* Parses the value at [start, end) of the top-level object; on a syntax
 * error reports it as json-glib would, from @r. */
static JsonNode *
parse_value (YpJsonDoc    *doc,
             gsize         start,
             gsize         end,
             const Resume *r,
             GError      **error)
{
  Slice s = { start, end };
  g_autofree char *message = NULL;
  JsonNode *node;

  node = doc_parse_slice (doc, &s, r, NULL, &message);
  if (node == NULL)
    fail_slice (doc, start, message, error);
  return node;
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
  Resume r = { p, "{" };

  doc->top = json_node_init_object (json_node_alloc (), top);
  json_object_unref (top);
  if (!skip_space (data, length, &p))
    return fail_at (doc, &r, p, error);
  if (p < length && data[p] == '}')
    {
      *i = p + 1;
      return TRUE;
    }
  for (;;)
    {
      g_autoptr(JsonNode) name_node = NULL;
      Member m = { NULL, FALSE, 0, 0 };
      gsize name_start = p, value_start;
      char c;

      /* The name: a string, decoded by json-glib. */
      if (p >= length || (data[p] != '"' && data[p] != '\''))
        return fail_at (doc, &r, p, error);
      if (!skip_string (data, length, &p))
        return fail_at (doc, &r, name_start, error);
      if (!json_parser_load_from_data (doc->parser, data + name_start, p - name_start, NULL) ||
          (name_node = json_parser_steal_root (doc->parser)) == NULL ||
          json_node_get_value_type (name_node) != G_TYPE_STRING)
        return fail_at (doc, &r, name_start, error);

      if (!skip_space (data, length, &p))
        return fail_at (doc, &r, p, error);
      if (p >= length || data[p] != ':')
        return fail_at (doc, &r, p, error);
      p++;
      if (!skip_space (data, length, &p))
        return fail_at (doc, &r, p, error);

      value_start = p;
      c = p < length ? data[p] : '\0';
      if (c == '[')
        {
          m.is_array = TRUE;
          m.first = doc->slices->len;
          if (!scan_array (doc, &p, member_array_prefixes, error))
            return FALSE;
          m.n = doc->slices->len - m.first;
          {
            g_autoptr(JsonArray) placeholder = json_array_new ();

            json_object_set_member (top, json_node_get_string (name_node),
                                    json_node_init_array (json_node_alloc (), placeholder));
          }
          r = (Resume) { p, "{\"x\":[]" };
        }
      else
        {
          JsonNode *value;

          if (c == '{')
            {
              if (!skip_container (data, length, &p))
                p = length;
            }
          else if (c == '"' || c == '\'')
            {
              if (!skip_string (data, length, &p))
                return fail_at (doc, &r, value_start, error);
            }
          else if (c == '\0' || is_delimiter (c))
            return fail_at (doc, &r, p, error);
          else
            p = scalar_end (data, length, p);
          value = parse_value (doc, value_start, p, &r, error);
          if (value == NULL)
            return FALSE;
          json_object_set_member (top, json_node_get_string (name_node), value);
          if (c == '{')
            r = (Resume) { p, "{\"x\":{}" };
          else
            r = (Resume) { value_start, "{\"x\":" };
        }
      m.name = g_strdup (json_node_get_string (name_node));
      g_array_append_val (doc->members, m);
      g_hash_table_insert (doc->last, m.name, GUINT_TO_POINTER (doc->members->len));

      switch (end_of_item (doc, data, length, &p, '}', &r, error))
        {
        case ITEM_NEXT:
          continue;
        case ITEM_LAST:
          *i = p;
          return TRUE;
        case ITEM_FAILED:
        default:
          return FALSE;
        }
    }
}

static YpJsonDoc *
scan_doc (const char  *path,
          const char  *data,
          gsize        length,
          gboolean     mapped,
          GError     **error)
{
  g_autoptr(YpJsonDoc) doc = NULL;
  gsize p = 0, top_start;
  char c;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (!check_json_bytes (path, data, length, YP_TIMELINE_STREAM_MAX_BYTES, mapped, error))
    return NULL;

  doc = g_new0 (YpJsonDoc, 1);
  doc->file = g_strdup (path);
  doc->data = data;
  doc->length = length;
  doc->mapped = mapped;
  doc->parser = json_parser_new_immutable ();
  doc->slices = g_array_new (FALSE, FALSE, sizeof (Slice));
  doc->members = g_array_new (FALSE, FALSE, sizeof (Member));
  doc->last = g_hash_table_new (g_str_hash, g_str_equal);

  if (!skip_space (data, length, &p))
    {
      const Resume r = { 0, "" };
      fail_at (doc, &r, p, error);
      return NULL;
    }
  top_start = p;
  c = p < length ? data[p] : '\0';
  if (c == '\0')
    {
      doc->top_kind = YP_JSON_TOP_NULL;
      return g_steal_pointer (&doc);
    }
  if (c == '{')
    {
      doc->top_kind = YP_JSON_TOP_OBJECT;
      if (!scan_object (doc, &p, error))
        return NULL;
    }
  else if (c == '[')
    {
      doc->top_kind = YP_JSON_TOP_ARRAY;
      if (!scan_array (doc, &p, top_array_prefixes, error))
        return NULL;
      doc->top_n = doc->slices->len;
    }
  else
    {
      const Resume r = { 0, "" };
      g_autoptr(JsonNode) value = NULL;

      /* A single value, or a "var x = ...;" json-glib would take. */
      if (c == '"' || c == '\'')
        {
          if (!skip_string (data, length, &p))
            {
              fail_at (doc, &r, top_start, error);
              return NULL;
            }
        }
      else
        p = scalar_end (data, length, p);
      if (p == top_start)
        p++;
      value = parse_value (doc, top_start, p, &r, error);
      if (value == NULL)
        return NULL;
      doc->top_kind = JSON_NODE_HOLDS_NULL (value) ? YP_JSON_TOP_NULL : YP_JSON_TOP_VALUE;
      doc->top = g_steal_pointer (&value);
      if (!skip_space (data, length, &p))
        {
          fail_at (doc, &r, p, error);
          return NULL;
        }
      if (p < length)
        {
          g_autofree char *message = trailing_message (doc, &r, p);

          if (message == NULL)
            message = own_message (doc, p, "more JSON after the top-level value, expected end of file");
          yp_loader_fail (error, path, "not valid JSON: %s", message);
          return NULL;
        }
      return g_steal_pointer (&doc);
    }

  /* Nothing may follow but spaces and comments. */
  {
    const Resume r = { p, c == '{' ? "{}" : "[]" };

    if (!skip_space (data, length, &p))
      {
        fail_at (doc, &r, p, error);
        return NULL;
      }
    if (p < length)
      {
        g_autofree char *message = NULL;

        message = trailing_message (doc, &r, p);
        if (message == NULL)
          message = own_message (doc, p, "more JSON after the top-level value, expected end of file");
        yp_loader_fail (error, path, "not valid JSON: %s", message);
        return NULL;
      }
  }
  return g_steal_pointer (&doc);
}

YpJsonDoc *
yp_json_doc_scan (const char  *path,
                  const char  *data,
                  gsize        length,
                  GError     **error)
{
  gboolean mapped;
  YpJsonDoc *doc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);

  mapped = yp_memory_is_mapped (data);
  doc = scan_doc (path, data, length, mapped, error);
  if (mapped)
    yp_memory_release_pages (data, 0, length);
  return doc;
}

/* The first name or string in tree order that json-glib decoded into bytes
 * that are not UTF-8 (from a "\u" escape): FALSE with @error set, after
 * every syntax error in the file, which json-glib reports first. */
static gboolean
check_strings (YpJsonDoc  *doc,
               GError    **error)
{
  g_autoptr(GString) bad = g_string_new (NULL);
  g_autoptr(GList) names = NULL;

  if (earlier_syntax_error (doc, G_MAXSIZE, error))
    return FALSE;

  if (doc->top_kind == YP_JSON_TOP_ARRAY)
    {
      for (guint i = 0; i < doc->top_n; i++)
        {
          g_autofree char *message = NULL;
          g_autoptr(JsonNode) node = doc_parse_element (doc, doc->top_first + i, NULL, &message);

          g_string_printf (bad, "[%u]", i);
          if (node != NULL && !strings_are_utf8 (node, bad))
            goto fail;
        }
      return TRUE;
    }
  if (doc->top_kind != YP_JSON_TOP_OBJECT)
    {
      if (doc->top != NULL && !strings_are_utf8 (doc->top, bad))
        goto fail;
      return TRUE;
    }

  names = json_object_get_members (json_node_get_object (doc->top));
  for (const GList *l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;
      const Member *m = doc_lookup (doc, name);

      g_string_truncate (bad, 0);
      if (!g_utf8_validate (name, -1, NULL))
        goto fail;
      g_string_append (bad, name);
      if (m == NULL || !m->is_array)
        {
          if (!strings_are_utf8 (json_object_get_member (json_node_get_object (doc->top), name), bad))
            goto fail;
          continue;
        }
      for (guint i = 0; i < m->n; i++)
        {
          g_autofree char *message = NULL;
          g_autoptr(JsonNode) node = doc_parse_element (doc, m->first + i, NULL, &message);

          set_index_path (bad, name, i);
          if (node != NULL && !strings_are_utf8 (node, bad))
            goto fail;
        }
    }
  return TRUE;

fail:
  return yp_loader_fail (error, doc->file, "not valid JSON: a name or string in %s is not UTF-8 (a bad “\\u” escape)",
                         bad->len > 0 ? bad->str : "the top level");
}

static const char *section_names[] = { "sources", "actors", "eras", "events", NULL };

/* Every element the sections did not read (those of other members, and of
 * a name given twice, whose first value json-glib parses and drops) must
 * still be valid JSON. */
static gboolean
check_unread (YpJsonDoc  *doc,
              GError    **error)
{
  for (guint i = 0; i < doc->members->len; i++)
    {
      const Member *m = &g_array_index (doc->members, Member, i);
      gboolean last = doc_lookup (doc, m->name) == m;

      if (!m->is_array || (last && g_strv_contains (section_names, m->name)))
        continue;
      for (guint k = 0; k < m->n; k++)
        {
          const Slice *s = &g_array_index (doc->slices, Slice, m->first + k);
          g_autofree char *message = NULL;
          g_autoptr(GString) path = g_string_new (NULL);
          gboolean utf8_checked = FALSE;
          g_autoptr(JsonNode) node = doc_parse_element (doc, m->first + k, &utf8_checked, &message);

          if (node == NULL)
            return fail_slice (doc, s->start, message, error);
          set_index_path (path, m->name, k);
          if (last && !utf8_checked && !strings_are_utf8 (node, path))
            return check_strings (doc, error);
        }
    }
  return TRUE;
}

/* Element @index of the array @m, as a tree: NULL with @error set when it
 * is not valid JSON (the whole file is refused). @p is its path. */
static const YpJsonValue *
parse_element (Loader       *loader,
               YpJsonDoc    *doc,
               const Member *m,
               guint         index,
               GString      *p,
               GError      **error)
{
  const Slice *s = &g_array_index (doc->slices, Slice, m->first + index);
  const YpJsonValue *element;
  g_autofree char *message = NULL;
  gboolean utf8_checked = FALSE;
  g_autoptr(JsonNode) node = NULL;

  doc_read_to (doc, s->start);
  set_index_path (p, m->name, index);
  /* Plain JSON, nearly every element, goes straight into the tree (the
   * whole file was checked to be UTF-8 by yp_json_doc_scan()); json-glib
   * reads the rest, and its tree is copied. */
  element = yp_json_tree_parse_utf8 (loader->tree, doc->data + s->start, s->end - s->start);
  if (element != NULL)
    return element;
  node = doc_parse_element (doc, m->first + index, &utf8_checked, &message);
  if (node == NULL)
    {
      fail_slice (doc, s->start, message, error);
      return NULL;
    }
  if (!utf8_checked && !strings_are_utf8 (node, p))
    {
      check_strings (doc, error);
      return NULL;
    }
  set_index_path (p, m->name, index);
  return yp_json_tree_take_node (loader->tree, node);
}

/* One section of the file, element by element. NULL with @error set when
 * an element is not valid JSON: the whole file is refused. */
static GPtrArray *
read_section (Loader     *loader,
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
  const Member *m;

  loader->n_errors = 0;
  if (get_array (loader, loader->top, "", name, required) == NULL)
    return g_steal_pointer (&items);
  m = doc_lookup (doc, name);
  g_assert (m != NULL && m->is_array);
  doc_start_pass (doc, m);
  for (guint i = 0; i < m->n; i++)
    {
      const YpJsonValue *element, *object, *id;
      gpointer item;

      element = parse_element (loader, doc, m, i, p, error);
      if (element == NULL)
        return NULL;
      object = element_object (loader, element, p->str);
      if (object == NULL)
        continue;
      item = read_one (loader, object, p->str, i, seen);
      if (item != NULL)
        g_ptr_array_add (items, item);
      else if (failed_ids != NULL && (id = yp_json_value_get_member (object, "id")) != NULL &&
               id->kind == YP_JSON_STRING)
        g_hash_table_add (failed_ids, g_strdup (id->string));
    }
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
stream_events (Loader      *loader,
               YpJsonDoc   *doc,
               YpEventSink *sink,
               GError     **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (EventKey));
  g_autoptr(GString) p = g_string_new (NULL);
  const Member *m;
  gboolean in_order = TRUE;

  loader->n_errors = 0;
  if (get_array (loader, loader->top, "", "events", FALSE) == NULL)
    return TRUE;
  m = doc_lookup (doc, "events");
  g_assert (m != NULL && m->is_array);
  doc_start_pass (doc, m);
  for (guint i = 0; i < m->n; i++)
    {
      const YpJsonValue *element, *object;
      YpEventInfo info;
      EventKey key;

      element = parse_element (loader, doc, m, i, p, error);
      if (element == NULL)
        return FALSE;
      object = element_object (loader, element, p->str);
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
    return TRUE;

  g_clear_pointer (&seen, g_hash_table_unref);
  g_array_sort (keys, compare_keys);
  loader->quiet = TRUE;
  for (guint k = 0; k < keys->len; k++)
    {
      guint i = g_array_index (keys, EventKey, k).index;
      const YpJsonValue *element, *object;
      YpEventInfo info;
      gboolean ok;

      doc_read_slice (doc, &g_array_index (doc->slices, Slice, m->first + i));
      element = parse_element (loader, doc, m, i, p, error);
      object = element ? element_object (loader, element, p->str) : NULL;
      ok = object != NULL && read_event_info (loader, object, p->str, i, NULL, &info);
      /* It loaded the first time: the same bytes read the same way. Only
       * a file changed meanwhile reads otherwise (see
       * yp_loader_finish_file(), which says so in this error's place). */
      if (!ok)
        {
          if (element != NULL)
            yp_loader_fail (error, loader->file, "%s read differently the second time", p->str);
          loader->quiet = FALSE;
          return FALSE;
        }
      if (!sink->event (&info, sink->user_data, error))
        {
          loader->quiet = FALSE;
          return FALSE;
        }
    }
  loader->quiet = FALSE;
  return TRUE;
}

/* How many elements the events array has (none when it is not one). */
static guint
count_events (YpJsonDoc *doc)
{
  const Member *m = doc_lookup (doc, "events");

  return m != NULL && m->is_array ? m->n : 0;
}

static gboolean
read_sections (Loader      *loader,
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
  sources = read_section (loader, doc, "sources", TRUE, read_source, loader->failed_sources, error);
  if (sources == NULL)
    return FALSE;
  yp_record_set_sources (loader->record, sources);
  actors = read_section (loader, doc, "actors", FALSE, read_actor, NULL, error);
  if (actors == NULL)
    return FALSE;
  yp_record_set_actors (loader->record, actors);
  eras = read_section (loader, doc, "eras", FALSE, read_era, NULL, error);
  if (eras == NULL)
    return FALSE;
  yp_record_set_eras (loader->record, eras);
  if (sink != NULL && sink->begin (count_events (doc), sink->user_data))
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
  yp_record_set_events (loader->record, events);
  return check_unread (doc, error);
}

YpRecord *
yp_loader_load_doc (YpJsonDoc  *doc,
                    GPtrArray **inputs,
                    GError    **error)
{
  return yp_loader_load_doc_streaming (doc, inputs, NULL, error);
}

YpRecord *
yp_loader_load_doc_streaming (YpJsonDoc   *doc,
                              GPtrArray  **inputs,
                              YpEventSink *sink,
                              GError     **error)
{
  g_autoptr(GHashTable) failed_sources = NULL;
  g_autoptr(YpRecord) record = NULL;
  g_autoptr(GString) bad = g_string_new (NULL);
  g_autofree char *abs = NULL;
  const char *path;
  Loader loader = { 0 };
  JsonObject *object;
  JsonNode *format, *version;
  YpText title;
  gboolean ok;

  g_return_val_if_fail (doc != NULL, NULL);

  path = doc->file;
  if (doc->top_kind != YP_JSON_TOP_OBJECT)
    {
      if (!check_strings (doc, error))
        return NULL;
      yp_loader_fail (error, path, "the top level is %s; a timeline is a JSON object",
                      doc->top_kind == YP_JSON_TOP_ARRAY ? "an array" : node_type_name (doc->top));
      return NULL;
    }
  /* The members read here first: their strings must be text. */
  if (!strings_are_utf8 (doc->top, bad))
    {
      check_strings (doc, error);
      return NULL;
    }
  object = json_node_get_object (doc->top);
  format = json_object_get_member (object, "format");
  if (format == NULL || !JSON_NODE_HOLDS_VALUE (format) ||
      json_node_get_value_type (format) != G_TYPE_STRING ||
      g_strcmp0 (json_node_get_string (format), YP_TIMELINE_FORMAT) != 0)
    {
      if (check_strings (doc, error))
        yp_loader_fail (error, path, "not a Yeonpyo timeline: “format” must be “%s”", YP_TIMELINE_FORMAT);
      return NULL;
    }
  version = json_object_get_member (object, "version");
  if (version == NULL || !JSON_NODE_HOLDS_VALUE (version) ||
      json_node_get_value_type (version) != G_TYPE_INT64)
    {
      if (check_strings (doc, error))
        yp_loader_fail (error, path, "“version” must be a whole number");
      return NULL;
    }
  if (json_node_get_int (version) != YP_TIMELINE_VERSION)
    {
      if (check_strings (doc, error))
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
  loader.tree = yp_json_tree_new ();
  loader.citations = g_array_new (FALSE, FALSE, sizeof (YpCitationInfo));
  loader.actor_ids = g_ptr_array_new ();
  loader.top_tree = yp_json_tree_new ();
  loader.top = yp_json_tree_take_node (loader.top_tree, doc->top);

  check_members (&loader, loader.top, "", top_members);
  if (get_text (&loader, loader.top, "", "title", TRUE, &title))
    yp_record_set_title (record, title.ko, title.en);

  failed_sources = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  loader.failed_sources = failed_sources;
  ok = read_sections (&loader, doc, sink, error);
  if (doc->mapped)
    yp_memory_release_pages (doc->data, 0, doc->length);

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
yp_loader_load_data (const char  *path,
                     const char  *data,
                     gsize        length,
                     GPtrArray  **inputs,
                     GError     **error)
{
  g_autoptr(YpJsonDoc) doc = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);

  doc = yp_json_doc_scan (path, data, length, error);
  if (doc == NULL)
    return NULL;
  return yp_loader_load_doc (doc, inputs, error);
}

/* Reads the timeline file @path whole (NUL-terminated), with the checks
 * and messages of yp_loader_load_file(): a folder, a pipe, socket or
 * device, and a file over YP_TIMELINE_STREAM_MAX_BYTES are refused, the
 * last from its size before a byte is read. NULL with @error set. */
char *
yp_loader_read_file (const char  *path,
                     gsize       *length,
                     GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  char *data = NULL;
  goffset size = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (length != NULL, NULL);

  switch (read_limited (path, MAX_STREAM_BYTES, TRUE, &data, length, &size, &local_error))
    {
    case READ_FOLDER:
      yp_loader_fail (error, path, "is a folder; open a timeline .json file");
      return NULL;
    case READ_NOT_REGULAR:
      yp_loader_fail (error, path, "is not a regular file (a pipe, socket or device); open a timeline .json file");
      return NULL;
    case READ_TOO_LARGE:
      yp_loader_fail (error, path, "the file is %" G_GOFFSET_FORMAT " MB; timelines are limited to %d MB",
                      size / (1024 * 1024), MAX_STREAM_BYTES / (1024 * 1024));
      return NULL;
    case READ_FAILED:
      yp_loader_fail (error, path, "cannot read the file: %s", local_error->message);
      return NULL;
    case READ_OK:
    default:
      return data;
    }
}

YpRecord *
yp_loader_load_file (const char  *path,
                     GPtrArray  **inputs,
                     GError     **error)
{
  g_autoptr(YpRecord) record = NULL;
  char *data;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);

  data = yp_loader_read_file (path, &length, error);
  if (data == NULL)
    return NULL;
  record = yp_loader_load_data (path, data, length, inputs, error);
  return yp_loader_finish_file (path, data, g_steal_pointer (&record), error);
}

void
yp_loader_free_file (char *data)
{
  if (data != NULL && yp_memory_is_mapped (data))
    yp_memory_unmap_file (data);
  else
    g_free (data);
}

YpRecord *
yp_loader_finish_file (const char  *path,
                       char        *data,
                       YpRecord    *record,
                       GError     **error)
{
  if (data != NULL && yp_memory_file_changed (data))
    {
      /* A parse error too may only be the change, seen half-way. */
      g_clear_object (&record);
      g_clear_error (error);
      yp_loader_fail (error, path, "the file changed while it was being read; open it again once it is saved");
    }
  yp_loader_free_file (data);
  return record;
}
