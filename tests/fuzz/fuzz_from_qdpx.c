/*
 * fuzz_from_qdpx: the REFI-QDA reader (lib/qde.h: qdpx_load, with
 * lib/qdpx_open.c and lib/qde_read.c), as from-qdpx runs it: the input
 * is the bytes of a .qdpx zip, a .qde or a .qdc.  The first byte's low
 * bits choose how CR LF counts (0 by origin, 1, 2) and whether texts are
 * read; the input is taken whole all the same.
 *
 * What it checks: a load that succeeds gives selections inside their
 * texts (when they are read), and the writer (lib/qde_write.c) makes of the loaded project
 * XML that the reader takes back with as many codes and sources.
 * Outside files are never read: the file name is NULL, so relative://
 * and absolute:// sources are refused.
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "fuzz.h"
#include "qde.h"

static void
check(qde_project *p, bool texts)
{
	for (size_t s = 0; s < p->nsrc && texts; s++) {
		const qde_source *src = &p->src[s];
		if (qde_cp_count(src->text, src->len) != src->ncp)
			abort();
		for (size_t i = 0; i < src->nsels; i++) {
			const qde_sel *sel = &src->sels[i];
			if (sel->start > sel->end || sel->end > src->ncp)
				abort();
			size_t a = qde_cp_offset(src->text, src->len, sel->start);
			size_t b = qde_cp_offset(src->text, src->len, sel->end);
			if (a > b || b > src->len)
				abort();
			for (size_t c = 0; c < sel->ncodings; c++)
				if (sel->codings[c].code >= p->ncodes)
					abort();
		}
	}
	/* What the writer makes of it, the reader takes back. */
	qp_buf xml = QP_BUF_INIT, err = QP_BUF_INIT;
	qde_project q;
	char **paths;
	p->date = xstrdup("2000-01-01T00:00:00Z");
	if (p->codebook_only) {
		if (p->ncodes == 0) {
			buf_free(&xml);
			return;
		}
		qde_write_codebook(p, &xml);
	} else {
		for (size_t s = 0; s < p->nsrc; s++)
			if (!p->src[s].text)
				p->src[s].text = xstrdup("");
		qde_write_project(p, &xml);
	}
	if (!qde_parse(xml.s, xml.len, &q, &paths, &err))
		abort();
	if (q.ncodes != p->ncodes || q.nsrc != p->nsrc)
		abort();
	for (size_t s = 0; s < q.nsrc; s++)
		free(paths[s]);
	free(paths);
	qde_free(&q);
	buf_free(&xml);
	buf_free(&err);
}

static void
run(const uint8_t *data, size_t size)
{
	qp_buf err = QP_BUF_INIT;
	qde_project p;
	int crlf = size ? data[0] % 3 : 0;
	bool texts = !(size && (data[0] & 4));

	if (qdpx_load(NULL, (const char *)data, size, crlf, texts, &p, &err)) {
		check(&p, texts);
		qde_free(&p);
	} else if (err.len == 0) {
		abort();   /* a failure always says why */
	}
	buf_free(&err);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FUZZ_RUN(run(data, size));
	return 0;
}
