/*
 * t.h: the unit tests' harness.  Each check prints a TAP line ("ok N -
 * name" or "not ok N - name" with the place it failed); t_done() returns
 * the exit status.  tests/run counts the lines.
 */
#ifndef QP_T_H
#define QP_T_H

#include <stdio.h>
#include <string.h>

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

#endif
