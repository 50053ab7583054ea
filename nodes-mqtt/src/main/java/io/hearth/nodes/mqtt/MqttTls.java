package io.hearth.nodes.mqtt;

import io.hearth.node.NodeException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS side of an MQTT credential: which CAs to trust (the system's, or the credential's own), whether to
 * check the broker's certificate at all, and a client certificate with its key.
 *
 * @param caCertificates     PEM; empty: the JVM's trusted CAs
 * @param clientCertificate  PEM; with {@code clientKey}, presented to brokers that ask for one
 * @param clientKey          PEM, unencrypted
 * @param rejectUnauthorized verify the broker's certificate and host name
 */
record MqttTls(
        Optional<String> caCertificates,
        Optional<String> clientCertificate,
        Optional<String> clientKey,
        boolean rejectUnauthorized) {

    static final MqttTls SYSTEM_DEFAULTS = new MqttTls(Optional.empty(), Optional.empty(), Optional.empty(), true);

    /** Parses every PEM field; a problem names the field ("CA Certificates: ..."). */
    void check() {
        caCertificates.ifPresent(pem -> Pem.certificates("CA Certificates", pem));
        clientCertificate.ifPresent(pem -> Pem.certificates("Client Certificate", pem));
        clientKey.ifPresent(pem -> Pem.privateKey("Client Key", pem));
        if (clientCertificate.isPresent() != clientKey.isPresent()) {
            throw new NodeException(
                    clientCertificate.isPresent()
                            ? "Client Key: needed with the Client Certificate"
                            : "Client Certificate: needed with the Client Key");
        }
    }

    SSLSocketFactory socketFactory() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(
                    clientCertificate.isPresent() && clientKey.isPresent()
                            ? keyManagers(clientCertificate.get(), clientKey.get())
                            : null,
                    trustManagers(),
                    null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new NodeException("Could not set up TLS: " + e.getMessage(), e);
        }
    }

    private TrustManager[] trustManagers() throws GeneralSecurityException {
        if (!rejectUnauthorized) {
            return new TrustManager[] {new TrustAll()};
        }
        if (caCertificates.isEmpty()) {
            return null; // the JVM's trusted CAs
        }
        KeyStore store = emptyStore();
        List<X509Certificate> cas = Pem.certificates("CA Certificates", caCertificates.get());
        for (int i = 0; i < cas.size(); i++) {
            store.setCertificateEntry("ca" + i, cas.get(i));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        return tmf.getTrustManagers();
    }

    private static javax.net.ssl.KeyManager[] keyManagers(String certPem, String keyPem)
            throws GeneralSecurityException {
        List<X509Certificate> chain = Pem.certificates("Client Certificate", certPem);
        PrivateKey key = Pem.privateKey("Client Key", keyPem);
        KeyStore store = emptyStore();
        char[] none = new char[0];
        store.setKeyEntry("client", key, none, chain.toArray(X509Certificate[]::new));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, none);
        return kmf.getKeyManagers();
    }

    private static KeyStore emptyStore() throws GeneralSecurityException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            return store;
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException(e);
        }
    }

    /** "Reject Unauthorized Certificate" off: any certificate is accepted (the user chose so). */
    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
