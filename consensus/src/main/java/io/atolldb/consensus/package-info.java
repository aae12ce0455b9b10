/**
 * Replication for AtollDB: the only package that knows Apache Ratis.
 *
 * <p>A process runs one {@link io.atolldb.consensus.ConsensusServer}, which hosts a replica of many
 * Raft groups (one per partition replica, plus the metadata group). The rest of AtollDB sees only
 * the types of this package: a group's replicated state is a
 * {@link io.atolldb.consensus.ReplicatedStateMachine} made by a
 * {@link io.atolldb.consensus.StateMachineFactory}; commands and replies are plain bytes.
 *
 * <p>Map of the code:
 * <ul>
 *   <li>{@code ConsensusServer}, {@code ConsensusConfig}: the public face.</li>
 *   <li>{@code internal.RaftSettings}: every Ratis property, each with its reason.</li>
 *   <li>{@code internal.StateMachineAdapter}: Ratis callbacks to a ReplicatedStateMachine; how the
 *       applied index survives restarts and snapshot installs.</li>
 *   <li>{@code internal.SnapshotStore}: snapshot directories on disk, as Ratis sees them.</li>
 *   <li>{@code internal.LocalCalls}, {@code internal.Replies}: requests to the local RaftServer
 *       and the one mapping from Ratis errors to ours.</li>
 *   <li>{@code internal.LeadershipPlans}: choosing a successor, priorities for leader transfer.</li>
 * </ul>
 */
package io.atolldb.consensus;
