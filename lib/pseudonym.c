/*
 * pseudonym.c: entities, tags and the re-identification map (see
 * pseudonym.h).
 *
 * Entity ids are the insertion order of ent_idx, so qp_map_at(ent_idx,
 * id) is an entity's key "CAT\0normal form": the key its hash is made of,
 * and the normal form an earlier run's map may give a tag.
 *
 * With a key, a tag is a function of the entity alone, so nothing about
 * earlier entities is needed to tag the next one; pseudo_new_doc then
 * forgets them all once there are many, and what must outlive them is
 * kept small: the replacements and distinct entities per category, and
 * for each entity used, 16 bytes of its keyed hash in the table "seen"
 * (which tells a new entity from one met before, and catches two that
 * share a tag).  A run over a large archive so grows by 16 bytes a
 * distinct name, number or address, not by its spellings and tags.
 * Without a key, tags are numbered in the order of first use and every
 * entity is remembered, as the numbering needs.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "buf.h"
#include "map.h"
#include "output.h"
#include "pseudonym.h"
#include "qp.h"
#include "record.h"
#include "roster.h"

typedef struct {
	int cat;
	char *tag;             /* "[S01]", "[PERSON_3]"; NULL until first used */
	unsigned long count;
	unsigned char h[16];   /* with a key: the keyed hash of its key */
	bool fixed;
} entity;

/* A slot of the seen table: k is the tag's 40 bits of the hash, plus 1
 * (0: an empty slot), with bit 63 set for a fixed tag ([S01]), so that
 * fixed and hashed tags are never compared; rest is the hash's next 64
 * bits, which tell two entities with the same tag apart. */
typedef struct {
	uint64_t k, rest;
} seen_slot;

/* Entities held before pseudo_new_doc forgets them (with a key). */
#define PSEUDO_FORGET 65536

typedef struct {
	int cat;
	char *norm;
	const char *fixed;     /* participant id, or NULL */
	int64_t ent;           /* the entity, once met; -1 before */
} proto;

/* One row of the map: (category, tag, original), counted. */
typedef struct {
	int cat;
	const char *catname;   /* the store's, for sorting */
	char *tag;
	char *orig;
	unsigned long count;
} mapent;

struct qp_pseudo {
	char **cats;           /* category names, upper case */
	int ncats;
	unsigned long *cat_next; /* numbering per category */
	qp_map *ent_idx;       /* "CAT\0normal form" -> entity + 1 */
	entity *entv;
	size_t nent, entcap;
	qp_map *tag_idx;       /* tag -> entity + 1, to catch hash collisions */
	unsigned char key[crypto_generichash_KEYBYTES_MAX];
	size_t keylen;
	proto *protov;
	size_t nproto, protocap;

	qp_map *map_idx;       /* "CAT\0tag\0original" -> mapent + 1 */
	mapent *mapv;
	size_t nmap, mapcap;
	qp_out *mapout;        /* the map being written, or NULL */
	qp_map *prior_orig;    /* "CAT\0original" -> mapent + 1 (--map-append) */
	qp_map *prior_norm;    /* "CAT\0normal form" -> mapent + 1 */
	const char *prior_file;
	qp_buf key_buf;        /* cat_key's answer */

	unsigned long *cat_hits, *cat_distinct;  /* per category, for the report */
	seen_slot *seenv;      /* with a key: every entity used (see above) */
	size_t nseen, seencap;
};

qp_pseudo *
pseudo_new(void)
{
	if (sodium_init() < 0)
		qp_die("cannot initialise libsodium");
	qp_pseudo *ps = xcalloc(1, sizeof *ps);
	ps->ent_idx = qp_map_new();
	ps->tag_idx = qp_map_new();
	ps->map_idx = qp_map_new();
	pseudo_category(ps, "PERSON");
	for (int k = 0; k < PII_NCAT; k++)
		pseudo_category(ps, pii_cat_name[k]);
	return ps;
}

