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
#include "opt.h"
#include "output.h"
#include "qp.h"
#include "record.h"
#include "roster.h"
#include "utf8.h"

static const char usage[] =
	"usage: tag-speaker --roster FILE [--roster FILE ...] [--doc-roles FILE]\n"
	"                   [--from-text] [--exclude-role ROLE[,ROLE...]] [--strict]\n"
	"                   [--line-buffered] [--replace-invalid] [--quiet] [FILE ...]\n"
	"       tag-speaker --help | --version\n"
	"Add each turn's role and roster columns, by matching its speaker label\n"
	"against a roster of the study's participants.\n"
	"  --roster FILE      the roster (name, aliases, role, ...); repeatable\n"
	"  --doc-roles FILE   doc and role: the role of a document's unknown speakers\n"
	"  --from-text        take a leading 'Label:' out of the text when the\n"
	"                     speaker is empty\n"
	"  --exclude-role ROLE[,ROLE...]\n"
	"                     drop the turns of these roles; repeatable\n"
	"  --strict           exit 2 if a label matched nobody\n"
	QP_COMMON_HELP;

enum {
	OPT_ROSTER = QP_OPT_FIRST_PRIVATE,
	OPT_DOC_ROLES,
	OPT_FROM_TEXT,
	OPT_EXCLUDE_ROLE,
	OPT_STRICT,
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

/* The tagger: options, the roster, the stream, what it has seen. */
static struct {
	char **rosters;
	int nrosters;
	char *doc_roles_file;
	bool from_text, strict;
	qp_strlist excl_given;  /* --exclude-role, as given, for the report */
	char **excl;            /* the same, folded */
	unsigned long *excl_n;  /* turns dropped, per excluded role */

	qp_roster *ro;
	qp_rd *rd;
	qp_map *docroles;       /* escaped doc -> docrole */
	qp_map *labels;         /* escaped label -> label_st */
	int r_role;             /* the roster's role column */
	int c_speaker, c_text, c_doc, o_speaker, o_text;
	int *rcol, *ocol, nadd; /* added columns: roster and output index */
	bool have_last;         /* docs come in runs: the last one's role */
	qp_buf last_doc;
	docrole *last_dr;
	qp_buf scratch, lab, key, txt, dr_val;
} tg;

/* Which excluded role is role, or -1. */
static int
excluded(const char *role)
{
	if (tg.excl_given.n == 0 || role[0] == '\0')
		return -1;
	buf_reset(&tg.scratch);
	utf8_fold(role, strlen(role), &tg.scratch);
	for (size_t i = 0; i < tg.excl_given.n; i++)
		if (strcmp(tg.excl[i], tg.scratch.s) == 0)
			return (int)i;
	return -1;
}

/* Read --doc-roles: doc -> role, keyed by the doc as escaped in streams. */
static void
load_doc_roles(char *file)
{
	qp_map *m = tg.docroles = qp_map_new();
	qp_buf *vb = &tg.dr_val;

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
			if (strcmp(old->role, vb->s) != 0)
				qp_die_at(file, qp_rd_lineno(rd), "doc '%.*s' given two "
				          "roles, '%s' and '%s'", (int)d.n, d.p, old->role,
				          vb->s);
			continue;
		}
		docrole *dr = xmalloc(sizeof *dr);
		dr->role = xmemdup(vb->s, vb->len);
		dr->excl = excluded(dr->role);
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
parse_options(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "roster", required_argument, NULL, OPT_ROSTER },
		{ "doc-roles", required_argument, NULL, OPT_DOC_ROLES },
		{ "from-text", no_argument, NULL, OPT_FROM_TEXT },
		{ "exclude-role", required_argument, NULL, OPT_EXCLUDE_ROLE },
		{ "strict", no_argument, NULL, OPT_STRICT },
		QP_COMMON_LONGOPTS,
		{ NULL, 0, NULL, 0 }
	};
	int c;

	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_ROSTER:
			tg.rosters = xreallocarray(tg.rosters, (size_t)tg.nrosters + 1,
			                           sizeof *tg.rosters);
			tg.rosters[tg.nrosters++] = optarg;
			break;
		case OPT_DOC_ROLES:
			tg.doc_roles_file = optarg;
			break;
		case OPT_FROM_TEXT:
			tg.from_text = true;
			break;
		case OPT_EXCLUDE_ROLE:
			qp_optlist_add(&tg.excl_given, optarg, "--exclude-role", NULL, NULL, usage);
			break;
		case OPT_STRICT:
			tg.strict = true;
			break;
		default:
			qp_common_opt(c, usage);
		}
	}
	if (tg.nrosters == 0)
		qp_usage_error(usage, "--roster is required");
	/* roles are compared folded (case, accents) */
	tg.excl = xcalloc(tg.excl_given.n + 1, sizeof *tg.excl);
	tg.excl_n = xcalloc(tg.excl_given.n + 1, sizeof *tg.excl_n);
	for (size_t i = 0; i < tg.excl_given.n; i++) {
		qp_buf f = QP_BUF_INIT;
		utf8_fold(tg.excl_given.v[i], strlen(tg.excl_given.v[i]), &f);
		tg.excl[i] = buf_detach(&f, NULL);
	}
}

