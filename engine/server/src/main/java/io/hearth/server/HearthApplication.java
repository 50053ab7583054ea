package io.hearth.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.core.metrics.jfr.FlightRecorderApplicationStartup;

@SpringBootApplication
@ConfigurationPropertiesScan
public class HearthApplication {

    public static void main(String[] args) {
        // H2 interns every value bound to a statement in a hash cache; for execution rows (unique ids, kilobytes
        // of data) that is hashing with no hit. Must be set before H2's classes load.
        if (System.getProperty("h2.objectCache") == null) {
            System.setProperty("h2.objectCache", "false");
        }
        SpringApplication app = new SpringApplication(HearthApplication.class);
        if (Boolean.getBoolean("hearth.startup.jfr")) {
            // Start-up steps (configuration parsing, each bean's creation...) as JFR events, for profiling start-up
            // together with -XX:StartFlightRecording.
            app.setApplicationStartup(new FlightRecorderApplicationStartup());
        }
        app.run(args);
    }
}
