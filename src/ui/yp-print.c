/* yp-print.c: events printed as pages, with their citations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * begin-print lays every paragraph out once with Pango at the page's width
 * and cuts the result into pages: a paragraph that does not fit in what is
 * left of a page starts the next one (a date and a title also take the
 * first line of what follows with them), and only a paragraph taller than
 * a whole page is split between its lines. draw-page then only draws the
 * lines that fell on it, with the header and "n / N".
 */
#define G_LOG_DOMAIN "yp-print"

#include "config.h"

#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "yp-format.h"
#include "yp-print.h"

/* Cantarell where installed (GNOME's font), and a CJK font for Hangul. */
#define FONT_FAMILY  "Cantarell,Noto Sans CJK KR,Sans"
#define HEADER_PT    8.0
#define GAP_EVENT   16.0

typedef enum {
  STYLE_DATE,
  STYLE_TITLE,
  STYLE_SUMMARY,
  STYLE_SOURCE,
  STYLE_QUOTE,
} Style;

typedef struct {
  double top;       /* relative to the paragraph's top, points */
  double bottom;
  double baseline;
} LineBox;

typedef struct {
  PangoLayout *layout;
  Style        style;
  double       indent;
  double       space_before;
  gboolean     keep_with_next;
  GArray      *lines;        /* LineBox */
} Block;

/* One line of one paragraph, placed on a page. */
typedef struct {
  guint  block;
  guint  line;
  double y;                  /* its top on the page */
} Piece;

typedef struct {
  YpRecord   *record;
  GPtrArray  *events;        /* YpEvent, the list as it was when asked */
  YpLang      lang;
  char       *header;
  GPtrArray  *blocks;        /* Block */
  GArray     *pieces;        /* Piece */
  GArray     *page_starts;   /* guint: first piece of each page */
  double      body_top;
  double      body_bottom;
  gboolean    reported;      /* an error was already shown */
} Job;

static GtkPrintSettings *last_settings;

/* Helpers */

static void
block_free (gpointer data)
{
  Block *block = data;

  g_clear_object (&block->layout);
  g_array_unref (block->lines);
  g_free (block);
}

static void
job_free (gpointer data)
{
  Job *job = data;

  g_clear_object (&job->record);
  g_ptr_array_unref (job->events);
  g_ptr_array_unref (job->blocks);
  g_array_unref (job->pieces);
  g_array_unref (job->page_starts);
  g_free (job->header);
  g_free (job);
}

static Job *
job_new (YpRecord   *record,
         GListModel *events,
         YpLang      lang)
{
  Job *job = g_new0 (Job, 1);
  const char *title = yp_record_get_title (record, lang);

  job->record = g_object_ref (record);
  job->lang = lang;
  job->events = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; events != NULL && i < g_list_model_get_n_items (events); i++)
    {
      gpointer item = g_list_model_get_item (events, i);

      if (YP_IS_EVENT (item))
        g_ptr_array_add (job->events, item);
      else if (item != NULL)
        g_object_unref (item);
    }
  /* Translators: the credit line of copied text and printed pages; %s is
   * the title of the timeline */
  job->header = g_strdup_printf (_("Yeonpyo — %s"), title && *title ? title : _("Timeline"));
  job->blocks = g_ptr_array_new_with_free_func (block_free);
  job->pieces = g_array_new (FALSE, FALSE, sizeof (Piece));
  job->page_starts = g_array_new (FALSE, FALSE, sizeof (guint));
  return job;
}

static PangoFontDescription *
style_font (Style style)
{
  PangoFontDescription *desc = pango_font_description_new ();
  double pt = 10;

  pango_font_description_set_family (desc, FONT_FAMILY);
  switch (style)
    {
    case STYLE_DATE:
      pt = 9;
      break;
    case STYLE_TITLE:
      pt = 12.5;
      pango_font_description_set_weight (desc, PANGO_WEIGHT_BOLD);
      break;
    case STYLE_SUMMARY:
      pt = 10;
      break;
    case STYLE_SOURCE:
      pt = 8.5;
      break;
    case STYLE_QUOTE:
      pt = 9.5;
      pango_font_description_set_style (desc, PANGO_STYLE_ITALIC);
      break;
    default:
      break;
    }
  pango_font_description_set_size (desc, (int) (pt * PANGO_SCALE));
  return desc;
}

