package io.pushfleet.bench.fleet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProcStatsTest {

    @Test
    void readsTheTcpLineOfSockstat() {
        ProcStats.Sockstat s = ProcStats.Sockstat.parse(List.of(
                "sockets: used 40123",
                "TCP: inuse 40001 orphan 2 tw 17 alloc 40010 mem 9876",
                "UDP: inuse 0 mem 0"));
        assertThat(s).isEqualTo(new ProcStats.Sockstat(40_123, 40_001, 2, 17, 40_010, 9_876));
        assertThat(s.tcpMemBytes()).isEqualTo(9_876L * 4096);
    }

    @Test
    void unknownSockstatFieldsAreMinusOne() {
        assertThat(ProcStats.Sockstat.parse(List.of("TCP: inuse 3")).tcpMemBytes()).isEqualTo(-1);
    }

    @Test
    void findsTheInodeOfTheListenerOnAPort() {
        List<String> table = List.of(
                "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
                "   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4242 1",
                "   1: 0100007F:1F90 0101007F:9C40 01 00000000:00000000 00:00000000 00000000     0        0 4343 1",
                "   2: 0100007F:1F91 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4444 1");
        assertThat(ProcStats.listeningInodes(table, 8080)).containsExactly("4242");
    }

    @Test
    void findsThisProcessListeningOnItsPort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            assertThat(ProcStats.listenerPid(s.getLocalPort())).hasValue(ProcessHandle.current().pid());
        }
    }

    @Test
    void readsKilobyteFieldsAsBytes(@TempDir Path dir) throws IOException {
        Path status = dir.resolve("status");
        Files.writeString(status, "Name:\tjava\nVmRSS:\t  123456 kB\n");
        assertThat(ProcStats.kbField(status, "VmRSS:")).isEqualTo(123_456L * 1024);
        assertThat(ProcStats.kbField(status, "VmSwap:")).isEqualTo(-1);
        assertThat(ProcStats.rssBytes(ProcessHandle.current().pid())).isPositive();
    }

    @Test
    void readsTheBoxUseAsTotalLessAvailable(@TempDir Path dir) throws IOException {
        Path meminfo = dir.resolve("meminfo");
        Files.writeString(meminfo, "MemTotal:       24000000 kB\nMemFree:        20000000 kB\nMemAvailable:   21000000 kB\n");
        assertThat(ProcStats.boxUsedBytes(meminfo)).isEqualTo(3_000_000L * 1024);
        Files.writeString(meminfo, "MemTotal:       24000000 kB\n");
        assertThat(ProcStats.boxUsedBytes(meminfo)).isEqualTo(-1);
        assertThat(ProcStats.boxUsedBytes()).isPositive();
    }

    @Test
    void readsTheShareOfTimeSpentStalledOnMemory(@TempDir Path dir) throws IOException {
        Path pressure = dir.resolve("memory");
        Files.writeString(pressure, "some avg10=61.93 avg60=62.31 avg300=44.15 total=223782455\n"
                + "full avg10=28.03 avg60=28.08 avg300=18.78 total=93838174\n");
        assertThat(ProcStats.memoryStallPercent(pressure)).hasValue(61.93);
        Files.writeString(pressure, "full avg10=28.03 avg60=28.08 avg300=18.78 total=93838174\n");
        assertThat(ProcStats.memoryStallPercent(pressure)).isEmpty();
        assertThat(ProcStats.memoryStallPercent(dir.resolve("absent"))).isEmpty();
    }
}
