/* test-faults.c: the cache under faults
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Damaged cache files of every kind, a cache folder that cannot be written
 * or is full, rebuilds killed with SIGKILL at each step and at random
 * moments, and several processes starting at once on one cache. After each
 * fault the next start must be clean: the record equal to a fresh parse,
 * one log line saying why the cache was rebuilt (none for a first build),
 * no half-written cache used, no temporary files piling up.
 *
 * This binary is also its own child process, for the faults that need one:
 *   test-faults --child TIMELINE CACHE_DIR [FILE_SIZE_LIMIT]
 * loads TIMELINE through the cache in CACHE_DIR once and prints
 *   outcome=built|reused|memory digest=SHA256
 * on stdout; its log lines go to stderr. With FILE_SIZE_LIMIT it runs under
 * RLIMIT_FSIZE, which makes any write past that size fail as on a full
 * disk. YEONPYO_CACHE_CRASH_AT (see yp-cache-db.c; builds with
 * -Dtest_hooks=true only) makes it kill itself at a step of the rebuild.
 */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "yp-cache-db.h"
#include "yp-cache-private.h"
#include "yp-cache.h"
#include "yp-event-list.h"
#include "yp-search.h"
#include "yp-yeonpyo-reader.h"
#include "yp-test-util.h"

static char *self_exe;

/* A digest of everything the window reads from a record */

static void
add (GChecksum  *sum,
     const char *text)
{
  if (text == NULL)
    g_checksum_update (sum, (const guchar *) "\001", 1);
  else
    g_checksum_update (sum, (const guchar *) text, strlen (text) + 1);
}

static void
add_int (GChecksum *sum,
         gint64     value)
{
  char buf[32];

  g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, value);
  add (sum, buf);
}

static char *
record_digest (YpRecord *record)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  GPtrArray *problems = yp_record_get_problems (record);
  GListModel *list;

  add (sum, yp_record_get_title (record, YP_LANG_KO));
  add (sum, yp_record_get_title (record, YP_LANG_EN));
  for (guint i = 0; i < problems->len; i++)
    {
      YpProblem *p = g_ptr_array_index (problems, i);

      add_int (sum, p->severity);
      add (sum, p->file);
      add (sum, p->path);
      add (sum, p->message);
    }
  list = yp_record_get_sources (record);
  add_int (sum, g_list_model_get_n_items (list));
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(YpSource) s = g_list_model_get_item (list, i);
      const YpSegment *segs;
      guint n;

      add (sum, yp_source_get_id (s));
      add (sum, yp_source_get_file (s));
      for (YpLang l = YP_LANG_KO; l <= YP_LANG_EN; l++)
        {
          add (sum, yp_source_get_outlet (s, l));
          add (sum, yp_source_get_outlet_note (s, l));
          add (sum, yp_source_get_published_note (s, l));
        }
      add (sum, yp_source_get_title (s));
      add (sum, yp_source_get_author (s));
      add (sum, yp_source_get_published (s));
      add_int (sum, yp_source_get_published_precision (s));
      add (sum, yp_source_get_timezone (s));
      add_int (sum, yp_source_get_published_start (s));
      add (sum, yp_source_get_language (s));
      add (sum, yp_source_get_raw_text (s));
      add (sum, yp_source_get_body_text (s));
      segs = yp_source_get_segments (s, &n);
      for (guint j = 0; j < n; j++)
        {
          add_int (sum, segs[j].raw_start);
          add_int (sum, segs[j].body_start);
          add_int (sum, segs[j].length);
        }
    }
  list = yp_record_get_actors (record);
  add_int (sum, g_list_model_get_n_items (list));
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(YpActor) a = g_list_model_get_item (list, i);

      add (sum, yp_actor_get_id (a));
      add (sum, yp_actor_get_kind (a));
      for (YpLang l = YP_LANG_KO; l <= YP_LANG_EN; l++)
        {
          add (sum, yp_actor_get_name (a, l));
          add (sum, yp_actor_get_role (a, l));
        }
    }
  list = yp_record_get_eras (record);
  add_int (sum, g_list_model_get_n_items (list));
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(YpEra) e = g_list_model_get_item (list, i);

      add (sum, yp_era_get_id (e));
      for (YpLang l = YP_LANG_KO; l <= YP_LANG_EN; l++)
        {
          add (sum, yp_era_get_name (e, l));
          add (sum, yp_era_get_description (e, l));
        }
      add (sum, yp_era_get_start_text (e));
      add (sum, yp_era_get_end_text (e));
      add_int (sum, yp_era_get_start (e));
      add_int (sum, yp_era_get_end (e));
    }
  list = yp_record_get_events (record);
  add_int (sum, g_list_model_get_n_items (list));
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(YpEvent) e = g_list_model_get_item (list, i);

      add (sum, yp_event_get_id (e));
      add (sum, yp_event_get_date (e));
      add_int (sum, yp_event_get_precision (e));
      add (sum, yp_event_get_timezone (e));
      add (sum, yp_event_get_earliest (e));
      add (sum, yp_event_get_latest (e));
      add_int (sum, yp_event_get_start (e));
      add_int (sum, yp_event_get_end (e));
      add_int (sum, yp_event_get_anchor (e));
      for (YpLang l = YP_LANG_KO; l <= YP_LANG_EN; l++)
        {
          add (sum, yp_event_get_date_note (e, l));
          add (sum, yp_event_get_title (e, l));
          add (sum, yp_event_get_summary (e, l));
        }
      for (const char * const *a = yp_event_get_actors (e); *a; a++)
        add (sum, *a);
      add (sum, yp_event_get_category (e));
      add (sum, yp_event_get_era (e));
      add (sum, yp_event_get_status (e));
      add (sum, yp_event_get_publication_of (e));
      add_int (sum, yp_event_get_position (e));
      for (guint j = 0; j < yp_event_get_n_citations (e); j++)
        {
          YpCitation *c = yp_event_get_citation (e, j);

          add (sum, yp_citation_get_source_id (c));
          add (sum, yp_citation_get_quote (c));
          add_int (sum, yp_citation_get_body_start (c));
          add_int (sum, yp_citation_get_body_end (c));
          add_int (sum, yp_citation_get_raw_start (c));
          add_int (sum, yp_citation_get_raw_end (c));
        }
    }
  return g_strdup (g_checksum_get_string (sum));
}

