/* page_charts.c: the heat maps and saturation curves of the page, each
 * with its table (see page.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codepath.h"
#include "html.h"
#include "page.h"
#include "qp.h"
#include "svg.h"
#include "table.h"

typedef char numtext[24];

/* Names listed of what a chart leaves out, at most. */
#define PG_MAX_LISTED 50

/* A group's name on the page: "all" for the one group without --by. */
static const char *
group_name(const st_study *s, size_t g)
{
	return s->group[g].label[0] ? s->group[g].label : "all";
}

/* A shown code's row label: the last part of its path below a parent
 * that is shown too, else the whole path. */
static const char *
row_label(const st_study *s, size_t ci, unsigned *indent)
{
	const char *p = s->code[ci].path;
	size_t n = strlen(p), pl = code_parent(p, n);
	*indent = 0;
	if (pl == 0)
		return p;
	long parent = st_code_index(s, p, pl);
	if (parent < 0 || s->code[parent].shown < 0)
		return p;
	*indent = (unsigned)code_depth(p, n) - 1;
	return p + pl + 1;
}

/* The rows of a code heat map: labels, indents, bold parents. */
typedef struct {
	const char **label;
	unsigned *indent;
	bool *bold;
} rows;

static void
rows_make(const st_study *s, rows *r)
{
	size_t n = s->nshown_codes;
	r->label = xcalloc(n + 1, sizeof *r->label);
	r->indent = xcalloc(n + 1, sizeof *r->indent);
	r->bold = xcalloc(n + 1, sizeof *r->bold);
	for (size_t i = 0; i < n; i++) {
		size_t ci = s->shown_code[i];
		r->label[i] = row_label(s, ci, &r->indent[i]);
		r->bold[i] = s->code[ci].parent;
	}
}

static void
rows_free(rows *r)
{
	free(r->label);
	free(r->indent);
	free(r->bold);
}

/* "Not shown: ..." for the codes or groups left out. */
static void
left_out(qp_out *o, const st_study *s, bool codes)
{
	size_t n = codes ? s->ncodes : s->ngroups;
	size_t shown = codes ? s->nshown_codes : s->nshown_groups;
	if (shown == n)
		return;
	html_printf(o, "<p class=\"note\">Not shown, with fewer segments: %zu %s: ",
	            n - shown, codes ? "codes" : "groups");
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		bool in = codes ? s->code[i].shown >= 0 : s->group[i].shown >= 0;
		if (in)
			continue;
		if (k == PG_MAX_LISTED) {
			html_printf(o, " and %zu more", n - shown - k);
			break;
		}
		if (k++)
			qp_puts(o, ", ");
		html_str(o, codes ? s->code[i].path : s->group[i].label);
		html_printf(o, " (%llu)", (unsigned long long)(codes ? s->code[i].segments
		                                                        : s->group[i].segments));
	}
	qp_puts(o, ".</p>\n");
}

static double
ratio(uint64_t a, uint64_t b)
{
	return b ? (double)a / (double)b : 0;
}

/* The width of the matrix tables, so that their columns line up: the
 * code's column and (3 x groups + 1) numbers, as the style's col.c and
 * col.n say. */
static void
matrix_head(qp_out *o, const st_study *s)
{
	size_t ng = s->nshown_groups;
	html_printf(o, "<table class=\"mx\" style=\"width:%zurem\">\n", 14 + 5 * (3 * ng + 1));
	html_printf(o, "<colgroup><col class=\"c\"><col class=\"n\" span=\"%zu\"></colgroup>\n",
	            3 * ng + 1);
	qp_puts(o, "<thead><tr><th scope=\"col\" rowspan=\"2\">code</th>");
	for (size_t g = 0; g < ng; g++) {
		qp_puts(o, "<th scope=\"colgroup\" colspan=\"3\">");
		html_str(o, group_name(s, s->shown_group[g]));
		qp_puts(o, "</th>");
	}
	qp_puts(o, "<th scope=\"col\" rowspan=\"2\">total</th></tr>\n<tr>");
	for (size_t g = 0; g < ng; g++)
		qp_puts(o, "<th scope=\"col\">segments</th><th scope=\"col\">speakers</th>"
		        "<th scope=\"col\">share</th>");
	qp_puts(o, "</tr></thead>\n<tbody>\n");
}

