/*
 * places.c: places of the gazetteer and institutions by their shape
 * (see places.h and anonymize(1), "Places and institutions").
 *
 * Nothing here runs for a token that is not flagged in the lexicon, so
 * the cost on ordinary text is one test of the flags names_tokenize
 * already fetched.  The small closed word sets (cues, modifiers, the
 * generic words that make "a mental hospital" no name) are kept as
 * sorted lexicon ids and searched only at a candidate.
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
#include "qp.h"
#include "utf8.h"
#include "xalloc.h"

#ifndef QP_DATADIR
#define QP_DATADIR "/usr/local/share/qualpipe"
#endif

/* The kinds of a place phrase of several words, as map values. */
enum { K_PLACE = 1, K_WORD = 2, K_REGION = 4, K_ORG = 8 };

#define PAIR_BITS (1u << 17)

static inline uint32_t
pair_bit(uint32_t a, uint32_t b)
{
	return (uint32_t)(((uint64_t)a * 0x9E3779B97F4A7C15u ^ b * 0xC2B2AE3Du) >> 20) &
	       (PAIR_BITS - 1);
}

/* A closed word set: sorted lexicon ids. */
typedef struct {
	uint32_t *v;
	size_t n;
} idset;

struct qp_places {
	qp_names *nm;
	qp_map *multi;         /* ids of a phrase's words (bytes) -> kinds */
	/* the first two words of each phrase of multi, hashed: "new" is the
	 * first of hundreds of places and a word of every text, so most of
	 * its pairs are turned away here, without a hash of the phrase */
	uint64_t pairs[PAIR_BITS / 64];
	idset cue;             /* in, from, near: a place may follow */
	idset verb;            /* moved, lived, grew (up): with in/to/from, a place follows */
	idset of_cue;          /* outside, north, city (of): a place follows */
	idset visit;           /* visited: a place follows directly */
	idset go;              /* in, to, from, at: after a verb of idset verb */
	idset generic;         /* mental, local, grad: no name of an institution */
	idset mod;             /* general, memorial: between a name and its head */
	idset saint;           /* saint, st */
	idset denomination;    /* baptist, methodist: a church's */
	idset church_first;    /* first, grace: before a denomination */
	idset county;          /* county, parish: a place ends here */
	idset det;             /* a, the, my: a noun follows */
	idset at_cue;          /* at, to, in, from: an institution may follow */
	idset called_noun;     /* place, clinic (called): a name follows */
	idset ends;            /* now, is, with: a name after called ends before */
	/* the short forms of this document's institutions (riverside
	 * memorial for riverside memorial hospital), their first words
	 * hashed into short_first so that other words cost one test */
	struct { uint32_t id[3]; uint8_t n; uint32_t ent; } shortv[32];
	size_t nshort;
	uint64_t short_first;
	uint32_t id_of, id_to, id_from, id_school, id_center, id_centre, id_medical, id_high,
	         id_middle, id_elementary, id_group, id_church, id_university,
	         id_state, id_called, id_named, id_in, id_at, id_a, id_an,
	         id_saint, id_st, id_memorial, id_college, id_holy, id_washington,
	         id_with, id_for;
	idset compound;        /* family, behavioral (medicine, health): a head's first word */
	idset compound_head;   /* medicine, health, department: a head after one of compound */
	idset holy;            /* cross, family, trinity: holy X is a parish or a school */
	idset employ;          /* work, job, shift (at): an employer follows */
	idset branch;          /* northwestern, east: a listed organisation's branch */
	bool cased;            /* the field has capitals: names are written with one */
	const char *s;         /* the field places_find is in */
	qp_buf norm;
};

