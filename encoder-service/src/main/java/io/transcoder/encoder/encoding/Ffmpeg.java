package io.transcoder.encoder.encoding;

import com.github.kokorin.jaffree.LogLevel;
import com.github.kokorin.jaffree.Rational;
import com.github.kokorin.jaffree.ffmpeg.BaseOutput;
import com.github.kokorin.jaffree.ffmpeg.FFmpeg;
import com.github.kokorin.jaffree.ffmpeg.FFmpegResultFuture;
import com.github.kokorin.jaffree.ffmpeg.FFmpegResult;
import com.github.kokorin.jaffree.ffmpeg.NullOutput;
import com.github.kokorin.jaffree.ffmpeg.OutputListener;
import com.github.kokorin.jaffree.ffmpeg.UrlInput;
import com.github.kokorin.jaffree.ffprobe.FFprobe;
import com.github.kokorin.jaffree.ffprobe.FFprobeResult;
import com.github.kokorin.jaffree.ffprobe.SideData;
import com.github.kokorin.jaffree.ffprobe.Stream;
import com.github.kokorin.jaffree.log.LogMessage;
import com.github.kokorin.jaffree.process.JaffreeAbnormalExitException;
import com.github.kokorin.jaffree.process.StdReader;
import com.github.kokorin.jaffree.process.Stopper;
import io.transcoder.encoder.EncoderProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The one place that runs ffprobe and ffmpeg (through Jaffree). Every run reads the user's file as
 * {@link UntrustedInput} says, starts through the {@link Launcher} (no environment, dies with the JVM), and is stopped
 * when it outlives its time or stops making progress.
 */
@Component
class Ffmpeg {

    private static final Logger log = LoggerFactory.getLogger(Ffmpeg.class);

    // ffmpeg encodes this far past encoder.max-duration, so that a source whose file understates its length shows:
    // its rendition reaches past the limit by more than audio encoders pad an end (some tens of milliseconds)
    private static final Duration OVERRUN = Duration.ofSeconds(1);
    private static final Duration PADDING = Duration.ofMillis(250);
    private static final String PROBED = "format=duration,format_name"
            + ":stream=codec_type,codec_name,width,height,sample_aspect_ratio,avg_frame_rate,r_frame_rate"
            + ",field_order,pix_fmt,color_range,color_space,color_transfer,color_primaries,profile,codec_tag_string"
            + ",channels,sample_rate,duration"
            + ":stream_disposition=attached_pic,default:stream_side_data=rotation";
    private static final long POLL_MILLIS = 200;
    private static final long STOP_MILLIS = 10_000;
    private static final long SIZE_CHECK_NANOS = TimeUnit.SECONDS.toNanos(1);
    // idet's verdict over the frames it saw, each judged with its neighbours
    private static final Pattern IDET = Pattern.compile(
            "Multi frame detection: TFF: *(\\d+) BFF: *(\\d+) Progressive: *(\\d+)");
    private static final int SCAN_FRAMES = 100;
    private static final Duration DECODED_END = Duration.ofSeconds(1);

    private final EncoderProperties properties;
    private final Launcher launcher;

    Ffmpeg(EncoderProperties properties) {
        this.properties = properties;
        this.launcher = Launcher.create(properties.ffmpegPath());
        requireWorking(launcher.ffprobe());
        requireWorking(launcher.ffmpeg());
    }

    /**
     * Refuses to start without working tools: an encoder that consumed messages without them would fail every job,
     * and none of them through the user's fault.
     */
    private static void requireWorking(Path executable) {
        try {
            Process process = new ProcessBuilder(executable.toString(), "-version")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!process.waitFor(STOP_MILLIS, TimeUnit.MILLISECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(executable + " -version did not succeed: can setpriv set a "
                        + "parent-death signal here?");
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run " + executable + ", the script that starts the tool: is "
                    + "java.io.tmpdir mounted noexec?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while checking " + executable, e);
        }
    }

