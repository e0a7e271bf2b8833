/*
 * input.h: the filter's input, as lines.
 *
 * A qp_input reads the named files in order as one stream ("-" is
 * standard input; no files means standard input).  gzip input, whole or
 * multi-member, is recognised by its magic bytes and inflated by zlib;
 * anything else is read as it is.  Lines may be of any length: the
 * buffer grows to the longest line and no further.
 *
 * Each line comes back without its terminator ("\n" or "\r\n"; with
 * QP_IN_CR also a lone "\r"), with a UTF-8 byte order mark at the start
 * of a file removed, and checked to be UTF-8 without NUL bytes.  Bad
 * bytes are an error naming file and line, unless --replace-invalid
 * (qp_replace_invalid) was given: then they come back as U+FFFD.
 *
 * The returned line belongs to the qp_input and stays valid until the
 * next call.  Open, read and inflate errors die (exit 2) with the file's
 * name and line.
 */
#ifndef QP_INPUT_H
#define QP_INPUT_H

#include <stdbool.h>
#include <stddef.h>

typedef struct qp_input qp_input;

enum {
	QP_IN_CR = 1 << 0,    /* a lone CR also ends a line (old Mac text, WebVTT) */
	QP_IN_FILES = 1 << 1, /* one file at a time: see qp_input_next_file */
};

/* files: nfiles names, borrowed for the life of the qp_input. */
qp_input *qp_input_new(int nfiles, char **files, int flags);
void qp_input_free(qp_input *in);

/* Next line; false at the end of the last file (QP_IN_FILES: of the
 * current file). */
bool qp_input_line(qp_input *in, const char **line, size_t *len);

/*
 * For a reader that takes each file as a document of its own (segment):
 * with QP_IN_FILES, qp_input_line returns false at the end of every
 * file, and qp_input_next_file moves to the next one, opening it (what
 * is left of the current file is skipped).  Call it before the first
 * file too: false when no file is left.  An empty file is a file with
 * no lines.
 */
bool qp_input_next_file(qp_input *in);

/*
 * Look-ahead (QP_IN_FILES only): the line i places after the last one
 * qp_input_line returned (0 is the next), read and checked as
 * qp_input_line would return it, without consuming it; false when the
 * current file has fewer lines.  qp_input_line then returns the peeked
 * lines in order before it reads on.  A reader that must see a file's
 * first lines to know how to read it (format detection) peeks them and
 * then reads the file from its first line.
 *
 * A peeked line belongs to the qp_input and stays valid until the next
 * qp_input_line or qp_input_next_file, or a peek beyond every line
 * peeked before (which may move them all); peeking again at a line
 * already peeked moves nothing.  qp_input_lineno and qp_input_first
 * still describe the last line returned, not the peeked ones.
 */
bool qp_input_peek(qp_input *in, size_t i, const char **line, size_t *len);

/* Where the last line came from: file name as given ("<stdin>" for
 * standard input), 1-based line number (0 before a file's first line),
 * index into files. */
const char *qp_input_name(const qp_input *in);
unsigned long qp_input_lineno(const qp_input *in);
int qp_input_index(const qp_input *in);
/* Did the last line begin a new file? */
bool qp_input_first(const qp_input *in);

/*
 * A look at each file's first bytes before any of its lines is checked:
 * once a file is open (and before its first line is split, freed of its
 * BOM or checked for UTF-8), fn gets the file's name and its first
 * QP_SNIFF_BYTES bytes, fewer if the file is shorter (after gzip
 * inflation); whole says they are the whole file.  Reading them may wait
 * for a pipe to deliver that much.  fn may die; segment uses it to name
 * binary input.  Set it before the first qp_input_line.
 */
#define QP_SNIFF_BYTES 4096
typedef void qp_sniff_fn(const char *name, const char *p, size_t n, bool whole);
void qp_input_sniff(qp_input *in, qp_sniff_fn *fn);

/*
 * Containers (segment: lib/archive_in.h): once a file is open and its
 * first raw bytes are read (before gzip inflation: QP_UNPACK_HEAD of
 * gzip or ZIP data, of other bytes only as many as a tar header needs
 * to be ruled out, at most 262), open may claim it by returning its state (NULL: not
 * claimed).  A claimed file is read as the members next moves to, each
 * one a file of its own (QP_IN_FILES: qp_input_next_file moves to the
 * next member, then to the next file): its bytes come from read (0 at
 * the member's end; it dies on errors), and are gzip-inflated, sniffed
 * and split into lines like a file's.  A member is named "FILE:MEMBER"
 * in messages (qp_input_name); next gives member NULL for a container
 * that is one document (a .docx: named FILE).  open gets fd (the
 * qp_input's, closed by it) and the bytes read from it so far.
 */
#define QP_UNPACK_HEAD 4096
typedef struct {
	void *(*open)(const char *name, int fd, const char *head, size_t n);
	/* false when no member is left */
	bool (*next)(void *st, const char **member);
	size_t (*read)(void *st, char *p, size_t n);
	void (*close)(void *st);
} qp_unpacker;
void qp_input_unpack(qp_input *in, const qp_unpacker *u);
/* The member the last line came from (borrowed), or NULL. */
const char *qp_input_member(const qp_input *in);

/*
 * The current file as bytes, not lines (QP_IN_FILES; segment's JSON
 * readers: a JSON file is often one line of many MB).
 *
 * qp_input_head: before any line of the file is peeked or read, its
 * first bytes as they are (not checked; a BOM skipped): up to
 * QP_SNIFF_BYTES, but it waits for no more than a line end or the
 * file's end.  False if the file has no byte,
 * or lines of it were taken already.
 *
 * qp_input_chunk: the rest of the file (from its start, or after the
 * last line returned; lines peeked and not returned come first, each
 * with a "\n"), in
 * chunks of up to a few hundred KiB, cut anywhere but inside a UTF-8
 * character; the BOM removed, checked as lines are (bad bytes die
 * naming FILE:LINE and the byte in the line, or become U+FFFD).  False
 * at the file's end.  A chunk belongs to the qp_input until the next
 * call.  Memory stays bounded by the chunk, whatever the line lengths.
 *
 * qp_input_at: where byte off is, counted from 0 at the first byte
 * qp_input_chunk returned in this file (off at most the end of the last
 * chunk; earlier chunks' bytes count as its start): its line, which
 * qp_input_lineno then names, and in *col (may be NULL) its byte in the
 * line, from 1 (lines counted by their LF: a lone CR ends none here).
 * Calls must not go back before the last chunk.  After
 * qp_input_chunk returned false, qp_input_lineno names the last line.
 */
bool qp_input_head(qp_input *in, const char **p, size_t *n);
bool qp_input_chunk(qp_input *in, const char **p, size_t *n);
unsigned long qp_input_at(qp_input *in, unsigned long long off, size_t *col);

#endif
