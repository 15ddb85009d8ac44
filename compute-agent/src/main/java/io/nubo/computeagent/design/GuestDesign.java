package io.nubo.computeagent.design;

import io.nubo.computeagent.domain.DomainDefinition;
import java.util.List;

/** The designer's answer: the domain, and what it chose differently from what was asked, and why. */
public record GuestDesign(DomainDefinition domain, List<String> notes) {

    public GuestDesign {
        notes = List.copyOf(notes);
    }
}
