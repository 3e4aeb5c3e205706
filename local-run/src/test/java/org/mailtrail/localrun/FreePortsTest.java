package org.mailtrail.localrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FreePortsTest {

    @TempDir
    Path dir;

    @Test
    void takesPortsFrom20000To32000WhenTheEphemeralRangeStartsAtLinuxsDefault() {
        FreePorts ports = FreePorts.belowEphemeralRange(32768);

        assertThat(ports.first()).isEqualTo(20000);
        assertThat(ports.last()).isEqualTo(32000);
    }

    @Test
    void endsBelowAnEphemeralRangeThatStartsLower() {
        FreePorts ports = FreePorts.belowEphemeralRange(24000);

        assertThat(ports.first()).isEqualTo(20000);
        assertThat(ports.last()).isEqualTo(23999);
    }

    @Test
    void reachesBelow20000WhenTheEphemeralRangeLeavesTooFewPortsAbove() {
        FreePorts ports = FreePorts.belowEphemeralRange(10000);

        assertThat(ports.first()).isEqualTo(8000);
        assertThat(ports.last()).isEqualTo(9999);
    }

    @Test
    void refusesAnEphemeralRangeThatLeavesTooFewUnprivilegedPorts() {
        assertThatThrownBy(() -> FreePorts.belowEphemeralRange(1500)).isInstanceOf(IllegalStateException.class)
                .hasMessage("the ephemeral port range starts at 1500: below it are fewer than 1000 unprivileged ports"
                        + " for the stack's processes");
    }

    @Test
    void readsTheStartOfTheEphemeralRangeAsTheKernelWritesIt() throws IOException {
        Path range = Files.writeString(dir.resolve("ip_local_port_range"), "40000\t60999\n");

        assertThat(FreePorts.ephemeralStart(range)).isEqualTo(40000);
    }

    @Test
    void assumesLinuxsDefaultWhereTheSystemDoesNotSay() {
        assertThat(FreePorts.ephemeralStart(dir.resolve("absent"))).isEqualTo(32768);
    }

    @Test
    void refusesARangeFileThatHoldsNoRange() throws IOException {
        Path range = Files.writeString(dir.resolve("ip_local_port_range"), "60999 40000\n");

        assertThatThrownBy(() -> FreePorts.ephemeralStart(range)).isInstanceOf(IllegalStateException.class)
                .hasMessage(range + " holds \"60999 40000\", not a range of ports \"first last\"");
    }

    @Test
    void refusesARangeOfPortsThatIsNone() {
        assertThatThrownBy(() -> new FreePorts(30000, 29999)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ports 30000-29999 are no range of unprivileged ports");
    }

    @Test
    void skipsAPortSomethingListensOn() throws IOException {
        int taken;
        int port;
        try (ServerSocket listener = new ServerSocket(0)) {
            taken = listener.getLocalPort();
            assertThatThrownBy(() -> new FreePorts(taken, taken).next()).isInstanceOf(IllegalStateException.class)
                    .hasMessage("no free port left between " + taken + " and " + taken);
        }
        port = new FreePorts(taken, taken).next();

        assertThat(port).as("the same port once its listener closed").isEqualTo(taken);
    }

    @Test
    void handsOutEachPortOnceEvenIfNoOneBindsIt() throws IOException {
        int first;
        try (ServerSocket probe = new ServerSocket(0)) {
            first = probe.getLocalPort();
        }
        FreePorts ports = new FreePorts(first, first);

        assertThat(ports.next()).isEqualTo(first);
        assertThatThrownBy(ports::next).isInstanceOf(IllegalStateException.class)
                .hasMessage("no free port left between " + first + " and " + first);
    }

    @Test
    void givesTwoStacksOfOneJvmDistinctPortsBelowTheEphemeralRange() {
        int ephemeralStart = FreePorts.ephemeralStart(Path.of("/proc/sys/net/ipv4/ip_local_port_range"));
        List<Integer> handedOut = new ArrayList<>(MailtrailStack.Ports.free().all());
        handedOut.addAll(MailtrailStack.Ports.free().all());

        assertThat(handedOut).hasSize(16).doesNotHaveDuplicates()
                .allSatisfy(port -> assertThat(port).isBetween(1024, ephemeralStart - 1));
    }
}
