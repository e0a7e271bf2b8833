/*
 * matcher.c: compiling a parsed codebook into the indexes the matcher
 * walks, and the matcher: match-theme's hot path.  A text is cut into
 * words once (tokenize); each distinct word is looked up in a bounded
 * cache that holds the sequences starting at it, or for plain words the
 * codes to count (lookup, resolve); sequences are checked in place
 * (scan_words), phrases of two whole first words found by those words
 * in the pair table (build_pairs), near pairs and regexes after
 * (scan_near, scan_regex), and
 * the held-back hits are settled against the exclusions last
 * (settle_hits).  With `stem on` somewhere, the cache also finds the
 * sequences a word's stem starts, and keeps the stem (stem_word).
 * The codebook's inside is codebook_int.h.
 */
#include "codebook_int.h"
#include "qp.h"
#include "unquote.h"
#include "utf8.h"

#include <stdlib.h>
#include <string.h>

/* Limits that keep a bad regex or a huge input from taking the run. */
#define MATCH_LIMIT 1000000
#define DEPTH_LIMIT 10000
#define JIT_STACK_MAX (1024 * 1024)
/* Words cached before the cache starts afresh: bounds its memory
 * (slots of 32 bytes at most half full: 8 MiB), and the bytes of its
 * longer words and of its lists. */
#define CACHE_MAX (1u << 17)
#define CACHE_BYTES (16u << 20)
#define KEY_INLINE 16
#define PREFETCH 8
/* In the word cache: a sequence to check, or (ACT_CODE) a code to count. */
#define ACT_CODE 0x80000000u
#define ACT_NONE 0xFFFFFFFFu
/* With stems, the words before a cached list: the word's stem (offset
 * and length in m->keys) and its hash (low and high half). */
#define STEM_HDR 4
/* In a cached list's count: the word begins phrases of the pair table. */
#define LIST_PAIRS 0x80000000u

/* ---- Compiling -------------------------------------------------------- */

/* Sequence s goes on the list of its first term t in m (exact or prefix). */
static void
index_first(cb_codebook *cb, qp_map *m, const term *t, uint32_t s)
{
	bool created;
	qp_entry *e = qp_map_put(m, cb->str.s + t->off, t->len, &created);
	if (created) {
		cb->lists = xreallocarray(cb->lists, cb->nlists + 1, sizeof *cb->lists);
		memset(&cb->lists[cb->nlists], 0, sizeof *cb->lists);
		e->val = (void *)(cb->nlists++ + 1);
	}
	vec_push(&cb->lists[(size_t)e->val - 1], s);
}

void
cb_compile(cb_codebook *cb)
{
	/* Users grouped by sequence, in codebook order within each. */
	size_t np = cb->pairs.n / 2;
	uint32_t *cnt = xcalloc(cb->nseqs + 1, sizeof *cnt);
	for (size_t i = 0; i < np; i++)
		cnt[cb->pairs.v[2 * i] + 1]++;
	for (size_t s = 0; s < cb->nseqs; s++) {
		cnt[s + 1] += cnt[s];
		cb->seqs[s].u0 = cnt[s];
		cb->seqs[s].nu = cnt[s + 1] - cnt[s];
	}
	cb->users = xcalloc(np + 1, sizeof *cb->users);
	for (size_t i = 0; i < np; i++)
		cb->users[cnt[cb->pairs.v[2 * i]]++] = cb->pairs.v[2 * i + 1];
	free(cnt);
	free(cb->pairs.v);
	cb->pairs = (u32vec){ 0 };

	cb->exact = qp_map_new();
	cb->prefix = qp_map_new();
	cb->stemx = qp_map_new();
	for (size_t s = 0; s < cb->nseqs; s++) {
		const term *t = &cb->terms[cb->seqs[s].t0];
		if (t->stem) {
			index_first(cb, cb->stemx, t, (uint32_t)s);
		} else if (t->prefix) {
			index_first(cb, cb->prefix, t, (uint32_t)s);
			if (t->len > cb->maxplen)
				cb->maxplen = t->len;
		} else {
			index_first(cb, cb->exact, t, (uint32_t)s);
		}
	}
	cb->plen = xcalloc(cb->maxplen + 1, sizeof *cb->plen);
	for (size_t s = 0; s < cb->nseqs; s++) {
		const term *t = &cb->terms[cb->seqs[s].t0];
		if (t->prefix)
			cb->plen[t->len] = true;
	}
	qp_map_free(cb->seqmap);
	cb->seqmap = NULL;
}

/* ---- Matching --------------------------------------------------------- */

typedef struct {
	uint32_t pat, side;
	size_t w0, w1;
} occ;

typedef struct {
	uint32_t code;
	size_t start, end;
} span;

typedef struct {
	uint32_t off, n;        /* n: entries, | LIST_PAIRS */
} cdesc;

/*
 * The pair table: the phrases whose first two words are whole words
 * (no wildcard, no stem), by the hashes of those two words, so that a
 * word that begins dozens of phrases ("the", "my": a tenth of the
 * words of talk, fifty phrases each) costs one probe with the next
 * word's hash instead of a check of every phrase.  Such phrases are
 * left out of the word cache's lists.
 */
typedef struct {
	uint32_t tag;           /* high half of the two words' pair_key */
	uint32_t off;           /* 0: empty slot; else m->pseq[off] is the
	                         * number of phrases, their indices after it */
} pslot;

/*
 * A slot of the word cache: one cache line holds two, and a word of up
 * to 16 bytes is compared in place, so a word seen before costs one
 * hash and, as a rule, one memory access.
 */
typedef struct {
	uint32_t hash;          /* high half of the hash */
	uint32_t len;           /* 0: empty slot */
	cdesc list;             /* in m->arena */
	union {
		char k[KEY_INLINE];
		uint32_t off;   /* longer words: in m->keys */
	} key;
} vslot;

