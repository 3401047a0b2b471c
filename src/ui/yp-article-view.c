/* yp-article-view.c: the reading pane for one source article
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pane shows the source's metadata as a header, then the article body
 * (the line ranges the timeline file names, so the crawl's menus, share
 * buttons and unrelated headlines are left out). "Original text" shows the
 * seed file exactly as shipped, in the same view with another buffer.
 * Every passage that an event cites is highlighted in both; clicking one
 * activates its event.
 */
#define G_LOG_DOMAIN "yp-article-view"

#include "config.h"

#include <glib/gi18n.h>

#include "yp-article-view.h"
#include "yp-format.h"
#include "yp-reading-view.h"

typedef struct {
  guint  start;        /* in body characters */
  guint  end;
  guint  raw_start;
  guint  raw_end;
  guint  position;     /* of the citing event in the record's events */
  guint  citation;
} Highlight;

struct _YpArticleView
{
  GtkWidget      parent_instance;

  GtkTextView   *reading;
  GtkWidget     *empty_state;
  GtkLabel      *empty_label;
  GtkTextBuffer *article_buffer;
  GtkTextBuffer *raw_buffer;

  YpRecord      *record;
  YpSource      *source;
  GArray        *highlights;   /* Highlight, sorted by start */
  guint          body_offset;  /* where the body starts in the reading buffer */
  int            current;      /* index of the current highlight, or -1 */
  gboolean       show_original;
  guint          scroll_tick;  /* keeps the current passage in view while laid out */
  guint          scroll_frames;
  guint          scroll_stable; /* frames in a row the passage was in view */
};

G_DEFINE_FINAL_TYPE (YpArticleView, yp_article_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SOURCE,
  PROP_SHOW_ORIGINAL,
  N_PROPS
};

