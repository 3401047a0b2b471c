/* yp-str-pool.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "yp-str-pool"

#include "config.h"

#include <string.h>

#include "yp-str-pool.h"

/* Blocks grow from FIRST_BLOCK to LAST_BLOCK bytes, so a pool for a few
 * objects stays small and one for a million takes few, large blocks. */
#define FIRST_BLOCK 1024
#define LAST_BLOCK  (256 * 1024)
#define ALIGNMENT   MAX (G_ALIGNOF (gint64), G_ALIGNOF (gpointer))

typedef struct _Block Block;
struct _Block
{
  Block *next;
  gsize  size;   /* of data */
  /* data follows, aligned like the header's size (a multiple of 8) */
};

struct _YpStrPool
{
  gatomicrefcount  ref_count;
  GHashTable      *interned;   /* the pool's strings, as keys and values */
  Block           *blocks;     /* the current one first */
  gsize            used;       /* bytes taken from the current block */
  gsize            next_size;
  gsize            total;
};

G_STATIC_ASSERT (sizeof (Block) % ALIGNMENT == 0);

static inline char *
block_data (Block *block)
{
  return (char *) (block + 1);
}

YpStrPool *
yp_str_pool_new (void)
{
  YpStrPool *self = g_new0 (YpStrPool, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->interned = g_hash_table_new (g_str_hash, g_str_equal);
  self->next_size = FIRST_BLOCK;
  return self;
}

YpStrPool *
yp_str_pool_ref (YpStrPool *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
yp_str_pool_unref (YpStrPool *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_hash_table_unref (self->interned);
  while (self->blocks != NULL)
    {
      Block *next = self->blocks->next;

      g_free (self->blocks);
      self->blocks = next;
    }
  g_free (self);
}

static Block *
new_block (YpStrPool *self,
           gsize      size)
{
  Block *block;

  if (size > G_MAXSIZE - sizeof (Block))
    g_error ("%s: cannot allocate %" G_GSIZE_FORMAT " bytes", G_STRLOC, size);
  block = g_malloc (sizeof (Block) + size);
  block->size = size;
  self->total += sizeof (Block) + size;
  return block;
}

/* @size bytes at a multiple of @align (a power of two, at most ALIGNMENT). */
static char *
take (YpStrPool *self,
      gsize      size,
      gsize      align)
{
  gsize at = self->blocks ? (self->used + align - 1) & ~(align - 1) : 0;
  Block *block;

  if (self->blocks != NULL && at <= self->blocks->size && size <= self->blocks->size - at)
    {
      self->used = at + size;
      return block_data (self->blocks) + at;
    }

  /* Something large gets a block of its own behind the current one, so
   * the space left in that one is not given up for it. */
  if (self->blocks != NULL && size > self->next_size / 4)
    {
      block = new_block (self, size);
      block->next = self->blocks->next;
      self->blocks->next = block;
      return block_data (block);
    }

  block = new_block (self, MAX (size, self->next_size));
  block->next = self->blocks;
  self->blocks = block;
  self->used = size;
  self->next_size = MIN (self->next_size * 2, LAST_BLOCK);
  return block_data (block);
}

const char *
yp_str_pool_intern (YpStrPool  *self,
                    const char *str)
{
  const char *found;
  gsize len;
  char *copy;

  g_return_val_if_fail (self != NULL, NULL);

  if (str == NULL)
    return NULL;
  found = g_hash_table_lookup (self->interned, str);
  if (found != NULL)
    return found;

  len = strlen (str) + 1;
  copy = take (self, len, 1);
  memcpy (copy, str, len);
  g_hash_table_add (self->interned, copy);
  return copy;
}

gpointer
yp_str_pool_alloc (YpStrPool *self,
                   gsize      size)
{
  g_return_val_if_fail (self != NULL, NULL);
  return take (self, size, ALIGNMENT);
}

gsize
yp_str_pool_get_size (YpStrPool *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->total;
}
