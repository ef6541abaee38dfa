package io.transcoder.api.upload;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;

/** A request whose body reports every read to an {@link UploadPace}, which cuts off an upload that crawls. */
final class PacedRequest extends HttpServletRequestWrapper {

    private final UploadPace pace;

    PacedRequest(HttpServletRequest request, UploadPace pace) {
        super(request);
        this.pace = pace;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
        ServletInputStream body = super.getInputStream();
        return new ServletInputStream() {
            @Override
            public int read() throws IOException {
                int read = body.read();
                pace.arrived(read < 0 ? 0 : 1);
                return read;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int read = body.read(buffer, offset, length);
                pace.arrived(read);
                return read;
            }

            @Override
            public boolean isFinished() {
                return body.isFinished();
            }

            @Override
            public boolean isReady() {
                return body.isReady();
            }

            @Override
            public void setReadListener(ReadListener listener) {
                body.setReadListener(listener);
            }
        };
    }
}
