/**
 * The scheduler (policy engine): a pure function from a CIB and an instant to a {@link org.vigil.scheduler.Transition}.
 *
 * <p>The work is an explicit pipeline of {@link org.vigil.scheduler.Stage} objects run over one
 * {@code WorkingSet}: unpack configuration, nodes, resources and operation history; apply location scores
 * and stickiness; add the implicit constraints of groups and clones; assign resources to nodes; create
 * actions; apply orderings and propagate the optional/runnable flags; summarise. Each resource variant
 * (primitive, group, clone) carries its own assignment and action logic, as Pacemaker's method table does.
 * Every score contribution is recorded so that {@code crm simulate --explain} can say why.
 */
package org.vigil.scheduler;
