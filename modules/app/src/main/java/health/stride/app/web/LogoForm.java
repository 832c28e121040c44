package health.stride.app.web;

import org.jspecify.annotations.Nullable;

/** Holds the logo upload's field errors; the file itself comes as a multipart part. */
record LogoForm(@Nullable String logo) {}
