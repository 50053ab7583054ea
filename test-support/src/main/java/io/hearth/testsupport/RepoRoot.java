package io.hearth.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The repository's root directory, where tests find the project's scripts and the editor: {@code HEARTH_REPO_ROOT}
 * (set by the parent pom's failsafe configuration), the system property {@code hearth.repo.root}, or the nearest
 * directory containing {@code .mvn} above the working directory.
 */
public final class RepoRoot {

    private RepoRoot() {}

    public static Path path() {
        String fromEnv = System.getenv("HEARTH_REPO_ROOT");
        if (RealHomeAssistant.notBlank(fromEnv) && Files.isDirectory(Path.of(fromEnv))) {
            return Path.of(fromEnv).toAbsolutePath();
        }
        String fromProperty = System.getProperty("hearth.repo.root");
        if (RealHomeAssistant.notBlank(fromProperty) && Files.isDirectory(Path.of(fromProperty))) {
            return Path.of(fromProperty).toAbsolutePath();
        }
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve(".mvn"))) {
                return d;
            }
        }
        throw new IllegalStateException(
                "cannot find the repository root (no HEARTH_REPO_ROOT and no .mvn above " + dir + ")");
    }
}
