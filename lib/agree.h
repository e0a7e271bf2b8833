/*
 * agree.h: the statistics of intercoder agreement that agree(1) reports,
 * as pure functions of counts and value matrices.  agree(1) gives the
 * formulas and the edge cases in the user's words; this header is the
 * programmer's side.
 *
 * A figure that is not defined for its data (Cohen's kappa when the
 * chance agreement is 1, precision when the coder gave the code to no
 * unit) is an ag_num with ok false, never a NaN or an infinity; the
 * writer prints it as an empty field.
 *
 * Nothing here reads or writes anything.  Functions that need scratch
 * memory allocate it with the x* allocators (dying on failure, as
 * everywhere in qualpipe) and free it before they return; the caller
 * owns every array it passes in, and nothing is kept.  The one result
 * allocated here is ag_code_rows's, which the caller frees with
 * ag_rows_free; its rows point into the names the caller passed.
 */
#ifndef QP_AGREE_H
#define QP_AGREE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rng.h"

typedef struct {
	double v;
	bool ok;        /* false: undefined, printed as an empty field */
} ag_num;

#define AG_NONE ((ag_num){ 0.0, false })

/*
 * The 2x2 table of one binary decision (a code present or absent in a
 * unit) between a reference coder a and another coder b: n11 both gave
 * it, n10 only a, n01 only b, n00 neither.
 */
typedef struct {
	uint64_t n11, n10, n01, n00;
} ag_table;

static inline uint64_t ag_units(const ag_table *t) { return t->n11 + t->n10 + t->n01 + t->n00; }

ag_num ag_agreement(const ag_table *t);   /* (n11 + n00) / n */
ag_num ag_kappa(const ag_table *t);       /* Cohen (1960) */
ag_num ag_pabak(const ag_table *t);       /* 2 po - 1 (Byrt, Bishop and Carlin 1993) */
ag_num ag_alpha_table(const ag_table *t); /* Krippendorff's alpha, binary, two coders */
ag_num ag_precision(const ag_table *t);   /* n11 / (n11 + n01): a is the reference */
ag_num ag_recall(const ag_table *t);      /* n11 / (n11 + n10) */
ag_num ag_f1(const ag_table *t);          /* 2 n11 / (2 n11 + n10 + n01) */

/* Brennan and Prediger's (1981) kappa: (po - 1/k) / (1 - 1/k) for k
 * categories; undefined for k < 2 or po undefined. */
ag_num ag_bp_kappa(ag_num po, uint64_t k);

/*
 * Krippendorff's alpha of a binary variable that m coders (m >= 2) all
 * judged on every one of units units: ones is how many of the units * m
 * values are 1, and disagree the sum over units of c0 * c1, the counts
 * of 0s and 1s the unit got.
 */
ag_num ag_alpha_binary(uint64_t units, uint64_t m, uint64_t ones, uint64_t disagree);

/*
 * The codings of units by m coders, for tallying per code: slot u * m + c
 * (unit u, coder c) holds cnt[slot] code ids, each below ncodes and each
 * at most once, at pool[off[slot]].  doc[u] is unit u's document, below
 * ndocs, or AG_MISSING; doc may be NULL.  Everything is borrowed.
 */
typedef struct {
	size_t nunits, m, ncodes, ndocs;
	const uint32_t *off, *cnt, *pool, *doc;
} ag_coding;

/*
 * The decisions about one code (or a pool of codes): t[c] is the table of
 * coder c >= 1 against coder 0 (t[0] unused); over all coders, ones is
 * the codes given, disagree the sum of c0 * c1 per decision, unanimous
 * the decisions every coder gave the code, any those some coder gave it.
 * ag_tally_init allocates t, ag_tally_free releases it.
 */
typedef struct {
	ag_table *t;
	uint64_t units;
	uint64_t ones, disagree, unanimous, any;
} ag_tally;

