/*
 * tr_vtt.c: WebVTT (Zoom, Teams, YouTube captions; transcript.h).  The
 * WEBVTT signature, then cues: an optional identifier, a timing line
 * "START --> END [settings]", text lines up to a blank line; NOTE,
 * STYLE and REGION blocks are skipped.  Cue text is tr_cue.c's.
 */
#include <stdbool.h>
#include <string.h>

#include "transcript.h"

/* A WebVTT timestamp, [hh:]mm:ss.ttt, at s[*i..); the hours may have
 * more than two digits, minutes and seconds are below 60. */
static bool
vtt_time(const char *s, size_t n, size_t *i, tr_msec *t)
{
	unsigned long long v1, v2, v3, v4;
	size_t k = tr_digits(s, n, i, &v1);
	bool hours;

	if (k == 0 || k > 10)
		return false;
	hours = k != 2 || v1 > 59;
	if (*i >= n || s[*i] != ':')
		return false;
	(*i)++;
	if (tr_digits(s, n, i, &v2) != 2)
		return false;
	if (hours || (*i < n && s[*i] == ':')) {
		if (*i >= n || s[*i] != ':')
			return false;
		(*i)++;
		if (tr_digits(s, n, i, &v3) != 2)
			return false;
	} else {
		v3 = v2;
		v2 = v1;
		v1 = 0;
	}
	if (*i >= n || s[*i] != '.')
		return false;
	(*i)++;
	if (tr_digits(s, n, i, &v4) != 3 || v2 > 59 || v3 > 59)
		return false;
	*t = (tr_msec)(((v1 * 60 + v2) * 60 + v3) * 1000 + v4);
	return true;
}

/* hh:mm:ss.ttt at p[*i..n), the form nearly every writer uses;
 * vtt_time handles the rest. */
static bool
vtt_time_fast(const char *p, size_t n, size_t *i, tr_msec *t)
{
	size_t k = *i;
	unsigned h, m, s, ms, bad;

	if (n - k < 12 || p[k + 2] != ':')
		return false;
	const unsigned char *q = (const unsigned char *)p + k;
	/* digits minus '0' are below 10; one test for all nine */
	bad = (unsigned)(q[0] - '0' > 9) | (q[1] - '0' > 9) | (q[3] - '0' > 9) |
	      (q[4] - '0' > 9) | (q[6] - '0' > 9) | (q[7] - '0' > 9) |
	      (q[9] - '0' > 9) | (q[10] - '0' > 9) | (q[11] - '0' > 9) |
	      (q[5] != ':') | (q[8] != '.');
	if (bad || (n - k > 12 && tr_is_digit(p[k + 12])))
		return false;
	h = (q[0] - '0') * 10u + (q[1] - '0');
	m = (q[3] - '0') * 10u + (q[4] - '0');
	s = (q[6] - '0') * 10u + (q[7] - '0');
	ms = (q[9] - '0') * 100u + (q[10] - '0') * 10u + (q[11] - '0');
	if (m > 59 || s > 59)
		return false;
	*t = ((tr_msec)(h * 60 + m) * 60 + s) * 1000 + ms;
	*i = k + 12;
	return true;
}

/* "START --> END [settings]"; the settings are not needed here. */
static bool
vtt_timing(const char *p, size_t n, tr_msec *s, tr_msec *e)
{
	size_t i = 0;

	if (vtt_time_fast(p, n, &i, s) && n - i >= 5 && memcmp(p + i, " --> ", 5) == 0) {
		i += 5;
		if (vtt_time_fast(p, n, &i, e))
			return true;
	}
	i = 0;
	return tr_arrow_span(p, n, &i, vtt_time, s, e);
}

static bool
has_arrow(const char *p, size_t n)
{
	const char *q = p, *e = p + n;

	while (e - q >= 3 && (q = memchr(q, '-', (size_t)(e - q - 2)))) {
		if (q[1] == '-' && q[2] == '>')
			return true;
		q++;
	}
	return false;
}

