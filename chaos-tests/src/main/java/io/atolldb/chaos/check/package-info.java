/**
 * Checkers that judge a history: linearizability per key (a Wing-Gong/Lowe search), the set's
 * durability and the counters' bounds. Pure functions of the history; no I/O.
 */
package io.atolldb.chaos.check;
