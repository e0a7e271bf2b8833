/*
 * orgs.c: institutions, by their head, their shape and the words around
 * them, and the organisations of orgs.txt where the text names them
 * (see places_int.h and anonymize(1), "Places and institutions").
 *
 * Like places.c, nothing here runs for a token that places_find did not
 * find flagged; the closed word sets are searched only at a candidate.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "names.h"
#include "places.h"
#include "places_int.h"

/* Nouns for a place that "called" names: "a small town called broken
 * arrow". */
static const char *const w_town[] = {
	"town", "city", "village", "hamlet", "suburb", "neighborhood",
	"neighbourhood", "township", "county", "island", "community", NULL
};

/* Words before a head that name a kind of institution, not one. */
static const char *const w_generic[] = {
	"local", "nearby", "new", "old", "big", "small", "tiny", "huge",
	"large", "good", "great", "best", "bad", "worst", "first", "second",
	"third", "last", "next", "other", "same", "different", "whole",
	"entire", "every", "each", "any", "some", "another", "own", "real",
	"free", "public", "private", "charter", "catholic", "christian",
	"religious", "military", "police", "mental", "psychiatric", "animal",
	"field", "teaching", "grad", "graduate", "med", "law", "art", "arts",
	"film", "music", "business", "nursing", "driving", "dance", "cooking",
	"language", "summer", "sunday", "night", "boarding", "prep", "trade",
	"technical", "vocational", "online", "foreign", "dental", "eye", "vet",
	"veterinary", "pediatric", "family", "health", "wellness", "cancer",
	"rehab", "rehabilitation", "maternity", "research", "major", "top",
	"elite", "fancy", "expensive", "cheap", "rural", "urban", "inner",
	"suburban", "main", "primary", "secondary", "fertility", "pain",
	"sleep", "abortion", "methadone", "urgent", "care", "outpatient",
	"student", "campus", "neighboring", "neighbouring", "nearest", "very",
	"really", "pretty", "too", "quite", "so", "more", "most", "less",
	"city", "state", "county", "federal", "national", "international",
	"american", "english", "british", "european", "ivy", "league",
	"support", "focus", "study", "control", "age", "peer", "working",
	"design", "pharmacy", "medical", "womens", "women's", "kids",
	"nursery", "day", "care", "two", "three", "four", "five", "tech",
	"home", "whole", "same", "such", "certain", "specialty", "specialist",
	"walk", "after", "before", "during", "junior", "senior", "high",
	"middle", "elementary", "community", "general", "regional",
	/* function words the stop list does not hold */
	"then", "also", "now", "just", "even", "still", "only", "later",
	"when", "where", "while", "since", "until", "because", "if", "about",
	"over", "into", "onto", "not", "all", "both", "many", "much", "its",
	"your", "their", "these", "those", "there", "here", "what", "which",
	"one", "like", "um", "uh", "yeah", "actually", "basically", "went",
	"got", "go", "get", "called", "named", "few", "several", "couple",
	"lot", "lots", NULL
};
static const char *const w_mod[] = {
	"general", "memorial", "regional", "community", "children's",
	"childrens", "children", "medical", "elementary", "middle", "high",
	"junior", "senior", "state", "university", "baptist", "methodist",
	"presbyterian", "lutheran", "catholic", "methodist", "county",
	"women's", NULL
};
static const char *const w_saint[] = { "saint", "st", "ste", NULL };
static const char *const w_denomination[] = {
	"baptist", "methodist", "presbyterian", "lutheran", "catholic", "episcopal",
	"pentecostal", "adventist", "evangelical", "orthodox", "nazarene", "ame",
	"cme", NULL
};
static const char *const w_church_first[] = {
	"first", "second", "third", "grace", "trinity", "calvary", "bethel", "zion",
	"faith", "hope", "new", "united", "community", NULL
};
/* The heads, flagged NAME_INST_HEAD.  county and its kin make places. */
static const char *const w_head[] = {
	"hospital", "clinic", "school", "academy", "college", "university",
	"center", "centre", "elementary", "high", "middle", "inc", "llc",
	"ltd", "corp", "corporation", "group", "church", "county", "parish",
	"township", "borough", "memorial", "library", "agency", "network",
	"foundation", "institute", "association", "coalition", "council",
	"ministries", "society", "authority", "station", "market", "hall",
	"transit", "police", "libraries", "commission", "bureau", "zoo", "museum",
	"aquarium", "daycare", "pantry", "shelter", "preschool", NULL
};
/* Heads that ordinary words before them make a kind of place ("the fire
 * station", "grange hall", "a livestock market", "mass transit"): only
 * a name, a place or a capital makes them an institution ("kensington
 * station", "dodd hall"). */
static const char *const w_weak_head[] = {
	"authority", "station", "market", "hall", "transit", "police", "libraries",
	"commission", "bureau", "zoo", "museum", "aquarium", "daycare", "pantry",
	"shelter", "preschool", NULL
};
/* Of them, the heads a name in cased text writes with a capital. */
static const char *const w_cap_head[] = {
	"zoo", "museum", "aquarium", "daycare", "pantry", "shelter", "preschool", NULL
};
static const char *const w_at_cue[] = { "at", "to", "in", "from", NULL };
static const char *const w_called_noun[] = {
	"place", "clinic", "company", "program", "programme", "agency",
	"practice", "office", "center", "centre", "organization",
	"organisation", "group", "church", "firm", "shop", "store", "school",
	"hospital", "business", "nonprofit", "charity", "facility", "home",
	"restaurant", "startup", NULL
};
/* The function words that end a name after "called"; the stop list
 * would end it at nouns too ("a clinic called acme health"). */
static const char *const w_ends[] = {
	"is", "was", "were", "are", "be", "been", "for", "with", "by", "on",
	"of", "it", "this", "ok", "okay", "yes", "no", "yeah", "well", "oh",
	"now", "then", "also", "just", "even", "still", "only", "later",
	"today", "yesterday", "tomorrow", "again", "yet", "back", "too",
	"anymore", "there", "here", "because", "but", "so", "when", "where",
	"which", "who", "that", "like", "um", "uh", "actually", "basically",
	"really", "right", NULL
};
/* Two-word heads: "valley family medicine", "canyon county behavioral
 * health", "the county health department".  The first word alone is
 * generic ("family", "mental"), the pair is a kind of institution that
 * takes a name before it; the pair alone ("in family medicine") stays. */
