package io.transcoder.encoder.encoding;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Scripts that Jaffree runs in place of ffmpeg and ffprobe, since it cannot set a process's environment. Each replaces
 * itself (same process, so {@link Killer} still reaches the tool) with the tool under {@code env -i}, so that the tool
 * inherits nothing of the JVM's environment (the broker password, storage keys), and under {@code setpriv
 * --pdeathsig KILL}, so that the kernel kills it when the thread that started it ends: Jaffree's {@code executeAsync}
 * starts each run on a platform thread of its own that waits for it, and every thread ends with the JVM, even one
 * killed with SIGKILL. (A run started from a virtual thread would die with whichever carrier thread forked it.)
 */
record Launcher(Path ffmpeg, Path ffprobe) {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    /** Writes the scripts into a new directory only this user may change: whoever can edit them runs as us. */
    static Launcher create(@Nullable Path toolDirectory) {
        try {
            Path directory = Files.createTempDirectory("encoder-tools-", ownerOnly());
            directory.toFile().deleteOnExit();
            return new Launcher(script(directory, tool(toolDirectory, "ffmpeg")),
                    script(directory, tool(toolDirectory, "ffprobe")));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the scripts that start ffmpeg", e);
        }
    }

    private static Path script(Path directory, Path tool) throws IOException {
        Path script = directory.resolve(tool.getFileName().toString());
        // no-new-privs as well: nothing ffmpeg might be tricked into running gains privileges through a setuid binary
        String body = "#!/bin/sh\nexec " + quote(onPath("setpriv")) + " --no-new-privs --pdeathsig KILL -- "
                + quote(onPath("env")) + " -i " + quote(tool) + " \"$@\"\n";
        Files.writeString(Files.createFile(script, ownerOnly()), body);
        script.toFile().deleteOnExit();
        return script;
    }

    private static Path tool(@Nullable Path toolDirectory, String name) {
        Path tool = toolDirectory == null ? onPathOrNull(name) : toolDirectory.resolve(name).toAbsolutePath();
        if (tool == null || !Files.isExecutable(tool)) {
            throw new IllegalStateException("Cannot run " + Objects.requireNonNullElse(tool, name)
                    + ": install ffmpeg (with ffprobe) or point encoder.ffmpeg-path at its directory");
        }
        return tool;
    }

    private static Path onPath(String name) {
        Path found = onPathOrNull(name);
        if (found == null) {
            throw new IllegalStateException("Cannot find " + name + " on the PATH: the encoder starts ffmpeg through "
                    + "setpriv (util-linux) and env (coreutils), so that ffmpeg gets no secrets and dies with the encoder");
        }
        return found;
    }

    private static @Nullable Path onPathOrNull(String name) {
        String path = Objects.requireNonNullElse(System.getenv("PATH"), "/usr/bin:/bin");
        return Arrays.stream(path.split(File.pathSeparator))
                .filter(entry -> !entry.isEmpty())
                .map(entry -> Path.of(entry, name).toAbsolutePath())
                .filter(Files::isExecutable)
                .findFirst()
                .orElse(null);
    }

    private static String quote(Path path) {
        return "'" + path.toString().replace("'", "'\\''") + "'";
    }

    private static FileAttribute<Set<PosixFilePermission>> ownerOnly() {
        return PosixFilePermissions.asFileAttribute(OWNER_ONLY);
    }
}
