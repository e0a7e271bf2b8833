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
	char *tmp;          /* qp_out_create: the temporary file, until commit */
	int how;            /* qp_out_create: enum qp_out_how */
} qp_out;

extern qp_out *qp_stdout;

/*
 * Files written beside standard output (a re-identification map, a
 * report) appear whole or not at all, and never replace a file the user
 * did not ask to replace.
 *
 * qp_out_create writes to a new temporary file in path's directory (so
 * that the final rename stays within one file system), created with
 * mode.  qp_out_commit flushes it, fsyncs it, puts it in place and frees
 * the qp_out: with QP_OUT_NEW by link(), so a path that exists by then,
 * even one created while the filter ran, is an error and is left as it
 * was; with QP_OUT_REPLACE by rename(), which replaces path in one step.
 * Until the commit, dying (qp_die, a closed standard output, SIGINT,
 * SIGTERM, SIGHUP) removes the temporary file and leaves path untouched.
 *
 * A path that exists and is not a regular file (/dev/stderr, a FIFO)
 * holds no data to lose: it is opened and written directly.
 * qp_out_create dies if path is an existing regular file under QP_OUT_NEW;
 * path is borrowed until the commit.
 */
enum qp_out_how { QP_OUT_NEW, QP_OUT_REPLACE };
qp_out *qp_out_create(const char *path, int mode, enum qp_out_how how);
void qp_out_commit(qp_out *o);
/* Remove every uncommitted temporary file; qp_exit calls it. */
void qp_out_discard_all(void);

/* The end of standard output (o is qp_stdout; a file from qp_out_create
 * ends with qp_out_commit): flushes it, and what stdio may hold, and
 * checks for an error the file system reports only on close; dies on any
 * error ("write error on standard output: ...", exit 2).  Call at the end
 * of main, before freeing what the output was made from. */
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
