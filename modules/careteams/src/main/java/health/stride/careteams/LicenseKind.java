package health.stride.careteams;

/** How a therapist may treat patients of a state: a license of that state, or a PT Compact privilege. */
public enum LicenseKind {
	LICENSE, COMPACT_PRIVILEGE
}
