package io.asyncio4j.http.parser;

import io.asyncio4j.http.HttpHeaders;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Records parser events; merges adjacent body slices so any split gives the same record. */
final class Recorder implements HttpMessageListener {
    final List<MessageHead> heads = new ArrayList<>();
    final List<byte[]> bodies = new ArrayList<>();
    final List<HttpHeaders> trailers = new ArrayList<>();
    final List<String> events = new ArrayList<>();
    private ByteArrayOutputStream body = new ByteArrayOutputStream();

    @Override
    public void onHead(MessageHead head) {
        heads.add(head);
        events.add("head " + head);
        body = new ByteArrayOutputStream();
    }

    @Override
    public void onBody(ByteBuffer data) {
        byte[] b = new byte[data.remaining()];
        data.get(b);
        body.writeBytes(b);
    }

    @Override
    public void onComplete(HttpHeaders t) {
        bodies.add(body.toByteArray());
        trailers.add(t);
        events.add("body " + new String(body.toByteArray(), StandardCharsets.ISO_8859_1));
        events.add("complete " + t);
        body = new ByteArrayOutputStream();
    }

    String bodyText(int i) {
        return new String(bodies.get(i), StandardCharsets.ISO_8859_1);
    }

    RequestHead request(int i) {
        return (RequestHead) heads.get(i);
    }

    ResponseHead response(int i) {
        return (ResponseHead) heads.get(i);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Outcome of parsing: the events, then "error KIND" or "eof-error" if any. */
    static List<String> run(boolean requests, byte[] input, int[] splits, boolean eof) {
        return run(requests, input, splits, eof, HttpParserLimits.DEFAULTS);
    }

    static List<String> run(boolean requests, byte[] input, int[] splits, boolean eof, HttpParserLimits limits) {
        Recorder r = new Recorder();
        HttpParser p = requests ? HttpParser.forRequests(r, limits) : HttpParser.forResponses(r, limits);
        try {
            int pos = 0;
            for (int s : splits) {
                int end = Math.min(input.length, pos + s);
                p.feed(ByteBuffer.wrap(input, pos, end - pos));
                pos = end;
                if (p.isUpgraded()) break;
            }
            if (!p.isUpgraded() && pos < input.length) p.feed(ByteBuffer.wrap(input, pos, input.length - pos));
            if (eof) p.feedEof();
        } catch (HttpParseException e) {
            r.events.add("error " + e.error());
        }
        return r.events;
    }

    static List<String> whole(boolean requests, byte[] input, boolean eof) {
        return run(requests, input, new int[0], eof);
    }

    static List<String> byteAtATime(boolean requests, byte[] input, boolean eof) {
        return byteAtATime(requests, input, eof, HttpParserLimits.DEFAULTS);
    }

    static List<String> byteAtATime(boolean requests, byte[] input, boolean eof, HttpParserLimits limits) {
        int[] ones = new int[input.length];
        java.util.Arrays.fill(ones, 1);
        return run(requests, input, ones, eof, limits);
    }
}
