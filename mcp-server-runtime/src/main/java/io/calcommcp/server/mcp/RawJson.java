package io.calcommcp.server.mcp;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * JSON that is already UTF-8 bytes (the API's answer, passed on), for Jackson to copy into its
 * output as they are: wrapped in a {@link com.fasterxml.jackson.databind.util.RawValue}, a
 * tool's structured content is written without being parsed into a tree, or even decoded into a
 * string and encoded again. Only the unquoted forms are ever written; the quoted ones, which
 * nothing asks of a raw value, are derived from the text.
 */
final class RawJson implements SerializableString {

    private final byte[] utf8;
    private volatile SerializedString text;

    /** @param utf8 one JSON value; kept, not copied */
    RawJson(byte[] utf8) {
        this.utf8 = utf8;
    }

    private SerializedString text() {
        SerializedString decoded = text;
        if (decoded == null) {
            decoded = new SerializedString(new String(utf8, StandardCharsets.UTF_8));
            text = decoded;
        }
        return decoded;
    }

    @Override
    public String getValue() {
        return text().getValue();
    }

    @Override
    public int charLength() {
        return text().charLength();
    }

    @Override
    public char[] asQuotedChars() {
        return text().asQuotedChars();
    }

    @Override
    public byte[] asUnquotedUTF8() {
        return utf8;
    }

    @Override
    public byte[] asQuotedUTF8() {
        return text().asQuotedUTF8();
    }

    @Override
    public int appendQuotedUTF8(byte[] buffer, int offset) {
        return text().appendQuotedUTF8(buffer, offset);
    }

    @Override
    public int appendQuoted(char[] buffer, int offset) {
        return text().appendQuoted(buffer, offset);
    }

    @Override
    public int appendUnquotedUTF8(byte[] buffer, int offset) {
        if (offset + utf8.length > buffer.length) {
            return -1;
        }
        System.arraycopy(utf8, 0, buffer, offset, utf8.length);
        return utf8.length;
    }

    @Override
    public int appendUnquoted(char[] buffer, int offset) {
        return text().appendUnquoted(buffer, offset);
    }

    @Override
    public int writeQuotedUTF8(OutputStream out) throws IOException {
        return text().writeQuotedUTF8(out);
    }

    @Override
    public int writeUnquotedUTF8(OutputStream out) throws IOException {
        out.write(utf8);
        return utf8.length;
    }

    @Override
    public int putQuotedUTF8(ByteBuffer buffer) throws IOException {
        return text().putQuotedUTF8(buffer);
    }

    @Override
    public int putUnquotedUTF8(ByteBuffer buffer) {
        if (buffer.remaining() < utf8.length) {
            return -1;
        }
        buffer.put(utf8);
        return utf8.length;
    }
}
