/*
 * tally: count coded segments per code and group, with the distinct
 * speakers and docs behind them; co-occurrences of codes; thematic
 * saturation; and exact merging of partial counts from shards.
 * See man/tally.1.
 *
 * Everything is counted into one state (codes, groups, docs, speakers,
 * cells = code x group, and the sets of docs and speakers per cell and
 * per group), either from coded records or from --partial output read
 * back by --merge.  Output is written from that state alone, sorted, so
 * a merged run and a one-process run that reach the same state write
 * the same bytes.  Memory grows with the distinct codes, groups, docs,
 * speakers and their pairs, never with the number of records.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "codes.h"
#include "map.h"
#include "output.h"
#include "qp.h"
#include "record.h"

static const char usage[] =
	"usage: tally [--by COL[,COL...]] [--no-rollup] [--depth N]\n"
	"             [--format long|matrix|md] [--measure segments|speakers|docs|share]\n"
	"             [--cooccur | --saturation [--base N] [--run N] [--threshold P]]\n"
	"             [--partial] [--merge] [--line-buffered] [--replace-invalid]\n"
	"             [FILE ...]\n"
	"       tally --help | --version\n";

enum {
	OPT_BY = QP_OPT_FIRST_PRIVATE,
	OPT_NO_ROLLUP,
	OPT_DEPTH,
	OPT_FORMAT,
	OPT_MEASURE,
	OPT_COOCCUR,
	OPT_SATURATION,
	OPT_BASE,
	OPT_RUN,
	OPT_THRESHOLD,
	OPT_PARTIAL,
	OPT_MERGE,
};

static const struct option longopts[] = {
	{ "by", required_argument, NULL, OPT_BY },
	{ "no-rollup", no_argument, NULL, OPT_NO_ROLLUP },
	{ "depth", required_argument, NULL, OPT_DEPTH },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "measure", required_argument, NULL, OPT_MEASURE },
	{ "cooccur", no_argument, NULL, OPT_COOCCUR },
	{ "saturation", no_argument, NULL, OPT_SATURATION },
	{ "base", required_argument, NULL, OPT_BASE },
	{ "run", required_argument, NULL, OPT_RUN },
	{ "threshold", required_argument, NULL, OPT_THRESHOLD },
	{ "partial", no_argument, NULL, OPT_PARTIAL },
	{ "merge", no_argument, NULL, OPT_MERGE },
	QP_COMMON_LONGOPTS,
	{ NULL, 0, NULL, 0 }
};

#define NONE UINT32_MAX
/* Distinct code lists remembered with their expansion; past this many
 * the expansion is redone per record, so memory stays bounded. */
#define COMBO_MAX 65536

/* Options. */
static char **by;
static int nby;
static bool rollup = true;
static unsigned long depth;               /* 0: no cut */
static enum { F_LONG, F_MATRIX, F_MD } format = F_LONG;
static enum { M_SEGMENTS, M_SPEAKERS, M_DOCS, M_SHARE } measure = M_SEGMENTS;
static enum { MODE_TALLY, MODE_COOCCUR, MODE_SATURATION } mode = MODE_TALLY;
static unsigned long base_n = 4, run_n = 2;
static uint64_t threshold = 50000;        /* in 1/10000 of a per cent */
static bool partial, merge;

/* Segments, and distinct docs and speakers, of a cell or a group.  The
 * last_* fields remember the doc and speaker last added, which spares
 * the set lookup for the runs of records that repeat them. */
typedef struct {
	uint64_t segs, docs, spks;
	uint32_t last_doc, last_spk;
} counts;

typedef struct {
	const char *path;       /* unescaped; the key in codemap */
	size_t len;
	uint32_t parent;        /* with rollup, else NONE */
	uint32_t mark;          /* last expansion that took it */
	uint32_t rank;          /* position in tree order, at output */
	uint32_t cache_g, cache_cell, all_cell;
} code_t;

typedef struct {
	const char *raw;        /* escaped values joined by TAB; key in groupmap */
	size_t rawlen;
	char **val;             /* unescaped, for sorting and headers */
	size_t *vlen;
	counts c;
	uint32_t rank;
} group_t;

typedef struct {
	const char *raw;        /* escaped, as in the stream; key in docmap */
	size_t len;
	uint32_t order;         /* position in the stream, from 0; NONE unknown */
} doc_t;

typedef struct {
	const char *raw;        /* escaped participant or speaker label */
	size_t len;
	uint32_t doc;           /* the label's doc; NONE for a participant */
	bool participant;
} spk_t;

typedef struct {
	uint32_t code, group;
	counts c;
	uint32_t first;         /* saturation: earliest doc order */
} cell_t;

typedef struct {
	uint32_t a, b, group;   /* a before b in tree order */
	uint64_t segs;
} pair_t;

/* A codes field resolved: its number of values, then its code ids
 * (rolled up, cut, each once) and, for --cooccur, its pairs. */
typedef struct {
	uint32_t nvals, nids, ids, npairs, pairs;  /* offsets into the pools */
} combo_t;

#define GROW(arr, n, cap) do { \
	if ((n) == (cap)) { \
		(cap) = (cap) ? 2 * (cap) : 64; \
		(arr) = xreallocarray((arr), (cap), sizeof *(arr)); \
	} \
} while (0)

#define VAL(e) ((uint32_t)((uintptr_t)(e)->val - 1))
#define SETVAL(e, i) ((e)->val = (void *)(uintptr_t)((i) + 1))

static qp_map *codemap, *groupmap, *docmap, *spkmap, *cellmap, *pairmap;
/*
 * A set of id pairs (cell or group, doc or speaker): an open-addressing
 * table of the pairs packed into 64 bits, plus the pairs in insertion
 * order.  Not a qp_map: these sets are the largest thing tally holds and
 * are probed for nearly every code of every record, and a probe here
 * touches one cache line where a qp_map probe touches three (slot, hash,
 * entry, key).  In front of the table, a small direct-mapped cache of
 * pairs met lately answers the lookups of codes and speakers that recur
 * within a doc.
 */
#define PCACHE_BITS 11
#define PEMPTY UINT64_MAX      /* no pair is (NONE, NONE) */
typedef struct {
	uint64_t *slot, *keys;
	size_t mask, n, cap;
	uint64_t cache[1 << PCACHE_BITS];
} pairset;

static pairset gdocs, gspks, cdocs, cspks;
static code_t *codes;
static size_t ncodes, capcodes;
static group_t *groups;
static size_t ngroups, capgroups;
static doc_t *docs;
static size_t ndocs, capdocs;
static uint32_t norder;
static spk_t *spks;
static size_t nspks, capspks;
static cell_t *cells;
static size_t ncells, capcells;
static pair_t *pairs;
static size_t npairs, cappairs;
static uint64_t nodoc;          /* segments without a doc */

static qp_map *combomap;
static combo_t *combos;
static size_t ncombos, capcombos;
static uint32_t *idpool, *pairpool;
static size_t nidpool, capidpool, npairpool, cappairpool;
static uint32_t stamp;

static qp_rd *rd;               /* for messages */
static qp_buf scratch = QP_BUF_INIT;

/* --- the state ------------------------------------------------------ */

static void
counts_init(counts *c)
{
	c->segs = c->docs = c->spks = 0;
	c->last_doc = c->last_spk = NONE;
}

static size_t
pair_hash(uint64_t key)
{
	key ^= key >> 29;
	key *= 0xBF58476D1CE4E5B9ULL;
	key ^= key >> 32;
	return (size_t)key;
}

static void
pairset_init(pairset *ps)
{
	ps->mask = 1023;
	ps->slot = xcalloc(ps->mask + 1, sizeof *ps->slot);
	memset(ps->slot, 0xff, (ps->mask + 1) * sizeof *ps->slot);
	ps->keys = NULL;
	ps->n = ps->cap = 0;
	memset(ps->cache, 0xff, sizeof ps->cache);
}

static void
pairset_grow(pairset *ps)
{
	size_t mask = ps->mask * 2 + 1;
	uint64_t *slot = xcalloc(mask + 1, sizeof *slot);
	memset(slot, 0xff, (mask + 1) * sizeof *slot);
	for (size_t i = 0; i < ps->n; i++) {
		size_t j = pair_hash(ps->keys[i]) & mask;
		while (slot[j] != PEMPTY)
			j = (j + 1) & mask;
		slot[j] = ps->keys[i];
	}
	free(ps->slot);
	ps->slot = slot;
	ps->mask = mask;
}

