/*
 * from-qdpx: a REFI-QDA project (.qdpx, .qde) to records of its coded
 * selections, or the human codes of segments; a codebook (.qdc) to a
 * codebook(5) skeleton.  See man/from-qdpx.1.
 *
 * This file holds the options and the three outputs; reading the
 * project is lib/qdpx_open.c's and lib/qde_read.c's (qde.h).
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "map.h"
#include "output.h"
#include "qde.h"
#include "qp.h"
#include "record.h"

static const char usage[] =
	"usage: from-qdpx [--segments RECORDS] [--coder NAME] [--codebook]\n"
	"                 [--crlf one|two] [--line-buffered] [--replace-invalid]\n"
	"                 [--quiet] FILE\n"
	"       from-qdpx --help | --version\n"
	"A REFI-QDA project (.qdpx, .qde) to records of its coded selections, or\n"
	"to the human codes of segments; a codebook (.qdc) to a codebook skeleton.\n"
	"  --segments RECORDS the segments of the same transcripts: write them\n"
	"                     with the codes that overlap each, in a column human\n"
	"  --coder NAME       only the codings of the user NAME\n"
	"  --codebook         the code tree as a codebook(5) skeleton\n"
	"  --crlf one|two     how CR LF in a source counts in positions (default:\n"
	"                     two for NVivo's projects, one for the others')\n"
	QP_COMMON_HELP;

enum {
	OPT_SEGMENTS = QP_OPT_FIRST_PRIVATE,
	OPT_CODER,
	OPT_CODEBOOK,
	OPT_CRLF,
};

static const struct option longopts[] = {
	{ "segments", required_argument, NULL, OPT_SEGMENTS },
	{ "coder", required_argument, NULL, OPT_CODER },
	{ "codebook", no_argument, NULL, OPT_CODEBOOK },
	{ "crlf", required_argument, NULL, OPT_CRLF },
	QP_COMMON_LONGOPTS,
	{ NULL, 0, NULL, 0 }
};

typedef struct {
	char *segments, *coder, *file;
	bool codebook;
	int crlf;
} options;

static void
read_all(const char *path, qp_buf *out)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	char chunk[65536];
	size_t got;

	if (!f)
		qp_die("%s: %s", path, strerror(errno));
	errno = 0;
	while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) {
		buf_grow(out, got);
		memcpy(out->s + out->len, chunk, got);
		out->len += got;
		out->s[out->len] = '\0';
	}
	if (ferror(f))
		qp_die("%s: %s", path, strerror(errno ? errno : EIO));
	if (f != stdin)
		fclose(f);
}

/* --- the codebook skeleton ------------------------------------------------ */

static void
skeleton(const qde_project *p, const char *file)
{
	qp_out *o = qp_stdout;
	qp_puts(o, "# codebook(5) skeleton of ");
	qp_puts(o, file);
	if (p->origin[0]) {
		qp_puts(o, " (");
		qp_puts(o, p->origin);
		qp_puts(o, ")");
	}
	qp_puts(o, "\n# the codes, their tree and descriptions; the patterns are yours to write.\n");
	for (size_t i = 0; i < p->ncodes; i++) {
		const qde_code *c = &p->codes[i];
		qp_puts(o, "\ncode ");
		qp_puts(o, c->path);
		qp_putc(o, '\n');
		if (strcmp(c->name, strrchr(c->path, '/') ? strrchr(c->path, '/') + 1 : c->path)) {
			qp_puts(o, "\t# ");
			for (const char *s = c->name; *s; s++)
				qp_putc(o, *s == '\n' || *s == '\r' ? ' ' : *s);
			qp_putc(o, '\n');
		}
		/* one description line a line of the description */
		const char *d = c->desc;
		while (*d) {
			size_t n = strcspn(d, "\r\n");
			size_t a = 0;
			while (a < n && (d[a] == ' ' || d[a] == '\t'))
				a++;
			if (n > a) {
				qp_puts(o, "\tdescription ");
				qp_write(o, d + a, n - a);
				qp_putc(o, '\n');
			}
			d += n;
			while (*d == '\r' || *d == '\n')
				d++;
		}
		if (qp_line_buffered)
			qp_out_flush(o);
	}
}

