/*
 * xalloc.h: allocation that dies on failure ("prog: out of memory", exit
 * 2, err.h), so no caller checks for NULL.  The caller owns what these
 * return and releases it with free().  A request for 0 bytes still
 * returns a unique pointer.
 */
#ifndef QP_XALLOC_H
#define QP_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
void *xreallocarray(void *p, size_t n, size_t size);   /* checks n * size */
char *xstrdup(const char *s);
char *xmemdup(const void *p, size_t n);   /* adds a NUL after n bytes */

/* Grow the array p (room for cap elements; cap is updated) so that index
 * n fits: doubling, so that n appends cost O(n).  p, n and cap are
 * evaluated more than once. */
#define XGROW(p, n, cap) do { \
	if ((n) >= (cap)) { \
		(cap) = (cap) ? (cap) * 2 : 16; \
		if ((cap) <= (n)) (cap) = (n) + 1; \
		(p) = xreallocarray((p), (cap), sizeof *(p)); \
	} \
} while (0)

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

#endif
