/* yp-document-loader.c: YpDocumentLoader, which opens a timeline file
 * through its cache in a worker thread, says how far it is, and stops
 * when its cancellable is cancelled
 *
 * The work itself is yp-cache.c's: this object runs it in a GTask's
 * thread, turns the cache's per-event progress into a "fraction" notified
 * in the caller's main context, and keeps the cache write that follows a
 * record shown as parsed ("show the parsed events first, write the cache
 * after").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "yp-document-loader"

#include "config.h"

#include "yp-cache.h"
#include "yp-document-loader.h"
#include "yp-document-loader-private.h"
#include "yp-error.h"

/* The fraction crosses threads as a whole number of these. */
#define FRACTION_SCALE 10000

struct _YpDocumentLoader
{
  GObject       parent_instance;

  GFile        *file;
  double        fraction;          /* as last notified, main context */
  gint          worker_fraction;   /* atomic: FRACTION_SCALE for 1 */
  gint          notify_pending;    /* atomic: an idle is on its way */
  GMainContext *context;           /* where the fraction is notified */
  YpCacheWrite *write;             /* the cache still to write, or NULL */
  gboolean      started;

  YpDocumentLoaderStepFunc step_func;  /* tests */
  gpointer      step_data;
};

G_DEFINE_FINAL_TYPE (YpDocumentLoader, yp_document_loader, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FILE,
  PROP_FRACTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What a worker thread is doing, for the cache's monitor callback. */
typedef struct {
  YpDocumentLoader *self;
  const char       *phase;
} Step;

static void
set_fraction (YpDocumentLoader *self,
              double            fraction)
{
  if (fraction <= self->fraction)
    return;
  self->fraction = MIN (fraction, 1.0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
}

static gboolean
notify_fraction_cb (gpointer user_data)
{
  YpDocumentLoader *self = user_data;

  g_atomic_int_set (&self->notify_pending, 0);
  set_fraction (self, (double) g_atomic_int_get (&self->worker_fraction) / FRACTION_SCALE);
  return G_SOURCE_REMOVE;
}

/* From the worker thread: the fraction only grows, and one idle at a
 * time carries it to the main context, however often the cache calls. */
static void
progressed_cb (goffset  done,
               goffset  total,
               gpointer user_data)
{
  Step *step = user_data;
  YpDocumentLoader *self = step->self;
  double fraction = total > 0 ? CLAMP ((double) done / total, 0.0, 1.0) : 0.0;

  if (self->step_func != NULL)
    self->step_func (self, step->phase, fraction, self->step_data);
  if (!g_str_equal (step->phase, "parse"))
    return;
  for (;;)
    {
      gint old = g_atomic_int_get (&self->worker_fraction);
      gint now = (gint) (fraction * FRACTION_SCALE);

      if (now <= old || g_atomic_int_compare_and_exchange (&self->worker_fraction, old, now))
        break;
    }
  /* An idle attached to the context, not g_main_context_invoke(): that
   * runs the callback right here, on the worker, whenever the context
   * has no owner at that moment (its thread is between two iterations),
   * and the handlers then touch widgets from the wrong thread. */
  if (g_atomic_int_compare_and_exchange (&self->notify_pending, 0, 1))
    {
      GSource *source = g_idle_source_new ();

      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_set_callback (source, notify_fraction_cb, g_object_ref (self), g_object_unref);
      g_source_set_static_name (source, "[yeonpyo] loader progress");
      g_source_attach (source, self->context);
      g_source_unref (source);
    }
}

static YpRecord *
load (YpDocumentLoader  *self,
      GCancellable      *cancellable,
      YpCacheWrite     **write,
      GError           **error)
{
  g_autofree char *path = g_file_get_path (self->file);
  Step step = { self, "parse" };
  YpCacheMonitor monitor = { cancellable, progressed_cb, &step };
  YpCacheReport report = { 0 };
  YpRecord *record;

  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (self->file);

      g_set_error (error, YP_ERROR, YP_ERROR_NOT_FOUND, "%s: only local files can be opened", uri);
      return NULL;
    }
  record = yp_cache_load_parsed_first (path, NULL, &monitor, &report, write, error);
  if (record != NULL && report.outcome == YP_CACHE_MEMORY)
    g_debug ("%s: %s", path, report.reason);
  yp_cache_report_clear (&report);
  return record;
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  YpDocumentLoader *self = source_object;
  YpCacheWrite **write = task_data;
  GError *error = NULL;
  YpRecord *record = load (self, cancellable, write, &error);

  if (record == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, record, g_object_unref);
}

static void
free_write_slot (gpointer data)
{
  YpCacheWrite **write = data;

  g_clear_pointer (write, yp_cache_write_free);
  g_free (write);
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  YpDocumentLoader *self = source_object;
  Step step = { self, "write" };
  YpCacheMonitor monitor = { cancellable, progressed_cb, &step };
  GError *error = NULL;

  /* A failure is said by yp_cache_write_run(), the cancellation aside. */
  if (yp_cache_write_run (task_data, &monitor, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
yp_document_loader_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  YpDocumentLoader *self = YP_DOCUMENT_LOADER (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    case PROP_FRACTION:
      g_value_set_double (value, self->fraction);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yp_document_loader_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  YpDocumentLoader *self = YP_DOCUMENT_LOADER (object);

  switch (prop_id)
    {
    case PROP_FILE:
      self->file = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yp_document_loader_dispose (GObject *object)
{
  YpDocumentLoader *self = YP_DOCUMENT_LOADER (object);

  g_clear_object (&self->file);
  G_OBJECT_CLASS (yp_document_loader_parent_class)->dispose (object);
}

static void
yp_document_loader_finalize (GObject *object)
{
  YpDocumentLoader *self = YP_DOCUMENT_LOADER (object);

  g_clear_pointer (&self->write, yp_cache_write_free);
  g_clear_pointer (&self->context, g_main_context_unref);
  G_OBJECT_CLASS (yp_document_loader_parent_class)->finalize (object);
}

static void
yp_document_loader_class_init (YpDocumentLoaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = yp_document_loader_get_property;
  object_class->set_property = yp_document_loader_set_property;
  object_class->dispose = yp_document_loader_dispose;
  object_class->finalize = yp_document_loader_finalize;

  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL, 0.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
yp_document_loader_init (YpDocumentLoader *self)
{
}

YpDocumentLoader *
yp_document_loader_new (GFile *file)
{
  g_return_val_if_fail (G_IS_FILE (file), NULL);
  return g_object_new (YP_TYPE_DOCUMENT_LOADER, "file", file, NULL);
}

GFile *
yp_document_loader_get_file (YpDocumentLoader *self)
{
  g_return_val_if_fail (YP_IS_DOCUMENT_LOADER (self), NULL);
  return self->file;
}

double
yp_document_loader_get_fraction (YpDocumentLoader *self)
{
  g_return_val_if_fail (YP_IS_DOCUMENT_LOADER (self), 0.0);
  return self->fraction;
}

gboolean
yp_document_loader_get_cache_pending (YpDocumentLoader *self)
{
  g_return_val_if_fail (YP_IS_DOCUMENT_LOADER (self), FALSE);
  return self->write != NULL;
}

static void
start (YpDocumentLoader *self)
{
  g_assert (!self->started);
  self->started = TRUE;
  self->context = g_main_context_ref_thread_default ();
}

void
yp_document_loader_load_async (YpDocumentLoader    *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (YP_IS_DOCUMENT_LOADER (self));
  g_return_if_fail (!self->started);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  start (self);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, yp_document_loader_load_async);
  /* The write a load may leave lives with the task until _finish(). */
  g_task_set_task_data (task, g_new0 (YpCacheWrite *, 1), free_write_slot);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, load_thread);
}

YpRecord *
yp_document_loader_load_finish (YpDocumentLoader  *self,
                                GAsyncResult      *result,
                                GError           **error)
{
  YpCacheWrite **write;
  YpRecord *record;

  g_return_val_if_fail (YP_IS_DOCUMENT_LOADER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == yp_document_loader_load_async, NULL);

  record = g_task_propagate_pointer (G_TASK (result), error);
  write = g_task_get_task_data (G_TASK (result));
  if (record != NULL)
    {
      self->write = g_steal_pointer (write);
      set_fraction (self, 1.0);
    }
  return record;
}

YpRecord *
yp_document_loader_load (YpDocumentLoader  *self,
                         GCancellable      *cancellable,
                         GError           **error)
{
  YpRecord *record;

  g_return_val_if_fail (YP_IS_DOCUMENT_LOADER (self), NULL);
  g_return_val_if_fail (!self->started, NULL);

  start (self);
  record = load (self, cancellable, &self->write, error);
  if (record != NULL)
    set_fraction (self, 1.0);
  return record;
}

void
yp_document_loader_write_cache_async (YpDocumentLoader    *self,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (YP_IS_DOCUMENT_LOADER (self));
  g_return_if_fail (self->started);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, yp_document_loader_write_cache_async);
  if (self->write == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  g_task_set_task_data (task, g_steal_pointer (&self->write), (GDestroyNotify) yp_cache_write_free);
  g_task_run_in_thread (task, write_thread);
}

gboolean
yp_document_loader_write_cache_finish (YpDocumentLoader  *self,
                                       GAsyncResult      *result,
                                       GError           **error)
{
  YpCacheWrite *write;

  g_return_val_if_fail (YP_IS_DOCUMENT_LOADER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == yp_document_loader_write_cache_async, FALSE);

  /* Here, in the record's thread: the record searches its new cache. */
  write = g_task_get_task_data (G_TASK (result));
  if (write != NULL && yp_cache_write_get_db_path (write) != NULL)
    yp_cache_write_finish (write);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
yp_document_loader_set_step_func (YpDocumentLoader         *self,
                                  YpDocumentLoaderStepFunc  func,
                                  gpointer                  user_data)
{
  g_return_if_fail (YP_IS_DOCUMENT_LOADER (self));
  self->step_func = func;
  self->step_data = user_data;
}
