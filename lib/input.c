#include "input.h"
#include "input_int.h"
#include "buf.h"
#include "progress.h"
#include "qp.h"
#include "utf8.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#ifdef QP_FUZZ
static void fuzz_inflate_end(void *zs) { inflateEnd(zs); }
#endif

#define READ_CHUNK (256 * 1024)
#define RAW_CHUNK (128 * 1024)


static char stdin_name[] = "-";
static void note_ascii(qp_input *in, size_t n);
static bool unpack_member(qp_input *in, bool first);
static void unpack_head(qp_input *in);
static void start_stream(qp_input *in);

qp_input *
qp_input_new(int nfiles, char **files, int flags)
{
	qp_input *in = xcalloc(1, sizeof *in);
	if (nfiles == 0) {
		in->files = xcalloc(1, sizeof(char *));
		in->files[0] = stdin_name;
		in->nfiles = 1;
		in->stdin_name = (char *)in->files;
	} else {
		in->files = files;
		in->nfiles = nfiles;
	}
	in->flags = flags;
	in->held = flags & QP_IN_FILES;
	in->cur = -1;
	in->fd = -1;
	in->cap = READ_CHUNK * 2;
	in->buf = xmalloc(in->cap);
	qp_progress_start(nfiles, files);
	return in;
}

void
qp_input_close_cur(qp_input *in)
{
	if (in->gz) {
		QP_FUZZ_DISOWN(&in->zs);
		inflateEnd(&in->zs);
	}
	in->gz = false;
	if (in->ust)
		return;         /* the container's fd stays open for its next member */
	if (in->fd >= 0 && in->fd != 0)
		close(in->fd);
	in->fd = -1;
}

/* The container is done with: closed, and its file with it. */
static void
unpack_end(qp_input *in)
{
	if (!in->ust)
		return;
	in->unp->close(in->ust);
	in->ust = NULL;
	in->member = NULL;
	qp_input_close_cur(in);
}

void
qp_input_free(qp_input *in)
{
	if (!in)
		return;
	qp_progress_end();
	qp_input_close_cur(in);
	unpack_end(in);
	buf_free(&in->mname);
	free(in->buf);
	free(in->raw);
	buf_free(&in->fixed);
	buf_free(&in->ahead);
	free(in->ql);
	free(in->stdin_name);
	free(in);
}

/* read(2) that retries on EINTR and dies on error. */
static size_t
xread(qp_input *in, void *p, size_t n)
{
	if (in->ust)
		return in->unp->read(in->ust, p, n);
	for (;;) {
		ssize_t r = read(in->fd, p, n);
		if (r >= 0) {
			qp_progress_bytes((size_t)r);
			return (size_t)r;
		}
		if (errno != EINTR)
			qp_die_at(in->name, in->lineno + 1, "read error: %s", strerror(errno));
	}
}

/* Read compressed bytes until at least want are buffered or the file ends. */
static void
raw_fill(qp_input *in, size_t want)
{
	if (in->zs.avail_in > 0 && in->zs.next_in != in->raw)
		memmove(in->raw, in->zs.next_in, in->zs.avail_in);
	in->zs.next_in = in->raw;
	while (!in->raw_eof && in->zs.avail_in < want) {
		size_t r = xread(in, in->raw + in->zs.avail_in, RAW_CHUNK - in->zs.avail_in);
		if (r == 0)
			in->raw_eof = true;
		in->zs.avail_in += (uInt)r;
	}
}

static bool
open_next(qp_input *in)
{
	if (in->next >= in->nfiles)
		return false;
	in->cur = in->next++;
	const char *f = in->files[in->cur];
	if (strcmp(f, "-") == 0) {
		in->name = "<stdin>";
		in->fd = 0;
	} else {
		in->name = f;
		in->fd = open(f, O_RDONLY | O_CLOEXEC);
		if (in->fd < 0)
			qp_die("%s: %s", f, strerror(errno));
		/* a directory opens, and fails at the first read */
		struct stat st;
		if (fstat(in->fd, &st) == 0 && S_ISDIR(st.st_mode))
			qp_die("%s: %s", f, strerror(EISDIR));
	}
	if (!in->raw)
		in->raw = xmalloc(RAW_CHUNK);
	in->zs.next_in = in->raw;
	in->zs.avail_in = 0;
	in->raw_eof = false;
	in->member = NULL;
	if (in->unp) {
		in->lineno = 0;
		unpack_head(in);
		in->ust = in->unp->open(in->name, in->fd, (const char *)in->raw, in->zs.avail_in);
		if (in->ust) {
			in->zs.avail_in = 0;
			unpack_member(in, true);
			return true;
		}
	}
	start_stream(in);
	return true;
}

