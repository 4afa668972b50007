package io.asyncio4j.http.parser;

import static io.asyncio4j.http.parser.Recorder.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every request-smuggling vector of issue 4, item 4, fed whole and one octet at a time. */
@Timeout(10)
class RequestSmugglingTest {
    private static final String HEAD = "POST / HTTP/1.1\r\nHost: h\r\n";

    static HttpParseError error(String s) {
        return HttpRequestParserTest.error(s);
    }

    @Test
    void contentLengthAndTransferEncodingTogether() {
        assertThat(error(HEAD + "Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")).isEqualTo(HttpParseError.CONFLICTING_FRAMING);
        assertThat(error(HEAD + "Transfer-Encoding: chunked\r\nContent-Length: 0\r\n\r\n0\r\n\r\n")).isEqualTo(HttpParseError.CONFLICTING_FRAMING);
    }

    @ParameterizedTest
    @ValueSource(strings = {"+5", "-5", "5 5", "0x5", "5.0", "", " ", "5,6", "abc", "99999999999999999999", "5,", ",5", "٥"})
    void invalidContentLength(String value) {
        assertThat(error(HEAD + "Content-Length: " + value + "\r\n\r\nhello")).isEqualTo(HttpParseError.INVALID_CONTENT_LENGTH);
    }

    @Test
    void duplicateContentLength() {
        assertThat(error(HEAD + "Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello!")).isEqualTo(HttpParseError.INVALID_CONTENT_LENGTH);
        // identical values are one value (RFC 9110 §8.6): accepted
        Recorder r = HttpRequestParserTest.parse(HEAD + "Content-Length: 5\r\nContent-Length: 5\r\n\r\nhello");
        assertThat(r.bodyText(0)).isEqualTo("hello");
        r = HttpRequestParserTest.parse(HEAD + "Content-Length: 5, 5\r\n\r\nhello");
        assertThat(r.bodyText(0)).isEqualTo("hello");
    }

    @ParameterizedTest
    @ValueSource(strings = {"chunked, gzip", "chunked, chunked", "gzip", "chunked;q=1", "\"chunked\"", ",", "chunked x"})
    void transferEncodingNotEndingInChunked(String value) {
        assertThat(error(HEAD + "Transfer-Encoding: " + value + "\r\n\r\n0\r\n\r\n")).isEqualTo(HttpParseError.INVALID_TRANSFER_ENCODING);
    }

    @Test
    void transferEncodingSplitOverTwoFields() {
        assertThat(error(HEAD + "Transfer-Encoding: chunked\r\nTransfer-Encoding: gzip\r\n\r\n0\r\n\r\n")).isEqualTo(HttpParseError.INVALID_TRANSFER_ENCODING);
        Recorder r = HttpRequestParserTest.parse(HEAD + "Transfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nx\r\n0\r\n\r\n");
        assertThat(r.request(0).transferCodings()).containsExactly("gzip");
        assertThat(r.bodyText(0)).isEqualTo("x");
    }

    @ParameterizedTest
    @ValueSource(strings = {"identity", "br", "xchunked", "chunked2", "zstd, chunked"})
    void unknownTransferEncodingIs501(String value) {
        assertThat(error(HEAD + "Transfer-Encoding: " + value + "\r\n\r\n0\r\n\r\n").status()).isEqualTo(501);
    }

