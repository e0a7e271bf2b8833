/*
 * to-qdpx: coded records and their codebook to a REFI-QDA project
 * (.qdpx) or codebook (.qdc), for MAXQDA, NVivo, ATLAS.ti, QualCoder.
 * See man/to-qdpx.1.
 *
 * This file holds the options and the reading of the records into the
 * model of lib/qde.h; the XML and the zip are lib/qde_write.c's.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "codebook.h"
#include "codepath.h"
#include "list.h"
#include "map.h"
#include "opt.h"
#include "output.h"
#include "qde.h"
#include "qp.h"
#include "record.h"

static const char usage[] =
	"usage: to-qdpx -o FILE [--qdc] [--codebook CODEBOOK] [--codes COL]\n"
	"               [--case-vars COL[,COL...]] [--name NAME] [--date DATETIME]\n"
	"               [--line-buffered] [--replace-invalid] [--quiet] [FILE ...]\n"
	"       to-qdpx --help | --version\n"
	"Coded records and their codebook to a REFI-QDA project (.qdpx) or\n"
	"codebook (.qdc) for MAXQDA, NVivo, ATLAS.ti or QualCoder.\n"
	"  -o, --output FILE  the .qdpx (or .qdc) to write; never replaced\n"
	"  --qdc              write the codebook alone, as a .qdc\n"
	"  --codebook CODEBOOK\n"
	"                     the codebook: its codes, order and descriptions\n"
	"  --codes COL        the column of codes (default codes)\n"
	"  --case-vars COL[,COL...]\n"
	"                     the columns that are the cases' variables\n"
	"                     (default role)\n"
	"  --name NAME        the project's name (default: FILE's, no extension)\n"
	"  --date DATETIME    creationDateTime of everything\n"
	"                     (default 2000-01-01T00:00:00Z)\n"
	QP_COMMON_HELP;

enum {
	OPT_QDC = QP_OPT_FIRST_PRIVATE,
	OPT_CODEBOOK,
	OPT_CODES,
	OPT_CASE_VARS,
	OPT_NAME,
	OPT_DATE,
};

static const struct option longopts[] = {
	{ "output", required_argument, NULL, 'o' },
	{ "qdc", no_argument, NULL, OPT_QDC },
	{ "codebook", required_argument, NULL, OPT_CODEBOOK },
	{ "codes", required_argument, NULL, OPT_CODES },
	{ "case-vars", required_argument, NULL, OPT_CASE_VARS },
	{ "name", required_argument, NULL, OPT_NAME },
	{ "date", required_argument, NULL, OPT_DATE },
	QP_COMMON_LONGOPTS,
	{ NULL, 0, NULL, 0 }
};

typedef struct {
	const char *out, *codebook, *codes, *name, *date;
	qp_strlist vars;
	bool qdc;
} options;

/* An xsd:dateTime as to-qdpx takes one: YYYY-MM-DDTHH:MM:SS[.fff]Z. */
static bool
valid_date(const char *s)
{
	static const char shape[] = "dddd-dd-ddTdd:dd:dd";
	size_t i = 0;
	for (; shape[i]; i++) {
		if (shape[i] == 'd' ? (s[i] < '0' || s[i] > '9') : s[i] != shape[i])
			return false;
	}
	if (s[i] == '.') {
		if (s[++i] < '0' || s[i] > '9')
			return false;
		while (s[i] >= '0' && s[i] <= '9')
			i++;
	}
	return s[i] == 'Z' && s[i + 1] == '\0';
}

static void
set_option(options *o, int c)
{
	switch (c) {
	case 'o': o->out = optarg; break;
	case OPT_QDC: o->qdc = true; break;
	case OPT_CODEBOOK: o->codebook = optarg; break;
	case OPT_CODES:
		if (!qp_valid_colname(optarg, strlen(optarg)))
			qp_usage_error(usage, "--codes: not a column name: '%s'", optarg);
		o->codes = optarg;
		break;
	case OPT_CASE_VARS:
		qp_optlist_add(&o->vars, optarg, "--case-vars", qp_valid_colname,
		               "column name", usage);
		break;
	case OPT_NAME: o->name = optarg; break;
	case OPT_DATE:
		if (!valid_date(optarg))
			qp_usage_error(usage, "--date: YYYY-MM-DDTHH:MM:SSZ (UTC), not '%s'", optarg);
		o->date = optarg;
		break;
	default: qp_common_opt(c, usage);
	}
}

