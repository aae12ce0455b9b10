package io.atolldb.consensus.internal;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class FirstLeadersTest {
    private final List<String> handOvers = new ArrayList<>();
    private final FirstLeaders here = new FirstLeaders("n1");

    FirstLeadersTest() {
        here.onHandOver((group, target) -> handOvers.add(group + "->" + target));
    }

    @Test
    void aFirstLeaderThatIsNotPreferredHandsOverOnceReady() {
        UUID group = UUID.randomUUID();
        here.expect(group, "n2");

        here.leaderChanged(group, "n1");
        assertThat(handOvers).isEmpty();
        here.leaderReady(group);
        here.leaderReady(group); // a later term of ours: the preference was spent

        assertThat(handOvers).containsExactly(group + "->n2");
        assertThat(here.waiting(group)).isFalse();
    }

    @Test
    void anotherFirstLeaderOrThePreferredOneEndsTheWait() {
        UUID ledElsewhere = UUID.randomUUID();
        UUID ledHereAsPreferred = UUID.randomUUID();
        here.expect(ledElsewhere, "n2");
        here.expect(ledHereAsPreferred, "n1");

        here.leaderChanged(ledElsewhere, "n3");
        here.leaderChanged(ledHereAsPreferred, "n1");
        here.leaderReady(ledElsewhere);
        here.leaderReady(ledHereAsPreferred);

        assertThat(handOvers).isEmpty();
        assertThat(here.waiting(ledElsewhere)).isFalse();
        assertThat(here.waiting(ledHereAsPreferred)).isFalse();
    }

    @Test
    void aForgottenGroupHandsNothingOver() {
        UUID group = UUID.randomUUID();
        here.expect(group, "n3");
        here.forget(group);

        here.leaderChanged(group, "n1");
        here.leaderReady(group);

        assertThat(handOvers).isEmpty();
    }
}
