/*
 * tr_docx.c: the meeting transcripts that come as a .docx (transcript.h),
 * read from the text docx.c gives (a paragraph's lines, then a blank
 * line), so that the same layout as text reads the same:
 *
 *   teams: Microsoft Teams and Stream.  A title, a date and a duration
 *          ("27m 42s"), "Jane Doe started transcription", then one
 *          paragraph a turn: "Jane Doe   0:04" and the speech on the
 *          lines after it; "Jane Doe stopped transcription" at the end.
 *   meet:  Google Meet, with or without "Notes by Gemini": the notes
 *          (summary, details, next steps) come before a Transcript
 *          heading and are never read as speech; the transcript has
 *          "00:01:23" lines and "Jane Doe: text" paragraphs, and ends
 *          at "Transcription ended after 00:55:19".
 */
#include <stdbool.h>
#include <string.h>

#include "transcript.h"

/* p[0..n) without white space at its ends. */
static void
trim(const char **p, size_t *n)
{
	while (*n > 0 && tr_is_ws((*p)[*n - 1]))
		(*n)--;
	while (*n > 0 && tr_is_ws(**p))
		(*p)++, (*n)--;
}

static bool
ends_with(const char *p, size_t n, const char *w)
{
	size_t k = strlen(w);
	return n >= k && memcmp(p + n - k, w, k) == 0;
}

static bool
starts_with(const char *p, size_t n, const char *w)
{
	size_t k = strlen(w);
	return n >= k && memcmp(p, w, k) == 0;
}

/* ---- Teams ---- */

/* "Jane Doe started transcription", "... stopped transcription". */
static bool
teams_event(const char *p, size_t n)
{
	static const char *const ev[] = { " started transcription", " stopped transcription" };
	trim(&p, &n);
	for (int i = 0; i < 2; i++)
		if (ends_with(p, n, ev[i]))
			return tr_name_before(p, n - strlen(ev[i])) > 0;
	return false;
}

/* "27m 42s", "1h 3m 5s", "45s": the meeting's length under its date. */
static bool
teams_duration(const char *p, size_t n)
{
	size_t i = 0, parts = 0;
	unsigned long long v;

	trim(&p, &n);
	while (i < n) {
		if (tr_digits(p, n, &i, &v) == 0 || i >= n || !strchr("hms", p[i]))
			return false;
		i++;
		parts++;
		while (i < n && p[i] == ' ')
			i++;
	}
	return parts > 0;
}

/* A speaker line: tr_otter_head's, or one whose name is "Surname,
 * Given" (as Teams writes a directory's names). */
static bool
teams_head(const char *p, size_t n, size_t *nl, tr_msec *t)
{
	size_t k, i, e;
	const char *c;

	if (tr_otter_head(p, n, nl, t))
		return true;
	while (n > 0 && tr_is_ws(p[n - 1]))
		n--;
	if (n == 0 || n > 100 || tr_is_ws(p[0]) || !(c = memchr(p, ',', n)))
		return false;
	for (k = n; k > 0 && !tr_is_ws(p[k - 1]); k--)
		;
	i = k;
	if (k == 0 || !tr_clock_time(p, n, &i, t, false) || i != n)
		return false;
	for (e = k; e > 0 && tr_is_ws(p[e - 1]); e--)
		;
	size_t cut = (size_t)(c - p), g = cut + 1;
	while (g < e && p[g] == ' ')
		g++;
	if (cut == 0 || g >= e || !tr_name_ok(p, cut) || !tr_name_ok(p + g, e - g))
		return false;
	*nl = e;
	return true;
}

/* The preamble at most: title, date, duration. */
#define TEAMS_PRE 3

/* "started transcription", or a speaker line after a duration line,
 * within the first lines that are not blank (a preamble's length and
 * two).  Lines, not paragraphs: text copied out of a Teams .docx has no
 * blank lines between the turns. */
static bool
probe_teams(const tr_look *look)
{
	bool dur = false;
	size_t lines = 0, nl;
	tr_msec t;

	for (size_t i = 0; i < look->n && lines <= TEAMS_PRE + 1; i++) {
		const char *p = look->line[i].p;
		size_t n = look->line[i].n;
		if (tr_blank(p, n))
			continue;
		lines++;
		if (teams_event(p, n))
			return true;
		if (teams_head(p, n, &nl, &t))
			return dur;
		dur |= teams_duration(p, n);
	}
	return false;
}

/* Speaker lines and events are whole lines, wherever they come (a
 * .docx puts each in a paragraph of its own; a copy of one as text may
 * not). */
