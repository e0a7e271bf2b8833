/*
 * wordnet.c: wordnet.h on Debian's libwordnet (wn.h).
 *
 * Why the library and not a reader of our own: under ASan, UBSan and
 * LeakSanitizer its index lookup and synset reader are clean on every
 * lookup the tests and the fuzz harness make, and so under valgrind's
 * memcheck, which sees inside it; what it keeps (open FILEs in globals)
 * is reachable, not leaked.  The sanitizers do not instrument it,
 * though, and its buffers are of fixed size (256 bytes a word): so the
 * words it is handed are checked first (a folded ASCII word of at most
 * QP_WN_WORD_MAX bytes), and every synset it reads is freed before
 * control goes back, so that an error of the caller (a longjmp) cannot
 * leak one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <wn.h>

#include "map.h"
#include "wordnet.h"
#include "xalloc.h"

static int opened;              /* 0 not yet, 1 open, -1 failed */
static qp_buf open_msg;         /* what libwordnet said when it failed */

static bool opening;            /* in wninit */

/* libwordnet reports through this hook: print nothing; keep the first
 * message of wninit (what it could not open first).  Only then: memory
 * taken later could be taken inside a fuzz run, and freed under it. */
static int
quiet(char *msg)
{
	if (!opening || open_msg.len)
		return -1;
	buf_adds(&open_msg, msg);
	while (open_msg.len && (open_msg.s[open_msg.len - 1] == '\n'))
		open_msg.s[--open_msg.len] = '\0';
	return -1;
}

const char *
qp_wn_dir(void)
{
	static char dir[512];
	const char *e = getenv("WNSEARCHDIR");
	if (e && *e)
		return e;
	e = getenv("WNHOME");
	if (e && *e) {
		snprintf(dir, sizeof dir, "%s/dict", e);
		return dir;
	}
	return "/usr/share/wordnet";
}

bool
qp_wn_open(qp_buf *why)
{
	if (opened == 0) {
		display_message = quiet;
		opening = true;
		opened = wninit() == 0 ? 1 : -1;
		opening = false;
	}
	if (opened < 0) {
		buf_printf(why, "WordNet is not readable in %s (%s; WNSEARCHDIR "
		           "names the folder of its index and data files)", qp_wn_dir(),
		           open_msg.len ? open_msg.s : "wninit failed");
		return false;
	}
	return true;
}

static const char *
pos_name(int pos)
{
	switch (pos) {
	case NOUN: return "noun";
	case VERB: return "verb";
	case ADJ: return "adjective";
	default: return "adverb";
	}
}

/* Append the lemmas of synset s not seen before to out. */
static long
take_words(const Synset *s, qp_map *seen, qp_buf *out)
{
	long k = 0;
	for (int i = 0; i < s->wcount; i++) {
		const char *w = s->words[i];
		size_t n = strlen(w);
		bool cap = false;
		for (size_t j = 0; j < n; j++)
			cap |= w[j] >= 'A' && w[j] <= 'Z';
		if (cap)
			continue;
		/* An adjective's syntactic marker: "(a)", "(p)", "(ip)". */
		const char *par = memchr(w, '(', n);
		if (par)
			n = (size_t)(par - w);
		if (n == 0)
			continue;
		bool created;
		qp_map_put(seen, w, n, &created);
		if (!created)
			continue;
		size_t at = out->len;
		buf_add(out, w, n);
		for (size_t j = at; j < out->len; j++)
			if (out->s[j] == '_')
				out->s[j] = ' ';
		buf_addc(out, '\0');
		k++;
	}
	return k;
}

/*
 * The synset at offset of pos and, to depth more levels, the synsets
 * its pointers of type ptr lead to.  visited keeps a synset from being
 * read twice (a word may reach one by two paths).
 */
