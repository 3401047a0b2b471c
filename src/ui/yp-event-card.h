/* yp-event-card.h: the selected event: date, title, summary, citations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "yp-record.h"

G_BEGIN_DECLS

#define YP_TYPE_EVENT_CARD (yp_event_card_get_type ())

G_DECLARE_FINAL_TYPE (YpEventCard, yp_event_card, YP, EVENT_CARD, GtkWidget)

/* The card's buttons act through the window's "win.compare-sources" and
 * "win.copy-citation"; a citation button emits "citation-activated" with
 * the citation's index. */
void        yp_event_card_set_record          (YpEventCard *self,
                                               YpRecord    *record);
/* Shows @event (NULL hides the card), citation @current marked. */
void        yp_event_card_show                (YpEventCard *self,
                                               YpEvent     *event,
                                               guint        current);
YpEvent    *yp_event_card_get_event           (YpEventCard *self);
/* The button of citation @index, or NULL past the last. */
GtkButton  *yp_event_card_get_citation_button (YpEventCard *self,
                                               guint        index);
/* What the button of citation @index of @event says: the outlet and the
 * day the source was written; the headline too when another cited source
 * has the same outlet, and which passage when one source is cited twice. */
char       *yp_event_card_citation_label      (YpRecord    *record,
                                               YpEvent     *event,
                                               guint        index);

G_END_DECLS
