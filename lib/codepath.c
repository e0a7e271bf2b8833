#include "codepath.h"

#include <string.h>

bool
code_valid(const char *p, size_t n)
{
	if (n == 0 || p[0] == '/' || p[n - 1] == '/')
		return false;
	for (size_t i = 1; i < n; i++)
		if (p[i] == '/' && p[i - 1] == '/')
			return false;
	return true;
}

size_t
code_depth(const char *p, size_t n)
{
	if (n == 0)
		return 0;
	size_t d = 1;
	for (size_t i = 0; i < n; i++)
		d += p[i] == '/';
	return d;
}

size_t
code_cut(const char *p, size_t n, size_t depth)
{
	if (depth == 0)
		return n;
	for (size_t i = 0; i < n; i++)
		if (p[i] == '/' && --depth == 0)
			return i;
	return n;
}

size_t
code_parent(const char *p, size_t n)
{
	while (n > 0)
		if (p[--n] == '/')
			return n;
	return 0;
}

bool
code_is_ancestor(const char *a, size_t an, const char *b, size_t bn)
{
	return an < bn && b[an] == '/' && memcmp(a, b, an) == 0;
}

int
code_cmp(const char *a, size_t an, const char *b, size_t bn)
{
	size_t n = an < bn ? an : bn;
	for (size_t i = 0; i < n; i++) {
		unsigned char x = (unsigned char)a[i], y = (unsigned char)b[i];
		if (x == y)
			continue;
		/* '/' ends a segment: it sorts below any byte that goes on. */
		if (x == '/')
			return -1;
		if (y == '/')
			return 1;
		return x < y ? -1 : 1;
	}
	return an < bn ? -1 : an > bn;
}
