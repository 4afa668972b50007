package io.asyncio4j.mongo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SCRAM client against the RFC 5802 (SHA-1) and RFC 7677 (SHA-256) example conversations. */
@Timeout(10)
class ScramTest {
    @Test
    void rfc5802ScramSha1() {
        Scram s = new Scram("SCRAM-SHA-1", "user", "pencil", "fyko+d2lbbFgONRv9qkxdawL");
        assertThat(s.clientFirstMessage()).isEqualTo("n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL");
        String fin = s.clientFinalMessage("r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096");
        assertThat(fin).isEqualTo("c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=");
        s.verifyServerFinal("v=rmF9pqV8S7suAoZWja4dJRkFsKQ=");
    }

    @Test
    void rfc7677ScramSha256() {
        Scram s = new Scram("SCRAM-SHA-256", "user", "pencil", "rOprNGfwEbeRWgbNEkqO");
        assertThat(s.clientFirstMessage()).isEqualTo("n,,n=user,r=rOprNGfwEbeRWgbNEkqO");
        String fin = s.clientFinalMessage(
                "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096");
        assertThat(fin).isEqualTo("c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
                + "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=");
        s.verifyServerFinal("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=");
    }

    @Test
    void mongoScramSha1HashesThePasswordFirst() {
        // the MongoDB auth spec's SCRAM-SHA-1 example: the password is hex(md5("user:mongo:pencil"))
        assertThat(Scram.mongoPasswordDigest("user", "pencil")).isEqualTo("1c33006ec1ffd90f9cadcbcc0e118200");
        Scram s = new Scram("SCRAM-SHA-1", "user", Scram.mongoPasswordDigest("user", "pencil"), "fyko+d2lbbFgONRv9qkxdawL");
        s.clientFirstMessage();
        String fin = s.clientFinalMessage(
                "r=fyko+d2lbbFgONRv9qkxdawLHo+Vgk7qvUOKUwuWLIWg4l/9SraGMHEE,s=rQ9ZY3MntBeuP3E1TDVC4w==,i=10000");
        assertThat(fin).isEqualTo("c=biws,r=fyko+d2lbbFgONRv9qkxdawLHo+Vgk7qvUOKUwuWLIWg4l/9SraGMHEE,"
                + "p=MC2T8BvbmWRckDw8oWl5IVghwCY=");
        s.verifyServerFinal("v=UMWeI25JD1yNYZRMpZ4VHvhZ9e0=");
    }

    @Test
    void badServerMessagesAreAuthenticationFailures() {
        Scram s = new Scram("SCRAM-SHA-256", "user", "pencil", "abc");
        s.clientFirstMessage();
        assertThatThrownBy(() -> s.clientFinalMessage("r=XYZ,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096"))
                .isInstanceOf(AuthenticationFailure.class).hasMessageContaining("nonce");
        assertThatThrownBy(() -> s.clientFinalMessage("r=abcdef,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=100"))
                .isInstanceOf(AuthenticationFailure.class).hasMessageContaining("iteration");
        Scram t = new Scram("SCRAM-SHA-256", "user", "pencil", "rOprNGfwEbeRWgbNEkqO");
        t.clientFirstMessage();
        t.clientFinalMessage("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096");
        assertThatThrownBy(() -> t.verifyServerFinal("v=AAAA")).isInstanceOf(AuthenticationFailure.class);
        assertThatThrownBy(() -> t.verifyServerFinal("e=invalid-proof")).isInstanceOf(AuthenticationFailure.class)
                .hasMessageContaining("invalid-proof");
    }

    @Test
    void userNamesAreEscapedAndPasswordsPrepared() {
        Scram s = new Scram("SCRAM-SHA-256", "a=b,c", "x", "n");
        assertThat(s.clientFirstMessage()).isEqualTo("n,,n=a=3Db=2Cc,r=n");
        assertThat(Scram.saslPrep("I\u00ADX")).isEqualTo("IX");
        assertThat(Scram.saslPrep("\u2168")).isEqualTo("IX");
        assertThat(Scram.saslPrep("a\u00A0b")).isEqualTo("a b");
    }
}
