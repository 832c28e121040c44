#!/usr/bin/env bash
# The AOT cache's training run (JEP 483/514/515): starts Stride from its extracted jar in <dir>
# (dir/stride.jar, dir/lib/, dir/jvm.options, as the Dockerfile lays them out) with
# -XX:AOTCacheOutput, lets Spring create every singleton and stop right after the refresh
# (spring.context.exit=onRefresh), and leaves the cache in dir/stride.aot. Launch with it:
#   java @dir/jvm.options -XX:AOTCache=dir/stride.aot -jar dir/stride.jar
# The cache is only good for the same JDK build, the same jar files at the same paths and the same
# JVM options: train again after every build. The Dockerfile runs this script in the runtime image.
#
# No database or Keycloak is needed: without spring.datasource.url Stride starts an embedded
# PostgreSQL (a throw-away one here, in a temporary directory that is removed afterwards) and runs
# its migrations on it, so the training loads what a real start loads: Flyway, Hikari, Hibernate,
# the JDBC driver. Nothing asks Keycloak for anything before the first request. The two client
# secrets are placeholders (Stride refuses to start without secrets outside the local profile; the
# training run never uses them).
#
# JAVA may name the java binary (the default is the first on the PATH); it must be JDK 25 or newer.
set -euo pipefail
dir=${1:?usage: infra/aot/train.sh <extracted application directory>}
java=${JAVA:-java}
for file in stride.jar jvm.options; do
	[[ -f "$dir/$file" ]] || { echo "no $dir/$file: extract the jar first (see the Dockerfile)" >&2; exit 1; }
done

scratch=$(mktemp -d)
# Spring ends the training run with Runtime.halt, so no shutdown hook stops the embedded PostgreSQL:
# stop it here, by its data directory, and remove what it left.
cleanup() {
	local pid_file
	for pid_file in "$scratch"/epg*/postmaster.pid; do
		[[ -f "$pid_file" ]] && kill -TERM "$(head -1 "$pid_file")" 2> /dev/null || true
	done
	for _ in $(seq 1 50); do
		compgen -G "$scratch/epg*/postmaster.pid" > /dev/null || break
		sleep 0.2
	done
	rm -rf "$scratch"
}
trap cleanup EXIT
rm -f "$dir/stride.aot"

STRIDE_KEYCLOAK_CLIENT_SECRET=aot-training STRIDE_KEYCLOAK_PROVISIONER_SECRET=aot-training \
	"$java" "@$dir/jvm.options" -XX:AOTCacheOutput="$dir/stride.aot" -Djava.io.tmpdir="$scratch" \
	-Dspring.context.exit=onRefresh -jar "$dir/stride.jar" > "$scratch/training.log" 2>&1 || {
	echo "the training run failed:" >&2
	tail -n 40 "$scratch/training.log" >&2
	exit 1
}
[[ -s "$dir/stride.aot" ]] || { echo "the training run wrote no AOT cache:" >&2; tail -n 40 "$scratch/training.log" >&2; exit 1; }
echo "AOT cache: $dir/stride.aot ($(du -m "$dir/stride.aot" | cut -f1) MB)"