static const char *const w_compound[] = {
	"family", "behavioral", "behavioural", "mental", "health", "public",
	"social", "human", "internal", "sports", "fire", "police", "sheriff's",
	"urgent", "primary", "medical", "dental", "legal", "food", "youth",
	"senior", "community", "school", "water", "parks", "nursing", "funeral",
	"rehab", "rehabilitation", "treatment", "recovery", "wellness", "cancer",
	"counseling", "counselling", "dialysis", "surgery", "surgical", "birth",
	"eye", "assisted", "learning", NULL
};
/* "lakeside family dental", "golden years nursing home", "sunrise senior
 * living", "oak grove rehab center" */
static const char *const w_compound_head[] = {
	"medicine", "health", "department", "practice", "services",
	"counseling", "counselling", "care", "office", "bank", "district",
	"aid", "partners", "dental", "dentistry", "pediatrics", "chiropractic",
	"optometry", "orthodontics", "home", "living", NULL
};
static const char *const w_holy[] = {
	"cross", "family", "trinity", "name", "spirit", "rosary", "redeemer",
	"angels", "innocents", "savior", "saviour", "apostles", "ghost",
	"infant", "child", NULL
};
/* "i work at costco", "a shift at fred meyer": after these and at or
 * for, a word that is no English word names an employer. */
static const char *const w_employ[] = {
	"work", "works", "worked", "working", "job", "jobs", "shift",
	"shifts", "employed", "hired", "interned", "intern", "internship",
	"volunteer", "volunteered", "volunteering", "manager", "cashier",
	NULL
};
static const char *const w_branch[] = {
	"north", "south", "east", "west", "northeast", "northwest", "southeast",
	"southwest", "northern", "southern", "eastern", "western",
	"northwestern", "northeastern", "southwestern", "southeastern",
	"central", "downtown", "midtown", "uptown", NULL
};
/* The bodies of a county, named by what they are of: "franklin county
 * board of developmental disabilities", "the ada county office of
 * emergency management". */
static const char *const w_body[] = {
	"board", "department", "office", "commission", "court", "bureau",
	"council", "division", "agency", NULL
};
/* Heads that name what they are for after for or on: "the center for
 * the visually impaired", "area agency on aging". */
static const char *const w_charge[] = {
	"center", "centre", "institute", "agency", "association", "coalition",
	"council", "commission", NULL
};
static const char *const w_charge_stop[] = {
	"six", "seven", "eight", "nine", "ten", "eleven", "twelve", "twenty",
	"thirty", "forty", "fifty", "hundred", "thousand", "half", "years",
	"year", "months", "month", "weeks", "week", "days", "day", "hours",
	"hour", "minutes", "minute", "ages", "life", "good", "sure", "real",
	"free", "nothing", "everything", "everyone", "everybody", "anything",
	"something", "someone", "somebody", "nobody", "years", "decades", NULL
};
/* The offices whose holder is a General: "to Attorney General Smith". */
static const char *const w_office[] = {
	"attorney", "surgeon", "inspector", "solicitor", "postmaster",
	"secretary", "comptroller", "auditor", "governor", "consul",
	"adjutant", "paymaster", "quartermaster", "registrar", "accountant",
	"advocate", "vicar", "director", "controller", "counsel", NULL
};
/* Heads said before the name, as in Spanish ("Clínica Sierra Vista",
 * "Escuela Guadalupe"); and the particles inside such a name ("Clínica
 * de la Raza"). */
static const char *const w_head_first[] = {
	"clínica", "escuela", "colegio", "universidad", "centro", "instituto",
	"iglesia", "parroquia", "fundación", "asociación", NULL
};
static const char *const w_particle[] = { "de", "del", "la", "las", "los", "el", NULL };
static const char *const w_county[] = {
	"county", "parish", "township", "borough", NULL
};

void
orgs_init(qp_places *pl)
{
	qp_names *nm = pl->nm;
	places_set_make(nm, &pl->generic, w_generic);
	places_set_make(nm, &pl->mod, w_mod);
	places_set_make(nm, &pl->saint, w_saint);
	places_set_make(nm, &pl->denomination, w_denomination);
	places_set_make(nm, &pl->church_first, w_church_first);
	places_set_make(nm, &pl->county, w_county);
	places_set_make(nm, &pl->weak_head, w_weak_head);
	places_set_make(nm, &pl->cap_head, w_cap_head);
	places_set_make(nm, &pl->at_cue, w_at_cue);
	places_set_make(nm, &pl->called_noun, w_called_noun);
	places_set_make(nm, &pl->ends, w_ends);
	places_set_make(nm, &pl->compound, w_compound);
	places_set_make(nm, &pl->compound_head, w_compound_head);
	places_set_make(nm, &pl->holy, w_holy);
	places_set_make(nm, &pl->employ, w_employ);
	places_set_make(nm, &pl->branch, w_branch);
	places_set_make(nm, &pl->body, w_body);
	places_set_make(nm, &pl->charge, w_charge);
	places_set_make(nm, &pl->charge_stop, w_charge_stop);
	places_set_make(nm, &pl->office, w_office);
	places_set_make(nm, &pl->head_first, w_head_first);
	places_set_make(nm, &pl->town, w_town);
	places_set_make(nm, &pl->particle, w_particle);
	for (const char *const *h = w_head_first; *h; h++)
		names_set_flags(nm, names_intern_listed(nm, *h), NAME_INST_HEAD);
	for (const char *const *h = w_head; *h; h++)
		names_set_flags(nm, names_intern_listed(nm, *h), NAME_INST_HEAD);
	for (const char *const *h = w_compound_head; *h; h++)
		names_set_flags(nm, names_intern_listed(nm, *h), NAME_INST_HEAD);
	for (const char *const *h = w_employ; *h; h++)
		names_set_flags(nm, names_intern_listed(nm, *h), NAME_EMPLOY);
	static const char *const w_orgcue[] = { "at", "from", "to", "for", "with", "church", NULL };
	for (const char *const *h = w_orgcue; *h; h++)
		names_set_flags(nm, names_intern_listed(nm, *h), NAME_ORGCUE);
	static const char *const w_shape[] = { "saint", "st", "holy", NULL };
	for (const char *const *h = w_shape; *h; h++)
		names_set_flags(nm, names_intern_listed(nm, *h), NAME_SHAPE);
	pl->id_school = names_intern_listed(nm, "school");
	pl->id_center = names_intern_listed(nm, "center");
	pl->id_centre = names_intern_listed(nm, "centre");
	pl->id_medical = names_intern_listed(nm, "medical");
	pl->id_high = names_intern_listed(nm, "high");
	pl->id_memorial = names_intern_listed(nm, "memorial");
	pl->id_middle = names_intern_listed(nm, "middle");
	pl->id_elementary = names_intern_listed(nm, "elementary");
	pl->id_group = names_intern_listed(nm, "group");
	pl->id_church = names_intern_listed(nm, "church");
	pl->id_university = names_intern_listed(nm, "university");
	pl->id_college = names_intern_listed(nm, "college");
	pl->id_with = names_intern_listed(nm, "with");
	pl->id_for = names_intern_listed(nm, "for");
	pl->id_on = names_intern_listed(nm, "on");
	pl->id_the = names_intern_listed(nm, "the");
	pl->id_washington = names_intern_listed(nm, "washington");
	pl->id_general = names_intern_listed(nm, "general");
	pl->id_day = names_intern_listed(nm, "day");
	pl->id_greater = names_intern_listed(nm, "greater");
	pl->id_eve = names_intern_listed(nm, "eve");
}

