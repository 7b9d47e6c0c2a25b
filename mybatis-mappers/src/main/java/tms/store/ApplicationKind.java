package tms.store;

/** What a merchant's signed form asks for: a terminal activated, its details changed, or it withdrawn (撤机). */
public enum ApplicationKind {
    ACTIVATION,
    CHANGE,
    REVOCATION
}
