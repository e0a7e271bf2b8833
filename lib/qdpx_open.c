/*
 * qdpx_open.c: the container of a REFI-QDA project: a .qdpx zip read
 * with libarchive, or a bare .qde or .qdc; and the texts of its sources
 * (qde.h: qdpx_load).
 *
 * A zip's entries are read into memory as needed (the sources folder
 * spelt sources/ as the standard says or Sources/ as NVivo writes it);
 * the project is the entry project.qde, else the one entry
 * whose name ends in .qde.  Only the project and the texts it names are
 * inflated; pictures, audio and the like are skipped.  Limit: a project
 * and texts that inflate to more than QDPX_MAX bytes are refused, so a
 * zip bomb ends in an error.
 */
#include "qde.h"
#include "qp.h"
#include "map.h"
#include "utf8.h"

#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#ifdef QP_FUZZ
#define QDPX_MAX ((size_t)16 << 20)
#else
#define QDPX_MAX ((size_t)256 << 20)
#endif

typedef struct {
	qp_map *entries;        /* name -> qp_buf * */
	const char *dir;        /* the directory of a bare .qde, or NULL */
	const char *file;
	bool zip;
} box;

static void
box_free(box *b)
{
	if (!b->entries)
		return;
	for (size_t i = 0; i < qp_map_count(b->entries); i++) {
		qp_buf *v = qp_map_at(b->entries, i)->val;
		if (v)
			buf_free(v);
		free(v);
	}
	qp_map_free(b->entries);
}

/*
 * One pass over the zip.  want NULL: note the name of every file entry
 * (its value stays NULL) and refuse a name given twice.  Else: read the
 * data of the entries named in want, into their values.  Entries not
 * wanted (pictures, audio, the rich text) are skipped unread.
 */
static bool
read_zip(box *b, const char *data, size_t n, const qp_map *want, size_t *total,
         qp_buf *err)
{
	struct archive *a = archive_read_new();
	struct archive_entry *e;
	bool ok = false;
	int rc;

	if (!a) {
		buf_printf(err, "cannot read the zip: out of memory");
		return false;
	}
	archive_read_support_format_zip(a);
	if (archive_read_open_memory(a, data, n) != ARCHIVE_OK) {
		buf_printf(err, "not a readable zip: %s", archive_error_string(a));
		goto out;
	}
	while ((rc = archive_read_next_header(a, &e)) == ARCHIVE_OK) {
		const char *name = archive_entry_pathname(e);
		if (!name || archive_entry_filetype(e) != AE_IFREG)
			continue;
		size_t len = strlen(name);
		if (!want) {
			bool created;
			qp_map_put(b->entries, name, len, &created);
			if (!created) {
				buf_printf(err, "the zip holds '%s' twice", name);
				goto out;
			}
			continue;
		}
		if (!qp_map_get(want, name, len))
			continue;
		qp_entry *en = qp_map_get(b->entries, name, len);
		if (!en || en->val)
			continue;
		qp_buf *v = xmalloc(sizeof *v);
		buf_init(v);
		en->val = v;
		char chunk[65536];
		la_ssize_t got;
		while ((got = archive_read_data(a, chunk, sizeof chunk)) > 0) {
			*total += (size_t)got;
			if (*total > QDPX_MAX) {
				buf_printf(err, "the project and its texts inflate to more than "
				           "%zu MiB; refused", QDPX_MAX >> 20);
				goto out;
			}
			buf_grow(v, (size_t)got);
			memcpy(v->s + v->len, chunk, (size_t)got);
			v->len += (size_t)got;
			v->s[v->len] = '\0';
		}
		if (got < 0) {
			buf_printf(err, "bad zip entry '%s': %s", name, archive_error_string(a));
			goto out;
		}
	}
	if (rc != ARCHIVE_EOF) {
		buf_printf(err, "bad zip: %s", archive_error_string(a));
		goto out;
	}
	ok = true;
out:
	archive_read_free(a);
	return ok;
}