void
orgs_free(qp_places *pl)
{
	idset *sets[] = { &pl->generic, &pl->mod, &pl->saint, &pl->denomination,
	                  &pl->church_first, &pl->county, &pl->weak_head, &pl->at_cue,
	                  &pl->called_noun,
	                  &pl->ends,
	                  &pl->compound, &pl->compound_head, &pl->holy, &pl->employ,
	                  &pl->branch, &pl->body, &pl->charge,
	                  &pl->charge_stop, &pl->office,
	                  &pl->head_first, &pl->particle, &pl->town,
	                  &pl->cap_head };
	for (size_t k = 0; k < sizeof sets / sizeof sets[0]; k++)
		free(sets[k]->v);
}

/* Does token i follow at, to, in or from? */
static bool
after_cue(const qp_places *pl, const char *s, const names_tok *tv, size_t i)
{
	return i > 0 && in_set(&pl->at_cue, tv[i - 1].id) && spaced(s, &tv[i - 1], &tv[i]);
}

/* Can token t be a word of an institution's name? */
static bool
name_word(const qp_places *pl, const names_tok *t)
{
	if (!free_tok(t) || in_set(&pl->generic, t->pid) || in_set(&pl->mod, t->pid))
		return false;
	if (in_set(&pl->saint, t->id))
		return true;
	/* "my first-year longitudinal clinic": in a text with capitals, a
	 * word in lower case is no name */
	if (pl->cased && !t->cap)
		return false;
	/* "studied family medicine": in text without case, a verb's form
	 * of the word list is no name */
	if (!t->cap && (t->pfl & NAME_WORD) &&
	    !(t->pfl & (NAME_FIRST | NAME_LAST | NAME_PLACE)) && t->core >= 5 &&
	    (memcmp(pl->s + t->off + t->core - 2, "ed", 2) == 0 ||
	     memcmp(pl->s + t->off + t->core - 3, "ing", 3) == 0))
		return false;
	return !(t->pfl & (NAME_STOP | NAME_TITLE | NAME_NOTNAME | NAME_CUE |
	                   NAME_SAYS | NAME_LIKE | NAME_WHERE | NAME_KEEP |
	                   NAME_INST_HEAD));
}

/* Tokens a..h-1 before the head h: modifiers back from h, then one to
 * three name words.  The first name word, or h when there is none. */
static size_t
name_before(const qp_places *pl, const char *s, const names_tok *tv, size_t h,
            bool mods)
{
	size_t a = h;
	while (mods && a > 0 && free_tok(&tv[a - 1]) && in_set(&pl->mod, tv[a - 1].pid) &&
	       tv[a - 1].core == tv[a - 1].len && names_joinable(s, &tv[a - 1], &tv[a]))
		a--;
	size_t m = a;
	bool plain = true;      /* ordinary words in lower case only */
	while (m > 0 && a - m < 3 && name_word(pl, &tv[m - 1]) &&
	       (tv[m - 1].core == tv[m - 1].len || m == a) &&
	       names_joinable(s, &tv[m - 1], &tv[m])) {
		m--;
		plain &= !tv[m].cap && (tv[m].pfl & (NAME_PLACE_WORD | NAME_COMMON));
	}
	/* "the mobile clinic": a word, not a name, unless a modifier says
	 * the name is one (riverside memorial hospital) */
	if (m + 1 == a && plain && a == h)
		return h;
	/* "a healthy school": after a determiner, in text without case,
	 * words that are no listed name or place name a kind */
	if (m < a && a == h && !pl->cased && m > 0 && (tv[m - 1].pfl & NAME_DET)) {
		bool listed = false;
		for (size_t k = m; k < a; k++)
			listed |= (tv[k].pfl & (NAME_FIRST | NAME_LAST | NAME_PLACE)) != 0;
		if (!listed)
			return h;
	}
	return m < a ? m : h;
}

/* The words of a bare "Lincoln High" must be names, places or capitals;
 * "greater" before a place is the place's ("greater dayton regional
 * transit"), and a modifier after a name is the institution's. */
static bool
proper_words(const qp_places *pl, const names_tok *tv, size_t i, size_t j)
{
	for (size_t k = i; k < j; k++)
		if (!tv[k].cap && !(tv[k].pfl & (NAME_FIRST | NAME_LAST | NAME_PLACE)) &&
		    !(tv[k].pid == pl->id_greater && k + 1 < j && (tv[k + 1].pfl & NAME_PLACE)) &&
		    !(k > i && in_set(&pl->mod, tv[k].pid)))
			return false;
	return true;
}