static void
set_source_color (cairo_t *cr,
                  Style    style)
{
  if (style == STYLE_DATE || style == STYLE_SOURCE)
    cairo_set_source_rgb (cr, 0.36, 0.36, 0.40);
  else
    cairo_set_source_rgb (cr, 0, 0, 0);
}

static void
add_block (Job             *job,
           GtkPrintContext *context,
           Style            style,
           const char      *text,
           double           indent,
           double           space_before,
           gboolean         keep_with_next)
{
  Block *block;
  PangoFontDescription *desc;
  PangoAttrList *attrs;
  PangoLayoutIter *iter;
  double width = gtk_print_context_get_width (context);

  if (text == NULL || *text == '\0')
    return;
  block = g_new0 (Block, 1);
  block->style = style;
  block->indent = indent;
  block->space_before = space_before;
  block->keep_with_next = keep_with_next;
  block->lines = g_array_new (FALSE, FALSE, sizeof (LineBox));
  block->layout = gtk_print_context_create_pango_layout (context);
  desc = style_font (style);
  pango_layout_set_font_description (block->layout, desc);
  pango_font_description_free (desc);
  pango_layout_set_width (block->layout, (int) ((width - indent) * PANGO_SCALE));
  pango_layout_set_wrap (block->layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (block->layout, text, -1);
  /* Korean wraps between words, never inside one. */
  attrs = yp_keep_words_attrs (text);
  pango_layout_set_attributes (block->layout, attrs);
  pango_attr_list_unref (attrs);

  iter = pango_layout_get_iter (block->layout);
  do
    {
      int y0, y1;
      LineBox box;

      pango_layout_iter_get_line_yrange (iter, &y0, &y1);
      box.top = y0 / (double) PANGO_SCALE;
      box.bottom = y1 / (double) PANGO_SCALE;
      box.baseline = pango_layout_iter_get_baseline (iter) / (double) PANGO_SCALE;
      g_array_append_val (block->lines, box);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);

  g_ptr_array_add (job->blocks, block);
}

static void
build_blocks (Job             *job,
              GtkPrintContext *context)
{
  g_ptr_array_set_size (job->blocks, 0);
  for (guint i = 0; i < job->events->len; i++)
    {
      YpEvent *event = g_ptr_array_index (job->events, i);
      g_autofree char *when = yp_format_event_date (event);
      g_autofree char *date_line = NULL;
      const char *status = yp_format_status (event);

      date_line = status ? g_strdup_printf ("%s · %s", when, status) : g_strdup (when);
      add_block (job, context, STYLE_DATE, date_line, 0, i > 0 ? GAP_EVENT : 0, TRUE);
      add_block (job, context, STYLE_TITLE, yp_event_get_title (event, job->lang), 0, 1, TRUE);
      add_block (job, context, STYLE_SUMMARY, yp_event_get_summary (event, job->lang), 0, 3, FALSE);

      for (guint j = 0; j < yp_event_get_n_citations (event); j++)
        {
          /* Every event is printed: no citation objects made. */
          const YpCitationInfo *citation = yp_event_get_citation_info (event, j);
          YpSource *source = yp_record_lookup_source (job->record, citation->source_id);
          g_autofree char *who = NULL;
          g_autofree char *date = NULL;
          g_autofree char *line = NULL;
          g_autofree char *quote = NULL;

          if (source != NULL)
            {
              const char *outlet = yp_source_get_outlet (source, job->lang);
              const char *headline = yp_source_get_title (source);

              /* Without an outlet, the headline tells the article apart. */
              if (outlet != NULL && *outlet)
                who = g_strdup (outlet);
              else if (headline != NULL && *headline)
                /* Translators: a headline, quoted */
                who = g_strdup_printf (C_("headline", "“%s”"), headline);
              if (yp_source_get_published (source) != NULL)
                date = yp_format_written_date (yp_source_get_published (source),
                                               yp_source_get_timezone (source),
                                               yp_source_get_published_precision (source));
            }
          line = g_strdup_printf ("%s · %s",
                                  who ? who : _("Outlet not named in the file"),
                                  date ? date : _("Date not stated"));
          /* Translators: a quotation, verbatim; use your quotation marks */
          quote = g_strdup_printf (C_("quotation", "“%s”"), citation->quote);
          add_block (job, context, STYLE_SOURCE, line, 14, j == 0 ? 6 : 4, TRUE);
          add_block (job, context, STYLE_QUOTE, quote, 14, 1, FALSE);
        }
    }
}

static double
block_height (const Block *block)
{
  if (block->lines->len == 0)
    return 0;
  return g_array_index (block->lines, LineBox, block->lines->len - 1).bottom;
}

/* The height @index needs on its page: itself, and while it keeps with the
 * next paragraph, the paragraphs up to and including one that does not
 * (only its first line if it is taller than a page and will be split
 * anyway). So a date and a title never end a page without what follows. */
static double
needed_height (Job   *job,
               guint  index)
{
  double page = job->body_bottom - job->body_top;
  double need = block_height (g_ptr_array_index (job->blocks, index));

  while (((Block *) g_ptr_array_index (job->blocks, index))->keep_with_next && index + 1 < job->blocks->len)
    {
      Block *next = g_ptr_array_index (job->blocks, ++index);

      need += next->space_before;
      if (!next->keep_with_next)
        {
          if (block_height (next) <= page)
            need += block_height (next);
          else if (next->lines->len > 0)
            need += g_array_index (next->lines, LineBox, 0).bottom;
          break;
        }
      need += block_height (next);
    }
  return need;
}

static void
paginate (Job *job)
{
  double y = job->body_top;
  guint zero = 0;

  g_array_set_size (job->pieces, 0);
  g_array_set_size (job->page_starts, 0);
  g_array_append_val (job->page_starts, zero);

  for (guint i = 0; i < job->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (job->blocks, i);
      gboolean page_empty = y <= job->body_top;
      double space = page_empty ? 0 : block->space_before;

      /* Break between paragraphs: start a new page when this one (and
       * what it keeps with) does not fit in what is left. */
      if (!page_empty && y + space + needed_height (job, i) > job->body_bottom)
        {
          g_array_append_val (job->page_starts, job->pieces->len);
          y = job->body_top;
          space = 0;
        }
      y += space;
      for (guint l = 0; l < block->lines->len; l++)
        {
          const LineBox *box = &g_array_index (block->lines, LineBox, l);
          double h = box->bottom - box->top;
          Piece piece;

          /* Only a paragraph taller than a page gets here with no room. */
          if (y + h > job->body_bottom && y > job->body_top)
            {
              g_array_append_val (job->page_starts, job->pieces->len);
              y = job->body_top;
            }
          piece.block = i;
          piece.line = l;
          piece.y = y;
          g_array_append_val (job->pieces, piece);
          y += h;
        }
    }
}

static PangoLayout *
small_layout (GtkPrintContext *context,
              const char      *text)
{
  PangoLayout *layout = gtk_print_context_create_pango_layout (context);
  PangoFontDescription *desc = pango_font_description_new ();

  pango_font_description_set_family (desc, FONT_FAMILY);
  pango_font_description_set_size (desc, (int) (HEADER_PT * PANGO_SCALE));
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

/* Signal callbacks */

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                Job               *job)
{
  g_autoptr(PangoLayout) header = small_layout (context, job->header);
  int hw, hh;

  pango_layout_get_size (header, &hw, &hh);
  job->body_top = hh / (double) PANGO_SCALE + 14;
  job->body_bottom = gtk_print_context_get_height (context) - (hh / (double) PANGO_SCALE + 14);
  build_blocks (job, context);
  paginate (job);
  gtk_print_operation_set_n_pages (operation, MAX (1, (int) job->page_starts->len));
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              Job               *job)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width = gtk_print_context_get_width (context);
  double height = gtk_print_context_get_height (context);
  guint n_pages = MAX (1, job->page_starts->len);
  g_autofree char *number = g_strdup_printf ("%d / %u", page_nr + 1, n_pages);
  g_autoptr(PangoLayout) header = small_layout (context, job->header);
  g_autoptr(PangoLayout) footer = small_layout (context, number);
  guint first, last;
  int w, h;

  /* Header: the credit, and a hairline under it. */
  pango_layout_set_width (header, (int) (width * PANGO_SCALE));
  pango_layout_set_ellipsize (header, PANGO_ELLIPSIZE_END);
  cairo_set_source_rgb (cr, 0.36, 0.36, 0.40);
  cairo_move_to (cr, 0, 0);
  pango_cairo_show_layout (cr, header);
  pango_layout_get_size (header, &w, &h);
  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, 0, h / (double) PANGO_SCALE + 5);
  cairo_line_to (cr, width, h / (double) PANGO_SCALE + 5);
  cairo_stroke (cr);

  /* Footer: "n / N", centred. */
  pango_layout_get_size (footer, &w, &h);
  cairo_move_to (cr, (width - w / (double) PANGO_SCALE) / 2, height - h / (double) PANGO_SCALE);
  pango_cairo_show_layout (cr, footer);

  if ((guint) page_nr >= job->page_starts->len)
    return;
  first = g_array_index (job->page_starts, guint, page_nr);
  last = (guint) page_nr + 1 < job->page_starts->len
           ? g_array_index (job->page_starts, guint, page_nr + 1)
           : job->pieces->len;
  for (guint i = first; i < last; i++)
    {
      const Piece *piece = &g_array_index (job->pieces, Piece, i);
      const Block *block = g_ptr_array_index (job->blocks, piece->block);
      const LineBox *box = &g_array_index (block->lines, LineBox, piece->line);
      PangoLayoutLine *line = pango_layout_get_line_readonly (block->layout, piece->line);

      set_source_color (cr, block->style);
      cairo_move_to (cr, block->indent, piece->y + box->baseline - box->top);
      pango_cairo_show_layout_line (cr, line);
    }
}

