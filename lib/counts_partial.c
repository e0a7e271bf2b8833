/* counts_partial.c: tally's partial form (see counts_partial.h). */
#include <stdlib.h>
#include <string.h>

#include "codepath.h"
#include "cooccur.h"
#include "counts_partial.h"
#include "output.h"
#include "partial.h"
#include "qp.h"
#include "table.h"

static void
tab(void)
{
	qp_putc(qp_stdout, '\t');
}

/* One partial record; the group's by-values are its raw key. */
static void
part_rec(const ct_state *t, const char *kind, const char *a, size_t an,
         const char *b, size_t bn, const ct_group *g, const ct_doc *d,
         const ct_speaker *s, bool hasn, uint64_t n)
{
	qp_puts(qp_stdout, kind);
	tab();
	qp_write_field(qp_stdout, a, an);
	tab();
	qp_write_field(qp_stdout, b, bn);
	if (t->nby) {
		tab();
		if (g)
			qp_write(qp_stdout, g->raw, g->rawlen);
		else
			for (int i = 1; i < t->nby; i++)
				tab();
	}
	tab();
	if (s && !s->participant && s->doc != CT_NONE)
		d = &t->docs[s->doc];
	if (d)
		qp_write(qp_stdout, d->raw, d->len);
	tab();
	if (s && !s->participant)
		qp_write(qp_stdout, s->raw, s->len);
	tab();
	if (s && s->participant)
		qp_write(qp_stdout, s->raw, s->len);
	tab();
	if (hasn)
		qp_write_u64(qp_stdout, n);
	qp_out_endrec(qp_stdout);
}

#define CODE(c) (c)->path, (c)->len
#define NO_CODE "", 0

/* The options the counts depend on, as this run has them (partial.h):
 * the caller frees po. */
static void
options(const ct_state *t, qp_partial_options *po)
{
	qp_partial_options_init(po, "tally");
	qp_partial_options_add(po, "cooccur", t->cooccur);
	qp_partial_options_add(po, "depth", t->depth);
	qp_partial_options_add(po, "rollup", t->rollup);
}

/* A doc with its place in the stream, for sorting. */
typedef struct {
	uint32_t order, doc;
} doc_key;

static int
cmp_order(const void *x, const void *y)
{
	const doc_key *a = x, *b = y;
	return a->order < b->order ? -1 : a->order > b->order;
}

static void
write_head(const ct_state *t)
{
	qp_buf h = QP_BUF_INIT;
	buf_adds(&h, "agg\tcode\tcode_b");
	for (int i = 0; i < t->nby; i++)
		buf_printf(&h, "\tby_%s", t->by->v[i]);
	buf_adds(&h, "\tdoc\tspeaker\tparticipant\tn");
	qp_write(qp_stdout, h.s, h.len);
	qp_out_endrec(qp_stdout);
	buf_free(&h);

	qp_partial_options po;
	options(t, &po);
	for (size_t i = 0; i < po.n; i++)
		part_rec(t, "option", po.name[i], strlen(po.name[i]), NO_CODE,
		         NULL, NULL, NULL, true, po.value[i]);
	qp_partial_options_free(&po);
	if (t->nodoc)
		part_rec(t, "nodoc", NO_CODE, NO_CODE, NULL, NULL, NULL, true, t->nodoc);
}

/* Docs in stream order: merging them in argument order keeps it. */
static void
write_docs(const ct_state *t)
{
	doc_key *o = xcalloc(t->ndocs + 1, sizeof *o);
	size_t no = 0;
	for (size_t i = 0; i < t->ndocs; i++)
		if (t->docs[i].order != CT_NONE)
			o[no++] = (doc_key){ t->docs[i].order, (uint32_t)i };
	qsort(o, no, sizeof *o, cmp_order);
	for (size_t i = 0; i < no; i++)
		part_rec(t, "doc", NO_CODE, NO_CODE, NULL, &t->docs[o[i].doc], NULL, false, 0);
	free(o);
}

