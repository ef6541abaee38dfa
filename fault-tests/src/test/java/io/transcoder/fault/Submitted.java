package io.transcoder.fault;

import java.util.List;

/** A job the API accepted (202 with an id): what the ledger must account for. Its recipient is its own. */
record Submitted(String id, List<String> formats, String recipient, String sourceName) {}