static void
check_stdin(int nfiles, char **files)
{
	bool in_stdin = nfiles == 0;
	for (int i = 0; i < nfiles; i++)
		in_stdin |= is_stdin(files[i]);
	int cfg_stdin = tg.doc_roles_file && is_stdin(tg.doc_roles_file);
	for (int i = 0; i < tg.nrosters; i++)
		cfg_stdin += is_stdin(tg.rosters[i]);
	if (cfg_stdin + in_stdin > 1)
		qp_usage_error(usage, "standard input can be read only once "
		               "(by the roster, the doc roles or the input)");
}

static void
load_roster(void)
{
	static const char *const need[] = { "role", NULL };

	tg.ro = qp_roster_load(tg.nrosters, tg.rosters, need);
	const char *rfile = is_stdin(tg.rosters[0]) ? "<stdin>" : tg.rosters[0];
	for (const char *const *rs = reserved; *rs; rs++)
		if (qp_roster_col(tg.ro, *rs) >= 0)
			qp_die_at(rfile, 1, "roster column '%s' would overwrite the "
			          "stream's own '%s'; rename it", *rs, *rs);
	tg.r_role = qp_roster_col(tg.ro, "role");
}

/* The stream's columns, and the ones tagging adds: role first, then the
 * roster's other columns in roster order. */
static void
set_up_columns(void)
{
	qp_rd *rd = tg.rd;

	tg.c_speaker = tg.from_text ? qp_rd_col(rd, "speaker") : qp_rd_need(rd, "speaker");
	tg.c_text = tg.from_text ? qp_rd_need(rd, "text") : -1;
	tg.c_doc = tg.docroles ? qp_rd_need(rd, "doc") : -1;
	tg.o_speaker = tg.from_text ? qp_rd_add_col(rd, "speaker") : -1;
	tg.o_text = tg.from_text ? qp_rd_add_col(rd, "text") : -1;

	int ncols = qp_roster_ncols(tg.ro);
	tg.rcol = xcalloc((size_t)ncols, sizeof *tg.rcol);
	tg.ocol = xcalloc((size_t)ncols, sizeof *tg.ocol);
	tg.rcol[tg.nadd] = tg.r_role;
	tg.ocol[tg.nadd++] = qp_rd_add_col(rd, "role");
	for (int k = 0; k < ncols; k++) {
		const char *name = qp_roster_colname(tg.ro, k);
		if (k == tg.r_role || strcmp(name, "name") == 0 || strcmp(name, "aliases") == 0)
			continue;
		tg.rcol[tg.nadd] = k;
		tg.ocol[tg.nadd++] = qp_rd_add_col(rd, name);
	}
}

/* What is known of the record's label (matched once per distinct
 * label).  --from-text: *took says a label was taken out of the text,
 * at tg.txt[*off .. *off + *len), the text then starting at *rest. */
static label_st *
record_label(bool *took, size_t *off, size_t *len, size_t *rest)
{
	qp_span sp = tg.c_speaker >= 0 ? qp_rd_raw(tg.rd, tg.c_speaker) : (qp_span){ "", 0 };

	*took = false;
	if (tg.from_text && sp.n == 0) {
		buf_reset(&tg.txt);
		qp_rd_get(tg.rd, tg.c_text, &tg.txt);
		if (tg.txt.len && qp_roster_text_label(tg.ro, tg.txt.s, tg.txt.len, off, len,
		                                       rest, &tg.scratch)) {
			*took = true;
			buf_reset(&tg.key);
			qp_escape(tg.txt.s + *off, *len, &tg.key);
			sp.p = tg.key.s;
			sp.n = tg.key.len;
		}
	}

	bool created;
	qp_entry *le = qp_map_put(tg.labels, sp.p, sp.n, &created);
	label_st *st = le->val;
	if (created) {
		st = xcalloc(1, sizeof *st);
		le->val = st;
		buf_reset(&tg.lab);
		if (!qp_unescape(sp.p, sp.n, &tg.lab))
			qp_die_at(qp_rd_file(tg.rd), qp_rd_lineno(tg.rd),
			          "bad escape in column 'speaker'");
		if (tg.lab.len)
			st->hit = qp_roster_match(tg.ro, tg.lab.s, tg.lab.len, &tg.scratch);
		st->excl = st->hit.e ? excluded(st->hit.e->vals[tg.r_role]) : -1;
	}
	return st;
}

