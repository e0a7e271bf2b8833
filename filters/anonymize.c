/*
 * anonymize: replace identifiers in transcripts with bracketed tags,
 * one tag per person or thing, the same tag everywhere in the run (and,
 * with --key-file, in every run).
 *
 * One pass over each field: the structured scanner (lib/pii) marks
 * e-mail addresses, URLs, phone numbers, dates, record numbers and postal
 * codes; then the field's words are folded once and looked up in the
 * name lexicon (lib/names), which holds every word the filter cares about
 * (roster names, --terms, --keep, the shipped name lists, titles and cue
 * words) with flags and the phrases anchored at it.  Phrases and guessed
 * names become entities of the pseudonym store (lib/pseudonym), which
 * gives the tags and keeps the map.  This file holds the options, the
 * roster, terms and keep lists as the lexicon and the store take them,
 * and the loop over records.  See anonymize(1).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "input.h"
#include "label.h"
#include "map.h"
#include "names.h"
#include "opt.h"
#include "output.h"
#include "pii.h"
#include "places.h"
#include "pseudonym.h"
#include "qp.h"
#include "record.h"
#include "roster.h"
#include "utf8.h"
#include "words.h"

static const char usage[] =
"usage: anonymize [--roster FILE] [--terms FILE] [--keep FILE] [--key-file FILE]\n"
"                 [--map FILE [--map-append | --force]] [--report] [--audit FILE]\n"
"                 [--plain | --columns LIST] [--names-dir DIR] [--line-buffered]\n"
"                 [--replace-invalid] [FILE ...]\n"
"       anonymize --help | --version\n"
"Replace names, e-mail addresses, URLs, phone numbers, dates, record\n"
"numbers, postal codes, places, institutions and listed terms by tags\n"
"such as [S01], [PERSON_1], [PLACE_1].\n"
"  --roster FILE      people of the study (a tag-speaker roster): their\n"
"                     names, aliases and name parts; tag = participant id\n"
"  --terms FILE       further terms: a record stream with columns term and\n"
"                     category (tag [CATEGORY_n])\n"
"  --keep FILE        words and phrases never taken for names or\n"
"                     identifiers, one a line\n"
"  --key-file FILE    tag suffixes are a keyed hash (BLAKE2b) of the\n"
"                     entity, the same in every run with the same key\n"
"  --map FILE         write the re-identification map (mode 0600); an\n"
"                     existing FILE is an error unless one of:\n"
"  --map-append       add to the map in FILE: its tags are kept for the\n"
"                     same originals, new numbers follow its highest\n"
"  --force            replace FILE\n"
"  --report           counts per category on standard error\n"
"  --audit FILE       write every replacement with its rule, and the\n"
"                     name-like words kept with the reason (mode 0600;\n"
"                     an existing FILE is an error)\n"
"  --plain            input is plain text (a raw transcript, VTT, Otter):\n"
"                     every line is anonymized\n"
"  --columns LIST     the columns to anonymize, comma-separated, adding up\n"
"                     when repeated (default text,speaker)\n"
"  --names-dir DIR    where first.txt, last.txt and common.txt are\n"
QP_COMMON_HELP;

enum {
	OPT_ROSTER = QP_OPT_FIRST_PRIVATE,
	OPT_TERMS, OPT_KEEP, OPT_KEY, OPT_MAP, OPT_REPORT, OPT_PLAIN,
	OPT_COLUMNS, OPT_NAMES, OPT_MAP_APPEND, OPT_FORCE, OPT_AUDIT
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
	{ "audit", required_argument, NULL, OPT_AUDIT },
	{ "plain", no_argument, NULL, OPT_PLAIN },
	{ "columns", required_argument, NULL, OPT_COLUMNS },
	{ "names-dir", required_argument, NULL, OPT_NAMES },
	QP_COMMON_LONGOPTS,
	{ NULL, 0, NULL, 0 }
};

typedef struct {
	char **rosters;        /* argv's */
	int nrosters;
	const char *terms, *keep, *keyfile, *mapfile, *names_dir, *auditfile;
	qp_strlist columns;    /* empty: text and speaker */
	bool report, plain, map_append, force;
} options;

/* One replacement in a field: the bytes off..off+len become ent's tag,
 * by the rule that --audit names. */
typedef struct {
	size_t off, len;
	uint32_t ent;
	const char *rule, *why;
} repl;

/* What a run holds: the lexicon and the store, the lists that fed them,
 * and the scratch of one field (spans, replacements, buffers), reused
 * from field to field.  main owns it; anonymizer_free releases it. */