    /**
     * Probes a file, reading only the fields {@link Probe} has (never the tags, which a file may make megabytes long);
     * refuses one that is no media file ffprobe may open or that ffprobe stopped reading at one of our limits.
     */
    Probe probe(Path source) {
        AtomicReference<StdReader<FFprobeResult>> stderr = new AtomicReference<>();
        FFprobe ffprobe = new FFprobe(launcher.ffprobe()) {
            @Override
            protected StdReader<FFprobeResult> createStdErrReader() {
                stderr.set(super.createStdErrReader());
                return stderr.get();
            }
        };
        UntrustedInput.options(properties).forEach(ffprobe::addArguments);
        Future<FFprobeResult> running = ffprobe.setShowEntries(PROBED).setInput(url(source)).executeAsync();
        try {
            FFprobeResult result = running.get(properties.stallTimeout().toMillis(), TimeUnit.MILLISECONDS);
            UntrustedInput.refuseWhatFfprobeRefused(stderr.get().getErrorLogMessages(), properties);
            return ProbeResults.toProbe(result);
        } catch (ExecutionException e) {
            List<LogMessage> errors = stderr.get() == null ? List.of() : stderr.get().getErrorLogMessages();
            UntrustedInput.refuseWhatFfprobeRefused(errors, properties);
            // ffprobe that cannot open a stream's decoder stops in the middle of its output, which Jaffree reports as
            // unreadable output rather than as an exit status: that it complained shows that it ran
            if (errors.isEmpty()) {
                requireItRan(e);
            }
            log.info("ffprobe refused {}: {}", source, errors.stream().limit(5).map(error -> error.message).toList());
            throw EncodingException.inputNotVideo();
        } catch (TimeoutException e) {
            running.cancel(true);
            throw EncodingException.stalled(properties.stallTimeout());
        } catch (InterruptedException e) {
            running.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while probing " + source, e);
        }
    }

    /**
     * Runs ffmpeg over the user's file under every protection: the untrusted-input options, the {@link Launcher}, the
     * request's time limit, the stall watchdog, reading at most {@code encoder.max-duration} (and a second) of it, and
     * on every output no metadata of the source, at most {@code encoder.max-frame-rate}, and files of at most
     * {@code encoder.max-output-size}, which the request's folder as a whole may not reach either: a muxer writing
     * many files (HLS) bounds none of them by {@code -fs}.
     */
    FfmpegRun.Outcome run(EncodeRequest request, FfmpegRun run) {
        return run(request, run, line -> {});
    }

