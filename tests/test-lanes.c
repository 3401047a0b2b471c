/* test-lanes.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "yp-lanes.h"

#define STORY_START G_GINT64_CONSTANT (1698796800)   /* 2023-11-01T00:00Z */

static GArray *
new_clusters (void)
{
  return g_array_new (FALSE, FALSE, sizeof (YpCluster));
}

static gint64
floor_div (gint64 a,
           gint64 b)
{
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

/* The clusters of the whole array, the slow way: one per occupied cell. */
static GArray *
reference_clusters (const YpTimeScale *scale,
                    const gint64      *times,
                    guint              n,
                    gint64             cell)
{
  GArray *clusters = new_clusters ();

  for (guint i = 0; i < n; i++)
    {
      gint64 key = floor_div (times[i], cell);
      YpCluster *last = clusters->len ? &g_array_index (clusters, YpCluster, clusters->len - 1) : NULL;

      if (last != NULL && last->key == key)
        {
          last->count++;
          last->x += (double) (times[i] - times[last->first]);
        }
      else
        {
          YpCluster c = { .first = i, .count = 1, .key = key, .x = 0 };

          g_array_append_val (clusters, c);
        }
    }

  /* x held the sum of offsets from the first member. */
  for (guint i = 0; i < clusters->len; i++)
    {
      YpCluster *c = &g_array_index (clusters, YpCluster, i);

      c->x = yp_time_scale_time_to_x (scale, (double) times[c->first] + c->x / c->count);
    }

  return clusters;
}

/* Checks @got against the reference: exactly the reference clusters that
 * have a member in view, in order, with the same members and x. */
static void
assert_clusters (const YpTimeScale *scale,
                 const gint64      *times,
                 guint              n,
                 double             min_distance,
                 double             margin,
                 GArray            *got)
{
  gint64 cell = yp_lanes_get_cluster_seconds (scale, min_distance);
  g_autoptr(GArray) all = reference_clusters (scale, times, n, cell);
  double t_lo = yp_time_scale_x_to_time (scale, -margin);
  double t_hi = yp_time_scale_x_to_time (scale, scale->width_px + margin);
  guint k = 0;

  for (guint i = 0; i < all->len; i++)
    {
      const YpCluster *ref = &g_array_index (all, YpCluster, i);
      gboolean in_view = FALSE;

      for (guint j = ref->first; j < ref->first + ref->count && !in_view; j++)
        in_view = (double) times[j] >= t_lo && (double) times[j] <= t_hi;
      if (!in_view)
        continue;

      g_assert_cmpuint (k, <, got->len);
      g_assert_cmpuint (g_array_index (got, YpCluster, k).first, ==, ref->first);
      g_assert_cmpuint (g_array_index (got, YpCluster, k).count, ==, ref->count);
      g_assert_cmpint (g_array_index (got, YpCluster, k).key, ==, ref->key);
      g_assert_cmpfloat_with_epsilon (g_array_index (got, YpCluster, k).x, ref->x, 1e-6);
      k++;
    }
  g_assert_cmpuint (k, ==, got->len);
}

static void
test_cell_size (void)
{
  YpTimeScale scale;

  /* 1000 px for 1000 s: 1 px a second, 10 px need 16 s. */
  yp_time_scale_init (&scale, STORY_START, STORY_START + 1000, 1000);
  g_assert_cmpint (yp_lanes_get_cluster_seconds (&scale, 10), ==, 16);
  g_assert_cmpint (yp_lanes_get_cluster_seconds (&scale, 16), ==, 16);
  g_assert_cmpint (yp_lanes_get_cluster_seconds (&scale, 16.5), ==, 32);
  g_assert_cmpint (yp_lanes_get_cluster_seconds (&scale, 1), ==, 1);
  /* Zoomed to a second: cells are never under a second. */
  yp_time_scale_init (&scale, STORY_START, STORY_START + 1, 1000);
  g_assert_cmpint (yp_lanes_get_cluster_seconds (&scale, 10), ==, 1);

  /* Across zooms, a power of two at least min_distance wide, and half of
   * it narrower. */
  for (double span = 1; span < YP_TIME_SCALE_MAX_SPAN; span *= 1.37)
    {
      gint64 cell;
      double pps;

      yp_time_scale_init (&scale, STORY_START, STORY_START + span, 1280);
      pps = yp_time_scale_get_px_per_second (&scale);
      cell = yp_lanes_get_cluster_seconds (&scale, 12);
      g_assert_cmpint (cell & (cell - 1), ==, 0);
      g_assert_cmpfloat ((double) cell * pps, >=, 12);
      if (cell > 1)
        g_assert_cmpfloat ((double) (cell / 2) * pps, <, 12);
    }

  /* No width: one cell for everything. */
  yp_time_scale_init (&scale, 0, 100, 0);
  g_assert_cmpint (yp_lanes_get_cluster_seconds (&scale, 10), ==, G_GINT64_CONSTANT (1) << 62);
}

static void
test_cluster_empty (void)
{
  g_autoptr(GArray) clusters = new_clusters ();
  static const gint64 times[] = { 100, 200, 300 };
  YpTimeScale scale;

  yp_time_scale_init (&scale, 0, 1000, 1000);
  g_assert_cmpuint (yp_lanes_cluster (&scale, NULL, 0, 10, 0, clusters), ==, 0);

  /* Everything before the view, then after it. */
  yp_time_scale_init (&scale, 1000, 2000, 1000);
  g_assert_cmpuint (yp_lanes_cluster (&scale, times, 3, 10, 50, clusters), ==, 0);
  yp_time_scale_init (&scale, -2000, -1000, 1000);
  g_assert_cmpuint (yp_lanes_cluster (&scale, times, 3, 10, 50, clusters), ==, 0);

  /* The array is cleared first. */
  yp_time_scale_init (&scale, 0, 1000, 1000);
  g_assert_cmpuint (yp_lanes_cluster (&scale, times, 3, 10, 0, clusters), ==, 3);
  yp_time_scale_init (&scale, 1000, 2000, 1000);
  yp_lanes_cluster (&scale, times, 3, 10, 0, clusters);
  g_assert_cmpuint (clusters->len, ==, 0);
}

static void
test_cluster_same_pixel (void)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) clusters = new_clusters ();
  YpTimeScale scale;
  const YpCluster *c;

  /* One lone event, 10,000 at one instant, 500 within the same second's
   * neighbourhood, one more lone event. */
  for (gint64 t = STORY_START; t < STORY_START + 1; t++)
    g_array_append_val (times, t);
  for (int i = 0; i < 10000; i++)
    {
      gint64 t = STORY_START + 86400;
      g_array_append_val (times, t);
    }
  for (int i = 0; i < 500; i++)
    {
      gint64 t = STORY_START + 86400 + 1 + i / 100;
      g_array_append_val (times, t);
    }
  {
    gint64 t = STORY_START + 5 * 86400;
    g_array_append_val (times, t);
  }

  /* A week over 1000 px: 604.8 s a pixel, cells of 8192 s for 12 px. */
  yp_time_scale_init (&scale, STORY_START - 3600, STORY_START - 3600 + 7 * 86400, 1000);
  g_assert_cmpint (yp_lanes_get_cluster_seconds (&scale, 12), ==, 8192);
  g_assert_cmpuint (yp_lanes_cluster (&scale, (gint64 *) times->data, times->len, 12, 0, clusters), ==, 3);

  c = &g_array_index (clusters, YpCluster, 0);
  g_assert_cmpuint (c->first, ==, 0);
  g_assert_cmpuint (c->count, ==, 1);
  g_assert_cmpfloat_with_epsilon (c->x, yp_time_scale_time_to_x (&scale, STORY_START), 1e-9);

  c = &g_array_index (clusters, YpCluster, 1);
  g_assert_cmpuint (c->first, ==, 1);
  g_assert_cmpuint (c->count, ==, 10500);
  /* The mean: 10,000 at +0 s and 100 each at +1 to +5 s. */
  g_assert_cmpfloat_with_epsilon (c->x, yp_time_scale_time_to_x (&scale, STORY_START + 86400 + 1500.0 / 10500), 1e-9);

  c = &g_array_index (clusters, YpCluster, 2);
  g_assert_cmpuint (c->first, ==, 10501);
  g_assert_cmpuint (c->count, ==, 1);

  assert_clusters (&scale, (gint64 *) times->data, times->len, 12, 0, clusters);

  /* Zoomed to 10 s: each second with events is its own cluster. */
  yp_time_scale_init (&scale, STORY_START + 86400 - 2, STORY_START + 86400 + 8, 1000);
  g_assert_cmpuint (yp_lanes_cluster (&scale, (gint64 *) times->data, times->len, 12, 0, clusters), ==, 6);
  g_assert_cmpuint (g_array_index (clusters, YpCluster, 0).count, ==, 10000);
  for (guint i = 1; i < 6; i++)
    g_assert_cmpuint (g_array_index (clusters, YpCluster, i).count, ==, 100);
}

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static void
test_cluster_pan_determinism (void)
{
  static const double spans[] = { 10, 600, 86400, 30 * 86400, 640 * 86400, 100 * 365.25 * 86400 };

  for (guint s = 0; s < G_N_ELEMENTS (spans); s++)
    {
      g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(GArray) first = new_clusters ();
      g_autoptr(GArray) again = new_clusters ();
      gint64 data_span = (gint64) (spans[s] * 5);
      YpTimeScale scale;

      for (guint i = 0; i < 5000; i++)
        {
          gint64 t;

          switch (g_test_rand_int_range (0, 4))
            {
            case 0:
              t = STORY_START + data_span / 2;
              break;
            case 1:
              t = STORY_START + data_span / 3 + g_test_rand_int_range (0, 1 + (gint32) MIN (data_span / 50, G_MAXINT32 - 1));
              break;
            default:
              t = STORY_START + (gint64) g_test_rand_double_range (0, (double) data_span);
            }
          g_array_append_val (times, t);
        }
      g_array_sort (times, compare_int64);

      yp_time_scale_init (&scale, STORY_START, STORY_START + spans[s], 1280);
      for (int k = 0; k < 200; k++)
        {
          YpTimeScale panned = scale;
          double margin = g_test_rand_double_range (0, 40);

          /* Any pan, at this zoom (over the data and a little beyond it):
           * the clusters are those of the whole array, cut to the view. */
          yp_time_scale_pan (&panned, -g_test_rand_double_range (-1280, 6 * 1280), NULL);
          yp_lanes_cluster (&panned, (gint64 *) times->data, times->len, 12, margin, first);
          assert_clusters (&panned, (gint64 *) times->data, times->len, 12, margin, first);

          /* The cell size, hence the clusters, are the same after a pan. */
          g_assert_cmpint (yp_lanes_get_cluster_seconds (&panned, 12), ==,
                           yp_lanes_get_cluster_seconds (&scale, 12));

          /* A small pan keeps every cluster still in view unchanged, x
           * moved by the pan. */
          {
            YpTimeScale nudged = panned;
            guint j = 0;

            yp_time_scale_pan (&nudged, 7.5, NULL);
            yp_lanes_cluster (&nudged, (gint64 *) times->data, times->len, 12, margin, again);
            for (guint i = 0; i < again->len; i++)
              {
                const YpCluster *b = &g_array_index (again, YpCluster, i);

                while (j < first->len && g_array_index (first, YpCluster, j).key < b->key)
                  j++;
                if (j == first->len || g_array_index (first, YpCluster, j).key != b->key)
                  continue;   /* came into view */
                g_assert_cmpuint (g_array_index (first, YpCluster, j).first, ==, b->first);
                g_assert_cmpuint (g_array_index (first, YpCluster, j).count, ==, b->count);
                g_assert_cmpfloat_with_epsilon (g_array_index (first, YpCluster, j).x + 7.5, b->x, 1e-4);
              }
          }
        }
    }
}

