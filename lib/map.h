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
#include <string.h>

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

/*
 * qp_hash: a multiply-xorshift hash for in-memory tables, fast on short
 * words, unseeded so that runs are reproducible.  It reads the bytes as
 * little-endian 8-byte chunks, the last one padded with zero bytes, and
 * mixes in the length only at the end, so a caller that makes the bytes
 * itself a chunk at a time (the matcher, while it folds a word) hashes
 * them in registers without reading them back:
 *
 *     h = QP_HASH_INIT;
 *     for each whole chunk v:  h = qp_hash_chunk(h, v);
 *     return qp_hash_end(h, last chunk, zero-padded (0 if none), n);
 *
 * is qp_hash of those n bytes.
 */
#define QP_HASH_INIT 0x9E3779B97F4A7C15ULL

static inline uint64_t
qp_hash_chunk(uint64_t h, uint64_t v)
{
	h ^= v * 0x87C37B91114253D5ULL;
	return (h << 31 | h >> 33) * 0x4CF5AD432745937FULL;
}

static inline uint64_t
qp_hash_end(uint64_t h, uint64_t tail, size_t n)
{
	h = qp_hash_chunk(h, tail) ^ (uint64_t)n * 0xC2B2AE3D27D4EB4FULL;
	h ^= h >> 29;
	h *= 0xBF58476D1CE4E5B9ULL;
	h ^= h >> 32;
	return h;
}

/* The 8 bytes at p as a little-endian number, and the 4 bytes at p. */
static inline uint64_t
qp_load64le(const void *p)
{
	uint64_t v;
	memcpy(&v, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	v = __builtin_bswap64(v);
#endif
	return v;
}

static inline uint32_t
qp_load32le(const void *p)
{
	uint32_t v;
	memcpy(&v, p, 4);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	v = __builtin_bswap32(v);
#endif
	return v;
}

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
