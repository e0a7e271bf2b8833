/*
 * names.c: the name lexicon and the name guesser (see names.h).
 *
 * Every word of the text is looked up, so the lookup is the hot path of
 * anonymize: the tokenizer folds and hashes a word of ASCII letters in
 * the same pass that finds it, and a direct-mapped cache in front of the
 * table answers the few thousand distinct words that make up nearly all
 * of any text from one cache line.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <utf8proc.h>

#include "buf.h"
#include "input.h"
#include "map.h"
#include "names.h"
#include "qp.h"
#include "utf8.h"
#include "words.h"

#ifndef QP_DATADIR
#define QP_DATADIR "/usr/local/share/qualpipe"
#endif

typedef struct {
	uint32_t flags;
	uint32_t phr;          /* first phrase anchored here, + 1 */
} lexent;

typedef struct {
	uint32_t next;         /* next phrase with the same anchor, + 1 */
	uint32_t words;        /* offset in wpool */
	uint32_t n;
	enum names_phrase_kind kind;
	uint32_t owner;
} phrase;

/*
 * The cache trusts the 64-bit hash: two different words share one with
 * odds of about 2^-64 per pair, far below any other source of error
 * here.  The lexicon is complete before the text is read, so entries
 * never go stale.
 */
#define LCACHE 8192
typedef struct {
	uint64_t h;
	uint32_t id;           /* 0: not in the lexicon */
	uint32_t flags, phr;   /* copies of the lexicon entry's */
	uint32_t used;
} lhit;

struct qp_names {
	lhit cache[LCACHE];    /* first: the address the hot path computes */
	qp_map *words;         /* folded word -> id (index in lexv + 1) */
	lexent *lexv;
	size_t nlex, lexcap;
	phrase *phv;
	size_t nph, phcap;
	uint32_t *wpool;       /* the words of every phrase, as ids */
	size_t nwpool, wpoolcap;
	uint32_t *idv;         /* names_intern_words' answer */
	size_t idcap;
	names_tok *tokv;       /* names_tokenize's answer */
	size_t tokcap;
	qp_buf fold;           /* a word being folded */
};

/* FNV-1a (map.h): cheap to compute byte by byte while a word is being
 * folded, and as good as any 64-bit hash at keeping words apart. */
static uint64_t
fnv(const char *w, size_t n)
{
	return qp_fnv1a(QP_FNV_INIT, w, n);
}

/* A word the cache does not hold: from the table, into the cache. */
static const lhit * __attribute__((noinline))
lookup_miss(qp_names *nm, lhit *c, const char *w, size_t n, uint64_t h)
{
	qp_entry *e = qp_map_get(nm->words, w, n);
	uint32_t id = e ? (uint32_t)(uintptr_t)e->val : 0;
	c->h = h;
	c->id = id;
	c->flags = id ? nm->lexv[id - 1].flags : 0;
	c->phr = id ? nm->lexv[id - 1].phr : 0;
	c->used = 1;
	return c;
}

static inline const lhit *
lookup(qp_names *nm, const char *w, size_t n, uint64_t h)
{
	lhit *c = &nm->cache[(h ^ h >> 29) & (LCACHE - 1)];
	if (c->used && c->h == h)
		return c;
	return lookup_miss(nm, c, w, n, h);
}

uint32_t
names_intern(qp_names *nm, const char *w, size_t n)
{
	bool created;
	qp_entry *e = qp_map_put(nm->words, w, n, &created);
	if (created) {
		if (nm->nlex == nm->lexcap) {
			nm->lexcap = nm->lexcap ? nm->lexcap * 2 : 1024;
			nm->lexv = xreallocarray(nm->lexv, nm->lexcap, sizeof *nm->lexv);
		}
		nm->lexv[nm->nlex].flags = 0;
		nm->lexv[nm->nlex].phr = 0;
		e->val = (void *)(uintptr_t)(++nm->nlex);
	}
	return (uint32_t)(uintptr_t)e->val;
}

uint32_t
names_intern_listed(qp_names *nm, const char *w)
{
	size_t n = strlen(w), k = 0;
	while (k < n && (unsigned char)w[k] < 0x80)
		k++;
	if (k == n)
		return names_intern(nm, w, n);
	/* the text's words are looked up folded, marks stripped */
	buf_reset(&nm->fold);
	utf8_fold(w, n, &nm->fold);
	return names_intern(nm, nm->fold.s, nm->fold.len);
}

void
names_set_flags(qp_names *nm, uint32_t id, uint32_t flags)
{
	nm->lexv[id - 1].flags |= flags;
}

uint32_t
names_flags(const qp_names *nm, uint32_t id)
{
	return id && id <= nm->nlex ? nm->lexv[id - 1].flags : 0;
}

static void
flag_list(qp_names *nm, const char *const *list, uint32_t f)
{
	for (; *list; list++)
		names_set_flags(nm, names_intern_listed(nm, *list), f);
}

/* The closed lists of the guesser.  Titles, months and weekdays are the
 * shared ones of words.h. */
static const char *const w_cues[] = {
	"named", "called", "friend", "colleague", "classmate", "roommate",
	"mentor", "preceptor", "husband", "wife", "partner", "son", "daughter",
	"brother", "sister", "mom", "dad", "mother", "father", "uncle", "aunt",
	"cousin", "boyfriend", "girlfriend", "patient", "resident",
	"attending", "flatmate", "housemate", "roommates", "boss",
	"supervisor", "manager", "coworker", "neighbor", "neighbour",
	"grandma", "grandpa", "grandmother", "grandfather", "niece",
	"nephew", "fiance", "fiancee", "stepson", "stepdaughter", "sibling",
	"bestie", "buddy", "trainer", "tutor", "therapist", "kid", "child",
	"baby", "grandson", "granddaughter", "grandkid", "godson", "goddaughter",
	"teammate", "spouse", "stepmom", "stepdad", "stepmother", "stepfather",
	"counselor", "counsellor", "pediatrician", "teacher", "aide", NULL
};
static const char *const w_says[] = {
	"said", "says", "told", "mentioned", "asked", "wrote", "explained",
	"noted", "thinks", "thought", "suggested", "put", "recommended",
	"replied", "answered", "added", "recalled", NULL
};
static const char *const w_like[] = { "like", "as", NULL };
/* Before a roster name that is also a word, these make it the word: a
 * determiner or possessive a noun ("my will", "the bill"), a subject
 * or an adverb a verb ("i will", "we hope", "i really hope"). */
static const char *const w_det[] = {
	"a", "an", "the", "my", "your", "his", "her", "our", "their", "its",
	"this", "that", "these", "those", "no", "any", "every", "some",
	"each", "much", "more", "own", "free", "good", "ill", "lost", "last",
	"next", "early", "late", "whole", "entire", "final", "total", "unpaid",
	"monthly", "another", "same", "such", NULL
};
static const char *const w_pron[] = {
	"i", "we", "you", "they", "he", "she", "it", "who", "which", "what",
	"there", "everyone", "everybody", "someone", "somebody", "nobody",
	"people", "me", "him", "her", "us", "them", "i'll", "we'll", "you'll",
	"they'll", "would", "could", "should", "might", "must", "can",
	"cannot", "can't", "won't", "don't", "didn't", "doesn't", "not",
	"do", "did", "does", "really", "just", "also", "still", "always",
	"never", "sure", "truly", "only", NULL
};
static const char *const w_and[] = { "and", "or", "&", NULL };
static const char *const w_greet[] = {
	"thanks", "thank", "hi", "hey", "hello", "bye", "goodbye", "welcome",
	"sorry", "morning", "evening", "afternoon", NULL
};
static const char *const w_where[] = {
	"in", "from", "to", "at", "near", "outside", "around", "via", NULL
};
/* Words that end a guessed name: function words and the nouns that
 * follow a title when it is a job ("Nurse Practitioner"). */
