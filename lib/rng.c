/* rng.c: xoshiro256** seeded by splitmix64 (see rng.h). */
#include "rng.h"

uint64_t
qp_splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

void
qp_rng_seed(qp_rng *r, uint64_t seed)
{
	for (int i = 0; i < 4; i++)
		r->s[i] = qp_splitmix64(&seed);
}

static inline uint64_t
rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

uint64_t
qp_rng_next(qp_rng *r)
{
	uint64_t *s = r->s;
	uint64_t out = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return out;
}

uint64_t
qp_rng_below(qp_rng *r, uint64_t m)
{
	/* Outputs below 2^64 mod m would make the small residues likelier:
	 * draw again (rarely needed unless m is near 2^64). */
	uint64_t floor = (0 - m) % m;
	for (;;) {
		uint64_t x = qp_rng_next(r);
		if (x >= floor)
			return x % m;
	}
}

double
qp_rng_unit(qp_rng *r)
{
	return (double)(qp_rng_next(r) >> 11) * 0x1.0p-53;
}
