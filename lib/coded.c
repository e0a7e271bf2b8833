/* coded.c: the codes and hits fields of a coded record (see coded.h). */
#include <stdbool.h>
#include <string.h>

#include "coded.h"
#include "codepath.h"
#include "qp.h"

void
qp_coded_check_pairing(const qp_rd *rd, size_t ncodes, size_t nhits)
{
	if (ncodes != nhits)
		qp_die_at(qp_rd_file(rd), qp_rd_lineno(rd),
		          "codes has %zu value%s but hits has %zu",
		          ncodes, ncodes == 1 ? "" : "s", nhits);
}

uint32_t
qp_coded_count(const qp_rd *rd, const char *p, size_t n, const char *what)
{
	uint64_t v = 0;
	bool ok = n > 0 && n <= 10;
	for (size_t i = 0; ok && i < n; i++) {
		ok = p[i] >= '0' && p[i] <= '9';
		v = v * 10 + (uint64_t)(p[i] - '0');
	}
	if (!ok || v > UINT32_MAX)
		qp_die_at(qp_rd_file(rd), qp_rd_lineno(rd),
		          "%s '%.*s' is not a count (0 to %lu)", what,
		          (int)(n > 40 ? 40 : n), p, (unsigned long)UINT32_MAX);
	return (uint32_t)v;
}

noreturn static void
bad_path(const qp_rd *rd, const char *p, size_t n, const char *col)
{
	qp_die_at(qp_rd_file(rd), qp_rd_lineno(rd), "bad code path '%.*s' in %s",
	          (int)(n > 60 ? 60 : n), p, col);
}

void
qp_coded_bad_path(const qp_rd *rd, const char *p, size_t n)
{
	bad_path(rd, p, n, "codes");
}

void
qp_coded_check_path(const qp_rd *rd, const char *p, size_t n, const char *col)
{
	if (!code_valid(p, n) || memchr(p, ';', n) || memchr(p, '\\', n))
		bad_path(rd, p, n, col);
}
