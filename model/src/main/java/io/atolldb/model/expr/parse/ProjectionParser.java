package io.atolldb.model.expr.parse;

import io.atolldb.model.expr.ast.ExpressionKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Parses a ProjectionExpression: {@code path ( ',' path )*}. No word is a keyword here. */
final class ProjectionParser extends TokenCursor {

    private ProjectionParser(String text) {
        super(text, ExpressionKind.PROJECTION, Set.of());
    }

    static List<Syntax.PathNode> parse(String text) {
        var parser = new ProjectionParser(text);
        var paths = new ArrayList<Syntax.PathNode>();
        paths.add(parser.path());
        while (parser.peek().is(",")) {
            parser.next();
            paths.add(parser.path());
        }
        parser.expectEnd();
        return paths;
    }
}
