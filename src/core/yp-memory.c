/* yp-memory.c: asking the kernel for large pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Memory a process touches for the first time comes a 4 kB page at a time,
 * each a page fault. On the virtual machines these figures were measured
 * on, page faults were a fifth of the CPU time from exec to the first
 * frame, and a fifth of parsing a timeline. Linux gives transparent huge
 * pages (2 MB, one fault each) to memory that asks for them with
 * madvise(MADV_HUGEPAGE), which is its default ("madvise" mode); glibc
 * asks only when told to by an environment variable set before the
 * program starts (GLIBC_TUNABLES=glibc.malloc.hugetlb=1). Both functions
 * here only give advice: where the kernel says no, or another allocator
 * is in use (under ASan or valgrind), the pages stay small and nothing
 * else changes.
 */
#define G_LOG_DOMAIN "yp-memory"

#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <sys/mman.h>

#include "yp-memory.h"

#define HUGE_PAGE (2u * 1024 * 1024)

#define PAD (64u * 1024 * 1024)

#if defined(__GLIBC__) && defined(MADV_HUGEPAGE)
/* Makes the heap grow (by the pad, once it is set) and marks what it grew
 * by. Blocks under the threshold for mmap() come from the heap: once its
 * free top is used up, it grows. */
static gboolean
mark_new_heap (void)
{
  char *before = sbrk (0), *after;
  void *blocks[64];
  guint n = 0;
  uintptr_t start;

  if (before == (char *) -1)
    return FALSE;
  do
    blocks[n++] = malloc (120 * 1024);
  while (sbrk (0) == before && n < G_N_ELEMENTS (blocks));
  while (n > 0)
    free (blocks[--n]);
  after = sbrk (0);

  start = ((uintptr_t) before + HUGE_PAGE - 1) & ~(uintptr_t) (HUGE_PAGE - 1);
  return (uintptr_t) after > start + HUGE_PAGE &&
         madvise ((void *) start, ((uintptr_t) after - start) & ~(uintptr_t) (HUGE_PAGE - 1), MADV_HUGEPAGE) == 0;
}
#endif

static gboolean using_huge_pages;
static GThread *main_thread;  /* the one whose allocations use the heap */

/* The heap in huge pages, 64 MB at a time (a window at 10,000 events
 * uses about 30). glibc's heap grows with brk(): it is made to grow by
 * 64 MB at once and keep that much free at its top, and each new range is
 * marked. To be called first thing in main(), before the heap holds much.
 * YEONPYO_SMALL_PAGES=1 leaves everything as it was. TRUE when a range
 * was marked. */
gboolean
yp_memory_use_huge_pages (void)
{
#if defined(__GLIBC__) && defined(MADV_HUGEPAGE)
  /* For comparisons, and should huge pages ever do harm somewhere. */
  if (g_getenv ("YEONPYO_SMALL_PAGES") != NULL)
    return FALSE;
  /* Setting the pad stops glibc from raising its threshold for mmap()
   * as blocks are freed, which it does to keep blocks it is asked for
   * again and again (a frame's image, 1 MB) in the heap rather than
   * mapping them afresh, and faulting them in, every time: the threshold
   * is set to where glibc would raise it at most (32 MB on 64 bits). */
  if (!mallopt (M_TOP_PAD, (int) PAD) ||
      !mallopt (M_MMAP_THRESHOLD, (int) (4 * 1024 * 1024 * sizeof (long))))
    return FALSE;
  main_thread = g_thread_self ();
  using_huge_pages = mark_new_heap ();
  return using_huge_pages;
#else
  return FALSE;
#endif
}

/* Gives the free memory of the heap (and of other threads' arenas) back
 * to the system, and on the main thread marks the heap's new top again.
 * The pad keeps up to 64 MB freed at the top of the heap resident: after
 * a parse, its temporaries (12 MB of 122 at the first frame of a first
 * open at 100,000 events). Does nothing unless yp_memory_use_huge_pages()
 * did something. */
void
yp_memory_give_back (void)
{
#if defined(__GLIBC__) && defined(MADV_HUGEPAGE)
  if (!using_huge_pages)
    return;
  malloc_trim (0);
  /* Other threads allocate from arenas of their own, not from the heap. */
  if (g_thread_self () == main_thread)
    mark_new_heap ();
#endif
}

/* A buffer of @size bytes, freed with g_free(). One of 2 MB or more is
 * placed and marked for huge pages: read into 4 kB pages, a 4 MB timeline
 * took a thousand page faults, a fifth of a first open's parse at 10,000
 * events. (With MALLOC_PERTURB_ set, glibc fills it before it is marked,
 * and it stays in small pages.) */
char *
yp_memory_alloc_large (gsize size)
{
#ifdef MADV_HUGEPAGE
  gsize whole = (size + HUGE_PAGE - 1) & ~(gsize) (HUGE_PAGE - 1);
  void *p = NULL;

  if (size >= HUGE_PAGE && posix_memalign (&p, HUGE_PAGE, whole) == 0)
    {
      (void) madvise (p, whole, MADV_HUGEPAGE);
      return p;
    }
#endif
  return g_malloc (size);
}
