/* bench-timeline.c: start-up, frame and search figures of the real window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opens $YEONPYO_DATADIR/timeline.json the way `yeonpyo` does (the
 * application's activate: the cache, then the window) and reports, as
 * "BENCH key=value" lines on stdout, when the first frame in which the
 * timeline has drawn its events was painted: from $BENCH_T0_US (the
 * driver's CLOCK_MONOTONIC just before it spawned us) and from main().
 *
 * With --scripts it then drives the real window from a tick callback, one
 * step per frame, as the web timelines were driven:
 *   pan:   a 14-day window over the burst (17-22 November 2023, four days
 *          each side), then 20 frames, each one day later;
 *   zoom:  the whole span to one hour around the burst in 40 frames.
 * Each script is played three times and each step keeps the median. For
 * each frame: the interval (the frame clock's frame times), this
 * process's CPU between two after-paints (the whole frame) and from the
 * end of the layout phase to the end of the paint phase (the window's
 * snapshot and render), the time in the timeline's own snapshot() (its
 * class vfunc is wrapped), and the X server's CPU (Xvfb: cairo's drawing
 * lands there). A second pass over the same views times the timeline's
 * snapshot() and the render of that node alone to a texture. Then peak
 * RSS, and the latency of 50 searches: the core yp_search_run(), and the
 * window's search-changed handler up to the next painted frame.
 *
 * --search-only skips the pan and zoom scripts (for profiling).
 * --synthetic FILE builds the record in memory from gen-timeline.py's
 * tsv output instead of loading a timeline file, for sizes the loader
 * refuses; its open time is that of building the objects.
 */
#define G_LOG_DOMAIN "yp-bench"

#include "config.h"

#include <dirent.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <gtk/gtk.h>

/* Under `valgrind --tool=callgrind --collect-atstart=no`, BENCH_PROFILE=pan,
 * zoom, open or search collects only that part (the macros do nothing
 * outside valgrind). */
#if defined(__has_include)
#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#define HAVE_CALLGRIND 1
#endif
#endif

#include "yp-application-private.h"
#include "yp-event-list.h"
#include "yp-search.h"
#include "yp-timeline.h"
#include "yp-window-private.h"

/* The burst, 17-22 November 2023 in Pacific time (UTC-8 then). */
#define BURST_START 1700208000.0
#define BURST_END   1700726400.0
#define DAY         86400.0

/* The timeline's size in the default window before the window's rebuild
 * (1180×760 then): frames are played at this size too. */
#define OLD_TIMELINE_WIDTH  720
#define OLD_TIMELINE_HEIGHT 332

typedef struct {
  gint64 frame_time;   /* µs, the frame clock's */
  gint64 cpu;          /* ns of this process */
  gint64 xcpu;         /* ns of the X server, or -1 */
  gint64 paint;        /* ns of this process in this frame's paint phase */
  gint64 tl_snapshot;  /* ns in the timeline's snapshot() in this frame */
  guint  n_snapshots;  /* how often the timeline was snapshot in it */
} Sample;

typedef struct {
  gint64        t_main;
  gint64        t0;            /* from the driver, or 0 */
  YpApplication *app;
  YpWindow     *window;
  YpTimeline   *timeline;
  GdkFrameClock *clock;
  guint         painted;       /* after-paints seen */
  gint64        layout_done;   /* CPU when this frame's layout phase ended */
  gint64        paint_cpu;     /* CPU of this frame's paint phase */
  gint64        tl_snapshot;   /* CPU in the timeline's snapshot() since the last after-paint */
  guint         n_snapshots;
  gboolean      opened;
  gboolean      scripts;
  gboolean      recording;
  GArray       *samples;
  int           xpid;          /* the Xvfb serving us, or 0 */
  /* the script being played by the tick callback */
  const double *steps;         /* start, end pairs */
  guint         n_steps;
  guint         next_step;
} Bench;

static Bench bench;

/* Helpers */

static void
profile (const char *part,
         gboolean    on)
{
#ifdef HAVE_CALLGRIND
  static gboolean collecting;

  if (g_strcmp0 (g_getenv ("BENCH_PROFILE"), part) == 0 && collecting != on)
    {
      CALLGRIND_TOGGLE_COLLECT;
      collecting = on;
    }
#endif
}

static gint64
cpu_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* This thread's CPU time (ns): a handler's own, without the other
 * threads of the process. */
static gint64
thread_cpu_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* The X server's CPU time from /proc/PID/schedstat (ns), or -1. */
static gint64
xserver_cpu_ns (void)
{
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;

  if (bench.xpid <= 0)
    return -1;
  path = g_strdup_printf ("/proc/%d/schedstat", bench.xpid);
  if (!g_file_get_contents (path, &text, NULL, NULL))
    return -1;
  return g_ascii_strtoll (text, NULL, 10);
}

