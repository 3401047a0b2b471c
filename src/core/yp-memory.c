/* yp-memory.c: asking the kernel for large pages, and mapping large files
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

#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/stat.h>
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

/* Mapped files
 *
 * A timeline of a million events is a 380 MB file. Read into memory, it
 * was most of what a first open of it held. Mapped, its pages come from
 * the page cache as they are read and can be handed back once read
 * (yp_memory_release_pages()): to read them again, the kernel maps them
 * again.
 *
 * A mapped file that is cut short while it is read would kill the process
 * with SIGBUS at the first page past its new end. While a file is mapped,
 * a handler takes SIGBUS in the mapped range: it maps zeros from the page
 * that faulted to the end, so the read goes on, and the file is marked as
 * changed (yp_memory_file_changed()) for the reader to refuse what it
 * read. A SIGBUS anywhere else goes to the handler there was before. */

#define MAX_MAPS 8

typedef struct {
  char         *start;    /* NULL: a free slot; set last, cleared first */
  gsize         size;
  volatile gint changed;
  int           fd;
  struct stat   st;       /* the file as it was mapped */
} MapSlot;

static MapSlot maps[MAX_MAPS];
static GMutex maps_lock;
static guint n_maps;
static gsize page_size;
static struct sigaction previous_sigbus;

static void
on_sigbus (int        sig,
           siginfo_t *info,
           void      *context)
{
  char *addr = info->si_addr;

  for (guint i = 0; i < MAX_MAPS; i++)
    {
      char *start = __atomic_load_n (&maps[i].start, __ATOMIC_ACQUIRE);
      char *end = start + maps[i].size;

      if (start != NULL && addr >= start && addr < end)
        {
          char *page = (char *) ((uintptr_t) addr & ~(uintptr_t) (page_size - 1));

          /* mmap() is a plain system call here, safe in a handler. */
          if (mmap (page, end - page, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) != MAP_FAILED)
            {
              maps[i].changed = 1;
              return;
            }
          break;
        }
    }
  /* Not ours (or zeros could not be mapped): the access faults again, and
   * what handled SIGBUS before does. */
  sigaction (SIGBUS, &previous_sigbus, NULL);
}

static MapSlot *
find_map (const char *data)
{
  for (guint i = 0; i < MAX_MAPS; i++)
    if (data != NULL && maps[i].start == data)
      return &maps[i];
  return NULL;
}

/* The @length bytes of the regular file open at @fd, read-only and
 * followed by a NUL, or NULL when it cannot be mapped (the caller reads
 * it instead). The mapping keeps a descriptor of its own. Free with
 * yp_memory_unmap_file(). */
char *
yp_memory_map_file (int   fd,
                    gsize length)
{
  MapSlot *slot = NULL;
  struct stat st;
  gsize size;
  char *base;
  int own_fd;

  g_mutex_lock (&maps_lock);
  for (guint i = 0; i < MAX_MAPS && slot == NULL; i++)
    if (maps[i].start == NULL)
      slot = &maps[i];
  if (page_size == 0)
    page_size = sysconf (_SC_PAGESIZE);
  /* Zeros first, the file over them: the byte after it is a NUL even when
   * it ends on a page boundary. */
  size = (length + 1 + page_size - 1) & ~(page_size - 1);
  if (slot == NULL || fstat (fd, &st) != 0 ||
      (base = mmap (NULL, size, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)) == MAP_FAILED)
    {
      g_mutex_unlock (&maps_lock);
      return NULL;
    }
  if ((length > 0 && mmap (base, length, PROT_READ, MAP_PRIVATE | MAP_FIXED, fd, 0) == MAP_FAILED) ||
      (own_fd = fcntl (fd, F_DUPFD_CLOEXEC, 0)) < 0)
    {
      munmap (base, size);
      g_mutex_unlock (&maps_lock);
      return NULL;
    }
  if (n_maps++ == 0)
    {
      struct sigaction action = { 0 };

      action.sa_sigaction = on_sigbus;
      action.sa_flags = SA_SIGINFO;
      sigemptyset (&action.sa_mask);
      sigaction (SIGBUS, &action, &previous_sigbus);
    }
  slot->size = size;
  slot->changed = 0;
  slot->fd = own_fd;
  slot->st = st;
  __atomic_store_n (&slot->start, base, __ATOMIC_RELEASE);
  g_mutex_unlock (&maps_lock);
  return base;
}

gboolean
yp_memory_is_mapped (const char *data)
{
  gboolean mapped;

  g_mutex_lock (&maps_lock);
  mapped = find_map (data) != NULL;
  g_mutex_unlock (&maps_lock);
  return mapped;
}

/* Whether the mapped file @data was cut short, or its size or times
 * changed, since it was mapped: what was read of it may be a mix. */
gboolean
yp_memory_file_changed (const char *data)
{
  gboolean changed = FALSE;
  MapSlot *slot;
  struct stat now;

  g_mutex_lock (&maps_lock);
  slot = find_map (data);
  if (slot != NULL)
    changed = slot->changed || fstat (slot->fd, &now) != 0 ||
              now.st_size != slot->st.st_size ||
              now.st_mtim.tv_sec != slot->st.st_mtim.tv_sec || now.st_mtim.tv_nsec != slot->st.st_mtim.tv_nsec ||
              now.st_ctim.tv_sec != slot->st.st_ctim.tv_sec || now.st_ctim.tv_nsec != slot->st.st_ctim.tv_nsec;
  g_mutex_unlock (&maps_lock);
  return changed;
}

/* Hands back the pages wholly inside [@from, @to) of the mapped file
 * @data: they are read from the page cache again if need be. */
void
yp_memory_release_pages (const char *data,
                         gsize       from,
                         gsize       to)
{
  uintptr_t start = ((uintptr_t) data + from + page_size - 1) & ~(uintptr_t) (page_size - 1);
  uintptr_t end = ((uintptr_t) data + to) & ~(uintptr_t) (page_size - 1);

  if (page_size != 0 && end > start)
    (void) madvise ((void *) start, end - start, MADV_DONTNEED);
}

/* Unmaps @data from yp_memory_map_file(). */
void
yp_memory_unmap_file (char *data)
{
  MapSlot *slot;

  g_mutex_lock (&maps_lock);
  slot = find_map (data);
  if (slot == NULL)
    {
      g_mutex_unlock (&maps_lock);
      g_return_if_reached ();
    }
  __atomic_store_n (&slot->start, NULL, __ATOMIC_RELEASE);
  munmap (data, slot->size);
  close (slot->fd);
  if (--n_maps == 0)
    sigaction (SIGBUS, &previous_sigbus, NULL);
  g_mutex_unlock (&maps_lock);
}