struct cb_matcher {
	const cb_codebook *cb;
	int flags;
	const char *text;
	size_t n;
	/* the words of the text and their folded forms */
	qp_word *tok;
	uint32_t *foff, *flen;
	uint64_t *th;           /* hashes of the folded words */
	size_t ntok, tokcap;
	qp_buf fold;
	/* their stems, when the codebook has stemmed terms */
	uint32_t *soff, *slen;
	uint64_t *sh;
	qp_buf sfold;
	qp_stemmer *stemmer;    /* NULL: the codebook has no stems */
	/* folded word -> its sequences */
	vslot *vt;
	size_t vmask, vcount;
	qp_buf keys;
	uint32_t *arena;
	size_t narena, acap;
	u32vec tmp;
	/* the phrases by their first two words */
	pslot *pt;
	size_t pmask;
	uint32_t *pseq;
	bool *paired;           /* per sequence: in the pair table */
	/* per text */
	uint32_t *count;
	uint32_t *touched;
	size_t ntouched;
	uint32_t *order;
	cb_hit *hits;
	size_t nhits, hcap;
	span *excl;
	size_t nexcl, ecap;
	occ *occs;
	size_t nocc, ocap;
	cb_result *res;
	size_t nres;
	cb_failure *fail;
	size_t nfail, fcap;
	/* regexes */
	pcre2_match_data *md;
	pcre2_match_context *mctx;
	pcre2_jit_stack *jit;
	qp_buf uq;
	qp_qmap qm;
};

/* The pair table's hash of the words of hashes h1 and h2. */
static inline uint64_t
pair_key(uint64_t h1, uint64_t h2)
{
	return (h1 ^ (h2 << 23 | h2 >> 41)) * 0x9E3779B97F4A7C15ULL;
}

typedef struct {
	uint64_t h1, h2;
	uint32_t s;
} pkey;

static int
cmp_pkey(const void *a, const void *b)
{
	const pkey *x = a, *y = b;
	if (x->h1 != y->h1)
		return x->h1 < y->h1 ? -1 : 1;
	if (x->h2 != y->h2)
		return x->h2 < y->h2 ? -1 : 1;
	return x->s < y->s ? -1 : x->s > y->s;
}

/* Do sequences a and b begin with the same term? */
static bool
same_first(const cb_codebook *cb, uint32_t a, uint32_t b)
{
	const term *x = &cb->terms[cb->seqs[a].t0], *y = &cb->terms[cb->seqs[b].t0];
	return x->len == y->len && memcmp(cb->str.s + x->off, cb->str.s + y->off, x->len) == 0;
}

/*
 * The pair table of m's codebook (see pslot).  Slots are 8 bytes, so
 * that the table of a codebook's thousand phrases stays in the
 * first-level cache: a slot keeps half the pair's hash, and the phrases
 * found are checked word by word.  A lookup takes the first slot of its
 * tag, so a pair whose slot would follow one of the same tag, or whose
 * phrases do not all begin with one word (hashes that collide), stays
 * out of the table: its phrases stay in the lists of the word cache.
 */
static void
build_pairs(cb_matcher *m)
{
	const cb_codebook *cb = m->cb;
	pkey *k = xcalloc(cb->nseqs + 1, sizeof *k);
	size_t nk = 0, groups = 0;

	m->paired = xcalloc(cb->nseqs + 1, sizeof *m->paired);
	for (size_t i = 0; i < cb->nseqs; i++) {
		const seq *q = &cb->seqs[i];
		const term *t = &cb->terms[q->t0];
		if (q->nt < 2 || !q->h2ok || q->h2stem || t->prefix || t->stem)
			continue;
		k[nk++] = (pkey){ qp_hash(cb->str.s + t->off, t->len), q->h2, (uint32_t)i };
		m->paired[i] = true;
	}
	qsort(k, nk, sizeof *k, cmp_pkey);
	for (size_t i = 0; i < nk; i++)
		groups += !i || k[i].h1 != k[i - 1].h1 || k[i].h2 != k[i - 1].h2;
	size_t cap = 16;
	while (cap < 2 * groups)
		cap *= 2;
	m->pt = xcalloc(cap, sizeof *m->pt);
	m->pmask = cap - 1;
	m->pseq = xcalloc(nk + groups + 1, sizeof *m->pseq);
	size_t np = 1;
	for (size_t i = 0, e; i < nk; i = e) {
		bool ok = true;
		for (e = i + 1; e < nk && k[e].h1 == k[i].h1 && k[e].h2 == k[i].h2; e++)
			ok = ok && same_first(cb, k[i].s, k[e].s);
		uint64_t key = pair_key(k[i].h1, k[i].h2);
		uint32_t tag = (uint32_t)(key >> 32);
		size_t j = key & m->pmask;
		for (; m->pt[j].off; j = (j + 1) & m->pmask)
			ok = ok && m->pt[j].tag != tag;
		if (!ok) {
			for (size_t q = i; q < e; q++)
				m->paired[k[q].s] = false;
			continue;
		}
		m->pt[j] = (pslot){ tag, (uint32_t)np };
		m->pseq[np++] = (uint32_t)(e - i);
		for (size_t q = i; q < e; q++)
			m->pseq[np++] = k[q].s;
	}
	free(k);
}

/* The phrases of the pair table that may begin with the words of hashes
 * h1 and h2 (m->pseq from the returned index: their number, then
 * them), or 0. */
static inline uint32_t
pairs_of(const cb_matcher *m, uint64_t h1, uint64_t h2)
{
	uint64_t key = pair_key(h1, h2);
	uint32_t tag = (uint32_t)(key >> 32);
	for (size_t j = key & m->pmask;; j = (j + 1) & m->pmask) {
		const pslot *p = &m->pt[j];
		if (!p->off || p->tag == tag)
			return p->off;
	}
}

