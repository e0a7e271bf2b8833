/*
 * Unit tests for lib/output.c's side files: they appear whole or not at
 * all and never replace a file nobody asked to replace; and for the end of
 * standard output, where no write error may pass.  Each case that
 * must die runs in a child, since dying is _exit(2).
 */
#include "t.h"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "output.h"
#include "qp.h"

static char dir[] = "/tmp/qp-out-XXXXXX";

/* Files in dir whose name starts with a dot: temporary files. */
static int
ntemp(void)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;
	while (d && (e = readdir(d)) != NULL)
		if (e->d_name[0] == '.' && strcmp(e->d_name, ".") != 0 &&
		    strcmp(e->d_name, "..") != 0)
			n++;
	if (d)
		closedir(d);
	return n;
}

static void
put(const char *path, const char *s)
{
	FILE *f = fopen(path, "w");
	fputs(s, f);
	fclose(f);
}

/* The file's contents, or "(none)". */
static const char *
get(const char *path)
{
	static char b[256];
	FILE *f = fopen(path, "r");
	if (!f)
		return "(none)";
	size_t n = fread(b, 1, sizeof b - 1, f);
	b[n] = '\0';
	fclose(f);
	return b;
}

static int
mode_of(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 ? (int)(st.st_mode & 0777) : -1;
}

enum step { S_DIE, S_COMMIT, S_SIGINT, S_APPEAR_THEN_COMMIT };

/* In a child: create path (how), write "new", then do step.  Returns the
 * child's wait status. */
static int
child(const char *path, enum qp_out_how how, enum step step)
{
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		/* the diagnostic is expected; keep the TAP stream clean */
		int fd = open("/dev/null", O_WRONLY);
		dup2(fd, 2);
		qp_out *o = qp_out_create(path, 0600, how);
		qp_puts(o, "new");
		qp_out_flush(o);
		switch (step) {
		case S_DIE:
			qp_die("bad input");
		case S_SIGINT:
			raise(SIGINT);
			_exit(99);
		case S_APPEAR_THEN_COMMIT:
			put(path, "theirs");
			/* fall through */
		case S_COMMIT:
			qp_out_commit(o);
			_exit(0);
		}
	}
	int st;
	waitpid(pid, &st, 0);
	return st;
}

static void
test_side_files(void)
{
	char p[128];
	int st;

	if (!mkdtemp(dir)) {
		T_OK(0, "side files: temp dir");
		return;
	}
	snprintf(p, sizeof p, "%s/map.tsv", dir);

	/* a new file: invisible until the commit, then whole, mode 0600 */
	qp_out *o = qp_out_create(p, 0600, QP_OUT_NEW);
	qp_puts(o, "abc");
	qp_out_flush(o);
	T_STR(get(p), "(none)", "side files: nothing at the path before the commit");
	T_OK(ntemp() == 1, "side files: one temporary file beside it");
	qp_out_commit(o);
	T_STR(get(p), "abc", "side files: the commit puts it in place");
	T_OK(mode_of(p) == 0600, "side files: mode 0600");
	T_OK(ntemp() == 0, "side files: no temporary file after the commit");

	/* QP_OUT_NEW refuses an existing file, before writing anything */
	chmod(p, 0644);
	st = child(p, QP_OUT_NEW, S_COMMIT);
	T_OK(WIFEXITED(st) && WEXITSTATUS(st) == 2, "side files: NEW on an existing file dies");
	T_STR(get(p), "abc", "side files: the existing file is untouched");
	T_OK(mode_of(p) == 0644, "side files: and keeps its mode");

	/* dying or SIGINT before the commit leaves the old file */
	st = child(p, QP_OUT_REPLACE, S_DIE);
	T_OK(WIFEXITED(st) && WEXITSTATUS(st) == 2, "side files: qp_die exits 2");
	T_STR(get(p), "abc", "side files: a death before the commit keeps the old file");
	T_OK(ntemp() == 0, "side files: and removes the temporary file");
	st = child(p, QP_OUT_REPLACE, S_SIGINT);
	T_OK(WIFSIGNALED(st) && WTERMSIG(st) == SIGINT, "side files: SIGINT still ends the process");
	T_STR(get(p), "abc", "side files: SIGINT before the commit keeps the old file");
	T_OK(ntemp() == 0, "side files: and removes the temporary file");

	/* QP_OUT_REPLACE replaces it in one step */
	st = child(p, QP_OUT_REPLACE, S_COMMIT);
	T_OK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "side files: REPLACE commits");
	T_STR(get(p), "new", "side files: REPLACE replaces the contents");
	T_OK(mode_of(p) == 0600, "side files: REPLACE gives mode 0600");

	/* a file that appears at the path during the run is not replaced */
	unlink(p);
	st = child(p, QP_OUT_NEW, S_APPEAR_THEN_COMMIT);
	T_OK(WIFEXITED(st) && WEXITSTATUS(st) == 2, "side files: a file that appeared meanwhile is an error");
	T_STR(get(p), "theirs", "side files: and is left as it was");
	T_OK(ntemp() == 0, "side files: no temporary file left");

	/* a device holds nothing to lose: written directly */
	o = qp_out_create("/dev/null", 0600, QP_OUT_NEW);
	qp_puts(o, "x");
	qp_out_commit(o);
	T_OK(ntemp() == 0 && mode_of("/dev/null") != 0600, "side files: a device is written directly");

	unlink(p);
	rmdir(dir);
}

enum close_case { C_CLOSED, C_FULL, C_STILL_OPEN };

/* In a child: standard output as the case says, then qp_out_close.
 * Returns the child's wait status. */
static int
close_child(enum close_case c)
{
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		int fd = open("/dev/null", O_WRONLY);
		dup2(fd, 2);
		close(fd);
		switch (c) {
		case C_CLOSED:
			close(1);
			break;
		case C_FULL:
			fd = open("/dev/full", O_WRONLY);
			dup2(fd, 1);
			close(fd);
			qp_puts(qp_stdout, "lost");
			break;
		case C_STILL_OPEN:
			fd = open("/dev/null", O_WRONLY);
			dup2(fd, 1);
			close(fd);
			qp_puts(qp_stdout, "x");
			break;
		}
		qp_out_close(qp_stdout);
		/* fd 1 stays usable after the close */
		_exit(c == C_STILL_OPEN && write(1, "y", 1) != 1 ? 3 : 0);
	}
	int st;
	waitpid(pid, &st, 0);
	return st;
}

static void
test_close(void)
{
	int st = close_child(C_CLOSED);
	T_OK(WIFEXITED(st) && WEXITSTATUS(st) == 0,
	     "close: standard output closed from the start, nothing written: no error");
	st = close_child(C_FULL);
	T_OK(WIFEXITED(st) && WEXITSTATUS(st) == 2, "close: a write error at the end is status 2");
	st = close_child(C_STILL_OPEN);
	T_OK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "close: fd 1 is still open afterwards");
}

int
main(void)
{
	qp_init("test_output");
	/* Started in the background, the test may inherit SIGINT ignored,
	 * which the side-file handler rightly keeps ignored. */
	signal(SIGINT, SIG_DFL);
	test_side_files();
	test_close();
	return t_done();
}
