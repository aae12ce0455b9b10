/**
 * Operation histories: what each client invoked, when, and what it learned (ok, failed, unknown), kept
 * in memory and as JSON lines so a run can be checked again later.
 */
package io.atolldb.chaos.history;
