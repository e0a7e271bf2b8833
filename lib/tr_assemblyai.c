/*
 * tr_assemblyai.c: AssemblyAI's JSON (tr_json.h).  The top-level
 * words[] (text, start and end in integer milliseconds, speaker a
 * letter, "A", "B", with speaker_labels) make the turns; utterances[]
 * are read only when the file has no words (held until it is known).
 */
#include "tr_json.h"

static void
aai_elem(trj *j, int which, json_t *v)
{
	const char *t;
	size_t n;

	if (!(t = trj_str(j, v, "text", &n)))
		tr_fail(j->rd, "AssemblyAI: %s without \"text\"", which ? "an utterance" : "a word");
	tr_msec s = trj_ms(j, v, "start"), e = trj_ms(j, v, "end");
	bool spk = trj_label(j, v, "speaker");
	if (which == 1) {
		/* j->flag: words have come */
		if (j->flag)
			return;
		trj_hold(j, true);
		trj_piece(j, j->spk.s, spk ? j->spk.len : 0, t, n, s, e);
		trj_hold(j, false);
		return;
	}
	if (!j->flag) {
		j->flag = true;
		trj_drop(j);
	}
	trj_word(j, j->spk.s, spk ? j->spk.len : 0, t, n, s, e, 0);
}

static const char *const aai_paths[] = { "words[*]", "utterances[*]", NULL };
static const char *const aai_keys[] = { "words[", "utterances[", NULL };

const trj_vendor trj_assemblyai = {
	"assemblyai", "AssemblyAI", aai_paths, aai_keys, aai_elem, NULL, NULL
};