/* "in canyon county", "at capital high": after a place cue, one
 * ordinary word before the head h is its name. */
static bool
one_before(const qp_places *pl, const char *s, const names_tok *tv, size_t h)
{
	return h >= 2 && name_word(pl, &tv[h - 1]) && tv[h - 1].core == tv[h - 1].len &&
	       names_joinable(s, &tv[h - 1], &tv[h]) && after_cue(pl, s, tv, h - 1);
}

/* A capitalised word that may be a name's. */
static bool
cap_word(const names_tok *t)
{
	return t->cap && !t->digit &&
	       !(t->pfl & (NAME_TITLE | NAME_DET | NAME_PRON | NAME_STOP | NAME_NOTNAME |
	                   NAME_AND | NAME_SAYS | NAME_WHERE));
}

/* A head after the head ending at b ("Stanford University Hospital"),
 * where the text has case a modifier and a head too ("Memorial Health
 * University Medical Center", "Beaver County Transit Authority", in
 * capitals); the new end. */
static size_t
heads_after(const qp_places *pl, const char *s, const names_tok *tv, size_t ntok, size_t b)
{
	for (;;) {
		if (b >= ntok || !free_tok(&tv[b]) || tv[b - 1].core != tv[b - 1].len ||
		    !spaced(s, &tv[b - 1], &tv[b]))
			return b;
		if (tv[b].pfl & NAME_INST_HEAD)
			b++;
		else if (pl->cased && tv[b].cap && in_set(&pl->mod, tv[b].pid) && b + 1 < ntok &&
		         free_tok(&tv[b + 1]) && tv[b + 1].cap && (tv[b + 1].pfl & NAME_INST_HEAD) &&
		         tv[b].core == tv[b].len && spaced(s, &tv[b], &tv[b + 1]))
			b += 2;
		else
			return b;
	}
}

/* What a body is of or for, from token f: up to four words to a
 * function word ("developmental disabilities services is", "the
 * visually impaired on"); with plain, no generic word, number or time
 * either ("the center for a while", "for ten years").  Its end, or f. */
static size_t
charge_words(const qp_places *pl, const char *s, const names_tok *tv, size_t ntok, size_t f,
             bool plain)
{
	size_t g = f;
	while (g < ntok && g - f < 4 && free_tok(&tv[g]) &&
	       !(tv[g].pfl & (NAME_STOP | NAME_DET | NAME_PRON | NAME_AND | NAME_TITLE |
	                      NAME_NOTNAME | NAME_SAYS | NAME_WHERE)) &&
	       !in_set(&pl->ends, tv[g].pid) &&
	       !(plain && (in_set(&pl->generic, tv[g].pid) || in_set(&pl->charge_stop, tv[g].pid))) &&
	       tv[g].id != pl->id_called && tv[g].id != pl->id_named &&
	       names_joinable(s, &tv[g - 1], &tv[g]) && tv[g - 1].core == tv[g - 1].len)
		g++;
	return g;
}

/* In text without case, after the head h of w_charge: for or on, an
 * optional the, and one to four words up to a function word ("the
 * center for the visually impaired on west peachtree", "agency on
 * aging at"); their end, or h + 1. */
static size_t
charge_after(const qp_places *pl, const char *s, const names_tok *tv, size_t ntok, size_t h)
{
	if (pl->cased || !in_set(&pl->charge, tv[h].pid) || h + 2 >= ntok ||
	    !(tv[h + 1].id == pl->id_for || tv[h + 1].id == pl->id_on) ||
	    !spaced(s, &tv[h], &tv[h + 1]) || tv[h].core != tv[h].len)
		return h + 1;
	size_t f = h + 2;
	if (tv[f].id == pl->id_the && f + 1 < ntok)
		f++;
	size_t g = charge_words(pl, s, tv, ntok, f, true);
	return g > f ? g : h + 1;
}