enum {
  EVENT_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The event that makes highlight @h, borrowed (the events list keeps it). */
static YpEvent *
highlight_event (YpArticleView   *self,
                 const Highlight *h)
{
  if (self->record == NULL)
    return NULL;
  return yp_event_list_peek (YP_EVENT_LIST (yp_record_get_events (self->record)), h->position);
}

static int
compare_highlights (gconstpointer a,
                    gconstpointer b)
{
  const Highlight *ha = a, *hb = b;

  if (ha->start != hb->start)
    return ha->start < hb->start ? -1 : 1;
  return ha->end < hb->end ? -1 : ha->end > hb->end;
}

static void
create_tags (GtkTextBuffer *buffer)
{
  gtk_text_buffer_create_tag (buffer, "outlet",
                              "weight", PANGO_WEIGHT_BOLD,
                              "scale", 0.9,
                              "pixels-below-lines", 4,
                              NULL);
  gtk_text_buffer_create_tag (buffer, "title",
                              "weight", PANGO_WEIGHT_BOLD,
                              "scale", 1.6,
                              "pixels-below-lines", 10,
                              "wrap-mode", GTK_WRAP_WORD_CHAR,
                              NULL);
  gtk_text_buffer_create_tag (buffer, "title-missing",
                              "style", PANGO_STYLE_ITALIC,
                              "scale", 1.3,
                              "pixels-below-lines", 10,
                              NULL);
  gtk_text_buffer_create_tag (buffer, "meta",
                              "scale", 0.92,
                              "pixels-below-lines", 2,
                              NULL);
  gtk_text_buffer_create_tag (buffer, "note",
                              "scale", 0.85,
                              "style", PANGO_STYLE_ITALIC,
                              "pixels-below-lines", 28,
                              NULL);
  /* Korean wraps between words, not inside them (CSS "word-break:
   * keep-all"): Pango's default would break between any two syllables. */
  gtk_text_buffer_create_tag (buffer, "keep-word",
                              "allow-breaks", FALSE,
                              NULL);
  gtk_text_buffer_create_tag (buffer, "body",
                              "scale", 1.12,
                              NULL);
  /* Readable over light and dark backgrounds alike. */
  gtk_text_buffer_create_tag (buffer, "cite",
                              "background-rgba", &(GdkRGBA) { 0.96, 0.83, 0.18, 0.30 },
                              NULL);
  gtk_text_buffer_create_tag (buffer, "found",
                              "background-rgba", &(GdkRGBA) { 0.20, 0.82, 0.48, 0.45 },
                              "underline", PANGO_UNDERLINE_SINGLE,
                              NULL);
  gtk_text_buffer_create_tag (buffer, "cite-current",
                              "background-rgba", &(GdkRGBA) { 0.96, 0.76, 0.07, 0.62 },
                              "underline", PANGO_UNDERLINE_SINGLE,
                              NULL);
}

/* Inserts plain text, then tags exactly its range: inserting with tags at
 * the end, just after another tag's newline, makes GTK 4.8 lay out the
 * new lines with the previous tag's style. */
static void
append (GtkTextBuffer *buffer,
        const char    *text,
        const char    *tag)
{
  GtkTextIter start, end;
  int offset;

  gtk_text_buffer_get_end_iter (buffer, &end);
  offset = gtk_text_iter_get_offset (&end);
  gtk_text_buffer_insert (buffer, &end, text, -1);
  gtk_text_buffer_get_iter_at_offset (buffer, &start, offset);
  gtk_text_buffer_get_end_iter (buffer, &end);
  /* A trailing newline stays untagged. */
  if (gtk_text_iter_backward_char (&end) && gtk_text_iter_get_char (&end) != '\n')
    gtk_text_iter_forward_char (&end);
  gtk_text_buffer_apply_tag_by_name (buffer, tag, &start, &end);
}

static void
apply_range (GtkTextBuffer *buffer,
             const char    *tag,
             guint          start,
             guint          end)
{
  GtkTextIter s, e;

  gtk_text_buffer_get_iter_at_offset (buffer, &s, start);
  gtk_text_buffer_get_iter_at_offset (buffer, &e, end);
  gtk_text_buffer_apply_tag_by_name (buffer, tag, &s, &e);
}

/* Marks every word that holds Hangul, from @offset on, as unbreakable;
 * words longer than a line (none in ordinary prose) are left breakable
 * so they can still wrap. */
static void
keep_korean_words (GtkTextBuffer *buffer,
                   const char    *text,
                   guint          offset)
{
  guint word_start = 0, i = 0;
  gboolean in_word = FALSE, hangul = FALSE;

  for (const char *p = text;; p = g_utf8_next_char (p), i++)
    {
      gunichar c = g_utf8_get_char (p);
      gboolean space = c == 0 || g_unichar_isspace (c);

      if (!space && !in_word)
        {
          in_word = TRUE;
          hangul = FALSE;
          word_start = i;
        }
      if (!space && g_unichar_get_script (c) == G_UNICODE_SCRIPT_HANGUL)
        hangul = TRUE;
      if (space && in_word)
        {
          if (hangul && i - word_start > 1 && i - word_start < 24)
            apply_range (buffer, "keep-word", offset + word_start, offset + i);
          in_word = FALSE;
        }
      if (c == 0)
        break;
    }
}

static void
add_highlight (const YpSourceCitation *sc,
               gpointer                user_data)
{
  YpArticleView *self = user_data;
  Highlight h = {
    .start = sc->citation->body_start,
    .end = sc->citation->body_end,
    .raw_start = sc->citation->raw_start,
    .raw_end = sc->citation->raw_end,
    .position = sc->position,
    .citation = sc->index,
  };

  g_array_append_val (self->highlights, h);
}

static void
collect_highlights (YpArticleView *self)
{
  g_array_set_size (self->highlights, 0);
  self->current = -1;
  if (self->record == NULL || self->source == NULL)
    return;

  /* Every citation of the source, without making the citing events. */
  yp_event_list_foreach_citation_of (YP_EVENT_LIST (yp_record_get_events (self->record)),
                                     yp_source_get_id (self->source), add_highlight, self);
  g_array_sort (self->highlights, compare_highlights);
}

static void
render (YpArticleView *self)
{
  GtkTextBuffer *buffer = self->article_buffer;
  GtkTextBuffer *raw_buffer = self->raw_buffer;
  YpLang lang = yp_ui_lang ();
  g_autoptr(GString) meta = g_string_new (NULL);
  const char *outlet, *note, *title, *author;
  GtkTextIter start;

  /* Back to the top while the old layout is still valid: moving the
   * adjustments once the new text is in, before it is laid out, makes the
   * text view re-queue its allocation frame after frame. */
  gtk_adjustment_set_value (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->reading)), 0);
  gtk_text_buffer_set_text (buffer, "", 0);
  gtk_text_buffer_set_text (raw_buffer, "", 0);
  collect_highlights (self);

  gtk_widget_set_visible (self->empty_state, self->source == NULL);
  if (self->source == NULL)
    return;

  outlet = yp_source_get_outlet (self->source, lang);
  note = yp_source_get_outlet_note (self->source, lang);
  title = yp_source_get_title (self->source);
  author = yp_source_get_author (self->source);

  /* Without an outlet the headline heads the article, and the note under
   * it says what the file tells of the site; only a file that says
   * nothing at all gets the placeholder in the outlet's place. */
  if (outlet != NULL || note == NULL)
    {
      append (buffer, outlet != NULL ? outlet : _("Outlet not named in the file"), "outlet");
      append (buffer, "\n", "outlet");
    }
  if (title != NULL)
    append (buffer, title, "title");
  else
    append (buffer, _("No headline in the file"), "title-missing");
  append (buffer, "\n", "title");

  if (yp_source_get_published (self->source) != NULL)
    {
      g_autofree char *when = yp_format_written_date (yp_source_get_published (self->source),
                                                      yp_source_get_timezone (self->source),
                                                      yp_source_get_published_precision (self->source));
      g_string_append (meta, when);
    }
  if (author != NULL)
    {
      if (meta->len)
        g_string_append (meta, " · ");
      g_string_append (meta, author);
    }
  if (meta->len)
    g_string_append (meta, " · ");
  g_string_append (meta, yp_language_name (yp_source_get_language (self->source)));
  g_string_append_c (meta, '\n');
  append (buffer, meta->str, "meta");

  {
    g_autoptr(GString) notes = g_string_new (NULL);
    const char *published_note = yp_source_get_published_note (self->source, lang);

    if (outlet == NULL && note != NULL)
      g_string_append (notes, note);
    if (published_note != NULL)
      {
        if (notes->len)
          g_string_append_c (notes, ' ');
        g_string_append (notes, published_note);
      }
    if (notes->len == 0)
      g_string_append (notes, " ");
    g_string_append_c (notes, '\n');
    append (buffer, notes->str, "note");
  }

  self->body_offset = gtk_text_buffer_get_char_count (buffer);
  append (buffer, yp_source_get_body_text (self->source), "body");
  keep_korean_words (buffer, yp_source_get_body_text (self->source), self->body_offset);

  gtk_text_buffer_set_text (raw_buffer, yp_source_get_raw_text (self->source), -1);

  for (guint i = 0; i < self->highlights->len; i++)
    {
      const Highlight *h = &g_array_index (self->highlights, Highlight, i);

      apply_range (buffer, "cite", self->body_offset + h->start, self->body_offset + h->end);
      apply_range (raw_buffer, "cite", h->raw_start, h->raw_end);
    }

  gtk_text_buffer_get_start_iter (buffer, &start);
  gtk_text_buffer_place_cursor (buffer, &start);
  gtk_text_buffer_get_start_iter (raw_buffer, &start);
  gtk_text_buffer_place_cursor (raw_buffer, &start);
}

