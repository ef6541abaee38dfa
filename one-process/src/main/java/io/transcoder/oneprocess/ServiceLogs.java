package io.transcoder.oneprocess;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.sift.AbstractDiscriminator;
import ch.qos.logback.core.spi.FilterReply;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which service a log line belongs to: the service whose class loader is the logging thread's context class
 * loader. A context starts on a thread whose context loader is the service's, and every thread it starts (listener
 * containers, Tomcat's, virtual threads, the Redis and S3 clients' event loops) inherits it. Lines of threads
 * nobody owns (the JDK's common pool, the embedded servers, the launcher) go to {@value #LAUNCHER}.
 */
final class ServiceLogs {

    static final String LAUNCHER = "one-process";

    private static final Map<ClassLoader, String> SERVICES = new ConcurrentHashMap<>();

    private ServiceLogs() {}

    static void register(ClassLoader loader, String service) {
        SERVICES.put(loader, service);
    }

    static String current() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        while (loader != null) {
            String service = SERVICES.get(loader);
            if (service != null) {
                return service;
            }
            loader = loader.getParent();
        }
        return LAUNCHER;
    }

    /** For Logback's SiftingAppender: one file per service. */
    public static final class Discriminator extends AbstractDiscriminator<ILoggingEvent> {

        @Override
        public String getDiscriminatingValue(ILoggingEvent event) {
            return current();
        }

        @Override
        public String getKey() {
            return "service";
        }
    }

    /** {@code %service} in a pattern. */
    public static final class Converter extends ClassicConverter {

        @Override
        public String convert(ILoggingEvent event) {
            return current();
        }
    }

    /** Lets through the lines of a service ({@code wanted} true) or the others (false). */
    public static final class OfAService extends Filter<ILoggingEvent> {

        private boolean wanted;

        public void setWanted(boolean wanted) {
            this.wanted = wanted;
        }

        @Override
        public FilterReply decide(ILoggingEvent event) {
            return !LAUNCHER.equals(current()) == wanted ? FilterReply.NEUTRAL : FilterReply.DENY;
        }
    }
}
