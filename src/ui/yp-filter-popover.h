/* yp-filter-popover.h: choose categories, sources and people to show
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "yp-record.h"
#include "yp-session.h"

G_BEGIN_DECLS

#define YP_TYPE_FILTER_POPOVER (yp_filter_popover_get_type ())

G_DECLARE_FINAL_TYPE (YpFilterPopover, yp_filter_popover, YP, FILTER_POPOVER, GtkPopover)

/* One check box per category, source and actor of @record; ticking one
 * adds its id to the matching set of @filter (which must outlive the
 * popover) and emits "changed". */
GtkWidget *yp_filter_popover_new         (YpRecord            *record,
                                          const YpEventFilter *filter);
/* Ticks or unticks the box of @id (in any section); FALSE if none. */
gboolean   yp_filter_popover_set_active  (YpFilterPopover     *self,
                                          const char          *id,
                                          gboolean             active);
/* Unticks every box and empties the sets, with one "changed". */
void       yp_filter_popover_clear       (YpFilterPopover     *self);
/* The ids of the ticked boxes, in the popover's order, and their labels
 * in @labels (both NULL-terminated, owned by the caller). */
char     **yp_filter_popover_dup_active  (YpFilterPopover     *self,
                                          char              ***labels);

G_END_DECLS
