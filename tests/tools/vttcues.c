/*
 * vttcues: a test driver for the WebVTT reader (lib/tr_vtt.c), not a
 * filter (tests/segment-vtt.bats runs it as $QP_OBJ/tests/tools/vttcues).
 *   vttcues [--strict] [--text] [FILE...]
 * Reads each file as WebVTT and writes its cues as the parser found
 * them, before any text handling: one line a cue, "FILE TAB ID TAB
 * START TAB END TAB TEXT", the times in milliseconds, ID and TEXT
 * escaped as records escape them (so a cue's line breaks are \n).
 * --text: TEXT is what segment makes of the cue text (tags removed,
 * references decoded, white space normalised), its pieces joined by a
 * space.
 */
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "output.h"
#include "qp.h"
#include "record.h"
#include "transcript.h"

static qp_buf esc = QP_BUF_INIT, dec = QP_BUF_INIT;
static bool text_mode;
static tr_reader rd;

static void
put_cue(void *ctx, const char *id, size_t idn, tr_msec s, tr_msec e,
        const char *text, size_t n)
{
	const char *name = ctx ? *(const char **)ctx : "-";
	char b[64];

	if (text_mode) {
		buf_reset(&dec);
		rd.cue_hook = NULL;
		tr_cue_text(&rd, text, n, s, e, true);
		rd.cue_hook = put_cue;
		text = dec.s;
		n = dec.len;
	}

	qp_write(qp_stdout, name, strlen(name));
	qp_putc(qp_stdout, '\t');
	buf_reset(&esc);
	qp_escape(id, idn, &esc);
	qp_write(qp_stdout, esc.s, esc.len);
	snprintf(b, sizeof b, "\t%lld\t%lld\t", s, e);
	qp_write(qp_stdout, b, strlen(b));
	buf_reset(&esc);
	qp_escape(text, n, &esc);
	qp_write(qp_stdout, esc.s, esc.len);
	qp_out_endrec(qp_stdout);
}

static void
add_piece(void *ctx, tr_piece *p)
{
	(void)ctx;
	if (dec.len)
		buf_addc(&dec, ' ');
	buf_add(&dec, p->text.s, p->text.len);
}

int
main(int argc, char **argv)
{
	static const char usage[] = "usage: vttcues [--strict] [--text] [file ...]\n";
	static const struct option longopts[] = {
		{ "strict", no_argument, NULL, 's' },
		{ "text", no_argument, NULL, 't' },
		QP_COMMON_LONGOPTS, { 0, 0, 0, 0 }
	};
	bool strict = false;
	const char *name = NULL;
	int c;

	qp_init("vttcues");
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		if (c == 's')
			strict = true;
		else if (c == 't')
			text_mode = true;
		else
			qp_common_opt(c, usage);
	}
	qp_input *in = qp_input_new(argc - optind, argv + optind, QP_IN_CR | QP_IN_FILES);
	tr_init(&rd, in, add_piece, &name);
	rd.strict = strict;
	rd.cue_hook = put_cue;
	while (tr_next_file(&rd)) {
		name = rd.name;
		tr_read(&rd, &tr_fmt_vtt);
	}
	qp_out_close(qp_stdout);
	tr_free(&rd);
	qp_input_free(in);
	buf_free(&esc);
	buf_free(&dec);
	return 0;
}
