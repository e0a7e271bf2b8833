/*
 * anonymize: replace identifiers in transcripts with bracketed tags,
 * one tag per person or thing, the same tag everywhere in the run (and,
 * with --key-file, in every run).
 *
 * One pass over each field: the structured scanner (lib/pii) marks
 * e-mail addresses, URLs, phone numbers, dates, record numbers and postal
 * codes; then the field's words are folded once and looked up, each in
 * one hash table that holds every word the filter cares about (roster
 * names, --terms, --keep, the shipped name lists, titles and cue words)
 * with flags and the phrases anchored at it.  See anonymize(1).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>
#include <utf8proc.h>

#include "buf.h"
#include "input.h"
#include "map.h"
#include "output.h"
#include "pii.h"
#include "qp.h"
#include "record.h"
#include "roster.h"
#include "utf8.h"

#ifndef QP_DATADIR
#define QP_DATADIR "/usr/local/share/qualpipe"
#endif

static const char usage[] =
"usage: anonymize [--roster FILE] [--terms FILE] [--keep FILE]\n"
"                 [--key-file FILE] [--map FILE [--map-append | --force]]\n"
"                 [--report] [--plain]\n"
"                 [--columns LIST] [--names-dir DIR] [--line-buffered]\n"
"                 [--replace-invalid] [FILE...]\n"
"Replace names, e-mail addresses, URLs, phone numbers, dates, record\n"
"numbers, postal codes and listed terms by tags such as [S01], [PERSON_1].\n"
"  --roster FILE     people of the study (tag-speaker's roster): their names,\n"
"                    aliases and name parts; tag = participant id if given\n"
"  --terms FILE      further terms: a record stream with columns term and\n"
"                    category (tag [CATEGORY_n])\n"
"  --keep FILE       words and phrases never taken for names or identifiers,\n"
"                    one a line\n"
"  --key-file FILE   tag suffixes are a keyed hash (BLAKE2b) of the entity,\n"
"                    the same in every run with the same key\n"
"  --map FILE        write the re-identification map (mode 0600); an\n"
"                    existing FILE is an error unless one of:\n"
"  --map-append      add to the map in FILE: its tags are kept for the same\n"
"                    originals, new numbers follow its highest\n"
"  --force           replace FILE\n"
"  --report          counts per category on standard error\n"
"  --plain           input is plain text (a raw transcript, VTT, Otter):\n"
"                    every line is anonymized\n"
"  --columns LIST    comma-separated columns to anonymize (text,speaker)\n"
"  --names-dir DIR   where first.txt, last.txt and common.txt are\n"
"  --line-buffered   flush after every record\n"
"  --replace-invalid read invalid UTF-8 as U+FFFD instead of failing\n"
"  --help, --version\n";

enum {
	OPT_ROSTER = QP_OPT_FIRST_PRIVATE,
	OPT_TERMS, OPT_KEEP, OPT_KEY, OPT_MAP, OPT_REPORT, OPT_PLAIN,
	OPT_COLUMNS, OPT_NAMES, OPT_MAP_APPEND, OPT_FORCE
};

static const struct option longopts[] = {
	{ "roster", required_argument, NULL, OPT_ROSTER },
	{ "terms", required_argument, NULL, OPT_TERMS },
	{ "keep", required_argument, NULL, OPT_KEEP },
	{ "key-file", required_argument, NULL, OPT_KEY },
	{ "map", required_argument, NULL, OPT_MAP },
	{ "map-append", no_argument, NULL, OPT_MAP_APPEND },
	{ "force", no_argument, NULL, OPT_FORCE },
	{ "report", no_argument, NULL, OPT_REPORT },
	{ "plain", no_argument, NULL, OPT_PLAIN },
	{ "columns", required_argument, NULL, OPT_COLUMNS },
	{ "names-dir", required_argument, NULL, OPT_NAMES },
	QP_COMMON_LONGOPTS,
	{ NULL, 0, NULL, 0 }
};

/* --- the lexicon: every word that matters, one hash lookup each --- */

enum {
	F_FIRST = 1 << 0,      /* on the given-name list */
	F_LAST = 1 << 1,       /* on the surname list */
	F_COMMON = 1 << 2,     /* also an ordinary English word */
	F_TITLE = 1 << 3,      /* Dr, Professor, Nurse, ... */
	F_CUE = 1 << 4,        /* named, called, friend, ...: a name follows */
	F_SAYS = 1 << 5,       /* said, says, ...: a name went before */
	F_LIKE = 1 << 6,       /* like, as (like kevin said) */
	F_STOP = 1 << 7,       /* never part of a guessed name */
	F_NOTNAME = 1 << 8,    /* months, weekdays, ...: not a name alone */
	F_KEEP = 1 << 9,       /* --keep word */
	F_WHERE = 1 << 10,     /* in, from, to, ...: a place may follow */
	F_ABBR = 1 << 11       /* Dr, Prof, ...: a title whose dot is no full stop */
};

typedef struct {
	uint32_t flags;
	uint32_t phr;          /* first phrase anchored here, + 1 */
} lexent;

enum { PH_ROSTER, PH_TERM, PH_KEEP };

typedef struct {
	uint32_t next;         /* next phrase with the same anchor, + 1 */
	uint32_t words;        /* offset in wpool */
	uint32_t n;
	int kind;
	uint32_t ent;          /* proto (PH_ROSTER, PH_TERM) */
} phrase;

static qp_map *lex;
static lexent *lexv;
static size_t nlex, lexcap;
static phrase *phv;
static size_t nph, phcap;
static uint32_t *wpool;
static size_t nwpool, wpoolcap;

static uint32_t
lex_find(const char *w, size_t n)
{
	qp_entry *e = qp_map_get(lex, w, n);
	return e ? (uint32_t)(uintptr_t)e->val : 0;
}

/*
 * Every word of the text is looked up, most of them words the lexicon
 * does not hold, and a few thousand distinct words make up nearly all of
 * any text.  A direct-mapped cache in front of the table answers those
 * from one cache line, trusting the 64-bit hash: two different words
 * share one with odds of about 2^-64 per pair, far below any other
 * source of error here.  The lexicon is complete before the text is
 * read, so entries never go stale.
 */
#define LCACHE 8192
typedef struct {
	uint64_t h;
	uint32_t id;           /* 0: not in the lexicon */
	uint32_t flags, phr;   /* copies of the lexicon entry's */
	uint32_t used;
} lhit;
static lhit lcache[LCACHE];

/* FNV-1a, 64 bits: cheap to compute byte by byte while a word is being
 * folded, and as good as any 64-bit hash at keeping words apart. */
#define FNV_INIT 0xCBF29CE484222325ULL
#define FNV_STEP(h, c) (((h) ^ (unsigned char)(c)) * 0x100000001B3ULL)

static uint64_t
fnv(const char *w, size_t n)
{
	uint64_t h = FNV_INIT;
	for (size_t i = 0; i < n; i++)
		h = FNV_STEP(h, w[i]);
	return h;
}

static inline const lhit *
lex_lookup_h(const char *w, size_t n, uint64_t h)
{
	lhit *c = &lcache[(h ^ h >> 29) & (LCACHE - 1)];
	if (c->used && c->h == h)
		return c;
	uint32_t id = lex_find(w, n);
	c->h = h;
	c->id = id;
	c->flags = id ? lexv[id - 1].flags : 0;
	c->phr = id ? lexv[id - 1].phr : 0;
	c->used = 1;
	return c;
}

/* Index + 1 of the word, created if new. */
static uint32_t
lex_intern(const char *w, size_t n)
{
	bool created;
	qp_entry *e = qp_map_put(lex, w, n, &created);
	if (created) {
		if (nlex == lexcap) {
			lexcap = lexcap ? lexcap * 2 : 1024;
			lexv = xreallocarray(lexv, lexcap, sizeof *lexv);
		}
		lexv[nlex].flags = 0;
		lexv[nlex].phr = 0;
		e->val = (void *)(uintptr_t)(++nlex);
	}
	return (uint32_t)(uintptr_t)e->val;
}