int
orgs_institution_at(const qp_places *pl, const char *s, const names_tok *tv,
                    size_t ntok, size_t h, size_t *a, size_t *b)
{
	const names_tok *t = &tv[h];
	uint32_t id = t->pid;
	const names_tok *nx = h + 1 < ntok && names_joinable(s, t, &tv[h + 1]) ?
	                      &tv[h + 1] : NULL;
	*b = h + 1;
	/* "Clínica Sierra Vista", "clinica de la raza": a head before its
	 * name, capitals where the text has case, else names, places or
	 * words no list has; particles between */
	if (in_set(&pl->head_first, id)) {
		size_t g = h + 1, e = h + 1;
		while (g < ntok && g - h <= 5 && free_tok(&tv[g]) && names_joinable(s, &tv[g - 1], &tv[g]) &&
		       tv[g - 1].core == tv[g - 1].len) {
			const names_tok *w = &tv[g];
			if (in_set(&pl->particle, w->pid) && !(pl->cased && w->cap)) {
				g++;
				continue;
			}
			if (pl->cased ? !cap_word(w) :
			    !(w->pid == 0 || (w->pfl & (NAME_FIRST | NAME_LAST | NAME_PLACE))) ||
			    (w->pfl & (NAME_STOP | NAME_DET | NAME_PRON | NAME_AND | NAME_TITLE)))
				break;
			e = ++g;
		}
		if (e > h + 1 && (!pl->cased || t->cap)) {
			*a = h;
			*b = e;
			return PLACES_ORG;
		}
		return -1;      /* "en la clínica no hay": no name before it */
	}
	/* "the Office of Vocational Rehabilitation", "Area Agency on
	 * Aging", "the Center for the Visually Impaired": where the text
	 * has case, a capital head, of, on or for, and capitals */
	if (pl->cased && t->cap && nx &&
	    (nx->id == pl->id_of || nx->id == pl->id_on || nx->id == pl->id_for)) {
		size_t f = h + 2;
		if (f < ntok && tv[f].id == pl->id_the && !tv[f].cap)
			f++;
		size_t g = f;
		while (g < ntok && g - f < 5 && tv[g].cap && free_tok(&tv[g]) &&
		       !(tv[g].pfl & (NAME_TITLE | NAME_NOTNAME)) &&
		       names_joinable(s, &tv[g - 1], &tv[g]) && tv[g - 1].core == tv[g - 1].len &&
		       s[tv[g - 1].off + tv[g - 1].len] != '.')
			g++;
		if (g > f) {
			size_t m = h;
			while (m > 0 && h - m < 4 && tv[m - 1].cap && free_tok(&tv[m - 1]) &&
			       tv[m - 1].core == tv[m - 1].len && names_joinable(s, &tv[m - 1], &tv[m]) &&
			       !(tv[m - 1].pfl & (NAME_TITLE | NAME_DET | NAME_PRON | NAME_NOTNAME |
			                          NAME_AND)) &&
			       !starts_sentence(s, tv[m - 1].off))
				m--;
			*a = m;
			*b = g;
			return PLACES_ORG;
		}
	}
	/* university of Michigan, the college of western idaho */
	if ((id == pl->id_university || id == pl->id_college) && nx && nx->id == pl->id_of) {
		size_t e = h + 2;
		while (e < ntok && e - (h + 2) < 3 && name_word(pl, &tv[e]) &&
		       names_joinable(s, &tv[e - 1], &tv[e]) &&
		       tv[e - 1].core == tv[e - 1].len)
			e++;
		if (e > h + 2) {
			*a = h;
			*b = e;
			return PLACES_ORG;
		}
	}
	/* "valley family medicine", "treasure valley family counseling": a
	 * name before the pair; a second word of a pair alone is no head */
	bool second = in_set(&pl->compound_head, id);
	if (h >= 1 && in_set(&pl->compound, tv[h - 1].pid) && free_tok(&tv[h - 1]) &&
	    tv[h - 1].core == tv[h - 1].len && names_joinable(s, &tv[h - 1], t)) {
		size_t m = name_before(pl, s, tv, h - 1, true);
		/* "youth mental health": without case and without a modifier
		 * (canyon county behavioral health), ordinary words before the
		 * pair are no name */
		bool words = m < h - 1 && !pl->cased && !in_set(&pl->mod, tv[h - 2].pid);
		for (size_t k = m; words && k < h - 1; k++)
			words = (tv[k].pfl & NAME_WORD) &&
			        !(tv[k].pfl & (NAME_FIRST | NAME_LAST | NAME_PLACE));
		if (words)
			m = h - 1;
		/* "at valley family medicine": a word is the name after a cue */
		if (m == h - 1 && one_before(pl, s, tv, h - 1))
			m = h - 2;
		if (m < h - 1) {
			*a = m;
			while (*b < ntok && free_tok(&tv[*b]) && (tv[*b].pfl & NAME_INST_HEAD) &&
			       tv[*b - 1].core == tv[*b - 1].len && spaced(s, &tv[*b - 1], &tv[*b]))
				(*b)++;
			return PLACES_ORG;
		}
	}
	if (second)
		return -1;
	bool bare = (id == pl->id_high || id == pl->id_middle || id == pl->id_elementary);
	if (bare && nx && nx->pid == pl->id_school)
		return -1;   /* the school is the head */
	/* "the center for the visually impaired": what it is for names it */
	size_t ce = charge_after(pl, s, tv, ntok, h);
	if (ce > h + 1 && h > 0 && tv[h - 1].id == pl->id_the) {
		*a = h;
		*b = ce;
		return PLACES_ORG;
	}
	if ((id == pl->id_center || id == pl->id_centre) &&
	    !(h > 0 && tv[h - 1].pid == pl->id_medical))
		return -1;
	if (in_set(&pl->county, id)) {
		*a = name_before(pl, s, tv, h, false);
		if (*a == h && one_before(pl, s, tv, h))
			*a = h - 1;
		if (*a == h)
			return -1;
		/* "canyon county behavioral health", "ada county hospital":
		 * the county's institution */
		size_t e = h + 1;
		if (e + 1 < ntok && in_set(&pl->compound, tv[e].pid) && free_tok(&tv[e]) &&
		    free_tok(&tv[e + 1]) && (tv[e + 1].pfl & NAME_INST_HEAD) &&
		    names_joinable(s, t, &tv[e]) && names_joinable(s, &tv[e], &tv[e + 1]))
			e += 2;
		else if (nx && free_tok(nx) && (nx->pfl & NAME_INST_HEAD) &&
		         !in_set(&pl->county, nx->pid) &&
		         (!in_set(&pl->compound_head, nx->pid) || (pl->cased && nx->cap)))
			e++;
		/* "franklin county board of developmental disabilities": in text
		 * without case, a county's body, of, and what it is of, up to a
		 * function word */
		if (e <= h + 2 && !pl->cased && h + 3 < ntok && in_set(&pl->body, tv[h + 1].pid) &&
		    free_tok(&tv[h + 1]) && names_joinable(s, t, &tv[h + 1]) &&
		    tv[h + 2].id == pl->id_of && names_joinable(s, &tv[h + 1], &tv[h + 2])) {
			size_t f = charge_words(pl, s, tv, ntok, h + 3, false);
			if (f > h + 3) {
				*b = f;
				return PLACES_ORG;
			}
		}
		if (e == h + 1)
			return PLACES_PLACE;
		if (pl->cased)
			e = heads_after(pl, s, tv, ntok, e);
		/* "the Fresno County Department of Public Health" */
		if (pl->cased && e + 1 < ntok && tv[e].id == pl->id_of && tv[e - 1].cap &&
		    names_joinable(s, &tv[e - 1], &tv[e])) {
			size_t f = e + 1;
			while (f < ntok && f - (e + 1) < 4 && tv[f].cap && free_tok(&tv[f]) &&
			       names_joinable(s, &tv[f - 1], &tv[f]) &&
			       tv[f - 1].core == tv[f - 1].len)
				f++;
			if (f > e + 1)
				e = f;
		}
		*b = e;
		return PLACES_ORG;
	}
	*a = name_before(pl, s, tv, h, true);
	/* "Community Regional Medical Center", "Fresno City College": where
	 * the text has case, capitals in mid-sentence before a capital head
	 * are its name, modifiers and generic words too */
	if (pl->cased && t->cap) {
		size_t m = h;
		/* "UCSF Benioff Children's Hospital": a modifier's 's is the
		 * name's */
		while (m > 0 && h - m < 4 && tv[m - 1].cap && free_tok(&tv[m - 1]) &&
		       (tv[m - 1].core == tv[m - 1].len || in_set(&pl->mod, tv[m - 1].pid)) &&
		       names_joinable(s, &tv[m - 1], &tv[m]) &&
		       !(tv[m - 1].pfl & (NAME_TITLE | NAME_DET | NAME_PRON |
		                          NAME_NOTNAME | NAME_AND)) &&
		       !starts_sentence(s, tv[m - 1].off))
			m--;
		if (m < *a && h - m >= 2)
			*a = m;
	}
	/* "at capital high and": the high ends the phrase (not "high
	 * prices"); so does a memorial, short for the hospital ("the
	 * billing office at riverside memorial"), and only so: before a
	 * head it is a modifier (riverside memorial hospital) */
	bool one_word = id == pl->id_high || id == pl->id_memorial || id == pl->id_middle ||
	                id == pl->id_elementary;
	bool high_one = one_word && (*a == h || *a == h - 1) &&
	                (!nx || (nx->pfl & (NAME_STOP | NAME_AND | NAME_DET | NAME_PRON))) &&
	                one_before(pl, s, tv, h);
	if (*a == h && high_one)
		*a = h - 1;
	/* a short form of this document's own hospital is linked to it
	 * (find_short), not made a new institution */
	/* "first baptist church", "grace lutheran church": a name or such a
	 * word before the denomination ("a catholic church" stays) */
	if (id == pl->id_church && *a == h && h >= 2 && in_set(&pl->denomination, tv[h - 1].pid) &&
	    names_joinable(s, &tv[h - 2], &tv[h - 1]) && tv[h - 2].core == tv[h - 2].len &&
	    (in_set(&pl->church_first, tv[h - 2].pid) || name_word(pl, &tv[h - 2])))
		*a = h - 2;
	if (id == pl->id_memorial &&
	    (!high_one || (nx && (nx->pfl & NAME_INST_HEAD)) || places_short_known(pl, tv, *a, h + 1)))
		return -1;
	if (*a == h)
		return -1;
	if ((id == pl->id_high || id == pl->id_middle) && !proper_words(pl, tv, *a, h) &&
	    !high_one)
		return -1;
	if (in_set(&pl->weak_head, id) && !proper_words(pl, tv, *a, h))
		return -1;
	/* "the Salvation Army shelter": where the text has case, a zoo's,
	 * a museum's or a shelter's name has a capital head */
	if (pl->cased && !t->cap && in_set(&pl->cap_head, id))
		return -1;
	/* "the focus group": only a capitalised Group is a company */
	if (id == pl->id_group && !(t->cap && tv[*a].cap))
		return -1;
	/* a church is a saint's or a denomination's: "first baptist church" */
	if (id == pl->id_church && !in_set(&pl->saint, tv[*a].id) &&
	    !(h > 0 && in_set(&pl->denomination, tv[h - 1].pid)))
		return -1;
	*b = heads_after(pl, s, tv, ntok, *b);
	/* "central ohio area agency on aging" */
	*b = charge_after(pl, s, tv, ntok, *b - 1);
	return PLACES_ORG;
}

