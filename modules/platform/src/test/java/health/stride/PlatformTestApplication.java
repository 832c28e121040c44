package health.stride;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.modulith.Modulithic;

/** Boots the platform kernel alone for its tests. */
@SpringBootApplication
@Modulithic(sharedModules = "platform")
class PlatformTestApplication {}
