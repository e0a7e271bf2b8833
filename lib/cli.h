/*
 * cli.h: the command line every filter shares: the common options, the
 * usage error, and number arguments.
 *
 * Put QP_COMMON_LONGOPTS in the getopt_long table and hand any option
 * value the filter does not know to qp_common_opt(), which handles --help
 * (usage to stdout, exit 0), --version, --line-buffered,
 * --replace-invalid and --quiet (no progress display: progress.h), and
 * treats anything else ('?', ':') as a usage
 * error: usage on stderr, exit 2.  The usage text is the filter's, a
 * static string; nothing here keeps or frees it.
 */
#ifndef QP_CLI_H
#define QP_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdnoreturn.h>
#include <getopt.h>

extern bool qp_line_buffered;      /* --line-buffered */
extern bool qp_replace_invalid;    /* --replace-invalid: bad UTF-8 becomes U+FFFD */
extern bool qp_quiet;              /* --quiet: no progress display (progress.h) */

enum {
	QP_OPT_HELP = 0x1000,
	QP_OPT_VERSION,
	QP_OPT_LINE_BUFFERED,
	QP_OPT_REPLACE_INVALID,
	QP_OPT_QUIET,
	QP_OPT_FIRST_PRIVATE = 0x1100   /* filters number their own from here */
};
#define QP_COMMON_LONGOPTS \
	{ "help", no_argument, NULL, QP_OPT_HELP }, \
	{ "version", no_argument, NULL, QP_OPT_VERSION }, \
	{ "line-buffered", no_argument, NULL, QP_OPT_LINE_BUFFERED }, \
	{ "replace-invalid", no_argument, NULL, QP_OPT_REPLACE_INVALID }, \
	{ "quiet", no_argument, NULL, QP_OPT_QUIET }

/*
 * Every filter's --help has one layout (qualpipe(7)): the synopsis as the
 * man page gives it ("usage: prog ...", continuation lines indented under
 * the first option, then "       prog --help | --version"), one or two
 * lines saying what it does, then one line per option in the man page's
 * order: two spaces, the option (with its short letter first, "-n, --count
 * N"), its description from column 22 (on the next line when the option
 * is longer than 17 characters), and last the common options, as here.
 */
#define QP_COMMON_HELP \
	"  --line-buffered    flush the output after every record\n" \
	"  --replace-invalid  read invalid UTF-8 as U+FFFD instead of failing\n" \
	"  --quiet            no progress display on standard error\n" \
	"  --help             print this help and exit\n" \
	"  --version          print the version and exit\n"

/* usage: the full usage text, ending in a newline. */
void qp_common_opt(int c, const char *usage);
/* fmt NULL: getopt has already said what was wrong. */
noreturn void qp_usage_error(const char *usage, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Parse a whole non-negative decimal number for option `opt`; dies with a
 * usage error on anything else or on a value above max. */
unsigned long qp_parse_ulong(const char *s, const char *opt, unsigned long max,
                             const char *usage);

/*
 * The one number parser of option values and fields: a decimal number
 * as a person writes one: an optional sign, digits with an optional
 * fraction, an optional exponent.  No blanks, no hex, no "inf" or
 * "nan", which strtod would take.  False if p[0..n) is not one or is out
 * of range; *out is then unspecified.  Only p[0..n) is read.
 */
bool qp_parse_number(const char *p, size_t n, double *out);

#endif
