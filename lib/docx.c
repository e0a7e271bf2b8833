/*
 * docx.c: the text of word/document.xml (docx.h), by libxml2's
 * streaming xmlReader: one node at a time, so a document of any length
 * costs only its text.
 *
 * Why text boxes are not read: they float beside the flow (a logo's
 * words, a title block, a caption), Word writes each twice (the
 * mc:Choice drawing and its mc:Fallback VML copy), and where a text box
 * sits in the reading order is a guess.  Headers and footers are page
 * furniture (a title, "Confidential", page numbers) repeated on every
 * page, in parts of their own, and never read.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <libxml/xmlreader.h>

#include "docx.h"
#include "qp.h"

static const char W_NS[] = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
static const char W_STRICT_NS[] = "http://purl.oclc.org/ooxml/wordprocessingml/main";
static const char MC_NS[] = "http://schemas.openxmlformats.org/markup-compatibility/2006";

struct dx {
	docx_read_fn *read;
	docx_err_fn *err;
	void *ctx;
	size_t max, got;
	bool too_big, read_err;
	char msg[200];          /* the first XML error */
	int line;
};

static int
io_read(void *vp, char *p, int n)
{
	struct dx *d = vp;
	if (d->too_big || d->read_err)
		return -1;
	ssize_t r = d->read(d->ctx, p, (size_t)n);
	if (r < 0) {
		d->read_err = true;
		return -1;
	}
	d->got += (size_t)r;
	if (d->got > d->max) {
		d->too_big = true;
		return -1;
	}
	return (int)r;
}

static int
io_close(void *vp)
{
	(void)vp;
	return 0;
}

static void
on_error(void *vp, const char *msg, xmlParserSeverities sev, xmlTextReaderLocatorPtr loc)
{
	struct dx *d = vp;
	if (d->msg[0] || (sev != XML_PARSER_SEVERITY_ERROR && sev != XML_PARSER_SEVERITY_VALIDITY_ERROR))
		return;
	snprintf(d->msg, sizeof d->msg, "%s", msg ? msg : "XML error");
	size_t n = strlen(d->msg);
	while (n > 0 && (d->msg[n - 1] == '\n' || d->msg[n - 1] == ' '))
		d->msg[--n] = '\0';
	d->line = loc ? xmlTextReaderLocatorLineNumber(loc) : 0;
}

/* Nothing outside the part is ever loaded, whatever the options say:
 * no DTD, no external entity (and no network: XML_PARSE_NONET). */
static xmlParserInputPtr
no_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	(void)url;
	(void)id;
	(void)ctxt;
	return NULL;
}

#ifdef QP_FUZZ
static void
release_reader(void *r)
{
	xmlFreeTextReader(r);
}
#endif

/* Elements whose subtree holds no text of the body. */
static bool
w_skip(const char *n)
{
	static const char *const skip[] = {
		"del", "moveFrom", "instrText", "delText", "delInstrText", "txbxContent",
		"pPr", "rPr", "sectPr", "tblPr", "tblGrid", "trPr", "tcPr", "sdtPr",
		"sdtEndPr", "sym", "fldData", NULL
	};
	for (size_t i = 0; skip[i]; i++)
		if (strcmp(n, skip[i]) == 0)
			return true;
	return false;
}

static bool
xml_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Text of a w:t: control bytes (a newline, a TAB, a CR in the XML) are
 * spaces, as Word shows them; without xml:space="preserve" the ends are
 * trimmed. */
static void
add_text(qp_buf *para, const char *s, bool preserve)
{
	size_t n = strlen(s);
	if (!preserve) {
		while (n > 0 && xml_ws(s[n - 1]))
			n--;
		while (n > 0 && xml_ws(*s))
			s++, n--;
	}
	for (size_t i = 0; i < n; i++)
		buf_addc(para, (unsigned char)s[i] < 0x20 ? ' ' : s[i]);
}

/* A finished paragraph: its lines, then a blank line; nothing if it
 * holds only white space. */
static void
flush(qp_buf *para, qp_buf *out)
{
	bool text = false;
	for (size_t i = 0; i < para->len && !text; i++)
		text = !xml_ws(para->s[i]);
	if (text) {
		buf_add(out, para->s, para->len);
		buf_add(out, "\n\n", 2);
	}
	buf_reset(para);
}

