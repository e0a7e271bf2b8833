/*
 * transcript.c: what the transcript readers share (see transcript.h):
 * the file being read, building pieces, labels, clocks.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "label.h"
#include "qp.h"
#include "rttm.h"
#include "transcript.h"

#define WS_CLASSES \
	[' '] = TR_C_WS, ['\t'] = TR_C_WS, ['\n'] = TR_C_WS, ['\v'] = TR_C_WS, \
	['\f'] = TR_C_WS, ['\r'] = TR_C_WS, ['\\'] = TR_C_BS
const unsigned char tr_cls_text[256] = { WS_CLASSES };
const unsigned char tr_cls_vtt[256] = { WS_CLASSES, ['<'] = TR_C_LT, ['&'] = TR_C_AMP };
const unsigned char tr_cls_srt[256] = { WS_CLASSES, ['<'] = TR_C_LT, ['{'] = TR_C_BRACE };

bool
tr_blank(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!tr_is_ws(p[i]))
			return false;
	return true;
}

size_t
tr_fields(const char *p, size_t n, const char **f, size_t *fl, size_t max)
{
	size_t nf = 0, i = 0;

	while (i < n) {
		while (i < n && tr_is_ws(p[i]))
			i++;
		if (i == n)
			break;
		size_t from = i;
		while (i < n && !tr_is_ws(p[i]))
			i++;
		if (nf < max) {
			f[nf] = p + from;
			fl[nf] = i - from;
		}
		nf++;
	}
	return nf;
}

bool
tr_eq_nocase(const char *p, size_t n, const char *w)
{
	size_t i = 0;
	for (; i < n && w[i]; i++)
		if (tr_lower(p[i]) != w[i])
			return false;
	return i == n && w[i] == '\0';
}

bool
tr_ext_is(const char *ext, size_t extlen, const char *e)
{
	return tr_eq_nocase(ext, extlen, e);
}

/* ---- the file ---- */

void
tr_init(tr_reader *rd, qp_input *in, tr_sink *sink, void *ctx)
{
	memset(rd, 0, sizeof *rd);
	rd->in = in;
	rd->sink = sink;
	rd->ctx = ctx;
	rd->ext = "";
}

void
tr_free(tr_reader *rd)
{
	buf_free(&rd->p.spk);
	buf_free(&rd->p.text);
	buf_free(&rd->cue);
	buf_free(&rd->tmp);
	for (int k = 0; k < TR_NLABCACHE; k++)
		buf_free(&rd->labcache[k]);
	free(rd->look);
	buf_free(&rd->cspk);
	buf_free(&rd->p.role);
}

bool
tr_next_file(tr_reader *rd)
{
	const char *p;
	size_t n;

	do {
		if (!qp_input_next_file(rd->in))
			return false;
	} while (!qp_input_head(rd->in, &p, &n) && !qp_input_peek(rd->in, 0, &p, &n));
	rd->name = qp_input_name(rd->in);
	/* the extension before a .gz (of an archive's member: the member's) */
	const char *base = qp_input_member(rd->in) ? qp_input_member(rd->in) : rd->name;
	base = strrchr(base, '/') ? strrchr(base, '/') + 1 : base;
	n = strlen(base);
	if (n > 3 && tr_eq_nocase(base + n - 3, 3, ".gz"))
		n -= 3;
	rd->ext = "";
	rd->extlen = 0;
	for (size_t i = n; i-- > 1;) {
		if (base[i] == '.') {
			rd->ext = base + i + 1;
			rd->extlen = n - i - 1;
			break;
		}
	}
	return true;
}

void
tr_read(tr_reader *rd, const tr_format *f)
{
	f->read(rd);
	tr_piece_commit(rd);
}

/* ---- diagnostics ---- */

/* At most 40 bytes, cut on a character boundary. */
const char *
tr_show(const char *p, size_t n)
{
	static char b[64];
	size_t k = n > 40 ? 40 : n;
	while (k < n && k > 0 && ((unsigned char)p[k] & 0xC0) == 0x80)
		k--;
	memcpy(b, p, k);
	strcpy(b + k, k < n ? "..." : "");
	return b;
}