/* --- the model ---------------------------------------------------------- */

typedef struct {
	qde_project p;
	qp_map *code, *doc, *cas;      /* path / doc / participant -> index + 1 */
	qde_layout *lay;               /* one per source */
	size_t *nseg;                  /* records read of each source */
} model;

static size_t
add_code(model *m, const char *path, size_t n, const char *desc)
{
	bool created;
	qp_entry *e = qp_map_put(m->code, path, n, &created);
	if (!created)
		return (size_t)(uintptr_t)e->val - 1;
	size_t me = m->p.ncodes++;
	e->val = (void *)(uintptr_t)(me + 1);
	m->p.codes = xreallocarray(m->p.codes, m->p.ncodes, sizeof *m->p.codes);
	qde_code *c = &m->p.codes[me];
	size_t pl = code_parent(path, n);
	c->path = xmemdup(path, n);
	c->name = xmemdup(path + (pl ? pl + 1 : 0), n - (pl ? pl + 1 : 0));
	c->desc = xstrdup(desc);
	c->parent = QDE_NONE;
	qp_buf g = QP_BUF_INIT;
	buf_printf(&g, "code%c", 0);
	buf_grow(&g, n);
	memcpy(g.s + g.len, path, n);
	g.len += n;
	qp_uuid_name(g.s, g.len, c->guid);
	buf_free(&g);
	if (pl) {
		size_t parent = add_code(m, path, pl, "");
		m->p.codes[me].parent = parent;
	}
	return me;
}

static void
load_codebook(model *m, const char *path)
{
	cb_codebook *cb = cb_load(path);
	for (size_t c = 0; c < cb_ncodes(cb); c++) {
		const char *p = cb_code_path(cb, c);
		size_t i = add_code(m, p, strlen(p), "");
		/* a parent first met as an ancestor gets its description now */
		free(m->p.codes[i].desc);
		m->p.codes[i].desc = xstrdup(cb_code_desc(cb, c));
	}
	cb_free(cb);
}

static size_t
add_doc(model *m, const char *doc, size_t n)
{
	bool created;
	qp_entry *e = qp_map_put(m->doc, doc, n, &created);
	if (!created)
		return (size_t)(uintptr_t)e->val - 1;
	size_t me = m->p.nsrc++;
	e->val = (void *)(uintptr_t)(me + 1);
	m->p.src = xreallocarray(m->p.src, m->p.nsrc, sizeof *m->p.src);
	m->lay = xreallocarray(m->lay, m->p.nsrc, sizeof *m->lay);
	m->nseg = xreallocarray(m->nseg, m->p.nsrc, sizeof *m->nseg);
	qde_source *s = &m->p.src[me];
	memset(s, 0, sizeof *s);
	s->name = xmemdup(doc, n);
	qp_buf g = QP_BUF_INIT;
	buf_printf(&g, "doc%c%s", 0, s->name);
	qp_uuid_name(g.s, g.len, s->guid);
	buf_free(&g);
	qde_layout_init(&m->lay[me]);
	m->nseg[me] = 0;
	return me;
}

static size_t
add_case(model *m, const char *who, size_t n)
{
	bool created;
	qp_entry *e = qp_map_put(m->cas, who, n, &created);
	if (!created)
		return (size_t)(uintptr_t)e->val - 1;
	size_t me = m->p.ncases++;
	e->val = (void *)(uintptr_t)(me + 1);
	m->p.cases = xreallocarray(m->p.cases, m->p.ncases, sizeof *m->p.cases);
	qde_case *k = &m->p.cases[me];
	memset(k, 0, sizeof *k);
	k->name = xmemdup(who, n);
	k->vals = xcalloc(m->p.nvars + 1, sizeof *k->vals);
	for (size_t v = 0; v < m->p.nvars; v++)
		k->vals[v] = xstrdup("");
	qp_buf g = QP_BUF_INIT;
	buf_printf(&g, "case%c%s", 0, k->name);
	qp_uuid_name(g.s, g.len, k->guid);
	buf_free(&g);
	return me;
}

