/*
 * segment: transcript files in, one record per speaker turn out.
 *
 * Each input file is one document.  Its format is recognised from its
 * first lines (or forced with --format); a parser per format turns lines
 * into pieces (a speaker, some text, a time span), consecutive pieces of
 * one speaker are merged into a turn, and the turn is written as one
 * record or, with --unit sentence, as one record per sentence.
 *
 * The hot path is a Zoom WebVTT file: four short lines a cue.  Every line
 * is looked at with a few byte comparisons; buffers are reused, so the
 * steady state allocates nothing.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "buf.h"
#include "input.h"
#include "label.h"
#include "output.h"
#include "qp.h"
#include "record.h"
#include "sentence.h"
#include "utf8.h"

static const char usage[] =
	"usage: segment [-n] [-d doc] [-f format] [-u unit] [--line-buffered]\n"
	"               [--replace-invalid] [file ...]\n"
	"  -d, --doc NAME     document id of the input (one input only)\n"
	"  -f, --format NAME  auto (default), vtt, srt, otter, timestamped,\n"
	"                     labeled or plain\n"
	"  -n, --no-merge     keep consecutive pieces of one speaker apart\n"
	"  -u, --unit UNIT    turn (default) or sentence\n"
	"      --line-buffered    flush after every record\n"
	"      --replace-invalid  read invalid UTF-8 as U+FFFD\n"
	"      --help, --version\n";

enum fmt { F_AUTO, F_VTT, F_SRT, F_OTTER, F_TS, F_LABELED, F_PLAIN, F_NFMT };
static const char *const fmt_name[F_NFMT] = {
	"auto", "vtt", "srt", "otter", "timestamped", "labeled", "plain"
};

/* Milliseconds into the recording; NOTIME where the source has none. */
typedef long long msec;
#define NOTIME (-1LL)

/* How many lines (not counting blank ones) and bytes format detection
 * may read ahead. */
#define DETECT_LINES 50
#define DETECT_BYTES (1024 * 1024)
/* Speaker labels remembered as good, to spare name_ok the repeats. */
#define NLABCACHE 8

struct qline {
	size_t off, len;
	unsigned long ln;
};

static struct {
	/* options */
	bool merge, sentences;
	enum fmt force;
	const char *doc_opt;
	int nfiles;
	char **files;

	/* input: the current file's lines come first from the queue (lines
	 * read ahead for detection), then from qp_input */
	qp_input *in;
	bool eof;               /* qp_input is exhausted */
	bool file_done;         /* the current file has no more lines */
	bool have_next;         /* next_p: first line of the next file */
	const char *next_p;
	size_t next_n;
	qp_buf q;               /* the queued lines' bytes */
	struct qline *ql;
	size_t qn, qpos, qcap;
	const char *fname;      /* for messages */
	unsigned long lineno;   /* of the line last handed out */
	const char *ext;        /* the file name's extension, or "" */
	size_t extlen;

	/* output */
	qp_buf doc;             /* escaped */
	unsigned long seg, turn;
	qp_sent *sents;
	size_t scap;

	/* the turn waiting to be written */
	bool thas;
	qp_buf tspk, ttext;
	msec tstart, tend;
	bool tesc;              /* ttext holds a byte that needs escaping */

	/* the piece being built */
	bool pon;
	qp_buf pspk, ptext;
	msec pstart, pend;
	bool pesc;
	bool pspace;            /* a space is due before the next text */
	size_t pbase;           /* no space is due at this length of ptext */

	qp_buf cue;             /* a cue's text lines, joined by \n */
	qp_buf labcache[NLABCACHE];     /* labels label_line accepted */
	unsigned labnext;
	qp_buf tmp;
} S;

/* Byte classes for the text scanners: 0 is an ordinary byte. */
enum { C_WS = 1, C_BS, C_LT, C_AMP, C_BRACE };
static unsigned char cls_text[256], cls_vtt[256], cls_srt[256];

static void
init_tables(void)
{
	static const char ws[] = " \t\n\v\f\r";
	for (const char *p = ws; *p; p++) {
		cls_text[(unsigned char)*p] = C_WS;
		cls_vtt[(unsigned char)*p] = C_WS;
		cls_srt[(unsigned char)*p] = C_WS;
	}
	cls_text['\\'] = cls_vtt['\\'] = cls_srt['\\'] = C_BS;
	cls_vtt['<'] = cls_srt['<'] = C_LT;
	cls_vtt['&'] = C_AMP;
	cls_srt['{'] = C_BRACE;
}

#define ONES 0x0101010101010101ULL
#define HIGHS 0x8080808080808080ULL

/* High bits set where x may have a zero byte; nonzero exactly when it
 * has one. */
static inline uint64_t
zero_bytes(uint64_t x)
{
	return (x - ONES) & ~x & HIGHS;
}

/*
 * End of the run of ordinary bytes at p[i..n); a single space between
 * two ordinary bytes belongs to the run, so that a line of words is
 * copied in one piece.  Eight bytes are taken at a time while they hold
 * no control byte, none of < & \ {, and no two spaces in a row (a
 * superset of what any of the class tables marks); the byte loop
 * decides the rest.
 */
static inline size_t
run_end(const char *p, size_t n, size_t i, const unsigned char *cls)
{
	size_t j = i, stop;

	if (j >= n || cls[(unsigned char)p[j]])
		return j;
	j++;
	for (;;) {
		while (j + 8 <= n) {
			uint64_t v, sp;
			memcpy(&v, p + j, 8);
			sp = zero_bytes(v ^ (ONES * ' '));
			if (((v - ONES * 0x20) & ~v & HIGHS) |
			    zero_bytes(v ^ (ONES * '<')) | zero_bytes(v ^ (ONES * '&')) |
			    zero_bytes(v ^ (ONES * '\\')) | zero_bytes(v ^ (ONES * '{')) |
			    (sp & (sp << 8)) | (sp & (sp >> 8)))
				break;
			if (p[j + 7] == ' ') {
				/* the byte loop decides whether it is followed */
				j += 7;
				break;
			}
			j += 8;
		}
		stop = j + 8 < n ? j + 8 : n;
		while (j < stop) {
			unsigned char c = (unsigned char)p[j];
			if (!cls[c])
				j++;
			else if (c == ' ' && j + 1 < n && !cls[(unsigned char)p[j + 1]])
				j += 2;
			else
				return j;
		}
		if (j >= n)
			return n;
	}
}

static inline bool
is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\f' || c == '\v';
}

static inline bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool
blank(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!is_ws(p[i]))
			return false;
	return true;
}

static char
lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Does p[0..n) equal the lower-case ASCII word w, ignoring ASCII case? */
static bool
eq_nocase(const char *p, size_t n, const char *w)
{
	size_t i = 0;
	for (; i < n && w[i]; i++)
		if (lower(p[i]) != w[i])
			return false;
	return i == n && w[i] == '\0';
}

/* ---- diagnostics ---- */

/* The start of a line, for a message: at most 40 bytes, cut on a
 * character boundary. */
static const char *
show(const char *p, size_t n)
{
	static char b[64];
	size_t k = n > 40 ? 40 : n;
	while (k < n && k > 0 && ((unsigned char)p[k] & 0xC0) == 0x80)
		k--;
	memcpy(b, p, k);
	strcpy(b + k, k < n ? "..." : "");
	return b;
}