/* Page-level access counting: the times array sits in pages that are
 * unreadable until touched; each first touch faults once and is counted. */
static guint8 *guarded_base;
static gsize guarded_size;
static gsize page_size;
static volatile sig_atomic_t pages_touched;
static volatile sig_atomic_t count_failed;

static void
guard_fault_cb (int        signum,
                siginfo_t *info,
                void      *context)
{
  guint8 *addr = info->si_addr;

  if (addr < guarded_base || addr >= guarded_base + guarded_size)
    {
      /* Not a fault we can place (valgrind reports no address): open
       * the whole array and give up counting. A genuine crash elsewhere
       * faults again, now fatally. */
      count_failed = 1;
      mprotect (guarded_base, guarded_size, PROT_READ);
      signal (signum, SIG_DFL);
      return;
    }

  mprotect ((void *) ((uintptr_t) addr & ~(uintptr_t) (page_size - 1)), page_size, PROT_READ);
  pages_touched++;
}

static void
test_cluster_million (void)
{
  const guint n = 1000000;
  struct sigaction action = { 0 }, old_action;
  g_autoptr(GArray) clusters = new_clusters ();
  gint64 *times;
  YpTimeScale scale;
  guint begin, end, total = 0;
  gsize first_page, last_page;

  page_size = (gsize) sysconf (_SC_PAGESIZE);
  guarded_size = (n * sizeof (gint64) + page_size - 1) / page_size * page_size;
  guarded_base = mmap (NULL, guarded_size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  g_assert_true (guarded_base != MAP_FAILED);
  times = (gint64 *) guarded_base;

  /* A million events, 47 s apart on average, in runs at one instant. */
  for (guint i = 0; i < n; i++)
    times[i] = STORY_START + (gint64) (i / 3) * 141;

  /* One day in view, in the middle of 1.5 years. */
  yp_time_scale_init (&scale, STORY_START + 200 * 86400, STORY_START + 201 * 86400, 1280);
  g_assert_cmpuint (yp_time_scale_get_visible_range (&scale, times, n, 20, &begin, &end), >, 0);

  pages_touched = 0;
  count_failed = 0;
  /* valgrind does not hand such faults to the program. */
  if (strstr (g_getenv ("LD_PRELOAD") ? g_getenv ("LD_PRELOAD") : "", "vgpreload") != NULL)
    {
      count_failed = 1;
      yp_lanes_cluster (&scale, times, n, 12, 20, clusters);
    }
  else
    {
      action.sa_sigaction = guard_fault_cb;
      action.sa_flags = SA_SIGINFO;
      sigemptyset (&action.sa_mask);
      g_assert_cmpint (sigaction (SIGSEGV, &action, &old_action), ==, 0);
      g_assert_cmpint (mprotect (guarded_base, guarded_size, PROT_NONE), ==, 0);

      yp_lanes_cluster (&scale, times, n, 12, 20, clusters);

      g_assert_cmpint (mprotect (guarded_base, guarded_size, PROT_READ | PROT_WRITE), ==, 0);
      g_assert_cmpint (sigaction (SIGSEGV, &old_action, NULL), ==, 0);
    }

  /* The visible slice's pages, plus a few per step of the binary
   * searches (4 searches of 20 steps), out of the array's 1954 pages. */
  first_page = begin * sizeof (gint64) / page_size;
  last_page = (end - 1) * sizeof (gint64) / page_size;
  if (count_failed)
    g_test_message ("page faults cannot be counted here (valgrind): counting skipped");
  else
    {
      g_test_message ("pages touched: %d of %" G_GSIZE_FORMAT ", visible slice %" G_GSIZE_FORMAT,
                      (int) pages_touched, guarded_size / page_size, last_page - first_page + 1);
      g_assert_cmpint (pages_touched, >=, (int) (last_page - first_page + 1));
      g_assert_cmpint (pages_touched, <=, (int) (last_page - first_page + 1 + 4 * 21));
      g_assert_cmpint (pages_touched, <, (int) (guarded_size / page_size / 10));
    }

  /* And the result is right: the visible events, in clusters of whole
   * cells of 1024 s (12 px at 67.5 s a pixel is 810 s). */
  g_assert_cmpint (yp_lanes_get_cluster_seconds (&scale, 12), ==, 1024);
  for (guint i = 0; i < clusters->len; i++)
    {
      const YpCluster *c = &g_array_index (clusters, YpCluster, i);

      if (i > 0)
        {
          const YpCluster *prev = &g_array_index (clusters, YpCluster, i - 1);

          g_assert_cmpuint (prev->first + prev->count, ==, c->first);
          g_assert_cmpint (prev->key, <, c->key);
        }
      for (guint j = c->first; j < c->first + c->count; j++)
        g_assert_cmpint (floor_div (times[j], 1024), ==, c->key);
      total += c->count;
    }
  g_assert_cmpuint (g_array_index (clusters, YpCluster, 0).first, <=, begin);
  g_assert_cmpuint (total, >=, end - begin);
  g_assert_cmpuint (total, <=, end - begin + 2 * (1024 / 141 + 1) * 3);
  /* The cells at the edges are whole. */
  {
    const YpCluster *c0 = &g_array_index (clusters, YpCluster, 0);
    const YpCluster *cn = &g_array_index (clusters, YpCluster, clusters->len - 1);

    g_assert_cmpint (floor_div (times[c0->first - 1], 1024), <, c0->key);
    g_assert_cmpint (floor_div (times[cn->first + cn->count], 1024), >, cn->key);
  }

  munmap (guarded_base, guarded_size);
  guarded_base = NULL;
}

/* The precomputed cells give exactly the clusters of the walk, at every
 * zoom from minutes to the whole span and past it, over bursts, lone
 * events, same-instant runs and times before the epoch; and zoomed out
 * they look at cells, not at every event. */
static void
test_cluster_indexed (void)
{
  const guint n = 60000;
  g_autoptr(GRand) rand = g_rand_new_with_seed (1122);
  g_autofree gint64 *times = g_new (gint64, n);
  g_autoptr(GArray) walked = new_clusters ();
  g_autoptr(GArray) indexed = new_clusters ();
  g_autoptr(YpLanesIndex) index = NULL;
  g_autoptr(YpLanesIndex) empty = yp_lanes_index_new (NULL, 0);
  gint64 t = -86400 * 30;
  guint n_compared = 0, most_clusters = 0;
  YpTimeScale scale;

  /* Gaps of a second to a month; a third of them in a burst of equal
   * times or seconds apart. */
  for (guint i = 0; i < n; i++)
    {
      guint kind = g_rand_int_range (rand, 0, 10);

      t += kind < 3 ? 0 : kind < 6 ? g_rand_int_range (rand, 1, 60)
                      : kind < 9 ? g_rand_int_range (rand, 60, 86400)
                                 : g_rand_int_range (rand, 86400, 86400 * 30);
      times[i] = t;
    }
  index = yp_lanes_index_new (times, n);

  for (guint k = 0; k < 400; k++)
    {
      double span = exp (g_rand_double_range (rand, log (600.0), log ((double) (times[n - 1] - times[0]) * 3)));
      double start = g_rand_double_range (rand, (double) times[0] - span, (double) times[n - 1]);
      double min_px = k % 2 ? 12 : 30;

      yp_time_scale_init (&scale, start, start + span, g_rand_int_range (rand, 200, 2000));
      yp_lanes_cluster (&scale, times, n, min_px, 20, walked);
      yp_lanes_cluster_indexed (index, &scale, min_px, 20, indexed);
      g_assert_cmpuint (indexed->len, ==, walked->len);
      for (guint i = 0; i < walked->len; i++)
        {
          const YpCluster *a = &g_array_index (walked, YpCluster, i);
          const YpCluster *b = &g_array_index (indexed, YpCluster, i);

          g_assert_cmpuint (a->first, ==, b->first);
          g_assert_cmpuint (a->count, ==, b->count);
          g_assert_cmpint (a->key, ==, b->key);
          g_assert_cmpfloat (a->x, ==, b->x);
        }
      n_compared += walked->len > 0;
      most_clusters = MAX (most_clusters, walked->len);
    }
  g_assert_cmpuint (n_compared, >, 200);
  g_assert_cmpuint (most_clusters, >, 50);

  /* The whole span in 1280 px, on a new index: one coarse size is
   * built, of far fewer cells than events. */
  g_clear_pointer (&index, yp_lanes_index_free);
  index = yp_lanes_index_new (times, n);
  yp_time_scale_init (&scale, (double) times[0], (double) times[n - 1], 1280);
  yp_lanes_cluster_indexed (index, &scale, 12, 20, indexed);
  yp_lanes_cluster (&scale, times, n, 12, 20, walked);
  g_assert_cmpuint (indexed->len, ==, walked->len);
  g_test_message ("whole span: %u clusters from %u cells", indexed->len, yp_lanes_index_get_n_cells (index));
  g_assert_cmpuint (yp_lanes_index_get_n_cells (index), >, 0);
  g_assert_cmpuint (yp_lanes_index_get_n_cells (index), <, n / 20);

  g_assert_cmpuint (yp_lanes_cluster_indexed (empty, &scale, 12, 20, indexed), ==, 0);
}

static void
assert_rows_valid (const YpLabelBox *boxes,
                   guint             n,
                   guint             max_rows,
                   double            padding)
{
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpint (boxes[i].row, >=, -1);
      g_assert_cmpint (boxes[i].row, <, (int) max_rows);
      if (boxes[i].row < 0)
        continue;
      for (guint j = 0; j < i; j++)
        {
          if (boxes[j].row != boxes[i].row)
            continue;
          /* Apart by the padding, whichever comes first. */
          g_assert_true (boxes[j].x + boxes[j].width + padding <= boxes[i].x ||
                         boxes[i].x + boxes[i].width + padding <= boxes[j].x);
        }
    }
}

