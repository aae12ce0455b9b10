package io.atolldb.deploy;

import io.atolldb.router.auth.AdminCredentials;
import io.atolldb.router.auth.Authenticator;
import io.atolldb.router.auth.SigV4Verifier;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code --auth} of {@code atoll dev} and {@code atoll router}: off by default, the admin key shown once when generated. */
class AuthOptionTest {
    private static final Map<String, String> KEY = Map.of(AdminCredentials.ACCESS_KEY_ID_ENV, "ATOLLGIVENKEY",
            AdminCredentials.SECRET_ACCESS_KEY_ENV, "given-secret");

    private static AuthOption parsed(String... args) {
        DevCommand dev = new DevCommand();
        new CommandLine(dev).parseArgs(args);
        return dev.auth;
    }

    @Test
    void withoutTheFlagAnyCredentialsAreAccepted() {
        assertThat(parsed().authenticator(KEY, true, new PrintStream(new ByteArrayOutputStream())))
                .isInstanceOf(Authenticator.AcceptAll.class);
    }

    @Test
    void withTheFlagAndNoKeyInTheEnvironmentTheDevClusterGeneratesOneAndPrintsIt() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Authenticator authenticator = parsed("--auth").authenticator(Map.of(), true, new PrintStream(printed, true, StandardCharsets.UTF_8));
        assertThat(authenticator).isInstanceOf(SigV4Verifier.class);
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .containsPattern("export AWS_ACCESS_KEY_ID=ATOLL[A-Z2-7]{15}\n")
                .containsPattern("export AWS_SECRET_ACCESS_KEY=[A-Za-z0-9+/]{40}\n");
    }

    @Test
    void aKeyFromTheEnvironmentIsNamedButItsSecretNeverPrinted() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        parsed("--auth").authenticator(KEY, false, new PrintStream(printed, true, StandardCharsets.UTF_8));
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("ATOLLGIVENKEY").doesNotContain("given-secret");
    }

    @Test
    void theRouterTakesTheSameFlag() {
        RouterCommand router = new RouterCommand();
        new CommandLine(router).parseArgs("--auth", "--metadata", "127.0.0.1:7100");
        assertThat(router.auth.enabled).isTrue();
        new CommandLine(router).parseArgs("--auth=false", "--metadata", "127.0.0.1:7100");
        assertThat(router.auth.enabled).isFalse();
    }

    @Test
    void aRouterWithTheFlagRefusesToMakeUpAKeyTheOtherRoutersWouldNotKnow() {
        assertThatThrownBy(() -> parsed("--auth").authenticator(Map.of(), false, new PrintStream(new ByteArrayOutputStream())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(AdminCredentials.ACCESS_KEY_ID_ENV);
    }
}
