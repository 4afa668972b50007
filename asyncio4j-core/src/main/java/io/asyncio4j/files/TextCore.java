package io.asyncio4j.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Python's {@code TextIOWrapper} over a {@link FileCore}, synchronous (executor threads only):
 * decoding and encoding with strict error handling, and Python's {@code newline} handling
 * ({@link Newline}; by default universal newlines, {@code "\r\n"} and {@code "\r"} read as
 * {@code "\n"}).
 *
 * <p>Decoded characters not yet returned are kept raw in {@link #chars}; {@link #tell()}
 * re-encodes them to find the byte position of the next character, which is exact for encodings
 * without state (UTF-8, ASCII, ISO-8859-x, UTF-16LE/BE, UTF-32LE/BE) when decoding is strict. With
 * errors "ignore" or "replace" the characters no longer re-encode to their bytes, so
 * {@link #tell()} decodes the current chunk's bytes again up to the next character instead.
 */
final class TextCore implements Positioned {
    private final FileCore core;
    private final Charset charset;
    private final CharsetDecoder decoder;
    private final CharsetEncoder encoder;
    private final ByteBuffer raw = ByteBuffer.allocate(FileCore.BUFFER); // bytes read, not decoded (read mode)
    private char[] chars = new char[FileCore.BUFFER];
    private int cstart;
    private int cend;
    private boolean eof;
    private long rawPos;   // file position just after the bytes taken into raw
    private boolean reading;
    private final Newline newline;
    private final CodingErrorAction errors;
    private byte[] chunk;  // with errors other than strict: the bytes chars[0..cend) were decoded from
    private long chunkPos; // and their file position

    /** {@code errors}: Python's error handler name, "strict" (or null), "ignore" or "replace". */
    TextCore(FileCore core, Charset charset, String errors, Newline newline) {
        this.core = core;
        this.charset = charset;
        this.newline = newline;
        this.errors = errorAction(errors);
        this.decoder = newDecoder();
        this.encoder = charset.newEncoder().onMalformedInput(this.errors).onUnmappableCharacter(this.errors);
        raw.flip();
    }

    /**
     * The JDK's action for a Python error handler. "replace" decodes to U+FFFD and encodes to the
     * charset's replacement ("?" for UTF-8, ASCII and Latin-1), as Python's.
     */
    static CodingErrorAction errorAction(String errors) {
        return switch (errors == null ? "strict" : errors) {
            case "strict" -> CodingErrorAction.REPORT;
            case "ignore" -> CodingErrorAction.IGNORE;
            case "replace" -> CodingErrorAction.REPLACE;
            // Python accepts any name at open() and raises LookupError at the first use; we refuse at once.
            default -> throw new IllegalArgumentException("unknown error handler name '" + errors + "'");
        };
    }

    private CharsetDecoder newDecoder() {
        return charset.newDecoder().onMalformedInput(errors).onUnmappableCharacter(errors);
    }

    Charset charset() {
        return charset;
    }

    // ------------------------------------------------------------------ reading

    /**
     * Up to {@code n} characters (after newline translation); all that is left if {@code n < 0}.
     * Characters are Python's, code points: a supplementary character (two Java chars) counts once
     * and is never split.
     */
    String read(int n) throws IOException {
        synchronized (core) {
            if (n < 0) {
                return readAll();
            }
            StringBuilder sb = new StringBuilder(Math.min(n, 1 << 16));
            for (int count = 0; count < n && takeChar(sb); count++) {
                // takeChar did the work
            }
            return sb.toString();
        }
    }

    /**
     * Appends the next Python character to {@code sb}: a {@code "\r\n"} or {@code "\r"} as
     * {@code '\n'}, a surrogate pair whole. False at the end of the file.
     */
    private boolean takeChar(StringBuilder sb) throws IOException {
        if (!ensure()) {
            return false;
        }
        char c = chars[cstart++];
        if (c == '\r' && newline.translates()) {
            if (ensure() && chars[cstart] == '\n') {
                cstart++;
            }
            c = '\n';
        }
        sb.append(c);
        if (Character.isHighSurrogate(c) && ensure() && Character.isLowSurrogate(chars[cstart])) {
            sb.append(chars[cstart++]);
        }
        return true;
    }

    private String readAll() throws IOException {
        StringBuilder sb = new StringBuilder();
        while (ensure()) {
            sb.append(chars, cstart, cend - cstart);
            cstart = cend;
        }
        return newline.translates() ? translate(sb) : sb.toString();
    }

    /** {@code s} with each {@code "\r\n"} and {@code "\r"} turned into {@code "\n"} (Python's universal newlines). */
    static String translate(CharSequence s) {
        StringBuilder out = null;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == '\r') {
                if (out == null) {
                    out = new StringBuilder(n);
                    out.append(s, 0, i);
                }
                out.append('\n');
                if (i + 1 < n && s.charAt(i + 1) == '\n') {
                    i++;
                }
            } else if (out != null) {
                out.append(c);
            }
        }
        return out != null ? out.toString() : s.toString();
    }

    /**
     * Python's {@code readline(limit)}: one line (ended as {@link Newline} says), the last partial
     * line, or "" at the end; at most {@code limit} characters (code points) of it, the whole line
     * if {@code limit < 0}.
     */
    String readLine(int limit) throws IOException {
        synchronized (core) {
            if (limit < 0 && newline.translates()) {
                return readTranslatedLine(); // the default case, scanning the buffer instead of char by char
            }
            StringBuilder sb = new StringBuilder();
            for (long count = 0; (limit < 0 || count < limit) && takeChar(sb); count++) {
                if (newline.endsLine(sb, ensure() && chars[cstart] == '\n')) {
                    break;
                }
            }
            return sb.toString();
        }
    }

    /** One line ending with {@code "\n"} (translated), or the last partial line, or "" at the end. */
    private String readTranslatedLine() throws IOException {
        synchronized (core) {
            StringBuilder sb = null;
            while (ensure()) {
                int i = cstart;
                while (i < cend && chars[i] != '\n' && chars[i] != '\r') {
                    i++;
                }
                if (i == cend) {
                    if (sb == null) {
                        sb = new StringBuilder(Math.max(80, 2 * (cend - cstart)));
                    }
                    sb.append(chars, cstart, cend - cstart);
                    cstart = cend;
                    continue;
                }
                String head = new String(chars, cstart, i - cstart);
                boolean cr = chars[i] == '\r';
                cstart = i + 1;
                if (cr && ensure() && chars[cstart] == '\n') {
                    cstart++;
                }
                return sb == null ? head + "\n" : sb.append(head).append('\n').toString();
            }
            return sb == null ? "" : sb.toString();
        }
    }

    /**
     * Python's {@code readlines(hint)}: lines until their total length in characters (code points)
     * exceeds {@code hint}, so at least one; all of them if {@code hint <= 0}.
     */
    List<String> readLines(int hint) throws IOException {
        synchronized (core) {
            List<String> lines = new ArrayList<>();
            long total = 0;
            while (hint <= 0 || total <= hint) {
                String line = readLine(-1);
                if (line.isEmpty()) {
                    break;
                }
                lines.add(line);
                total += line.codePointCount(0, line.length());
            }
            return lines;
        }
    }

    /** Makes a character available unless the file ends first; false if none is. */
    private boolean ensure() throws IOException {
        startReading();
        if (cend == cstart && eof) {
            // The file may have grown since its end was seen: ask it again, as Python's reads do.
            eof = false;
            decoder.reset();
        }
        while (cend == cstart && !eof) {
            decodeMore();
        }
        return cend > cstart;
    }

    private void startReading() throws IOException {
        if (!reading) {
            reading = true;
            rawPos = core.tell();
            raw.clear().flip();
            decoder.reset();
            cstart = cend = 0;
            eof = false;
            chunk = null;
        }
    }

    /** Decodes the next chunk; {@link #ensure} calls it only once every decoded character is taken. */
    private void decodeMore() throws IOException {
        if (cstart > 0) {
            System.arraycopy(chars, cstart, chars, 0, cend - cstart);
            cend -= cstart;
            cstart = 0;
        }
        if (chars.length - cend < 4096) {
            chars = java.util.Arrays.copyOf(chars, chars.length * 2);
        }
        raw.compact();
        byte[] more = core.read(raw.remaining());
        raw.put(more);
        rawPos += more.length;
        raw.flip();
        if (errors != CodingErrorAction.REPORT) {
            chunkPos = rawPos - raw.remaining();
            chunk = new byte[raw.remaining()];
            raw.duplicate().get(chunk);
        }
        boolean end = more.length == 0;
        CharBuffer out = CharBuffer.wrap(chars, cend, chars.length - cend);
        CoderResult r = decoder.decode(raw, out, end);
        if (end && !r.isError()) {
            r = decoder.flush(out);
        }
        if (r.isError()) {
            r.throwException();
        }
        cend = out.position();
        if (end) {
            if (raw.hasRemaining()) {
                throw new CharacterCodingException();
            }
            eof = true;
        }
    }

    /** Leaves read mode: puts the file position back at the next unread character. */
    private void stopReading() throws IOException {
        if (!reading) {
            return;
        }
        long p = tellReading();
        reading = false;
        cstart = cend = 0;
        raw.clear().flip();
        core.seek(p, 0);
    }

    private long tellReading() throws IOException {
        if (errors != CodingErrorAction.REPORT && cend > cstart) {
            return chunkPos + bytesOf(cstart);
        }
        long pending = raw.remaining();
        long undelivered = 0;
        if (cend > cstart) {
            undelivered = encodedLength(CharBuffer.wrap(chars, cstart, cend - cstart));
        }
        return rawPos - pending - undelivered;
    }

    /** How many bytes of {@link #chunk} decode to its first {@code n} characters. */
    private int bytesOf(int n) {
        ByteBuffer in = ByteBuffer.wrap(chunk);
        CharBuffer out = CharBuffer.allocate(n);
        newDecoder().decode(in, out, false); // stops once out is full, before the next character
        return in.position();
    }

    private long encodedLength(CharBuffer cb) throws CharacterCodingException {
        if (charset.equals(StandardCharsets.UTF_8)) {
            long n = 0;
            while (cb.hasRemaining()) {
                char c = cb.get();
                if (c < 0x80) {
                    n++;
                } else if (c < 0x800) {
                    n += 2;
                } else if (Character.isHighSurrogate(c)) {
                    n += 4;
                    cb.get();
                } else {
                    n += 3;
                }
            }
            return n;
        }
        encoder.reset();
        return encoder.encode(cb).remaining();
    }

    // ------------------------------------------------------------------ writing and positioning

    int write(String s) throws IOException {
        synchronized (core) {
            stopReading();
            encoder.reset();
            ByteBuffer bytes = encoder.encode(CharBuffer.wrap(newline.forWrite(s)));
            byte[] b = new byte[bytes.remaining()];
            bytes.get(b);
            core.write(b);
            return s.codePointCount(0, s.length()); // Python counts code points, not UTF-16 chars
        }
    }

    @Override
    public long tell() throws IOException {
        synchronized (core) {
            return reading ? tellReading() : core.tell();
        }
    }

    /** Python's text seek: to a position from {@link #tell()} (whence 0), or {@code (0, 1)} / {@code (0, 2)}. */
    @Override
    public long seek(long offset, int whence) throws IOException {
        synchronized (core) {
            // The checks in the order of CPython's TextIOWrapper.seek, which decides the exception type.
            if ((whence == 1 || whence == 2) && offset != 0) {
                throw new UnsupportedOperation("can't do nonzero " + (whence == 1 ? "cur" : "end") + "-relative seeks");
            }
            if (whence < 0 || whence > 2) {
                throw new IllegalArgumentException("invalid whence (" + whence + ", should be 0, 1 or 2)");
            }
            if (offset < 0) {
                throw new IllegalArgumentException("negative seek position " + offset);
            }
            if (whence == 1) {
                return tell();
            }
            reading = false;
            cstart = cend = 0;
            raw.clear().flip();
            return core.seek(offset, whence);
        }
    }

    @Override
    public long truncate(long size) throws IOException {
        synchronized (core) {
            stopReading();
            return core.truncate(size);
        }
    }

    @Override
    public void flush() throws IOException {
        synchronized (core) {
            core.flush();
        }
    }
}
