/* test-cache.c: the SQLite cache round trip, reuse, rebuilds and fallbacks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include <json-glib/json-glib.h>

#include "yp-cache-db.h"
#include "yp-cache-stream-private.h"
#include "yp-file-bytes-private.h"
#include "yp-cache-private.h"
#include "yp-cache.h"
#include "yp-error.h"
#include "yp-import.h"
#include "yp-event-list.h"
#include "yp-yeonpyo-reader.h"
#include "yp-event-list-private.h"
#include "yp-test-util.h"

#define G_LOG_DOMAIN_CACHE "yp-cache"

typedef struct {
  char *dir;        /* a private copy of the timeline and its seeds */
  char *timeline;
  char *cache_dir;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("yp-cache-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  f->timeline = yp_test_copy_shipped (f->dir);
  f->cache_dir = g_build_filename (f->dir, "cache", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_chmod (f->cache_dir, 0700);
  yp_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->timeline);
  g_free (f->cache_dir);
}

static YpRecord *
load (Fixture        *f,
      YpCacheOutcome  expected,
      YpCacheReport  *report_out)
{
  g_autoptr(GError) error = NULL;
  YpCacheReport report = { 0 };
  YpRecord *record = yp_cache_load (f->timeline, f->cache_dir, &report, &error);

  g_assert_no_error (error);
  g_assert_nonnull (record);
  g_test_message ("outcome %d: %s", report.outcome, report.reason ? report.reason : "(no reason)");
  g_assert_cmpint (report.outcome, ==, expected);
  if (report_out)
    *report_out = report;
  else
    yp_cache_report_clear (&report);
  return record;
}

/* Everything the UI reads, compared field by field. */
static void
assert_same_record (YpRecord *a,
                    YpRecord *b)
{
  GListModel *ea = yp_record_get_events (a), *eb = yp_record_get_events (b);
  GListModel *sa = yp_record_get_sources (a), *sb = yp_record_get_sources (b);

  g_assert_cmpstr (yp_record_get_title (a, YP_LANG_KO), ==, yp_record_get_title (b, YP_LANG_KO));
  g_assert_cmpstr (yp_record_get_title (a, YP_LANG_EN), ==, yp_record_get_title (b, YP_LANG_EN));
  g_assert_cmpuint (g_list_model_get_n_items (sa), ==, g_list_model_get_n_items (sb));
  for (guint i = 0; i < g_list_model_get_n_items (sa); i++)
    {
      g_autoptr(YpSource) x = g_list_model_get_item (sa, i);
      g_autoptr(YpSource) y = g_list_model_get_item (sb, i);
      guint nx, ny;
      const YpSegment *gx = yp_source_get_segments (x, &nx);
      const YpSegment *gy = yp_source_get_segments (y, &ny);

      g_assert_cmpstr (yp_source_get_id (x), ==, yp_source_get_id (y));
      g_assert_cmpstr (yp_source_get_title (x), ==, yp_source_get_title (y));
      g_assert_cmpstr (yp_source_get_outlet (x, YP_LANG_EN), ==, yp_source_get_outlet (y, YP_LANG_EN));
      g_assert_cmpstr (yp_source_get_outlet_note (x, YP_LANG_KO), ==, yp_source_get_outlet_note (y, YP_LANG_KO));
      g_assert_cmpstr (yp_source_get_published (x), ==, yp_source_get_published (y));
      g_assert_cmpint (yp_source_get_published_start (x), ==, yp_source_get_published_start (y));
      g_assert_cmpstr (yp_source_get_raw_text (x), ==, yp_source_get_raw_text (y));
      g_assert_cmpstr (yp_source_get_body_text (x), ==, yp_source_get_body_text (y));
      g_assert_cmpuint (nx, ==, ny);
      g_assert_cmpmem (gx, nx * sizeof (YpSegment), gy, ny * sizeof (YpSegment));
    }
  g_assert_cmpuint (g_list_model_get_n_items (ea), ==, g_list_model_get_n_items (eb));
  for (guint i = 0; i < g_list_model_get_n_items (ea); i++)
    {
      g_autoptr(YpEvent) x = g_list_model_get_item (ea, i);
      g_autoptr(YpEvent) y = g_list_model_get_item (eb, i);

      g_assert_cmpstr (yp_event_get_id (x), ==, yp_event_get_id (y));
      g_assert_cmpstr (yp_event_get_date (x), ==, yp_event_get_date (y));
      g_assert_cmpint (yp_event_get_precision (x), ==, yp_event_get_precision (y));
      g_assert_cmpstr (yp_event_get_timezone (x), ==, yp_event_get_timezone (y));
      g_assert_cmpint (yp_event_get_start (x), ==, yp_event_get_start (y));
      g_assert_cmpint (yp_event_get_end (x), ==, yp_event_get_end (y));
      g_assert_cmpint (yp_event_get_anchor (x), ==, yp_event_get_anchor (y));
      g_assert_cmpstr (yp_event_get_title (x, YP_LANG_KO), ==, yp_event_get_title (y, YP_LANG_KO));
      g_assert_cmpstr (yp_event_get_summary (x, YP_LANG_EN), ==, yp_event_get_summary (y, YP_LANG_EN));
      g_assert_cmpstr (yp_event_get_date_note (x, YP_LANG_EN), ==, yp_event_get_date_note (y, YP_LANG_EN));
      g_assert_cmpstr (yp_event_get_category (x), ==, yp_event_get_category (y));
      g_assert_cmpstr (yp_event_get_era (x), ==, yp_event_get_era (y));
      g_assert_cmpstr (yp_event_get_status (x), ==, yp_event_get_status (y));
      g_assert_cmpstr (yp_event_get_publication_of (x), ==, yp_event_get_publication_of (y));
      g_assert_true (g_strv_equal (yp_event_get_actors (x), yp_event_get_actors (y)));
      g_assert_cmpuint (yp_event_get_n_citations (x), ==, yp_event_get_n_citations (y));
      for (guint j = 0; j < yp_event_get_n_citations (x); j++)
        {
          YpCitation *cx = yp_event_get_citation (x, j), *cy = yp_event_get_citation (y, j);

          g_assert_cmpstr (yp_citation_get_source_id (cx), ==, yp_citation_get_source_id (cy));
          g_assert_cmpstr (yp_citation_get_quote (cx), ==, yp_citation_get_quote (cy));
          g_assert_cmpuint (yp_citation_get_body_start (cx), ==, yp_citation_get_body_start (cy));
          g_assert_cmpuint (yp_citation_get_body_end (cx), ==, yp_citation_get_body_end (cy));
          g_assert_cmpuint (yp_citation_get_raw_start (cx), ==, yp_citation_get_raw_start (cy));
        }
    }
  g_assert_cmpuint (g_list_model_get_n_items (yp_record_get_actors (a)), ==,
                    g_list_model_get_n_items (yp_record_get_actors (b)));
  g_assert_cmpuint (g_list_model_get_n_items (yp_record_get_eras (a)), ==,
                    g_list_model_get_n_items (yp_record_get_eras (b)));
  g_assert_cmpuint (yp_record_get_problems (a)->len, ==, yp_record_get_problems (b)->len);
}

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(YpRecord) parsed = yp_yeonpyo_reader_load_file (f->timeline, NULL, NULL);
  g_autoptr(YpRecord) built = load (f, YP_CACHE_BUILT, NULL);
  g_autoptr(YpRecord) reused = load (f, YP_CACHE_REUSED, NULL);

  g_assert_nonnull (parsed);
  assert_same_record (parsed, built);
  assert_same_record (parsed, reused);
}