static const char *const w_stop[] = {
	"i", "i'm", "i'd", "i've", "i'll", "a", "an", "the", "of",
	"and", "or", "but", "for", "in", "at", "on", "to", "from",
	"with", "by", "is", "was", "who", "that", "this", "it", "he",
	"she", "they", "we", "you", "my", "our", "their", "his", "her",
	"practitioner", "practitioners", "assistant", "assistants",
	"emeritus", "office", "school", "student", "students",
	"resident", "residents", "hospital", "clinic", "center",
	"centre", "university", "college", "department", "medical",
	"medicine", "health", "program", "building", "street", "road",
	"avenue", "hall", "house", "day", "week", "month", "year",
	"group", "team", "course", "step", "ok", "okay", "yes", "no",
	"yeah", "so", "well", "oh", "um", "uh",
	/* function words and the commonest verbs: no name is one, and
	 * before a head they are no institution's ("i have school",
	 * "a program through canyon county") */
	"have", "has", "had", "having", "make", "makes", "made", "get",
	"gets", "got", "take", "takes", "took", "go", "goes", "went", "be",
	"been", "being", "are", "were", "am", "would", "could", "should",
	"might", "must", "shall", "through", "about", "into", "onto", "over",
	"after", "before", "because", "if", "when", "where", "what", "how",
	"why", "than", "then", "there", "here", "not", "also", "just",
	"really", "very", "all", "any", "some", "every", "your", "its", "me",
	"him", "them", "us", "these", "those", "which", "whose", "against",
	"between", "during", "without", "within", "under", "until", "while",
	"since", "though", "although", "skip", "skipped", "hate", "hated",
	"finish", "finished", "start", "started", "leave", "left", "quit",
	"attend", "attended", "need", "needs", "needed", "want", "wants",
	"wanted", "like", "liked", NULL
};
/* Capitalised, yet not names on their own (with the months and the
 * weekdays). */
static const char *const w_notname[] = {
	"god", "lord", "jesus", "christmas", "easter",
	"thanksgiving", "english", "american", "america", "zoom", "covid",
	"black", "white", "hispanic", "latino", "latina", "asian", "african",
	"sim", "match", NULL
};

/* Byte classes for the tokenizer's ASCII path: 1 a letter or digit,
 * 2 a byte of a multibyte character, 0 anything else.  Filled by
 * names_new, the same every time. */
static unsigned char wcls[256], lower[256];

