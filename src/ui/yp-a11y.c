/* yp-a11y.c: small helpers for what screen readers read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "yp-a11y"

#include "config.h"

#include "yp-a11y.h"

void
yp_a11y_name_row (GtkWidget  *row,
                  const char *first,
                  const char *second)
{
  g_autofree char *name = NULL;
  GtkWidget *item;

  g_return_if_fail (GTK_IS_WIDGET (row));

  name = second != NULL && *second != '\0' ? g_strdup_printf ("%s, %s", first, second) : g_strdup (first);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  /* The list item is the row's parent, or its grandparent when the row
   * sits in a slot. */
  item = gtk_widget_get_parent (row);
  if (item != NULL && gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (item)) != GTK_ACCESSIBLE_ROLE_LIST_ITEM)
    item = gtk_widget_get_parent (item);
  if (item != NULL && gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (item)) == GTK_ACCESSIBLE_ROLE_LIST_ITEM)
    gtk_accessible_update_property (GTK_ACCESSIBLE (item), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}