typedef struct {
	int doc, seg, speaker, text, codes, participant;
	int *var;
} cols;

static void
read_records(model *m, qp_rd *rd, const options *o)
{
	qp_buf doc = QP_BUF_INIT, seg = QP_BUF_INIT, spk = QP_BUF_INIT, text = QP_BUF_INIT,
	       codes = QP_BUF_INIT, who = QP_BUF_INIT, val = QP_BUF_INIT;
	cols c;

	if (qp_rd_ncols(rd) == 0)
		return;
	c.doc = qp_rd_need(rd, "doc");
	c.text = qp_rd_need(rd, "text");
	c.codes = qp_rd_need(rd, o->codes);
	c.seg = qp_rd_col(rd, "seg");
	c.speaker = qp_rd_col(rd, "speaker");
	c.participant = qp_rd_col(rd, "participant");
	c.var = xcalloc(m->p.nvars + 1, sizeof *c.var);
	for (size_t v = 0; v < m->p.nvars; v++)
		c.var[v] = qp_rd_col(rd, m->p.vars[v]);
	while (qp_rd_next(rd)) {
		buf_reset(&doc), buf_reset(&seg), buf_reset(&spk), buf_reset(&text);
		buf_reset(&codes), buf_reset(&who);
		qp_rd_get(rd, c.doc, &doc);
		qp_rd_get(rd, c.text, &text);
		qp_rd_get(rd, c.codes, &codes);
		if (c.seg >= 0)
			qp_rd_get(rd, c.seg, &seg);
		if (c.speaker >= 0)
			qp_rd_get(rd, c.speaker, &spk);
		if (c.participant >= 0)
			qp_rd_get(rd, c.participant, &who);
		if (doc.len == 0)
			qp_die_at(qp_rd_file(rd), qp_rd_lineno(rd), "an empty doc");
		size_t d = add_doc(m, doc.s, doc.len);
		size_t start, end, nth = ++m->nseg[d];
		qde_layout_add(&m->lay[d], spk.s, spk.len, text.s, text.len, &start, &end);
		size_t kase = QDE_NONE;
		if (who.len) {
			kase = add_case(m, who.s, who.len);
			qde_case *k = &m->p.cases[kase];
			for (size_t v = 0; v < m->p.nvars; v++) {
				if (c.var[v] < 0 || k->vals[v][0])
					continue;
				buf_reset(&val);
				qp_rd_get(rd, c.var[v], &val);
				free(k->vals[v]);
				k->vals[v] = xstrdup(val.s);
			}
		}
		if (codes.len == 0)
			continue;
		qde_source *s = &m->p.src[d];
		s->sels = xreallocarray(s->sels, s->nsels + 1, sizeof *s->sels);
		qde_sel *sel = &s->sels[s->nsels];
		memset(sel, 0, sizeof *sel);
		sel->start = start;
		sel->end = end;
		sel->user = QDE_NONE;
		qp_buf g = QP_BUF_INIT;
		if (seg.len)
			buf_printf(&g, "sel%c%s%c%s", 0, doc.s, 0, seg.s);
		else
			buf_printf(&g, "sel%c%s%c#%zu", 0, doc.s, 0, nth);
		qp_uuid_name(g.s, g.len, sel->guid);
		buf_free(&g);
		qp_list l;
		const char *v;
		size_t vn;
		qp_list_init(&l, codes.s, codes.len);
		while (qp_list_next(&l, &v, &vn)) {
			if (!code_valid(v, vn))
				qp_die_at(qp_rd_file(rd), qp_rd_lineno(rd), "%s: bad code path '%.*s'",
				          o->codes, (int)vn, v);
			size_t code = add_code(m, v, vn, "");
			bool dup = false;
			for (size_t i = 0; i < sel->ncodings && !dup; i++)
				dup = sel->codings[i].code == code;
			if (dup)
				continue;
			sel->codings = xreallocarray(sel->codings, sel->ncodings + 1,
			                             sizeof *sel->codings);
			sel->codings[sel->ncodings++] = (qde_coding){ code, QDE_NONE };
		}
		s->nsels++;
		if (kase != QDE_NONE) {
			qde_case *k = &m->p.cases[kase];
			k->sels = xreallocarray(k->sels, k->nsels + 1, sizeof *k->sels);
			k->sels[k->nsels++] = (size_t)d << 32 | (s->nsels - 1);
		}
	}
	free(c.var);
	buf_free(&doc), buf_free(&seg), buf_free(&spk), buf_free(&text);
	buf_free(&codes), buf_free(&who), buf_free(&val);
}

