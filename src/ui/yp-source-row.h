/* yp-source-row.h: one source article in a list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "yp-source.h"

G_BEGIN_DECLS

#define YP_TYPE_SOURCE_ROW (yp_source_row_get_type ())

G_DECLARE_FINAL_TYPE (YpSourceRow, yp_source_row, YP, SOURCE_ROW, GtkWidget)

GtkWidget *yp_source_row_new        (void);
/* Shows @source: its outlet, its headline (or how it begins, marked as
 * such), and its date and language. */
void       yp_source_row_set_source (YpSourceRow *self,
                                     YpSource    *source);
YpSource  *yp_source_row_get_source (YpSourceRow *self);
/* The row's first line (the outlet, else the headline), or NULL when the
 * source has neither; and the line under it, or NULL when hidden. */
const char *yp_source_row_get_heading  (YpSourceRow *self);
const char *yp_source_row_get_subtitle (YpSourceRow *self);

/* "17 November 2023", or "Date not stated": a source's date as a day. */
char      *yp_source_row_date_text  (YpSource    *source);

G_END_DECLS
