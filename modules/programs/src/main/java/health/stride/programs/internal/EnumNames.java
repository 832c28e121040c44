package health.stride.programs.internal;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/** Enum constants named by what a form or a request sent: the exact name, or none (never an exception). */
final class EnumNames {

	private EnumNames() {}

	static <E extends Enum<E>> @Nullable E named(Class<E> type, @Nullable String name) {
		return name == null ? null
				: Arrays.stream(type.getEnumConstants()).filter(it -> it.name().equals(name)).findFirst().orElse(null);
	}
}