/* The --doc-roles role of the record's doc, or NULL. */
static docrole *
record_doc_role(void)
{
	qp_span d = qp_rd_raw(tg.rd, tg.c_doc);

	if (tg.have_last && d.n == tg.last_doc.len && memcmp(d.p, tg.last_doc.s, d.n) == 0)
		return tg.last_dr;
	qp_entry *de = qp_map_get(tg.docroles, d.p, d.n);
	buf_reset(&tg.last_doc);
	buf_add(&tg.last_doc, d.p, d.n);
	tg.have_last = true;
	tg.last_dr = de ? de->val : NULL;
	return tg.last_dr;
}

/* Tag the record just read, and write it unless its role is excluded. */
static void
tag_record(void)
{
	bool took;
	size_t off = 0, len = 0, rest = 0;
	label_st *st = record_label(&took, &off, &len, &rest);
	docrole *dr = NULL;

	if (!st->hit.e) {
		if (tg.docroles)
			dr = record_doc_role();
		if (st->hit.how == QP_ROSTER_AMBIGUOUS)
			st->ambiguous++;
		else if (!dr)
			st->unmatched++;
		if (!st->file && (st->ambiguous || st->unmatched)) {
			st->file = xstrdup(qp_rd_file(tg.rd));
			st->line = qp_rd_lineno(tg.rd);
		}
	}
	int ex = st->hit.e ? st->excl : dr ? dr->excl : -1;
	if (ex >= 0) {
		tg.excl_n[ex]++;
		return;
	}

	/* Set values only for records that are written: qp_rd_write is
	 * what forgets them. */
	if (took) {
		qp_rd_set(tg.rd, tg.o_speaker, tg.txt.s + off, len);
		qp_rd_set(tg.rd, tg.o_text, tg.txt.s + rest, tg.txt.len - rest);
	}
	if (st->hit.e) {
		for (int k = 0; k < tg.nadd; k++) {
			const char *v = st->hit.e->vals[tg.rcol[k]];
			qp_rd_set(tg.rd, tg.ocol[k], v, strlen(v));
		}
	} else {
		qp_rd_set(tg.rd, tg.ocol[0], dr ? dr->role : "", dr ? strlen(dr->role) : 0);
		for (int k = 1; k < tg.nadd; k++)
			qp_rd_set(tg.rd, tg.ocol[k], "", 0);
	}
	qp_rd_write(tg.rd, qp_stdout);
}

/* The report, labels in order of first appearance: how many labels
 * matched nobody. */
static unsigned long
report(void)
{
	unsigned long bad = 0;

	for (size_t i = 0; i < qp_map_count(tg.labels); i++) {
		qp_entry *le = qp_map_at(tg.labels, i);
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
	for (size_t i = 0; i < tg.excl_given.n; i++)
		qp_warn("excluded %lu turn%s of role '%s'", tg.excl_n[i],
		        tg.excl_n[i] == 1 ? "" : "s", tg.excl_given.v[i]);
	return bad;
}

static void
cleanup(void)
{
	for (size_t i = 0; tg.labels && i < qp_map_count(tg.labels); i++) {
		label_st *st = qp_map_at(tg.labels, i)->val;
		free((char *)st->file);
		free(st);
	}
	qp_map_free(tg.labels);
	if (tg.docroles) {
		for (size_t i = 0; i < qp_map_count(tg.docroles); i++) {
			docrole *dr = qp_map_at(tg.docroles, i)->val;
			free(dr->role);
			free(dr);
		}
		qp_map_free(tg.docroles);
	}
	for (size_t i = 0; i < tg.excl_given.n; i++)
		free(tg.excl[i]);
	free(tg.excl);
	qp_strlist_free(&tg.excl_given);
	free(tg.excl_n);
	buf_free(&tg.last_doc);
	free(tg.rcol);
	free(tg.ocol);
	free(tg.rosters);
	buf_free(&tg.scratch);
	buf_free(&tg.lab);
	buf_free(&tg.key);
	buf_free(&tg.txt);
	qp_rd_free(tg.rd);
	qp_roster_free(tg.ro);
}

int
main(int argc, char **argv)
{
	qp_init("tag-speaker");
	parse_options(argc, argv);
	argc -= optind;
	argv += optind;
	check_stdin(argc, argv);
	load_roster();
	if (tg.doc_roles_file)
		load_doc_roles(tg.doc_roles_file);

	tg.rd = qp_rd_open(argc, argv);
	if (qp_rd_ncols(tg.rd) == 0) {
		/* An empty stream stays empty; the roster was still checked. */
		qp_out_close(qp_stdout);
		cleanup();
		return 0;
	}
	set_up_columns();
	qp_rd_write_header(tg.rd, qp_stdout);
	tg.labels = qp_map_new();
	while (qp_rd_next(tg.rd))
		tag_record();
	qp_out_close(qp_stdout);

	unsigned long bad = report();
	if (tg.strict && bad)
		qp_die("--strict: %lu speaker label%s matched nobody", bad, bad == 1 ? "" : "s");
	cleanup();
	return 0;
}