static void
show_error (GtkWindow    *parent,
            const GError *error)
{
  GtkWidget *dialog;

  dialog = gtk_message_dialog_new (parent, GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_ERROR, GTK_BUTTONS_CLOSE,
                                   "%s", _("The events could not be printed"));
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s",
                                            error ? error->message : _("Unknown error"));
  g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
done_cb (GtkPrintOperation       *operation,
         GtkPrintOperationResult  result,
         Job                     *job)
{
  if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    g_set_object (&last_settings, gtk_print_operation_get_print_settings (operation));
  else if (result == GTK_PRINT_OPERATION_RESULT_ERROR && !job->reported)
    {
      GtkWindow *parent = g_object_get_data (G_OBJECT (operation), "yp-parent");
      g_autoptr(GError) error = NULL;

      job->reported = TRUE;
      gtk_print_operation_get_error (operation, &error);
      show_error (parent, error);
    }
}

static GtkPrintOperation *
create_operation (YpRecord   *record,
                  GListModel *events,
                  YpLang      lang)
{
  GtkPrintOperation *operation = gtk_print_operation_new ();
  Job *job = job_new (record, events, lang);

  g_object_set_data_full (G_OBJECT (operation), "yp-print-job", job, job_free);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_job_name (operation, job->header);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), job);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), job);
  g_signal_connect (operation, "done", G_CALLBACK (done_cb), job);
  return operation;
}

