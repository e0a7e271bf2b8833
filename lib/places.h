/*
 * places.h: places and institutions among a field's tokens, for
 * anonymize(1) ("Places and institutions").
 *
 * Places come from the shipped gazetteer (data/places: places.txt, the
 * ordinary words among them in placewords.txt, and the states, provinces and
 * countries in regions.txt, which are kept), loaded into the name
 * lexicon as flags (names.h NAME_PLACE, ...), so a token costs no lookup
 * beyond the one names_tokenize made.  Places of several words are kept
 * here, keyed by their words' lexicon ids, and looked at only from a
 * token flagged NAME_PHEAD.  Institutions are found by their shape:
 * one to three name words before a head word (hospital, school, ...).
 *
 * Memory: a qp_places owns its phrase table, a buffer for normal
 * forms and the short forms of the document's institutions; places_free releases them.  It only reads the lexicon, which
 * the caller owns and must keep alive, and the tokens it is given.
 */
#ifndef QP_PLACES_H
#define QP_PLACES_H

#include <stddef.h>
#include <stdint.h>

#include "names.h"

/* PLACES_PERSON: a word of the gazetteer where a person's name stands
 * ("my son Teo", "Ngozi Okafor"), taken here so that it is not a place. */
enum places_kind { PLACES_PLACE, PLACES_ORG, PLACES_PERSON };

typedef struct qp_places qp_places;

/*
 * Flag the cue and head words in nm and load the gazetteer from dir,
 * if it holds places.txt (anonymize's --names-dir), else from where it
 * is installed or beside an uninstalled build.  Dies when the lists are
 * not there.  Call before any text is tokenized.
 */
qp_places *places_new(qp_names *nm, const char *dir);
void places_free(qp_places *pl);

/*
 * The entity of a place or institution whose normal form (its folded
 * words, one blank between them) is norm[0..n).
 */
typedef uint32_t (*places_ent_fn)(void *ctx, enum places_kind kind,
                                  const char *norm, size_t n);

/*
 * Mark the places and institutions among tv[0..ntok) that no one took
 * yet (ent -1, not keep): their tokens' ent becomes ent(ctx, ...).
 * Call after the phrases and before names_guess_people, so that a
 * place in a place position ("grew up in Florence") is a place.
 */
/*
 * A new document starts: the short forms of the last one's institutions
 * ("riverside memorial" for riverside memorial hospital), which
 * places_find gives the institution's entity, are forgotten.
 */
void places_new_doc(qp_places *pl);

void places_find(qp_places *pl, const char *s, names_tok *tv, size_t ntok,
                 places_ent_fn ent, void *ctx);

#endif
