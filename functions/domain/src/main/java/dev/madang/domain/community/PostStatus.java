package dev.madang.domain.community;

/** Who sees a post. */
public enum PostStatus {
    /** Everyone. */
    VISIBLE,
    /** Its author only, until they confirm that the personal data it seems to hold may be public. */
    AWAITING_CONFIRMATION,
    /** Nobody but its author and admins: enough fans reported it, an admin decides. */
    HIDDEN_BY_REPORTS,
    /** Nobody but its author and admins: an admin hid it. */
    HIDDEN_BY_ADMIN,
    /** Deleted by its author: the text is gone, the place in its thread stays ("deleted post"). */
    DELETED
}
