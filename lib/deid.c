/*
 * deid.c: de-identification of one field after another (deid.h).
 *
 * One pass over each field: the structured scanner (lib/pii) marks
 * e-mail addresses, URLs, phone numbers, dates, record numbers and postal
 * codes; then the field's words are folded once and looked up in the
 * name lexicon (lib/names), which holds every word the filter cares about
 * (roster names, --terms, --keep, the shipped name lists, titles and cue
 * words) with flags and the phrases anchored at it.  Phrases, places and
 * guessed names become entities of the pseudonym store (lib/pseudonym),
 * which gives the tags and keeps the map.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "deid.h"
#include "map.h"
#include "names.h"
#include "output.h"
#include "pii.h"
#include "places.h"
#include "pseudonym.h"
#include "qp.h"
#include "record.h"
#include "roster.h"
#include "strdist.h"
#include "utf8.h"
#include "words.h"


/* One replacement in a field: the bytes off..off+len become ent's tag,
 * by the rule that --audit names. */
typedef struct {
	size_t off, len;
	uint32_t ent;
	const char *rule, *why;
} repl;

/* What a run holds: the lexicon and the store, the lists that fed them,
 * and the scratch of one field (spans, replacements, buffers), reused
 * from field to field. */
struct qp_deid {
	qp_names *names;
	qp_places *places;     /* the gazetteer and institutions (lib/places) */
	qp_pseudo *ps;
	qp_roster *roster;     /* NULL without --roster */
	uint32_t *roster_proto; /* proto per roster entry */
	qp_map *keep_str;      /* folded --keep lines, for structured spans */
	qp_map *label_cache;   /* speaker label -> entity + 1, 0: no person */
	pii_span *spv;
	size_t spcap;
	repl *replv;
	size_t nrepl, replcap;
	qp_buf norm;           /* a normal form being built */
	qp_buf out;            /* replace_identifiers' result */
	qp_buf scratch;        /* for qp_roster_norm and qp_roster_match */
	/* the document being read: its casing so far, and the parts of
	 * the names guessed in it (folded part -> entity + 1, 0 when two
	 * people share it) */
	qp_buf doc;
	bool doc_started, doc_cased;
	qp_map *doc_parts;
	/* --audit: the file, and where the field being done is */
	qp_out *audit;
	qp_buf audit_seg;
	const char *audit_col;
	/* the roster's name parts a misspelling may stand for (fuzzy_*),
	 * sorted by first byte; fz_at[c] is the first of byte c */
	struct fz_part { char *w; size_t n; uint32_t owner; } *fz;
	size_t nfz, fz_at[257];
};

/* Flags that make a word something else than a misspelt roster name: an
 * ordinary word, a place, a title, a closed-list word. */
#define FZ_NOT (NAME_WORD | NAME_COMMON | NAME_STOP | NAME_TITLE | NAME_CUE | \
                NAME_NOTNAME | NAME_KEEP | NAME_PLACE | NAME_REGION | NAME_ORG | \
                NAME_INST_HEAD | NAME_SAYS | NAME_DET | NAME_PRON | NAME_AND)

/* --- the roster --- */

/* Words of an alias that make it a label rather than a name. */
static const char *const role_words[] = {
	"moderator", "facilitator", "interviewer", "interviewee", "host",
	"cohost", "co", "speaker", "participant", "respondent", "student",
	"advisor", "adviser", "leader", "observer", "notetaker", "note",
	"taker", "researcher", "unknown", "guest", "everyone", "all",
	"group", "audience", "unidentified", "male", "female", "man", "woman",
	"voice", "multiple", "speakers", "ms", "sga", "mcl", "p", "s", NULL
};

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
		if (!qp_word_in(norm + t.off, t.len, role_words))
			all_roles = false;
	return all_roles;
}

/* Note each part of the name nb (normal form) of roster entry i in parts:
 * part -> entry + 1, or UINT32_MAX when two people share it.  Initials
 * and particles are no parts. */
