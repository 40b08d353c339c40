/**
 * How code with behaviour over time sees its world: time, timers and randomness come in through these
 * interfaces, so production binds them to the system and the simulator to its virtual event loop.
 */
package org.vigil.world;
