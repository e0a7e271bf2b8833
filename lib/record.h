/*
 * record.h: record streams, the format qualpipe-records(5) defines (and
 * qualpipe(7) places among the filters).
 *
 * A qp_rd reads a stream: the header, then records whose fields are
 * handed out still escaped, as byte spans into the input line (valid
 * until the next qp_rd_next).  Passing a field through costs nothing;
 * qp_rd_get unescapes one on demand.
 *
 * The reader enforces the contract and dies (exit 2, "prog: FILE:LINE:
 * ...") on a malformed header, a different header later in the stream,
 * a wrong number of fields, or a bad escape in a field it is asked to
 * unescape.  A line equal to the first header is dropped wherever it
 * appears again (cat a.tsv b.tsv).
 *
 * The same qp_rd also shapes the output of filters that add columns:
 * qp_rd_add_col names an output column (an existing one is overwritten
 * in place, a new one is appended), qp_rd_set gives its value for the
 * current record, and qp_rd_write writes the record: every input field
 * passes through as it came, the set ones escaped.
 */
#ifndef QP_RECORD_H
#define QP_RECORD_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "input.h"
#include "output.h"

typedef struct {
	const char *p;
	size_t n;
} qp_span;

typedef struct qp_rd qp_rd;

/* Opens the input (see input.h for files and flags) and reads the header.
 * An empty stream is not an error: qp_rd_ncols is then 0 and qp_rd_next
 * returns false at once. */
qp_rd *qp_rd_open(int nfiles, char **files);
void qp_rd_free(qp_rd *r);

int qp_rd_ncols(const qp_rd *r);                 /* input columns */
const char *qp_rd_name(const qp_rd *r, int col);
int qp_rd_col(const qp_rd *r, const char *name); /* index, or -1 */
/* Index of a column the filter cannot work without; dies naming it. */
int qp_rd_need(const qp_rd *r, const char *name);

/* Next record; false at the end of the stream. */
bool qp_rd_next(qp_rd *r);
/* The current record's field col, escaped as in the stream. */
qp_span qp_rd_raw(const qp_rd *r, int col);
/* Unescape field col (appending to out, which is not reset first). */
void qp_rd_get(const qp_rd *r, int col, qp_buf *out);

/* Where the current record came from, for messages. */
const char *qp_rd_file(const qp_rd *r);
unsigned long qp_rd_lineno(const qp_rd *r);

/* Output shaping, see above.  Call qp_rd_add_col before writing the
 * header; it returns the output column's index. */
int qp_rd_add_col(qp_rd *r, const char *name);
void qp_rd_write_header(qp_rd *r, qp_out *o);
/* Value of output column oc for the current record, unescaped; copied. */
void qp_rd_set(qp_rd *r, int oc, const char *p, size_t n);
/* Write the current record, then forget the values set for it. */
void qp_rd_write(qp_rd *r, qp_out *o);

/*
 * Escaping, for filters that write streams of their own.
 * qp_escape appends the escaped form of p[0..n) to out.
 * qp_write_field writes it straight to an output.
 * qp_unescape appends the unescaped form; it returns false on a bad
 * escape (a backslash not followed by one of \ t n r).
 */
void qp_escape(const char *p, size_t n, qp_buf *out);
void qp_write_field(qp_out *o, const char *p, size_t n);
bool qp_unescape(const char *p, size_t n, qp_buf *out);

/* Is name a valid column name (lower-case ASCII letter, then [a-z0-9_])? */
bool qp_valid_colname(const char *p, size_t n);

/* Write a header line of names to o. */
void qp_write_header(qp_out *o, const char *const *names, int n);

#endif
