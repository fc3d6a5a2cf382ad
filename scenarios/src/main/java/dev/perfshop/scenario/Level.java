package dev.perfshop.scenario;

/** Course levels, from first bachelor year (BAC1) to second master year (BAC5). */
public enum Level {
  BAC1,
  BAC2,
  BAC3,
  BAC4,
  BAC5
}
