/* yp-result-slot.h: one row of the search results, kept while typing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "yp-search.h"

G_BEGIN_DECLS

#define YP_TYPE_RESULT_SLOT (yp_result_slot_get_type ())

G_DECLARE_FINAL_TYPE (YpResultSlot, yp_result_slot, YP, RESULT_SLOT, GObject)

/* The results list holds slots, not results: a new search puts its
 * results into the slots already there (each row sees "notify::result"
 * and shows the new one) and only adds or removes slots at the end. GTK
 * 4.8's list view rebuilds the row widgets of every item a change
 * replaces, which was half the time of a keystroke. */
YpResultSlot   *yp_result_slot_new        (YpSearchResult *result);
YpSearchResult *yp_result_slot_get_result (YpResultSlot   *self);
void            yp_result_slot_set_result (YpResultSlot   *self,
                                           YpSearchResult *result);

G_END_DECLS
