package health.stride.patients;

/**
 * One activity of the Patient-Specific Functional Scale: something the patient finds hard, rated
 * from 0 (cannot do it) to 10 (can do it as before).
 */
public record PsfsItem(String activity, int score) {}
