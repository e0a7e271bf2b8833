/*
 * qde_read.c: the XML of a REFI-QDA project (project.qde) or codebook
 * (.qdc) into a qde_project (qde.h), with libxml2.
 *
 * Safety: the parser never loads a DTD, never substitutes entities
 * (no XML_PARSE_NOENT), never touches the network (XML_PARSE_NONET),
 * and a document with a DOCTYPE at all is refused: a first SAX pass
 * over the prolog stops at the DOCTYPE, before any declaration in it is
 * read, or at the root element.  No project or codebook writer puts a
 * DOCTYPE there, and it is where entity bombs live.
 *
 * Memory: the document is walked with libxml2's streaming reader
 * (xmlTextReader); Users, the CodeBook and each TextSource in turn are
 * expanded into a small tree, read, and freed, so a large project is
 * never held whole as a tree.
 *
 * Elements are known by their local names, whatever the namespace
 * (MAXQDA and others have written codebooks in the draft namespace
 * urn:QDA-XML:codebook:0:4).
 */
#include "qde.h"
#include "qp.h"
#include "map.h"
#include "utf8.h"

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlreader.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
	qde_project *p;
	qp_map *codes, *users;   /* guid -> index + 1 */
	qp_map *code_paths;      /* the paths given so far */
	char **paths;
	size_t npaths;
	qp_buf *err;
	bool failed;
} rd;