/* The words named after "a place called" at tokens i.., up to four,
 * ending where a function word starts; their end, or i. */
static size_t
called_name(const qp_places *pl, const char *s, const names_tok *tv, size_t ntok,
            size_t i)
{
	size_t j = i;
	while (j < ntok && j - i < 4 && free_tok(&tv[j]) &&
	       !(tv[j].pfl & (NAME_AND | NAME_DET | NAME_PRON | NAME_WHERE | NAME_SAYS |
	                      NAME_TITLE)) &&
	       !((tv[j].pfl & NAME_INST_HEAD) && !in_set(&pl->compound_head, tv[j].pid)) &&
	       !in_set(&pl->ends, tv[j].pid) &&
	       (j == i || (tv[j - 1].core == tv[j - 1].len && spaced(s, &tv[j - 1], &tv[j]))))
		j++;
	if (j == i || (pl->cased && !tv[i].cap))
		return i;
	/* "a place called home": one ordinary word names no one */
	if (j == i + 1 && !tv[i].cap && tv[i].pid && (tv[i].pfl & (NAME_COMMON | NAME_WORD)))
		return i;
	return j;
}

/* An institution by the words around it, at token i: "at saint
 * luke's", "to boise state", "a clinic called ..."; its end, or i. */
size_t
orgs_shaped_at(const qp_places *pl, const char *s, const names_tok *tv, size_t ntok,
               size_t i, bool *town)
{
	const names_tok *t = &tv[i];
	*town = false;
	if (i + 1 >= ntok || !free_tok(t) || !names_joinable(s, t, &tv[i + 1]))
		return i;
	if (t->id == pl->id_called || t->id == pl->id_named) {
		/* "a place in meridian called": a noun of the set, after a or
		 * an ("a small town called", "a little village named": a word
		 * or two between) */
		for (size_t k = i; k > 1 && i - k < 4; k--) {
			bool tn = in_set(&pl->town, tv[k - 1].pid);
			if (!tn && !in_set(&pl->called_noun, tv[k - 1].pid))
				continue;
			size_t d = k - 1;
			while (tn && d > 0 && k - 1 - d < 2 && !in_set(&pl->det, tv[d - 1].id) &&
			       (tv[d - 1].pfl & NAME_WORD) && !(tv[d - 1].pfl & NAME_STOP))
				d--;
			if (d > 0 && (tv[d - 1].id == pl->id_a || tv[d - 1].id == pl->id_an ||
			              (tn && in_set(&pl->det, tv[d - 1].id)))) {
				*town = tn;
				return called_name(pl, s, tv, ntok, i + 1);
			}
		}
		return i;
	}
	/* "with Holy Cross across the river", "at holy family": a parish or
	 * its school ("the holy spirit" is no name) */
	if (t->id == pl->id_holy && in_set(&pl->holy, tv[i + 1].pid) && free_tok(&tv[i + 1]) &&
	    !(tv[i - 1].pfl & NAME_DET) &&
	    (pl->cased ? t->cap && tv[i + 1].cap && !starts_sentence(s, t->off) :
	     after_cue(pl, s, tv, i) || tv[i - 1].pid == pl->id_with))
		return i + 2;
	/* "my church is saint mary's", "st. vincent's called": a saint's,
	 * with its 's, is a parish or a hospital after any word ("saint
	 * patrick's day" is a day) */
	size_t len;
	if (!after_cue(pl, s, tv, i))
		/* "on St. Paul's list": a town's, not a parish */
		return in_set(&pl->saint, t->id) && name_word(pl, &tv[i + 1]) &&
		       !((t->pfl & NAME_PHEAD) && places_multi_at(pl, s, tv, ntok, i, &len)) &&
		       tv[i + 1].core < tv[i + 1].len && names_joinable(s, t, &tv[i + 1]) &&
		       !(i + 2 < ntok && (tv[i + 2].pid == pl->id_day || tv[i + 2].pid == pl->id_eve)) ?
		       i + 2 : i;
	/* "to boise state": a university, not the state (a region is one;
	 * "boise state of mind" is no name) */
	bool multi = (t->pfl & NAME_PHEAD) && places_multi_at(pl, s, tv, ntok, i, &len);
	/* "oregon state" too: only Washington State is said of the state
	 * itself where a university could be meant */
	if ((t->pfl & (NAME_PLACE | NAME_REGION)) && t->id != pl->id_washington && !multi &&
	    tv[i - 1].id != pl->id_in && tv[i + 1].pid == pl->id_state &&
	    free_tok(&tv[i + 1]) && t->core == t->len &&
	    !(i + 2 < ntok && tv[i + 2].id == pl->id_of))
		return i + 2;
	/* "born at saint alphonsus", "to saint luke's meridian"; saint paul
	 * is a place of the gazetteer */
	/* "at saint anne's": Saint Anne is a town, the saint's is a parish */
	if (in_set(&pl->saint, t->id) && multi && tv[i + len - 1].core < tv[i + len - 1].len)
		return i + len;
	if (in_set(&pl->saint, t->id) && name_word(pl, &tv[i + 1]) && !multi) {
		size_t j = i + 2;
		/* the branch: "saint luke's meridian" */
		const names_tok *w = &tv[j - 1];
		bool poss = w->core < w->len ||
		            (w->len > 2 && s[w->off + w->len - 1] == 's' &&
		             s[w->off + w->len - 2] == '\'');
		if (j < ntok && (tv[j].pfl & NAME_PLACE) && free_tok(&tv[j]) && poss &&
		    spaced(s, w, &tv[j]))
			j++;
		/* "st. olaf catholic has volunteers" */
		else if (j < ntok && in_set(&pl->denomination, tv[j].pid) && free_tok(&tv[j]) &&
		         spaced(s, w, &tv[j]))
			j++;
		return j;
	}
	return i;
}

