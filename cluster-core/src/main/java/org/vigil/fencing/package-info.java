/**
 * The fencing daemon: reads fence devices ({@code class="stonith"} primitives) and the fencing topology
 * from the CIB, picks the devices able to fence a node, runs them through a {@link org.vigil.fencing.FenceAgentRunner},
 * and confirms (or refuses to confirm) that the node is off. Time, timers, randomness and the event thread
 * come in from outside, so the same code runs in the daemon and under test with virtual time.
 */
package org.vigil.fencing;
