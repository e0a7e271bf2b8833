/*
 * buf.h: a growable byte buffer, after git's strbuf.
 *
 * A qp_buf owns its storage.  Initialise with QP_BUF_INIT (or zero it);
 * after any append, b->s points at len bytes followed by a NUL, so b->s
 * can be handed to C string functions when the data has no NUL inside.
 * Appending may move b->s: do not keep pointers into it across appends.
 * buf_free releases the storage and leaves an empty buffer.
 */
#ifndef QP_BUF_H
#define QP_BUF_H

#include <stddef.h>
#include <string.h>

typedef struct {
	char *s;
	size_t len;
	size_t cap;     /* bytes allocated; always > len once allocated */
} qp_buf;

#define QP_BUF_INIT { NULL, 0, 0 }

void buf_grow(qp_buf *b, size_t extra);       /* room for extra more bytes + NUL */
void buf_free(qp_buf *b);
void buf_printf(qp_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Detach the storage (NUL-terminated, never NULL); the caller owns it. */
char *buf_detach(qp_buf *b, size_t *len);

static inline void
buf_reset(qp_buf *b)
{
	b->len = 0;
	if (b->s)
		b->s[0] = '\0';
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
