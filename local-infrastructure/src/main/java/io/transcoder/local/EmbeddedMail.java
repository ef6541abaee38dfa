package io.transcoder.local;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * A real SMTP server with an IMAP mailbox (GreenMail) in this JVM. Every recipient gets a mailbox; a mail client
 * opens it with the recipient's address as user name and any password.
 */
public final class EmbeddedMail implements AutoCloseable {

    private final GreenMail greenMail;

    public EmbeddedMail(int smtpPort, int imapPort) {
        greenMail = new GreenMail(new ServerSetup[] {
            new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
            new ServerSetup(imapPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)
        }).withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        greenMail.start();
    }

    public GreenMail greenMail() {
        return greenMail;
    }

    public int smtpPort() {
        return greenMail.getSmtp().getPort();
    }

    public int imapPort() {
        return greenMail.getImap().getPort();
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