static void
test_reused_without_parsing (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(YpRecord) first = load (f, YP_CACHE_BUILT, NULL);
  g_autoptr(YpRecord) second = NULL;
  g_autofree char *db = yp_cache_path_for (f->timeline, f->cache_dir);
  GStatBuf before, after;

  g_assert_cmpint (g_stat (db, &before), ==, 0);
  second = load (f, YP_CACHE_REUSED, NULL);
  /* The cache file was not rewritten. */
  g_assert_cmpint (g_stat (db, &after), ==, 0);
  g_assert_cmpint (before.st_ino, ==, after.st_ino);
  g_assert_cmpint (before.st_mtime, ==, after.st_mtime);
  assert_same_record (first, second);
}

static void
test_rebuilt_when_data_changes (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(YpRecord) first = load (f, YP_CACHE_BUILT, NULL);
  g_autoptr(YpRecord) second = NULL;
  g_autofree char *json = NULL;
  g_autofree char *changed = NULL;
  YpCacheReport report = { 0 };
  GRegex *regex;

  g_assert_cmpuint (g_list_model_get_n_items (yp_record_get_events (first)), >, 0);

  /* Change one English title in the timeline file. */
  g_assert_true (g_file_get_contents (f->timeline, &json, NULL, NULL));
  regex = g_regex_new ("\"en\": \"OpenAI's board removes Sam Altman as CEO\"", 0, 0, NULL);
  changed = g_regex_replace_literal (regex, json, -1, 0, "\"en\": \"A changed title\"", 0, NULL);
  g_regex_unref (regex);
  g_assert_cmpstr (changed, !=, json);
  g_assert_true (g_file_set_contents (f->timeline, changed, -1, NULL));

  second = load (f, YP_CACHE_BUILT, &report);
  g_assert_nonnull (strstr (report.reason, "changed since it was built"));
  g_assert_cmpstr (yp_event_get_title (yp_record_lookup_event (second, "altman-removed"), YP_LANG_EN),
                   ==, "A changed title");
  yp_cache_report_clear (&report);
}

static void
test_rebuilt_when_seed_changes (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(YpRecord) first = load (f, YP_CACHE_BUILT, NULL);
  g_autoptr(YpRecord) second = NULL;
  g_autofree char *seed = g_build_filename (f->dir, "seeds", "002_330b32661a3c8fa7.txt", NULL);
  g_autofree char *text = NULL;
  g_autofree char *appended = NULL;
  YpCacheReport report = { 0 };

  /* Before the change: no warning about the seed. */
  g_assert_cmpuint (yp_record_count_problems (first, YP_SEVERITY_WARNING), ==, 0);
  g_assert_true (g_file_get_contents (seed, &text, NULL, NULL));
  appended = g_strconcat (text, "\n덧붙인 줄", NULL);
  g_assert_true (g_file_set_contents (seed, appended, -1, NULL));

  second = load (f, YP_CACHE_BUILT, &report);
  g_assert_nonnull (strstr (report.reason, "changed since it was built"));
  /* The changed seed no longer matches its recorded SHA-256: a warning. */
  g_assert_cmpuint (yp_record_count_problems (second, YP_SEVERITY_WARNING), ==, 1);
  g_assert_true (g_str_has_suffix (yp_source_get_raw_text (yp_record_lookup_source (second, "reflections-20250106")),
                                   "덧붙인 줄"));
  yp_cache_report_clear (&report);
}

/* Sets the modification time of every input (the timeline and its seeds)
 * @seconds into the past, as for files that were not just written. */
static void
age_inputs (Fixture *f,
            int      seconds)
{
  g_autofree char *seeds = g_build_filename (f->dir, "seeds", NULL);
  g_autoptr(GDir) d = g_dir_open (seeds, 0, NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  struct timespec times[2] = { { now - seconds, 0 }, { now - seconds, 0 } };
  const char *name;

  g_assert_cmpint (utimensat (AT_FDCWD, f->timeline, times, 0), ==, 0);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (seeds, name, NULL);
      g_assert_cmpint (utimensat (AT_FDCWD, path, times, 0), ==, 0);
    }
}

/* Unchanged files are not read again to validate the cache; a touched one
 * is, and the cache still holds when its content is the same. */
static void
test_unchanged_inputs_not_hashed (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(YpRecord) first = NULL;
  g_autoptr(YpRecord) second = NULL;
  g_autoptr(YpRecord) third = NULL;
  YpCacheReport report = { 0 };

  age_inputs (f, 60);
  first = load (f, YP_CACHE_BUILT, NULL);
  second = load (f, YP_CACHE_REUSED, &report);
  g_assert_false (report.hashed_inputs);
  yp_cache_report_clear (&report);

  /* touch(1): new times, same bytes. */
  g_assert_cmpint (utimensat (AT_FDCWD, f->timeline, NULL, 0), ==, 0);
  third = load (f, YP_CACHE_REUSED, &report);
  g_assert_true (report.hashed_inputs);
  yp_cache_report_clear (&report);
  assert_same_record (first, third);
}

/* An edit that keeps the size and puts the modification time back is
 * still seen: the change time cannot be put back. */
static void
test_same_size_edit_seen (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(YpRecord) first = NULL;
  g_autoptr(YpRecord) second = NULL;
  g_autofree char *json = NULL;
  g_autofree char *changed = NULL;
  YpCacheReport report = { 0 };
  GStatBuf before, after;
  struct timespec times[2];
  int fd;

  age_inputs (f, 60);
  first = load (f, YP_CACHE_BUILT, NULL);
  g_assert_cmpint (g_stat (f->timeline, &before), ==, 0);
  g_assert_true (g_file_get_contents (f->timeline, &json, NULL, NULL));
  changed = g_strdup (json);
  {
    char *at = strstr (changed, "OpenAI's board removes Sam Altman as CEO");
    g_assert_nonnull (at);
    memcpy (at, "OpenAI's board REMOVES", strlen ("OpenAI's board REMOVES"));
  }
  /* Written in place (same inode), same size, old modification time. */
  fd = g_open (f->timeline, O_WRONLY | O_TRUNC, 0);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, changed, strlen (changed)), ==, (gssize) strlen (changed));
  close (fd);
  times[0] = before.st_atim;
  times[1] = before.st_mtim;
  g_assert_cmpint (utimensat (AT_FDCWD, f->timeline, times, 0), ==, 0);
  g_assert_cmpint (g_stat (f->timeline, &after), ==, 0);
  g_assert_cmpint (after.st_size, ==, before.st_size);
  g_assert_cmpint (after.st_ino, ==, before.st_ino);
  g_assert_cmpint (after.st_mtim.tv_sec, ==, before.st_mtim.tv_sec);
  g_assert_cmpint (after.st_mtim.tv_nsec, ==, before.st_mtim.tv_nsec);

  second = load (f, YP_CACHE_BUILT, &report);
  g_assert_true (report.hashed_inputs);
  g_assert_nonnull (strstr (report.reason, "changed since it was built"));
  g_assert_cmpstr (yp_event_get_title (yp_record_lookup_event (second, "altman-removed"), YP_LANG_EN),
                   ==, "OpenAI's board REMOVES Sam Altman as CEO");
  yp_cache_report_clear (&report);
}

