package io.pushfleet.edge.delivery;

import java.util.ArrayList;
import java.util.List;

/** A {@link DrainSwitch} that records what it was told: {@code drain} and {@code undrain}, in order. */
final class RecordingDrainSwitch implements DrainSwitch {

    final List<String> calls = new ArrayList<>();

    @Override
    public void drain(String cause) {
        calls.add("drain");
    }

    @Override
    public void undrain(String cause) {
        calls.add("undrain");
    }
}
