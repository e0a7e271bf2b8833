/*
 * tr_detect.c: which reader a transcript file gets (transcript.h), all
 * in one place: binary files refused by their first bytes, structured
 * text no reader takes named, then each format's probe asked in the
 * order of tr_formats.
 */
#include <stdbool.h>
#include <string.h>

#include "qp.h"
#include "transcript.h"
#include "utf8.h"

/* How many lines (not counting blank ones) and bytes detection may read
 * ahead. */
#define DETECT_LINES 50
#define DETECT_BYTES (1024 * 1024)

const tr_format *const tr_formats[] = {
	&tr_fmt_vtt, &tr_fmt_srt,
	&tr_fmt_teams, &tr_fmt_meet,          /* .docx meetings (tr_docx.c) */
	&tr_fmt_otter, &tr_fmt_timestamped,
	&tr_fmt_labeled, &tr_fmt_plain,
	/* JSON and the Whisper family's tables: asked before not_prose */
	&tr_fmt_json, &tr_fmt_whisper_json, &tr_fmt_whispercpp_json, &tr_fmt_aws,
	&tr_fmt_deepgram, &tr_fmt_assemblyai, &tr_fmt_azure, &tr_fmt_google,
	&tr_fmt_whisper_tsv, &tr_fmt_whispercpp_csv, NULL
};

const tr_format *
tr_format_named(const char *name)
{
	for (const tr_format *const *f = tr_formats; *f; f++)
		if (strcmp((*f)->name, name) == 0)
			return *f;
	return NULL;
}

/*
 * Binary input, named by its first bytes (segment(1), DETECTION): known
 * magic numbers, then UTF-16 (every other byte NUL), then more than one
 * byte in ten NUL or another control byte, or more than one in four
 * those or not UTF-8.  A stray bad byte (or Latin-1 text) is left to
 * the line reader, which names its line.  Called by qp_input for each
 * file, before its lines are checked, so that a .docx is not "NUL byte
 * at byte 6".
 */
/* UTF-16 is text, but not UTF-8 */
#define U16 "; convert it to UTF-8 (iconv -f UTF-16 -t UTF-8)"

static const struct {
	const char *magic;
	unsigned char len, off;
	const char *what;
} magics[] = {
	{ "PK\x03\x04", 4, 0, "a ZIP archive (.docx?)" },
	{ "PK\x05\x06", 4, 0, "a ZIP archive (.docx?)" },
	{ "%PDF-", 5, 0, "a PDF document" },
	{ "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8, 0, "an OLE2 file (an old .doc?)" },
	{ "\xFF\xFE", 2, 0, "UTF-16 text" U16 },
	{ "\xFE\xFF", 2, 0, "UTF-16 text" U16 },
	{ "BZh", 3, 0, "bzip2 data (only gzip is inflated)" },
	{ "\xFD" "7zXZ", 5, 0, "xz data (only gzip is inflated)" },
	{ "\x28\xB5\x2F\xFD", 4, 0, "zstd data (only gzip is inflated)" },
	{ "7z\xBC\xAF\x27\x1C", 6, 0, "a 7-Zip archive" },
	{ "ID3", 3, 0, "an MP3 audio file" },
	{ "fLaC", 4, 0, "a FLAC audio file" },
	{ "OggS", 4, 0, "an Ogg audio or video file" },
	{ "RIFF", 4, 0, "a RIFF file (WAV audio?)" },
	{ "ftyp", 4, 4, "an MP4 audio or video file" },
	{ "\x1A\x45\xDF\xA3", 4, 0, "a Matroska or WebM video file" },
	{ "\x89PNG", 4, 0, "a PNG image" },
	{ "\xFF\xD8\xFF", 3, 0, "a JPEG image" },
};

void
tr_sniff_binary(const char *name, const char *p, size_t n, bool whole)
{
	const char *what = NULL;
	size_t ctl = 0, bad = 0, nul = 0;
	bool odd = true, even = true;

	for (size_t i = 0; i < sizeof magics / sizeof magics[0]; i++) {
		if (n >= (size_t)magics[i].off + magics[i].len &&
		    memcmp(p + magics[i].off, magics[i].magic, magics[i].len) == 0) {
			what = magics[i].what;
			break;
		}
	}
	if (what)
		goto refuse;
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)p[i];
		if (c == 0) {
			nul++;
			/* UTF-16 without a byte order mark: every other byte NUL */
			if (i % 2)
				even = false;
			else
				odd = false;
		} else if ((c < 0x20 && !tr_is_ws((char)c) && c != '\n' && c != '\r' &&
		             c != 0x1b && c != 0x1a) ||
		           c == 0x7f) {
			ctl++;
		}
		if (c < 0x80) {
			i++;
			continue;
		}
		/* one character at a time, so that no control byte is skipped */
		size_t len = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
		if (len <= n - i && utf8_valid_prefix(p + i, len) == len) {
			i += len;
		} else {
			/* a character cut by the end of the look is not bad */
			if (!whole && n - i < len)
				break;
			bad++;
			i++;
		}
	}
	if (nul * 4 >= n && n >= 8 && (odd || even))
		what = "UTF-16 text" U16;
	else if ((nul + ctl) * 10 > n || (nul + ctl + bad) * 4 > n)
		what = "binary data";
	if (!what)
		return;
