/* yp-print.h: events printed as pages, with their citations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "yp-record.h"

G_BEGIN_DECLS

/* Shows the print dialog for @events (a list of YpEvent, in the order
 * shown): for each, the date, the title in bold, the summary and its
 * citations (outlet, date, quote in italics). Pages have a header
 * "Yeonpyo — <timeline title>" and "n / N" in the footer. Returns at once;
 * a failure is shown in a message dialog over @parent. */
void     yp_print_events        (GtkWindow   *parent,
                                 YpRecord    *record,
                                 GListModel  *events,
                                 YpLang       lang);
/* The same pages written to the PDF file @path, without a dialog. */
gboolean yp_print_events_to_pdf (GtkWindow   *parent,
                                 YpRecord    *record,
                                 GListModel  *events,
                                 YpLang       lang,
                                 const char  *path,
                                 GError     **error);

G_END_DECLS
