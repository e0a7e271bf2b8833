/*
 * fuzz_sentence: the sentence splitter (lib/sentence.h) on arbitrary
 * text: the sentences must lie inside the text, in order, without
 * overlapping.
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "fuzz.h"
#include "sentence.h"
#include "utf8.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static qp_sent *ss;
	static size_t cap;
	qp_buf b = QP_BUF_INIT;

	/* segment hands the splitter valid UTF-8; give it the same. */
	utf8_replace_invalid((const char *)data, size, &b);
	const char *s = b.s;
	size_t n = b.len;
	size_t k = sent_split(s, n, &ss, &cap);
	size_t end = 0;
	for (size_t i = 0; i < k; i++) {
		if (ss[i].off < end || ss[i].off > n || ss[i].len > n - ss[i].off)
			abort();
		end = ss[i].off + ss[i].len;
	}
	buf_free(&b);
	return 0;
}
