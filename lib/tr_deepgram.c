/*
 * tr_deepgram.c: Deepgram's JSON (tr_json.h).  The words of
 * results.channels[0].alternatives[0].words[], times in seconds, the
 * text punctuated_word (word without smart formatting), the speaker an
 * integer with diarize.  Turns are runs of one speaker over the words:
 * results.utterances[] and the paragraphs are other cuts of the same
 * words and are not read.  A second channel (multichannel) is an error.
 */
#include "tr_json.h"

static void
dg_word(trj *j, int which, json_t *w)
{
	const char *t;
	size_t n;

	(void)which;
	if (js_index(j->js, 0) > 0)
		tr_fail(j->rd, "Deepgram: multichannel output (channel %zu) is not read; "
		        "give one channel", js_index(j->js, 0) + 1);
	if (!(t = trj_str(j, w, "punctuated_word", &n)) && !(t = trj_str(j, w, "word", &n)))
		tr_fail(j->rd, "Deepgram: a word without \"word\"");
	tr_msec s = trj_sec(j, w, "start"), e = trj_sec(j, w, "end");
	if (trj_label(j, w, "speaker"))
		trj_word(j, j->spk.s, j->spk.len, t, n, s, e, 0);
	else
		trj_word(j, "", 0, t, n, s, e, 0);
}

static const char *const dg_paths[] = { "results.channels[*].alternatives[0].words[*]", NULL };
static const char *const dg_keys[] = { "results{", NULL };

const trj_vendor trj_deepgram = {
	"deepgram", "Deepgram", dg_paths, dg_keys, dg_word, NULL, NULL
};