static int
cmp_id(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

static void
set_make(qp_names *nm, idset *set, const char *const *words)
{
	size_t n = 0;
	while (words[n])
		n++;
	set->v = xcalloc(n ? n : 1, sizeof *set->v);
	for (set->n = 0; set->n < n; set->n++)
		set->v[set->n] = names_intern(nm, words[set->n], strlen(words[set->n]));
	qsort(set->v, set->n, sizeof *set->v, cmp_id);
}

static bool
in_set(const idset *set, uint32_t id)
{
	return id && bsearch(&id, set->v, set->n, sizeof *set->v, cmp_id) != NULL;
}

static const char *const w_cue[] = {
	"in", "from", "near", "outside", "around", "via", "across", "downtown",
	NULL
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
static const char *const w_of_cue[] = {
	"outside", "north", "south", "east", "west", "city", "town", "village",
	"suburb", "suburbs", "outskirts", "county", "province", "state",
	"area", NULL
};
static const char *const w_visit[] = {
	"visited", "visiting", "visit", NULL
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
	"pentecostal", "adventist", "evangelical", "orthodox", "nazarene", NULL
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
	"ministries", "society", NULL
};
static const char *const w_det[] = {
	"a", "an", "the", "my", "his", "her", "their", "our", "your", "this",
	"these", "those", NULL
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
	"senior", "community", "school", "water", "parks", NULL
};
static const char *const w_compound_head[] = {
	"medicine", "health", "department", "practice", "services",
	"counseling", "counselling", "care", "office", "bank", "district",
	"aid", "partners", NULL
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
static const char *const w_county[] = {
	"county", "parish", "township", "borough", NULL
};

static uint32_t
word_id(qp_names *nm, const char *w)
{
	return names_intern(nm, w, strlen(w));
}

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
	set_make(nm, &pl->cue, w_cue);
	set_make(nm, &pl->verb, w_verb);
	set_make(nm, &pl->go, w_go);
	set_make(nm, &pl->of_cue, w_of_cue);
	set_make(nm, &pl->visit, w_visit);
	set_make(nm, &pl->generic, w_generic);
	set_make(nm, &pl->mod, w_mod);
	set_make(nm, &pl->saint, w_saint);
	set_make(nm, &pl->denomination, w_denomination);
	set_make(nm, &pl->church_first, w_church_first);
	set_make(nm, &pl->county, w_county);
	set_make(nm, &pl->det, w_det);
	set_make(nm, &pl->at_cue, w_at_cue);
	set_make(nm, &pl->called_noun, w_called_noun);
	set_make(nm, &pl->ends, w_ends);
	set_make(nm, &pl->compound, w_compound);
	set_make(nm, &pl->compound_head, w_compound_head);
	set_make(nm, &pl->holy, w_holy);
	set_make(nm, &pl->employ, w_employ);
	set_make(nm, &pl->branch, w_branch);
	for (const char *const *h = w_head; *h; h++)
		names_set_flags(nm, word_id(nm, *h), NAME_INST_HEAD);
	for (const char *const *h = w_compound_head; *h; h++)
		names_set_flags(nm, word_id(nm, *h), NAME_INST_HEAD);
	for (const char *const *h = w_employ; *h; h++)
		names_set_flags(nm, word_id(nm, *h), NAME_EMPLOY);
	static const char *const w_orgcue[] = { "at", "from", "to", "for", "with", NULL };
	for (const char *const *h = w_orgcue; *h; h++)
		names_set_flags(nm, word_id(nm, *h), NAME_ORGCUE);
	static const char *const w_shape[] = { "saint", "st", "holy", NULL };
	for (const char *const *h = w_shape; *h; h++)
		names_set_flags(nm, word_id(nm, *h), NAME_SHAPE);
	pl->id_of = word_id(nm, "of");
	pl->id_to = word_id(nm, "to");
	pl->id_from = word_id(nm, "from");
	pl->id_school = word_id(nm, "school");
	pl->id_center = word_id(nm, "center");
	pl->id_centre = word_id(nm, "centre");
	pl->id_medical = word_id(nm, "medical");
	pl->id_high = word_id(nm, "high");
	pl->id_memorial = word_id(nm, "memorial");
	pl->id_middle = word_id(nm, "middle");
	pl->id_elementary = word_id(nm, "elementary");
	pl->id_group = word_id(nm, "group");
	pl->id_church = word_id(nm, "church");
	pl->id_university = word_id(nm, "university");
	pl->id_college = word_id(nm, "college");
	pl->id_holy = word_id(nm, "holy");
	pl->id_with = word_id(nm, "with");
	pl->id_for = word_id(nm, "for");
	pl->id_washington = word_id(nm, "washington");
	pl->id_state = word_id(nm, "state");
	pl->id_called = word_id(nm, "called");
	pl->id_named = word_id(nm, "named");
	pl->id_in = word_id(nm, "in");
	pl->id_at = word_id(nm, "at");
	pl->id_saint = word_id(nm, "saint");
	pl->id_st = word_id(nm, "st");
	pl->id_a = word_id(nm, "a");
	pl->id_an = word_id(nm, "an");

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
	idset *sets[] = { &pl->cue, &pl->verb, &pl->go, &pl->of_cue, &pl->visit,
	                  &pl->generic, &pl->mod, &pl->saint, &pl->denomination,
	                  &pl->church_first, &pl->county, &pl->det,
	                  &pl->at_cue, &pl->called_noun, &pl->ends, &pl->compound,
	                  &pl->compound_head, &pl->holy, &pl->employ, &pl->branch };
	for (size_t k = 0; k < sizeof sets / sizeof sets[0]; k++)
		free(sets[k]->v);
	buf_free(&pl->norm);
	free(pl);
}

/* --- evidence --- */

/* Only blanks between a and b: words that read as one phrase. */
static bool
spaced(const char *s, const names_tok *a, const names_tok *b)
{
	size_t i = a->off + a->len;
	if (i == b->off)
		return false;
	for (; i < b->off; i++)
		if (s[i] != ' ')
			return false;
	return true;
}

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

/* Does a sentence start at off (only blanks, quotes and brackets after
 * a full stop, or nothing, before it)? */
static bool
starts_sentence(const char *s, size_t off)
{
	while (off > 0 && (s[off - 1] == ' ' || s[off - 1] == '"' ||
	                   s[off - 1] == '(' || s[off - 1] == '\t'))
		off--;
	return off == 0 || s[off - 1] == '.' || s[off - 1] == '!' ||
	       s[off - 1] == '?' || s[off - 1] == ':' || s[off - 1] == '\n';
}

/* The kinds (K_*) of a place phrase of 2..4 words at token i, and its
 * length in *len; 0 when none. */
static unsigned
multi_at(const qp_places *pl, const char *s, const names_tok *tv, size_t ntok,
         size_t i, size_t *len)
{
	uint32_t key[4];
	if (i + 1 >= ntok)
		return 0;
	uint32_t b1 = pair_bit(tv[i].id, tv[i + 1].id), b2 = pair_bit(tv[i].id, tv[i + 1].pid);
	if (!(pl->pairs[b1 / 64] >> (b1 % 64) & 1) && !(pl->pairs[b2 / 64] >> (b2 % 64) & 1))
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
	return (tv[j].pfl & NAME_PHEAD) && (multi_at(pl, s, tv, ntok, j, &len) & K_REGION);
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
		/* St. Mary's Hospital: a possessive inside is taken whole */
		if (k + 1 < j)
			tv[k].core = tv[k].len;
	}
}

static uint32_t
mark(qp_places *pl, const char *s, names_tok *tv, size_t i, size_t j,
     enum places_kind kind, places_ent_fn ent, void *ctx)
{
	norm_of(pl, s, tv, i, j);
	uint32_t e = ent(ctx, kind, pl->norm.s, pl->norm.len);
	mark_ent(tv, i, j, e, kind);
	return e;
}

static bool
free_tok(const names_tok *t)
{
	return t->ent < 0 && !t->keep && !t->digit && !(t->pfl & NAME_KEEP);
}

/* --- institutions --- */

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

/* The words of a bare "Lincoln High" must be names, places or capitals. */
static bool
proper_words(const names_tok *tv, size_t i, size_t j)
{
	for (size_t k = i; k < j; k++)
		if (!tv[k].cap && !(tv[k].pfl & (NAME_FIRST | NAME_LAST | NAME_PLACE)))
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

/* Are tokens a..b-1 one of this document's short forms (note_short)? */
static bool
short_known(const qp_places *pl, const names_tok *tv, size_t a, size_t b)
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

/* An institution or a county whose head is token h: its first token
 * in *a and its end in *b; the kind, or -1. */
static int
institution_at(const qp_places *pl, const char *s, const names_tok *tv,
               size_t ntok, size_t h, size_t *a, size_t *b)
{
	const names_tok *t = &tv[h];
	uint32_t id = t->pid;
	const names_tok *nx = h + 1 < ntok && names_joinable(s, t, &tv[h + 1]) ?
	                      &tv[h + 1] : NULL;
	*b = h + 1;
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
		if (e == h + 1)
			return PLACES_PLACE;
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
		while (m > 0 && h - m < 4 && tv[m - 1].cap && free_tok(&tv[m - 1]) &&
		       tv[m - 1].core == tv[m - 1].len && names_joinable(s, &tv[m - 1], &tv[m]) &&
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
	    (!high_one || (nx && (nx->pfl & NAME_INST_HEAD)) || short_known(pl, tv, *a, h + 1)))
		return -1;
	if (*a == h)
		return -1;
	if ((id == pl->id_high || id == pl->id_middle) && !proper_words(tv, *a, h) &&
	    !high_one)
		return -1;
	/* "the focus group": only a capitalised Group is a company */
	if (id == pl->id_group && !(t->cap && tv[*a].cap))
		return -1;
	/* a church is a saint's or a denomination's: "first baptist church" */
	if (id == pl->id_church && !in_set(&pl->saint, tv[*a].id) &&
	    !(h > 0 && in_set(&pl->denomination, tv[h - 1].pid)))
		return -1;
	/* a head after the head: Stanford University Hospital */
	while (*b < ntok && free_tok(&tv[*b]) && (tv[*b].pfl & NAME_INST_HEAD) &&
	       tv[*b - 1].core == tv[*b - 1].len && spaced(s, &tv[*b - 1], &tv[*b]))
		(*b)++;
	return PLACES_ORG;
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
static size_t
shaped_at(const qp_places *pl, const char *s, const names_tok *tv, size_t ntok,
          size_t i)
{
	const names_tok *t = &tv[i];
	if (i + 1 >= ntok || !free_tok(t) || !names_joinable(s, t, &tv[i + 1]))
		return i;
	if (t->id == pl->id_called || t->id == pl->id_named) {
		/* "a place in meridian called": a noun of the set, after a or an */
		for (size_t k = i; k > 1 && i - k < 4; k--)
			if (in_set(&pl->called_noun, tv[k - 1].pid) &&
			    (tv[k - 2].id == pl->id_a || tv[k - 2].id == pl->id_an))
				return called_name(pl, s, tv, ntok, i + 1);
		return i;
	}
	/* "with Holy Cross across the river", "at holy family": a parish or
	 * its school ("the holy spirit" is no name) */
	if (t->id == pl->id_holy && in_set(&pl->holy, tv[i + 1].pid) && free_tok(&tv[i + 1]) &&
	    !(tv[i - 1].pfl & NAME_DET) &&
	    (pl->cased ? t->cap && tv[i + 1].cap && !starts_sentence(s, t->off) :
	     after_cue(pl, s, tv, i) || tv[i - 1].pid == pl->id_with))
		return i + 2;
	if (!after_cue(pl, s, tv, i))
		return i;
	/* "to boise state": a university, not the state (a region is one;
	 * "boise state of mind" is no name) */
	size_t len;
	bool multi = (t->pfl & NAME_PHEAD) && multi_at(pl, s, tv, ntok, i, &len);
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

/* "i work at costco", "a shift at Fred Meyer": token i is a word of
 * employ, then at or for; the employer's end (one to three words that
 * are no English word, or capitalised where the text has case), or i. */
static size_t
employer_at(const qp_places *pl, const char *s, const names_tok *tv, size_t ntok,
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
static void
cue_orgs(qp_places *pl, const char *s, names_tok *tv, size_t ntok, const size_t *cues,
         size_t ncues, places_ent_fn ent, void *ctx)
{
	for (size_t c = 0; c < ncues; c++) {
		size_t i = cues[c] + 1;
		if (i + 1 >= ntok)
			break;
		uint32_t p = tv[i - 1].id;
		bool at = p == pl->id_at || p == pl->id_from || p == pl->id_to;
		if (at && i + 1 < ntok && in_set(&pl->denomination, tv[i + 1].pid) &&
		    free_tok(&tv[i + 1]) && spaced(s, &tv[i - 1], &tv[i]) &&
		    spaced(s, &tv[i], &tv[i + 1]) && tv[i].core == tv[i].len &&
		    (in_set(&pl->church_first, tv[i].pid) || name_word(pl, &tv[i])) &&
		    !(i + 2 < ntok && tv[i + 2].pid == pl->id_church)) {
			mark(pl, s, tv, i, i + 2, PLACES_ORG, ent, ctx);
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
		mark(pl, s, tv, i, j, PLACES_ORG, ent, ctx);
	}
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
	/* the words that may start a shape (shaped_at), noted on the way
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
		int kind = institution_at(pl, s, tv, ntok, h, &a, &b);
		if (kind < 0)
			continue;
		uint32_t e = mark(pl, s, tv, a, b, (enum places_kind)kind, ent, ctx);
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
			size_t b = employer_at(pl, s, tv, ntok, i);
			if (b > i + 2) {
				mark(pl, s, tv, i + 2, b, PLACES_ORG, ent, ctx);
				end = b;
			}
			continue;
		}
		if (t->id != pl->id_holy &&
		    (p == pl->id_at || p == pl->id_to || p == pl->id_in || p == pl->id_from ?
		     !((t->pfl & (NAME_PLACE | NAME_REGION)) || in_set(&pl->saint, t->id)) :
		     !(t->id == pl->id_called || t->id == pl->id_named)))
			continue;
		size_t a = t->id == pl->id_called || t->id == pl->id_named ? i + 1 : i;
		size_t b = shaped_at(pl, s, tv, ntok, i);
		if (b > a) {
			/* saint luke's, a place called joe's: the 's is the name's */
			if (tv[b - 1].pid != pl->id_state)
				tv[b - 1].core = tv[b - 1].len;
			mark(pl, s, tv, a, b, PLACES_ORG, ent, ctx);
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
		unsigned kind = (t->pfl & NAME_PHEAD) ? multi_at(pl, s, tv, ntok, i, &len) : 0;
		if ((kind & K_ORG) || (!kind && (t->pfl & NAME_ORG))) {
			size_t oj = kind ? i + len : i + 1;
			if (org_at(pl, s, tv, ntok, i, oj)) {
				/* its branch: "fairview southdale", "abbott
				 * northwestern", "the walmart in edina" is not one */
				while (oj < ntok && oj - i < 4 && free_tok(&tv[oj]) &&
				       tv[oj - 1].core == tv[oj - 1].len &&
				       spaced(s, &tv[oj - 1], &tv[oj]) &&
				       (pl->cased ? tv[oj].cap : true) &&
				       (((tv[oj].pfl & NAME_PLACE) && !(tv[oj].pfl & NAME_PLACE_WORD)) ||
				        (tv[oj].pid == 0 && !tv[oj].digit) ||
				        in_set(&pl->branch, tv[oj].pid) ||
				        in_set(&pl->denomination, tv[oj].pid)) &&
				       !(oj + 1 < ntok && tv[oj + 1].id == pl->id_of))
					oj++;
				mark(pl, s, tv, i, oj, PLACES_ORG, ent, ctx);
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
				mark(pl, s, tv, i, sur ? j + 1 : j, PLACES_PERSON, ent, ctx);
				i = sur ? j : j - 1;
				continue;
			}
		}
		int cue = cue_before(pl, s, tv, i);
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
		/* where the text has capitals, a place that is a word is
		 * written with them (not "going to say", "left over") */
		/* "went from reading a book": a word before a determiner is
		 * a verb or a noun, not a town */
		if ((kind & K_WORD) && j < ntok && in_set(&pl->det, tv[j].id))
			yes = false;
		else if (kind & K_WORD)
			yes = pl->cased ? cased && (cue > 0 || multi) :
			      cue == 2 || (cue == 1 && multi);
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
			mark(pl, s, tv, i, j + 1, PLACES_ORG, ent, ctx);
			i = j;
			continue;
		}
		if (yes)
			mark(pl, s, tv, i, j, PLACES_PLACE, ent, ctx);
		i = j - 1;
	}
	cue_orgs(pl, s, tv, ntok, ocue, nocue, ent, ctx);
}
