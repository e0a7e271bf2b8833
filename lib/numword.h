/*
 * numword.h: numbers as speech recognisers write them ("four one five",
 * "oh", "double five", "forty two", "fourteen hundred", "twenty third",
 * "nineteen eighty"), read in one place for every detector of lib/pii
 * and for pii_norm, so that a spoken number is parsed the same way where
 * it is found and where it is normalised.
 *
 * Words are ASCII letters in any case; between two words of one number
 * a single blank or hyphen ("twenty-two"), and in a digit run also a
 * comma ("four one five, three three two").  Nothing is allocated: the
 * caller owns every struct passed in.
 */
#ifndef QP_NUMWORD_H
#define QP_NUMWORD_H

#include <stddef.h>

enum nw_kind {
	NW_NONE,
	NW_DIGIT,       /* zero oh one ... nine: val 0-9 */
	NW_TEEN,        /* ten ... nineteen: val 10-19 */
	NW_TENS,        /* twenty ... ninety: val 20-90 */
	NW_HUNDRED,     /* val 100 */
	NW_THOUSAND,    /* val 1000 */
	NW_ORD,         /* first ... nineteenth, twentieth ... ninetieth: val 1-19, 20-90 by ten */
	NW_REPEAT       /* double, triple: val 2, 3 */
};

/* The kind and value of the word w[0..n), or NW_NONE.  Rejects most
 * words by their length and first letter before any comparison. */
enum nw_kind nw_class(const char *w, size_t n, unsigned *val);

/* Every number word nw_class knows (lower case, static strings), into
 * out[0..cap): how many were stored.  For a caller's own filter. */
size_t nw_all(const char **out, size_t cap);

/* An ordinal in words at s[i] ("third", "twenty third", "thirty-first",
 * "forty second", "fiftieth"): the end of its last word with *val 1-99,
 * or 0.  A day of the month is the caller's test of *val <= 31. */
size_t nw_ordinal(const char *s, size_t n, size_t i, unsigned *val);

/* A year 1900-2099 in words at s[i] ("nineteen eighty", "nineteen
 * seventy one", "twenty eighteen", "twenty oh five", "two thousand
 * and five"): the end of its last word and *val, or 0. */
size_t nw_year(const char *s, size_t n, size_t i, unsigned *val);

/* A run of digits said one by one or in groups, from s[i]. */
#define NW_MAXDIG 24
typedef struct {
	char dig[NW_MAXDIG + 1];  /* the digits, NUL-terminated */
	int ndig;
	int nitems;               /* words or written groups read */
	int nsingle;              /* digits said one by one (one, oh, double five) */
	int nwords;               /* items that were words */
	int counting;             /* every item a single digit, each one more
	                           * than the last: "one, two, three, four" */
	size_t end[NW_MAXDIG];    /* after each item, where the run would end */
	int upto[NW_MAXDIG];      /* digits up to and including each item */
} nw_run;

/*
 * Read a digit run at s[i]: digit words, "double"/"triple" and a digit
 * word, teens, tens with an optional digit word ("forty two" is 42),
 * "hundred"/"thousand" after a digit or teen ("eight hundred",
 * "fourteen hundred"), and, if written_ok, groups of one to four written
 * digits ("415 three three two").  Returns the end of the last item
 * (i when there is none); r describes the run.
 */
size_t nw_digits(const char *s, size_t n, size_t i, int written_ok, nw_run *r);

#endif
