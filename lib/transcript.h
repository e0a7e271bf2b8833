/*
 * transcript.h: reading transcript files as speaker pieces; the house of
 * segment's format readers.
 *
 * A transcript reader (a tr_format) reads one file's lines and cuts them
 * into pieces: some text, the speaker it is given to (or none), a time
 * span where the source has one.  What becomes of the pieces (merged
 * into turns, written as records) is the caller's: it gets each finished
 * piece through the sink it gave to tr_init.  Each format is one file,
 * lib/tr_FORMAT.c, holding its reader, what it recognises its files by
 * (probe) and nothing else; the pieces of text handling they share are
 * here (transcript.c), the caption cue text of WebVTT and SubRip in
 * tr_cue.c (WebVTT's own parts in tr_vtt*.c, see tr_vtt.h), and format
 * detection (which reader a file gets, and which
 * files no reader takes) in tr_detect.c.
 *
 * To add a format: write lib/tr_NAME.c with a `const tr_format
 * tr_fmt_NAME` (name, probe, read), declare it below, and put it in
 * tr_formats[] (tr_detect.c) where its probe should be asked; name it in
 * segment(1).
 *
 * Readers see text as it is in the file: lines from qp_input (UTF-8,
 * without terminators), which tr_text_add and the like normalise (runs
 * of white space made one space).  A reader dies on a malformed file
 * with tr_fail (exit 2, the file and line named).
 *
 * Memory: a tr_reader owns its buffers (tr_free); the qp_input is the caller's.
 * Lines, looks and pieces are borrowed for the length of the call.
 */
#ifndef QP_TRANSCRIPT_H
#define QP_TRANSCRIPT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdnoreturn.h>
#include <string.h>

#include "buf.h"
#include "input.h"

/* Milliseconds into the recording; TR_NOTIME where the source has none. */
typedef long long tr_msec;
#define TR_NOTIME (-1LL)

/* Speaker labels remembered as good, to spare the label rule repeats. */
#define TR_NLABCACHE 8

/* A piece: its speaker ("" for none, white space made single spaces),
 * its text (normalised), its span, and whether the text holds a byte
 * that needs escaping in a record (a backslash, a newline). */
typedef struct {
	qp_buf spk, text;
	tr_msec start, end;
	bool esc;
	qp_buf role;            /* a role the label carried (tr_reader.roles) */
} tr_piece;

typedef struct tr_reader tr_reader;

/* Gets each finished piece that has text.  It may take the piece's
 * buffers (swap them with its own): the reader resets them before it
 * builds the next piece. */
typedef void tr_sink(void *ctx, tr_piece *p);

struct tr_reader {
	qp_input *in;           /* opened with QP_IN_FILES */
	const char *name;       /* the current file, for messages */
	const char *ext;        /* its name's extension ("vtt"), or "" */
	size_t extlen;
	tr_sink *sink;
	void *ctx;

	/* the piece being built */
	bool pon;
	tr_piece p;
	bool pspace;            /* a space is due before the next text */
	size_t pbase;           /* no space is due at this length of p.text */

	/* the readers' scratch */
	qp_buf cue;             /* a cue's text lines, joined by \n */
	qp_buf tmp;
	qp_buf labcache[TR_NLABCACHE];  /* labels tr_label_line accepted */
	unsigned labnext;
	struct tr_line *look;   /* tr_detect's window */
	size_t lookcap;

	/* WebVTT and caption cues (tr_vtt.c, tr_cue.c) */
	bool strict;            /* a dropped cue or block is an error */
	bool roles;             /* <v Name (Role)>: Role to the piece's role */
	/* Given each WebVTT cue as the file has it, instead of its pieces
	 * (tests/tools/vttcues); NULL for pieces. */
	void (*cue_hook)(void *ctx, const char *id, size_t idn, tr_msec s, tr_msec e,
	                 const char *text, size_t n);
	qp_buf cspk;            /* a caption speaker that carries over cues */
	unsigned long cline;    /* where the cue being read began */
	/* segment --rttm: speakers for the timed pieces that have none,
	 * given as each piece is finished (rttm.h); NULL without */
	struct qp_rttm *rttm;
};

/* A line of text, borrowed. */
typedef struct tr_line {
	const char *p;
	size_t n;
} tr_line;

/* What detection has seen of a file: its first lines, from the first
 * that is not blank (line[0]), blank ones included. */