static long
walk(int pos, long offset, int ptr, unsigned depth, qp_map *visited,
     qp_map *seen, qp_buf *out)
{
	char key[32];
	int kn = snprintf(key, sizeof key, "%d:%ld", pos, offset);
	bool created;
	if (qp_map_count(visited) >= QP_WN_SYNSETS_MAX)
		return 0;
	qp_map_put(visited, key, (size_t)kn, &created);
	if (!created)
		return 0;
	char none[1] = "";
	Synset *s = read_synset(pos, offset, none);
	if (!s)
		return 0;
	long k = take_words(s, seen, out);
	/* Copy the pointers out first: the synset is freed before going
	 * deeper, so that at most one is held at a time. */
	size_t np = 0;
	long *offs = NULL;
	int *poss = NULL;
	if (depth > 0 && s->ptrcount > 0) {
		offs = xreallocarray(NULL, (size_t)s->ptrcount, sizeof *offs);
		poss = xreallocarray(NULL, (size_t)s->ptrcount, sizeof *poss);
		for (int i = 0; i < s->ptrcount; i++) {
			int pp = s->ppos[i] == SATELLITE ? ADJ : s->ppos[i];
			bool up = ptr == HYPERPTR &&
			          (s->ptrtyp[i] == HYPERPTR || s->ptrtyp[i] == INSTANCE);
			bool down = ptr == HYPOPTR && s->ptrtyp[i] == HYPOPTR;
			if ((up || down) && pp >= 1 && pp <= NUMPARTS) {
				offs[np] = s->ptroff[i];
				poss[np++] = pp;
			}
		}
	}
	free_synset(s);
	for (size_t i = 0; i < np; i++)
		k += walk(poss[i], offs[i], ptr, depth - 1, visited, seen, out);
	free(offs);
	free(poss);
	return k;
}

long
qp_wn_lemmas(const char *word, size_t n, char pos, unsigned sense,
             enum qp_wn_rel rel, unsigned depth, qp_buf *out, qp_buf *why)
{
	char w[QP_WN_WORD_MAX + 1];
	int p0 = NOUN, p1 = ADV;

	if (!qp_wn_open(why))
		return -1;
	/* WordNet's index keys: lower-case ASCII, '_' between words. */
	bool ok = n > 0 && n <= QP_WN_WORD_MAX;
	for (size_t i = 0; ok && i < n; i++) {
		char c = word[i];
		if (c == ' ' || c == '\t')
			c = '_';
		ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		     c == '_' || c == '-' || c == '\'' || c == '.' || c == '/';
		w[i] = c;
	}
	if (!ok) {
		buf_printf(why, "'%.*s' is not in WordNet", (int)n, word);
		return -1;
	}
	w[n] = '\0';
	switch (pos) {
	case 0: break;
	case 'n': p0 = p1 = NOUN; break;
	case 'v': p0 = p1 = VERB; break;
	case 'a': p0 = p1 = ADJ; break;
	case 'r': p0 = p1 = ADV; break;
	default:
		buf_printf(why, "bad part of speech '%c' (n, v, a or r)", pos);
		return -1;
	}
	int ptr = rel == QP_WN_NARROWER ? HYPOPTR : HYPERPTR;
	unsigned d = rel == QP_WN_SYN ? 0 : depth;
	qp_map *visited = qp_map_new(), *seen = qp_map_new();
	long k = 1;
	bool found = false, created;
	/* The word itself first, as it is written. */
	size_t at = out->len;
	qp_map_put(seen, w, n, &created);
	buf_add(out, w, n);
	for (size_t j = at; j < out->len; j++)
		if (out->s[j] == '_')
			out->s[j] = ' ';
	buf_addc(out, '\0');
	for (int p = p0; p <= p1; p++) {
		Index *ix = index_lookup(w, p);
		if (!ix)
			continue;
		found = true;
		if (sense > (unsigned)ix->off_cnt) {
			buf_printf(why, "WordNet has %d sense%s of %s '%s', not %u",
			           ix->off_cnt, ix->off_cnt == 1 ? "" : "s",
			           pos_name(p), w, sense);
			free_index(ix);
			k = -1;
			break;
		}
		for (int s = 0; s < ix->off_cnt; s++)
			if (sense == 0 || (unsigned)s + 1 == sense)
				k += walk(p, (long)ix->offset[s], ptr, d, visited, seen, out);
		free_index(ix);
	}
	if (k >= 0 && qp_map_count(visited) >= QP_WN_SYNSETS_MAX) {
		buf_printf(why, "'%s' reaches more than %d WordNet synsets: name a part "
		           "of speech or a sense, or a smaller depth", w, QP_WN_SYNSETS_MAX - 1);
		k = -1;
	}
	if (k >= 0 && !found) {
		if (pos)
			buf_printf(why, "'%s' is not in WordNet as %s %s", w,
			           pos == 'a' || pos == 'r' ? "an" : "a", pos_name(p0));
		else
			buf_printf(why, "'%s' is not in WordNet", w);
		k = -1;
	}
	if (k < 0) {
		out->len = at;
		out->s[at] = '\0';
	}
	qp_map_free(visited);
	qp_map_free(seen);
	return k;
}