/* Files written moments before the cache was built get no fingerprint: a
 * second write in the same clock tick would not change their times. */
static void
test_fresh_inputs_always_hashed (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(YpRecord) first = NULL;
  g_autoptr(YpRecord) second = NULL;
  YpCacheReport report = { 0 };

  /* The fixture has just written the files. */
  first = load (f, YP_CACHE_BUILT, NULL);
  second = load (f, YP_CACHE_REUSED, &report);
  g_assert_true (report.hashed_inputs);
  yp_cache_report_clear (&report);
}

static void
test_missing_seed_then_restored (Fixture       *f,
                                 gconstpointer  data)
{
  g_autofree char *seed = g_build_filename (f->dir, "seeds", "001_5ca79b5730e4349c.txt", NULL);
  g_autofree char *aside = g_strconcat (seed, ".away", NULL);
  g_autoptr(YpRecord) full = load (f, YP_CACHE_BUILT, NULL);
  g_autoptr(YpRecord) without = NULL;
  g_autoptr(YpRecord) still_without = NULL;
  g_autoptr(YpRecord) back = NULL;
  g_autoptr(YpRecord) again = NULL;
  guint n_full = g_list_model_get_n_items (yp_record_get_sources (full));

  g_assert_cmpint (g_rename (seed, aside), ==, 0);
  without = load (f, YP_CACHE_BUILT, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (yp_record_get_sources (without)), ==, n_full - 1);
  g_assert_cmpuint (yp_record_count_problems (without, YP_SEVERITY_ERROR), >, 0);
  /* While it is missing the cache is not trusted... */
  still_without = load (f, YP_CACHE_BUILT, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (yp_record_get_sources (still_without)), ==, n_full - 1);

  /* ... so the day it is back, so are its source and events. */
  g_assert_cmpint (g_rename (aside, seed), ==, 0);
  back = load (f, YP_CACHE_BUILT, NULL);
  assert_same_record (full, back);
  again = load (f, YP_CACHE_REUSED, NULL);
  assert_same_record (full, again);
}

static void
set_user_version (const char *db_path,
                  int         version)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d", version);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
test_rebuilt_when_schema_changes (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(YpRecord) first = load (f, YP_CACHE_BUILT, NULL);
  g_autoptr(YpRecord) older = NULL;
  g_autoptr(YpRecord) newer = NULL;
  g_autoptr(YpRecord) again = NULL;
  g_autofree char *db = yp_cache_path_for (f->timeline, f->cache_dir);
  YpCacheReport report = { 0 };

  set_user_version (db, YP_CACHE_SCHEMA_VERSION - 1);
  older = load (f, YP_CACHE_BUILT, &report);
  g_assert_nonnull (strstr (report.reason, "schema version"));
  g_assert_null (report.moved_aside);
  yp_cache_report_clear (&report);

  set_user_version (db, YP_CACHE_SCHEMA_VERSION + 1);
  newer = load (f, YP_CACHE_BUILT, &report);
  g_assert_nonnull (strstr (report.reason, "schema version"));
  yp_cache_report_clear (&report);

  again = load (f, YP_CACHE_REUSED, NULL);
  assert_same_record (first, again);
}

static void
test_damaged_cache_moved_aside (Fixture       *f,
                                gconstpointer  data)
{
  const char *garbage[] = {
    "",                                   /* zero length */
    "this is not a database at all, just some text that happens to be here",
    "SQLite format 3\0truncated header",  /* a truncated SQLite file */
  };
  gsize lengths[] = { 0, 70, 32 };
  g_autofree char *db = yp_cache_path_for (f->timeline, f->cache_dir);
  g_autoptr(YpRecord) reference = load (f, YP_CACHE_BUILT, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (garbage); i++)
    {
      g_autoptr(YpRecord) record = NULL;
      YpCacheReport report = { 0 };

      g_assert_true (g_file_set_contents (db, garbage[i], lengths[i], NULL));
      record = load (f, YP_CACHE_BUILT, &report);
      assert_same_record (reference, record);
      if (lengths[i] > 0)
        {
          /* What was there is kept for inspection, not deleted. */
          g_assert_nonnull (report.moved_aside);
          g_assert_true (g_file_test (report.moved_aside, G_FILE_TEST_EXISTS));
          g_unlink (report.moved_aside);
        }
      yp_cache_report_clear (&report);
    }
}

static void
test_foreign_database (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *db_path = yp_cache_path_for (f->timeline, f->cache_dir);
  g_autoptr(YpRecord) record = NULL;
  YpCacheReport report = { 0 };
  sqlite3 *db = NULL;

  g_mkdir_with_parents (f->cache_dir, 0700);
  g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE songs (title TEXT); PRAGMA user_version = 1;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  record = load (f, YP_CACHE_BUILT, &report);
  g_assert_nonnull (strstr (report.reason, "not a Yeonpyo cache"));
  g_assert_nonnull (report.moved_aside);
  g_assert_cmpuint (g_list_model_get_n_items (yp_record_get_events (record)), >, 0);
  yp_cache_report_clear (&report);
}

static void
test_unwritable_dir_uses_memory (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(YpRecord) reference = yp_yeonpyo_reader_load_file (f->timeline, NULL, NULL);
  g_autoptr(YpRecord) record = NULL;
  YpCacheReport report = { 0 };

  yp_test_block_cache_dir (f->dir, &f->cache_dir);

  record = load (f, YP_CACHE_MEMORY, &report);
  g_assert_null (report.db_path);
  g_assert_nonnull (report.reason);
  assert_same_record (reference, record);
  yp_cache_report_clear (&report);
}

static void
test_no_stray_files (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(YpRecord) record = load (f, YP_CACHE_BUILT, NULL);
  g_autoptr(GDir) d = g_dir_open (f->cache_dir, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (yp_test_record_cache_path (record));

  /* One cache file, no temporary left behind, no journal. */
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_test_message ("%s", name);
      g_assert_true (g_str_has_suffix (name, ".sqlite"));
      n++;
    }
  g_assert_cmpuint (n, ==, 1);
}

static gpointer
write_thread (gpointer data)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = yp_cache_write_run (data, NULL, &error);

  g_assert_no_error (error);
  return GINT_TO_POINTER (ok);
}

