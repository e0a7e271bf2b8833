/*
 * qde_write.c: a qde_project to REFI-QDA XML and to a .qdpx zip; see
 * qde.h.  libxml2's xmlTextWriter does the XML (escaping included);
 * libarchive the zip.
 */
#include "qde.h"
#include "qp.h"
#include "utf8.h"

#include <archive.h>
#include <archive_entry.h>
#include <libxml/xmlwriter.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define NS_PROJECT "urn:QDA-XML:project:1.0"
#define NS_CODEBOOK "urn:QDA-XML:codebook:1.0"
#define XSI "http://www.w3.org/2001/XMLSchema-instance"
#define LOC_PROJECT NS_PROJECT " http://schema.qdasoftware.org/versions/Project/v1.0/Project.xsd"
#define LOC_CODEBOOK NS_CODEBOOK " http://schema.qdasoftware.org/versions/Codebook/v1.0/Codebook.xsd"
#define USER_NAME "qualpipe"
/* The zip entries' time: 2020-01-01T00:00:00Z, whatever the input. */
#define ZIP_MTIME 1577836800

typedef struct {
	xmlTextWriterPtr w;
	xmlBufferPtr b;
	qp_buf tmp;
} xw;

static void
ck(int rc)
{
	if (rc < 0)
		qp_die("cannot write XML (out of memory?)");
}

/* s as XML 1.0 can carry it: C0 controls other than TAB, LF and CR (and
 * U+FFFE, U+FFFF) become U+FFFD.  Belongs to x->tmp. */
static const xmlChar *
clean(xw *x, const char *s)
{
	buf_reset(&x->tmp);
	for (const char *p = s; *p; ) {
		int32_t cp;
		size_t k = utf8_decode(p, &cp);
		if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') ||
		    cp == 0xFFFE || cp == 0xFFFF) {
			buf_grow(&x->tmp, 3);
			memcpy(x->tmp.s + x->tmp.len, "\xEF\xBF\xBD", 3);
			x->tmp.len += 3;
		} else {
			buf_grow(&x->tmp, k);
			memcpy(x->tmp.s + x->tmp.len, p, k);
			x->tmp.len += k;
		}
		x->tmp.s[x->tmp.len] = '\0';
		p += k;
	}
	return (const xmlChar *)x->tmp.s;
}

static void
start(xw *x, const char *name)
{
	ck(xmlTextWriterStartElement(x->w, (const xmlChar *)name));
}

static void
end(xw *x)
{
	ck(xmlTextWriterEndElement(x->w));
}

static void
attr(xw *x, const char *name, const char *val)
{
	ck(xmlTextWriterWriteAttribute(x->w, (const xmlChar *)name, clean(x, val)));
}

static void
attr_u(xw *x, const char *name, size_t v)
{
	char b[32];
	snprintf(b, sizeof b, "%zu", v);
	attr(x, name, b);
}

static void
element_text(xw *x, const char *name, const char *text)
{
	ck(xmlTextWriterWriteElement(x->w, (const xmlChar *)name, clean(x, text)));
}

static void
ref(xw *x, const char *name, const char *guid)
{
	start(x, name);
	attr(x, "targetGUID", guid);
	end(x);
}

static void
xw_open(xw *x, const char *root, const char *ns, const char *loc)
{
	x->b = xmlBufferCreate();
	if (!x->b || !(x->w = xmlNewTextWriterMemory(x->b, 0)))
		qp_die("cannot write XML (out of memory?)");
	buf_init(&x->tmp);
	ck(xmlTextWriterSetIndent(x->w, 1));
	ck(xmlTextWriterSetIndentString(x->w, (const xmlChar *)" "));
	ck(xmlTextWriterStartDocument(x->w, "1.0", "utf-8", NULL));
	start(x, root);
	attr(x, "xmlns", ns);
	attr(x, "xmlns:xsi", XSI);
	attr(x, "xsi:schemaLocation", loc);
}

static void
xw_close(xw *x, qp_buf *out)
{
	ck(xmlTextWriterEndDocument(x->w));
	xmlFreeTextWriter(x->w);
	const char *s = (const char *)xmlBufferContent(x->b);
	size_t n = (size_t)xmlBufferLength(x->b);
	buf_grow(out, n);
	memcpy(out->s + out->len, s, n);
	out->len += n;
	out->s[out->len] = '\0';
	xmlBufferFree(x->b);
	buf_free(&x->tmp);
}

static void
user_guid(char out[QP_UUID_LEN + 1])
{
	qp_uuid_name("user\0" USER_NAME, sizeof "user\0" USER_NAME - 1, out);
}

