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
    void priorityCallersAreReadInTheTenantsCountryKeptInE164InOrderAndListedOnce() {
        assertThat(PriorityCallerRules.normalise(java.util.List.of("912 34 567", "+46 8 123 456 78", "0047 91234567",
                "+4741234567"), "NO")).containsExactly("+4791234567", "+46812345678", "+4741234567");
        assertThat(PriorityCallerRules.normalise(null, "NO")).isEmpty();
    }

    @Test
    void priorityCallersNameEveryBadEntryAndAListTooLong() {
        assertThatThrownBy(() -> PriorityCallerRules.normalise(Arrays.asList("912 34 567", "mamma", null, "123"), "NO"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.violations())
                        .extracting(v -> v.field() + " " + v.code())
                        .containsExactly("numbers[1] invalid-phone-number", "numbers[2] required",
                                "numbers[3] invalid-phone-number"));
        java.util.List<String> twentyOne = new java.util.ArrayList<>();
        for (int i = 0; i < 21; i++) {
            twentyOne.add("+47412345" + String.format("%02d", i));
        }
        assertThat(PriorityCallerRules.normalise(twentyOne.subList(0, 20), "NO")).hasSize(20);
        assertThatThrownBy(() -> PriorityCallerRules.normalise(twentyOne, "NO"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.violations()).singleElement()
                        .satisfies(v -> {
                            assertThat(v.field()).isEqualTo("numbers");
                            assertThat(v.code()).isEqualTo("too-many");
                            assertThat(v.params()).containsEntry("max", "20");
                        }));
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
    void busyTypesActionsAndCodeMeaningsMirrorTheContract() {
        // All derive from the contract's enums; this holds their names and order.
        assertThat(CalendarCodeRules.ALLOWED_BUSY_TYPES).containsExactlyElementsOf(
                com.calroute.contracts.tenants.ItemCodes.ALLOWED_BUSY_TYPES.stream().map(Enum::name).toList());
        assertThat(StatusSettingsRules.ROUTABLE_BUSY_TYPES).containsExactlyElementsOf(
                Arrays.stream(BusyType.values()).filter(t -> t != BusyType.FREE).map(Enum::name).toList());
        assertThat(StatusSettingsRules.ACTIONS).containsExactlyElementsOf(
                Arrays.stream(CallAction.values()).map(Enum::name).toList());
        assertThat(StatusSettingsRules.SETTINGS).as("the busy types, then the time outside working hours")
                .containsExactlyElementsOf(java.util.stream.Stream.concat(StatusSettingsRules.ROUTABLE_BUSY_TYPES.stream(),
                        java.util.stream.Stream.of(com.calroute.contracts.status.StatusState.OUTSIDE_WORKING_HOURS.name()))
                        .toList());
    }

    @Test
    void theActionOutsideWorkingHoursRingsUntilChosenAndFollowsTheSameRules() {
        assertThat(StatusSettingsRules.normalise(Map.of(), "NO"))
                .containsEntry("OUTSIDE_WORKING_HOURS", new StatusSettingsRules.Choice("RING", null));
        assertThat(StatusSettingsRules.normalise(Map.of(
                "OUTSIDE_WORKING_HOURS", new StatusSettingsRules.Choice("FORWARD", "900 00 000")), "NO"))
                .containsEntry("OUTSIDE_WORKING_HOURS", new StatusSettingsRules.Choice("FORWARD", "+4790000000"));
        assertThatThrownBy(() -> StatusSettingsRules.normalise(Map.of(
                "OUTSIDE_WORKING_HOURS", new StatusSettingsRules.Choice("FORWARD", null)), "NO"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.violations()).singleElement()
                        .satisfies(v -> {
                            assertThat(v.field()).isEqualTo("OUTSIDE_WORKING_HOURS.target");
                            assertThat(v.code()).isEqualTo("required");
                        }));
        assertThatThrownBy(() -> StatusSettingsRules.normalise(Map.of(
                "OUTSIDE_WORKING_HOURS", new StatusSettingsRules.Choice("SWITCHBOARD", "+4790000000"),
                "EVENING", new StatusSettingsRules.Choice("RING", null)), "NO"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.violations())
                        .extracting(FieldViolation::field)
                        .containsExactlyInAnyOrder("OUTSIDE_WORKING_HOURS.target", "EVENING"));
    }

    @Test
    void statusSettingsFillDefaultsAndNameEveryBadField() {
        var normalised = StatusSettingsRules.normalise(Map.of(
                "OOF", new StatusSettingsRules.Choice("FORWARD", "+4790000000")), "NO");
        assertThat(normalised).containsEntry("OOF", new StatusSettingsRules.Choice("FORWARD", "+4790000000"))
                .containsEntry("BUSY", new StatusSettingsRules.Choice("RING", null)).hasSize(5);
        assertThatThrownBy(() -> StatusSettingsRules.normalise(Map.of(
                "FREE", new StatusSettingsRules.Choice("RING", null),
                "OOF", new StatusSettingsRules.Choice("FORWARD", null),
                "BUSY", new StatusSettingsRules.Choice("SWITCHBOARD", "+4790000000")), "NO"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.violations())
                        .extracting(FieldViolation::field).containsExactlyInAnyOrder("FREE", "OOF.target", "BUSY.target"));
    }

    @Test
    void forwardTargetsAreTypedAsPeopleSayThemAndKeptInE164() {
        assertThat(StatusSettingsRules.normalise(Map.of("OOF", new StatusSettingsRules.Choice("FORWARD", "900 00 000")),
                "NO")).containsEntry("OOF", new StatusSettingsRules.Choice("FORWARD", "+4790000000"));
        assertThatThrownBy(() -> StatusSettingsRules.normalise(Map.of(
                "OOF", new StatusSettingsRules.Choice("FORWARD", "900 00")), "NO"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.violations()).singleElement()
                        .satisfies(v -> {
                            assertThat(v.field()).isEqualTo("OOF.target");
                            assertThat(v.code()).isEqualTo("invalid-phone-number");
                            assertThat(v.params()).containsEntry("country", "NO");
                        }));
    }

    @Test
    void numberRangesReadNationalInput() {
        assertThat(NumberRanges.parse("ranges", java.util.List.of(new NumberRanges.Range("910 00 000", "0047 91000099")),
                "NO").ranges()).containsExactly(new NumberRanges.Range("+4791000000", "+4791000099"));
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

    @Test
    void violationsCarryAStableCodeAndItsParameters() {
        assertThatThrownBy(() -> PageRequest.of(0, 201)).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.violations()).singleElement().satisfies(v -> {
                    assertThat(v.code()).isEqualTo("out-of-range");
                    assertThat(v.params()).containsEntry("max", "200");
                }));
        Violations violations = new Violations();
        violations.required("displayName", "x".repeat(201), 200);
        violations.required("email", " ", 254);
        assertThat(violations.list()).extracting(FieldViolation::code).containsExactly("too-long", "required");
        assertThat(violations.list().get(0).params()).isEqualTo(Map.of("max", "200"));
    }

    @Test
    void userSortKeys() {
        assertThat(UserSort.orderBy(null)).isEqualTo("email, id");
        assertThat(UserSort.orderBy("-updatedAt")).isEqualTo("updatedAt desc, email, id");
        assertThat(UserSort.orderBy("name")).isEqualTo("displayName nulls last, email, id");
        assertThatThrownBy(() -> UserSort.orderBy("password")).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.violations()).singleElement().satisfies(v -> {
                    assertThat(v.field()).isEqualTo("sort");
                    assertThat(v.code()).isEqualTo("not-allowed-value");
                    assertThat(v.params().get("allowed")).contains("-updatedAt");
                }));
        assertThatThrownBy(() -> UserSort.orderBy("email; drop table tenant")).isInstanceOf(InvalidInputException.class);
    }
}