/* The Xvfb process whose command line names our $DISPLAY, or 0. */
static int
find_xvfb (void)
{
  const char *display = g_getenv ("DISPLAY");
  DIR *dir;
  struct dirent *de;
  int found = 0;

  if (display == NULL || (dir = opendir ("/proc")) == NULL)
    return 0;
  while (found == 0 && (de = readdir (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autofree char *cmd = NULL;
      gsize len = 0;
      g_autofree char *base = NULL;

      if (!g_ascii_isdigit (de->d_name[0]))
        continue;
      path = g_strdup_printf ("/proc/%s/cmdline", de->d_name);
      if (!g_file_get_contents (path, &cmd, &len, NULL) || len == 0)
        continue;
      base = g_path_get_basename (cmd);
      if (!g_str_equal (base, "Xvfb"))
        continue;
      for (gsize off = strlen (cmd) + 1; off < len; off += strlen (cmd + off) + 1)
        if (g_str_equal (cmd + off, display))
          found = atoi (de->d_name);
    }
  closedir (dir);
  return found;
}

static double
rss_now_mb (void)
{
  g_autofree char *text = NULL;
  long pages = 0, resident = 0;

  if (!g_file_get_contents ("/proc/self/statm", &text, NULL, NULL) ||
      sscanf (text, "%ld %ld", &pages, &resident) != 2)
    return -1;
  return resident * (double) sysconf (_SC_PAGESIZE) / (1024 * 1024);
}

static double
rss_peak_mb (void)
{
  struct rusage ru;

  getrusage (RUSAGE_SELF, &ru);
  return ru.ru_maxrss / 1024.0;
}

static int
cmp_double (gconstpointer a,
            gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* Nearest-rank percentile of @n values (sorted in place). */
static double
percentile (double *v,
            guint   n,
            double  p)
{
  guint rank;

  if (n == 0)
    return NAN;
  qsort (v, n, sizeof (double), cmp_double);
  rank = (guint) ceil (p / 100.0 * n);
  return v[CLAMP (rank, 1, n) - 1];
}

static void
wait_ms (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

static void
wait_frames (guint n)
{
  guint target = bench.painted + n;
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  gtk_widget_queue_draw (GTK_WIDGET (bench.timeline));
  while (bench.painted < target && g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, TRUE);
      if (bench.painted < target)
        gtk_widget_queue_draw (GTK_WIDGET (bench.timeline));
    }
}

/* Event objects made so far, of how many (a list over the cache makes
 * them as they are drawn, listed or searched). */
static guint
n_events_made (void)
{
  return yp_event_list_get_n_made (YP_EVENT_LIST (yp_record_get_events (yp_window_get_record (bench.window))));
}

static guint
n_marks (void)
{
  g_autoptr(YpTimelineFrame) frame = yp_timeline_dup_frame (bench.timeline);

  return frame ? frame->marks->len : 0;
}

/* Signal callbacks */

static gboolean
wake_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* A first open shows the parsed events while the cache is written: the
 * next run reads that cache, so it must be in place before we go. */
static gboolean
exit_when_cache_written (gpointer user_data)
{
  if (yp_application_get_n_writing (bench.app, NULL) > 0)
    return G_SOURCE_CONTINUE;
  printf ("BENCH cache_written_ms=%.1f\n", (g_get_monotonic_time () - (bench.t0 > 0 ? bench.t0 : bench.t_main)) / 1000.0);
  /* On a first open: the most the whole import held, cache included. */
  printf ("BENCH rss_until_written_mb=%.1f\n", rss_peak_mb ());
  fflush (stdout);
  _exit (0);  /* no teardown of what was loaded: only the open counts */
}

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  bench.painted++;
  if (bench.painted == 1)
    printf ("BENCH first_paint_ms=%.1f\n", (g_get_monotonic_time () - (bench.t0 > 0 ? bench.t0 : bench.t_main)) / 1000.0);
  if (!bench.opened && n_marks () > 0)
    {
      gint64 now = g_get_monotonic_time ();

      bench.opened = TRUE;
      profile ("open", FALSE);
      if (bench.t0 > 0)
        printf ("BENCH open_ms=%.1f\n", (now - bench.t0) / 1000.0);
      printf ("BENCH open_from_main_ms=%.1f\n", (now - bench.t_main) / 1000.0);
      printf ("BENCH cpu_at_open_ms=%.1f\n", cpu_ns () / 1e6);
      printf ("BENCH rss_open_mb=%.1f\n", rss_peak_mb ());
      printf ("BENCH marks_first_frame=%u\n", n_marks ());
      printf ("BENCH events_made_open=%u\n", n_events_made ());
      printf ("BENCH frames_before_marks=%u\n", bench.painted - 1);
      fflush (stdout);
      if (!bench.scripts)
        g_timeout_add (5, exit_when_cache_written, NULL);
    }
  if (bench.recording)
    {
      Sample s = { gdk_frame_clock_get_frame_time (clock), cpu_ns (), xserver_cpu_ns (),
                   bench.paint_cpu, bench.tl_snapshot, bench.n_snapshots };

      g_array_append_val (bench.samples, s);
    }
  bench.paint_cpu = bench.tl_snapshot = 0;
  bench.n_snapshots = 0;
}

/* Connected after GDK's own handlers (the surface is realized first), so
 * these run when GTK has laid out the window (a frame without a layout
 * phase starts counting at the end of the step's tick callback) and when
 * it has snapshot and rendered it. */
static void
layout_done_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  bench.layout_done = cpu_ns ();
}

static void
paint_done_cb (GdkFrameClock *clock,
               gpointer       user_data)
{
  if (bench.layout_done > 0)
    bench.paint_cpu += cpu_ns () - bench.layout_done;
  bench.layout_done = 0;
}

/* The timeline's own snapshot(), timed from outside: the class's vfunc
 * is wrapped once the type exists. */
static void (*timeline_snapshot) (GtkWidget   *widget,
                                  GtkSnapshot *snapshot);

static void
timed_snapshot (GtkWidget   *widget,
                GtkSnapshot *snapshot)
{
  gint64 t0 = cpu_ns ();

  timeline_snapshot (widget, snapshot);
  bench.tl_snapshot += cpu_ns () - t0;
  bench.n_snapshots++;
}

static void
window_realized_cb (GtkWidget *widget,
                    gpointer   user_data)
{
  bench.clock = gtk_widget_get_frame_clock (widget);
  g_signal_connect (bench.clock, "layout", G_CALLBACK (layout_done_cb), NULL);
  g_signal_connect (bench.clock, "paint", G_CALLBACK (paint_done_cb), NULL);
  g_signal_connect (bench.clock, "after-paint", G_CALLBACK (after_paint_cb), NULL);
}

static void
window_added_cb (GtkApplication *app,
                 GtkWindow      *window,
                 gpointer        user_data)
{
  if (!YP_IS_WINDOW (window) || bench.window != NULL)
    return;
  bench.window = YP_WINDOW (window);
  bench.timeline = yp_window_get_timeline (bench.window);
  g_signal_connect_after (window, "realize", G_CALLBACK (window_realized_cb), NULL);
}

static gboolean
step_tick_cb (GtkWidget     *widget,
              GdkFrameClock *clock,
              gpointer       user_data)
{
  YpSession *session = yp_window_get_session (bench.window);

  /* The first tick is the baseline frame: the view the script starts from. */
  if (bench.next_step == 0)
    {
      bench.next_step = 1;
      return G_SOURCE_CONTINUE;
    }
  if (bench.next_step >= bench.n_steps)
    return G_SOURCE_REMOVE;
  yp_session_set_visible (session, bench.steps[2 * bench.next_step], bench.steps[2 * bench.next_step + 1]);
  bench.next_step++;
  /* The paint phase is counted from here, or from the end of the layout
   * phase when the frame has one. */
  bench.layout_done = cpu_ns ();
  return G_SOURCE_CONTINUE;
}

/* The synthetic record: one line per event from gen-timeline.py --format tsv:
 * anchor, precision (e or d), group (1-6), quote, title. */
static YpRecord *
load_tsv (const char *path)
{
  static const char *categories[] = { "governance", "people", "product", "business", "publication", "media" };
  static const struct { const char *id, *ko, *en, *start, *end; gint64 s, e; } eras[] = {
    { "run-up", "사태 직전", "Run-up", "2023-11-01", "2023-11-16", 1698822000, 1700208000 },
    { "crisis", "이사회 사태", "Board crisis", "2023-11-17", "2023-11-22", 1700208000, 1700726400 },
    { "year-between", "사태 이후", "The year between", "2023-11-23", "2024-12-31", 1700726400, 1735718400 },
    { "reflections", "회고", "Reflections", "2025-01-01", "2025-01-31", 1735718400, 1738396800 },
    { "codex-summer", "코덱스의 여름", "Codex summer", "2025-02-01", "2025-07-31", 1738396800, 1754031600 },
  };
  g_autoptr(YpRecord) record = yp_record_new ();
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) era_list = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) pacific = g_time_zone_new_identifier ("America/Los_Angeles");
  g_autofree char *text = NULL;
  g_autoptr(YpStrPool) pool = yp_str_pool_new ();  /* as the loader builds events */
  char *line, *next;
  guint n = 0;

  if (!g_file_get_contents (path, &text, NULL, &error))
    g_error ("%s", error->message);
  for (guint i = 0; i < G_N_ELEMENTS (eras); i++)
    {
      YpText name = { (char *) eras[i].ko, (char *) eras[i].en };
      YpText none = { NULL, NULL };

      g_ptr_array_add (era_list, yp_era_new (eras[i].id, &name, &none, eras[i].start, eras[i].end,
                                             eras[i].s, eras[i].e));
    }
  for (line = text; line != NULL && *line; line = next)
    {
      char *f[5];
      char id[16], date[32], summary_ko[48], summary_en[48];
      YpEventInfo info = { 0 };
      GDateTime *dt;
      YpEvent *event;
      guint era = 0;

      next = strchr (line, '\n');
      if (next != NULL)
        *next++ = '\0';
      f[0] = line;
      for (guint i = 1; i < 5; i++)
        {
          f[i] = f[i - 1] ? strchr (f[i - 1], '\t') : NULL;
          if (f[i] != NULL)
            *f[i]++ = '\0';
        }
      if (f[4] == NULL)
        g_error ("%s: bad line %u", path, n + 1);
      n++;
      g_snprintf (id, sizeof id, "e%07u", n);
      g_snprintf (summary_ko, sizeof summary_ko, "합성 사건 %s", id);
      g_snprintf (summary_en, sizeof summary_en, "Synthetic event %s", id);
      info.id = id;
      info.anchor = info.start = g_ascii_strtoll (f[0], NULL, 10);
      dt = g_date_time_new_from_unix_utc (info.anchor);
      if (f[1][0] == 'd')
        {
          GDateTime *local = g_date_time_to_timezone (dt, pacific);
          char *d = g_date_time_format (local, "%Y-%m-%d");

          g_strlcpy (date, d, sizeof date);
          g_free (d);
          g_date_time_unref (local);
          info.precision = YP_PRECISION_DAY;
          info.timezone = "America/Los_Angeles";
          info.end = info.start + 86400;
        }
      else
        {
          char *d = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");

          g_strlcpy (date, d, sizeof date);
          g_free (d);
          info.precision = YP_PRECISION_EXACT;
          info.end = info.start;
        }
      g_date_time_unref (dt);
      info.date = date;
      info.title.ko = info.title.en = f[4];
      info.summary.ko = summary_ko;
      info.summary.en = summary_en;
      info.category = categories[CLAMP (atoi (f[2]), 1, 6) - 1];
      while (era + 1 < G_N_ELEMENTS (eras) && info.anchor >= eras[era].e)
        era++;
      info.era = eras[era].id;
      info.status = "reported";
      info.position = n - 1;
      {
        g_autofree char *source = g_strdup_printf ("g%s", f[2]);
        guint len = g_utf8_strlen (f[3], -1);
        YpCitationInfo citation = { source, f[3], 0, len, 0, len };

        info.citations = &citation;
        info.n_citations = 1;
        event = yp_event_new_with_pool (&info, pool);
      }
      g_ptr_array_add (events, event);
    }
  yp_record_set_title (record, "합성 연표", "Synthetic timeline");
  yp_record_set_eras (record, era_list);
  yp_record_set_events (record, events);
  return g_steal_pointer (&record);
}

