#!/usr/bin/env bash
# Starts Stride as its image does (bench/stride.sh), with the local run's profile, waits until it is
# up, runs the observations benchmark against it and stops Stride again. From the repository root, after
#   ./mvnw -q -B -pl modules/app -am package -DskipTests
# JAVA, BENCH_APP_JAVA_OPTS, BENCH_APP_AOT and BENCH_APP_LOG: see bench/stride.sh. With Stride
# already running, ./mvnw -q -pl bench/observations spring-boot:run alone runs the benchmark.
set -euo pipefail
source bench/stride.sh

stride_up observations
stride_bench observations
