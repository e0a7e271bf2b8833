#include "output.h"
#include "qp.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define OUTBUF (256 * 1024)

static char stdout_buf[OUTBUF];
static qp_out stdout_out = { 1, "standard output", stdout_buf, 0, OUTBUF };
qp_out *qp_stdout = &stdout_out;

static void
write_all(qp_out *o, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(o->fd, p, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EPIPE && o == qp_stdout) {
				/* The reader has gone: end quietly. */
				_exit(0);
			}
			o->len = 0;
			qp_die("write error on %s: %s", o->name, strerror(errno));
		}
		p += w;
		n -= (size_t)w;
	}
}

void
qp_out_flush(qp_out *o)
{
	size_t n = o->len;
	o->len = 0;
	write_all(o, o->buf, n);
}

void
qp_out_flush_slow(qp_out *o, const void *p, size_t n)
{
	qp_out_flush(o);
	if (n >= o->cap)
		write_all(o, p, n);
	else {
		memcpy(o->buf, p, n);
		o->len = n;
	}
}

void
qp_out_endrec(qp_out *o)
{
	qp_putc(o, '\n');
	if (qp_line_buffered)
		qp_out_flush(o);
}

qp_out *
qp_out_open(const char *path, int mode)
{
	/* Open first: dying with the qp_out allocated would leak it. */
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
	if (fd < 0)
		qp_die("%s: %s", path, strerror(errno));
	qp_out *o = xcalloc(1, sizeof *o);
	o->fd = fd;
	o->name = xstrdup(path);
	o->buf = xmalloc(OUTBUF);
	o->cap = OUTBUF;
	return o;
}

void
qp_out_close(qp_out *o)
{
	qp_out_flush(o);
	if (o == qp_stdout) {
		/* fsync is not ours to call, but a late error (NFS, a full
		 * disk on close) still must not pass silently. */
		return;
	}
	if (close(o->fd) < 0)
		qp_die("%s: %s", o->name, strerror(errno));
	free((char *)o->name);
	free(o->buf);
	free(o);
}

void
qp_out_abandon(void)
{
	stdout_out.len = 0;
}
