/*
 * segment: transcript files in, one record per speaker turn out.
 *
 * Each input file is one document.  Its format is recognised from its
 * first lines (tr_detect) or given with --from; the format's reader
 * (lib/tr_*.c, see transcript.h) turns lines into pieces (a speaker,
 * some text, a time span); here consecutive pieces of one speaker are
 * merged into a turn, and the turn is written as one record or, with
 * --unit sentence, as one record per sentence.
 *
 * The hot path is a Zoom WebVTT file: four short lines a cue.  Every line
 * is looked at with a few byte comparisons; buffers are reused, so the
 * steady state allocates nothing.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "input.h"
#include "output.h"
#include "qp.h"
#include "record.h"
#include "sentence.h"
#include "transcript.h"

static const char usage[] =
	"usage: segment [-d doc] [-f format] [--no-merge] [-u unit] [--line-buffered]\n"
	"               [--replace-invalid] [--quiet] [file ...]\n"
	"       segment --help | --version\n"
	"Split transcripts (WebVTT, SubRip, Otter, labelled or timestamped text)\n"
	"into records, one for each speaker turn or sentence.\n"
	"  -d, --doc NAME     document id of the input (one input only)\n"
	"  -f, --from FORMAT  auto (default), vtt, srt, otter, timestamped,\n"
	"                     labeled or plain\n"
	"  --no-merge         keep consecutive pieces of one speaker apart\n"
	"  -u, --unit UNIT    turn (default) or sentence\n"
	QP_COMMON_HELP;

/* The turn writer: merges the readers' pieces into turns and writes them
 * as records. */
static struct {
	/* options */
	bool merge, sentences;
	const tr_format *from;          /* NULL: detect each file's format */
	const char *doc_opt;

	qp_buf doc;             /* the document id, escaped */
	unsigned long seg, nturn;
	qp_sent *sents;
	size_t scap;

	/* the turn waiting to be written */
	bool thas;
	tr_piece turn;
	qp_buf tmp;
} tw;

