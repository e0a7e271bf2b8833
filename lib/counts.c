/* counts.c: tally's state, counting records into it, and the long and
 * matrix reports (see counts.h). */
#include <stdlib.h>
#include <string.h>

#include "coded.h"
#include "codepath.h"
#include "cooccur.h"
#include "counts.h"
#include "list.h"
#include "output.h"
#include "qp.h"
#include "table.h"

/* Distinct code lists remembered with their expansion; past this many
 * the expansion is redone per record, so memory stays bounded. */
#define COMBO_MAX 65536

/* A map value is an id + 1, so that NULL (a new entry) is no id. */
#define VAL(e) ((uint32_t)((uintptr_t)(e)->val - 1))
#define SETVAL(e, i) ((e)->val = (void *)(uintptr_t)((i) + 1))

static void
totals_init(ct_totals *c)
{
	c->segs = c->docs = c->spks = 0;
	c->last_doc = c->last_spk = CT_NONE;
}

static uint32_t
new_group(ct_state *t, const char *raw, size_t n)
{
	XGROW(t->groups, t->ngroups, t->capgroups);
	ct_group *g = &t->groups[t->ngroups];
	g->raw = raw;
	g->rawlen = n;
	g->val = xcalloc((size_t)t->nby + 1, sizeof *g->val);
	g->vlen = xcalloc((size_t)t->nby + 1, sizeof *g->vlen);
	totals_init(&g->c);
	g->rank = 0;
	return (uint32_t)t->ngroups++;
}

ct_state *
ct_new(const qp_strlist *by, bool rollup, unsigned long depth, bool cooccur,
       qp_rd *rd)
{
	ct_state *t = xcalloc(1, sizeof *t);
	t->by = by;
	t->nby = (int)by->n;
	t->rollup = rollup;
	t->depth = depth;
	t->cooccur = cooccur;
	t->rd = rd;
	t->codemap = qp_map_new();
	t->groupmap = qp_map_new();
	t->docmap = qp_map_new();
	t->spkmap = qp_map_new();
	t->cellmap = qp_map_new();
	t->pairmap = qp_map_new();
	t->combomap = qp_map_new();
	qp_pairset_init(&t->gdocs);
	qp_pairset_init(&t->gspks);
	qp_pairset_init(&t->cdocs);
	qp_pairset_init(&t->cspks);
	t->last_group.id = t->last_doc.id = t->last_spk.id = CT_NONE;
	new_group(t, "", 0);        /* group 0: every record */
	return t;
}

void
ct_free(ct_state *t)
{
	if (!t)
		return;
	qp_map_free(t->codemap);
	qp_map_free(t->groupmap);
	qp_map_free(t->docmap);
	qp_map_free(t->spkmap);
	qp_map_free(t->cellmap);
	qp_map_free(t->pairmap);
	qp_map_free(t->combomap);
	qp_pairset_free(&t->gdocs);
	qp_pairset_free(&t->gspks);
	qp_pairset_free(&t->cdocs);
	qp_pairset_free(&t->cspks);
	for (size_t g = 0; g < t->ngroups; g++) {
		for (int i = 0; i < t->nby; i++)
			free(t->groups[g].val[i]);
		free(t->groups[g].val);
		free(t->groups[g].vlen);
	}
	free(t->groups);
	free(t->codes);
	free(t->docs);
	free(t->spks);
	free(t->cells);
	free(t->pairv);
	free(t->combos);
	free(t->idpool);
	free(t->pairpool);
	free(t->sc_ids);
	free(t->sc_pairs);
	buf_free(&t->last_group.key);
	buf_free(&t->last_doc.key);
	buf_free(&t->last_spk.key);
	buf_free(&t->key);
	buf_free(&t->scratch);
	buf_free(&t->ub);
	free(t->corder);
	free(t->gorder);
	free(t);
}

void
ct_bad_escape(const ct_state *t, const char *what)
{
	qp_die_at(qp_rd_file(t->rd), qp_rd_lineno(t->rd),
	          "bad escape in %s (only \\\\ \\t \\n \\r are allowed)", what);
}

void
ct_unescape(ct_state *t, const char *p, size_t n, const char *what)
{
	buf_reset(&t->scratch);
	if (!qp_unescape(p, n, &t->scratch))
		ct_bad_escape(t, what);
}

