/*
 * tr_vtt_time.c: WebVTT cue timing lines (tr_vtt.h): the spec's
 * "collect WebVTT cue timings and settings" (the settings are not
 * needed and not read), and Teams' 2022 timings, read only in a file
 * that is recognisably Teams.
 */
#include <stdbool.h>
#include <string.h>

#include "qp.h"
#include "tr_vtt.h"

/* The spec's ASCII white space inside a line. */
static inline bool
vtt_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\f';
}

/* "Collect a WebVTT timestamp" at s[*i..): [h*:]mm:ss.ttt, the first
 * field taken as hours unless it is two digits below 60 and no third
 * field follows; minutes and seconds below 60. */
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

/* The spec: white space, a timestamp, white space, "-->", white space,
 * a timestamp; what follows is the settings, whatever they are. */
static bool
spec_timing(const char *p, size_t n, tr_msec *s, tr_msec *e)
{
	size_t i = 0;

	if (vtt_time_fast(p, n, &i, s) && n - i >= 5 && memcmp(p + i, " --> ", 5) == 0) {
		i += 5;
		if (vtt_time_fast(p, n, &i, e))
			return true;
	}
	i = 0;
	while (i < n && vtt_ws(p[i]))
		i++;
	if (!vtt_time(p, n, &i, s))
		return false;
	while (i < n && vtt_ws(p[i]))
		i++;
	if (n - i < 3 || memcmp(p + i, "-->", 3) != 0)
		return false;
	i += 3;
	while (i < n && vtt_ws(p[i]))
		i++;
	return vtt_time(p, n, &i, e);
}

/*
 * A Teams 2022 time at p[*i..): h:m:s.f, every field unpadded digits
 * (hours not zero-padded, minutes and seconds one or two digits, the
 * fraction one to three digits read as an integer of milliseconds, so
 * "10.20" is 10.020 s), seconds and fraction possibly negative
 * ("0:0:-6.-820").  *neg: the time is below zero.
 */
static bool
teams_time(const char *p, size_t n, size_t *i, tr_msec *t, bool *neg)
{
	unsigned long long h, m, s, f;
	bool sneg = false, fneg = false;
	size_t from = *i, k;

	k = tr_digits(p, n, i, &h);
	if (k == 0 || k > 3 || (k > 1 && p[from] == '0') || *i >= n || p[*i] != ':')
		return false;
	(*i)++;
	k = tr_digits(p, n, i, &m);
	if (k == 0 || k > 2 || m > 59 || *i >= n || p[*i] != ':')
		return false;
	(*i)++;
	if (*i < n && p[*i] == '-') {
		sneg = true;
		(*i)++;
	}
	k = tr_digits(p, n, i, &s);
	if (k == 0 || k > 2 || s > 59 || *i >= n || p[*i] != '.')
		return false;
	(*i)++;
	if (*i < n && p[*i] == '-') {
		fneg = true;
		(*i)++;
	}
	k = tr_digits(p, n, i, &f);
	if (k == 0 || k > 3)
		return false;
	*t = (tr_msec)((h * 60 + m) * 60000) + (sneg ? -1 : 1) * (tr_msec)(s * 1000) +
	     (fneg ? -1 : 1) * (tr_msec)f;
	*neg = *t < 0;
	return true;
}

/* "T --> T" in Teams' times, nothing else on the line. */
static bool
teams_timing(const char *p, size_t n, tr_msec *s, tr_msec *e, bool *neg)
{
	size_t i = 0;
	bool n1, n2;

	if (!teams_time(p, n, &i, s, &n1) || n - i < 5 || memcmp(p + i, " --> ", 5) != 0)
		return false;
	i += 5;
	if (!teams_time(p, n, &i, e, &n2))
		return false;
	while (i < n && vtt_ws(p[i]))
		i++;
	*neg = n1 || n2;
	return i == n;
}

bool
vtt_timing(tr_reader *rd, vtt_timing_state *ts, const char *p, size_t n,
           tr_msec *s, tr_msec *e)
{
	bool neg = false;

	if (ts->clock != VTT_TEAMS) {
		if (ts->teams_shape && !teams_timing(p, n, s, e, &neg))
			ts->teams_shape = false;
		if (spec_timing(p, n, s, e)) {
			if (ts->clock == VTT_ASK && !ts->teams_shape)
				ts->clock = VTT_SPEC;
			return true;
		}
		if (ts->clock == VTT_SPEC || !ts->teams_shape)
			return false;
		ts->clock = VTT_TEAMS;
	}
	/* a line in the spec's own form is still read as the spec has it */
	if (!teams_timing(p, n, s, e, &neg))
		return spec_timing(p, n, s, e);
	if (neg) {
		tr_drop(rd, qp_input_lineno(rd->in),
		        "negative time in Teams cue timings '%s', read as 0", tr_show(p, n));
		if (*s < 0)
			*s = 0;
		if (*e < 0)
			*e = 0;
	}
	return true;
}
