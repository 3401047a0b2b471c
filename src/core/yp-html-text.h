/* yp-html-text.h: the text a browser would show for an HTML fragment
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The text a browser would show for the HTML fragment @html, as plain
 * lines: tags are dropped (<br>, <p>, <div>, <li>, <blockquote>, headings
 * and table rows end a line; <li> starts with "• "; <script> and <style>
 * are left out with their content), character references are decoded,
 * runs of white space become one space, and lines are trimmed and never
 * empty. Lines are joined by "\n". Never fails: malformed HTML (unclosed
 * tags, a stray "<", unknown entities) comes out as a browser would show
 * it, and the result is valid UTF-8. */
char *yp_html_to_text (const char *html);

G_END_DECLS