static void
put_ulong(unsigned long v)
{
	char b[24];
	size_t i = sizeof b;
	do {
		b[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	qp_write(qp_stdout, b + i, sizeof b - i);
}

/* HH:MM:SS.mmm, so that times sort as text (below 100 hours). */
static void
put_time(tr_msec t)
{
	char b[32];
	size_t i = sizeof b;
	unsigned long long v;

	if (t < 0)
		return;
	v = (unsigned long long)t;
	for (int k = 0; k < 3; k++) {
		b[--i] = (char)('0' + v % 10);
		v /= 10;
	}
	b[--i] = '.';
	for (int k = 0; k < 2; k++) {
		unsigned long long d = v % 60;
		v /= 60;
		b[--i] = (char)('0' + d % 10);
		b[--i] = (char)('0' + d / 10);
		b[--i] = ':';
	}
	int hd = 0;
	do {
		b[--i] = (char)('0' + v % 10);
		v /= 10;
		hd++;
	} while (v || hd < 2);
	qp_write(qp_stdout, b + i, sizeof b - i);
}

static void
write_rec(const char *p, size_t n)
{
	qp_out *o = qp_stdout;

	qp_write(o, tw.doc.s, tw.doc.len);
	qp_putc(o, '\t');
	put_ulong(++tw.seg);
	qp_putc(o, '\t');
	put_time(tw.turn.start);
	qp_putc(o, '\t');
	put_time(tw.turn.end);
	qp_putc(o, '\t');
	if (tw.turn.spk.len > 0)
		qp_write_field(o, tw.turn.spk.s, tw.turn.spk.len);
	qp_putc(o, '\t');
	/* Normalised text holds no TAB or CR; only a backslash or the
	 * newlines of plain paragraphs need the escaping pass. */
	if (tw.turn.esc)
		qp_write_field(o, p, n);
	else
		qp_write(o, p, n);
	if (tw.sentences) {
		qp_putc(o, '\t');
		put_ulong(tw.nturn);
	}
	qp_out_endrec(o);
}

static void
emit_turn(void)
{
	size_t k;

	if (!tw.thas)
		return;
	tw.thas = false;
	if (!tw.sentences) {
		write_rec(tw.turn.text.s, tw.turn.text.len);
		return;
	}
	tw.nturn++;
	k = sent_split(tw.turn.text.s, tw.turn.text.len, &tw.sents, &tw.scap);
	if (k == 0) {
		/* Text the splitter finds no sentence in is still text. */
		write_rec(tw.turn.text.s, tw.turn.text.len);
		return;
	}
	for (size_t i = 0; i < k; i++) {
		const char *p = tw.turn.text.s + tw.sents[i].off;
		size_t n = tw.sents[i].len;
		/* A line break inside a sentence is where a transcriber or a
		 * PDF wrapped the line, not part of what was said: a sentence
		 * is written on one line, its breaks made spaces. */
		if (tw.turn.esc && memchr(p, '\n', n)) {
			buf_reset(&tw.tmp);
			for (size_t j = 0; j < n; j++) {
				if (p[j] != '\n') {
					buf_addc(&tw.tmp, p[j]);
					continue;
				}
				while (tw.tmp.len > 0 && tw.tmp.s[tw.tmp.len - 1] == ' ')
					tw.tmp.len--;
				while (j + 1 < n && p[j + 1] == ' ')
					j++;
				buf_addc(&tw.tmp, ' ');
			}
			write_rec(tw.tmp.s, tw.tmp.len);
		} else {
			write_rec(p, n);
		}
	}
}

static void
swap_buf(qp_buf *a, qp_buf *b)
{
	qp_buf t = *a;
	*a = *b;
	*b = t;
}

/* A piece is done (tr_sink): added to the waiting turn if the speaker is
 * the same, else it becomes the waiting turn.  Pieces without a speaker
 * never merge: nothing says they belong together. */
static void
take_piece(void *ctx, tr_piece *p)
{
	(void)ctx;
	if (tw.thas && tw.merge && p->spk.len > 0 && p->spk.len == tw.turn.spk.len &&
	    memcmp(p->spk.s, tw.turn.spk.s, p->spk.len) == 0) {
		buf_addc(&tw.turn.text, ' ');
		buf_add(&tw.turn.text, p->text.s, p->text.len);
		tw.turn.esc |= p->esc;
		tw.turn.end = p->end;
		return;
	}
	emit_turn();
	swap_buf(&tw.turn.text, &p->text);
	swap_buf(&tw.turn.spk, &p->spk);
	tw.turn.start = p->start;
	tw.turn.end = p->end;
	tw.turn.esc = p->esc;
	tw.thas = true;
}

/* The doc id: --doc, "stdin", or the file name without its directory,
 * without .gz and without the extension before that. */
static void
set_doc(const char *name)
{
	const char *base = name;
	size_t n;

	buf_reset(&tw.doc);
	if (tw.doc_opt) {
		qp_escape(tw.doc_opt, strlen(tw.doc_opt), &tw.doc);
		return;
	}
	if (strcmp(name, "-") == 0) {
		qp_escape("stdin", 5, &tw.doc);
		return;
	}
	const char *sl = strrchr(name, '/');
	if (sl)
		base = sl + 1;
	n = strlen(base);
	if (n > 3 && tr_eq_nocase(base + n - 3, 3, ".gz"))
		n -= 3;
	for (size_t i = n; i-- > 1;) {
		if (base[i] == '.') {
			n = i;
			break;
		}
	}
	qp_escape(base, n, &tw.doc);
}

static void
parse_options(int argc, char **argv)
{
	enum { OPT_NO_MERGE = QP_OPT_FIRST_PRIVATE };
	static const struct option opts[] = {
		{ "doc", required_argument, NULL, 'd' },
		{ "from", required_argument, NULL, 'f' },
		{ "format", required_argument, NULL, 'f' },     /* the old name */
		{ "unit", required_argument, NULL, 'u' },
		{ "no-merge", no_argument, NULL, OPT_NO_MERGE },
		QP_COMMON_LONGOPTS,
		{ NULL, 0, NULL, 0 }
	};
	int c;

	/* -n: the old short "no merge", kept for scripts */
	while ((c = getopt_long(argc, argv, "d:f:nu:", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			if (!*optarg)
				qp_usage_error(usage, "--doc: the name is empty");
			tw.doc_opt = optarg;
			break;
		case 'f':
			tw.from = strcmp(optarg, "auto") == 0 ? NULL : tr_format_named(optarg);
			if (!tw.from && strcmp(optarg, "auto") != 0)
				qp_usage_error(usage, "--from: unknown format '%s'", optarg);
			break;
		case 'n':
		case OPT_NO_MERGE:
			tw.merge = false;
			break;
		case 'u':
			if (strcmp(optarg, "turn") == 0)
				tw.sentences = false;
			else if (strcmp(optarg, "sentence") == 0)
				tw.sentences = true;
			else
				qp_usage_error(usage, "--unit: unknown unit '%s' (turn or sentence)",
				               optarg);
			break;
		default:
			qp_common_opt(c, usage);
		}
	}
}

int
main(int argc, char **argv)
{
	static const char *const cols[] = {
		"doc", "seg", "start", "end", "speaker", "text", "turn"
	};
	tr_reader rd;

	qp_init("segment");
	tw.merge = true;
	parse_options(argc, argv);
	int nfiles = argc - optind;
	char **files = argv + optind;
	if (tw.doc_opt && nfiles > 1)
		qp_usage_error(usage, "--doc names one input, but %d were given", nfiles);

	qp_write_header(qp_stdout, cols, tw.sentences ? 7 : 6);
	qp_input *in = qp_input_new(nfiles, files, QP_IN_CR | QP_IN_FILES);
	if (!tw.from)
		qp_input_sniff(in, tr_sniff_binary);
	tr_init(&rd, in, take_piece, NULL);
	while (tr_next_file(&rd)) {
		set_doc(nfiles ? files[qp_input_index(in)] : "-");
		tw.seg = tw.nturn = 0;
		tr_read(&rd, tw.from ? tw.from : tr_detect(&rd));
		emit_turn();
	}
	qp_out_close(qp_stdout);

	tr_free(&rd);
	qp_input_free(in);
	buf_free(&tw.doc);
	free(tw.sents);
	buf_free(&tw.turn.spk);
	buf_free(&tw.turn.text);
	buf_free(&tw.tmp);
	return 0;
}
