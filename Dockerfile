# Builds the Stride application image (used by docker-compose.yml).
# The same launch runs outside Docker: bench/stride.sh (extract, train, start) and infra/aot/train.sh.
FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw --batch-mode --no-transfer-progress -DskipTests -pl modules/app -am package \
	&& cp modules/app/target/stride-app-*.jar /stride.jar \
	&& java -Djarmode=tools -jar /stride.jar extract --layers --destination /extracted

FROM eclipse-temurin:25-jre
RUN groupadd --system stride && useradd --system --gid stride --home-dir /app --no-create-home stride
WORKDIR /app
# The libraries first, the application's own classes last: a rebuild that changes only Stride's
# code reuses the layers below it.
COPY --from=build /extracted/dependencies/ ./
COPY --from=build /extracted/spring-boot-loader/ ./
COPY --from=build /extracted/snapshot-dependencies/ ./
COPY --from=build /extracted/application/ ./
COPY infra/jvm.options infra/aot/train.sh ./
# The JDK's AOT cache (JEP 483/514/515), trained here, as the user that runs Stride, so that the JDK,
# the jar files and their paths are the ones the ENTRYPOINT uses. The training run needs no database
# or Keycloak: it starts a throw-away embedded PostgreSQL (see infra/aot/train.sh). Afterwards /app
# and the cache belong to root again: the running application cannot change its code or its cache.
RUN chown stride /app \
	&& runuser -u stride -- /app/train.sh /app \
	&& chown root:root /app /app/stride.aot
USER stride
EXPOSE 8080
# bench/stride.sh checks that this line is unchanged and starts the benchmarks' Stride the same way.
ENTRYPOINT ["java", "@/app/jvm.options", "-XX:AOTCache=/app/stride.aot", "-jar", "/app/stride.jar"]