/* The name of the project entry of a zip, or NULL with err set. */
static const char *
project_entry(box *b, qp_buf *err)
{
	const char *found = NULL;
	if (qp_map_get(b->entries, "project.qde", 11))
		return "project.qde";
	for (size_t i = 0; i < qp_map_count(b->entries); i++) {
		qp_entry *x = qp_map_at(b->entries, i);
		if (x->len >= 4 && strcasecmp(x->key + x->len - 4, ".qde") == 0) {
			if (found) {
				buf_printf(err, "the zip holds more than one .qde and no project.qde");
				return NULL;
			}
			found = x->key;
		}
	}
	if (!found)
		buf_printf(err, "the zip holds no project.qde (not a .qdpx?)");
	return found;
}

/* Read the zip entries that the internal:// paths name. */
static bool
read_sources(box *b, const char *data, size_t n, char **paths, size_t np,
             size_t *total, qp_buf *err)
{
	static const char *const sub[] = { "sources/", "Sources/" };
	qp_map *want = qp_map_new();
	qp_buf name = QP_BUF_INIT;
	bool created;

	for (size_t i = 0; i < np; i++) {
		if (strncmp(paths[i], "internal://", 11) != 0)
			continue;
		const char *p = paths[i] + 11;
		while (*p == '/')
			p++;
		for (int k = 0; k < 2; k++) {
			buf_reset(&name);
			buf_printf(&name, "%s%s", sub[k], p);
			qp_map_put(want, name.s, name.len, &created);
		}
	}
	bool ok = read_zip(b, data, n, want, total, err);
	qp_map_free(want);
	buf_free(&name);
	return ok;
}

static bool
read_disk(const char *path, qp_buf *out, qp_buf *err)
{
	FILE *f = fopen(path, "rb");
	char chunk[65536];
	size_t got;

	if (!f) {
		buf_printf(err, "%s: %s", path, strerror(errno));
		return false;
	}
	errno = 0;
	while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (out->len + got > QDPX_MAX) {
			buf_printf(err, "%s: over %zu MiB", path, QDPX_MAX >> 20);
			fclose(f);
			return false;
		}
		buf_grow(out, got);
		memcpy(out->s + out->len, chunk, got);
		out->len += got;
		out->s[out->len] = '\0';
	}
	bool bad = ferror(f);
	int e = errno;
	fclose(f);
	if (bad)
		buf_printf(err, "%s: %s", path, strerror(e ? e : EIO));
	return !bad;
}

/* The text of path (plainTextPath) into out. */
static bool
source_text(box *b, const qde_project *p, const char *path, qp_buf *out, qp_buf *err)
{
	static const char *const sub[] = { "sources/", "Sources/" };
	qp_buf where = QP_BUF_INIT;
	bool ok = false;

	if (strncmp(path, "internal://", 11) == 0) {
		const char *name = path + 11;
		while (*name == '/')
			name++;
		for (int i = 0; i < 2 && !ok; i++) {
			buf_reset(&where);
			buf_printf(&where, "%s%s", sub[i], name);
			if (b->zip) {
				qp_entry *e = qp_map_get(b->entries, where.s, where.len);
				if (e && e->val) {
					const qp_buf *v = e->val;
					buf_grow(out, v->len);
					memcpy(out->s, v->s, v->len);
					out->len = v->len;
					out->s[out->len] = '\0';
					ok = true;
				}
			} else if (b->dir) {
				qp_buf full = QP_BUF_INIT, e2 = QP_BUF_INIT;
				buf_printf(&full, "%s/%s", b->dir, where.s);
				ok = read_disk(full.s, out, &e2);
				buf_free(&full);
				buf_free(&e2);
			}
		}
		if (!ok)
			buf_printf(err, "the source '%s' is missing (no sources/%s in %s)", path,
			           name, b->zip ? "the zip" : "the folder");
	} else if (strncmp(path, "relative://", 11) == 0 || strncmp(path, "absolute://", 11) == 0) {
		if (!b->file) {
			buf_printf(err, "the source '%s' is outside the project", path);
		} else {
			if (path[0] == 'r') {
				if (p->base_path[0])
					buf_printf(&where, "%s%s%s", p->base_path,
					           p->base_path[strlen(p->base_path) - 1] == '/' ||
					           path[11] == '/' ? "" : "/", path + 11);
				else
					buf_printf(&where, "%s/%s", b->dir, path + 11);
			} else {
				buf_printf(&where, "%s", path + 11);
			}
			ok = read_disk(where.s, out, err);
			if (!ok)
				buf_printf(err, " (the source '%s')", path);
		}
	} else {
		buf_printf(err, "the source path '%s' is not internal://, relative:// or absolute://",
		           path);
	}
	buf_free(&where);
	return ok;
}

