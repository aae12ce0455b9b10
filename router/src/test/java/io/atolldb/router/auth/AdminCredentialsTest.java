package io.atolldb.router.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The operator's admin identity: taken from the environment when given there, else generated in AWS's key shape. */
class AdminCredentialsTest {
    private final SecureRandom random = new SecureRandom();

    @Test
    void aKeyGivenInTheEnvironmentIsUsedAsIs() {
        var chosen = AdminCredentials.fromEnvironment(Map.of(AdminCredentials.ACCESS_KEY_ID_ENV, "ATOLLGIVEN",
                AdminCredentials.SECRET_ACCESS_KEY_ENV, "given-secret"), random);
        assertThat(chosen.generated()).isFalse();
        assertThat(chosen.identity().accessKeyId()).isEqualTo("ATOLLGIVEN");
        assertThat(chosen.identity().secret().value()).isEqualTo("given-secret");
        assertThat(chosen.identity().principal()).isEqualTo(AdminCredentials.ADMIN);
        assertThat(chosen.identity().principal().arn()).isEqualTo("arn:aws:iam::000000000000:user/admin");
    }

    @Test
    void withoutAKeyInTheEnvironmentOneIsGeneratedInTheShapeOfAnAwsKey() {
        var chosen = AdminCredentials.fromEnvironment(Map.of(), random);
        assertThat(chosen.generated()).isTrue();
        assertThat(chosen.identity().accessKeyId()).hasSize(20).matches("ATOLL[A-Z2-7]{15}");
        assertThat(chosen.identity().secret().value()).hasSize(40).matches("[A-Za-z0-9+/]{40}");
        assertThat(AdminCredentials.fromEnvironment(Map.of(), random).identity().accessKeyId())
                .isNotEqualTo(chosen.identity().accessKeyId());
    }

    @Test
    void halfAKeyInTheEnvironmentIsAMistakeNotAReasonToGenerateOne() {
        assertThatThrownBy(() -> AdminCredentials.fromEnvironment(Map.of(AdminCredentials.ACCESS_KEY_ID_ENV, "ATOLLGIVEN"), random))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(AdminCredentials.SECRET_ACCESS_KEY_ENV);
        assertThatThrownBy(() -> AdminCredentials.fromEnvironment(Map.of(AdminCredentials.ACCESS_KEY_ID_ENV, " ",
                AdminCredentials.SECRET_ACCESS_KEY_ENV, "s"), random)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSecretNeverShowsInTextMeantForLogs() {
        var identity = AdminCredentials.fromEnvironment(Map.of(), random).identity();
        assertThat(identity.toString()).doesNotContain(identity.secret().value()).contains(identity.accessKeyId());
    }
}
