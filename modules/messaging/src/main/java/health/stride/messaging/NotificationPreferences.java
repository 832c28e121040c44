package health.stride.messaging;

/**
 * Whether a person wants emails from Stride. Messaging keeps the choice (the patient's profile
 * page); other modules that email patients ask it here before sending.
 */
public interface NotificationPreferences {

	/** On unless the user turned emails off. */
	boolean emailEnabled(String username);
}
