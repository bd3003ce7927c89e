package com.calroute.config.enrolment.csv;

import com.calroute.config.rules.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnrolmentCsvTest {

    @Test
    void readsQuotedValuesAnyColumnOrderAndSkipsBlankLines() {
        List<EnrolmentCsv.Row> rows = EnrolmentCsv.parse("\uFEFFmobileNumber,Email,displayName\n"
                + "+4791234567,kari@acme.no,\"Nordmann, Kari\"\n\n"
                + "+4791234568,ola@acme.no,\"Ola \"\"O\"\" N\"\r\n"
                + "+4791234569,per@acme.no,");
        assertThat(rows).containsExactly(
                new EnrolmentCsv.Row(1, "kari@acme.no", "+4791234567", "Nordmann, Kari", null),
                new EnrolmentCsv.Row(2, "ola@acme.no", "+4791234568", "Ola \"O\" N", null),
                new EnrolmentCsv.Row(3, "per@acme.no", "+4791234569", null, null));
    }

    @Test
    void reportsUnreadableRowsInsteadOfFailingTheFile() {
        List<EnrolmentCsv.Row> rows = EnrolmentCsv.parse("email,mobileNumber\na@acme.no\nb@acme.no,+4791234567,extra\n"
                + "c@acme.no,\"+4791234567");
        assertThat(rows).extracting(EnrolmentCsv.Row::problem).allMatch(p -> p != null);
        assertThat(rows.get(2).problem()).contains("never closed");
    }

    @Test
    void refusesAFileWithoutTheHeader() {
        assertThatThrownBy(() -> EnrolmentCsv.parse("kari@acme.no,+4791234567\n")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> EnrolmentCsv.parse("")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> EnrolmentCsv.parse("email,email\n")).isInstanceOf(InvalidInputException.class);
    }
}
