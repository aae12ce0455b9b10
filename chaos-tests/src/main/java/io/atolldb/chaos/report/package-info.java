/**
 * A run's report: operation counts, faults with their unavailability, the checkers' verdicts, as
 * JSON, text and one self-contained HTML page with an SVG timeline.
 */
package io.atolldb.chaos.report;
