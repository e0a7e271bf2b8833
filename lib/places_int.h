/*
 * places_int.h: the inside of a qp_places, private to the two files that
 * work on it.  Nothing outside them includes it.
 *
 *   places.c  the gazetteer (places of one and several words, states,
 *             the organisations of orgs.txt), the cues of a place, the
 *             short forms of a document's institutions, and
 *             places_find, which walks a field and calls the rest
 *   orgs.c    the institutions: by their head (riverside memorial
 *             hospital), by their shape (at saint luke's, a clinic
 *             called ...), after a job (a shift at fred meyer), the
 *             organisations of orgs.txt in the text, and the last ones
 *             after at, for or with; with the closed word lists only
 *             they read
 *
 * One struct, because both read the same word sets and the field's state
 * (cased, s) that places_find sets.  Every function here only reads the
 * tokens unless it says it marks them; none keeps a pointer to them or to
 * s past its return.  The qp_places owns its sets (each file makes and
 * frees its own: places_new, orgs_init and orgs_free), the phrase table
 * and the buffer behind mark.
 */
#ifndef QP_PLACES_INT_H
#define QP_PLACES_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "buf.h"
#include "map.h"
#include "names.h"
#include "places.h"

/* The kinds of a place phrase of several words, as map values. */
enum { K_PLACE = 1, K_WORD = 2, K_REGION = 4, K_ORG = 8 };

#define PAIR_BITS (1u << 17)

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
	/* made by places_new */
	idset cue;             /* in, from, near: a place may follow */
	idset verb;            /* moved, lived, grew (up): with in/to/from, a place follows */
	idset of_cue;          /* outside, north, city (of): a place follows */
	idset visit;           /* visited: a place follows directly */
	idset go_verb;         /* go, been: before to, a weaker cue */
	idset town;            /* town, village: "a town called" names a place */
	idset cap_head;        /* zoo, shelter: capitalised in a cased name */
	idset go;              /* in, to, from, at: after a verb of idset verb */
	idset det;             /* a, the, my: a noun follows */
	/* made by orgs_init */
	idset generic;         /* mental, local, grad: no name of an institution */
	idset mod;             /* general, memorial: between a name and its head */
	idset saint;           /* saint, st */
	idset denomination;    /* baptist, methodist: a church's */
	idset church_first;    /* first, grace: before a denomination */
	idset county;          /* county, parish: a place ends here */
	idset weak_head;       /* station, hall, market: a head after a proper name only */
	idset at_cue;          /* at, to, in, from: an institution may follow */
	idset called_noun;     /* place, clinic (called): a name follows */
	idset ends;            /* now, is, with: a name after called ends before */
	idset compound;        /* family, behavioral (medicine, health): a head's first word */
	idset compound_head;   /* medicine, health, department: a head after one of compound */
	idset holy;            /* cross, family, trinity: holy X is a parish or a school */
	idset employ;          /* work, job, shift (at): an employer follows */
	idset branch;          /* northwestern, east: a listed organisation's branch */
	idset body;            /* board, office: a county's, with of and its charge */
	idset charge;          /* center, agency: with for or on, what it is for */
	idset charge_stop;     /* numbers and times: "for ten years" is no charge */
	idset office;          /* attorney, surgeon: of an office's General */
	idset head_first;      /* clinica, escuela: a head before its name */
	idset particle;        /* de, del, la: inside a name after head_first */
	/* the short forms of this document's institutions (riverside
	 * memorial for riverside memorial hospital), their first words
	 * hashed into short_first so that other words cost one test */
	struct { uint32_t id[3]; uint8_t n; uint32_t ent; } shortv[32];
	size_t nshort;
	uint64_t short_first;
	/* of places_new: of to from in at a an called named saint st holy
	 * state; of orgs_init: the rest */
	uint32_t id_of, id_to, id_from, id_school, id_center, id_centre, id_medical, id_high,
	         id_middle, id_elementary, id_group, id_church, id_university,
	         id_state, id_called, id_named, id_in, id_at, id_a, id_an,
	         id_saint, id_st, id_memorial, id_college, id_holy, id_washington,
	         id_with, id_for, id_on, id_the, id_general, id_day, id_eve, id_greater;
	bool cased;            /* the field has capitals: names are written with one */
	const char *s;         /* the field places_find is in */
	qp_buf norm;
};