/* --- the selections ---------------------------------------------------------- */

static bool
coder_ok(const qde_project *p, const options *o, size_t user)
{
	if (!o->coder)
		return true;
	return user != QDE_NONE && strcmp(p->users[user].name, o->coder) == 0;
}

static int
by_position(const void *a, const void *b)
{
	const qde_sel *x = a, *y = b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end != y->end)
		return x->end < y->end ? -1 : 1;
	return 0;
}

/* Stable: selections in position order, ties in file order. */
static void
sort_selections(qde_project *p)
{
	for (size_t s = 0; s < p->nsrc; s++) {
		qde_source *src = &p->src[s];
		for (size_t i = 1; i < src->nsels; i++) {
			qde_sel t = src->sels[i];
			size_t j = i;
			while (j > 0 && by_position(&src->sels[j - 1], &t) > 0) {
				src->sels[j] = src->sels[j - 1];
				j--;
			}
			src->sels[j] = t;
		}
	}
}

/* Append the codes of sel given by user (QDE_NONE: any permitted), each
 * once, to out (';'-separated) unless already in it. */
static void
add_codes(const qde_project *p, const options *o, const qde_sel *sel, size_t user,
          bool any, qp_buf *out)
{
	for (size_t c = 0; c < sel->ncodings; c++) {
		const qde_coding *k = &sel->codings[c];
		if (any ? !coder_ok(p, o, k->user) : k->user != user)
			continue;
		const char *path = p->codes[k->code].path;
		size_t n = strlen(path);
		bool dup = false;
		for (size_t i = 0; i < out->len && !dup; ) {
			size_t e = i;
			while (e < out->len && out->s[e] != ';')
				e++;
			dup = e - i == n && memcmp(out->s + i, path, n) == 0;
			i = e + 1;
		}
		if (!dup)
			buf_printf(out, "%s%s", out->len ? ";" : "", path);
	}
}

static void
field(qp_out *o, const char *s, size_t n, bool last)
{
	qp_write_field(o, s, n);
	if (!last)
		qp_putc(o, '\t');
}

static void
selections(const qde_project *p, const options *o)
{
	static const char *const head[] = {
		"doc", "sel", "start_pos", "end_pos", "text", "codes", "coder"
	};
	qp_buf codes = QP_BUF_INIT;
	char num[32];

	qp_write_header(qp_stdout, head, 7);
	for (size_t s = 0; s < p->nsrc; s++) {
		const qde_source *src = &p->src[s];
		size_t nth = 0, cp = 0, at = 0;   /* byte at is code point cp */
		for (size_t i = 0; i < src->nsels; i++) {
			const qde_sel *sel = &src->sels[i];
			nth++;
			/* in order of their starts: the text is walked once */
			at = qde_cp_skip(src->text, src->len, at, sel->start - cp);
			cp = sel->start;
			size_t a = at, b = qde_cp_skip(src->text, src->len, at, sel->end - sel->start);
			/* one record per coder of the selection, in the order met */
			for (size_t c = 0; c < sel->ncodings; c++) {
				size_t user = sel->codings[c].user;
				bool seen = false;
				for (size_t k = 0; k < c && !seen; k++)
					seen = sel->codings[k].user == user;
				if (seen || !coder_ok(p, o, user))
					continue;
				buf_reset(&codes);
				add_codes(p, o, sel, user, false, &codes);
				const char *who = user == QDE_NONE ? "" : p->users[user].name;
				field(qp_stdout, src->name, strlen(src->name), false);
				field(qp_stdout, num, (size_t)snprintf(num, sizeof num, "%zu", nth), false);
				field(qp_stdout, num, (size_t)snprintf(num, sizeof num, "%zu", sel->start), false);
				field(qp_stdout, num, (size_t)snprintf(num, sizeof num, "%zu", sel->end), false);
				field(qp_stdout, src->text + a, b - a, false);
				field(qp_stdout, codes.s, codes.len, false);
				field(qp_stdout, who, strlen(who), true);
				qp_out_endrec(qp_stdout);
			}
		}
	}
	buf_free(&codes);
}

