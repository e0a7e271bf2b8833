/*
 * words.c: the shared word lists (see words.h).  Adding a word here adds
 * it for every filter; a list that only one rule needs stays with that
 * rule.
 */
#include <string.h>

#include "words.h"

bool
qp_word_in(const char *w, size_t n, const char *const *list)
{
	if (n == 0)
		return false;
	/* The first byte settles most entries without a call. */
	for (; *list; list++)
		if ((*list)[0] == w[0] && strncmp(*list, w, n) == 0 &&
		    (*list)[n] == '\0')
			return true;
	return false;
}

/* Portuguese, Spanish, Italian, French, Dutch, German, Arabic and Malay
 * particles as they are written inside names. */
const char *const qp_name_particles[] = {
	"al", "bin", "binti", "da", "das", "de", "del", "della", "den", "der",
	"di", "do", "dos", "du", "el", "ibn", "la", "le", "st", "ten", "ter",
	"van", "von", "y", NULL
};

const char *const qp_titles[] = {
	"dr", "doctor", "prof", "professor", "mr", "mrs", "ms", "miss", "mx",
	"mister", "nurse", "dean", "rev", "reverend", "pastor", "coach",
	"judge", "captain", "capt", "sir", "dame", "madam", "principal",
	"superintendent", "officer", "sergeant", "sgt", "detective", "sheriff",
	"mayor", "rabbi", "imam", "doña", "señora", "señor", "señorita", NULL
};

const char *const qp_title_abbrevs[] = {
	"dr", "prof", "mr", "mrs", "ms", "mx", "rev", "capt", "sgt", NULL
};

const char *const qp_months[] = {
	"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december", NULL
};

const char *const qp_month_abbrevs[] = {
	"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
	"nov", "dec", NULL
};

const char *const qp_month_words[] = {
	"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december",
	"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
	"nov", "dec", NULL
};

const char *const qp_weekdays[] = {
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
	"sunday", NULL
};
