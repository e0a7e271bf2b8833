/*
 * tr_words.c: what the JSON readers share (tr_json.h): words made
 * turns, words held and replayed, times and labels read from values.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qp.h"
#include "rttm.h"
#include "tr_json.h"

/* ---- words ---- */

/* Does the piece's text end a sentence (closing quotes and brackets
 * aside)? */
static bool
sentence_end(const qp_buf *t)
{
	size_t n = t->len;

	while (n > 0 && strchr("\"')]", t->s[n - 1]))
		n--;
	/* ” and ’ */
	while (n >= 3 && (unsigned char)t->s[n - 3] == 0xE2 && (unsigned char)t->s[n - 2] == 0x80 &&
	       ((unsigned char)t->s[n - 1] == 0x9D || (unsigned char)t->s[n - 1] == 0x99))
		n -= 3;
	if (n == 0)
		return false;
	if (strchr(".?!", t->s[n - 1]))
		return true;
	/* … */
	return n >= 3 && (unsigned char)t->s[n - 3] == 0xE2 && (unsigned char)t->s[n - 2] == 0x80 &&
	       (unsigned char)t->s[n - 1] == 0xA6;
}

/* Text as the piece takes it: control bytes (JSON lets \u0001 in) read as
 * spaces, runs of white space one space. */
static void
add_text(trj *j, const char *t, size_t n)
{
	size_t i = 0;

	while (i < n && (unsigned char)t[i] >= 0x20)
		i++;
	if (i == n) {
		tr_text_add(j->rd, t, n);
		return;
	}
	buf_reset(&j->text);
	for (i = 0; i < n; i++)
		buf_addc(&j->text, (unsigned char)t[i] < 0x20 ? ' ' : t[i]);
	tr_text_add(j->rd, j->text.s, j->text.len);
}

static bool
space_only(const char *t, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)t[i] > 0x20)
			return false;
	return true;
}

static void
hold_word(trj *j, const char *spk, size_t sn, const char *t, size_t tn,
          tr_msec s, tr_msec e, int flags)
{
	XGROW(j->q, j->nq, j->qcap);
	trj_word_rec *w = &j->q[j->nq++];
	w->spk = j->held.len;
	w->sn = sn;
	buf_add(&j->held, spk, sn);
	w->text = j->held.len;
	w->tn = tn;
	buf_add(&j->held, t, tn);
	w->start = s;
	w->end = e;
	w->flags = flags;
}

#define TRJ_PIECE 0x100         /* a held trj_piece */

void
trj_word(trj *j, const char *spk, size_t sn, const char *t, size_t tn,
         tr_msec s, tr_msec e, int flags)
{
	tr_reader *rd = j->rd;
	bool join;

	if (space_only(t, tn))
		return;
	if (j->hold) {
		hold_word(j, spk, sn, t, tn, s, e, flags);
		return;
	}
	if (flags & TRJ_GLUE) {
		if (!rd->pon)
			tr_piece_begin(rd, spk, sn, s, e);
		rd->pspace = false;
		goto add;
	}
	/* a fallback speaker (TRJ_JOIN) is not looked up */
	if (sn == 0 && rd->rttm && s >= 0 && !(flags & TRJ_JOIN) &&
	    !(spk = rttm_speaker(rd->rttm, s, e, &sn)))
		spk = "", sn = 0;
	join = (flags & TRJ_JOIN) || (sn == 0 && rd->rttm);
	if (rd->pon && (join || (sn == rd->p.spk.len && memcmp(spk, rd->p.spk.s, sn) == 0 &&
	                         (sn > 0 || !sentence_end(&rd->p.text))))) {
		tr_add_space(rd);
		goto add;
	}
	tr_piece_begin(rd, spk, sn, s, e);
add:
	if (rd->p.start < 0)
		rd->p.start = s;
	if (e >= 0)
		rd->p.end = e;
	add_text(j, t, tn);
}

void
trj_piece(trj *j, const char *spk, size_t sn, const char *t, size_t tn,
          tr_msec start, tr_msec end)
{
	if (space_only(t, tn))
		return;
	if (j->hold) {
		hold_word(j, spk, sn, t, tn, start, end, TRJ_PIECE);
		return;
	}
	tr_piece_begin(j->rd, spk, sn, start, end);
	add_text(j, t, tn);
	tr_piece_commit(j->rd);
}

