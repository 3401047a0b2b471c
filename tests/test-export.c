/* test-export.c: PNG, SVG, citation text, PDF and the export dialog, on the
 * real window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * YP_EXPORT_KEEP=DIR copies what the tests wrote (PNG, SVG, PDF) to DIR,
 * for a look.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "yp-application-private.h"
#include "yp-export-dialog.h"
#include "yp-export.h"
#include "yp-format.h"
#include "yp-print.h"
#include "yp-timeline.h"
#include "yp-window-private.h"
#include "yp-test-ui.h"

static YpApplication *app;
static char *tmp_dir;

/* A window that starts from the default view, whatever earlier tests saved. */
static YpWindow *
open_window (void)
{
  return yp_test_present_fresh_window (app);
}

static void
close_window (YpWindow *window)
{
  yp_test_close_window (GTK_WINDOW (window));
}

static char *
out_path (const char *name)
{
  return g_build_filename (tmp_dir, name, NULL);
}

/* Keeps a copy for a human to look at, when asked. */
static void
keep (const char *path)
{
  const char *dir = g_getenv ("YP_EXPORT_KEEP");
  g_autofree char *data = NULL;
  g_autofree char *base = NULL;
  g_autofree char *dest = NULL;
  gsize len;

  if (dir == NULL || !g_file_get_contents (path, &data, &len, NULL))
    return;
  base = g_path_get_basename (path);
  dest = g_build_filename (dir, base, NULL);
  g_file_set_contents (dest, data, len, NULL);
}

/* Pixels (of a texture in memory format B8G8R8A8 premultiplied, as
 * gdk_texture_download gives) that differ from the top left corner by
 * more than @threshold (sum over the colour channels). */
static guint
count_ink (GdkTexture *texture,
           int         threshold)
{
  int w = gdk_texture_get_width (texture);
  int h = gdk_texture_get_height (texture);
  gsize stride = w * 4;
  g_autofree guchar *data = g_malloc (stride * h);
  guint n = 0;

  gdk_texture_download (texture, data, stride);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        const guchar *p = data + y * stride + x * 4;
        int d = abs (p[0] - data[0]) + abs (p[1] - data[1]) + abs (p[2] - data[2]);

        n += d > threshold;
      }
  return n;
}

/* (a) PNG */