cb_matcher *
cb_matcher_new(const cb_codebook *cb, int flags)
{
	cb_matcher *m = xcalloc(1, sizeof *m);
	buf_init(&m->fold);
	buf_init(&m->keys);
	buf_init(&m->uq);
	buf_init(&m->sfold);
	if (cb->has_stem)
		m->stemmer = qp_stemmer_new();
	m->cb = cb;
	m->flags = flags;
	m->vmask = 4095;
	m->vt = xcalloc(m->vmask + 1, sizeof *m->vt);
	m->count = xcalloc(cb->ncodes + 1, sizeof *m->count);
	m->touched = xcalloc(cb->ncodes + 1, sizeof *m->touched);
	m->order = xcalloc(cb->ncodes + 1, sizeof *m->order);
	m->res = xcalloc(cb->ncodes + 1, sizeof *m->res);
	build_pairs(m);
	if (cb->nregex) {
		m->md = pcre2_match_data_create(1, NULL);
		m->mctx = pcre2_match_context_create(NULL);
		m->jit = pcre2_jit_stack_create(32 * 1024, JIT_STACK_MAX, NULL);
		if (!m->md || !m->mctx)
			qp_die("out of memory");
		pcre2_set_match_limit(m->mctx, MATCH_LIMIT);
		pcre2_set_depth_limit(m->mctx, DEPTH_LIMIT);
		if (m->jit)
			pcre2_jit_stack_assign(m->mctx, NULL, m->jit);
	}
	return m;
}

void
cb_matcher_free(cb_matcher *m)
{
	if (!m)
		return;
	free(m->tok);
	free(m->foff);
	free(m->flen);
	free(m->th);
	buf_free(&m->fold);
	free(m->soff);
	free(m->slen);
	free(m->sh);
	buf_free(&m->sfold);
	qp_stemmer_free(m->stemmer);
	free(m->vt);
	buf_free(&m->keys);
	free(m->arena);
	free(m->tmp.v);
	free(m->pt);
	free(m->pseq);
	free(m->paired);
	free(m->count);
	free(m->touched);
	free(m->order);
	free(m->hits);
	free(m->excl);
	free(m->occs);
	free(m->res);
	free(m->fail);
	pcre2_match_data_free(m->md);
	pcre2_match_context_free(m->mctx);
	pcre2_jit_stack_free(m->jit);
	buf_free(&m->uq);
	qp_qmap_free(&m->qm);
	free(m);
}

/* Word i's stem, s[0..n) with hash h, as its stem from now on. */
static inline void
set_stem(cb_matcher *m, size_t i, const char *s, size_t n, uint64_t h)
{
	m->soff[i] = (uint32_t)m->sfold.len;
	m->slen[i] = (uint32_t)n;
	m->sh[i] = h;
	buf_add(&m->sfold, s, n);
}

/* The stem a cached list holds before it (STEM_HDR). */
static inline void
stem_from_list(cb_matcher *m, size_t i, cdesc d)
{
	const uint32_t *h = m->arena + d.off - STEM_HDR;
	set_stem(m, i, m->keys.s + h[0], h[1], (uint64_t)h[3] << 32 | h[2]);
}

static inline const vslot *probe(const cb_matcher *m, size_t wi);

/*
 * Word i's stem, when first asked for (by a phrase whose later words are
 * stems, or by resolve): from the word cache if the word is there, where
 * its stem was kept when it was first seen, else from the stemmer.  The
 * cache is only looked at: adding to it could start it afresh under the
 * list the scan walks.  Most words are never asked.
 */
static void
stem_word(cb_matcher *m, size_t i)
{
	const vslot *v = m->flen[i] ? probe(m, i) : NULL;
	if (v) {
		stem_from_list(m, i, v->list);
	} else {
		size_t sl;
		const char *st = qp_stem(m->stemmer, m->fold.s + m->foff[i], m->flen[i], &sl);
		set_stem(m, i, st, sl, qp_hash(st, sl));
	}
}

/* Bytes of slack the fold buffer keeps after its last word, so that a
 * word's 8-byte chunks can be stored whole and the cache's 16-byte keys
 * compared by loads (same_key). */
#define FOLD_SLACK 16

#define ONES 0x0101010101010101ULL
#define HIGH 0x8080808080808080ULL

/* The ASCII bytes of v lowered, eight at a time (a byte gains 0x20 where
 * it is 'A' to 'Z': where b + 0x3F sets the high bit and b + 0x25 does
 * not; no byte of an ASCII chunk carries into the next). */
static inline uint64_t
lower8(uint64_t v)
{
	uint64_t upper = (v + 0x3F * ONES) & ~(v + 0x25 * ONES) & HIGH;
	return v | upper >> 2;
}

static inline void
store64le(char *d, uint64_t v)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	v = __builtin_bswap64(v);
#endif
	memcpy(d, &v, 8);
}

/*
 * The word s[0..len), which ends at most avail bytes from s's end of
 * text, folded into d (room for len + 8 bytes) when it is ASCII, a chunk
 * of 8 bytes at a time, and hashed on the way (map.h: the chunks are
 * qp_hash's, so *h is qp_hash of the folded word); false, and d and *h
 * undefined, when it is not ASCII.  Nearly every word of English talk is
 * ASCII: bytewise folding, and qp_hash reading back the bytes just
 * stored, were a fifth of the matcher.
 */
static inline bool
fold_ascii(const unsigned char *s, size_t len, size_t avail, char *d, uint64_t *h)
{
	uint64_t x = QP_HASH_INIT, v;
	size_t k = 0;
	for (; k + 8 <= len; k += 8) {
		v = qp_load64le(s + k);
		if (v & HIGH)
			return false;
		v = lower8(v);
		store64le(d + k, v);
		x = qp_hash_chunk(x, v);
	}
	size_t r = len - k;
	v = 0;
	if (r && k + 8 <= avail) {
		v = qp_load64le(s + k) & ((1ULL << (8 * r)) - 1);
	} else {
		for (size_t i = 0; i < r; i++)
			v |= (uint64_t)s[k + i] << (8 * i);
	}
	if (v & HIGH)
		return false;
	v = lower8(v);
	store64le(d + k, v);
	*h = qp_hash_end(x, v, len);
	return true;
}

