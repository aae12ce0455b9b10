package io.atolldb.router.api;

/** Which attributes a Query or Scan returns, or only their count. */
public enum Select { ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES, SPECIFIC_ATTRIBUTES, COUNT }
