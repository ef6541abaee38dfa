package io.transcoder.downloader.space;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

class SpaceGateTests {

    private static final long MIN = 1_000;
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    private final AtomicLong free = new AtomicLong(10_000);
    private final AtomicInteger quiet = new AtomicInteger();
    private final AtomicInteger sizeLookups = new AtomicInteger();
    private final AtomicInteger downloads = new AtomicInteger();
    private final SpaceGate gate = new SpaceGate(free::get, MIN, Clock.fixed(NOW, ZoneOffset.UTC));

    SpaceGateTests() {
        gate.onQuiet(quiet::incrementAndGet);
    }

    @Test
    void downloadsASourceThatFitsAboveTheMinimum() {
        free.set(MIN + 500);

        assertThat(gate.runIfRoom("j1", size(500), downloads::incrementAndGet)).isTrue();

        assertThat(downloads).hasValue(1);
        assertThat(gate.waiting()).isEmpty();
        assertThat(quiet).hasValue(0);
    }

    @Test
    void refusesASourceThatWouldEatIntoTheMinimumAndClosesUntilItsRoomIsThere() {
        free.set(MIN + 499);

        assertThat(gate.runIfRoom("j1", size(500), downloads::incrementAndGet)).isFalse();

        assertThat(downloads).hasValue(0);
        assertThat(gate.waiting()).contains(new SpaceGate.Waiting(MIN + 500, NOW));
        assertThat(gate.isQuiet()).isTrue();
        assertThat(quiet).hasValue(1);
        free.set(MIN + 499);
        assertThat(gate.check()).isFalse();
        free.set(MIN + 500);
        assertThat(gate.check()).isTrue();
        assertThat(gate.waiting()).isEmpty();
    }

    @Test
    void takesNoJobAtAllWhileClosedNotEvenOneThatWouldFitAndDoesNotAskItsSize() {
        free.set(MIN + 100);
        gate.runIfRoom("big", size(5_000), downloads::incrementAndGet);

        assertThat(gate.runIfRoom("small", size(1), downloads::incrementAndGet)).isFalse();

        assertThat(downloads).hasValue(0);
        assertThat(sizeLookups).hasValue(1);
        assertThat(quiet).hasValue(2);
    }

    @Test
    void closesWhenTheVolumeFallsBelowItsMinimumAndOpensWhenItIsBack() {
        assertThat(gate.check()).isTrue();
        free.set(MIN - 1);

        assertThat(gate.check()).isFalse();
        assertThat(gate.waiting()).contains(new SpaceGate.Waiting(MIN, NOW));
        assertThat(gate.runIfRoom("j1", size(0), downloads::incrementAndGet)).isFalse();

        free.set(MIN);
        assertThat(gate.check()).isTrue();
        assertThat(gate.runIfRoom("j1", size(0), downloads::incrementAndGet)).isTrue();
    }

    @Test
    void isNotQuietWhileADownloadRunsAndSaysSoWhenTheLastOneEnds() {
        gate.runIfRoom("j1", size(100), () -> {
            free.set(MIN - 1);
            assertThat(gate.check()).isFalse();
            assertThat(gate.isQuiet()).isFalse();
            assertThat(quiet).hasValue(0);
        });

        assertThat(gate.isQuiet()).isTrue();
        assertThat(quiet).hasValue(1);
    }

    @Test
    void aJobMeetingTheClosedGateWaitsForTheRunningDownloadToEndThenStaysQueued() throws Exception {
        CountDownLatch downloading = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        CompletableFuture<Boolean> first = CompletableFuture.supplyAsync(() -> gate.runIfRoom("j1", size(100), () -> {
            downloading.countDown();
            awaitLatch(finish);
        }));
        assertThat(downloading.await(10, TimeUnit.SECONDS)).isTrue();
        free.set(MIN - 1);
        gate.check();
        Thread[] waiter = new Thread[1];
        CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(() -> {
            waiter[0] = Thread.currentThread();
            return gate.runIfRoom("j2", size(1), downloads::incrementAndGet);
        });

        await().atMost(Duration.ofSeconds(10))
                .until(() -> waiter[0] != null && waiter[0].getState() == Thread.State.WAITING);
        assertThat(second).isNotDone();
        finish.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(second.get(10, TimeUnit.SECONDS)).isFalse();
        assertThat(downloads).hasValue(0);
        assertThat(gate.isQuiet()).isTrue();
    }

    @Test
    void aSourceTooBigToAddUpDoesNotWrapAroundIntoFitting() {
        free.set(Long.MAX_VALUE - 1);

        assertThat(gate.runIfRoom("j1", size(Long.MAX_VALUE), downloads::incrementAndGet)).isFalse();
        assertThat(gate.waiting()).map(SpaceGate.Waiting::needed).contains(Long.MAX_VALUE);
    }

    private LongSupplier size(long bytes) {
        return () -> {
            sizeLookups.incrementAndGet();
            return bytes;
        };
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
