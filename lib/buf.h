/*
 * buf.h: a growable byte buffer, after git's strbuf.
 *
 * A qp_buf owns its storage once it has any (cap > 0).  b->s is never
 * NULL for a buffer initialised with QP_BUF_INIT or buf_init: an empty
 * buffer points at qp_buf_slop, one shared static "" that nothing writes
 * into or frees (cap 0 says the storage is not the buffer's), so b->s can
 * always be handed to C string functions without a `b.s ? b.s : ""`.
 * After any append, b->s points at len bytes followed by a NUL; a buffer
 * whose data holds a NUL is still a byte span (s, len), not a string.
 * Appending may move b->s: do not keep pointers into it across appends.
 *
 * A zeroed qp_buf (calloc, memset, a static without initialiser) is an
 * empty buffer too, and every function here accepts it, but its s stays
 * NULL until something is appended or it is buf_reset or buf_free'd.
 * Code that reads b->s of a buffer it did not append to initialises the
 * buffer with QP_BUF_INIT or buf_init, not with zeroes.
 *
 * buf_free releases the storage and leaves an empty buffer (s = slop).
 * A struct copy of a qp_buf moves the storage: only one of the two may be
 * freed or appended to afterwards.
 */
#ifndef QP_BUF_H
#define QP_BUF_H

#include <stddef.h>
#include <string.h>

typedef struct {
	char *s;
	size_t len;
	size_t cap;     /* bytes allocated, > len; 0 while s is the slop (or NULL) */
} qp_buf;

/* The empty string every empty buffer points at; never written. */
extern const char qp_buf_slop[1];

#define QP_BUF_INIT { (char *)qp_buf_slop, 0, 0 }

static inline void
buf_init(qp_buf *b)
{
	b->s = (char *)qp_buf_slop;
	b->len = b->cap = 0;
}

void buf_grow(qp_buf *b, size_t extra);       /* room for extra more bytes + NUL */
void buf_free(qp_buf *b);
void buf_printf(qp_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Detach the storage (NUL-terminated, never NULL, a fresh allocation even
 * for an empty buffer); the caller owns it and frees it with free().
 * The buffer is left empty. */
char *buf_detach(qp_buf *b, size_t *len);

static inline void
buf_reset(qp_buf *b)
{
	b->len = 0;
	if (b->cap)
		b->s[0] = '\0';
	else
		b->s = (char *)qp_buf_slop;
}

static inline void
buf_add(qp_buf *b, const void *p, size_t n)
{
	if (b->cap - b->len <= n)
		buf_grow(b, n);
	memcpy(b->s + b->len, p, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static inline void
buf_addc(qp_buf *b, char c)
{
	if (b->cap - b->len <= 1)
		buf_grow(b, 1);
	b->s[b->len++] = c;
	b->s[b->len] = '\0';
}

static inline void
buf_adds(qp_buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

#endif