static void
test_png (void)
{
  YpWindow *window = open_window ();
  YpTimeline *timeline = yp_window_get_timeline (window);
  int w, h;
  guint ink[3] = { 0 };

  yp_test_show_crisis (window);
  w = gtk_widget_get_width (GTK_WIDGET (timeline));
  h = gtk_widget_get_height (GTK_WIDGET (timeline));
  g_assert_cmpint (w, >, 100);
  g_assert_cmpint (h, >, 100);

  for (int scale = 1; scale <= 2; scale++)
    {
      g_autofree char *name = g_strdup_printf ("timeline-%dx.png", scale);
      g_autofree char *path = out_path (name);
      g_autoptr(GError) error = NULL;
      g_autoptr(GdkTexture) texture = NULL;

      g_assert_true (yp_export_timeline_png (timeline, path, scale, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
      keep (path);

      texture = gdk_texture_new_from_filename (path, &error);
      g_assert_no_error (error);
      g_assert_nonnull (texture);
      g_assert_cmpint (gdk_texture_get_width (texture), ==, w * scale);
      g_assert_cmpint (gdk_texture_get_height (texture), ==, h * scale);

      /* Not blank: labels, marks and ticks are drawn in strong colours. */
      ink[scale] = count_ink (texture, 90);
      g_test_message ("scale %d: %d × %d, %u strong pixels of %d", scale,
                      gdk_texture_get_width (texture), gdk_texture_get_height (texture),
                      ink[scale], w * h * scale * scale);
      g_assert_cmpuint (ink[scale], >, (guint) (w * h * scale * scale) / 200);
    }
  /* Drawn at twice the size, not a small image in a large canvas: about
   * four times the ink. */
  g_assert_cmpfloat ((double) ink[2] / ink[1], >, 2.5);
  g_assert_cmpfloat ((double) ink[2] / ink[1], <, 6.0);

  /* A failure is an error, not a warning. */
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (yp_export_timeline_png (timeline, "/nonexistent-dir/x.png", 1, &error));
    g_assert_nonnull (error);
  }
  close_window (window);
}

/* (b) SVG */

typedef struct {
  int        depth;
  int        roots;
  char      *root;
  char      *width;
  char      *height;
  char      *viewbox;
  GString   *text;        /* of the <text> element being read */
  gboolean   in_text;
  GPtrArray *texts;       /* char*: the content of every <text> */
  GPtrArray *text_classes;
  GArray    *era_boxes;   /* graphene_rect_t: every <rect class="era"> */
} SvgDoc;

static void
svg_start (GMarkupParseContext  *context,
           const char           *element,
           const char          **names,
           const char          **values,
           gpointer              data,
           GError              **error)
{
  SvgDoc *doc = data;

  if (doc->depth == 0)
    {
      doc->roots++;
      doc->root = g_strdup (element);
      for (guint i = 0; names[i]; i++)
        {
          if (g_str_equal (names[i], "width"))
            doc->width = g_strdup (values[i]);
          else if (g_str_equal (names[i], "height"))
            doc->height = g_strdup (values[i]);
          else if (g_str_equal (names[i], "viewBox"))
            doc->viewbox = g_strdup (values[i]);
        }
    }
  if (g_str_equal (element, "rect"))
    {
      graphene_rect_t box = GRAPHENE_RECT_INIT (-1, -1, -1, -1);
      gboolean era = FALSE;

      for (guint i = 0; names[i]; i++)
        if (g_str_equal (names[i], "class"))
          era = g_str_equal (values[i], "era");
        else if (g_str_equal (names[i], "x"))
          box.origin.x = g_ascii_strtod (values[i], NULL);
        else if (g_str_equal (names[i], "y"))
          box.origin.y = g_ascii_strtod (values[i], NULL);
        else if (g_str_equal (names[i], "width"))
          box.size.width = g_ascii_strtod (values[i], NULL);
        else if (g_str_equal (names[i], "height"))
          box.size.height = g_ascii_strtod (values[i], NULL);
      if (era)
        g_array_append_val (doc->era_boxes, box);
    }
  if (g_str_equal (element, "text"))
    {
      const char *class = "";

      g_assert_false (doc->in_text);
      for (guint i = 0; names[i]; i++)
        if (g_str_equal (names[i], "class"))
          class = values[i];
      doc->in_text = TRUE;
      g_string_truncate (doc->text, 0);
      g_ptr_array_add (doc->text_classes, g_strdup (class));
    }
  doc->depth++;
}

static void
svg_end (GMarkupParseContext  *context,
         const char           *element,
         gpointer              data,
         GError              **error)
{
  SvgDoc *doc = data;

  doc->depth--;
  if (g_str_equal (element, "text"))
    {
      g_ptr_array_add (doc->texts, g_strdup (doc->text->str));
      doc->in_text = FALSE;
    }
}

static void
svg_text (GMarkupParseContext  *context,
          const char           *text,
          gsize                 len,
          gpointer              data,
          GError              **error)
{
  SvgDoc *doc = data;

  /* GMarkup has already replaced the entities. */
  if (doc->in_text)
    g_string_append_len (doc->text, text, len);
}

static const GMarkupParser svg_parser = { svg_start, svg_end, svg_text, NULL, NULL };

static void
svg_doc_clear (SvgDoc *doc)
{
  g_free (doc->root);
  g_free (doc->width);
  g_free (doc->height);
  g_free (doc->viewbox);
  g_string_free (doc->text, TRUE);
  g_ptr_array_unref (doc->texts);
  g_ptr_array_unref (doc->text_classes);
  g_array_unref (doc->era_boxes);
}

static void
parse_svg (const char *data,
           SvgDoc     *doc)
{
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) error = NULL;

  memset (doc, 0, sizeof *doc);
  doc->text = g_string_new (NULL);
  doc->texts = g_ptr_array_new_with_free_func (g_free);
  doc->text_classes = g_ptr_array_new_with_free_func (g_free);
  doc->era_boxes = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
  context = g_markup_parse_context_new (&svg_parser, 0, doc, NULL);
  g_assert_true (g_markup_parse_context_parse (context, data, -1, &error));
  g_assert_no_error (error);
  /* Every element closed. */
  g_assert_true (g_markup_parse_context_end_parse (context, &error));
  g_assert_no_error (error);
  g_assert_cmpint (doc->depth, ==, 0);
  g_assert_cmpint (doc->roots, ==, 1);
}