void
trj_hold(trj *j, bool on)
{
	j->hold = on;
}

void
trj_replay(trj *j)
{
	size_t n = j->nq;

	j->hold = false;
	j->nq = 0;
	for (size_t i = 0; i < n; i++) {
		trj_word_rec *w = &j->q[i];
		const char *spk = j->held.s + w->spk;
		size_t sn = w->sn;
		if (sn == 0 && j->v && j->v->relabel && !(w->flags & TRJ_GLUE) &&
		    !(spk = j->v->relabel(j, w->start, &sn)))
			spk = "", sn = 0;
		if (w->flags & TRJ_PIECE)
			trj_piece(j, spk, sn, j->held.s + w->text, w->tn, w->start, w->end);
		else
			trj_word(j, spk, sn, j->held.s + w->text, w->tn, w->start, w->end, w->flags);
	}
	buf_reset(&j->held);
}

static int
by_start(const void *a, const void *b)
{
	const trj_word_rec *x = a, *y = b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->text < y->text ? -1 : x->text > y->text;
}

void
trj_sort_held(trj *j)
{
	if (j->nq > 1)
		qsort(j->q, j->nq, sizeof *j->q, by_start);
}

void
trj_drop(trj *j)
{
	j->nq = 0;
	buf_reset(&j->held);
}

/* ---- values ---- */

json_t *
trj_get(json_t *o, const char *key)
{
	json_t *v = json_is_object(o) ? json_object_get(o, key) : NULL;
	return json_is_null(v) ? NULL : v;
}

json_t *
trj_first(json_t *o, const char *key)
{
	json_t *a = trj_get(o, key);
	json_t *v = json_is_array(a) ? json_array_get(a, 0) : NULL;
	return json_is_null(v) ? NULL : v;
}

static noreturn void
bad(trj *j, const char *key, const char *what)
{
	tr_fail(j->rd, "%s: \"%s\" is %s", j->v ? j->v->what : "JSON", key, what);
}

const char *
trj_str(trj *j, json_t *o, const char *key, size_t *n)
{
	json_t *v = trj_get(o, key);

	if (!v)
		return NULL;
	if (!json_is_string(v))
		bad(j, key, "not a string");
	*n = json_string_length(v);
	return json_string_value(v);
}

bool
trj_label(trj *j, json_t *o, const char *key)
{
	json_t *v = trj_get(o, key);

	buf_reset(&j->spk);
	if (!v)
		return false;
	if (json_is_string(v)) {
		const char *s = json_string_value(v);
		size_t n = json_string_length(v);
		for (size_t i = 0; i < n; i++)
			buf_addc(&j->spk, (unsigned char)s[i] < 0x20 ? ' ' : s[i]);
	} else if (json_is_integer(v)) {
		buf_printf(&j->spk, "%lld", (long long)json_integer_value(v));
	} else {
		bad(j, key, "not a speaker label (a string or an integer)");
	}
	return !space_only(j->spk.s, j->spk.len);
}

/* The largest time taken: 1e9 s, some 31 years. */
#define MAX_MS 1000000000000LL

static tr_msec
from_double(trj *j, const char *key, double x, double scale)
{
	double ms = x * scale;
	if (!(ms >= 0 && ms < (double)MAX_MS))
		bad(j, key, "a time out of range");
	return (tr_msec)llround(ms);
}

bool
trj_decimal_sec(const char *s, size_t n, char u, tr_msec *t)
{
	size_t i = 0, k;
	unsigned long long whole, frac = 0;

	if (u && n > 0 && s[n - 1] == u)
		n--;
	k = tr_digits(s, n, &i, &whole);
	if (k == 0 || k > 9)
		return false;
	*t = (tr_msec)whole * 1000;
	if (i == n)
		return true;
	if (s[i++] != '.' || i == n)
		return false;
	/* milliseconds rounded half up from the fourth digit */
	for (k = 0; i < n && tr_is_digit(s[i]); i++, k++)
		if (k < 4)
			frac = frac * 10 + (unsigned)(s[i] - '0');
	if (i != n || k == 0)
		return false;
	for (; k < 4; k++)
		frac *= 10;
	*t += (tr_msec)((frac + 5) / 10);
	return true;
}