typedef struct {
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
	qp_buf audit_doc, audit_seg;
	const char *audit_col;
} anonymizer;

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
add_roster_entry(anonymizer *an, size_t i, int crole, qp_map *parts)
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

static void
load_roster(anonymizer *an, int nfiles, char **files)
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
	}
	qp_map_free(parts);
	buf_free(&nb);
}

/*
 * The speaker column: a label that names a roster person (qp_roster_match,
 * whole or in part) becomes that person's tag, whole.  The tag, or NULL
 * when the label is to be anonymized like text.  Labels repeat, so each
 * distinct one is matched once.
 */
static const char *
speaker_tag(anonymizer *an, const char *label, size_t n)
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
					v = pseudo_proto_entity(an->ps, an->roster_proto[i]) + 1;
		ce->val = (void *)v;
	}
	if (!ce->val)
		return NULL;
	return pseudo_use(an->ps, (uint32_t)((uintptr_t)ce->val - 1), label, n);
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
add_term(anonymizer *an, const char *path, unsigned long ln, const qp_buf *term,
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

static void
load_terms(anonymizer *an, const char *path)
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
	anonymizer *an = ctx;
	qp_map_put(an->keep_str, w, n, NULL);
	const uint32_t *ids;
	size_t k = names_intern_words(an->names, w, n, &ids);
	if (k == 1)
		names_set_flags(an->names, ids[0], NAME_KEEP);
	else if (k > 1)
		names_add_phrase(an->names, ids, k, NAMES_KEEP, 0);
}

static void
load_keep(anonymizer *an, const char *path)
{
	an->keep_str = qp_map_new();
	names_read_list(path, add_keep, an);
}

/* --- one field --- */

static void
add_repl(anonymizer *an, size_t off, size_t len, uint32_t ent)
{
	if (an->nrepl == an->replcap) {
		an->replcap = an->replcap ? an->replcap * 2 : 64;
		an->replv = xreallocarray(an->replv, an->replcap, sizeof *an->replv);
	}
	an->replv[an->nrepl++] = (repl){ off, len, ent, "", "" };
}

static void
set_entity(anonymizer *an, names_tok *t, uint32_t ent)
{
	t->ent = (int32_t)ent;
	t->person = pseudo_entity_category(an->ps, ent) == PSEUDO_PERSON;
}

/* Roster names, terms and --keep phrases: the longest first at each word. */
static void
match_phrases(anonymizer *an, const char *s, names_tok *tv, size_t ntok)
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
doc_part(anonymizer *an, const char *s, const names_tok *t)
{
	if (qp_map_count(an->doc_parts) == 0)
		return 0;
	buf_reset(&an->scratch);
	utf8_fold(s + t->off, t->core, &an->scratch);
	qp_entry *e = qp_map_get(an->doc_parts, an->scratch.s, an->scratch.len);
	return e ? (uint32_t)(uintptr_t)e->val : 0;
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
	anonymizer *an = ctx;
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
		bool created;
		qp_entry *e = qp_map_put(an->doc_parts, an->scratch.s, an->scratch.len,
		                         &created);
		if (created)
			e->val = (void *)(uintptr_t)(ent + 1);
		else if ((uintptr_t)e->val != ent + 1)
			e->val = (void *)(uintptr_t)PART_SHARED;
	}
	return ent;
}

/* After the guesser: a word alone that is a part of a name met earlier
 * in the document is that person, wherever it stands ("later okafor
 * came in"). */