    @Test
    void transferEncodingIsCaseInsensitive() {
        assertThat(HttpRequestParserTest.parse(HEAD + "Transfer-Encoding: Chunked\r\n\r\n1\r\nx\r\n0\r\n\r\n").bodyText(0)).isEqualTo("x");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0x5|INVALID_CHUNK_SIZE", "-5|INVALID_CHUNK_SIZE", "+5|INVALID_CHUNK_SIZE", "' 5'|INVALID_CHUNK_SIZE", "'5 '|INVALID_CHUNK_SIZE",
        "'5\t'|INVALID_CHUNK_SIZE", "'5 ;a '|INVALID_CHUNK_EXTENSION", "fffffffffffffffff|INVALID_CHUNK_SIZE", "10000000000000000|INVALID_CHUNK_SIZE",
        "g|INVALID_CHUNK_SIZE", "|INVALID_CHUNK_SIZE", "5;|INVALID_CHUNK_EXTENSION", "5;a=|INVALID_CHUNK_EXTENSION",
        "5;a=\"x|INVALID_CHUNK_EXTENSION", "5;a=b c|INVALID_CHUNK_EXTENSION", "5 x|INVALID_CHUNK_SIZE"})
    void invalidChunkSizes(String size, HttpParseError expected) {
        assertThat(error(HEAD + "Transfer-Encoding: chunked\r\n\r\n" + size + "\r\nhello\r\n0\r\n\r\n")).isEqualTo(expected);
    }

    @Test
    void hugeChunkSizeWithLeadingZerosIsFine() {
        assertThat(HttpRequestParserTest.parse(HEAD + "Transfer-Encoding: chunked\r\n\r\n0000000000000000000005\r\nhello\r\n0\r\n\r\n").bodyText(0)).isEqualTo("hello");
    }

    @Test
    void chunkDataMustEndWithCrlf() {
        assertThat(error(HEAD + "Transfer-Encoding: chunked\r\n\r\n3\r\nhello\r\n0\r\n\r\n")).isEqualTo(HttpParseError.INVALID_CHUNK_DATA_END);
        assertThat(error(HEAD + "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\n0\r\n\r\n")).isEqualTo(HttpParseError.INVALID_CHUNK_DATA_END);
    }

    @Test
    void obsFoldInRequests() {
        assertThat(error(HEAD + "X-A: a\r\n b\r\n\r\n")).isEqualTo(HttpParseError.OBS_FOLD);
        assertThat(error(HEAD + "Transfer-Encoding: gzip\r\n\tchunked\r\n\r\n")).isEqualTo(HttpParseError.OBS_FOLD);
        assertThat(error("GET / HTTP/1.1\r\n Host: h\r\n\r\n")).isEqualTo(HttpParseError.OBS_FOLD);
    }

    @Test
    void bareLfAndBareCr() {
        assertThat(error("GET / HTTP/1.1\nHost: h\r\n\r\n")).isEqualTo(HttpParseError.INVALID_LINE_ENDING);
        assertThat(error("GET / HTTP/1.1\r\nHost: h\n\r\n")).isEqualTo(HttpParseError.INVALID_LINE_ENDING);
        assertThat(error("GET / HTTP/1.1\r\nHost: h\r\n\n")).isEqualTo(HttpParseError.INVALID_LINE_ENDING);
        assertThat(error("GET / HTTP/1.1\r\nHost: h\rX: y\r\n\r\n")).isEqualTo(HttpParseError.INVALID_LINE_ENDING);
        assertThat(error(HEAD + "Transfer-Encoding: chunked\r\n\r\n5\nhello\r\n0\r\n\r\n")).isEqualTo(HttpParseError.INVALID_LINE_ENDING);
        assertThat(error(HEAD + "Transfer-Encoding: chunked\r\n\r\n0\r\n\n")).isEqualTo(HttpParseError.INVALID_LINE_ENDING);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Content-Length : 5", "Content-Length\t: 5", "Transfer-Encoding : chunked", " Content-Length: 5"})
    void whitespaceBeforeTheColonOrName(String field) {
        assertThat(error("GET / HTTP/1.1\r\nHost: h\r\n" + field + "\r\n\r\nhello").status()).isEqualTo(400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"X(A): v", "X@A: v", "X\u0000A: v", "X\u00e9: v", ": v", "NoColon", "X\u007f: v", "[X]: v"})
    void invalidFieldNames(String field) {
        assertThat(error("GET / HTTP/1.1\r\nHost: h\r\n" + field + "\r\n\r\n").status()).isEqualTo(400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\u0000b", "a\u0001b", "a\u007fb", "\u0000", "a\u000bb", "a\u000cb", "a\u001bb"})
    void controlCharactersInValues(String value) {
        assertThat(error("GET / HTTP/1.1\r\nHost: h\r\nX: " + value + "\r\n\r\n")).isEqualTo(HttpParseError.INVALID_HEADER_VALUE);
    }

    @Test
    void nulBytesAnywhere() {
        assertThat(error("GET /\u0000 HTTP/1.1\r\nHost: h\r\n\r\n").status()).isEqualTo(400);
        assertThat(error("\u0000GET / HTTP/1.1\r\nHost: h\r\n\r\n").status()).isEqualTo(400);
        assertThat(error(HEAD + "Transfer-Encoding: chunked\r\n\r\n5\u0000\r\nhello\r\n0\r\n\r\n").status()).isEqualTo(400);
    }

    @Test
    void http10WithTransferEncodingIsNotReused() {
        Recorder r = new Recorder();
        HttpParser p = HttpParser.forRequests(r);
        p.feed(ByteBuffer.wrap(bytes("POST / HTTP/1.0\r\nConnection: keep-alive\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nx\r\n0\r\n\r\nGET /smuggled HTTP/1.0\r\n\r\n")));
        assertThat(r.heads).hasSize(1);
        assertThat(r.request(0).keepAlive()).isFalse();
    }
}
