package io.asyncio4j.http.websocket;

import static io.asyncio4j.http.websocket.Messages.decode;
import static io.asyncio4j.http.websocket.Messages.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.http.HttpHeaders;
import io.asyncio4j.http.HttpVersion;
import io.asyncio4j.http.parser.BodyFraming;
import io.asyncio4j.http.parser.RequestHead;
import io.asyncio4j.http.parser.ResponseHead;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class PerMessageDeflateTest {
    static final WebSocketRole S = WebSocketRole.SERVER, C = WebSocketRole.CLIENT;

    static PerMessageDeflate codec(WebSocketRole role, PerMessageDeflate.Params p) {
        return new PerMessageDeflate(p, role);
    }

    @Test
    void rfc7692HelloExample() {
        // §7.2.3.1: "Hello" compressed in one frame
        WebSocketEncoder server = new WebSocketEncoder(S, codec(S, PerMessageDeflate.Params.DEFAULT));
        assertThat(Messages.hex(server.text("Hello"))).isEqualTo("c1 07 f2 48 cd c9 c9 07 00");
        assertThat(decode(C, hex("c1 07 f2 48 cd c9 c9 07 00"), false, 1 << 20, codec(C, PerMessageDeflate.Params.DEFAULT)))
                .containsExactly("text Hello");
        // §7.2.3.2: two fragments of one compressed message
        assertThat(decode(C, hex("41 03 f2 48 cd 80 04 c9 c9 07 00"), false, 1 << 20, codec(C, PerMessageDeflate.Params.DEFAULT)))
                .containsExactly("text Hello");
        // §7.2.3.3: a BFINAL block with no compression
        assertThat(decode(C, hex("c1 0b 00 05 00 fa ff 48 65 6c 6c 6f 00"), false, 1 << 20, codec(C, PerMessageDeflate.Params.DEFAULT)))
                .containsExactly("text Hello");
    }

    @Test
    void contextTakeover() {
        // §7.2.3.2 second message uses the first one's window: c1 05 f2 00 11 00 00
        PerMessageDeflate rx = codec(C, PerMessageDeflate.Params.DEFAULT);
        assertThat(decode(C, hex("c1 07 f2 48 cd c9 c9 07 00 c1 05 f2 00 11 00 00"), false, 1 << 20, rx))
                .containsExactly("text Hello", "text Hello");
        WebSocketEncoder keep = new WebSocketEncoder(S, codec(S, PerMessageDeflate.Params.DEFAULT));
        keep.text("Hello");
        ByteBuffer second = keep.text("Hello");
        assertThat(second.remaining()).isLessThan(9);
        // server_no_context_takeover: every message compresses alone
        PerMessageDeflate.Params nct = new PerMessageDeflate.Params(true, false, 15, 15);
        WebSocketEncoder fresh = new WebSocketEncoder(S, codec(S, nct));
        assertThat(Messages.hex(fresh.text("Hello"))).isEqualTo("c1 07 f2 48 cd c9 c9 07 00");
        assertThat(Messages.hex(fresh.text("Hello"))).isEqualTo("c1 07 f2 48 cd c9 c9 07 00");
    }

    @Test
    void roundTripsBothWaysWithAndWithoutContextTakeover() {
        for (PerMessageDeflate.Params p : List.of(PerMessageDeflate.Params.DEFAULT, new PerMessageDeflate.Params(true, true, 15, 15))) {
            WebSocketEncoder client = new WebSocketEncoder(C, codec(C, p));
            Messages m = new Messages();
            WebSocketDecoder server = new WebSocketDecoder(S, m, 1 << 22, codec(S, p));
            String text = "lorem ipsum dolor sit amet ".repeat(1000);
            byte[] random = new byte[100_000];
            new java.util.Random(1).nextBytes(random);
            for (int i = 0; i < 3; i++) {
                server.feed(client.text(text));
                server.feed(client.binary(random));
                for (ByteBuffer f : client.fragmented(true, "fragmented ünïcödé".getBytes(java.nio.charset.StandardCharsets.UTF_8), 4)) server.feed(f);
                server.feed(client.text(""));
                server.feed(client.ping(new byte[0])); // control frames stay uncompressed
            }
            assertThat(m.events).hasSize(15).contains("text " + text, "binary 100000", "text fragmented ünïcödé", "text ", "ping ");
            assertThat(m.binaries.getFirst()).isEqualTo(random);
        }
    }

    @Test
    void decompressionBombIsStopped() {
        WebSocketEncoder client = new WebSocketEncoder(C, codec(C, PerMessageDeflate.Params.DEFAULT));
        ByteBuffer bomb = client.binary(new byte[1 << 20]);
        assertThat(bomb.remaining()).isLessThan(2000);
        byte[] wire = new byte[bomb.remaining()];
        bomb.get(wire);
        assertThat(decode(S, wire, false, 64 * 1024, codec(S, PerMessageDeflate.Params.DEFAULT))).containsExactly("error 1009");
    }

    @Test
    void corruptCompressedDataIs1007() {
        assertThat(decode(C, hex("c1 03 ff ff ff"), false, 1 << 20, codec(C, PerMessageDeflate.Params.DEFAULT)).getLast()).isEqualTo("error 1007");
        // RSV1 on a continuation or control frame
        assertThat(decode(C, hex("01 01 41 c0 01 41"), false, 1 << 20, codec(C, PerMessageDeflate.Params.DEFAULT)).getLast()).isEqualTo("error 1002");
        assertThat(decode(C, hex("c9 00"), false, 1 << 20, codec(C, PerMessageDeflate.Params.DEFAULT)).getLast()).isEqualTo("error 1002");
    }

    @Test
    void serverNegotiation() {
        PerMessageDeflate.ServerOptions def = PerMessageDeflate.ServerOptions.DEFAULT;
        assertThat(PerMessageDeflate.negotiateServer(List.of("permessage-deflate"), def)).contains(PerMessageDeflate.Params.DEFAULT);
        assertThat(PerMessageDeflate.negotiateServer(List.of("permessage-deflate; client_max_window_bits"), def).orElseThrow().toHeader())
                .isEqualTo("permessage-deflate");
        assertThat(PerMessageDeflate.negotiateServer(List.of("permessage-deflate; client_max_window_bits=10"), def)).isPresent();
        assertThat(PerMessageDeflate.negotiateServer(List.of("permessage-deflate; server_no_context_takeover; client_no_context_takeover"), def)
                .orElseThrow().toHeader()).isEqualTo("permessage-deflate; server_no_context_takeover; client_no_context_takeover");
        // a window below 15 for our compressor cannot be honoured: decline that offer, take the next
        assertThat(PerMessageDeflate.negotiateServer(List.of("permessage-deflate; server_max_window_bits=10, permessage-deflate"), def))
                .contains(PerMessageDeflate.Params.DEFAULT);
        assertThat(PerMessageDeflate.negotiateServer(List.of("permessage-deflate; server_max_window_bits=10"), def)).isEmpty();
        assertThat(PerMessageDeflate.negotiateServer(List.of("permessage-deflate; server_max_window_bits=15"), def)).isPresent();
        // malformed / unknown / duplicate parameters
        for (String bad : List.of("permessage-deflate; foo", "permessage-deflate; server_max_window_bits=16",
                "permessage-deflate; client_max_window_bits=7", "permessage-deflate; server_no_context_takeover=1",
                "permessage-deflate; server_no_context_takeover; server_no_context_takeover", "permessage-deflate; server_max_window_bits",
                "x-webkit-deflate-frame", "permessage-deflate; client_max_window_bits=010")) {
            assertThat(PerMessageDeflate.negotiateServer(List.of(bad), def)).as(bad).isEmpty();
        }
        assertThat(PerMessageDeflate.negotiateServer(List.of("permessage-deflate"), new PerMessageDeflate.ServerOptions(true, true, true)).orElseThrow().toHeader())
                .isEqualTo("permessage-deflate; server_no_context_takeover; client_no_context_takeover");
        assertThat(PerMessageDeflate.negotiateServer(List.of("permessage-deflate"), new PerMessageDeflate.ServerOptions(false, false, false))).isEmpty();
        assertThat(PerMessageDeflate.negotiateServer(List.of("permessage-deflate; client_max_window_bits=\"12\""), def)).isPresent();
    }

    @Test
    void clientNegotiation() {
        assertThat(PerMessageDeflate.clientOffer(false, false)).isEqualTo("permessage-deflate");
        assertThat(PerMessageDeflate.clientOffer(true, true)).isEqualTo("permessage-deflate; server_no_context_takeover; client_no_context_takeover");
        assertThat(PerMessageDeflate.acceptClientResponse("permessage-deflate; server_max_window_bits=10", false, false).serverMaxWindowBits()).isEqualTo(10);
        assertThat(PerMessageDeflate.acceptClientResponse("permessage-deflate; client_no_context_takeover", false, false).clientNoContextTakeover()).isTrue();
        assertThatThrownBy(() -> PerMessageDeflate.acceptClientResponse("permessage-deflate; client_max_window_bits=10", false, false))
                .isInstanceOf(WebSocketHandshakeException.class);
        assertThatThrownBy(() -> PerMessageDeflate.acceptClientResponse("permessage-deflate; bogus", false, false))
                .isInstanceOf(WebSocketHandshakeException.class);
        assertThatThrownBy(() -> PerMessageDeflate.acceptClientResponse("permessage-deflate", true, false))
                .isInstanceOf(WebSocketHandshakeException.class);
        assertThatThrownBy(() -> PerMessageDeflate.acceptClientResponse("other", false, false))
                .isInstanceOf(WebSocketHandshakeException.class);
    }

    @Test
    void handshake() {
        assertThat(WebSocketHandshake.acceptKey("dGhlIHNhbXBsZSBub25jZQ==")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
        assertThat(java.util.Base64.getDecoder().decode(WebSocketHandshake.generateKey())).hasSize(16);
        String key = "dGhlIHNhbXBsZSBub25jZQ==";
        HttpHeaders req = WebSocketHandshake.requestHeaders(key, List.of("chat", "superchat"), PerMessageDeflate.clientOffer(false, false)).add("Host", "h");
        RequestHead head = new RequestHead("GET", "/ws", HttpVersion.HTTP_1_1, req, BodyFraming.NONE, 0, List.of(), true, true, false);
        assertThat(WebSocketHandshake.validateRequest(head)).isEqualTo(key);
        assertThat(WebSocketHandshake.selectSubprotocol(req, List.of("superchat", "chat"))).contains("chat");
        assertThat(WebSocketHandshake.selectSubprotocol(req, List.of("mqtt"))).isEqualTo(Optional.empty());
        HttpHeaders resp = WebSocketHandshake.responseHeaders(key, "chat", "permessage-deflate");
        assertThat(resp.get("Sec-WebSocket-Accept")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
        ResponseHead rh = new ResponseHead(HttpVersion.HTTP_1_1, 101, "Switching Protocols", resp, BodyFraming.NONE, 0, List.of(), true, true);
        assertThat(WebSocketHandshake.validateResponse(rh, key, List.of("chat"))).isEqualTo("chat");
        assertThatThrownBy(() -> WebSocketHandshake.validateResponse(rh, "AAAAAAAAAAAAAAAAAAAAAA==", List.of("chat")))
                .isInstanceOf(WebSocketHandshakeException.class);
        assertThatThrownBy(() -> WebSocketHandshake.validateResponse(rh, key, List.of()))
                .isInstanceOf(WebSocketHandshakeException.class);

        HttpHeaders v8 = new HttpHeaders(req).set("Sec-WebSocket-Version", "8");
        assertThatThrownBy(() -> WebSocketHandshake.validateRequest(new RequestHead("GET", "/", HttpVersion.HTTP_1_1, v8, BodyFraming.NONE, 0, List.of(), true, true, false)))
                .isInstanceOfSatisfying(WebSocketHandshakeException.class, e -> assertThat(e.status()).isEqualTo(426));
        HttpHeaders badKey = new HttpHeaders(req).set("Sec-WebSocket-Key", "short");
        assertThatThrownBy(() -> WebSocketHandshake.validateRequest(new RequestHead("GET", "/", HttpVersion.HTTP_1_1, badKey, BodyFraming.NONE, 0, List.of(), true, true, false)))
                .isInstanceOfSatisfying(WebSocketHandshakeException.class, e -> assertThat(e.status()).isEqualTo(400));
        HttpHeaders noUpgrade = new HttpHeaders(req).set("Upgrade", "h2c");
        assertThatThrownBy(() -> WebSocketHandshake.validateRequest(new RequestHead("GET", "/", HttpVersion.HTTP_1_1, noUpgrade, BodyFraming.NONE, 0, List.of(), true, true, false)))
                .isInstanceOf(WebSocketHandshakeException.class);
        assertThatThrownBy(() -> WebSocketHandshake.validateRequest(new RequestHead("POST", "/", HttpVersion.HTTP_1_1, req, BodyFraming.NONE, 0, List.of(), true, true, false)))
                .isInstanceOf(WebSocketHandshakeException.class);
    }
}
