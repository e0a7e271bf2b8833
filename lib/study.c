/* study.c: reading the results of a thematic analysis (see study.h). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "codepath.h"
#include "coded.h"
#include "qp.h"
#include "record.h"
#include "study.h"

void
st_init(st_study *s, size_t max_codes, size_t max_groups)
{
	memset(s, 0, sizeof *s);
	s->max_codes = max_codes;
	s->max_groups = max_groups;
	s->code_map = qp_map_new();
	s->group_map = qp_map_new();
}

void
st_free(st_study *s)
{
	for (size_t i = 0; i < s->ncodes; i++)
		free(s->code[i].path);
	for (size_t i = 0; i < s->ngroups; i++)
		free(s->group[i].label);
	for (size_t i = 0; i < s->nsat; i++) {
		for (size_t k = 0; k < s->sat[i].nrises; k++) {
			free(s->sat[i].rise[k].doc);
			free(s->sat[i].rise[k].codes);
		}
		free(s->sat[i].rise);
		free(s->sat[i].run);
		free(s->sat[i].label);
	}
	for (size_t i = 0; i < s->agree_nrows; i++) {
		for (size_t k = 0; k < s->agree_ncols; k++)
			free(s->agree_row[i].cell[k]);
		free(s->agree_row[i].cell);
	}
	for (size_t k = 0; k < s->agree_ncols; k++)
		free(s->agree_name[k]);
	free(s->agree_name);
	free(s->agree_row);
	free(s->sat);
	free(s->code);
	free(s->group);
	free(s->shown_code);
	free(s->shown_group);
	free(s->cell);
	free(s->pair);
	free(s->bylabel);
	qp_map_free(s->code_map);
	qp_map_free(s->group_map);
	memset(s, 0, sizeof *s);
}

/* --- reading helpers ------------------------------------------------ */

typedef struct {
	char *files[1];
	qp_rd *rd;
	int nby, *by;               /* the columns no known name has */
	qp_buf f;                   /* scratch for one field */
} reader;

int
st_group_columns(const qp_rd *rd, const char *const *known, int **cols)
{
	int n = 0;
	*cols = xcalloc((size_t)qp_rd_ncols(rd) + 1, sizeof **cols);
	for (int c = 0; c < qp_rd_ncols(rd); c++) {
		int k = 0;
		while (known[k] && strcmp(known[k], qp_rd_name(rd, c)) != 0)
			k++;
		if (!known[k])
			(*cols)[n++] = c;
	}
	return n;
}

static void
rd_open(reader *r, const char *file, const char *const *known)
{
	memset(r, 0, sizeof *r);
	r->files[0] = (char *)file;
	r->rd = qp_rd_open(1, r->files);
	r->f = (qp_buf)QP_BUF_INIT;
	if (qp_rd_ncols(r->rd) == 0)
		qp_die_at(file, 1, "empty: not the output it should be");
	r->nby = st_group_columns(r->rd, known, &r->by);
}

static void
rd_close(reader *r)
{
	qp_rd_free(r->rd);
	free(r->by);
	buf_free(&r->f);
}

/* Field col, unescaped, in r->f (valid until the next call). */
static const char *
field(reader *r, int col)
{
	buf_reset(&r->f);
	qp_rd_get(r->rd, col, &r->f);
	return r->f.s;
}

static uint64_t
count(reader *r, int col)
{
	qp_span v = qp_rd_raw(r->rd, col);
	return qp_coded_count(r->rd, v.p, v.n, qp_rd_name(r->rd, col));
}

/* A number field as written (a share, a ratio), copied into out[16];
 * it must look like a number or be empty. */
static void
number_text(reader *r, int col, char out[16])
{
	qp_span v = qp_rd_raw(r->rd, col);
	bool ok = v.n < 16;
	for (size_t i = 0; ok && i < v.n; i++)
		ok = (v.p[i] >= '0' && v.p[i] <= '9') || v.p[i] == '.';
	if (!ok)
		qp_die_at(qp_rd_file(r->rd), qp_rd_lineno(r->rd), "%s '%.*s' is not a number",
		          qp_rd_name(r->rd, col), (int)(v.n > 40 ? 40 : v.n), v.p);
	memcpy(out, v.p, v.n);
	out[v.n] = '\0';
}