/* A first open shows the record as parsed; the cache written afterwards,
 * in another thread, is the one the next open reads. */
static void
test_parsed_first_then_written (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(YpRecord) parsed = yp_yeonpyo_reader_load_file (f->timeline, NULL, NULL);
  g_autoptr(YpRecord) shown = NULL;
  g_autoptr(YpRecord) reused = NULL;
  g_autoptr(YpRecord) again = NULL;
  g_autoptr(YpCacheWrite) write = NULL;
  g_autoptr(YpCacheWrite) none = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GThread) thread = NULL;
  g_autofree char *db_path = yp_cache_path_for (f->timeline, f->cache_dir);
  YpCacheReport report = { 0 };

  shown = yp_cache_load_parsed_first (f->timeline, f->cache_dir, NULL, &report, &write, &error);
  g_assert_no_error (error);
  g_assert_nonnull (shown);
  g_assert_nonnull (write);
  g_assert_cmpint (report.outcome, ==, YP_CACHE_PARSED);
  yp_cache_report_clear (&report);
  /* Shown before anything is written: no file, no cache path, events in memory. */
  g_assert_false (g_file_test (db_path, G_FILE_TEST_EXISTS));
  g_assert_null (yp_test_record_cache_path (shown));
  g_assert_false (yp_event_list_is_lazy (YP_EVENT_LIST (yp_record_get_events (shown))));
  assert_same_record (parsed, shown);

  /* Written in a thread of its own while the record is read here. */
  thread = g_thread_new ("write", write_thread, write);
  assert_same_record (parsed, shown);
  g_assert_true (GPOINTER_TO_INT (g_thread_join (g_steal_pointer (&thread))));
  g_assert_cmpstr (yp_cache_write_get_db_path (write), ==, db_path);
  g_assert_null (yp_test_record_cache_path (shown));
  yp_cache_write_finish (write);
  g_assert_cmpstr (yp_test_record_cache_path (shown), ==, db_path);

  /* The next open reads that cache, over the file. */
  reused = yp_cache_load_parsed_first (f->timeline, f->cache_dir, NULL, &report, &none, &error);
  g_assert_no_error (error);
  g_assert_null (none);
  g_assert_cmpint (report.outcome, ==, YP_CACHE_REUSED);
  yp_cache_report_clear (&report);
  g_assert_true (yp_event_list_is_lazy (YP_EVENT_LIST (yp_record_get_events (reused))));
  assert_same_record (parsed, reused);

  /* yp_cache_load() still writes before it returns. */
  g_assert_cmpint (g_unlink (db_path), ==, 0);
  again = load (f, YP_CACHE_BUILT, NULL);
  assert_same_record (parsed, again);
}

/* A folder that cannot take the cache: the write says so, and the record
 * shown stays as it is, in memory. */
/* A file replaced or edited after it was parsed and before its cache is
 * written (the window writes it after the first frame) must not leave a
 * cache of the old events under the new file's identity: the next open
 * shows what the file holds now. Returns the record of the open after
 * next, from the cache that one built, for the caller to check. */
/* The next open builds the cache, the one after reuses it, and they
 * agree: the record of the second. */
static YpRecord *
reopen (Fixture *f)
{
  g_autoptr(YpRecord) next = load (f, YP_CACHE_BUILT, NULL);
  g_autoptr(YpRecord) again = load (f, YP_CACHE_REUSED, NULL);

  assert_same_record (next, again);
  return g_steal_pointer (&again);
}

static YpRecord *
check_changed_before_write (Fixture    *f,
                            const char *changed_file,
                            const char *new_contents)
{
  g_autoptr(YpRecord) shown = NULL;
  g_autoptr(YpCacheWrite) write = NULL;
  g_autoptr(GError) error = NULL;
  YpCacheReport report = { 0 };

  shown = yp_cache_load_parsed_first (f->timeline, f->cache_dir, NULL, &report, &write, &error);
  g_assert_no_error (error);
  g_assert_nonnull (write);
  yp_cache_report_clear (&report);

  /* Saved as an editor saves: a new file renamed over the old one. */
  g_assert_true (g_file_set_contents (changed_file, new_contents, -1, NULL));
  g_test_expect_message (G_LOG_DOMAIN_CACHE, G_LOG_LEVEL_MESSAGE, "*changed after it was read*");
  g_assert_false (yp_cache_write_run (write, NULL, &error));
  g_test_assert_expected_messages ();
  g_assert_error (error, YP_ERROR, YP_ERROR_CHANGED);
  g_assert_null (yp_cache_write_get_db_path (write));
  g_clear_error (&error);
  yp_cache_write_finish (write);
  g_assert_null (yp_test_record_cache_path (shown));

  return reopen (f);
}

#define NEW_TITLE "A title saved during the open"

/* The timeline's text with one event's English title now NEW_TITLE. */
static char *
timeline_with_new_title (Fixture *f)
{
  g_autofree char *json = NULL;
  g_autoptr(GRegex) regex = g_regex_new ("\"en\": \"OpenAI's board removes Sam Altman as CEO\"", 0, 0, NULL);
  char *changed;

  g_assert_true (g_file_get_contents (f->timeline, &json, NULL, NULL));
  changed = g_regex_replace_literal (regex, json, -1, 0, "\"en\": \"" NEW_TITLE "\"", 0, NULL);
  g_assert_cmpstr (changed, !=, json);
  return changed;
}

static const char *
changed_title (YpRecord *record)
{
  return yp_event_get_title (yp_record_lookup_event (record, "altman-removed"), YP_LANG_EN);
}

static void
test_timeline_changed_before_write (Fixture       *f,
                                    gconstpointer  data)
{
  g_autofree char *changed = timeline_with_new_title (f);
  g_autoptr(YpRecord) now = check_changed_before_write (f, f->timeline, changed);

  g_assert_cmpstr (changed_title (now), ==, NEW_TITLE);
}

static void
test_seed_changed_before_write (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *seed = g_build_filename (f->dir, "seeds", "002_330b32661a3c8fa7.txt", NULL);
  g_autofree char *text = NULL;
  g_autofree char *appended = NULL;
  g_autoptr(YpRecord) now = NULL;

  g_assert_true (g_file_get_contents (seed, &text, NULL, NULL));
  appended = g_strconcat (text, "\n저장 중에 덧붙인 줄", NULL);
  now = check_changed_before_write (f, seed, appended);
  g_assert_true (g_str_has_suffix (yp_source_get_raw_text (yp_record_lookup_source (now, "reflections-20250106")),
                                   "저장 중에 덧붙인 줄"));
}

/* The same for a timeline whose events are written to the cache as they
 * are read (more than the stream threshold): the timeline is saved over
 * once the parse is done, as the rest of the cache is about to be
 * written. The write is refused, no cache file is left with the old
 * events under the new file's identity, the file is read again, and the
 * next open builds its cache from what the file holds now. */
typedef struct {
  const char *path;
  const char *contents;
  gboolean    replaced;
} ReplaceAtFinish;