static void
note_name_parts(qp_map *parts, const qp_buf *nb, size_t i)
{
	qp_words w;
	qp_word t;
	words_init(&w, nb->s, nb->len);
	while (words_next(&w, &t)) {
		if (t.cp_len < 2 || qp_word_in(nb->s + t.off, t.len, qp_name_particles))
			continue;
		bool created;
		qp_entry *pe = qp_map_put(parts, nb->s + t.off, t.len, &created);
		if (created)
			pe->val = (void *)(uintptr_t)(i + 1);
		else if ((uintptr_t)pe->val != i + 1)
			pe->val = (void *)(uintptr_t)UINT32_MAX;
	}
}

/* The name and the aliases of roster entry i as phrases of its proto,
 * their parts noted in parts. */
static void
add_roster_entry(qp_deid *an, size_t i, int crole, qp_map *parts)
{
	const qp_roster_entry *e = qp_roster_at(an->roster, i);
	const char *role = crole >= 0 ? e->vals[crole] : NULL;
	qp_buf nb = QP_BUF_INIT;
	for (size_t a = 0; a <= e->naliases; a++) {
		const char *s = a == 0 ? e->name : e->aliases[a - 1];
		buf_reset(&nb);
		qp_roster_norm(s, strlen(s), &nb);
		if (a > 0 && generic_alias(nb.s, nb.len, role, &an->scratch))
			continue;
		const uint32_t *ids;
		size_t k = names_intern_words(an->names, nb.s, nb.len, &ids);
		names_add_phrase(an->names, ids, k, NAMES_ROSTER, an->roster_proto[i]);
		note_name_parts(parts, &nb, i);
	}
	buf_free(&nb);
}

/*
 * Names as a speech recogniser misspells them ("kowalcyk", "wierzbiki",
 * "castilo"): a word no list holds, or one only the name lists hold,
 * within one edit of a roster part of five to seven letters, two of a
 * longer one, with the same first letter, is that part.  Parts that are
 * ordinary words ("grace") are left out: their misspellings are words.
 */
static void
fuzzy_add(qp_deid *an, const char *w, size_t n, uint32_t flags, uint32_t owner)
{
	/* a part that is also a place is still a name here */
	if (n < 5 || n > 40 ||
	    (flags & (NAME_WORD | NAME_COMMON | NAME_STOP | NAME_TITLE | NAME_NOTNAME |
	              NAME_PLACE_WORD)))
		return;
	an->fz = xrealloc(an->fz, (an->nfz + 1) * sizeof *an->fz);
	an->fz[an->nfz++] = (struct fz_part){ xmemdup(w, n), n, owner };
}

static int
fz_cmp(const void *a, const void *b)
{
	const struct fz_part *x = a, *y = b;
	return (unsigned char)x->w[0] - (unsigned char)y->w[0];
}

static void
fuzzy_index(qp_deid *an)
{
	if (an->nfz > 1)    /* qsort wants an array, even of none */
		qsort(an->fz, an->nfz, sizeof *an->fz, fz_cmp);
	size_t k = 0;
	for (int c = 0; c <= 256; c++) {
		while (c < 256 && k < an->nfz && (unsigned char)an->fz[k].w[0] < c)
			k++;
		an->fz_at[c] = c < 256 ? k : an->nfz;
	}
}

/* The roster part the token at s[0..n) misspells, its owner + 1, or 0. */
static uint32_t
fuzzy_owner(qp_deid *an, const char *s, size_t n)
{
	char low[64];
	const char *w = low;
	if (n < 4 || n > 40)
		return 0;
	size_t k;
	for (k = 0; k < n && (unsigned char)s[k] < 0x80; k++)
		low[k] = (char)(s[k] >= 'A' && s[k] <= 'Z' ? s[k] + 32 : s[k]);
	if (k < n) {
		buf_reset(&an->norm);
		utf8_fold(s, n, &an->norm);
		w = an->norm.s;
		n = an->norm.len;
	}
	unsigned char c = (unsigned char)w[0];
	for (size_t i = an->fz_at[c]; i < an->fz_at[c + 1]; i++) {
		const struct fz_part *p = &an->fz[i];
		unsigned max = p->n >= 8 ? 2 : 1;
		if (strdist(w, n, p->w, p->n, max) <= max)
			return p->owner + 1;
	}
	return 0;
}

static void set_entity(qp_deid *an, names_tok *t, uint32_t ent);

