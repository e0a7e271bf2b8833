/*
 * pairset.h: a set of pairs of 32-bit ids, such as (cell, doc) or
 * (group, speaker), for counting distinct things.
 *
 * An open-addressing table of the pairs packed into 64 bits, plus the
 * pairs in insertion order (so output built from a set is deterministic).
 * Not a qp_map (map.h): these sets are the largest thing tally holds and
 * are probed for nearly every code of every record, and a probe here
 * touches one cache line where a qp_map probe touches three (slot, entry,
 * key).  In front of the table, a small direct-mapped cache of pairs met
 * lately answers the repeated lookups of codes and speakers that recur
 * within a doc.  No pair may be (UINT32_MAX, UINT32_MAX).
 *
 * A qp_pairset owns its storage: qp_pairset_init, then qp_pairset_free.
 */
#ifndef QP_PAIRSET_H
#define QP_PAIRSET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define QP_PAIRSET_CACHE_BITS 11

typedef struct {
	uint64_t *slot, *keys;
	size_t mask, n, cap;
	uint64_t cache[1 << QP_PAIRSET_CACHE_BITS];
} qp_pairset;

void qp_pairset_init(qp_pairset *ps);
void qp_pairset_free(qp_pairset *ps);
/* Used by qp_pairset_add: append key to the insertion order, growing
 * the table when it is half full. */
void qp_pairset_push(qp_pairset *ps, uint64_t key);

static inline size_t
qp_pairset_hash(uint64_t key)
{
	key ^= key >> 29;
	key *= 0xBF58476D1CE4E5B9ULL;
	key ^= key >> 32;
	return (size_t)key;
}

/* Add (a, b); true if it was not in the set.  Inline: it is the inner
 * loop of tally. */
static inline bool
qp_pairset_add(qp_pairset *ps, uint32_t a, uint32_t b)
{
	uint64_t key = (uint64_t)a << 32 | b;
	size_t h = (size_t)((key * 0x9E3779B97F4A7C15ULL) >> (64 - QP_PAIRSET_CACHE_BITS));
	if (ps->cache[h] == key)
		return false;
	ps->cache[h] = key;
	size_t j = qp_pairset_hash(key) & ps->mask;
	for (; ps->slot[j] != UINT64_MAX; j = (j + 1) & ps->mask)
		if (ps->slot[j] == key)
			return false;
	ps->slot[j] = key;
	qp_pairset_push(ps, key);
	return true;
}

static inline size_t
qp_pairset_count(const qp_pairset *ps)
{
	return ps->n;
}

/* The i-th pair in insertion order, 0 <= i < count. */
static inline void
qp_pairset_at(const qp_pairset *ps, size_t i, uint32_t k[2])
{
	k[0] = (uint32_t)(ps->keys[i] >> 32);
	k[1] = (uint32_t)ps->keys[i];
}

#endif
