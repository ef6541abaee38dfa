package io.transcoder.notifier.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;

import io.transcoder.jobs.FailureCode;
import io.transcoder.jobs.JobPhase;
import io.transcoder.jobs.JobRecord;
import io.transcoder.jobs.JobState;
import io.transcoder.jobs.JobStore;
import io.transcoder.jobs.NotificationClaim;
import io.transcoder.jobs.RateLimiter;
import io.transcoder.messages.JobFailed;
import io.transcoder.messages.JobTicket;
import io.transcoder.messages.RenditionFile;
import io.transcoder.messages.RenditionKind;
import io.transcoder.messages.StoredRendition;
import io.transcoder.messages.UploadCompleted;
import io.transcoder.messaging.EventPublisher;
import io.transcoder.messaging.Subscription;
import io.transcoder.messaging.UnavailableException;
import io.transcoder.storage.DownloadLinks;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;
import org.springframework.mail.MailSendException;

class NotifierTests {

    private static final JobTicket TICKET = new JobTicket("j1", "owner-a", "owner@example.com", List.of("mp4"), "clip.mov");
    private static final StoredRendition OUTPUT = new StoredRendition("mp4", RenditionKind.VIDEO, "outputs/j1/mp4/",
            "clip.mp4", List.of(new RenditionFile("clip.mp4", 42, "video/mp4")));
    private static final JobFailed FAILED = new JobFailed(TICKET, JobState.ENCODING, FailureCode.ENCODER_ERROR, "ffmpeg failed");

    private static final Duration HOLD = Duration.ofMinutes(2);

    private final JobStore jobs = mock(JobStore.class);
    private final DownloadLinks links = mock(DownloadLinks.class);
    private final Mailer mailer = mock(Mailer.class);
    private final EmailQuota quota = mock(EmailQuota.class);
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-28T10:15:00Z"), ZoneOffset.UTC);
    private final EventPublisher publisher = mock(EventPublisher.class);
    private final Notifier notifier = new Notifier(jobs, links, Duration.ofDays(3), new Emails(URI.create("https://transcoder.example/")), mailer, quota,
            publisher, HOLD, clock);

    @BeforeEach
    void ownerHasEmailsLeftAndNoOtherNotifierIsSending() {
        given(quota.take("owner-a")).willReturn(new RateLimiter.Decision(true, Duration.ZERO));
        given(jobs.claimNotification("j1", HOLD)).willReturn(NotificationClaim.CLAIMED);
    }

    @Test
    void linksEachOutputForTheConfiguredLifetimeAndSaysWhenTheLinksExpire() {
        given(jobs.find("j1")).willReturn(Optional.of(job(null)));
        given(links.download("j1", OUTPUT, Duration.ofDays(3))).willReturn(URI.create("https://s3.example/clip.mp4?sig=1"));

        notifier.uploadCompleted(new UploadCompleted(TICKET, List.of(OUTPUT), List.of()));

        ArgumentCaptor<Email> email = ArgumentCaptor.forClass(Email.class);
        then(mailer).should().send(email.capture());
        assertThat(email.getValue().text())
                .contains("https://s3.example/clip.mp4?sig=1\n", "The links work until 1 December 2026, 10:15 UTC.");
    }