static void
test_rows_overlap (void)
{
  YpLabelBox boxes[] = {
    { 0, 100, 99 },     /* row 0 */
    { 50, 100, 99 },    /* overlaps the first: row 1 */
    { 90, 30, 99 },     /* overlaps both: row 2 */
    { 104, 50, 99 },    /* 4 px after the first ends: row 0 */
    { 153, 10, 99 },    /* rows 0 and 1 busy until 158 and 154: row 2 */
    { 300, 10, 99 },    /* far away: row 0 */
  };

  g_assert_cmpuint (yp_lanes_assign_rows (boxes, G_N_ELEMENTS (boxes), 4, 4), ==, 6);
  g_assert_cmpint (boxes[0].row, ==, 0);
  g_assert_cmpint (boxes[1].row, ==, 1);
  g_assert_cmpint (boxes[2].row, ==, 2);
  g_assert_cmpint (boxes[3].row, ==, 0);
  g_assert_cmpint (boxes[4].row, ==, 2);
  g_assert_cmpint (boxes[5].row, ==, 0);
  assert_rows_valid (boxes, G_N_ELEMENTS (boxes), 4, 4);

  /* Without padding, touching boxes share a row. */
  {
    YpLabelBox touching[] = { { 0, 10, 0 }, { 10, 10, 0 }, { 20, 0, 0 }, { 20, 5, 0 } };

    g_assert_cmpuint (yp_lanes_assign_rows (touching, 4, 1, 0), ==, 4);
    for (guint i = 0; i < 4; i++)
      g_assert_cmpint (touching[i].row, ==, 0);
  }
}

