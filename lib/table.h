/*
 * table.h: the tables tally and pick-quotes write, as a record stream
 * or as Markdown, and the numbers in them.
 *
 * A qp_table is a grid of text cells, filled row by row, with a name and
 * a label for each column: the name heads the column in a record stream
 * (qp_table_write_records), the label in a Markdown table
 * (qp_table_write_md).  The table owns copies of everything added to it;
 * qp_table_init, then qp_table_free.  Cells hold unescaped text: each
 * writer escapes for its own format.
 *
 * Markdown cells follow one rule (qp_md_cell): a backslash and a '|' are
 * escaped with a backslash, and a newline, a carriage return or a TAB
 * becomes one space, since a table row is one line and Markdown has no
 * escape for a line break (a `\n` would be shown as those two
 * characters).  Headings (qp_md_inline) flatten the same way, and need
 * no escapes.
 *
 * Numbers everywhere are written in the C locale: counts as decimal
 * integers, ratios with four decimals rounded half up, by integer
 * arithmetic (qp_fmt_ratio).
 */
#ifndef QP_TABLE_H
#define QP_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "output.h"

typedef struct {
	size_t ncols;
	char **name;        /* record-stream column names */
	char **label;       /* Markdown headers */
	qp_buf text;        /* the cells, each NUL-terminated, row by row */
	size_t *off;        /* where each cell begins in text */
	size_t ncells, capoff;
} qp_table;

void qp_table_init(qp_table *t, size_t ncols);
void qp_table_free(qp_table *t);
/* Forget the cells, keep the columns. */
void qp_table_clear_rows(qp_table *t);

/* Column i gets name and label as given (copied). */
void qp_table_set_column(qp_table *t, size_t i, const char *name, const char *label);
/*
 * Column i named after the values parts[0..nparts) (say, a group's
 * values): the label joins them with " / "; the name is each value
 * reduced to lower-case ASCII letters and digits (every run of other
 * bytes one '_'), joined with "__", with "g_" in front unless it then
 * begins with a letter.  Names made this way can meet: see
 * qp_table_check_names.
 */
void qp_table_column_from_values(qp_table *t, size_t i, char *const *parts,
                                 const size_t *lens, int nparts);
/* Dies (naming what, as in "groups") if two columns have the same name. */
void qp_table_check_names(const qp_table *t, const char *what);

/* The next cell, left to right and row by row. */
void qp_table_add_cell(qp_table *t, const char *p, size_t n);
void qp_table_add_u64(qp_table *t, uint64_t v);
/* num/den as qp_fmt_ratio writes it. */
void qp_table_add_ratio(qp_table *t, uint64_t num, uint64_t den);

/* The header of names, then a record per row, every cell escaped. */
void qp_table_write_records(const qp_table *t, qp_out *o);
/*
 * A Markdown table.  aligned: every column padded to its widest cell,
 * the first left-aligned and the others (numbers) right-aligned; else
 * no padding, every column left-aligned, as a table of quotes reads.
 */
void qp_table_write_md(const qp_table *t, qp_out *o, bool aligned);

/* Append the Markdown form of p[0..n), unescaped text, to out. */
void qp_md_cell(const char *p, size_t n, qp_buf *out);
void qp_md_inline(const char *p, size_t n, qp_buf *out);

/* num/den with four decimals, rounded half up; nothing when den is 0. */
void qp_fmt_ratio(uint64_t num, uint64_t den, qp_buf *out);
void qp_write_ratio(qp_out *o, uint64_t num, uint64_t den);
void qp_write_u64(qp_out *o, uint64_t v);

#endif
