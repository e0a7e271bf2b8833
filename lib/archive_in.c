/*
 * archive_in.c: ZIP, tar (plain, gzip, bzip2, xz or zstd) archives and
 * .docx files read as
 * the files they hold (archive_in.h), through libarchive; the XML of a
 * .docx is docx.c's.
 */
#include <errno.h>
#include <locale.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>
#include <zlib.h>

#include "archive_in.h"
#include "buf.h"
#include "docx.h"
#include "qp.h"
#include "utf8.h"

#define BLK (64 * 1024)

/* Bytes for libarchive: a regular file read with pread, so that the
 * archive can be opened again from its start as often as needed. */
struct src {
	int fd;
	off_t off, size;
	char blk[BLK];
};

struct ent {
	char *name;
	size_t idx;             /* its place in the archive */
};

struct ain {
	char *name;             /* the file, for messages */
	bool zip, docx, packed;  /* packed: a compressed tar */
	int spool;              /* our temporary copy of a pipe, or -1 */
	struct src src;
	struct archive *a;      /* NULL, or has read the header of entry apos */
	size_t apos;
	struct ent *ents;       /* members to read, in name order */
	size_t nents, next;
	bool done;              /* a .docx: its text was given */

	/* the current member */
	const char *mname;
	qp_buf mfull;           /* "FILE:MEMBER" */
	bool use_text;          /* bytes come from text (a .docx) */
	qp_buf text;
	size_t toff;
	char head[4];           /* its first bytes, read to see if it is a .docx */
	size_t headn, headoff;
	unsigned long long got;
};

static la_ssize_t
src_read(struct archive *a, void *vp, const void **buf)
{
	struct src *s = vp;
	for (;;) {
		ssize_t r = pread(s->fd, s->blk, BLK, s->off);
		if (r >= 0) {
			s->off += r;
			*buf = s->blk;
			return r;
		}
		if (errno != EINTR) {
			archive_set_error(a, errno, "read error: %s", strerror(errno));
			return -1;
		}
	}
}

static la_int64_t
src_skip(struct archive *a, void *vp, la_int64_t n)
{
	struct src *s = vp;
	(void)a;
	if (n > s->size - s->off)
		n = s->size - s->off;
	if (n < 0)
		n = 0;
	s->off += n;
	return n;
}

static la_int64_t
src_seek(struct archive *a, void *vp, la_int64_t off, int whence)
{
	struct src *s = vp;
	la_int64_t to = whence == SEEK_SET ? off : whence == SEEK_CUR ? s->off + off : s->size + off;
	if (to < 0) {
		archive_set_error(a, EINVAL, "seek before the start");
		return ARCHIVE_FATAL;
	}
	s->off = to;
	return to;
}

#ifdef QP_FUZZ
static void
release_archive(void *a)
{
	archive_read_free(a);
}
#endif

static void
ar_free(struct archive **a)
{
	if (!*a)
		return;
	QP_FUZZ_DISOWN(*a);
	archive_read_free(*a);
	*a = NULL;
}

/*
 * libarchive gives member names in the locale's charset, and qualpipe
 * runs in the C locale (ASCII), where a name such as "é.txt" has no
 * form at all.  Its readers are made in a C.UTF-8 LC_CTYPE (this
 * thread's locale only, kept from then on: in glibc the byte classes of
 * C.UTF-8 and C are the same, so nothing else changes); without
 * C.UTF-8, non-ASCII names are an error.
 */
static void
utf8_names(void)
{
	static bool done;
	if (done)
		return;
	done = true;
	locale_t l = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
	if (l)
		uselocale(l);
}

/* Open a on the bytes of s, from their start. */
static int
src_open(struct archive *a, struct src *s)
{
	s->off = 0;
	archive_read_set_read_callback(a, src_read);
	archive_read_set_skip_callback(a, src_skip);
	archive_read_set_seek_callback(a, src_seek);
	archive_read_set_callback_data(a, s);
	return archive_read_open1(a);
}

/* The compressions a tar is read through (libarchive's own). */
static void
tar_filters(struct archive *a)
{
	archive_read_support_filter_gzip(a);
	archive_read_support_filter_bzip2(a);
	archive_read_support_filter_xz(a);
	archive_read_support_filter_zstd(a);
}

/* A reader at the start of s, for a ZIP (by its central directory) or a
 * tar, compressed or not. */
