package org.vigil.scheduler;

/** A resource-level ordering from configuration, resolved to actions once actions exist. */
record OrderSpec(String id, Rsc first, String firstTask, Rsc then, String thenTask, int flags) {}
