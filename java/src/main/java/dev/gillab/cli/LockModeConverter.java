package dev.gillab.cli;

import dev.gillab.lock.LockMode;

/** Parses {@code --mode} by the mode's name. */
final class LockModeConverter extends ByNameConverter<LockMode> {

    LockModeConverter() {
        super(LockMode::fromId);
    }
}