qp_names *
names_new(void)
{
	qp_names *nm = xcalloc(1, sizeof *nm);
	nm->words = qp_map_new();
	for (int c = 0; c < 256; c++) {
		wcls[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		          (c >= '0' && c <= '9') ? 1 : c >= 0x80 ? 2 : 0;
		lower[c] = (unsigned char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
	}
	flag_list(nm, qp_titles, NAME_TITLE);
	flag_list(nm, qp_title_abbrevs, NAME_ABBR);
	flag_list(nm, w_cues, NAME_CUE);
	flag_list(nm, w_says, NAME_SAYS);
	flag_list(nm, w_like, NAME_LIKE);
	flag_list(nm, w_where, NAME_WHERE);
	flag_list(nm, w_stop, NAME_STOP);
	flag_list(nm, qp_months, NAME_NOTNAME);
	flag_list(nm, qp_weekdays, NAME_NOTNAME);
	flag_list(nm, w_notname, NAME_NOTNAME);
	flag_list(nm, w_det, NAME_DET);
	flag_list(nm, w_pron, NAME_PRON);
	flag_list(nm, w_and, NAME_AND);
	flag_list(nm, w_greet, NAME_GREET);
	return nm;
}

void
names_free(qp_names *nm)
{
	if (!nm)
		return;
	qp_map_free(nm->words);
	free(nm->lexv);
	free(nm->phv);
	free(nm->wpool);
	free(nm->idv);
	free(nm->tokv);
	buf_free(&nm->fold);
	free(nm);
}

/* --- the shipped name lists --- */

void
names_read_list(const char *path, void (*fn)(void *ctx, const char *w, size_t n),
                void *ctx)
{
	char *files[1] = { (char *)path };
	qp_input *in = qp_input_new(1, files, 0);
	const char *line;
	size_t len;
	qp_buf fb = QP_BUF_INIT;

	while (qp_input_line(in, &line, &len)) {
		while (len && (line[0] == ' ' || line[0] == '\t'))
			line++, len--;
		while (len && (line[len - 1] == ' ' || line[len - 1] == '\t'))
			len--;
		if (len == 0 || line[0] == '#')
			continue;
		buf_reset(&fb);
		utf8_fold(line, len, &fb);
		fn(ctx, fb.s, fb.len);
	}
	buf_free(&fb);
	qp_input_free(in);
}

/* A word of a shipped list, with the list's flag. */
struct list_ctx {
	qp_names *nm;
	uint32_t flag;
};

static void
add_listed(void *ctx, const char *w, size_t n)
{
	struct list_ctx *c = ctx;
	names_set_flags(c->nm, names_intern(c->nm, w, n), c->flag);
}

static bool
file_exists(const char *dir, const char *name)
{
	char p[PATH_MAX];
	struct stat st;
	if (snprintf(p, sizeof p, "%s/%s", dir, name) >= (int)sizeof p)
		return false;
	return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

/*
 * Where the data directory sub is, into buf: the installed data
 * directory, else data/SUB next to an uninstalled build (the executable's
 * directory or up to three above it), else share/qualpipe/SUB beside the
 * executable's bin/ (an installation moved, or staged with DESTDIR).
 */
bool
names_find_data(const char *sub, const char *file, char *buf, size_t size)
{
	if (snprintf(buf, size, "%s/%s", QP_DATADIR, sub) < (int)size &&
	    file_exists(buf, file))
		return true;
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0)
		return false;
	exe[n] = '\0';
	for (int up = 0; up < 4; up++) {
		char *sl = strrchr(exe, '/');
		if (!sl)
			break;
		*sl = '\0';
		if (snprintf(buf, size, "%s/data/%s", exe, sub) < (int)size &&
		    file_exists(buf, file))
			return true;
		/* an installation moved as a whole: PREFIX/bin, PREFIX/share */
		if (up == 1 && snprintf(buf, size, "%s/share/qualpipe/%s", exe, sub) <
		    (int)size && file_exists(buf, file))
			return true;
	}
	return false;
}

void
names_load_lists(qp_names *nm, const char *dir)
{
	/* words.txt may be missing from a --names-dir made for an older
	 * release: lower-case text is then read with less to go by */
	static const struct { const char *f; uint32_t fl; bool opt; } lists[] = {
		{ "first.txt", NAME_FIRST, false }, { "last.txt", NAME_LAST, false },
		{ "common.txt", NAME_COMMON, false }, { "words.txt", NAME_WORD, true }
	};
	char found[PATH_MAX], p[PATH_MAX];

	if (dir && !file_exists(dir, "first.txt"))
		qp_die("--names-dir %s: no first.txt there", dir);
	if (!dir && !names_find_data("names", "first.txt", found, sizeof found))
		qp_die("cannot find the name lists (first.txt, last.txt, common.txt) "
		       "in " QP_DATADIR "/names or beside the program; use --names-dir DIR");
	if (!dir)
		dir = found;
	for (size_t k = 0; k < sizeof lists / sizeof lists[0]; k++) {
		if (snprintf(p, sizeof p, "%s/%s", dir, lists[k].f) >= (int)sizeof p)
			qp_die("%s: path too long", dir);
		if (lists[k].opt && !file_exists(dir, lists[k].f))
			continue;
		struct list_ctx c = { nm, lists[k].fl };
		names_read_list(p, add_listed, &c);
	}
}

/* --- phrases --- */

size_t
names_intern_words(qp_names *nm, const char *s, size_t n, const uint32_t **ids)
{
	size_t k = 0;
	qp_words w;
	qp_word t;

	words_init(&w, s, n);
	while (words_next(&w, &t)) {
		if (k == nm->idcap) {
			nm->idcap = nm->idcap ? nm->idcap * 2 : 16;
			nm->idv = xreallocarray(nm->idv, nm->idcap, sizeof *nm->idv);
		}
		nm->idv[k++] = names_intern(nm, s + t.off, t.len);
	}
	*ids = nm->idv;
	return k;
}

void
names_add_phrase(qp_names *nm, const uint32_t *ids, size_t n,
                 enum names_phrase_kind kind, uint32_t owner)
{
	if (n == 0)
		return;
	lexent *a = &nm->lexv[ids[0] - 1];
	for (uint32_t p = a->phr; p; p = nm->phv[p - 1].next) {
		phrase *q = &nm->phv[p - 1];
		if (q->n == n && memcmp(nm->wpool + q->words, ids, n * sizeof *ids) == 0)
			return;
	}
	if (nm->nwpool + n > nm->wpoolcap) {
		nm->wpoolcap = (nm->wpoolcap + n) * 2;
		nm->wpool = xreallocarray(nm->wpool, nm->wpoolcap, sizeof *nm->wpool);
	}
	memcpy(nm->wpool + nm->nwpool, ids, n * sizeof *ids);
	if (nm->nph == nm->phcap) {
		nm->phcap = nm->phcap ? nm->phcap * 2 : 256;
		nm->phv = xreallocarray(nm->phv, nm->phcap, sizeof *nm->phv);
	}
	phrase *q = &nm->phv[nm->nph++];
	q->words = (uint32_t)nm->nwpool;
	q->n = (uint32_t)n;
	q->kind = kind;
	q->owner = owner;
	q->next = a->phr;
	a->phr = (uint32_t)nm->nph;
	nm->nwpool += n;
}

bool
names_joinable(const char *s, const names_tok *a, const names_tok *b)
{
	size_t g = b->off - (a->off + a->len);
	if (g == 0 || g > 3)
		return false;
	for (size_t i = a->off + a->len; i < b->off; i++)
		if (!(s[i] == ' ' || s[i] == '-' || s[i] == '.' || s[i] == '/'))
			return false;
	return true;
}

int
names_match_phrase(const qp_names *nm, const char *s, const names_tok *tv,
                   size_t ntok, size_t i, uint32_t *owner,
                   enum names_phrase_kind *kind, bool *whole)
{
	const phrase *phv = nm->phv;
	const uint32_t *wpool = nm->wpool;
	uint32_t best = 0;
	for (uint32_t p = tv[i].phr; p; p = phv[p - 1].next) {
		const phrase *q = &phv[p - 1];
		if (q->n <= best || i + q->n > ntok)
			continue;
		size_t k;
		for (k = 0; k < q->n; k++) {
			const names_tok *t = &tv[i + k];
			bool last = k + 1 == q->n;
			if (t->id != wpool[q->words + k] &&
			    !(last && t->pid == wpool[q->words + k]))
				break;
			if (k > 0 && !names_joinable(s, &tv[i + k - 1], t))
				break;
		}
		if (k == q->n) {
			best = q->n;
			*owner = q->owner;
			*kind = q->kind;
			/* a phrase that ends in 's takes the whole word */
			*whole = tv[i + k - 1].id == wpool[q->words + k - 1];
		}
	}
	/* a possessive single word: its stripped form may anchor phrases */
	if (!best && tv[i].pid != tv[i].id && tv[i].pid) {
		for (uint32_t p = tv[i].pphr; p; p = phv[p - 1].next) {
			const phrase *q = &phv[p - 1];
			if (q->n == 1) {
				best = 1;
				*owner = q->owner;
				*kind = q->kind;
				*whole = false;
				break;
			}
		}
	}
	return (int)best;
}

/* --- the tokenizer --- */

static bool
is_upper_cp(const char *s, size_t n, bool *allcaps, bool *digit)
{
	bool first = false, any_lower = false, any_letter = false;
	*digit = false;
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		int32_t cp;
		size_t l;
		if (c < 0x80) {
			cp = c;
			l = 1;
		} else {
			l = utf8_decode(s + i, &cp);
		}
		bool up, lo;
		if (cp < 0x80) {
			up = cp >= 'A' && cp <= 'Z';
			lo = cp >= 'a' && cp <= 'z';
			if (cp >= '0' && cp <= '9')
				*digit = true;
		} else {
			utf8proc_category_t cat = utf8proc_category(cp);
			up = cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT;
			lo = cat == UTF8PROC_CATEGORY_LL;
		}
		if (i == 0)
			first = up;
		any_lower |= lo;
		any_letter |= up || lo;
		i += l;
	}
	*allcaps = any_letter && !any_lower;
	return first;
}

/*
 * The next word at or after *pos, as words_next(3) defines words: this
 * is words_next with a fast path for words of ASCII letters, digits and
 * straight apostrophes, which most words are.  Any word that touches a
 * multibyte character is handed to words_next.  *ascii says which path.
 */
static bool next_word_slow(const char *s, size_t n, size_t i, size_t *pos,
                           qp_word *wd);

/* The ASCII path also folds the word into fb (its first WBUF bytes)
 * and hashes it: *h the whole word, *h2 the word less a final "'s". */
#define WBUF 64

static inline bool
next_word(const char *s, size_t n, size_t *pos, qp_word *wd, bool *ascii,
          char *fb, uint64_t *h, uint64_t *h2)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = *pos;

	while (i < n && wcls[u[i]] == 0)
		i++;
	if (i >= n)
		return false;
	if (wcls[u[i]] == 1) {
		size_t j = i, k = 0;
		uint64_t hh = QP_FNV_INIT, hap = 0;
		for (;;) {
			while (j < n && wcls[u[j]] == 1) {
				unsigned char c = lower[u[j++]];
				if (k < WBUF)
					fb[k] = (char)c;
				k++;
				hh = QP_FNV_STEP(hh, c);
			}
			if (j + 1 < n && u[j] == '\'' && wcls[u[j + 1]] == 1) {
				hap = hh;
				if (k < WBUF)
					fb[k] = '\'';
				k++;
				hh = QP_FNV_STEP(hh, '\'');
				j++;
				continue;
			}
			break;
		}
		*h = hh;
		*h2 = hap;
		if (j >= n || (u[j] < 0x80 && !(u[j] == '\'' && j + 1 < n && u[j + 1] >= 0x80))) {
			wd->off = i;
			wd->len = wd->cp_len = j - i;
			*pos = j;
			*ascii = true;
			return true;
		}
	}
	*ascii = false;
	return next_word_slow(s, n, i, pos, wd);
}

