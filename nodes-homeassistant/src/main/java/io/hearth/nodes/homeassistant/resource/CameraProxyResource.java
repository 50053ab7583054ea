package io.hearth.nodes.homeassistant.resource;

import io.hearth.node.BinaryData;
import io.hearth.node.Item;
import io.hearth.node.ParameterValues;
import io.hearth.node.description.DynamicOptions;
import io.hearth.node.description.LocatorMode;
import io.hearth.node.description.Parameter;
import io.hearth.nodes.homeassistant.client.HaRequest;
import io.hearth.nodes.homeassistant.client.HaResponse;
import java.util.List;
import java.util.Locale;

/**
 * Camera Proxy: the current image of a camera as binary data on the input item (its JSON and other
 * binaries are kept), property {@code binaryPropertyName} (default {@code data}), file name
 * {@code <entity id>.<ext>}, mime type from Home Assistant's answer.
 */
public final class CameraProxyResource {

    private CameraProxyResource() {}

    public static HaResource resource() {
        return HaResource.builder("cameraProxy", "Camera Proxy")
                .operation("getScreenshot", "Get Screenshot", "Get the camera screenshot", in -> {
                    HaRequest request = screenshotRequest(in.params());
                    String camera = Values.required(in.params(), "cameraEntityId");
                    String property = binaryProperty(in.params());
                    return in.api().send(request).map(r -> List.of(withImage(in.item(), property, camera, r)));
                })
                .field(
                        Parameter.resourceLocator(
                                        "cameraEntityId",
                                        LocatorMode.list("From List", DynamicOptions.of("getCameraEntities")),
                                        LocatorMode.id("By ID", "^camera\\.[a-z0-9_]+$", "camera.front_door"))
                                .displayName("Camera Entity")
                                .required(),
                        "getScreenshot")
                .field(
                        Parameter.string("binaryPropertyName")
                                .displayName("Put Output File in Field")
                                .defaultValue("data")
                                .required()
                                .description("The binary property of the output item that receives the image"),
                        "getScreenshot")
                .dropdown(
                        "getCameraEntities", (api, ctx) -> StateResource.entities(api, id -> id.startsWith("camera.")))
                .build();
    }

    static HaRequest screenshotRequest(ParameterValues params) {
        String camera = Values.required(params, "cameraEntityId");
        return HaRequest.get("Get camera image of '" + camera + "'", "/api/camera_proxy/" + HaRequest.segment(camera))
                .about("camera '" + camera + "'");
    }

    static String binaryProperty(ParameterValues params) {
        String name = params.string("binaryPropertyName").strip();
        return name.isEmpty() ? "data" : name;
    }

    static Item withImage(Item item, String property, String camera, HaResponse response) {
        String mime = response.mimeType().orElse("image/jpeg");
        return item.withBinary(property, BinaryData.of(response.body(), mime, camera + "." + extension(mime)));
    }

    static String extension(String mime) {
        String subtype = mime.substring(mime.indexOf('/') + 1).toLowerCase(Locale.ROOT);
        return switch (subtype) {
            case "jpeg", "jpg", "pjpeg" -> "jpg";
            case "svg+xml" -> "svg";
            case "octet-stream" -> "bin";
            default -> subtype.replaceAll("[^a-z0-9]", "");
        };
    }
}
