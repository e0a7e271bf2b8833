/*
 * places.c: places of the gazetteer, and the walk of a field that finds
 * them and, with orgs.c, its institutions (see places.h, places_int.h
 * and anonymize(1), "Places and institutions").
 *
 * Nothing here runs for a token that is not flagged in the lexicon, so
 * the cost on ordinary text is one test of the flags names_tokenize
 * already fetched.  The small closed word sets (the cues of a place
 * here, those of institutions in orgs.c) are kept as sorted lexicon ids
 * and searched only at a candidate.
 */
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "map.h"
#include "places.h"
#include "places_int.h"
#include "qp.h"
#include "utf8.h"
#include "xalloc.h"
#include "words.h"

#ifndef QP_DATADIR
#define QP_DATADIR "/usr/local/share/qualpipe"
#endif

static inline uint32_t
pair_bit(uint32_t a, uint32_t b)
{
	return (uint32_t)(((uint64_t)a * 0x9E3779B97F4A7C15u ^ b * 0xC2B2AE3Du) >> 20) &
	       (PAIR_BITS - 1);
}

void
places_set_make(qp_names *nm, idset *set, const char *const *words)
{
	size_t n = 0;
	while (words[n])
		n++;
	set->v = xcalloc(n ? n : 1, sizeof *set->v);
	for (set->n = 0; set->n < n; set->n++)
		set->v[set->n] = names_intern_listed(nm, words[set->n]);
	qsort(set->v, set->n, sizeof *set->v, places_cmp_id);
}

static const char *const w_cue[] = {
	"in", "from", "near", "outside", "around", "via", "across", "downtown",
	"toward", "towards", NULL
};
static const char *const w_verb[] = {
	"up", "moved", "move", "moving", "moves", "lived", "live", "lives",
	"living", "born", "raised", "based", "located", "relocated",
	"stationed", "went", "flew", "fly", "flying", "drove", "drive",
	"driving", "travelled", "traveled", "travel", "came", "commute",
	"commuted", "commuting", "trip", "vacation", "stayed", "stay", "staying",
	"settled", "returned", "headed", "heading", "grew", "home",
	/* i'm from Boise, she is in Paris */
	"i'm", "am", "is", "are", "was", "were", "originally", "visiting",
	"visited", "visit", NULL
};
static const char *const w_go[] = { "in", "to", "from", "at", "near", NULL };
/* Verbs of going that go on with an infinitive as often ("going to
 * say", "go to sleep"): before in, to or from a weaker cue, as "in". */
static const char *const w_go_verb[] = { "go", "goes", "going", "gone", "been", NULL };
static const char *const w_of_cue[] = {
	"outside", "north", "south", "east", "west", "city", "town", "village",
	"suburb", "suburbs", "outskirts", "county", "province", "state",
	"area", NULL
};
static const char *const w_visit[] = {
	"visited", "visiting", "visit", NULL
};
static const char *const w_det[] = {
	"a", "an", "the", "my", "his", "her", "their", "our", "your", "this",
	"these", "those", NULL
};

/* --- the gazetteer --- */

struct load_ctx {
	qp_places *pl;
	uint32_t flag;         /* NAME_PLACE, NAME_PLACE_WORD, NAME_REGION or NAME_ORG */
};

static void
add_place(void *ctx, const char *w, size_t n)
{
	struct load_ctx *c = ctx;
	qp_names *nm = c->pl->nm;
	const uint32_t *ids;
	/* "macy's", "lowe's": the text's "macy's" is looked up without its
	 * 's, and "macy" alone is the same store */
	if (c->flag == NAME_ORG && n > 2 && w[n - 1] == 's' && w[n - 2] == '\'')
		n -= 2;
	size_t k = names_intern_words(nm, w, n, &ids);
	if (k == 1) {
		names_set_flags(nm, ids[0], c->flag);
		return;
	}
	if (k < 2 || k > 4)
		return;
	names_set_flags(nm, ids[0], NAME_PHEAD);
	uint32_t b = pair_bit(ids[0], ids[1]);
	c->pl->pairs[b / 64] |= 1ull << (b % 64);
	bool created;
	qp_entry *e = qp_map_put(c->pl->multi, (const char *)ids, k * sizeof *ids,
	                         &created);
	uintptr_t kind = c->flag == NAME_REGION ? K_REGION :
	                 c->flag == NAME_PLACE_WORD ? K_WORD :
	                 c->flag == NAME_ORG ? K_ORG : K_PLACE;
	e->val = (void *)((created ? 0 : (uintptr_t)e->val) | kind);
}