void
pseudo_free(qp_pseudo *ps)
{
	if (!ps)
		return;
	for (int i = 0; i < ps->ncats; i++)
		free(ps->cats[i]);
	free(ps->cats);
	free(ps->cat_next);
	free(ps->cat_hits);
	free(ps->cat_distinct);
	free(ps->seenv);
	for (size_t i = 0; i < ps->nent; i++)
		free(ps->entv[i].tag);
	free(ps->entv);
	qp_map_free(ps->ent_idx);
	qp_map_free(ps->tag_idx);
	for (size_t i = 0; i < ps->nproto; i++)
		free(ps->protov[i].norm);
	free(ps->protov);
	for (size_t i = 0; i < ps->nmap; i++) {
		free(ps->mapv[i].tag);
		free(ps->mapv[i].orig);
	}
	free(ps->mapv);
	qp_map_free(ps->map_idx);
	if (ps->prior_orig)
		qp_map_free(ps->prior_orig);
	if (ps->prior_norm)
		qp_map_free(ps->prior_norm);
	buf_free(&ps->key_buf);
	sodium_memzero(ps->key, sizeof ps->key);
	free(ps);
}

int
pseudo_category(qp_pseudo *ps, const char *name)
{
	for (int i = 0; i < ps->ncats; i++)
		if (strcmp(ps->cats[i], name) == 0)
			return i;
	ps->cats = xreallocarray(ps->cats, (size_t)ps->ncats + 1, sizeof *ps->cats);
	ps->cat_next = xreallocarray(ps->cat_next, (size_t)ps->ncats + 1,
	                             sizeof *ps->cat_next);
	ps->cat_hits = xreallocarray(ps->cat_hits, (size_t)ps->ncats + 1, sizeof *ps->cat_hits);
	ps->cat_distinct = xreallocarray(ps->cat_distinct, (size_t)ps->ncats + 1,
	                                 sizeof *ps->cat_distinct);
	ps->cats[ps->ncats] = xstrdup(name);
	ps->cat_next[ps->ncats] = 0;
	ps->cat_hits[ps->ncats] = 0;
	ps->cat_distinct[ps->ncats] = 0;
	return ps->ncats++;
}

/* --- the key --- */

/* The bytes of a key file, its trailing newline and blanks dropped,
 * into raw (size bytes); their count. */
static size_t
read_key_file(const char *path, unsigned char *raw, size_t size)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	size_t n = 0;

	if (fd < 0)
		qp_die("--key-file %s: %s", path, strerror(errno));
	if (fstat(fd, &st) == 0 && (st.st_mode & 077))
		qp_warn("--key-file %s: readable by others (mode %03o); chmod 600 it",
		        path, (unsigned)(st.st_mode & 0777));
	for (;;) {
		ssize_t r = read(fd, raw + n, size - n);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			qp_die("--key-file %s: %s", path, strerror(errno));
		}
		if (r == 0)
			break;
		n += (size_t)r;
		if (n == size)
			qp_die("--key-file %s: longer than %zu bytes", path, size - 1);
	}
	close(fd);
	while (n && (raw[n - 1] == '\n' || raw[n - 1] == '\r' || raw[n - 1] == ' '))
		n--;
	return n;
}

void
pseudo_load_key(qp_pseudo *ps, const char *path)
{
	unsigned char raw[1024];
	size_t n = read_key_file(path, raw, sizeof raw);
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
		crypto_generichash(ps->key, sizeof ps->key, k, kl, NULL, 0);
		ps->keylen = sizeof ps->key;
	} else {
		memcpy(ps->key, k, kl);
		ps->keylen = kl;
	}
	sodium_memzero(raw, sizeof raw);
	sodium_memzero(k, sizeof k);
}

/* --- entities --- */

/* The key "CAT\0s" of the entity and map tables, in a buffer of ps
 * reused by every call (valid until the next). */
static const qp_buf *
cat_key(qp_pseudo *ps, int cat, const char *s, size_t n)
{
	qp_buf *k = &ps->key_buf;
	buf_reset(k);
	buf_adds(k, ps->cats[cat]);
	buf_addc(k, '\0');
	buf_add(k, s, n);
	return k;
}

static void
warn_shared(const char *tag)
{
	qp_warn("two entities share the tag %s (a hash collision, or a "
	        "participant id used twice)", tag);
}

/* Give entity id the tag in t (consumed).  A hashed tag is checked in
 * the seen table when first used; the others here, by the entity's
 * identity: its id, or with a key (ids are forgotten) its hash. */
