/**
 * Constraints, one class per kind holding its unpacking and its application:
 * <ul>
 *   <li>{@code LocationConstraints}: rsc_location into {@code LocationRule}s, applied as node scores by the
 *       location stage ({@code LocationStage}, which also adds stickiness, failure bans and node health);</li>
 *   <li>{@code ColocationConstraints}: rsc_colocation into {@code Colocation}s kept on both resources; the
 *       resource variants apply them while assigning;</li>
 *   <li>{@code OrderConstraints}: rsc_order into {@code OrderSpec}s, turned into edges between actions once the
 *       actions exist;</li>
 *   <li>{@code TicketStage}: rsc_ticket and its loss-policy.</li>
 * </ul>
 * {@code UnpackConstraintsStage} reads the constraints section and hands each to its kind;
 * {@code ResourceReferences} resolves the resources a constraint names (ids, templates, tags, sets);
 * {@code RemoteConstraints} holds the implicit constraints of remote and guest nodes.
 */
package org.vigil.scheduler.constraint;