static gboolean
has_text (SvgDoc     *doc,
          const char *text)
{
  for (guint i = 0; i < doc->texts->len; i++)
    if (g_str_equal (g_ptr_array_index (doc->texts, i), text))
      return TRUE;
  return FALSE;
}

static guint
count_class (SvgDoc     *doc,
             const char *class)
{
  guint n = 0;

  for (guint i = 0; i < doc->text_classes->len; i++)
    n += g_str_equal (g_ptr_array_index (doc->text_classes, i), class);
  return n;
}

static double
number (const char *s)
{
  char *end = NULL;
  double v;

  g_assert_nonnull (s);
  v = g_ascii_strtod (s, &end);
  g_assert_true (end != s && *end == '\0');
  return v;
}

static void
test_svg (void)
{
  YpWindow *window = open_window ();
  YpTimeline *timeline = yp_window_get_timeline (window);
  g_autoptr(YpTimelineFrame) frame = NULL;
  g_autofree char *path = out_path ("timeline.svg");
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *viewbox = NULL;
  guint n_titles = 0, n_eras = 0, n_ticks = 0;
  SvgDoc doc;

  yp_test_show_crisis (window);
  g_assert_true (yp_export_timeline_svg (timeline, path, 2, &error));
  g_assert_no_error (error);
  keep (path);
  frame = yp_timeline_dup_frame (timeline);
  g_assert_nonnull (frame);

  g_assert_true (g_file_get_contents (path, &data, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (data, "<?xml version=\"1.0\" encoding=\"UTF-8\""));
  parse_svg (data, &doc);
  g_assert_cmpstr (doc.root, ==, "svg");
  g_assert_cmpfloat_with_epsilon (number (doc.width), frame->width * 2, 0.01);
  g_assert_cmpfloat_with_epsilon (number (doc.height), frame->height * 2, 0.01);
  g_assert_cmpfloat_with_epsilon (frame->width, gtk_widget_get_width (GTK_WIDGET (timeline)), 0.01);
  viewbox = g_strdup_printf ("0 0 %d %d", (int) frame->width, (int) frame->height);
  g_assert_cmpstr (doc.viewbox, ==, viewbox);

  /* Every label the screen drew is in the document as text, whole. */
  for (guint i = 0; i < frame->marks->len; i++)
    {
      const YpTimelineFrameMark *m = &g_array_index (frame->marks, YpTimelineFrameMark, i);

      if (m->title == NULL)
        continue;
      if (!has_text (&doc, m->title))
        g_error ("label “%s” is not a <text> of the SVG", m->title);
      n_titles++;
    }
  g_test_message ("%u labels, %u texts", n_titles, doc.texts->len);
  g_assert_cmpuint (n_titles, >=, 8);
  g_assert_cmpuint (count_class (&doc, "label"), ==, n_titles);
  for (guint i = 0; i < frame->eras->len; i++)
    {
      const YpTimelineFrameEra *e = &g_array_index (frame->eras, YpTimelineFrameEra, i);

      if (e->name == NULL)
        continue;
      if (!has_text (&doc, e->name))
        g_error ("era name “%s” is not a <text> of the SVG", e->name);
      n_eras++;
    }
  g_assert_cmpuint (n_eras, >=, 1);
  /* Each era's band is where the screen drew it, at its size (a band of
   * no width is not written). */
  for (guint i = 0, j = 0; i < frame->eras->len; i++)
    {
      const YpTimelineFrameEra *e = &g_array_index (frame->eras, YpTimelineFrameEra, i);
      const graphene_rect_t *box;

      if (e->x1 - e->x0 <= 0)
        continue;
      g_assert_cmpuint (j, <, doc.era_boxes->len);
      box = &g_array_index (doc.era_boxes, graphene_rect_t, j++);
      g_assert_cmpfloat_with_epsilon (box->origin.x, e->x0, 0.01);
      g_assert_cmpfloat_with_epsilon (box->origin.y, 0, 0.01);
      g_assert_cmpfloat_with_epsilon (box->size.width, e->x1 - e->x0, 0.01);
      g_assert_cmpfloat_with_epsilon (box->size.height, frame->axis_top, 0.01);
    }
  for (guint i = 0; i < frame->ticks->len; i++)
    {
      const YpTimelineFrameTick *t = &g_array_index (frame->ticks, YpTimelineFrameTick, i);

      if (t->label == NULL)
        continue;
      g_assert_true (has_text (&doc, t->label));
      n_ticks++;
    }
  g_assert_cmpuint (n_ticks, >=, 3);
  /* The font and the colours are the screen's. */
  g_assert_nonnull (strstr (data, "font-family=\"Cantarell, 'Noto Sans CJK KR', sans-serif\""));
  {
    g_autofree char *accent = g_strdup_printf ("fill=\"rgb(%d,%d,%d)\"",
                                               (int) (frame->accent.red * 255 + 0.5),
                                               (int) (frame->accent.green * 255 + 0.5),
                                               (int) (frame->accent.blue * 255 + 0.5));
    g_assert_nonnull (strstr (data, accent));
  }
  svg_doc_clear (&doc);
  close_window (window);
}

/* An aggregate's disc holds at most four glyphs; the count is rounded down. */
static void
test_count_short (void)
{
  const struct { guint count; const char *text; } cases[] = {
    { 2, "2" }, { 999, "999" }, { 1000, "1.0k" }, { 1065, "1.0k" }, { 1999, "1.9k" },
    { 9999, "9.9k" }, { 10000, "10k" }, { 35120, "35k" }, { 999999, "999k" },
    { 1000000, "1.0M" }, { 1250000, "1.2M" }, { 12000000, "12M" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = yp_format_count_short (cases[i].count);

      g_assert_cmpstr (text, ==, cases[i].text);
      g_assert_cmpuint (g_utf8_strlen (text, -1), <=, 4);
    }
}

static void
test_escape (void)
{
  const char *input = "오픈AI & <b>\"R&D\"</b> it's\x01\ttab\x7f";
  g_autofree char *escaped = yp_export_escape_xml (input);
  g_autofree char *wrapped = g_strdup_printf ("<svg><text>%s</text></svg>", escaped);
  g_autofree char *bad = yp_export_escape_xml ("a\xff" "b");
  g_autofree char *empty = yp_export_escape_xml (NULL);
  SvgDoc doc;

  g_assert_cmpstr (escaped, ==,
                   "오픈AI &amp; &lt;b&gt;&quot;R&amp;D&quot;&lt;/b&gt; it&apos;s\xef\xbf\xbd tab\xef\xbf\xbd");
  parse_svg (wrapped, &doc);
  g_assert_cmpstr (g_ptr_array_index (doc.texts, 0), ==,
                   "오픈AI & <b>\"R&D\"</b> it's\xef\xbf\xbd tab\xef\xbf\xbd");
  svg_doc_clear (&doc);
  g_assert_true (g_utf8_validate (bad, -1, NULL));
  g_assert_cmpstr (empty, ==, "");
}

/* A frame made by hand: a title full of markup survives as text. */
static void
test_svg_escapes_titles (void)
{
  const char *title = "R&D <beta> \"quoted\" 연표 & more";
  g_autoptr(YpTimelineFrame) frame = yp_timeline_frame_new ();
  YpTimelineFrameMark mark = { 0 };
  YpTimelineFrameEra era = { 0 };
  g_autofree char *svg = NULL;
  SvgDoc doc;

  frame->width = 400;
  frame->height = 200;
  frame->axis_top = 166;
  frame->era_strip_height = 24;
  frame->row_height = 22;
  gdk_rgba_parse (&frame->fg, "#241f31");
  gdk_rgba_parse (&frame->accent, "#3584e4");
  gdk_rgba_parse (&frame->accent_fg, "#ffffff");
  gdk_rgba_parse (&frame->base, "#ffffff");
  era.x0 = 0;
  era.x1 = 300;
  era.name = g_strdup ("<Crisis> & after");
  g_array_append_val (frame->eras, era);
  mark.x = 100;
  mark.y = 120;
  mark.r = 5;
  mark.count = 1;
  mark.unconfirmed = TRUE;
  mark.selected = TRUE;
  mark.span_kind = 2;
  mark.span_x0 = 60;
  mark.span_x1 = 160;
  mark.title = g_strdup (title);
  mark.label_x = 112;
  mark.label_width = 150;
  mark.span_fuzz = 14;
  mark.pill = GRAPHENE_RECT_INIT (107, 111, 159, 18);
  g_array_append_val (frame->marks, mark);

  svg = yp_export_frame_to_svg (frame, NULL, 3);
  parse_svg (svg, &doc);
  g_assert_cmpstr (doc.width, ==, "1200");
  g_assert_cmpstr (doc.height, ==, "600");
  g_assert_cmpstr (doc.viewbox, ==, "0 0 400 200");
  g_assert_true (has_text (&doc, title));
  g_assert_true (has_text (&doc, "<Crisis> & after"));
  /* Hangul is written as UTF-8, not as character references. */
  g_assert_nonnull (strstr (svg, "연표"));
  g_assert_nonnull (strstr (svg, "R&amp;D &lt;beta&gt; &quot;quoted&quot;"));
  svg_doc_clear (&doc);
}

/* (c) Citation text */

static guint
occurrences (const char *haystack,
             const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

static void
check_citation (YpRecord   *record,
                YpEvent    *event,
                YpLang      lang,
                const char *title,
                const char *miilk)
{
  g_autofree char *text = yp_export_citation_text (record, event, lang);

  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, title));
  g_assert_nonnull (strstr (text, yp_event_get_summary (event, lang)));
  g_assert_cmpuint (occurrences (text, miilk), ==, 1);
  for (guint i = 0; i < yp_event_get_n_citations (event); i++)
    {
      YpCitation *c = yp_event_get_citation (event, i);
      YpSource *source = yp_record_lookup_source (record, yp_citation_get_source_id (c));
      const char *outlet = yp_source_get_outlet (source, lang);

      if (outlet == NULL)
        outlet = yp_source_get_outlet_note (source, lang);
      g_assert_nonnull (outlet);
      /* Each source once, each quote verbatim. */
      g_assert_cmpuint (occurrences (text, outlet), ==, 1);
      g_assert_nonnull (strstr (text, yp_citation_get_quote (c)));
      if (yp_source_get_title (source) != NULL)
        g_assert_nonnull (strstr (text, yp_source_get_title (source)));
    }
  g_assert_true (g_str_has_suffix (text, "\n"));
}

static void
test_citation_text (void)
{
  YpWindow *window = open_window ();
  YpRecord *record = yp_window_get_record (window);
  YpEvent *event = yp_record_lookup_event (record, "altman-removed");

  g_assert_nonnull (event);
  g_assert_cmpuint (yp_event_get_n_citations (event), >=, 3);
  check_citation (record, event, YP_LANG_EN, "OpenAI's board removes Sam Altman as CEO", "The Miilk");
  check_citation (record, event, YP_LANG_KO, "오픈AI 이사회, 샘 알트먼 CEO 해임", "더밀크");
  {
    g_autofree char *en = yp_export_citation_text (record, event, YP_LANG_EN);
    g_autofree char *ko = yp_export_citation_text (record, event, YP_LANG_KO);

    /* The language follows @lang. */
    g_assert_null (strstr (en, "샘 알트먼 CEO 해임"));
    g_assert_null (strstr (ko, "removes Sam Altman"));
  }
  close_window (window);
}

/* (d) PDF */

/* A PDF holds binary streams (with NUL bytes): search all @len bytes. */
static guint
count_bytes (const char *data,
             gsize       len,
             const char *key)
{
  gsize klen = strlen (key);
  guint n = 0;

  for (gsize i = 0; i + klen <= len; i++)
    n += memcmp (data + i, key, klen) == 0;
  return n;
}

/* Page objects: "/Type /Page", not "/Type /Pages". */
static guint
count_pages (const char *data,
             gsize       len)
{
  return count_bytes (data, len, "/Type /Page") - count_bytes (data, len, "/Type /Pages");
}

static void
check_pdf (YpWindow   *window,
           YpLang      lang,
           const char *name)
{
  YpRecord *record = yp_window_get_record (window);
  g_autofree char *path = out_path (name);
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  gsize len = 0;
  guint pages;

  g_assert_true (yp_print_events_to_pdf (GTK_WINDOW (window), record, yp_record_get_events (record),
                                         lang, path, &error));
  g_assert_no_error (error);
  keep (path);
  g_assert_true (g_file_get_contents (path, &data, &len, &error));
  g_assert_no_error (error);
  g_assert_true (len > 4 && memcmp (data, "%PDF", 4) == 0);
  pages = count_pages (data, len);
  g_test_message ("%s: %u pages, %" G_GSIZE_FORMAT " bytes", name, pages, len);
  g_assert_cmpuint (pages, >, 1);
  /* Hangul needs a CJK font, and the quotes are Korean. */
  g_assert_true (count_bytes (data, len, "/BaseFont /") > 0);
  g_assert_true (count_bytes (data, len, "NotoSansCJKkr") > 0);
}

static void
test_pdf (void)
{
  YpWindow *window = open_window ();

  check_pdf (window, YP_LANG_EN, "events-en.pdf");
  check_pdf (window, YP_LANG_KO, "events-ko.pdf");
  {
    YpRecord *record = yp_window_get_record (window);
    g_autoptr(GError) error = NULL;

    g_assert_false (yp_print_events_to_pdf (GTK_WINDOW (window), record, yp_record_get_events (record),
                                            YP_LANG_EN, "/nonexistent-dir/x.pdf", &error));
    g_assert_nonnull (error);
  }
  close_window (window);
}

/* (e) The dialog */

static void
test_dialog (void)
{
  YpWindow *window = open_window ();
  YpTimeline *timeline = yp_window_get_timeline (window);
  YpExportDialog *dialog;
  g_autofree char *png = out_path ("dialog.png");
  g_autofree char *svg = out_path ("dialog.svg");
  g_autofree char *size = NULL;
  g_autofree char *svg_data = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  int w = gtk_widget_get_width (GTK_WIDGET (timeline));
  int h = gtk_widget_get_height (GTK_WIDGET (timeline));
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  yp_test_show_crisis (window);
  dialog = YP_EXPORT_DIALOG (yp_export_dialog_new (GTK_WINDOW (window), timeline));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (dialog));
  while (!gtk_widget_get_mapped (GTK_WIDGET (dialog)) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (dialog)));

  /* PNG at 2×: the preview says what the file measures. */
  g_assert_cmpint (yp_export_dialog_get_format (dialog), ==, YP_EXPORT_FORMAT_PNG);
  g_assert_cmpuint (yp_export_dialog_get_scale (dialog), ==, 1);
  yp_export_dialog_set_scale (dialog, 2);
  g_assert_cmpuint (yp_export_dialog_get_scale (dialog), ==, 2);
  size = g_strdup_printf ("%d × %d px", w * 2, h * 2);
  g_assert_cmpstr (yp_export_dialog_get_size_text (dialog), ==, size);
  g_assert_true (yp_export_dialog_export_to (dialog, png));
  g_assert_null (yp_export_dialog_get_error (dialog));
  texture = gdk_texture_new_from_filename (png, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, w * 2);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, h * 2);

  /* SVG, through the format property. */
  g_object_set (dialog, "format", YP_EXPORT_FORMAT_SVG, NULL);
  g_assert_cmpint (yp_export_dialog_get_format (dialog), ==, YP_EXPORT_FORMAT_SVG);
  g_assert_true (yp_export_dialog_export_to (dialog, svg));
  g_assert_true (g_file_get_contents (svg, &svg_data, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (svg_data, "<?xml"));
  g_assert_nonnull (strstr (svg_data, "<svg "));
  keep (svg);

  /* A failure is shown in the dialog. */
  g_assert_false (yp_export_dialog_export_to (dialog, "/nonexistent-dir/x.svg"));
  g_assert_nonnull (yp_export_dialog_get_error (dialog));
  g_test_message ("error shown: %s", yp_export_dialog_get_error (dialog));
  /* Changing a choice clears it. */
  yp_export_dialog_set_scale (dialog, 1);
  g_assert_null (yp_export_dialog_get_error (dialog));

  yp_test_destroy_window (GTK_WINDOW (dialog));
  close_window (window);
}