static void
write_cells(const ct_state *t, size_t g0)
{
	uint32_t k[2];
	for (size_t i = 0; i < t->ncells; i++) {
		const ct_cell *c = &t->cells[i];
		if (c->group >= g0)
			part_rec(t, "cell", CODE(&t->codes[c->code]), NO_CODE,
			         &t->groups[c->group], NULL, NULL, true, c->c.segs);
	}
	for (size_t i = 0; i < qp_pairset_count(&t->cdocs); i++) {
		qp_pairset_at(&t->cdocs, i, k);
		const ct_cell *c = &t->cells[k[0]];
		if (c->group >= g0)
			part_rec(t, "cell_doc", CODE(&t->codes[c->code]), NO_CODE,
			         &t->groups[c->group], &t->docs[k[1]], NULL, false, 0);
	}
	for (size_t i = 0; i < qp_pairset_count(&t->cspks); i++) {
		qp_pairset_at(&t->cspks, i, k);
		const ct_cell *c = &t->cells[k[0]];
		if (c->group >= g0)
			part_rec(t, "cell_speaker", CODE(&t->codes[c->code]), NO_CODE,
			         &t->groups[c->group], NULL, &t->spks[k[1]], false, 0);
	}
}

void
ct_write_partial(const ct_state *t)
{
	/* With --by, group 0 (everything) is derived again when merging. */
	size_t g0 = t->nby ? 1 : 0;
	uint32_t k[2];

	write_head(t);
	write_docs(t);
	for (size_t g = g0; g < t->ngroups; g++)
		part_rec(t, "group", NO_CODE, NO_CODE, &t->groups[g], NULL, NULL, true,
		         t->groups[g].c.segs);
	for (size_t i = 0; i < qp_pairset_count(&t->gdocs); i++) {
		qp_pairset_at(&t->gdocs, i, k);
		if (k[0] >= g0)
			part_rec(t, "group_doc", NO_CODE, NO_CODE, &t->groups[k[0]],
			         &t->docs[k[1]], NULL, false, 0);
	}
	for (size_t i = 0; i < qp_pairset_count(&t->gspks); i++) {
		qp_pairset_at(&t->gspks, i, k);
		if (k[0] >= g0)
			part_rec(t, "group_speaker", NO_CODE, NO_CODE, &t->groups[k[0]],
			         NULL, &t->spks[k[1]], false, 0);
	}
	write_cells(t, g0);
	for (size_t i = 0; i < t->npairs; i++) {
		const ct_pair *p = &t->pairv[i];
		if (p->group >= g0)
			part_rec(t, "pair", CODE(&t->codes[p->a]), CODE(&t->codes[p->b]),
			         &t->groups[p->group], NULL, NULL, true, p->segs);
	}
}

/* --- merging ----------------------------------------------------------- */

/* The columns of the partial stream being merged, and its record. */
typedef struct {
	ct_state *t;
	int *by, cdoc, cspk, cpart, cn;
	qp_span kind, code, code_b, doc;
	uint32_t g;             /* the record's group (0 for ungrouped kinds) */
	qp_partial_options po;  /* this run's options, checked against the records */
} merge_rec;

_Noreturn static void
bad(const ct_state *t, const char *fmt, const char *what, size_t n)
{
	qp_die_at(qp_rd_file(t->rd), qp_rd_lineno(t->rd), fmt, (int)n, what);
}

static bool
span_is(qp_span v, const char *s)
{
	return v.n == strlen(s) && memcmp(v.p, s, v.n) == 0;
}

static uint64_t
part_n(const ct_state *t, qp_span v)
{
	uint64_t n = 0;
	if (v.n == 0 || v.n > 19)
		goto fail;
	for (size_t i = 0; i < v.n; i++) {
		if (v.p[i] < '0' || v.p[i] > '9')
			goto fail;
		n = n * 10 + (uint64_t)(v.p[i] - '0');
	}
	return n;
fail:
	qp_die_at(qp_rd_file(t->rd), qp_rd_lineno(t->rd),
	          "not tally --partial output: n is not a count");
}

static uint32_t
part_code(ct_state *t, qp_span v)
{
	ct_unescape(t, v.p, v.n, "code");
	if (!code_valid(t->scratch.s, t->scratch.len))
		qp_die_at(qp_rd_file(t->rd), qp_rd_lineno(t->rd),
		          "not tally --partial output: bad code path '%s'", t->scratch.s);
	return ct_code_id(t, t->scratch.s, t->scratch.len, false);
}

