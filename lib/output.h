/*
 * output.h: buffered output to a file descriptor.
 *
 * qp_stdout is the result stream.  Output is block-buffered (256 KiB) and
 * flushed after each record when --line-buffered was given (the filter
 * calls qp_out_endrec at the end of each record).
 *
 * Errors are never returned: a write error prints "prog: write error:
 * REASON" and exits 2; EPIPE on qp_stdout (a reader such as `head` went
 * away) exits 0 without a word, as the contract asks.
 */
#ifndef QP_OUTPUT_H
#define QP_OUTPUT_H

#include <stddef.h>
#include <string.h>

typedef struct {
	int fd;
	const char *name;   /* for messages: "standard output" or a path */
	char *buf;
	size_t len, cap;
} qp_out;

extern qp_out *qp_stdout;

/* Open path for writing (O_CREAT|O_TRUNC with the given mode); dies on error. */
qp_out *qp_out_open(const char *path, int mode);
/* Flush and close; dies on error.  For qp_stdout, also call at exit. */
void qp_out_close(qp_out *o);
void qp_out_flush(qp_out *o);
void qp_out_flush_slow(qp_out *o, const void *p, size_t n);
/* Drop what stdout holds unwritten; used before dying so that a partial
 * record is not emitted after the error message. */
void qp_out_abandon(void);

static inline void
qp_write(qp_out *o, const void *p, size_t n)
{
	if (o->cap - o->len >= n) {
		memcpy(o->buf + o->len, p, n);
		o->len += n;
	} else {
		qp_out_flush_slow(o, p, n);
	}
}

static inline void
qp_putc(qp_out *o, char c)
{
	if (o->len == o->cap)
		qp_out_flush(o);
	o->buf[o->len++] = c;
}

static inline void
qp_puts(qp_out *o, const char *s)
{
	qp_write(o, s, strlen(s));
}

/* End a record: newline, and a flush under --line-buffered. */
void qp_out_endrec(qp_out *o);

#endif
