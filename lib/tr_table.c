/*
 * tr_table.c: the tables of the Whisper family (transcript.h).
 *
 * openai-whisper's .tsv (faster-whisper and whisper-ctranslate2 write
 * the same): a header "start<TAB>end<TAB>text", then a row a segment,
 * the times in integer milliseconds.  whisper.cpp's -ocsv: a header
 * "start,end,text" ("start,end,speaker,text" with -di on stereo), the
 * times in integer milliseconds, the text in double quotes with a quote
 * doubled inside (RFC 4180); "?" as a speaker is none.  Each row is a
 * piece; a row that is not one is an error naming its line.
 */
#include <stdbool.h>
#include <string.h>

#include "transcript.h"

/* An integer number of milliseconds, the whole field. */
static bool
ms_field(const char *p, size_t n, tr_msec *t)
{
	size_t i = 0;
	unsigned long long v;

	if (tr_digits(p, n, &i, &v) == 0 || i != n || i > 12)
		return false;
	*t = (tr_msec)v;
	return true;
}

static bool
is_line(const tr_line *l, const char *s)
{
	return l->n == strlen(s) && memcmp(l->p, s, l->n) == 0;
}

/* The header is line[0]; the first row, if the look has one, starts
 * with two integers each followed by sep (then, for CSV, a speaker
 * field or a quote). */
static bool
first_row_ok(const tr_look *look, char sep)
{
	size_t i = 0, k;
	unsigned long long v;

	if (look->n < 2)
		return true;
	const char *p = look->line[1].p;
	size_t n = look->line[1].n;
	for (k = 0; k < 2; k++) {
		if (tr_digits(p, n, &i, &v) == 0 || i >= n || p[i] != sep)
			return false;
		i++;
	}
	return sep == '\t' || (i < n && p[i] == '"') || look->line[0].n == 22;
}

static void
read_tsv(tr_reader *rd)
{
	const char *p, *t1, *t2;
	size_t n;
	tr_msec s, e;

	if (!tr_next_line(rd, &p, &n) || !(n == 14 && memcmp(p, "start\tend\ttext", 14) == 0))
		tr_fail(rd, "not a whisper .tsv: expected the header start<TAB>end<TAB>text");
	while (tr_next_line(rd, &p, &n)) {
		if (n == 0)
			continue;
		if (!(t1 = memchr(p, '\t', n)) || !(t2 = memchr(t1 + 1, '\t', n - (size_t)(t1 + 1 - p))))
			tr_fail(rd, "a whisper .tsv row has three fields: '%s'", tr_show(p, n));
		if (!ms_field(p, (size_t)(t1 - p), &s) || !ms_field(t1 + 1, (size_t)(t2 - t1 - 1), &e))
			tr_fail(rd, "bad time in '%s' (integer milliseconds)", tr_show(p, n));
		tr_piece_begin(rd, NULL, 0, s, e);
		tr_text_add(rd, t2 + 1, n - (size_t)(t2 + 1 - p));
		tr_piece_commit(rd);
	}
}

static bool
probe_tsv(const tr_look *look)
{
	return is_line(&look->line[0], "start\tend\ttext") && first_row_ok(look, '\t');
}

const tr_format tr_fmt_whisper_tsv = { "whisper-tsv", probe_tsv, read_tsv };

/* An unquoted field of a CSV row at p[*i..n), up to a comma: false if
 * it holds a quote. */
static bool
csv_unquoted(const char *p, size_t n, size_t *i, const char **f, size_t *fn)
{
	size_t from = *i;
	while (*i < n && p[*i] != ',') {
		if (p[*i] == '"')
			return false;
		(*i)++;
	}
	*f = p + from;
	*fn = *i - from;
	return true;
}

static void
read_csv(tr_reader *rd)
{
	const char *p, *f;
	size_t n, fn;
	bool spk;
	tr_msec s, e;

	if (!tr_next_line(rd, &p, &n))
		return;
	if (n == 14 && memcmp(p, "start,end,text", 14) == 0)
		spk = false;
	else if (n == 22 && memcmp(p, "start,end,speaker,text", 22) == 0)
		spk = true;
	else
		tr_fail(rd, "not a whisper.cpp .csv: expected the header start,end,text");
	while (tr_next_line(rd, &p, &n)) {
		size_t i = 0, sl = 0;
		const char *sp = NULL;
		if (n == 0)
			continue;
		if (!csv_unquoted(p, n, &i, &f, &fn) || i == n || !ms_field(f, fn, &s))
			tr_fail(rd, "bad start in '%s' (integer milliseconds)", tr_show(p, n));
		i++;
		if (!csv_unquoted(p, n, &i, &f, &fn) || i == n || !ms_field(f, fn, &e))
			tr_fail(rd, "bad end in '%s' (integer milliseconds)", tr_show(p, n));
		i++;
		if (spk) {
			if (!csv_unquoted(p, n, &i, &sp, &sl) || i == n)
				tr_fail(rd, "bad speaker in '%s'", tr_show(p, n));
			i++;
			if (sl == 1 && sp[0] == '?')
				sl = 0;
		}
		/* the text: quoted, quotes doubled; it may go on over lines */
		buf_reset(&rd->cue);
		if (i == n || p[i] != '"')
			tr_fail(rd, "a whisper.cpp .csv text is in double quotes: '%s'", tr_show(p, n));
		i++;
		for (;;) {
			if (i == n) {
				buf_addc(&rd->cue, '\n');
				if (!tr_next_line(rd, &p, &n))
					tr_fail(rd, "the file ends inside a quoted text");
				i = 0;
				continue;
			}
			if (p[i] == '"') {
				if (i + 1 < n && p[i + 1] == '"') {
					buf_addc(&rd->cue, '"');
					i += 2;
					continue;
				}
				break;
			}
			buf_addc(&rd->cue, p[i++]);
		}
		if (i + 1 != n)
			tr_fail(rd, "text after the closing quote: '%s'", tr_show(p, n));
		tr_piece_begin(rd, sp, sl, s, e);
		tr_text_add(rd, rd->cue.s, rd->cue.len);
		tr_piece_commit(rd);
	}
}

static bool
probe_csv(const tr_look *look)
{
	return (is_line(&look->line[0], "start,end,text") ||
	        is_line(&look->line[0], "start,end,speaker,text")) &&
	       first_row_ok(look, ',');
}

const tr_format tr_fmt_whispercpp_csv = { "whisper-cpp-csv", probe_csv, read_csv };
