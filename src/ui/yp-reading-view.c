/* yp-reading-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Long lines are hard to read, and Hangul even more so at small sizes:
 * the text column is kept to about 40 em and centred, with the side
 * margins growing as the pane widens, like a clamp.
 */
#define G_LOG_DOMAIN "yp-reading-view"

#include "config.h"

#include "yp-reading-view.h"

#define MIN_MARGIN 28
#define MAX_COLUMN_EM 40

struct _YpReadingView
{
  GtkTextView parent_instance;
  guint       margin_source;
  int         wanted_margin;
};

G_DEFINE_FINAL_TYPE (YpReadingView, yp_reading_view, GTK_TYPE_TEXT_VIEW)

static int
em_width (GtkWidget *widget)
{
  PangoContext *context = gtk_widget_get_pango_context (widget);
  const PangoFontDescription *font = pango_context_get_font_description (context);
  int size = font ? pango_font_description_get_size (font) : 11 * PANGO_SCALE;

  if (font && !pango_font_description_get_size_is_absolute (font))
    size = size * 96 / 72;  /* points to pixels at 96 dpi */
  return MAX (size / PANGO_SCALE, 8);
}

static gboolean
apply_margin_cb (gpointer data)
{
  YpReadingView *self = data;

  self->margin_source = 0;
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (self), self->wanted_margin);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (self), self->wanted_margin);
  return G_SOURCE_REMOVE;
}

static void
yp_reading_view_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  YpReadingView *self = YP_READING_VIEW (widget);
  int column = em_width (widget) * MAX_COLUMN_EM;
  int margin = MAX (MIN_MARGIN, (width - column) / 2);

  GTK_WIDGET_CLASS (yp_reading_view_parent_class)->size_allocate (widget, width, height, baseline);

  /* Changing the margins queues a resize, which must not happen while
   * allocating: apply them right after this frame's layout. */
  if (gtk_text_view_get_left_margin (GTK_TEXT_VIEW (self)) != margin)
    {
      self->wanted_margin = margin;
      if (self->margin_source == 0)
        self->margin_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, apply_margin_cb, self, NULL);
    }
}

static void
yp_reading_view_dispose (GObject *object)
{
  YpReadingView *self = YP_READING_VIEW (object);

  g_clear_handle_id (&self->margin_source, g_source_remove);

  G_OBJECT_CLASS (yp_reading_view_parent_class)->dispose (object);
}

static void
yp_reading_view_class_init (YpReadingViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = yp_reading_view_dispose;
  widget_class->size_allocate = yp_reading_view_size_allocate;
  gtk_widget_class_set_css_name (widget_class, "textview");
}

static void
yp_reading_view_init (YpReadingView *self)
{
  GtkTextView *view = GTK_TEXT_VIEW (self);

  gtk_text_view_set_editable (view, FALSE);
  gtk_text_view_set_cursor_visible (view, FALSE);
  gtk_text_view_set_wrap_mode (view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_pixels_below_lines (view, 14);
  gtk_text_view_set_pixels_inside_wrap (view, 7);
  gtk_text_view_set_top_margin (view, 28);
  gtk_text_view_set_bottom_margin (view, 64);
  gtk_text_view_set_left_margin (view, MIN_MARGIN);
  gtk_text_view_set_right_margin (view, MIN_MARGIN);
  gtk_widget_add_css_class (GTK_WIDGET (self), "reading");
}

GtkWidget *
yp_reading_view_new (void)
{
  return g_object_new (YP_TYPE_READING_VIEW, NULL);
}
