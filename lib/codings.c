/* codings.c: the store of codings agree reads (see codings.h). */
#include <stdlib.h>
#include <string.h>

#include "coded.h"
#include "codepath.h"
#include "codings.h"
#include "list.h"
#include "qp.h"

void
ag_codings_init(ag_codings *s, const ag_codings_opts *o)
{
	*s = (ag_codings){
		.o = *o, .m = o->m, .key = QP_BUF_INIT, .scratch = QP_BUF_INIT,
		.codemap = qp_map_new(), .docmap = qp_map_new(), .valmap = qp_map_new(),
		.unitmap = o->nunit ? qp_map_new() : NULL,
	};
}

void
ag_codings_free(ag_codings *s)
{
	free(s->off);
	free(s->cnt);
	free(s->first);
	free(s->pool);
	free(s->udoc);
	free(s->code);
	free(s->val);
	free(s->parent);
	free(s->stamp);
	free(s->ukey);
	free(s->where);
	free(s->with_where);
	qp_map_free(s->unitmap);
	qp_map_free(s->codemap);
	qp_map_free(s->docmap);
	qp_map_free(s->valmap);
	buf_free(&s->key);
	buf_free(&s->scratch);
}

static uint32_t
code_id(ag_codings *s, const char *p, size_t n)
{
	bool created;
	qp_entry *e = qp_map_put(s->codemap, p, n, &created);
	if (!created)
		return (uint32_t)(uintptr_t)e->val - 1;
	uint32_t id = (uint32_t)s->ncodes;
	const char *key = e->key;
	e->val = (void *)(uintptr_t)(id + 1);
	if (s->ncodes == s->capcodes) {
		s->capcodes = s->capcodes ? 2 * s->capcodes : 64;
		s->code = xreallocarray(s->code, s->capcodes, sizeof *s->code);
		s->parent = xreallocarray(s->parent, s->capcodes, sizeof *s->parent);
		s->stamp = xreallocarray(s->stamp, s->capcodes, sizeof *s->stamp);
	}
	s->code[id] = (ag_name){ key, n };
	s->parent[id] = AG_MISSING;
	s->stamp[id] = 0;
	s->ncodes++;
	if (s->o.rollup) {
		size_t pl = code_parent(key, n);
		if (pl) {
			uint32_t par = code_id(s, key, pl);
			s->parent[id] = par;
		}
	}
	return id;
}

/* Intern the value in s->scratch, of column col, checking it is a number
 * where the levels asked for need one. */
static uint32_t
value_id(ag_codings *s, const qp_rd *rd, const char *col)
{
	bool created;
	qp_entry *e = qp_map_put(s->valmap, s->scratch.s, s->scratch.len, &created);
	if (!created)
		return (uint32_t)(uintptr_t)e->val - 1;
	uint32_t id = (uint32_t)s->nvals;
	e->val = (void *)(uintptr_t)(id + 1);
	XGROW(s->val, s->nvals, s->capvals);
	ag_value *v = &s->val[s->nvals++];
	*v = (ag_value){ e->key, s->scratch.len, 0, false };
	v->is_num = qp_parse_number(v->s, v->len, &v->num);
	if (!v->is_num && (s->o.interval || s->o.ratio))
		qp_die_at(qp_rd_file(rd), qp_rd_lineno(rd),
		          "%s: '%.*s' is not a number (--level %s)", col,
		          (int)(v->len > 40 ? 40 : v->len), v->s,
		          s->o.interval ? "interval" : "ratio");
	if (v->is_num && v->num < 0 && s->o.ratio)
		qp_die_at(qp_rd_file(rd), qp_rd_lineno(rd),
		          "%s: '%.*s' is negative, which a ratio scale has not (--level ratio)",
		          col, (int)(v->len > 40 ? 40 : v->len), v->s);
	return id;
}

void
ag_codings_read(ag_codings *s, const qp_rd *rd, int col, size_t u, size_t c)
{
	size_t slot = u * s->m + c;
	qp_span f = qp_rd_raw(rd, col);
	const char *name = qp_rd_name(rd, col);

	s->off[slot] = (uint32_t)s->npool;
	s->cnt[slot] = 0;
	s->first[slot] = AG_MISSING;
	if (s->o.values) {
		if (f.n == 0)
			return;
		buf_reset(&s->scratch);
		qp_rd_get(rd, col, &s->scratch);
		s->first[slot] = value_id(s, rd, name);
		return;
	}
	qp_list l;
	const char *v;
	size_t vn;
	s->slot++;
	qp_list_init(&l, f.p, f.n);
	while (qp_list_next(&l, &v, &vn)) {
		qp_coded_check_path(rd, v, vn, name);
		uint32_t id = code_id(s, v, vn);
		if (s->first[slot] == AG_MISSING)
			s->first[slot] = id;
		/* The code and, with rollup, its ancestors, each once. */
		for (; id != AG_MISSING && s->stamp[id] != s->slot; id = s->parent[id]) {
			s->stamp[id] = s->slot;
			XGROW(s->pool, s->npool, s->cappool);
			s->pool[s->npool++] = id;
			s->cnt[slot]++;
		}
	}
}

