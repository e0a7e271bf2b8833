/*
 * page.h: the HTML page of a study, as report(1) writes it: one
 * self-contained file (inline CSS and SVG, no script, nothing fetched)
 * made of the st_study (study.h), the quote tables streamed from
 * pick-quotes' output, and what the caller knows of the run.
 *
 * Section by section: methods, the code x group heat map and its table,
 * the co-occurrence matrix, the saturation curves, the agreement table,
 * the quotes per theme, and the provenance block.  A part whose file was
 * not given says so instead.  Every chart has a table of its figures.
 *
 * The caller owns everything in a pg_meta; pg_write reads it (and the
 * quotes file) during the call only.
 */
#ifndef QP_PAGE_H
#define QP_PAGE_H

#include <stddef.h>

#include "map.h"
#include "output.h"
#include "study.h"

typedef struct {
	const char *kind;           /* "tally", "quotes", ... */
	const char *name;           /* the file's name, without its directory */
	char hash[65];              /* BLAKE2b-256 of its bytes, hex */
} pg_file;

/* What the cells of the code matrix's heat map hold (tally's --measure). */
enum pg_measure { PG_SEGMENTS, PG_SPEAKERS, PG_SHARE };

typedef struct {
	const char *title;
	const char *date;           /* YYYY-MM-DD */
	enum pg_measure measure;
	const char *version;
	/* the codebook, when given */
	const char *codebook;       /* its name */
	size_t codebook_codes;
	char codebook_hash[65];
	const qp_map *desc;         /* code path -> description (char *), or NULL */
	size_t nsteps;
	char *const *step;          /* the options of each step, as given */
	size_t nfiles;
	const pg_file *file;
	const char *quotes;         /* pick-quotes' output, or NULL */
	size_t max_quotes;          /* per theme; 0: all */
} pg_meta;

void pg_write(qp_out *o, const st_study *s, const pg_meta *m);

/* The parts, for pg_write (page_*.c). */
void pg_heatmap(qp_out *o, const st_study *s, enum pg_measure m);
void pg_cooccur(qp_out *o, const st_study *s);
void pg_saturation(qp_out *o, const st_study *s);
void pg_quotes(qp_out *o, const st_study *s, const pg_meta *m);

#endif