/* The project's name: --name, else the output file's without folder
 * and extension. */
static char *
project_name(const options *o)
{
	if (o->name)
		return xstrdup(o->name);
	const char *b = strrchr(o->out, '/');
	b = b ? b + 1 : o->out;
	const char *dot = strrchr(b, '.');
	size_t n = dot && dot != b ? (size_t)(dot - b) : strlen(b);
	return n ? xmemdup(b, n) : xstrdup("qualpipe");
}

int
main(int argc, char **argv)
{
	options o = { .codes = "codes", .vars = QP_STRLIST_INIT };
	int c;

	qp_init("to-qdpx");
	while ((c = getopt_long(argc, argv, "o:", longopts, NULL)) != -1)
		set_option(&o, c);
	if (!o.out)
		qp_usage_error(usage, "-o: name the file to write");
	if (o.vars.n == 0)
		qp_optlist_add(&o.vars, "role", "--case-vars", NULL, NULL, usage);

	model m = { .code = qp_map_new(), .doc = qp_map_new(), .cas = qp_map_new() };
	m.p.origin = xstrdup("qualpipe " QP_VERSION);
	m.p.name = project_name(&o);
	m.p.date = xstrdup(o.date ? o.date : "2000-01-01T00:00:00Z");
	m.p.nvars = o.vars.n;
	m.p.vars = xcalloc(o.vars.n + 1, sizeof *m.p.vars);
	for (size_t v = 0; v < o.vars.n; v++)
		m.p.vars[v] = xstrdup(o.vars.v[v]);
	if (o.codebook)
		load_codebook(&m, o.codebook);

	qp_rd *rd = qp_rd_open(argc - optind, argv + optind);
	read_records(&m, rd, &o);
	for (size_t s = 0; s < m.p.nsrc; s++) {
		qde_layout_end(&m.lay[s]);
		m.p.src[s].text = buf_detach(&m.lay[s].text, &m.p.src[s].len);
		qde_layout_free(&m.lay[s]);
	}
	/* Variables no record has a column for are left out. */
	if (m.p.ncases == 0) {
		for (size_t v = 0; v < m.p.nvars; v++)
			free(m.p.vars[v]);
		m.p.nvars = 0;
	}

	qp_buf out = QP_BUF_INIT;
	if (o.qdc)
		qde_write_codebook(&m.p, &out);
	else
		qde_write_qdpx(&m.p, &out);
	if (strcmp(o.out, "-") == 0) {
		qp_write(qp_stdout, out.s, out.len);
		qp_out_close(qp_stdout);
	} else {
		qp_out *f = qp_out_create(o.out, 0644, QP_OUT_NEW);
		qp_write(f, out.s, out.len);
		qp_out_commit(f);
	}

	buf_free(&out);
	qp_rd_free(rd);
	free(m.lay);
	free(m.nseg);
	qp_map_free(m.code);
	qp_map_free(m.doc);
	qp_map_free(m.cas);
	qde_free(&m.p);
	qp_strlist_free(&o.vars);
	return 0;
}