static bool __attribute__((noinline))
next_word_slow(const char *s, size_t n, size_t i, size_t *pos, qp_word *wd)
{
	qp_words w;
	words_init(&w, s, n);
	w.pos = i;
	if (!words_next(&w, wd)) {
		*pos = n;
		return false;
	}
	*pos = wd->off + wd->len;
	return true;
}

/* Case and digits of token t, the word s[wd->off..) */
static inline void
tok_shape(names_tok *t, const char *s, const qp_word *wd)
{
	unsigned char c0 = (unsigned char)s[wd->off];
	if (c0 >= 'a' && c0 <= 'z') {
		/* the usual case: no capital, and digits do not matter */
		t->cap = t->allcaps = t->digit = t->up = 0;
	} else if (c0 >= '0' && c0 <= '9') {
		t->cap = t->allcaps = t->up = 0;
		t->digit = 1;
	} else {
		bool allcaps, digit;
		bool up = is_upper_cp(s + wd->off, wd->len, &allcaps, &digit);
		t->allcaps = allcaps;
		t->digit = digit;
		t->up = up;
		/* "MS", "DO", "ED": short capitals are abbreviations */
		t->cap = up && !(allcaps && wd->cp_len <= 2);
	}
}

/* "the neighbors": a plural the word list lacks, of a word it has that
 * is no name, is that word.  Rare, so out of the tokenizer's way. */
static __attribute__((noinline)) void
plural_word(qp_names *nm, names_tok *t, const char *fw, size_t fl)
{
	const lhit *st = lookup(nm, fw, fl - 1, fnv(fw, fl - 1));
	if (st->id && (st->flags & NAME_WORD) &&
	    !(st->flags & (NAME_FIRST | NAME_LAST | NAME_COMMON))) {
		if (!t->pid)
			t->pid = st->id;
		t->pfl |= NAME_WORD;
	}
}

/* Token t's lexicon entries: of its folded form fw[0..fl), hashed h,
 * and of that form less a final 's, hashed h2. */
static inline __attribute__((always_inline)) void
tok_look_up(qp_names *nm, names_tok *t, const char *s, const char *fw, size_t fl,
            uint64_t h, uint64_t h2)
{
	const lhit *lh = lookup(nm, fw, fl, h);
	t->id = t->pid = lh->id;
	t->phr = t->pphr = lh->phr;
	t->pfl = lh->flags;
	if (__builtin_expect(!(lh->flags & ~NAME_STOP), 0) && fl > 3 && fw[fl - 1] == 's' &&
	    fw[fl - 2] != '\'' && fw[fl - 2] != 's') {
		plural_word(nm, t, fw, fl);
		return;
	}
	if (fl > 2 && fw[fl - 1] == 's' && fw[fl - 2] == '\'') {
		const lhit *ph = lookup(nm, fw, fl - 2, h2);
		/* a word no list knows, with its 's, is a possessive too
		 * ("jaylen's mom"): its core without it, its id still none */
		if (ph->id || !lh->id) {
			t->pid = ph->id;
			t->pphr = ph->phr;
			t->pfl = ph->flags;
			/* the apostrophe is 1 byte (') or 3 (’ ʼ) in the text */
			size_t al = (unsigned char)s[t->off + t->len - 2] == '\'' ? 1 : 3;
			t->core = t->len - 1 - al;
		}
	}
}

/* The same for a word the ASCII path did not fold. */
static void
tok_look_up_folded(qp_names *nm, names_tok *t, const char *s)
{
	buf_reset(&nm->fold);
	utf8_fold(s + t->off, t->len, &nm->fold);
	const char *fw = nm->fold.s;
	size_t fl = nm->fold.len;
	tok_look_up(nm, t, s, fw, fl, fnv(fw, fl), fl > 2 ? fnv(fw, fl - 2) : 0);
}

size_t
names_tokenize(qp_names *nm, const char *s, size_t n, const pii_span *sp,
               size_t nsp, names_tok **toks)
{
	size_t ntok = 0;
	qp_word wd;

	/* a word takes a byte and so does the gap after it, so n / 2 + 1
	 * is room enough */
	if (nm->tokcap < n / 2 + 1) {
		nm->tokcap = n / 2 + 1 > 256 ? n / 2 + 1 : 256;
		nm->tokv = xreallocarray(nm->tokv, nm->tokcap, sizeof *nm->tokv);
	}
	names_tok *tv = nm->tokv;
	size_t si = 0, pos = 0;
	bool ascii;
	char wbuf[WBUF];
	uint64_t h = 0, h2 = 0;
	while (next_word(s, n, &pos, &wd, &ascii, wbuf, &h, &h2)) {
		while (si < nsp && sp[si].off + sp[si].len <= wd.off)
			si++;
		if (si < nsp && wd.off + wd.len > sp[si].off)
			continue;
		names_tok *t = &tv[ntok++];
		t->off = wd.off;
		t->len = t->core = wd.len;
		if (ascii && wd.len <= WBUF)
			tok_look_up(nm, t, s, wbuf, wd.len, h, h2);
		else
			tok_look_up_folded(nm, t, s);
		tok_shape(t, s, &wd);
		t->ent = -1;
		t->keep = 0;
		t->person = 0;
		t->amb = 0;
		t->why = 0;
		t->cont = 0;
	}
	*toks = tv;
	return ntok;
}

/* --- the guesser --- */

/* Blanks only (and the dot of an abbreviated title). */
static bool
adjacent(const char *s, const names_tok *a, const names_tok *b, bool dot_ok)
{
	size_t i = a->off + a->len;
	if (a->core != a->len)
		return false;
	if (dot_ok && i < b->off && s[i] == '.')
		i++;
	return names_blanks(s, i, b->off);
}

static bool
sentence_initial(const char *s, size_t off)
{
	size_t i = off;
	/* an opening quote starts the quoted speech's sentence: she
	 * asked, "Will this help?" */
	if ((i >= 1 && s[i - 1] == '"' && (i == 1 || s[i - 2] == ' ')) ||
	    (i >= 3 && memcmp(s + i - 3, "\xE2\x80\x9C", 3) == 0))
		return true;
	while (i > 0) {
		unsigned char c = (unsigned char)s[i - 1];
		if (c == ' ' || c == '"' || c == '\'' || c == '(' || c == '[' || c == '\t') {
			i--;
			continue;
		}
		if (c >= 0x80) {
			/* “ ‘ — – are skipped; … ends a sentence */
			if (i >= 3 && (unsigned char)s[i - 3] == 0xE2 && (unsigned char)s[i - 2] == 0x80) {
				if (c == 0x9C || c == 0x98 || c == 0x94 || c == 0x93) {
					i -= 3;
					continue;
				}
				return c == 0xA6;
			}
			return false;
		}
		return c == '.' || c == '!' || c == '?' || c == ':' || c == ';' ||
		       c == '\n' || c == '-';
	}
	return true;
}

/* The text between tokens, or around the field's ends: what punctuation
 * (other than blanks) is right before token i, or right after it.  0 at
 * the field's start or end, ' ' for blanks only. */
static char
punct_before(const char *s, const names_tok *tv, size_t i)
{
	size_t from = i > 0 ? tv[i - 1].off + tv[i - 1].len : 0;
	for (size_t k = tv[i].off; k > from; k--)
		if (s[k - 1] != ' ')
			return s[k - 1];
	return i > 0 ? ' ' : 0;
}

