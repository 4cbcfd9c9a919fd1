package dev.gillab.kernel;

/**
 * SHA-256 (FIPS 180-4) written out by hand: the interpreted twin of the C kernel.
 *
 * <h2>What</h2>
 * The message is padded with a 1 bit, zero bits and its length in bits as a big-endian 64-bit
 * number, up to a whole number of 64-byte blocks. Each block is expanded into a schedule of
 * 64 words, {@code w[t] = s1(w[t-2]) + w[t-7] + s0(w[t-15]) + w[t-16]}, and mixed into the
 * eight-word state by 64 rounds of the compression function with the round constants
 * {@link #K}; the final state, big-endian, is the digest.
 *
 * <h2>Why by hand</h2>
 * {@code java.security.MessageDigest} would run an intrinsic (SHA-NI instructions where the
 * CPU has them), which is the Java counterpart of hashlib's C code, not of an interpreted
 * loop. This class is the loop, and it polls the {@link EvalBreaker} once per block, as
 * Python code looping over blocks would. The tests check it against {@code MessageDigest}.
 *
 * <h2>Cost</h2>
 * {@code (length + 9 + 63) / 64} blocks of 64 rounds each; whole blocks are read straight from
 * the input, and only the last one or two (with the padding) are copied.
 *
 * <h2>Matching C</h2>
 * SHA-256 is pure 32-bit integer arithmetic modulo 2^32, which Java's {@code int} wraps exactly
 * as C's {@code uint32_t} does (signedness only matters for shifts, hence {@code >>>}), so every
 * correct implementation gives the same 32 bytes.
 */
final class Sha256 {

    static final int DIGEST_LENGTH = 32;
    private static final int BLOCK_LENGTH = 64;
    /** Bytes the padding adds at least: the 0x80 marker and the 64-bit length. */
    private static final int MIN_PADDING = 9;

    /** The first 32 bits of the fractional parts of the square roots of the first 8 primes. */
    private static final int[] INITIAL_STATE = {
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
    };

    /** The first 32 bits of the fractional parts of the cube roots of the first 64 primes. */
    private static final int[] K = {
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    };

    private Sha256() {
    }

    /** The digest of {@code data}, ticking {@code ticker} once per block compressed. */
    static byte[] digest(byte[] data, Ticker ticker) {
        int[] state = INITIAL_STATE.clone();
        int[] schedule = new int[64];
        int wholeBlocksEnd = data.length - data.length % BLOCK_LENGTH;
        for (int offset = 0; offset < wholeBlocksEnd; offset += BLOCK_LENGTH) {
            compress(state, schedule, data, offset);
            ticker.tick();
        }

        int tailLength = data.length - wholeBlocksEnd;
        byte[] tail = new byte[tailLength + MIN_PADDING <= BLOCK_LENGTH ? BLOCK_LENGTH : 2 * BLOCK_LENGTH];
        System.arraycopy(data, wholeBlocksEnd, tail, 0, tailLength);
        tail[tailLength] = (byte) 0x80;
        putBigEndianLong(tail, tail.length - 8, (long) data.length * Byte.SIZE);
        for (int offset = 0; offset < tail.length; offset += BLOCK_LENGTH) {
            compress(state, schedule, tail, offset);
            ticker.tick();
        }

        byte[] digest = new byte[DIGEST_LENGTH];
        for (int i = 0; i < state.length; i++) {
            putBigEndianInt(digest, 4 * i, state[i]);
        }
        return digest;
    }

    /** Mixes the 64-byte block at {@code offset} into {@code state}; {@code w} is scratch space. */
    private static void compress(int[] state, int[] w, byte[] block, int offset) {
        for (int t = 0; t < 16; t++) {
            w[t] = getBigEndianInt(block, offset + 4 * t);
        }
        for (int t = 16; t < 64; t++) {
            int s0 = Integer.rotateRight(w[t - 15], 7) ^ Integer.rotateRight(w[t - 15], 18) ^ (w[t - 15] >>> 3);
            int s1 = Integer.rotateRight(w[t - 2], 17) ^ Integer.rotateRight(w[t - 2], 19) ^ (w[t - 2] >>> 10);
            w[t] = s1 + w[t - 7] + s0 + w[t - 16];
        }

        int a = state[0], b = state[1], c = state[2], d = state[3];
        int e = state[4], f = state[5], g = state[6], h = state[7];
        for (int t = 0; t < 64; t++) {
            int bigSigma1 = Integer.rotateRight(e, 6) ^ Integer.rotateRight(e, 11) ^ Integer.rotateRight(e, 25);
            int choose = (e & f) ^ (~e & g);
            int t1 = h + bigSigma1 + choose + K[t] + w[t];
            int bigSigma0 = Integer.rotateRight(a, 2) ^ Integer.rotateRight(a, 13) ^ Integer.rotateRight(a, 22);
            int majority = (a & b) ^ (a & c) ^ (b & c);
            int t2 = bigSigma0 + majority;
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

    private static int getBigEndianInt(byte[] bytes, int at) {
        return (bytes[at] & 0xff) << 24 | (bytes[at + 1] & 0xff) << 16
                | (bytes[at + 2] & 0xff) << 8 | (bytes[at + 3] & 0xff);
    }

    private static void putBigEndianInt(byte[] bytes, int at, int value) {
        for (int i = 0; i < 4; i++) {
            bytes[at + i] = (byte) (value >>> (24 - 8 * i));
        }
    }

    private static void putBigEndianLong(byte[] bytes, int at, long value) {
        for (int i = 0; i < 8; i++) {
            bytes[at + i] = (byte) (value >>> (56 - 8 * i));
        }
    }
}
