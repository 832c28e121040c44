package health.stride;

import static org.assertj.core.api.Assertions.*;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.EventType;

import com.tngtech.archunit.core.domain.JavaClass;

import health.stride.eligibility.MemberTerminated;
import health.stride.messaging.MessageSent;
import health.stride.patients.IntakeCompleted;
import health.stride.platform.tenancy.TenantId;
import health.stride.programs.ExerciseSessionLogged;

/**
 * Every publication is stored in {@code event_publication}, one table for all clinics, outside
 * row-level security: an event may carry the tenant, ids, times and enum codes, never a clinical
 * value. Listeners that need one ask the publishing module's API.
 */
class EventPayloadTests {

	static final Set<Class<?>> VALUES = Set.of(TenantId.class, UUID.class, Instant.class, LocalDate.class,
			OffsetDateTime.class);

	@Test
	void findsTheEventsOfEveryModule() {
		assertThat(events()).contains(IntakeCompleted.class, ExerciseSessionLogged.class, MemberTerminated.class,
				MessageSent.class);
	}

	@Test
	void carryOnlyTheTenantIdsTimesAndCodes() {

		var violations = new TreeSet<String>();
		for (var event : events()) {
			assertThat(event.isRecord()).as("%s is a record", event.getName()).isTrue();
			for (var component : event.getRecordComponents()) {
				if (!allowed(component)) {
					violations.add(event.getSimpleName() + "." + component.getName() + " ("
							+ component.getGenericType().getTypeName() + ")");
				}
			}
		}

		assertThat(violations).as("event components that may carry PHI").isEmpty();
	}

	record Leaky(TenantId tenant, PleaseId patient, int painNow, String state, boolean flare, long count) {}

	record PleaseId(UUID id) {}

	@Test
	void refusesScoresTextFlagsAndCountsButTakesIds() {
		assertThat(Stream.of(Leaky.class.getRecordComponents()).filter(it -> !allowed(it)).map(RecordComponent::getName))
				.containsExactly("painNow", "state", "flare", "count");
	}

	static boolean allowed(RecordComponent component) {
		var type = component.getType();
		return VALUES.contains(type) || type.isEnum() || isId(type)
				// a plan's revision number: it keys the notice posted per change and says nothing clinical
				|| (type == long.class && component.getName().equals("version"))
				// an episode of care's number (1, 2, ...): it keys the episode and says nothing clinical
				|| (type == int.class && component.getName().equals("episode"))
				// a completed visit's length in minutes, as its times would tell: it counts for the clinic's reports
				|| (type == int.class && component.getName().equals("minutes"));
	}

	/** A value object naming one thing: a record called {@code *Id} around a single UUID or string. */
	static boolean isId(Class<?> type) {
		return type.isRecord() && type.getSimpleName().endsWith("Id") && type.getRecordComponents().length == 1
				&& Set.of(UUID.class, String.class).contains(type.getRecordComponents()[0].getType());
	}

	/**
	 * What the modules listen to and publish, as Spring Modulith sees it, and every top-level record
	 * that starts with the tenant (the shape of Stride's events), so an event nobody listens to yet
	 * is checked before a listener makes it a stored publication.
	 */
	static Set<Class<?>> events() {

		var modules = ModularityTests.MODULES;
		var found = new ArrayList<JavaClass>();
		for (var module : modules) {
			found.addAll(module.getEventsListenedTo(modules));
			module.getPublishedEvents().stream().map(EventType::getType).forEach(found::add);
			module.getBasePackage().stream().filter(EventPayloadTests::startsWithTenant).forEach(found::add);
		}
		var events = new java.util.TreeMap<String, Class<?>>();
		found.stream().filter(it -> it.getPackageName().startsWith("health.stride"))
				.<Class<?>> map(JavaClass::reflect).forEach(it -> events.put(it.getName(), it));
		return Set.copyOf(events.values());
	}

	static boolean startsWithTenant(JavaClass type) {
		var reflected = type.reflect();
		return reflected.isRecord() && !reflected.isMemberClass() && reflected.getRecordComponents().length > 0
				&& reflected.getRecordComponents()[0].getType() == TenantId.class;
	}
}
