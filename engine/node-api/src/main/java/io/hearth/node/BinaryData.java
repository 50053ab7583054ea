package io.hearth.node;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * A binary attachment of an {@link Item}: file content with its mime type and optional file name.
 * The runtime persists it with the execution (base64 in the execution data).
 */
// a carrier of bytes, not a value: never compared or hashed, and copying would cost a copy per use
@SuppressWarnings("ArrayRecordComponent")
public record BinaryData(byte[] data, String mimeType, Optional<String> fileName) {

    public BinaryData {
        data = data == null ? new byte[0] : data;
        mimeType = mimeType == null || mimeType.isBlank() ? "application/octet-stream" : mimeType;
        fileName = fileName == null ? Optional.empty() : fileName;
    }

    public static BinaryData of(byte[] data, String mimeType, String fileName) {
        return new BinaryData(data, mimeType, Optional.ofNullable(fileName).filter(s -> !s.isBlank()));
    }

    public long size() {
        return data.length;
    }

    /** The extension of the file name, else one derived from the mime type ({@code image/jpeg} gives {@code jpeg}). */
    public String fileExtension() {
        return fileName.filter(n -> n.lastIndexOf('.') > 0)
                .map(n -> n.substring(n.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT))
                .orElseGet(() -> {
                    String subtype = mimeType.substring(mimeType.indexOf('/') + 1);
                    int semicolon = subtype.indexOf(';');
                    return semicolon >= 0 ? subtype.substring(0, semicolon) : subtype;
                });
    }

    /** n8n's coarse file type: image, video, audio, text, json, pdf or the empty string. */
    public String fileType() {
        if (mimeType.startsWith("image/")) return "image";
        if (mimeType.startsWith("video/")) return "video";
        if (mimeType.startsWith("audio/")) return "audio";
        if (mimeType.contains("json")) return "json";
        if (mimeType.equals("application/pdf")) return "pdf";
        if (mimeType.startsWith("text/")) return "text";
        return "";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BinaryData other
                && Arrays.equals(data, other.data)
                && mimeType.equals(other.mimeType)
                && fileName.equals(other.fileName);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(data) + mimeType.hashCode();
    }

    @Override
    public String toString() {
        return "BinaryData[" + mimeType + ", " + data.length + " bytes"
                + fileName.map(n -> ", " + n).orElse("") + "]";
    }
}