static void
read_teams(tr_reader *rd)
{
	const char *p;
	size_t n, nl, pre = 0;
	bool begun = false;
	tr_msec t;

	while (tr_next_line(rd, &p, &n)) {
		if (tr_blank(p, n))
			continue;
		if (teams_event(p, n)) {
			tr_piece_commit(rd);
		} else if (teams_head(p, n, &nl, &t)) {
			tr_piece_begin(rd, p, nl, t, TR_NOTIME);
			begun = true;
		} else if (!begun) {
			/* the title, the date, the duration: not speech */
			if (++pre > TEAMS_PRE)
				tr_fail(rd, "not a Teams transcript: expected a speaker line "
				        "(Name  m:ss), found '%s'", tr_show(p, n));
		} else if (rd->pon) {
			tr_add_space(rd);
			tr_text_add(rd, p, n);
		} else {
			tr_fail(rd, "Teams transcript: text after 'stopped transcription' "
			        "without a speaker line: '%s'", tr_show(p, n));
		}
	}
}

/* ---- Google Meet ---- */

/* "00:01:23" alone: hours, minutes, seconds. */
static bool
meet_clock(const char *p, size_t n, tr_msec *t)
{
	size_t i = 0;
	trim(&p, &n);
	if (n < 7 || memchr(p, ':', n) == NULL || p[n - 3] != ':' || p[n - 6] != ':')
		return false;
	return tr_clock_time(p, n, &i, t, false) && i == n;
}

/* "Transcript" alone, after a symbol ("📖 Transcript"), or ending a
 * title ("Round Up Call - Transcript"). */
static bool
meet_heading(const char *p, size_t n)
{
	trim(&p, &n);
	if (n == 10 && memcmp(p, "Transcript", 10) == 0)
		return true;
	if (ends_with(p, n, " - Transcript"))
		return true;
	if (!ends_with(p, n, " Transcript"))
		return false;
	for (size_t i = 0; i < n - 11; i++)
		if ((unsigned char)p[i] < 0x80)
			return false;   /* words before it: a sentence */
	return n > 11;
}

static bool
meet_notes(const char *p, size_t n)
{
	trim(&p, &n);
	return starts_with(p, n, "Meeting records") || ends_with(p, n, "Notes by Gemini") ||
	       starts_with(p, n, "You should review Gemini");
}

/* A Transcript heading with a clock line within the next three lines,
 * or the marks of Gemini's notes. */
static bool
probe_meet(const tr_look *look)
{
	size_t since = 0;
	bool head = false;
	tr_msec t;

	for (size_t i = 0; i < look->n; i++) {
		const char *p = look->line[i].p;
		size_t n = look->line[i].n;
		if (tr_blank(p, n))
			continue;
		if (meet_notes(p, n))
			return true;
		if (head && meet_clock(p, n, &t))
			return true;
		if (meet_heading(p, n)) {
			head = true;
			since = 0;
		} else if (head && ++since > 3) {
			head = false;
		}
	}
	return false;
}

static void
read_meet(tr_reader *rd)
{
	enum { NOTES, HEAD, TRANSCRIPT, ENDED } st = NOTES;
	const char *p;
	size_t n, lo, ll, rest;
	tr_msec t = TR_NOTIME, c;

	while (tr_next_line(rd, &p, &n)) {
		if (tr_blank(p, n))
			continue;
		switch (st) {
		case NOTES:
			/* Gemini's summary, details, next steps: not speech */
			if (meet_heading(p, n))
				st = HEAD;
			continue;
		case HEAD:
			/* the date and the title, up to the first clock */
			if (meet_clock(p, n, &t))
				st = TRANSCRIPT;
			continue;
		case ENDED:
			/* "This editable transcript was computer generated..." */
			continue;
		case TRANSCRIPT:
			break;
		}
		if (meet_clock(p, n, &c)) {
			t = c;
			continue;
		}
		if (starts_with(p, n, "Transcription ended after")) {
			st = ENDED;
			continue;
		}
		if (tr_label_line(rd, p, n, &lo, &ll, &rest)) {
			/* the clock is when the first turn after it starts */
			tr_piece_begin(rd, p + lo, ll, t, TR_NOTIME);
			t = TR_NOTIME;
			tr_text_add(rd, p + rest, n - rest);
		} else {
			tr_text_line(rd, p, n);
		}
	}
	if (st == NOTES || st == HEAD)
		tr_fail(rd, "a Google Meet document without its transcript (no 'Transcript' "
		        "heading and 00:00:00 line): Gemini's notes are not speech");
}

const tr_format tr_fmt_teams = { "teams", probe_teams, read_teams };
const tr_format tr_fmt_meet = { "meet", probe_meet, read_meet };
