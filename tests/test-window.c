/* test-window.c: the real window, on a real (virtual) display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <gtk/gtk.h>
#include <gdk/x11/gdkx.h>

#include "yp-application-private.h"
#include "yp-article-view.h"
#include "yp-cache.h"
#include "yp-event-list.h"
#include "yp-format.h"
#include "yp-opening-window-private.h"
#include "yp-result-slot.h"
#include "yp-event-card.h"
#include "yp-export-dialog.h"
#include "yp-filter-popover.h"
#include "yp-result-row.h"
#include "yp-source-row.h"
#include "yp-story-page.h"
#include "yp-window-private.h"
#include "yp-test-ui.h"
#include "yp-event-list-private.h"
#include "yp-test-util.h"

static YpApplication *app;

static gboolean
nothing_opening (gpointer data)
{
  return yp_application_get_n_opening (app) == 0;
}

static gboolean
no_cache_writing (gpointer data)
{
  return yp_application_get_n_writing (app, NULL) == 0;
}

static gboolean
all_windows_mapped (void)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    if (!gtk_widget_get_mapped (l->data))
      return FALSE;
  return TRUE;
}

/* Files are read in a worker thread: until it is done, and until the
 * cache a first open writes after the window's first frame is in place
 * (the test's folders go when it ends). */
static void
wait_opened (void)
{
  YP_TEST_WAIT_UNTIL (nothing_opening (NULL));
  YP_TEST_WAIT_UNTIL (no_cache_writing (NULL));
  /* The window it made, mapped. */
  YP_TEST_WAIT_UNTIL (all_windows_mapped ());
}

static gboolean
list_has_model (gpointer list)
{
  return gtk_list_view_get_model (list) != NULL;
}

static YpWindow *
open_window (void)
{
  return yp_test_present_window (app);
}

/* Destroyed, not closed: a close would save the view for the next test. */
static void
close_window (YpWindow *window)
{
  yp_test_destroy_window (GTK_WINDOW (window));
}

/* The Sources list, on its page, as a user picks it. */
static GtkSelectionModel *
show_sources (YpWindow *window)
{
  gtk_stack_set_visible_child_name (yp_window_get_list_stack (window), "sources");
  return gtk_list_view_get_model (yp_window_get_source_list (window));
}

static guint
source_position (YpWindow   *window,
                 const char *id)
{
  GListModel *model = G_LIST_MODEL (show_sources (window));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(YpSource) s = g_list_model_get_item (model, i);
      if (g_str_equal (yp_source_get_id (s), id))
        return i;
    }
  g_assert_not_reached ();
}

static gboolean
article_shows (YpWindow   *window,
               const char *id)
{
  YpSource *shown = yp_article_view_get_source (yp_window_get_article_view (window));

  return shown != NULL && g_str_equal (yp_source_get_id (shown), id);
}

static void
select_source (YpWindow   *window,
               const char *id)
{
  GtkSelectionModel *model = show_sources (window);

  gtk_selection_model_select_item (model, source_position (window, id), TRUE);
  YP_TEST_WAIT_UNTIL (article_shows (window, id));
}

static void
test_lists_five_sources (void)
{
  YpWindow *window = open_window ();
  GListModel *model;

  /* The list on its page not shown has made no rows yet. */
  g_assert_null (gtk_list_view_get_model (yp_window_get_source_list (window)));
  model = G_LIST_MODEL (show_sources (window));
  g_assert_nonnull (model);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 5);
  /* Nothing chosen yet: the pane invites the user to choose. */
  g_assert_null (yp_article_view_get_source (yp_window_get_article_view (window)));
  close_window (window);
}

static void
test_selecting_shows_article (void)
{
  YpWindow *window = open_window ();
  YpArticleView *view = yp_window_get_article_view (window);
  YpRecord *record = yp_window_get_record (window);
  g_autofree char *text = NULL;
  guint n;

  select_source (window, "themiilk-20231121");
  g_assert_cmpstr (yp_source_get_id (yp_article_view_get_source (view)), ==, "themiilk-20231121");

  text = yp_article_view_dup_text (view);
  /* Header: outlet, headline, author. */
  g_assert_true (g_str_has_prefix (text, "The Miilk\nAI가 뒤집어졌다. 3일만에\n"));
  g_assert_nonnull (strstr (text, "손재권"));
  /* Body, without the page furniture of the crawl. */
  g_assert_nonnull (strstr (text, "\"이제 챗GPT를 어떻게 믿고 쓸 수 있겠어요?\""));
  /* (the file has a no-break space before 드림) */
  g_assert_nonnull (strstr (text, "더밀크 손재권\u00a0드림"));
  g_assert_null (strstr (text, "[뷰스레터플러스]"));
  g_assert_null (strstr (text, "회원가입 후 뷰스레터를"));
  g_assert_null (strstr (text, "reporter-profile"));
  {
    /* A file that names no outlet: the headline heads the article, and
     * the note says what the file tells of the site. */
    g_autofree char *repost = NULL;

    select_source (window, "repost-20231118");
    repost = yp_article_view_dup_text (view);
    g_assert_true (g_str_has_prefix (repost, "오픈AI, 왜 알트먼 쫓아냈나…AI 안전성 vs 수익 갈등\n"));
    g_assert_nonnull (strstr (repost, "the original outlet is not named in the file"));
    select_source (window, "themiilk-20231121");
  }

  /* Every passage an event cites from this article is highlighted. */
  n = yp_article_view_get_n_highlights (view);
  g_assert_cmpuint (n, >=, 10);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *event_id = NULL;
      g_autofree char *shown = yp_article_view_dup_highlight (view, i, &event_id);
      YpEvent *event = yp_record_lookup_event (record, event_id);
      gboolean matches = FALSE;

      g_assert_nonnull (shown);
      g_assert_nonnull (event);
      for (guint j = 0; j < yp_event_get_n_citations (event); j++)
        matches |= g_str_equal (yp_citation_get_quote (yp_event_get_citation (event, j)), shown);
      g_assert_true (matches);
    }
  close_window (window);
}

static void
test_original_text (void)
{
  YpWindow *window = open_window ();
  YpArticleView *view = yp_window_get_article_view (window);
  g_autofree char *original = NULL;
  g_autofree char *reading = NULL;
  g_autofree char *seed = NULL;
  g_autofree char *seed_path = g_test_build_filename (G_TEST_DIST, "..", "seeds", "000_d55c764c953645c0.txt", NULL);

  select_source (window, "danawa-20250717");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-original", NULL));
  g_assert_true (yp_article_view_get_show_original (view));
  original = yp_article_view_dup_text (view);
  /* The original is the file exactly, furniture included. */
  g_assert_true (g_file_get_contents (seed_path, &seed, NULL, NULL));
  g_assert_cmpstr (original, ==, seed);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-original", NULL));
  g_assert_false (yp_article_view_get_show_original (view));
  reading = yp_article_view_dup_text (view);
  g_assert_null (strstr (reading, "다나와 앱 서비스 목록"));
  close_window (window);
}

static void
test_untitled_source (void)
{
  YpWindow *window = open_window ();
  g_autofree char *text = NULL;

  /* AI Times' file has no headline: the pane says so rather than invent one. */
  select_source (window, "aitimes-20250715");
  text = yp_article_view_dup_text (yp_window_get_article_view (window));
  g_assert_true (g_str_has_prefix (text, "AI Times\nNo headline in the file\n"));
  g_assert_nonnull (strstr (text, "about 15 July 2025"));
  close_window (window);
}

static void
test_remembers_source_and_size (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  YpWindow *window = open_window ();
  g_autofree char *last = NULL;
  int w, h;

  select_source (window, "repost-20231118");
  last = g_settings_get_string (settings, "last-source");
  g_assert_cmpstr (last, ==, "repost-20231118");
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 640);
  yp_test_wait_for_frame (GTK_WIDGET (window));
  yp_test_close_window (GTK_WINDOW (window));
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 900);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 640);

  /* A new window opens the same article at the same size. */
  window = open_window ();
  g_assert_cmpstr (yp_source_get_id (yp_article_view_get_source (yp_window_get_article_view (window))),
                   ==, "repost-20231118");
  gtk_window_get_default_size (GTK_WINDOW (window), &w, &h);
  g_assert_cmpint (w, ==, 900);
  g_assert_cmpint (h, ==, 640);

  /* A stale id (a source that no longer exists) is ignored. */
  close_window (window);
  g_settings_set_string (settings, "last-source", "no-such-source");
  window = open_window ();
  g_assert_null (yp_article_view_get_source (yp_window_get_article_view (window)));
  close_window (window);
}

static guint
count_windows (void)
{
  guint n = 0;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    n += YP_IS_WINDOW (l->data);
  return n;
}

static void
test_open_broken_files_keeps_window (void)
{
  YpWindow *window = open_window ();
  YpRecord *record = yp_window_get_record (window);
  const char *broken[] = {
    "truncated.json", "wrong-format.json", "newer-version.json", "not-an-object.json", "empty.json",
    "nul-byte.json", "bad-utf8.json", "no-such-file.json", ".", "truncated.json",
  };
  guint before = count_windows ();

  /* Ten broken files in a row: the window stays, with what it showed. */
  for (guint i = 0; i < G_N_ELEMENTS (broken); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", broken[i], NULL);
      const char *banner;

      yp_application_open_path (app, path, GTK_WINDOW (window));
      wait_opened ();
      banner = yp_window_get_banner_text (window);
      g_assert_nonnull (banner);
      g_test_message ("%s", banner);
      /* The message names the file. */
      g_assert_nonnull (strstr (banner, broken[i][0] == '.' ? "data" : broken[i]));
    }
  g_assert_cmpuint (count_windows (), ==, before);
  g_assert_true (yp_window_get_record (window) == record);
  g_assert_cmpuint (g_list_model_get_n_items (yp_record_get_events (record)), >=, 30);
  close_window (window);
}

static GtkDropTarget *
find_drop_target (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) c = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (c))
        return GTK_DROP_TARGET (c);
    }
  return NULL;
}

/* Files dropped on the window are opened as the Open dialog's are: here a
 * remote one and a broken one, each said in the banner, nothing else
 * opened, the window keeping what it shows. */
static void
test_drop_files (void)
{
  YpWindow *window = open_window ();
  YpRecord *record = yp_window_get_record (window);
  GtkDropTarget *target = find_drop_target (GTK_WIDGET (window));
  g_autofree char *broken = g_test_build_filename (G_TEST_DIST, "data", "truncated.json", NULL);
  GSList *files = NULL;
  GValue value = G_VALUE_INIT;
  gboolean accepted = FALSE;
  guint before = count_windows ();
  const GType *types;
  gsize n_types = 0;

  g_assert_nonnull (target);
  types = gtk_drop_target_get_gtypes (target, &n_types);
  g_assert_cmpuint (n_types, ==, 1);
  g_assert_true (types[0] == GDK_TYPE_FILE_LIST);

  files = g_slist_append (files, g_file_new_for_uri ("https://example.com/timeline.json"));
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, files);
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
  g_value_unset (&value);
  g_assert_true (accepted);
  g_assert_nonnull (yp_window_get_banner_text (window));
  g_assert_nonnull (strstr (yp_window_get_banner_text (window), "https://example.com/timeline.json"));
  g_assert_nonnull (strstr (yp_window_get_banner_text (window), "only local files"));

  files = g_slist_append (NULL, g_file_new_for_path (broken));
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, files);
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
  g_value_unset (&value);
  wait_opened ();
  g_assert_true (accepted);
  g_assert_nonnull (strstr (yp_window_get_banner_text (window), "truncated.json"));

  g_assert_cmpuint (count_windows (), ==, before);
  g_assert_true (yp_window_get_record (window) == record);
  close_window (window);
}

