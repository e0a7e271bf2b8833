/*
 * tr_plain.c: plain text (transcript.h), what every file no other reader
 * recognises gets: paragraphs, no speakers, no times.
 */
#include "transcript.h"

/* One piece a paragraph; its lines are joined by a newline. */
static void
read_plain(tr_reader *rd)
{
	const char *p;
	size_t n;

	while (tr_next_line(rd, &p, &n)) {
		if (tr_blank(p, n)) {
			tr_piece_commit(rd);
			continue;
		}
		if (!rd->pon) {
			tr_piece_begin(rd, NULL, 0, TR_NOTIME, TR_NOTIME);
		} else {
			buf_addc(&rd->p.text, '\n');
			rd->p.esc = true;
			rd->pspace = false;
			rd->pbase = rd->p.text.len;
		}
		tr_text_add(rd, p, n);
	}
}

const tr_format tr_fmt_plain = { "plain", NULL, read_plain };
