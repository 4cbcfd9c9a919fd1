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

    /** The 32-byte digest; the calling thread must hold the lock, and holds it again on return. */
    byte[] digest(byte[] data) {
        return (data.length >= GIL_MINSIZE ? released : held).sha256(data);
    }
}