static gboolean
recent_list_written (gpointer data)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "recently-used.xbel", NULL);

  return g_file_test (path, G_FILE_TEST_EXISTS);
}

static gboolean
file_exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

static void
test_open_other_timeline (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "broken-events.json", NULL);
  g_autofree char *abs = g_canonicalize_filename (path, NULL);
  g_auto(GStrv) recent = NULL;
  YpWindow *main_window = open_window ();
  YpWindow *other = NULL;
  guint before = count_windows ();

  yp_application_open_path (app, path, GTK_WINDOW (main_window));
  wait_opened ();
  g_assert_cmpuint (count_windows (), ==, before + 1);
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    if (YP_IS_WINDOW (l->data) && g_strcmp0 (yp_window_get_path (l->data), abs) == 0)
      other = l->data;
  g_assert_nonnull (other);
  /* Its own record, its problems in its own banner, its name in the title. */
  g_assert_cmpuint (g_list_model_get_n_items (yp_record_get_events (yp_window_get_record (other))), ==, 4);
  g_assert_nonnull (yp_window_get_banner_text (other));
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (other)), "Test"));
  /* Opening it again raises it. */
  yp_application_open_path (app, path, GTK_WINDOW (main_window));
  g_assert_cmpuint (yp_application_get_n_opening (app), ==, 0);
  yp_test_settle ();
  g_assert_cmpuint (count_windows (), ==, before + 1);
  recent = g_settings_get_strv (settings, "recent-files");
  {
    g_autofree char *first = yp_application_dup_recent_path (recent[0]);

    g_assert_true (g_str_has_prefix (recent[0], "file://"));
    g_assert_cmpstr (first, ==, abs);
  }
  /* GTK's recent files list is written a moment later, into this test's
   * own data folder, which goes when the test ends. */
  YP_TEST_WAIT_UNTIL (recent_list_written (NULL));
  gtk_window_destroy (GTK_WINDOW (other));
  close_window (main_window);
}

static char *write_generated (const char *dir,
                              guint       n);
static YpWindow *find_window_for (const char *abs);

/* A file whose name is not UTF-8 (bytes 0xff 0xfe, as a Latin-1 system
 * writes "ÿþ") opens without a GLib critical (the tests abort on one),
 * its name shown as GLib displays file names, and comes back from the
 * recent files menu (issue 18, item 6). */
static void
test_non_utf8_file_name (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *dir = g_dir_make_tmp ("yp-window-XXXXXX", NULL);
  g_autofree char *made = write_generated (dir, 10);
  g_autofree char *path = g_build_filename (dir, "t\xff\xfe.json", NULL);
  g_autofree char *display = g_filename_display_basename (path);
  g_autofree char *item_target = NULL;
  g_auto(GStrv) recent = NULL;
  g_autofree char *from_setting = NULL;
  g_autofree char *recent_file = NULL;
  g_autofree char *recent_dir = NULL;
  YpWindow *main_window = open_window ();
  YpWindow *window;
  GMenuModel *menu;
  guint before = count_windows ();

  g_assert_false (g_utf8_validate (path, -1, NULL));
  g_assert_cmpint (g_rename (made, path), ==, 0);
  /* GTK's recent files list keeps the folder of the test that first used
   * it (open-other-timeline), gone by now: have it there while GTK
   * writes the list, which it does a moment after the open. */
  g_object_get (gtk_recent_manager_get_default (), "filename", &recent_file, NULL);
  recent_dir = g_path_get_dirname (recent_file);
  g_assert_cmpint (g_mkdir_with_parents (recent_dir, 0700), ==, 0);
  g_unlink (recent_file);
  yp_application_open_path (app, path, GTK_WINDOW (main_window));
  wait_opened ();
  g_assert_cmpuint (count_windows (), ==, before + 1);
  window = find_window_for (path);
  g_assert_nonnull (window);
  g_assert_cmpuint (g_list_model_get_n_items (yp_record_get_events (yp_window_get_record (window))), ==, 10);
  g_assert_null (yp_window_get_banner_text (window));

  /* Remembered as GLib stores file names in text: a URI. */
  recent = g_settings_get_strv (settings, "recent-files");
  g_assert_nonnull (recent[0]);
  g_assert_true (g_utf8_validate (recent[0], -1, NULL));
  from_setting = g_filename_from_uri (recent[0], NULL, NULL);
  g_assert_cmpstr (from_setting, ==, path);

  /* The recent files menu names it for display and opens it again. */
  menu = G_MENU_MODEL (main_window->recent_menu);
  g_assert_cmpint (g_menu_model_get_n_items (menu), >=, 1);
  {
    g_autoptr(GVariant) label = g_menu_model_get_item_attribute_value (menu, 0, G_MENU_ATTRIBUTE_LABEL,
                                                                       G_VARIANT_TYPE_STRING);
    g_autoptr(GVariant) target = g_menu_model_get_item_attribute_value (menu, 0, G_MENU_ATTRIBUTE_TARGET,
                                                                        G_VARIANT_TYPE_STRING);

    g_assert_nonnull (label);
    g_assert_cmpstr (g_variant_get_string (label, NULL), ==, display);
    g_assert_nonnull (target);
    item_target = g_variant_dup_string (target, NULL);
  }
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_null (find_window_for (path));
  g_action_group_activate_action (G_ACTION_GROUP (app), "open-recent", g_variant_new_string (item_target));
  wait_opened ();
  window = find_window_for (path);
  g_assert_nonnull (window);
  gtk_window_destroy (GTK_WINDOW (window));
  close_window (main_window);
  YP_TEST_WAIT_UNTIL (file_exists (recent_file));
  g_unlink (path);
}

/* A timeline of @n events, a day apart, in three categories, citing one
 * source, written into @dir. */
static char *
write_generated (const char *dir,
                 guint       n)
{
  const char *categories[] = { "people", "product", "business" };
  g_autofree char *seed = g_build_filename (dir, "s.txt", NULL);
  char *path = g_build_filename (dir, "generated.json", NULL);
  g_autoptr(GString) json = g_string_new ("{\"format\": \"yeonpyo-timeline\", \"version\": 1,"
                                          " \"title\": {\"ko\": \"생성\", \"en\": \"Generated\"},"
                                          " \"sources\": [{\"id\": \"s\", \"file\": \"s.txt\","
                                          " \"language\": \"ko\", \"body\": [[1, 1]]}],"
                                          " \"eras\": [{\"id\": \"all\", \"name\": {\"ko\": \"전체\", \"en\": \"All\"},"
                                          " \"start\": \"2023-01-01\", \"end\": \"2026-12-31\", \"timezone\": \"UTC\"}],"
                                          " \"events\": [");
  g_autoptr(GDateTime) day0 = g_date_time_new_utc (2023, 11, 1, 0, 0, 0);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GDateTime) day = g_date_time_add_hours (day0, i * 3);
      g_autofree char *date = g_date_time_format (day, "%Y-%m-%dT%H:%M");

      g_string_append_printf (json,
                              "%s{\"id\": \"e%05u\", \"date\": \"%s\", \"precision\": \"exact\","
                              " \"timezone\": \"UTC\", \"category\": \"%s\", \"era\": \"all\","
                              " \"citations\": [{\"source\": \"s\", \"quote\": \"출처의 문장.\"}],"
                              " \"title\": {\"ko\": \"사건 %05u\", \"en\": \"Event %05u\"},"
                              " \"summary\": {\"ko\": \"요약\", \"en\": \"Summary\"}}",
                              i ? ", " : "", i, date, categories[i % 3], i, i);
    }
  g_string_append (json, "]}");
  g_file_set_contents (seed, "출처의 문장.", -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (path, json->str, json->len, &error);
  g_assert_no_error (error);
  return path;
}

static guint
n_made (YpWindow *window)
{
  return yp_event_list_get_n_made (YP_EVENT_LIST (yp_record_get_events (yp_window_get_record (window))));
}

/* A window over a large timeline makes the event objects of what it
 * draws and lists, not of every event: when it opens, when its list of
 * events is shown, and when a filter changes what is shown. */
static void
test_large_timeline_makes_few_events (void)
{
  g_autofree char *dir = g_dir_make_tmp ("yp-window-XXXXXX", NULL);
  g_autofree char *path = write_generated (dir, 6000);
  g_autoptr(GError) error = NULL;
  g_autoptr(YpRecord) record = NULL;
  YpWindow *window;
  YpSession *session;
  guint made;

  /* Through the cache, as the application opens files, but without the
   * application's recent files (GTK writes those later, into a folder
   * that the test framework may have removed). */
  record = yp_cache_load (path, dir, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (yp_record_count_problems (record, YP_SEVERITY_ERROR), ==, 0);
  window = yp_window_new (GTK_APPLICATION (app), record, NULL);
  gtk_window_present (GTK_WINDOW (window));
  YP_TEST_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window)));
  yp_test_wait_for_frame (GTK_WIDGET (yp_window_get_timeline (window)));
  YP_TEST_WAIT_UNTIL (n_made (window) > 0);
  session = yp_window_get_session (window);
  g_assert_true (yp_event_list_is_lazy (YP_EVENT_LIST (yp_record_get_events (yp_window_get_record (window)))));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (session)), ==, 6000);
  made = n_made (window);
  g_test_message ("events made once drawn: %u of 6000", made);
  g_assert_cmpuint (made, >, 0);
  g_assert_cmpuint (made, <, 1000);

  gtk_stack_set_visible_child_name (yp_window_get_list_stack (window), "events");
  /* The list gets its model after the window's first frame. */
  YP_TEST_WAIT_UNTIL (list_has_model (yp_window_get_event_list (window)));
  yp_test_wait_for_frame (GTK_WIDGET (yp_window_get_event_list (window)));
  g_assert_true (yp_window_set_filter (window, "product", TRUE));
  YP_TEST_WAIT_UNTIL (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (yp_window_get_event_list (window)))) == 2000);
  yp_test_wait_for_frame (GTK_WIDGET (yp_window_get_event_list (window)));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (session)), ==, 2000);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (yp_window_get_event_list (window)))),
                    ==, 2000);
  g_test_message ("events made after listing and filtering: %u of 6000", n_made (window));
  g_assert_cmpuint (n_made (window), <, 1500);

  close_window (window);
}

/* The story-scale toggle is insensitive (greyed in the menu) for a
 * timeline whose events are spread evenly: it is drawn in linear time
 * whatever the setting. The shipped, bursty story keeps it usable, and
 * the action still writes the remembered key. */
