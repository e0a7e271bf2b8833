/* input_chunk.c: the current file as bytes, not lines (see input.h). */
#include <string.h>

#include "buf.h"
#include "input.h"
#include "input_int.h"
#include "qp.h"
#include "utf8.h"

bool
qp_input_head(qp_input *in, const char **p, size_t *n)
{
	if (!(in->flags & QP_IN_FILES))
		qp_die("qp_input_head: the input was not opened with QP_IN_FILES");
	if (in->held || in->qn > 0 || !in->at_start || in->chunked)
		return false;
	/* a pipe of lines (--line-buffered) is not held up for 4 KiB */
	while (!in->eof && in->end - in->start < QP_SNIFF_BYTES &&
	       !memchr(in->buf + in->start, '\n', in->end - in->start))
		qp_input_fill(in);
	const char *d = in->buf + in->start;
	size_t len = in->end - in->start;
	if (len == 0)
		return false;
	if (len >= 3 && memcmp(d, "\xEF\xBB\xBF", 3) == 0) {
		d += 3;
		len -= 3;
	}
	*p = d;
	*n = len < QP_SNIFF_BYTES ? len : QP_SNIFF_BYTES;
	return true;
}

/* Move the cursor forward to offset to, counting the lines it passes. */
static void
ck_move(qp_input *in, unsigned long long to)
{
	const char *b = in->ck - in->cabs;     /* only offsets in ck are used */
	const char *q, *e = b + to;

	for (const char *p = b + in->pos; (q = memchr(p, '\n', (size_t)(e - p))); p = q + 1) {
		in->pline++;
		in->plstart = (unsigned long long)(q - b) + 1;
	}
	in->pos = to;
}

unsigned long
qp_input_at(qp_input *in, unsigned long long off, size_t *col)
{
	if (off < in->cabs)
		off = in->cabs;
	if (off > in->cabs + in->ckn)
		off = in->cabs + in->ckn;
	if (off < in->pos) {
		in->pos = in->cabs;
		in->pline = in->cline;
		in->plstart = in->clstart;
	}
	if (in->ckn > 0)
		ck_move(in, off);
	if (col)
		*col = (size_t)(off - in->plstart + 1);
	return in->shown_lineno = in->pline;
}

/* How much of buf[start..end) ends on a whole UTF-8 character (all of
 * it at the file's end). */
static size_t
whole_chars(qp_input *in)
{
	const unsigned char *d = (const unsigned char *)in->buf + in->start;
	size_t len = in->end - in->start, k = len;

	if (in->eof)
		return len;
	while (k > 0 && len - k < 3 && (d[k - 1] & 0xC0) == 0x80)
		k--;
	if (k == 0)
		return len;
	unsigned char c = d[k - 1];
	size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
	return need > len - (k - 1) ? k - 1 : len;
}

bool
qp_input_chunk(qp_input *in, const char **p, size_t *n)
{
	if (!(in->flags & QP_IN_FILES))
		qp_die("qp_input_chunk: the input was not opened with QP_IN_FILES");
	bool queued = in->qpos < in->qn;
	if (!in->chunked) {
		in->chunked = true;
		in->ck = in->buf;
		in->ckn = 0;
		in->cklastnl = false;
		in->cabs = in->pos = in->plstart = 0;
		in->pline = queued ? in->ql[in->qpos].lineno : in->lineno + 1;
	} else {
		if (in->ckn > 0)
			ck_move(in, in->cabs + in->ckn);
		in->cabs += in->ckn;
	}
	in->cline = in->pline;
	in->clstart = in->plstart;
	in->ckn = 0;
	if (queued) {
		/* lines peeked and not read come first, each with a "\n" */
		buf_reset(&in->fixed);
		for (; in->qpos < in->qn; in->qpos++) {
			buf_add(&in->fixed, in->ahead.s + in->ql[in->qpos].off, in->ql[in->qpos].len);
			buf_addc(&in->fixed, '\n');
		}
		in->ck = in->fixed.s;
		in->ckn = in->fixed.len;
		in->cklastnl = true;
		in->shown_lineno = in->cline;
		*p = in->ck;
		*n = in->ckn;
		return true;
	}
	in->qn = in->qpos = 0;
	buf_reset(&in->ahead);

	size_t cut = 0;
	while (!in->held) {
		if (in->eof || in->end - in->start >= 4)
			cut = whole_chars(in);
		if (cut > 0 || in->eof)
			break;
		qp_input_fill(in);
	}
	if (cut == 0) {
		if (!in->held)
			qp_input_close_cur(in);
		in->held = true;
		in->shown_lineno = in->pline - (in->cabs == 0 || in->cklastnl);
		return false;
	}
	char *d = in->buf + in->start;
	in->start += cut;
	if (in->at_start) {
		in->at_start = false;
		if (cut >= 3 && memcmp(d, "\xEF\xBB\xBF", 3) == 0) {
			d += 3;
			cut -= 3;
		}
	}
	in->ck = d;
	in->ckn = cut;
	size_t ascii = d + cut <= in->buf + in->ascii_to ? cut : 0;
	size_t good = ascii + utf8_valid_prefix(d + ascii, cut - ascii);
	if (good < cut) {
		if (!qp_replace_invalid) {
			size_t col;
			unsigned long ln = qp_input_at(in, in->cabs + good, &col);
			qp_die_at(in->name, ln, "%s at byte %zu%s",
			          d[good] == '\0' ? "NUL byte" : "invalid UTF-8", col,
			          " (--replace-invalid substitutes U+FFFD)");
		}
		buf_reset(&in->fixed);
		utf8_replace_invalid(d, cut, &in->fixed);
		in->ck = in->fixed.s;
		in->ckn = in->fixed.len;
	}
	if (in->ckn == 0)
		return qp_input_chunk(in, p, n);        /* only a BOM */
	in->cklastnl = in->ck[in->ckn - 1] == '\n';
	in->shown_lineno = in->cline;
	*p = in->ck;
	*n = in->ckn;
	return true;
}