static void
set_tag(qp_pseudo *ps, uint32_t id, qp_buf *t)
{
	entity *en = &ps->entv[id];
	if (!ps->keylen || en->fixed) {
		bool created;
		qp_entry *te = qp_map_put(ps->tag_idx, t->s, t->len, &created);
		uintptr_t ident = id + 1;
		if (ps->keylen)
			memcpy(&ident, en->h, sizeof ident), ident |= 1;
		if (!created && te->val != (void *)ident)
			warn_shared(t->s);
		if (created)
			te->val = (void *)ident;
	}
	en->tag = buf_detach(t, NULL);
}

static uint64_t
bytes64(const unsigned char *p, size_t n)
{
	uint64_t v = 0;
	for (size_t i = 0; i < n; i++)
		v = v << 8 | p[i];
	return v;
}

static void seen_grow(qp_pseudo *ps);

/* Note the first use of entity en in the seen table: true when no
 * entity with its hash was used before (it is a distinct one).  Warns
 * when another entity had its hashed tag. */
static bool
seen_note(qp_pseudo *ps, const entity *en)
{
	if (4 * (ps->nseen + 1) > 3 * ps->seencap)
		seen_grow(ps);
	uint64_t k = (bytes64(en->h, 5) + 1) | (uint64_t)en->fixed << 63;
	uint64_t rest = bytes64(en->h + 5, 8);
	size_t mask = ps->seencap - 1;
	for (size_t i = (size_t)(k * 0x9e3779b97f4a7c15u >> 20) & mask;; i = (i + 1) & mask) {
		seen_slot *sl = &ps->seenv[i];
		if (sl->k == 0) {
			sl->k = k;
			sl->rest = rest;
			ps->nseen++;
			return true;
		}
		if (sl->k == k) {
			if (sl->rest == rest)
				return false;
			if (!en->fixed)
				warn_shared(en->tag);
			/* a different entity: its own slot further on */
		}
	}
}

static void
seen_grow(qp_pseudo *ps)
{
	seen_slot *old = ps->seenv;
	size_t oldcap = ps->seencap;
	ps->seencap = oldcap ? oldcap * 2 : 4096;
	ps->seenv = xcalloc(ps->seencap, sizeof *ps->seenv);
	size_t mask = ps->seencap - 1;
	for (size_t j = 0; j < oldcap; j++) {
		if (!old[j].k)
			continue;
		size_t i = (size_t)(old[j].k * 0x9e3779b97f4a7c15u >> 20) & mask;
		while (ps->seenv[i].k)
			i = (i + 1) & mask;
		ps->seenv[i] = old[j];
	}
	free(old);
}

void
pseudo_new_doc(qp_pseudo *ps)
{
	if (!ps->keylen || ps->nent < PSEUDO_FORGET)
		return;
	for (size_t i = 0; i < ps->nent; i++)
		free(ps->entv[i].tag);
	ps->nent = 0;
	qp_map_free(ps->ent_idx);
	ps->ent_idx = qp_map_new();
	for (size_t i = 0; i < ps->nproto; i++)
		ps->protov[i].ent = -1;
}

uint32_t
pseudo_entity(qp_pseudo *ps, int cat, const char *norm, size_t n, const char *fixed)
{
	const qp_buf *k = cat_key(ps, cat, norm, n);
	bool created;
	qp_entry *e = qp_map_put(ps->ent_idx, k->s, k->len, &created);
	if (!created)
		return (uint32_t)(uintptr_t)e->val - 1;
	if (ps->nent == ps->entcap) {
		ps->entcap = ps->entcap ? ps->entcap * 2 : 256;
		ps->entv = xreallocarray(ps->entv, ps->entcap, sizeof *ps->entv);
	}
	uint32_t id = (uint32_t)ps->nent++;
	e->val = (void *)(uintptr_t)(id + 1);
	entity *en = &ps->entv[id];
	en->cat = cat;
	en->count = 0;
	en->tag = NULL;
	en->fixed = fixed != NULL;
	if (ps->keylen)
		crypto_generichash(en->h, sizeof en->h, (const unsigned char *)k->s, k->len,
		                   ps->key, ps->keylen);
	qp_buf t = QP_BUF_INIT;
	if (fixed) {
		buf_printf(&t, "[%s]", fixed);
	} else if (ps->keylen) {
		const unsigned char *h = en->h;
		buf_printf(&t, "[%s_%02x%02x%02x%02x%02x]", ps->cats[cat],
		           h[0], h[1], h[2], h[3], h[4]);
	} else {
		/* numbered when first used: a --map-append map may name it */
		return id;
	}
	set_tag(ps, id, &t);
	return id;
}

