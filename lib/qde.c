/*
 * qde.c: what the REFI-QDA reader and writer share: the model's
 * release, code point positions, and to-qdpx's layout of a document's
 * text (qde.h).
 */
#include "qde.h"
#include "qp.h"
#include "utf8.h"

#include <stdlib.h>
#include <string.h>

void
qde_free(qde_project *p)
{
	for (size_t i = 0; i < p->ncodes; i++) {
		free(p->codes[i].path);
		free(p->codes[i].name);
		free(p->codes[i].desc);
	}
	for (size_t i = 0; i < p->nusers; i++)
		free(p->users[i].name);
	for (size_t i = 0; i < p->nsrc; i++) {
		free(p->src[i].name);
		free(p->src[i].text);
		for (size_t k = 0; k < p->src[i].nsels; k++)
			free(p->src[i].sels[k].codings);
		free(p->src[i].sels);
	}
	for (size_t i = 0; i < p->ncases; i++) {
		free(p->cases[i].name);
		for (size_t v = 0; v < p->nvars; v++)
			free(p->cases[i].vals[v]);
		free(p->cases[i].vals);
		free(p->cases[i].sels);
	}
	for (size_t v = 0; v < p->nvars; v++)
		free(p->vars[v]);
	free(p->vars);
	free(p->cases);
	free(p->codes);
	free(p->users);
	free(p->src);
	free(p->origin);
	free(p->name);
	free(p->base_path);
	free(p->date);
	memset(p, 0, sizeof *p);
}

size_t
qde_cp_count(const char *s, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += ((unsigned char)s[i] & 0xC0) != 0x80;
	return k;
}

size_t
qde_cp_skip(const char *s, size_t n, size_t off, size_t cp)
{
	for (size_t i = off; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80 && cp-- == 0)
			return i;
	return n;
}

size_t
qde_cp_offset(const char *s, size_t n, size_t cp)
{
	return qde_cp_skip(s, n, 0, cp);
}

void
qde_layout_init(qde_layout *l)
{
	buf_init(&l->text);
	l->ncp = 0;
	l->speaker = NULL;
	l->any = false;
}

static void
put(qde_layout *l, const char *p, size_t n)
{
	buf_grow(&l->text, n);
	memcpy(l->text.s + l->text.len, p, n);
	l->text.len += n;
	l->text.s[l->text.len] = '\0';
	l->ncp += qde_cp_count(p, n);
}

void
qde_layout_add(qde_layout *l, const char *speaker, size_t sn,
               const char *text, size_t tn, size_t *start, size_t *end)
{
	bool same = l->any && strlen(l->speaker) == sn &&
	            memcmp(l->speaker, speaker, sn) == 0;
	if (same) {
		put(l, " ", 1);
	} else {
		if (l->any)
			put(l, "\n", 1);
		if (sn) {
			put(l, speaker, sn);
			put(l, ": ", 2);
		}
		free(l->speaker);
		l->speaker = xmemdup(speaker, sn);
	}
	l->any = true;
	*start = l->ncp;
	put(l, text, tn);
	*end = l->ncp;
}

void
qde_layout_end(qde_layout *l)
{
	if (l->any)
		put(l, "\n", 1);
}

void
qde_layout_free(qde_layout *l)
{
	buf_free(&l->text);
	free(l->speaker);
	l->speaker = NULL;
}