static noreturn void fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static noreturn void
fail(const char *fmt, ...)
{
	char msg[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	qp_die_at(S.fname, S.lineno, "%s", msg);
}

/* ---- lines of the current file ---- */

static void
queue_push(const char *p, size_t n, unsigned long ln)
{
	if (S.qn == S.qcap) {
		S.qcap = S.qcap ? S.qcap * 2 : 64;
		S.ql = xreallocarray(S.ql, S.qcap, sizeof *S.ql);
	}
	S.ql[S.qn].off = S.q.len;
	S.ql[S.qn].len = n;
	S.ql[S.qn].ln = ln;
	S.qn++;
	buf_add(&S.q, p, n);
}

/* Read one more line of the current file into the queue; false at the
 * file's end.  A line that begins the next file is kept for start_file. */
static bool
pull_line(void)
{
	const char *p;
	size_t n;

	if (S.file_done)
		return false;
	if (!qp_input_line(S.in, &p, &n)) {
		S.eof = S.file_done = true;
		return false;
	}
	if (qp_input_first(S.in)) {
		S.next_p = p;
		S.next_n = n;
		S.have_next = true;
		S.file_done = true;
		return false;
	}
	queue_push(p, n, qp_input_lineno(S.in));
	return true;
}

/* Next line of the current file; false at its end.  The line stays valid
 * until the next call. */
static bool
next_line(const char **p, size_t *n)
{
	if (S.qpos < S.qn) {
		const struct qline *l = &S.ql[S.qpos++];
		*p = S.q.s + l->off;
		*n = l->len;
		S.lineno = l->ln;
		return true;
	}
	if (S.file_done)
		return false;
	if (!qp_input_line(S.in, p, n)) {
		S.eof = S.file_done = true;
		return false;
	}
	if (qp_input_first(S.in)) {
		S.next_p = *p;
		S.next_n = *n;
		S.have_next = true;
		S.file_done = true;
		return false;
	}
	S.lineno = qp_input_lineno(S.in);
	return true;
}

/* The doc id: --doc, "stdin", or the file name without its directory,
 * without .gz and without the extension before that. */
static void
set_doc(const char *name)
{
	const char *base = name;
	size_t n;

	buf_reset(&S.doc);
	S.ext = "";
	S.extlen = 0;
	if (strcmp(name, "-") == 0) {
		base = "stdin";
		n = 5;
	} else {
		const char *sl = strrchr(name, '/');
		if (sl)
			base = sl + 1;
		n = strlen(base);
		if (n > 3 && eq_nocase(base + n - 3, 3, ".gz"))
			n -= 3;
		for (size_t i = n; i-- > 1;) {
			if (base[i] == '.') {
				S.ext = base + i + 1;
				S.extlen = n - i - 1;
				n = i;
				break;
			}
		}
	}
	if (S.doc_opt)
		qp_escape(S.doc_opt, strlen(S.doc_opt), &S.doc);
	else
		qp_escape(base, n, &S.doc);
}

/* Begin the next file: false when there is none. */
static bool
start_file(void)
{
	const char *p;
	size_t n;

	if (S.have_next) {
		p = S.next_p;
		n = S.next_n;
		S.have_next = false;
	} else if (S.eof || !qp_input_line(S.in, &p, &n)) {
		S.eof = true;
		return false;
	}
	S.fname = qp_input_name(S.in);
	S.lineno = qp_input_lineno(S.in);
	S.file_done = false;
	buf_reset(&S.q);
	S.qn = S.qpos = 0;
	queue_push(p, n, S.lineno);
	set_doc(S.nfiles ? S.files[qp_input_index(S.in)] : "-");
	S.seg = S.turn = 0;
	return true;
}

/* ---- output ---- */

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
put_time(msec t)
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

	qp_write(o, S.doc.s, S.doc.len);
	qp_putc(o, '\t');
	put_ulong(++S.seg);
	qp_putc(o, '\t');
	put_time(S.tstart);
	qp_putc(o, '\t');
	put_time(S.tend);
	qp_putc(o, '\t');
	if (S.tspk.len > 0)
		qp_write_field(o, S.tspk.s, S.tspk.len);
	qp_putc(o, '\t');
	/* Normalised text holds no TAB or CR; only a backslash or the
	 * newlines of plain paragraphs need the escaping pass. */
	if (S.tesc)
		qp_write_field(o, p, n);
	else
		qp_write(o, p, n);
	if (S.sentences) {
		qp_putc(o, '\t');
		put_ulong(S.turn);
	}
	qp_out_endrec(o);
}

static void
emit_turn(void)
{
	size_t k;

	if (!S.thas)
		return;
	S.thas = false;
	if (!S.sentences) {
		write_rec(S.ttext.s, S.ttext.len);
		return;
	}
	S.turn++;
	k = sent_split(S.ttext.s, S.ttext.len, &S.sents, &S.scap);
	if (k == 0) {
		/* Text the splitter finds no sentence in is still text. */
		write_rec(S.ttext.s, S.ttext.len);
		return;
	}
	for (size_t i = 0; i < k; i++) {
		const char *p = S.ttext.s + S.sents[i].off;
		size_t n = S.sents[i].len;
		/* A line break inside a sentence is where a transcriber or a
		 * PDF wrapped the line, not part of what was said: a sentence
		 * is written on one line, its breaks made spaces. */
		if (S.tesc && memchr(p, '\n', n)) {
			buf_reset(&S.tmp);
			for (size_t j = 0; j < n; j++) {
				if (p[j] != '\n') {
					buf_addc(&S.tmp, p[j]);
					continue;
				}
				while (S.tmp.len > 0 && S.tmp.s[S.tmp.len - 1] == ' ')
					S.tmp.len--;
				while (j + 1 < n && p[j + 1] == ' ')
					j++;
				buf_addc(&S.tmp, ' ');
			}
			write_rec(S.tmp.s, S.tmp.len);
		} else {
			write_rec(p, n);
		}
	}
}

/* ---- pieces and turns ---- */

static void
swap_buf(qp_buf *a, qp_buf *b)
{
	qp_buf t = *a;
	*a = *b;
	*b = t;
}

/* The piece is done: drop it if it has no text, add it to the waiting
 * turn if the speaker is the same, else it becomes the waiting turn.
 * Pieces without a speaker never merge: nothing says they belong
 * together. */
static void
piece_commit(void)
{
	if (!S.pon)
		return;
	S.pon = false;
	if (S.ptext.len == 0)
		return;
	if (S.thas && S.merge && S.pspk.len > 0 && S.pspk.len == S.tspk.len &&
	    memcmp(S.pspk.s, S.tspk.s, S.pspk.len) == 0) {
		buf_addc(&S.ttext, ' ');
		buf_add(&S.ttext, S.ptext.s, S.ptext.len);
		S.tesc |= S.pesc;
		S.tend = S.pend;
		return;
	}
	emit_turn();
	swap_buf(&S.ttext, &S.ptext);
	swap_buf(&S.tspk, &S.pspk);
	S.tstart = S.pstart;
	S.tend = S.pend;
	S.tesc = S.pesc;
	S.thas = true;
}

/* Start a piece of speaker spk[0..n) (whitespace is normalised). */
static void
piece_begin(const char *spk, size_t n, msec start, msec end)
{
	piece_commit();
	buf_reset(&S.pspk);
	buf_reset(&S.ptext);
	if (n > 0 && run_end(spk, n, 0, cls_text) == n) {
		buf_add(&S.pspk, spk, n);
		n = 0;
	}
	for (size_t i = 0; i < n; i++) {
		if (is_ws(spk[i]) || spk[i] == '\n' || spk[i] == '\r') {
			if (S.pspk.len > 0 && S.pspk.s[S.pspk.len - 1] != ' ')
				buf_addc(&S.pspk, ' ');
		} else {
			buf_addc(&S.pspk, spk[i]);
		}
	}
	if (S.pspk.len > 0 && S.pspk.s[S.pspk.len - 1] == ' ')
		S.pspk.s[--S.pspk.len] = '\0';
	S.pstart = start;
	S.pend = end;
	S.pesc = false;
	S.pspace = false;
	S.pbase = 0;
	S.pon = true;
}