static void
replace_at_finish_cb (goffset  current,
                      goffset  total,
                      gpointer user_data)
{
  ReplaceAtFinish *replace = user_data;

  /* (1, 1): the parse is done, the cache's last tables come next
   * (yp_cache_stream_finish()). */
  if (current == 1 && total == 1 && !replace->replaced)
    {
      g_assert_true (g_file_set_contents (replace->path, replace->contents, -1, NULL));
      replace->replaced = TRUE;
    }
}

static void
test_timeline_changed_before_stream_write (Fixture       *f,
                                           gconstpointer  data)
{
  g_autofree char *changed = timeline_with_new_title (f);
  g_autofree char *db_path = yp_cache_path_for (f->timeline, f->cache_dir);
  g_autoptr(YpRecord) shown = NULL;
  g_autoptr(YpRecord) again = NULL;
  g_autoptr(YpCacheWrite) write = NULL;
  g_autoptr(GError) error = NULL;
  YpCacheReport report = { 0 };
  ReplaceAtFinish replace = { f->timeline, changed, FALSE };
  YpCacheMonitor monitor = { NULL, replace_at_finish_cb, &replace };

  yp_cache_set_stream_threshold (0);
  g_test_expect_message (G_LOG_DOMAIN_CACHE, G_LOG_LEVEL_MESSAGE, "*changed after it was read*");
  shown = yp_cache_load_parsed_first (f->timeline, f->cache_dir, &monitor, &report, &write, &error);
  yp_cache_set_stream_threshold (YP_CACHE_PARSED_FIRST_MAX);
  g_test_assert_expected_messages ();
  g_assert_no_error (error);
  g_assert_true (replace.replaced);
  g_assert_nonnull (shown);
  g_assert_null (write);
  g_assert_cmpint (report.outcome, ==, YP_CACHE_MEMORY);
  g_assert_false (g_file_test (db_path, G_FILE_TEST_EXISTS));
  yp_cache_report_clear (&report);
  /* Read again: what the file holds now. */
  g_assert_cmpstr (changed_title (shown), ==, NEW_TITLE);

  again = reopen (f);
  g_assert_cmpstr (changed_title (again), ==, NEW_TITLE);
}

/* An article file saved over after its bytes were read and before the
 * parse is done: the sources are read before the events, so the first
 * word of the events' progress comes in between. The cache must not hold
 * the old article under the new file's identity: it is not written, and
 * the next open builds it from the new text. */
#define SEED_LINE "파싱 중에 덧붙인 줄"

typedef struct {
  const char *path;
  const char *contents;
  gboolean    replaced;
} ReplaceDuringParse;

static void
replace_during_parse_cb (goffset  current,
                         goffset  total,
                         gpointer user_data)
{
  ReplaceDuringParse *replace = user_data;

  /* (0, 1) comes before the parse, (1, 1) after it; the events'
   * progress has their number as its total. */
  if (total > 1 && current < total && !replace->replaced)
    {
      g_assert_true (g_file_set_contents (replace->path, replace->contents, -1, NULL));
      replace->replaced = TRUE;
    }
}

static const char *
seed_text (YpRecord *record)
{
  return yp_source_get_raw_text (yp_record_lookup_source (record, "reflections-20250106"));
}

static void
check_seed_changed_during_parse (Fixture  *f,
                                 gboolean  streamed)
{
  g_autofree char *seed = g_build_filename (f->dir, "seeds", "002_330b32661a3c8fa7.txt", NULL);
  g_autofree char *db_path = yp_cache_path_for (f->timeline, f->cache_dir);
  g_autofree char *text = NULL;
  g_autofree char *appended = NULL;
  g_autoptr(YpRecord) shown = NULL;
  g_autoptr(YpRecord) again = NULL;
  g_autoptr(YpCacheWrite) write = NULL;
  g_autoptr(GError) error = NULL;
  YpCacheReport report = { 0 };
  ReplaceDuringParse replace = { seed, NULL, FALSE };
  YpCacheMonitor monitor = { NULL, replace_during_parse_cb, &replace };

  g_assert_true (g_file_get_contents (seed, &text, NULL, NULL));
  appended = g_strconcat (text, "\n" SEED_LINE, NULL);
  replace.contents = appended;

  if (streamed)
    yp_cache_set_stream_threshold (0);
  g_test_expect_message (G_LOG_DOMAIN_CACHE, G_LOG_LEVEL_MESSAGE, "*changed after it was read*");
  shown = yp_cache_load_parsed_first (f->timeline, f->cache_dir, &monitor, &report, &write, &error);
  if (streamed)
    yp_cache_set_stream_threshold (YP_CACHE_PARSED_FIRST_MAX);
  g_assert_no_error (error);
  g_assert_true (replace.replaced);
  g_assert_nonnull (shown);
  yp_cache_report_clear (&report);
  if (!streamed)
    {
      /* The cache is written after the record is shown. */
      g_assert_nonnull (write);
      g_assert_false (yp_cache_write_run (write, NULL, &error));
      g_assert_error (error, YP_ERROR, YP_ERROR_CHANGED);
      g_clear_error (&error);
      yp_cache_write_finish (write);
    }
  else
    g_assert_null (write);
  g_test_assert_expected_messages ();
  g_assert_false (g_file_test (db_path, G_FILE_TEST_EXISTS));

  again = reopen (f);
  g_assert_true (g_str_has_suffix (seed_text (again), SEED_LINE));
}

static void
test_seed_changed_during_parse (Fixture       *f,
                                gconstpointer  data)
{
  check_seed_changed_during_parse (f, FALSE);
}

static void
test_seed_changed_during_stream_parse (Fixture       *f,
                                       gconstpointer  data)
{
  check_seed_changed_during_parse (f, TRUE);
}

/* An article file written to while it is read, between its open and the
 * look at its state once it is read: the text read is not the text the
 * file then holds, so the cache must not take the file's state after the
 * read for the one its text came from. It is not written, and the next
 * open builds it from the new text. */
typedef struct {
  const char *name;
  const char *path;
  gboolean    appended;
} AppendDuringRead;

static void
append_during_read_cb (const char *path,
                       gpointer    user_data)
{
  AppendDuringRead *append = user_data;
  const char *line = "\n" SEED_LINE;
  int fd;

  if (append->appended || !g_str_has_suffix (path, append->name))
    return;
  fd = g_open (append->path, O_WRONLY | O_APPEND | O_CLOEXEC, 0);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, line, strlen (line)), ==, (gssize) strlen (line));
  g_assert_cmpint (close (fd), ==, 0);
  append->appended = TRUE;
}

