/*
 * tag-speaker: add each turn's role, and the other roster columns, by
 * matching its speaker label against a roster.  See man/tag-speaker.1.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "map.h"
#include "output.h"
#include "qp.h"
#include "record.h"
#include "roster.h"
#include "utf8.h"

static const char usage[] =
	"usage: tag-speaker --roster FILE [--roster FILE ...] [--doc-roles FILE]\n"
	"                   [--from-text] [--exclude-role ROLE[,ROLE...]] [--strict]\n"
	"                   [--line-buffered] [--replace-invalid] [FILE ...]\n"
	"       tag-speaker --help | --version\n";

enum {
	OPT_ROSTER = QP_OPT_FIRST_PRIVATE,
	OPT_DOC_ROLES,
	OPT_FROM_TEXT,
	OPT_EXCLUDE_ROLE,
	OPT_STRICT,
};

static const struct option longopts[] = {
	{ "roster", required_argument, NULL, OPT_ROSTER },
	{ "doc-roles", required_argument, NULL, OPT_DOC_ROLES },
	{ "from-text", no_argument, NULL, OPT_FROM_TEXT },
	{ "exclude-role", required_argument, NULL, OPT_EXCLUDE_ROLE },
	{ "strict", no_argument, NULL, OPT_STRICT },
	QP_COMMON_LONGOPTS,
	{ NULL, 0, NULL, 0 }
};

/* Columns a roster may not bring in: they would overwrite the turn itself. */
static const char *const reserved[] = {
	"doc", "seg", "start", "end", "speaker", "text", "codes", "hits", NULL
};

/* What is known about one distinct speaker label (the map's value). */
typedef struct {
	qp_roster_hit hit;
	int excl;                 /* index into excluded roles, or -1 */
	unsigned long unmatched;  /* turns left without a role */
	unsigned long ambiguous;  /* turns with an ambiguous label */
	const char *file;         /* first turn left unmatched or ambiguous */
	unsigned long line;
} label_st;

/* A role given by --doc-roles (the map's value). */
typedef struct {
	char *role;
	int excl;
} docrole;

/* The filter's state. */
static qp_roster *ro;
static qp_rd *rd;
static qp_map *docroles, *labels;
static qp_buf scratch, lab, key, txt, last_doc, dr_val;
static char **rosters;
static int *rcol, *ocol;        /* added columns: roster and output index */

static char **excl;           /* --exclude-role values, folded */
static char **excl_given;     /* and as given, for the report */
static unsigned long *excl_n;
static int nexcl;

static void
add_excluded(const char *arg)
{
	qp_buf f = QP_BUF_INIT;

	for (const char *p = arg;;) {
		const char *comma = strchr(p, ',');
		size_t n = comma ? (size_t)(comma - p) : strlen(p);
		while (n && (*p == ' ' || *p == '\t'))
			p++, n--;
		while (n && (p[n - 1] == ' ' || p[n - 1] == '\t'))
			n--;
		if (n == 0)
			qp_usage_error(usage, "--exclude-role: empty role in '%s'", arg);
		if (utf8_valid_prefix(p, n) != n)
			qp_usage_error(usage, "--exclude-role: not UTF-8: '%s'", arg);
		buf_reset(&f);
		utf8_fold(p, n, &f);
		excl = xreallocarray(excl, (size_t)nexcl + 1, sizeof *excl);
		excl_given = xreallocarray(excl_given, (size_t)nexcl + 1, sizeof *excl_given);
		excl[nexcl] = buf_detach(&f, NULL);
		excl_given[nexcl++] = xmemdup(p, n);
		if (!comma)
			break;
		p = comma + 1;
	}
	buf_free(&f);
}

/* Which excluded role is role, or -1. */
static int
excluded(const char *role, qp_buf *scratch)
{
	if (nexcl == 0 || role[0] == '\0')
		return -1;
	buf_reset(scratch);
	utf8_fold(role, strlen(role), scratch);
	for (int i = 0; i < nexcl; i++)
		if (strcmp(excl[i], scratch->s) == 0)
			return i;
	return -1;
}

/* Read --doc-roles: doc -> role, keyed by the doc as escaped in streams. */
static void
load_doc_roles(char *file)
{
	qp_map *m = docroles = qp_map_new();
	qp_buf *vb = &dr_val;

	qp_rd *rd = qp_rd_open(1, &file);
	if (qp_rd_ncols(rd) == 0)
		qp_die_at(file, 1, "doc roles file is empty (it needs a header "
		          "with 'doc' and 'role')");
	int cdoc = qp_rd_col(rd, "doc"), crole = qp_rd_col(rd, "role");
	if (cdoc < 0 || crole < 0)
		qp_die_at(file, 1, "doc roles file has no column '%s'",
		          cdoc < 0 ? "doc" : "role");
	while (qp_rd_next(rd)) {
		buf_reset(vb);
		qp_rd_get(rd, cdoc, vb);        /* checks the escapes */
		if (vb->len == 0)
			qp_die_at(file, qp_rd_lineno(rd), "empty doc");
		buf_reset(vb);
		qp_rd_get(rd, crole, vb);
		qp_span d = qp_rd_raw(rd, cdoc);
		bool created;
		qp_entry *e = qp_map_put(m, d.p, d.n, &created);
		if (!created) {
			docrole *old = e->val;
			if (strcmp(old->role, vb->s ? vb->s : "") != 0)
				qp_die_at(file, qp_rd_lineno(rd), "doc '%.*s' given two "
				          "roles, '%s' and '%s'", (int)d.n, d.p, old->role,
				          vb->s ? vb->s : "");
			continue;
		}
		docrole *dr = xmalloc(sizeof *dr);
		dr->role = xmemdup(vb->s ? vb->s : "", vb->len);
		dr->excl = excluded(dr->role, &scratch);
		e->val = dr;
	}
	qp_rd_free(rd);
	buf_free(vb);
}