static const char *tsv_path;

static void
synthetic_activate_cb (GApplication *app,
                       gpointer      user_data)
{
  g_autoptr(YpRecord) record = NULL;
  YpWindow *window;

  if (gtk_application_get_active_window (GTK_APPLICATION (app)) != NULL)
    return;
  record = load_tsv (tsv_path);
  window = yp_window_new (GTK_APPLICATION (app), record, NULL);
  yp_window_set_path (window, tsv_path, FALSE);
}

/* Scripts */

/* Nearest-rank percentiles of the @n values of @v, as "NAME_med_ms" etc. */
static void
report (const char *script,
        const char *what,
        double     *v,
        guint       n)
{
  printf ("BENCH %s_%s_med_ms=%.2f\n", script, what, percentile (v, n, 50));
  printf ("BENCH %s_%s_p95_ms=%.2f\n", script, what, percentile (v, n, 95));
  printf ("BENCH %s_%s_max_ms=%.2f\n", script, what, percentile (v, n, 100));
}

static double
median3 (const double *v,
         guint         stride,
         guint         reps)
{
  double tmp[8];

  for (guint r = 0; r < reps && r < G_N_ELEMENTS (tmp); r++)
    tmp[r] = v[r * stride];
  return percentile (tmp, MIN (reps, G_N_ELEMENTS (tmp)), 50);
}