/* Is tokens i..j-1, a name of orgs.txt, the organisation here?  Where
 * the text has case it is written with a capital ("the Walmart on
 * fifth", not "a target"); a name of one word that is also an ordinary
 * word or a person's name (target, mayo, lowe) needs at, from or with
 * before it ("for love" is no Love's); several words ("home depot") need no more, unless an
 * article makes them a noun ("a red cross"). */
static bool
org_at(const qp_places *pl, const char *s, const names_tok *tv, size_t ntok,
       size_t i, size_t j)
{
	const names_tok *t = &tv[i];
	for (size_t k = i; k < j; k++)
		if (!free_tok(&tv[k]))
			return false;
	if (i > 0 && (tv[i - 1].pfl & NAME_TITLE))
		return false;
	if (pl->cased && !t->cap)
		return false;
	bool cue = i > 0 && spaced(s, &tv[i - 1], t) &&
	           (tv[i - 1].id == pl->id_at || tv[i - 1].id == pl->id_from ||
	            tv[i - 1].id == pl->id_with);
	/* "take an uber", "a red cross": a thing, not the company */
	if (i > 0 && (tv[i - 1].id == pl->id_a || tv[i - 1].id == pl->id_an))
		return false;
	/* "boise state of mind" */
	if (j - i > 1)
		return !(j < ntok && tv[j].id == pl->id_of);
	bool plain = t->pid && !(t->pfl & (NAME_WORD | NAME_COMMON | NAME_PLACE_WORD |
	                                   NAME_FIRST | NAME_LAST | NAME_STOP | NAME_NOTNAME));
	if (plain)
		return true;
	return cue || (pl->cased && !starts_sentence(s, t->off) &&
	               !(t->pfl & (NAME_FIRST | NAME_LAST)));
}

size_t
orgs_listed_at(const qp_places *pl, const char *s, const names_tok *tv, size_t ntok,
               size_t i, size_t j)
{
	if (!org_at(pl, s, tv, ntok, i, j))
		return i;
	/* its branch: "fairview southdale", "abbott northwestern", "the
	 * walmart in edina" is not one */
	while (j < ntok && j - i < 4 && free_tok(&tv[j]) && tv[j - 1].core == tv[j - 1].len &&
	       spaced(s, &tv[j - 1], &tv[j]) && (pl->cased ? tv[j].cap : true) &&
	       (((tv[j].pfl & NAME_PLACE) && !(tv[j].pfl & NAME_PLACE_WORD)) ||
	        (tv[j].pid == 0 && !tv[j].digit) || in_set(&pl->branch, tv[j].pid) ||
	        in_set(&pl->denomination, tv[j].pid)) &&
	       !(j + 1 < ntok && tv[j + 1].id == pl->id_of))
		j++;
	return j;
}