static inline void
add_run(const char *p, size_t n)
{
	if (S.pspace) {
		buf_addc(&S.ptext, ' ');
		S.pspace = false;
	}
	buf_add(&S.ptext, p, n);
}

static inline void
add_space(void)
{
	S.pspace = S.ptext.len > S.pbase;
}

/* Append text with runs of white space made one space, none at the ends. */
static void
text_add(const char *p, size_t n)
{
	size_t i = 0, j;

	while (i < n) {
		j = run_end(p, n, i, cls_text);
		if (j > i) {
			add_run(p + i, j - i);
			if (j == n)
				break;
		}
		if (p[j] == '\\') {
			add_run(p + j, 1);
			S.pesc = true;
		} else {
			add_space();
		}
		i = j + 1;
	}
}

/* A continuation line: joined to the piece by a space. */
static void
text_line(const char *p, size_t n)
{
	if (!S.pon)
		piece_begin(NULL, 0, NOTIME, NOTIME);
	add_space();
	text_add(p, n);
}

/* ---- names and labels ---- */

/* ... and role keys, which are speaker labels as often as keys. */
static const char *const meta_roles[] = {
	"facilitator", "interviewee", "interviewer", "moderator",
	"note taker", "note-taker", "notetaker", "observer", "participant",
	"respondent", NULL
};

/* Does p[0..n) look like a speaker's name, role or code (label.h)? */
static bool
name_ok(const char *p, size_t n)
{
	return qp_label_check(p, n) == QP_LABEL_YES;
}

/*
 * A "LABEL: text" line (label.h).  On success the label is
 * p[*lo..*lo + *ll) and the text starts at p[*rest].
 */
static bool
label_line(const char *p, size_t n, size_t *lo, size_t *ll, size_t *rest)
{
	qp_label l;

	if (!qp_label_split(p, n, &l))
		return false;
	/* Zoom repeats the name on every cue: remember the last few. */
	size_t k;
	for (k = 0; k < NLABCACHE; k++)
		if (S.labcache[k].len == l.len && memcmp(p + l.off, S.labcache[k].s, l.len) == 0)
			break;
	if (k == NLABCACHE) {
		if (!name_ok(p + l.off, l.len))
			return false;
		qp_buf *c = &S.labcache[S.labnext++ % NLABCACHE];
		buf_reset(c);
		buf_add(c, p + l.off, l.len);
	}
	*lo = l.off;
	*ll = l.len;
	*rest = l.rest;
	return true;
}

enum { META_NO, META_KEY, META_ROLE };

/* Is p[0..n) a "Key: value" line of a metadata block?  Which role key it
 * is comes back in *role (an index into meta_roles). */
static int
meta_line(const char *p, size_t n, size_t *role)
{
	qp_label l;
	size_t v;

	if (!qp_label_split(p, n, &l))
		return META_NO;
	if (qp_label_is_meta_key(p + l.off, l.len))
		return META_KEY;
	for (size_t r = 0; meta_roles[r]; r++) {
		if (!eq_nocase(p + l.off, l.len, meta_roles[r]))
			continue;
		/* The value must be a name: "Interviewer: Jane Doe", not
		 * "Interviewer: So, tell me about it." */
		v = l.rest;
		while (n > v && is_ws(p[n - 1]))
			n--;
		if (n == v || strchr(".?!", p[n - 1]) || !name_ok(p + v, n - v))
			return META_NO;
		*role = r;
		return META_ROLE;
	}
	return META_NO;
}

/* ---- times ---- */

/* Digits at s[*i..n): how many (at most 10 are read); value in *v. */
static size_t
digits(const char *s, size_t n, size_t *i, unsigned long long *v)
{
	size_t k = 0;
	*v = 0;
	while (*i < n && is_digit(s[*i])) {
		if (k < 10)
			*v = *v * 10 + (unsigned)(s[*i] - '0');
		(*i)++;
		k++;
	}
	return k;
}

/* A WebVTT timestamp, [hh:]mm:ss.ttt, at s[*i..); the hours may have
 * more than two digits, minutes and seconds are below 60. */
static bool
vtt_time(const char *s, size_t n, size_t *i, msec *t)
{
	unsigned long long v1, v2, v3, v4;
	size_t k = digits(s, n, i, &v1);
	bool hours;

	if (k == 0 || k > 10)
		return false;
	hours = k != 2 || v1 > 59;
	if (*i >= n || s[*i] != ':')
		return false;
	(*i)++;
	if (digits(s, n, i, &v2) != 2)
		return false;
	if (hours || (*i < n && s[*i] == ':')) {
		if (*i >= n || s[*i] != ':')
			return false;
		(*i)++;
		if (digits(s, n, i, &v3) != 2)
			return false;
	} else {
		v3 = v2;
		v2 = v1;
		v1 = 0;
	}
	if (*i >= n || s[*i] != '.')
		return false;
	(*i)++;
	if (digits(s, n, i, &v4) != 3 || v2 > 59 || v3 > 59)
		return false;
	*t = (msec)(((v1 * 60 + v2) * 60 + v3) * 1000 + v4);
	return true;
}

/* hh:mm:ss.ttt at p[*i..n), the form nearly every writer uses;
 * vtt_time handles the rest. */
static bool
vtt_time_fast(const char *p, size_t n, size_t *i, msec *t)
{
	size_t k = *i;
	unsigned h, m, s, ms, bad;

	if (n - k < 12 || p[k + 2] != ':')
		return false;
	const unsigned char *q = (const unsigned char *)p + k;
	/* digits minus '0' are below 10; one test for all nine */
	bad = (unsigned)(q[0] - '0' > 9) | (q[1] - '0' > 9) | (q[3] - '0' > 9) |
	      (q[4] - '0' > 9) | (q[6] - '0' > 9) | (q[7] - '0' > 9) |
	      (q[9] - '0' > 9) | (q[10] - '0' > 9) | (q[11] - '0' > 9) |
	      (q[5] != ':') | (q[8] != '.');
	if (bad || (n - k > 12 && is_digit(p[k + 12])))
		return false;
	h = (q[0] - '0') * 10u + (q[1] - '0');
	m = (q[3] - '0') * 10u + (q[4] - '0');
	s = (q[6] - '0') * 10u + (q[7] - '0');
	ms = (q[9] - '0') * 100u + (q[10] - '0') * 10u + (q[11] - '0');
	if (m > 59 || s > 59)
		return false;
	*t = ((msec)(h * 60 + m) * 60 + s) * 1000 + ms;
	*i = k + 12;
	return true;
}

/* "START --> END" with white space allowed around each part, the times
 * read by clock; WebVTT and SubRip differ only in their clocks. */
static bool
arrow_span(const char *p, size_t n, size_t *i,
           bool (*clock)(const char *, size_t, size_t *, msec *), msec *s, msec *e)
{
	while (*i < n && is_ws(p[*i]))
		(*i)++;
	if (!clock(p, n, i, s))
		return false;
	while (*i < n && is_ws(p[*i]))
		(*i)++;
	if (n - *i < 3 || memcmp(p + *i, "-->", 3) != 0)
		return false;
	*i += 3;
	while (*i < n && is_ws(p[*i]))
		(*i)++;
	return clock(p, n, i, e);
}

/* "START --> END [settings]"; the settings are not needed here. */
static bool
vtt_timing(const char *p, size_t n, msec *s, msec *e)
{
	size_t i = 0;

	if (vtt_time_fast(p, n, &i, s) && n - i >= 5 && memcmp(p + i, " --> ", 5) == 0) {
		i += 5;
		if (vtt_time_fast(p, n, &i, e))
			return true;
	}
	i = 0;
	return arrow_span(p, n, &i, vtt_time, s, e);
}