static const char *
outcome_name (YpCacheOutcome outcome)
{
  switch (outcome)
    {
    case YP_CACHE_REUSED:
      return "reused";
    case YP_CACHE_BUILT:
      return "built";
    case YP_CACHE_MEMORY:
    default:
      return "memory";
    }
}

/* The child process */

static int
child_main (int   argc,
            char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YpRecord) record = NULL;
  g_autofree char *digest = NULL;
  YpCacheReport report = { 0 };

  /* The events written to the cache as they are read, as for a timeline
   * of over 200,000 of them. */
  if (g_getenv ("YP_TEST_STREAM_ALL") != NULL)
    yp_cache_set_stream_threshold (0);
  if (argc > 4)
    {
      struct rlimit limit;

      limit.rlim_cur = limit.rlim_max = g_ascii_strtoull (argv[4], NULL, 10);
      signal (SIGXFSZ, SIG_IGN);
      if (setrlimit (RLIMIT_FSIZE, &limit) != 0)
        return 3;
    }
  record = yp_cache_load (argv[2], argv[3], &report, &error);
  if (record == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  digest = record_digest (record);
  g_print ("outcome=%s digest=%s\n", outcome_name (report.outcome), digest);
  yp_cache_report_clear (&report);
  return 0;
}

typedef struct {
  gboolean  signaled;   /* killed by a signal */
  int       term_sig;
  int       status;     /* exit status otherwise */
  char     *outcome;
  char     *digest;
  char     *err;        /* its stderr */
} Child;

static void
child_clear (Child *c)
{
  g_clear_pointer (&c->outcome, g_free);
  g_clear_pointer (&c->digest, g_free);
  g_clear_pointer (&c->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Child, child_clear)

/* Children write the cache as they read the events (YP_TEST_STREAM_ALL). */
static gboolean stream_children;

static GSubprocess *
child_spawn (const char *timeline,
             const char *cache_dir,
             const char *crash_at,
             const char *fsize_limit)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GError) error = NULL;
  GSubprocess *proc;

  if (stream_children)
    g_subprocess_launcher_setenv (launcher, "YP_TEST_STREAM_ALL", "1", TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "YP_TEST_STREAM_ALL");
  if (crash_at != NULL)
    g_subprocess_launcher_setenv (launcher, "YEONPYO_CACHE_CRASH_AT", crash_at, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "YEONPYO_CACHE_CRASH_AT");
  proc = g_subprocess_launcher_spawn (launcher, &error, self_exe, "--child", timeline, cache_dir,
                                      fsize_limit, NULL);
  g_assert_no_error (error);
  return proc;
}

static void
child_wait (GSubprocess *proc,
            Child       *out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *stdout_text = NULL;

  g_subprocess_communicate_utf8 (proc, NULL, NULL, &stdout_text, &out->err, &error);
  g_assert_no_error (error);
  out->signaled = g_subprocess_get_if_signaled (proc);
  if (out->signaled)
    out->term_sig = g_subprocess_get_term_sig (proc);
  else
    out->status = g_subprocess_get_exit_status (proc);
  if (stdout_text != NULL)
    {
      g_auto(GStrv) words = g_strsplit_set (g_strstrip (stdout_text), " =", -1);

      for (guint i = 0; words[i] != NULL && words[i + 1] != NULL; i += 2)
        {
          if (g_str_equal (words[i], "outcome"))
            out->outcome = g_strdup (words[i + 1]);
          else if (g_str_equal (words[i], "digest"))
            out->digest = g_strdup (words[i + 1]);
        }
    }
  if (out->err != NULL && *out->err != '\0')
    g_test_message ("child stderr: %s", out->err);
}

static void
run_child (const char *timeline,
           const char *cache_dir,
           const char *crash_at,
           const char *fsize_limit,
           Child      *out)
{
  g_autoptr(GSubprocess) proc = child_spawn (timeline, cache_dir, crash_at, fsize_limit);

  child_wait (proc, out);
}

/* Lines of @text that contain @needle. */
static guint
count_lines (const char *text,
             const char *needle)
{
  g_auto(GStrv) lines = g_strsplit (text ? text : "", "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    n += strstr (lines[i], needle) != NULL;
  return n;
}

/* The fixture: a private copy of the shipped timeline and its seeds */

typedef struct {
  char *dir;
  char *timeline;
  char *cache_dir;
  char *db_path;
  char *reference;  /* digest of a fresh parse of the timeline */
  char *title;      /* the English title of event altman-removed, as in the file */
  guint n_messages; /* g_message()s from yp-cache since the last reset */
  GString *messages;
} Fixture;

static char *
parse_digest (const char *timeline)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YpRecord) record = yp_yeonpyo_reader_load_file (timeline, NULL, &error);

  g_assert_no_error (error);
  return record_digest (record);
}

static void
cache_log_cb (const char     *domain,
              GLogLevelFlags  level,
              const char     *message,
              gpointer        data)
{
  Fixture *f = data;

  if ((level & G_LOG_LEVEL_MASK) <= G_LOG_LEVEL_MESSAGE)
    {
      /* One line each, whatever SQLite had to say. */
      g_assert_null (strchr (message, '\n'));
      f->n_messages++;
      g_string_append_printf (f->messages, "%s\n", message);
    }
  g_test_message ("yp-cache: %s", message);
}

static guint log_handler;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("yp-faults-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  f->timeline = yp_test_copy_shipped (f->dir);
  f->cache_dir = g_build_filename (f->dir, "cache", NULL);
  f->db_path = yp_cache_path_for (f->timeline, f->cache_dir);
  f->reference = parse_digest (f->timeline);
  f->title = g_strdup ("OpenAI's board removes Sam Altman as CEO");
  f->messages = g_string_new (NULL);
  /* Messages below warning go to this handler: counted, and shown. */
  log_handler = g_log_set_handler ("yp-cache", G_LOG_LEVEL_MESSAGE | G_LOG_LEVEL_INFO | G_LOG_LEVEL_DEBUG,
                                   cache_log_cb, f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_log_remove_handler ("yp-cache", log_handler);
  yp_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->timeline);
  g_free (f->cache_dir);
  g_free (f->db_path);
  g_free (f->reference);
  g_free (f->title);
  g_string_free (f->messages, TRUE);
}

