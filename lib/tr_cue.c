/*
 * tr_cue.c: the text of a caption cue, shared by the WebVTT and SubRip
 * readers (transcript.h): markup removed (WebVTT tags and character
 * references, SubRip's formatting tags and {\an8} blocks), speakers
 * started by "Name:" lines and <v Name> spans.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "transcript.h"
#include "utf8.h"

static void
add_cp(tr_reader *rd, int32_t cp)
{
	char u[4];

	if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f') {
		tr_add_space(rd);
		return;
	}
	if (cp == '\\')
		rd->p.esc = true;
	tr_add_run(rd, u, utf8_encode(cp, u));
}

/* What HTML (and so WebVTT) makes of numeric references to C1 controls:
 * the windows-1252 characters at those bytes. */
static const uint16_t c1_remap[32] = {
	0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
	0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
};

static inline bool
is_alnum(char c)
{
	return tr_is_digit(c) || (tr_lower(c) >= 'a' && tr_lower(c) <= 'z');
}

/* The reference named p[0..n) (its ';' included if it has one), by
 * binary search of HTML's table; NULL if there is none. */
static const tr_charref *
charref_named(const char *p, size_t n)
{
	size_t lo = 0, hi = tr_ncharrefs;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *name = tr_charrefs[mid].name;
		int c = strncmp(name, p, n);
		if (c == 0 && name[n] != '\0')
			c = 1;
		if (c == 0)
			return &tr_charrefs[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/*
 * t[0] is '&': HTML's "consume a character reference", as the WebVTT
 * cue text tokenizer runs it (the additional allowed character extra:
 * '>' in a tag's annotation, else none).  Returns how many bytes it took,
 * the code points in cp[0] and cp[1] (0 when there is one), or 0 when it
 * is no reference: the '&' is then text.
 *   &#DDD; &#xHHH;  the ';' may be missing; 0, surrogates and what is
 *                   past U+10FFFF become U+FFFD, C1 controls the
 *                   windows-1252 characters;
 *   &name;          the longest name in the table that the text starts
 *                   with, so that the legacy names HTML accepts without
 *                   ';' match ("&notit;" is "\u00ACit;"); "&bogus;" is text.
 */
static size_t
charref(const char *t, size_t n, char extra, int32_t cp[2])
{
	const tr_charref *r;
	size_t i, k;

	cp[1] = 0;
	if (n < 2 || tr_is_ws(t[1]) || t[1] == '\n' || t[1] == '<' || t[1] == '&' ||
	    (extra && t[1] == extra))
		return 0;
	if (t[1] == '#') {
		bool hex = n > 2 && tr_lower(t[2]) == 'x', over = false;
		unsigned long v = 0;
		i = 2 + hex;
		k = i;
		for (; i < n; i++) {
			char c = tr_lower(t[i]);
			int d = tr_is_digit(c) ? c - '0' :
			        hex && c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
			if (d < 0)
				break;
			v = v * (hex ? 16 : 10) + (unsigned)d;
			if (v > 0x10FFFF) {
				over = true;
				v = 0x110000;
			}
		}
		if (i == k)
			return 0;
		if (i < n && t[i] == ';')
			i++;
		if (v == 0 || over || (v >= 0xD800 && v <= 0xDFFF))
			cp[0] = 0xFFFD;
		else if (v >= 0x80 && v <= 0x9F)
			cp[0] = c1_remap[v - 0x80];
		else
			cp[0] = (int32_t)v;
		return i;
	}
	for (k = 1; k < n && k <= 32 && is_alnum(t[k]); k++)
		;
	if (k == 1)
		return 0;
	if (k < n && t[k] == ';' && (r = charref_named(t + 1, k))) {
		cp[0] = r->cp1;
		cp[1] = r->cp2;
		return k + 1;
	}
	for (i = k - 1; i > 0; i--) {
		if ((r = charref_named(t + 1, i))) {
			cp[0] = r->cp1;
			cp[1] = r->cp2;
			return i + 1;
		}
	}
	return 0;
}

/* A Teams name with a role after it, "Haddad, Layla (Student)": with
 * rd->roles the role is the piece's, the name its speaker. */
static void
split_role(tr_reader *rd)
{
	qp_buf *b = &rd->p.spk;
	size_t i;

	if (b->len < 4 || b->s[b->len - 1] != ')')
		return;
	for (i = b->len - 1; i > 0 && b->s[i] != '('; i--)
		;
	if (i < 2 || b->s[i - 1] != ' ' || i + 2 >= b->len)
		return;
	buf_reset(&rd->p.role);
	buf_add(&rd->p.role, b->s + i + 1, b->len - i - 2);
	b->len = i - 1;
	b->s[b->len] = '\0';
}

struct cue {
	tr_msec start, end;
	bool voice;     /* inside <v> */
	bool rt;        /* inside <rt>: ruby annotation, left out */
};

/* t[0] is '<': a WebVTT tag.  Every tag is removed; <v Name> starts a
 * piece of that speaker; <rt> text is left out.  A '<' that no '>'
 * follows in the cue makes the rest of the cue a tag, as the spec has
 * it: that text is lost, and tr_drop says so. */
static size_t
vtt_tag(tr_reader *rd, const char *t, size_t n, struct cue *c)
{
	const char *gt = memchr(t + 1, '>', n - 1);
	size_t len, k, a;
	bool close;
	const char *tag = t + 1;

	if (!gt) {
		if (n > 1 && !tr_blank(t + 1, n - 1))
			tr_drop(rd, rd->cline, "cue text dropped: '%s' (a '<' without '>' "
			        "begins a tag to the end of the cue)",
			        tr_show(t, memchr(t, '\n', n) ? (size_t)((const char *)memchr(t, '\n', n) - t) : n));
		return n;
	}
	len = (size_t)(gt - tag);
	close = len > 0 && tag[0] == '/';
	k = close;
	while (k < len && tag[k] != '.' && !tr_is_ws(tag[k]) && tag[k] != '\n')
		k++;
	k -= close;
	if (k == 1 && tag[close] == 'v') {
		if (close) {
			tr_piece_begin(rd, NULL, 0, c->start, c->end);
			c->voice = false;
		} else {
			/* <v.class Jane Doe>: the annotation after the white space */
			a = 1;
			while (a < len && !tr_is_ws(tag[a]) && tag[a] != '\n')
				a++;
			buf_reset(&rd->tmp);
			for (size_t i = a; i < len; i++) {
				int32_t cp[2];
				size_t r = tag[i] == '&' ? charref(tag + i, len - i, '>', cp) : 0;
				if (r) {
					char u[4];
					buf_add(&rd->tmp, u, utf8_encode(cp[0], u));
					if (cp[1])
						buf_add(&rd->tmp, u, utf8_encode(cp[1], u));
					i += r - 1;
				} else {
					buf_addc(&rd->tmp, tag[i]);
				}
			}
			tr_piece_begin(rd, rd->tmp.s, rd->tmp.len, c->start, c->end);
			if (rd->roles)
				split_role(rd);
			c->voice = true;
		}
	} else if (k == 2 && memcmp(tag + close, "rt", 2) == 0) {
		c->rt = !close;
	} else if (k == 4 && close && memcmp(tag + 1, "ruby", 4) == 0) {
		c->rt = false;
	}
	return len + 2;
}

/* t[0] is '<': the length of a SubRip formatting tag there (<i> <b> <u>
 * <s> <font ...> and their ends), or 0: any other '<' is text. */
static size_t
srt_tag_len(const char *t, size_t n)
{
	size_t lim = n < 200 ? n : 200, k, len;
	const char *gt = memchr(t + 1, '>', lim - 1);
	const char *tag = t + 1;
	bool close;

	if (!gt)
		return 0;
	len = (size_t)(gt - tag);
	close = len > 0 && tag[0] == '/';
	k = close;
	while (k < len && !tr_is_ws(tag[k]))
		k++;
	k -= close;
	if ((k == 1 && strchr("ibusIBUS", tag[close])) ||
	    (k == 4 && tr_eq_nocase(tag + close, 4, "font")))
		return len + 2;
	return 0;
}

/* t[0] is '{': the length of an override block such as {\an8}, or 0. */
static size_t
srt_brace_len(const char *t, size_t n)
{
	const char *cb;

	if (n > 1 && t[1] == '\\' && (cb = memchr(t, '}', n < 200 ? n : 200)))
		return (size_t)(cb - t) + 1;
	return 0;
}

/*
 * A label at the start of a cue line whose first bytes hold markup
 * ("<i>Jane:</i> hello"): look for it in those bytes with the tags taken
 * out.  On success the speaker is started and *skip is where the text
 * starts in t.  A <v> tag first is not a label's business.
 */
static bool
cue_label_tagged(tr_reader *rd, const char *t, size_t n, bool vtt, size_t *skip)
{
	char b[128];
	size_t map[129], k = 0, i = 0, lo, ll, rest, len;

	while (i < n && k < sizeof b) {
		len = 0;
		if (t[i] == '<') {
			if (vtt) {
				const char *gt = memchr(t + i, '>', n - i);
				if (gt && i + 1 < n && t[i + 1] == 'v' &&
				    (t[i + 2] == '>' || t[i + 2] == '.' || tr_is_ws(t[i + 2])))
					return false;
				len = gt ? (size_t)(gt - t - i) + 1 : 0;
			} else {
				len = srt_tag_len(t + i, n - i);
			}
		} else if (t[i] == '{' && !vtt) {
			len = srt_brace_len(t + i, n - i);
		}
		if (len) {
			i += len;
			continue;
		}
		map[k] = i;
		b[k++] = t[i++];
	}
	map[k] = i;
	if (!tr_label_line(rd, b, k, &lo, &ll, &rest))
		return false;
	tr_piece_begin(rd, b + lo, ll, rd->p.start, rd->p.end);
	*skip = map[rest];
	return true;
}

/* A cue line at t[0..n) (up to its newline) that starts with a label,
 * plain or inside markup: the speaker is started, and the length of
 * what the label took comes back; 0 if there is none. */
static size_t
cue_line_label(tr_reader *rd, const char *t, size_t n, const struct cue *c, bool vtt)
{
	size_t lo, ll, rest, look = n > 100 ? 100 : n;

	if (c->voice)
		return 0;       /* the <v> span names the speaker */
	if (tr_label_line(rd, t, n, &lo, &ll, &rest)) {
		tr_piece_begin(rd, t + lo, ll, c->start, c->end);
		return rest;
	}
	if ((memchr(t, '<', look) || (!vtt && memchr(t, '{', look))) &&
	    cue_label_tagged(rd, t, n, vtt, &rest))
		return rest;
	return 0;
}

/*
 * Deepgram's and AssemblyAI's caption speaker line (deepgram-captions):
 * "[speaker 0]" or "[speaker A]" alone on the first line of a cue, only
 * when the speaker changes.  The speaker (without the brackets) holds
 * for this cue and the ones after it, up to the next such line
 * (rd->cspk); the line is no text.  "[laughs]" and the like stay text.
 */
static bool
cue_speaker_line(tr_reader *rd, const char *t, size_t n, const struct cue *c)
{
	size_t i = 9, k;

	while (n > 0 && tr_is_ws(t[n - 1]))
		n--;
	if (n < 11 || t[0] != '[' || t[n - 1] != ']' || tr_lower(t[1]) != 's' ||
	    memcmp(t + 2, "peaker ", 7) != 0)
		return false;
	for (k = i; k < n - 1 && (tr_is_digit(t[k]) || (t[k] >= 'A' && t[k] <= 'Z')); k++)
		;
	if (k != n - 1 || k - i > 4)
		return false;
	buf_reset(&rd->cspk);
	buf_add(&rd->cspk, t + 1, n - 2);
	tr_piece_begin(rd, rd->cspk.s, rd->cspk.len, c->start, c->end);
	return true;
}

/* The byte at t[0], of a class the text scanner stops at: white space,
 * a backslash, a reference or markup.  Returns how many bytes it took;
 * *bol is set at a newline. */
static size_t
cue_special(tr_reader *rd, const char *t, size_t n, struct cue *c, bool vtt, bool *bol)
{
	const unsigned char *cls = vtt ? tr_cls_vtt : tr_cls_srt;
	size_t r;
	int32_t cp[2];

	switch (cls[(unsigned char)t[0]]) {
	case TR_C_WS:
		*bol = t[0] == '\n';
		tr_add_space(rd);
		return 1;
	case TR_C_BS:
		if (!c->rt) {
			tr_add_run(rd, t, 1);
			rd->p.esc = true;
		}
		return 1;
	case TR_C_AMP:
		r = charref(t, n, 0, cp);
		if (!c->rt) {
			if (r) {
				add_cp(rd, cp[0]);
				if (cp[1])
					add_cp(rd, cp[1]);
			} else
				tr_add_run(rd, "&", 1);
		}
		return r ? r : 1;
	case TR_C_LT:
		if (vtt)
			return vtt_tag(rd, t, n, c);
		if ((r = srt_tag_len(t, n)))
			return r;
		tr_add_run(rd, "<", 1);
		return 1;
	case TR_C_BRACE:
		if ((r = srt_brace_len(t, n)))
			return r;
		tr_add_run(rd, "{", 1);
		return 1;
	}
	return 1;
}

/*
 * A cue's text (its lines joined by \n): tags removed, references
 * decoded (WebVTT), white space normalised.  A line that starts with
 * "Name: " (Zoom) or a <v Name> span (Teams) starts a piece of that
 * speaker; text before any speaker is a piece without one.
 */
void
tr_cue_text(tr_reader *rd, const char *t, size_t n, tr_msec start, tr_msec end, bool vtt)
{
	const unsigned char *cls = vtt ? tr_cls_vtt : tr_cls_srt;
	struct cue c = { start, end, false, false };
	bool bol = true;
	size_t i = 0, j;

	tr_piece_begin(rd, rd->cspk.s, rd->cspk.len, start, end);
	while (i < n) {
		if (bol) {
			const char *nl = memchr(t + i, '\n', n - i);
			size_t e = nl ? (size_t)(nl - t) : n;
			bol = false;
			if (!c.voice && t[i] == '[' && cue_speaker_line(rd, t + i, e - i, &c)) {
				i = e;
				continue;
			}
			if ((j = cue_line_label(rd, t + i, e - i, &c, vtt))) {
				i += j;
				continue;
			}
		}
		j = tr_run_end(t, n, i, cls);
		if (j > i) {
			if (!c.rt)
				tr_add_run(rd, t + i, j - i);
			i = j;
			continue;
		}
		i += cue_special(rd, t + i, n - i, &c, vtt, &bol);
	}
	tr_piece_commit(rd);
}