typedef struct {
	const tr_line *line;
	size_t n;
	bool whole;             /* the lines are the whole file */
	const char *ext;        /* the file name's extension, or "" */
	size_t extlen;
} tr_look;

typedef struct {
	const char *name;       /* as --from takes it */
	/* Is the file in this format, by what detection has seen of it?
	 * NULL: never detected (the fallback, or by name only). */
	bool (*probe)(const tr_look *look);
	/* Read the file's lines to its end (tr_line), giving pieces. */
	void (*read)(tr_reader *rd);
} tr_format;

extern const tr_format tr_fmt_vtt, tr_fmt_srt, tr_fmt_otter, tr_fmt_timestamped,
	tr_fmt_labeled, tr_fmt_plain;
/* JSON (tr_json.h: detection gives tr_fmt_json, which names the vendor;
 * the others by --from only) and the Whisper family's tables (tr_table.c) */
extern const tr_format tr_fmt_json, tr_fmt_whisper_json, tr_fmt_whispercpp_json,
	tr_fmt_aws, tr_fmt_deepgram, tr_fmt_assemblyai, tr_fmt_azure, tr_fmt_google,
	tr_fmt_whisper_tsv, tr_fmt_whispercpp_csv;
/* The meeting transcripts of a .docx (tr_docx.c): Teams/Stream, Google
 * Meet with Gemini's notes. */
extern const tr_format tr_fmt_teams, tr_fmt_meet;

/* Every format, in the order detection asks them (NULL-terminated). */
extern const tr_format *const tr_formats[];
const tr_format *tr_format_named(const char *name);   /* or NULL */

/* ---- for the caller (segment) ---- */

void tr_init(tr_reader *rd, qp_input *in, tr_sink *sink, void *ctx);
void tr_free(tr_reader *rd);
/* Move to the next file that has a line (empty files are skipped);
 * false when none is left. */
bool tr_next_file(tr_reader *rd);
/* Which reader the current file needs (tr_detect.c): dies, naming what
 * the file looks like, on structured text no reader takes (JSON, RTTM,
 * tables, RTF, XML, HTML). */
const tr_format *tr_detect(tr_reader *rd);
/* Read the current file with f, and give the last piece to the sink. */
void tr_read(tr_reader *rd, const tr_format *f);
/* A qp_sniff_fn: dies on binary input (a PDF, UTF-16, audio, a gzip'd .docx),
 * naming what it looks like, before a line of it is read as text. */
void tr_sniff_binary(const char *name, const char *p, size_t n, bool whole);

/* ---- for the readers ---- */

/* The next line of the current file; false at its end. */
static inline bool
tr_next_line(tr_reader *rd, const char **p, size_t *n)
{
	return qp_input_line(rd->in, p, n);
}

