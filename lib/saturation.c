/* saturation.c: thematic saturation (see saturation.h). */
#include <stdio.h>
#include <stdlib.h>

#include "output.h"
#include "qp.h"
#include "record.h"
#include "saturation.h"
#include "table.h"

/* A code new in a group: at position pos of the group's docs. */
typedef struct {
	uint32_t grank, pos, crank, code;
} newcode;

/* A doc of a group, at its place in the stream. */
typedef struct {
	uint32_t grank, order, doc;
} gdoc;

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

static int
cmp_gdoc(const void *x, const void *y)
{
	const gdoc *a = x, *b = y;
	if (a->grank != b->grank)
		return a->grank < b->grank ? -1 : 1;
	return a->order < b->order ? -1 : a->order > b->order;
}

/* What the rows of one group are made from. */
typedef struct {
	const ct_state *t;
	const ct_group *g;
	const gdoc *gd;             /* the group's docs in stream order */
	const newcode *nc;          /* every group's new codes */
} sat_group;

/* One row's fields after kind and the group. */
typedef struct {
	bool range;                 /* from and to are known */
	uint64_t from, to;
	size_t d0, d1;              /* its docs gd[d0..d1) */
	bool counts_known;
	uint64_t nnew, total;
	const char *ratio, *saturated, *point;
	size_t n0, n1;              /* its new codes nc[n0..n1) */
} sat_row;

static void
tab(void)
{
	qp_putc(qp_stdout, '\t');
}

static void
write_row(const sat_group *s, const char *kind, const sat_row *r)
{
	const ct_state *t = s->t;
	qp_puts(qp_stdout, kind);
	ct_write_group(t, s->g);
	tab();
	if (r->range)
		qp_write_u64(qp_stdout, r->from);
	tab();
	if (r->range)
		qp_write_u64(qp_stdout, r->to);
	tab();
	for (size_t i = r->d0; i < r->d1; i++) {
		const ct_doc *d = &t->docs[s->gd[i].doc];
		if (i > r->d0)
			qp_putc(qp_stdout, ';');
		qp_write(qp_stdout, d->raw, d->len);
	}
	tab();
	if (r->counts_known)
		qp_write_u64(qp_stdout, r->nnew);
	tab();
	if (r->counts_known)
		qp_write_u64(qp_stdout, r->total);
	tab();
	qp_puts(qp_stdout, r->ratio);
	tab();
	qp_puts(qp_stdout, r->saturated);
	tab();
	qp_puts(qp_stdout, r->point);
	tab();
	for (size_t i = r->n0; i < r->n1; i++) {
		const ct_code *c = &t->codes[s->nc[i].code];
		if (i > r->n0)
			qp_putc(qp_stdout, ';');
		qp_write_field(qp_stdout, c->path, c->len);
	}
	qp_out_endrec(qp_stdout);
}

static uint32_t
doc_order(const ct_state *t, uint32_t d)
{
	uint32_t o = t->docs[d].order;
	if (o == CT_NONE)
		qp_die("not tally --partial output: no doc record for '%s'", t->docs[d].raw);
	return o;
}

/* Each cell's earliest doc. */
static void
first_docs(ct_state *t)
{
	for (size_t i = 0; i < qp_pairset_count(&t->cdocs); i++) {
		uint32_t k[2];
		qp_pairset_at(&t->cdocs, i, k);
		uint32_t o = doc_order(t, k[1]);
		if (o < t->cells[k[0]].first)
			t->cells[k[0]].first = o;
	}
}

/* Each group's docs in stream order, into *gdp; gstart[r] .. gstart[r+1]
 * are group rank r's. */
static size_t *
group_docs(ct_state *t, gdoc **gdp)
{
	size_t g0 = t->nby ? 1 : 0, ngd = 0;
	gdoc *gd = xcalloc(qp_pairset_count(&t->gdocs) + 1, sizeof *gd);
	for (size_t i = 0; i < qp_pairset_count(&t->gdocs); i++) {
		uint32_t k[2];
		qp_pairset_at(&t->gdocs, i, k);
		if (k[0] >= g0)
			gd[ngd++] = (gdoc){ t->groups[k[0]].rank, doc_order(t, k[1]), k[1] };
	}
	qsort(gd, ngd, sizeof *gd, cmp_gdoc);
	size_t *gstart = xcalloc(t->ngorder + 1, sizeof *gstart);
	for (size_t i = 0, r = 0; r <= t->ngorder; r++) {
		while (i < ngd && gd[i].grank < r)
			i++;
		gstart[r] = i;
	}
	*gdp = gd;
	return gstart;
}