static inline int
places_cmp_id(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

/* The words of a NULL-ended list, interned in nm in their order. */
void places_set_make(qp_names *nm, idset *set, const char *const *words);

static inline bool
in_set(const idset *set, uint32_t id)
{
	return id && bsearch(&id, set->v, set->n, sizeof *set->v, places_cmp_id) != NULL;
}

/* Only blanks between a and b: words that read as one phrase. */
static inline bool
spaced(const char *s, const names_tok *a, const names_tok *b)
{
	return names_blanks(s, a->off + a->len, b->off);
}

/* Does a sentence start at off (only blanks, quotes and brackets after
 * a full stop, or nothing, before it)? */
static inline bool
starts_sentence(const char *s, size_t off)
{
	while (off > 0 && (s[off - 1] == ' ' || s[off - 1] == '"' ||
	                   s[off - 1] == '(' || s[off - 1] == '\t'))
		off--;
	return off == 0 || s[off - 1] == '.' || s[off - 1] == '!' ||
	       s[off - 1] == '?' || s[off - 1] == ':' || s[off - 1] == '\n';
}

/* Is token t taken by no one, and no number nor a word kept? */
static inline bool
free_tok(const names_tok *t)
{
	return t->ent < 0 && !t->keep && !t->digit && !(t->pfl & NAME_KEEP);
}

/* --- places.c, for orgs.c --- */

/* The kinds (K_*) of a place phrase of 2..4 words at token i, and its
 * length in *len; 0 when none. */
unsigned places_multi_at(const qp_places *pl, const char *s, const names_tok *tv,
                         size_t ntok, size_t i, size_t *len);

/* Give tokens i..j-1 the entity ent(ctx, kind, their normal form) and
 * mark them taken; the entity.  The normal form lives in pl->norm until
 * the next call. */
uint32_t places_mark(qp_places *pl, const char *s, names_tok *tv, size_t i, size_t j,
                     enum places_kind kind, places_ent_fn ent, void *ctx);

/* Are tokens a..b-1 one of this document's short forms? */
bool places_short_known(const qp_places *pl, const names_tok *tv, size_t a, size_t b);

/* --- orgs.c, for places.c --- */

/*
 * Make the word sets above that orgs.c reads, flag the heads, the words
 * of a job and the cues of cue_orgs in nm, and take the ids of orgs.c.
 * Called by places_new before the gazetteer is loaded; orgs_free
 * releases the sets (not pl).
 */
void orgs_init(qp_places *pl);
void orgs_free(qp_places *pl);

/* An institution or a county whose head is token h: its first token in
 * *a and its end in *b; the kind (PLACES_ORG or PLACES_PLACE), or -1. */
int orgs_institution_at(const qp_places *pl, const char *s, const names_tok *tv,
                        size_t ntok, size_t h, size_t *a, size_t *b);

/* An institution by the words around token i ("at saint luke's", "to
 * boise state", "a clinic called ..."): its end, or i.  After called or
 * named the name starts at i + 1, and *town says whether it is a town's
 * ("a small town called broken arrow") rather than an institution's. */
size_t orgs_shaped_at(const qp_places *pl, const char *s, const names_tok *tv,
                      size_t ntok, size_t i, bool *town);

/* Token i is a word of a job (flag NAME_EMPLOY): the end of the employer
 * named after its at or for, which starts at i + 2; at most i + 2 when
 * there is none. */
size_t orgs_employer_at(const qp_places *pl, const char *s, const names_tok *tv,
                        size_t ntok, size_t i);

/* Tokens i..j-1 are a name of orgs.txt: the end of the organisation
 * there with its branch ("abbott northwestern"), or i when the words are
 * not the organisation here. */
size_t orgs_listed_at(const qp_places *pl, const char *s, const names_tok *tv,
                      size_t ntok, size_t i, size_t j);

/* The institutions after the cues at tokens cues[0..ncues) (flag
 * NAME_ORGCUE), where nothing else took the words; marks them. */
void orgs_after_cues(qp_places *pl, const char *s, names_tok *tv, size_t ntok,
                     const size_t *cues, size_t ncues, places_ent_fn ent, void *ctx);

#endif
