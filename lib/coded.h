/*
 * coded.h: the codes and hits fields of a coded record, as match-theme
 * writes them (qualpipe-records(5)): the checks every filter that reads
 * them makes, each with one wording, so that tally and pick-quotes say
 * the same thing about the same bad line.
 *
 * Each function either returns or dies with "prog: FILE:LINE: ..." at the
 * reader's current record (exit 2); none allocates.
 */
#ifndef QP_CODED_H
#define QP_CODED_H

#include <stddef.h>
#include <stdint.h>
#include <stdnoreturn.h>

#include "record.h"

/* codes has ncodes values and hits nhits: they must pair up. */
void qp_coded_check_pairing(const qp_rd *rd, size_t ncodes, size_t nhits);

/* A count from 0 to UINT32_MAX at p[0..n): a value of the hits field, or
 * a count column of a --partial stream; what names it in the error
 * ("hits value", "words"). */
uint32_t qp_coded_count(const qp_rd *rd, const char *p, size_t n, const char *what);

/* A value of the codes field p[0..n) that is no usable code path
 * (codepath.h's code_valid, or holding an escape). */
noreturn void qp_coded_bad_path(const qp_rd *rd, const char *p, size_t n);

/*
 * A single code path p[0..n) of column col: of the codes field, one of
 * its values; of a one-code column (pick-quotes' --partial code), the
 * whole field.  Dies as qp_coded_bad_path does, naming col, unless it is
 * a usable path with no escape and no ';'.
 */
void qp_coded_check_path(const qp_rd *rd, const char *p, size_t n, const char *col);

#endif