void ag_tally_init(ag_tally *t, size_t m);
void ag_tally_free(ag_tally *t);
/* Add b's coded cells to a (n00 and units are set by ag_tally_close). */
void ag_tally_add(ag_tally *a, const ag_tally *b, size_t m);
/* The decisions are units in all: n00 of every table follows. */
void ag_tally_close(ag_tally *t, size_t m, uint64_t units);

/*
 * Tally cd per code into codes[0..ncodes) (initialised here, over every
 * unit) and, when docs is not NULL, MAXQDA's code existence per document
 * into *docs: one decision per document and code, coded by a coder who
 * gave the code to any unit of the document (units without a document
 * left out).  The caller frees each with ag_tally_free.
 */
void ag_tally_coding(const ag_coding *cd, ag_tally *codes, ag_tally *docs);

/* Over all coders: the share of decisions on which every coder agrees,
 * and Krippendorff's binary alpha. */
ag_num ag_tally_agreement(const ag_tally *t);
ag_num ag_tally_alpha(const ag_tally *t, size_t m);

/* A value left empty: a coder who did not judge the unit. */
#define AG_MISSING UINT32_MAX

/*
 * Cohen's kappa of two coders' nominal values a[i], b[i] (category
 * indices below ncat, or AG_MISSING: the unit is then left out).
 * *units (may be NULL) gets how many units both coded; *po (may be NULL)
 * their observed agreement, and *used (may be NULL) how many categories
 * either coder used on them.
 */
ag_num ag_kappa_nominal(const uint32_t *a, const uint32_t *b, size_t n, size_t ncat,
                        uint64_t *units, ag_num *po, uint64_t *used);

typedef enum { AG_NOMINAL, AG_ORDINAL, AG_INTERVAL, AG_RATIO } ag_level;
#define AG_NLEVELS 4

/* What ag_alpha found besides alpha. */
typedef struct {
	uint64_t units;     /* pairable units: two values or more */
	uint64_t values;    /* the values in them (Krippendorff's n) */
	ag_num agreement;   /* share of the pairable pairs of values that match */
} ag_alpha_info;

/*
 * Krippendorff's alpha (Krippendorff 2011, "Computing Krippendorff's
 * Alpha-Reliability") of a units x coders matrix: v[u * m + c] is the
 * category coder c gave unit u (below ncat) or AG_MISSING.  Units with
 * fewer than two values are not pairable and left out.
 *
 * For AG_ORDINAL the categories are ranked by their index (0 lowest):
 * the caller numbers them in order.  For AG_INTERVAL and AG_RATIO num[c]
 * is the number category c stands for (num may be NULL otherwise); ratio
 * takes values of 0 or more.  info may be NULL.
 */
ag_num ag_alpha(const uint32_t *v, size_t nunits, size_t m, size_t ncat,
                const double *num, ag_level level, ag_alpha_info *info);

/*
 * Shaffer's rho (Shaffer 2017, "Quantitative Ethnography"; the Monte
 * Carlo test of nCoder and the rhoR package): the share of simulated
 * code sets, of the observed base rate and true kappa below the
 * threshold, whose random sample of the observed size shows a kappa at
 * least the observed one.  agree(1) gives the steps.
 */
typedef struct {
	double threshold;       /* largest true kappa simulated (0.65) */
	double kappa_min;       /* smallest (0.40) */
	double precision_min, precision_max;   /* 0.6, 1 */
	uint64_t set_length;    /* units of a simulated set (10000) */
	uint64_t replicates;    /* simulated sets (800) */
} ag_rho_params;

/* rho of observed kappa kappa on n units, pos of them coded by the
 * reference coder; draws from rng.  Undefined when n is 0 or no
 * simulated set fits the base rate (a reference coder who gave the code
 * to every unit). */
ag_num ag_rho(double kappa, uint64_t n, uint64_t pos, const ag_rho_params *p, qp_rng *rng);


/* --- agree's tables ---------------------------------------------------- */

