package io.atolldb.chaos.check;

import io.atolldb.chaos.history.Op;
import io.atolldb.chaos.history.Outcome;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The Wing-Gong linearizability search with Lowe's memoization (as in Porcupine), for one register.
 *
 * <p>Every operation becomes a call entry and a return entry in one list ordered by time; an operation
 * of unknown outcome returns at infinity. The search walks the list: at a call it tries to linearize
 * that operation next (the model must allow it, and the pair (set of linearized operations, state) must
 * be new), removing its call and return from the list; reaching a return means the operation returning
 * there was not linearized before its response, so the search backtracks. It succeeds when the list is
 * empty. Ties in time count as concurrent (calls sort before returns), which only ever allows more.
 */
final class WglSearch {
    private final List<Op> ops;
    private final int head;
    private final int[] next;
    private final int[] prev;
    private final int[] opOf;
    private final boolean[] isCall;
    private final int[] returnOf;
    private final long maxSteps;

    private WglSearch(List<Op> ops, long maxSteps) {
        this.ops = ops;
        this.maxSteps = maxSteps;
        int entries = 2 * ops.size();
        this.head = entries;
        this.next = new int[entries + 1];
        this.prev = new int[entries + 1];
        this.opOf = new int[entries];
        this.isCall = new boolean[entries];
        this.returnOf = new int[entries];
        record Event(int op, boolean call, long time) {
        }
        List<Event> events = new ArrayList<>(entries);
        for (int i = 0; i < ops.size(); i++) {
            Op op = ops.get(i);
            events.add(new Event(i, true, op.invokeNanos()));
            events.add(new Event(i, false, op.outcome() == Outcome.UNKNOWN ? Long.MAX_VALUE : op.completeNanos()));
        }
        events.sort(Comparator.comparingLong(Event::time).thenComparing(e -> !e.call()).thenComparingInt(Event::op));
        int[] callEntry = new int[ops.size()];
        int[] returnEntry = new int[ops.size()];
        for (int e = 0; e < entries; e++) {
            Event event = events.get(e);
            opOf[e] = event.op();
            isCall[e] = event.call();
            if (event.call()) {
                callEntry[event.op()] = e;
            } else {
                returnEntry[event.op()] = e;
            }
        }
        for (int i = 0; i < ops.size(); i++) {
            returnOf[callEntry[i]] = returnEntry[i];
        }
        int previous = head;
        for (int e = 0; e < entries; e++) {
            next[previous] = e;
            prev[e] = previous;
            previous = e;
        }
        next[previous] = -1;
    }

    /** The outcome of one search. */
    record Result(Verdict verdict, String explanation) {
    }

    /** Searches for a linearization of {@code ops} (all on one key), giving up after {@code maxSteps}. */
    static Result search(List<Op> ops, long maxSteps) {
        return new WglSearch(ops, maxSteps).run();
    }

    private Result run() {
        record Frame(int call, String state) {
        }
        record Seen(BitSet linearized, String state) {
        }
        Deque<Frame> stack = new ArrayDeque<>();
        Set<Seen> cache = new HashSet<>();
        BitSet linearized = new BitSet(ops.size());
        String state = null;
        int deepest = -1;
        String deepestExplanation = "";
        long steps = 0;
        int entry = next[head];
        while (next[head] != -1) {
            if (++steps > maxSteps) {
                return new Result(Verdict.UNDECIDED, "gave up after " + maxSteps + " search steps with "
                        + stack.size() + " of " + ops.size() + " operations linearized");
            }
            if (isCall[entry]) {
                Op op = ops.get(opOf[entry]);
                RegisterModel.Step step = RegisterModel.step(state, op);
                if (step.legal()) {
                    BitSet candidate = (BitSet) linearized.clone();
                    candidate.set(opOf[entry]);
                    if (cache.add(new Seen(candidate, step.state()))) {
                        stack.push(new Frame(entry, state));
                        state = step.state();
                        linearized.set(opOf[entry]);
                        lift(entry);
                        entry = next[head];
                        continue;
                    }
                }
                entry = next[entry];
            } else {
                if (stack.size() > deepest) {
                    deepest = stack.size();
                    deepestExplanation = "no linearization: after linearizing " + stack.size() + " of " + ops.size()
                            + " operations (state " + render(state) + "), none fits before the response of "
                            + ops.get(opOf[entry]).describe();
                }
                if (stack.isEmpty()) {
                    return new Result(Verdict.NOT_LINEARIZABLE, deepestExplanation);
                }
                Frame top = stack.pop();
                state = top.state();
                linearized.clear(opOf[top.call()]);
                unlift(top.call());
                entry = next[top.call()];
            }
        }
        return new Result(Verdict.LINEARIZABLE, "");
    }

    private void lift(int call) {
        unlink(call);
        unlink(returnOf[call]);
    }

    private void unlift(int call) {
        relink(returnOf[call]);
        relink(call);
    }

    private void unlink(int e) {
        next[prev[e]] = next[e];
        if (next[e] != -1) {
            prev[next[e]] = prev[e];
        }
    }

    private void relink(int e) {
        next[prev[e]] = e;
        if (next[e] != -1) {
            prev[next[e]] = e;
        }
    }

    private static String render(String state) {
        return state == null ? "absent" : "\"" + state + "\"";
    }
}