refuse:
	qp_die("%s: looks like %s%s; see segment(1)", name, what,
	       strncmp(what, "UTF-16", 6) == 0 ? "" : ", not text");
}

/* The look's lines from line i, byte k on, read as one stream without
 * their line ends: the next byte that is not white space, or -1. */
static int
q_ns(const tr_look *look, size_t *i, size_t *k)
{
	for (; *i < look->n; (*i)++, *k = 0) {
		const char *p = look->line[*i].p;
		for (; *k < look->line[*i].n; (*k)++)
			if (!tr_is_ws(p[*k]))
				return (unsigned char)p[(*k)++];
	}
	return -1;
}

/* After an opening '"': true if the string closes on its line. */
static bool
q_string(const tr_look *look, size_t *i, size_t *k)
{
	const char *p;

	if (*i >= look->n)
		return false;
	p = look->line[*i].p;
	for (; *k < look->line[*i].n; (*k)++) {
		if (p[*k] == '\\')
			(*k)++;
		else if (p[*k] == '"') {
			(*k)++;
			return true;
		}
	}
	return false;
}

/*
 * JSON: an object whose first key is followed by ':', an
 * empty object or array, or an array whose first element is an object,
 * an array, a string followed by ',' or ']', or a number followed by ','.
 * "[00:01:02] ..." and "[laughs]" stay text.
 */
static bool
looks_json(const tr_look *look)
{
	size_t i = 0, k = 0;
	int c = q_ns(look, &i, &k), d;

	if (c == '[') {
		d = q_ns(look, &i, &k);
		if (d == ']' || d == '[')
			return true;
		if (d == '"')
			return q_string(look, &i, &k) && ((c = q_ns(look, &i, &k)) == ',' || c == ']');
		if (d == '-' || tr_is_digit((char)d)) {
			const char *p = look->line[i].p;
			while (k < look->line[i].n && (tr_is_digit(p[k]) || (p[k] && strchr(".eE+-", p[k]))))
				k++;
			return q_ns(look, &i, &k) == ',';
		}
		c = d;
	}
	if (c != '{')
		return false;
	d = q_ns(look, &i, &k);
	return d == '}' || (d == '"' && q_string(look, &i, &k) && q_ns(look, &i, &k) == ':');
}

/* A column name in a table's header: a short name of a few words. */
static bool
col_name(const char *p, size_t n)
{
	size_t words = 1;

	if (n >= 2 && p[0] == '"' && p[n - 1] == '"') {
		p++;
		n -= 2;
	}
	if (n == 0 || n > 40 || p[0] == ' ' || p[n - 1] == ' ')
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = p[i];
		if (c == ' ' && ++words > 4)
			return false;
		if (!(tr_is_digit(c) || (tr_lower(c) >= 'a' && tr_lower(c) <= 'z') ||
		      (c && strchr(" _-.()#/", c))))
			return false;
	}
	return true;
}