static void
tokenize(cb_matcher *m)
{
	qp_words w;
	qp_word t;

	m->ntok = 0;
	buf_reset(&m->fold);
	buf_reset(&m->sfold);
	/* an ASCII word folds to as many bytes, and its last chunk is
	 * stored whole: room for the text and a chunk */
	buf_grow(&m->fold, m->n + FOLD_SLACK);
	words_init(&w, m->text, m->n);
	while (words_next(&w, &t)) {
		if (m->ntok == m->tokcap) {
			m->tokcap = m->tokcap ? m->tokcap * 2 : 256;
			m->tok = xreallocarray(m->tok, m->tokcap, sizeof *m->tok);
			m->foff = xreallocarray(m->foff, m->tokcap, sizeof *m->foff);
			m->flen = xreallocarray(m->flen, m->tokcap, sizeof *m->flen);
			m->th = xreallocarray(m->th, m->tokcap, sizeof *m->th);
			if (m->stemmer) {
				m->soff = xreallocarray(m->soff, m->tokcap, sizeof *m->soff);
				m->slen = xreallocarray(m->slen, m->tokcap, sizeof *m->slen);
				m->sh = xreallocarray(m->sh, m->tokcap, sizeof *m->sh);
			}
		}
		const unsigned char *s = (const unsigned char *)m->text + t.off;
		size_t off = m->fold.len;
		uint64_t h;
		if (m->fold.cap - off > t.len + 8 &&
		    fold_ascii(s, t.len, m->n - t.off, m->fold.s + off, &h)) {
			m->fold.len += t.len;
			m->fold.s[m->fold.len] = '\0';
		} else {
			utf8_fold((const char *)s, t.len, &m->fold);
			h = qp_hash(m->fold.s + off, m->fold.len - off);
		}
		m->tok[m->ntok] = t;
		m->foff[m->ntok] = (uint32_t)off;
		m->flen[m->ntok] = (uint32_t)(m->fold.len - off);
		m->th[m->ntok] = h;
		if (m->stemmer)
			m->slen[m->ntok] = UINT32_MAX;  /* not stemmed yet */
		m->ntok++;
	}
	buf_grow(&m->fold, FOLD_SLACK);
}

static int
cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

static inline const char *
vkey(const cb_matcher *m, const vslot *v)
{
	return v->len <= KEY_INLINE ? v->key.k : m->keys.s + v->key.off;
}

static void
vgrow(cb_matcher *m)
{
	size_t cap = (m->vmask + 1) * 2;
	vslot *nt = xcalloc(cap, sizeof *nt);
	for (size_t i = 0; i <= m->vmask; i++) {
		const vslot *v = &m->vt[i];
		if (!v->len)
			continue;
		size_t j = qp_hash(vkey(m, v), v->len) & (cap - 1);
		while (nt[j].len)
			j = (j + 1) & (cap - 1);
		nt[j] = *v;
	}
	free(m->vt);
	m->vt = nt;
	m->vmask = cap - 1;
}

/* Append to m->tmp the sequences map lists under w[0..len) but those
 * of the pair table; true if there were some of those. */
static bool
take_list(cb_matcher *m, const qp_map *map, const char *w, size_t len)
{
	qp_entry *x = qp_map_get(map, w, len);
	bool pairs = false;
	if (!x)
		return false;
	const u32vec *l = &m->cb->lists[(size_t)x->val - 1];
	for (size_t i = 0; i < l->n; i++) {
		if (m->paired[l->v[i]])
			pairs = true;
		else
			vec_push(&m->tmp, l->v[i]);
	}
	return pairs;
}

/*
 * LIWC: a word belongs to its most specific entry only.  Of the one-word
 * sequences in m->tmp, keep the best (an exact word beats a prefix, a
 * longer prefix a shorter one, the first of equals stays); sequences of
 * more words are phrases and stay.
 */
static void
keep_most_specific(cb_matcher *m)
{
	const cb_codebook *cb = m->cb;
	long best = -1;

	for (size_t i = 0; i < m->tmp.n; i++) {
		const seq *s = &cb->seqs[m->tmp.v[i]];
		if (s->nt != 1)
			continue;
		const term *t = &cb->terms[s->t0];
		if (best < 0)
			best = (long)i;
		else {
			const term *bt = &cb->terms[cb->seqs[m->tmp.v[best]].t0];
			if ((bt->prefix && !t->prefix) ||
			    (bt->prefix == t->prefix && t->len > bt->len))
				best = (long)i;
		}
	}
	size_t k = 0;
	for (size_t i = 0; i < m->tmp.n; i++)
		if (cb->seqs[m->tmp.v[i]].nt != 1 || (long)i == best)
			m->tmp.v[k++] = m->tmp.v[i];
	m->tmp.n = k;
}

/*
 * A one-word sequence whose users are all patterns of codes without
 * exclusions needs no more than its codes counted: the cache keeps
 * those codes themselves (ACT_CODE), after the sequences, and the scan
 * touches nothing else.  Not when hits are kept: they need the pattern.
 */
static void
direct_codes(cb_matcher *m)
{
	const cb_codebook *cb = m->cb;
	size_t n0 = m->tmp.n;

	for (size_t i = 0; i < n0; i++) {
		const seq *s = &cb->seqs[m->tmp.v[i]];
		bool direct = s->nt == 1;
		for (uint32_t u = 0; u < s->nu && direct; u++) {
			uint32_t user = cb->users[s->u0 + u];
			direct = USER_ROLE(user) == ROLE_PAT &&
			         !cb->codes[cb->pats[USER_IDX(user)].code].has_excl;
		}
		if (!direct)
			continue;
		for (uint32_t u = 0; u < s->nu; u++)
			vec_push(&m->tmp, ACT_CODE |
			         cb->pats[USER_IDX(cb->users[s->u0 + u])].code);
		m->tmp.v[i] = ACT_NONE;
	}
	size_t k = 0;
	for (size_t i = 0; i < m->tmp.n; i++)
		if (m->tmp.v[i] != ACT_NONE)
			m->tmp.v[k++] = m->tmp.v[i];
	m->tmp.n = k;
}

