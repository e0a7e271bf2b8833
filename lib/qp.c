#include "qp.h"
#include "output.h"

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef QP_VERSION
#define QP_VERSION "unknown"
#endif

const char *qp_prog = "qualpipe";
bool qp_line_buffered;
bool qp_replace_invalid;
void (*qp_exit_hook)(int status);

void
qp_exit(int status)
{
	qp_out_abandon();
	qp_out_discard_all();
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

static void
vmsg(const char *file, unsigned long line, const char *fmt, va_list ap)
{
	/* stdout may hold buffered records; diagnostics go straight out. */
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
	vmsg(NULL, 0, fmt, ap);
	va_end(ap);
	qp_exit(2);
}

void
qp_die_at(const char *file, unsigned long line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmsg(file, line, fmt, ap);
	va_end(ap);
	qp_exit(2);
}

void
qp_warn(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmsg(NULL, 0, fmt, ap);
	va_end(ap);
}

void
qp_warn_at(const char *file, unsigned long line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmsg(file, line, fmt, ap);
	va_end(ap);
}

#ifdef QP_FUZZ
#define FUZZ_ALLOC(p) qp_fuzz_alloc(p)
#define FUZZ_REALLOC(old, p) qp_fuzz_realloc((old), (p))
#else
#define FUZZ_ALLOC(p) ((void)0)
#define FUZZ_REALLOC(old, p) ((void)0)
#endif

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		qp_die("out of memory (%zu bytes)", n);
	FUZZ_ALLOC(p);
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		qp_die("out of memory (%zu x %zu bytes)", n, size);
	FUZZ_ALLOC(p);
	return p;
}

void *
xrealloc(void *p, size_t n)
{
#ifdef QP_FUZZ
	void *old = p;
#endif
	p = realloc(p, n ? n : 1);
	if (!p)
		qp_die("out of memory (%zu bytes)", n);
	FUZZ_REALLOC(old, p);
	return p;
}

void *
xreallocarray(void *p, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		qp_die("out of memory (%zu x %zu bytes)", n, size);
	return xrealloc(p, n * size);
}

char *
xstrdup(const char *s)
{
	return xmemdup(s, strlen(s));
}

char *
xmemdup(const void *p, size_t n)
{
	char *s = xmalloc(n + 1);
	memcpy(s, p, n);
	s[n] = '\0';
	return s;
}

void
qp_usage_error(const char *usage, const char *fmt, ...)
{
	if (fmt) {
		va_list ap;
		va_start(ap, fmt);
		vmsg(NULL, 0, fmt, ap);
		va_end(ap);
	}
	fputs(usage, stderr);
	qp_exit(2);
}

void
qp_common_opt(int c, const char *usage)
{
	switch (c) {
	case QP_OPT_HELP:
		if (fputs(usage, stdout) == EOF || fflush(stdout) == EOF)
			qp_die("write error: %s", strerror(errno));
		qp_exit(0);
	case QP_OPT_VERSION:
		if (printf("%s (qualpipe) %s\n", qp_prog, QP_VERSION) < 0 ||
		    fflush(stdout) == EOF)
			qp_die("write error: %s", strerror(errno));
		qp_exit(0);
	case QP_OPT_LINE_BUFFERED:
		qp_line_buffered = true;
		return;
	case QP_OPT_REPLACE_INVALID:
		qp_replace_invalid = true;
		return;
	default:
		/* getopt has already said what was wrong. */
		qp_usage_error(usage, NULL);
	}
}

unsigned long
qp_parse_ulong(const char *s, const char *opt, unsigned long max, const char *usage)
{
	char *end;
	unsigned long v;

	errno = 0;
	if (*s < '0' || *s > '9')
		qp_usage_error(usage, "%s: not a number: '%s'", opt, s);
	v = strtoul(s, &end, 10);
	if (*end != '\0')
		qp_usage_error(usage, "%s: not a number: '%s'", opt, s);
	if (errno == ERANGE || v > max)
		qp_usage_error(usage, "%s: %s is larger than %lu", opt, s, max);
	return v;
}