/* Does the line start with the word w, alone or followed by white space? */
static inline bool
starts_word_n(const char *p, size_t n, const char *w, size_t k)
{
	return n >= k && memcmp(p, w, k) == 0 && (n == k || p[k] == ' ' || p[k] == '\t');
}
#define starts_word(p, n, w) starts_word_n(p, n, w, sizeof w - 1)

static bool
vtt_signature(const char *p, size_t n)
{
	return starts_word(p, n, "WEBVTT");
}

/*
 * Where the reader is: before the signature, in the header, between
 * cues, after a cue identifier, in a cue's text, in a NOTE, STYLE or
 * REGION block.  Each state's handler below takes one line and says
 * whether it is a cue timing line, which starts a cue from any state
 * but the signature's.
 */
enum vtt_state { SIG, HEAD, GAP, ID, CUE, SKIP };

/* Header text and NOTE, STYLE and REGION blocks run to a blank line;
 * a timing line also ends them. */
static inline bool
vtt_in_block(enum vtt_state *st, const char *p, size_t n)
{
	if (n == 0) {
		*st = GAP;
		return false;
	}
	return has_arrow(p, n);
}

/* Between cues: blank lines, a block to skip, a cue's identifier or
 * its timing line. */
static inline bool
vtt_in_gap(enum vtt_state *st, const char *p, size_t n)
{
	if (tr_blank(p, n))
		return false;
	if (has_arrow(p, n))
		return true;
	if (starts_word(p, n, "NOTE") || starts_word(p, n, "STYLE") ||
	    starts_word(p, n, "REGION"))
		*st = SKIP;
	else
		*st = ID;
	return false;
}

/* In a cue: its text runs to a blank line, or to the next timing line
 * where a writer leaves the blank out; either ends the cue s..e. */
static inline bool
vtt_in_cue(tr_reader *rd, enum vtt_state *st, const char *p, size_t n,
           tr_msec s, tr_msec e)
{
	if (n == 0) {
		tr_cue_text(rd, rd->cue.s, rd->cue.len, s, e, true);
		*st = GAP;
		return false;
	}
	if (!has_arrow(p, n)) {
		if (rd->cue.len)
			buf_addc(&rd->cue, '\n');
		buf_add(&rd->cue, p, n);
		return false;
	}
	tr_cue_text(rd, rd->cue.s, rd->cue.len, s, e, true);
	return true;
}

static void
read_vtt(tr_reader *rd)
{
	enum vtt_state st = SIG;
	const char *p;
	size_t n;
	tr_msec s = 0, e = 0;

	while (tr_next_line(rd, &p, &n)) {
		bool timing = false;
		switch (st) {
		case SIG:
			if (!vtt_signature(p, n))
				tr_fail(rd, "not WebVTT: the first line is not WEBVTT (found '%s')",
				     tr_show(p, n));
			st = HEAD;
			continue;
		case HEAD:
		case SKIP:
			timing = vtt_in_block(&st, p, n);
			break;
		case GAP:
			timing = vtt_in_gap(&st, p, n);
			break;
		case ID:
			if (!has_arrow(p, n))
				tr_fail(rd, "expected cue timings (START --> END) after the cue "
				     "identifier, found '%s'", tr_show(p, n));
			timing = true;
			break;
		case CUE:
			timing = vtt_in_cue(rd, &st, p, n, s, e);
			break;
		}
		if (!timing)
			continue;
		if (!vtt_timing(p, n, &s, &e))
			tr_fail(rd, "bad cue timings '%s' (expected [hh:]mm:ss.ttt --> "
			     "[hh:]mm:ss.ttt)", tr_show(p, n));
		buf_reset(&rd->cue);
		st = CUE;
	}
	if (st == ID)
		tr_fail(rd, "the file ends after a cue identifier, without cue timings");
	if (st == CUE)
		tr_cue_text(rd, rd->cue.s, rd->cue.len, s, e, true);
}

/* The signature, or a .vtt name: a file that says it is WebVTT is read
 * as WebVTT, so that what is wrong with it is named. */
static bool
probe_vtt(const tr_look *look)
{
	return vtt_signature(look->line[0].p, look->line[0].n) ||
	       tr_ext_is(look->ext, look->extlen, "vtt");
}

const tr_format tr_fmt_vtt = { "vtt", probe_vtt, read_vtt };
