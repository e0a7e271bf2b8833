/*
 * label.h: speaker labels at the start of transcript text, the one rule.
 *
 * A transcript names who speaks with a label before the words:
 * "Jane Doe: well, ...", "MODERATOR (Jane Doe): ...", "P3: ...".  The
 * same line shape is also a sentence ("Note: the tape stopped", "for
 * example: the wards"), so a label is recognised by how it is written.
 * segment (labelled transcripts, caption cues, metadata blocks),
 * tag-speaker --from-text (through qp_roster_text_label, which also
 * accepts labels its roster knows) and anonymize share this rule;
 * segment(1) documents it as LABELS.
 *
 * Where a label can be:
 *   - it starts the text, after white space;
 *   - it ends at the text's FIRST colon, which white space or the end of
 *     the text follows ("At 10:30 we met" has none), within
 *     QP_LABEL_MAX bytes of the label's start;
 *   - trailing white space before the colon is not part of it.
 * What a label is (qp_label_check):
 *   - outside brackets only letters, digits, marks, white space and the
 *     name marks ' ’ - . _ # &, and the part separators | – — and a
 *     lone -;  a bracketed part "(...)" or "[...]" may hold anything
 *     but ? ! ; " (pronouns, a role, a name: "(she/her)", "(Jane Doe)");
 *   - a dot only after an initial ("J.") or an abbreviated title
 *     ("Dr.", "St.", "Jr.");
 *   - 1 to QP_LABEL_WORDS words outside brackets, name particles not
 *     counted ("Ana Maria de la Cruz Lopez" is four);
 *   - each word begins with a capital ("Jane", "MODERATOR", "Élodie"),
 *     or is lower case with a digit or a capital inside ("p3",
 *     "iPad": Zoom names people after their devices); a word after
 *     the first may also be a number ("Speaker 1", "#3") or a name
 *     particle ("do", "van", "of": "Ana do Carmo", "John of Gaunt");
 *   - it is not a metadata key ("Date", "Transcriber", "Focus group"),
 *     and not a sentence lead-in (Yeah, Note, So, Question), alone or
 *     followed only by numbers ("Question 3");
 *   - WhisperX's "[SPEAKER_00]" is the label SPEAKER_00, its brackets
 *     dropped (qp_label_split);
 *   - or, the one exception to all of the above, it is a pseudonym as
 *     anonymize(1) writes it: "[S01]", "[PERSON_3]" (brackets kept:
 *     the label is "[S01]"); "[inaudible]" and "[CROSSTALK]" are not.
 *
 * Nothing here allocates or keeps state; the text is borrowed, valid
 * UTF-8.
 */
#ifndef QP_LABEL_H
#define QP_LABEL_H

#include <stdbool.h>
#include <stddef.h>

enum {
	QP_LABEL_MAX = 60,      /* bytes, brackets included */
	QP_LABEL_WORDS = 5      /* words outside brackets, particles not counted */
};

/* A label found in text: text[off .. off + len) is the label (trimmed),
 * text[wrote .. wrote + wlen) the label as written (with WhisperX's
 * brackets), text[rest ..) what follows the colon and the white space
 * after it. */
typedef struct {
	size_t off, len, wrote, wlen, rest;
} qp_label;

/* Where a label would be: true if text[0..n) starts with something that
 * ends at a colon as above, whatever it is.  Callers that cache verdicts
 * by label (segment: Zoom repeats the name on every cue) look here
 * first, then ask qp_label_check. */
bool qp_label_split(const char *text, size_t n, qp_label *out);

enum qp_label_verdict {
	QP_LABEL_NO,            /* cannot be a label: punctuation, length, ... */
	QP_LABEL_SHAPE,         /* written like a label, not like a name: only
	                           a caller who knows the name may take it */
	QP_LABEL_YES            /* a label */
};

/* Is l[0..n) (a label without its colon, or a bare name) a label? */
enum qp_label_verdict qp_label_check(const char *l, size_t n);

/* qp_label_split, then qp_label_check says YES. */
bool qp_label_at(const char *text, size_t n, qp_label *out);

/* Is l[0..n) (ASCII case ignored) a key of a transcript's metadata
 * block ("Date", "Interview ID", "Transcribed by")? */
bool qp_label_is_meta_key(const char *l, size_t n);

#endif