static void
test_story_scale_only_when_bursty (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *dir = g_dir_make_tmp ("yp-window-XXXXXX", NULL);
  g_autofree char *path = write_generated (dir, 60);
  g_autoptr(GError) error = NULL;
  g_autoptr(YpRecord) record = NULL;
  YpWindow *main_window = open_window ();
  YpWindow *even;

  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (main_window), "story-scale"));
  g_settings_set_boolean (settings, "story-scale", TRUE);
  g_action_group_change_action_state (G_ACTION_GROUP (main_window), "story-scale", g_variant_new_boolean (FALSE));
  g_assert_false (g_settings_get_boolean (settings, "story-scale"));
  g_assert_false (yp_session_get_story_scale (yp_window_get_session (main_window)));
  g_settings_set_boolean (settings, "story-scale", TRUE);
  {
    g_autoptr(GVariant) state = g_action_group_get_action_state (G_ACTION_GROUP (main_window), "story-scale");

    g_assert_true (g_variant_get_boolean (state));
  }

  record = yp_cache_load (path, dir, NULL, &error);
  g_assert_no_error (error);
  even = yp_window_new (GTK_APPLICATION (app), record, NULL);
  gtk_window_present (GTK_WINDOW (even));
  YP_TEST_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (even)));
  g_assert_false (yp_session_is_bursty (yp_window_get_session (even)));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (even), "story-scale"));
  /* A disabled action ignores activation: the setting stays. */
  g_action_group_activate_action (G_ACTION_GROUP (even), "story-scale", NULL);
  g_assert_true (g_settings_get_boolean (settings, "story-scale"));

  close_window (even);
  close_window (main_window);
}

static GtkWidget *
citation_button (YpWindow *window,
                 guint     index)
{
  GtkButton *button = yp_event_card_get_citation_button (yp_window_get_event_card (window), index);

  return button ? GTK_WIDGET (button) : NULL;
}

/* The card shows @n citation buttons, laid out. */
static gboolean
citation_buttons_shown (YpWindow *window,
                        guint     n)
{
  GtkWidget *last = citation_button (window, n - 1);

  return last != NULL && citation_button (window, n) == NULL &&
         gtk_widget_get_mapped (last) && gtk_widget_get_width (last) > 0;
}

/* Each citation's button shows its outlet in full, however many the
 * event has (they wrap onto more lines), and a click makes it current. */
static void
test_citation_buttons_not_squeezed (void)
{
  YpWindow *window = open_window ();
  YpRecord *record = yp_window_get_record (window);
  const char *ids[] = { "french-owen-blog", "codex-built-in-7-weeks" };

  for (guint k = 0; k < G_N_ELEMENTS (ids); k++)
    {
      YpEvent *event = yp_record_lookup_event (record, ids[k]);
      guint n = yp_event_get_n_citations (event);

      g_assert_cmpuint (n, >=, 5);
      yp_session_select (yp_window_get_session (window), event);
      YP_TEST_WAIT_UNTIL (citation_buttons_shown (window, n));
      for (guint i = 0; i < n; i++)
        {
          GtkWidget *button = citation_button (window, i);
          GtkLabel *label = GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button)));

          g_assert_true (gtk_widget_get_mapped (button));
          g_assert_nonnull (strstr (gtk_label_get_text (label), " · "));
          g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (label)));
        }
      g_assert_null (citation_button (window, n));
    }

  g_signal_emit_by_name (citation_button (window, 1), "clicked");
  YP_TEST_WAIT_UNTIL (gtk_widget_has_css_class (citation_button (window, 1), "current"));
  g_assert_true (gtk_widget_has_css_class (citation_button (window, 1), "current"));
  g_assert_false (gtk_widget_has_css_class (citation_button (window, 0), "current"));
  close_window (window);
}

/* The labels of an event's citation buttons, as the card makes them. */
static GPtrArray *
citation_labels (YpRecord *record,
                 YpEvent  *event)
{
  GPtrArray *labels = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < yp_event_get_n_citations (event); i++)
    g_ptr_array_add (labels, yp_event_card_citation_label (record, event, i));
  return labels;
}

/* The card's citation buttons are @labels. */
static gboolean
card_has_labels (YpWindow  *window,
                 GPtrArray *labels)
{
  for (guint i = 0; i < labels->len; i++)
    if (citation_button (window, i) == NULL ||
        g_strcmp0 (gtk_button_get_label (GTK_BUTTON (citation_button (window, i))), g_ptr_array_index (labels, i)) != 0)
      return FALSE;
  return citation_button (window, labels->len) == NULL;
}

/* The buttons under an event tell its citations apart: no two say the
 * same, each names its outlet (or headline) and day, and none is headed
 * "Outlet not named". */
static void
test_citation_labels_unique (void)
{
  YpWindow *window = open_window ();
  YpRecord *record = yp_window_get_record (window);
  GListModel *events = yp_record_get_events (record);
  YpEvent *codex = yp_record_lookup_event (record, "codex-built-in-7-weeks");
  guint n_checked = 0;

  for (guint k = 0; k < g_list_model_get_n_items (events); k++)
    {
      g_autoptr(YpEvent) event = g_list_model_get_item (events, k);
      g_autoptr(GPtrArray) labels = citation_labels (record, event);

      for (guint i = 0; i < labels->len; i++)
        {
          const char *label = g_ptr_array_index (labels, i);

          g_assert_null (strstr (label, "not named"));
          g_assert_nonnull (strstr (label, " · "));
          for (guint j = 0; j < i; j++)
            g_assert_cmpstr (label, !=, g_ptr_array_index (labels, j));
          n_checked++;
        }
    }
  g_assert_cmpuint (n_checked, >, 60);

  /* The buttons shown say what the card computes; the day of a source
   * written on 17 July 2025 is in its button. */
  yp_session_select (yp_window_get_session (window), codex);
  {
    g_autoptr(GPtrArray) labels = citation_labels (record, codex);
    gboolean seen_day = FALSE;

    YP_TEST_WAIT_UNTIL (card_has_labels (window, labels));

    for (guint i = 0; i < labels->len; i++)
      {
        GtkWidget *button = citation_button (window, i);

        g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, g_ptr_array_index (labels, i));
        seen_day |= strstr (g_ptr_array_index (labels, i), "17 July 2025") != NULL;
      }
    g_assert_true (seen_day);
  }
  close_window (window);
}

/* At launch the pane holds the story, not a placeholder: its title, its
 * span and size, its five sources; selecting an event opens the reading
 * pane, and Back returns to the story. */
/* The event card is made when an event is first selected, hidden until
 * then; it shows the selection and hides again without one. */
static void
test_event_card_made_when_selected (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  YpWindow *window;
  YpEvent *event;
  YpEventCard *card;

  g_settings_reset (settings, "selected-event");
  window = open_window ();
  event = yp_record_lookup_event (yp_window_get_record (window), "altman-removed");
  g_assert_null (window->event_card);

  yp_session_select (yp_window_get_session (window), event);
  card = window->event_card;
  g_assert_nonnull (card);
  g_assert_true (gtk_widget_is_ancestor (GTK_WIDGET (card), GTK_WIDGET (window->card_scroller)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (card)));
  g_assert_true (yp_event_card_get_event (card) == event);

  yp_session_select (yp_window_get_session (window), NULL);
  g_assert_true (window->event_card == card);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (card)));
  close_window (window);
}

static GtkLabel *
first_selectable_label (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_label_get_selectable (GTK_LABEL (widget)))
    return GTK_LABEL (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = first_selectable_label (child);

      if (found)
        return found;
    }
  return NULL;
}

/* Tab onto the card's title shows the focus; it does not select the text. */
static void
test_card_text_not_selected_on_focus (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  YpWindow *window;
  GtkLabel *title;
  int start = -1, end = -1;

  g_settings_reset (settings, "selected-event");
  window = open_window ();
  yp_session_select (yp_window_get_session (window),
                     yp_record_lookup_event (yp_window_get_record (window), "altman-removed"));
  title = first_selectable_label (GTK_WIDGET (window->event_card));
  g_assert_nonnull (title);
  g_assert_cmpstr (gtk_label_get_text (title), !=, "");
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (title)));
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (title)));
  g_assert_false (gtk_label_get_selection_bounds (title, &start, &end));
  close_window (window);
}

/* The font a widget's text is measured with must be the one cairo draws
 * it with into an image surface (GTK's renderers draw text there), or
 * every glyph is loaded from FreeType again for drawing. @text is laid out
 * with @widget's own context, as its labels are. */
static void
assert_measured_font_draws (GtkWidget  *widget,
                            const char *text)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
  PangoLayoutLine *line = pango_layout_get_line_readonly (layout, 0);
  PangoGlyphItem *run;
  cairo_scaled_font_t *measured;
  cairo_surface_t *surface;
  cairo_t *cr;

  g_assert_nonnull (line);
  g_assert_nonnull (line->runs);
  run = line->runs->data;
  measured = pango_cairo_font_get_scaled_font (PANGO_CAIRO_FONT (run->item->analysis.font));
  g_assert_nonnull (measured);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cr = cairo_create (surface);
  cairo_set_scaled_font (cr, measured);
  g_assert_true (cairo_get_scaled_font (cr) == measured);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static GtkWidget *
first_label_with_text (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && *gtk_label_get_text (GTK_LABEL (widget)) != '\0')
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = first_label_with_text (child);

      if (found)
        return found;
    }
  return NULL;
}

/* The window's text is drawn with the fonts it was measured with, and
 * GTK's settings still choose how glyphs are hinted and placed. */
static void
test_text_drawn_with_measured_fonts (void)
{
  YpWindow *window = open_window ();
  GtkWidget *title = first_label_with_text (GTK_WIDGET (yp_window_get_story_page (window)));
  GtkWidget *fresh = gtk_label_new (NULL);
  GtkWidget *row_label;
  const cairo_font_options_t *ours, *settings;

  g_object_ref_sink (fresh);
  g_assert_nonnull (title);
  assert_measured_font_draws (title, "OpenAI, 2023 – 2025");
  assert_measured_font_draws (title, "오픈AI 연표");
  assert_measured_font_draws (GTK_WIDGET (yp_window_get_timeline (window)), "Altman visits OpenAI");
  /* The rows a list makes later too. */
  gtk_stack_set_visible_child_name (yp_window_get_list_stack (window), "events");
  YP_TEST_WAIT_UNTIL (list_has_model (yp_window_get_event_list (window)));
  yp_test_wait_for_frame (GTK_WIDGET (yp_window_get_event_list (window)));
  row_label = first_label_with_text (GTK_WIDGET (yp_window_get_event_list (window)));
  g_assert_nonnull (row_label);
  assert_measured_font_draws (row_label, "Altman visits OpenAI");

  ours = pango_cairo_context_get_font_options (gtk_widget_get_pango_context (title));
  settings = pango_cairo_context_get_font_options (gtk_widget_get_pango_context (fresh));
  g_assert_nonnull (ours);
  g_assert_nonnull (settings);
  g_assert_cmpint (cairo_font_options_get_hint_metrics (ours), ==, cairo_font_options_get_hint_metrics (settings));
  g_assert_cmpint (cairo_font_options_get_hint_style (ours), ==, cairo_font_options_get_hint_style (settings));
  g_assert_cmpint (cairo_font_options_get_antialias (ours), ==, cairo_font_options_get_antialias (settings));
  g_assert_cmpint (cairo_font_options_get_subpixel_order (ours), ==, cairo_font_options_get_subpixel_order (settings));
  g_object_unref (fresh);
  close_window (window);
}

