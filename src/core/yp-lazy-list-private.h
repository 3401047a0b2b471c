/* yp-lazy-list-private.h: what the lazy list models share (the events'
 * and the sources'); private to src/core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A lazy list keeps one slot per item, NULL until the item is first
 * asked for; then the list makes it (from the cache's rows) and keeps
 * it for its life. Its instance struct has the GObject part first and
 * everything else after it, so that two lists can trade contents.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Makes the item at @position of @list. */
typedef gpointer (*YpLazyMakeFunc) (gpointer list,
                                    guint    position);

/* The item at @position of @items (@n slots, NULL until made): made by
 * @make the first time, kept there and counted in *@n_made; NULL past
 * the end. Inline: a frame asks for every item in view. */
static inline gpointer
yp_lazy_list_peek (gpointer        list,
                   gpointer       *items,
                   guint           n,
                   guint          *n_made,
                   guint           position,
                   YpLazyMakeFunc  make)
{
  if (position >= n)
    return NULL;
  if (items[position] == NULL)
    {
      items[position] = make (list, position);
      (*n_made)++;
    }
  return items[position];
}

/* Swaps everything of @self and @other, two instances of one list type
 * of @size bytes, from @offset on (all but the GObject part): @other
 * gets @self's contents, to free when it goes. Then tells @self's
 * watchers that its @removed items are now @added. */
void yp_lazy_list_swap_contents (GListModel *self,
                                 GListModel *other,
                                 gsize       offset,
                                 gsize       size,
                                 guint       removed,
                                 guint       added);

G_END_DECLS
