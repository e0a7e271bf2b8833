/*
 * roster.h: rosters of speakers, and matching transcript speaker labels
 * against them.  tag-speaker and anonymize both use it, so a change of
 * the API is a change of both filters.
 *
 * A roster is a record stream (qualpipe-records(5)) with a column `name`,
 * an optional column `aliases` (values separated by `;`) and any others
 * (role, participant, cohort, site, pseudonym, ...).  Each record is one
 * person: an entry.
 *
 * Labels are compared in normal form (qp_roster_norm): folded (case,
 * accents, apostrophes: utf8_fold), cut into words (words_next: letters,
 * marks, digits, in-word apostrophes; everything else separates words),
 * joined by one space, with leading abbreviated titles (qp_title_abbrevs:
 * Dr Prof Mr Mrs Ms Mx Rev Capt, with or without a dot) dropped while a
 * word remains.  So "DR.  José O’Neil"
 * and "jose o'neil" are the same label.
 *
 * Loading dies (exit 2, "prog: FILE:LINE: message") on: a missing
 * required column, a malformed stream, invalid UTF-8 (unless
 * --replace-invalid, as for any input), an empty name,
 * a name or alias with no words, and a name or alias whose normal form
 * belongs to two different entries (which would make matching guess).
 *
 * Memory: the qp_roster owns its entries and every string in them;
 * pointers stay valid until qp_roster_free.
 */
#ifndef QP_ROSTER_H
#define QP_ROSTER_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

typedef struct {
	const char *name;        /* as written (unescaped) */
	const char **aliases;    /* as written, trimmed, empty ones skipped */
	size_t naliases;
	const char **vals;       /* one per roster column, unescaped, "" if empty */
	const char *file;        /* where the entry was defined */
	unsigned long line;
} qp_roster_entry;

typedef struct qp_roster qp_roster;

/*
 * Read nfiles roster files (borrowed) as one stream; they must share a
 * header.  need: NULL, or a NULL-terminated list of further columns the
 * caller cannot work without (e.g. "role"); `name` is always required.
 */
qp_roster *qp_roster_load(int nfiles, char **files, const char *const *need);
void qp_roster_free(qp_roster *r);

size_t qp_roster_count(const qp_roster *r);
const qp_roster_entry *qp_roster_at(const qp_roster *r, size_t i);

int qp_roster_ncols(const qp_roster *r);
const char *qp_roster_colname(const qp_roster *r, int col);
int qp_roster_col(const qp_roster *r, const char *name);   /* index, or -1 */

/* Append the normal form of s[0..n) (valid UTF-8) to out. */
void qp_roster_norm(const char *s, size_t n, qp_buf *out);

/* The entry whose name or alias has this normal form, or NULL.
 * *is_name (if not NULL) says whether it was the name. */
const qp_roster_entry *qp_roster_lookup(const qp_roster *r, const char *norm,
                                        size_t n, bool *is_name);

/*
 * Match a speaker label (unescaped, valid UTF-8), trying in order:
 *  1. the whole label;
 *  2. its parts: a label is cut at "(...)", "[...]", "|", and a dash
 *     (- – —) with white space before or after it (not "Mary-Jane"), so "MODERATOR (Jane Doe)",
 *     "Jane Doe (she/her)", "Jane Doe - Host", "P3 (Sam)", "Jane Doe | Host"
 *     each give two parts.  Parts that match nobody are ignored.  If the
 *     matching parts all name one entry, that is the match.  If they name
 *     different entries, a part matching an entry's NAME beats parts that
 *     only match aliases (a full name says more than a role word such as
 *     "Moderator"); if that still leaves two entries, the label is
 *     ambiguous and matches nobody.
 * scratch is the caller's, reused between calls (no allocation once warm).
 * Matching costs a few hashes: callers that see a label many times cache
 * the result by label.
 */
enum qp_roster_how {
	QP_ROSTER_NONE,          /* no part matched */
	QP_ROSTER_WHOLE,         /* the whole label matched */
	QP_ROSTER_PART,          /* one part (or parts agreeing) matched */
	QP_ROSTER_AMBIGUOUS      /* parts matched different entries */
};
typedef struct {
	enum qp_roster_how how;
	const qp_roster_entry *e;       /* the match (WHOLE, PART), else NULL */
	const qp_roster_entry *a, *b;   /* AMBIGUOUS: two of the candidates */
} qp_roster_hit;

qp_roster_hit qp_roster_match(const qp_roster *r, const char *label, size_t n,
                              qp_buf *scratch);

/*
 * A speaker label at the start of text ("Jane Doe: well, ..."), for
 * sources whose segments carry the label in the text: the label rule of
 * label.h, except that a label written like one but not like a name
 * (QP_LABEL_SHAPE: "interviewer:", "Yeah:") is taken when r (may be
 * NULL) matches it.  Returns true with the label at
 * text[*label_off .. *label_off + *label_len) (trimmed) and *rest the
 * offset of the text after the colon and the white space after it.
 * scratch is the caller's, as for qp_roster_match.
 */
bool qp_roster_text_label(const qp_roster *r, const char *text, size_t n,
                          size_t *label_off, size_t *label_len, size_t *rest,
                          qp_buf *scratch);

#endif
