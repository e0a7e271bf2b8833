#include "utf8.h"
#include "qp.h"

#include <string.h>
#include <utf8proc.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

/*
 * Eight bytes at a time while they are ASCII and not NUL: most transcript
 * text is, and this loop runs on every byte of every input.
 */
static inline bool
ascii_nonul8(const unsigned char *p)
{
	uint64_t v;
	memcpy(&v, p, 8);
	const uint64_t lo = 0x0101010101010101ULL, hi = 0x8080808080808080ULL;
	return ((v | ((v - lo) & ~v)) & hi) == 0;
}

/* Length of the valid sequence at p (n bytes left), or 0 if invalid. */
static size_t
seq_len(const unsigned char *p, size_t n)
{
	unsigned c = p[0];
	if (c == 0)
		return 0;
	if (c < 0x80)
		return 1;
	if (c < 0xC2)
		return 0;
	if (c < 0xE0) {
		if (n < 2 || (p[1] & 0xC0) != 0x80)
			return 0;
		return 2;
	}
	if (c < 0xF0) {
		if (n < 2)
			return 0;
		if (c == 0xE0 && p[1] < 0xA0)
			return 0;
		if (c == 0xED && p[1] > 0x9F)   /* surrogates */
			return 0;
		if ((p[1] & 0xC0) != 0x80)
			return 0;
		if (n < 3 || (p[2] & 0xC0) != 0x80)
			return 0;
		return 3;
	}
	if (c < 0xF5) {
		if (n < 2)
			return 0;
		if (c == 0xF0 && p[1] < 0x90)
			return 0;
		if (c == 0xF4 && p[1] > 0x8F)
			return 0;
		if ((p[1] & 0xC0) != 0x80)
			return 0;
		if (n < 3 || (p[2] & 0xC0) != 0x80)
			return 0;
		if (n < 4 || (p[3] & 0xC0) != 0x80)
			return 0;
		return 4;
	}
	return 0;
}

size_t
utf8_ascii_prefix(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
#ifdef __SSE2__
	const __m128i zero = _mm_setzero_si128();
	while (i + 16 <= n) {
		__m128i x = _mm_loadu_si128((const __m128i *)(p + i));
		/* High bit set, or a zero byte: stop and let the slow path look. */
		if (_mm_movemask_epi8(_mm_or_si128(x, _mm_cmpeq_epi8(x, zero))))
			break;
		i += 16;
	}
#endif
	while (i + 8 <= n && ascii_nonul8(p + i))
		i += 8;
	while (i < n && p[i] != 0 && p[i] < 0x80)
		i++;
	return i;
}

size_t
utf8_valid_prefix(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < n) {
		while (i + 8 <= n && ascii_nonul8(p + i))
			i += 8;
		if (i >= n)
			break;
		if (p[i] < 0x80 && p[i] != 0) {
			i++;
			continue;
		}
		size_t l = seq_len(p + i, n - i);
		if (l == 0)
			return i;
		i += l;
	}
	return n;
}

/*
 * The maximal subpart of an ill-formed sequence: as many bytes as form a
 * valid prefix of some well-formed sequence, at least one.
 */
static size_t
bad_len(const unsigned char *p, size_t n)
{
	unsigned c = p[0];
	size_t want, i;
	unsigned lo = 0x80, hi = 0xBF;

	if (c < 0xC2 || c > 0xF4)
		return 1;
	want = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
	if (c == 0xE0) lo = 0xA0;
	if (c == 0xED) hi = 0x9F;
	if (c == 0xF0) lo = 0x90;
	if (c == 0xF4) hi = 0x8F;
	for (i = 1; i < want && i < n; i++) {
		unsigned b = p[i];
		if (i == 1 ? (b < lo || b > hi) : (b & 0xC0) != 0x80)
			break;
	}
	return i;
}

void
utf8_replace_invalid(const char *s, size_t n, qp_buf *out)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < n) {
		size_t good = utf8_valid_prefix(s + i, n - i);
		buf_add(out, s + i, good);
		i += good;
		if (i < n) {
			buf_add(out, "\xEF\xBF\xBD", 3);
			i += p[i] == 0 ? 1 : bad_len(p + i, n - i);
		}
	}
}

