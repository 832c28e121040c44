# Sourced by bench/<name>/run.sh: starts Stride the way its image does, and stops it again.
#
# The launch is the Dockerfile's ENTRYPOINT: the jar extracted with Spring Boot's
# `-Djarmode=tools extract` (stride.jar and lib/), the JVM options of infra/jvm.options as an
# @argument file, and the JDK's AOT cache trained by infra/aot/train.sh. stride_prepare extracts
# modules/app/target/stride-app-*.jar into bench/target/stride/ and trains the cache whenever the jar
# is newer than the extracted copy; stride_start starts it in the background with the arguments
# given (the HTTP benchmarks pass --spring.profiles.active=local: the local run's embedded
# PostgreSQL on 5433, Keycloak on 8180, GreenMail, demo data, all under .stride/), waits until
# /actuator/health answers and stops it when the calling script exits.
#
# Run from the repository root after ./mvnw -q -B -pl modules/app -am package -DskipTests.
#   JAVA                  the java binary, JDK 25 or newer (default: the first java on the PATH)
#   BENCH_APP_JAVA_OPTS   more JVM options for Stride (a flight recording, say), after infra/jvm.options
#   BENCH_APP_AOT=off     start without the AOT cache
#   BENCH_APP_LOG         Stride's log (default: bench/<name>/target/stride-app.log)

STRIDE_JAVA=${JAVA:-java}
STRIDE_DIR=bench/target/stride
STRIDE_PID=

# The Dockerfile's ENTRYPOINT, which stride_start mirrors with the paths of bench/target/stride.
STRIDE_ENTRYPOINT='ENTRYPOINT ["java", "@/app/jvm.options", "-XX:AOTCache=/app/stride.aot", "-jar", "/app/stride.jar"]'

stride_prepare() {

	if ! grep -qxF "$STRIDE_ENTRYPOINT" Dockerfile; then
		echo "The Dockerfile's ENTRYPOINT is no longer $STRIDE_ENTRYPOINT: make bench/stride.sh start Stride as it does" >&2
		return 1
	fi

	local version
	version=$("$STRIDE_JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
	if [[ -z "$version" || "$version" -lt 25 ]]; then
		echo "$STRIDE_JAVA is Java ${version:-unknown}; the image's launch (AOT cache) needs 25 or newer: set JAVA" >&2
		return 1
	fi

	local jar
	jar=$(ls modules/app/target/stride-app-*.jar 2> /dev/null | head -1)
	if [[ -z "$jar" ]]; then
		echo "No modules/app/target/stride-app-*.jar: ./mvnw -q -B -pl modules/app -am package -DskipTests" >&2
		return 1
	fi

	if [[ -f "$STRIDE_DIR/stride.jar" && -f "$STRIDE_DIR/stride.aot" && ! "$jar" -nt "$STRIDE_DIR/stride.jar"
		&& ! infra/jvm.options -nt "$STRIDE_DIR/stride.aot" ]]; then
		cp infra/jvm.options "$STRIDE_DIR/jvm.options"
		return 0
	fi

	echo "Extracting $jar into $STRIDE_DIR and training its AOT cache"
	rm -rf "$STRIDE_DIR" bench/target/stride.jar
	mkdir -p "$STRIDE_DIR"
	cp "$jar" bench/target/stride.jar
	"$STRIDE_JAVA" -Djarmode=tools -jar bench/target/stride.jar extract --destination "$STRIDE_DIR" > /dev/null
	rm bench/target/stride.jar
	cp infra/jvm.options "$STRIDE_DIR/jvm.options"
	JAVA="$STRIDE_JAVA" infra/aot/train.sh "$STRIDE_DIR"
}

# The JVM command line of the image's ENTRYPOINT, for the extracted copy in bench/target/stride.
stride_command() {
	local command=("$STRIDE_JAVA" "@$STRIDE_DIR/jvm.options")
	[[ "${BENCH_APP_AOT:-on}" == off ]] || command+=("-XX:AOTCache=$STRIDE_DIR/stride.aot")
	# shellcheck disable=SC2206
	command+=(${BENCH_APP_JAVA_OPTS:-} -jar "$STRIDE_DIR/stride.jar")
	printf '%s\n' "${command[@]}"
}

# stride_start <log> [application arguments...]: starts Stride, waits for /actuator/health.
stride_start() {

	local log=$1
	shift
	mkdir -p "$(dirname "$log")"

	local command
	mapfile -t command < <(stride_command)
	echo "Starting Stride: ${command[*]} $*"
	"${command[@]}" "$@" > "$log" 2>&1 &
	STRIDE_PID=$!
	trap stride_stop EXIT

	for _ in $(seq 1 240); do
		if curl -fsS http://localhost:8080/actuator/health > /dev/null 2>&1; then
			return 0
		fi
		if ! kill -0 "$STRIDE_PID" 2> /dev/null; then
			echo "Stride did not start: see $log" >&2
			return 1
		fi
		sleep 1
	done
	echo "Stride did not answer /actuator/health within 240 s: see $log" >&2
	return 1
}

stride_stop() {
	if [[ -n "$STRIDE_PID" ]]; then
		kill -TERM "$STRIDE_PID" 2> /dev/null || true
		wait "$STRIDE_PID" 2> /dev/null || true
		STRIDE_PID=
	fi
}

# stride_bench <name>: the HTTP benchmark bench/<name> against the running Stride, on the same JDK.
stride_bench() {
	JAVA_HOME=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v "$STRIDE_JAVA")")")")} \
		./mvnw -q -B -pl "bench/$1" spring-boot:run
}

# stride_up <name>: starts Stride with the local run's profile (log: BENCH_APP_LOG or
# bench/<name>/target/stride-app.log) and lets the demo data and Keycloak settle before measuring.
stride_up() {
	STRIDE_LOG=${BENCH_APP_LOG:-bench/$1/target/stride-app.log}
	stride_prepare
	stride_start "$STRIDE_LOG" --spring.profiles.active=local
	sleep 15
}