/* At the whole span in story scale, the SVG has the breaks the screen
 * has: their zig-zags and their lengths as text. */
static void
test_svg_story_breaks (void)
{
  YpWindow *window = open_window ();
  YpTimeline *timeline = yp_window_get_timeline (window);
  YpSession *session = yp_window_get_session (window);
  g_autoptr(YpTimelineFrame) frame = NULL;
  g_autofree char *path = out_path ("story.svg");
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  guint n_labels = 0;
  SvgDoc doc;

  yp_session_set_story_scale (session, TRUE);
  yp_session_zoom_to_fit (session);
  yp_test_wait_for_frame (GTK_WIDGET (timeline));
  g_assert_true (yp_export_timeline_svg (timeline, path, 1, &error));
  g_assert_no_error (error);
  frame = yp_timeline_dup_frame (timeline);
  g_assert_true (frame->story);
  g_assert_cmpuint (frame->breaks->len, >, 0);
  g_assert_true (g_file_get_contents (path, &data, NULL, &error));
  parse_svg (data, &doc);
  g_assert_nonnull (strstr (data, "class=\"break-edge\""));
  for (guint i = 0; i < frame->breaks->len; i++)
    {
      const YpTimelineFrameBreak *b = &g_array_index (frame->breaks, YpTimelineFrameBreak, i);

      if (b->label == NULL)
        continue;
      g_assert_true (has_text (&doc, b->label));
      n_labels++;
    }
  g_assert_cmpuint (n_labels, >, 0);
  svg_doc_clear (&doc);
  close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gtk_init ();

  tmp_dir = g_dir_make_tmp ("yp-export-XXXXXX", &error);
  g_assert_no_error (error);

  app = yp_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  g_application_hold (G_APPLICATION (app));

  g_test_add_func ("/export/png", test_png);
  g_test_add_func ("/export/svg", test_svg);
  g_test_add_func ("/export/svg-story-breaks", test_svg_story_breaks);
  g_test_add_func ("/export/escape", test_escape);
  g_test_add_func ("/export/count-short", test_count_short);
  g_test_add_func ("/export/svg-escapes-titles", test_svg_escapes_titles);
  g_test_add_func ("/export/citation-text", test_citation_text);
  g_test_add_func ("/export/pdf", test_pdf);
  g_test_add_func ("/export/dialog", test_dialog);
  ret = g_test_run ();

  g_application_release (G_APPLICATION (app));
  g_object_unref (app);
  {
    g_autoptr(GDir) dir = g_dir_open (tmp_dir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
        g_unlink (path);
      }
    g_rmdir (tmp_dir);
    g_free (tmp_dir);
  }
  return ret;
}