static void
test_story_page_at_launch (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  YpWindow *window;
  YpRecord *record;
  YpStoryPage *page;
  g_autofree char *events = NULL;

  /* Even with a selection to restore, the pane opens on the story. */
  g_settings_set_string (settings, "selected-event", "french-owen-blog");
  window = open_window ();
  record = yp_window_get_record (window);
  page = yp_window_get_story_page (window);
  events = g_strdup_printf ("%u events", g_list_model_get_n_items (yp_record_get_events (record)));
  g_assert_nonnull (yp_session_get_selected (yp_window_get_session (window)));

  g_assert_cmpstr (yp_window_get_pane (window), ==, "lists");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (yp_window_get_list_stack (window)), ==, "story");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (page)));
  g_assert_cmpstr (yp_story_page_get_title (page), ==, yp_record_get_title (record, yp_content_lang ()));
  g_assert_nonnull (strstr (yp_story_page_get_span (page), "November 2023 – July 2025"));
  g_assert_nonnull (strstr (yp_story_page_get_span (page), events));
  g_assert_cmpuint (yp_story_page_get_n_sources (page), ==, 5);

  /* (An earlier test's selection comes back, but not its pane.) */
  yp_session_select (yp_window_get_session (window), NULL);
  yp_session_select (yp_window_get_session (window), yp_record_lookup_event (record, "codex-built-in-7-weeks"));
  /* (After the pane's cross-fade, which a sanitizer build slows.) */
  YP_TEST_WAIT_UNTIL (!gtk_widget_get_mapped (GTK_WIDGET (page)));
  g_assert_cmpstr (yp_window_get_pane (window), ==, "reading");
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (page)));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL);
  YP_TEST_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (page)));
  g_assert_cmpstr (yp_window_get_pane (window), ==, "lists");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (page)));
  close_window (window);
}

/* Each source on the story page is headed by what tells it apart: its
 * outlet, or for the two sources whose files name none, their headline
 * (not repeated under it), never the placeholder "Outlet not named". */
static void
test_story_page_source_headings (void)
{
  YpWindow *window = open_window ();
  YpStoryPage *page = yp_window_get_story_page (window);
  g_autoptr(GPtrArray) headings = g_ptr_array_new ();
  guint without_outlet = 0;

  g_assert_cmpuint (yp_story_page_get_n_sources (page), ==, 5);
  for (guint i = 0; i < yp_story_page_get_n_sources (page); i++)
    {
      YpSourceRow *row = yp_story_page_get_source_row (page, i);
      YpSource *source = yp_source_row_get_source (row);
      const char *outlet = yp_source_get_outlet (source, yp_ui_lang ());
      const char *heading = yp_source_row_get_heading (row);

      g_assert_nonnull (heading);
      g_assert_null (strstr (heading, "Outlet not named"));
      g_assert_false (g_ptr_array_find_with_equal_func (headings, heading, g_str_equal, NULL));
      g_ptr_array_add (headings, (gpointer) heading);
      if (outlet != NULL)
        g_assert_cmpstr (heading, ==, outlet);
      else
        {
          without_outlet++;
          g_assert_cmpstr (heading, ==, yp_source_get_title (source));
          g_assert_null (yp_source_row_get_subtitle (row));
        }
    }
  /* The members' site and the community board's repost. */
  g_assert_cmpuint (without_outlet, ==, 2);
  close_window (window);
}

static gboolean
is_narrow (gpointer window)
{
  return yp_window_get_narrow (window);
}

static gboolean
is_wide (gpointer window)
{
  return !yp_window_get_narrow (window) && gtk_widget_get_width (window) >= 1200;
}

static void
reset_window_settings (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  const char *keys[] = { "window-width", "window-height", "window-maximized", "reading-pane-width" };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_reset (settings, keys[i]);
}

/* 1280×800: the pane beside a timeline that has most of the width; at
 * 800×600 the panes stack, the eras fold into a menu, and the article is
 * a page over the timeline that Back leaves. */
static void
test_adaptive_layout (void)
{
  YpWindow *window;
  GtkWidget *timeline;
  GtkPaned *paned;
  YpRecord *record;

  reset_window_settings ();
  window = open_window ();
  timeline = GTK_WIDGET (yp_window_get_timeline (window));
  paned = GTK_PANED (gtk_widget_get_ancestor (timeline, GTK_TYPE_PANED));
  record = yp_window_get_record (window);
  YP_TEST_WAIT_UNTIL (is_wide (window));
  YP_TEST_WAIT_UNTIL (gtk_orientable_get_orientation (GTK_ORIENTABLE (paned)) == GTK_ORIENTATION_HORIZONTAL);
  /* The timeline has most of the width and of the height (once the
   * paned has placed its divider). */
  YP_TEST_WAIT_UNTIL (gtk_widget_get_width (timeline) >= gtk_widget_get_width (GTK_WIDGET (window)) * 6 / 10);
  g_assert_cmpint (gtk_widget_get_width (timeline), >=, gtk_widget_get_width (GTK_WIDGET (window)) * 6 / 10);
  g_assert_cmpint (gtk_widget_get_height (timeline), >=, gtk_widget_get_height (GTK_WIDGET (window)) * 6 / 10);

  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  YP_TEST_WAIT_UNTIL (is_narrow (window));
  YP_TEST_WAIT_UNTIL (gtk_orientable_get_orientation (GTK_ORIENTABLE (paned)) == GTK_ORIENTATION_VERTICAL);
  YP_TEST_WAIT_UNTIL (gtk_widget_get_width (timeline) >= 760);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 800);
  /* Stacked, the timeline keeps most of the height (GtkPaned once moved
   * the divider by the change from its wide allocation, leaving it 125 px). */
  YP_TEST_WAIT_UNTIL (gtk_widget_get_height (timeline) >= 200);
  g_assert_false (gtk_widget_get_mapped (window->era_scroller));
  g_assert_true (gtk_widget_get_mapped (window->era_menu_button));
  /* The era menu has the eras when it opens. */
  gtk_menu_button_popup (GTK_MENU_BUTTON (window->era_menu_button));
  {
    GMenuModel *menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (window->era_menu_button));
    g_autoptr(GMenuModel) section = NULL;

    g_assert_nonnull (menu);
    section = g_menu_model_get_item_link (menu, 0, G_MENU_LINK_SECTION);
    g_assert_cmpint (g_menu_model_get_n_items (section), ==, 1 + g_list_model_get_n_items (yp_record_get_eras (record)));
  }
  gtk_menu_button_popdown (GTK_MENU_BUTTON (window->era_menu_button));
  /* The article covers the timeline; Back brings it back. */
  yp_session_select (yp_window_get_session (window), NULL);
  yp_session_select (yp_window_get_session (window), yp_record_lookup_event (record, "codex-built-in-7-weeks"));
  YP_TEST_WAIT_UNTIL (!gtk_widget_get_mapped (timeline));
  g_assert_cmpstr (yp_window_get_pane (window), ==, "reading");
  g_assert_false (gtk_widget_get_mapped (timeline));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (yp_window_get_article_view (window))));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL);
  YP_TEST_WAIT_UNTIL (gtk_widget_get_mapped (timeline));
  g_assert_true (gtk_widget_get_mapped (timeline));

  /* Phone-sized: the window is as narrow as asked (the search entry and
   * the list tabs no longer hold it at 434 px, nor the header bar's title
   * at 377). */
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 640);
  YP_TEST_WAIT_UNTIL (gtk_widget_get_width (GTK_WIDGET (window)) <= 360);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 360);

  /* Wide again: the chips are back, beside the pane. */
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  YP_TEST_WAIT_UNTIL (is_wide (window));
  YP_TEST_WAIT_UNTIL (gtk_orientable_get_orientation (GTK_ORIENTABLE (paned)) == GTK_ORIENTATION_HORIZONTAL);
  YP_TEST_WAIT_UNTIL (gtk_widget_get_mapped (window->era_scroller));
  close_window (window);
  reset_window_settings ();
}

static gboolean
is_hidden_window (gpointer window)
{
  return !gtk_widget_get_visible (window);
}

/* The toplevel that @action_name opens over @window, with a reference
 * (it may be destroyed while the test looks at it). */
static GtkWindow *
open_dialog (YpWindow   *window,
             const char *action_name)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* not ours */
  g_autoptr(GPtrArray) before = g_ptr_array_new ();
  GtkWindow *dialog = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

      if (gtk_widget_get_visible (GTK_WIDGET (w)))
        g_ptr_array_add (before, w);
    }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), action_name, NULL));
  for (gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC; dialog == NULL && g_get_monotonic_time () < end;)
    {
      g_main_context_iteration (NULL, FALSE);
      for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
        {
          g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

          if (gtk_widget_get_mapped (GTK_WIDGET (w)) && !g_ptr_array_find (before, w, NULL))
            dialog = GTK_WINDOW (w);
        }
    }
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (window));
  /* Laid out and focused before keys are pressed in it. */
  yp_test_wait_for_frame (GTK_WIDGET (dialog));
  return g_object_ref (dialog);
}

/* Presses @keys in @dialog, as the user would. */
static void
press_in (GtkWindow  *dialog,
          const char *keys)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (dialog));
  g_autofree char *args = NULL;

  g_assert_true (GDK_IS_X11_SURFACE (surface));
  args = g_strdup_printf ("windowfocus %lu", (gulong) gdk_x11_surface_get_xid (surface));
  yp_test_xdo (args);
  g_free (args);
  args = g_strdup_printf ("key %s", keys);
  yp_test_xdo (args);
}

/* Escape and Ctrl+W close every dialog (and only the dialog); none opens
 * with its text selected. */
static void
test_dialogs_close_with_keys (void)
{
  YpWindow *window = open_window ();
  YpRecord *record = yp_window_get_record (window);
  /* (Not the shortcuts window: GTK's own, and it loads an SVG icon in a
   * thread that gdk-pixbuf here sometimes fails to read, a warning the
   * tests make fatal.) */
  const char *actions[] = { "win.show-problems", "win.compare-sources", "win.export-view" };
  const char *keys[] = { "Escape", "ctrl+w" };

  /* Problems to show, and an event cited by several sources. */
  yp_window_report_open_error (window, "broken.json: not a timeline");
  yp_session_select (yp_window_get_session (window), yp_record_lookup_event (record, "codex-built-in-7-weeks"));
  /* The card shows its citations. */
  YP_TEST_WAIT_UNTIL (citation_button (window, 1) != NULL);
  yp_test_wait_for_frame (GTK_WIDGET (window));

  for (guint a = 0; a < G_N_ELEMENTS (actions); a++)
    for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
      {
        g_autoptr(GtkWindow) dialog = open_dialog (window, actions[a]);
        GtkWidget *focus = gtk_window_get_focus (dialog);

        g_test_message ("%s, %s", actions[a], keys[k]);
        /* A header bar, and no text selected. */
        g_assert_true (GTK_IS_HEADER_BAR (gtk_window_get_titlebar (dialog)));
        if (GTK_IS_LABEL (focus))
          g_assert_false (gtk_label_get_selection_bounds (GTK_LABEL (focus), NULL, NULL));
        if (GTK_IS_TEXT_VIEW (focus))
          g_assert_false (gtk_text_buffer_get_has_selection (gtk_text_view_get_buffer (GTK_TEXT_VIEW (focus))));

        press_in (dialog, keys[k]);
        YP_TEST_WAIT_UNTIL (is_hidden_window (dialog));
        g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
      }
  close_window (window);
}

/* The folder GLib names for @directory, or the home folder when it names
 * none (as under the tests' isolated folders). */
static char *
expected_folder (GUserDirectory directory)
{
  const char *folder = g_get_user_special_dir (directory);

  return g_strdup (folder != NULL ? folder : g_get_home_dir ());
}