/* The codes whose parent is parent, in the model's order, with theirs. */
static void
codes(xw *x, const qde_project *p, size_t parent)
{
	for (size_t i = 0; i < p->ncodes; i++) {
		const qde_code *c = &p->codes[i];
		if (c->parent != parent)
			continue;
		start(x, "Code");
		attr(x, "guid", c->guid);
		attr(x, "name", c->name);
		attr(x, "isCodable", "true");
		if (c->desc[0])
			element_text(x, "Description", c->desc);
		codes(x, p, i);
		end(x);
	}
}

static void
write_codebook_body(xw *x, const qde_project *p)
{
	if (p->ncodes == 0)
		return;
	start(x, "Codes");
	codes(x, p, QDE_NONE);
	end(x);
}

/* A theme's set: a MemberCode for code i and every code below it, in
 * the order of the tree.  The codebook's MemberCode names its code by
 * guid, the project's (a CodeRef) by targetGUID. */
static void
members(xw *x, const qde_project *p, size_t i, const char *key)
{
	start(x, "MemberCode");
	attr(x, key, p->codes[i].guid);
	end(x);
	for (size_t k = 0; k < p->ncodes; k++)
		if (p->codes[k].parent == i)
			members(x, p, k, key);
}

/* The Sets: one per top-level code that has sub-codes (a theme), named
 * as the code, GUID from "set" and its path. */
static void
write_sets(xw *x, const qde_project *p, bool project)
{
	bool any = false;
	char g[QP_UUID_LEN + 1];

	for (size_t i = 0; i < p->ncodes; i++) {
		const qde_code *c = &p->codes[i];
		bool parent = false;
		for (size_t k = 0; k < p->ncodes && !parent; k++)
			parent = p->codes[k].parent == i;
		if (c->parent != QDE_NONE || !parent)
			continue;
		if (!any)
			start(x, "Sets");
		any = true;
		qp_buf n = QP_BUF_INIT;
		buf_printf(&n, "set%c%s", 0, c->path);
		qp_uuid_name(n.s, n.len, g);
		buf_free(&n);
		start(x, "Set");
		attr(x, "guid", g);
		attr(x, "name", c->name);
		if (c->desc[0])
			element_text(x, "Description", c->desc);
		members(x, p, i, project ? "targetGUID" : "guid");
		end(x);
	}
	if (any)
		end(x);
}

void
qde_write_codebook(const qde_project *p, qp_buf *out)
{
	xw x;
	xw_open(&x, "CodeBook", NS_CODEBOOK, LOC_CODEBOOK);
	attr(&x, "origin", p->origin);
	if (p->ncodes == 0)
		qp_die("a codebook needs at least one code");
	write_codebook_body(&x, p);
	write_sets(&x, p, false);
	end(&x);
	xw_close(&x, out);
}

static void
stamp(xw *x, const qde_project *p, const char *user)
{
	attr(x, "creatingUser", user);
	attr(x, "creationDateTime", p->date);
}

static void
write_cases(xw *x, const qde_project *p)
{
	char g[QP_UUID_LEN + 1];

	if (p->nvars) {
		start(x, "Variables");
		for (size_t v = 0; v < p->nvars; v++) {
			qp_buf n = QP_BUF_INIT;
			buf_printf(&n, "variable%c%s", 0, p->vars[v]);
			qp_uuid_name(n.s, n.len, g);
			buf_free(&n);
			start(x, "Variable");
			attr(x, "guid", g);
			attr(x, "name", p->vars[v]);
			attr(x, "typeOfVariable", "Text");
			end(x);
		}
		end(x);
	}
	if (p->ncases == 0)
		return;
	start(x, "Cases");
	for (size_t c = 0; c < p->ncases; c++) {
		const qde_case *k = &p->cases[c];
		start(x, "Case");
		attr(x, "guid", k->guid);
		attr(x, "name", k->name);
		for (size_t v = 0; v < p->nvars; v++) {
			if (!k->vals[v][0])
				continue;
			qp_buf n = QP_BUF_INIT;
			buf_printf(&n, "variable%c%s", 0, p->vars[v]);
			qp_uuid_name(n.s, n.len, g);
			buf_free(&n);
			start(x, "VariableValue");
			ref(x, "VariableRef", g);
			element_text(x, "TextValue", k->vals[v]);
			end(x);
		}
		for (size_t s = 0; s < k->nsels; s++) {
			const qde_source *src = &p->src[k->sels[s] >> 32];
			ref(x, "SelectionRef", src->sels[k->sels[s] & 0xFFFFFFFFu].guid);
		}
		end(x);
	}
	end(x);
}