static void
lex_flag(const char *w, uint32_t f)
{
	uint32_t id = lex_intern(w, strlen(w));   /* may move lexv */
	lexv[id - 1].flags |= f;
}

static const char *const w_titles[] = {
	"dr", "doctor", "prof", "professor", "mr", "mrs", "ms", "miss", "mx",
	"mister", "nurse", "dean", "rev", "reverend", "pastor", "coach",
	"judge", "captain", "capt", "sir", "dame", "madam", NULL
};
/* Only these titles are written with a dot of abbreviation: after
 * "nurse." or "coach." the dot ends a sentence ("your nurse. I'm"). */
static const char *const w_abbr[] = {
	"dr", "prof", "mr", "mrs", "ms", "mx", "rev", "capt", NULL
};
static const char *const w_cues[] = {
	"named", "called", "friend", "colleague", "classmate", "roommate",
	"mentor", "preceptor", "husband", "wife", "partner", "son", "daughter",
	"brother", "sister", "mom", "dad", "mother", "father", "uncle", "aunt",
	"cousin", "boyfriend", "girlfriend", "patient", "resident",
	"attending", NULL
};
static const char *const w_says[] = {
	"said", "says", "told", "mentioned", "asked", "wrote", "explained",
	"noted", "thinks", "thought", "suggested", "put", NULL
};
static const char *const w_like[] = { "like", "as", NULL };
static const char *const w_where[] = {
	"in", "from", "to", "at", "near", "outside", "around", "via", NULL
};
/* Words that end a guessed name: function words and the nouns that
 * follow a title when it is a job ("Nurse Practitioner"). */
static const char *const w_stop[] = {
	"i", "i'm", "i'd", "i've", "i'll", "a", "an", "the", "of", "and", "or", "but", "for", "in", "at",
	"on", "to", "from", "with", "by", "is", "was", "who", "that", "this",
	"it", "he", "she", "they", "we", "you", "my", "our", "their", "his",
	"her", "practitioner", "practitioners", "assistant", "assistants",
	"emeritus", "office", "school", "student", "students", "resident",
	"residents", "hospital", "clinic", "center", "centre", "university",
	"college", "department", "medical", "medicine", "health", "program",
	"building", "street", "road", "avenue", "hall", "house", "day",
	"week", "month", "year", "group", "team", "course", "step", "ok",
	"okay", "yes", "no", "yeah", "so", "well", "oh", "um", "uh", NULL
};
/* Capitalised, yet not names on their own. */
static const char *const w_notname[] = {
	"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december",
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
	"sunday", "god", "lord", "jesus", "christmas", "easter",
	"thanksgiving", "english", "american", "america", "zoom", "covid",
	"black", "white", "hispanic", "latino", "latina", "asian", "african",
	"sim", "match", NULL
};

static void
lex_flags(const char *const *list, uint32_t f)
{
	for (; *list; list++)
		lex_flag(*list, f);
}

/* Load a names file: one lower-case word a line; '#' lines skipped. */
static void
load_wordlist(const char *path, uint32_t f)
{
	char *files[1] = { (char *)path };
	qp_input *in = qp_input_new(1, files, 0);
	const char *line;
	size_t len;
	qp_buf fb = QP_BUF_INIT;

	while (qp_input_line(in, &line, &len)) {
		while (len && (line[len - 1] == ' ' || line[len - 1] == '\t'))
			len--;
		if (len == 0 || line[0] == '#')
			continue;
		buf_reset(&fb);
		utf8_fold(line, len, &fb);
		uint32_t id = lex_intern(fb.s, fb.len);
		lexv[id - 1].flags |= f;
	}
	buf_free(&fb);
	qp_input_free(in);
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
 * Where the name lists are: --names-dir, else the installed data
 * directory, else data/names next to an uninstalled build (the
 * executable's directory or up to three above it), else share/qualpipe/names
 * beside the executable's bin/ (an installation moved, or staged with
 * DESTDIR).
 */
static char *
find_names_dir(const char *opt)
{
	static char buf[PATH_MAX];
	if (opt) {
		if (!file_exists(opt, "first.txt"))
			qp_die("--names-dir %s: no first.txt there", opt);
		return (char *)opt;
	}
	if (file_exists(QP_DATADIR "/names", "first.txt"))
		return QP_DATADIR "/names";
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		for (int up = 0; up < 4; up++) {
			char *sl = strrchr(exe, '/');
			if (!sl)
				break;
			*sl = '\0';
			if (snprintf(buf, sizeof buf, "%s/data/names", exe) < (int)sizeof buf &&
			    file_exists(buf, "first.txt"))
				return buf;
			/* an installation moved as a whole: PREFIX/bin, PREFIX/share */
			if (up == 1 && snprintf(buf, sizeof buf, "%s/share/qualpipe/names", exe) <
			    (int)sizeof buf && file_exists(buf, "first.txt"))
				return buf;
		}
	}
	qp_die("cannot find the name lists (first.txt, last.txt, common.txt) "
	       "in " QP_DATADIR "/names or beside the program; use --names-dir DIR");
}

/* --- entities and tags --- */

typedef struct {
	int cat;               /* index into cats */
	char *tag;             /* "[S01]", "[PERSON_3]" */
	unsigned long count;
} entity;

static char **cats;            /* category names, upper case */
static int ncats;
static unsigned long *cat_next; /* numbering per category */
static qp_map *ent_idx;        /* "CAT\0normal form" -> entity + 1 */
static entity *entv;
static size_t nent, entcap;
static qp_map *tag_idx;        /* tag -> entity + 1, to catch hash collisions */
static unsigned char key[crypto_generichash_KEYBYTES_MAX];
static size_t keylen;
static int cat_person;
static int pii_cat_ids[PII_NCAT];

static int
cat_id(const char *name)
{
	for (int i = 0; i < ncats; i++)
		if (strcmp(cats[i], name) == 0)
			return i;
	cats = xreallocarray(cats, (size_t)ncats + 1, sizeof *cats);
	cat_next = xreallocarray(cat_next, (size_t)ncats + 1, sizeof *cat_next);
	cats[ncats] = xstrdup(name);
	cat_next[ncats] = 0;
	return ncats++;
}

/* The key "CAT\0s" of the entity and map tables, in a buffer reused
 * by every call (valid until the next). */
static const qp_buf *
cat_key(int cat, const char *s, size_t n)
{
	static qp_buf k;
	buf_reset(&k);
	buf_adds(&k, cats[cat]);
	buf_addc(&k, '\0');
	buf_add(&k, s, n);
	return &k;
}

/* Give entity id the tag in t (consumed). */
static void
set_tag(uint32_t id, qp_buf *t)
{
	bool created;
	qp_entry *te = qp_map_put(tag_idx, t->s, t->len, &created);
	void *v = (void *)(uintptr_t)(id + 1);
	if (!created && te->val != v)
		qp_warn("two entities share the tag %s (a hash collision, or a "
		        "participant id used twice)", t->s);
	if (created)
		te->val = v;
	entv[id].tag = buf_detach(t, NULL);
}

/*
 * The entity of category cat with normal form norm: created on first
 * sight, with its tag: fixed (a participant id) or a keyed hash; a
 * numbered tag is given at first use (use_entity).  Entity ids are the
 * insertion order of ent_idx, so qp_map_at(ent_idx, id) is its key.
 */
