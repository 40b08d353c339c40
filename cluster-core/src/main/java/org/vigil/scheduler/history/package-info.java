/**
 * Operation history: {@code UnpackHistoryStage} reads each node's lrm_rsc_op entries (Pacemaker's
 * unpack_lrm_resources / unpack_rsc_op) into the current role of every resource on every node, its failures
 * and their on-fail handling. Its pieces: {@code InstanceResolution} (which resource an entry is about: a
 * primitive, a clone instance, or a new orphan), {@code OperationResults} (the result table: the rc and status of
 * each operation, in call order, into a role, a last failure and bans) and {@code OnFail} (the on-fail policy of a
 * failure). Helpers: {@code NodeHistory} / {@code NodeHistories} (what the history says about one primitive on
 * one node), {@code MigrationHistory} (partial migrations), {@code DigestCheck} and {@code ParameterDigests}
 * (parameter changes that force a restart or reload), {@code ShutdownLocks}, and {@code HistoryPlans} (a cache of
 * how a history was read, kept between runs).
 */
package org.vigil.scheduler.history;