/* Tokens no phrase took that misspell a roster name part. */
static void
fuzzy_match(qp_deid *an, const char *s, names_tok *tv, size_t ntok)
{
	for (size_t i = 0; i < ntok; i++) {
		names_tok *t = &tv[i];
		uint32_t o;
		if (t->ent >= 0 || t->keep || t->digit || (t->pfl & FZ_NOT) ||
		    (o = fuzzy_owner(an, s + t->off, t->core)) == 0)
			continue;
		set_entity(an, t, pseudo_proto_entity(an->ps, o - 1));
		t->why = WHY_FUZZY;
	}
}

void
deid_load_roster(qp_deid *an, int nfiles, char **files)
{
	qp_buf nb = QP_BUF_INIT;
	qp_roster *r = an->roster = qp_roster_load(nfiles, files, NULL);
	int cpart = qp_roster_col(r, "participant");
	int crole = qp_roster_col(r, "role");
	size_t n = qp_roster_count(r);
	qp_map *parts = qp_map_new();

	an->roster_proto = xcalloc(n ? n : 1, sizeof *an->roster_proto);
	for (size_t i = 0; i < n; i++) {
		const qp_roster_entry *e = qp_roster_at(r, i);
		const char *pid = cpart >= 0 ? e->vals[cpart] : "";
		buf_reset(&nb);
		qp_roster_norm(e->name, strlen(e->name), &nb);
		an->roster_proto[i] = pseudo_proto(an->ps, PSEUDO_PERSON, nb.s, nb.len,
		                                   *pid ? pid : NULL);
	}
	for (size_t i = 0; i < n; i++)
		add_roster_entry(an, i, crole, parts);
	for (size_t j = 0; j < qp_map_count(parts); j++) {
		qp_entry *pe = qp_map_at(parts, j);
		uintptr_t v = (uintptr_t)pe->val;
		uint32_t owner;
		if (v == UINT32_MAX)    /* shared by two people: a tag of its own */
			owner = pseudo_proto(an->ps, PSEUDO_PERSON, pe->key, pe->len, NULL);
		else
			owner = an->roster_proto[v - 1];
		uint32_t id = names_intern(an->names, pe->key, pe->len);
		names_add_phrase(an->names, &id, 1, NAMES_ROSTER, owner);
		fuzzy_add(an, pe->key, pe->len, names_flags(an->names, id), owner);
	}
	fuzzy_index(an);
	qp_map_free(parts);
	buf_free(&nb);
}

/* --- --terms and --keep --- */

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

/* One term (unescaped) of category cat (upper-cased here): a phrase of
 * a proto whose normal form is its folded words. */
static void
add_term(qp_deid *an, const char *path, unsigned long ln, const qp_buf *term,
         qp_buf *cat)
{
	if (cat->len == 0)
		buf_adds(cat, "TERM");
	if (!valid_category(cat->s))
		qp_die_at(path, ln, "bad category '%s' (letters, digits and _ only)",
		          cat->s);
	for (size_t i = 0; i < cat->len; i++)
		if (cat->s[i] >= 'a' && cat->s[i] <= 'z')
			cat->s[i] -= 32;
	qp_buf fb = QP_BUF_INIT, nf = QP_BUF_INIT;
	utf8_fold(term->s, term->len, &fb);
	const uint32_t *ids;
	size_t k = names_intern_words(an->names, fb.s, fb.len, &ids);
	if (k == 0)
		qp_die_at(path, ln, "term '%s' has no letters or digits",
		          term->s);
	qp_words w;
	qp_word t;
	words_init(&w, fb.s, fb.len);
	while (words_next(&w, &t)) {
		if (nf.len)
			buf_addc(&nf, ' ');
		buf_add(&nf, fb.s + t.off, t.len);
	}
	uint32_t p = pseudo_proto(an->ps, pseudo_category(an->ps, cat->s), nf.s,
	                          nf.len, NULL);
	names_add_phrase(an->names, ids, k, NAMES_TERM, p);
	buf_free(&fb);
	buf_free(&nf);
}