/* The by columns' values joined with " / ", into out. */
static void
group_label(reader *r, qp_buf *out)
{
	buf_reset(out);
	for (int i = 0; i < r->nby; i++) {
		if (i)
			buf_adds(out, " / ");
		qp_rd_get(r->rd, r->by[i], out);
	}
}

long
st_code_index(const st_study *s, const char *p, size_t n)
{
	qp_entry *e = qp_map_get(s->code_map, p, n);
	return e ? (long)(uintptr_t)e->val - 1 : -1;
}

/* The code of field col, which must be one of tally's. */
static long
known_code(const st_study *s, reader *r, int col)
{
	qp_span v = qp_rd_raw(r->rd, col);
	long c = st_code_index(s, v.p, v.n);
	if (c < 0)
		qp_die_at(qp_rd_file(r->rd), qp_rd_lineno(r->rd),
		          "code '%.*s' is not in %s", (int)(v.n > 60 ? 60 : v.n), v.p,
		          s->tally_file);
	return c;
}

/* --- tally ------------------------------------------------------------ */

static const char *const tally_cols[] = {
	"code", "segments", "speakers", "docs", "group_segments", "group_speakers",
	"group_docs", "segment_share", "speaker_share", "doc_share", NULL
};

typedef struct {
	int code, seg, spk, gseg, gspk, gdocs, share;
} tally_cols_at;

static void
tally_columns(reader *r, tally_cols_at *c)
{
	qp_rd *rd = r->rd;
	c->code = qp_rd_need(rd, "code");
	c->seg = qp_rd_need(rd, "segments");
	c->spk = qp_rd_need(rd, "speakers");
	c->gseg = qp_rd_need(rd, "group_segments");
	c->gspk = qp_rd_need(rd, "group_speakers");
	c->gdocs = qp_rd_need(rd, "group_docs");
	c->share = qp_rd_need(rd, "segment_share");
}

/* Order: most segments first, then the file's order. */
static const uint64_t *sort_key;
static int
by_segments(const void *x, const void *y)
{
	size_t a = *(const size_t *)x, b = *(const size_t *)y;
	if (sort_key[a] != sort_key[b])
		return sort_key[a] > sort_key[b] ? -1 : 1;
	return a < b ? -1 : a > b;
}

static int
by_index(const void *x, const void *y)
{
	size_t a = *(const size_t *)x, b = *(const size_t *)y;
	return a < b ? -1 : a > b;
}

/* Choose the max items with the largest key; into shown[], in order. */
static size_t
choose(const uint64_t *key, size_t n, size_t max, size_t *shown)
{
	for (size_t i = 0; i < n; i++)
		shown[i] = i;
	if (max == 0 || n <= max)
		return n;
	sort_key = key;
	qsort(shown, n, sizeof *shown, by_segments);
	qsort(shown, max, sizeof *shown, by_index);
	return max;
}

static void
tally_totals(st_study *s, reader *r, const tally_cols_at *c)
{
	qp_buf g = QP_BUF_INIT;
	size_t capc = 0, capg = 0;
	while (qp_rd_next(r->rd)) {
		qp_span v = qp_rd_raw(r->rd, c->code);
		qp_coded_check_path(r->rd, v.p, v.n, "code");
		bool created;
		qp_entry *e = qp_map_put(s->code_map, v.p, v.n, &created);
		if (created) {
			if (s->ncodes == capc)
				s->code = xreallocarray(s->code, capc = capc ? 2 * capc : 64,
				                        sizeof *s->code);
			s->code[s->ncodes] = (st_code){ xmemdup(v.p, v.n), 0, -1, false };
			e->val = (void *)(uintptr_t)++s->ncodes;
			if (s->ncodes > 1) {
				st_code *p = &s->code[s->ncodes - 2];
				p->parent = code_is_ancestor(p->path, strlen(p->path), v.p, v.n);
			}
		}
		st_code *code = &s->code[(uintptr_t)e->val - 1];
		uint64_t seg = count(r, c->seg);
		code->segments += seg;
		group_label(r, &g);
		e = qp_map_put(s->group_map, g.s, g.len, &created);
		if (created) {
			if (s->ngroups == capg)
				s->group = xreallocarray(s->group, capg = capg ? 2 * capg : 16,
				                         sizeof *s->group);
			s->group[s->ngroups] = (st_group){ xmemdup(g.s, g.len),
				count(r, c->gseg), count(r, c->gspk), count(r, c->gdocs), -1 };
			e->val = (void *)(uintptr_t)++s->ngroups;
			s->all_segments += s->group[s->ngroups - 1].segments;
		}
		if (seg > s->group[(uintptr_t)e->val - 1].segments)
			qp_die_at(qp_rd_file(r->rd), qp_rd_lineno(r->rd),
			          "more segments than the group has (group_segments)");
	}
	buf_free(&g);
}

