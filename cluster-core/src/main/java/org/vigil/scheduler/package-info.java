/**
 * The scheduler (policy engine): a pure function from a CIB and an instant to a {@link org.vigil.scheduler.Transition}.
 *
 * <p>This package holds the facade ({@link org.vigil.scheduler.Scheduler}, {@link org.vigil.scheduler.StatusReader})
 * and what it returns ({@link org.vigil.scheduler.Transition}, {@link org.vigil.scheduler.ClusterView},
 * {@link org.vigil.scheduler.StatusReading}), plus the scratch state every stage shares: the {@code WorkingSet} of
 * one run, its {@code Action}s and ordering {@code Edge}s, the {@code Explanation} that records every score, and
 * {@code MetaAttributes} (nvsets with rules).
 *
 * <p>The work is an explicit pipeline of {@link org.vigil.scheduler.Stage} objects run in a fixed order over one
 * working set (see {@code Scheduler.PIPELINE}):
 * <ol>
 *   <li>unpack: cluster properties ({@code stage}), nodes ({@code node}), the resource tree ({@code resource}),
 *       operation history ({@code history}), constraints ({@code constraint});</li>
 *   <li>place: location scores and stickiness, tickets ({@code constraint}), then assignment ({@code stage},
 *       driving each resource variant's own {@code assign});</li>
 *   <li>act: actions and orderings, flag propagation, summary lines, recurring monitors, clone notifications
 *       ({@code stage}, calling each variant's {@code createActions} and {@code summarize}).</li>
 * </ol>
 * Sub-packages: {@code resource} (the variants), {@code node} (nodes as the scheduler sees them),
 * {@code constraint} (location, colocation, order, ticket), {@code history} (operation history), {@code stage}
 * (the stages that are not owned by one of those concepts). Every score contribution is recorded so that
 * {@code crm simulate --explain} can say why.
 */
package org.vigil.scheduler;
