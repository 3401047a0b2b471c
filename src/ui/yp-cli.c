/* yp-cli.c: the command-line modes, which open no window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "yp-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "yp-cache.h"
#include "yp-cli.h"
#include "yp-event-list.h"
#include "yp-format.h"
#include "yp-import.h"

/* Columns of the terminal a string takes: Hangul and other wide
 * characters take two. NULL or text that is not UTF-8 (which the
 * readers never give) takes none rather than a crash. */
static guint
display_width (const char *s)
{
  guint w = 0;

  if (s == NULL || !g_utf8_validate (s, -1, NULL))
    return 0;
  for (const char *p = s; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      w += g_unichar_iswide (c) ? 2 : g_unichar_iszerowidth (c) ? 0 : 1;
    }
  return w;
}

static void
print_padded (GString    *out,
              const char *text,
              guint       width)
{
  guint w = display_width (text);

  g_string_append (out, text ? text : "");
  for (; w < width; w++)
    g_string_append_c (out, ' ');
}

/* What --check keeps of the events and the sources it is handed: how
 * many there are. It needs nothing else of them, so a large timeline
 * is checked without its events and sources in memory. */
typedef struct {
  guint events;
  guint sources;
} Counts;

static gboolean
count_begin_cb (guint    n_events,
                guint64  file_bytes,
                guint64  kept_bytes,
                gpointer user_data)
{
  return TRUE;
}

static gboolean
count_event_cb (const YpEventInfo *info,
                gpointer           user_data,
                GError           **error)
{
  ((Counts *) user_data)->events++;
  return TRUE;
}

static gboolean
count_restart_cb (gpointer  user_data,
                  GError  **error)
{
  ((Counts *) user_data)->events = 0;
  return TRUE;
}

static gboolean
count_source_cb (YpSource  *source,
                 gpointer   user_data,
                 GError   **error)
{
  ((Counts *) user_data)->sources++;
  return TRUE;
}

int
yp_cli_check (const char *path)
{
  g_autoptr(GError) error = NULL;
  Counts counts = { 0 };
  YpEventSink sink = { count_begin_cb, count_event_cb, count_restart_cb, &counts, NULL, count_source_cb };
  /* Either format: a Yeonpyo timeline or a TimelineJS document. */
  g_autoptr(YpRecord) record = yp_import_load_file_streaming (path, NULL, &sink, &error);
  GPtrArray *problems;
  guint errors, warnings;

  if (record == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  problems = yp_record_get_problems (record);
  for (guint i = 0; i < problems->len; i++)
    {
      g_autofree char *line = yp_problem_to_string (g_ptr_array_index (problems, i));
      g_printerr ("%s\n", line);
    }
  errors = yp_record_count_problems (record, YP_SEVERITY_ERROR);
  warnings = yp_record_count_problems (record, YP_SEVERITY_WARNING);
  g_print ("%s: %u sources, %u actors, %u eras, %u events; %u errors, %u warnings\n",
           path,
           counts.sources + g_list_model_get_n_items (yp_record_get_sources (record)),
           g_list_model_get_n_items (yp_record_get_actors (record)),
           g_list_model_get_n_items (yp_record_get_eras (record)),
           counts.events + g_list_model_get_n_items (yp_record_get_events (record)),
           errors, warnings);
  return errors > 0 ? 1 : 0;
}

/* The table of @record's events on stdout; FALSE, before anything is
 * printed, when reading them found its cache damaged (it was set aside:
 * the next open rebuilds it). The columns are as wide as their widest
 * cell, so the cells are made first, from events that are not kept:
 * what stays is the text of the table, not a million event objects. */
static gboolean
list_events (YpRecord *record)
{
  YpEventList *events = YP_EVENT_LIST (yp_record_get_events (record));
  YpLang lang = yp_ui_lang ();
  g_autoptr(GString) cells = g_string_new (NULL); /* date, precision, sources, title: each ends in NUL */
  g_autoptr(GString) out = g_string_new (NULL);
  guint date_w = 0, prec_w = 0, src_w = 0;
  guint n = yp_event_list_get_size (events);
  const char *p;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(YpEvent) e = yp_event_list_dup_unkept (events, i);
      gsize ids = 0;
      const char *title = yp_event_get_title (e, lang);

      g_string_append (cells, yp_event_get_date (e) ? yp_event_get_date (e) : "");
      g_string_append_c (cells, '\0');
      g_string_append (cells, yp_precision_to_string (yp_event_get_precision (e)));
      g_string_append_c (cells, '\0');
      /* Each source once, in citation order. */
      ids = cells->len;
      for (guint j = 0; j < yp_event_get_n_citations (e); j++)
        {
          const char *id = yp_event_get_citation_info (e, j)->source_id;
          gboolean seen = FALSE;

          for (guint k = 0; k < j && !seen; k++)
            seen = g_str_equal (id, yp_event_get_citation_info (e, k)->source_id);
          if (!seen)
            g_string_append_printf (cells, "%s%s", cells->len > ids ? "," : "", id);
        }
      g_string_append_c (cells, '\0');
      date_w = MAX (date_w, display_width (yp_event_get_date (e)));
      prec_w = MAX (prec_w, display_width (yp_precision_to_string (yp_event_get_precision (e))));
      src_w = MAX (src_w, display_width (cells->str + ids));
      g_string_append (cells, title ? title : "");
      g_string_append_c (cells, '\0');
    }
  /* Every event was made, and checked as it was: all or nothing. */
  if (yp_event_list_is_damaged (events))
    return FALSE;
  date_w = MAX (date_w, display_width (_("DATE")));
  prec_w = MAX (prec_w, display_width (_("PRECISION")));
  src_w = MAX (src_w, display_width (_("SOURCES")));

  print_padded (out, _("DATE"), date_w + 2);
  print_padded (out, _("PRECISION"), prec_w + 2);
  print_padded (out, _("SOURCES"), src_w + 2);
  g_string_append_printf (out, "%s\n", _("TITLE"));
  p = cells->str;
  for (guint i = 0; i < n; i++)
    {
      const guint widths[] = { date_w + 2, prec_w + 2, src_w + 2 };

      for (guint c = 0; c < G_N_ELEMENTS (widths); c++)
        {
          print_padded (out, p, widths[c]);
          p += strlen (p) + 1;
        }
      g_string_append_printf (out, "%s\n", p);
      p += strlen (p) + 1;
      if (out->len >= 64 * 1024)
        {
          fputs (out->str, stdout);
          g_string_truncate (out, 0);
        }
    }
  fputs (out->str, stdout);
  return TRUE;
}

int
yp_cli_list (const char *path)
{
  /* A cache found damaged while its events are read is set aside; the
   * second open rebuilds it from the file. */
  for (guint attempt = 0; attempt < 2; attempt++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(YpRecord) record = NULL;
      YpCacheReport report = { 0 };

      record = yp_cache_load (path, NULL, &report, &error);
      yp_cache_report_clear (&report);
      if (record == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 2;
        }
      if (list_events (record))
        return 0;
    }
  g_printerr (_("%s: its cache is damaged and could not be rebuilt\n"), path);
  return 2;
}
