/*
 * mkarchive: write an archive for the tests, its members in the order
 * given, through libarchive (no zip binary needed).
 *
 *   mkarchive FORMAT OUT MEMBER...
 *
 * FORMAT: zip, tar, tgz, tbz2, txz or tzst (a tar through gzip, bzip2, xz
 * or zstd), or bz2, xz or zst (one member's bytes alone, compressed, as
 * bzip2, xz and zstd write them).  MEMBER: NAME=@PATH (the file's bytes), NAME=TEXT (the text
 * as given), NAME=%zeros:N (N zero bytes, written a block at a time), or
 * NAME/ (a directory).  OUT "-" is standard
 * output.  A .docx is a zip of its XML parts.
 */
#include <archive.h>
#include <archive_entry.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <locale.h>
#include <string.h>

static void
die(struct archive *a, const char *what)
{
	fprintf(stderr, "mkarchive: %s: %s\n", what, a ? archive_error_string(a) : "");
	exit(2);
}

static char *
slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		exit(2);
	}
	char *p = NULL;
	size_t cap = 0;
	*n = 0;
	for (;;) {
		if (*n + 65536 > cap) {
			cap = cap * 2 + 65536;
			p = realloc(p, cap);
			if (!p)
				exit(2);
		}
		size_t r = fread(p + *n, 1, cap - *n, f);
		*n += r;
		if (r == 0)
			break;
	}
	fclose(f);
	return p;
}

int
main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: mkarchive zip|tar|tgz|tbz2|txz|tzst|bz2|xz|zst OUT MEMBER...\n");
		return 2;
	}
	setlocale(LC_ALL, "");  /* member names are in the locale's charset */
	struct archive *a = archive_write_new();
	if (strcmp(argv[1], "zip") == 0) {
		archive_write_set_format_zip(a);
	} else if (strcmp(argv[1], "tar") == 0) {
		archive_write_set_format_pax_restricted(a);
	} else if (strcmp(argv[1], "tgz") == 0) {
		archive_write_set_format_pax_restricted(a);
		archive_write_add_filter_gzip(a);
	} else if (strchr("tbxz", argv[1][0]) && (strstr(argv[1], "bz2") ||
	           strstr(argv[1], "xz") || strstr(argv[1], "zst"))) {
		/* tbz2, txz, tzst: a tar; bz2, xz, zst: one member's bytes */
		if (argv[1][0] == 't')
			archive_write_set_format_pax_restricted(a);
		else
			archive_write_set_format_raw(a);
		int r = strstr(argv[1], "bz2") ? archive_write_add_filter_bzip2(a) :
		        strstr(argv[1], "xz") ? archive_write_add_filter_xz(a) :
		        archive_write_add_filter_zstd(a);
		if (r != ARCHIVE_OK)
			die(a, argv[1]);
	} else {
		fprintf(stderr, "mkarchive: unknown format %s\n", argv[1]);
		return 2;
	}
	if (archive_write_open_filename(a, strcmp(argv[2], "-") == 0 ? NULL : argv[2]) != ARCHIVE_OK)
		die(a, argv[2]);
	for (int i = 3; i < argc; i++) {
		char *arg = argv[i], *eq = strchr(arg, '=');
		struct archive_entry *e = archive_entry_new();
		size_t n = 0, zeros = 0;
		char fillc = 0;
		char *data = NULL;
		bool dir = !eq && arg[0] && arg[strlen(arg) - 1] == '/';
		if (!eq && !dir) {
			fprintf(stderr, "mkarchive: %s: NAME=... or NAME/\n", arg);
			return 2;
		}
		if (eq)
			*eq = '\0';
		archive_entry_set_pathname(e, arg);
		archive_entry_set_mtime(e, 1700000000, 0);
		if (dir) {
			archive_entry_set_filetype(e, AE_IFDIR);
			archive_entry_set_perm(e, 0755);
		} else {
			const char *v = eq + 1;
			if (v[0] == '@')
				data = slurp(v + 1, &n);
			else if (strncmp(v, "%zeros:", 7) == 0)
				zeros = strtoull(v + 7, NULL, 10);
			else if (strncmp(v, "%spaces:", 8) == 0)
				zeros = strtoull(v + 8, NULL, 10), fillc = ' ';
			else
				n = strlen(v);
			archive_entry_set_filetype(e, AE_IFREG);
			archive_entry_set_perm(e, 0644);
			archive_entry_set_size(e, (la_int64_t)(zeros ? zeros : n));
		}
		if (archive_write_header(a, e) != ARCHIVE_OK)
			die(a, arg);
		if (zeros) {
			static char blk[1 << 16];
			memset(blk, fillc, sizeof blk);
			for (size_t left = zeros; left > 0;) {
				size_t k = left < sizeof blk ? left : sizeof blk;
				if (archive_write_data(a, blk, k) < 0)
					die(a, arg);
				left -= k;
			}
		} else if (!dir && n > 0 && archive_write_data(a, data ? data : eq + 1, n) < 0) {
			die(a, arg);
		}
		free(data);
		archive_entry_free(e);
	}
	if (archive_write_close(a) != ARCHIVE_OK)
		die(a, "close");
	archive_write_free(a);
	return 0;
}