static bool
is(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

/* The attribute's value (whatever namespace), or NULL; caller frees with
 * xmlFree. */
static char *
get(const xmlNode *n, const char *name)
{
	return (char *)xmlGetProp(n, (const xmlChar *)name);
}

static char *
get_dup(const xmlNode *n, const char *name)
{
	char *v = get(n, name);
	char *r = xstrdup(v ? v : "");
	xmlFree(v);
	return r;
}

static bool
fail(rd *r, const xmlNode *n, const char *fmt, const char *arg)
{
	if (!r->failed) {
		buf_printf(r->err, "line %ld: ", n ? (long)xmlGetLineNo(n) : 0L);
		buf_printf(r->err, fmt, arg ? arg : "");
	}
	r->failed = true;
	return false;
}

/* A GUID as the schema writes it (8-4-4-4-12 hex digits, braced or
 * not, either case) to its key for the map: braces dropped, lower case.
 * Anything else gives 0: a name that is not a GUID cannot be matched
 * to the others, and cutting it to length would make two names one. */
static size_t
guid_key(const char *g, char key[QP_UUID_LEN + 3])
{
	size_t len = strlen(g);
	if (len == QP_UUID_LEN + 2 && g[0] == '{' && g[len - 1] == '}') {
		g++;
		len -= 2;
	}
	if (len != QP_UUID_LEN)
		return key[0] = '\0', 0;
	for (size_t i = 0; i < len; i++) {
		char c = g[i];
		bool dash = i == 8 || i == 13 || i == 18 || i == 23;
		if (dash ? c != '-' : !((c >= '0' && c <= '9') ||
		    (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
			return key[0] = '\0', 0;
		key[i] = (c >= 'A' && c <= 'F') ? (char)(c - 'A' + 'a') : c;
	}
	key[len] = '\0';
	return len;
}

static bool
guid_attr(rd *r, const xmlNode *n, char out[QP_UUID_LEN + 3])
{
	char *g = get(n, "guid");
	if (!g || !g[0]) {
		xmlFree(g);
		return fail(r, n, "a %s without a guid", (const char *)n->name);
	}
	if (guid_key(g, out) == 0) {
		fail(r, n, "guid '%.60s' is not a GUID (8-4-4-4-12 hex digits)", g);
		xmlFree(g);
		return false;
	}
	xmlFree(g);
	return true;
}

static size_t
lookup(const qp_map *m, const char *guid)
{
	char key[QP_UUID_LEN + 3];
	size_t n = guid_key(guid, key);
	if (n == 0)
		return QDE_NONE;
	qp_entry *e = qp_map_get(m, key, n);
	return e ? (size_t)(uintptr_t)e->val - 1 : QDE_NONE;
}

static void
text_of(const xmlNode *n, qp_buf *out)
{
	xmlChar *t = xmlNodeGetContent(n);
	if (t) {
		size_t len = strlen((const char *)t);
		buf_grow(out, len);
		memcpy(out->s + out->len, t, len);
		out->len += len;
		out->s[out->len] = '\0';
		xmlFree(t);
	}
}

/* A code name as a code path segment (codebook(5): lower-case ASCII
 * letters, digits, _ and -): folded (case, accents), every other run of
 * characters one '-', none at either end; "code" if nothing is left. */
static void
slug(const char *name, qp_buf *out)
{
	qp_buf f = QP_BUF_INIT;
	size_t start = out->len;
	bool dash = false;

	utf8_fold(name, strlen(name), &f);
	for (size_t i = 0; i < f.len; i++) {
		char c = f.s[i];
		bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
		if (keep) {
			if (dash && out->len > start)
				buf_printf(out, "-");
			dash = false;
			buf_printf(out, "%c", c);
		} else {
			dash = true;
		}
	}
	if (out->len == start)
		buf_printf(out, "code");
	buf_free(&f);
}

static bool
load_code(rd *r, const xmlNode *n, size_t parent)
{
	qde_project *p = r->p;
	qp_buf path = QP_BUF_INIT, desc = QP_BUF_INIT;
	char g[QP_UUID_LEN + 3];
	bool created;

	if (!guid_attr(r, n, g))
		return false;
	char *name = get_dup(n, "name");
	if (parent != QDE_NONE)
		buf_printf(&path, "%s/", p->codes[parent].path);
	slug(name, &path);
	/* Two siblings of one slug: the later ones get -2, -3, ... */
	size_t blen = path.len;
	for (unsigned k = 2; ; k++) {
		bool fresh;
		qp_map_put(r->code_paths, path.s, path.len, &fresh);
		if (fresh)
			break;
		path.len = blen;
		path.s[blen] = '\0';
		buf_printf(&path, "-%u", k);
	}
	for (const xmlNode *c = n->children; c; c = c->next)
		if (is(c, "Description"))
			text_of(c, &desc);
	qp_entry *e = qp_map_put(r->codes, g, strlen(g), &created);
	if (!created) {
		free(name);
		buf_free(&path);
		buf_free(&desc);
		return fail(r, n, "two codes have the guid %s", g);
	}
	size_t cap = p->ncodes;
	p->codes = xreallocarray(p->codes, cap + 1, sizeof *p->codes);
	size_t me = p->ncodes++;
	e->val = (void *)(uintptr_t)(me + 1);
	qde_code *c = &p->codes[me];
	c->path = buf_detach(&path, NULL);
	c->name = name;
	c->desc = buf_detach(&desc, NULL);
	c->parent = parent;
	memcpy(c->guid, g, sizeof g);
	for (const xmlNode *k = n->children; k; k = k->next)
		if (is(k, "Code") && !load_code(r, k, me))
			return false;
	return true;
}

static bool
codes_list(rd *r, const xmlNode *n)
{
	for (const xmlNode *k = n->children; k; k = k->next)
		if (is(k, "Code") && !load_code(r, k, QDE_NONE))
			return false;
	return true;
}

/* The Codes of a CodeBook. */
static bool
load_codes(rd *r, const xmlNode *n)
{
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (is(c, "Codes") && !codes_list(r, c))
			return false;
	}
	return true;
}

static bool
load_users(rd *r, const xmlNode *n)
{
	qde_project *p = r->p;
	for (const xmlNode *u = n->children; u; u = u->next) {
		if (!is(u, "User"))
			continue;
		char g[QP_UUID_LEN + 3];
		bool created;
		if (!guid_attr(r, u, g))
			return false;
		qp_entry *e = qp_map_put(r->users, g, strlen(g), &created);
		if (!created)
			continue;
		p->users = xreallocarray(p->users, p->nusers + 1, sizeof *p->users);
		e->val = (void *)(uintptr_t)(p->nusers + 1);
		qde_user *me = &p->users[p->nusers++];
		me->name = get_dup(u, "name");
		if (!me->name[0]) {
			free(me->name);
			me->name = get_dup(u, "id");
		}
		memcpy(me->guid, g, sizeof g);
	}
	return true;
}

/* A position attribute: a whole number, no sign, no blanks. */
static bool
position(rd *r, const xmlNode *n, const char *name, size_t *out)
{
	char *v = get(n, name);
	size_t x = 0;
	bool ok = v && v[0];
	for (const char *s = v ? v : ""; ok && *s; s++) {
		if (*s < '0' || *s > '9' || x > ((size_t)-1 - 9) / 10)
			ok = false;
		else
			x = x * 10 + (size_t)(*s - '0');
	}
	xmlFree(v);
	if (!ok)
		return fail(r, n, "PlainTextSelection: %s is not a position", name);
	*out = x;
	return true;
}

static size_t
user_of(rd *r, const xmlNode *n)
{
	char *u = get(n, "creatingUser");
	if (!u)
		u = get(n, "modifyingUser");
	size_t i = u ? lookup(r->users, u) : QDE_NONE;
	xmlFree(u);
	return i;
}

static bool
load_selection(rd *r, const xmlNode *n, qde_source *s)
{
	qde_sel sel = { 0 };
	if (!guid_attr(r, n, sel.guid) || !position(r, n, "startPosition", &sel.start) ||
	    !position(r, n, "endPosition", &sel.end))
		return false;
	if (sel.start > sel.end)
		return fail(r, n, "PlainTextSelection: startPosition after endPosition%s", NULL);
	sel.user = user_of(r, n);
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (!is(c, "Coding"))
			continue;
		for (const xmlNode *k = c->children; k; k = k->next) {
			if (!is(k, "CodeRef"))
				continue;
			char *t = get(k, "targetGUID");
			size_t code = t ? lookup(r->codes, t) : QDE_NONE;
			if (code == QDE_NONE) {
				fail(r, k, "CodeRef: no code has the guid '%s'", t);
				xmlFree(t);
				free(sel.codings);
				return false;
			}
			xmlFree(t);
			sel.codings = xreallocarray(sel.codings, sel.ncodings + 1,
			                            sizeof *sel.codings);
			size_t u = user_of(r, c);
			sel.codings[sel.ncodings++] = (qde_coding){ code, u != QDE_NONE ? u : sel.user };
		}
	}
	s->sels = xreallocarray(s->sels, s->nsels + 1, sizeof *s->sels);
	s->sels[s->nsels++] = sel;
	return true;
}

static bool
load_source(rd *r, const xmlNode *n)
{
	qde_project *p = r->p;
	qp_buf content = QP_BUF_INIT;
	bool inline_text = false;

	p->src = xreallocarray(p->src, p->nsrc + 1, sizeof *p->src);
	r->paths = xreallocarray(r->paths, p->nsrc + 1, sizeof *r->paths);
	qde_source *s = &p->src[p->nsrc];
	memset(s, 0, sizeof *s);
	r->paths[p->nsrc] = NULL;
	p->nsrc++;
	r->npaths = p->nsrc;
	s->name = get_dup(n, "name");
	if (!guid_attr(r, n, s->guid))
		return false;
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (is(c, "PlainTextContent")) {
			text_of(c, &content);
			inline_text = true;
		} else if (is(c, "PlainTextSelection") && !load_selection(r, c, s)) {
			buf_free(&content);
			return false;
		}
	}
	if (inline_text) {
		s->text = buf_detach(&content, &s->len);
		r->paths[p->nsrc - 1] = xstrdup("");
	} else {
		r->paths[p->nsrc - 1] = get_dup(n, "plainTextPath");
		if (!r->paths[p->nsrc - 1][0])
			return fail(r, n, "TextSource '%s' has neither plainTextPath nor "
			            "PlainTextContent", s->name);
	}
	buf_free(&content);
	return true;
}

/* SAX: a DOCTYPE stops the parser before its declarations are read. */
static void
refuse_doctype(void *ctx, const xmlChar *name, const xmlChar *ext, const xmlChar *sys)
{
	(void)name, (void)ext, (void)sys;
	xmlParserCtxtPtr c = ctx;
	c->_private = (void *)1;
	xmlStopParser(c);
}

/* SAX: the root element ends the look at the prolog. */
static void
stop_at_root(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri,
             int nns, const xmlChar **ns, int nattr, int ndef, const xmlChar **attr)
{
	(void)local, (void)prefix, (void)uri, (void)nns, (void)ns, (void)nattr;
	(void)ndef, (void)attr;
	xmlStopParser(ctx);
}

static void
quiet(void *ctx, const char *msg, ...)
{
	(void)ctx, (void)msg;
}

/* The prolog, up to the root element: false (err set) if it has a
 * DOCTYPE.  Any other fault is left to the reader to report. */
static bool
no_doctype(const char *xml, size_t n, qp_buf *err)
{
	xmlParserCtxtPtr c = xmlCreateMemoryParserCtxt(xml, (int)n);
	if (!c) {
		buf_printf(err, "cannot parse the XML (out of memory?)");
		return false;
	}
	c->sax->internalSubset = refuse_doctype;
	c->sax->externalSubset = refuse_doctype;
	c->sax->startElementNs = stop_at_root;
	c->sax->error = quiet;
	c->sax->warning = quiet;
	c->_private = NULL;
	xmlCtxtUseOptions(c, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	xmlParseDocument(c);
	bool ok = c->_private == NULL;
	if (!ok)
		buf_printf(err, "the XML has a DOCTYPE declaration; refused "
		           "(a project or codebook has none, and entities are not expanded)");
	if (c->myDoc)
		xmlFreeDoc(c->myDoc);
	xmlFreeParserCtxt(c);
	return ok;
}

typedef struct {
	bool seen;
	int line;
	char msg[200];
} xml_fault;

static void
on_fault(void *arg, xmlErrorPtr e)
{
	xml_fault *f = arg;
	if (f->seen || !e || e->level < XML_ERR_ERROR)
		return;
	f->seen = true;
	f->line = e->line;
	snprintf(f->msg, sizeof f->msg, "%s", e->message ? e->message : "");
	size_t k = strlen(f->msg);
	while (k && (f->msg[k - 1] == '\n' || f->msg[k - 1] == ' '))
		f->msg[--k] = '\0';
}

static const char *
local_name(xmlTextReaderPtr x)
{
	const xmlChar *n = xmlTextReaderConstLocalName(x);
	return n ? (const char *)n : "";
}

static char *
reader_attr(xmlTextReaderPtr x, const char *name)
{
	xmlChar *v = xmlTextReaderGetAttribute(x, (const xmlChar *)name);
	char *r = xstrdup(v ? (const char *)v : "");
	xmlFree(v);
	return r;
}

/* The element the reader is on, expanded, handed to fn; then past it. */
static int
expand(rd *r, xmlTextReaderPtr x, bool (*fn)(rd *, const xmlNode *))
{
	xmlNodePtr n = xmlTextReaderExpand(x);
	if (!n)
		return -1;
	if (!fn(r, n))
		return -2;
	return xmlTextReaderNext(x);
}

static bool
source(rd *r, const xmlNode *n)
{
	return load_source(r, n);
}

/*
 * Walk the document with libxml2's reader: the root's children one at a
 * time, each element qualpipe reads expanded into a tree of its own and
 * freed once passed (a TextSource at a time), so a project is never held
 * whole.  The schema's order is relied on: Users and CodeBook before
 * Sources.  Returns 1, 0 for bad XML (fault set), -2 for a bad project
 * (err set by the loaders).
 */
static int
walk(rd *r, xmlTextReaderPtr x)
{
	qde_project *p = r->p;
	int ret;

	while ((ret = xmlTextReaderRead(x)) == 1 &&
	       xmlTextReaderNodeType(x) != XML_READER_TYPE_ELEMENT)
		;
	if (ret != 1)
		return 0;
	bool project = strcmp(local_name(x), "Project") == 0;
	if (!project && strcmp(local_name(x), "CodeBook") != 0) {
		buf_printf(r->err, "neither a REFI-QDA Project nor a CodeBook (root element <%s>)",
		           local_name(x));
		r->failed = true;
		return -2;
	}
	p->origin = reader_attr(x, "origin");
	p->name = project ? reader_attr(x, "name") : xstrdup("");
	p->base_path = project ? reader_attr(x, "basePath") : xstrdup("");
	p->codebook_only = !project;
	ret = xmlTextReaderRead(x);
	while (ret == 1) {
		int type = xmlTextReaderNodeType(x), depth = xmlTextReaderDepth(x);
		const char *name = local_name(x);
		if (type != XML_READER_TYPE_ELEMENT || depth != 1) {
			ret = xmlTextReaderRead(x);
		} else if (project && strcmp(name, "Users") == 0) {
			ret = expand(r, x, load_users);
		} else if (project && strcmp(name, "CodeBook") == 0) {
			ret = expand(r, x, load_codes);
		} else if (!project && strcmp(name, "Codes") == 0) {
			ret = expand(r, x, codes_list);
		} else if (project && strcmp(name, "Sources") == 0 && !xmlTextReaderIsEmptyElement(x)) {
			ret = xmlTextReaderRead(x);
			while (ret == 1 && xmlTextReaderDepth(x) >= 2) {
				if (xmlTextReaderNodeType(x) == XML_READER_TYPE_ELEMENT &&
				    xmlTextReaderDepth(x) == 2)
					ret = strcmp(local_name(x), "TextSource") == 0 ?
					      expand(r, x, source) : xmlTextReaderNext(x);
				else
					ret = xmlTextReaderRead(x);
			}
		} else {
			ret = xmlTextReaderNext(x);
		}
	}
	return ret == 0 ? 1 : ret == -2 ? -2 : 0;
}

bool
qde_parse(const char *xml, size_t n, qde_project *p, char ***paths, qp_buf *err)
{
	rd r = { p, qp_map_new(), qp_map_new(), qp_map_new(), NULL, 0, err, false };
	xml_fault fault = { false, 0, "" };
	bool ok = false;

	memset(p, 0, sizeof *p);
	*paths = NULL;
	if (n > (size_t)INT32_MAX) {
		buf_printf(err, "the XML is over 2 GiB");
		goto out;
	}
	if (!no_doctype(xml, n, err))
		goto out;
	xmlTextReaderPtr x = xmlReaderForMemory(xml, (int)n, NULL, NULL,
	                                        XML_PARSE_NONET | XML_PARSE_NOERROR |
	                                        XML_PARSE_NOWARNING);
	if (!x) {
		buf_printf(err, "cannot parse the XML (out of memory?)");
		goto out;
	}
	xmlTextReaderSetStructuredErrorHandler(x, on_fault, &fault);
	int w = walk(&r, x);
	xmlFreeTextReader(x);
	if (w == 1 && !fault.seen) {
		ok = true;
	} else if (w != -2 || !r.failed) {
		buf_reset(err);
		buf_printf(err, "not well-formed XML");
		if (fault.seen)
			buf_printf(err, " (line %d: %s)", fault.line, fault.msg);
	}
out:
	qp_map_free(r.codes);
	qp_map_free(r.users);
	qp_map_free(r.code_paths);
	if (!ok) {
		for (size_t i = 0; i < r.npaths; i++)
			free(r.paths[i]);
		free(r.paths);
		qde_free(p);
		return false;
	}
	*paths = r.paths;
	return true;
}