void
st_read_tally(st_study *s, const char *file)
{
	reader r;
	tally_cols_at c;

	s->tally_file = file;
	rd_open(&r, file, tally_cols);
	tally_columns(&r, &c);
	qp_buf lab = QP_BUF_INIT;
	for (int i = 0; i < r.nby; i++) {
		if (i)
			buf_adds(&lab, " / ");
		buf_adds(&lab, qp_rd_name(r.rd, r.by[i]));
	}
	s->bylabel = buf_detach(&lab, NULL);
	tally_totals(s, &r, &c);
	rd_close(&r);
	if (s->ncodes == 0)
		qp_die_at(file, 1, "no codes: nothing to report");

	uint64_t *key = xcalloc(s->ncodes > s->ngroups ? s->ncodes : s->ngroups, sizeof *key);
	for (size_t i = 0; i < s->ncodes; i++)
		key[i] = s->code[i].segments;
	s->shown_code = xcalloc(s->ncodes, sizeof *s->shown_code);
	s->nshown_codes = choose(key, s->ncodes, s->max_codes, s->shown_code);
	for (size_t i = 0; i < s->ngroups; i++)
		key[i] = s->group[i].segments;
	s->shown_group = xcalloc(s->ngroups, sizeof *s->shown_group);
	s->nshown_groups = choose(key, s->ngroups, s->max_groups, s->shown_group);
	free(key);
	for (size_t i = 0; i < s->nshown_codes; i++)
		s->code[s->shown_code[i]].shown = (long)i;
	for (size_t i = 0; i < s->nshown_groups; i++)
		s->group[s->shown_group[i]].shown = (long)i;

	/* again, for the cells shown */
	s->cell = xcalloc(s->nshown_codes * s->nshown_groups + 1, sizeof *s->cell);
	rd_open(&r, file, tally_cols);
	tally_columns(&r, &c);
	qp_buf g = QP_BUF_INIT;
	while (qp_rd_next(r.rd)) {
		long ci = s->code[known_code(s, &r, c.code)].shown;
		group_label(&r, &g);
		qp_entry *e = qp_map_get(s->group_map, g.s, g.len);
		if (ci < 0 || !e)
			continue;
		long gi = s->group[(uintptr_t)e->val - 1].shown;
		if (gi < 0)
			continue;
		st_cell *cl = &s->cell[(size_t)ci * s->nshown_groups + (size_t)gi];
		if (cl->set)
			qp_die_at(qp_rd_file(r.rd), qp_rd_lineno(r.rd),
			          "code and group met again: not tally's output");
		cl->set = true;
		cl->segments = count(&r, c.seg);
		cl->speakers = count(&r, c.spk);
		number_text(&r, c.share, cl->share);
	}
	buf_free(&g);
	rd_close(&r);
}

/* --- tally --cooccur -------------------------------------------------- */

