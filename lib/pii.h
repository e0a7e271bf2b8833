/*
 * pii.h: structured identifiers in free text (e-mail addresses, URLs,
 * phone numbers, dates, record numbers, postal codes, street addresses),
 * written or as speech recognisers write them ("four one five", "faith
 * dot lin at yahoo dot com", "the fourth of july"), found by one
 * hand-written scan over the bytes of a field.
 *
 * The scan costs one look at each byte: only a byte that can begin an
 * identifier (a digit, '+', '(', a letter at the start of a word, and
 * '@' found by memchr beforehand) starts a detector, and each detector
 * gives up at the first byte that does not fit.  Spoken forms start at a
 * word that is a number word (numword.h), a month, "at" or "dot", found
 * by a table lookup on the word's first letter and length.  No regular expressions,
 * no allocation beyond growing the caller's span array.
 *
 * What counts, and what deliberately does not (decimals, times, years on
 * their own, counts, ranges, money, course codes), is documented with
 * each detector in pii.c, pii_spoken.c and pii_addr.c, and for users in
 * anonymize(1).  The rules follow HIPAA's Safe Harbor list: every element
 * of a date except the year is an identifier, a year alone is not.
 */
#ifndef QP_PII_H
#define QP_PII_H

#include <stddef.h>

#include "buf.h"

enum pii_cat {
	PII_EMAIL,
	PII_URL,
	PII_PHONE,
	PII_DATE,
	PII_ID,
	PII_POSTCODE,
	PII_ADDRESS,
	PII_NCAT
};

/* "EMAIL", "URL", "PHONE", "DATE", "ID", "POSTCODE", "ADDRESS". */
extern const char *const pii_cat_name[PII_NCAT];

/* One identifier: the bytes s[off .. off+len) that are to be replaced. */
typedef struct {
	size_t off, len;
	enum pii_cat cat;
} pii_span;

/*
 * Scan s[0..n) (valid UTF-8) and store the identifiers found, in text
 * order and never overlapping, in *out, grown with xrealloc as needed
 * (*cap is its capacity; start with NULL and 0, reuse across calls; the
 * caller frees *out).  Returns how many were found.
 */
size_t pii_scan(const char *s, size_t n, pii_span **out, size_t *cap);

/*
 * Append to out the normal form of an identifier of category cat, the
 * form by which two spellings are the same entity: e-mail addresses and
 * URLs lower-cased (a URL without scheme, "www." or a trailing '/'),
 * phone numbers as their digits (a North American number without its
 * leading country code 1), everything else as its letters and digits,
 * lower-cased.  Spoken forms are first written out: "dot" is '.', "at"
 * '@', "slash" '/', number words their digits (a spoken ID, phone number
 * or house number), so "four one five ..." and "415-..." are one entity.
 */
void pii_norm(enum pii_cat cat, const char *s, size_t n, qp_buf *out);

/* Is w[0..n) (any case) the name or the abbreviation of a month? */
int pii_month(const char *w, size_t n);

#endif
