/*
 * track.c: the bookkeeping behind FUZZ_RUN (see fuzz.h).  Linked into
 * every harness with -Wl,--wrap=free, so that a block the project frees
 * leaves the set of live blocks.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz.h"
#include "output.h"
#include "utf8.h"

void __real_free(void *p);
void __wrap_free(void *p);

jmp_buf fuzz_jb;

/* Live blocks: open addressing, linear probing, deletion by backward
 * shift (no tombstones, so the set never clogs).  Stored complemented,
 * so that LeakSanitizer does not take the set for a reference to them. */
static uintptr_t *tab;
static size_t mask, count;
static bool tracking;
static bool filter_mode;        /* fuzz_filter_reset is in use */

static size_t
slot(uintptr_t p)
{
	p ^= p >> 17;
	p *= 0x9e3779b97f4a7c15u;
	return (size_t)(p >> 20) & mask;
}

static void
set_add(uintptr_t p)
{
	if (!tab || (count + 1) * 2 > mask + 1) {
		size_t ocap = tab ? mask + 1 : 0;
		uintptr_t *old = tab;
		size_t ncap = ocap ? ocap * 2 : 4096;
		tab = calloc(ncap, sizeof *tab);
		if (!tab)
			abort();
		mask = ncap - 1;
		count = 0;
		for (size_t i = 0; i < ocap; i++)
			if (old[i])
				set_add(old[i]);
		__real_free(old);
	}
	size_t i = slot(p);
	while (tab[i]) {
		if (tab[i] == p)
			return;
		i = (i + 1) & mask;
	}
	tab[i] = p;
	count++;
}

static bool
set_del(uintptr_t p)
{
	if (!count)
		return false;
	size_t i = slot(p);
	while (tab[i] != p) {
		if (!tab[i])
			return false;
		i = (i + 1) & mask;
	}
	tab[i] = 0;
	count--;
	for (size_t j = (i + 1) & mask; tab[j]; j = (j + 1) & mask) {
		size_t h = slot(tab[j]);
		/* Move tab[j] into the hole unless its home lies in (i, j]. */
		if (((j - h) & mask) >= ((j - i) & mask)) {
			tab[i] = tab[j];
			tab[j] = 0;
			i = j;
		}
	}
	return true;
}

void
qp_fuzz_alloc(void *p)
{
	if (tracking)
		set_add(~(uintptr_t)p);
}

void
qp_fuzz_realloc(void *old, void *p)
{
	/* A block that was live before the run began stays untracked: the
	 * cleanup must never free what outlives the run. */
	if (!old ? tracking : set_del(~(uintptr_t)old))
		set_add(~(uintptr_t)p);
}

void
__wrap_free(void *p)
{
	if (p)
		set_del(~(uintptr_t)p);
	__real_free(p);
}

static struct owned {
	void *obj;
	void (*release)(void *);
} owned[4096];
static size_t nowned;

void
qp_fuzz_own(void *obj, void (*release)(void *))
{
	if (!tracking)
		return;
	if (nowned == sizeof owned / sizeof owned[0])
		abort();
	owned[nowned].obj = obj;
	owned[nowned++].release = release;
}

void
qp_fuzz_disown(void *obj)
{
	for (size_t i = nowned; i-- > 0;)
		if (owned[i].obj == obj) {
			owned[i] = owned[--nowned];
			return;
		}
}

#define MAXFD 1024
static bool fd_before[MAXFD];
static char dir[64];
static char names[16][32];
static int nnames;

static void
die_hook(int status)
{
	(void)status;
	longjmp(fuzz_jb, 1);
}

static void
cleanup(void)
{
	char path[128];
	for (int i = 0; i < nnames; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		unlink(path);
	}
	rmdir(dir);
}

/* Scratch folders of harness processes that died without their atexit
 * (a crash, or -fork's parent killing a worker at the time limit). */
static void
sweep_stale(void)
{
	DIR *d = opendir("/tmp");
	struct dirent *e;
	char path[128], file[192];

	while (d && (e = readdir(d)) != NULL) {
		long pid;
		char end;
		if (sscanf(e->d_name, "qpfuzz.%ld%c", &pid, &end) != 1 || pid <= 0 ||
		    kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue;
		snprintf(path, sizeof path, "/tmp/%s", e->d_name);
		DIR *sub = opendir(path);
		struct dirent *f;
		while (sub && (f = readdir(sub)) != NULL)
			if (f->d_name[0] != '.') {
				snprintf(file, sizeof file, "%s/%s", path, f->d_name);
				unlink(file);
			}
		if (sub)
			closedir(sub);
		rmdir(path);
	}
	if (d)
		closedir(d);
}

static void
init(void)
{
	static bool done;
	if (done)
		return;
	done = true;
	qp_exit_hook = die_hook;
	/* The result stream is not what is under test; diagnostics on
	 * stderr (the FILE, not fd 2, where the sanitizers write) only
	 * when asked for. */
	int fd = open("/dev/null", O_WRONLY);
	if (fd < 0 || dup2(fd, 1) < 0)
		abort();
	close(fd);
	if (!getenv("FUZZ_VERBOSE"))
		stderr = fopen("/dev/null", "w");
	sweep_stale();
	snprintf(dir, sizeof dir, "/tmp/qpfuzz.%ld", (long)getpid());
	if (mkdir(dir, 0700) < 0 && errno != EEXIST)
		abort();
	atexit(cleanup);
	for (int i = 0; i < MAXFD; i++)
		fd_before[i] = fcntl(i, F_GETFD) >= 0;
}

char *
fuzz_file(const char *name, const void *data, size_t n)
{
	static char path[128];
	int i;

	init();
	for (i = 0; i < nnames; i++)
		if (strcmp(names[i], name) == 0)
			break;
	if (i == nnames) {
		if (nnames == 16 || strlen(name) >= sizeof names[0])
			abort();
		strcpy(names[nnames++], name);
	}
	snprintf(path, sizeof path, "%s/%s", dir, name);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0)
		abort();
	for (size_t off = 0; off < n;) {
		ssize_t w = write(fd, (const char *)data + off, n - off);
		if (w <= 0)
			abort();
		off += (size_t)w;
	}
	close(fd);
	return path;
}

