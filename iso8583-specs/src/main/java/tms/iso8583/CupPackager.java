package tms.iso8583;

import java.io.IOException;
import java.io.InputStream;
import org.jpos.iso.ISOException;
import org.jpos.iso.packager.GenericPackager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one shared jPOS packager for the CUP 8583 dialect, loaded from {@code tms/iso8583/cup8583.xml}. */
public final class CupPackager {

    private static final Logger LOG = LoggerFactory.getLogger(CupPackager.class);

    /** Classpath location of the dialect definition. */
    public static final String RESOURCE = "/tms/iso8583/cup8583.xml";

    private CupPackager() {
    }

    // The holder idiom: the JVM's class initialisation makes the single load thread-safe without locks.
    private static final class Loaded {
        static final GenericPackager PACKAGER = load();
    }

    /**
     * The packager, loaded on first use. A {@link GenericPackager} is thread-safe and may be shared; the
     * {@link org.jpos.iso.ISOMsg}s it fills are not.
     *
     * @return the same instance on every call
     */
    public static GenericPackager shared() {
        return Loaded.PACKAGER;
    }

    static GenericPackager load() {
        long started = System.nanoTime();
        // jPOS resolves the DTD through the thread's context class loader; a pool thread may have none that
        // sees the jPOS jar, so use the loader that loaded this module for the duration of the parse.
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(CupPackager.class.getClassLoader());
        try (InputStream xml = CupPackager.class.getResourceAsStream(RESOURCE)) {
            if (xml == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath; the iso8583-specs jar is incomplete");
            }
            GenericPackager packager = new GenericPackager(xml);
            LOG.debug("Loaded the CUP 8583 packager from {} in {} ms", RESOURCE, (System.nanoTime() - started) / 1_000_000);
            return packager;
        } catch (ISOException | IOException e) {
            throw new IllegalStateException("cannot load the CUP 8583 packager from " + RESOURCE + ": " + e.getMessage(), e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
