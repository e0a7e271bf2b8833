/* strdist.c: see strdist.h. */
#include "strdist.h"

#define SD_MAX 63

unsigned
strdist(const char *a, size_t an, const char *b, size_t bn, unsigned max)
{
	if (an > SD_MAX || bn > SD_MAX)
		return max + 1;
	if ((an > bn ? an - bn : bn - an) > max)
		return max + 1;
	/* three rows of the table: two back for the swap */
	unsigned r0[SD_MAX + 1], r1[SD_MAX + 1], r2[SD_MAX + 1];
	unsigned *pp = r0, *p = r1, *c = r2;
	for (size_t j = 0; j <= bn; j++)
		p[j] = (unsigned)j;
	for (size_t i = 1; i <= an; i++) {
		c[0] = (unsigned)i;
		unsigned best = c[0];
		for (size_t j = 1; j <= bn; j++) {
			unsigned cost = a[i - 1] != b[j - 1];
			unsigned v = p[j - 1] + cost;
			if (p[j] + 1 < v)
				v = p[j] + 1;
			if (c[j - 1] + 1 < v)
				v = c[j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    pp[j - 2] + 1 < v)
				v = pp[j - 2] + 1;
			c[j] = v;
			if (v < best)
				best = v;
		}
		/* every later row is at least the best of this one */
		if (best > max)
			return max + 1;
		unsigned *t = pp;
		pp = p;
		p = c;
		c = t;
	}
	return p[bn] > max ? max + 1 : p[bn];
}