uint32_t
ct_code_id(ct_state *t, const char *p, size_t n, bool up)
{
	bool created;
	qp_entry *e = qp_map_put(t->codemap, p, n, &created);
	if (!created)
		return VAL(e);
	uint32_t id = (uint32_t)t->ncodes;
	const char *key = e->key;
	SETVAL(e, id);
	XGROW(t->codes, t->ncodes, t->capcodes);
	t->codes[t->ncodes++] = (ct_code){ key, n, CT_NONE, 0, 0, CT_NONE, CT_NONE, CT_NONE };
	if (up) {
		size_t pl = code_parent(key, n);
		if (pl) {
			uint32_t par = ct_code_id(t, key, pl, up);
			t->codes[id].parent = par;
		}
	}
	return id;
}

/* Is key what l was last asked for?  Else remember it. */
static bool
same_as_last(ct_last *l, const char *key, size_t n)
{
	return l->id != CT_NONE && n == l->key.len && memcmp(key, l->key.s, n) == 0;
}

static uint32_t
remember(ct_last *l, const char *key, size_t n, uint32_t id)
{
	l->id = id;
	buf_reset(&l->key);
	buf_add(&l->key, key, n);
	return id;
}

uint32_t
ct_group_of(ct_state *t, const int *cols)
{
	qp_buf *key = &t->key;
	buf_reset(key);
	for (int i = 0; i < t->nby; i++) {
		qp_span v = qp_rd_raw(t->rd, cols[i]);
		if (i)
			buf_addc(key, '\t');
		buf_add(key, v.p, v.n);
	}
	if (same_as_last(&t->last_group, key->s, key->len))
		return t->last_group.id;
	bool created;
	qp_entry *e = qp_map_put(t->groupmap, key->s, key->len, &created);
	if (created) {
		uint32_t g = new_group(t, e->key, key->len);
		SETVAL(e, g);
		for (int i = 0; i < t->nby; i++) {
			qp_span v = qp_rd_raw(t->rd, cols[i]);
			ct_unescape(t, v.p, v.n, qp_rd_name(t->rd, cols[i]));
			t->groups[g].vlen[i] = t->scratch.len;
			t->groups[g].val[i] = xmemdup(t->scratch.s, t->scratch.len);
		}
	}
	return remember(&t->last_group, key->s, key->len, VAL(e));
}

uint32_t
ct_doc_of(ct_state *t, const char *p, size_t n, bool order)
{
	if (n == 0)
		return CT_NONE;
	if (same_as_last(&t->last_doc, p, n))
		return t->last_doc.id;
	bool created;
	qp_entry *e = qp_map_put(t->docmap, p, n, &created);
	if (created) {
		ct_unescape(t, p, n, "doc");
		SETVAL(e, t->ndocs);
		XGROW(t->docs, t->ndocs, t->capdocs);
		t->docs[t->ndocs++] = (ct_doc){ e->key, n, order ? t->norder++ : CT_NONE };
	}
	return remember(&t->last_doc, p, n, VAL(e));
}

uint32_t
ct_speaker_of(ct_state *t, const char *part, size_t pn, const char *label,
              size_t ln, uint32_t d)
{
	qp_buf *key = &t->key;
	buf_reset(key);
	if (pn) {
		buf_addc(key, 'p');
		buf_add(key, part, pn);
	} else if (ln) {
		buf_addc(key, 's');
		buf_add(key, &d, sizeof d);
		buf_add(key, label, ln);
	} else {
		return CT_NONE;
	}
	if (same_as_last(&t->last_spk, key->s, key->len))
		return t->last_spk.id;
	bool created;
	qp_entry *e = qp_map_put(t->spkmap, key->s, key->len, &created);
	if (created) {
		if (pn)
			ct_unescape(t, part, pn, "participant");
		else
			ct_unescape(t, label, ln, "speaker");
		SETVAL(e, t->nspks);
		XGROW(t->spks, t->nspks, t->capspks);
		size_t off = pn ? 1 : 1 + sizeof d;
		t->spks[t->nspks++] = (ct_speaker){ e->key + off, pn ? pn : ln,
		                                    pn ? CT_NONE : d, pn != 0 };
	}
	return remember(&t->last_spk, key->s, key->len, VAL(e));
}

