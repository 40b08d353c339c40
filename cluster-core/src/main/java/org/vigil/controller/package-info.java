/**
 * The cluster controller: the designated controller (DC) that schedules and executes transitions, and the
 * local resource manager (LRM) each node runs. Deterministic: time, timers, transport, agents and fencing
 * come in through interfaces, so the simulator drives this same code.
 */
package org.vigil.controller;
