/*
 * words.h: the closed word lists of English names and dates that several
 * filters need, each written once, and the one lookup they share.
 *
 * Every list is a NULL-terminated array of lower-case ASCII words; the
 * arrays are static data, nobody frees them.  A caller that looks a word
 * up many times (a detector run on every token) builds its own hash set
 * from a list once; qp_word_in is the plain scan for the short lists and
 * the cold paths.
 */
#ifndef QP_WORDS_H
#define QP_WORDS_H

#include <stdbool.h>
#include <stddef.h>

/* Is w[0..n) (bytes, compared exactly) one of the words of list? */
bool qp_word_in(const char *w, size_t n, const char *const *list);

/* Lower-case words inside a personal name: "Ana do Carmo", "Ludwig van
 * Beethoven", "Ibn Battuta".  Never a name on their own. */
extern const char *const qp_name_particles[];

/* Titles before a name ("Dr. Okoro", "Coach Rivera", "Nurse Ali"). */
extern const char *const qp_titles[];
/* The titles that are written with a dot of abbreviation ("Dr.", "Prof.");
 * after the others ("nurse.") a dot ends a sentence. */
extern const char *const qp_title_abbrevs[];

/* Month names in calendar order (qp_months[0] is "january"), their
 * three-letter abbreviations in the same order, and every written form a
 * date may use (names, abbreviations and "sept"). */
extern const char *const qp_months[];
extern const char *const qp_month_abbrevs[];
extern const char *const qp_month_words[];

/* Day names, Monday first. */
extern const char *const qp_weekdays[];

#endif