/* Add (a, b); true if it was not in the set. */
static bool
set_add(pairset *ps, uint32_t a, uint32_t b)
{
	uint64_t key = (uint64_t)a << 32 | b;
	size_t h = (size_t)((key * 0x9E3779B97F4A7C15ULL) >> (64 - PCACHE_BITS));
	if (ps->cache[h] == key)
		return false;
	ps->cache[h] = key;
	size_t j = pair_hash(key) & ps->mask;
	for (; ps->slot[j] != PEMPTY; j = (j + 1) & ps->mask)
		if (ps->slot[j] == key)
			return false;
	ps->slot[j] = key;
	GROW(ps->keys, ps->n, ps->cap);
	ps->keys[ps->n++] = key;
	if (ps->n * 2 > ps->mask)
		pairset_grow(ps);
	return true;
}

static size_t
pairset_count(const pairset *ps)
{
	return ps->n;
}

/* The i-th pair in insertion order. */
static void
pairset_at(const pairset *ps, size_t i, uint32_t k[2])
{
	k[0] = (uint32_t)(ps->keys[i] >> 32);
	k[1] = (uint32_t)ps->keys[i];
}

static void
add_doc(counts *c, pairset *set, uint32_t id, uint32_t d)
{
	if (d == NONE || c->last_doc == d)
		return;
	c->last_doc = d;
	if (set_add(set, id, d))
		c->docs++;
}

static void
add_spk(counts *c, pairset *set, uint32_t id, uint32_t s)
{
	if (s == NONE || c->last_spk == s)
		return;
	c->last_spk = s;
	if (set_add(set, id, s))
		c->spks++;
}

static void
bad_escape(const char *what)
{
	qp_die_at(qp_rd_file(rd), qp_rd_lineno(rd),
	          "bad escape in %s (only \\\\ \\t \\n \\r are allowed)", what);
}

/* Unescape p[0..n) into scratch; dies naming what on a bad escape. */
static void
unescape(const char *p, size_t n, const char *what)
{
	buf_reset(&scratch);
	if (!qp_unescape(p, n, &scratch))
		bad_escape(what);
}

static uint32_t
code_id(const char *p, size_t n, bool up)
{
	bool created;
	qp_entry *e = qp_map_put(codemap, p, n, &created);
	if (!created)
		return VAL(e);
	uint32_t id = (uint32_t)ncodes;
	const char *key = e->key;
	SETVAL(e, id);
	GROW(codes, ncodes, capcodes);
	codes[ncodes++] = (code_t){ key, n, NONE, 0, 0, NONE, NONE, NONE };
	if (up) {
		size_t pl = code_parent(key, n);
		if (pl) {
			uint32_t par = code_id(key, pl, up);
			codes[id].parent = par;
		}
	}
	return id;
}

static uint32_t
new_group(const char *raw, size_t n)
{
	GROW(groups, ngroups, capgroups);
	group_t *g = &groups[ngroups];
	g->raw = raw;
	g->rawlen = n;
	g->val = xcalloc((size_t)nby + 1, sizeof *g->val);
	g->vlen = xcalloc((size_t)nby + 1, sizeof *g->vlen);
	counts_init(&g->c);
	g->rank = 0;
	return (uint32_t)ngroups++;
}

/* The group of the by-values in the columns cols[] of the current record. */
static uint32_t
group_of(const int *cols)
{
	static qp_buf key = QP_BUF_INIT;
	static uint32_t last = NONE;
	static qp_buf lastkey = QP_BUF_INIT;

	buf_reset(&key);
	for (int i = 0; i < nby; i++) {
		qp_span v = qp_rd_raw(rd, cols[i]);
		if (i)
			buf_addc(&key, '\t');
		buf_add(&key, v.p, v.n);
	}
	if (last != NONE && key.len == lastkey.len &&
	    memcmp(key.s, lastkey.s, key.len) == 0)
		return last;
	bool created;
	qp_entry *e = qp_map_put(groupmap, key.s, key.len, &created);
	if (created) {
		const char *raw = e->key;
		uint32_t g = new_group(raw, key.len);
		SETVAL(e, g);
		for (int i = 0; i < nby; i++) {
			qp_span v = qp_rd_raw(rd, cols[i]);
			unescape(v.p, v.n, qp_rd_name(rd, cols[i]));
			groups[g].vlen[i] = scratch.len;
			groups[g].val[i] = xmemdup(scratch.s, scratch.len);
		}
	}
	last = VAL(e);
	buf_reset(&lastkey);
	buf_add(&lastkey, key.s, key.len);
	return last;
}

/* The doc p[0..n) (escaped); with order, a new doc takes the next place
 * in the stream.  NONE for an empty doc. */
static uint32_t
doc_of(const char *p, size_t n, bool order)
{
	static uint32_t last = NONE;
	static qp_buf lastkey = QP_BUF_INIT;

	if (n == 0)
		return NONE;
	if (last != NONE && n == lastkey.len && memcmp(p, lastkey.s, n) == 0)
		return last;
	bool created;
	qp_entry *e = qp_map_put(docmap, p, n, &created);
	if (created) {
		unescape(p, n, "doc");
		SETVAL(e, ndocs);
		GROW(docs, ndocs, capdocs);
		docs[ndocs++] = (doc_t){ e->key, n, order ? norder++ : NONE };
	}
	last = VAL(e);
	buf_reset(&lastkey);
	buf_add(&lastkey, p, n);
	return last;
}

/* A speaker: the participant when there is one, else the label within
 * its doc (the same label in two docs is two people).  NONE if neither. */
static uint32_t
spk_of(const char *part, size_t pn, const char *label, size_t ln, uint32_t d)
{
	static qp_buf key = QP_BUF_INIT;
	static uint32_t last = NONE;
	static qp_buf lastkey = QP_BUF_INIT;

	buf_reset(&key);
	if (pn) {
		buf_addc(&key, 'p');
		buf_add(&key, part, pn);
	} else if (ln) {
		buf_addc(&key, 's');
		buf_add(&key, &d, sizeof d);
		buf_add(&key, label, ln);
	} else {
		return NONE;
	}
	if (last != NONE && key.len == lastkey.len &&
	    memcmp(key.s, lastkey.s, key.len) == 0)
		return last;
	bool created;
	qp_entry *e = qp_map_put(spkmap, key.s, key.len, &created);
	if (created) {
		if (pn)
			unescape(part, pn, "participant");
		else
			unescape(label, ln, "speaker");
		SETVAL(e, nspks);
		GROW(spks, nspks, capspks);
		size_t off = pn ? 1 : 1 + sizeof d;
		spks[nspks++] = (spk_t){ e->key + off, pn ? pn : ln,
		                         pn ? NONE : d, pn != 0 };
	}
	last = VAL(e);
	buf_reset(&lastkey);
	buf_add(&lastkey, key.s, key.len);
	return last;
}

static uint32_t
cell_of(uint32_t code, uint32_t g)
{
	code_t *c = &codes[code];
	if (g == 0 && c->all_cell != NONE)
		return c->all_cell;
	if (g != 0 && c->cache_g == g)
		return c->cache_cell;
	uint32_t k[2] = { code, g };
	bool created;
	qp_entry *e = qp_map_put(cellmap, (const char *)k, sizeof k, &created);
	if (created) {
		SETVAL(e, ncells);
		GROW(cells, ncells, capcells);
		cells[ncells].code = code;
		cells[ncells].group = g;
		counts_init(&cells[ncells].c);
		cells[ncells].first = NONE;
		ncells++;
	}
	uint32_t id = VAL(e);
	if (g == 0) {
		c->all_cell = id;
	} else {
		c->cache_g = g;
		c->cache_cell = id;
	}
	return id;
}

static uint32_t
cell_get(uint32_t code, uint32_t g)
{
	uint32_t k[2] = { code, g };
	qp_entry *e = qp_map_get(cellmap, (const char *)k, sizeof k);
	return e ? VAL(e) : NONE;
}

static void
pair_add(uint32_t a, uint32_t b, uint32_t g, uint64_t n)
{
	uint32_t k[3] = { a, b, g };
	bool created;
	qp_entry *e = qp_map_put(pairmap, (const char *)k, sizeof k, &created);
	if (created) {
		SETVAL(e, npairs);
		GROW(pairs, npairs, cappairs);
		pairs[npairs++] = (pair_t){ a, b, g, 0 };
	}
	pairs[VAL(e)].segs += n;
}

/* --- counting coded records ------------------------------------------ */

static uint32_t *sc_ids, *sc_pairs;
static size_t nsc_ids, capsc_ids, nsc_pairs, capsc_pairs;

/* Resolve the codes field p[0..n) into sc_ids and sc_pairs; returns the
 * number of values it holds. */