/* --- the segments' human codes --------------------------------------------- */

typedef struct {
	qde_layout lay;
	size_t src;          /* the project's source, or QDE_NONE */
	size_t *start, *end, n;
} doc_t;

static void
human_codes(const qde_project *p, const options *o)
{
	qp_map *docs = qp_map_new(), *names = qp_map_new();
	doc_t *d = NULL;
	size_t nd = 0;
	qp_buf doc = QP_BUF_INIT, spk = QP_BUF_INIT, text = QP_BUF_INIT, h = QP_BUF_INIT;

	for (size_t s = 0; s < p->nsrc; s++) {
		bool created;
		qp_entry *e = qp_map_put(names, p->src[s].name, strlen(p->src[s].name), &created);
		if (!created)
			qp_die("%s: two sources are named '%s'", o->file, p->src[s].name);
		e->val = (void *)(uintptr_t)(s + 1);
	}
	/* Pass 1: where each segment lies in its document's text. */
	char *seg = o->segments;
	qp_rd *rd = qp_rd_open(1, &seg);
	int cd = -1, cs = -1, ct = -1;
	if (qp_rd_ncols(rd)) {
		cd = qp_rd_need(rd, "doc");
		ct = qp_rd_need(rd, "text");
		cs = qp_rd_col(rd, "speaker");
	}
	while (qp_rd_next(rd)) {
		buf_reset(&doc), buf_reset(&spk), buf_reset(&text);
		qp_rd_get(rd, cd, &doc);
		qp_rd_get(rd, ct, &text);
		if (cs >= 0)
			qp_rd_get(rd, cs, &spk);
		bool created;
		qp_entry *e = qp_map_put(docs, doc.s, doc.len, &created);
		if (created) {
			d = xreallocarray(d, nd + 1, sizeof *d);
			memset(&d[nd], 0, sizeof d[nd]);
			qde_layout_init(&d[nd].lay);
			qp_entry *src = qp_map_get(names, doc.s, doc.len);
			d[nd].src = src ? (size_t)(uintptr_t)src->val - 1 : QDE_NONE;
			e->val = (void *)(uintptr_t)(++nd);
		}
		doc_t *x = &d[(size_t)(uintptr_t)e->val - 1];
		x->start = xreallocarray(x->start, x->n + 1, sizeof *x->start);
		x->end = xreallocarray(x->end, x->n + 1, sizeof *x->end);
		qde_layout_add(&x->lay, spk.s, spk.len, text.s, text.len, &x->start[x->n],
		               &x->end[x->n]);
		x->n++;
	}
	qp_rd_free(rd);
	for (size_t i = 0; i < nd; i++) {
		if (d[i].src == QDE_NONE)
			continue;
		const qde_source *src = &p->src[d[i].src];
		qde_layout_end(&d[i].lay);
		size_t a = d[i].lay.text.len, b = src->len;
		while (a && d[i].lay.text.s[a - 1] == '\n')
			a--;
		while (b && src->text[b - 1] == '\n')
			b--;
		if (a != b || memcmp(d[i].lay.text.s, src->text, a) != 0) {
			size_t k = 0;
			while (k < a && k < b && d[i].lay.text.s[k] == src->text[k])
				k++;
			qp_die("%s: the text of '%s' is not the one its segments make "
			       "(they differ from code point %zu on): not this study's transcript?",
			       o->file, src->name, qde_cp_count(src->text, k));
		}
	}
	for (size_t s = 0; s < p->nsrc; s++)
		if (!qp_map_get(docs, p->src[s].name, strlen(p->src[s].name)) && p->src[s].nsels)
			qp_warn("%s: the source '%s' has no segments in %s; its codings are not used",
			        o->file, p->src[s].name, o->segments);

	/* Pass 2: the segments again, each with its human codes. */
	rd = qp_rd_open(1, &seg);
	int ch = qp_rd_add_col(rd, "human");
	qp_rd_write_header(rd, qp_stdout);
	size_t *seen = xcalloc(nd + 1, sizeof *seen);
	while (qp_rd_next(rd)) {
		buf_reset(&doc), buf_reset(&h);
		qp_rd_get(rd, cd, &doc);
		qp_entry *e = qp_map_get(docs, doc.s, doc.len);
		size_t di = (size_t)(uintptr_t)e->val - 1;
		doc_t *x = &d[di];
		size_t k = seen[di]++;
		if (x->src != QDE_NONE) {
			const qde_source *src = &p->src[x->src];
			/* the selections are in order of their starts */
			for (size_t i = 0; i < src->nsels && src->sels[i].start < x->end[k]; i++) {
				const qde_sel *sel = &src->sels[i];
				if (sel->end > x->start[k])
					add_codes(p, o, sel, QDE_NONE, true, &h);
			}
		}
		qp_rd_set(rd, ch, h.s, h.len);
		qp_rd_write(rd, qp_stdout);
	}
	qp_rd_free(rd);
	free(seen);
	for (size_t i = 0; i < nd; i++) {
		qde_layout_free(&d[i].lay);
		free(d[i].start);
		free(d[i].end);
	}
	free(d);
	qp_map_free(docs);
	qp_map_free(names);
	buf_free(&doc), buf_free(&spk), buf_free(&text), buf_free(&h);
}

