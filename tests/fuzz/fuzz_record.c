/*
 * fuzz_record: the record reader (lib/record.h), as the test driver
 * tests/tools/rdcat drives it: header, records, every field unescaped,
 * one column added or overwritten.  The input is one or two files, split at the first form
 * feed, so that a header repeated at a file's start is met too.
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "fuzz.h"
#include "output.h"
#include "record.h"

static void
run(int nfiles, char **files)
{
	qp_rd *r = qp_rd_open(nfiles, files);
	if (qp_rd_ncols(r) == 0) {
		qp_rd_free(r);
		return;
	}
	int oc = qp_rd_add_col(r, "text");
	qp_rd_write_header(r, qp_stdout);
	qp_buf b = QP_BUF_INIT;
	while (qp_rd_next(r)) {
		for (int k = 0; k < qp_rd_ncols(r); k++) {
			buf_reset(&b);
			qp_rd_get(r, k, &b);
		}
		qp_rd_set(r, oc, b.s, b.len);
		qp_rd_write(r, qp_stdout);
	}
	buf_free(&b);
	qp_rd_free(r);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[2] = { "a.tsv", "b.tsv" };
	char *files[2];
	int nfiles = fuzz_parts(data, size, names, 1, 2, files);

	FUZZ_RUN(run(nfiles, files));
	fuzz_free_paths(files, nfiles);
	return 0;
}