static uint32_t
entity_get(int cat, const char *norm, size_t n, const char *fixed)
{
	const qp_buf *k = cat_key(cat, norm, n);
	bool created;
	qp_entry *e = qp_map_put(ent_idx, k->s, k->len, &created);
	if (!created)
		return (uint32_t)(uintptr_t)e->val - 1;
	if (nent == entcap) {
		entcap = entcap ? entcap * 2 : 256;
		entv = xreallocarray(entv, entcap, sizeof *entv);
	}
	uint32_t id = (uint32_t)nent++;
	e->val = (void *)(uintptr_t)(id + 1);
	entity *en = &entv[id];
	en->cat = cat;
	en->count = 0;
	en->tag = NULL;
	qp_buf t = QP_BUF_INIT;
	if (fixed) {
		buf_printf(&t, "[%s]", fixed);
	} else if (keylen) {
		unsigned char h[16];
		crypto_generichash(h, sizeof h, (const unsigned char *)k->s, k->len,
		                   key, keylen);
		buf_printf(&t, "[%s_%02x%02x%02x%02x%02x]", cats[cat],
		           h[0], h[1], h[2], h[3], h[4]);
	} else {
		/* numbered when first used: a --map-append map may name it */
		return id;
	}
	set_tag(id, &t);
	return id;
}

/*
 * Entities known before the text is read (roster people, --terms) are
 * held as protos and become entities at their first occurrence, so
 * that numbering follows the text, not the lists.
 */
typedef struct {
	int cat;
	char *norm;
	const char *fixed;     /* participant id, or NULL */
	int64_t ent;           /* the entity, once met; -1 before */
} proto;

static proto *protov;
static size_t nproto, protocap;

static uint32_t
proto_new(int cat, const char *norm, size_t n, const char *fixed)
{
	if (nproto == protocap) {
		protocap = protocap ? protocap * 2 : 64;
		protov = xreallocarray(protov, protocap, sizeof *protov);
	}
	protov[nproto].cat = cat;
	protov[nproto].norm = xmemdup(norm, n);
	protov[nproto].fixed = fixed;
	protov[nproto].ent = -1;
	return (uint32_t)nproto++;
}

static uint32_t
proto_ent(uint32_t p)
{
	proto *q = &protov[p];
	if (q->ent < 0)
		q->ent = entity_get(q->cat, q->norm, strlen(q->norm), q->fixed);
	return (uint32_t)q->ent;
}

/* --- the re-identification map and the report --- */

/*
 * One map row per (category, tag, original), counted.  Rows of an
 * existing map (--map-append) are loaded first, so a rerun adds to their
 * counts; prior_orig and prior_norm then say which tag an original (or
 * an entity's normal form) already has, so the same entity keeps its tag
 * and a numbered tag is never given twice.
 */
typedef struct {
	int cat;
	char *tag;
	char *orig;
	unsigned long count;
} mapent;

static qp_map *map_idx;        /* "CAT\0tag\0original" -> mapent + 1 */
static mapent *mapv;
static size_t nmap, mapcap;
static bool want_map;
static qp_map *prior_orig;     /* "CAT\0original" -> mapent + 1 (--map-append) */
static qp_map *prior_norm;     /* "CAT\0normal form" -> mapent + 1 */
static const char *prior_file;

static mapent *
map_row(int cat, const char *tag, const char *orig, size_t n)
{
	static qp_buf k;
	buf_reset(&k);
	buf_adds(&k, cats[cat]);
	buf_addc(&k, '\0');
	buf_adds(&k, tag);
	buf_addc(&k, '\0');
	buf_add(&k, orig, n);
	bool created;
	qp_entry *e = qp_map_put(map_idx, k.s, k.len, &created);
	if (created) {
		if (nmap == mapcap) {
			mapcap = mapcap ? mapcap * 2 : 256;
			mapv = xreallocarray(mapv, mapcap, sizeof *mapv);
		}
		mapv[nmap].cat = cat;
		mapv[nmap].tag = xstrdup(tag);
		mapv[nmap].orig = xmemdup(orig, n);
		mapv[nmap].count = 0;
		e->val = (void *)(uintptr_t)(++nmap);
	}
	return &mapv[(uintptr_t)e->val - 1];
}

/* The tag of an earlier run for (cat, s), or NULL. */
static const char *
prior_tag(qp_map *m, int cat, const char *s, size_t n)
{
	if (!m)
		return NULL;
	const qp_buf *k = cat_key(cat, s, n);
	qp_entry *e = qp_map_get(m, k->s, k->len);
	return e ? mapv[(uintptr_t)e->val - 1].tag : NULL;
}

/*
 * An occurrence of entity ent written as orig: gives the entity its tag
 * if it has none yet (the earlier run's, or the next number), checks it
 * against the earlier run's, counts it, and returns the tag.
 */
static const char *
use_entity(uint32_t ent, const char *orig, size_t n)
{
	entity *en = &entv[ent];
	const char *was = prior_tag(prior_orig, en->cat, orig, n);
	if (!en->tag) {
		qp_buf t = QP_BUF_INIT;
		const qp_entry *ke = qp_map_at(ent_idx, ent);
		size_t cl = strlen(ke->key) + 1;
		const char *pn = was ? was
		                     : prior_tag(prior_norm, en->cat, ke->key + cl, ke->len - cl);
		if (pn)
			buf_adds(&t, pn);
		else
			buf_printf(&t, "[%s_%lu]", cats[en->cat], ++cat_next[en->cat]);
		set_tag(ent, &t);
	} else if (was && strcmp(was, en->tag) != 0) {
		qp_die("%s: '%.*s' is %s there but would be %s in this run (another "
		       "roster or key file?); the map was not changed", prior_file,
		       (int)n, orig, was, en->tag);
	}
	en->count++;
	if (want_map)
		map_row(en->cat, en->tag, orig, n)->count++;
	return en->tag;
}

static int
map_cmp(const void *a, const void *b)
{
	const mapent *x = a, *y = b;
	int c = strcmp(cats[x->cat], cats[y->cat]);
	if (c)
		return c;
	if ((c = strcmp(x->tag, y->tag)) != 0)
		return c;
	return strcmp(x->orig, y->orig);
}

/* Put a key "CAT\0s" -> row into m (created if NULL). */
static void
prior_put(qp_map **m, int cat, const char *s, size_t n, const mapent *row)
{
	if (!*m)
		*m = qp_map_new();
	const qp_buf *k = cat_key(cat, s, n);
	bool created;
	qp_entry *e = qp_map_put(*m, k->s, k->len, &created);
	if (created)
		e->val = (void *)(uintptr_t)(row - mapv + 1);
}