static void
reset_messages (Fixture *f)
{
  f->n_messages = 0;
  g_string_truncate (f->messages, 0);
}

/* Loads in this process; checks the outcome and that the record is the
 * same as a fresh parse. */
static void
load (Fixture        *f,
      YpCacheOutcome  expected,
      YpCacheReport  *report_out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YpRecord) record = NULL;
  g_autofree char *digest = NULL;
  YpCacheReport report = { 0 };

  record = yp_cache_load (f->timeline, f->cache_dir, &report, &error);
  g_assert_no_error (error);
  g_assert_nonnull (record);
  g_test_message ("outcome %s: %s", outcome_name (report.outcome), report.reason ? report.reason : "-");
  g_assert_cmpstr (outcome_name (report.outcome), ==, outcome_name (expected));
  digest = record_digest (record);
  g_assert_cmpstr (digest, ==, f->reference);
  if (report_out != NULL)
    *report_out = report;
  else
    yp_cache_report_clear (&report);
}

/* Gives event altman-removed another English title: caches built before
 * are stale. */
static void
set_title (Fixture    *f,
           const char *title)
{
  g_autofree char *json = NULL;
  g_autofree char *from = g_strdup_printf ("\"en\": \"%s\"", f->title);
  g_autofree char *to = g_strdup_printf ("\"en\": \"%s\"", title);
  g_autoptr(GString) changed = NULL;

  g_assert_true (g_file_get_contents (f->timeline, &json, NULL, NULL));
  changed = g_string_new (json);
  g_assert_cmpuint (g_string_replace (changed, from, to, 1), ==, 1);
  g_assert_true (g_file_set_contents (f->timeline, changed->str, changed->len, NULL));
  g_free (f->title);
  f->title = g_strdup (title);
  g_free (f->reference);
  f->reference = parse_digest (f->timeline);
}

static void
edit_timeline (Fixture *f)
{
  g_autofree char *title = g_strdup_printf ("Edited %u", g_test_rand_int_range (0, 1000000));

  set_title (f, title);
}

static char *
file_sum (const char *path)
{
  g_autofree char *data = NULL;
  gsize len;

  if (!g_file_get_contents (path, &data, &len, NULL))
    return NULL;
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, len);
}

/* The cache folder's entries, sorted; temporaries start with ".". */
static GPtrArray *
list_cache_dir (Fixture *f)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) d = g_dir_open (f->cache_dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, yp_test_compare_names);
  return names;
}

static guint
count_temporaries (Fixture *f)
{
  g_autoptr(GPtrArray) names = list_cache_dir (f);
  guint n = 0;

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_test_message ("  in the cache folder: %s", name);
      n += name[0] == '.';
    }
  return n;
}

/* Makes every temporary file in the cache folder look two minutes old. */
static void
age_temporaries (Fixture *f)
{
  g_autoptr(GPtrArray) names = list_cache_dir (f);
  struct timeval times[2];

  gettimeofday (&times[0], NULL);
  times[0].tv_sec -= 120;
  times[1] = times[0];
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autofree char *path = g_build_filename (f->cache_dir, name, NULL);

      if (name[0] == '.')
        g_assert_cmpint (utimes (path, times), ==, 0);
    }
}

/* Damaged caches */

typedef enum {
  ZERO_LENGTH,
  GARBAGE,
  TRUNCATED_HALF,
  TRUNCATED_HEADER,
  FOREIGN,
  OLDER_SCHEMA,
  NEWER_SCHEMA,
  STALE,
  FLIPPED_PAGE,
  BAD_OFFSET,
  N_DAMAGE
} Damage;

static const struct {
  const char *name;
  const char *reason;   /* in the log line (a pattern: "*" for any text) */
  gboolean    moved;    /* kept aside for inspection */
} damages[N_DAMAGE] = {
  [ZERO_LENGTH] = { "zero-length", "not a Yeonpyo cache", FALSE },
  [GARBAGE] = { "garbage", "not an SQLite database", TRUE },
  [TRUNCATED_HALF] = { "truncated-half", "", TRUE },
  [TRUNCATED_HEADER] = { "truncated-header", "", TRUE },
  [FOREIGN] = { "foreign", "not a Yeonpyo cache", TRUE },
  [OLDER_SCHEMA] = { "older-schema", "schema version", FALSE },
  [NEWER_SCHEMA] = { "newer-schema", "schema version", FALSE },
  [STALE] = { "stale", "changed since it was built", FALSE },
  [FLIPPED_PAGE] = { "flipped-page", "", TRUE },
  [BAD_OFFSET] = { "bad-offset", "table citations, row *, column body_end: the citation lies outside the body", TRUE },
};