    @Test
    void linksEachRenditionsEntryAndEachFurtherPictureButNoFileOfAStream() {
        RenditionFile segment = new RenditionFile("720p/seg_000.m4s", 2_000, "video/iso.segment");
        StoredRendition hls = new StoredRendition("hls", RenditionKind.STREAM, "outputs/j1/hls/", "master.m3u8", List.of(
                new RenditionFile("master.m3u8", 100, "application/vnd.apple.mpegurl"),
                new RenditionFile("720p/index.m3u8", 300, "application/vnd.apple.mpegurl"), segment));
        RenditionFile sprite = new RenditionFile("sprite.jpg", 24_000, "image/jpeg");
        StoredRendition storyboard = new StoredRendition("storyboard", RenditionKind.IMAGE, "outputs/j1/storyboard/",
                "storyboard.vtt", List.of(sprite, new RenditionFile("storyboard.vtt", 1_000, "text/vtt")));
        given(jobs.find("j1")).willReturn(Optional.of(job(null)));
        given(links.download("j1", hls, Duration.ofDays(3))).willReturn(URI.create("https://api.example/master.m3u8?s=1"));
        given(links.download("j1", storyboard, Duration.ofDays(3))).willReturn(URI.create("https://api.example/storyboard.vtt?s=2"));
        given(links.download("j1", storyboard, sprite, Duration.ofDays(3))).willReturn(URI.create("https://s3.example/sprite.jpg?s=3"));

        notifier.uploadCompleted(new UploadCompleted(TICKET, List.of(hls, storyboard), List.of()));

        ArgumentCaptor<Email> email = ArgumentCaptor.forClass(Email.class);
        then(mailer).should().send(email.capture());
        assertThat(email.getValue().text()).contains(
                "hls (2.4 kB, master.m3u8, for a video player: open the link in one, or watch it on the page)\n"
                        + "https://api.example/master.m3u8?s=1\n",
                "storyboard (25.0 kB, storyboard.vtt)\nhttps://api.example/storyboard.vtt?s=2\n"
                        + "sprite.jpg (24.0 kB)\nhttps://s3.example/sprite.jpg?s=3\n");
        then(links).should(never()).download(eq("j1"), eq(hls), any(RenditionFile.class), any(Duration.class));
    }

    @Test
    void recordsTheNotificationAsSentOnceTheMailServerTookTheEmail() {
        given(jobs.find("j1")).willReturn(Optional.of(job(null)));

        notifier.jobFailed(FAILED);

        InOrder order = inOrder(mailer, jobs);
        order.verify(mailer).send(any(Email.class));
        order.verify(jobs).recordNotification("j1", "SENT");
    }

    @Test
    void sendsNothingForAJobAlreadyNotified() {
        given(jobs.find("j1")).willReturn(Optional.of(job("SENT")));

        notifier.uploadCompleted(new UploadCompleted(TICKET, List.of(OUTPUT), List.of()));
        notifier.jobFailed(FAILED);

        then(mailer).shouldHaveNoInteractions();
        then(links).shouldHaveNoInteractions();
        then(jobs).should(never()).recordNotification(anyString(), anyString());
    }

    @Test
    void triesAgainAfterAFailedAttemptWithoutCountingTheEmailTwice() {
        given(jobs.find("j1")).willReturn(Optional.of(job("FAILED")));

        notifier.jobFailed(FAILED);

        then(mailer).should().send(any(Email.class));
        then(jobs).should().recordNotification("j1", "SENT");
        then(quota).shouldHaveNoInteractions();
    }

    @Test
    void countsEachEmailAgainstItsOwnersQuota() {
        given(jobs.find("j1")).willReturn(Optional.of(job(null)));

        notifier.jobFailed(FAILED);

        then(quota).should().take("owner-a");
        then(mailer).should().send(any(Email.class));
    }

    @Test
    void suppressesAnEmailOverTheOwnersQuotaAndRecordsThat() {
        given(jobs.find("j1")).willReturn(Optional.of(job(null)));
        given(links.download("j1", OUTPUT, Duration.ofDays(3))).willReturn(URI.create("https://s3.example/clip.mp4?sig=1"));
        given(quota.take("owner-a")).willReturn(new RateLimiter.Decision(false, Duration.ofMinutes(12)));

        notifier.uploadCompleted(new UploadCompleted(TICKET, List.of(OUTPUT), List.of()));

        then(mailer).shouldHaveNoInteractions();
        then(jobs).should().recordNotification("j1", "SUPPRESSED");
        then(jobs).should(never()).recordNotification("j1", "SENT");
    }