/* m->tmp, copied into the arena the cache's lists live in.  With stems,
 * the list is preceded by STEM_HDR words: the word's stem, hdr. */
static cdesc
store_list(cb_matcher *m, const uint32_t *hdr)
{
	cdesc d = { 0, 0 };
	size_t nh = hdr ? STEM_HDR : 0;
	if (m->tmp.n || hdr) {
		if (m->narena + nh + m->tmp.n > m->acap) {
			m->acap = (m->narena + nh + m->tmp.n) * 2;
			m->arena = xreallocarray(m->arena, m->acap, sizeof *m->arena);
		}
		if (hdr)
			memcpy(m->arena + m->narena, hdr, nh * sizeof *m->arena);
		m->narena += nh;
		if (m->tmp.n)
			memcpy(m->arena + m->narena, m->tmp.v, m->tmp.n * sizeof *m->arena);
		d = (cdesc){ (uint32_t)m->narena, (uint32_t)m->tmp.n };
		m->narena += m->tmp.n;
	}
	return d;
}

/* The sequences that may start at word i, w[0..len), computed on first
 * sight: the exact ones, those of its stem, then those of each prefix
 * length any wildcard has. */
static cdesc
resolve(cb_matcher *m, const char *w, size_t len, size_t i)
{
	const cb_codebook *cb = m->cb;
	uint32_t hdr[STEM_HDR];

	m->tmp.n = 0;
	bool pairs = take_list(m, cb->exact, w, len);
	if (m->stemmer) {
		if (m->slen[i] == UINT32_MAX)
			stem_word(m, i);
		const char *st = m->sfold.s + m->soff[i];
		if (m->slen[i])
			take_list(m, cb->stemx, st, m->slen[i]);
		hdr[0] = (uint32_t)m->keys.len;
		hdr[1] = m->slen[i];
		hdr[2] = (uint32_t)m->sh[i];
		hdr[3] = (uint32_t)(m->sh[i] >> 32);
		buf_add(&m->keys, st, m->slen[i]);
	}
	size_t top = len < cb->maxplen ? len : cb->maxplen;
	for (size_t L = 1; L <= top; L++)
		if (cb->plen[L])
			take_list(m, cb->prefix, w, L);
	if (cb->dic && m->tmp.n > 1)
		keep_most_specific(m);
	if (m->tmp.n > 1)
		qsort(m->tmp.v, m->tmp.n, sizeof *m->tmp.v, cmp_u32);
	if (!(m->flags & CB_KEEP_HITS))
		direct_codes(m);
	cdesc d = store_list(m, m->stemmer ? hdr : NULL);
	if (pairs)
		d.n |= LIST_PAIRS;
	return d;
}

/* Word wi, not in the cache: resolved and added (the cache may start
 * afresh first).  Out of line: the hit is the hot path and stays small
 * enough to inline. */
static cdesc
lookup_miss(cb_matcher *m, size_t wi)
{
	const char *w = m->fold.s + m->foff[wi];
	size_t len = m->flen[wi];
	uint64_t h = m->th[wi];
	uint32_t h32 = (uint32_t)(h >> 32);

	if (m->vcount >= CACHE_MAX || m->keys.len + len > CACHE_BYTES ||
	    m->narena > CACHE_BYTES / sizeof *m->arena) {
		/* Start afresh: memory stays bounded whatever the input. */
		memset(m->vt, 0, (m->vmask + 1) * sizeof *m->vt);
		m->vcount = 0;
		m->narena = 0;
		buf_reset(&m->keys);
	}
	cdesc d = resolve(m, w, len, wi);
	if (2 * (m->vcount + 1) > m->vmask + 1)
		vgrow(m);
	size_t i = h & m->vmask;
	while (m->vt[i].len)
		i = (i + 1) & m->vmask;
	vslot *v = &m->vt[i];
	v->hash = h32;
	v->len = (uint32_t)len;
	v->list = d;
	if (len <= KEY_INLINE) {
		memcpy(v->key.k, w, len);
	} else {
		v->key.off = (uint32_t)m->keys.len;
		buf_add(&m->keys, w, len);
	}
	m->vcount++;
	return d;
}

/* Is the key of v, of len bytes, w[0..len)?  A key kept in its slot
 * has zero bytes after it, and w is in the fold buffer, whose slack
 * (FOLD_SLACK) lets 16 bytes be read from any word: two loads, masked
 * to the word, instead of a call to memcmp. */
static inline bool
same_key(const cb_matcher *m, const vslot *v, const char *w, size_t len)
{
	if (len > KEY_INLINE)
		return memcmp(m->keys.s + v->key.off, w, len) == 0;
	uint64_t lo = len >= 8 ? ~0ULL : (1ULL << (8 * len)) - 1;
	uint64_t hi = len <= 8 ? 0 : len >= 16 ? ~0ULL : (1ULL << (8 * (len - 8))) - 1;
	return ((qp_load64le(w) & lo) ^ qp_load64le(v->key.k)) == 0 &&
	       ((qp_load64le(w + 8) & hi) ^ qp_load64le(v->key.k + 8)) == 0;
}

/* Word i's slot in the word cache, or NULL. */
static inline const vslot *
probe(const cb_matcher *m, size_t wi)
{
	const char *w = m->fold.s + m->foff[wi];
	size_t len = m->flen[wi];
	uint64_t h = m->th[wi];
	uint32_t h32 = (uint32_t)(h >> 32);
	size_t i = h & m->vmask;

	for (;;) {
		const vslot *v = &m->vt[i];
		if (!v->len)
			return NULL;
		if (v->hash == h32 && v->len == len && same_key(m, v, w, len))
			return v;
		i = (i + 1) & m->vmask;
	}
}

/* What word i starts: the cache keeps it by the folded word, of which
 * its stem is a function, so that the stem need not be part of the key. */
