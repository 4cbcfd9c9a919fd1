/*
 * test_sha256.c: gillab_sha256 on the FIPS 180-4 / NIST example vectors and on every
 * padding case.
 *
 * The first five digests are the published SHA-256 examples (NIST CSRC "Examples with
 * intermediate values" and the FIPS 180-2 appendix): "", "abc", the 448-bit and 896-bit
 * messages, and one million 'a'. The others were computed with Python's hashlib on the
 * pattern byte i = (i * 31 + 7) mod 256, which includes bytes >= 0x80:
 *
 *   python3 -c "import hashlib; n = 55
 *   print(hashlib.sha256(bytes((i * 31 + 7) & 255 for i in range(n))).hexdigest())"
 *
 * Lengths 55 / 56 and 119 / 120 are where the padding grows from one block to two, 63 / 64
 * / 65 are around a whole block. The chained case covers every length from 0 to 199 at once:
 *
 *   python3 -c "import hashlib; p = lambda n: bytes((i * 31 + 7) & 255 for i in range(n))
 *   print(hashlib.sha256(b''.join(hashlib.sha256(p(n)).digest() for n in range(200))).hexdigest())"
 */
#include "gillab.h"

#include "check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Lower-case hex of a 32-byte digest, into 65 chars. */
static void sha256_hex(const uint8_t digest[32], char hex[65])
{
    static const char digits[] = "0123456789abcdef";
    for (int i = 0; i < 32; i++) {
        hex[2 * i] = digits[digest[i] >> 4];
        hex[2 * i + 1] = digits[digest[i] & 15];
    }
    hex[64] = '\0';
}

static void sha256_check(const char *what, const uint8_t *data, int64_t length, const char *want)
{
    uint8_t digest[32];
    char hex[65];
    gillab_sha256(data, length, digest);
    sha256_hex(digest, hex);
    CHECK(strcmp(hex, want) == 0, "sha256(%s) = %s, expected %s", what, hex, want);
}

static void sha256_check_text(const char *text, const char *want)
{
    char what[160];
    snprintf(what, sizeof what, "\"%.120s\"", text);
    sha256_check(what, (const uint8_t *)text, (int64_t)strlen(text), want);
}

/* The test pattern of the reference computations above. */
static void sha256_fill_pattern(uint8_t *buffer, size_t length)
{
    for (size_t i = 0; i < length; i++) {
        buffer[i] = (uint8_t)((i * 31 + 7) & 255);
    }
}

static void sha256_nist_vectors(void)
{
    sha256_check_text("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    sha256_check_text("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    sha256_check_text("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
                      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    sha256_check_text("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
                      "hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
                      "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}

static void sha256_one_million_a(void)
{
    enum { LENGTH = 1000000 };
    uint8_t *data = malloc(LENGTH);
    CHECK(data != NULL, "cannot allocate %d bytes", LENGTH);
    if (data == NULL) {
        return;
    }
    memset(data, 'a', LENGTH);
    sha256_check("one million 'a'", data, LENGTH,
                 "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    free(data);
}

static void sha256_of_null_with_length_zero(void)
{
    /* The header allows data == NULL when length is 0. */
    sha256_check("NULL, 0", NULL, 0,
                 "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

static void sha256_block_boundaries(void)
{
    static const struct {
        int length;
        const char *digest;
    } table[] = {
        {55, "8aa994584139d128848eeebc4e815639ba5ab6e6e39574195a63ac4f14f7c43b"},
        {56, "ad574708f75c044c9b85de64cb568ee7711ff4f36448c6242f053ba8f6cc2b63"},
        {63, "280ed3e8ff1df845b2e7dfe6ac6cee817bef20e783cc65abc41b818b4d2fe076"},
        {64, "c6ab9724ade5b6a7a1edfffb12f3aa9181351355af8fd08c919952ad211339dd"},
        {65, "788367c73c7ddf4c53f65e68cc0d943e6227ab55b0e78ba63ace822b1c6301c0"},
        {119, "3d610547d68216dedf7435a4fb6260353911f6b3fd3f18805ddb8be285d726fe"},
        {120, "1f80156a804cb7862ad113e8200e9d74499723e7c7854d5f48776d3148e09656"},
    };
    uint8_t data[128];
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        /* A heap copy of exactly `length` bytes, so AddressSanitizer catches a read past
         * the end of the message. */
        const size_t length = (size_t)table[i].length;
        uint8_t *exact = malloc(length);
        CHECK(exact != NULL, "cannot allocate %zu bytes", length);
        if (exact == NULL) {
            return;
        }
        sha256_fill_pattern(data, length);
        memcpy(exact, data, length);
        char what[48];
        snprintf(what, sizeof what, "pattern of %zu bytes", length);
        sha256_check(what, exact, (int64_t)length, table[i].digest);
        free(exact);
    }
}

static void sha256_every_length_up_to_199_chained(void)
{
    enum { COUNT = 200 };
    uint8_t *chain = malloc(32 * COUNT);
    CHECK(chain != NULL, "cannot allocate the chain");
    if (chain == NULL) {
        return;
    }
    for (size_t n = 0; n < COUNT; n++) {
        uint8_t *message = malloc(n > 0 ? n : 1);
        CHECK(message != NULL, "cannot allocate %zu bytes", n);
        if (message == NULL) {
            free(chain);
            return;
        }
        sha256_fill_pattern(message, n);
        gillab_sha256(message, (int64_t)n, chain + 32 * n);
        free(message);
    }
    sha256_check("the 200 digests of lengths 0 .. 199", chain, 32 * COUNT,
                 "bc7c57287e71511d7008efb041a9dc6162dfaa6fdf02d4505b54aed4cc80034f");
    free(chain);
}

static void sha256_does_not_depend_on_alignment(void)
{
    /* The same 100 bytes at every offset 0 .. 7 of a buffer: same digest each time. */
    uint8_t buffer[108];
    uint8_t reference[32];
    uint8_t digest[32];
    sha256_fill_pattern(buffer, 100);
    gillab_sha256(buffer, 100, reference);
    for (int offset = 1; offset < 8; offset++) {
        memmove(buffer + offset, buffer + offset - 1, 100);
        gillab_sha256(buffer + offset, 100, digest);
        CHECK(memcmp(digest, reference, 32) == 0, "digest of 100 bytes at offset %d differs",
              offset);
    }
}

int main(void)
{
    RUN_CASE(sha256_nist_vectors);
    RUN_CASE(sha256_one_million_a);
    RUN_CASE(sha256_of_null_with_length_zero);
    RUN_CASE(sha256_block_boundaries);
    RUN_CASE(sha256_every_length_up_to_199_chained);
    RUN_CASE(sha256_does_not_depend_on_alignment);
    return check_exit_code();
}