/* Plays @steps (n start/end pairs) one per frame, REPEATS times; the first
 * is the view it starts from and is not measured. Per step, the median of
 * the repeats is kept: the machine may be shared. */
#define REPEATS 3

static void
play (const char   *name,
      const double *steps,
      guint         n)
{
  YpSession *session = yp_window_get_session (bench.window);
  GtkWidget *widget = GTK_WIDGET (bench.timeline);
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (bench.window));
  g_autofree double *interval = g_new0 (double, REPEATS * n);
  g_autofree double *cpu_r = g_new0 (double, REPEATS * n);
  g_autofree double *paint_r = g_new0 (double, REPEATS * n);
  g_autofree double *tl_r = g_new0 (double, REPEATS * n);
  g_autofree double *cpu = g_new0 (double, n);
  g_autofree double *paint = g_new0 (double, n);
  g_autofree double *tl = g_new0 (double, n);
  g_autofree double *snap = g_new0 (double, n);
  g_autofree double *render = g_new0 (double, n);
  g_autofree double *views = g_new0 (double, n);
  double xcpu = 0, worst_view = 0, worst_paint = -1;
  guint frames = n - 1, n_intervals = 0, snapshots = 0, marks_max = 0;

  /* Pass 1: real frames. */
  for (guint rep = 0; rep < REPEATS; rep++)
    {
      gint64 end;
      guint m;

      yp_session_set_visible (session, steps[0], steps[1]);
      wait_frames (3);
      g_array_set_size (bench.samples, 0);
      bench.steps = steps;
      bench.n_steps = n;
      bench.next_step = 0;
      bench.recording = TRUE;
      gtk_widget_add_tick_callback (widget, step_tick_cb, NULL, NULL);
      end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
      profile (name, rep == 0);
      /* n samples: the baseline frame, then one per step. */
      while (bench.samples->len < n && g_get_monotonic_time () < end)
        g_main_context_iteration (NULL, TRUE);
      profile (name, FALSE);
      bench.recording = FALSE;
      m = bench.samples->len;
      frames = MIN (frames, m > 0 ? m - 1 : 0);
      for (guint i = 1; i < m; i++)
        {
          const Sample *a = &g_array_index (bench.samples, Sample, i - 1);
          const Sample *b = &g_array_index (bench.samples, Sample, i);

          interval[n_intervals++] = (b->frame_time - a->frame_time) / 1000.0;
          cpu_r[rep * n + i - 1] = (b->cpu - a->cpu) / 1e6;
          paint_r[rep * n + i - 1] = b->paint / 1e6;
          tl_r[rep * n + i - 1] = b->tl_snapshot / 1e6;
          snapshots += b->n_snapshots;
        }
      if (m > 1)
        {
          const Sample *a = &g_array_index (bench.samples, Sample, 0);
          const Sample *b = &g_array_index (bench.samples, Sample, m - 1);

          xcpu = a->xcpu >= 0 && b->xcpu >= 0 && !isnan (xcpu) ? xcpu + (b->xcpu - a->xcpu) / 1e6 / (m - 1) / REPEATS
                                                              : NAN;
        }
      wait_frames (2);
    }
  for (guint i = 0; i < frames; i++)
    {
      cpu[i] = median3 (cpu_r + i, n, REPEATS);
      paint[i] = median3 (paint_r + i, n, REPEATS);
      tl[i] = median3 (tl_r + i, n, REPEATS);
      views[i] = steps[2 * (i + 1) + 1] - steps[2 * (i + 1)];
      if (paint[i] > worst_paint)
        {
          worst_paint = paint[i];
          worst_view = views[i];
        }
    }
  wait_frames (2);

  /* Pass 2: the same views, the timeline's snapshot and the render of
   * that node alone to a texture, without the main loop in between. */
  for (guint i = 1; i < n; i++)
    {
      int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
      GtkSnapshot *snapshot;
      GskRenderNode *node;
      gint64 t0, t1, t2;
      guint marks;

      yp_session_set_visible (session, steps[2 * i], steps[2 * i + 1]);
      t0 = cpu_ns ();
      snapshot = gtk_snapshot_new ();
      timeline_snapshot (widget, snapshot);
      node = gtk_snapshot_free_to_node (snapshot);
      t1 = cpu_ns ();
      if (node != NULL)
        {
          GdkTexture *texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, w, h));

          g_object_unref (texture);
          gsk_render_node_unref (node);
        }
      t2 = cpu_ns ();
      snap[i - 1] = (t1 - t0) / 1e6;
      render[i - 1] = (t2 - t1) / 1e6;
      marks = n_marks ();
      marks_max = MAX (marks_max, marks);
      g_printerr ("  %-4s %2u  view %10.0f s  frame: cpu %6.2f  paint %6.2f  timeline %5.2f ms  |"
                  "  alone: snapshot %5.2f  render %5.2f ms  marks %u\n",
                  name, i, views[i - 1], i - 1 < frames ? cpu[i - 1] : NAN, i - 1 < frames ? paint[i - 1] : NAN,
                  i - 1 < frames ? tl[i - 1] : NAN, snap[i - 1], render[i - 1], marks);
    }
  wait_frames (2);

  printf ("BENCH %s_frames=%u\n", name, frames);
  printf ("BENCH %s_repeats=%u\n", name, REPEATS);
  printf ("BENCH %s_timeline_snapshots=%u\n", name, snapshots);
  report (name, "interval", interval, n_intervals);
  report (name, "cpu", cpu, frames);
  report (name, "paint", paint, frames);
  report (name, "tl_snapshot", tl, frames);
  report (name, "alone_snapshot", snap, n - 1);
  report (name, "alone_render", render, n - 1);
  printf ("BENCH %s_worst_view_s=%.0f\n", name, worst_view);
  printf ("BENCH %s_xcpu_mean_ms=%.2f\n", name, xcpu);
  printf ("BENCH %s_marks_max=%u\n", name, marks_max);
  fflush (stdout);
}

