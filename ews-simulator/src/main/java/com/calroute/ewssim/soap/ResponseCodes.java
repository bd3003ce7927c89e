package com.calroute.ewssim.soap;

import java.util.Map;

/** The EWS response codes the simulator produces, with the message text Exchange sends for each. */
public final class ResponseCodes {
    public static final String NO_ERROR = "NoError";
    public static final String SERVER_BUSY = "ErrorServerBusy";
    public static final String NON_EXISTENT_MAILBOX = "ErrorNonExistentMailbox";
    public static final String IMPERSONATE_USER_DENIED = "ErrorImpersonateUserDenied";
    public static final String IMPERSONATION_DENIED = "ErrorImpersonationDenied";
    public static final String CALENDAR_VIEW_RANGE_TOO_BIG = "ErrorCalendarViewRangeTooBig";
    public static final String CALENDAR_END_BEFORE_START = "ErrorCalendarEndDateIsEarlierThanStartDate";
    public static final String EXCEEDED_FIND_COUNT_LIMIT = "ErrorExceededFindCountLimit";
    public static final String INVALID_SYNC_STATE = "ErrorInvalidSyncStateData";
    public static final String ITEM_NOT_FOUND = "ErrorItemNotFound";
    public static final String FOLDER_NOT_FOUND = "ErrorFolderNotFound";
    public static final String INVALID_ID_MALFORMED = "ErrorInvalidIdMalformed";
    public static final String SUBSCRIPTION_NOT_FOUND = "ErrorSubscriptionNotFound";
    public static final String EXCEEDED_CONNECTION_COUNT = "ErrorExceededConnectionCount";
    public static final String EXCEEDED_SUBSCRIPTION_COUNT = "ErrorExceededSubscriptionCount";
    public static final String INVALID_SERVER_VERSION = "ErrorInvalidServerVersion";
    public static final String MISSING_EMAIL_ADDRESS = "ErrorMissingEmailAddress";
    public static final String ACCESS_DENIED = "ErrorAccessDenied";
    public static final String INVALID_REQUEST = "ErrorInvalidRequest";
    public static final String INVALID_ARGUMENT = "ErrorInvalidArgument";
    public static final String SCHEMA_VALIDATION = "ErrorSchemaValidation";
    public static final String INVALID_OPERATION = "ErrorInvalidOperation";
    public static final String INVALID_WATERMARK = "ErrorInvalidWatermark";
    public static final String EXPIRED_SUBSCRIPTION = "ErrorExpiredSubscription";
    public static final String INVALID_PULL_SUBSCRIPTION_ID = "ErrorInvalidPullSubscriptionId";
    public static final String INVALID_SUBSCRIPTION = "ErrorInvalidSubscription";
    public static final String INTERNAL_SERVER_ERROR = "ErrorInternalServerError";
    public static final String NAME_RESOLUTION_NO_RESULTS = "ErrorNameResolutionNoResults";
    public static final String INVALID_SMTP_ADDRESS = "ErrorInvalidSmtpAddress";

    private static final Map<String, String> MESSAGES = Map.ofEntries(
            Map.entry(SERVER_BUSY, "The server cannot service this request right now. Try again later."),
            Map.entry(NON_EXISTENT_MAILBOX, "The SMTP address has no mailbox associated with it."),
            Map.entry(IMPERSONATE_USER_DENIED, "The account does not have permission to impersonate the requested user."),
            Map.entry(IMPERSONATION_DENIED, "The account does not have permission to impersonate any user."),
            Map.entry(CALENDAR_VIEW_RANGE_TOO_BIG, "The calendar view range is too big. The range must be two years or less."),
            Map.entry(CALENDAR_END_BEFORE_START, "EndDate is earlier than StartDate"),
            Map.entry(EXCEEDED_FIND_COUNT_LIMIT, "The number of items in the view exceeds the find count limit."),
            Map.entry(INVALID_SYNC_STATE, "Synchronization state data is corrupt or otherwise invalid."),
            Map.entry(ITEM_NOT_FOUND, "The specified object was not found in the store."),
            Map.entry(FOLDER_NOT_FOUND, "The specified folder could not be found in the store."),
            Map.entry(INVALID_ID_MALFORMED, "Id is malformed."),
            Map.entry(SUBSCRIPTION_NOT_FOUND, "The specified subscription was not found."),
            Map.entry(EXCEEDED_CONNECTION_COUNT, "You have exceeded the available concurrent connections for your account.  Try again once your other requests have completed."),
            Map.entry(EXCEEDED_SUBSCRIPTION_COUNT, "You have exceeded the maximum number of subscriptions for your account."),
            Map.entry(INVALID_SERVER_VERSION, "The specified server version is invalid."),
            Map.entry(MISSING_EMAIL_ADDRESS, "When making a request as an account that does not have a mailbox, you must specify the mailbox primary SMTP address for any distinguished folder Ids."),
            Map.entry(ACCESS_DENIED, "Access is denied. Check credentials and try again."),
            Map.entry(INVALID_REQUEST, "The request is invalid."),
            Map.entry(INVALID_ARGUMENT, "The argument is invalid."),
            Map.entry(SCHEMA_VALIDATION, "The request failed schema validation."),
            Map.entry(INVALID_OPERATION, "The operation is invalid."),
            Map.entry(INVALID_WATERMARK, "The watermark is invalid."),
            Map.entry(EXPIRED_SUBSCRIPTION, "The subscription has expired."),
            Map.entry(INVALID_PULL_SUBSCRIPTION_ID, "Subscription ID isn't valid for a pull subscription."),
            Map.entry(INVALID_SUBSCRIPTION, "The subscription is invalid."),
            Map.entry(INTERNAL_SERVER_ERROR, "An internal server error occurred. The operation failed."),
            Map.entry(NAME_RESOLUTION_NO_RESULTS, "No results were found."),
            Map.entry(INVALID_SMTP_ADDRESS, "The e-mail address that was supplied isn't valid."));

    private ResponseCodes() {
    }

    public static String messageFor(String responseCode) {
        return MESSAGES.getOrDefault(responseCode, responseCode);
    }
}