/*
 * The first bytes for the unpacker: QP_UNPACK_HEAD of gzip, ZIP, bzip2,
 * xz or zstd data, but of anything else no more than it takes to rule out
 * a tar header
 * (its first 100 bytes, the name, never hold a line end; "ustar" is at
 * byte 257), so that a pipe of text, read with --line-buffered, is not
 * held up waiting for 4 KiB.
 */
static void
unpack_head(qp_input *in)
{
	raw_fill(in, 2);
	for (;;) {
		size_t n = in->zs.avail_in;
		const unsigned char *r = in->raw;
		if (in->raw_eof || n >= QP_UNPACK_HEAD)
			return;
		/* bzip2 ("BZh1" to "BZh9"), xz, zstd: a tar? (archive_in.c) */
		bool bz = n >= 2 && r[0] == 'B' && r[1] == 'Z' &&
		          (n < 3 || (r[2] == 'h' && (n < 4 || (r[3] >= '1' && r[3] <= '9'))));
		bool bin = bz || (n >= 2 && ((r[0] == 0x1f && r[1] == 0x8b) || (r[0] == 'P' && r[1] == 'K') ||
		                             (r[0] == 0xfd && r[1] == '7') || (r[0] == 0x28 && r[1] == 0xb5)));
		if (!bin && (n >= 262 || memchr(r, '\n', n < 100 ? n : 100)))
			return;
		raw_fill(in, n + 1);
	}
}

/* The container's next member becomes the current file; false when
 * none is left (first: an archive of no members reads as one empty
 * file). */
static bool
unpack_member(qp_input *in, bool first)
{
	const char *m = NULL;
	bool more = in->unp->next(in->ust, &m);

	in->member = more ? m : NULL;
	buf_reset(&in->mname);
	buf_printf(&in->mname, "%s%s%s",
	           strcmp(in->files[in->cur], "-") == 0 ? "<stdin>" : in->files[in->cur],
	           in->member ? ":" : "", in->member ? in->member : "");
	in->name = in->mname.s;
	in->zs.avail_in = 0;
	if (more || first)
		start_stream(in);
	return more;
}

/* Start reading the open file's bytes (those raw_fill has read are in
 * raw): gzip or not, by its magic bytes; the sniff. */
static void
start_stream(qp_input *in)
{
	uInt have = in->zs.avail_in;

	in->eof = false;
	in->raw_eof = have > 0 && in->raw_eof;  /* raw_fill may have met the end */
	in->member_end = false;
	in->at_start = true;
	in->chunked = false;
	in->lineno = 0;
	in->start = in->end = in->ascii_to = in->nocr_to = 0;

	/* The magic bytes decide; a pipe may deliver them one at a time. */
	memset(&in->zs, 0, sizeof in->zs);
	in->zs.next_in = in->raw;
	in->zs.avail_in = have;
	raw_fill(in, 2);
	if (in->zs.avail_in >= 2 && in->raw[0] == 0x1f && in->raw[1] == 0x8b) {
		if (inflateInit2(&in->zs, 15 + 16) != Z_OK)
			qp_die("%s: cannot start inflating: out of memory", in->name);
		in->gz = true;
		QP_FUZZ_OWN(&in->zs, fuzz_inflate_end);
	} else {
		/* Not gzip: what was read is the start of the text. */
		memcpy(in->buf, in->raw, in->zs.avail_in);
		in->end = 0;
		in->ascii_to = in->nocr_to = 0;
		note_ascii(in, in->zs.avail_in);
		in->zs.avail_in = 0;
		in->eof = in->raw_eof;
		in->gz = false;
	}
	if (in->sniff) {
		while (!in->eof && in->end < QP_SNIFF_BYTES)
			qp_input_fill(in);
		size_t n = in->end < QP_SNIFF_BYTES ? in->end : QP_SNIFF_BYTES;
		in->sniff(in->name, in->buf, n, in->eof && n == in->end);
	}
}

void
qp_input_sniff(qp_input *in, qp_sniff_fn *fn)
{
	in->sniff = fn;
}