static void
link_parts(anonymizer *an, const char *s, names_tok *tv, size_t ntok)
{
	if (qp_map_count(an->doc_parts) == 0)
		return;
	for (size_t i = 0; i < ntok; i++) {
		names_tok *t = &tv[i];
		uint32_t part;
		if (t->ent >= 0 || t->keep || t->amb || t->digit ||
		    (i > 0 && (tv[i - 1].pfl & (NAME_DET | NAME_PRON)) == NAME_DET) ||
		    (t->pfl & (NAME_COMMON | NAME_WORD | NAME_STOP | NAME_NOTNAME |
		               NAME_TITLE | NAME_KEEP)) ||
		    (part = doc_part(an, s, t)) == 0)
			continue;
		/* shared by two people: a tag of its own */
		set_entity(an, t, part != PART_SHARED ? part - 1 :
		           pseudo_entity(an->ps, PSEUDO_PERSON, an->scratch.s,
		                         an->scratch.len, NULL));
		t->why = WHY_PART;
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
token_repls(anonymizer *an, const char *s, const names_tok *tv, size_t ntok,
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
span_repl(anonymizer *an, const char *s, const pii_span *sp)
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

static void
audit_open(anonymizer *an, const char *path)
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
audit_row(anonymizer *an, const char *action, const char *rule, const char *why,
          const char *orig, size_t n, const char *tag)
{
	qp_out *o = an->audit;
	/* a buffer never filled has no bytes at all */
	if (an->audit_doc.len)
		qp_write_field(o, an->audit_doc.s, an->audit_doc.len);
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
audit_kept(anonymizer *an, const char *s, const names_tok *tv, size_t ntok)
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

/* A place or an institution (places_find): tag PLACE or ORG, the
 * categories a --terms place or org gets, so both share their tags; or
 * a person named like a town. */
static uint32_t
place_entity(void *ctx, enum places_kind kind, const char *norm, size_t n)
{
	anonymizer *an = ctx;
	int cat = kind == PLACES_PERSON ? PSEUDO_PERSON :
	          pseudo_category(an->ps, kind == PLACES_ORG ? "ORG" : "PLACE");
	return pseudo_entity(an->ps, cat, norm, n, NULL);
}

/*
 * Replace the identifiers of s[0..n) by their tags, into an->out.
 * Returns false (and leaves an->out alone) when there were none.
 */
static bool
replace_identifiers(anonymizer *an, const char *s, size_t n, bool speaker)
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
		return false;
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
	return true;
}

/* --- the input --- */

/* A new document starts (doc[0..n) is its id): what was learnt about
 * the last one is forgotten. */
static void
start_doc(anonymizer *an, const char *doc, size_t n)
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
}

static void
plain_line(anonymizer *an, const char *line, size_t len, unsigned long ln)
{
	if (an->audit) {
		buf_reset(&an->audit_seg);
		buf_printf(&an->audit_seg, "%lu", ln);
	}
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
	qp_label l;
	const char *tag;
	if (!skip && qp_label_at(line, len, &l) &&
	    (tag = speaker_tag(an, line + l.off, l.len)) != NULL) {
		/* A speaker label (the rule segment and tag-speaker use) that
		 * names a roster person: that person's tag, whole, as in the
		 * speaker column of a record stream. */
		qp_write(qp_stdout, line, l.off);
		qp_write(qp_stdout, tag, strlen(tag));
		qp_write(qp_stdout, line + l.off + l.len, l.rest - l.off - l.len);
		line += l.rest;
		len -= l.rest;
	}
	if (!skip && replace_identifiers(an, line, len, false))
		qp_write(qp_stdout, an->out.s, an->out.len);
	else
		qp_write(qp_stdout, line, len);
	qp_out_endrec(qp_stdout);
}

static void
anonymize_plain(anonymizer *an, int nfiles, char **files)
{
	qp_input *in = qp_input_new(nfiles, files, 0);
	const char *line;
	size_t len;
	unsigned long ln = 0;
	an->audit_col = "";
	while (qp_input_line(in, &line, &len))
		plain_line(an, line, len, ++ln);
	qp_input_free(in);
}

/* The columns to anonymize, into cols (room for max(2, columns->n));
 * their count. */
static int
pick_columns(const qp_rd *r, const qp_strlist *columns, int *cols)
{
	int ncol = 0;
	for (size_t i = 0; i < columns->n; i++)
		cols[ncol++] = qp_rd_need(r, columns->v[i]);
	if (columns->n)
		return ncol;
	int t = qp_rd_col(r, "text"), sp = qp_rd_col(r, "speaker");
	if (t < 0 && sp < 0)
		qp_die_at(qp_rd_file(r), 1, "the stream has no column 'text' "
		          "or 'speaker' (use --columns)");
	if (t >= 0)
		cols[ncol++] = t;
	if (sp >= 0)
		cols[ncol++] = sp;
	return ncol;
}

static void
anonymize_records(anonymizer *an, const qp_strlist *columns, int nfiles,
                  char **files)
{
	qp_rd *r = qp_rd_open(nfiles, files);
	int *cols = xcalloc(columns->n > 2 ? columns->n : 2, sizeof *cols);
	int ncol = 0, cspeaker = -1, cdoc = -1, cseg = -1;
	qp_buf field = QP_BUF_INIT;

	if (qp_rd_ncols(r) > 0) {
		ncol = pick_columns(r, columns, cols);
		cspeaker = qp_rd_col(r, "speaker");
		cdoc = qp_rd_col(r, "doc");
		cseg = qp_rd_col(r, "seg");
		qp_rd_write_header(r, qp_stdout);
	}
	while (qp_rd_next(r)) {
		/* doc and seg as read, before any column is anonymized */
		if (cdoc >= 0) {
			buf_reset(&an->audit_doc);
			qp_rd_get(r, cdoc, &an->audit_doc);
			start_doc(an, an->audit_doc.s, an->audit_doc.len);
		}
		if (an->audit && cseg >= 0) {
			buf_reset(&an->audit_seg);
			qp_rd_get(r, cseg, &an->audit_seg);
		}
		for (int k = 0; k < ncol; k++) {
			buf_reset(&field);
			qp_rd_get(r, cols[k], &field);
			if (field.len == 0)
				continue;
			an->audit_col = qp_rd_name(r, cols[k]);
			const char *tag = cols[k] == cspeaker ?
			                  speaker_tag(an, field.s, field.len) : NULL;
			if (tag) {
				qp_rd_set(r, cols[k], tag, strlen(tag));
				if (an->audit)
					audit_row(an, "replaced", "roster", "speaker label",
					          field.s, field.len, tag);
			} else if (replace_identifiers(an, field.s, field.len,
			                               cols[k] == cspeaker)) {
				qp_rd_set(r, cols[k], an->out.s, an->out.len);
			}
		}
		qp_rd_write(r, qp_stdout);
	}
	buf_free(&field);
	free(cols);
	qp_rd_free(r);
}

/* --- main --- */

static void
parse_options(int argc, char **argv, options *o)
{
	int c;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_ROSTER:
			o->rosters = xreallocarray(o->rosters, (size_t)o->nrosters + 1,
			                           sizeof *o->rosters);
			o->rosters[o->nrosters++] = optarg;
			break;
		case OPT_TERMS: o->terms = optarg; break;
		case OPT_KEEP: o->keep = optarg; break;
		case OPT_KEY: o->keyfile = optarg; break;
		case OPT_MAP: o->mapfile = optarg; break;
		case OPT_MAP_APPEND: o->map_append = true; break;
		case OPT_FORCE: o->force = true; break;
		case OPT_REPORT: o->report = true; break;
		case OPT_AUDIT: o->auditfile = optarg; break;
		case OPT_PLAIN: o->plain = true; break;
		case OPT_COLUMNS:
			qp_optlist_add(&o->columns, optarg, "--columns", qp_valid_colname,
			               "column name", usage);
			break;
		case OPT_NAMES: o->names_dir = optarg; break;
		default: qp_common_opt(c, usage);
		}
	}
	if (o->plain && o->columns.n)
		qp_usage_error(usage, "--plain and --columns exclude each other");
	if ((o->map_append || o->force) && !o->mapfile)
		qp_usage_error(usage, "--%s needs --map FILE", o->force ? "force" : "map-append");
	if (o->map_append && o->force)
		qp_usage_error(usage, "--map-append and --force exclude each other");
}

