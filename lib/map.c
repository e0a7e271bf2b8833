#include "map.h"
#include "qp.h"

#include <stdlib.h>
#include <string.h>

struct qp_map {
	qp_entry *ents;          /* insertion order */
	uint64_t *hashes;        /* per entry */
	size_t n, ecap;
	uint32_t *slots;         /* open addressing: entry index + 1, 0 empty */
	size_t mask;
	char **blocks;           /* key storage */
	size_t nblocks, bused, bcap;
};

/* The last chunk is read without a copy of a variable length: a memcpy
 * of n < 8 bytes into a word stored them bytewise and loaded the word at
 * once, which the processor cannot forward from its store buffer (about
 * a twelfth of match-theme --model's cycles).  A tail of a key of 8
 * bytes or more is the key's last 8 bytes shifted; a shorter key's is
 * put together from two 4-byte loads or from three bytes, which overlap
 * as the length allows. */
uint64_t
qp_hash(const void *p, size_t n)
{
	const unsigned char *s = p;
	uint64_t h = QP_HASH_INIT, v = 0;
	size_t r = n;
	for (; r >= 8; r -= 8, s += 8)
		h = qp_hash_chunk(h, qp_load64le(s));
	if (r == 0)
		v = 0;
	else if (n >= 8)
		v = qp_load64le(s + r - 8) >> (8 * (8 - r));
	else if (r >= 4)
		v = qp_load32le(s) | (uint64_t)qp_load32le(s + r - 4) >> (8 * (8 - r)) << 32;
	else
		v = s[0] | (uint64_t)s[r / 2] << (8 * (r / 2)) | (uint64_t)s[r - 1] << (8 * (r - 1));
	return qp_hash_end(h, v, n);
}

qp_map *
qp_map_new(void)
{
	qp_map *m = xcalloc(1, sizeof *m);
	m->mask = 63;
	m->slots = xcalloc(m->mask + 1, sizeof *m->slots);
	return m;
}

void
qp_map_free(qp_map *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->nblocks; i++)
		free(m->blocks[i]);
	free(m->blocks);
	free(m->ents);
	free(m->hashes);
	free(m->slots);
	free(m);
}

static char *
store_key(qp_map *m, const char *key, size_t len)
{
	if (m->nblocks == 0 || m->bcap - m->bused < len + 1) {
		size_t cap = len + 1 > 65536 ? len + 1 : 65536;
		m->blocks = xreallocarray(m->blocks, m->nblocks + 1, sizeof(char *));
		m->blocks[m->nblocks++] = xmalloc(cap);
		m->bcap = cap;
		m->bused = 0;
	}
	char *k = m->blocks[m->nblocks - 1] + m->bused;
	memcpy(k, key, len);
	k[len] = '\0';
	m->bused += len + 1;
	return k;
}

static void
rehash(qp_map *m)
{
	size_t cap = (m->mask + 1) * 2;
	free(m->slots);
	m->slots = xcalloc(cap, sizeof *m->slots);
	m->mask = cap - 1;
	for (size_t i = 0; i < m->n; i++) {
		size_t j = m->hashes[i] & m->mask;
		while (m->slots[j])
			j = (j + 1) & m->mask;
		m->slots[j] = (uint32_t)(i + 1);
	}
}

static size_t
find(const qp_map *m, const char *key, size_t len, uint64_t h)
{
	size_t j = h & m->mask;
	for (;;) {
		uint32_t s = m->slots[j];
		if (s == 0)
			return j;
		const qp_entry *e = &m->ents[s - 1];
		if (m->hashes[s - 1] == h && e->len == len &&
		    memcmp(e->key, key, len) == 0)
			return j;
		j = (j + 1) & m->mask;
	}
}

qp_entry *
qp_map_get(const qp_map *m, const char *key, size_t len)
{
	uint64_t h = qp_hash(key, len);
	uint32_t s = m->slots[find(m, key, len, h)];
	return s ? &m->ents[s - 1] : NULL;
}

qp_entry *
qp_map_put(qp_map *m, const char *key, size_t len, bool *created)
{
	uint64_t h = qp_hash(key, len);
	size_t j = find(m, key, len, h);
	if (m->slots[j]) {
		if (created)
			*created = false;
		return &m->ents[m->slots[j] - 1];
	}
	if (m->n >= UINT32_MAX - 1)
		qp_die("too many distinct keys");
	if (m->n == m->ecap) {
		m->ecap = m->ecap ? m->ecap * 2 : 64;
		m->ents = xreallocarray(m->ents, m->ecap, sizeof *m->ents);
		m->hashes = xreallocarray(m->hashes, m->ecap, sizeof *m->hashes);
	}
	qp_entry *e = &m->ents[m->n];
	e->key = store_key(m, key, len);
	e->len = len;
	e->val = NULL;
	m->hashes[m->n] = h;
	m->slots[j] = (uint32_t)(m->n + 1);
	m->n++;
	if (m->n * 4 > (m->mask + 1) * 3)
		rehash(m);
	if (created)
		*created = true;
	return e;
}

size_t
qp_map_count(const qp_map *m)
{
	return m->n;
}

qp_entry *
qp_map_at(const qp_map *m, size_t i)
{
	return &m->ents[i];
}