static struct archive *
ar_open(const char *name, struct src *s, bool zip)
{
	utf8_names();
	struct archive *a = archive_read_new();
	if (!a)
		qp_die("%s: cannot start libarchive: out of memory", name);
	QP_FUZZ_OWN(a, release_archive);
	if (zip) {
		archive_read_support_format_zip_seekable(a);
	} else {
		tar_filters(a);
		archive_read_support_format_tar(a);
	}
	if (src_open(a, s) != ARCHIVE_OK)
		qp_die("%s: bad %s archive: %s", name, zip ? "ZIP" : "tar",
		       archive_error_string(a) ? archive_error_string(a) : "cannot open");
	return a;
}

/* The next entry's header; false at the end; dies on damage. */
static bool
ar_next(const char *name, bool zip, struct archive *a, struct archive_entry **e)
{
	int r = archive_read_next_header(a, e);
	if (r == ARCHIVE_EOF)
		return false;
	if (r != ARCHIVE_OK && r != ARCHIVE_WARN)
		qp_die("%s: bad %s archive: %s", name, zip ? "ZIP" : "tar",
		       archive_error_string(a) ? archive_error_string(a) : "unreadable entry");
	return true;
}

/* A temporary file, unlinked at once, in $TMPDIR or /tmp. */
static int
tmp_fd(const char *name)
{
	const char *dir = getenv("TMPDIR");
	char path[4096];
	snprintf(path, sizeof path, "%s/qp-archive-XXXXXX", dir && *dir ? dir : "/tmp");
	int fd = mkstemp(path);
	if (fd < 0)
		qp_die("%s: cannot make a temporary file in %s: %s", name,
		       dir && *dir ? dir : "/tmp", strerror(errno));
	unlink(path);
	return fd;
}

static void
write_all(const char *name, int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			qp_die("%s: cannot write a temporary copy: %s", name, strerror(errno));
		p += w;
		n -= (size_t)w;
	}
}

/* ---- .docx ---- */

static ssize_t
dx_read(void *ctx, char *p, size_t n)
{
	return archive_read_data(ctx, p, n);
}

static const char *
dx_err(void *ctx)
{
	const char *m = archive_error_string(ctx);
	return m ? m : "cannot read";
}

/* The text of the .docx in s (a ZIP with word/document.xml) into text. */
static void
docx_of(const char *name, struct src *s, qp_buf *text)
{
	struct archive *a = ar_open(name, s, true);
	struct archive_entry *e;

	for (;;) {
		if (!ar_next(name, true, a, &e))
			qp_die("%s: a .docx without %s; see segment(1)", name, DOCX_PART);
		const char *n = archive_entry_pathname(e);
		if (n && strcmp(n, DOCX_PART) == 0)
			break;
	}
	/* what the archive says, before a byte is inflated; docx_text
	 * counts what comes, whatever it says */
	if (archive_entry_size_is_set(e) && archive_entry_size(e) > (la_int64_t)QP_DOCX_MAX)
		qp_die("%s: %s: more than %lu bytes uncompressed (a zip bomb?); not read",
		       name, DOCX_PART, (unsigned long)QP_DOCX_MAX);
	docx_text(name, dx_read, dx_err, a, QP_DOCX_MAX, text);
	ar_free(&a);
}

/* ---- the listing ---- */

/* Is the entry one to read?  Regular files only; nothing under
 * __MACOSX/, nothing with a path part starting with "." ("./a.vtt" is
 * a.vtt). */
static bool
wanted(const char *n, mode_t type)
{
	if (type != AE_IFREG)
		return false;
	if (strncmp(n, "__MACOSX/", 9) == 0)
		return false;
	for (const char *p = n; *p;) {
		const char *sl = strchr(p, '/');
		size_t len = sl ? (size_t)(sl - p) : strlen(p);
		if (len > 0 && p[0] == '.' && !(len == 1 || (len == 2 && p[1] == '.')))
			return false;
		if (!sl)
			break;
		p = sl + 1;
	}
	return true;
}

static int
ent_cmp(const void *x, const void *y)
{
	const struct ent *a = x, *b = y;
	int c = strcmp(a->name, b->name);
	return c ? c : a->idx < b->idx ? -1 : a->idx > b->idx;
}

static bool
name_ext(const char *name, const char *ext)
{
	size_t n = strlen(name), e = strlen(ext);
	return n > e && name[n - e - 1] == '.' && strncasecmp(name + n - e, ext, e) == 0;
}