/* "i work at costco", "a shift at Fred Meyer": token i is a word of
 * employ, then at or for; the employer's end (one to three words that
 * are no English word, or capitalised where the text has case), or i. */
size_t
orgs_employer_at(const qp_places *pl, const char *s, const names_tok *tv, size_t ntok,
                 size_t i)
{
	if (i + 2 >= ntok || !(tv[i + 1].id == pl->id_at || tv[i + 1].id == pl->id_for) ||
	    !spaced(s, &tv[i], &tv[i + 1]) || !spaced(s, &tv[i + 1], &tv[i + 2]))
		return i;
	size_t j = i + 2;
	while (j < ntok && j - (i + 2) < 3 && free_tok(&tv[j]) && !tv[j].digit &&
	       !(tv[j].pfl & (NAME_STOP | NAME_DET | NAME_PRON | NAME_AND | NAME_WHERE |
	                      NAME_NOTNAME | NAME_TITLE | NAME_REGION | NAME_INST_HEAD)) &&
	       !in_set(&pl->ends, tv[j].pid) && !in_set(&pl->generic, tv[j].pid) &&
	       (pl->cased ? tv[j].cap && !starts_sentence(s, tv[j].off) :
	        !(tv[j].pfl & (NAME_WORD | NAME_COMMON | NAME_PLACE_WORD | NAME_PLACE))) &&
	       (j == i + 2 || (tv[j - 1].core == tv[j - 1].len && spaced(s, &tv[j - 1], &tv[j]))))
		j++;
	return j;
}

/* Is token t a word that may stand in a capitalised name after a cue? */
static bool
cap_name(const names_tok *t)
{
	return t->cap && free_tok(t) && !t->digit &&
	       !(t->pfl & (NAME_TITLE | NAME_DET | NAME_PRON | NAME_STOP | NAME_NOTNAME |
	                   NAME_AND | NAME_REGION | NAME_CUE | NAME_SAYS | NAME_WHERE));
}

/*
 * The last institutions, where nothing else claimed the words:
 *   "at Harbor View", "with Valley Promotoras": where the text has
 *   case, two to four capitals after at, for or with in mid-sentence
 *   (a given name or a surname first is left to the guesser of people;
 *   one capital alone only when it is no word: "at Costco");
 *   "from trinity lutheran": after at, from or to, a name or a word of
 *   churches before a denomination.
 */
void
orgs_after_cues(qp_places *pl, const char *s, names_tok *tv, size_t ntok, const size_t *cues,
                size_t ncues, places_ent_fn ent, void *ctx)
{
	for (size_t c = 0; c < ncues; c++) {
		size_t i = cues[c] + 1;
		if (i + 1 >= ntok)
			break;
		uint32_t p = tv[i - 1].id;
		bool at = p == pl->id_at || p == pl->id_from || p == pl->id_to;
		/* "our church maple grove united methodist", "our church, grace
		 * lutheran," */
		bool church = p == pl->id_church;
		/* "from trinity lutheran", "at greater new hope baptist": one
		 * to four names or words of churches, then the denomination;
		 * after the first, a people's word too ("First African
		 * Baptist") */
		size_t d = i;
		/* a roster name that is such a word (hope, grace, faith) and
		 * still undecided, or a town ("mount pleasant united
		 * methodist"), is the church's here */
		while ((at || church) && d < ntok && d - i < 4 && tv[d].core == tv[d].len &&
		       !in_set(&pl->denomination, tv[d].pid) &&
		       ((free_tok(&tv[d]) &&
		         (in_set(&pl->church_first, tv[d].pid) || name_word(pl, &tv[d]) ||
		          (d > i && (tv[d].pfl & (NAME_PLACE_WORD | NAME_NOTNAME))))) ||
		        (tv[d].amb && in_set(&pl->church_first, tv[d].pid)) ||
		        (tv[d].ent >= 0 && tv[d].why == WHY_PLACES && !tv[d].person)) &&
		       (spaced(s, &tv[d - 1], &tv[d]) ||
		        (church && d == i && s[tv[d - 1].off + tv[d - 1].len] == ',' &&
		         names_blanks(s, tv[d - 1].off + tv[d - 1].len + 1, tv[d].off))))
			d++;
		if (d > i && d < ntok && in_set(&pl->denomination, tv[d].pid) && free_tok(&tv[d]) &&
		    spaced(s, &tv[d - 1], &tv[d]) &&
		    !(d + 1 < ntok && tv[d + 1].pid == pl->id_church)) {
			places_mark(pl, s, tv, i, d + 1, PLACES_ORG, ent, ctx);
			continue;
		}
		if (church)
			continue;
		/* "she rides to Allegheny General", "at Mass General": a
		 * hospital by its short name, where the text has case */
		if (at && pl->cased && tv[i + 1].pid == pl->id_general && tv[i + 1].cap &&
		    free_tok(&tv[i + 1]) && cap_name(&tv[i]) && !in_set(&pl->office, tv[i].pid) &&
		    !starts_sentence(s, tv[i].off) &&
		    spaced(s, &tv[i - 1], &tv[i]) && spaced(s, &tv[i], &tv[i + 1]) &&
		    tv[i].core == tv[i].len) {
			places_mark(pl, s, tv, i, i + 2, PLACES_ORG, ent, ctx);
			continue;
		}
		if (!pl->cased || !tv[i].cap)
			continue;
		if (!(at || p == pl->id_for || p == pl->id_with) || p == pl->id_to ||
		    !spaced(s, &tv[i - 1], &tv[i]) || !cap_name(&tv[i]) ||
		    starts_sentence(s, tv[i].off) ||
		    ((tv[i].pfl & (NAME_FIRST | NAME_LAST)) && !(tv[i].pfl & NAME_WORD)))
			continue;
		size_t j = i + 1;
		while (j < ntok && j - i < 4 && cap_name(&tv[j]) && tv[j - 1].core == tv[j - 1].len &&
		       spaced(s, &tv[j - 1], &tv[j]))
			j++;
		if (j - i == 1 && (tv[i].pid != 0 || tv[i].allcaps))
			continue;
		places_mark(pl, s, tv, i, j, PLACES_ORG, ent, ctx);
	}
}
