/** Deterministic discrete-event failure simulator. */
package org.vigil.sim;