    private FfmpegRun.Outcome run(EncodeRequest request, FfmpegRun run, OutputListener lines) {
        request.guard().check();
        if (request.timeLimit().isNegative() || request.timeLimit().isZero()) {
            throw EncodingException.timedOut(properties.jobTimeLimit());
        }
        createDirectories(request.folder());
        Activity activity = new Activity();
        long expectedMillis = run.expected().toMillis();
        Killer killer = new Killer();
        UrlInput input = UrlInput.fromUrl(url(run.source()));
        UntrustedInput.options(properties).forEach(input::addArguments);
        if (!run.seek().isZero()) {
            input.addArguments("-ss", seconds(run.seek()));
        }
        // read at most encoder.max-duration (and a second) of it: on the input, so that a format's own -t still cuts
        // its output (and the check catches what that cut), while no option of a format can lift the limit
        Duration limit = properties.maxDuration().plus(OVERRUN);
        input.addArguments("-t", seconds(run.length() != null && run.length().compareTo(limit) < 0
                ? run.length() : limit));
        AtomicReference<StdReader<FFmpegResult>> stderr = new AtomicReference<>();
        FFmpeg ffmpeg = new FFmpeg(launcher.ffmpeg()) {
            @Override
            protected Stopper createStopper() {
                return killer;
            }

            @Override
            protected StdReader<FFmpegResult> createStdErrReader(OutputListener listener) {
                stderr.set(super.createStdErrReader(listener));
                return stderr.get();
            }
        }
                .addInput(input)
                .setOverwriteOutput(true)
                .setOutputListener(lines)
                .setProgressListener(progress -> {
                    activity.observe(progress);
                    if (progress.getSpeed() != null && progress.getSpeed() > 0) {
                        request.speed().accept(progress.getSpeed());
                    }
                    if (progress.getTimeMillis() != null) {
                        request.progress().accept(Math.min(99, Percent.of(progress.getTimeMillis(), expectedMillis)));
                    }
                });
        if (run.filterGraph() != null) {
            ffmpeg.setComplexFilter(run.filterGraph());
        }
        run.outputs().forEach(output -> ffmpeg.addOutput(protect(output)));
        try (EncodeGuard.Registration watched = request.guard().watch(killer)) {
            await(ffmpeg.executeAsync(), killer, request, run, activity);
        }
        // a stopped ffmpeg may still have ended well, with what it had written
        request.guard().check();
        if (reachedSizeLimit(request.folder())) {
            throw EncodingException.outputTooLarge(request.formatId(), properties.maxOutputSize());
        }
        if (activity.reached().compareTo(properties.maxDuration().plus(PADDING)) > 0) {
            log.warn("{} said it lasts {} but played on past {}", run.source(), run.expected(), activity.reached());
            throw EncodingException.inputLongerThanItSays(properties.maxDuration());
        }
        return new FfmpegRun.Outcome(activity.reached(),
                stderr.get() != null && !stderr.get().getErrorLogMessages().isEmpty());
    }

    /**
     * Whether a video that does not say it is interlaced is: {@code idet} over a hundred frames from a third into it
     * (past titles and black, which it cannot judge), under the same protections as an encode. {@code folder} is
     * only written to by nothing; interlaced when at least a quarter of the frames it could judge were.
     */
    SourceVideo.Scan detectScan(SourceVideo source, Path folder, Duration timeLimit, EncodeGuard guard) {
        Duration seek = source.duration().compareTo(Duration.ofSeconds(12)) > 0
                ? source.duration().dividedBy(3) : Duration.ZERO;
        double rate = source.frameRate() > 0 ? source.frameRate() : 25;
        Duration sample = Duration.ofMillis((long) Math.ceil(SCAN_FRAMES * 1000 / rate));
        NullOutput output = new NullOutput(false);
        output.addArguments("-map", "[scan]").addArguments("-frames:v", String.valueOf(SCAN_FRAMES));
        AtomicReference<String> verdict = new AtomicReference<>();
        run(new EncodeRequest("idet", folder, timeLimit, percent -> {}, speed -> {}, guard),
                new FfmpegRun(source.file(), seek, sample, "[0:V:0]idet[scan]", List.of(output), sample),
                line -> {
                    if (IDET.matcher(line).find()) {
                        verdict.set(line);
                    }
                });
        Matcher counts = IDET.matcher(String.valueOf(verdict.get()));
        if (!counts.find()) {
            log.warn("idet said nothing of {}; taking it for progressive", source.file());
            return SourceVideo.Scan.PROGRESSIVE;
        }
        long top = Long.parseLong(counts.group(1));
        long bottom = Long.parseLong(counts.group(2));
        long progressive = Long.parseLong(counts.group(3));
        if (top + bottom < 3 || (top + bottom) * 3 < progressive) {
            return SourceVideo.Scan.PROGRESSIVE;
        }
        return top >= bottom ? SourceVideo.Scan.TOP_FIRST : SourceVideo.Scan.BOTTOM_FIRST;
    }