static void
test_rows_same_instant (void)
{
  YpLabelBox boxes[5];

  for (guint i = 0; i < G_N_ELEMENTS (boxes); i++)
    boxes[i] = (YpLabelBox) { 42.5, 80, 7 };

  g_assert_cmpuint (yp_lanes_assign_rows (boxes, 5, 5, 2), ==, 5);
  for (guint i = 0; i < G_N_ELEMENTS (boxes); i++)
    g_assert_cmpint (boxes[i].row, ==, (int) i);

  /* Even zero-width labels at one instant take different rows. */
  for (guint i = 0; i < G_N_ELEMENTS (boxes); i++)
    boxes[i] = (YpLabelBox) { 10, 0, 7 };
  g_assert_cmpuint (yp_lanes_assign_rows (boxes, 5, 5, 1), ==, 5);
  for (guint i = 0; i < G_N_ELEMENTS (boxes); i++)
    g_assert_cmpint (boxes[i].row, ==, (int) i);
}

static void
test_rows_hidden (void)
{
  YpLabelBox boxes[7];

  for (guint i = 0; i < 5; i++)
    boxes[i] = (YpLabelBox) { 100 + i, 50, 7 };
  boxes[5] = (YpLabelBox) { 152, 50, 7 };    /* room again in row 0 */
  boxes[6] = (YpLabelBox) { 153, 50, 7 };    /* row 1: 101 + 50 + 2 = 153 */

  g_assert_cmpuint (yp_lanes_assign_rows (boxes, 7, 2, 2), ==, 4);
  g_assert_cmpint (boxes[0].row, ==, 0);
  g_assert_cmpint (boxes[1].row, ==, 1);
  g_assert_cmpint (boxes[2].row, ==, -1);
  g_assert_cmpint (boxes[3].row, ==, -1);
  g_assert_cmpint (boxes[4].row, ==, -1);
  g_assert_cmpint (boxes[5].row, ==, 0);
  g_assert_cmpint (boxes[6].row, ==, 1);

  /* No rows at all: everything hidden; no boxes: nothing to do. */
  g_assert_cmpuint (yp_lanes_assign_rows (boxes, 7, 0, 2), ==, 0);
  for (guint i = 0; i < 7; i++)
    g_assert_cmpint (boxes[i].row, ==, -1);
  g_assert_cmpuint (yp_lanes_assign_rows (NULL, 0, 3, 2), ==, 0);

  /* The most rows there are. */
  {
    YpLabelBox many[YP_LANES_MAX_ROWS + 3];

    for (guint i = 0; i < G_N_ELEMENTS (many); i++)
      many[i] = (YpLabelBox) { 0, 10, 7 };
    g_assert_cmpuint (yp_lanes_assign_rows (many, G_N_ELEMENTS (many), YP_LANES_MAX_ROWS, 0), ==,
                      YP_LANES_MAX_ROWS);
    g_assert_cmpint (many[YP_LANES_MAX_ROWS - 1].row, ==, YP_LANES_MAX_ROWS - 1);
    g_assert_cmpint (many[YP_LANES_MAX_ROWS].row, ==, -1);
  }
}