static const char *const head_fixed[] = { "agg", "code", "code_b" };
static const char *const head_tail[] = { "doc", "speaker", "participant", "n" };

/* Is the header the one this run's --partial writes? */
static bool
header_is_ours(const ct_state *t)
{
	const char **want = xcalloc((size_t)t->nby + 8, sizeof *want);
	char **by_names = xcalloc((size_t)t->nby + 1, sizeof *by_names);
	int nw = 0;
	for (int i = 0; i < 3; i++)
		want[nw++] = head_fixed[i];
	for (int i = 0; i < t->nby; i++) {
		qp_buf b = QP_BUF_INIT;
		buf_printf(&b, "by_%s", t->by->v[i]);
		want[nw++] = by_names[i] = buf_detach(&b, NULL);
	}
	for (int i = 0; i < 4; i++)
		want[nw++] = head_tail[i];
	bool same = qp_partial_header_is(t->rd, want, nw);
	for (int i = 0; i < t->nby; i++)
		free(by_names[i]);
	free(by_names);
	free(want);
	return same;
}

/* The header says what made the stream, and with which --by: anything
 * but this run's own is refused, saying why. */
static void
check_header(const ct_state *t)
{
	const qp_rd *rd = t->rd;
	const char *file = qp_rd_file(rd);
	int nc = qp_rd_ncols(rd);

	if (header_is_ours(t))
		return;
	bool ok = nc >= 7;
	for (int i = 0; ok && i < 3; i++)
		ok = strcmp(qp_rd_name(rd, i), head_fixed[i]) == 0;
	for (int i = 0; ok && i < 4; i++)
		ok = strcmp(qp_rd_name(rd, nc - 4 + i), head_tail[i]) == 0;
	for (int i = 3; ok && i < nc - 4; i++)
		ok = strncmp(qp_rd_name(rd, i), "by_", 3) == 0;
	if (!ok)
		qp_die_at(file, 1, "not tally --partial output (its header begins "
		          "agg, code, code_b and ends doc, speaker, participant, n)");
	qp_buf had = QP_BUF_INIT, want = QP_BUF_INIT;
	for (int i = 3; i < nc - 4; i++)
		buf_printf(&had, "%s%s", i > 3 ? "," : "", qp_rd_name(rd, i) + 3);
	qp_partial_join((const char *const *)t->by->v, t->nby, ",", &want);
	qp_die_at(file, 1, "the partial output was made with %s%s, this merge has %s%s",
	          had.len ? "--by " : "no --by", had.len ? had.s : "",
	          want.len ? "--by " : "no --by", want.len ? want.s : "");
}

_Noreturn static void
missing(const merge_rec *m)
{
	bad(m->t, "not tally --partial output: %.*s record without its doc or speaker",
	    m->kind.p, m->kind.n);
}

/* group_doc, cell_doc, group_speaker and cell_speaker: a distinct doc or
 * speaker of a group or cell, and so of group 0's. */
static void
merge_member(merge_rec *m, bool cell, bool speaker)
{
	ct_state *t = m->t;
	uint32_t id;
	if (speaker) {
		qp_span sv = qp_rd_raw(t->rd, m->cspk), pv = qp_rd_raw(t->rd, m->cpart);
		uint32_t d = pv.n ? CT_NONE : ct_doc_of(t, m->doc.p, m->doc.n, false);
		id = ct_speaker_of(t, pv.p, pv.n, sv.p, sv.n, d);
	} else {
		id = ct_doc_of(t, m->doc.p, m->doc.n, false);
	}
	if (id == CT_NONE)
		missing(m);
	uint32_t c = cell ? part_code(t, m->code) : CT_NONE;
	for (uint32_t gg = m->g;; gg = 0) {
		ct_totals *tot;
		qp_pairset *set;
		uint32_t owner = gg;
		if (cell) {
			owner = ct_cell_of(t, c, gg);
			tot = &t->cells[owner].c;
			set = speaker ? &t->cspks : &t->cdocs;
		} else {
			tot = &t->groups[gg].c;
			set = speaker ? &t->gspks : &t->gdocs;
		}
		if (speaker)
			ct_add_speaker(tot, set, owner, id);
		else
			ct_add_doc(tot, set, owner, id);
		if (gg == 0)
			break;
	}
}