    /**
     * Probes a rendition the encoder wrote (an HLS media playlist with what it names, too): trusted as far as reading
     * local files goes, and no further.
     */
    Probe inspect(Path rendition) {
        FFprobe ffprobe = new FFprobe(launcher.ffprobe()).addArguments("-protocol_whitelist", "file");
        Future<FFprobeResult> running = ffprobe.setShowEntries(PROBED).setInput(rendition.toString()).executeAsync();
        try {
            return ProbeResults.toProbe(running.get(properties.stallTimeout().toMillis(), TimeUnit.MILLISECONDS));
        } catch (ExecutionException e) {
            requireItRan(e);
            return new Probe("unreadable", Duration.ZERO, List.of());
        } catch (TimeoutException e) {
            running.cancel(true);
            throw EncodingException.stalled(properties.stallTimeout());
        } catch (InterruptedException e) {
            running.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while probing " + rendition, e);
        }
    }

    /**
     * What ffmpeg complains of decoding a rendition's first second and its last (all of a picture): nothing for a
     * rendition that decodes cleanly. It stops at the first error ({@code -xerror}).
     */
    List<String> decodeErrors(Path rendition, Duration duration) {
        return decodeErrors(rendition, duration, List.of());
    }

    /**
     * As {@link #decodeErrors(Path, Duration)}, but the end decoded is {@code end}: the files that hold it, read one
     * after the other (an HLS rung's init segment and its last media segment, as a player reads them; ffmpeg 5.1's
     * HLS demuxer seeking near the end of fMP4 complains of partial files that are whole).
     */
    List<String> decodeErrors(Path rendition, Duration duration, List<Path> end) {
        AtomicReference<StdReader<FFmpegResult>> stderr = new AtomicReference<>();
        Killer killer = new Killer();
        FFmpeg ffmpeg = new FFmpeg(launcher.ffmpeg()) {
            @Override
            protected Stopper createStopper() {
                return killer;
            }

            @Override
            protected StdReader<FFmpegResult> createStdErrReader(OutputListener listener) {
                stderr.set(super.createStdErrReader(listener));
                return stderr.get();
            }
        }.addArgument("-xerror").setLogLevel(LogLevel.ERROR).setProgressListener(progress -> {});
        String path = rendition.toString();
        ffmpeg.addInput(UrlInput.fromUrl(path).addArguments("-protocol_whitelist", "file")
                .addArguments("-t", seconds(DECODED_END)));
        NullOutput output = new NullOutput(false);
        output.addArguments("-map", "0");
        if (!end.isEmpty()) {
            String joined = "concat:" + String.join("|", end.stream().map(file -> file.toAbsolutePath().toString())
                    .toList());
            ffmpeg.addInput(UrlInput.fromUrl(joined).addArguments("-protocol_whitelist", "concat,file"));
            output.addArguments("-map", "1");
        } else if (duration.compareTo(DECODED_END) > 0) {
            ffmpeg.addInput(UrlInput.fromUrl(path).addArguments("-protocol_whitelist", "file")
                    .addArguments("-ss", seconds(duration.minus(DECODED_END))));
            output.addArguments("-map", "1");
        }
        FFmpegResultFuture running = ffmpeg.addOutput(output).executeAsync();
        try {
            running.get(properties.stallTimeout().toMillis(), TimeUnit.MILLISECONDS);
            return stderr.get().getErrorLogMessages().stream().map(message -> message.message).toList();
        } catch (ExecutionException e) {
            requireItRan(e);
            List<String> errors = stderr.get().getErrorLogMessages().stream().map(message -> message.message).toList();
            return errors.isEmpty() ? List.of(String.valueOf(e.getCause().getMessage())) : errors;
        } catch (TimeoutException e) {
            killer.forceStop();
            killer.awaitExit(STOP_MILLIS);
            throw EncodingException.stalled(properties.stallTimeout());
        } catch (InterruptedException e) {
            killer.forceStop();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while decoding " + rendition, e);
        }
    }

    /**
     * An output that only takes in the source's video: a run whose real output appears at its very end (a poster, a
     * sprite sheet) would show no progress without it, and look stalled to the watchdog.
     */
    static NullOutput progressOutput() {
        return new NullOutput(false).addArguments("-map", "0:V:0");
    }

