/*
 * codings.h: the store of codings agree(1) reads, units x coders x codes.
 *
 * Every unit is a row of m slots, one per coder.  A slot holds the codes
 * the coder gave the unit (with rollup each code's ancestors too, each
 * code once) as a run of one pool, and the first code given; with
 * --values it holds one value instead, or nothing.  Codes, values and
 * documents are interned as they come: an id is an index into code[],
 * val[] or the documents, in the order they were first read.
 *
 * Units come from one record stream, or from two joined on the units:
 * the first stream makes the units (ag_codings_unit), the second names
 * them again (ag_codings_join), and ag_codings_check_joined says whether
 * it named them all.  A unit is the record, or the key of the unit's
 * columns, which must be unique in each stream.
 *
 * The store owns everything it holds: the interned strings (code[].s,
 * val[].s, as NUL-terminated copies) live until ag_codings_free.  What
 * ag_codings_opts points to is borrowed and must outlive the store.  The
 * fields below are for reading; only the functions change them.  Bad
 * input (a bad code path, a value that is not a number where the level
 * needs one, a unit twice, a unit missing from a join) dies with
 * "prog: FILE:LINE: ..." at the record, as record.h's readers do.
 */
#ifndef QP_CODINGS_H
#define QP_CODINGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "agree.h"
#include "buf.h"
#include "map.h"
#include "record.h"

typedef struct {
	size_t m;               /* coders */
	bool values;            /* a field holds one value (empty: missing), not codes */
	bool rollup;            /* a code counts for its ancestors too */
	bool interval, ratio;   /* values: the levels asked for that need numbers */
	char *const *unit;      /* the unit's columns' names; nunit 0: a unit a record */
	size_t nunit;
	const char *with;       /* the second stream, for messages; NULL: none */
} ag_codings_opts;

/* Where a unit was read, for messages. */
typedef struct {
	const char *file;
	unsigned long line;
} ag_place;

typedef struct {
	ag_codings_opts o;
	size_t m, nunits;
	/* Per slot u * m + c: cnt code ids at pool[off]; first, the first code
	 * given, or with values the value, AG_MISSING: none. */
	uint32_t *off, *cnt, *first, *pool;
	uint32_t *udoc;         /* per unit: the document, AG_MISSING: none */
	size_t ndocs;
	ag_name *code;          /* per code: its path */
	size_t ncodes;
	ag_value *val;          /* per value: as written (unescaped), its number */
	size_t nvals;

	/* The rest is the store's own. */
	size_t npool, cappool, capunits, capcodes, capvals;
	uint32_t *parent;       /* per code: with rollup its parent, else AG_MISSING */
	uint64_t *stamp;        /* per code: the last slot that took it */
	uint64_t slot;          /* slots read so far */
	const char **ukey;      /* per unit: its key, the map's copy */
	ag_place *where, *with_where;   /* per unit (file NULL: not yet) */
	qp_map *unitmap, *codemap, *docmap, *valmap;
	qp_buf key, scratch;
} ag_codings;

void ag_codings_init(ag_codings *s, const ag_codings_opts *o);
void ag_codings_free(ag_codings *s);

/*
 * A new unit for the current record of the first stream, its index
 * returned.  ucol[i] is the column of o->unit[i] (NULL when nunit is 0);
 * doc is the column of the unit's document (-1: none; an empty field:
 * none).  Dies if the unit's key was read before.  Its slots are empty
 * until ag_codings_read fills them.
 */
size_t ag_codings_unit(ag_codings *s, const qp_rd *rd, const int *ucol, int doc);

/* The unit of the first stream that the current record of the second
 * stream names by its columns ucol; dies if there is none or the second
 * stream named it already. */
size_t ag_codings_join(ag_codings *s, const qp_rd *rd, const int *ucol);

/* Dies, at the place of the first, if the second stream left out a unit. */
void ag_codings_check_joined(ag_codings *s);

/* Read column col of the current record, coder c's, into unit u's slot. */
void ag_codings_read(ag_codings *s, const qp_rd *rd, int col, size_t u, size_t c);

/* The codings as the tallies of agree.h read them, borrowed from s. */
ag_coding ag_codings_view(const ag_codings *s);

#endif