void
deid_load_terms(qp_deid *an, const char *path)
{
	char *files[1] = { (char *)path };
	qp_rd *r = qp_rd_open(1, files);
	qp_buf term = QP_BUF_INIT, cat = QP_BUF_INIT;

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
		add_term(an, path, qp_rd_lineno(r), &term, &cat);
	}
	qp_rd_free(r);
	buf_free(&term);
	buf_free(&cat);
}

/* A --keep line, folded: a word is flagged, a phrase anchored, and a
 * structured identifier noted as it is written. */
static void
add_keep(void *ctx, const char *w, size_t n)
{
	qp_deid *an = ctx;
	qp_map_put(an->keep_str, w, n, NULL);
	const uint32_t *ids;
	size_t k = names_intern_words(an->names, w, n, &ids);
	if (k == 1)
		names_set_flags(an->names, ids[0], NAME_KEEP);
	else if (k > 1)
		names_add_phrase(an->names, ids, k, NAMES_KEEP, 0);
}

void
deid_load_keep(qp_deid *an, const char *path)
{
	an->keep_str = qp_map_new();
	names_read_list(path, add_keep, an);
}

/* --- one field --- */

static void
add_repl(qp_deid *an, size_t off, size_t len, uint32_t ent)
{
	if (an->nrepl == an->replcap) {
		an->replcap = an->replcap ? an->replcap * 2 : 64;
		an->replv = xreallocarray(an->replv, an->replcap, sizeof *an->replv);
	}
	an->replv[an->nrepl++] = (repl){ off, len, ent, "", "" };
}

static void
set_entity(qp_deid *an, names_tok *t, uint32_t ent)
{
	t->ent = (int32_t)ent;
	t->person = pseudo_entity_category(an->ps, ent) == PSEUDO_PERSON;
}

/* Roster names, terms and --keep phrases: the longest first at each word. */
static void
match_phrases(qp_deid *an, const char *s, names_tok *tv, size_t ntok)
{
	for (size_t i = 0; i < ntok;) {
		uint32_t owner;
		enum names_phrase_kind kind;
		bool whole = false;
		int m = tv[i].phr || tv[i].pphr ?
		        names_match_phrase(an->names, s, tv, ntok, i, &owner, &kind, &whole) : 0;
		if (!m) {
			i++;
			continue;
		}
		/* words inside the phrase matched whole, possessive or not */
		for (int k = 0; k + 1 < m; k++)
			tv[i + k].core = tv[i + k].len;
		if (whole)
			tv[i + m - 1].core = tv[i + m - 1].len;
		for (int k = 0; k < m; k++) {
			tv[i + k].cont = k > 0;
			if (kind == NAMES_KEEP)
				tv[i + k].keep = 1;
			else
				set_entity(an, &tv[i + k], pseudo_proto_entity(an->ps, owner));
		}
		/* a roster name alone that is also a word ("will", "Hope"):
		 * decided once the people around it are known */
		if (m == 1 && kind == NAMES_ROSTER && (tv[i].pfl & (NAME_WORD | NAME_NOTNAME)))
			tv[i].amb = 1;
		i += (size_t)m;
	}
}

/* The entity + 1 of the name part that token t is, in this document;
 * 0 when none is known, PART_SHARED when two people share it (the
 * folded part is then in an->scratch). */
#define PART_SHARED UINT32_MAX
static uint32_t
doc_part(qp_deid *an, const char *s, const names_tok *t)
{
	if (qp_map_count(an->doc_parts) == 0)
		return 0;
	buf_reset(&an->scratch);
	utf8_fold(s + t->off, t->core, &an->scratch);
	qp_entry *e = qp_map_get(an->doc_parts, an->scratch.s, an->scratch.len);
	return e ? (uint32_t)(uintptr_t)e->val : 0;
}

/* Note the folded part w[0..n) of person ent's name for the document. */
static void
note_part(qp_deid *an, const char *w, size_t n, uint32_t ent)
{
	bool created;
	qp_entry *e = qp_map_put(an->doc_parts, w, n, &created);
	if (created)
		e->val = (void *)(uintptr_t)(ent + 1);
	else if ((uintptr_t)e->val != ent + 1)
		e->val = (void *)(uintptr_t)PART_SHARED;
}

/*
 * A guessed person (names_guess_people): the entity of the folded words
 * of tokens i..j-1.  A name notes its words for the document (surnames
 * and words on no list); one word alone that is such a part ("Okafor"
 * after "Kevin Okafor") is that person.
 */
