package io.hearth.server.config;

import io.hearth.server.auth.AuthFilter;
import io.hearth.server.auth.PublicRoutes;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;

/**
 * The OpenAPI document's title, how to authenticate, and the answers every operation can give besides its success:
 * the problem+json errors (400, 401, 403, 404, 409, 413, 415, 429) as the server actually sends them. The
 * operations themselves come from the controllers.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    private static final String PROBLEM = "Problem";
    private static final Set<PathItem.HttpMethod> CHANGES = Set.of(
            PathItem.HttpMethod.POST, PathItem.HttpMethod.PUT, PathItem.HttpMethod.PATCH, PathItem.HttpMethod.DELETE);

    /** The document is built on its first request, not at start-up (see {@link LazyApiDocs}). */
    @Bean
    static LazyApiDocs lazyApiDocs() {
        return new LazyApiDocs();
    }

    @Bean
    OpenApiCustomizer problemAnswers() {
        return api -> {
            api.getComponents().addSchemas(PROBLEM, problemSchema());
            if (api.getPaths() == null) {
                return;
            }
            api.getPaths()
                    .forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> {
                        ApiResponses answers = op.getResponses() == null ? new ApiResponses() : op.getResponses();
                        op.setResponses(answers);
                        if (method == PathItem.HttpMethod.DELETE && answers.containsKey("200")) {
                            answers.remove("200");
                            answers.addApiResponse("204", new ApiResponse().description("Deleted"));
                        }
                        boolean isPublic = PublicRoutes.isPublic(
                                HttpMethod.valueOf(method.name()),
                                PathContainer.parsePath(path.replaceAll("\\{[^}]+}", "x")));
                        problem(answers, "400", "Invalid request: `errors` names each field at fault");
                        if (!isPublic) {
                            problem(answers, "401", "Not signed in, and no valid API key");
                        }
                        if (CHANGES.contains(method)) {
                            problem(answers, "403", "A browser request from another origin (CSRF check)");
                            problem(answers, "409", "Conflicts with the current state");
                        }
                        if (path.contains("{") || !isPublic) {
                            problem(answers, "404", "No such resource");
                        }
                        if (op.getRequestBody() != null) {
                            problem(answers, "413", "The request body is larger than the limit");
                            problem(answers, "415", "The request body is not JSON");
                        }
                        if (path.endsWith("/auth/login")) {
                            problem(answers, "401", "Wrong email or password");
                            problem(answers, "429", "Too many failed sign-ins: wait for Retry-After seconds");
                        }
                        if (path.endsWith("/run")) {
                            answers.addApiResponse("202", new ApiResponse().description("Started; not waited for"));
                        }
                    }));
        };
    }

    /**
     * A reference that may be null ({@code @Schema(types = {"object", "null"})} on a record component) written as
     * {@code oneOf: [reference, null]}: tools that generate types from the document (the editor's openapi-typescript)
     * ignore what stands beside a {@code $ref}, so {@code user: User | null} would lose its null.
     */
    @Bean
    @SuppressWarnings("rawtypes")
    OpenApiCustomizer nullableReferences() {
        return api -> {
            if (api.getComponents() == null || api.getComponents().getSchemas() == null) {
                return;
            }
            for (Schema<?> schema : api.getComponents().getSchemas().values()) {
                Map<String, Schema> properties = schema.getProperties();
                if (properties != null) {
                    properties.replaceAll((name, property) -> nullableReference(property));
                }
            }
        };
    }

    // swagger-core's Schema is generic, but its fluent setters (specVersion, types) return the raw type
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema nullableReference(Schema property) {
        if (property.get$ref() == null
                || property.getTypes() == null
                || !property.getTypes().contains("null")) {
            return property;
        }
        Schema<?> nullable = new Schema<>().specVersion(SpecVersion.V31);
        nullable.setDescription(property.getDescription());
        nullable.setOneOf(List.of(
                new Schema<>().specVersion(SpecVersion.V31).$ref(property.get$ref()),
                new Schema<>().specVersion(SpecVersion.V31).types(Set.of("null"))));
        return nullable;
    }

    private static void problem(ApiResponses answers, String code, String description) {
        if (!answers.containsKey(code)) {
            answers.addApiResponse(
                    code,
                    new ApiResponse()
                            .description(description)
                            .content(new Content()
                                    .addMediaType(
                                            "application/problem+json",
                                            new MediaType()
                                                    .schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)))));
        }
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema<?> problemSchema() {
        Schema fieldProblem = new ObjectSchema()
                .addProperty(
                        "path",
                        new StringSchema()
                                .description("the field as the user sees it, e.g. nodes[2].parameters.entityId"))
                .addProperty("message", new StringSchema());
        return new ObjectSchema()
                .description("RFC 9457 problem details")
                .addProperty("type", new StringSchema())
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema())
                .addProperty("errors", new ArraySchema().items(fieldProblem));
    }

    @Bean
    OpenAPI hearthOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Hearth API")
                        .version("v1")
                        .description("Workflows, executions, credentials, node types and settings of a Hearth server. "
                                + "Errors are RFC 9457 problem details naming the field at fault."))
                .components(new Components()
                        .addSecuritySchemes(
                                "apiKey",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.APIKEY)
                                        .in(SecurityScheme.In.HEADER)
                                        .name("X-Hearth-Api-Key"))
                        .addSecuritySchemes(
                                "bearer",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer"))
                        .addSecuritySchemes(
                                "session",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.APIKEY)
                                        .in(SecurityScheme.In.COOKIE)
                                        .name(AuthFilter.COOKIE)))
                .addSecurityItem(new SecurityRequirement().addList("apiKey"))
                .addSecurityItem(new SecurityRequirement().addList("bearer"))
                .addSecurityItem(new SecurityRequirement().addList("session"));
    }
}
