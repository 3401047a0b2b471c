/* test-document-loader.c: YpDocumentLoader's asynchronous load, its
 * progress, the cache write that follows, and Cancel at every stage
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "yp-cache-private.h"
#include "yp-cache.h"
#include "yp-document-loader.h"
#include "yp-document-loader-private.h"
#include "yp-error.h"
#include "yp-event-list-private.h"
#include "yp-test-util.h"

#define N_EVENTS 5000

typedef struct {
  char  *dir;
  char  *path;
  GFile *file;
} Fixture;

/* A Yeonpyo timeline of @n events, a day apart, citing one source. */
static void
write_timeline (const char *dir,
                const char *path,
                guint       n)
{
  g_autofree char *seed = g_build_filename (dir, "s.txt", NULL);
  g_autoptr(GString) json = g_string_new ("{\"format\": \"yeonpyo-timeline\", \"version\": 1,"
                                          " \"title\": {\"ko\": \"생성\", \"en\": \"Generated\"},"
                                          " \"sources\": [{\"id\": \"s\", \"file\": \"s.txt\","
                                          " \"language\": \"ko\", \"body\": [[1, 1]]}], \"eras\": [{\"id\": \"all\","
                                          " \"name\": {\"ko\": \"전체\", \"en\": \"All\"},"
                                          " \"start\": \"1900-01-01\", \"end\": \"1929-12-31\", \"timezone\": \"UTC\"}],"
                                          " \"events\": [");
  g_autoptr(GDateTime) day0 = g_date_time_new_utc (1900, 1, 1, 0, 0, 0);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GDateTime) day = g_date_time_add_days (day0, i);
      g_autofree char *date = g_date_time_format (day, "%Y-%m-%d");

      g_string_append_printf (json,
                              "%s{\"id\": \"e%05u\", \"date\": \"%s\", \"precision\": \"day\","
                              " \"timezone\": \"UTC\", \"category\": \"people\", \"era\": \"all\","
                              " \"citations\": [{\"source\": \"s\", \"quote\": \"출처의 문장.\"}],"
                              " \"title\": {\"ko\": \"사건 %05u\", \"en\": \"Event %05u\"},"
                              " \"summary\": {\"ko\": \"기록 %05u\", \"en\": \"Record %05u\"}}",
                              i ? ", " : "", i, date, i, i, i, i);
    }
  g_string_append (json, "]}");
  g_file_set_contents (seed, "출처의 문장.", -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (path, json->str, json->len, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("yp-loader-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  f->path = g_build_filename (f->dir, "timeline.json", NULL);
  f->file = g_file_new_for_path (f->path);
  write_timeline (f->dir, f->path, N_EVENTS);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  yp_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
  g_clear_object (&f->file);
}

/* How many files the cache folder holds: the cache, temporaries, any. */
static guint
n_cache_files (void)
{
  g_autofree char *dir = yp_cache_default_dir ();
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d != NULL && g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static gboolean
cache_in_place (Fixture *f)
{
  g_autofree char *dir = yp_cache_default_dir ();
  g_autofree char *db = yp_cache_path_for (f->path, dir);

  return g_file_test (db, G_FILE_TEST_IS_REGULAR);
}

static void
got_result_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

static YpRecord *
load (YpDocumentLoader *loader,
      GCancellable     *cancellable,
      GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  yp_document_loader_load_async (loader, cancellable, got_result_cb, &result);
  return yp_document_loader_load_finish (loader, wait_for (&result), error);
}

static gboolean
write_cache (YpDocumentLoader *loader,
             GCancellable     *cancellable,
             GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  yp_document_loader_write_cache_async (loader, cancellable, got_result_cb, &result);
  return yp_document_loader_write_cache_finish (loader, wait_for (&result), error);
}

static void
fraction_notified_cb (YpDocumentLoader *loader,
                      GParamSpec       *pspec,
                      GArray           *seen)
{
  double fraction = yp_document_loader_get_fraction (loader);

  g_array_append_val (seen, fraction);
}

/* A load that nothing stops works, and a later load of the same file
 * goes on as usual: the record comes back whole, its cache written. */
static void
assert_loads_whole (Fixture  *f,
                    gboolean  expect_parse)
{
  g_autoptr(YpDocumentLoader) loader = yp_document_loader_new (f->file);
  g_autoptr(GError) error = NULL;
  g_autoptr(YpRecord) record = load (loader, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (record);
  g_assert_cmpuint (g_list_model_get_n_items (yp_record_get_events (record)), ==, N_EVENTS);
  g_assert_cmpint (yp_document_loader_get_cache_pending (loader), ==, expect_parse);
  g_assert_true (write_cache (loader, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (cache_in_place (f));
  g_assert_cmpuint (n_cache_files (), ==, 1);
}

static void
test_load (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(YpDocumentLoader) loader = yp_document_loader_new (f->file);
  g_autoptr(GArray) seen = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  g_autoptr(YpRecord) record = NULL;

  g_assert_true (yp_document_loader_get_file (loader) == f->file);
  g_assert_cmpfloat (yp_document_loader_get_fraction (loader), ==, 0.0);
  g_signal_connect (loader, "notify::fraction", G_CALLBACK (fraction_notified_cb), seen);
  record = load (loader, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (record);
  g_assert_cmpuint (g_list_model_get_n_items (yp_record_get_events (record)), ==, N_EVENTS);

  /* Shown as parsed: the cache is written after. */
  g_assert_true (yp_document_loader_get_cache_pending (loader));
  g_assert_false (cache_in_place (f));

  /* The fraction grows, in steps along the way, and ends at 1. */
  g_assert_cmpuint (seen->len, >=, 2);
  for (guint i = 1; i < seen->len; i++)
    g_assert_cmpfloat (g_array_index (seen, double, i), >, g_array_index (seen, double, i - 1));
  g_assert_cmpfloat (g_array_index (seen, double, 0), <, 1.0);
  g_assert_cmpfloat (g_array_index (seen, double, seen->len - 1), ==, 1.0);
  g_assert_cmpfloat (yp_document_loader_get_fraction (loader), ==, 1.0);

  g_assert_true (write_cache (loader, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (yp_document_loader_get_cache_pending (loader));
  g_assert_true (cache_in_place (f));
  /* The record's list holds the written cache: search uses it. */
  g_assert_nonnull (yp_event_list_get_cache_db (YP_EVENT_LIST (yp_record_get_events (record))));

  /* The next load reads the cache: nothing left to write. */
  assert_loads_whole (f, FALSE);
}

static void
fraction_thread_cb (YpDocumentLoader *loader,
                    GParamSpec       *pspec,
                    GPtrArray        *threads)
{
  g_ptr_array_add (threads, g_thread_self ());
}

/* Progress reaches the handlers on the thread that iterates the main
 * context, never on the worker: not even while that thread is busy
 * elsewhere and the context has no owner (GTK's progress bar is then
 * updated from the worker, under the window's feet). */
static void
test_fraction_on_main_thread (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(YpDocumentLoader) loader = yp_document_loader_new (f->file);
  g_autoptr(GPtrArray) threads = g_ptr_array_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(YpRecord) record = NULL;

  g_signal_connect (loader, "notify::fraction", G_CALLBACK (fraction_thread_cb), threads);
  yp_document_loader_load_async (loader, NULL, got_result_cb, &result);
  /* The main context has no owner while the worker parses. */
  g_usleep (G_USEC_PER_SEC / 2);
  record = yp_document_loader_load_finish (loader, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (record);
  g_assert_cmpuint (threads->len, >=, 1);
  for (guint i = 0; i < threads->len; i++)
    g_assert_true (threads->pdata[i] == g_thread_self ());
}

static void
test_missing_file (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "none.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(YpDocumentLoader) loader = yp_document_loader_new (file);
  g_autoptr(GError) error = NULL;
  g_autoptr(YpRecord) record = load (loader, NULL, &error);

  g_assert_null (record);
  g_assert_nonnull (error);
  g_assert_false (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
  g_assert_nonnull (strstr (error->message, "none.json"));
  g_assert_cmpuint (n_cache_files (), ==, 0);
}

typedef struct {
  GCancellable *cancellable;
  const char   *phase;      /* where to cancel */
  double        at;         /* from which fraction */
  double        last;       /* the last fraction of that phase seen */
  guint         n_after;    /* steps seen after cancelling */
} Stop;

/* In the worker thread. */
static void
stop_step (YpDocumentLoader *loader,
           const char       *phase,
           double            fraction,
           gpointer          user_data)
{
  Stop *stop = user_data;

  if (!g_str_equal (phase, stop->phase))
    return;
  if (g_cancellable_is_cancelled (stop->cancellable))
    stop->n_after++;
  stop->last = fraction;
  if (fraction >= stop->at)
    g_cancellable_cancel (stop->cancellable);
}

static void
test_cancel_before_start (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(YpDocumentLoader) loader = yp_document_loader_new (f->file);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(YpRecord) record = NULL;
  Stop stop = { cancellable, "parse", 2.0, 0.0, 0 };

  g_cancellable_cancel (cancellable);
  yp_document_loader_set_step_func (loader, stop_step, &stop);
  record = load (loader, cancellable, &error);
  g_assert_null (record);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* Nothing was parsed. */
  g_assert_cmpfloat (stop.last, ==, 0.0);
  g_assert_false (yp_document_loader_get_cache_pending (loader));
  g_assert_cmpuint (n_cache_files (), ==, 0);

  assert_loads_whole (f, TRUE);
}

static void
test_cancel_mid_parse (Fixture       *f,
                       gconstpointer  data)
{
  gboolean streamed = GPOINTER_TO_INT (data);
  g_autoptr(YpDocumentLoader) loader = yp_document_loader_new (f->file);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Stop stop = { cancellable, "parse", 0.3, 0.0, 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(YpRecord) record = NULL;

  /* Streamed: the events go to the cache file as they are read, so the
   * stop comes in the middle of a cache write too. */
  if (streamed)
    yp_cache_set_stream_threshold (0);
  yp_document_loader_set_step_func (loader, stop_step, &stop);
  record = load (loader, cancellable, &error);
  yp_cache_set_stream_threshold (YP_CACHE_PARSED_FIRST_MAX);
  g_assert_null (record);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* It stopped where it was asked to: no step of the parse came after. */
  g_assert_cmpfloat (stop.last, >=, 0.3);
  g_assert_cmpfloat (stop.last, <, 0.4);
  g_assert_cmpuint (stop.n_after, ==, 0);
  g_assert_cmpfloat (yp_document_loader_get_fraction (loader), <, 0.4);
  g_assert_false (yp_document_loader_get_cache_pending (loader));
  g_assert_cmpuint (n_cache_files (), ==, 0);

  assert_loads_whole (f, TRUE);
}

static void
test_cancel_during_write (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(YpDocumentLoader) loader = yp_document_loader_new (f->file);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Stop stop = { cancellable, "write", 0.5, 0.0, 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(YpRecord) record = load (loader, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (yp_document_loader_get_cache_pending (loader));
  yp_document_loader_set_step_func (loader, stop_step, &stop);
  g_assert_false (write_cache (loader, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpfloat (stop.last, >=, 0.5);
  g_assert_cmpfloat (stop.last, <, 0.6);
  g_assert_cmpuint (stop.n_after, ==, 0);
  /* No cache, and no temporary file: the write is gone whole. */
  g_assert_false (cache_in_place (f));
  g_assert_cmpuint (n_cache_files (), ==, 0);
  /* The record shown meanwhile is as it was. */
  g_assert_cmpuint (g_list_model_get_n_items (yp_record_get_events (record)), ==, N_EVENTS);
  g_assert_null (yp_event_list_get_cache_db (YP_EVENT_LIST (yp_record_get_events (record))));

  assert_loads_whole (f, TRUE);
}

/* A TimelineJS document of N_EVENTS slides whose last slide is not JSON
 * ("year": 01): a parse that goes through every slide before it stops
 * ends on that fault, not on the Cancel. */
static void
write_timelinejs_broken_at_end (const char *path)
{
  g_autoptr(GString) json = g_string_new ("{\"events\": [");
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < N_EVENTS - 1; i++)
    g_string_append_printf (json, "{\"start_date\": {\"year\": %u}, \"text\": {\"headline\": \"s%u\"}}, ",
                            1900 + i % 100, i);
  g_string_append (json, "{\"start_date\": {\"year\": 01}, \"text\": {\"headline\": \"last\"}}]}");
  g_file_set_contents (path, json->str, json->len, &error);
  g_assert_no_error (error);
}

/* Cancel while the TimelineJS reader reads its slides' ids, the first of
 * its two passes over them: the load stops there, in the first fifth of
 * the file, and leaves no cache. */
static void
test_cancel_timelinejs_parse (Fixture       *f,
                              gconstpointer  data)
{
  gboolean streamed = GPOINTER_TO_INT (data);
  g_autoptr(YpDocumentLoader) loader = yp_document_loader_new (f->file);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Stop stop = { cancellable, "parse", 0.2, 0.0, 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(YpRecord) record = NULL;

  write_timelinejs_broken_at_end (f->path);
  if (streamed)
    yp_cache_set_stream_threshold (0);
  yp_document_loader_set_step_func (loader, stop_step, &stop);
  record = load (loader, cancellable, &error);
  yp_cache_set_stream_threshold (YP_CACHE_PARSED_FIRST_MAX);
  g_assert_null (record);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpfloat (stop.last, >=, 0.2);
  g_assert_cmpfloat (stop.last, <, 0.3);
  g_assert_cmpuint (stop.n_after, ==, 0);
  g_assert_false (yp_document_loader_get_cache_pending (loader));
  g_assert_cmpuint (n_cache_files (), ==, 0);
}

/* In the worker thread: saves a one-event timeline over the file, as an
 * editor does (a new file renamed over the old), a third of the way into
 * the parse. */
static void
replace_step (YpDocumentLoader *loader,
              const char       *phase,
              double            fraction,
              gpointer          user_data)
{
  Fixture *f = user_data;
  g_autofree char *tmp_dir = NULL;
  g_autofree char *tmp = NULL;

  if (!g_str_equal (phase, "parse") || fraction < 0.3 || g_object_get_data (G_OBJECT (loader), "replaced"))
    return;
  g_object_set_data (G_OBJECT (loader), "replaced", GINT_TO_POINTER (TRUE));
  tmp_dir = g_build_filename (f->dir, "new", NULL);
  g_assert_cmpint (g_mkdir (tmp_dir, 0700), ==, 0);
  tmp = g_build_filename (tmp_dir, "timeline.json", NULL);
  write_timeline (tmp_dir, tmp, 1);
  g_assert_cmpint (g_rename (tmp, f->path), ==, 0);
}

/* A file replaced while its first open reads it (issue 18): the open is
 * refused as changed, no cache is left with the old events under the new
 * file's identity, and the next open shows the new file. */
static void
test_replaced_while_read (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(YpDocumentLoader) loader = yp_document_loader_new (f->file);
  g_autoptr(YpDocumentLoader) again = yp_document_loader_new (f->file);
  g_autoptr(YpDocumentLoader) reused = yp_document_loader_new (f->file);
  g_autoptr(GError) error = NULL;
  g_autoptr(YpRecord) record = NULL;

  yp_document_loader_set_step_func (loader, replace_step, f);
  record = load (loader, NULL, &error);
  g_assert_true (g_object_get_data (G_OBJECT (loader), "replaced") != NULL);
  g_assert_null (record);
  g_assert_error (error, YP_ERROR, YP_ERROR_CHANGED);
  g_assert_cmpuint (n_cache_files (), ==, 0);
  g_clear_error (&error);

  record = load (again, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (yp_record_get_events (record)), ==, 1);
  g_assert_true (write_cache (again, NULL, &error));
  g_clear_object (&record);
  record = load (reused, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (yp_document_loader_get_cache_pending (reused));
  g_assert_cmpuint (g_list_model_get_n_items (yp_record_get_events (record)), ==, 1);
}

/* A file saved over after its first open read it, before the cache of
 * the record shown as parsed is written: the write is refused (the cache
 * would hold the old events under the new file's identity), the record
 * stays in memory, and the next open reads the new file. */
static void
test_replaced_before_write (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(YpDocumentLoader) loader = yp_document_loader_new (f->file);
  g_autoptr(YpDocumentLoader) again = yp_document_loader_new (f->file);
  g_autofree char *tmp_dir = g_build_filename (f->dir, "new", NULL);
  g_autofree char *tmp = g_build_filename (tmp_dir, "timeline.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(YpRecord) record = load (loader, NULL, &error);
  g_autoptr(YpRecord) next = NULL;

  g_assert_no_error (error);
  g_assert_true (yp_document_loader_get_cache_pending (loader));
  g_assert_cmpint (g_mkdir (tmp_dir, 0700), ==, 0);
  write_timeline (tmp_dir, tmp, 1);
  g_assert_cmpint (g_rename (tmp, f->path), ==, 0);

  g_test_expect_message ("yp-cache", G_LOG_LEVEL_MESSAGE, "*changed after it was read; its cache is not written");
  g_assert_false (write_cache (loader, NULL, &error));
  g_test_assert_expected_messages ();
  g_assert_error (error, YP_ERROR, YP_ERROR_CHANGED);
  g_assert_cmpuint (n_cache_files (), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (yp_record_get_events (record)), ==, N_EVENTS);
  g_clear_error (&error);

  next = load (again, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (yp_record_get_events (next)), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(name, func, data) \
  g_test_add ("/document-loader/" name, Fixture, data, fixture_set_up, func, fixture_tear_down)
  ADD ("load", test_load, NULL);
  ADD ("fraction-on-main-thread", test_fraction_on_main_thread, NULL);
  ADD ("missing-file", test_missing_file, NULL);
  ADD ("cancel-before-start", test_cancel_before_start, NULL);
  ADD ("cancel-mid-parse", test_cancel_mid_parse, GINT_TO_POINTER (FALSE));
  ADD ("cancel-mid-parse-streamed", test_cancel_mid_parse, GINT_TO_POINTER (TRUE));
  ADD ("cancel-timelinejs-parse", test_cancel_timelinejs_parse, GINT_TO_POINTER (FALSE));
  ADD ("cancel-timelinejs-parse-streamed", test_cancel_timelinejs_parse, GINT_TO_POINTER (TRUE));
  ADD ("cancel-during-write", test_cancel_during_write, NULL);
  ADD ("replaced-while-read", test_replaced_while_read, NULL);
  ADD ("replaced-before-write", test_replaced_before_write, NULL);
#undef ADD
  return g_test_run ();
}
