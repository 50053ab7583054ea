package io.hearth.runtime.registry;

import io.hearth.node.NodeType;
import io.hearth.node.credential.CredentialType;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discovers node and credential types: first with {@link ServiceLoader} on the given class loader
 * (the built-in nodes and plugins on the class path), then in every {@code *.jar} of the plugins
 * directory, each jar in its own {@link SpiOnlyClassLoader}.
 * <p>
 * Each type's description is validated. A jar that cannot be read, a provider that cannot be
 * instantiated, a broken description or a type name already taken is refused: logged at ERROR
 * with the jar and the problem and listed in {@link NodeRegistry#failures()}. The engine keeps
 * running with everything else.
 */
public final class PluginLoader {

    private static final Logger log = LoggerFactory.getLogger(PluginLoader.class);

    private final List<NodeType> nodes = new ArrayList<>();
    private final List<CredentialType> credentials = new ArrayList<>();
    private final List<PluginFailure> failures = new ArrayList<>();
    private final Set<String> takenNames = new HashSet<>();
    private final Set<String> credentialNames = new HashSet<>();

    private PluginLoader() {}

    /** Loads from the class path of {@code classLoader} and, if it exists, from {@code pluginsDir}. */
    public static NodeRegistry load(ClassLoader classLoader, Path pluginsDir) {
        PluginLoader loader = new PluginLoader();
        loader.loadFrom(classLoader, "class path");
        if (pluginsDir != null && Files.isDirectory(pluginsDir)) {
            List<Path> jars;
            try (Stream<Path> files = Files.list(pluginsDir)) {
                jars = files.filter(p -> p.getFileName().toString().endsWith(".jar"))
                        .sorted()
                        .toList();
            } catch (IOException e) {
                loader.fail(pluginsDir.toString(), "cannot list the plugins directory: " + e.getMessage());
                jars = List.of();
            }
            for (Path jar : jars) {
                loader.loadJar(jar);
            }
        }
        return new NodeRegistry(loader.nodes, loader.credentials, loader.failures);
    }

    private void loadJar(Path jar) {
        URL url;
        try {
            url = jar.toUri().toURL();
        } catch (MalformedURLException e) {
            fail(jar.toString(), "bad path: " + e.getMessage());
            return;
        }
        ClassLoader isolated = new URLClassLoader(
                "plugin:" + jar.getFileName(),
                new URL[] {url},
                new SpiOnlyClassLoader(PluginLoader.class.getClassLoader()));
        int before = nodes.size() + credentials.size();
        loadFrom(isolated, jar.getFileName().toString());
        if (nodes.size() + credentials.size() == before
                && failures.stream()
                        .noneMatch(f -> f.source().equals(jar.getFileName().toString()))) {
            fail(
                    jar.getFileName().toString(),
                    "contains no node or credential types (no META-INF/services/" + NodeType.class.getName()
                            + " entry)");
        } else {
            log.info("Loaded plugin {}", jar.getFileName());
        }
    }

    private void loadFrom(ClassLoader classLoader, String source) {
        Iterator<NodeType> it = ServiceLoader.load(NodeType.class, classLoader).iterator();
        while (true) {
            NodeType type;
            try {
                if (!it.hasNext()) {
                    break;
                }
                type = it.next();
            } catch (ServiceConfigurationError | LinkageError e) {
                fail(source, "cannot instantiate a node type: " + rootMessage(e));
                continue;
            }
            addNode(type, source);
        }
        Iterator<CredentialType> cit =
                ServiceLoader.load(CredentialType.class, classLoader).iterator();
        while (true) {
            CredentialType type;
            try {
                if (!cit.hasNext()) {
                    break;
                }
                type = cit.next();
            } catch (ServiceConfigurationError | LinkageError e) {
                fail(source, "cannot instantiate a credential type: " + rootMessage(e));
                continue;
            }
            addCredential(type, source);
        }
    }

    private void addNode(NodeType type, String source) {
        List<String> problems = DescriptionValidator.validate(type);
        if (!problems.isEmpty()) {
            fail(
                    source,
                    "node type " + type.getClass().getName() + " has a broken description: "
                            + String.join("; ", problems));
            return;
        }
        var d = type.description();
        List<String> names = new ArrayList<>();
        names.add(d.name());
        names.addAll(d.aliases());
        for (String n : names) {
            if (takenNames.contains(n)) {
                fail(source, "node type name '" + n + "' of " + type.getClass().getName() + " is already taken");
                return;
            }
        }
        takenNames.addAll(names);
        nodes.add(type);
    }

    private void addCredential(CredentialType type, String source) {
        String name;
        try {
            var d = type.description();
            name = d.name();
            if (name == null || name.isBlank()) {
                fail(source, "credential type " + type.getClass().getName() + " has no name");
                return;
            }
        } catch (RuntimeException e) {
            fail(source, "credential type " + type.getClass().getName() + ": description() failed: " + rootMessage(e));
            return;
        }
        if (!credentialNames.add(name)) {
            fail(source, "credential type name '" + name + "' is already taken");
            return;
        }
        credentials.add(type);
    }

    private void fail(String source, String problem) {
        log.error("Plugin refused - {}: {}", source, problem);
        failures.add(new PluginFailure(source, problem));
    }

    // identity is the test: a cause chain ends at a Throwable that is its own cause
    @SuppressWarnings("ReferenceEquality")
    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + t + ")";
    }
}