static void
test_seed_changed_during_its_read (Fixture       *f,
                                   gconstpointer  data)
{
  g_autofree char *seed = g_build_filename (f->dir, "seeds", "002_330b32661a3c8fa7.txt", NULL);
  g_autofree char *db_path = yp_cache_path_for (f->timeline, f->cache_dir);
  g_autoptr(YpRecord) shown = NULL;
  g_autoptr(YpRecord) again = NULL;
  g_autoptr(YpCacheWrite) write = NULL;
  g_autoptr(GError) error = NULL;
  YpCacheReport report = { 0 };
  AppendDuringRead append = { "/002_330b32661a3c8fa7.txt", seed, FALSE };

  yp_file_bytes_set_read_hook (append_during_read_cb, &append);
  shown = yp_cache_load_parsed_first (f->timeline, f->cache_dir, NULL, &report, &write, &error);
  yp_file_bytes_set_read_hook (NULL, NULL);
  g_assert_no_error (error);
  g_assert_true (append.appended);
  g_assert_nonnull (shown);
  yp_cache_report_clear (&report);
  /* Shown as read, before the line was added. */
  g_assert_false (g_str_has_suffix (seed_text (shown), SEED_LINE));
  g_assert_nonnull (write);
  g_test_expect_message (G_LOG_DOMAIN_CACHE, G_LOG_LEVEL_MESSAGE, "*changed after it was read*");
  g_assert_false (yp_cache_write_run (write, NULL, &error));
  g_assert_error (error, YP_ERROR, YP_ERROR_CHANGED);
  g_clear_error (&error);
  yp_cache_write_finish (write);
  g_test_assert_expected_messages ();
  g_assert_false (g_file_test (db_path, G_FILE_TEST_EXISTS));

  again = reopen (f);
  g_assert_true (g_str_has_suffix (seed_text (again), SEED_LINE));
}

/* An article that cannot be read (here a folder in its place) is still an
 * input as it was seen: the cache is written (and, as an input is
 * unreadable, rebuilt at the next start), and holds the article once it
 * is mended. */
static void
test_unreadable_seed_cached (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *seed = g_build_filename (f->dir, "seeds", "002_330b32661a3c8fa7.txt", NULL);
  g_autofree char *text = NULL;
  g_autoptr(YpRecord) first = NULL;
  g_autoptr(YpRecord) second = NULL;
  g_autoptr(YpRecord) mended = NULL;

  g_assert_true (g_file_get_contents (seed, &text, NULL, NULL));
  g_assert_cmpint (g_unlink (seed), ==, 0);
  g_assert_cmpint (g_mkdir (seed, 0700), ==, 0);
  first = load (f, YP_CACHE_BUILT, NULL);
  second = load (f, YP_CACHE_BUILT, NULL);
  assert_same_record (first, second);

  g_assert_cmpint (g_rmdir (seed), ==, 0);
  g_assert_true (g_file_set_contents (seed, text, -1, NULL));
  mended = load (f, YP_CACHE_BUILT, NULL);
  g_assert_cmpstr (seed_text (mended), ==, text);
}

static void
test_parsed_first_unwritable (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(YpRecord) parsed = yp_yeonpyo_reader_load_file (f->timeline, NULL, NULL);
  g_autoptr(YpRecord) shown = NULL;
  g_autoptr(YpCacheWrite) write = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *blocker = g_build_filename (f->dir, "blocker", NULL);

  /* A path under a plain file: not writable, even for root. */
  g_assert_true (g_file_set_contents (blocker, "x", 1, NULL));
  g_free (f->cache_dir);
  f->cache_dir = g_build_filename (blocker, "cache", NULL);

  shown = yp_cache_load_parsed_first (f->timeline, f->cache_dir, NULL, NULL, &write, &error);
  g_assert_no_error (error);
  g_assert_nonnull (write);
  g_test_expect_message (G_LOG_DOMAIN_CACHE, G_LOG_LEVEL_MESSAGE, "Cannot keep a cache in *blocker/cache*");
  g_assert_false (yp_cache_write_run (write, NULL, &error));
  g_test_assert_expected_messages ();
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "blocker"));
  g_assert_null (yp_cache_write_get_db_path (write));
  yp_cache_write_finish (write);
  g_assert_null (yp_test_record_cache_path (shown));
  assert_same_record (parsed, shown);
}

/* Streaming: events written to the cache as they are read */

typedef enum {
  SHIPPED,      /* as it ships: every event in date order */
  ONE_LATE,     /* its first two events swapped: one event out of place */
  REVERSED,     /* every event in the reverse order */
  WITH_FAULTS,  /* reversed, plus a duplicate id, an event with an error
                 * and one with a warning */
} Variant;

static const char *variant_names[] = { "shipped", "one-late", "reversed", "with-faults" };

static JsonNode *
deep_copy (JsonNode *node)
{
  g_autofree char *text = json_to_string (node, FALSE);
  JsonNode *copy = json_from_string (text, NULL);

  g_assert_nonnull (copy);
  return copy;
}

/* Rewrites the fixture's timeline as @variant. */
static void
write_variant (Fixture *f,
               Variant  variant)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonArray) out = json_array_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *top;
  JsonArray *events;
  guint n;

  if (variant == SHIPPED)
    return;
  json_parser_load_from_file (parser, f->timeline, &error);
  g_assert_no_error (error);
  top = json_node_get_object (json_parser_get_root (parser));
  events = json_object_get_array_member (top, "events");
  n = json_array_get_length (events);
  for (guint i = 0; i < n; i++)
    {
      guint k = variant != ONE_LATE ? n - 1 - i : i == 0 ? 1 : i == 1 ? 0 : i;

      json_array_add_element (out, json_node_copy (json_array_get_element (events, k)));
    }
  if (variant == WITH_FAULTS)
    {
      /* Deep copies: json_node_copy() shares the objects. */
      JsonNode *dup = deep_copy (json_array_get_element (events, 3));
      JsonNode *bad = deep_copy (json_array_get_element (events, 5));
      JsonNode *odd = deep_copy (json_array_get_element (events, 7));

      json_object_set_string_member (json_node_get_object (bad), "id", "a-bad-one");
      json_object_set_string_member (json_node_get_object (bad), "category", "no-such-category");
      json_object_set_string_member (json_node_get_object (odd), "id", "an-odd-one");
      json_object_remove_member (json_node_get_object (odd), "publication_of");
      json_object_set_string_member (json_node_get_object (odd), "category", "publication");
      json_array_add_element (out, dup);
      json_array_add_element (out, bad);
      json_array_add_element (out, odd);
    }
  json_object_set_array_member (top, "events", json_array_ref (out));
  json_generator_set_root (gen, json_parser_get_root (parser));
  json_generator_to_file (gen, f->timeline, &error);
  g_assert_no_error (error);
}

typedef struct {
  gboolean   accept;
  guint      n_begin;
  guint      n_given;    /* the count begin() was given */
  guint64    file_bytes; /* and the file's size */
  guint64    kept_bytes; /* and the reader's estimate */
  guint      restarts;
  GPtrArray *ids;        /* since the last restart */
  GArray    *anchors;
} SinkLog;

static gboolean
log_begin (guint    n_events,
           guint64  file_bytes,
           guint64  kept_bytes,
           gpointer user_data)
{
  SinkLog *log = user_data;

  log->n_begin++;
  log->n_given = n_events;
  log->file_bytes = file_bytes;
  log->kept_bytes = kept_bytes;
  return log->accept;
}

