package org.mailtrail.localrun.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcessSamplerTest {

    @Test
    void sumsTheHeapPoolsOfTheMicrometerPrometheusOutput() {
        String scrape = """
                # HELP jvm_memory_used_bytes The amount of used memory
                # TYPE jvm_memory_used_bytes gauge
                jvm_memory_used_bytes{application="interaction-matcher",area="heap",id="Tenured Gen"} 5.0E7
                jvm_memory_used_bytes{application="interaction-matcher",area="heap",id="Eden Space"} 2.5E7
                jvm_memory_used_bytes{application="interaction-matcher",area="nonheap",id="Metaspace"} 9.0E7
                jvm_memory_max_bytes{application="interaction-matcher",area="heap",id="Eden Space"} 1.0E8
                """;

        assertThat(ProcessSampler.heapUsedIn(scrape)).isEqualTo(75_000_000L);
    }

    @Test
    void readsTheResidentSetOfThisProcess() {
        assertThat(ProcessSampler.status(ProcessHandle.current().pid())).containsKeys("VmRSS", "VmHWM");
    }
}
