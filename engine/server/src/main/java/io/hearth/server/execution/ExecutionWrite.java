package io.hearth.server.execution;

/** One row to write: the summary and the JSON data. */
record ExecutionWrite(ExecutionRecord record, String data) {}
