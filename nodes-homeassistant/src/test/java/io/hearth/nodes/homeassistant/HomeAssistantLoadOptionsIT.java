package io.hearth.nodes.homeassistant;

import static io.hearth.nodes.homeassistant.HaTestSupport.credential;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.node.NodeApiException;
import io.hearth.node.credential.CredentialData;
import io.hearth.node.description.Option;
import io.hearth.nodes.homeassistant.client.HomeAssistantClients;
import io.hearth.testsupport.RealHomeAssistant;
import io.hearth.testsupport.RealHomeAssistantExtension;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every dynamic dropdown of the node, loaded from a real Home Assistant. */
@Tag("home-assistant")
@ExtendWith(RealHomeAssistantExtension.class)
class HomeAssistantLoadOptionsIT {

    private static HomeAssistantClients clients;
    private static HomeAssistantNode node;
    private static CredentialData credential;

    @BeforeAll
    static void start(RealHomeAssistant ha) {
        clients = new HomeAssistantClients();
        node = new HomeAssistantNode(clients);
        credential = credential(ha);
    }

    @AfterAll
    static void stop() {
        clients.close();
    }

    private static List<Option> load(String method, Map<String, Object> parameters) throws Throwable {
        assertThat(node.loadOptionsMethods()).containsKey(method);
        return HaTestSupport.await(
                node.loadOptionsMethods().get(method).load(TestLoadOptionsContext.of(credential, parameters)));
    }

    @Test
    void loadsDomains() throws Throwable {
        assertThat(load("getDomains", Map.of())).extracting(Option::value).contains("light", "script", "input_boolean");
    }

    @Test
    void loadsServicesOfTheChosenDomainWithDescriptions() throws Throwable {
        List<Option> services = load("getDomainServices", Map.of("resource", "service", "domain", "light"));
        assertThat(services)
                .extracting(Option::value)
                .contains("turn_on", "turn_off", "toggle")
                .allMatch(v -> !String.valueOf(v).contains("."));
        Option turnOn = services.stream()
                .filter(o -> o.value().equals("turn_on"))
                .findFirst()
                .orElseThrow();
        assertThat(turnOn.name()).isEqualTo("Turn on (turn_on)");
        assertThat(turnOn.description()).isNotBlank();
        assertThat(load("getDomainServices", Map.of())).isEmpty();
    }

    @Test
    void loadsFieldsOfAService() throws Throwable {
        List<Option> fields = load("getServiceFields", Map.of("domain", "light", "service", "turn_on"));
        assertThat(fields).extracting(Option::value).contains("brightness", "rgb_color", "transition", "entity_id");
        List<Option> echo = load("getServiceFields", Map.of("domain", "script", "service", "hearth_echo"));
        assertThat(echo).extracting(Option::value).containsExactly("message");
    }

    @Test
    void loadsEntitiesLabelledWithFriendlyNameAndServiceTargetsOfTheChosenDomain() throws Throwable {
        List<Option> all = load("getAllEntities", Map.of("resource", "state"));
        assertThat(all).extracting(Option::name).contains("Bed Light (light.bed_light)");
        assertThat(all).extracting(Option::value).contains("light.bed_light", "input_boolean.hearth_flag");

        List<Option> lights = load("getTargetEntities", Map.of("resource", "service", "domain", "light"));
        assertThat(lights).isNotEmpty().allMatch(o -> String.valueOf(o.value()).startsWith("light."));
        assertThat(lights.size()).isLessThan(all.size());

        List<Option> searched = HaTestSupport.await(node.loadOptionsMethods()
                .get("getAllEntities")
                .load(new TestLoadOptionsContext(Map.of(), Optional.of(credential), Optional.of("hearth flag"))));
        assertThat(searched)
                .extracting(Option::value)
                .contains("input_boolean.hearth_flag")
                .doesNotContain("light.bed_light");
    }

    @Test
    void loadsCameraEntities() throws Throwable {
        List<Option> cameras = load("getCameraEntities", Map.of());
        assertThat(cameras)
                .extracting(Option::value)
                .contains("camera.demo_camera")
                .allMatch(v -> String.valueOf(v).startsWith("camera."));
    }

    @Test
    void loadsAreasFromTheRegistry() throws Throwable {
        List<Option> areas = load("getAreas", Map.of());
        assertThat(areas).extracting(Option::value).contains("kitchen", "living_room", "bedroom");
        assertThat(areas).extracting(Option::name).contains("Kitchen (kitchen)");
    }

    @Test
    void loadsDevicesFromTheRegistry() throws Throwable {
        List<Option> devices = load("getDevices", Map.of());
        assertThat(devices).extracting(Option::name).contains("Bed Light", "Kitchen Lights");
        assertThat(devices).allMatch(o -> String.valueOf(o.value()).matches("[0-9a-f]{32}"));
    }

    @Test
    void registryWithBadTokenSaysTokenRejected(RealHomeAssistant ha) {
        CredentialData bad = credential(ha, "not-a-token");
        assertThatThrownBy(() -> HaTestSupport.await(
                        node.loadOptionsMethods().get("getAreas").load(TestLoadOptionsContext.of(bad, Map.of()))))
                .isInstanceOf(NodeApiException.class)
                .hasMessageContaining("access token rejected")
                .hasMessageNotContaining("not-a-token");
    }
}
