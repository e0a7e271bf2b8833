/*
 * tr_whisper.c: the JSON of openai-whisper, faster-whisper,
 * whisper-ctranslate2 and WhisperX (segments[], times in seconds), and
 * of whisper.cpp -oj (transcription[], times in milliseconds); see
 * tr_json.h.
 */
#include <string.h>

#include "tr_json.h"

/*
 * A segment: its text as one piece, with the segment's speaker
 * (WhisperX) if it has one.  Its words, when one of them has a speaker
 * (WhisperX) or --rttm is given and they have times: each word a word
 * of the turns; a word without a speaker (WhisperX leaves numerals
 * untimed and unassigned) stays with the words before it.
 */
static void
whisper_seg(trj *j, int which, json_t *seg)
{
	json_t *words = trj_get(seg, "words"), *w;
	const char *t;
	size_t n, i;
	bool byword = false;

	(void)which;
	if (!json_is_object(seg))
		tr_fail(j->rd, "whisper JSON: a segment that is not an object");
	tr_msec s = trj_sec(j, seg, "start"), e = trj_sec(j, seg, "end");
	/* the segment's speaker, kept while the words' are read */
	buf_reset(&j->seg);
	if (trj_label(j, seg, "speaker"))
		buf_add(&j->seg, j->spk.s, j->spk.len);
	const char *segspk = j->seg.s;
	size_t sn = j->seg.len;
	if (json_is_array(words)) {
		json_array_foreach(words, i, w) {
			if (trj_get(w, "speaker") || (j->rd->rttm && trj_get(w, "start")))
				byword = true;
		}
	}
	if (!byword) {
		if (!(t = trj_str(j, seg, "text", &n)))
			tr_fail(j->rd, "whisper JSON: a segment without \"text\"");
		trj_piece(j, segspk, sn, t, n, s, e);
		return;
	}
	json_array_foreach(words, i, w) {
		if (!(t = trj_str(j, w, "word", &n)))
			tr_fail(j->rd, "whisper JSON: a word without \"word\"");
		tr_msec ws = trj_sec(j, w, "start"), we = trj_sec(j, w, "end");
		if (trj_label(j, w, "speaker"))
			trj_word(j, j->spk.s, j->spk.len, t, n, ws, we, 0);
		else if (ws < 0 || sn > 0)
			trj_word(j, segspk, sn, t, n, ws, we, TRJ_JOIN);
		else
			trj_word(j, "", 0, t, n, ws, we, 0);
	}
}

static const char *const whisper_paths[] = { "segments[*]", NULL };
static const char *const whisper_keys[] = { "segments[", NULL };

const trj_vendor trj_whisper = {
	"whisper-json", "whisper JSON", whisper_paths, whisper_keys, whisper_seg, NULL, NULL
};

/* offsets {from, to} in ms, else timestamps {from, to} "00:00:01,234" */
static void
cpp_times(trj *j, json_t *seg, tr_msec *s, tr_msec *e)
{
	json_t *o = trj_get(seg, "offsets");
	const char *p;
	size_t n, i;

	if (o) {
		*s = trj_ms(j, o, "from");
		*e = trj_ms(j, o, "to");
		return;
	}
	*s = *e = TR_NOTIME;
	o = trj_get(seg, "timestamps");
	for (int k = 0; k < 2; k++) {
		if (!(p = trj_str(j, o, k ? "to" : "from", &n)))
			continue;
		i = 0;
		if (!tr_clock_time(p, n, &i, k ? e : s, true) || i != n)
			tr_fail(j->rd, "whisper.cpp JSON: bad timestamp '%s'", tr_show(p, n));
	}
}

/*
 * A segment of whisper.cpp: a piece, with -di's speaker ("0", "1"; "?"
 * is none).  With -tdrz (speaker_turn_next on the segments) the
 * segments up to a turn are one piece, without a speaker.
 */
static void
cpp_seg(trj *j, int which, json_t *seg)
{
	const char *t;
	size_t n;
	tr_msec s, e;
	json_t *turn = trj_get(seg, "speaker_turn_next");

	(void)which;
	if (!(t = trj_str(j, seg, "text", &n)))
		tr_fail(j->rd, "whisper.cpp JSON: a segment without \"text\"");
	cpp_times(j, seg, &s, &e);
	if (trj_label(j, seg, "speaker") && !(j->spk.len == 1 && j->spk.s[0] == '?')) {
		trj_piece(j, j->spk.s, j->spk.len, t, n, s, e);
	} else if (turn) {
		/* j->flag: the segment before did not end a turn */
		if (!j->flag)
			tr_piece_commit(j->rd);
		trj_word(j, "", 0, t, n, s, e, j->flag ? TRJ_JOIN : 0);
		j->flag = !json_is_true(turn);
	} else {
		trj_piece(j, "", 0, t, n, s, e);
	}
}

static const char *const cpp_paths[] = { "transcription[*]", NULL };
static const char *const cpp_keys[] = { "transcription[", NULL };

const trj_vendor trj_whispercpp = {
	"whisper-cpp-json", "whisper.cpp JSON", cpp_paths, cpp_keys, cpp_seg, NULL, NULL
};