/* Inflate into buf[end..end+want); returns the bytes produced (0: end). */
static size_t
inflate_some(qp_input *in, size_t want)
{
	z_stream *z = &in->zs;

	for (;;) {
		if (in->member_end) {
			/* Another member may follow; anything else is damage. */
			raw_fill(in, 2);
			if (z->avail_in == 0)
				return 0;
			if (z->avail_in < 2 || in->raw[0] != 0x1f || in->raw[1] != 0x8b)
				qp_die_at(in->name, in->lineno + 1,
				          "read error: data after the end of the gzip stream");
			inflateReset(z);
			in->member_end = false;
		}
		if (z->avail_in == 0)
			raw_fill(in, 1);
		z->next_out = (Bytef *)in->buf + in->end;
		z->avail_out = (uInt)want;
		int ret = inflate(z, Z_NO_FLUSH);
		size_t got = want - z->avail_out;
		if (ret == Z_STREAM_END)
			in->member_end = true;
		else if (ret == Z_BUF_ERROR || (ret == Z_OK && got == 0)) {
			if (z->avail_in == 0 && in->raw_eof)
				qp_die_at(in->name, in->lineno + 1,
				          "read error: truncated gzip data");
		} else if (ret != Z_OK) {
			qp_die_at(in->name, in->lineno + 1, "read error: bad gzip data: %s",
			          z->msg ? z->msg : "inflate failed");
		}
		if (got > 0)
			return got;
	}
}

/*
 * Most text is ASCII.  Checking each new block in one pass, 16 bytes a
 * step, spares the per-line UTF-8 check for every line inside the ASCII
 * run; only lines that reach past it are checked one by one.
 */
static void
note_ascii(qp_input *in, size_t n)
{
	size_t old = in->end;
	in->end += n;
	if (in->ascii_to == old)
		in->ascii_to = old + utf8_ascii_prefix(in->buf + old, n);
	/* Likewise a block without CR needs no CR search line by line. */
	if ((in->flags & QP_IN_CR) && in->nocr_to == old) {
		const char *cr = memchr(in->buf + old, '\r', n);
		in->nocr_to = cr ? (size_t)(cr - in->buf) : in->end;
	}
}

/* Read more of the current file into buf; sets eof at its end. */
void
qp_input_fill(qp_input *in)
{
	if (in->start > 0) {
		memmove(in->buf, in->buf + in->start, in->end - in->start);
		in->end -= in->start;
		in->ascii_to = in->ascii_to > in->start ? in->ascii_to - in->start : 0;
		in->nocr_to = in->nocr_to > in->start ? in->nocr_to - in->start : 0;
		in->start = 0;
	}
	if (in->cap - in->end < READ_CHUNK) {
		in->cap = in->cap * 2;
		in->buf = xrealloc(in->buf, in->cap);
	}
	size_t want = in->cap - in->end;
	if (want > (1u << 30))
		want = 1u << 30;
	size_t n = in->gz ? inflate_some(in, want) : xread(in, in->buf + in->end, want);
	if (n == 0)
		in->eof = true;
	note_ascii(in, n);
}

/* Find the end of the line starting at start: offset of its terminator
 * from buf, and the terminator's length.  False if not yet in buf. */
static inline bool
find_eol(qp_input *in, size_t from, size_t *eol, size_t *tlen)
{
	char *b = in->buf;
	if (!(in->flags & QP_IN_CR)) {
		char *p = memchr(b + from, '\n', in->end - from);
		if (!p)
			return false;
		*eol = (size_t)(p - b);
		*tlen = 1;
		return true;
	}
	/* The first LF, then a CR before it: two memchr passes beat a
	 * byte loop on the LF-only text most files are. */
	char *nl = memchr(b + from, '\n', in->end - from);
	size_t lim = nl ? (size_t)(nl - b) : in->end;
	char *cr = lim <= in->nocr_to ? NULL : memchr(b + from, '\r', lim - from);
	if (!cr) {
		if (!nl)
			return false;
		*eol = lim;
		*tlen = 1;
		return true;
	}
	size_t i = (size_t)(cr - b);
	if (i + 1 < in->end) {
		*eol = i;
		*tlen = b[i + 1] == '\n' ? 2 : 1;
		return true;
	}
	if (in->eof) {
		*eol = i;
		*tlen = 1;
		return true;
	}
	return false;   /* CR at the buffer's end: need one more byte */
}

/* The next line of the files as they hold it, without its terminator:
 * false at the end of the input, or at a file's end when QP_IN_FILES
 * holds the files apart. */
static inline bool
next_raw_line(qp_input *in, const char **line, size_t *len)
{
	size_t eol, tlen, scanned = 0;

	for (;;) {
		if (in->held)
			return false;
		if (in->fd < 0 && !open_next(in))
			return false;
		if (find_eol(in, in->start + scanned, &eol, &tlen)) {
			*line = in->buf + in->start;
			*len = eol - in->start;
			in->start = eol + tlen;
			return true;
		}
		if (in->eof) {
			if (in->start < in->end) {
				/* The last line lacks its newline. */
				*line = in->buf + in->start;
				*len = in->end - in->start;
				in->start = in->end;
				return true;
			}
			qp_input_close_cur(in);
			if (in->flags & QP_IN_FILES) {
				in->held = true;
				return false;
			}
			continue;
		}
		scanned = in->end - in->start;
		if (scanned > 0 && (in->flags & QP_IN_CR))
			scanned--;     /* a CR there may pair with what comes */
		qp_input_fill(in);
	}
}