tr_msec
trj_sec(trj *j, json_t *o, const char *key)
{
	json_t *v = trj_get(o, key);
	tr_msec t;

	if (!v)
		return TR_NOTIME;
	if (json_is_number(v))
		return from_double(j, key, json_number_value(v), 1000);
	if (json_is_string(v)) {
		if (!trj_decimal_sec(json_string_value(v), json_string_length(v), 0, &t))
			bad(j, key, "not a time in seconds");
		return t;
	}
	bad(j, key, "not a time in seconds");
}

tr_msec
trj_ms(trj *j, json_t *o, const char *key)
{
	json_t *v = trj_get(o, key);

	if (!v)
		return TR_NOTIME;
	if (!json_is_number(v))
		bad(j, key, "not a time in milliseconds");
	return from_double(j, key, json_number_value(v), 1);
}

tr_msec
trj_ticks(trj *j, json_t *o, const char *key)
{
	json_t *v = trj_get(o, key);

	if (!v)
		return TR_NOTIME;
	if (!json_is_number(v))
		bad(j, key, "not a time in 100 ns ticks");
	return from_double(j, key, json_number_value(v), 1e-4);
}

/* PnDTnHnMn.nS, the parts after P optional (Azure writes PT1M2.34S). */
tr_msec
trj_iso(trj *j, json_t *o, const char *key)
{
	const char *s;
	size_t n, i = 1;
	tr_msec t = 0;
	bool timepart = false;

	if (!(s = trj_str(j, o, key, &n)))
		return TR_NOTIME;
	if (n < 2 || s[0] != 'P')
		bad(j, key, "not an ISO 8601 duration");
	while (i < n) {
		if (s[i] == 'T' && !timepart) {
			timepart = true;
			i++;
			continue;
		}
		size_t from = i;
		while (i < n && (tr_is_digit(s[i]) || s[i] == '.'))
			i++;
		if (i == from || i == n)
			bad(j, key, "not an ISO 8601 duration");
		tr_msec v;
		char u = s[i++];
		if (!trj_decimal_sec(s + from, i - 1 - from, 0, &v))
			bad(j, key, "not an ISO 8601 duration");
		if (u == 'S' && timepart)
			t += v;
		else if (u == 'M' && timepart)
			t += v * 60;
		else if (u == 'H' && timepart)
			t += v * 3600;
		else if (u == 'D' && !timepart)
			t += v * 86400;
		else
			bad(j, key, "not an ISO 8601 duration");
		if (t >= MAX_MS)
			bad(j, key, "a time out of range");
	}
	return t;
}

/* "1.500s", or {"seconds": 1, "nanos": 500000000} (seconds may be a
 * string: protobuf writes int64 so). */
tr_msec
trj_pbdur(trj *j, json_t *o, const char *key)
{
	json_t *v = trj_get(o, key), *sec, *nan;
	tr_msec t = 0;

	if (!v)
		return TR_NOTIME;
	if (json_is_string(v)) {
		if (!trj_decimal_sec(json_string_value(v), json_string_length(v), 's', &t))
			bad(j, key, "not a duration (\"1.5s\")");
		return t;
	}
	if (!json_is_object(v))
		bad(j, key, "not a duration (\"1.5s\" or {seconds, nanos})");
	if ((sec = trj_get(v, "seconds"))) {
		if (json_is_string(sec)) {
			if (!trj_decimal_sec(json_string_value(sec), json_string_length(sec), 0, &t))
				bad(j, key, "not a duration: bad seconds");
		} else if (json_is_integer(sec)) {
			t = from_double(j, key, (double)json_integer_value(sec), 1000);
		} else {
			bad(j, key, "not a duration: bad seconds");
		}
	}
	if ((nan = trj_get(v, "nanos"))) {
		if (!json_is_integer(nan) || json_integer_value(nan) < 0 ||
		    json_integer_value(nan) >= 1000000000)
			bad(j, key, "not a duration: bad nanos");
		t += (tr_msec)((json_integer_value(nan) + 500000) / 1000000);
	}
	return t;
}
