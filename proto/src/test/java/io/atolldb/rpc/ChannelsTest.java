package io.atolldb.rpc;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pool hands out one channel per address and none after it is closed. */
class ChannelsTest {

    @Test
    void oneChannelPerAddressUntilClosedThenNone() {
        var channels = new Channels();
        var first = channels.get("127.0.0.1:1");

        assertThat(channels.get("127.0.0.1:1")).isSameAs(first);
        assertThat(channels.get("127.0.0.1:2")).isNotSameAs(first);

        channels.close();

        assertThat(first.isShutdown()).isTrue();
        assertThatThrownBy(() -> channels.get("127.0.0.1:1"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> channels.get("127.0.0.1:3"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void anAddressThatIsNotHostAndPortIsRefused() {
        try (var channels = new Channels()) {
            assertThatThrownBy(() -> channels.get("no-port")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("host:port");
        }
    }
}