void
st_read_cooccur(st_study *s, const char *file)
{
	static const char *const known[] = { "code_a", "code_b", "segments", NULL };
	reader r;
	size_t n = s->nshown_codes;

	rd_open(&r, file, known);
	int ca = qp_rd_need(r.rd, "code_a"), cb = qp_rd_need(r.rd, "code_b");
	int cs = qp_rd_need(r.rd, "segments");
	s->pair = xcalloc(n * n + 1, sizeof *s->pair);
	while (qp_rd_next(r.rd)) {
		long a = s->code[known_code(s, &r, ca)].shown;
		long b = s->code[known_code(s, &r, cb)].shown;
		uint64_t v = count(&r, cs);
		if (a < 0 || b < 0) {
			s->pairs_left_out += v;
			continue;
		}
		s->pair[(size_t)a * n + (size_t)b] += v;
		if (a != b)
			s->pair[(size_t)b * n + (size_t)a] += v;
	}
	rd_close(&r);
	s->have_cooccur = true;
}

/* --- tally --saturation ----------------------------------------------- */

typedef struct {
	int kind, from, to, docs, nnew, total, ratio, saturated, point, new;
} sat_cols_at;

static st_sat *
sat_group(st_study *s, reader *r, qp_buf *g, bool *full)
{
	group_label(r, g);
	st_sat *last = s->nsat ? &s->sat[s->nsat - 1] : NULL;
	if (last && strcmp(last->label, g->s) == 0) {
		*full = s->nsat <= s->max_groups || s->max_groups == 0;
		return last;
	}
	if (s->nsat % 16 == 0)
		s->sat = xreallocarray(s->sat, s->nsat + 16, sizeof *s->sat);
	st_sat *t = &s->sat[s->nsat++];
	memset(t, 0, sizeof *t);
	t->label = xstrdup(g->s);
	*full = s->nsat <= s->max_groups || s->max_groups == 0;
	if (*full)
		s->nsat_full = s->nsat;
	return t;
}

static void
sat_record(reader *r, const sat_cols_at *c, st_sat *t, bool full)
{
	const char *kind = field(r, c->kind);
	const char *file = qp_rd_file(r->rd);
	unsigned long line = qp_rd_lineno(r->rd);
	if (strcmp(kind, "doc") == 0) {
		uint64_t pos = count(r, c->from), nnew = count(r, c->nnew);
		if (pos != t->ndocs + 1)
			qp_die_at(file, line, "doc %llu out of order",
			          (unsigned long long)pos);
		t->ndocs = pos;
		if (nnew == 0 || !full)
			return;
		if (t->nrises % 16 == 0)
			t->rise = xreallocarray(t->rise, t->nrises + 16, sizeof *t->rise);
		st_rise *x = &t->rise[t->nrises++];
		x->pos = pos;
		x->total = count(r, c->total);
		x->doc = xstrdup(field(r, c->docs));
		qp_buf raw = QP_BUF_INIT, cs = QP_BUF_INIT;
		qp_rd_get(r->rd, c->new, &raw);
		for (size_t i = 0; i < raw.len; i++) {
			buf_addc(&cs, raw.s[i]);
			if (raw.s[i] == ';')
				buf_addc(&cs, ' ');
		}
		buf_free(&raw);
		x->codes = buf_detach(&cs, NULL);
	} else if (strcmp(kind, "base") == 0) {
		t->base_from = count(r, c->from);
		t->base_to = count(r, c->to);
		t->base_codes = count(r, c->nnew);
	} else if (strcmp(kind, "run") == 0) {
		t->runs_total++;
		bool done = t->nruns && t->run[t->nruns - 1].saturated;
		if (!full || done || t->nruns == ST_MAX_RUNS)
			return;
		if (t->nruns % 8 == 0)
			t->run = xreallocarray(t->run, t->nruns + 8, sizeof *t->run);
		st_run *u = &t->run[t->nruns++];
		u->from = count(r, c->from);
		u->to = count(r, c->to);
		u->nnew = count(r, c->nnew);
		number_text(r, c->ratio, u->ratio);
		u->saturated = strcmp(field(r, c->saturated), "yes") == 0;
	} else if (strcmp(kind, "result") == 0) {
		t->saturated = strcmp(field(r, c->saturated), "yes") == 0;
		snprintf(t->point, sizeof t->point, "%s", field(r, c->point));
		number_text(r, c->ratio, t->ratio);
		if (t->saturated) {
			/* the point is "B+R": the run is docs B+1 .. B+R */
			unsigned long long b, n;
			if (sscanf(t->point, "%llu+%llu", &b, &n) != 2 || n == 0)
				qp_die_at(file, line, "point '%s' is not B+R", t->point);
			t->sat_from = b + 1;
			t->sat_to = b + n;
		}
	} else {
		qp_die_at(file, line, "kind '%s' is none of doc, base, run, result", kind);
	}
}