    private BaseOutput<?> protect(BaseOutput<?> output) {
        // phones record where a video was shot in its metadata, and renditions are shared by link
        return output.addArguments("-map_metadata", "-1")
                .addArguments("-fpsmax", String.valueOf(properties.maxFrameRate()))
                .addArguments("-fs", String.valueOf(properties.maxOutputSize().toBytes()));
    }

    private void await(FFmpegResultFuture running, Killer killer, EncodeRequest request, FfmpegRun run,
            Activity activity) {
        long deadline = System.nanoTime() + request.timeLimit().toNanos();
        long sizeCheck = System.nanoTime();
        while (true) {
            try {
                running.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
                return;
            } catch (TimeoutException e) {
                // once a stop has ended ffmpeg nothing writes into the folder any more; Jaffree may take a while (up
                // to ten seconds) to give up on a progress connection that ffmpeg, killed early, never opened
                if (request.guard().stopped() && killer.ended()) {
                    request.guard().check();
                }
                if (System.nanoTime() - deadline >= 0) {
                    stop(killer, request, run, "ran out of time");
                    throw EncodingException.timedOut(properties.jobTimeLimit());
                }
                if (activity.quietFor().compareTo(properties.stallTimeout()) >= 0) {
                    stop(killer, request, run, "stalled");
                    throw EncodingException.stalled(properties.stallTimeout());
                }
                if (System.nanoTime() - sizeCheck >= SIZE_CHECK_NANOS) {
                    sizeCheck = System.nanoTime();
                    if (reachedSizeLimit(request.folder())) {
                        stop(killer, request, run, "wrote too much");
                        throw EncodingException.outputTooLarge(request.formatId(), properties.maxOutputSize());
                    }
                }
            } catch (ExecutionException e) {
                // killed because the job was cancelled or the encoder stops: no fault of the file's
                request.guard().check();
                // ffmpeg may also end in an error when -fs cut a file off
                if (reachedSizeLimit(request.folder())) {
                    throw EncodingException.outputTooLarge(request.formatId(), properties.maxOutputSize());
                }
                requireItRan(e);
                log.warn("ffmpeg failed to encode {} as {}: {}", run.source(), request.formatId(),
                        e.getCause().getMessage());
                throw EncodingException.encoderFailed(request.formatId(), e.getCause());
            } catch (InterruptedException e) {
                stop(killer, request, run, "was interrupted");
                Thread.currentThread().interrupt();
                request.guard().check();
                throw new IllegalStateException("Interrupted while encoding " + run.source(), e);
            }
        }
    }

    /** Kills ffmpeg and waits until it is gone, so that nothing writes into the job's directory afterwards. */
    private static void stop(Killer killer, EncodeRequest request, FfmpegRun run, String why) {
        log.warn("Stopping ffmpeg encoding {} as {}: it {}", run.source(), request.formatId(), why);
        killer.forceStop();
        killer.awaitExit(STOP_MILLIS);
    }

    /**
     * A run that could not start says nothing about the user's file (the tools worked at start-up, so they broke
     * since): it fails the job as an unexpected error, STAGE_ERROR, not as the file's fault.
     */
    private static void requireItRan(ExecutionException e) {
        if (!(e.getCause() instanceof JaffreeAbnormalExitException)) {
            throw new IllegalStateException("Could not run ffmpeg or ffprobe", e.getCause());
        }
    }

    private boolean reachedSizeLimit(Path folder) {
        return RenditionFiles.size(folder) >= properties.maxOutputSize().toBytes();
    }

    /** A duration as ffmpeg's options take it: {@code 6.000}. */
    static String seconds(Duration duration) {
        return BigDecimal.valueOf(duration.toMillis(), 3).toPlainString();
    }

    // an explicit protocol, so that no part of a file name is ever read as one
    static String url(Path path) {
        return "file:" + path.toAbsolutePath();
    }

    private static void createDirectories(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
