/*
 * tr_aws.c: Amazon Transcribe's JSON (tr_json.h).
 *
 * results.items[]: words ("pronunciation") and punctuation, times as
 * strings of seconds, the text in alternatives[0].content, the speaker
 * in speaker_label (channel_label with channel identification).  A
 * punctuation item has no times and belongs to the word before it.
 * Older files give the speakers only in results.speaker_labels
 * .segments[] (each with its items' start times), and channels in
 * results.channel_labels.channels[].items[]: these become a table of
 * spans looked up by a word's start.  Words that need the table before
 * it has come are held until it does (or the file ends).
 */
#include <stdlib.h>
#include <string.h>

#include "qp.h"
#include "tr_json.h"

typedef struct {
	tr_msec start, end;
	size_t lab;             /* offset into labs */
} span;

typedef struct {
	span *s;
	size_t n, cap;
	qp_buf labs;
	bool have;              /* a table has come */
} table;

static int
by_start(const void *a, const void *b)
{
	const span *x = a, *y = b;
	return x->start < y->start ? -1 : x->start > y->start;
}

static table *
tab(trj *j)
{
	if (!j->vs) {
		table *t = xcalloc(1, sizeof *t);
		buf_init(&t->labs);
		j->vs = t;
	}
	return j->vs;
}

static void
add_span(trj *j, json_t *o, const char *lab, size_t n)
{
	table *t = tab(j);
	tr_msec s = trj_sec(j, o, "start_time"), e = trj_sec(j, o, "end_time");

	if (s < 0)
		return;
	XGROW(t->s, t->n, t->cap);
	t->s[t->n++] = (span){ s, e < s ? s : e, t->labs.len };
	buf_add(&t->labs, lab, n);
	buf_addc(&t->labs, '\0');
}

/* The label of the last span that starts at or before t and holds it. */
static const char *
lookup(trj *j, tr_msec t0, size_t *n)
{
	table *t = j->vs;
	size_t lo = 0, hi;

	if (!t || t->n == 0)
		return NULL;
	hi = t->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (t->s[mid].start <= t0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t k = lo; k-- > 0 && lo - k <= 64;) {
		if (t->s[k].start == t0 || t0 < t->s[k].end) {
			const char *l = t->labs.s + t->s[k].lab;
			*n = strlen(l);
			return l;
		}
	}
	return NULL;
}

/* results.speaker_labels or results.channel_labels, whole */
static void
labels(trj *j, json_t *v, const char *list, const char *key)
{
	json_t *segs = trj_get(v, list), *seg, *items, *it;
	size_t i, k;

	if (!json_is_array(segs))
		return;
	json_array_foreach(segs, i, seg) {
		if (!trj_label(j, seg, key))
			continue;
		char *lab = xstrdup(j->spk.s);
		size_t ln = strlen(lab);
		add_span(j, seg, lab, ln);
		items = trj_get(seg, "items");
		if (json_is_array(items))
			json_array_foreach(items, k, it)
				add_span(j, it, lab, ln);
		free(lab);
	}
	table *t = tab(j);
	if (t->n > 1)
		qsort(t->s, t->n, sizeof *t->s, by_start);
	t->have = true;
	trj_replay(j);
}

static void
item(trj *j, json_t *it)
{
	json_t *alt = trj_first(it, "alternatives");
	const char *type, *c, *lab = "";
	size_t n, tn = 0, ln = 0;

	if (!(c = trj_str(j, alt, "content", &n)))
		tr_fail(j->rd, "AWS Transcribe: an item without alternatives[0].content");
	type = trj_str(j, it, "type", &tn);
	tr_msec s = trj_sec(j, it, "start_time"), e = trj_sec(j, it, "end_time");
	if (type && tn == 11 && memcmp(type, "punctuation", 11) == 0) {
		trj_word(j, "", 0, c, n, s, e, TRJ_GLUE);
		return;
	}
	if (trj_label(j, it, "speaker_label") || trj_label(j, it, "channel_label")) {
		lab = j->spk.s;
		ln = j->spk.len;
	} else if (!(j->vs && ((table *)j->vs)->have)) {
		/* the speakers may come after the items */
		trj_hold(j, true);
	} else if (!(lab = lookup(j, s, &ln))) {
		lab = "";
		ln = 0;
	}
	trj_word(j, lab, ln, c, n, s, e, 0);
}

static void
aws_elem(trj *j, int which, json_t *v)
{
	if (which == 0)
		item(j, v);
	else if (which == 1)
		labels(j, v, "segments", "speaker_label");
	else
		labels(j, v, "channels", "channel_label");
}

static const char *
aws_relabel(trj *j, tr_msec start, size_t *n)
{
	return start < 0 ? NULL : lookup(j, start, n);
}

static void
aws_end(trj *j)
{
	table *t = j->vs;

	trj_replay(j);
	if (t) {
		free(t->s);
		buf_free(&t->labs);
		free(t);
		j->vs = NULL;
	}
}

static const char *const aws_paths[] = {
	"results.items[*]", "results.speaker_labels", "results.channel_labels", NULL
};
static const char *const aws_keys[] = { "jobName\"", NULL };

const trj_vendor trj_aws = {
	"aws-transcribe", "AWS Transcribe", aws_paths, aws_keys, aws_elem, aws_end, aws_relabel
};