/* Export proposes the Pictures folder (Documents for a PDF) and a name
 * made of the story's title, and says where it saved, with "Open".
 * (GLib's test isolation reads the user's special folders from /dev/null,
 * so here both are the home folder.) */
static void
test_export_default_file (void)
{
  g_autofree char *pictures = expected_folder (G_USER_DIRECTORY_PICTURES);
  g_autofree char *documents = expected_folder (G_USER_DIRECTORY_DOCUMENTS);
  g_autofree char *png = NULL;
  g_autofree char *path = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *folder_name = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) pdf = NULL;
  g_autoptr(GtkWindow) dialog = NULL;
  YpWindow *window;
  const char *title;

  window = open_window ();
  title = yp_record_get_title (yp_window_get_record (window), yp_content_lang ());
  dialog = open_dialog (window, "win.export-view");
  file = yp_export_dialog_dup_default_file (YP_EXPORT_DIALOG (dialog));
  path = g_file_get_path (file);
  png = g_strdup_printf ("%s.png", title);
  expected = g_build_filename (pictures, png, NULL);
  g_assert_cmpstr (path, ==, expected);
  yp_export_dialog_set_format (YP_EXPORT_DIALOG (dialog), YP_EXPORT_FORMAT_SVG);
  {
    g_autoptr(GFile) svg = yp_export_dialog_dup_default_file (YP_EXPORT_DIALOG (dialog));
    g_autofree char *name = g_file_get_basename (svg);
    g_autofree char *want = g_strdup_printf ("%s.svg", title);

    g_assert_cmpstr (name, ==, want);
  }
  yp_export_dialog_set_format (YP_EXPORT_DIALOG (dialog), YP_EXPORT_FORMAT_PNG);

  /* Saved there: the toast names the file and the folder, and opens it.
   * (The isolated home folder is not there yet.) */
  g_assert_true (g_mkdir_with_parents (pictures, 0755) == 0);
  g_assert_null (yp_window_get_toast_text (window));
  if (!yp_export_dialog_export_to (YP_EXPORT_DIALOG (dialog), path))
    g_error ("%s", yp_export_dialog_get_error (YP_EXPORT_DIALOG (dialog)));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  folder_name = g_path_get_basename (pictures);
  g_assert_nonnull (yp_window_get_toast_text (window));
  g_assert_nonnull (strstr (yp_window_get_toast_text (window), png));
  g_assert_nonnull (strstr (yp_window_get_toast_text (window), folder_name));
  g_assert_true (g_file_equal (yp_window_get_saved_file (window), file));
  gtk_window_destroy (dialog);
  g_clear_object (&dialog);

  /* A PDF of the events goes to Documents. */
  pdf = yp_export_default_file (G_USER_DIRECTORY_DOCUMENTS, title, "pdf");
  {
    g_autofree char *name = g_strdup_printf ("%s.pdf", title);
    g_autofree char *want = g_build_filename (documents, name, NULL);
    g_autofree char *got = g_file_get_path (pdf);

    g_assert_cmpstr (got, ==, want);
  }
  /* A title that is no file name is made one. */
  {
    g_autoptr(GFile) odd = yp_export_default_file (G_USER_DIRECTORY_PICTURES, "../a/b: c", "svg");
    g_autofree char *name = g_file_get_basename (odd);

    g_assert_cmpstr (name, ==, "-a-b- c.svg");
  }
  close_window (window);
}

/* While a file is dragged over the window, the window says it takes it:
 * the drop target's enter and leave set and clear the "drop-hover"
 * style class the style sheet outlines. */
static void
test_drop_target_shows_hover (void)
{
  YpWindow *window = open_window ();
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
  GtkDropTarget *drop = NULL;
  GdkDragAction action = 0;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && drop == NULL; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        drop = GTK_DROP_TARGET (controller);
    }
  g_assert_nonnull (drop);
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (window), "drop-hover"));
  g_signal_emit_by_name (drop, "enter", 20.0, 20.0, &action);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (window), "drop-hover"));
  g_signal_emit_by_name (drop, "leave");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (window), "drop-hover"));
  close_window (window);
}

static gboolean
results_are (gpointer data)
{
  gpointer *args = data;
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (args[0]));
  g_autoptr(YpResultSlot) slot = g_list_model_get_n_items (model) > 0 ? g_list_model_get_item (model, 0) : NULL;

  return slot != NULL && g_strcmp0 (yp_search_result_get_id (yp_result_slot_get_result (slot)), args[1]) == 0;
}

static guint
n_mapped_children (GtkWidget *widget)
{
  guint n = 0;

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    n += gtk_widget_get_mapped (c);
  return n;
}

/* Types @text at the end of the search entry, as a user would: setting
 * the whole text would empty the entry first, and an empty entry ends
 * the search at once. */
static void
type_in_search (YpWindow   *window,
                const char *text)
{
  GtkEditable *entry = GTK_EDITABLE (yp_window_get_search_entry (window));
  int position = g_utf8_strlen (gtk_editable_get_text (entry), -1);

  gtk_editable_insert_text (entry, text, -1, &position);
}

/* Zoomed in by the user where nothing matches, a search leaves the view
 * where it is and says so, with "Show", which fits the view to the
 * matches (issue 15). */
static void
test_search_nothing_in_view (void)
{
  YpWindow *window = open_window ();
  YpSession *session = yp_window_get_session (window);
  GtkEditable *entry = GTK_EDITABLE (yp_window_get_search_entry (window));
  guint n;
  const gint64 *anchors = yp_session_get_anchors (session, &n);
  double gap = 0, mid = 0, start, end;

  /* The middle of the longest stretch without events: nothing there. */
  for (guint i = 1; i < n; i++)
    if (anchors[i] - anchors[i - 1] > gap)
      {
        gap = anchors[i] - anchors[i - 1];
        mid = (anchors[i] + anchors[i - 1]) / 2.0;
      }
  g_assert_cmpfloat (gap, >, 4 * 86400);
  yp_session_set_visible (session, mid - 86400, mid + 86400);
  g_assert_cmpuint (yp_session_count_matches_in_view (session), ==, 0);
  start = yp_session_get_visible_start (session);
  end = yp_session_get_visible_end (session);
  g_assert_null (yp_window_get_toast_text (window));

  gtk_search_entry_set_search_delay (GTK_SEARCH_ENTRY (entry), 60000);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL);
  type_in_search (window, "OpenAI");
  g_signal_emit_by_name (entry, "search-changed");
  YP_TEST_WAIT_UNTIL (yp_window_get_toast_text (window) != NULL);
  g_assert_cmpstr (yp_window_get_toast_text (window), ==, "Nothing in view matches");
  g_assert_cmpfloat (yp_session_get_visible_start (session), ==, start);
  g_assert_cmpfloat (yp_session_get_visible_end (session), ==, end);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-matches", NULL);
  YP_TEST_WAIT_UNTIL (yp_session_count_matches_in_view (session) > 0);
  g_assert_cmpuint (yp_session_count_matches_in_view (session), >, 0);
  g_assert_null (yp_window_get_toast_text (window));

  gtk_editable_set_text (entry, "");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL);
  close_window (window);
}

/* Typing on keeps the rows of the results list: each shows its slot's
 * new result, and no row widget is made again. */
static void
test_results_rows_kept_while_typing (void)
{
  YpWindow *window = open_window ();
  GtkListView *list = yp_window_get_results_list (window);
  g_autoptr(YpSearch) search = yp_search_new (yp_window_get_record (window));
  g_autoptr(GPtrArray) a = yp_search_run (search, "OpenAI", 500, NULL);
  g_autoptr(GPtrArray) b = yp_search_run (search, "OpenAI Altman", 500, NULL);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  gpointer args[2] = { list, NULL };
  GtkWidget *row;
  guint kept = 0;

  /* Two searches with several results that start differently, in a
   * list tall enough to show more than one of them: at the 900×640 that
   * an earlier test leaves in the settings, the list is about 60 pixels
   * high, and a first result of three lines fills it alone. */
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 800);
  g_assert_cmpuint (a->len, >, 2);
  g_assert_cmpuint (b->len, >, 2);
  g_assert_cmpstr (yp_search_result_get_id (g_ptr_array_index (a, 0)), !=,
                   yp_search_result_get_id (g_ptr_array_index (b, 0)));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL);
  type_in_search (window, "OpenAI");
  args[1] = (gpointer) yp_search_result_get_id (g_ptr_array_index (a, 0));
  YP_TEST_WAIT_UNTIL (results_are (args));
  YP_TEST_WAIT_UNTIL (n_mapped_children (GTK_WIDGET (list)) >= 2);
  for (row = gtk_widget_get_first_child (GTK_WIDGET (list)); row; row = gtk_widget_get_next_sibling (row))
    if (gtk_widget_get_mapped (row))
      g_ptr_array_add (rows, row);
  g_assert_cmpuint (rows->len, >=, 2);

  type_in_search (window, " Altman");
  args[1] = (gpointer) yp_search_result_get_id (g_ptr_array_index (b, 0));
  YP_TEST_WAIT_UNTIL (results_are (args));
  yp_test_wait_for_frame (GTK_WIDGET (list));
  /* Every row shown now was there before (GTK may have trimmed rows it
   * had made before the list had its size, but it made none). */
  for (row = gtk_widget_get_first_child (GTK_WIDGET (list)); row; row = gtk_widget_get_next_sibling (row))
    if (gtk_widget_get_mapped (row))
      {
        g_assert_true (g_ptr_array_find (rows, row, NULL));
        kept++;
      }
  g_assert_cmpuint (kept, >=, 2);

  /* The first row shows the first new result: its title label is the
   * event's title. */
  {
    YpSearchResult *first = g_ptr_array_index (b, 0);
    YpResultRow *row0 = YP_RESULT_ROW (gtk_widget_get_first_child (g_ptr_array_index (rows, 0)));
    YpEvent *event = yp_record_lookup_event (yp_window_get_record (window), yp_search_result_get_id (first));

    g_assert_cmpint (yp_search_result_get_kind (first), ==, YP_SEARCH_RESULT_EVENT);
    g_assert_cmpstr (yp_result_row_get_title (row0), ==, yp_event_get_title (event, yp_content_lang ()));
  }
  gtk_editable_set_text (GTK_EDITABLE (yp_window_get_search_entry (window)), "");
  close_window (window);
}

/* A new query's handler does not free the last query's results (some
 * 500 objects): they go once the frame is done, and they do go. */
static void
test_results_freed_after_handler (void)
{
  YpWindow *window = open_window ();
  GtkListView *list = yp_window_get_results_list (window);
  GtkEditable *entry = GTK_EDITABLE (yp_window_get_search_entry (window));
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (list));
  gpointer old = NULL;

  gtk_search_entry_set_search_delay (GTK_SEARCH_ENTRY (entry), 60000);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL);
  type_in_search (window, "OpenAI");
  g_signal_emit_by_name (entry, "search-changed");
  g_assert_cmpuint (g_list_model_get_n_items (model), >, 0);
  {
    g_autoptr(YpResultSlot) slot = g_list_model_get_item (model, 0);

    g_set_weak_pointer (&old, yp_result_slot_get_result (slot));
  }
  yp_test_wait_for_frame (GTK_WIDGET (list));

  type_in_search (window, " Altman");
  g_signal_emit_by_name (entry, "search-changed");
  {
    g_autoptr(YpResultSlot) slot = g_list_model_get_item (model, 0);

    g_assert_true (yp_result_slot_get_result (slot) != old);
  }
  g_assert_nonnull (old);
  YP_TEST_WAIT_UNTIL (old == NULL);
  g_assert_null (old);

  gtk_editable_set_text (entry, "");
  close_window (window);
}

