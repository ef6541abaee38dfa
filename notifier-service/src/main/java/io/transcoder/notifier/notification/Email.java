package io.transcoder.notifier.notification;

/** One email to one recipient, in plain text and in HTML. */
record Email(String to, String subject, String text, String html) {}