static uint32_t
expand(const char *p, size_t n)
{
	static qp_buf ub = QP_BUF_INIT;
	qp_list l;
	const char *v;
	size_t vn;
	uint32_t nvals = 0;

	nsc_ids = nsc_pairs = 0;
	if (++stamp == 0) {
		for (size_t i = 0; i < ncodes; i++)
			codes[i].mark = 0;
		stamp = 1;
	}
	qp_list_init(&l, p, n);
	while (qp_list_next(&l, &v, &vn)) {
		nvals++;
		if (memchr(v, '\\', vn)) {
			buf_reset(&ub);
			if (!qp_unescape(v, vn, &ub))
				bad_escape("codes");
			v = ub.s;
			vn = ub.len;
		}
		if (vn == 0)
			qp_die_at(qp_rd_file(rd), qp_rd_lineno(rd), "empty value in codes");
		if (!code_valid(v, vn))
			qp_die_at(qp_rd_file(rd), qp_rd_lineno(rd),
			          "bad code path '%.*s' in codes (empty segment)", (int)vn, v);
		vn = code_cut(v, vn, depth);
		uint32_t id = code_id(v, vn, rollup);
		for (; id != NONE && codes[id].mark != stamp; id = codes[id].parent) {
			codes[id].mark = stamp;
			GROW(sc_ids, nsc_ids, capsc_ids);
			sc_ids[nsc_ids++] = id;
		}
	}
	if (mode != MODE_COOCCUR)
		return nvals;
	for (size_t i = 0; i < nsc_ids; i++)
		for (size_t j = i + 1; j < nsc_ids; j++) {
			code_t *a = &codes[sc_ids[i]], *b = &codes[sc_ids[j]];
			/* A parent trivially co-occurs with its rolled-up child. */
			if (code_is_ancestor(a->path, a->len, b->path, b->len) ||
			    code_is_ancestor(b->path, b->len, a->path, a->len))
				continue;
			bool ab = code_cmp(a->path, a->len, b->path, b->len) < 0;
			if (nsc_pairs + 2 > capsc_pairs) {
				capsc_pairs = capsc_pairs ? 2 * capsc_pairs : 64;
				sc_pairs = xreallocarray(sc_pairs, capsc_pairs, sizeof *sc_pairs);
			}
			sc_pairs[nsc_pairs++] = ab ? sc_ids[i] : sc_ids[j];
			sc_pairs[nsc_pairs++] = ab ? sc_ids[j] : sc_ids[i];
		}
	return nvals;
}

/* The resolved codes field of the current record, cached by its bytes. */
static void
resolve(qp_span f, uint32_t *nvals, const uint32_t **ids, size_t *nids,
        const uint32_t **pp, size_t *np)
{
	static combo_t none;
	const combo_t *c = &none;

	if (f.n) {
		qp_entry *e = qp_map_get(combomap, f.p, f.n);
		if (e) {
			c = &combos[VAL(e)];
		} else {
			uint32_t nv = expand(f.p, f.n);
			if (ncombos >= COMBO_MAX) {
				*nvals = nv;
				*ids = sc_ids;
				*nids = nsc_ids;
				*pp = sc_pairs;
				*np = nsc_pairs / 2;
				return;
			}
			e = qp_map_put(combomap, f.p, f.n, NULL);
			SETVAL(e, ncombos);
			GROW(combos, ncombos, capcombos);
			combo_t *k = &combos[ncombos++];
			k->nvals = nv;
			k->nids = (uint32_t)nsc_ids;
			k->ids = (uint32_t)nidpool;
			for (size_t i = 0; i < nsc_ids; i++) {
				GROW(idpool, nidpool, capidpool);
				idpool[nidpool++] = sc_ids[i];
			}
			k->npairs = (uint32_t)(nsc_pairs / 2);
			k->pairs = (uint32_t)npairpool;
			for (size_t i = 0; i < nsc_pairs; i++) {
				GROW(pairpool, npairpool, cappairpool);
				pairpool[npairpool++] = sc_pairs[i];
			}
			c = k;
		}
	}
	*nvals = c->nvals;
	*ids = idpool ? idpool + c->ids : NULL;
	*nids = c->nids;
	*pp = pairpool ? pairpool + c->pairs : NULL;
	*np = c->npairs;
}

static void
count_stream(void)
{
	int ccodes, chits, cdoc, cspeaker, cpart;
	int *cby = xcalloc((size_t)nby + 1, sizeof *cby);
	const char *file = qp_rd_file(rd);

	if (qp_rd_ncols(rd) == 0) {
		free(cby);
		return;
	}
	if (qp_rd_col(rd, "codes") < 0 && qp_rd_col(rd, "agg") == 0)
		qp_die_at(file, 1, "this is tally --partial output: read it with --merge");
	ccodes = qp_rd_need(rd, "codes");
	chits = qp_rd_col(rd, "hits");
	cdoc = qp_rd_col(rd, "doc");
	cspeaker = qp_rd_col(rd, "speaker");
	cpart = qp_rd_col(rd, "participant");
	for (int i = 0; i < nby; i++)
		if ((cby[i] = qp_rd_col(rd, by[i])) < 0)
			qp_die_at(file, 1, "--by: the stream has no column '%s'", by[i]);
	if (mode == MODE_SATURATION && cdoc < 0)
		qp_die_at(file, 1, "--saturation: the stream has no column 'doc'");
	bool people = mode != MODE_COOCCUR;

	while (qp_rd_next(rd)) {
		uint32_t nvals;
		const uint32_t *ids, *pp;
		size_t nids, np;
		resolve(qp_rd_raw(rd, ccodes), &nvals, &ids, &nids, &pp, &np);
		if (chits >= 0) {
			qp_span h = qp_rd_raw(rd, chits);
			size_t nh = qp_list_count(h.p, h.n);
			if (nh != nvals)
				qp_die_at(qp_rd_file(rd), qp_rd_lineno(rd),
				          "codes has %lu value%s but hits has %zu",
				          (unsigned long)nvals, nvals == 1 ? "" : "s", nh);
		}
		uint32_t g = nby ? group_of(cby) : 0;
		uint32_t d = NONE, s = NONE;
		if (people) {
			if (cdoc >= 0) {
				qp_span v = qp_rd_raw(rd, cdoc);
				d = doc_of(v.p, v.n, true);
			}
			if (d == NONE) {
				if (mode == MODE_SATURATION)
					qp_die_at(qp_rd_file(rd), qp_rd_lineno(rd),
					          "--saturation: a record without a doc");
				nodoc++;
			}
			qp_span pv = { "", 0 }, sv = { "", 0 };
			if (cpart >= 0)
				pv = qp_rd_raw(rd, cpart);
			if (cspeaker >= 0)
				sv = qp_rd_raw(rd, cspeaker);
			s = spk_of(pv.p, pv.n, sv.p, sv.n, d);
		}
		for (uint32_t gg = g;; gg = 0) {
			counts *c = &groups[gg].c;
			c->segs++;
			add_doc(c, &gdocs, gg, d);
			add_spk(c, &gspks, gg, s);
			for (size_t i = 0; i < nids; i++) {
				uint32_t ci = cell_of(ids[i], gg);
				counts *k = &cells[ci].c;
				k->segs++;
				add_doc(k, &cdocs, ci, d);
				add_spk(k, &cspks, ci, s);
			}
			for (size_t i = 0; i < np; i++)
				pair_add(pp[2 * i], pp[2 * i + 1], gg, 1);
			if (gg == 0)
				break;
		}
	}
	free(cby);
}

/* --- partial output and merging ------------------------------------- */

/*
 * The partial stream's columns: agg (the record's kind), code, code_b,
 * by_COL for each --by column, doc, speaker, participant, n.  Its first
 * name sorts before every kind, so a stream sorted bytewise (Hadoop's
 * shuffle) still begins with its header.
 */
static void
put_u64(uint64_t v)
{
	char b[24];
	int n = snprintf(b, sizeof b, "%llu", (unsigned long long)v);
	qp_write(qp_stdout, b, (size_t)n);
}

static void
tab(void)
{
	qp_putc(qp_stdout, '\t');
}

static void
put_raw(const char *p, size_t n)
{
	qp_write(qp_stdout, p, n);
}

/* One partial record; the group's by-values are its raw key. */
static void
part_rec(const char *kind, const char *a, size_t an, const char *b, size_t bn,
         const group_t *g, const doc_t *d, const spk_t *s, bool hasn, uint64_t n)
{
	qp_puts(qp_stdout, kind);
	tab();
	qp_write_field(qp_stdout, a, an);
	tab();
	qp_write_field(qp_stdout, b, bn);
	if (nby) {
		tab();
		if (g)
			put_raw(g->raw, g->rawlen);
		else
			for (int i = 1; i < nby; i++)
				tab();
	}
	tab();
	if (s && !s->participant && s->doc != NONE)
		d = &docs[s->doc];
	if (d)
		put_raw(d->raw, d->len);
	tab();
	if (s && !s->participant)
		put_raw(s->raw, s->len);
	tab();
	if (s && s->participant)
		put_raw(s->raw, s->len);
	tab();
	if (hasn)
		put_u64(n);
	qp_out_endrec(qp_stdout);
}