uint32_t
ct_cell_of(ct_state *t, uint32_t code, uint32_t g)
{
	ct_code *c = &t->codes[code];
	if (g == 0 && c->all_cell != CT_NONE)
		return c->all_cell;
	if (g != 0 && c->cache_g == g)
		return c->cache_cell;
	uint32_t k[2] = { code, g };
	bool created;
	qp_entry *e = qp_map_put(t->cellmap, (const char *)k, sizeof k, &created);
	if (created) {
		SETVAL(e, t->ncells);
		XGROW(t->cells, t->ncells, t->capcells);
		ct_cell *n = &t->cells[t->ncells++];
		n->code = code;
		n->group = g;
		totals_init(&n->c);
		n->first = CT_NONE;
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

uint32_t
ct_cell_get(const ct_state *t, uint32_t code, uint32_t g)
{
	uint32_t k[2] = { code, g };
	qp_entry *e = qp_map_get(t->cellmap, (const char *)k, sizeof k);
	return e ? VAL(e) : CT_NONE;
}

/* --- resolving a codes field ------------------------------------------ */

/* The code p[0..vn) of the codes field, unescaped, checked and cut. */
static uint32_t
field_code(ct_state *t, const char *v, size_t vn)
{
	if (memchr(v, '\\', vn)) {
		buf_reset(&t->ub);
		if (!qp_unescape(v, vn, &t->ub))
			ct_bad_escape(t, "codes");
		v = t->ub.s;
		vn = t->ub.len;
	}
	if (vn == 0)
		qp_die_at(qp_rd_file(t->rd), qp_rd_lineno(t->rd), "empty value in codes");
	if (!code_valid(v, vn))
		qp_coded_bad_path(t->rd, v, vn);
	vn = code_cut(v, vn, t->depth);
	return ct_code_id(t, v, vn, t->rollup);
}

/* Resolve the codes field p[0..n) into sc_ids (and with cooccur
 * sc_pairs); returns the number of values it holds. */
static uint32_t
expand(ct_state *t, const char *p, size_t n)
{
	qp_list l;
	const char *v;
	size_t vn;
	uint32_t nvals = 0;

	t->nsc_ids = t->nsc_pairs = 0;
	if (++t->stamp == 0) {
		for (size_t i = 0; i < t->ncodes; i++)
			t->codes[i].mark = 0;
		t->stamp = 1;
	}
	qp_list_init(&l, p, n);
	while (qp_list_next(&l, &v, &vn)) {
		nvals++;
		uint32_t id = field_code(t, v, vn);
		for (; id != CT_NONE && t->codes[id].mark != t->stamp;
		     id = t->codes[id].parent) {
			t->codes[id].mark = t->stamp;
			XGROW(t->sc_ids, t->nsc_ids, t->capsc_ids);
			t->sc_ids[t->nsc_ids++] = id;
		}
	}
	if (t->cooccur)
		cooccur_expand(t);
	return nvals;
}

/* Remember the expansion just made (sc_ids, sc_pairs) as combo f. */
static const ct_combo *
keep_combo(ct_state *t, qp_span f, uint32_t nvals)
{
	qp_entry *e = qp_map_put(t->combomap, f.p, f.n, NULL);
	SETVAL(e, t->ncombos);
	XGROW(t->combos, t->ncombos, t->capcombos);
	ct_combo *k = &t->combos[t->ncombos++];
	k->nvals = nvals;
	k->nids = (uint32_t)t->nsc_ids;
	k->ids = (uint32_t)t->nidpool;
	for (size_t i = 0; i < t->nsc_ids; i++) {
		XGROW(t->idpool, t->nidpool, t->capidpool);
		t->idpool[t->nidpool++] = t->sc_ids[i];
	}
	k->npairs = (uint32_t)(t->nsc_pairs / 2);
	k->pairs = (uint32_t)t->npairpool;
	for (size_t i = 0; i < t->nsc_pairs; i++) {
		XGROW(t->pairpool, t->npairpool, t->cappairpool);
		t->pairpool[t->npairpool++] = t->sc_pairs[i];
	}
	return k;
}

void
ct_resolve(ct_state *t, qp_span f, ct_codeset *out)
{
	static const ct_combo none;
	const ct_combo *c = &none;

	if (f.n) {
		qp_entry *e = qp_map_get(t->combomap, f.p, f.n);
		if (e) {
			c = &t->combos[VAL(e)];
		} else {
			uint32_t nv = expand(t, f.p, f.n);
			if (t->ncombos >= COMBO_MAX) {
				*out = (ct_codeset){ nv, t->sc_ids, t->sc_pairs,
				                     t->nsc_ids, t->nsc_pairs / 2 };
				return;
			}
			c = keep_combo(t, f, nv);
		}
	}
	out->nvals = c->nvals;
	out->ids = t->idpool ? t->idpool + c->ids : NULL;
	out->nids = c->nids;
	out->pairs = t->pairpool ? t->pairpool + c->pairs : NULL;
	out->npairs = c->npairs;
}

void
ct_count_record(ct_state *t, uint32_t g, uint32_t d, uint32_t s,
                const ct_codeset *cs)
{
	for (uint32_t gg = g;; gg = 0) {
		ct_totals *c = &t->groups[gg].c;
		c->segs++;
		ct_add_doc(c, &t->gdocs, gg, d);
		ct_add_speaker(c, &t->gspks, gg, s);
		for (size_t i = 0; i < cs->nids; i++) {
			uint32_t ci = ct_cell_of(t, cs->ids[i], gg);
			ct_totals *k = &t->cells[ci].c;
			k->segs++;
			ct_add_doc(k, &t->cdocs, ci, d);
			ct_add_speaker(k, &t->cspks, ci, s);
		}
		for (size_t i = 0; i < cs->npairs; i++)
			cooccur_add(t, cs->pairs[2 * i], cs->pairs[2 * i + 1], gg, 1);
		if (gg == 0)
			break;
	}
}

/* --- sorted reports --------------------------------------------------- */

/* What sorting compares, beside the id it sorts: a code's path, or a
 * group and its number of values. */
typedef struct {
	const ct_code *code;
	const ct_group *group;
	int nby;
	uint32_t id;
} sort_key;

static int
cmp_code(const void *x, const void *y)
{
	const ct_code *a = ((const sort_key *)x)->code, *b = ((const sort_key *)y)->code;
	return code_cmp(a->path, a->len, b->path, b->len);
}

static int
cmp_group(const void *x, const void *y)
{
	const sort_key *ka = x, *kb = y;
	const ct_group *a = ka->group, *b = kb->group;
	for (int i = 0; i < ka->nby; i++) {
		size_t n = a->vlen[i] < b->vlen[i] ? a->vlen[i] : b->vlen[i];
		int c = memcmp(a->val[i], b->val[i], n);
		if (c)
			return c;
		if (a->vlen[i] != b->vlen[i])
			return a->vlen[i] < b->vlen[i] ? -1 : 1;
	}
	return 0;
}

/* Sort the ids in keys[0..n) with cmp, into order[] (and the ranks). */
static void
sort_ids(sort_key *keys, size_t n, int (*cmp)(const void *, const void *),
         uint32_t *order)
{
	qsort(keys, n, sizeof *keys, cmp);
	for (size_t i = 0; i < n; i++)
		order[i] = keys[i].id;
}

void
ct_sort(ct_state *t)
{
	sort_key *k = xcalloc((t->ncodes > t->ngroups ? t->ncodes : t->ngroups) + 1,
	                      sizeof *k);
	t->corder = xcalloc(t->ncodes + 1, sizeof *t->corder);
	for (size_t i = 0; i < t->ncodes; i++)
		k[i] = (sort_key){ &t->codes[i], NULL, 0, (uint32_t)i };
	sort_ids(k, t->ncodes, cmp_code, t->corder);
	for (size_t i = 0; i < t->ncodes; i++)
		t->codes[t->corder[i]].rank = (uint32_t)i;

	t->gorder = xcalloc(t->ngroups + 1, sizeof *t->gorder);
	t->ngorder = 0;
	for (size_t g = t->nby ? 1 : 0; g < t->ngroups; g++)
		k[t->ngorder++] = (sort_key){ NULL, &t->groups[g], t->nby, (uint32_t)g };
	sort_ids(k, t->ngorder, cmp_group, t->gorder);
	for (size_t i = 0; i < t->ngorder; i++)
		t->groups[t->gorder[i]].rank = (uint32_t)i;
	free(k);
}

void
ct_write_header(const ct_state *t, const char *const *pre, int npre,
                const char *const *post, int npost)
{
	for (int i = 0; i < npre; i++) {
		if (i)
			qp_putc(qp_stdout, '\t');
		qp_puts(qp_stdout, pre[i]);
	}
	for (int i = 0; i < t->nby; i++) {
		qp_putc(qp_stdout, '\t');
		qp_puts(qp_stdout, t->by->v[i]);
	}
	for (int i = 0; i < npost; i++) {
		qp_putc(qp_stdout, '\t');
		qp_puts(qp_stdout, post[i]);
	}
	qp_out_endrec(qp_stdout);
}

void
ct_write_group(const ct_state *t, const ct_group *g)
{
	if (t->nby) {
		qp_putc(qp_stdout, '\t');
		qp_write(qp_stdout, g->raw, g->rawlen);
	}
}

static void
tab_u64(uint64_t v)
{
	qp_putc(qp_stdout, '\t');
	qp_write_u64(qp_stdout, v);
}

static void
tab_ratio(uint64_t num, uint64_t den)
{
	qp_putc(qp_stdout, '\t');
	qp_write_ratio(qp_stdout, num, den);
}

void
ct_write_long(const ct_state *t)
{
	static const char *const pre[] = { "code" };
	static const char *const post[] = {
		"segments", "speakers", "docs", "group_segments", "group_speakers",
		"group_docs", "segment_share", "speaker_share", "doc_share"
	};
	ct_write_header(t, pre, 1, post, 9);
	for (size_t i = 0; i < t->ncodes; i++) {
		const ct_code *code = &t->codes[t->corder[i]];
		for (size_t j = 0; j < t->ngorder; j++) {
			uint32_t ci = ct_cell_get(t, t->corder[i], t->gorder[j]);
			if (ci == CT_NONE)
				continue;
			const ct_totals *c = &t->cells[ci].c, *g = &t->groups[t->gorder[j]].c;
			qp_write_field(qp_stdout, code->path, code->len);
			ct_write_group(t, &t->groups[t->gorder[j]]);
			tab_u64(c->segs);
			tab_u64(c->spks);
			tab_u64(c->docs);
			tab_u64(g->segs);
			tab_u64(g->spks);
			tab_u64(g->docs);
			tab_ratio(c->segs, g->segs);
			tab_ratio(c->spks, g->spks);
			tab_ratio(c->docs, g->docs);
			qp_out_endrec(qp_stdout);
		}
	}
}

static void
matrix_value(const ct_state *t, qp_table *tb, enum ct_measure m, uint32_t code,
             uint32_t g)
{
	uint32_t ci = ct_cell_get(t, code, g);
	const ct_totals *c = ci == CT_NONE ? NULL : &t->cells[ci].c;
	switch (m) {
	case CT_SEGMENTS: qp_table_add_u64(tb, c ? c->segs : 0); break;
	case CT_SPEAKERS: qp_table_add_u64(tb, c ? c->spks : 0); break;
	case CT_DOCS: qp_table_add_u64(tb, c ? c->docs : 0); break;
	case CT_SHARE: qp_table_add_ratio(tb, c ? c->segs : 0, t->groups[g].c.segs); break;
	}
}

void
ct_write_matrix(const ct_state *t, enum ct_measure m, bool md)
{
	/* Without --by the one group is the total. */
	size_t ng = t->nby ? t->ngorder : 0;
	qp_table tb;

	qp_table_init(&tb, ng + 2);
	qp_table_set_column(&tb, 0, "code", "code");
	for (size_t j = 0; j < ng; j++) {
		const ct_group *g = &t->groups[t->gorder[j]];
		qp_table_column_from_values(&tb, j + 1, g->val, g->vlen, t->nby);
	}
	qp_table_set_column(&tb, ng + 1, "total", "total");
	if (!md)
		qp_table_check_names(&tb, "groups");
	for (size_t i = 0; i < t->ncodes; i++) {
		const ct_code *c = &t->codes[t->corder[i]];
		qp_table_add_cell(&tb, c->path, c->len);
		for (size_t j = 0; j < ng; j++)
			matrix_value(t, &tb, m, t->corder[i], t->gorder[j]);
		matrix_value(t, &tb, m, t->corder[i], 0);
	}
	/* The groups' own totals, the denominators of every share. */
	if (m != CT_SHARE) {
		qp_table_add_cell(&tb, "(all)", 5);
		for (size_t j = 0; j <= ng; j++) {
			const ct_totals *c = &t->groups[j < ng ? t->gorder[j] : 0].c;
			qp_table_add_u64(&tb, m == CT_SEGMENTS ? c->segs :
			                      m == CT_SPEAKERS ? c->spks : c->docs);
		}
	}
	if (md)
		qp_table_write_md(&tb, qp_stdout, true);
	else
		qp_table_write_records(&tb, qp_stdout);
	qp_table_free(&tb);
}
