package io.atolldb.model.expr.legacy;

/** How the legacy conditions of one parameter combine: all must hold (AND, the default) or any (OR). */
public enum ConditionalOperator { AND, OR }