static void
script_pan (const char *name)
{
  double steps[2 * 21];

  for (guint i = 0; i <= 20; i++)
    {
      steps[2 * i] = BURST_START - 4 * DAY + i * DAY;
      steps[2 * i + 1] = BURST_END + 4 * DAY + i * DAY;
    }
  play (name, steps, 21);
}

static void
script_zoom (const char *name)
{
  YpSession *session = yp_window_get_session (bench.window);
  double steps[2 * 41];
  double center = (BURST_START + BURST_END) / 2;
  YpTimeRange bounds;
  double whole;

  yp_session_get_bounds (session, &bounds);
  whole = bounds.end - bounds.start;
  for (guint i = 0; i <= 40; i++)
    {
      double span = whole * pow (3600.0 / whole, i / 40.0);

      steps[2 * i] = i == 0 ? bounds.start : center - span / 2;
      steps[2 * i + 1] = i == 0 ? bounds.end : center + span / 2;
    }
  play (name, steps, 41);
}

/* The window made a size of which the timeline gets @width × @height
 * (the window lays itself out again for each size: a few tries).
 * FALSE when it could not get there. */
static gboolean
resize_timeline (int width,
                 int height)
{
  GtkWidget *window = GTK_WIDGET (bench.window);
  GtkWidget *timeline = GTK_WIDGET (bench.timeline);

  for (guint i = 0; i < 5; i++)
    {
      int dw = gtk_widget_get_width (timeline) - width;
      int dh = gtk_widget_get_height (timeline) - height;
      int w, h;

      if (dw == 0 && dh == 0)
        return TRUE;
      /* The default size, not the widget's: that one leaves out the
       * window's border. */
      gtk_window_get_default_size (GTK_WINDOW (window), &w, &h);
      gtk_window_set_default_size (GTK_WINDOW (window), w - dw, h - dh);
      wait_frames (3);
      wait_ms (300);
    }
  return gtk_widget_get_width (timeline) == width && gtk_widget_get_height (timeline) == height;
}

