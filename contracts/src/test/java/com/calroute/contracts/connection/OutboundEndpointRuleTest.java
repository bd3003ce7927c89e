package com.calroute.contracts.connection;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutboundEndpointRuleTest {

    private static final Map<String, String> DNS = Map.of(
            "mail.acme.no", "193.90.12.34",
            "metadata.evil.no", "169.254.169.254",
            "intranet.acme.no", "10.0.0.5",
            "rebind.evil.no", "127.0.0.1",
            "v6private.acme.no", "fd12:3456::1",
            "nat64.evil.no", "64:ff9b::a9fe:a9fe",
            "exchange.lan", "192.168.1.20");

    private final OutboundEndpointRule rule = new OutboundEndpointRule(
            Set.of("exchange.lan:443", "EWS-SIM.local:8085", "[FD00:0::7]:8443", "10.20.30.40:443"),
            Set.of("ews-sim.local:8085", "[fd00::7]:8443"));

    private static List<InetAddress> resolve(String host) {
        String address = DNS.get(host);
        return address == null ? List.of() : List.of(address(address));
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "https://mail.acme.no/ews/exchange.asmx",
            "https://mail.acme.no:8443/EWS/Exchange.asmx",
            "https://outlook.office365.com/EWS/Exchange.asmx",
            "https://exchange.lan/ews/exchange.asmx",
            "http://ews-sim.local:8085/ews/exchange.asmx",
            "https://unknown-name.invalid/ews",
            "https://193.90.12.34/ews",
            "https://8.8.8.8/ews",
            "https://[2a00:1450:4001::1]/ews",
            "https://[::ffff:193.90.12.34]/ews",
            "https://[64:ff9b::c15a:c22]/ews",
            "https://[2002:c15a:c22::1]/ews",
            "https://[fd00::7]:8443/ews",
            "http://[fd00::7]:8443/ews",
            "https://10.20.30.40/ews",
            "https://host-0x1.acme.no/ews",
            "https://0x7f.acme.no/ews"})
    void accepts(String url) {
        assertThat(rule.refusal(url, OutboundEndpointRuleTest::resolve)).as(url).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "http://mail.acme.no/ews/exchange.asmx",
            "https://169.254.169.254/latest/meta-data/",
            "https://metadata.evil.no/",
            "https://nat64.evil.no/",
            "https://127.0.0.1/ews",
            "https://[::1]/ews",
            "https://[::ffff:127.0.0.1]/ews",
            "https://[fe80::1]/ews",
            "https://[fd00::1]/ews",
            "https://[fd00::7]:9443/ews",
            "http://[fd00::7]:8080/ews",
            "https://v6private.acme.no/ews",
            "https://10.0.0.1/ews",
            "https://172.16.5.4/ews",
            "https://192.168.0.1/ews",
            "https://100.64.0.1/ews",
            "https://0.0.0.0/ews",
            "https://intranet.acme.no/ews",
            "https://rebind.evil.no/ews",
            "https://exchange.lan:8443/ews",
            "https://user:secret@mail.acme.no/ews",
            "https://user@mail.acme.no/ews",
            "https://mail.acme.no/ews#fragment",
            "file:///etc/passwd",
            "gopher://mail.acme.no/",
            "mail.acme.no/ews",
            "https:///ews",
            "https://bad host/ews",
            "https://bad_host.acme.no/ews",
            "https://[fe80::1%25eth0]/ews",
            "",
            " "})
    void refuses(String url) {
        assertThat(rule.refusal(url, OutboundEndpointRuleTest::resolve)).as(url).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "0x7f000001", "0X7F000001", "017700000001", "2130706433", "127.1", "127.0.1", "0177.0.0.1",
            "127.000.000.001", "127.0.0.01", "0x7f.0.0.1", "0x7f.0x0.0x0.0x1", "1.2.3.256", "1.2.3.4.5", "08.8.8.8",
            "8.8.8.010", "0", "0x", "134744072", "8.8.2056", "localhost.", "mail.acme.no.", "127.0.0.1.",
            "[::ffff:0177.0.0.1]", "[::ffff:127.000.0.1]", "evil.0x7f", "evil.123"})
    void refusesNonCanonicalSpellingsOutright(String host) {
        String url = "https://" + host + "/ews/exchange.asmx";
        assertThat(rule.refusal(url, name -> {
            throw new AssertionError("resolver asked for " + name);
        })).as(url).isPresent();
        assertThatThrownBy(() -> rule.parse(url)).as(url).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nonCanonicalSpellingsAreRefusedEvenWhenListed() {
        OutboundEndpointRule lenient = new OutboundEndpointRule(Set.of("0x7f000001:443", "127.1:443"), Set.of());
        assertThat(lenient.refusal("https://0x7f000001/", host -> List.of())).isPresent();
        assertThat(lenient.refusal("https://127.1/", host -> List.of())).isPresent();
    }

    @ParameterizedTest
    @CsvSource({
            "0.1.2.3, unspecified",
            "10.255.0.1, private",
            "100.64.0.1, carrier-grade NAT",
            "100.127.255.254, carrier-grade NAT",
            "127.0.0.2, loopback",
            "169.254.169.254, link-local",
            "172.16.0.1, private",
            "172.31.255.255, private",
            "192.0.0.8, IETF protocol assignment",
            "192.0.2.10, documentation",
            "192.168.100.1, private",
            "198.18.0.1, benchmarking",
            "198.19.255.255, benchmarking",
            "198.51.100.7, documentation",
            "203.0.113.9, documentation",
            "224.0.0.1, multicast",
            "239.255.255.250, multicast",
            "240.0.0.1, reserved",
            "255.255.255.255, broadcast",
            "::, unspecified",
            "::1, loopback",
            "::ffff:10.0.0.1, private",
            "::ffff:169.254.169.254, link-local (cloud metadata)",
            "::127.0.0.1, loopback (IPv4-compatible)",
            "::192.168.1.1, private (IPv4-compatible)",
            "64:ff9b::127.0.0.1, loopback (NAT64)",
            "64:ff9b::198.18.0.1, benchmarking (NAT64)",
            "64:ff9b:1::1, local NAT64",
            "2002:7f00:1::1, loopback (6to4)",
            "100::1, discard-only",
            "2001::1, IETF protocol assignment",
            "2001:db8::1, documentation",
            "3fff::1, documentation",
            "fc00::1, unique-local",
            "fdff:ffff::1, unique-local",
            "fe80::1, link-local",
            "febf::1, link-local",
            "fec0::1, site-local",
            "ff02::1, multicast",
            "::2:1:1:1, reserved",
            "4000::1, reserved"})
    void blocksEveryNonPublicRange(String literal, String range) {
        assertThat(OutboundEndpointRule.blockedRange(address(literal))).as(literal)
                .hasValueSatisfying(name -> assertThat(name).contains(range));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.1.1.1", "100.63.255.255", "100.128.0.1", "172.15.255.255", "172.32.0.1",
            "192.0.1.1", "192.0.3.1", "192.167.1.1", "198.17.255.255", "198.20.0.1", "223.255.255.255",
            "2a00:1450:4001::1", "2606:4700::1111", "::ffff:1.1.1.1", "64:ff9b::101:101", "2002:101:101::1"})
    void letsPublicAddressesThrough(String literal) {
        assertThat(OutboundEndpointRule.blockedRange(address(literal))).as(literal).isEmpty();
    }

    @Test
    void ipv6AllowancesUseBracketsAndMatchAnySpellingOfTheAddress() {
        OutboundEndpointRule allowing =
                new OutboundEndpointRule(Set.of("[::1]:8085"), Set.of("[0:0:0:0:0:0:0:1]:8085"));
        assertThat(allowing.refusal("http://[::1]:8085/ews", host -> List.of())).isEmpty();
        assertThat(allowing.refusal("http://[0::1]:8085/ews", host -> List.of())).isEmpty();
        assertThat(allowing.refusal("https://[::1]:8086/ews", host -> List.of())).isPresent();
        OutboundEndpointRule.Endpoint endpoint = allowing.parse("http://[::1]:8085/ews");
        assertThat(endpoint.hostPort()).isEqualTo("[::1]:8085");
        assertThat(endpoint.resolvableHost()).isEqualTo("::1");
        assertThat(allowing.schemeAllowed(endpoint)).isTrue();
        assertThat(allowing.blockedAddress(endpoint, List.of())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"::1:8085", "fd00::7:443", "mail.acme.no", "mail.acme.no:https", ":443", "[nonsense]:443"})
    void refusesAllowancesItCannotReadUnambiguously(String entry) {
        assertThatThrownBy(() -> new OutboundEndpointRule(Set.of(entry), Set.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(entry);
    }

    @Test
    void theResolverIsNotAskedForLiteralsOrListedEndpoints() {
        assertThat(rule.refusal("https://exchange.lan/ews", host -> {
            throw new AssertionError("resolver asked for " + host);
        })).isEmpty();
        assertThat(rule.refusal("https://127.0.0.1/ews", host -> {
            throw new AssertionError("resolver asked for " + host);
        })).isPresent();
    }

    @Test
    void judgesEveryResolvedAddressNotJustTheFirst() {
        OutboundEndpointRule.Endpoint endpoint = rule.parse("https://mail.acme.no/ews");
        assertThat(rule.blockedAddress(endpoint, List.of(address("193.90.12.34"), address("10.1.1.1"))))
                .contains(address("10.1.1.1"));
        assertThat(rule.blockedAddress(endpoint, List.of(address("193.90.12.34")))).isEmpty();
        assertThat(rule.blockedAddress(rule.parse("https://exchange.lan/"), List.of(address("10.1.1.1")))).isEmpty();
    }

    @Test
    void explainsWhy() {
        assertThat(rule.refusal("https://169.254.169.254/", OutboundEndpointRuleTest::resolve))
                .hasValueSatisfying(r -> assertThat(r).contains("link-local"));
        assertThat(rule.refusal("https://metadata.evil.no/", OutboundEndpointRuleTest::resolve))
                .hasValueSatisfying(r -> assertThat(r).contains("metadata.evil.no is 169.254.169.254"));
        assertThat(rule.refusal("https://svc:pw@mail.acme.no/", OutboundEndpointRuleTest::resolve))
                .hasValueSatisfying(r -> assertThat(r).contains("user name"));
        assertThat(rule.refusal("http://mail.acme.no/", OutboundEndpointRuleTest::resolve))
                .hasValueSatisfying(r -> assertThat(r).contains("https"));
        assertThat(rule.refusal("https://0x7f000001/", OutboundEndpointRuleTest::resolve))
                .hasValueSatisfying(r -> assertThat(r).contains("four decimal numbers"));
        assertThat(rule.refusal("https://127.1:8443/", OutboundEndpointRuleTest::resolve))
                .hasValueSatisfying(r -> assertThat(r).contains("127.1:8443"));
        assertThat(rule.refusal("https://localhost./", OutboundEndpointRuleTest::resolve))
                .hasValueSatisfying(r -> assertThat(r).contains("trailing dot"));
        assertThat(rule.refusal("https://" + "a".repeat(2100) + ".no/", OutboundEndpointRuleTest::resolve))
                .hasValueSatisfying(r -> assertThat(r).contains("2048"));
    }
}
