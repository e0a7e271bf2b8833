/*
 * anonymize: replace identifiers in transcripts with bracketed tags,
 * one tag per person or thing, the same tag everywhere in the run (and,
 * with --key-file, in every run).
 *
 * How a field is de-identified (the detectors, the lexicon, the store
 * and the per-document state) is lib/deid's; this file holds the
 * options and the loops over records and lines.  See anonymize(1).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "deid.h"
#include "input.h"
#include "label.h"
#include "opt.h"
#include "output.h"
#include "qp.h"
#include "record.h"

static const char usage[] =
"usage: anonymize [--roster FILE] [--terms FILE] [--keep FILE] [--key-file FILE]\n"
"                 [--map FILE [--map-append | --force]] [--report] [--audit FILE]\n"
"                 [--plain | --columns LIST] [--names-dir DIR] [--line-buffered]\n"
"                 [--replace-invalid] [--quiet] [FILE ...]\n"
"       anonymize --help | --version\n"
"Replace names, e-mail addresses, URLs, phone numbers, dates, record\n"
"numbers, postal codes, places, institutions and listed terms by tags\n"
"such as [S01], [PERSON_1], [PLACE_1].\n"
"  --roster FILE      people of the study (a tag-speaker roster): their\n"
"                     names, aliases and name parts; tag = participant id\n"
"  --terms FILE       further terms: a record stream with columns term and\n"
"                     category (tag [CATEGORY_n])\n"
"  --keep FILE        words and phrases never taken for names or\n"
"                     identifiers, one a line\n"
"  --key-file FILE    tag suffixes are a keyed hash (BLAKE2b) of the\n"
"                     entity, the same in every run with the same key\n"
"  --map FILE         write the re-identification map (mode 0600); an\n"
"                     existing FILE is an error unless one of:\n"
"  --map-append       add to the map in FILE: its tags are kept for the\n"
"                     same originals, new numbers follow its highest\n"
"  --force            replace FILE\n"
"  --report           counts per category on standard error\n"
"  --audit FILE       write every replacement with its rule, and the\n"
"                     name-like words kept with the reason (mode 0600;\n"
"                     an existing FILE is an error)\n"
"  --plain            input is plain text (a raw transcript, VTT, Otter):\n"
"                     every line is anonymized\n"
"  --columns LIST     the columns to anonymize, comma-separated, adding up\n"
"                     when repeated (default text,speaker)\n"
"  --names-dir DIR    where first.txt, last.txt and common.txt are\n"
QP_COMMON_HELP;

enum {
	OPT_ROSTER = QP_OPT_FIRST_PRIVATE,
	OPT_TERMS, OPT_KEEP, OPT_KEY, OPT_MAP, OPT_REPORT, OPT_PLAIN,
	OPT_COLUMNS, OPT_NAMES, OPT_MAP_APPEND, OPT_FORCE, OPT_AUDIT
};

static const struct option longopts[] = {
	{ "roster", required_argument, NULL, OPT_ROSTER },
	{ "terms", required_argument, NULL, OPT_TERMS },
	{ "keep", required_argument, NULL, OPT_KEEP },
	{ "key-file", required_argument, NULL, OPT_KEY },
	{ "map", required_argument, NULL, OPT_MAP },
	{ "map-append", no_argument, NULL, OPT_MAP_APPEND },
	{ "force", no_argument, NULL, OPT_FORCE },
	{ "report", no_argument, NULL, OPT_REPORT },
	{ "audit", required_argument, NULL, OPT_AUDIT },
	{ "plain", no_argument, NULL, OPT_PLAIN },
	{ "columns", required_argument, NULL, OPT_COLUMNS },
	{ "names-dir", required_argument, NULL, OPT_NAMES },
	QP_COMMON_LONGOPTS,
	{ NULL, 0, NULL, 0 }
};

typedef struct {
	char **rosters;        /* argv's */
	int nrosters;
	const char *terms, *keep, *keyfile, *mapfile, *names_dir, *auditfile;
	qp_strlist columns;    /* empty: text and speaker */
	bool report, plain, map_append, force;
} options;

static void
plain_line(qp_deid *an, const char *line, size_t len, unsigned long ln)
{
	if (deid_auditing(an)) {
		char seg[24];
		int k = snprintf(seg, sizeof seg, "%lu", ln);
		deid_where(an, seg, (size_t)k, "");
	}
	/* WebVTT's header and cue timings, and bare cue numbers, are
	 * structure, not speech. */
	bool skip = len >= 6 && memcmp(line, "WEBVTT", 6) == 0;
	for (const char *p = line; !skip && (p = memchr(p, '>', len - (size_t)(p - line)));
	     p++)
		skip = p - line >= 2 && p[-1] == '-' && p[-2] == '-';
	if (!skip) {
		size_t i = 0;
		while (i < len && line[i] >= '0' && line[i] <= '9')
			i++;
		skip = len > 0 && i == len;
	}
	qp_label l;
	const char *tag;
	if (!skip && qp_label_at(line, len, &l) &&
	    (tag = deid_speaker(an, line + l.off, l.len)) != NULL) {
		/* A speaker label (the rule segment and tag-speaker use) that
		 * names a roster person: that person's tag, whole, as in the
		 * speaker column of a record stream. */
		qp_write(qp_stdout, line, l.wrote);
		qp_write(qp_stdout, tag, strlen(tag));
		qp_write(qp_stdout, line + l.wrote + l.wlen, l.rest - l.wrote - l.wlen);
		line += l.rest;
		len -= l.rest;
	}
	const qp_buf *out = skip ? NULL : deid_text(an, line, len, false);
	if (out)
		qp_write(qp_stdout, out->s, out->len);
	else
		qp_write(qp_stdout, line, len);
	qp_out_endrec(qp_stdout);
}