/* SubRip: hh:mm:ss,mmm (a full stop is accepted for the comma). */
static bool
srt_time(const char *s, size_t n, size_t *i, msec *t)
{
	unsigned long long h, m, sec, ms;
	size_t k = digits(s, n, i, &h);

	if (k == 0 || k > 10 || *i >= n || s[*i] != ':')
		return false;
	(*i)++;
	if (digits(s, n, i, &m) != 2 || *i >= n || s[*i] != ':')
		return false;
	(*i)++;
	if (digits(s, n, i, &sec) != 2 || *i >= n || (s[*i] != ',' && s[*i] != '.'))
		return false;
	(*i)++;
	if (digits(s, n, i, &ms) != 3 || m > 59 || sec > 59)
		return false;
	*t = (msec)(((h * 60 + m) * 60 + sec) * 1000 + ms);
	return true;
}

/* "START --> END", then nothing or white space and coordinates. */
static bool
srt_timing(const char *p, size_t n, msec *s, msec *e)
{
	size_t i = 0;

	return arrow_span(p, n, &i, srt_time, s, e) && (i == n || is_ws(p[i]));
}

/* A clock as transcription services write it: h:mm:ss or m:ss (any
 * number of digits first), optionally .mmm or ,mmm when frac. */
static bool
clock_time(const char *s, size_t n, size_t *i, msec *t, bool frac)
{
	unsigned long long a, b, c = 0, ms = 0;
	size_t k = digits(s, n, i, &a);
	bool three = false;

	if (k == 0 || k > 6 || *i >= n || s[*i] != ':')
		return false;
	(*i)++;
	if (digits(s, n, i, &b) != 2)
		return false;
	if (*i < n && s[*i] == ':') {
		(*i)++;
		if (digits(s, n, i, &c) != 2)
			return false;
		three = true;
	}
	if (frac && *i + 1 < n && (s[*i] == '.' || s[*i] == ',') && is_digit(s[*i + 1])) {
		(*i)++;
		if (digits(s, n, i, &ms) != 3)
			return false;
	}
	if (three) {
		if (b > 59 || c > 59)
			return false;
		*t = (msec)(((a * 60 + b) * 60 + c) * 1000 + ms);
	} else {
		if (b > 59)
			return false;
		*t = (msec)((a * 60 + b) * 1000 + ms);
	}
	return true;
}

/* ---- format: WebVTT and SubRip cue text ---- */

static void
add_cp(int32_t cp)
{
	char u[4];

	if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f') {
		add_space();
		return;
	}
	if (cp == '\\')
		S.pesc = true;
	add_run(u, utf8_encode(cp, u));
}

/* Named character references: the ones WebVTT writers use and the
 * typographic ones that turn up in captions. */
