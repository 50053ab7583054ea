package io.hearth.server.web;

import io.hearth.server.config.HearthProperties;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/** Facts about this instance the editor shows (webhook base URLs, time zone, storage). */
@RestController
@RequestMapping("/api/v1")
public class SettingsController {

    private final HearthProperties properties;
    private final String database;

    public SettingsController(HearthProperties properties, DataSource dataSource) {
        this.properties = properties;
        String db;
        try (var c = dataSource.getConnection()) {
            db = c.getMetaData().getDatabaseProductName();
        } catch (Exception e) {
            db = "unknown";
        }
        this.database = db;
    }

    @ApiResponse(
            responseCode = "200",
            description = "OK",
            content = @Content(schema = @Schema(implementation = ApiShapes.Settings.class)))
    @GetMapping("/settings")
    public Map<String, Object> settings(ServerWebExchange exchange) {
        String base = PublicUrl.of(properties, exchange);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(
                "version",
                getClass().getPackage().getImplementationVersion() == null
                        ? "dev"
                        : getClass().getPackage().getImplementationVersion());
        m.put("webhookUrl", base + "webhook/");
        m.put("webhookTestUrl", base + "webhook-test/");
        m.put("timezone", properties.defaultTimezone());
        m.put("dataDirectory", properties.dataDir().toAbsolutePath().normalize().toString());
        m.put("database", database);
        return m;
    }
}
