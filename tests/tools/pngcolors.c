/*
 * pngcolors: a test driver, not a filter (tests/report.bats runs it as
 * $QP_OBJ/tests/tools/pngcolors): prints "WIDTH HEIGHT COLOURS" of an
 * 8-bit RGB or RGBA, non-interlaced PNG (what Chromium's --screenshot
 * writes), COLOURS being the number of distinct pixel values, counted up
 * to 65536.  zlib inflates the image data; the rest (chunks, the five
 * row filters) is the PNG specification's few lines.  Exit 2 on
 * anything else.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

static void
die(const char *msg)
{
	fprintf(stderr, "pngcolors: %s\n", msg);
	exit(2);
}

static uint32_t
be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static int
paeth(int a, int b, int c)
{
	int p = a + b - c, pa = abs(p - a), pb = abs(p - b), pc = abs(p - c);
	return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

#define SET (1u << 17)
static uint32_t set[SET];
static unsigned char used[SET];

int
main(int argc, char **argv)
{
	if (argc != 2)
		die("usage: pngcolors FILE.png");
	FILE *f = fopen(argv[1], "rb");
	if (!f)
		die("cannot open the file");
	unsigned char sig[8], hdr[8];
	if (fread(sig, 1, 8, f) != 8 || memcmp(sig, "\x89PNG\r\n\x1a\n", 8) != 0)
		die("not a PNG");
	unsigned char *idat = NULL;
	size_t nidat = 0;
	uint32_t w = 0, h = 0;
	int ch = 0;
	while (fread(hdr, 1, 8, f) == 8) {
		uint32_t len = be32(hdr);
		unsigned char *d = malloc(len + 4 + 1);
		if (!d || fread(d, 1, len + 4, f) != len + 4)
			die("truncated chunk");
		if (memcmp(hdr + 4, "IHDR", 4) == 0) {
			w = be32(d);
			h = be32(d + 4);
			if (d[8] != 8 || (d[9] != 2 && d[9] != 6) || d[12] != 0)
				die("not 8-bit RGB or RGBA, non-interlaced");
			ch = d[9] == 2 ? 3 : 4;
		} else if (memcmp(hdr + 4, "IDAT", 4) == 0) {
			idat = realloc(idat, nidat + len);
			if (!idat)
				die("out of memory");
			memcpy(idat + nidat, d, len);
			nidat += len;
		}
		free(d);
	}
	fclose(f);
	if (!w || !h || !ch || w > 20000 || h > 40000)
		die("no image header, or a size out of range");
	size_t stride = (size_t)w * ch, n = (stride + 1) * h;
	unsigned char *raw = malloc(n), *prev = calloc(stride, 1);
	uLongf got = n;
	if (!raw || !prev || uncompress(raw, &got, idat, nidat) != Z_OK || got != n)
		die("the image data does not inflate to the image's size");
	size_t colours = 0;
	for (uint32_t y = 0; y < h; y++) {
		unsigned char *row = raw + y * (stride + 1), *px = row + 1;
		for (size_t i = 0; i < stride; i++) {
			int a = i >= (size_t)ch ? px[i - ch] : 0, b = prev[i];
			int c = i >= (size_t)ch ? prev[i - ch] : 0;
			switch (row[0]) {
			case 0: break;
			case 1: px[i] += a; break;
			case 2: px[i] += b; break;
			case 3: px[i] += (a + b) / 2; break;
			case 4: px[i] += paeth(a, b, c); break;
			default: die("bad row filter");
			}
		}
		memcpy(prev, px, stride);
		for (uint32_t x = 0; x < w && colours < 65536; x++) {
			const unsigned char *p = px + (size_t)x * ch;
			uint32_t v = (uint32_t)p[0] << 24 | p[1] << 16 | p[2] << 8 | (ch == 4 ? p[3] : 255);
			uint32_t k = (v * 2654435761u) >> 15;
			while (used[k] && set[k] != v)
				k = (k + 1) & (SET - 1);
			if (!used[k]) {
				used[k] = 1;
				set[k] = v;
				colours++;
			}
		}
	}
	printf("%lu %lu %zu\n", (unsigned long)w, (unsigned long)h, colours);
	free(raw);
	free(prev);
	free(idat);
	return 0;
}