/* A raw line made what every filter reads: no byte-order mark on a
 * file's first line, no CR of a CRLF, valid UTF-8 (or death, or U+FFFD
 * for each bad byte with --replace-invalid, in in->fixed). */
static inline void
clean_line(qp_input *in, const char **line, size_t *len)
{
	const char *p = *line;
	size_t n = *len;

	in->lineno++;
	in->first = in->at_start;
	if (in->at_start) {
		in->at_start = false;
		if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
			p += 3;
			n -= 3;
		}
	}
	if (n > 0 && p[n - 1] == '\r')
		n--;
	if (p + n > in->buf + in->ascii_to) {
		size_t good = utf8_valid_prefix(p, n);
		if (good < n) {
			if (!qp_replace_invalid) {
				qp_die_at(in->name, in->lineno, "%s at byte %zu%s",
				          p[good] == '\0' ? "NUL byte" : "invalid UTF-8",
				          good + 1,
				          " (--replace-invalid substitutes U+FFFD)");
			}
			buf_reset(&in->fixed);
			utf8_replace_invalid(p, n, &in->fixed);
			p = in->fixed.s;
			n = in->fixed.len;
		}
	}
	*line = p;
	*len = n;
}

/* The next line from the files; the work of qp_input_line. */
static bool
read_line(qp_input *in, const char **line, size_t *len)
{
	if (!next_raw_line(in, line, len))
		return false;
	clean_line(in, line, len);
	qp_progress_lines++;
	return true;
}

bool
qp_input_line(qp_input *in, const char **line, size_t *len)
{
	if (in->qn > 0) {
		if (in->qpos < in->qn) {
			const struct ahead_line *l = &in->ql[in->qpos++];
			*line = in->ahead.s + l->off;
			*len = l->len;
			in->shown_lineno = l->lineno;
			in->shown_first = l->first;
			return true;
		}
		/* the last line handed out was the queue's: it is done with */
		in->qn = in->qpos = 0;
		buf_reset(&in->ahead);
	}
	if (!read_line(in, line, len))
		return false;
	in->shown_lineno = in->lineno;
	in->shown_first = in->first;
	return true;
}

bool
qp_input_peek(qp_input *in, size_t i, const char **line, size_t *len)
{
	if (!(in->flags & QP_IN_FILES))
		qp_die("qp_input_peek: the input was not opened with QP_IN_FILES");
	if (in->qn > 0 && in->qpos == in->qn) {
		in->qn = in->qpos = 0;
		buf_reset(&in->ahead);
	}
	while (in->qn - in->qpos <= i) {
		const char *p;
		size_t n;
		if (!read_line(in, &p, &n))
			return false;
		if (in->qn == in->qcap) {
			in->qcap = in->qcap ? in->qcap * 2 : 64;
			in->ql = xreallocarray(in->ql, in->qcap, sizeof *in->ql);
		}
		in->ql[in->qn++] = (struct ahead_line){ in->ahead.len, n, in->lineno, in->first };
		buf_add(&in->ahead, p, n);
	}
	*line = in->ahead.s + in->ql[in->qpos + i].off;
	*len = in->ql[in->qpos + i].len;
	return true;
}

bool
qp_input_next_file(qp_input *in)
{
	if (!(in->flags & QP_IN_FILES))
		qp_die("qp_input_next_file: the input was not opened with QP_IN_FILES");
	qp_input_close_cur(in);
	in->qn = in->qpos = 0;
	buf_reset(&in->ahead);
	in->shown_lineno = 0;
	if (in->ust) {
		if (unpack_member(in, false)) {
			in->held = false;
			return true;
		}
		unpack_end(in);
	}
	if (in->next >= in->nfiles)
		return false;
	in->held = false;
	open_next(in);
	return true;
}

void
qp_input_unpack(qp_input *in, const qp_unpacker *u)
{
	if (!(in->flags & QP_IN_FILES))
		qp_die("qp_input_unpack: the input was not opened with QP_IN_FILES");
	in->unp = u;
}

const char *
qp_input_member(const qp_input *in)
{
	return in->member;
}

const char *
qp_input_name(const qp_input *in)
{
	return in->name ? in->name : "<stdin>";
}

unsigned long
qp_input_lineno(const qp_input *in)
{
	return in->shown_lineno;
}

int
qp_input_index(const qp_input *in)
{
	return in->cur;
}

bool
qp_input_first(const qp_input *in)
{
	return in->shown_first;
}
