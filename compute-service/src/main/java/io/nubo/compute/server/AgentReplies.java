package io.nubo.compute.server;

import io.nubo.shared.events.compute.ConsoleOutput;
import org.springframework.stereotype.Component;

/** Where the report consumer hands replies that a waiting request expects. */
@Component
public class AgentReplies {

    private final ConsoleRequests consoles;

    AgentReplies(ConsoleRequests consoles) {
        this.consoles = consoles;
    }

    public void consoleOutput(ConsoleOutput out) {
        consoles.answered(out);
    }
}