static char
punct_after(const char *s, size_t n, const names_tok *tv, size_t ntok, size_t i)
{
	size_t to = i + 1 < ntok ? tv[i + 1].off : n;
	for (size_t k = tv[i].off + tv[i].len; k < to; k++)
		if (s[k] != ' ')
			return s[k];
	return i + 1 < ntok ? ' ' : 0;
}

/* Is token i spoken to: "thanks, will.", "so, ines, what ...", "faith,
 * can you ...": a comma, a greeting or the field's start before it, and
 * a comma, a stop or the field's end after it. */
static bool
vocative(const char *s, size_t n, const names_tok *tv, size_t ntok, size_t i)
{
	char b = punct_before(s, tv, i), a = punct_after(s, n, tv, ntok, i);
	bool before = b == 0 || b == ',' || b == '.' || b == '?' || b == '!' ||
	              (b == ' ' && (tv[i - 1].pfl & NAME_GREET));
	bool after = a == 0 || a == ',' || a == '.' || a == '?' || a == '!';
	return before && after;
}

/* Is token k a person already found, joined to token i by "and" or "or"
 * in between ("faith and okoro", "ines or mateo")? */
static bool
coordinated(const char *s, const names_tok *tv, size_t ntok, size_t i)
{
	if (i >= 2 && (tv[i - 1].pfl & NAME_AND) && tv[i - 2].ent >= 0 &&
	    tv[i - 2].person && adjacent(s, &tv[i - 2], &tv[i - 1], false) &&
	    adjacent(s, &tv[i - 1], &tv[i], false))
		return true;
	return i + 2 < ntok && (tv[i + 1].pfl & NAME_AND) && tv[i + 2].ent >= 0 &&
	       tv[i + 2].person && adjacent(s, &tv[i], &tv[i + 1], false) &&
	       adjacent(s, &tv[i + 1], &tv[i + 2], false);
}

/* Is token i named by the cue before it: "my wife noor", or as an
 * apposition after a comma, "my husband, Vikram, works"?  Without
 * capitals the apposition must also end at a comma or a full stop
 * (close: "my brother, who lives"). */
static bool
cued(const char *s, size_t n, const names_tok *tv, size_t i, bool close)
{
	if (i == 0 || !(tv[i - 1].pfl & NAME_CUE))
		return false;
	const names_tok *pv = &tv[i - 1], *t = &tv[i];
	if (adjacent(s, pv, t, false))
		return true;
	size_t k = pv->off + pv->len;
	if (pv->core != pv->len || k >= t->off || s[k] != ',')
		return false;
	for (k++; k < t->off; k++)
		if (s[k] != ' ')
			return false;
	if (!close)
		return true;
	k = t->off + t->len;
	return t->core == t->len && k + 1 < n ? (s[k] == ',' || s[k] == '.') && s[k + 1] == ' ' :
	       k == n || s[k] == ',' || s[k] == '.';
}

/* Nouns for a person that an apposition may name: "a young man, Jalen,
 * who is deaf". */
static const char *const person_nouns[] = {
	"man", "woman", "boy", "girl", "lady", "gentleman", "fellow", "kid",
	"student", "client", "rider", "driver", "passenger", "customer",
	"veteran", "participant", "worker", "person", "teenager", "toddler",
	"youngster", "gal", NULL
};

static bool tok_in(const char *s, const names_tok *t, const char *const *list);

/* Is token i, capitalised where the text has case, an apposition after
 * a noun for a person: ", Jalen," or ", Jalen." after "man"? */
static bool
apposed(const char *s, size_t n, const names_tok *tv, size_t i)
{
	if (i == 0 || !tok_in(s, &tv[i - 1], person_nouns))
		return false;
	const names_tok *pv = &tv[i - 1], *t = &tv[i];
	size_t k = pv->off + pv->len;
	if (k + 2 != t->off || s[k] != ',' || s[k + 1] != ' ' || t->core != t->len)
		return false;
	k = t->off + t->len;
	return k + 1 < n && (s[k] == ',' || s[k] == '.') && s[k + 1] == ' ';
}

/* Does the text just before off end in the words w (lower case, one
 * blank before off), starting at a word's start? */
static bool
said_before(const char *s, size_t off, const char *w)
{
	size_t l = strlen(w);
	if (off < l + 1 || s[off - 1] != ' ')
		return false;
	size_t b = off - 1 - l;
	for (size_t k = 0; k < l; k++)
		if (lower[(unsigned char)s[b + k]] != (unsigned char)w[k])
			return false;
	return b == 0 || s[b - 1] == ' ' || s[b - 1] == ',' || s[b - 1] == '.' ||
	       s[b - 1] == '"';
}

/* An introduction before off: "my name is", "i'm", "this is", "call me". */
static bool
introduced(const char *s, size_t off)
{
	static const char *const intro[] = {
		"name is", "name's", "name was", "i'm", "i am", "this is", "call me",
		"named", NULL
	};
	for (const char *const *w = intro; *w; w++)
		if (said_before(s, off, *w))
			return true;
	return false;
}

static bool tok_is(const char *s, const names_tok *t, const char *w);

/* Does a person's name follow at off: "her name was", "my name is",
 * "his name's"? */
static bool
named_next(const char *s, size_t off)
{
	static const char *const said[] = {
		"my name is", "my name was", "my name's", "his name is", "his name was",
		"his name's", "her name is", "her name was", "her name's",
		"their name is", "their name was", "your name is", "your name was", NULL
	};
	for (const char *const *w = said; *w; w++)
		if (said_before(s, off, *w))
			return true;
	return false;
}

/* Is token t a contraction ("you'd", "they're", "we'll", "i've",
 * "i'm", "didn't"), which no list holds and no name is? */
static bool
contraction(const char *s, const names_tok *t)
{
	static const char *const tails[] = { "d", "re", "ll", "ve", "m", "t", NULL };
	const char *w = s + t->off;
	size_t n = t->core;
	for (const char *const *x = tails; *x; x++) {
		size_t l = strlen(*x);
		if (n > l + 1 && memcmp(w + n - l, *x, l) == 0 &&
		    (w[n - l - 1] == '\'' || (n > l + 3 && memcmp(w + n - l - 3, "\xe2\x80\x99", 3) == 0)))
			return true;
	}
	return false;
}



/* Before a noun, never before a name ("that" can be either). */
static const char *const articles[] = {
	"a", "an", "the", "my", "your", "his", "her", "our", "their", "its", NULL
};

/* Does a guessed person's name start at token i?  Why (enum names_why),
 * or 0.  See anonymize(1), "People not in the roster" and "Lower-case
 * text": without capitals, the words around a name are its only
 * evidence, and words.txt tells an ordinary word from an unknown one. */