static void
matrix_row(qp_out *o, const st_study *s, size_t i)
{
	size_t ng = s->nshown_groups;
	const st_code *c = &s->code[s->shown_code[i]];
	html_printf(o, "<tr%s><th scope=\"row\">", c->parent ? " class=\"parent\"" : "");
	html_str(o, c->path);
	qp_puts(o, "</th>");
	for (size_t g = 0; g < ng; g++) {
		const st_cell *cl = &s->cell[i * ng + g];
		if (cl->set)
			html_printf(o, "<td>%llu</td><td>%llu</td><td>%s</td>",
			            (unsigned long long)cl->segments,
			            (unsigned long long)cl->speakers, cl->share);
		else
			qp_puts(o, "<td>0</td><td>0</td><td></td>");
	}
	html_printf(o, "<td>%llu</td></tr>\n", (unsigned long long)c->segments);
}

/* The first row after shown row i whose top-level code is not i's. */
static size_t
block_end(const st_study *s, size_t i)
{
	const char *p = s->code[s->shown_code[i]].path;
	size_t n = strcspn(p, "/"), j = i + 1;
	for (; j < s->nshown_codes; j++) {
		const char *q = s->code[s->shown_code[j]].path;
		if (strncmp(p, q, n) != 0 || (q[n] != '/' && q[n] != '\0'))
			break;
	}
	return j;
}

/*
 * The matrix as tables that line up: the rows of each theme (a
 * top-level code and the shown codes below it) in a <details>, open, whose
 * summary names the theme, its rows and its segments, so that a reader
 * folds it without script; a run of top-level codes with nothing below
 * them in one table; the groups' totals in the last.
 */
static void
matrix_table(qp_out *o, const st_study *s, const char *by)
{
	qp_puts(o, "<div class=\"scroll\" id=\"matrix-table\">\n<p class=\"cap\">Segments, "
	        "speakers and share of the group's segments, per code and ");
	html_str(o, by);
	qp_puts(o, " (tally); each theme's rows fold under its name.</p>\n");
	for (size_t i = 0, j; i < s->nshown_codes; i = j) {
		j = block_end(s, i);
		bool fold = j - i > 1;
		if (fold) {
			const char *p = s->code[s->shown_code[i]].path;
			size_t n = strcspn(p, "/");
			long top = st_code_index(s, p, n);
			qp_puts(o, "<details open>\n<summary><b>");
			html_text(o, p, n);
			if (top >= 0 && s->code[top].shown >= 0)
				html_printf(o, "</b>: the theme and %zu codes below it, %llu segments",
				            j - i - 1, (unsigned long long)s->code[top].segments);
			else
				html_printf(o, "</b>: %zu codes below it", j - i);
			qp_puts(o, "</summary>\n");
		} else {
			while (j < s->nshown_codes && block_end(s, j) == j + 1)
				j++;
		}
		matrix_head(o, s);
		for (size_t k = i; k < j; k++)
			matrix_row(o, s, k);
		qp_puts(o, fold ? "</tbody>\n</table>\n</details>\n" : "</tbody>\n</table>\n");
	}
	matrix_head(o, s);
	qp_puts(o, "<tr class=\"total\"><th scope=\"row\">segments in the group</th>");
	for (size_t g = 0; g < s->nshown_groups; g++) {
		const st_group *gr = &s->group[s->shown_group[g]];
		html_printf(o, "<td>%llu</td><td>%llu</td><td></td>",
		            (unsigned long long)gr->segments, (unsigned long long)gr->speakers);
	}
	html_printf(o, "<td>%llu</td></tr>\n</tbody>\n</table>\n</div>\n",
	            (unsigned long long)s->all_segments);
}

