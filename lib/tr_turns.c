/*
 * tr_turns.c: transcripts written as turns (transcript.h), in two
 * formats that share a reader:
 *   labeled:      "Jane Doe: text", the label rule of label.h;
 *   timestamped:  a head with a time, "Name (00:01:23): text",
 *                 "[00:01:23] Name: text", "[Name] 15:05:17 text",
 *                 NVivo's "#00:01:23# Name: text".
 * Lines that start no turn continue the last one; a metadata block at
 * the top (Date:, Project:, Interviewer: Jane Doe) is left out.
 */
#include <stdbool.h>
#include <string.h>

#include "label.h"
#include "transcript.h"

/* Role keys of a metadata block ("Interviewer: Jane Doe"), which are
 * speaker labels as often as keys. */
static const char *const meta_roles[] = {
	"facilitator", "interviewee", "interviewer", "moderator",
	"note taker", "note-taker", "notetaker", "observer", "participant",
	"respondent", NULL
};

enum { META_NO, META_KEY, META_ROLE };

/* Is p[0..n) a "Key: value" line of a metadata block?  Which role key it
 * is comes back in *role (an index into meta_roles). */
static int
meta_line(const char *p, size_t n, size_t *role)
{
	qp_label l;
	size_t v;

	if (!qp_label_split(p, n, &l))
		return META_NO;
	if (qp_label_is_meta_key(p + l.off, l.len))
		return META_KEY;
	for (size_t r = 0; meta_roles[r]; r++) {
		if (!tr_eq_nocase(p + l.off, l.len, meta_roles[r]))
			continue;
		/* The value must be a name: "Interviewer: Jane Doe", not
		 * "Interviewer: So, tell me about it." */
		v = l.rest;
		while (n > v && tr_is_ws(p[n - 1]))
			n--;
		if (n == v || strchr(".?!", p[n - 1]) || !tr_name_ok(p + v, n - v))
			return META_NO;
		*role = r;
		return META_ROLE;
	}
	return META_NO;
}

/*
 * A turn head with a time:
 *   Name (00:01:23): text     Name [01:23]: text   (Rev and the like)
 *   [00:01:23] Name: text     [00:01:23] text
 *   #00:01:23# Name: text     #00:01:23# text     (NVivo)
 *   [Name] 15:05:17 text      (Zoom's saved captions)
 * The text after the head may be empty (it is on the next lines).
 */
/* The heads that start with a bracket: "[00:01:23] Name: text",
 * "[00:01:23] text" and "[Name] 15:05:17 text"; NVivo's "#00:01:23#"
 * (closer '#') in the first two. */
static bool
ts_head_bracket(tr_reader *rd, const char *p, size_t n, char closer, size_t *no,
                size_t *nl, tr_msec *t, size_t *rest)
{
	size_t i, k, e, lo, ll, r;
	const char *cb;

	cb = n > 1 ? memchr(p + 1, closer, (n < 100 ? n : 100) - 1) : NULL;
	if (!cb)
		return false;
	k = (size_t)(cb - p);
	i = 1;
	if (tr_clock_time(p, k, &i, t, true) && i == k) {
		r = k + 1;
		if (r < n && !tr_is_ws(p[r]))
			return false;
		while (r < n && tr_is_ws(p[r]))
			r++;
		if (tr_label_line(rd, p + r, n - r, &lo, &ll, rest)) {
			*no = r + lo;
			*nl = ll;
			*rest += r;
		} else {
			*no = *nl = 0;
			*rest = r;
		}
		return true;
	}
	if (closer != ']')
		return false;
	/* [Name] hh:mm:ss */
	i = 1;
	while (i < k && tr_is_ws(p[i]))
		i++;
	e = k;
	while (e > i && tr_is_ws(p[e - 1]))
		e--;
	if (e == i)
		return false;
	r = k + 1;
	if (r >= n || !tr_is_ws(p[r]))
		return false;
	while (r < n && tr_is_ws(p[r]))
		r++;
	size_t tb = r;
	if (!tr_clock_time(p, n, &r, t, true) || r - tb < 7 || (r < n && !tr_is_ws(p[r])))
		return false;
	*no = i;
	*nl = e - i;
	*rest = r;
	return true;
}

