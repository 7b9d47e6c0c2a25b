package tms.hsm;

/** An operation the security module in use does not offer (a hardware HSM adapter that implements only some). */
public final class OperationNotSupported extends HsmException {

    /** The operation's name as in {@link SecurityModule} and the module that lacks it. */
    public OperationNotSupported(String operation, String module) {
        super(operation + " is not supported by the security module " + module
                + ": use a module that offers it (the software module offers every operation), or add it to this adapter");
    }
}