noreturn void
tr_fail(tr_reader *rd, const char *fmt, ...)
{
	char msg[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	qp_die_at(rd->name, qp_input_lineno(rd->in), "%s", msg);
}

void
tr_drop(tr_reader *rd, unsigned long line, const char *fmt, ...)
{
	char msg[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (rd->strict)
		qp_die_at(rd->name, line, "%s (--strict)", msg);
	qp_warn_at(rd->name, line, "%s", msg);
}

/* ---- pieces ---- */

void
tr_piece_commit(tr_reader *rd)
{
	if (!rd->pon)
		return;
	rd->pon = false;
	if (rd->p.text.len == 0)
		return;
	if (rd->rttm)
		rttm_assign(rd->rttm, &rd->p);
	rd->sink(rd->ctx, &rd->p);
}

void
tr_piece_begin(tr_reader *rd, const char *spk, size_t n, tr_msec start, tr_msec end)
{
	tr_piece_commit(rd);
	buf_reset(&rd->p.spk);
	buf_reset(&rd->p.text);
	buf_reset(&rd->p.role);
	if (n > 0 && tr_run_end(spk, n, 0, tr_cls_text) == n) {
		buf_add(&rd->p.spk, spk, n);
		n = 0;
	}
	for (size_t i = 0; i < n; i++) {
		if (tr_is_ws(spk[i]) || spk[i] == '\n' || spk[i] == '\r') {
			if (rd->p.spk.len > 0 && rd->p.spk.s[rd->p.spk.len - 1] != ' ')
				buf_addc(&rd->p.spk, ' ');
		} else {
			buf_addc(&rd->p.spk, spk[i]);
		}
	}
	if (rd->p.spk.len > 0 && rd->p.spk.s[rd->p.spk.len - 1] == ' ')
		rd->p.spk.s[--rd->p.spk.len] = '\0';
	rd->p.start = start;
	rd->p.end = end;
	rd->p.esc = false;
	rd->pspace = false;
	rd->pbase = 0;
	rd->pon = true;
}

void
tr_text_add(tr_reader *rd, const char *p, size_t n)
{
	size_t i = 0, j;

	while (i < n) {
		j = tr_run_end(p, n, i, tr_cls_text);
		if (j > i) {
			tr_add_run(rd, p + i, j - i);
			if (j == n)
				break;
		}
		if (p[j] == '\\') {
			tr_add_run(rd, p + j, 1);
			rd->p.esc = true;
		} else {
			tr_add_space(rd);
		}
		i = j + 1;
	}
}

void
tr_text_line(tr_reader *rd, const char *p, size_t n)
{
	if (!rd->pon)
		tr_piece_begin(rd, NULL, 0, TR_NOTIME, TR_NOTIME);
	tr_add_space(rd);
	tr_text_add(rd, p, n);
}

/* ---- labels ---- */

bool
tr_name_ok(const char *p, size_t n)
{
	return qp_label_check(p, n) == QP_LABEL_YES;
}

size_t
tr_name_before(const char *p, size_t k)
{
	while (k > 0 && tr_is_ws(p[k - 1]))
		k--;
	return k > 0 && tr_name_ok(p, k) ? k : 0;
}

/* whisper.cpp's -di label: "(speaker 0)" or "(speaker ?)" before the
 * text, with no separator of its own; the label is what the parentheses
 * hold. */
static bool
whispercpp_label(const char *p, size_t n, size_t *lo, size_t *ll, size_t *rest)
{
	size_t i = 9;

	if (n < 11 || memcmp(p, "(speaker ", 9) != 0)
		return false;
	if (p[i] == '?')
		i++;
	else
		while (i < n && i < 14 && tr_is_digit(p[i]))
			i++;
	if (i == 9 || i >= n || p[i] != ')')
		return false;
	*lo = 1;
	*ll = i - 1;
	for (i++; i < n && tr_is_ws(p[i]); i++)
		;
	*rest = i;
	return true;
}

bool
tr_label_line(tr_reader *rd, const char *p, size_t n, size_t *lo, size_t *ll, size_t *rest)
{
	qp_label l;
	size_t k = TR_NLABCACHE;

	if (n > 0 && p[0] == '(' && whispercpp_label(p, n, lo, ll, rest))
		return true;
	if (!qp_label_split(p, n, &l))
		return false;
	/* Zoom repeats the name on every cue: remember the last few. */
	if (rd)
		for (k = 0; k < TR_NLABCACHE; k++)
			if (rd->labcache[k].len == l.len &&
			    memcmp(p + l.off, rd->labcache[k].s, l.len) == 0)
				break;
	if (k == TR_NLABCACHE) {
		if (!tr_name_ok(p + l.off, l.len))
			return false;
		if (rd) {
			qp_buf *c = &rd->labcache[rd->labnext++ % TR_NLABCACHE];
			buf_reset(c);
			buf_add(c, p + l.off, l.len);
		}
	}
	*lo = l.off;
	*ll = l.len;
	*rest = l.rest;
	return true;
}

/* ---- clocks ---- */

size_t
tr_digits(const char *s, size_t n, size_t *i, unsigned long long *v)
{
	size_t k = 0;
	*v = 0;
	while (*i < n && tr_is_digit(s[*i])) {
		if (k < 10)
			*v = *v * 10 + (unsigned)(s[*i] - '0');
		(*i)++;
		k++;
	}
	return k;
}

bool
tr_arrow_span(const char *p, size_t n, size_t *i,
              bool (*clock)(const char *, size_t, size_t *, tr_msec *),
              tr_msec *s, tr_msec *e)
{
	while (*i < n && tr_is_ws(p[*i]))
		(*i)++;
	if (!clock(p, n, i, s))
		return false;
	while (*i < n && tr_is_ws(p[*i]))
		(*i)++;
	if (n - *i < 3 || memcmp(p + *i, "-->", 3) != 0)
		return false;
	*i += 3;
	while (*i < n && tr_is_ws(p[*i]))
		(*i)++;
	return clock(p, n, i, e);
}

bool
tr_clock_time(const char *s, size_t n, size_t *i, tr_msec *t, bool frac)
{
	unsigned long long a, b, c = 0, ms = 0;
	size_t k = tr_digits(s, n, i, &a);
	bool three = false;

	if (k == 0 || k > 6 || *i >= n || s[*i] != ':')
		return false;
	(*i)++;
	if (tr_digits(s, n, i, &b) != 2)
		return false;
	if (*i < n && s[*i] == ':') {
		(*i)++;
		if (tr_digits(s, n, i, &c) != 2)
			return false;
		three = true;
	}
	if (frac && *i + 1 < n && (s[*i] == '.' || s[*i] == ',') && tr_is_digit(s[*i + 1])) {
		(*i)++;
		if (tr_digits(s, n, i, &ms) != 3)
			return false;
	}
	if (three) {
		if (b > 59 || c > 59)
			return false;
		*t = (tr_msec)(((a * 60 + b) * 60 + c) * 1000 + ms);
	} else {
		if (b > 59)
			return false;
		*t = (tr_msec)((a * 60 + b) * 1000 + ms);
	}
	return true;
}