size_t
utf8_encode(int32_t cp, char *out)
{
	utf8proc_ssize_t n = utf8proc_encode_char(cp, (utf8proc_uint8_t *)out);
	return n > 0 ? (size_t)n : 0;
}

static const utf8proc_option_t FOLD_OPTS =
	UTF8PROC_CASEFOLD | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK;

void
utf8_fold(const char *s, size_t n, qp_buf *out)
{
	size_t i = 0;

	buf_grow(out, n);
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) {
			buf_addc(out, (char)(c >= 'A' && c <= 'Z' ? c + 32 : c));
			i++;
			continue;
		}
		int32_t cp;
		i += utf8_decode(s + i, &cp);
		if (cp == 0x2019 || cp == 0x02BC || cp == 0x2018) {
			buf_addc(out, '\'');
			continue;
		}
		utf8proc_int32_t dst[32];
		int last = 0;
		utf8proc_ssize_t k = utf8proc_decompose_char(cp, dst, 32, FOLD_OPTS, &last);
		if (k < 0 || k > 32) {
			/* Cannot happen for valid scalars; keep the character. */
			dst[0] = cp;
			k = 1;
		}
		for (utf8proc_ssize_t j = 0; j < k; j++) {
			char enc[4];
			size_t l = utf8_encode(dst[j], enc);
			buf_add(out, enc, l);
		}
	}
}

bool
utf8_is_wordcp(int32_t cp)
{
	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
		       (cp >= '0' && cp <= '9');
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
	case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL:
	case UTF8PROC_CATEGORY_NO:
		return true;
	default:
		return false;
	}
}

static inline bool
is_apos(int32_t cp)
{
	return cp == '\'' || cp == 0x2019 || cp == 0x02BC;
}

/* ASCII letters and digits, by table: this runs on every byte of text. */
static const unsigned char ascii_word[128] = {
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1,
	['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1,
	['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1,
	['G'] = 1, ['H'] = 1, ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1,
	['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1,
	['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1,
	['Y'] = 1, ['Z'] = 1,
	['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1,
	['g'] = 1, ['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1,
	['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1,
	['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1,
	['y'] = 1, ['z'] = 1,
};

/* Word character at w->pos?  Sets *len to its byte length. */
static inline bool
word_at(const qp_words *w, size_t pos, size_t *len)
{
	unsigned char c = (unsigned char)w->s[pos];
	if (c < 0x80) {
		*len = 1;
		return ascii_word[c];
	}
	int32_t cp;
	*len = utf8_decode(w->s + pos, &cp);
	return utf8_is_wordcp(cp);
}

bool
words_next(qp_words *w, qp_word *out)
{
	size_t l;

	/* Skip to the next word character. */
	while (w->pos < w->n) {
		unsigned char c = (unsigned char)w->s[w->pos];
		if (c < 0x80 && !ascii_word[c]) {
			w->pos++;
			w->cp++;
			continue;
		}
		if (word_at(w, w->pos, &l))
			break;
		w->pos += l;
		w->cp++;
	}
	if (w->pos >= w->n)
		return false;
	out->off = w->pos;
	out->cp_off = w->cp;
	while (w->pos < w->n) {
		unsigned char c = (unsigned char)w->s[w->pos];
		if (c < 0x80 && ascii_word[c]) {
			w->pos++;
			w->cp++;
			continue;
		}
		if (word_at(w, w->pos, &l)) {
			w->pos += l;
			w->cp++;
			continue;
		}
		/* An apostrophe joins two word characters. */
		int32_t cp;
		size_t al = utf8_decode(w->s + w->pos, &cp);
		size_t l2;
		if (is_apos(cp) && w->pos + al < w->n && word_at(w, w->pos + al, &l2)) {
			w->pos += al;
			w->cp++;
			continue;
		}
		break;
	}
	out->len = w->pos - out->off;
	out->cp_len = w->cp - out->cp_off;
	return true;
}
