package tms.admin;

/** A new API token: the only time its text exists outside the requester's hands. */
public record IssuedApiToken(long id, String label, String token) {

    @Override
    public String toString() {
        return "IssuedApiToken[id=" + id + ", label=" + label + ", token=(hidden)]";
    }
}