static size_t
new_unit(ag_codings *s)
{
	if (s->nunits == s->capunits) {
		s->capunits = s->capunits ? 2 * s->capunits : 256;
		s->ukey = xreallocarray(s->ukey, s->capunits, sizeof *s->ukey);
		s->udoc = xreallocarray(s->udoc, s->capunits, sizeof *s->udoc);
		/* Places are for the messages about named units only. */
		if (s->o.nunit)
			s->where = xreallocarray(s->where, s->capunits, sizeof *s->where);
		if (s->o.with)
			s->with_where = xreallocarray(s->with_where, s->capunits,
			                              sizeof *s->with_where);
		s->off = xreallocarray(s->off, s->capunits * s->m, sizeof *s->off);
		s->cnt = xreallocarray(s->cnt, s->capunits * s->m, sizeof *s->cnt);
		s->first = xreallocarray(s->first, s->capunits * s->m, sizeof *s->first);
	}
	size_t u = s->nunits++;
	s->ukey[u] = NULL;
	s->udoc[u] = AG_MISSING;
	if (s->o.with)
		s->with_where[u] = (ag_place){ NULL, 0 };
	for (size_t c = 0; c < s->m; c++) {
		s->off[u * s->m + c] = 0;
		s->cnt[u * s->m + c] = 0;
		s->first[u * s->m + c] = AG_MISSING;
	}
	return u;
}

/* The unit key of the current record: the raw unit fields joined by TAB
 * (a TAB is always escaped inside a field). */
static void
unit_key(ag_codings *s, const qp_rd *rd, const int *ucol)
{
	buf_reset(&s->key);
	for (size_t i = 0; i < s->o.nunit; i++) {
		qp_span f = qp_rd_raw(rd, ucol[i]);
		if (i)
			buf_addc(&s->key, '\t');
		buf_add(&s->key, f.p, f.n);
	}
}

/* A unit key as messages name it, "doc=d1 seg=4", in s->scratch. */
static const char *
unit_name(ag_codings *s, const char *key)
{
	buf_reset(&s->scratch);
	for (size_t i = 0; i < s->o.nunit; i++) {
		size_t n = strcspn(key, "\t");
		buf_printf(&s->scratch, "%s%s=%.*s", i ? " " : "", s->o.unit[i],
		           (int)(n > 60 ? 60 : n), key);
		key += n + (key[n] != '\0');
	}
	return s->scratch.s;
}

size_t
ag_codings_unit(ag_codings *s, const qp_rd *rd, const int *ucol, int doc)
{
	size_t u;
	if (s->unitmap) {
		unit_key(s, rd, ucol);
		bool created;
		qp_entry *e = qp_map_put(s->unitmap, s->key.s, s->key.len, &created);
		if (!created) {
			const ag_place *w = &s->where[(uintptr_t)e->val - 1];
			qp_die_at(qp_rd_file(rd), qp_rd_lineno(rd),
			          "unit %s again (first at %s:%lu): units must be unique",
			          unit_name(s, e->key), w->file, w->line);
		}
		u = new_unit(s);
		e->val = (void *)(uintptr_t)(u + 1);
		s->ukey[u] = e->key;
		s->where[u] = (ag_place){ qp_rd_file(rd), qp_rd_lineno(rd) };
	} else {
		u = new_unit(s);
	}
	if (doc >= 0) {
		qp_span d = qp_rd_raw(rd, doc);
		if (d.n) {
			bool created;
			qp_entry *e = qp_map_put(s->docmap, d.p, d.n, &created);
			if (created)
				e->val = (void *)(uintptr_t)(++s->ndocs);
			s->udoc[u] = (uint32_t)((uintptr_t)e->val - 1);
		}
	}
	return u;
}

size_t
ag_codings_join(ag_codings *s, const qp_rd *rd, const int *ucol)
{
	unit_key(s, rd, ucol);
	qp_entry *e = s->unitmap ? qp_map_get(s->unitmap, s->key.s, s->key.len) : NULL;
	if (!e)
		qp_die_at(qp_rd_file(rd), qp_rd_lineno(rd),
		          "unit %s is not in the first stream", unit_name(s, s->key.s));
	size_t u = (uintptr_t)e->val - 1;
	if (s->with_where[u].file)
		qp_die_at(qp_rd_file(rd), qp_rd_lineno(rd),
		          "unit %s again (first at %s:%lu): units must be unique",
		          unit_name(s, s->ukey[u]), s->with_where[u].file, s->with_where[u].line);
	s->with_where[u] = (ag_place){ qp_rd_file(rd), qp_rd_lineno(rd) };
	return u;
}

void
ag_codings_check_joined(ag_codings *s)
{
	for (size_t u = 0; u < s->nunits; u++)
		if (!s->with_where[u].file)
			qp_die_at(s->where[u].file, s->where[u].line, "unit %s is not in %s",
			          unit_name(s, s->ukey[u]), s->o.with);
}

ag_coding
ag_codings_view(const ag_codings *s)
{
	return (ag_coding){ s->nunits, s->m, s->ncodes, s->ndocs, s->off, s->cnt, s->pool,
	                    s->udoc };
}
