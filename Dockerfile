# Builds the Stride application image (used by docker-compose.yml).
FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw --batch-mode --no-transfer-progress -DskipTests -pl modules/app -am package

FROM eclipse-temurin:21-jre
WORKDIR /app
COPY --from=build /src/modules/app/target/stride-app-*.jar /app/stride.jar
USER 1000
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/stride.jar"]