static bool
file_in(const char *dir, const char *name)
{
	char p[PATH_MAX];
	struct stat st;
	return snprintf(p, sizeof p, "%s/%s", dir, name) < (int)sizeof p &&
	       stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

qp_places *
places_new(qp_names *nm, const char *dir)
{
	static const struct { const char *f; uint32_t fl; } lists[] = {
		{ "places.txt", NAME_PLACE }, { "placewords.txt", NAME_PLACE_WORD },
		{ "regions.txt", NAME_REGION }, { "orgs.txt", NAME_ORG }
	};
	qp_places *pl = xcalloc(1, sizeof *pl);
	char found[PATH_MAX], p[PATH_MAX];

	pl->nm = nm;
	pl->multi = qp_map_new();
	places_set_make(nm, &pl->cue, w_cue);
	places_set_make(nm, &pl->verb, w_verb);
	places_set_make(nm, &pl->go, w_go);
	places_set_make(nm, &pl->of_cue, w_of_cue);
	places_set_make(nm, &pl->visit, w_visit);
	/* det before the sets of orgs_init, whose words then take the ids
	 * they had when all were made here in one list */
	places_set_make(nm, &pl->det, w_det);
	orgs_init(pl);
	places_set_make(nm, &pl->go_verb, w_go_verb);
	pl->id_of = names_intern_listed(nm, "of");
	pl->id_to = names_intern_listed(nm, "to");
	pl->id_from = names_intern_listed(nm, "from");
	pl->id_holy = names_intern_listed(nm, "holy");
	pl->id_state = names_intern_listed(nm, "state");
	pl->id_called = names_intern_listed(nm, "called");
	pl->id_named = names_intern_listed(nm, "named");
	pl->id_in = names_intern_listed(nm, "in");
	pl->id_at = names_intern_listed(nm, "at");
	pl->id_saint = names_intern_listed(nm, "saint");
	pl->id_st = names_intern_listed(nm, "st");
	pl->id_a = names_intern_listed(nm, "a");
	pl->id_an = names_intern_listed(nm, "an");

	if (dir && !file_in(dir, "places.txt"))
		dir = NULL;
	if (!dir && !names_find_data("places", "places.txt", found, sizeof found))
		qp_die("cannot find the gazetteer (places.txt, placewords.txt, regions.txt, orgs.txt) "
		       "in %s/places or beside the program", QP_DATADIR);
	if (!dir)
		dir = found;
	for (size_t k = 0; k < sizeof lists / sizeof lists[0]; k++) {
		if (snprintf(p, sizeof p, "%s/%s", dir, lists[k].f) >= (int)sizeof p)
			qp_die("%s: path too long", dir);
		struct load_ctx c = { pl, lists[k].fl };
		names_read_list(p, add_place, &c);
	}
	return pl;
}

void
places_free(qp_places *pl)
{
	if (!pl)
		return;
	qp_map_free(pl->multi);
	idset *sets[] = { &pl->cue, &pl->verb, &pl->go, &pl->of_cue, &pl->visit, &pl->go_verb,
	                  &pl->det };
	orgs_free(pl);
	for (size_t k = 0; k < sizeof sets / sizeof sets[0]; k++)
		free(sets[k]->v);
	buf_free(&pl->norm);
	free(pl);
}

/* --- evidence --- */

/* Only blanks between a and b: words that read as one phrase. */
/* Blanks and at most one comma: "Reading, Pennsylvania". */
static bool
listed_after(const char *s, const names_tok *a, const names_tok *b)
{
	int commas = 0;
	size_t i = a->off + a->len;
	if (i == b->off)
		return false;
	for (; i < b->off; i++)
		if (s[i] == ',')
			commas++;
		else if (s[i] != ' ')
			return false;
	return commas <= 1;
}

/* May a phrase of multi start with tokens i and i + 1 (the second as it
 * is written or less its 's)?  No means no; yes, perhaps. */
static inline bool
pair_known(const qp_places *pl, const names_tok *tv, size_t ntok, size_t i)
{
	if (i + 1 >= ntok)
		return false;
	uint32_t b1 = pair_bit(tv[i].id, tv[i + 1].id), b2 = pair_bit(tv[i].id, tv[i + 1].pid);
	return (pl->pairs[b1 / 64] >> (b1 % 64) & 1) || (pl->pairs[b2 / 64] >> (b2 % 64) & 1);
}

unsigned
places_multi_at(const qp_places *pl, const char *s, const names_tok *tv, size_t ntok,
                size_t i, size_t *len)
{
	uint32_t key[4];
	if (!pair_known(pl, tv, ntok, i))
		return 0;
	for (size_t k = ntok - i < 4 ? ntok - i : 4; k >= 2; k--) {
		size_t m;
		for (m = 0; m < k; m++) {
			if (m > 0 && !names_joinable(s, &tv[i + m - 1], &tv[i + m]))
				break;
			if (m + 1 < k && tv[i + m].core != tv[i + m].len)
				break;
			key[m] = m + 1 == k ? tv[i + m].pid : tv[i + m].id;
		}
		if (m < k)
			continue;
		qp_entry *e = qp_map_get(pl->multi, (const char *)key, k * sizeof *key);
		if (e) {
			*len = k;
			return (unsigned)(uintptr_t)e->val;
		}
	}
	return 0;
}

/* Is the place at tokens i..j-1 followed by a state or a country? */
static bool
region_after(const qp_places *pl, const char *s, const names_tok *tv,
             size_t ntok, size_t j)
{
	if (j >= ntok || tv[j - 1].core != tv[j - 1].len ||
	    !listed_after(s, &tv[j - 1], &tv[j]))
		return false;
	if (tv[j].pfl & NAME_REGION)
		return true;
	size_t len;
	return (tv[j].pfl & NAME_PHEAD) && (places_multi_at(pl, s, tv, ntok, j, &len) & K_REGION);
}

/* How strongly the words before token i say that a place comes:
 * 2 "grew up in", "moved to", "outside of", "visited"; 1 "in", "from",
 * "near"; 0 nothing. */
static int
cue_before(const qp_places *pl, const char *s, const names_tok *tv, size_t i)
{
	if (i == 0 || !spaced(s, &tv[i - 1], &tv[i]))
		return 0;
	const names_tok *p = &tv[i - 1];
	if (in_set(&pl->visit, p->id))
		return 2;
	if (i >= 2 && spaced(s, &tv[i - 2], p)) {
		uint32_t pp = tv[i - 2].id;
		if (in_set(&pl->go, p->id) && in_set(&pl->verb, pp))
			return 2;
		if (p->id == pl->id_of && in_set(&pl->of_cue, pp))
			return 2;
	}
	return in_set(&pl->cue, p->id) ? 1 : 0;
}

/* "worked at delphi in moraine until they closed": after in or from, a
 * place that is a word, then a word that ends the phrase (a conjunction
 * or the end); not a verb's -ing or -ed form ("from reading and"). */
static bool
clause_ends(const char *s, const names_tok *tv, size_t ntok, size_t i, size_t j)
{
	static const char *const ends[] = {
		"until", "till", "and", "but", "so", "because", "when", "where",
		"before", "after", "since", "for", "then", "now", NULL
	};
	const names_tok *t = &tv[i];
	if (t->core >= 5 && (memcmp(s + t->off + t->core - 3, "ing", 3) == 0 ||
	                     memcmp(s + t->off + t->core - 2, "ed", 2) == 0))
		return false;
	if (j == ntok)
		return true;
	const names_tok *n = &tv[j];
	char w[8];
	if (n->core >= sizeof w)
		return false;
	for (size_t k = 0; k < n->core; k++)
		w[k] = (char)(s[n->off + k] | 0x20);
	return qp_word_in(w, n->core, ends);
}

/* The folded words of tokens i..j-1, one blank between, into pl->norm. */
static void
norm_of(qp_places *pl, const char *s, const names_tok *tv, size_t i, size_t j)
{
	buf_reset(&pl->norm);
	for (size_t k = i; k < j; k++) {
		if (pl->norm.len)
			buf_addc(&pl->norm, ' ');
		utf8_fold(s + tv[k].off, tv[k].core, &pl->norm);
	}
}

static void
mark_ent(names_tok *tv, size_t i, size_t j, uint32_t e, enum places_kind kind)
{
	for (size_t k = i; k < j; k++) {
		tv[k].ent = (int32_t)e;
		tv[k].person = kind == PLACES_PERSON;
		/* a person here followed a title, a cue or came before a surname */
		tv[k].why = kind == PLACES_PERSON ? WHY_CUE : WHY_PLACES;
		tv[k].cont = k > i;     /* "St. Mary's": the dot ends no sentence */
		tv[k].amb = 0;          /* "new hope baptist": a church's, no roster word */
		/* St. Mary's Hospital: a possessive inside is taken whole */
		if (k + 1 < j)
			tv[k].core = tv[k].len;
	}
}

uint32_t
places_mark(qp_places *pl, const char *s, names_tok *tv, size_t i, size_t j,
            enum places_kind kind, places_ent_fn ent, void *ctx)
{
	norm_of(pl, s, tv, i, j);
	uint32_t e = ent(ctx, kind, pl->norm.s, pl->norm.len);
	mark_ent(tv, i, j, e, kind);
	return e;
}

bool
places_short_known(const qp_places *pl, const names_tok *tv, size_t a, size_t b)
{
	for (size_t k = 0; k < pl->nshort; k++) {
		if (pl->shortv[k].n != b - a)
			continue;
		size_t m = 0;
		while (m < b - a && tv[a + m].pid == pl->shortv[k].id[m])
			m++;
		if (m == b - a)
			return true;
	}
	return false;
}

/* --- short forms: "riverside memorial" for riverside memorial hospital --- */

/* Can the words a..b-1 of an institution stand for it alone?  Two or
 * three words of the lexicon can ("riverside memorial"); one cannot
 * ("the memorial", "boise" stay), nor a word the lexicon lacks, as all
 * of those share the id 0. */
static bool
short_ok(const names_tok *tv, size_t a, size_t b)
{
	if (b - a < 2 || b - a > 3)
		return false;
	for (size_t k = a; k < b; k++)
		if (tv[k].pid == 0)
			return false;
	return true;
}

static void
add_short(qp_places *pl, const names_tok *tv, size_t a, size_t b, uint32_t e)
{
	if (!short_ok(tv, a, b) || pl->nshort == sizeof pl->shortv / sizeof pl->shortv[0])
		return;
	for (size_t k = 0; k < pl->nshort; k++) {
		size_t m = 0;
		while (m < b - a && m < pl->shortv[k].n && pl->shortv[k].id[m] == tv[a + m].pid)
			m++;
		if (m == b - a && m == pl->shortv[k].n)
			return;     /* the first institution keeps it */
	}
	for (size_t m = 0; m < b - a; m++)
		pl->shortv[pl->nshort].id[m] = tv[a + m].pid;
	pl->shortv[pl->nshort].n = (uint8_t)(b - a);
	pl->shortv[pl->nshort].ent = e;
	pl->short_first |= 1ull << (tv[a].pid & 63);
	pl->nshort++;
}

/* Note the short forms of the institution whose words before its head
 * h start at a: all of them, and its name without the modifiers. */
static void
note_short(qp_places *pl, const names_tok *tv, size_t a, size_t h, uint32_t e)
{
	add_short(pl, tv, a, h, e);
	size_t k = a;
	while (k < h && !in_set(&pl->mod, tv[k].pid))
		k++;
	if (k > a && k < h)
		add_short(pl, tv, a, k, e);
}

/* Give the short forms met in tv their institution's entity. */
static void
find_short(qp_places *pl, const char *s, names_tok *tv, size_t ntok)
{
	for (size_t i = 0; i < ntok; i++) {
		if (!(pl->short_first >> (tv[i].pid & 63) & 1) || !free_tok(&tv[i]))
			continue;
		for (size_t k = 0; k < pl->nshort; k++) {
			size_t n = pl->shortv[k].n, m = 0;
			while (m < n && i + m < ntok && tv[i + m].pid == pl->shortv[k].id[m] &&
			       free_tok(&tv[i + m]) &&
			       (m == 0 || (tv[i + m - 1].core == tv[i + m - 1].len &&
			                   names_joinable(s, &tv[i + m - 1], &tv[i + m]))))
				m++;
			if (m == n) {
				mark_ent(tv, i, i + n, pl->shortv[k].ent, PLACES_ORG);
				i += n - 1;
				break;
			}
		}
	}
}

void
places_new_doc(qp_places *pl)
{
	pl->nshort = 0;
	pl->short_first = 0;
}


void
places_find(qp_places *pl, const char *s, names_tok *tv, size_t ntok,
            places_ent_fn ent, void *ctx)
{
	pl->cased = false;
	pl->s = s;
	/* any capital counts, "I" too: ASR without case writes "i" */
	for (size_t k = 0; k < ntok && !pl->cased; k++)
		pl->cased = s[tv[k].off] >= 'A' && s[tv[k].off] <= 'Z';
	/* institutions first: Riverside Memorial Hospital is one, not a
	 * place and a hospital */
	/* the words that may start a shape (orgs_shaped_at), noted on the way
	 * so that a field is walked once for both: called is a cue */
	size_t cand[256], ncand = 0, ocue[256], nocue = 0;
	for (size_t h = 0; h < ntok; h++) {
		size_t a, b;
		uint32_t f = tv[h].pfl;
		/* without a branch: these flags are common and come at random,
		 * and a mispredicted test per word cost more than the rest;
		 * past the array's end, a field is a list, not speech */
		cand[ncand] = h;
		ncand += (h > 0) & ((f & (NAME_PLACE | NAME_REGION | NAME_CUE | NAME_EMPLOY |
		                          NAME_SHAPE)) != 0) &
		         (ncand + 1 < sizeof cand / sizeof cand[0]);
		ocue[nocue] = h;
		nocue += ((f & NAME_ORGCUE) != 0) & (nocue + 1 < sizeof ocue / sizeof ocue[0]);
		if (!(f & NAME_INST_HEAD) || !free_tok(&tv[h]))
			continue;
		int kind = orgs_institution_at(pl, s, tv, ntok, h, &a, &b);
		if (kind < 0)
			continue;
		uint32_t e = places_mark(pl, s, tv, a, b, (enum places_kind)kind, ent, ctx);
		if (kind == PLACES_ORG && a < h)
			note_short(pl, tv, a, h, e);
		h = b - 1;
	}
	for (size_t c = 0, end = 0; c < ncand; c++) {
		size_t i = cand[c];
		const names_tok *t = &tv[i];
		if (i < end)
			continue;
		uint32_t p = tv[i - 1].id;
		if (t->pfl & NAME_EMPLOY) {
			size_t b = orgs_employer_at(pl, s, tv, ntok, i);
			if (b > i + 2) {
				places_mark(pl, s, tv, i + 2, b, PLACES_ORG, ent, ctx);
				end = b;
			}
			continue;
		}
		if (t->id != pl->id_holy && !in_set(&pl->saint, t->id) &&
		    (p == pl->id_at || p == pl->id_to || p == pl->id_in || p == pl->id_from ?
		     !((t->pfl & (NAME_PLACE | NAME_REGION)) || in_set(&pl->saint, t->id)) :
		     !(t->id == pl->id_called || t->id == pl->id_named)))
			continue;
		size_t a = t->id == pl->id_called || t->id == pl->id_named ? i + 1 : i;
		bool town;
		size_t b = orgs_shaped_at(pl, s, tv, ntok, i, &town);
		if (b > a) {
			/* saint luke's, a place called joe's: the 's is the name's */
			if (tv[b - 1].pid != pl->id_state)
				tv[b - 1].core = tv[b - 1].len;
			places_mark(pl, s, tv, a, b, town ? PLACES_PLACE : PLACES_ORG, ent, ctx);
			end = b;
		}
	}
	if (pl->nshort)
		find_short(pl, s, tv, ntok);
	for (size_t i = 0; i < ntok; i++) {
		const names_tok *t = &tv[i];
		/* "on OB right now": short capitals are abbreviations */
		if (!(t->pfl & (NAME_PLACE | NAME_REGION | NAME_PHEAD | NAME_ORG)) || !free_tok(t) ||
		    (t->pfl & NAME_INST_HEAD) ||
		    (t->allcaps && t->core <= 3 && !(t->pfl & NAME_ORG)))
			continue;
		size_t len = 1;
		/* the pair is tested here, not behind a call: "best", "home"
		 * and "red" start listed names and come in every text */
		unsigned kind = (t->pfl & NAME_PHEAD) && pair_known(pl, tv, ntok, i) ?
		                places_multi_at(pl, s, tv, ntok, i, &len) : 0;
		if ((kind & K_ORG) || (!kind && (t->pfl & NAME_ORG))) {
			size_t oj = orgs_listed_at(pl, s, tv, ntok, i, kind ? i + len : i + 1);
			if (oj > i) {
				places_mark(pl, s, tv, i, oj, PLACES_ORG, ent, ctx);
				i = oj - 1;
				continue;
			}
			kind &= ~(unsigned)K_ORG;
			if (!kind)
				len = 1;
		}
		/* "in August": a month or a weekday alone is no town */
		if (!kind && (t->pfl & NAME_NOTNAME))
			continue;
		if (!kind) {
			len = 1;
			kind = (t->pfl & NAME_REGION) ? K_REGION :
			       (t->pfl & NAME_PLACE_WORD) ? K_WORD | K_PLACE :
			       (t->pfl & NAME_PLACE) ? K_PLACE : 0;
		}
		size_t j = i + len;
		bool taken = false;
		for (size_t k = i; k < j; k++)
			taken |= !free_tok(&tv[k]);
		/* states and countries are kept (Safe Harbor allows them),
		 * and in a place's position are no people (from Georgia) */
		if ((kind & K_REGION) && !taken && (cue_before(pl, s, tv, i) ||
		    (i > 0 && tv[i - 1].id == pl->id_to && spaced(s, &tv[i - 1], t)) ||
		    (i > 0 && tv[i - 1].ent >= 0 && !tv[i - 1].person &&
		     listed_after(s, &tv[i - 1], t))))
			for (size_t k = i; k < j; k++)
				tv[k].keep = 1;
		/* after a title, a place is a person's name (Dr. Kildare) */
		if (!kind || taken || (kind & K_REGION) ||
		    (i > 0 && (tv[i - 1].pfl & NAME_TITLE) &&
		     names_joinable(s, &tv[i - 1], t))) {
			i = j - 1;
			continue;
		}
		/* "my son Teo", "Ngozi Okafor": a person named like a town */
		if (len == 1 && !(kind & K_WORD)) {
			bool cue = i > 0 && (tv[i - 1].pfl & NAME_CUE) && spaced(s, &tv[i - 1], t);
			bool sur = j < ntok && t->cap && tv[j].cap && free_tok(&tv[j]) &&
			           (((tv[j].pfl & NAME_LAST) && !(tv[j].pfl & NAME_COMMON)) ||
			            tv[j].pid == 0) &&
			           t->core == t->len && spaced(s, t, &tv[j]);
			if (cue || sur) {
				places_mark(pl, s, tv, i, sur ? j + 1 : j, PLACES_PERSON, ent, ctx);
				i = sur ? j : j - 1;
				continue;
			}
		}
		int cue = cue_before(pl, s, tv, i);
		/* "we lived in east boston", "moved to south philly": a compass
		 * word between the cue and the town is the town's */
		size_t a = i;
		if (!cue && i >= 2 && in_set(&pl->branch, tv[i - 1].pid) && free_tok(&tv[i - 1]) &&
		    tv[i - 1].core == tv[i - 1].len && (cue = cue_before(pl, s, tv, i - 1)) > 0)
			a = i - 1;
		if (cue < 2 && region_after(pl, s, tv, ntok, j))
			cue = 2;
		/* "a place in meridian called treasure valley": a thing
		 * in a place that is then named */
		if (cue == 1 && i >= 2 && in_set(&pl->called_noun, tv[i - 2].pid) && j < ntok &&
		    (tv[j].id == pl->id_called || tv[j].id == pl->id_named) &&
		    spaced(s, &tv[j - 1], &tv[j]))
			cue = 2;
		bool cased = !starts_sentence(s, t->off);
		for (size_t k = i; k < j; k++)
			cased &= tv[k].cap;
		bool multi = len > 1;
		bool yes;
		/* "go to myrtle beach", "been to boise": a weak cue, and for a
		 * place that is a word only one of several words ("going to
		 * say" is an infinitive) */
		if (!cue && a == i && i >= 2 && in_set(&pl->go, tv[i - 1].id) &&
		    in_set(&pl->go_verb, tv[i - 2].id) && spaced(s, &tv[i - 2], &tv[i - 1]) &&
		    spaced(s, &tv[i - 1], t) && (!(kind & K_WORD) || multi))
			cue = 1;
		/* where the text has capitals, a place that is a word is
		 * written with them (not "going to say", "left over") */
		/* "went from reading a book": a word before a determiner is
		 * a verb or a noun, not a town */
		if ((kind & K_WORD) && j < ntok && in_set(&pl->det, tv[j].id))
			yes = false;
		else if (kind & K_WORD)
			yes = pl->cased ? cased && (cue > 0 || multi) :
			      cue == 2 || (cue == 1 && (multi || clause_ends(s, tv, ntok, i, j)));
		else if (!multi && (t->pfl & (NAME_FIRST | NAME_LAST | NAME_COMMON)))
			/* "a call from Maria", "in Kevin's office": people */
			/* but "families from Dearborn": a surname alone is
			 * not how a caller is named, and the town is */
			yes = cue == 2 || (cue == 1 && t->core == t->len &&
			                   (tv[i - 1].id != pl->id_from ||
			                    !(t->pfl & (NAME_FIRST | NAME_COMMON))));
		else
			yes = true;
		/* "then Fresno State": the town's university */
		if (yes && pl->cased && t->cap && j < ntok && tv[j].pid == pl->id_state &&
		    tv[j].cap && free_tok(&tv[j]) && tv[j - 1].core == tv[j - 1].len &&
		    spaced(s, &tv[j - 1], &tv[j]) && !(j + 1 < ntok && tv[j + 1].id == pl->id_of)) {
			places_mark(pl, s, tv, i, j + 1, PLACES_ORG, ent, ctx);
			i = j;
			continue;
		}
		if (yes)
			places_mark(pl, s, tv, a, j, PLACES_PLACE, ent, ctx);
		i = j - 1;
	}
	orgs_after_cues(pl, s, tv, ntok, ocue, nocue, ent, ctx);
}