int
main(int argc, char **argv)
{
	options o = { 0 };
	int c;

	qp_init("from-qdpx");
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_SEGMENTS: o.segments = optarg; break;
		case OPT_CODER: o.coder = optarg; break;
		case OPT_CODEBOOK: o.codebook = true; break;
		case OPT_CRLF:
			if (strcmp(optarg, "one") == 0)
				o.crlf = 1;
			else if (strcmp(optarg, "two") == 0)
				o.crlf = 2;
			else
				qp_usage_error(usage, "--crlf: 'one' or 'two', not '%s'", optarg);
			break;
		default: qp_common_opt(c, usage);
		}
	}
	if (argc - optind != 1)
		qp_usage_error(usage, "name one .qdpx, .qde or .qdc FILE");
	o.file = argv[optind];
	if (o.segments && o.codebook)
		qp_usage_error(usage, "--segments and --codebook do not go together");
	if (o.segments && strcmp(o.segments, "-") == 0)
		qp_usage_error(usage, "--segments: a file (it is read twice), not standard input");

	qp_buf data = QP_BUF_INIT, err = QP_BUF_INIT;
	qde_project p;
	read_all(o.file, &data);
	if (!qdpx_load(strcmp(o.file, "-") ? o.file : NULL, data.s, data.len, o.crlf,
	               !o.codebook, &p, &err))
		qp_die("%s: %s", o.file, err.s);
	buf_free(&data);
	if (o.coder) {
		bool found = false;
		for (size_t u = 0; u < p.nusers && !found; u++)
			found = strcmp(p.users[u].name, o.coder) == 0;
		if (!found)
			qp_die("%s: --coder: no user is named '%s'", o.file, o.coder);
	}
	if (p.codebook_only && o.segments)
		qp_die("%s: a codebook has no codings to give the segments", o.file);
	sort_selections(&p);
	if (o.codebook || p.codebook_only)
		skeleton(&p, o.file);
	else if (o.segments)
		human_codes(&p, &o);
	else
		selections(&p, &o);
	qp_out_close(qp_stdout);
	qde_free(&p);
	buf_free(&err);
	return 0;
}
