/*
 * study.h: what report(1) reads of a thematic analysis: the files
 * tally, tally --cooccur, tally --saturation, agree and the coded stream
 * wrote, kept in a st_study, in memory bounded by the codes and groups
 * shown (not by the records or documents behind them).
 *
 * st_read_tally reads tally's long output (tally.tsv) twice: first each
 * code's and group's totals, then the cells of the codes and groups
 * shown: the max_codes codes with most segments and the max_groups
 * groups with most segments (ties: the file's order), in the file's
 * order; the others are named in a summary.  The other readers take the
 * shown codes from it: st_read_cooccur sums tally --cooccur's pairs over
 * its groups; st_read_saturation keeps, per group (the first max_groups
 * in full), the docs where the curve rises, the base, the runs up to the
 * first saturated one and the result; st_read_agreement keeps agree's
 * rows as written; st_read_coded counts docs, records and coded records.
 * Numbers are kept as the files write them where the report shows them
 * (shares, ratios, kappa), so the page says exactly what the files say.
 *
 * Every reader dies (exit 2, "FILE:LINE: ...") on a file that is not what
 * it should be.  The st_study owns everything in it; st_free.
 */
#ifndef QP_STUDY_H
#define QP_STUDY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "map.h"

typedef struct {
	char *path;
	uint64_t segments;          /* over all groups */
	long shown;                 /* index among the shown codes, or -1 */
	bool parent;                /* a later code is below it */
} st_code;

typedef struct {
	char *label;                /* the group's values, joined with " / " */
	uint64_t segments, speakers, docs;  /* group_segments ... */
	long shown;
} st_group;

typedef struct {
	bool set;
	uint64_t segments, speakers;
	char share[16];             /* segment_share as tally wrote it */
} st_cell;

typedef struct {
	uint64_t from, to, nnew;
	char ratio[16];
	bool saturated;
} st_run;

typedef struct {
	uint64_t pos, total;        /* at doc pos the codes so far became total */
	char *doc, *codes;          /* the doc, its new codes ("; "-joined) */
} st_rise;

typedef struct {
	char *label;                /* the group ("" without --by) */
	uint64_t ndocs;
	size_t nrises;
	st_rise *rise;
	uint64_t base_from, base_to, base_codes;
	size_t nruns;               /* kept: up to the first saturated, at most ST_MAX_RUNS */
	st_run *run;
	uint64_t runs_total;
	bool saturated;
	char point[48], ratio[16];
	uint64_t sat_from, sat_to;  /* the first saturated run */
} st_sat;
#define ST_MAX_RUNS 40

typedef struct {
	char **cell;                /* ncols, as agree wrote them */
} st_agree_row;

typedef struct {
	size_t max_codes, max_groups;
	/* tally */
	const char *tally_file;
	size_t ncodes, ngroups, nshown_codes, nshown_groups;
	st_code *code;
	st_group *group;
	size_t *shown_code, *shown_group;   /* shown index -> code / group index */
	st_cell *cell;                      /* nshown_codes * nshown_groups */
	qp_map *code_map, *group_map;       /* path, label -> index + 1 */
	char *bylabel;                      /* the --by columns, joined with " / " */
	uint64_t all_segments;
	/* tally --cooccur: shown x shown, 0 on the diagonal */
	bool have_cooccur;
	uint64_t *pair;
	uint64_t pairs_left_out;            /* segments of pairs with a code not shown */
	/* tally --saturation */
	bool have_saturation;
	size_t nsat, nsat_full;
	st_sat *sat;
	/* agree */
	bool have_agreement;
	size_t agree_ncols, agree_nrows;
	char **agree_name;
	st_agree_row *agree_row;
	/* the coded stream */
	bool have_coded;
	uint64_t docs, records, coded_records;
} st_study;

void st_init(st_study *s, size_t max_codes, size_t max_groups);
void st_free(st_study *s);

void st_read_tally(st_study *s, const char *file);
void st_read_cooccur(st_study *s, const char *file);
void st_read_saturation(st_study *s, const char *file);
void st_read_agreement(st_study *s, const char *file);
void st_read_coded(st_study *s, const char *file);

/* The columns of rd that have none of the names known (NULL-ended): the
 * group (--by) columns of a tally or pick-quotes output.  Their indices
 * in a new array *cols (caller frees), their number returned. */
struct qp_rd;
int st_group_columns(const struct qp_rd *rd, const char *const *known, int **cols);

/* The index of a code path among all codes, or -1. */
long st_code_index(const st_study *s, const char *p, size_t n);

#endif
