#include "err.h"
#include "output.h"
#include "progress.h"

#include <signal.h>
#include <stdio.h>
#include <unistd.h>

const char *qp_prog = "qualpipe";
void (*qp_exit_hook)(int status);

void
qp_exit(int status)
{
	qp_out_abandon();
	qp_out_discard_all();
	qp_progress_end();
	if (qp_exit_hook)
		qp_exit_hook(status);
	_exit(status);
}

void
qp_init(const char *prog)
{
	qp_prog = prog;
	signal(SIGPIPE, SIG_IGN);
}

void
qp_vwarn_at(const char *file, unsigned long line, const char *fmt, va_list ap)
{
	/* stdout may hold buffered records; diagnostics go straight out,
	 * on a line of their own. */
	qp_progress_end();
	if (file)
		fprintf(stderr, "%s: %s:%lu: ", qp_prog, file, line);
	else
		fprintf(stderr, "%s: ", qp_prog);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void
qp_die(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	qp_vwarn_at(NULL, 0, fmt, ap);
	va_end(ap);
	qp_exit(2);
}

void
qp_die_at(const char *file, unsigned long line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	qp_vwarn_at(file, line, fmt, ap);
	va_end(ap);
	qp_exit(2);
}

void
qp_warn(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	qp_vwarn_at(NULL, 0, fmt, ap);
	va_end(ap);
}

void
qp_warn_at(const char *file, unsigned long line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	qp_vwarn_at(file, line, fmt, ap);
	va_end(ap);
}