static void
part_opt(const char *name, uint64_t v)
{
	part_rec("option", name, strlen(name), "", 0, NULL, NULL, NULL, true, v);
}

#define PART_CODE(c) (c)->path, (c)->len
#define PART_NONE "", 0

static int
cmp_order(const void *x, const void *y)
{
	uint32_t a = docs[*(const uint32_t *)x].order;
	uint32_t b = docs[*(const uint32_t *)y].order;
	return a < b ? -1 : a > b;
}

static void
write_partial(void)
{
	qp_buf h = QP_BUF_INIT;
	buf_adds(&h, "agg\tcode\tcode_b");
	for (int i = 0; i < nby; i++)
		buf_printf(&h, "\tby_%s", by[i]);
	buf_adds(&h, "\tdoc\tspeaker\tparticipant\tn");
	put_raw(h.s, h.len);
	qp_out_endrec(qp_stdout);
	buf_free(&h);

	/* What made these counts what they are; the merge checks them. */
	part_opt("cooccur", mode == MODE_COOCCUR);
	part_opt("depth", depth);
	part_opt("rollup", rollup);
	if (nodoc)
		part_rec("nodoc", PART_NONE, PART_NONE, NULL, NULL, NULL, true, nodoc);

	/* Docs in stream order: merging them in argument order keeps it. */
	uint32_t *o = xcalloc(ndocs + 1, sizeof *o);
	size_t no = 0;
	for (size_t i = 0; i < ndocs; i++)
		if (docs[i].order != NONE)
			o[no++] = (uint32_t)i;
	qsort(o, no, sizeof *o, cmp_order);
	for (size_t i = 0; i < no; i++)
		part_rec("doc", PART_NONE, PART_NONE, NULL, &docs[o[i]], NULL, false, 0);
	free(o);

	/* With --by, group 0 (everything) is derived again when merging. */
	size_t g0 = nby ? 1 : 0;
	for (size_t g = g0; g < ngroups; g++)
		part_rec("group", PART_NONE, PART_NONE, &groups[g], NULL, NULL, true,
		         groups[g].c.segs);
	for (size_t i = 0; i < pairset_count(&gdocs); i++) {
		uint32_t k[2];
		pairset_at(&gdocs, i, k);
		if (k[0] >= g0)
			part_rec("group_doc", PART_NONE, PART_NONE, &groups[k[0]], &docs[k[1]],
			         NULL, false, 0);
	}
	for (size_t i = 0; i < pairset_count(&gspks); i++) {
		uint32_t k[2];
		pairset_at(&gspks, i, k);
		if (k[0] >= g0)
			part_rec("group_speaker", PART_NONE, PART_NONE, &groups[k[0]], NULL,
			         &spks[k[1]], false, 0);
	}
	for (size_t i = 0; i < ncells; i++) {
		const cell_t *c = &cells[i];
		if (c->group >= g0)
			part_rec("cell", PART_CODE(&codes[c->code]), PART_NONE,
			         &groups[c->group], NULL, NULL, true, c->c.segs);
	}
	for (size_t i = 0; i < pairset_count(&cdocs); i++) {
		uint32_t k[2];
		pairset_at(&cdocs, i, k);
		const cell_t *c = &cells[k[0]];
		if (c->group >= g0)
			part_rec("cell_doc", PART_CODE(&codes[c->code]), PART_NONE,
			         &groups[c->group], &docs[k[1]], NULL, false, 0);
	}
	for (size_t i = 0; i < pairset_count(&cspks); i++) {
		uint32_t k[2];
		pairset_at(&cspks, i, k);
		const cell_t *c = &cells[k[0]];
		if (c->group >= g0)
			part_rec("cell_speaker", PART_CODE(&codes[c->code]), PART_NONE,
			         &groups[c->group], NULL, &spks[k[1]], false, 0);
	}
	for (size_t i = 0; i < npairs; i++) {
		const pair_t *p = &pairs[i];
		if (p->group >= g0)
			part_rec("pair", PART_CODE(&codes[p->a]), PART_CODE(&codes[p->b]),
			         &groups[p->group], NULL, NULL, true, p->segs);
	}
}

static bool
span_is(qp_span v, const char *s)
{
	return v.n == strlen(s) && memcmp(v.p, s, v.n) == 0;
}

static uint64_t
part_n(qp_span v)
{
	uint64_t n = 0;
	if (v.n == 0 || v.n > 19)
		goto bad;
	for (size_t i = 0; i < v.n; i++) {
		if (v.p[i] < '0' || v.p[i] > '9')
			goto bad;
		n = n * 10 + (uint64_t)(v.p[i] - '0');
	}
	return n;
bad:
	qp_die_at(qp_rd_file(rd), qp_rd_lineno(rd),
	          "not tally --partial output: n is not a count");
}

static uint32_t
part_code(qp_span v)
{
	unescape(v.p, v.n, "code");
	if (!code_valid(scratch.s, scratch.len))
		qp_die_at(qp_rd_file(rd), qp_rd_lineno(rd),
		          "not tally --partial output: bad code path '%s'", scratch.s);
	return code_id(scratch.s, scratch.len, false);
}