void
docx_text(const char *name, docx_read_fn *read, docx_err_fn *err, void *ctx,
          size_t max, qp_buf *out)
{
	struct dx d = { .read = read, .err = err, .ctx = ctx, .max = max };
	qp_buf para = QP_BUF_INIT;
	bool in_t = false, preserve = false, skip = false;
	int ret;

	xmlSetExternalEntityLoader(no_loader);
	xmlTextReaderPtr r = xmlReaderForIO(io_read, io_close, &d, DOCX_PART, NULL,
	                                    XML_PARSE_NONET | XML_PARSE_NOCDATA);
	if (!r)
		qp_die("%s: %s: cannot start the XML reader", name, DOCX_PART);
	QP_FUZZ_OWN(r, release_reader);
	xmlTextReaderSetErrorHandler(r, on_error, &d);
	/* Next, not Read, steps over a subtree that holds no body text */
	while ((ret = skip ? xmlTextReaderNext(r) : xmlTextReaderRead(r)) == 1) {
		int type = xmlTextReaderNodeType(r);
		const char *ln = (const char *)xmlTextReaderConstLocalName(r);
		const char *ns = (const char *)xmlTextReaderConstNamespaceUri(r);
		bool w = ns && (strcmp(ns, W_NS) == 0 || strcmp(ns, W_STRICT_NS) == 0);

		skip = false;
		if (type == XML_READER_TYPE_DOCUMENT_TYPE) {
			snprintf(d.msg, sizeof d.msg, "a DOCTYPE (a .docx has none): not read");
			d.line = 0;
			ret = -1;
			break;
		}
		if (type == XML_READER_TYPE_END_ELEMENT) {
			if (w && strcmp(ln, "p") == 0)
				flush(&para, out);
			else if (w && strcmp(ln, "t") == 0)
				in_t = false;
			continue;
		}
		if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE ||
		    type == XML_READER_TYPE_CDATA) {
			if (in_t)
				add_text(&para, (const char *)xmlTextReaderConstValue(r), preserve);
			continue;
		}
		if (type != XML_READER_TYPE_ELEMENT)
			continue;
		if ((w && w_skip(ln)) || (ns && strcmp(ns, MC_NS) == 0 && strcmp(ln, "Fallback") == 0)) {
			skip = true;
			continue;
		}
		if (!w)
			continue;
		bool empty = xmlTextReaderIsEmptyElement(r) == 1;
		if (strcmp(ln, "p") == 0) {
			/* a paragraph inside a paragraph (only in what is
			 * skipped, in a valid document) ends the outer one */
			flush(&para, out);
		} else if (strcmp(ln, "t") == 0) {
			in_t = !empty;
			xmlChar *sp = xmlTextReaderGetAttributeNs(r, BAD_CAST "space", XML_XML_NAMESPACE);
			preserve = sp && strcmp((const char *)sp, "preserve") == 0;
			xmlFree(sp);
		} else if (strcmp(ln, "tab") == 0 || strcmp(ln, "ptab") == 0) {
			buf_addc(&para, '\t');
		} else if (strcmp(ln, "br") == 0 || strcmp(ln, "cr") == 0) {
			buf_addc(&para, '\n');
		} else if (strcmp(ln, "noBreakHyphen") == 0) {
			buf_addc(&para, '-');
		}
	}
	if (ret == 0 && !d.too_big && !d.read_err && d.msg[0] == '\0')
		flush(&para, out);
	QP_FUZZ_DISOWN(r);
	xmlFreeTextReader(r);
	buf_free(&para);
	if (d.too_big)
		qp_die("%s: %s: more than %zu bytes uncompressed (a zip bomb?); not read",
		       name, DOCX_PART, max);
	if (d.read_err)
		qp_die("%s: %s: read error: %s", name, DOCX_PART, err(ctx));
	if (ret != 0 || d.msg[0]) {
		if (d.line > 0)
			qp_die("%s: %s:%d: bad XML: %s", name, DOCX_PART, d.line,
			       d.msg[0] ? d.msg : "parse error");
		qp_die("%s: %s: bad XML: %s", name, DOCX_PART, d.msg[0] ? d.msg : "parse error");
	}
}