void
qde_write_project(const qde_project *p, qp_buf *out)
{
	char user[QP_UUID_LEN + 1], g[QP_UUID_LEN + 1];
	xw x;

	user_guid(user);
	xw_open(&x, "Project", NS_PROJECT, LOC_PROJECT);
	attr(&x, "name", p->name);
	attr(&x, "origin", p->origin);
	attr(&x, "creatingUserGUID", user);
	attr(&x, "creationDateTime", p->date);
	start(&x, "Users");
	start(&x, "User");
	attr(&x, "guid", user);
	attr(&x, "name", USER_NAME);
	end(&x);
	end(&x);
	if (p->ncodes) {
		start(&x, "CodeBook");
		write_codebook_body(&x, p);
		end(&x);
	}
	write_cases(&x, p);
	if (p->nsrc) {
		start(&x, "Sources");
		for (size_t s = 0; s < p->nsrc; s++) {
			const qde_source *src = &p->src[s];
			char path[sizeof "internal://" + QP_UUID_LEN + 8];
			snprintf(path, sizeof path, "internal://%s.txt", src->guid);
			start(&x, "TextSource");
			attr(&x, "guid", src->guid);
			attr(&x, "name", src->name);
			attr(&x, "plainTextPath", path);
			stamp(&x, p, user);
			for (size_t i = 0; i < src->nsels; i++) {
				const qde_sel *sel = &src->sels[i];
				start(&x, "PlainTextSelection");
				attr(&x, "guid", sel->guid);
				attr_u(&x, "startPosition", sel->start);
				attr_u(&x, "endPosition", sel->end);
				stamp(&x, p, user);
				for (size_t c = 0; c < sel->ncodings; c++) {
					const qde_code *code = &p->codes[sel->codings[c].code];
					qp_buf n = QP_BUF_INIT;
					buf_printf(&n, "coding%c%s%c%s", 0, sel->guid, 0, code->guid);
					qp_uuid_name(n.s, n.len, g);
					buf_free(&n);
					start(&x, "Coding");
					attr(&x, "guid", g);
					stamp(&x, p, user);
					ref(&x, "CodeRef", code->guid);
					end(&x);
				}
				end(&x);
			}
			end(&x);
		}
		end(&x);
	}
	write_sets(&x, p, true);
	end(&x);
	xw_close(&x, out);
}

/* --- the zip ------------------------------------------------------------ */

static la_ssize_t
zip_write(struct archive *a, void *data, const void *p, size_t n)
{
	(void)a;
	qp_buf *out = data;
	buf_grow(out, n);
	memcpy(out->s + out->len, p, n);
	out->len += n;
	out->s[out->len] = '\0';
	return (la_ssize_t)n;
}

static void
zck(struct archive *a, int rc)
{
	if (rc != ARCHIVE_OK)
		qp_die("cannot write the zip: %s", archive_error_string(a));
}

static void
zip_add(struct archive *a, const char *name, const char *p, size_t n)
{
	struct archive_entry *e = archive_entry_new();
	if (!e)
		qp_die("cannot write the zip: out of memory");
	archive_entry_set_pathname(e, name);
	archive_entry_set_size(e, (la_int64_t)n);
	archive_entry_set_filetype(e, AE_IFREG);
	archive_entry_set_perm(e, 0644);
	archive_entry_set_mtime(e, ZIP_MTIME, 0);
	archive_entry_set_uid(e, 0);
	archive_entry_set_gid(e, 0);
	zck(a, archive_write_header(a, e));
	if (n && archive_write_data(a, p, n) != (la_ssize_t)n)
		qp_die("cannot write the zip: %s", archive_error_string(a));
	archive_entry_free(e);
}

void
qde_write_qdpx(const qde_project *p, qp_buf *out)
{
	qp_buf qde = QP_BUF_INIT;
	struct archive *a = archive_write_new();

	/* A zip entry's DOS date is local time: UTC, so that the bytes do
	 * not depend on the time zone. */
	setenv("TZ", "UTC0", 1);
	tzset();
	qde_write_project(p, &qde);
	if (!a)
		qp_die("cannot write the zip: out of memory");
	zck(a, archive_write_set_format_zip(a));
	zck(a, archive_write_set_options(a, "zip:compression=deflate"));
	zck(a, archive_write_set_bytes_in_last_block(a, 1));
	zck(a, archive_write_open(a, out, NULL, zip_write, NULL));
	zip_add(a, "project.qde", qde.s, qde.len);
	for (size_t s = 0; s < p->nsrc; s++) {
		char name[sizeof "sources/" + QP_UUID_LEN + 8];
		snprintf(name, sizeof name, "sources/%s.txt", p->src[s].guid);
		zip_add(a, name, p->src[s].text, p->src[s].len);
	}
	zck(a, archive_write_close(a));
	archive_write_free(a);
	buf_free(&qde);
}