int
pseudo_entity_category(const qp_pseudo *ps, uint32_t ent)
{
	return ps->entv[ent].cat;
}

uint32_t
pseudo_proto(qp_pseudo *ps, int cat, const char *norm, size_t n, const char *fixed)
{
	if (ps->nproto == ps->protocap) {
		ps->protocap = ps->protocap ? ps->protocap * 2 : 64;
		ps->protov = xreallocarray(ps->protov, ps->protocap, sizeof *ps->protov);
	}
	proto *q = &ps->protov[ps->nproto];
	q->cat = cat;
	q->norm = xmemdup(norm, n);
	q->fixed = fixed;
	q->ent = -1;
	return (uint32_t)ps->nproto++;
}

uint32_t
pseudo_proto_entity(qp_pseudo *ps, uint32_t p)
{
	proto *q = &ps->protov[p];
	if (q->ent < 0)
		q->ent = pseudo_entity(ps, q->cat, q->norm, strlen(q->norm), q->fixed);
	return (uint32_t)q->ent;
}

/* --- the map --- */

static mapent *
map_row(qp_pseudo *ps, int cat, const char *tag, const char *orig, size_t n)
{
	qp_buf *k = &ps->key_buf;
	buf_reset(k);
	buf_adds(k, ps->cats[cat]);
	buf_addc(k, '\0');
	buf_adds(k, tag);
	buf_addc(k, '\0');
	buf_add(k, orig, n);
	bool created;
	qp_entry *e = qp_map_put(ps->map_idx, k->s, k->len, &created);
	if (created) {
		if (ps->nmap == ps->mapcap) {
			ps->mapcap = ps->mapcap ? ps->mapcap * 2 : 256;
			ps->mapv = xreallocarray(ps->mapv, ps->mapcap, sizeof *ps->mapv);
		}
		mapent *m = &ps->mapv[ps->nmap];
		m->cat = cat;
		m->catname = ps->cats[cat];
		m->tag = xstrdup(tag);
		m->orig = xmemdup(orig, n);
		m->count = 0;
		e->val = (void *)(uintptr_t)(++ps->nmap);
	}
	return &ps->mapv[(uintptr_t)e->val - 1];
}

/* The tag of an earlier run for (cat, s), or NULL. */
static const char *
prior_tag(qp_pseudo *ps, qp_map *m, int cat, const char *s, size_t n)
{
	if (!m)
		return NULL;
	const qp_buf *k = cat_key(ps, cat, s, n);
	qp_entry *e = qp_map_get(m, k->s, k->len);
	return e ? ps->mapv[(uintptr_t)e->val - 1].tag : NULL;
}

const char *
pseudo_use(qp_pseudo *ps, uint32_t ent, const char *orig, size_t n)
{
	entity *en = &ps->entv[ent];
	const char *was = prior_tag(ps, ps->prior_orig, en->cat, orig, n);
	if (!en->tag) {
		qp_buf t = QP_BUF_INIT;
		const qp_entry *ke = qp_map_at(ps->ent_idx, ent);
		size_t cl = strlen(ke->key) + 1;
		const char *pn = was ? was
		                     : prior_tag(ps, ps->prior_norm, en->cat, ke->key + cl,
		                                 ke->len - cl);
		if (pn)
			buf_adds(&t, pn);
		else
			buf_printf(&t, "[%s_%lu]", ps->cats[en->cat], ++ps->cat_next[en->cat]);
		set_tag(ps, ent, &t);
	} else if (was && strcmp(was, en->tag) != 0) {
		qp_die("%s: '%.*s' is %s there but would be %s in this run (another "
		       "roster or key file?); the map was not changed", ps->prior_file,
		       (int)n, orig, was, en->tag);
	}
	if (en->count++ == 0 && (!ps->keylen || seen_note(ps, en)))
		ps->cat_distinct[en->cat]++;
	ps->cat_hits[en->cat]++;
	if (ps->mapout)
		map_row(ps, en->cat, en->tag, orig, n)->count++;
	return en->tag;
}