/* Terms from the generated titles, Korean and English, as typed: long
 * ones go through the FTS5 trigram index, one- and two-character ones
 * through the short-term path, a few that match nothing. */
static const char *queries[] = {
  "이사회", "알트먼", "마이크로소프트", "안전성", "인터뷰", "엔지니어", "수츠케버", "브록먼",
  "무라티", "코덱스", "나델라", "블로그", "챗GPT", "오픈AI", "해임", "복귀", "투자", "발표",
  "직원", "알", "알트", "board", "Altman", "launch", "Microsoft", "safety", "DevDay",
  "Ignite", "compute", "partner", "policy", "Sutskever", "review", "CEO", "GPT", "API",
  "Mic", "Micro", "알트먼 board", "이사회 vote", "Codex 출시", "Microsoft 투자",
  "safety 검토", "나델라 deal", "브록먼 memo 복귀", "e0000042", "합성 사건",
  "zzz", "없는말", "staff 서한",
};

static void
script_search (void)
{
  YpRecord *record = yp_window_get_record (bench.window);
  GtkEditable *entry = GTK_EDITABLE (yp_window_get_search_entry (bench.window));
  g_autoptr(YpSearch) search = NULL;
  guint n = G_N_ELEMENTS (queries);
  double core[G_N_ELEMENTS (queries)], win[G_N_ELEMENTS (queries)], frame[G_N_ELEMENTS (queries)];
  double results[G_N_ELEMENTS (queries)], key[G_N_ELEMENTS (queries)];
  double win_cpu[G_N_ELEMENTS (queries)];
  guint slowest[3] = { G_MAXUINT, G_MAXUINT, G_MAXUINT };
  gint64 t0;

  t0 = g_get_monotonic_time ();
  search = yp_search_new (record);
  printf ("BENCH search_open_ms=%.2f\n", (g_get_monotonic_time () - t0) / 1000.0);
  printf ("BENCH search_index=%d\n", yp_search_uses_index (search));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GPtrArray) r = NULL;
      g_autoptr(GError) error = NULL;

      t0 = g_get_monotonic_time ();
      profile ("search", TRUE);
      r = yp_search_run (search, queries[i], 500, &error);
      profile ("search", FALSE);
      core[i] = (g_get_monotonic_time () - t0) / 1000.0;
      results[i] = r ? r->len : 0;
      g_printerr ("  search %-18s %8.2f ms  %4.0f results\n", queries[i], core[i], results[i]);
    }

  /* Through the window: what one keystroke does once the entry's delay
   * has passed (the delay itself, 150 ms by default, is not counted). */
  gtk_search_entry_set_search_delay (GTK_SEARCH_ENTRY (entry), 60000);
  gtk_widget_activate_action (GTK_WIDGET (bench.window), "win.search", NULL);
  wait_frames (2);
  for (guint i = 0; i < n; i++)
    {
      guint before;
      gint64 t1, c0;

      gtk_editable_set_text (entry, queries[i]);
      before = bench.painted;
      c0 = thread_cpu_ns ();
      t0 = g_get_monotonic_time ();
      profile ("search-window", TRUE);
      g_signal_emit_by_name (entry, "search-changed");
      profile ("search-window", FALSE);
      t1 = g_get_monotonic_time ();
      win_cpu[i] = (thread_cpu_ns () - c0) / 1e6;
      g_printerr ("  window search %-18s %8.2f ms  CPU %6.2f ms\n", queries[i], (t1 - t0) / 1000.0, win_cpu[i]);
      while (bench.painted == before)
        g_main_context_iteration (NULL, TRUE);
      win[i] = (t1 - t0) / 1000.0;
      frame[i] = (g_get_monotonic_time () - t0) / 1000.0;
    }
  /* One more character typed onto a query, as when refining it: the
   * entry never empties, so the results list keeps its rows (above, each
   * new query went through an empty entry, which clears the list). */
  for (guint i = 0; i < n; i++)
    {
      glong chars = g_utf8_strlen (queries[i], -1);
      g_autofree char *head = g_utf8_substring (queries[i], 0, MAX (chars - 1, 0));
      const char *last = g_utf8_offset_to_pointer (queries[i], MAX (chars - 1, 0));
      int position;
      gint64 t1;

      gtk_editable_set_text (entry, head);
      g_signal_emit_by_name (entry, "search-changed");
      wait_frames (1);
      position = g_utf8_strlen (head, -1);
      gtk_editable_insert_text (entry, last, -1, &position);
      t0 = g_get_monotonic_time ();
      g_signal_emit_by_name (entry, "search-changed");
      t1 = g_get_monotonic_time ();
      key[i] = (t1 - t0) / 1000.0;
    }
  gtk_editable_set_text (entry, "");
  g_signal_emit_by_name (entry, "search-changed");

  /* p95 of 50 is the third slowest: which queries decide it (before
   * percentile() sorts the times). */
  for (guint k = 0; k < G_N_ELEMENTS (slowest); k++)
    {
      for (guint i = 0; i < n; i++)
        {
          gboolean taken = FALSE;

          for (guint j = 0; j < k; j++)
            taken |= slowest[j] == i;
          if (!taken && (slowest[k] == G_MAXUINT || win[i] > win[slowest[k]]))
            slowest[k] = i;
        }
    }
  g_printerr ("  window search, slowest: %s %.2f ms, %s %.2f ms, %s %.2f ms\n", queries[slowest[0]], win[slowest[0]],
              queries[slowest[1]], win[slowest[1]], queries[slowest[2]], win[slowest[2]]);
  printf ("BENCH search_results_med=%.0f\n", percentile (results, n, 50));
  printf ("BENCH search_core_p50_ms=%.2f\n", percentile (core, n, 50));
  printf ("BENCH search_core_p95_ms=%.2f\n", percentile (core, n, 95));
  printf ("BENCH search_core_max_ms=%.2f\n", percentile (core, n, 100));
  printf ("BENCH search_window_p50_ms=%.2f\n", percentile (win, n, 50));
  printf ("BENCH search_window_p95_ms=%.2f\n", percentile (win, n, 95));
  printf ("BENCH search_window_cpu_p50_ms=%.2f\n", percentile (win_cpu, n, 50));
  printf ("BENCH search_window_cpu_p95_ms=%.2f\n", percentile (win_cpu, n, 95));
  printf ("BENCH search_key_p50_ms=%.2f\n", percentile (key, n, 50));
  printf ("BENCH search_key_p95_ms=%.2f\n", percentile (key, n, 95));
  printf ("BENCH search_to_frame_p50_ms=%.2f\n", percentile (frame, n, 50));
  printf ("BENCH search_to_frame_p95_ms=%.2f\n", percentile (frame, n, 95));
  fflush (stdout);
}