static void
merge_stream(void)
{
	const char *file = qp_rd_file(rd);
	int nc = qp_rd_ncols(rd);

	if (nc == 0)
		return;
	/* The header says what made the stream, and with which --by. */
	static const char *const fixed[] = { "agg", "code", "code_b" };
	static const char *const tail[] = { "doc", "speaker", "participant", "n" };
	bool ok = nc >= 7;
	for (int i = 0; ok && i < 3; i++)
		ok = strcmp(qp_rd_name(rd, i), fixed[i]) == 0;
	for (int i = 0; ok && i < 4; i++)
		ok = strcmp(qp_rd_name(rd, nc - 4 + i), tail[i]) == 0;
	for (int i = 3; ok && i < nc - 4; i++)
		ok = strncmp(qp_rd_name(rd, i), "by_", 3) == 0;
	if (!ok)
		qp_die_at(file, 1, "not tally --partial output (its header begins "
		          "agg, code, code_b and ends doc, speaker, participant, n)");
	qp_buf had = QP_BUF_INIT, want = QP_BUF_INIT;
	for (int i = 3; i < nc - 4; i++)
		buf_printf(&had, "%s%s", i > 3 ? "," : "", qp_rd_name(rd, i) + 3);
	for (int i = 0; i < nby; i++)
		buf_printf(&want, "%s%s", i ? "," : "", by[i]);
	if (had.len != want.len || (had.len && strcmp(had.s, want.s) != 0))
		qp_die_at(file, 1, "the partial output was made with %s%s, this merge has %s%s",
		          had.len ? "--by " : "no --by", had.len ? had.s : "",
		          want.len ? "--by " : "no --by", want.len ? want.s : "");
	buf_free(&had);
	buf_free(&want);

	int cby[nby + 1];
	for (int i = 0; i < nby; i++)
		cby[i] = 3 + i;
	int cdoc = nc - 4, cspk = nc - 3, cpart = nc - 2, cn = nc - 1;

	while (qp_rd_next(rd)) {
		qp_span kind = qp_rd_raw(rd, 0);
		qp_span code = qp_rd_raw(rd, 1), code_b = qp_rd_raw(rd, 2);
		qp_span dv = qp_rd_raw(rd, cdoc);
		/* Options, docs and nodoc belong to no group. */
		bool grouped = !span_is(kind, "option") && !span_is(kind, "doc") &&
		               !span_is(kind, "nodoc");
		uint32_t g = nby && grouped ? group_of(cby) : 0;

		if (span_is(kind, "option")) {
			uint64_t want_v, v = part_n(qp_rd_raw(rd, cn));
			if (span_is(code, "cooccur"))
				want_v = mode == MODE_COOCCUR;
			else if (span_is(code, "depth"))
				want_v = depth;
			else if (span_is(code, "rollup"))
				want_v = rollup;
			else
				qp_die_at(qp_rd_file(rd), qp_rd_lineno(rd),
				          "not tally --partial output: unknown option '%.*s'",
				          (int)code.n, code.p);
			if (v != want_v)
				qp_die_at(qp_rd_file(rd), qp_rd_lineno(rd),
				          "the partial output was made with %.*s %llu, this merge has %llu "
				          "(give --merge the options the shards had)",
				          (int)code.n, code.p, (unsigned long long)v,
				          (unsigned long long)want_v);
		} else if (span_is(kind, "nodoc")) {
			nodoc += part_n(qp_rd_raw(rd, cn));
		} else if (span_is(kind, "doc")) {
			uint32_t d = doc_of(dv.p, dv.n, true);
			if (d == NONE)
				goto missing;
			if (docs[d].order == NONE)
				docs[d].order = norder++;
		} else if (span_is(kind, "group")) {
			uint64_t n = part_n(qp_rd_raw(rd, cn));
			groups[g].c.segs += n;
			if (g)
				groups[0].c.segs += n;
		} else if (span_is(kind, "group_doc") || span_is(kind, "cell_doc")) {
			bool cell = kind.p[0] == 'c';
			uint32_t d = doc_of(dv.p, dv.n, false);
			if (d == NONE)
				goto missing;
			uint32_t c = cell ? part_code(code) : NONE;
			for (uint32_t gg = g;; gg = 0) {
				if (cell) {
					uint32_t ci = cell_of(c, gg);
					add_doc(&cells[ci].c, &cdocs, ci, d);
				} else {
					add_doc(&groups[gg].c, &gdocs, gg, d);
				}
				if (gg == 0)
					break;
			}
		} else if (span_is(kind, "group_speaker") || span_is(kind, "cell_speaker")) {
			bool cell = kind.p[0] == 'c';
			qp_span sv = qp_rd_raw(rd, cspk), pv = qp_rd_raw(rd, cpart);
			uint32_t d = pv.n ? NONE : doc_of(dv.p, dv.n, false);
			uint32_t s = spk_of(pv.p, pv.n, sv.p, sv.n, d);
			if (s == NONE)
				goto missing;
			uint32_t c = cell ? part_code(code) : NONE;
			for (uint32_t gg = g;; gg = 0) {
				if (cell) {
					uint32_t ci = cell_of(c, gg);
					add_spk(&cells[ci].c, &cspks, ci, s);
				} else {
					add_spk(&groups[gg].c, &gspks, gg, s);
				}
				if (gg == 0)
					break;
			}
		} else if (span_is(kind, "cell")) {
			uint32_t c = part_code(code);
			uint64_t n = part_n(qp_rd_raw(rd, cn));
			for (uint32_t gg = g;; gg = 0) {
				uint32_t ci = cell_of(c, gg);
				cells[ci].c.segs += n;
				if (gg == 0)
					break;
			}
		} else if (span_is(kind, "pair")) {
			uint32_t a = part_code(code), b = part_code(code_b);
			uint64_t n = part_n(qp_rd_raw(rd, cn));
			const code_t *x = &codes[a], *y = &codes[b];
			if (code_cmp(x->path, x->len, y->path, y->len) >= 0)
				qp_die_at(qp_rd_file(rd), qp_rd_lineno(rd),
				          "not tally --partial output: pair out of order");
			for (uint32_t gg = g;; gg = 0) {
				pair_add(a, b, gg, n);
				if (gg == 0)
					break;
			}
		} else {
			qp_die_at(qp_rd_file(rd), qp_rd_lineno(rd),
			          "not tally --partial output: unknown kind '%.*s'",
			          (int)(kind.n > 40 ? 40 : kind.n), kind.p);
		}
		continue;
missing:
		qp_die_at(qp_rd_file(rd), qp_rd_lineno(rd),
		          "not tally --partial output: %.*s record without its doc or speaker",
		          (int)kind.n, kind.p);
	}
}

/* --- sorted output --------------------------------------------------- */

static uint32_t *corder, *gorder;   /* code and group ids in output order */
static size_t ngorder;

static int
cmp_code(const void *x, const void *y)
{
	const code_t *a = &codes[*(const uint32_t *)x], *b = &codes[*(const uint32_t *)y];
	return code_cmp(a->path, a->len, b->path, b->len);
}

static int
cmp_group(const void *x, const void *y)
{
	const group_t *a = &groups[*(const uint32_t *)x], *b = &groups[*(const uint32_t *)y];
	for (int i = 0; i < nby; i++) {
		size_t n = a->vlen[i] < b->vlen[i] ? a->vlen[i] : b->vlen[i];
		int c = memcmp(a->val[i], b->val[i], n);
		if (c)
			return c;
		if (a->vlen[i] != b->vlen[i])
			return a->vlen[i] < b->vlen[i] ? -1 : 1;
	}
	return 0;
}

static void
sort_all(void)
{
	corder = xcalloc(ncodes + 1, sizeof *corder);
	for (size_t i = 0; i < ncodes; i++)
		corder[i] = (uint32_t)i;
	qsort(corder, ncodes, sizeof *corder, cmp_code);
	for (size_t i = 0; i < ncodes; i++)
		codes[corder[i]].rank = (uint32_t)i;

	gorder = xcalloc(ngroups + 1, sizeof *gorder);
	ngorder = 0;
	for (size_t g = nby ? 1 : 0; g < ngroups; g++)
		gorder[ngorder++] = (uint32_t)g;
	qsort(gorder, ngorder, sizeof *gorder, cmp_group);
	for (size_t i = 0; i < ngorder; i++)
		groups[gorder[i]].rank = (uint32_t)i;
}

/* num/den with four decimals, rounded half up; empty when den is 0. */
static void
fmt_share(uint64_t num, uint64_t den, qp_buf *out)
{
	if (den == 0)
		return;
	uint64_t q = (num * 20000 + den) / (2 * den);
	buf_printf(out, "%llu.%04llu", (unsigned long long)(q / 10000),
	           (unsigned long long)(q % 10000));
}

static void
put_share(uint64_t num, uint64_t den)
{
	static qp_buf b = QP_BUF_INIT;
	buf_reset(&b);
	fmt_share(num, den, &b);
	put_raw(b.s ? b.s : "", b.len);
}

static void
header(const char *const *pre, int npre, const char *const *post, int npost)
{
	for (int i = 0; i < npre; i++) {
		if (i)
			tab();
		qp_puts(qp_stdout, pre[i]);
	}
	for (int i = 0; i < nby; i++) {
		tab();
		qp_puts(qp_stdout, by[i]);
	}
	for (int i = 0; i < npost; i++) {
		tab();
		qp_puts(qp_stdout, post[i]);
	}
	qp_out_endrec(qp_stdout);
}

static void
put_group(const group_t *g)
{
	if (nby) {
		tab();
		put_raw(g->raw, g->rawlen);
	}
}

static void
write_long(void)
{
	static const char *const pre[] = { "code" };
	static const char *const post[] = {
		"segments", "speakers", "docs", "group_segments", "group_speakers",
		"group_docs", "segment_share", "speaker_share", "doc_share"
	};
	header(pre, 1, post, 9);
	for (size_t i = 0; i < ncodes; i++) {
		const code_t *code = &codes[corder[i]];
		for (size_t j = 0; j < ngorder; j++) {
			uint32_t ci = cell_get(corder[i], gorder[j]);
			if (ci == NONE)
				continue;
			const counts *c = &cells[ci].c, *t = &groups[gorder[j]].c;
			qp_write_field(qp_stdout, code->path, code->len);
			put_group(&groups[gorder[j]]);
			tab(); put_u64(c->segs);
			tab(); put_u64(c->spks);
			tab(); put_u64(c->docs);
			tab(); put_u64(t->segs);
			tab(); put_u64(t->spks);
			tab(); put_u64(t->docs);
			tab(); put_share(c->segs, t->segs);
			tab(); put_share(c->spks, t->spks);
			tab(); put_share(c->docs, t->docs);
			qp_out_endrec(qp_stdout);
		}
	}
}


static int
cmp_pair(const void *x, const void *y)
{
	const pair_t *p = &pairs[*(const uint32_t *)x], *q = &pairs[*(const uint32_t *)y];
	uint32_t a[3] = { codes[p->a].rank, codes[p->b].rank, groups[p->group].rank };
	uint32_t b[3] = { codes[q->a].rank, codes[q->b].rank, groups[q->group].rank };
	for (int i = 0; i < 3; i++)
		if (a[i] != b[i])
			return a[i] < b[i] ? -1 : 1;
	return 0;
}

static void
write_pairs(void)
{
	static const char *const pre[] = { "code_a", "code_b" };
	static const char *const post[] = { "segments" };
	size_t g0 = nby ? 1 : 0, n = 0;
	uint32_t *o = xcalloc(npairs + 1, sizeof *o);

	header(pre, 2, post, 1);
	for (size_t i = 0; i < npairs; i++)
		if (pairs[i].group >= g0)
			o[n++] = (uint32_t)i;
	qsort(o, n, sizeof *o, cmp_pair);
	for (size_t i = 0; i < n; i++) {
		const pair_t *p = &pairs[o[i]];
		qp_write_field(qp_stdout, codes[p->a].path, codes[p->a].len);
		tab();
		qp_write_field(qp_stdout, codes[p->b].path, codes[p->b].len);
		put_group(&groups[p->group]);
		tab();
		put_u64(p->segs);
		qp_out_endrec(qp_stdout);
	}
	free(o);
}

