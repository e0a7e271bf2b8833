/*
 * tr_vtt.c: WebVTT (Zoom, Teams, YouTube, Whisper captions;
 * transcript.h), parsed by the W3C WebVTT spec's file parsing
 * algorithm, a line at a time:
 *   the signature: "WEBVTT" alone or followed by white space;
 *   a header block up to the first empty line (a "-->" line ends it
 *     and begins the first block);
 *   blocks separated by empty lines (a line of white space is not
 *     empty).  A "-->" line as a block's first line, or its second
 *     after an identifier, is the cue timing line; a "-->" line later in
 *     a block ends the block and begins the next.  STYLE and REGION
 *     blocks before the first cue are skipped; so are NOTE blocks.
 * A block that is not a cue (no timing line, or one that does not
 * parse) is dropped as browsers drop it, but never silently: tr_drop
 * names it ("cue dropped: ..."), and --strict makes that an error.
 * Timings are tr_vtt_time.c's, cue text tr_cue.c's (through
 * tr_vtt_join.c, which rejoins the cues Teams Premium and OneDrive
 * split).
 */
#include <stdbool.h>
#include <string.h>

#include "qp.h"
#include "tr_vtt.h"

static bool
has_arrow(const char *p, size_t n)
{
	const char *q = p, *e = p + n;

	while (e - q >= 3 && (q = memchr(q, '-', (size_t)(e - q - 2)))) {
		if (q[1] == '-' && q[2] == '>')
			return true;
		q++;
	}
	return false;
}

/* Does p[0..n) start with the word w, alone or followed by white space? */
static inline bool
starts_word_n(const char *p, size_t n, const char *w, size_t k)
{
	return n >= k && memcmp(p, w, k) == 0 &&
	       (n == k || p[k] == ' ' || p[k] == '\t' || p[k] == '\n');
}
#define starts_word(p, n, w) starts_word_n(p, n, w, sizeof w - 1)

static bool
vtt_signature(const char *p, size_t n)
{
	return n >= 6 && memcmp(p, "WEBVTT", 6) == 0 && (n == 6 || p[6] == ' ' || p[6] == '\t');
}

/* STYLE or REGION and only white space after it: a block's first line
 * that makes it a style sheet or a region. */
static bool
block_word(const char *p, size_t n, const char *w)
{
	size_t k = strlen(w);

	if (n < k || memcmp(p, w, k) != 0)
		return false;
	for (size_t i = k; i < n; i++)
		if (p[i] != ' ' && p[i] != '\t' && p[i] != '\f')
			return false;
	return true;
}

/* Is p[0..n) (lines joined by \n) only white space? */
static bool
blank_lines(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != '\n' && !tr_is_ws(p[i]))
			return false;
	return true;
}

/* The block being collected ("collect a WebVTT block"). */
struct block {
	unsigned count;         /* its lines so far */
	unsigned long line;     /* where it began */
	bool arrow;             /* it has had its timing line */
	bool cue;               /* ... and the timings parsed */
	bool bad;               /* ... and they did not (reported) */
	bool style;             /* a STYLE or REGION block */
	qp_buf buf;             /* its lines, an identifier, then cue text */
	qp_buf id;
	tr_msec s, e;
};

struct vtt {
	tr_reader *rd;
	bool seen_cue;
	vtt_timing_state ts;
	struct block b;
	vtt_join join;
};

static void
block_begin(struct vtt *v)
{
	struct block *b = &v->b;

	b->count = 0;
	b->line = qp_input_lineno(v->rd->in);
	b->arrow = b->cue = b->bad = b->style = false;
	buf_reset(&b->buf);
}

/* The block is over: a cue goes on to its pieces; anything else is
 * dropped, and said to be unless it is a comment, a style sheet or a
 * region. */
