package io.hearth.nodes.mqtt;

import java.time.Duration;

/**
 * Timing of the shared broker connections.
 *
 * @param connectTimeout  TCP, TLS and CONNACK
 * @param keepAlive       MQTT keep-alive: a dead connection is noticed within about 1.5 times this
 * @param backoffInitial  first reconnect delay, doubling per failed attempt (with jitter)
 * @param backoffMax      reconnect delay cap: back within this long of the broker answering again
 * @param refusedRetry    reconnect delay after the broker refused the credential (not authorized)
 * @param idleClose       a connection only publishers use closes after this long without one
 * @param publishWait     how long a publish waits for a connection that is (re)connecting
 */
record MqttTimings(
        Duration connectTimeout,
        Duration keepAlive,
        Duration backoffInitial,
        Duration backoffMax,
        Duration refusedRetry,
        Duration idleClose,
        Duration publishWait) {

    static final MqttTimings DEFAULT = new MqttTimings(
            Duration.ofSeconds(10),
            Duration.ofSeconds(30),
            Duration.ofSeconds(1),
            // low on purpose: a refused connection to a local broker costs nothing, and a trigger is back within
            // seconds of a broker restart
            Duration.ofSeconds(5),
            Duration.ofSeconds(30),
            Duration.ofSeconds(60),
            Duration.ofSeconds(15));

    MqttTimings withBackoff(Duration initial, Duration max) {
        return new MqttTimings(connectTimeout, keepAlive, initial, max, refusedRetry, idleClose, publishWait);
    }

    MqttTimings withIdleClose(Duration value) {
        return new MqttTimings(connectTimeout, keepAlive, backoffInitial, backoffMax, refusedRetry, value, publishWait);
    }
}
