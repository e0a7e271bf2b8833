/* page.c: the HTML page of a study (see page.h): its head and style,
 * the methods paragraph, the agreement table, the provenance block, and
 * the order of the parts. */
#include <string.h>

#include "html.h"
#include "page.h"
#include "qp.h"

static const char style[] =
	"body{font-family:sans-serif;font-size:15px;line-height:1.45;color:#111;"
	"background:#fff;max-width:78rem;margin:0 auto;padding:1rem 1.5rem}\n"
	"h1{font-size:1.7rem;margin:.5rem 0}h2{font-size:1.3rem;margin-top:2rem;"
	"border-bottom:1px solid #bdbdbd}h3{font-size:1.05rem}\n"
	"table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:.85rem}\n"
	"th,td{border:1px solid #bdbdbd;padding:.15rem .4rem;vertical-align:top}\n"
	"thead th{background:#f0f0f0}td{text-align:right;font-variant-numeric:tabular-nums}\n"
	"th[scope=row],td.t,td.quote,.quotes td{text-align:left}\n"
	"tr.parent th{font-weight:bold}tbody th{font-weight:normal}\n"
	"tbody+tbody{border-top:2px solid #737373}\n"
	"table.mx{table-layout:fixed;margin:0}col.c{width:14rem}col.n{width:5rem}\n"
	"table.mx th[scope=row]{overflow-wrap:anywhere}tr.total th{font-weight:bold}\n"
	"details{margin:.25rem 0}summary{cursor:pointer;padding:.15rem 0}"
	"p.cap{font-weight:bold;margin:.5rem 0 .2rem}\n"
	"caption{text-align:left;font-weight:bold;padding:.2rem 0}\n"
	"td.quote{max-width:46rem;white-space:pre-line}\n"
	".scroll{overflow-x:auto}figure{margin:1rem 0}svg{max-width:100%;height:auto;font-family:sans-serif;font-size:12px}\n"
	"figcaption,.note,.desc{font-size:.85rem;color:#333}\n"
	"dl.prov{display:grid;grid-template-columns:max-content auto;gap:.1rem 1rem}\n"
	"dl.prov dt{font-weight:bold}dl.prov dd{margin:0;overflow-wrap:anywhere}\n"
	"code{font-family:monospace}\n"
	"@media print{body{font-size:10pt;max-width:none;padding:0}nav{display:none}"
	"figure,table{break-inside:avoid}h2,h3{break-after:avoid}"
	".scroll{overflow:visible}a{color:inherit;text-decoration:none}"
	"details::details-content{content-visibility:visible;display:block}"
	"summary{list-style:none}}\n";

static void
head(qp_out *o, const pg_meta *m)
{
	qp_puts(o, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	        "<meta name=\"generator\" content=\"qualpipe report ");
	html_str(o, m->version);
	qp_puts(o, "\">\n<title>");
	html_str(o, m->title);
	qp_puts(o, "</title>\n<style>\n");
	qp_puts(o, style);
	qp_puts(o, "</style>\n</head>\n<body>\n<header>\n<h1>");
	html_str(o, m->title);
	qp_puts(o, "</h1>\n<p class=\"note\">");
	html_str(o, m->date);
	qp_puts(o, " &#183; qualpipe ");
	html_str(o, m->version);
	qp_puts(o, "</p>\n</header>\n");
}

static void
nav(qp_out *o, const st_study *s, const pg_meta *m)
{
	qp_puts(o, "<nav aria-label=\"contents\"><ol>\n"
	        "<li><a href=\"#methods\">Methods</a></li>\n"
	        "<li><a href=\"#matrix\">Code matrix</a></li>\n");
	if (s->have_cooccur)
		qp_puts(o, "<li><a href=\"#cooccur\">Code co-occurrence</a></li>\n");
	if (s->have_saturation)
		qp_puts(o, "<li><a href=\"#saturation\">Thematic saturation</a></li>\n");
	if (s->have_agreement)
		qp_puts(o, "<li><a href=\"#agreement\">Agreement</a></li>\n");
	if (m->quotes)
		qp_puts(o, "<li><a href=\"#quotes\">Quotes per theme</a></li>\n");
	qp_puts(o, "<li><a href=\"#provenance\">Provenance</a></li>\n</ol></nav>\n");
}