/* Cell (i, g) of the heat map under measure m: its shade before
 * scaling into v, its text into txt (nothing, v < 0, for a cell the
 * measure has no figure for). */
static void
heat_cell(const st_study *s, enum pg_measure m, size_t i, size_t g, double *v,
          numtext txt)
{
	const st_cell *cl = g < s->nshown_groups ? &s->cell[i * s->nshown_groups + g] : NULL;
	const st_group *gr = cl ? &s->group[s->shown_group[g]] : NULL;
	uint64_t seg = cl ? cl->segments : s->code[s->shown_code[i]].segments;
	uint64_t den = gr ? gr->segments : s->all_segments;
	txt[0] = '\0';
	if (m == PG_SPEAKERS) {
		*v = cl ? ratio(cl->speakers, gr->speakers) : -1;
		if (cl)
			snprintf(txt, sizeof(numtext), "%llu", (unsigned long long)cl->speakers);
		return;
	}
	*v = ratio(seg, den);
	if (m == PG_SEGMENTS) {
		snprintf(txt, sizeof(numtext), "%llu", (unsigned long long)seg);
	} else if (cl && cl->set) {
		snprintf(txt, sizeof(numtext), "%s", cl->share);
	} else {
		qp_buf b = QP_BUF_INIT;
		qp_fmt_ratio(seg, den, &b);
		snprintf(txt, sizeof(numtext), "%s", b.s);
		buf_free(&b);
	}
}

void
pg_heatmap(qp_out *o, const st_study *s, enum pg_measure m)
{
	static const char *const what[] = { "segments", "speakers", "share of segments" };
	static const char *const desc[] = {
		"Each cell holds the number of segments of the group that carry the code; "
		"its shade is the code's share of the group's segments.",
		"Each cell holds the number of the group's speakers who raised the code; "
		"its shade is their share of the group's speakers.",
		"Each cell holds the code's share of the group's segments, as tally "
		"writes it, and is shaded by it.",
	};
	size_t nr = s->nshown_codes, nc = s->nshown_groups + 1;
	const char *by = s->bylabel[0] ? s->bylabel : "group";
	double *v = xcalloc(nr * nc + 1, sizeof *v), max = 0;
	numtext *txt = xcalloc(nr * nc + 1, sizeof *txt);
	const char **tp = xcalloc(nr * nc + 1, sizeof *tp);
	const char **cols = xcalloc(nc, sizeof *cols);
	rows r;

	rows_make(s, &r);
	for (size_t g = 0; g + 1 < nc; g++)
		cols[g] = group_name(s, s->shown_group[g]);
	cols[nc - 1] = "total";
	for (size_t i = 0; i < nr; i++)
		for (size_t g = 0; g < nc; g++) {
			size_t k = i * nc + g;
			heat_cell(s, m, i, g, &v[k], txt[k]);
			tp[k] = v[k] < 0 ? NULL : txt[k];
			if (v[k] > max)
				max = v[k];
		}
	for (size_t i = 0; i < nr * nc; i++)
		if (v[i] >= 0)
			v[i] = max > 0 ? v[i] / max : 0;
	char hi[64], title[160];
	snprintf(hi, sizeof hi, "%.1f%%", max * 100);
	snprintf(title, sizeof title, "Code matrix: %s per code and %s", what[m], by);
	svg_heatmap h = {
		.title = title, .desc = desc[m],
		.xlabel = by, .ylabel = "code", .nrows = nr, .ncols = nc,
		.rowlabel = r.label, .rowindent = r.indent, .rowbold = r.bold,
		.collabel = cols, .value = v, .text = tp,
		.legend_lo = "0%", .legend_hi = hi,
		.legend = m == PG_SPEAKERS ? "shade: share of the group's speakers (no total: "
		          "a person may be in several groups)"
		        : "shade: share of the group's segments (of all, for total)",
	};
	qp_puts(o, "<figure>\n");
	svg_heatmap_write(o, &h);
	qp_puts(o, "<figcaption>");
	html_str(o, title);
	qp_puts(o, "; parent codes (bold) count their children's segments too. The "
	        "numbers are in the table below.</figcaption>\n</figure>\n");
	left_out(o, s, true);
	left_out(o, s, false);
	matrix_table(o, s, by);
	rows_free(&r);
	free(v);
	free(txt);
	free(tp);
	free(cols);
}