static inline cdesc
lookup(cb_matcher *m, size_t wi)
{
	if (m->flen[wi] == 0)   /* a word of marks only folds to nothing */
		return (cdesc){ 0, 0 };
	const vslot *v = probe(m, wi);
	return v ? v->list : lookup_miss(m, wi);
}

static inline void
count_hit(cb_matcher *m, uint32_t c)
{
	if (m->count[c]++ == 0)
		m->touched[m->ntouched++] = c;
}

static inline size_t
word_end(const cb_matcher *m, size_t w)
{
	return m->tok[w].off + m->tok[w].len;
}

static void
push_hit(cb_matcher *m, uint32_t p, size_t start, size_t end, size_t w0, size_t w1)
{
	XGROW(m->hits, m->nhits, m->hcap);
	m->hits[m->nhits++] = (cb_hit){ p, m->cb->pats[p].code, start, end, 0, w0, w1 };
}

/* The words of s after the first against those from word i + 1 on. */
#ifdef __GNUC__
__attribute__((noinline))
#endif
static bool
seq_rest_stem(cb_matcher *m, const seq *s, size_t i)
{
	const cb_codebook *cb = m->cb;
	for (uint32_t k = 1; k < s->nt; k++) {
		const term *t = &cb->terms[s->t0 + k];
		if (t->stem && m->slen[i + k] == UINT32_MAX)
			stem_word(m, i + k);
		const qp_buf *b = t->stem ? &m->sfold : &m->fold;
		size_t fl = (t->stem ? m->slen : m->flen)[i + k];
		size_t fo = (t->stem ? m->soff : m->foff)[i + k];
		if (t->prefix ? fl < t->len : fl != t->len)
			return false;
		if (memcmp(b->s + fo, cb->str.s + t->off, t->len) != 0)
			return false;
	}
	return true;
}

/* seq_at for a codebook with stems: the second word's hash first, of
 * its stem or of the word as the term is. */
#ifdef __GNUC__
__attribute__((always_inline))
#endif
static inline bool
seq_at_stem(cb_matcher *m, const seq *s, size_t i)
{
	if (s->h2stem && m->slen[i + 1] == UINT32_MAX)
		stem_word(m, i + 1);
	if (s->h2ok && (s->h2stem ? m->sh : m->th)[i + 1] != s->h2)
		return false;
	return seq_rest_stem(m, s, i);
}

/* Does the sequence match at word i?  stems is a constant (see
 * scan_words). */
static inline bool
seq_at(cb_matcher *m, const seq *s, size_t i, bool stems)
{
	const cb_codebook *cb = m->cb;
	if (i + s->nt > m->ntok)
		return false;
	if (stems)              /* it does sequences without stems right too */
		return seq_at_stem(m, s, i);
	if (s->h2ok && m->th[i + 1] != s->h2)
		return false;
	for (uint32_t k = 1; k < s->nt; k++) {
		const term *t = &cb->terms[s->t0 + k];
		size_t fl = m->flen[i + k];
		if (t->prefix ? fl < t->len : fl != t->len)
			return false;
		if (memcmp(m->fold.s + m->foff[i + k], cb->str.s + t->off, t->len) != 0)
			return false;
	}
	return true;
}

/* Sequence s matched at word i: what each of its users makes of it. */
static inline void
seq_found(cb_matcher *m, const seq *s, size_t i, bool keep)
{
	const cb_codebook *cb = m->cb;
	size_t e = i + s->nt - 1;
	for (uint32_t u = 0; u < s->nu; u++) {
		uint32_t user = cb->users[s->u0 + u];
		uint32_t idx = USER_IDX(user);
		switch (USER_ROLE(user)) {
		case ROLE_PAT: {
			uint32_t c = cb->pats[idx].code;
			if (!keep && !cb->codes[c].has_excl)
				count_hit(m, c);
			else
				push_hit(m, idx, m->tok[i].off, word_end(m, e), i, e);
			break;
		}
		case ROLE_NEAR_A:
		case ROLE_NEAR_B:
			XGROW(m->occs, m->nocc, m->ocap);
			m->occs[m->nocc++] = (occ){ idx, USER_ROLE(user), i, e };
			break;
		case ROLE_EXCL:
			XGROW(m->excl, m->nexcl, m->ecap);
			m->excl[m->nexcl++] = (span){ idx, m->tok[i].off, word_end(m, e) };
			break;
		}
	}
}

/*
 * The scan, made twice by the compiler from this one text: for a
 * codebook without stems (stems false) it is the scan there was before
 * stemming, branch for branch.
 */
#ifdef __GNUC__
__attribute__((always_inline))
#endif
static inline void
scan_words_with(cb_matcher *m, bool stems)
{
	const cb_codebook *cb = m->cb;
	bool keep = m->flags & CB_KEEP_HITS;

	for (size_t i = 0; i < m->ntok; i++) {
#ifdef __GNUC__
		/* The slot and then its list are cache misses as a rule: ask
		 * for the slot early, and for the list once the slot is near. */
		if (i + 2 * PREFETCH < m->ntok)
			__builtin_prefetch(&m->vt[m->th[i + 2 * PREFETCH] & m->vmask]);
		if (i + PREFETCH < m->ntok) {
			const vslot *v = &m->vt[m->th[i + PREFETCH] & m->vmask];
			/* a list of pairs alone has no entries in the arena,
			 * which may not exist yet */
			if (v->list.n & ~LIST_PAIRS)
				__builtin_prefetch(&m->arena[v->list.off]);
		}
#endif
		cdesc d = lookup(m, i);
		uint32_t n = d.n & ~LIST_PAIRS;
		for (uint32_t j = 0; j < n; j++) {
			uint32_t a = m->arena[d.off + j];
			if (a & ACT_CODE) {
				count_hit(m, a & ~ACT_CODE);
				continue;
			}
			const seq *s = &cb->seqs[a];
			if (s->nt > 1 && !seq_at(m, s, i, stems))
				continue;
			seq_found(m, s, i, keep);
		}
		if (!(d.n & LIST_PAIRS) || i + 1 >= m->ntok)
			continue;
		uint32_t p = pairs_of(m, m->th[i], m->th[i + 1]);
		if (!p)
			continue;
		/* the hashes found them: their first word must be word i */
		const seq *s = &cb->seqs[m->pseq[p + 1]];
		const term *t = &cb->terms[s->t0];
		if (m->flen[i] != t->len ||
		    memcmp(m->fold.s + m->foff[i], cb->str.s + t->off, t->len) != 0)
			continue;
		for (uint32_t j = 1; j <= m->pseq[p]; j++) {
			s = &cb->seqs[m->pseq[p + j]];
			if (seq_at(m, s, i, stems))
				seq_found(m, s, i, keep);
		}
	}
}