/* Rows whose shown result is not their slot's, and of those how many
 * are in the list's view (GTK 4.8 maps those, and only those). */
static guint
count_stale_rows (GtkListView *list,
                  guint       *in_view)
{
  guint stale = 0;

  *in_view = 0;
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list)); row; row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *box = gtk_widget_get_first_child (row);
      GtkListItem *item = YP_IS_RESULT_ROW (box) ? yp_result_row_get_item (YP_RESULT_ROW (box)) : NULL;
      YpResultSlot *slot = item ? gtk_list_item_get_item (item) : NULL;

      if (slot == NULL || yp_result_row_get_result (YP_RESULT_ROW (box)) == yp_result_slot_get_result (slot))
        continue;
      stale++;
      *in_view += gtk_widget_get_mapped (box);
    }
  return stale;
}

static gboolean
is_hidden (gpointer widget)
{
  return !gtk_widget_get_visible (widget);
}

static gboolean
has_height (gpointer widget)
{
  return gtk_widget_get_height (widget) > 50;
}

/* Many rows bound (GTK binds some 200 for 500 results), none stale. */
static gboolean
rows_bound_and_current (gpointer list)
{
  guint n = 0, in_view;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list)); row; row = gtk_widget_get_next_sibling (row))
    n++;
  return n >= 100 && count_stale_rows (list, &in_view) == 0;
}

static void
check_painted_rows_cb (GdkFrameClock *clock,
                       gpointer       data)
{
  gpointer *frames = data;
  guint in_view;

  count_stale_rows (frames[0], &in_view);
  (*(guint *) frames[1])++;
  if (in_view > 0)
    (*(guint *) frames[2])++;
}

/* A new query shows its results at once in the rows in view; GTK's other
 * bound rows, out of view, right after, or at once when the list
 * scrolls. */
static void
test_results_out_of_view_later (void)
{
  g_autofree char *dir = g_dir_make_tmp ("yp-window-XXXXXX", NULL);
  g_autofree char *path = write_generated (dir, 3000);
  g_autoptr(GError) error = NULL;
  g_autoptr(YpRecord) record = yp_cache_load (path, dir, NULL, &error);
  GtkEditable *entry;
  GtkListView *list;
  GtkAdjustment *adj;
  GdkFrameClock *clock;
  YpWindow *window;
  guint stale, in_view, n_rows = 0;
  gulong handler;
  gpointer frames[3];
  guint n_painted = 0, n_bad = 0;

  g_assert_no_error (error);
  /* The size and panes of the default window, whatever earlier tests
   * left: with no height, GTK maps every row of the list. */
  {
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);
    const char *keys[] = { "window-width", "window-height", "window-maximized", "reading-pane-width" };

    for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
      g_settings_reset (settings, keys[i]);
  }
  window = yp_window_new (GTK_APPLICATION (app), record, NULL);
  gtk_window_present (GTK_WINDOW (window));
  YP_TEST_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window)));
  yp_test_wait_for_frame (GTK_WIDGET (window));
  entry = GTK_EDITABLE (yp_window_get_search_entry (window));
  list = yp_window_get_results_list (window);
  frames[0] = list;
  frames[1] = &n_painted;
  frames[2] = &n_bad;
  gtk_search_entry_set_search_delay (GTK_SEARCH_ENTRY (entry), 60000);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL);

  type_in_search (window, "사건");
  g_signal_emit_by_name (entry, "search-changed");
  YP_TEST_WAIT_UNTIL (rows_bound_and_current (list));
  /* Laid out: under a sanitizer the first layout of the results page can
   * come well after its rows are bound. */
  YP_TEST_WAIT_UNTIL (has_height (list));
  yp_test_wait_for_frame (GTK_WIDGET (list));
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list)); row; row = gtk_widget_get_next_sibling (row))
    n_rows++;
  g_test_message ("%u rows bound, the list %d px high", n_rows, gtk_widget_get_height (GTK_WIDGET (list)));
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (list)), >, 50);
  g_assert_cmpuint (count_stale_rows (list, &in_view), ==, 0);

  /* One more character: every result changes. */
  type_in_search (window, " 01");
  g_signal_emit_by_name (entry, "search-changed");
  stale = count_stale_rows (list, &in_view);
  g_test_message ("after the keystroke: %u rows stale, %u in view", stale, in_view);
  g_assert_cmpuint (in_view, ==, 0);
  g_assert_cmpuint (stale, >, 0);
  YP_TEST_WAIT_UNTIL (rows_bound_and_current (list));

  /* Again, and scroll at once, before the rows out of view are brought
   * up to date: no frame shows a stale row. */
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (list));
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (check_painted_rows_cb), frames);
  type_in_search (window, "2");
  g_signal_emit_by_name (entry, "search-changed");
  g_assert_cmpuint (count_stale_rows (list, &in_view), >, 0);
  adj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list));
  gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj) / 4);
  YP_TEST_WAIT_UNTIL (rows_bound_and_current (list));
  /* At least one frame painted with the rows current. */
  yp_test_wait_for_frame (GTK_WIDGET (list));
  g_signal_handler_disconnect (clock, handler);
  g_test_message ("%u frames painted, %u with a stale row in view", n_painted, n_bad);
  g_assert_cmpuint (n_painted, >, 0);
  g_assert_cmpuint (n_bad, ==, 0);
  g_assert_cmpuint (count_stale_rows (list, &in_view), ==, 0);

  gtk_editable_set_text (entry, "");
  close_window (window);
}

static gboolean
n_items_is (gpointer data)
{
  gpointer *args = data;

  return g_list_model_get_n_items (args[0]) == GPOINTER_TO_UINT (args[1]);
}

/* The list's slots hold @results, in order. */
static void
assert_slots_are (GListModel *model,
                  GPtrArray  *results)
{
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, results->len);
  for (guint i = 0; i < results->len; i++)
    {
      g_autoptr(YpResultSlot) slot = g_list_model_get_item (model, i);

      g_assert_cmpstr (yp_search_result_get_id (yp_result_slot_get_result (slot)), ==,
                       yp_search_result_get_id (g_ptr_array_index (results, i)));
    }
}

/* The list's first slots hold @results, in order, and the rest are
 * empty, to be taken out after the frame. */
static void
assert_slots_start_with (GListModel *model,
                         GPtrArray  *results)
{
  guint n = g_list_model_get_n_items (model);

  g_assert_cmpuint (n, >=, results->len);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(YpResultSlot) slot = g_list_model_get_item (model, i);

      if (i < results->len)
        g_assert_cmpstr (yp_search_result_get_id (yp_result_slot_get_result (slot)), ==,
                         yp_search_result_get_id (g_ptr_array_index (results, i)));
      else
        g_assert_null (yp_result_slot_get_result (slot));
    }
}

/* After a query with few results, a keystroke adds 50 rows to the list at
 * most (GTK makes a row for each of the first 200 or so); the others
 * come after its frame, in order. A query typed meanwhile drops them.
 * A query with fewer results than the last empties the slots past them,
 * which are taken out after the frame (GTK takes their rows down) unless
 * the next query fills them first. */
static void
test_results_rest_after_frame (void)
{
  g_autofree char *dir = g_dir_make_tmp ("yp-window-XXXXXX", NULL);
  g_autofree char *path = write_generated (dir, 3000);
  g_autoptr(GError) error = NULL;
  g_autoptr(YpRecord) record = yp_cache_load (path, dir, NULL, &error);
  g_autoptr(YpSearch) search = NULL;
  g_autoptr(GPtrArray) many = NULL;
  g_autoptr(GPtrArray) few = NULL;
  g_autoptr(GPtrArray) other = NULL;
  GtkEditable *entry;
  GListModel *model;
  YpWindow *window;
  gpointer args[2];

  g_assert_no_error (error);
  search = yp_search_new (record);
  many = yp_search_run (search, "사건", 500, NULL);
  few = yp_search_run (search, "사건 0004", 500, NULL);
  other = yp_search_run (search, "사건 01", 500, NULL);
  g_assert_cmpuint (many->len, ==, 500);
  g_assert_cmpuint (other->len, ==, 500);
  g_assert_cmpuint (few->len, >=, 1);
  g_assert_cmpuint (few->len, <, 50);

  window = yp_window_new (GTK_APPLICATION (app), record, NULL);
  gtk_window_present (GTK_WINDOW (window));
  YP_TEST_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window)));
  entry = GTK_EDITABLE (yp_window_get_search_entry (window));
  model = G_LIST_MODEL (gtk_list_view_get_model (yp_window_get_results_list (window)));
  args[0] = model;
  gtk_search_entry_set_search_delay (GTK_SEARCH_ENTRY (entry), 60000);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL);

  gtk_editable_set_text (entry, "사건 0004");
  g_signal_emit_by_name (entry, "search-changed");
  assert_slots_are (model, few);
  yp_test_settle ();

  gtk_editable_set_text (entry, "사건");
  g_signal_emit_by_name (entry, "search-changed");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 50);
  args[1] = GUINT_TO_POINTER (many->len);
  YP_TEST_WAIT_UNTIL (n_items_is (args));
  assert_slots_are (model, many);

  /* Fewer results: the slots past them are emptied, then taken out. */
  gtk_editable_set_text (entry, "사건 0004");
  g_signal_emit_by_name (entry, "search-changed");
  assert_slots_start_with (model, few);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, many->len);
  args[1] = GUINT_TO_POINTER (few->len);
  YP_TEST_WAIT_UNTIL (n_items_is (args));
  assert_slots_are (model, few);

  /* Again, with more results before the frame: the emptied slots are
   * filled, none taken out. */
  gtk_editable_set_text (entry, "사건");
  g_signal_emit_by_name (entry, "search-changed");
  args[1] = GUINT_TO_POINTER (many->len);
  YP_TEST_WAIT_UNTIL (n_items_is (args));
  gtk_editable_set_text (entry, "사건 0004");
  g_signal_emit_by_name (entry, "search-changed");
  gtk_editable_set_text (entry, "사건");
  g_signal_emit_by_name (entry, "search-changed");
  assert_slots_are (model, many);
  yp_test_settle ();
  assert_slots_are (model, many);

  /* Another query before the rest comes: only its results. */
  gtk_editable_set_text (entry, "사건 0004");
  g_signal_emit_by_name (entry, "search-changed");
  args[1] = GUINT_TO_POINTER (few->len);
  YP_TEST_WAIT_UNTIL (n_items_is (args));
  gtk_editable_set_text (entry, "사건");
  g_signal_emit_by_name (entry, "search-changed");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 50);
  type_in_search (window, " 01");
  g_signal_emit_by_name (entry, "search-changed");
  args[1] = GUINT_TO_POINTER (other->len);
  YP_TEST_WAIT_UNTIL (n_items_is (args));
  yp_test_settle ();
  assert_slots_are (model, other);

  gtk_editable_set_text (entry, "");
  close_window (window);
}

/* Opening the search bar opens the search's index, before anything is
 * typed; a query without matches hides the rows and keeps them for the
 * next one. */
