#!/usr/bin/env bash
# Starts Stride as its image does (bench/stride.sh), with the local run's profile, waits until it is
# up, runs the rooms benchmark against it and stops Stride again. From the repository root, after
#   ./mvnw -q -B -pl modules/app -am package -DskipTests
# JAVA, BENCH_APP_JAVA_OPTS, BENCH_APP_AOT and BENCH_APP_LOG: see bench/stride.sh. With Stride
# already running, ./mvnw -q -pl bench/rooms spring-boot:run alone runs the benchmark.
set -euo pipefail
source bench/stride.sh

stride_up rooms
log=$STRIDE_LOG
started=$(wc -l < "$log")
status=0
stride_bench rooms || status=$?
# what Stride logged about the rooms while the benchmark ran (a socket that could not take a message, the relay's connection)
echo "Stride's log during the run: $(tail -n +"$((started + 1))" "$log" | grep -E ' (WARN|ERROR) ' | grep -ciE 'room|signal') room warnings or errors (see $log)"
exit $status
