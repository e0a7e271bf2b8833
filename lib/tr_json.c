/*
 * tr_json.c: JSON transcripts (tr_json.h): the file's bytes, in chunks
 * (qp_input_chunk: a file on one line is never held whole), streamed
 * through lib/jsonstream with the vendors' paths, each element handed to its
 * vendor; the shape is named by the first element that arrives, or by
 * the top-level keys when none does.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qp.h"
#include "tr_json.h"

static const trj_vendor *const vendors[] = {
	&trj_whisper, &trj_whispercpp, &trj_aws, &trj_deepgram, &trj_assemblyai,
	&trj_azure, &trj_google, NULL
};

static struct {
	trj j;
	const trj_vendor *pv[JS_MAXPATHS];
	int pw[JS_MAXPATHS];
} st;

static void
on_elem(void *ctx, int which, json_t *v)
{
	trj *j = ctx;
	const trj_vendor *ven = st.pv[which];

	qp_input_at(j->rd->in, js_offset(j->js), NULL);      /* its line, for tr_fail */

	if (!j->v)
		j->v = ven;
	else if (j->v != ven)
		tr_fail(j->rd, "JSON that mixes the shapes of %s and %s", j->v->what, ven->what);
	ven->elem(j, st.pw[which], v);
}

/* What the document is, for a message: its top-level keys, or its kind. */
static const char *
describe(js_stream *js)
{
	static char b[200];
	size_t off = 0;
	bool more;
	size_t n = js_nkeys(js, &more);

	switch (js_root(js)) {
	case '{':
		break;
	case '[':
		return "an array";
	case '"':
		return "a string";
	case '0':
		return "a number";
	default:
		return "a literal";
	}
	if (n == 0)
		return "an empty object";
	off = (size_t)snprintf(b, sizeof b, "top-level keys: ");
	for (size_t i = 0; i < n && i < 6; i++) {
		int k = snprintf(b + off, sizeof b - off, "%s%s", i ? ", " : "",
		                 tr_show(js_key(js, i), strlen(js_key(js, i))));
		if (k < 0 || (size_t)k >= sizeof b - off)
			break;
		off += (size_t)k;
	}
	if ((n > 6 || more) && off + 6 < sizeof b)
		strcpy(b + off, ", ...");
	return b;
}

/* No element came: a shape whose keys are there (and holds nothing to
 * read), or an error. */
static const trj_vendor *
by_keys(js_stream *js, const trj_vendor *only)
{
	for (const trj_vendor *const *v = vendors; *v; v++) {
		if (only && *v != only)
			continue;
		for (const char *const *a = (*v)->anchors; *a; a++) {
			/* "segments[": the key, with an array; the last byte is
			 * the kind of value (js_root) */
			char key[64];
			size_t n = strlen(*a) - 1;
			memcpy(key, *a, n);
			key[n] = '\0';
			if (js_key_kind(js, key) == (*a)[n])
				return *v;
		}
	}
	return NULL;
}

static void
tr_json_read(tr_reader *rd, const trj_vendor *only)
{
	const char *paths[JS_MAXPATHS + 1], *p;
	size_t np = 0, n;
	trj *j = &st.j;

	for (const trj_vendor *const *v = vendors; *v; v++) {
		if (only && *v != only)
			continue;
		for (int w = 0; (*v)->paths[w]; w++) {
			st.pv[np] = *v;
			st.pw[np] = w;
			paths[np++] = (*v)->paths[w];
		}
	}
	paths[np] = NULL;
	memset(j, 0, sizeof *j);
	j->rd = rd;
	buf_init(&j->held);
	buf_init(&j->spk);
	buf_init(&j->seg);
	buf_init(&j->text);
	j->js = js_new(paths, on_elem, j);
	/* in chunks, not lines: a JSON file is often one line of many MB */
	while (qp_input_chunk(rd->in, &p, &n)) {
		if (!js_feed_text(j->js, p, n)) {
			size_t col;
			qp_input_at(rd->in, js_offset(j->js), &col);
			tr_fail(rd, "JSON: %s (near byte %zu of the line)", js_error(j->js), col);
		}
	}
	if (!js_finish(j->js))
		tr_fail(rd, "JSON: %s", js_error(j->js));
	if (!j->v && !(j->v = by_keys(j->js, only))) {
		if (only)
			tr_fail(rd, "not %s JSON (%s)", only->what, describe(j->js));
		tr_fail(rd, "JSON of no known transcript shape (%s); see segment(1)",
		        describe(j->js));
	}
	if (j->v->end)
		j->v->end(j);
	trj_replay(j);
	js_free(j->js);
	free(j->q);
	buf_free(&j->held);
	buf_free(&j->spk);
	buf_free(&j->seg);
	buf_free(&j->text);
	memset(j, 0, sizeof *j);
}

static void
read_json(tr_reader *rd)
{
	tr_json_read(rd, NULL);
}

/* Detection sends JSON here (tr_detect.c), by its first bytes or a
 * .json name; the probe is not asked. */
const tr_format tr_fmt_json = { "json", NULL, read_json };

static void read_whisper(tr_reader *rd) { tr_json_read(rd, &trj_whisper); }
static void read_whispercpp(tr_reader *rd) { tr_json_read(rd, &trj_whispercpp); }
static void read_aws(tr_reader *rd) { tr_json_read(rd, &trj_aws); }
static void read_deepgram(tr_reader *rd) { tr_json_read(rd, &trj_deepgram); }
static void read_assemblyai(tr_reader *rd) { tr_json_read(rd, &trj_assemblyai); }
static void read_azure(tr_reader *rd) { tr_json_read(rd, &trj_azure); }
static void read_google(tr_reader *rd) { tr_json_read(rd, &trj_google); }

/* By name only (--from): each vendor's shape, the others' not taken. */
const tr_format tr_fmt_whisper_json = { "whisper-json", NULL, read_whisper };
const tr_format tr_fmt_whispercpp_json = { "whisper-cpp-json", NULL, read_whispercpp };
const tr_format tr_fmt_aws = { "aws-transcribe", NULL, read_aws };
const tr_format tr_fmt_deepgram = { "deepgram", NULL, read_deepgram };
const tr_format tr_fmt_assemblyai = { "assemblyai", NULL, read_assemblyai };
const tr_format tr_fmt_azure = { "azure", NULL, read_azure };
const tr_format tr_fmt_google = { "google-stt", NULL, read_google };
