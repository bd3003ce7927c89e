package com.calroute.config.tenant;

import com.calroute.config.support.Api;
import com.calroute.config.support.TestTokens;
import com.calroute.contracts.problem.ProblemTypes;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static com.calroute.config.support.Api.as;
import static com.calroute.config.support.Api.problem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** FORWARD targets follow the tenant's policy, set by the operator; never the user's own number. */
@QuarkusTest
class ForwardTargetPolicyTest {

    private static Map<String, Object> forwardOnOof(String target) {
        return Map.of("OOF", Map.of("action", "FORWARD", "target", target));
    }

    @Test
    void premiumSharedCostSatelliteAbroadAndTheOwnNumberAreRefusedByDefault() {
        String tenant = Api.createTenant("fwd");
        String mobile = Api.newMobile(tenant);
        Api.enrol(tenant, "nina@fwd.no", mobile);
        String nina = TestTokens.employee(tenant, "nina@fwd.no");
        as(TestTokens.operator()).get("/api/v1/tenants/" + tenant).then().body("forwardInternational", equalTo(false));
        for (String refused : new String[]{mobile, "+4782012345", "+4781012345", "+881612345678", "+4611234567"}) {
            problem(as(nina).body(forwardOnOof(refused)).put("/api/v1/me/status-settings").then(), 400, ProblemTypes.VALIDATION)
                    .body("errors[0].field", equalTo("OOF.target"));
        }
        as(nina).get("/api/v1/me/status-settings").then().body("OOF.action", equalTo("RING"));
        as(nina).body(forwardOnOof("+4722334455")).put("/api/v1/me/status-settings").then().statusCode(200)
                .body("OOF.target", equalTo("+4722334455"));
        as(nina).body(Map.of("BUSY", Map.of("action", "FORWARD", "target", mobile))).put("/api/v1/me/status-settings")
                .then().statusCode(400).body("errors[0].field", equalTo("BUSY.target"))
                .body("errors[0].message", containsString("own"));
    }

    @Test
    void abroadOnlyWhenTheOperatorAllowsIt() {
        String tenant = Api.createTenant("fwdint");
        Api.enrol(tenant, "ola@fwd.no", Api.newMobile(tenant));
        String ola = TestTokens.employee(tenant, "ola@fwd.no");
        problem(as(TestTokens.tenantAdmin(tenant)).body(Map.of("forwardInternational", true))
                .patch("/api/v1/tenants/" + tenant).then(), 403, ProblemTypes.FORBIDDEN);
        as(TestTokens.operator()).body(Map.of("forwardInternational", true)).patch("/api/v1/tenants/" + tenant)
                .then().statusCode(200).body("forwardInternational", equalTo(true));
        as(ola).body(forwardOnOof("+4611234567")).put("/api/v1/me/status-settings").then().statusCode(200);
        problem(as(ola).body(forwardOnOof("+881612345678")).put("/api/v1/me/status-settings").then(), 400, ProblemTypes.VALIDATION)
                .body("errors[0].field", equalTo("OOF.target"));
    }
}