static int
person_start(const char *s, size_t n, const names_tok *tv, size_t ntok,
             size_t i, bool lower)
{
	const names_tok *t = &tv[i];
	uint32_t f = t->pfl;
	const names_tok *pv = i > 0 ? &tv[i - 1] : NULL;
	const names_tok *nx = i + 1 < ntok ? &tv[i + 1] : NULL;
	uint32_t pf = pv ? pv->pfl : 0;
	uint32_t nf = nx ? nx->pfl : 0;
	/* not an ordinary word: on a name list only, or on no list (the
	 * closed lists are ordinary words even without words.txt) */
	bool plain = !(f & (NAME_WORD | NAME_COMMON | NAME_SAYS | NAME_LIKE | NAME_WHERE |
	                    NAME_CUE | NAME_DET | NAME_PRON | NAME_AND | NAME_GREET)) &&
	             !(t->pid == 0 && contraction(s, t));

	if (t->digit || t->keep || t->amb ||
	    (f & (NAME_KEEP | NAME_NOTNAME | NAME_STOP | NAME_TITLE)))
		return 0;
	/* "faith and okoro": a word no list knows, joined to a person */
	if (lower && t->id == 0 && coordinated(s, tv, ntok, i))
		return WHY_AND_NAME;
	if (pv && pv->ent < 0 && (pf & NAME_TITLE) && (t->cap || (lower && plain)) &&
	    adjacent(s, pv, t, (pf & NAME_ABBR) != 0))
		return WHY_TITLE;
	/* "my wife noor": after a cue, a word no list knows; "my husband
	 * Vikram", "my son, Mateo,": after one, a capital in mid-sentence */
	if (lower && plain && cued(s, n, tv, i, true))
		return WHY_CUE;
	if (!lower && t->cap && t->core > 1 && cued(s, n, tv, i, false) &&
	    !(f & (NAME_SAYS | NAME_LIKE | NAME_WHERE | NAME_CUE | NAME_DET | NAME_PRON |
	           NAME_AND | NAME_GREET)))
		return WHY_CUE;
	/* "with a young man, Jalen, who": a name or a word no list has,
	 * between commas after a noun for a person */
	if (!lower && t->cap && !t->allcaps && t->core > 1 &&
	    (t->pid == 0 || ((f & (NAME_FIRST | NAME_LAST)) && !(f & NAME_COMMON))) &&
	    !contraction(s, t) && apposed(s, n, tv, i))
		return WHY_CUE;
	/* "my name is Oluwaseun", "i told kenji", "jaylen's mom": a word no
	 * list knows, capitalised in mid-sentence where the text has case,
	 * after an introduction or a verb of speaking to, or before a
	 * kinship word with an 's */
	bool where = lower || (t->cap && !t->allcaps && !sentence_initial(s, t->off));
	bool unknown = t->pid == 0 && t->core > 1 && where && !contraction(s, t);
	if (unknown && introduced(s, t->off))
		return WHY_CUE;
	/* "her name was destiny": after a person's name is said to follow,
	 * a given name, a word too ("the street name was long" stays) */
	if (((f & NAME_FIRST) || ((f & NAME_LAST) && !(f & NAME_COMMON))) && where &&
	    t->core > 1 && named_next(s, t->off))
		return WHY_CUE;
	if (unknown && pv && (pf & NAME_SAYS) && adjacent(s, pv, t, false))
		return WHY_SAYS;
	/* "kenji said": before one, also at a sentence's start, where no
	 * determiner makes it a noun ("the allergist said") */
	bool unknown_any = t->pid == 0 && t->core > 1 && (lower || (t->cap && !t->allcaps)) &&
	                   !contraction(s, t);
	if (unknown_any && nx && (nf & NAME_SAYS) && adjacent(s, t, nx, false) &&
	    !(pv && (pf & NAME_DET)))
		return WHY_SAYS;
	/* ... the 's says it is a noun, even at a sentence's start */
	bool owner = (lower || (t->cap && !t->allcaps)) && t->core > 1 &&
	             (t->pid == 0 || ((f & (NAME_FIRST | NAME_LAST)) && !(f & NAME_COMMON)));
	if (owner && t->core < t->len && nx && (nf & NAME_CUE) && !tok_is(s, nx, "named") &&
	    !tok_is(s, nx, "called"))
		return WHY_CUE;
	if (!(f & (NAME_FIRST | NAME_LAST)))
		return 0;
	/* "from London", "in Houston": a surname that is not also a given
	 * name, after a preposition of place, is taken for the place */
	if (!(f & NAME_FIRST) && pv && (pf & NAME_WHERE) && adjacent(s, pv, t, false))
		return 0;
	/* "a driver named ray": after named, a given name that is a word
	 * too */
	if (pv && (pf & NAME_CUE) && adjacent(s, pv, t, false) &&
	    (t->cap || ((f & NAME_FIRST) && (!(f & NAME_COMMON) || tok_is(s, pv, "named")))))
		return WHY_CUE;
	if (t->cap && !(f & NAME_COMMON))
		return WHY_CAPS;
	/* a surname straight after a name found already: "Will Smith" when
	 * the roster's Will is someone else */
	if ((t->cap || (lower && plain)) && (f & NAME_LAST) && pv && pv->ent >= 0 &&
	    pv->person && adjacent(s, pv, t, false))
		return WHY_AFTER_NAME;
	if (t->cap && (f & NAME_FIRST) && nx && nx->cap && (nf & NAME_LAST) &&
	    !(nf & (NAME_NOTNAME | NAME_STOP)) && adjacent(s, t, nx, false))
		return WHY_FULL;
	if (t->cap && (f & NAME_FIRST) && !sentence_initial(s, t->off))
		return WHY_MID_SENTENCE;
	if ((f & NAME_FIRST) && nx && (nf & NAME_SAYS) && adjacent(s, t, nx, false) &&
	    (t->cap || (!(f & NAME_COMMON) && pv && (pf & NAME_LIKE))))
		return WHY_SAYS;
	if (!lower || !plain)
		return 0;
	/* lower case: a listed name that is no word, where a name stands
	 * ("the neighbors put up": after a determiner, a noun) */
	if ((nx && (nf & NAME_SAYS) && adjacent(s, t, nx, false) &&
	     !(pv && tok_in(s, pv, articles))) ||
	    (pv && (pf & NAME_SAYS) && adjacent(s, pv, t, false)))
		return WHY_SAYS;
	/* "kevin okafor": a given name, then a surname or a word no list has */
	if ((f & NAME_FIRST) && nx && ((nf & NAME_LAST) || nx->id == 0) && !nx->digit &&
	    !(nf & (NAME_WORD | NAME_COMMON | NAME_STOP | NAME_NOTNAME)) &&
	    adjacent(s, t, nx, false))
		return WHY_FULL;
	if (vocative(s, n, tv, ntok, i))
		return WHY_VOCATIVE;
	if (coordinated(s, tv, ntok, i))
		return WHY_AND_NAME;
	/* what capitals say in cased text, the lists say here: a given
	 * name that is no English word is a name ("megan from the office") */
	/* not "al", "ai", nor after a determiner ("the max", "my nan";
	 * "her" is also the object of "call her jessica") */
	if ((f & NAME_FIRST) && t->core > 2 &&
	    !(pv && (pf & NAME_DET) && !(pf & NAME_PRON)))
		return WHY_LISTED;
	return 0;
}

/* How far a guessed name reaches: further capitalised words that are
 * not function words ("Kevin Okafor", "Ana Maria Lindqvist"); in
 * lower-case text, surnames that are no words, and words on no list. */
static size_t
person_end(const char *s, const names_tok *tv, size_t ntok, size_t i, bool lower)
{
	size_t j = i + 1;
	while (j < ntok && j - i < 4) {
		const names_tok *a = &tv[j - 1], *b = &tv[j];
		uint32_t f = b->pfl;
		bool initial_dot = a->len == 1 && a->cap;
		if (b->ent >= 0 || b->digit || b->keep || b->amb ||
		    (f & (NAME_STOP | NAME_NOTNAME | NAME_KEEP | NAME_TITLE)) ||
		    !adjacent(s, a, b, initial_dot) ||
		    !(b->cap || (!tv[i].cap && (f & NAME_LAST) && !(f & NAME_COMMON)) ||
		      (lower && b->id == 0)))
			break;
		if ((f & NAME_COMMON) && !(f & (NAME_FIRST | NAME_LAST)))
			break;
		j++;
	}
	return j;
}

