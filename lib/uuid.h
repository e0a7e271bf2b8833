/*
 * uuid.h: name-based UUIDs, so that the same study exported twice gets
 * the same GUIDs (to-qdpx(1)).
 *
 * A name-based UUID of RFC 9562 version 8 ("custom"): the first 16 bytes
 * of SHA-256 (libsodium) of the 16 bytes of qualpipe's namespace UUID
 * followed by the name, with the version (8) and variant (10) bits set
 * as RFC 9562 section 5.8 says (its appendix B.2 shows this very use).
 * Version 5 would be the same with SHA-1, which RFC 9562 advises against
 * for new uses; version 8 with SHA-256 is what it suggests instead.
 *
 * The namespace is fixed forever: 6f1d2b7e-4c3a-4e0f-9a58-71c2d3b4e5f6
 * (changing it changes every GUID qualpipe ever wrote).  Names are byte
 * strings; callers prefix a kind ("code\0path", "doc\0id") so that a
 * code and a document of the same name get different GUIDs.
 *
 * Nothing is allocated.
 */
#ifndef QP_UUID_H
#define QP_UUID_H

#include <stddef.h>

#define QP_UUID_LEN 36   /* xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx */

/* Write the lower-case UUID of name[0..n) and a NUL to out. */
void qp_uuid_name(const char *name, size_t n, char out[QP_UUID_LEN + 1]);

#endif
