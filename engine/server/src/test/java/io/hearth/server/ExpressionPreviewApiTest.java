package io.hearth.server;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

class ExpressionPreviewApiTest extends ApiTestSupport {

    private void preview(Map<String, Object> body, boolean ok, String text) {
        api.post()
                .uri("/api/v1/expressions/preview")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.ok")
                .isEqualTo(ok)
                .jsonPath("$.text")
                .isEqualTo(text);
    }

    @Test
    void evaluatesWithTheServersEngineOnTheInputItemAndNamedNodes() {
        Map<String, Object> item = Map.of("entity_id", "light.bed_light", "attributes", Map.of("brightness", 180));
        preview(
                Map.of("expression", "={{ $json.entity_id.toUpperCase() }}", "items", List.of(item)),
                true,
                "LIGHT.BED_LIGHT");
        preview(
                Map.of(
                        "expression",
                        "=Level {{ $('State').item.json.attributes.brightness / 2 }} of {{ $input.all().length }}",
                        "items",
                        List.of(item, item),
                        "nodes",
                        Map.of("State", List.of(item))),
                true,
                "Level 90 of 2");
        preview(Map.of("expression", "={{ $json.missing }}", "items", List.of(item)), true, "[undefined]");
    }

    @Test
    void namesTheProblemOfABadExpressionOrOfANodeWithoutData() {
        api.post()
                .uri("/api/v1/expressions/preview")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("expression", "={{ $('Nowhere').item.json.a }}", "items", List.of()))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.ok")
                .isEqualTo(false)
                .jsonPath("$.text")
                .value(t -> org.assertj.core.api.Assertions.assertThat((String) t)
                        .contains("No data of node 'Nowhere' yet"));
        api.post()
                .uri("/api/v1/expressions/preview")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("expression", "={{ $json.a( }}"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.ok")
                .isEqualTo(false);
    }
}
