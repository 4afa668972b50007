package io.asyncio4j.http.client;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 6265 basics of the cookie jar, with a controlled clock. */
@Timeout(10)
class CookieJarTest {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    final CookieJar jar = new CookieJar(() -> now);

    static URI u(String s) {
        return URI.create(s);
    }

    @Test
    void hostOnlyVersusDomainCookies() {
        jar.updateCookies(List.of("a=1", "b=2; Domain=example.test", "c=3; Domain=.example.test"), u("http://www.example.test/"));
        assertThat(jar.filterCookies(u("http://www.example.test/"))).containsOnlyKeys("a", "b", "c");
        assertThat(jar.filterCookies(u("http://api.example.test/"))).containsOnlyKeys("b", "c");
        assertThat(jar.filterCookies(u("http://example.test/"))).containsOnlyKeys("b", "c");
        assertThat(jar.filterCookies(u("http://badexample.test/"))).isEmpty();
        assertThat(jar.filterCookies(u("http://other.test/"))).isEmpty();
    }

    @Test
    void foreignDomainAndIpDomainAreRejected() {
        jar.updateCookies(List.of("x=1; Domain=other.test", "y=2; Domain=test.example.test"), u("http://example.test/"));
        assertThat(jar.size()).isZero();
        CookieJar unsafe = new CookieJar(true, () -> now);
        unsafe.updateCookies(List.of("ip=1", "ipd=2; Domain=0.0.1"), u("http://127.0.0.1:8080/"));
        assertThat(unsafe.filterCookies(u("http://127.0.0.1:9000/"))).containsOnlyKeys("ip");
    }

    @Test
    void ipHostsAreIgnoredUnlessUnsafeLikeAiohttp() {
        jar.updateCookies(List.of("ip=1"), u("http://127.0.0.1:8080/"));
        jar.updateCookies(List.of("v6=1"), u("http://[::1]:8080/"));
        assertThat(jar.size()).isZero();
        CookieJar unsafe = new CookieJar(true, () -> now);
        unsafe.updateCookies(List.of("ip=1"), u("http://127.0.0.1:8080/"));
        assertThat(unsafe.filterCookies(u("http://127.0.0.1/"))).containsOnlyKeys("ip");
        assertThat(new CookieJar().unsafe()).isFalse();
    }

    @Test
    void pathRules() {
        jar.updateCookies(List.of("root=1; Path=/", "docs=2; Path=/docs", "deflt=3"), u("http://h.test/docs/page"));
        assertThat(jar.filterCookies(u("http://h.test/"))).containsOnlyKeys("root");
        assertThat(jar.filterCookies(u("http://h.test/docs"))).containsOnlyKeys("root", "docs", "deflt");
        assertThat(jar.filterCookies(u("http://h.test/docs/x"))).containsKeys("docs", "deflt");
        assertThat(jar.filterCookies(u("http://h.test/docsearch"))).containsOnlyKeys("root");
        // longest path first
        jar.updateCookies(List.of("k=outer; Path=/", "k=inner; Path=/docs"), u("http://h.test/"));
        assertThat(jar.filterCookies(u("http://h.test/docs/a")).get("k")).isEqualTo("inner");
    }

    @Test
    void expiryMaxAgeAndDeletion() {
        jar.updateCookies(List.of("s=1; Max-Age=60", "e=2; Expires=Thu, 01 Jan 2026 00:10:00 GMT", "p=3"),
                u("http://h.test/"));
        assertThat(jar.size()).isEqualTo(3);
        now = now.plusSeconds(120);
        assertThat(jar.filterCookies(u("http://h.test/"))).containsOnlyKeys("e", "p");
        now = now.plusSeconds(3600);
        assertThat(jar.filterCookies(u("http://h.test/"))).containsOnlyKeys("p");
        jar.updateCookies(List.of("p=gone; Max-Age=0"), u("http://h.test/"));
        assertThat(jar.size()).isZero();
        // Max-Age wins over Expires
        jar.updateCookies(List.of("m=1; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=100"), u("http://h.test/"));
        assertThat(jar.size()).isEqualTo(1);
    }

    @Test
    void secureAndHttpOnly() {
        jar.updateCookies(List.of("sec=1; Secure; HttpOnly; SameSite=Lax"), u("http://h.test/"));
        assertThat(jar.size()).isZero(); // a Secure cookie from plain http is refused
        jar.updateCookies(List.of("sec=1; Secure; HttpOnly; SameSite=Lax"), u("https://h.test/"));
        Cookie c = jar.all().getFirst();
        assertThat(c.secure()).isTrue();
        assertThat(c.httpOnly()).isTrue();
        assertThat(c.sameSite()).isEqualTo("Lax");
        assertThat(jar.filterCookies(u("http://h.test/"))).isEmpty();
        assertThat(jar.filterCookies(u("https://h.test/"))).containsEntry("sec", "1");
    }

    @Test
    void replacesSameNameDomainPath() {
        jar.updateCookies(List.of("a=1"), u("http://h.test/"));
        jar.updateCookies(List.of("a=2"), u("http://h.test/"));
        assertThat(jar.size()).isEqualTo(1);
        assertThat(jar.filterCookies(u("http://h.test/"))).containsEntry("a", "2");
        jar.updateCookies(List.of("q=\"quoted\"", "=bad", "novalue"), u("http://h.test/"));
        assertThat(jar.filterCookies(u("http://h.test/"))).containsEntry("q", "\"quoted\"").hasSize(2);
    }
}