static void
scan_words(cb_matcher *m)
{
	if (m->stemmer)
		scan_words_with(m, true);
	else
		scan_words_with(m, false);
}

static bool
excluded(const cb_matcher *m, uint32_t c, size_t start, size_t end)
{
	if (!m->cb->codes[c].has_excl)
		return false;
	for (size_t i = 0; i < m->nexcl; i++)
		if (m->excl[i].code == c && m->excl[i].start <= start && end <= m->excl[i].end)
			return true;
	return false;
}

static int
cmp_occ(const void *a, const void *b)
{
	const occ *x = a, *y = b;
	if (x->pat != y->pat)
		return x->pat < y->pat ? -1 : 1;
	if (x->w0 != y->w0)
		return x->w0 < y->w0 ? -1 : 1;
	if (x->side != y->side)
		return x->side < y->side ? -1 : 1;
	return x->w1 < y->w1 ? -1 : x->w1 > y->w1;
}

/*
 * Near: left to right, each occurrence of one side takes the first
 * occurrence of the other side that starts after it ends and at most N
 * words on; a hit's words are not used again.
 */
static void
scan_near(cb_matcher *m)
{
	const cb_codebook *cb = m->cb;
	bool keep = m->flags & CB_KEEP_HITS;

	if (m->nocc == 0)
		return;
	qsort(m->occs, m->nocc, sizeof *m->occs, cmp_occ);
	for (size_t i = 0; i < m->nocc; i++) {
		const occ *o = &m->occs[i];
		const pattern *p = &cb->pats[o->pat];
		if (excluded(m, p->code, m->tok[o->w0].off, word_end(m, o->w1)))
			continue;
		for (size_t j = i + 1; j < m->nocc && m->occs[j].pat == o->pat; j++) {
			const occ *q = &m->occs[j];
			if (q->w0 <= o->w1 || q->side == o->side)
				continue;
			if (q->w0 - o->w1 > p->near)
				break;
			if (excluded(m, p->code, m->tok[q->w0].off, word_end(m, q->w1)))
				continue;
			size_t st = m->tok[o->w0].off, en = word_end(m, q->w1);
			size_t w1 = q->w1;
			if (!keep && !cb->codes[p->code].has_excl)
				count_hit(m, p->code);
			else
				push_hit(m, o->pat, st, en, o->w0, w1);
			/* Skip what the hit used. */
			while (i + 1 < m->nocc && m->occs[i + 1].pat == o->pat &&
			       m->occs[i + 1].w0 <= w1)
				i++;
			break;
		}
	}
}

static void
add_failure(cb_matcher *m, uint32_t p, int err)
{
	XGROW(m->fail, m->nfail, m->fcap);
	m->fail[m->nfail++] = (cb_failure){ p, err };
}

static void
scan_regex(cb_matcher *m)
{
	const cb_codebook *cb = m->cb;
	bool keep = m->flags & CB_KEEP_HITS;
	const char *s = m->text;
	size_t n = m->n;
	bool mapped = qp_unquote(m->text, m->n, &m->uq, &m->qm);

	if (mapped) {
		s = m->uq.s;
		n = m->uq.len;
	}
	for (size_t r = 0; r < cb->nregex; r++) {
		uint32_t pi = cb->regexes[r];
		const pattern *p = &cb->pats[pi];
		bool direct = !keep && !cb->codes[p->code].has_excl;
		size_t saved = m->nhits, found = 0, at = 0;
		int rc;
		for (;;) {
			rc = pcre2_match(p->re, (PCRE2_SPTR)s, n, at, PCRE2_NO_UTF_CHECK,
			                 m->md, m->mctx);
			if (rc < 0)
				break;
			PCRE2_SIZE *ov = pcre2_get_ovector_pointer(m->md);
			size_t ms = ov[0], me = ov[1];
			if (me <= ms) {
				/* An empty match is no hit; step over one character. */
				if (ms >= n) {
					rc = PCRE2_ERROR_NOMATCH;
					break;
				}
				int32_t cp;
				at = ms + utf8_decode(s + ms, &cp);
				continue;
			}
			if (mapped) {
				ms = qp_qmap_back(&m->qm, ms);
				me = qp_qmap_back(&m->qm, me);
			}
			if (direct)
				found++;
			else
				push_hit(m, pi, ms, me, 1, 0);
			at = ov[1];
		}
		if (rc != PCRE2_ERROR_NOMATCH) {
			m->nhits = saved;
			add_failure(m, pi, rc);
			continue;
		}
		for (size_t k = 0; k < found; k++)
			count_hit(m, p->code);
	}
}

static int
cmp_res(const void *a, const void *b)
{
	const cb_result *x = a, *y = b;
	if (x->hits != y->hits)
		return x->hits > y->hits ? -1 : 1;
	return x->code < y->code ? -1 : x->code > y->code;
}

static int
cmp_hit(const void *a, const void *b)
{
	const cb_hit *x = a, *y = b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->pattern != y->pattern)
		return x->pattern < y->pattern ? -1 : 1;
	return x->end < y->end ? -1 : x->end > y->end;
}

/*
 * The assigned codes by descending hits, ties in codebook order.  A LIWC
 * dictionary assigns dozens of codes to every segment, so this avoids
 * qsort: codes are taken in codebook order (from a walk over all codes
 * when they are few, else by sorting the touched ones), then placed by a
 * counting sort on the hits, which keeps that order among equals.
 */
