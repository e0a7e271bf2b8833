/*
 * tr_google.c: Google Cloud Speech-to-Text JSON (tr_json.h), v1
 * (startTime, speakerTag) and v2 (startOffset, speakerLabel).  Each of
 * results[] holds alternatives[0] with its transcript and words; times
 * are protobuf durations ("1.500s" or {seconds, nanos}).  With
 * diarization, only the last result has speaker tags, and its words are
 * every word of the file again: the results before it are held, and
 * dropped when a result with speakers comes; without one they are
 * given at the end.  The response may be wrapped in the long-running
 * operation that carried it ({"name", "metadata", "done", "response"}).
 */
#include "tr_json.h"

static tr_msec
gtime(trj *j, json_t *w, const char *v1, const char *v2)
{
	return trj_get(w, v1) ? trj_pbdur(j, w, v1) : trj_pbdur(j, w, v2);
}

static bool
gspeaker(trj *j, json_t *w)
{
	if (trj_label(j, w, "speakerLabel"))
		return true;
	/* speakerTag 0: not assigned */
	return trj_label(j, w, "speakerTag") && !(j->spk.len == 1 && j->spk.s[0] == '0');
}

static void
g_result(trj *j, int which, json_t *res)
{
	json_t *alt = trj_first(res, "alternatives"), *words = trj_get(alt, "words"), *w;
	const char *t;
	size_t i, n;
	bool tagged = false;

	(void)which;
	if (json_is_array(words))
		json_array_foreach(words, i, w)
			if (gspeaker(j, w))
				tagged = true;
	if (tagged) {
		trj_drop(j);
		j->flag = true;
	} else {
		trj_hold(j, true);
	}
	if (!json_is_array(words) || json_array_size(words) == 0) {
		if ((t = trj_str(j, alt, "transcript", &n)))
			trj_piece(j, "", 0, t, n, TR_NOTIME, gtime(j, res, "resultEndTime", "resultEndOffset"));
	} else {
		json_array_foreach(words, i, w) {
			if (!(t = trj_str(j, w, "word", &n)))
				tr_fail(j->rd, "Google STT: a word without \"word\"");
			tr_msec s = gtime(j, w, "startTime", "startOffset");
			tr_msec e = gtime(j, w, "endTime", "endOffset");
			bool sp = gspeaker(j, w);
			trj_word(j, j->spk.s, sp ? j->spk.len : 0, t, n, s, e, 0);
		}
	}
	trj_hold(j, false);
}

static const char *const g_paths[] = { "results[*]", "response.results[*]", NULL };
static const char *const g_keys[] = { "results[", NULL };

const trj_vendor trj_google = {
	"google-stt", "Google STT", g_paths, g_keys, g_result, NULL, NULL
};