/* Column names that say a CSV header is one (case does not matter). */
static bool
col_known(const char *p, size_t n)
{
	static const char *const known[] = {
		"start", "end", "text", "speaker", "time", "start time",
		"end time", "start_time", "end_time", "begin", "duration",
		"transcript", "timestamp", "content", "name", "words",
	};

	if (n >= 2 && p[0] == '"' && p[n - 1] == '"') {
		p++;
		n -= 2;
	}
	for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
		if (tr_eq_nocase(p, n, known[i]))
			return true;
	return false;
}

/* Fields of p[0..n) split at sep, all column names; their number (0 if
 * one is not).  *known: one of them is in col_known. */
static size_t
header_fields(const char *p, size_t n, char sep, bool *known)
{
	size_t k = 0, from = 0;

	*known = false;
	for (size_t i = 0; i <= n; i++) {
		if (i < n && p[i] != sep)
			continue;
		if (!col_name(p + from, i - from))
			return 0;
		*known |= col_known(p + from, i - from);
		k++;
		from = i + 1;
	}
	return k;
}

static size_t
count_byte(const char *p, size_t n, char c)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += p[i] == c;
	return k;
}

/*
 * A table: a header line of two or more column names, TAB-separated
 * (the next line, if any, has a TAB too), or comma-separated with a
 * known name among them (and the next line, if any, as many commas).
 */
static const char *
looks_table(const tr_look *look)
{
	const char *p = look->line[0].p, *q = NULL;
	size_t n = look->line[0].n, qn = 0, k;
	bool known;

	for (size_t i = 1; i < look->n; i++) {
		if (!tr_blank(look->line[i].p, look->line[i].n)) {
			q = look->line[i].p;
			qn = look->line[i].n;
			break;
		}
	}
	if (memchr(p, '\t', n)) {
		k = header_fields(p, n, '\t', &known);
		if (k >= 2 && (!q || memchr(q, '\t', qn)))
			return "a TAB-separated table";
		return NULL;
	}
	k = header_fields(p, n, ',', &known);
	if (k >= 2 && known && (!q || count_byte(q, qn, ',') + 1 >= k))
		return "a CSV table";
	return NULL;
}

/* RTTM: "SPEAKER file channel onset duration ..." (speaker turns only). */
static bool
looks_rttm(const char *p, size_t n)
{
	const char *f[5];
	size_t fl[5], nf = tr_fields(p, n, f, fl, 5);

	if (nf < 9 || !(fl[0] == 7 && memcmp(f[0], "SPEAKER", 7) == 0))
		return false;
	for (size_t k = 3; k <= 4; k++)
		for (size_t j = 0; j < fl[k]; j++)
			if (!tr_is_digit(f[k][j]) && f[k][j] != '.')
				return false;
	return true;
}

/*
 * Structured text that is not a transcript segment can read: what it
 * looks like, or NULL for text detect() goes on with.
 */
static const char *
not_prose(const tr_look *look)
{
	const char *p = look->line[0].p;
	size_t n = look->line[0].n, i = 0;

	if (tr_ext_is(look->ext, look->extlen, "rttm") || looks_rttm(p, n))
		return "RTTM";
	while (i < n && tr_is_ws(p[i]))
		i++;
	p += i;
	n -= i;
	if (n >= 5 && memcmp(p, "{\\rtf", 5) == 0)
		return "RTF";
	if (n >= 5 && memcmp(p, "<?xml", 5) == 0)
		return "XML";
	if ((n >= 9 && tr_eq_nocase(p, 9, "<!doctype")) || (n >= 5 && tr_eq_nocase(p, 5, "<html")))
		return "HTML";
	return looks_table(look);
}

