/*
 * counts.h: the state tally counts into, and its plainest reports.
 *
 * A ct_state holds the distinct codes, groups (the values of the --by
 * columns), docs and speakers met, and per cell (code x group) and per
 * group the segments and the distinct docs and speakers behind them;
 * with pairs, also the co-occurrences (cooccur.h).  It is filled either
 * from coded records (ct_resolve, then ct_count_record per record) or
 * from tally --partial output (counts_partial.h); every report is
 * written from the state alone, sorted, so that two runs that reach the
 * same state write the same bytes.  Memory grows with the distinct
 * codes, groups, docs, speakers and their pairs, never with the number
 * of records.
 *
 * Ids are indices into the arrays below, CT_NONE meaning none.  Group 0
 * is every record; with --by the other groups are the values met.
 * Strings the state points at (paths, raw values) are keys of its maps,
 * owned by the state; ct_free releases everything.  Records are read
 * through rd, which the caller owns; messages about a record name its
 * file and line.
 */
#ifndef QP_COUNTS_H
#define QP_COUNTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "map.h"
#include "opt.h"
#include "pairset.h"
#include "record.h"

#define CT_NONE UINT32_MAX

/* Segments, and distinct docs and speakers, of a cell or a group.  The
 * last_* fields remember the doc and speaker last added, which spares
 * the set lookup for the runs of records that repeat them. */
typedef struct {
	uint64_t segs, docs, spks;
	uint32_t last_doc, last_spk;
} ct_totals;

typedef struct {
	const char *path;       /* unescaped */
	size_t len;
	uint32_t parent;        /* with rollup, else CT_NONE */
	uint32_t mark;          /* last expansion that took it */
	uint32_t rank;          /* position in tree order, after ct_sort */
	uint32_t cache_g, cache_cell, all_cell;   /* ct_cell_of's memory */
} ct_code;

typedef struct {
	const char *raw;        /* escaped values joined by TAB */
	size_t rawlen;
	char **val;             /* unescaped, for sorting and headers */
	size_t *vlen;
	ct_totals c;
	uint32_t rank;
} ct_group;

typedef struct {
	const char *raw;        /* escaped, as in the stream */
	size_t len;
	uint32_t order;         /* position in the stream, from 0; CT_NONE unknown */
} ct_doc;

typedef struct {
	const char *raw;        /* escaped participant or speaker label */
	size_t len;
	uint32_t doc;           /* the label's doc; CT_NONE for a participant */
	bool participant;
} ct_speaker;

typedef struct {
	uint32_t code, group;
	ct_totals c;
	uint32_t first;         /* saturation: earliest doc order */
} ct_cell;

typedef struct {
	uint32_t a, b, group;   /* a before b in tree order */
	uint64_t segs;
} ct_pair;

/* A codes field resolved: its number of values, then its code ids
 * (rolled up, cut, each once) and, with pairs, its pairs, as offsets
 * into the pools. */
typedef struct {
	uint32_t nvals, nids, ids, npairs, pairs;
} ct_combo;

/* A resolved codes field, as ct_resolve hands it out (valid until the
 * next ct_resolve). */
typedef struct {
	uint32_t nvals;
	const uint32_t *ids, *pairs;    /* pairs: 2 * npairs ids */
	size_t nids, npairs;
} ct_codeset;

/* Where a lookup of the same key as last time is answered at once. */
typedef struct {
	uint32_t id;
	qp_buf key;
} ct_last;

typedef struct {
	/* How the counts are made; fixed at ct_new. */
	const qp_strlist *by;   /* borrowed */
	int nby;
	bool rollup, cooccur;
	unsigned long depth;    /* 0: no cut */
	qp_rd *rd;              /* borrowed, for messages */

	qp_map *codemap, *groupmap, *docmap, *spkmap, *cellmap, *pairmap;
	ct_code *codes;
	size_t ncodes, capcodes;
	ct_group *groups;
	size_t ngroups, capgroups;
	ct_doc *docs;
	size_t ndocs, capdocs;
	uint32_t norder;        /* docs given a place in the stream so far */
	ct_speaker *spks;
	size_t nspks, capspks;
	ct_cell *cells;
	size_t ncells, capcells;
	ct_pair *pairv;
	size_t npairs, cappairs;
	uint64_t nodoc;         /* segments without a doc */
	/* (group, doc), (group, speaker), (cell, doc), (cell, speaker). */
	qp_pairset gdocs, gspks, cdocs, cspks;

	/* ct_resolve: distinct codes fields met, and their expansion. */
	qp_map *combomap;
	ct_combo *combos;
	size_t ncombos, capcombos;
	uint32_t *idpool, *pairpool;
	size_t nidpool, capidpool, npairpool, cappairpool;
	uint32_t stamp;
	uint32_t *sc_ids, *sc_pairs;
	size_t nsc_ids, capsc_ids, nsc_pairs, capsc_pairs;

	ct_last last_group, last_doc, last_spk;
	qp_buf key, scratch, ub;

	/* After ct_sort: code and group ids in output order (the groups
	 * without group 0 when there is --by). */
	uint32_t *corder, *gorder;
	size_t ngorder;
} ct_state;

