#!/usr/bin/env bash
# Starts Stride from its jar (C2, as in production; data under .stride/), waits until it is up, runs
# the FHIR observations benchmark against it and stops it again. Run from the repository root after
#   ./mvnw -q -pl modules/app -am package -DskipTests
# JAVA may name a JDK 21+ java binary (the default is the first on the PATH).
set -euo pipefail
java=${JAVA:-java}
jar=$(ls modules/app/target/stride-app-*.jar | head -1)
log=${BENCH_APP_LOG:-bench/observations/target/stride-app.log}
mkdir -p "$(dirname "$log")"

"$java" -jar "$jar" --spring.profiles.active=local > "$log" 2>&1 &
app=$!
trap 'kill -TERM $app 2>/dev/null; wait $app 2>/dev/null || true' EXIT

for _ in $(seq 1 240); do
	if curl -fsS http://localhost:8080/actuator/health > /dev/null 2>&1; then break; fi
	if ! kill -0 $app 2>/dev/null; then echo "Stride did not start: see $log" >&2; exit 1; fi
	sleep 1
done
# let the demo data and Keycloak settle before measuring
sleep 15
./mvnw -q -pl bench/observations spring-boot:run