static bool
is_stdin(const char *f)
{
	return strcmp(f, "-") == 0;
}

static void
cleanup(void)
{
	for (size_t i = 0; labels && i < qp_map_count(labels); i++) {
		label_st *st = qp_map_at(labels, i)->val;
		free((char *)st->file);
		free(st);
	}
	qp_map_free(labels);
	if (docroles) {
		for (size_t i = 0; i < qp_map_count(docroles); i++) {
			docrole *dr = qp_map_at(docroles, i)->val;
			free(dr->role);
			free(dr);
		}
		qp_map_free(docroles);
	}
	for (int i = 0; i < nexcl; i++) {
		free(excl[i]);
		free(excl_given[i]);
	}
	free(excl);
	free(excl_given);
	free(excl_n);
	buf_free(&last_doc);
	free(rcol);
	free(ocol);
	free(rosters);
	buf_free(&scratch);
	buf_free(&lab);
	buf_free(&key);
	buf_free(&txt);
	qp_rd_free(rd);
	qp_roster_free(ro);
}

int
main(int argc, char **argv)
{
	int nrosters = 0;
	char *doc_roles_file = NULL;
	bool from_text = false, strict = false;
	int c;

	qp_init("tag-speaker");
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_ROSTER:
			rosters = xreallocarray(rosters, (size_t)nrosters + 1, sizeof *rosters);
			rosters[nrosters++] = optarg;
			break;
		case OPT_DOC_ROLES:
			doc_roles_file = optarg;
			break;
		case OPT_FROM_TEXT:
			from_text = true;
			break;
		case OPT_EXCLUDE_ROLE:
			add_excluded(optarg);
			break;
		case OPT_STRICT:
			strict = true;
			break;
		default:
			qp_common_opt(c, usage);
		}
	}
	argc -= optind;
	argv += optind;
	if (nrosters == 0)
		qp_usage_error(usage, "--roster is required");
	bool in_stdin = argc == 0;
	for (int i = 0; i < argc; i++)
		in_stdin |= is_stdin(argv[i]);
	int cfg_stdin = doc_roles_file && is_stdin(doc_roles_file);
	for (int i = 0; i < nrosters; i++)
		cfg_stdin += is_stdin(rosters[i]);
	if (cfg_stdin + in_stdin > 1)
		qp_usage_error(usage, "standard input can be read only once "
		               "(by the roster, the doc roles or the input)");

	static const char *const need[] = { "role", NULL };
	ro = qp_roster_load(nrosters, rosters, need);
	const char *rfile = is_stdin(rosters[0]) ? "<stdin>" : rosters[0];
	for (const char *const *rs = reserved; *rs; rs++)
		if (qp_roster_col(ro, *rs) >= 0)
			qp_die_at(rfile, 1, "roster column '%s' would overwrite the "
			          "stream's own '%s'; rename it", *rs, *rs);
	if (doc_roles_file)
		load_doc_roles(doc_roles_file);

	rd = qp_rd_open(argc, argv);
	if (qp_rd_ncols(rd) == 0) {
		/* An empty stream stays empty; the roster was still checked. */
		qp_out_close(qp_stdout);
		cleanup();
		return 0;
	}
	int c_speaker = from_text ? qp_rd_col(rd, "speaker") : qp_rd_need(rd, "speaker");
	int c_text = from_text ? qp_rd_need(rd, "text") : -1;
	int c_doc = docroles ? qp_rd_need(rd, "doc") : -1;
	int o_speaker = from_text ? qp_rd_add_col(rd, "speaker") : -1;
	int o_text = from_text ? qp_rd_add_col(rd, "text") : -1;

	/* role first, then the roster's other columns in roster order. */
	int ncols = qp_roster_ncols(ro);
	rcol = xcalloc((size_t)ncols, sizeof *rcol);
	ocol = xcalloc((size_t)ncols, sizeof *ocol);
	int nadd = 0, r_role = qp_roster_col(ro, "role");
	rcol[nadd] = r_role;
	ocol[nadd++] = qp_rd_add_col(rd, "role");
	for (int k = 0; k < ncols; k++) {
		const char *name = qp_roster_colname(ro, k);
		if (k == r_role || strcmp(name, "name") == 0 || strcmp(name, "aliases") == 0)
			continue;
		rcol[nadd] = k;
		ocol[nadd++] = qp_rd_add_col(rd, name);
	}
	qp_rd_write_header(rd, qp_stdout);

	labels = qp_map_new();
	excl_n = xcalloc((size_t)nexcl + 1, sizeof *excl_n);
	bool have_last = false;         /* docs come in runs */
	docrole *last_dr = NULL;

	while (qp_rd_next(rd)) {
		qp_span sp = c_speaker >= 0 ? qp_rd_raw(rd, c_speaker) : (qp_span){ "", 0 };
		bool took = false;
		size_t off = 0, len = 0, rest = 0;
		if (from_text && sp.n == 0) {
			buf_reset(&txt);
			qp_rd_get(rd, c_text, &txt);
			if (txt.len && qp_roster_text_label(ro, txt.s, txt.len, &off, &len,
			                                    &rest, &scratch)) {
				took = true;
				buf_reset(&key);
				qp_escape(txt.s + off, len, &key);
				sp.p = key.s;
				sp.n = key.len;
			}
		}

		bool created;
		qp_entry *le = qp_map_put(labels, sp.p, sp.n, &created);
		label_st *st = le->val;
		if (created) {
			st = xcalloc(1, sizeof *st);
			le->val = st;
			buf_reset(&lab);
			if (!qp_unescape(sp.p, sp.n, &lab))
				qp_die_at(qp_rd_file(rd), qp_rd_lineno(rd),
				          "bad escape in column 'speaker'");
			if (lab.len)
				st->hit = qp_roster_match(ro, lab.s, lab.len, &scratch);
			st->excl = st->hit.e ? excluded(st->hit.e->vals[r_role], &scratch) : -1;
		}

		docrole *dr = NULL;
		if (!st->hit.e) {
			if (docroles) {
				qp_span d = qp_rd_raw(rd, c_doc);
				if (have_last && d.n == last_doc.len &&
				    memcmp(d.p, last_doc.s, d.n) == 0) {
					dr = last_dr;
				} else {
					qp_entry *de = qp_map_get(docroles, d.p, d.n);
					dr = de ? de->val : NULL;
					buf_reset(&last_doc);
					buf_add(&last_doc, d.p, d.n);
					have_last = true;
					last_dr = dr;
				}
			}
			if (st->hit.how == QP_ROSTER_AMBIGUOUS)
				st->ambiguous++;
			else if (!dr)
				st->unmatched++;
			if (!st->file && (st->ambiguous || st->unmatched)) {
				st->file = xstrdup(qp_rd_file(rd));
				st->line = qp_rd_lineno(rd);
			}
		}
		int ex = st->hit.e ? st->excl : dr ? dr->excl : -1;
		if (ex >= 0) {
			excl_n[ex]++;
			continue;
		}

		/* Set values only for records that are written: qp_rd_write
		 * is what forgets them. */
		if (took) {
			qp_rd_set(rd, o_speaker, txt.s + off, len);
			qp_rd_set(rd, o_text, txt.s + rest, txt.len - rest);
		}
		if (st->hit.e) {
			for (int k = 0; k < nadd; k++) {
				const char *v = st->hit.e->vals[rcol[k]];
				qp_rd_set(rd, ocol[k], v, strlen(v));
			}
		} else {
			qp_rd_set(rd, ocol[0], dr ? dr->role : "", dr ? strlen(dr->role) : 0);
			for (int k = 1; k < nadd; k++)
				qp_rd_set(rd, ocol[k], "", 0);
		}
		qp_rd_write(rd, qp_stdout);
	}
	qp_out_close(qp_stdout);

	/* The report: labels in order of first appearance. */
	unsigned long bad = 0;
	for (size_t i = 0; i < qp_map_count(labels); i++) {
		qp_entry *le = qp_map_at(labels, i);
		label_st *st = le->val;
		if (st->ambiguous) {
			qp_warn_at(st->file, st->line, "ambiguous speaker '%s' (%lu turn%s): "
			           "could be '%s' or '%s'", le->key, st->ambiguous,
			           st->ambiguous == 1 ? "" : "s", st->hit.a->name, st->hit.b->name);
			bad++;
		} else if (st->unmatched && le->len == 0) {
			qp_warn_at(st->file, st->line, "no speaker label (%lu turn%s)",
			           st->unmatched, st->unmatched == 1 ? "" : "s");
			bad++;
		} else if (st->unmatched) {
			qp_warn_at(st->file, st->line, "unmatched speaker '%s' (%lu turn%s)",
			           le->key, st->unmatched, st->unmatched == 1 ? "" : "s");
			bad++;
		}
	}
	for (int i = 0; i < nexcl; i++)
		qp_warn("excluded %lu turn%s of role '%s'", excl_n[i],
		        excl_n[i] == 1 ? "" : "s", excl_given[i]);
	if (strict && bad)
		qp_die("--strict: %lu speaker label%s matched nobody", bad, bad == 1 ? "" : "s");

	cleanup();
	return 0;
}