/* Pass one: the names, and whether the ZIP is a .docx. */
static void
list(struct ain *st)
{
	struct archive *a = ar_open(st->name, &st->src, st->zip);
	struct archive_entry *e;
	size_t cap = 0;
	bool ooxml = false, odf = false;

	for (size_t i = 0; ar_next(st->name, st->zip, a, &e); i++) {
		/* UTF-8 whatever the locale, where the archive says what its
		 * names are in; else the bytes as they are */
		const char *n = archive_entry_pathname_utf8(e);
		if (!n)
			n = archive_entry_pathname(e);
		if (!n)
			qp_die("%s: a member whose name cannot be read as UTF-8", st->name);
		if (st->zip && strcmp(n, DOCX_PART) == 0)
			st->docx = true;
		if (st->zip && strcmp(n, "[Content_Types].xml") == 0)
			ooxml = true;
		if (st->zip && i == 0 && strcmp(n, "mimetype") == 0)
			odf = true;
		if (!wanted(n, archive_entry_filetype(e)))
			continue;
		size_t len = strlen(n);
		if (utf8_valid_prefix(n, len) != len)
			qp_die("%s: member name '%s' is not UTF-8", st->name, n);
		/* what the archive says, before a byte is inflated; member_data
		 * counts what comes, whatever it says */
		if (archive_entry_size_is_set(e) && archive_entry_size(e) > (la_int64_t)QP_MEMBER_MAX)
			qp_die("%s:%s: more than %llu bytes uncompressed (a zip bomb?); not read",
			       st->name, n, (unsigned long long)QP_MEMBER_MAX);
		if (st->nents == cap) {
			cap = cap ? cap * 2 : 32;
			st->ents = xreallocarray(st->ents, cap, sizeof *st->ents);
		}
		st->ents[st->nents++] = (struct ent){ xstrdup(n), i };
	}
	ar_free(&a);
	if (st->docx)
		return;
	if (ooxml || (st->zip && name_ext(st->name, "docx")))
		qp_die("%s: a .docx without %s (or another Office file); see segment(1)",
		       st->name, DOCX_PART);
	if (odf)
		qp_die("%s: looks like an OpenDocument or EPUB file, not a .docx or an "
		       "archive of transcripts; see segment(1)", st->name);
	if (st->nents > 1)
		qsort(st->ents, st->nents, sizeof *st->ents, ent_cmp);
}

/* ---- qp_unpacker ---- */

/* A tar reader (through the compressions if packed) for a probe, or NULL. */
static struct archive *
tar_probe(bool packed)
{
	struct archive *a = archive_read_new();
	if (!a)
		return NULL;
	QP_FUZZ_OWN(a, release_archive);
	if (packed)
		tar_filters(a);
	archive_read_support_format_tar(a);
	return a;
}

/* A tar, gzip'd or not, by libarchive's own test of its first header
 * (the checksum): not every file with "ustar" at byte 257 is one. */
static bool
probe_tar(const char *head, size_t n)
{
	struct archive *a = tar_probe(false);
	struct archive_entry *e;
	bool tar = false;

	if (!a)
		return false;
	if (archive_read_open_memory(a, head, n) == ARCHIVE_OK) {
		archive_read_next_header(a, &e);
		tar = (archive_format(a) & ARCHIVE_FORMAT_BASE_MASK) == ARCHIVE_FORMAT_TAR;
	}
	ar_free(&a);
	return tar;
}

/* A compressed tar: inflated once into a temporary file, a plain tar,
 * so that listing the names and going back to a member are seeks and
 * not inflating all that comes before them again. */
static void
inflate_once(struct ain *st)
{
	struct archive *a = archive_read_new();
	struct archive_entry *e;
	char *b = xmalloc(BLK);
	int fd = tmp_fd(st->name);

	if (!a)
		qp_die("%s: cannot start libarchive: out of memory", st->name);
	QP_FUZZ_OWN(a, release_archive);
	tar_filters(a);
	archive_read_support_format_raw(a);
	if (src_open(a, &st->src) != ARCHIVE_OK || archive_read_next_header(a, &e) != ARCHIVE_OK)
		qp_die("%s: bad tar archive: %s", st->name, archive_error_string(a));
	off_t total = 0;
	for (;;) {
		la_ssize_t r = archive_read_data(a, b, BLK);
		if (r < 0)
			qp_die("%s: bad tar archive: %s", st->name, archive_error_string(a));
		if (r == 0)
			break;
		write_all(st->name, fd, b, (size_t)r);
		total += r;
	}
	ar_free(&a);
	free(b);
	if (st->spool >= 0)
		close(st->spool);
	st->spool = st->src.fd = fd;
	st->src.size = total;
}

/* The first bytes gzip data head[0..n) inflates to (a cut stream
 * gives what it has), tested as a tar. */
