package com.calroute.config.exchange.urlpolicy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class EndpointPolicyTest {

    private static final Map<String, String> DNS = Map.of(
            "mail.acme.no", "193.90.12.34",
            "metadata.evil.no", "169.254.169.254",
            "intranet.acme.no", "10.0.0.5",
            "rebind.evil.no", "127.0.0.1",
            "v6private.acme.no", "fd12:3456::1",
            "exchange.lan", "192.168.1.20");

    private final EndpointPolicy policy = new EndpointPolicy(Set.of("exchange.lan:443", "EWS-SIM.local:8085"),
            Set.of("ews-sim.local:8085"), EndpointPolicyTest::resolve);

    private static List<InetAddress> resolve(String host) {
        String address = DNS.get(host);
        if (address == null) {
            return List.of();
        }
        try {
            return List.of(InetAddress.getByName(address));
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
            "https://unknown-name.invalid/ews"})
    void accepts(String url) {
        assertThat(policy.rejection(url)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "http://mail.acme.no/ews/exchange.asmx",
            "https://169.254.169.254/latest/meta-data/",
            "https://metadata.evil.no/",
            "https://127.0.0.1/ews",
            "https://127.1/ews",
            "https://2130706433/ews",
            "https://[::1]/ews",
            "https://[::ffff:127.0.0.1]/ews",
            "https://[fe80::1]/ews",
            "https://[fd00::1]/ews",
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
            "https://bad host/ews"})
    void rejects(String url) {
        assertThat(policy.rejection(url)).as(url).isPresent();
    }

    @Test
    void explainsWhy() {
        assertThat(policy.rejection("https://169.254.169.254/")).hasValueSatisfying(r -> assertThat(r).contains("link-local"));
        assertThat(policy.rejection("https://svc:pw@mail.acme.no/")).hasValueSatisfying(r -> assertThat(r).contains("user name"));
        assertThat(policy.rejection("http://mail.acme.no/")).hasValueSatisfying(r -> assertThat(r).contains("https"));
        assertThat(policy.rejection("https://" + "a".repeat(2100) + ".no/")).hasValueSatisfying(r -> assertThat(r).contains("2048"));
    }
}
