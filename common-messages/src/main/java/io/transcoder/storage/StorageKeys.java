package io.transcoder.storage;

import java.util.Locale;

/**
 * The bucket's layout: {@code sources/{jobId}/{safe-name}} and {@code outputs/{jobId}/{format}/{path}}. Keys are
 * generated, so a re-run overwrites rather than duplicates; a client's file name only lends its harmless letters.
 */
public final class StorageKeys {

    private static final int MAX_NAME_LENGTH = 100;

    private StorageKeys() {}

    public static String source(String jobId, String clientFileName) {
        return sources(jobId) + safeName(clientFileName);
    }

    /** Where a rendition's files go: {@code outputs/{jobId}/{format}/}, each under its path inside the rendition. */
    public static String rendition(String jobId, String format) {
        return outputs(jobId) + format + "/";
    }

    /** The prefix of every object of the job's source. */
    public static String sources(String jobId) {
        return "sources/" + jobId + "/";
    }

    /** The prefix of every object of the job's outputs. */
    public static String outputs(String jobId) {
        return "outputs/" + jobId + "/";
    }

    /** The Content-Disposition that makes a browser save an object under (the harmless letters of) its name. */
    public static String attachment(String fileName) {
        return "attachment; filename=\"" + safeName(fileName) + "\"";
    }

    /** A name of letters, digits, dots, dashes and underscores, never empty and never only dots. */
    public static String safeName(String name) {
        String base = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        String safe = base.replaceAll("[^A-Za-z0-9._-]+", "_").replaceAll("^[._]+", "");
        if (safe.length() > MAX_NAME_LENGTH) {
            safe = safe.substring(safe.length() - MAX_NAME_LENGTH);
        }
        return safe.isEmpty() ? "source" : safe.toLowerCase(Locale.ROOT);
    }
}
