package dev.exfilguard.rules;

import dev.exfilguard.model.ResourceGraph;
import java.util.List;

/**
 * Logic a {@code when:} tree cannot say well (effective NSG egress by priority, graph walks).
 * A rule names its check by class name ({@code check: FrontDoorEgress}); implementations live
 * in {@code dev.exfilguard.rules.checks} and are found by that name, never registered by hand.
 */
public interface Check {
  List<Hit> run(Rule rule, ResourceGraph graph);
}
