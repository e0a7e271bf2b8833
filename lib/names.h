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
	/* lower-case text and roster names that are words (names_word_use) */
	NAME_WORD = 1 << 12,      /* a frequent English word (words.txt) */
	NAME_DET = 1 << 13,       /* my, the, a, ...: a noun follows */
	NAME_PRON = 1 << 14,      /* i, we, they, ...: a verb follows */
	NAME_AND = 1 << 15,       /* and, or: joins two names */
	NAME_GREET = 1 << 16,     /* thanks, hi, hey, ...: a vocative may follow */
	/* places.h's words (the gazetteer and the shapes of institutions) */
	NAME_PLACE = 1 << 17,     /* a place of the gazetteer */
	NAME_PLACE_WORD = 1 << 18, /* ... that is also an ordinary word */
	NAME_REGION = 1 << 19,    /* a state, province or country: kept */
	NAME_PHEAD = 1 << 20,     /* first word of a place of several words */
	NAME_INST_HEAD = 1 << 21, /* hospital, school, ...: an institution ends here */
	NAME_EMPLOY = 1 << 22,    /* work, job (at): an employer may follow */
	NAME_ORG = 1 << 23,       /* an organisation of orgs.txt (walmart, mayo) */
	NAME_ORGCUE = 1 << 24,    /* at, from, to, for, with: an institution may follow */
	NAME_SHAPE = 1 << 25      /* saint, st, holy: an institution may start */
};

/* Why the guesser took a name (names_tok.why), or why a roster name that
 * is also a word was taken for the name or for the word; names_why_str
 * spells each as anonymize's --audit writes it. */
enum names_why {
	WHY_NONE, WHY_TITLE, WHY_CUE, WHY_CAPS, WHY_FULL, WHY_AFTER_NAME,
	WHY_MID_SENTENCE, WHY_SAYS, WHY_VOCATIVE, WHY_AND_NAME, WHY_UNCLEAR,
	WHY_INTRO, WHY_SUBJECT, WHY_FUZZY,
	/* the word */
	WHY_W_LOWER, WHY_W_DET, WHY_W_PRON, WHY_W_VERB, WHY_W_IDIOM,
	WHY_PART,             /* a part of a name met earlier in the document */
	WHY_LISTED,           /* lower case: a given name that is no word */
	WHY_PLACES,           /* lib/places: the gazetteer or an institution's shape */
	/* kept (names_kept_why) */
	WHY_K_KEEP, WHY_K_COMMON, WHY_K_POSITION, WHY_K_NOTNAME, WHY_K_UNLISTED,
	WHY_COUNT
};
const char *names_why_str(int why);

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
	uint8_t amb;           /* a roster name that is also a word: undecided */
	uint8_t cont;          /* continues the phrase or name of the token before */
	uint8_t why;           /* enum names_why, on a guessed name's first token */
	uint8_t up;            /* starts with a capital (cap leaves out "MS", "I") */
	int32_t ent;           /* the caller's entity, -1 until it sets one */
} names_tok;

typedef struct qp_names qp_names;

/* A lexicon holding the closed word lists (titles, cue words, stop
 * words, months and weekdays, ...). */
qp_names *names_new(void);
void names_free(qp_names *nm);

/*
 * Add the shipped name lists first.txt, last.txt, common.txt and
 * words.txt (one word a line, '#' lines skipped) from dir; with dir NULL, from where
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
/* The same for a word of a closed list written in the source (w
 * NUL-terminated, lower case): folded first as the text's words are, so
 * that "doña" or "clínica" in a list meets the text's "Doña". */
uint32_t names_intern_listed(qp_names *nm, const char *w);
void names_set_flags(qp_names *nm, uint32_t id, uint32_t flags);
/* The flags of word id (0: none, as for a word no list holds). */
uint32_t names_flags(const qp_names *nm, uint32_t id);

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
 * Guess the personal names among tv[0..ntok), tokens of s[0..n), that no
 * phrase took (their ent is -1, amb 0), in text order; lower says the
 * text has no capitals to go by.  For each, tokens i..j-1, the entity is
 * person(ctx, s, tv, i, j), which the guesser sets as their ent: the
 * words after a name read it ("Will Smith" after a roster Will).
 */
typedef uint32_t (*names_person_fn)(void *ctx, const char *s,
                                    const names_tok *tv, size_t i, size_t j);
void names_guess_people(const char *s, size_t n, names_tok *tv, size_t ntok,
                        bool lower, names_person_fn person, void *ctx);

/* Has any token of tv[0..ntok) a capital first letter?  Text without
 * one is read in lower-case mode (anonymize(1), "Lower-case text"). */
bool names_any_capital(const names_tok *tv, size_t ntok);

/*
 * Token i is a roster name that is also an ordinary word ("will",
 * "hope", "Rose"): is it used as the name here?  lower says the text
 * has no case to go by.  *why gets the evidence (enum names_why); with
 * none either way the answer is true: a leak is worse than a lost word.
 */
bool names_word_is_name(const char *s, size_t n, const names_tok *tv,
                        size_t ntok, size_t i, bool lower, int *why);

/* Token i was left as it is: is it worth a reviewer's look (a listed
 * name, a capitalised word inside a sentence, a --keep word), and why
 * was it kept (WHY_K_...)?  0 for an ordinary word. */
int names_kept_why(const char *s, const names_tok *tv, size_t i);

/* Are tokens a and b (a before b) one name or phrase in writing: only
 * blanks, hyphens, dots or slashes, at most three, between them? */
bool names_joinable(const char *s, const names_tok *a, const names_tok *b);
/* Only blanks, at least one, in s[i..e): the words either side read as
 * one phrase.  places and names both ask it on every candidate pair. */
static inline bool
names_blanks(const char *s, size_t i, size_t e)
{
	if (i >= e)
		return false;
	for (; i < e; i++)
		if (s[i] != ' ')
			return false;
	return true;
}

#endif