static void
collect_results(cb_matcher *m)
{
	const cb_codebook *cb = m->cb;
	uint32_t *order = m->order;    /* the assigned codes, in codebook order */
	uint32_t maxh = 0;
	size_t n = 0;

	if (m->ntouched == 0)
		return;
	if (cb->ncodes <= 8 * m->ntouched) {
		for (uint32_t c = 0; c < cb->ncodes; c++)
			if (m->count[c] && m->count[c] >= cb->codes[c].min)
				order[n++] = c;
	} else {
		qsort(m->touched, m->ntouched, sizeof *m->touched, cmp_u32);
		for (size_t i = 0; i < m->ntouched; i++) {
			uint32_t c = m->touched[i];
			if (m->count[c] >= cb->codes[c].min)
				order[n++] = c;
		}
	}
	for (size_t i = 0; i < n; i++)
		if (m->count[order[i]] > maxh)
			maxh = m->count[order[i]];
	if (maxh <= 256) {
		uint32_t start[258];
		memset(start, 0, (maxh + 2) * sizeof *start);
		for (size_t i = 0; i < n; i++)
			start[maxh - m->count[order[i]] + 1]++;
		for (uint32_t h = 1; h <= maxh + 1; h++)
			start[h] += start[h - 1];
		for (size_t i = 0; i < n; i++) {
			uint32_t c = order[i];
			m->res[start[maxh - m->count[c]]++] = (cb_result){ c, m->count[c] };
		}
	} else {
		for (size_t i = 0; i < n; i++)
			m->res[i] = (cb_result){ order[i], m->count[order[i]] };
		qsort(m->res, n, sizeof *m->res, cmp_res);
	}
	m->nres = n;
}

/* First word that ends after byte b. */
static size_t
word_after(const cb_matcher *m, size_t b)
{
	size_t lo = 0, hi = m->ntok;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (word_end(m, mid) <= b)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* First word that starts at or after byte b. */
static size_t
word_from(const cb_matcher *m, size_t b)
{
	size_t lo = 0, hi = m->ntok;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (m->tok[mid].off < b)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The hits held back for their exclusions, or kept for the caller:
 * those no exclusion of their code covers count, the others go. */
static void
settle_hits(cb_matcher *m)
{
	size_t k = 0;
	for (size_t i = 0; i < m->nhits; i++) {
		cb_hit *h = &m->hits[i];
		if (excluded(m, h->code, h->start, h->end))
			continue;
		count_hit(m, h->code);
		m->hits[k++] = *h;
	}
	m->nhits = k;
}

/* With CB_KEEP_HITS, once the codes are known: the hits of assigned
 * codes only, in text order, with their code point offsets and, for
 * regex hits, the words they cover. */
static void
finish_hits(cb_matcher *m)
{
	const cb_codebook *cb = m->cb;
	size_t k = 0;

	for (size_t i = 0; i < m->nhits; i++) {
		const cb_hit *h = &m->hits[i];
		if (m->count[h->code] >= cb->codes[h->code].min)
			m->hits[k++] = *h;
	}
	m->nhits = k;
	if (k > 1)
		qsort(m->hits, k, sizeof *m->hits, cmp_hit);
	/* Code point offsets, in one walk over the text. */
	size_t b = 0, cp = 0;
	for (size_t i = 0; i < k; i++) {
		cb_hit *h = &m->hits[i];
		for (; b < h->start; b++)
			cp += ((unsigned char)m->text[b] & 0xC0) != 0x80;
		h->cp_off = cp;
		if (h->w0 > h->w1) {      /* a regex hit: find its words */
			size_t a = word_after(m, h->start);
			size_t z = word_from(m, h->end);
			if (z > a) {
				h->w0 = a;
				h->w1 = z - 1;
			}
		}
	}
}

size_t
cb_match(cb_matcher *m, const char *text, size_t n)
{
	const cb_codebook *cb = m->cb;

	if (n > UINT32_MAX / 2)
		qp_die("a text of more than 2 GiB cannot be coded");
	m->text = text;
	m->n = n;
	m->nhits = m->nexcl = m->nocc = m->nres = m->nfail = 0;
	tokenize(m);
	scan_words(m);
	if (cb->nnear)
		scan_near(m);
	if (cb->nregex)
		scan_regex(m);
	settle_hits(m);
	collect_results(m);
	if (m->flags & CB_KEEP_HITS)
		finish_hits(m);
	else
		m->nhits = 0;

	for (size_t i = 0; i < m->ntouched; i++)
		m->count[m->touched[i]] = 0;
	m->ntouched = 0;
	return m->nres;
}

const cb_result *
cb_results(const cb_matcher *m, size_t *n)
{
	*n = m->nres;
	return m->res;
}

const cb_hit *
cb_hits(const cb_matcher *m, size_t *n)
{
	*n = m->nhits;
	return m->hits;
}

const cb_failure *
cb_failures(const cb_matcher *m, size_t *n)
{
	*n = m->nfail;
	return m->fail;
}

cb_words
cb_last_words(const cb_matcher *m)
{
	return (cb_words){ m->fold.s, m->foff, m->flen, m->th, m->ntok };
}

void
cb_context(const cb_matcher *m, const cb_hit *h, size_t nwords,
           size_t *start, size_t *end)
{
	*start = h->start;
	*end = h->end;
	if (nwords == 0)
		return;
	size_t first = word_after(m, h->start);    /* words not before the hit */
	size_t after = word_from(m, h->end);       /* words after it */
	if (first > 0) {
		size_t l = first >= nwords ? first - nwords : 0;
		if (m->tok[l].off < *start)
			*start = m->tok[l].off;
	}
	if (after < m->ntok) {
		size_t r = after + nwords - 1 < m->ntok ? after + nwords - 1 : m->ntok - 1;
		if (word_end(m, r) > *end)
			*end = word_end(m, r);
	}
}