/* --map-append: read the map an earlier run wrote. */
static void
load_prior_map(const char *path)
{
	char *files[1] = { (char *)path };
	qp_rd *r = qp_rd_open(1, files);
	if (qp_rd_ncols(r) == 0)
		qp_die_at(path, 1, "the map is empty (no header)");
	int co = qp_rd_need(r, "original"), ct = qp_rd_need(r, "replacement");
	int cc = qp_rd_need(r, "category"), cn = qp_rd_need(r, "count");
	qp_buf o = QP_BUF_INIT, t = QP_BUF_INIT, c = QP_BUF_INIT, n = QP_BUF_INIT;
	qp_buf norm = QP_BUF_INIT;
	prior_file = path;
	while (qp_rd_next(r)) {
		unsigned long ln = qp_rd_lineno(r);
		buf_reset(&o), buf_reset(&t), buf_reset(&c), buf_reset(&n);
		qp_rd_get(r, co, &o);
		qp_rd_get(r, ct, &t);
		qp_rd_get(r, cc, &c);
		qp_rd_get(r, cn, &n);
		if (o.len == 0)
			qp_die_at(path, ln, "empty original");
		if (t.len < 3 || t.s[0] != '[' || t.s[t.len - 1] != ']' ||
		    memchr(t.s + 1, '[', t.len - 2) || memchr(t.s + 1, ']', t.len - 2))
			qp_die_at(path, ln, "replacement '%s' is not a tag like [PERSON_1]",
			          t.s ? t.s : "");
		bool catok = c.len > 0;
		for (size_t i = 0; i < c.len; i++)
			if (!((c.s[i] >= 'A' && c.s[i] <= 'Z') || c.s[i] == '_' ||
			      (i > 0 && c.s[i] >= '0' && c.s[i] <= '9')))
				catok = false;
		if (!catok)
			qp_die_at(path, ln, "category '%s' is not an upper-case name",
			          c.s ? c.s : "");
		char *end;
		errno = 0;
		unsigned long cnt = n.len && n.s[0] >= '0' && n.s[0] <= '9'
		                    ? strtoul(n.s, &end, 10) : 0;
		if (n.len == 0 || n.s[0] < '0' || n.s[0] > '9' || *end || errno)
			qp_die_at(path, ln, "count '%s' is not a number", n.s ? n.s : "");
		int cat = cat_id(c.s);
		const char *was = prior_tag(prior_orig, cat, o.s, o.len);
		if (was && strcmp(was, t.s) != 0)
			qp_die_at(path, ln, "'%s' has two replacements, %s and %s", o.s,
			          was, t.s);
		mapent *row = map_row(cat, t.s, o.s, o.len);
		row->count += cnt;
		prior_put(&prior_orig, cat, o.s, o.len, row);
		buf_reset(&norm);
		int pc = -1;
		for (int k = 0; k < PII_NCAT; k++)
			if (pii_cat_ids[k] == cat)
				pc = k;
		if (pc >= 0)
			pii_norm((enum pii_cat)pc, o.s, o.len, &norm);
		else
			qp_roster_norm(o.s, o.len, &norm);
		if (norm.len)
			prior_put(&prior_norm, cat, norm.s, norm.len, row);
		/* numbered tags go on after the highest one in the map */
		size_t cl = strlen(c.s);
		if (t.len > cl + 3 && memcmp(t.s + 1, c.s, cl) == 0 && t.s[cl + 1] == '_') {
			unsigned long v = 0;
			size_t i = cl + 2;
			bool num = true;
			for (; i < t.len - 1; i++) {
				if (t.s[i] < '0' || t.s[i] > '9' || v > (ULONG_MAX - 9) / 10) {
					num = false;
					break;
				}
				v = v * 10 + (unsigned long)(t.s[i] - '0');
			}
			if (num && v > cat_next[cat])
				cat_next[cat] = v;
		}
	}
	buf_free(&o), buf_free(&t), buf_free(&c), buf_free(&n), buf_free(&norm);
	qp_rd_free(r);
}

/* --- loading the roster, terms and keep lists --- */

static uint32_t *tmpw;
static size_t tmpwcap;

/* The folded words of s as lexicon ids (interned); their count. */
static size_t
phrase_ids(const char *s, size_t n, bool roster_norm, qp_buf *fb)
{
	size_t k = 0;
	qp_words w;
	qp_word t;

	buf_reset(fb);
	if (roster_norm)
		qp_roster_norm(s, n, fb);
	else
		utf8_fold(s, n, fb);
	words_init(&w, fb->s, fb->len);
	while (words_next(&w, &t)) {
		if (k == tmpwcap) {
			tmpwcap = tmpwcap ? tmpwcap * 2 : 16;
			tmpw = xreallocarray(tmpw, tmpwcap, sizeof *tmpw);
		}
		tmpw[k++] = lex_intern(fb->s + t.off, t.len);
	}
	return k;
}

/* Add the phrase held in tmpw[0..n); a phrase already there with the
 * same words keeps its first owner (roster before terms before keep). */
static void
phrase_add(size_t n, int kind, uint32_t ent)
{
	if (n == 0)
		return;
	lexent *a = &lexv[tmpw[0] - 1];
	for (uint32_t p = a->phr; p; p = phv[p - 1].next) {
		phrase *q = &phv[p - 1];
		if (q->n == n && memcmp(wpool + q->words, tmpw, n * sizeof *tmpw) == 0)
			return;
	}
	if (nwpool + n > wpoolcap) {
		wpoolcap = (wpoolcap + n) * 2;
		wpool = xreallocarray(wpool, wpoolcap, sizeof *wpool);
	}
	memcpy(wpool + nwpool, tmpw, n * sizeof *tmpw);
	if (nph == phcap) {
		phcap = phcap ? phcap * 2 : 256;
		phv = xreallocarray(phv, phcap, sizeof *phv);
	}
	phrase *q = &phv[nph++];
	q->words = (uint32_t)nwpool;
	q->n = (uint32_t)n;
	q->kind = kind;
	q->ent = ent;
	q->next = a->phr;
	a->phr = (uint32_t)nph;
	nwpool += n;
}

static const char *const particles[] = {
	"de", "van", "von", "der", "den", "da", "di", "la", "le", "du", "del",
	"dos", "das", "do", "ten", "ter", "bin", "al", "el", "st", NULL
};
/* Words of an alias that make it a label rather than a name. */
static const char *const role_words[] = {
	"moderator", "facilitator", "interviewer", "interviewee", "host",
	"cohost", "co", "speaker", "participant", "respondent", "student",
	"advisor", "adviser", "leader", "observer", "notetaker", "note",
	"taker", "researcher", "unknown", "guest", "everyone", "all",
	"group", "audience", "unidentified", "male", "female", "man", "woman",
	"voice", "multiple", "speakers", "ms", "sga", "mcl", "p", "s", NULL
};

static bool
in_list(const char *w, size_t n, const char *const *list)
{
	for (; *list; list++)
		if (strlen(*list) == n && memcmp(*list, w, n) == 0)
			return true;
	return false;
}

/*
 * A generic alias ("Moderator", "Speaker 1", "P3", the person's role):
 * it still matches the speaker column but is not replaced inside text,
 * where it is a common word or already a pseudonym.
 */
static bool
generic_alias(const char *norm, size_t n, const char *role, qp_buf *tmp)
{
	qp_words w;
	qp_word t;
	bool all_roles = true;

	for (size_t i = 0; i < n; i++)
		if (norm[i] >= '0' && norm[i] <= '9')
			return true;
	if (role && *role) {
		buf_reset(tmp);
		qp_roster_norm(role, strlen(role), tmp);
		if (tmp->len == n && memcmp(tmp->s, norm, n) == 0)
			return true;
	}
	words_init(&w, norm, n);
	while (words_next(&w, &t))
		if (!in_list(norm + t.off, t.len, role_words))
			all_roles = false;
	return all_roles;
}

static qp_roster *roster;
static uint32_t *roster_ent;   /* proto per roster entry */