/* TRUE when the current passage starts in the upper part of the view. */
static gboolean
current_in_view (YpArticleView *self,
                 GtkTextMark   *mark)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->reading);
  GdkRectangle visible, location;
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_mark (buffer, &iter, mark);
  gtk_text_view_get_visible_rect (self->reading, &visible);
  gtk_text_view_get_iter_location (self->reading, &iter, &location);
  return visible.height > 0 &&
         location.y >= visible.y &&
         location.y + location.height <= visible.y + visible.height * 0.75;
}

/* A text view estimates the height of lines it has not laid out yet, so
 * one scroll on a freshly loaded article can land short of the passage:
 * scroll again on the next frames until it stays in view. */
static gboolean
scroll_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  YpArticleView *self = user_data;
  GtkTextMark *mark = gtk_text_buffer_get_mark (gtk_text_view_get_buffer (self->reading), "yp-current");

  /* Stop once it has stayed in view for a few frames: the pane itself may
   * still change size (the event card above it appears with the same
   * selection). */
  if (mark == NULL || ++self->scroll_frames > 90)
    {
      self->scroll_tick = 0;
      return G_SOURCE_REMOVE;
    }
  if (current_in_view (self, mark))
    {
      if (++self->scroll_stable >= 8)
        {
          self->scroll_tick = 0;
          return G_SOURCE_REMOVE;
        }
      return G_SOURCE_CONTINUE;
    }
  self->scroll_stable = 0;
  gtk_text_view_scroll_to_mark (self->reading, mark, 0.0, TRUE, 0.0, 0.3);
  return G_SOURCE_CONTINUE;
}

