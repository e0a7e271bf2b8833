/*
 * textfeat.c: stems, stem pairs and their buckets (textfeat.h).
 *
 * match-theme --model runs this on every word of its input, so both
 * tables here are specialised rather than lib/map.h's: the word cache is
 * keyed by a hash of the folded word that costs no pass of its own (from
 * a text, FNV-1a made while the word is folded; from a matcher's words,
 * qp_feat_words, the qp_hash the matcher made for its own cache), and a
 * text's features are counted in a small table sized to the text, which
 * stays in the first-level cache, instead of an array over all 2^18
 * buckets.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "qp.h"
#include "stem.h"
#include "textfeat.h"
#include "utf8.h"
#include "xalloc.h"

#define FNV_OFFSET 14695981039346656037ULL
#define FNV_PRIME 1099511628211ULL

/* Bytes of a word or stem kept in its cword rather than in x->keys or
 * x->stems: nearly every word, so that a word seen before is one cache
 * line (a cword is 64 bytes, and the array is aligned to 64). */
#define WORD_INLINE 16

/* Bytes of a cached word: in place, or longer ones at off in a buffer. */
typedef union {
	char b[WORD_INLINE];
	size_t off;
} cbytes;

/* A word seen before: its folded form, its stem, the hashes made from it. */
typedef struct {
	uint64_t key;           /* the folded word's hash (x->kind) */
	uint64_t pre;           /* FNV-1a state after "stem " */
	uint32_t uni;           /* the stem's bucket */
	uint32_t klen, slen;    /* bytes of the folded word and of the stem */
	cbytes k, s;            /* the word (longer: in x->keys), the stem
	                         * (x->stems) */
} cword;

/* A slot of the word cache: the high half of the word's hash, so that
 * a probe rarely reads the word itself, and its index + 1 in words (0:
 * empty). */
typedef struct {
	uint32_t tag, ix;
} wslot_t;

/* A feature of the current text while it is counted. */
typedef struct {
	uint32_t id;
	uint32_t count;
	uint32_t slot;          /* its place in fslot, cleared after the text */
	uint32_t a, b;          /* the words that named it first (index in
	                         * words; b UINT32_MAX for a single stem) */
	size_t noff;            /* its name in x->names; SIZE_MAX: not made */
} tfeat;

/* A slot of the text's feature table: the bucket, and the feature's
 * index + 1 in tf (0: empty). */
typedef struct {
	uint32_t id, ix;
} fslot_t;

/* 1 + ln(count) of the counts below it, made once by the same formula. */
#define LOG_TABLE 64

struct qp_featx {
	bool keep_names;
	qp_stemmer *st;
	/* index + 1 in words, 0 = empty; wmask + 1 slots, at least twice
	 * nwords: it grows with the vocabulary, so that a study's few
	 * thousand words probe a table that stays in the processor's cache */
	wslot_t *wslot;
	size_t wmask;
	/* what the words are keyed by: the two entry points' hashes differ,
	 * and a change from one to the other starts the cache afresh */
	enum { KEY_NONE, KEY_FNV, KEY_QP } kind;
	cword *words;           /* in wmem, aligned */
	void *wmem;
	size_t nwords, wcap;    /* wcap a power of 2, QP_FEAT_CACHE or more */
	qp_buf keys, stems, fold, names;
	fslot_t *fslot;         /* the text's features */
	size_t fmask, fcap;
	double logc[LOG_TABLE];
	tfeat *tf;
	qp_feat *out;
	size_t ntf, cap;
};

static uint64_t
fnv_add(uint64_t h, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	for (size_t i = 0; i < n; i++) {
		h ^= u[i];
		h *= FNV_PRIME;
	}
	return h;
}

static uint32_t
bucket_of(uint64_t h)
{
	return (uint32_t)((h ^ (h >> 32)) & (QP_FEAT_BUCKETS - 1)) + 1;
}

uint32_t
qp_feat_bucket(const char *s, size_t n)
{
	return bucket_of(fnv_add(FNV_OFFSET, s, n));
}