static void
load_roster(int nfiles, char **files)
{
	qp_buf fb = QP_BUF_INIT, nb = QP_BUF_INIT, tmp = QP_BUF_INIT;
	roster = qp_roster_load(nfiles, files, NULL);
	int cpart = qp_roster_col(roster, "participant");
	int crole = qp_roster_col(roster, "role");
	size_t n = qp_roster_count(roster);
	/* name part -> entry + 1, or UINT32_MAX when two people share it */
	qp_map *parts = qp_map_new();

	roster_ent = xcalloc(n ? n : 1, sizeof *roster_ent);
	tmpwcap = 16;
	tmpw = xreallocarray(tmpw, tmpwcap, sizeof *tmpw);
	for (size_t i = 0; i < n; i++) {
		const qp_roster_entry *e = qp_roster_at(roster, i);
		const char *pid = cpart >= 0 ? e->vals[cpart] : "";
		buf_reset(&nb);
		qp_roster_norm(e->name, strlen(e->name), &nb);
		roster_ent[i] = proto_new(cat_person, nb.s, nb.len, *pid ? pid : NULL);
	}
	for (size_t i = 0; i < n; i++) {
		const qp_roster_entry *e = qp_roster_at(roster, i);
		const char *role = crole >= 0 ? e->vals[crole] : NULL;
		for (size_t a = 0; a <= e->naliases; a++) {
			const char *s = a == 0 ? e->name : e->aliases[a - 1];
			buf_reset(&nb);
			qp_roster_norm(s, strlen(s), &nb);
			if (a > 0 && generic_alias(nb.s, nb.len, role, &tmp))
				continue;
			size_t k = phrase_ids(s, strlen(s), true, &fb);
			phrase_add(k, PH_ROSTER, roster_ent[i]);
			/* each part on its own */
			qp_words w;
			qp_word t;
			words_init(&w, nb.s, nb.len);
			while (words_next(&w, &t)) {
				if (t.cp_len < 2 || in_list(nb.s + t.off, t.len, particles))
					continue;
				bool created;
				qp_entry *pe = qp_map_put(parts, nb.s + t.off, t.len, &created);
				if (created)
					pe->val = (void *)(uintptr_t)(i + 1);
				else if ((uintptr_t)pe->val != i + 1)
					pe->val = (void *)(uintptr_t)UINT32_MAX;
			}
		}
	}
	for (size_t j = 0; j < qp_map_count(parts); j++) {
		qp_entry *pe = qp_map_at(parts, j);
		uintptr_t v = (uintptr_t)pe->val;
		uint32_t ent;
		if (v == UINT32_MAX)    /* shared by two people: a tag of its own */
			ent = proto_new(cat_person, pe->key, pe->len, NULL);
		else
			ent = roster_ent[v - 1];
		tmpw[0] = lex_intern(pe->key, pe->len);
		phrase_add(1, PH_ROSTER, ent);
	}
	qp_map_free(parts);
	buf_free(&fb);
	buf_free(&nb);
	buf_free(&tmp);
}

static bool
valid_category(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '_'))
			return false;
	return true;
}

static void
load_terms(const char *path)
{
	char *files[1] = { (char *)path };
	qp_rd *r = qp_rd_open(1, files);
	qp_buf term = QP_BUF_INIT, cat = QP_BUF_INIT, fb = QP_BUF_INIT;

	if (qp_rd_ncols(r) == 0)
		qp_die_at(path, 1, "terms file is empty (it needs a header with 'term')");
	int ct = qp_rd_need(r, "term");
	int cc = qp_rd_col(r, "category");
	while (qp_rd_next(r)) {
		buf_reset(&term);
		buf_reset(&cat);
		qp_rd_get(r, ct, &term);
		if (cc >= 0)
			qp_rd_get(r, cc, &cat);
		if (cat.len == 0)
			buf_adds(&cat, "TERM");
		if (!valid_category(cat.s))
			qp_die_at(path, qp_rd_lineno(r), "bad category '%s' "
			          "(letters, digits and _ only)", cat.s);
		for (size_t i = 0; i < cat.len; i++)
			if (cat.s[i] >= 'a' && cat.s[i] <= 'z')
				cat.s[i] -= 32;
		size_t k = phrase_ids(term.s, term.len, false, &fb);
		if (k == 0)
			qp_die_at(path, qp_rd_lineno(r), "term '%s' has no letters or digits",
			          term.s);
		/* the entity's normal form: the folded words */
		qp_buf nf = QP_BUF_INIT;
		qp_words w;
		qp_word t;
		words_init(&w, fb.s, fb.len);
		while (words_next(&w, &t)) {
			if (nf.len)
				buf_addc(&nf, ' ');
			buf_add(&nf, fb.s + t.off, t.len);
		}
		uint32_t ent = proto_new(cat_id(cat.s), nf.s, nf.len, NULL);
		/* entity_get may intern nothing, but phrase_ids' tmpw is intact */
		phrase_add(k, PH_TERM, ent);
		buf_free(&nf);
	}
	qp_rd_free(r);
	buf_free(&term);
	buf_free(&cat);
	buf_free(&fb);
}

static qp_map *keep_str;       /* folded --keep lines, for structured spans */

static void
load_keep(const char *path)
{
	char *files[1] = { (char *)path };
	qp_input *in = qp_input_new(1, files, 0);
	const char *line;
	size_t len;
	qp_buf fb = QP_BUF_INIT, f2 = QP_BUF_INIT;

	keep_str = qp_map_new();
	while (qp_input_line(in, &line, &len)) {
		while (len && (line[0] == ' ' || line[0] == '\t'))
			line++, len--;
		while (len && (line[len - 1] == ' ' || line[len - 1] == '\t'))
			len--;
		if (len == 0 || line[0] == '#')
			continue;
		buf_reset(&f2);
		utf8_fold(line, len, &f2);
		qp_map_put(keep_str, f2.s, f2.len, NULL);
		size_t k = phrase_ids(line, len, false, &fb);
		if (k == 1)
			lexv[tmpw[0] - 1].flags |= F_KEEP;
		else if (k > 1)
			phrase_add(k, PH_KEEP, 0);
	}
	buf_free(&fb);
	buf_free(&f2);
	qp_input_free(in);
}

static void
load_key(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	unsigned char raw[1024];
	size_t n = 0;

	if (fd < 0)
		qp_die("--key-file %s: %s", path, strerror(errno));
	if (fstat(fd, &st) == 0 && (st.st_mode & 077))
		qp_warn("--key-file %s: readable by others (mode %03o); chmod 600 it",
		        path, (unsigned)(st.st_mode & 0777));
	for (;;) {
		ssize_t r = read(fd, raw + n, sizeof raw - n);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			qp_die("--key-file %s: %s", path, strerror(errno));
		}
		if (r == 0)
			break;
		n += (size_t)r;
		if (n == sizeof raw)
			qp_die("--key-file %s: longer than %zu bytes", path, sizeof raw - 1);
	}
	close(fd);
	while (n && (raw[n - 1] == '\n' || raw[n - 1] == '\r' || raw[n - 1] == ' '))
		n--;
	/* All hexadecimal digits: the key is what they spell. */
	bool hex = n >= 2 && n % 2 == 0;
	for (size_t i = 0; i < n && hex; i++)
		hex = (raw[i] >= '0' && raw[i] <= '9') || (raw[i] >= 'a' && raw[i] <= 'f') ||
		      (raw[i] >= 'A' && raw[i] <= 'F');
	unsigned char k[sizeof raw];
	size_t kl = n;
	if (hex) {
		size_t bl;
		if (sodium_hex2bin(k, sizeof k, (const char *)raw, n, NULL, &bl, NULL) != 0)
			qp_die("--key-file %s: bad hexadecimal key", path);
		kl = bl;
	} else {
		memcpy(k, raw, n);
	}
	if (kl < 16)
		qp_die("--key-file %s: key too short (%zu bytes; at least 16, or 32 "
		       "hexadecimal digits)", path, kl);
	if (kl > crypto_generichash_KEYBYTES_MAX) {
		/* A long key is condensed to the longest key BLAKE2b takes. */
		crypto_generichash(key, sizeof key, k, kl, NULL, 0);
		keylen = sizeof key;
	} else {
		memcpy(key, k, kl);
		keylen = kl;
	}
	sodium_memzero(raw, sizeof raw);
	sodium_memzero(k, sizeof k);
}

/* --- one field --- */

typedef struct {
	size_t off, len;       /* the word in the text */
	size_t core;           /* length without a possessive 's */
	uint32_t id, pid;      /* lexicon ids of the word, and without 's */
	uint32_t phr, pphr;    /* the phrases anchored at them */
	uint32_t pfl;          /* flags of pid */
	uint8_t cap, allcaps, digit;
	int32_t ent;           /* entity assigned, or -1 */
	uint8_t keep;          /* inside a --keep phrase */
} tok;