static void
scroll_to_current (YpArticleView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->reading);
  GtkTextMark *mark = gtk_text_buffer_get_mark (buffer, "yp-current");

  if (mark == NULL)
    return;
  gtk_text_view_scroll_to_mark (self->reading, mark, 0.0, TRUE, 0.0, 0.3);
  self->scroll_frames = 0;
  self->scroll_stable = 0;
  if (self->scroll_tick == 0)
    self->scroll_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self->reading), scroll_tick_cb, self, NULL);
}

static void
set_current (YpArticleView *self,
             int            index)
{
  GtkTextBuffer *buffer = self->article_buffer;
  GtkTextBuffer *raw_buffer = self->raw_buffer;
  GtkTextIter s, e;
  const Highlight *h;

  gtk_text_buffer_get_bounds (buffer, &s, &e);
  gtk_text_buffer_remove_tag_by_name (buffer, "cite-current", &s, &e);
  gtk_text_buffer_get_bounds (raw_buffer, &s, &e);
  gtk_text_buffer_remove_tag_by_name (raw_buffer, "cite-current", &s, &e);

  self->current = index;
  if (index < 0)
    {
      GtkTextMark *mark = gtk_text_buffer_get_mark (buffer, "yp-current");
      if (mark != NULL)
        gtk_text_buffer_delete_mark (buffer, mark);
      mark = gtk_text_buffer_get_mark (raw_buffer, "yp-current");
      if (mark != NULL)
        gtk_text_buffer_delete_mark (raw_buffer, mark);
      return;
    }

  h = &g_array_index (self->highlights, Highlight, index);
  apply_range (buffer, "cite-current", self->body_offset + h->start, self->body_offset + h->end);
  apply_range (raw_buffer, "cite-current", h->raw_start, h->raw_end);

  /* Scroll the passage into view, a third of the way down. */
  {
    GtkTextIter it;
    GtkTextMark *mark;

    gtk_text_buffer_get_iter_at_offset (buffer, &it, self->body_offset + h->start);
    mark = gtk_text_buffer_get_mark (buffer, "yp-current");
    if (mark == NULL)
      gtk_text_buffer_create_mark (buffer, "yp-current", &it, TRUE);
    else
      gtk_text_buffer_move_mark (buffer, mark, &it);

    gtk_text_buffer_get_iter_at_offset (raw_buffer, &it, h->raw_start);
    mark = gtk_text_buffer_get_mark (raw_buffer, "yp-current");
    if (mark == NULL)
      gtk_text_buffer_create_mark (raw_buffer, "yp-current", &it, TRUE);
    else
      gtk_text_buffer_move_mark (raw_buffer, mark, &it);
  }
  scroll_to_current (self);
}

/* The highlight under a body offset, preferring the narrowest. */
static int
highlight_at (YpArticleView *self,
              GtkTextView   *view,
              double         x,
              double         y)
{
  GtkTextIter iter;
  int bx, by;
  guint offset;
  int best = -1;
  gboolean raw = gtk_text_view_get_buffer (view) == self->raw_buffer;

  gtk_text_view_window_to_buffer_coords (view, GTK_TEXT_WINDOW_WIDGET, (int) x, (int) y, &bx, &by);
  if (!gtk_text_view_get_iter_at_location (view, &iter, bx, by))
    return -1;
  offset = gtk_text_iter_get_offset (&iter);
  if (!raw)
    {
      if (offset < self->body_offset)
        return -1;
      offset -= self->body_offset;
    }
  for (guint i = 0; i < self->highlights->len; i++)
    {
      const Highlight *h = &g_array_index (self->highlights, Highlight, i);
      guint s = raw ? h->raw_start : h->start;
      guint e = raw ? h->raw_end : h->end;

      if (offset >= s && offset < e)
        {
          if (best < 0)
            best = i;
          else
            {
              const Highlight *b = &g_array_index (self->highlights, Highlight, best);
              if (e - s < (raw ? b->raw_end - b->raw_start : b->end - b->start))
                best = i;
            }
        }
    }
  return best;
}

