/* yp-event-row.h: one event in the event list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "yp-event.h"

G_BEGIN_DECLS

#define YP_TYPE_EVENT_ROW (yp_event_row_get_type ())

G_DECLARE_FINAL_TYPE (YpEventRow, yp_event_row, YP, EVENT_ROW, GtkWidget)

GtkWidget *yp_event_row_new       (void);
/* Shows @event (its date, status and title in the content language, and
 * the other language's title under it when both are shown). */
void       yp_event_row_set_event (YpEventRow *self,
                                   YpEvent    *event);
YpEvent   *yp_event_row_get_event (YpEventRow *self);

G_END_DECLS