static void
test_rows_random (void)
{
  for (int round = 0; round < 200; round++)
    {
      guint n = g_test_rand_int_range (0, 300);
      guint max_rows = g_test_rand_int_range (1, 8);
      double padding = g_test_rand_double_range (0, 10);
      g_autofree YpLabelBox *boxes = g_new (YpLabelBox, MAX (n, 1));
      double x = 0;
      guint placed = 0;

      for (guint i = 0; i < n; i++)
        {
          /* Sorted by x, often equal. */
          if (g_test_rand_int_range (0, 3) != 0)
            x += g_test_rand_double_range (0, 60);
          boxes[i] = (YpLabelBox) { x, g_test_rand_double_range (0, 150), 99 };
        }

      g_assert_cmpuint (yp_lanes_assign_rows (boxes, n, max_rows, padding), <=, n);
      assert_rows_valid (boxes, n, max_rows, padding);

      /* First fit: a box is in the first row with room, and a hidden box
       * had room in none. */
      for (guint i = 0; i < n; i++)
        {
          guint rows_checked = boxes[i].row < 0 ? max_rows : (guint) boxes[i].row;

          for (guint r = 0; r < rows_checked; r++)
            {
              gboolean blocked = FALSE;

              for (guint j = 0; j < i && !blocked; j++)
                blocked = boxes[j].row == (int) r && boxes[j].x + boxes[j].width + padding > boxes[i].x;
              g_assert_true (blocked);
            }
          placed += boxes[i].row >= 0;
        }
      g_assert_cmpuint (yp_lanes_assign_rows (boxes, n, max_rows, padding), ==, placed);

      /* In any order, rows never overlap. */
      for (guint i = 0; i + 1 < n; i += 2)
        {
          YpLabelBox tmp = boxes[i];

          boxes[i] = boxes[n - 1 - i];
          boxes[n - 1 - i] = tmp;
        }
      yp_lanes_assign_rows (boxes, n, max_rows, padding);
      assert_rows_valid (boxes, n, max_rows, padding);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lanes/cluster/cell-size", test_cell_size);
  g_test_add_func ("/lanes/cluster/empty", test_cluster_empty);
  g_test_add_func ("/lanes/cluster/same-pixel", test_cluster_same_pixel);
  g_test_add_func ("/lanes/cluster/pan-determinism", test_cluster_pan_determinism);
  g_test_add_func ("/lanes/cluster/million", test_cluster_million);
  g_test_add_func ("/lanes/cluster/indexed", test_cluster_indexed);
  g_test_add_func ("/lanes/rows/overlap", test_rows_overlap);
  g_test_add_func ("/lanes/rows/same-instant", test_rows_same_instant);
  g_test_add_func ("/lanes/rows/hidden", test_rows_hidden);
  g_test_add_func ("/lanes/rows/random", test_rows_random);

  return g_test_run ();
}
