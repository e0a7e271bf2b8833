/* Unit tests for lib/: escaping, UTF-8, folding, words, the map, input. */
#include "t.h"

#include <stdlib.h>
#include <unistd.h>
#include <zlib.h>

#include "buf.h"
#include "input.h"
#include "map.h"
#include "qp.h"
#include "record.h"
#include "utf8.h"

/* An empty buffer is "" (the shared slop), never NULL, and is never
 * written into or freed; a zeroed one works as well. */
static void
test_buf(void)
{
	qp_buf b = QP_BUF_INIT, c = QP_BUF_INIT, z;
	T_OK(b.s != NULL && b.s[0] == '\0' && b.cap == 0, "buf: QP_BUF_INIT is \"\"");
	buf_reset(&b);
	buf_free(&b);
	T_OK(b.s == qp_buf_slop && b.len == 0, "buf: reset and free leave the slop alone");
	char *d = buf_detach(&b, NULL);
	T_OK(d != qp_buf_slop && d[0] == '\0', "buf: detaching an empty buffer allocates");
	free(d);
	T_OK(b.s == qp_buf_slop, "buf: a detached buffer is empty again");
	buf_adds(&c, "abc");
	T_OK(c.s != qp_buf_slop && c.cap > c.len, "buf: an append allocates");
	buf_reset(&c);
	T_STR(c.s, "", "buf: reset keeps the storage, empties the string");
	buf_free(&c);
	T_OK(c.s == qp_buf_slop && c.cap == 0, "buf: free returns to the slop");
	memset(&z, 0, sizeof z);
	buf_reset(&z);
	T_OK(z.s == qp_buf_slop, "buf: reset gives a zeroed buffer the slop");
	memset(&z, 0, sizeof z);
	buf_printf(&z, "%d", 42);
	T_STR(z.s, "42", "buf: a zeroed buffer takes appends");
	d = buf_detach(&z, NULL);
	T_STR(d, "42", "buf: detach hands the storage over");
	free(d);
	memset(&z, 0, sizeof z);
	d = buf_detach(&z, NULL);
	T_OK(d && d[0] == '\0', "buf: detach of a zeroed buffer allocates");
	free(d);
	T_OK(qp_buf_slop[0] == '\0', "buf: the slop is still empty");
}

static void
test_escape(void)
{
	qp_buf b = QP_BUF_INIT;
	const char raw[] = "a\\b\tc\nd\re";
	qp_escape(raw, sizeof raw - 1, &b);
	T_STR(b.s, "a\\\\b\\tc\\nd\\re", "escape: the four characters, nothing else");
	qp_buf u = QP_BUF_INIT;
	T_OK(qp_unescape(b.s, b.len, &u), "unescape: accepts its own output");
	T_MEM(u.s, u.len, raw, "unescape: round trip");
	buf_reset(&u);
	T_OK(!qp_unescape("a\\x", 3, &u), "unescape: \\x is a bad escape");
	buf_reset(&u);
	T_OK(!qp_unescape("a\\", 2, &u), "unescape: a trailing backslash is bad");
	buf_reset(&u);
	T_OK(qp_unescape("caf\xc3\xa9 \"q\"", 10, &u) && u.len == 10,
	     "unescape: quotes and UTF-8 are not special");
	buf_free(&b);
	buf_free(&u);

	/* Escapes at every position of long fields, against a byte loop. */
	int ok = 1;
	for (size_t pos = 0; pos < 70 && ok; pos++) {
		char src[72];
		memset(src, 'x', sizeof src);
		src[pos] = "\\\t\n\r"[pos % 4];
		src[71 - pos / 2] = '\t';
		qp_buf e = QP_BUF_INIT, want = QP_BUF_INIT;
		qp_escape(src, sizeof src, &e);
		for (size_t i = 0; i < sizeof src; i++) {
			char c = src[i];
			if (c == '\\' || c == '\t' || c == '\n' || c == '\r') {
				buf_addc(&want, '\\');
				buf_addc(&want, c == '\\' ? '\\' : c == '\t' ? 't' : c == '\n' ? 'n' : 'r');
			} else {
				buf_addc(&want, c);
			}
		}
		ok = e.len == want.len && memcmp(e.s, want.s, e.len) == 0;
		buf_free(&e);
		buf_free(&want);
	}
	T_OK(ok, "escape: long fields, an escape at every position");

	T_OK(qp_valid_colname("doc", 3), "colname: doc");
	T_OK(qp_valid_colname("a_1", 3), "colname: a_1");
	T_OK(!qp_valid_colname("1a", 2), "colname: not starting with a digit");
	T_OK(!qp_valid_colname("Doc", 3), "colname: not upper case");
	T_OK(!qp_valid_colname("", 0), "colname: not empty");
	T_OK(!qp_valid_colname("a-b", 3), "colname: no hyphen");
}

