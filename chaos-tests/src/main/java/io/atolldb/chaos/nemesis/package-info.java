/**
 * The nemesis: the seeded fault schedule and the injection and healing of each fault, with its
 * composite targets (a partition's leader, a zone, the metadata leader).
 */
package io.atolldb.chaos.nemesis;