static void
text_released_cb (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  YpArticleView   *self)
{
  GtkTextView *view = GTK_TEXT_VIEW (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture)));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  const Highlight *h;
  int index;

  /* A drag that selected text is a selection, not a click. */
  if (n_press != 1 || gtk_text_buffer_get_has_selection (buffer))
    return;
  index = highlight_at (self, view, x, y);
  if (index < 0)
    return;
  h = &g_array_index (self->highlights, Highlight, index);
  set_current (self, index);
  if (highlight_event (self, h) != NULL)
    g_signal_emit (self, signals[EVENT_ACTIVATED], 0, yp_event_get_id (highlight_event (self, h)), h->citation);
}

static void
text_motion_cb (GtkEventControllerMotion *motion,
                double                    x,
                double                    y,
                YpArticleView            *self)
{
  GtkTextView *view = GTK_TEXT_VIEW (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (motion)));
  int index = highlight_at (self, view, x, y);

  gtk_widget_set_cursor_from_name (GTK_WIDGET (view), index >= 0 ? "pointer" : NULL);
  if (index >= 0)
    {
      const Highlight *h = &g_array_index (self->highlights, Highlight, index);
      YpEvent *event = highlight_event (self, h);

      if (event != NULL)
        {
          g_autofree char *tip = g_strdup_printf (_("Cited by “%s” — click to select it"),
                                                  yp_event_get_title (event, yp_content_lang ()));
          gtk_widget_set_tooltip_text (GTK_WIDGET (view), tip);
          return;
        }
    }
  gtk_widget_set_tooltip_text (GTK_WIDGET (view), NULL);
}

/* Keyboard: Alt+Down and Alt+Up move through the highlighted passages,
 * with the text cursor (a screen reader reads from it), and Enter selects
 * the event that cites the current one, as a click does. */
static void
passage_step_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  YpArticleView *self = YP_ARTICLE_VIEW (widget);
  int n = (int) self->highlights->len;
  int step = g_variant_get_int32 (parameter);
  const Highlight *h;
  YpEvent *event;
  GtkTextIter it;
  g_autofree char *description = NULL;

  if (n == 0 || self->show_original)
    return;
  set_current (self, self->current < 0 ? (step > 0 ? 0 : n - 1) : CLAMP (self->current + step, 0, n - 1));
  h = &g_array_index (self->highlights, Highlight, self->current);
  gtk_text_buffer_get_iter_at_offset (self->article_buffer, &it, self->body_offset + h->start);
  gtk_text_buffer_place_cursor (self->article_buffer, &it);
  event = highlight_event (self, h);
  description = g_strdup_printf (_("Passage %d of %d, cited by “%s”; Enter selects it"), self->current + 1, n,
                                 event ? yp_event_get_title (event, yp_content_lang ()) : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->reading), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description, -1);
}

static void
passage_activate_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  YpArticleView *self = YP_ARTICLE_VIEW (widget);
  const Highlight *h;

  if (self->current < 0 || (guint) self->current >= self->highlights->len || self->show_original)
    return;
  h = &g_array_index (self->highlights, Highlight, self->current);
  if (highlight_event (self, h) != NULL)
    g_signal_emit (self, signals[EVENT_ACTIVATED], 0, yp_event_get_id (highlight_event (self, h)), h->citation);
}

static void
attach_input (YpArticleView *self,
              GtkTextView   *view)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  /* Bubble phase, after the view's own selection handling. */
  g_signal_connect (click, "released", G_CALLBACK (text_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (view), GTK_EVENT_CONTROLLER (click));
  g_signal_connect (motion, "motion", G_CALLBACK (text_motion_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (view), motion);
}

static void
yp_article_view_dispose (GObject *object)
{
  YpArticleView *self = (YpArticleView *) object;

  GtkWidget *child;

  if (self->scroll_tick != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self->reading), self->scroll_tick);
      self->scroll_tick = 0;
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), YP_TYPE_ARTICLE_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->article_buffer);
  g_clear_object (&self->raw_buffer);
  g_clear_object (&self->record);
  g_clear_object (&self->source);

  G_OBJECT_CLASS (yp_article_view_parent_class)->dispose (object);
}

