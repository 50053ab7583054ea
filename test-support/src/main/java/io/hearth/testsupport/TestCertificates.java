package io.hearth.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A throw-away certificate authority with a server certificate for {@code localhost} / {@code 127.0.0.1} and a
 * client certificate, made with the {@code openssl} command (Debian's) in a directory of the test's. Every file
 * is PEM; keys are unencrypted PKCS#8.
 *
 * @param directory  where the files are
 * @param caCert     the CA's certificate (what a client trusts)
 * @param serverCert the server's certificate, signed by the CA, for localhost and 127.0.0.1
 * @param serverKey  its key
 * @param clientCert a client certificate signed by the CA (CN {@code hearth-test-client})
 * @param clientKey  its key
 */
public record TestCertificates(
        Path directory, Path caCert, Path serverCert, Path serverKey, Path clientCert, Path clientKey) {

    /** Makes them in {@code directory} (created), or reuses the ones an earlier call left there. */
    public static TestCertificates createIn(Path directory) {
        TestCertificates c = new TestCertificates(
                directory,
                directory.resolve("ca.pem"),
                directory.resolve("server.pem"),
                directory.resolve("server-key.pem"),
                directory.resolve("client.pem"),
                directory.resolve("client-key.pem"));
        if (Files.isRegularFile(c.clientKey())) {
            return c;
        }
        try {
            Files.createDirectories(directory);
            Path ext = directory.resolve("server.ext");
            Files.writeString(ext, """
                    subjectAltName=DNS:localhost,IP:127.0.0.1
                    extendedKeyUsage=serverAuth
                    basicConstraints=CA:FALSE
                    """);
            Path clientExt = directory.resolve("client.ext");
            Files.writeString(clientExt, "extendedKeyUsage=clientAuth\nbasicConstraints=CA:FALSE\n");
            Path caKey = directory.resolve("ca-key.pem");
            openssl(
                    directory,
                    "req",
                    "-x509",
                    "-newkey",
                    "rsa:2048",
                    "-nodes",
                    "-days",
                    "30",
                    "-subj",
                    "/CN=Hearth Test CA",
                    "-keyout",
                    caKey.toString(),
                    "-out",
                    c.caCert().toString());
            signed(directory, "/CN=localhost", c.serverKey(), c.serverCert(), caKey, c.caCert(), ext);
            signed(directory, "/CN=hearth-test-client", c.clientKey(), c.clientCert(), caKey, c.caCert(), clientExt);
            return c;
        } catch (IOException e) {
            throw new IllegalStateException("cannot write certificates in " + directory + ": " + e.getMessage(), e);
        }
    }

    private static void signed(Path dir, String subject, Path key, Path cert, Path caKey, Path caCert, Path ext) {
        Path csr = dir.resolve(cert.getFileName() + ".csr");
        openssl(
                dir,
                "req",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-subj",
                subject,
                "-keyout",
                key.toString(),
                "-out",
                csr.toString());
        openssl(
                dir,
                "x509",
                "-req",
                "-in",
                csr.toString(),
                "-CA",
                caCert.toString(),
                "-CAkey",
                caKey.toString(),
                "-CAcreateserial",
                "-days",
                "30",
                "-extfile",
                ext.toString(),
                "-out",
                cert.toString());
    }

    private static void openssl(Path dir, String... args) {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(args));
        LocalProcess.Result r = LocalProcess.run(command, dir);
        if (r.exitCode() != 0) {
            throw new IllegalStateException(
                    "openssl " + String.join(" ", args) + " failed (exit " + r.exitCode() + "):\n" + r.output());
        }
    }

    /** The PEM text of a file, e.g. {@code pem(caCert())}. */
    public static String pem(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }
}
