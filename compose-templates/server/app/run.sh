#!/bin/sh
# Starts the server with the agents that are present and enabled:
#   pyroscope.jar first (continuous profiles to $PYROSCOPE_SERVER_ADDRESS), unless
#   PYROSCOPE_AGENT_ENABLED=false; then the OpenTelemetry agent (traces over OTLP to
#   $OTEL_EXPORTER_OTLP_ENDPOINT), unless OTEL_JAVAAGENT_ENABLED=false.
set -eu
agents=""
if [ -f /app/agents/pyroscope.jar ] && [ "${PYROSCOPE_AGENT_ENABLED:-true}" != "false" ]; then
  # async-profiler loads a native library: allow it without the JDK's warning.
  agents="$agents --enable-native-access=ALL-UNNAMED -javaagent:/app/agents/pyroscope.jar"
fi
if [ -f /app/agents/opentelemetry-javaagent.jar ] && [ "${OTEL_JAVAAGENT_ENABLED:-true}" != "false" ]; then
  agents="$agents -javaagent:/app/agents/opentelemetry-javaagent.jar"
fi
# shellcheck disable=SC2086 # JAVA_OPTS and agents are word lists on purpose
exec java $agents ${JAVA_OPTS:-} -jar /app/perfshop-server.jar "$@"
