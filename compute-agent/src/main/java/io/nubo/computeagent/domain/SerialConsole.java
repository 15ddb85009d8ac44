package io.nubo.computeagent.domain;

/** A serial port on a pty, logged to {@code logFile} (by virtlogd), with the matching {@code <console>}. */
public record SerialConsole(String logFile) {
}