static bool
probe_gz_tar(const char *head, size_t n)
{
	static char out[8192];
	z_stream z;
	memset(&z, 0, sizeof z);
	if (inflateInit2(&z, 15 + 16) != Z_OK)
		return false;
	z.next_in = (Bytef *)head;
	z.avail_in = (uInt)n;
	z.next_out = (Bytef *)out;
	z.avail_out = sizeof out;
	inflate(&z, Z_SYNC_FLUSH);
	size_t got = sizeof out - z.avail_out;
	inflateEnd(&z);
	return got >= 512 && probe_tar(out, got);
}

/* "bzip2", "xz" or "zstd" by the magic number (a tar?), or NULL. */
static const char *
packed_magic(const char *h, size_t n)
{
	return n >= 4 && !memcmp(h, "BZh", 3) && h[3] >= '1' && h[3] <= '9' ? "bzip2" :
	       n >= 6 && !memcmp(h, "\xFD" "7zXZ\0", 6) ? "xz" :
	       n >= 4 && !memcmp(h, "\x28\xB5\x2F\xFD", 4) ? "zstd" : NULL;
}

/* Does the bzip2, xz or zstd data of s hold a tar?  Its first header is
 * decompressed to tell (not the head: a bzip2 block needs all its bytes);
 * data that does not decompress (cut, damaged) is an error. */
static bool
probe_packed_tar(const char *name, const char *kind, struct src *s)
{
	struct archive *a = tar_probe(true);
	struct archive_entry *e;
	bool tar = false;

	if (!a)
		return false;
	if (src_open(a, s) == ARCHIVE_OK && archive_read_next_header(a, &e) == ARCHIVE_OK)
		tar = (archive_format(a) & ARCHIVE_FORMAT_BASE_MASK) == ARCHIVE_FORMAT_TAR;
	/* "Unrecognized archive format" is EILSEQ (ARCHIVE_ERRNO_FILE_FORMAT) */
	else if (archive_errno(a) != EILSEQ)
		qp_die("%s: damaged %s data: %s", name, kind,
		       archive_error_string(a) ? archive_error_string(a) : "cannot read");
	ar_free(&a);
	return tar;
}

static void ain_close(void *vp);

static void *
ain_open(const char *name, int fd, const char *head, size_t n)
{
	bool zip = n >= 4 && (memcmp(head, "PK\x03\x04", 4) == 0 || memcmp(head, "PK\x05\x06", 4) == 0);
	bool gz = n >= 2 && (unsigned char)head[0] == 0x1f && (unsigned char)head[1] == 0x8b;
	const char *packed = gz ? NULL : packed_magic(head, n);
	bool tar = gz ? probe_gz_tar(head, n) :
	           n >= 262 && memcmp(head + 257, "ustar", 5) == 0 && probe_tar(head, n);
	if (!zip && !tar && !packed)
		return NULL;

	struct ain *st = xcalloc(1, sizeof *st);
	st->name = xstrdup(name);
	st->zip = zip;
	st->packed = gz || packed;
	st->spool = -1;
	struct stat sb;
	if (fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode)) {
		st->src.fd = fd;
	} else {
		/* a pipe: copied whole to a file that can be read again */
		char *b = xmalloc(BLK);
		st->spool = st->src.fd = tmp_fd(name);
		write_all(name, st->spool, head, n);
		for (;;) {
			ssize_t r = read(fd, b, BLK);
			if (r < 0 && errno == EINTR)
				continue;
			if (r < 0)
				qp_die("%s: read error: %s", name, strerror(errno));
			if (r == 0)
				break;
			write_all(name, st->spool, b, (size_t)r);
		}
		free(b);
		if (fstat(st->spool, &sb) != 0)
			qp_die("%s: cannot stat a temporary copy: %s", name, strerror(errno));
	}
	st->src.size = sb.st_size;
	st->apos = SIZE_MAX;
	/* not a tar: given back, refused by its magic number (tr_detect.c) */
	if (packed && !probe_packed_tar(name, packed, &st->src)) {
		ain_close(st);
		return NULL;
	}
	/* an empty ZIP is its end record alone, which libarchive does not
	 * take for a ZIP */
	if (zip && memcmp(head, "PK\x05\x06", 4) == 0 && st->src.size == 22)
		return st;
	/* listing the names decompresses the whole stream, and reading the
	 * members would do it again: decompressed once, to a plain tar */
	if (st->packed)
		inflate_once(st);
	list(st);
	return st;
}

/* Move the reader to entry idx (its header read). */
static void
seek_entry(struct ain *st, size_t idx)
{
	struct archive_entry *e;

	if (st->a && st->apos != SIZE_MAX && st->apos >= idx)
		ar_free(&st->a);
	if (!st->a) {
		st->a = ar_open(st->name, &st->src, st->zip);
		st->apos = SIZE_MAX;
	}
	while (st->apos == SIZE_MAX || st->apos < idx) {
		if (!ar_next(st->name, st->zip, st->a, &e))
			qp_die("%s: the archive changed while it was read", st->name);
		st->apos = st->apos == SIZE_MAX ? 0 : st->apos + 1;
	}
}

