/* yp-result-row.h: one search result: an event or a passage of an article
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "yp-record.h"
#include "yp-search.h"

G_BEGIN_DECLS

#define YP_TYPE_RESULT_ROW (yp_result_row_get_type ())

G_DECLARE_FINAL_TYPE (YpResultRow, yp_result_row, YP, RESULT_ROW, GtkWidget)

GtkWidget      *yp_result_row_new        (void);
/* Shows @result of a search over @record: what it is (event and date, or
 * article and outlet), its title, and its snippet with the matches in
 * bold. */
void            yp_result_row_show       (YpResultRow    *self,
                                          YpRecord       *record,
                                          YpSearchResult *result);
/* The result shown now (a row out of view may show an older one). */
YpSearchResult *yp_result_row_get_result (YpResultRow    *self);
const char     *yp_result_row_get_title  (YpResultRow    *self);
/* The list item that holds the row, set by the list's factory. */
void            yp_result_row_set_item   (YpResultRow    *self,
                                          GtkListItem    *item);
GtkListItem    *yp_result_row_get_item   (YpResultRow    *self);

/* The event of an EVENT result, by its position: no lookup by id. */
YpEvent        *yp_result_event          (YpRecord       *record,
                                          YpSearchResult *result);

G_END_DECLS
