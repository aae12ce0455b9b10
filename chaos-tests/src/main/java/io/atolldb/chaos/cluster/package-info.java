/**
 * Real multi-process clusters on the loopback interface, started from the distribution jar, with
 * process faults (SIGKILL, SIGSTOP/SIGCONT, restart) and every link through the fault proxy.
 */
package io.atolldb.chaos.cluster;