static uint32_t
guessed_person(void *ctx, const char *s, const names_tok *tv, size_t i, size_t j)
{
	qp_deid *an = ctx;
	uint32_t part;
	if (j == i + 1 && (part = doc_part(an, s, &tv[i])) != 0 && part != PART_SHARED)
		return part - 1;
	buf_reset(&an->norm);
	for (size_t k = i; k < j; k++) {
		if (an->norm.len)
			buf_addc(&an->norm, ' ');
		utf8_fold(s + tv[k].off, tv[k].core, &an->norm);
	}
	uint32_t ent = pseudo_entity(an->ps, PSEUDO_PERSON, an->norm.s, an->norm.len, NULL);
	for (size_t k = i; k < j; k++) {
		/* nor initials, particles ("de", "della") or short words */
		/* given names only on their list are found alone by the
		 * guesser where they stand ("max 64" is no one) */
		uint32_t f = tv[k].pfl;
		if (tv[k].core < 3 || (f & (NAME_COMMON | NAME_WORD)) ||
		    (f & (NAME_FIRST | NAME_LAST)) == NAME_FIRST)
			continue;
		buf_reset(&an->scratch);
		utf8_fold(s + tv[k].off, tv[k].core, &an->scratch);
		if (qp_word_in(an->scratch.s, an->scratch.len, qp_name_particles))
			continue;
		note_part(an, an->scratch.s, an->scratch.len, ent);
	}
	return ent;
}

/* "Mr. Vang, sorry, Pao Vang": a capitalised word no list knows, or a
 * given name, just before a part of person ent's name t is hers. */
static void
join_given(const char *s, names_tok *pv, const names_tok *t, uint32_t ent)
{
	if (pv->ent < 0 && pv->cap && !pv->keep && !pv->digit && pv->core == pv->len &&
	    !(pv->pfl & (NAME_COMMON | NAME_WORD | NAME_STOP | NAME_NOTNAME | NAME_TITLE |
	                 NAME_KEEP | NAME_CUE | NAME_SAYS | NAME_LIKE | NAME_WHERE |
	                 NAME_DET | NAME_PRON | NAME_AND | NAME_GREET | NAME_REGION |
	                 NAME_PLACE_WORD | NAME_INST_HEAD)) &&
	    names_joinable(s, pv, t)) {
		pv->ent = (int32_t)ent;
		pv->person = 1;
		pv->why = WHY_PART;
	}
}

/* After the guesser: a word alone that is a part of a name met earlier
 * in the document is that person, wherever it stands ("later okafor
 * came in"). */
static void
link_parts(qp_deid *an, const char *s, names_tok *tv, size_t ntok)
{
	if (qp_map_count(an->doc_parts) == 0)
		return;
	for (size_t i = 0; i < ntok; i++) {
		names_tok *t = &tv[i];
		uint32_t part;
		if (t->ent >= 0 && t->person && !t->amb && i > 0 && tv[i - 1].ent < 0 &&
		    doc_part(an, s, t) != 0) {
			join_given(s, &tv[i - 1], t, (uint32_t)t->ent);
			continue;
		}
		if (t->ent >= 0 || t->keep || t->amb || t->digit ||
		    (i > 0 && (tv[i - 1].pfl & (NAME_DET | NAME_PRON)) == NAME_DET) ||
		    (t->pfl & (NAME_COMMON | NAME_WORD | NAME_STOP | NAME_NOTNAME |
		               NAME_TITLE | NAME_KEEP)) ||
		    (part = doc_part(an, s, t)) == 0)
			continue;
		/* shared by two people: a tag of its own */
		uint32_t ent = part != PART_SHARED ? part - 1 :
		               pseudo_entity(an->ps, PSEUDO_PERSON, an->scratch.s,
		                             an->scratch.len, NULL);
		set_entity(an, t, ent);
		t->why = WHY_PART;
		if (i > 0)
			join_given(s, &tv[i - 1], t, ent);
	}
}

/* The roster names that are words, each decided (names_word_is_name):
 * the name keeps its tag, the word loses it (amb stays 1 for --audit;
 * 2 says it was taken for the name). */
