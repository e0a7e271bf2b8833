/*
 * tr_azure.c: Azure AI Speech transcription JSON (tr_json.h).  Batch
 * transcription: each of recognizedPhrases[] is a piece,
 * nBest[0].display, from offsetInTicks (100 ns), offsetMilliseconds or
 * offset (ISO 8601, "PT1.23S"), for durationInTicks, durationMilliseconds
 * or duration, the speaker an integer with diarization.  A phrase whose
 * recognitionStatus is not Success has no text and is skipped;
 * combinedRecognizedPhrases (the same text again, by channel) is not
 * read.  Fast transcription: each of phrases[] is a piece, its text
 * from offsetMilliseconds for durationMilliseconds; combinedPhrases is
 * not read.
 */
#include <string.h>

#include "tr_json.h"

static void
az_phrase(trj *j, int which, json_t *ph)
{
	const char *t = NULL, *st;
	size_t n, sn;
	tr_msec s, d;

	if ((st = trj_str(j, ph, "recognitionStatus", &sn)) && !(sn == 7 && memcmp(st, "Success", 7) == 0))
		return;
	if (which == 0 && !(t = trj_str(j, trj_first(ph, "nBest"), "display", &n)))
		tr_fail(j->rd, "Azure: a phrase without nBest[0].display");
	if (which == 1) {
		if (!(t = trj_str(j, ph, "text", &n)))
			tr_fail(j->rd, "Azure: a phrase without \"text\"");
		s = trj_ms(j, ph, "offsetMilliseconds");
		d = trj_ms(j, ph, "durationMilliseconds");
	} else if (trj_get(ph, "offsetInTicks")) {
		s = trj_ticks(j, ph, "offsetInTicks");
		d = trj_ticks(j, ph, "durationInTicks");
	} else if (trj_get(ph, "offsetMilliseconds")) {
		s = trj_ms(j, ph, "offsetMilliseconds");
		d = trj_ms(j, ph, "durationMilliseconds");
	} else {
		s = trj_iso(j, ph, "offset");
		d = trj_iso(j, ph, "duration");
	}
	bool spk = trj_label(j, ph, "speaker");
	trj_piece(j, j->spk.s, spk ? j->spk.len : 0, t, n, s, s >= 0 && d >= 0 ? s + d : TR_NOTIME);
}

static const char *const az_paths[] = { "recognizedPhrases[*]", "phrases[*]", NULL };
static const char *const az_keys[] = { "recognizedPhrases[", "phrases[", NULL };

const trj_vendor trj_azure = {
	"azure", "Azure batch transcription", az_paths, az_keys, az_phrase, NULL, NULL
};
