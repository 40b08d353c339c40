/**
 * Constraints between resources and nodes: the resolved forms {@code LocationRule}, {@code Colocation} and
 * {@code OrderSpec}; {@code UnpackConstraintsStage}, which reads rsc_location, rsc_colocation and rsc_order
 * (with sets and tags) into them; {@code LocationStage} (location scores, stickiness, failure bans),
 * {@code TicketStage} (rsc_ticket and its loss-policy) and {@code RemoteConstraints} (the implicit constraints
 * of remote and guest nodes). Colocations are applied by the resource variants during assignment, orderings by
 * the actions stage.
 */
package org.vigil.scheduler.constraint;
