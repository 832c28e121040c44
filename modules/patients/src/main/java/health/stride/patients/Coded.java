package health.stride.patients;

import java.util.Arrays;
import java.util.Optional;

/** A value of one of the contract's value lists, written in JSON and forms by its code. */
public interface Coded {

	String code();

	static <E extends Enum<E> & Coded> Optional<E> of(Class<E> type, String code) {
		return Arrays.stream(type.getEnumConstants()).filter(it -> it.code().equals(code)).findFirst();
	}
}