static void
anonymize_plain(qp_deid *an, int nfiles, char **files)
{
	qp_input *in = qp_input_new(nfiles, files, 0);
	const char *line;
	size_t len;
	unsigned long ln = 0;
	while (qp_input_line(in, &line, &len))
		plain_line(an, line, len, ++ln);
	qp_input_free(in);
}

/* The columns to anonymize, into cols (room for max(2, columns->n));
 * their count. */
static int
pick_columns(const qp_rd *r, const qp_strlist *columns, int *cols)
{
	int ncol = 0;
	for (size_t i = 0; i < columns->n; i++)
		cols[ncol++] = qp_rd_need(r, columns->v[i]);
	if (columns->n)
		return ncol;
	int t = qp_rd_col(r, "text"), sp = qp_rd_col(r, "speaker");
	if (t < 0 && sp < 0)
		qp_die_at(qp_rd_file(r), 1, "the stream has no column 'text' "
		          "or 'speaker' (use --columns)");
	if (t >= 0)
		cols[ncol++] = t;
	if (sp >= 0)
		cols[ncol++] = sp;
	return ncol;
}

static void
anonymize_records(qp_deid *an, const qp_strlist *columns, int nfiles,
                  char **files)
{
	qp_rd *r = qp_rd_open(nfiles, files);
	int *cols = xcalloc(columns->n > 2 ? columns->n : 2, sizeof *cols);
	int ncol = 0, cspeaker = -1, cdoc = -1, cseg = -1;
	qp_buf field = QP_BUF_INIT, doc = QP_BUF_INIT, seg = QP_BUF_INIT;

	if (qp_rd_ncols(r) > 0) {
		ncol = pick_columns(r, columns, cols);
		cspeaker = qp_rd_col(r, "speaker");
		cdoc = qp_rd_col(r, "doc");
		cseg = qp_rd_col(r, "seg");
		qp_rd_write_header(r, qp_stdout);
	}
	while (qp_rd_next(r)) {
		/* doc and seg as read, before any column is anonymized */
		if (cdoc >= 0) {
			buf_reset(&doc);
			qp_rd_get(r, cdoc, &doc);
			deid_start_doc(an, doc.s, doc.len);
		}
		buf_reset(&seg);
		if (cseg >= 0 && deid_auditing(an))
			qp_rd_get(r, cseg, &seg);
		for (int k = 0; k < ncol; k++) {
			buf_reset(&field);
			qp_rd_get(r, cols[k], &field);
			if (field.len == 0)
				continue;
			deid_where(an, seg.s, seg.len, qp_rd_name(r, cols[k]));
			const char *tag = cols[k] == cspeaker ?
			                  deid_speaker(an, field.s, field.len) : NULL;
			const qp_buf *out;
			if (tag)
				qp_rd_set(r, cols[k], tag, strlen(tag));
			else if ((out = deid_text(an, field.s, field.len,
			                          cols[k] == cspeaker)) != NULL)
				qp_rd_set(r, cols[k], out->s, out->len);
		}
		qp_rd_write(r, qp_stdout);
	}
	buf_free(&field);
	buf_free(&doc);
	buf_free(&seg);
	free(cols);
	qp_rd_free(r);
}

/* --- main --- */

static void
parse_options(int argc, char **argv, options *o)
{
	int c;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_ROSTER:
			o->rosters = xreallocarray(o->rosters, (size_t)o->nrosters + 1,
			                           sizeof *o->rosters);
			o->rosters[o->nrosters++] = optarg;
			break;
		case OPT_TERMS: o->terms = optarg; break;
		case OPT_KEEP: o->keep = optarg; break;
		case OPT_KEY: o->keyfile = optarg; break;
		case OPT_MAP: o->mapfile = optarg; break;
		case OPT_MAP_APPEND: o->map_append = true; break;
		case OPT_FORCE: o->force = true; break;
		case OPT_REPORT: o->report = true; break;
		case OPT_AUDIT: o->auditfile = optarg; break;
		case OPT_PLAIN: o->plain = true; break;
		case OPT_COLUMNS:
			qp_optlist_add(&o->columns, optarg, "--columns", qp_valid_colname,
			               "column name", usage);
			break;
		case OPT_NAMES: o->names_dir = optarg; break;
		default: qp_common_opt(c, usage);
		}
	}
	if (o->plain && o->columns.n)
		qp_usage_error(usage, "--plain and --columns exclude each other");
	if ((o->map_append || o->force) && !o->mapfile)
		qp_usage_error(usage, "--%s needs --map FILE", o->force ? "force" : "map-append");
	if (o->map_append && o->force)
		qp_usage_error(usage, "--map-append and --force exclude each other");
}

int
main(int argc, char **argv)
{
	options o = { .columns = QP_STRLIST_INIT };
	qp_init("anonymize");
	parse_options(argc, argv, &o);
	qp_deid *an = deid_new(o.names_dir, o.keyfile);
	if (o.nrosters)
		deid_load_roster(an, o.nrosters, o.rosters);
	if (o.terms)
		deid_load_terms(an, o.terms);
	if (o.keep)
		deid_load_keep(an, o.keep);
	/* The map is the only way back from a tag to a person: check that
	 * it may be written before reading any input. */
	if (o.mapfile)
		deid_open_map(an, o.mapfile, o.map_append, o.force);
	if (o.auditfile)
		deid_open_audit(an, o.auditfile);

	if (o.plain)
		anonymize_plain(an, argc - optind, argv + optind);
	else
		anonymize_records(an, &o.columns, argc - optind, argv + optind);
	qp_out_close(qp_stdout);
	deid_finish(an, o.report);

	deid_free(an);
	qp_strlist_free(&o.columns);
	free(o.rosters);
	return 0;
}
