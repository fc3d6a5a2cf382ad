package dev.perfshop.cli.scenario;

import dev.perfshop.scenario.Scenario;

/** Synthetic shoppers the runner starts, changes and stops. */
public interface TrafficPort {

  /** Starts or changes the arrival rate and journey mix. */
  void set(Scenario.Traffic traffic, long seed);

  void stop();

  /** No traffic at all (the runner's {@code --no-traffic}, or a dry run). */
  TrafficPort NONE =
      new TrafficPort() {
        @Override
        public void set(Scenario.Traffic traffic, long seed) {}

        @Override
        public void stop() {}
      };
}
