package io.asyncio4j.http.client;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Form fields and files for a request body: aiohttp's {@code FormData}. With only text fields it is
 * sent as {@code application/x-www-form-urlencoded}; with a file or byte part (or {@link #multipart()})
 * as {@code multipart/form-data}, files streamed from disk (never held in memory) with a
 * {@code Content-Length} computed up front.
 *
 * <pre>{@code
 * FormData form = new FormData()
 *     .addField("title", "holiday")
 *     .addFile("photo", Path.of("beach.jpg"), "image/jpeg");
 * session.post(url, new RequestOptions().data(form));
 * }</pre>
 */
public final class FormData {
    /** One part. {@code file} or {@code data} holds the content. */
    record Part(String name, String filename, String contentType, byte[] data, Path file) {}

    final List<Part> parts = new ArrayList<>();
    private boolean forceMultipart;

    /** An empty form. */
    public FormData() {}

    /** Adds a text field. */
    public FormData addField(String name, String value) {
        parts.add(new Part(name, null, null, value.getBytes(StandardCharsets.UTF_8), null));
        return this;
    }

    /** Adds a text field with its own content type (forces multipart). */
    public FormData addField(String name, String value, String contentType) {
        parts.add(new Part(name, null, contentType, value.getBytes(StandardCharsets.UTF_8), null));
        forceMultipart = true;
        return this;
    }

    /** Adds bytes as a file part (forces multipart). */
    public FormData addBytes(String name, byte[] data, String filename, String contentType) {
        parts.add(new Part(name, filename, contentType == null ? "application/octet-stream" : contentType, data, null));
        forceMultipart = true;
        return this;
    }

    /** Adds a file streamed from disk, named after the file (forces multipart). */
    public FormData addFile(String name, Path file, String contentType) {
        return addFile(name, file, file.getFileName().toString(), contentType);
    }

    /** Adds a file streamed from disk with the given file name (forces multipart). */
    public FormData addFile(String name, Path file, String filename, String contentType) {
        parts.add(new Part(name, filename, contentType == null ? "application/octet-stream" : contentType, null, file));
        forceMultipart = true;
        return this;
    }

    /** Sends as multipart/form-data even with only text fields. */
    public FormData multipart() {
        forceMultipart = true;
        return this;
    }

    /** Whether the form is sent as multipart/form-data. */
    public boolean isMultipart() {
        return forceMultipart;
    }
}
