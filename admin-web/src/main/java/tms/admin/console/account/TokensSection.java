package tms.admin.console.account;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import tms.admin.ApiTokens;
import tms.admin.IssuedApiToken;
import tms.admin.console.ConsoleRequest;
import tms.admin.console.ConsoleSection;
import tms.admin.console.InputRefused;
import tms.admin.console.Reply;
import tms.admin.console.Role;
import tms.admin.console.Route;

/** Everyone's own API tokens: make one (shown once), list, revoke. A token acts with its owner's roles. */
public final class TokensSection implements ConsoleSection {

    private final ApiTokens tokens;

    public TokensSection(ApiTokens tokens) {
        this.tokens = tokens;
    }

    /** What the API takes to make a token. */
    public record TokenRequest(String label) {
    }

    @Override
    public List<Route> routes() {
        EnumSet<Role> everyone = EnumSet.allOf(Role.class);
        return List.of(
                Route.get("/tokens", "your API tokens", everyone, this::page),
                Route.post("/tokens", "make an API token (shown once)", everyone, r -> {
                    IssuedApiToken made = tokens.create(r.user().name(), r.field("label"), r.actor());
                    Map<String, Object> parameters = new HashMap<>();
                    parameters.put("token", made);
                    return Reply.page("account/token-created.jte", "Your new API token", parameters);
                }),
                Route.post("/tokens/{id}/revoke", "revoke one of your API tokens", everyone, r -> {
                    tokens.revoke(r.user().name(), id(r), r.actor());
                    return Reply.redirect("/tokens");
                }),
                Route.get("/api/v1/tokens", "your API tokens (never the tokens themselves)", everyone,
                        r -> Reply.json(tokens.list(r.user().name()))),
                Route.post("/api/v1/tokens", "make an API token: {\"label\":...}; answers the token, once", everyone,
                        r -> Reply.json(201, tokens.create(r.user().name(), r.body(TokenRequest.class).label(),
                                r.actor()))),
                Route.post("/api/v1/tokens/{id}/revoke", "revoke one of your API tokens", everyone, r -> {
                    tokens.revoke(r.user().name(), id(r), r.actor());
                    return Reply.json(Map.of("revoked", id(r)));
                }));
    }

    private Reply page(ConsoleRequest r) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("tokens", tokens.list(r.user().name()));
        return Reply.page("account/tokens.jte", "Your API tokens", parameters);
    }

    private static long id(ConsoleRequest r) {
        try {
            return Long.parseLong(r.pathParameter("id"));
        } catch (NumberFormatException e) {
            throw new InputRefused("'" + r.pathParameter("id") + "' is not a token number");
        }
    }
}