static void
decide_words(const char *s, size_t n, names_tok *tv, size_t ntok, bool lower)
{
	for (size_t i = 0; i < ntok; i++) {
		if (tv[i].amb != 1)
			continue;
		int why;
		if (names_word_is_name(s, n, tv, ntok, i, lower, &why)) {
			tv[i].amb = 2;
		} else {
			tv[i].ent = -1;
			tv[i].person = 0;
		}
		tv[i].why = (uint8_t)why;
	}
}

/* Does a full stop end token t ("thanks, Will. Will and ...": two
 * mentions, not one name)?  Not after an initial or a title ("J. R.",
 * "Dr. Nguyen"). */
static bool
full_stop(const char *s, const names_tok *t)
{
	size_t e = t->off + t->len;
	return s[e] == '.' && s[e + 1] == ' ' && t->core > 1 && !(t->pfl & NAME_ABBR);
}

/* Runs of tokens of one entity before lim, from token *ti on, as
 * replacements. */
static void
token_repls(qp_deid *an, const char *s, const names_tok *tv, size_t ntok,
            size_t *ti, size_t lim)
{
	size_t i = *ti;
	for (; i < ntok && tv[i].off < lim; i++) {
		if (tv[i].ent < 0)
			continue;
		size_t a = i;
		while (i + 1 < ntok && tv[i + 1].ent == tv[a].ent &&
		       tv[i].core == tv[i].len &&
		       tv[i + 1].off < lim && names_joinable(s, &tv[i], &tv[i + 1]) &&
		       (tv[i + 1].cont || !full_stop(s, &tv[i])))
			i++;
		size_t end = tv[i].off + tv[i].core;
		/* "Tariq H.": the dot of a closing initial is part of the
		 * name, or "[S03]." would be left behind. */
		if (i > a && tv[i].core == 1 && end < lim && s[end] == '.')
			end++;
		add_repl(an, tv[a].off, end - tv[a].off, (uint32_t)tv[a].ent);
		if (an->audit) {
			repl *r = &an->replv[an->nrepl - 1];
			const names_tok *t = &tv[a];
			r->why = names_why_str(t->why);
			r->rule = t->amb ? "roster name that is a word" :
			          t->why == WHY_PART ? "name part" :
			          t->why == WHY_FUZZY ? "roster" :
			          t->why == WHY_PLACES && !t->person ?
			                  "place or institution" :
			          t->why ? "guessed person" :
			          t->person ? "roster" : "term";
		}
	}
	*ti = i;
}

/* A structured identifier, unless it is on the --keep list. */
static void
span_repl(qp_deid *an, const char *s, const pii_span *sp)
{
	if (an->keep_str) {
		buf_reset(&an->norm);
		utf8_fold(s + sp->off, sp->len, &an->norm);
		if (qp_map_get(an->keep_str, an->norm.s, an->norm.len))
			return;
	}
	buf_reset(&an->norm);
	pii_norm(sp->cat, s + sp->off, sp->len, &an->norm);
	add_repl(an, sp->off, sp->len,
	         pseudo_entity(an->ps, PSEUDO_PII + (int)sp->cat, an->norm.s,
	                       an->norm.len, NULL));
	an->replv[an->nrepl - 1].rule = "structured";
	an->replv[an->nrepl - 1].why = pii_cat_name[sp->cat];
}

/* --- --audit --- */

void
deid_open_audit(qp_deid *an, const char *path)
{
	static const char *const hdr[] = {
		"doc", "seg", "column", "action", "rule", "why", "original", "tag"
	};
	/* it holds the originals, like the map: the owner's only, and a
	 * file already there is never replaced */
	an->audit = qp_out_create(path, 0600, QP_OUT_NEW);
	qp_write_header(an->audit, hdr, 8);
}

