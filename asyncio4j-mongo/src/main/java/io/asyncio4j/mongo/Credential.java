package io.asyncio4j.mongo;

/** A user, password, auth database and mechanism (null: negotiate). */
record Credential(String username, String password, String source, String mechanism) {
    @Override
    public String toString() {
        return "Credential[" + username + "@" + source + ", " + mechanism + "]";
    }
}