/* by: the --by columns (borrowed, must outlive the state); cooccur:
 * count co-occurrences too. */
ct_state *ct_new(const qp_strlist *by, bool rollup, unsigned long depth,
                 bool cooccur, qp_rd *rd);
void ct_free(ct_state *t);

/* Die at the current record: a bad escape in what. */
_Noreturn void ct_bad_escape(const ct_state *t, const char *what);
/* Unescape p[0..n) into t->scratch; dies naming what on a bad escape. */
void ct_unescape(ct_state *t, const char *p, size_t n, const char *what);

/* The id of code p[0..n) (unescaped), made with its ancestors if up. */
uint32_t ct_code_id(ct_state *t, const char *p, size_t n, bool up);
/* The group of the current record's values in the columns cols[]. */
uint32_t ct_group_of(ct_state *t, const int *cols);
/* The doc p[0..n) (escaped); with order, a new doc takes the next place
 * in the stream.  CT_NONE for an empty doc. */
uint32_t ct_doc_of(ct_state *t, const char *p, size_t n, bool order);
/* A speaker: the participant when there is one, else the label within
 * its doc d (the same label in two docs is two people).  CT_NONE if
 * neither. */
uint32_t ct_speaker_of(ct_state *t, const char *part, size_t pn,
                       const char *label, size_t ln, uint32_t d);
uint32_t ct_cell_of(ct_state *t, uint32_t code, uint32_t g);
/* The cell, or CT_NONE if it was never counted. */
uint32_t ct_cell_get(const ct_state *t, uint32_t code, uint32_t g);
/* Add doc d (speaker s) to the totals of cell or group id, whose set of
 * (id, doc) (or speaker) pairs is set. */
/* Count x (a doc or a speaker) once in *n, remembering it in *last. */
static inline void
ct_add_distinct(uint64_t *n, uint32_t *last, qp_pairset *set, uint32_t id,
                uint32_t x)
{
	if (x == CT_NONE || *last == x)
		return;
	*last = x;
	if (qp_pairset_add(set, id, x))
		(*n)++;
}

static inline void
ct_add_doc(ct_totals *c, qp_pairset *set, uint32_t id, uint32_t d)
{
	ct_add_distinct(&c->docs, &c->last_doc, set, id, d);
}

static inline void
ct_add_speaker(ct_totals *c, qp_pairset *set, uint32_t id, uint32_t s)
{
	ct_add_distinct(&c->spks, &c->last_spk, set, id, s);
}

/* The codes field f (escaped) of the current record, resolved; dies on
 * a bad code path at the record. */
void ct_resolve(ct_state *t, qp_span f, ct_codeset *out);
/* Count one record: group g (and group 0), doc d, speaker s, its codes. */
void ct_count_record(ct_state *t, uint32_t g, uint32_t d, uint32_t s,
                     const ct_codeset *cs);

/* Put codes in tree order and groups in value order (ranks, corder,
 * gorder), for the reports. */
void ct_sort(ct_state *t);

/* Write the --by column names (each after a TAB) and a group's values. */
void ct_write_header(const ct_state *t, const char *const *pre, int npre,
                     const char *const *post, int npost);
void ct_write_group(const ct_state *t, const ct_group *g);

/* The reports, after ct_sort: one record per code and group; a code x
 * group matrix of measure as records or (md) a Markdown table. */
enum ct_measure { CT_SEGMENTS, CT_SPEAKERS, CT_DOCS, CT_SHARE };
void ct_write_long(const ct_state *t);
void ct_write_matrix(const ct_state *t, enum ct_measure m, bool md);

#endif
