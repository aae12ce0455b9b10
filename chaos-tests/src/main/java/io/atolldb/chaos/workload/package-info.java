/**
 * Client traffic through the AWS SDK: the register, set and counter workloads, the clients that run
 * them, and the availability probes; every request is recorded in the history.
 */
package io.atolldb.chaos.workload;
