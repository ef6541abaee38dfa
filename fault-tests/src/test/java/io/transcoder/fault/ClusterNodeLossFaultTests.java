package io.transcoder.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Scenario 3: a three-node RabbitMQ cluster; mid-pipeline the node most quorum-queue leaders live on is stopped (and
 * stays down). The services were given all three addresses.
 */
class ClusterNodeLossFaultTests {

    @Test
    void completesEveryJobThoughTheNodeLeadingMostQueuesStops() throws Exception {
        Instant started = Instant.now();
        try (FaultSystem system = new FaultSystem(FaultSetup.of("cluster-node-lost").withRabbitNodes(3));
                JobWatch watch = new JobWatch(system.api())) {
            List<Submitted> jobs = Workload.submit(system, watch, Workload.clip(system, "clip.mp4", 3), "mp4", 20);
            List<String> notes = new ArrayList<>();
            watch.awaitAnyIn("ENCODING", Duration.ofMinutes(3));
            Map<String, Long> leaders = leadersPerNode(system.rabbit().get(1));
            RabbitNode victim = system.rabbit().stream()
                    .max(Comparator.comparing(node -> leaders.getOrDefault(node.nodeName(), 0L))).orElseThrow();
            notes.add("queue leaders per node " + leaders + "; stopping " + victim.nodeName() + " (address "
                    + (system.rabbit().indexOf(victim) + 1) + " of 3) with jobs " + watch.now());
            victim.stop();
            RabbitNode survivor = system.rabbit().stream().filter(RabbitNode::isRunning).findFirst().orElseThrow();
            Workload.hold(Duration.ofSeconds(15));
            notes.add("leaders 15 s later " + leadersPerNode(survivor));

            Ledger ledger = Ledger.settle(system, jobs, Duration.ofMinutes(5), started, notes).report();

            assertThat(ledger.count(Ledger.Outcome.LOST)).as("lost").isZero();
            assertThat(ledger.count(Ledger.Outcome.DUPLICATED)).as("duplicated").isZero();
            assertThat(ledger.count(Ledger.Outcome.COMPLETED)).as("completed").isEqualTo(jobs.size());
            assertThat(ledger.leftInWorkVolume()).as("work volume").isEmpty();
        }
    }

    /** Of the namespace's quorum queues, how many each node leads ({@code rabbitmqctl list_queues name leader}). */
    private static Map<String, Long> leadersPerNode(RabbitNode node) {
        Map<String, Long> leaders = new TreeMap<>();
        node.ctl("list_queues", "name", "leader").lines().map(line -> line.trim().split("\\s+"))
                .filter(columns -> columns.length == 2 && columns[1].contains("@"))
                .forEach(columns -> leaders.merge(columns[1], 1L, Long::sum));
        return leaders;
    }
}
