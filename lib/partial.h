/*
 * partial.h: the --partial / --merge protocol of the aggregating filters
 * (tally, pick-quotes), in the parts where it is one idea in both.
 *
 * With --partial such a filter writes its state as a record stream
 * instead of its report; with --merge it reads any number of those back,
 * merged ones too, in any order, and reaches the state one process would
 * have reached on the whole input (../shared/design.md).  The partial's
 * header is fixed by the options that shape its columns (--by): a merge
 * compares it with the header it would write itself and refuses any
 * other stream.  Options that change the state but not the columns
 * (tally's --depth, --no-rollup, --cooccur) travel inside the stream as
 * records of their own, named and valued, which the merge checks against
 * its own options (qp_partial_check_option).  A partial fed to the
 * filter without --merge is recognised and refused with a hint.
 *
 * The formats carry no version: the header is the version, as any
 * change of layout changes it.
 */
#ifndef QP_PARTIAL_H
#define QP_PARTIAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
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

/* An option the state depends on, and the value this run has. */
typedef struct {
	const char *name;
	uint64_t value;
} qp_partial_opt;

/*
 * An option record of the current record, name and value as in the
 * stream: dies unless name is one of opts[0..n) with that value (giving
 * prog's name in "not PROG --partial output" when it is unknown).
 */
void qp_partial_check_option(const qp_rd *rd, qp_span name, uint64_t value,
                             const qp_partial_opt *opts, size_t n,
                             const char *prog);

#endif