void
st_read_saturation(st_study *s, const char *file)
{
	static const char *const known[] = {
		"kind", "from", "to", "docs", "new_codes", "total_codes", "ratio",
		"saturated", "point", "new", NULL
	};
	reader r;
	sat_cols_at c;
	qp_buf g = QP_BUF_INIT;

	rd_open(&r, file, known);
	c.kind = qp_rd_need(r.rd, "kind");
	c.from = qp_rd_need(r.rd, "from");
	c.to = qp_rd_need(r.rd, "to");
	c.docs = qp_rd_need(r.rd, "docs");
	c.nnew = qp_rd_need(r.rd, "new_codes");
	c.total = qp_rd_need(r.rd, "total_codes");
	c.ratio = qp_rd_need(r.rd, "ratio");
	c.saturated = qp_rd_need(r.rd, "saturated");
	c.point = qp_rd_need(r.rd, "point");
	c.new = qp_rd_need(r.rd, "new");
	while (qp_rd_next(r.rd)) {
		bool full;
		st_sat *t = sat_group(s, &r, &g, &full);
		sat_record(&r, &c, t, full);
	}
	buf_free(&g);
	rd_close(&r);
	s->have_saturation = true;
}

/* --- agree ------------------------------------------------------------ */

void
st_read_agreement(st_study *s, const char *file)
{
	static const char *const known[] = { NULL };
	reader r;

	rd_open(&r, file, known);
	qp_rd_need(r.rd, "code");
	s->agree_ncols = (size_t)qp_rd_ncols(r.rd);
	s->agree_name = xcalloc(s->agree_ncols, sizeof *s->agree_name);
	for (size_t k = 0; k < s->agree_ncols; k++)
		s->agree_name[k] = xstrdup(qp_rd_name(r.rd, (int)k));
	size_t cap = 0;
	while (qp_rd_next(r.rd)) {
		if (s->agree_nrows == 4 * s->ncodes + 64)
			qp_die_at(qp_rd_file(r.rd), qp_rd_lineno(r.rd),
			          "more rows than agree writes for %zu codes", s->ncodes);
		if (s->agree_nrows == cap)
			s->agree_row = xreallocarray(s->agree_row, cap = cap ? 2 * cap : 32,
			                             sizeof *s->agree_row);
		st_agree_row *row = &s->agree_row[s->agree_nrows++];
		row->cell = xcalloc(s->agree_ncols, sizeof *row->cell);
		for (size_t k = 0; k < s->agree_ncols; k++)
			row->cell[k] = xstrdup(field(&r, (int)k));
	}
	rd_close(&r);
	s->have_agreement = true;
}

/* --- the coded stream ------------------------------------------------- */

void
st_read_coded(st_study *s, const char *file)
{
	static const char *const known[] = { NULL };
	reader r;
	qp_buf last = QP_BUF_INIT;

	rd_open(&r, file, known);
	int cc = qp_rd_need(r.rd, "codes"), cd = qp_rd_need(r.rd, "doc");
	while (qp_rd_next(r.rd)) {
		qp_span d = qp_rd_raw(r.rd, cd);
		s->records++;
		if (s->records == 1 || d.n != last.len || memcmp(d.p, last.s, d.n) != 0) {
			s->docs++;
			buf_reset(&last);
			buf_add(&last, d.p, d.n);
		}
		s->coded_records += qp_rd_raw(r.rd, cc).n > 0;
	}
	buf_free(&last);
	rd_close(&r);
	s->have_coded = true;
}