typedef struct {
	size_t off, len;
	uint32_t ent;
} repl;

static tok *tokv;
static size_t tokcap;
static repl *replv;
static size_t nrepl, replcap;
static pii_span *spv;
static size_t spcap;
static qp_buf foldb, outb, normb;

static void
add_repl(size_t off, size_t len, uint32_t ent)
{
	if (nrepl == replcap) {
		replcap = replcap ? replcap * 2 : 64;
		replv = xreallocarray(replv, replcap, sizeof *replv);
	}
	replv[nrepl].off = off;
	replv[nrepl].len = len;
	replv[nrepl].ent = ent;
	nrepl++;
}


/* Only blanks, hyphens, dots or slashes between two words of a phrase. */
static bool
joinable(const char *s, const tok *a, const tok *b)
{
	size_t g = b->off - (a->off + a->len);
	if (g == 0 || g > 3)
		return false;
	for (size_t i = a->off + a->len; i < b->off; i++)
		if (!(s[i] == ' ' || s[i] == '-' || s[i] == '.' || s[i] == '/'))
			return false;
	return true;
}

/* Blanks only (and the dot of an abbreviated title). */
static bool
adjacent(const char *s, const tok *a, const tok *b, bool dot_ok)
{
	size_t i = a->off + a->len;
	if (a->core != a->len)
		return false;
	if (dot_ok && i < b->off && s[i] == '.')
		i++;
	if (i == b->off)
		return false;
	for (; i < b->off; i++)
		if (s[i] != ' ')
			return false;
	return true;
}

