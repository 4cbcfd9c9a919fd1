package dev.gillab.lock;

import java.util.Objects;

/**
 * An extension module as a free-threaded interpreter sees it when it is loaded: a name, and
 * whether the module declared that it is safe to run without the interpreter lock. In C the
 * declaration is the {@code Py_mod_gil} slot of a multi-phase module ({@code Py_MOD_GIL_NOT_USED})
 * or {@code PyUnstable_Module_SetGIL} for a single-phase one; a module without it is assumed to
 * need the lock ({@code Py_MOD_GIL_USED}, PEP 703, "Py_mod_gil Slot"). Loading an undeclared one
 * into a {@link LockMode#FREE} interpreter turns the lock on: see {@link Interpreter#load}.
 *
 * @param name       the module's name, as the warning names it
 * @param gilNotUsed whether it declared {@code Py_MOD_GIL_NOT_USED}
 */
public record Extension(String name, boolean gilNotUsed) {

    public Extension {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("an extension needs a name, got '" + name + "'");
        }
    }

    /** A module that declares {@code Py_mod_gil = Py_MOD_GIL_NOT_USED}: loading it changes nothing. */
    public static Extension declared(String name) {
        return new Extension(name, true);
    }

    /** A module without the {@code Py_mod_gil} slot: in a free interpreter, loading it brings the lock back. */
    public static Extension undeclared(String name) {
        return new Extension(name, false);
    }
}
