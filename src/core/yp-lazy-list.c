/* yp-lazy-list.c: what the lazy list models share: trading contents
 * (yp-lazy-list-private.h also holds the making of an item when it is
 * first asked for)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "yp-lazy-list"

#include "config.h"

#include "yp-lazy-list-private.h"

void
yp_lazy_list_swap_contents (GListModel *self,
                            GListModel *other,
                            gsize       offset,
                            gsize       size,
                            guint       removed,
                            guint       added)
{
  char *a = (char *) self + offset;
  char *b = (char *) other + offset;

  g_return_if_fail (G_OBJECT_TYPE (self) == G_OBJECT_TYPE (other));
  g_return_if_fail (offset >= sizeof (GObject) && offset <= size);

  for (gsize i = 0; i < size - offset; i++)
    {
      char t = a[i];

      a[i] = b[i];
      b[i] = t;
    }
  if (removed > 0 || added > 0)
    g_list_model_items_changed (self, 0, removed, added);
}