static bool
sentence_initial(const char *s, size_t off)
{
	size_t i = off;
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

static int
match_phrase(const char *s, size_t ntok, size_t i, uint32_t *ent, int *kind,
             bool *whole)
{
	uint32_t best = 0;
	for (uint32_t p = tokv[i].phr; p;
	     p = phv[p - 1].next) {
		const phrase *q = &phv[p - 1];
		if (q->n <= best || i + q->n > ntok)
			continue;
		size_t k;
		for (k = 0; k < q->n; k++) {
			const tok *t = &tokv[i + k];
			bool last = k + 1 == q->n;
			if (t->id != wpool[q->words + k] &&
			    !(last && t->pid == wpool[q->words + k]))
				break;
			if (k > 0 && !joinable(s, &tokv[i + k - 1], t))
				break;
		}
		if (k == q->n) {
			best = q->n;
			*ent = q->ent;
			*kind = q->kind;
			/* a phrase that ends in 's takes the whole word */
			*whole = tokv[i + k - 1].id == wpool[q->words + k - 1];
		}
	}
	/* a possessive single word: its stripped form may anchor phrases */
	if (!best && tokv[i].pid != tokv[i].id && tokv[i].pid) {
		for (uint32_t p = tokv[i].pphr; p; p = phv[p - 1].next) {
			const phrase *q = &phv[p - 1];
			if (q->n == 1) {
				best = 1;
				*ent = q->ent;
				*kind = q->kind;
				*whole = false;
				break;
			}
		}
	}
	return (int)best;
}

/*
 * Does a guessed person's name start at token i?  See anonymize(1),
 * "People not in the roster".
 */
static bool
person_start(const char *s, size_t ntok, size_t i)
{
	const tok *t = &tokv[i];
	uint32_t f = t->pfl;
	const tok *pv = i > 0 ? &tokv[i - 1] : NULL;
	const tok *nx = i + 1 < ntok ? &tokv[i + 1] : NULL;
	uint32_t pf = pv ? pv->pfl : 0;
	uint32_t nf = nx ? nx->pfl : 0;

	if (t->digit || t->keep || (f & (F_KEEP | F_NOTNAME | F_STOP | F_TITLE)))
		return false;
	if (pv && pv->ent < 0 && (pf & F_TITLE) && t->cap &&
	    adjacent(s, pv, t, (pf & F_ABBR) != 0))
		return true;
	if (!(f & (F_FIRST | F_LAST)))
		return false;
	/* "from London", "in Houston": a surname that is not also a given
	 * name, after a preposition of place, is taken for the place */
	if (!(f & F_FIRST) && pv && (pf & F_WHERE) && adjacent(s, pv, t, false))
		return false;
	if (pv && (pf & F_CUE) && adjacent(s, pv, t, false) &&
	    (t->cap || ((f & F_FIRST) && !(f & F_COMMON))))
		return true;
	if (t->cap && !(f & F_COMMON))
		return true;
	/* a surname straight after a name found already: "Will Smith" when
	 * the roster's Will is someone else */
	if (t->cap && (f & F_LAST) && pv && pv->ent >= 0 &&
	    entv[pv->ent].cat == cat_person && adjacent(s, pv, t, false))
		return true;
	if (t->cap && (f & F_FIRST) && nx && nx->cap && (nf & F_LAST) &&
	    !(nf & (F_NOTNAME | F_STOP)) && adjacent(s, t, nx, false))
		return true;
	if (t->cap && (f & F_FIRST) && !sentence_initial(s, t->off))
		return true;
	if ((f & F_FIRST) && nx && (nf & F_SAYS) && adjacent(s, t, nx, false) &&
	    (t->cap || (!(f & F_COMMON) && pv && (pf & F_LIKE))))
		return true;
	return false;
}

/* How far a guessed name reaches: further capitalised words that are
 * not function words ("Kevin Okafor", "Ana Maria Lindqvist"). */
static size_t
person_end(const char *s, size_t ntok, size_t i)
{
	size_t j = i + 1;
	while (j < ntok && j - i < 4) {
		const tok *a = &tokv[j - 1], *b = &tokv[j];
		uint32_t f = b->pfl;
		bool initial_dot = a->len == 1 && a->cap;
		if (b->ent >= 0 || b->digit || b->keep ||
		    (f & (F_STOP | F_NOTNAME | F_KEEP | F_TITLE)) ||
		    !adjacent(s, a, b, initial_dot) ||
		    !(b->cap || (!tokv[i].cap && (f & F_LAST) && !(f & F_COMMON))))
			break;
		if ((f & F_COMMON) && !(f & (F_FIRST | F_LAST)))
			break;
		j++;
	}
	return j;
}

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

/* Byte classes for the tokenizer's ASCII path: 1 a letter or digit,
 * 2 a byte of a multibyte character, 0 anything else. */
static unsigned char wcls[256], lower[256];

static void
tables_init(void)
{
	for (int c = 0; c < 256; c++) {
		wcls[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		          (c >= '0' && c <= '9') ? 1 : c >= 0x80 ? 2 : 0;
		lower[c] = (unsigned char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
	}
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
		uint64_t hh = FNV_INIT, hap = 0;
		for (;;) {
			while (j < n && wcls[u[j]] == 1) {
				unsigned char c = lower[u[j++]];
				if (k < WBUF)
					fb[k] = (char)c;
				k++;
				hh = FNV_STEP(hh, c);
			}
			if (j + 1 < n && u[j] == '\'' && wcls[u[j + 1]] == 1) {
				hap = hh;
				if (k < WBUF)
					fb[k] = '\'';
				k++;
				hh = FNV_STEP(hh, '\'');
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

/*
 * Anonymize s[0..n) into outb.  Returns false (and leaves outb alone)
 * when nothing was replaced.
 */
static bool
anonymize(const char *s, size_t n)
{
	size_t ntok = 0, nsp;
	qp_word wd;

	nrepl = 0;
	nsp = pii_scan(s, n, &spv, &spcap);

	/* tokens, skipping those inside structured spans; a word takes a
	 * byte and so does the gap after it, so n / 2 + 1 is room enough */
	if (tokcap < n / 2 + 1) {
		tokcap = n / 2 + 1 > 256 ? n / 2 + 1 : 256;
		tokv = xreallocarray(tokv, tokcap, sizeof *tokv);
	}
	tok *tv = tokv;
	size_t si = 0, pos = 0;
	bool ascii;
	char wbuf[WBUF];
	uint64_t h = 0, h2 = 0;
	while (next_word(s, n, &pos, &wd, &ascii, wbuf, &h, &h2)) {
		while (si < nsp && spv[si].off + spv[si].len <= wd.off)
			si++;
		if (si < nsp && wd.off + wd.len > spv[si].off)
			continue;
		tok *t = &tv[ntok++];
		t->off = wd.off;
		t->len = t->core = wd.len;
		const char *fw;
		size_t fl;
		if (ascii && wd.len <= WBUF) {
			fw = wbuf;
			fl = wd.len;
		} else {
			buf_reset(&foldb);
			utf8_fold(s + wd.off, wd.len, &foldb);
			fw = foldb.s;
			fl = foldb.len;
			h = fnv(fw, fl);
			if (fl > 2)
				h2 = fnv(fw, fl - 2);
		}
		const lhit *lh = lex_lookup_h(fw, fl, h);
		t->id = t->pid = lh->id;
		t->phr = t->pphr = lh->phr;
		t->pfl = lh->flags;
		if (fl > 2 && fw[fl - 1] == 's' && fw[fl - 2] == '\'') {
			const lhit *ph = lex_lookup_h(fw, fl - 2, h2);
			if (ph->id) {
				t->pid = ph->id;
				t->pphr = ph->phr;
				t->pfl = ph->flags;
				/* the apostrophe is 1 byte (') or 3 (’ ʼ) in the text */
				size_t al = (unsigned char)s[wd.off + wd.len - 2] == '\'' ? 1 : 3;
				t->core = wd.len - 1 - al;
			}
		}
		unsigned char c0 = (unsigned char)s[wd.off];
		if (c0 >= 'a' && c0 <= 'z') {
			/* the usual case: no capital, and digits do not matter */
			t->cap = t->allcaps = t->digit = 0;
		} else if (c0 >= '0' && c0 <= '9') {
			t->cap = t->allcaps = 0;
			t->digit = 1;
		} else {
			bool allcaps, digit;
			bool up = is_upper_cp(s + wd.off, wd.len, &allcaps, &digit);
			t->allcaps = allcaps;
			t->digit = digit;
			/* "MS", "DO", "ED": short capitals are abbreviations */
			t->cap = up && !(allcaps && wd.cp_len <= 2);
		}
		t->ent = -1;
		t->keep = 0;
	}

	/* phrases: roster, terms, keep; longest first at each word */
	for (size_t i = 0; i < ntok;) {
		uint32_t ent;
		int kind;
		bool whole = false;
		int m = tokv[i].phr || tokv[i].pphr ?
		        match_phrase(s, ntok, i, &ent, &kind, &whole) : 0;
		if (!m) {
			i++;
			continue;
		}
		/* words inside the phrase matched whole, possessive or not */
		for (int k = 0; k + 1 < m; k++)
			tokv[i + k].core = tokv[i + k].len;
		if (whole)
			tokv[i + m - 1].core = tokv[i + m - 1].len;
		for (int k = 0; k < m; k++) {
			if (kind == PH_KEEP)
				tokv[i + k].keep = 1;
			else
				tokv[i + k].ent = (int32_t)proto_ent(ent);
		}
		i += (size_t)m;
	}
	/* guesses */
	for (size_t i = 0; i < ntok; i++) {
		/* only listed names and words after a title can start one */
		if (!(tokv[i].pfl & (F_FIRST | F_LAST)) &&
		    !(i > 0 && (tokv[i - 1].pfl & F_TITLE)))
			continue;
		if (tokv[i].ent >= 0 || !person_start(s, ntok, i))
			continue;
		size_t j = person_end(s, ntok, i);
		buf_reset(&normb);
		for (size_t k = i; k < j; k++) {
			if (normb.len)
				buf_addc(&normb, ' ');
			utf8_fold(s + tokv[k].off, tokv[k].core, &normb);
		}
		uint32_t ent = entity_get(cat_person, normb.s, normb.len, NULL);
		for (size_t k = i; k < j; k++)
			tokv[k].ent = (int32_t)ent;
		i = j - 1;
	}

	/* replacements in text order: structured spans and runs of tokens */
	size_t ti = 0;
	for (size_t k = 0; k <= nsp; k++) {
		size_t lim = k < nsp ? spv[k].off : n;
		for (; ti < ntok && tokv[ti].off < lim; ti++) {
			if (tokv[ti].ent < 0)
				continue;
			size_t a = ti;
			while (ti + 1 < ntok && tokv[ti + 1].ent == tokv[a].ent &&
			       tokv[ti].core == tokv[ti].len &&
			       tokv[ti + 1].off < lim && joinable(s, &tokv[ti], &tokv[ti + 1]))
				ti++;
			size_t end = tokv[ti].off + tokv[ti].core;
			/* "Tariq H.": the dot of a closing initial is part of
			 * the name, or "[S03]." would be left behind. */
			if (ti > a && tokv[ti].core == 1 && end < lim && s[end] == '.')
				end++;
			add_repl(tokv[a].off, end - tokv[a].off, (uint32_t)tokv[a].ent);
		}
		if (k == nsp)
			break;
		const pii_span *sp = &spv[k];
		if (keep_str) {
			buf_reset(&normb);
			utf8_fold(s + sp->off, sp->len, &normb);
			if (qp_map_get(keep_str, normb.s, normb.len))
				continue;
		}
		buf_reset(&normb);
		pii_norm(sp->cat, s + sp->off, sp->len, &normb);
		add_repl(sp->off, sp->len,
		         entity_get(pii_cat_ids[sp->cat], normb.s, normb.len, NULL));
	}
	if (nrepl == 0)
		return false;
	buf_reset(&outb);
	size_t at = 0;
	for (size_t k = 0; k < nrepl; k++) {
		const repl *r = &replv[k];
		buf_add(&outb, s + at, r->off - at);
		buf_adds(&outb, use_entity(r->ent, s + r->off, r->len));
		at = r->off + r->len;
	}
	buf_add(&outb, s + at, n - at);
	return true;
}

/* --- main --- */

static void
plain_line(const char *line, size_t len)
{
	/* WebVTT's header and cue timings, and bare cue numbers, are
	 * structure, not speech. */
	bool skip = len >= 6 && memcmp(line, "WEBVTT", 6) == 0;
	for (const char *p = line; !skip && (p = memchr(p, '>', len - (size_t)(p - line)));
	     p++)
		skip = p - line >= 2 && p[-1] == '-' && p[-2] == '-';
	if (!skip) {
		size_t i = 0;
		while (i < len && line[i] >= '0' && line[i] <= '9')
			i++;
		skip = len > 0 && i == len;
	}
	if (!skip && anonymize(line, len))
		qp_write(qp_stdout, outb.s, outb.len);
	else
		qp_write(qp_stdout, line, len);
	qp_out_endrec(qp_stdout);
}

int
main(int argc, char **argv)
{
	char **rosters = NULL;
	int nrosters = 0;
	const char *terms = NULL, *keep = NULL, *keyfile = NULL, *mapfile = NULL;
	const char *columns = NULL, *names_dir = NULL;
	bool report = false, plain = false, map_append = false, force = false;
	int c;

	qp_init("anonymize");
	tables_init();
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_ROSTER:
			rosters = xreallocarray(rosters, (size_t)nrosters + 1, sizeof *rosters);
			rosters[nrosters++] = optarg;
			break;
		case OPT_TERMS: terms = optarg; break;
		case OPT_KEEP: keep = optarg; break;
		case OPT_KEY: keyfile = optarg; break;
		case OPT_MAP: mapfile = optarg; break;
		case OPT_MAP_APPEND: map_append = true; break;
		case OPT_FORCE: force = true; break;
		case OPT_REPORT: report = true; break;
		case OPT_PLAIN: plain = true; break;
		case OPT_COLUMNS: columns = optarg; break;
		case OPT_NAMES: names_dir = optarg; break;
		default: qp_common_opt(c, usage);
		}
	}
	if (plain && columns)
		qp_usage_error(usage, "--plain and --columns exclude each other");
	if ((map_append || force) && !mapfile)
		qp_usage_error(usage, "--%s needs --map FILE", force ? "force" : "map-append");
	if (map_append && force)
		qp_usage_error(usage, "--map-append and --force exclude each other");
	if (sodium_init() < 0)
		qp_die("cannot initialise libsodium");
	if (keyfile)
		load_key(keyfile);

	lex = qp_map_new();
	ent_idx = qp_map_new();
	tag_idx = qp_map_new();
	map_idx = qp_map_new();
	cat_person = cat_id("PERSON");
	for (int k = 0; k < PII_NCAT; k++)
		pii_cat_ids[k] = cat_id(pii_cat_name[k]);
	lex_flags(w_titles, F_TITLE);
	lex_flags(w_abbr, F_ABBR);
	lex_flags(w_cues, F_CUE);
	lex_flags(w_says, F_SAYS);
	lex_flags(w_like, F_LIKE);
	lex_flags(w_where, F_WHERE);
	lex_flags(w_stop, F_STOP);
	lex_flags(w_notname, F_NOTNAME);
	{
		const char *dir = find_names_dir(names_dir);
		char p[PATH_MAX];
		static const struct { const char *f; uint32_t fl; } lists[] = {
			{ "first.txt", F_FIRST }, { "last.txt", F_LAST },
			{ "common.txt", F_COMMON }
		};
		for (size_t k = 0; k < 3; k++) {
			if (snprintf(p, sizeof p, "%s/%s", dir, lists[k].f) >= (int)sizeof p)
				qp_die("%s: path too long", dir);
			load_wordlist(p, lists[k].fl);
		}
	}
	if (nrosters)
		load_roster(nrosters, rosters);
	if (terms)
		load_terms(terms);
	if (keep)
		load_keep(keep);

	/* The map is the only way back from a tag to a person: check that
	 * it may be written before reading any input, and write it whole
	 * (lib/output.c) only once the run has succeeded. */
	qp_out *mapout = NULL;
	if (mapfile) {
		struct stat st;
		bool exists = stat(mapfile, &st) == 0 && S_ISREG(st.st_mode);
		if (exists && !map_append && !force)
			qp_die("%s: the map exists; --map-append adds to it, --force "
			       "replaces it", mapfile);
		if (exists && map_append)
			load_prior_map(mapfile);
		mapout = qp_out_create(mapfile, 0600,
		                       exists ? QP_OUT_REPLACE : QP_OUT_NEW);
		want_map = true;
	}

	int nfiles = argc - optind;
	char **files = argv + optind;
	qp_buf field = QP_BUF_INIT;

	if (plain) {
		qp_input *in = qp_input_new(nfiles, files, 0);
		const char *line;
		size_t len;
		while (qp_input_line(in, &line, &len))
			plain_line(line, len);
		qp_input_free(in);
	} else {
		qp_rd *r = qp_rd_open(nfiles, files);
		int cols[64], ncol = 0, cspeaker = -1;
		if (qp_rd_ncols(r) > 0) {
			if (columns) {
				const char *p = columns;
				while (*p) {
					const char *e = strchr(p, ',');
					size_t l = e ? (size_t)(e - p) : strlen(p);
					char *nm = xmemdup(p, l);
					if (ncol == 64)
						qp_usage_error(usage, "--columns: too many columns");
					cols[ncol++] = qp_rd_need(r, nm);
					free(nm);
					p += l + (e ? 1 : 0);
				}
			} else {
				int t = qp_rd_col(r, "text"), sp = qp_rd_col(r, "speaker");
				if (t < 0 && sp < 0)
					qp_die_at(qp_rd_file(r), 1, "the stream has no column 'text' "
					          "or 'speaker' (use --columns)");
				if (t >= 0)
					cols[ncol++] = t;
				if (sp >= 0)
					cols[ncol++] = sp;
			}
			cspeaker = qp_rd_col(r, "speaker");
			qp_rd_write_header(r, qp_stdout);
		}
		qp_buf scratch = QP_BUF_INIT;
		qp_map *label_cache = qp_map_new();
		while (qp_rd_next(r)) {
			for (int k = 0; k < ncol; k++) {
				buf_reset(&field);
				qp_rd_get(r, cols[k], &field);
				if (field.len == 0)
					continue;
				if (cols[k] == cspeaker && roster) {
					/* A speaker label that names a roster person
					 * becomes that person's tag, whole. */
					bool created;
					qp_entry *ce = qp_map_put(label_cache, field.s, field.len, &created);
					if (created) {
						qp_roster_hit h = qp_roster_match(roster, field.s,
						                                  field.len, &scratch);
						uintptr_t v = 0;
						if ((h.how == QP_ROSTER_WHOLE || h.how == QP_ROSTER_PART) && h.e)
							for (size_t i = 0; i < qp_roster_count(roster); i++)
								if (qp_roster_at(roster, i) == h.e)
									v = proto_ent(roster_ent[i]) + 1;
						ce->val = (void *)v;
					}
					if (ce->val) {
						uint32_t ent = (uint32_t)((uintptr_t)ce->val - 1);
						const char *tag = use_entity(ent, field.s, field.len);
						qp_rd_set(r, cols[k], tag, strlen(tag));
						continue;
					}
				}
				if (anonymize(field.s, field.len))
					qp_rd_set(r, cols[k], outb.s, outb.len);
			}
			qp_rd_write(r, qp_stdout);
		}
		qp_map_free(label_cache);
		buf_free(&scratch);
		qp_rd_free(r);
	}
	qp_out_close(qp_stdout);

	if (mapout) {
		static const char *const hdr[] = { "original", "replacement", "category", "count" };
		qsort(mapv, nmap, sizeof *mapv, map_cmp);
		qp_write_header(mapout, hdr, 4);
		for (size_t i = 0; i < nmap; i++) {
			char cnt[32];
			qp_write_field(mapout, mapv[i].orig, strlen(mapv[i].orig));
			qp_putc(mapout, '\t');
			qp_puts(mapout, mapv[i].tag);
			qp_putc(mapout, '\t');
			qp_puts(mapout, cats[mapv[i].cat]);
			qp_putc(mapout, '\t');
			snprintf(cnt, sizeof cnt, "%lu", mapv[i].count);
			qp_puts(mapout, cnt);
			qp_putc(mapout, '\n');
		}
		qp_out_commit(mapout);
	}
	if (report) {
		/* categories in name order, each with its replacements and
		 * the distinct entities among them */
		int *ord = xcalloc((size_t)ncats, sizeof *ord);
		for (int i = 0; i < ncats; i++)
			ord[i] = i;
		for (int i = 1; i < ncats; i++)
			for (int j = i; j > 0 && strcmp(cats[ord[j - 1]], cats[ord[j]]) > 0; j--) {
				int t = ord[j];
				ord[j] = ord[j - 1];
				ord[j - 1] = t;
			}
		for (int i = 0; i < ncats; i++) {
			unsigned long hits = 0, distinct = 0;
			for (size_t e = 0; e < nent; e++)
				if (entv[e].cat == ord[i] && entv[e].count) {
					hits += entv[e].count;
					distinct++;
				}
			fprintf(stderr, "%s: report: %s\t%lu replaced\t%lu distinct\n",
			        qp_prog, cats[ord[i]], hits, distinct);
		}
		free(ord);
	}

	buf_free(&field);
	free(rosters);
	return 0;
}
