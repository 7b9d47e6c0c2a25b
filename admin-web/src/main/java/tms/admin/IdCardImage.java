package tms.admin;

/**
 * One side of an ID card as uploaded: a JPEG or PNG recognised by its first bytes (what the browser calls the file
 * is not trusted), at most {@link #MAX_BYTES}.
 */
public record IdCardImage(String contentType, byte[] content) {

    /** A scan or phone photo of a card fits easily; anything bigger is not what the form asks for. */
    public static final int MAX_BYTES = 2 * 1024 * 1024;

    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    /** The upload for one side ("front" or "back"), refused unless it is a JPEG or PNG of a sensible size. */
    public static IdCardImage of(String side, byte[] content) {
        if (content == null || content.length == 0) {
            throw new ApplicationFieldRefused("upload the " + side + " of the merchant's ID card (JPEG or PNG)");
        }
        if (content.length > MAX_BYTES) {
            throw new ApplicationFieldRefused("the " + side + " of the ID card is " + content.length / 1024
                    + " KiB; at most " + MAX_BYTES / 1024 + " KiB is accepted: scan it at a lower resolution");
        }
        if (startsWith(content, JPEG)) {
            return new IdCardImage("image/jpeg", content);
        }
        if (startsWith(content, PNG)) {
            return new IdCardImage("image/png", content);
        }
        throw new ApplicationFieldRefused("the " + side + " of the ID card is neither a JPEG nor a PNG image (by its "
                + "content, whatever its name): scan or save it as JPEG or PNG");
    }

    private static boolean startsWith(byte[] content, byte[] magic) {
        if (content.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (content[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "IdCardImage[" + contentType + ", " + content.length + " bytes]";
    }
}