/* The figures of a row of the code table, in the order of its columns. */
enum { AG_F_AGREEMENT, AG_F_KAPPA, AG_F_PABAK, AG_F_ALPHA, AG_F_PRECISION, AG_F_RECALL,
       AG_F_F1, AG_NFIG };

/* A count a row does not have: an empty field. */
#define AG_NOCOUNT UINT64_MAX

/* A byte string, borrowed: a code's path. */
typedef struct {
	const char *s;
	size_t len;
} ag_name;

/*
 * One row of the code table: code names the code (its path, borrowed
 * from ag_code_input's names) or the summary ("(all)", "(mean)",
 * "(first)", "(coded)", "(documents)", static strings); coder is the
 * coder compared with the reference, 1 or more, or 0 for every coder
 * together (written "(all)").
 */
typedef struct {
	const char *code;
	size_t len;
	size_t coder;
	uint64_t units, apos, bpos, both;       /* AG_NOCOUNT: none */
	ag_num fig[AG_NFIG];
	ag_num rho;                             /* AG_NONE without --rho */
} ag_row;

/* Rows as ag_code_rows fills them; ag_rows_free releases row. */
typedef struct {
	ag_row *row;
	size_t n, cap;
} ag_rows;

/*
 * What the code table is computed from, all borrowed: the codings, with
 * first[u * m + c] the first code coder c gave unit u (AG_MISSING: none);
 * code[k] the path of code k, for the order of the rows and rho's seeds;
 * coder[c] the coders' names, for rho's seeds.  rho NULL: no rho.
 */
typedef struct {
	ag_coding cd;
	const uint32_t *first;
	const ag_name *code;
	char *const *coder;
	const ag_rho_params *rho;
	uint64_t seed;
} ag_code_input;

/*
 * agree's code table, row by row as agree(1) lists them: per code in tree
 * order (codepath.h's code_cmp) the row of each coder against the
 * reference, then with three coders or more the row of all of them;
 * then (all), the decisions pooled; (mean), each figure's mean over the
 * code rows that have it; (first), the first code of each unit; (coded),
 * MAXQDA's segment comparison; and with documents (documents), MAXQDA's
 * code existence per document.  rows is initialised here; rho of each
 * code row draws from a generator seeded from seed, the code's path and
 * the coder's name, so a row's rho does not depend on the other rows.
 */
void ag_code_rows(const ag_code_input *in, ag_rows *rows);
void ag_rows_free(ag_rows *rows);

/* A distinct value of a --values column, as written (borrowed), and the
 * number it is when it is one (qp_parse_number, cli.h). */
typedef struct {
	const char *s;
	size_t len;
	double num;
	bool is_num;
} ag_value;

/* One row of the values table: Krippendorff's alpha at a level, and Cohen's
 * kappa where it is defined (nominal, two coders). */
typedef struct {
	ag_level level;
	uint64_t units, values;
	ag_num agreement, kappa, alpha;
} ag_value_row;

/*
 * agree --values's table: v[u * m + c] is the value coder c gave unit u,
 * an index into vals[0..nv), or AG_MISSING; one row per level l with
 * level[l] (AG_NOMINAL to AG_RATIO), in that order, into out (room for
 * AG_NLEVELS).  Nominal categories are the values as written; the other
 * levels rank them, values that are the same number ("1", "1.0") one
 * rank, and interval and ratio take every value to be a number.  Returns
 * the rows.
 */
size_t ag_value_rows(const ag_value *vals, size_t nv, const uint32_t *v, size_t nunits,
                     size_t m, const bool *level, ag_value_row *out);

/*
 * A figure as agree writes it: six decimals, rounded half away from zero,
 * in the C locale, "-0.000000" written as "0.000000"; nothing for an
 * undefined figure.  buf holds at least AG_FMT_MAX bytes; returns the
 * length written (no NUL counted, one written).
 */
#define AG_FMT_MAX 40
size_t ag_format(ag_num x, char *buf);

#endif