static void
yp_article_view_finalize (GObject *object)
{
  YpArticleView *self = (YpArticleView *) object;

  g_clear_pointer (&self->highlights, g_array_unref);

  G_OBJECT_CLASS (yp_article_view_parent_class)->finalize (object);
}

static void
yp_article_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  YpArticleView *self = YP_ARTICLE_VIEW (object);

  switch (prop_id)
    {
    case PROP_SOURCE:
      g_value_set_object (value, self->source);
      break;
    case PROP_SHOW_ORIGINAL:
      g_value_set_boolean (value, self->show_original);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yp_article_view_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  YpArticleView *self = YP_ARTICLE_VIEW (object);

  switch (prop_id)
    {
    case PROP_SOURCE:
      yp_article_view_set_source (self, g_value_get_object (value));
      break;
    case PROP_SHOW_ORIGINAL:
      yp_article_view_set_show_original (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* GTK 4.8 logs a critical (g_signal_handler_disconnect: handler_id > 0)
 * when a text view is unmapped while it is still animating a scroll, as
 * when a window is closed just after a passage was scrolled to. The
 * scroll is ended where it is before the text view goes. */
static void
yp_article_view_unmap (GtkWidget *widget)
{
  YpArticleView *self = YP_ARTICLE_VIEW (widget);
  GtkAdjustment *adj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->reading));

  if (adj != NULL)
    gtk_adjustment_set_value (adj, gtk_adjustment_get_value (adj));
  GTK_WIDGET_CLASS (yp_article_view_parent_class)->unmap (widget);
}

static void
yp_article_view_class_init (YpArticleViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yp_article_view_dispose;
  object_class->finalize = yp_article_view_finalize;
  object_class->get_property = yp_article_view_get_property;
  object_class->set_property = yp_article_view_set_property;
  widget_class->unmap = yp_article_view_unmap;

  properties[PROP_SOURCE] =
    g_param_spec_object ("source", NULL, NULL, YP_TYPE_SOURCE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_ORIGINAL] =
    g_param_spec_boolean ("show-original", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * YpArticleView::event-activated:
   * @event_id: the event whose highlighted passage was clicked
   * @citation: which of its citations
   */
  signals[EVENT_ACTIVATED] =
    g_signal_new ("event-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_UINT);

  g_type_ensure (YP_TYPE_READING_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/yeonpyo/Yeonpyo/ui/yp-article-view.ui");
  gtk_widget_class_bind_template_child (widget_class, YpArticleView, reading);
  gtk_widget_class_bind_template_child (widget_class, YpArticleView, empty_state);
  gtk_widget_class_bind_template_child (widget_class, YpArticleView, empty_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_install_action (widget_class, "article.passage-step", "i", passage_step_action);
  gtk_widget_class_install_action (widget_class, "article.passage-activate", NULL, passage_activate_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "article.passage-step", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "article.passage-step", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "article.passage-activate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "article.passage-activate", NULL);
  gtk_widget_class_set_css_name (widget_class, "articleview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
yp_article_view_init (YpArticleView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->highlights = g_array_new (FALSE, TRUE, sizeof (Highlight));
  self->current = -1;

  self->article_buffer = g_object_ref (gtk_text_view_get_buffer (self->reading));
  self->raw_buffer = gtk_text_buffer_new (NULL);
  create_tags (self->article_buffer);
  create_tags (self->raw_buffer);
  attach_input (self, self->reading);
}

GtkWidget *
yp_article_view_new (void)
{
  return g_object_new (YP_TYPE_ARTICLE_VIEW, NULL);
}

void
yp_article_view_set_record (YpArticleView *self,
                            YpRecord      *record)
{
  g_return_if_fail (YP_IS_ARTICLE_VIEW (self));

  if (g_set_object (&self->record, record))
    render (self);
}

void
yp_article_view_set_source (YpArticleView *self,
                            YpSource      *source)
{
  g_return_if_fail (YP_IS_ARTICLE_VIEW (self));

  if (!g_set_object (&self->source, source))
    return;
  render (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCE]);
}

YpSource *
yp_article_view_get_source (YpArticleView *self)
{
  g_return_val_if_fail (YP_IS_ARTICLE_VIEW (self), NULL);
  return self->source;
}

void
yp_article_view_set_show_original (YpArticleView *self,
                                   gboolean       show_original)
{
  g_return_if_fail (YP_IS_ARTICLE_VIEW (self));

  show_original = !!show_original;
  if (self->show_original == show_original)
    return;
  self->show_original = show_original;
  gtk_text_view_set_buffer (self->reading, show_original ? self->raw_buffer : self->article_buffer);
  gtk_text_view_set_monospace (self->reading, show_original);
  if (show_original)
    gtk_widget_add_css_class (GTK_WIDGET (self->reading), "original");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->reading), "original");
  scroll_to_current (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_ORIGINAL]);
}

gboolean
yp_article_view_get_show_original (YpArticleView *self)
{
  g_return_val_if_fail (YP_IS_ARTICLE_VIEW (self), FALSE);
  return self->show_original;
}

void
yp_article_view_show_citation (YpArticleView *self,
                               YpEvent       *event,
                               guint          index)
{
  YpCitation *citation;
  YpSource *source;

  g_return_if_fail (YP_IS_ARTICLE_VIEW (self));
  g_return_if_fail (YP_IS_EVENT (event));
  g_return_if_fail (self->record != NULL);

  if (index >= yp_event_get_n_citations (event))
    return;
  citation = yp_event_get_citation (event, index);
  source = yp_record_lookup_source (self->record, yp_citation_get_source_id (citation));
  if (source == NULL)
    return;
  yp_article_view_set_source (self, source);

  for (guint i = 0; i < self->highlights->len; i++)
    {
      const Highlight *h = &g_array_index (self->highlights, Highlight, i);

      if (h->citation == index && h->position == yp_record_get_event_position (self->record, event))
        {
          set_current (self, i);
          return;
        }
    }
}

char *
yp_article_view_dup_text (YpArticleView *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter s, e;

  g_return_val_if_fail (YP_IS_ARTICLE_VIEW (self), NULL);

  buffer = gtk_text_view_get_buffer (self->reading);
  gtk_text_buffer_get_bounds (buffer, &s, &e);
  return gtk_text_buffer_get_text (buffer, &s, &e, FALSE);
}

guint
yp_article_view_get_n_highlights (YpArticleView *self)
{
  g_return_val_if_fail (YP_IS_ARTICLE_VIEW (self), 0);
  return self->highlights->len;
}

/* The text under the "cite" tag of highlight @index, read back from the
 * buffer, so a test sees what the user sees. */
char *
yp_article_view_dup_highlight (YpArticleView  *self,
                               guint           index,
                               char          **event_id)
{
  GtkTextBuffer *buffer;
  const Highlight *h;
  GtkTextIter s, e;
  GtkTextTag *tag;

  g_return_val_if_fail (YP_IS_ARTICLE_VIEW (self), NULL);
  g_return_val_if_fail (index < self->highlights->len, NULL);

  h = &g_array_index (self->highlights, Highlight, index);
  buffer = self->article_buffer;
  tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), "cite");
  gtk_text_buffer_get_iter_at_offset (buffer, &s, self->body_offset + h->start);
  gtk_text_buffer_get_iter_at_offset (buffer, &e, self->body_offset + h->end);
  if (!gtk_text_iter_has_tag (&s, tag))
    return NULL;
  if (event_id)
    *event_id = highlight_event (self, h) ? g_strdup (yp_event_get_id (highlight_event (self, h))) : NULL;
  return gtk_text_buffer_get_text (buffer, &s, &e, FALSE);
}

char *
yp_article_view_dup_current (YpArticleView *self)
{
  GtkTextBuffer *buffer;
  GtkTextTag *tag;
  GtkTextIter s, e;

  g_return_val_if_fail (YP_IS_ARTICLE_VIEW (self), NULL);

  buffer = self->article_buffer;
  tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), "cite-current");
  gtk_text_buffer_get_start_iter (buffer, &s);
  if (!gtk_text_iter_starts_tag (&s, tag) && !gtk_text_iter_forward_to_tag_toggle (&s, tag))
    return NULL;
  e = s;
  gtk_text_iter_forward_to_tag_toggle (&e, tag);
  return gtk_text_buffer_get_text (buffer, &s, &e, FALSE);
}