/* --- matrices: a record stream (matrix) or a Markdown table (md) ------ */

typedef struct {
	size_t ncols;
	char **name;        /* column names of the record stream */
	char **label;       /* Markdown headers, unescaped */
	qp_buf text;        /* body cells, each NUL-terminated */
	size_t *off;
	size_t ncells, capoff;
} table;

static void
tcell(table *t, const char *p, size_t n)
{
	GROW(t->off, t->ncells, t->capoff);
	t->off[t->ncells++] = t->text.len;
	buf_add(&t->text, p, n);
	buf_addc(&t->text, '\0');
}

static void
tcell_u64(table *t, uint64_t v)
{
	char b[24];
	tcell(t, b, (size_t)snprintf(b, sizeof b, "%llu", (unsigned long long)v));
}

static void
tcell_share(table *t, uint64_t num, uint64_t den)
{
	static qp_buf b = QP_BUF_INIT;
	buf_reset(&b);
	fmt_share(num, den, &b);
	tcell(t, b.s ? b.s : "", b.len);
}

/* Lower-case ASCII letters and digits stay; every run of anything else
 * becomes one '_'. */
static void
sanitize(const char *p, size_t n, qp_buf *out)
{
	bool run = false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			buf_addc(out, (char)c);
			run = false;
		} else if (!run) {
			buf_addc(out, '_');
			run = true;
		}
	}
}

/* Column i of t: its stream name made from the parts (joined by "__",
 * "g_" in front unless it starts with a letter) and its Markdown label
 * (the parts joined by " / "). */
static void
tcol(table *t, size_t i, char **parts, size_t *lens, int nparts)
{
	qp_buf nm = QP_BUF_INIT, lb = QP_BUF_INIT;
	for (int k = 0; k < nparts; k++) {
		if (k) {
			buf_adds(&nm, "__");
			buf_adds(&lb, " / ");
		}
		sanitize(parts[k], lens[k], &nm);
		buf_add(&lb, parts[k], lens[k]);
	}
	if (nm.len == 0 || nm.s[0] < 'a' || nm.s[0] > 'z') {
		qp_buf p = QP_BUF_INIT;
		buf_adds(&p, "g_");
		buf_add(&p, nm.s ? nm.s : "", nm.len);
		buf_free(&nm);
		nm = p;
	}
	t->name[i] = buf_detach(&nm, NULL);
	t->label[i] = buf_detach(&lb, NULL);
}

static void
table_init(table *t, size_t ncols)
{
	memset(t, 0, sizeof *t);
	t->ncols = ncols;
	t->name = xcalloc(ncols, sizeof *t->name);
	t->label = xcalloc(ncols, sizeof *t->label);
}

static void
table_free(table *t)
{
	for (size_t i = 0; i < t->ncols; i++) {
		free(t->name[i]);
		free(t->label[i]);
	}
	free(t->name);
	free(t->label);
	free(t->off);
	buf_free(&t->text);
}

/* Names made from values can meet: that is an error, not a silent merge. */
static void
table_check_names(const table *t, const char *what)
{
	qp_map *seen = qp_map_new();
	for (size_t i = 0; i < t->ncols; i++) {
		bool created;
		qp_entry *e = qp_map_put(seen, t->name[i], strlen(t->name[i]), &created);
		if (!created)
			qp_die("--format matrix: %s '%s' and '%s' both become the column "
			       "name '%s' (use --format md, or tell them apart in the input)",
			       what, t->label[VAL(e)], t->label[i], t->name[i]);
		SETVAL(e, i);
	}
	qp_map_free(seen);
}

static void
md_escape(const char *p, qp_buf *out)
{
	for (; *p; p++)
		switch (*p) {
		case '\\': buf_adds(out, "\\\\"); break;
		case '\t': buf_adds(out, "\\t"); break;
		case '\n': buf_adds(out, "\\n"); break;
		case '\r': buf_adds(out, "\\r"); break;
		case '|': buf_adds(out, "\\|"); break;
		default: buf_addc(out, *p);
		}
}

static size_t
width(const char *p, size_t n)
{
	size_t w = 0;
	for (size_t i = 0; i < n; i++)
		w += ((unsigned char)p[i] & 0xC0) != 0x80;
	return w;
}

static void
md_cell(const char *s, size_t w, bool right, qp_buf *tmp)
{
	buf_reset(tmp);
	md_escape(s, tmp);
	size_t have = width(tmp->s ? tmp->s : "", tmp->len);
	qp_puts(qp_stdout, " ");
	for (size_t i = have; right && i < w; i++)
		qp_putc(qp_stdout, ' ');
	put_raw(tmp->s ? tmp->s : "", tmp->len);
	for (size_t i = have; !right && i < w; i++)
		qp_putc(qp_stdout, ' ');
	qp_puts(qp_stdout, " |");
}

/* Column 0 holds codes (left-aligned), the rest numbers (right-aligned). */
static void
table_write(const table *t)
{
	size_t nrows = t->ncols ? t->ncells / t->ncols : 0;

	if (format == F_MATRIX) {
		qp_write_header(qp_stdout, (const char *const *)t->name, (int)t->ncols);
		for (size_t r = 0; r < nrows; r++) {
			for (size_t c = 0; c < t->ncols; c++) {
				const char *s = t->text.s + t->off[r * t->ncols + c];
				if (c)
					tab();
				qp_write_field(qp_stdout, s, strlen(s));
			}
			qp_out_endrec(qp_stdout);
		}
		return;
	}
	qp_buf tmp = QP_BUF_INIT;
	size_t *w = xcalloc(t->ncols, sizeof *w);
	for (size_t c = 0; c < t->ncols; c++) {
		buf_reset(&tmp);
		md_escape(t->label[c], &tmp);
		w[c] = width(tmp.s ? tmp.s : "", tmp.len);
		if (w[c] < 3)
			w[c] = 3;
		for (size_t r = 0; r < nrows; r++) {
			buf_reset(&tmp);
			md_escape(t->text.s + t->off[r * t->ncols + c], &tmp);
			size_t x = width(tmp.s ? tmp.s : "", tmp.len);
			if (x > w[c])
				w[c] = x;
		}
	}
	qp_putc(qp_stdout, '|');
	for (size_t c = 0; c < t->ncols; c++)
		md_cell(t->label[c], w[c], false, &tmp);
	qp_out_endrec(qp_stdout);
	qp_putc(qp_stdout, '|');
	for (size_t c = 0; c < t->ncols; c++) {
		qp_putc(qp_stdout, ' ');
		for (size_t i = 0; i + (c > 0) < w[c]; i++)
			qp_putc(qp_stdout, '-');
		if (c > 0)
			qp_putc(qp_stdout, ':');
		qp_puts(qp_stdout, " |");
	}
	qp_out_endrec(qp_stdout);
	for (size_t r = 0; r < nrows; r++) {
		qp_putc(qp_stdout, '|');
		for (size_t c = 0; c < t->ncols; c++)
			md_cell(t->text.s + t->off[r * t->ncols + c], w[c], c > 0, &tmp);
		qp_out_endrec(qp_stdout);
	}
	free(w);
	buf_free(&tmp);
}

static void
matrix_value(table *t, uint32_t code, uint32_t g)
{
	uint32_t ci = cell_get(code, g);
	const counts *c = ci == NONE ? NULL : &cells[ci].c;
	switch (measure) {
	case M_SEGMENTS: tcell_u64(t, c ? c->segs : 0); break;
	case M_SPEAKERS: tcell_u64(t, c ? c->spks : 0); break;
	case M_DOCS: tcell_u64(t, c ? c->docs : 0); break;
	case M_SHARE: tcell_share(t, c ? c->segs : 0, groups[g].c.segs); break;
	}
}

