package io.hearth.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.core.metrics.jfr.FlightRecorderApplicationStartup;

@SpringBootApplication
@ConfigurationPropertiesScan
public class HearthApplication {

    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(HearthApplication.class);
        if (Boolean.getBoolean("hearth.startup.jfr")) {
            // Start-up steps (configuration parsing, each bean's creation...) as JFR events, for profiling start-up
            // together with -XX:StartFlightRecording.
            app.setApplicationStartup(new FlightRecorderApplicationStartup());
        }
        app.run(args);
    }
}