static gboolean
log_event (const YpEventInfo *info,
           gpointer           user_data,
           GError           **error)
{
  SinkLog *log = user_data;

  g_ptr_array_add (log->ids, g_strdup (info->id));
  g_array_append_val (log->anchors, info->anchor);
  return TRUE;
}

static gboolean
log_restart (gpointer  user_data,
             GError  **error)
{
  SinkLog *log = user_data;

  log->restarts++;
  g_ptr_array_set_size (log->ids, 0);
  g_array_set_size (log->anchors, 0);
  return TRUE;
}

static void
assert_same_problems (YpRecord *a,
                      YpRecord *b)
{
  GPtrArray *pa = yp_record_get_problems (a), *pb = yp_record_get_problems (b);

  g_assert_cmpuint (pa->len, ==, pb->len);
  for (guint i = 0; i < pa->len; i++)
    {
      g_autofree char *x = yp_problem_to_string (g_ptr_array_index (pa, i));
      g_autofree char *y = yp_problem_to_string (g_ptr_array_index (pb, i));

      g_assert_cmpstr (x, ==, y);
    }
}

/* The loader hands a sink every event that loads, once, in the record's
 * order, starting over once when the file is not in that order, and
 * reports the same problems as when it keeps the events. */
static void
test_stream_order (Fixture       *f,
                   gconstpointer  data)
{
  for (Variant v = SHIPPED; v <= WITH_FAULTS; v++)
    {
      g_autoptr(YpRecord) kept = NULL;
      g_autoptr(YpRecord) streamed = NULL;
      g_autoptr(YpRecord) declined = NULL;
      g_autoptr(GError) error = NULL;
      SinkLog log = { TRUE, 0, 0, 0, 0, 0, g_ptr_array_new_with_free_func (g_free), g_array_new (FALSE, FALSE, sizeof (gint64)) };
      GStatBuf st;
      YpEventSink sink = { log_begin, log_event, log_restart, &log };
      GListModel *events;

      g_test_message ("== %s", variant_names[v]);
      fixture_tear_down (f, NULL);
      fixture_set_up (f, NULL);
      write_variant (f, v);
      kept = yp_import_load_file (f->timeline, NULL, &error);
      g_assert_no_error (error);
      streamed = yp_import_load_file_streaming (f->timeline, NULL, &sink, &error);
      g_assert_no_error (error);
      events = yp_record_get_events (kept);

      g_assert_cmpuint (log.n_begin, ==, 1);
      /* What the cache weighs keeping the events by: the file's size,
       * and more than a few bytes an event. */
      g_assert_cmpint (g_stat (f->timeline, &st), ==, 0);
      g_assert_cmpuint (log.file_bytes, ==, st.st_size);
      g_assert_cmpuint (log.kept_bytes, >, (guint64) log.n_given * 100);
      g_assert_cmpuint (g_list_model_get_n_items (yp_record_get_events (streamed)), ==, 0);
      g_assert_cmpuint (log.ids->len, ==, g_list_model_get_n_items (events));
      for (guint i = 0; i < log.ids->len; i++)
        {
          YpEvent *e = yp_event_list_peek (YP_EVENT_LIST (events), i);

          g_assert_cmpstr (g_ptr_array_index (log.ids, i), ==, yp_event_get_id (e));
          g_assert_cmpint (g_array_index (log.anchors, gint64, i), ==, yp_event_get_anchor (e));
        }
      g_assert_cmpuint (log.restarts, ==, v == SHIPPED ? 0 : 1);
      assert_same_problems (kept, streamed);
      if (v == WITH_FAULTS)
        {
          g_assert_cmpuint (log.n_given, ==, log.ids->len + 2);
          g_assert_cmpuint (yp_record_count_problems (streamed, YP_SEVERITY_ERROR), >=, 2);
          g_assert_cmpuint (yp_record_count_problems (streamed, YP_SEVERITY_WARNING), >=, 1);
        }
      else
        g_assert_cmpuint (log.n_given, ==, log.ids->len);

      /* A sink that says no gets nothing, and the record keeps them. */
      log.accept = FALSE;
      log_restart (&log, NULL);
      declined = yp_import_load_file_streaming (f->timeline, NULL, &sink, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (log.ids->len, ==, 0);
      assert_same_record (kept, declined);

      g_ptr_array_unref (log.ids);
      g_array_unref (log.anchors);
    }
}

/* Whether a first open keeps a load as parsed: by the count, and by
 * the reader's estimate of its memory against the file's size, with a
 * floor for small files. */
static void
test_stream_keeps (void)
{
  const guint64 mb = 1024 * 1024;

  /* Within both. */
  g_assert_true (yp_cache_stream_keeps (100000, 38 * mb, 99 * mb, YP_CACHE_PARSED_FIRST_MAX));
  /* The estimate against three times the file's size. */
  g_assert_true (yp_cache_stream_keeps (1000, 30 * mb, 90 * mb, YP_CACHE_PARSED_FIRST_MAX));
  g_assert_false (yp_cache_stream_keeps (1000, 30 * mb, 90 * mb + 1, YP_CACHE_PARSED_FIRST_MAX));
  /* A small file may take up to the floor, however many times its size. */
  g_assert_true (yp_cache_stream_keeps (40000, 1 * mb, YP_CACHE_KEPT_MIN_BYTES, YP_CACHE_PARSED_FIRST_MAX));
  g_assert_false (yp_cache_stream_keeps (40000, 1 * mb, YP_CACHE_KEPT_MIN_BYTES + 1, YP_CACHE_PARSED_FIRST_MAX));
  /* The count alone. */
  g_assert_true (yp_cache_stream_keeps (200000, 900 * mb, 0, 200000));
  g_assert_false (yp_cache_stream_keeps (200001, 900 * mb, 0, 200000));
  g_assert_false (yp_cache_stream_keeps (2, 1, 0, 1));
  /* No overflow at the extremes. */
  g_assert_true (yp_cache_stream_keeps (1, G_MAXUINT64, G_MAXUINT64, 1));
  g_assert_false (yp_cache_stream_keeps (1, G_MAXUINT64 / 4, G_MAXUINT64, 1));
}

/* Every row of every table of the database at @path, as text. */
static char *
dump_db (const char *path)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *db = NULL;
  sqlite3_stmt *st = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
                                       -1, &st, NULL), ==, SQLITE_OK);
  while (sqlite3_step (st) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (st, 0)));
  sqlite3_finalize (st);
  g_assert_cmpuint (tables->len, >=, 10);
  for (guint t = 0; t < tables->len; t++)
    {
      const char *name = g_ptr_array_index (tables, t);
      g_autofree char *sql = g_strdup_printf ("SELECT rowid, * FROM \"%s\" ORDER BY rowid", name);
      guint rows = 0;

      /* FTS5's tables WITHOUT ROWID come in their key's order. */
      if (sqlite3_prepare_v2 (db, sql, -1, &st, NULL) != SQLITE_OK)
        {
          g_free (sql);
          sql = g_strdup_printf ("SELECT * FROM \"%s\"", name);
          g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &st, NULL), ==, SQLITE_OK);
        }
      g_string_append_printf (out, "== %s\n", (const char *) g_ptr_array_index (tables, t));
      while (sqlite3_step (st) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (st); c++)
            {
              const guchar *bytes = sqlite3_column_blob (st, c);
              int n = sqlite3_column_bytes (st, c);

              g_string_append_printf (out, "%d:%d:", sqlite3_column_type (st, c), n);
              for (int k = 0; k < n; k++)
                g_string_append_printf (out, "%02x", bytes[k]);
              g_string_append_c (out, '|');
            }
          g_string_append_c (out, '\n');
          rows++;
        }
      sqlite3_finalize (st);
      g_string_append_printf (out, "(%u rows)\n", rows);
    }
  sqlite3_close (db);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The timeline of @f, cached from a record in memory and cached as it
 * is read: the two caches hold the same rows, and read back the same. */