gboolean
yp_article_view_get_highlight_area (YpArticleView   *self,
                                    guint            index,
                                    graphene_rect_t *area)
{
  const Highlight *h;
  GtkTextIter iter;
  GdkRectangle rect;
  graphene_point_t p;
  int wx, wy;

  g_return_val_if_fail (YP_IS_ARTICLE_VIEW (self), FALSE);
  g_return_val_if_fail (area != NULL, FALSE);

  if (index >= self->highlights->len || self->show_original)
    return FALSE;
  h = &g_array_index (self->highlights, Highlight, index);
  gtk_text_buffer_get_iter_at_offset (self->article_buffer, &iter, self->body_offset + h->start);
  gtk_text_view_get_iter_location (self->reading, &iter, &rect);
  gtk_text_view_buffer_to_window_coords (self->reading, GTK_TEXT_WINDOW_WIDGET, rect.x, rect.y, &wx, &wy);
  if (!gtk_widget_compute_point (GTK_WIDGET (self->reading), GTK_WIDGET (self),
                                 &GRAPHENE_POINT_INIT (wx, wy), &p))
    return FALSE;
  *area = GRAPHENE_RECT_INIT (p.x, p.y, MAX (rect.width, 1), rect.height);
  return TRUE;
}

gboolean
yp_article_view_get_current_area (YpArticleView   *self,
                                  graphene_rect_t *area)
{
  g_return_val_if_fail (YP_IS_ARTICLE_VIEW (self), FALSE);

  if (self->current < 0)
    return FALSE;
  return yp_article_view_get_highlight_area (self, self->current, area);
}

