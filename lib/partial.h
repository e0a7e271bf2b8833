/*
 * partial.h: the --partial / --merge protocol of the aggregating filters
 * (tally, pick-quotes), in the parts where it is one idea in both.
 *
 * With --partial such a filter writes its state as a record stream
 * instead of its report; with --merge it reads any number of those back,
 * merged ones too, in any order, and reaches the state one process would
 * have reached on the whole input (qualpipe(7)).  The partial's
 * header is fixed by the options that shape its columns (--by): a merge
 * compares it with the header it would write itself and refuses any
 * other stream.  Options that change the state but not the columns
 * (tally's --depth, --no-rollup, --cooccur; pick-quotes' -n, --codes,
 * --rollup, --min-words, --max-words) travel inside the stream as
 * records of their own, named and valued, which the merge checks
 * against its own options (qp_partial_options: both filters write and
 * check them through it; pick-quotes also wants every option recorded
 * before its first candidate, while tally, whose partials may be sorted
 * for a shuffle, checks each record where it stands).
 * Options that shape only the report (--format; pick-quotes'
 * --max-overlap, which acts on the merged pools alone) are not
 * recorded: the merge may be given them alone.  A partial fed to the
 * filter without --merge is recognised and refused with a hint.
 *
 * The formats carry no version: the header is the version, as any
 * change of layout changes it, and a kind of record added to a layout
 * is one an older merge refuses (pick-quotes' option records have an
 * empty code, which no candidate has).
 */
#ifndef QP_PARTIAL_H
#define QP_PARTIAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "opt.h"
#include "record.h"

/* Does the stream's header hold exactly names[0..n)? */
bool qp_partial_header_is(const qp_rd *rd, const char *const *names, int n);
/* Append names[0..n) joined by sep to out. */
void qp_partial_join(const char *const *names, int n, const char *sep, qp_buf *out);

/*
 * A stream without a codes column whose header has every column of
 * marks (NULL-terminated) is a partial: die at its line 1 with hint.
 * The coded-stream readers call it before asking for codes.
 */
void qp_partial_refuse_unmerged(const qp_rd *rd, const char *const *marks,
                                const char *hint);

/*
 * The options a run's state depends on, for both sides: the writer asks
 * for each one's name and value as its option record holds them, the
 * merge hands it each option record as it comes and each record of
 * state.  An option is a number, or a list (opt.h's), recorded as its
 * items sorted bytewise and joined by ',' (no item holds one: opt.h
 * splits on commas), so that "--codes b,a" and "--codes a --codes b"
 * record the same.  Names are the long options' without the dashes.
 *
 * The merge dies at the record's FILE:LINE (exit 2) on an option record
 * with an unknown name, or with a value other than the run's ("the
 * partial output was made with min-words 8, this merge has 5", "... made
 * with --codes a,b, this merge has no --codes"), and on a record of
 * state before its file has had a record of every option, so that a
 * partial made without them (by another program, or by an older
 * version) is refused rather than merged as if made with the merge's
 * options.  The count starts afresh when qp_rd_file changes; the
 * streams of shards concatenated on one input (GNU parallel) count as
 * one.
 *
 * The names are borrowed, list values copied; qp_partial_options_free
 * releases what the set holds.
 */
#define QP_PARTIAL_MAX_OPTIONS 16

typedef struct {
	const char *prog;
	size_t n;
	const char *name[QP_PARTIAL_MAX_OPTIONS];
	uint64_t value[QP_PARTIAL_MAX_OPTIONS];
	char *list[QP_PARTIAL_MAX_OPTIONS];     /* a list's text; NULL: a number */
	const char *file;       /* the file the seen bits are of */
	uint32_t seen;          /* bit i: option i has had its record there */
	qp_buf scratch;
} qp_partial_options;

void qp_partial_options_init(qp_partial_options *po, const char *prog);
void qp_partial_options_free(qp_partial_options *po);
void qp_partial_options_add(qp_partial_options *po, const char *name, uint64_t value);
void qp_partial_options_add_list(qp_partial_options *po, const char *name,
                                 const qp_strlist *l);

/* The value of option i as its record's field, unescaped (the writer
 * escapes it, as every field), appended to out. */
void qp_partial_options_value(const qp_partial_options *po, size_t i, qp_buf *out);

/* The current record is an option record with this name and value (as
 * the stream holds them, escaped). */
void qp_partial_options_record(qp_partial_options *po, const qp_rd *rd,
                               qp_span name, qp_span value);
/* The current record is one of state: dies unless its file has had
 * every option's record. */
void qp_partial_options_met(qp_partial_options *po, const qp_rd *rd);

#endif