static const struct {
	const char *name;
	int32_t cp;
} charrefs[] = {
	{ "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' },
	{ "apos", '\'' }, { "nbsp", 0xA0 }, { "lrm", 0x200E }, { "rlm", 0x200F },
	{ "hellip", 0x2026 }, { "mdash", 0x2014 }, { "ndash", 0x2013 },
	{ "lsquo", 0x2018 }, { "rsquo", 0x2019 }, { "ldquo", 0x201C },
	{ "rdquo", 0x201D }, { "copy", 0xA9 }, { "reg", 0xAE },
	{ "trade", 0x2122 },
};

/* What HTML (and so WebVTT) makes of numeric references to C1 controls:
 * the windows-1252 characters at those bytes. */
static const uint16_t c1_remap[32] = {
	0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
	0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
};

/* t[0] is '&': a reference "&name;", "&#DDD;" or "&#xHHH;".  Returns its
 * length with the code point in *cp, or 0 when it is none (the '&' is
 * then text, as is "&name;" for a name not in the table). */
static size_t
charref(const char *t, size_t n, int32_t *cp)
{
	size_t max = n < 34 ? n : 34, k = 1;

	while (k < max && t[k] != ';' && (is_digit(t[k]) || t[k] == '#' ||
	    (lower(t[k]) >= 'a' && lower(t[k]) <= 'z')))
		k++;
	if (k >= max || t[k] != ';' || k == 1)
		return 0;
	if (t[1] != '#') {
		for (size_t r = 0; r < sizeof charrefs / sizeof charrefs[0]; r++) {
			if (strlen(charrefs[r].name) == k - 1 &&
			    memcmp(charrefs[r].name, t + 1, k - 1) == 0) {
				*cp = charrefs[r].cp;
				return k + 1;
			}
		}
		return 0;
	}
	size_t i = 2;
	bool hex = i < k && lower(t[i]) == 'x';
	unsigned long v = 0;
	i += hex;
	if (i == k || k - i > 8)
		return 0;
	for (; i < k; i++) {
		char c = lower(t[i]);
		int d = is_digit(c) ? c - '0' :
		        hex && c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
		if (d < 0)
			return 0;
		v = v * (hex ? 16 : 10) + (unsigned)d;
	}
	if (v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		*cp = 0xFFFD;
	else if (v >= 0x80 && v <= 0x9F)
		*cp = c1_remap[v - 0x80];
	else
		*cp = (int32_t)v;
	return k + 1;
}

struct cue {
	msec start, end;
	bool voice;     /* inside <v> */
	bool rt;        /* inside <rt>: ruby annotation, left out */
};

/* t[0] is '<': a WebVTT tag.  Every tag is removed; <v Name> starts a
 * piece of that speaker; <rt> text is left out.  A '<' that no '>'
 * follows in the cue is kept as text rather than losing the rest. */
static size_t
vtt_tag(const char *t, size_t n, struct cue *c)
{
	const char *gt = memchr(t + 1, '>', n - 1);
	size_t len, k, a;
	bool close;
	const char *tag = t + 1;

	if (!gt) {
		if (!c->rt)
			add_run("<", 1);
		return 1;
	}
	len = (size_t)(gt - tag);
	close = len > 0 && tag[0] == '/';
	k = close;
	while (k < len && tag[k] != '.' && !is_ws(tag[k]) && tag[k] != '\n')
		k++;
	k -= close;
	if (k == 1 && tag[close] == 'v') {
		if (close) {
			piece_begin(NULL, 0, c->start, c->end);
			c->voice = false;
		} else {
			/* <v.class Jane Doe>: the annotation after the white space */
			a = 1;
			while (a < len && !is_ws(tag[a]) && tag[a] != '\n')
				a++;
			buf_reset(&S.tmp);
			for (size_t i = a; i < len; i++) {
				int32_t cp;
				size_t r = tag[i] == '&' ? charref(tag + i, len - i, &cp) : 0;
				if (r) {
					char u[4];
					buf_add(&S.tmp, u, utf8_encode(cp, u));
					i += r - 1;
				} else {
					buf_addc(&S.tmp, tag[i]);
				}
			}
			piece_begin(S.tmp.s, S.tmp.len, c->start, c->end);
			c->voice = true;
		}
	} else if (k == 2 && memcmp(tag + close, "rt", 2) == 0) {
		c->rt = !close;
	} else if (k == 4 && close && memcmp(tag + 1, "ruby", 4) == 0) {
		c->rt = false;
	}
	return len + 2;
}

/* t[0] is '<': the length of a SubRip formatting tag there (<i> <b> <u>
 * <s> <font ...> and their ends), or 0: any other '<' is text. */
static size_t
srt_tag_len(const char *t, size_t n)
{
	size_t lim = n < 200 ? n : 200, k, len;
	const char *gt = memchr(t + 1, '>', lim - 1);
	const char *tag = t + 1;
	bool close;

	if (!gt)
		return 0;
	len = (size_t)(gt - tag);
	close = len > 0 && tag[0] == '/';
	k = close;
	while (k < len && !is_ws(tag[k]))
		k++;
	k -= close;
	if ((k == 1 && strchr("ibusIBUS", tag[close])) ||
	    (k == 4 && eq_nocase(tag + close, 4, "font")))
		return len + 2;
	return 0;
}

/* t[0] is '{': the length of an override block such as {\an8}, or 0. */
static size_t
srt_brace_len(const char *t, size_t n)
{
	const char *cb;

	if (n > 1 && t[1] == '\\' && (cb = memchr(t, '}', n < 200 ? n : 200)))
		return (size_t)(cb - t) + 1;
	return 0;
}

/*
 * A label at the start of a cue line whose first bytes hold markup
 * ("<i>Jane:</i> hello"): look for it in those bytes with the tags taken
 * out.  On success the speaker is started and *skip is where the text
 * starts in t.  A <v> tag first is not a label's business.
 */
static bool
cue_label_tagged(const char *t, size_t n, bool vtt, size_t *skip)
{
	char b[128];
	size_t map[129], k = 0, i = 0, lo, ll, rest, len;

	while (i < n && k < sizeof b) {
		len = 0;
		if (t[i] == '<') {
			if (vtt) {
				const char *gt = memchr(t + i, '>', n - i);
				if (gt && i + 1 < n && t[i + 1] == 'v' &&
				    (t[i + 2] == '>' || t[i + 2] == '.' || is_ws(t[i + 2])))
					return false;
				len = gt ? (size_t)(gt - t - i) + 1 : 0;
			} else {
				len = srt_tag_len(t + i, n - i);
			}
		} else if (t[i] == '{' && !vtt) {
			len = srt_brace_len(t + i, n - i);
		}
		if (len) {
			i += len;
			continue;
		}
		map[k] = i;
		b[k++] = t[i++];
	}
	map[k] = i;
	if (!label_line(b, k, &lo, &ll, &rest))
		return false;
	piece_begin(b + lo, ll, S.pstart, S.pend);
	*skip = map[rest];
	return true;
}

/*
 * A cue's text (its lines joined by \n): tags removed, references
 * decoded (WebVTT), white space normalised.  A line that starts with
 * "Name: " (Zoom) or a <v Name> span (Teams) starts a piece of that
 * speaker; text before any speaker is a piece without one.
 */
static void
cue_text(const char *t, size_t n, msec start, msec end, bool vtt)
{
	const unsigned char *cls = vtt ? cls_vtt : cls_srt;
	struct cue c = { start, end, false, false };
	bool bol = true;
	size_t i = 0, j, r;

	piece_begin(NULL, 0, start, end);
	while (i < n) {
		if (bol) {
			size_t lo, ll, rest;
			const char *nl = memchr(t + i, '\n', n - i);
			size_t e = nl ? (size_t)(nl - t) : n;
			bol = false;
			if (c.voice) {
				/* the <v> span names the speaker */
			} else if (label_line(t + i, e - i, &lo, &ll, &rest)) {
				piece_begin(t + i + lo, ll, start, end);
				i += rest;
				continue;
			} else if (memchr(t + i, '<', e - i > 100 ? 100 : e - i) ||
			           (!vtt && memchr(t + i, '{', e - i > 100 ? 100 : e - i))) {
				if (cue_label_tagged(t + i, e - i, vtt, &rest)) {
					i += rest;
					continue;
				}
			}
		}
		j = run_end(t, n, i, cls);
		if (j > i) {
			if (!c.rt)
				add_run(t + i, j - i);
			i = j;
			continue;
		}
		switch (cls[(unsigned char)t[i]]) {
		case C_WS:
			if (t[i] == '\n')
				bol = true;
			add_space();
			i++;
			break;
		case C_BS:
			if (!c.rt) {
				add_run(t + i, 1);
				S.pesc = true;
			}
			i++;
			break;
		case C_AMP: {
			int32_t cp;
			size_t r = charref(t + i, n - i, &cp);
			if (!c.rt) {
				if (r)
					add_cp(cp);
				else
					add_run("&", 1);
			}
			i += r ? r : 1;
			break;
		}
		case C_LT:
			if (vtt) {
				i += vtt_tag(t + i, n - i, &c);
			} else if ((r = srt_tag_len(t + i, n - i))) {
				i += r;
			} else {
				add_run("<", 1);
				i++;
			}
			break;
		case C_BRACE:
			if ((r = srt_brace_len(t + i, n - i))) {
				i += r;
			} else {
				add_run("{", 1);
				i++;
			}
			break;
		}
	}
	piece_commit();
}

static bool
has_arrow(const char *p, size_t n)
{
	const char *q = p, *e = p + n;

	while (e - q >= 3 && (q = memchr(q, '-', (size_t)(e - q - 2)))) {
		if (q[1] == '-' && q[2] == '>')
			return true;
		q++;
	}
	return false;
}

/* Does the line start with the word w, alone or followed by white space? */
static inline bool
starts_word_n(const char *p, size_t n, const char *w, size_t k)
{
	return n >= k && memcmp(p, w, k) == 0 && (n == k || p[k] == ' ' || p[k] == '\t');
}
#define starts_word(p, n, w) starts_word_n(p, n, w, sizeof w - 1)

static bool
vtt_signature(const char *p, size_t n)
{
	return starts_word(p, n, "WEBVTT");
}

/* ---- format: WebVTT ---- */

static void
parse_vtt(void)
{
	enum { SIG, HEAD, GAP, ID, CUE, SKIP } st = SIG;
	const char *p;
	size_t n;
	msec s = 0, e = 0;

	while (next_line(&p, &n)) {
		switch (st) {
		case SIG:
			if (!vtt_signature(p, n))
				fail("not WebVTT: the first line is not WEBVTT (found '%s')",
				     show(p, n));
			st = HEAD;
			continue;
		case HEAD:
		case SKIP:
			/* header text, NOTE, STYLE and REGION blocks run to a
			 * blank line; a timing line also ends them */
			if (n == 0)
				st = GAP;
			else if (has_arrow(p, n))
				break;
			continue;
		case GAP:
			if (blank(p, n))
				continue;
			if (has_arrow(p, n))
				break;
			if (starts_word(p, n, "NOTE") || starts_word(p, n, "STYLE") ||
			    starts_word(p, n, "REGION")) {
				st = SKIP;
				continue;
			}
			st = ID;
			continue;
		case ID:
			if (!has_arrow(p, n))
				fail("expected cue timings (START --> END) after the cue "
				     "identifier, found '%s'", show(p, n));
			break;
		case CUE:
			if (n == 0) {
				cue_text(S.cue.s, S.cue.len, s, e, true);
				st = GAP;
				continue;
			}
			if (!has_arrow(p, n)) {
				if (S.cue.len)
					buf_addc(&S.cue, '\n');
				buf_add(&S.cue, p, n);
				continue;
			}
			/* a timing line ends the cue without a blank line */
			cue_text(S.cue.s, S.cue.len, s, e, true);
			break;
		}
		/* a cue timing line */
		if (!vtt_timing(p, n, &s, &e))
			fail("bad cue timings '%s' (expected [hh:]mm:ss.ttt --> "
			     "[hh:]mm:ss.ttt)", show(p, n));
		buf_reset(&S.cue);
		st = CUE;
	}
	if (st == ID)
		fail("the file ends after a cue identifier, without cue timings");
	if (st == CUE)
		cue_text(S.cue.s, S.cue.len, s, e, true);
}

/* ---- format: SubRip ---- */

static bool
srt_index(const char *p, size_t n)
{
	size_t i = 0, k;
	unsigned long long v;

	while (i < n && is_ws(p[i]))
		i++;
	k = digits(p, n, &i, &v);
	while (i < n && is_ws(p[i]))
		i++;
	return k > 0 && i == n;
}

static void
parse_srt(void)
{
	enum { GAP, TIME, TEXT } st = GAP;
	const char *p;
	size_t n;
	msec s = 0, e = 0;

	while (next_line(&p, &n)) {
		switch (st) {
		case GAP:
			if (blank(p, n))
				break;
			if (!srt_index(p, n))
				fail("not SubRip: expected a subtitle number, found '%s'",
				     show(p, n));
			st = TIME;
			break;
		case TIME:
			if (!srt_timing(p, n, &s, &e))
				fail("bad subtitle timing '%s' (expected hh:mm:ss,mmm --> "
				     "hh:mm:ss,mmm)", show(p, n));
			buf_reset(&S.cue);
			st = TEXT;
			break;
		case TEXT:
			if (blank(p, n)) {
				cue_text(S.cue.s, S.cue.len, s, e, false);
				st = GAP;
				break;
			}
			if (S.cue.len)
				buf_addc(&S.cue, '\n');
			buf_add(&S.cue, p, n);
			break;
		}
	}
	if (st == TIME)
		fail("the file ends after a subtitle number, without its timing");
	if (st == TEXT)
		cue_text(S.cue.s, S.cue.len, s, e, false);
}

/* ---- format: Otter.ai ---- */

/* "Speaker Name  0:05": a name, white space, a clock, nothing after. */
static bool
otter_head(const char *p, size_t n, size_t *nl, msec *t)
{
	size_t k, i, e;

	while (n > 0 && is_ws(p[n - 1]))
		n--;
	if (n == 0 || n > 100 || is_ws(p[0]))
		return false;
	k = n;
	while (k > 0 && !is_ws(p[k - 1]))
		k--;
	if (k == 0)
		return false;
	i = k;
	if (!clock_time(p, n, &i, t, false) || i != n)
		return false;
	e = k;
	while (e > 0 && is_ws(p[e - 1]))
		e--;
	if (!name_ok(p, e))
		return false;
	*nl = e;
	return true;
}

static bool
otter_trailer(const char *p, size_t n)
{
	static const char tr[] = "Transcribed by https://otter.ai";
	while (n > 0 && is_ws(p[n - 1]))
		n--;
	while (n > 0 && is_ws(p[0]))
		p++, n--;
	return n == sizeof tr - 1 && memcmp(p, tr, n) == 0;
}

static void
parse_otter(void)
{
	const char *p;
	size_t n, nl;
	bool after_blank = true;
	msec t;

	while (next_line(&p, &n)) {
		if (blank(p, n)) {
			after_blank = true;
			continue;
		}
		if (after_blank && otter_head(p, n, &nl, &t)) {
			piece_begin(p, nl, t, NOTIME);
		} else if (!otter_trailer(p, n)) {
			if (!S.pon)
				fail("not an Otter.ai export: expected a speaker line "
				     "(Name  m:ss), found '%s'", show(p, n));
			add_space();
			text_add(p, n);
		}
		after_blank = false;
	}
}

/* ---- format: timestamped ---- */

/*
 * A turn head with a time:
 *   Name (00:01:23): text     Name [01:23]: text   (Rev and the like)
 *   [00:01:23] Name: text     [00:01:23] text
 *   [Name] 15:05:17 text      (Zoom's saved captions)
 * The text after the head may be empty (it is on the next lines).
 */
static bool
ts_head(const char *p, size_t n, size_t *no, size_t *nl, msec *t, size_t *rest)
{
	size_t i, k, e, lo, ll, r;
	const char *cb;

	if (n == 0)
		return false;
	if (p[0] == '[') {
		cb = memchr(p, ']', n < 100 ? n : 100);
		if (!cb)
			return false;
		k = (size_t)(cb - p);
		i = 1;
		if (clock_time(p, k, &i, t, true) && i == k) {
			r = k + 1;
			if (r < n && !is_ws(p[r]))
				return false;
			while (r < n && is_ws(p[r]))
				r++;
			if (label_line(p + r, n - r, &lo, &ll, rest)) {
				*no = r + lo;
				*nl = ll;
				*rest += r;
			} else {
				*no = *nl = 0;
				*rest = r;
			}
			return true;
		}
		/* [Name] hh:mm:ss */
		i = 1;
		while (i < k && is_ws(p[i]))
			i++;
		e = k;
		while (e > i && is_ws(p[e - 1]))
			e--;
		if (e == i)
			return false;
		r = k + 1;
		if (r >= n || !is_ws(p[r]))
			return false;
		while (r < n && is_ws(p[r]))
			r++;
		size_t tb = r;
		if (!clock_time(p, n, &r, t, true) || r - tb < 7 || (r < n && !is_ws(p[r])))
			return false;
		*no = i;
		*nl = e - i;
		*rest = r;
		return true;
	}
	/* Name (time): */
	size_t lim = n < 100 ? n : 100;
	for (k = 0; k < lim && p[k] != '(' && p[k] != '['; k++)
		;
	if (k == lim || k == 0 || !is_ws(p[k - 1]))
		return false;
	char closer = p[k] == '(' ? ')' : ']';
	i = k + 1;
	if (!clock_time(p, n, &i, t, true) || i >= n || p[i] != closer)
		return false;
	i++;
	if (i < n && p[i] == ':')
		i++;
	else if (!blank(p + i, n - i))
		return false;
	if (i < n && !is_ws(p[i]))
		return false;
	e = k;
	while (e > 0 && is_ws(p[e - 1]))
		e--;
	if (!name_ok(p, e))
		return false;
	*no = 0;
	*nl = e;
	*rest = i;
	return true;
}

/* ---- formats: labeled and timestamped ---- */

/*
 * Turns start at a head (a label, or a timestamped head); other lines
 * continue the turn.  Before the first turn, a metadata block (Date:,
 * Project:, ...) is left out; other lines there make a piece without a
 * speaker.
 */
static void
parse_turns(bool ts)
{
	enum { M_NONE, M_IN, M_DONE } meta = M_NONE;
	unsigned roles = 0;
	bool turned = false;
	const char *p;
	size_t n, lo, ll, rest, role;
	msec t;

	while (next_line(&p, &n)) {
		if (blank(p, n)) {
			if (meta == M_IN)
				meta = M_DONE;
			continue;
		}
		if (!turned && meta != M_DONE) {
			switch (meta_line(p, n, &role)) {
			case META_KEY:
				meta = M_IN;
				continue;
			case META_ROLE:
				if (meta == M_IN && !(roles & (1u << role))) {
					roles |= 1u << role;
					continue;
				}
				break;
			}
			if (meta == M_IN)
				meta = M_DONE;
		}
		if (ts ? ts_head(p, n, &lo, &ll, &t, &rest) :
		         label_line(p, n, &lo, &ll, &rest)) {
			piece_begin(p + lo, ll, ts ? t : NOTIME, NOTIME);
			text_add(p + rest, n - rest);
			turned = true;
			continue;
		}
		text_line(p, n);
	}
}

/* ---- format: plain ---- */

/* One piece a paragraph; its lines are joined by a newline. */
static void
parse_plain(void)
{
	const char *p;
	size_t n;

	while (next_line(&p, &n)) {
		if (blank(p, n)) {
			piece_commit();
			continue;
		}
		if (!S.pon) {
			piece_begin(NULL, 0, NOTIME, NOTIME);
		} else {
			buf_addc(&S.ptext, '\n');
			S.pesc = true;
			S.pspace = false;
			S.pbase = S.ptext.len;
		}
		text_add(p, n);
	}
}

/* ---- detection ---- */

static bool
ext_is(const char *e)
{
	return eq_nocase(S.ext, S.extlen, e);
}

/*
 * Binary input, named by its first bytes (segment(1), DETECTION): known
 * magic numbers, then UTF-16 (every other byte NUL), then more than one
 * byte in ten NUL or another control byte, or more than one in four
 * those or not UTF-8.  A stray bad byte (or Latin-1 text) is left to
 * the line reader, which names its line.  Called by qp_input for each file, before its
 * lines are checked, so that a .docx is not "NUL byte at byte 6".
 */
/* UTF-16 is text, but not UTF-8 */
#define U16 "; convert it to UTF-8 (iconv -f UTF-16 -t UTF-8)"

static const struct {
	const char *magic;
	unsigned char len, off;
	const char *what;
} magics[] = {
	{ "PK\x03\x04", 4, 0, "a ZIP archive (.docx?)" },
	{ "PK\x05\x06", 4, 0, "a ZIP archive (.docx?)" },
	{ "%PDF-", 5, 0, "a PDF document" },
	{ "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8, 0, "an OLE2 file (an old .doc?)" },
	{ "\xFF\xFE", 2, 0, "UTF-16 text" U16 },
	{ "\xFE\xFF", 2, 0, "UTF-16 text" U16 },
	{ "BZh", 3, 0, "bzip2 data (only gzip is inflated)" },
	{ "\xFD" "7zXZ", 5, 0, "xz data (only gzip is inflated)" },
	{ "\x28\xB5\x2F\xFD", 4, 0, "zstd data (only gzip is inflated)" },
	{ "7z\xBC\xAF\x27\x1C", 6, 0, "a 7-Zip archive" },
	{ "ID3", 3, 0, "an MP3 audio file" },
	{ "fLaC", 4, 0, "a FLAC audio file" },
	{ "OggS", 4, 0, "an Ogg audio or video file" },
	{ "RIFF", 4, 0, "a RIFF file (WAV audio?)" },
	{ "ftyp", 4, 4, "an MP4 audio or video file" },
	{ "\x1A\x45\xDF\xA3", 4, 0, "a Matroska or WebM video file" },
	{ "\x89PNG", 4, 0, "a PNG image" },
	{ "\xFF\xD8\xFF", 3, 0, "a JPEG image" },
};

static void
sniff_binary(const char *name, const char *p, size_t n, bool whole)
{
	const char *what = NULL;
	size_t ctl = 0, bad = 0, nul = 0;
	bool odd = true, even = true;

	for (size_t i = 0; i < sizeof magics / sizeof magics[0]; i++) {
		if (n >= (size_t)magics[i].off + magics[i].len &&
		    memcmp(p + magics[i].off, magics[i].magic, magics[i].len) == 0) {
			what = magics[i].what;
			break;
		}
	}
	if (what)
		goto refuse;
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)p[i];
		if (c == 0) {
			nul++;
			/* UTF-16 without a byte order mark: every other byte NUL */
			if (i % 2)
				even = false;
			else
				odd = false;
		} else if ((c < 0x20 && !is_ws((char)c) && c != '\n' && c != '\r' &&
		             c != 0x1b && c != 0x1a) ||
		           c == 0x7f) {
			ctl++;
		}
		if (c < 0x80) {
			i++;
			continue;
		}
		/* one character at a time, so that no control byte is skipped */
		size_t len = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
		if (len <= n - i && utf8_valid_prefix(p + i, len) == len) {
			i += len;
		} else {
			/* a character cut by the end of the look is not bad */
			if (!whole && n - i < len)
				break;
			bad++;
			i++;
		}
	}
	if (nul * 4 >= n && n >= 8 && (odd || even))
		what = "UTF-16 text" U16;
	else if ((nul + ctl) * 10 > n || (nul + ctl + bad) * 4 > n)
		what = "binary data";
	if (!what)
		return;
refuse:
	qp_die("%s: looks like %s%s; see segment(1)", name, what,
	       strncmp(what, "UTF-16", 6) == 0 ? "" : ", not text");
}

/* The queued lines from line i, byte k on, read as one stream without
 * their line ends: the next byte that is not white space, or -1. */
static int
q_ns(size_t *i, size_t *k)
{
	for (; *i < S.qn; (*i)++, *k = 0) {
		const char *p = S.q.s + S.ql[*i].off;
		for (; *k < S.ql[*i].len; (*k)++)
			if (!is_ws(p[*k]))
				return (unsigned char)p[(*k)++];
	}
	return -1;
}

/* After an opening '"': true if the string closes on its line. */
static bool
q_string(size_t *i, size_t *k)
{
	const char *p;

	if (*i >= S.qn)
		return false;
	p = S.q.s + S.ql[*i].off;
	for (; *k < S.ql[*i].len; (*k)++) {
		if (p[*k] == '\\')
			(*k)++;
		else if (p[*k] == '"') {
			(*k)++;
			return true;
		}
	}
	return false;
}

/*
 * JSON, from line fb: an object whose first key is followed by ':', an
 * empty object or array, or an array whose first element is an object,
 * an array, a string followed by ',' or ']', or a number followed by ','.
 * "[00:01:02] ..." and "[laughs]" stay text.
 */
static bool
looks_json(size_t fb)
{
	size_t i = fb, k = 0;
	int c = q_ns(&i, &k), d;

	if (c == '[') {
		d = q_ns(&i, &k);
		if (d == ']' || d == '[')
			return true;
		if (d == '"')
			return q_string(&i, &k) && ((c = q_ns(&i, &k)) == ',' || c == ']');
		if (d == '-' || is_digit((char)d)) {
			const char *p = S.q.s + S.ql[i].off;
			while (k < S.ql[i].len && (is_digit(p[k]) || (p[k] && strchr(".eE+-", p[k]))))
				k++;
			return q_ns(&i, &k) == ',';
		}
		c = d;
	}
	if (c != '{')
		return false;
	d = q_ns(&i, &k);
	return d == '}' || (d == '"' && q_string(&i, &k) && q_ns(&i, &k) == ':');
}

/* A column name in a table's header: a short name of a few words. */
static bool
col_name(const char *p, size_t n)
{
	size_t words = 1;

	if (n >= 2 && p[0] == '"' && p[n - 1] == '"') {
		p++;
		n -= 2;
	}
	if (n == 0 || n > 40 || p[0] == ' ' || p[n - 1] == ' ')
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = p[i];
		if (c == ' ' && ++words > 4)
			return false;
		if (!(is_digit(c) || (lower(c) >= 'a' && lower(c) <= 'z') ||
		      (c && strchr(" _-.()#/", c))))
			return false;
	}
	return true;
}

