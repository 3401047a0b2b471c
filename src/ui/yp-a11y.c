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

static gboolean
list_key_pressed_cb (GtkEventControllerKey *controller,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     gpointer               user_data)
{
  GtkWidget *list = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (list));
  GtkDirectionType direction;
  gboolean moved;

  if (keyval != GDK_KEY_Tab && keyval != GDK_KEY_KP_Tab && keyval != GDK_KEY_ISO_Left_Tab)
    return FALSE;
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0 || root == NULL)
    return FALSE;
  direction = keyval == GDK_KEY_ISO_Left_Tab || (state & GDK_SHIFT_MASK) != 0 ? GTK_DIR_TAB_BACKWARD
                                                                                : GTK_DIR_TAB_FORWARD;
  /* While the list cannot take the focus, the window's focus chain goes
   * past it, from where the focus is: to the next widget after the list,
   * or the one before it. */
  gtk_widget_set_can_focus (list, FALSE);
  moved = gtk_widget_child_focus (root, direction);
  gtk_widget_set_can_focus (list, TRUE);
  /* Nothing after it: round to the window's first (or last) widget, as
   * Tab does. */
  if (!moved)
    {
      gtk_root_set_focus (GTK_ROOT (root), NULL);
      moved = gtk_widget_child_focus (root, direction);
    }
  return moved;
}

void
yp_a11y_one_tab_stop (GtkWidget *list)
{
  GtkEventController *keys;

  g_return_if_fail (GTK_IS_WIDGET (list));

  keys = gtk_event_controller_key_new ();
  /* Before the rows see the key: they would move to the next row. */
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (list_key_pressed_cb), NULL);
  gtk_widget_add_controller (list, keys);
}