void
yp_article_view_show_passage (YpArticleView *self,
                              YpSource      *source,
                              guint          body_start,
                              guint          body_end)
{
  GtkTextIter s, e, it;
  guint raw_start, raw_end;

  g_return_if_fail (YP_IS_ARTICLE_VIEW (self));
  g_return_if_fail (YP_IS_SOURCE (source));

  yp_article_view_set_source (self, source);
  set_current (self, -1);

  gtk_text_buffer_get_bounds (self->article_buffer, &s, &e);
  gtk_text_buffer_remove_tag_by_name (self->article_buffer, "found", &s, &e);
  gtk_text_buffer_get_bounds (self->raw_buffer, &s, &e);
  gtk_text_buffer_remove_tag_by_name (self->raw_buffer, "found", &s, &e);

  apply_range (self->article_buffer, "found", self->body_offset + body_start, self->body_offset + body_end);
  raw_start = yp_source_body_to_raw (source, body_start);
  raw_end = raw_start + (body_end - body_start);
  apply_range (self->raw_buffer, "found", raw_start, raw_end);

  gtk_text_buffer_get_iter_at_offset (self->article_buffer, &it, self->body_offset + body_start);
  gtk_text_buffer_create_mark (self->article_buffer, "yp-current", &it, TRUE);
  gtk_text_buffer_get_iter_at_offset (self->raw_buffer, &it, raw_start);
  gtk_text_buffer_create_mark (self->raw_buffer, "yp-current", &it, TRUE);
  scroll_to_current (self);
}

char *
yp_article_view_dup_found (YpArticleView *self)
{
  GtkTextTag *tag;
  GtkTextIter s, e;

  g_return_val_if_fail (YP_IS_ARTICLE_VIEW (self), NULL);

  tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (self->article_buffer), "found");
  gtk_text_buffer_get_start_iter (self->article_buffer, &s);
  if (!gtk_text_iter_starts_tag (&s, tag) && !gtk_text_iter_forward_to_tag_toggle (&s, tag))
    return NULL;
  e = s;
  gtk_text_iter_forward_to_tag_toggle (&e, tag);
  return gtk_text_buffer_get_text (self->article_buffer, &s, &e, FALSE);
}
