package io.atolldb.model.expr.parse;

import io.atolldb.model.expr.ast.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The syntax tree the parsers build: what was written, before any meaning is checked. Function calls
 * keep any name and argument count, placeholders are unresolved and parentheses are kept, so that
 * the checkers can report DynamoDB's semantic errors in DynamoDB's order after a successful parse.
 */
sealed interface Syntax {

    /** The direct children, in the order they were written. */
    default List<Syntax> children() {
        return List.of();
    }

    /** This node and all below it, in the order written (parents first). */
    default Stream<Syntax> preorder() {
        return Stream.concat(Stream.of(this), children().stream().flatMap(Syntax::preorder));
    }

    /** A document path as written: names, {@code #placeholders} and list indexes. */
    record PathNode(List<Segment> segments) implements Syntax {
        public PathNode {
            segments = List.copyOf(segments);
        }
    }

    /** One step of a written path. */
    sealed interface Segment {
        record Name(String name) implements Segment {
        }

        record NameRef(String placeholder) implements Segment {
        }

        record Index(int index) implements Segment {
        }
    }

    record ValueRef(String placeholder) implements Syntax {
    }

    record Call(String name, List<Syntax> arguments) implements Syntax {
        public Call {
            arguments = List.copyOf(arguments);
        }

        @Override
        public List<Syntax> children() {
            return arguments;
        }
    }

    record Parens(Syntax inner) implements Syntax {
        @Override
        public List<Syntax> children() {
            return List.of(inner);
        }
    }

    record Compare(Comparator comparator, Syntax left, Syntax right) implements Syntax {
        @Override
        public List<Syntax> children() {
            return List.of(left, right);
        }
    }

    record Between(Syntax value, Syntax lower, Syntax upper) implements Syntax {
        @Override
        public List<Syntax> children() {
            return List.of(value, lower, upper);
        }
    }

    record In(Syntax value, List<Syntax> candidates) implements Syntax {
        public In {
            candidates = List.copyOf(candidates);
        }

        @Override
        public List<Syntax> children() {
            return Stream.concat(Stream.of(value), candidates.stream()).toList();
        }
    }

    record And(Syntax left, Syntax right) implements Syntax {
        @Override
        public List<Syntax> children() {
            return List.of(left, right);
        }
    }

    record Or(Syntax left, Syntax right) implements Syntax {
        @Override
        public List<Syntax> children() {
            return List.of(left, right);
        }
    }

    record Not(Syntax inner) implements Syntax {
        @Override
        public List<Syntax> children() {
            return List.of(inner);
        }
    }

    /** {@code left + right} or {@code left - right} in a SET action. */
    record Arithmetic(char operator, Syntax left, Syntax right) implements Syntax {
        @Override
        public List<Syntax> children() {
            return List.of(left, right);
        }
    }

    /**
     * An operand standing where a condition was expected, directly before a closing parenthesis. Only
     * the parser uses it: the enclosing parentheses decide whether they wrap an operand (followed by
     * a comparison) or are a syntax error.
     */
    record Bare(Syntax operand) implements Syntax {
        @Override
        public List<Syntax> children() {
            return List.of(operand);
        }
    }

    /** A whole update expression: its clauses in the order written. */
    record Update(List<Clause> clauses) {
        public Update {
            clauses = List.copyOf(clauses);
        }
    }

    /** One clause: its keyword in upper case (SET, REMOVE, ADD or DELETE) and its actions. */
    record Clause(String keyword, List<Action> actions) {
        public Clause {
            actions = List.copyOf(actions);
        }
    }

    /** One action: the target path and, except for REMOVE, the value (for ADD and DELETE a {@link ValueRef}). */
    record Action(PathNode path, Optional<Syntax> value) {
    }
}