void
names_guess_people(const char *s, size_t n, names_tok *tv, size_t ntok,
                   bool lower, names_person_fn person, void *ctx)
{
	for (size_t i = 0; i < ntok; i++) {
		/* only listed names and words after a title (or, in lower
		 * case, a cue) can start one */
		if (!(tv[i].pfl & (NAME_FIRST | NAME_LAST)) &&
		    !(i > 0 && (tv[i - 1].pfl & (NAME_TITLE | NAME_CUE))) &&
		    !((lower || tv[i].cap) && tv[i].pid == 0))
			continue;
		int why;
		if (tv[i].ent >= 0 || !(why = person_start(s, n, tv, ntok, i, lower)))
			continue;
		size_t j = person_end(s, tv, ntok, i, lower);
		uint32_t ent = person(ctx, s, tv, i, j);
		for (size_t k = i; k < j; k++) {
			tv[k].ent = (int32_t)ent;
			tv[k].person = 1;
			tv[k].cont = k > i;
		}
		tv[i].why = (uint8_t)why;
		i = j - 1;
	}
}

bool
names_any_capital(const names_tok *tv, size_t ntok)
{
	for (size_t i = 0; i < ntok; i++)
		if (tv[i].up)
			return true;
	return false;
}

/* --- roster names that are words --- */

/* Is token t the ASCII word w (t is folded already where it matters:
 * compared without case)? */
static bool
tok_is(const char *s, const names_tok *t, const char *w)
{
	size_t l = strlen(w);
	if (t->core != l)
		return false;
	for (size_t k = 0; k < l; k++)
		if (lower[(unsigned char)s[t->off + k]] != (unsigned char)w[k])
			return false;
	return true;
}

/* Two-word phrases in which a name that is a word is the word. */
static const char *const idioms[][2] = {
	{ "rose", "to" }, { "rose", "up" }, { "rose", "from" }, { "rose", "by" },
	{ "grace", "period" }, { "saving", "grace" }, { "say", "grace" },
	{ "with", "grace" }, { "have", "faith" }, { "keep", "faith" },
	{ "had", "faith" }, { "faith", "in" }, { "in", "faith" },
	{ "hope", "so" }, { "hope", "not" }, { "hope", "for" },
	{ "hope", "to" }, { "hope", "that" }, { "give", "hope" },
	{ "gave", "hope" }, { "pat", "on" }, { "art", "of" }, { "art", "class" },
	{ "dawn", "on" }, { "dawned", "on" }, { "summer", "camp" },
	{ "summer", "break" }, { "summer", "job" }, { "summer", "school" },
	{ "summer", "internship" }, { "sunny", "day" }, { "joy", "of" },
	{ "will", "power" }, { "will", "to" }, { "bill", "of" }, { "mark", "of" },
	{ "jack", "up" }, { "may", "be" }, { "of", "joy" }, { "for", "joy" },
	{ "of", "hope" }, { "of", "faith" }, { "of", "grace" }, { "in", "may" },
	{ "since", "may" }, { "until", "may" }, { "by", "may" },
	{ "in", "summer" }, { "during", "summer" }, { "over", "summer" },
	{ "sunny", "summer" }, { "hot", "summer" }, { "rob", "peter" },
	{ "will", "of" }, { "says", "grace" }, { "said", "grace" },
	{ "saying", "grace" }, { "grace", "under" }, { "rose", "bush" },
	{ "rose", "bushes" }, { "rose", "garden" }, { "rose", "gardens" },
	{ "rose", "petals" }, { "faith", "based" }, { "mark", "down" },
	{ "mark", "up" }, { "rose", "colored" }, { "rose", "coloured" },
	{ "bill", "collector" }, { "bill", "collectors" }, { "hope", "chest" },
	{ "grace", "note" }
};

/* Past and third-person forms after "will" make it the name ("will was
 * there"): a base form makes it the modal ("will kill me"). */
static const char *const not_base[] = {
	"was", "came", "went", "had", "did", "got", "made", "took", "saw",
	"knew", "felt", "left", "gave", "found", "ran", "wrote", "sent",
	"brought", "bought", "taught", "thought", "met", "sat", "stood",
	"first", "second", "third", "fourth", "fifth", "sixth", "seventh",
	"eighth", "ninth", "tenth", "eleventh", "twelfth", NULL
};

/* Words that describe a person between a determiner and a name ("the
 * other will", "little may"): no compound noun. */
static const char *const person_adj[] = {
	"other", "little", "big", "old", "young", "older", "younger", "same",
	"real", "poor", "dear", "famous", "new", "first", "second", NULL
};

/* A verb of the third person after the word makes it its subject ("faith
 * does", "will has"): a subject pronoun before cannot make it the verb
 * ("people do faith does"), as "i will has" is no English. */
static const char *const third_person[] = {
	"does", "says", "said", "is", "was", "thinks", "has", NULL
};

/* A question to the listener after the word: it is the listener's name
 * ("mark can you say more", "important mark did you want"). */
static const char *const asking[] = {
	"can", "could", "did", "do", "would", "are", "have", NULL
};

/* Words a modal is followed by ("will be", "may have"). */
static const char *const base_verbs[] = {
	"be", "have", "get", "go", "do", "make", "take", "see", "come", "need",
	"want", "help", "know", "say", "tell", "give", "find", "think", "look",
	"try", "work", "start", "keep", "let", "feel", "become", "happen",
	"stay", "change", "mean", "show", "continue", "depend", "remember",
	"finish", "use", "call", "ask", "pay", "learn", "miss", "affect",
	"probably", "definitely", "likely", "certainly", "soon", NULL
};
static const char *const modals[] = { "will", "may", "can", "must", "shall", NULL };

static bool
tok_in(const char *s, const names_tok *t, const char *const *list)
{
	for (; *list; list++)
		if (tok_is(s, t, *list))
			return true;
	return false;
}