static bool
ts_head(tr_reader *rd, const char *p, size_t n, size_t *no, size_t *nl, tr_msec *t, size_t *rest)
{
	size_t i, k, e;

	if (n == 0)
		return false;
	if (p[0] == '[' || p[0] == '#')
		return ts_head_bracket(rd, p, n, p[0] == '[' ? ']' : '#', no, nl, t, rest);
	/* Name (time): */
	size_t lim = n < 100 ? n : 100;
	for (k = 0; k < lim && p[k] != '(' && p[k] != '['; k++)
		;
	if (k == lim || k == 0 || !tr_is_ws(p[k - 1]))
		return false;
	char closer = p[k] == '(' ? ')' : ']';
	i = k + 1;
	if (!tr_clock_time(p, n, &i, t, true) || i >= n || p[i] != closer)
		return false;
	i++;
	if (i < n && p[i] == ':')
		i++;
	else if (!tr_blank(p + i, n - i))
		return false;
	if (i < n && !tr_is_ws(p[i]))
		return false;
	e = tr_name_before(p, k);
	if (e == 0)
		return false;
	*no = 0;
	*nl = e;
	*rest = i;
	return true;
}

/*
 * Turns start at a head (a label, or a timestamped head); other lines
 * continue the turn.  Before the first turn, a metadata block (Date:,
 * Project:, ...) is left out; other lines there make a piece without a
 * speaker.
 */
static void
read_turns(tr_reader *rd, bool ts)
{
	enum { M_NONE, M_IN, M_DONE } meta = M_NONE;
	unsigned roles = 0;
	bool turned = false;
	const char *p;
	size_t n, lo, ll, rest, role;
	tr_msec t;

	while (tr_next_line(rd, &p, &n)) {
		if (tr_blank(p, n)) {
			if (meta == M_IN)
				meta = M_DONE;
			continue;
		}
		if (!turned && meta != M_DONE) {
			switch (meta_line(p, n, &role)) {
			case META_KEY:
				meta = M_IN;
				continue;
			case META_ROLE:
				if (meta == M_IN && !(roles & (1u << role))) {
					roles |= 1u << role;
					continue;
				}
				break;
			}
			if (meta == M_IN)
				meta = M_DONE;
		}
		if (ts ? ts_head(rd, p, n, &lo, &ll, &t, &rest) :
		         tr_label_line(rd, p, n, &lo, &ll, &rest)) {
			tr_piece_begin(rd, p + lo, ll, ts ? t : TR_NOTIME, TR_NOTIME);
			tr_text_add(rd, p + rest, n - rest);
			turned = true;
			continue;
		}
		/* a time alone on its line ("[00:01:02]", "#00:01:02#"), then
		 * "Name: text": the time is that turn's start */
		if (ts && rd->pon && rd->p.spk.len == 0 && rd->p.text.len == 0 &&
		    tr_label_line(rd, p, n, &lo, &ll, &rest)) {
			tr_piece_begin(rd, p + lo, ll, rd->p.start, TR_NOTIME);
			tr_text_add(rd, p + rest, n - rest);
			continue;
		}
		tr_text_line(rd, p, n);
	}
}

static void
read_labeled(tr_reader *rd)
{
	read_turns(rd, false);
}

static void
read_timestamped(tr_reader *rd)
{
	read_turns(rd, true);
}

/* A timestamped head before a second label line. */
static bool
probe_timestamped(const tr_look *look)
{
	size_t lo, ll, rest, labels = 0;
	tr_msec t;

	for (size_t i = 0; i < look->n && labels < 2; i++) {
		const char *p = look->line[i].p;
		size_t n = look->line[i].n;
		if (ts_head(NULL, p, n, &lo, &ll, &t, &rest))
			return true;
		labels += tr_label_line(NULL, p, n, &lo, &ll, &rest);
	}
	return false;
}

/* Two label lines (asked after probe_timestamped), or one in a file
 * seen to its end: a one-turn transcript. */
static bool
probe_labeled(const tr_look *look)
{
	size_t lo, ll, rest, labels = 0;

	for (size_t i = 0; i < look->n && labels < 2; i++)
		labels += tr_label_line(NULL, look->line[i].p, look->line[i].n, &lo, &ll, &rest);
	return labels == 2 || (labels == 1 && look->whole);
}

const tr_format tr_fmt_timestamped = { "timestamped", probe_timestamped, read_timestamped };
const tr_format tr_fmt_labeled = { "labeled", probe_labeled, read_labeled };
