/*
 * map.h: a hash table from byte strings to a pointer-sized value.
 *
 * Keys are copied into storage the map owns; values are the caller's
 * (the map never frees them).  Lookups cost one hash of the key and,
 * almost always, one comparison.  Iteration order is insertion order,
 * so output built from a map is deterministic without sorting.
 */
#ifndef QP_MAP_H
#define QP_MAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct qp_map qp_map;

typedef struct {
	const char *key;   /* NUL-terminated copy, owned by the map */
	size_t len;
	void *val;
} qp_entry;

qp_map *qp_map_new(void);
void qp_map_free(qp_map *m);

/* The entry for key, or NULL. */
qp_entry *qp_map_get(const qp_map *m, const char *key, size_t len);
/* The entry for key, created with val NULL if absent (*created says which).
 * The pointer is valid until the next insertion. */
qp_entry *qp_map_put(qp_map *m, const char *key, size_t len, bool *created);

size_t qp_map_count(const qp_map *m);
/* The i-th entry in insertion order, 0 <= i < count. */
qp_entry *qp_map_at(const qp_map *m, size_t i);

uint64_t qp_hash(const void *p, size_t n);

/* FNV-1a, 64 bits, for the hashes whose values are kept or shown (a
 * model file's feature buckets, agree --rho's seeds) or computed a byte
 * at a time while a word is folded: defined byte by byte, so the same
 * on every machine.  qp_hash is for in-memory tables only. */
#define QP_FNV_INIT 0xcbf29ce484222325ULL
#define QP_FNV_STEP(h, c) (((h) ^ (unsigned char)(c)) * 0x100000001b3ULL)
static inline uint64_t
qp_fnv1a(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;
	for (size_t i = 0; i < n; i++)
		h = QP_FNV_STEP(h, b[i]);
	return h;
}

#endif