static ssize_t
member_data(struct ain *st, char *p, size_t n)
{
	la_ssize_t r = archive_read_data(st->a, p, n);
	if (r < 0)
		qp_die("%s: read error: %s", st->mfull.s,
		       archive_error_string(st->a) ? archive_error_string(st->a) : "bad data");
	st->got += (unsigned long long)r;
	if (st->got > QP_MEMBER_MAX)
		qp_die("%s: more than %llu bytes uncompressed (a zip bomb?); not read",
		       st->mfull.s, (unsigned long long)QP_MEMBER_MAX);
	return r;
}

/* A member that is a ZIP: spooled, then read as a .docx. */
static void
member_docx(struct ain *st)
{
	struct src *s = xmalloc(sizeof *s);
	char *b = xmalloc(BLK);
	s->fd = tmp_fd(st->mfull.s);
	write_all(st->mfull.s, s->fd, st->head, st->headn);
	unsigned long long total = st->headn;
	for (;;) {
		ssize_t r = member_data(st, b, BLK);
		if (r == 0)
			break;
		total += (unsigned long long)r;
		if (total > QP_DOCX_MAX)
			qp_die("%s: a .docx of more than %lu bytes; not read", st->mfull.s,
			       (unsigned long)QP_DOCX_MAX);
		write_all(st->mfull.s, s->fd, b, (size_t)r);
	}
	free(b);
	s->size = (off_t)total;
	struct archive *a = ar_open(st->mfull.s, s, true);
	struct archive_entry *e;
	bool docx = false;
	while (!docx && ar_next(st->mfull.s, true, a, &e)) {
		const char *n = archive_entry_pathname(e);
		docx = n && strcmp(n, DOCX_PART) == 0;
	}
	ar_free(&a);
	if (!docx)
		qp_die("%s: a ZIP archive inside an archive, not a .docx: not read; see segment(1)",
		       st->mfull.s);
	buf_reset(&st->text);
	docx_of(st->mfull.s, s, &st->text);
	close(s->fd);
	free(s);
	st->use_text = true;
	st->toff = 0;
}

static bool
ain_next(void *vp, const char **member)
{
	struct ain *st = vp;

	st->use_text = false;
	st->headn = st->headoff = 0;
	st->got = 0;
	if (st->docx) {
		if (st->done)
			return false;
		st->done = true;
		buf_reset(&st->text);
		docx_of(st->name, &st->src, &st->text);
		st->use_text = true;
		st->toff = 0;
		*member = NULL;
		return true;
	}
	if (st->next >= st->nents)
		return false;
	struct ent *en = &st->ents[st->next++];
	st->mname = en->name;
	buf_reset(&st->mfull);
	buf_printf(&st->mfull, "%s:%s", st->name, en->name);
	seek_entry(st, en->idx);
	/* the first bytes say whether the member is a .docx */
	while (st->headn < 4) {
		ssize_t r = member_data(st, st->head + st->headn, 4 - st->headn);
		if (r == 0)
			break;
		st->headn += (size_t)r;
	}
	if (st->headn == 4 && memcmp(st->head, "PK\x03\x04", 4) == 0)
		member_docx(st);
	*member = en->name;
	return true;
}

static size_t
ain_read(void *vp, char *p, size_t n)
{
	struct ain *st = vp;

	if (st->use_text) {
		size_t k = st->text.len - st->toff;
		if (k > n)
			k = n;
		memcpy(p, st->text.s + st->toff, k);
		st->toff += k;
		return k;
	}
	if (!st->a || st->next == 0)
		return 0;       /* no member */
	if (st->headoff < st->headn) {
		size_t k = st->headn - st->headoff;
		if (k > n)
			k = n;
		memcpy(p, st->head + st->headoff, k);
		st->headoff += k;
		return k;
	}
	return (size_t)member_data(st, p, n);
}

static void
ain_close(void *vp)
{
	struct ain *st = vp;
	ar_free(&st->a);
	if (st->spool >= 0)
		close(st->spool);
	for (size_t i = 0; i < st->nents; i++)
		free(st->ents[i].name);
	free(st->ents);
	free(st->name);
	buf_free(&st->mfull);
	buf_free(&st->text);
	free(st);
}

const qp_unpacker qp_archive_unpacker = { ain_open, ain_next, ain_read, ain_close };