/* Are shown codes i and j the same, or one the other's ancestor (no pair)? */
static bool
no_pair(const st_study *s, size_t i, size_t j)
{
	const char *a = s->code[s->shown_code[i]].path, *b = s->code[s->shown_code[j]].path;
	return i == j || code_is_ancestor(a, strlen(a), b, strlen(b)) ||
	       code_is_ancestor(b, strlen(b), a, strlen(a));
}

static void
cooccur_table(qp_out *o, const st_study *s)
{
	size_t n = s->nshown_codes;
	qp_puts(o, "<div class=\"scroll\"><table id=\"cooccur-table\">\n<caption>Segments "
	        "that carry both codes (tally --cooccur)</caption>\n<thead><tr>"
	        "<th scope=\"col\">code</th>");
	for (size_t j = 0; j < n; j++) {
		html_printf(o, "<th scope=\"col\" title=\"");
		html_str(o, s->code[s->shown_code[j]].path);
		html_printf(o, "\">%zu</th>", j + 1);
	}
	qp_puts(o, "</tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < n; i++) {
		html_printf(o, "<tr><th scope=\"row\">%zu. ", i + 1);
		html_str(o, s->code[s->shown_code[i]].path);
		qp_puts(o, "</th>");
		for (size_t j = 0; j < n; j++) {
			if (no_pair(s, i, j))
				qp_puts(o, "<td></td>");
			else
				html_printf(o, "<td>%llu</td>", (unsigned long long)s->pair[i * n + j]);
		}
		qp_puts(o, "</tr>\n");
	}
	qp_puts(o, "</tbody>\n</table></div>\n");
}

void
pg_cooccur(qp_out *o, const st_study *s)
{
	size_t n = s->nshown_codes;
	double *v = xcalloc(n * n + 1, sizeof *v);
	numtext *txt = xcalloc(n * n + 1, sizeof *txt);
	const char **tp = xcalloc(n * n + 1, sizeof *tp);
	numtext *num = xcalloc(n + 1, sizeof *num);
	const char **cols = xcalloc(n + 1, sizeof *cols);
	uint64_t max = 0;
	rows r;

	rows_make(s, &r);
	for (size_t i = 0; i < n * n; i++)
		if (s->pair[i] > max)
			max = s->pair[i];
	for (size_t i = 0; i < n; i++) {
		snprintf(num[i], sizeof *num, "%zu", i + 1);
		cols[i] = num[i];
		for (size_t j = 0; j < n; j++) {
			size_t k = i * n + j;
			bool self = no_pair(s, i, j);
			v[k] = self ? -1 : ratio(s->pair[k], max);
			snprintf(txt[k], sizeof *txt, "%llu", (unsigned long long)s->pair[k]);
			tp[k] = self ? NULL : txt[k];
		}
	}
	/* number the rows as the columns are numbered */
	char **labs = xcalloc(n + 1, sizeof *labs);
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(r.label[i]) + 16;
		labs[i] = xmalloc(len);
		snprintf(labs[i], len, "%zu. %s", i + 1, r.label[i]);
		r.label[i] = labs[i];
	}
	char hi[32];
	snprintf(hi, sizeof hi, "%llu", (unsigned long long)max);
	svg_heatmap h = {
		.title = "Code co-occurrence: segments that carry both codes",
		.desc = "Each cell holds the number of segments coded with both the row's "
		        "and the column's code; a code and its own parent or child make no pair.",
		.xlabel = "code (by number)", .ylabel = "code", .nrows = n, .ncols = n,
		.rowlabel = r.label, .rowindent = r.indent, .rowbold = r.bold,
		.collabel = cols, .value = v, .text = tp,
		.legend_lo = "0", .legend_hi = hi, .legend = "shade: segments with both codes",
	};
	qp_puts(o, "<figure>\n");
	svg_heatmap_write(o, &h);
	qp_puts(o, "<figcaption>Code co-occurrence (the Code Relations Browser): segments "
	        "that carry both codes, over all groups; blank where the codes are one "
	        "another's parent or child.</figcaption>\n</figure>\n");
	if (s->pairs_left_out)
		html_printf(o, "<p class=\"note\">Pairs with a code not shown: %llu segments.</p>\n",
		            (unsigned long long)s->pairs_left_out);
	cooccur_table(o, s);
	for (size_t i = 0; i < n; i++)
		free(labs[i]);
	free(labs);
	rows_free(&r);
	free(v);
	free(txt);
	free(tp);
	free(num);
	free(cols);
}

