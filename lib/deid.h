/*
 * deid.h: de-identification of text, as anonymize(1) does it: the
 * structured scanner (pii.h), the name lexicon (names.h), places and
 * institutions (places.h) and the pseudonym store (pseudonym.h) put
 * together, with the roster, --terms and --keep lists as they feed them,
 * the state one document carries (its casing, the name parts met in it)
 * and the --audit file.  anonymize.c holds only its options and its loops
 * over records and lines.
 *
 * Memory: a qp_deid owns everything it loads and every buffer it returns
 * (valid until the next call); strings given to it are borrowed for the
 * call.  Every function dies (exit 2, the file and line named) on bad
 * input it reads: a roster, a terms or keep list, a key.
 */
#ifndef QP_DEID_H
#define QP_DEID_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

typedef struct qp_deid qp_deid;

/* The name lists from names_dir (NULL: the installed ones), the tags
 * keyed by keyfile (NULL: numbered in order of appearance). */
qp_deid *deid_new(const char *names_dir, const char *keyfile);
void deid_free(qp_deid *d);

void deid_load_roster(qp_deid *d, int nfiles, char **files);
void deid_load_terms(qp_deid *d, const char *path);
void deid_load_keep(qp_deid *d, const char *path);
/* The map from tags back to originals (pseudonym.h: pseudo_map_open);
 * checked before any input is read. */
void deid_open_map(qp_deid *d, const char *path, bool append, bool force);
/* --audit: every replacement and every word kept that deserves a look,
 * written to path (0600, never over an existing file) at deid_finish. */
void deid_open_audit(qp_deid *d, const char *path);
bool deid_auditing(const qp_deid *d);

/* A document starts (doc[0..n) is its id; the same id again is the same
 * document): what was learnt about the last one is forgotten. */
void deid_start_doc(qp_deid *d, const char *doc, size_t n);
/* Where the next field is, for the audit: its segment and column. */
void deid_where(qp_deid *d, const char *seg, size_t n, const char *column);

/* A speaker label that names a roster person: that person's tag (the
 * store's), else NULL (the label is then text, for deid_text). */
const char *deid_speaker(qp_deid *d, const char *label, size_t n);
/* s[0..n) with its identifiers replaced by tags, or NULL when it has
 * none.  speaker: s is a speaker label (its casing says nothing of the
 * document's). */
const qp_buf *deid_text(qp_deid *d, const char *s, size_t n, bool speaker);

/* After the output is closed: the map and the audit are committed, and
 * with report the tags' counts are printed on standard error. */
void deid_finish(qp_deid *d, bool report);

#endif