/* Public API */

void
yp_print_events (GtkWindow  *parent,
                 YpRecord   *record,
                 GListModel *events,
                 YpLang      lang)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;
  Job *job;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (YP_IS_RECORD (record));
  g_return_if_fail (G_IS_LIST_MODEL (events));

  operation = create_operation (record, events, lang);
  job = g_object_get_data (G_OBJECT (operation), "yp-print-job");
  if (parent != NULL)
    g_object_set_data_full (G_OBJECT (operation), "yp-parent", g_object_ref (parent), g_object_unref);
  if (last_settings != NULL)
    gtk_print_operation_set_print_settings (operation, last_settings);
  gtk_print_operation_set_allow_async (operation, TRUE);
  /* GTK keeps the operation alive while its dialog is up; "done" reports. */
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent, &error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR && !job->reported)
    {
      job->reported = TRUE;
      show_error (parent, error);
    }
}

gboolean
yp_print_events_to_pdf (GtkWindow   *parent,
                        YpRecord    *record,
                        GListModel  *events,
                        YpLang       lang,
                        const char  *path,
                        GError     **error)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) local = NULL;
  GtkPrintOperationResult result;
  Job *job;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), FALSE);
  g_return_val_if_fail (YP_IS_RECORD (record), FALSE);
  g_return_val_if_fail (G_IS_LIST_MODEL (events), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  operation = create_operation (record, events, lang);
  job = g_object_get_data (G_OBJECT (operation), "yp-print-job");
  /* The caller gets the error: no dialog. */
  job->reported = TRUE;
  gtk_print_operation_set_export_filename (operation, path);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, parent, &local);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      if (local != NULL)
        g_propagate_error (error, g_steal_pointer (&local));
      else
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The PDF file could not be written"));
      return FALSE;
    }
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The PDF file could not be written"));
      return FALSE;
    }
  return TRUE;
}