static void
sat_tables(qp_out *o, const st_sat *t, size_t gi)
{
	html_printf(o, "<div class=\"scroll\"><table id=\"saturation-table-%zu\">\n"
	            "<caption>Docs that brought new codes</caption>\n<thead><tr>"
	            "<th scope=\"col\">doc no.</th><th scope=\"col\">doc</th>"
	            "<th scope=\"col\">codes so far</th><th scope=\"col\">new codes</th>"
	            "</tr></thead>\n<tbody>\n", gi);
	for (size_t i = 0; i < t->nrises; i++) {
		const st_rise *x = &t->rise[i];
		html_printf(o, "<tr><td>%llu</td><td class=\"t\">", (unsigned long long)x->pos);
		html_str(o, x->doc);
		html_printf(o, "</td><td>%llu</td><td class=\"t\">", (unsigned long long)x->total);
		html_str(o, x->codes);
		qp_puts(o, "</td></tr>\n");
	}
	uint64_t last = t->nrises ? t->rise[t->nrises - 1].pos : 0;
	if (last < t->ndocs)
		html_printf(o, "<tr><td>%llu&#8211;%llu</td><td class=\"t\" colspan=\"3\">no new codes</td></tr>\n",
		            (unsigned long long)last + 1, (unsigned long long)t->ndocs);
	qp_puts(o, "</tbody>\n</table></div>\n");
	if (!t->nruns)
		return;
	html_printf(o, "<div class=\"scroll\"><table id=\"runs-table-%zu\">\n<caption>Runs "
	            "after the base (docs %llu&#8211;%llu, %llu codes)</caption>\n<thead><tr>"
	            "<th scope=\"col\">docs</th><th scope=\"col\">new codes</th>"
	            "<th scope=\"col\">ratio to the base</th><th scope=\"col\">saturated</th>"
	            "</tr></thead>\n<tbody>\n", gi, (unsigned long long)t->base_from,
	            (unsigned long long)t->base_to, (unsigned long long)t->base_codes);
	for (size_t i = 0; i < t->nruns; i++) {
		const st_run *u = &t->run[i];
		html_printf(o, "<tr><td>%llu&#8211;%llu</td><td>%llu</td><td>%s</td><td>%s</td></tr>\n",
		            (unsigned long long)u->from, (unsigned long long)u->to,
		            (unsigned long long)u->nnew, u->ratio, u->saturated ? "yes" : "no");
	}
	if (t->runs_total > t->nruns)
		html_printf(o, "<tr><td class=\"t\" colspan=\"4\">%llu further runs (saturation.tsv)</td></tr>\n",
		            (unsigned long long)(t->runs_total - t->nruns));
	qp_puts(o, "</tbody>\n</table></div>\n");
}

