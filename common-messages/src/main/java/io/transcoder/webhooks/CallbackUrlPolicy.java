package io.transcoder.webhooks;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which callback URLs the service may POST to, against server-side request forgery: http or https only, no user
 * name or password, a host that resolves, and no address it resolves to in the loopback, private, link-local,
 * unspecified, multicast, shared (CGNAT) or reserved ranges, unless configuration allows that address
 * ({@link WebhookProperties#allowedAddresses}). The api-service checks a URL when a job is submitted with it; the
 * notifier checks it again right before every delivery, since what a name resolves to may change. Redirects are
 * never followed, so a receiver cannot lead a delivery elsewhere.
 *
 * <p>The check and the connection that follows it resolve the name through the JVM's DNS cache, so a name cannot
 * answer the check with one address and the connection, moments later, with another.
 */
public class CallbackUrlPolicy {

    /** The longest callback URL accepted. */
    public static final int MAX_LENGTH = 2048;

    private static final Set<String> SCHEMES = Set.of("http", "https");

    /** The ranges a callback may not reach, each with the words for it. */
    private static final List<Internal> INTERNAL = List.of(
            new Internal("0.0.0.0/8", "an unspecified address"),
            new Internal("10.0.0.0/8", "a private address"),
            new Internal("100.64.0.0/10", "a shared (carrier-grade NAT) address"),
            new Internal("127.0.0.0/8", "a loopback address"),
            new Internal("169.254.0.0/16", "a link-local address"),
            new Internal("172.16.0.0/12", "a private address"),
            new Internal("192.0.0.0/24", "a reserved address"),
            new Internal("192.168.0.0/16", "a private address"),
            new Internal("198.18.0.0/15", "a reserved (benchmarking) address"),
            new Internal("224.0.0.0/4", "a multicast address"),
            new Internal("240.0.0.0/4", "a reserved address"),
            new Internal("::/128", "an unspecified address"),
            new Internal("::1/128", "a loopback address"),
            new Internal("fc00::/7", "a private (unique local) address"),
            new Internal("fe80::/10", "a link-local address"),
            new Internal("fec0::/10", "a private (site-local) address"),
            new Internal("ff00::/8", "a multicast address"));
    // IPv6 addresses that carry an IPv4 address a gateway may reach: IPv4-compatible and NAT64
    private static final AddressRange COMPATIBLE = AddressRange.parse("::/96");
    private static final AddressRange NAT64 = AddressRange.parse("64:ff9b::/96");

    private final List<AddressRange> allowed;
    private final Resolver resolver;

    /** Looks a host name up; {@link InetAddress#getAllByName} but for tests. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    public CallbackUrlPolicy(List<String> allowedAddresses) {
        this(allowedAddresses, InetAddress::getAllByName);
    }

    public CallbackUrlPolicy(List<String> allowedAddresses, Resolver resolver) {
        this.allowed = allowedAddresses.stream().filter(entry -> !entry.isBlank()).map(AddressRange::parse).toList();
        this.resolver = resolver;
    }

    /**
     * The URL, if it is one a callback may go to.
     *
     * @throws CallbackUrlRefusedException saying why not
     */
    public URI check(String url) {
        URI uri = parse(url);
        checkAddresses(uri);
        return uri;
    }

    /** {@link #check(String)} for a URL already parsed, as the job store holds it. */
    public URI check(URI url) {
        return check(url.toString());
    }

    /**
     * The URL, if its form is one a callback may have; what it resolves to is not looked at. For a check before the
     * rest of a request has arrived: {@link #check} must follow.
     *
     * @throws CallbackUrlRefusedException saying why not
     */
    public static URI parse(String url) {
        if (url.length() > MAX_LENGTH) {
            throw refused("it is longer than " + MAX_LENGTH + " characters.");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw refused("it is not a valid URL (" + e.getReason() + " at index " + e.getIndex() + ").");
        }
        if (!uri.isAbsolute() || uri.isOpaque()) {
            throw refused("it must be an absolute http or https URL, such as https://example.com/hooks/transcoder.");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!SCHEMES.contains(scheme)) {
            throw refused("only http and https URLs are allowed, not " + uri.getScheme() + ".");
        }
        if (uri.getRawUserInfo() != null) {
            throw refused("it must not carry a user name or password; put a secret in the path or query instead.");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw refused("it has no host name or address (a host may hold only letters, digits, dots and hyphens).");
        }
        return uri;
    }

    private void checkAddresses(URI uri) {
        String host = uri.getHost();
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(bare);
        } catch (UnknownHostException e) {
            throw new CallbackUrlRefusedException("its host " + bare + " does not resolve to an address.", true);
        }
        if (addresses.length == 0) {
            throw new CallbackUrlRefusedException("its host " + bare + " does not resolve to an address.", true);
        }
        for (InetAddress address : addresses) {
            if (allowed.stream().anyMatch(range -> range.contains(address))) {
                continue;
            }
            Optional<String> internal = internal(address);
            if (internal.isPresent()) {
                String resolved = isLiteral(bare) ? "it is "
                        : "its host " + bare + " resolves to " + text(address) + ", which is ";
                throw refused(resolved + internal.get() + "; callbacks may not reach the service's own network.");
            }
        }
    }

    /** What kind of internal address it is, if it is one. */
    static Optional<String> internal(InetAddress address) {
        Optional<String> kind = INTERNAL.stream()
                .filter(internal -> internal.range().contains(address))
                .map(Internal::words)
                .findFirst();
        if (kind.isPresent() || !(address instanceof Inet6Address)) {
            return kind;
        }
        if (COMPATIBLE.contains(address) || NAT64.contains(address)) {
            byte[] bytes = address.getAddress();
            try {
                return internal(InetAddress.getByAddress(Arrays.copyOfRange(bytes, 12, 16)))
                        .map(words -> words + " (embedded in an IPv6 address)");
            } catch (UnknownHostException e) {
                throw new IllegalStateException("Four bytes are an IPv4 address", e);
            }
        }
        return Optional.empty();
    }

    /** An address as people write it: an IPv6 one with its longest run of zero groups as {@code ::} (RFC 5952). */
    static String text(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address.getHostAddress();
        }
        byte[] bytes = address.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (bytes[2 * i] & 0xff) << 8 | bytes[2 * i + 1] & 0xff;
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; i++) {
            int length = 0;
            while (i + length < 8 && groups[i + length] == 0) {
                length++;
            }
            if (length > bestLength) {
                bestStart = i;
                bestLength = length;
            }
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }

    private static boolean isLiteral(String host) {
        return host.matches("[0-9A-Fa-f.:]+") && (host.contains(":") || host.matches("[0-9.]+"));
    }

    private static CallbackUrlRefusedException refused(String why) {
        return new CallbackUrlRefusedException(why, false);
    }

    private record Internal(AddressRange range, String words) {

        Internal(String cidr, String words) {
            this(AddressRange.parse(cidr), words);
        }
    }
}
