/* opt.c: list options (see opt.h). */
#include <stdlib.h>
#include <string.h>

#include "opt.h"
#include "qp.h"
#include "utf8.h"

long
qp_strlist_find(const qp_strlist *l, const char *s, size_t n)
{
	for (size_t i = 0; i < l->n; i++)
		if (strncmp(l->v[i], s, n) == 0 && l->v[i][n] == '\0')
			return (long)i;
	return -1;
}

void
qp_optlist_add(qp_strlist *l, const char *arg, const char *opt,
               bool (*valid)(const char *s, size_t n), const char *what,
               const char *usage)
{
	for (const char *p = arg;;) {
		const char *comma = strchr(p, ',');
		size_t n = comma ? (size_t)(comma - p) : strlen(p);
		const char *next = comma ? comma + 1 : NULL;
		while (n && (*p == ' ' || *p == '\t'))
			p++, n--;
		while (n && (p[n - 1] == ' ' || p[n - 1] == '\t'))
			n--;
		if (n == 0)
			qp_usage_error(usage, "%s: empty item in '%s'", opt, arg);
		if (utf8_valid_prefix(p, n) != n)
			qp_usage_error(usage, "%s: not UTF-8: '%s'", opt, arg);
		if (valid && !valid(p, n))
			qp_usage_error(usage, "%s: '%.*s' is not a %s", opt, (int)n, p,
			               what ? what : "valid item");
		if (qp_strlist_find(l, p, n) >= 0)
			qp_usage_error(usage, "%s: '%.*s' given twice", opt, (int)n, p);
		l->v = xreallocarray(l->v, l->n + 1, sizeof *l->v);
		l->v[l->n++] = xmemdup(p, n);
		if (!next)
			break;
		p = next;
	}
}

void
qp_strlist_free(qp_strlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}