int
fuzz_parts(const uint8_t *data, size_t size, const char *const *names,
           int min, int max, char **paths)
{
	int k = 0;
	bool more = true;
	while (k < max && more) {
		const uint8_t *ff = k + 1 < max && size ? memchr(data, '\f', size) : NULL;
		size_t n = ff ? (size_t)(ff - data) : size;
		paths[k] = strdup(fuzz_file(names[k], n ? data : (const uint8_t *)"", n));
		k++;
		more = ff != NULL;
		if (ff) {
			data = ff + 1;
			size -= n + 1;
		}
	}
	while (k < min) {
		paths[k] = strdup(fuzz_file(names[k], "", 0));
		k++;
	}
	return k;
}

void
fuzz_free_paths(char **paths, int n)
{
	for (int i = 0; i < n; i++)
		free(paths[i]);
}

bool
fuzz_line(const uint8_t **text, size_t *n, const char **line, size_t *len)
{
	if (!*text || !*n)
		return false;
	const uint8_t *nl = memchr(*text, '\n', *n);
	size_t l = nl ? (size_t)(nl - *text) : *n;
	*line = (const char *)*text;
	*len = utf8_valid_prefix(*line, l);
	*text += nl ? l + 1 : l;
	*n -= nl ? l + 1 : l;
	return true;
}

void
fuzz_begin(void)
{
	init();
	qp_line_buffered = false;
	qp_replace_invalid = false;
	qp_out_abandon();
	/* glibc's getopt starts afresh, parsing state and all. */
	optind = 0;
	tracking = true;
}

static void
release_all(void)
{
	for (size_t i = nowned; i-- > 0;)
		owned[i].release(owned[i].obj);
	nowned = 0;
	if (count)
		for (size_t i = 0; i <= mask; i++)
			if (tab[i]) {
				__real_free((void *)~tab[i]);
				tab[i] = 0;
			}
	count = 0;
}

void
fuzz_end(int died)
{
	tracking = false;
	if (died) {
		release_all();
		for (int fd = 3; fd < MAXFD; fd++)
			if (!fd_before[fd])
				close(fd);
	} else if (!filter_mode) {
		/* Left for LeakSanitizer: forget them, free nothing. */
		if (count)
			memset(tab, 0, (mask + 1) * sizeof *tab);
		count = 0;
		nowned = 0;
	}
	/* A filter that returned still holds its statics' memory, as a
	 * process does at exit; fuzz_filter_reset frees it before the next
	 * run.  Memory nothing refers to is LeakSanitizer's to report. */
	qp_out_abandon();
}

/* See FUZZ_FILTER_SECTIONS.  The copies bypass ASan on purpose: the
 * sections hold the redzones between globals, which are no data. */
extern char __start_qp_filter_data[] __attribute__((weak));
extern char __stop_qp_filter_data[] __attribute__((weak));
extern char __start_qp_filter_bss[] __attribute__((weak));
extern char __stop_qp_filter_bss[] __attribute__((weak));

__attribute__((no_sanitize("address")))
static void
copy_raw(volatile char *to, const volatile char *from, size_t n)
{
	for (size_t i = 0; i < n; i++)
		to[i] = from[i];
}

__attribute__((no_sanitize("address")))
static void
zero_raw(volatile char *to, size_t n)
{
	for (size_t i = 0; i < n; i++)
		to[i] = 0;
}

void
fuzz_filter_reset(void)
{
	static char *snap;
	size_t n = (size_t)(__stop_qp_filter_data - __start_qp_filter_data);

	filter_mode = true;
	release_all();

	if (__start_qp_filter_data) {
		if (!snap) {
			snap = malloc(n ? n : 1);
			if (!snap)
				abort();
			copy_raw(snap, __start_qp_filter_data, n);
		}
		copy_raw(__start_qp_filter_data, snap, n);
	}
	if (__start_qp_filter_bss)
		zero_raw(__start_qp_filter_bss,
		         (size_t)(__stop_qp_filter_bss - __start_qp_filter_bss));
}
