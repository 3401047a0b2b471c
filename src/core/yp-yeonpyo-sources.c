/* yp-yeonpyo-sources.c: the Yeonpyo reader's sources: a source's members,
 * its article file (read whole, inside the timeline's folder) and the
 * line ranges of its body (see yp-yeonpyo-state-private.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "yp-yeonpyo-reader"

#include "config.h"

#include <string.h>

#include "yp-file-bytes-private.h"
#include "yp-yeonpyo-state-private.h"

/* Article files are read whole. */
#define MAX_SOURCE_BYTES   (64 * 1024 * 1024)

static const char *source_members[] = {
  "id", "file", "sha256", "outlet", "outlet_note", "title", "author", "published",
  "published_precision", "timezone", "published_note", "language", "body", NULL
};

typedef struct {
  GArray  *segments;
  GString *body;
} Body;

static gboolean
read_body (YpYeonpyoState    *loader,
           const YpJsonValue *object,
           const char        *path,
           const char        *raw,
           const char        *file,
           Body              *out)
{
  MEMBER_PATH (p, path, "body");
  g_autoptr(GPtrArray) line_starts = g_ptr_array_new ();
  g_autoptr(GArray) line_chars = g_array_new (FALSE, FALSE, sizeof (guint));
  const YpJsonValue *ranges = yp_reader_get_array (&loader->r, object, path, "body", TRUE);
  const YpJsonValue *range;
  guint last_line = 0;
  guint n_lines;
  guint chars = 0;
  guint body_chars = 0;  /* characters in out->body so far */

  if (ranges == NULL)
    return FALSE;
  if (ranges->n == 0)
    {
      yp_reader_report (&loader->r, YP_SEVERITY_ERROR, p, "is empty: give at least one [first, last] line range");
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
          yp_reader_report (&loader->r, YP_SEVERITY_ERROR, rp,
                  "is not a line range: write [first, last] with two whole numbers");
          return FALSE;
        }
      first = range[1].integer;
      last = range[2].integer;
      if (first < 1 || last < first || last > n_lines)
        {
          yp_reader_report (&loader->r, YP_SEVERITY_ERROR, rp,
                  "lines %" G_GINT64_FORMAT "–%" G_GINT64_FORMAT " are not within %s, which has %u lines",
                  first, last, file, n_lines);
          return FALSE;
        }
      if ((guint) first <= last_line)
        {
          yp_reader_report (&loader->r, YP_SEVERITY_ERROR, rp,
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

gpointer
yp_yeonpyo_read_source (YpYeonpyoState    *loader,
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

  loader->r.n_errors = 0;
  yp_reader_check_members (&loader->r, object, path, source_members);

  info.id = yp_yeonpyo_get_id (loader, object, path, seen);
  info.file = yp_reader_get_string (&loader->r, object, path, "file", TRUE);
  info.language = yp_reader_get_string (&loader->r, object, path, "language", TRUE);
  info.title = yp_reader_get_string (&loader->r, object, path, "title", FALSE);
  info.author = yp_reader_get_string (&loader->r, object, path, "author", FALSE);
  yp_yeonpyo_get_text (loader, object, path, "outlet", FALSE, &info.outlet);
  yp_yeonpyo_get_text (loader, object, path, "outlet_note", FALSE, &info.outlet_note);
  yp_yeonpyo_get_text (loader, object, path, "published_note", FALSE, &info.published_note);
  tz = yp_yeonpyo_get_timezone (loader, object, path, &tz_name);
  info.timezone = tz_name;
  if (yp_yeonpyo_get_date (loader, object, path, "published", FALSE, &info.published, &published) &&
      info.published != NULL)
    {
      info.published_precision = YP_PRECISION_EXACT;
      if (yp_json_value_get_member (object, "published_precision") != NULL)
        {
          if (yp_yeonpyo_get_precision (loader, object, path, "published_precision", &info.published_precision))
            yp_yeonpyo_check_precision_shape (loader, path, info.published_precision, &published, info.published);
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

  /* Outside the timeline's folder: refused before anything reads it, and
   * not listed as an input (the cache would read it to hash it). */
  if (info.file != NULL &&
      (abs = yp_reader_resolve_article (loader->base_dir, info.file, &error)) == NULL)
    yp_reader_report (&loader->r, YP_SEVERITY_ERROR, file_path, "%s", error->message);
  else if (info.file != NULL)
    {
      /* Listed even when it cannot be read, so that the cache notices
       * when it appears or is mended. */
      g_ptr_array_add (loader->inputs, g_strdup (abs));
      switch (yp_file_bytes_read_limited (abs, MAX_SOURCE_BYTES, &raw, &raw_len, &size, &error))
        {
        case YP_FILE_READ_FOLDER:
          yp_reader_report (&loader->r, YP_SEVERITY_ERROR, file_path, "%s is a folder, not a text file", info.file);
          break;
        case YP_FILE_READ_NOT_REGULAR:
          yp_reader_report (&loader->r, YP_SEVERITY_ERROR, file_path,
                  "%s is not a regular file (a pipe, socket or device), not a text file", info.file);
          break;
        case YP_FILE_READ_TOO_LARGE:
          yp_reader_report (&loader->r, YP_SEVERITY_ERROR, file_path,
                  "%s is %" G_GOFFSET_FORMAT " bytes; sources are limited to %d MB",
                  info.file, size, MAX_SOURCE_BYTES / (1024 * 1024));
          break;
        case YP_FILE_READ_FAILED:
          yp_reader_report (&loader->r, YP_SEVERITY_ERROR, file_path, "cannot read %s: %s", info.file, error->message);
          break;
        case YP_FILE_READ_OK:
        default:
          break;
        }
      if (raw == NULL)
        {
          /* reported above */
        }
      else if (memchr (raw, '\0', raw_len) != NULL)
        yp_reader_report (&loader->r, YP_SEVERITY_ERROR, file_path, "%s contains NUL bytes; it is not a text file", info.file);
      else if (!g_utf8_validate (raw, raw_len, NULL))
        yp_reader_report (&loader->r, YP_SEVERITY_ERROR, file_path, "%s is not valid UTF-8 text", info.file);
      else
        {
          sha = yp_reader_get_string (&loader->r, object, path, "sha256", FALSE);
          if (sha != NULL)
            {
              g_autofree char *actual = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) raw, raw_len);
              if (g_ascii_strcasecmp (actual, sha) != 0)
                yp_reader_report (&loader->r, YP_SEVERITY_WARNING, sha_path,
                        "%s has changed since the timeline was written (SHA-256 %s, expected %s); quotes may not be found",
                        info.file, actual, sha);
            }
          read_body (loader, object, path, raw, info.file, &body);
        }
    }

  if (loader->r.n_errors == 0)
    {
      info.raw_text = raw;
      info.body_text = body.body->str;
      info.segments = (const YpSegment *) (gpointer) body.segments->data;
      info.n_segments = body.segments->len;
      source = yp_source_new (&info);
      g_hash_table_insert (seen, g_strdup (info.id), g_strdup (path));
    }
  else if (info.id != NULL)
    yp_reader_report (&loader->r, YP_SEVERITY_ERROR, path, "source “%s” skipped", info.id);

  g_array_unref (body.segments);
  g_string_free (body.body, TRUE);
  return source;
}