static void
sql (const char *db_path,
     const char *statement)
{
  /* With yp_row_check(), for changes that keep their rows' checks. */
  sqlite3 *db = yp_cache_db_open_raw (db_path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);

  g_assert_nonnull (db);
  g_assert_cmpint (sqlite3_exec (db, statement, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
damage (Fixture *f,
        Damage   kind)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  g_file_get_contents (f->db_path, &data, &len, NULL);
  switch (kind)
    {
    case ZERO_LENGTH:
      g_assert_true (g_file_set_contents (f->db_path, "", 0, NULL));
      break;
    case GARBAGE:
      g_assert_true (g_file_set_contents (f->db_path, "these bytes are not a database, just words\n", -1, NULL));
      break;
    case TRUNCATED_HALF:
      g_assert_true (g_file_set_contents (f->db_path, data, len / 2, NULL));
      break;
    case TRUNCATED_HEADER:
      g_assert_true (g_file_set_contents (f->db_path, data, 100, NULL));
      break;
    case FOREIGN:
      g_unlink (f->db_path);
      sql (f->db_path, "CREATE TABLE songs (title TEXT); INSERT INTO songs VALUES ('아리랑'); PRAGMA user_version = 1;");
      break;
    case OLDER_SCHEMA:
    case NEWER_SCHEMA:
      {
        g_autofree char *s = g_strdup_printf ("PRAGMA user_version = %d",
                                              YP_CACHE_SCHEMA_VERSION + (kind == OLDER_SCHEMA ? -1 : 1));
        sql (f->db_path, s);
      }
      break;
    case STALE:
      edit_timeline (f);
      break;
    case FLIPPED_PAGE:
      /* Garbage over a page in the middle: the b-tree no longer adds up. */
      g_assert_cmpuint (len, >, 8 * 4096);
      for (gsize i = 4 * 4096; i < 5 * 4096; i++)
        data[i] = (char) (i * 131 + 7);
      g_assert_true (g_file_set_contents (f->db_path, data, len, NULL));
      break;
    case BAD_OFFSET:
      /* A sound database with one number wrong, its row's check made
       * again: neither SQLite nor the check can see it. */
      sql (f->db_path, "UPDATE citations SET body_end = 99999999 WHERE rowid = 3;"
                       "UPDATE citations SET row_check = yp_row_check (event, seq, source, quote, body_start,"
                       " body_end, raw_start, raw_end) WHERE rowid = 3");
      break;
    case N_DAMAGE:
    default:
      g_assert_not_reached ();
    }
}

static void
test_damaged_caches (Fixture       *f,
                     gconstpointer  data)
{
  for (Damage kind = 0; kind < N_DAMAGE; kind++)
    {
      YpCacheReport report = { 0 };

      g_test_message ("== %s", damages[kind].name);
      yp_test_remove_tree (f->cache_dir);
      if (kind == STALE)
        {
          g_free (f->reference);
          f->reference = parse_digest (f->timeline);
        }

      /* A first build says nothing. */
      reset_messages (f);
      load (f, YP_CACHE_BUILT, NULL);
      g_assert_cmpuint (f->n_messages, ==, 0);

      damage (f, kind);
      reset_messages (f);
      load (f, YP_CACHE_BUILT, &report);
      /* One line, saying why. */
      g_assert_cmpuint (f->n_messages, ==, 1);
      g_assert_nonnull (strstr (f->messages->str, "Rebuilt the cache"));
      g_assert_nonnull (strstr (f->messages->str, f->db_path));
      {
        g_autofree char *pattern = g_strdup_printf ("*%s*", damages[kind].reason);

        g_assert_true (g_pattern_match_simple (pattern, f->messages->str));
      }
      if (damages[kind].moved)
        {
          g_assert_nonnull (report.moved_aside);
          g_assert_true (g_file_test (report.moved_aside, G_FILE_TEST_IS_REGULAR));
          g_assert_nonnull (strstr (f->messages->str, report.moved_aside));
        }
      else
        g_assert_null (report.moved_aside);
      yp_cache_report_clear (&report);

      /* Then it is a cache like any other: used, silently. */
      reset_messages (f);
      load (f, YP_CACHE_REUSED, NULL);
      g_assert_cmpuint (f->n_messages, ==, 0);
    }
}

/* A cache that keeps getting damaged does not fill the disk with copies. */
/* Column tampering: every column of every table, in one row, set to a
 * value of another kind. Each must be found when the cache is opened (the
 * search indexes: at the first search), the cache moved aside and
 * rebuilt, and the record be the same as a fresh parse (the search
 * results the same as over a fresh parse). A value SQLite itself refuses
 * to store there (NULL under NOT NULL, text in an INTEGER PRIMARY KEY,
 * a duplicate under UNIQUE) cannot be put there by SQL: counted apart. */

static const struct {
  const char *name;
  const char *sql;
  YpCacheKind fits;  /* a column of this kind may hold it: then another */
} tampers[] = {
  { "NULL", "NULL", YP_CACHE_TEXT_NULL },
  { "an integer", "12345", YP_CACHE_INT },
  { "a real", "1.5", -1 },
  { "text", "'tampered'", YP_CACHE_TEXT },
  { "a blob", "x'00ff'", YP_CACHE_BLOB },
  { "invalid UTF-8", "CAST (x'41c328' AS TEXT)", -1 },
};

/* Whether tamper @t is a value of another kind than column @c allows. */
static gboolean
tamper_is_foreign (guint        t,
                   YpCacheKind  kind)
{
  switch (t)
    {
    case 0:
      return kind != YP_CACHE_TEXT_NULL && kind != YP_CACHE_INT_NULL && kind != YP_CACHE_BLOB_NULL;
    case 1:
      return kind != YP_CACHE_INT && kind != YP_CACHE_INT_NULL;
    case 2:
      /* A real is the wrong type an integer column can be given. */
      return kind == YP_CACHE_INT || kind == YP_CACHE_INT_NULL;
    case 3:
      return kind != YP_CACHE_TEXT && kind != YP_CACHE_TEXT_NULL && kind != YP_CACHE_PATH;
    case 4:
      return kind != YP_CACHE_BLOB && kind != YP_CACHE_BLOB_NULL;
    case 5:
      return kind != YP_CACHE_INT && kind != YP_CACHE_INT_NULL;
    default:
      return TRUE;
    }
}

/* Sets column @c of the first row of @table to @value; FALSE when
 * SQLite refuses it, or when the row holds that value already. */
static gboolean
tamper (const char   *db_path,
        YpCacheTable  table,
        guint         c,
        const char   *value)
{
  g_autofree char *same = g_strdup_printf ("SELECT %s IS %s FROM %s ORDER BY rowid LIMIT 1",
                                           yp_cache_db_column_name (table, c), value,
                                           yp_cache_db_table_name (table));
  g_autofree char *update = g_strdup_printf ("UPDATE %s SET %s = %s WHERE rowid = (SELECT min (rowid) FROM %s)",
                                             yp_cache_db_table_name (table), yp_cache_db_column_name (table, c),
                                             value, yp_cache_db_table_name (table));
  sqlite3 *db = NULL;
  sqlite3_stmt *st = NULL;
  gboolean unchanged, done;

  g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, same, -1, &st, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (st), ==, SQLITE_ROW);
  unchanged = sqlite3_column_int (st, 0) != 0;
  sqlite3_finalize (st);
  done = !unchanged && sqlite3_exec (db, update, NULL, NULL, NULL) == SQLITE_OK && sqlite3_changes (db) == 1;
  sqlite3_close (db);
  return done;
}

/* What the searches of tampered_queries find: one line per result,
 * sorted (the index ranks, a scan goes in time order). "tampered" is the
 * text the tampering writes: a fresh parse has none of it. */
static const char *tampered_queries[] = { "tampered", "알트먼", "board", "이사회" };

static char *
search_digest (YpRecord *record)
{
  g_autoptr(YpSearch) search = yp_search_new (record);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

  for (guint q = 0; q < G_N_ELEMENTS (tampered_queries); q++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) results = yp_search_run (search, tampered_queries[q], 1000, &error);

      g_assert_no_error (error);
      for (guint i = 0; i < results->len; i++)
        {
          YpSearchResult *r = g_ptr_array_index (results, i);

          g_ptr_array_add (lines, g_strdup_printf ("%s|%d|%s|%u|%s", tampered_queries[q],
                                                   yp_search_result_get_kind (r), yp_search_result_get_id (r),
                                                   yp_search_result_get_body_start (r),
                                                   yp_search_result_get_snippet (r)));
        }
    }
  g_ptr_array_sort (lines, yp_test_compare_names);
  g_ptr_array_add (lines, NULL);
  return g_strjoinv ("\n", (char **) lines->pdata);
}