static void
test_search_bar_prepares_and_keeps_rows (void)
{
  YpWindow *window = open_window ();
  GtkListView *list = yp_window_get_results_list (window);
  YpSearch *search = yp_window_get_search (window);
  g_autoptr(YpSearch) other = yp_search_new (yp_window_get_record (window));
  g_autoptr(GPtrArray) a = yp_search_run (other, "OpenAI", 500, NULL);
  gpointer args[2] = { list, (gpointer) yp_search_result_get_id (g_ptr_array_index (a, 0)) };
  GtkEditable *entry = GTK_EDITABLE (yp_window_get_search_entry (window));
  GtkWidget *first_row;

  g_assert_false (yp_search_is_index_open (search));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL);
  YP_TEST_WAIT_UNTIL (yp_search_is_index_open (search));

  type_in_search (window, "OpenAI");
  YP_TEST_WAIT_UNTIL (results_are (args));
  YP_TEST_WAIT_UNTIL (gtk_widget_get_first_child (GTK_WIDGET (list)) != NULL && gtk_widget_get_visible (GTK_WIDGET (list)));
  first_row = gtk_widget_get_first_child (GTK_WIDGET (list));
  g_assert_nonnull (first_row);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (list)));

  type_in_search (window, "zzzq");
  YP_TEST_WAIT_UNTIL (is_hidden (list));
  g_assert_true (gtk_widget_get_first_child (GTK_WIDGET (list)) == first_row);

  gtk_editable_set_text (entry, "OpenAI");
  YP_TEST_WAIT_UNTIL (results_are (args));
  YP_TEST_WAIT_UNTIL (gtk_widget_get_visible (GTK_WIDGET (list)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (list)));
  g_assert_true (gtk_widget_get_first_child (GTK_WIDGET (list)) == first_row);
  gtk_editable_set_text (entry, "");
  close_window (window);
}

/* The event list gets its model after the first frame; a selection
 * restored from the last session is still scrolled to and shown. */
static void
test_restored_selection_in_list (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  YpWindow *window;
  GtkListView *list;
  GtkAdjustment *adj;
  GtkSelectionModel *model;
  YpEvent *selected;

  g_settings_set_string (settings, "selected-event", "pub-danawa-20250717");
  window = open_window ();
  list = yp_window_get_event_list (window);
  gtk_stack_set_visible_child_name (yp_window_get_list_stack (window), "events");
  YP_TEST_WAIT_UNTIL (list_has_model (list));
  adj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list));
  /* The row is scrolled to once the list is laid out. */
  YP_TEST_WAIT_UNTIL (gtk_adjustment_get_value (adj) > 0);
  selected = yp_session_get_selected (yp_window_get_session (window));
  g_assert_nonnull (selected);
  g_assert_cmpstr (yp_event_get_id (selected), ==, "pub-danawa-20250717");
  model = gtk_list_view_get_model (list);
  g_assert_true (gtk_selection_model_is_selected (model, g_list_model_get_n_items (G_LIST_MODEL (model)) - 1));
  g_assert_cmpfloat (gtk_adjustment_get_value (adj), >, 0);
  g_settings_set_string (settings, "selected-event", "");
  close_window (window);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

/* GTK reloads its whole theme each time the dark preference is set, even
 * to the value it has: the app sets it only when it changes. */
/* Whether the file data[0] contains the file name data[1], as a URI. */
static gboolean
file_mentions (gpointer data)
{
  const char **what = data;
  g_autofree char *text = NULL;
  g_autofree char *uri = g_filename_to_uri (what[1], NULL, NULL);

  return g_file_get_contents (what[0], &text, NULL, NULL) && strstr (text, uri) != NULL;
}


static YpWindow *
window_for_path (const char *abs)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    if (YP_IS_WINDOW (l->data) && g_strcmp0 (yp_window_get_path (l->data), abs) == 0)
      return l->data;
  return NULL;
}

/* The first open of a file shows the events as parsed, and writes the
 * cache only once the window's first frame is on screen; the next open
 * reads that cache. */
static void
test_first_open_shows_parsed_then_caches (void)
{
  g_autofree char *dir = g_dir_make_tmp ("yp-window-XXXXXX", NULL);
  g_autofree char *path = write_generated (dir, 800);
  g_autofree char *abs = g_canonicalize_filename (path, NULL);
  g_autofree char *cache_dir = yp_cache_default_dir ();
  g_autofree char *db_path = yp_cache_path_for (abs, cache_dir);
  g_autofree char *recent_file = NULL;
  g_autofree char *recent_dir = NULL;
  YpWindow *window;
  YpRecord *record;
  guint waiting = 0;

  /* GTK's recent files list keeps the file of the first test that used
   * it, whose folder is gone: give it back, for what this open adds. */
  g_object_get (gtk_recent_manager_get_default (), "filename", &recent_file, NULL);
  recent_dir = g_path_get_dirname (recent_file);
  g_assert_cmpint (g_mkdir_with_parents (recent_dir, 0700), ==, 0);

  yp_application_open_path (app, path, NULL);
  YP_TEST_WAIT_UNTIL (nothing_opening (NULL));
  window = window_for_path (abs);
  g_assert_nonnull (window);
  record = yp_window_get_record (window);
  /* Before its first frame: nothing written yet, nor started. */
  g_assert_cmpuint (yp_application_get_n_writing (app, &waiting), ==, 1);
  g_assert_cmpuint (waiting, ==, 1);
  g_assert_false (g_file_test (db_path, G_FILE_TEST_EXISTS));
  g_assert_false (yp_event_list_is_lazy (YP_EVENT_LIST (yp_record_get_events (record))));
  g_assert_cmpuint (n_made (window), ==, 800);
  g_assert_null (yp_test_record_cache_path (record));

  YP_TEST_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window)));
  YP_TEST_WAIT_UNTIL (no_cache_writing (NULL));
  g_assert_true (g_file_test (db_path, G_FILE_TEST_IS_REGULAR));
  /* The window's search now has the cache's index. */
  g_assert_cmpstr (yp_test_record_cache_path (record), ==, db_path);
  close_window (window);

  /* Opened again: from the cache, nothing to write. */
  yp_application_open_path (app, path, NULL);
  YP_TEST_WAIT_UNTIL (nothing_opening (NULL));
  window = window_for_path (abs);
  g_assert_nonnull (window);
  g_assert_cmpuint (yp_application_get_n_writing (app, NULL), ==, 0);
  g_assert_true (yp_event_list_is_lazy (YP_EVENT_LIST (yp_record_get_events (yp_window_get_record (window)))));
  g_assert_cmpstr (yp_test_record_cache_path (yp_window_get_record (window)), ==, db_path);
  close_window (window);
  /* Until the recent files list is saved, into that folder. */
  YP_TEST_WAIT_UNTIL (file_mentions ((gpointer) (const char *[]) { recent_file, abs }));
}

/* The first GtkMenuButton under @widget labelled @label. */
static GtkMenuButton *
find_menu_button (GtkWidget  *widget,
                  const char *label)
{
  if (GTK_IS_MENU_BUTTON (widget) && g_strcmp0 (gtk_menu_button_get_label (GTK_MENU_BUTTON (widget)), label) == 0)
    return GTK_MENU_BUTTON (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkMenuButton *found = find_menu_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The filter popover is made when the Filter button is first pressed,
 * with a box for each category, source and actor. */
static void
test_filter_popover_made_when_opened (void)
{
  YpWindow *window = open_window ();
  GtkWidget *header = gtk_window_get_titlebar (GTK_WINDOW (window));
  GtkMenuButton *button = find_menu_button (header ? header : GTK_WIDGET (window), "Filter");
  GtkPopover *popover;

  g_assert_nonnull (button);
  g_assert_null (gtk_menu_button_get_popover (button));
  gtk_menu_button_popup (button);
  popover = gtk_menu_button_get_popover (button);
  g_assert_nonnull (popover);
  YP_TEST_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (popover)));
  /* Five sources, each with a box. */
  g_assert_true (yp_window_set_filter (window, "themiilk-20231121", TRUE));
  g_assert_true (gtk_menu_button_get_popover (button) == popover);
  g_assert_true (yp_window_set_filter (window, "themiilk-20231121", FALSE));
  gtk_menu_button_popdown (button);
  close_window (window);
}

static void
collect_label_texts (GtkWidget *widget,
                     GString   *out)
{
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (out, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_label_texts (child, out);
}

/* A search result from an article whose file names no outlet is told
 * apart by its date, never by the placeholder "Outlet not named". */
static void
test_result_row_article_without_outlet (void)
{
  YpWindow *window = open_window ();
  YpRecord *record = yp_window_get_record (window);
  g_autoptr(YpSearch) search = yp_search_new (record);
  guint checked = 0;

  GListModel *sources = yp_record_get_sources (record);

  for (guint i = 0; i < g_list_model_get_n_items (sources); i++)
    {
      g_autoptr(YpSource) source = g_list_model_get_item (sources, i);
      g_autoptr(GPtrArray) results = NULL;
      g_autofree char *date = NULL;
      g_autofree char *body = NULL;
      g_autofree char *query = NULL;

      if (yp_source_get_display_outlet (source, yp_ui_lang ()) != NULL)
        continue;
      g_assert_nonnull (yp_source_get_published (source));
      date = yp_source_row_date_text (source);
      /* The article's first words find one of its passages. */
      body = g_strstrip (g_strdup (yp_source_get_body_text (source)));
      query = g_utf8_substring (body, 0, 12);
      results = yp_search_run (search, query, 500, NULL);
      for (guint r = 0; r < results->len; r++)
        {
          YpSearchResult *result = g_ptr_array_index (results, r);
          GtkWidget *row;
          g_autoptr(GString) texts = g_string_new (NULL);
          g_autofree char *kind = NULL;

          if (yp_search_result_get_kind (result) != YP_SEARCH_RESULT_PASSAGE
              || g_strcmp0 (yp_search_result_get_id (result), yp_source_get_id (source)) != 0)
            continue;
          row = g_object_ref_sink (yp_result_row_new ());
          yp_result_row_show (YP_RESULT_ROW (row), record, result);
          collect_label_texts (row, texts);
          kind = g_strdup_printf ("%s · %s\n", "Article", date);
          g_assert_null (strstr (texts->str, "Outlet not named"));
          g_assert_nonnull (strstr (texts->str, kind));
          g_object_unref (row);
          checked++;
          break;
        }
    }
  /* The shipped story has two such articles; each was found and shown. */
  g_assert_cmpuint (checked, ==, 2);
  close_window (window);
}

/* The main menu's popover is made when the menu first opens, from the
 * window's menu with its recent files. */
static void
test_main_menu_made_when_opened (void)
{
  YpWindow *window = open_window ();
  GtkPopover *popover;

  g_assert_null (gtk_menu_button_get_popover (window->menu_button));
  g_assert_null (gtk_menu_button_get_menu_model (window->menu_button));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (window->menu_button)));
  gtk_menu_button_popup (window->menu_button);
  popover = gtk_menu_button_get_popover (window->menu_button);
  g_assert_nonnull (popover);
  g_assert_true (gtk_menu_button_get_menu_model (window->menu_button) == window->primary_menu);
  YP_TEST_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (popover)));
  gtk_menu_button_popdown (window->menu_button);
  /* Opened again, it keeps its popover. */
  gtk_menu_button_popup (window->menu_button);
  g_assert_true (gtk_menu_button_get_popover (window->menu_button) == popover);
  gtk_menu_button_popdown (window->menu_button);
  close_window (window);
}

/* The article view is made when something is first to be read in it,
 * not for the first frame, which shows the story page in its place. */