static void
test_utf8(void)
{
	T_OK(utf8_valid_prefix("plain ascii text, long enough", 29) == 29, "valid: ascii");
	T_OK(utf8_valid_prefix("caf\xc3\xa9", 5) == 5, "valid: 2-byte");
	T_OK(utf8_valid_prefix("\xe2\x80\x99\xf0\x9f\x98\x80", 7) == 7, "valid: 3 and 4 bytes");
	T_OK(utf8_valid_prefix("abcdefgh\xffxyz", 12) == 8, "invalid: 0xFF after 8 ascii");
	T_OK(utf8_valid_prefix("ab\0cd", 5) == 2, "invalid: NUL");
	T_OK(utf8_valid_prefix("\xc0\xaf", 2) == 0, "invalid: overlong");
	T_OK(utf8_valid_prefix("\xed\xa0\x80", 3) == 0, "invalid: surrogate");
	T_OK(utf8_valid_prefix("\xf4\x90\x80\x80", 4) == 0, "invalid: above U+10FFFF");
	T_OK(utf8_valid_prefix("abc\xe2\x80", 5) == 3, "invalid: truncated at end");

	qp_buf b = QP_BUF_INIT;
	utf8_replace_invalid("a\xffz", 3, &b);
	T_STR(b.s, "a\xef\xbf\xbdz", "replace: one U+FFFD for 0xFF");
	buf_reset(&b);
	utf8_replace_invalid("a\xe2\x80z", 4, &b);
	T_STR(b.s, "a\xef\xbf\xbdz", "replace: truncated sequence is one U+FFFD");
	buf_reset(&b);
	const char *mixed = "Caf\xc3\xa9 \xc3\x89" "COLE Stra\xc3\x9f" "e don\xe2\x80\x99t";
	utf8_fold(mixed, strlen(mixed), &b);
	T_STR(b.s, "cafe ecole strasse don't", "fold: case, accents, sharp s, apostrophe");
	buf_free(&b);
}

static void
test_words(void)
{
	const char *s = "Don\xe2\x80\x99t stop -- people's caf\xc3\xa9, 3rd full-time 'quoted'";
	const char *want[] = { "Don\xe2\x80\x99t", "stop", "people's", "caf\xc3\xa9",
	                       "3rd", "full", "time", "quoted" };
	qp_words w;
	qp_word t;
	int i = 0, ok = 1;
	words_init(&w, s, strlen(s));
	while (words_next(&w, &t)) {
		if (i >= 8 || t.len != strlen(want[i]) || memcmp(s + t.off, want[i], t.len))
			ok = 0;
		i++;
	}
	T_OK(ok && i == 8, "words: apostrophes inside, hyphens and quotes outside");
	words_init(&w, "\xc3\xa9t\xc3\xa9 ok", 8);
	words_next(&w, &t);
	words_next(&w, &t);
	T_OK(t.cp_off == 4 && t.cp_len == 2 && t.off == 6, "words: code point offsets");
}

