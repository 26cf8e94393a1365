package dev.partnerauth.launch;

import dev.partnerauth.LaunchRequest;
import java.net.URI;

/** Maps a launch to the absolute URL of the host page it opens (without the launch code). */
@FunctionalInterface
public interface LaunchRoutes {
    URI target(LaunchRequest request);
}
