/* pairset.c: sets of id pairs (see pairset.h). */
#include <stdlib.h>
#include <string.h>

#include "pairset.h"
#include "qp.h"

#define EMPTY UINT64_MAX

void
qp_pairset_init(qp_pairset *ps)
{
	ps->mask = 1023;
	ps->slot = xcalloc(ps->mask + 1, sizeof *ps->slot);
	memset(ps->slot, 0xff, (ps->mask + 1) * sizeof *ps->slot);
	ps->keys = NULL;
	ps->n = ps->cap = 0;
	memset(ps->cache, 0xff, sizeof ps->cache);
}

void
qp_pairset_free(qp_pairset *ps)
{
	free(ps->slot);
	free(ps->keys);
	ps->slot = ps->keys = NULL;
	ps->n = ps->cap = 0;
}

static void
grow(qp_pairset *ps)
{
	size_t mask = ps->mask * 2 + 1;
	uint64_t *slot = xcalloc(mask + 1, sizeof *slot);
	memset(slot, 0xff, (mask + 1) * sizeof *slot);
	for (size_t i = 0; i < ps->n; i++) {
		size_t j = qp_pairset_hash(ps->keys[i]) & mask;
		while (slot[j] != EMPTY)
			j = (j + 1) & mask;
		slot[j] = ps->keys[i];
	}
	free(ps->slot);
	ps->slot = slot;
	ps->mask = mask;
}

void
qp_pairset_push(qp_pairset *ps, uint64_t key)
{
	if (ps->n == ps->cap) {
		ps->cap = ps->cap ? 2 * ps->cap : 64;
		ps->keys = xreallocarray(ps->keys, ps->cap, sizeof *ps->keys);
	}
	ps->keys[ps->n++] = key;
	if (ps->n * 2 > ps->mask)
		grow(ps);
}