static void
test_article_view_made_when_read (void)
{
  YpWindow *window = open_window ();
  YpRecord *record = yp_window_get_record (window);

  g_assert_null (window->article_view);
  yp_session_select (yp_window_get_session (window), yp_record_lookup_event (record, "codex-built-in-7-weeks"));
  g_assert_nonnull (window->article_view);
  g_assert_true (gtk_widget_get_parent (GTK_WIDGET (window->article_view)) == GTK_WIDGET (window->reading_box));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->side_stack), ==, "reading");
  YP_TEST_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window->article_view)));
  g_assert_true (yp_window_get_article_view (window) == window->article_view);
  close_window (window);
}

/* The shortcuts window is made when it is first asked for, not with the
 * window (GTK made one with every window from a resource of that name),
 * and Ctrl+? still asks for it. It is not shown here: its icons load in
 * threads that gdk-pixbuf here sometimes fails. */
static void
test_shortcuts_window_made_when_asked (void)
{
  YpWindow *window = open_window ();
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay");
  GtkWidget *overlay;

  g_assert_null (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (window), "show-help-overlay"));
  g_assert_nonnull (accels[0]);
  g_assert_cmpstr (accels[0], ==, "<Control>question");
  overlay = _yp_window_ensure_help_overlay (window);
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
  g_assert_true (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)) == GTK_SHORTCUTS_WINDOW (overlay));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (overlay)) == GTK_WINDOW (window));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (overlay)));
  g_assert_true (_yp_window_ensure_help_overlay (window) == overlay);
  close_window (window);
}

/* A source whose file names no outlet is offered under its headline,
 * not under the placeholder "Outlet not named" that two of them shared. */
static void
test_filter_sources_told_apart (void)
{
  YpWindow *window = open_window ();
  YpRecord *record = yp_window_get_record (window);
  YpEventFilter filter = {
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
  };
  GtkWidget *popover = g_object_ref_sink (yp_filter_popover_new (record, &filter));
  const char *ids[] = { "repost-20231118", "reflections-20250106", "themiilk-20231121" };
  g_auto(GStrv) active = NULL;
  g_auto(GStrv) labels = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    g_assert_true (yp_filter_popover_set_active (YP_FILTER_POPOVER (popover), ids[i], TRUE));
  active = yp_filter_popover_dup_active (YP_FILTER_POPOVER (popover), &labels);
  g_assert_cmpuint (g_strv_length (labels), ==, 3);
  for (guint i = 0; labels[i] != NULL; i++)
    {
      YpSource *source = yp_record_lookup_source (record, active[i]);

      g_assert_false (g_str_has_prefix (labels[i], "Outlet not named"));
      if (yp_source_get_outlet (source, yp_ui_lang ()) == NULL)
        g_assert_cmpstr (labels[i], ==, yp_source_get_title (source));
      else
        g_assert_true (g_str_has_prefix (labels[i], yp_source_get_outlet (source, yp_ui_lang ())));
    }
  g_object_unref (popover);
  g_hash_table_unref (filter.categories);
  g_hash_table_unref (filter.actors);
  g_hash_table_unref (filter.sources);
  close_window (window);
}

static void
test_color_scheme_sets_only_changes (void)
{
  GtkSettings *settings = gtk_settings_get_default ();
  YpWindow *window = open_window ();
  gboolean dark = TRUE;
  guint notified = 0;
  gulong id = g_signal_connect (settings, "notify::gtk-application-prefer-dark-theme",
                                G_CALLBACK (count_notify), &notified);

  g_action_group_activate_action (G_ACTION_GROUP (app), "color-scheme", g_variant_new_string ("light"));
  g_object_get (settings, "gtk-application-prefer-dark-theme", &dark, NULL);
  g_assert_false (dark);
  notified = 0;
  g_action_group_activate_action (G_ACTION_GROUP (app), "color-scheme", g_variant_new_string ("light"));
  g_action_group_activate_action (G_ACTION_GROUP (app), "color-scheme", g_variant_new_string ("default"));
  g_assert_cmpuint (notified, ==, 0);
  g_action_group_activate_action (G_ACTION_GROUP (app), "color-scheme", g_variant_new_string ("dark"));
  g_object_get (settings, "gtk-application-prefer-dark-theme", &dark, NULL);
  g_assert_true (dark);
  g_assert_cmpuint (notified, ==, 1);
  g_action_group_activate_action (G_ACTION_GROUP (app), "color-scheme", g_variant_new_string ("default"));
  g_object_get (settings, "gtk-application-prefer-dark-theme", &dark, NULL);
  g_assert_false (dark);
  g_assert_cmpuint (notified, ==, 2);
  g_signal_handler_disconnect (settings, id);
  close_window (window);
}

static YpOpeningWindow *
find_opening_window (void)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    if (YP_IS_OPENING_WINDOW (l->data))
      return l->data;
  return NULL;
}

static YpWindow *
find_window_for (const char *abs)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    if (YP_IS_WINDOW (l->data) && g_strcmp0 (yp_window_get_path (l->data), abs) == 0)
      return l->data;
  return NULL;
}

/* A slow open shows a window with the file's name, counting seconds, until
 * the timeline's own window replaces it. (The shipped timeline is opened:
 * another file would go into GTK's recent files, which GTK writes later
 * into the folder of whichever test first used them.) */
static void
test_opening_window_shown (void)
{
  g_autofree char *path = yp_application_dup_timeline_path ();
  g_autofree char *abs = g_canonicalize_filename (path, NULL);
  YpOpeningWindow *progress;
  YpWindow *window;

  g_assert_null (find_window_for (abs));
  /* Any open counts as slow. */
  yp_application_set_opening_delay (app, 0);
  yp_application_open_path (app, path, NULL);
  progress = find_opening_window ();
  g_assert_nonnull (progress);
  g_assert_cmpstr (yp_opening_window_get_path (progress), ==, abs);
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (progress)), "timeline.json"));
  g_assert_cmpstr (yp_opening_window_get_elapsed_text (progress), ==, "0 seconds");
  YP_TEST_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (progress)));
  /* Opening the same file again while it is read starts nothing new. */
  yp_application_open_path (app, path, NULL);
  g_assert_cmpuint (yp_application_get_n_opening (app), ==, 1);

  wait_opened ();
  g_assert_null (find_opening_window ());
  window = find_window_for (abs);
  g_assert_nonnull (window);
  g_assert_cmpuint (g_list_model_get_n_items (yp_record_get_events (yp_window_get_record (window))), >=, 30);
  yp_application_set_opening_delay (app, 300);
  close_window (window);
}

/* Closing that window gives up on the file: no window comes for it later,
 * and its loader stops without leaving a cache. */
static void
test_opening_cancelled (void)
{
  g_autofree char *path = yp_application_dup_timeline_path ();
  g_autofree char *abs = g_canonicalize_filename (path, NULL);
  g_autofree char *cache_dir = yp_cache_default_dir ();
  g_autofree char *db = yp_cache_path_for (abs, cache_dir);
  YpOpeningWindow *progress;

  g_assert_null (find_window_for (abs));
  yp_application_set_opening_delay (app, 0);
  yp_application_open_path (app, path, NULL);
  progress = find_opening_window ();
  g_assert_nonnull (progress);
  gtk_window_close (GTK_WINDOW (progress));
  g_assert_null (find_opening_window ());
  wait_opened ();
  yp_test_settle ();
  g_assert_null (find_window_for (abs));
  g_assert_cmpuint (count_windows (), ==, 0);
  g_assert_cmpuint (yp_application_get_n_writing (app, NULL), ==, 0);
  g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));
  yp_application_set_opening_delay (app, 300);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gtk_init ();

  app = yp_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  g_application_hold (G_APPLICATION (app));

  g_test_add_func ("/window/lists-five-sources", test_lists_five_sources);
  g_test_add_func ("/window/selecting-shows-article", test_selecting_shows_article);
  g_test_add_func ("/window/original-text", test_original_text);
  g_test_add_func ("/window/untitled-source", test_untitled_source);
  g_test_add_func ("/window/remembers-source-and-size", test_remembers_source_and_size);
  g_test_add_func ("/window/open-broken-files-keeps-window", test_open_broken_files_keeps_window);
  g_test_add_func ("/window/drop-files", test_drop_files);
  g_test_add_func ("/window/open-other-timeline", test_open_other_timeline);
  g_test_add_func ("/window/non-utf8-file-name", test_non_utf8_file_name);
  g_test_add_func ("/window/opening-window-shown", test_opening_window_shown);
  g_test_add_func ("/window/opening-cancelled", test_opening_cancelled);
  g_test_add_func ("/window/large-timeline-makes-few-events", test_large_timeline_makes_few_events);
  g_test_add_func ("/window/first-open-shows-parsed-then-caches", test_first_open_shows_parsed_then_caches);
  g_test_add_func ("/window/filter-popover-made-when-opened", test_filter_popover_made_when_opened);
  g_test_add_func ("/window/filter-sources-told-apart", test_filter_sources_told_apart);
  g_test_add_func ("/window/result-row-article-without-outlet", test_result_row_article_without_outlet);
  g_test_add_func ("/window/shortcuts-window-made-when-asked", test_shortcuts_window_made_when_asked);
  g_test_add_func ("/window/article-view-made-when-read", test_article_view_made_when_read);
  g_test_add_func ("/window/main-menu-made-when-opened", test_main_menu_made_when_opened);
  g_test_add_func ("/window/color-scheme-sets-only-changes", test_color_scheme_sets_only_changes);
  g_test_add_func ("/window/citation-buttons-not-squeezed", test_citation_buttons_not_squeezed);
  g_test_add_func ("/window/citation-labels-unique", test_citation_labels_unique);
  g_test_add_func ("/window/event-card-made-when-selected", test_event_card_made_when_selected);
  g_test_add_func ("/window/card-text-not-selected-on-focus", test_card_text_not_selected_on_focus);
  g_test_add_func ("/window/story-page-at-launch", test_story_page_at_launch);
  g_test_add_func ("/window/text-drawn-with-measured-fonts", test_text_drawn_with_measured_fonts);
  g_test_add_func ("/window/story-page-source-headings", test_story_page_source_headings);
  g_test_add_func ("/window/search-nothing-in-view", test_search_nothing_in_view);
  g_test_add_func ("/window/story-scale-only-when-bursty", test_story_scale_only_when_bursty);
  g_test_add_func ("/window/adaptive-layout", test_adaptive_layout);
  g_test_add_func ("/window/dialogs-close-with-keys", test_dialogs_close_with_keys);
  g_test_add_func ("/window/export-default-file", test_export_default_file);
  g_test_add_func ("/window/drop-target-shows-hover", test_drop_target_shows_hover);
  g_test_add_func ("/window/results-rows-kept-while-typing", test_results_rows_kept_while_typing);
  g_test_add_func ("/window/results-freed-after-handler", test_results_freed_after_handler);
  g_test_add_func ("/window/results-out-of-view-later", test_results_out_of_view_later);
  g_test_add_func ("/window/results-rest-after-frame", test_results_rest_after_frame);
  g_test_add_func ("/window/search-bar-prepares-and-keeps-rows", test_search_bar_prepares_and_keeps_rows);
  g_test_add_func ("/window/restored-selection-in-list", test_restored_selection_in_list);
  ret = g_test_run ();

  g_application_release (G_APPLICATION (app));
  g_object_unref (app);
  return ret;
}