/* Peek at the file's first lines, up to DETECT_LINES that are not
 * blank or DETECT_BYTES, into rd->look; how many, and *whole if that is
 * the whole file. */
static size_t
read_window(tr_reader *rd, bool *whole)
{
	size_t nl = 0, nb = 0, bytes = 0;
	const char *p;
	size_t n;

	*whole = false;
	for (;;) {
		if (!qp_input_peek(rd->in, nl, &p, &n)) {
			*whole = true;
			break;
		}
		nl++;
		bytes += n;
		if (!tr_blank(p, n) && ++nb >= DETECT_LINES)
			break;
		/* a long first line still gets a second to compare with */
		if (bytes >= DETECT_BYTES && nb >= 2)
			break;
	}
	/* no more peeking: every line peeked stays where it is */
	if (nl > rd->lookcap) {
		rd->lookcap = nl;
		rd->look = xreallocarray(rd->look, nl, sizeof *rd->look);
	}
	for (size_t i = 0; i < nl; i++) {
		qp_input_peek(rd->in, i, &p, &n);
		rd->look[i] = (tr_line){ p, n };
	}
	return nl;
}

/*
 * WebVTT by its signature on the first line (or a .vtt name), before
 * anything else is read: the WebVTT reader then names what is wrong
 * with a broken one.  Then the first lines, from the first that is not
 * blank: structured text no reader takes is refused by name, and each
 * format's probe is asked in the order of tr_formats; plain text is
 * what is left.
 */
const tr_format *
tr_detect(tr_reader *rd)
{
	tr_look look = { NULL, 0, false, rd->ext, rd->extlen };
	tr_line first;
	size_t nl, fb;

	/* JSON by its first bytes, before a line is peeked: a JSON file is
	 * often one line of many MB (tr_json.c reads it in chunks) */
	const char *h;
	size_t hn;
	if (qp_input_head(rd->in, &h, &hn)) {
		tr_line hl[64];
		look.line = hl;
		for (look.n = 0; look.n < 64 && hn > 0; look.n++) {
			const char *e = memchr(h, '\n', hn);
			size_t len = e ? (size_t)(e - h) : hn;
			hl[look.n] = (tr_line){ h, len > 0 && h[len - 1] == '\r' ? len - 1 : len };
			h += e ? len + 1 : len;
			hn -= e ? len + 1 : len;
		}
		if (looks_json(&look))
			return &tr_fmt_json;
	}
	if (!qp_input_peek(rd->in, 0, &first.p, &first.n))
		return &tr_fmt_plain;
	look.line = &first;
	look.n = 1;
	if (tr_fmt_vtt.probe(&look))
		return &tr_fmt_vtt;
	nl = read_window(rd, &look.whole);
	for (fb = 0; fb < nl && tr_blank(rd->look[fb].p, rd->look[fb].n); fb++)
		;
	if (fb == nl)
		return tr_ext_is(rd->ext, rd->extlen, "srt") ? &tr_fmt_srt : &tr_fmt_plain;
	look.line = rd->look + fb;
	look.n = nl - fb;
	/* WebVTT after blank lines: the reader says what is wrong */
	if (tr_fmt_vtt.probe(&look))
		return &tr_fmt_vtt;
	/* JSON (tr_json.c names the vendor, or what it is) and tables with a reader */
	if (tr_ext_is(look.ext, look.extlen, "json") || looks_json(&look))
		return &tr_fmt_json;
	if (tr_fmt_whisper_tsv.probe(&look))
		return &tr_fmt_whisper_tsv;
	if (tr_fmt_whispercpp_csv.probe(&look))
		return &tr_fmt_whispercpp_csv;
	const char *what = not_prose(&look);
	if (what)
		qp_die("%s: looks like %s; no reader for it yet, see segment(1)",
		       rd->name, what);
	for (const tr_format *const *f = tr_formats; *f; f++)
		if ((*f)->probe && (*f)->probe(&look))
			return *f;
	return &tr_fmt_plain;
}
