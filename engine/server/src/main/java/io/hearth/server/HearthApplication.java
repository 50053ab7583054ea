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
        Runtime.getRuntime()
                .addShutdownHook(new Thread(HearthApplication::haltIfShutdownHangs, "hearth-shutdown-watchdog"));
        app.run(args);
    }

    /** The longest an orderly shutdown (SIGTERM) may take before the process halts anyway. */
    private static final long SHUTDOWN_LIMIT_SECONDS = 25;

    // Shutdown hooks run together: this one arms a timer and returns, Spring's closes the application.
    // If closing hangs (a node that ignores cancellation, a stuck driver), SIGTERM still ends the process.
    private static void haltIfShutdownHangs() {
        Thread watchdog = new Thread(
                () -> {
                    try {
                        Thread.sleep(SHUTDOWN_LIMIT_SECONDS * 1000);
                    } catch (InterruptedException e) {
                        return;
                    }
                    System.err.println("Hearth did not stop within " + SHUTDOWN_LIMIT_SECONDS + " s: halting");
                    Runtime.getRuntime().halt(1);
                },
                "hearth-shutdown-halt");
        watchdog.setDaemon(true);
        watchdog.start();
    }
}