/* Column names that say a CSV header is one (case does not matter). */
static bool
col_known(const char *p, size_t n)
{
	static const char *const known[] = {
		"start", "end", "text", "speaker", "time", "start time",
		"end time", "start_time", "end_time", "begin", "duration",
		"transcript", "timestamp", "content", "name", "words",
	};

	if (n >= 2 && p[0] == '"' && p[n - 1] == '"') {
		p++;
		n -= 2;
	}
	for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
		if (eq_nocase(p, n, known[i]))
			return true;
	return false;
}

/* Fields of p[0..n) split at sep, all column names; their number (0 if
 * one is not).  *known: one of them is in col_known. */
static size_t
header_fields(const char *p, size_t n, char sep, bool *known)
{
	size_t k = 0, from = 0;

	*known = false;
	for (size_t i = 0; i <= n; i++) {
		if (i < n && p[i] != sep)
			continue;
		if (!col_name(p + from, i - from))
			return 0;
		*known |= col_known(p + from, i - from);
		k++;
		from = i + 1;
	}
	return k;
}

static size_t
count_byte(const char *p, size_t n, char c)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += p[i] == c;
	return k;
}

/*
 * A table: a header line of two or more column names, TAB-separated
 * (the next line, if any, has a TAB too), or comma-separated with a
 * known name among them (and the next line, if any, as many commas).
 */
