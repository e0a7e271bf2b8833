/*
 * tr_srt.c: SubRip (.srt; transcript.h).  Numbered subtitles: a number
 * line, a timing line "hh:mm:ss,mmm --> hh:mm:ss,mmm", text lines up to
 * a blank line.  Subtitle text is tr_cue.c's.
 */
#include <stdbool.h>
#include <string.h>

#include "transcript.h"

/* SubRip: hh:mm:ss,mmm (a full stop is accepted for the comma). */
static bool
srt_time(const char *s, size_t n, size_t *i, tr_msec *t)
{
	unsigned long long h, m, sec, ms;
	size_t k = tr_digits(s, n, i, &h);

	if (k == 0 || k > 10 || *i >= n || s[*i] != ':')
		return false;
	(*i)++;
	if (tr_digits(s, n, i, &m) != 2 || *i >= n || s[*i] != ':')
		return false;
	(*i)++;
	if (tr_digits(s, n, i, &sec) != 2 || *i >= n || (s[*i] != ',' && s[*i] != '.'))
		return false;
	(*i)++;
	if (tr_digits(s, n, i, &ms) != 3 || m > 59 || sec > 59)
		return false;
	*t = (tr_msec)(((h * 60 + m) * 60 + sec) * 1000 + ms);
	return true;
}

/* "START --> END", then nothing or white space and coordinates. */
static bool
srt_timing(const char *p, size_t n, tr_msec *s, tr_msec *e)
{
	size_t i = 0;

	return tr_arrow_span(p, n, &i, srt_time, s, e) && (i == n || tr_is_ws(p[i]));
}

static bool
srt_index(const char *p, size_t n)
{
	size_t i = 0, k;
	unsigned long long v;

	while (i < n && tr_is_ws(p[i]))
		i++;
	k = tr_digits(p, n, &i, &v);
	while (i < n && tr_is_ws(p[i]))
		i++;
	return k > 0 && i == n;
}

static void
read_srt(tr_reader *rd)
{
	enum { GAP, TIME, TEXT } st = GAP;
	const char *p;
	size_t n;
	tr_msec s = 0, e = 0;

	buf_reset(&rd->cspk);
	while (tr_next_line(rd, &p, &n)) {
		switch (st) {
		case GAP:
			if (tr_blank(p, n))
				break;
			if (!srt_index(p, n))
				tr_fail(rd, "not SubRip: expected a subtitle number, found '%s'",
				     tr_show(p, n));
			st = TIME;
			break;
		case TIME:
			if (!srt_timing(p, n, &s, &e))
				tr_fail(rd, "bad subtitle timing '%s' (expected hh:mm:ss,mmm --> "
				     "hh:mm:ss,mmm)", tr_show(p, n));
			buf_reset(&rd->cue);
			st = TEXT;
			break;
		case TEXT:
			if (tr_blank(p, n)) {
				tr_cue_text(rd, rd->cue.s, rd->cue.len, s, e, false);
				st = GAP;
				break;
			}
			if (rd->cue.len)
				buf_addc(&rd->cue, '\n');
			buf_add(&rd->cue, p, n);
			break;
		}
	}
	if (st == TIME)
		tr_fail(rd, "the file ends after a subtitle number, without its timing");
	if (st == TEXT)
		tr_cue_text(rd, rd->cue.s, rd->cue.len, s, e, false);
}

/* A number line with a timing line after it, or a .srt name. */
static bool
probe_srt(const tr_look *look)
{
	tr_msec s, e;

	return (srt_index(look->line[0].p, look->line[0].n) && look->n > 1 &&
	        srt_timing(look->line[1].p, look->line[1].n, &s, &e)) ||
	       tr_ext_is(look->ext, look->extlen, "srt");
}

const tr_format tr_fmt_srt = { "srt", probe_srt, read_srt };
