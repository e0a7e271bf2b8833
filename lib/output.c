#include "output.h"
#include "qp.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define OUTBUF (256 * 1024)

static char stdout_buf[OUTBUF];
static qp_out stdout_out = { 1, "standard output", stdout_buf, 0, OUTBUF, NULL, 0 };
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
				qp_exit(0);
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

/*
 * Uncommitted temporary files, for qp_out_discard_all and the signal
 * handler.  The handler may run at any moment, so a slot's path is
 * complete before the count that exposes it is raised, and the handler
 * only calls unlink(), which is async-signal-safe.
 */
#define MAXPENDING 8
static char *pending[MAXPENDING];
static volatile sig_atomic_t npending;

static void
discard_pending(void)
{
	for (sig_atomic_t i = 0; i < npending; i++)
		if (pending[i])
			unlink(pending[i]);
}

static void
on_signal(int sig)
{
	discard_pending();
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
catch_signals(void)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	static bool done;
	if (done)
		return;
	done = true;
	for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++) {
		struct sigaction sa, old;
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = on_signal;
		sigemptyset(&sa.sa_mask);
		/* a signal ignored by the parent (nohup) stays ignored */
		if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
			continue;
		sigaction(sigs[i], &sa, NULL);
	}
}

static void
pending_drop(const char *tmp)
{
	for (sig_atomic_t i = 0; i < npending; i++)
		if (pending[i] == tmp) {
			pending[i] = NULL;
			break;
		}
	while (npending > 0 && pending[npending - 1] == NULL)
		npending--;
}

void
qp_out_discard_all(void)
{
	discard_pending();
	npending = 0;
}

qp_out *
qp_out_create(const char *path, int mode, enum qp_out_how how)
{
	struct stat st;
	int fd;
	char *tmp = NULL;

	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		fd = open(path, O_WRONLY | O_CLOEXEC);
		if (fd < 0)
			qp_die("%s: %s", path, strerror(errno));
	} else {
		if (how == QP_OUT_NEW && lstat(path, &st) == 0)
			qp_die("%s: file exists; not overwritten", path);
		if (npending == MAXPENDING)
			qp_die("%s: too many files open for writing", path);
		const char *slash = strrchr(path, '/');
		size_t dl = slash ? (size_t)(slash - path) + 1 : 0;
		const char *base = path + dl;
		size_t n = dl + 1 + strlen(base) + 8;
		tmp = xmalloc(n);
		/* ".NAME.XXXXXX" beside NAME: hidden, and plainly temporary */
		snprintf(tmp, n, "%.*s.%s.XXXXXX", (int)dl, path, base);
		sigset_t all, old;
		sigfillset(&all);
		sigprocmask(SIG_BLOCK, &all, &old);
		fd = mkstemp(tmp);
		int e = errno;
		if (fd >= 0) {
			pending[npending] = tmp;
			npending++;
		}
		sigprocmask(SIG_SETMASK, &old, NULL);
		if (fd < 0) {
			free(tmp);
			qp_die("%s: cannot create a file beside it: %s", path, strerror(e));
		}
		catch_signals();
		if (fchmod(fd, (mode_t)mode) < 0)
			qp_die("%s: %s", tmp, strerror(errno));
	}
	qp_out *o = xcalloc(1, sizeof *o);
	o->fd = fd;
	o->name = path;
	o->tmp = tmp;
	o->how = how;
	o->buf = xmalloc(OUTBUF);
	o->cap = OUTBUF;
	return o;
}

/* fsync the directory holding path, so that the new name survives a
 * crash; a file system that cannot (EINVAL) has nothing more to do. */
static void
sync_dir(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? xmemdup(path, slash == path ? 1 : (size_t)(slash - path))
	                  : xstrdup(".");
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		if (fsync(fd) < 0 && errno != EINVAL) {
			int e = errno;
			close(fd);
			free(dir);
			qp_die("%s: %s", path, strerror(e));
		}
		close(fd);
	}
	free(dir);
}

void
qp_out_commit(qp_out *o)
{
	qp_out_flush(o);
	if (o->tmp && fsync(o->fd) < 0)
		qp_die("%s: %s", o->name, strerror(errno));
	if (close(o->fd) < 0)
		qp_die("%s: %s", o->name, strerror(errno));
	if (o->tmp) {
		if (o->how == QP_OUT_REPLACE) {
			if (rename(o->tmp, o->name) < 0)
				qp_die("%s: %s", o->name, strerror(errno));
		} else {
			if (link(o->tmp, o->name) < 0) {
				if (errno == EEXIST)
					qp_die("%s: file exists (created while this ran); "
					       "not overwritten", o->name);
				qp_die("%s: %s", o->name, strerror(errno));
			}
			unlink(o->tmp);
		}
		pending_drop(o->tmp);
		sync_dir(o->name);
		free(o->tmp);
	}
	free(o->buf);
	free(o);
}

/*
 * The end of standard output.  A write error has died in the flush
 * already, but some file systems (NFS, a full quota on close) report the
 * last one only when the file is closed, and that must not pass silently
 * either.  The close is of a duplicate: the file system flushes and
 * reports on every close of the file, and fd 1 itself stays open for
 * what may still come (stdio's flush at exit, a fuzz harness's next
 * run).  fsync is not ours to call on a stream we did not open.
 * EBADF means standard output was closed from the start and nothing
 * was written (a write would have died): nothing is lost.
 */
void
qp_out_close(qp_out *o)
{
	qp_out_flush(o);
	if (fflush(stdout) == EOF || ferror(stdout))
		qp_die("write error on %s: %s", o->name, strerror(errno));
	int fd = dup(o->fd);
	if (fd < 0) {
		if (errno == EBADF)
			return;
		qp_die("%s: %s", o->name, strerror(errno));
	}
	if (close(fd) < 0 && errno != EINTR)
		qp_die("write error on %s: %s", o->name, strerror(errno));
}

void
qp_out_abandon(void)
{
	stdout_out.len = 0;
}