/* A search index is read at the first search, not at the open: the open
 * uses the cache, the first search finds the damage, says so once, sets
 * the cache aside and searches the events' own texts, with the results
 * of a fresh parse; the next open rebuilds the cache. */
static void
check_index_tamper (Fixture      *f,
                    YpCacheTable  t,
                    const char   *expected)
{
  g_autofree char *pattern = g_strdup_printf ("The cache * is damaged (table %s*", yp_cache_db_table_name (t));
  g_autoptr(YpRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *found = NULL;
  YpCacheReport report = { 0 };

  record = yp_cache_load (f->timeline, f->cache_dir, &report, &error);
  g_assert_no_error (error);
  g_assert_cmpint (report.outcome, ==, YP_CACHE_REUSED);
  yp_cache_report_clear (&report);
  g_test_expect_message ("yp-cache", G_LOG_LEVEL_WARNING, pattern);
  found = search_digest (record);
  g_test_assert_expected_messages ();
  g_assert_cmpstr (found, ==, expected);
  g_assert_false (g_file_test (f->db_path, G_FILE_TEST_EXISTS));
  load (f, YP_CACHE_BUILT, NULL);
}

static void
test_tampered_columns (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *pristine = NULL;
  g_autofree char *json = NULL;
  g_autofree char *with_problem = NULL;
  gsize len = 0;
  guint n_tampered = 0, n_refused = 0, n_index = 0;
  g_autofree char *expected = NULL;

  /* A member the reader warns about: the problems table gets a row. */
  g_assert_true (g_file_get_contents (f->timeline, &json, NULL, NULL));
  g_assert_true (json[0] == '{');
  with_problem = g_strconcat ("{\"x-tampering\": 1, ", json + 1, NULL);
  g_assert_true (g_file_set_contents (f->timeline, with_problem, -1, NULL));
  g_free (f->reference);
  f->reference = parse_digest (f->timeline);
  load (f, YP_CACHE_BUILT, NULL);
  g_assert_true (g_file_get_contents (f->db_path, &pristine, &len, NULL));
  {
    g_autoptr(YpRecord) parsed = yp_yeonpyo_reader_load_file (f->timeline, NULL, NULL);

    g_assert_nonnull (parsed);
    expected = search_digest (parsed);
    g_assert_nonnull (strstr (expected, "알트먼|"));
    g_assert_null (strstr (expected, "tampered|"));
  }
  for (YpCacheTable t = 0; t < YP_CACHE_N_TABLES; t++)
    {
      gboolean index = t == YP_CACHE_TABLE_ARTICLES_FTS || t == YP_CACHE_TABLE_EVENTS_FTS;

      for (guint c = 0; c < yp_cache_db_n_columns (t); c++)
        for (guint k = 0; k < G_N_ELEMENTS (tampers); k++)
          {
            YpCacheReport report = { 0 };

            /* In the indexes, whose values decide what a search finds and
             * shows, values of the column's own kind too ("tampered" in
             * a title): only the row's check can tell. */
            if (!index && !tamper_is_foreign (k, yp_cache_db_column_kind (t, c)))
              continue;
            g_assert_true (g_file_set_contents (f->db_path, pristine, len, NULL));
            if (!tamper (f->db_path, t, c, tampers[k].sql))
              {
                g_test_message ("%s.%s = %s: refused by SQLite", yp_cache_db_table_name (t),
                                yp_cache_db_column_name (t, c), tampers[k].name);
                n_refused++;
                continue;
              }
            g_test_message ("%s.%s = %s", yp_cache_db_table_name (t), yp_cache_db_column_name (t, c),
                            tampers[k].name);
            n_tampered++;
            if (index)
              {
                check_index_tamper (f, t, expected);
                n_index++;
                continue;
              }
            reset_messages (f);
            /* Rebuilt, and the same as a fresh parse (load() compares). */
            load (f, YP_CACHE_BUILT, &report);
            g_assert_cmpuint (f->n_messages, ==, 1);
            g_assert_nonnull (strstr (f->messages->str, "Rebuilt the cache"));
            g_assert_nonnull (strstr (f->messages->str, yp_cache_db_table_name (t)));
            g_assert_nonnull (report.moved_aside);
            yp_cache_report_clear (&report);
          }
    }
  g_test_message ("%u values tampered with (%u in the search indexes), %u refused by SQLite",
                  n_tampered, n_index, n_refused);
  g_assert_cmpuint (n_tampered, >=, 280);
  g_assert_cmpuint (n_index, >=, 50);
}

/* Random bytes of a cache flipped, each in a copy of its own: never a
 * crash, never a record other than a fresh parse's; at most a rebuild. */
static void
test_flipped_bytes (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261206);
  g_autofree char *pristine = NULL;
  gsize len = 0;
  guint n_rebuilt = 0;

  load (f, YP_CACHE_BUILT, NULL);
  g_assert_true (g_file_get_contents (f->db_path, &pristine, &len, NULL));
  for (guint i = 0; i < 60; i++)
    {
      g_autofree char *copy = g_memdup2 (pristine, len);
      gsize at = g_rand_int_range (rand, 0, (gint32) len);
      g_autoptr(YpRecord) record = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *digest = NULL;
      YpCacheReport report = { 0 };

      copy[at] ^= (char) (1 << g_rand_int_range (rand, 0, 8));
      g_assert_true (g_file_set_contents (f->db_path, copy, len, NULL));
      record = yp_cache_load (f->timeline, f->cache_dir, &report, &error);
      g_assert_no_error (error);
      g_test_message ("flip at byte %" G_GSIZE_FORMAT ": %s", at, outcome_name (report.outcome));
      g_assert_true (report.outcome == YP_CACHE_REUSED || report.outcome == YP_CACHE_BUILT);
      n_rebuilt += report.outcome == YP_CACHE_BUILT;
      digest = record_digest (record);
      g_assert_cmpstr (digest, ==, f->reference);
      g_assert_false (yp_event_list_is_damaged (YP_EVENT_LIST (yp_record_get_events (record))));
      yp_cache_report_clear (&report);
    }
  g_test_message ("%u of 60 flips rebuilt the cache", n_rebuilt);
}

