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

#include "archive_in.h"
#include "buf.h"
#include "input.h"
#include "output.h"
#include "qp.h"
#include "record.h"
#include "rttm.h"
#include "sentence.h"
#include "transcript.h"

static const char usage[] =
	"usage: segment [-d doc] [-f format] [--no-merge] [-u unit] [--line-buffered]\n"
	"               [--replace-invalid] [--quiet] [--roles] [--rttm file]\n"
	"               [--strict] [file ...]\n"
	"       segment --help | --version\n"
	"Split transcripts (WebVTT, SubRip, Otter, labelled or timestamped text)\n"
	"into records, one for each speaker turn or sentence.\n"
	"A .docx is read as its text, a .zip/.tar/.tar.gz as its files.\n"
	"  -d, --doc NAME     document id of the input (one input only)\n"
	"  -f, --from FORMAT  auto (default), vtt, srt, teams, meet, otter,\n"
	"                     timestamped, labeled or plain\n"
	"                     or, for JSON and tables: json, whisper-json,\n"
	"                     whisper-cpp-json, aws-transcribe, deepgram, assemblyai,\n"
	"                     azure, google-stt, whisper-tsv or whisper-cpp-csv\n"
	"  --no-merge         keep consecutive pieces of one speaker apart\n"
	"  -u, --unit UNIT    turn (default) or sentence\n"
	"  --roles            a Teams <v Name (Role)> role goes to a role column\n"
	"  --strict           a WebVTT cue or block the spec drops is an error\n"
	"  --rttm FILE        speakers from RTTM turns, for timed pieces without one\n"
	QP_COMMON_HELP;

/* The turn writer: merges the readers' pieces into turns and writes them
 * as records. */
static struct {
	/* options */
	bool merge, sentences;
	const tr_format *from;          /* NULL: detect each file's format */
	const char *doc_opt;
	bool strict;            /* --strict: dropped cues are errors */
	bool roles;             /* --roles: a role column */
	const char *rttm;               /* --rttm FILE */

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
	if (tw.roles) {
		qp_putc(o, '\t');
		qp_write_field(o, tw.turn.role.s, tw.turn.role.len);
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
	    memcmp(p->spk.s, tw.turn.spk.s, p->spk.len) == 0 &&
	    p->role.len == tw.turn.role.len && memcmp(p->role.s, tw.turn.role.s, p->role.len) == 0) {
		buf_addc(&tw.turn.text, ' ');
		buf_add(&tw.turn.text, p->text.s, p->text.len);
		tw.turn.esc |= p->esc;
		tw.turn.end = p->end;
		return;
	}
	emit_turn();
	swap_buf(&tw.turn.text, &p->text);
	swap_buf(&tw.turn.spk, &p->spk);
	swap_buf(&tw.turn.role, &p->role);
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
	enum { OPT_NO_MERGE = QP_OPT_FIRST_PRIVATE, OPT_STRICT, OPT_ROLES, OPT_RTTM };
	static const struct option opts[] = {
		{ "doc", required_argument, NULL, 'd' },
		{ "from", required_argument, NULL, 'f' },
		{ "format", required_argument, NULL, 'f' },     /* the old name */
		{ "unit", required_argument, NULL, 'u' },
		{ "no-merge", no_argument, NULL, OPT_NO_MERGE },
		{ "strict", no_argument, NULL, OPT_STRICT },
		{ "roles", no_argument, NULL, OPT_ROLES },
		{ "rttm", required_argument, NULL, OPT_RTTM },
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
		case OPT_STRICT:
			tw.strict = true;
			break;
		case OPT_ROLES:
			tw.roles = true;
			break;
		case OPT_RTTM:
			tw.rttm = optarg;
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
	const char *hdr[8];
	tr_reader rd;

	qp_init("segment");
	tw.merge = true;
	parse_options(argc, argv);
	int nfiles = argc - optind;
	char **files = argv + optind;
	if (tw.doc_opt && nfiles > 1)
		qp_usage_error(usage, "--doc names one input, but %d were given", nfiles);

	size_t ncols = tw.sentences ? 7 : 6;
	memcpy(hdr, cols, ncols * sizeof *cols);
	if (tw.roles)
		hdr[ncols++] = "role";
	qp_write_header(qp_stdout, hdr, ncols);
	qp_input *in = qp_input_new(nfiles, files, QP_IN_CR | QP_IN_FILES);
	if (!tw.from)
		qp_input_sniff(in, tr_sniff_binary);
	qp_input_unpack(in, &qp_archive_unpacker);      /* .docx, archives */
	tr_init(&rd, in, take_piece, NULL);
	rd.strict = tw.strict;
	rd.roles = tw.roles;
	if (tw.rttm)
		rd.rttm = rttm_load(tw.rttm);
	while (tr_next_file(&rd)) {
		/* an archive's member is a document of its own, named so */
		const char *member = qp_input_member(in);
		if (member && tw.doc_opt)
			qp_die("%s: --doc names one document, but this is an archive's member",
			       qp_input_name(in));
		set_doc(member ? member : nfiles ? files[qp_input_index(in)] : "-");
		tw.seg = tw.nturn = 0;
		tr_read(&rd, tw.from ? tw.from : tr_detect(&rd));
		emit_turn();
	}
	qp_out_close(qp_stdout);

	rttm_free(rd.rttm);
	tr_free(&rd);
	qp_input_free(in);
	buf_free(&tw.doc);
	free(tw.sents);
	buf_free(&tw.turn.spk);
	buf_free(&tw.turn.role);
	buf_free(&tw.turn.text);
	buf_free(&tw.tmp);
	return 0;
}