static unsigned long long
ull(uint64_t v)
{
	return (unsigned long long)v;
}

static void
methods(qp_out *o, const st_study *s, const pg_meta *m)
{
	qp_puts(o, "<section id=\"methods\">\n<h2>Methods</h2>\n<p>");
	if (s->have_coded)
		html_printf(o, "The transcripts of %llu documents were divided into %llu "
		            "segments (speaker turns), of which %llu were coded. ",
		            ull(s->docs), ull(s->records), ull(s->coded_records));
	qp_puts(o, "Each segment was coded by qualpipe's match-theme with the codebook");
	if (m->codebook) {
		qp_puts(o, " <code>");
		html_str(o, m->codebook);
		html_printf(o, "</code> (%zu codes)", m->codebook_codes);
	}
	html_printf(o, ". Segments per code (%zu codes)", s->ncodes);
	if (s->bylabel[0]) {
		qp_puts(o, " and ");
		html_str(o, s->bylabel);
	}
	html_printf(o, " were counted by tally over %llu segments, a parent code counting "
	            "its children's segments too", ull(s->all_segments));
	if (s->have_cooccur)
		qp_puts(o, ", and the segments each pair of codes shares");
	qp_puts(o, ".");
	if (s->have_saturation && s->nsat) {
		const st_sat *t = &s->sat[0];
		html_printf(o, " Thematic saturation was assessed as Guest, Namey and Chen (2020) "
		            "propose: a base of %llu documents, then runs of %llu, saturation "
		            "being the first run that brings few enough new codes relative to "
		            "the base's %llu",
		            ull(t->base_to), ull(t->nruns ? t->run[0].to - t->run[0].from + 1 : 0),
		            ull(t->base_codes));
		if (s->nsat == 1) {
			if (t->saturated)
				html_printf(o, "; it was reached at %s (the run brought %s of the "
				            "base's number in new codes).", t->point, t->ratio);
			else
				qp_puts(o, "; it was not reached.");
		} else {
			qp_puts(o, ", for each group.");
		}
	}
	if (m->quotes)
		qp_puts(o, " Quotes were chosen per theme and group by pick-quotes.");
	if (s->have_agreement)
		qp_puts(o, " The codes given were compared with a hand-coded sample by agree "
		        "(Cohen's &#954;, Krippendorff's &#945;, F1 per code).");
	qp_puts(o, "</p>\n");
	if (m->nsteps) {
		qp_puts(o, "<p>The steps of the run, with their options:</p>\n<ul>\n");
		for (size_t i = 0; i < m->nsteps; i++) {
			qp_puts(o, "<li><code>");
			html_str(o, m->step[i]);
			qp_puts(o, "</code></li>\n");
		}
		qp_puts(o, "</ul>\n");
	}
	qp_puts(o, "</section>\n");
}

static void
agreement(qp_out *o, const st_study *s)
{
	static const char *const shown[] = {
		"code", "units", "agreement", "kappa", "alpha", "precision", "recall", "f1", NULL
	};
	static const char *const label[] = {
		"code", "units", "agreement", "&#954; (Cohen)", "&#945; (Krippendorff)",
		"precision", "recall", "F1", NULL
	};
	long col[8];
	qp_puts(o, "<section id=\"agreement\">\n<h2>Agreement with the hand-coded sample</h2>\n"
	        "<div class=\"scroll\"><table id=\"agreement-table\">\n<caption>Agreement per "
	        "code (agree); the rows in parentheses pool the codes, average them, take the "
	        "first code of each unit, or the documents</caption>\n<thead><tr>");
	for (int k = 0; shown[k]; k++) {
		col[k] = -1;
		for (size_t c = 0; c < s->agree_ncols; c++)
			if (strcmp(s->agree_name[c], shown[k]) == 0)
				col[k] = (long)c;
		if (col[k] >= 0)
			html_printf(o, "<th scope=\"col\">%s</th>", label[k]);
	}
	qp_puts(o, "</tr></thead>\n<tbody>\n");
	for (size_t r = 0; r < s->agree_nrows; r++) {
		qp_puts(o, "<tr>");
		for (int k = 0; shown[k]; k++) {
			if (col[k] < 0)
				continue;
			qp_puts(o, k == 0 ? "<th scope=\"row\">" : "<td>");
			html_str(o, s->agree_row[r].cell[col[k]]);
			qp_puts(o, k == 0 ? "</th>" : "</td>");
		}
		qp_puts(o, "</tr>\n");
	}
	qp_puts(o, "</tbody>\n</table></div>\n</section>\n");
}

