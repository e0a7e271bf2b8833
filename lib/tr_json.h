/*
 * tr_json.h: the JSON transcript readers (transcript.h) and what they
 * share: the vendor shapes, the words layer that makes turns of words,
 * and reading times and labels out of Jansson values.
 *
 * tr_json.c is the reader segment's detection gives a JSON file: it
 * streams the file through lib/jsonstream with the paths of every
 * vendor shape registered, and the first element that arrives names
 * the vendor (tr_fmt_json); --from VENDOR registers that vendor's paths
 * only.  Each vendor is one file, lib/tr_VENDOR.c, with a trj_vendor:
 * the paths it takes, the top-level keys that name its files, and what
 * it does with each element.
 *
 * Words become turns here (trj_word): a run of words of one speaker is
 * one piece; words without a speaker are cut into pieces at the end of
 * a sentence.  A word given TRJ_GLUE (AWS punctuation) is joined to the
 * word before it without a space; one given TRJ_JOIN, or one without a
 * speaker that --rttm gives none either, stays with the piece being
 * built.  Words can be held (trj_hold) while a vendor cannot yet know
 * what to do with them (Google's last result, AWS speaker tables that
 * come after the items), then replayed or dropped.
 *
 * Memory: a trj belongs to tr_json.c for one file; elements are
 * borrowed for the call; held words are the trj's until replayed or
 * dropped.
 */
#ifndef QP_TR_JSON_H
#define QP_TR_JSON_H

#include <jansson.h>

#include "jsonstream.h"
#include "transcript.h"

typedef struct trj trj;

typedef struct {
	const char *name;               /* as --from takes it */
	const char *what;               /* for messages: "AWS Transcribe" */
	const char *const *paths;       /* jsonstream paths, NULL-terminated */
	/* top-level keys that name the shape when no element has come, each
	 * with the first byte of its value ("segments[", "jobName\"") */
	const char *const *anchors;
	void (*elem)(trj *j, int which, json_t *v);
	void (*end)(trj *j);            /* after the last element, or NULL */
	/* a held word's speaker when it is replayed without one, or NULL */
	const char *(*relabel)(trj *j, tr_msec start, size_t *n);
} trj_vendor;

extern const trj_vendor trj_whisper, trj_whispercpp, trj_aws, trj_deepgram,
	trj_assemblyai, trj_azure, trj_google;

/* Words held (trj_hold) until replayed or dropped. */
typedef struct {
	size_t spk, sn, text, tn;       /* offsets into trj.held */
	tr_msec start, end;
	int flags;
} trj_word_rec;

struct trj {
	tr_reader *rd;
	js_stream *js;
	const trj_vendor *v;

	bool hold;
	trj_word_rec *q;
	size_t nq, qcap;
	qp_buf held;

	/* the vendors' scratch, reset for each file */
	qp_buf spk, seg, text;         /* trj_label's, a vendor's, add_text's */
	void *vs;                       /* a vendor's own state (its end frees it) */
	unsigned long n;                /* a vendor's counter */
	bool flag;
};

enum {
	TRJ_GLUE = 1,   /* no space before it (punctuation) */
	TRJ_JOIN = 2,   /* stays with the piece being built, if any; its speaker
	                 * is only for a piece it has to start */
};

/* A word of speaker spk[0..sn) ("" for none), with its span. */
void trj_word(trj *j, const char *spk, size_t sn, const char *t, size_t tn,
              tr_msec start, tr_msec end, int flags);
/* A piece of its own (a segment, a phrase): the turn being built ends. */
void trj_piece(trj *j, const char *spk, size_t sn, const char *t, size_t tn,
               tr_msec start, tr_msec end);
/* Hold the words from now on (true), or give them again (false). */
void trj_hold(trj *j, bool on);
/* Give the held words, in order, and stop holding; or forget them. */
void trj_replay(trj *j);
void trj_drop(trj *j);
/* Put the held words in order of their start (stable). */
void trj_sort_held(trj *j);

/* ---- values ---- */

/* o's member key: NULL if absent or null. */
json_t *trj_get(json_t *o, const char *key);
/* A string member: its bytes, or NULL if absent or null; another type
 * dies naming what. */
const char *trj_str(trj *j, json_t *o, const char *key, size_t *n);
/* A speaker label (string or integer) into j->spk; false if none. */
bool trj_label(trj *j, json_t *o, const char *key);
/* Times: seconds as a number or a decimal string ("1.25", "1.25s"),
 * integer milliseconds, 100 ns ticks, ISO 8601 durations (PT1M2.5S),
 * protobuf durations ("1.5s" or {seconds, nanos}); TR_NOTIME if absent
 * or null.  A bad or negative time dies naming the key. */
tr_msec trj_sec(trj *j, json_t *o, const char *key);
tr_msec trj_ms(trj *j, json_t *o, const char *key);
tr_msec trj_ticks(trj *j, json_t *o, const char *key);
tr_msec trj_iso(trj *j, json_t *o, const char *key);
tr_msec trj_pbdur(trj *j, json_t *o, const char *key);
/* Decimal seconds s[0..n) (an optional trailing unit u, or 0): false
 * if malformed. */
bool trj_decimal_sec(const char *s, size_t n, char u, tr_msec *t);
/* The first element of array member key, or NULL. */
json_t *trj_first(json_t *o, const char *key);

#endif