static void
audit_row(qp_deid *an, const char *action, const char *rule, const char *why,
          const char *orig, size_t n, const char *tag)
{
	qp_out *o = an->audit;
	/* a buffer never filled has no bytes at all */
	if (an->doc.len)
		qp_write_field(o, an->doc.s, an->doc.len);
	qp_putc(o, '\t');
	if (an->audit_seg.len)
		qp_write_field(o, an->audit_seg.s, an->audit_seg.len);
	qp_putc(o, '\t');
	qp_puts(o, an->audit_col);
	qp_putc(o, '\t');
	qp_puts(o, action);
	qp_putc(o, '\t');
	qp_puts(o, rule);
	qp_putc(o, '\t');
	qp_puts(o, why);
	qp_putc(o, '\t');
	qp_write_field(o, orig, n);
	qp_putc(o, '\t');
	qp_puts(o, tag);
	qp_putc(o, '\n');
}

/* The words worth a reviewer's look that were left as they are. */
static void
audit_kept(qp_deid *an, const char *s, const names_tok *tv, size_t ntok)
{
	for (size_t i = 0; i < ntok; i++) {
		const names_tok *t = &tv[i];
		if (t->ent >= 0)
			continue;
		if (t->amb) {
			audit_row(an, "kept", "roster name that is a word",
			          names_why_str(t->why), s + t->off, t->len, "");
			continue;
		}
		int why = names_kept_why(s, tv, i);
		if (why)
			audit_row(an, "kept", why == WHY_K_KEEP ? "keep" : "not a name",
			          names_why_str(why), s + t->off, t->len, "");
	}
}

/*
 * The speaker column: a label that names a roster person (qp_roster_match,
 * whole or in part) becomes that person's tag, whole.  The tag, or NULL
 * when the label is to be anonymized like text.  Labels repeat, so each
 * distinct one is matched once.
 */
const char *
deid_speaker(qp_deid *an, const char *label, size_t n)
{
	if (!an->roster)
		return NULL;
	bool created;
	qp_entry *ce = qp_map_put(an->label_cache, label, n, &created);
	if (created) {
		qp_roster_hit h = qp_roster_match(an->roster, label, n, &an->scratch);
		uintptr_t v = 0;
		if ((h.how == QP_ROSTER_WHOLE || h.how == QP_ROSTER_PART) && h.e)
			for (size_t i = 0; i < qp_roster_count(an->roster); i++)
				if (qp_roster_at(an->roster, i) == h.e)
					v = i + 1;
		ce->val = (void *)v;
	}
	if (!ce->val)
		return NULL;
	/* the roster person, not the entity: entities end with a document */
	uint32_t ent = pseudo_proto_entity(an->ps, an->roster_proto[(uintptr_t)ce->val - 1]);
	const char *tag = pseudo_use(an->ps, ent, label, n);
	if (an->audit)
		audit_row(an, "replaced", "roster", "speaker label", label, n, tag);
	return tag;
}

/* A place or an institution (places_find): tag PLACE or ORG, the
 * categories a --terms place or org gets, so both share their tags; or
 * a person named like a town. */
static uint32_t
place_entity(void *ctx, enum places_kind kind, const char *norm, size_t n)
{
	qp_deid *an = ctx;
	int cat = kind == PLACES_PERSON ? PSEUDO_PERSON :
	          pseudo_category(an->ps, kind == PLACES_ORG ? "ORG" : "PLACE");
	uint32_t ent = pseudo_entity(an->ps, cat, norm, n, NULL);
	/* "Ngozi Okeke" (Ngozi is a town): "Okeke" alone later is she, as
	 * for a guessed person (guessed_person) */
	size_t b = n;
	while (kind == PLACES_PERSON && b > 0 && norm[b - 1] != ' ')
		b--;
	if (kind == PLACES_PERSON && b > 0 && n - b >= 3)
		note_part(an, norm + b, n - b, ent);
	return ent;
}

