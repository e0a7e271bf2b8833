#include "cli.h"
#include "err.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef QP_VERSION
#define QP_VERSION "unknown"
#endif

bool qp_line_buffered;
bool qp_replace_invalid;
bool qp_quiet;

void
qp_usage_error(const char *usage, const char *fmt, ...)
{
	if (fmt) {
		va_list ap;
		va_start(ap, fmt);
		qp_vwarn_at(NULL, 0, fmt, ap);
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
	case QP_OPT_QUIET:
		qp_quiet = true;
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

bool
qp_parse_number(const char *p, size_t n, double *out)
{
	size_t i = 0, digits = 0;
	char b[64];

	if (n == 0 || n >= sizeof b)
		return false;
	if (p[i] == '+' || p[i] == '-')
		i++;
	for (; i < n && p[i] >= '0' && p[i] <= '9'; i++)
		digits++;
	if (i < n && p[i] == '.')
		for (i++; i < n && p[i] >= '0' && p[i] <= '9'; i++)
			digits++;
	if (digits == 0)
		return false;
	if (i < n && (p[i] == 'e' || p[i] == 'E')) {
		size_t e = 0;
		if (++i < n && (p[i] == '+' || p[i] == '-'))
			i++;
		for (; i < n && p[i] >= '0' && p[i] <= '9'; i++)
			e++;
		if (e == 0)
			return false;
	}
	if (i != n)
		return false;
	memcpy(b, p, n);
	b[n] = '\0';
	*out = strtod(b, NULL);
	return isfinite(*out);
}
