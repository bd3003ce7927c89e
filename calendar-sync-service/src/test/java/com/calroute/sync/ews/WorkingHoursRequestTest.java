package com.calroute.sync.ews;

import com.calroute.sync.plan.WorkingHours;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reading the working hours out of a GetUserAvailabilityResponse, whose time zone the availability service gives as
 * rules (bias and yearly changes) and never by name: matched to the IANA zone with those rules; hostile or unusable
 * answers are "not known".
 */
class WorkingHoursRequestTest {

    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

    private static String response(String bias, String standard, String daylight, String periods) {
        return "<m:GetUserAvailabilityResponse xmlns:m=\"http://schemas.microsoft.com/exchange/services/2006/messages\""
                + " xmlns:t=\"http://schemas.microsoft.com/exchange/services/2006/types\"><m:FreeBusyResponseArray>"
                + "<m:FreeBusyResponse><m:ResponseMessage ResponseClass=\"Success\"><m:ResponseCode>NoError</m:ResponseCode>"
                + "</m:ResponseMessage><m:FreeBusyView><t:FreeBusyViewType>FreeBusy</t:FreeBusyViewType>"
                + "<t:WorkingHours><t:TimeZone><t:Bias>" + bias + "</t:Bias>" + standard + daylight + "</t:TimeZone>"
                + "<t:WorkingPeriodArray>" + periods + "</t:WorkingPeriodArray></t:WorkingHours></m:FreeBusyView>"
                + "</m:FreeBusyResponse></m:FreeBusyResponseArray></m:GetUserAvailabilityResponse>";
    }

    private static String change(String element, int bias, String time, int order, int month, String day) {
        return "<t:" + element + "><t:Bias>" + bias + "</t:Bias><t:Time>" + time + "</t:Time><t:DayOrder>" + order
                + "</t:DayOrder><t:Month>" + month + "</t:Month><t:DayOfWeek>" + day + "</t:DayOfWeek></t:" + element + ">";
    }

    private static String period(String days, int start, int end) {
        return "<t:WorkingPeriod><t:DayOfWeek>" + days + "</t:DayOfWeek><t:StartTimeInMinutes>" + start
                + "</t:StartTimeInMinutes><t:EndTimeInMinutes>" + end + "</t:EndTimeInMinutes></t:WorkingPeriod>";
    }

    @Test
    void norwegianWorkingHoursAreEuropeOsloWithEveryPeriod() {
        WorkingHours hours = WorkingHoursRequest.parse(response("-60",
                change("StandardTime", 0, "03:00:00", 5, 10, "Sunday"),
                change("DaylightTime", -60, "02:00:00", 5, 3, "Sunday"),
                period("Monday Tuesday Wednesday Thursday", 480, 960) + period("Friday", 480, 900)), NOW);
        assertThat(hours).isNotNull();
        assertThat(hours.zone()).isEqualTo(ZoneId.of("Europe/Oslo"));
        assertThat(hours.periods()).containsExactly(
                new WorkingHours.Period(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.THURSDAY), 480, 960),
                new WorkingHours.Period(Set.of(DayOfWeek.FRIDAY), 480, 900));
    }

    @Test
    void otherZonesAreMatchedByTheirRulesAndTheShorthandDaysExpand() {
        WorkingHours newYork = WorkingHoursRequest.parse(response("300",
                change("StandardTime", 0, "02:00:00", 1, 11, "Sunday"),
                change("DaylightTime", -60, "02:00:00", 2, 3, "Sunday"), period("Weekday", 540, 1020)), NOW);
        // The service names no zone: any with New York's rules routes alike (the first such in CLDR's table).
        assertThat(newYork.zone().getRules().getOffset(Instant.parse("2027-03-14T06:59:00Z")).getTotalSeconds())
                .isEqualTo(-5 * 3600);
        assertThat(newYork.zone().getRules().getOffset(Instant.parse("2027-03-14T07:00:00Z")).getTotalSeconds())
                .isEqualTo(-4 * 3600);
        assertThat(newYork.zone().getRules().getOffset(Instant.parse("2027-11-07T06:00:00Z")).getTotalSeconds())
                .isEqualTo(-5 * 3600);
        assertThat(newYork.periods().get(0).days()).isEqualTo(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY));
        WorkingHours kolkata = WorkingHoursRequest.parse(response("-330",
                change("StandardTime", 0, "00:00:00", 0, 0, "Sunday"),
                change("DaylightTime", 0, "00:00:00", 0, 0, "Sunday"), period("Day", 600, 1080)), NOW);
        assertThat(kolkata.zone()).isEqualTo(ZoneId.of("Asia/Kolkata"));
        assertThat(kolkata.periods().get(0).days()).hasSize(7);
    }

    @Test
    void unusableOrHostileAnswersAreNotKnown() {
        String oslo = change("StandardTime", 0, "03:00:00", 5, 10, "Sunday")
                + change("DaylightTime", -60, "02:00:00", 5, 3, "Sunday");
        assertThat(WorkingHoursRequest.parse(response("-37", oslo, "", period("Monday", 480, 960)), NOW))
                .as("rules no zone has").isNull();
        assertThat(WorkingHoursRequest.parse(response("-60", oslo, "", period("Monday", 960, 480)), NOW)).isNull();
        assertThat(WorkingHoursRequest.parse(response("x", oslo, "", period("Monday", 480, 960)), NOW)).isNull();
        assertThat(WorkingHoursRequest.parse("<!DOCTYPE a [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><a>&e;</a>", NOW))
                .isNull();
        assertThat(WorkingHoursRequest.parse(response("-60", oslo, "", period("Monday", 480, 960))
                .replace("ResponseClass=\"Success\"", "ResponseClass=\"Error\""), NOW)).isNull();
    }
}
