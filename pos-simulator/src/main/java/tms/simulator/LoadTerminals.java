package tms.simulator;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import tms.hsm.KeyUsage;
import tms.hsm.SecurityModule;

/** How the load generator gets terminal number {@code index} connected and ready to buy. */
@FunctionalInterface
public interface LoadTerminals {

    SimulatedTerminal dial(int index) throws IOException;

    /** Provisioned terminals that dial the gateway and sign in (004) for working keys, as a real one does. */
    static LoadTerminals signingIn(List<TerminalProfile> profiles, SecurityModule keys, String host, int port,
                                   Duration timeout) {
        return index -> {
            SimulatedTerminal terminal = new SimulatedTerminal(profiles.get(index), keys, host, port, timeout);
            try {
                SignInResult signIn = terminal.signIn("004");
                if (!signIn.approved()) {
                    throw new SignInRefused(profiles.get(index).tid(), signIn.responseCode());
                }
                return terminal;
            } catch (IOException | RuntimeException e) {
                terminal.close();
                throw e;
            }
        };
    }

    /**
     * Terminals that buy with a MAK made on the spot, for a server that issues no keys (the canned-answer
     * server): they still MAC every request, so the generator does the same work per request as against
     * the gateway, and only the server differs.
     */
    static LoadTerminals withLocalKeys(SecurityModule keys, String host, int port, Duration timeout) {
        return index -> {
            TerminalProfile profile = new TerminalProfile(String.format("LOCAL-%04d", index + 1),
                    String.format("7%07d", index + 1), "898100099990001", null, 0);
            profile.signedIn(keys.generateKey(KeyUsage.MAK, 8), "000001");
            return new SimulatedTerminal(profile, keys, host, port, timeout);
        };
    }

    /** The host answered a sign-in with something other than 00: the terminal cannot buy. */
    final class SignInRefused extends IOException {

        private final String responseCode;

        public SignInRefused(String tid, String responseCode) {
            super("terminal " + tid + " was refused sign-in with response code " + responseCode);
            this.responseCode = responseCode;
        }

        public String responseCode() {
            return responseCode;
        }
    }
}
