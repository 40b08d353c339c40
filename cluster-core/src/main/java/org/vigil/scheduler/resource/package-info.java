/**
 * The resource variants, behind one sealed class {@code Rsc}: {@code PrimitiveRsc} (a primitive, or one
 * instance of a cloned primitive), {@code GroupRsc}, {@code CloneRsc} (anonymous or unique),
 * {@code PromotableCloneRsc} (a clone whose promoted instances {@code PromotionRoles} chooses) and
 * {@code BundleRsc}. Each variant carries its own
 * assignment, colocation, action creation and summary, as Pacemaker's method table does
 * ({@code pcmk_sched_primitive.c}, {@code _group.c}, {@code _clone.c}, {@code _bundle.c}). Callers ask the
 * variant ({@code isCollective}, {@code isAnonymousClone}, {@code interleaves}, {@code topActions},
 * {@code actionsBelow}, {@code firstMember}, ...) rather than test its class.
 *
 * <p>Also here: {@code UnpackResourcesStage}, which builds the resource tree from the configuration (effective
 * meta-attributes, templates, clone instances); the actions of one primitive ({@code PrimitiveActions}) and the
 * pseudo actions of collectives ({@code CollectiveActions}); the summary wording of a primitive
 * ({@code PrimitiveSummary}); and {@code Utilization} (placement-strategy capacities).
 */
package org.vigil.scheduler.resource;