static const char *
looks_table(size_t fb)
{
	const char *p = S.q.s + S.ql[fb].off, *q = NULL;
	size_t n = S.ql[fb].len, qn = 0, k;
	bool known;

	for (size_t i = fb + 1; i < S.qn; i++) {
		if (!blank(S.q.s + S.ql[i].off, S.ql[i].len)) {
			q = S.q.s + S.ql[i].off;
			qn = S.ql[i].len;
			break;
		}
	}
	if (memchr(p, '\t', n)) {
		k = header_fields(p, n, '\t', &known);
		if (k >= 2 && (!q || memchr(q, '\t', qn)))
			return "a TAB-separated table";
		return NULL;
	}
	k = header_fields(p, n, ',', &known);
	if (k >= 2 && known && (!q || count_byte(q, qn, ',') + 1 >= k))
		return "a CSV table";
	return NULL;
}

/* RTTM: "SPEAKER file channel onset duration ..." (speaker turns only). */
static bool
looks_rttm(const char *p, size_t n)
{
	size_t f = 0, i = 0;

	while (i < n) {
		while (i < n && is_ws(p[i]))
			i++;
		if (i == n)
			break;
		size_t from = i;
		while (i < n && !is_ws(p[i]))
			i++;
		if (f == 0 && !(i - from == 7 && memcmp(p + from, "SPEAKER", 7) == 0))
			return false;
		if (f == 3 || f == 4) {
			for (size_t j = from; j < i; j++)
				if (!is_digit(p[j]) && p[j] != '.')
					return false;
		}
		f++;
	}
	return f >= 9;
}

