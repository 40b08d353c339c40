/**
 * The pipeline stages that belong to no single concept: {@code UnpackConfigStage} (cluster properties),
 * {@code AssignStage} (resources to nodes in priority order), {@code ActionsStage} (fencing and resource actions,
 * internal and configured orderings), {@code PropagateStage} (optional/runnable flags along orderings),
 * {@code SummaryStage} (crm_simulate's Transition Summary), {@code MonitorsStage} (recurring monitors and probes)
 * and {@code NotificationsStage} (clone notifications). Helpers of these stages: {@code RecurringCancels},
 * {@code Unfencing}, {@code PendingProbes}.
 */
package org.vigil.scheduler.stage;
