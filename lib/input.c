#include "input.h"
#include "buf.h"
#include "qp.h"
#include "utf8.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#define READ_CHUNK (256 * 1024)

struct qp_input {
	char **files;
	int nfiles;
	int next;               /* index of the next file to open */
	int cur;                /* index of the open file */
	const char *name;
	gzFile gz;
	bool eof;               /* current file fully read into buf */
	bool first;             /* the last line began its file */
	bool at_start;          /* no line returned yet from this file */
	int flags;
	unsigned long lineno;
	char *buf;
	size_t cap, start, end;
	qp_buf fixed;           /* a line with its bad bytes replaced */
	char *stdin_name;
};

static char stdin_name[] = "-";

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
	in->cur = -1;
	in->cap = READ_CHUNK * 2;
	in->buf = xmalloc(in->cap);
	return in;
}

void
qp_input_free(qp_input *in)
{
	if (!in)
		return;
	if (in->gz)
		gzclose(in->gz);
	free(in->buf);
	buf_free(&in->fixed);
	free(in->stdin_name);
	free(in);
}

static bool
open_next(qp_input *in)
{
	int fd;

	if (in->next >= in->nfiles)
		return false;
	in->cur = in->next++;
	const char *f = in->files[in->cur];
	if (strcmp(f, "-") == 0) {
		in->name = "<stdin>";
		fd = dup(0);
		if (fd < 0)
			qp_die("standard input: %s", strerror(errno));
	} else {
		in->name = f;
		fd = open(f, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			qp_die("%s: %s", f, strerror(errno));
	}
	in->gz = gzdopen(fd, "rb");
	if (!in->gz)
		qp_die("%s: out of memory", in->name);
	gzbuffer(in->gz, 128 * 1024);
	in->eof = false;
	in->at_start = true;
	in->lineno = 0;
	in->start = in->end = 0;
	return true;
}

static void
close_cur(qp_input *in)
{
	int r = gzclose(in->gz);
	in->gz = NULL;
	if (r != Z_OK && r != Z_BUF_ERROR)
		qp_die("%s: close failed", in->name);
}

/* Read more of the current file into buf; sets eof at its end. */
static void
fill(qp_input *in)
{
	if (in->start > 0) {
		memmove(in->buf, in->buf + in->start, in->end - in->start);
		in->end -= in->start;
		in->start = 0;
	}
	if (in->cap - in->end < READ_CHUNK) {
		in->cap = in->cap * 2;
		in->buf = xrealloc(in->buf, in->cap);
	}
	size_t want = in->cap - in->end;
	if (want > INT_MAX / 2)
		want = INT_MAX / 2;
	int n = gzread(in->gz, in->buf + in->end, (unsigned)want);
	if (n < 0) {
		int zerr;
		const char *msg = gzerror(in->gz, &zerr);
		if (zerr == Z_ERRNO)
			msg = strerror(errno);
		qp_die_at(in->name, in->lineno + 1, "read error: %s", msg);
	}
	if (n == 0)
		in->eof = true;
	in->end += (size_t)n;
}

/* Find the end of the line starting at start: offset of its terminator
 * from buf, and the terminator's length.  False if not yet in buf. */
static bool
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
	for (size_t i = from; i < in->end; i++) {
		if (b[i] == '\n') {
			*eol = i;
			*tlen = 1;
			return true;
		}
		if (b[i] == '\r') {
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
	}
	return false;
}

bool
qp_input_line(qp_input *in, const char **line, size_t *len)
{
	size_t eol, tlen, scanned = 0;
	char *p;
	size_t n;

	for (;;) {
		if (!in->gz && !open_next(in))
			return false;
		if (find_eol(in, in->start + scanned, &eol, &tlen)) {
			p = in->buf + in->start;
			n = eol - in->start;
			in->start = eol + tlen;
			break;
		}
		if (in->eof) {
			if (in->start < in->end) {
				/* The last line lacks its newline. */
				p = in->buf + in->start;
				n = in->end - in->start;
				in->start = in->end;
				break;
			}
			close_cur(in);
			continue;
		}
		scanned = in->end - in->start;
		if (scanned > 0 && (in->flags & QP_IN_CR))
			scanned--;     /* a CR there may pair with what comes */
		fill(in);
	}

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
	*line = p;
	*len = n;
	return true;
}

const char *
qp_input_name(const qp_input *in)
{
	return in->name ? in->name : "<stdin>";
}

unsigned long
qp_input_lineno(const qp_input *in)
{
	return in->lineno;
}

int
qp_input_index(const qp_input *in)
{
	return in->cur;
}

bool
qp_input_first(const qp_input *in)
{
	return in->first;
}
