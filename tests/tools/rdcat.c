/*
 * rdcat: a test driver for lib/record.h, not a filter (tests/records.bats
 * runs it as $QP_OBJ/tests/tools/rdcat).
 *   rdcat [-a NAME=VALUE]... [FILE...]
 * Copies a record stream through qp_rd: every field passes through as it
 * came, each -a column is added (or overwritten in place) with VALUE
 * (printf-style escapes \t \n \\ in VALUE are turned into the real
 * characters first, so the output shows them escaped again), and every
 * field is also unescaped once, so a bad escape is reported.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "output.h"
#include "qp.h"
#include "record.h"

int
main(int argc, char **argv)
{
	static const char usage[] = "usage: rdcat [-a name=value]... [file ...]\n";
	static const struct option longopts[] = { QP_COMMON_LONGOPTS, { 0, 0, 0, 0 } };
	char *add[16];
	int nadd = 0, c;

	qp_init("rdcat");
	while ((c = getopt_long(argc, argv, "a:", longopts, NULL)) != -1) {
		if (c == 'a' && nadd < 16 && strchr(optarg, '='))
			add[nadd++] = optarg;
		else
			qp_common_opt(c, usage);
	}
	qp_rd *r = qp_rd_open(argc - optind, argv + optind);
	if (qp_rd_ncols(r) == 0) {
		qp_rd_free(r);
		return 0;
	}
	int oc[16];
	qp_buf val[16];
	for (int i = 0; i < nadd; i++) {
		char *eq = strchr(add[i], '=');
		*eq = '\0';
		oc[i] = qp_rd_add_col(r, add[i]);
		buf_init(&val[i]);
		for (char *p = eq + 1; *p; p++) {
			if (p[0] == '\\' && p[1]) {
				p++;
				buf_addc(&val[i], *p == 't' ? '\t' : *p == 'n' ? '\n' : *p);
			} else {
				buf_addc(&val[i], *p);
			}
		}
	}
	qp_rd_write_header(r, qp_stdout);
	qp_buf scratch = QP_BUF_INIT;
	while (qp_rd_next(r)) {
		for (int k = 0; k < qp_rd_ncols(r); k++) {
			buf_reset(&scratch);
			qp_rd_get(r, k, &scratch);
		}
		for (int i = 0; i < nadd; i++)
			qp_rd_set(r, oc[i], val[i].s, val[i].len);
		qp_rd_write(r, qp_stdout);
	}
	qp_out_close(qp_stdout);
	buf_free(&scratch);
	for (int i = 0; i < nadd; i++)
		buf_free(&val[i]);
	qp_rd_free(r);
	return 0;
}
