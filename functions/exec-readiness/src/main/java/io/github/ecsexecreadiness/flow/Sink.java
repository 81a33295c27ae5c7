package io.github.ecsexecreadiness.flow;

import io.github.ecsexecreadiness.report.Telemetry;

/**
 * Where the outcome of a run is reported: AWS Config evaluations, Security Hub findings, a handler's result, the
 * command line's table or JSON. Every sink of a run is called even when one before it failed; the flow then
 * throws the first failure (see {@link ReadinessFlow#run}).
 */
@FunctionalInterface
public interface Sink {
    void report(Outcome outcome, Telemetry telemetry);
}
