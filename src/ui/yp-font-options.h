/* yp-font-options.h: text measured with the fonts it is drawn with
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Gives @widget and every widget under it the font options that cairo
 * adds when it draws text into an image surface, as GTK's renderers do
 * (the cairo renderer for the window, the GL renderer for its glyph
 * atlas). A label is then measured with the very scaled font that draws
 * it, and each glyph is loaded from FreeType once per font instead of
 * once for measuring and twice more for drawing (its metrics, then its
 * image). What is drawn does not change: the options are those cairo
 * would have used for drawing anyway, and the options GTK's settings
 * give (hinting, antialiasing, hinted metrics) stay as they are.
 * Call it on widgets made before they are first measured. */
void yp_font_options_share (GtkWidget *widget);

G_END_DECLS
