package com.calroute.routing.api;

import com.calroute.contracts.problem.ApiException;
import com.calroute.contracts.problem.FieldErrorCodes;
import com.calroute.contracts.problem.Problem;
import com.calroute.contracts.problem.ProblemTypes;
import com.calroute.contracts.users.LinkedLogin;
import com.calroute.routing.RoutingConfig;
import com.calroute.routing.RoutingLifecycle;
import com.calroute.routing.decisionlog.JdbcDecisionStore;
import com.calroute.routing.decisions.Decision;
import com.calroute.routing.decisions.DecisionText;
import com.calroute.routing.ingest.UserRoute;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import static com.calroute.routing.problem.ProblemMapper.INVALID_DETAIL;

/** Reads the decision log for the employee and, with a reason that is audited, for their tenant admin. */
@ApplicationScoped
public class DecisionQueries {

    private static final Logger LOG = Logger.getLogger(DecisionQueries.class);
    /** Longest reason a tenant admin may give. */
    static final int MAX_REASON = 500;

    private final JdbcDecisionStore store;
    private final RoutingLifecycle lifecycle;
    private final RoutingConfig.Decisions config;
    private final Clock clock;

    DecisionQueries(JdbcDecisionStore store, RoutingLifecycle lifecycle, RoutingConfig config, Clock clock) {
        this.store = store;
        this.lifecycle = lifecycle;
        this.config = config.decisions();
        this.clock = clock;
    }

    /** The user's own decisions since {@code sinceText} (default: the last day), newest first. */
    public DecisionViews.Page mine(UserRoute route, String sinceText, String acceptLanguage) {
        Instant since = since(sinceText);
        try {
            return page(route, since, store.recent(route.tenantId(), route.userId(), since, config.maxResults()),
                    acceptLanguage);
        } catch (Exception e) {
            throw unavailable(e);
        }
    }

    /**
     * A user's decisions for their tenant admin, only with a reason: the access (who, when, whose, why) is written to
     * the audit in the same transaction as the read, so without the audit there is no answer.
     */
    public DecisionViews.Page forAdmin(UserRoute route, String reasonText, String sinceText, String acceptLanguage,
                                       LinkedLogin admin) {
        String reason = reasonText == null ? "" : reasonText.strip();
        if (reason.isEmpty()) {
            throw ApiException.invalid(INVALID_DETAIL, List.of(new Problem.FieldError("reason",
                    FieldErrorCodes.REQUIRED,
                    "is required: why you need this user's call decisions (it is recorded in the audit)")));
        }
        if (reason.length() > MAX_REASON) {
            throw ApiException.invalid(INVALID_DETAIL, List.of(new Problem.FieldError("reason",
                    FieldErrorCodes.TOO_LONG,
                    "must be at most " + MAX_REASON + " characters", Map.of("max", String.valueOf(MAX_REASON)))));
        }
        Instant since = since(sinceText);
        try {
            return page(route, since, store.recentAudited(route.tenantId(), route.userId(), since, config.maxResults(),
                    new JdbcDecisionStore.Access(admin.issuer(), admin.subject(), reason, clock.instant())),
                    acceptLanguage);
        } catch (Exception e) {
            throw unavailable(e);
        }
    }

    private DecisionViews.Page page(UserRoute route, Instant since, List<Decision> decisions, String acceptLanguage) {
        ZoneId zone = lifecycle.node().table().zone(route.tenantId());
        DecisionText.Language language = DecisionText.Language.of(acceptLanguage);
        return new DecisionViews.Page(since, decisions.stream().map(d -> DecisionViews.view(d, zone, language)).toList());
    }

    /** When the reader's window starts: never before the retention, whose decisions may still be on disk. */
    private Instant since(String text) {
        Instant retained = clock.instant().minus(config.retention());
        if (text == null || text.isBlank()) {
            return latest(clock.instant().minus(config.defaultWindow()), retained);
        }
        try {
            return latest(Instant.parse(text.strip()), retained);
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(INVALID_DETAIL, List.of(new Problem.FieldError("since",
                    FieldErrorCodes.INVALID_INSTANT,
                    "must be an ISO-8601 instant like 2026-12-01T09:00:00Z")));
        }
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static ApiException unavailable(Exception e) {
        LOG.warnf("Route decision log unreadable (%s)", e.getClass().getSimpleName());
        return new ApiException(503, ProblemTypes.UNAVAILABLE, "Decision log unavailable",
                "The decision log's database does not answer; calls are routed as usual. Try again shortly.");
    }
}