static void
test_map(void)
{
	qp_map *m = qp_map_new();
	char k[32];
	int ok = 1;
	for (int i = 0; i < 10000; i++) {
		int n = snprintf(k, sizeof k, "key%d", i);
		bool c;
		qp_entry *e = qp_map_put(m, k, (size_t)n, &c);
		if (!c)
			ok = 0;
		e->val = (void *)(size_t)(i + 1);
	}
	T_OK(ok && qp_map_count(m) == 10000, "map: 10000 distinct insertions");
	ok = 1;
	for (int i = 0; i < 10000; i++) {
		int n = snprintf(k, sizeof k, "key%d", i);
		qp_entry *e = qp_map_get(m, k, (size_t)n);
		if (!e || e->val != (void *)(size_t)(i + 1))
			ok = 0;
	}
	T_OK(ok, "map: every key found with its value");
	T_OK(qp_map_get(m, "key10000", 8) == NULL, "map: absent key");
	T_OK(strcmp(qp_map_at(m, 123)->key, "key123") == 0, "map: insertion order");
	bool c;
	qp_map_put(m, "key5", 4, &c);
	T_OK(!c && qp_map_count(m) == 10000, "map: put of a present key");
	qp_map_free(m);
}

/* qp_hash against map.h's definition made a byte at a time, for every
 * length to 40 (each tail length, each way the tail is read) and every
 * place in a buffer (misaligned starts): a caller that hashes while it
 * makes the bytes (the matcher) must get the same number. */
static void
test_hash(void)
{
	unsigned char b[64];
	for (size_t i = 0; i < sizeof b; i++)
		b[i] = (unsigned char)(i * 37 + 11);
	int ok = 1;
	for (size_t at = 0; at < 8; at++)
		for (size_t n = 0; n <= 40; n++) {
			uint64_t h = QP_HASH_INIT, v = 0;
			for (size_t k = 0; k < n; k++) {
				v |= (uint64_t)b[at + k] << (8 * (k % 8));
				if (k % 8 == 7) {
					h = qp_hash_chunk(h, v);
					v = 0;
				}
			}
			if (qp_hash_end(h, v, n) != qp_hash(b + at, n))
				ok = 0;
		}
	T_OK(ok, "hash: qp_hash is its chunked definition, every length and start");
	T_OK(qp_hash("ab", 2) != qp_hash("ab\0", 3), "hash: the length counts");
	T_OK(qp_hash("abcdefgh", 8) != qp_hash("bcdefgha", 8), "hash: the order counts");
}

static void
test_input(void)
{
	char dir[] = "/tmp/qp-unit-XXXXXX";
	if (!mkdtemp(dir)) {
		T_OK(0, "input: temp dir");
		return;
	}
	char p1[64], p2[64];
	snprintf(p1, sizeof p1, "%s/a.gz", dir);
	snprintf(p2, sizeof p2, "%s/b.txt", dir);
	/* Two gzip members in one file, then a plain file with CRLF and BOM. */
	gzFile g = gzopen(p1, "wb");
	gzputs(g, "one\ntwo\n");
	gzclose(g);
	g = gzopen(p1, "ab");
	gzputs(g, "three");
	gzclose(g);
	FILE *f = fopen(p2, "w");
	fputs("\xef\xbb\xbf" "four\r\nfive\r\n", f);
	fclose(f);

	char *files[] = { p1, p2 };
	qp_input *in = qp_input_new(2, files, 0);
	const char *line;
	size_t len;
	qp_buf all = QP_BUF_INIT;
	while (qp_input_line(in, &line, &len)) {
		buf_add(&all, line, len);
		buf_printf(&all, "@%lu%s|", qp_input_lineno(in), qp_input_first(in) ? "f" : "");
	}
	T_STR(all.s, "one@1f|two@2|three@3|four@1f|five@2|",
	      "input: multi-member gzip, missing final newline, BOM, CRLF");
	qp_input_free(in);

	f = fopen(p2, "w");
	fputs("a\rb\r\nc\r", f);
	fclose(f);
	in = qp_input_new(1, files + 1, QP_IN_CR);
	buf_reset(&all);
	while (qp_input_line(in, &line, &len)) {
		buf_add(&all, line, len);
		buf_addc(&all, '|');
	}
	T_STR(all.s, "a|b|c|", "input: QP_IN_CR takes CR, CRLF and LF");
	qp_input_free(in);
	buf_free(&all);
	unlink(p1);
	unlink(p2);
	rmdir(dir);
}

int
main(void)
{
	qp_init("test_lib");
	test_buf();
	test_escape();
	test_utf8();
	test_words();
	test_map();
	test_hash();
	test_input();
	return t_done();
}
