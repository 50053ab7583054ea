package io.hearth.runtime.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.node.NodeType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginLoaderTest {

    @TempDir
    Path tmp;

    private static final String GOOD = """
            package acme;
            import io.hearth.node.*;
            import io.hearth.node.description.*;
            import java.util.*;
            import java.util.concurrent.*;
            public class Shout implements ActionNode {
                public NodeDescription description() {
                    return NodeDescription.builder("acme.shout").displayName("Shout").group(NodeGroup.TRANSFORM)
                            .parameter(Parameter.string("field").required()).build();
                }
                public CompletionStage<NodeOutput> execute(NodeExecutionContext ctx) {
                    List<Item> out = new ArrayList<>();
                    for (int i = 0; i < ctx.items().size(); i++) {
                        String f = ctx.parameters(i).string("field");
                        Map<String, Object> json = new LinkedHashMap<>(ctx.items().get(i).json());
                        json.put(f, String.valueOf(json.get(f)).toUpperCase());
                        out.add(ctx.items().get(i).withJson(json));
                    }
                    return CompletableFuture.completedFuture(NodeOutput.of(out));
                }
            }
            """;

    private static final String BROKEN = """
            package acme;
            import io.hearth.node.*;
            import io.hearth.node.description.*;
            import java.util.concurrent.*;
            public class Broken implements ActionNode {
                public NodeDescription description() {
                    return NodeDescription.builder("acme.broken").group(NodeGroup.TRANSFORM)
                            .parameter(Parameter.string("a"))
                            .parameter(Parameter.string("a"))
                            .parameter(Parameter.dynamicOptions("entity", DynamicOptions.of("listEntities")))
                            .parameter(Parameter.string("b").show("ghost", "x"))
                            .build();
                }
                public CompletionStage<NodeOutput> execute(NodeExecutionContext ctx) {
                    return CompletableFuture.completedFuture(NodeOutput.of(ctx.items()));
                }
            }
            """;

    private Path jar(String name, Map<String, String> sources, String services) throws IOException {
        Path src = Files.createDirectories(tmp.resolve(name + "-src/acme"));
        Path classes = Files.createDirectories(tmp.resolve(name + "-classes"));
        List<String> files = new java.util.ArrayList<>();
        for (var e : sources.entrySet()) {
            Path f = src.resolve(e.getKey() + ".java");
            Files.writeString(f, e.getValue());
            files.add(f.toString());
        }
        if (!files.isEmpty()) {
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            List<String> args = new java.util.ArrayList<>(
                    List.of("-d", classes.toString(), "-cp", System.getProperty("java.class.path")));
            args.addAll(files);
            assertThat(javac.run(null, null, null, args.toArray(String[]::new))).isZero();
        }
        Path jar = Files.createDirectories(tmp.resolve("plugins")).resolve(name + ".jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            try (var walk = Files.walk(classes)) {
                for (Path p : walk.filter(Files::isRegularFile).toList()) {
                    out.putNextEntry(new JarEntry(classes.relativize(p).toString()));
                    out.write(Files.readAllBytes(p));
                    out.closeEntry();
                }
            }
            if (services != null) {
                out.putNextEntry(new JarEntry("META-INF/services/" + NodeType.class.getName()));
                out.write(services.getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return jar;
    }

    @Test
    void loadsANodeTypeFromAJarInThePluginsDirectory() throws IOException {
        jar("shout", Map.of("Shout", GOOD), "acme.Shout\n");
        NodeRegistry registry = PluginLoader.load(getClass().getClassLoader(), tmp.resolve("plugins"));
        assertThat(registry.find("acme.shout")).isPresent();
        assertThat(registry.find("hearth.if")).as("built-in nodes still load").isPresent();
        assertThat(registry.failures()).isEmpty();
        NodeType shout = registry.find("acme.shout").orElseThrow();
        assertThat(shout.getClass().getClassLoader().getName()).isEqualTo("plugin:shout.jar");
    }

    @Test
    void pluginClassLoaderSeesOnlyTheSpi() throws Exception {
        jar("shout", Map.of("Shout", GOOD), "acme.Shout\n");
        NodeRegistry registry = PluginLoader.load(getClass().getClassLoader(), tmp.resolve("plugins"));
        ClassLoader pluginLoader =
                registry.find("acme.shout").orElseThrow().getClass().getClassLoader();
        assertThat(pluginLoader.loadClass("io.hearth.node.ActionNode")).isSameAs(io.hearth.node.ActionNode.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> pluginLoader.loadClass(PluginLoader.class.getName()))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void refusesABrokenDescriptionNamingTheJarAndTheProblems() throws IOException {
        jar("broken", Map.of("Broken", BROKEN), "acme.Broken\n");
        jar("shout", Map.of("Shout", GOOD), "acme.Shout\n");
        NodeRegistry registry = PluginLoader.load(getClass().getClassLoader(), tmp.resolve("plugins"));
        assertThat(registry.find("acme.broken")).isEmpty();
        assertThat(registry.find("acme.shout"))
                .as("other plugins are unaffected")
                .isPresent();
        assertThat(registry.failures()).singleElement().satisfies(f -> {
            assertThat(f.source()).isEqualTo("broken.jar");
            assertThat(f.problem())
                    .contains("parameters.a: duplicate parameter name")
                    .contains("load-options method 'listEntities' is not provided")
                    .contains("unknown parameter 'ghost'");
        });
    }

    @Test
    void refusesAJarWhoseProviderClassIsMissing() throws IOException {
        jar("missing", Map.of(), "acme.DoesNotExist\n");
        NodeRegistry registry = PluginLoader.load(getClass().getClassLoader(), tmp.resolve("plugins"));
        assertThat(registry.failures()).singleElement().satisfies(f -> {
            assertThat(f.source()).isEqualTo("missing.jar");
            assertThat(f.problem()).contains("acme.DoesNotExist");
        });
    }

    @Test
    void refusesAJarWithoutNodeTypes() throws IOException {
        jar("empty", Map.of(), null);
        NodeRegistry registry = PluginLoader.load(getClass().getClassLoader(), tmp.resolve("plugins"));
        assertThat(registry.failures())
                .singleElement()
                .satisfies(f -> assertThat(f.problem()).contains("contains no node or credential types"));
    }

    @Test
    void refusesATypeNameThatIsAlreadyTaken() throws IOException {
        jar("one", Map.of("Shout", GOOD), "acme.Shout\n");
        Path second = tmp.resolve("plugins/two.jar");
        Files.copy(tmp.resolve("plugins/one.jar"), second);
        NodeRegistry registry = PluginLoader.load(getClass().getClassLoader(), tmp.resolve("plugins"));
        assertThat(registry.failures()).singleElement().satisfies(f -> {
            assertThat(f.source()).isEqualTo("two.jar");
            assertThat(f.problem()).contains("'acme.shout'").contains("already taken");
        });
    }

    @Test
    void builtInDescriptionsAreValid() {
        NodeRegistry registry = PluginLoader.load(getClass().getClassLoader(), null);
        assertThat(registry.failures()).isEmpty();
        assertThat(registry.nodeTypes())
                .extracting(t -> t.description().name())
                .contains(
                        "hearth.manualTrigger",
                        "hearth.scheduleTrigger",
                        "hearth.webhook",
                        "hearth.respondToWebhook",
                        "hearth.if",
                        "hearth.switch",
                        "hearth.set",
                        "hearth.merge",
                        "hearth.noOp",
                        "hearth.wait");
        assertThat(registry.find("n8n-nodes-base.set")).isPresent();
    }
}
