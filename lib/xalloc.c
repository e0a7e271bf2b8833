#include "xalloc.h"
#include "err.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

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