/* Put a key "CAT\0s" -> row into m (created if NULL). */
static void
prior_put(qp_pseudo *ps, qp_map **m, int cat, const char *s, size_t n,
          const mapent *row)
{
	if (!*m)
		*m = qp_map_new();
	const qp_buf *k = cat_key(ps, cat, s, n);
	bool created;
	qp_entry *e = qp_map_put(*m, k->s, k->len, &created);
	if (created)
		e->val = (void *)(uintptr_t)(row - ps->mapv + 1);
}

/* Numbered tags go on after the highest one in the map: t "[CAT_n]". */
static void
note_number(qp_pseudo *ps, int cat, const qp_buf *c, const qp_buf *t)
{
	size_t cl = c->len;
	if (!(t->len > cl + 3 && memcmp(t->s + 1, c->s, cl) == 0 && t->s[cl + 1] == '_'))
		return;
	unsigned long v = 0;
	for (size_t i = cl + 2; i < t->len - 1; i++) {
		if (t->s[i] < '0' || t->s[i] > '9' || v > (ULONG_MAX - 9) / 10)
			return;
		v = v * 10 + (unsigned long)(t->s[i] - '0');
	}
	if (v > ps->cat_next[cat])
		ps->cat_next[cat] = v;
}

/* The fields of one row of an earlier map, checked; dies naming the line. */
static unsigned long
check_prior_row(const char *path, unsigned long ln, const qp_buf *o,
                const qp_buf *t, const qp_buf *c, const qp_buf *n)
{
	if (o->len == 0)
		qp_die_at(path, ln, "empty original");
	if (t->len < 3 || t->s[0] != '[' || t->s[t->len - 1] != ']' ||
	    memchr(t->s + 1, '[', t->len - 2) || memchr(t->s + 1, ']', t->len - 2))
		qp_die_at(path, ln, "replacement '%s' is not a tag like [PERSON_1]",
		          t->s);
	bool catok = c->len > 0;
	for (size_t i = 0; i < c->len; i++)
		if (!((c->s[i] >= 'A' && c->s[i] <= 'Z') || c->s[i] == '_' ||
		      (i > 0 && c->s[i] >= '0' && c->s[i] <= '9')))
			catok = false;
	if (!catok)
		qp_die_at(path, ln, "category '%s' is not an upper-case name",
		          c->s);
	char *end;
	errno = 0;
	unsigned long cnt = n->len && n->s[0] >= '0' && n->s[0] <= '9'
	                    ? strtoul(n->s, &end, 10) : 0;
	if (n->len == 0 || n->s[0] < '0' || n->s[0] > '9' || *end || errno)
		qp_die_at(path, ln, "count '%s' is not a number", n->s);
	return cnt;
}

/* Take in one row of an earlier map: its counts, the tag of its
 * original and of the original's normal form, its number. */
static void
add_prior_row(qp_pseudo *ps, const char *path, unsigned long ln, const qp_buf *o,
              const qp_buf *t, const qp_buf *c, unsigned long cnt, qp_buf *norm)
{
	int cat = pseudo_category(ps, c->s);
	const char *was = prior_tag(ps, ps->prior_orig, cat, o->s, o->len);
	if (was && strcmp(was, t->s) != 0)
		qp_die_at(path, ln, "'%s' has two replacements, %s and %s", o->s,
		          was, t->s);
	mapent *row = map_row(ps, cat, t->s, o->s, o->len);
	row->count += cnt;
	prior_put(ps, &ps->prior_orig, cat, o->s, o->len, row);
	buf_reset(norm);
	if (cat >= PSEUDO_PII && cat < PSEUDO_PII + PII_NCAT)
		pii_norm((enum pii_cat)(cat - PSEUDO_PII), o->s, o->len, norm);
	else
		qp_roster_norm(o->s, o->len, norm);
	if (norm->len)
		prior_put(ps, &ps->prior_norm, cat, norm->s, norm->len, row);
	note_number(ps, cat, c, t);
}

