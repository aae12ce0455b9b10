package io.atolldb.model.expr;

import static io.atolldb.model.expr.TestValues.item;
import static io.atolldb.model.expr.TestValues.l;
import static io.atolldb.model.expr.TestValues.m;
import static io.atolldb.model.expr.TestValues.n;
import static io.atolldb.model.expr.TestValues.nul;
import static io.atolldb.model.expr.TestValues.s;
import static org.assertj.core.api.Assertions.assertThat;

import io.atolldb.model.Item;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Projection, checking the Developer Guide, "Projection expressions", and DynamoDB's list-index behaviour. */
class ProjectionTest {
    private static final Item ITEM = item("id", s("k"), "a", n("1"),
            "mylist", l(s("zero"), s("one"), s("two"), s("three")),
            "maps", l(m("val", s("a0"), "x", s("x0")), m("val", s("a1")), m("val", s("a2"), "x", s("x2"))),
            "nulls", l(s("keep0"), nul(), s("keep2")),
            "deep", m("l1", m("l2", m("l3", s("bottom"), "sib", s("s")))));

    private static Item project(String expression, Map<String, String> names) {
        return Expressions.project(Expressions.projection(expression, names), ITEM);
    }

    private static Item project(String expression) {
        return project(expression, Map.of());
    }

    @Test
    void topLevelAttributesAreCopiedWhole() {
        assertThat(project("a, mylist")).isEqualTo(item("a", n("1"), "mylist", ITEM.get("mylist")));
    }

    @Test
    void nestedMapPathsKeepTheirStructureAndDropSiblings() {
        assertThat(project("deep.l1.l2.l3")).isEqualTo(item("deep", m("l1", m("l2", m("l3", s("bottom"))))));
    }

    @Test
    void listElementsAreCompactedInTheirOriginalOrder() {
        assertThat(project("mylist[2], mylist[0]")).isEqualTo(item("mylist", l(s("zero"), s("two"))));
        assertThat(project("maps[0].val, maps[2].val")).isEqualTo(item("maps", l(m("val", s("a0")), m("val", s("a2")))));
        assertThat(project("nulls[1]")).isEqualTo(item("nulls", l(nul())));
        assertThat(project("nulls[0], nulls[2]")).isEqualTo(item("nulls", l(s("keep0"), s("keep2"))));
    }

    @Test
    void pathsThatDoNotExistAreLeftOutWithEmptyParents() {
        assertThat(project("absent, mylist[9], deep.l1.nothing, a.b, maps[1].x")).isEqualTo(item());
        assertThat(project("maps[0].x, maps[1].x")).isEqualTo(item("maps", l(m("x", s("x0")))));
    }

    @Test
    void placeholdersNameAnyAttribute() {
        assertThat(project("#d.#l1", Map.of("#d", "deep", "#l1", "l1"))).isEqualTo(item("deep", ITEM.get("deep")));
    }
}
