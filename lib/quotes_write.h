/*
 * quotes_write.h: what pick-quotes writes (pick-quotes(1) documents
 * it): the record stream of the chosen quotes, its --partial form (the
 * pools' candidates after the option records), the Markdown of the
 * chosen quotes, and the header check a --merge makes of its input.
 *
 * The columns follow from the --by columns and from which of the
 * optional fields the stream has (quote_columns, quotes.h): code, the
 * --by columns, two of the kind of output (rank and score, or hits and
 * words for --partial), the speaker's columns the stream has, then doc,
 * seg and text always (they say where the quote is); a field that is a
 * --by column is written once for the group, not again per quote.
 *
 * Everything goes to qp_stdout; nothing here keeps or frees what it is
 * given.  A record stream gets the fields as the input held them,
 * escaped; Markdown gets them unescaped (the reader checked them).
 */
#ifndef QP_QUOTES_WRITE_H
#define QP_QUOTES_WRITE_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "partial.h"
#include "quotes.h"
#include "record.h"
#include "table.h"

/* Dies at line 1 of rd's file unless its header is the one --partial
 * writes with these columns. */
void quote_check_partial_header(const qp_rd *rd, const quote_columns *qc);

/* The header of the result, or with partial (the options the pools
 * depend on) that of --partial and its option records. */
void quote_write_header(const quote_columns *qc, const qp_partial_options *partial);
/* Candidate c of pool p as a record: with partial its hits and words,
 * else its rank and score. */
void quote_write_record(const quote_columns *qc, const quote_pool *p, const quote *c,
                        bool partial, size_t rank);

/* tb as the Markdown table of quotes wants it (qp_table_init's). */
void quote_md_table(qp_table *tb);
/* The quotes p->c[pick[0..np)] as Markdown: the headings of the code
 * (unless prev, the pool written before, has the same code) and of the
 * group, then the table.  tb is quote_md_table's, its rows replaced;
 * tmp is a scratch buffer. */
void quote_write_md(const quote_columns *qc, const quote_pool *p, const quote_pool *prev,
                    const size_t *pick, size_t np, qp_table *tb, qp_buf *tmp);

#endif