static void
block_end(struct vtt *v)
{
	struct block *b = &v->b;
	tr_reader *rd = v->rd;

	if (b->cue) {
		rd->cline = b->line;
		if (rd->cue_hook)
			rd->cue_hook(rd->ctx, b->id.s, b->id.len, b->s, b->e, b->buf.s, b->buf.len);
		else
			vtt_join_cue(rd, &v->join, b->id.s, b->id.len, b->s, b->e,
			             b->buf.s, b->buf.len);
		return;
	}
	size_t first = strcspn(b->buf.s, "\n");
	/* a NOTE is a comment; a block of white space loses nothing */
	if (b->bad || b->style || starts_word(b->buf.s, b->buf.len, "NOTE") ||
	    blank_lines(b->buf.s, b->buf.len))
		return;
	if (block_word(b->buf.s, first, "STYLE") || block_word(b->buf.s, first, "REGION")) {
		/* an empty one before the first cue is nothing lost */
		if (v->seen_cue)
			tr_drop(rd, b->line, "block dropped: a %.*s block after the first cue",
			        (int)first, b->buf.s);
		return;
	}
		tr_drop(rd, b->line, "cue dropped: no cue timings (START --> END) in the "
		        "block '%s'", tr_show(b->buf.s, strcspn(b->buf.s, "\n")));
}

/* A line of a block (not in the header).  False: the line is a timing
 * line that ends this block and begins the next (the caller ends the
 * block and gives the line again). */
static bool
block_line(struct vtt *v, const char *p, size_t n)
{
	struct block *b = &v->b;

	b->count++;
	if (has_arrow(p, n)) {
		if (!(b->count == 1 || (b->count == 2 && !b->arrow)))
			return false;
		b->arrow = true;
		if (vtt_timing(v->rd, &v->ts, p, n, &b->s, &b->e)) {
			buf_reset(&b->id);
			buf_add(&b->id, b->buf.s, b->buf.len);
			buf_reset(&b->buf);
			b->cue = v->seen_cue = true;
		} else {
			b->cue = false;
			b->bad = true;
			tr_drop(v->rd, qp_input_lineno(v->rd->in), "cue dropped: bad cue "
			        "timings '%s' (expected [hh:]mm:ss.ttt --> [hh:]mm:ss.ttt)",
			        tr_show(p, n));
		}
		return true;
	}
	if (b->count == 2 && !v->seen_cue &&
	    (block_word(b->buf.s, b->buf.len, "STYLE") || block_word(b->buf.s, b->buf.len, "REGION"))) {
		b->style = true;
		buf_reset(&b->buf);
	}
	if (b->buf.len)
		buf_addc(&b->buf, '\n');
	buf_add(&b->buf, p, n);
	return true;
}

/*
 * Where the reader is: on the signature line, on the line after it,
 * in the header, between blocks, in a block.
 */
enum vtt_state { SIG, AFTER_SIG, HEAD, GAP, BLOCK };

static void
read_vtt(tr_reader *rd)
{
	struct vtt v = { .rd = rd, .ts = { VTT_ASK, true } };
	enum vtt_state st = SIG;
	const char *p;
	size_t n;

	buf_init(&v.b.buf);
	buf_init(&v.b.id);
	buf_reset(&rd->cspk);
	while (tr_next_line(rd, &p, &n)) {
		switch (st) {
		case SIG:
			if (!vtt_signature(p, n))
				tr_fail(rd, "not WebVTT: the first line is not WEBVTT (found '%s')",
				        tr_show(p, n));
			st = AFTER_SIG;
			continue;
		case AFTER_SIG:
			if (n == 0) {
				st = GAP;
				continue;
			}
			st = HEAD;
			/* fall through */
		case HEAD:
			if (n == 0)
				st = GAP;
			if (!has_arrow(p, n))
				continue;
			break;          /* the header ends; the line begins a block */
		case GAP:
			if (n == 0)
				continue;
			break;
		case BLOCK:
			if (n == 0) {
				block_end(&v);
				st = GAP;
				continue;
			}
			if (block_line(&v, p, n))
				continue;
			block_end(&v);
			break;
		}
		/* the line begins a block */
		block_begin(&v);
		block_line(&v, p, n);
		st = BLOCK;
	}
	if (st == BLOCK)
		block_end(&v);
	vtt_join_flush(rd, &v.join);
	vtt_join_free(&v.join);
	buf_free(&v.b.buf);
	buf_free(&v.b.id);
}

/* The signature, or a .vtt name: a file that says it is WebVTT is read
 * as WebVTT, so that what is wrong with it is named. */
static bool
probe_vtt(const tr_look *look)
{
	return vtt_signature(look->line[0].p, look->line[0].n) ||
	       tr_ext_is(look->ext, look->extlen, "vtt");
}

const tr_format tr_fmt_vtt = { "vtt", probe_vtt, read_vtt };
