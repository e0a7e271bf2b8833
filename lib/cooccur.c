/* cooccur.c: co-occurrence of codes (see cooccur.h). */
#include <stdlib.h>

#include "codepath.h"
#include "cooccur.h"
#include "output.h"
#include "qp.h"
#include "table.h"

#define VAL(e) ((uint32_t)((uintptr_t)(e)->val - 1))
#define SETVAL(e, i) ((e)->val = (void *)(uintptr_t)((i) + 1))

static bool
related(const ct_code *a, const ct_code *b)
{
	return code_is_ancestor(a->path, a->len, b->path, b->len) ||
	       code_is_ancestor(b->path, b->len, a->path, a->len);
}

void
cooccur_expand(ct_state *t)
{
	for (size_t i = 0; i < t->nsc_ids; i++)
		for (size_t j = i + 1; j < t->nsc_ids; j++) {
			const ct_code *a = &t->codes[t->sc_ids[i]], *b = &t->codes[t->sc_ids[j]];
			if (related(a, b))
				continue;
			bool ab = code_cmp(a->path, a->len, b->path, b->len) < 0;
			if (t->nsc_pairs + 2 > t->capsc_pairs) {
				t->capsc_pairs = t->capsc_pairs ? 2 * t->capsc_pairs : 64;
				t->sc_pairs = xreallocarray(t->sc_pairs, t->capsc_pairs,
				                            sizeof *t->sc_pairs);
			}
			t->sc_pairs[t->nsc_pairs++] = ab ? t->sc_ids[i] : t->sc_ids[j];
			t->sc_pairs[t->nsc_pairs++] = ab ? t->sc_ids[j] : t->sc_ids[i];
		}
}

void
cooccur_add(ct_state *t, uint32_t a, uint32_t b, uint32_t g, uint64_t n)
{
	uint32_t k[3] = { a, b, g };
	bool created;
	qp_entry *e = qp_map_put(t->pairmap, (const char *)k, sizeof k, &created);
	if (created) {
		SETVAL(e, t->npairs);
		XGROW(t->pairv, t->npairs, t->cappairs);
		t->pairv[t->npairs++] = (ct_pair){ a, b, g, 0 };
	}
	t->pairv[VAL(e)].segs += n;
}

/* The pair of a and b (either order) in group 0, or CT_NONE. */
static uint32_t
pair_get(const ct_state *t, uint32_t a, uint32_t b)
{
	uint32_t k[3] = { a, b, 0 };
	if (t->codes[a].rank > t->codes[b].rank) {
		k[0] = b;
		k[1] = a;
	}
	qp_entry *e = qp_map_get(t->pairmap, (const char *)k, sizeof k);
	return e ? VAL(e) : CT_NONE;
}

/* A pair's place in the output: its codes' and group's ranks. */
typedef struct {
	uint32_t rank[3];
	uint32_t pair;
} pair_key;

static int
cmp_pair(const void *x, const void *y)
{
	const pair_key *a = x, *b = y;
	for (int i = 0; i < 3; i++)
		if (a->rank[i] != b->rank[i])
			return a->rank[i] < b->rank[i] ? -1 : 1;
	return 0;
}

void
cooccur_write_long(const ct_state *t)
{
	static const char *const pre[] = { "code_a", "code_b" };
	static const char *const post[] = { "segments" };
	size_t g0 = t->nby ? 1 : 0, n = 0;
	pair_key *o = xcalloc(t->npairs + 1, sizeof *o);

	ct_write_header(t, pre, 2, post, 1);
	for (size_t i = 0; i < t->npairs; i++) {
		const ct_pair *p = &t->pairv[i];
		if (p->group >= g0)
			o[n++] = (pair_key){ { t->codes[p->a].rank, t->codes[p->b].rank,
			                       t->groups[p->group].rank }, (uint32_t)i };
	}
	qsort(o, n, sizeof *o, cmp_pair);
	for (size_t i = 0; i < n; i++) {
		const ct_pair *p = &t->pairv[o[i].pair];
		const ct_code *a = &t->codes[p->a], *b = &t->codes[p->b];
		qp_write_field(qp_stdout, a->path, a->len);
		qp_putc(qp_stdout, '\t');
		qp_write_field(qp_stdout, b->path, b->len);
		ct_write_group(t, &t->groups[p->group]);
		qp_putc(qp_stdout, '\t');
		qp_write_u64(qp_stdout, p->segs);
		qp_out_endrec(qp_stdout);
	}
	free(o);
}

/* The diagonal holds each code's own segments; a code's ancestors and
 * descendants are left empty. */
void
cooccur_write_matrix(const ct_state *t, bool md)
{
	qp_table tb;

	qp_table_init(&tb, t->ncodes + 1);
	qp_table_set_column(&tb, 0, "code", "code");
	for (size_t i = 0; i < t->ncodes; i++) {
		const ct_code *c = &t->codes[t->corder[i]];
		char *p = (char *)c->path;
		qp_table_column_from_values(&tb, i + 1, &p, &c->len, 1);
	}
	if (!md)
		qp_table_check_names(&tb, "codes");
	for (size_t i = 0; i < t->ncodes; i++) {
		const ct_code *a = &t->codes[t->corder[i]];
		qp_table_add_cell(&tb, a->path, a->len);
		for (size_t j = 0; j < t->ncodes; j++) {
			const ct_code *b = &t->codes[t->corder[j]];
			if (i == j) {
				uint32_t ci = ct_cell_get(t, t->corder[i], 0);
				qp_table_add_u64(&tb, ci == CT_NONE ? 0 : t->cells[ci].c.segs);
			} else if (related(a, b)) {
				qp_table_add_cell(&tb, "", 0);
			} else {
				uint32_t pi = pair_get(t, t->corder[i], t->corder[j]);
				qp_table_add_u64(&tb, pi == CT_NONE ? 0 : t->pairv[pi].segs);
			}
		}
	}
	if (md)
		qp_table_write_md(&tb, qp_stdout, true);
	else
		qp_table_write_records(&tb, qp_stdout);
	qp_table_free(&tb);
}
