#include "uuid.h"

#include <sodium.h>
#include <stdio.h>

static const unsigned char ns[16] = {
	0x6f, 0x1d, 0x2b, 0x7e, 0x4c, 0x3a, 0x4e, 0x0f,
	0x9a, 0x58, 0x71, 0xc2, 0xd3, 0xb4, 0xe5, 0xf6
};

void
qp_uuid_name(const char *name, size_t n, char out[QP_UUID_LEN + 1])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_state st;

	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, ns, sizeof ns);
	crypto_hash_sha256_update(&st, (const unsigned char *)name, n);
	crypto_hash_sha256_final(&st, h);
	h[6] = (unsigned char)((h[6] & 0x0f) | 0x80);   /* version 8 */
	h[8] = (unsigned char)((h[8] & 0x3f) | 0x80);   /* variant 10 */
	static const char hex[] = "0123456789abcdef";
	size_t o = 0;
	for (int i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			out[o++] = '-';
		out[o++] = hex[h[i] >> 4];
		out[o++] = hex[h[i] & 15];
	}
	out[o] = '\0';
}