static void
assert_streamed_same (Fixture *f)
{
  g_autofree char *memory_dir = NULL;
  g_autofree char *memory_db = NULL;
  g_autofree char *streamed_db = NULL;
  g_autofree char *dump_memory = NULL;
  g_autofree char *dump_streamed = NULL;
  g_autoptr(YpRecord) parsed = NULL;
  g_autoptr(YpRecord) from_memory = NULL;
  g_autoptr(YpRecord) streamed = NULL;
  g_autoptr(YpRecord) reused = NULL;
  g_autoptr(GError) error = NULL;
  YpCacheReport report = { 0 };

  /* Fingerprinted the same both times (see age_inputs()). */
  age_inputs (f, 60);
  memory_dir = g_build_filename (f->dir, "cache-memory", NULL);
  parsed = yp_import_load_file (f->timeline, NULL, &error);
  g_assert_no_error (error);

  from_memory = yp_cache_load (f->timeline, memory_dir, &report, &error);
  g_assert_no_error (error);
  g_assert_cmpint (report.outcome, ==, YP_CACHE_BUILT);
  g_assert_false (report.streamed);
  memory_db = g_strdup (report.db_path);
  yp_cache_report_clear (&report);

  yp_cache_set_stream_threshold (0);
  streamed = yp_cache_load (f->timeline, f->cache_dir, &report, &error);
  yp_cache_set_stream_threshold (YP_CACHE_PARSED_FIRST_MAX);
  g_assert_no_error (error);
  g_assert_cmpint (report.outcome, ==, YP_CACHE_BUILT);
  g_assert_true (report.streamed);
  streamed_db = g_strdup (report.db_path);
  yp_cache_report_clear (&report);

  dump_memory = dump_db (memory_db);
  dump_streamed = dump_db (streamed_db);
  g_assert_cmpstr (dump_streamed, ==, dump_memory);
  assert_same_record (parsed, streamed);
  assert_same_problems (parsed, streamed);
  reused = load (f, YP_CACHE_REUSED, NULL);
  assert_same_record (parsed, reused);
}

/* A cache written as the events are read holds, row for row, what one
 * written from a record in memory holds, and reads back the same. */
static void
test_streamed_cache_same (Fixture       *f,
                          gconstpointer  data)
{
  for (Variant v = SHIPPED; v <= WITH_FAULTS; v++)
    {
      g_test_message ("== %s", variant_names[v]);
      fixture_tear_down (f, NULL);
      fixture_set_up (f, NULL);
      write_variant (f, v);
      assert_streamed_same (f);
    }
}

/* The same for a TimelineJS document, whose sources are handed to the
 * cache as its slides are read: out of date order (its events come
 * again, in order, after all are checked), with a slide skipped for an
 * error and one kept with a warning. */
static void
test_streamed_timelinejs_cache_same (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr(GString) json = g_string_new ("{\"title\": {\"text\": {\"headline\": \"Streamed\"}}, \"events\": [");

  for (guint i = 0; i < 300; i++)
    g_string_append_printf (json, "%s{\"start_date\": {\"year\": %u, \"month\": %u}, "
                            "\"text\": {\"headline\": \"slide %u\", \"text\": \"<p>Said %u.</p>\"}, "
                            "\"media\": {\"caption\": \"caption %u\", \"credit\": \"%s\"}}",
                            i ? ", " : "", 2000 - i % 50, 1 + i % 12, i, i, i, i % 3 ? "Wire" : "");
  g_string_append (json, ", {\"start_date\": {\"year\": 1999, \"month\": 13}, \"text\": {\"headline\": \"bad\"}}"
                   ", {\"start_date\": {\"year\": 1998}, \"text\": {\"headline\": \"warned\"}, "
                   "\"media\": {\"url\": \"data:x\"}}]}");
  g_assert_true (g_file_set_contents (f->timeline, json->str, json->len, NULL));
  assert_streamed_same (f);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(name, func) \
  g_test_add ("/cache/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("round-trip", test_round_trip);
  ADD ("stream-order", test_stream_order);
  ADD ("streamed-cache-same", test_streamed_cache_same);
  ADD ("streamed-timelinejs-cache-same", test_streamed_timelinejs_cache_same);
  ADD ("reused-without-parsing", test_reused_without_parsing);
  ADD ("rebuilt-when-data-changes", test_rebuilt_when_data_changes);
  ADD ("rebuilt-when-seed-changes", test_rebuilt_when_seed_changes);
  ADD ("unchanged-inputs-not-hashed", test_unchanged_inputs_not_hashed);
  ADD ("same-size-edit-seen", test_same_size_edit_seen);
  ADD ("fresh-inputs-always-hashed", test_fresh_inputs_always_hashed);
  ADD ("rebuilt-when-schema-changes", test_rebuilt_when_schema_changes);
  ADD ("missing-seed-then-restored", test_missing_seed_then_restored);
  ADD ("damaged-cache-moved-aside", test_damaged_cache_moved_aside);
  ADD ("foreign-database", test_foreign_database);
  ADD ("unwritable-dir-uses-memory", test_unwritable_dir_uses_memory);
  ADD ("no-stray-files", test_no_stray_files);
  ADD ("parsed-first-then-written", test_parsed_first_then_written);
  ADD ("parsed-first-unwritable", test_parsed_first_unwritable);
  ADD ("timeline-changed-before-write", test_timeline_changed_before_write);
  ADD ("seed-changed-before-write", test_seed_changed_before_write);
  ADD ("timeline-changed-before-stream-write", test_timeline_changed_before_stream_write);
  ADD ("seed-changed-during-parse", test_seed_changed_during_parse);
  ADD ("seed-changed-during-stream-parse", test_seed_changed_during_stream_parse);
  ADD ("seed-changed-during-its-read", test_seed_changed_during_its_read);
  ADD ("unreadable-seed-cached", test_unreadable_seed_cached);
#undef ADD
  g_test_add_func ("/cache/stream-keeps", test_stream_keeps);
  return g_test_run ();
}
