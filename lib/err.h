/*
 * err.h: the program's name, its diagnostics, and how it dies.
 *
 * Diagnostics are "prog: FILE:LINE: message" for a problem in the input,
 * "prog: message" otherwise (qualpipe(7)).  qp_die* exit with status 2,
 * "the input could not be processed"; they never return.
 *
 * Dying is _exit(), not exit(): whatever the filter holds is abandoned
 * with the process, so no atexit handler runs and LeakSanitizer has
 * nothing to say about memory that was in use when the input turned out
 * bad.  A filter that ends normally returns from main and frees what it
 * holds; that path is the one the leak checker watches.  Files being
 * written beside standard output (qp_out_create) are removed first, and
 * what standard output still buffers is dropped, so a partial record does
 * not follow the error message.
 */
#ifndef QP_ERR_H
#define QP_ERR_H

#include <stdarg.h>
#include <stdnoreturn.h>

extern const char *qp_prog;        /* set by qp_init; "qualpipe" before */

/* Call first in main: names the program for every message, and ignores
 * SIGPIPE, so that a reader that went away is seen as EPIPE by the
 * output layer (output.h), which then ends the program quietly.
 * Standard output itself needs no setting up. */
void qp_init(const char *prog);

/* End the process now with status: unfinished side files are removed,
 * buffered standard output is not written, then _exit.  A fuzz harness
 * sets qp_exit_hook to get control back instead (it must not return). */
noreturn void qp_exit(int status);
extern void (*qp_exit_hook)(int status);

noreturn void qp_die(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));
noreturn void qp_die_at(const char *file, unsigned long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void qp_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void qp_warn_at(const char *file, unsigned long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The message of qp_warn_at from a va_list; file NULL leaves out the
 * "FILE:LINE: " part. */
void qp_vwarn_at(const char *file, unsigned long line, const char *fmt, va_list ap);

#endif
