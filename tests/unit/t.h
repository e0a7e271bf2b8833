/*
 * t.h: the unit tests' harness.  Each check prints a TAP line ("ok N -
 * name" or "not ok N - name" with the place it failed); t_done() returns
 * the exit status.  tests/run counts the lines.
 */
#ifndef QP_T_H
#define QP_T_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "record.h"

static int t_n, t_failed;

#define T_OK(cond, name) t_check((cond) != 0, name, __FILE__, __LINE__, #cond)
#define T_STR(got, want, name) \
	t_check(strcmp((got), (want)) == 0, name, __FILE__, __LINE__, #got " == " #want) || \
	(printf("#   got:  \"%s\"\n#   want: \"%s\"\n", (got), (want)), 0)
#define T_MEM(got, glen, want, name) \
	t_check((glen) == strlen(want) && memcmp((got), (want), (glen)) == 0, \
	        name, __FILE__, __LINE__, #got " == " #want) || \
	(printf("#   got:  \"%.*s\"\n#   want: \"%s\"\n", (int)(glen), (got), (want)), 0)

static int
t_check(int ok, const char *name, const char *file, int line, const char *expr)
{
	t_n++;
	if (ok) {
		printf("ok %d - %s\n", t_n, name);
		return 1;
	}
	t_failed++;
	printf("not ok %d - %s\n#   at %s:%d: %s\n", t_n, name, file, line, expr);
	return 0;
}

static int
t_done(void)
{
	printf("1..%d\n", t_n);
	return t_failed ? 1 : 0;
}

/* A new file holding text, named in path, a mkstemp(3) template the
 * caller owns and unlinks; aborts if it cannot be written.  Inline, so
 * that the tests without files are not warned of it. */
static inline void
t_write_temp(char *path, const char *text)
{
	int fd = mkstemp(path);
	if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text))
		abort();
	close(fd);
}

/* A reader of text, from a file removed at once (the reader holds it
 * open).  Its name, which the reader borrows, is reused by the next. */
static inline qp_rd *
t_open_records(const char *text)
{
	static char path[32];
	strcpy(path, "/tmp/qp_unit_XXXXXX");
	t_write_temp(path, text);
	char *files[] = { path };
	qp_rd *rd = qp_rd_open(1, files);
	unlink(path);
	return rd;
}

#endif