/* Each cell's code is new at the position (within its group's docs) of
 * the earliest doc it appears in (first_docs). */
static newcode *
new_codes(ct_state *t, const gdoc *gd, const size_t *gstart, size_t *n)
{
	size_t g0 = t->nby ? 1 : 0, nnc = 0;
	newcode *nc = xcalloc(t->ncells + 1, sizeof *nc);
	for (size_t i = 0; i < t->ncells; i++) {
		const ct_cell *c = &t->cells[i];
		if (c->group < g0 || c->first == CT_NONE)
			continue;
		uint32_t r = t->groups[c->group].rank;
		size_t lo = gstart[r], hi = gstart[r + 1];
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (gd[mid].order < c->first)
				lo = mid + 1;
			else
				hi = mid;
		}
		nc[nnc++] = (newcode){ r, (uint32_t)(lo - gstart[r] + 1),
		                       t->codes[c->code].rank, c->code };
	}
	qsort(nc, nnc, sizeof *nc, cmp_newcode);
	*n = nnc;
	return nc;
}

/* The rows of one group: a row per doc, the base, each run and the
 * result.  ncs[k] .. ncs[k+1] are the codes new at position k+1, cum[k]
 * the codes of the first k docs; n docs. */
static void
write_group(const sat_group *s, const sat_params *sp, const size_t *ncs,
            const uint64_t *cum, size_t n)
{
	qp_buf ratio = QP_BUF_INIT, point = QP_BUF_INIT;
	for (size_t k = 1; k <= n; k++)
		write_row(s, "doc", &(sat_row){ true, k, k, k - 1, k, true,
		          ncs[k] - ncs[k - 1], cum[k], "", "", "", ncs[k - 1], ncs[k] });
	size_t b = n < sp->base ? n : sp->base;
	uint64_t basecodes = cum[b];
	write_row(s, "base", &(sat_row){ b > 0, 1, b, 0, b, true, basecodes, basecodes,
	          "", "", "", ncs[0], ncs[b] });
	size_t found = 0;
	uint64_t fnew = 0;
	char fratio[32] = "";
	for (size_t i = sp->base; i + sp->run <= n; i++) {
		uint64_t nnew = cum[i + sp->run] - cum[i];
		bool ok = basecodes > 0 && nnew * 1000000 <= sp->threshold * basecodes;
		buf_reset(&ratio);
		buf_adds(&ratio, "");
		qp_fmt_ratio(nnew, basecodes, &ratio);
		buf_reset(&point);
		buf_printf(&point, "%zu+%lu", i, sp->run);
		write_row(s, "run", &(sat_row){ true, i + 1, i + sp->run, i, i + sp->run,
		          true, nnew, cum[i + sp->run], ratio.s, ok ? "yes" : "no",
		          point.s, ncs[i], ncs[i + sp->run] });
		if (ok && !found) {
			found = i;
			fnew = nnew;
			snprintf(fratio, sizeof fratio, "%s", ratio.s);
		}
	}
	buf_reset(&point);
	buf_adds(&point, "");
	if (found)
		buf_printf(&point, "%zu+%lu", found, sp->run);
	write_row(s, "result", &(sat_row){ found > 0, 1, found, 0, 0, found > 0,
	          fnew, cum[found], fratio, found ? "yes" : "no", point.s, 0, 0 });
	buf_free(&ratio);
	buf_free(&point);
}

void
saturation_write(ct_state *t, const sat_params *sp)
{
	static const char *const pre[] = { "kind" };
	static const char *const post[] = {
		"from", "to", "docs", "new_codes", "total_codes", "ratio",
		"saturated", "point", "new"
	};

	if (t->nodoc)
		qp_die("--saturation: %llu record%s no doc", (unsigned long long)t->nodoc,
		       t->nodoc == 1 ? " has" : "s have");
	gdoc *gd;
	size_t nnc, ni = 0;
	first_docs(t);
	size_t *gstart = group_docs(t, &gd);
	newcode *nc = new_codes(t, gd, gstart, &nnc);

	ct_write_header(t, pre, 1, post, 9);
	for (uint32_t r = 0; r < t->ngorder; r++) {
		sat_group s = { t, &t->groups[t->gorder[r]], gd + gstart[r], nc };
		size_t n = gstart[r + 1] - gstart[r];
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
		write_group(&s, sp, ncs, cum, n);
		free(ncs);
		free(cum);
	}
	free(nc);
	free(gd);
	free(gstart);
}
