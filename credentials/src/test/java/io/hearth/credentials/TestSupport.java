package io.hearth.credentials;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.sql.DataSource;

final class TestSupport {

    private TestSupport() {}

    /** Every encoding a secret could leave behind in a file: UTF-8, UTF-16 both ways, base64 (aligned or not). */
    static Map<String, byte[]> encodingsOf(String secret) {
        Map<String, byte[]> forms = new LinkedHashMap<>();
        byte[] utf8 = secret.getBytes(StandardCharsets.UTF_8);
        forms.put("utf-8", utf8);
        forms.put("utf-16le", secret.getBytes(StandardCharsets.UTF_16LE));
        forms.put("utf-16be", secret.getBytes(StandardCharsets.UTF_16BE));
        for (int shift = 0; shift < 3; shift++) {
            byte[] shifted = new byte[shift + utf8.length];
            System.arraycopy(utf8, 0, shifted, shift, utf8.length);
            String b64 = Base64.getEncoder().withoutPadding().encodeToString(shifted);
            int from = (8 * shift + 5) / 6;
            int to = 8 * (shift + utf8.length) / 6;
            String core = b64.substring(from, to);
            forms.put("base64 shift " + shift, core.getBytes(StandardCharsets.US_ASCII));
            forms.put(
                    "base64url shift " + shift,
                    core.replace('+', '-').replace('/', '_').getBytes(StandardCharsets.US_ASCII));
        }
        return forms;
    }

    static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            if (haystack[i] != needle[0]) {
                continue;
            }
            for (int j = 1; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** The bytes of every regular file under {@code dir}, by path. */
    static Map<Path, byte[]> filesUnder(Path dir) throws IOException {
        Map<Path, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                try {
                    files.put(p, Files.readAllBytes(p));
                } catch (IOException e) {
                    // A file removed while walking (e.g. a temporary file of the database) holds nothing to check.
                }
            }
        }
        return files;
    }

    /** Every row of the table, every column as text, in id order. */
    static List<Map<String, String>> tableContents(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT * FROM credentials ORDER BY id")) {
            ResultSetMetaData md = rs.getMetaData();
            List<Map<String, String>> rows = new ArrayList<>();
            while (rs.next()) {
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    row.put(md.getColumnName(i).toLowerCase(java.util.Locale.ROOT), rs.getString(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    static void execute(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
