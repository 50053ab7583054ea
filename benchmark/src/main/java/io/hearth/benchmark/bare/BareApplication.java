package io.hearth.benchmark.bare;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The physical limit of the HTTP stack on this machine: a minimal Spring Boot WebFlux app (same Boot
 * version, same Reactor Netty as the Hearth server) whose {@code POST /bare} parses the same JSON body
 * as the reference workflow and answers the same JSON: {@code {"doubled": 2n, "greeting": "Hello <name>"}}.
 * Nothing is recorded. Run: {@code java -jar target/hearth-benchmark-bare.jar --server.port=PORT}.
 */
@SpringBootApplication
public class BareApplication {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT =
            new ParameterizedTypeReference<>() {};

    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(BareApplication.class);
        app.setDefaultProperties(Map.of("spring.main.banner-mode", "off", "server.port", "5679"));
        app.run(args);
    }

    @Bean
    RouterFunction<ServerResponse> bareRoute() {
        return RouterFunctions.route()
                .POST(
                        "/bare",
                        request -> request.bodyToMono(JSON_OBJECT).flatMap(body -> {
                            Object n = body.get("n");
                            Map<String, Object> out = new LinkedHashMap<>();
                            out.put(
                                    "doubled",
                                    switch (n) {
                                        case Integer x -> 2L * x;
                                        case Long x -> 2L * x;
                                        case Number x -> 2 * x.doubleValue();
                                        case null, default -> null;
                                    });
                            out.put("greeting", "Hello " + body.get("name"));
                            return ServerResponse.ok()
                                    .contentType(MediaType.APPLICATION_JSON)
                                    .bodyValue(out);
                        }))
                .GET("/ready", request -> ServerResponse.ok().bodyValue("UP"))
                .build();
    }
}
