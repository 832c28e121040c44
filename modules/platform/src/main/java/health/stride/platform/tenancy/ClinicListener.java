package health.stride.platform.tenancy;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.modulith.events.ApplicationModuleListener;

/**
 * A module listener that works as the clinic its event happened in: after the publishing
 * transaction committed, on its own thread, in a new transaction that row-level security confines
 * to the event's clinic. The method's single parameter is a {@link ClinicEvent}.
 * <p>
 * The clinic is bound before the transaction begins (the transaction hands it to PostgreSQL when it
 * takes its connection), so the listener's body never names a tenant:
 *
 * <pre>
 * &#64;ClinicListener
 * void on(PatientEnrolled event) {
 *     entries.enrolled(event.patient(), event.enrolledAt());
 * }
 * </pre>
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ApplicationModuleListener
public @interface ClinicListener {}