static void
write_matrix(void)
{
	/* Without --by the one group is the total. */
	size_t ng = nby ? ngorder : 0;
	table t;
	char *code = "code", *total = "total";
	size_t codelen = 4, totallen = 5;

	table_init(&t, ng + 2);
	tcol(&t, 0, &code, &codelen, 1);
	for (size_t j = 0; j < ng; j++) {
		group_t *g = &groups[gorder[j]];
		tcol(&t, j + 1, g->val, g->vlen, nby);
	}
	tcol(&t, ng + 1, &total, &totallen, 1);
	if (format == F_MATRIX)
		table_check_names(&t, "groups");
	for (size_t i = 0; i < ncodes; i++) {
		const code_t *c = &codes[corder[i]];
		tcell(&t, c->path, c->len);
		for (size_t j = 0; j < ng; j++)
			matrix_value(&t, corder[i], gorder[j]);
		matrix_value(&t, corder[i], 0);
	}
	/* The groups' own totals, the denominators of every share. */
	if (measure != M_SHARE) {
		tcell(&t, "(all)", 5);
		for (size_t j = 0; j <= ng; j++) {
			const counts *c = &groups[j < ng ? gorder[j] : 0].c;
			tcell_u64(&t, measure == M_SEGMENTS ? c->segs :
			              measure == M_SPEAKERS ? c->spks : c->docs);
		}
	}
	table_write(&t);
	table_free(&t);
}

static uint32_t
pair_get(uint32_t a, uint32_t b)
{
	uint32_t k[3] = { a, b, 0 };
	if (codes[a].rank > codes[b].rank) {
		k[0] = b;
		k[1] = a;
	}
	qp_entry *e = qp_map_get(pairmap, (const char *)k, sizeof k);
	return e ? VAL(e) : NONE;
}

/* The Code Relations Browser: codes by codes, the diagonal holding each
 * code's own segments and a code's ancestors and descendants left empty. */
static void
write_pair_matrix(void)
{
	table t;
	char *code = "code";
	size_t codelen = 4;

	table_init(&t, ncodes + 1);
	tcol(&t, 0, &code, &codelen, 1);
	for (size_t i = 0; i < ncodes; i++) {
		code_t *c = &codes[corder[i]];
		char *p = (char *)c->path;
		tcol(&t, i + 1, &p, &c->len, 1);
	}
	if (format == F_MATRIX)
		table_check_names(&t, "codes");
	for (size_t i = 0; i < ncodes; i++) {
		const code_t *a = &codes[corder[i]];
		tcell(&t, a->path, a->len);
		for (size_t j = 0; j < ncodes; j++) {
			const code_t *b = &codes[corder[j]];
			if (i == j) {
				uint32_t ci = cell_get(corder[i], 0);
				tcell_u64(&t, ci == NONE ? 0 : cells[ci].c.segs);
			} else if (code_is_ancestor(a->path, a->len, b->path, b->len) ||
			           code_is_ancestor(b->path, b->len, a->path, a->len)) {
				tcell(&t, "", 0);
			} else {
				uint32_t pi = pair_get(corder[i], corder[j]);
				tcell_u64(&t, pi == NONE ? 0 : pairs[pi].segs);
			}
		}
	}
	table_write(&t);
	table_free(&t);
}

/* --- saturation (Guest, Namey & Chen 2020) ---------------------------- */

typedef struct {
	uint32_t grank, pos, crank, code;
} newcode;

static int
cmp_newcode(const void *x, const void *y)
{
	const newcode *a = x, *b = y;
	if (a->grank != b->grank)
		return a->grank < b->grank ? -1 : 1;
	if (a->pos != b->pos)
		return a->pos < b->pos ? -1 : 1;
	return a->crank < b->crank ? -1 : a->crank > b->crank;
}

typedef struct {
	uint32_t grank, order, doc;
} gdoc;

static int
cmp_gdoc(const void *x, const void *y)
{
	const gdoc *a = x, *b = y;
	if (a->grank != b->grank)
		return a->grank < b->grank ? -1 : 1;
	return a->order < b->order ? -1 : a->order > b->order;
}

static void
put_list_codes(const newcode *nc, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++) {
		if (i > from)
			qp_putc(qp_stdout, ';');
		qp_write_field(qp_stdout, codes[nc[i].code].path, codes[nc[i].code].len);
	}
}

static void
put_list_docs(const gdoc *gd, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++) {
		if (i > from)
			qp_putc(qp_stdout, ';');
		put_raw(docs[gd[i].doc].raw, docs[gd[i].doc].len);
	}
}

/* One saturation record: kind, by-values, from and to (when range), the
 * docs gd[d0..d1), the counts (when known), ratio, saturated, point, and
 * the codes nc[n0..n1). */
static void
sat_row(const char *kind, const group_t *g, uint64_t from, uint64_t to, bool range,
        const gdoc *gd, size_t d0, size_t d1, bool counts_known,
        uint64_t nnew, uint64_t total, const char *ratio, const char *saturated,
        const char *point, const newcode *nc, size_t n0, size_t n1)
{
	qp_puts(qp_stdout, kind);
	put_group(g);
	tab();
	if (range)
		put_u64(from);
	tab();
	if (range)
		put_u64(to);
	tab();
	put_list_docs(gd, d0, d1);
	tab();
	if (counts_known)
		put_u64(nnew);
	tab();
	if (counts_known)
		put_u64(total);
	tab();
	qp_puts(qp_stdout, ratio);
	tab();
	qp_puts(qp_stdout, saturated);
	tab();
	qp_puts(qp_stdout, point);
	tab();
	put_list_codes(nc, n0, n1);
	qp_out_endrec(qp_stdout);
}

static void
write_saturation(void)
{
	static const char *const pre[] = { "kind" };
	static const char *const post[] = {
		"from", "to", "docs", "new_codes", "total_codes", "ratio",
		"saturated", "point", "new"
	};
	size_t g0 = nby ? 1 : 0;

	if (nodoc)
		qp_die("--saturation: %llu record%s no doc", (unsigned long long)nodoc,
		       nodoc == 1 ? " has" : "s have");
	for (size_t i = 0; i < pairset_count(&cdocs); i++) {
		uint32_t k[2];
		pairset_at(&cdocs, i, k);
		uint32_t o = docs[k[1]].order;
		if (o == NONE)
			qp_die("not tally --partial output: no doc record for '%s'",
			       docs[k[1]].raw);
		if (o < cells[k[0]].first)
			cells[k[0]].first = o;
	}

	/* Each group's docs in stream order. */
	size_t ngd = 0;
	gdoc *gd = xcalloc(pairset_count(&gdocs) + 1, sizeof *gd);
	for (size_t i = 0; i < pairset_count(&gdocs); i++) {
		uint32_t k[2];
		pairset_at(&gdocs, i, k);
		if (k[0] < g0)
			continue;
		if (docs[k[1]].order == NONE)
			qp_die("not tally --partial output: no doc record for '%s'",
			       docs[k[1]].raw);
		gd[ngd++] = (gdoc){ groups[k[0]].rank, docs[k[1]].order, k[1] };
	}
	qsort(gd, ngd, sizeof *gd, cmp_gdoc);
	size_t *gstart = xcalloc(ngorder + 1, sizeof *gstart);
	for (size_t i = 0, r = 0; r <= ngorder; r++) {
		while (i < ngd && gd[i].grank < r)
			i++;
		gstart[r] = i;
	}

	/* Each cell's code is new at the position (within its group's docs)
	 * of the earliest doc it appears in. */
	size_t nnc = 0;
	newcode *nc = xcalloc(ncells + 1, sizeof *nc);
	for (size_t i = 0; i < ncells; i++) {
		const cell_t *c = &cells[i];
		if (c->group < g0 || c->first == NONE)
			continue;
		uint32_t r = groups[c->group].rank;
		size_t lo = gstart[r], hi = gstart[r + 1];
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (gd[mid].order < c->first)
				lo = mid + 1;
			else
				hi = mid;
		}
		nc[nnc++] = (newcode){ r, (uint32_t)(lo - gstart[r] + 1),
		                       codes[c->code].rank, c->code };
	}
	qsort(nc, nnc, sizeof *nc, cmp_newcode);

	header(pre, 1, post, 9);
	qp_buf ratio = QP_BUF_INIT, point = QP_BUF_INIT;
	size_t ni = 0;
	for (uint32_t r = 0; r < ngorder; r++) {
		const group_t *g = &groups[gorder[r]];
		const gdoc *gds = gd + gstart[r];
		size_t n = gstart[r + 1] - gstart[r];
		/* ncs[k] .. ncs[k+1]: codes new at position k+1. */
		size_t *ncs = xcalloc(n + 2, sizeof *ncs);
		uint64_t *cum = xcalloc(n + 1, sizeof *cum);
		for (size_t k = 0; k <= n; k++) {
			while (ni < nnc && nc[ni].grank == r && nc[ni].pos < k + 1)
				ni++;
			ncs[k] = ni;
		}
		while (ni < nnc && nc[ni].grank == r)
			ni++;
		ncs[n + 1] = ni;
		for (size_t k = 1; k <= n; k++)
			cum[k] = cum[k - 1] + (ncs[k] - ncs[k - 1]);

		for (size_t k = 1; k <= n; k++)
			sat_row("doc", g, k, k, true, gds, k - 1, k, true,
			        ncs[k] - ncs[k - 1], cum[k], "", "", "", nc, ncs[k - 1], ncs[k]);
		size_t b = n < base_n ? n : base_n;
		uint64_t basecodes = cum[b];
		sat_row("base", g, 1, b, b > 0, gds, 0, b, true, basecodes, basecodes,
		        "", "", "", nc, ncs[0], ncs[b]);
		size_t found = 0;
		uint64_t fnew = 0;
		char fratio[32] = "";
		for (size_t s = base_n; s + run_n <= n; s++) {
			uint64_t nnew = cum[s + run_n] - cum[s];
			bool ok = basecodes > 0 && nnew * 1000000 <= threshold * basecodes;
			buf_reset(&ratio);
			fmt_share(nnew, basecodes, &ratio);
			buf_reset(&point);
			buf_printf(&point, "%zu+%lu", s, run_n);
			sat_row("run", g, s + 1, s + run_n, true, gds, s, s + run_n, true,
			        nnew, cum[s + run_n], ratio.s ? ratio.s : "", ok ? "yes" : "no",
			        point.s, nc, ncs[s], ncs[s + run_n]);
			if (ok && !found) {
				found = s;
				fnew = nnew;
				snprintf(fratio, sizeof fratio, "%s", ratio.s);
			}
		}
		buf_reset(&point);
		if (found)
			buf_printf(&point, "%zu+%lu", found, run_n);
		sat_row("result", g, 1, found, found > 0, gds, 0, 0, found > 0,
		        fnew, cum[found], fratio, found ? "yes" : "no",
		        point.s ? point.s : "", nc, 0, 0);
		free(ncs);
		free(cum);
	}
	buf_free(&ratio);
	buf_free(&point);
	free(nc);
	free(gd);
	free(gstart);
}

