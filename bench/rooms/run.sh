#!/usr/bin/env bash
# Starts Stride from its jar (C2, as in production; data under .stride/), waits until it is up, runs
# the rooms benchmark against it and stops it again. Run from the repository root after
#   ./mvnw -q -B -pl modules/app -am package -DskipTests -DskipDocs
# JAVA may name a JDK 21+ java binary (the default is the first on the PATH); BENCH_APP_JAVA_OPTS
# adds options to Stride's JVM (a flight recording, say).
set -euo pipefail
java=${JAVA:-java}
jar=$(ls modules/app/target/stride-app-*.jar | head -1)
log=${BENCH_APP_LOG:-bench/rooms/target/stride-app.log}
mkdir -p "$(dirname "$log")"

# shellcheck disable=SC2086
"$java" ${BENCH_APP_JAVA_OPTS:-} -jar "$jar" --spring.profiles.active=local > "$log" 2>&1 &
app=$!
trap 'kill -TERM $app 2>/dev/null; wait $app 2>/dev/null || true' EXIT

for _ in $(seq 1 240); do
	if curl -fsS http://localhost:8080/actuator/health > /dev/null 2>&1; then break; fi
	if ! kill -0 $app 2>/dev/null; then echo "Stride did not start: see $log" >&2; exit 1; fi
	sleep 1
done
# let the demo data and Keycloak settle before measuring
sleep 15
started=$(wc -l < "$log")
status=0
JAVA_HOME=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v "$java")")")")} \
	./mvnw -q -pl bench/rooms spring-boot:run || status=$?
# what Stride logged about the rooms while the benchmark ran (a socket that could not take a message, the relay's connection)
echo "Stride's log during the run: $(tail -n +"$((started + 1))" "$log" | grep -E ' (WARN|ERROR) ' | grep -ciE 'room|signal') room warnings or errors (see $log)"
exit $status
