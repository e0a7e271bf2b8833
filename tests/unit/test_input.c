/*
 * test_input: lib/input.h's file-at-a-time reading (QP_IN_FILES) and its
 * look-ahead (qp_input_peek), which segment's format detection uses.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "input.h"
#include "qp.h"
#include "t.h"

static char dir[] = "/tmp/test_input.XXXXXX";

static char *
file(const char *name, const char *text)
{
	static char paths[4][128];
	static int k;
	char *p = paths[k++ % 4];
	snprintf(p, 128, "%s/%s", dir, name);
	FILE *f = fopen(p, "w");
	fputs(text, f);
	fclose(f);
	return p;
}

/* Every line of the input, file by file: "line@lineno|", files "/". */
static void
read_all(qp_input *in, qp_buf *out)
{
	const char *p;
	size_t n;

	while (qp_input_next_file(in)) {
		while (qp_input_line(in, &p, &n)) {
			buf_add(out, p, n);
			buf_printf(out, "@%lu|", qp_input_lineno(in));
		}
		buf_addc(out, '/');
	}
}

int
main(void)
{
	qp_buf all = QP_BUF_INIT;
	const char *p;
	size_t n;

	qp_init("test_input");
	if (!mkdtemp(dir)) {
		T_OK(0, "input: temp dir");
		return t_done();
	}
	char *files[] = {
		file("a.txt", "\xef\xbb\xbf" "one\ntwo\nthree\n"),
		file("empty.txt", ""),
		file("b.txt", "four\r\nfive"),
	};

	qp_input *in = qp_input_new(3, files, QP_IN_FILES);
	read_all(in, &all);
	T_STR(all.s, "one@1|two@2|three@3|//four@1|five@2|/",
	      "input: QP_IN_FILES ends each file; an empty file has no lines");
	qp_input_free(in);

	/* peek ahead, then read: the peeked lines come back in order */
	in = qp_input_new(3, files, QP_IN_FILES);
	T_OK(qp_input_next_file(in), "peek: first file");
	T_OK(qp_input_peek(in, 2, &p, &n) && n == 5 && memcmp(p, "three", 5) == 0,
	     "peek: the third line");
	T_OK(!qp_input_peek(in, 3, &p, &n), "peek: not past the file's end");
	T_OK(qp_input_peek(in, 0, &p, &n) && n == 3 && memcmp(p, "one", 3) == 0,
	     "peek: the first line, BOM removed");
	T_OK(qp_input_lineno(in) == 0, "peek: lineno is of the last line returned");
	T_OK(qp_input_line(in, &p, &n) && n == 3 && qp_input_lineno(in) == 1 &&
	     qp_input_first(in), "peek: then the first line is read");
	T_OK(qp_input_peek(in, 0, &p, &n) && n == 3 && memcmp(p, "two", 3) == 0,
	     "peek: relative to the last line returned");
	T_OK(qp_input_line(in, &p, &n) && memcmp(p, "two", 3) == 0 &&
	     qp_input_lineno(in) == 2 && !qp_input_first(in), "peek: second line");
	T_OK(qp_input_line(in, &p, &n) && memcmp(p, "three", 5) == 0 &&
	     qp_input_lineno(in) == 3, "peek: third line");
	T_OK(!qp_input_line(in, &p, &n), "peek: the file's end");
	T_OK(qp_input_next_file(in) && !qp_input_peek(in, 0, &p, &n),
	     "peek: the empty file");
	/* moving on skips what was peeked and not read */
	T_OK(qp_input_next_file(in) && qp_input_peek(in, 1, &p, &n) &&
	     memcmp(p, "five", 4) == 0, "peek: the last line, without its newline");
	T_OK(!qp_input_next_file(in), "peek: no file left");
	qp_input_free(in);

	buf_free(&all);
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
		unlink(files[i]);
	rmdir(dir);
	return t_done();
}
