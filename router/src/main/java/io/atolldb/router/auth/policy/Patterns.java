package io.atolldb.router.auth.policy;

import java.util.List;

/**
 * The values of an Action/NotAction or Resource/NotResource element. A statement with NotAction applies to every
 * action except those listed (it grants or denies nothing about the listed ones); NotResource likewise.
 *
 * @param values  the patterns as written, with their {@code *} and {@code ?} wildcards
 * @param negated true for NotAction or NotResource
 */
public record Patterns(List<String> values, boolean negated) {
    public Patterns {
        values = List.copyOf(values);
    }
}