static void
test_damaged_copies_pruned (Fixture       *f,
                            gconstpointer  data)
{
  YpCacheReport report = { 0 };
  g_autoptr(GPtrArray) names = NULL;
  guint n_copies = 0;

  const guint days[] = { 3, 1, 5, 2, 4 };  /* not in order */

  load (f, YP_CACHE_BUILT, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    {
      g_autofree char *old = g_strdup_printf ("%s.damaged-2020010%uT000000", f->db_path, days[i]);
      g_assert_true (g_file_set_contents (old, "old", -1, NULL));
    }
  damage (f, GARBAGE);
  load (f, YP_CACHE_BUILT, &report);
  names = list_cache_dir (f);
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);

      g_test_message ("%s", name);
      n_copies += strstr (name, ".damaged-") != NULL;
      /* The oldest went first: the two newest old ones are kept. */
      g_assert_null (strstr (name, ".damaged-20200101"));
      g_assert_null (strstr (name, ".damaged-20200102"));
      g_assert_null (strstr (name, ".damaged-20200103"));
    }
  g_assert_cmpuint (n_copies, ==, 3);
  g_assert_true (g_file_test (report.moved_aside, G_FILE_TEST_IS_REGULAR));
  yp_cache_report_clear (&report);
}

/* A folder that cannot be written */

static void
test_unwritable_folder (Fixture       *f,
                        gconstpointer  data)
{
  YpCacheReport report = { 0 };

  yp_test_block_cache_dir (f->dir, &f->cache_dir);

  /* Said once, as one message... */
  g_test_expect_message ("yp-cache", G_LOG_LEVEL_MESSAGE, "Cannot keep a cache in *; the timeline is kept in memory*");
  load (f, YP_CACHE_MEMORY, &report);
  g_test_assert_expected_messages ();
  g_assert_null (report.db_path);
  g_assert_nonnull (report.reason);
  yp_cache_report_clear (&report);
  /* ... not again at the next load from the same folder. */
  reset_messages (f);
  load (f, YP_CACHE_MEMORY, NULL);
  g_assert_cmpuint (f->n_messages, ==, 0);
}

/* A read-only folder that already holds a cache: it is read. A damaged one
 * there cannot be moved aside or replaced: the timeline goes to memory. */
static void
test_read_only_folder_with_cache (Fixture       *f,
                                  gconstpointer  data)
{
  if (geteuid () == 0)
    {
      g_test_skip ("root writes into read-only folders; /faults/full-disk covers the damaged case");
      return;
    }
  load (f, YP_CACHE_BUILT, NULL);
  g_chmod (f->cache_dir, 0500);
  load (f, YP_CACHE_REUSED, NULL);
  g_chmod (f->cache_dir, 0700);
  damage (f, GARBAGE);
  g_chmod (f->cache_dir, 0500);
  reset_messages (f);
  load (f, YP_CACHE_MEMORY, NULL);
  g_assert_cmpuint (f->n_messages, ==, 1);
  g_chmod (f->cache_dir, 0700);
}

/* A full disk, simulated in a child by RLIMIT_FSIZE: every write past 8 kB
 * fails. A damaged cache is moved aside (a rename needs no space), the
 * rebuild fails, the timeline is kept in memory and no temporary is left. */
static void
test_full_disk (Fixture       *f,
                gconstpointer  data)
{
  g_auto(Child) child = { 0 };

  load (f, YP_CACHE_BUILT, NULL);
  damage (f, GARBAGE);
  run_child (f->timeline, f->cache_dir, NULL, "8192", &child);
  g_assert_false (child.signaled);
  g_assert_cmpint (child.status, ==, 0);
  g_assert_cmpstr (child.outcome, ==, "memory");
  g_assert_cmpstr (child.digest, ==, f->reference);
  g_assert_cmpuint (count_lines (child.err, "Cannot keep a cache in"), ==, 1);
  g_assert_cmpuint (count_lines (child.err, "yp-cache-Message"), ==, 1);
  g_assert_cmpuint (count_temporaries (f), ==, 0);
  /* With space again, the next start builds the cache. */
  load (f, YP_CACHE_BUILT, NULL);
  load (f, YP_CACHE_REUSED, NULL);
}

/* The same, the events written to the cache as they are read: the write
 * fails half-way through them, and they are read again into memory. */
static void
test_full_disk_streaming (Fixture       *f,
                          gconstpointer  data)
{
  stream_children = TRUE;
  test_full_disk (f, data);
  stream_children = FALSE;
}

/* Rebuilds killed with SIGKILL */

typedef enum {
  COLD,     /* no cache yet */
  STALE_CACHE,
  DAMAGED_CACHE,
  N_START
} Start;

static const char *start_names[] = { "cold", "stale", "damaged" };

