package io.transcoder.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.throwable;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CallbackUrlPolicyTests {

    // names resolve through this table only, so that no test depends on the machine's DNS
    private static final Map<String, List<String>> DNS = Map.of(
            "hooks.example.com", List.of("93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"),
            "sneaky.example.com", List.of("93.184.215.14", "10.1.2.3"),
            "metadata.example.com", List.of("169.254.169.254"),
            "localhost", List.of("127.0.0.1", "::1"));

    private final CallbackUrlPolicy strict = new CallbackUrlPolicy(List.of(), CallbackUrlPolicyTests::resolve);

    @Test
    void acceptsAnHttpsUrlOfAPublicHost() {
        URI url = strict.check("https://hooks.example.com/transcoder?token=abc");

        assertThat(url).isEqualTo(URI.create("https://hooks.example.com/transcoder?token=abc"));
        assertThat(strict.check("http://93.184.215.14:8080/hook")).hasPort(8080);
        assertThat(strict.check("HTTPS://[2606:2800:21f:cb07:6820:80da:af6b:8b2c]/")).hasScheme("HTTPS");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            http://10.0.0.1/                      | it is a private address; callbacks may not reach the service's own network.
            http://172.16.5.4/                    | it is a private address
            http://172.31.255.255/                | it is a private address
            http://192.168.1.1/                   | it is a private address
            http://127.0.0.1:8080/                | it is a loopback address
            http://127.1.2.3/                     | it is a loopback address
            http://169.254.169.254/latest/        | it is a link-local address
            http://100.64.0.1/                    | it is a shared (carrier-grade NAT) address
            http://0.0.0.0/                       | it is an unspecified address
            http://224.0.0.1/                     | it is a multicast address
            http://255.255.255.255/               | it is a reserved address
            http://[::1]/                         | it is a loopback address
            http://[::]/                          | it is an unspecified address
            http://[fd12:3456::1]/                | it is a private (unique local) address
            http://[fe80::1]/                     | it is a link-local address
            http://[ff02::1]/                     | it is a multicast address
            http://[::ffff:10.0.0.1]/             | it is a private address
            http://[::10.0.0.1]/                  | it is a private address (embedded in an IPv6 address)
            http://[64:ff9b::a9fe:a9fe]/          | it is a link-local address (embedded in an IPv6 address)
            http://2130706433/                    | it is a loopback address
            http://metadata.example.com/          | its host metadata.example.com resolves to 169.254.169.254, which is a link-local address
            http://sneaky.example.com/            | its host sneaky.example.com resolves to 10.1.2.3, which is a private address
            http://localhost:9000/                | its host localhost resolves to 127.0.0.1, which is a loopback address
            """)
    void refusesAnAddressOfTheServicesOwnNetwork(String url, String reason) {
        assertThatThrownBy(() -> strict.check(url))
                .isInstanceOf(CallbackUrlRefusedException.class)
                .hasMessageContaining(reason);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            ftp://hooks.example.com/              | only http and https URLs are allowed, not ftp.
            file:///etc/passwd                    | only http and https URLs are allowed, not file.
            gopher://hooks.example.com/           | only http and https URLs are allowed, not gopher.
            https://user:pw@hooks.example.com/    | it must not carry a user name or password
            https://token@hooks.example.com/      | it must not carry a user name or password
            /hooks/transcoder                     | it must be an absolute http or https URL
            mailto:someone@example.com            | it must be an absolute http or https URL
            http:///path                          | it has no host name or address
            http://under_score.example.com/       | it has no host name or address
            https://hooks.example.com/a b         | it is not a valid URL (Illegal character in path at index 27).
            https://nowhere.invalid/              | its host nowhere.invalid does not resolve to an address.
            """)
    void refusesWhatIsNotAnHttpUrlOfAHostThatResolves(String url, String reason) {
        assertThatThrownBy(() -> strict.check(url))
                .isInstanceOf(CallbackUrlRefusedException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void tellsAHostThatDoesNotResolveFromOneThatMayNeverBeCalled() {
        assertThatThrownBy(() -> strict.check("https://nowhere.invalid/"))
                .asInstanceOf(throwable(CallbackUrlRefusedException.class))
                .returns(true, CallbackUrlRefusedException::unresolved);
        assertThatThrownBy(() -> strict.check("http://10.0.0.1/"))
                .asInstanceOf(throwable(CallbackUrlRefusedException.class))
                .returns(false, CallbackUrlRefusedException::unresolved);
    }

    @Test
    void refusesAnOverlongUrl() {
        String url = "https://hooks.example.com/" + "a".repeat(CallbackUrlPolicy.MAX_LENGTH);

        assertThatThrownBy(() -> strict.check(url)).hasMessage("it is longer than 2048 characters.");
    }

    @Test
    void parsesTheFormWithoutLookingTheHostUp() {
        assertThat(CallbackUrlPolicy.parse("https://nowhere.invalid/hook")).hasHost("nowhere.invalid");
        assertThatThrownBy(() -> CallbackUrlPolicy.parse("ftp://nowhere.invalid/"))
                .isInstanceOf(CallbackUrlRefusedException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080/hook", "http://10.1.2.3/", "http://[::1]:9/", "http://localhost/"})
    void acceptsWhatConfigurationAllows(String url) {
        CallbackUrlPolicy allowing = new CallbackUrlPolicy(List.of("127.0.0.1", " ::1 ", "10.1.0.0/16", ""),
                CallbackUrlPolicyTests::resolve);

        assertThat(allowing.check(url)).isEqualTo(URI.create(url));
    }

    @Test
    void allowsOnlyWhatConfigurationNames() {
        CallbackUrlPolicy allowing = new CallbackUrlPolicy(List.of("127.0.0.1", "10.1.0.0/16"),
                CallbackUrlPolicyTests::resolve);

        assertThatThrownBy(() -> allowing.check("http://[::1]/")).hasMessageContaining("loopback");
        assertThatThrownBy(() -> allowing.check("http://127.0.0.2/")).hasMessageContaining("loopback");
        assertThatThrownBy(() -> allowing.check("http://10.2.0.1/")).hasMessageContaining("private");
        // every address a name resolves to must pass, not just one of them
        assertThatThrownBy(() -> allowing.check("http://localhost/")).hasMessageContaining("::1");
    }

    @Test
    void refusesAnAllowedAddressThatIsNoAddress() {
        assertThatThrownBy(() -> new CallbackUrlPolicy(List.of("intranet.example.com")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Not an IP address");
        assertThatThrownBy(() -> new CallbackUrlPolicy(List.of("10.0.0.0/33")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writesAnIpv6AddressShort() throws Exception {
        assertThat(CallbackUrlPolicy.text(InetAddress.getByName("::1"))).isEqualTo("::1");
        assertThat(CallbackUrlPolicy.text(InetAddress.getByName("::"))).isEqualTo("::");
        assertThat(CallbackUrlPolicy.text(InetAddress.getByName("fe80::1"))).isEqualTo("fe80::1");
        assertThat(CallbackUrlPolicy.text(InetAddress.getByName("2001:db8:0:0:1:0:0:1"))).isEqualTo("2001:db8::1:0:0:1");
        assertThat(CallbackUrlPolicy.text(InetAddress.getByName("2001:db8:1:2:3:4:5:6"))).isEqualTo("2001:db8:1:2:3:4:5:6");
        assertThat(CallbackUrlPolicy.text(InetAddress.getByName("10.0.0.1"))).isEqualTo("10.0.0.1");
    }

    private static InetAddress[] resolve(String host) throws UnknownHostException {
        if (host.matches("[0-9A-Fa-f.:]+")) {
            return InetAddress.getAllByName(host);
        }
        List<String> addresses = DNS.get(host);
        if (addresses == null) {
            throw new UnknownHostException(host);
        }
        InetAddress[] resolved = new InetAddress[addresses.size()];
        for (int i = 0; i < resolved.length; i++) {
            resolved[i] = InetAddress.getByName(addresses.get(i));
        }
        return resolved;
    }
}
