package tms.gateway;

/** The gateway could not listen where it was told to; the message names the address and the way out. */
public final class GatewayBindException extends RuntimeException {

    public GatewayBindException(String address, int port, Throwable cause) {
        super("the terminal gateway cannot listen on " + address + ":" + port + " (" + cause.getMessage()
                + "): stop what uses the port, or pass --gateway-port N (0 picks a free port)", cause);
    }
}
