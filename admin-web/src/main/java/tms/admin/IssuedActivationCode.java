package tms.admin;

import java.time.Instant;

/** A freshly issued activation code: shown once to the technician, then only its hash remains. */
public record IssuedActivationCode(String serialNumber, String mid, String code, Instant expiresAt) {

    @Override
    public String toString() {
        return "IssuedActivationCode[" + serialNumber + ", " + mid + ", code=[hidden], expires " + expiresAt + "]";
    }
}
