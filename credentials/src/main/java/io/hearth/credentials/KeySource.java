package io.hearth.credentials;

import java.nio.file.Path;
import java.util.Objects;

/** Where the master key came from, for the start-up banner and for error messages. Never the key itself. */
public sealed interface KeySource {

    /** A phrase such as {@code the environment variable HEARTH_ENCRYPTION_KEY}. */
    String describe();

    /** What an operator does to start with the key that encrypted the stored credentials. */
    String howToUseTheRightKey();

    record EnvironmentVariable(String name) implements KeySource {
        public EnvironmentVariable {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String describe() {
            return "the environment variable " + name;
        }

        @Override
        public String howToUseTheRightKey() {
            return "Set " + name + " to the key that encrypted them";
        }
    }

    /**
     * The master key read from (or generated into) a key file.
     *
     * @param path         the key file
     * @param generatedNow whether this start created it (it then protects no stored credential yet)
     */
    record KeyFile(Path path, boolean generatedNow) implements KeySource {
        public KeyFile {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String describe() {
            return "the key file " + path + (generatedNow ? " (generated at this start)" : "");
        }

        @Override
        public String howToUseTheRightKey() {
            return "Restore " + path + " from your backup (keys replaced by a rotation are kept next to it as "
                    + path.getFileName() + ".previous-<time>), or set the key in the environment variable";
        }
    }

    /** A key passed in by the caller, e.g. the new key of a rotation. */
    record Supplied() implements KeySource {
        @Override
        public String describe() {
            return "a key supplied by the caller";
        }

        @Override
        public String howToUseTheRightKey() {
            return "Supply the key that encrypted them";
        }
    }
}
