package dev.gillab.fidelity;

import dev.gillab.kernel.Kernels;
import dev.gillab.lock.HoldingKernels;
import dev.gillab.lock.Interpreter;
import dev.gillab.lock.ReleasingKernels;

/**
 * {@code hashlib.sha256(data)} as CPython's {@code _hashopenssl.c} runs it: the hash is
 * computed with the GIL held for inputs under {@code HASHLIB_GIL_MINSIZE} (2048 bytes), where a
 * release would cost more than it saves, and with the GIL released
 * ({@code Py_BEGIN_ALLOW_THREADS}) from 2048 bytes up. Here: native kernels called through
 * {@link HoldingKernels} below the threshold and through {@link ReleasingKernels} from it.
 *
 * <p>The threshold applies to the length CPython would hash, which need not be the length of
 * the buffer hashed here: a scenario that sizes gillab's buffers so that a call lasts as long
 * as CPython's call on its own buffer keeps CPython's rule for CPython's length.
 */
final class HashlibSha256 {

    /** {@code HASHLIB_GIL_MINSIZE}: the smallest input hashed with the lock released. */
    static final int GIL_MINSIZE = 2048;

    private final Kernels held;
    private final Kernels released;

    HashlibSha256(Interpreter interpreter, Kernels nativeKernels) {
        this.held = new HoldingKernels(interpreter, nativeKernels);
        this.released = new ReleasingKernels(interpreter, nativeKernels);
    }

    /**
     * The 32-byte digest of {@code data}, hashed holding or releasing the lock as hashlib does
     * for an input of {@code hashlibLength} bytes; the calling thread must hold the lock, and
     * holds it again on return.
     */
    byte[] digest(byte[] data, int hashlibLength) {
        return (releases(hashlibLength) ? released : held).sha256(data);
    }

    /** Whether hashlib hashes an input of {@code length} bytes with the lock released. */
    static boolean releases(int length) {
        return length >= GIL_MINSIZE;
    }
}