/* Die naming the file and the line last read. */
noreturn void tr_fail(tr_reader *rd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The start of a line, for a message (static storage, the next call
 * overwrites it). */
const char *tr_show(const char *p, size_t n);

/* Finish the piece being built (tr_sink), then start one of speaker
 * spk[0..n) (may be NULL), spanning start..end. */
void tr_piece_begin(tr_reader *rd, const char *spk, size_t n, tr_msec start, tr_msec end);
/* Finish the piece being built, if any. */
void tr_piece_commit(tr_reader *rd);
/* Append text, runs of white space made one space, none at the ends. */
void tr_text_add(tr_reader *rd, const char *p, size_t n);
/* A continuation line: joined to the piece by a space (a piece without
 * a speaker is started if none is being built). */
void tr_text_line(tr_reader *rd, const char *p, size_t n);

static inline void
tr_add_run(tr_reader *rd, const char *p, size_t n)
{
	if (rd->pspace) {
		buf_addc(&rd->p.text, ' ');
		rd->pspace = false;
	}
	buf_add(&rd->p.text, p, n);
}

/* A space is due before the next text, unless the piece has none yet. */
static inline void
tr_add_space(tr_reader *rd)
{
	rd->pspace = rd->p.text.len > rd->pbase;
}

/* A "LABEL: text" line (label.h): the label is p[*lo..*lo + *ll), the
 * text starts at p[*rest].  rd (may be NULL) caches the labels seen. */
bool tr_label_line(tr_reader *rd, const char *p, size_t n, size_t *lo, size_t *ll, size_t *rest);
/* Does p[0..n) look like a speaker's name, role or code (label.h)? */
bool tr_name_ok(const char *p, size_t n);
/* The head of a line up to p[k] (a clock there, say), trailing white
 * space dropped: its length if it is a name (tr_name_ok), else 0. */
size_t tr_name_before(const char *p, size_t k);

/* "Speaker Name  0:05" (tr_otter.c): the name's length in *nl, the
 * clock in *t. */
bool tr_otter_head(const char *p, size_t n, size_t *nl, tr_msec *t);

/* Digits at s[*i..n): how many (at most 10 are read); value in *v. */
size_t tr_digits(const char *s, size_t n, size_t *i, unsigned long long *v);
/* A clock as transcription services write it: h:mm:ss or m:ss (any
 * number of digits first), optionally .mmm or ,mmm when frac. */
bool tr_clock_time(const char *s, size_t n, size_t *i, tr_msec *t, bool frac);
/* "START --> END" at p[*i..n), white space allowed around each part, the
 * times read by clock; WebVTT and SubRip differ only in their clocks. */
bool tr_arrow_span(const char *p, size_t n, size_t *i,
                   bool (*clock)(const char *, size_t, size_t *, tr_msec *),
                   tr_msec *s, tr_msec *e);

/* The text of a caption cue (its lines joined by \n) as pieces: tags
 * removed, references decoded (WebVTT), labels and <v> spans starting
 * speakers (tr_cue.c). */
void tr_cue_text(tr_reader *rd, const char *text, size_t n, tr_msec start, tr_msec end, bool vtt);

/* A cue or block the WebVTT parser drops, at line: "cue dropped: ..."
 * on standard error, or (rd->strict) the error that ends the program. */
void tr_drop(tr_reader *rd, unsigned long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* HTML's named character references (tr_charrefs.c, generated), sorted
 * by name; cp2 is 0 for a one-character reference. */
typedef struct {
	const char *name;
	int32_t cp1, cp2;
} tr_charref;
extern const tr_charref tr_charrefs[];
extern const size_t tr_ncharrefs;

/* ---- bytes ---- */

static inline bool
tr_is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\f' || c == '\v';
}

static inline bool
tr_is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static inline char
tr_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* The fields of p[0..n) separated by white space: how many there are;
 * the first max of them in f[] (their starts) and fl[] (lengths). */
size_t tr_fields(const char *p, size_t n, const char **f, size_t *fl, size_t max);
/* Is p[0..n) only white space? */
bool tr_blank(const char *p, size_t n);
/* Does p[0..n) equal the lower-case ASCII word w, ignoring ASCII case? */
bool tr_eq_nocase(const char *p, size_t n, const char *w);
/* Is the file's extension e (lower case)? */
bool tr_ext_is(const char *ext, size_t extlen, const char *e);

/* Byte classes for the text scanners: 0 is an ordinary byte. */
enum { TR_C_WS = 1, TR_C_BS, TR_C_LT, TR_C_AMP, TR_C_BRACE };
extern const unsigned char tr_cls_text[256], tr_cls_vtt[256], tr_cls_srt[256];

#define TR_ONES 0x0101010101010101ULL
#define TR_HIGHS 0x8080808080808080ULL

/* High bits set where x may have a zero byte; nonzero exactly when it
 * has one. */
static inline uint64_t
tr_zero_bytes(uint64_t x)
{
	return (x - TR_ONES) & ~x & TR_HIGHS;
}

/*
 * End of the run of ordinary bytes at p[i..n); a single space between
 * two ordinary bytes belongs to the run, so that a line of words is
 * copied in one piece.  Eight bytes are taken at a time while they hold
 * no control byte, none of < & \ {, and no two spaces in a row (a
 * superset of what any of the class tables marks); the byte loop
 * decides the rest.  The hot path of every reader: inline.
 */
static inline size_t
tr_run_end(const char *p, size_t n, size_t i, const unsigned char *cls)
{
	size_t j = i, stop;

	if (j >= n || cls[(unsigned char)p[j]])
		return j;
	j++;
	for (;;) {
		while (j + 8 <= n) {
			uint64_t v, sp;
			memcpy(&v, p + j, 8);
			sp = tr_zero_bytes(v ^ (TR_ONES * ' '));
			if (((v - TR_ONES * 0x20) & ~v & TR_HIGHS) |
			    tr_zero_bytes(v ^ (TR_ONES * '<')) | tr_zero_bytes(v ^ (TR_ONES * '&')) |
			    tr_zero_bytes(v ^ (TR_ONES * '\\')) | tr_zero_bytes(v ^ (TR_ONES * '{')) |
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

#endif
