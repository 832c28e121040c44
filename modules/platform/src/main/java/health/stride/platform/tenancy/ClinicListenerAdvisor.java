package health.stride.platform.tenancy;

import java.lang.reflect.Method;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.support.AbstractPointcutAdvisor;
import org.springframework.aop.support.StaticMethodMatcherPointcut;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Runs {@link ClinicListener} methods as their event's clinic. Ordered just ahead of the
 * transaction advisor, so the clinic is bound before the listener's transaction begins; the
 * asynchronous advisor wraps both, so the binding happens on the listener's own thread.
 */
class ClinicListenerAdvisor extends AbstractPointcutAdvisor {

	private final StaticMethodMatcherPointcut pointcut = new StaticMethodMatcherPointcut() {

		@Override
		public boolean matches(Method method, Class<?> targetClass) {

			if (!AnnotatedElementUtils.hasAnnotation(method, ClinicListener.class)) {
				return false;
			}
			if (method.getParameterCount() != 1 || !ClinicEvent.class.isAssignableFrom(method.getParameterTypes()[0])) {
				throw new IllegalStateException(
						"A @ClinicListener takes one ClinicEvent, but " + method.toGenericString() + " does not");
			}
			return true;
		}
	};

	private final MethodInterceptor interceptor = (MethodInvocation invocation) -> {
		var event = (ClinicEvent) invocation.getArguments()[0];
		return CurrentTenant.callAs(event.tenant(), () -> proceed(invocation));
	};

	ClinicListenerAdvisor() {
		setOrder(Ordered.LOWEST_PRECEDENCE - 1);
	}

	@Override
	public StaticMethodMatcherPointcut getPointcut() {
		return pointcut;
	}

	@Override
	public MethodInterceptor getAdvice() {
		return interceptor;
	}

	private static Object proceed(MethodInvocation invocation) {
		try {
			return invocation.proceed();
		} catch (RuntimeException | Error e) {
			throw e;
		} catch (Throwable e) {
			throw new IllegalStateException(e);
		}
	}
}