/* Room for wcap words, the array aligned to a cache line. */
static void
alloc_words(qp_featx *x)
{
	free(x->wmem);
	x->wmem = xcalloc(x->wcap + 1, sizeof *x->words);
	x->words = (cword *)(((uintptr_t)x->wmem + 63) & ~(uintptr_t)63);
}

static inline const char *
ckey(const qp_featx *x, const cword *c)
{
	return c->klen <= WORD_INLINE ? c->k.b : x->keys.s + c->k.off;
}

static inline const char *
cstem(const qp_featx *x, const cword *c)
{
	return c->slen <= WORD_INLINE ? c->s.b : x->stems.s + c->s.off;
}

qp_featx *
qp_feat_new(bool names)
{
	qp_featx *x = xcalloc(1, sizeof *x);
	x->keep_names = names;
	x->st = qp_stemmer_new();
	x->wcap = QP_FEAT_CACHE;
	x->wmask = 1023;
	x->wslot = xcalloc(x->wmask + 1, sizeof *x->wslot);
	alloc_words(x);
	buf_init(&x->keys);
	buf_init(&x->stems);
	buf_init(&x->fold);
	buf_init(&x->names);
	for (uint32_t c = 1; c < LOG_TABLE; c++)
		x->logc[c] = c == 1 ? 1 : 1 + log((double)c);
	return x;
}

void
qp_feat_free(qp_featx *x)
{
	if (!x)
		return;
	qp_stemmer_free(x->st);
	free(x->wslot);
	free(x->wmem);
	buf_free(&x->keys);
	buf_free(&x->stems);
	buf_free(&x->fold);
	buf_free(&x->names);
	free(x->fslot);
	free(x->tf);
	free(x->out);
	free(x);
}

/* Words are short: a loop beats a call to memcmp. */
static inline bool
same(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (a[i] != b[i])
			return false;
	return true;
}

/* The first slot of hash h: FNV-1a's low bits are mixed little. */
static inline size_t
slot_of(uint64_t h)
{
	return (size_t)(h ^ (h >> 29));
}

/* Twice the slots, the words put back. */
static void
grow_slots(qp_featx *x)
{
	free(x->wslot);
	x->wmask = 2 * x->wmask + 1;
	x->wslot = xcalloc(x->wmask + 1, sizeof *x->wslot);
	for (size_t k = 0; k < x->nwords; k++) {
		uint64_t h = x->words[k].key;
		size_t i = slot_of(h) & x->wmask;
		while (x->wslot[i].ix)
			i = (i + 1) & x->wmask;
		x->wslot[i] = (wslot_t){ (uint32_t)(h >> 32), (uint32_t)(k + 1) };
	}
}

/* p[0..n) into d, or when longer into b. */
static void
keep_bytes(cbytes *d, qp_buf *b, const char *p, size_t n)
{
	if (n <= WORD_INLINE) {
		memcpy(d->b, p, n);
	} else {
		d->off = b->len;
		buf_add(b, p, n);
	}
}

/* Word f[0..fn) with hash h, not in the cache, whose probe ended at
 * slot i: stemmed and added.  Out of line: most words are in the cache. */
#ifdef __GNUC__
__attribute__((noinline))
#endif
static const cword *
new_word(qp_featx *x, const char *f, size_t fn, uint64_t h, size_t i)
{
	if (2 * (x->nwords + 1) > x->wmask + 1) {
		grow_slots(x);
		for (i = slot_of(h) & x->wmask; x->wslot[i].ix; i = (i + 1) & x->wmask)
			;
	}
	x->wslot[i] = (wslot_t){ (uint32_t)(h >> 32), (uint32_t)(x->nwords + 1) };

	cword *c = &x->words[x->nwords++];
	c->key = h;
	c->klen = (uint32_t)fn;
	keep_bytes(&c->k, &x->keys, f, fn);
	size_t sn;
	const char *s = qp_stem(x->st, f, fn, &sn);
	c->slen = (uint32_t)sn;
	keep_bytes(&c->s, &x->stems, s, sn);
	uint64_t sh = fnv_add(FNV_OFFSET, s, sn);
	c->uni = bucket_of(sh);
	c->pre = fnv_add(sh, " ", 1);
	return c;
}

