/*
 * tr_azure.c: Azure AI Speech batch transcription JSON (tr_json.h).
 * Each of recognizedPhrases[] is a piece: nBest[0].display, from
 * offsetInTicks (100 ns) or offset (ISO 8601, "PT1.23S") for
 * durationInTicks or duration, the speaker an integer with diarization.
 * A phrase whose recognitionStatus is not Success has no text and is
 * skipped; combinedRecognizedPhrases (the same text again, by channel)
 * is not read.
 */
#include <string.h>

#include "tr_json.h"

static void
az_phrase(trj *j, int which, json_t *ph)
{
	const char *t, *st;
	size_t n, sn;
	tr_msec s, d;

	(void)which;
	if ((st = trj_str(j, ph, "recognitionStatus", &sn)) && !(sn == 7 && memcmp(st, "Success", 7) == 0))
		return;
	if (!(t = trj_str(j, trj_first(ph, "nBest"), "display", &n)))
		tr_fail(j->rd, "Azure: a phrase without nBest[0].display");
	s = trj_get(ph, "offsetInTicks") ? trj_ticks(j, ph, "offsetInTicks") : trj_iso(j, ph, "offset");
	d = trj_get(ph, "durationInTicks") ? trj_ticks(j, ph, "durationInTicks")
	                                   : trj_iso(j, ph, "duration");
	bool spk = trj_label(j, ph, "speaker");
	trj_piece(j, j->spk.s, spk ? j->spk.len : 0, t, n, s, s >= 0 && d >= 0 ? s + d : TR_NOTIME);
}

static const char *const az_paths[] = { "recognizedPhrases[*]", NULL };
static const char *const az_keys[] = { "recognizedPhrases[", NULL };

const trj_vendor trj_azure = {
	"azure", "Azure batch transcription", az_paths, az_keys, az_phrase, NULL, NULL
};