/*
 * Structured text that is not a transcript segment can read: what it
 * looks like, or NULL for text detect() goes on with.
 */
static const char *
not_prose(size_t fb)
{
	const char *p = S.q.s + S.ql[fb].off;
	size_t n = S.ql[fb].len, i = 0;

	if (ext_is("json") || looks_json(fb))
		return "JSON";
	if (ext_is("rttm") || looks_rttm(p, n))
		return "RTTM";
	while (i < n && is_ws(p[i]))
		i++;
	p += i;
	n -= i;
	if (n >= 5 && memcmp(p, "{\\rtf", 5) == 0)
		return "RTF";
	if (n >= 5 && memcmp(p, "<?xml", 5) == 0)
		return "XML";
	if ((n >= 9 && eq_nocase(p, 9, "<!doctype")) || (n >= 5 && eq_nocase(p, 5, "<html")))
		return "HTML";
	return looks_table(fb);
}


/*
 * WebVTT by its signature (or a .vtt name), SubRip by a number line and
 * a timing line (or a .srt name), Otter by a speaker line first; then,
 * in the first lines, a timestamped head or two labels decide; else
 * plain.
 */
static enum fmt
detect(void)
{
	size_t fb, nb = 0, labels = 0, lo, ll, rest;
	msec t, t2;
	const char *p;
	size_t n;

	p = S.q.s + S.ql[0].off;
	n = S.ql[0].len;
	if (vtt_signature(p, n) || ext_is("vtt"))
		return F_VTT;
	for (size_t i = 0; i < S.qn || pull_line(); i++) {
		if (!blank(S.q.s + S.ql[i].off, S.ql[i].len) && ++nb >= DETECT_LINES)
			break;
		/* a long first line still gets a second to compare with */
		if (S.q.len >= DETECT_BYTES && nb >= 2)
			break;
	}
	for (fb = 0; fb < S.qn && blank(S.q.s + S.ql[fb].off, S.ql[fb].len); fb++)
		;
	if (fb == S.qn)
		return ext_is("srt") ? F_SRT : F_PLAIN;
	p = S.q.s + S.ql[fb].off;
	n = S.ql[fb].len;
	/* WebVTT after blank lines: the parser says what is wrong */
	if (vtt_signature(p, n))
		return F_VTT;
	const char *what = not_prose(fb);
	if (what)
		qp_die("%s: looks like %s; no reader for it yet, see segment(1)",
		       S.fname, what);
	if ((srt_index(p, n) && fb + 1 < S.qn &&
	     srt_timing(S.q.s + S.ql[fb + 1].off, S.ql[fb + 1].len, &t, &t2)) ||
	    ext_is("srt"))
		return F_SRT;
	if (otter_head(p, n, &ll, &t))
		return F_OTTER;
	for (size_t i = fb; i < S.qn; i++) {
		p = S.q.s + S.ql[i].off;
		n = S.ql[i].len;
		if (ts_head(p, n, &lo, &ll, &t, &rest))
			return F_TS;
		if (label_line(p, n, &lo, &ll, &rest) && ++labels == 2)
			return F_LABELED;
	}
	/* One label in a file read to its end: a one-turn transcript. */
	return labels == 1 && S.file_done ? F_LABELED : F_PLAIN;
}

static void
do_file(void)
{
	enum fmt f = S.force != F_AUTO ? S.force : detect();

	switch (f) {
	case F_VTT: parse_vtt(); break;
	case F_SRT: parse_srt(); break;
	case F_OTTER: parse_otter(); break;
	case F_TS: parse_turns(true); break;
	case F_LABELED: parse_turns(false); break;
	default: parse_plain(); break;
	}
	piece_commit();
	emit_turn();
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "doc", required_argument, NULL, 'd' },
		{ "format", required_argument, NULL, 'f' },
		{ "no-merge", no_argument, NULL, 'n' },
		{ "unit", required_argument, NULL, 'u' },
		QP_COMMON_LONGOPTS,
		{ NULL, 0, NULL, 0 }
	};
	int c;

	qp_init("segment");
	S.merge = true;
	while ((c = getopt_long(argc, argv, "d:f:nu:", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			if (!*optarg)
				qp_usage_error(usage, "--doc: the name is empty");
			S.doc_opt = optarg;
			break;
		case 'f':
			for (S.force = F_AUTO; S.force < F_NFMT; S.force++)
				if (strcmp(optarg, fmt_name[S.force]) == 0)
					break;
			if (S.force == F_NFMT)
				qp_usage_error(usage, "--format: unknown format '%s'", optarg);
			break;
		case 'n':
			S.merge = false;
			break;
		case 'u':
			if (strcmp(optarg, "turn") == 0)
				S.sentences = false;
			else if (strcmp(optarg, "sentence") == 0)
				S.sentences = true;
			else
				qp_usage_error(usage, "--unit: unknown unit '%s' (turn or sentence)",
				               optarg);
			break;
		default:
			qp_common_opt(c, usage);
		}
	}
	S.nfiles = argc - optind;
	S.files = argv + optind;
	if (S.doc_opt && S.nfiles > 1)
		qp_usage_error(usage, "--doc names one input, but %d were given", S.nfiles);

	init_tables();
	static const char *const cols[] = {
		"doc", "seg", "start", "end", "speaker", "text", "turn"
	};
	qp_write_header(qp_stdout, cols, S.sentences ? 7 : 6);

	S.in = qp_input_new(S.nfiles, S.files, QP_IN_CR);
	if (S.force == F_AUTO)
		qp_input_sniff(S.in, sniff_binary);
	while (start_file())
		do_file();
	qp_out_close(qp_stdout);

	qp_input_free(S.in);
	buf_free(&S.q);
	free(S.ql);
	buf_free(&S.doc);
	free(S.sents);
	buf_free(&S.tspk);
	buf_free(&S.ttext);
	buf_free(&S.pspk);
	buf_free(&S.ptext);
	buf_free(&S.cue);
	buf_free(&S.tmp);
	for (int k = 0; k < NLABCACHE; k++)
		buf_free(&S.labcache[k]);
	return 0;
}