/* --map-append: read the map an earlier run wrote. */
static void
load_prior_map(qp_pseudo *ps, const char *path)
{
	char *files[1] = { (char *)path };
	qp_rd *r = qp_rd_open(1, files);
	if (qp_rd_ncols(r) == 0)
		qp_die_at(path, 1, "the map is empty (no header)");
	int co = qp_rd_need(r, "original"), ct = qp_rd_need(r, "replacement");
	int cc = qp_rd_need(r, "category"), cn = qp_rd_need(r, "count");
	qp_buf o = QP_BUF_INIT, t = QP_BUF_INIT, c = QP_BUF_INIT, n = QP_BUF_INIT;
	qp_buf norm = QP_BUF_INIT;
	ps->prior_file = path;
	while (qp_rd_next(r)) {
		unsigned long ln = qp_rd_lineno(r);
		buf_reset(&o), buf_reset(&t), buf_reset(&c), buf_reset(&n);
		qp_rd_get(r, co, &o);
		qp_rd_get(r, ct, &t);
		qp_rd_get(r, cc, &c);
		qp_rd_get(r, cn, &n);
		unsigned long cnt = check_prior_row(path, ln, &o, &t, &c, &n);
		add_prior_row(ps, path, ln, &o, &t, &c, cnt, &norm);
	}
	buf_free(&o), buf_free(&t), buf_free(&c), buf_free(&n), buf_free(&norm);
	qp_rd_free(r);
}

void
pseudo_map_open(qp_pseudo *ps, const char *path, bool append, bool force)
{
	struct stat st;
	bool exists = stat(path, &st) == 0 && S_ISREG(st.st_mode);
	if (exists && !append && !force)
		qp_die("%s: the map exists; --map-append adds to it, --force "
		       "replaces it", path);
	if (exists && append)
		load_prior_map(ps, path);
	ps->mapout = qp_out_create(path, 0600, exists ? QP_OUT_REPLACE : QP_OUT_NEW);
}

static int
map_cmp(const void *a, const void *b)
{
	const mapent *x = a, *y = b;
	int c = strcmp(x->catname, y->catname);
	if (c)
		return c;
	if ((c = strcmp(x->tag, y->tag)) != 0)
		return c;
	return strcmp(x->orig, y->orig);
}

void
pseudo_map_commit(qp_pseudo *ps)
{
	static const char *const hdr[] = { "original", "replacement", "category", "count" };
	qp_out *out = ps->mapout;
	if (!out)
		return;
	qsort(ps->mapv, ps->nmap, sizeof *ps->mapv, map_cmp);
	qp_write_header(out, hdr, 4);
	for (size_t i = 0; i < ps->nmap; i++) {
		const mapent *m = &ps->mapv[i];
		char cnt[32];
		qp_write_field(out, m->orig, strlen(m->orig));
		qp_putc(out, '\t');
		qp_puts(out, m->tag);
		qp_putc(out, '\t');
		qp_puts(out, ps->cats[m->cat]);
		qp_putc(out, '\t');
		snprintf(cnt, sizeof cnt, "%lu", m->count);
		qp_puts(out, cnt);
		qp_putc(out, '\n');
	}
	qp_out_commit(out);
	ps->mapout = NULL;
}

void
pseudo_report(const qp_pseudo *ps)
{
	int *ord = xcalloc((size_t)ps->ncats, sizeof *ord);
	for (int i = 0; i < ps->ncats; i++)
		ord[i] = i;
	for (int i = 1; i < ps->ncats; i++)
		for (int j = i; j > 0 && strcmp(ps->cats[ord[j - 1]], ps->cats[ord[j]]) > 0; j--) {
			int t = ord[j];
			ord[j] = ord[j - 1];
			ord[j - 1] = t;
		}
	for (int i = 0; i < ps->ncats; i++)
		fprintf(stderr, "%s: report: %s\t%lu replaced\t%lu distinct\n",
		        qp_prog, ps->cats[ord[i]], ps->cat_hits[ord[i]], ps->cat_distinct[ord[i]]);
	free(ord);
}
