/*
 * names.h: anonymize's name lexicon, and the guesser of personal names
 * that reads text with it.
 *
 * The lexicon is one hash table of folded words (utf8_fold), each with
 * flags (on the given-name list, a title, a cue word, ...) and the
 * phrases anchored at it: the roster's names, --terms and --keep phrases,
 * which the caller adds.  names_tokenize cuts a field into words and looks
 * each up once; the phrase matcher and the name guesser then work on those
 * tokens without another lookup.  The rules of the guesser are anonymize(1)'s
 * "People not in the roster".
 *
 * The lexicon is built whole (names_new, names_load_lists, the caller's
 * words and phrases) before any text is tokenized: its lookup cache
 * trusts that entries never change after that.
 *
 * Memory: a qp_names owns its table, its phrases and the token array
 * that names_tokenize fills (valid until the next call); names_free
 * releases all of it.  Strings passed in are copied or only read.
 */
#ifndef QP_NAMES_H
#define QP_NAMES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pii.h"

/* The flags of a lexicon word. */
enum {
	NAME_FIRST = 1 << 0,      /* on the given-name list */
	NAME_LAST = 1 << 1,       /* on the surname list */
	NAME_COMMON = 1 << 2,     /* also an ordinary English word */
	NAME_TITLE = 1 << 3,      /* Dr, Professor, Nurse, ... */
	NAME_CUE = 1 << 4,        /* named, called, friend, ...: a name follows */
	NAME_SAYS = 1 << 5,       /* said, says, ...: a name went before */
	NAME_LIKE = 1 << 6,       /* like, as (like kevin said) */
	NAME_STOP = 1 << 7,       /* never part of a guessed name */
	NAME_NOTNAME = 1 << 8,    /* months, weekdays, ...: not a name alone */
	NAME_KEEP = 1 << 9,       /* a --keep word */
	NAME_WHERE = 1 << 10,     /* in, from, to, ...: a place may follow */
	NAME_ABBR = 1 << 11,      /* Dr, Prof, ...: a title whose dot is no full stop */
	/* places.h's words (the gazetteer and the shapes of institutions) */
	NAME_PLACE = 1 << 12,     /* a place of the gazetteer */
	NAME_PLACE_WORD = 1 << 13, /* ... that is also an ordinary word */
	NAME_REGION = 1 << 14,    /* a state, province or country: kept */
	NAME_PHEAD = 1 << 15,     /* first word of a place of several words */
	NAME_INST_HEAD = 1 << 16  /* hospital, school, ...: an institution ends here */
};

/* Who a phrase belongs to; a phrase met again keeps its first owner, so
 * the roster wins over --terms, and both over --keep. */
enum names_phrase_kind { NAMES_ROSTER, NAMES_TERM, NAMES_KEEP };

/* One word of a field, as names_tokenize found it. */
typedef struct {
	size_t off, len;       /* the word in the text */
	size_t core;           /* length without a possessive 's */
	uint32_t id, pid;      /* lexicon ids of the word, and without 's */
	uint32_t phr, pphr;    /* the phrases anchored at them */
	uint32_t pfl;          /* flags of pid */
	uint8_t cap, allcaps, digit;
	uint8_t keep;          /* inside a --keep phrase */
	uint8_t person;        /* ent is a person (set with ent) */
	int32_t ent;           /* the caller's entity, -1 until it sets one */
} names_tok;

typedef struct qp_names qp_names;

/* A lexicon holding the closed word lists (titles, cue words, stop
 * words, months and weekdays, ...). */
qp_names *names_new(void);
void names_free(qp_names *nm);

/*
 * Add the shipped name lists first.txt, last.txt and common.txt (one
 * word a line, '#' lines skipped) from dir; with dir NULL, from where
 * they are installed or beside an uninstalled build.  Dies when the lists
 * are not there.
 */
void names_load_lists(qp_names *nm, const char *dir);

/* Where a shipped data directory sub ("names", "places") holding file
 * is, into buf: installed, beside an uninstalled build, or beside a
 * moved installation.  False when not found. */
bool names_find_data(const char *sub, const char *file, char *buf, size_t size);

/* Read a list file, one word or phrase a line; blank lines and lines
 * starting with '#' are skipped, blanks around a line dropped.  fn gets
 * each line folded (utf8_fold), in a buffer valid for the call. */
void names_read_list(const char *path,
                     void (*fn)(void *ctx, const char *w, size_t n), void *ctx);

/* The id (> 0) of the folded word w[0..n), added if new. */
uint32_t names_intern(qp_names *nm, const char *w, size_t n);
void names_set_flags(qp_names *nm, uint32_t id, uint32_t flags);

/* The words (words_next) of the folded text s[0..n) as ids, interned;
 * *ids points into nm and is valid until the next call.  Their count. */
size_t names_intern_words(qp_names *nm, const char *s, size_t n,
                          const uint32_t **ids);

/* Anchor the phrase of words ids[0..n) at its first word, with an owner
 * number the caller gives meaning to (an entity, a proto). */
void names_add_phrase(qp_names *nm, const uint32_t *ids, size_t n,
                      enum names_phrase_kind kind, uint32_t owner);

/*
 * Cut s[0..n) into words as words_next(3) defines them, leaving out those
 * that overlap one of the spans sp[0..nsp) (sorted, not overlapping), and
 * look each up.  Returns the count; the tokens, ent -1, are in *toks.
 */
size_t names_tokenize(qp_names *nm, const char *s, size_t n,
                      const pii_span *sp, size_t nsp, names_tok **toks);

/*
 * The longest phrase that starts at token i, its words joined only by
 * blanks, hyphens, dots or slashes (the last word may carry a possessive
 * 's): its length in tokens, or 0.  *owner and *kind are the phrase's,
 * *whole says whether it takes the last token whole ('s and all).
 */
int names_match_phrase(const qp_names *nm, const char *s, const names_tok *tv,
                       size_t ntok, size_t i, uint32_t *owner,
                       enum names_phrase_kind *kind, bool *whole);

/*
 * Guess the personal names among tv[0..ntok) that no phrase took (their
 * ent is -1), in text order.  For each, tokens i..j-1, the entity is
 * person(ctx, s, tv, i, j), which the guesser sets as their ent: the
 * words after a name read it ("Will Smith" after a roster Will).
 */
typedef uint32_t (*names_person_fn)(void *ctx, const char *s,
                                    const names_tok *tv, size_t i, size_t j);
void names_guess_people(const char *s, names_tok *tv, size_t ntok,
                        names_person_fn person, void *ctx);

/* Are tokens a and b (a before b) one name or phrase in writing: only
 * blanks, hyphens, dots or slashes, at most three, between them? */
bool names_joinable(const char *s, const names_tok *a, const names_tok *b);

#endif