/* The cached entry of the folded word f[0..fn), whose hash is h, made
 * if new. */
static const cword *
word_of(qp_featx *x, const char *f, size_t fn, uint64_t h)
{
	size_t mask = x->wmask;
	size_t i = slot_of(h) & mask;
	uint32_t tag = (uint32_t)(h >> 32);
	for (; x->wslot[i].ix; i = (i + 1) & mask) {
		if (x->wslot[i].tag != tag)
			continue;
		const cword *c = &x->words[x->wslot[i].ix - 1];
		if (c->key == h && c->klen == fn && same(ckey(x, c), f, fn))
			return c;
	}
	return new_word(x, f, fn, h, i);
}

/* The word w[0..len) of a text, folded into x->fold as the matcher
 * folds it; returns the FNV-1a hash of the folded bytes. */
static uint64_t
fold_word(qp_featx *x, const char *w, size_t len)
{
	/* ASCII, nearly every word, folds by lowering its letters, as
	 * utf8_fold would, hashed on the way */
	uint64_t h = FNV_OFFSET;
	size_t k = 0;
	buf_reset(&x->fold);
	buf_grow(&x->fold, len);
	for (; k < len && (unsigned char)w[k] < 0x80; k++) {
		char c = (char)(w[k] >= 'A' && w[k] <= 'Z' ? w[k] + 32 : w[k]);
		x->fold.s[k] = c;
		h = (h ^ (unsigned char)c) * FNV_PRIME;
	}
	if (k == len) {
		x->fold.len = len;
		x->fold.s[len] = '\0';
		return h;
	}
	utf8_fold(w, len, &x->fold);
	return fnv_add(FNV_OFFSET, x->fold.s, x->fold.len);
}

/* Feature id once more in this text; a and b (NULL for a single stem)
 * name it. */
static inline void
count(qp_featx *x, uint32_t id, const cword *a, const cword *b)
{
	size_t i = (id * 2654435761u) & x->fmask;
	for (; x->fslot[i].ix; i = (i + 1) & x->fmask)
		if (x->fslot[i].id == id) {
			x->tf[x->fslot[i].ix - 1].count++;
			return;
		}
	x->fslot[i] = (fslot_t){ id, (uint32_t)(x->ntf + 1) };
	tfeat *t = &x->tf[x->ntf++];
	t->id = id;
	t->count = 1;
	t->slot = (uint32_t)i;
	t->a = (uint32_t)(a - x->words);
	t->b = b ? (uint32_t)(b - x->words) : UINT32_MAX;
}

static int
by_id(const void *a, const void *b)
{
	uint32_t x = ((const tfeat *)a)->id, y = ((const tfeat *)b)->id;
	return (x > y) - (x < y);
}

/* Room for the features of a text of at most nw words, each giving at
 * most 2 (itself and the pair it ends). */
static void
make_room(qp_featx *x, size_t nw)
{
	size_t most = 2 * nw + 2;
	if (most > x->cap) {
		x->cap = most;
		x->tf = xreallocarray(x->tf, x->cap, sizeof *x->tf);
		x->out = xreallocarray(x->out, x->cap, sizeof *x->out);
	}
	size_t slots = 16;
	while (slots < 2 * most)
		slots *= 2;
	if (slots > x->fcap) {
		free(x->fslot);
		x->fslot = xcalloc(slots, sizeof *x->fslot);
		x->fcap = slots;
	}
	/* a small text probes a small part of the table (the last text
	 * cleared what it used) */
	x->fmask = slots - 1;
}

/* Ready for a text of at most nw words, keyed by kind.  Only between
 * texts does the cache start afresh: a word of the text points into it. */
