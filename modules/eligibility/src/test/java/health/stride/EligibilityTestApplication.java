package health.stride;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.modulith.Modulithic;

/** Boots the eligibility module on its own (with the shared platform) for its module tests. */
@SpringBootApplication
@Modulithic(sharedModules = "platform")
class EligibilityTestApplication {}
