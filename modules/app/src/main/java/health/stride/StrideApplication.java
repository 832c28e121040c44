package health.stride;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.modulith.Modulithic;

/**
 * Stride: exercise therapy at a distance for physical-therapy clinics, as one modular monolith.
 * The modules live in their own jars under {@code health.stride.<module>}; the platform kernel
 * is shared by all of them.
 */
@SpringBootApplication
@Modulithic(systemName = "Stride", sharedModules = "platform")
public class StrideApplication {

	public static void main(String[] args) {
		SpringApplication.run(StrideApplication.class, args);
	}
}