/* --- options ---------------------------------------------------------- */

static void
add_by(const char *arg)
{
	for (const char *p = arg;;) {
		const char *comma = strchr(p, ',');
		size_t n = comma ? (size_t)(comma - p) : strlen(p);
		if (!qp_valid_colname(p, n))
			qp_usage_error(usage, "--by: '%.*s' is not a column name", (int)n, p);
		for (int i = 0; i < nby; i++)
			if (strlen(by[i]) == n && memcmp(by[i], p, n) == 0)
				qp_usage_error(usage, "--by: '%s' given twice", by[i]);
		by = xreallocarray(by, (size_t)nby + 1, sizeof *by);
		by[nby++] = xmemdup(p, n);
		if (!comma)
			break;
		p = comma + 1;
	}
}

/* P per cent, with up to four decimals and an optional '%'. */
static uint64_t
parse_threshold(const char *s)
{
	uint64_t v = 0;
	int frac = -1;
	const char *p = s;

	if (*p < '0' || *p > '9')
		goto bad;
	for (; *p && *p != '%'; p++) {
		if (*p == '.' && frac < 0) {
			frac = 0;
			continue;
		}
		if (*p < '0' || *p > '9' || frac == 4 || v > 1000000000)
			goto bad;
		v = v * 10 + (uint64_t)(*p - '0');
		if (frac >= 0)
			frac++;
	}
	if (*p == '%' && p[1] != '\0')
		goto bad;
	for (int i = frac < 0 ? 0 : frac; i < 4; i++)
		v *= 10;
	if (v > 1000000)
		qp_usage_error(usage, "--threshold: %s is more than 100 per cent", s);
	return v;
bad:
	qp_usage_error(usage, "--threshold: not a percentage: '%s'", s);
}

/* Names the output uses itself; a --by column may not take them. */
static void
check_by_names(void)
{
	static const char *const tally_cols[] = {
		"code", "segments", "speakers", "docs", "group_segments",
		"group_speakers", "group_docs", "segment_share", "speaker_share",
		"doc_share", NULL
	};
	static const char *const pair_cols[] = { "code_a", "code_b", "segments", NULL };
	static const char *const sat_cols[] = {
		"kind", "from", "to", "docs", "new_codes", "total_codes", "ratio",
		"saturated", "point", "new", NULL
	};
	const char *const *cols = mode == MODE_COOCCUR ? pair_cols :
	                          mode == MODE_SATURATION ? sat_cols : tally_cols;
	if (partial || format != F_LONG)
		return;
	for (int i = 0; i < nby; i++)
		for (int k = 0; cols[k]; k++)
			if (strcmp(by[i], cols[k]) == 0)
				qp_usage_error(usage, "--by: '%s' is a column of tally's own output",
				               by[i]);
}

int
main(int argc, char **argv)
{
	bool measure_given = false, sat_opt = false;
	int c;

	qp_init("tally");
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_BY:
			add_by(optarg);
			break;
		case OPT_NO_ROLLUP:
			rollup = false;
			break;
		case OPT_DEPTH:
			depth = qp_parse_ulong(optarg, "--depth", 1000000, usage);
			if (depth == 0)
				qp_usage_error(usage, "--depth: at least 1");
			break;
		case OPT_FORMAT:
			if (strcmp(optarg, "long") == 0)
				format = F_LONG;
			else if (strcmp(optarg, "matrix") == 0)
				format = F_MATRIX;
			else if (strcmp(optarg, "md") == 0)
				format = F_MD;
			else
				qp_usage_error(usage, "--format: long, matrix or md, not '%s'", optarg);
			break;
		case OPT_MEASURE:
			measure_given = true;
			if (strcmp(optarg, "segments") == 0)
				measure = M_SEGMENTS;
			else if (strcmp(optarg, "speakers") == 0)
				measure = M_SPEAKERS;
			else if (strcmp(optarg, "docs") == 0)
				measure = M_DOCS;
			else if (strcmp(optarg, "share") == 0)
				measure = M_SHARE;
			else
				qp_usage_error(usage, "--measure: segments, speakers, docs or share, "
				               "not '%s'", optarg);
			break;
		case OPT_COOCCUR:
		case OPT_SATURATION:
			if (mode != MODE_TALLY)
				qp_usage_error(usage, "--cooccur and --saturation exclude each other");
			mode = c == OPT_COOCCUR ? MODE_COOCCUR : MODE_SATURATION;
			break;
		case OPT_BASE:
			base_n = qp_parse_ulong(optarg, "--base", 1000000, usage);
			if (base_n == 0)
				qp_usage_error(usage, "--base: at least 1");
			sat_opt = true;
			break;
		case OPT_RUN:
			run_n = qp_parse_ulong(optarg, "--run", 1000000, usage);
			if (run_n == 0)
				qp_usage_error(usage, "--run: at least 1");
			sat_opt = true;
			break;
		case OPT_THRESHOLD:
			threshold = parse_threshold(optarg);
			sat_opt = true;
			break;
		case OPT_PARTIAL:
			partial = true;
			break;
		case OPT_MERGE:
			merge = true;
			break;
		default:
			qp_common_opt(c, usage);
		}
	}
	if (sat_opt && mode != MODE_SATURATION)
		qp_usage_error(usage, "--base, --run and --threshold go with --saturation");
	if (measure_given && format == F_LONG)
		qp_usage_error(usage, "--measure goes with --format matrix or md");
	if (mode == MODE_SATURATION && format != F_LONG)
		qp_usage_error(usage, "--saturation writes the long format only");
	if (mode == MODE_COOCCUR && format != F_LONG && nby)
		qp_usage_error(usage, "--cooccur --format %s takes no --by",
		               format == F_MD ? "md" : "matrix");
	if (mode == MODE_COOCCUR && measure != M_SEGMENTS)
		qp_usage_error(usage, "--cooccur counts segments only");
	check_by_names();

	codemap = qp_map_new();
	groupmap = qp_map_new();
	docmap = qp_map_new();
	spkmap = qp_map_new();
	cellmap = qp_map_new();
	pairmap = qp_map_new();
	pairset_init(&gdocs);
	pairset_init(&gspks);
	pairset_init(&cdocs);
	pairset_init(&cspks);
	combomap = qp_map_new();
	new_group("", 0);           /* group 0: every record */

	rd = qp_rd_open(argc - optind, argv + optind);
	if (merge)
		merge_stream();
	else
		count_stream();

	if (partial) {
		write_partial();
	} else {
		sort_all();
		if (mode == MODE_SATURATION)
			write_saturation();
		else if (mode == MODE_COOCCUR)
			format == F_LONG ? write_pairs() : write_pair_matrix();
		else
			format == F_LONG ? write_long() : write_matrix();
	}
	qp_out_close(qp_stdout);
	qp_rd_free(rd);
	return 0;
}