static void
prepare (Fixture *f,
         Start    start)
{
  yp_test_remove_tree (f->cache_dir);
  if (start == COLD)
    return;
  {
    g_autoptr(YpRecord) record = yp_cache_load (f->timeline, f->cache_dir, NULL, NULL);
    g_assert_nonnull (record);
  }
  damage (f, start == STALE_CACHE ? STALE : GARBAGE);
}

/* Crash injection exists only in builds with -Dtest_hooks=true. */
#ifdef YP_ENABLE_TEST_HOOKS
/* After a kill: the cache file is the one before, or a complete new one,
 * or none; the next start makes it right; stray temporaries go once old. */
static void
check_after_kill (Fixture    *f,
                  const char *before_sum,
                  gboolean    renamed)
{
  g_autofree char *after_sum = file_sum (f->db_path);

  if (renamed)
    {
      /* The new cache was in place: it is used as it is. */
      g_assert_cmpstr (after_sum, !=, before_sum);
      reset_messages (f);
      load (f, YP_CACHE_REUSED, NULL);
      g_assert_cmpuint (f->n_messages, ==, 0);
    }
  else
    {
      /* The old one (or none), never a half-written one. */
      if (after_sum != NULL)
        g_assert_cmpstr (after_sum, ==, before_sum);
      load (f, YP_CACHE_BUILT, NULL);
    }
  load (f, YP_CACHE_REUSED, NULL);
  /* A temporary left by the kill stays while it could still belong to a
   * running rebuild, and goes once it is old. */
  age_temporaries (f);
  load (f, YP_CACHE_REUSED, NULL);
  g_assert_cmpuint (count_temporaries (f), ==, 0);
}

static void
test_killed_rebuild (Fixture       *f,
                     gconstpointer  data)
{
  const char *steps[] = {
    "after-move-aside", "after-mkstemp", "mid-write", "mid-write:40", "mid-write:random",
    "before-rename", "after-rename",
  };

  for (Start start = COLD; start < N_START; start++)
    for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
      {
        g_auto(Child) child = { 0 };
        g_autofree char *step = NULL;
        g_autofree char *before_sum = NULL;

        /* Only a damaged cache is moved aside. */
        if (g_str_equal (steps[i], "after-move-aside") && start != DAMAGED_CACHE)
          continue;
        if (g_str_equal (steps[i], "mid-write:random"))
          step = g_strdup_printf ("mid-write:%d", g_test_rand_int_range (2, 250));
        else
          step = g_strdup (steps[i]);
        g_test_message ("== %s cache, killed at %s", start_names[start], step);

        prepare (f, start);
        before_sum = file_sum (f->db_path);
        run_child (f->timeline, f->cache_dir, step, NULL, &child);
        g_assert_true (child.signaled);
        g_assert_cmpint (child.term_sig, ==, SIGKILL);
        if (g_str_equal (step, "after-move-aside"))
          {
            /* The damaged file is aside, no cache in place. */
            g_assert_false (g_file_test (f->db_path, G_FILE_TEST_EXISTS));
            g_clear_pointer (&before_sum, g_free);
          }
        check_after_kill (f, before_sum, g_str_equal (step, "after-rename"));
      }
}

static void
test_killed_rebuild_streaming (Fixture       *f,
                               gconstpointer  data)
{
  stream_children = TRUE;
  test_killed_rebuild (f, data);
  stream_children = FALSE;
}

#endif /* YP_ENABLE_TEST_HOOKS */

/* Killed at random moments, from outside, over a whole rebuild. */
static void
test_killed_at_random_times (Fixture       *f,
                             gconstpointer  data)
{
  gint64 t0, duration;
  guint n_killed = 0;

  /* How long a start with a rebuild takes here. */
  {
    g_auto(Child) child = { 0 };

    prepare (f, STALE_CACHE);
    t0 = g_get_monotonic_time ();
    run_child (f->timeline, f->cache_dir, NULL, NULL, &child);
    duration = g_get_monotonic_time () - t0;
    g_assert_cmpint (child.status, ==, 0);
    g_assert_cmpstr (child.outcome, ==, "built");
    g_assert_cmpstr (child.digest, ==, f->reference);
  }
  g_test_message ("a rebuild in a child takes %" G_GINT64_FORMAT " ms", duration / 1000);

  for (guint i = 0; i < 12; i++)
    {
      g_autoptr(GSubprocess) proc = NULL;
      g_auto(Child) child = { 0 };
      g_autofree char *before_sum = NULL;
      g_autofree char *after_sum = NULL;
      gint64 delay = g_test_rand_int_range (0, (gint32) MIN (duration, G_MAXINT32));

      prepare (f, i % 2 ? STALE_CACHE : DAMAGED_CACHE);
      before_sum = file_sum (f->db_path);
      proc = child_spawn (f->timeline, f->cache_dir, NULL, NULL);
      g_usleep (delay);
      g_subprocess_send_signal (proc, SIGKILL);
      child_wait (proc, &child);
      n_killed += child.signaled;
      g_test_message ("killed after %" G_GINT64_FORMAT " ms: %s", delay / 1000,
                      child.signaled ? "yes" : "it had finished");

      /* Whatever the moment: the old file, none, or a complete new one;
       * the next start reads or rebuilds it and gets the same record. */
      after_sum = file_sum (f->db_path);
      {
        g_autoptr(GError) error = NULL;
        YpCacheReport report = { 0 };
        g_autoptr(YpRecord) record = yp_cache_load (f->timeline, f->cache_dir, &report, &error);
        g_autofree char *digest = NULL;

        g_assert_no_error (error);
        digest = record_digest (record);
        g_assert_cmpstr (digest, ==, f->reference);
        g_assert_cmpint (report.outcome, !=, YP_CACHE_MEMORY);
        /* A file other than the old one was a complete new cache. */
        if (after_sum != NULL && g_strcmp0 (after_sum, before_sum) != 0)
          g_assert_cmpint (report.outcome, ==, YP_CACHE_REUSED);
        yp_cache_report_clear (&report);
      }
      age_temporaries (f);
      load (f, YP_CACHE_REUSED, NULL);
      g_assert_cmpuint (count_temporaries (f), ==, 0);
    }
  g_test_message ("%u of 12 killed before they finished", n_killed);
}

/* Several processes at once */

