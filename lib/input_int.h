/*
 * input_int.h: the inside of a qp_input, private to the two files that
 * read it.  Nothing outside them includes it.
 *
 *   input.c        opening the files (gzip, containers), filling the
 *                  buffer, the line reader and its look-ahead
 *   input_chunk.c  the current file as bytes (qp_input_head,
 *                  qp_input_chunk, qp_input_at), for readers that do not
 *                  want lines
 *
 * Both work on one buffer and one file position, which is why the struct
 * is shared: a file may be sniffed and peeked as lines, then read on in
 * chunks.  The qp_input owns everything it points at except files and
 * the unpacker (input.h).
 */
#ifndef QP_INPUT_INT_H
#define QP_INPUT_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <zlib.h>

#include "buf.h"
#include "input.h"

/*
 * Why not gzread: zlib's gz* layer fills its whole buffer before it
 * returns, so a filter reading a pipe would sit on records that have
 * arrived (--line-buffered could not work).  Plain input is read with
 * read(2) straight into the line buffer; gzip input is inflated from a
 * 128 KiB buffer of compressed bytes, member after member.
 */
struct qp_input {
	char **files;
	int nfiles;
	int next;               /* index of the next file to open */
	int cur;                /* index of the open file */
	const char *name;
	int fd;                 /* -1 when no file is open */
	bool gz;                /* the open file is gzip */
	bool raw_eof;           /* no more compressed bytes to read */
	bool member_end;        /* between two gzip members */
	z_stream zs;
	unsigned char *raw;     /* compressed bytes */
	bool eof;               /* current file fully read into buf */
	bool first;             /* the last line began its file */
	bool at_start;          /* no line returned yet from this file */
	int flags;
	unsigned long lineno;
	char *buf;
	size_t cap, start, end;
	size_t ascii_to;        /* buf[start..ascii_to) is known ASCII without NUL */
	size_t nocr_to;         /* QP_IN_CR: buf[start..nocr_to) holds no CR */
	qp_buf fixed;           /* a line with its bad bytes replaced */
	char *stdin_name;
	qp_sniff_fn *sniff;     /* qp_input_sniff */

	/* qp_input_unpack: the container being read, its current member,
	 * and "FILE:MEMBER" for messages */
	const qp_unpacker *unp;
	void *ust;
	const char *member;
	qp_buf mname;

	/* QP_IN_FILES: the current file has ended; qp_input_next_file goes on */
	bool held;
	/* The look-ahead (qp_input_peek): lines read but not yet returned,
	 * their bytes in ahead, ql[qpos..qn) still to come. */
	qp_buf ahead;
	struct ahead_line {
		size_t off, len;
		unsigned long lineno;
		bool first;
	} *ql;
	size_t qn, qpos, qcap;
	unsigned long shown_lineno;     /* of the line last returned */
	bool shown_first;

	/* qp_input_chunk: the last chunk, ck[0] at offset cabs of the
	 * file's chunked bytes, starting line cline (which began at
	 * clstart); the cursor of qp_input_at: offset pos, on line pline
	 * begun at plstart. */
	bool chunked;
	const char *ck;
	size_t ckn;
	bool cklastnl;
	unsigned long long cabs, clstart, pos, plstart;
	unsigned long cline, pline;
};

/* Read more of the current file into buf; sets eof at its end. */
void qp_input_fill(qp_input *in);
/* Done with the current file: its inflater ended, its descriptor
 * closed (not a container's, which the next member reads on). */
void qp_input_close_cur(qp_input *in);

#endif
