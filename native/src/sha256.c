/*
 * sha256.c: gillab_sha256, the SHA-256 hash of FIPS 180-4, in one call.
 *
 * A one-shot implementation: whole 64-byte blocks are compressed straight from the
 * caller's buffer, then the tail is copied into one or two stack blocks with the padding
 * (a 0x80 byte, zeros, and the message length in bits as a big-endian 64-bit number).
 * All words are read and written byte by byte in big-endian order, so the code does not
 * depend on the host's byte order or on the buffer's alignment. The state lives on the
 * stack: the function is reentrant.
 */
#include "gillab.h"

#include <stddef.h>
#include <string.h>

/* Round constants: the first 32 bits of the fractional parts of the cube roots of the
 * first 64 primes (FIPS 180-4, section 4.2.2). */
static const uint32_t gillab_sha256_k[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

/* Initial hash value: the first 32 bits of the fractional parts of the square roots of the
 * first 8 primes (FIPS 180-4, section 5.3.3). */
static const uint32_t gillab_sha256_h0[8] = {
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
};

enum { GILLAB_SHA256_BLOCK = 64 };

/* Rotate right; n is always in 1 .. 31 here, so neither shift is by 32 (undefined). */
static uint32_t gillab_sha256_rotr(uint32_t x, unsigned n)
{
    return (x >> n) | (x << (32u - n));
}

static uint32_t gillab_sha256_load_be32(const uint8_t *p)
{
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | (uint32_t)p[3];
}

static void gillab_sha256_store_be32(uint8_t *p, uint32_t x)
{
    p[0] = (uint8_t)(x >> 24);
    p[1] = (uint8_t)(x >> 16);
    p[2] = (uint8_t)(x >> 8);
    p[3] = (uint8_t)x;
}

/* Four of the six functions of FIPS 180-4, section 4.1.2 (Ch and Maj are written inline
 * in the rounds): the upper-case Sigmas act on the working variables, the lower-case
 * sigmas on the message schedule. */
static uint32_t gillab_sha256_big_sigma0(uint32_t x)
{
    return gillab_sha256_rotr(x, 2) ^ gillab_sha256_rotr(x, 13) ^ gillab_sha256_rotr(x, 22);
}

static uint32_t gillab_sha256_big_sigma1(uint32_t x)
{
    return gillab_sha256_rotr(x, 6) ^ gillab_sha256_rotr(x, 11) ^ gillab_sha256_rotr(x, 25);
}

static uint32_t gillab_sha256_small_sigma0(uint32_t x)
{
    return gillab_sha256_rotr(x, 7) ^ gillab_sha256_rotr(x, 18) ^ (x >> 3);
}

static uint32_t gillab_sha256_small_sigma1(uint32_t x)
{
    return gillab_sha256_rotr(x, 17) ^ gillab_sha256_rotr(x, 19) ^ (x >> 10);
}

/* The compression function (FIPS 180-4, section 6.2.2) on one 64-byte block. */
static void gillab_sha256_block(uint32_t state[8], const uint8_t block[GILLAB_SHA256_BLOCK])
{
    uint32_t w[64];
    for (int t = 0; t < 16; t++) {
        w[t] = gillab_sha256_load_be32(block + 4 * t);
    }
    for (int t = 16; t < 64; t++) {
        w[t] = gillab_sha256_small_sigma1(w[t - 2]) + w[t - 7]
             + gillab_sha256_small_sigma0(w[t - 15]) + w[t - 16];
    }

    uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
    uint32_t e = state[4], f = state[5], g = state[6], h = state[7];
    for (int t = 0; t < 64; t++) {
        const uint32_t ch = (e & f) ^ (~e & g);
        const uint32_t maj = (a & b) ^ (a & c) ^ (b & c);
        const uint32_t t1 = h + gillab_sha256_big_sigma1(e) + ch + gillab_sha256_k[t] + w[t];
        const uint32_t t2 = gillab_sha256_big_sigma0(a) + maj;
        h = g;
        g = f;
        f = e;
        e = d + t1;
        d = c;
        c = b;
        b = a;
        a = t1 + t2;
    }
    state[0] += a;
    state[1] += b;
    state[2] += c;
    state[3] += d;
    state[4] += e;
    state[5] += f;
    state[6] += g;
    state[7] += h;
}

void gillab_sha256(const uint8_t *data, int64_t length, uint8_t *digest)
{
    uint32_t state[8];
    memcpy(state, gillab_sha256_h0, sizeof state);

    /* Whole blocks straight from the input: no copy for all but the last partial block. */
    const size_t total = (size_t)length;
    const size_t whole = total - total % GILLAB_SHA256_BLOCK;
    for (size_t offset = 0; offset < whole; offset += GILLAB_SHA256_BLOCK) {
        gillab_sha256_block(state, data + offset);
    }

    /* The tail (0 .. 63 bytes), the 0x80 marker and the 8-byte length need one block if
     * tail + 1 + 8 <= 64, that is tail <= 55, and two blocks otherwise. */
    uint8_t last[2 * GILLAB_SHA256_BLOCK];
    const size_t tail = total - whole;
    const size_t padded =
        tail <= GILLAB_SHA256_BLOCK - 9 ? GILLAB_SHA256_BLOCK : 2 * GILLAB_SHA256_BLOCK;
    memset(last, 0, sizeof last);
    if (tail > 0) {
        /* Guarded so that data == NULL with length 0 never reaches memcpy. */
        memcpy(last, data + whole, tail);
    }
    last[tail] = 0x80;
    /* The length is counted in bits, modulo 2^64. */
    const uint64_t bits = (uint64_t)total << 3;
    for (int i = 0; i < 8; i++) {
        last[padded - 1 - i] = (uint8_t)(bits >> (8 * i));
    }
    for (size_t offset = 0; offset < padded; offset += GILLAB_SHA256_BLOCK) {
        gillab_sha256_block(state, last + offset);
    }

    for (int i = 0; i < 8; i++) {
        gillab_sha256_store_be32(digest + 4 * i, state[i]);
    }
}
