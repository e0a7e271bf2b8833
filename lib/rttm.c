/*
 * rttm.c: RTTM speaker turns, and the speaker a time span overlaps most
 * (rttm.h).
 */
#include <stdlib.h>
#include <string.h>

#include "input.h"
#include "qp.h"
#include "rttm.h"
#include "tr_json.h"

typedef struct {
	tr_msec on, off;
	size_t spk, line;
} turn;

struct qp_rttm {
	turn *t;
	size_t nt, tcap;
	char **spk;
	size_t *spklen;
	size_t nspk, spkcap;
	tr_msec maxdur;
	char *fileid;
	/* rttm_speaker's scratch, one for each speaker */
	tr_msec *sum;
	size_t *first;
};

/* The record types of the RTTM specification that are not SPEAKER. */
static bool
other_type(const char *p, size_t n)
{
	static const char *const types[] = {
		"SPKR-INFO", "SEGMENT", "NOSCORE", "NO_RT_METADATA", "LEXEME",
		"NON-LEX", "NON-SPEECH", "FILLER", "EDIT", "IP", "SU", "CB", "A/P",
	};
	for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
		if (strlen(types[i]) == n && memcmp(types[i], p, n) == 0)
			return true;
	return false;
}

static size_t
intern(qp_rttm *r, const char *p, size_t n)
{
	for (size_t i = 0; i < r->nspk; i++)
		if (r->spklen[i] == n && memcmp(r->spk[i], p, n) == 0)
			return i;
	if (r->nspk == r->spkcap) {
		r->spkcap = r->spkcap ? r->spkcap * 2 : 8;
		r->spk = xreallocarray(r->spk, r->spkcap, sizeof *r->spk);
		r->spklen = xreallocarray(r->spklen, r->spkcap, sizeof *r->spklen);
	}
	r->spk[r->nspk] = xmalloc(n + 1);
	memcpy(r->spk[r->nspk], p, n);
	r->spk[r->nspk][n] = '\0';
	r->spklen[r->nspk] = n;
	return r->nspk++;
}

static int
by_onset(const void *a, const void *b)
{
	const turn *x = a, *y = b;
	if (x->on != y->on)
		return x->on < y->on ? -1 : 1;
	return x->line < y->line ? -1 : x->line > y->line;
}

#define MAXF 11

static void
read_line(qp_rttm *r, qp_input *in, const char *file, const char *p, size_t n)
{
	const char *f[MAXF];
	size_t fl[MAXF], nf;
	unsigned long ln = qp_input_lineno(in);
	tr_msec on, dur;

	nf = tr_fields(p, n, f, fl, MAXF);
	if (nf == 0 || (fl[0] >= 2 && memcmp(f[0], ";;", 2) == 0))
		return;
	if (!(fl[0] == 7 && memcmp(f[0], "SPEAKER", 7) == 0)) {
		if (other_type(f[0], fl[0]))
			return;
		qp_die_at(file, ln, "not an RTTM line: '%s'", tr_show(p, n));
	}
	if (nf != 9 && nf != 10)
		qp_die_at(file, ln, "an RTTM SPEAKER line has 10 fields, this one %zu", nf);
	if (!trj_decimal_sec(f[3], fl[3], 0, &on))
		qp_die_at(file, ln, "bad onset '%s' (seconds)", tr_show(f[3], fl[3]));
	if (!trj_decimal_sec(f[4], fl[4], 0, &dur))
		qp_die_at(file, ln, "bad duration '%s' (seconds)", tr_show(f[4], fl[4]));
	if ((fl[7] == 4 && memcmp(f[7], "<NA>", 4) == 0) || !tr_name_ok(f[7], fl[7]))
		qp_die_at(file, ln, "bad speaker label '%s'", tr_show(f[7], fl[7]));
	if (!r->fileid) {
		r->fileid = xmalloc(fl[1] + 1);
		memcpy(r->fileid, f[1], fl[1]);
		r->fileid[fl[1]] = '\0';
	} else if (strlen(r->fileid) != fl[1] || memcmp(r->fileid, f[1], fl[1]) != 0) {
		qp_die_at(file, ln, "turns of a second recording ('%s' after '%s'): give "
		          "--rttm one recording's turns", tr_show(f[1], fl[1]), r->fileid);
	}
	XGROW(r->t, r->nt, r->tcap);
	r->t[r->nt++] = (turn){ on, on + dur, intern(r, f[7], fl[7]), ln };
	if (dur > r->maxdur)
		r->maxdur = dur;
}

qp_rttm *
rttm_load(const char *file)
{
	char *files[1] = { (char *)file };
	qp_input *in = qp_input_new(1, files, 0);
	qp_rttm *r = xcalloc(1, sizeof *r);
	const char *p;
	size_t n;

	while (qp_input_line(in, &p, &n))
		read_line(r, in, file, p, n);
	qp_input_free(in);
	if (r->nt > 1)
		qsort(r->t, r->nt, sizeof *r->t, by_onset);
	r->sum = xcalloc(r->nspk + 1, sizeof *r->sum);
	r->first = xcalloc(r->nspk + 1, sizeof *r->first);
	return r;
}

void
rttm_free(qp_rttm *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->nspk; i++)
		free(r->spk[i]);
	free(r->spk);
	free(r->spklen);
	free(r->t);
	free(r->fileid);
	free(r->sum);
	free(r->first);
	free(r);
}

size_t
rttm_nturns(const qp_rttm *r)
{
	return r->nt;
}

/* The first turn that starts at t or later. */
static size_t
lower(const qp_rttm *r, tr_msec t)
{
	size_t lo = 0, hi = r->nt;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (r->t[mid].on < t)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

const char *
rttm_speaker(qp_rttm *r, tr_msec s, tr_msec e, size_t *n)
{
	size_t best = SIZE_MAX, k;
	bool point = e == TR_NOTIME || e <= s;

	if (s < 0 || r->nt == 0)
		return NULL;
	k = lower(r, s - r->maxdur);
	if (point) {
		for (; k < r->nt && r->t[k].on <= s; k++) {
			if (s < r->t[k].off || (r->t[k].on == r->t[k].off && s == r->t[k].on)) {
				best = r->t[k].spk;
				break;
			}
		}
	} else {
		size_t seen = 0;
		for (size_t i = 0; i < r->nspk; i++)
			r->sum[i] = 0;
		for (; k < r->nt && r->t[k].on < e; k++) {
			tr_msec a = r->t[k].on > s ? r->t[k].on : s;
			tr_msec b = r->t[k].off < e ? r->t[k].off : e;
			if (b <= a)
				continue;
			size_t sp = r->t[k].spk;
			if (r->sum[sp] == 0)
				r->first[sp] = seen++;
			r->sum[sp] += b - a;
			if (best == SIZE_MAX || r->sum[sp] > r->sum[best] ||
			    (r->sum[sp] == r->sum[best] && r->first[sp] < r->first[best]))
				best = sp;
		}
	}
	if (best == SIZE_MAX)
		return NULL;
	*n = r->spklen[best];
	return r->spk[best];
}

void
rttm_assign(qp_rttm *r, tr_piece *p)
{
	size_t n;
	const char *s;

	if (p->spk.len > 0 || p->start < 0)
		return;
	s = rttm_speaker(r, p->start, p->end, &n);
	if (s)
		buf_add(&p->spk, s, n);
}