static void
begin(qp_featx *x, size_t nw, int kind)
{
	if (x->nwords + nw > x->wcap || kind != (int)x->kind) {
		if (nw > x->wcap) {
			/* a text of more words than the cache holds: room for it */
			while (nw > x->wcap)
				x->wcap *= 2;
			alloc_words(x);
		}
		memset(x->wslot, 0, (x->wmask + 1) * sizeof *x->wslot);
		x->nwords = 0;
		x->kind = kind;
		buf_reset(&x->keys);
		buf_reset(&x->stems);
	}
	make_room(x, nw);
	x->ntf = 0;
	buf_reset(&x->names);
}

/* The next word of the text, c, after the word *prev (SIZE_MAX: none). */
static inline void
add_word(qp_featx *x, const cword *c, size_t *prev)
{
	count(x, c->uni, c, NULL);
	if (*prev != SIZE_MAX) {
		const cword *p = &x->words[*prev];
		count(x, bucket_of(fnv_add(p->pre, cstem(x, c), c->slen)), p, c);
	}
	*prev = (size_t)(c - x->words);
}

/* The counted features made values, as textfeat.h says. */
static size_t
finish(qp_featx *x, bool sorted, const qp_feat **out)
{
	for (size_t i = 0; i < x->ntf; i++)
		x->fslot[x->tf[i].slot].ix = 0;
	if (sorted)
		qsort(x->tf, x->ntf, sizeof *x->tf, by_id);
	if (x->keep_names) {
		/* Names are made when asked for (--explain asks for a few):
		 * room for all of them now, so that making one moves none
		 * made before (the caller may hold them all, as learn does). */
		size_t room = 0;
		for (size_t i = 0; i < x->ntf; i++) {
			const tfeat *t = &x->tf[i];
			room += x->words[t->a].slen + 1;
			if (t->b != UINT32_MAX)
				room += x->words[t->b].slen + 1;
			x->tf[i].noff = SIZE_MAX;
		}
		buf_grow(&x->names, room);
	}
	double norm = 0;
	for (size_t i = 0; i < x->ntf; i++) {
		uint32_t c = x->tf[i].count;
		double v = c < LOG_TABLE ? x->logc[c] : 1 + log((double)c);
		x->out[i].id = x->tf[i].id;
		x->out[i].value = v;
		norm += v * v;
	}
	norm = sqrt(norm);
	for (size_t i = 0; i < x->ntf; i++)
		x->out[i].value /= norm;
	*out = x->out;
	return x->ntf;
}

size_t
qp_feat_text(qp_featx *x, const char *text, size_t n, bool sorted, const qp_feat **out)
{
	if (n > UINT32_MAX / 2)         /* a cword's lengths are 32 bits */
		qp_die("a text of more than 2 GiB cannot be made features");
	begin(x, n / 2 + 1, KEY_FNV);   /* words a text of n bytes can hold */
	qp_words w;
	qp_word t;
	size_t prev = SIZE_MAX;
	words_init(&w, text, n);
	while (words_next(&w, &t)) {
		uint64_t h = fold_word(x, text + t.off, t.len);
		add_word(x, word_of(x, x->fold.s, x->fold.len, h), &prev);
	}
	return finish(x, sorted, out);
}

size_t
qp_feat_words(qp_featx *x, const cb_words *w, bool sorted, const qp_feat **out)
{
	begin(x, w->n, KEY_QP);
	size_t prev = SIZE_MAX;
	for (size_t i = 0; i < w->n; i++)
		add_word(x, word_of(x, w->fold + w->off[i], w->len[i], w->hash[i]), &prev);
	return finish(x, sorted, out);
}

const char *
qp_feat_name(qp_featx *x, size_t i)
{
	if (!x->keep_names)
		return "";
	tfeat *t = &x->tf[i];
	if (t->noff == SIZE_MAX) {
		/* the stem of a, or the pair "a b": the room is there */
		const cword *a = &x->words[t->a];
		t->noff = x->names.len;
		buf_add(&x->names, cstem(x, a), a->slen);
		if (t->b != UINT32_MAX) {
			const cword *b = &x->words[t->b];
			buf_addc(&x->names, ' ');
			buf_add(&x->names, cstem(x, b), b->slen);
		}
		buf_addc(&x->names, '\0');
	}
	return x->names.s + t->noff;
}