static void
merge_counted(merge_rec *m, bool pair)
{
	ct_state *t = m->t;
	uint32_t a = part_code(t, m->code);
	uint32_t b = pair ? part_code(t, m->code_b) : CT_NONE;
	uint64_t n = part_n(t, qp_rd_raw(t->rd, m->cn));
	if (pair) {
		const ct_code *x = &t->codes[a], *y = &t->codes[b];
		if (code_cmp(x->path, x->len, y->path, y->len) >= 0)
			qp_die_at(qp_rd_file(t->rd), qp_rd_lineno(t->rd),
			          "not tally --partial output: pair out of order");
	}
	for (uint32_t gg = m->g;; gg = 0) {
		if (pair)
			cooccur_add(t, a, b, gg, n);
		else {
			uint32_t ci = ct_cell_of(t, a, gg);   /* may move t->cells */
			t->cells[ci].c.segs += n;
		}
		if (gg == 0)
			break;
	}
}

/* The kinds of record a partial holds besides its options. */
static bool
known_kind(qp_span k)
{
	static const char *const kinds[] = {
		"nodoc", "doc", "group", "group_doc", "cell_doc", "group_speaker",
		"cell_speaker", "cell", "pair", NULL
	};
	for (size_t i = 0; kinds[i]; i++)
		if (span_is(k, kinds[i]))
			return true;
	return false;
}

static void
merge_record(merge_rec *m)
{
	ct_state *t = m->t;
	qp_span k = m->kind;

	if (span_is(k, "option")) {
		qp_partial_options_record(&m->po, t->rd, m->code, qp_rd_raw(t->rd, m->cn));
		return;
	}
	/* No qp_partial_options_met: a partial sorted for a shuffle (tally(1),
	 * Hadoop Streaming) has its option records wherever they sort, and
	 * each is checked where it stands. */
	if (!known_kind(k))
		bad(t, "not tally --partial output: unknown kind '%.*s'", k.p,
		    k.n > 40 ? 40 : k.n);
	if (span_is(k, "nodoc")) {
		t->nodoc += part_n(t, qp_rd_raw(t->rd, m->cn));
	} else if (span_is(k, "doc")) {
		uint32_t d = ct_doc_of(t, m->doc.p, m->doc.n, true);
		if (d == CT_NONE)
			missing(m);
		if (t->docs[d].order == CT_NONE)
			t->docs[d].order = t->norder++;
	} else if (span_is(k, "group")) {
		uint64_t n = part_n(t, qp_rd_raw(t->rd, m->cn));
		t->groups[m->g].c.segs += n;
		if (m->g)
			t->groups[0].c.segs += n;
	} else if (span_is(k, "group_doc") || span_is(k, "cell_doc")) {
		merge_member(m, k.p[0] == 'c', false);
	} else if (span_is(k, "group_speaker") || span_is(k, "cell_speaker")) {
		merge_member(m, k.p[0] == 'c', true);
	} else {
		merge_counted(m, k.p[0] == 'p');     /* cell, pair */
	}
}

void
ct_merge_stream(ct_state *t)
{
	int nc = qp_rd_ncols(t->rd);
	if (nc == 0)
		return;
	check_header(t);

	merge_rec m = { .t = t };
	options(t, &m.po);
	m.by = xcalloc((size_t)t->nby + 1, sizeof *m.by);
	for (int i = 0; i < t->nby; i++)
		m.by[i] = 3 + i;
	m.cdoc = nc - 4, m.cspk = nc - 3, m.cpart = nc - 2, m.cn = nc - 1;
	while (qp_rd_next(t->rd)) {
		m.kind = qp_rd_raw(t->rd, 0);
		m.code = qp_rd_raw(t->rd, 1);
		m.code_b = qp_rd_raw(t->rd, 2);
		m.doc = qp_rd_raw(t->rd, m.cdoc);
		/* Options, docs and nodoc belong to no group. */
		bool grouped = !span_is(m.kind, "option") && !span_is(m.kind, "doc") &&
		               !span_is(m.kind, "nodoc");
		m.g = t->nby && grouped ? ct_group_of(t, m.by) : 0;
		merge_record(&m);
	}
	free(m.by);
	qp_partial_options_free(&m.po);
}