    @Test
    void sendsNothingLaterForAJobWhoseEmailWasSuppressed() {
        given(jobs.find("j1")).willReturn(Optional.of(job("SUPPRESSED")));

        notifier.uploadCompleted(new UploadCompleted(TICKET, List.of(OUTPUT), List.of()));
        notifier.jobFailed(FAILED);

        then(mailer).shouldHaveNoInteractions();
        then(quota).shouldHaveNoInteractions();
        then(jobs).should(never()).recordNotification(anyString(), anyString());
    }

    @Test
    void recordsTheFailureAndLetsTheMailServersErrorEscapeAsAnOutage() {
        given(jobs.find("j1")).willReturn(Optional.of(job(null)));
        MailSendException refused = new MailSendException("connection refused");
        willThrow(refused).given(mailer).send(any(Email.class));

        assertThatExceptionOfType(UnavailableException.class).isThrownBy(() -> notifier.jobFailed(FAILED))
                .satisfies(outage -> assertThat(outage.dependency()).isEqualTo("The mail server"))
                .withCause(refused);

        then(jobs).should().recordNotification("j1", "FAILED");
        then(jobs).should(never()).recordNotification("j1", "SENT");
    }

    @Test
    void claimsTheEmailBeforeItSendsIt() {
        given(jobs.find("j1")).willReturn(Optional.of(job(null)));

        notifier.jobFailed(FAILED);

        InOrder order = inOrder(jobs, mailer);
        order.verify(jobs).claimNotification("j1", HOLD);
        order.verify(mailer).send(any(Email.class));
        order.verify(jobs).recordNotification("j1", "SENT");
    }

    @Test
    void putsTheMessageBackForLaterWhileAnotherNotifierIsSending() {
        given(jobs.find("j1")).willReturn(Optional.of(job(null)));
        given(jobs.claimNotification("j1", HOLD)).willReturn(NotificationClaim.BUSY);

        notifier.jobFailed(FAILED);

        then(publisher).should().sendBackLater(FAILED, Subscription.NOTIFIER_JOB_FAILED, HOLD);
        then(mailer).shouldHaveNoInteractions();
        then(quota).shouldHaveNoInteractions();
        then(jobs).should(never()).recordNotification(anyString(), anyString());
    }

    @Test
    void sendsNothingWhenAnotherNotifierSentTheEmailMeanwhile() {
        given(jobs.find("j1")).willReturn(Optional.of(job(null)));
        given(jobs.claimNotification("j1", HOLD)).willReturn(NotificationClaim.SETTLED);

        notifier.jobFailed(FAILED);

        then(mailer).shouldHaveNoInteractions();
        then(publisher).shouldHaveNoInteractions();
        then(jobs).should(never()).recordNotification(anyString(), anyString());
    }

    @Test
    void suppressesAnEmailAboutAnUnknownJobOverTheQuotaWithoutRecordingIt() {
        given(jobs.find("j1")).willReturn(Optional.empty());
        given(jobs.claimNotification("j1", HOLD)).willReturn(NotificationClaim.UNKNOWN);
        given(quota.take("owner-a")).willReturn(new RateLimiter.Decision(false, Duration.ofMinutes(1)));

        notifier.jobFailed(FAILED);

        then(mailer).shouldHaveNoInteractions();
        then(jobs).should(never()).recordNotification(anyString(), anyString());
    }

    @Test
    void notifiesAboutAnUnknownJobWithoutRecordingIt() {
        given(jobs.find("j1")).willReturn(Optional.empty());
        given(jobs.claimNotification("j1", HOLD)).willReturn(NotificationClaim.UNKNOWN);

        notifier.jobFailed(FAILED);

        then(mailer).should().send(any(Email.class));
        then(jobs).should(never()).recordNotification(anyString(), anyString());
    }

    private static JobRecord job(@Nullable String notification) {
        return new JobRecord("j1", TICKET.owner(), JobState.COMPLETED, null, TICKET.email(), TICKET.formats(), TICKET.sourceName(), 100,
                Map.of("mp4", 100), List.of(OUTPUT), List.of(), 1, null, Instant.EPOCH, Instant.EPOCH, notification, true, null,
                JobPhase.COMPLETED, null, null);
    }
}
