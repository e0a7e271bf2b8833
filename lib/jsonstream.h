/*
 * jsonstream.h: a JSON document read as it arrives, its elements at
 * chosen paths handed over one at a time.
 *
 * yajl parses the text incrementally (js_feed, js_feed_line); only the
 * values at the registered paths are materialised, each as a Jansson
 * value built from yajl's events, given to the callback and freed when
 * it returns.  Everything else is looked at and forgotten, so memory is
 * bounded by the largest element taken (plus yajl's buffer for a token
 * cut by a chunk's end), not by the document.
 *
 * A path is written "segments[*]", "results.items[*]",
 * "results.channels[0].alternatives[0].words[*]", "results.speaker_labels":
 * object keys joined by '.', an array's elements by [*] (every one) or
 * [N] (the Nth, from 0).  A key holding '.', '[' or ']' cannot be named.
 * Elements nested in a taken element are not taken again.
 *
 * Numbers become Jansson integers when they are integers that fit, else
 * reals; a number out of a double's range becomes null.  Python's bare
 * NaN, Infinity and -Infinity (json.dump writes them; WhisperX files have
 * NaN) are not JSON: js_feed_line reads them, outside strings, as null.
 *
 * Memory: the js_stream owns yajl's handle and the element being built;
 * the callback borrows the element (json_incref to keep it).  Paths are
 * copied.  Allocation goes through lib/xalloc (Jansson's allocators are
 * set to it, for the whole process).
 */
#ifndef QP_JSONSTREAM_H
#define QP_JSONSTREAM_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#define JS_MAXPATHS 32
#define JS_MAXDEPTH 512         /* deeper nesting is an error */
#define JS_MAXKEYS 256          /* top-level keys remembered (js_key) */

typedef struct js_stream js_stream;

/* An element at paths[which]; v is borrowed for the call. */
typedef void js_elem_fn(void *ctx, int which, json_t *v);

/* paths: NULL-terminated, at most JS_MAXPATHS; a bad path dies (a bug). */
js_stream *js_new(const char *const *paths, js_elem_fn *fn, void *ctx);
void js_free(js_stream *js);

/* Parse the next bytes of the document: false on an error (js_error). */
bool js_feed(js_stream *js, const char *p, size_t n);
/* A line of the document without its line end: NaN and Infinity outside
 * strings read as null, then the line and a "\n" fed. */
bool js_feed_line(js_stream *js, const char *p, size_t n);
/*
 * The next bytes of the document cut anywhere (a file read in chunks,
 * qp_input_chunk): NaN and Infinity outside strings read as null, as
 * js_feed_line reads them; one cut by the end of p is held back (at
 * most 9 bytes) until the next call or js_finish.  Not to be mixed with
 * js_feed_line in one document.
 */
bool js_feed_text(js_stream *js, const char *p, size_t n);
/* For js_feed_text: the offset, from 0 at the first byte it was given,
 * of the byte yajl stopped at after a false, or, in a callback, of the
 * last byte of the element's last token (NaN read as null: its first
 * byte, or one past it). */
unsigned long long js_offset(const js_stream *js);
/* The document is complete: false if it is not (js_error). */
bool js_finish(js_stream *js);
/* What is wrong, after a false (static storage or the stream's). */
const char *js_error(js_stream *js);
/* After js_feed_line failed: the byte of the line (from 1) near which
 * yajl stopped (the token's or the one after it), counted in the line as fed (NaN read as null moves it by one
 * for each NaN before it); 0 if not known. */
size_t js_column(const js_stream *js);

/* The document's top-level value: '{', '[', another value's first
 * byte ('"', 'n', '0' for a number, 't' for true or false), or 0 before
 * it has begun. */
int js_root(const js_stream *js);
/* The top-level object's keys in the order met, the first JS_MAXKEYS
 * of them; *more says there were more. */
size_t js_nkeys(const js_stream *js, bool *more);
const char *js_key(const js_stream *js, size_t i);
/* The first byte of the value of top-level key (as js_root), or 0 if
 * the key has not been met (only the first JS_MAXKEYS are remembered). */
int js_key_kind(const js_stream *js, const char *key);
/* While an element is handed over: the index of the k-th array step of
 * its path ([*] or [N]), from 0. */
size_t js_index(const js_stream *js, size_t k);

#endif
