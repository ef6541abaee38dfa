package io.transcoder.api.upload;

import io.transcoder.api.ApiProperties;
import io.transcoder.api.formats.FormatCatalogue;
import io.transcoder.api.problems.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.core.FileUploadSizeException;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletFileUpload;
import org.apache.commons.io.input.BoundedInputStream;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Reads a multipart upload as it arrives, a bounded number of parts at a bounded pace: checks its text parts (those
 * before the video before the video is taken), hands the video's bytes to a {@link VideoSink} as they stream in, and
 * fingerprints the request (its formats, address, callback URL, file name and the video's bytes) on the way.
 */
@Component
class UploadReader {

    private static final int MAX_FIELD_BYTES = 4096;

    private final FormatCatalogue catalogue;
    private final Validator validator;
    private final ApiProperties api;

    UploadReader(FormatCatalogue catalogue, Validator validator, ApiProperties api) {
        this.catalogue = catalogue;
        this.validator = validator;
        this.api = api;
    }

    /** Takes the video of an upload as it streams in; it must read {@code content} to its end. */
    interface VideoSink {
        void take(String clientName, InputStream content) throws IOException;
    }

    /**
     * A complete, checked upload.
     *
     * @param fingerprint SHA-256 (hex) over the resolved formats, the address, the callback URL, the file name and the
     *     video's bytes; null unless asked for
     */
    record Upload(SubmissionFields.Checked fields, String clientName, long size, @Nullable String fingerprint) {}

    /**
     * Reads the whole upload, or refuses it with the ApiException that says why. {@code fingerprinted}: whether to
     * fingerprint it (only an idempotent submission needs it; hashing every byte of every video would cost an upload
     * a third of the API's time where the JIT has no SHA intrinsic, BENCHMARKS.md).
     */
    Upload read(HttpServletRequest request, VideoSink sink, boolean fingerprinted) {
        SubmissionFields fields = new SubmissionFields();
        Video video = null;
        try {
            FileItemInputIterator parts = upload().getItemIterator(request);
            int count = 0;
            long fieldBytes = 0;
            while (parts.hasNext()) {
                FileItemInput part = parts.next();
                if (++count > api.maxParts()) {
                    throw ApiException.tooManyParts(api.maxParts());
                }
                if (part.isFormField()) {
                    String value = read(part);
                    fieldBytes += value.getBytes(StandardCharsets.UTF_8).length;
                    if (fieldBytes > api.maxFieldsSize().toBytes()) {
                        throw ApiException.fieldsTooLarge(api.maxFieldsSize());
                    }
                    fields.add(part.getFieldName(), value);
                } else if ("file".equals(part.getFieldName())) {
                    if (video != null) {
                        throw ApiException.severalFiles();
                    }
                    fields.checkSoFar(catalogue, validator);
                    video = take(part, sink, fingerprinted ? sha256() : null);
                }
            }
            SubmissionFields.Checked checked = fields.check(catalogue, validator);
            if (video == null) {
                throw ApiException.missingFile();
            }
            if (video.size() == 0) {
                throw ApiException.emptyFile();
            }
            return new Upload(checked, video.clientName(), video.size(),
                    video.sha256() == null ? null : fingerprint(checked, video.clientName(), video.sha256()));
        } catch (IOException e) {
            throw refusal(e);
        }
    }

    private JakartaServletFileUpload<?, ?> upload() {
        JakartaServletFileUpload<?, ?> upload = new JakartaServletFileUpload<>();
        upload.setFileSizeMax(api.maxUploadSize().toBytes());
        // room for the text parts and the multipart framing on top of the video itself
        upload.setSizeMax(api.maxUploadSize().toBytes() + api.maxFieldsSize().toBytes() + 64L * 1024);
        upload.setHeaderCharset(StandardCharsets.UTF_8);
        return upload;
    }

    private static Video take(FileItemInput part, VideoSink sink, @Nullable MessageDigest digest) throws IOException {
        String clientName = part.getName() == null || part.getName().isBlank() ? "video" : part.getName();
        try (InputStream content = part.getInputStream()) {
            BoundedInputStream counted = BoundedInputStream.builder()
                    .setInputStream(digest == null ? content : new DigestInputStream(content, digest))
                    .get();
            sink.take(clientName, counted);
            return new Video(clientName, counted.getCount(), digest == null ? null : digest.digest());
        }
    }

    private static String fingerprint(SubmissionFields.Checked fields, String clientName, byte[] videoSha256) {
        MessageDigest digest = sha256();
        // each part ends with a byte no text of it holds, so that no two requests run together alike
        String callbackUrl = fields.callbackUrl() == null ? "" : fields.callbackUrl();
        for (String text : new String[] {String.join(",", fields.formats()), fields.email(), callbackUrl, clientName}) {
            digest.update(text.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
        }
        digest.update(videoSha256);
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Why reading the upload failed, in the client's terms. */
    private ApiException refusal(IOException e) {
        UploadPace.TooSlowException slow = cause(e, UploadPace.TooSlowException.class);
        if (slow != null) {
            return ApiException.uploadTooSlow(slow.getMessage());
        }
        if (cause(e, SocketTimeoutException.class) != null) {
            return ApiException.uploadTooSlow("nothing arrived for too long.");
        }
        if (cause(e, FileUploadSizeException.class) != null) {
            return ApiException.uploadTooLarge(api.maxUploadSize());
        }
        if (e instanceof FileUploadException) {
            return ApiException.malformedUpload(e.getMessage());
        }
        return ApiException.malformedUpload("the upload broke off (" + e.getMessage() + ")");
    }

    private static String read(FileItemInput part) throws IOException {
        try (InputStream in = part.getInputStream()) {
            byte[] value = in.readNBytes(MAX_FIELD_BYTES + 1);
            if (value.length > MAX_FIELD_BYTES) {
                throw ApiException.fieldTooLong(part.getFieldName(), MAX_FIELD_BYTES);
            }
            return new String(value, StandardCharsets.UTF_8);
        }
    }

    private static <T extends Throwable> @Nullable T cause(Throwable e, Class<T> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }

    private record Video(String clientName, long size, byte @Nullable [] sha256) {}
}
