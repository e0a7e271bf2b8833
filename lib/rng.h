/*
 * rng.h: a small pseudo-random generator whose sequence is the same on
 * every platform, for simulations whose output must be reproducible
 * byte for byte from a seed (agree --rho).
 *
 * The generator is xoshiro256** (Blackman and Vigna, 2018), its state
 * filled from the seed by splitmix64, as its authors recommend; both use
 * only 64-bit unsigned integer arithmetic, so no compiler, libc or
 * locale changes the numbers.  It is not for cryptography.
 *
 * A qp_rng is a plain struct the caller owns (on the stack, in a
 * struct); nothing here allocates or fails.
 */
#ifndef QP_RNG_H
#define QP_RNG_H

#include <stdint.h>

typedef struct {
	uint64_t s[4];
} qp_rng;

/* One step of splitmix64: advances *x and returns the next output. */
uint64_t qp_splitmix64(uint64_t *x);

/* Fill the state from seed (any value, 0 included). */
void qp_rng_seed(qp_rng *r, uint64_t seed);
uint64_t qp_rng_next(qp_rng *r);
/* Uniform on [0, m), without modulo bias (m > 0). */
uint64_t qp_rng_below(qp_rng *r, uint64_t m);
/* Uniform on [0, 1), 53 random bits. */
double qp_rng_unit(qp_rng *r);

#endif
