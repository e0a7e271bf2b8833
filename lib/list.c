#include "list.h"

#include <string.h>

void
qp_list_init(qp_list *l, const char *p, size_t n)
{
	l->p = p;
	l->end = p + n;
	l->done = n == 0;
}

bool
qp_list_next(qp_list *l, const char **v, size_t *vn)
{
	if (l->done)
		return false;
	const char *semi = memchr(l->p, ';', (size_t)(l->end - l->p));
	*v = l->p;
	if (semi) {
		*vn = (size_t)(semi - l->p);
		l->p = semi + 1;
	} else {
		*vn = (size_t)(l->end - l->p);
		l->p = l->end;
		l->done = true;
	}
	return true;
}

size_t
qp_list_count(const char *p, size_t n)
{
	if (n == 0)
		return 0;
	size_t k = 1;
	const char *end = p + n;
	while ((p = memchr(p, ';', (size_t)(end - p))) != NULL) {
		k++;
		p++;
	}
	return k;
}
