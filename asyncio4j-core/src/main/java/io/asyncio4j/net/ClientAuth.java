package io.asyncio4j.net;

/** Whether a TLS server asks for the client's certificate: Python's {@code ssl.CERT_NONE / CERT_OPTIONAL / CERT_REQUIRED}. */
public enum ClientAuth {
    /** The server does not ask (the default). */
    NONE,
    /** The server asks; a client without a certificate is accepted, one with a bad certificate is not. */
    OPTIONAL,
    /** The server asks and refuses the handshake without a certificate its trust manager accepts. */
    REQUIRED
}