static void
sat_chart(qp_out *o, const st_sat *t, size_t gi)
{
	uint64_t *x = xcalloc(t->nrises + 1, sizeof *x), *y = xcalloc(t->nrises + 1, sizeof *y);
	svg_span *sp = xcalloc(t->nruns + 2, sizeof *sp);
	size_t nsp = 0;
	for (size_t i = 0; i < t->nrises; i++) {
		x[i] = t->rise[i].pos;
		y[i] = t->rise[i].total;
	}
	if (t->base_to)
		sp[nsp++] = (svg_span){ t->base_from, t->base_to, SVG_SPAN_BASE };
	for (size_t i = 0; i < t->nruns; i++)
		sp[nsp++] = (svg_span){ t->run[i].from, t->run[i].to,
		                        t->run[i].saturated ? SVG_SPAN_HIT : SVG_SPAN_RUN };
	char title[256], mark[96], desc[256];
	snprintf(title, sizeof title, "Thematic saturation%s%s: codes found over the docs",
	         t->label[0] ? " of " : "", t->label);
	snprintf(mark, sizeof mark, "saturation at %s", t->point);
	if (t->saturated)
		snprintf(desc, sizeof desc, "The cumulative number of codes rises to %llu over "
		         "%llu docs; saturation at %s (new codes %s of the base's).",
		         (unsigned long long)(t->nrises ? t->rise[t->nrises - 1].total : 0),
		         (unsigned long long)t->ndocs, t->point, t->ratio);
	else
		snprintf(desc, sizeof desc, "The cumulative number of codes rises to %llu over "
		         "%llu docs; no run reached saturation.",
		         (unsigned long long)(t->nrises ? t->rise[t->nrises - 1].total : 0),
		         (unsigned long long)t->ndocs);
	svg_curve c = {
		.title = title, .desc = desc, .xlabel = "docs, in the order analysed",
		.ylabel = "codes found so far", .n = t->nrises, .x = x, .y = y,
		.xmax = t->ndocs, .ymax = t->nrises ? t->rise[t->nrises - 1].total : 0,
		.nspans = nsp, .span = sp, .mark = t->saturated ? mark : NULL,
	};
	qp_puts(o, "<figure>\n");
	svg_curve_write(o, &c);
	qp_puts(o, "<figcaption>");
	html_str(o, desc);
	qp_puts(o, " Grey: the base; dashed: the runs after it; blue: the first saturated "
	        "run.</figcaption>\n</figure>\n");
	sat_tables(o, t, gi);
	free(x);
	free(y);
	free(sp);
}

void
pg_saturation(qp_out *o, const st_study *s)
{
	for (size_t i = 0; i < s->nsat_full; i++) {
		if (s->sat[i].label[0]) {
			qp_puts(o, "<h3>");
			html_str(o, s->sat[i].label);
			qp_puts(o, "</h3>\n");
		}
		sat_chart(o, &s->sat[i], i + 1);
	}
	if (s->nsat == s->nsat_full)
		return;
	html_printf(o, "<table id=\"saturation-rest\">\n<caption>The other %zu groups</caption>\n"
	            "<thead><tr><th scope=\"col\">group</th><th scope=\"col\">docs</th>"
	            "<th scope=\"col\">saturation</th></tr></thead>\n<tbody>\n",
	            s->nsat - s->nsat_full);
	for (size_t i = s->nsat_full; i < s->nsat; i++) {
		if (i - s->nsat_full == PG_MAX_LISTED) {
			html_printf(o, "<tr><td class=\"t\" colspan=\"3\">%zu more groups "
			            "(saturation.tsv)</td></tr>\n", s->nsat - i);
			break;
		}
		qp_puts(o, "<tr><td class=\"t\">");
		html_str(o, s->sat[i].label);
		html_printf(o, "</td><td>%llu</td><td>%s</td></tr>\n",
		            (unsigned long long)s->sat[i].ndocs,
		            s->sat[i].saturated ? s->sat[i].point : "not reached");
	}
	qp_puts(o, "</tbody>\n</table>\n");
}
