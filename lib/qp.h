/*
 * qp.h: what every qualpipe filter shares at its edges: the program name,
 * die-on-error allocation, diagnostics, and the options every filter takes.
 *
 * Diagnostics follow ../shared/design.md: "prog: FILE:LINE: message" for
 * input problems, "prog: message" otherwise.  qp_die* exit with status 2
 * (the contract's "input could not be processed"); they never return.
 *
 * Dying is _exit(), not exit(): whatever the filter holds is abandoned
 * with the process, so no atexit handler runs and LeakSanitizer has
 * nothing to say about memory that was in use when the input turned out
 * bad.  A filter that ends normally returns from main and frees what it
 * holds; that path is the one the leak checker watches.  Files being
 * written beside standard output (qp_out_create) are removed first.
 */
#ifndef QP_QP_H
#define QP_QP_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdnoreturn.h>
#include <getopt.h>

extern const char *qp_prog;        /* set by qp_init */
extern bool qp_line_buffered;      /* --line-buffered */
extern bool qp_replace_invalid;    /* --replace-invalid: bad UTF-8 becomes U+FFFD */

/* Call first in main: names the program, ignores SIGPIPE (EPIPE is then
 * seen by the output layer, which exits quietly) and sets up stdout. */
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

/* Allocation that dies on failure.  The caller owns what they return. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
void *xreallocarray(void *p, size_t n, size_t size);
char *xstrdup(const char *s);
char *xmemdup(const void *p, size_t n);   /* adds a NUL after n bytes */

/*
 * Only in the fuzz build (-DQP_FUZZ, tests/fuzz/): a harness that gets
 * control back from qp_exit must release what the code held when it
 * died.  The x* allocators report their blocks to the harness; objects
 * that other libraries allocate (a compiled regex, an inflate state) are
 * registered with the function that releases them while they are live.
 * In every other build these are nothing.
 */
#ifdef QP_FUZZ
void qp_fuzz_alloc(void *p);
void qp_fuzz_realloc(void *old, void *p);
void qp_fuzz_own(void *obj, void (*release)(void *));
void qp_fuzz_disown(void *obj);
#define QP_FUZZ_OWN(obj, release) qp_fuzz_own((obj), (release))
#define QP_FUZZ_DISOWN(obj) qp_fuzz_disown(obj)
#else
#define QP_FUZZ_OWN(obj, release) ((void)0)
#define QP_FUZZ_DISOWN(obj) ((void)0)
#endif

/*
 * Options every filter takes.  Put QP_COMMON_LONGOPTS in the getopt_long
 * table and hand any option value the filter does not know to
 * qp_common_opt(), which handles --help (usage to stdout, exit 0),
 * --version, --line-buffered and --replace-invalid, and treats anything
 * else ('?', ':') as a usage error: usage on stderr, exit 2.
 */
enum {
	QP_OPT_HELP = 0x1000,
	QP_OPT_VERSION,
	QP_OPT_LINE_BUFFERED,
	QP_OPT_REPLACE_INVALID,
	QP_OPT_FIRST_PRIVATE = 0x1100   /* filters number their own from here */
};
#define QP_COMMON_LONGOPTS \
	{ "help", no_argument, NULL, QP_OPT_HELP }, \
	{ "version", no_argument, NULL, QP_OPT_VERSION }, \
	{ "line-buffered", no_argument, NULL, QP_OPT_LINE_BUFFERED }, \
	{ "replace-invalid", no_argument, NULL, QP_OPT_REPLACE_INVALID }

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
	"  --help             print this help and exit\n" \
	"  --version          print the version and exit\n"

/* usage: the full usage text, ending in a newline. */
void qp_common_opt(int c, const char *usage);
noreturn void qp_usage_error(const char *usage, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Parse a whole non-negative decimal number for option `opt`; dies with a
 * usage error on anything else or on a value above max. */
unsigned long qp_parse_ulong(const char *s, const char *opt, unsigned long max,
                             const char *usage);

#endif
