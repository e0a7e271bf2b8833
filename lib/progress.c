/* progress.c: the progress display (see progress.h). */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "err.h"
#include "progress.h"

uint64_t qp_progress_lines;

static struct {
	bool on, shown, started;
	bool known;                 /* every input so far a regular file */
	double t0, last, after;     /* after: seconds before the first display */
	uint64_t bytes, total;      /* total 0: not known */
} pr;

static double
now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

void
qp_progress_start(int nfiles, char *const *files)
{
	const char *q = getenv("QP_QUIET");
	if (!pr.started) {
		pr.started = true;
		pr.on = !qp_quiet && !(q && *q) && isatty(2) && !isatty(1);
		pr.t0 = pr.last = now();
		pr.known = true;
		const char *a = getenv("QP_PROGRESS_AFTER");
		pr.after = a && *a ? strtod(a, NULL) : 1.0;
	}
	if (!pr.on || !pr.known)
		return;
	bool known = true;
	for (int i = 0; i < (nfiles ? nfiles : 1) && known; i++) {
		struct stat st;
		int r = nfiles && strcmp(files[i], "-") != 0 ? stat(files[i], &st)
		                                             : fstat(0, &st);
		known = r == 0 && S_ISREG(st.st_mode);
		if (known)
			pr.total += (uint64_t)st.st_size;
	}
	if (!known)
		pr.total = 0;
	pr.known = known;
}

static void
show(double t)
{
	double s = t - pr.t0, mb = pr.bytes / 1e6, rate = s > 0 ? mb / s : 0;
	char line[160];
	int n;
	if (pr.total) {
		n = snprintf(line, sizeof line, "\r%s: %llu records, %.1f of %.1f MB, %.1f MB/s",
		             qp_prog, (unsigned long long)qp_progress_lines, mb,
		             pr.total / 1e6, rate);
		if (rate > 0 && pr.bytes <= pr.total) {
			unsigned long eta = (unsigned long)((pr.total - pr.bytes) / 1e6 / rate + 0.5);
			n += snprintf(line + n, sizeof line - (size_t)n, ", ETA %lu:%02lu",
			              eta / 60, eta % 60);
		}
	} else {
		n = snprintf(line, sizeof line, "\r%s: %llu records, %.1f MB, %.1f MB/s",
		             qp_prog, (unsigned long long)qp_progress_lines, mb, rate);
	}
	if (n > 0 && (size_t)n < sizeof line - 4) {
		memcpy(line + n, "\033[K", 4);
		/* a display that cannot be written is no error of the filter */
		if (write(2, line, (size_t)n + 3) < 0)
			pr.on = false;
	}
	pr.shown = true;
	pr.last = t;
}

void
qp_progress_bytes(size_t n)
{
	if (!pr.on)
		return;
	pr.bytes += n;
	double t = now();
	if (t - pr.t0 >= pr.after && (t - pr.last >= 0.5 || !pr.shown))
		show(t);
}

void
qp_progress_end(void)
{
	if (!pr.shown)
		return;
	pr.shown = false;
	if (write(2, "\r\033[K", 4) < 0)
		return;
}
