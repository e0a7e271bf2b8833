/*
 * fuzz_docx: the XML of a .docx (lib/docx.c) and the readers of its
 * text (lib/tr_docx.c and the rest), through segment's main().  The
 * first input byte chooses the reader (bits 0-1: auto, teams, meet,
 * plain) and bit 2 --no-merge; the rest is word/document.xml, read by
 * docx_text as libarchive would hand it over, in pieces of 1 to 16
 * bytes (bits 4-7), and its text is then a file for segment.
 */
#include <stdio.h>

#define main segment_main
#include "../../filters/segment.c"
#undef main

#include "docx.h"
#include "fuzz.h"

struct mem {
	const uint8_t *p;
	size_t n, step;
};

static ssize_t
mem_read(void *ctx, char *p, size_t n)
{
	struct mem *m = ctx;
	size_t k = n < m->n ? n : m->n;
	if (k > m->step)
		k = m->step;
	memcpy(p, m->p, k);
	m->p += k;
	m->n -= k;
	return (ssize_t)k;
}

static const char *
mem_err(void *ctx)
{
	(void)ctx;
	return "no error";
}

static void
run(unsigned o, const uint8_t *data, size_t size)
{
	static const char *const from[] = { "auto", "teams", "meet", "plain" };
	struct mem m = { data, size, ((o >> 4) & 15) + 1 };
	char fmt[32], *argv[6];
	int argc = 0;
	/* released by the harness if the run dies */
	qp_buf text = QP_BUF_INIT;

	/* a small bound, so that the limit is met too */
	docx_text("in.docx", mem_read, mem_err, &m, 1 << 16, &text);
	char *path = fuzz_file("in.docx.txt", text.s, text.len);
	argv[argc++] = "segment";
	snprintf(fmt, sizeof fmt, "--from=%s", from[o & 3]);
	argv[argc++] = fmt;
	if (o & 4)
		argv[argc++] = "--no-merge";
	argv[argc++] = path;
	argv[argc] = NULL;
	memset(&tw, 0, sizeof tw);
	segment_main(argc, argv);
	buf_free(&text);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	FUZZ_RUN(run(data[0], data + 1, size - 1));
	return 0;
}
