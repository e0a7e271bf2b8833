/*
 * tr_deepgram.c: Deepgram's JSON (tr_json.h).  The words of
 * results.channels[N].alternatives[0].words[], times in seconds, the
 * text punctuated_word (word without smart formatting), the speaker an
 * integer with diarize.  Turns are runs of one speaker over the words:
 * results.utterances[] and the paragraphs are other cuts of the same
 * words and are not read.
 *
 * Multichannel (metadata.channels above 1): each channel's words come
 * one channel after the other, so they are held, put in order of time
 * and given at the end, the speaker "ch_N" (N the channel from 0), or
 * "ch_N-S" with diarize.  A second channel without metadata.channels
 * before it is an error: its first channel is already written.
 */
#include "tr_json.h"

static void
dg_word(trj *j, int which, json_t *w)
{
	const char *t;
	size_t n, ch;

	if (which == 1) {
		/* metadata.channels; j->flag: multichannel */
		if (json_is_integer(w) && json_integer_value(w) > 1) {
			j->flag = true;
			trj_hold(j, true);
		}
		return;
	}
	ch = js_index(j->js, 0);
	if (ch > 0 && !j->flag)
		tr_fail(j->rd, "Deepgram: a second channel, but metadata.channels does not say "
		        "so before it");
	if (!(t = trj_str(j, w, "punctuated_word", &n)) && !(t = trj_str(j, w, "word", &n)))
		tr_fail(j->rd, "Deepgram: a word without \"word\"");
	tr_msec s = trj_sec(j, w, "start"), e = trj_sec(j, w, "end");
	bool spk = trj_label(j, w, "speaker");
	if (j->flag) {
		buf_reset(&j->seg);
		buf_printf(&j->seg, "ch_%zu", ch);
		if (spk)
			buf_printf(&j->seg, "-%s", j->spk.s);
		trj_word(j, j->seg.s, j->seg.len, t, n, s, e, 0);
	} else {
		trj_word(j, j->spk.s, spk ? j->spk.len : 0, t, n, s, e, 0);
	}
}

static void
dg_end(trj *j)
{
	trj_sort_held(j);
}

static const char *const dg_paths[] = {
	"results.channels[*].alternatives[0].words[*]", "metadata.channels", NULL
};
static const char *const dg_keys[] = { "results{", NULL };

const trj_vendor trj_deepgram = {
	"deepgram", "Deepgram", dg_paths, dg_keys, dg_word, dg_end, NULL
};
