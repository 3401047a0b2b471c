/* yp-problems-dialog.c: the problems found in the timeline file, and the
 * files that could not be opened, one a line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "yp-problems-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "yp-problems-dialog.h"

struct _YpProblemsDialog
{
  GtkWindow    parent_instance;

  GtkTextView *view;
  char        *text;
};

G_DEFINE_FINAL_TYPE (YpProblemsDialog, yp_problems_dialog, GTK_TYPE_WINDOW)

static void
yp_problems_dialog_finalize (GObject *object)
{
  YpProblemsDialog *self = (YpProblemsDialog *) object;

  g_free (self->text);

  G_OBJECT_CLASS (yp_problems_dialog_parent_class)->finalize (object);
}

static void
yp_problems_dialog_class_init (YpProblemsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  /* No dispose: GtkWindow takes the template's widgets down (unparenting
   * them here too would do it twice). */
  object_class->finalize = yp_problems_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/yeonpyo/Yeonpyo/ui/yp-problems-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, YpProblemsDialog, view);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
yp_problems_dialog_init (YpProblemsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
yp_problems_dialog_new (GtkWindow  *parent,
                        const char *text)
{
  YpProblemsDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  self = g_object_new (YP_TYPE_PROBLEMS_DIALOG, "transient-for", parent, NULL);
  self->text = g_strdup (text != NULL && *text != '\0' ? text : _("No problems."));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->view), self->text, -1);
  return GTK_WIDGET (self);
}

const char *
yp_problems_dialog_get_text (YpProblemsDialog *self)
{
  g_return_val_if_fail (YP_IS_PROBLEMS_DIALOG (self), NULL);
  return self->text;
}