int
main (int   argc,
      char *argv[])
{
  const char *t0 = g_getenv ("BENCH_T0_US");
  gboolean skip_search = FALSE, skip_frames = FALSE;
  gint64 deadline;

  bench.t_main = g_get_monotonic_time ();
  bench.t0 = t0 ? g_ascii_strtoll (t0, NULL, 10) : 0;
  profile ("open", TRUE);
  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--scripts"))
        bench.scripts = TRUE;
      else if (g_str_equal (argv[i], "--no-search"))
        skip_search = TRUE;
      else if (g_str_equal (argv[i], "--search-only"))
        bench.scripts = skip_frames = TRUE;
      else if (g_str_equal (argv[i], "--synthetic") && i + 1 < argc)
        tsv_path = argv[++i];
      else
        {
          fprintf (stderr, "usage: %s [--scripts | --search-only] [--no-search] [--synthetic EVENTS.tsv]\n", argv[0]);
          return 2;
        }
    }
  bench.samples = g_array_new (FALSE, FALSE, sizeof (Sample));
  {
    GtkWidgetClass *klass = g_type_class_ref (YP_TYPE_TIMELINE);

    timeline_snapshot = klass->snapshot;
    klass->snapshot = timed_snapshot;
  }

  /* As main.c does. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("YEONPYO_LOCALEDIR") ? g_getenv ("YEONPYO_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  bench.app = yp_application_new ();
  g_application_set_flags (G_APPLICATION (bench.app), G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
  g_signal_connect (bench.app, "window-added", G_CALLBACK (window_added_cb), NULL);
  if (tsv_path != NULL)
    g_signal_connect (bench.app, "activate", G_CALLBACK (synthetic_activate_cb), NULL);
  if (!g_application_register (G_APPLICATION (bench.app), NULL, NULL))
    return 1;
  g_application_hold (G_APPLICATION (bench.app));
  /* What g_application_run() does for a plain start. */
  g_application_activate (G_APPLICATION (bench.app));

  /* A timeline that could not be loaded leaves a window with no events:
   * that ends the wait too (its reason went to the log). */
  deadline = g_get_monotonic_time () + 600 * G_USEC_PER_SEC;
  g_timeout_add (100, wake_cb, NULL);
  while (!bench.opened && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, TRUE);
      if (bench.window != NULL && bench.painted >= 3 &&
          g_list_model_get_n_items (yp_record_get_events (yp_window_get_record (bench.window))) == 0)
        break;
    }
  if (!bench.opened)
    {
      fprintf (stderr, "bench-timeline: no frame with events was drawn\n");
      return 1;
    }

  bench.xpid = find_xvfb ();
  if (bench.xpid == 0)
    g_printerr ("bench-timeline: not on an Xvfb of our own; the X server's CPU is not measured\n");
  gtk_widget_queue_resize (GTK_WIDGET (bench.window));
  wait_ms (300);  /* let the first frames settle */
  printf ("BENCH timeline_size=%dx%d\n", gtk_widget_get_width (GTK_WIDGET (bench.timeline)),
          gtk_widget_get_height (GTK_WIDGET (bench.timeline)));

  if (!skip_frames)
    {
      script_pan ("pan");
      script_zoom ("zoom");
      /* Again with the timeline as large as the window of before the
       * rebuild of the window made it: frames compared at equal area. */
      if (resize_timeline (OLD_TIMELINE_WIDTH, OLD_TIMELINE_HEIGHT))
        {
          script_pan ("pan_old_area");
          script_zoom ("zoom_old_area");
        }
      else
        g_printerr ("bench-timeline: the timeline could not be made %dx%d, only %dx%d\n",
                    OLD_TIMELINE_WIDTH, OLD_TIMELINE_HEIGHT, gtk_widget_get_width (GTK_WIDGET (bench.timeline)),
                    gtk_widget_get_height (GTK_WIDGET (bench.timeline)));
      printf ("BENCH timeline_size_old_area=%dx%d\n", gtk_widget_get_width (GTK_WIDGET (bench.timeline)),
              gtk_widget_get_height (GTK_WIDGET (bench.timeline)));
    }
  printf ("BENCH rss_after_scripts_mb=%.1f\n", rss_now_mb ());
  if (!skip_search)
    script_search ();
  printf ("BENCH rss_peak_mb=%.1f\n", rss_peak_mb ());
  printf ("BENCH events_made_end=%u\n", n_events_made ());
  fflush (stdout);
  _exit (0);  /* tearing down a million objects would only add minutes */
}
