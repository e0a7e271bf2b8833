/*
 * tr_vtt_join.c: WebVTT cues to pieces (tr_vtt.h), with the cues that
 * meeting tools split rejoined:
 *   Teams Premium: ids "GUID/187-0", "GUID/187-1" are fragments of
 *     utterance GUID/187, in start-time order, so that another
 *     speaker's interjection can fall between them; the fragments are
 *     joined into the utterance, which keeps its place (its first
 *     fragment's) before the interjection.
 *   OneDrive: ids "GUID-N", no speakers, the text cut wherever the
 *     caption was full; a cue whose text ends without a sentence's end
 *     (. ? ! ...) runs on into the next one.
 * A fragment joins only an utterance among the last VTT_JOIN_WINDOW
 * pending (segment(1)); any other cue is given to the sink at once,
 * after every pending one.
 */
#include <stdbool.h>
#include <string.h>

#include "tr_vtt.h"

/* A Teams Premium id: the utterance key is what comes before its last
 * '-', when that is "/DIGITS" after something, and DIGITS follow. */
static size_t
premium_key(const char *id, size_t n)
{
	size_t d = n, k;

	while (d > 0 && tr_is_digit(id[d - 1]))
		d--;
	if (d == n || d < 2 || id[d - 1] != '-')
		return 0;
	k = d - 1;
	while (k > 0 && tr_is_digit(id[k - 1]))
		k--;
	if (k == d - 1 || k < 2 || id[k - 1] != '/')
		return 0;
	return d - 1;
}

static inline bool
is_hex(char c)
{
	return tr_is_digit(c) || (tr_lower(c) >= 'a' && tr_lower(c) <= 'f');
}

/* A OneDrive id: a GUID (8-4-4-4-12 hex digits), '-', digits. */
static bool
onedrive_id(const char *id, size_t n)
{
	static const char shape[] = "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx-";
	size_t k = sizeof shape - 1;

	if (n <= k)
		return false;
	for (size_t i = 0; i < k; i++)
		if (shape[i] == '-' ? id[i] != '-' : !is_hex(id[i]))
			return false;
	for (size_t i = k; i < n; i++)
		if (!tr_is_digit(id[i]))
			return false;
	return true;
}

/* Does the cue text end a sentence: . ? ! or an ellipsis last, closing
 * quotes, brackets and tags aside? */
static bool
ends_sentence(const char *t, size_t n)
{
	while (n > 0) {
		unsigned char c = (unsigned char)t[n - 1];
		if (tr_is_ws((char)c) || c == '\n' || c == '"' || c == '\'' || c == ')') {
			n--;
		} else if (c == '>') {
			const char *lt = NULL;
			for (size_t i = n - 1; i-- > 0;)
				if (t[i] == '<') {
					lt = t + i;
					break;
				}
			if (!lt)
				return false;
			n = (size_t)(lt - t);
		} else if (n >= 3 && memcmp(t + n - 3, "\xE2\x80\x9D", 3) == 0) {
			n -= 3;         /* a closing quotation mark */
		} else {
			return c == '.' || c == '?' || c == '!' ||
			       (n >= 3 && memcmp(t + n - 3, "\xE2\x80\xA6", 3) == 0);
		}
	}
	return true;
}

static void
give(tr_reader *rd, vtt_pending *q)
{
	rd->cline = q->line;
	tr_cue_text(rd, q->text.s, q->text.len, q->s, q->e, true);
}

void
vtt_join_flush(tr_reader *rd, vtt_join *j)
{
	for (size_t i = 0; i < j->n; i++)
		give(rd, &j->q[i]);
	j->n = 0;
}

void
vtt_join_cue(tr_reader *rd, vtt_join *j, const char *id, size_t idn,
             tr_msec s, tr_msec e, const char *text, size_t n)
{
	size_t kn = premium_key(id, idn);
	bool od = !kn && onedrive_id(id, idn);
	unsigned long line = rd->cline;
	vtt_pending *q;

	if (!kn && !od) {
		vtt_join_flush(rd, j);
		rd->cline = line;
		tr_cue_text(rd, text, n, s, e, true);
		return;
	}
	for (size_t i = 0; i < j->n; i++) {
		q = &j->q[i];
		if (kn ? q->key.len == kn && memcmp(q->key.s, id, kn) == 0 :
		         i + 1 == j->n && q->onedrive && !ends_sentence(q->text.s, q->text.len)) {
			buf_addc(&q->text, '\n');
			buf_add(&q->text, text, n);
			if (e > q->e)
				q->e = e;
			return;
		}
	}
	if (od)
		vtt_join_flush(rd, j);
	if (j->n == VTT_JOIN_WINDOW) {
		vtt_pending first = j->q[0];
		give(rd, &first);
		memmove(j->q, j->q + 1, (VTT_JOIN_WINDOW - 1) * sizeof *j->q);
		j->q[VTT_JOIN_WINDOW - 1] = first;      /* its buffers, reused */
		j->n--;
	}
	q = &j->q[j->n++];
	buf_reset(&q->key);
	buf_add(&q->key, id, kn);
	buf_reset(&q->text);
	buf_add(&q->text, text, n);
	q->s = s;
	q->e = e;
	q->line = line;
	q->onedrive = od;
}

void
vtt_join_free(vtt_join *j)
{
	for (size_t i = 0; i < VTT_JOIN_WINDOW; i++) {
		buf_free(&j->q[i].key);
		buf_free(&j->q[i].text);
	}
}
