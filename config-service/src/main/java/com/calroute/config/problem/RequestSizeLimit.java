package com.calroute.config.problem;

import com.calroute.contracts.problem.ApiException;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses oversized bodies with a 413 problem before they are read: 5 MB for bulk enrolment, 256 KB elsewhere
 * (enough for a connection with two PEM documents). The HTTP layer's hard limit stops anything beyond 6 MB.
 */
public class RequestSizeLimit {

    /** Bulk enrolment's limit. */
    public static final long BULK_LIMIT = 5L * 1024 * 1024;
    /** Every other endpoint's limit. */
    public static final long DEFAULT_LIMIT = 256L * 1024;

    @ServerRequestFilter(preMatching = true)
    public void limit(ContainerRequestContext request) {
        int length = request.getLength();
        if (length < 0) {
            return;
        }
        boolean bulk = request.getUriInfo().getPath().endsWith("/users/bulk");
        long limit = bulk ? BULK_LIMIT : DEFAULT_LIMIT;
        if (length > limit) {
            throw ApiException.tooLarge("The body is " + length + " bytes; this endpoint accepts at most " + limit
                    + " bytes." + (bulk ? " Split the enrolment into several uploads." : ""));
        }
    }
}
