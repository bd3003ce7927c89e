package com.calroute.config.rules;

import com.calroute.contracts.BusyType;
import com.calroute.contracts.CallAction;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RulesTest {

    @Test
    void e164() {
        assertThat(PhoneNumbers.isE164("+4791234567")).isTrue();
        assertThat(PhoneNumbers.isE164("+123456789012345")).isTrue();
        assertThat(PhoneNumbers.isE164("4791234567")).isFalse();
        assertThat(PhoneNumbers.isE164("+0791234567")).isFalse();
        assertThat(PhoneNumbers.isE164("+47 912 34 567")).isFalse();
        assertThat(PhoneNumbers.isE164("+1234567890123456")).isFalse();
    }

    @Test
    void emailAddresses() {
        assertThat(EmailAddresses.isValid("kari.nordmann+cal@acme.no")).isTrue();
        assertThat(EmailAddresses.isValid("x@xn--bcher-kva.example")).isTrue();
        assertThat(EmailAddresses.isValid("kari@acme")).isFalse();
        assertThat(EmailAddresses.isValid("kari@@acme.no")).isFalse();
        assertThat(EmailAddresses.isValid(".kari@acme.no")).isFalse();
        assertThat(EmailAddresses.isValid("kari@-acme.no")).isFalse();
        assertThat(EmailAddresses.isValid("ka ri@acme.no")).isFalse();
        assertThat(EmailAddresses.canonical(" Kari@ACME.no ")).isEqualTo("kari@acme.no");
    }

    @Test
    void tenantSlugsAndZones() {
        assertThat(TenantRules.isSlug("acme")).isTrue();
        assertThat(TenantRules.isSlug("a")).isFalse();
        assertThat(TenantRules.isSlug("-acme")).isFalse();
        assertThat(TenantRules.isSlug("Acme")).isFalse();
        assertThat(TenantRules.isIanaZone("Europe/Oslo")).isTrue();
        assertThat(TenantRules.isIanaZone("+01:00")).isFalse();
        assertThat(TenantRules.isIanaZone("Mars/Olympus")).isFalse();
    }

    @Test
    void busyTypesAndActionsMirrorTheContract() {
        assertThat(StatusSettingsRules.ROUTABLE_BUSY_TYPES).containsExactlyElementsOf(
                Arrays.stream(BusyType.values()).filter(t -> t != BusyType.FREE).map(Enum::name).toList());
        assertThat(StatusSettingsRules.ACTIONS).containsExactlyElementsOf(
                Arrays.stream(CallAction.values()).map(Enum::name).toList());
    }

    @Test
    void statusSettingsFillDefaultsAndNameEveryBadField() {
        var normalised = StatusSettingsRules.normalise(Map.of(
                "OOF", new StatusSettingsRules.Choice("FORWARD", "+4790000000")));
        assertThat(normalised).containsEntry("OOF", new StatusSettingsRules.Choice("FORWARD", "+4790000000"))
                .containsEntry("BUSY", new StatusSettingsRules.Choice("RING", null)).hasSize(4);
        assertThatThrownBy(() -> StatusSettingsRules.normalise(Map.of(
                "FREE", new StatusSettingsRules.Choice("RING", null),
                "OOF", new StatusSettingsRules.Choice("FORWARD", null),
                "BUSY", new StatusSettingsRules.Choice("SWITCHBOARD", "+4790000000"))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.violations())
                        .extracting(FieldViolation::field).containsExactlyInAnyOrder("FREE", "OOF.target", "BUSY.target"));
    }

    @Test
    void connectionFields() {
        assertThat(ConnectionRules.isGuid("6f1b2c3d-1111-4222-8333-944455556666")).isTrue();
        assertThat(ConnectionRules.isGuid("6f1b2c3d")).isFalse();
        assertThat(ConnectionRules.isEntraTenant("contoso.onmicrosoft.com")).isTrue();
        assertThat(ConnectionRules.isDomain("ACME")).isTrue();
        assertThat(ConnectionRules.isCertificateChain("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----")).isFalse();
    }

    @Test
    void pages() {
        assertThat(PageRequest.of(null, null)).isEqualTo(new PageRequest(0, 50));
        assertThatThrownBy(() -> PageRequest.of(-1, 201)).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.violations()).extracting(FieldViolation::field).containsExactly("page", "size"));
        // The offset (page × size) must fit the database's row offset, or the query overflows.
        assertThatThrownBy(() -> PageRequest.of(Integer.MAX_VALUE, 200)).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.violations()).extracting(FieldViolation::field).containsExactly("page"));
        assertThatThrownBy(() -> PageRequest.parse("99999999999", "ten")).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.violations()).extracting(FieldViolation::field).containsExactly("page", "size"));
        assertThat(PageRequest.parse("3", "20")).isEqualTo(new PageRequest(3, 20));
        assertThat(PageRequest.parse(null, "")).isEqualTo(new PageRequest(0, 50));
    }
}
