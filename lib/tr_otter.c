/*
 * tr_otter.c: Otter.ai text exports (transcript.h).  A speaker line
 * "Name  m:ss" after a blank line starts a piece; the lines after it are
 * its text; the "Transcribed by https://otter.ai" trailer is dropped.
 */
#include <stdbool.h>
#include <string.h>

#include "transcript.h"

/* "Speaker Name  0:05": a name, white space, a clock, nothing after
 * (transcript.h; the Teams .docx reader's too). */
bool
tr_otter_head(const char *p, size_t n, size_t *nl, tr_msec *t)
{
	size_t k, i, e;

	while (n > 0 && tr_is_ws(p[n - 1]))
		n--;
	if (n == 0 || n > 100 || tr_is_ws(p[0]))
		return false;
	k = n;
	while (k > 0 && !tr_is_ws(p[k - 1]))
		k--;
	if (k == 0)
		return false;
	i = k;
	if (!tr_clock_time(p, n, &i, t, false) || i != n)
		return false;
	e = tr_name_before(p, k);
	if (e == 0)
		return false;
	*nl = e;
	return true;
}

static bool
otter_trailer(const char *p, size_t n)
{
	static const char tr[] = "Transcribed by https://otter.ai";
	while (n > 0 && tr_is_ws(p[n - 1]))
		n--;
	while (n > 0 && tr_is_ws(p[0]))
		p++, n--;
	return n == sizeof tr - 1 && memcmp(p, tr, n) == 0;
}

static void
read_otter(tr_reader *rd)
{
	const char *p;
	size_t n, nl;
	bool after_blank = true;
	tr_msec t;

	while (tr_next_line(rd, &p, &n)) {
		if (tr_blank(p, n)) {
			after_blank = true;
			continue;
		}
		if (after_blank && tr_otter_head(p, n, &nl, &t)) {
			tr_piece_begin(rd, p, nl, t, TR_NOTIME);
		} else if (!otter_trailer(p, n)) {
			if (!rd->pon)
				tr_fail(rd, "not an Otter.ai export: expected a speaker line "
				     "(Name  m:ss), found '%s'", tr_show(p, n));
			tr_add_space(rd);
			tr_text_add(rd, p, n);
		}
		after_blank = false;
	}
}

/* The first line is a speaker line. */
static bool
probe_otter(const tr_look *look)
{
	size_t nl;
	tr_msec t;

	return tr_otter_head(look->line[0].p, look->line[0].n, &nl, &t);
}

const tr_format tr_fmt_otter = { "otter", probe_otter, read_otter };
