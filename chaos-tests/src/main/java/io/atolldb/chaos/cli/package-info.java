/**
 * The {@code atoll chaos} command.
 */
package io.atolldb.chaos.cli;