static void
anonymizer_free(anonymizer *an)
{
	places_free(an->places);
	names_free(an->names);
	pseudo_free(an->ps);
	if (an->roster)
		qp_roster_free(an->roster);
	free(an->roster_proto);
	if (an->keep_str)
		qp_map_free(an->keep_str);
	qp_map_free(an->label_cache);
	qp_map_free(an->doc_parts);
	buf_free(&an->doc);
	buf_free(&an->audit_doc);
	buf_free(&an->audit_seg);
	free(an->spv);
	free(an->replv);
	buf_free(&an->norm);
	buf_free(&an->out);
	buf_free(&an->scratch);
}

int
main(int argc, char **argv)
{
	options o = { .columns = QP_STRLIST_INIT };
	anonymizer an = { 0 };

	qp_init("anonymize");
	parse_options(argc, argv, &o);
	an.ps = pseudo_new();
	if (o.keyfile)
		pseudo_load_key(an.ps, o.keyfile);
	an.names = names_new();
	an.label_cache = qp_map_new();
	an.doc_parts = qp_map_new();
	names_load_lists(an.names, o.names_dir);
	an.places = places_new(an.names, o.names_dir);
	if (o.nrosters)
		load_roster(&an, o.nrosters, o.rosters);
	if (o.terms)
		load_terms(&an, o.terms);
	if (o.keep)
		load_keep(&an, o.keep);
	/* The map is the only way back from a tag to a person: check that
	 * it may be written before reading any input. */
	if (o.mapfile)
		pseudo_map_open(an.ps, o.mapfile, o.map_append, o.force);
	if (o.auditfile)
		audit_open(&an, o.auditfile);

	if (o.plain)
		anonymize_plain(&an, argc - optind, argv + optind);
	else
		anonymize_records(&an, &o.columns, argc - optind, argv + optind);
	qp_out_close(qp_stdout);
	pseudo_map_commit(an.ps);
	if (an.audit)
		qp_out_commit(an.audit);
	if (o.report)
		pseudo_report(an.ps);

	anonymizer_free(&an);
	qp_strlist_free(&o.columns);
	free(o.rosters);
	return 0;
}