bool
names_word_is_name(const char *s, size_t n, const names_tok *tv, size_t ntok,
                   size_t i, bool lower, int *why)
{
	const names_tok *t = &tv[i];
	const names_tok *pv = i > 0 && adjacent(s, &tv[i - 1], t, false) ? &tv[i - 1] : NULL;
	const names_tok *nx = i + 1 < ntok && adjacent(s, t, &tv[i + 1], false) ?
	                      &tv[i + 1] : NULL;
	uint32_t pf = pv ? pv->pfl : 0, nf = nx ? nx->pfl : 0;

	const names_tok *nx2 = nx && i + 2 < ntok && adjacent(s, nx, &tv[i + 2], false) ?
	                       &tv[i + 2] : NULL;
	const names_tok *pv2 = pv && i >= 2 && adjacent(s, &tv[i - 2], pv, false) ?
	                       &tv[i - 2] : NULL;

	/* a greeting, or a self-introduction, before it: the name even
	 * where an idiom would read the word ("thank you grace", "i'm
	 * grace", "my name is grace", "this is mark"); "thank you may i
	 * ask" is a modal's question */
	if (pv && (tok_is(s, pv, "thanks") ||
	           (tok_is(s, pv, "you") && pv2 && tok_is(s, pv2, "thank"))) &&
	    !(nx && (nf & NAME_PRON) && tok_in(s, t, modals)))
		return *why = WHY_VOCATIVE, true;
	if (pv && (tok_is(s, pv, "i'm") || tok_is(s, pv, "im") ||
	           (pv2 && tok_is(s, pv, "is") &&
	            (tok_is(s, pv2, "name") || tok_is(s, pv2, "this")))))
		return *why = WHY_INTRO, true;
	/* "hope that must have been hard": spoken to; "(i) hope that
	 * helps" is the word */
	if (lower && i == 0 && nx && tok_is(s, nx, "that") && nx2 && tok_is(s, nx2, "must"))
		return *why = WHY_VOCATIVE, true;
	/* "the interview with grace recording started": a verb follows */
	if (lower && pv && tok_is(s, pv, "with") && nx && nx->core > 4 &&
	    (nx->pfl & NAME_SAYS || memcmp(s + nx->off + nx->core - 3, "ing", 3) == 0))
		return *why = WHY_SUBJECT, true;
	for (size_t k = 0; k < sizeof idioms / sizeof idioms[0]; k++)
		if ((nx && tok_is(s, t, idioms[k][0]) && tok_is(s, nx, idioms[k][1])) ||
		    (pv && tok_is(s, pv, idioms[k][0]) && tok_is(s, t, idioms[k][1])))
			return *why = pf & NAME_DET ? WHY_W_DET : WHY_W_IDIOM, false;
	if (!lower && t->up && !t->allcaps && !sentence_initial(s, t->off))
		return *why = WHY_MID_SENTENCE, true;
	if (pf & NAME_DET)
		return *why = WHY_W_DET, false;
	/* "the hospital bill", "a question mark": a noun after a determiner
	 * and an ordinary word is a compound's head; "the nurse faith" has
	 * a role word between, and "out to the farm mark" at the end is
	 * spoken to */
	if (pv && pv2 && nx && (pv2->pfl & NAME_DET) && (pf & NAME_WORD) && pv->core == pv->len &&
	    !(pf & (NAME_FIRST | NAME_LAST | NAME_CUE | NAME_TITLE |
	            NAME_PRON | NAME_SAYS | NAME_AND | NAME_GREET | NAME_WHERE)) &&
	    !tok_in(s, pv, person_adj) && !(tok_in(s, t, modals) && tok_in(s, nx, base_verbs)))
		return *why = WHY_W_DET, false;
	/* "(she) said may i talk to somebody": a modal's question, whatever
	 * went before; "may i was at regions" is a name (below) */
	if (nx && nx2 && tok_in(s, t, modals) && (nf & NAME_PRON) &&
	    (tok_in(s, nx2, base_verbs) ||
	     ((nx2->pfl & NAME_WORD) && !tok_in(s, nx2, not_base) && !tok_is(s, nx2, "am") &&
	      !(nx2->pfl & (NAME_FIRST | NAME_LAST)))))
		return *why = WHY_W_VERB, false;
	if (nx && tok_in(s, nx, third_person) && lower && !(pv2 && (pv2->pfl & NAME_DET)) &&
	    !(pv && (tok_is(s, pv, "what") || tok_is(s, pv, "which"))))
		return *why = nf & NAME_SAYS ? WHY_SAYS : WHY_SUBJECT, true;
	if (pf & NAME_PRON)
		return *why = WHY_W_PRON, false;
	if (vocative(s, n, tv, ntok, i))
		return *why = WHY_VOCATIVE, true;
	if ((nf & NAME_SAYS) || (pf & NAME_SAYS) ||
	    (pv && (tok_is(s, pv, "named") || tok_is(s, pv, "called"))))
		return *why = WHY_SAYS, true;
	if (coordinated(s, tv, ntok, i))
		return *why = WHY_AND_NAME, true;
	/* in cased text a word in lower case is the word, unless the
	 * words around make it a name (above) */
	if (!lower && !t->up)
		return *why = WHY_W_LOWER, false;
	if (nx && nx2 && ((tok_in(s, nx, asking) && tok_is(s, nx2, "you")) ||
	                  (tok_is(s, nx, "what") && tok_is(s, nx2, "about"))))
		return *why = WHY_VOCATIVE, true;
	/* "may i was at regions": a name before a sentence, no question */
	if (nx && nx2 && tok_in(s, t, modals) && tok_is(s, nx, "i") &&
	    (tok_in(s, nx2, not_base) || tok_is(s, nx2, "am")))
		return *why = WHY_SUBJECT, true;
	if (nf & (NAME_DET | NAME_PRON))
		return *why = WHY_W_VERB, false;
	if (nx && tok_in(s, t, modals) && tok_in(s, nx, base_verbs))
		return *why = WHY_W_VERB, false;
	/* a modal before an ordinary word that may be a verb's base form */
	if (nx && tok_in(s, t, modals) && (nf & NAME_WORD) && !nx->digit &&
	    !(nf & (NAME_STOP | NAME_WHERE | NAME_AND | NAME_CUE | NAME_TITLE)) &&
	    !tok_in(s, nx, not_base) && nx->core > 2 &&
	    !(s[nx->off + nx->core - 1] == 's' ||
	      (s[nx->off + nx->core - 1] == 'd' && s[nx->off + nx->core - 2] == 'e')))
		return *why = WHY_W_VERB, false;
	return *why = WHY_UNCLEAR, true;
}

const char *
names_why_str(int why)
{
	static const char *const str[WHY_COUNT] = {
		[WHY_NONE] = "", [WHY_TITLE] = "title", [WHY_CUE] = "cue word",
		[WHY_CAPS] = "capitalised listed name",
		[WHY_FULL] = "given name and surname",
		[WHY_AFTER_NAME] = "surname after a name",
		[WHY_MID_SENTENCE] = "capitalised mid-sentence",
		[WHY_SAYS] = "said, named or called", [WHY_VOCATIVE] = "spoken to",
		[WHY_AND_NAME] = "and a known name", [WHY_UNCLEAR] = "no evidence either way",
		[WHY_INTRO] = "introduced", [WHY_FUZZY] = "a roster name misspelt", [WHY_PLACES] = "gazetteer or shape", [WHY_SUBJECT] = "subject of a verb",
		[WHY_W_LOWER] = "lower case in cased text",
		[WHY_W_DET] = "determiner before", [WHY_W_PRON] = "pronoun or adverb before",
		[WHY_W_VERB] = "verb use", [WHY_W_IDIOM] = "idiom",
		[WHY_PART] = "part of a name met earlier",
		[WHY_LISTED] = "given name that is no word",
		[WHY_K_KEEP] = "--keep", [WHY_K_COMMON] = "listed name that is an ordinary word",
		[WHY_K_POSITION] = "listed name not where a name stands",
		[WHY_K_NOTNAME] = "month, weekday or other non-name",
		[WHY_K_UNLISTED] = "capitalised, on no name list"
	};
	return why >= 0 && why < WHY_COUNT && str[why] ? str[why] : "";
}

int
names_kept_why(const char *s, const names_tok *tv, size_t i)
{
	const names_tok *t = &tv[i];
	uint32_t f = t->pfl;
	if (t->digit)
		return 0;
	if (t->keep || (f & NAME_KEEP))
		return WHY_K_KEEP;
	if (f & NAME_STOP)
		return 0;
	if (f & (NAME_FIRST | NAME_LAST))
		return f & NAME_COMMON ? (t->up ? WHY_K_COMMON : 0) : WHY_K_POSITION;
	if (!t->cap || sentence_initial(s, t->off) || (f & NAME_TITLE))
		return 0;
	return f & NAME_NOTNAME ? WHY_K_NOTNAME : WHY_K_UNLISTED;
}
