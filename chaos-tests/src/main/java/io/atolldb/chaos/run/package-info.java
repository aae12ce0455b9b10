/**
 * One chaos run end to end: cluster, table, workloads, nemesis schedule, heal, final reads, checks,
 * report.
 */
package io.atolldb.chaos.run;