static void
dt(qp_out *o, const char *term, const char *value)
{
	qp_puts(o, "<dt>");
	html_str(o, term);
	qp_puts(o, "</dt><dd>");
	html_str(o, value);
	qp_puts(o, "</dd>\n");
}

static void
provenance(qp_out *o, const st_study *s, const pg_meta *m)
{
	qp_puts(o, "<section id=\"provenance\">\n<h2>Provenance</h2>\n<dl class=\"prov\">\n");
	dt(o, "qualpipe", m->version);
	dt(o, "date", m->date);
	if (m->codebook) {
		dt(o, "codebook", m->codebook);
		html_printf(o, "<dt>codebook codes</dt><dd>%zu</dd>\n", m->codebook_codes);
		dt(o, "codebook BLAKE2b-256", m->codebook_hash);
	}
	html_printf(o, "<dt>codes counted</dt><dd>%zu</dd>\n", s->ncodes);
	if (s->have_coded)
		html_printf(o, "<dt>documents</dt><dd>%llu</dd>\n<dt>segments</dt><dd>%llu "
		            "(%llu coded)</dd>\n", ull(s->docs), ull(s->records),
		            ull(s->coded_records));
	html_printf(o, "<dt>segments counted</dt><dd>%llu</dd>\n", ull(s->all_segments));
	qp_puts(o, "<dt>participants per group</dt><dd>");
	for (size_t g = 0; g < s->ngroups; g++) {
		if (g == 24) {
			html_printf(o, ", and %zu more groups", s->ngroups - g);
			break;
		}
		if (g)
			qp_puts(o, ", ");
		html_str(o, s->group[g].label[0] ? s->group[g].label : "all");
		html_printf(o, " %llu", ull(s->group[g].speakers));
	}
	qp_puts(o, "</dd>\n");
	for (size_t i = 0; i < m->nsteps; i++) {
		qp_puts(o, "<dt>step</dt><dd><code>");
		html_str(o, m->step[i]);
		qp_puts(o, "</code></dd>\n");
	}
	for (size_t i = 0; i < m->nfiles; i++) {
		qp_puts(o, "<dt>");
		html_str(o, m->file[i].kind);
		qp_puts(o, "</dt><dd><code>");
		html_str(o, m->file[i].name);
		qp_puts(o, "</code> BLAKE2b-256 <code>");
		html_str(o, m->file[i].hash);
		qp_puts(o, "</code></dd>\n");
	}
	qp_puts(o, "</dl>\n<p class=\"note\">Guest, G., Namey, E., &amp; Chen, M. (2020). A "
	        "simple method to assess and report thematic saturation in qualitative "
	        "research. <i>PLoS ONE</i>, 15(5), e0232076.</p>\n</section>\n");
}

void
pg_write(qp_out *o, const st_study *s, const pg_meta *m)
{
	head(o, m);
	nav(o, s, m);
	qp_puts(o, "<main>\n");
	methods(o, s, m);
	qp_puts(o, "<section id=\"matrix\">\n<h2>Code matrix</h2>\n");
	pg_heatmap(o, s, m->measure);
	qp_puts(o, "</section>\n");
	if (s->have_cooccur) {
		qp_puts(o, "<section id=\"cooccur\">\n<h2>Code co-occurrence</h2>\n");
		pg_cooccur(o, s);
		qp_puts(o, "</section>\n");
	}
	if (s->have_saturation) {
		qp_puts(o, "<section id=\"saturation\">\n<h2>Thematic saturation</h2>\n");
		pg_saturation(o, s);
		qp_puts(o, "</section>\n");
	}
	if (s->have_agreement)
		agreement(o, s);
	if (m->quotes) {
		qp_puts(o, "<section id=\"quotes\">\n<h2>Quotes per theme</h2>\n");
		pg_quotes(o, s, m);
		qp_puts(o, "</section>\n");
	}
	provenance(o, s, m);
	qp_puts(o, "</main>\n</body>\n</html>\n");
}
