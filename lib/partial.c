/* partial.c: the shared part of --partial and --merge (see partial.h). */
#include <string.h>

#include "partial.h"
#include "qp.h"

bool
qp_partial_header_is(const qp_rd *rd, const char *const *names, int n)
{
	if (qp_rd_ncols(rd) != n)
		return false;
	for (int i = 0; i < n; i++)
		if (strcmp(qp_rd_name(rd, i), names[i]) != 0)
			return false;
	return true;
}

void
qp_partial_join(const char *const *names, int n, const char *sep, qp_buf *out)
{
	for (int i = 0; i < n; i++) {
		if (i)
			buf_adds(out, sep);
		buf_adds(out, names[i]);
	}
}

void
qp_partial_refuse_unmerged(const qp_rd *rd, const char *const *marks,
                           const char *hint)
{
	if (qp_rd_ncols(rd) == 0 || qp_rd_col(rd, "codes") >= 0)
		return;
	for (; *marks; marks++)
		if (qp_rd_col(rd, *marks) < 0)
			return;
	qp_die_at(qp_rd_file(rd), 1, "%s", hint);
}

void
qp_partial_check_option(const qp_rd *rd, qp_span name, uint64_t value,
                        const qp_partial_opt *opts, size_t n, const char *prog)
{
	for (size_t i = 0; i < n; i++) {
		if (strlen(opts[i].name) != name.n || memcmp(opts[i].name, name.p, name.n))
			continue;
		if (value != opts[i].value)
			qp_die_at(qp_rd_file(rd), qp_rd_lineno(rd),
			          "the partial output was made with %.*s %llu, this merge has %llu "
			          "(give --merge the options the shards had)",
			          (int)name.n, name.p, (unsigned long long)value,
			          (unsigned long long)opts[i].value);
		return;
	}
	qp_die_at(qp_rd_file(rd), qp_rd_lineno(rd),
	          "not %s --partial output: unknown option '%.*s'", prog,
	          (int)name.n, name.p);
}
