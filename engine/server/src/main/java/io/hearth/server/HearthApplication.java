package io.hearth.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.core.metrics.jfr.FlightRecorderApplicationStartup;

@SpringBootApplication
@ConfigurationPropertiesScan
public class HearthApplication {

    public static void main(String[] args) {
        loadOnlyWhatIsUsed();
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

    /**
     * Start-up defaults that keep classes an idle server never uses out of memory (each can be set back with -D):
     * Spring Boot's background pre-initialisation would bootstrap Hibernate Validator (~450 classes; Hearth uses no
     * Bean Validation, springdoc only reads its annotations), and Netty's JFR events (~110 classes) are only wanted
     * while profiling Netty itself. benchmark/README.md, "What the idle RSS is made of", has the measurements.
     */
    private static void loadOnlyWhatIsUsed() {
        setIfAbsent("spring.backgroundpreinitializer.ignore", "true");
        setIfAbsent("io.netty.jfr.enabled", "false");
    }

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
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