const qp_buf *
deid_text(qp_deid *an, const char *s, size_t n, bool speaker)
{
	size_t nsp = pii_scan(s, n, &an->spv, &an->spcap);
	names_tok *tv;
	size_t ntok = names_tokenize(an->names, s, n, an->spv, nsp, &tv);

	/* lower-case mode: no capital in the field nor earlier in the
	 * document (speaker labels, often cased apart, do not count) */
	bool cased = names_any_capital(tv, ntok);
	bool lower = !cased && !an->doc_cased;
	if (cased && !speaker)
		an->doc_cased = true;
	match_phrases(an, s, tv, ntok);
	if (an->nfz)
		fuzzy_match(an, s, tv, ntok);
	places_find(an->places, s, tv, ntok, place_entity, an);
	names_guess_people(s, n, tv, ntok, lower, guessed_person, an);
	link_parts(an, s, tv, ntok);
	decide_words(s, n, tv, ntok, lower);
	/* replacements in text order: structured spans and runs of tokens */
	an->nrepl = 0;
	size_t ti = 0;
	for (size_t k = 0; k <= nsp; k++) {
		token_repls(an, s, tv, ntok, &ti, k < nsp ? an->spv[k].off : n);
		if (k < nsp)
			span_repl(an, s, &an->spv[k]);
	}
	if (an->audit)
		audit_kept(an, s, tv, ntok);
	if (an->nrepl == 0)
		return NULL;
	buf_reset(&an->out);
	size_t at = 0;
	for (size_t k = 0; k < an->nrepl; k++) {
		const repl *r = &an->replv[k];
		buf_add(&an->out, s + at, r->off - at);
		const char *tag = pseudo_use(an->ps, r->ent, s + r->off, r->len);
		buf_adds(&an->out, tag);
		if (an->audit)
			audit_row(an, "replaced", r->rule, r->why, s + r->off, r->len, tag);
		at = r->off + r->len;
	}
	buf_add(&an->out, s + at, n - at);
	return &an->out;
}

/* --- the input --- */

/* A new document starts (doc[0..n) is its id): what was learnt about
 * the last one is forgotten. */
void
deid_start_doc(qp_deid *an, const char *doc, size_t n)
{
	if (an->doc_started && an->doc.len == n && (n == 0 || memcmp(an->doc.s, doc, n) == 0))
		return;
	an->doc_started = true;
	buf_reset(&an->doc);
	if (n)
		buf_add(&an->doc, doc, n);
	an->doc_cased = false;
	places_new_doc(an->places);
	if (qp_map_count(an->doc_parts)) {
		qp_map_free(an->doc_parts);
		an->doc_parts = qp_map_new();
	}
	/* an archive's labels are many: the cache must not grow with them */
	if (qp_map_count(an->label_cache) > 4096) {
		qp_map_free(an->label_cache);
		an->label_cache = qp_map_new();
	}
	pseudo_new_doc(an->ps);
}

void
deid_where(qp_deid *an, const char *seg, size_t n, const char *column)
{
	if (!an->audit)
		return;
	buf_reset(&an->audit_seg);
	if (n)
		buf_add(&an->audit_seg, seg, n);
	an->audit_col = column;
}

bool
deid_auditing(const qp_deid *an)
{
	return an->audit != NULL;
}

qp_deid *
deid_new(const char *names_dir, const char *keyfile)
{
	qp_deid *an = xcalloc(1, sizeof *an);
	an->ps = pseudo_new();
	if (keyfile)
		pseudo_load_key(an->ps, keyfile);
	an->names = names_new();
	an->label_cache = qp_map_new();
	an->doc_parts = qp_map_new();
	an->audit_col = "";
	names_load_lists(an->names, names_dir);
	an->places = places_new(an->names, names_dir);
	return an;
}

void
deid_open_map(qp_deid *an, const char *path, bool append, bool force)
{
	pseudo_map_open(an->ps, path, append, force);
}

void
deid_finish(qp_deid *an, bool report)
{
	pseudo_map_commit(an->ps);
	if (an->audit)
		qp_out_commit(an->audit);
	an->audit = NULL;
	if (report)
		pseudo_report(an->ps);
}

void
deid_free(qp_deid *an)
{
	places_free(an->places);
	names_free(an->names);
	pseudo_free(an->ps);
	if (an->roster)
		qp_roster_free(an->roster);
	free(an->roster_proto);
	for (size_t i = 0; i < an->nfz; i++)
		free(an->fz[i].w);
	free(an->fz);
	if (an->keep_str)
		qp_map_free(an->keep_str);
	qp_map_free(an->label_cache);
	qp_map_free(an->doc_parts);
	buf_free(&an->doc);
	buf_free(&an->audit_seg);
	free(an->spv);
	free(an->replv);
	buf_free(&an->norm);
	buf_free(&an->out);
	buf_free(&an->scratch);
	free(an);
}