/* Check and normalise a source's text: UTF-8, no BOM, CR LF by crlf. */
static bool
fix_text(qde_source *s, int crlf, qp_buf *err)
{
	char *t = s->text;
	size_t n = s->len;
	if (utf8_valid_prefix(t, n) != n) {
		buf_printf(err, "the text of source '%s' is not UTF-8 (or holds a NUL)", s->name);
		return false;
	}
	if (n >= 3 && memcmp(t, "\xEF\xBB\xBF", 3) == 0) {
		memmove(t, t + 3, n - 3);
		n -= 3;
	}
	if (crlf == 1) {
		size_t o = 0;
		for (size_t i = 0; i < n; i++)
			if (!(t[i] == '\r' && i + 1 < n && t[i + 1] == '\n'))
				t[o++] = t[i];
		n = o;
	}
	t[n] = '\0';
	s->len = n;
	s->ncp = qde_cp_count(t, n);
	for (size_t i = 0; i < s->nsels; i++)
		if (s->sels[i].end > s->ncp) {
			buf_printf(err, "source '%s': a selection ends at position %zu, past the end "
			           "of its text (%zu code points)", s->name, s->sels[i].end, s->ncp);
			return false;
		}
	return true;
}

static int
crlf_mode(const qde_project *p, int crlf)
{
	if (crlf)
		return crlf;
	/* NVivo counts CR LF as two positions, the others as one. */
	for (const char *o = p->origin; *o; o++)
		if (strncasecmp(o, "nvivo", 5) == 0)
			return 2;
	return 1;
}

bool
qdpx_load(const char *file, const char *data, size_t n, int crlf, bool texts,
          qde_project *p, qp_buf *err)
{
	box b = { NULL, NULL, file, false };
	char **paths = NULL;
	char *dir = NULL;
	const char *xml = data;
	size_t xn = n, total = 0;
	bool ok = false;

	memset(p, 0, sizeof *p);
	if (n == 0) {
		buf_printf(err, "an empty file (not a .qdpx, .qde or .qdc)");
		return false;
	}
	if (n >= 4 && memcmp(data, "PK", 2) == 0 && (data[2] == 3 || data[2] == 5)) {
		b.zip = true;
		b.entries = qp_map_new();
		if (!read_zip(&b, data, n, NULL, &total, err))
			goto out;
		const char *pe = project_entry(&b, err);
		if (!pe)
			goto out;
		qp_map *want = qp_map_new();
		bool created;
		qp_map_put(want, pe, strlen(pe), &created);
		bool got = read_zip(&b, data, n, want, &total, err);
		qp_map_free(want);
		if (!got)
			goto out;
		const qp_buf *q = qp_map_get(b.entries, pe, strlen(pe))->val;
		xml = q->s;
		xn = q->len;
	}
	if (file) {
		const char *slash = strrchr(file, '/');
		dir = slash ? xmemdup(file, (size_t)(slash - file)) : xstrdup(".");
		b.dir = dir;
	}
	if (!qde_parse(xml, xn, p, &paths, err))
		goto out;
	if (b.zip && texts && !read_sources(&b, data, n, paths, p->nsrc, &total, err))
		goto out;
	int mode = crlf_mode(p, crlf);
	for (size_t i = 0; i < p->nsrc && texts; i++) {
		qde_source *s = &p->src[i];
		if (paths[i][0]) {
			qp_buf t = QP_BUF_INIT;
			if (!source_text(&b, p, paths[i], &t, err)) {
				buf_free(&t);
				goto out;
			}
			s->text = buf_detach(&t, &s->len);
		}
		if (!fix_text(s, mode, err))
			goto out;
	}
	ok = true;
out:
	if (paths)
		for (size_t i = 0; i < p->nsrc; i++)
			free(paths[i]);
	free(paths);
	free(dir);
	box_free(&b);
	if (!ok)
		qde_free(p);
	return ok;
}
