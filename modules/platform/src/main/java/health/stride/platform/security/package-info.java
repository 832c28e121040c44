/**
 * Who is signed in: the user, their clinic and roles, as every module sees them.
 */
@NullMarked
package health.stride.platform.security;

import org.jspecify.annotations.NullMarked;