static void
run_concurrently (Fixture *f,
                  Start    start)
{
  enum { N = 6 };
  GSubprocess *procs[N];
  guint n_built = 0;

  g_test_message ("== %d processes at once, %s cache", N, start_names[start]);
  prepare (f, start);
  for (guint i = 0; i < N; i++)
    procs[i] = child_spawn (f->timeline, f->cache_dir, NULL, NULL);
  for (guint i = 0; i < N; i++)
    {
      g_auto(Child) child = { 0 };

      child_wait (procs[i], &child);
      g_object_unref (procs[i]);
      g_assert_false (child.signaled);
      g_assert_cmpint (child.status, ==, 0);
      g_assert_cmpstr (child.digest, ==, f->reference);
      g_assert_cmpstr (child.outcome, !=, "memory");
      /* SQLite never had to wait for a lock, let alone give up. */
      g_assert_cmpuint (count_lines (child.err, "locked"), ==, 0);
      g_assert_cmpuint (count_lines (child.err, "busy"), ==, 0);
      g_assert_cmpuint (count_lines (child.err, "CRITICAL"), ==, 0);
      g_assert_cmpuint (count_lines (child.err, "WARNING"), ==, 0);
      n_built += g_str_equal (child.outcome, "built");
    }
  g_test_message ("%u of %d rebuilt", n_built, N);
  g_assert_cmpuint (n_built, >=, 1);
  load (f, YP_CACHE_REUSED, NULL);
  g_assert_cmpuint (count_temporaries (f), ==, 0);
}

static void
test_concurrent_starts (Fixture       *f,
                        gconstpointer  data)
{
  run_concurrently (f, COLD);
  run_concurrently (f, STALE_CACHE);
  run_concurrently (f, DAMAGED_CACHE);
}

/* Readers while another process rebuilds, again and again. */
static void
test_readers_during_rebuilds (Fixture       *f,
                              gconstpointer  data)
{
  enum { ROUNDS = 4, READERS = 3 };

  load (f, YP_CACHE_BUILT, NULL);
  for (guint round = 0; round < ROUNDS; round++)
    {
      g_autoptr(GSubprocess) writer = NULL;
      GSubprocess *readers[READERS];
      g_auto(Child) w = { 0 };

      /* The writer rebuilds (the cache is stale for it after the edit
       * below); the readers start while it does. */
      edit_timeline (f);
      writer = child_spawn (f->timeline, f->cache_dir, NULL, NULL);
      for (guint i = 0; i < READERS; i++)
        readers[i] = child_spawn (f->timeline, f->cache_dir, NULL, NULL);
      child_wait (writer, &w);
      g_assert_cmpint (w.status, ==, 0);
      g_assert_cmpstr (w.digest, ==, f->reference);
      for (guint i = 0; i < READERS; i++)
        {
          g_auto(Child) r = { 0 };

          child_wait (readers[i], &r);
          g_object_unref (readers[i]);
          g_assert_cmpint (r.status, ==, 0);
          g_assert_cmpstr (r.digest, ==, f->reference);
          g_assert_cmpuint (count_lines (r.err, "locked"), ==, 0);
        }
    }
}

/* Temporaries of the cache's own naming go once a minute old; others stay. */
static void
test_stale_temporaries_removed (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *base = g_path_get_basename (f->db_path);
  g_autofree char *old_tmp = NULL;
  g_autofree char *young_tmp = NULL;
  g_autofree char *foreign = NULL;
  g_autofree char *other_cache = NULL;
  struct timeval times[2];

  load (f, YP_CACHE_BUILT, NULL);
  old_tmp = g_strdup_printf ("%s/.%s.AbC123", f->cache_dir, base);
  young_tmp = g_strdup_printf ("%s/.%s.XyZ789", f->cache_dir, base);
  foreign = g_strdup_printf ("%s/.%s.not-ours", f->cache_dir, base);
  other_cache = g_strdup_printf ("%s/.other-0123456789abcdef.sqlite.QwE456", f->cache_dir);
  g_assert_true (g_file_set_contents (old_tmp, "half", -1, NULL));
  g_assert_true (g_file_set_contents (young_tmp, "half", -1, NULL));
  g_assert_true (g_file_set_contents (foreign, "keep", -1, NULL));
  g_assert_true (g_file_set_contents (other_cache, "keep", -1, NULL));
  gettimeofday (&times[0], NULL);
  times[0].tv_sec -= 61;
  times[1] = times[0];
  g_assert_cmpint (utimes (old_tmp, times), ==, 0);
  g_assert_cmpint (utimes (foreign, times), ==, 0);
  g_assert_cmpint (utimes (other_cache, times), ==, 0);

  load (f, YP_CACHE_REUSED, NULL);
  g_assert_false (g_file_test (old_tmp, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (young_tmp, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (foreign, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (other_cache, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  if (argc >= 4 && g_str_equal (argv[1], "--child"))
    return child_main (argc, argv);

  self_exe = g_file_read_link ("/proc/self/exe", NULL);
  if (self_exe == NULL)
    self_exe = g_canonicalize_filename (argv[0], NULL);

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(name, func) \
  g_test_add ("/faults/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("damaged-caches", test_damaged_caches);
  ADD ("damaged-copies-pruned", test_damaged_copies_pruned);
  ADD ("tampered-columns", test_tampered_columns);
  ADD ("flipped-bytes", test_flipped_bytes);
  ADD ("unwritable-folder", test_unwritable_folder);
  ADD ("read-only-folder-with-cache", test_read_only_folder_with_cache);
  ADD ("full-disk", test_full_disk);
  ADD ("full-disk-streaming", test_full_disk_streaming);
#ifdef YP_ENABLE_TEST_HOOKS
  ADD ("killed-rebuild", test_killed_rebuild);
  ADD ("killed-rebuild-streaming", test_killed_rebuild_streaming);
#endif
  ADD ("killed-at-random-times", test_killed_at_random_times);
  ADD ("concurrent-starts", test_concurrent_starts);
  ADD ("readers-during-rebuilds", test_readers_during_rebuilds);
  ADD ("stale-temporaries-removed", test_stale_temporaries_removed);
#undef ADD
  return g_test_run ();
}
